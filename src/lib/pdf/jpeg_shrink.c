/* jpeg_shrink.c - scaled decode and re-encode with libjpeg-turbo. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <turbojpeg.h>

#include "input/image.h"
#include "pdf/jpeg_shrink.h"
#include "util/error.h"
#include "util/fsio.h"

/* The largest JPEG read into memory here: one photo at a time. */
#define MAX_JPEG_BYTES (256u * 1024 * 1024)

/* The most profile bytes an APP2 segment holds: 65535 less its length
 * field, "ICC_PROFILE\0", the chunk's number and the count. */
#define ICC_CHUNK_MAX (65535u - 16u)

/* Whether a TurboJPEG call that returned `rc` failed: a warning (stray
 * bytes between header segments, a corrupt scan) still decodes, as
 * every viewer shows it. */
static bool
failed(tjhandle h, int rc)
{
	return rc != 0 && tjGetErrorCode(h) != TJERR_WARNING;
}

/*
 * The ICC profile of the JPEG `jpeg` (`len` bytes, read from `src`) into
 * *icc (*icc_len bytes; NULL and 0 when it has none).  CP_OK; CP_EIO
 * naming `name`; CP_ENOMEM.
 */
static int
read_profile(unsigned char **icc, size_t *icc_len, const char *src,
    const char *jpeg, size_t len, const char *name, cp_error *err)
{
	cp__image_info info;
	char why[300];

	*icc = NULL;
	*icc_len = 0;
	if (cp__image_probe_memory(&info, jpeg, len, why, sizeof(why)) != 0)
		return cp__error_set(err, CP_EIO, name, 0, 0, "%s", why);
	if (info.icc_len == 0)
		return CP_OK;
	if (cp__image_jpeg_icc(icc, src, &info, why, sizeof(why)) != 0)
		return cp__error_set(err, strcmp(why, "out of memory") == 0 ?
		    CP_ENOMEM : CP_EIO, name, 0, 0, "%s", why);
	*icc_len = info.icc_len;
	return CP_OK;
}

/*
 * Writes the JPEG `out` (as TurboJPEG makes it: SOI, then JFIF's APP0)
 * to `f` with the profile `icc` in APP2 "ICC_PROFILE" segments after
 * them, as the photo it was made from carried it: its pixels were
 * decoded and encoded in that profile's colours.  Whether every byte was
 * written.
 */
static bool
write_jpeg(FILE *f, const unsigned char *out, size_t out_len,
    const unsigned char *icc, size_t icc_len)
{
	size_t head = 2, count, i, n;
	unsigned char seg[18];

	if (out_len >= 6 && out[2] == 0xff && out[3] == 0xe0)
		head = 4 + ((size_t)out[4] << 8 | out[5]);
	if (icc_len == 0 || head > out_len)
		return fwrite(out, 1, out_len, f) == out_len;
	if (fwrite(out, 1, head, f) != head)
		return false;
	count = (icc_len + ICC_CHUNK_MAX - 1) / ICC_CHUNK_MAX;
	for (i = 0; i < count; i++) {
		n = icc_len - i * ICC_CHUNK_MAX;
		if (n > ICC_CHUNK_MAX)
			n = ICC_CHUNK_MAX;
		seg[0] = 0xff;
		seg[1] = 0xe2;
		seg[2] = (unsigned char)((n + 16) >> 8);
		seg[3] = (unsigned char)(n + 16);
		memcpy(seg + 4, "ICC_PROFILE", 12);
		seg[16] = (unsigned char)(i + 1);
		seg[17] = (unsigned char)count;
		if (fwrite(seg, 1, sizeof(seg), f) != sizeof(seg) ||
		    fwrite(icc + i * ICC_CHUNK_MAX, 1, n, f) != n)
			return false;
	}
	return fwrite(out + head, 1, out_len - head, f) == out_len - head;
}

int
cp__image_shrink(const char *src, unsigned min_w, unsigned min_h,
    int quality, const char *dst, const char *name, cp_error *err)
{
	tjhandle dec = NULL, enc = NULL;
	tjscalingfactor *factors;
	unsigned char *pixels = NULL, *out = NULL, *icc = NULL;
	char *jpeg = NULL;
	unsigned long out_len = 0;
	size_t len = 0, icc_len = 0;
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
	if ((rc = read_profile(&icc, &icc_len, src, jpeg, len, name, err)) !=
	    CP_OK)
		goto done;
	/* With the profile and its segments' heads. */
	if (out_len + icc_len + (icc_len + ICC_CHUNK_MAX - 1) /
	    ICC_CHUNK_MAX * 18 >= len) {
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
	written = write_jpeg(f, out, out_len, icc, icc_len);
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
	free(icc);
	free(pixels);
	free(jpeg);
	if (enc != NULL)
		tjDestroy(enc);
	if (dec != NULL)
		tjDestroy(dec);
	return rc;
}
