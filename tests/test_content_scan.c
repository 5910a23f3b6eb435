/* test_content_scan.c - the content stream lexer: what it calls whole,
 * what damage it finds (the kinds `qpdf --check` warns about), how it
 * counts q and Q, and that any split of the bytes reads the same. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pdf/content_scan.h"
#include "support.h"

/* Scans `len` bytes at `data` at once. */
static cp__content_scan
scan_n(const char *data, size_t len)
{
	cp__content_scan s;

	cp__content_scan_start(&s);
	cp__content_scan_feed(&s, (const unsigned char *)data, len);
	cp__content_scan_end(&s);
	return s;
}

static cp__content_scan
scan(const char *text)
{
	return scan_n(text, strlen(text));
}

/* Scans `text` one byte at a time. */
static cp__content_scan
scan_bytewise(const char *text)
{
	cp__content_scan s;
	size_t i;

	cp__content_scan_start(&s);
	for (i = 0; text[i] != '\0'; i++)
		cp__content_scan_feed(&s, (const unsigned char *)text + i, 1);
	cp__content_scan_end(&s);
	return s;
}

static void
assert_damage(const char *text, cp__content_damage want)
{
	cp__content_scan s = scan(text);

	if (s.damage != want)
		fail_msg("\"%s\": damage %d, expected %d", text, (int)s.damage,
		    (int)want);
}

static void
test_content_scan__ordinary_content_is_whole(void **state)
{
	static const char *const whole[] = {
		"",
		"q 1 0 0 1 72 720 cm BT /F1 12 Tf (Hello) Tj ET Q",
		"0 0 1 rg 10 10 100 100 re f",
		"[(A) -120 (B)] TJ",
		"/P << /MCID 3 /Alt (x) /K [1 2 << /S /P >>] >> BDC EMC",
		"<41 42 43> Tj <> Tj << >> pop",
		"( (nested (twice)) and \\) escaped ) Tj",
		"(a \\\\) Tj",
		"% a comment (with ( and [ and <\nq Q",
		"/A#41#42 gs /a.b-c_d gs / gs",
		"1.2.3 +-5 5- - + . -. x y",
		"9223372036854775807 -9223372036854775808 "
		    "00000000000000000000000001 123.45678901234567890123 z",
		"BI /W 2 /H 1 /BPC 8 /CS /G ID \001\377 EI Q q",
		"BI /W 1 /H 1 ID xEI q Q",
		"BI ID ((( [[ << EI q Q",
		"BI ID EIx EI\n",
		"[ ID ] pop",
		"a\0b\0q\0Q",
	};
	size_t i;
	cp__content_scan s;

	(void)state;
	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
		s = scan_n(whole[i], i == sizeof(whole) / sizeof(whole[0]) - 1 ?
		    7 : strlen(whole[i]));
		if (s.damage != CP__CONTENT_WHOLE)
			fail_msg("\"%s\": damage %d (%s) at %llu", whole[i],
			    (int)s.damage, cp__content_damage_text(s.damage),
			    (unsigned long long)s.damage_at);
	}
}

static void
test_content_scan__what_is_left_open_at_the_end_is_damage(void **state)
{
	(void)state;
	assert_damage("BT (Hello) Tj ET (abc", CP__CONTENT_OPEN_STRING);
	assert_damage("(abc (nested) ", CP__CONTENT_OPEN_STRING);
	assert_damage("(abc\\", CP__CONTENT_OPEN_STRING);
	assert_damage("(a \\) b", CP__CONTENT_OPEN_STRING);
	assert_damage("<41 42", CP__CONTENT_OPEN_HEX);
	assert_damage("q <", CP__CONTENT_OPEN_HEX);
	assert_damage("BI /W 1 /H 1 /BPC 8 /CS /G ID \001\002\003",
	    CP__CONTENT_OPEN_IMAGE);
	assert_damage("BI /W 1 ID", CP__CONTENT_OPEN_IMAGE);
	assert_damage("BI ID data E", CP__CONTENT_OPEN_IMAGE);
	assert_damage("BI ID data EIx", CP__CONTENT_OPEN_IMAGE);
	assert_damage("[1 2", CP__CONTENT_OPEN_NEST);
	assert_damage("/P << /A 1", CP__CONTENT_OPEN_NEST);
	assert_damage("<<", CP__CONTENT_OPEN_NEST);
}

