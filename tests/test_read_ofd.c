/* test_read_ofd.c - facts read off OFD e-invoices (read/ofd.c): two real
 * invoices give exactly their true fields, and broken or hostile
 * packages (cut short, ZIP bombs, entity bombs, zip slips, not an OFD)
 * give a problem and nothing else.  And the cheap probe build makes
 * (read/ofd_probe.c): is it an OFD, does it carry signature data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <time.h>
#include <zip.h>

#include "read/ofd_probe.h"
#include "read/read.h"
#include "read/readers.h"
#include "util/fsio.h"
#include "util/strbuf.h"
#include "support.h"

#define OFDRW "tests/corpus/einvoice/ofdrw-1.ofd"
#define ERMA0 "tests/corpus/einvoice/erma0-sd-20241205.ofd"

/* The true fields of the two samples (expected.json beside them in
 * /work/shared/samples/einvoice, checked against the printed invoices). */
typedef struct {
	const char *path;
	cp__invoice_kind kind;
	const char *code, *number, *date, *check;
	int64_t amount, before_tax;
	const char *buyer, *seller, *qr, *qr_type;
} truth;

static const truth ofdrw = {
	OFDRW, CP__INVOICE_VAT, "033002000211", "83089647", "2020-07-23",
	"16197833567414507415", 52600, 51068, "江苏京利华新材料有限公司",
	"兰溪市悦济舫餐厅",
	"01,10,033002000211,83089647,510.68,20200723,16197833567414507415,"
	"0941,", "10"
};

static const truth erma0 = {
	ERMA0, CP__INVOICE_VAT_DIGITAL, NULL, "24322000000489101796",
	"2024-12-05", NULL, 2000000, 1769912, "无锡天鹏菜篮子工程有限公司",
	"无锡爱尔拓燃气技术设备有限公司",
	"01,31,,24322000000489101796,20000.00,20241205,,BBBB", "31"
};

