/* ofd_draw.c - drawing one page of an OFD (cp__ofd_doc_draw), in the
 * order GB/T 33190 stacks it: the background templates, the page's
 * layers, the foreground templates, the annotations that have an
 * appearance, then the seals of the signatures that stamp the page.  A
 * seal whose picture is an OFD of its own is drawn from that OFD's
 * first page, scaled into the stamp's box: the recursion stays in this
 * file and is bounded by CP__OFD_DOC_MAX_DEPTH. */
#include "read/ofd_draw_int.h"

#include <stdlib.h>
#include <string.h>

#include "read/xml_int.h"

/* Templates drawn on one page. */
#define MAX_PAGE_TEMPLATES 16

static int draw_page(cp__ofd_drawing *dw, cp__ofd_doc *doc, size_t page,
    const cp__ofd_matrix *place, unsigned depth);

/* Whether page ID `ref` (an annotation's PageID, a stamp's PageRef)
 * names the page whose ID is `id`. */
static bool
same_page(const char *ref, const char *id)
{
	return id[0] != '\0' && strcmp(ref, id) == 0;
}

/* The resources of a page or template content `xml` (package file
 * `file`): its PageRes files over the document's.  *out is the new
 * scope to free, or NULL when the content has none (use `outer`). */
static int
page_resources(cp__ofd_res **out, cp__ofd_doc *doc, const xmlDoc *xml,
    const char *file, const cp__ofd_res *outer)
{
	char path[CP__OFD_PATH_MAX], why[256];
	const xmlNode *n;
	int rc;

	*out = NULL;
	for (n = cp__xml_child(xmlDocGetRootElement(xml), "PageRes");
	    n != NULL; n = cp__xml_next(n, "PageRes")) {
		if ((rc = cp__ofd_path_of(path, file, n)) > 0)
			continue;
		if (rc < 0 || (*out == NULL && cp__ofd_res_new(out, outer,
		    doc->default_cs) < 0))
			goto nomem;
		/* a page resource file that cannot be read gives nothing:
		 * what uses it is reported when drawn */
		if (cp__ofd_res_read(*out, doc->zip, path, why,
		    sizeof(why)) < 0)
			goto nomem;
	}
	return 0;
nomem:
	cp__ofd_res_free(*out);
	*out = NULL;
	return -1;
}

/* Draws the Content of page or template `xml` (file `file`). */
static int
draw_content(cp__ofd_drawing *dw, cp__ofd_doc *doc, const xmlDoc *xml,
    const char *file, const cp__ofd_matrix *m, unsigned depth)
{
	const cp__ofd_res *res;
	cp__ofd_res *own;
	cp__ofd_scope sc;
	int rc;

	if ((res = cp__ofd_doc_resources(doc)) == NULL ||
	    page_resources(&own, doc, xml, file, res) < 0)
		return -1;
	memset(&sc, 0, sizeof(sc));
	sc.zip = doc->zip;
	sc.res = own != NULL ? own : res;
	sc.m = *m;
	cp__ofd_style_default(&sc.style);
	sc.alpha = 1;
	sc.depth = depth;
	rc = cp__ofd_draw_objects(dw, &sc, cp__xml_child(
	    xmlDocGetRootElement(xml), "Content"));
	cp__ofd_res_free(own);
	return rc;
}

/* ---- templates ------------------------------------------------------- */

typedef struct {
	const xmlDoc *xml;
	const char *file;
	bool foreground;
} placed_template;

/* The templates page content `xml` names, in order (the page's ZOrder
 * over its TemplatePage's); one that cannot be read is reported. */
static int
page_templates(cp__ofd_drawing *dw, cp__ofd_doc *doc, const xmlDoc *xml,
    placed_template *out, size_t *n)
{
	const xmlNode *t;
	const char *id, *z;
	char why[256];
	size_t i;
	int rc;

	*n = 0;
	for (t = cp__xml_child(xmlDocGetRootElement(xml), "Template");
	    t != NULL && *n < MAX_PAGE_TEMPLATES;
	    t = cp__xml_next(t, "Template")) {
		id = cp__xml_attr(t, "TemplateID");
		rc = cp__ofd_doc_template_xml(doc, id, &out[*n].xml,
		    &out[*n].foreground, why, sizeof(why));
		if (rc < 0)
			return -1;
		if (rc > 0) {
			if (cp__ofd_damaged(dw, NULL, "a template of page "
			    "%zu: its document %s", dw->page, why) < 0)
				return -1;
			continue;
		}
		for (i = 0; i < doc->ntpls; i++)
			if (doc->tpls[i].xml == out[*n].xml)
				out[*n].file = doc->tpls[i].path;
		if ((z = cp__xml_attr(t, "ZOrder")) != NULL)
			out[*n].foreground = strcmp(z, "Foreground") == 0;
		(*n)++;
	}
	return 0;
}

static int
draw_templates(cp__ofd_drawing *dw, cp__ofd_doc *doc,
    const placed_template *t, size_t n, bool foreground,
    const cp__ofd_matrix *m, unsigned depth)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if (t[i].foreground == foreground && (rc = draw_content(dw, doc,
		    t[i].xml, t[i].file, m, depth)) != 0)
			return rc;
	return 0;
}

