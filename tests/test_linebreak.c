/* test_linebreak.c - where a line of the cover, the index and the
 * placeholder pages may end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "canvas/linebreak.h"

/* `text` with a '|' at every place a line may end. */
static const char *
breaks(const char *text)
{
	static char out[512];
	const char *p;
	size_t n = 0;

	/* Character by character: a line ends only between them. */
	for (p = text; *p != '\0' && n + 6 < sizeof(out);) {
		if (cp__line_may_break(text, p))
			out[n++] = '|';
		do
			out[n++] = *p++;
		while (((unsigned char)*p & 0xc0) == 0x80);
	}
	out[n] = '\0';
	return out;
}

#define assert_breaks(text, want) assert_string_equal(breaks(text), want)

static void
test_linebreak__words_break_at_spaces(void **state)
{
	(void)state;
	assert_breaks("Respiratory medicine discharge",
	    "Respiratory| medicine| discharge");
	assert_breaks("two  spaces", "two| | spaces");
}

static void
test_linebreak__dates_never_break(void **state)
{
	(void)state;
	assert_breaks("CT 2026-11-09 chest", "CT| 2026-11-09| chest");
	assert_breaks("on 2026/11/09", "on| 2026/11/09");
	assert_breaks("2026-10-03 to 2026-10-09", "2026-10-03| to| 2026-10-09");
}

static void
test_linebreak__amounts_and_numbers_stay_with_their_label(void **state)
{
	(void)state;
	assert_breaks("total CNY 12,850.40 paid", "total| CNY 12,850.40| paid");
	assert_breaks("Code 11060126 No. 0012345678",
	    "Code| 11060126| No. 0012345678");
	assert_breaks("see pp. 3-4", "see| pp. 3-4");
	assert_breaks("CG-2026-118842 · 3/12", "CG-2026-118842| ·| 3/12");
	/* A currency code before a word is just a word. */
	assert_breaks("CNY amounts", "CNY| amounts");
}

static void
test_linebreak__words_break_after_slash_and_hyphen(void **state)
{
	(void)state;
	assert_breaks("CT/MR X-ray", "CT/|MR| X-|ray");
	assert_breaks("COVID-19", "COVID-19");
}

static void
test_linebreak__urls_break_only_after_a_slash_of_their_path(void **state)
{
	(void)state;
	assert_breaks("verify at https://pjcy.mof.gov.cn/",
	    "verify| at| https://pjcy.mof.gov.cn/");
	assert_breaks("https://www.chinaebill.cn/eips-wxapp-service/d?t=504&a=1",
	    "https://www.chinaebill.cn/|eips-wxapp-service/|d?t=504&a=1");
	assert_breaks("http://inv-veri.chinatax.gov.cn/a/b",
	    "http://inv-veri.chinatax.gov.cn/|a/|b");
	assert_breaks("www.example.cn/x/y", "www.example.cn/|x/|y");
}

static void
test_linebreak__cjk_breaks_between_characters(void **state)
{
	(void)state;
	assert_breaks("示例联合医院", "示|例|联|合|医|院");
	assert_breaks("Example 医院", "Example| 医|院");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linebreak__words_break_at_spaces),
		cmocka_unit_test(test_linebreak__dates_never_break),
		cmocka_unit_test(
		    test_linebreak__amounts_and_numbers_stay_with_their_label),
		cmocka_unit_test(
		    test_linebreak__words_break_after_slash_and_hyphen),
		cmocka_unit_test(
		    test_linebreak__urls_break_only_after_a_slash_of_their_path),
		cmocka_unit_test(test_linebreak__cjk_breaks_between_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
