/* ofd_res.c - an OFD's resources (DocumentRes, PublicRes, PageRes):
 * colour spaces, draw parameters with their Relative chains, fonts,
 * multimedia and composite units, found by ID; and how colours and
 * line attributes apply to what a graphic object paints. */
#include "read/ofd_doc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/xml_int.h"
#include "util/strbuf.h"

struct cp__ofd_res {
	const cp__ofd_res *outer;
	uint32_t default_cs;
	xmlDoc *docs[CP__OFD_RES_FILES];
	char *files[CP__OFD_RES_FILES];         /* package paths */
	char *folders[CP__OFD_RES_FILES];       /* BaseLoc folders, "" */
	size_t nfiles;
	cp__ofd_item *items;                    /* in the order read */
	size_t n, cap;
	const cp__ofd_item **sorted;            /* by kind, then ID */
};

int
cp__ofd_res_new(cp__ofd_res **out, const cp__ofd_res *outer,
    uint32_t default_cs)
{
	if ((*out = calloc(1, sizeof(**out))) == NULL)
		return -1;
	(*out)->outer = outer;
	(*out)->default_cs = default_cs;
	return 0;
}

void
cp__ofd_res_free(cp__ofd_res *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nfiles; i++) {
		xmlFreeDoc(r->docs[i]);
		free(r->files[i]);
		free(r->folders[i]);
	}
	free(r->items);
	free(r->sorted);
	free(r);
}

/* ---- reading resource files ------------------------------------------ */

static const struct {
	const char *list, *element;
	cp__ofd_res_kind kind;
} lists[] = {
	{ "ColorSpaces", "ColorSpace", CP__OFD_RES_COLORSPACE },
	{ "DrawParams", "DrawParam", CP__OFD_RES_DRAWPARAM },
	{ "Fonts", "Font", CP__OFD_RES_FONT },
	{ "MultiMedias", "MultiMedia", CP__OFD_RES_MEDIA },
	{ "CompositeGraphicUnits", "CompositeGraphicUnit",
	    CP__OFD_RES_COMPOSITE },
};

static int
by_key(const void *a, const void *b)
{
	const cp__ofd_item *p = *(const cp__ofd_item *const *)a;
	const cp__ofd_item *q = *(const cp__ofd_item *const *)b;

	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	/* of two with one ID, the first read is found */
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Adds element `el` as a resource of kind `kind` from file `f`.  0, or
 * -1 when out of memory. */
static int
add_item(cp__ofd_res *r, size_t f, const xmlNode *el, cp__ofd_res_kind kind)
{
	cp__ofd_item *items;
	uint32_t id;

	if (r->n >= CP__OFD_RES_MAX || !cp__ofd_id(cp__xml_attr(el, "ID"), &id))
		return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;

		if ((items = realloc(r->items, cap * sizeof(*items))) == NULL)
			return -1;
		r->items = items;
		r->cap = cap;
	}
	r->items[r->n].id = id;
	r->items[r->n].kind = kind;
	r->items[r->n].node = el;
	r->items[r->n].folder = r->folders[f];
	r->items[r->n].file = r->files[f];
	r->items[r->n].seq = r->n;
	r->n++;
	return 0;
}

/* Rebuilds the index by kind and ID after a file was read. */
static int
index_items(cp__ofd_res *r)
{
	const cp__ofd_item **sorted;
	size_t i;

	if (r->n == 0)
		return 0;
	if ((sorted = realloc(r->sorted, r->n * sizeof(*sorted))) == NULL)
		return -1;
	r->sorted = sorted;
	for (i = 0; i < r->n; i++)
		sorted[i] = &r->items[i];
	qsort(sorted, r->n, sizeof(*sorted), by_key);
	return 0;
}

/* The folder a resource file's BaseLoc names, or "" (a new string). */
static char *
base_folder(const char *path, const xmlNode *root)
{
	char folder[CP__OFD_PATH_MAX];
	const char *base = cp__xml_attr(root, "BaseLoc");

	if (base == NULL || cp__ofd_resolve(folder, path, base) != 0)
		folder[0] = '\0';
	return cp__strdup(folder);
}

int
cp__ofd_res_read(cp__ofd_res *r, cp__ofd_zip *zip, const char *path,
    char *why, size_t why_size)
{
	const xmlNode *root, *list, *el;
	size_t f = r->nfiles, k;
	xmlDoc *doc;
	int rc;

	if (f >= CP__OFD_RES_FILES)
		return 0;
	if ((rc = cp__ofd_zip_read_xml(zip, path, &doc, why, why_size)) != 0)
		return rc;
	root = xmlDocGetRootElement(doc);
	r->docs[f] = doc;
	r->files[f] = cp__strdup(path);
	r->folders[f] = base_folder(path, root);
	r->nfiles++;
	if (r->files[f] == NULL || r->folders[f] == NULL)
		return -1;
	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
		for (list = cp__xml_child(root, lists[k].list); list != NULL;
		    list = cp__xml_next(list, lists[k].list))
			for (el = cp__xml_child(list, lists[k].element);
			    el != NULL; el = cp__xml_next(el, lists[k].element))
				if (add_item(r, f, el, lists[k].kind) < 0)
					return -1;
	return index_items(r);
}

