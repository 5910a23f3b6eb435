/* ofd_paint.c - an OFD page's objects drawn with libharu. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bundle/ofd_paint.h"
#include "util/utf8.h"

/* Font sizes libharu accepts (points; here millimetres of text space,
 * which the page's matrix scales). */
#define FONT_SIZE_MIN 0.01
#define FONT_SIZE_MAX 600.0
/* How far an italic is slanted (the usual 12 degrees). */
#define SLANT 0.2126

/* a, then b: the matrix that applies `a` first. */
static cp__ofd_matrix
then(cp__ofd_matrix a, cp__ofd_matrix b)
{
	return (cp__ofd_matrix){
	    a.a * b.a + a.b * b.c, a.a * b.b + a.b * b.d,
	    a.c * b.a + a.d * b.c, a.c * b.b + a.d * b.d,
	    a.e * b.a + a.f * b.c + b.e, a.e * b.b + a.f * b.d + b.f };
}

static bool
finite_matrix(const cp__ofd_matrix *m)
{
	return isfinite(m->a) && isfinite(m->b) && isfinite(m->c) &&
	    isfinite(m->d) && isfinite(m->e) && isfinite(m->f);
}

static HPDF_REAL
unit(double v)
{
	return (HPDF_REAL)(v < 0 ? 0 : v > 1 ? 1 : v);
}

/* Sets the opacity of fills and strokes (1: opaque), making each
 * opacity's graphics state once per document. */
static void
set_alpha(cp__ofd_paint_state *st, double fill, double stroke)
{
	HPDF_ExtGState gs;
	double alpha = fill < stroke ? fill : stroke;
	size_t i;

	if (!(alpha < 0.999))
		return;
	alpha = floor(alpha * 255 + 0.5) / 255;
	for (i = 0; i < st->nalphas; i++)
		if (st->alphas[i].alpha == alpha)
			break;
	if (i == st->nalphas) {
		if (i == sizeof(st->alphas) / sizeof(st->alphas[0]))
			i--;    /* more opacities than kept: reuse the last */
		else if ((gs = HPDF_CreateExtGState(st->cv->doc.pdf)) !=
		    NULL) {
			HPDF_ExtGState_SetAlphaFill(gs, unit(alpha));
			HPDF_ExtGState_SetAlphaStroke(gs, unit(alpha));
			st->alphas[i].alpha = alpha;
			st->alphas[i].gs = gs;
			st->nalphas++;
		} else {
			return;
		}
	}
	HPDF_Page_SetExtGState(st->cv->page, st->alphas[i].gs);
}

static void
set_paint(cp__ofd_paint_state *st, const cp__ofd_paint *p)
{
	HPDF_Page page = st->cv->page;

	set_alpha(st, p->fill ? p->fill_color.alpha : 1,
	    p->stroke ? p->stroke_color.alpha : 1);
	HPDF_Page_SetRGBFill(page, unit(p->fill_color.r),
	    unit(p->fill_color.g), unit(p->fill_color.b));
	HPDF_Page_SetRGBStroke(page, unit(p->stroke_color.r),
	    unit(p->stroke_color.g), unit(p->stroke_color.b));
	if (isfinite(p->line_width) && p->line_width >= 0 &&
	    p->line_width < 1000)
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)p->line_width);
	if (p->cap >= 0 && p->cap <= 2)
		HPDF_Page_SetLineCap(page, (HPDF_LineCap)p->cap);
	if (p->join >= 0 && p->join <= 2)
		HPDF_Page_SetLineJoin(page, (HPDF_LineJoin)p->join);
	if (isfinite(p->miter_limit) && p->miter_limit >= 1 &&
	    p->miter_limit < 1000)
		HPDF_Page_SetMiterLimit(page, (HPDF_REAL)p->miter_limit);
}

static void
concat(HPDF_Page page, const cp__ofd_matrix *m)
{
	HPDF_Page_Concat(page, (HPDF_REAL)m->a, (HPDF_REAL)m->b,
	    (HPDF_REAL)m->c, (HPDF_REAL)m->d, (HPDF_REAL)m->e,
	    (HPDF_REAL)m->f);
}

/* ---- text ---------------------------------------------------------------- */

/* The loaded font that prints `cp` (-1: none, it prints as '?'). */
static int
face_of(const cp__ofd_paint_state *st, uint32_t cp)
{
	int i = cp__font_face_for(st->cv->ft, cp);

	return i >= 0 && st->cv->fonts[i] != NULL ? i : -1;
}

/* Records the characters of `t`, for the subsets. */
static void
collect(cp__ofd_paint_state *st, const cp__ofd_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		cp__charset_add(st->used, t->chars[i]);
}

