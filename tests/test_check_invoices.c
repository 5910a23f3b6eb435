/* test_check_invoices.c - fapiao identifiers are well formed and unique,
 * and agree with the paper's QR code: invoice-format, invoice-duplicate,
 * invoice-missing, invoice-qr-mismatch, invoice-qr-amount-unchecked,
 * invoice-qr-unreadable. */
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

/* ---- invoice-qr-mismatch, invoice-qr-unreadable ------------------------ */

/* The VAT example's identifiers with `qr` (a YAML scalar) as invoice.qr;
 * FAPIAO gives the paper the date 2026-10-09 and the amount 100.00. */
#define VAT_WITH_QR(qr) \
	INVOICE("vat", VAT_CODE, VAT_NUMBER, VAT_CHECK) \
	"      qr: " qr "\n"

/* A VAT QR text for the VAT example with `amount` and `date`. */
#define VAT_QR(number, amount, date) \
	"\"01,10," VAT_CODE "," number "," amount "," date "," VAT_CHECK \
	",BE2D\""

static void
test_check_invoices__qr_number_differs(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR(VAT_QR("81966723", "100.00", "20261009")))),
	    "invoice-qr-mismatch", "fp");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "fp.pdf");
	ts_assert_contains(f->message, "fapiao fp: the QR code's invoice "
	    "number is 81966723 but the manifest's invoice.number is "
	    VAT_NUMBER);
	ts_assert_contains(f->message, "correct the manifest");
	ts_assert_contains(f->message, "scan the QR code again");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_invoices__qr_date_differs(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR(VAT_QR(VAT_NUMBER, "100.00", "20261008")))),
	    "invoice-qr-mismatch", "fp");
	ts_assert_contains(f->message, "the QR code's issue date is "
	    "2026-10-08 but the manifest's date is 2026-10-09");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_invoices__qr_amount_before_tax_above_the_total(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR(VAT_QR(VAT_NUMBER, "1000.00", "20261009")))),
	    "invoice-qr-mismatch", "fp");
	assert_int_equal(f->severity, CP_SEVERITY_ERROR);
	/* The message says which amount a type 10 QR code holds. */
	ts_assert_contains(f->message, "the QR code holds the amount before "
	    "tax, 1000.00 (a type 10 VAT QR code does), which is more than "
	    "the manifest's amount 100.00 (the total, tax included)");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_invoices__qr_differing_in_every_field(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx, FAPIAO("fp", VAT_WITH_QR(
	    "\"01,10,044001500112,81966723,150.00,20261001,"
	    "17884534745749991612,BE2D\"")));
	/* One finding per field: code, number, check code, date, amount. */
	assert_int_equal(ts_count(fx->report, "invoice-qr-mismatch", "fp"), 5);
	assert_int_equal(cp_report_count(fx->report), 5);
}

static void
test_check_invoices__matching_qr_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	/* A tax-free invoice: the amount before tax is the total. */
	check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR(VAT_QR(VAT_NUMBER, "100.00", "20261009"))));
	ts_expect_clean(fx->report);
}

static void
test_check_invoices__qr_amount_without_vat_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	/* 100.00 / 1.06 = 94.34: the amount before VAT at 6%. */
	check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR(VAT_QR(VAT_NUMBER, "94.34", "20261009"))));
	ts_expect_clean(fx->report);
}

/* A multi-line invoice rounds each line's tax: 47.17 + 47.18 at 6% is
 * 94.35 before tax and 2.83 + 2.83 tax, 100.01; a fen off either way
 * is rounding, not a mistake. */
static void
test_check_invoices__qr_amount_a_fen_off_is_rounding(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR(VAT_QR(VAT_NUMBER, "94.35", "20261009"))));
	ts_expect_clean(fx->report);
}

/* The real QR code of the shared sample ofdrw-1.ofd: 510.68 before
 * tax, 526.00 on the paper (3%). */
static void
test_check_invoices__real_type_10_qr_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx,
	    "  - id: fp\n"
	    "    type: fapiao\n"
	    "    files: fp.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "    amount: 526.00\n"
	    INVOICE("vat", "033002000211", "83089647", "16197833567414507415")
	    "      qr: \"01,10,033002000211,83089647,510.68,20261009,"
	    "16197833567414507415,0941,\"\n");
	ts_expect_clean(fx->report);
}

/* An amount before tax that fits no rate: a margin-taxed invoice, or a
 * mistyped total.  A notice, and the total is not compared. */
