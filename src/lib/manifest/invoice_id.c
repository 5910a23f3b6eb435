/* invoice_id.c - the identifier formats of fapiao and fiscal receipts. */
#include "manifest/invoice_id.h"
#include "util/utf8.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Where a classification writes its reason; buf may be NULL (size 0). */
typedef struct {
	char *buf;
	size_t size;
} message;

/*
 * Writes one message.  The values quoted in it come from the manifest and
 * may be long, so the text can be cut at the buffer's end; finish() then
 * drops a UTF-8 sequence cut in half, so that the message stays valid
 * UTF-8 for JSON output.
 */
#define SAY(m, ...) \
	finish((m), snprintf((m)->buf, (m)->size, __VA_ARGS__))

/* The accepted forms, for messages about identifiers that fit none. */
#define ACCEPTED_FORMS \
	"the accepted forms are a VAT fapiao (10- or 12-digit code, " \
	"8-digit number), a fully digitalized VAT fapiao (20-digit number, " \
	"no code) and a fiscal medical receipt (8-digit code, 10-digit number)"

static int finish(const message *m, int written)
{
	if (written < 0 || m->size == 0 || (size_t)written < m->size)
		return -1;
	m->buf[cp__utf8_cut(m->buf, m->size - 1)] = '\0';
	return -1;
}

static bool given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static bool all_digits(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool all_hex(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
		    (*s >= 'A' && *s <= 'F')))
			return false;
	return true;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* Reports a value that holds something other than digits. */
static int check_digits(const message *m, const char *what, const char *value)
{
	if (all_digits(value))
		return 0;
	return SAY(m, "%s \"%s\" contains a character that is not a digit",
	    what, value);
}

/* A VAT fapiao with a code: 10 or 12 digits, number 8, check code 20. */
static int check_vat_paper(const message *m, const char *code,
    const char *number, const char *check)
{
	size_t n;

	if (check_digits(m, "invoice code", code) < 0 ||
	    check_digits(m, "invoice number", number) < 0)
		return -1;
	if (strlen(number) == 20)
		return SAY(m, "invoice number \"%s\" has 20 digits, the form of a "
		    "fully digitalized VAT fapiao (数电票), which has no invoice "
		    "code, but invoice code \"%s\" was given", number, code);
	n = strlen(code);
	if (n != 10 && n != 12)
		return SAY(m, "invoice code \"%s\" has %zu digit%s; a VAT fapiao "
		    "code has 10 or 12 digits", code, n, plural(n));
	n = strlen(number);
	if (n != 8)
		return SAY(m, "invoice number \"%s\" has %zu digit%s; a VAT "
		    "fapiao number has 8 digits", number, n, plural(n));
	if (given(check)) {
		if (check_digits(m, "check code", check) < 0)
			return -1;
		n = strlen(check);
		if (n != 20)
			return SAY(m, "check code \"%s\" has %zu digit%s; a VAT "
			    "fapiao check code has 20 digits", check, n,
			    plural(n));
	}
	return 0;
}

/* A fully digitalized VAT fapiao: a 20-digit number alone. */
static int check_vat_digital(const message *m, const char *number,
    const char *check)
{
	size_t n;

	if (check_digits(m, "invoice number", number) < 0)
		return -1;
	n = strlen(number);
	if (n == 8)
		return SAY(m, "invoice number \"%s\" has 8 digits but no invoice "
		    "code was given; a VAT fapiao with an 8-digit number also "
		    "has a 10- or 12-digit code", number);
	if (n != 20)
		return SAY(m, "invoice number \"%s\" has %zu digit%s; a VAT "
		    "fapiao number has 8 digits (with a code) or 20 digits "
		    "(fully digitalized, without a code)", number, n, plural(n));
	if (given(check))
		return SAY(m, "a fully digitalized VAT fapiao (数电票) has no check "
		    "code, but check code \"%s\" was given", check);
	return 0;
}