/*
 * How wide character i (at x, y; `width` wide in our font) is drawn, as
 * a share of its width: the OFD places characters for its own font (a
 * Courier "." as wide as a digit, SimSun digits half an em), and ours
 * differ, so each glyph is fitted to the room before the next one of its
 * line.  Without this a text extractor takes the gap after a narrow
 * glyph for a space ("510. 68") and wide glyphs overlap.  Full-width
 * glyphs are not widened (spaced-out labels: 名    称), nor is any glyph
 * more than 2.5 times, or narrowed below half.  0 for the last character
 * of a line, which has no room of its own: it is drawn as the one before
 * it was.
 */
static double
fit_scale(const cp__ofd_text *t, size_t i, double x, double y, double width,
    double size)
{
	double room, scale;

	if (!(width > 0))
		return 1;
	if (i + 1 >= t->n || !isfinite(t->x[i + 1]) ||
	    (isfinite(t->y[i + 1]) && t->y[i + 1] != y))
		return 0;
	room = t->x[i + 1] - x;
	scale = room / width;
	/* A full-width glyph is never widened: its room is spacing. */
	if (scale > 1 && width >= 0.75 * size)
		return 1;
	return scale >= 0.5 && scale <= 2.5 ? scale : 1;
}

static void
paint_text(void *ctx, const cp__ofd_text *t)
{
	cp__ofd_paint_state *st = ctx;
	HPDF_Page page;
	HPDF_Font font;
	cp__ofd_matrix g, tm;
	char utf8[5];
	double size, pen_x = 0, pen_y = 0, x, y, width, scale;
	double last_scale = 1;
	uint32_t cp;
	size_t i;
	int face;

	if (st->cv == NULL) {
		collect(st, t);
		return;
	}
	if ((page = st->cv->page) == NULL || t->n == 0 ||
	    !finite_matrix(&t->m) || !(t->size >= FONT_SIZE_MIN))
		return;
	size = t->size > FONT_SIZE_MAX ? FONT_SIZE_MAX : t->size;
	HPDF_Page_GSave(page);
	set_paint(st, &t->paint);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetTextRenderingMode(page, t->bold || t->paint.stroke ?
	    (t->paint.fill ? HPDF_FILL_THEN_STROKE : HPDF_STROKE) :
	    t->paint.fill ? HPDF_FILL : HPDF_INVISIBLE);
	if (t->bold && !t->paint.stroke) {
		/* A heavier weight faked by stroking the outline in the
		 * fill's colour. */
		HPDF_Page_SetRGBStroke(page, unit(t->paint.fill_color.r),
		    unit(t->paint.fill_color.g), unit(t->paint.fill_color.b));
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(size * 0.03));
	}
	for (i = 0; i < t->n; i++) {
		cp = t->chars[i];
		face = face_of(st, cp);
		if (face < 0) {
			cp = '?';
			face = 0;
		}
		font = st->cv->fonts[face];
		/* A character the OFD gives no place of follows the one
		 * before it by that one's width in our font. */
		x = isfinite(t->x[i]) ? t->x[i] : pen_x;
		y = isfinite(t->y[i]) ? t->y[i] : pen_y;
		/* The glyph upright in a space whose y goes down. */
		g = (cp__ofd_matrix){ 1, 0, t->italic ? SLANT : 0, -1, x, y };
		tm = then(g, t->m);
		HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
		HPDF_Page_SetTextMatrix(page, (HPDF_REAL)tm.a,
		    (HPDF_REAL)tm.b, (HPDF_REAL)tm.c, (HPDF_REAL)tm.d,
		    (HPDF_REAL)tm.e, (HPDF_REAL)tm.f);
		utf8[cp__utf8_encode(cp, utf8)] = '\0';
		width = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)utf8,
		    (HPDF_UINT)strlen(utf8)).width / 1000.0 * size;
		if ((scale = fit_scale(t, i, x, y, width, size)) == 0)
			scale = i > 0 && y == pen_y && (last_scale < 1 ||
			    width < 0.75 * size) ? last_scale : 1;
		last_scale = scale;
		HPDF_Page_SetHorizontalScalling(page, (HPDF_REAL)(scale * 100));
		HPDF_Page_ShowText(page, utf8);
		pen_x = x + width * scale;
		pen_y = y;
	}
	HPDF_Page_EndText(page);
	HPDF_Page_GRestore(page);
}

/* ---- paths --------------------------------------------------------------- */

