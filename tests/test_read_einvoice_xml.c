/* test_read_einvoice_xml.c - facts read off e-invoice XML
 * (read/einvoice_xml.c): the 2019 VAT e-invoice and the fully
 * digitalized layout, namespaces or none, CDATA, tax-free "***",
 * missing fields, the forms of dates and amounts, a GraphCode that is a
 * base64 PNG, and XML that must be refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <png.h>
#include <qrencode.h>

#include "read/readers.h"
#include "util/strbuf.h"
#include "support.h"

#define VAT_QR "01,10,033002000211,83089647,510.68,20200723," \
	"16197833567414507415,0941,"

/* The attachment of a real 2020 OFD (ofdrw's 1.ofd), cut to the fields
 * claimpack reads and a few it must pass over. */
static const char vat_2019[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<eInvoice xmlns:fp=\"http://www.edrm.org.cn/schema/e-invoice/2019\" "
	"Version=\"1.0\"><fp:DocID>01</fp:DocID>"
	"<fp:InvoiceCode>033002000211</fp:InvoiceCode>"
	"<fp:InvoiceNo>83089647</fp:InvoiceNo><fp:TypeCode>0</fp:TypeCode>"
	"<fp:IssueDate>2020年07月23日</fp:IssueDate>"
	"<fp:InvoiceCheckCode>16197833567414507415</fp:InvoiceCheckCode>"
	"<fp:MachineNo>927000236092</fp:MachineNo>"
	"<fp:Buyer><fp:BuyerName>江苏京利华新材料有限公司</fp:BuyerName>"
	"<fp:BuyerTaxID>91320115MA202UKD7X</fp:BuyerTaxID></fp:Buyer>"
	"<fp:Seller><fp:SellerName>兰溪市悦济舫餐厅</fp:SellerName></fp:Seller>"
	"<fp:TaxInclusiveTotalAmount>526.00</fp:TaxInclusiveTotalAmount>"
	"<fp:TaxTotalAmount>15.32</fp:TaxTotalAmount>"
	"<fp:TaxExclusiveTotalAmount>510.68</fp:TaxExclusiveTotalAmount>"
	"<fp:GraphCode>" VAT_QR "</fp:GraphCode>"
	"<fp:GoodsInfos><fp:GoodsInfo><fp:Item>*餐饮服务*餐费</fp:Item>"
	"<fp:Amount>510.68</fp:Amount><fp:TaxAmount>15.32</fp:TaxAmount>"
	"</fp:GoodsInfo></fp:GoodsInfos></eInvoice>";

/* The fully digitalized layout as DOMAIN.md describes it (only
 * synthetic copies are known). */
static const char digital[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<EInvoice><Header><EIid>24112000000048542163</EIid></Header>"
	"<EInvoiceData><SellerInformation><SellerIdNum>91110000X</SellerIdNum>"
	"<SellerName>北京某某医院有限公司</SellerName></SellerInformation>"
	"<BuyerInformation><BuyerName>张三</BuyerName></BuyerInformation>"
	"<BasicInformation><TotalAmWithoutTax>3937.17</TotalAmWithoutTax>"
	"<TotalTaxAm>511.83</TotalTaxAm>"
	"<TotalTax-includedAmount>4449.00</TotalTax-includedAmount>"
	"</BasicInformation></EInvoiceData>"
	"<TaxSupervisionInfo><InvoiceNumber>24112000000048542163</InvoiceNumber>"
	"<IssueTime>2024-05-28 10:11:12</IssueTime></TaxSupervisionInfo>"
	"</EInvoice>";

static cp__paper_facts *
read_xml(const char *xml)
{
	cp__paper_facts *p = cp__paper_new("invoice.xml");

	assert_non_null(p);
	assert_int_equal(cp__read_einvoice_xml(p, xml, strlen(xml)), 0);
	assert_string_equal(p->format, "xml");
	return p;
}

/* Reads `xml`, which must give a problem containing `want`. */
static void
expect_problem(const char *xml, size_t len, const char *want)
{
	cp__paper_facts *p = cp__paper_new("bad.xml");

	assert_non_null(p);
	assert_int_equal(cp__read_einvoice_xml(p, xml, len), 0);
	ts_assert_contains(p->problem, want);
	assert_false(p->invoice.present);
	assert_null(p->type);
	cp__paper_free(p);
}

static cp__date
ymd(int y, int m, int d)
{
	return cp__date_from_ymd(y, m, d);
}

static void
assert_text(const cp__fact_text *t, const char *want)
{
	if (want == NULL) {
		if (t->text != NULL)
			fail_msg("expected no value, got \"%s\"", t->text);
		return;
	}
	if (t->text == NULL)
		fail_msg("expected \"%s\", got no value", want);
	assert_string_equal(t->text, want);
}

/* ---- the layouts ------------------------------------------------------ */

static void
test_read_einvoice_xml__vat_2019_layout(void **state)
{
	cp__paper_facts *p;

	(void)state;
	p = read_xml(vat_2019);
	assert_null(p->problem);
	assert_string_equal(p->type, "fapiao");
	assert_true(p->invoice.present);
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT);
	assert_text(&p->invoice.code, "033002000211");
	assert_text(&p->invoice.number, "83089647");
	assert_text(&p->invoice.check_code, "16197833567414507415");
	assert_text(&p->invoice.buyer, "江苏京利华新材料有限公司");
	assert_text(&p->invoice.seller, "兰溪市悦济舫餐厅");
	assert_int_equal(p->invoice.date.date, ymd(2020, 7, 23));
	assert_int_equal(p->invoice.amount.fen, 52600);
	assert_int_equal(p->invoice.amount_before_tax.fen, 51068);
	assert_int_equal(p->invoice.amount.from, CP__FROM_XML);
	assert_int_equal(p->invoice.number.from, CP__FROM_XML);
	/* the GraphCode is the QR text */
	assert_text(&p->invoice.qr, VAT_QR);
	assert_string_equal(p->invoice.qr_type, "10");
	assert_int_equal(p->nnames, 1);
	assert_int_equal(p->names[0].role, CP__NAME_BUYER);
	assert_int_equal(p->names[0].from, CP__FROM_XML);
	assert_int_equal(p->ndates, 1);
	assert_int_equal(p->dates[0].role, CP__DATE_ISSUE);
	assert_int_equal(p->dates[0].date, ymd(2020, 7, 23));
	cp__paper_free(p);
}

static void
test_read_einvoice_xml__digital_layout(void **state)
{
	cp__paper_facts *p;

	(void)state;
	p = read_xml(digital);
	assert_null(p->problem);
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT_DIGITAL);
	assert_text(&p->invoice.code, NULL);
	assert_text(&p->invoice.check_code, NULL);
	assert_text(&p->invoice.number, "24112000000048542163");
	assert_text(&p->invoice.buyer, "张三");
	assert_text(&p->invoice.seller, "北京某某医院有限公司");
	/* the date part of IssueTime */
	assert_int_equal(p->invoice.date.date, ymd(2024, 5, 28));
	assert_int_equal(p->invoice.amount.fen, 444900);
	assert_int_equal(p->invoice.amount_before_tax.fen, 393717);
	cp__paper_free(p);
}

