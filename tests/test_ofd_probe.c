/* test_ofd_probe.c - is a file an OFD, and does it carry signature data
 * (read/ofd_probe.c): the two real e-invoices, one signed and one not,
 * and made packages whose signature list is missing, empty or points
 * outside the package; other ZIPs and other files are no OFD. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <zip.h>

#include "read/ofd_probe.h"
#include "support.h"

#define OFDRW "tests/corpus/einvoice/ofdrw-1.ofd"
#define ERMA0 "tests/corpus/einvoice/erma0-sd-20241205.ofd"

#define OFD_XML(signatures) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.1\">" \
	"<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>" \
	signatures "</ofd:DocBody></ofd:OFD>"

#define SIGNATURES(inside) \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<ofd:Signatures xmlns:ofd=\"http://www.ofdspec.org/2016\">" \
	inside "</ofd:Signatures>"

typedef struct {
	const char *name;
	const char *data;
} entry;

static void
make_zip(const char *path, const entry *e, size_t n)
{
	zip_source_t *src;
	zip_t *za;
	int err = 0;
	size_t i;

	if ((za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		fail_msg("zip_open %s: %d", path, err);
	for (i = 0; i < n; i++) {
		assert_non_null(src = zip_source_buffer(za, e[i].data,
		    strlen(e[i].data), 0));
		if (zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8) < 0)
			fail_msg("zip_file_add %s: %s", e[i].name,
			    zip_strerror(za));
	}
	if (zip_close(za) != 0)
		fail_msg("zip_close %s: %s", path, zip_strerror(za));
}

static cp__ofd_probe_result
probe(const char *path)
{
	cp__ofd_probe_result r;

	memset(&r, 0xff, sizeof(r));
	assert_int_equal(cp__ofd_probe(&r, path), 0);
	return r;
}

static void
test_ofd_probe__real_invoices(void **state)
{
	cp__ofd_probe_result r;

	(void)state;
	if (access(OFDRW, R_OK) != 0 || access(ERMA0, R_OK) != 0)
		fail_msg("tests/corpus/einvoice/ not found: run the tests from "
		    "the top of the source tree");
	/* Doc_0/Signs/Signatures.xml lists Sign_0 */
	r = probe(OFDRW);
	assert_true(r.ofd);
	assert_true(r.is_signed);
	/* the 数电 sample carries no Signs folder */
	r = probe(ERMA0);
	assert_true(r.ofd);
	assert_false(r.is_signed);
}

static void
test_ofd_probe__signature_list_must_hold_a_signature(void **state)
{
	ts_fixture *fx = *state;
	const entry listed[] = {
		{ "OFD.xml", OFD_XML("<ofd:Signatures>Doc_0/Signs/Signatures.xml"
		    "</ofd:Signatures>") },
		{ "Doc_0/Signs/Signatures.xml", SIGNATURES("<ofd:Signature "
		    "ID=\"1\" BaseLoc=\"Sign_0/Signature.xml\"/>") },
	};
	const entry empty[] = {
		{ "OFD.xml", OFD_XML("<ofd:Signatures>Doc_0/Signs/Signatures.xml"
		    "</ofd:Signatures>") },
		{ "Doc_0/Signs/Signatures.xml", SIGNATURES("") },
	};
	const entry missing[] = {
		{ "OFD.xml", OFD_XML("<ofd:Signatures>Doc_0/Signs/Signatures.xml"
		    "</ofd:Signatures>") },
	};
	const entry outside[] = {
		{ "OFD.xml", OFD_XML("<ofd:Signatures>../Signatures.xml"
		    "</ofd:Signatures>") },
		{ "Signatures.xml", SIGNATURES("<ofd:Signature ID=\"1\"/>") },
	};
	const entry unnamed[] = {
		{ "OFD.xml", OFD_XML("") },
		{ "Doc_0/Signs/Signatures.xml", SIGNATURES("<ofd:Signature "
		    "ID=\"1\"/>") },
	};
	cp__ofd_probe_result r;

	make_zip(ts_path(fx, "listed.ofd"), listed, 2);
	r = probe(ts_path(fx, "listed.ofd"));
	assert_true(r.ofd);
	assert_true(r.is_signed);
	make_zip(ts_path(fx, "empty.ofd"), empty, 2);
	r = probe(ts_path(fx, "empty.ofd"));
	assert_true(r.ofd);
	assert_false(r.is_signed);
	make_zip(ts_path(fx, "missing.ofd"), missing, 1);
	r = probe(ts_path(fx, "missing.ofd"));
	assert_true(r.ofd);
	assert_false(r.is_signed);
	make_zip(ts_path(fx, "outside.ofd"), outside, 2);
	r = probe(ts_path(fx, "outside.ofd"));
	assert_true(r.ofd);
	assert_false(r.is_signed);
	/* a Signs folder OFD.xml does not name is not the issuer's */
	make_zip(ts_path(fx, "unnamed.ofd"), unnamed, 2);
	r = probe(ts_path(fx, "unnamed.ofd"));
	assert_true(r.ofd);
	assert_false(r.is_signed);
}

static void
test_ofd_probe__damaged_ofd_xml_is_unsigned_ofd(void **state)
{
	ts_fixture *fx = *state;
	const entry broken[] = {
		{ "OFD.xml", "<ofd:OFD><ofd:DocBody>" },
	};
	cp__ofd_probe_result r;

	make_zip(ts_path(fx, "broken.ofd"), broken, 1);
	r = probe(ts_path(fx, "broken.ofd"));
	assert_true(r.ofd);
	assert_false(r.is_signed);
}

static void
test_ofd_probe__other_files_are_no_ofd(void **state)
{
	ts_fixture *fx = *state;
	const entry office[] = {
		{ "[Content_Types].xml", "<Types/>" },
		{ "word/document.xml", "<w:document/>" },
	};
	const entry slip[] = {
		{ "OFD.xml", OFD_XML("") },
		{ "Doc_0/../../evil.xml", "<x/>" },
	};
	cp__ofd_probe_result r;

	make_zip(ts_path(fx, "office.zip"), office, 2);
	r = probe(ts_path(fx, "office.zip"));
	assert_false(r.ofd);
	assert_false(r.is_signed);
	/* a package the reader refuses is not attached as an OFD either */
	make_zip(ts_path(fx, "slip.ofd"), slip, 2);
	r = probe(ts_path(fx, "slip.ofd"));
	assert_false(r.ofd);
	ts_write_pdf(fx->dir, "x.pdf");
	r = probe(ts_path(fx, "x.pdf"));
	assert_false(r.ofd);
	r = probe(ts_path(fx, "nothing-here.ofd"));
	assert_false(r.ofd);
	assert_false(r.is_signed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ofd_probe__real_invoices),
		TS_TEST(test_ofd_probe__signature_list_must_hold_a_signature),
		TS_TEST(test_ofd_probe__damaged_ofd_xml_is_unsigned_ofd),
		TS_TEST(test_ofd_probe__other_files_are_no_ofd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
