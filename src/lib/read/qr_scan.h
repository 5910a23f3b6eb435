/* qr_scan.h - finding QR codes in a grey picture (libzbar).  Private. */
#ifndef CP_QR_SCAN_H
#define CP_QR_SCAN_H

#include <stddef.h>

/* Called with the text of each QR code found: `len` bytes, not
 * NUL-terminated (a code may hold any bytes).  Return 0 to go on, -1 to
 * stop the scan with an error (out of memory). */
typedef int (*cp__qr_found_fn)(void *ctx, const char *text, size_t len);

/*
 * Looks for QR codes in an 8-bit grey picture of `width` x `height`
 * pixels whose rows are `stride` bytes apart (0 = width).  Only QR codes
 * are looked for (no bar codes), and their bytes are passed as they are
 * (no guessing of character sets).  Any orientation is found; the
 * caller chooses the scale.  Returns the number of codes found (fn
 * called that often), or -1 when out of memory or when fn failed.
 */
int cp__qr_scan_gray(const unsigned char *gray, int width, int height,
    size_t stride, cp__qr_found_fn fn, void *ctx);

/*
 * Makes an 8-bit grey copy of `pixels` (`channels` 1 to 4 bytes per
 * pixel: grey, grey+alpha, RGB, RGBA; alpha over white), shrunk by the
 * whole factor `shrink` (1 = same size; pixels averaged).  Returns a
 * malloc'd buffer of ((width + shrink - 1) / shrink) x ((height + shrink
 * - 1) / shrink) bytes, its size through *out_w and *out_h, or NULL when
 * out of memory.
 */
unsigned char *cp__qr_gray_from(const unsigned char *pixels, int width,
    int height, size_t stride, int channels, int shrink, int *out_w,
    int *out_h);

#endif
