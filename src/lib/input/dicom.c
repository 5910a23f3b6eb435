/* dicom.c - a DICOM file's framing (PS3.10: preamble, "DICM", the meta
 * group, the transfer syntax) and the header fields claimpack reads. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "input/dicom_int.h"
#include "util/infile.h"

#define TS_IMPLICIT_LE "1.2.840.10008.1.2"
#define TS_EXPLICIT_BE "1.2.840.10008.1.2.2"
#define TS_DEFLATED    "1.2.840.10008.1.2.1.99"
#define SOP_DICOMDIR   "1.2.840.10008.1.3.10"
/* What a file is read with first; most headers fit. */
#define FIRST_READ (16u * 1024u)

static bool
is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Whether the element at `at` starts like one in explicit VR: a tag,
 * then two capital letters. */
static bool
looks_explicit(const unsigned char *p, size_t len, size_t at)
{
	return len - at >= 6 && is_upper(p[at + 4]) && is_upper(p[at + 5]);
}

/* Inflates the raw deflate stream at `p` (`len` bytes of a file whose
 * rest may not be at hand, `complete` when it is) into f->inflated, up
 * to CP__DICOM_READ_MAX bytes.  Returns 0, BAD, -1. */
static int
inflate_data_set(cp__dicom_file *f, const unsigned char *p, size_t len,
    bool complete, char *why, size_t why_size)
{
	z_stream z;
	size_t cap = 64u * 1024u;
	unsigned char *grown;
	int zrc, rc = CP__DICOM_BAD;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
		return -1;
	if ((f->inflated = malloc(cap)) == NULL) {
		rc = -1;
		goto done;
	}
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)len;
	z.next_out = f->inflated;
	z.avail_out = (uInt)cap;
	for (;;) {
		zrc = inflate(&z, Z_NO_FLUSH);
		if (zrc == Z_STREAM_END)
			break;
		if (zrc == Z_MEM_ERROR) {
			rc = -1;
			goto done;
		}
		if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
			snprintf(why, why_size, "is a deflated DICOM file "
			    "whose data do not inflate");
			goto done;
		}
		if (z.avail_out == 0) {
			if (cap >= CP__DICOM_READ_MAX)
				break;  /* enough of it: headers come first */
			cap *= 4;
			if (cap > CP__DICOM_READ_MAX)
				cap = CP__DICOM_READ_MAX;
			if ((grown = realloc(f->inflated, cap)) == NULL) {
				rc = -1;
				goto done;
			}
			f->inflated = grown;
			z.next_out = f->inflated + z.total_out;
			z.avail_out = (uInt)(cap - z.total_out);
			continue;
		}
		if (z.avail_in == 0)
			break;
	}
	f->ds.p = f->inflated;
	f->ds.len = z.total_out;
	/* With more of the file to come, the data set's length is not
	 * known: the scan asks for more only if it needs it. */
	f->ds.size = complete || zrc == Z_STREAM_END ? z.total_out :
	    UINT64_MAX;
	rc = 0;
done:
	inflateEnd(&z);
	return rc;
}

/* Reads the meta group (explicit VR little endian, group 0002) at
 * s->pos: the transfer syntax and whether it is a DICOMDIR. */
