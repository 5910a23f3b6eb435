/* fit.c - making a bundle fit an upload limit by recompressing its
 * photos, step by step, never below the resolution their pages need. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "pdf/jpeg_shrink.h"
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

static uint64_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* "5 MB", "800 KB", "1.4 MB": sizes as portals state them (decimal). */
static void
size_text(char *buf, size_t size, uint64_t bytes)
{
	if (bytes >= 1000000)
		snprintf(buf, size, "%.1f MB", (double)bytes / 1e6);
	else
		snprintf(buf, size, "%.0f KB", (double)bytes / 1e3);
}

/* Pixels a photo needs, as stored, to show at `dpi` where it is shown. */
static void
pixels_needed(const cp__plan *plan, const cp__plan_file *pf, unsigned dpi,
    unsigned *w, unsigned *h)
{
	double shown_w = 0, shown_h = 0, tw, th;
	const cp__paper *p = &plan->paper;

	cp__image_place(&pf->image, p->width, p->height, p->top, p->bottom,
	    p->margin, NULL, &shown_w, &shown_h);
	tw = shown_w / 72.0 * dpi;
	th = shown_h / 72.0 * dpi;
	/* Orientations 5 to 8 are stored turned a quarter. */
	if (pf->image.orientation >= 5 && pf->image.orientation <= 8) {
		double t = tw;

		tw = th;
		th = t;
	}
	*w = (unsigned)(tw + 0.999);
	*h = (unsigned)(th + 0.999);
}

/* The largest documents, for a user who must drop or split some. */
static char *
largest_documents(const cp__plan *plan)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	uint64_t *sizes, best;
	size_t d, f, i, pick;
	char text[32];

	if ((sizes = calloc(plan->ndocs + 1, sizeof(*sizes))) == NULL)
		return NULL;
	for (d = 0; d < plan->ndocs; d++)
		for (f = 0; f < plan->docs[d].nfiles; f++) {
			const cp__plan_file *pf = &plan->docs[d].files[f];

			sizes[d] += file_size(pf->draw_path != NULL ?
			    pf->draw_path : pf->path);
		}
	for (i = 0; i < 5 && i < plan->ndocs; i++) {
		best = 0;
		pick = plan->ndocs;
		for (d = 0; d < plan->ndocs; d++)
			if (sizes[d] > best) {
				best = sizes[d];
				pick = d;
			}
		if (pick == plan->ndocs)
			break;
		size_text(text, sizeof(text), best);
		cp__strbuf_printf(&sb, "%s#%zu %s (%s) %s", i ? ", " : "",
		    plan->docs[pick].number,
		    cp__plan_doc_label(plan, &plan->docs[pick]),
		    plan->claim->documents[plan->docs[pick].doc].id, text);
		sizes[pick] = 0;
	}
	free(sizes);
	return cp__strbuf_detach(&sb);
}

int
cp__bundle_fit(cp__plan *plan, const cp__font *font, const char *tmp,
    cp__warnings *w, cp__write_fn write_fn, cp_error *err)
{
	const uint64_t limit = plan->opts->max_size;
	const unsigned floor_dpi = plan->opts->min_dpi ? plan->opts->min_dpi :
	    150;
	const char *tmpdir = getenv("TMPDIR");
	char *dir = NULL, *copy, *largest, why[300], have[32], want[32];
	unsigned need_w, need_h, dpi;
	size_t s, d, f, n = 0;
	int rc = CP_OK, shrunk;

	if (file_size(tmp) <= limit)
		return CP_OK;
	/* Recompressed copies live in a private folder removed at the end:
	 * they are the patient's papers too. */
	if ((dir = cp__sprintf("%s/claimpack-fit.XXXXXX", tmpdir != NULL &&
	    tmpdir[0] == '/' ? tmpdir : "/tmp")) == NULL || mkdtemp(dir) ==
	    NULL) {
		rc = cp__error_set(err, CP_EIO, NULL, 0, 0, "cannot make a "
		    "temporary folder for recompressed photos (%s)",
		    strerror(errno));
		free(dir);
		return rc;
	}
	plan->recompressed_to = limit;
	for (s = 0; s < sizeof(steps) / sizeof(steps[0]) + 1; s++) {
		/* One more step at the user's floor when it is lower. */
		if (s == sizeof(steps) / sizeof(steps[0])) {
			if (floor_dpi >= 150)
				break;
			dpi = floor_dpi;
		} else {
			dpi = steps[s].dpi < floor_dpi ? floor_dpi : steps[s].dpi;
		}
		shrunk = 0;
		for (d = 0; d < plan->ndocs && rc == CP_OK; d++)
			for (f = 0; f < plan->docs[d].nfiles; f++) {
				cp__plan_file *pf = &plan->docs[d].files[f];

				if (pf->format != CP__FORMAT_JPEG)
					continue;
				pixels_needed(plan, pf, dpi, &need_w, &need_h);
				if ((copy = cp__sprintf("%s/%zu.jpg", dir,
				    n++)) == NULL) {
					rc = cp__error_set(err, CP_ENOMEM, NULL,
					    0, 0, "out of memory");
					break;
				}
				switch (cp__image_shrink(pf->path, need_w, need_h,
				    s < sizeof(steps) / sizeof(steps[0]) ?
				    steps[s].quality : 50, copy, why,
				    sizeof(why))) {
				case 0:
					if (pf->draw_path != NULL)
						unlink(pf->draw_path);
					free(pf->draw_path);
					pf->draw_path = copy;
					shrunk++;
					break;
				case 1:
					free(copy);
					break;
				default:
					rc = cp__error_set(err, CP_EIO,
					    pf->written, 0, 0, "%s", why);
					free(copy);
				}
				if (rc != CP_OK)
					break;
			}
		if (rc != CP_OK)
			break;
		if (shrunk == 0)
			continue;
		if ((rc = write_fn(plan, font, tmp, w, err)) != CP_OK)
			break;
		if (file_size(tmp) <= limit)
			break;
	}
	if (rc == CP_OK && file_size(tmp) > limit) {
		size_text(have, sizeof(have), file_size(tmp));
		size_text(want, sizeof(want), limit);
		largest = largest_documents(plan);
		rc = cp__error_set(err, CP_ETOOBIG, NULL, 0, 0, "the bundle "
		    "cannot be made smaller than %s, over the %s limit, with "
		    "photos at %u dpi; input PDFs are kept as they are. The "
		    "largest documents: %s. Drop or split some, or allow a "
		    "lower resolution with --min-dpi", have, want, floor_dpi,
		    largest != NULL ? largest : "?");
		free(largest);
	}
	/* The copies are not needed once the bundle is written. */
	for (d = 0; d < plan->ndocs; d++)
		for (f = 0; f < plan->docs[d].nfiles; f++) {
			cp__plan_file *pf = &plan->docs[d].files[f];

			if (pf->draw_path != NULL)
				unlink(pf->draw_path);
			free(pf->draw_path);
			pf->draw_path = NULL;
		}
	rmdir(dir);
	free(dir);
	return rc;
}
