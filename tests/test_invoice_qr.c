/* test_invoice_qr.c - the text of fapiao QR codes, and what a person
 * needs to verify an invoice by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/invoice_qr.h"
#include "util/strbuf.h"
#include "support.h"

/* The examples of DOMAIN.md. */
#define VAT_QR "01,10,044001500111,81966722,173.79,20170524," \
	"17884534745749991611,BE2D"
#define DIGITAL_QR "01,32,,24312000000136634917,0.01,20240514,,1DD6"
#define VAT_CODE "044001500111"
#define VAT_NUMBER "81966722"
#define VAT_CHECK "17884534745749991611"
#define DIGITAL_NUMBER "24312000000136634917"
#define FISCAL_CODE "11060126"
#define FISCAL_NUMBER "0012345678"
#define FISCAL_CHECK "a1b2c3"

/* Real QR texts (shared/DOMAIN.md; the first is the shared sample
 * ofdrw-1.ofd's, whose printed total is 526.00). */
#define REAL_VAT_QR "01,10,033002000211,83089647,510.68,20200723," \
	"16197833567414507415,0941,"
#define REAL_VAT_CODE "033002000211"
#define REAL_VAT_NUMBER "83089647"
#define REAL_VAT_CHECK "16197833567414507415"
#define REAL_VAT_QR_2 "01,10,050001700111,12235358,10000.00,20200805," \
	"16630282980991510014,7257"
#define REAL_DIGITAL_QR "01,31,,24112000000048542163,4449.00,20240528,,B2B6"
#define FISCAL_URL_504 "https://www.chinaebill.cn/eips-wxapp-service/d?" \
	"t=504&a=31PZV5IKDl&d=45060122_0185821908_07892e_236.21_20230306" \
	"&s=1FE6A108DE"
#define FISCAL_URL_501 "https://www.chinaebill.cn/eips-wxapp-service/d?" \
	"t=501&a=89AMy0Cj6&d=44060122_8040675619_3f7484_20221118&s=B62B74A4D1"

#define STA_URL "https://inv-veri.chinatax.gov.cn/"
#define MOF_URL "https://pjcy.mof.gov.cn/"

static cp__date
ymd(int y, int m, int d)
{
	return cp__date_from_ymd(y, m, d);
}

/* Parses `text`, which must have layout `want`. */
static cp__qr_fields
parse_as(const char *text, cp__qr_layout want)
{
	cp__qr_fields f;
	cp__qr_layout got = cp__qr_parse(&f, text);

	if (got != want)
		fail_msg("\"%.80s\": layout %d, expected %d", text, (int)got,
		    (int)want);
	assert_int_equal(f.layout, want);
	return f;
}

/* True when every byte of `f` is zero: "holds nothing". */
static bool
is_empty(const cp__qr_fields *f)
{
	static const cp__qr_fields zero;

	return memcmp(f, &zero, sizeof(zero)) == 0;
}

static void
expect_unknown(const char *text)
{
	cp__qr_fields f;

	memset(&f, 0x5a, sizeof(f));
	if (cp__qr_parse(&f, text) != CP__QR_UNKNOWN)
		fail_msg("\"%.80s\" was taken for layout %d", text ? text :
		    "(null)", (int)f.layout);
	assert_true(is_empty(&f));
}

/* A fapiao as the manifest loader leaves it; strings are not freed. */
static cp__document
fapiao(cp__invoice_kind declared, const char *code, const char *number,
    const char *check)
{
	cp__document doc;

	memset(&doc, 0, sizeof(doc));
	doc.id = (char *)"fp";
	doc.has_date = true;
	doc.date = ymd(2026, 10, 9);
	doc.has_amount = true;
	doc.amount = 1285040;
	doc.invoice.present = true;
	doc.invoice.declared = declared;
	doc.invoice.code = (char *)code;
	doc.invoice.number = (char *)number;
	doc.invoice.check_code = (char *)check;
	return doc;
}

/* ---- parsing ---------------------------------------------------------- */

