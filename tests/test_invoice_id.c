/* test_invoice_id.c - fapiao and fiscal receipt identifiers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "claimpack.h"
#include "manifest/invoice_id.h"

#define UNKNOWN CP__INVOICE_UNKNOWN
#define VAT CP__INVOICE_VAT
#define DIGITAL CP__INVOICE_VAT_DIGITAL
#define FISCAL CP__INVOICE_FISCAL

/* The examples of DOMAIN.md. */
#define VAT_CODE "044001500111"
#define VAT_NUMBER "81966722"
#define VAT_CHECK "17884534745749991611"
#define DIGITAL_NUMBER "24312000000136634917"
#define FISCAL_CODE "11060126"
#define FISCAL_NUMBER "0012345678"
#define FISCAL_CHECK "a1b2c3"

#define ACCEPTED_FORMS \
	"the accepted forms are a VAT fapiao (10- or 12-digit code, " \
	"8-digit number), a fully digitalized VAT fapiao (20-digit number, " \
	"no code) and a fiscal medical receipt (8-digit code, 10-digit number)"

/* Classifies identifiers that must be accepted; returns the kind. */
static cp__invoice_kind kind_of(cp__invoice_kind declared, const char *code,
    const char *number, const char *check)
{
	cp__invoice_kind kind = (cp__invoice_kind)99;
	char why[512] = "";

	if (cp__invoice_id_classify(&kind, declared, code, number, check, why,
	    sizeof why) != 0)
		fail_msg("rejected: %s", why);
	return kind;
}

/* Classifies identifiers that must be rejected; returns the reason. */
static const char *why_of(char *why, size_t size, cp__invoice_kind declared,
    const char *code, const char *number, const char *check)
{
	cp__invoice_kind kind = (cp__invoice_kind)99;

	assert_int_equal(cp__invoice_id_classify(&kind, declared, code,
	    number, check, why, size), -1);
	assert_int_equal(kind, 99);     /* untouched on failure */
	return why;
}

#define WHY(declared, code, number, check) \
	why_of(buf, sizeof buf, (declared), (code), (number), (check))

static void test_invoice_id__vat_paper_examples(void **state)
{
	(void)state;
	assert_int_equal(kind_of(UNKNOWN, VAT_CODE, VAT_NUMBER, VAT_CHECK), VAT);
	assert_int_equal(kind_of(VAT, VAT_CODE, VAT_NUMBER, VAT_CHECK), VAT);
	assert_int_equal(kind_of(UNKNOWN, "4400153130", VAT_NUMBER, NULL), VAT);
	assert_int_equal(kind_of(VAT, "4400153130", VAT_NUMBER, NULL), VAT);
}

static void test_invoice_id__vat_check_code_is_optional(void **state)
{
	(void)state;
	/* Special VAT invoices carry no check code; a QR gives "". */
	assert_int_equal(kind_of(UNKNOWN, VAT_CODE, VAT_NUMBER, NULL), VAT);
	assert_int_equal(kind_of(VAT, VAT_CODE, VAT_NUMBER, ""), VAT);
}

static void test_invoice_id__fully_digitalized(void **state)
{
	(void)state;
	assert_int_equal(kind_of(UNKNOWN, NULL, DIGITAL_NUMBER, NULL), DIGITAL);
	assert_int_equal(kind_of(VAT, NULL, DIGITAL_NUMBER, NULL), DIGITAL);
	assert_int_equal(kind_of(VAT, "", DIGITAL_NUMBER, ""), DIGITAL);
	assert_int_equal(kind_of(DIGITAL, NULL, DIGITAL_NUMBER, NULL), DIGITAL);
}

static void test_invoice_id__fiscal_examples(void **state)
{
	(void)state;
	assert_int_equal(kind_of(UNKNOWN, FISCAL_CODE, FISCAL_NUMBER,
	    FISCAL_CHECK), FISCAL);
	assert_int_equal(kind_of(FISCAL, FISCAL_CODE, FISCAL_NUMBER,
	    FISCAL_CHECK), FISCAL);
	assert_int_equal(kind_of(FISCAL, FISCAL_CODE, FISCAL_NUMBER,
	    "A1B2C3"), FISCAL);
	assert_int_equal(kind_of(FISCAL, FISCAL_CODE, FISCAL_NUMBER, NULL),
	    FISCAL);
}

