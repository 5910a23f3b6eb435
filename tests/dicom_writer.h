/*
 * dicom_writer.h - a small DICOM (PS3.10) writer for the tests: the unit
 * tests include it, and tests/e2e/mkdicom.c wraps it as a command.
 *
 * It writes what real scanners write, honest to the standard: the
 * preamble and "DICM", the meta group in explicit VR little endian with
 * its group length, then the data set in the transfer syntax asked for
 * (implicit or explicit VR little endian, explicit big endian, deflated,
 * or JPEG baseline with encapsulated pixel data), elements in ascending
 * order, every value of even length (UI padded with NUL, text with
 * spaces, OB with 0).  It can also write the damage the reader must
 * survive: no preamble, no meta group, a cut, an element claiming more
 * than the file holds, deep nested sequences.  Needs zlib.
 */
#ifndef CP_TEST_DICOM_WRITER_H
#define CP_TEST_DICOM_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define DW_UNUSED __attribute__((unused))

enum { DW_IVRLE, DW_EVRLE, DW_EVRBE, DW_DEFLATE, DW_JPEG };

typedef struct {
	int ts;                 /* DW_* */
	const char *charset;    /* (0008,0005) as written, "\\"-joined;
	                           NULL: none */
	const char *name;       /* (0010,0010) raw bytes; NULL: none */
	size_t name_len;        /* 0: strlen(name) */
	const char *id, *birth, *sex, *date, *modality, *institution,
	    *description, *study, *series, *sop, *frames;
	bool no_preamble;       /* no 128 bytes and no "DICM" */
	bool no_meta;           /* no meta group either (old files) */
	bool undefined_seq;     /* a sequence of undefined length, with
	                           items of undefined length, before the
	                           name */
	int nest;               /* sequences nested this deep (0: none) */
	uint32_t claim;         /* a private OB claiming this many bytes
	                           (0: none), before the name */
	uint32_t pixel_claim;   /* Pixel Data claims this length (0: its
	                           real one) */
	size_t pixels;          /* bytes of pixel data (0: 64) */
	size_t truncate;        /* keep only this many bytes (0: all) */
} dw_options;

typedef struct {
	unsigned char *b;
	size_t len, cap;
	bool big, explicit_vr;
} dw_buf;

static DW_UNUSED void
dw_put(dw_buf *w, const void *p, size_t n)
{
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 1024;

		while (cap < w->len + n)
			cap *= 2;
		if ((w->b = realloc(w->b, cap)) == NULL) {
			fprintf(stderr, "dicom_writer: out of memory\n");
			exit(2);
		}
		w->cap = cap;
	}
	if (n > 0)
		memcpy(w->b + w->len, p, n);
	w->len += n;
}

static DW_UNUSED void
dw_u16(dw_buf *w, unsigned v)
{
	unsigned char b[2];

	if (w->big) {
		b[0] = (unsigned char)(v >> 8);
		b[1] = (unsigned char)v;
	} else {
		b[0] = (unsigned char)v;
		b[1] = (unsigned char)(v >> 8);
	}
	dw_put(w, b, 2);
}

static DW_UNUSED void
dw_u32(dw_buf *w, uint32_t v)
{
	unsigned char b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[w->big ? 3 - i : i] = (unsigned char)(v >> (8 * i));
	dw_put(w, b, 4);
}

static DW_UNUSED bool
dw_vr_long(const char *vr)
{
	return strstr("OB OD OF OL OV OW SQ SV UC UN UR UT UV", vr) != NULL;
}

/* The header of an element: tag, VR (explicit), length. */
static DW_UNUSED void
dw_head(dw_buf *w, unsigned group, unsigned elem, const char *vr,
    uint32_t len)
{
	dw_u16(w, group);
	dw_u16(w, elem);
	if (group == 0xfffe || !w->explicit_vr) {
		dw_u32(w, len);
		return;
	}
	dw_put(w, vr, 2);
	if (dw_vr_long(vr)) {
		dw_u16(w, 0);
		dw_u32(w, len);
	} else {
		dw_u16(w, len);
	}
}