static void
test_invoice_qr__vat_example(void **state)
{
	cp__qr_fields f = parse_as(VAT_QR, CP__QR_VAT);

	(void)state;
	assert_string_equal(f.type, "10");
	assert_string_equal(f.code, VAT_CODE);
	assert_string_equal(f.number, VAT_NUMBER);
	assert_true(f.has_amount);
	assert_int_equal(f.amount, 17379);
	assert_true(f.has_date);
	assert_int_equal(f.date, ymd(2017, 5, 24));
	assert_string_equal(f.check, VAT_CHECK);
	assert_string_equal(f.url, "");
}

/* ---- the real QR texts of DOMAIN.md ---------------------------------- */

static void
test_invoice_qr__real_vat_texts(void **state)
{
	cp__qr_fields f;

	(void)state;
	/* Nine fields: it ends with a comma. */
	f = parse_as(REAL_VAT_QR, CP__QR_VAT);
	assert_string_equal(f.type, "10");
	assert_string_equal(f.code, REAL_VAT_CODE);
	assert_string_equal(f.number, REAL_VAT_NUMBER);
	assert_true(f.has_amount);
	assert_int_equal(f.amount, 51068);
	/* Type 10 holds the amount before tax: 526.00 is on the paper. */
	assert_int_equal(f.amount_is, CP__QR_AMOUNT_BEFORE_TAX);
	assert_true(f.has_date);
	assert_int_equal(f.date, ymd(2020, 7, 23));
	assert_string_equal(f.check, REAL_VAT_CHECK);
	assert_string_equal(f.tail, "0941");
	assert_string_equal(f.url, "");

	/* Eight fields: no comma at the end. */
	f = parse_as(REAL_VAT_QR_2, CP__QR_VAT);
	assert_string_equal(f.type, "10");
	assert_string_equal(f.code, "050001700111");
	assert_string_equal(f.number, "12235358");
	assert_int_equal(f.amount, 1000000);
	assert_int_equal(f.amount_is, CP__QR_AMOUNT_BEFORE_TAX);
	assert_int_equal(f.date, ymd(2020, 8, 5));
	assert_string_equal(f.check, "16630282980991510014");
	assert_string_equal(f.tail, "7257");

	/* A 数电 special invoice: no code, no check code, the total. */
	f = parse_as(REAL_DIGITAL_QR, CP__QR_VAT);
	assert_string_equal(f.type, "31");
	assert_string_equal(f.code, "");
	assert_string_equal(f.number, "24112000000048542163");
	assert_int_equal(f.amount, 444900);
	assert_int_equal(f.amount_is, CP__QR_AMOUNT_TOTAL);
	assert_int_equal(f.date, ymd(2024, 5, 28));
	assert_string_equal(f.check, "");
	assert_string_equal(f.tail, "B2B6");

	/* The shared sample erma0-sd-20241205.ofd's. */
	f = parse_as("01,31,,24322000000489101796,20000.00,20241205,,BBBB",
	    CP__QR_VAT);
	assert_string_equal(f.number, "24322000000489101796");
	assert_int_equal(f.amount, 2000000);
	assert_int_equal(f.amount_is, CP__QR_AMOUNT_TOTAL);
	assert_int_equal(f.date, ymd(2024, 12, 5));
}

/* Amounts with no decimals or one, as real QR codes print them. */
static void
test_invoice_qr__amounts_with_fewer_decimals(void **state)
{
	cp__qr_fields f;

	(void)state;
	f = parse_as("01,10,033002000211,83089647,57,20200723,"
	    REAL_VAT_CHECK ",0941,", CP__QR_VAT);
	assert_true(f.has_amount);
	assert_int_equal(f.amount, 5700);
	f = parse_as("01,10,033002000211,83089647,6.2,20200723,"
	    REAL_VAT_CHECK ",0941", CP__QR_VAT);
	assert_int_equal(f.amount, 620);
	f = parse_as("01,32,,24112000000048542163,0,20240528,,B2B6",
	    CP__QR_VAT);
	assert_true(f.has_amount);
	assert_int_equal(f.amount, 0);
}

