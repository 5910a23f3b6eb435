/* test_read_pdf.c - the facts read off PDF papers: the QR code of an
 * e-invoice drawn as vector paths and of a scanned receipt with no text,
 * the text layer in printed rows, and PDFs that cannot be read. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "read/pdf_reader.h"
#include "read/read.h"
#include "read/readers.h"
#include "support.h"

/* The papers' QR codes: DOMAIN.md's VAT e-invoice and fiscal receipt. */
#define VAT_QR "01,10,033002000211,83089647,510.68,20200723," \
	"16197833567414507415,0941,"
#define FISCAL_QR "https://www.chinaebill.cn/eips-wxapp-service/d?t=504&" \
	"a=31PZV5IKDl&d=45060122_0185821908_07892e_236.21_20230306&" \
	"s=1FE6A108DE"
/* What the vector paper prints beside its code. */
#define VAT_PRINTED "033002000211 83089647 2020年07月23日 " \
	"16197833567414507415 张三 541.32"

/* Where tests/e2e/mkqrpaper is compiled, once for all the tests. */
static char tool_dir[512];

static int
compile_tool(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[2048], cwd[1024];

	(void)state;
	if (access("tests/e2e/mkqrpaper.c", R_OK) != 0 ||
	    getcwd(cwd, sizeof(cwd)) == NULL) {
		fprintf(stderr, "tests/e2e/mkqrpaper.c not found: run the "
		    "tests from the top of the source tree\n");
		return -1;
	}
	snprintf(tool_dir, sizeof(tool_dir), "%s/claimpack-mkqrpaper.XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(tool_dir) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "${CC:-cc} -o '%s/mkqrpaper' "
	    "'%s/tests/e2e/mkqrpaper.c' -lhpdf -lqrencode -ljpeg -lm",
	    tool_dir, cwd);
	return system(cmd) == 0 ? 0 : -1;
}

static int
remove_tool(void **state)
{
	(void)state;
	if (tool_dir[0] != '\0')
		ts_rmtree(tool_dir);
	return 0;
}

/* Runs mkqrpaper in the fixture's folder: "-b 2 vector v.pdf ...". */
static void
mkqrpaper(const ts_fixture *fx, const char *args)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "cd '%s' && '%s/mkqrpaper' %s", fx->dir,
	    tool_dir, args);
	if (system(cmd) != 0)
		fail_msg("mkqrpaper %s failed", args);
}

static void
run(const char *cmd)
{
	if (system(cmd) != 0)
		fail_msg("%s failed", cmd);
}

/* Reads `name` in the fixture's folder; the paper must have no problem. */
static cp__paper_facts *
read_ok(ts_fixture *fx, const char *name, unsigned flags)
{
	cp__paper_facts *paper = cp__paper_new(name);

	assert_non_null(paper);
	/* every step: what the reader can find (check looks less hard) */
	assert_int_equal(cp__read_pdf(paper, ts_path(fx, name),
	    flags | CP__READ_THOROUGH), 0);
	if (paper->problem != NULL)
		fail_msg("%s: %s", name, paper->problem);
	assert_string_equal(paper->format, "pdf");
	return paper;
}

/* Reads `name`, which must give a problem containing `want`. */
static void
read_refused(ts_fixture *fx, const char *name, const char *want)
{
	cp__paper_facts *paper = cp__paper_new(name);

	assert_non_null(paper);
	assert_int_equal(cp__read_pdf(paper, ts_path(fx, name),
	    CP__READ_ALL | CP__READ_THOROUGH), 0);
	if (paper->problem == NULL)
		fail_msg("%s read without a problem", name);
	ts_assert_contains(paper->problem, want);
	assert_false(paper->invoice.present);
	cp__paper_free(paper);
}

