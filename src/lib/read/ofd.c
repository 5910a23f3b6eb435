/* ofd.c - facts from OFD e-invoices (GB/T 33190: a ZIP of XML).
 *
 * An OFD e-invoice says what it is in up to four places, read in this
 * order, the first value of a field staying: the invoice XML attached
 * to it (Doc_0/Attachs/original_invoice.xml, 2019-2023 VAT e-invoices),
 * the CustomData of OFD.xml (发票号码, 开票日期, 合计金额 ...), and the
 * CustomTag file, whose fields point at text objects of the page (the
 * only place fully digitalized invoices give buyer and seller); all
 * three are e-invoice data.  Then the text of page 1, and the QR code,
 * an image resource (PNG, or JBIG2 in older files).
 *
 * The package is opened through the OFD model (ofd_doc.h): OFD.xml,
 * Document.xml, the pages, templates and resources are read there, the
 * way the bundle reads them to draw the invoice. */
#include "read/readers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/einvoice_int.h"
#include "read/ofd_doc_int.h"
#include "read/read.h"
#include "read/xml_int.h"
#include "util/strbuf.h"

/* Attachments and CustomTag files read. */
#define MAX_ATTACHMENTS 8
#define MAX_TAG_FILES 4
/* Object references followed per CustomTag field, and in all: each
 * walks a page's objects, and a CustomTag file may repeat its fields
 * any number of times. */
#define MAX_REFS 8
#define MAX_LOOKUPS 64

typedef struct {
	cp__paper_facts *paper;
	cp__ofd_doc *doc;                       /* the package, opened */
	unsigned flags;
	cp__ei_record custom;                   /* OFD.xml's CustomData */
	size_t lookups;                         /* object references followed */
	char why[256];
} reader;

/* ---- reading XML files of the package ---------------------------------- */

/* Reads and parses the XML file `path` of the package; 1 with r->why
 * saying what is wrong with it. */
static int
load_xml(reader *r, const char *path, xmlDoc **out)
{
	return cp__ofd_zip_read_xml(cp__ofd_doc_zip(r->doc), path, out, r->why,
	    sizeof(r->why));
}

/* The content of page `i` (0-based), owned by the document; NULL when
 * it cannot be read (*nomem set when out of memory). */
static const xmlDoc *
page_doc(reader *r, size_t i, int *nomem)
{
	const xmlDoc *xml;
	int rc;

	if ((rc = cp__ofd_doc_page_xml(r->doc, i, &xml, r->why,
	    sizeof(r->why))) < 0)
		*nomem = 1;
	return rc == 0 ? xml : NULL;
}

/* ---- OFD.xml: the document's root and its CustomData ------------------- */

static const struct {
	const char *name;
	cp__ei_field field;
} custom_names[] = {
	{ "发票代码", CP__EI_CODE },
	{ "发票号码", CP__EI_NUMBER },
	{ "开票日期", CP__EI_DATE },
	{ "校验码", CP__EI_CHECK },
	{ "购买方名称", CP__EI_BUYER },
	{ "销售方名称", CP__EI_SELLER },
	{ "价税合计", CP__EI_TOTAL },
	{ "合计金额", CP__EI_BEFORE_TAX },
	{ "合计税额", CP__EI_TAX },
};

static cp__ei_field
custom_field(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof(custom_names) /
	    sizeof(custom_names[0]); i++)
		if (strcmp(custom_names[i].name, name) == 0)
			return custom_names[i].field;
	return CP__EI_FIELDS;
}

/* Keeps the invoice fields of DocInfo/CustomDatas in r->custom, to
 * take after the attached XML.  0, or -1. */
