/* stamp.c - the stamps on the input pages.
 *
 * The renderer draws each input page's footer (claim reference, document
 * and page number) as a page of the generated PDF, stamp_width x
 * stamp_height points.  Those pages are never added to the output: the
 * input page draws the stamp's operators itself, after its own content,
 * at the bottom centre of the page as the reader sees it (after its crop
 * box and /Rotate), scaled down on a page too narrow for it and clipped
 * to the box.  The resources they use (libharu's font, one for the whole
 * bundle) are copied into the output once and named on each page with a
 * name the page does not use, written into the operators (stamp_draw()).
 * What all stamps share (the operators that end the page's content and
 * start the stamp: its place, clip, colour and font) is a content stream
 * that every page in the same state draws; a page's own is the stream
 * that places and shows its text.  A stamp so costs its page about as
 * many bytes as its text: a form XObject per stamp cost 2.5 times as
 * much.
 *
 * Nothing in a page's content may undo or swallow the stamp.  Each page
 * is read first in its source (page_content_int.h): a whole page keeps
 * its own content streams (no copy in memory) between claimpack's q and
 * as many Q as it needs; a damaged one is drawn from a form XObject that
 * holds its content decoded (wrap_content()).
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/assemble_int.h"
#include "pdf/content_scan.h"
#include "pdf/objects_int.h"
#include "pdf/page_content_int.h"
#include "pdf/qpdf_error_int.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The stamp box sits this far above the visible bottom edge ... */
#define STAMP_LIFT 6.0
/* ... and is scaled down when the page (as seen) is narrower than the
 * box plus this margin on each side. */
#define STAMP_MARGIN 12.0

/* The most resources one stamp may use: libharu's stamp uses one font. */
#define STAMP_MAX_RES 8

/* The resource dictionaries a stamp's operators may name. */
static const char *const res_kinds[] = {
	"/ColorSpace", "/ExtGState", "/Font", "/Pattern", "/Properties",
	"/Shading", "/XObject"
};

/* The operators that name a resource, and the dictionary each looks the
 * name (its last name operand) up in. */
