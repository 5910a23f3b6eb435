/* draw.c - libharu drawing with embedded fonts, each run of text in the
 * first font that draws it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/bidi.h"
#include "canvas/draw.h"
#include "canvas/linebreak.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

bool
cp__canvas_failed(const cp__canvas *cv)
{
	return cp__haru_failed(&cv->doc);
}

int
cp__canvas_open(cp__canvas *cv, const cp__font *font,
    const char *const *embed_paths, cp_error *err)
{
	const char *name, *path = NULL;
	size_t i;

	memset(cv, 0, sizeof(*cv));
	cv->ft = font;
	if (cp__haru_new(&cv->doc, err) != CP_OK)
		return CP_ENOMEM;
	HPDF_SetCompressionMode(cv->doc.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(cv->doc.pdf);
	for (i = 0; i < cp__font_count(font); i++) {
		/* Embedded (HPDF_TRUE): the reviewer's machine may have none
		 * of these fonts. */
		if (embed_paths != NULL) {
			if ((path = embed_paths[i]) == NULL)
				continue;
			name = HPDF_LoadTTFontFromFile(cv->doc.pdf, path,
			    HPDF_TRUE);
		} else {
			path = cp__font_path(font, i);
			name = cp__font_is_collection(font, i) ?
			    HPDF_LoadTTFontFromFile2(cv->doc.pdf, path,
			    (HPDF_UINT)cp__font_face(font, i), HPDF_TRUE) :
			    HPDF_LoadTTFontFromFile(cv->doc.pdf, path,
			    HPDF_TRUE);
		}
		if (name != NULL)
			cv->fonts[i] = HPDF_GetFont(cv->doc.pdf, name, "UTF-8");
		if (cv->fonts[i] == NULL || cp__canvas_failed(cv))
			goto fail;
	}
	/* The first font draws the '?' that stands for what none can. */
	if (cv->fonts[0] != NULL)
		return CP_OK;
	path = embed_paths != NULL ? "(no subset of the first font)" :
	    cp__font_path(font, 0);
fail:
	cp__haru_error(&cv->doc, err, path, "load this font", NULL);
	cp__canvas_close(cv);
	return CP_EIO;
}

void
cp__canvas_close(cp__canvas *cv)
{
	cp__haru_free(&cv->doc);
}

