/* fit.h - making a bundle fit an upload limit, step by step.
 *
 * The policy only: which resolution and JPEG quality to try in turn,
 * when to write again, and what to say when nothing fits.  The build
 * gives it the operations (recompress the photos, write the bundle), so
 * that the policy is tested without libharu or libqpdf.
 */
#ifndef CP_FIT_H
#define CP_FIT_H

#include <stddef.h>
#include <stdint.h>

#include "bundle/plan.h"

/* The resolution photos are never recompressed below unless the user
 * allows it (--min-dpi). */
#define CP__FIT_FLOOR_DPI 150u

typedef struct {
	/* Recompresses every photo from its original so that it shows at
	 * `dpi` where it is shown, at JPEG `quality`; *shrunk receives how
	 * many came out smaller. */
	int (*shrink)(void *ctx, unsigned dpi, int quality, size_t *shrunk,
	    cp_error *err);
	/* Writes the bundle again; *size receives its bytes. */
	int (*write)(void *ctx, uint64_t *size, cp_error *err);
	/* The bytes each document (bundle order) weighs now, into `out`
	 * (plan->ndocs entries), for the message when nothing fits. */
	void (*doc_bytes)(void *ctx, uint64_t *out);
} cp__fit_ops;

/*
 * With the bundle written once at `size` bytes, over `limit`: tries the
 * steps in turn (200 dpi at quality 85, then 150 dpi at 80, 70, 60 and
 * 50, then `min_dpi` at 50 when the user allowed less than 150; no step
 * below `min_dpi`), writing again after each step that made a photo
 * smaller, until the bundle fits.  Returns CP_OK when it fits,
 * CP_ETOOBIG naming the smallest size reached and the five largest
 * documents, or what an operation returned.  `min_dpi` 0 means
 * CP__FIT_FLOOR_DPI.
 */
int cp__fit(const cp__plan *plan, const cp__fit_ops *ops, void *ctx,
    uint64_t size, uint64_t limit, unsigned min_dpi, cp_error *err);

/* "#3 Discharge summary (d3) 2.4 MB, #1 ...": the five documents that
 * weigh most (`bytes` per document in bundle order), heaviest first.
 * A new string (caller frees), NULL when out of memory. */
char *cp__fit_largest(const cp__plan *plan, const uint64_t *bytes);

#endif
