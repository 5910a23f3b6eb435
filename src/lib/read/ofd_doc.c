/* ofd_doc.c - opening an OFD document (ofd_doc.h): OFD.xml, the first
 * document's Document.xml (its pages, page area, templates, resource
 * files), its annotation list and its signatures; page contents and
 * templates read when asked for, the resources on first use. */
#include "read/ofd_doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/xml_int.h"
#include "util/strbuf.h"

/* Pages counted: Document.xml holds at most 4 MiB, some 600000 Page
 * elements. */
#define MAX_LISTED 1000000u
/* A4, the page size of a document that says none. */
#define A4_W 210.0
#define A4_H 297.0

/* Copies `s` into an ID field; an ID longer than CP__OFD_ID_MAX - 1 is
 * none. */
static void
set_id(char *out, const char *s)
{
	out[0] = '\0';
	if (s != NULL && strlen(s) < CP__OFD_ID_MAX)
		strcpy(out, s);
}

/* The package path `ref` names from file `base`, as a new string in
 * *out (NULL when it names none of the package).  0, or -1. */
static int
path_dup(char **out, const char *base, const char *ref)
{
	char path[CP__OFD_PATH_MAX];

	*out = NULL;
	if (ref == NULL || cp__ofd_resolve(path, base, ref) != 0)
		return 0;
	return (*out = cp__strdup(path)) == NULL ? -1 : 0;
}

/* The same for the path written as the text of `node`. */
static int
path_of_dup(char **out, const char *base, const xmlNode *node)
{
	char path[CP__OFD_PATH_MAX];
	int rc;

	*out = NULL;
	if ((rc = cp__ofd_path_of(path, base, node)) != 0)
		return rc < 0 ? -1 : 0;
	return (*out = cp__strdup(path)) == NULL ? -1 : 0;
}

/* ---- OFD.xml ----------------------------------------------------------- */

/* Reads OFD.xml and where its first document is.  0; 1 with `why`; -1. */
static int
read_root(cp__ofd_doc *doc, char *why, size_t why_size)
{
	char zwhy[256];
	const xmlNode *root, *body;
	int rc;

	if (!cp__ofd_zip_has(doc->zip, "OFD.xml"))
		return cp__ofd_because(why, why_size,
		    "is a ZIP archive but not an OFD e-invoice (it holds no "
		    "OFD.xml)");
	if ((rc = cp__ofd_zip_read_xml(doc->zip, "OFD.xml", &doc->ofd, zwhy,
	    sizeof(zwhy))) != 0)
		return rc < 0 ? -1 : cp__ofd_because(why, why_size,
		    "is a damaged OFD: %s", zwhy);
	root = xmlDocGetRootElement(doc->ofd);
	body = cp__xml_child(root, "DocBody");
	if (!cp__xml_is(root, "OFD") || body == NULL ||
	    (rc = cp__ofd_path_of(doc->path, "OFD.xml", cp__xml_child(body,
	    "DocRoot"))) > 0)
		return cp__ofd_because(why, why_size, "is a damaged OFD: its "
		    "OFD.xml names no document (DocBody/DocRoot)");
	return rc;
}

/* ---- Document.xml ---------------------------------------------------- */

/* Reads the TemplatePage list of CommonData. */
static int
list_templates(cp__ofd_doc *doc, const xmlNode *common)
{
	const xmlNode *n;
	const char *z;
	cp__ofd_part *t;

	for (n = cp__xml_child(common, "TemplatePage");
	    n != NULL && doc->ntpls < CP__OFD_DOC_MAX_TEMPLATES;
	    n = cp__xml_next(n, "TemplatePage")) {
		t = &doc->tpls[doc->ntpls++];
		set_id(t->id, cp__xml_attr(n, "ID"));
		z = cp__xml_attr(n, "ZOrder");
		t->foreground = z != NULL && strcmp(z, "Foreground") == 0;
		if (path_dup(&t->path, doc->path, cp__xml_attr(n,
		    "BaseLoc")) < 0)
			return -1;
	}
	return 0;
}