/* A fiscal medical receipt: code 8 digits, number 10, check 6 hex. */
static int check_fiscal(const message *m, const char *code,
    const char *number, const char *check)
{
	size_t n;

	if (!given(code))
		return SAY(m, "no invoice code was given; a fiscal medical "
		    "receipt has an 8-digit code");
	if (check_digits(m, "invoice code", code) < 0 ||
	    check_digits(m, "invoice number", number) < 0)
		return -1;
	n = strlen(code);
	if (n != 8)
		return SAY(m, "invoice code \"%s\" has %zu digit%s; a fiscal "
		    "medical receipt code has 8 digits", code, n, plural(n));
	n = strlen(number);
	if (n != 10)
		return SAY(m, "invoice number \"%s\" has %zu digit%s; a fiscal "
		    "medical receipt number has 10 digits", number, n,
		    plural(n));
	if (given(check)) {
		if (!all_hex(check))
			return SAY(m, "check code \"%s\" contains a character "
			    "that is not a hexadecimal digit", check);
		n = strlen(check);
		if (n != 6)
			return SAY(m, "check code \"%s\" has %zu character%s; a "
			    "fiscal medical receipt check code has 6 "
			    "hexadecimal characters", check, n, plural(n));
	}
	return 0;
}

/*
 * Picks the kind whose rules the identifiers are checked against, when
 * the manifest did not say: the kind their lengths fit or, for near
 * misses of the VAT layouts (an 8-digit number without a code, a 20-digit
 * number with one), the VAT layout whose own message says what is wrong.
 * Reports identifiers that come near no kind, listing the accepted forms.
 */
static int infer(const message *m, cp__invoice_kind *kind, const char *code,
    const char *number)
{
	size_t nn;

	if ((given(code) && check_digits(m, "invoice code", code) < 0) ||
	    check_digits(m, "invoice number", number) < 0)
		return -1;
	nn = strlen(number);
	if (!given(code)) {
		if (nn == 20 || nn == 8) {
			*kind = CP__INVOICE_VAT_DIGITAL;
			return 0;
		}
		return SAY(m, "invoice number \"%s\" (%zu digit%s) without an "
		    "invoice code fits no known kind of invoice; "
		    ACCEPTED_FORMS, number, nn, plural(nn));
	}

	size_t nc = strlen(code);

	if (nn == 20) {
		*kind = CP__INVOICE_VAT_DIGITAL;
		return 0;
	}
	if ((nc == 10 || nc == 12) && nn == 8) {
		*kind = CP__INVOICE_VAT;
		return 0;
	}
	if (nc == 8 && nn == 10) {
		*kind = CP__INVOICE_FISCAL;
		return 0;
	}
	return SAY(m, "invoice code \"%s\" (%zu digit%s) with invoice number "
	    "\"%s\" (%zu digit%s) fits no known kind of invoice; "
	    ACCEPTED_FORMS, code, nc, plural(nc), number, nn, plural(nn));
}

int cp__invoice_id_classify(cp__invoice_kind *out_kind,
    cp__invoice_kind declared, const char *code, const char *number,
    const char *check_code, char *why, size_t why_size)
{
	message m = { why, why == NULL ? 0 : why_size };
	cp__invoice_kind kind = declared;
	int rc;

	if (m.size > 0)
		m.buf[0] = '\0';
	if (!given(number))
		return SAY(&m, "no invoice number was given");

	if (kind == CP__INVOICE_UNKNOWN && infer(&m, &kind, code, number) < 0)
		return -1;

	switch (kind) {
	case CP__INVOICE_VAT:
		/* "vat" covers both layouts; the code tells them apart. */
		if (given(code)) {
			rc = check_vat_paper(&m, code, number, check_code);
		} else {
			rc = check_vat_digital(&m, number, check_code);
			kind = CP__INVOICE_VAT_DIGITAL;
		}
		break;
	case CP__INVOICE_VAT_DIGITAL:
		if (given(code))
			rc = SAY(&m, "a fully digitalized VAT fapiao (数电票) has "
			    "no invoice code, but invoice code \"%s\" was given",
			    code);
		else
			rc = check_vat_digital(&m, number, check_code);
		break;
	case CP__INVOICE_FISCAL:
		rc = check_fiscal(&m, code, number, check_code);
		break;
	case CP__INVOICE_UNKNOWN:
	default:
		rc = SAY(&m, "the kind of invoice is not known");
		break;
	}
	if (rc < 0)
		return -1;
	*out_kind = kind;
	return 0;
}
