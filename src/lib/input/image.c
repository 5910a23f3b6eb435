/* image.c - JPEG and PNG headers, and placing an image on a page. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "input/exif.h"
#include "input/image.h"
#include "util/infile.h"

/* A JPEG's image data comes after a few tables and APPn segments; a file
 * with more segments (or fill bytes) than this before it is not a photo
 * or a scan. */
#define MAX_JPEG_SEGMENTS 1024
/* PNG ancillary chunks before the first IDAT. */
#define MAX_PNG_CHUNKS 4096

/* An image being probed: a file, or bytes in memory. */
typedef struct {
	FILE *f;                    /* the file, or NULL ... */
	const unsigned char *mem;   /* ... the bytes */
	off_t size;
	char *why;
	size_t why_size;
} reader;

static int refuse(reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes the reason into r->why and returns -1. */
static int
refuse(reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->why_size > 0) {
		va_start(ap, fmt);
		vsnprintf(r->why, r->why_size, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Reads exactly `n` bytes at `off`; false when the file is shorter. */
static bool
read_at(reader *r, off_t off, void *buf, size_t n)
{
	if (off < 0 || off > r->size || (off_t)n > r->size - off)
		return false;
	if (r->mem != NULL) {
		memcpy(buf, r->mem + off, n);
		return true;
	}
	if (fseeko(r->f, off, SEEK_SET) != 0)
		return false;
	return fread(buf, 1, n, r->f) == n;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Refuses an image too large to be a page, before anything is sized
 * by its dimensions. */
static int
check_size(reader *r, const char *what, uint32_t w, uint32_t h)
{
	if (w > CP__IMAGE_MAX_SIDE || h > CP__IMAGE_MAX_SIDE ||
	    (uint64_t)w * h > CP__IMAGE_MAX_PIXELS)
		return refuse(r, "%s is %lu x %lu pixels; the largest image "
		    "claimpack takes is %u x %u and %u megapixels", what,
		    (unsigned long)w, (unsigned long)h, CP__IMAGE_MAX_SIDE,
		    CP__IMAGE_MAX_SIDE, CP__IMAGE_MAX_PIXELS / 1000000);
	return 0;
}

/* ---- JPEG ------------------------------------------------------------- */

/* Reads the frame header (SOFn) of `len` bytes at `off` into `out`. */
static int
jpeg_frame(reader *r, off_t off, unsigned marker, unsigned len,
    cp__image_info *out)
{
	unsigned char h[6];
	unsigned nf, w, ht;

	/* Precision, height, width, channel count, then three bytes per
	 * channel. */
	if (len < 8 || !read_at(r, off + 4, h, 6))
		return refuse(r, "JPEG header is damaged (a frame header of %u "
		    "bytes)", len);
	nf = h[5];
	ht = be16(h + 1);
	w = be16(h + 3);
	if (len < 8 + 3 * nf)
		return refuse(r, "JPEG header is damaged (a frame header of %u "
		    "bytes for %u channels)", len, nf);
	switch (marker) {
	case 0xc0: case 0xc1: case 0xc2:    /* baseline, extended, progressive */
	case 0xc9: case 0xca:               /* the same, arithmetic-coded */
		break;
	case 0xc3: case 0xcb:
		return refuse(r, "JPEG is lossless-coded, which PDF viewers "
		    "cannot show; re-save it as an ordinary JPEG");
	default:
		return refuse(r, "JPEG is hierarchical-coded, which PDF viewers "
		    "cannot show; re-save it as an ordinary JPEG");
	}
	if (h[0] != 8)
		return refuse(r, "JPEG has %u bits per channel; a PDF holds "
		    "only 8-bit JPEG images", h[0]);
	if (nf != 1 && nf != 3 && nf != 4)
		return refuse(r, "JPEG has %u colour channels; claimpack takes "
		    "1 (grey), 3 (colour) or 4 (CMYK)", nf);
	if (w == 0)
		return refuse(r, "JPEG header is damaged (a width of 0)");
	if (ht == 0)
		return refuse(r, "JPEG header gives no height (it leaves it to "
		    "a DNL marker), which claimpack cannot read; re-save the "
		    "image");
	if (check_size(r, "JPEG image", w, ht) != 0)
		return -1;
	out->format = CP__FORMAT_JPEG;
	out->width = w;
	out->height = ht;
	out->components = (int)nf;
	out->bits = 8;
	out->cmyk = nf == 4;
	out->progressive = marker == 0xc2 || marker == 0xca;
	out->arithmetic = marker == 0xc9 || marker == 0xca;
	return 0;
}

/* Reads the first Exif APP1 payload (`len` bytes at `off`) for its
 * orientation and resolution. */
static int
jpeg_exif(reader *r, off_t off, unsigned len, cp__exif_facts *exif)
{
	unsigned char *buf;
	bool ok;

	/* At most 65533 bytes: a segment length is 16 bits. */
	if ((buf = malloc(len)) == NULL)
		return refuse(r, "out of memory reading the EXIF data");
	if (!read_at(r, off, buf, len)) {
		free(buf);
		return refuse(r, "JPEG header is truncated");
	}
	ok = cp__exif_parse(buf, len, exif);
	free(buf);
	return ok ? 0 : refuse(r, "out of memory reading the EXIF data");
}

/*
 * An ICC profile split over APP2 segments: each holds "ICC_PROFILE\0",
 * its sequence number (1..count), the count, then its part of the
 * profile.  Where each part is, by sequence number.
 */
typedef struct {
	unsigned count;         /* as the chunks give it; 0 before the first */
	unsigned seen;          /* chunks found */
	bool bad;               /* chunks that do not add up: no profile */
	off_t at[256];          /* where part n's bytes start; 0 when absent */
	unsigned len[256];      /* and how many there are */
} icc_chunks;

/* The bytes before a chunk's part of the profile. */
#define ICC_CHUNK_HEAD 14

/* Notes the APP2 segment of `len` bytes at `off`, when it is a chunk of
 * an ICC profile. */
static int
jpeg_icc_chunk(reader *r, off_t off, unsigned len, icc_chunks *icc)
{
	unsigned char h[ICC_CHUNK_HEAD];
	unsigned seq, count;

	if (len < 2 + ICC_CHUNK_HEAD)
		return 0;
	if (!read_at(r, off + 4, h, sizeof(h)))
		return refuse(r, "JPEG header is truncated");
	if (memcmp(h, "ICC_PROFILE", 12) != 0)
		return 0;
	seq = h[12];
	count = h[13];
	if (seq == 0 || count == 0 || seq > count ||
	    (icc->count != 0 && count != icc->count) || icc->at[seq] != 0) {
		icc->bad = true;
		return 0;
	}
	icc->count = count;
	icc->at[seq] = off + 4 + ICC_CHUNK_HEAD;
	icc->len[seq] = len - 2 - ICC_CHUNK_HEAD;
	icc->seen++;
	return 0;
}

/* The size of the profile the chunks hold, 0 when they do not make one
 * whole profile claimpack keeps. */
static size_t
icc_size(const icc_chunks *icc)
{
	size_t total = 0;
	unsigned i;

	if (icc->bad || icc->count == 0 || icc->seen != icc->count)
		return 0;
	for (i = 1; i <= icc->count; i++)
		total += icc->len[i];
	return total <= CP__IMAGE_MAX_ICC ? total : 0;
}

/* Whether the marker after 0xFF stands alone, without a length: the
 * restart markers and TEM, which libjpeg passes over in a header. */
static bool
stand_alone(unsigned marker)
{
	return marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/* Whether libjpeg reads a segment with this marker before the image
 * data: frame headers, tables, restart interval, DNL, APPn, COM. */
static bool
known_segment(unsigned marker)
{
	return (marker >= 0xc0 && marker <= 0xcf && marker != 0xc8) ||
	    marker == 0xdb || marker == 0xdc || marker == 0xdd ||
	    (marker >= 0xe0 && marker <= 0xef) || marker == 0xfe;
}

/*
 * From `*off`, passes over what is not a marker the way libjpeg's
 * next_marker() does: any bytes up to a 0xFF, a run of 0xFF fill bytes,
 * and a 0xFF 0x00 pair as more stray bytes.  Leaves *off at the last
 * 0xFF before a marker code and returns true; false at the end of the
 * file.
 */
static bool
next_marker(reader *r, off_t *off)
{
	unsigned char buf[512];
	const unsigned char *ff;
	size_t n, i;
	off_t at = *off;
	bool after_ff = false;

	while (at < r->size) {
		n = r->size - at < (off_t)sizeof(buf) ?
		    (size_t)(r->size - at) : sizeof(buf);
		if (!read_at(r, at, buf, n))
			return false;
		for (i = 0; i < n; i++) {
			if (!after_ff) {
				ff = memchr(buf + i, 0xff, n - i);
				if (ff == NULL)
					break;
				i = (size_t)(ff - buf);
				after_ff = true;
				continue;
			}
			if (buf[i] == 0xff)
				continue;
			if (buf[i] != 0x00) {
				*off = at + (off_t)i - 1;
				return true;
			}
			after_ff = false;       /* 0xFF 0x00: stray bytes */
		}
		at += (off_t)n;
	}
	return false;
}

/*
 * Walks the segments from SOI to the start of the image data (SOS), as
 * libjpeg reads them: APP0 (JFIF density), the first Exif APP1, APP2
 * (the ICC profile's chunks, into `icc`), APP14 (Adobe), the frame
 * header (size and coding).  Each segment's length is checked against
 * the file's size before it is skipped or read.
 */
static int
walk_jpeg(reader *r, cp__image_info *out, icc_chunks *icc)
{
	cp__exif_facts exif = { 0 };
	double jfif_x = 0, jfif_y = 0;
	bool have_frame = false, seen_exif = false;
	const char *cut;
	unsigned char m[4], h[12];
	unsigned marker, len;
	off_t off = 2;
	int n;

	for (n = 0;; n++) {
		cut = have_frame ? "JPEG is truncated (it ends before its image "
		    "data)" : "JPEG header is truncated";
		if (n == MAX_JPEG_SEGMENTS)
			return refuse(r, "JPEG header has more than %d segments",
			    MAX_JPEG_SEGMENTS);
		/* Fill bytes, stray bytes: libjpeg skips them with at most
		 * a warning, and so does every viewer built on it. */
		if (!read_at(r, off, m, 2) || ((m[0] != 0xff ||
		    m[1] == 0xff || m[1] == 0x00) && (!next_marker(r, &off) ||
		    !read_at(r, off, m, 2))))
			return refuse(r, "%s", cut);
		marker = m[1];
		if (marker == 0xda) {
			if (!have_frame)
				return refuse(r, "JPEG has image data before "
				    "its frame header (it gives no image size)");
			break;
		}
		if (marker == 0xd9)
			return refuse(r, have_frame ? "JPEG has no image data" :
			    "JPEG ends before its frame header (it gives no "
			    "image size)");
		if (stand_alone(marker)) {
			off += 2;
			continue;
		}
		if (!known_segment(marker))
			return refuse(r, "JPEG header is damaged (%s marker "
			    "0xFF%02X at byte %lld)", marker == 0xd8 ?
			    "a second start-of-image" : "an unknown", marker,
			    (long long)off);
		if (!read_at(r, off + 2, m + 2, 2))
			return refuse(r, "%s", cut);
		len = be16(m + 2);
		if (len < 2)
			return refuse(r, "JPEG header is damaged (a segment "
			    "length of %u at byte %lld)", len,
			    (long long)off);
		if ((off_t)len + 2 > r->size - off)
			return refuse(r, "%s", cut);

		if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
		    marker != 0xcc) {
			if (have_frame)
				return refuse(r, "JPEG header is damaged (it "
				    "has two frame headers)");
			if (jpeg_frame(r, off, marker, len, out) != 0)
				return -1;
			have_frame = true;
		} else if (marker == 0xe0 && len >= 14) {
			/* "JFIF\0", version, units, x and y density. */
			if (!read_at(r, off + 4, h, 12))
				return refuse(r, "%s", cut);
			if (memcmp(h, "JFIF", 5) == 0 && (h[7] == 1 ||
			    h[7] == 2) && be16(h + 8) > 0 && be16(h + 10) > 0) {
				jfif_x = be16(h + 8) * (h[7] == 2 ? 2.54 : 1);
				jfif_y = be16(h + 10) * (h[7] == 2 ? 2.54 : 1);
			}
		} else if (marker == 0xe1 && !seen_exif && len >= 8) {
			/* Other APP1 segments hold XMP: only the first Exif
			 * one counts. */
			if (!read_at(r, off + 4, h, 6))
				return refuse(r, "%s", cut);
			if (memcmp(h, "Exif\0\0", 6) == 0) {
				seen_exif = true;
				if (jpeg_exif(r, off + 4, len - 2, &exif) != 0)
					return -1;
			}
		} else if (marker == 0xe2) {
			if (jpeg_icc_chunk(r, off, len, icc) != 0)
				return -1;
		} else if (marker == 0xee && len >= 14) {
			/* "Adobe", version, two flag words, the colour
			 * transform: the 12 bytes libjpeg also asks for
			 * before it takes the marker as Adobe's. */
			if (!read_at(r, off + 4, h, 5))
				return refuse(r, "%s", cut);
			if (memcmp(h, "Adobe", 5) == 0)
				out->adobe = true;
		}
		off += 2 + (off_t)len;
	}

	out->orientation = exif.orientation != 0 ? exif.orientation : 1;
	memcpy(out->taken, exif.taken, sizeof(out->taken));
	out->has_taken_time = exif.has_taken_time;
	out->taken_second = exif.taken_second;
	/* A scanner writes the JFIF density; a phone only EXIF's. */
	if (jfif_x > 0) {
		out->dpi_x = jfif_x;
		out->dpi_y = jfif_y;
	} else {
		out->dpi_x = exif.dpi_x;
		out->dpi_y = exif.dpi_y;
	}
	return 0;
}

static int
probe_jpeg(reader *r, cp__image_info *out)
{
	icc_chunks *icc;
	int rc;

	/* Kept off the stack: 3 KB. */
	if ((icc = calloc(1, sizeof(*icc))) == NULL)
		return refuse(r, "out of memory");
	if ((rc = walk_jpeg(r, out, icc)) == 0)
		out->icc_len = icc_size(icc);
	free(icc);
	return rc;
}

int
cp__image_jpeg_icc(unsigned char **out, const char *path,
    const cp__image_info *info, char *why, size_t why_size)
{
	reader r = { NULL, NULL, 0, why, why_size };
	cp__image_info again;
	icc_chunks *icc = NULL;
	unsigned char *buf = NULL;
	struct stat st;
	size_t at = 0;
	unsigned i;
	int rc = -1;

	*out = NULL;
	if (why_size > 0)
		why[0] = '\0';
	memset(&again, 0, sizeof(again));
	if ((r.f = cp__infile_fopen(path, &st)) == NULL)
		return refuse(&r, "cannot be read: %s", strerror(errno));
	r.size = st.st_size;
	if ((icc = calloc(1, sizeof(*icc))) == NULL) {
		refuse(&r, "out of memory");
		goto done;
	}
	if (walk_jpeg(&r, &again, icc) != 0)
		goto done;
	if (info->icc_len == 0 || icc_size(icc) != info->icc_len) {
		refuse(&r, "changed while it was being read");
		goto done;
	}
	if ((buf = malloc(info->icc_len)) == NULL) {
		refuse(&r, "out of memory");
		goto done;
	}
	for (i = 1; i <= icc->count; i++) {
		if (!read_at(&r, icc->at[i], buf + at, icc->len[i])) {
			refuse(&r, "changed while it was being read");
			goto done;
		}
		at += icc->len[i];
	}
	*out = buf;
	buf = NULL;
	rc = 0;
done:
	free(buf);
	free(icc);
	fclose(r.f);
	return rc;
}

/* ---- PNG -------------------------------------------------------------- */

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return c ^ 0xffffffffu;
}

/* Whether a PNG colour type allows this bit depth. */
static bool
png_depth_ok(unsigned ctype, unsigned depth)
{
	switch (ctype) {
	case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 ||
	    depth == 16;
	case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
	case 2: case 4: case 6: return depth == 8 || depth == 16;
	default: return false;
	}
}

static int
probe_png(reader *r, cp__image_info *out)
{
	/* Length and type, 13 bytes of data, CRC. */
	unsigned char ihdr[8 + 13 + 4], c[9];
	unsigned ctype, depth;
	uint32_t w, h, len;
	off_t off;
	int n;

	if (!read_at(r, 8, ihdr, sizeof(ihdr)))
		return refuse(r, "PNG header is truncated");
	if (be32(ihdr) != 13 || memcmp(ihdr + 4, "IHDR", 4) != 0)
		return refuse(r, "PNG header is damaged (it does not start "
		    "with an IHDR chunk)");
	if (crc32_of(ihdr + 4, 4 + 13) != be32(ihdr + 21))
		return refuse(r, "PNG header is damaged (the IHDR checksum "
		    "does not match)");
	w = be32(ihdr + 8);
	h = be32(ihdr + 12);
	depth = ihdr[16];
	ctype = ihdr[17];
	if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu)
		return refuse(r, "PNG header is damaged (a size of %lu x %lu "
		    "pixels)", (unsigned long)w, (unsigned long)h);
	if (!png_depth_ok(ctype, depth) || ihdr[18] != 0 || ihdr[19] != 0 ||
	    ihdr[20] > 1)
		return refuse(r, "PNG header is damaged (colour type %u with "
		    "%u-bit samples, compression %u, filter %u, interlace %u)",
		    ctype, depth, ihdr[18], ihdr[19], ihdr[20]);
	if (check_size(r, "PNG image", w, h) != 0)
		return -1;

	out->format = CP__FORMAT_PNG;
	out->width = w;
	out->height = h;
	out->bits = (int)depth;
	out->components = ctype == 0 || ctype == 4 ? 1 : 3;
	out->has_alpha = ctype == 4 || ctype == 6;
	out->orientation = 1;

	/* pHYs and tRNS must come before the first IDAT. */
	off = 8 + (off_t)sizeof(ihdr);
	for (n = 0; n < MAX_PNG_CHUNKS; n++) {
		if (!read_at(r, off, c, 8))
			return refuse(r, "PNG is truncated (it ends before its "
			    "image data)");
		len = be32(c);
		if (len > 0x7fffffffu)
			return refuse(r, "PNG is damaged (a chunk length of %lu "
			    "at byte %lld)", (unsigned long)len,
			    (long long)off);
		if ((off_t)len + 12 > r->size - off)
			return refuse(r, "PNG is truncated (it ends inside a "
			    "chunk)");
		if (memcmp(c + 4, "IDAT", 4) == 0)
			return 0;
		if (memcmp(c + 4, "IEND", 4) == 0)
			return refuse(r, "PNG has no image data");
		if (memcmp(c + 4, "tRNS", 4) == 0 && len > 0)
			out->has_alpha = true;
		if (memcmp(c + 4, "pHYs", 4) == 0 && len == 9) {
			if (!read_at(r, off + 8, c, 9))
				return refuse(r, "PNG is truncated");
			/* Pixels per metre when the unit is 1. */
			if (c[8] == 1 && be32(c) > 0 && be32(c + 4) > 0) {
				out->dpi_x = be32(c) * 0.0254;
				out->dpi_y = be32(c + 4) * 0.0254;
			}
		}
		off += 12 + (off_t)len;
	}
	return refuse(r, "PNG has more than %d chunks before its image data",
	    MAX_PNG_CHUNKS);
}

/* ---- probing ------------------------------------------------------------ */

/* Probes the image whose first `n` bytes (at most CP__SNIFF_BYTES) are
 * `head`, by its format. */
static int
probe_format(reader *r, const unsigned char *head, size_t n,
    cp__image_info *out)
{
	cp__format format = cp__sniff(head, n);

	if (format == CP__FORMAT_JPEG)
		return probe_jpeg(r, out);
	if (format == CP__FORMAT_PNG)
		return probe_png(r, out);
	return refuse(r, "is %s, not a JPEG or PNG image",
	    cp__format_name(format));
}

int
cp__image_probe(cp__image_info *out, const char *path, char *why,
    size_t why_size)
{
	unsigned char head[CP__SNIFF_BYTES];
	reader r = { NULL, NULL, 0, why, why_size };
	struct stat st;
	size_t n;
	int rc;

	if (why_size > 0)
		why[0] = '\0';
	/* Probed before in this run (util/infile.h): check, then build. */
	if (cp__infile_memo(path, "image-probe", out, sizeof(*out)))
		return 0;
	memset(out, 0, sizeof(*out));
	if ((r.f = cp__infile_fopen(path, &st)) == NULL)
		return refuse(&r, "cannot be read: %s", strerror(errno));
	if (!S_ISREG(st.st_mode)) {
		rc = refuse(&r, "is not a file");
		goto done;
	}
	r.size = st.st_size;
	if (r.size == 0) {
		rc = refuse(&r, "is empty");
		goto done;
	}
	n = fread(head, 1, sizeof(head), r.f);
	rc = probe_format(&r, head, n, out);
done:
	fclose(r.f);
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	else
		cp__infile_memo_set(path, "image-probe", out, sizeof(*out));
	return rc;
}

int
cp__image_probe_memory(cp__image_info *out, const void *data, size_t len,
    char *why, size_t why_size)
{
	reader r = { NULL, data, (off_t)len, why, why_size };
	int rc;

	memset(out, 0, sizeof(*out));
	if (why_size > 0)
		why[0] = '\0';
	if (len == 0)
		return refuse(&r, "is empty");
	rc = probe_format(&r, data, len < CP__SNIFF_BYTES ? len :
	    CP__SNIFF_BYTES, out);
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* ---- placing ------------------------------------------------------------ */

void
cp__image_place(const cp__image_info *info, double page_w, double page_h,
    double margin_top, double margin_bottom, double margin_side,
    cp__matrix *cm, double *shown_w, double *shown_h)
{
	double area_w = page_w - 2 * margin_side;
	double area_h = page_h - margin_top - margin_bottom;
	double nat_w, nat_h, scale, w, h, x, y;
	cp__matrix m = { 0, 0, 0, 0, 0, 0 };
	bool swap = info->orientation >= 5 && info->orientation <= 8;

	/* The size as shown, at 150 dpi: never enlarged past that, so a
	 * small photo does not print blurred across the page. */
	nat_w = (swap ? info->height : info->width) * 72.0 / 150.0;
	nat_h = (swap ? info->width : info->height) * 72.0 / 150.0;
	w = h = 0;
	if (area_w > 0 && area_h > 0 && nat_w > 0 && nat_h > 0) {
		scale = area_w / nat_w < area_h / nat_h ?
		    area_w / nat_w : area_h / nat_h;
		if (scale > 1)
			scale = 1;
		w = nat_w * scale;
		h = nat_h * scale;
		x = margin_side + (area_w - w) / 2;
		y = margin_bottom + (area_h - h) / 2;

		/*
		 * (u, v) is a point of the stored image's unit square, v up.
		 * Each case sends it where EXIF says that stored pixel is
		 * seen, in the w x h box at (x, y).  Stored top-left (0, 1)
		 * goes to: 1 top-left, 2 top-right, 3 bottom-right,
		 * 4 bottom-left, 5 top-left (transposed), 6 top-right,
		 * 7 bottom-right (transposed), 8 bottom-left.
		 */
		switch (info->orientation) {
		case 2: m = (cp__matrix){ -w, 0, 0, h, x + w, y }; break;
		case 3: m = (cp__matrix){ -w, 0, 0, -h, x + w, y + h }; break;
		case 4: m = (cp__matrix){ w, 0, 0, -h, x, y + h }; break;
		case 5: m = (cp__matrix){ 0, -h, -w, 0, x + w, y + h }; break;
		case 6: m = (cp__matrix){ 0, -h, w, 0, x, y + h }; break;
		case 7: m = (cp__matrix){ 0, h, w, 0, x, y }; break;
		case 8: m = (cp__matrix){ 0, h, -w, 0, x + w, y }; break;
		default: m = (cp__matrix){ w, 0, 0, h, x, y }; break;
		}
	}
	if (cm != NULL)
		*cm = m;
	if (shown_w != NULL)
		*shown_w = w;
	if (shown_h != NULL)
		*shown_h = h;
}

/*
 * Each orientation as a mirror (or not) followed by quarter turns
 * clockwise: 2 mirrors, 6 turns once, 7 mirrors then turns once, and
 * so on (EXIF 2.3, Orientation); turning it more adds quarter turns.
 */
int
cp__image_orientation_turn(int orientation, int degrees)
{
	/* [mirrored][quarter turns] -> orientation */
	static const int code[2][4] = { { 1, 6, 3, 8 }, { 2, 7, 4, 5 } };
	static const int mirrored[9] = { 0, 0, 1, 0, 1, 1, 0, 1, 0 };
	static const int turns[9] = { 0, 0, 0, 2, 2, 3, 1, 1, 3 };
	int o = orientation >= 1 && orientation <= 8 ? orientation : 1;
	int q = ((degrees / 90) % 4 + 4) % 4;

	return code[mirrored[o]][(turns[o] + q) % 4];
}
