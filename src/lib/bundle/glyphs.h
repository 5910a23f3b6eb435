/* glyphs.h - the build's warnings about text the font cannot draw. */
#ifndef CP_GLYPHS_H
#define CP_GLYPHS_H

#include <stddef.h>

#include "claimpack.h"

typedef struct {
	const char *field;      /* static: "patient.name" */
	unsigned long cp;
} cp__glyph;

typedef struct {
	cp_report *report;      /* "glyph-missing" warnings, one per field
	                           and character however often drawn */
	cp__glyph *seen;
	size_t count, cap;
	int failed;             /* out of memory: a warning may be missing */
} cp__glyphs;

/* Starts an empty set; CP_OK or CP_ENOMEM. */
int cp__glyphs_init(cp__glyphs *g, cp_error *err);

/* Frees the set (and its report, unless taken). */
void cp__glyphs_free(cp__glyphs *g);

/* The canvas's undrawable callback (ctx is the cp__glyphs): adds the
 * warning the first time `field` has `cp`, across every page and every
 * pass of the build. */
void cp__glyphs_undrawable(void *ctx, const char *field, unsigned long cp);

#endif
