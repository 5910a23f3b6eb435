/* test_check_invoices.c - fapiao identifiers are well formed and unique:
 * invoice-format, invoice-duplicate, invoice-missing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "support.h"

/* The examples of DOMAIN.md. */
#define VAT_CODE "044001500111"
#define VAT_NUMBER "81966722"
#define VAT_CHECK "17884534745749991611"
#define DIGITAL_NUMBER "24312000000136634917"
#define FISCAL_CODE "11060126"
#define FISCAL_NUMBER "0012345678"
#define FISCAL_CHECK "a1b2c3"

/* A fapiao `id` (file id.pdf) with `invoice`: YAML lines at depth 6, or
 * "" for none. */
#define FAPIAO(id, invoice) \
	"  - id: " id "\n" \
	"    type: fapiao\n" \
	"    files: " id ".pdf\n" \
	"    date: 2026-10-09\n" \
	"    name: SMITH JOHN ALEXANDER\n" \
	"    amount: 100.00\n" \
	invoice

#define INVOICE(kind, code, number, check) \
	"    invoice:\n" \
	"      kind: " kind "\n" \
	"      code: \"" code "\"\n" \
	"      number: \"" number "\"\n" \
	"      check_code: \"" check "\"\n"

/* Checks the fapiao lines `papers` with the cover-sheet template. */
static const cp_report *
check_fapiao(ts_fixture *fx, const char *papers)
{
	static const char *const ids[] = { "fp", "fp2", "fp3" };
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "%s.pdf", ids[i]);
		ts_write_pdf(fx->dir, name);
	}
	return ts_check_tplf(fx, "cover-sheet", "%s%sdocuments:\n%s", TS_HEAD,
	    TS_STAY, papers);
}

/* ---- invoice-format ------------------------------------------------- */

static void
test_check_invoices__vat_code_of_wrong_length(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      kind: vat\n"
	    "      code: \"04400150011\"\n"
	    "      number: \"81966722\"\n")), "invoice-format", "fp");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "fp.pdf");
	ts_assert_contains(f->message, "fapiao fp: invoice code \"04400150011\" "
	    "has 11 digits; a VAT fapiao code has 10 or 12 digits");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_invoices__vat_number_of_wrong_length(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    INVOICE("vat", VAT_CODE, "8196672", VAT_CHECK))),
	    "invoice-format", "fp");
	ts_assert_contains(f->message, "\"8196672\" has 7 digits");
}

static void
test_check_invoices__vat_check_code_of_wrong_length(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    INVOICE("vat", VAT_CODE, VAT_NUMBER, "1788453474574999161"))),
	    "invoice-format", "fp");
	ts_assert_contains(f->message, "check code \"1788453474574999161\" has "
	    "19 digits");
}

static void
test_check_invoices__letter_in_a_number(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	/* The letter O typed for a zero. */
	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    INVOICE("vat", VAT_CODE, "8196672O", VAT_CHECK))),
	    "invoice-format", "fp");
	ts_assert_contains(f->message, "invoice number \"8196672O\" contains a "
	    "character that is not a digit");
}

static void
test_check_invoices__fiscal_number_of_wrong_length(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    INVOICE("fiscal", FISCAL_CODE, "001234567", FISCAL_CHECK))),
	    "invoice-format", "fp");
	ts_assert_contains(f->message, "invoice number \"001234567\" has 9 "
	    "digits; a fiscal medical receipt number has 10 digits");
}

static void
test_check_invoices__fiscal_check_code_that_is_not_hex(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    INVOICE("fiscal", FISCAL_CODE, FISCAL_NUMBER, "a1b2cg"))),
	    "invoice-format", "fp");
	ts_assert_contains(f->message, "\"a1b2cg\" contains a character that "
	    "is not a hexadecimal digit");
}

static void
test_check_invoices__lengths_that_fit_no_kind(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      code: \"1234\"\n"
	    "      number: \"5678\"\n")), "invoice-format", "fp");
	ts_assert_contains(f->message, "fits no known kind of invoice");
}

static void
test_check_invoices__code_without_number(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      code: \"" VAT_CODE "\"\n")), "invoice-format", "fp");
	ts_assert_contains(f->message, "fapiao fp has an invoice code "
	    "\"" VAT_CODE "\" but no number");
	ts_expect_none(fx->report, "invoice-missing");
}

static void
test_check_invoices__well_formed_identifiers_are_quiet(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx,
	    FAPIAO("fp", INVOICE("vat", VAT_CODE, VAT_NUMBER, VAT_CHECK))
	    FAPIAO("fp2",
	    "    invoice:\n"
	    "      number: \"" DIGITAL_NUMBER "\"\n")
	    FAPIAO("fp3", INVOICE("fiscal", FISCAL_CODE, FISCAL_NUMBER,
	    "A1B2C3")));
	ts_expect_none(fx->report, "invoice-format");
	ts_expect_clean(fx->report);
}

static void
test_check_invoices__identifiers_typed_with_spaces_are_fine(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      code: \"0440 0150 0111\"\n"
	    "      number: \"8196 6722\"\n"));
	ts_expect_none(fx->report, "invoice-format");
}

/* ---- invoice-duplicate ---------------------------------------------- */