static void
test_read_einvoice_xml__other_or_no_namespaces(void **state)
{
	cp__paper_facts *p;

	(void)state;
	p = read_xml("<x:eInvoice xmlns:x=\"urn:other\"><x:InvoiceNo>12345678"
	    "</x:InvoiceNo><x:InvoiceCode>033002000211</x:InvoiceCode>"
	    "</x:eInvoice>");
	assert_text(&p->invoice.number, "12345678");
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT);
	cp__paper_free(p);
	/* a prefix never declared (some producers write them) */
	p = read_xml("<eInvoice><fp:InvoiceNo>12345678</fp:InvoiceNo>"
	    "</eInvoice>");
	assert_text(&p->invoice.number, "12345678");
	cp__paper_free(p);
}

static void
test_read_einvoice_xml__cdata_values(void **state)
{
	cp__paper_facts *p;

	(void)state;
	p = read_xml("<eInvoice><InvoiceNo><![CDATA[83089647]]></InvoiceNo>"
	    "<Buyer><BuyerName><![CDATA[李<四>]]></BuyerName></Buyer>"
	    "<TaxInclusiveTotalAmount> <![CDATA[526.00]]> "
	    "</TaxInclusiveTotalAmount></eInvoice>");
	assert_text(&p->invoice.number, "83089647");
	assert_text(&p->invoice.buyer, "李<四>");
	assert_int_equal(p->invoice.amount.fen, 52600);
	cp__paper_free(p);
}

