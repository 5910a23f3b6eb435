/* ofd_text.c - the characters of an OFD TextObject and where each one
 * stands: TextCode's X and Y, then its DeltaX and DeltaY offsets. */
#include "read/ofd_draw_int.h"

#include <stdlib.h>

#include "read/xml_int.h"
#include "util/utf8.h"

/* Makes room for one more character; 0 or -1. */
static int
grow(cp__ofd_glyphs *g)
{
	size_t cap = g->cap ? g->cap * 2 : 64;
	uint32_t *c;
	double *x, *y;

	if (g->n < g->cap)
		return 0;
	if ((c = realloc(g->chars, cap * sizeof(*c))) == NULL)
		return -1;
	g->chars = c;
	if ((x = realloc(g->x, cap * sizeof(*x))) == NULL)
		return -1;
	g->x = x;
	if ((y = realloc(g->y, cap * sizeof(*y))) == NULL)
		return -1;
	g->y = y;
	g->cap = cap;
	return 0;
}

/*
 * How far a character moves the pen when the file gives no offset: the
 * font's advance is not known here, so a CJK or full-width character
 * is taken as one em and any other as half of one.  E-invoices give
 * every offset; this only keeps text from other producers readable.
 */
static double
advance(uint32_t c, double size)
{
	return c >= 0x2e80 ? size : size / 2;
}

/* Reads attribute `name` of `el` as a number into *v; false when it
 * has none. */
static bool
number_attr(const xmlNode *el, const char *name, double *v)
{
	const char *s = cp__xml_attr(el, name);

	return s != NULL && cp__ofd_number(&s, v) == 0;
}

/* Where the next character goes. */
typedef struct {
	double x, y;
	double size;
	int dir;                /* 0, 90, 180, 270 */
} pen;

/* Moves the pen by the estimate for `c` along the reading direction. */
static void
estimate(pen *pn, uint32_t c, bool along_x)
{
	double a = advance(c, pn->size);

	if (along_x && (pn->dir == 0 || pn->dir == 180))
		pn->x += pn->dir == 0 ? a : -a;
	else if (!along_x && (pn->dir == 90 || pn->dir == 270))
		pn->y += pn->dir == 90 ? a : -a;
}

/* The characters of one TextCode, from the pen. */
static int
add_code(cp__ofd_glyphs *g, const xmlNode *code, pen *pn, size_t max)
{
	cp__ofd_deltas dx, dy;
	uint32_t c, prev = 0;
	const char *p;
	char *text;
	double d;
	size_t i;
	int rc = 0;

	(void)number_attr(code, "X", &pn->x);
	(void)number_attr(code, "Y", &pn->y);
	cp__ofd_deltas_init(&dx, cp__xml_attr(code, "DeltaX"));
	cp__ofd_deltas_init(&dy, cp__xml_attr(code, "DeltaY"));
	if ((text = cp__xml_text(code)) == NULL)
		return -1;
	for (p = text, i = 0; (c = cp__utf8_next(&p)) != 0; i++, prev = c) {
		if (g->n >= max) {
			rc = 1;
			break;
		}
		if (i > 0) {
			if (cp__ofd_deltas_next(&dx, &d))
				pn->x += d;
			else
				estimate(pn, prev, true);
			if (cp__ofd_deltas_next(&dy, &d))
				pn->y += d;
			else
				estimate(pn, prev, false);
		}
		if (grow(g) < 0) {
			rc = -1;
			break;
		}
		g->chars[g->n] = c;
		g->x[g->n] = pn->x;
		g->y[g->n] = pn->y;
		g->n++;
	}
	/* a TextCode without X or Y goes on after this one */
	if (i > 0) {
		estimate(pn, prev, true);
		estimate(pn, prev, false);
	}
	free(text);
	return rc;
}

int
cp__ofd_text_glyphs(cp__ofd_glyphs *g, const xmlNode *obj, double size,
    int read_dir, size_t max)
{
	pen pn = { 0, 0, size, read_dir };
	const xmlNode *code;
	int rc = 0;

	g->n = 0;
	for (code = cp__xml_child(obj, "TextCode"); code != NULL && rc == 0;
	    code = cp__xml_next(code, "TextCode"))
		rc = add_code(g, code, &pn, max);
	return rc;
}

void
cp__ofd_glyphs_free(cp__ofd_glyphs *g)
{
	free(g->chars);
	free(g->x);
	free(g->y);
	g->chars = NULL;
	g->x = g->y = NULL;
	g->n = g->cap = 0;
}
