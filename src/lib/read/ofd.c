/* ofd.c - facts from OFD e-invoices (GB/T 33190: a ZIP of XML).
 *
 * An OFD e-invoice says what it is in up to four places, read in this
 * order, the first value of a field staying: the invoice XML attached
 * to it (Doc_0/Attachs/original_invoice.xml, 2019-2023 VAT e-invoices),
 * the CustomData of OFD.xml (发票号码, 开票日期, 合计金额 ...), and the
 * CustomTag file, whose fields point at text objects of the page (the
 * only place fully digitalized invoices give buyer and seller); all
 * three are e-invoice data.  Then the text of page 1, and the QR code,
 * an image resource (PNG, or JBIG2 in older files). */
#include "read/readers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/einvoice_int.h"
#include "read/ofd_int.h"
#include "read/read.h"
#include "read/xml_int.h"
#include "util/strbuf.h"

/* Pages and templates kept open (an e-invoice has one page); the rest
 * are counted only. */
#define KEEP_PAGES 8
#define KEEP_TEMPLATES 8
/* Attachments and CustomTag files read. */
#define MAX_ATTACHMENTS 8
#define MAX_TAG_FILES 4
/* Object references followed per CustomTag field, and in all: each
 * walks a page's objects, and a CustomTag file may repeat its fields
 * any number of times. */
#define MAX_REFS 8
#define MAX_LOOKUPS 64
/* The longest ID kept. */
#define ID_MAX 32

/* A page or a template: a file of the package named by an ID. */
typedef struct {
	char id[ID_MAX];
	char path[CP__OFD_PATH_MAX];
	xmlDoc *doc;            /* pages and templates, once loaded */
	int state;              /* 0 not loaded, 1 loaded, -1 cannot be */
} part;

typedef struct {
	cp__paper_facts *paper;
	cp__ofd_zip *zip;
	unsigned flags;
	char doc_path[CP__OFD_PATH_MAX];        /* Doc_0/Document.xml */
	xmlDoc *document;
	part pages[KEEP_PAGES];
	size_t npages;                          /* kept */
	part tpls[KEEP_TEMPLATES];
	size_t ntpls;
	cp__ei_record custom;                   /* OFD.xml's CustomData */
	size_t lookups;                         /* object references followed */
	char why[256];
} reader;

/* Copies `s` into an ID field; an ID longer than ID_MAX - 1 is none. */
static void
set_id(char *out, const char *s)
{
	out[0] = '\0';
	if (s != NULL && strlen(s) < ID_MAX)
		strcpy(out, s);
}

/* ---- reading XML files of the package ---------------------------------- */

/* Reads and parses the XML file `path` of the package; 1 with r->why
 * saying what is wrong with it. */
