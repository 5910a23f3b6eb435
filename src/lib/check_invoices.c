/* check_invoices.c - fapiao identifiers are well formed and unique:
 * invoice-format, invoice-duplicate, invoice-missing. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doctype.h"
#include "invoice_id.h"

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
		    CP_SEVERITY_WARNING, doc->id, file, "fapiao %s has no "
		    "invoice code or number; add invoice: {code: ..., number: "
		    "...} from the paper so the reviewer can verify it",
		    doc->id);
	if (inv->number == NULL)
		return cp__report_add(report, d, "invoice-format",
		    CP_SEVERITY_ERROR, doc->id, file, "fapiao %s has an invoice "
		    "code \"%s\" but no number; add invoice.number (发票号码 "
		    "or 票据号码) from the paper", doc->id, inv->code);
	if (cp__invoice_id_classify(&kind, inv->declared, inv->code,
	    inv->number, inv->check_code, why, sizeof(why)) != 0)
		return cp__report_add(report, d, "invoice-format",
		    CP_SEVERITY_ERROR, doc->id, file, "fapiao %s: %s; copy the "
		    "identifiers again from the paper", doc->id, why);
	*usable = true;
	if (kind == CP__INVOICE_FISCAL && inv->check_code == NULL)
		return cp__report_add(report, d, "invoice-missing",
		    CP_SEVERITY_WARNING, doc->id, file, "fiscal receipt %s has "
		    "no check code (校验码, 6 characters); the Ministry of "
		    "Finance's verification asks for it: add "
		    "invoice.check_code", doc->id);
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
			    "invoice-duplicate", CP_SEVERITY_ERROR, doc->id,
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
