/* sniff.c - file formats from magic bytes, never from file names. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/sniff.h"
#include "util/infile.h"

static int
starts(const unsigned char *head, size_t len, size_t at, const char *magic,
    size_t mlen)
{
	return len >= at + mlen && memcmp(head + at, magic, mlen) == 0;
}

/* Whether the 4-byte brand at `b` is one of the `n` in `list`. */
static bool
brand_in(const unsigned char *b, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (memcmp(b, list[i], 4) == 0)
			return true;
	return false;
}

/*
 * Whether `head` starts a HEIC: a HEIF file (ISO/IEC 23008-12) whose
 * ftyp box names an HEVC brand, major or compatible (an iPhone writes
 * "heic" and "mif1, heic"; bursts and sequences "hevc", "msf1"), or only
 * the general HEIF brands ("mif1", "msf1") with an HEVC image ("hvc1"
 * item, "hvcC" property) in the bytes read.  An AVIF (AV1 in HEIF) is
 * another format, even with a "mif1" brand.
 */
static bool
is_heic(const unsigned char *head, size_t len)
{
	static const char *const hevc[] = { "heic", "heix", "heim", "heis",
		"hevc", "hevm", "hevs" };
	static const char *const heif[] = { "mif1", "msf1" };
	static const char *const av1[] = { "avif", "avis", "avio" };
	bool general = false, other = false;
	size_t box, at, i;

	if (!starts(head, len, 4, "ftyp", 4) || len < 12)
		return false;
	/* The box's own size bounds its brands; one that claims more than
	 * was read (or 0, "to the end", or 1, a 64-bit size) is read as
	 * far as it goes. */
	box = (size_t)head[0] << 24 | (size_t)head[1] << 16 |
	    (size_t)head[2] << 8 | head[3];
	if (box < 16 || box > len)
		box = len;
	/* The major brand at 8, the minor version at 12, then the
	 * compatible brands. */
	for (at = 8; at + 4 <= box; at += at == 8 ? 8 : 4) {
		if (brand_in(head + at, hevc, sizeof(hevc) / sizeof(hevc[0])))
			return true;
		if (brand_in(head + at, heif, sizeof(heif) / sizeof(heif[0])))
			general = true;
		if (brand_in(head + at, av1, sizeof(av1) / sizeof(av1[0])))
			other = true;
	}
	if (!general || other)
		return false;
	for (i = box; i + 4 <= len; i++)
		if (memcmp(head + i, "hvc1", 4) == 0 ||
		    memcmp(head + i, "hvcC", 4) == 0)
			return true;
	return false;
}

cp__format
cp__sniff(const unsigned char *head, size_t len)
{
	size_t i;

	/* First: DICOM's 128-byte preamble may hold another format's header
	 * (a TIFF one in dual DICOM-TIFF files, such as pydicom's CT_small),
	 * and "DICM" at 128 is what the file is. */
	if (starts(head, len, 128, "DICM", 4))
		return CP__FORMAT_DICOM;
	if (starts(head, len, 0, "\xff\xd8\xff", 3))
		return CP__FORMAT_JPEG;
	if (starts(head, len, 0, "\x89PNG\r\n\x1a\n", 8))
		return CP__FORMAT_PNG;
	/* PDF readers accept "%PDF-" anywhere in the first 1024 bytes. */
	for (i = 0; i + 5 <= len && i < CP__SNIFF_BYTES; i++)
		if (memcmp(head + i, "%PDF-", 5) == 0)
			return CP__FORMAT_PDF;
	/* Classic TIFF (42), then BigTIFF (43), either byte order. */
	if (starts(head, len, 0, "II*\0", 4) || starts(head, len, 0, "MM\0*", 4) ||
	    starts(head, len, 0, "II+\0", 4) || starts(head, len, 0, "MM\0+", 4))
		return CP__FORMAT_TIFF;
	if (starts(head, len, 0, "GIF8", 4))
		return CP__FORMAT_GIF;
	if (is_heic(head, len))
		return CP__FORMAT_HEIC;
	if (starts(head, len, 0, "RIFF", 4) && starts(head, len, 8, "WEBP", 4))
		return CP__FORMAT_WEBP;
	if (starts(head, len, 0, "BM", 2))
		return CP__FORMAT_BMP;
	if (starts(head, len, 0, "PK\3\4", 4))
		return CP__FORMAT_ZIP;
	if (starts(head, len, 0, "<?xml", 5) ||
	    starts(head, len, 0, "\xef\xbb\xbf<?xml", 8))
		return CP__FORMAT_XML;
	return CP__FORMAT_UNKNOWN;
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_pdf_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == '\f' || c == '\0';
}

