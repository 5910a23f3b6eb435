/* dicom_int.h - what the DICOM files of input/ share: the element
 * stream (dicom_stream.c), the Part 10 framing (dicom.c) and the text
 * of values (dicom_text.c).  Private to input/. */
#ifndef CP_DICOM_INT_H
#define CP_DICOM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/dicom.h"

/* Sequences nested deeper than this are refused. */
#define CP__DICOM_DEPTH_MAX 16
/* The most bytes of one text value looked at (the text kept is
 * CP__DICOM_TEXT_MAX at most anyway). */
#define CP__DICOM_VALUE_MAX 512
/* The undefined length. */
#define CP__DICOM_UNDEFINED 0xffffffffu

/* What the stream functions return besides 0. */
enum {
	CP__DICOM_END = 1,      /* no bytes left: the data set ends */
	CP__DICOM_MORE = 2,     /* the bytes needed are in the stream but
	                           past `len`: read more and start again */
	CP__DICOM_BAD = 3       /* damaged; `why` says how */
};

/* A data set being read: `len` bytes at hand of the `size` the stream
 * holds in all (the file's size; UINT64_MAX when unknown, as for a
 * deflated data set not yet inflated whole). */
typedef struct {
	const unsigned char *p;
	size_t len;
	uint64_t size;
	size_t pos;
	bool big;               /* big endian */
	bool explicit_vr;
} cp__dicom_stream;

typedef struct {
	uint16_t group, element;
	char vr[3];             /* "" for items, delimiters and implicit VR */
	uint32_t length;        /* CP__DICOM_UNDEFINED or bytes */
	size_t value;           /* where the value starts in p */
} cp__dicom_elem;

/*
 * Reads the header of the element at s->pos into *e and moves s->pos to
 * its value.  Items and delimiters (group FFFE) have no VR in any
 * syntax.  Returns 0, CP__DICOM_END at the end of the stream, MORE, or
 * BAD with `why`.  A defined length is not checked here (the caller may
 * stop at the element); cp__dicom_skip checks it.
 */
int cp__dicom_next(cp__dicom_stream *s, cp__dicom_elem *e, char *why,
    size_t why_size);

/*
 * Moves s->pos past the value of `e` (just read by cp__dicom_next): a
 * defined length no longer than what the stream holds, or an undefined
 * one up to its sequence delimiter, items and nested sequences skipped
 * to CP__DICOM_DEPTH_MAX.  Returns 0, MORE, or BAD with `why`.
 */
int cp__dicom_skip(cp__dicom_stream *s, const cp__dicom_elem *e, char *why,
    size_t why_size);

/* A DICOM file's data set, found past its preamble and meta group. */
typedef struct {
	cp__dicom_stream ds;
	unsigned char *inflated;        /* owned: a deflated data set */
	bool preamble;
	bool dicomdir;
	char transfer_syntax[65];
} cp__dicom_file;

/*
 * Finds the data set in the `len` bytes at `p` of a file of `size`
 * bytes: the preamble (or none), "DICM", the meta group in explicit VR
 * little endian (or, in old files, no meta group at all), and the
 * transfer syntax; a deflated data set is inflated into f->inflated, up
 * to CP__DICOM_READ_MAX bytes.  Returns 0 (release with
 * cp__dicom_file_close), MORE, BAD with `why`, or -1 when out of memory.
 */
int cp__dicom_file_open(cp__dicom_file *f, const unsigned char *p,
    size_t len, uint64_t size, char *why, size_t why_size);
void cp__dicom_file_close(cp__dicom_file *f);

/*
 * The `n` bytes of a text value (PN, LO, SH, LT, ST, UT) at `v` in
 * UTF-8 by the Specific Character Set `charset` ("\\"-joined values),
 * trailing spaces and NULs dropped, cut on a character to fit
 * `out_size`.  Returns 0; 1 when the bytes did not fit the set and were
 * read as GB18030; -1 when out of memory (*out is then "").
 */
int cp__dicom_text(char *out, size_t out_size, const void *v, size_t n,
    const char *charset);

/* An ASCII value (UI, CS, IS, DA, AE) without its padding: leading and
 * trailing spaces and NULs dropped, bytes outside printable ASCII
 * dropped, cut to fit `out_size`. */
void cp__dicom_ascii(char *out, size_t out_size, const void *v, size_t n);

/* A DA value "YYYYMMDD" (or the old "YYYY.MM.DD") as "YYYY-MM-DD"; ""
 * when it is no real date. */
void cp__dicom_date(char out[11], const void *v, size_t n);

/* A PatientSex already in UTF-8 as "M", "F", "O" (男, 女 and the words
 * read too), or "". */
void cp__dicom_sex(char out[2], const char *text);

#endif