/* An element with its value padded to an even length. */
static DW_UNUSED void
dw_elem(dw_buf *w, unsigned group, unsigned elem, const char *vr,
    const void *v, size_t n)
{
	char pad = strcmp(vr, "UI") == 0 || vr[0] == 'O' ? '\0' : ' ';

	dw_head(w, group, elem, vr, (uint32_t)(n + (n & 1)));
	dw_put(w, v, n);
	if (n & 1)
		dw_put(w, &pad, 1);
}

static DW_UNUSED void
dw_str(dw_buf *w, unsigned group, unsigned elem, const char *vr,
    const char *s)
{
	if (s != NULL)
		dw_elem(w, group, elem, vr, s, strlen(s));
}

/* Sequences nested `depth` deep, each of undefined length with one item
 * of undefined length. */
static DW_UNUSED void
dw_nested(dw_buf *w, int depth)
{
	if (depth <= 0) {
		dw_str(w, 0x0008, 0x1150, "UI", "1.2.840.10008.3.1.2.3.1");
		return;
	}
	dw_head(w, 0x0008, 0x1110, "SQ", 0xffffffffu);
	dw_head(w, 0xfffe, 0xe000, "", 0xffffffffu);
	dw_nested(w, depth - 1);
	dw_head(w, 0xfffe, 0xe00d, "", 0);
	dw_head(w, 0xfffe, 0xe0dd, "", 0);
}

static DW_UNUSED const char *
dw_ts_uid(int ts)
{
	switch (ts) {
	case DW_IVRLE: return "1.2.840.10008.1.2";
	case DW_EVRBE: return "1.2.840.10008.1.2.2";
	case DW_DEFLATE: return "1.2.840.10008.1.2.1.99";
	case DW_JPEG: return "1.2.840.10008.1.2.4.50";
	default: return "1.2.840.10008.1.2.1";
	}
}

/* The meta group, with its group length, SOP class `sop_class`. */
static DW_UNUSED void
dw_meta(dw_buf *out, const char *sop_class, const char *sop,
    const char *ts_uid)
{
	dw_buf m = { NULL, 0, 0, false, true };
	static const unsigned char version[2] = { 0, 1 };

	dw_elem(&m, 0x0002, 0x0001, "OB", version, 2);
	dw_str(&m, 0x0002, 0x0002, "UI", sop_class);
	dw_str(&m, 0x0002, 0x0003, "UI", sop);
	dw_str(&m, 0x0002, 0x0010, "UI", ts_uid);
	dw_str(&m, 0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.10.1");
	dw_str(&m, 0x0002, 0x0013, "SH", "CLAIMPACK_TEST");
	out->big = false;
	out->explicit_vr = true;
	dw_head(out, 0x0002, 0x0000, "UL", 4);
	dw_u32(out, (uint32_t)m.len);
	dw_put(out, m.b, m.len);
	free(m.b);
}

/* Raw deflate (no zlib header), as PS3.5 A.5 asks. */
static DW_UNUSED void
dw_deflate(dw_buf *out, const unsigned char *p, size_t n)
{
	z_stream z;
	unsigned char chunk[4096];
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		exit(2);
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		dw_put(out, chunk, sizeof(chunk) - z.avail_out);
	} while (rc == Z_OK);
	deflateEnd(&z);
}