/* Counts the pages and keeps the first CP__OFD_DOC_MAX_PAGES. */
static int
list_pages(cp__ofd_doc *doc, const xmlNode *pages)
{
	const xmlNode *n;
	size_t keep;

	for (n = cp__xml_child(pages, "Page"); n != NULL &&
	    doc->listed < MAX_LISTED; n = cp__xml_next(n, "Page"))
		doc->listed++;
	keep = doc->listed < CP__OFD_DOC_MAX_PAGES ? doc->listed :
	    CP__OFD_DOC_MAX_PAGES;
	if (keep == 0)
		return 0;
	if ((doc->pages = calloc(keep, sizeof(*doc->pages))) == NULL)
		return -1;
	for (n = cp__xml_child(pages, "Page"); n != NULL &&
	    doc->npages < keep; n = cp__xml_next(n, "Page")) {
		cp__ofd_part *p = &doc->pages[doc->npages++];

		set_id(p->id, cp__xml_attr(n, "ID"));
		if (path_dup(&p->path, doc->path, cp__xml_attr(n,
		    "BaseLoc")) < 0)
			return -1;
	}
	return 0;
}

/* Reads Document.xml.  0; 1 with `why`; -1. */
static int
read_document(cp__ofd_doc *doc, unsigned flags, char *why, size_t why_size)
{
	char zwhy[256];
	const xmlNode *root, *common;
	int rc;

	if ((rc = cp__ofd_zip_read_xml(doc->zip, doc->path, &doc->document,
	    zwhy, sizeof(zwhy))) != 0)
		return rc < 0 ? -1 : cp__ofd_because(why, why_size,
		    "is a damaged OFD: %s", zwhy);
	root = xmlDocGetRootElement(doc->document);
	common = cp__xml_child(root, "CommonData");
	doc->has_area = cp__ofd_box(cp__ofd_content(cp__xml_child(
	    cp__xml_child(common, "PageArea"), "PhysicalBox")), doc->area);
	if (!cp__ofd_id(cp__ofd_content(cp__xml_child(common, "DefaultCS")),
	    &doc->default_cs))
		doc->default_cs = 0;
	if (list_templates(doc, common) < 0 ||
	    list_pages(doc, cp__xml_child(root, "Pages")) < 0)
		return -1;
	if (flags & CP__OFD_DOC_ANY_PAGES)
		return 0;
	if (doc->listed == 0)
		return cp__ofd_because(why, why_size, "is a damaged OFD: its "
		    "document %s lists no pages", doc->path);
	if (doc->listed > CP__OFD_DOC_MAX_PAGES)
		return cp__ofd_because(why, why_size,
		    "has %zu pages; claimpack draws at most %u",
		    doc->listed, CP__OFD_DOC_MAX_PAGES);
	return 0;
}

/* ---- annotations and signatures ----------------------------------- */

/* Reads the annotation list (Annots/Annotations.xml): which file
 * annotates which page.  A list that cannot be read is noted, for the
 * painter to be told; it does not break the document. */
static int
read_annotations(cp__ofd_doc *doc)
{
	char list[CP__OFD_PATH_MAX], why[256];
	cp__ofd_annot_file *a;
	const xmlNode *n;
	xmlDoc *xml;
	size_t count = 0;
	int rc;

	rc = cp__ofd_path_of(list, doc->path, cp__xml_child(
	    xmlDocGetRootElement(doc->document), "Annotations"));
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if ((rc = cp__ofd_zip_read_xml(doc->zip, list, &xml, why,
	    sizeof(why))) != 0) {
		if (rc < 0)
			return -1;
		return (doc->annots_problem = cp__strdup(why)) == NULL ? -1 : 0;
	}
	for (n = cp__xml_child(xmlDocGetRootElement(xml), "Page"); n != NULL;
	    n = cp__xml_next(n, "Page"))
		count++;
	if (count > CP__OFD_DOC_MAX_ANNOT_FILES)
		count = CP__OFD_DOC_MAX_ANNOT_FILES;
	if (count > 0 && (doc->annots = calloc(count,
	    sizeof(*doc->annots))) == NULL)
		rc = -1;
	for (n = cp__xml_child(xmlDocGetRootElement(xml), "Page");
	    n != NULL && rc == 0 && doc->nannots < count;
	    n = cp__xml_next(n, "Page")) {
		a = &doc->annots[doc->nannots];
		set_id(a->page_id, cp__xml_attr(n, "PageID"));
		if ((rc = path_of_dup(&a->path, list, cp__xml_child(n,
		    "FileLoc"))) == 0 && a->path != NULL)
			doc->nannots++;
	}
	xmlFreeDoc(xml);
	return rc;
}

/* The name of the signature in file `path` for messages: its folder
 * ("Sign_0"), else its ID. */