int
cp__canvas_measure(const cp__font *font, cp__scratch *scratch,
    int (*draw)(cp__canvas *cv, void *ctx, cp_error *err), void *ctx,
    const char *subsets[CP__FONT_MAX], cp_error *err)
{
	cp__charset *used;
	cp__canvas cv;
	size_t i;
	int rc;

	for (i = 0; i < CP__FONT_MAX; i++)
		subsets[i] = NULL;
	if ((used = calloc(1, sizeof(*used))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((rc = cp__canvas_open(&cv, font, NULL, err)) == CP_OK) {
		cv.dry = true;
		cv.used = used;
		rc = draw(&cv, ctx, err);
		cp__canvas_close(&cv);
	}
	if (rc == CP_OK)
		rc = cp__font_subsets_write(font, used, scratch, subsets, err);
	free(used);
	return rc;
}

void
cp__canvas_page(cp__canvas *cv, double w, double h)
{
	if (cp__canvas_failed(cv))
		return;
	if (cv->dry) {
		cv->page = NULL;
		return;
	}
	cv->page = HPDF_AddPage(cv->doc.pdf);
	if (cv->page == NULL)
		return;
	HPDF_Page_SetWidth(cv->page, (HPDF_REAL)w);
	HPDF_Page_SetHeight(cv->page, (HPDF_REAL)h);
}

int
cp__canvas_save(cp__canvas *cv, unsigned char **out, size_t *len,
    cp_error *err)
{
	HPDF_UINT32 size, got;
	unsigned char *buf;

	*out = NULL;
	*len = 0;
	if (!cp__canvas_failed(cv))
		HPDF_SaveToStream(cv->doc.pdf);
	if (cp__canvas_failed(cv))
		return cp__haru_error(&cv->doc, err, NULL,
		    "draw the cover and index", NULL);
	size = HPDF_GetStreamSize(cv->doc.pdf);
	if ((buf = malloc(size ? size : 1)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	got = size;
	HPDF_ResetStream(cv->doc.pdf);
	if (HPDF_ReadFromStream(cv->doc.pdf, buf, &got) != HPDF_OK &&
	    got != size) {
		free(buf);
		return cp__error_set(err, CP_EIO, NULL, 0, 0, "libharu could "
		    "not hand over the drawn pages");
	}
	*out = buf;
	*len = got;
	return CP_OK;
}

/* The loaded font that draws `cp`, or -1 when none does. */
static int
font_of(const cp__canvas *cv, uint32_t cp)
{
	int i = cp__font_face_for(cv->ft, cp);

	return i >= 0 && cv->fonts[i] != NULL ? i : -1;
}

/*
 * Returns text the fonts can draw: `text` itself, or a new string (in
 * *owned) where each undrawable character is a '?', after reporting it.
 */
static const char *
drawable(cp__canvas *cv, const char *text, char **owned)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const char *next = text, *p;
	uint32_t cp;
	size_t n;
	bool all = true;

	*owned = NULL;
	for (p = text; *p != '\0'; p += n) {
		if ((n = cp__utf8_decode(p, (size_t)-1, &cp)) == 0 ||
		    font_of(cv, cp) < 0) {
			all = false;
			break;
		}
	}
	if (all)
		return text;
	while ((cp = cp__utf8_next(&next)) != 0) {
		n = (size_t)(next - text);
		if (n > 4 || cp == CP__UTF8_BAD || font_of(cv, cp) < 0) {
			if (cv->undrawable != NULL)
				cv->undrawable(cv->undrawable_ctx,
				    cv->field != NULL ? cv->field : "text", cp);
			cp__strbuf_puts(&sb, "?");
		} else {
			cp__strbuf_add(&sb, text, n);
		}
		text = next;
	}
	*owned = cp__strbuf_detach(&sb);
	return *owned != NULL ? *owned : "?";
}

/*
 * The length of the run at the start of `text` (at most `len` bytes)
 * whose characters one font draws, and that font (*font).  A character
 * no loaded font draws joins the run, in the first font (drawable() has
 * already replaced such characters).
 */
static size_t
run_of(const cp__canvas *cv, const char *text, size_t len, int *font)
{
	size_t at = 0, n;
	uint32_t cp;
	int f;

	*font = -1;
	while (at < len) {
		if ((n = cp__utf8_decode(text + at, len - at, &cp)) == 0) {
			n = 1;
			f = 0;
		} else if ((f = font_of(cv, cp)) < 0) {
			f = 0;
		}
		if (*font >= 0 && f != *font)
			break;
		*font = f;
		at += n;
	}
	if (*font < 0)
		*font = 0;
	return at;
}

/*
 * Width of the first `len` bytes of `text`.  A dry run records the
 * characters measured as well as those drawn: the real run must load
 * every font the dry run measured with, or a line would break elsewhere
 * and draw characters the subsets lack.
 */
static double
width_of(cp__canvas *cv, const char *text, size_t len, double size)
{
	HPDF_TextWidth tw;
	double w = 0;
	size_t n, at;
	uint32_t cp;
	int f;

	if (cp__canvas_failed(cv))
		return 0;
	for (at = 0; cv->used != NULL && at < len; at += n)
		if ((n = cp__utf8_decode(text + at, len - at, &cp)) == 0)
			n = 1;
		else
			cp__charset_add(cv->used, cp);
	while (len > 0) {
		n = run_of(cv, text, len, &f);
		tw = HPDF_Font_TextWidth(cv->fonts[f], (const HPDF_BYTE *)text,
		    (HPDF_UINT)n);
		w += tw.width * size / 1000.0;
		text += n;
		len -= n;
	}
	return w;
}

/* Whether a loaded font prints `cp` (for cp__bidi_visual). */
static bool
prints(void *cv, uint32_t cp)
{
	return font_of(cv, cp) >= 0;
}

/*
 * `text` as it is drawn: in visual order with Arabic letters joined
 * (cp__bidi_visual), in *owned when that differs from `text` (free it),
 * else `text` itself.  Out of memory, `text` is drawn as it is.
 */
static const char *
visual(cp__canvas *cv, const char *text, char **owned)
{
	if (cp__bidi_visual(owned, text, prints, cv) != CP_OK ||
	    *owned == NULL)
		return text;
	return *owned;
}

double
cp__text_width(cp__canvas *cv, const char *text, double size)
{
	char *owned, *shaped;
	const char *t = visual(cv, drawable(cv, text, &owned), &shaped);
	double w = width_of(cv, t, strlen(t), size);

	free(shaped);
	free(owned);
	return w;
}

static void
text_at(cp__canvas *cv, double x, double y, const char *text, double size,
    cp__rgb color, bool bold)
{
	HPDF_Page p = cv->page;
	size_t len = strlen(text), n;
	char *run;
	int f;

	if (cv->used != NULL)
		cp__charset_add_utf8(cv->used, text);
	if (cp__canvas_failed(cv) || p == NULL || text[0] == '\0')
		return;
	if ((run = malloc(len + 1)) == NULL)
		return;
	HPDF_Page_SetRGBFill(p, color.r, color.g, color.b);
	if (bold) {
		/* One weight in the font: stroke the outline to thicken it. */
		HPDF_Page_SetRGBStroke(p, color.r, color.g, color.b);
		HPDF_Page_SetLineWidth(p, (HPDF_REAL)(size * 0.035));
	}
	/* Each run in its own font, one after the other. */
	while (len > 0) {
		n = run_of(cv, text, len, &f);
		memcpy(run, text, n);
		run[n] = '\0';
		HPDF_Page_BeginText(p);
		HPDF_Page_SetFontAndSize(p, cv->fonts[f], (HPDF_REAL)size);
		if (bold)
			HPDF_Page_SetTextRenderingMode(p,
			    HPDF_FILL_THEN_STROKE);
		HPDF_Page_TextOut(p, (HPDF_REAL)x, (HPDF_REAL)y, run);
		if (bold)
			HPDF_Page_SetTextRenderingMode(p, HPDF_FILL);
		HPDF_Page_EndText(p);
		x += width_of(cv, text, n, size);
		text += n;
		len -= n;
	}
	free(run);
}

/* Draws `text` with `share` of its width to the left of x: 0 from x,
 * 1 ending at x, 0.5 centred on it. */
static void
text_aligned(cp__canvas *cv, double x, double y, const char *text,
    double size, cp__rgb color, bool bold, double share)
{
	char *owned, *shaped;
	const char *t = visual(cv, drawable(cv, text, &owned), &shaped);

	if (share > 0)
		x -= width_of(cv, t, strlen(t), size) * share;
	text_at(cv, x, y, t, size, color, bold);
	free(shaped);
	free(owned);
}

void
cp__text(cp__canvas *cv, double x, double y, const char *text, double size,
    cp__rgb color, bool bold)
{
	text_aligned(cv, x, y, text, size, color, bold, 0);
}

void
cp__text_right(cp__canvas *cv, double x, double y, const char *text,
    double size, cp__rgb color, bool bold)
{
	text_aligned(cv, x, y, text, size, color, bold, 1);
}

void
cp__text_center(cp__canvas *cv, double x, double y, const char *text,
    double size, cp__rgb color, bool bold)
{
	text_aligned(cv, x, y, text, size, color, bold, 0.5);
}

/* The length of the character at `p` (a malformed byte counts as one,
 * U+FFFD), 0 at the end. */
static size_t
char_at(const char *p, uint32_t *cp)
{
	const char *next = p;

	*cp = cp__utf8_next(&next);
	return (size_t)(next - p);
}

size_t
cp__wrap(cp__canvas *cv, const char *text, double size, double width,
    cp__line *lines, size_t max)
{
	const char *line = text, *p, *brk;
	size_t count = 0, n;
	uint32_t cp;

	while (*line == ' ')
		line++;
	while (*line != '\0') {
		brk = NULL;
		p = line;
		/* Grow the line one character at a time; remember the last
		 * place it may end (canvas/linebreak.h). */
		while ((n = char_at(p, &cp)) > 0) {
			if (p > line && cp__line_may_break(text, p))
				brk = p;
			if (p > line && width_of(cv, line, (size_t)(p - line) +
			    n, size) > width)
				break;
			p += n;
		}
		if (*p == '\0')
			brk = p;
		else if (brk == NULL)
			brk = p;   /* a word longer than the line: cut it */
		if (lines != NULL && count < max) {
			lines[count].start = line;
			lines[count].len = (size_t)(brk - line);
			while (lines[count].len > 0 &&
			    line[lines[count].len - 1] == ' ')
				lines[count].len--;
		}
		count++;
		line = brk;
		while (*line == ' ')
			line++;
	}
	return count ? count : 1;
}

size_t
cp__text_box(cp__canvas *cv, double x, double y, double width,
    const char *text, double size, double leading, size_t max_lines,
    cp__rgb color, bool bold)
{
	cp__line lines[64];
	char *owned, *buf, *shaped;
	const char *t = drawable(cv, text, &owned), *v;
	size_t n, i, shown;

	if (max_lines > 64)
		max_lines = 64;
	n = cp__wrap(cv, t, size, width, lines, 64);
	shown = n < max_lines ? n : max_lines;
	for (i = 0; i < shown && t[0] != '\0'; i++) {
		bool cut = i + 1 == shown && shown < n;
		size_t len = lines[i].len;

		if ((buf = malloc(len + 4)) == NULL)
			break;
		memcpy(buf, lines[i].start, len);
		buf[len] = '\0';
		if (cut) {
			/* Make room for the ellipsis that says text is cut. */
			while (len > 0 && width_of(cv, buf, len, size) +
			    width_of(cv, "...", 3, size) > width)
				len = cp__utf8_cut(buf, len - 1);
			memcpy(buf + len, "...", 4);
		}
		/* Lines break in logical order; each is drawn in visual. */
		v = visual(cv, buf, &shaped);
		text_at(cv, x, y - (double)i * leading, v, size, color, bold);
		free(shaped);
		free(buf);
	}
	free(owned);
	return shown;
}

void
cp__fill_rect(cp__canvas *cv, double x, double y, double w, double h,
    cp__rgb color)
{
	if (cp__canvas_failed(cv) || cv->page == NULL)
		return;
	HPDF_Page_SetRGBFill(cv->page, color.r, color.g, color.b);
	HPDF_Page_Rectangle(cv->page, (HPDF_REAL)x, (HPDF_REAL)y,
	    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(cv->page);
}

void
cp__stroke_rect(cp__canvas *cv, double x, double y, double w, double h,
    double line_width, cp__rgb color)
{
	if (cp__canvas_failed(cv) || cv->page == NULL)
		return;
	HPDF_Page_SetRGBStroke(cv->page, color.r, color.g, color.b);
	HPDF_Page_SetLineWidth(cv->page, (HPDF_REAL)line_width);
	HPDF_Page_Rectangle(cv->page, (HPDF_REAL)x, (HPDF_REAL)y,
	    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(cv->page);
}

void
cp__line_h(cp__canvas *cv, double x0, double x1, double y, double line_width,
    cp__rgb color)
{
	if (cp__canvas_failed(cv) || cv->page == NULL)
		return;
	HPDF_Page_SetRGBStroke(cv->page, color.r, color.g, color.b);
	HPDF_Page_SetLineWidth(cv->page, (HPDF_REAL)line_width);
	HPDF_Page_MoveTo(cv->page, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(cv->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(cv->page);
}

static void
polyline(cp__canvas *cv, const double *pts, size_t n, double lw,
    cp__rgb color)
{
	size_t i;

	HPDF_Page_SetRGBStroke(cv->page, color.r, color.g, color.b);
	HPDF_Page_SetLineWidth(cv->page, (HPDF_REAL)lw);
	HPDF_Page_SetLineCap(cv->page, HPDF_ROUND_END);
	HPDF_Page_SetLineJoin(cv->page, HPDF_ROUND_JOIN);
	HPDF_Page_MoveTo(cv->page, (HPDF_REAL)pts[0], (HPDF_REAL)pts[1]);
	for (i = 1; i < n; i++)
		HPDF_Page_LineTo(cv->page, (HPDF_REAL)pts[2 * i],
		    (HPDF_REAL)pts[2 * i + 1]);
	HPDF_Page_Stroke(cv->page);
	HPDF_Page_SetLineCap(cv->page, HPDF_BUTT_END);
	HPDF_Page_SetLineJoin(cv->page, HPDF_MITER_JOIN);
}

void
cp__mark_ok(cp__canvas *cv, double x, double y, double size, cp__rgb color)
{
	double pts[6] = {
		x + size * 0.15, y + size * 0.50,
		x + size * 0.40, y + size * 0.22,
		x + size * 0.88, y + size * 0.82
	};

	if (cp__canvas_failed(cv) || cv->page == NULL)
		return;
	polyline(cv, pts, 3, size * 0.16, color);
}

void
cp__mark_bad(cp__canvas *cv, double x, double y, double size, cp__rgb color)
{
	double a[4] = { x + size * 0.2, y + size * 0.2, x + size * 0.8,
	    y + size * 0.8 };
	double b[4] = { x + size * 0.2, y + size * 0.8, x + size * 0.8,
	    y + size * 0.2 };

	if (cp__canvas_failed(cv) || cv->page == NULL)
		return;
	polyline(cv, a, 2, size * 0.16, color);
	polyline(cv, b, 2, size * 0.16, color);
}