/* The file `o` describes, as a new buffer (free w.b). */
static DW_UNUSED dw_buf
dw_make(const dw_options *o)
{
	dw_buf out = { NULL, 0, 0, false, true };
	dw_buf ds = { NULL, 0, 0, o->ts == DW_EVRBE, o->ts != DW_IVRLE };
	const char *sop = o->sop ? o->sop : "1.2.826.0.1.3680043.10.1.3";
	const char *ct = "1.2.840.10008.5.1.4.1.1.2";
	size_t npix = o->pixels ? o->pixels : 64, i;
	unsigned char zero[256] = { 0 };

	if (!o->no_preamble) {
		unsigned char pre[128] = { 0 };

		dw_put(&out, pre, sizeof(pre));
		dw_put(&out, "DICM", 4);
	}
	if (!o->no_meta)
		dw_meta(&out, ct, sop, dw_ts_uid(o->ts));
	dw_str(&ds, 0x0008, 0x0005, "CS", o->charset);
	dw_str(&ds, 0x0008, 0x0016, "UI", ct);
	dw_str(&ds, 0x0008, 0x0018, "UI", sop);
	dw_str(&ds, 0x0008, 0x0020, "DA", o->date);
	dw_str(&ds, 0x0008, 0x0060, "CS", o->modality);
	dw_str(&ds, 0x0008, 0x0080, "LO", o->institution);
	dw_str(&ds, 0x0008, 0x1030, "LO", o->description);
	if (o->nest > 0)
		dw_nested(&ds, o->nest);
	if (o->undefined_seq) {
		/* Referenced Image Sequence: two items, one of each kind. */
		dw_head(&ds, 0x0008, 0x1140, "SQ", 0xffffffffu);
		dw_head(&ds, 0xfffe, 0xe000, "", 0xffffffffu);
		dw_str(&ds, 0x0008, 0x1150, "UI", ct);
		dw_str(&ds, 0x0008, 0x1155, "UI", "1.2.3.4");
		dw_head(&ds, 0xfffe, 0xe00d, "", 0);
		{
			dw_buf it = { NULL, 0, 0, ds.big, ds.explicit_vr };

			dw_str(&it, 0x0008, 0x1155, "UI", "1.2.5.6");
			dw_head(&ds, 0xfffe, 0xe000, "", (uint32_t)it.len);
			dw_put(&ds, it.b, it.len);
			free(it.b);
		}
		dw_head(&ds, 0xfffe, 0xe0dd, "", 0);
	}
	if (o->claim) {
		dw_str(&ds, 0x0009, 0x0010, "LO", "CLAIMPACK");
		dw_head(&ds, 0x0009, 0x1001, "OB", o->claim);
		dw_put(&ds, zero, 16);
	}
	if (o->name != NULL)
		dw_elem(&ds, 0x0010, 0x0010, "PN", o->name,
		    o->name_len ? o->name_len : strlen(o->name));
	dw_str(&ds, 0x0010, 0x0020, "LO", o->id);
	dw_str(&ds, 0x0010, 0x0030, "DA", o->birth);
	dw_str(&ds, 0x0010, 0x0040, "CS", o->sex);
	dw_str(&ds, 0x0020, 0x000d, "UI", o->study);
	dw_str(&ds, 0x0020, 0x000e, "UI", o->series);
	dw_str(&ds, 0x0028, 0x0008, "IS", o->frames);
	dw_head(&ds, 0x0028, 0x0010, "US", 2);
	dw_u16(&ds, 8);
	dw_head(&ds, 0x0028, 0x0011, "US", 2);
	dw_u16(&ds, 8);
	if (o->ts == DW_JPEG) {
		/* Encapsulated: an empty offset table, one fragment. */
		dw_head(&ds, 0x7fe0, 0x0010, "OB", 0xffffffffu);
		dw_head(&ds, 0xfffe, 0xe000, "", 0);
		dw_head(&ds, 0xfffe, 0xe000, "", (uint32_t)(npix + (npix & 1)));
		for (i = 0; i < npix + (npix & 1); i += sizeof(zero))
			dw_put(&ds, zero, npix + (npix & 1) - i < sizeof(zero) ?
			    npix + (npix & 1) - i : sizeof(zero));
		dw_head(&ds, 0xfffe, 0xe0dd, "", 0);
	} else {
		dw_head(&ds, 0x7fe0, 0x0010, "OW", o->pixel_claim ?
		    o->pixel_claim : (uint32_t)(npix + (npix & 1)));
		for (i = 0; i < npix + (npix & 1); i += sizeof(zero))
			dw_put(&ds, zero, npix + (npix & 1) - i < sizeof(zero) ?
			    npix + (npix & 1) - i : sizeof(zero));
	}
	if (o->ts == DW_DEFLATE)
		dw_deflate(&out, ds.b, ds.len);
	else
		dw_put(&out, ds.b, ds.len);
	free(ds.b);
	if (o->truncate && o->truncate < out.len)
		out.len = o->truncate;
	return out;
}

