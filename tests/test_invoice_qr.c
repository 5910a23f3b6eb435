/* test_invoice_qr.c - the text of fapiao QR codes, and what a person
 * needs to verify an invoice by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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

/* ---- composing the VAT text ------------------------------------------- */

static void
test_invoice_qr__compose_vat_text(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, VAT_CODE, VAT_NUMBER,
	    VAT_CHECK);
	char *text = cp__qr_compose_vat(&doc, CP__INVOICE_VAT);

	(void)state;
	assert_string_equal(text, "01,10," VAT_CODE "," VAT_NUMBER
	    ",12850.40,20261009," VAT_CHECK ",");
	free(text);
	/* Whole yuan still get two decimals; no date, no check code. */
	doc.amount = 700;
	doc.has_date = false;
	doc.invoice.check_code = NULL;
	doc.invoice.code = (char *)"3200171130";
	text = cp__qr_compose_vat(&doc, CP__INVOICE_VAT);
	assert_string_equal(text, "01,04,3200171130," VAT_NUMBER
	    ",7.00,,,");
	free(text);
}

static void
test_invoice_qr__compose_digital_text(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_UNKNOWN, NULL, DIGITAL_NUMBER,
	    NULL);
	char *text = cp__qr_compose_vat(&doc, CP__INVOICE_VAT_DIGITAL);

	(void)state;
	assert_string_equal(text, "01,32,," DIGITAL_NUMBER
	    ",12850.40,20261009,,");
	free(text);
}

static void
test_invoice_qr__compose_uses_the_manifest_type(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, VAT_CODE, VAT_NUMBER,
	    VAT_CHECK);
	char *text;

	(void)state;
	doc.invoice.type = (char *)"01";
	text = cp__qr_compose_vat(&doc, CP__INVOICE_VAT);
	assert_non_null(text);
	assert_memory_equal(text, "01,01,", 6);
	free(text);
	/* A type that would break the text gives way to the default. */
	doc.invoice.type = (char *)"1,0";
	text = cp__qr_compose_vat(&doc, CP__INVOICE_VAT);
	assert_non_null(text);
	assert_memory_equal(text, "01,10," VAT_CODE ",", 19);
	free(text);
}

static void
test_invoice_qr__compose_refuses_what_is_not_vat(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_FISCAL, FISCAL_CODE,
	    FISCAL_NUMBER, FISCAL_CHECK);

	(void)state;
	assert_null(cp__qr_compose_vat(&doc, CP__INVOICE_FISCAL));
	assert_null(cp__qr_compose_vat(&doc, CP__INVOICE_UNKNOWN));
	doc = fapiao(CP__INVOICE_VAT, VAT_CODE, NULL, VAT_CHECK);
	assert_null(cp__qr_compose_vat(&doc, CP__INVOICE_VAT));
}

/*
 * Loads a manifest with one fapiao whose invoice mapping is `invoice`,
 * composes its QR text and parses it back: the code, number, date,
 * amount and type must come back as `kind`, `type`, `code` and `number`,
 * with the manifest's date and amount.
 */
static void
round_trip(ts_fixture *fx, const char *invoice, cp__invoice_kind kind,
    const char *type, const char *code, const char *number)
{
	const cp__document *doc;
	cp__invoice_kind got;
	cp__qr_fields f;
	char *text, *manifest;

	manifest = cp__sprintf("%s%sdocuments:\n"
	    "  - id: fp\n"
	    "    type: fapiao\n"
	    "    files: fp.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "    amount: 12850.4\n"
	    "    invoice:\n%s", TS_HEAD, TS_STAY, invoice);
	assert_non_null(manifest);
	ts_assert_ok(ts_load(fx, manifest), &fx->err);
	free(manifest);
	doc = &fx->claim->documents[0];
	assert_int_equal(cp__invoice_id_classify(&got, doc->invoice.declared,
	    doc->invoice.code, doc->invoice.number, doc->invoice.check_code,
	    NULL, 0), 0);
	assert_int_equal(got, kind);
	text = cp__qr_compose_vat(doc, got);
	assert_non_null(text);
	f = parse_as(text, CP__QR_VAT);
	free(text);
	assert_string_equal(f.type, type);
	assert_string_equal(f.code, code);
	assert_string_equal(f.number, number);
	assert_true(f.has_date);
	assert_int_equal(f.date, doc->date);
	assert_true(f.has_amount);
	assert_int_equal(f.amount, doc->amount);
	assert_int_equal(f.amount, 1285040);
}

static void
test_invoice_qr__composed_text_parses_back(void **state)
{
	ts_fixture *fx = *state;

	round_trip(fx,
	    "      code: \"0440 0150 0111\"\n"
	    "      number: \"" VAT_NUMBER "\"\n"
	    "      check_code: \"" VAT_CHECK "\"\n",
	    CP__INVOICE_VAT, "10", VAT_CODE, VAT_NUMBER);
	round_trip(fx,
	    "      kind: vat\n"
	    "      code: \"044001500113\"\n"
	    "      number: \"" VAT_NUMBER "\"\n"
	    "      type: \"01\"\n",
	    CP__INVOICE_VAT, "01", "044001500113", VAT_NUMBER);
	round_trip(fx,
	    "      number: \"" DIGITAL_NUMBER "\"\n",
	    CP__INVOICE_VAT_DIGITAL, "32", "", DIGITAL_NUMBER);
}

/* ---- default types ---------------------------------------------------- */

