/* ofd_zip.c - bounded access to an OFD package (libzip). */
#include "read/ofd_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "read/xml_int.h"
#include "util/strbuf.h"
#include "util/utf8.h"

struct cp__ofd_zip {
	zip_t *za;
	char **names;           /* package path of each entry; "" folders */
	size_t count;
	size_t left;            /* bytes that may still be read */
};

void
cp__ofd_clean(char *s)
{
	/* names from the archive may be any bytes, and a cut one may end
	 * inside a character: the reason is shown as text */
	cp__utf8_clean(s);
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

int
cp__ofd_because(char *why, size_t why_size, const char *fmt, ...)
{
	va_list ap;

	if (why != NULL && why_size > 0) {
		va_start(ap, fmt);
		vsnprintf(why, why_size, fmt, ap);
		va_end(ap);
		cp__ofd_clean(why);
	}
	return 1;
}

/* The sentence for libzip's error `ze` met while opening the archive;
 * -1 for out of memory. */
static int
open_failed(zip_error_t *ze, char *why, size_t why_size)
{
	int code = zip_error_code_zip(ze);
	int rc;

	switch (code) {
	case ZIP_ER_MEMORY:
		rc = -1;
		break;
	case ZIP_ER_NOZIP:
		rc = cp__ofd_because(why, why_size,
		    "is not a whole ZIP archive: its directory at the end is "
		    "missing, so it is damaged or was cut short (download it "
		    "again)");
		break;
	case ZIP_ER_INCONS:
		rc = cp__ofd_because(why, why_size,
		    "is a damaged ZIP archive (%s)", zip_error_strerror(ze));
		break;
	case ZIP_ER_OPEN:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
	case ZIP_ER_NOENT:
		rc = cp__ofd_because(why, why_size, "cannot be read (%s)",
		    zip_error_strerror(ze));
		break;
	default:
		rc = cp__ofd_because(why, why_size,
		    "cannot be opened as a ZIP archive (%s)",
		    zip_error_strerror(ze));
		break;
	}
	zip_error_fini(ze);
	return rc;
}

/* Whether `c` ends a path step. */
static int
is_sep(char c)
{
	return c == '/' || c == '\\';
}

int
cp__ofd_resolve(char *out, const char *base, const char *ref)
{
	char buf[2 * CP__OFD_PATH_MAX];
	size_t len = 0, n;
	const char *p, *slash;

	if (ref == NULL || ref[0] == '\0' || strlen(ref) >= CP__OFD_PATH_MAX)
		return -1;
	buf[0] = '\0';
	if (!is_sep(ref[0]) && base != NULL) {
		/* the folder of `base`, separators as they are */
		for (slash = NULL, p = base; *p != '\0'; p++)
			if (is_sep(*p))
				slash = p;
		if (slash != NULL) {
			n = (size_t)(slash - base) + 1;
			if (n >= CP__OFD_PATH_MAX)
				return -1;
			memcpy(buf, base, n);
			len = n;
		}
	}
	memcpy(buf + len, ref, strlen(ref) + 1);
	/* Now apply the steps of buf into out. */
	len = 0;
	for (p = buf; *p != '\0';) {
		while (is_sep(*p))
			p++;
		for (n = 0; p[n] != '\0' && !is_sep(p[n]); n++)
			;
		if (n == 0 || (n == 1 && p[0] == '.')) {
			p += n;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (len == 0)
				return -1;      /* above the package's root */
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;  /* the '/' before the dropped step */
			p += n;
			continue;
		}
		if (len + (len > 0) + n >= CP__OFD_PATH_MAX)
			return -1;
		if (len > 0)
			out[len++] = '/';
		memcpy(out + len, p, n);
		len += n;
		p += n;
	}
	out[len] = '\0';
	return len > 0 ? 0 : -1;
}

/*
 * Checks the name of entry `i` and keeps it as a package path.  A name
 * that climbs out with ".." or starts at the root (or a drive) is
 * refused: claimpack never writes entries out, but such a name only
 * comes from a hostile or broken archive.
 */
static int
take_name(cp__ofd_zip *z, zip_uint64_t i, char *why, size_t why_size)
{
	char path[CP__OFD_PATH_MAX];
	const char *name, *p;
	size_t len, n;

	if ((name = zip_get_name(z->za, i, ZIP_FL_ENC_RAW)) == NULL)
		return cp__ofd_because(why, why_size,
		    "has a file without a name in its ZIP directory");
	len = strlen(name);
	if (is_sep(name[0]) || (len >= 2 && name[1] == ':'))
		return cp__ofd_because(why, why_size,
		    "holds a file named \"%.80s\", a path from the root of a "
		    "disk; claimpack does not read such archives", name);
	for (p = name; *p != '\0'; p += n) {
		while (is_sep(*p))
			p++;
		for (n = 0; p[n] != '\0' && !is_sep(p[n]); n++)
			;
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return cp__ofd_because(why, why_size,
			    "holds a file named \"%.80s\", which points "
			    "outside the archive; claimpack does not read such "
			    "archives", name);
	}
	if (len == 0 || is_sep(name[len - 1]))
		path[0] = '\0';         /* a folder */
	else if (cp__ofd_resolve(path, NULL, name) != 0)
		return cp__ofd_because(why, why_size,
		    "holds a file named \"%.80s\", too long a name for an OFD",
		    name);
	if ((z->names[i] = cp__strdup(path)) == NULL)
		return -1;
	return 0;
}

/* Reads the directory of the archive just opened into z. */
static int
take_entries(cp__ofd_zip *z, char *why, size_t why_size)
{
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	zip_uint64_t i;
	zip_stat_t st;
	int rc;

	if (n < 0)
		return cp__ofd_because(why, why_size,
		    "cannot be opened as a ZIP archive");
	if ((zip_uint64_t)n > CP__OFD_MAX_ENTRIES)
		return cp__ofd_because(why, why_size,
		    "holds %lld files; an OFD e-invoice holds a few dozen and "
		    "claimpack reads at most %u",
		    (long long)n, CP__OFD_MAX_ENTRIES);
	z->count = (size_t)n;
	if (n > 0 && (z->names = calloc((size_t)n, sizeof(*z->names))) == NULL)
		return -1;
	for (i = 0; i < (zip_uint64_t)n; i++) {
		if ((rc = take_name(z, i, why, why_size)) != 0)
			return rc;
		if (zip_stat_index(z->za, i, ZIP_FL_ENC_RAW, &st) == 0 &&
		    (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method != ZIP_EM_NONE)
			return cp__ofd_because(why, why_size, "is encrypted: a "
			    "password is needed to open \"%.80s\"; save the "
			    "invoice again without one", z->names[i]);
	}
	return 0;
}

/* Takes the archive opened (or the error met) into *out. */
static int
finish_open(cp__ofd_zip **out, zip_t *za, char *why, size_t why_size)
{
	cp__ofd_zip *z;
	int rc;

	if ((z = calloc(1, sizeof(*z))) == NULL) {
		zip_discard(za);
		return -1;
	}
	z->za = za;
	z->left = CP__OFD_READ_MAX;
	if ((rc = take_entries(z, why, why_size)) != 0) {
		cp__ofd_zip_close(z);
		return rc;
	}
	*out = z;
	return 0;
}

int
cp__ofd_zip_open_file(cp__ofd_zip **out, const char *path, char *why,
    size_t why_size)
{
	zip_error_t ze;
	zip_t *za;
	int code = 0;

	*out = NULL;
	if ((za = zip_open(path, ZIP_RDONLY, &code)) == NULL) {
		zip_error_init_with_code(&ze, code);
		return open_failed(&ze, why, why_size);
	}
	return finish_open(out, za, why, why_size);
}

int
cp__ofd_zip_open_memory(cp__ofd_zip **out, const void *data, size_t len,
    char *why, size_t why_size)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_t *za;

	*out = NULL;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL)
		return open_failed(&ze, why, why_size);
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		return open_failed(&ze, why, why_size);
	}
	zip_error_fini(&ze);
	return finish_open(out, za, why, why_size);
}