static void test_invoice_id__digitalized_with_code_or_check_code(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(WHY(UNKNOWN, NULL, DIGITAL_NUMBER, VAT_CHECK),
	    "a fully digitalized VAT fapiao (数电票) has no check code, but "
	    "check code \"17884534745749991611\" was given");
	assert_string_equal(WHY(VAT, NULL, DIGITAL_NUMBER, "123456"),
	    "a fully digitalized VAT fapiao (数电票) has no check code, but "
	    "check code \"123456\" was given");
	assert_string_equal(WHY(VAT, VAT_CODE, DIGITAL_NUMBER, NULL),
	    "invoice number \"24312000000136634917\" has 20 digits, the form "
	    "of a fully digitalized VAT fapiao (数电票), which has no invoice "
	    "code, but invoice code \"044001500111\" was given");
	assert_string_equal(WHY(UNKNOWN, VAT_CODE, DIGITAL_NUMBER, NULL),
	    "a fully digitalized VAT fapiao (数电票) has no invoice code, but "
	    "invoice code \"044001500111\" was given");
	assert_string_equal(WHY(DIGITAL, VAT_CODE, DIGITAL_NUMBER, NULL),
	    "a fully digitalized VAT fapiao (数电票) has no invoice code, but "
	    "invoice code \"044001500111\" was given");
}

static void test_invoice_id__vat_lengths_named(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(WHY(VAT, VAT_CODE, "1234", NULL),
	    "invoice number \"1234\" has 4 digits; a VAT fapiao number has 8 "
	    "digits");
	assert_string_equal(WHY(VAT, "12345", VAT_NUMBER, NULL),
	    "invoice code \"12345\" has 5 digits; a VAT fapiao code has 10 or "
	    "12 digits");
	assert_string_equal(WHY(VAT, FISCAL_CODE, VAT_NUMBER, NULL),
	    "invoice code \"11060126\" has 8 digits; a VAT fapiao code has 10 "
	    "or 12 digits");
	assert_string_equal(WHY(VAT, VAT_CODE, VAT_NUMBER, "991611"),
	    "check code \"991611\" has 6 digits; a VAT fapiao check code has 20 "
	    "digits");
	assert_string_equal(WHY(UNKNOWN, VAT_CODE, VAT_NUMBER, FISCAL_CHECK),
	    "check code \"a1b2c3\" contains a character that is not a digit");
}

static void test_invoice_id__vat_without_code(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(WHY(VAT, NULL, VAT_NUMBER, NULL),
	    "invoice number \"81966722\" has 8 digits but no invoice code was "
	    "given; a VAT fapiao with an 8-digit number also has a 10- or "
	    "12-digit code");
	assert_string_equal(WHY(UNKNOWN, "", VAT_NUMBER, NULL),
	    "invoice number \"81966722\" has 8 digits but no invoice code was "
	    "given; a VAT fapiao with an 8-digit number also has a 10- or "
	    "12-digit code");
	assert_string_equal(WHY(VAT, NULL, "7", NULL),
	    "invoice number \"7\" has 1 digit; a VAT fapiao number has 8 "
	    "digits (with a code) or 20 digits (fully digitalized, without a "
	    "code)");
}

static void test_invoice_id__fiscal_lengths_named(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(WHY(FISCAL, "1106012", FISCAL_NUMBER, NULL),
	    "invoice code \"1106012\" has 7 digits; a fiscal medical receipt "
	    "code has 8 digits");
	assert_string_equal(WHY(FISCAL, VAT_CODE, VAT_NUMBER, NULL),
	    "invoice code \"044001500111\" has 12 digits; a fiscal medical "
	    "receipt code has 8 digits");
	assert_string_equal(WHY(FISCAL, FISCAL_CODE, "001234567", NULL),
	    "invoice number \"001234567\" has 9 digits; a fiscal medical "
	    "receipt number has 10 digits");
	assert_string_equal(WHY(FISCAL, FISCAL_CODE, FISCAL_NUMBER, "a1b2c"),
	    "check code \"a1b2c\" has 5 characters; a fiscal medical receipt "
	    "check code has 6 hexadecimal characters");
	assert_string_equal(WHY(UNKNOWN, FISCAL_CODE, FISCAL_NUMBER, VAT_CHECK),
	    "check code \"17884534745749991611\" has 20 characters; a fiscal "
	    "medical receipt check code has 6 hexadecimal characters");
	assert_string_equal(WHY(FISCAL, FISCAL_CODE, FISCAL_NUMBER, "a1b2cz"),
	    "check code \"a1b2cz\" contains a character that is not a "
	    "hexadecimal digit");
	assert_string_equal(WHY(FISCAL, NULL, FISCAL_NUMBER, NULL),
	    "no invoice code was given; a fiscal medical receipt has an "
	    "8-digit code");
}

