/* test_probe.c - telling a signed PDF (pdf/probe.c, cp__pdf_signed): a
 * signature field whose value has a /ByteRange, found through the form's
 * field tree however it nests, and nothing else; malformed trees, loops
 * and files that do not open end in "not signed", never in a hang. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "pdf/probe.h"
#include "support.h"

#define SIG_VALUE "<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange " \
	"[0 100 200 300] /Contents <0000> >>"

static bool
is_signed(ts_fixture *fx, const char *name)
{
	bool sig = true;

	assert_int_equal(cp__pdf_signed(&sig, ts_path(fx, name)), 0);
	return sig;
}

/* A PDF whose /AcroForm lists the fields 6 0 R (and 7 0 R when two). */
static void
form_pdf(ts_fixture *fx, const char *name, const char *fields,
    const char *const *objects, size_t n)
{
	char form[200];

	snprintf(form, sizeof(form), "/AcroForm << /Fields [%s] >>", fields);
	ts_write_pdf_with(fx->dir, name, form, objects, n);
}

static void
test_probe__signed_field_is_found(void **state)
{
	ts_fixture *fx = *state;

	ts_write_signed_pdf(fx->dir, "signed.pdf");
	assert_true(is_signed(fx, "signed.pdf"));
}

static void
test_probe__plain_pdf_is_not_signed(void **state)
{
	ts_fixture *fx = *state;

	ts_write_pdf(fx->dir, "plain.pdf");
	assert_false(is_signed(fx, "plain.pdf"));
}

/* A field prepared for signing but not signed yet, a value without
 * /ByteRange, and a text field whose value looks like a signature. */
static void
test_probe__unsigned_fields_are_not_signatures(void **state)
{
	ts_fixture *fx = *state;
	const char *const empty[] = { "<< /FT /Sig /T (Signature1) >>" };
	const char *const no_range[] = {
		"<< /FT /Sig /T (S) /V 7 0 R >>",
		"<< /Type /Sig /Contents <00> >>",
	};
	const char *const text[] = {
		"<< /FT /Tx /T (Name) /V 7 0 R >>", SIG_VALUE,
	};

	form_pdf(fx, "empty.pdf", "6 0 R", empty, 1);
	assert_false(is_signed(fx, "empty.pdf"));
	form_pdf(fx, "norange.pdf", "6 0 R", no_range, 2);
	assert_false(is_signed(fx, "norange.pdf"));
	form_pdf(fx, "text.pdf", "6 0 R", text, 2);
	assert_false(is_signed(fx, "text.pdf"));
}

/* The type on the parent, the value on a kid (a field with widgets),
 * and the signature as the second field of the form. */
static void
test_probe__inherited_type_and_later_fields(void **state)
{
	ts_fixture *fx = *state;
	const char *const kids[] = {
		"<< /FT /Sig /T (Parent) /Kids [7 0 R] >>",
		"<< /Parent 6 0 R /T (Kid) /V 8 0 R >>",
		SIG_VALUE,
	};
	const char *const second[] = {
		"<< /FT /Tx /T (Name) /V (SMITH) >>",
		"<< /FT /Sig /T (S) /V 8 0 R >>",
		SIG_VALUE,
	};
	const char *const other_type[] = {
		"<< /FT /Tx /T (Parent) /Kids [7 0 R] >>",
		"<< /Parent 6 0 R /T (Kid) /V 8 0 R >>",
		SIG_VALUE,
	};

	form_pdf(fx, "kids.pdf", "6 0 R", kids, 3);
	assert_true(is_signed(fx, "kids.pdf"));
	form_pdf(fx, "second.pdf", "6 0 R 7 0 R", second, 3);
	assert_true(is_signed(fx, "second.pdf"));
	form_pdf(fx, "other.pdf", "6 0 R", other_type, 3);
	assert_false(is_signed(fx, "other.pdf"));
}

/* Kids that hold their parent: the walk ends, found or not. */
static void
test_probe__kids_loop_ends(void **state)
{
	ts_fixture *fx = *state;
	const char *const loop[] = {
		"<< /T (A) /Kids [7 0 R] >>",
		"<< /T (B) /Kids [6 0 R 6 0 R] >>",
	};

	form_pdf(fx, "loop.pdf", "6 0 R", loop, 2);
	assert_false(is_signed(fx, "loop.pdf"));
}

/* A signature nested deeper than CP__PDF_SIG_MAX_DEPTH is not looked
 * for; one just within is found. */
static void
test_probe__depth_is_bounded(void **state)
{
	ts_fixture *fx = *state;
	char *objects[CP__PDF_SIG_MAX_DEPTH + 4];
	size_t levels, i, n;

	for (levels = CP__PDF_SIG_MAX_DEPTH; levels <= CP__PDF_SIG_MAX_DEPTH + 2;
	    levels += 2) {
		/* Fields 6 .. 6+levels-1 in a chain, the last one signed. */
		n = 0;
		for (i = 0; i + 1 < levels; i++) {
			assert_non_null(objects[n] = malloc(64));
			snprintf(objects[n++], 64, "<< /FT /Sig /T (L%zu) "
			    "/Kids [%zu 0 R] >>", i, 7 + i);
		}
		assert_non_null(objects[n] = malloc(64));
		snprintf(objects[n++], 64, "<< /T (Last) /V %zu 0 R >>",
		    6 + levels);
		assert_non_null(objects[n] = malloc(sizeof(SIG_VALUE)));
		memcpy(objects[n++], SIG_VALUE, sizeof(SIG_VALUE));
		form_pdf(fx, "deep.pdf", "6 0 R", (const char *const *)objects,
		    n);
		if (levels <= CP__PDF_SIG_MAX_DEPTH + 1)
			assert_true(is_signed(fx, "deep.pdf"));
		else
			assert_false(is_signed(fx, "deep.pdf"));
		for (i = 0; i < n; i++)
			free(objects[i]);
	}
}

/* What cannot be opened is not signed as far as the probe says. */
static void
test_probe__unreadable_files_are_not_signed(void **state)
{
	ts_fixture *fx = *state;
	char cmd[3000];

	ts_write_text(fx->dir, "garbage.pdf", "not a PDF at all\n");
	assert_false(is_signed(fx, "garbage.pdf"));
	assert_false(is_signed(fx, "missing.pdf"));
	ts_write_signed_pdf(fx->dir, "signed.pdf");
	snprintf(cmd, sizeof(cmd), "qpdf --encrypt secret secret 256 -- "
	    "'%s/signed.pdf' '%s/locked.pdf'", fx->dir, fx->dir);
	assert_int_equal(system(cmd), 0);
	assert_false(is_signed(fx, "locked.pdf"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_probe__signed_field_is_found),
		TS_TEST(test_probe__plain_pdf_is_not_signed),
		TS_TEST(test_probe__unsigned_fields_are_not_signatures),
		TS_TEST(test_probe__inherited_type_and_later_fields),
		TS_TEST(test_probe__kids_loop_ends),
		TS_TEST(test_probe__depth_is_bounded),
		TS_TEST(test_probe__unreadable_files_are_not_signed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