static void
assert_vat_invoice(const cp__paper_facts *paper, int page)
{
	const cp__invoice_facts *inv = &paper->invoice;

	assert_true(inv->present);
	assert_int_equal(inv->kind, CP__INVOICE_VAT);
	assert_string_equal(inv->qr.text, VAT_QR);
	assert_int_equal(inv->qr.from, CP__FROM_QR);
	assert_int_equal(inv->qr.page, page);
	assert_string_equal(inv->code.text, "033002000211");
	assert_string_equal(inv->number.text, "83089647");
	assert_string_equal(inv->check_code.text, "16197833567414507415");
	assert_true(inv->date.has);
	assert_int_equal(inv->date.date, cp__date_from_ymd(2020, 7, 23));
	/* Type 10: the QR's amount is before tax. */
	assert_true(inv->amount_before_tax.has);
	assert_int_equal(inv->amount_before_tax.fen, 51068);
	assert_string_equal(paper->type, "fapiao");
}

static void
assert_fiscal_receipt(const cp__paper_facts *paper)
{
	const cp__invoice_facts *inv = &paper->invoice;

	assert_true(inv->present);
	assert_int_equal(inv->kind, CP__INVOICE_FISCAL);
	assert_string_equal(inv->qr.text, FISCAL_QR);
	assert_int_equal(inv->qr.page, 1);
	assert_string_equal(inv->code.text, "45060122");
	assert_string_equal(inv->number.text, "0185821908");
	assert_string_equal(inv->check_code.text, "07892e");
	assert_true(inv->amount.has);
	assert_int_equal(inv->amount.fen, 23621);
	assert_int_equal(inv->date.date, cp__date_from_ymd(2023, 3, 6));
}

/* The text of page `index` of the PDF at `path`, as the reader gives
 * it to the labels' parser. */
static char *
page_text(const char *path, int index)
{
	PopplerDocument *doc;
	PopplerPage *page;
	GError *gerr = NULL;
	char *uri, *text = NULL;
	size_t len = 0;

	assert_non_null(uri = g_filename_to_uri(path, NULL, NULL));
	doc = poppler_document_new_from_file(uri, NULL, &gerr);
	g_free(uri);
	if (doc == NULL)
		fail_msg("poppler: %s", gerr->message);
	assert_non_null(page = poppler_document_get_page(doc, index));
	assert_int_equal(cp__pdf_page_text(page, &text, &len), 0);
	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	g_object_unref(page);
	g_object_unref(doc);
	return text;
}

/* ---- QR codes -------------------------------------------------------------- */

static void
test_read_pdf__vector_code_gives_the_invoice(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	mkqrpaper(fx, "vector v.pdf '" VAT_QR "' " VAT_PRINTED);
	paper = read_ok(fx, "v.pdf", CP__READ_ALL);
	assert_int_equal(paper->pages, 1);
	assert_vat_invoice(paper, 1);
	assert_int_equal(paper->nlinks, 0);
	cp__paper_free(paper);
}

static void
test_read_pdf__scanned_receipt_without_text_gives_the_invoice(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	mkqrpaper(fx, "scan s.pdf '" FISCAL_QR "'");
	paper = read_ok(fx, "s.pdf", CP__READ_ALL);
	assert_fiscal_receipt(paper);
	cp__paper_free(paper);

	/* Scanned upside down, turned the other way, noisier. */
	mkqrpaper(fx, "-r 180 -a -2 -n 30 scan s2.pdf '" FISCAL_QR "'");
	paper = read_ok(fx, "s2.pdf", CP__READ_QR);
	assert_fiscal_receipt(paper);
	cp__paper_free(paper);
}

static void
test_read_pdf__code_on_a_turned_later_page_names_its_page(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	mkqrpaper(fx, "-b 2 -r 90 vector v.pdf '" VAT_QR "' " VAT_PRINTED);
	paper = read_ok(fx, "v.pdf", CP__READ_QR);
	assert_int_equal(paper->pages, 3);
	assert_vat_invoice(paper, 3);
	cp__paper_free(paper);
}