static int
load_xml(reader *r, const char *path, xmlDoc **out)
{
	return cp__ofd_zip_read_xml(r->zip, path, out, r->why, sizeof(r->why));
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

/*
 * Reads OFD.xml: where the first document is (into r->doc_path), and
 * its CustomData when the caller wants e-invoice data.  Returns 0; 1
 * when the file is no OFD (r->paper's problem set); -1.
 */
static int
read_root(reader *r)
{
	const xmlNode *body;
	xmlDoc *doc;
	int rc;

	if (!cp__ofd_zip_has(r->zip, "OFD.xml"))
		return cp__paper_problem(r->paper, "is a ZIP archive but not "
		    "an OFD e-invoice (it holds no OFD.xml)") < 0 ? -1 : 1;
	if ((rc = load_xml(r, "OFD.xml", &doc)) != 0)
		return rc < 0 ? -1 : cp__paper_problem(r->paper, "is a damaged "
		    "OFD: %s", r->why) < 0 ? -1 : 1;
	body = cp__xml_child(xmlDocGetRootElement(doc), "DocBody");
	if (!cp__xml_is(xmlDocGetRootElement(doc), "OFD") || body == NULL ||
	    (rc = cp__ofd_path_of(r->doc_path, "OFD.xml", cp__xml_child(body,
	    "DocRoot"))) > 0) {
		xmlFreeDoc(doc);
		return cp__paper_problem(r->paper, "is a damaged OFD: its "
		    "OFD.xml names no document (DocBody/DocRoot)") < 0 ? -1 : 1;
	}
	if (rc == 0 && (r->flags & CP__READ_TEXT))
		rc = read_custom_data(r, cp__xml_child(body, "DocInfo"));
	xmlFreeDoc(doc);
	return rc;
}

/* ---- Document.xml: pages, templates, resources ------------------------ */

/* Lists the pages (all counted, KEEP_PAGES kept) and templates. */
static int
list_pages(reader *r, const xmlNode *root)
{
	const xmlNode *n;
	int count = 0, rc;

	for (n = cp__xml_child(cp__xml_child(root, "Pages"), "Page");
	    n != NULL; n = cp__xml_next(n, "Page")) {
		if (count < 1000000)
			count++;
		if (r->npages >= KEEP_PAGES)
			continue;
		set_id(r->pages[r->npages].id, cp__xml_attr(n, "ID"));
		if (cp__ofd_path(r->pages[r->npages].path, r->doc_path,
		    cp__xml_attr(n, "BaseLoc")) != 0) {
			r->pages[r->npages].path[0] = '\0';
			r->pages[r->npages].state = -1;
		}
		r->npages++;
	}
	r->paper->pages = count;
	for (n = cp__xml_child(cp__xml_child(root, "CommonData"),
	    "TemplatePage"); n != NULL && r->ntpls < KEEP_TEMPLATES;
	    n = cp__xml_next(n, "TemplatePage")) {
		set_id(r->tpls[r->ntpls].id, cp__xml_attr(n, "ID"));
		if (cp__ofd_path(r->tpls[r->ntpls].path, r->doc_path,
		    cp__xml_attr(n, "BaseLoc")) == 0)
			r->ntpls++;
	}
	rc = count == 0 ? cp__paper_problem(r->paper, "is a damaged OFD: "
	    "its document %s lists no pages", r->doc_path) : 0;
	return rc < 0 ? -1 : 0;
}

/* Loads part `p` (a page or a template) once; NULL when it cannot be. */
static xmlDoc *
part_doc(reader *r, part *p, int *nomem)
{
	int rc;

	if (p->state == 0) {
		rc = load_xml(r, p->path, &p->doc);
		if (rc < 0)
			*nomem = 1;
		p->state = rc == 0 ? 1 : -1;
	}
	return p->state == 1 ? p->doc : NULL;
}

/* The template a page's content names (<Template TemplateID="2"/>). */
static part *
template_of(reader *r, const xmlDoc *page)
{
	const xmlNode *t = cp__xml_child(xmlDocGetRootElement(page),
	    "Template");
	const char *id = cp__xml_attr(t, "TemplateID");
	size_t i;

	for (i = 0; id != NULL && i < r->ntpls; i++)
		if (strcmp(r->tpls[i].id, id) == 0)
			return &r->tpls[i];
	return NULL;
}

/* Reads Document.xml: the pages, and what the other steps need. */
static int
read_document(reader *r)
{
	int rc;

	if ((rc = load_xml(r, r->doc_path, &r->document)) != 0)
		return rc < 0 ? -1 : cp__paper_problem(r->paper, "is a damaged "
		    "OFD: %s", r->why) < 0 ? -1 : 1;
	return list_pages(r, xmlDocGetRootElement(r->document));
}

/* Checks that page 1 can be read: an OFD whose page is missing is
 * damaged, whatever else it holds. */
static int
check_first_page(reader *r)
{
	int nomem = 0;

	if (r->npages == 0)
		return 0;
	/* a page whose BaseLoc is no path of the package is not loaded */
	if (r->pages[0].state == -1)
		snprintf(r->why, sizeof(r->why), "its page 1 is not a file of "
		    "the package");
	if (part_doc(r, &r->pages[0], &nomem) == NULL) {
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

	rc = cp__ofd_zip_read(r->zip, path, CP__OFD_XML_MAX, &data, &len,
	    r->why, sizeof(r->why));
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
	const xmlNode *a;
	size_t i, done = 0;
	xmlDoc *doc;
	int rc;

	rc = cp__ofd_path_of(list, r->doc_path, cp__xml_child(
	    xmlDocGetRootElement(r->document), "Attachments"));
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
	for (i = 0; done == 0 && i < cp__ofd_zip_count(r->zip); i++)
		if (is_original_invoice(cp__ofd_zip_name(r->zip, i)))
			return read_attached(r, cp__ofd_zip_name(r->zip, i));
	return 0;
}

/* ---- CustomTag: fields pointing at text objects ---------------------- */

/* The index of the page with ID `id` among those kept, or -1. */
static int
page_by_id(const reader *r, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < r->npages; i++)
		if (strcmp(r->pages[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Appends to `sb` the text of the object an ObjectRef names (its page
 * by ID, the object by the ID in its text); *page gets the page
 * number.  0, or -1 when out of memory. */
static int
add_ref(reader *r, cp__strbuf *sb, const xmlNode *ref, int *page)
{
	int i = page_by_id(r, cp__xml_attr(ref, "PageRef")), nomem = 0, rc;
	char *id, *text;
	xmlDoc *doc;

	if (i < 0 || r->lookups >= MAX_LOOKUPS)
		return 0;
	r->lookups++;
	if ((doc = part_doc(r, &r->pages[i], &nomem)) == NULL)
		return nomem ? -1 : 0;
	if ((id = cp__xml_text(ref)) == NULL)
		return -1;
	rc = cp__ofd_object_text(&text, doc, id);
	free(id);
	if (rc > 0) {
		cp__strbuf_puts(sb, text);
		free(text);
		*page = i + 1;
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

	rc = cp__ofd_path_of(list, r->doc_path, cp__xml_child(
	    xmlDocGetRootElement(r->document), "CustomTags"));
	if (rc > 0)
		rc = cp__ofd_path(list, r->doc_path,
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
	xmlDoc *page, *tpl = NULL;
	int nomem = 0, rc;
	size_t len;
	part *t;
	char *text;

	if (r->npages == 0 ||
	    (page = part_doc(r, &r->pages[0], &nomem)) == NULL)
		return nomem ? -1 : 0;
	if ((t = template_of(r, page)) != NULL)
		tpl = part_doc(r, t, &nomem);
	if (nomem || (text = cp__ofd_page_text(page, tpl, &len)) == NULL)
		return -1;
	rc = cp__read_text_labels(r->paper, text, len, 1, CP__FROM_TEXT);
	free(text);
	return rc < 0 ? -1 : 0;
}

/* The QR code: the images of page 1, then the other image resources. */
static int
read_qr(reader *r)
{
	xmlDoc *page = NULL;
	int nomem = 0;

	if (r->npages > 0)
		page = part_doc(r, &r->pages[0], &nomem);
	if (nomem)
		return -1;
	return cp__ofd_read_qr(r->paper, r->zip, r->doc_path, r->document,
	    page);
}

/* ---- the reader ------------------------------------------------------- */

static void
reader_free(reader *r)
{
	size_t i;

	for (i = 0; i < r->npages; i++)
		xmlFreeDoc(r->pages[i].doc);
	for (i = 0; i < r->ntpls; i++)
		xmlFreeDoc(r->tpls[i].doc);
	xmlFreeDoc(r->document);
	cp__ei_record_clear(&r->custom);
	cp__ofd_zip_close(r->zip);
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

/* Reads the package opened into r->zip. */
static int
read_package(reader *r)
{
	int rc;

	if ((rc = read_root(r)) != 0 || (rc = read_document(r)) != 0 ||
	    (rc = check_first_page(r)) != 0)
		return rc < 0 ? -1 : 0;
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
	return read_opened(&r, cp__ofd_zip_open_file(&r.zip, path, r.why,
	    sizeof(r.why)));
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
	return read_opened(&r, cp__ofd_zip_open_memory(&r.zip, data, len,
	    r.why, sizeof(r.why)));
}
