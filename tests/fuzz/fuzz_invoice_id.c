/*
 * fuzz_invoice_id.c - cp__invoice_id_classify with every declared kind.
 *
 * Input: one byte that sizes the message buffer (0: no buffer), one
 * byte whose low bits say whether an absent code or check code is
 * passed as NULL or as "", then the code, number and check code split
 * at newlines (fields beyond the input are absent; the number is ""
 * then).  For each declared kind the result is compared with the rules
 * of invoice_id.h, written here independently, and:
 * - on success *out_kind is the kind those rules give;
 * - on failure *out_kind is left alone, and the message is NUL-
 *   terminated inside its buffer (which is allocated to its exact size,
 *   so that AddressSanitizer sees a write past it), non-empty when there
 *   is room, and valid UTF-8 (also when cut short) whenever the values
 *   are.
 */
#include "manifest/invoice_id.h"
#include "fuzz.h"

#define SENTINEL ((cp__invoice_kind)77)

static bool
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static bool
digits(const char *s, size_t want)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return i == want;
}

static bool
hex6(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return i == 6;
}

/* The kind the rules accept for `declared`, or UNKNOWN when they
 * accept none. */
static cp__invoice_kind
expected(cp__invoice_kind declared, const char *code, const char *number,
    const char *check)
{
	bool paper = given(code) && (digits(code, 10) || digits(code, 12)) &&
	    digits(number, 8) && (!given(check) || digits(check, 20));
	bool digital = !given(code) && digits(number, 20) && !given(check);
	bool fiscal = given(code) && digits(code, 8) && digits(number, 10) &&
	    (!given(check) || hex6(check));

	switch (declared) {
	case CP__INVOICE_VAT:
		return paper ? CP__INVOICE_VAT : digital ?
		    CP__INVOICE_VAT_DIGITAL : CP__INVOICE_UNKNOWN;
	case CP__INVOICE_VAT_DIGITAL:
		return digital ? CP__INVOICE_VAT_DIGITAL : CP__INVOICE_UNKNOWN;
	case CP__INVOICE_FISCAL:
		return fiscal ? CP__INVOICE_FISCAL : CP__INVOICE_UNKNOWN;
	case CP__INVOICE_UNKNOWN:
	default:
		return paper ? CP__INVOICE_VAT : digital ?
		    CP__INVOICE_VAT_DIGITAL : fiscal ? CP__INVOICE_FISCAL :
		    CP__INVOICE_UNKNOWN;
	}
}

static void
check_one(cp__invoice_kind declared, const char *code, const char *number,
    const char *check, size_t why_size)
{
	cp__invoice_kind kind = SENTINEL;
	cp__invoice_kind want = expected(declared, code, number, check);
	char *why = why_size > 0 ? malloc(why_size) : NULL;
	int rc;

	if (why_size > 0 && why == NULL)
		return;
	if (why != NULL)
		memset(why, 'x', why_size);
	rc = cp__invoice_id_classify(&kind, declared, code, number, check,
	    why, why_size);
	FZ_ASSERT(rc == 0 || rc == -1);
	if (rc == 0) {
		FZ_ASSERT(want != CP__INVOICE_UNKNOWN && kind == want);
	} else {
		FZ_ASSERT(want == CP__INVOICE_UNKNOWN && kind == SENTINEL);
		if (why != NULL) {
			size_t n;
			bool values_ok =
			    (code == NULL || fz_utf8_valid(code, strlen(code))) &&
			    fz_utf8_valid(number, strlen(number)) &&
			    (check == NULL ||
			    fz_utf8_valid(check, strlen(check)));

			FZ_ASSERT(memchr(why, '\0', why_size) != NULL);
			n = strlen(why);
			FZ_ASSERT(why_size < 2 || n > 0);
			if (values_ok)
				FZ_ASSERT(fz_utf8_valid(why, n));
		}
	}
	/* The same call without a buffer gives the same answer. */
	if (why != NULL) {
		cp__invoice_kind k2 = SENTINEL;

		FZ_ASSERT(cp__invoice_id_classify(&k2, declared, code, number,
		    check, NULL, 0) == rc);
		FZ_ASSERT(k2 == kind);
	}
	free(why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const cp__invoice_kind kinds[] = {
		CP__INVOICE_UNKNOWN, CP__INVOICE_VAT, CP__INVOICE_VAT_DIGITAL,
		CP__INVOICE_FISCAL
	};
	char *text, *field[3] = { NULL, NULL, NULL }, *p;
	size_t why_size, i, k;
	unsigned flags;

	if (size < 2 || size > FZ_MAX_INPUT)
		return 0;
	why_size = data[0];
	flags = data[1];
	if ((text = fz_text(data + 2, size - 2)) == NULL)
		return 0;
	/* Up to three fields, split at newlines; the third keeps any
	 * further newline. */
	p = text;
	for (i = 0; i < 3 && p != NULL; i++) {
		field[i] = p;
		if (i < 2 && (p = strchr(p, '\n')) != NULL)
			*p++ = '\0';
	}
	if (field[0] == NULL || (field[0][0] == '\0' && (flags & 1)))
		field[0] = NULL;
	if (field[1] == NULL)
		field[1] = "";
	if (field[2] != NULL && field[2][0] == '\0' && (flags & 2))
		field[2] = NULL;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		check_one(kinds[k], field[0], field[1], field[2], why_size);
	free(text);
	return 0;
}
