/* invoice_id.h - the identifier formats of fapiao and fiscal receipts. */
#ifndef CP_INVOICE_ID_H
#define CP_INVOICE_ID_H

#include <stddef.h>

typedef enum {
	CP__INVOICE_UNKNOWN = 0,  /* not given / not recognised */
	CP__INVOICE_VAT,          /* VAT fapiao: 10/12-digit code, 8-digit no. */
	CP__INVOICE_VAT_DIGITAL,  /* fully digitalized: 20-digit no., no code */
	CP__INVOICE_FISCAL        /* fiscal medical e-receipt: 8-digit code,
	                             10-digit number, 6 hex check code */
} cp__invoice_kind;

/*
 * Classifies and validates invoice identifiers.  `declared` is the kind
 * the manifest gave: CP__INVOICE_UNKNOWN when it left `kind` out,
 * CP__INVOICE_VAT for "vat" (which covers both VAT layouts) or
 * CP__INVOICE_FISCAL for "fiscal".  `code` and `check_code` may be NULL.
 * `number` must not be NULL.  All must already be stripped of spaces.
 *
 * Rules: VAT = code of 10 or 12 digits + number of 8 digits, or no code
 * + number of 20 digits (fully digitalized); a VAT check code, when given,
 * is 20 digits, and a fully digitalized invoice has none.  Fiscal = code
 * of 8 digits + number of 10 digits; its check code, when given, is 6
 * hexadecimal characters (either case).
 *
 * An empty `code` or `check_code` ("") counts as not given, as in a QR
 * payload's empty fields.  CP__INVOICE_VAT_DIGITAL may also be declared;
 * it accepts only the fully digitalized layout.
 *
 * Returns 0 and sets *out_kind when the identifiers are well formed for
 * the declared (or inferred) kind: CP__INVOICE_VAT_DIGITAL for a 20-digit
 * number without a code (also when "vat" was declared), CP__INVOICE_VAT
 * or CP__INVOICE_FISCAL otherwise.  Otherwise returns -1, leaves
 * *out_kind alone and writes into `why` (of `why_size` bytes; NULL or 0
 * when not wanted) one sentence fragment, valid UTF-8 even when cut
 * short, that names the values and the expected form, e.g. "invoice
 * number \"1234\" has 4 digits; a VAT fapiao number has 8 digits".
 * A character other than a digit (or, in a fiscal check code, a
 * hexadecimal digit) is reported as such before any length.  When the
 * kind was not declared and the lengths fit no kind, the fragment gives
 * the values with their lengths and lists the accepted forms.
 */
int cp__invoice_id_classify(cp__invoice_kind *out_kind,
    cp__invoice_kind declared, const char *code, const char *number,
    const char *check_code, char *why, size_t why_size);

#endif