static int
read_custom_data(reader *r, const xmlNode *info)
{
	const xmlNode *c;
	cp__ei_field f;
	char *text;
	int rc = 0;

	for (c = cp__xml_child(cp__xml_child(info, "CustomDatas"),
	    "CustomData"); c != NULL && rc == 0;
	    c = cp__xml_next(c, "CustomData")) {
		f = custom_field(cp__xml_attr(c, "Name"));
		if (f == CP__EI_FIELDS)
			continue;
		if ((text = cp__xml_text(c)) == NULL)
			return -1;
		rc = cp__ei_record_set(&r->custom, f, text, 0);
		free(text);
	}
	return rc;
}

/* The number of pages, and whether page 1 can be read: an OFD whose
 * pages are missing is damaged, whatever else it holds, and what could
 * be read of it still is. */
static int
check_pages(reader *r)
{
	int nomem = 0;

	r->paper->pages = (int)cp__ofd_doc_listed(r->doc);
	if (cp__ofd_doc_listed(r->doc) == 0)
		return cp__paper_problem(r->paper, "is a damaged OFD: its "
		    "document %s lists no pages",
		    cp__ofd_doc_path(r->doc)) < 0 ? -1 : 0;
	if (page_doc(r, 0, &nomem) == NULL) {
		if (nomem)
			return -1;
		return cp__paper_problem(r->paper, "is a damaged OFD: %s",
		    r->why) < 0 ? -1 : 0;
	}
	return 0;
}

/* ---- attachments ------------------------------------------------------- */

/* Reads the attached file `path` as e-invoice XML.  A file that is not
 * one (an XBRL, a picture) is passed over. */
static int
read_attached(reader *r, const char *path)
{
	const char *why;
	size_t len;
	char *data;
	int rc;

	rc = cp__ofd_zip_read(cp__ofd_doc_zip(r->doc), path, CP__OFD_XML_MAX,
	    &data, &len, r->why, sizeof(r->why));
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	rc = cp__einvoice_xml_take(r->paper, data, len, &why);
	free(data);
	return rc < 0 ? -1 : 0;
}

/* Whether `path` names a file "original_invoice.xml". */
static int
is_original_invoice(const char *path)
{
	const char *slash = strrchr(path, '/');

	return strcmp(slash != NULL ? slash + 1 : path,
	    "original_invoice.xml") == 0;
}

/* The attachments Document.xml lists that are XML; else any file named
 * original_invoice.xml. */
static int
read_attachments(reader *r)
{
	char list[CP__OFD_PATH_MAX], path[CP__OFD_PATH_MAX];
	cp__ofd_zip *zip = cp__ofd_doc_zip(r->doc);
	const xmlNode *a;
	size_t i, done = 0;
	xmlDoc *doc;
	int rc;

	rc = cp__ofd_path_of(list, cp__ofd_doc_path(r->doc), cp__xml_child(
	    xmlDocGetRootElement(cp__ofd_doc_document_xml(r->doc)),
	    "Attachments"));
	if (rc == 0 && (rc = load_xml(r, list, &doc)) == 0) {
		for (a = cp__xml_child(xmlDocGetRootElement(doc), "Attachment");
		    a != NULL && done < MAX_ATTACHMENTS && rc == 0;
		    a = cp__xml_next(a, "Attachment")) {
			const char *format = cp__xml_attr(a, "Format");

			if (cp__ofd_path_of(path, list, cp__xml_child(a,
			    "FileLoc")) != 0 ||
			    (format != NULL && strcmp(format, "xml") != 0 &&
			    strcmp(format, "XML") != 0))
				continue;
			rc = read_attached(r, path);
			done++;
		}
		xmlFreeDoc(doc);
	}
	if (rc < 0)
		return -1;
	for (i = 0; done == 0 && i < cp__ofd_zip_count(zip); i++)
		if (is_original_invoice(cp__ofd_zip_name(zip, i)))
			return read_attached(r, cp__ofd_zip_name(zip, i));
	return 0;
}

/* ---- CustomTag: fields pointing at text objects ---------------------- */

/* Appends to `sb` the text of the object an ObjectRef names (its page
 * by ID, the object by the ID in its text); *page gets the page
 * number.  0, or -1 when out of memory. */