static void
test_content_scan__what_qpdf_warns_about_is_damage(void **state)
{
	(void)state;
	assert_damage("BT ) ET", CP__CONTENT_STRAY);
	assert_damage("q ] Q", CP__CONTENT_STRAY);
	assert_damage(">> q", CP__CONTENT_STRAY);
	assert_damage("q >", CP__CONTENT_STRAY);
	assert_damage("> q", CP__CONTENT_STRAY);
	assert_damage("{ } q Q", CP__CONTENT_STRAY);
	assert_damage("[1 >>", CP__CONTENT_STRAY);
	assert_damage("<< /A 1 ]", CP__CONTENT_STRAY);
	assert_damage("<41 4Z> Tj", CP__CONTENT_BAD_HEX);
	assert_damage("/A#zz gs", CP__CONTENT_BAD_NAME);
	assert_damage("/A#4 gs", CP__CONTENT_BAD_NAME);
	assert_damage("q /A#", CP__CONTENT_BAD_NAME);
	assert_damage("/P <</A 1 /B>> BDC", CP__CONTENT_BAD_DICT);
	assert_damage("/P <<1 2>> BDC", CP__CONTENT_BAD_DICT);
	assert_damage("<< q Q >>", CP__CONTENT_BAD_DICT);
	assert_damage("9223372036854775808 0 0 rg", CP__CONTENT_BIG_INTEGER);
	assert_damage("-9223372036854775809 w", CP__CONTENT_BIG_INTEGER);
	assert_damage("1 0 0 1 0 99999999999999999999999",
	    CP__CONTENT_BIG_INTEGER);
}

static void
test_content_scan__q_and_Q_are_counted_outside_tokens(void **state)
{
	cp__content_scan s;

	(void)state;
	s = scan("q q 1 0 0 rg Q");
	assert_int_equal(s.open_q, 1);
	assert_false(s.unbalanced);

	/* In a string, comment, name, array, dictionary or inline image,
	 * or as part of a longer word, q is no operator. */
	s = scan("(q q) Tj % q q\n/q gs [q q] pop << /A q >> pop "
	    "BI ID q q EI qq Qq");
	assert_int_equal(s.damage, CP__CONTENT_WHOLE);
	assert_int_equal(s.open_q, 0);
	assert_false(s.unbalanced);

	/* Q with no q open: unbalanced, and not counted against a later
	 * q. */
	s = scan("Q Q Q q");
	assert_true(s.unbalanced);
	assert_int_equal(s.open_q, 1);
	assert_int_equal(s.damage, CP__CONTENT_WHOLE);

	s = scan("q Q");
	assert_int_equal(s.open_q, 0);
	assert_false(s.unbalanced);

	/* Delimiters end the operator. */
	s = scan("q[1]pop q(x)Tj Q/A gs");
	assert_int_equal(s.open_q, 1);
}

static void
test_content_scan__a_text_object_left_open_is_told(void **state)
{
	(void)state;
	assert_true(scan("BT /F1 12 Tf (x) Tj").open_text);
	assert_false(scan("BT (x) Tj ET").open_text);
	assert_false(scan("(BT) Tj").open_text);
	assert_true(scan("BT ET BT").open_text);
}

static void
test_content_scan__damage_is_where_it_starts(void **state)
{
	cp__content_scan s;

	(void)state;
	s = scan("q Q ) q");
	assert_int_equal(s.damage, CP__CONTENT_STRAY);
	assert_int_equal(s.damage_at, 4);
	/* After the first damage nothing more is looked at. */
	s = scan("q Q ) <4Z> Q");
	assert_int_equal(s.damage, CP__CONTENT_STRAY);
	assert_false(s.unbalanced);
}

static void
test_content_scan__nesting_is_bounded(void **state)
{
	char deep[2 * CP__CONTENT_MAX_NEST + 4];
	cp__content_scan s;

	(void)state;
	memset(deep, '[', CP__CONTENT_MAX_NEST);
	memset(deep + CP__CONTENT_MAX_NEST, ']', CP__CONTENT_MAX_NEST);
	deep[2 * CP__CONTENT_MAX_NEST] = '\0';
	assert_int_equal(scan(deep).damage, CP__CONTENT_WHOLE);

	memset(deep, '[', CP__CONTENT_MAX_NEST + 1);
	deep[CP__CONTENT_MAX_NEST + 1] = '\0';
	s = scan(deep);
	assert_int_equal(s.damage, CP__CONTENT_TOO_DEEP);
	assert_int_equal(s.damage_at, CP__CONTENT_MAX_NEST);
}

static void
test_content_scan__any_split_reads_the_same(void **state)
{
	static const char *const texts[] = {
		"q q BT /F1 12 Tf (a (b) \\) c) Tj ET Q <41 42> pop",
		"BI /W 1 ID xxEEI EI q Q Q",
		"/P << /A [1 2] /B << /C 3 >> >> BDC EMC % c\rq",
		"(abc", "<4", "/A#4", "<< /A", "BI ID E", ">", "q ] Q",
		"9223372036854775808", "BT q",
	};
	cp__content_scan a, b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		a = scan(texts[i]);
		b = scan_bytewise(texts[i]);
		assert_int_equal(a.damage, b.damage);
		assert_int_equal(a.damage_at, b.damage_at);
		assert_int_equal(a.open_q, b.open_q);
		assert_int_equal(a.unbalanced, b.unbalanced);
		assert_int_equal(a.open_text, b.open_text);
	}
}