static void test_invoice_id__non_digits_reported_first(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(WHY(FISCAL, FISCAL_CODE, "00123A5678", NULL),
	    "invoice number \"00123A5678\" contains a character that is not a "
	    "digit");
	assert_string_equal(WHY(UNKNOWN, FISCAL_CODE, "00123A5678", NULL),
	    "invoice number \"00123A5678\" contains a character that is not a "
	    "digit");
	assert_string_equal(WHY(UNKNOWN, "0440-0150", VAT_NUMBER, NULL),
	    "invoice code \"0440-0150\" contains a character that is not a "
	    "digit");
	assert_string_equal(WHY(VAT, "O44001500111", VAT_NUMBER, NULL),
	    "invoice code \"O44001500111\" contains a character that is not a "
	    "digit");
	assert_string_equal(WHY(VAT, NULL, "２4312000000136634917", NULL),
	    "invoice number \"２4312000000136634917\" contains a character "
	    "that is not a digit");
}

static void test_invoice_id__unknown_kind_lists_accepted_forms(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(WHY(UNKNOWN, "1106012", FISCAL_NUMBER, NULL),
	    "invoice code \"1106012\" (7 digits) with invoice number "
	    "\"0012345678\" (10 digits) fits no known kind of invoice; "
	    ACCEPTED_FORMS);
	assert_string_equal(WHY(UNKNOWN, VAT_CODE, FISCAL_NUMBER, NULL),
	    "invoice code \"044001500111\" (12 digits) with invoice number "
	    "\"0012345678\" (10 digits) fits no known kind of invoice; "
	    ACCEPTED_FORMS);
	assert_string_equal(WHY(UNKNOWN, NULL, FISCAL_NUMBER, NULL),
	    "invoice number \"0012345678\" (10 digits) without an invoice code "
	    "fits no known kind of invoice; " ACCEPTED_FORMS);
}

static void test_invoice_id__number_required(void **state)
{
	char buf[512];

	(void)state;
	assert_string_equal(WHY(UNKNOWN, VAT_CODE, "", NULL),
	    "no invoice number was given");
	assert_string_equal(WHY(FISCAL, FISCAL_CODE, NULL, NULL),
	    "no invoice number was given");
}

static void test_invoice_id__why_may_be_null_or_empty(void **state)
{
	cp__invoice_kind kind = UNKNOWN;
	char one[1] = { 'x' };

	(void)state;
	assert_int_equal(cp__invoice_id_classify(&kind, UNKNOWN, "1", "2",
	    NULL, NULL, 0), -1);
	assert_int_equal(cp__invoice_id_classify(&kind, UNKNOWN, "1", "2",
	    NULL, NULL, 100), -1);
	assert_int_equal(cp__invoice_id_classify(&kind, UNKNOWN, "1", "2",
	    NULL, one, 0), -1);
	assert_int_equal(one[0], 'x');
	assert_int_equal(cp__invoice_id_classify(&kind, UNKNOWN, "1", "2",
	    NULL, one, 1), -1);
	assert_int_equal(one[0], '\0');
	assert_int_equal(cp__invoice_id_classify(&kind, UNKNOWN, VAT_CODE,
	    VAT_NUMBER, NULL, NULL, 0), 0);
	assert_int_equal(kind, VAT);
}

static void test_invoice_id__cut_message_stays_utf8(void **state)
{
	char buf[64];

	(void)state;
	/* "invoice number \"12" is 18 bytes; "发" takes the next three. */
	why_of(buf, 20, VAT, NULL, "12发票", NULL);
	assert_string_equal(buf, "invoice number \"12");
	why_of(buf, 21, VAT, NULL, "12发票", NULL);
	assert_string_equal(buf, "invoice number \"12");
	why_of(buf, 22, VAT, NULL, "12发票", NULL);
	assert_string_equal(buf, "invoice number \"12发");
	why_of(buf, 10, VAT, NULL, "12", NULL);
	assert_string_equal(buf, "invoice n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invoice_id__vat_paper_examples),
		cmocka_unit_test(test_invoice_id__vat_check_code_is_optional),
		cmocka_unit_test(test_invoice_id__fully_digitalized),
		cmocka_unit_test(test_invoice_id__fiscal_examples),
		cmocka_unit_test(
		    test_invoice_id__digitalized_with_code_or_check_code),
		cmocka_unit_test(test_invoice_id__vat_lengths_named),
		cmocka_unit_test(test_invoice_id__vat_without_code),
		cmocka_unit_test(test_invoice_id__fiscal_lengths_named),
		cmocka_unit_test(test_invoice_id__non_digits_reported_first),
		cmocka_unit_test(
		    test_invoice_id__unknown_kind_lists_accepted_forms),
		cmocka_unit_test(test_invoice_id__number_required),
		cmocka_unit_test(test_invoice_id__why_may_be_null_or_empty),
		cmocka_unit_test(test_invoice_id__cut_message_stays_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