static const struct {
	const char *op;
	const char *kind;
} res_ops[] = {
	{ "Tf", "/Font" }, { "gs", "/ExtGState" }, { "Do", "/XObject" },
	{ "sh", "/Shading" }, { "cs", "/ColorSpace" }, { "CS", "/ColorSpace" },
	{ "scn", "/Pattern" }, { "SCN", "/Pattern" },
	{ "BDC", "/Properties" }, { "DP", "/Properties" }
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A resource the stamp's operators name. */
typedef struct {
	const char *kind;   /* its dictionary, a res_kinds[] string */
	char from[64];      /* its name in the generated page */
	qpdf_oh obj;        /* the resource, copied into the output */
	char to[32];        /* its name on the page being stamped */
} stamp_res;

/* A generated page, ready to be drawn on input pages. */
typedef struct {
	unsigned char *content;     /* its operators, decoded */
	size_t len;
	stamp_res res[STAMP_MAX_RES];
	size_t nres;
} stamp;

/* A content stream that several pages draw: it is made once. */
typedef struct {
	char *data;
	size_t len;
	qpdf_oh oh;
} shared_stream;

/* What stamping the pages makes once and shares between pages. */
typedef struct {
	cp__asm_ctx *c;
	qpdf_oh q_stream;       /* the shared "q" content stream, or 0 */
	size_t common;          /* bytes at the start of every stamp's
	                           operators that are the same in all */
	shared_stream *shared;  /* the streams that start stamps */
	size_t nshared;
	size_t cap;
} stamper;

/* Reads a rectangle [llx lly urx ury] (corners in either order). */
static bool
read_box(qpdf_data q, qpdf_oh page, const char *key, double box[4])
{
	qpdf_oh arr = cp__oh_dict_get(q, page, key);
	double v[4];
	int i;

	if (!qpdf_oh_is_array(q, arr) || qpdf_oh_get_array_n_items(q, arr) != 4)
		return false;
	for (i = 0; i < 4; i++)
		if (!qpdf_oh_get_value_as_number(q,
		    qpdf_oh_get_array_item(q, arr, i), &v[i]) ||
		    !isfinite(v[i]))
			return false;
	box[0] = v[0] < v[2] ? v[0] : v[2];
	box[1] = v[1] < v[3] ? v[1] : v[3];
	box[2] = v[0] < v[2] ? v[2] : v[0];
	box[3] = v[1] < v[3] ? v[3] : v[1];
	return box[2] > box[0] && box[3] > box[1];
}

/* The part of the page a viewer shows: the crop box clipped to the media
 * box, and the media box when there is no usable crop box. */
static void
visible_box(qpdf_data q, qpdf_oh page, double box[4])
{
	double crop[4];

	if (!read_box(q, page, "/MediaBox", box)) {
		/* No usable /MediaBox: viewers fall back to US Letter. */
		box[0] = 0;
		box[1] = 0;
		box[2] = 612;
		box[3] = 792;
	}
	if (!read_box(q, page, "/CropBox", crop))
		return;
	crop[0] = crop[0] > box[0] ? crop[0] : box[0];
	crop[1] = crop[1] > box[1] ? crop[1] : box[1];
	crop[2] = crop[2] < box[2] ? crop[2] : box[2];
	crop[3] = crop[3] < box[3] ? crop[3] : box[3];
	if (crop[2] > crop[0] && crop[3] > crop[1])
		memcpy(box, crop, sizeof(crop));
}

int
cp__asm_page_rotation(qpdf_data q, qpdf_oh page)
{
	qpdf_oh r = cp__oh_dict_get(q, page, "/Rotate");
	double v;
	long long deg;

	if (!qpdf_oh_get_value_as_number(q, r, &v) || !isfinite(v) ||
	    v > 1e9 || v < -1e9)
		return 0;
	deg = (long long)v % 360;
	if (deg < 0)
		deg += 360;
	/* Anything but a multiple of 90 is invalid; viewers show such a
	 * page unrotated. */
	return deg % 90 == 0 ? (int)deg : 0;
}

/*
 * The matrix [a b c d e f] taking stamp space (u right, v up, as the
 * reader sees the page) to the page's user space, putting the box at the
 * bottom centre of the visible `box` turned by `rot` degrees clockwise.
 * In seen coordinates the box's origin is (u0, v0) and it is scaled by s;
 * seen (U, V) then maps to user space as
 *   0:   x = llx + U,  y = lly + V
 *   90:  x = urx - V,  y = lly + U
 *   180: x = urx - U,  y = ury - V
 *   270: x = llx + V,  y = ury - U
 */
static void
stamp_matrix(const double box[4], int rot, double w, double m[6])
{
	double llx = box[0], lly = box[1], urx = box[2], ury = box[3];
	double seen_w = rot == 90 || rot == 270 ? ury - lly : urx - llx;
	double s = 1.0, u0, v0 = STAMP_LIFT;

	if (seen_w < w + 2 * STAMP_MARGIN)
		s = seen_w / (w + 2 * STAMP_MARGIN);
	u0 = (seen_w - s * w) / 2;
	switch (rot) {
	case 90:
		m[0] = 0; m[1] = s; m[2] = -s; m[3] = 0;
		m[4] = urx - v0; m[5] = lly + u0;
		break;
	case 180:
		m[0] = -s; m[1] = 0; m[2] = 0; m[3] = -s;
		m[4] = urx - u0; m[5] = ury - v0;
		break;
	case 270:
		m[0] = 0; m[1] = -s; m[2] = s; m[3] = 0;
		m[4] = llx + v0; m[5] = ury - u0;
		break;
	default:
		m[0] = s; m[1] = 0; m[2] = 0; m[3] = s;
		m[4] = llx + u0; m[5] = lly + v0;
		break;
	}
}

/* The operators of generated page `s`, decoded, into *data (the
 * caller's to free, also after a failure). */
static int
stamp_content(cp__asm_ctx *c, int s, unsigned char **data, size_t *len)
{
	qpdf_data g = c->gen.q;
	qpdf_oh page;
	char what[64];

	*data = NULL;
	*len = 0;
	page = qpdf_get_page_n(g, (size_t)s);
	if (qpdf_has_error(g) ||
	    (qpdf_oh_get_page_content_data(g, page, data, len) &
	    QPDF_ERRORS)) {
		snprintf(what, sizeof(what), "cannot use generated page %d "
		    "as a stamp", s + 1);
		return cp__qpdf_fail(c->err, g, NULL, what);
	}
	return CP_OK;
}

/* How many bytes at the start of their operators all the stamps the
 * pages use have in common, into st->common.  libharu starts each the
 * same way (colour, text object, font; where the text goes and the text
 * differ), so that part can be drawn by a stream the pages share. */
static int
stamp_common(stamper *st)
{
	const cp__assembly *a = st->c->a;
	unsigned char *first = NULL, *data;
	size_t len, k, i;
	bool any = false;
	int rc = CP_OK;

	st->common = 0;
	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].stamp < 0)
			continue;
		if ((rc = stamp_content(st->c, a->pages[i].stamp, &data,
		    &len)) != CP_OK) {
			free(data);
			break;
		}
		if (!any) {
			first = data;
			st->common = len;
			any = true;
			continue;
		}
		for (k = 0; k < st->common && k < len && data[k] == first[k];
		    k++)
			;
		st->common = k;
		free(data);
		if (k == 0)
			break;
	}
	free(first);
	return rc;
}