static int
add_ref(reader *r, cp__strbuf *sb, const xmlNode *ref, int *page)
{
	long i = cp__ofd_doc_page_by_id(r->doc, cp__xml_attr(ref, "PageRef"));
	const xmlDoc *doc;
	char *id, *text;
	int nomem = 0, rc;

	if (i < 0 || r->lookups >= MAX_LOOKUPS)
		return 0;
	r->lookups++;
	if ((doc = page_doc(r, (size_t)i, &nomem)) == NULL)
		return nomem ? -1 : 0;
	if ((id = cp__xml_text(ref)) == NULL)
		return -1;
	rc = cp__ofd_object_text(&text, doc, id);
	free(id);
	if (rc > 0) {
		cp__strbuf_puts(sb, text);
		free(text);
		*page = (int)i + 1;
	}
	return rc < 0 ? -1 : 0;
}

/* The fields of one CustomTag file into rec. */
static int
tag_fields(reader *r, const xmlDoc *tags, cp__ei_record *rec)
{
	const xmlNode *root = xmlDocGetRootElement(tags), *n, *ref;
	cp__strbuf sb = CP__STRBUF_INIT;
	cp__ei_field f;
	int rc = 0, page, k;

	for (n = root; n != NULL && rc == 0; n = cp__xml_walk(root, n)) {
		f = cp__ei_field_by_name(cp__xml_local(n));
		if (f == CP__EI_FIELDS || (rec->text[f] != NULL &&
		    rec->text[f][0] != '\0'))
			continue;
		page = 0;
		cp__strbuf_add(&sb, "", 0);
		for (ref = cp__xml_child(n, "ObjectRef"), k = 0; ref != NULL &&
		    k < MAX_REFS && rc == 0;
		    ref = cp__xml_next(ref, "ObjectRef"), k++)
			rc = add_ref(r, &sb, ref, &page);
		if (sb.failed)
			rc = -1;
		if (rc == 0 && sb.len > 0)
			rc = cp__ei_record_set(rec, f, sb.data, page);
		sb.len = 0;
	}
	cp__strbuf_free(&sb);
	return rc;
}

/* Document.xml's CustomTags (or Tags/CustomTags.xml) and the files it
 * lists. */
static int
read_custom_tags(reader *r)
{
	char list[CP__OFD_PATH_MAX], path[CP__OFD_PATH_MAX];
	cp__ei_record rec = { { NULL }, { 0 } };
	const xmlNode *t;
	xmlDoc *doc, *tags;
	int rc, files = 0;

	rc = cp__ofd_path_of(list, cp__ofd_doc_path(r->doc), cp__xml_child(
	    xmlDocGetRootElement(cp__ofd_doc_document_xml(r->doc)),
	    "CustomTags"));
	if (rc > 0)
		rc = cp__ofd_resolve(list, cp__ofd_doc_path(r->doc),
		    "Tags/CustomTags.xml") == 0 ? 0 : 1;
	if (rc != 0 || (rc = load_xml(r, list, &doc)) != 0)
		return rc < 0 ? -1 : 0;
	for (t = cp__xml_child(xmlDocGetRootElement(doc), "CustomTag");
	    t != NULL && files < MAX_TAG_FILES && rc == 0;
	    t = cp__xml_next(t, "CustomTag"), files++) {
		if (cp__ofd_path_of(path, list, cp__xml_child(t,
		    "FileLoc")) != 0)
			continue;
		if ((rc = load_xml(r, path, &tags)) != 0) {
			rc = rc < 0 ? -1 : 0;
			continue;
		}
		rc = tag_fields(r, tags, &rec);
		xmlFreeDoc(tags);
	}
	xmlFreeDoc(doc);
	if (rc == 0 && cp__ei_record_apply(r->paper, &rec, CP__FROM_XML) < 0)
		rc = -1;
	cp__ei_record_clear(&rec);
	return rc;
}

/* ---- the text and the QR code of the page ---------------------------- */

