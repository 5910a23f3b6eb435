/* einvoice_xml.c - facts from e-invoice XML: the 2019 VAT e-invoice
 * (root eInvoice, as attached to OFDs) and the fully digitalized one
 * (root EInvoice). */
#include "read/readers.h"

#include <stdbool.h>
#include <stdlib.h>

#include "read/einvoice_int.h"
#include "read/xml_int.h"

/* Collects into `r` the text of the first element of each field's
 * names.  Matching by local name anywhere in the tree reads both
 * layouts, with or without namespaces, whatever nests the fields.
 * Returns 0, or -1 when out of memory. */
static int
collect(cp__ei_record *r, const xmlNode *root)
{
	const xmlNode *n;
	cp__ei_field f;
	char *text;
	int rc;

	for (n = root; n != NULL; n = cp__xml_walk(root, n)) {
		f = cp__ei_field_by_name(cp__xml_local(n));
		if (f == CP__EI_FIELDS || (r->text[f] != NULL &&
		    r->text[f][0] != '\0'))
			continue;
		if ((text = cp__xml_text(n)) == NULL)
			return -1;
		rc = cp__ei_record_set(r, f, text, 0);
		free(text);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
cp__einvoice_xml_take(cp__paper_facts *paper, const char *xml, size_t len,
    const char **why)
{
	cp__ei_record r = { { NULL }, { 0 } };
	xmlDoc *doc;
	size_t links_before;
	bool qr_before;
	int rc;

	*why = NULL;
	if ((rc = cp__xml_parse(&doc, xml, len, why)) != 0)
		return rc;
	rc = collect(&r, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	qr_before = paper->invoice.qr.text != NULL;
	links_before = paper->nlinks;
	if (rc == 0)
		rc = cp__ei_record_apply(paper, &r, CP__FROM_XML);
	cp__ei_record_clear(&r);
	if (rc < 0)
		return -1;
	/* a GraphCode alone is something read when it gave a QR text */
	if (rc == 0 && (qr_before || paper->invoice.qr.text == NULL) &&
	    paper->nlinks == links_before) {
		*why = "is XML but holds no e-invoice fields (no invoice "
		    "number, issue date or amount)";
		return 1;
	}
	return 0;
}

int
cp__read_einvoice_xml(cp__paper_facts *paper, const char *xml, size_t len)
{
	const char *why;
	int rc;

	paper->format = "xml";
	rc = cp__einvoice_xml_take(paper, xml, len, &why);
	if (rc == 1)
		return cp__paper_problem(paper, "%s", why);
	return rc;
}