/* Adds to `st` the resources in dictionary `kind` of `res` (resources in
 * the generated document `g`), copied into `out`: the same object for
 * every stamp, as libqpdf copies a foreign object once.  Returns 0, or
 * -1 when there are more than STAMP_MAX_RES or a name is too long. */
static int
stamp_add_res(stamp *st, qpdf_data out, qpdf_data g, qpdf_oh res,
    const char *kind)
{
	qpdf_oh dict = cp__oh_dict_get(g, res, kind), obj;
	const char *key;
	size_t first = st->nres, k;

	if (!qpdf_oh_is_dictionary(g, dict))
		return 0;
	/* The names first, so that no other call comes between the key
	 * iterator's steps. */
	qpdf_oh_begin_dict_key_iter(g, dict);
	while (qpdf_oh_dict_more_keys(g)) {
		key = qpdf_oh_dict_next_key(g);
		if (st->nres == STAMP_MAX_RES ||
		    strlen(key) >= sizeof(st->res[0].from))
			return -1;
		st->res[st->nres].kind = kind;
		snprintf(st->res[st->nres].from, sizeof(st->res[0].from), "%s",
		    key);
		st->nres++;
	}
	for (k = first; k < st->nres; k++) {
		obj = qpdf_oh_get_key(g, dict, st->res[k].from);
		/* libqpdf copies indirect objects only (libharu's font
		 * is one: copied once for the bundle). */
		if (!qpdf_oh_is_indirect(g, obj))
			obj = qpdf_make_indirect_object(g, obj);
		st->res[k].obj = qpdf_oh_copy_foreign_object(out, g, obj);
	}
	return 0;
}

/* Reads generated page `s` into `out`: its operators, and its resources
 * copied into the output.  The caller frees out->content, also after a
 * failure. */
static int
stamp_load(cp__asm_ctx *c, int s, stamp *out)
{
	qpdf_data g = c->gen.q;
	qpdf_oh res;
	char what[64];
	size_t k;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = stamp_content(c, s, &out->content, &out->len)) != CP_OK)
		return rc;
	snprintf(what, sizeof(what), "cannot use generated page %d as a "
	    "stamp", s + 1);
	res = cp__oh_dict_get(g, qpdf_get_page_n(g, (size_t)s),
	    "/Resources");
	for (k = 0; k < NELEM(res_kinds); k++)
		if (stamp_add_res(out, c->out, g, res, res_kinds[k]) != 0)
			return cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "%s: it has more than %d resources or a name "
			    "longer than %zu bytes", what, STAMP_MAX_RES,
			    sizeof(out->res[0].from) - 1);
	if (qpdf_has_error(g))
		return cp__qpdf_fail(c->err, g, NULL, what);
	return cp__qpdf_check(c->err, c->out, NULL, what);
}

/* Gives `page` a /Resources of its own, a copy of the old one, and
 * returns it.  The old one may be shared with other pages (through the
 * page tree or a shared object), so it is never changed. */
static qpdf_oh
own_resources(qpdf_data q, qpdf_oh page)
{
	qpdf_oh res = cp__oh_copy_dict(q, cp__oh_dict_get(q, page,
	    "/Resources"));

	qpdf_oh_replace_key(q, page, "/Resources", res);
	return res;
}

/* Adds `obj` to dictionary `kind` of `res` (a page's own resources, see
 * own_resources()) under an unused name (`prefix` and a number), written
 * to `name`.  The old dictionary may be shared too, so it is copied. */
