/* test_read_qr_facts.c - what the real QR texts of fapiao put into a
 * paper's facts (cp__paper_take_qr): which amount goes where, the kind,
 * and links for QR codes that are no invoice's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "read/facts.h"
#include "support.h"

#define REAL_VAT_QR "01,10,033002000211,83089647,510.68,20200723," \
	"16197833567414507415,0941,"
#define REAL_DIGITAL_QR "01,31,,24112000000048542163,4449.00,20240528,,B2B6"
#define FISCAL_URL_504 "https://www.chinaebill.cn/eips-wxapp-service/d?" \
	"t=504&a=31PZV5IKDl&d=45060122_0185821908_07892e_236.21_20230306" \
	"&s=1FE6A108DE"
#define FISCAL_URL_501 "https://www.chinaebill.cn/eips-wxapp-service/d?" \
	"t=501&a=89AMy0Cj6&d=44060122_8040675619_3f7484_20221118&s=B62B74A4D1"

static cp__paper_facts *
take(const char *text, int page)
{
	cp__paper_facts *paper = cp__paper_new("p.pdf");

	assert_non_null(paper);
	assert_int_equal(cp__paper_take_qr(paper, text, strlen(text), page), 0);
	return paper;
}

static void
assert_field(const cp__fact_text *f, const char *want, int page)
{
	assert_non_null(f->text);
	assert_string_equal(f->text, want);
	assert_int_equal(f->from, CP__FROM_QR);
	assert_int_equal(f->page, page);
}

/* Type 10 holds the amount before tax: the total stays unknown. */
static void
test_read_qr_facts__type_10_fills_the_amount_before_tax(void **state)
{
	cp__paper_facts *p = take(REAL_VAT_QR, 1);
	const cp__invoice_facts *inv = &p->invoice;

	(void)state;
	assert_true(inv->present);
	assert_int_equal(inv->kind, CP__INVOICE_VAT);
	assert_string_equal(inv->qr_type, "10");
	assert_field(&inv->code, "033002000211", 1);
	assert_field(&inv->number, "83089647", 1);
	assert_field(&inv->check_code, "16197833567414507415", 1);
	assert_field(&inv->qr, REAL_VAT_QR, 1);
	assert_true(inv->amount_before_tax.has);
	assert_int_equal(inv->amount_before_tax.fen, 51068);
	assert_false(inv->amount.has);
	assert_true(inv->date.has);
	assert_int_equal(inv->date.date, cp__date_from_ymd(2020, 7, 23));
	assert_string_equal(p->type, "fapiao");
	assert_int_equal(p->nlinks, 0);
	cp__paper_free(p);
}

/* Type 31 (数电 special) holds the total. */
static void
test_read_qr_facts__type_31_fills_the_total(void **state)
{
	cp__paper_facts *p = take("  " REAL_DIGITAL_QR "\r\n", 2);
	const cp__invoice_facts *inv = &p->invoice;

	(void)state;
	assert_int_equal(inv->kind, CP__INVOICE_VAT_DIGITAL);
	assert_string_equal(inv->qr_type, "31");
	assert_null(inv->code.text);
	assert_null(inv->check_code.text);
	assert_field(&inv->number, "24112000000048542163", 2);
	/* The text without the spaces around it. */
	assert_field(&inv->qr, REAL_DIGITAL_QR, 2);
	assert_true(inv->amount.has);
	assert_int_equal(inv->amount.fen, 444900);
	assert_false(inv->amount_before_tax.has);
	cp__paper_free(p);
}

static void
test_read_qr_facts__fiscal_receipt_urls(void **state)
{
	cp__paper_facts *p = take(FISCAL_URL_504, 1);
	const cp__invoice_facts *inv = &p->invoice;

	(void)state;
	assert_int_equal(inv->kind, CP__INVOICE_FISCAL);
	assert_string_equal(inv->qr_type, "");
	assert_field(&inv->code, "45060122", 1);
	assert_field(&inv->number, "0185821908", 1);
	assert_field(&inv->check_code, "07892e", 1);
	assert_field(&inv->qr, FISCAL_URL_504, 1);
	assert_int_equal(inv->amount.fen, 23621);
	assert_int_equal(inv->date.date, cp__date_from_ymd(2023, 3, 6));
	/* An invoice's QR is no link. */
	assert_int_equal(p->nlinks, 0);
	cp__paper_free(p);

	p = take(FISCAL_URL_501, 1);
	assert_int_equal(p->invoice.kind, CP__INVOICE_FISCAL);
	assert_false(p->invoice.amount.has);
	assert_int_equal(p->invoice.date.date, cp__date_from_ymd(2022, 11, 18));
	cp__paper_free(p);
}

