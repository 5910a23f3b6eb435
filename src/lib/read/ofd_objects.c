/* ofd_objects.c - the graphic objects of an OFD page, handed to the
 * painter in page coordinates: layers and page blocks opened, text,
 * paths, images and composite objects placed by their Boundary origin
 * and CTM, painted with what their layer's and their own DrawParam,
 * their attributes and colours say.
 *
 * What the model leaves out: clipping (Clips are ignored: an e-invoice
 * clips nothing that shows, and drawing unclipped is fine for it),
 * dash patterns (lines are solid), a text object's HScale and glyph
 * transforms (CGTransform: the TextCode's characters are drawn), an
 * image's mask and border, blend modes.  Objects it does not draw at
 * all (a VideoObject) and shadings and patterns in place of a colour
 * go to painter->unsupported, once per kind and page. */
#include "read/ofd_draw_int.h"

#include <stdlib.h>
#include <string.h>

#include "read/xml_int.h"

/* A number attribute of `el` into *v; false when it has none. */
static bool
number_attr(const xmlNode *el, const char *name, double *v)
{
	const char *s = cp__xml_attr(el, name);

	return s != NULL && cp__ofd_number(&s, v) == 0;
}

/* The object's ID for messages ("" when it has none). */
static const char *
id_of(const xmlNode *obj)
{
	const char *id = cp__xml_attr(obj, "ID");

	return id != NULL && strlen(id) <= 20 ? id : "";
}

/* Where object `obj` goes: its CTM, then its Boundary's origin, then
 * the container's space.  False when that is no drawable transform. */
static bool
place(const cp__ofd_scope *sc, const xmlNode *obj, cp__ofd_matrix *out)
{
	cp__ofd_matrix ctm = cp__ofd_identity(), at, m;
	double box[4] = { 0, 0, 0, 0 };

	(void)cp__ofd_box(cp__xml_attr(obj, "Boundary"), box);
	(void)cp__ofd_ctm(cp__xml_attr(obj, "CTM"), &ctm);
	at = cp__ofd_translate(box[0], box[1]);
	m = cp__ofd_concat(&ctm, &at);
	*out = cp__ofd_concat(&m, &sc->m);
	return cp__ofd_matrix_sane(out);
}

/* The object's opacity: its Alpha (0..255) within the container's. */
static double
alpha_of(const cp__ofd_scope *sc, const xmlNode *obj)
{
	double a = 255;

	if (!number_attr(obj, "Alpha", &a) || a > 255)
		a = 255;
	if (a < 0)
		a = 0;
	return sc->alpha * a / 255;
}

/* How `obj` is painted: what it inherits, its DrawParam, its own
 * attributes and colours; a shading in place of a colour is reported. */
static int
style_of(cp__ofd_drawing *dw, const cp__ofd_scope *sc, const xmlNode *obj,
    cp__ofd_style *s)
{
	double alpha = alpha_of(sc, obj);
	uint32_t id;

	*s = sc->style;
	s->shading = NULL;
	if (cp__ofd_id(cp__xml_attr(obj, "DrawParam"), &id))
		cp__ofd_style_param(s, sc->res, id);
	cp__ofd_style_apply(s, sc->res, obj);
	s->paint.fill_color.alpha *= alpha;
	s->paint.stroke_color.alpha *= alpha;
	if (s->shading == NULL)
		return 0;
	return cp__ofd_unsupported(dw, s->shading, "a shading (%s) on %s %s",
	    s->shading, cp__xml_local(obj), id_of(obj));
}

/* ---- text --------------------------------------------------------------- */

/* A direction attribute: 0, 90, 180 or 270 (else 0). */
static int
direction(const xmlNode *obj, const char *name)
{
	double v;

	if (!number_attr(obj, name, &v))
		return 0;
	return v == 90 ? 90 : v == 180 ? 180 : v == 270 ? 270 : 0;
}

