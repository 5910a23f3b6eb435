/* invoices.c - fapiao identifiers are well formed and unique, and
 * agree with the paper's QR code: invoice-format, invoice-duplicate,
 * invoice-missing, invoice-qr-mismatch, invoice-qr-unreadable. */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "manifest/amount.h"
#include "manifest/date.h"
#include "manifest/doctype.h"
#include "manifest/invoice_id.h"
#include "manifest/invoice_qr.h"
#include "util/utf8.h"

static int
check_format(cp_report *report, const cp_claim *claim, size_t d,
    bool *usable)
{
	const cp__document *doc = &claim->documents[d];
	const cp__invoice *inv = &doc->invoice;
	const char *file = cp__document_file(doc);
	cp__invoice_kind kind;
	char why[512];

	*usable = false;
	if (!inv->present || (inv->code == NULL && inv->number == NULL))
		return cp__report_add(report, d, "invoice-missing",
		    doc->id, file, "fapiao %s has no "
		    "invoice code or number; add invoice: {code: ..., number: "
		    "...} from the paper so the reviewer can verify it",
		    doc->id);
	if (inv->number == NULL)
		return cp__report_add(report, d, "invoice-format",
		    doc->id, file, "fapiao %s has an invoice "
		    "code \"%s\" but no number; add invoice.number (发票号码 "
		    "or 票据号码) from the paper", doc->id, inv->code);
	if (cp__invoice_id_classify(&kind, inv->declared, inv->code,
	    inv->number, inv->check_code, why, sizeof(why)) != 0)
		return cp__report_add(report, d, "invoice-format",
		    doc->id, file, "fapiao %s: %s; copy the "
		    "identifiers again from the paper", doc->id, why);
	*usable = true;
	if (kind == CP__INVOICE_FISCAL && inv->check_code == NULL)
		return cp__report_add(report, d, "invoice-missing",
		    doc->id, file, "fiscal receipt %s has "
		    "no check code (校验码, 6 characters); the Ministry of "
		    "Finance's verification asks for it: add "
		    "invoice.check_code", doc->id);
	return CP_OK;
}

/* The standard VAT rates, in percent.  Whether a VAT QR code holds the
 * amount before or after tax is not confirmed, so both are accepted. */
static const int vat_rates[] = { 1, 3, 5, 6, 9, 13 };

/*
 * True when the QR's amount `qr` (fen) agrees with the manifest's `total`:
 * equal, or, for a VAT fapiao, `total` without VAT at a standard rate r,
 * rounded to the fen.  qr = total / (1 + r/100) within rounding is
 * |total * 100 - qr * (100 + r)| <= (100 + r) / 2, in integers.  Both
 * are at most CP__AMOUNT_MAX (10^13), far from overflowing.
 */
static bool
amount_agrees(int64_t qr, int64_t total, bool vat)
{
	size_t i;
	int64_t r, diff;

	if (qr == total)
		return true;
	if (!vat)
		return false;
	for (i = 0; i < sizeof(vat_rates) / sizeof(vat_rates[0]); i++) {
		r = vat_rates[i];
		diff = total * 100 - qr * (100 + r);
		if (diff < 0)
			diff = -diff;
		if (2 * diff <= 100 + r)
			return true;
	}
	return false;
}

/*
 * Quotes at most 60 bytes of a QR text for a message, without the spaces
 * around it: control characters become spaces, and a cut never splits a
 * UTF-8 sequence.  Returns the length written (0 for a blank text).
 */
static size_t
excerpt(char *buf, size_t size, const char *text)
{
	const size_t max = 60;
	size_t n = 0, i, cut;

	while (text[0] == ' ' || text[0] == '\t' || text[0] == '\n' ||
	    text[0] == '\r')
		text++;
	while (n <= max && text[n] != '\0')
		n++;
	cut = n > max ? max : n;
	if (cut < n)
		cut = cp__utf8_cut(text, cut);
	if (cut + sizeof("...") > size)     /* a buffer too small */
		cut = 0;
	for (i = 0; i < cut; i++)
		buf[i] = (unsigned char)text[i] < 0x20 || text[i] == 0x7f ?
		    ' ' : text[i];
	while (i > 0 && buf[i - 1] == ' ')
		i--;
	if (cut < n) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return i;
}

/* One finding for a field on which the QR and the manifest disagree. */
static int
qr_mismatch(cp_report *report, size_t d, const cp__document *doc,
    const char *field, const char *key, const char *qr_value,
    const char *manifest_value, const char *note)
{
	return cp__report_add(report, d, "invoice-qr-mismatch",
	    doc->id, cp__document_file(doc), "fapiao %s: "
	    "the QR code's %s is %s but the manifest's %s is %s%s; correct "
	    "the manifest from the paper, or scan the QR code again if its "
	    "text was copied wrong", doc->id, field, qr_value, key,
	    manifest_value, note);
}

/*
 * Compares the fields of the paper's QR code (invoice.qr) with the
 * manifest's.  A URL holds no fields to compare; a text of no known
 * layout is a warning.
 */
