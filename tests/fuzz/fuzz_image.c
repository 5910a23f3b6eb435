/*
 * fuzz_image.c - cp__image_probe, cp__image_probe_memory, cp__image_place
 * and cp__image_verify on any file.
 *
 * cp__image_probe reads a path, so each input is written to one
 * temporary file, made once per run and removed at exit.  The memory
 * variant reads libFuzzer's own copy of the input, a heap block of
 * exactly its size, so AddressSanitizer sees any read past its end.
 * Checked against image.h:
 * - on success: a JPEG or PNG of 1..CP__IMAGE_MAX_SIDE pixels a side and
 *   at most CP__IMAGE_MAX_PIXELS in all; 1, 3 or 4 channels (4 only for
 *   a CMYK JPEG); 8 bits for a JPEG, 1, 2, 4, 8 or 16 for a PNG (3
 *   channels for a palette: 8 bits at most); orientation 1..8, and 1 for a PNG;
 *   densities finite and not negative; and the file's first bytes sniff
 *   as that format; arithmetic coding and an ICC profile (of at most
 *   CP__IMAGE_MAX_ICC bytes) only for a JPEG, and cp__image_jpeg_icc
 *   then reads exactly that many bytes of profile; the day a JPEG's
 *   EXIF data says it was taken (`taken`) "" or a real "YYYY-MM-DD"
 *   that cp__exif_date gives back unchanged, and "" for a PNG;
 * - on failure: *out all zeros and a reason in `why`;
 * - cp__image_probe_memory on the same bytes gives the same answer (the
 *   same status and fields, and the same reason);
 * - cp__image_verify (image_integrity.h) on the file ends (an arithmetic
 *   JPEG is decoded by libjpeg too), with a reason when it refuses.
 * - cp__image_place puts an accepted image inside the margins of an A4
 *   page, at a positive size, never above its size at 150 dpi.
 */
#include <errno.h>
#include <math.h>
#include <unistd.h>

#include "input/exif.h"
#include "input/image.h"
#include "input/image_integrity.h"
#include "input/sniff.h"
#include "fuzz.h"

static char file_path[4096];
static char dir_path[4096];

static void
remove_file(void)
{
	unlink(file_path);
	rmdir(dir_path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(dir_path, sizeof(dir_path), "%s/cp-fuzz-image-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir_path) == NULL) {
		perror("fuzz_image: mkdtemp");
		exit(1);
	}
	snprintf(file_path, sizeof(file_path), "%s/input", dir_path);
	atexit(remove_file);
	return 0;
}

static bool
write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(file_path, "wb");
	bool ok;

	if (f == NULL)
		return false;
	ok = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && ok;
}

