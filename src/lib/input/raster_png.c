/* raster_png.c - placeholder until the PNG decoder lands. */
#include "input/raster_int.h"
#include "util/error.h"

static int
count_pages(const char *path, size_t *pages, const char *name, cp_error *err)
{
	(void)path;
	*pages = 0;
	return cp__error_set(err, CP_EIO, name, 0, 0, "is a PNG image, which "
	    "claimpack cannot decode yet");
}

static int
open_page(cp__raster *r, const char *path, size_t page, cp_error *err)
{
	(void)path;
	(void)page;
	return cp__error_set(err, CP_EIO, r->name, 0, 0, "is a PNG image, "
	    "which claimpack cannot decode yet");
}

const cp__raster_ops cp__raster_png_ops = { count_pages, open_page, NULL,
	NULL };
