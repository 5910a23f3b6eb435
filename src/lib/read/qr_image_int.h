/* qr_image_int.h - QR codes in the picture files e-invoices embed (an
 * OFD's PNG or JBIG2 image resource, an e-invoice XML's base64 PNG).
 * Private to read/. */
#ifndef CP_QR_IMAGE_INT_H
#define CP_QR_IMAGE_INT_H

#include <stddef.h>

#include "read/facts.h"

/*
 * Decodes the `len` bytes at `data` as a PNG or a JBIG2 file (told by
 * their signatures; anything else is no picture), gives it a white
 * quiet zone and enough pixels per module for the scanner, and hands
 * the text of each QR code found to cp__paper_take_qr (page `page`).
 * A picture that cannot be decoded or is larger than CP__PIXELS_MAX
 * (read/pixels_int.h) finds nothing.  Returns the number of codes
 * found, or -1 when out of memory.
 */
int cp__qr_image_scan(cp__paper_facts *paper, const unsigned char *data,
    size_t len, int page);

/* The same on a base64 text (such as an e-invoice's GraphCode, with or
 * without a "data:image/png;base64," prefix; white space skipped). */
int cp__qr_image_scan_base64(cp__paper_facts *paper, const char *text, int page);

/* Whether `text` looks like a base64 PNG rather than the text of a QR
 * code. */
int cp__qr_image_is_base64_png(const char *text);

#endif
