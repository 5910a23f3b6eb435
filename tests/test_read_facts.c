/* test_read_facts.c - the facts read off a paper: which QR text fills
 * which field, and which source wins when a paper gives a field twice. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "manifest/amount.h"
#include "read/facts.h"
#include "support.h"

/* Real QR texts (../shared/DOMAIN.md, the samples' expected.json). */
#define VAT10 "01,10,033002000211,83089647,510.68,20200723," \
	"16197833567414507415,0941,"
#define VAT31 "01,31,,24112000000048542163,4449.00,20240528,,B2B6"
#define FISCAL504 "https://www.chinaebill.cn/eips-wxapp-service/d?t=504&" \
	"a=31PZV5IKDl&d=45060122_0185821908_07892e_236.21_20230306&" \
	"s=1FE6A108DE"
#define FISCAL501 "https://www.chinaebill.cn/eips-wxapp-service/d?t=501&" \
	"a=89AMy0Cj6&d=44060122_8040675619_3f7484_20221118&s=B62B74A4D1"

static cp__paper_facts *
paper_with_qr(const char *text)
{
	cp__paper_facts *p = cp__paper_new("x.pdf");

	assert_non_null(p);
	assert_int_equal(cp__paper_take_qr(p, text, strlen(text), 1), 0);
	return p;
}

static void
assert_date(const cp__fact_date *d, int y, int m, int day)
{
	assert_true(d->has);
	assert_int_equal(d->date, cp__date_from_ymd(y, m, day));
}

static void
test_read_facts__type_10_holds_the_amount_before_tax(void **state)
{
	cp__paper_facts *p = paper_with_qr("  " VAT10 "\r\n");

	(void)state;
	assert_true(p->invoice.present);
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT);
	assert_string_equal(p->invoice.qr_type, "10");
	assert_string_equal(p->invoice.qr.text, VAT10);
	assert_string_equal(p->invoice.code.text, "033002000211");
	assert_string_equal(p->invoice.number.text, "83089647");
	assert_string_equal(p->invoice.check_code.text,
	    "16197833567414507415");
	assert_int_equal(p->invoice.number.from, CP__FROM_QR);
	assert_int_equal(p->invoice.number.page, 1);
	assert_date(&p->invoice.date, 2020, 7, 23);
	assert_false(p->invoice.amount.has);
	assert_true(p->invoice.amount_before_tax.has);
	assert_int_equal(p->invoice.amount_before_tax.fen, 51068);
	assert_string_equal(p->type, "fapiao");
	cp__paper_free(p);
}

static void
test_read_facts__type_31_holds_the_total(void **state)
{
	cp__paper_facts *p = paper_with_qr(VAT31);

	(void)state;
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT_DIGITAL);
	assert_null(p->invoice.code.text);
	assert_null(p->invoice.check_code.text);
	assert_string_equal(p->invoice.number.text, "24112000000048542163");
	assert_true(p->invoice.amount.has);
	assert_int_equal(p->invoice.amount.fen, 444900);
	assert_false(p->invoice.amount_before_tax.has);
	assert_date(&p->invoice.date, 2024, 5, 28);
	cp__paper_free(p);
}

static void
test_read_facts__fiscal_urls_give_their_fields(void **state)
{
	cp__paper_facts *p = paper_with_qr(FISCAL504);

	(void)state;
	assert_int_equal(p->invoice.kind, CP__INVOICE_FISCAL);
	assert_string_equal(p->invoice.code.text, "45060122");
	assert_string_equal(p->invoice.number.text, "0185821908");
	assert_string_equal(p->invoice.check_code.text, "07892e");
	assert_int_equal(p->invoice.amount.fen, 23621);
	assert_date(&p->invoice.date, 2023, 3, 6);
	assert_int_equal(p->nlinks, 0);
	cp__paper_free(p);

	p = paper_with_qr(FISCAL501);
	assert_string_equal(p->invoice.code.text, "44060122");
	assert_string_equal(p->invoice.number.text, "8040675619");
	assert_false(p->invoice.amount.has);
	assert_date(&p->invoice.date, 2022, 11, 18);
	cp__paper_free(p);
}

