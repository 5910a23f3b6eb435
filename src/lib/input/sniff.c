/* sniff.c - file formats from magic bytes, never from file names. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/sniff.h"

static int
starts(const unsigned char *head, size_t len, size_t at, const char *magic,
    size_t mlen)
{
	return len >= at + mlen && memcmp(head + at, magic, mlen) == 0;
}

cp__format
cp__sniff(const unsigned char *head, size_t len)
{
	size_t i;

	if (starts(head, len, 0, "\xff\xd8\xff", 3))
		return CP__FORMAT_JPEG;
	if (starts(head, len, 0, "\x89PNG\r\n\x1a\n", 8))
		return CP__FORMAT_PNG;
	/* PDF readers accept "%PDF-" anywhere in the first 1024 bytes. */
	for (i = 0; i + 5 <= len && i < CP__SNIFF_BYTES; i++)
		if (memcmp(head + i, "%PDF-", 5) == 0)
			return CP__FORMAT_PDF;
	if (starts(head, len, 0, "II*\0", 4) || starts(head, len, 0, "MM\0*", 4))
		return CP__FORMAT_TIFF;
	if (starts(head, len, 0, "GIF8", 4))
		return CP__FORMAT_GIF;
	if (starts(head, len, 4, "ftypheic", 8) ||
	    starts(head, len, 4, "ftypheix", 8) ||
	    starts(head, len, 4, "ftypmif1", 8) ||
	    starts(head, len, 4, "ftyphevc", 8))
		return CP__FORMAT_HEIC;
	if (starts(head, len, 0, "RIFF", 4) && starts(head, len, 8, "WEBP", 4))
		return CP__FORMAT_WEBP;
	if (starts(head, len, 0, "BM", 2))
		return CP__FORMAT_BMP;
	if (starts(head, len, 0, "PK\3\4", 4))
		return CP__FORMAT_ZIP;
	if (starts(head, len, 128, "DICM", 4))
		return CP__FORMAT_DICOM;
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

bool
cp__sniff_pdf_body(const char *path, const unsigned char *head, size_t len)
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
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
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

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
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