static void
need_corpus(void)
{
	if (access(OFDRW, R_OK) != 0 || access(ERMA0, R_OK) != 0)
		fail_msg("tests/corpus/einvoice/ not found: run the tests from "
		    "the top of the source tree");
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

static cp__date
iso(const char *s)
{
	cp__date d;

	assert_int_equal(cp__date_parse(&d, s, NULL), 0);
	return d;
}

static bool
has_name(const cp__paper_facts *p, const char *text, cp__name_role role)
{
	size_t i;

	for (i = 0; i < p->nnames; i++)
		if (p->names[i].role == role && strcmp(p->names[i].text, text) == 0)
			return true;
	return false;
}

static bool
has_date(const cp__paper_facts *p, cp__date date, cp__date_role role)
{
	size_t i;

	for (i = 0; i < p->ndates; i++)
		if (p->dates[i].role == role && p->dates[i].date == date)
			return true;
	return false;
}

/* Every field of `t`, exactly. */
static void
assert_truth(const cp__paper_facts *p, const truth *t)
{
	const cp__invoice_facts *inv = &p->invoice;

	if (p->problem != NULL)
		fail_msg("%s: unexpected problem: %s", t->path, p->problem);
	assert_string_equal(p->format, "ofd");
	assert_int_equal(p->pages, 1);
	assert_non_null(p->type);
	assert_string_equal(p->type, "fapiao");
	assert_true(inv->present);
	assert_int_equal(inv->kind, t->kind);
	assert_text(&inv->code, t->code);
	assert_text(&inv->number, t->number);
	assert_text(&inv->check_code, t->check);
	assert_text(&inv->buyer, t->buyer);
	assert_text(&inv->seller, t->seller);
	assert_text(&inv->qr, t->qr);
	assert_string_equal(inv->qr_type, t->qr_type);
	assert_true(inv->date.has);
	assert_int_equal(inv->date.date, iso(t->date));
	assert_true(inv->amount.has);
	assert_int_equal(inv->amount.fen, t->amount);
	assert_true(inv->amount_before_tax.has);
	assert_int_equal(inv->amount_before_tax.fen, t->before_tax);
	/* e-invoice data wins over the QR code and the text */
	assert_int_equal(inv->number.from, CP__FROM_XML);
	assert_int_equal(inv->buyer.from, CP__FROM_XML);
	assert_int_equal(inv->amount.from, CP__FROM_XML);
	assert_int_equal(inv->date.from, CP__FROM_XML);
	assert_true(has_name(p, t->buyer, CP__NAME_BUYER));
	assert_true(has_date(p, iso(t->date), CP__DATE_ISSUE));
}

static cp__paper_facts *
read_file(const char *path, unsigned flags)
{
	cp__paper_facts *p = cp__paper_new(path);

	assert_non_null(p);
	assert_int_equal(cp__read_ofd(p, path, flags), 0);
	return p;
}

static cp__paper_facts *
read_memory(const void *data, size_t len, unsigned flags)
{
	cp__paper_facts *p = cp__paper_new("memory.ofd");

	assert_non_null(p);
	assert_int_equal(cp__read_ofd_memory(p, data, len, flags), 0);
	return p;
}

/* The bytes of the file at `path` (caller frees). */
static char *
slurp(const char *path, size_t *len)
{
	cp_error err;
	char *data;

	memset(&err, 0, sizeof(err));
	if (cp__file_read(&data, len, path, 1u << 20, "a test file", CP_EIO,
	    &err) != CP_OK)
		fail_msg("%s: %s", path, err.message);
	return data;
}

/* ---- the real invoices ------------------------------------------------ */

static void
test_read_ofd__vat_invoice_with_xml_attachment(void **state)
{
	cp__paper_facts *p;

	(void)state;
	need_corpus();
	p = read_file(OFDRW, CP__READ_ALL);
	assert_truth(p, &ofdrw);
	cp__paper_free(p);
}

static void
test_read_ofd__digital_invoice_from_custom_data_and_tags(void **state)
{
	cp__paper_facts *p;

	(void)state;
	need_corpus();
	p = read_file(ERMA0, CP__READ_ALL);
	assert_truth(p, &erma0);
	/* it has no XML: the QR text can only come from its PNG image */
	assert_int_equal(p->invoice.qr.from, CP__FROM_QR);
	assert_int_equal(p->invoice.qr.page, 1);
	/* buyer and seller only from the CustomTag's text objects */
	assert_int_equal(p->invoice.seller.page, 1);
	cp__paper_free(p);
}

static void
test_read_ofd__qr_from_the_jbig2_image(void **state)
{
	cp__paper_facts *p;

	(void)state;
	need_corpus();
	/* QR only: the GraphCode of the XML is not read, the image is */
	p = read_file(OFDRW, CP__READ_QR);
	assert_null(p->problem);
	assert_text(&p->invoice.qr, ofdrw.qr);
	assert_int_equal(p->invoice.qr.from, CP__FROM_QR);
	assert_text(&p->invoice.buyer, NULL);
	assert_int_equal(p->pages, 1);
	cp__paper_free(p);
}

static void
test_read_ofd__qr_from_the_png_image(void **state)
{
	cp__paper_facts *p;

	(void)state;
	need_corpus();
	p = read_file(ERMA0, CP__READ_QR);
	assert_null(p->problem);
	assert_text(&p->invoice.qr, erma0.qr);
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT_DIGITAL);
	assert_true(p->invoice.amount.has);
	assert_int_equal(p->invoice.amount.from, CP__FROM_QR);
	cp__paper_free(p);
}

static void
test_read_ofd__text_only_decodes_no_image(void **state)
{
	cp__paper_facts *p;

	(void)state;
	need_corpus();
	p = read_file(ERMA0, CP__READ_TEXT);
	assert_null(p->problem);
	assert_text(&p->invoice.qr, NULL);
	assert_text(&p->invoice.number, erma0.number);
	cp__paper_free(p);
}

