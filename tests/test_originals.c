/* test_originals.c - which fapiao files are attached to the bundle as
 * the original e-invoice (bundle/originals.c): signed PDFs, OFDs and
 * e-invoice XML of fapiao documents, not plain PDFs, other XML, other
 * ZIPs or other documents' files; their names (unique, safe as file
 * names, deterministic) and what the index says of them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "bundle/originals.h"
#include "pdf/assemble.h"
#include "util/fsio.h"
#include "support.h"

#define OFDRW "tests/corpus/einvoice/ofdrw-1.ofd"
#define ERMA0 "tests/corpus/einvoice/erma0-sd-20241205.ofd"

/* The 2019 VAT e-invoice XML, as OFDs attach it (the fields of
 * ofdrw-1.ofd). */
#define EINVOICE_XML \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
	"<eInvoice xmlns:fp=\"http://www.edrm.org.cn/schema/e-invoice/2019\">" \
	"<fp:InvoiceCode>033002000211</fp:InvoiceCode>" \
	"<fp:InvoiceNo>83089647</fp:InvoiceNo>" \
	"<fp:IssueDate>2020年07月23日</fp:IssueDate>" \
	"<fp:TaxInclusiveTotalAmount>526.00</fp:TaxInclusiveTotalAmount>" \
	"</eInvoice>\n"

#define FAPIAO(id, files) \
	"  - id: " id "\n" \
	"    type: fapiao\n" \
	"    files: [" files "]\n" \
	"    date: 2026-10-09\n" \
	"    name: SMITH JOHN ALEXANDER\n" \
	"    amount: 10.00\n"

/* Copies a file of the source tree into the test's folder. */
static void
copy_in(ts_fixture *fx, const char *from, const char *name)
{
	cp_error err;
	size_t len;
	char *data;

	memset(&err, 0, sizeof(err));
	ts_assert_ok(cp__file_read(&data, &len, from, 1u << 20, "a sample",
	    CP_EIO, &err), &err);
	ts_write_bytes(fx->dir, name, data, len);
	free(data);
}

static void
find(ts_fixture *fx, cp__originals *o, const char *documents)
{
	char manifest[8192];
	cp_error err;

	snprintf(manifest, sizeof(manifest), "%s%sdocuments:\n%s", TS_HEAD,
	    TS_STAY, documents);
	ts_assert_ok(ts_load(fx, manifest), &fx->err);
	memset(&err, 0, sizeof(err));
	ts_assert_ok(cp__originals_find(o, fx->claim, &err), &err);
}

static const char *
phrase(const cp__originals *o, size_t doc, size_t part)
{
	static char buf[200];

	if (!cp__originals_phrase(buf, sizeof(buf), o, doc, part))
		return NULL;
	return buf;
}