/* "N G obj" ending just before `at` (where "obj" starts). */
static bool
object_header_before(const unsigned char *b, size_t at)
{
	size_t i = at;
	int part;

	for (part = 0; part < 2; part++) {
		if (i == 0 || !is_pdf_space(b[i - 1]))
			return false;
		while (i > 0 && is_pdf_space(b[i - 1]))
			i--;
		if (i == 0 || !is_digit(b[i - 1]))
			return false;
		while (i > 0 && is_digit(b[i - 1]))
			i--;
	}
	return i == 0 || !is_digit(b[i - 1]);
}

/* Marks of a PDF's body in `len` bytes at `b`. */
static bool
has_pdf_marks(const unsigned char *b, size_t len)
{
	static const char *const marks[] = { "endobj", "endstream",
	    "startxref", "%%EOF" };
	size_t i, k, n;

	for (i = 0; i < len; i++) {
		for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
			n = strlen(marks[k]);
			if (len - i >= n && memcmp(b + i, marks[k], n) == 0)
				return true;
		}
		if (len - i >= 3 && memcmp(b + i, "obj", 3) == 0 &&
		    object_header_before(b, i))
			return true;
	}
	return false;
}

/*
 * For a file cp__sniff() did not recognise: true when it looks like a
 * PDF whose "%PDF-" header is missing or more than CP__SNIFF_BYTES in:
 * an object ("1 0 obj"), "endobj", "endstream", "startxref" or "%%EOF"
 * in `head` (its first `len` bytes) or in the last CP__SNIFF_BYTES of
 * the regular file at `path`.  libqpdf can often still open such a file;
 * if it cannot, the file is a damaged PDF, not another format.
 */
static bool
pdf_body(const char *path, const unsigned char *head, size_t len)
{
	unsigned char tail[CP__SNIFF_BYTES];
	struct stat st;
	ssize_t n;
	off_t at;
	int fd;
	bool found;

	if (has_pdf_marks(head, len < CP__SNIFF_BYTES ? len :
	    CP__SNIFF_BYTES))
		return true;
	if ((fd = cp__infile_open(path)) < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size <= (off_t)len) {
		close(fd);
		return false;
	}
	at = st.st_size > CP__SNIFF_BYTES ? st.st_size - CP__SNIFF_BYTES : 0;
	do
		n = pread(fd, tail, sizeof(tail), at);
	while (n < 0 && errno == EINTR);
	found = n > 0 && has_pdf_marks(tail, (size_t)n);
	close(fd);
	return found;
}

const char *
cp__format_name(cp__format format)
{
	switch (format) {
	case CP__FORMAT_PDF:     return "a PDF";
	case CP__FORMAT_JPEG:    return "a JPEG image";
	case CP__FORMAT_PNG:     return "a PNG image";
	case CP__FORMAT_TIFF:    return "a TIFF image";
	case CP__FORMAT_GIF:     return "a GIF image";
	case CP__FORMAT_HEIC:    return "a HEIC photo (iPhone format)";
	case CP__FORMAT_WEBP:    return "a WebP image";
	case CP__FORMAT_BMP:     return "a BMP image";
	case CP__FORMAT_ZIP:     return "a ZIP archive (an OFD invoice is one)";
	case CP__FORMAT_DICOM:   return "a DICOM image";
	case CP__FORMAT_XML:     return "an XML file";
	case CP__FORMAT_UNKNOWN: break;
	}
	return "of an unknown format";
}

ssize_t
cp__sniff_read(const char *path, unsigned char *head)
{
	ssize_t n, got = 0;
	int fd, saved;

	if ((fd = cp__infile_open(path)) < 0)
		return -1;
	while (got < CP__SNIFF_BYTES) {
		n = read(fd, head + got, (size_t)(CP__SNIFF_BYTES - got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		got += n;
	}
	close(fd);
	return got;
}

ssize_t
cp__sniff_file(const char *path, cp__format *format)
{
	unsigned char head[CP__SNIFF_BYTES];
	ssize_t got;

	*format = CP__FORMAT_UNKNOWN;
	if ((got = cp__sniff_read(path, head)) <= 0)
		return got;
	*format = cp__sniff(head, (size_t)got);
	if (*format == CP__FORMAT_UNKNOWN &&
	    pdf_body(path, head, (size_t)got))
		*format = CP__FORMAT_PDF;
	return got;
}