static void
test_read_ofd__memory_reads_as_the_file(void **state)
{
	const truth *all[] = { &ofdrw, &erma0 };
	cp__paper_facts *p;
	size_t len, i;
	char *data;

	(void)state;
	need_corpus();
	for (i = 0; i < 2; i++) {
		data = slurp(all[i]->path, &len);
		p = read_memory(data, len, CP__READ_ALL);
		assert_truth(p, all[i]);
		cp__paper_free(p);
		free(data);
	}
}

static void
test_read_ofd__dispatcher_reads_ofd_by_content(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *p;
	size_t len;
	char *data;

	need_corpus();
	data = slurp(OFDRW, &len);
	/* named .pdf: the content decides */
	ts_write_bytes(fx->dir, "invoice.pdf", data, len);
	free(data);
	assert_int_equal(cp__read_paper(&p, ts_path(fx, "invoice.pdf"),
	    "invoice.pdf", CP__READ_ALL), 0);
	assert_truth(p, &ofdrw);
	assert_string_equal(p->file, "invoice.pdf");
	cp__paper_free(p);
}

/* ---- making packages ---------------------------------------------------- */

typedef struct {
	const char *name;
	const char *data;       /* NULL: `len` zero bytes */
	size_t len;             /* 0: strlen(data) */
} entry;

/* Writes a ZIP of the entries (deflated) at `path`. */
static void
make_zip(const char *path, const entry *e, size_t n)
{
	zip_source_t *src;
	void *zeros = NULL;
	zip_t *za;
	int err = 0;
	size_t i;

	if ((za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		fail_msg("zip_open %s: %d", path, err);
	for (i = 0; i < n; i++) {
		const void *d = e[i].data;
		size_t len = e[i].len ? e[i].len : strlen(e[i].data);

		if (d == NULL) {
			assert_null(zeros);
			zeros = calloc(1, len);
			assert_non_null(zeros);
			d = zeros;
		}
		src = zip_source_buffer(za, d, len, 0);
		assert_non_null(src);
		if (zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8) < 0)
			fail_msg("zip_file_add %s: %s", e[i].name,
			    zip_strerror(za));
	}
	if (zip_close(za) != 0)
		fail_msg("zip_close %s: %s", path, zip_strerror(za));
	free(zeros);
}

#define OFD_XML \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.1\">" \
	"<ofd:DocBody><ofd:DocInfo><ofd:CustomDatas>" \
	"<ofd:CustomData Name=\"发票号码\">24322000000489101796</ofd:CustomData>" \
	"</ofd:CustomDatas></ofd:DocInfo>" \
	"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
#define DOCUMENT_XML \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\">" \
	"<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>" \
	"</ofd:Pages></ofd:Document>"
#define CONTENT_XML \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content>" \
	"<ofd:Layer ID=\"2\"><ofd:TextObject ID=\"3\" Boundary=\"0 0 40 5\">" \
	"<ofd:TextCode X=\"0\" Y=\"4\">hello</ofd:TextCode></ofd:TextObject>" \
	"</ofd:Layer></ofd:Content></ofd:Page>"

/* Reads the package at fx's `name`, which must give a problem holding
 * `want`; returns the paper for more checks (caller frees). */
static cp__paper_facts *
expect_problem(ts_fixture *fx, const char *name, const char *want)
{
	cp__paper_facts *p = read_file(ts_path(fx, name), CP__READ_ALL);

	if (p->problem == NULL)
		fail_msg("%s: no problem, expected one with \"%s\"", name, want);
	ts_assert_contains(p->problem, want);
	assert_string_equal(p->format, "ofd");
	return p;
}

static void
test_read_ofd__a_made_package_reads(void **state)
{
	ts_fixture *fx = *state;
	const entry e[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "Doc_0/Document.xml", DOCUMENT_XML, 0 },
		{ "Doc_0/Pages/Page_0/Content.xml", CONTENT_XML, 0 },
	};
	cp__paper_facts *p;

	/* the base the broken cases change one thing of */
	make_zip(ts_path(fx, "good.ofd"), e, 3);
	p = read_file(ts_path(fx, "good.ofd"), CP__READ_ALL);
	assert_null(p->problem);
	assert_int_equal(p->pages, 1);
	assert_text(&p->invoice.number, "24322000000489101796");
	assert_int_equal(p->invoice.kind, CP__INVOICE_VAT_DIGITAL);
	cp__paper_free(p);
}

