/* test_check_facts.c - the facts a drafted manifest leaves out:
 * fact-missing, once per fact, and no other check taking their place. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support.h"

/*
 * The complete claim (TS_COMPLETE, which has no finding) with some lines
 * taken out: each `drop` is "ANCHOR|PREFIX", the first line starting
 * with PREFIX at or after the line ANCHOR (its whole text); NULL ends
 * the list.  Checks it with the reimbursement template.
 */
static const cp_report *
check_without(ts_fixture *fx, ...)
{
	char text[8192], *anchor, *line, *end;
	const char *drop;
	va_list ap;

	ts_write_standard_files(fx);
	snprintf(text, sizeof(text), "%s", TS_COMPLETE);
	va_start(ap, fx);
	while ((drop = va_arg(ap, const char *)) != NULL) {
		char want[256], *bar;

		snprintf(want, sizeof(want), "%s", drop);
		if ((bar = strchr(want, '|')) == NULL)
			fail_msg("drop \"%s\" has no '|'", drop);
		*bar = '\0';
		if ((anchor = strstr(text, want)) == NULL)
			fail_msg("no line \"%s\" in the claim", want);
		for (line = anchor; line != NULL; line = strchr(line, '\n')) {
			line += line[0] == '\n';
			if (strncmp(line, bar + 1, strlen(bar + 1)) == 0)
				break;
		}
		if (line == NULL || *line == '\0')
			fail_msg("no line \"%s\" after \"%s\"", bar + 1, want);
		end = strchr(line, '\n');
		memmove(line, end + 1, strlen(end + 1) + 1);
	}
	va_end(ap);
	return ts_check(fx, text, "reimbursement");
}

/* The one finding of the report, which must be fact-missing for `doc`
 * ("" for the patient) with exactly `message`. */
static void
expect_only(const cp_report *report, const char *doc, const char *file,
    const char *message)
{
	const cp_finding *f;

	if (cp_report_count(report) != 1) {
		ts_print_report(report);
		fail_msg("%zu findings, not 1", cp_report_count(report));
	}
	f = ts_expect(report, "fact-missing", doc);
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, file);
	assert_string_equal(f->message, message);
}

static void
test_check_facts__a_complete_claim_misses_nothing(void **state)
{
	ts_fixture *fx = *state;

	/* imaging_files (ct) has no date nor name: none is asked for. */
	ts_expect_clean(check_without(fx, NULL));
}

/* ---- the patient ------------------------------------------------------- */

static void
test_check_facts__patient_without_name(void **state)
{
	/* Every paper's name would mismatch a passport name not given:
	 * names.c stays quiet instead. */
	expect_only(check_without(*state, "patient:|  name:", NULL), "", "",
	    "the patient has no name: type the name as in the passport as "
	    "name: SURNAME, Given Names");
}

static void
test_check_facts__patient_without_passport(void **state)
{
	expect_only(check_without(*state, "patient:|  passport:", NULL), "",
	    "", "the patient has no passport number: type the passport "
	    "number as in the passport as passport: NUMBER");
}

/* ---- episodes ------------------------------------------------------------ */

static void
test_check_facts__episode_without_hospital(void **state)
{
	expect_only(check_without(*state, "  - id: stay|    hospital:", NULL),
	    "stay", "", "episode \"stay\" (inpatient, 2026-10-01) has no "
	    "hospital: type the hospital's name as printed on its papers as "
	    "hospital: NAME");
}

static void
test_check_facts__episode_without_start(void **state)
{
	/* Not before the birth date as day 0 would be, and no paper is
	 * "after" a stay whose start is not known. */
	expect_only(check_without(*state, "  - id: stay|    start:", NULL),
	    "stay", "", "episode \"stay\" (inpatient, Peking Union Medical "
	    "College Hospital) has no start date: type the admission date as "
	    "start: YYYY-MM-DD");
}

static void
test_check_facts__episode_without_start_or_end(void **state)
{
	expect_only(check_without(*state, "  - id: stay|    start:",
	    "  - id: stay|    end:", NULL), "stay", "", "episode \"stay\" "
	    "(inpatient, Peking Union Medical College Hospital) has no start "
	    "date: type the admission date as start: YYYY-MM-DD");
}

/* ---- documents ------------------------------------------------------------ */

static void
test_check_facts__paper_without_date(void **state)
{
	expect_only(check_without(*state, "  - id: ds|    date:", NULL), "ds",
	    "ds.pdf", "document \"ds\" (discharge_summary, ds.pdf) has no "
	    "date: type the date printed on the paper as date: YYYY-MM-DD");
}