static int
draw_text(cp__ofd_drawing *dw, const cp__ofd_scope *sc, const xmlNode *obj)
{
	cp__ofd_text t;
	cp__ofd_style s;
	uint32_t font = 0;
	double weight = 400;
	bool bold, italic;
	int rc, read_dir, char_dir;

	if (dw->painter->text == NULL)
		return 0;
	memset(&t, 0, sizeof(t));
	if (!number_attr(obj, "Size", &t.size) || !(t.size > 0) ||
	    t.size > 10000)
		return cp__ofd_unsupported(dw, "text-size", "a TextObject "
		    "without a size (%s)", id_of(obj));
	if (!place(sc, obj, &t.m))
		return cp__ofd_unsupported(dw, "transform", "an object placed "
		    "out of any page (%s %s)", cp__xml_local(obj), id_of(obj));
	if ((rc = style_of(dw, sc, obj, &s)) != 0)
		return rc;
	(void)cp__ofd_id(cp__xml_attr(obj, "Font"), &font);
	cp__ofd_res_font(sc->res, font, &t.font_name, &t.family, &bold,
	    &italic);
	(void)number_attr(obj, "Weight", &weight);
	t.bold = bold || weight >= 700;
	t.italic = cp__ofd_flag(cp__xml_attr(obj, "Italic"), italic);
	read_dir = direction(obj, "ReadDirection");
	char_dir = direction(obj, "CharDirection");
	t.vertical = read_dir == 90 || read_dir == 270 || char_dir == 90 ||
	    char_dir == 270;
	t.paint = s.paint;
	t.paint.fill = cp__ofd_flag(cp__xml_attr(obj, "Fill"), true);
	t.paint.stroke = cp__ofd_flag(cp__xml_attr(obj, "Stroke"), false);
	rc = cp__ofd_text_glyphs(&dw->glyphs, obj, t.size, read_dir,
	    cp__ofd_items_left(dw));
	if (rc > 0)
		return cp__ofd_count(dw, 0, cp__ofd_items_left(dw) + 1);
	if (rc < 0 || (rc = cp__ofd_count(dw, 0, dw->glyphs.n)) != 0)
		return rc;
	t.chars = dw->glyphs.chars;
	t.x = dw->glyphs.x;
	t.y = dw->glyphs.y;
	t.n = dw->glyphs.n;
	if (t.n > 0)
		dw->painter->text(dw->ctx, &t);
	return 0;
}

/* ---- paths and images ---------------------------------------------------- */

static int
draw_path(cp__ofd_drawing *dw, const cp__ofd_scope *sc, const xmlNode *obj)
{
	const char *rule = cp__xml_attr(obj, "Rule");
	cp__ofd_path p;
	cp__ofd_style s;
	char *data;
	int rc;

	if (dw->painter->path == NULL)
		return 0;
	memset(&p, 0, sizeof(p));
	if (!place(sc, obj, &p.m))
		return cp__ofd_unsupported(dw, "transform", "an object placed "
		    "out of any page (%s %s)", cp__xml_local(obj), id_of(obj));
	if ((rc = style_of(dw, sc, obj, &s)) != 0)
		return rc;
	if ((data = cp__xml_text(cp__xml_child(obj, "AbbreviatedData"))) ==
	    NULL)
		return -1;
	rc = cp__ofd_abbrev_parse(&dw->segs, data, cp__ofd_items_left(dw));
	free(data);
	if (rc > 0)
		return cp__ofd_count(dw, 0, cp__ofd_items_left(dw) + 1);
	if (rc < 0 || (rc = cp__ofd_count(dw, 0, dw->segs.n)) != 0)
		return rc;
	p.segments = dw->segs.seg;
	p.n = dw->segs.n;
	p.even_odd = rule != NULL && (strcmp(rule, "Even-Odd") == 0 ||
	    strcmp(rule, "EvenOdd") == 0);
	p.paint = s.paint;
	p.paint.stroke = cp__ofd_flag(cp__xml_attr(obj, "Stroke"), true);
	/* A path filled in no colour given is filled in none: the
	 * default fill colour of a graphic object is transparent (the ⊗
	 * before an amount in words is a stroked circle and cross). */
	p.paint.fill = cp__ofd_flag(cp__xml_attr(obj, "Fill"), false) &&
	    s.fill_given;
	if (p.n > 0)
		dw->painter->path(dw->ctx, &p);
	return 0;
}

/* The resource `obj` names by ResourceID, of kind `kind`; NULL (the
 * painter told) when there is none. */
static const cp__ofd_item *
resource_of(cp__ofd_drawing *dw, const cp__ofd_scope *sc, const xmlNode *obj,
    cp__ofd_res_kind kind, int *rc)
{
	const char *ref = cp__xml_attr(obj, "ResourceID");
	const cp__ofd_item *it = NULL;
	uint32_t id;

	*rc = 0;
	if (cp__ofd_id(ref, &id))
		it = cp__ofd_res_find(sc->res, kind, id);
	if (it == NULL)
		*rc = cp__ofd_damaged(dw, NULL, "%s %s, whose resource "
		    "(%.20s) the document does not hold", cp__xml_local(obj),
		    id_of(obj), ref != NULL ? ref : "none");
	return it;
}