static void
add_resource(qpdf_data q, qpdf_oh res, const char *kind, qpdf_oh obj,
    const char *prefix, char *name, size_t size)
{
	qpdf_oh dict = cp__oh_copy_dict(q, cp__oh_dict_get(q, res, kind));
	unsigned n;

	for (n = 0;; n++) {
		snprintf(name, size, "%s%u", prefix, n);
		if (!qpdf_oh_has_key(q, dict, name))
			break;
	}
	qpdf_oh_replace_key(q, dict, name, obj);
	qpdf_oh_replace_key(q, res, kind, dict);
}

/* The value of hex digit `c`, or -1. */
static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* True when name token `p` (`n` bytes, the slash included) is `name`
 * once its #xx escapes are read, as libqpdf reads a dictionary key. */
static bool
name_is(const unsigned char *p, size_t n, const char *name)
{
	size_t i;
	int ch;

	for (i = 0; i < n; i++, name++) {
		ch = p[i];
		if (ch == '#' && i + 2 < n && hex_value(p[i + 1]) >= 0 &&
		    hex_value(p[i + 2]) >= 0) {
			ch = hex_value(p[i + 1]) * 16 + hex_value(p[i + 2]);
			i += 2;
		}
		if (*name == '\0' || (unsigned char)*name != ch)
			return false;
	}
	return *name == '\0';
}

static bool
token_is(const unsigned char *data, const cp__content_token *t,
    const char *word)
{
	size_t n = strlen(word);

	return t->end - t->start == n && memcmp(data + t->start, word, n) == 0;
}

/* Copying a stamp's operators for one page: each name that an operator
 * (res_ops[]) looks up is replaced by the name the resource has on the
 * page, and the copy is cut after the last operator that lies in the
 * part every stamp shares. */
typedef struct {
	const stamp *st;
	uint64_t common;            /* content[0, common) is in every stamp */
	cp__strbuf *sb;
	uint64_t copied;            /* content before this is in sb */
	size_t cut;                 /* sb->len at the cut */
	cp__content_token name;     /* the last name operand, if any */
	bool have_name;
	bool in_image;              /* between BI and the end of its data */
	bool after_id;
} renamer;

/* Appends byte `b` to a literal string: a backslash before the bytes
 * that end or escape it, and a CR escaped, as a reader would turn a raw
 * one into a LF. */
static void
literal_byte(cp__strbuf *sb, int b)
{
	char c = (char)b;

	if (c == '(' || c == ')' || c == '\\')
		cp__strbuf_add(sb, "\\", 1);
	if (c == '\r')
		cp__strbuf_add(sb, "\\r", 2);
	else
		cp__strbuf_add(sb, &c, 1);
}

/* Appends the content up to `to` to the copy. */
static void
rename_copy(renamer *r, uint64_t to)
{
	if (to == r->copied)
		return;
	cp__strbuf_add(r->sb, (const char *)r->st->content + r->copied,
	    (size_t)(to - r->copied));
	r->copied = to;
}

/* The operator `t` looks its last name operand up in a resource
 * dictionary: the name it has on the page replaces it. */
static void
rename_operand(renamer *r, const cp__content_token *t)
{
	const unsigned char *data = r->st->content;
	const stamp_res *res, *end = r->st->res + r->st->nres;
	size_t k;

	for (k = 0; k < NELEM(res_ops); k++)
		if (token_is(data, t, res_ops[k].op))
			break;
	if (k == NELEM(res_ops))
		return;
	for (res = r->st->res; res < end; res++)
		if (strcmp(res->kind, res_ops[k].kind) == 0 &&
		    name_is(data + r->name.start,
		    (size_t)(r->name.end - r->name.start), res->from))
			break;
	if (res == end)
		return;
	rename_copy(r, r->name.start);
	cp__strbuf_puts(r->sb, res->to);
	r->copied = r->name.end;
}

/* Copies hex string `t` as a literal string: the text of a stamp is
 * libharu's two bytes a character, which a literal string holds in half
 * the bytes, and every page has its own. */
static void
copy_as_literal(renamer *r, const cp__content_token *t)
{
	const unsigned char *data = r->st->content;
	uint64_t i;
	int v, hi = -1;

	rename_copy(r, t->start);
	cp__strbuf_add(r->sb, "(", 1);
	for (i = t->start + 1; i + 1 < t->end; i++) {
		if ((v = hex_value(data[i])) < 0)
			continue;
		if (hi < 0) {
			hi = v;
			continue;
		}
		literal_byte(r->sb, hi * 16 + v);
		hi = -1;
	}
	/* An odd last digit is followed by a 0. */
	if (hi >= 0)
		literal_byte(r->sb, hi * 16);
	cp__strbuf_add(r->sb, ")", 1);
	r->copied = t->end;
}

