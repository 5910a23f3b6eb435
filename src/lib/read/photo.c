/* photo.c - facts from photos and scans: EXIF dates and QR codes. */
#include "read/readers.h"

int
cp__read_photo(cp__paper *paper, const char *path, cp__format format,
    unsigned flags)
{
	(void)path;
	(void)format;
	(void)flags;
	return 0;
}

int
cp__read_qr_in_pixels(cp__paper *paper, const unsigned char *pixels,
    int width, int height, size_t stride, int channels, int page)
{
	(void)paper;
	(void)pixels;
	(void)width;
	(void)height;
	(void)stride;
	(void)channels;
	(void)page;
	return 0;
}