static DW_UNUSED int
dw_save(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	if (fwrite(p, 1, n, f) != n) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* Writes the file `o` describes to `path`.  Returns 0 or -1. */
static DW_UNUSED int
dw_write(const char *path, const dw_options *o)
{
	dw_buf w = dw_make(o);
	int rc = dw_save(path, w.b, w.len);

	free(w.b);
	return rc;
}

/*
 * A DICOMDIR listing `files` (paths below its folder, "/" written as
 * "\" in the file IDs): a PATIENT, a STUDY and a SERIES record, then an
 * IMAGE record per file, in a record sequence of undefined length whose
 * items have defined lengths.  Returns 0 or -1.
 */
static DW_UNUSED int
dw_write_dicomdir(const char *path, const char *const *files, size_t n)
{
	dw_buf out = { NULL, 0, 0, false, true };
	dw_buf item = { NULL, 0, 0, false, true };
	unsigned char pre[128] = { 0 };
	static const char *const kinds[] = { "PATIENT", "STUDY", "SERIES" };
	char id[256];
	size_t i, k;
	int rc;

	dw_put(&out, pre, sizeof(pre));
	dw_put(&out, "DICM", 4);
	dw_meta(&out, "1.2.840.10008.1.3.10", "1.2.826.0.1.3680043.10.1.9",
	    "1.2.840.10008.1.2.1");
	dw_str(&out, 0x0004, 0x1130, "CS", "CLAIMPACK");
	dw_head(&out, 0x0004, 0x1200, "UL", 4);
	dw_u32(&out, 0);
	dw_head(&out, 0x0004, 0x1202, "UL", 4);
	dw_u32(&out, 0);
	dw_head(&out, 0x0004, 0x1212, "US", 2);
	dw_u16(&out, 0);
	dw_head(&out, 0x0004, 0x1220, "SQ", 0xffffffffu);
	for (i = 0; i < n + 3; i++) {
		item.len = 0;
		dw_head(&item, 0x0004, 0x1400, "UL", 4);
		dw_u32(&item, 0);
		dw_head(&item, 0x0004, 0x1410, "US", 2);
		dw_u16(&item, 0xffff);
		dw_head(&item, 0x0004, 0x1420, "UL", 4);
		dw_u32(&item, 0);
		dw_str(&item, 0x0004, 0x1430, "CS", i < 3 ? kinds[i] : "IMAGE");
		if (i >= 3) {
			snprintf(id, sizeof(id), "%s", files[i - 3]);
			for (k = 0; id[k] != '\0'; k++)
				if (id[k] == '/')
					id[k] = '\\';
			dw_str(&item, 0x0004, 0x1500, "CS", id);
			dw_str(&item, 0x0004, 0x1510, "UI",
			    "1.2.840.10008.5.1.4.1.1.2");
		}
		dw_head(&out, 0xfffe, 0xe000, "", (uint32_t)item.len);
		dw_put(&out, item.b, item.len);
	}
	dw_head(&out, 0xfffe, 0xe0dd, "", 0);
	rc = dw_save(path, out.b, out.len);
	free(item.b);
	free(out.b);
	return rc;
}

#endif
