/* pixels_int.h - the picture files e-invoices embed, decoded to 8-bit
 * pixels: the one PNG and the one JBIG2 decoder of read/, which both
 * the QR search (qr_image.c) and the OFD model (ofd_image.c) use, and a
 * BMP decoder for the OFD images some producers write.  Private to
 * read/. */
#ifndef CP_PIXELS_INT_H
#define CP_PIXELS_INT_H

#include <stdbool.h>
#include <stddef.h>

/* The largest picture decoded, in pixels (a QR image of an e-invoice
 * is a few hundred pixels a side, a seal a thousand). */
#define CP__PIXELS_MAX (16u << 20)
/* The most memory the JBIG2 decoder may take for one picture. */
#define CP__PIXELS_JBIG2_MEMORY (32u << 20)

/* A decoded picture: `height` rows of `width * channels` bytes, packed,
 * 8 bits a sample, top row first. */
typedef struct {
	unsigned char *px;      /* owned: free() it */
	unsigned width, height;
	unsigned channels;      /* 1 (grey) or 3 (RGB) */
} cp__pixels;

/* Whether the `len` bytes at `data` start as a PNG, a JBIG2 file (with
 * its file header, as OFD packages hold them) or a Windows BMP. */
bool cp__pixels_is_png(const unsigned char *data, size_t len);
bool cp__pixels_is_jbig2(const unsigned char *data, size_t len);
bool cp__pixels_is_bmp(const unsigned char *data, size_t len);

/*
 * Decode the `len` bytes at `data` into *out: a PNG into grey (alpha
 * over white: what a QR scanner wants), a JBIG2 file's first page into
 * grey (1 bits black), a BMP (1, 4, 8, 24 or 32 bits a pixel, not
 * compressed) into RGB.  Each returns 1 with *out filled, 0 when the
 * bytes are no such picture, are damaged or would be larger than
 * CP__PIXELS_MAX pixels (*out then all zero), -1 when out of memory.
 * A damaged picture is never an error: the callers report it or find
 * nothing in it.
 */
int cp__pixels_from_png_grey(cp__pixels *out, const unsigned char *data,
    size_t len);
int cp__pixels_from_jbig2(cp__pixels *out, const unsigned char *data,
    size_t len);
int cp__pixels_from_bmp(cp__pixels *out, const unsigned char *data,
    size_t len);

#endif
