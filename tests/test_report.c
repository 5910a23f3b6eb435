/* test_report.c - the findings of a check run: their order, counts and
 * JSON form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "check/report.h"
#include "support.h"

/* ---- a strict JSON checker, independent of the library ------------- */

typedef struct {
	const unsigned char *p;
	int depth;
} json_in;

static bool json_value(json_in *in);

static void
json_ws(json_in *in)
{
	while (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' ||
	    *in->p == '\r')
		in->p++;
}

/* A string: no raw control characters, valid escapes, valid UTF-8. */
static bool
json_string(json_in *in)
{
	const unsigned char *p = in->p;
	int i, n;

	if (*p++ != '"')
		return false;
	for (;;) {
		if (*p == '"') {
			in->p = p + 1;
			return true;
		}
		if (*p < 0x20)
			return false;   /* also the end of the text */
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (i = 1; i <= 4; i++)
					if (p[i] == '\0' || !strchr(
					    "0123456789abcdefABCDEF", p[i]))
						return false;
				p += 5;
			} else if (*p != '\0' && strchr("\"\\/bfnrt", *p)) {
				p++;
			} else {
				return false;
			}
			continue;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		n = *p >= 0xf0 && *p <= 0xf4 ? 3 : *p >= 0xe0 ? 2 :
		    *p >= 0xc2 && *p <= 0xdf ? 1 : -1;
		if (n < 0 || *p > 0xf4)
			return false;
		for (i = 1; i <= n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += n + 1;
	}
}

static bool
json_number(json_in *in)
{
	const unsigned char *p = in->p;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return false;
	in->p = p;
	return true;
}

static bool
json_literal(json_in *in, const char *word)
{
	size_t n = strlen(word);

	if (strncmp((const char *)in->p, word, n) != 0)
		return false;
	in->p += n;
	return true;
}

static bool
json_container(json_in *in, char open, char close)
{
	bool object = open == '{';

	if (*in->p != (unsigned char)open || ++in->depth > 32)
		return false;
	in->p++;
	json_ws(in);
	if (*in->p == (unsigned char)close) {
		in->p++;
		in->depth--;
		return true;
	}
	for (;;) {
		json_ws(in);
		if (object) {
			if (!json_string(in))
				return false;
			json_ws(in);
			if (*in->p++ != ':')
				return false;
		}
		if (!json_value(in))
			return false;
		json_ws(in);
		if (*in->p == ',') {
			in->p++;
			continue;
		}
		if (*in->p != (unsigned char)close)
			return false;
		in->p++;
		in->depth--;
		return true;
	}
}

static bool
json_value(json_in *in)
{
	json_ws(in);
	switch (*in->p) {
	case '{': return json_container(in, '{', '}');
	case '[': return json_container(in, '[', ']');
	case '"': return json_string(in);
	case 't': return json_literal(in, "true");
	case 'f': return json_literal(in, "false");
	case 'n': return json_literal(in, "null");
	default:  return json_number(in);
	}
}

static void
assert_valid_json(const char *text)
{
	json_in in = { (const unsigned char *)text, 0 };

	if (!json_value(&in) || (json_ws(&in), *in.p != '\0'))
		fail_msg("not valid JSON at byte %td: %s",
		    (const char *)in.p - text, text);
}

static void
test_report__json_checker_rejects_bad_json(void **state)
{
	static const char *const bad[] = {
		"{\"a\":\"x\ny\"}", "{\"a\":\"\\q\"}", "{\"a\":1,}", "[1 2]",
		"{\"a\":\"\xff\"}", "{\"a\":tru}", "{\"a\":\"open}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_in in = { (const unsigned char *)bad[i], 0 };

		if (json_value(&in) && (json_ws(&in), *in.p == '\0'))
			fail_msg("accepted %s", bad[i]);
	}
	assert_valid_json("{\"ok\":true,\"n\":[0,12,-3],\"s\":\"\\u001f\\\"é\"}");
}

/* ---- reports built by hand ------------------------------------------ */