static void
test_read_einvoice_xml__tax_free_stars(void **state)
{
	cp__paper_facts *p;

	(void)state;
	p = read_xml("<eInvoice><InvoiceNo>12345678</InvoiceNo>"
	    "<TaxInclusiveTotalAmount>236.21</TaxInclusiveTotalAmount>"
	    "<TaxTotalAmount>***</TaxTotalAmount></eInvoice>");
	assert_int_equal(p->invoice.amount.fen, 23621);
	assert_true(p->invoice.amount_before_tax.has);
	assert_int_equal(p->invoice.amount_before_tax.fen, 23621);
	cp__paper_free(p);
}

static void
test_read_einvoice_xml__missing_amounts_are_worked_out(void **state)
{
	cp__paper_facts *p;

	(void)state;
	/* no total: before tax + tax */
	p = read_xml("<eInvoice><InvoiceNo>12345678</InvoiceNo>"
	    "<TaxExclusiveTotalAmount>510.68</TaxExclusiveTotalAmount>"
	    "<TaxTotalAmount>15.32</TaxTotalAmount></eInvoice>");
	assert_int_equal(p->invoice.amount.fen, 52600);
	assert_int_equal(p->invoice.amount_before_tax.fen, 51068);
	cp__paper_free(p);
	/* no amount before tax: total - tax */
	p = read_xml("<eInvoice><InvoiceNo>12345678</InvoiceNo>"
	    "<TaxInclusiveTotalAmount>526.00</TaxInclusiveTotalAmount>"
	    "<TaxTotalAmount>15.32</TaxTotalAmount></eInvoice>");
	assert_int_equal(p->invoice.amount_before_tax.fen, 51068);
	cp__paper_free(p);
}

static void
test_read_einvoice_xml__missing_fields_stay_unset(void **state)
{
	cp__paper_facts *p;

	(void)state;
	p = read_xml("<eInvoice><InvoiceNo>83089647</InvoiceNo>"
	    "<InvoiceCode></InvoiceCode><IssueDate/></eInvoice>");
	assert_null(p->problem);
	assert_true(p->invoice.present);
	assert_text(&p->invoice.number, "83089647");
	assert_text(&p->invoice.code, NULL);
	assert_text(&p->invoice.buyer, NULL);
	assert_text(&p->invoice.qr, NULL);
	assert_false(p->invoice.date.has);
	assert_false(p->invoice.amount.has);
	assert_false(p->invoice.amount_before_tax.has);
	assert_int_equal(p->nnames, 0);
	assert_int_equal(p->ndates, 0);
	/* 8 digits with no code: an older VAT invoice, not a digital one */
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT);
	cp__paper_free(p);
}

static void
test_read_einvoice_xml__forms_of_dates(void **state)
{
	static const struct {
		const char *text;
		int ok;
	} cases[] = {
		{ "2020年07月23日", 1 },
		{ "2020年7月23日", 1 },
		{ " 2020 年07 月23 日 ", 1 },
		{ "2020-07-23", 1 },
		{ "2020/07/23", 1 },
		{ "20200723", 1 },
		{ "2020-07-23T09:30:00", 1 },
		{ "2020-07-23 09:30:00", 1 },
		{ "2020-02-30", 0 },
		{ "2020-13-01", 0 },
		{ "1899-12-31", 0 },
		{ "202007230", 0 },
		{ "2020-07-23x", 0 },
		{ "23/07/2020", 0 },
		{ "soon", 0 },
	};
	char xml[256];
	cp__paper_facts *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(xml, sizeof(xml), "<eInvoice><InvoiceNo>12345678"
		    "</InvoiceNo><IssueDate>%s</IssueDate></eInvoice>",
		    cases[i].text);
		p = read_xml(xml);
		if (p->invoice.date.has != (cases[i].ok != 0))
			fail_msg("\"%s\": date %s", cases[i].text,
			    cases[i].ok ? "not read" : "read");
		if (cases[i].ok)
			assert_int_equal(p->invoice.date.date, ymd(2020, 7, 23));
		cp__paper_free(p);
	}
}

