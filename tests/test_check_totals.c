/* test_check_totals.c - per episode, the receipts add up to the expense
 * lists, to the fen: total-mismatch. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support.h"

/* A money paper: fapiao (without invoice identifiers, which is only a
 * warning) or expense list. */
#define PAPER(id, type, episode, amount) \
	"  - id: " id "\n" \
	"    type: " type "\n" \
	"    episode: " episode "\n" \
	"    files: " id ".pdf\n" \
	"    date: 2026-10-09\n" \
	"    name: SMITH JOHN ALEXANDER\n" \
	"    amount: " amount "\n"

#define TWO_STAYS \
	"episodes:\n" \
	"  - id: stay\n" \
	"    kind: inpatient\n" \
	"    hospital: Peking Union Medical College Hospital\n" \
	"    start: 2026-10-01\n" \
	"    end: 2026-10-09\n" \
	"  - id: again\n" \
	"    kind: inpatient\n" \
	"    hospital: Peking Union Medical College Hospital\n" \
	"    start: 2026-10-05\n" \
	"    end: 2026-10-09\n"

/* Checks `papers` (PAPER lines) in the stay(s) of `episodes`, with the
 * cover-sheet template so that only the money is looked at. */
static const cp_report *
check_money(ts_fixture *fx, const char *head, const char *episodes,
    const char *papers)
{
	static const char *const ids[] = {
		"f1", "f2", "f3", "x1", "x2", "x3", "pay"
	};
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "%s.pdf", ids[i]);
		ts_write_pdf(fx->dir, name);
	}
	return ts_check_tplf(fx, "cover-sheet", "%s%sdocuments:\n%s", head,
	    episodes, papers);
}

static void
test_check_totals__receipts_and_list_that_differ(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_money(fx, TS_HEAD, TS_STAY,
	    PAPER("f1", "fapiao", "stay", "12000.00")
	    PAPER("f2", "fapiao", "stay", "850.40")
	    PAPER("x1", "expense_list", "stay", "12800.40"));
	f = ts_expect(fx->report, "total-mismatch", "stay");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "");
	/* Both sums, how many papers each, and the difference. */
	ts_assert_contains(f->message, "episode stay: the fapiao total "
	    "12850.40 CNY (2 receipts) differs from the expense list total "
	    "12800.40 CNY (1 list) by 50.00 CNY");
	assert_int_equal(ts_count(fx->report, "total-mismatch", NULL), 1);
	assert_int_equal(cp_report_count_severity(fx->report,
	    CP_SEVERITY_ERROR), 1);
}

static void
test_check_totals__list_larger_than_receipts(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_money(fx, TS_HEAD, TS_STAY,
	    PAPER("f1", "fapiao", "stay", "99.99")
	    PAPER("x1", "expense_list", "stay", "60")
	    PAPER("x2", "expense_list", "stay", "40.00"));
	f = ts_expect(fx->report, "total-mismatch", "stay");
	ts_assert_contains(f->message, "99.99 CNY (1 receipt)");
	ts_assert_contains(f->message, "100.00 CNY (2 lists) by 0.01 CNY");
}

static void
test_check_totals__matching_totals_are_quiet(void **state)
{
	ts_fixture *fx = *state;

	check_money(fx, TS_HEAD, TS_STAY,
	    PAPER("f1", "fapiao", "stay", "12000.00")
	    PAPER("f2", "fapiao", "stay", "850.40")
	    PAPER("x1", "expense_list", "stay", "12800.00")
	    PAPER("x2", "expense_list", "stay", "50.40"));
	ts_expect_none(fx->report, "total-mismatch");
	assert_int_equal(cp_report_count_severity(fx->report,
	    CP_SEVERITY_ERROR), 0);
}

static void
test_check_totals__sums_are_exact_to_the_fen(void **state)
{
	ts_fixture *fx = *state;

	/* 0.1 + 0.2 != 0.3 in binary floating point. */
	check_money(fx, TS_HEAD, TS_STAY,
	    PAPER("f1", "fapiao", "stay", "0.10")
	    PAPER("f2", "fapiao", "stay", "0.20")
	    PAPER("x1", "expense_list", "stay", "0.30"));
	ts_expect_none(fx->report, "total-mismatch");
}

