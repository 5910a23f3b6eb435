/*
 * support.h - fixtures shared by the unit test programs.
 *
 * The Makefile builds each tests/test_*.c as a program of its own, linked
 * with the library, so the helpers live here as static functions that
 * every test program includes (after <cmocka.h>).  A test gets a fresh
 * temporary folder from ts_setup() (its state is a ts_fixture), writes
 * the files and the manifest it needs into it, and ts_teardown() frees
 * whatever the fixture holds and removes the folder.
 */
#ifndef CP_TEST_SUPPORT_H
#define CP_TEST_SUPPORT_H

#include <errno.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimpack.h"

#define TS_UNUSED __attribute__((unused))

typedef struct {
	char dir[512];          /* the test's temporary folder */
	char path[1024];        /* scratch space for ts_path() */
	char manifest[1024];    /* where ts_load() writes the manifest */
	cp_claim *claim;
	cp_template *tpl;
	cp_report *report;
	cp_error err;
} ts_fixture;

/* ---- hostile XML ------------------------------------------------------ */

/* The head of an XML document whose entity lol9 is a billion "lol"s
 * when expanded (nine levels of ten): an entity bomb. */
#define TS_LAUGHS \
	"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n" \
	"<!ENTITY lol \"lol\">\n" \
	"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n" \
	"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n" \
	"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n" \
	"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n" \
	"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n" \
	"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n" \
	"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n" \
	"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n" \
	"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n" \
	"]>\n"

/* ---- the temporary folder -------------------------------------------- */

/* Removes `path` and, for a folder, everything in it; symbolic links
 * are removed, never followed. */
static TS_UNUSED void
ts_rmtree(const char *path)
{
	struct dirent *de;
	struct stat st;
	char child[2048];
	DIR *d;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		/* A test may have taken the rights away: give them back. */
		chmod(path, 0700);
		if ((d = opendir(path)) != NULL) {
			while ((de = readdir(d)) != NULL) {
				if (strcmp(de->d_name, ".") == 0 ||
				    strcmp(de->d_name, "..") == 0)
					continue;
				snprintf(child, sizeof(child), "%s/%s", path,
				    de->d_name);
				ts_rmtree(child);
			}
			closedir(d);
		}
		if (rmdir(path) != 0)
			fprintf(stderr, "support.h: cannot remove %s: %s\n",
			    path, strerror(errno));
	} else if (unlink(path) != 0) {
		fprintf(stderr, "support.h: cannot remove %s: %s\n", path,
		    strerror(errno));
	}
}

static TS_UNUSED int
ts_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	ts_fixture *fx;

	if ((fx = calloc(1, sizeof(*fx))) == NULL)
		return -1;
	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	snprintf(fx->dir, sizeof(fx->dir), "%s/claimpack-test.XXXXXX", tmp);
	if (mkdtemp(fx->dir) == NULL) {
		fprintf(stderr, "support.h: mkdtemp %s: %s\n", fx->dir,
		    strerror(errno));
		free(fx);
		return -1;
	}
	snprintf(fx->manifest, sizeof(fx->manifest), "%s/claim.yaml",
	    fx->dir);
	*state = fx;
	return 0;
}

static TS_UNUSED int
ts_teardown(void **state)
{
	ts_fixture *fx = *state;

	if (fx == NULL)
		return 0;
	cp_report_free(fx->report);
	cp_template_free(fx->tpl);
	cp_claim_free(fx->claim);
	ts_rmtree(fx->dir);
	free(fx);
	*state = NULL;
	return 0;
}

/* "DIR/name" in fx->path, valid until the next call. */
static TS_UNUSED const char *
ts_path(ts_fixture *fx, const char *name)
{
	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, name);
	return fx->path;
}

/* ---- writing files --------------------------------------------------- */

static TS_UNUSED void
ts_write_bytes(const char *dir, const char *name, const void *data,
    size_t len)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		fail_msg("cannot create %s: %s", path, strerror(errno));
	if (len > 0 && fwrite(data, 1, len, f) != len)
		fail_msg("cannot write %s", path);
	if (fclose(f) != 0)
		fail_msg("cannot close %s", path);
}

static TS_UNUSED void
ts_write_text(const char *dir, const char *name, const char *text)
{
	ts_write_bytes(dir, name, text, strlen(text));
}

static TS_UNUSED void
ts_mkdir(const char *dir, const char *name)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (mkdir(path, 0700) != 0)
		fail_msg("cannot create folder %s: %s", path, strerror(errno));
}