static cp_report *
new_report(void)
{
	cp_report *r = cp__report_new();

	assert_non_null(r);
	return r;
}

static void
test_report__json_of_an_empty_report(void **state)
{
	cp_report *r = new_report();
	char *json = NULL;

	(void)state;
	assert_int_equal(cp_report_to_json(&json, r, NULL), CP_OK);
	assert_string_equal(json, "{\"ok\":true,\"errors\":0,\"warnings\":0,"
	    "\"notices\":0,\"findings\":[]}");
	free(json);
	cp_report_free(r);
}

static void
test_report__json_shape(void **state)
{
	cp_report *r = new_report();
	char *json = NULL;

	(void)state;
	assert_int_equal(cp__report_add(r, 0, "name-partial", "d1", "a.pdf",
	    "partial %d", 1), CP_OK);
	assert_int_equal(cp__report_add(r, 1, "total-mismatch", "e1", NULL,
	    "sums differ by %s", "50.00"), CP_OK);
	cp__report_sort(r);
	assert_int_equal(cp_report_to_json(&json, r, NULL), CP_OK);
	assert_string_equal(json,
	    "{\"ok\":false,\"errors\":1,\"warnings\":1,\"notices\":0,"
	    "\"findings\":["
	    "{\"check\":\"total-mismatch\",\"severity\":\"error\","
	    "\"document\":\"e1\",\"file\":\"\","
	    "\"message\":\"sums differ by 50.00\"},"
	    "{\"check\":\"name-partial\",\"severity\":\"warning\","
	    "\"document\":\"d1\",\"file\":\"a.pdf\","
	    "\"message\":\"partial 1\"}]}");
	assert_valid_json(json);
	free(json);
	cp_report_free(r);
}

static void
test_report__json_escapes_quotes_and_control_characters(void **state)
{
	cp_report *r = new_report();
	char *json = NULL;

	(void)state;
	assert_int_equal(cp__report_add(r, 0, "name-alias",
	    "say \"hi\"", "C:\\scans\\a.pdf",
	    "line 1\nline 2\r\ttab \x01 bell\x07 del\x7f 瑞金 end"), CP_OK);
	assert_int_equal(cp_report_to_json(&json, r, NULL), CP_OK);
	assert_valid_json(json);
	ts_assert_contains(json, "\"document\":\"say \\\"hi\\\"\"");
	ts_assert_contains(json, "\"file\":\"C:\\\\scans\\\\a.pdf\"");
	ts_assert_contains(json, "\"message\":\"line 1\\nline 2\\r\\ttab "
	    "\\u0001 bell\\u0007 del");
	/* UTF-8 text is kept as it is. */
	ts_assert_contains(json, " 瑞金 end\"");
	assert_null(strchr(json, '\n'));
	assert_null(strchr(json, '\x01'));
	free(json);
	cp_report_free(r);
}

static void
test_report__order_is_severity_then_manifest_order(void **state)
{
	cp_report *r = new_report();
	/* The ids give the severities (an error, a warning, a notice); the
	 * messages tell the findings apart. */
	static const struct {
		size_t order;
		const char *check;
		const char *message;
	} adds[] = {
		{ 5, "name-alias", "n5" },
		{ 3, "name-partial", "w3" },
		{ 9, "name-mismatch", "e9" },
		{ 1, "name-partial", "w1" },
		{ 2, "name-mismatch", "e2-first" },
		{ 2, "name-mismatch", "e2-second" },
		{ 0, "name-alias", "n0" },
	};
	static const char *const want[] = {
		"e2-first", "e2-second", "e9", "w1", "w3", "n0", "n5"
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(adds) / sizeof(adds[0]); i++)
		assert_int_equal(cp__report_add(r, adds[i].order, adds[i].check,
		    NULL, NULL, "%s", adds[i].message), CP_OK);
	cp__report_sort(r);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_string_equal(cp_report_at(r, i)->message, want[i]);
	cp_report_free(r);
}