static void
signature_name(cp__ofd_signature *s, const char *path, const char *id)
{
	const char *end = strrchr(path, '/'), *start;

	if (end != NULL) {
		for (start = end; start > path && start[-1] != '/'; start--)
			;
		snprintf(s->name, sizeof(s->name), "%.*s", (int)(end - start),
		    start);
	} else {
		snprintf(s->name, sizeof(s->name), "%.20s", id != NULL ? id :
		    "?");
	}
	cp__ofd_clean(s->name);
}

/* Reads one Signature.xml: where its seal is stamped, and where its
 * signed value (the seal's picture) is. */
static int
read_signature(cp__ofd_signature *s, cp__ofd_zip *zip, const char *path)
{
	const xmlNode *root, *info, *st;
	char why[256];
	xmlDoc *xml;
	int rc;

	if ((rc = cp__ofd_zip_read_xml(zip, path, &xml, why,
	    sizeof(why))) != 0)
		return rc < 0 || (s->problem = cp__strdup(why)) == NULL ?
		    -1 : 0;
	root = xmlDocGetRootElement(xml);
	info = cp__xml_child(root, "SignedInfo");
	for (st = cp__xml_child(info, "StampAnnot"); st != NULL &&
	    s->nstamps < CP__OFD_DOC_MAX_STAMPS;
	    st = cp__xml_next(st, "StampAnnot")) {
		cp__ofd_stamp *sa = &s->stamps[s->nstamps];

		set_id(sa->page_id, cp__xml_attr(st, "PageRef"));
		if (cp__ofd_box(cp__xml_attr(st, "Boundary"), sa->box))
			s->nstamps++;
	}
	rc = path_of_dup(&s->value, path, cp__xml_child(root, "SignedValue"));
	xmlFreeDoc(xml);
	return rc;
}

int
cp__ofd_signature_list(cp__ofd_zip *zip, const xmlDoc *ofd, char *path,
    xmlDoc **out)
{
	const xmlNode *body;
	char why[256];
	int rc;

	*out = NULL;
	body = cp__xml_child(xmlDocGetRootElement(ofd), "DocBody");
	if ((rc = cp__ofd_path_of(path, "OFD.xml", cp__xml_child(body,
	    "Signatures"))) != 0)
		return rc < 0 ? -1 : 0;
	if ((rc = cp__ofd_zip_read_xml(zip, path, out, why,
	    sizeof(why))) != 0)
		return rc < 0 ? -1 : 0;
	if (cp__xml_child(xmlDocGetRootElement(*out), "Signature") != NULL)
		return 1;
	xmlFreeDoc(*out);
	*out = NULL;
	return 0;
}

/* Reads the signatures of the list OFD.xml names, and each
 * Signature.xml it lists.  Nothing here breaks the document. */
static int
read_signatures(cp__ofd_doc *doc)
{
	char list[CP__OFD_PATH_MAX], path[CP__OFD_PATH_MAX];
	const xmlNode *n;
	cp__ofd_signature *s;
	xmlDoc *xml;
	int rc;

	if ((rc = cp__ofd_signature_list(doc->zip, doc->ofd, list,
	    &xml)) <= 0)
		return rc;
	doc->is_signed = true;
	rc = 0;
	if ((doc->sigs = calloc(CP__OFD_DOC_MAX_SIGNATURES,
	    sizeof(*doc->sigs))) == NULL)
		rc = -1;
	for (n = cp__xml_child(xmlDocGetRootElement(xml), "Signature");
	    n != NULL && rc == 0 && doc->nsigs < CP__OFD_DOC_MAX_SIGNATURES;
	    n = cp__xml_next(n, "Signature")) {
		if (cp__ofd_resolve(path, list, cp__xml_attr(n,
		    "BaseLoc")) != 0)
			continue;
		s = &doc->sigs[doc->nsigs++];
		signature_name(s, path, cp__xml_attr(n, "ID"));
		rc = read_signature(s, doc->zip, path);
	}
	xmlFreeDoc(xml);
	return rc;
}

/* ---- opening and closing ---------------------------------------------- */

