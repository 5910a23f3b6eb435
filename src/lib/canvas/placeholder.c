/* placeholder.c - drawing the pages that stand in for a missing file. */
#include <stdio.h>
#include <stdlib.h>

#include "canvas/draw.h"
#include "canvas/placeholder.h"
#include "util/error.h"
#include "util/strbuf.h"

#define TITLE "This page could not be included"
#define TITLE_ZH "此页未能收入本文件包"
#define ADVICE "The original file is not in this bundle; send a new copy."
#define ADVICE_ZH "原文件未收入；请重新提供一份。"

/* One page's lines, from the top (libharu records any failure in the
 * canvas). */
static void
draw_page(cp__canvas *cv, double page_w, double page_h, double bottom,
    const char *file_line, const char *why_line, const char *count_line)
{
	const double margin = 56, width = page_w - 2 * margin;
	double y = page_h - margin - 24, room;
	size_t lines;

	cp__canvas_page(cv, page_w, page_h);
	cp__text(cv, margin, y, TITLE, 20, CP__BAD, true);
	y -= 22;
	cp__text(cv, margin, y, TITLE_ZH, 13, CP__MUTED, false);
	y -= 14;
	cp__line_h(cv, margin, page_w - margin, y, 1.2, CP__BAD);
	y -= 26;
	/* The file's name and why, wrapped; never into the stamp. */
	room = y - bottom - 80;
	lines = cp__text_box(cv, margin, y, width, file_line, 12, 16,
	    room > 16 ? (size_t)(room / 16 / 2) + 1 : 1, CP__INK, true);
	y -= 16.0 * (double)lines + 6;
	room = y - bottom - 60;
	lines = cp__text_box(cv, margin, y, width, why_line, 12, 16,
	    room > 16 ? (size_t)(room / 16) : 1, CP__INK, false);
	y -= 16.0 * (double)lines + 14;
	cp__text_box(cv, margin, y, width, ADVICE, 12, 16, 2, CP__BAD, false);
	y -= 18;
	cp__text(cv, margin, y, ADVICE_ZH, 11, CP__MUTED, false);
	if (count_line != NULL)
		cp__text(cv, margin, y - 24, count_line, 10, CP__MUTED, false);
}

int
cp__placeholder_write(const cp__font *font, const char *file,
    const char *why, size_t pages, double page_w, double page_h,
    double bottom, const char *subset_path, const char *out_path,
    cp_error *err)
{
	cp__charset *used = NULL;
	char *file_line = NULL, *why_line = NULL, count_line[96];
	const char *embed[CP__FONT_MAX] = { NULL };
	cp__canvas cv;
	bool opened = false;
	size_t p;
	int rc;

	if (pages == 0)
		pages = 1;
	file_line = cp__sprintf("File: %s", file);
	why_line = cp__sprintf("Why: %s", why);
	if ((used = calloc(1, sizeof(*used))) == NULL || file_line == NULL ||
	    why_line == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	/* The subset holds every character the lines may draw: they are
	 * known before drawing, so no measuring run is needed. */
	cp__charset_add_utf8(used, TITLE TITLE_ZH ADVICE ADVICE_ZH
	    "Page 0123456789 of this file. ?...");
	cp__charset_add_utf8(used, file_line);
	cp__charset_add_utf8(used, why_line);
	/* The first font only (one subset file): a character of the file's
	 * name that only a fallback font draws prints as '?'. */
	embed[0] = subset_path;
	if ((rc = cp__font_subset_write(font, 0, used, subset_path, err)) !=
	    CP_OK || (rc = cp__canvas_open(&cv, font, embed, err)) !=
	    CP_OK)
		goto done;
	opened = true;
	for (p = 0; p < pages && !cp__canvas_failed(&cv); p++) {
		if (pages > 1)
			snprintf(count_line, sizeof(count_line), "Page %zu of "
			    "%zu of this file.", p + 1, pages);
		draw_page(&cv, page_w, page_h, bottom, file_line, why_line,
		    pages > 1 ? count_line : NULL);
	}
	if (!cp__canvas_failed(&cv))
		HPDF_SaveToFile(cv.doc.pdf, out_path);
	if (cp__canvas_failed(&cv))
		rc = cp__haru_error(&cv.doc, err, file, "draw the page that "
		    "stands in for this file", NULL);
done:
	if (opened)
		cp__canvas_close(&cv);
	free(used);
	free(file_line);
	free(why_line);
	return rc;
}