static bool
all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static void
check_info(const cp__image_info *in, const uint8_t *data, size_t size)
{
	cp__format sniffed = cp__sniff(data, size < CP__SNIFF_BYTES ? size :
	    CP__SNIFF_BYTES);

	FZ_ASSERT(in->format == CP__FORMAT_JPEG || in->format == CP__FORMAT_PNG);
	FZ_ASSERT(sniffed == in->format);
	FZ_ASSERT(in->width >= 1 && in->width <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT(in->height >= 1 && in->height <= CP__IMAGE_MAX_SIDE);
	FZ_ASSERT((uint64_t)in->width * in->height <= CP__IMAGE_MAX_PIXELS);
	FZ_ASSERT(in->components == 1 || in->components == 3 ||
	    in->components == 4);
	FZ_ASSERT(in->orientation >= 1 && in->orientation <= 8);
	FZ_ASSERT(isfinite(in->dpi_x) && isfinite(in->dpi_y));
	FZ_ASSERT(in->dpi_x >= 0 && in->dpi_y >= 0);
	FZ_ASSERT(memchr(in->taken, '\0', sizeof(in->taken)) != NULL);
	if (in->taken[0] != '\0') {
		char again[CP__EXIF_DATE_SIZE];

		FZ_ASSERT(strlen(in->taken) == 10);
		FZ_ASSERT(cp__exif_date(in->taken, 10, again));
		FZ_ASSERT(strcmp(again, in->taken) == 0);
		FZ_ASSERT(in->format == CP__FORMAT_JPEG);
	}
	if (in->format == CP__FORMAT_JPEG) {
		FZ_ASSERT(in->bits == 8);
		FZ_ASSERT(in->cmyk == (in->components == 4));
		FZ_ASSERT(!in->has_alpha);
		FZ_ASSERT(in->icc_len <= CP__IMAGE_MAX_ICC);
	} else {
		FZ_ASSERT(!in->arithmetic && in->icc_len == 0);
		FZ_ASSERT(in->bits == 1 || in->bits == 2 || in->bits == 4 ||
		    in->bits == 8 || in->bits == 16);
		FZ_ASSERT(in->components != 4 && !in->cmyk &&
		    !in->progressive);
		FZ_ASSERT(in->orientation == 1);
		FZ_ASSERT(!in->adobe);
	}
}

/* On an A4 page (595 x 842 points) with 36-point margins. */
static void
check_place(const cp__image_info *in)
{
	const double pw = 595, ph = 842, top = 36, bottom = 36, side = 36;
	const double eps = 1e-6;
	double w = -1, h = -1, nat_w, nat_h;
	bool swap = in->orientation >= 5;
	cp__matrix m;

	cp__image_place(in, pw, ph, top, bottom, side, &m, &w, &h);
	nat_w = (swap ? in->height : in->width) * 72.0 / 150.0;
	nat_h = (swap ? in->width : in->height) * 72.0 / 150.0;
	FZ_ASSERT(isfinite(w) && isfinite(h) && w > 0 && h > 0);
	FZ_ASSERT(w <= pw - 2 * side + eps && h <= ph - top - bottom + eps);
	FZ_ASSERT(w <= nat_w + eps && h <= nat_h + eps);
	FZ_ASSERT(isfinite(m.a) && isfinite(m.b) && isfinite(m.c) &&
	    isfinite(m.d) && isfinite(m.e) && isfinite(m.f));
	/* Out-parameters may be NULL. */
	cp__image_place(in, pw, ph, top, bottom, side, NULL, NULL, NULL);
}

/* The memory variant agrees with the file one. */
static void
check_memory(const uint8_t *data, size_t size, int rc,
    const cp__image_info *info, const char *why)
{
	cp__image_info mem;
	char mwhy[256];
	int mrc;

	memset(&mem, 0xA5, sizeof(mem));
	memset(mwhy, 'x', sizeof(mwhy));
	mrc = cp__image_probe_memory(&mem, data, size, mwhy, sizeof(mwhy));
	FZ_ASSERT(mrc == rc);
	FZ_ASSERT(memchr(mwhy, '\0', sizeof(mwhy)) != NULL);
	if (rc != 0) {
		FZ_ASSERT(all_zero(&mem, sizeof(mem)));
		FZ_ASSERT(strcmp(mwhy, why) == 0);
		return;
	}
	FZ_ASSERT(mem.format == info->format && mem.width == info->width &&
	    mem.height == info->height && mem.components == info->components &&
	    mem.bits == info->bits && mem.has_alpha == info->has_alpha &&
	    mem.cmyk == info->cmyk && mem.adobe == info->adobe &&
	    mem.progressive == info->progressive &&
	    mem.arithmetic == info->arithmetic &&
	    mem.icc_len == info->icc_len &&
	    mem.orientation == info->orientation &&
	    mem.dpi_x == info->dpi_x && mem.dpi_y == info->dpi_y &&
	    strcmp(mem.taken, info->taken) == 0);
}

/* The whole-file check runs to its end on anything the sniffer calls a
 * JPEG or PNG. */
static void
check_verify(const uint8_t *data, size_t size)
{
	cp__format f = cp__sniff(data, size < CP__SNIFF_BYTES ? size :
	    CP__SNIFF_BYTES);
	char why[256];
	int rc;

	if (f != CP__FORMAT_JPEG && f != CP__FORMAT_PNG)
		return;
	memset(why, 'x', sizeof(why));
	why[0] = '\0';
	rc = cp__image_verify(file_path, f, why, sizeof(why));
	FZ_ASSERT(rc == 0 || rc == -1);
	FZ_ASSERT(memchr(why, '\0', sizeof(why)) != NULL);
	if (rc != 0)
		FZ_ASSERT(why[0] != '\0');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp__image_info info;
	char why[256];
	int rc;

	if (size > FZ_MAX_INPUT)
		return 0;
	if (!write_input(data, size)) {
		fprintf(stderr, "fuzz_image: cannot write %s: %s\n", file_path,
		    strerror(errno));
		abort();
	}
	memset(&info, 0xA5, sizeof(info));
	memset(why, 'x', sizeof(why));
	rc = cp__image_probe(&info, file_path, why, sizeof(why));
	FZ_ASSERT(rc == 0 || rc == -1);
	FZ_ASSERT(memchr(why, '\0', sizeof(why)) != NULL);
	check_memory(data, size, rc, &info, why);
	check_verify(data, size);
	if (rc != 0) {
		FZ_ASSERT(all_zero(&info, sizeof(info)));
		FZ_ASSERT(why[0] != '\0');
		return 0;
	}
	check_info(&info, data, size);
	check_place(&info);
	/* The profile the probe found is read whole, and no further. */
	if (info.icc_len > 0) {
		unsigned char *icc = NULL;
		size_t i;
		unsigned sum = 0;

		FZ_ASSERT(cp__image_jpeg_icc(&icc, file_path, &info, why,
		    sizeof(why)) == 0);
		for (i = 0; i < info.icc_len; i++)
			sum += icc[i];
		(void)sum;
		free(icc);
	}
	/* No buffer for the reason is fine too, and gives the same. */
	{
		cp__image_info again;

		FZ_ASSERT(cp__image_probe(&again, file_path, NULL, 0) == 0);
		FZ_ASSERT(again.width == info.width &&
		    again.height == info.height);
	}
	return 0;
}