/* ---- broken and hostile packages ------------------------------------- */

static void
test_read_ofd__every_truncation_is_a_problem(void **state)
{
	cp__paper_facts *p;
	size_t len, cut;
	char *data;

	(void)state;
	need_corpus();
	data = slurp(OFDRW, &len);
	/* No prefix holds the directory at the end of a ZIP. */
	for (cut = 0; cut < len; cut += cut < 64 ? 1 : 331) {
		p = read_memory(data, cut, CP__READ_ALL);
		if (p->problem == NULL)
			fail_msg("cut at %zu of %zu: no problem", cut, len);
		cp__paper_free(p);
	}
	p = read_memory(data, len / 2, CP__READ_ALL);
	ts_assert_contains(p->problem, "cut short");
	cp__paper_free(p);
	free(data);
}

static void
test_read_ofd__damaged_entry_data_is_a_problem(void **state)
{
	cp__paper_facts *p;
	size_t len, i;
	char *data;

	(void)state;
	need_corpus();
	data = slurp(OFDRW, &len);
	/* flip bytes inside the compressed data of the first entries, not
	 * the directory: a CRC or inflate error, never a crash */
	for (i = 40; i < 4000 && i < len; i += 97) {
		data[i] ^= 0x55;
		p = read_memory(data, len, CP__READ_ALL);
		cp__paper_free(p);
		data[i] ^= 0x55;
	}
	free(data);
}

static void
test_read_ofd__zip_bomb_stops_at_the_cap(void **state)
{
	ts_fixture *fx = *state;
	/* 100 MB of zeros deflate to about 100 KB */
	const entry bomb[] = {
		{ "OFD.xml", NULL, 100u << 20 },
	};
	const entry page_bomb[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "Doc_0/Document.xml", DOCUMENT_XML, 0 },
		{ "Doc_0/Pages/Page_0/Content.xml", NULL, 100u << 20 },
	};
	clock_t start;
	cp__paper_facts *p;

	make_zip(ts_path(fx, "bomb.ofd"), bomb, 1);
	start = clock();
	p = expect_problem(fx, "bomb.ofd", "OFD.xml is larger than 4 MiB");
	/* stopped at 4 MiB, not after inflating 100 MB */
	assert_true(clock() - start < 5 * CLOCKS_PER_SEC);
	cp__paper_free(p);

	make_zip(ts_path(fx, "page-bomb.ofd"), page_bomb, 3);
	p = expect_problem(fx, "page-bomb.ofd", "larger than 4 MiB");
	ts_assert_contains(p->problem, "Content.xml");
	cp__paper_free(p);
}

static void
test_read_ofd__entity_bomb_in_ofd_xml(void **state)
{
	ts_fixture *fx = *state;
	const entry e[] = {
		{ "OFD.xml", TS_LAUGHS "<OFD><DocBody><DocRoot>&lol9;</DocRoot>"
		    "</DocBody></OFD>", 0 },
		{ "Doc_0/Document.xml", DOCUMENT_XML, 0 },
	};
	cp__paper_facts *p;

	make_zip(ts_path(fx, "laughs.ofd"), e, 2);
	p = expect_problem(fx, "laughs.ofd", "document type (DTD)");
	assert_false(p->invoice.present);
	cp__paper_free(p);
}

static void
test_read_ofd__zip_not_ofd(void **state)
{
	ts_fixture *fx = *state;
	const entry e[] = {
		{ "word/document.xml", "<w:document/>", 0 },
		{ "hello.txt", "hello", 0 },
	};
	cp__paper_facts *p;

	make_zip(ts_path(fx, "office.zip"), e, 2);
	p = expect_problem(fx, "office.zip",
	    "is a ZIP archive but not an OFD e-invoice");
	cp__paper_free(p);
}