static void
rename_token(void *arg, const cp__content_token *t)
{
	renamer *r = arg;
	const unsigned char *data = r->st->content;
	unsigned char first = data[t->start];

	/* The first token after ID comes after the image data. */
	if (r->after_id)
		r->in_image = r->after_id = false;
	if (t->kind == CP__TOKEN_HEX) {
		copy_as_literal(r, t);
		return;
	}
	if (t->nest > 0)
		return;
	if (t->kind == CP__TOKEN_NAME) {
		r->name = *t;
		r->have_name = true;
		return;
	}
	/* Numbers, true, false and null are operands. */
	if ((first >= '0' && first <= '9') || first == '+' || first == '-' ||
	    first == '.' || token_is(data, t, "true") ||
	    token_is(data, t, "false") || token_is(data, t, "null"))
		return;
	if (r->have_name)
		rename_operand(r, t);
	r->have_name = false;
	if (token_is(data, t, "BI")) {
		r->in_image = true;
	} else if (token_is(data, t, "ID")) {
		r->after_id = true;
	} else if (!r->in_image && t->end < r->common) {
		/* The byte after the operator is shared too, so the
		 * operator is whole in every stamp. */
		rename_copy(r, t->end);
		r->cut = r->sb->len;
	}
}

/*
 * Writes the stamp `st` drawn through `m` after `prelude` (what ends the
 * page's own content): into `head` the prelude, "q a b c d e f cm", a
 * clip to the stamp box (w x h, as a form's /BBox would clip) and the
 * stamp's operators up to the cut (those every stamp shares, stamper's
 * common), and into `tail` the rest of them and "Q".  The operators name
 * the resources st->res[].to.  Returns 0, or -1 when the operators do
 * not end whole and balanced (they are libharu's: this does not happen),
 * so that nothing is drawn that could leave the page in another state.
 */
static int
stamp_draw(const stamper *sr, const stamp *st, const double m[6],
    const cp__strbuf *prelude, cp__strbuf *head, cp__strbuf *tail)
{
	const cp__assembly *a = sr->c->a;
	cp__strbuf ops = CP__STRBUF_INIT;
	cp__content_scan scan;
	renamer r;
	char num[8][48];
	int i, rc = 0;

	for (i = 0; i < 6; i++)
		cp__pdf_format_number(num[i], sizeof(num[i]), m[i]);
	cp__pdf_format_number(num[6], sizeof(num[6]), a->stamp_width);
	cp__pdf_format_number(num[7], sizeof(num[7]), a->stamp_height);
	cp__strbuf_add(head, prelude->data, prelude->len);
	cp__strbuf_printf(head, "q %s %s %s %s %s %s cm 0 0 %s %s re W n\n",
	    num[0], num[1], num[2], num[3], num[4], num[5], num[6], num[7]);
	memset(&r, 0, sizeof(r));
	r.st = st;
	r.common = sr->common;
	r.sb = &ops;
	cp__content_scan_start(&scan);
	cp__content_scan_tokens(&scan, rename_token, &r);
	cp__content_scan_feed(&scan, st->content, st->len);
	cp__content_scan_end(&scan);
	if (scan.damage != CP__CONTENT_WHOLE || scan.unbalanced ||
	    scan.open_q > 0 || scan.open_text)
		rc = -1;
	rename_copy(&r, st->len);
	if (ops.len > 0) {
		cp__strbuf_add(head, ops.data, r.cut);
		cp__strbuf_add(tail, ops.data + r.cut, ops.len - r.cut);
	}
	cp__strbuf_puts(tail, "\nQ\n");
	if (ops.failed)
		head->failed = true;
	cp__strbuf_free(&ops);
	return rc;
}

/* A content stream holding `sb`'s bytes, made once for all the pages
 * that draw the same bytes; 0 when out of memory. */