/* Which amount each type holds. */
static void
test_invoice_qr__amount_meaning_by_type(void **state)
{
	static const struct {
		const char *type;
		cp__qr_amount_is is;
	} cases[] = {
		{ "01", CP__QR_AMOUNT_BEFORE_TAX },
		{ "04", CP__QR_AMOUNT_BEFORE_TAX },
		{ "10", CP__QR_AMOUNT_BEFORE_TAX },
		{ "11", CP__QR_AMOUNT_BEFORE_TAX },
		{ "14", CP__QR_AMOUNT_BEFORE_TAX },
		{ "20", CP__QR_AMOUNT_BEFORE_TAX },
		{ "31", CP__QR_AMOUNT_TOTAL },
		{ "32", CP__QR_AMOUNT_TOTAL },
		{ "99", CP__QR_AMOUNT_UNSURE },
		{ "", CP__QR_AMOUNT_UNSURE },
	};
	cp__qr_fields f;
	char text[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "01,%s,033002000211,83089647,"
		    "510.68,20200723,,", cases[i].type);
		f = parse_as(text, CP__QR_VAT);
		if (f.amount_is != cases[i].is)
			fail_msg("type \"%s\": amount_is %d, expected %d",
			    cases[i].type, (int)f.amount_is, (int)cases[i].is);
	}
}

static void
test_invoice_qr__real_fiscal_urls(void **state)
{
	cp__qr_fields f;

	(void)state;
	/* t=504: code_number_check_amount_date. */
	f = parse_as(FISCAL_URL_504, CP__QR_FISCAL);
	assert_string_equal(f.code, "45060122");
	assert_string_equal(f.number, "0185821908");
	assert_string_equal(f.check, "07892e");
	assert_true(f.has_amount);
	assert_int_equal(f.amount, 23621);
	assert_int_equal(f.amount_is, CP__QR_AMOUNT_TOTAL);
	assert_true(f.has_date);
	/* Code digits 7-8 are the batch's year (22), not the issue's. */
	assert_int_equal(f.date, ymd(2023, 3, 6));
	assert_string_equal(f.url, FISCAL_URL_504);
	assert_string_equal(f.type, "");
	assert_string_equal(f.tail, "");

	/* t=501: no amount. */
	f = parse_as(FISCAL_URL_501, CP__QR_FISCAL);
	assert_string_equal(f.code, "44060122");
	assert_string_equal(f.number, "8040675619");
	assert_string_equal(f.check, "3f7484");
	assert_false(f.has_amount);
	assert_int_equal(f.amount_is, CP__QR_AMOUNT_UNSURE);
	assert_int_equal(f.date, ymd(2022, 11, 18));
	assert_string_equal(f.url, FISCAL_URL_501);

	/* d= among other parameters, in another order, on another host. */
	f = parse_as("http://pj.example.gov.cn/v?d=45060122_0185821908_"
	    "07892e_236.21_20230306#top", CP__QR_FISCAL);
	assert_string_equal(f.number, "0185821908");
	assert_int_equal(f.amount, 23621);
}

/* URLs that are no fiscal receipt stay URLs, kept whole. */
static void
test_invoice_qr__other_urls_stay_urls(void **state)
{
	static const char *const urls[] = {
		"https://www.chinaebill.cn/eips-wxapp-service/d?t=504",
		"https://www.chinaebill.cn/",
		"https://example.cn/?id=45060122_0185821908_07892e_20230306",
		/* The shape of d= is wrong: a 7-digit code, a 9-digit
		 * number, too many or too few parts. */
		"https://example.cn/?d=4506012_0185821908_07892e_20230306",
		"https://example.cn/?d=45060122_018582190_07892e_20230306",
		"https://example.cn/?d=45060122_0185821908_07892e_1_2_3",
		"https://example.cn/?d=45060122_0185821908",
		"https://example.cn/?dd=45060122_0185821908_07892e_20230306",
		/* A WeChat Pay code's URL. */
		"https://payapp.weixin.qq.com/qr/AQE9bWnmF8GkAAAAAAAAAAA",
		"https://wx.tenpay.com/f2f?t=AQAAAExample",
		/* An Alipay code's. */
		"HTTPS://QR.ALIPAY.COM/FKX01234ABCDEFGHIJ",
	};
	cp__qr_fields f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		f = parse_as(urls[i], CP__QR_URL);
		assert_string_equal(f.url, urls[i]);
		assert_string_equal(f.number, "");
		assert_false(f.has_amount);
	}
}

