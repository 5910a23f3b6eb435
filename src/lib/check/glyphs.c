/* glyphs.c - text of the manifest that no font of the bundle prints:
 * glyph-missing, found before any build.
 *
 * The answer is the renderer's own (canvas/font.h: which font draws each
 * character through libharu), so `check` and `build` cannot disagree.
 * That is why check/ may include canvas/ (tools/layers.sh).
 */
#include <stdio.h>
#include <string.h>

#include "canvas/font.h"
#include "check/check.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* At most this many characters are named in one finding. */
#define MAX_NAMED 8

/*
 * Adds a glyph-missing finding when some character of `text` (the value
 * of `field`) has no font: naming the field, the text and each such
 * character once.
 */
static int
check_text(cp_report *report, const cp__font *font, size_t order,
    const char *document, const char *field, const char *text)
{
	uint32_t seen[MAX_NAMED], cp;
	const char *p, *start;
	cp__strbuf list = CP__STRBUF_INIT;
	size_t nseen = 0, more = 0, i;
	int rc;

	if (text == NULL || cp__font_undrawable(font, text) == 0)
		return CP_OK;
	for (p = text; *p != '\0';) {
		start = p;
		cp = cp__utf8_next(&p);
		if (cp__font_face_for(font, cp) >= 0)
			continue;
		for (i = 0; i < nseen && seen[i] != cp; i++)
			;
		if (i < nseen)
			continue;
		if (nseen == MAX_NAMED) {
			more++;
			continue;
		}
		seen[nseen++] = cp;
		cp__strbuf_printf(&list, "%sU+%04lX", list.len ? ", " : "",
		    (unsigned long)cp);
		/* The character itself, when it is one a terminal shows. */
		if (cp >= 0x20 && cp != CP__UTF8_BAD && cp != 0x7f &&
		    !(cp >= 0x80 && cp <= 0x9f)) {
			cp__strbuf_puts(&list, " ");
			cp__strbuf_add(&list, start, (size_t)(p - start));
		}
	}
	if (more > 0)
		cp__strbuf_printf(&list, " and %zu more", more);
	if (list.failed || list.data == NULL) {
		cp__strbuf_free(&list);
		return CP_ENOMEM;
	}
	rc = cp__report_add(report, order, "glyph-missing", document, NULL,
	    "%s \"%s\" has characters no font of the bundle can print (%s): "
	    "the cover and index would show '?' for them, while the "
	    "manifest attached to the bundle keeps the text as written; "
	    "a name stays as it is in the passport", field, text,
	    list.data);
	cp__strbuf_free(&list);
	return rc;
}

int
cp__check_glyphs(cp_report *report, const cp_claim *claim,
    const cp__font *font)
{
	char field[64];
	size_t i;
	int rc;

	/* Without the fonts there is nothing to ask; `build` says how to
	 * install them. */
	if (font == NULL)
		return CP_OK;
	rc = check_text(report, font, 0, NULL, "patient.name",
	    claim->patient_name);
	for (i = 0; rc == CP_OK && i < claim->naliases; i++) {
		snprintf(field, sizeof(field), "patient.aliases[%zu]", i);
		rc = check_text(report, font, 0, NULL, field,
		    claim->aliases[i]);
	}
	if (rc == CP_OK)
		rc = check_text(report, font, 0, NULL, "patient.passport",
		    claim->passport);
	if (rc == CP_OK)
		rc = check_text(report, font, 0, NULL, "claim.reference",
		    claim->reference);
	if (rc == CP_OK)
		rc = check_text(report, font, 0, NULL, "claim.insurer",
		    claim->insurer);
	if (rc == CP_OK)
		rc = check_text(report, font, 0, NULL, "claim.policy",
		    claim->policy);
	for (i = 0; rc == CP_OK && i < claim->nepisodes; i++) {
		const cp__episode *ep = &claim->episodes[i];

		rc = check_text(report, font, CP__ORDER_EPISODE(claim, i),
		    NULL, "episode hospital", ep->hospital);
		if (rc == CP_OK)
			rc = check_text(report, font,
			    CP__ORDER_EPISODE(claim, i), NULL,
			    "episode hospital_zh", ep->hospital_zh);
	}
	for (i = 0; rc == CP_OK && i < claim->ndocuments; i++)
		rc = check_text(report, font, i, claim->documents[i].id,
		    "document title", claim->documents[i].title);
	return rc;
}