static void
test_check_invoices__qr_amount_at_no_rate_is_a_notice(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR(VAT_QR(VAT_NUMBER, "80.00", "20261009")))),
	    "invoice-qr-amount-unchecked", "fp");
	assert_int_equal(f->severity, CP_SEVERITY_NOTICE);
	ts_assert_contains(f->message, "fapiao fp: the QR code holds the "
	    "amount before tax, 80.00, and the manifest's amount 100.00 is "
	    "not that plus VAT at 0%, 1%, 3%, 5%, 6%, 9% or 13%");
	ts_assert_contains(f->message, "差额征税");
	ts_assert_contains(f->message, "the total was not compared");
	ts_expect_none(fx->report, "invoice-qr-mismatch");
	assert_int_equal(cp_report_count(fx->report), 1);
}

/* Types 31 and 32 hold the total: it must be the manifest's. */
static void
test_check_invoices__digital_qr_amount_is_the_total(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      number: \"" DIGITAL_NUMBER "\"\n"
	    "      qr: \"01,31,," DIGITAL_NUMBER ",94.34,20261009,,B2B6\"\n")),
	    "invoice-qr-mismatch", "fp");
	ts_assert_contains(f->message, "the QR code's amount is 94.34 (the "
	    "total, tax included) but the manifest's amount is 100.00");
	assert_int_equal(cp_report_count(fx->report), 1);
}

/* A type that does not say which amount it holds: none compared. */
static void
test_check_invoices__qr_of_unknown_type_compares_no_amount(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx, FAPIAO("fp", VAT_WITH_QR(
	    "\"01,99," VAT_CODE "," VAT_NUMBER ",5.00,20261009,,BE2D\"")));
	ts_expect_clean(fx->report);
}

static void
test_check_invoices__digital_qr_without_code_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx, FAPIAO("fp",
	    "    invoice:\n"
	    "      number: \"" DIGITAL_NUMBER "\"\n"
	    "      qr: \"01,32,," DIGITAL_NUMBER ",100.00,20261009,,1DD6\"\n"));
	ts_expect_clean(fx->report);
}

static void
test_check_invoices__fiscal_qr_number_differs(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    INVOICE("fiscal", FISCAL_CODE, FISCAL_NUMBER, FISCAL_CHECK)
	    "      qr: \"CZ-EI-1100," FISCAL_CODE ",0012345679," FISCAL_CHECK
	    ",20261009,100.00\"\n")), "invoice-qr-mismatch", "fp");
	ts_assert_contains(f->message, "invoice number is 0012345679 but the "
	    "manifest's invoice.number is " FISCAL_NUMBER);
	/* The layout is an assumption, and the message says so. */
	ts_assert_contains(f->message, "not confirmed");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_invoices__fiscal_qr_amount_must_be_equal(void **state)
{
	ts_fixture *fx = *state;

	/* No VAT on a fiscal receipt: 94.34 is not 100.00 there. */
	ts_expect(check_fapiao(fx, FAPIAO("fp",
	    INVOICE("fiscal", FISCAL_CODE, FISCAL_NUMBER, FISCAL_CHECK)
	    "      qr: \"CZ-EI-1100," FISCAL_CODE "," FISCAL_NUMBER ","
	    FISCAL_CHECK ",2026-10-09,94.34\"\n")), "invoice-qr-mismatch",
	    "fp");
	assert_int_equal(cp_report_count(fx->report), 1);
}

/* A fiscal receipt's QR URL: its d= parameter holds code, number,
 * check code, amount and date (the identifiers of a real one). */
#define FISCAL_URL(number, check, amount, date) \
	"https://www.chinaebill.cn/eips-wxapp-service/d?t=504&a=31PZV5IKDl" \
	"&d=45060122_" number "_" check "_" amount "_" date "&s=1FE6A108DE"
#define FISCAL_WITH_QR(qr) \
	INVOICE("fiscal", "45060122", "0185821908", "07892E") \
	"      qr: " qr "\n"

static void
test_check_invoices__fiscal_url_that_matches_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	/* The check code in another case is the same check code. */
	check_fapiao(fx, FAPIAO("fp", FISCAL_WITH_QR(
	    FISCAL_URL("0185821908", "07892e", "100.00", "20261009"))));
	ts_expect_clean(fx->report);
	/* t=501: no amount to compare. */
	check_fapiao(fx, FAPIAO("fp", FISCAL_WITH_QR(
	    "https://www.chinaebill.cn/eips-wxapp-service/d?t=501&a=89AMy0Cj6"
	    "&d=45060122_0185821908_07892e_20261009&s=B62B74A4D1")));
	ts_expect_clean(fx->report);
}