/* Other QR codes are kept as links, once each; they fill no invoice. */
static void
test_read_qr_facts__other_codes_are_links(void **state)
{
	cp__paper_facts *p = take("https://example.cn/verify?id=1", 1);

	(void)state;
	assert_false(p->invoice.present);
	assert_int_equal(p->nlinks, 1);
	assert_string_equal(p->links[0], "https://example.cn/verify?id=1");
	assert_int_equal(cp__paper_take_qr(p, "hello", 5, 1), 0);
	assert_int_equal(cp__paper_take_qr(p, "https://example.cn/verify?id=1",
	    30, 2), 0);
	assert_int_equal(p->nlinks, 2);
	assert_string_equal(p->links[1], "hello");
	assert_false(p->invoice.present);
	assert_null(p->type);
	cp__paper_free(p);
}

/* A second invoice QR: the same text adds nothing, another invoice's is
 * kept as a link and changes no field. */
static void
test_read_qr_facts__a_second_invoice_qr(void **state)
{
	cp__paper_facts *p = take(REAL_VAT_QR, 1);

	(void)state;
	assert_int_equal(cp__paper_take_qr(p, REAL_VAT_QR, strlen(REAL_VAT_QR),
	    2), 0);
	assert_int_equal(p->nlinks, 0);
	assert_int_equal(cp__paper_take_qr(p, REAL_DIGITAL_QR,
	    strlen(REAL_DIGITAL_QR), 2), 0);
	assert_int_equal(p->nlinks, 1);
	assert_string_equal(p->links[0], REAL_DIGITAL_QR);
	assert_string_equal(p->invoice.number.text, "83089647");
	assert_int_equal(p->invoice.number.page, 1);
	assert_false(p->invoice.amount.has);
	cp__paper_free(p);
}

/* The QR code is trusted over the text layer, not over e-invoice data. */
static void
test_read_qr_facts__trust_order(void **state)
{
	cp__paper_facts *p = cp__paper_new("p.pdf");

	(void)state;
	assert_non_null(p);
	assert_int_equal(cp__fact_set_text(&p->invoice.number, "83089648",
	    CP__FROM_TEXT, 1), 0);
	assert_int_equal(cp__fact_set_text(&p->invoice.code, "033002000212",
	    CP__FROM_XML, 0), 0);
	assert_int_equal(cp__paper_take_qr(p, REAL_VAT_QR, strlen(REAL_VAT_QR),
	    1), 0);
	assert_string_equal(p->invoice.number.text, "83089647");
	assert_int_equal(p->invoice.number.from, CP__FROM_QR);
	assert_string_equal(p->invoice.code.text, "033002000212");
	assert_int_equal(p->invoice.code.from, CP__FROM_XML);
	cp__paper_free(p);
}

/* Bytes of any kind, NULs and no terminator among them, are safe. */
static void
test_read_qr_facts__any_bytes(void **state)
{
	static const char junk[] = "01,10,\0\xff\xfe,83089647,1,20200723";
	cp__paper_facts *p = cp__paper_new("p.pdf");

	(void)state;
	assert_non_null(p);
	assert_int_equal(cp__paper_take_qr(p, junk, sizeof(junk) - 1, 1), 0);
	assert_int_equal(cp__paper_take_qr(p, "", 0, 1), 0);
	assert_int_equal(cp__paper_take_qr(p, "   ", 3, 1), 0);
	assert_false(p->invoice.present);
	cp__paper_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_qr_facts__type_10_fills_the_amount_before_tax),
		cmocka_unit_test(test_read_qr_facts__type_31_fills_the_total),
		cmocka_unit_test(test_read_qr_facts__fiscal_receipt_urls),
		cmocka_unit_test(test_read_qr_facts__other_codes_are_links),
		cmocka_unit_test(test_read_qr_facts__a_second_invoice_qr),
		cmocka_unit_test(test_read_qr_facts__trust_order),
		cmocka_unit_test(test_read_qr_facts__any_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