static void
test_report__counts(void **state)
{
	cp_report *r = new_report();
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		cp__report_add(r, i, "total-mismatch", "d", "f", "m");
	for (i = 0; i < 2; i++)
		cp__report_add(r, i, "recommended-missing", "d", "f", "m");
	cp__report_add(r, 0, "file-extension", "d", "f", "m");
	/* Past the first growth of the list. */
	for (i = 0; i < 40; i++)
		cp__report_add(r, i, "pdf-restricted", "d", "f", "m%zu", i);
	cp__report_sort(r);
	assert_int_equal(cp_report_count(r), 46);
	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_ERROR), 3);
	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_WARNING), 2);
	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_NOTICE), 41);
	assert_non_null(cp_report_at(r, 45));
	assert_null(cp_report_at(r, 46));
	assert_null(cp_report_at(r, (size_t)-1));
	assert_string_equal(cp_report_at(r, 45)->message, "m39");
	cp_report_free(r);
}

/* A finding's severity is its id's, from the registry. */
static void
test_report__severity_comes_from_the_registry(void **state)
{
	cp_report *r = new_report();

	(void)state;
	assert_int_equal(cp__report_add(r, 0, "image-broken", "d", "a.jpg",
	    "m"), CP_OK);
	assert_int_equal(cp__report_add(r, 0, "file-duplicate", "d", "a.jpg",
	    "m"), CP_OK);
	assert_int_equal(cp__report_add(r, 0, "pdf-restricted", "d", "a.pdf",
	    "m"), CP_OK);
	assert_int_equal(cp__report_add(r, 0, "glyph-missing", NULL, NULL,
	    "m"), CP_OK);
	cp__report_sort(r);
	assert_string_equal(cp_report_at(r, 0)->check, "image-broken");
	assert_int_equal(cp_report_at(r, 0)->severity, CP_SEVERITY_ERROR);
	assert_string_equal(cp_report_at(r, 1)->check, "file-duplicate");
	assert_int_equal(cp_report_at(r, 1)->severity, CP_SEVERITY_WARNING);
	assert_string_equal(cp_report_at(r, 2)->check, "glyph-missing");
	assert_int_equal(cp_report_at(r, 2)->severity, CP_SEVERITY_WARNING);
	assert_string_equal(cp_report_at(r, 3)->check, "pdf-restricted");
	assert_int_equal(cp_report_at(r, 3)->severity, CP_SEVERITY_NOTICE);
	cp_report_free(r);
}

/* An id the registry does not hold cannot be added, and the report
 * stays as it was and usable. */
static void
test_report__unregistered_id_is_refused(void **state)
{
	cp_report *r = new_report();
	char *json = NULL;

	(void)state;
	assert_int_equal(cp__report_add(r, 0, "image-broken", "d", "a.jpg",
	    "cut short"), CP_OK);
	assert_int_equal(cp__report_add(r, 0, "image-brokn", "d", "a.jpg",
	    "typo"), CP_EINVAL);
	assert_int_equal(cp__report_add(r, 0, "file-", "d", "a.pdf", "m"),
	    CP_EINVAL);
	assert_int_equal(cp__report_add(r, 0, "", "d", "a.pdf", "m"),
	    CP_EINVAL);
	assert_int_equal(cp__report_add(r, 0, NULL, "d", "a.pdf", "m"),
	    CP_EINVAL);
	assert_int_equal(cp_report_count(r), 1);
	assert_int_equal(cp__report_add(r, 1, "name-alias", "d2", NULL, "m"),
	    CP_OK);
	assert_int_equal(cp_report_count(r), 2);
	assert_int_equal(cp_report_to_json(&json, r, NULL), CP_OK);
	assert_null(strstr(json, "typo"));
	assert_valid_json(json);
	free(json);
	cp_report_free(r);
}

