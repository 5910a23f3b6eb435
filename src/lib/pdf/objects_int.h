/* objects_int.h - small helpers for libqpdf's object handles.  Private to
 * pdf/.
 *
 * Asking a handle of the wrong type is an error in libqpdf's C API (see
 * qpdf_error_int.h), so the getters here check the type first and give
 * null instead: what is read from a hospital's PDF may be anything.
 */
#ifndef CP_OBJECTS_INT_H
#define CP_OBJECTS_INT_H

#include <stddef.h>

#include <qpdf/qpdf-c.h>

#include "input/image.h"

/* Formats `v` with at most 4 decimals and no exponent ("12", "-0.5"),
 * whatever the locale; a value that is not finite or beyond 1e12 gives
 * "0". */
void cp__pdf_format_number(char *buf, size_t size, double v);

/* The content of a page that only shows the image /Im0 through `cm`:
 * "q a b c d e f cm /Im0 Do Q\n", numbers as cp__pdf_format_number()
 * writes them (the page writers of photos and decoded images). */
void cp__pdf_image_content(char *buf, size_t size, const cp__matrix *cm);

/* A new number object of `v` as cp__pdf_format_number() writes it: an
 * integer when it has no decimals, else a real. */
qpdf_oh cp__oh_new_number(qpdf_data q, double v);

/* The value of `key` when `d` is a dictionary, else null. */
qpdf_oh cp__oh_dict_get(qpdf_data q, qpdf_oh d, const char *key);

/* Item `i` of array `arr`, or null when out of range or not an array. */
qpdf_oh cp__oh_array_get(qpdf_data q, qpdf_oh arr, int i);

/* A new direct dictionary holding the same entries as `d` (none when
 * `d` is not a dictionary).  The values are shared, not copied: this is
 * for replacing one level of a structure that other pages may share. */
qpdf_oh cp__oh_copy_dict(qpdf_data q, qpdf_oh d);

/* A new direct array holding the items of `arr` (none when not one). */
qpdf_oh cp__oh_copy_array(qpdf_data q, qpdf_oh arr);

/* A new (indirect) stream holding `len` bytes of `data`, unfiltered; the
 * writer compresses it. */
qpdf_oh cp__oh_new_stream(qpdf_data q, const void *data, size_t len);

/* Compares two byte strings as PDF name trees sort their keys: bytewise,
 * a prefix first.  Returns <0, 0 or >0. */
int cp__pdf_string_cmp(const char *a, size_t alen, const char *b,
    size_t blen);

#endif