/* ---- annotations -------------------------------------------------------- */

/* Draws the annotations of one annotation file. */
static int
draw_annot_file(cp__ofd_drawing *dw, cp__ofd_doc *doc, const char *path,
    const cp__ofd_scope *sc)
{
	const xmlNode *a, *ap;
	cp__ofd_scope inner;
	char why[256];
	double box[4];
	cp__ofd_matrix at;
	xmlDoc *xml;
	int rc;

	if ((rc = cp__ofd_zip_read_xml(doc->zip, path, &xml, why,
	    sizeof(why))) != 0)
		return rc < 0 ? -1 : cp__ofd_damaged(dw, NULL, "the "
		    "annotations of page %zu (%s)", dw->page, why);
	for (a = cp__xml_child(xmlDocGetRootElement(xml), "Annot");
	    a != NULL && rc == 0; a = cp__xml_next(a, "Annot")) {
		if ((rc = cp__ofd_count(dw, 1, 0)) != 0)
			break;
		if (!cp__ofd_flag(cp__xml_attr(a, "Visible"), true))
			continue;
		/* an appearance is a page block placed at its Boundary */
		for (ap = cp__xml_child(a, "Appearance"); ap != NULL &&
		    rc == 0; ap = cp__xml_next(ap, "Appearance")) {
			if (!cp__ofd_box(cp__xml_attr(ap, "Boundary"), box))
				box[0] = box[1] = 0;
			inner = *sc;
			at = cp__ofd_translate(box[0], box[1]);
			inner.m = cp__ofd_concat(&at, &sc->m);
			inner.depth++;
			rc = cp__ofd_draw_objects(dw, &inner, ap);
		}
	}
	xmlFreeDoc(xml);
	return rc;
}

static int
draw_annotations(cp__ofd_drawing *dw, cp__ofd_doc *doc, size_t page,
    const cp__ofd_matrix *m, unsigned depth)
{
	const cp__ofd_res *res;
	cp__ofd_scope sc;
	size_t i;
	int rc;

	if (doc->annots_problem != NULL && cp__ofd_damaged(dw, NULL,
	    "the annotations (%s)", doc->annots_problem) < 0)
		return -1;
	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < doc->nannots; i++) {
		if (!same_page(doc->annots[i].page_id, doc->pages[page].id))
			continue;
		if (sc.zip == NULL) {
			if ((res = cp__ofd_doc_resources(doc)) == NULL)
				return -1;
			sc.zip = doc->zip;
			sc.res = res;
			sc.m = *m;
			cp__ofd_style_default(&sc.style);
			sc.alpha = 1;
			sc.depth = depth;
		}
		if ((rc = draw_annot_file(dw, doc, doc->annots[i].path,
		    &sc)) != 0)
			return rc;
	}
	return 0;
}

/* ---- seals ------------------------------------------------------------ */

/* Draws the seal picture `seal`, an OFD, into `box` of the page. */
static int
draw_seal_ofd(cp__ofd_drawing *dw, const cp__ofd_signature *sig,
    const cp__ofd_seal *seal, const double box[4], const cp__ofd_matrix *m,
    unsigned depth)
{
	char why[256], *outer_why = dw->why;
	size_t outer_size = dw->why_size;
	cp__ofd_matrix s, at, place, sm;
	cp__ofd_doc *inner;
	double b[4];
	int rc;

	if ((rc = cp__ofd_doc_open_memory(&inner, seal->data, seal->len, why,
	    sizeof(why))) != 0)
		return rc < 0 ? -1 : cp__ofd_damaged(dw, NULL, "the seal "
		    "of signature %s (its picture, an OFD, %s)", sig->name,
		    why);
	cp__ofd_doc_page_box(inner, 0, b);
	s = cp__ofd_scale(box[2] / b[2], box[3] / b[3]);
	at = cp__ofd_translate(box[0], box[1]);
	sm = cp__ofd_concat(&s, &at);
	place = cp__ofd_concat(&sm, m);
	if (!cp__ofd_matrix_sane(&place)) {
		cp__ofd_doc_close(inner);
		return cp__ofd_unsupported(dw, NULL, "the seal of signature %s "
		    "(its box is out of any page)", sig->name);
	}
	/* what breaks the seal's page is said about the seal, not the
	 * page it stamps */
	dw->why = why;
	dw->why_size = sizeof(why);
	rc = draw_page(dw, inner, 0, &place, depth + 1);
	dw->why = outer_why;
	dw->why_size = outer_size;
	cp__ofd_doc_close(inner);
	if (rc > 0)
		return cp__ofd_damaged(dw, NULL, "the seal of signature %s "
		    "(its picture, an OFD, %s)", sig->name, why);
	return rc;
}

