/* jpeg_page.c - a one-page PDF around a JPEG, its bytes the file's own.
 *
 * libharu would read the whole photo into memory and copy it twice; a
 * page that only shows a JPEG is six small objects around its bytes,
 * seven with its colour profile.  Those objects are written into memory
 * around a map of the photo file (jpeg_page.h): libqpdf reads the page
 * from there and copies the photo's bytes into the bundle, the one copy
 * made of them.
 */
/* MAP_ANONYMOUS */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "input/raster.h"
#include "pdf/jpeg_page.h"
#include "pdf/objects_int.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/infile.h"
#include "util/infile.h"

/* The objects of the page, by number; the profile's is the last. */
#define MAX_OBJECTS 6

/*
 * The JPEG's ICC profile, Flate-compressed, when it has one that fits its
 * colours (*z NULL when not: the page then uses the device colours).
 */
static int
read_profile(unsigned char **z, uLongf *z_len, const char *jpeg_path,
    const cp__image_info *info, const char *name, cp_error *err)
{
	unsigned char *icc = NULL;
	char why[300];
	int rc = CP_OK;

	*z = NULL;
	*z_len = 0;
	if (info->icc_len == 0)
		return CP_OK;
	if (cp__image_jpeg_icc(&icc, jpeg_path, info, why, sizeof(why)) != 0)
		return cp__error_set(err, strcmp(why, "out of memory") == 0 ?
		    CP_ENOMEM : CP_EIO, name, 0, 0, "%s", why);
	/* A profile of other colours than the JPEG's would be wrong. */
	if (!cp__raster_icc_fits(icc, info->icc_len, info->components))
		goto done;
	*z_len = compressBound((uLong)info->icc_len);
	if ((*z = malloc(*z_len)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (compress2(*z, z_len, icc, (uLong)info->icc_len, 9) != Z_OK) {
		free(*z);
		*z = NULL;
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
	}
done:
	free(icc);
	return rc;
}

/* The objects before the photo's bytes and after them, as text. */
typedef struct {
	char *head;             /* up to and with "stream\n" of the image */
	size_t head_len;        /* a multiple of the memory page size */
	char *tail;             /* from "\nendstream" to "%%EOF\n" */
	size_t tail_len;
} page_text;

static void
page_text_free(page_text *t)
{
	free(t->head);
	free(t->tail);
}

/*
 * The page's objects around a photo of `length` bytes: the catalog, the
 * page tree, the page, its content, the profile (when any), a comment
 * that pads the head to a whole number of memory pages of `page_size`
 * bytes (so that the photo's bytes start on a page and the file can be
 * mapped there), the image's dictionary, and after the bytes the cross-
 * reference table.  0, or -1 when out of memory.
 */
static int
make_text(page_text *t, const cp__image_info *info, double page_w,
    double page_h, const cp__matrix *cm, const unsigned char *profile,
    uLongf profile_len, long length, size_t page_size)
{
	char content[256], w[32], h[32], space[32], image[512];
	const char *device;
	long offsets[MAX_OBJECTS], xref, at;
	size_t objects_len, pad;
	FILE *out;
	int i, count;

	memset(t, 0, sizeof(*t));
	cp__pdf_format_number(w, sizeof(w), page_w);
	cp__pdf_format_number(h, sizeof(h), page_h);
	cp__pdf_image_content(content, sizeof(content), cm);
	device = info->components == 1 ? "/DeviceGray" :
	    info->components == 4 ? "/DeviceCMYK" : "/DeviceRGB";
	count = profile != NULL ? 6 : 5;
	if (profile != NULL)
		snprintf(space, sizeof(space), "[/ICCBased 6 0 R]");
	else
		snprintf(space, sizeof(space), "%s", device);
	/* The ink of an Adobe CMYK JPEG is stored inverted: /Decode reads
	 * it back, before any colour profile applies. */
	snprintf(image, sizeof(image), "5 0 obj\n<< /Type /XObject /Subtype "
	    "/Image /Width %u /Height %u /ColorSpace %s /BitsPerComponent 8%s "
	    "/Filter /DCTDecode /Length %ld >>\nstream\n", info->width,
	    info->height, space, info->components == 4 && info->adobe ?
	    " /Decode [1 0 1 0 1 0 1 0]" : "", length);

	if ((out = open_memstream(&t->head, &t->head_len)) == NULL)
		return -1;
	fputs("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", out);
	offsets[0] = ftell(out);
	fputs("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", out);
	offsets[1] = ftell(out);
	fputs("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
	    out);
	offsets[2] = ftell(out);
	fprintf(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s "
	    "%s] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R "
	    ">>\nendobj\n", w, h);
	offsets[3] = ftell(out);
	fprintf(out, "4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\n"
	    "endobj\n", strlen(content), content);
	if (profile != NULL) {
		offsets[5] = ftell(out);
		fprintf(out, "6 0 obj\n<< /N %d /Alternate %s /Filter "
		    "/FlateDecode /Length %lu >>\nstream\n", info->components,
		    device, (unsigned long)profile_len);
		fwrite(profile, 1, profile_len, out);
		fputs("\nendstream\nendobj\n", out);
	}
	/* "%", spaces, a newline: the image's bytes start on a page. */
	objects_len = (size_t)ftell(out);
	pad = (page_size - (objects_len + 2 + strlen(image)) % page_size) %
	    page_size;
	fputc('%', out);
	for (i = 0; (size_t)i < pad; i++)
		fputc(' ', out);
	fputc('\n', out);
	offsets[4] = ftell(out);
	fputs(image, out);
	at = ftell(out);
	if (ferror(out) | fclose(out))
		return -1;

	if ((out = open_memstream(&t->tail, &t->tail_len)) == NULL)
		return -1;
	fputs("\nendstream\nendobj\n", out);
	xref = at + length + ftell(out);
	fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", count + 1);
	for (i = 0; i < count; i++)
		fprintf(out, "%010ld 00000 n \n", offsets[i]);
	fprintf(out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n"
	    "%%%%EOF\n", count + 1, xref);
	if (ferror(out) | fclose(out))
		return -1;
	return 0;
}

/* Places the page's parts: head, the photo's whole memory pages mapped
 * from `fd`, its last partial page read, tail. */
static int
place(cp__jpeg_page *pg, const page_text *t, int fd, size_t length,
    size_t page_size, const char *name, cp_error *err)
{
	size_t mapped = length - length % page_size, rest = length - mapped;
	size_t end = t->head_len + length + t->tail_len;
	unsigned char *base;
	ssize_t n;

	pg->reserved = t->head_len + mapped +
	    (rest + t->tail_len + page_size - 1) / page_size * page_size;
	base = mmap(NULL, pg->reserved, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	pg->base = base;
	memcpy(base, t->head, t->head_len);
	if (mapped > 0) {
		if (mmap(base + t->head_len, mapped, PROT_READ, MAP_PRIVATE |
		    MAP_FIXED, fd, 0) == MAP_FAILED)
			return cp__error_set(err, CP_EIO, name, 0, 0, "cannot "
			    "be read: %s", strerror(errno));
		pg->photo.base = base + t->head_len;
		pg->photo.map_len = mapped;
		pg->photo.data = pg->photo.base;
		pg->photo.len = mapped;
	}
	do
		n = pread(fd, base + t->head_len + mapped, rest, (off_t)mapped);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return cp__error_set(err, CP_EIO, name, 0, 0, "cannot be read: "
		    "%s", strerror(errno));
	if ((size_t)n != rest)
		return cp__error_set(err, CP_EIO, name, 0, 0, "changed while "
		    "it was being read");
	memcpy(base + t->head_len + length, t->tail, t->tail_len);
	pg->data = base;
	pg->len = end;
	return CP_OK;
}

int
cp__jpeg_page_map(cp__jpeg_page *pg, const char *jpeg_path,
    const cp__image_info *info, double page_w, double page_h,
    const cp__matrix *cm, const char *name, cp_error *err)
{
	unsigned char *profile = NULL;
	uLongf profile_len = 0;
	page_text t;
	struct stat st;
	long page_size = sysconf(_SC_PAGESIZE);
	int fd, rc;

	memset(pg, 0, sizeof(*pg));
	memset(&t, 0, sizeof(t));
	if ((fd = cp__infile_open(jpeg_path)) < 0)
		return cp__error_set(err, CP_EIO, name, 0, 0, "cannot be read: "
		    "%s", strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > LONG_MAX / 2 || page_size <= 0) {
		rc = cp__error_set(err, CP_EIO, name, 0, 0, "cannot be read: "
		    "%s", st.st_size == 0 ? "it is empty" : strerror(errno));
		goto done;
	}
	if ((rc = read_profile(&profile, &profile_len, jpeg_path, info, name,
	    err)) != CP_OK)
		goto done;
	if (make_text(&t, info, page_w, page_h, cm, profile, profile_len,
	    (long)st.st_size, (size_t)page_size) != 0) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	rc = place(pg, &t, fd, (size_t)st.st_size, (size_t)page_size, name,
	    err);
done:
	close(fd);
	page_text_free(&t);
	free(profile);
	if (rc != CP_OK)
		cp__jpeg_page_release(pg);
	return rc;
}

void
cp__jpeg_page_release(cp__jpeg_page *pg)
{
	if (pg->base != NULL)
		munmap(pg->base, pg->reserved);
	memset(pg, 0, sizeof(*pg));
}

int
cp__jpeg_page_write(const char *jpeg_path, const cp__image_info *info,
    double page_w, double page_h, const cp__matrix *cm,
    const char *out_path, const char *name, cp_error *err)
{
	cp__jpeg_page pg;
	int fd, rc;

	if ((rc = cp__jpeg_page_map(&pg, jpeg_path, info, page_w, page_h, cm,
	    name, err)) != CP_OK)
		return rc;
	if ((fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0 || cp__write_all(fd, pg.data, pg.len) != 0)
		rc = cp__error_set(err, CP_EIO, name, 0, 0, "cannot write its "
		    "page: %s", strerror(errno));
	if (fd >= 0 && close(fd) != 0 && rc == CP_OK)
		rc = cp__error_set(err, CP_EIO, name, 0, 0, "cannot write its "
		    "page: %s", strerror(errno));
	cp__jpeg_page_release(&pg);
	return rc;
}