static void
test_read_einvoice_xml__forms_of_amounts(void **state)
{
	static const struct {
		const char *text;
		int64_t fen;            /* -1: not read */
	} cases[] = {
		{ "526.00", 52600 },
		{ "¥526.00", 52600 },
		{ "￥ 526.00", 52600 },
		{ " 526 ", 52600 },
		{ "526.5", 52650 },
		{ "-526.00", -1 },      /* a red-letter invoice: not a total */
		{ "526,00", -1 },
		{ "5.2e2", -1 },
		{ "", -1 },
	};
	char xml[256];
	cp__paper_facts *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(xml, sizeof(xml), "<eInvoice><InvoiceNo>12345678"
		    "</InvoiceNo><TaxInclusiveTotalAmount>%s"
		    "</TaxInclusiveTotalAmount></eInvoice>", cases[i].text);
		p = read_xml(xml);
		if (p->invoice.amount.has != (cases[i].fen >= 0))
			fail_msg("\"%s\": amount %s", cases[i].text,
			    cases[i].fen >= 0 ? "not read" : "read");
		if (cases[i].fen >= 0)
			assert_int_equal(p->invoice.amount.fen, cases[i].fen);
		cp__paper_free(p);
	}
}

static void
test_read_einvoice_xml__identifiers_lose_their_spaces(void **state)
{
	cp__paper_facts *p;

	(void)state;
	p = read_xml("<eInvoice><InvoiceNo> 8308 9647 </InvoiceNo>"
	    "<InvoiceCheckCode>16197 83356 74145 07415</InvoiceCheckCode>"
	    "<InvoiceCode>0330-0200-0211</InvoiceCode></eInvoice>");
	assert_text(&p->invoice.number, "83089647");
	assert_text(&p->invoice.check_code, "16197833567414507415");
	/* not an identifier: skipped, not mangled */
	assert_text(&p->invoice.code, NULL);
	cp__paper_free(p);
}

/* ---- GraphCode as a picture ---------------------------------------- */

/* A PNG of the QR code of `text`: `px` pixels a module, no quiet zone
 * (as OFD producers crop them).  Caller frees. */
static unsigned char *
qr_png(const char *text, int px, size_t *len)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	png_image img;
	unsigned char *grey, *out;
	png_alloc_size_t size = 0;
	int side, x, y;

	assert_non_null(qr);
	side = qr->width * px;
	grey = malloc((size_t)side * side);
	assert_non_null(grey);
	for (y = 0; y < side; y++)
		for (x = 0; x < side; x++)
			grey[y * side + x] = qr->data[(y / px) * qr->width +
			    x / px] & 1 ? 0 : 255;
	QRcode_free(qr);
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)side;
	img.height = (png_uint_32)side;
	img.format = PNG_FORMAT_GRAY;
	assert_true(png_image_write_to_memory(&img, NULL, &size, 0, grey, 0,
	    NULL));
	out = malloc(size);
	assert_non_null(out);
	assert_true(png_image_write_to_memory(&img, out, &size, 0, grey, 0,
	    NULL));
	free(grey);
	*len = size;
	return out;
}

static char *
base64(const unsigned char *b, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	cp__strbuf sb = CP__STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)b[i] << 16 |
		    (i + 1 < n ? (uint32_t)b[i + 1] << 8 : 0) |
		    (i + 2 < n ? b[i + 2] : 0);
		char q[4] = { abc[v >> 18], abc[(v >> 12) & 63],
		    i + 1 < n ? abc[(v >> 6) & 63] : '=',
		    i + 2 < n ? abc[v & 63] : '=' };

		cp__strbuf_add(&sb, q, 4);
		if (i % 57 == 54)
			cp__strbuf_add(&sb, "\n", 1);   /* as MIME wraps */
	}
	return cp__strbuf_detach(&sb);
}