/* Draws the seal of signature `sig` into `box` of the page. */
static int
draw_seal(cp__ofd_drawing *dw, cp__ofd_doc *doc, const cp__ofd_signature *sig,
    const double box[4], const cp__ofd_matrix *m, unsigned depth)
{
	cp__ofd_matrix s, at, place;
	const char *what;
	cp__ofd_seal seal;
	char why[256];
	size_t len;
	char *data;
	int rc;

	if (sig->value == NULL)
		return cp__ofd_damaged(dw, NULL, "the seal of signature %s "
		    "(its Signature.xml names no signed value)", sig->name);
	if ((rc = cp__ofd_zip_read(doc->zip, sig->value, CP__OFD_IMAGE_MAX,
	    &data, &len, why, sizeof(why))) != 0)
		return rc < 0 ? -1 : cp__ofd_damaged(dw, NULL, "the seal "
		    "of signature %s (%s %s)", sig->name, sig->value, why);
	if (!cp__ofd_seal_find(&seal, (const unsigned char *)data, len)) {
		rc = cp__ofd_unsupported(dw, NULL, "the seal of signature %s "
		    "(no seal picture found in its signed value)", sig->name);
	} else if (strcmp(seal.type, "ofd") == 0) {
		rc = draw_seal_ofd(dw, sig, &seal, box, m, depth);
	} else {
		s = cp__ofd_scale(box[2], box[3]);
		at = cp__ofd_translate(box[0], box[1]);
		place = cp__ofd_concat(&s, &at);
		place = cp__ofd_concat(&place, m);
		if (!cp__ofd_matrix_sane(&place))
			rc = cp__ofd_unsupported(dw, NULL, "the seal of "
			    "signature %s (its box is out of any page)",
			    sig->name);
		else
			rc = cp__ofd_image_emit(dw, seal.data, seal.len,
			    &place, 1, sig->value, &what);
		if (rc > 0)
			rc = cp__ofd_unsupported(dw, NULL, "the seal of "
			    "signature %s (its picture %s)", sig->name, what);
	}
	free(data);
	return rc;
}

static int
draw_seals(cp__ofd_drawing *dw, cp__ofd_doc *doc, size_t page,
    const cp__ofd_matrix *m, unsigned depth)
{
	const cp__ofd_signature *sig;
	size_t i, k;
	int rc;

	for (i = 0; i < doc->nsigs; i++) {
		sig = &doc->sigs[i];
		/* a signature that cannot be read stamps no known page */
		if (sig->problem != NULL && page == 0 &&
		    cp__ofd_damaged(dw, NULL, "the seal of signature %s "
		    "(%s)", sig->name, sig->problem) < 0)
			return -1;
		for (k = 0; k < sig->nstamps; k++)
			if (same_page(sig->stamps[k].page_id,
			    doc->pages[page].id) &&
			    (rc = draw_seal(dw, doc, sig, sig->stamps[k].box, m,
			    depth)) != 0)
				return rc;
	}
	return 0;
}

/* ---- a page ----------------------------------------------------------- */

/* Draws page `page` of `doc`, its page space placed by `place` (after
 * its PhysicalBox's origin is moved to 0, 0). */
static int
draw_page(cp__ofd_drawing *dw, cp__ofd_doc *doc, size_t page,
    const cp__ofd_matrix *place, unsigned depth)
{
	placed_template tpls[MAX_PAGE_TEMPLATES];
	cp__ofd_matrix origin, m;
	const xmlDoc *xml;
	char why[256];
	double box[4];
	size_t ntpls;
	int rc;

	if (depth > CP__OFD_DOC_MAX_DEPTH)
		return cp__ofd_because(dw->why, dw->why_size, "nests seals "
		    "more than %u deep", CP__OFD_DOC_MAX_DEPTH);
	cp__ofd_doc_page_box(doc, page, box);
	origin = cp__ofd_translate(-box[0], -box[1]);
	m = cp__ofd_concat(&origin, place);
	if ((rc = cp__ofd_doc_page_xml(doc, page, &xml, why,
	    sizeof(why))) != 0)
		return rc < 0 ? -1 : cp__ofd_because(dw->why, dw->why_size,
		    "is a damaged OFD: %s", why);
	if ((rc = page_templates(dw, doc, xml, tpls, &ntpls)) != 0 ||
	    (rc = draw_templates(dw, doc, tpls, ntpls, false, &m, depth)) != 0)
		return rc;
	/* the templates did not read another page: xml is still valid */
	if ((rc = draw_content(dw, doc, xml, doc->pages[page].path, &m,
	    depth)) != 0 ||
	    (rc = draw_templates(dw, doc, tpls, ntpls, true, &m, depth)) != 0 ||
	    (rc = draw_annotations(dw, doc, page, &m, depth)) != 0)
		return rc;
	return draw_seals(dw, doc, page, &m, depth);
}

int
cp__ofd_doc_draw(cp__ofd_doc *doc, size_t page, const cp__ofd_painter *painter,
    void *ctx, char *why, size_t why_size)
{
	cp__ofd_matrix identity = cp__ofd_identity();
	cp__ofd_drawing dw;
	int rc;

	if (page >= doc->npages)
		return cp__ofd_because(why, why_size, "has no page %zu",
		    page + 1);
	cp__ofd_drawing_init(&dw, painter, ctx, page + 1, why, why_size);
	rc = draw_page(&dw, doc, page, &identity, 0);
	cp__ofd_drawing_fini(&dw);
	return rc;
}