/* cp_report_append copies findings as they are, severity included. */
static void
test_report__append_keeps_each_finding(void **state)
{
	cp_report *src = new_report(), *dst = new_report();
	const cp_finding *f;

	(void)state;
	assert_int_equal(cp__report_add(src, 3, "invoice-unreachable", "fp",
	    "fp.pdf", "could not be verified"), CP_OK);
	assert_int_equal(cp__report_add(dst, 1, "name-partial", "lab", NULL,
	    "partial"), CP_OK);
	assert_int_equal(cp_report_append(dst, src, NULL), CP_OK);
	assert_int_equal(cp_report_count(dst), 2);
	f = cp_report_at(dst, 1);
	assert_string_equal(f->check, "invoice-unreachable");
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	assert_string_equal(f->document, "fp");
	assert_string_equal(f->file, "fp.pdf");
	assert_string_equal(f->message, "could not be verified");
	cp_report_free(src);
	cp_report_free(dst);
}

static void
test_report__null_report_is_empty(void **state)
{
	(void)state;
	assert_int_equal(cp_report_count(NULL), 0);
	assert_null(cp_report_at(NULL, 0));
	assert_int_equal(cp_report_count_severity(NULL, CP_SEVERITY_ERROR), 0);
	cp_report_free(NULL);
}

static void
test_report__severity_names(void **state)
{
	(void)state;
	assert_string_equal(cp_severity_name(CP_SEVERITY_ERROR), "error");
	assert_string_equal(cp_severity_name(CP_SEVERITY_WARNING), "warning");
	assert_string_equal(cp_severity_name(CP_SEVERITY_NOTICE), "notice");
}

/* ---- reports of check runs ------------------------------------------- */

/*
 * A claim with findings of every severity: d1 is missing (error) and
 * has a name from the aliases (notice), d2 has a partial name (warning),
 * d3 has another person's name (error), and the stay has no discharge
 * summary (error) nor lab report (warning).
 */
static const cp_report *
mixed_claim(ts_fixture *fx)
{
	ts_write_standard_files(fx);
	return ts_check(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: 2026-11-01\n"
	    "patient:\n"
	    "  name: \"SMITH, John Alexander\"\n"
	    "  passport: E12345678\n"
	    "  aliases: [约翰·史密斯]\n"
	    TS_STAY
	    "documents:\n"
	    "  - id: d1\n"
	    "    type: prescription\n"
	    "    files: gone.pdf\n"
	    "    date: 2026-10-02\n"
	    "    name: 约翰·史密斯\n"
	    "  - id: d2\n"
	    "    type: imaging_report\n"
	    "    files: img.png\n"
	    "    date: 2026-10-03\n"
	    "    name: SMITH John\n"
	    "  - id: d3\n"
	    "    type: prescription\n"
	    "    files: x.pdf\n"
	    "    date: 2026-10-04\n"
	    "    name: '\"Johnny\" SMITH'\n"
	    "  - id: ct\n"
	    "    type: imaging_files\n"
	    "    files: ct\n"
	    TS_MONEY, "reimbursement");
}

static void
test_report__errors_come_first_then_warnings_then_notices(void **state)
{
	ts_fixture *fx = *state;
	const cp_report *r = mixed_claim(fx);
	const cp_finding *f;
	size_t i;

	for (i = 1; (f = cp_report_at(r, i)) != NULL; i++)
		if (f->severity < cp_report_at(r, i - 1)->severity) {
			ts_print_report(r);
			fail_msg("finding %zu is out of order", i);
		}
	assert_int_equal(cp_report_at(r, 0)->severity, CP_SEVERITY_ERROR);
	assert_int_equal(cp_report_at(r, cp_report_count(r) - 1)->severity,
	    CP_SEVERITY_NOTICE);
}

static void
test_report__same_severity_follows_the_manifest(void **state)
{
	ts_fixture *fx = *state;
	const cp_report *r = mixed_claim(fx);
	static const char *const want[][2] = {
		/* Errors: documents in manifest order, then the episode. */
		{ "file-missing", "d1" },
		{ "name-mismatch", "d3" },
		{ "required-missing", "stay" },
		/* Warnings. */
		{ "name-partial", "d2" },
		{ "recommended-missing", "stay" },
		/* Notices. */
		{ "name-alias", "d1" },
	};
	size_t i;

	if (cp_report_count(r) != sizeof(want) / sizeof(want[0])) {
		ts_print_report(r);
		fail_msg("%zu findings", cp_report_count(r));
	}
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_string_equal(cp_report_at(r, i)->check, want[i][0]);
		assert_string_equal(cp_report_at(r, i)->document, want[i][1]);
	}
}

