/* source_placeholder.c - pages that stand in for a file the build could
 * not draw (see canvas/placeholder.h). */
#include <stdlib.h>

#include "bundle/source.h"
#include "canvas/placeholder.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/strbuf.h"

/* A cp__source first, so that cp__source_close() frees it whole. */
typedef struct {
	cp__source s;
	char *why;              /* the phrase the file's error gave */
} placeholder;

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	const placeholder *p = (const placeholder *)s;
	const char *subset = NULL, *page = NULL;
	int rc;

	if ((rc = cp__scratch_file(env->scratch, "the font subset", &subset,
	    err)) != CP_OK || (rc = cp__scratch_file(env->scratch,
	    s->written, &page, err)) != CP_OK ||
	    (rc = cp__placeholder_write(env->font, s->written, p->why,
	    s->pages, env->paper.width, env->paper.height, env->paper.bottom,
	    subset, page, err)) != CP_OK) {
		cp__scratch_remove(env->scratch, page);
		goto done;
	}
	s->pdf = page;
	s->bytes = cp__file_size(page);
done:
	cp__scratch_remove(env->scratch, subset);
	return rc;
}

static void
close_placeholder(cp__source *s, const cp__source_env *env)
{
	cp__scratch_remove(env->scratch, s->pdf);
	free(((placeholder *)s)->why);
}

static const cp__source_ops placeholder_ops = {
	"placeholder", make_pdf, NULL, close_placeholder, false
};

int
cp__source_placeholder(cp__source **out, const char *written, size_t pages,
    const char *why, cp_error *err)
{
	placeholder *p;

	*out = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->why = cp__strdup(why)) == NULL) {
		free(p);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	p->s.ops = &placeholder_ops;
	p->s.written = written;
	p->s.format = CP__FORMAT_UNKNOWN;
	p->s.pages = pages > 0 ? pages : 1;
	p->s.own_pdf = true;
	*out = &p->s;
	return CP_OK;
}
