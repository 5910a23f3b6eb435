/* sniff.h - telling file formats apart by their first bytes. */
#ifndef CP_SNIFF_H
#define CP_SNIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef enum {
	CP__FORMAT_UNKNOWN = 0,
	CP__FORMAT_PDF,
	CP__FORMAT_JPEG,
	CP__FORMAT_PNG,
	/* Formats recognised only to name them in a message. */
	CP__FORMAT_TIFF,
	CP__FORMAT_GIF,
	CP__FORMAT_HEIC,
	CP__FORMAT_WEBP,
	CP__FORMAT_BMP,
	CP__FORMAT_ZIP,     /* also OFD invoices and Office files */
	CP__FORMAT_DICOM,
	CP__FORMAT_XML
} cp__format;

/* Bytes to read from the start of a file for cp__sniff. */
#define CP__SNIFF_BYTES 1024

/* The format of data starting with `head` (`len` bytes, any length). */
cp__format cp__sniff(const unsigned char *head, size_t len);

/*
 * Reads up to CP__SNIFF_BYTES from the start of the file at `path` into
 * `head` (a FIFO does not block the open).  Returns the bytes read, or -1
 * with errno set.
 */
ssize_t cp__sniff_read(const char *path, unsigned char *head);


/*
 * The format of the file at `path` (into *format): cp__sniff() of its
 * first bytes, and a file cp__sniff() does not know taken for a PDF when
 * its body looks like one's (libqpdf may still read
 * it).  Returns the bytes read (0 for an empty file, *format UNKNOWN),
 * or -1 with errno set when it cannot be read.
 */
ssize_t cp__sniff_file(const char *path, cp__format *format);

/* "PDF", "JPEG image", "HEIC photo", ... for messages. */
const char *cp__format_name(cp__format format);

#endif
