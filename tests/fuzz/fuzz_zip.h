/*
 * fuzz_zip.h - an OFD package made of a fuzz input, for the targets that
 * read OFDs (fuzz_ofd, fuzz_ofd_doc).
 *
 * Byte mutations of a real ZIP rarely get past libzip's CRC check, so
 * the input is made into a valid ZIP here (stored entries, right CRCs),
 * to put the XML and the images inside in front of the readers:
 *
 *     NAME "\n" CONTENT [ "\n@@@@\n" NAME "\n" CONTENT ... ]
 */
#ifndef CP_FUZZ_ZIP_H
#define CP_FUZZ_ZIP_H

#include <zip.h>

#include "fuzz.h"

#define FZ_SEP "\n@@@@\n"
#define FZ_MAX_ENTRIES 64

/* Adds the entry NAME "\n" CONTENT of [p, end) to za. */
static inline void
fz_add_entry(zip_t *za, const uint8_t *p, const uint8_t *end)
{
	const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
	char name[256];
	zip_source_t *src;
	zip_int64_t i;
	size_t n;

	if (nl == NULL)
		return;
	n = (size_t)(nl - p) < sizeof(name) - 1 ? (size_t)(nl - p) :
	    sizeof(name) - 1;
	memcpy(name, p, n);
	name[n] = '\0';
	if (name[0] == '\0' || memchr(name, '\0', n) != NULL)
		return;
	nl++;
	if ((src = zip_source_buffer(za, nl, (zip_uint64_t)(end - nl), 0)) ==
	    NULL)
		return;
	if ((i = zip_file_add(za, name, src, ZIP_FL_ENC_RAW)) < 0) {
		zip_source_free(src);   /* a name given twice */
		return;
	}
	zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* The input made into a ZIP in a new buffer (*out, caller frees), or
 * NULL when libzip could not write it. */
static inline uint8_t *
fz_make_zip(const uint8_t *data, size_t size, size_t *out_len)
{
	const uint8_t *p = data, *end = data + size, *sep;
	zip_source_t *buf;
	zip_stat_t st;
	zip_error_t ze;
	uint8_t *out = NULL;
	zip_t *za;
	int n = 0;

	zip_error_init(&ze);
	if ((buf = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return NULL;
	zip_source_keep(buf);
	if ((za = zip_open_from_source(buf, ZIP_TRUNCATE, &ze)) == NULL)
		goto done;
	while (p < end && n++ < FZ_MAX_ENTRIES) {
		sep = NULL;
		for (const uint8_t *q = p; q + sizeof(FZ_SEP) - 1 <= end; q++)
			if (memcmp(q, FZ_SEP, sizeof(FZ_SEP) - 1) == 0) {
				sep = q;
				break;
			}
		fz_add_entry(za, p, sep != NULL ? sep : end);
		p = sep != NULL ? sep + sizeof(FZ_SEP) - 1 : end;
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		goto done;
	}
	if (zip_source_stat(buf, &st) != 0 || zip_source_open(buf) != 0)
		goto done;
	if ((out = malloc(st.size > 0 ? st.size : 1)) != NULL &&
	    zip_source_read(buf, out, st.size) != (zip_int64_t)st.size) {
		free(out);
		out = NULL;
	}
	zip_source_close(buf);
	*out_len = st.size;
done:
	zip_source_free(buf);
	zip_error_fini(&ze);
	return out;
}

/* Calls fn with the package the input is: an input that starts with
 * "PK" as it is (damaged ZIP directories, entries, sizes and names),
 * any other made into a ZIP by fz_make_zip.  Inputs over FZ_MAX_INPUT
 * are skipped. */
static inline void
fz_on_package(const uint8_t *data, size_t size,
    void (*fn)(const uint8_t *data, size_t size))
{
	uint8_t *zip;
	size_t len = 0;

	if (size > FZ_MAX_INPUT)
		return;
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		fn(data, size);
		return;
	}
	if ((zip = fz_make_zip(data, size, &len)) != NULL) {
		fn(zip, len);
		free(zip);
	}
}

#endif