/*
 * Writes a minimal one-page PDF into buf (at least 1024 bytes) and
 * returns its length.  The cross-reference table holds the real byte
 * offset of each object, plus `xref_shift` (0 for a valid file; another
 * value makes libqpdf repair the file while reading it).
 */
static TS_UNUSED size_t
ts_pdf_bytes(char *buf, size_t size, long xref_shift)
{
	static const char content[] =
	    "BT /F1 24 Tf 72 720 Td (claimpack test page) Tj ET\n";
	long off[6];
	size_t len = 0;
	int i;

#define TS_PUT(...) \
	(len += (size_t)snprintf(len < size ? buf + len : NULL, \
	    len < size ? size - len : 0, __VA_ARGS__))
	TS_PUT("%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
	off[1] = (long)len;
	TS_PUT("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = (long)len;
	TS_PUT("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	off[3] = (long)len;
	TS_PUT("3 0 obj\n<< /Type /Page /Parent 2 0 R "
	    "/MediaBox [0 0 595 842] /Contents 4 0 R "
	    "/Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n");
	off[4] = (long)len;
	TS_PUT("4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n",
	    sizeof(content) - 1, content);
	off[5] = (long)len;
	TS_PUT("5 0 obj\n<< /Type /Font /Subtype /Type1 "
	    "/BaseFont /Helvetica >>\nendobj\n");
	off[0] = (long)len;     /* where the xref table starts */
	TS_PUT("xref\n0 6\n0000000000 65535 f \n");
	for (i = 1; i <= 5; i++)
		TS_PUT("%010ld 00000 n \n", off[i] + xref_shift);
	TS_PUT("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n",
	    off[0]);
#undef TS_PUT
	if (len >= size)
		fail_msg("PDF buffer too small");
	return len;
}

/* A valid one-page PDF (`qpdf --check` passes on it). */
static TS_UNUSED void
ts_write_pdf(const char *dir, const char *name)
{
	char buf[2048];

	ts_write_bytes(dir, name, buf, ts_pdf_bytes(buf, sizeof(buf), 0));
}

/*
 * Writes a one-page PDF whose catalog also holds `catalog_extra` (e.g.
 * "/AcroForm << /Fields [6 0 R] >>", or "") and whose objects 6, 7 ...
 * are the `n` strings of `objects` (dictionaries, or a dictionary and
 * its stream), with a true cross-reference table.
 */
static TS_UNUSED void
ts_write_pdf_with(const char *dir, const char *name, const char *catalog_extra,
    const char *const *objects, size_t n)
{
	static const char head[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
	static const char content[] = "BT /F1 24 Tf 72 720 Td (form) Tj ET\n";
	char path[1024];
	long *off;
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((off = calloc(n + 6, sizeof(*off))) == NULL ||
	    (f = fopen(path, "wb")) == NULL)
		fail_msg("cannot create %s", path);
	fputs(head, f);
	off[1] = ftell(f);
	fprintf(f, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R %s >>\nendobj\n",
	    catalog_extra);
	off[2] = ftell(f);
	fprintf(f, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
	    "endobj\n");
	off[3] = ftell(f);
	fprintf(f, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox "
	    "[0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R "
	    ">> >> >>\nendobj\n");
	off[4] = ftell(f);
	fprintf(f, "4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\n"
	    "endobj\n", sizeof(content) - 1, content);
	off[5] = ftell(f);
	fprintf(f, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont "
	    "/Helvetica >>\nendobj\n");
	for (i = 0; i < n; i++) {
		off[6 + i] = ftell(f);
		fprintf(f, "%zu 0 obj\n%s\nendobj\n", 6 + i, objects[i]);
	}
	off[0] = ftell(f);
	fprintf(f, "xref\n0 %zu\n0000000000 65535 f \n", n + 6);
	for (i = 1; i < n + 6; i++)
		fprintf(f, "%010ld 00000 n \n", off[i]);
	fprintf(f, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%ld\n"
	    "%%%%EOF\n", n + 6, off[0]);
	if (fclose(f) != 0)
		fail_msg("cannot write %s", path);
	free(off);
}

/* A PDF with a signed signature field, as e-invoice platforms sign
 * theirs (the signature itself is not a valid one). */
static TS_UNUSED void
ts_write_signed_pdf(const char *dir, const char *name)
{
	static const char *const objects[] = {
		"<< /FT /Sig /T (Signature1) /Type /Annot /Subtype /Widget "
		"/Rect [0 0 0 0] /V 7 0 R >>",
		"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter "
		"/adbe.pkcs7.detached /ByteRange [0 100 200 300] "
		"/Contents <0000> >>",
	};

	ts_write_pdf_with(dir, name, "/AcroForm << /Fields [6 0 R] "
	    "/SigFlags 3 >>", objects, 2);
}

/* A whole 8 x 8 baseline JPEG (made with pdftoppm): complete, so the
 * image checks pass. */
static TS_UNUSED void
ts_write_jpeg(const char *dir, const char *name)
{
	static const unsigned char jpeg[] = {
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
		0x01, 0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
		0x00, 0x03, 0x02, 0x02, 0x03, 0x02, 0x02, 0x03, 0x03, 0x03, 0x03, 0x04,
		0x03, 0x03, 0x04, 0x05, 0x08, 0x05, 0x05, 0x04, 0x04, 0x05, 0x0a, 0x07,
		0x07, 0x06, 0x08, 0x0c, 0x0a, 0x0c, 0x0c, 0x0b, 0x0a, 0x0b, 0x0b, 0x0d,
		0x0e, 0x12, 0x10, 0x0d, 0x0e, 0x11, 0x0e, 0x0b, 0x0b, 0x10, 0x16, 0x10,
		0x11, 0x13, 0x14, 0x15, 0x15, 0x15, 0x0c, 0x0f, 0x17, 0x18, 0x16, 0x14,
		0x18, 0x12, 0x14, 0x15, 0x14, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x03, 0x04,
		0x04, 0x05, 0x04, 0x05, 0x09, 0x05, 0x05, 0x09, 0x14, 0x0d, 0x0b, 0x0d,
		0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
		0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
		0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
		0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
		0x14, 0x14, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x08, 0x03,
		0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
		0x1f, 0x00, 0x00, 0x01, 0x05, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
		0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x10, 0x00,
		0x02, 0x01, 0x03, 0x03, 0x02, 0x04, 0x03, 0x05, 0x05, 0x04, 0x04, 0x00,
		0x00, 0x01, 0x7d, 0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21,
		0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81,
		0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24,
		0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25,
		0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
		0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56,
		0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a,
		0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86,
		0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
		0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3,
		0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
		0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9,
		0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1,
		0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xc4, 0x00,
		0x1f, 0x01, 0x00, 0x03, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
		0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x11, 0x00,
		0x02, 0x01, 0x02, 0x04, 0x04, 0x03, 0x04, 0x07, 0x05, 0x04, 0x04, 0x00,
		0x01, 0x02, 0x77, 0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31,
		0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08,
		0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15,
		0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18,
		0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39,
		0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55,
		0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
		0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84,
		0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
		0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa,
		0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4,
		0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7,
		0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
		0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xda, 0x00,
		0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0xe2,
		0xfe, 0x15, 0x7f, 0xc1, 0x2a, 0x74, 0x9f, 0xf8, 0x47, 0xae, 0x3f, 0xe1,
		0x65, 0x78, 0x86, 0xf7, 0xfb, 0x77, 0xed, 0x4d, 0xe4, 0xff, 0x00, 0xc2,
		0x29, 0x7a, 0x9f, 0x65, 0xfb, 0x3e, 0xc4, 0xdb, 0xbb, 0xcf, 0xb5, 0xdd,
		0xe6, 0x6f, 0xf3, 0x33, 0x8e, 0x31, 0xb7, 0xbe, 0x68, 0xa2, 0x8a, 0x00,
		0xff, 0xd9,
	};

	ts_write_bytes(dir, name, jpeg, sizeof(jpeg));
}

/* A whole 2 x 2 RGBA PNG with correct checksums (tests/e2e/mkpng.c). */
static TS_UNUSED void
ts_write_png(const char *dir, const char *name)
{
	static const unsigned char png[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
		0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
		0x08, 0x06, 0x00, 0x00, 0x00, 0x72, 0xb6, 0x0d, 0x24, 0x00, 0x00, 0x00,
		0x1d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x01, 0x01, 0x12, 0x00, 0xed, 0xff,
		0x00, 0xff, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x00,
		0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x2b, 0xe6, 0x03, 0xfd, 0x6b, 0x17,
		0x54, 0x8c, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
		0x60, 0x82,
	};

	ts_write_bytes(dir, name, png, sizeof(png));
}

/* ---- a complete, quiet claim ----------------------------------------- */

/*
 * The parts of a manifest that most check tests share: one inpatient
 * stay from 2026-10-01 to 2026-10-09, the claim prepared on 2026-11-01,
 * and every paper the reimbursement template requires or recommends
 * (ts_write_standard_files() writes their files).  Checked with the
 * reimbursement template, it gives no finding at all.
 */
#define TS_HEAD \
	"claimpack: 1\n" \
	"claim:\n" \
	"  prepared: 2026-11-01\n" \
	"patient:\n" \
	"  name: \"SMITH, John Alexander\"\n" \
	"  passport: E12345678\n" \
	"  birth_date: 1980-05-17\n"

#define TS_STAY \
	"episodes:\n" \
	"  - id: stay\n" \
	"    kind: inpatient\n" \
	"    hospital: Peking Union Medical College Hospital\n" \
	"    start: 2026-10-01\n" \
	"    end: 2026-10-09\n"

/* The documents of TS_STAY other than the fapiao and the expense list. */
#define TS_RECORDS \
	"  - id: ds\n" \
	"    type: discharge_summary\n" \
	"    files: ds.pdf\n" \
	"    date: 2026-10-09\n" \
	"    name: SMITH JOHN ALEXANDER\n" \
	"  - id: lab\n" \
	"    type: lab_report\n" \
	"    files: [lab.jpg]\n" \
	"    date: 2026-10-02\n" \
	"    name: John Alexander Smith\n" \
	"  - id: img\n" \
	"    type: imaging_report\n" \
	"    files: [img.png]\n" \
	"    date: 2026-10-03\n" \
	"    name: SMITH, John Alexander\n" \
	"  - id: ct\n" \
	"    type: imaging_files\n" \
	"    files: [ct]\n"

#define TS_MONEY \
	"  - id: exp\n" \
	"    type: expense_list\n" \
	"    files: exp.pdf\n" \
	"    date: 2026-10-09\n" \
	"    name: SMITH JOHN ALEXANDER\n" \
	"    amount: 12850.40\n" \
	"  - id: fp\n" \
	"    type: fapiao\n" \
	"    files: fp.pdf\n" \
	"    date: 2026-10-09\n" \
	"    name: SMITH JOHN ALEXANDER\n" \
	"    amount: 12850.40\n" \
	"    invoice:\n" \
	"      kind: vat\n" \
	"      code: \"044001500111\"\n" \
	"      number: \"81966722\"\n" \
	"      check_code: \"17884534745749991611\"\n"

#define TS_COMPLETE TS_HEAD TS_STAY "documents:\n" TS_RECORDS TS_MONEY

/* Writes the files TS_RECORDS and TS_MONEY list, and x.pdf, y.pdf. */
static TS_UNUSED void
ts_write_standard_files(const ts_fixture *fx)
{
	ts_write_pdf(fx->dir, "ds.pdf");
	ts_write_pdf(fx->dir, "exp.pdf");
	ts_write_pdf(fx->dir, "fp.pdf");
	ts_write_pdf(fx->dir, "x.pdf");
	ts_write_pdf(fx->dir, "y.pdf");
	ts_write_jpeg(fx->dir, "lab.jpg");
	ts_write_png(fx->dir, "img.png");
	ts_mkdir(fx->dir, "ct");
	ts_write_text(fx->dir, "ct/IM0001", "not really DICOM\n");
}

/* ---- loading and checking -------------------------------------------- */

/*
 * Writes `text` as DIR/claim.yaml and loads it into fx->claim (freeing a
 * claim loaded before).  Returns cp_claim_load's status; fx->err has the
 * reason.
 */
static TS_UNUSED int
ts_load(ts_fixture *fx, const char *text)
{
	cp_claim_free(fx->claim);
	fx->claim = NULL;
	memset(&fx->err, 0, sizeof(fx->err));
	ts_write_text(fx->dir, "claim.yaml", text);
	return cp_claim_load(&fx->claim, fx->manifest, &fx->err);
}

/* Fails the test with the formatted error unless `rc` is CP_OK. */
static TS_UNUSED void
ts_assert_ok(int rc, const cp_error *err)
{
	char buf[2200];

	if (rc != CP_OK)
		fail_msg("status %d: %s", rc, cp_error_format(err, buf,
		    sizeof(buf)));
}

/*
 * Loads the manifest `text` (which must be valid), loads the template
 * `tpl_name` (NULL: the one the claim asks for) and runs every check.
 * Returns the report, which the fixture frees.
 */
static TS_UNUSED const cp_report *
ts_check(ts_fixture *fx, const char *text, const char *tpl_name)
{
	int rc;

	ts_assert_ok(ts_load(fx, text), &fx->err);
	cp_template_free(fx->tpl);
	fx->tpl = NULL;
	rc = tpl_name != NULL ? cp_template_load(&fx->tpl, tpl_name, &fx->err) :
	    cp_template_load_for_claim(&fx->tpl, fx->claim, NULL, &fx->err);
	ts_assert_ok(rc, &fx->err);
	cp_report_free(fx->report);
	fx->report = NULL;
	ts_assert_ok(cp_check_run(&fx->report, fx->claim, fx->tpl, &fx->err),
	    &fx->err);
	assert_non_null(fx->report);
	return fx->report;
}

/* As ts_check() with the manifest given as a printf format. */
static TS_UNUSED const cp_report *
ts_vcheckf(ts_fixture *fx, const char *tpl_name, const char *fmt, va_list ap)
{
	const cp_report *report;
	va_list ap2;
	char *text;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	assert_true(n >= 0);
	text = malloc((size_t)n + 1);
	assert_non_null(text);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	report = ts_check(fx, text, tpl_name);
	free(text);
	return report;
}

static TS_UNUSED const cp_report *
ts_check_tplf(ts_fixture *fx, const char *tpl_name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static TS_UNUSED const cp_report *
ts_check_tplf(ts_fixture *fx, const char *tpl_name, const char *fmt, ...)
{
	const cp_report *report;
	va_list ap;

	va_start(ap, fmt);
	report = ts_vcheckf(fx, tpl_name, fmt, ap);
	va_end(ap);
	return report;
}

/* ts_check_tplf() with the reimbursement template. */
static TS_UNUSED const cp_report *
ts_checkf(ts_fixture *fx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static TS_UNUSED const cp_report *
ts_checkf(ts_fixture *fx, const char *fmt, ...)
{
	const cp_report *report;
	va_list ap;

	va_start(ap, fmt);
	report = ts_vcheckf(fx, "reimbursement", fmt, ap);
	va_end(ap);
	return report;
}

/* The first finding of `check` (for document `doc`, unless NULL). */
static TS_UNUSED const cp_finding *
ts_find(const cp_report *report, const char *check, const char *doc)
{
	const cp_finding *f;
	size_t i;

	for (i = 0; (f = cp_report_at(report, i)) != NULL; i++)
		if (strcmp(f->check, check) == 0 &&
		    (doc == NULL || strcmp(f->document, doc) == 0))
			return f;
	return NULL;
}

/* Number of findings of `check` (for document `doc`, unless NULL). */
static TS_UNUSED size_t
ts_count(const cp_report *report, const char *check, const char *doc)
{
	const cp_finding *f;
	size_t i, n = 0;

	for (i = 0; (f = cp_report_at(report, i)) != NULL; i++)
		if (strcmp(f->check, check) == 0 &&
		    (doc == NULL || strcmp(f->document, doc) == 0))
			n++;
	return n;
}

/* Prints every finding, to explain a failed assertion. */
static TS_UNUSED void
ts_print_report(const cp_report *report)
{
	const cp_finding *f;
	size_t i;

	for (i = 0; (f = cp_report_at(report, i)) != NULL; i++)
		print_message("  %s %s [%s] %s: %s\n",
		    cp_severity_name(f->severity), f->check, f->document,
		    f->file, f->message);
}

/* The finding of `check` for `doc`, which must be there. */
static TS_UNUSED const cp_finding *
ts_expect(const cp_report *report, const char *check, const char *doc)
{
	const cp_finding *f = ts_find(report, check, doc);

	if (f == NULL) {
		ts_print_report(report);
		fail_msg("no %s finding for %s", check, doc ? doc : "any id");
	}
	return f;
}

/* Fails when the report has any finding of `check`. */
static TS_UNUSED void
ts_expect_none(const cp_report *report, const char *check)
{
	const cp_finding *f = ts_find(report, check, NULL);

	if (f != NULL)
		fail_msg("unexpected %s finding for %s: %s", check, f->document,
		    f->message);
}

/* Fails when the report has any finding at all. */
static TS_UNUSED void
ts_expect_clean(const cp_report *report)
{
	if (cp_report_count(report) != 0) {
		ts_print_report(report);
		fail_msg("%zu unexpected findings", cp_report_count(report));
	}
}

/* Fails unless `haystack` contains `needle`. */
#define ts_assert_contains(haystack, needle) \
	ts_assert_contains_at((haystack), (needle), __FILE__, __LINE__)

static TS_UNUSED void
ts_assert_contains_at(const char *haystack, const char *needle,
    const char *file, int line)
{
	if (haystack == NULL || strstr(haystack, needle) == NULL)
		fail_msg("%s:%d: \"%s\" does not contain \"%s\"", file, line,
		    haystack ? haystack : "(null)", needle);
}

/* The test's name with the ts_setup/ts_teardown fixture. */
#define TS_TEST(f) cmocka_unit_test_setup_teardown(f, ts_setup, ts_teardown)

#endif
