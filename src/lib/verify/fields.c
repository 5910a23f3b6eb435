/* fields.c - the fields of an invoice that verification checks, as the
 * service's URL and the fields hash spell them, and the hash itself
 * (cp_invoice_fields_sha256): a stored result whose hash is not the
 * invoice's now is stale. */
#include <stdio.h>
#include <string.h>

#include "manifest/amount.h"
#include "manifest/date.h"
#include "manifest/doctype.h"
#include "manifest/invoice_id.h"
#include "util/sha256.h"
#include "verify/verify_int.h"

/* The invoice kind as {kind} spells it; "unknown" when the identifiers
 * are missing or malformed (the check invoice-format says why). */
static const char *
kind_name(const cp__document *doc)
{
	cp__invoice_kind kind;

	if (!doc->invoice.present || doc->invoice.number == NULL ||
	    cp__invoice_id_classify(&kind, doc->invoice.declared,
	    doc->invoice.code, doc->invoice.number, doc->invoice.check_code,
	    NULL, 0) != 0)
		return "unknown";
	switch (kind) {
	case CP__INVOICE_VAT:
		return "vat";
	case CP__INVOICE_VAT_DIGITAL:
		return "vat-digital";
	case CP__INVOICE_FISCAL:
		return "fiscal";
	case CP__INVOICE_UNKNOWN:
		break;
	}
	return "unknown";
}

void
cp__vfields_make(cp__vfields *out, const cp__document *doc)
{
	const cp__invoice *inv = &doc->invoice;
	size_t len = inv->check_code != NULL ? strlen(inv->check_code) : 0;

	out->kind = kind_name(doc);
	out->code = inv->code != NULL ? inv->code : "";
	out->number = inv->number != NULL ? inv->number : "";
	out->date[0] = out->amount[0] = '\0';
	if (doc->has_date)
		cp__date_format(out->date, sizeof(out->date), doc->date);
	if (doc->has_amount)
		cp__amount_format(out->amount, sizeof(out->amount),
		    doc->amount);
	out->check_code = inv->check_code != NULL ? inv->check_code : "";
	snprintf(out->check6, sizeof(out->check6), "%s",
	    out->check_code + (len > 6 ? len - 6 : 0));
}

void
cp__vfields_encode(cp__strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char esc[3];

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			cp__strbuf_add(sb, (const char *)p, 1);
		} else {
			esc[0] = '%';
			esc[1] = hex[*p >> 4];
			esc[2] = hex[*p & 15];
			cp__strbuf_add(sb, esc, 3);
		}
	}
}

/* Appends "key=value\n", the value encoded as in the URL, so that no
 * value can contain '=' or a line end. */
static void
add_line(cp__strbuf *sb, const char *key, const char *value)
{
	cp__strbuf_puts(sb, key);
	cp__strbuf_add(sb, "=", 1);
	cp__vfields_encode(sb, value);
	cp__strbuf_add(sb, "\n", 1);
}

static const cp__document *
find_fapiao(const cp_claim *claim, const char *document)
{
	size_t i;

	if (claim == NULL || document == NULL)
		return NULL;
	for (i = 0; i < claim->ndocuments; i++)
		if (claim->documents[i].type == CP__DT_FAPIAO &&
		    strcmp(claim->documents[i].id, document) == 0)
			return &claim->documents[i];
	return NULL;
}

int
cp_invoice_fields_sha256(char hex[65], const cp_claim *claim,
    const char *document)
{
	const cp__document *doc = find_fapiao(claim, document);
	cp__strbuf sb = CP__STRBUF_INIT;
	cp__vfields f;

	hex[0] = '\0';
	if (doc == NULL)
		return CP_EINVAL;
	cp__vfields_make(&f, doc);
	cp__strbuf_puts(&sb, "claimpack-invoice-fields/1\n");
	add_line(&sb, "kind", f.kind);
	add_line(&sb, "code", f.code);
	add_line(&sb, "number", f.number);
	add_line(&sb, "date", f.date);
	add_line(&sb, "amount", f.amount);
	add_line(&sb, "check_code", f.check_code);
	if (sb.failed) {
		cp__strbuf_free(&sb);
		return CP_ENOMEM;
	}
	cp__sha256_hex(hex, sb.data, sb.len);
	cp__strbuf_free(&sb);
	return CP_OK;
}
