/* invoices.c - fapiao identifiers are well formed and unique, and
 * agree with the paper's QR code: invoice-format, invoice-duplicate,
 * invoice-missing, invoice-qr-mismatch, invoice-qr-amount-unchecked,
 * invoice-qr-unreadable. */
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

/* The standard VAT rates, in percent; 0 for a tax-free invoice. */
static const int vat_rates[] = { 0, 1, 3, 5, 6, 9, 13 };

/*
 * How far (fen) a total may be from the amount before tax plus VAT at a
 * rate: a multi-line invoice rounds the tax of each line to the fen, so
 * its total can be a few fen from before * (1 + rate).  Five fen covers
 * ten lines that all round the same way, and far more in practice.
 */
#define TAX_ROUNDING 5

typedef enum {
	FITS_A_RATE,        /* total = before + VAT at a standard rate */
	ABOVE_TOTAL,        /* the amount before tax is more than the total */
	FITS_NO_RATE        /* below the total, but at no standard rate */
} before_tax_fit;

/*
 * How the amount before tax `before` (fen) from a QR code sits with the
 * manifest's `total`.  Tax-free is exact; at a rate r the tax
 * total - before is before * r / 100 within TAX_ROUNDING fen, that is
 * |(total - before) * 100 - before * r| <= TAX_ROUNDING * 100 in
 * integers.  Both amounts are at most CP__AMOUNT_MAX (10^13): the
 * products stay far from overflowing.
 */
static before_tax_fit
before_tax_fits(int64_t before, int64_t total)
{
	int64_t diff;
	size_t i;

	if (before > total)
		return ABOVE_TOTAL;
	for (i = 0; i < sizeof(vat_rates) / sizeof(vat_rates[0]); i++) {
		if (vat_rates[i] == 0) {
			if (before == total)
				return FITS_A_RATE;
			continue;
		}
		diff = (total - before) * 100 - before * vat_rates[i];
		if (diff < 0)
			diff = -diff;
		if (diff <= TAX_ROUNDING * 100)
			return FITS_A_RATE;
	}
	return FITS_NO_RATE;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* True when `text` is a URL (after spaces), as cp__qr_parse takes it. */
static bool
is_url(const char *text)
{
	static const char *const schemes[] = { "http://", "https://" };
	size_t i, k;

	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		for (k = 0; schemes[i][k] != '\0'; k++)
			if (lower(text[k]) != schemes[i][k])
				break;
		if (schemes[i][k] == '\0')
			return true;
	}
	return false;
}

static bool
same_nocase(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (lower(*a) != lower(*b))
			return false;
	return *a == *b;
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
 * Compares the QR code's amount with the manifest's, as far as the
 * layout says which amount the QR holds.
 */
static int
check_qr_amount(cp_report *report, size_t d, const cp__document *doc,
    const cp__qr_fields *qr, const char *note)
{
	char a[32], b[32];

	if (!qr->has_amount || !doc->has_amount)
		return CP_OK;
	cp__amount_format(a, sizeof(a), qr->amount);
	cp__amount_format(b, sizeof(b), doc->amount);
	switch (qr->amount_is) {
	case CP__QR_AMOUNT_TOTAL:
		if (qr->amount == doc->amount)
			return CP_OK;
		return cp__report_add(report, d, "invoice-qr-mismatch",
		    doc->id, cp__document_file(doc), "fapiao %s: the QR code's "
		    "amount is %s (the total, tax included) but the manifest's "
		    "amount is %s%s; correct the manifest from the paper, or "
		    "scan the QR code again if its text was copied wrong",
		    doc->id, a, b, note);
	case CP__QR_AMOUNT_BEFORE_TAX:
		switch (before_tax_fits(qr->amount, doc->amount)) {
		case FITS_A_RATE:
			return CP_OK;
		case ABOVE_TOTAL:
			return cp__report_add(report, d, "invoice-qr-mismatch",
			    doc->id, cp__document_file(doc), "fapiao %s: the QR "
			    "code holds the amount before tax, %s (a type %s VAT "
			    "QR code does), which is more than the manifest's "
			    "amount %s (the total, tax included); correct the "
			    "manifest from the paper, or scan the QR code again "
			    "if its text was copied wrong", doc->id, a, qr->type,
			    b);
		case FITS_NO_RATE:
		default:
			/*
			 * A notice, not an error: a margin-taxed invoice (差额征
			 * 税) is genuine and carries such an amount, so there is
			 * nothing to correct; but not silence either, since a
			 * mistyped total lands here too, and the person should
			 * compare it with the paper.
			 */
			return cp__report_add(report, d,
			    "invoice-qr-amount-unchecked", doc->id,
			    cp__document_file(doc), "fapiao %s: the QR code "
			    "holds the amount before tax, %s, and the manifest's "
			    "amount %s is not that plus VAT at 0%%, 1%%, 3%%, 5%%, "
			    "6%%, 9%% or 13%%; a margin-taxed invoice (差额征税) "
			    "carries such an amount, so the total was not "
			    "compared: check it against 价税合计（小写） on the "
			    "paper", doc->id, a, b);
		}
	case CP__QR_AMOUNT_UNSURE:
	default:
		/* A type whose amount is not known: nothing to compare. */
		return CP_OK;
	}
}

/*
 * Compares the fields of the paper's QR code (invoice.qr) with the
 * manifest's: code, number, check code, issue date and amount.  A
 * fiscal receipt's URL holds them in its d= parameter; any other URL
 * holds no fields to compare; a text of no known layout is a warning.
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
		/* The receipt URL is the layout of real receipts; the
		 * comma-separated one was never seen on a paper. */
		if (!is_url(inv->qr))
			note = " (claimpack reads a fiscal receipt's QR code as "
			    "CZ-EI-..,code,number,check code,date,amount, a "
			    "layout that is not confirmed)";
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
	/* Fiscal check codes are hexadecimal, in either case. */
	if (qr.check[0] != '\0' && inv->check_code != NULL &&
	    inv->check_code[0] != '\0' &&
	    !same_nocase(qr.check, inv->check_code) &&
	    (rc = qr_mismatch(report, d, doc, "check code",
	    "invoice.check_code", qr.check, inv->check_code, note)) != CP_OK)
		return rc;
	if (qr.has_date && doc->has_date && qr.date != doc->date &&
	    (rc = qr_mismatch(report, d, doc, "issue date", "date",
	    cp__date_format(a, sizeof(a), qr.date),
	    cp__date_format(b, sizeof(b), doc->date), note)) != CP_OK)
		return rc;
	return check_qr_amount(report, d, doc, &qr, note);
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