static void
test_read_ofd__zip_slip_names_are_refused(void **state)
{
	ts_fixture *fx = *state;
	const entry up[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "Doc_0/../../evil.xml", "<x/>", 0 },
	};
	const entry root[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "/etc/evil.xml", "<x/>", 0 },
	};
	const entry back[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "..\\evil.xml", "<x/>", 0 },
	};
	cp__paper_facts *p;

	make_zip(ts_path(fx, "up.ofd"), up, 2);
	p = expect_problem(fx, "up.ofd", "points outside the archive");
	ts_assert_contains(p->problem, "Doc_0/../../evil.xml");
	assert_false(p->invoice.present);
	cp__paper_free(p);

	make_zip(ts_path(fx, "root.ofd"), root, 2);
	p = expect_problem(fx, "root.ofd", "from the root of a disk");
	cp__paper_free(p);

	make_zip(ts_path(fx, "back.ofd"), back, 2);
	p = expect_problem(fx, "back.ofd", "points outside the archive");
	cp__paper_free(p);
}

static void
test_read_ofd__paths_inside_the_package_stay_inside(void **state)
{
	ts_fixture *fx = *state;
	const entry e[] = {
		{ "OFD.xml", "<OFD><DocBody><DocRoot>../../etc/passwd</DocRoot>"
		    "</DocBody></OFD>", 0 },
	};
	cp__paper_facts *p;

	make_zip(ts_path(fx, "climb.ofd"), e, 1);
	p = expect_problem(fx, "climb.ofd", "names no document");
	cp__paper_free(p);
}

static void
test_read_ofd__empty_file(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *p;

	ts_write_bytes(fx->dir, "empty.ofd", "", 0);
	p = expect_problem(fx, "empty.ofd", "is empty");
	cp__paper_free(p);
	p = read_memory("", 0, CP__READ_ALL);
	ts_assert_contains(p->problem, "is empty");
	cp__paper_free(p);
}

static void
test_read_ofd__not_a_zip(void **state)
{
	static const char junk[] = "PK\x03\x04 but nothing of a ZIP after it";
	cp__paper_facts *p;

	(void)state;
	p = read_memory(junk, sizeof(junk) - 1, CP__READ_ALL);
	ts_assert_contains(p->problem, "not a whole ZIP archive");
	cp__paper_free(p);
}

static void
test_read_ofd__missing_page_is_a_problem(void **state)
{
	ts_fixture *fx = *state;
	const entry missing[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "Doc_0/Document.xml", DOCUMENT_XML, 0 },
	};
	const entry none[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "Doc_0/Document.xml", "<Document><Pages/></Document>", 0 },
	};
	const entry no_doc[] = {
		{ "OFD.xml", OFD_XML, 0 },
	};
	cp__paper_facts *p;

	make_zip(ts_path(fx, "missing.ofd"), missing, 2);
	p = expect_problem(fx, "missing.ofd", "Content.xml is missing");
	/* what could be read still is */
	assert_text(&p->invoice.number, "24322000000489101796");
	assert_int_equal(p->pages, 1);
	cp__paper_free(p);

	make_zip(ts_path(fx, "none.ofd"), none, 2);
	p = expect_problem(fx, "none.ofd", "lists no pages");
	cp__paper_free(p);

	make_zip(ts_path(fx, "nodoc.ofd"), no_doc, 1);
	p = expect_problem(fx, "nodoc.ofd", "Doc_0/Document.xml is missing");
	cp__paper_free(p);
}

static void
test_read_ofd__too_many_entries(void **state)
{
	ts_fixture *fx = *state;
	static char names[4100][16];
	static entry e[4100];
	cp__paper_facts *p;
	size_t i;

	for (i = 0; i < 4100; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		e[i].name = names[i];
		e[i].data = "x";
		e[i].len = 1;
	}
	make_zip(ts_path(fx, "many.ofd"), e, 4100);
	p = expect_problem(fx, "many.ofd", "holds 4100 files");
	cp__paper_free(p);
}

