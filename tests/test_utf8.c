/* test_utf8.c - one UTF-8 decoder, and every reader of text agreeing
 * with it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "canvas/font_subset.h"
#include "util/error.h"
#include "util/utf8.h"

/* Decodes `s` (of `len` bytes) and expects `want_len` and `want_cp`. */
static void
expect_decode(const char *s, size_t len, size_t want_len, uint32_t want_cp)
{
	uint32_t cp = 0x12345;
	size_t n = cp__utf8_decode(s, len, &cp);

	if (n != want_len)
		fail_msg("decoding %zu bytes starting 0x%02x: length %zu, want "
		    "%zu", len, (unsigned char)s[0], n, want_len);
	if (n > 0 && cp != want_cp)
		fail_msg("decoding %zu bytes starting 0x%02x: U+%04X, want "
		    "U+%04X", len, (unsigned char)s[0], (unsigned)cp,
		    (unsigned)want_cp);
}

static void
test_utf8__well_formed_characters_decode(void **state)
{
	(void)state;
	expect_decode("A", 1, 1, 'A');
	expect_decode("\xc3\xbc", 2, 2, 0xfc);              /* ü */
	expect_decode("\xe5\x8f\x91", 3, 3, 0x53d1);        /* 发 */
	expect_decode("\xf0\x9f\x98\x80", 4, 4, 0x1f600);
	expect_decode("\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff);
	expect_decode("\xef\xbf\xbd", 3, 3, 0xfffd);
	expect_decode("\xc2\x80", 2, 2, 0x80);
	expect_decode("\xe0\xa0\x80", 3, 3, 0x800);
	expect_decode("\xf0\x90\x80\x80", 4, 4, 0x10000);
}

static void
test_utf8__malformed_sequences_are_refused(void **state)
{
	(void)state;
	/* Overlong forms of '/' and of NUL. */
	expect_decode("\xc0\xaf", 2, 0, 0);
	expect_decode("\xc1\xbf", 2, 0, 0);
	expect_decode("\xe0\x80\xaf", 3, 0, 0);
	expect_decode("\xf0\x80\x80\xaf", 4, 0, 0);
	expect_decode("\xc0\x80", 2, 0, 0);
	/* Surrogates, and past U+10FFFF. */
	expect_decode("\xed\xa0\x80", 3, 0, 0);
	expect_decode("\xed\xbf\xbf", 3, 0, 0);
	expect_decode("\xf4\x90\x80\x80", 4, 0, 0);
	expect_decode("\xf5\x80\x80\x80", 4, 0, 0);
	/* Stray continuation bytes, cut sequences, bytes never used. */
	expect_decode("\x80", 1, 0, 0);
	expect_decode("\xbf", 1, 0, 0);
	expect_decode("\xe5\x8f", 2, 0, 0);
	expect_decode("\xe5\x8f\x91", 2, 0, 0);      /* avail cuts it */
	expect_decode("\xe5\x8f" "A", 3, 0, 0);
	expect_decode("\xc3", 1, 0, 0);
	expect_decode("\xc3\0", 2, 0, 0);            /* NUL continues nothing */
	expect_decode("\xfe", 1, 0, 0);
	expect_decode("\xff", 1, 0, 0);
	expect_decode("A", 0, 0, 0);
}

static void
test_utf8__next_skips_one_malformed_byte(void **state)
{
	const char *text = "a\xc0\xaf" "\xe5\x8f\x91";
	const char *p = text;

	(void)state;
	assert_int_equal(cp__utf8_next(&p), 'a');
	assert_int_equal(cp__utf8_next(&p), CP__UTF8_BAD);
	assert_ptr_equal(p, text + 2);
	assert_int_equal(cp__utf8_next(&p), CP__UTF8_BAD);
	assert_int_equal(cp__utf8_next(&p), 0x53d1);
	assert_int_equal(cp__utf8_next(&p), 0);
	assert_int_equal(cp__utf8_next(&p), 0);
	assert_ptr_equal(p, text + strlen(text));
}

static void
test_utf8__encode_round_trips(void **state)
{
	static const uint32_t cps[] = { 0, 'A', 0x7f, 0x80, 0x7ff, 0x800,
	    0x53d1, 0xffff, 0x10000, 0x10ffff };
	char buf[4];
	uint32_t back;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = cp__utf8_encode(cps[i], buf);
		assert_int_equal(cp__utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	/* A surrogate cannot be written: it becomes U+FFFD. */
	n = cp__utf8_encode(0xd800, buf);
	assert_int_equal(n, 3);
	assert_memory_equal(buf, "\xef\xbf\xbd", 3);
}

static void
test_utf8__valid_clean_and_cut(void **state)
{
	char s[32];

	(void)state;
	assert_true(cp__utf8_valid("SMITH \xe7\xba\xa6\xe7\xbf\xb0", 12));
	assert_false(cp__utf8_valid("a\xc0\xaf", 3));
	assert_false(cp__utf8_valid("\xe7\xba", 2));
	assert_true(cp__utf8_valid("", 0));

	snprintf(s, sizeof(s), "a\xc0\xaf" "b\xe7\xba" "c\xe7\xba\xa6");
	cp__utf8_clean(s);
	assert_string_equal(s, "abc\xe7\xba\xa6");

	/* "约翰" cut after 4 bytes keeps only the whole first character. */
	assert_int_equal(cp__utf8_cut("\xe7\xba\xa6\xe7\xbf\xb0", 4), 3);
	assert_int_equal(cp__utf8_cut("\xe7\xba\xa6\xe7\xbf\xb0", 5), 3);
	assert_int_equal(cp__utf8_cut("\xe7\xba\xa6\xe7\xbf\xb0", 6), 6);
	assert_int_equal(cp__utf8_cut("ab\xc3\xbc", 3), 2);
	assert_int_equal(cp__utf8_cut("ab\xc3\xbc", 4), 4);
	assert_int_equal(cp__utf8_cut("ab", 0), 0);
}

/*
 * The defect this file exists for: "\xc0\xaf" (an overlong '/') was a
 * '/' to the drawing code and to the font subset, and U+FFFD elsewhere.
 * Now every reader refuses it.
 */
static void
test_utf8__every_reader_refuses_an_overlong_slash(void **state)
{
	static cp__charset set;
	cp_error err;
	uint32_t i;

	(void)state;
	memset(&set, 0, sizeof(set));
	cp__charset_add_utf8(&set, "\xc0\xaf" "\xe0\x80\xaf");
	for (i = 0; i < 65536 / 32; i++)
		if (set.bits[i] != 0)
			fail_msg("the font subset took U+%04X from an overlong "
			    "form", (unsigned)(i * 32));
	cp__charset_add_utf8(&set, "/");
	assert_true(set.bits['/' >> 5] & (1u << ('/' & 31)));

	/* Messages carry no malformed bytes. */
	cp__error_set(&err, CP_EIO, "a\xc0\xafz.pdf", 0, 0, "bad \xc0\xaf");
	assert_string_equal(err.path, "az.pdf");
	assert_string_equal(err.message, "bad ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8__well_formed_characters_decode),
		cmocka_unit_test(test_utf8__malformed_sequences_are_refused),
		cmocka_unit_test(test_utf8__next_skips_one_malformed_byte),
		cmocka_unit_test(test_utf8__encode_round_trips),
		cmocka_unit_test(test_utf8__valid_clean_and_cut),
		cmocka_unit_test(test_utf8__every_reader_refuses_an_overlong_slash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