int
cp__ofd_doc_open_with(cp__ofd_doc **out, const char *path, const void *data,
    size_t len, unsigned flags, char *why, size_t why_size)
{
	cp__ofd_doc *doc;
	int rc = -1;

	*out = NULL;
	if ((doc = calloc(1, sizeof(*doc))) == NULL ||
	    (doc->cache = calloc(1, sizeof(*doc->cache))) == NULL)
		goto done;
	if (path != NULL)
		rc = cp__ofd_zip_open_file(&doc->zip, path, why, why_size);
	else
		rc = cp__ofd_zip_open_memory(&doc->zip, data, len, why,
		    why_size);
	if (rc != 0 || (rc = read_root(doc, why, why_size)) != 0 ||
	    (rc = read_document(doc, flags, why, why_size)) != 0 ||
	    (rc = read_annotations(doc)) != 0 ||
	    (rc = read_signatures(doc)) != 0)
		goto done;
	*out = doc;
	doc = NULL;
done:
	cp__ofd_doc_close(doc);
	return rc;
}

int
cp__ofd_doc_open(cp__ofd_doc **out, const char *path, char *why,
    size_t why_size)
{
	return cp__ofd_doc_open_with(out, path, NULL, 0, 0, why, why_size);
}

int
cp__ofd_doc_open_memory(cp__ofd_doc **out, const void *data, size_t len,
    char *why, size_t why_size)
{
	return cp__ofd_doc_open_with(out, NULL, data, len, 0, why, why_size);
}

static void
free_part(cp__ofd_part *p)
{
	free(p->path);
	xmlFreeDoc(p->xml);
}

void
cp__ofd_doc_close(cp__ofd_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->npages; i++)
		free_part(&doc->pages[i]);
	free(doc->pages);
	for (i = 0; i < doc->ntpls; i++)
		free_part(&doc->tpls[i]);
	for (i = 0; i < doc->nannots; i++)
		free(doc->annots[i].path);
	free(doc->annots);
	free(doc->annots_problem);
	for (i = 0; i < doc->nsigs; i++) {
		free(doc->sigs[i].value);
		free(doc->sigs[i].problem);
	}
	free(doc->sigs);
	for (i = 0; doc->cache != NULL && i < CP__OFD_DOC_CACHE; i++)
		xmlFreeDoc(doc->cache->slot[i].xml);
	free(doc->cache);
	cp__ofd_res_free(doc->res);
	xmlFreeDoc(doc->document);
	xmlFreeDoc(doc->ofd);
	cp__ofd_zip_close(doc->zip);
	free(doc);
}

/* ---- what the document holds ---------------------------------------- */

size_t
cp__ofd_doc_pages(const cp__ofd_doc *doc)
{
	return doc->npages;
}

bool
cp__ofd_doc_signed(const cp__ofd_doc *doc)
{
	return doc->is_signed;
}

cp__ofd_zip *
cp__ofd_doc_zip(cp__ofd_doc *doc)
{
	return doc->zip;
}

const xmlDoc *
cp__ofd_doc_ofd_xml(const cp__ofd_doc *doc)
{
	return doc->ofd;
}

const char *
cp__ofd_doc_path(const cp__ofd_doc *doc)
{
	return doc->path;
}

const xmlDoc *
cp__ofd_doc_document_xml(const cp__ofd_doc *doc)
{
	return doc->document;
}

size_t
cp__ofd_doc_listed(const cp__ofd_doc *doc)
{
	return doc->listed;
}

