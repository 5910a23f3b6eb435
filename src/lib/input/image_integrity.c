/* image_integrity.c - complete JPEG and PNG data, checked by streaming. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "input/image_integrity.h"
#include "util/infile.h"
#include "input/jpeg_huffman.h"

#define CHUNK 65536

typedef struct {
	FILE *f;
	unsigned char buf[CHUNK];
	size_t len, pos;
	int eof;
} reader;

static int
next_byte(reader *r)
{
	if (r->pos == r->len) {
		if (r->eof)
			return -1;
		r->len = fread(r->buf, 1, sizeof(r->buf), r->f);
		r->pos = 0;
		if (r->len == 0) {
			r->eof = 1;
			return -1;
		}
	}
	return r->buf[r->pos++];
}

/* Moves to the next 0xFF byte (left unread); false at the end. */
static bool
skip_to_ff(reader *r)
{
	const unsigned char *hit;

	for (;;) {
		if (r->pos < r->len &&
		    (hit = memchr(r->buf + r->pos, 0xff, r->len - r->pos)) !=
		    NULL) {
			r->pos = (size_t)(hit - r->buf);
			return true;
		}
		r->pos = r->len;
		if (r->eof)
			return false;
		r->len = fread(r->buf, 1, sizeof(r->buf), r->f);
		r->pos = 0;
		if (r->len == 0) {
			r->eof = 1;
			return false;
		}
	}
}

/* Reads n bytes into out; -1 at the end of the file. */
static int
read_n(reader *r, unsigned char *out, size_t n)
{
	int c;

	while (n-- > 0) {
		if ((c = next_byte(r)) < 0)
			return -1;
		*out++ = (unsigned char)c;
	}
	return 0;
}

static int
skip_n(reader *r, uint32_t n)
{
	while (n-- > 0)
		if (next_byte(r) < 0)
			return -1;
	return 0;
}

/*
 * Walks the JPEG's segments; after each start-of-scan, skips entropy-
 * coded data (where 0xFF is followed by 0x00 or a restart marker) to the
 * next marker.  The image is whole when an end-of-image marker follows.
 * *arithmetic tells whether its frame header (SOF9, SOF10) says it is
 * arithmetic-coded.
 */
static int
verify_jpeg(reader *r, bool *arithmetic, char *why, size_t why_size)
{
	unsigned char len[2];
	int c, marker;

	if (next_byte(r) != 0xff || next_byte(r) != 0xd8) {
		snprintf(why, why_size, "is not a JPEG image");
		return -1;
	}
	for (;;) {
		/* Markers may be padded with extra 0xFF bytes; stray bytes
		 * between segments (0xFF 0x00 too) are passed over, as
		 * libjpeg does. */
		if (!skip_to_ff(r))
			break;
		do
			c = next_byte(r);
		while (c == 0xff);
		if (c < 0)
			break;
		if (c == 0x00)
			continue;
		marker = c;
		if (marker == 0xd9)
			return 0;
		if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
			continue;
		if (marker == 0xc9 || marker == 0xca)
			*arithmetic = true;
		if (read_n(r, len, 2) != 0 || ((len[0] << 8) | len[1]) < 2)
			break;
		if (skip_n(r, (uint32_t)((len[0] << 8) | len[1]) - 2) != 0)
			break;
		if (marker != 0xda)
			continue;
		/* Entropy-coded data up to the next real marker: most of a
		 * photo's bytes, so jump from 0xFF to 0xFF with memchr. */
		for (;;) {
			if (!skip_to_ff(r))
				goto cut;
			if ((c = next_byte(r)) < 0)
				goto cut;
			do
				c = next_byte(r);
			while (c == 0xff);
			if (c < 0)
				goto cut;
			if (c == 0x00 || (c >= 0xd0 && c <= 0xd7))
				continue;
			if (c == 0xd9)
				return 0;
			/* Another segment (progressive scans): read it. */
			if (read_n(r, len, 2) != 0 ||
			    ((len[0] << 8) | len[1]) < 2 ||
			    skip_n(r, (uint32_t)((len[0] << 8) | len[1]) - 2) !=
			    0)
				goto cut;
			if (c != 0xda)
				break;
		}
	}
cut:
	snprintf(why, why_size, "JPEG data is cut short: it has no "
	    "end-of-image marker (an interrupted download or copy?)");
	return -1;
}

static uint32_t
be32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	    ((uint32_t)p[2] << 8) | p[3];
}

static int
verify_png(reader *r, char *why, size_t why_size)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	unsigned char head[8], tail[4], piece[4096];
	uint32_t len, n;
	uLong crc;

	if (read_n(r, head, 8) != 0 || memcmp(head, sig, 8) != 0) {
		snprintf(why, why_size, "is not a PNG image");
		return -1;
	}
	for (;;) {
		if (read_n(r, head, 8) != 0) {
			snprintf(why, why_size, "PNG data is cut short: it has "
			    "no IEND chunk (an interrupted download or copy?)");
			return -1;
		}
		len = be32(head);
		if (len > 0x7fffffffu) {
			snprintf(why, why_size, "PNG chunk length %lu is "
			    "invalid", (unsigned long)len);
			return -1;
		}
		crc = crc32(0L, head + 4, 4);
		while (len > 0) {
			n = len < sizeof(piece) ? len : (uint32_t)sizeof(piece);
			if (read_n(r, piece, n) != 0) {
				snprintf(why, why_size, "PNG data is cut short "
				    "inside a chunk (an interrupted download or "
				    "copy?)");
				return -1;
			}
			crc = crc32(crc, piece, n);
			len -= n;
		}
		if (read_n(r, tail, 4) != 0 || be32(tail) != (uint32_t)crc) {
			snprintf(why, why_size, "PNG chunk \"%.4s\" is damaged "
			    "(its checksum is wrong)", (const char *)head + 4);
			return -1;
		}
		if (memcmp(head + 4, "IEND", 4) == 0)
			return 0;
	}
}

int
cp__image_verify(const char *path, cp__format format, char *why,
    size_t why_size)
{
	bool arithmetic = false, whole = true;
	reader *rd;
	int rc;

	/* Found whole before in this run (util/infile.h): check, then
	 * build. */
	if (cp__infile_memo(path, "image-whole", &whole, sizeof(whole)))
		return 0;
	/* On the heap: the read buffer is too large for some stacks. */
	if ((rd = calloc(1, sizeof(*rd))) == NULL) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	if ((rd->f = cp__infile_fopen(path, NULL)) == NULL) {
		snprintf(why, why_size, "cannot be read: %s", strerror(errno));
		free(rd);
		return -1;
	}
	rc = format == CP__FORMAT_JPEG ? verify_jpeg(rd, &arithmetic, why,
	    why_size) :
	    format == CP__FORMAT_PNG ? verify_png(rd, why, why_size) : 0;
	if (rc == 0 && ferror(rd->f)) {
		snprintf(why, why_size, "cannot be read: %s", strerror(errno));
		rc = -1;
	}
	fclose(rd->f);
	free(rd);
	/* Its page holds a Huffman-coded copy: a file that cannot be
	 * re-coded is refused now. */
	if (rc == 0 && arithmetic)
		rc = cp__jpeg_huffman(path, NULL, why, why_size);
	if (rc == 0)
		cp__infile_memo_set(path, "image-whole", &whole, sizeof(whole));
	return rc;
}