void
cp__ofd_zip_close(cp__ofd_zip *z)
{
	size_t i;

	if (z == NULL)
		return;
	if (z->za != NULL)
		zip_discard(z->za);
	for (i = 0; i < z->count && z->names != NULL; i++)
		free(z->names[i]);
	free(z->names);
	free(z);
}

size_t
cp__ofd_zip_count(const cp__ofd_zip *z)
{
	return z->count;
}

const char *
cp__ofd_zip_name(const cp__ofd_zip *z, size_t i)
{
	return i < z->count ? z->names[i] : "";
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
same_nocase(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (ascii_lower((unsigned char)*a) !=
		    ascii_lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

/* The index of the entry named `name`, or -1.  Producers on Windows
 * do not always write names in the case they refer to them. */
static long
find(const cp__ofd_zip *z, const char *name)
{
	size_t i;

	if (name == NULL || name[0] == '\0')
		return -1;
	for (i = 0; i < z->count; i++)
		if (strcmp(z->names[i], name) == 0)
			return (long)i;
	for (i = 0; i < z->count; i++)
		if (same_nocase(z->names[i], name))
			return (long)i;
	return -1;
}

bool
cp__ofd_zip_has(const cp__ofd_zip *z, const char *name)
{
	return find(z, name) >= 0;
}

/* Streams entry `zf` into *out, at most `max` bytes.  0; 1 with `why`
 * when it cannot be read; 2 when it holds more than `max` bytes; -1. */
static int
stream(zip_file_t *zf, size_t max, char **out, size_t *out_len, char *why,
    size_t why_size)
{
	char *buf = NULL, *p;
	size_t len = 0, cap = 0;
	zip_int64_t n;

	for (;;) {
		if (cap - len < 4096 && cap < max + 2) {
			size_t want = cap == 0 ? 16384 : cap * 2;

			if (want > max + 2)
				want = max + 2; /* max, one past it, NUL */
			if ((p = realloc(buf, want)) == NULL) {
				free(buf);
				return -1;
			}
			buf = p;
			cap = want;
		}
		n = zip_fread(zf, buf + len, (zip_uint64_t)(cap - 1 - len));
		if (n < 0) {
			zip_error_t *ze = zip_file_get_error(zf);
			int rc = zip_error_code_zip(ze) == ZIP_ER_MEMORY ? -1 :
			    cp__ofd_because(why, why_size, "is damaged (%s)",
			    zip_error_strerror(ze));

			free(buf);
			return rc;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			free(buf);
			return 2;
		}
	}
	if (buf == NULL && (buf = malloc(1)) == NULL)
		return -1;
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return 0;
}

int
cp__ofd_zip_read(cp__ofd_zip *z, const char *name, size_t max, char **out,
    size_t *out_len, char *why, size_t why_size)
{
	size_t cap = max < z->left ? max : z->left;
	zip_file_t *zf;
	long i;
	int rc;

	*out = NULL;
	*out_len = 0;
	if ((i = find(z, name)) < 0)
		return cp__ofd_because(why, why_size, "is missing");
	if (cap == 0)
		return cp__ofd_because(why, why_size,
		    "was not read: the files read from this OFD already came "
		    "to %u MiB, all claimpack reads from one",
		    CP__OFD_READ_MAX >> 20);
	if ((zf = zip_fopen_index(z->za, (zip_uint64_t)i, 0)) == NULL) {
		zip_error_t *ze = zip_get_error(z->za);

		if (zip_error_code_zip(ze) == ZIP_ER_MEMORY)
			return -1;
		return cp__ofd_because(why, why_size, "cannot be read (%s)",
		    zip_error_strerror(ze));
	}
	rc = stream(zf, cap, out, out_len, why, why_size);
	zip_fclose(zf);
	if (rc == 0)
		z->left -= *out_len;
	else if (rc > 0)
		z->left -= cap; /* a failed read may have inflated that much */
	if (rc == 2 && cap < max)
		return cp__ofd_because(why, why_size,
		    "was not read whole: the files read from this OFD came to "
		    "%u MiB, all claimpack reads from one",
		    CP__OFD_READ_MAX >> 20);
	if (rc == 2)
		return cp__ofd_because(why, why_size, "is larger than %zu %s "
		    "uncompressed, more than claimpack reads from one file of "
		    "an OFD", max % (1u << 20) == 0 ? max >> 20 : max >> 10,
		    max % (1u << 20) == 0 ? "MiB" : "KiB");
	return rc;
}

int
cp__ofd_zip_read_xml(cp__ofd_zip *z, const char *path, xmlDoc **out,
    char *why, size_t why_size)
{
	char zwhy[200];
	const char *xwhy;
	size_t len;
	char *data;
	int rc;

	*out = NULL;
	rc = cp__ofd_zip_read(z, path, CP__OFD_XML_MAX, &data, &len, zwhy,
	    sizeof(zwhy));
	if (rc != 0)
		return rc < 0 ? -1 : cp__ofd_because(why, why_size,
		    "%s %s", path, zwhy);
	rc = cp__xml_parse(out, data, len, &xwhy);
	free(data);
	if (rc > 0)
		return cp__ofd_because(why, why_size, "%s %s", path, xwhy);
	return rc;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

int
cp__ofd_path_of(char *out, const char *base, const xmlNode *node)
{
	char *text, *s, *e;
	int rc;

	if (node == NULL)
		return 1;
	if ((text = cp__xml_text(node)) == NULL)
		return -1;
	for (s = text; is_blank(*s); s++)
		;
	for (e = s + strlen(s); e > s && is_blank(e[-1]); e--)
		;
	*e = '\0';
	rc = cp__ofd_resolve(out, base, s) == 0 ? 0 : 1;
	free(text);
	return rc;
}
