/* ofd_painter.c - the state of one drawing of an OFD page: the page's
 * bounds on objects, segments and characters, and the things reported
 * to the painter as not drawn, each once. */
#include "read/ofd_draw_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

void
cp__ofd_drawing_init(cp__ofd_drawing *dw, const cp__ofd_painter *p,
    void *ctx, size_t page, char *why, size_t why_size)
{
	memset(dw, 0, sizeof(*dw));
	dw->painter = p;
	dw->ctx = ctx;
	dw->page = page;
	dw->why = why;
	dw->why_size = why_size;
}

void
cp__ofd_drawing_fini(cp__ofd_drawing *dw)
{
	size_t i;

	for (i = 0; i < dw->nseen; i++)
		free(dw->seen[i]);
	cp__ofd_segments_free(&dw->segs);
	cp__ofd_glyphs_free(&dw->glyphs);
}

/* Whether `key` was reported on this page. */
static bool
seen(const cp__ofd_drawing *dw, const char *key)
{
	size_t i;

	for (i = 0; i < dw->nseen; i++)
		if (strcmp(dw->seen[i], key) == 0)
			return true;
	return false;
}

/* Formats and passes a note to `say` once per key and page. */
static int
note(cp__ofd_drawing *dw, void (*say)(void *, const char *),
    const char *key, const char *fmt, va_list ap)
{
	char *msg, *copy;

	if (say == NULL || dw->more_said)
		return 0;
	msg = cp__vsprintf(fmt, ap);
	if (msg == NULL)
		return -1;
	cp__ofd_clean(msg);
	if (key == NULL)
		key = msg;
	if (seen(dw, key)) {
		free(msg);
		return 0;
	}
	if (dw->nseen == CP__OFD_SEEN_MAX) {
		dw->more_said = true;
		say(dw->ctx, "more things this page holds that claimpack does "
		    "not draw");
		free(msg);
		return 0;
	}
	if ((copy = cp__strdup(key)) == NULL) {
		free(msg);
		return -1;
	}
	dw->seen[dw->nseen++] = copy;
	say(dw->ctx, msg);
	free(msg);
	return 0;
}

int
cp__ofd_unsupported(cp__ofd_drawing *dw, const char *key, const char *fmt,
    ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = note(dw, dw->painter->unsupported, key, fmt, ap);
	va_end(ap);
	return rc;
}

int
cp__ofd_damaged(cp__ofd_drawing *dw, const char *key, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = note(dw, dw->painter->damaged != NULL ? dw->painter->damaged :
	    dw->painter->unsupported, key, fmt, ap);
	va_end(ap);
	return rc;
}

int
cp__ofd_count(cp__ofd_drawing *dw, size_t objects, size_t items)
{
	if (objects > CP__OFD_DOC_MAX_OBJECTS - dw->objects)
		return cp__ofd_because(dw->why, dw->why_size, "has more than "
		    "%u objects on page %zu; claimpack draws at most %u",
		    CP__OFD_DOC_MAX_OBJECTS, dw->page,
		    CP__OFD_DOC_MAX_OBJECTS);
	if (items > CP__OFD_DOC_MAX_SEGMENTS - dw->items)
		return cp__ofd_because(dw->why, dw->why_size, "has more than "
		    "%u path segments and characters on page %zu; claimpack "
		    "draws at most %u", CP__OFD_DOC_MAX_SEGMENTS, dw->page,
		    CP__OFD_DOC_MAX_SEGMENTS);
	dw->objects += objects;
	dw->items += items;
	return 0;
}

size_t
cp__ofd_items_left(const cp__ofd_drawing *dw)
{
	return CP__OFD_DOC_MAX_SEGMENTS - dw->items;
}