static void
test_invoice_qr__default_types(void **state)
{
	static const struct {
		const char *code;
		const char *type;
	} cases[] = {
		{ "044001500111", "10" },   /* e-ordinary */
		{ "044001500112", "14" },   /* toll */
		{ "044001500113", "20" },   /* e-special */
		{ "044001500104", "04" },   /* folded */
		{ "044001500105", "04" },
		{ "044001500106", "11" },   /* roll */
		{ "044001500107", "11" },
		{ "3200171130", "04" },     /* 10 digits */
		{ "044001500199", NULL },   /* kind digits of no known kind */
	};
	cp__invoice inv;
	size_t i;

	(void)state;
	memset(&inv, 0, sizeof(inv));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got;

		inv.code = (char *)cases[i].code;
		got = cp__qr_default_type(&inv, CP__INVOICE_VAT);
		if (cases[i].type == NULL)
			assert_null(got);
		else if (got == NULL || strcmp(got, cases[i].type) != 0)
			fail_msg("code %s: type %s, expected %s",
			    cases[i].code, got ? got : "(null)",
			    cases[i].type);
	}
	inv.code = NULL;
	assert_string_equal(cp__qr_default_type(&inv,
	    CP__INVOICE_VAT_DIGITAL), "32");
	inv.code = (char *)FISCAL_CODE;
	assert_null(cp__qr_default_type(&inv, CP__INVOICE_FISCAL));
}

/* ---- help for verifying by hand --------------------------------------- */

static void
test_invoice_qr__help_for_a_vat_fapiao(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, VAT_CODE, VAT_NUMBER,
	    VAT_CHECK);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
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
	assert_string_equal(h.qr, "01,10," VAT_CODE "," VAT_NUMBER
	    ",12850.40,20261009," VAT_CHECK ",");
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
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
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
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
	assert_int_equal(h.kind, CP__INVOICE_VAT_DIGITAL);
	assert_string_equal(h.kind_en, "Fully digitalized VAT fapiao");
	assert_string_equal(h.kind_zh, "数电票");
	assert_string_equal(h.platform_url, STA_URL);
	assert_string_equal(h.check6, "");
	assert_string_equal(h.fields, "number " DIGITAL_NUMBER ", date "
	    "2026-10-09, amount (tax included) 12850.40");
	assert_string_equal(h.qr, "01,32,," DIGITAL_NUMBER
	    ",12850.40,20261009,,");
	cp__invoice_help_clear(&h);
}

static void
test_invoice_qr__help_for_a_fiscal_receipt(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_FISCAL, FISCAL_CODE,
	    FISCAL_NUMBER, FISCAL_CHECK);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
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
	/* No QR text of its own to compose. */
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
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
	assert_string_equal(h.platform_url,
	    "https://pjcy.example.gov.cn/v?id=1");
	assert_string_equal(h.qr, "https://pjcy.example.gov.cn/v?id=1");
	cp__invoice_help_clear(&h);

	doc = fapiao(CP__INVOICE_VAT, VAT_CODE, VAT_NUMBER, VAT_CHECK);
	doc.invoice.qr = (char *)"  " VAT_QR "\n";
	doc.invoice.verify_url = (char *)"https://example.cn/v";
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
	assert_string_equal(h.qr, VAT_QR);
	assert_string_equal(h.platform_url, "https://example.cn/v");
	cp__invoice_help_clear(&h);
}

static void
test_invoice_qr__help_for_identifiers_of_no_kind(void **state)
{
	cp__document doc = fapiao(CP__INVOICE_VAT, VAT_CODE, "8196672",
	    VAT_CHECK);
	cp__invoice_help h;

	(void)state;
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
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
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
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
	assert_int_equal(cp__invoice_help_make(&h, &doc), 0);
	assert_string_equal(h.fields, "number " DIGITAL_NUMBER ", date (not "
	    "in the manifest), amount (tax included) (not in the manifest)");
	cp__invoice_help_clear(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invoice_qr__vat_example),
		cmocka_unit_test(test_invoice_qr__special_invoice_has_no_check_code),
		cmocka_unit_test(test_invoice_qr__digital_example),
		cmocka_unit_test(test_invoice_qr__fiscal_receipt),
		cmocka_unit_test(test_invoice_qr__urls),
		cmocka_unit_test(test_invoice_qr__spaces_around_text_and_fields),
		cmocka_unit_test(test_invoice_qr__malformed_fields_are_absent),
		cmocka_unit_test(test_invoice_qr__texts_of_no_known_layout),
		cmocka_unit_test(test_invoice_qr__huge_texts),
		cmocka_unit_test(test_invoice_qr__random_texts_keep_the_contract),
		cmocka_unit_test(test_invoice_qr__compose_vat_text),
		cmocka_unit_test(test_invoice_qr__compose_digital_text),
		cmocka_unit_test(test_invoice_qr__compose_uses_the_manifest_type),
		cmocka_unit_test(test_invoice_qr__compose_refuses_what_is_not_vat),
		TS_TEST(test_invoice_qr__composed_text_parses_back),
		cmocka_unit_test(test_invoice_qr__default_types),
		cmocka_unit_test(test_invoice_qr__help_for_a_vat_fapiao),
		cmocka_unit_test(test_invoice_qr__help_for_a_special_invoice_asks_for_the_amount),
		cmocka_unit_test(test_invoice_qr__help_for_a_digital_fapiao),
		cmocka_unit_test(test_invoice_qr__help_for_a_fiscal_receipt),
		cmocka_unit_test(test_invoice_qr__help_prefers_the_manifest_qr_and_url),
		cmocka_unit_test(test_invoice_qr__help_for_identifiers_of_no_kind),
		cmocka_unit_test(test_invoice_qr__help_names_what_the_manifest_lacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
