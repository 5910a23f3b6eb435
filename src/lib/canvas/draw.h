/* draw.h - drawing with libharu: embedded fonts, text that fits,
 * simple shapes.  Private.
 *
 * libharu's first error is recorded in the canvas (canvas/haru.h) and
 * every later call becomes a no-op, so drawing code can go on and check
 * cp__canvas_failed() once at the end.
 */
#ifndef CP_DRAW_H
#define CP_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <hpdf.h>

#include "claimpack.h"
#include "canvas/font.h"
#include "canvas/font_subset.h"
#include "canvas/haru.h"

typedef struct {
	float r, g, b;
} cp__rgb;

/* The palette: a claims handler's document, not a poster. */
#define CP__INK        ((cp__rgb){ 0.10f, 0.12f, 0.16f })
#define CP__MUTED      ((cp__rgb){ 0.38f, 0.42f, 0.48f })
#define CP__RULE       ((cp__rgb){ 0.78f, 0.81f, 0.85f })
#define CP__ACCENT     ((cp__rgb){ 0.05f, 0.27f, 0.50f })
#define CP__TINT       ((cp__rgb){ 0.93f, 0.95f, 0.97f })
#define CP__GOOD       ((cp__rgb){ 0.09f, 0.50f, 0.24f })
#define CP__BAD        ((cp__rgb){ 0.75f, 0.11f, 0.11f })
#define CP__BAD_TINT   ((cp__rgb){ 0.99f, 0.93f, 0.93f })
#define CP__WARN       ((cp__rgb){ 0.60f, 0.36f, 0.00f })
#define CP__WARN_TINT  ((cp__rgb){ 1.00f, 0.97f, 0.90f })
#define CP__WHITE      ((cp__rgb){ 1.0f, 1.0f, 1.0f })

typedef struct {
	cp__haru doc;              /* the document and its first error */
	/* The fonts loaded, by their index in `ft`; NULL for a font not
	 * loaded (its characters then print as '?'). */
	HPDF_Font fonts[CP__FONT_MAX];
	const cp__font *ft;        /* FreeType view of the same fonts */
	HPDF_Page page;            /* the page being drawn; NULL when dry */
	/* A dry run measures and records the characters drawn (in `used`)
	 * without making pages, so that the real run can embed a font
	 * subset of just those characters. */
	bool dry;
	cp__charset *used;
	/* Which field the text being drawn comes from ("patient.name"),
	 * for the warning about characters the font cannot draw. */
	const char *field;
	/* Called once per field and character the font cannot draw (found
	 * before drawing; the character is drawn as '?' instead). */
	void (*undrawable)(void *ctx, const char *field, unsigned long cp);
	void *undrawable_ctx;
} cp__canvas;

/* Creates a document with compression on and the fonts loaded.  With
 * `embed_paths` NULL, every font of `font` is loaded from its own file
 * (for a dry run: libharu embeds the whole file).  Otherwise it holds
 * cp__font_count(font) paths: font i is loaded from embed_paths[i] (a
 * subset written by cp__font_subset_write, a single-font file), or not
 * at all when that is NULL.  `font` answers which font draws each
 * character; each run of text is drawn in its font. */
int cp__canvas_open(cp__canvas *cv, const cp__font *font,
    const char *const *embed_paths, cp_error *err);
void cp__canvas_close(cp__canvas *cv);

/*
 * The dry run of a document claimpack draws: `draw(cv, ctx, err)` draws
 * its pages on a canvas that only records the characters drawn, then
 * the subset of each font that draws some of them is written into
 * `scratch` (cp__font_subsets_write: subsets[i], NULL for a font not
 * needed), for the real run's cp__canvas_open.  Returns CP_OK, draw's
 * status, CP_EIO or CP_ENOMEM.
 */
int cp__canvas_measure(const cp__font *font, cp__scratch *scratch,
    int (*draw)(cp__canvas *cv, void *ctx, cp_error *err), void *ctx,
    const char *subsets[CP__FONT_MAX], cp_error *err);
bool cp__canvas_failed(const cp__canvas *cv);

/* Adds a page of w x h points and makes it current. */
void cp__canvas_page(cp__canvas *cv, double w, double h);

/* Saves the document into a new buffer (*out, caller frees). */
int cp__canvas_save(cp__canvas *cv, unsigned char **out, size_t *len,
    cp_error *err);

/* Width of `text` at `size` points. */
double cp__text_width(cp__canvas *cv, const char *text, double size);

/* Draws text with its baseline at (x, y). `bold` fakes a heavier weight
 * by stroking the glyphs' outline too. */
void cp__text(cp__canvas *cv, double x, double y, const char *text,
    double size, cp__rgb color, bool bold);
/* The same, right-aligned at x, or centred on x. */
void cp__text_right(cp__canvas *cv, double x, double y, const char *text,
    double size, cp__rgb color, bool bold);
void cp__text_center(cp__canvas *cv, double x, double y, const char *text,
    double size, cp__rgb color, bool bold);

/*
 * Breaks `text` into lines no wider than `width`, where a line may end
 * (canvas/linebreak.h: at spaces, between CJK characters, after '/' or
 * '-' in words; never inside a date, an amount, an invoice number or a
 * web address's host), or anywhere in a word longer than the line.
 * Returns the number of lines (at least 1); when `lines` is not NULL, up
 * to `max` line starts/lengths are stored in it.  Nothing is drawn.
 */
typedef struct {
	const char *start;
	size_t len;
} cp__line;
size_t cp__wrap(cp__canvas *cv, const char *text, double size, double width,
    cp__line *lines, size_t max);

/* Draws up to `max_lines` wrapped lines from baseline y downwards with
 * `leading` between baselines; an ellipsis ends a cut last line.
 * Returns the number of lines drawn. */
size_t cp__text_box(cp__canvas *cv, double x, double y, double width,
    const char *text, double size, double leading, size_t max_lines,
    cp__rgb color, bool bold);

void cp__fill_rect(cp__canvas *cv, double x, double y, double w, double h,
    cp__rgb color);
void cp__stroke_rect(cp__canvas *cv, double x, double y, double w, double h,
    double line_width, cp__rgb color);
void cp__line_h(cp__canvas *cv, double x0, double x1, double y,
    double line_width, cp__rgb color);

/* A check mark or a cross drawn as strokes (not glyphs) in a box of
 * `size` points whose bottom-left corner is (x, y). */
void cp__mark_ok(cp__canvas *cv, double x, double y, double size,
    cp__rgb color);
void cp__mark_bad(cp__canvas *cv, double x, double y, double size,
    cp__rgb color);

#endif