/* Texts that are no invoice's: a greeting, WeChat payment codes, lines
 * of values whose number is not one. */
static void
test_invoice_qr__texts_that_are_no_invoice(void **state)
{
	(void)state;
	expect_unknown("hello");
	expect_unknown("wxp://f2f0SnfS8Zf2IPRc-zZhCt_pS9w8JCy9sgT5");
	expect_unknown("weixin://wxpay/bizpayurl?pr=AbCdEfG");
	expect_unknown("01,name,address,city,510.68,20200723");
	expect_unknown("1,2,3,8308964x,5,20200723");
}

static void
test_invoice_qr__special_invoice_has_no_check_code(void **state)
{
	cp__qr_fields f;

	(void)state;
	/* The tail in the check code's place, as DOMAIN.md shows it. */
	f = parse_as("01,01,3200171130,02451335,1709401.71,20180115,6579,",
	    CP__QR_VAT);
	assert_string_equal(f.type, "01");
	assert_string_equal(f.code, "3200171130");
	assert_string_equal(f.number, "02451335");
	assert_int_equal(f.amount, 170940171);
	assert_int_equal(f.date, ymd(2018, 1, 15));
	assert_string_equal(f.check, "");
	/* An empty check field, then the tail. */
	f = parse_as("01,01,3200171130,02451335,1709401.71,20180115,,6579",
	    CP__QR_VAT);
	assert_string_equal(f.check, "");
	assert_string_equal(f.number, "02451335");
}

static void
test_invoice_qr__digital_example(void **state)
{
	cp__qr_fields f = parse_as(DIGITAL_QR, CP__QR_VAT);

	(void)state;
	assert_string_equal(f.type, "32");
	assert_string_equal(f.code, "");
	assert_string_equal(f.number, DIGITAL_NUMBER);
	assert_true(f.has_amount);
	assert_int_equal(f.amount, 1);
	assert_int_equal(f.date, ymd(2024, 5, 14));
	assert_string_equal(f.check, "");
}

static void
test_invoice_qr__fiscal_receipt(void **state)
{
	cp__qr_fields f;

	(void)state;
	f = parse_as("CZ-EI-1100," FISCAL_CODE "," FISCAL_NUMBER ","
	    FISCAL_CHECK ",20261009,12850.40", CP__QR_FISCAL);
	assert_string_equal(f.code, FISCAL_CODE);
	assert_string_equal(f.number, FISCAL_NUMBER);
	assert_string_equal(f.check, FISCAL_CHECK);
	assert_true(f.has_date);
	assert_int_equal(f.date, ymd(2026, 10, 9));
	assert_true(f.has_amount);
	assert_int_equal(f.amount, 1285040);
	assert_string_equal(f.type, "");
	/* The date also as YYYY-MM-DD, more fields after the amount, and
	 * the tag in lower case. */
	f = parse_as("cz-ei-v1," FISCAL_CODE "," FISCAL_NUMBER ",A1B2C3,"
	    "2026-10-09,0.50,extra,fields,beyond,the,eighth", CP__QR_FISCAL);
	assert_int_equal(f.date, ymd(2026, 10, 9));
	assert_int_equal(f.amount, 50);
	assert_string_equal(f.check, "A1B2C3");
}

static void
test_invoice_qr__urls(void **state)
{
	cp__qr_fields f;
	char *big;

	(void)state;
	f = parse_as("https://bcfp.shenzhen.chinatax.gov.cn/verify?x=1&y=2",
	    CP__QR_URL);
	assert_string_equal(f.url,
	    "https://bcfp.shenzhen.chinatax.gov.cn/verify?x=1&y=2");
	assert_string_equal(f.number, "");
	f = parse_as("  HTTP://Example.cn/a,b,c\n", CP__QR_URL);
	assert_string_equal(f.url, "HTTP://Example.cn/a,b,c");
	/* A scheme with nothing after it is no URL. */
	expect_unknown("https://");
	expect_unknown("ftp://example.cn/x");
	/* A URL too long for the array: still a URL, without its text. */
	big = malloc(5001);
	assert_non_null(big);
	memcpy(big, "https://", 8);
	memset(big + 8, 'a', 4992);
	big[5000] = '\0';
	f = parse_as(big, CP__QR_URL);
	assert_string_equal(f.url, "");
	/* The longest that fits. */
	big[sizeof(f.url) - 1] = '\0';
	f = parse_as(big, CP__QR_URL);
	assert_int_equal(strlen(f.url), sizeof(f.url) - 1);
	free(big);
}