static void
paint_path(void *ctx, const cp__ofd_path *p)
{
	cp__ofd_paint_state *st = ctx;
	const cp__ofd_segment *s;
	HPDF_Page page;
	bool open = false;
	size_t i;

	if (st->cv == NULL || (page = st->cv->page) == NULL || p->n == 0 ||
	    (!p->paint.fill && !p->paint.stroke) || !finite_matrix(&p->m))
		return;
	HPDF_Page_GSave(page);
	concat(page, &p->m);
	set_paint(st, &p->paint);
	for (i = 0; i < p->n; i++) {
		s = &p->segments[i];
		if (!isfinite(s->p[0]) || !isfinite(s->p[1]) ||
		    !isfinite(s->p[2]) || !isfinite(s->p[3]) ||
		    !isfinite(s->p[4]) || !isfinite(s->p[5]))
			continue;
		switch (s->op) {
		case CP__OFD_MOVE:
			HPDF_Page_MoveTo(page, (HPDF_REAL)s->p[0],
			    (HPDF_REAL)s->p[1]);
			open = true;
			break;
		case CP__OFD_LINE:
			if (!open)
				HPDF_Page_MoveTo(page, 0, 0);
			HPDF_Page_LineTo(page, (HPDF_REAL)s->p[0],
			    (HPDF_REAL)s->p[1]);
			open = true;
			break;
		case CP__OFD_CURVE:
			if (!open)
				HPDF_Page_MoveTo(page, 0, 0);
			HPDF_Page_CurveTo(page, (HPDF_REAL)s->p[0],
			    (HPDF_REAL)s->p[1], (HPDF_REAL)s->p[2],
			    (HPDF_REAL)s->p[3], (HPDF_REAL)s->p[4],
			    (HPDF_REAL)s->p[5]);
			open = true;
			break;
		case CP__OFD_CLOSE:
			if (open)
				HPDF_Page_ClosePath(page);
			break;
		}
	}
	if (open) {
		if (p->paint.fill && p->paint.stroke)
			(p->even_odd ? HPDF_Page_EofillStroke :
			    HPDF_Page_FillStroke)(page);
		else if (p->paint.fill)
			(p->even_odd ? HPDF_Page_Eofill : HPDF_Page_Fill)(page);
		else
			HPDF_Page_Stroke(page);
	}
	HPDF_Page_GRestore(page);
}

/* ---- images -------------------------------------------------------------- */

static void
paint_image(void *ctx, const cp__ofd_image *im)
{
	/* The picture's rows run down its unit square; PDF draws row 0
	 * at the top of a square whose y goes up. */
	static const cp__ofd_matrix flip = { 1, 0, 0, -1, 0, 1 };
	cp__ofd_paint_state *st = ctx;
	HPDF_Image image = NULL;
	HPDF_Doc pdf;
	HPDF_Page page;

	if (st->cv == NULL || (page = st->cv->page) == NULL ||
	    !finite_matrix(&im->m))
		return;
	pdf = st->cv->doc.pdf;
	switch (im->kind) {
	case CP__OFD_IMAGE_PNG:
		image = HPDF_LoadPngImageFromMem(pdf, im->data,
		    (HPDF_UINT)im->len);
		break;
	case CP__OFD_IMAGE_JPEG:
		image = HPDF_LoadJpegImageFromMem(pdf, im->data,
		    (HPDF_UINT)im->len);
		break;
	case CP__OFD_IMAGE_PIXELS:
		if (im->width == 0 || im->height == 0 ||
		    (im->channels != 1 && im->channels != 3) ||
		    im->len < (size_t)im->width * im->height * im->channels)
			return;
		image = HPDF_LoadRawImageFromMem(pdf, im->data, im->width,
		    im->height, im->channels == 1 ? HPDF_CS_DEVICE_GRAY :
		    HPDF_CS_DEVICE_RGB, 8);
		break;
	}
	if (image == NULL) {
		/* libharu has recorded why: the page fails, naming it. */
		snprintf(st->failed_image, sizeof(st->failed_image), "%s",
		    im->resource != NULL ? im->resource : "an image");
		return;
	}
	HPDF_Page_GSave(page);
	set_alpha(st, im->alpha, 1);
	concat(page, &im->m);
	concat(page, &flip);
	HPDF_Page_DrawImage(page, image, 0, 0, 1, 1);
	HPDF_Page_GRestore(page);
}

static const cp__ofd_painter painter = {
	paint_text, paint_path, paint_image, NULL, NULL
};

int
cp__ofd_paint_page(cp__ofd_paint_state *st, cp__ofd_doc *doc, size_t page,
    char *why, size_t why_size)
{
	const double k = CP__OFD_PT_PER_MM;
	double w, h;

	cp__ofd_doc_page_size(doc, page, &w, &h);
	if (st->cv != NULL) {
		cp__canvas_page(st->cv, w * k, h * k);
		if (st->cv->page != NULL)
			/* Millimetres with y down, as the OFD draws. */
			HPDF_Page_Concat(st->cv->page, (HPDF_REAL)k, 0, 0,
			    (HPDF_REAL)-k, 0, (HPDF_REAL)(h * k));
	}
	return cp__ofd_doc_draw(doc, page, &painter, st, why, why_size);
}