static void
test_check_facts__paper_without_name(void **state)
{
	expect_only(check_without(*state, "  - id: lab|    name:", NULL),
	    "lab", "lab.jpg", "document \"lab\" (lab_report, lab.jpg) has no "
	    "name: type the patient's name as printed on the paper as name: "
	    "NAME");
}

static void
test_check_facts__fapiao_without_amount(void **state)
{
	/* The expense list's 12850.40 against no receipt amount: not a
	 * total-mismatch of 12850.40, as if the fapiao said 0. */
	expect_only(check_without(*state, "  - id: fp|    amount:", NULL), "fp",
	    "fp.pdf", "document \"fp\" (fapiao, fp.pdf) has no amount: type "
	    "the total printed on the paper (tax included) as amount: NNNN.NN "
	    "(a plain decimal, without a currency sign or thousands "
	    "separators)");
}

static void
test_check_facts__expense_list_without_amount(void **state)
{
	expect_only(check_without(*state, "  - id: exp|    amount:", NULL),
	    "exp", "exp.pdf", "document \"exp\" (expense_list, exp.pdf) has "
	    "no amount: type the total printed on the paper as amount: "
	    "NNNN.NN (a plain decimal, without a currency sign or thousands "
	    "separators)");
}

/*
 * A second receipt without its amount and a second expense list of
 * 100.00: the receipts' sum is not known, so it is not compared with
 * the lists' as if that amount were 0 (total-mismatch "by 100.00").
 */
static void
test_check_facts__a_total_with_an_amount_not_given_is_not_compared(
    void **state)
{
	ts_fixture *fx = *state;
	const cp_report *report;

	ts_write_standard_files(fx);
	report = ts_check(fx, TS_HEAD TS_STAY "documents:\n" TS_RECORDS
	    TS_MONEY
	    "  - id: fp2\n"
	    "    type: fapiao\n"
	    "    files: x.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "    invoice: {kind: fiscal, code: \"11060126\", "
	    "number: \"0012345678\", check_code: \"a1b2c3\"}\n"
	    "  - id: exp2\n"
	    "    type: expense_list\n"
	    "    files: y.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "    amount: 100.00\n", "reimbursement");
	expect_only(report, "fp2", "x.pdf", "document \"fp2\" (fapiao, "
	    "x.pdf) has no amount: type the total printed on the paper (tax "
	    "included) as amount: NNNN.NN (a plain decimal, without a "
	    "currency sign or thousands separators)");
}

static void
test_check_facts__payment_proof_needs_no_amount(void **state)
{
	ts_fixture *fx = *state;

	ts_write_standard_files(fx);
	ts_expect_clean(ts_check(fx, TS_COMPLETE
	    "  - id: paid\n"
	    "    type: payment_proof\n"
	    "    files: x.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n", "reimbursement"));
}

/* ---- several at once ---------------------------------------------------- */

static void
test_check_facts__each_fact_once_the_patient_first(void **state)
{
	const cp_report *report;
	const cp_finding *f;

	report = check_without(*state, "  - id: fp|    amount:",
	    "  - id: ds|    date:", "  - id: ds|    name:",
	    "patient:|  passport:", NULL);
	if (cp_report_count(report) != 4) {
		ts_print_report(report);
		fail_msg("%zu findings, not 4", cp_report_count(report));
	}
	assert_int_equal(ts_count(report, "fact-missing", NULL), 4);
	f = cp_report_at(report, 0);
	assert_string_equal(f->document, "");
	ts_assert_contains(f->message, "passport");
	f = cp_report_at(report, 1);
	assert_string_equal(f->document, "ds");
	ts_assert_contains(f->message, "has no date");
	f = cp_report_at(report, 2);
	assert_string_equal(f->document, "ds");
	ts_assert_contains(f->message, "has no name");
	assert_string_equal(cp_report_at(report, 3)->document, "fp");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_facts__a_complete_claim_misses_nothing),
		TS_TEST(test_check_facts__patient_without_name),
		TS_TEST(test_check_facts__patient_without_passport),
		TS_TEST(test_check_facts__episode_without_hospital),
		TS_TEST(test_check_facts__episode_without_start),
		TS_TEST(test_check_facts__episode_without_start_or_end),
		TS_TEST(test_check_facts__paper_without_date),
		TS_TEST(test_check_facts__paper_without_name),
		TS_TEST(test_check_facts__fapiao_without_amount),
		TS_TEST(test_check_facts__expense_list_without_amount),
		TS_TEST(test_check_facts__a_total_with_an_amount_not_given_is_not_compared),
		TS_TEST(test_check_facts__payment_proof_needs_no_amount),
		TS_TEST(test_check_facts__each_fact_once_the_patient_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