static void
test_invoice_qr__spaces_around_text_and_fields(void **state)
{
	cp__qr_fields f;

	(void)state;
	f = parse_as("\n  01, 10 ,044001500111 , 81966722,\t173.79 ,20170524,"
	    "17884534745749991611,BE2D\r\n", CP__QR_VAT);
	assert_string_equal(f.type, "10");
	assert_string_equal(f.code, VAT_CODE);
	assert_string_equal(f.number, VAT_NUMBER);
	assert_int_equal(f.amount, 17379);
	assert_int_equal(f.date, ymd(2017, 5, 24));
}

static void
test_invoice_qr__malformed_fields_are_absent(void **state)
{
	cp__qr_fields f;

	(void)state;
	/* Three decimals, an impossible date, a dash in the code. */
	f = parse_as("01,10,0440-01500111,81966722,173.799,20170230,"
	    "17884534745749991611,BE2D", CP__QR_VAT);
	assert_false(f.has_amount);
	assert_false(f.has_date);
	assert_string_equal(f.code, "");
	assert_string_equal(f.number, VAT_NUMBER);
	assert_string_equal(f.check, VAT_CHECK);
	/* Junk amount, ISO date (not the VAT layout's), empty type. */
	f = parse_as("01,,044001500111,81966722,¥173.79,2017-05-24,,",
	    CP__QR_VAT);
	assert_false(f.has_amount);
	assert_false(f.has_date);
	assert_string_equal(f.type, "");
	/* A code too long for its array is absent, not cut short. */
	f = parse_as("01,10,0440015001110440015001,81966722,1.00,20170524",
	    CP__QR_VAT);
	assert_string_equal(f.code, "");
	assert_true(f.has_amount);
	/* The longest number that fits, and one digit more. */
	f = parse_as("01,32,,12345678901234567890123,1.00,20240514",
	    CP__QR_VAT);
	assert_string_equal(f.number, "12345678901234567890123");
	expect_unknown("01,32,,123456789012345678901234,1.00,20240514");
}

static void
test_invoice_qr__texts_of_no_known_layout(void **state)
{
	(void)state;
	expect_unknown(NULL);
	expect_unknown("");
	expect_unknown("   \n ");
	expect_unknown("hello");
	expect_unknown("a,b,c,d,e,f,g,h");
	expect_unknown(",,,,,,,");
	/* Cut short after the number: not copied whole. */
	expect_unknown("01,10,044001500111,81966722");
	expect_unknown("01,10,044001500111,81966722,173.79");
	/* No number; a version that is not one or two digits. */
	expect_unknown("01,10,044001500111,,173.79,20170524,,BE2D");
	expect_unknown("001,10,044001500111,81966722,173.79,20170524");
	expect_unknown("x1,10,044001500111,81966722,173.79,20170524");
	/* A fiscal tag with too few fields, or no number. */
	expect_unknown("CZ-EI-1100,11060126,0012345678");
	expect_unknown("CZ-EI-1100,11060126,,a1b2c3,20261009,1.00");
	/* Bytes that are not ASCII. */
	expect_unknown("\xe5\x8f\x91\xe7\xa5\xa8,\xff\xfe,\x80,1,2,3");
}