static void
test_read_pdf__small_code_is_found_at_the_higher_resolution(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	/* 45 modules in 12 mm: 2.1 pixels a module at 200 dpi, too few;
	 * the second look at 300 dpi reads it. */
	mkqrpaper(fx, "-s 12 vector v.pdf '" FISCAL_QR "' " VAT_PRINTED);
	paper = read_ok(fx, "v.pdf", CP__READ_QR);
	assert_fiscal_receipt(paper);
	cp__paper_free(paper);

	mkqrpaper(fx, "-s 15 -n 25 scan s.pdf '" FISCAL_QR "'");
	paper = read_ok(fx, "s.pdf", CP__READ_QR);
	assert_fiscal_receipt(paper);
	cp__paper_free(paper);
}

static void
test_read_pdf__other_codes_are_links(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	mkqrpaper(fx, "scan s.pdf 'https://hospital.example.cn/report/1'");
	paper = read_ok(fx, "s.pdf", CP__READ_QR);
	assert_false(paper->invoice.present);
	assert_int_equal(paper->nlinks, 1);
	assert_string_equal(paper->links[0], "https://hospital.example.cn/report/1");
	cp__paper_free(paper);
}

static void
test_read_pdf__no_code_gives_no_invoice(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	mkqrpaper(fx, "vector v.pdf '' " VAT_PRINTED);
	paper = read_ok(fx, "v.pdf", CP__READ_QR);
	assert_false(paper->invoice.present);
	assert_null(paper->invoice.qr.text);
	assert_int_equal(paper->nlinks, 0);
	cp__paper_free(paper);
}

static void
test_read_pdf__plain_page_gives_its_text_and_no_invoice(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;
	char *text;

	/* Helvetica, not embedded: poppler asks fontconfig for a font,
	 * which under ASan needs tests/lsan.supp. */
	ts_write_pdf(fx->dir, "plain.pdf");
	paper = read_ok(fx, "plain.pdf", CP__READ_ALL);
	assert_int_equal(paper->pages, 1);
	assert_false(paper->invoice.present);
	assert_int_equal(paper->nlinks, 0);
	cp__paper_free(paper);
	text = page_text(ts_path(fx, "plain.pdf"), 0);
	assert_string_equal(text, "claimpack test page\n");
	free(text);
}

static void
test_read_pdf__codes_are_looked_for_only_when_asked(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	mkqrpaper(fx, "vector v.pdf '" VAT_QR "' " VAT_PRINTED);
	paper = read_ok(fx, "v.pdf", CP__READ_TEXT);
	assert_null(paper->invoice.qr.text);
	assert_int_equal(paper->nlinks, 0);
	assert_int_equal(paper->pages, 1);
	cp__paper_free(paper);
}

/* ---- the text layer ---------------------------------------------------------- */

static void
test_read_pdf__text_comes_in_printed_rows(void **state)
{
	ts_fixture *fx = *state;
	char *text;

	mkqrpaper(fx, "vector v.pdf '" VAT_QR "' " VAT_PRINTED);
	text = page_text(ts_path(fx, "v.pdf"), 0);
	/* poppler's own order puts "名" and "称: 张三" in blocks of their
	 * own, after "购"; printed, they are one row. */
	ts_assert_contains(text, "\n购 名 称: 张三\n");
	ts_assert_contains(text, "发票代码: 033002000211\n");
	ts_assert_contains(text, "发票号码: 83089647\n");
	ts_assert_contains(text, "开票日期: 2020年07月23日\n");
	ts_assert_contains(text, "校 验 码: 16197 83356 74145 07415\n");
	ts_assert_contains(text, "价税合计（大写） （小写）¥541.32\n");
	ts_assert_contains(text, "\n*医疗服务*门诊诊察费 免税 ***\n");
	free(text);

	/* A turned page reads the same. */
	mkqrpaper(fx, "-r 90 vector r.pdf '' " VAT_PRINTED);
	text = page_text(ts_path(fx, "r.pdf"), 0);
	ts_assert_contains(text, "\n购 名 称: 张三\n");
	ts_assert_contains(text, "发票号码: 83089647\n");
	free(text);
}