static void
test_read_facts__other_codes_are_links_not_invoices(void **state)
{
	cp__paper_facts *p = paper_with_qr("https://example.com/menu?table=4");

	(void)state;
	assert_false(p->invoice.present);
	assert_null(p->type);
	assert_int_equal(p->nlinks, 1);
	assert_string_equal(p->links[0], "https://example.com/menu?table=4");
	/* the same link twice is listed once; plain text is kept too */
	assert_int_equal(cp__paper_take_qr(p, "https://example.com/menu?"
	    "table=4", 32, 0), 0);
	assert_int_equal(cp__paper_take_qr(p, "WIFI:S:guest;;", 14, 0), 0);
	assert_int_equal(p->nlinks, 2);
	assert_false(p->invoice.present);
	cp__paper_free(p);
}

static void
test_read_facts__a_second_invoice_code_is_kept_apart(void **state)
{
	cp__paper_facts *p = paper_with_qr(VAT10);

	(void)state;
	assert_int_equal(cp__paper_take_qr(p, VAT31, strlen(VAT31), 2), 0);
	assert_string_equal(p->invoice.number.text, "83089647");
	assert_int_equal(p->nlinks, 1);
	assert_string_equal(p->links[0], VAT31);
	/* the same code again (printed twice) adds nothing */
	assert_int_equal(cp__paper_take_qr(p, VAT10, strlen(VAT10), 2), 0);
	assert_int_equal(p->nlinks, 1);
	cp__paper_free(p);
}

static void
test_read_facts__the_more_trusted_source_wins(void **state)
{
	cp__paper_facts *p = cp__paper_new("x.ofd");

	(void)state;
	assert_int_equal(cp__fact_set_text(&p->invoice.number, " 111 ",
	    CP__FROM_TEXT, 1), 0);
	assert_string_equal(p->invoice.number.text, "111");
	assert_int_equal(cp__fact_set_text(&p->invoice.number, "222",
	    CP__FROM_XML, 0), 0);
	assert_string_equal(p->invoice.number.text, "222");
	assert_int_equal(cp__fact_set_text(&p->invoice.number, "333",
	    CP__FROM_QR, 1), 0);
	assert_string_equal(p->invoice.number.text, "222");
	assert_int_equal(p->invoice.number.from, CP__FROM_XML);
	/* an empty value (spaces, ideographic spaces) is no value */
	assert_int_equal(cp__fact_set_text(&p->invoice.code,
	    " \xe3\x80\x80 ", CP__FROM_XML, 0), 0);
	assert_null(p->invoice.code.text);
	cp__fact_set_amount(&p->invoice.amount, 100, CP__FROM_QR, 1);
	cp__fact_set_amount(&p->invoice.amount, 200, CP__FROM_TEXT, 1);
	assert_int_equal(p->invoice.amount.fen, 100);
	cp__paper_free(p);
}

static void
test_read_facts__names_and_dates_are_listed_once(void **state)
{
	cp__paper_facts *p = cp__paper_new("x.pdf");

	(void)state;
	assert_int_equal(cp__paper_add_name(p, "王小东", CP__NAME_PATIENT,
	    CP__FROM_TEXT, 1), 0);
	assert_int_equal(cp__paper_add_name(p, " 王小东 ", CP__NAME_PATIENT,
	    CP__FROM_TEXT, 2), 0);
	assert_int_equal(cp__paper_add_name(p, "王小东", CP__NAME_PAYER,
	    CP__FROM_TEXT, 1), 0);
	assert_int_equal(p->nnames, 2);
	assert_int_equal(cp__paper_add_date(p, cp__date_from_ymd(2026, 9, 18),
	    CP__DATE_ADMISSION, CP__FROM_TEXT, 1), 0);
	assert_int_equal(cp__paper_add_date(p, cp__date_from_ymd(2026, 9, 18),
	    CP__DATE_ADMISSION, CP__FROM_TEXT, 1), 0);
	assert_int_equal(p->ndates, 1);
	/* bytes that are not UTF-8 never reach a message */
	assert_int_equal(cp__paper_add_name(p, "\xff\xfe" "Li", CP__NAME_BUYER,
	    CP__FROM_TEXT, 1), 0);
	assert_string_equal(p->names[2].text, "Li");
	cp__paper_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_facts__type_10_holds_the_amount_before_tax),
		cmocka_unit_test(test_read_facts__type_31_holds_the_total),
		cmocka_unit_test(test_read_facts__fiscal_urls_give_their_fields),
		cmocka_unit_test(test_read_facts__other_codes_are_links_not_invoices),
		cmocka_unit_test(test_read_facts__a_second_invoice_code_is_kept_apart),
		cmocka_unit_test(test_read_facts__the_more_trusted_source_wins),
		cmocka_unit_test(test_read_facts__names_and_dates_are_listed_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