const cp__ofd_item *
cp__ofd_res_find(const cp__ofd_res *r, cp__ofd_res_kind kind, uint32_t id)
{
	cp__ofd_item key;
	const cp__ofd_item *kp = &key;
	size_t lo, hi, mid;

	key.kind = kind;
	key.id = id;
	key.seq = 0;
	for (; r != NULL; r = r->outer) {
		/* the first of the entries >= key */
		for (lo = 0, hi = r->n; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (by_key(&r->sorted[mid], &kp) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < r->n && r->sorted[lo]->kind == kind &&
		    r->sorted[lo]->id == id)
			return r->sorted[lo];
	}
	return NULL;
}

size_t
cp__ofd_res_count(const cp__ofd_res *r)
{
	return r->n;
}

const cp__ofd_item *
cp__ofd_res_at(const cp__ofd_res *r, size_t i)
{
	return i < r->n ? &r->items[i] : NULL;
}

int
cp__ofd_res_media_path(char *out, const cp__ofd_item *item)
{
	char base[CP__OFD_PATH_MAX + 2];
	int rc;

	/* a MediaFile is relative to the BaseLoc folder: resolve it as if
	 * it were written in a file inside that folder */
	if (item->folder[0] != '\0')
		snprintf(base, sizeof(base), "%s/_", item->folder);
	else
		snprintf(base, sizeof(base), "%s", item->file);
	rc = cp__ofd_path_of(out, base, cp__xml_child(item->node, "MediaFile"));
	return rc == 0 ? 0 : 1;
}

/* ---- colours ---------------------------------------------------------- */

/* The elements that paint with something other than a colour. */
static const char *const shadings[] = {
	"AxialShd", "RadialShd", "GouraudShd", "LaGourandShd",
	"LaGouraudShd", "Pattern",
};

/* Reads the next component of a colour value: a number, or "#FF". */
static int
component(const char **p, double *out)
{
	const char *s = *p;
	unsigned long v = 0;
	int digits = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s != '#')
		return cp__ofd_number(p, out);
	for (s++; digits < 8; s++, digits++) {
		if (*s >= '0' && *s <= '9')
			v = v * 16 + (unsigned long)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			v = v * 16 + (unsigned long)((*s | 0x20) - 'a' + 10);
		else
			break;
	}
	if (digits == 0)
		return -1;
	*p = s;
	*out = (double)v;
	return 0;
}

/* The components a colour space takes (Type GRAY 1, CMYK 4, else RGB
 * 3) and the largest value of one (BitsPerComponent, default 8). */
static void
space_of(const xmlNode *cs, int *n, double *max)
{
	const char *type = cp__xml_attr(cs, "Type");
	const char *bpc = cp__xml_attr(cs, "BitsPerComponent");
	double bits = 8;

	*n = 3;
	if (type != NULL && (strcmp(type, "GRAY") == 0 ||
	    strcmp(type, "Gray") == 0 || strcmp(type, "GREY") == 0))
		*n = 1;
	else if (type != NULL && strcmp(type, "CMYK") == 0)
		*n = 4;
	if (bpc != NULL && (cp__ofd_number(&bpc, &bits) != 0 ||
	    (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16)))
		bits = 8;
	*max = bits == 16 ? 65535 : (double)((1u << (unsigned)bits) - 1);
}

/* The value of palette entry `index` of colour space `cs`, or NULL. */
static const char *
palette_entry(const xmlNode *cs, const char *index)
{
	const xmlNode *cv;
	uint32_t i, k;

	if (!cp__ofd_id(index, &i) || i > 65535)
		return NULL;
	cv = cp__xml_child(cp__xml_child(cs, "Palette"), "CV");
	for (k = 0; cv != NULL && k < i; k++)
		cv = cp__xml_next(cv, "CV");
	return cp__ofd_content(cv);
}

/*
 * Reads colour element `el` (FillColor, StrokeColor) into *out, in its
 * colour space (ColorSpace, else the default) into RGB.  A shading or
 * pattern inside it goes to *shading.  True when it gives a colour.
 */