static void
test_check_invoices__same_invoice_twice(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_fapiao(fx,
	    FAPIAO("fp", INVOICE("vat", VAT_CODE, VAT_NUMBER, VAT_CHECK))
	    FAPIAO("fp2",
	    "    invoice:\n"
	    "      code: \"0440 0150 0111\"\n"
	    "      number: \"" VAT_NUMBER "\"\n"));
	f = ts_expect(fx->report, "invoice-duplicate", "fp2");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "fp2.pdf");
	ts_assert_contains(f->message, "fapiao fp2 has the same invoice "
	    VAT_CODE " / " VAT_NUMBER " as fapiao fp");
	/* Reported once, on the later copy. */
	assert_int_equal(ts_count(fx->report, "invoice-duplicate", NULL), 1);
}

static void
test_check_invoices__same_digital_invoice_twice(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	check_fapiao(fx,
	    FAPIAO("fp", "    invoice: {number: \"" DIGITAL_NUMBER "\"}\n")
	    FAPIAO("fp2", "    invoice: {number: \"" DIGITAL_NUMBER "\"}\n"));
	f = ts_expect(fx->report, "invoice-duplicate", "fp2");
	ts_assert_contains(f->message, "same invoice " DIGITAL_NUMBER
	    " as fapiao fp;");
}

static void
test_check_invoices__three_copies_give_two_findings(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx,
	    FAPIAO("fp3", INVOICE("fiscal", FISCAL_CODE, FISCAL_NUMBER,
	    FISCAL_CHECK))
	    FAPIAO("fp", INVOICE("fiscal", FISCAL_CODE, FISCAL_NUMBER,
	    FISCAL_CHECK))
	    FAPIAO("fp2", INVOICE("fiscal", FISCAL_CODE, FISCAL_NUMBER,
	    FISCAL_CHECK)));
	assert_int_equal(ts_count(fx->report, "invoice-duplicate", NULL), 2);
	/* The first one listed in the manifest is the original. */
	ts_assert_contains(ts_expect(fx->report, "invoice-duplicate", "fp")
	    ->message, "as fapiao fp3");
	ts_assert_contains(ts_expect(fx->report, "invoice-duplicate", "fp2")
	    ->message, "as fapiao fp3");
}

static void
test_check_invoices__same_number_other_code_is_no_duplicate(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx,
	    FAPIAO("fp", INVOICE("vat", VAT_CODE, VAT_NUMBER, VAT_CHECK))
	    FAPIAO("fp2", INVOICE("vat", "044001500112", VAT_NUMBER,
	    VAT_CHECK)));
	ts_expect_none(fx->report, "invoice-duplicate");
	ts_expect_clean(fx->report);
}

/* ---- invoice-missing -------------------------------------------------- */

static void
test_check_invoices__fapiao_without_identifiers(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp", "")), "invoice-missing",
	    "fp");
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, "fapiao fp has no invoice code or "
	    "number");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_invoices__invoice_with_only_a_qr_text(void **state)
{
	ts_fixture *fx = *state;

	ts_expect(check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      verify_url: https://inv-veri.chinatax.gov.cn/\n")),
	    "invoice-missing", "fp");
	ts_expect_none(fx->report, "invoice-format");
}

static void
test_check_invoices__fiscal_receipt_without_check_code(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      code: \"" FISCAL_CODE "\"\n"
	    "      number: \"" FISCAL_NUMBER "\"\n")), "invoice-missing", "fp");
	ts_assert_contains(f->message, "fiscal receipt fp has no check code");
	ts_expect_none(fx->report, "invoice-format");
}

static void
test_check_invoices__vat_fapiao_needs_no_check_code(void **state)
{
	ts_fixture *fx = *state;

	/* Special VAT invoices carry none. */
	check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      code: \"" VAT_CODE "\"\n"
	    "      number: \"" VAT_NUMBER "\"\n"));
	ts_expect_none(fx->report, "invoice-missing");
	ts_expect_clean(fx->report);
}

static void
test_check_invoices__other_papers_need_no_invoice(void **state)
{
	ts_fixture *fx = *state;

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, "reimbursement");
	ts_expect_none(fx->report, "invoice-missing");
	ts_expect_clean(fx->report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_invoices__vat_code_of_wrong_length),
		TS_TEST(test_check_invoices__vat_number_of_wrong_length),
		TS_TEST(test_check_invoices__vat_check_code_of_wrong_length),
		TS_TEST(test_check_invoices__letter_in_a_number),
		TS_TEST(test_check_invoices__fiscal_number_of_wrong_length),
		TS_TEST(test_check_invoices__fiscal_check_code_that_is_not_hex),
		TS_TEST(test_check_invoices__lengths_that_fit_no_kind),
		TS_TEST(test_check_invoices__code_without_number),
		TS_TEST(test_check_invoices__well_formed_identifiers_are_quiet),
		TS_TEST(test_check_invoices__identifiers_typed_with_spaces_are_fine),
		TS_TEST(test_check_invoices__same_invoice_twice),
		TS_TEST(test_check_invoices__same_digital_invoice_twice),
		TS_TEST(test_check_invoices__three_copies_give_two_findings),
		TS_TEST(test_check_invoices__same_number_other_code_is_no_duplicate),
		TS_TEST(test_check_invoices__fapiao_without_identifiers),
		TS_TEST(test_check_invoices__invoice_with_only_a_qr_text),
		TS_TEST(test_check_invoices__fiscal_receipt_without_check_code),
		TS_TEST(test_check_invoices__vat_fapiao_needs_no_check_code),
		TS_TEST(test_check_invoices__other_papers_need_no_invoice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
