/* fit.c - the steps that make a bundle fit an upload limit (see fit.h). */
#include <stdio.h>
#include <stdlib.h>

#include "bundle/fit.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The steps tried in turn: resolution at the size shown, JPEG quality.
 * The first keeps photos sharp; the last is still readable print. */
static const struct {
	unsigned dpi;
	int quality;
} steps[] = {
	{ 200, 85 }, { 150, 80 }, { 150, 70 }, { 150, 60 }, { 150, 50 },
};
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

/* "5 MB", "800 KB", "1.4 MB": sizes as portals state them (decimal). */
static void
size_text(char *buf, size_t size, uint64_t bytes)
{
	if (bytes >= 1000000)
		snprintf(buf, size, "%.1f MB", (double)bytes / 1e6);
	else
		snprintf(buf, size, "%.0f KB", (double)bytes / 1e3);
}

char *
cp__fit_largest(const cp__plan *plan, const uint64_t *bytes)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	uint64_t *left, best;
	size_t d, i, pick;
	char text[32];

	if ((left = calloc(plan->ndocs + 1, sizeof(*left))) == NULL)
		return NULL;
	for (d = 0; d < plan->ndocs; d++)
		left[d] = bytes[d];
	for (i = 0; i < 5 && i < plan->ndocs; i++) {
		best = 0;
		pick = plan->ndocs;
		for (d = 0; d < plan->ndocs; d++)
			if (left[d] > best) {
				best = left[d];
				pick = d;
			}
		if (pick == plan->ndocs)
			break;
		size_text(text, sizeof(text), best);
		cp__strbuf_printf(&sb, "%s#%zu %s (%s) %s", i ? ", " : "",
		    plan->docs[pick].number, cp__plan_doc_label(plan, pick),
		    cp__plan_document(plan, pick)->id, text);
		left[pick] = 0;
	}
	free(left);
	cp__strbuf_puts(&sb, "");       /* "" rather than NULL when none */
	return cp__strbuf_detach(&sb);
}

/* The message when even the last step leaves the bundle too large. */
static int
too_big(const cp__plan *plan, const cp__fit_ops *ops, void *ctx,
    uint64_t size, uint64_t limit, unsigned floor_dpi, cp_error *err)
{
	char have[32], want[32], *largest;
	uint64_t *bytes;
	int rc;

	size_text(have, sizeof(have), size);
	size_text(want, sizeof(want), limit);
	if ((bytes = calloc(plan->ndocs + 1, sizeof(*bytes))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	ops->doc_bytes(ctx, bytes);
	largest = cp__fit_largest(plan, bytes);
	rc = cp__error_set(err, CP_ETOOBIG, NULL, 0, 0, "the bundle cannot "
	    "be made smaller than %s, over the %s limit, with photos at %u "
	    "dpi; input PDFs and the original e-invoices attached are kept as "
	    "they are. The largest documents: "
	    "%s. Drop or split some, or allow a lower resolution with "
	    "--min-dpi", have, want, floor_dpi, largest != NULL ? largest :
	    "?");
	free(largest);
	free(bytes);
	return rc;
}

int
cp__fit(const cp__plan *plan, const cp__fit_ops *ops, void *ctx,
    uint64_t size, uint64_t limit, unsigned min_dpi, cp_error *err)
{
	const unsigned floor_dpi = min_dpi ? min_dpi : CP__FIT_FLOOR_DPI;
	unsigned dpi;
	size_t s, shrunk;
	int quality, rc;

	for (s = 0; size > limit && s <= NSTEPS; s++) {
		/* One more step at the user's floor when it is lower. */
		if (s == NSTEPS) {
			if (floor_dpi >= CP__FIT_FLOOR_DPI)
				break;
			dpi = floor_dpi;
			quality = 50;
		} else {
			dpi = steps[s].dpi < floor_dpi ? floor_dpi :
			    steps[s].dpi;
			quality = steps[s].quality;
		}
		if ((rc = ops->shrink(ctx, dpi, quality, &shrunk, err)) !=
		    CP_OK)
			return rc;
		/* Nothing came out smaller: the bundle would not either. */
		if (shrunk == 0)
			continue;
		if ((rc = ops->write(ctx, &size, err)) != CP_OK)
			return rc;
	}
	if (size > limit)
		return too_big(plan, ops, ctx, size, limit, floor_dpi, err);
	return CP_OK;
}
