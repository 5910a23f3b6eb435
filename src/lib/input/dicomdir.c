/* dicomdir.c - the files a DICOMDIR (PS3.10 8.6, PS3.3 F.3) lists: the
 * Referenced File ID (0004,1500) of each record of its Directory Record
 * Sequence (0004,1220). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/dicom_int.h"
#include "util/fsio.h"

/* The largest DICOMDIR read: a record is some 200 bytes, and a CD holds
 * at most CP__IMAGING_MAX_FILES files. */
#define DICOMDIR_MAX (64u * 1024u * 1024u)
#define FILES_MAX 100000u

typedef struct {
	char **v;
	size_t n, cap;
} list;

/* Adds the file ID at `v` ("IMAGES\IM0001", maybe with padding) as
 * "IMAGES/IM0001".  Returns 0 or -1. */
static int
add_file(list *l, const unsigned char *v, size_t n)
{
	char id[CP__DICOM_TEXT_MAX], **grown, *s;
	size_t i;

	cp__dicom_ascii(id, sizeof(id), v, n);
	if (id[0] == '\0' || l->n >= FILES_MAX)
		return 0;
	for (i = 0; id[i] != '\0'; i++)
		if (id[i] == '\\')
			id[i] = '/';
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		if ((grown = realloc(l->v, l->cap * sizeof(*l->v))) == NULL)
			return -1;
		l->v = grown;
	}
	if ((s = strdup(id)) == NULL)
		return -1;
	l->v[l->n++] = s;
	return 0;
}

/* Reads the items of the record sequence `seq` (just read) for their
 * file IDs.  Returns 0, -1, or BAD with `why`. */
static int
read_records(cp__dicom_stream *s, const cp__dicom_elem *seq, list *l,
    char *why, size_t why_size)
{
	cp__dicom_elem item, e;
	uint64_t seq_end = seq->length == CP__DICOM_UNDEFINED ? UINT64_MAX :
	    (uint64_t)s->pos + seq->length, item_end;
	int rc;

	if (seq_end != UINT64_MAX && seq_end > s->len) {
		snprintf(why, why_size, "claims an element of %lu bytes in a "
		    "file of %llu", (unsigned long)seq->length,
		    (unsigned long long)s->size);
		return CP__DICOM_BAD;
	}
	while (s->pos < seq_end) {
		if ((rc = cp__dicom_next(s, &item, why, why_size)) != 0)
			return rc == CP__DICOM_END && seq_end == UINT64_MAX ?
			    0 : rc;
		if (item.group == 0xfffe && item.element == 0xe0dd)
			break;
		if (item.group != 0xfffe || item.element != 0xe000) {
			snprintf(why, why_size, "is a DICOMDIR with a damaged "
			    "record sequence");
			return CP__DICOM_BAD;
		}
		item_end = item.length == CP__DICOM_UNDEFINED ? UINT64_MAX :
		    (uint64_t)s->pos + item.length;
		if (item_end != UINT64_MAX && item_end > s->len) {
			snprintf(why, why_size, "is a DICOMDIR cut short");
			return CP__DICOM_BAD;
		}
		while (s->pos < item_end) {
			if ((rc = cp__dicom_next(s, &e, why, why_size)) != 0)
				return rc == CP__DICOM_END ? 0 : rc;
			if (e.group == 0xfffe && e.element == 0xe00d)
				break;
			if ((rc = cp__dicom_skip(s, &e, why, why_size)) != 0)
				return rc;
			if (e.group == 0x0004 && e.element == 0x1500 &&
			    e.length != CP__DICOM_UNDEFINED &&
			    add_file(l, s->p + e.value, e.length) != 0)
				return -1;
		}
	}
	return 0;
}

int
cp__dicomdir_files(char ***out, size_t *count, const char *path, char *why,
    size_t why_size)
{
	cp__dicom_file f;
	cp__dicom_elem e;
	list l = { NULL, 0, 0 };
	char *data = NULL;
	size_t len = 0, i;
	cp_error err;
	int rc;

	*out = NULL;
	*count = 0;
	memset(&f, 0, sizeof(f));
	if (why_size > 0)
		why[0] = '\0';
	rc = cp__file_read(&data, &len, path, DICOMDIR_MAX, "a DICOMDIR",
	    CP_EIO, &err);
	if (rc == CP_ENOMEM)
		return -1;
	if (rc != CP_OK) {
		snprintf(why, why_size, "cannot be read as a DICOMDIR");
		return 1;
	}
	rc = cp__dicom_file_open(&f, (const unsigned char *)data, len, len,
	    why, why_size);
	if (rc == 0 && !f.dicomdir) {
		snprintf(why, why_size, "is not a DICOMDIR");
		rc = CP__DICOM_BAD;
	}
	while (rc == 0) {
		rc = cp__dicom_next(&f.ds, &e, why, why_size);
		if (rc == CP__DICOM_END) {
			rc = 0;
			break;
		}
		if (rc != 0)
			break;
		if (e.group == 0x0004 && e.element == 0x1220) {
			rc = read_records(&f.ds, &e, &l, why, why_size);
			break;
		}
		if (e.group > 0x0004)
			break;
		rc = cp__dicom_skip(&f.ds, &e, why, why_size);
	}
	if (rc > 0) {
		if (why_size > 0 && why[0] == '\0')
			snprintf(why, why_size, "is a DICOMDIR cut short");
		rc = 1;
	}
	if (rc != 0)
		goto done;
	*out = l.v;
	*count = l.n;
	l.v = NULL;
	l.n = 0;
done:
	for (i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	cp__dicom_file_close(&f);
	free(data);
	return rc;
}