static void
test_read_pdf__scan_has_no_text(void **state)
{
	ts_fixture *fx = *state;
	PopplerDocument *doc;
	PopplerPage *page;
	char *uri, *text;
	size_t len;

	mkqrpaper(fx, "scan s.pdf '" FISCAL_QR "'");
	uri = g_filename_to_uri(ts_path(fx, "s.pdf"), NULL, NULL);
	assert_non_null(doc = poppler_document_new_from_file(uri, NULL, NULL));
	g_free(uri);
	assert_non_null(page = poppler_document_get_page(doc, 0));
	assert_int_equal(cp__pdf_page_text(page, &text, &len), 0);
	assert_null(text);
	assert_int_equal(len, 0);
	g_object_unref(page);
	g_object_unref(doc);
}

/* Whether the labels' parser reads a labelled invoice code yet (while it
 * is a stub, what the text layer gives cannot be seen in the facts). */
static bool
labels_are_read(void)
{
	static const char line[] = "发票代码: 033002000211\n";
	cp__paper_facts *paper = cp__paper_new("probe");
	bool read;

	assert_non_null(paper);
	assert_int_equal(cp__read_text_labels(paper, line, strlen(line), 1,
	    CP__FROM_TEXT), 0);
	read = paper->invoice.code.text != NULL;
	cp__paper_free(paper);
	return read;
}

static void
test_read_pdf__text_layer_reaches_the_labels(void **state)
{
	ts_fixture *fx = *state;
	cp__invoice_facts *inv;
	cp__paper_facts *paper;

	if (!labels_are_read())
		skip();
	mkqrpaper(fx, "-b 1 vector v.pdf '' " VAT_PRINTED);
	paper = read_ok(fx, "v.pdf", CP__READ_TEXT);
	inv = &paper->invoice;
	assert_string_equal(inv->code.text, "033002000211");
	assert_int_equal(inv->code.from, CP__FROM_TEXT);
	assert_int_equal(inv->code.page, 2);
	assert_string_equal(inv->number.text, "83089647");
	assert_string_equal(inv->check_code.text, "16197833567414507415");
	assert_int_equal(inv->date.date, cp__date_from_ymd(2020, 7, 23));
	cp__paper_free(paper);
}

/* ---- what cannot be read --------------------------------------------------- */

static void
test_read_pdf__password_gives_a_problem(void **state)
{
	ts_fixture *fx = *state;
	char cmd[2048];
	cp__paper_facts *paper;

	mkqrpaper(fx, "vector v.pdf '" VAT_QR "' " VAT_PRINTED);
	snprintf(cmd, sizeof(cmd), "cd '%s' && qpdf --encrypt secret owner "
	    "256 -- v.pdf user.pdf && qpdf --encrypt '' owner 256 -- v.pdf "
	    "owner.pdf", fx->dir);
	run(cmd);
	read_refused(fx, "user.pdf", "is protected by a password; claimpack "
	    "cannot read it");

	/* An owner password alone opens: what it restricts is not reading. */
	paper = read_ok(fx, "owner.pdf", CP__READ_ALL);
	assert_vat_invoice(paper, 1);
	cp__paper_free(paper);
}

