/* dicom_stream.c - the elements of a DICOM data set, one header at a
 * time, and skipping their values, bounded by what the stream holds. */
#include <stdio.h>
#include <string.h>

#include "input/dicom_int.h"

static uint16_t
get16(const cp__dicom_stream *s, size_t at)
{
	const unsigned char *b = s->p + at;

	return s->big ? (uint16_t)(b[0] << 8 | b[1]) :
	    (uint16_t)(b[1] << 8 | b[0]);
}

static uint32_t
get32(const cp__dicom_stream *s, size_t at)
{
	const unsigned char *b = s->p + at;

	if (s->big)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		    (uint32_t)b[2] << 8 | b[3];
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[1] << 8 | b[0];
}

/* Whether `n` more bytes from s->pos are at hand: 0; MORE when the
 * stream holds them past `len`; BAD when it ends first. */
static int
have(const cp__dicom_stream *s, uint64_t n, char *why, size_t why_size)
{
	if (n <= s->len - s->pos)
		return 0;
	if (s->size != UINT64_MAX && n > s->size - s->pos) {
		snprintf(why, why_size, "is a DICOM file cut short in its "
		    "header");
		return CP__DICOM_BAD;
	}
	return CP__DICOM_MORE;
}

/* The VRs with a 2-byte reserved field and a 4-byte length. */
static bool
vr_long(const char *vr)
{
	static const char *const l[] = { "OB", "OD", "OF", "OL", "OV", "OW",
	    "SQ", "SV", "UC", "UN", "UR", "UT", "UV" };
	size_t i;

	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (memcmp(vr, l[i], 2) == 0)
			return true;
	return false;
}

int
cp__dicom_next(cp__dicom_stream *s, cp__dicom_elem *e, char *why,
    size_t why_size)
{
	int rc;

	if (s->pos == s->len && (s->size == UINT64_MAX ||
	    s->pos >= s->size))
		return s->size == UINT64_MAX ? CP__DICOM_MORE : CP__DICOM_END;
	if ((rc = have(s, 8, why, why_size)) != 0)
		return rc;
	e->group = get16(s, s->pos);
	e->element = get16(s, s->pos + 2);
	e->vr[0] = '\0';
	if (e->group == 0xfffe || !s->explicit_vr) {
		e->length = get32(s, s->pos + 4);
		s->pos += 8;
		e->value = s->pos;
		return 0;
	}
	e->vr[0] = (char)s->p[s->pos + 4];
	e->vr[1] = (char)s->p[s->pos + 5];
	e->vr[2] = '\0';
	if (e->vr[0] < 'A' || e->vr[0] > 'Z' || e->vr[1] < 'A' ||
	    e->vr[1] > 'Z') {
		snprintf(why, why_size, "is a DICOM file with a damaged "
		    "element (%04X,%04X)", e->group, e->element);
		return CP__DICOM_BAD;
	}
	if (vr_long(e->vr)) {
		if ((rc = have(s, 12, why, why_size)) != 0)
			return rc;
		e->length = get32(s, s->pos + 8);
		s->pos += 12;
	} else {
		e->length = get16(s, s->pos + 6);
		s->pos += 8;
	}
	e->value = s->pos;
	return 0;
}

static int
skip_defined(cp__dicom_stream *s, uint32_t length, char *why,
    size_t why_size)
{
	int rc;

	/* Longer than the whole file: a claim no file can meet, as
	 * damaged headers make; else the file was cut. */
	if (s->size != UINT64_MAX && length > s->size) {
		snprintf(why, why_size, "claims an element of %lu bytes in a "
		    "file of %llu", (unsigned long)length,
		    (unsigned long long)s->size);
		return CP__DICOM_BAD;
	}
	if ((rc = have(s, length, why, why_size)) != 0)
		return rc;
	s->pos += length;
	return 0;
}

/*
 * Skips the items of a sequence (or of encapsulated pixel data) of
 * undefined length, up to and past its delimiter, at nesting `depth`.
 * The elements of an item go by s->explicit_vr; a UN value of undefined
 * length holds implicit VR little endian (PS3.5 6.2.2).
 */
static int
skip_items(cp__dicom_stream *s, int depth, char *why, size_t why_size)
{
	cp__dicom_elem e;
	bool saved;
	int rc;

	if (depth > CP__DICOM_DEPTH_MAX) {
		snprintf(why, why_size, "is a DICOM file with sequences "
		    "nested deeper than %d", CP__DICOM_DEPTH_MAX);
		return CP__DICOM_BAD;
	}
	for (;;) {
		if ((rc = cp__dicom_next(s, &e, why, why_size)) != 0)
			return rc == CP__DICOM_END ? (snprintf(why, why_size,
			    "is a DICOM file cut short in its header"),
			    CP__DICOM_BAD) : rc;
		if (e.group == 0xfffe && e.element == 0xe0dd)
			return 0;
		if (e.group != 0xfffe || e.element != 0xe000) {
			snprintf(why, why_size, "is a DICOM file with a "
			    "damaged sequence");
			return CP__DICOM_BAD;
		}
		if (e.length != CP__DICOM_UNDEFINED) {
			if ((rc = skip_defined(s, e.length, why,
			    why_size)) != 0)
				return rc;
			continue;
		}
		/* An item of undefined length: its elements up to the item
		 * delimiter. */
		for (;;) {
			if ((rc = cp__dicom_next(s, &e, why, why_size)) != 0)
				return rc == CP__DICOM_END ? (snprintf(why,
				    why_size, "is a DICOM file cut short in "
				    "its header"), CP__DICOM_BAD) : rc;
			if (e.group == 0xfffe && e.element == 0xe00d)
				break;
			if (e.length != CP__DICOM_UNDEFINED) {
				if ((rc = skip_defined(s, e.length, why,
				    why_size)) != 0)
					return rc;
				continue;
			}
			saved = s->explicit_vr;
			if (strcmp(e.vr, "UN") == 0)
				s->explicit_vr = false;
			rc = skip_items(s, depth + 1, why, why_size);
			s->explicit_vr = saved;
			if (rc != 0)
				return rc;
		}
	}
}

int
cp__dicom_skip(cp__dicom_stream *s, const cp__dicom_elem *e, char *why,
    size_t why_size)
{
	bool saved;
	int rc;

	if (e->length != CP__DICOM_UNDEFINED)
		return skip_defined(s, e->length, why, why_size);
	saved = s->explicit_vr;
	if (strcmp(e->vr, "UN") == 0)
		s->explicit_vr = false;
	rc = skip_items(s, 1, why, why_size);
	s->explicit_vr = saved;
	return rc;
}
