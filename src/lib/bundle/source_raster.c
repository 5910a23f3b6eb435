/* source_raster.c - placeholder until the raster sources land. */
#include "bundle/source.h"
#include "util/error.h"

int
cp__source_raster_open(cp__source *s, cp_error *err)
{
	if (s->format == CP__FORMAT_PNG)
		return cp__source_png_open(s, err);
	return cp__error_set(err, CP_EIO, s->written, 0, 0, "is %s, which "
	    "claimpack cannot draw yet", cp__format_name(s->format));
}