long
cp__ofd_doc_page_by_id(const cp__ofd_doc *doc, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && id[0] != '\0' && i < doc->npages; i++)
		if (strcmp(doc->pages[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Page `page` (part `p`) from the cache, or read into it. */
static int
cached_page(cp__ofd_zip *zip, struct cp__ofd_cache *c, const cp__ofd_part *p,
    size_t page, const xmlDoc **out, char *why, size_t why_size)
{
	size_t i, victim = 0;
	xmlDoc *xml;
	int rc;

	*out = NULL;
	for (i = 0; i < CP__OFD_DOC_CACHE; i++)
		if (c->slot[i].xml != NULL && c->slot[i].page == page) {
			c->slot[i].used = ++c->clock;
			*out = c->slot[i].xml;
			return 0;
		}
	if (p->path == NULL)
		return cp__ofd_because(why, why_size, "its page %zu is not a "
		    "file of the package", page + 1);
	if ((rc = cp__ofd_zip_read_xml(zip, p->path, &xml, why,
	    why_size)) != 0)
		return rc;
	/* a free slot, else the one read longest ago */
	for (i = 0; i < CP__OFD_DOC_CACHE; i++) {
		if (c->slot[i].xml == NULL) {
			victim = i;
			break;
		}
		if (c->slot[i].used < c->slot[victim].used)
			victim = i;
	}
	xmlFreeDoc(c->slot[victim].xml);
	c->slot[victim].xml = xml;
	c->slot[victim].page = page;
	c->slot[victim].used = ++c->clock;
	*out = xml;
	return 0;
}

int
cp__ofd_doc_page_xml(cp__ofd_doc *doc, size_t page, const xmlDoc **out,
    char *why, size_t why_size)
{
	if (page >= doc->npages) {
		*out = NULL;
		return cp__ofd_because(why, why_size, "has no page %zu",
		    page + 1);
	}
	return cached_page(doc->zip, doc->cache, &doc->pages[page], page, out,
	    why, why_size);
}

int
cp__ofd_doc_template_xml(cp__ofd_doc *doc, const char *id,
    const xmlDoc **out, bool *foreground, char *why, size_t why_size)
{
	cp__ofd_part *t = NULL;
	size_t i;
	int rc;

	*out = NULL;
	for (i = 0; id != NULL && id[0] != '\0' && i < doc->ntpls; i++)
		if (strcmp(doc->tpls[i].id, id) == 0) {
			t = &doc->tpls[i];
			break;
		}
	if (t == NULL)
		return cp__ofd_because(why, why_size,
		    "names a template (%.32s) that its document does not list",
		    id != NULL ? id : "");
	if (t->path == NULL)
		return cp__ofd_because(why, why_size, "lists a template (%s) "
		    "that is not a file of the package", t->id);
	if (t->xml == NULL && (rc = cp__ofd_zip_read_xml(doc->zip, t->path,
	    &t->xml, why, why_size)) != 0)
		return rc;
	*out = t->xml;
	*foreground = t->foreground;
	return 0;
}

const cp__ofd_res *
cp__ofd_doc_resources(cp__ofd_doc *doc)
{
	static const char *const kinds[] = { "DocumentRes", "PublicRes" };
	char path[CP__OFD_PATH_MAX], why[256];
	const xmlNode *common, *n;
	size_t k;
	int rc;

	if (doc->res_state == 1)
		return doc->res;
	if (doc->res == NULL && cp__ofd_res_new(&doc->res, NULL,
	    doc->default_cs) < 0)
		return NULL;
	common = cp__xml_child(xmlDocGetRootElement(doc->document),
	    "CommonData");
	/* a resource file that cannot be read gives no resources: what
	 * uses them is drawn without them, or reported */
	for (k = 0; k < 2; k++)
		for (n = cp__xml_child(common, kinds[k]); n != NULL;
		    n = cp__xml_next(n, kinds[k])) {
			if ((rc = cp__ofd_path_of(path, doc->path, n)) > 0)
				continue;
			if (rc < 0 || cp__ofd_res_read(doc->res, doc->zip, path,
			    why, sizeof(why)) < 0)
				goto nomem;
		}
	doc->res_state = 1;
	return doc->res;
nomem:
	/* read again from the start on the next call */
	cp__ofd_res_free(doc->res);
	doc->res = NULL;
	return NULL;
}

/* Makes a page box drawable: 1 to 5000 mm a side. */
static void
clamp_box(double box[4])
{
	int i;

	for (i = 2; i < 4; i++)
		box[i] = box[i] < 1 ? 1 : box[i] > 5000 ? 5000 : box[i];
}

void
cp__ofd_doc_page_box(const cp__ofd_doc *doc, size_t page, double box[4])
{
	static const double a4[4] = { 0, 0, A4_W, A4_H };
	const xmlDoc *xml;
	cp__ofd_part *p;

	if (page >= doc->npages) {
		memcpy(box, doc->has_area ? doc->area : a4, 4 * sizeof(*box));
		clamp_box(box);
		return;
	}
	p = &doc->pages[page];
	if (!p->has_box) {
		/* the page's own Area is in its content: a page that cannot
		 * be read takes the document's, and says why when drawn */
		if (cached_page(doc->zip, doc->cache, p, page, &xml, NULL,
		    0) != 0 || !cp__ofd_box(cp__ofd_content(cp__xml_child(
		    cp__xml_child(xmlDocGetRootElement(xml), "Area"),
		    "PhysicalBox")), p->box))
			memcpy(p->box, doc->has_area ? doc->area : a4,
			    sizeof(p->box));
		clamp_box(p->box);
		p->has_box = true;
	}
	memcpy(box, p->box, sizeof(p->box));
}

void
cp__ofd_doc_page_size(const cp__ofd_doc *doc, size_t page, double *width,
    double *height)
{
	double box[4];

	cp__ofd_doc_page_box(doc, page, box);
	*width = box[2];
	*height = box[3];
}