static void
test_invoice_qr__huge_texts(void **state)
{
	const size_t n = 1 << 20;
	cp__qr_fields f;
	char *big = malloc(n + 1);

	(void)state;
	assert_non_null(big);
	memset(big, ',', n);
	big[n] = '\0';
	expect_unknown(big);
	memset(big, '9', n);
	expect_unknown(big);
	/* A valid start, then a megabyte of commas and digits. */
	memcpy(big, VAT_QR ",", sizeof(VAT_QR));
	memset(big + sizeof(VAT_QR), ',', n - sizeof(VAT_QR));
	f = parse_as(big, CP__QR_VAT);
	assert_string_equal(f.number, VAT_NUMBER);
	assert_string_equal(f.check, VAT_CHECK);
	/* A huge amount field is absent, the rest still read. */
	memset(big, '1', n);
	memcpy(big, "01,10,044001500111,81966722,", 28);
	memcpy(big + n - 18, ",20170524,x,BE2D", 17);
	f = parse_as(big, CP__QR_VAT);
	assert_false(f.has_amount);
	assert_true(f.has_date);
	free(big);
}

/*
 * Random texts from the characters the layouts care about: whatever the
 * layout found, the arrays stay NUL-terminated, an unknown text leaves
 * nothing behind, and a found text has a number.
 */
static void
test_invoice_qr__random_texts_keep_the_contract(void **state)
{
	static const char alphabet[] = "0123456789,,,,.-CZEIhtps:/ \n\xe5\x8f";
	static const char *const starts[] = {
		"01,", "01,32,,", "CZ-EI-", "CZ-EI-1,11060126,", "https://"
	};
	const char *start;
	size_t seen[4] = { 0 };
	uint32_t seed = 12345;
	cp__qr_layout layout;
	cp__qr_fields f;
	char text[96];
	size_t i, k, len;

	(void)state;
	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % sizeof(text);
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			text[k] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		/* Every other text starts like a real one. */
		start = starts[(i / 2) % (sizeof(starts) / sizeof(starts[0]))];
		if (i % 2 == 0 && len > strlen(start))
			memcpy(text, start, strlen(start));
		text[len] = '\0';
		memset(&f, 0x5a, sizeof(f));
		layout = cp__qr_parse(&f, text);
		assert_true(layout <= CP__QR_URL);
		seen[layout]++;
		switch (layout) {
		case CP__QR_UNKNOWN:
			assert_true(is_empty(&f));
			break;
		case CP__QR_VAT:
		case CP__QR_FISCAL:
			assert_true(f.number[0] != '\0');
			break;
		case CP__QR_URL:
			assert_true(strlen(f.url) > 0);
			break;
		default:
			fail_msg("layout %d", (int)f.layout);
		}
		assert_true(memchr(f.type, '\0', sizeof(f.type)) != NULL);
		assert_true(memchr(f.code, '\0', sizeof(f.code)) != NULL);
		assert_true(memchr(f.number, '\0', sizeof(f.number)) != NULL);
		assert_true(memchr(f.check, '\0', sizeof(f.check)) != NULL);
		assert_true(memchr(f.url, '\0', sizeof(f.url)) != NULL);
	}
	/* The texts reached every layout. */
	for (k = 0; k < 4; k++)
		assert_true(seen[k] > 100);
}

/* ---- help for verifying by hand --------------------------------------- */

static void
test_invoice_qr__help_for_a_vat_fapiao(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, VAT_CODE, VAT_NUMBER,
	    VAT_CHECK);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_int_equal(h.kind, CP__INVOICE_VAT);
	assert_string_equal(h.kind_en, "VAT fapiao");
	assert_string_equal(h.kind_zh, "增值税发票");
	assert_string_equal(h.platform_url, STA_URL);
	assert_string_equal(h.platform_zh, "国家税务总局全国增值税发票查验平台");
	ts_assert_contains(h.platform_en, "State Taxation Administration");
	assert_string_equal(h.check6, "991611");
	assert_string_equal(h.date, "2026-10-09");
	assert_string_equal(h.amount, "12850.40");
	assert_string_equal(h.fields, "code " VAT_CODE ", number " VAT_NUMBER
	    ", date 2026-10-09, check code (last 6) 991611");
	/* No QR text of the paper's own: none is made up. */
	assert_null(h.qr);
	cp__invoice_help_clear(&h);
	assert_null(h.qr);
	assert_null(h.fields);
}