static int
read_meta(cp__dicom_file *f, cp__dicom_stream *s, char *why, size_t why_size)
{
	cp__dicom_elem e;
	char sop[65];
	size_t n;
	int rc;

	s->big = false;
	s->explicit_vr = looks_explicit(s->p, s->len, s->pos);
	for (;;) {
		if (s->len - s->pos < 2 && s->size != UINT64_MAX &&
		    s->pos + 2 > s->size)
			break;
		if (s->len - s->pos < 2)
			return CP__DICOM_MORE;
		/* The group is 0002 in either byte order's first byte. */
		if (!(s->p[s->pos] == 2 && s->p[s->pos + 1] == 0))
			break;
		if ((rc = cp__dicom_next(s, &e, why, why_size)) != 0)
			return rc;
		n = e.length == CP__DICOM_UNDEFINED ? 0 : e.length;
		if (e.length != CP__DICOM_UNDEFINED && n <= s->len - s->pos) {
			if (e.element == 0x0010)
				cp__dicom_ascii(f->transfer_syntax,
				    sizeof(f->transfer_syntax), s->p + s->pos,
				    n);
			else if (e.element == 0x0002) {
				cp__dicom_ascii(sop, sizeof(sop),
				    s->p + s->pos, n);
				f->dicomdir = strcmp(sop, SOP_DICOMDIR) == 0;
			}
		}
		if ((rc = cp__dicom_skip(s, &e, why, why_size)) != 0)
			return rc;
	}
	return 0;
}

/* Sets the data set's byte order and VR rule by the transfer syntax,
 * trusting the bytes over the meta group where they disagree (as other
 * readers do: some writers name the wrong one). */
static void
set_syntax(cp__dicom_file *f, cp__dicom_stream *s)
{
	s->big = strcmp(f->transfer_syntax, TS_EXPLICIT_BE) == 0;
	s->explicit_vr = strcmp(f->transfer_syntax, TS_IMPLICIT_LE) != 0;
	if (s->pos < s->len && s->len - s->pos >= 6)
		s->explicit_vr = looks_explicit(s->p, s->len, s->pos);
}

int
cp__dicom_file_open(cp__dicom_file *f, const unsigned char *p, size_t len,
    uint64_t size, char *why, size_t why_size)
{
	cp__dicom_stream *s = &f->ds;
	size_t at;
	int rc;

	memset(f, 0, sizeof(*f));
	s->p = p;
	s->len = len;
	s->size = size;
	if (len >= 132 && memcmp(p + 128, "DICM", 4) == 0) {
		f->preamble = true;
		at = 132;
	} else if (len >= 4 && memcmp(p, "DICM", 4) == 0) {
		at = 4;
	} else if (len < 132 && size > len) {
		return CP__DICOM_MORE;
	} else if (len >= 8 && p[1] == 0 && (p[0] == 2 || p[0] == 8) &&
	    (looks_explicit(p, len, 0) || ((uint32_t)p[7] << 24 |
	    (uint32_t)p[6] << 16 | (uint32_t)p[5] << 8 | p[4]) <= size - 8)) {
		/* No preamble: the meta group, or (older files) the data
		 * set itself, group 0008 first. */
		at = 0;
	} else {
		snprintf(why, why_size, "is not a DICOM file");
		return CP__DICOM_BAD;
	}
	s->pos = at;
	if (s->len - at >= 2 && p[at] == 2 && p[at + 1] == 0) {
		if ((rc = read_meta(f, s, why, why_size)) != 0)
			return rc;
	}
	if (f->transfer_syntax[0] == '\0')
		snprintf(f->transfer_syntax, sizeof(f->transfer_syntax), "%s",
		    TS_IMPLICIT_LE);
	if (strcmp(f->transfer_syntax, TS_DEFLATED) == 0) {
		rc = inflate_data_set(f, p + s->pos, s->len - s->pos,
		    (uint64_t)len >= size, why, why_size);
		if (rc != 0)
			return rc;
		s->pos = 0;
		s->big = false;
	}
	set_syntax(f, s);
	return 0;
}

void
cp__dicom_file_close(cp__dicom_file *f)
{
	if (f == NULL)
		return;
	free(f->inflated);
	f->inflated = NULL;
}

/* The elements read, each as where its value is in the data set. */
enum { W_CHARSET, W_SOP, W_STUDY_DATE, W_MODALITY, W_INSTITUTION,
    W_DESCRIPTION, W_NAME, W_ID, W_BIRTH, W_SEX, W_STUDY_UID, W_SERIES_UID,
    W_FRAMES, W_COUNT };

