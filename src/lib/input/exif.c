/* exif.c - orientation, resolution and the day a photo was taken, from
 * EXIF data, with libexif. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexif/exif-data.h>

#include "input/exif.h"

static double
exif_rational(ExifContent *ifd, ExifTag tag, ExifByteOrder order)
{
	ExifEntry *e = exif_content_get_entry(ifd, tag);
	ExifRational q;

	if (e == NULL || e->format != EXIF_FORMAT_RATIONAL ||
	    e->components < 1 || e->data == NULL || e->size < 8)
		return 0;
	q = exif_get_rational(e->data, order);
	return q.denominator == 0 ? 0 : (double)q.numerator / q.denominator;
}

static int
exif_short(ExifContent *ifd, ExifTag tag, ExifByteOrder order)
{
	ExifEntry *e = exif_content_get_entry(ifd, tag);

	if (e == NULL || e->format != EXIF_FORMAT_SHORT ||
	    e->components < 1 || e->data == NULL || e->size < 2)
		return 0;
	return exif_get_short(e->data, order);
}

static bool
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
cp__exif_date(const char *text, size_t len, char out[CP__EXIF_DATE_SIZE])
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, m, d;

	out[0] = '\0';
	if (text == NULL || len < 10 ||
	    !(text[4] == ':' || text[4] == '-') || text[7] != text[4] ||
	    !digits(text, 4, &y) || !digits(text + 5, 2, &m) ||
	    !digits(text + 8, 2, &d))
		return false;
	/* A digit right after the day is a longer number, not a date. */
	if (len > 10 && text[10] >= '0' && text[10] <= '9')
		return false;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > days[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return false;
	snprintf(out, CP__EXIF_DATE_SIZE, "%04d-%02d-%02d", y, m, d);
	return true;
}

/* Two digits at `s` as a number, or -1. */
static int
two_digits(const unsigned char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Takes the day of the ASCII entry `tag` of `ifd` into out->taken, and
 * its time of day ("YYYY:MM:DD HH:MM:SS") when it has a real one. */
static bool
exif_day(ExifContent *ifd, ExifTag tag, cp__exif_facts *out)
{
	ExifEntry *e;
	int h, m, sec;

	if (ifd == NULL || (e = exif_content_get_entry(ifd, tag)) == NULL ||
	    e->format != EXIF_FORMAT_ASCII || e->data == NULL)
		return false;
	/* The entry's size, not its count nor a NUL, bounds the text. */
	if (!cp__exif_date((const char *)e->data, e->size, out->taken))
		return false;
	if (e->size >= 19 && e->data[10] == ' ' && e->data[13] == ':' &&
	    e->data[16] == ':' && (h = two_digits(e->data + 11)) >= 0 &&
	    h < 24 && (m = two_digits(e->data + 14)) >= 0 && m < 60 &&
	    (sec = two_digits(e->data + 17)) >= 0 && sec < 61) {
		out->has_taken_time = true;
		out->taken_second = h * 3600 + m * 60 + (sec > 59 ? 59 : sec);
	}
	return true;
}

bool
cp__exif_parse(const unsigned char *data, size_t len, cp__exif_facts *out)
{
	static const unsigned char header[6] = { 'E', 'x', 'i', 'f', 0, 0 };
	unsigned char *joined = NULL;
	ExifByteOrder order;
	ExifContent *ifd0;
	ExifData *ed;
	double scale = 1;
	int v;

	memset(out, 0, sizeof(*out));
	if (len < 8 || len > CP__EXIF_MAX_BYTES)
		return true;    /* too short or too long to be EXIF: none */
	/* libexif reads the TIFF structure after the APP1 header only. */
	if (memcmp(data, header, sizeof(header)) != 0) {
		if ((joined = malloc(sizeof(header) + len)) == NULL)
			return false;
		memcpy(joined, header, sizeof(header));
		memcpy(joined + sizeof(header), data, len);
		data = joined;
		len += sizeof(header);
	}
	if ((ed = exif_data_new()) == NULL) {
		free(joined);
		return false;
	}
	/* Following the specification would add the "mandatory" entries
	 * it lacks, such as a 72 dpi resolution nobody wrote. */
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, data, (unsigned int)len);
	order = exif_data_get_byte_order(ed);
	/* IFD0 describes the main image; IFD1 is the thumbnail's. */
	ifd0 = ed->ifd[EXIF_IFD_0];
	v = exif_short(ifd0, EXIF_TAG_ORIENTATION, order);
	if (v >= 1 && v <= 8)
		out->orientation = v;
	switch (exif_short(ifd0, EXIF_TAG_RESOLUTION_UNIT, order)) {
	case 0:         /* absent: inches, the default */
	case 2: scale = 1; break;
	case 3: scale = 2.54; break;
	default: scale = 0; break;
	}
	out->dpi_x = scale * exif_rational(ifd0, EXIF_TAG_X_RESOLUTION, order);
	out->dpi_y = scale * exif_rational(ifd0, EXIF_TAG_Y_RESOLUTION, order);
	if (out->dpi_x <= 0 || out->dpi_y <= 0)
		out->dpi_x = out->dpi_y = 0;
	/* DateTime says when the file was last changed, which an editor
	 * may have done: the camera's own dates come first. */
	if (!exif_day(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_DATE_TIME_ORIGINAL,
	    out) &&
	    !exif_day(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_DATE_TIME_DIGITIZED,
	    out))
		exif_day(ifd0, EXIF_TAG_DATE_TIME, out);
	exif_data_unref(ed);
	free(joined);
	return true;
}