static int
check_qr(cp_report *report, const cp_claim *claim, size_t d)
{
	const cp__document *doc = &claim->documents[d];
	const cp__invoice *inv = &doc->invoice;
	const char *note = "";
	cp__qr_fields qr;
	char a[32], b[32], quoted[64];
	int rc;

	switch (cp__qr_parse(&qr, inv->qr)) {
	case CP__QR_URL:
		return CP_OK;
	case CP__QR_UNKNOWN:
		/* An empty qr: counts as not given. */
		if (excerpt(quoted, sizeof(quoted), inv->qr) == 0)
			return CP_OK;
		return cp__report_add(report, d, "invoice-qr-unreadable",
		    doc->id, cp__document_file(doc),
		    "fapiao %s: the QR text \"%s\" in invoice.qr is not a "
		    "fapiao QR layout claimpack knows; check it was copied "
		    "whole", doc->id, quoted);
	case CP__QR_FISCAL:
		note = " (claimpack reads a fiscal receipt's QR code as "
		    "CZ-EI-..,code,number,check code,date,amount, a layout "
		    "that is not confirmed)";
		break;
	case CP__QR_VAT:
	default:
		break;
	}
	if (qr.code[0] != '\0' && inv->code != NULL && inv->code[0] != '\0' &&
	    strcmp(qr.code, inv->code) != 0 &&
	    (rc = qr_mismatch(report, d, doc, "invoice code", "invoice.code",
	    qr.code, inv->code, note)) != CP_OK)
		return rc;
	if (qr.number[0] != '\0' && inv->number != NULL &&
	    inv->number[0] != '\0' && strcmp(qr.number, inv->number) != 0 &&
	    (rc = qr_mismatch(report, d, doc, "invoice number",
	    "invoice.number", qr.number, inv->number, note)) != CP_OK)
		return rc;
	if (qr.has_date && doc->has_date && qr.date != doc->date &&
	    (rc = qr_mismatch(report, d, doc, "issue date", "date",
	    cp__date_format(a, sizeof(a), qr.date),
	    cp__date_format(b, sizeof(b), doc->date), note)) != CP_OK)
		return rc;
	if (qr.has_amount && doc->has_amount &&
	    !amount_agrees(qr.amount, doc->amount, qr.layout == CP__QR_VAT))
		return cp__report_add(report, d, "invoice-qr-mismatch",
		    doc->id, cp__document_file(doc),
		    "fapiao %s: the QR code's amount is %s but the manifest's "
		    "amount is %s%s%s; correct the manifest from the paper, or "
		    "scan the QR code again if its text was copied wrong",
		    doc->id, cp__amount_format(a, sizeof(a), qr.amount),
		    cp__amount_format(b, sizeof(b), doc->amount),
		    qr.layout == CP__QR_VAT ? ", and not that amount without "
		    "VAT at 1%, 3%, 5%, 6%, 9% or 13% either" : "", note);
	return CP_OK;
}

/* An invoice's identity: code ("" for fully digitalized) and number. */
typedef struct {
	const char *code;
	const char *number;
	size_t doc;
} invoice_key;

static int
by_identifiers(const void *a, const void *b)
{
	const invoice_key *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	if (c == 0)
		c = strcmp(x->number, y->number);
	if (c == 0)
		c = x->doc < y->doc ? -1 : x->doc > y->doc;
	return c;
}

int
cp__check_invoices(cp_report *report, const cp_claim *claim)
{
	const cp__document *doc, *first;
	invoice_key *keys;
	size_t n = 0, i, j;
	bool ok;
	int rc = CP_OK;

	if ((keys = calloc(claim->ndocuments + 1, sizeof(*keys))) == NULL)
		return CP_ENOMEM;
	for (i = 0; i < claim->ndocuments; i++) {
		doc = &claim->documents[i];
		if (doc->type != CP__DT_FAPIAO)
			continue;
		if ((rc = check_format(report, claim, i, &ok)) != CP_OK)
			goto done;
		if (doc->invoice.qr != NULL &&
		    (rc = check_qr(report, claim, i)) != CP_OK)
			goto done;
		if (!ok)
			continue;
		keys[n].code = doc->invoice.code ? doc->invoice.code : "";
		keys[n].number = doc->invoice.number;
		keys[n].doc = i;
		n++;
	}
	/* Sorting makes duplicates neighbours: n log n for any claim. */
	qsort(keys, n, sizeof(*keys), by_identifiers);
	for (i = 0; i < n; i = j) {
		first = &claim->documents[keys[i].doc];
		for (j = i + 1; j < n; j++) {
			if (strcmp(keys[i].code, keys[j].code) != 0 ||
			    strcmp(keys[i].number, keys[j].number) != 0)
				break;
			doc = &claim->documents[keys[j].doc];
			if ((rc = cp__report_add(report, keys[j].doc,
			    "invoice-duplicate", doc->id,
			    cp__document_file(doc), "fapiao %s has the same "
			    "invoice %s%s%s as fapiao %s; the same receipt must "
			    "not be claimed twice: remove one, or correct the "
			    "number", doc->id, keys[j].code,
			    keys[j].code[0] ? " / " : "", keys[j].number,
			    first->id)) != CP_OK)
				goto done;
		}
	}
done:
	free(keys);
	return rc;
}