static const uint32_t wanted[W_COUNT] = {
	0x00080005, 0x00080018, 0x00080020, 0x00080060, 0x00080080,
	0x00081030, 0x00100010, 0x00100020, 0x00100030, 0x00100040,
	0x0020000d, 0x0020000e, 0x00280008
};

typedef struct {
	const unsigned char *v;
	size_t n;
} value;

/* Reads the top-level elements up to the last wanted one (they come in
 * ascending order) or Pixel Data.  Returns 0, MORE, BAD. */
static int
scan(cp__dicom_stream *s, value *got, char *why, size_t why_size)
{
	cp__dicom_elem e;
	uint32_t tag;
	size_t i, seen = 0;
	int rc;

	for (;; seen++) {
		rc = cp__dicom_next(s, &e, why, why_size);
		/* A data set without a single element is a file cut just
		 * past its meta group. */
		if (rc == CP__DICOM_END && seen == 0) {
			snprintf(why, why_size, "is a DICOM file cut short in "
			    "its header");
			return CP__DICOM_BAD;
		}
		if (rc == CP__DICOM_END)
			return 0;
		if (rc != 0)
			return rc;
		tag = (uint32_t)e.group << 16 | e.element;
		/* Pixel Data may claim more than the file holds: its
		 * length is never looked at. */
		if (tag > wanted[W_COUNT - 1] || tag == 0x7fe00010)
			return 0;
		if ((rc = cp__dicom_skip(s, &e, why, why_size)) != 0)
			return rc;
		if (e.length == CP__DICOM_UNDEFINED)
			continue;
		for (i = 0; i < W_COUNT; i++) {
			if (wanted[i] == tag) {
				got[i].v = s->p + e.value;
				got[i].n = e.length < CP__DICOM_VALUE_MAX ?
				    e.length : CP__DICOM_VALUE_MAX;
			}
		}
	}
}

/* Fills *out from the values found.  Returns 0 or -1. */
static int
fill(cp__dicom_header *out, const value *got)
{
	char sex[16], frames[16];
	char *end;
	unsigned long n;
	int rc, guessed = 0;

	cp__dicom_ascii(out->charset, sizeof(out->charset), got[W_CHARSET].v,
	    got[W_CHARSET].n);
#define TEXT(field, w) do { \
	rc = cp__dicom_text(out->field, sizeof(out->field), got[w].v, \
	    got[w].n, out->charset); \
	if (rc < 0) \
		return -1; \
	guessed |= rc; \
} while (0)
	TEXT(patient_name, W_NAME);
	TEXT(patient_id, W_ID);
	TEXT(study_description, W_DESCRIPTION);
	TEXT(institution, W_INSTITUTION);
	if (cp__dicom_text(sex, sizeof(sex), got[W_SEX].v, got[W_SEX].n,
	    out->charset) < 0)
		return -1;
#undef TEXT
	out->charset_guessed = guessed != 0;
	cp__dicom_sex(out->sex, sex);
	cp__dicom_ascii(out->modality, sizeof(out->modality),
	    got[W_MODALITY].v, got[W_MODALITY].n);
	cp__dicom_date(out->birth_date, got[W_BIRTH].v, got[W_BIRTH].n);
	cp__dicom_date(out->study_date, got[W_STUDY_DATE].v,
	    got[W_STUDY_DATE].n);
	cp__dicom_ascii(out->study_uid, sizeof(out->study_uid),
	    got[W_STUDY_UID].v, got[W_STUDY_UID].n);
	cp__dicom_ascii(out->series_uid, sizeof(out->series_uid),
	    got[W_SERIES_UID].v, got[W_SERIES_UID].n);
	cp__dicom_ascii(out->sop_uid, sizeof(out->sop_uid), got[W_SOP].v,
	    got[W_SOP].n);
	cp__dicom_ascii(frames, sizeof(frames), got[W_FRAMES].v,
	    got[W_FRAMES].n);
	errno = 0;
	n = strtoul(frames, &end, 10);
	out->frames = frames[0] >= '0' && frames[0] <= '9' && *end == '\0' &&
	    errno == 0 && n > 0 ? n : 1;
	return 0;
}