static int
draw_image(cp__ofd_drawing *dw, const cp__ofd_scope *sc, const xmlNode *obj)
{
	char path[CP__OFD_PATH_MAX];
	const cp__ofd_item *it;
	const char *type;
	cp__ofd_matrix m;
	int rc;

	if (dw->painter->image == NULL)
		return 0;
	if ((it = resource_of(dw, sc, obj, CP__OFD_RES_MEDIA, &rc)) == NULL)
		return rc;
	type = cp__xml_attr(it->node, "Type");
	if (type != NULL && strcmp(type, "Image") != 0)
		return cp__ofd_unsupported(dw, type, "%s %s, which shows a "
		    "multimedia resource of type %.20s", cp__xml_local(obj),
		    id_of(obj), type);
	if (cp__ofd_res_media_path(path, it) != 0)
		return cp__ofd_damaged(dw, NULL, "%s %s, whose image is no "
		    "file of the package", cp__xml_local(obj), id_of(obj));
	if (!place(sc, obj, &m))
		return cp__ofd_unsupported(dw, "transform", "an object placed "
		    "out of any page (%s %s)", cp__xml_local(obj), id_of(obj));
	return cp__ofd_image_draw(dw, sc->zip, path, &m, alpha_of(sc, obj));
}

/* ---- containers ------------------------------------------------------- */

static int
draw_composite(cp__ofd_drawing *dw, const cp__ofd_scope *sc,
    const xmlNode *obj)
{
	const cp__ofd_item *it;
	cp__ofd_scope inner;
	int rc;

	if ((it = resource_of(dw, sc, obj, CP__OFD_RES_COMPOSITE, &rc)) == NULL)
		return rc;
	inner = *sc;
	inner.depth++;
	inner.alpha = alpha_of(sc, obj);
	if (!place(sc, obj, &inner.m))
		return cp__ofd_unsupported(dw, "transform", "an object placed "
		    "out of any page (%s %s)", cp__xml_local(obj), id_of(obj));
	return cp__ofd_draw_objects(dw, &inner, cp__xml_child(it->node,
	    "Content"));
}

static int
draw_layer(cp__ofd_drawing *dw, const cp__ofd_scope *sc, const xmlNode *layer)
{
	cp__ofd_scope inner = *sc;
	uint32_t id;

	inner.depth++;
	if (cp__ofd_id(cp__xml_attr(layer, "DrawParam"), &id))
		cp__ofd_style_param(&inner.style, sc->res, id);
	return cp__ofd_draw_objects(dw, &inner, layer);
}

/* Draws one element of a container. */
static int
draw_one(cp__ofd_drawing *dw, const cp__ofd_scope *sc, const xmlNode *c)
{
	const char *name = cp__xml_local(c);
	cp__ofd_scope inner;
	size_t len;

	if (strcmp(name, "Layer") == 0)
		return draw_layer(dw, sc, c);
	if (strcmp(name, "PageBlock") == 0) {
		inner = *sc;
		inner.depth++;
		return cp__ofd_draw_objects(dw, &inner, c);
	}
	if (strcmp(name, "TextObject") == 0)
		return draw_text(dw, sc, c);
	if (strcmp(name, "PathObject") == 0)
		return draw_path(dw, sc, c);
	if (strcmp(name, "ImageObject") == 0)
		return draw_image(dw, sc, c);
	if (strcmp(name, "CompositeObject") == 0)
		return draw_composite(dw, sc, c);
	/* another kind of object (VideoObject): said, not drawn */
	len = strlen(name);
	if (len > 6 && len < 40 && strcmp(name + len - 6, "Object") == 0)
		return cp__ofd_unsupported(dw, name, "a %s", name);
	return 0;
}

int
cp__ofd_draw_objects(cp__ofd_drawing *dw, const cp__ofd_scope *sc,
    const xmlNode *container)
{
	const xmlNode *c;
	int rc;

	if (container == NULL)
		return 0;
	if (sc->depth > CP__OFD_DOC_MAX_DEPTH)
		return cp__ofd_because(dw->why, dw->why_size, "nests layers, "
		    "page blocks, composite objects and seals more than %u "
		    "deep on page %zu; claimpack draws at most %u",
		    CP__OFD_DOC_MAX_DEPTH, dw->page, CP__OFD_DOC_MAX_DEPTH);
	for (c = container->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((rc = cp__ofd_count(dw, 1, 0)) != 0)
			return rc;
		if (!cp__ofd_flag(cp__xml_attr(c, "Visible"), true))
			continue;
		if ((rc = draw_one(dw, sc, c)) != 0)
			return rc;
	}
	return 0;
}
