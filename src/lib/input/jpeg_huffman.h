/* jpeg_huffman.h - an arithmetic-coded JPEG re-coded with Huffman codes,
 * losslessly.  Private.
 *
 * JPEG allows two entropy codes.  Nearly every JPEG uses Huffman codes;
 * arithmetic coding (SOF9, SOF10) is legal in a PDF's DCTDecode stream
 * but many viewers cannot show it.  Its DCT coefficients, read with
 * libjpeg-turbo and written again with Huffman codes, make the same
 * picture, pixel for pixel.
 */
#ifndef CP_JPEG_HUFFMAN_H
#define CP_JPEG_HUFFMAN_H

#include <stddef.h>

/*
 * Reads the JPEG at `src` whole (libjpeg-turbo: its coefficients, never
 * its pixels) and, when `dst` is not NULL, writes to `dst` the same
 * image Huffman-coded: sequential, with optimised tables, the same
 * quantisation tables, sampling and colour space, its APPn and COM
 * segments copied (EXIF, ICC profile, Adobe's marker only when it had
 * one).  With `dst` NULL it only reads, which is how `check` makes sure
 * that `build` can re-code the file.  The data libjpeg can read with
 * warnings (a corrupt scan, stray bytes) is accepted, as viewers show
 * it.  Refuses more than 1000 scans and images that need more than 256
 * MB of coefficients (about 85 megapixels in 4:2:0, the layout of
 * photos).  Returns 0, or -1 with `why` (`why_size` bytes)
 * holding a phrase to follow "path: " ("JPEG cannot be decoded: Bogus
 * DAC value 0x0").
 */
int cp__jpeg_huffman(const char *src, const char *dst, char *why,
    size_t why_size);

#endif