static void
test_read_pdf__broken_pdfs_give_a_problem(void **state)
{
	static const char loop[] = "%PDF-1.4\n"
	    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
	    "trailer<</Size 4/Root 1 0 R>>\n%%EOF\n";
	static const char empty_tree[] = "%PDF-1.4\n"
	    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
	    "trailer<</Size 3/Root 1 0 R>>\n%%EOF\n";
	static const char odd_boxes[] = "%PDF-1.4\n"
	    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[3 0 R 4 0 R 5 0 R]/Count 3>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 1e9 1e9]>>endobj\n"
	    "4 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 0 0]>>endobj\n"
	    "5 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 -5 1e300]"
	    "/Rotate 45>>endobj\n"
	    "trailer<</Size 6/Root 1 0 R>>\n%%EOF\n";
	ts_fixture *fx = *state;
	unsigned char noise[4096];
	unsigned seed = 12345;
	cp__paper_facts *paper;
	char cmd[2048];
	size_t i;

	mkqrpaper(fx, "vector v.pdf '" VAT_QR "' " VAT_PRINTED);
	snprintf(cmd, sizeof(cmd), "cd '%s' && head -c 200 v.pdf > head.pdf && "
	    "head -c $(($(wc -c < v.pdf) / 2)) v.pdf > half.pdf", fx->dir);
	run(cmd);
	read_refused(fx, "head.pdf", "is a PDF that cannot be read (");
	read_refused(fx, "half.pdf", "is a PDF that cannot be read (");

	memcpy(noise, "%PDF-1.7\n", 9);
	for (i = 9; i < sizeof(noise); i++) {
		seed = seed * 1103515245u + 12345u;
		noise[i] = (unsigned char)(seed >> 16);
	}
	ts_write_bytes(fx->dir, "noise.pdf", noise, sizeof(noise));
	read_refused(fx, "noise.pdf", "is a PDF that cannot be read (");
	ts_write_bytes(fx->dir, "empty.pdf", "", 0);
	read_refused(fx, "empty.pdf", "is a PDF that cannot be read (");
	ts_write_text(fx->dir, "no-pages.pdf", empty_tree);
	read_refused(fx, "no-pages.pdf", "is a PDF with no pages");
	read_refused(fx, "not-there.pdf", "cannot be opened: ");
	read_refused(fx, ".", "is not a regular file");

	/* Read without a crash, whatever poppler makes of them. */
	ts_write_text(fx->dir, "loop.pdf", loop);
	ts_write_text(fx->dir, "boxes.pdf", odd_boxes);
	paper = cp__paper_new("loop.pdf");
	assert_int_equal(cp__read_pdf(paper, ts_path(fx, "loop.pdf"),
	    CP__READ_ALL), 0);
	assert_false(paper->invoice.present);
	cp__paper_free(paper);
	paper = cp__paper_new("boxes.pdf");
	assert_int_equal(cp__read_pdf(paper, ts_path(fx, "boxes.pdf"),
	    CP__READ_ALL), 0);
	assert_false(paper->invoice.present);
	cp__paper_free(paper);
}

/* ---- through the readers' door ------------------------------------------- */

static void
test_read_pdf__read_paper_chooses_the_pdf_reader(void **state)
{
	ts_fixture *fx = *state;
	cp__paper_facts *paper;

	mkqrpaper(fx, "vector receipt.bin '" VAT_QR "' " VAT_PRINTED);
	assert_int_equal(cp__read_paper(&paper, ts_path(fx, "receipt.bin"),
	    "billing/receipt.pdf", CP__READ_ALL), 0);
	assert_null(paper->problem);
	assert_string_equal(paper->file, "billing/receipt.pdf");
	assert_string_equal(paper->format, "pdf");
	assert_vat_invoice(paper, 1);
	cp__paper_free(paper);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_read_pdf__vector_code_gives_the_invoice),
		TS_TEST(test_read_pdf__scanned_receipt_without_text_gives_the_invoice),
		TS_TEST(test_read_pdf__code_on_a_turned_later_page_names_its_page),
		TS_TEST(test_read_pdf__small_code_is_found_at_the_higher_resolution),
		TS_TEST(test_read_pdf__other_codes_are_links),
		TS_TEST(test_read_pdf__no_code_gives_no_invoice),
		TS_TEST(test_read_pdf__plain_page_gives_its_text_and_no_invoice),
		TS_TEST(test_read_pdf__codes_are_looked_for_only_when_asked),
		TS_TEST(test_read_pdf__text_comes_in_printed_rows),
		TS_TEST(test_read_pdf__scan_has_no_text),
		TS_TEST(test_read_pdf__text_layer_reaches_the_labels),
		TS_TEST(test_read_pdf__password_gives_a_problem),
		TS_TEST(test_read_pdf__broken_pdfs_give_a_problem),
		TS_TEST(test_read_pdf__read_paper_chooses_the_pdf_reader),
	};

	return cmocka_run_group_tests(tests, compile_tool, remove_tool);
}
