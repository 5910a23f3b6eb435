/* glyphs.c - one glyph-missing warning per field and character. */
#include <stdlib.h>
#include <string.h>

#include "bundle/glyphs.h"
#include "check/report.h"
#include "util/error.h"

int
cp__glyphs_init(cp__glyphs *g, cp_error *err)
{
	memset(g, 0, sizeof(*g));
	if ((g->report = cp__report_new()) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}

void
cp__glyphs_free(cp__glyphs *g)
{
	cp_report_free(g->report);
	free(g->seen);
	memset(g, 0, sizeof(*g));
}

void
cp__glyphs_undrawable(void *ctx, const char *field, unsigned long cp)
{
	cp__glyphs *g = ctx;
	cp__glyph *grown;
	size_t i, cap;

	/* Each field and character once, however many of them there are:
	 * a bounded table would warn again once it is full. */
	for (i = 0; i < g->count; i++)
		if (g->seen[i].cp == cp && strcmp(g->seen[i].field, field) == 0)
			return;
	if (g->count == g->cap) {
		cap = g->cap ? g->cap * 2 : 64;
		if ((grown = realloc(g->seen, cap * sizeof(*grown))) == NULL) {
			g->failed = 1;
			return;
		}
		g->seen = grown;
		g->cap = cap;
	}
	g->seen[g->count++] = (cp__glyph){ field, cp };
	if (cp__report_add(g->report, 0, "glyph-missing", NULL, NULL,
	    "the character U+%04lX in %s has no glyph in the bundle's "
	    "fonts (fonts/README.md) and prints as '?'; the manifest "
	    "attached to the bundle keeps it as written", cp, field) != CP_OK)
		g->failed = 1;
}
