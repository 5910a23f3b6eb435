/* jpeg_shrink.c - scaled decode and re-encode with libjpeg-turbo. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <turbojpeg.h>

#include "pdf/jpeg_shrink.h"
#include "util/error.h"
#include "util/fsio.h"

/* The largest JPEG read into memory here: one photo at a time. */
#define MAX_JPEG_BYTES (256u * 1024 * 1024)

/* Whether a TurboJPEG call that returned `rc` failed: a warning (stray
 * bytes between header segments, a corrupt scan) still decodes, as
 * every viewer shows it. */
static bool
failed(tjhandle h, int rc)
{
	return rc != 0 && tjGetErrorCode(h) != TJERR_WARNING;
}

int
cp__image_shrink(const char *src, unsigned min_w, unsigned min_h,
    int quality, const char *dst, const char *name, cp_error *err)
{
	tjhandle dec = NULL, enc = NULL;
	tjscalingfactor *factors;
	unsigned char *pixels = NULL, *out = NULL;
	char *jpeg = NULL;
	unsigned long out_len = 0;
	size_t len = 0;
	int w, h, subsamp, space, n, i, sw, sh, best_w, best_h, pf, rc = -1;
	int written;
	FILE *f;

	/* One photo at a time is held whole, to be decoded. */
	if ((rc = cp__file_read(&jpeg, &len, src, MAX_JPEG_BYTES,
	    "a photo to recompress", CP_EIO, err)) != CP_OK) {
		/* Named as the user wrote it, not by its resolved path. */
		if (err != NULL)
			snprintf(err->path, sizeof(err->path), "%s", name);
		return rc;
	}
	if ((dec = tjInitDecompress()) == NULL ||
	    failed(dec, tjDecompressHeader3(dec, (unsigned char *)jpeg,
	    (unsigned long)len, &w, &h, &subsamp, &space))) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0,
		    "cannot be decoded: %s", tjGetErrorStr2(dec));
		goto done;
	}
	if (space == TJCS_CMYK || space == TJCS_YCCK) {
		rc = 1;
		goto done;
	}
	/* The smallest scale that keeps the pixels the page needs. */
	best_w = w;
	best_h = h;
	factors = tjGetScalingFactors(&n);
	for (i = 0; factors != NULL && i < n; i++) {
		if (factors[i].num > factors[i].denom)
			continue;
		sw = TJSCALED(w, factors[i]);
		sh = TJSCALED(h, factors[i]);
		if ((unsigned)sw >= min_w && (unsigned)sh >= min_h &&
		    sw * sh < best_w * best_h) {
			best_w = sw;
			best_h = sh;
		}
	}
	pf = space == TJCS_GRAY ? TJPF_GRAY : TJPF_RGB;
	if ((pixels = malloc((size_t)best_w * (size_t)best_h *
	    (size_t)tjPixelSize[pf])) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto done;
	}
	if (failed(dec, tjDecompress2(dec, (unsigned char *)jpeg,
	    (unsigned long)len, pixels, best_w, 0, best_h, pf,
	    TJFLAG_ACCURATEDCT)) ||
	    (enc = tjInitCompress()) == NULL ||
	    tjCompress2(enc, pixels, best_w, 0, best_h, pf, &out, &out_len,
	    pf == TJPF_GRAY ? TJSAMP_GRAY : TJSAMP_420, quality,
	    TJFLAG_ACCURATEDCT) != 0) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0,
		    "cannot be recompressed: %s",
		    tjGetErrorStr2(enc != NULL ? enc : dec));
		goto done;
	}
	if (out_len >= len) {
		rc = 1;     /* no smaller: keep the original */
		goto done;
	}
	if ((f = fopen(dst, "wb")) == NULL) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0,
		    "cannot write the recompressed copy: %s",
		    strerror(errno));
		goto done;
	}
	/* Close the file whether or not the write went through. */
	written = fwrite(out, 1, out_len, f) == out_len;
	if (fclose(f) != 0)
		written = 0;
	if (!written) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0,
		    "cannot write the recompressed copy: %s",
		    strerror(errno));
		goto done;
	}
	rc = 0;
done:
	tjFree(out);
	free(pixels);
	free(jpeg);
	if (enc != NULL)
		tjDestroy(enc);
	if (dec != NULL)
		tjDestroy(dec);
	return rc;
}