static void
test_content_scan__feeding_after_the_end_does_nothing(void **state)
{
	cp__content_scan s;

	(void)state;
	cp__content_scan_start(&s);
	cp__content_scan_feed(&s, (const unsigned char *)"q", 1);
	cp__content_scan_end(&s);
	cp__content_scan_feed(&s, (const unsigned char *)" (abc", 5);
	cp__content_scan_end(&s);
	assert_int_equal(s.damage, CP__CONTENT_WHOLE);
	assert_int_equal(s.open_q, 1);
}

static void
test_content_scan__every_damage_has_a_phrase(void **state)
{
	int d;

	(void)state;
	assert_string_equal(cp__content_damage_text(CP__CONTENT_WHOLE), "");
	for (d = CP__CONTENT_OPEN_STRING; d <= CP__CONTENT_BIG_INTEGER; d++)
		assert_true(strlen(cp__content_damage_text(
		    (cp__content_damage)d)) > 10);
}

/* The tokens a scan reported, as "kind:text:nest" words joined by
 * spaces (N name, W word, H hex string). */
typedef struct {
	const char *data;
	char out[512];
} token_list;

static void
note_token(void *arg, const cp__content_token *t)
{
	static const char kinds[] = "NWH";
	token_list *l = arg;
	size_t len = strlen(l->out);

	snprintf(l->out + len, sizeof(l->out) - len, "%s%c:%.*s:%zu",
	    len > 0 ? " " : "", kinds[t->kind], (int)(t->end - t->start),
	    l->data + t->start, t->nest);
}

/* The tokens of `text`, fed at once or a byte at a time. */
static const char *
tokens(const char *text, bool bytewise)
{
	static token_list l;
	cp__content_scan s;
	size_t i, n = strlen(text);

	memset(&l, 0, sizeof(l));
	l.data = text;
	cp__content_scan_start(&s);
	cp__content_scan_tokens(&s, note_token, &l);
	for (i = 0; i < n; i += bytewise ? 1 : n)
		cp__content_scan_feed(&s, (const unsigned char *)text + i,
		    bytewise ? 1 : n);
	cp__content_scan_end(&s);
	return l.out;
}

/* stamp.c renames the resources a stamp names by the tokens' places. */
static void
test_content_scan__tokens_are_reported_where_they_lie(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "q 0.5 g BT/F1 7.5 Tf<00 4>Tj ET Q",
		  "W:q:0 W:0.5:0 W:g:0 W:BT:0 N:/F1:0 W:7.5:0 W:Tf:0 "
		  "H:<00 4>:0 W:Tj:0 W:ET:0 W:Q:0" },
		/* Inside arrays and dictionaries; strings and comments are
		 * not reported. */
		{ "[(a)/A 1<41>]TJ /P<</K/V#20x>>BDC % /C c\n(/D) Tj",
		  "N:/A:1 W:1:1 H:<41>:1 W:TJ:0 N:/P:0 N:/K:1 N:/V#20x:1 "
		  "W:BDC:0 W:Tj:0" },
		/* Nor inline image data; a name at the very end is. */
		{ "BI /W 1 ID /x EI Q /End",
		  "W:BI:0 N:/W:0 W:1:0 W:ID:0 W:Q:0 N:/End:0" },
		/* Up to the first damage. */
		{ "/A 1 ) /B Q", "N:/A:0 W:1:0" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(tokens(cases[i].text, false),
		    cases[i].want);
		assert_string_equal(tokens(cases[i].text, true),
		    cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_scan__ordinary_content_is_whole),
		cmocka_unit_test(
		    test_content_scan__what_is_left_open_at_the_end_is_damage),
		cmocka_unit_test(
		    test_content_scan__what_qpdf_warns_about_is_damage),
		cmocka_unit_test(
		    test_content_scan__q_and_Q_are_counted_outside_tokens),
		cmocka_unit_test(
		    test_content_scan__a_text_object_left_open_is_told),
		cmocka_unit_test(test_content_scan__damage_is_where_it_starts),
		cmocka_unit_test(test_content_scan__nesting_is_bounded),
		cmocka_unit_test(test_content_scan__any_split_reads_the_same),
		cmocka_unit_test(
		    test_content_scan__feeding_after_the_end_does_nothing),
		cmocka_unit_test(test_content_scan__every_damage_has_a_phrase),
		cmocka_unit_test(
		    test_content_scan__tokens_are_reported_where_they_lie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
