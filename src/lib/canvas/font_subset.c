/* font_subset.c - subsetting the bundle's font with HarfBuzz. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>
#include <hb-subset.h>

#include "canvas/font_subset.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/strbuf.h"
#include "util/utf8.h"

void
cp__charset_add(cp__charset *set, uint32_t cp)
{
	if (cp <= 0xffff)
		set->bits[cp >> 5] |= 1u << (cp & 31);
}

void
cp__charset_add_utf8(cp__charset *set, const char *utf8)
{
	uint32_t cp;
	size_t n;

	while (*utf8 != '\0') {
		/* Not UTF-8, or outside the BMP: never drawn as is. */
		if ((n = cp__utf8_decode(utf8, (size_t)-1, &cp)) == 0) {
			utf8++;
			continue;
		}
		utf8 += n;
		cp__charset_add(set, cp);
	}
}

/* True when some character of `set` is drawn in font `i` of `font`
 * (cp__font_face_for): only then does that font need a subset. */
static bool
uses_font(const cp__charset *set, const cp__font *font,
    size_t i)
{
	uint32_t cp;

	for (cp = 0; cp < 65536; cp++)
		if ((set->bits[cp >> 5] & (1u << (cp & 31))) &&
		    cp__font_face_for(font, cp) == (int)i)
			return true;
	return false;
}

int
cp__font_subset_write(const cp__font *font, size_t i,
    const cp__charset *set, const char *path, cp_error *err)
{
	hb_blob_t *blob = NULL, *result = NULL;
	hb_face_t *face = NULL, *subset = NULL;
	hb_subset_input_t *input = NULL;
	hb_set_t *unicodes;
	const char *data;
	unsigned int len = 0;
	uint32_t cp;
	int fd = -1, rc = CP_OK;

	blob = hb_blob_create_from_file_or_fail(cp__font_path(font, i));
	if (blob == NULL) {
		rc = cp__error_set(err, CP_EIO, cp__font_path(font, i), 0, 0,
		    "HarfBuzz cannot read the font file");
		goto done;
	}
	face = hb_face_create(blob, (unsigned int)cp__font_face(font, i));
	if ((input = hb_subset_input_create_or_fail()) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	unicodes = hb_subset_input_unicode_set(input);
	for (cp = 0; cp < 65536; cp++)
		if ((set->bits[cp >> 5] & (1u << (cp & 31))) &&
		    cp__font_face_for(font, cp) == (int)i)
			hb_set_add(unicodes, cp);
	if ((subset = hb_subset_or_fail(face, input)) == NULL) {
		rc = cp__error_set(err, CP_EIO, cp__font_path(font, i), 0, 0,
		    "HarfBuzz could not make a subset of the font");
		goto done;
	}
	result = hb_face_reference_blob(subset);
	data = hb_blob_get_data(result, &len);
	if (data == NULL || len == 0) {
		rc = cp__error_set(err, CP_EIO, cp__font_path(font, i), 0, 0,
		    "HarfBuzz made an empty subset of the font");
		goto done;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0 || cp__write_all(fd, data, len) != 0) {
		rc = cp__error_set(err, CP_EIO, NULL, 0, 0, "cannot write the "
		    "font subset (%s)", strerror(errno));
		goto done;
	}
done:
	if (fd >= 0 && close(fd) != 0 && rc == CP_OK)
		rc = cp__error_set(err, CP_EIO, NULL, 0, 0, "cannot write the "
		    "font subset (%s)", strerror(errno));
	hb_blob_destroy(result);
	hb_face_destroy(subset);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}

int
cp__font_subsets_write(const cp__font *font, cp__charset *used,
    cp__scratch *scratch, const char *subsets[CP__FONT_MAX], cp_error *err)
{
	size_t i;
	int rc = CP_OK;

	for (i = 0; i < CP__FONT_MAX; i++)
		subsets[i] = NULL;
	cp__charset_add_utf8(used, "?");
	for (i = 0; rc == CP_OK && i < cp__font_count(font); i++) {
		if (!uses_font(used, font, i))
			continue;
		if ((rc = cp__scratch_file(scratch, "the font subset",
		    &subsets[i], err)) == CP_OK)
			rc = cp__font_subset_write(font, i, used, subsets[i],
			    err);
	}
	if (rc != CP_OK)
		for (i = 0; i < CP__FONT_MAX; i++) {
			cp__scratch_remove(scratch, subsets[i]);
			subsets[i] = NULL;
		}
	return rc;
}