static void
test_originals__which_files_are_attached(void **state)
{
	ts_fixture *fx = *state;
	const cp__original *it;
	cp__originals o;

	ts_write_signed_pdf(fx->dir, "signed.pdf");
	ts_write_pdf(fx->dir, "plain.pdf");
	copy_in(fx, OFDRW, "vat.ofd");
	copy_in(fx, ERMA0, "sd.ofd");
	ts_write_text(fx->dir, "invoice.xml", EINVOICE_XML);
	ts_write_text(fx->dir, "note.xml", "<?xml version=\"1.0\"?><note>"
	    "hello</note>\n");
	ts_write_text(fx->dir, "office.zip", "PK\x05\x06" "\0\0\0\0\0\0\0\0"
	    "\0\0\0\0\0\0\0\0\0\0");
	ts_write_jpeg(fx->dir, "photo.jpg");
	find(fx, &o,
	    FAPIAO("pdfs", "signed.pdf, plain.pdf, photo.jpg")
	    FAPIAO("ofds", "vat.ofd, sd.ofd, office.zip")
	    FAPIAO("xmls", "note.xml, invoice.xml")
	    "  - id: exp\n"
	    "    type: expense_list\n"
	    "    files: [signed.pdf]\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "    amount: 10.00\n");
	assert_int_equal(o.count, 4);

	it = &o.items[0];
	assert_int_equal(it->doc, 0);
	assert_int_equal(it->file, 0);
	assert_int_equal(it->kind, CP__ORIGINAL_PDF);
	assert_true(it->is_signed);
	assert_false(it->too_large);
	assert_string_equal(it->name, "pdfs-1.pdf");
	assert_string_equal(it->mime, "application/pdf");
	assert_string_equal(it->description, "Original e-invoice of document "
	    "pdfs (signed PDF), as issued; open it to check the signature");
	assert_int_equal(it->bytes, cp__file_size(ts_path(fx, "signed.pdf")));

	it = &o.items[1];
	assert_int_equal(it->doc, 1);
	assert_int_equal(it->file, 0);
	assert_int_equal(it->kind, CP__ORIGINAL_OFD);
	assert_true(it->is_signed);
	assert_string_equal(it->name, "ofds-1.ofd");
	assert_string_equal(it->mime, "application/ofd");
	it = &o.items[2];
	assert_int_equal(it->file, 1);
	assert_false(it->is_signed);
	assert_string_equal(it->name, "ofds-2.ofd");
	assert_string_equal(it->description, "Original e-invoice of document "
	    "ofds (OFD), as issued");

	it = &o.items[3];
	assert_int_equal(it->doc, 2);
	assert_int_equal(it->file, 1);
	assert_int_equal(it->kind, CP__ORIGINAL_XML);
	assert_false(it->is_signed);
	assert_string_equal(it->name, "xmls-2.xml");
	assert_string_equal(it->mime, "application/xml");

	/* the expense list's signed PDF is no fapiao */
	assert_int_equal(o.first[3], o.first[4]);
	cp__originals_free(&o);
}

static void
test_originals__what_the_index_says(void **state)
{
	ts_fixture *fx = *state;
	cp__originals o;

	ts_write_signed_pdf(fx->dir, "signed.pdf");
	ts_write_pdf(fx->dir, "plain.pdf");
	copy_in(fx, OFDRW, "vat.ofd");
	copy_in(fx, ERMA0, "sd.ofd");
	find(fx, &o,
	    FAPIAO("one", "signed.pdf")
	    FAPIAO("two", "vat.ofd, sd.ofd")
	    FAPIAO("none", "plain.pdf")
	    FAPIAO("unsigned", "sd.ofd"));
	assert_string_equal(phrase(&o, 0, 0),
	    "original e-invoice attached, signed");
	assert_string_equal(phrase(&o, 0, 2),
	    "original e-invoice attached to part 2, signed");
	assert_string_equal(phrase(&o, 1, 0),
	    "2 original e-invoices attached, 1 signed");
	assert_null(phrase(&o, 2, 0));
	assert_string_equal(phrase(&o, 3, 0), "original e-invoice attached");
	/* out of range: nothing, never a read past the end */
	assert_null(phrase(&o, 4, 0));
	assert_null(phrase(NULL, 0, 0));
	assert_int_equal(cp__originals_bytes(&o, 1),
	    cp__file_size(ts_path(fx, "vat.ofd")) +
	    cp__file_size(ts_path(fx, "sd.ofd")));
	assert_int_equal(cp__originals_bytes(&o, 2), 0);
	cp__originals_free(&o);
}

/* A file over CP__ATTACH_FILE_MAX is named, not attached, and adds
 * nothing to the bundle's weight. */
static void
test_originals__too_large_is_said_not_attached(void **state)
{
	ts_fixture *fx = *state;
	const size_t big = CP__ATTACH_FILE_MAX + 1000;
	const char *objects[3];
	cp__originals o;
	char *padding;
	int head;

	/* A signed PDF padded past the limit with a stream of its own. */
	assert_non_null(padding = malloc(big + 64));
	head = snprintf(padding, 64, "<< /Length %zu >>\nstream\n", big);
	memset(padding + head, 'x', big);
	strcpy(padding + head + big, "\nendstream");
	objects[0] = "<< /FT /Sig /T (S) /V 7 0 R >>";
	objects[1] = "<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>";
	objects[2] = padding;
	ts_write_pdf_with(fx->dir, "huge.pdf", "/AcroForm << /Fields [6 0 R] "
	    ">>", objects, 3);
	free(padding);
	find(fx, &o, FAPIAO("huge", "huge.pdf"));
	assert_int_equal(o.count, 1);
	assert_true(o.items[0].too_large);
	assert_true(o.items[0].is_signed);
	assert_string_equal(phrase(&o, 0, 0),
	    "original e-invoice not attached (over 20 MiB)");
	assert_int_equal(cp__originals_bytes(&o, 0), 0);
	cp__originals_free(&o);
}

static void
test_originals__names_are_safe_and_unique(void **state)
{
	static const struct {
		const char *id;
		size_t n;
		const char *want;
	} cases[] = {
		{ "fapiao-1", 1, "fapiao-1-1.pdf" },
		{ "a", 11, "a-11.pdf" },
		{ "a-1", 1, "a-1-1.pdf" },
		{ "发票 1", 2, "发票 1-2.pdf" },
		{ "../x/y", 1, "..%2Fx%2Fy-1.pdf" },
		{ "a\\b:c*d?e\"f<g>h|i", 1,
		    "a%5Cb%3Ac%2Ad%3Fe%22f%3Cg%3Eh%7Ci-1.pdf" },
		{ "50%", 1, "50%25-1.pdf" },
		{ "x~y", 1, "x%7Ey-1.pdf" },
		{ "tab\there", 1, "tab%09here-1.pdf" },
	};
	char id[400], other[400], *a, *b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_non_null(a = cp__originals_name(cases[i].id, cases[i].n,
		    ".pdf"));
		assert_string_equal(a, cases[i].want);
		free(a);
	}

	/* A long id is cut at a character and told apart by a hash. */
	memset(id, 0, sizeof(id));
	for (i = 0; i < 60; i++)
		memcpy(id + 3 * i, "票", 3);       /* 180 bytes */
	memcpy(other, id, sizeof(id));
	memcpy(other + 177, "据", 3);
	assert_non_null(a = cp__originals_name(id, 1, ".ofd"));
	assert_non_null(b = cp__originals_name(other, 1, ".ofd"));
	assert_true(strlen(a) <= 100);
	/* whole characters of the id, then the hash */
	assert_non_null(strchr(a, '~'));
	assert_true(strchr(a, '~') - a >= 60);
	assert_int_equal((strchr(a, '~') - a) % 3, 0);
	assert_int_equal(strncmp(a, id, (size_t)(strchr(a, '~') - a)), 0);
	assert_string_equal(a + strlen(a) - 6, "-1.ofd");
	assert_string_not_equal(a, b);
	free(b);
	/* the same id, the same name */
	assert_non_null(b = cp__originals_name(id, 1, ".ofd"));
	assert_string_equal(a, b);
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_originals__which_files_are_attached),
		TS_TEST(test_originals__what_the_index_says),
		TS_TEST(test_originals__too_large_is_said_not_attached),
		cmocka_unit_test(test_originals__names_are_safe_and_unique),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