static void
test_check_totals__each_episode_is_added_up_alone(void **state)
{
	ts_fixture *fx = *state;

	/* Claim-wide the sums agree (300 = 300), but each stay is off. */
	check_money(fx, TS_HEAD, TWO_STAYS,
	    PAPER("f1", "fapiao", "stay", "100")
	    PAPER("x1", "expense_list", "stay", "200")
	    PAPER("f2", "fapiao", "again", "200")
	    PAPER("x2", "expense_list", "again", "100"));
	ts_expect(fx->report, "total-mismatch", "stay");
	ts_expect(fx->report, "total-mismatch", "again");
	assert_int_equal(ts_count(fx->report, "total-mismatch", NULL), 2);
}

static void
test_check_totals__balanced_episodes_are_quiet(void **state)
{
	ts_fixture *fx = *state;

	check_money(fx, TS_HEAD, TWO_STAYS,
	    PAPER("f1", "fapiao", "stay", "100")
	    PAPER("x1", "expense_list", "stay", "100")
	    PAPER("f2", "fapiao", "again", "200")
	    PAPER("x2", "expense_list", "again", "200"));
	ts_expect_none(fx->report, "total-mismatch");
}

static void
test_check_totals__one_side_alone_is_not_compared(void **state)
{
	ts_fixture *fx = *state;

	/* No expense list: nothing to compare (completeness says so). */
	check_money(fx, TS_HEAD, TS_STAY,
	    PAPER("f1", "fapiao", "stay", "100"));
	ts_expect_none(fx->report, "total-mismatch");
}

static void
test_check_totals__payment_proof_is_not_a_receipt(void **state)
{
	ts_fixture *fx = *state;

	check_money(fx, TS_HEAD, TS_STAY,
	    PAPER("f1", "fapiao", "stay", "100")
	    PAPER("x1", "expense_list", "stay", "100")
	    PAPER("pay", "payment_proof", "stay", "100"));
	ts_expect_none(fx->report, "total-mismatch");
}

static void
test_check_totals__message_uses_the_claim_currency(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_money(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  prepared: 2026-11-01\n"
	    "  currency: HKD\n"
	    "patient:\n"
	    "  name: \"SMITH, John Alexander\"\n"
	    "  passport: E12345678\n", TS_STAY,
	    PAPER("f1", "fapiao", "stay", "10")
	    PAPER("x1", "expense_list", "stay", "12"));
	f = ts_expect(fx->report, "total-mismatch", "stay");
	ts_assert_contains(f->message, "10.00 HKD");
	ts_assert_contains(f->message, "by 2.00 HKD");
	assert_null(strstr(f->message, "CNY"));
}

static void
test_check_totals__huge_sums_do_not_overflow(void **state)
{
	ts_fixture *fx = *state;
	enum { NFAPIAO = 9300 };
	const size_t per = 200;
	const cp_finding *f;
	char *text, *p;
	size_t i;

	/*
	 * Each amount is at most CP__AMOUNT_MAX (100 billion yuan), the
	 * largest the parser accepts; 9300 of them must add up exactly, not
	 * wrap to a negative total or, built with -fsanitize=undefined,
	 * abort.
	 */
	text = malloc(4096 + NFAPIAO * per);
	assert_non_null(text);
	p = text + snprintf(text, 4096, "%s%sdocuments:\n"
	    PAPER("x1", "expense_list", "stay", "100000000000.00"), TS_HEAD,
	    TS_STAY);
	for (i = 0; i < NFAPIAO; i++)
		p += snprintf(p, per,
		    "  - type: fapiao\n"
		    "    files: gone.pdf\n"
		    "    date: 2026-10-09\n"
		    "    name: SMITH JOHN ALEXANDER\n"
		    "    amount: 100000000000.00\n");
	ts_write_pdf(fx->dir, "x1.pdf");
	ts_check(fx, text, "cover-sheet");
	free(text);
	f = ts_expect(fx->report, "total-mismatch", "stay");
	if (strstr(f->message, "-") != NULL)
		fail_msg("a negative total: %s", f->message);
	ts_assert_contains(f->message, "(9300 receipts)");
	ts_assert_contains(f->message, "930000000000000.00 CNY");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_totals__receipts_and_list_that_differ),
		TS_TEST(test_check_totals__list_larger_than_receipts),
		TS_TEST(test_check_totals__matching_totals_are_quiet),
		TS_TEST(test_check_totals__sums_are_exact_to_the_fen),
		TS_TEST(test_check_totals__each_episode_is_added_up_alone),
		TS_TEST(test_check_totals__balanced_episodes_are_quiet),
		TS_TEST(test_check_totals__one_side_alone_is_not_compared),
		TS_TEST(test_check_totals__payment_proof_is_not_a_receipt),
		TS_TEST(test_check_totals__message_uses_the_claim_currency),
		TS_TEST(test_check_totals__huge_sums_do_not_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