static void
test_read_einvoice_xml__graph_code_as_base64_png(void **state)
{
	cp__strbuf xml = CP__STRBUF_INIT;
	unsigned char *png;
	cp__paper_facts *p;
	size_t len;
	char *b64, *s;

	(void)state;
	png = qr_png(VAT_QR, 2, &len);
	b64 = base64(png, len);
	cp__strbuf_printf(&xml, "<eInvoice><GraphCode>%s</GraphCode>"
	    "</eInvoice>", b64);
	p = read_xml(s = cp__strbuf_detach(&xml));
	assert_null(p->problem);
	assert_text(&p->invoice.qr, VAT_QR);
	assert_int_equal(p->invoice.qr.from, CP__FROM_QR);
	/* the QR text fills the fields nothing else gave */
	assert_text(&p->invoice.number, "83089647");
	assert_int_equal(p->invoice.amount_before_tax.fen, 51068);
	cp__paper_free(p);
	free(s);
	/* the same as a data URI */
	cp__strbuf_printf(&xml, "<eInvoice><GraphCode>data:image/png;base64,"
	    "%s</GraphCode></eInvoice>", b64);
	p = read_xml(s = cp__strbuf_detach(&xml));
	assert_text(&p->invoice.qr, VAT_QR);
	cp__paper_free(p);
	free(s);
	free(b64);
	free(png);
}

/* ---- XML that must be refused ---------------------------------------- */

static void
test_read_einvoice_xml__entity_bomb_is_refused(void **state)
{
	static const char laughs[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE eInvoice [\n"
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    "]>\n<eInvoice><InvoiceNo>12345678</InvoiceNo>"
	    "<Buyer><BuyerName>&g;</BuyerName></Buyer></eInvoice>";

	(void)state;
	expect_problem(laughs, sizeof(laughs) - 1, "document type (DTD)");
}

static void
test_read_einvoice_xml__external_entity_is_refused(void **state)
{
	static const char xxe[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE eInvoice [\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	    "<eInvoice><InvoiceNo>12345678</InvoiceNo>"
	    "<Buyer><BuyerName>&x;</BuyerName></Buyer></eInvoice>";

	(void)state;
	expect_problem(xxe, sizeof(xxe) - 1, "document type (DTD)");
}

static void
test_read_einvoice_xml__broken_or_foreign_xml(void **state)
{
	static const char cut[] = "<eInvoice><InvoiceNo>12345678</Invoi";
	static const char nul[] = "<eInvoice>\0<InvoiceNo>1</InvoiceNo>";
	static const char other[] = "<html><body><p>12345678</p></body></html>";

	(void)state;
	expect_problem(cut, sizeof(cut) - 1, "is not well-formed XML");
	expect_problem(nul, sizeof(nul) - 1, "is not well-formed XML");
	expect_problem("", 0, "is empty");
	expect_problem(other, sizeof(other) - 1, "holds no e-invoice fields");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_einvoice_xml__vat_2019_layout),
		cmocka_unit_test(test_read_einvoice_xml__digital_layout),
		cmocka_unit_test(test_read_einvoice_xml__other_or_no_namespaces),
		cmocka_unit_test(test_read_einvoice_xml__cdata_values),
		cmocka_unit_test(test_read_einvoice_xml__tax_free_stars),
		cmocka_unit_test(test_read_einvoice_xml__missing_amounts_are_worked_out),
		cmocka_unit_test(test_read_einvoice_xml__missing_fields_stay_unset),
		cmocka_unit_test(test_read_einvoice_xml__forms_of_dates),
		cmocka_unit_test(test_read_einvoice_xml__forms_of_amounts),
		cmocka_unit_test(test_read_einvoice_xml__identifiers_lose_their_spaces),
		cmocka_unit_test(test_read_einvoice_xml__graph_code_as_base64_png),
		cmocka_unit_test(test_read_einvoice_xml__entity_bomb_is_refused),
		cmocka_unit_test(test_read_einvoice_xml__external_entity_is_refused),
		cmocka_unit_test(test_read_einvoice_xml__broken_or_foreign_xml),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
