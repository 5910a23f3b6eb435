/* source.c - opening a file as the page source of its format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/source.h"
#include "input/sniff.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The formats claimpack draws, and the source that draws each. */
static const struct {
	cp__format format;
	int (*open)(cp__source *s, cp_error *err);
} formats[] = {
	{ CP__FORMAT_PDF, cp__source_pdf_open },
	{ CP__FORMAT_JPEG, cp__source_jpeg_open },
	{ CP__FORMAT_PNG, cp__source_raster_open },
	{ CP__FORMAT_HEIC, cp__source_raster_open },
	{ CP__FORMAT_WEBP, cp__source_raster_open },
	{ CP__FORMAT_TIFF, cp__source_raster_open },
	{ CP__FORMAT_ZIP, cp__source_ofd_open },
};

int
cp__source_open(cp__source **out, const char *path, const char *written,
    cp_error *err)
{
	cp__format format;
	cp__source *s;
	size_t i;
	int rc;

	*out = NULL;
	if (cp__sniff_file(path, &format) < 0)
		return cp__error_set(err, CP_EIO, written, 0, 0,
		    "cannot be read (%s)", strerror(errno));
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].format == format)
			break;
	if (i == sizeof(formats) / sizeof(formats[0]))
		return cp__error_set(err, CP_EIO, written, 0, 0, "is %s, not a "
		    "PDF, OFD, JPEG, PNG, HEIC, WebP or TIFF",
		    cp__format_name(format));
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->path = cp__strdup(path)) == NULL) {
		free(s);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	s->written = written;
	s->format = format;
	if ((rc = formats[i].open(s, err)) != CP_OK) {
		free(s->path);
		free(s);
		return rc;
	}
	*out = s;
	return CP_OK;
}

int
cp__source_pdf(cp__source *s, const cp__source_env *env, const char **pdf,
    cp_error *err)
{
	int rc;

	*pdf = NULL;
	if (s->pdf == NULL && (rc = s->ops->make_pdf(s, env, err)) != CP_OK)
		return rc;
	*pdf = s->pdf;
	return CP_OK;
}

int
cp__source_shrink(cp__source *s, const cp__source_env *env, unsigned dpi,
    int quality, bool *smaller, cp_error *err)
{
	*smaller = false;
	if (s->ops->shrink == NULL)
		return CP_OK;
	return s->ops->shrink(s, env, dpi, quality, smaller, err);
}

void
cp__source_rotate(cp__source *s, int degrees)
{
	s->rotate = degrees;
	if (s->ops->places_turned)
		s->image.orientation = cp__image_orientation_turn(
		    s->image.orientation, degrees);
}

int
cp__source_page_rotate(const cp__source *s)
{
	return s->ops->places_turned ? 0 : s->rotate;
}

void
cp__source_close(cp__source *s, const cp__source_env *env)
{
	if (s == NULL)
		return;
	if (s->ops->close != NULL)
		s->ops->close(s, env);
	free(s->path);
	free(s);
}
