/* fuzz_raster_heic.c - the HEIC decoder (input/raster_heic.c, libheif)
 * on any file: see fuzz_raster.h for what is checked. */
#include "fuzz_raster.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return fr_init("fuzz-raster-heic");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fr_run(data, size, CP__FORMAT_HEIC);
}