static qpdf_oh
shared_stream_of(stamper *st, const cp__strbuf *sb)
{
	shared_stream *s, *grown;
	size_t i;

	for (i = 0; i < st->nshared; i++) {
		s = &st->shared[i];
		if (s->len == sb->len &&
		    memcmp(s->data, sb->data, sb->len) == 0)
			return s->oh;
	}
	if (st->nshared == st->cap) {
		grown = realloc(st->shared, (st->cap * 2 + 8) *
		    sizeof(*grown));
		if (grown == NULL)
			return 0;
		st->shared = grown;
		st->cap = st->cap * 2 + 8;
	}
	s = &st->shared[st->nshared];
	if ((s->data = malloc(sb->len + 1)) == NULL)
		return 0;
	memcpy(s->data, sb->data, sb->len);
	s->len = sb->len;
	s->oh = cp__oh_new_stream(st->c->out, sb->data, sb->len);
	st->nshared++;
	return s->oh;
}

/*
 * A page whose content is whole (page_content_int.h): its own content
 * streams are kept as they are, after claimpack's shared "q", into
 * `arr`; `prelude` gets what ends them before the stamp: ET for a text
 * object the page left open, a Q for every q it left open and one for
 * claimpack's q, so that whatever state they leave behind cannot move
 * the stamp.  Items of
 * /Contents that are not streams are dropped, as libqpdf and viewers
 * ignore them.
 */
static void
keep_content(stamper *st, qpdf_oh page, const cp__page_content *scan,
    qpdf_oh arr, cp__strbuf *prelude)
{
	static const char q_op[] = "q\n";
	qpdf_data q = st->c->out;
	qpdf_oh old = cp__oh_dict_get(q, page, "/Contents"), item;
	uint64_t k;
	int i, n;

	if (st->q_stream == 0)
		st->q_stream = cp__oh_new_stream(q, q_op, sizeof(q_op) - 1);
	qpdf_oh_append_item(q, arr, st->q_stream);
	if (qpdf_oh_is_array(q, old)) {
		n = qpdf_oh_get_array_n_items(q, old);
		for (i = 0; i < n; i++) {
			item = qpdf_oh_get_array_item(q, old, i);
			if (qpdf_oh_is_stream(q, item))
				qpdf_oh_append_item(q, arr, item);
		}
	} else if (qpdf_oh_is_stream(q, old)) {
		qpdf_oh_append_item(q, arr, old);
	}
	/* The leading newline ends a last token the page left unfinished
	 * (a number, an operator, a comment). */
	cp__strbuf_puts(prelude, scan->open_text ? "\nET\n" : "\n");
	for (k = 0; k <= scan->open_q && k <= CP__PAGE_MAX_OPEN_Q; k++)
		cp__strbuf_puts(prelude, "Q\n");
}

/*
 * A page whose content could undo or swallow what is drawn after it (a
 * stray Q, a string or inline image left open, data that cannot be
 * decoded): its content, decoded as far as it can be read, becomes a
 * form XObject of its own, with the page's resources (`res`, taken
 * before the stamp was added to them) and its media box, named in the
 * page's own resources `own`; `prelude` gets the operators that draw
 * it.  Whatever the form does, a viewer restores the graphics state
 * after it, and its tokens end with its stream.
 */
