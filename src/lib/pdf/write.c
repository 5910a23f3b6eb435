/* write.c - the bundle as a file: its /Info, its PDF version, writing it
 * with libqpdf, and the deterministic /ID. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/assemble_int.h"
#include "pdf/qpdf_error_int.h"
#include "util/error.h"

int
cp__asm_add_info(cp__asm_ctx *c)
{
	qpdf_data q = c->out;
	qpdf_oh info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));

	/* qpdf_set_info_key() would store UTF-8 bytes as PDFDocEncoding;
	 * text strings are built here instead.  No dates, so that the same
	 * inputs give the same bytes. */
	if (c->a->title != NULL)
		qpdf_oh_replace_key(q, info, "/Title",
		    qpdf_oh_new_unicode_string(q, c->a->title));
	if (c->a->subject != NULL)
		qpdf_oh_replace_key(q, info, "/Subject",
		    qpdf_oh_new_unicode_string(q, c->a->subject));
	qpdf_oh_replace_key(q, info, "/Creator",
	    qpdf_oh_new_unicode_string(q, "claimpack"));
	qpdf_oh_replace_key(q, info, "/Producer",
	    qpdf_oh_new_unicode_string(q, "claimpack " CP_VERSION));
	qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", info);
	return cp__qpdf_check(c->err, q, c->a->out_path,
	    "cannot set the document information");
}

/* Raises `*major.*minor` (and *ext) to `q`'s version: the output must
 * declare at least what any page copied into it uses. */
static void
max_version(qpdf_data q, int *major, int *minor, int *ext)
{
	const char *v;
	int ma = 0, mi = 0, e;

	if (q == NULL)
		return;
	v = qpdf_get_pdf_version(q);
	if (v == NULL || sscanf(v, "%d.%d", &ma, &mi) != 2 || ma < 1 ||
	    ma > 9 || mi < 0 || mi > 9)
		return;
	e = qpdf_get_pdf_extension_level(q);
	if (ma > *major || (ma == *major && mi > *minor)) {
		*major = ma;
		*minor = mi;
		*ext = e;
	} else if (ma == *major && mi == *minor && e > *ext) {
		*ext = e;
	}
}

/*
 * Overwrites both strings of the /ID [<...><...>] in the dictionary that
 * startxref points at (the xref stream's, or after it the trailer) with
 * `hex` (32 hex digits, as long as qpdf's), so no offset moves.  Returns
 * 0, or -1 when the file cannot be patched.
 */
static int
set_id(const char *path, const char *hex)
{
	char buf[4097], *at, *p;
	long size, start, from;
	size_t got;
	FILE *f;
	int i, rc = -1;

	if (strlen(hex) != 32 || (f = fopen(path, "r+b")) == NULL)
		return -1;
	/* "startxref\nOFFSET\n%%EOF" ends the file. */
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 64 ||
	    fseek(f, size - 64, SEEK_SET) != 0 ||
	    (got = fread(buf, 1, 64, f)) != 64)
		goto done;
	buf[64] = '\0';
	/* The bytes before it may be binary (a stream's end): no strstr. */
	for (p = NULL, i = 0; i + 9 <= 64; i++)
		if (memcmp(buf + i, "startxref", 9) == 0)
			p = buf + i;
	if (p == NULL || (start = strtol(p + 9, NULL, 10)) <= 0 ||
	    start >= size)
		goto done;
	for (from = start; from < size; from += 4096 - 64) {
		if (fseek(f, from, SEEK_SET) != 0 ||
		    (got = fread(buf, 1, 4096, f)) == 0)
			goto done;
		buf[got] = '\0';
		for (at = NULL, p = buf; (p = memchr(p, '/', got -
		    (size_t)(p - buf))) != NULL; p++)
			if (strncmp(p, "/ID [<", 6) == 0) {
				at = p + 5;
				break;
			}
		if (at != NULL)
			break;
		if (from + (long)got >= size || from - start > 1 << 20)
			goto done;
	}
	if (at == NULL)
		goto done;
	for (i = 0; i < 2; i++, at += 34) {
		if (at + 34 > buf + got || at[0] != '<' || at[33] != '>')
			goto done;
		if (fseek(f, from + (long)(at + 1 - buf), SEEK_SET) != 0 ||
		    fwrite(hex, 1, 32, f) != 32)
			goto done;
	}
	rc = 0;
done:
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

int
cp__asm_write(cp__asm_ctx *c)
{
	qpdf_data q = c->out;
	cp__asm_forgetter *forgetter;
	bool failed;
	/* 1.7 for /UF in file specifications. */
	int major = 1, minor = 7, ext = 0;
	char version[16];
	size_t i;

	max_version(c->gen.q, &major, &minor, &ext);
	for (i = 0; i < c->a->ninputs; i++)
		max_version(c->in[i].q, &major, &minor, &ext);
	snprintf(version, sizeof(version), "%d.%d", major, minor);

	if (qpdf_init_write(q, c->a->out_path) & QPDF_ERRORS)
		return cp__qpdf_fail(c->err, q, c->a->out_path,
		    "cannot create the bundle");
	/* The deterministic /ID costs an MD5 over the whole output (a fifth
	 * of a large build); a caller who knows what makes the file unique
	 * gives that instead, written over qpdf's fixed ID below. */
	if (c->a->id_hex != NULL)
		qpdf_set_static_ID(q, QPDF_TRUE);
	else
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_set_minimum_pdf_version_and_extension(q, version, ext);
	if (qpdf_has_error(q))
		return cp__qpdf_fail(c->err, q, c->a->out_path,
		    "cannot set up the writer");
	/* Copied stream data is read from the sources now, and let go
	 * of as it is written (forget.c). */
	forgetter = cp__asm_forgetter_start(c);
	failed = (qpdf_write(q) & QPDF_ERRORS) != 0;
	cp__asm_forgetter_stop(forgetter);
	cp__asm_forget_input_pages(c);
	if (failed)
		return cp__qpdf_fail(c->err, q, c->a->out_path,
		    "cannot write the bundle");
	if (c->a->id_hex != NULL && set_id(c->a->out_path, c->a->id_hex) != 0)
		return cp__error_set(c->err, CP_EIO, c->a->out_path, 0, 0,
		    "cannot write the bundle's /ID");
	return CP_OK;
}
