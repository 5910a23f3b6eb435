/* ofd_seal.c - the picture of an electronic seal inside a signature's
 * signed value (Signs/Sign_N/SignedValue.dat: a GM/T 0031 SES_Signature
 * in DER).  Its SESeal holds the seal's picture as SES_ESPictrueInfo:
 *
 *     SEQUENCE { type IA5String ("ofd", "png", "jpg", "gif"),
 *                data OCTET STRING, width INTEGER, height INTEGER }
 *
 * The version 1 and version 4 structures nest it differently, so the
 * tree is walked for the first sequence of that shape rather than
 * parsed field by field; the walk is bounded in depth and elements and
 * never reads past the bytes it is given.  Nothing is verified here:
 * claimpack shows the seal, it does not check the signature. */
#include "read/ofd_draw_int.h"

#include <string.h>

/* How deep and how many DER elements are walked (a signed value holds
 * some forty, six deep). */
#define MAX_DEPTH 32
#define MAX_ELEMENTS 100000u
/* The longest picture type taken. */
#define TYPE_MAX 15

/* One DER element: its tag (first byte), where its content is. */
typedef struct {
	unsigned char tag;
	size_t start, len;      /* content, as offsets */
	size_t next;            /* the offset after it */
} element;

/* Reads the element at `pos`, which must end by `end`.  False when the
 * bytes there are none (cut short, an indefinite or too long length). */
static bool
read_element(const unsigned char *d, size_t pos, size_t end, element *e)
{
	size_t p = pos, len = 0;
	int n, k;

	if (p >= end)
		return false;
	e->tag = d[p++];
	if ((e->tag & 0x1f) == 0x1f) {
		/* a tag number in further bytes, the last without bit 8 */
		for (k = 0; p < end && (d[p] & 0x80); k++, p++)
			if (k >= 4)
				return false;
		if (p++ >= end)
			return false;
	}
	if (p >= end)
		return false;
	if (d[p] < 0x80) {
		len = d[p++];
	} else {
		n = d[p++] & 0x7f;
		if (n == 0 || n > 4)
			return false;   /* indefinite (BER), or 4 GiB on */
		for (k = 0; k < n; k++) {
			if (p >= end)
				return false;
			len = len << 8 | d[p++];
		}
	}
	if (len > end - p)
		return false;
	e->start = p;
	e->len = len;
	e->next = p + len;
	return true;
}

/* The value of INTEGER `e` when it is from 0 to 65535, else 0. */
static double
small_integer(const unsigned char *d, const element *e)
{
	if (e->len == 1 && d[e->start] < 0x80)
		return d[e->start];
	if (e->len == 2 && d[e->start] < 0x80)
		return d[e->start] << 8 | d[e->start + 1];
	if (e->len == 3 && d[e->start] == 0)
		return d[e->start + 1] << 8 | d[e->start + 2];
	return 0;
}

/* Whether constructed element `seq` is a picture info, filling *out. */
static bool
picture_in(const unsigned char *d, const element *seq, cp__ofd_seal *out)
{
	size_t end = seq->start + seq->len, i;
	element type, data, w, h;

	if (!read_element(d, seq->start, end, &type) || type.tag != 0x16 ||
	    type.len == 0 || type.len > TYPE_MAX ||
	    !read_element(d, type.next, end, &data) || data.tag != 0x04)
		return false;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < type.len; i++) {
		unsigned char c = d[type.start + i];

		if (c < 0x20 || c > 0x7e)
			return false;
		out->type[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out->data = d + data.start;
	out->len = data.len;
	/* the size in millimetres, when two small INTEGERs follow */
	if (read_element(d, data.next, end, &w) && w.tag == 0x02 &&
	    read_element(d, w.next, end, &h) && h.tag == 0x02) {
		out->width = small_integer(d, &w);
		out->height = small_integer(d, &h);
	}
	return true;
}

bool
cp__ofd_seal_find(cp__ofd_seal *out, const unsigned char *der, size_t len)
{
	size_t pos[MAX_DEPTH], end[MAX_DEPTH], seen = 0;
	int depth = 0;
	element e;

	pos[0] = 0;
	end[0] = len;
	while (depth >= 0) {
		if (seen++ >= MAX_ELEMENTS)
			return false;
		if (!read_element(der, pos[depth], end[depth], &e)) {
			depth--;        /* the rest of this level, if any, is
			                   no DER: back to the one around it */
			continue;
		}
		pos[depth] = e.next;
		if (!(e.tag & 0x20))
			continue;
		if (picture_in(der, &e, out))
			return true;
		if (depth + 1 < MAX_DEPTH) {
			depth++;
			pos[depth] = e.start;
			end[depth] = e.start + e.len;
		}
	}
	return false;
}