/* Reads the `len` bytes at `data` of a file of `size` bytes.  Returns
 * 0, 1 (why), -1, or CP__DICOM_MORE + 10 when more bytes are needed. */
static int
read_bytes(cp__dicom_header *out, const unsigned char *data, size_t len,
    uint64_t size, char *why, size_t why_size)
{
	cp__dicom_file f;
	value got[W_COUNT];
	int rc;

	memset(out, 0, sizeof(*out));
	memset(got, 0, sizeof(got));
	rc = cp__dicom_file_open(&f, data, len, size, why, why_size);
	if (rc == 0)
		rc = scan(&f.ds, got, why, why_size);
	if (rc == 0) {
		out->dicomdir = f.dicomdir;
		out->preamble = f.preamble;
		snprintf(out->transfer_syntax, sizeof(out->transfer_syntax),
		    "%s", f.transfer_syntax);
		rc = fill(out, got);
	}
	cp__dicom_file_close(&f);
	if (rc == CP__DICOM_MORE)
		return 10 + CP__DICOM_MORE;
	if (rc == CP__DICOM_BAD)
		return 1;
	return rc;
}

int
cp__dicom_read_memory(cp__dicom_header *out, const void *data, size_t len,
    char *why, size_t why_size)
{
	int rc;

	if (why_size > 0)
		why[0] = '\0';
	if (len > CP__DICOM_READ_MAX)
		len = CP__DICOM_READ_MAX;
	rc = read_bytes(out, data, len, len, why, why_size);
	if (rc > 1) {
		/* Not reached: all the bytes are at hand. */
		snprintf(why, why_size, "is a DICOM file cut short in its "
		    "header");
		rc = 1;
	}
	return rc;
}

int
cp__dicom_read(cp__dicom_header *out, const char *path, char *why,
    size_t why_size)
{
	unsigned char *buf = NULL, *grown;
	struct stat st;
	size_t want, len = 0;
	ssize_t r;
	int fd, rc = 1;

	memset(out, 0, sizeof(*out));
	if (why_size > 0)
		why[0] = '\0';
	if ((fd = cp__infile_open(path)) < 0) {
		snprintf(why, why_size, "cannot be opened (%s)",
		    strerror(errno));
		return 1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, why_size, "is not a regular file");
		goto done;
	}
	if (st.st_size == 0) {
		snprintf(why, why_size, "is empty");
		goto done;
	}
	/* A first read that holds most headers, then as much as allowed
	 * when the header goes on past it. */
	want = (uint64_t)st.st_size < FIRST_READ ? (size_t)st.st_size :
	    FIRST_READ;
	for (;;) {
		if ((grown = realloc(buf, want)) == NULL) {
			rc = -1;
			goto done;
		}
		buf = grown;
		while (len < want) {
			r = read(fd, buf + len, want - len);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				snprintf(why, why_size, "cannot be read (%s)",
				    strerror(errno));
				goto done;
			}
			if (r == 0)
				break;
			len += (size_t)r;
		}
		rc = read_bytes(out, buf, len, len < want ? len :
		    (uint64_t)st.st_size, why, why_size);
		if (rc != 10 + CP__DICOM_MORE)
			break;
		if (len < want || want >= CP__DICOM_READ_MAX ||
		    (uint64_t)want >= (uint64_t)st.st_size) {
			snprintf(why, why_size, "has a DICOM header longer "
			    "than the %u bytes read", CP__DICOM_READ_MAX);
			rc = 1;
			break;
		}
		want = (uint64_t)st.st_size < CP__DICOM_READ_MAX ?
		    (size_t)st.st_size : CP__DICOM_READ_MAX;
	}
done:
	free(buf);
	close(fd);
	return rc;
}