static void
test_report__counts_of_a_check_run(void **state)
{
	ts_fixture *fx = *state;
	const cp_report *r = mixed_claim(fx);
	char *json = NULL;

	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_ERROR), 3);
	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_WARNING), 2);
	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_NOTICE), 1);
	assert_int_equal(cp_report_to_json(&json, r, &fx->err), CP_OK);
	assert_valid_json(json);
	ts_assert_contains(json, "{\"ok\":false,\"errors\":3,\"warnings\":2,"
	    "\"notices\":1,\"findings\":[{\"check\":\"file-missing\"");
	/* The name with quotes, escaped. */
	ts_assert_contains(json, "the name \\\"\\\"Johnny\\\" SMITH\\\" on "
	    "document d3");
	ts_assert_contains(json, "约翰·史密斯");
	free(json);
}

static void
test_report__warnings_alone_are_ok(void **state)
{
	ts_fixture *fx = *state;
	char *json = NULL;

	ts_write_standard_files(fx);
	ts_checkf(fx, "%s"
	    "  - id: rx\n"
	    "    type: prescription\n"
	    "    files: x.pdf\n"
	    "    date: 2026-10-05\n"
	    "    name: SMITH John\n", TS_COMPLETE);
	assert_int_equal(cp_report_count(fx->report), 1);
	assert_int_equal(cp_report_to_json(&json, fx->report, NULL), CP_OK);
	ts_assert_contains(json, "{\"ok\":true,\"errors\":0,\"warnings\":1,");
	assert_valid_json(json);
	free(json);
}

static void
test_report__clean_claim_has_an_empty_report(void **state)
{
	ts_fixture *fx = *state;
	char *json = NULL;

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, "reimbursement");
	assert_int_equal(cp_report_count(fx->report), 0);
	assert_int_equal(cp_report_to_json(&json, fx->report, NULL), CP_OK);
	assert_string_equal(json, "{\"ok\":true,\"errors\":0,\"warnings\":0,"
	    "\"notices\":0,\"findings\":[]}");
	free(json);
}

static void
test_report__check_run_needs_claim_and_template(void **state)
{
	ts_fixture *fx = *state;
	cp_report *r = (cp_report *)1;

	ts_write_standard_files(fx);
	ts_assert_ok(ts_load(fx, TS_COMPLETE), &fx->err);
	assert_int_equal(cp_check_run(&r, fx->claim, NULL, &fx->err),
	    CP_EINVAL);
	assert_null(r);
	assert_int_equal(fx->err.code, CP_EINVAL);
	ts_assert_ok(cp_template_load(&fx->tpl, "reimbursement", &fx->err),
	    &fx->err);
	r = (cp_report *)1;
	assert_int_equal(cp_check_run(&r, NULL, fx->tpl, NULL), CP_EINVAL);
	assert_null(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_report__json_checker_rejects_bad_json),
		TS_TEST(test_report__json_of_an_empty_report),
		TS_TEST(test_report__json_shape),
		TS_TEST(test_report__json_escapes_quotes_and_control_characters),
		TS_TEST(test_report__order_is_severity_then_manifest_order),
		TS_TEST(test_report__counts),
		TS_TEST(test_report__severity_comes_from_the_registry),
		TS_TEST(test_report__unregistered_id_is_refused),
		TS_TEST(test_report__append_keeps_each_finding),
		TS_TEST(test_report__null_report_is_empty),
		TS_TEST(test_report__severity_names),
		TS_TEST(test_report__errors_come_first_then_warnings_then_notices),
		TS_TEST(test_report__same_severity_follows_the_manifest),
		TS_TEST(test_report__counts_of_a_check_run),
		TS_TEST(test_report__warnings_alone_are_ok),
		TS_TEST(test_report__clean_claim_has_an_empty_report),
		TS_TEST(test_report__check_run_needs_claim_and_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
