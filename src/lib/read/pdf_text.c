/* pdf_text.c - a PDF page's text layer as the lines of the printed page.
 *
 * poppler orders a page's text by blocks it guesses, which on a fapiao
 * puts a table's label in one block and its value in the next (名 / 称:
 * 张三 / 购 / 买).  Its layout gives each character of that text a box,
 * so the characters are put back into the rows they are printed on,
 * each row read left to right, and the labels' parser sees "label:
 * value" as printed. */
#include "read/pdf_reader.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

typedef struct {
	double x, x2;           /* where it starts and ends along its line
	                           (points) */
	double yc;              /* its centre across the line, growing from
	                           one line to the next */
	double h;               /* its size across the line, at least 1 */
	size_t off;             /* where its bytes start in the text */
	unsigned len;           /* its bytes, 1 to 4 */
	bool space_after;       /* poppler ended a word or line after it */
} glyph;

/* The length of the character at `s` (`avail` bytes left), counting a
 * malformed byte as one character of its own. */
static size_t
char_len(const char *s, size_t avail)
{
	uint32_t cp;
	size_t n = cp__utf8_decode(s, avail, &cp);

	return n == 0 ? 1 : n;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static int
by_row(const void *a, const void *b)
{
	const glyph *p = a, *q = b;

	if (p->yc != q->yc)
		return p->yc < q->yc ? -1 : 1;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->off < q->off ? -1 : p->off > q->off;
}

static int
by_column(const void *a, const void *b)
{
	const glyph *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->off < q->off ? -1 : p->off > q->off;
}

/* poppler's text as it is, cut to the limit. */
static int
plain_text(const char *text, size_t len, char **out, size_t *out_len)
{
	if (len > CP__PDF_TEXT_MAX_BYTES)
		len = cp__utf8_cut(text, CP__PDF_TEXT_MAX_BYTES);
	if ((*out = malloc(len + 1)) == NULL)
		return -1;
	memcpy(*out, text, len);
	(*out)[len] = '\0';
	*out_len = len;
	return 0;
}

/* Which way the text of a page runs, on the page as shown: poppler
 * gives the boxes as the page is displayed, so on a page with /Rotate
 * 90 (or text set sideways) a line runs down the page. */
typedef enum { RUNS_RIGHT, RUNS_DOWN, RUNS_LEFT, RUNS_UP } direction;

/* A coordinate of a box; a broken font's NaN or infinity reads as 0, so
 * that sorting compares numbers. */
static double
coord(double v)
{
	return isfinite(v) && v > -1e7 && v < 1e7 ? v : 0;
}

static void
centre(const PopplerRectangle *r, double *x, double *y)
{
	*x = (coord(r->x1) + coord(r->x2)) / 2;
	*y = (coord(r->y1) + coord(r->y2)) / 2;
}

/* The way most of the text runs: each pair of characters next to each
 * other in one of poppler's words votes for the way from the first to
 * the second. */
static direction
text_direction(const char *text, size_t len, const PopplerRectangle *rects)
{
	size_t off = 0, i = 0, votes[4] = { 0, 0, 0, 0 };
	double px = 0, py = 0, x, y, dx, dy;
	bool in_word = false;
	int best = RUNS_RIGHT, d;

	while (off < len) {
		size_t cl = char_len(text + off, len - off);

		if (is_space(text[off])) {
			in_word = false;
		} else {
			centre(&rects[i], &x, &y);
			if (in_word) {
				dx = x - px;
				dy = y - py;
				if ((dx < 0 ? -dx : dx) >= (dy < 0 ? -dy : dy))
					votes[dx >= 0 ? RUNS_RIGHT : RUNS_LEFT]++;
				else
					votes[dy >= 0 ? RUNS_DOWN : RUNS_UP]++;
			}
			px = x;
			py = y;
			in_word = true;
		}
		off += cl;
		i++;
	}
	for (d = RUNS_DOWN; d <= RUNS_UP; d++)
		if (votes[d] > votes[best])
			best = d;
	return (direction)best;
}

/* Sets the glyph's box as its line reads: x along the line, yc across
 * it, growing from one line to the next. */
static void
place(glyph *g, const PopplerRectangle *r, direction dir)
{
	double ax = coord(r->x1), bx = coord(r->x2);
	double ay = coord(r->y1), by = coord(r->y2);
	double x1 = ax < bx ? ax : bx, x2 = ax < bx ? bx : ax;
	double y1 = ay < by ? ay : by, y2 = ay < by ? by : ay;

	switch (dir) {
	case RUNS_RIGHT:
		g->x = x1;
		g->x2 = x2;
		g->yc = (y1 + y2) / 2;
		g->h = y2 - y1;
		break;
	case RUNS_DOWN:         /* the next line is to the left */
		g->x = y1;
		g->x2 = y2;
		g->yc = -(x1 + x2) / 2;
		g->h = x2 - x1;
		break;
	case RUNS_LEFT:         /* upside down: the next line is above */
		g->x = -x2;
		g->x2 = -x1;
		g->yc = -(y1 + y2) / 2;
		g->h = y2 - y1;
		break;
	case RUNS_UP:           /* the next line is to the right */
		g->x = -y2;
		g->x2 = -y1;
		g->yc = (x1 + x2) / 2;
		g->h = x2 - x1;
		break;
	}
	if (g->h < 1)
		g->h = 1;
}

/* The glyphs of the first `len` bytes of `text`, whose characters have
 * the boxes `rects` (one each, spaces and line ends included), as lines
 * running `dir` read.  Spaces are not glyphs: they mark the glyph before
 * them.  Returns the count. */
static size_t
collect(glyph *g, const char *text, size_t len, const PopplerRectangle *rects,
    direction dir)
{
	size_t off = 0, i = 0, n = 0;

	while (off < len) {
		size_t cl = char_len(text + off, len - off);

		if (is_space(text[off])) {
			if (n > 0)
				g[n - 1].space_after = true;
		} else {
			place(&g[n], &rects[i], dir);
			g[n].off = off;
			g[n].len = (unsigned)cl;
			g[n].space_after = false;
			n++;
		}
		off += cl;
		i++;
	}
	if (n > 0)
		g[n - 1].space_after = true;
	return n;
}

/* Whether a space is read between glyphs `a` and `b`, side by side in
 * a row: where poppler ended a word, or where they are further apart
 * than a narrow space (poppler joins "购" and "名" printed 5 mm apart
 * in two columns into one word). */
static bool
space_between(const glyph *a, const glyph *b)
{
	double h = a->h < b->h ? a->h : b->h;

	return a->space_after || b->x - a->x2 > 0.25 * h;
}

/* Writes the glyphs in rows: a glyph belongs to the row begun by the
 * first glyph above it when their centres are less than half the
 * smaller height apart (text of two sizes on one baseline stays one
 * row; rows of a table, a line apart, do not merge). */
static size_t
write_rows(char *dst, glyph *g, size_t n, const char *text)
{
	size_t start = 0, end, k, w = 0;

	qsort(g, n, sizeof(*g), by_row);
	while (start < n) {
		for (end = start + 1; end < n; end++) {
			double lim = (g[end].h < g[start].h ? g[end].h :
			    g[start].h) / 2;

			if (g[end].yc - g[start].yc >= lim)
				break;
		}
		qsort(g + start, end - start, sizeof(*g), by_column);
		for (k = start; k < end; k++) {
			memcpy(dst + w, text + g[k].off, g[k].len);
			w += g[k].len;
			if (k + 1 < end && space_between(&g[k], &g[k + 1]))
				dst[w++] = ' ';
		}
		dst[w++] = '\n';
		start = end;
	}
	dst[w] = '\0';
	return w;
}

int
cp__pdf_page_text(PopplerPage *page, char **out, size_t *out_len)
{
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	size_t len, cut, chars = 0, off, n;
	char *text, *dst = NULL;
	glyph *g = NULL;
	int rc = 0;

	*out = NULL;
	*out_len = 0;
	if ((text = poppler_page_get_text(page)) == NULL)
		return 0;
	len = strlen(text);
	if (len == 0)
		goto done;
	for (off = 0; off < len; off += char_len(text + off, len - off))
		chars++;
	if (!poppler_page_get_text_layout(page, &rects, &nrects) ||
	    nrects != chars) {
		/* One box a character is what the layout promises; without
		 * it the rows cannot be rebuilt. */
		rc = plain_text(text, len, out, out_len);
		goto done;
	}
	cut = len > CP__PDF_TEXT_MAX_BYTES ?
	    cp__utf8_cut(text, CP__PDF_TEXT_MAX_BYTES) : len;
	/* At most one glyph a byte; each adds at most a space or a line
	 * end to its own bytes. */
	if ((g = malloc(cut * sizeof(*g))) == NULL ||
	    (dst = malloc(2 * cut + 1)) == NULL) {
		rc = -1;
		goto done;
	}
	n = collect(g, text, cut, rects, text_direction(text, cut, rects));
	*out_len = write_rows(dst, g, n, text);
	if (*out_len > CP__PDF_TEXT_MAX_BYTES)
		*out_len = cp__utf8_cut(dst, CP__PDF_TEXT_MAX_BYTES);
	dst[*out_len] = '\0';
	*out = dst;
	dst = NULL;
done:
	free(dst);
	free(g);
	g_free(rects);
	g_free(text);
	return rc;
}