static void
test_invoice_qr__help_for_a_special_invoice_asks_for_the_amount(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, "3200171130", "02451335",
	    NULL);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_string_equal(h.check6, "");
	assert_string_equal(h.fields, "code 3200171130, number 02451335, "
	    "date 2026-10-09, amount (excluding tax; the manifest's 12850.40 "
	    "includes tax)");
	cp__invoice_help_clear(&h);
}

static void
test_invoice_qr__help_for_a_digital_fapiao(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_UNKNOWN, NULL, DIGITAL_NUMBER,
	    NULL);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_int_equal(h.kind, CP__INVOICE_VAT_DIGITAL);
	assert_string_equal(h.kind_en, "Fully digitalized VAT fapiao");
	assert_string_equal(h.kind_zh, "数电票");
	assert_string_equal(h.platform_url, STA_URL);
	assert_string_equal(h.check6, "");
	assert_string_equal(h.fields, "number " DIGITAL_NUMBER ", date "
	    "2026-10-09, amount (tax included) 12850.40");
	assert_null(h.qr);
	cp__invoice_help_clear(&h);
}

static void
test_invoice_qr__help_for_a_fiscal_receipt(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_FISCAL, FISCAL_CODE,
	    FISCAL_NUMBER, FISCAL_CHECK);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_int_equal(h.kind, CP__INVOICE_FISCAL);
	assert_string_equal(h.kind_en, "Fiscal medical receipt");
	assert_string_equal(h.kind_zh, "医疗收费电子票据");
	assert_string_equal(h.platform_url, MOF_URL);
	assert_string_equal(h.platform_zh, "全国财政电子票据查验平台");
	ts_assert_contains(h.platform_en, "Ministry of Finance");
	assert_string_equal(h.check6, FISCAL_CHECK);
	assert_string_equal(h.fields, "code " FISCAL_CODE ", number "
	    FISCAL_NUMBER ", check code " FISCAL_CHECK ", date 2026-10-09, "
	    "amount 12850.40");
	assert_null(h.qr);
	cp__invoice_help_clear(&h);
}

static void
test_invoice_qr__help_prefers_the_manifest_qr_and_url(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_FISCAL, FISCAL_CODE,
	    FISCAL_NUMBER, FISCAL_CHECK);
	cp__invoice_help h;

	(void)state;
	doc.invoice.verify_url = (char *)"https://pjcy.example.gov.cn/v?id=1";
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_string_equal(h.platform_url,
	    "https://pjcy.example.gov.cn/v?id=1");
	assert_string_equal(h.qr, "https://pjcy.example.gov.cn/v?id=1");
	cp__invoice_help_clear(&h);

	doc = fapiao(CP__INVOICE_VAT, VAT_CODE, VAT_NUMBER, VAT_CHECK);
	doc.invoice.qr = (char *)"  " VAT_QR "\n";
	doc.invoice.verify_url = (char *)"https://example.cn/v";
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_string_equal(h.qr, VAT_QR);
	assert_string_equal(h.platform_url, "https://example.cn/v");
	cp__invoice_help_clear(&h);
}

/* A QR text read off the paper is the paper's own, exactly: it wins
 * over the typed one, which may hold a typo. */
static void
test_invoice_qr__help_prefers_the_qr_read_off_the_paper(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, REAL_VAT_CODE,
	    REAL_VAT_NUMBER, REAL_VAT_CHECK);
	cp__invoice_help h;

	(void)state;
	doc.invoice.qr = (char *)"01,10,033002000211,83089648,510.68,"
	    "20200723,16197833567414507415,0941,";
	doc.invoice.verify_url = (char *)"https://example.cn/v";
	assert_int_equal(cp__invoice_help_make(&h, &doc, " " REAL_VAT_QR
	    "\r\n"), 0);
	assert_string_equal(h.qr, REAL_VAT_QR);
	cp__invoice_help_clear(&h);
	/* A blank read text counts as none. */
	assert_int_equal(cp__invoice_help_make(&h, &doc, " \n"), 0);
	assert_string_equal(h.qr, doc.invoice.qr);
	cp__invoice_help_clear(&h);
	/* A fiscal receipt's URL, read off the paper. */
	doc = fapiao(CP__INVOICE_FISCAL, "45060122", "0185821908", "07892e");
	assert_int_equal(cp__invoice_help_make(&h, &doc, FISCAL_URL_504), 0);
	assert_string_equal(h.qr, FISCAL_URL_504);
	assert_string_equal(h.platform_url, MOF_URL);
	cp__invoice_help_clear(&h);
}