static bool
read_color(const cp__ofd_res *r, const xmlNode *el, cp__ofd_color *out,
    const char **shading)
{
	const cp__ofd_item *cs = NULL;
	const char *value, *p;
	double v[4], max, alpha = 255;
	const xmlNode *c;
	uint32_t id;
	size_t k;
	int n, i;

	for (c = el->children; c != NULL; c = c->next)
		for (k = 0; k < sizeof(shadings) / sizeof(shadings[0]); k++)
			if (cp__xml_is(c, shadings[k]))
				*shading = shadings[k];
	if (cp__ofd_id(cp__xml_attr(el, "ColorSpace"), &id))
		cs = cp__ofd_res_find(r, CP__OFD_RES_COLORSPACE, id);
	if (cs == NULL && r != NULL && r->default_cs != 0)
		cs = cp__ofd_res_find(r, CP__OFD_RES_COLORSPACE, r->default_cs);
	space_of(cs != NULL ? cs->node : NULL, &n, &max);
	if ((value = cp__xml_attr(el, "Value")) == NULL && cs != NULL)
		value = palette_entry(cs->node, cp__xml_attr(el, "Index"));
	if (value == NULL)
		return false;
	for (p = value, i = 0; i < n; i++) {
		if (component(&p, &v[i]) != 0)
			return false;
		v[i] = v[i] < 0 ? 0 : v[i] > max ? 1 : v[i] / max;
	}
	if ((p = cp__xml_attr(el, "Alpha")) != NULL &&
	    cp__ofd_number(&p, &alpha) == 0)
		alpha = alpha < 0 ? 0 : alpha > 255 ? 255 : alpha;
	if (n == 1) {
		out->r = out->g = out->b = v[0];
	} else if (n == 4) {
		out->r = (1 - v[0]) * (1 - v[3]);
		out->g = (1 - v[1]) * (1 - v[3]);
		out->b = (1 - v[2]) * (1 - v[3]);
	} else {
		out->r = v[0];
		out->g = v[1];
		out->b = v[2];
	}
	out->alpha = alpha / 255;
	return true;
}

/* ---- styles ----------------------------------------------------------- */

void
cp__ofd_style_default(cp__ofd_style *s)
{
	static const cp__ofd_color black = { 0, 0, 0, 1 };

	memset(s, 0, sizeof(*s));
	s->paint.fill_color = black;
	s->paint.stroke_color = black;
	s->paint.line_width = 0.353;
	s->paint.miter_limit = 3.528;
}

/* The index of `s` among `names` (n of them), or -1. */
static int
choice(const char *s, const char *const *names, int n)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

void
cp__ofd_style_apply(cp__ofd_style *s, const cp__ofd_res *r,
    const xmlNode *el)
{
	static const char *const caps[] = { "Butt", "Round", "Square" };
	static const char *const joins[] = { "Miter", "Round", "Bevel" };
	const xmlNode *c;
	const char *p;
	double v;
	int k;

	if ((p = cp__xml_attr(el, "LineWidth")) != NULL &&
	    cp__ofd_number(&p, &v) == 0 && v >= 0 && v <= 1000)
		s->paint.line_width = v;
	if ((p = cp__xml_attr(el, "MiterLimit")) != NULL &&
	    cp__ofd_number(&p, &v) == 0 && v > 0 && v <= 1000)
		s->paint.miter_limit = v;
	if ((k = choice(cp__xml_attr(el, "Cap"), caps, 3)) >= 0)
		s->paint.cap = k;
	if ((k = choice(cp__xml_attr(el, "Join"), joins, 3)) >= 0)
		s->paint.join = k;
	if ((c = cp__xml_child(el, "FillColor")) != NULL) {
		(void)read_color(r, c, &s->paint.fill_color, &s->shading);
		s->fill_given = true;
	}
	if ((c = cp__xml_child(el, "StrokeColor")) != NULL)
		(void)read_color(r, c, &s->paint.stroke_color, &s->shading);
}

void
cp__ofd_style_param(cp__ofd_style *s, const cp__ofd_res *r, uint32_t id)
{
	const xmlNode *chain[CP__OFD_RES_CHAIN];
	uint32_t ids[CP__OFD_RES_CHAIN];
	const cp__ofd_item *it;
	size_t n = 0, k;

	while (n < CP__OFD_RES_CHAIN &&
	    (it = cp__ofd_res_find(r, CP__OFD_RES_DRAWPARAM, id)) != NULL) {
		for (k = 0; k < n; k++)
			if (ids[k] == id)
				goto apply;     /* a Relative loop */
		chain[n] = it->node;
		ids[n++] = id;
		if (!cp__ofd_id(cp__xml_attr(it->node, "Relative"), &id))
			break;
	}
apply:
	/* the farthest first, so that each nearer one overrides it */
	while (n-- > 0)
		cp__ofd_style_apply(s, r, chain[n]);
}

void
cp__ofd_res_font(const cp__ofd_res *r, uint32_t id, const char **name,
    const char **family, bool *bold, bool *italic)
{
	const cp__ofd_item *it = cp__ofd_res_find(r, CP__OFD_RES_FONT, id);
	const char *s;

	*name = *family = "";
	*bold = *italic = false;
	if (it == NULL)
		return;
	if ((s = cp__xml_attr(it->node, "FontName")) != NULL)
		*name = s;
	if ((s = cp__xml_attr(it->node, "FamilyName")) != NULL)
		*family = s;
	*bold = cp__ofd_flag(cp__xml_attr(it->node, "Bold"), false);
	*italic = cp__ofd_flag(cp__xml_attr(it->node, "Italic"), false);
}
