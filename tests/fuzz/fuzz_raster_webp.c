/* fuzz_raster_webp.c - the WebP decoder (input/raster_webp.c, libwebp)
 * on any file: see fuzz_raster.h for what is checked. */
#include "fuzz_raster.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return fr_init("fuzz-raster-webp");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fr_run(data, size, CP__FORMAT_WEBP);
}