static void
test_invoice_qr__help_for_identifiers_of_no_kind(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, VAT_CODE, "8196672",
	    VAT_CHECK);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_int_equal(h.kind, CP__INVOICE_UNKNOWN);
	assert_string_equal(h.kind_en, "Receipt");
	assert_string_equal(h.kind_zh, "票据");
	/* Declared vat: the VAT platform still. */
	assert_string_equal(h.platform_url, STA_URL);
	assert_string_equal(h.check6, "");
	assert_string_equal(h.fields, "code " VAT_CODE ", number 8196672, "
	    "check code " VAT_CHECK ", date 2026-10-09, amount 12850.40");
	assert_null(h.qr);
	cp__invoice_help_clear(&h);

	/* Nothing declared, nothing known, no number. */
	doc = fapiao(CP__INVOICE_UNKNOWN, NULL, NULL, NULL);
	doc.has_date = doc.has_amount = false;
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_string_equal(h.platform_url, "");
	assert_string_equal(h.platform_en, "");
	assert_string_equal(h.fields, "");
	assert_string_equal(h.date, "");
	assert_string_equal(h.amount, "");
	cp__invoice_help_clear(&h);
}

static void
test_invoice_qr__help_names_what_the_manifest_lacks(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_UNKNOWN, NULL, DIGITAL_NUMBER,
	    NULL);
	cp__invoice_help h;

	(void)state;
	doc.has_date = false;
	doc.has_amount = false;
	assert_int_equal(cp__invoice_help_make(&h, &doc, NULL), 0);
	assert_string_equal(h.fields, "number " DIGITAL_NUMBER ", date (not "
	    "in the manifest), amount (tax included) (not in the manifest)");
	cp__invoice_help_clear(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invoice_qr__vat_example),
		cmocka_unit_test(test_invoice_qr__real_vat_texts),
		cmocka_unit_test(test_invoice_qr__amounts_with_fewer_decimals),
		cmocka_unit_test(test_invoice_qr__amount_meaning_by_type),
		cmocka_unit_test(test_invoice_qr__real_fiscal_urls),
		cmocka_unit_test(test_invoice_qr__other_urls_stay_urls),
		cmocka_unit_test(test_invoice_qr__texts_that_are_no_invoice),
		cmocka_unit_test(test_invoice_qr__special_invoice_has_no_check_code),
		cmocka_unit_test(test_invoice_qr__digital_example),
		cmocka_unit_test(test_invoice_qr__fiscal_receipt),
		cmocka_unit_test(test_invoice_qr__urls),
		cmocka_unit_test(test_invoice_qr__spaces_around_text_and_fields),
		cmocka_unit_test(test_invoice_qr__malformed_fields_are_absent),
		cmocka_unit_test(test_invoice_qr__texts_of_no_known_layout),
		cmocka_unit_test(test_invoice_qr__huge_texts),
		cmocka_unit_test(test_invoice_qr__random_texts_keep_the_contract),
		cmocka_unit_test(test_invoice_qr__help_for_a_vat_fapiao),
		cmocka_unit_test(test_invoice_qr__help_for_a_special_invoice_asks_for_the_amount),
		cmocka_unit_test(test_invoice_qr__help_for_a_digital_fapiao),
		cmocka_unit_test(test_invoice_qr__help_for_a_fiscal_receipt),
		cmocka_unit_test(test_invoice_qr__help_prefers_the_manifest_qr_and_url),
		cmocka_unit_test(test_invoice_qr__help_prefers_the_qr_read_off_the_paper),
		cmocka_unit_test(test_invoice_qr__help_for_identifiers_of_no_kind),
		cmocka_unit_test(test_invoice_qr__help_names_what_the_manifest_lacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