static int
wrap_content(stamper *st, qpdf_oh page, qpdf_data src, qpdf_oh from,
    qpdf_oh res, qpdf_oh own, cp__strbuf *prelude)
{
	qpdf_data q = st->c->out;
	qpdf_oh form, dict, bbox;
	unsigned char *data;
	size_t len;
	double box[4];
	char form_name[32];
	int k;

	if (cp__page_content_salvage(&data, &len, src, from) != 0)
		return cp__error_set(st->c->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	form = cp__oh_new_stream(q, data, len);
	free(data);
	dict = qpdf_oh_get_dict(q, form);
	qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/XObject"));
	qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/Form"));
	if (!read_box(q, page, "/MediaBox", box)) {
		box[0] = 0;
		box[1] = 0;
		box[2] = 612;
		box[3] = 792;
	}
	bbox = qpdf_oh_new_array(q);
	for (k = 0; k < 4; k++)
		qpdf_oh_append_item(q, bbox, cp__oh_new_number(q, box[k]));
	qpdf_oh_replace_key(q, dict, "/BBox", bbox);
	qpdf_oh_replace_key(q, dict, "/Resources",
	    qpdf_oh_is_dictionary(q, res) ? res : qpdf_oh_new_dictionary(q));
	add_resource(q, own, "/XObject", form, "/CPPage", form_name,
	    sizeof(form_name));
	cp__strbuf_printf(prelude, "q %s Do Q\n", form_name);
	return CP_OK;
}

/* Output page i as it is in its source: the document (*src) and the
 * page there (*from). */
static void
source_page(cp__asm_ctx *c, size_t i, qpdf_data *src, qpdf_oh *from)
{
	const cp__out_page *p = &c->a->pages[i];

	*src = p->source == CP__FROM_GENERATED ? c->gen.q :
	    c->in[p->source].q;
	*from = qpdf_get_page_n(*src, p->page);
	/* The page was copied from there, so this cannot fail; if it
	 * did, a null page reads as a blank one. */
	if (!cp__qpdf_ok(*src))
		*from = qpdf_oh_new_null(*src);
}

/* Stamps output page `i` with generated page `s`: the page's content
 * (kept, or wrapped), then a stream that ends it and starts the stamp,
 * shared with the pages that need the same, then the page's own stream
 * with the rest of the stamp. */
static int
stamp_page(stamper *st, size_t i, int s)
{
	cp__asm_ctx *c = st->c;
	qpdf_data q = c->out;
	qpdf_oh page = c->page[i], res, own, from, arr, head;
	cp__strbuf prelude = CP__STRBUF_INIT, start = CP__STRBUF_INIT;
	cp__strbuf rest = CP__STRBUF_INIT;
	cp__page_content scan;
	qpdf_data src;
	stamp one;
	double box[4], m[6];
	size_t k;
	int rc;

	if ((rc = stamp_load(c, s, &one)) != CP_OK)
		goto done;
	visible_box(q, page, box);
	stamp_matrix(box, cp__asm_page_rotation(q, page), c->a->stamp_width,
	    m);
	source_page(c, i, &src, &from);
	if (cp__page_content_scan(&scan, src, from) != 0) {
		rc = cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto done;
	}
	/* The page's resources as they were, for a wrapped page's form;
	 * the page gets a copy that holds the stamp's too. */
	res = cp__oh_dict_get(q, page, "/Resources");
	own = own_resources(q, page);
	for (k = 0; k < one.nres; k++)
		add_resource(q, own, one.res[k].kind, one.res[k].obj,
		    "/CPStamp", one.res[k].to, sizeof(one.res[k].to));
	arr = qpdf_oh_new_array(q);
	if (!scan.wrap)
		keep_content(st, page, &scan, arr, &prelude);
	else if ((rc = wrap_content(st, page, src, from, res, own,
	    &prelude)) != CP_OK)
		goto done;
	if (stamp_draw(st, &one, m, &prelude, &start, &rest) != 0) {
		rc = cp__error_set(c->err, CP_EINVAL, NULL, 0, 0, "cannot use "
		    "generated page %d as a stamp: its content does not end "
		    "whole", s + 1);
		goto done;
	}
	if (prelude.failed || start.failed || rest.failed ||
	    (head = shared_stream_of(st, &start)) == 0) {
		rc = cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto done;
	}
	qpdf_oh_append_item(q, arr, head);
	qpdf_oh_append_item(q, arr, cp__oh_new_stream(q, rest.data,
	    rest.len));
	qpdf_oh_replace_key(q, page, "/Contents", arr);
done:
	free(one.content);
	cp__strbuf_free(&prelude);
	cp__strbuf_free(&start);
	cp__strbuf_free(&rest);
	return rc;
}

int
cp__asm_stamp_pages(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	stamper st;
	char what[64];
	size_t i;
	int rc;

	memset(&st, 0, sizeof(st));
	st.c = c;
	if ((rc = stamp_common(&st)) != CP_OK)
		return rc;
	for (i = 0; i < a->npages; i++) {
		if (a->pages[i].stamp < 0)
			continue;
		if ((rc = stamp_page(&st, i, a->pages[i].stamp)) != CP_OK)
			break;
		/* Its content was read: its source's mapped pages may
		 * leave memory (util/infile.h). */
		if (a->pages[i].source >= 0)
			cp__inmap_forget_pages(&c->in[a->pages[i].source].map);
		snprintf(what, sizeof(what), "cannot stamp page %zu", i + 1);
		if ((rc = cp__qpdf_check(c->err, c->out, a->out_path,
		    what)) != CP_OK)
			break;
	}
	for (i = 0; i < st.nshared; i++)
		free(st.shared[i].data);
	free(st.shared);
	return rc;
}