static void
test_read_ofd__encrypted_package(void **state)
{
	ts_fixture *fx = *state;
	const char *path = ts_path(fx, "locked.ofd");
	zip_source_t *src;
	cp__paper_facts *p;
	zip_t *za;
	int err;

	if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1))
		skip();
	assert_non_null(za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err));
	assert_non_null(src = zip_source_buffer(za, OFD_XML,
	    strlen(OFD_XML), 0));
	assert_true(zip_file_add(za, "OFD.xml", src, 0) == 0);
	assert_int_equal(zip_file_set_encryption(za, 0, ZIP_EM_AES_256,
	    "secret"), 0);
	assert_int_equal(zip_close(za), 0);
	p = expect_problem(fx, "locked.ofd", "is encrypted");
	cp__paper_free(p);
}

/* ---- the size caps ------------------------------------------------------ */

/* The QR PNG of the erma0 invoice, from the package (caller frees). */
static char *
erma0_qr_png(size_t *len)
{
	zip_stat_t st;
	zip_file_t *zf;
	zip_t *za;
	char *png;
	int err;

	need_corpus();
	assert_non_null(za = zip_open(ERMA0, ZIP_RDONLY, &err));
	assert_int_equal(zip_stat(za, "Doc_0/Res/image_6920.png", 0, &st), 0);
	assert_non_null(png = malloc(st.size));
	assert_non_null(zf = zip_fopen(za, "Doc_0/Res/image_6920.png", 0));
	assert_int_equal(zip_fread(zf, png, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	zip_discard(za);
	*len = st.size;
	return png;
}

#define DOC_WITH_RES_HEAD \
	"<Document><CommonData>"
#define DOC_WITH_RES_TAIL \
	"<DocumentRes>res.xml</DocumentRes></CommonData><Pages>" \
	"<Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></Pages>" \
	"</Document>"
#define RES_XML \
	"<Res BaseLoc=\"Res\"><MultiMedias><MultiMedia ID=\"10\" " \
	"Type=\"Image\"><MediaFile>qr.png</MediaFile></MultiMedia>" \
	"</MultiMedias></Res>"
#define PAGE_WITH_IMAGE \
	"<Page><Content><Layer><ImageObject ID=\"11\" ResourceID=\"10\" " \
	"Boundary=\"6 6 20 20\"/></Layer></Content></Page>"

/*
 * Writes an OFD whose page shows the erma0 QR code as Doc_0/Res/qr.png,
 * padded with zeros to `png_size` bytes (libpng stops at the image's
 * end, so the padding only makes the file larger), and whose document
 * lists `big` resource files of nearly 4 MiB before the one that names
 * the image.  Reads it with CP__READ_QR.
 */
static cp__paper_facts *
read_padded(ts_fixture *fx, size_t png_size, int big)
{
	cp__strbuf doc = CP__STRBUF_INIT, res = CP__STRBUF_INIT;
	size_t len;
	char *png = erma0_qr_png(&len), *padded;
	cp__paper_facts *p;
	int i;

	assert_true(png_size >= len);
	assert_non_null(padded = calloc(1, png_size));
	memcpy(padded, png, len);
	cp__strbuf_puts(&doc, DOC_WITH_RES_HEAD);
	for (i = 0; i < big; i++)
		cp__strbuf_puts(&doc, "<DocumentRes>big.xml</DocumentRes>");
	cp__strbuf_puts(&doc, DOC_WITH_RES_TAIL);
	/* a resource file of 4 MiB less 1 KiB: a comment is cheap to parse */
	cp__strbuf_puts(&res, "<Res><!--");
	while (res.len < (4u << 20) - 1024)
		cp__strbuf_puts(&res, "0123456789abcdef0123456789abcdef");
	cp__strbuf_puts(&res, "--></Res>");
	assert_false(doc.failed || res.failed);
	{
		const entry e[] = {
			{ "OFD.xml", OFD_XML, 0 },
			{ "Doc_0/Document.xml", doc.data, 0 },
			{ "Doc_0/res.xml", RES_XML, 0 },
			{ "Doc_0/big.xml", res.data, 0 },
			{ "Doc_0/Res/qr.png", padded, png_size },
			{ "Doc_0/Pages/Page_0/Content.xml", PAGE_WITH_IMAGE, 0 },
		};

		make_zip(ts_path(fx, "padded.ofd"), e, 6);
	}
	p = read_file(ts_path(fx, "padded.ofd"), CP__READ_QR);
	cp__strbuf_free(&doc);
	cp__strbuf_free(&res);
	free(padded);
	free(png);
	return p;
}

static void
test_read_ofd__image_over_8_mib_is_not_decoded(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *p;

	p = read_padded(fx, 7u << 20, 0);
	assert_null(p->problem);
	assert_text(&p->invoice.qr, erma0.qr);
	assert_int_equal(p->invoice.qr.page, 1);
	cp__paper_free(p);
	p = read_padded(fx, (8u << 20) + 1, 0);
	assert_null(p->problem);
	assert_text(&p->invoice.qr, NULL);
	cp__paper_free(p);
}

static void
test_read_ofd__package_reads_stop_at_64_mib(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *p;

	/* 10 x 4 MiB of resources and the image: within 64 MiB */
	p = read_padded(fx, 1u << 20, 10);
	assert_text(&p->invoice.qr, erma0.qr);
	cp__paper_free(p);
	/* 16 x 4 MiB: the image is never read */
	p = read_padded(fx, 1u << 20, 16);
	assert_null(p->problem);
	assert_text(&p->invoice.qr, NULL);
	cp__paper_free(p);
}

/* ---- is it an OFD, and signed (ofd_probe.c) ---------------------------- */

#define PROBE_OFD_XML(signatures) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.1\">" \
	"<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>" \
	signatures "</ofd:DocBody></ofd:OFD>"
#define SIGNS_AT(path) "<ofd:Signatures>" path "</ofd:Signatures>"
#define SIGNATURES(inside) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<ofd:Signatures xmlns:ofd=\"http://www.ofdspec.org/2016\">" \
	inside "</ofd:Signatures>"
#define ONE_SIGNATURE \
	SIGNATURES("<ofd:Signature ID=\"1\" BaseLoc=\"Sign_0/Signature.xml\"/>")

static void
expect_probe(const char *path, bool ofd, bool is_signed)
{
	cp__ofd_probe_result r;

	memset(&r, 0xff, sizeof(r));
	assert_int_equal(cp__ofd_probe(&r, path), 0);
	if (r.ofd != ofd || r.is_signed != is_signed)
		fail_msg("%s: ofd %d, signed %d; expected %d, %d", path, r.ofd,
		    r.is_signed, ofd, is_signed);
}

static void
test_read_ofd__probe_real_invoices(void **state)
{
	(void)state;
	need_corpus();
	/* Doc_0/Signs/Signatures.xml lists Sign_0 */
	expect_probe(OFDRW, true, true);
	/* the 数电 sample carries no Signs folder */
	expect_probe(ERMA0, true, false);
}

/* Signed: OFD.xml names a signature list, in the package, holding a
 * signature.  A ZIP without OFD.xml, or one the reader refuses, is no
 * OFD at all; a damaged OFD.xml is an OFD without signature data. */
static void
test_read_ofd__probe_signature_data(void **state)
{
	ts_fixture *fx = *state;
	static const struct {
		const char *file;
		entry e[2];
		size_t n;
		bool ofd, is_signed;
	} cases[] = {
		{ "listed.ofd", {
		    { "OFD.xml", PROBE_OFD_XML(SIGNS_AT("Doc_0/Signs/"
		    "Signatures.xml")), 0 },
		    { "Doc_0/Signs/Signatures.xml", ONE_SIGNATURE, 0 } }, 2,
		    true, true },
		{ "rooted.ofd", {
		    { "OFD.xml", PROBE_OFD_XML(SIGNS_AT("/Doc_0/Signs/"
		    "Signatures.xml")), 0 },
		    { "Doc_0/Signs/Signatures.xml", ONE_SIGNATURE, 0 } }, 2,
		    true, true },
		{ "empty.ofd", {
		    { "OFD.xml", PROBE_OFD_XML(SIGNS_AT("Doc_0/Signs/"
		    "Signatures.xml")), 0 },
		    { "Doc_0/Signs/Signatures.xml", SIGNATURES(""), 0 } }, 2,
		    true, false },
		{ "missing.ofd", {
		    { "OFD.xml", PROBE_OFD_XML(SIGNS_AT("Doc_0/Signs/"
		    "Signatures.xml")), 0 } }, 1, true, false },
		{ "outside.ofd", {
		    { "OFD.xml", PROBE_OFD_XML(SIGNS_AT("../Signatures.xml")),
		    0 },
		    { "Signatures.xml", ONE_SIGNATURE, 0 } }, 2, true, false },
		/* a signature list OFD.xml does not name is not the issuer's */
		{ "unnamed.ofd", {
		    { "OFD.xml", PROBE_OFD_XML(""), 0 },
		    { "Doc_0/Signs/Signatures.xml", ONE_SIGNATURE, 0 } }, 2,
		    true, false },
		{ "broken.ofd", {
		    { "OFD.xml", "<ofd:OFD><ofd:DocBody>", 0 } }, 1, true,
		    false },
		{ "office.zip", {
		    { "[Content_Types].xml", "<Types/>", 0 },
		    { "word/document.xml", "<w:document/>", 0 } }, 2, false,
		    false },
		{ "slip.ofd", {
		    { "OFD.xml", PROBE_OFD_XML(""), 0 },
		    { "Doc_0/../../evil.xml", "<x/>", 0 } }, 2, false, false },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_zip(ts_path(fx, cases[i].file), cases[i].e, cases[i].n);
		expect_probe(ts_path(fx, cases[i].file), cases[i].ofd,
		    cases[i].is_signed);
	}
	ts_write_pdf(fx->dir, "x.pdf");
	expect_probe(ts_path(fx, "x.pdf"), false, false);
	expect_probe(ts_path(fx, "nothing-here.ofd"), false, false);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_ofd__vat_invoice_with_xml_attachment),
		cmocka_unit_test(test_read_ofd__digital_invoice_from_custom_data_and_tags),
		cmocka_unit_test(test_read_ofd__qr_from_the_jbig2_image),
		cmocka_unit_test(test_read_ofd__qr_from_the_png_image),
		cmocka_unit_test(test_read_ofd__text_only_decodes_no_image),
		cmocka_unit_test(test_read_ofd__memory_reads_as_the_file),
		TS_TEST(test_read_ofd__dispatcher_reads_ofd_by_content),
		TS_TEST(test_read_ofd__a_made_package_reads),
		cmocka_unit_test(test_read_ofd__every_truncation_is_a_problem),
		cmocka_unit_test(test_read_ofd__damaged_entry_data_is_a_problem),
		TS_TEST(test_read_ofd__zip_bomb_stops_at_the_cap),
		TS_TEST(test_read_ofd__entity_bomb_in_ofd_xml),
		TS_TEST(test_read_ofd__zip_not_ofd),
		TS_TEST(test_read_ofd__zip_slip_names_are_refused),
		TS_TEST(test_read_ofd__paths_inside_the_package_stay_inside),
		TS_TEST(test_read_ofd__empty_file),
		cmocka_unit_test(test_read_ofd__not_a_zip),
		TS_TEST(test_read_ofd__missing_page_is_a_problem),
		TS_TEST(test_read_ofd__too_many_entries),
		TS_TEST(test_read_ofd__encrypted_package),
		TS_TEST(test_read_ofd__image_over_8_mib_is_not_decoded),
		TS_TEST(test_read_ofd__package_reads_stop_at_64_mib),
		cmocka_unit_test(test_read_ofd__probe_real_invoices),
		TS_TEST(test_read_ofd__probe_signature_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
