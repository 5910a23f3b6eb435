/*
 * fuzz_qr.c - cp__qr_parse and cp__invoice_help_make.
 *
 * The input is the text read from a QR code (up to its first NUL).
 * Checked against invoice_qr.h:
 * - every field is NUL-terminated inside its array; type, code, number
 *   and check hold letters and digits only; absent ones are "";
 * - VAT and FISCAL texts have a number (of digits, for VAT); a VAT check
 *   field has more than 4 digits; an amount is one cp__amount_parse accepts; a date is in
 *   1900..2999; a URL starts with http:// or https://;
 * - UNKNOWN leaves the whole struct zero;
 * - cp__invoice_help_make on a fapiao holding those fields (and the text
 *   as its invoice.qr, or as the QR read off its paper) fills every
 *   string, and frees cleanly;
 * - its QR text is one it was given, never one composed from the
 *   fields: none without invoice.qr, verify_url or a read QR, and the
 *   read QR's text (without the spaces around it) when there is one.
 */
#include "manifest/amount.h"
#include "manifest/invoice_qr.h"
#include "fuzz.h"

static bool
terminated(const char *field, size_t size)
{
	return memchr(field, '\0', size) != NULL;
}

static bool
alnum_only(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

static bool
all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static bool
prefix_nocase(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;

		if (c != *prefix)
			return false;
	}
	return true;
}

static void
check_fields(const cp__qr_fields *f, cp__qr_layout layout)
{
	int y, m, d;

	FZ_ASSERT(f->layout == layout);
	if (layout == CP__QR_UNKNOWN) {
		FZ_ASSERT(all_zero(f, sizeof(*f)));
		return;
	}
	FZ_ASSERT(terminated(f->type, sizeof(f->type)));
	FZ_ASSERT(terminated(f->code, sizeof(f->code)));
	FZ_ASSERT(terminated(f->number, sizeof(f->number)));
	FZ_ASSERT(terminated(f->check, sizeof(f->check)));
	FZ_ASSERT(terminated(f->url, sizeof(f->url)));
	FZ_ASSERT(alnum_only(f->type) && alnum_only(f->code) &&
	    alnum_only(f->number) && alnum_only(f->check));
	if (layout == CP__QR_URL) {
		FZ_ASSERT(f->url[0] == '\0' || prefix_nocase(f->url, "http://") ||
		    prefix_nocase(f->url, "https://"));
		return;
	}
	FZ_ASSERT(layout == CP__QR_VAT || layout == CP__QR_FISCAL);
	FZ_ASSERT(f->number[0] != '\0');
	if (layout == CP__QR_VAT)
		FZ_ASSERT(strspn(f->number, "0123456789") == strlen(f->number));
	if (layout == CP__QR_VAT && f->check[0] != '\0')
		FZ_ASSERT(strlen(f->check) > 4);
	if (f->has_amount)
		FZ_ASSERT(f->amount >= 0 && f->amount <= CP__AMOUNT_MAX);
	else
		FZ_ASSERT(f->amount == 0);
	if (f->has_date) {
		cp__date_to_ymd(f->date, &y, &m, &d);
		FZ_ASSERT(y >= 1900 && y <= 2999);
	}
}

/* A fapiao document holding the fields of `f`. */
static void
make_doc(cp__document *doc, cp__qr_fields *f, char *qr,
    cp__invoice_kind declared)
{
	memset(doc, 0, sizeof(*doc));
	doc->id = "d1";
	doc->has_amount = f->has_amount;
	doc->amount = f->amount;
	doc->has_date = f->has_date;
	doc->date = f->date;
	doc->invoice.present = true;
	doc->invoice.declared = declared;
	doc->invoice.code = f->code[0] != '\0' ? f->code : NULL;
	doc->invoice.number = f->number[0] != '\0' ? f->number : NULL;
	doc->invoice.check_code = f->check[0] != '\0' ? f->check : NULL;
	doc->invoice.type = f->type[0] != '\0' ? f->type : NULL;
	doc->invoice.qr = qr;
	doc->invoice.verify_url = f->url[0] != '\0' ? f->url : NULL;
}

/* `s` without the spaces around it equals `t`. */
static bool
same_trimmed(const char *s, const char *t)
{
	size_t n;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || (s[n - 1] >= '\t' &&
	    s[n - 1] <= '\r')))
		n--;
	return strlen(t) == n && memcmp(s, t, n) == 0;
}

static void
check_help(cp__qr_fields *f, char *qr, const char *read_qr,
    cp__invoice_kind declared)
{
	cp__invoice_help help;
	cp__document doc;

	make_doc(&doc, f, qr, declared);
	if (cp__invoice_help_make(&help, &doc, read_qr) != 0)
		return;         /* out of memory */
	FZ_ASSERT(help.kind_en != NULL && help.kind_zh != NULL);
	FZ_ASSERT(help.platform_en != NULL && help.platform_zh != NULL &&
	    help.platform_url != NULL);
	FZ_ASSERT(help.fields != NULL);
	FZ_ASSERT(terminated(help.date, sizeof(help.date)));
	FZ_ASSERT(terminated(help.amount, sizeof(help.amount)));
	FZ_ASSERT(terminated(help.check6, sizeof(help.check6)));
	FZ_ASSERT(strlen(help.check6) <= 6);
	if (read_qr != NULL && !same_trimmed(read_qr, ""))
		FZ_ASSERT(help.qr != NULL && same_trimmed(read_qr, help.qr));
	if (read_qr == NULL && qr == NULL && doc.invoice.verify_url == NULL)
		FZ_ASSERT(help.qr == NULL);
	cp__invoice_help_clear(&help);
	cp__invoice_help_clear(NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp__invoice_kind declared;
	cp__qr_fields f;
	cp__qr_layout layout;
	char *text;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((text = fz_text(data, size)) == NULL)
		return 0;
	layout = cp__qr_parse(&f, text);
	check_fields(&f, layout);
	declared = size > 0 ? (cp__invoice_kind)(data[0] % 4) :
	    CP__INVOICE_UNKNOWN;
	check_help(&f, text, NULL, declared);
	check_help(&f, NULL, text, declared);
	check_help(&f, NULL, NULL, declared);
	FZ_ASSERT(cp__qr_parse(&f, NULL) == CP__QR_UNKNOWN);
	free(text);
	return 0;
}