/* The text of page 1 and its template, for the labelled values. */
static int
read_page_text(reader *r)
{
	const xmlDoc *page, *tpl = NULL;
	int nomem = 0, rc;
	bool foreground;
	size_t len;
	char *text;

	if (cp__ofd_doc_pages(r->doc) == 0 ||
	    (page = page_doc(r, 0, &nomem)) == NULL)
		return nomem ? -1 : 0;
	/* the template page 1 names, when it can be read */
	if (cp__ofd_doc_template_xml(r->doc, cp__xml_attr(cp__xml_child(
	    xmlDocGetRootElement(page), "Template"), "TemplateID"), &tpl,
	    &foreground, r->why, sizeof(r->why)) < 0)
		return -1;
	if ((text = cp__ofd_page_text(page, tpl, &len)) == NULL)
		return -1;
	rc = cp__read_text_labels(r->paper, text, len, 1, CP__FROM_TEXT);
	free(text);
	return rc < 0 ? -1 : 0;
}

/* The QR code: the images of page 1, then the other image resources. */
static int
read_qr(reader *r)
{
	const xmlDoc *page = NULL;
	int nomem = 0;

	if (cp__ofd_doc_pages(r->doc) > 0)
		page = page_doc(r, 0, &nomem);
	if (nomem)
		return -1;
	return cp__ofd_read_qr(r->paper, r->doc, page);
}

/* ---- the reader ------------------------------------------------------- */

static void
reader_free(reader *r)
{
	cp__ei_record_clear(&r->custom);
	cp__ofd_doc_close(r->doc);
}

/* The e-invoice data, in the order of trust: the attached XML, the
 * CustomData, the CustomTag; then the page's text. */
static int
read_facts(reader *r)
{
	if (read_attachments(r) < 0 ||
	    cp__ei_record_apply(r->paper, &r->custom, CP__FROM_XML) < 0 ||
	    read_custom_tags(r) < 0 || read_page_text(r) < 0)
		return -1;
	return 0;
}

/* Reads the package opened into r->doc. */
static int
read_package(reader *r)
{
	if ((r->flags & CP__READ_TEXT) && read_custom_data(r,
	    cp__xml_child(cp__xml_child(xmlDocGetRootElement(
	    cp__ofd_doc_ofd_xml(r->doc)), "DocBody"), "DocInfo")) < 0)
		return -1;
	if (check_pages(r) < 0)
		return -1;
	if ((r->flags & CP__READ_TEXT) && read_facts(r) < 0)
		return -1;
	if ((r->flags & CP__READ_QR) && read_qr(r) < 0)
		return -1;
	return 0;
}

/* Opened (rc 0) or not: reads it, or records why not. */
static int
read_opened(reader *r, int rc)
{
	if (rc == 0)
		rc = read_package(r);
	else if (rc > 0)
		rc = cp__paper_problem(r->paper, "%s", r->why);
	reader_free(r);
	return rc < 0 ? -1 : 0;
}

int
cp__read_ofd(cp__paper_facts *paper, const char *path, unsigned flags)
{
	struct stat st;
	reader r;

	memset(&r, 0, sizeof(r));
	r.paper = paper;
	r.flags = flags;
	paper->format = "ofd";
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
		return cp__paper_problem(paper, "is empty");
	return read_opened(&r, cp__ofd_doc_open_with(&r.doc, path, NULL, 0,
	    CP__OFD_DOC_ANY_PAGES, r.why, sizeof(r.why)));
}

int
cp__read_ofd_memory(cp__paper_facts *paper, const void *data, size_t len,
    unsigned flags)
{
	reader r;

	memset(&r, 0, sizeof(r));
	r.paper = paper;
	r.flags = flags;
	paper->format = "ofd";
	if (len == 0)
		return cp__paper_problem(paper, "is empty");
	return read_opened(&r, cp__ofd_doc_open_with(&r.doc, NULL, data, len,
	    CP__OFD_DOC_ANY_PAGES, r.why, sizeof(r.why)));
}
