/* ofd.c - OFD e-invoices, checked as `build` will draw them: ofd-broken
 * (the package or a page cannot be read, or a resource a page needs is
 * missing or damaged), ofd-partial (something it holds is of a kind the
 * bundle does not draw) and ofd-signed.
 *
 * The check walks every page through the same model the bundle draws
 * from (read/ofd_doc.h), so a page that cannot be read, an object the
 * bundle leaves out or a character no font prints is found here, before
 * any build, and `check` and `build` give one answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/font.h"
#include "check/check.h"
#include "read/ofd_doc.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* The most things named in one ofd-partial finding. */
#define MAX_NAMED 6

typedef struct {
	const cp__font *font;   /* NULL: the fonts could not be opened
	                           (glyph-missing says so) */
	cp__strbuf missing;     /* characters no font prints, listed */
	uint32_t seen[MAX_NAMED];
	size_t nseen, more_chars;
	char *notes[MAX_NAMED]; /* what the model could not draw */
	size_t nnotes, more_notes;
	cp__strbuf damage;      /* what the package lacks or holds damaged */
	size_t ndamage;
	bool nomem;
} walk;

static void
note_text(void *ctx, const cp__ofd_text *t)
{
	walk *w = ctx;
	char utf8[5];
	size_t i, j;

	for (i = 0; w->font != NULL && i < t->n; i++) {
		if (t->chars[i] <= 0x20 ||
		    cp__font_face_for(w->font, t->chars[i]) >= 0)
			continue;
		for (j = 0; j < w->nseen && w->seen[j] != t->chars[i]; j++)
			;
		if (j < w->nseen)
			continue;
		if (w->nseen == MAX_NAMED) {
			w->more_chars++;
			continue;
		}
		w->seen[w->nseen++] = t->chars[i];
		utf8[cp__utf8_encode(t->chars[i], utf8)] = '\0';
		cp__strbuf_printf(&w->missing, "%sU+%04lX %s",
		    w->missing.len ? ", " : "", (unsigned long)t->chars[i],
		    utf8);
	}
}

static void
note_unsupported(void *ctx, const char *what)
{
	walk *w = ctx;
	size_t i;

	for (i = 0; i < w->nnotes; i++)
		if (strcmp(w->notes[i], what) == 0)
			return;
	if (w->nnotes == MAX_NAMED) {
		w->more_notes++;
		return;
	}
	if ((w->notes[w->nnotes] = cp__strdup(what)) == NULL)
		w->nomem = true;
	else
		w->nnotes++;
}

static void
note_damaged(void *ctx, const char *what)
{
	walk *w = ctx;

	if (w->ndamage++ < MAX_NAMED)
		cp__strbuf_printf(&w->damage, "%s%s", w->damage.len ? "; " :
		    "", what);
}

/* Images are asked for (and so read and decoded, as the bundle will)
 * though nothing is done with them: one that is missing or does not
 * decode then reaches note_unsupported. */
static void
note_image(void *ctx, const cp__ofd_image *im)
{
	(void)ctx;
	(void)im;
}

static const cp__ofd_painter noting = {
	note_text, NULL, note_image, note_unsupported, note_damaged
};

static void
walk_free(walk *w)
{
	size_t i;

	for (i = 0; i < w->nnotes; i++)
		free(w->notes[i]);
	cp__strbuf_free(&w->missing);
	cp__strbuf_free(&w->damage);
}

/* ofd-partial: what the bundle's pages of this OFD leave out. */
static int
report_partial(cp_report *report, size_t d, const cp__document *doc,
    const char *file, walk *w)
{
	cp__strbuf what = CP__STRBUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < w->nnotes; i++)
		cp__strbuf_printf(&what, "%s%s", i > 0 ? "; " : "",
		    w->notes[i]);
	if (w->more_notes > 0)
		cp__strbuf_printf(&what, " and %zu more", w->more_notes);
	if (w->missing.len > 0)
		cp__strbuf_printf(&what, "%scharacters no font of the bundle "
		    "prints, drawn as '?': %s%s", what.len ? "; " : "",
		    w->missing.data, w->more_chars > 0 ? " and more" : "");
	if (what.failed) {
		cp__strbuf_free(&what);
		return CP_ENOMEM;
	}
	rc = cp__report_add(report, d, "ofd-partial", doc->id, file,
	    "%s (document %s): the bundle's pages of this OFD leave out "
	    "%s; compare them with the original, or list the invoice's PDF "
	    "version instead", file, doc->id, what.data);
	cp__strbuf_free(&what);
	return rc;
}

int
cp__check_ofd(cp_report *report, size_t d, const cp__document *doc,
    const char *file, const char *path, const cp__font *font)
{
	walk w;
	cp__ofd_doc *ofd = NULL;
	char why[300];
	size_t p;
	int rc;

	memset(&w, 0, sizeof(w));
	w.font = font;
	if ((rc = cp__ofd_doc_open(&ofd, path, why, sizeof(why))) < 0)
		return CP_ENOMEM;
	for (p = 0; rc == 0 && p < cp__ofd_doc_pages(ofd); p++)
		rc = cp__ofd_doc_draw(ofd, p, &noting, &w, why, sizeof(why));
	if (rc < 0 || w.nomem || w.missing.failed || w.damage.failed) {
		rc = CP_ENOMEM;
		goto done;
	}
	if (rc > 0) {
		rc = cp__report_add(report, d, "ofd-broken", doc->id, file,
		    "%s (document %s) %s; download the OFD again from the "
		    "tax platform or the hospital, or list the invoice's PDF "
		    "version instead", file, doc->id, why);
		goto done;
	}
	if (w.ndamage > 0) {
		/* The rest draws, but the package is not what was issued. */
		rc = cp__report_add(report, d, "ofd-broken", doc->id, file,
		    "%s (document %s) is a damaged OFD: it lacks or cannot "
		    "read %s%s; the bundle draws the rest (with --force), but "
		    "download the OFD again from the tax platform or the "
		    "hospital, or list the invoice's PDF version instead",
		    file, doc->id, w.damage.data, w.ndamage > MAX_NAMED ?
		    " and more" : "");
		if (rc != CP_OK)
			goto done;
	}
	if ((w.nnotes > 0 || w.missing.len > 0) &&
	    (rc = report_partial(report, d, doc, file, &w)) != CP_OK)
		goto done;
	if (cp__ofd_doc_signed(ofd))
		rc = cp__report_add(report, d, "ofd-signed", doc->id, file,
		    "%s (document %s) carries a digital signature: the "
		    "bundle shows its seal and attaches the original file, "
		    "which is where the signature can be verified; claimpack "
		    "does not verify it", file, doc->id);
done:
	cp__ofd_doc_close(ofd);
	walk_free(&w);
	return rc;
}