static void
test_check_invoices__fiscal_url_fields_are_compared(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp", FISCAL_WITH_QR(
	    FISCAL_URL("0185821909", "07892e", "100.00", "20261009")))),
	    "invoice-qr-mismatch", "fp");
	ts_assert_contains(f->message, "the QR code's invoice number is "
	    "0185821909 but the manifest's invoice.number is 0185821908");
	/* The URL layout is that of real receipts: no doubt to state. */
	assert_null(strstr(f->message, "not confirmed"));
	assert_int_equal(cp_report_count(fx->report), 1);

	/* Check code, amount and date: one finding each. */
	check_fapiao(fx, FAPIAO("fp", FISCAL_WITH_QR(
	    FISCAL_URL("0185821908", "07892f", "236.21", "20230306"))));
	assert_int_equal(ts_count(fx->report, "invoice-qr-mismatch", "fp"), 3);
	assert_int_equal(cp_report_count(fx->report), 3);
	f = ts_expect(fx->report, "invoice-qr-mismatch", "fp");
	ts_assert_contains(f->message, "check code is 07892f but the "
	    "manifest's invoice.check_code is 07892E");
}

static void
test_check_invoices__junk_qr_is_unreadable(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR("\"not a fapiao\""))), "invoice-qr-unreadable", "fp");
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, "the QR text \"not a fapiao\"");
	ts_assert_contains(f->message, "check it was copied whole");
	ts_expect_none(fx->report, "invoice-qr-mismatch");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_invoices__qr_cut_short_is_unreadable(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp", VAT_WITH_QR("\"01,10,"
	    VAT_CODE "," VAT_NUMBER "\""))), "invoice-qr-unreadable", "fp");
	ts_assert_contains(f->message, "\"01,10," VAT_CODE "," VAT_NUMBER
	    "\"");
}

static void
test_check_invoices__long_junk_qr_is_quoted_in_part(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	f = ts_expect(check_fapiao(fx, FAPIAO("fp", VAT_WITH_QR("\""
	    "发票发票发票发票发票发票发票发票发票发票发票发票发票发票发票发票"
	    "发票发票发票发票\""))), "invoice-qr-unreadable", "fp");
	/* 60 bytes hold 20 whole characters; the rest is left out. */
	ts_assert_contains(f->message, "\"发票发票发票发票发票发票发票发票发票"
	    "发票...\"");
}

static void
test_check_invoices__url_qr_is_quiet(void **state)
{
	ts_fixture *fx = *state;

	check_fapiao(fx, FAPIAO("fp",
	    VAT_WITH_QR("https://bcfp.shenzhen.chinatax.gov.cn/v?id=81966722")));
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
		TS_TEST(test_check_invoices__qr_number_differs),
		TS_TEST(test_check_invoices__qr_date_differs),
		TS_TEST(test_check_invoices__qr_amount_before_tax_above_the_total),
		TS_TEST(test_check_invoices__qr_differing_in_every_field),
		TS_TEST(test_check_invoices__matching_qr_is_quiet),
		TS_TEST(test_check_invoices__qr_amount_without_vat_is_quiet),
		TS_TEST(test_check_invoices__qr_amount_a_fen_off_is_rounding),
		TS_TEST(test_check_invoices__real_type_10_qr_is_quiet),
		TS_TEST(test_check_invoices__qr_amount_at_no_rate_is_a_notice),
		TS_TEST(test_check_invoices__digital_qr_amount_is_the_total),
		TS_TEST(test_check_invoices__qr_of_unknown_type_compares_no_amount),
		TS_TEST(test_check_invoices__digital_qr_without_code_is_quiet),
		TS_TEST(test_check_invoices__fiscal_qr_number_differs),
		TS_TEST(test_check_invoices__fiscal_qr_amount_must_be_equal),
		TS_TEST(test_check_invoices__fiscal_url_that_matches_is_quiet),
		TS_TEST(test_check_invoices__fiscal_url_fields_are_compared),
		TS_TEST(test_check_invoices__junk_qr_is_unreadable),
		TS_TEST(test_check_invoices__qr_cut_short_is_unreadable),
		TS_TEST(test_check_invoices__long_junk_qr_is_quoted_in_part),
		TS_TEST(test_check_invoices__url_qr_is_quiet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
