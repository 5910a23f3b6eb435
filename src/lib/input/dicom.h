/* dicom.h - the header of a DICOM file (PS3.10), read without its pixels.
 *
 * Imaging CDs and downloads hold DICOM files: a 128-byte preamble and
 * "DICM" (or, in old files, no preamble), the file meta group (0002) in
 * explicit VR little endian, then the data set in the transfer syntax
 * the meta group names: implicit or explicit VR little endian, explicit
 * big endian, deflated (zlib, raw deflate), or any compressed pixel
 * syntax (its header is little endian explicit; the pixels are never
 * decoded).  Reading stops at Pixel Data (7FE0,0010) or once every
 * wanted element is read.  Every length is bounded by what the file
 * holds (real files claim 3 GiB of pixel data in 100 KB), sequences are
 * skipped to a bounded depth, and at most CP__DICOM_READ_MAX bytes are
 * read from the start of a file.
 *
 * Text is decoded to UTF-8 by the Specific Character Set (0008,0005)
 * with iconv: the default repertoire, ISO_IR 100 (Latin-1), ISO_IR 192
 * (UTF-8), GB18030, GBK, and ISO 2022 IR 6/58/87/149 with their escape
 * sequences.  Chinese PACS often write GBK bytes under ISO_IR 100 or with
 * no character set at all: when the bytes do not fit the declared set
 * (or are not ASCII under the default one) they are read as GB18030 and
 * `charset_guessed` says so.
 */
#ifndef CP_DICOM_H
#define CP_DICOM_H

#include <stdbool.h>
#include <stddef.h>

/* The most bytes read from the start of one file (headers are a few
 * KB; a deflated data set is inflated up to this much). */
#define CP__DICOM_READ_MAX (1u << 20)
/* The longest text kept of one element, in bytes of UTF-8. */
#define CP__DICOM_TEXT_MAX 256

typedef struct {
	bool dicomdir;          /* a DICOMDIR (Media Storage SOP Class
	                           1.2.840.10008.1.3.10) */
	bool preamble;          /* "DICM" at 128 (else a file without one) */
	char transfer_syntax[65];
	char charset[65];       /* (0008,0005) as written, "\\"-joined */
	bool charset_guessed;   /* the declared set did not fit: GB18030 */
	/* (0010,0010) in UTF-8, its groups ("=") and components ("^") as
	 * written: "Wang^XiaoDong=王^小东=". */
	char patient_name[CP__DICOM_TEXT_MAX];
	char patient_id[CP__DICOM_TEXT_MAX];
	char birth_date[11];    /* "YYYY-MM-DD", or "" */
	char sex[2];            /* "M", "F", "O" (男 and 女 read as M, F), "" */
	char study_date[11];    /* "YYYY-MM-DD", or "" */
	char study_description[CP__DICOM_TEXT_MAX];
	char modality[17];
	char institution[CP__DICOM_TEXT_MAX];
	char study_uid[65], series_uid[65], sop_uid[65];
	unsigned long frames;   /* NumberOfFrames, 1 when absent */
} cp__dicom_header;

/*
 * Reads the header of the DICOM file at `path` (or of the `len` bytes at
 * `data`).  Returns 0 with *out filled; 1 when it is not a DICOM file or
 * cannot be read, with a sentence fragment in `why` to follow the file's
 * name ("is not a DICOM file", "is a DICOM file cut short in its
 * header", "claims an element of 3221225472 bytes in a file of 102400");
 * -1 when out of memory.  Never changes the file.
 */
int cp__dicom_read(cp__dicom_header *out, const char *path, char *why,
    size_t why_size);
int cp__dicom_read_memory(cp__dicom_header *out, const void *data,
    size_t len, char *why, size_t why_size);

/*
 * The files a DICOMDIR at `path` lists (its Referenced File IDs, "\"
 * read as "/", relative to the DICOMDIR's folder), as a new array of
 * new strings in *out (free each and the array), their number in
 * *count; at most 100000.  Returns 0; 1 with `why` when it is no
 * readable DICOMDIR; -1 when out of memory.
 */
int cp__dicomdir_files(char ***out, size_t *count, const char *path,
    char *why, size_t why_size);

#endif
