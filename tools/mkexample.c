/* mkexample.c - draws the papers of the example claim (examples/inpatient/):
 * fictitious hospital documents of a fictitious patient, written with
 * libharu.  tools/mkexample.sh builds and runs it; see that script.
 *
 * usage: mkexample FONT WORKDIR OUTDIR
 *
 * FONT is WenQuanYi Zen Hei (wqy-zenhei.ttc, face 0); every character of
 * every document, Chinese or Latin, is drawn with it.  The discharge
 * summary goes to WORKDIR/discharge.pdf, for the script to turn into
 * "phone photos"; the other documents and two stand-in DICOM files go
 * under OUTDIR (records/, billing/, reports/, imaging/, which must exist).
 * WORKDIR also holds a scratch font file.  Exit status 0, or 1 with a
 * message on stderr.
 *
 * The output is the same, byte for byte, on every run: nothing reads the
 * clock, and libharu writes neither dates nor a document /ID unless it is
 * asked to (or encrypts).
 *
 * Why each document is drawn twice: libharu 2.3.0 embeds a TrueType font
 * by copying its tables and blanking the outlines of unused glyphs, so the
 * font's full cmap, hmtx, loca and post tables (about 800 KB for Zen Hei's
 * 45 000 glyphs) land in every PDF.  The first pass draws the document
 * with the whole font and notes the characters it uses; the second draws
 * it again with a small TrueType font cut from Zen Hei holding only those
 * characters (ttf_subset below), which keeps each PDF at a few tens of KB.
 *
 * Every person, institution and number in these papers is invented.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define LEFT 50.0f
#define RIGHT (PAGE_W - 50.0f)
#define MAX_PAGES 8
#define PI 3.14159265358979f

#define SPECIMEN "SPECIMEN / 样本 — fictitious example"
#define PATIENT_NAME "SMITH JOHN ALEXANDER"
#define INPATIENT_NO "ZY00042318"

/* ------------------------------------------------------------------ */
/* Errors */

static void
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("mkexample: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* libharu reports every failure to this handler and then returns an error
 * status from the call that failed.  The handler keeps the first one; the
 * drawing helpers below do not test each status, because each document is
 * checked once, before it is saved, through this record. */
typedef struct {
	int failed;
	HPDF_STATUS code;
	HPDF_STATUS detail;
} hpdf_error;

static void
on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	hpdf_error *e = data;

	if (!e->failed) {
		e->failed = 1;
		e->code = code;
		e->detail = detail;
	}
}

/* ------------------------------------------------------------------ */
/* A growing byte buffer, big-endian writers */

typedef struct {
	unsigned char *p;
	size_t n, cap;
	int oom;
} buf;

static void
buf_put(buf *b, const void *data, size_t len)
{
	unsigned char *np;
	size_t ncap;

	if (b->oom)
		return;
	if (b->n + len > b->cap) {
		ncap = b->cap ? b->cap : 4096;
		while (ncap < b->n + len)
			ncap *= 2;
		if ((np = realloc(b->p, ncap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
}

static void
buf_u8(buf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;

	buf_put(b, &c, 1);
}

static void
buf_u16(buf *b, unsigned v)
{
	buf_u8(b, (v >> 8) & 0xff);
	buf_u8(b, v & 0xff);
}

static void
buf_u32(buf *b, uint32_t v)
{
	buf_u16(b, (unsigned)(v >> 16));
	buf_u16(b, (unsigned)(v & 0xffff));
}

static void
buf_le16(buf *b, unsigned v)
{
	buf_u8(b, v & 0xff);
	buf_u8(b, (v >> 8) & 0xff);
}

static void
buf_le32(buf *b, uint32_t v)
{
	buf_le16(b, (unsigned)(v & 0xffff));
	buf_le16(b, (unsigned)(v >> 16));
}

static void
set_u16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
set_u32(unsigned char *p, uint32_t v)
{
	set_u16(p, (unsigned)(v >> 16));
	set_u16(p + 2, (unsigned)(v & 0xffff));
}

static int
write_file(const char *path, const buf *b)
{
	FILE *f;

	if (b->oom) {
		fail("%s: out of memory", path);
		return -1;
	}
	if ((f = fopen(path, "wb")) == NULL) {
		fail("%s: cannot create the file", path);
		return -1;
	}
	if (fwrite(b->p, 1, b->n, f) != b->n || fclose(f) != 0) {
		fail("%s: write error", path);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The source font and the subset cut from it */

typedef struct {
	uint32_t off, len;
} ttf_table;

typedef struct {
	unsigned char *data;
	size_t size;
	ttf_table os2, cmap, cvt, glyf, head, hhea, hmtx, loca, maxp, name,
	    post;
	uint32_t cmap4;		/* the (3,1) format 4 subtable */
	unsigned nglyphs, nhmetrics;
	int long_loca;
	int collection;		/* a .ttc, of which face 0 is used */
} ttf;

static unsigned
rd16(const ttf *t, uint32_t at)
{
	if ((size_t)at + 2 > t->size)
		return 0;
	return (unsigned)t->data[at] << 8 | t->data[at + 1];
}

static uint32_t
rd32(const ttf *t, uint32_t at)
{
	return (uint32_t)rd16(t, at) << 16 | rd16(t, at + 2);
}

static int
ttf_find(const ttf *t, uint32_t dir, const char *tag, ttf_table *out,
    int required)
{
	unsigned i, n = rd16(t, dir + 4);
	uint32_t e;

	for (i = 0; i < n; i++) {
		e = dir + 12 + 16 * i;
		if ((size_t)e + 16 > t->size)
			break;
		if (memcmp(t->data + e, tag, 4) != 0)
			continue;
		out->off = rd32(t, e + 8);
		out->len = rd32(t, e + 12);
		if ((size_t)out->off + out->len > t->size) {
			fail("font table '%s' runs past the end of the file",
			    tag);
			return -1;
		}
		return 0;
	}
	out->off = out->len = 0;
	if (required) {
		fail("font has no '%s' table", tag);
		return -1;
	}
	return 0;
}

/* Loads face 0 of a TrueType collection (or a plain TrueType file). */
static int
ttf_load(const char *path, ttf *t)
{
	FILE *f;
	long size;
	uint32_t dir = 0, sub;
	unsigned i, n;

	memset(t, 0, sizeof(*t));
	if ((f = fopen(path, "rb")) == NULL) {
		fail("%s: cannot open the font", path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 12 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (t->data = malloc((size_t)size)) == NULL ||
	    fread(t->data, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		fail("%s: cannot read the font", path);
		return -1;
	}
	fclose(f);
	t->size = (size_t)size;
	if (memcmp(t->data, "ttcf", 4) == 0) {
		t->collection = 1;
		dir = rd32(t, 12);
	}
	if (rd32(t, dir) != 0x00010000) {
		fail("%s: not a TrueType font (outlines must be 'glyf')", path);
		return -1;
	}
	if (ttf_find(t, dir, "OS/2", &t->os2, 1) || ttf_find(t, dir, "cmap",
	    &t->cmap, 1) || ttf_find(t, dir, "cvt ", &t->cvt, 0) ||
	    ttf_find(t, dir, "glyf", &t->glyf, 1) || ttf_find(t, dir, "head",
	    &t->head, 1) || ttf_find(t, dir, "hhea", &t->hhea, 1) ||
	    ttf_find(t, dir, "hmtx", &t->hmtx, 1) || ttf_find(t, dir, "loca",
	    &t->loca, 1) || ttf_find(t, dir, "maxp", &t->maxp, 1) ||
	    ttf_find(t, dir, "name", &t->name, 1) || ttf_find(t, dir, "post",
	    &t->post, 1))
		return -1;
	if (t->head.len < 54 || t->hhea.len < 36 || t->maxp.len < 6 ||
	    t->post.len < 32) {
		fail("%s: truncated font header tables", path);
		return -1;
	}
	t->nglyphs = rd16(t, t->maxp.off + 4);
	t->nhmetrics = rd16(t, t->hhea.off + 34);
	t->long_loca = rd16(t, t->head.off + 50) != 0;
	if (t->nhmetrics == 0 || t->nhmetrics > t->nglyphs ||
	    t->hmtx.len < 4 * t->nhmetrics + 2 * (t->nglyphs - t->nhmetrics) ||
	    t->loca.len < (t->nglyphs + 1u) * (t->long_loca ? 4u : 2u)) {
		fail("%s: inconsistent glyph tables", path);
		return -1;
	}
	n = rd16(t, t->cmap.off + 2);
	for (i = 0; i < n; i++) {
		sub = t->cmap.off + 4 + 8 * i;
		if (rd16(t, sub) == 3 && rd16(t, sub + 2) == 1 &&
		    rd16(t, t->cmap.off + rd32(t, sub + 4)) == 4) {
			t->cmap4 = t->cmap.off + rd32(t, sub + 4);
			break;
		}
	}
	if (t->cmap4 == 0) {
		fail("%s: no Unicode (3,1) format 4 cmap", path);
		return -1;
	}
	return 0;
}

/* The glyph of a BMP code point, 0 if the font has none. */
static unsigned
ttf_glyph(const ttf *t, unsigned cp)
{
	uint32_t s = t->cmap4;
	unsigned segs = rd16(t, s + 6) / 2, i, start, delta, ro, g;
	uint32_t ends = s + 14, starts = ends + 2 * segs + 2;
	uint32_t deltas = starts + 2 * segs, ranges = deltas + 2 * segs;

	for (i = 0; i < segs; i++) {
		if (cp > rd16(t, ends + 2 * i))
			continue;
		start = rd16(t, starts + 2 * i);
		if (cp < start)
			return 0;
		delta = rd16(t, deltas + 2 * i);
		ro = rd16(t, ranges + 2 * i);
		if (ro == 0)
			return (cp + delta) & 0xffff;
		g = rd16(t, ranges + 2 * i + ro + 2 * (cp - start));
		return g ? (g + delta) & 0xffff : 0;
	}
	return 0;
}

static void
ttf_glyph_data(const ttf *t, unsigned gid, uint32_t *off, uint32_t *len)
{
	uint32_t a, b;

	if (t->long_loca) {
		a = rd32(t, t->loca.off + 4 * gid);
		b = rd32(t, t->loca.off + 4 * gid + 4);
	} else {
		a = 2 * rd16(t, t->loca.off + 2 * gid);
		b = 2 * rd16(t, t->loca.off + 2 * gid + 2);
	}
	*off = t->glyf.off + a;
	*len = b > a && b <= t->glyf.len ? b - a : 0;
}

static uint32_t
table_sum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < len; i += 4)
		sum += (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 |
		    (uint32_t)p[i + 2] << 8 | p[i + 3];
	return sum;
}

/* Writes to path a TrueType font holding .notdef and the glyphs of the
 * code points set in used (a bitmap over the BMP), numbered in code point
 * order.  Fails, naming the character, when the font lacks a glyph or
 * when the glyph is a composite (libharu 2.3.0 would drop its parts). */
static int
ttf_subset(const ttf *t, const unsigned char *used, const char *path)
{
	static const char *const tags[] = {
		"OS/2", "cmap", "cvt ", "glyf", "head", "hhea", "hmtx",
		"loca", "maxp", "name", "post"
	};
	enum { NTAB = sizeof(tags) / sizeof(tags[0]) };
	buf tab[NTAB], out = {0};
	unsigned *gids = NULL, *cps = NULL, n = 1, i, j, k, cp, g, adv, nseg;
	uint32_t off, len, sum, at;
	int rc = -1;

	memset(tab, 0, sizeof(tab));
	if ((gids = malloc(65537 * sizeof(*gids))) == NULL ||
	    (cps = malloc(65537 * sizeof(*cps))) == NULL) {
		fail("out of memory");
		goto done;
	}
	gids[0] = 0;
	cps[0] = 0;
	for (cp = 0; cp < 0x10000; cp++) {
		if (!(used[cp >> 3] & (1u << (cp & 7))))
			continue;
		if ((g = ttf_glyph(t, cp)) == 0 || g >= t->nglyphs) {
			fail("U+%04X is not in the font: use another character",
			    cp);
			goto done;
		}
		ttf_glyph_data(t, g, &off, &len);
		if (len >= 2 && (rd16(t, off) & 0x8000)) {
			fail("U+%04X is a composite glyph, which libharu 2.3.0 "
			    "drops: use another character", cp);
			goto done;
		}
		cps[n] = cp;
		gids[n++] = g;
	}

	/* OS/2, cvt and name are copied as they are. */
	buf_put(&tab[0], t->data + t->os2.off, t->os2.len);
	buf_put(&tab[2], t->data + t->cvt.off, t->cvt.len);
	buf_put(&tab[9], t->data + t->name.off, t->name.len);

	/* cmap: one (3,1) format 4 subtable; runs of consecutive code points
	 * have consecutive glyphs, so each run is one idDelta segment. */
	for (nseg = 1, i = 1; i < n; i++)
		if (i == 1 || cps[i] != cps[i - 1] + 1)
			nseg++;
	for (k = 1, j = 0; (2u << j) <= nseg; j++)
		k = 2u << j;
	buf_u16(&tab[1], 0);
	buf_u16(&tab[1], 1);
	buf_u16(&tab[1], 3);
	buf_u16(&tab[1], 1);
	buf_u32(&tab[1], 12);
	buf_u16(&tab[1], 4);
	buf_u16(&tab[1], 16 + 8 * nseg);
	buf_u16(&tab[1], 0);
	buf_u16(&tab[1], 2 * nseg);
	buf_u16(&tab[1], 2 * k);
	buf_u16(&tab[1], j);
	buf_u16(&tab[1], 2 * nseg - 2 * k);
	for (i = 1; i < n; i++)		/* endCode */
		if (i + 1 == n || cps[i + 1] != cps[i] + 1)
			buf_u16(&tab[1], cps[i]);
	buf_u16(&tab[1], 0xffff);
	buf_u16(&tab[1], 0);		/* reservedPad */
	for (i = 1; i < n; i++)		/* startCode */
		if (i == 1 || cps[i] != cps[i - 1] + 1)
			buf_u16(&tab[1], cps[i]);
	buf_u16(&tab[1], 0xffff);
	for (i = 1; i < n; i++)		/* idDelta */
		if (i == 1 || cps[i] != cps[i - 1] + 1)
			buf_u16(&tab[1], (i - cps[i]) & 0xffff);
	buf_u16(&tab[1], 1);
	for (i = 0; i < nseg; i++)	/* idRangeOffset */
		buf_u16(&tab[1], 0);

	/* glyf and loca (long offsets); hmtx with a full metric each. */
	for (i = 0; i < n; i++) {
		buf_u32(&tab[7], (uint32_t)tab[3].n);
		ttf_glyph_data(t, gids[i], &off, &len);
		buf_put(&tab[3], t->data + off, len);
		while (tab[3].n % 4)
			buf_u8(&tab[3], 0);
		g = gids[i] < t->nhmetrics ? gids[i] : t->nhmetrics - 1;
		adv = rd16(t, t->hmtx.off + 4 * g);
		buf_u16(&tab[6], adv);
		if (gids[i] < t->nhmetrics)
			buf_u16(&tab[6], rd16(t, t->hmtx.off + 4 * gids[i] + 2));
		else
			buf_u16(&tab[6], rd16(t, t->hmtx.off +
			    4 * t->nhmetrics + 2 * (gids[i] - t->nhmetrics)));
	}
	buf_u32(&tab[7], (uint32_t)tab[3].n);

	/* head, hhea, maxp, post: copies with the counts changed. */
	buf_put(&tab[4], t->data + t->head.off, 54);
	buf_put(&tab[5], t->data + t->hhea.off, 36);
	buf_put(&tab[8], t->data + t->maxp.off, t->maxp.len);
	buf_put(&tab[10], t->data + t->post.off, 32);
	for (i = 0; i < NTAB; i++)
		if (tab[i].oom) {
			fail("out of memory");
			goto done;
		}
	set_u32(tab[4].p + 8, 0);	/* checkSumAdjustment, set below */
	set_u16(tab[4].p + 50, 1);	/* indexToLocFormat: long */
	set_u16(tab[5].p + 34, n);	/* numberOfHMetrics */
	set_u16(tab[8].p + 4, n);	/* numGlyphs */
	set_u32(tab[10].p, 0x00030000);	/* post 3.0: no glyph names */

	/* The file: offset table, directory, tables padded to 4 bytes. */
	buf_u32(&out, 0x00010000);
	buf_u16(&out, NTAB);
	buf_u16(&out, 128);		/* searchRange: 8 * 16 */
	buf_u16(&out, 3);
	buf_u16(&out, NTAB * 16 - 128);
	at = 12 + 16 * NTAB;
	for (i = 0; i < NTAB; i++) {
		while (tab[i].n % 4)
			buf_u8(&tab[i], 0);
	}
	for (i = 0; i < NTAB; i++) {
		buf_put(&out, tags[i], 4);
		buf_u32(&out, table_sum(tab[i].p, tab[i].n));
		buf_u32(&out, at);
		buf_u32(&out, (uint32_t)tab[i].n);
		at += (uint32_t)tab[i].n;
	}
	at = 12 + 16 * NTAB;
	for (i = 0; i < NTAB; i++)
		buf_put(&out, tab[i].p, tab[i].n);
	if (out.oom) {
		fail("out of memory");
		goto done;
	}
	/* head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA. */
	for (off = at, i = 0; i < 4; i++)
		off += (uint32_t)tab[i].n;
	sum = table_sum(out.p, out.n);
	set_u32(out.p + off + 8, 0xB1B0AFBAu - sum);
	rc = write_file(path, &out);
done:
	for (i = 0; i < NTAB; i++)
		free(tab[i].p);
	free(out.p);
	free(gids);
	free(cps);
	return rc;
}

/* ------------------------------------------------------------------ */
/* UTF-8 */

/* Decodes the character at s into *cp and returns its length in bytes;
 * returns 0 at the end of the string and -1 on a malformed sequence. */
static int
utf8_next(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int n, i;

	if (u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2;
		*cp = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3;
		*cp = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4;
		*cp = u[0] & 0x07;
	} else
		return -1;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		*cp = *cp << 6 | (u[i] & 0x3f);
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Drawing */

typedef struct {
	ttf src;
	const char *font_path;
	const char *workdir;
	hpdf_error err;
	int bad_text;
	unsigned char used[65536 / 8];
	HPDF_Doc pdf;
	HPDF_Font font;
	HPDF_Page page;
	HPDF_Page pages[MAX_PAGES];
	int npages;
	float r, g, b;		/* text and line colour */
	int bold;
} mk;

enum { AL_LEFT, AL_CENTER, AL_RIGHT };

static void
ink(mk *m, float r, float g, float b)
{
	m->r = r;
	m->g = g;
	m->b = b;
}

static void
ink_text(mk *m)
{
	ink(m, 0.08f, 0.08f, 0.08f);
}

static void
ink_label(mk *m)
{
	ink(m, 0.36f, 0.36f, 0.36f);
}

static void
ink_accent(mk *m)
{
	ink(m, 0.10f, 0.23f, 0.45f);
}

static void
ink_red(mk *m)
{
	ink(m, 0.80f, 0.08f, 0.10f);
}

/* Notes the characters of s (every drawn string passes here). */
static void
note_text(mk *m, const char *s)
{
	unsigned cp;
	int n;

	while ((n = utf8_next(s, &cp)) > 0) {
		if (cp > 0xffff || cp < 0x20) {
			n = -1;
			break;
		}
		m->used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
		s += n;
	}
	if (n < 0 && !m->bad_text) {
		m->bad_text = 1;
		fail("cannot draw \"%s\": only printable BMP characters in "
		    "UTF-8", s);
	}
}

static float
width_n(mk *m, const char *s, size_t len, float size)
{
	HPDF_TextWidth tw;

	if (len == 0)
		return 0;
	tw = HPDF_Font_TextWidth(m->font, (const HPDF_BYTE *)s,
	    (HPDF_UINT)len);
	return (float)tw.width * size / 1000.0f;
}

static float
width(mk *m, const char *s, float size)
{
	return width_n(m, s, strlen(s), size);
}

/* Draws s with its baseline at y, placed at x by align. */
static void
put(mk *m, float x, float y, float size, int align, const char *s)
{
	float w;

	note_text(m, s);
	if (*s == '\0' || m->page == NULL)
		return;
	w = width(m, s, size);
	if (align != AL_LEFT)
		x -= align == AL_CENTER ? w / 2 : w;
	if ((x < LEFT - 0.5f || x + w > RIGHT + 0.5f) && !m->bad_text) {
		/* A layout slip: say which text, rather than print it badly. */
		m->bad_text = 1;
		fail("\"%s\" runs past the margin (x %.1f to %.1f)", s, x, x + w);
	}
	HPDF_Page_SetRGBFill(m->page, m->r, m->g, m->b);
	if (m->bold) {
		/* One font only: bold is the outline stroked over the fill. */
		HPDF_Page_SetRGBStroke(m->page, m->r, m->g, m->b);
		HPDF_Page_SetLineWidth(m->page, size * 0.035f);
		HPDF_Page_SetTextRenderingMode(m->page, HPDF_FILL_THEN_STROKE);
	}
	HPDF_Page_BeginText(m->page);
	HPDF_Page_SetFontAndSize(m->page, m->font, size);
	HPDF_Page_TextOut(m->page, x, y, s);
	HPDF_Page_EndText(m->page);
	if (m->bold)
		HPDF_Page_SetTextRenderingMode(m->page, HPDF_FILL);
}

static void
putf(mk *m, float x, float y, float size, int align, const char *fmt, ...)
{
	char s[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	put(m, x, y, size, align, s);
}

/* No line may start with these. */
static int
closing_punct(unsigned cp)
{
	switch (cp) {
	case ')': case ',': case '.': case ':': case ';': case '!': case '?':
	case '%':
	case 0x201d:	/* ” */
	case 0x3001:	/* 、 */
	case 0x3002:	/* 。 */
	case 0x300d:	/* 」 */
	case 0xff01:	/* ！ */
	case 0xff09:	/* ） */
	case 0xff0c:	/* ， */
	case 0xff1a:	/* ： */
	case 0xff1b:	/* ； */
	case 0xff1f:	/* ？ */
		return 1;
	}
	return 0;
}

static int
wide(unsigned cp)
{
	return cp >= 0x2e80;
}

/* Draws s in lines no wider than w, starting with the baseline at y and
 * moving down by lead; breaks at spaces, between Chinese characters and
 * at '\n'.  Returns the baseline below the last line. */
static float
para(mk *m, float x, float y, float w, float size, float lead, const char *s)
{
	char line[1024];
	const char *p = s, *q, *brk, *end;
	unsigned cp, next;
	float lw;
	int n, nn;

	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		q = p;
		brk = NULL;
		lw = 0;
		while (*q && *q != '\n') {
			if ((n = utf8_next(q, &cp)) <= 0)
				break;
			lw += width_n(m, q, (size_t)n, size);
			if (lw > w && q > p)
				break;
			nn = utf8_next(q + n, &next);
			if (nn <= 0)
				next = 0;
			if (next && !closing_punct(next) && (cp == ' ' ||
			    wide(cp) || wide(next)) && cp != 0xff08 &&
			    cp != 0x201c)
				brk = q + n;
			q += n;
		}
		end = (*q == '\0' || *q == '\n' || brk == NULL) ? q : brk;
		n = (int)(end - p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if ((size_t)n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, (size_t)n);
		line[n] = '\0';
		put(m, x, y, size, AL_LEFT, line);
		y -= lead;
		p = end;
		if (*p == '\n')
			p++;
	}
	return y;
}

static void
line_color(mk *m)
{
	HPDF_Page_SetRGBStroke(m->page, m->r, m->g, m->b);
}

static void
hline(mk *m, float x1, float x2, float y, float lw)
{
	line_color(m);
	HPDF_Page_SetLineWidth(m->page, lw);
	HPDF_Page_MoveTo(m->page, x1, y);
	HPDF_Page_LineTo(m->page, x2, y);
	HPDF_Page_Stroke(m->page);
}

static void
vline(mk *m, float x, float y1, float y2, float lw)
{
	line_color(m);
	HPDF_Page_SetLineWidth(m->page, lw);
	HPDF_Page_MoveTo(m->page, x, y1);
	HPDF_Page_LineTo(m->page, x, y2);
	HPDF_Page_Stroke(m->page);
}

static void
box(mk *m, float x, float y, float w, float h, float lw)
{
	line_color(m);
	HPDF_Page_SetLineWidth(m->page, lw);
	HPDF_Page_Rectangle(m->page, x, y, w, h);
	HPDF_Page_Stroke(m->page);
}

static void
fill_box(mk *m, float x, float y, float w, float h, float gray)
{
	HPDF_Page_SetGrayFill(m->page, gray);
	HPDF_Page_Rectangle(m->page, x, y, w, h);
	HPDF_Page_Fill(m->page);
}

static void
new_page(mk *m)
{
	if (m->npages == MAX_PAGES) {
		if (!m->bad_text)
			fail("more than %d pages", MAX_PAGES);
		m->bad_text = 1;
		return;
	}
	m->page = HPDF_AddPage(m->pdf);
	if (m->page == NULL)
		return;
	m->pages[m->npages++] = m->page;
	HPDF_Page_SetSize(m->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	ink(m, 0.45f, 0.45f, 0.45f);
	put(m, RIGHT, PAGE_H - 26, 7, AL_RIGHT, SPECIMEN);
}

/* The footer of every page, drawn once the page count is known. */
static void
footers(mk *m, const char *left)
{
	int i;

	for (i = 0; i < m->npages; i++) {
		m->page = m->pages[i];
		ink(m, 0.55f, 0.55f, 0.55f);
		hline(m, LEFT, RIGHT, 62, 0.5f);
		ink_label(m);
		put(m, LEFT, 50, 7.5f, AL_LEFT, left);
		putf(m, RIGHT, 50, 7.5f, AL_RIGHT,
		    "第 %d 页 / 共 %d 页   Page %d of %d", i + 1, m->npages,
		    i + 1, m->npages);
		ink(m, 0.45f, 0.45f, 0.45f);
		put(m, PAGE_W / 2, 32, 6.5f, AL_CENTER, SPECIMEN ". "
		    "本文件中的人物、机构和编号均为虚构。Every person, "
		    "institution and number in this document is fictitious.");
	}
}

#define HOSPITAL_FOOTER "示例联合医院（虚构） Example Union Hospital " \
	"(fictitious) · 示例市示例路1号 1 Example Road, Example City"

/* The hospital's letterhead and a document title; returns the y below. */
static float
letterhead(mk *m, const char *title_zh, const char *title_en)
{
	float cx = LEFT + 22, cy = PAGE_H - 62;

	/* A plain monogram where a hospital prints its emblem. */
	ink_accent(m);
	line_color(m);
	HPDF_Page_SetLineWidth(m->page, 1.6f);
	HPDF_Page_Circle(m->page, cx, cy, 20);
	HPDF_Page_Stroke(m->page);
	HPDF_Page_SetLineWidth(m->page, 0.5f);
	HPDF_Page_Circle(m->page, cx, cy, 16.5f);
	HPDF_Page_Stroke(m->page);
	m->bold = 1;
	put(m, cx, cy - 3.5f, 10, AL_CENTER, "EUH");
	put(m, PAGE_W / 2, PAGE_H - 58, 19, AL_CENTER, "示例联合医院");
	m->bold = 0;
	put(m, PAGE_W / 2, PAGE_H - 74, 10, AL_CENTER,
	    "EXAMPLE UNION HOSPITAL");
	ink_text(m);
	m->bold = 1;
	put(m, PAGE_W / 2, PAGE_H - 100, 15, AL_CENTER, title_zh);
	m->bold = 0;
	ink_label(m);
	put(m, PAGE_W / 2, PAGE_H - 114, 9, AL_CENTER, title_en);
	ink_accent(m);
	hline(m, LEFT, RIGHT, PAGE_H - 124, 1.4f);
	hline(m, LEFT, RIGHT, PAGE_H - 127, 0.4f);
	ink_text(m);
	return PAGE_H - 144;
}

/* "label value" on one line; returns the x after the value. */
static float
field(mk *m, float x, float y, const char *label, const char *value)
{
	float lw;

	ink_label(m);
	put(m, x, y, 7.5f, AL_LEFT, label);
	lw = width(m, label, 7.5f) + 4;
	ink_text(m);
	put(m, x + lw, y, 9, AL_LEFT, value);
	return x + lw + width(m, value, 9);
}

/* A section heading "中文 English"; returns the y of the first body line. */
static float
heading(mk *m, float y, const char *zh, const char *en)
{
	ink_accent(m);
	HPDF_Page_SetRGBFill(m->page, m->r, m->g, m->b);
	HPDF_Page_Rectangle(m->page, LEFT, y - 1, 3, 11);
	HPDF_Page_Fill(m->page);
	m->bold = 1;
	put(m, LEFT + 8, y, 10.5f, AL_LEFT, zh);
	m->bold = 0;
	ink_label(m);
	put(m, LEFT + 14 + width(m, zh, 10.5f), y, 8, AL_LEFT, en);
	ink_text(m);
	return y - 17;
}

/* The patient's lines shared by the hospital documents; returns the y
 * below them. */
static float
patient_block(mk *m, float y, const char *extra_label, const char *extra)
{
	field(m, LEFT, y, "姓名 Name:", PATIENT_NAME);
	field(m, LEFT + 205, y, "性别 Sex:", "男 M");
	field(m, LEFT + 275, y, "年龄 Age:", "42岁");
	field(m, LEFT + 345, y, "住院号 Inpatient No.:", INPATIENT_NO);
	y -= 16;
	field(m, LEFT, y, "科室 Dept.:", "呼吸与危重症医学科（国际医疗部）");
	field(m, LEFT + 275, y, "床号 Bed:", "18");
	if (extra_label)
		field(m, LEFT + 345, y, extra_label, extra);
	ink(m, 0.6f, 0.6f, 0.6f);
	hline(m, LEFT, RIGHT, y - 9, 0.5f);
	ink_text(m);
	return y - 30;
}

/* A round red seal: text along the upper arc, a star, a bottom line. */
static void
seal(mk *m, float cx, float cy, float rad, const char *arc,
    const char *bottom)
{
	const char *p = arc;
	unsigned cp, chars = 0;
	int n, i;
	float size = rad * 0.31f, span = 3.35f, a, t, x, y, cw, tr;
	char ch[8];

	ink_red(m);
	line_color(m);
	HPDF_Page_SetLineWidth(m->page, rad * 0.05f);
	HPDF_Page_Circle(m->page, cx, cy, rad);
	HPDF_Page_Stroke(m->page);

	/* A five-pointed star. */
	HPDF_Page_SetRGBFill(m->page, m->r, m->g, m->b);
	for (i = 0; i < 10; i++) {
		a = (float)(PI / 2 + i * PI / 5);
		tr = (i % 2 ? 0.38f : 1.0f) * rad * 0.27f;
		x = cx + tr * cosf(a);
		y = cy + rad * 0.02f + tr * sinf(a);
		if (i == 0)
			HPDF_Page_MoveTo(m->page, x, y);
		else
			HPDF_Page_LineTo(m->page, x, y);
	}
	HPDF_Page_ClosePath(m->page);
	HPDF_Page_Fill(m->page);

	while ((n = utf8_next(p, &cp)) > 0) {
		chars++;
		p += n;
	}
	note_text(m, arc);
	HPDF_Page_BeginText(m->page);
	HPDF_Page_SetFontAndSize(m->page, m->font, size);
	for (p = arc, i = 0; (n = utf8_next(p, &cp)) > 0; p += n, i++) {
		memcpy(ch, p, (size_t)n);
		ch[n] = '\0';
		/* Clockwise from the lower left; each character upright
		 * towards the rim. */
		a = (float)(PI / 2 + span / 2 -
		    (chars > 1 ? span * (float)i / (float)(chars - 1) : 0));
		t = a - (float)(PI / 2);
		tr = rad - size * 0.55f - rad * 0.08f;
		cw = width(m, ch, size);
		x = cx + tr * cosf(a) - cw / 2 * cosf(t) + size * 0.35f *
		    sinf(t);
		y = cy + tr * sinf(a) - cw / 2 * sinf(t) - size * 0.35f *
		    cosf(t);
		HPDF_Page_SetTextMatrix(m->page, cosf(t), sinf(t), -sinf(t),
		    cosf(t), x, y);
		HPDF_Page_ShowText(m->page, ch);
	}
	HPDF_Page_EndText(m->page);
	put(m, cx, cy - rad * 0.52f, size * 0.85f, AL_CENTER, bottom);
	put(m, cx, cy - rad * 0.80f, size * 0.55f, AL_CENTER, "样本");
	ink_text(m);
}

/* ------------------------------------------------------------------ */
/* Money */

typedef int64_t fen;

static const char *
yuan(char out[32], fen v)
{
	snprintf(out, 32, "%s%lld.%02lld", v < 0 ? "-" : "",
	    (long long)(v < 0 ? -v : v) / 100,
	    (long long)(v < 0 ? -v : v) % 100);
	return out;
}

/* The amount in Chinese capital numerals, as printed on receipts:
 * 12850.40 -> 壹万贰仟捌佰伍拾元肆角整.  For 0 <= v < 10^14 fen. */
static void
capital(char *out, size_t size, fen v)
{
	static const char *const digit[] = {
		"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"
	};
	static const char *const place[] = { "仟", "佰", "拾", "" };
	static const char *const group[] = { "亿", "万", "" };
	long long y = (long long)(v / 100), part[3];
	int jiao = (int)(v / 10 % 10), f = (int)(v % 10), started = 0;
	int zero = 0, gi, k, d;

	out[0] = '\0';
	part[0] = y / 100000000 % 10000;
	part[1] = y / 10000 % 10000;
	part[2] = y % 10000;
	for (gi = 0; gi < 3; gi++) {
		if (part[gi] == 0) {
			zero = started;
			continue;
		}
		for (k = 0; k < 4; k++) {
			d = (int)(part[gi] / (k == 0 ? 1000 : k == 1 ? 100 :
			    k == 2 ? 10 : 1) % 10);
			if (d == 0) {
				zero = started;
				continue;
			}
			if (zero)
				strncat(out, digit[0], size - strlen(out) - 1);
			zero = 0;
			strncat(out, digit[d], size - strlen(out) - 1);
			strncat(out, place[k], size - strlen(out) - 1);
			started = 1;
		}
		strncat(out, group[gi], size - strlen(out) - 1);
	}
	if (!started && jiao == 0 && f == 0)
		strncat(out, digit[0], size - strlen(out) - 1);
	if (started || (jiao == 0 && f == 0))
		strncat(out, "元", size - strlen(out) - 1);
	if (jiao == 0 && f == 0) {
		strncat(out, "整", size - strlen(out) - 1);
		return;
	}
	if (jiao) {
		strncat(out, digit[jiao], size - strlen(out) - 1);
		strncat(out, "角", size - strlen(out) - 1);
	} else if (started)
		strncat(out, digit[0], size - strlen(out) - 1);
	if (f) {
		strncat(out, digit[f], size - strlen(out) - 1);
		strncat(out, "分", size - strlen(out) - 1);
	} else
		strncat(out, "整", size - strlen(out) - 1);
}

/* ------------------------------------------------------------------ */
/* The stay's charges: one table feeds the receipt and the expense list */

#define TOTAL_FEN ((fen)1285040)	/* 12850.40, as in claim.yaml */
#define TOTAL_CAPITAL "壹万贰仟捌佰伍拾元肆角整"
#define DEPOSIT_FEN ((fen)1500000)

typedef struct {
	const char *zh, *en;
} category;

static const category categories[] = {
	{ "床位费", "Bed" },
	{ "诊查费", "Consultation" },
	{ "检查费", "Examinations" },
	{ "化验费", "Laboratory tests" },
	{ "治疗费", "Treatment" },
	{ "护理费", "Nursing" },
	{ "西药费", "Western medicines" },
	{ "卫生材料费", "Medical supplies" },
	{ "其他医疗费", "Other services" },
};
#define NCAT (sizeof(categories) / sizeof(categories[0]))

typedef struct {
	unsigned cat;
	const char *date;	/* first day charged */
	const char *zh, *en;
	const char *unit;
	fen price;
	int qty;
} charge;

static const charge charges[] = {
	{ 0, "2026-10-03", "单人病房床位费（国际医疗部）",
	    "Single room, international ward", "日 day", 78000, 6 },

	{ 1, "2026-10-03", "住院诊查费", "Inpatient consultation fee",
	    "日 day", 6000, 6 },
	{ 1, "2026-10-05", "副主任医师会诊费",
	    "Associate chief physician consultation", "次 time", 15000, 1 },

	{ 2, "2026-10-03", "常规心电图检查（十二导联）", "12-lead ECG",
	    "次 time", 3500, 1 },
	{ 2, "2026-10-04", "胸部CT平扫", "Chest CT, non-contrast",
	    "次 time", 38000, 1 },
	{ 2, "2026-10-04", "CT数字影像处理", "CT digital image processing",
	    "次 time", 3000, 1 },
	{ 2, "2026-10-08", "胸部X线摄影（正位）", "Chest X-ray, PA view",
	    "次 time", 9000, 1 },

	{ 3, "2026-10-03", "血气分析", "Arterial blood gas",
	    "次 time", 8000, 1 },
	{ 3, "2026-10-03", "血培养（需氧+厌氧）",
	    "Blood culture (aerobic + anaerobic)", "套 set", 5700, 2 },
	{ 3, "2026-10-04", "血细胞分析（血常规）", "Complete blood count",
	    "次 time", 2500, 3 },
	{ 3, "2026-10-04", "C反应蛋白测定", "C-reactive protein",
	    "次 time", 4000, 2 },
	{ 3, "2026-10-04", "降钙素原测定", "Procalcitonin",
	    "次 time", 15000, 2 },
	{ 3, "2026-10-04", "肝功能", "Liver function panel",
	    "次 time", 9000, 1 },
	{ 3, "2026-10-04", "肾功能", "Renal function panel",
	    "次 time", 6000, 1 },
	{ 3, "2026-10-04", "电解质", "Electrolytes", "次 time", 4000, 2 },
	{ 3, "2026-10-04", "痰培养及药敏试验",
	    "Sputum culture and sensitivity", "次 time", 12000, 1 },
	{ 3, "2026-10-04", "呼吸道病原体核酸检测",
	    "Respiratory pathogen PCR panel", "次 time", 38000, 1 },

	{ 4, "2026-10-03", "静脉输液（首组）", "IV infusion, first bag",
	    "组 bag", 1200, 6 },
	{ 4, "2026-10-03", "静脉输液（加组）", "IV infusion, added bag",
	    "组 bag", 500, 6 },
	{ 4, "2026-10-03", "雾化吸入", "Nebulised inhalation",
	    "次 time", 1500, 10 },
	{ 4, "2026-10-03", "氧气吸入", "Oxygen therapy",
	    "小时 hour", 350, 48 },
	{ 4, "2026-10-03", "静脉采血", "Venous blood sampling",
	    "次 time", 400, 5 },

	{ 5, "2026-10-03", "一级护理", "Level 1 nursing care",
	    "日 day", 6000, 2 },
	{ 5, "2026-10-05", "二级护理", "Level 2 nursing care",
	    "日 day", 4000, 4 },

	{ 6, "2026-10-03", "注射用头孢曲松钠 1 g",
	    "Ceftriaxone for injection 1 g", "支 vial", 6850, 12 },
	{ 6, "2026-10-03", "阿奇霉素片 0.25 g", "Azithromycin tablets 0.25 g",
	    "片 tab", 1280, 10 },
	{ 6, "2026-10-03", "氯化钠注射液 0.9% 100 ml",
	    "Sodium chloride 0.9% 100 ml", "袋 bag", 620, 12 },
	{ 6, "2026-10-03", "盐酸氨溴索注射液 30 mg",
	    "Ambroxol injection 30 mg", "支 amp", 1860, 10 },
	{ 6, "2026-10-03", "吸入用布地奈德混悬液 1 mg",
	    "Budesonide nebuliser suspension 1 mg", "支 amp", 1430, 10 },
	{ 6, "2026-10-03", "对乙酰氨基酚片 0.5 g",
	    "Paracetamol tablets 0.5 g", "片 tab", 120, 6 },
	{ 6, "2026-10-04", "氯化钾缓释片 0.5 g",
	    "Potassium chloride ER tablets 0.5 g", "片 tab", 90, 18 },
	{ 6, "2026-10-09", "阿莫西林克拉维酸钾片 0.625 g（出院带药）",
	    "Amoxicillin-clavulanate 0.625 g (take-home)", "片 tab", 560, 21 },

	{ 7, "2026-10-03", "一次性使用输液器", "Disposable infusion set",
	    "套 set", 800, 6 },
	{ 7, "2026-10-03", "静脉留置针", "IV cannula", "支 pc", 2500, 2 },
	{ 7, "2026-10-03", "一次性雾化器", "Disposable nebuliser",
	    "个 pc", 2800, 1 },
	{ 7, "2026-10-03", "一次性吸氧管（鼻导管）", "Nasal oxygen cannula",
	    "根 pc", 600, 1 },

	{ 8, "2026-10-03", "国际医疗服务费", "International medical service",
	    "日 day", 50000, 6 },
	{ 8, "2026-10-05", "医疗翻译服务", "Medical interpreting",
	    "次 time", 20000, 2 },
};
#define NCHARGE (sizeof(charges) / sizeof(charges[0]))

static fen cat_total[NCAT];

/* Adds the charges up in fen and checks them against the receipt. */
static int
add_up_charges(void)
{
	char a[32], b[32], words[128];
	fen total = 0;
	size_t i;

	memset(cat_total, 0, sizeof(cat_total));
	for (i = 0; i < NCHARGE; i++) {
		if (charges[i].cat >= NCAT || charges[i].price <= 0 ||
		    charges[i].qty <= 0) {
			fail("charge %zu (%s) is malformed", i, charges[i].zh);
			return -1;
		}
		cat_total[charges[i].cat] += charges[i].price * charges[i].qty;
		total += charges[i].price * charges[i].qty;
	}
	if (total != TOTAL_FEN) {
		fail("the charges add up to %s, not %s", yuan(a, total),
		    yuan(b, TOTAL_FEN));
		return -1;
	}
	capital(words, sizeof(words), total);
	if (strcmp(words, TOTAL_CAPITAL) != 0) {
		fail("%s in words came out as %s, not %s", yuan(a, total),
		    words, TOTAL_CAPITAL);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* 出院小结 Discharge summary (2 pages; photographed by the script) */

static float
labelled_para(mk *m, float y, const char *zh, const char *en,
    const char *body)
{
	y = heading(m, y, zh, en);
	y = para(m, LEFT + 8, y, RIGHT - LEFT - 8, 10, 16.5f, body);
	return y - 8;
}

static float
diagnosis(mk *m, float y, const char *zh, const char *en, const char *icd)
{
	ink_text(m);
	put(m, LEFT + 8, y, 10, AL_LEFT, zh);
	if (icd) {
		ink_label(m);
		put(m, RIGHT, y, 8, AL_RIGHT, icd);
	}
	ink(m, 0.25f, 0.25f, 0.25f);
	put(m, LEFT + 20, y - 12, 8.5f, AL_LEFT, en);
	ink_text(m);
	return y - 28;
}

static int
draw_discharge(mk *m)
{
	float y, x;

	new_page(m);
	y = letterhead(m, "出院小结", "Discharge Summary");
	y = patient_block(m, y, "住院天数 Stay:", "6天 days");
	field(m, LEFT, y + 6, "入院日期 Admitted:", "2026-10-03");
	field(m, LEFT + 205, y + 6, "出院日期 Discharged:", "2026-10-09");
	y -= 18;

	y = labelled_para(m, y, "入院情况", "Condition on admission",
	    "患者男性，42岁，外籍，因“发热、咳嗽、咳痰3天”于2026-10-03入院。"
	    "患者3天前受凉后出现发热，最高体温39.2℃，伴咳嗽、咳黄白色黏痰，"
	    "活动后轻度气促，无胸痛、咯血。既往体健，否认药物过敏史，"
	    "不吸烟。入院查体：T 38.9℃，P 104次/分，R 22次/分，"
	    "BP 128/78 mmHg，SpO2 93%（未吸氧）。神志清楚，口唇无发绀，"
	    "右下肺叩诊稍浊，可闻及湿啰音，心律齐，未闻及杂音，腹软，"
	    "无压痛，双下肢无水肿。");

	y = heading(m, y, "入院诊断", "Admission diagnosis");
	y = diagnosis(m, y, "社区获得性肺炎（右下肺）",
	    "Community-acquired pneumonia, right lower lobe", NULL);
	y -= 4;

	y = labelled_para(m, y, "诊疗经过", "Course in hospital",
	    "入院后完善相关检查。2026-10-04 血常规：WBC 13.8×10^9/L，"
	    "NEUT% 84.2%，C反应蛋白 68.5 mg/L；降钙素原 0.62 ng/mL；"
	    "血钾 3.3 mmol/L；肝肾功能未见异常。胸部CT平扫：右肺下叶后基底段"
	    "斑片状实变影，内见支气管充气征，考虑炎症。痰培养：肺炎链球菌"
	    "（青霉素敏感）；呼吸道病原体核酸检测阴性；血培养（2套）阴性。"
	    "CURB-65评分1分。\n"
	    "予头孢曲松 2 g 静脉滴注每日一次联合阿奇霉素 0.5 g "
	    "口服每日一次抗感染，盐酸氨溴索化痰，布地奈德雾化吸入，"
	    "鼻导管吸氧（2 L/min，10-03至10-05），口服氯化钾缓释片补钾，"
	    "对乙酰氨基酚退热等治疗。患者入院第3天（10-05）起体温恢复正常，"
	    "咳嗽、咳痰逐渐减轻，停止吸氧后SpO2 97%。\n"
	    "10-08 复查血常规：WBC 7.6×10^9/L，C反应蛋白 12.3 mg/L，"
	    "血钾 4.1 mmol/L；胸部X线片示右下肺病灶较前明显吸收。");

	y = heading(m, y, "出院诊断", "Discharge diagnoses");
	y = diagnosis(m, y, "1. 社区获得性肺炎（右肺下叶，非重症，肺炎链球菌）",
	    "1. Community-acquired pneumonia, right lower lobe, non-severe "
	    "(Streptococcus pneumoniae)", "ICD-10 J13");
	diagnosis(m, y, "2. 低钾血症（轻度，已纠正）",
	    "2. Hypokalaemia, mild, corrected", "ICD-10 E87.6");

	new_page(m);
	y = letterhead(m, "出院小结（续）", "Discharge Summary (continued)");
	y = patient_block(m, y, "出院日期 Discharged:", "2026-10-09");

	y = labelled_para(m, y, "出院情况", "Condition at discharge",
	    "患者无发热，偶有轻咳，无气促。查体：T 36.6℃，P 78次/分，"
	    "R 18次/分，BP 122/76 mmHg，SpO2 98%（未吸氧）。"
	    "右下肺可闻及少许湿啰音。一般情况良好，准予出院。");

	y = labelled_para(m, y, "出院医嘱", "Discharge advice",
	    "1. 出院带药：阿莫西林克拉维酸钾片 0.625 g，口服，每日3次，"
	    "每次1片，连服7天（见下表）。\n"
	    "2. 注意休息，避免受凉及劳累，多饮水。\n"
	    "3. 2周后（约2026-10-23）呼吸科门诊复诊，复查血常规及胸部CT。\n"
	    "4. 如再次发热、咳嗽加重、胸痛或气促，请及时就诊。\n"
	    "5. 如需乘坐长途航班，请于复诊时咨询医生。");

	y = heading(m, y, "出院带药", "Discharge medication");
	fill_box(m, LEFT + 8, y - 5, RIGHT - LEFT - 8, 16, 0.93f);
	ink_label(m);
	put(m, LEFT + 14, y, 8, AL_LEFT, "药品名称 Drug");
	put(m, LEFT + 230, y, 8, AL_LEFT, "规格 Strength");
	put(m, LEFT + 310, y, 8, AL_LEFT, "用法用量 Dosage");
	put(m, RIGHT - 6, y, 8, AL_RIGHT, "数量 Qty");
	y -= 18;
	ink_text(m);
	put(m, LEFT + 14, y, 9, AL_LEFT, "阿莫西林克拉维酸钾片");
	put(m, LEFT + 230, y, 9, AL_LEFT, "0.625 g");
	put(m, LEFT + 310, y, 9, AL_LEFT, "口服 每日3次 每次1片");
	put(m, RIGHT - 6, y, 9, AL_RIGHT, "21片");
	ink_label(m);
	put(m, LEFT + 14, y - 11, 7.5f, AL_LEFT, "Amoxicillin-clavulanate");
	put(m, LEFT + 310, y - 11, 7.5f, AL_LEFT,
	    "By mouth, 1 tablet 3 times a day, 7 days");
	ink(m, 0.6f, 0.6f, 0.6f);
	hline(m, LEFT + 8, RIGHT, y - 17, 0.5f);
	y -= 60;

	x = field(m, LEFT, y, "主治医师 Attending physician:", "王示例");
	field(m, x + 30, y, "住院医师 Resident:", "李样本");
	y -= 18;
	field(m, LEFT, y, "日期 Date:", "2026-10-09");
	seal(m, RIGHT - 70, y + 6, 42, "示例联合医院", "医疗专用章");
	y -= 26;
	ink_label(m);
	para(m, LEFT, y, 300, 7.5f, 11,
	    "本出院小结一式两份，一份交患者，一份存病案。\n"
	    "One copy for the patient, one for the medical record.");
	footers(m, HOSPITAL_FOOTER);
	return 0;
}

/* ------------------------------------------------------------------ */
/* 医疗收费电子票据 Fiscal medical e-receipt */

static float
receipt_pair(mk *m, float x, float y, const char *label, const char *value)
{
	ink_label(m);
	put(m, x, y, 7.5f, AL_LEFT, label);
	ink_text(m);
	put(m, x + width(m, label, 7.5f) + 3, y, 8.5f, AL_LEFT, value);
	return y;
}

static int
draw_receipt(mk *m)
{
	static const struct {
		const char *label, *value;
	} other[] = {
		{ "业务流水号:", "2026100900731" },
		{ "住院号:", INPATIENT_NO },
		{ "住院时间:", "2026-10-03 至 2026-10-09" },
		{ "医疗机构类型:", "综合医院" },
		{ "医保类型:", "自费" },
		{ "性别:", "男" },
		{ "医保统筹基金支付:", "0.00" },
		{ "其他支付:", "0.00" },
		{ "个人账户支付:", "0.00" },
		{ "个人现金支付:", "12850.40" },
		{ "个人自付:", "0.00" },
		{ "个人自费:", "12850.40" },
	};
	char a[32], b[32], words[128];
	float top, y, x0 = LEFT, x1 = RIGHT, mid = (LEFT + RIGHT) / 2, rowh;
	size_t i;

	new_page(m);
	ink(m, 0.55f, 0.12f, 0.10f);
	m->bold = 1;
	put(m, PAGE_W / 2, PAGE_H - 70, 18, AL_CENTER,
	    "示例省医疗收费电子票据");
	m->bold = 0;
	put(m, PAGE_W / 2, PAGE_H - 86, 8.5f, AL_CENTER,
	    "Medical fee e-receipt (fiscal) — 样本 SPECIMEN, not a valid "
	    "receipt");
	hline(m, PAGE_W / 2 - 105, PAGE_W / 2 + 105, PAGE_H - 75, 0.8f);
	hline(m, PAGE_W / 2 - 105, PAGE_W / 2 + 105, PAGE_H - 77.5f, 0.8f);

	/* Where the real receipt has its QR code. */
	ink(m, 0.6f, 0.6f, 0.6f);
	box(m, x0, PAGE_H - 160, 62, 62, 0.6f);
	ink_label(m);
	put(m, x0 + 31, PAGE_H - 122, 8, AL_CENTER, "二维码");
	put(m, x0 + 31, PAGE_H - 133, 6.5f, AL_CENTER, "QR code");
	put(m, x0 + 31, PAGE_H - 143, 6.5f, AL_CENTER, "(样本略 omitted)");

	y = PAGE_H - 112;
	receipt_pair(m, x0 + 75, y, "票据代码 Code:", "11060126");
	receipt_pair(m, mid + 40, y, "票据号码 No.:", "0012345678");
	y -= 17;
	receipt_pair(m, x0 + 75, y, "交款人统一社会信用代码 Payer ID:", "");
	receipt_pair(m, mid + 40, y, "校验码 Check code:", "a1b2c3");
	y -= 17;
	receipt_pair(m, x0 + 75, y, "交款人 Payer:", PATIENT_NAME);
	receipt_pair(m, mid + 40, y, "开票日期 Date:", "2026-10-09");

	/* The fee table: two halves of item, amount, note. */
	top = PAGE_H - 172;
	rowh = 19;
	ink(m, 0.55f, 0.12f, 0.10f);
	box(m, x0, top - rowh * 10 - 62, x1 - x0, rowh * 10 + 62, 1.0f);
	ink_label(m);
	for (i = 0; i < 2; i++) {
		float bx = i ? mid : x0;

		put(m, bx + 8, top - 13, 8, AL_LEFT, "项目名称 Item");
		put(m, bx + 160, top - 13, 8, AL_RIGHT, "金额(元) Amount");
		put(m, bx + 172, top - 13, 8, AL_LEFT, "备注 Note");
	}
	ink(m, 0.55f, 0.12f, 0.10f);
	hline(m, x0, x1, top - rowh, 0.5f);
	vline(m, mid, top, top - rowh * 7, 0.5f);
	for (i = 0; i < NCAT; i++) {
		float bx = i < 5 ? x0 : mid;
		float ry = top - rowh * (float)(i % 5 + 2) + 5;

		ink_text(m);
		put(m, bx + 8, ry, 9, AL_LEFT, categories[i].zh);
		ink_label(m);
		put(m, bx + 8 + width(m, categories[i].zh, 9) + 4, ry, 6.5f,
		    AL_LEFT, categories[i].en);
		ink_text(m);
		put(m, bx + 160, ry, 9, AL_RIGHT, yuan(a, cat_total[i]));
	}
	y = top - rowh * 7;
	ink(m, 0.55f, 0.12f, 0.10f);
	hline(m, x0, x1, y, 0.5f);
	capital(words, sizeof(words), TOTAL_FEN);
	ink_label(m);
	put(m, x0 + 8, y - 14, 8, AL_LEFT, "金额合计（大写）Total in words");
	ink_text(m);
	m->bold = 1;
	put(m, x0 + 150, y - 14, 10, AL_LEFT, words);
	m->bold = 0;
	ink_label(m);
	put(m, mid + 70, y - 14, 8, AL_LEFT, "（小写）Total");
	ink_text(m);
	m->bold = 1;
	put(m, x1 - 10, y - 14, 10, AL_RIGHT, yuan(a, TOTAL_FEN));
	m->bold = 0;
	y -= rowh + 2;
	ink(m, 0.55f, 0.12f, 0.10f);
	hline(m, x0, x1, y, 0.5f);

	/* 其他信息: the stay and how it was paid. */
	ink_label(m);
	put(m, x0 + 8, y - 13, 8, AL_LEFT, "其他信息 Other information");
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		receipt_pair(m, x0 + 8 + (float)(i % 3) * 165,
		    y - 29 - (float)(i / 3) * 15, other[i].label, other[i].value);
	y -= 29 + 4 * 15;
	receipt_pair(m, x0 + 8, y, "预缴金额 Deposit:", yuan(a, DEPOSIT_FEN));
	receipt_pair(m, x0 + 173, y, "补缴金额 Top-up:", "0.00");
	receipt_pair(m, x0 + 338, y, "退费金额 Refund:",
	    yuan(b, DEPOSIT_FEN - TOTAL_FEN));

	y = top - rowh * 10 - 62 - 24;
	receipt_pair(m, x0, y, "收款单位（章）Issuer (seal):", "示例联合医院");
	receipt_pair(m, mid + 20, y, "复核人 Checked by:", "张样本");
	receipt_pair(m, mid + 150, y, "收款人 Cashier:", "陈示例");
	seal(m, x0 + 250, y - 44, 40, "示例联合医院", "收费专用章");

	ink_label(m);
	para(m, x0, y - 104, x1 - x0, 8, 12,
	    "说明：本票据为虚构样本，票据代码、号码和校验码均为示例，"
	    "在财政电子票据查验平台上查不到。\n"
	    "Note: this receipt is a fictitious specimen. Its code, number and "
	    "check code are examples; the Ministry of Finance verification "
	    "platform will not find them.");
	ink(m, 0.45f, 0.45f, 0.45f);
	put(m, PAGE_W / 2, 32, 6.5f, AL_CENTER, SPECIMEN ". "
	    "本文件中的人物、机构和编号均为虚构。Every person, "
	    "institution and number in this document is fictitious.");
	return 0;
}

/* ------------------------------------------------------------------ */
/* 住院费用清单 Inpatient itemized expense list (2 pages) */

#define EX_DATE (LEFT + 4)
#define EX_ITEM (LEFT + 60)
#define EX_UNIT (LEFT + 282)
#define EX_PRICE (LEFT + 370)
#define EX_QTY (LEFT + 405)
#define EX_AMOUNT (RIGHT - 4)
#define EX_BOTTOM 80.0f

/* A page of the list: the letterhead on the first, a running head on the
 * others; returns the y of the first row. */
static float
expense_page(mk *m, int first)
{
	float y;

	new_page(m);
	if (first) {
		y = letterhead(m, "住院费用清单",
		    "Inpatient Itemized Expense List");
		y = patient_block(m, y, "费别 Payment:", "自费 Self-pay");
		field(m, LEFT, y + 6, "入院日期 Admitted:", "2026-10-03");
		field(m, LEFT + 205, y + 6, "出院日期 Discharged:",
		    "2026-10-09");
		field(m, LEFT + 345, y + 6, "住院天数 Stay:", "6天 days");
		y -= 18;
	} else {
		y = PAGE_H - 58;
		ink_accent(m);
		m->bold = 1;
		put(m, LEFT, y, 11, AL_LEFT, "示例联合医院  住院费用清单（续）");
		m->bold = 0;
		ink_label(m);
		put(m, RIGHT, y, 8, AL_RIGHT,
		    "Example Union Hospital · Inpatient Itemized Expense List "
		    "(continued)");
		y -= 18;
		field(m, LEFT, y, "姓名 Name:", PATIENT_NAME);
		field(m, LEFT + 205, y, "住院号 Inpatient No.:", INPATIENT_NO);
		field(m, LEFT + 345, y, "费别 Payment:", "自费 Self-pay");
		ink_accent(m);
		hline(m, LEFT, RIGHT, y - 9, 0.8f);
		y -= 30;
	}
	fill_box(m, LEFT, y - 6, RIGHT - LEFT, 18, 0.90f);
	ink_label(m);
	put(m, EX_DATE, y, 7.5f, AL_LEFT, "日期 Date");
	put(m, EX_ITEM, y, 7.5f, AL_LEFT, "项目名称 Item");
	put(m, EX_UNIT, y, 7.5f, AL_LEFT, "单位 Unit");
	put(m, EX_PRICE, y, 7.5f, AL_RIGHT, "单价 Price");
	put(m, EX_QTY, y, 7.5f, AL_RIGHT, "数量 Qty");
	put(m, EX_AMOUNT, y, 7.5f, AL_RIGHT, "金额(元) Amount");
	ink_text(m);
	return y - 22;
}

/* A category's heading row: its subtotal, or "continued" at the top of a
 * page that carries on a category. */
static float
expense_category(mk *m, float y, size_t c, int cont)
{
	char a[32];

	fill_box(m, LEFT, y - 5, RIGHT - LEFT, 16, 0.95f);
	ink_accent(m);
	m->bold = 1;
	put(m, EX_DATE, y, 9, AL_LEFT, categories[c].zh);
	m->bold = 0;
	putf(m, EX_DATE + width(m, categories[c].zh, 9) + 6, y, 7.5f,
	    AL_LEFT, cont ? "%s（续 cont.）" : "%s", categories[c].en);
	if (!cont)
		putf(m, EX_AMOUNT, y, 8, AL_RIGHT, "小计 Subtotal  %s",
		    yuan(a, cat_total[c]));
	ink_text(m);
	return y - 19;
}

static int
draw_expenses(mk *m)
{
	char a[32], words[128];
	float y;
	size_t c, i, first;

	y = expense_page(m, 1);
	for (c = 0; c < NCAT; c++) {
		for (first = 0; first < NCHARGE; first++)
			if (charges[first].cat == c)
				break;
		/* Keep a category's heading with its first line. */
		if (y - 18 - 20 < EX_BOTTOM)
			y = expense_page(m, 0);
		y = expense_category(m, y, c, 0);
		for (i = first; i < NCHARGE; i++) {
			const charge *ch = &charges[i];

			if (ch->cat != c)
				continue;
			if (y - 12 < EX_BOTTOM) {
				y = expense_page(m, 0);
				y = expense_category(m, y, c, 1);
			}
			ink_text(m);
			put(m, EX_DATE, y, 8, AL_LEFT, ch->date);
			put(m, EX_ITEM, y, 8.5f, AL_LEFT, ch->zh);
			put(m, EX_UNIT, y, 8, AL_LEFT, ch->unit);
			put(m, EX_PRICE, y, 8.5f, AL_RIGHT, yuan(a, ch->price));
			putf(m, EX_QTY, y, 8.5f, AL_RIGHT, "%d", ch->qty);
			put(m, EX_AMOUNT, y, 8.5f, AL_RIGHT,
			    yuan(a, ch->price * ch->qty));
			ink_label(m);
			put(m, EX_ITEM, y - 9.5f, 7, AL_LEFT, ch->en);
			ink(m, 0.82f, 0.82f, 0.82f);
			hline(m, LEFT, RIGHT, y - 13, 0.3f);
			y -= 21.5f;
		}
		y -= 2;
	}
	if (y - 70 < EX_BOTTOM)
		y = expense_page(m, 0);
	ink_text(m);
	hline(m, LEFT, RIGHT, y + 8, 1.0f);
	capital(words, sizeof(words), TOTAL_FEN);
	m->bold = 1;
	put(m, EX_DATE, y - 8, 10, AL_LEFT, "合计 Total");
	put(m, EX_AMOUNT, y - 8, 10, AL_RIGHT, yuan(a, TOTAL_FEN));
	m->bold = 0;
	ink_label(m);
	put(m, EX_ITEM + 20, y - 8, 8, AL_LEFT, "大写 In words:");
	ink_text(m);
	put(m, EX_ITEM + 80, y - 8, 9, AL_LEFT, words);
	y -= 28;
	field(m, LEFT, y, "预交金 Deposit:", yuan(a, DEPOSIT_FEN));
	field(m, LEFT + 170, y, "退款 Refund:",
	    yuan(a, DEPOSIT_FEN - TOTAL_FEN));
	field(m, LEFT + 345, y, "打印日期 Printed:", "2026-10-09");
	y -= 16;
	field(m, LEFT, y, "制表人 Prepared by:", "陈示例");
	field(m, LEFT + 170, y, "票据号码 Receipt No.:", "0012345678");
	footers(m, HOSPITAL_FOOTER);
	return 0;
}

/* ------------------------------------------------------------------ */
/* 检验报告 Lab report: complete blood count + CRP */

static int
draw_lab(mk *m)
{
	static const struct {
		const char *abbr, *zh, *en, *result, *flag, *unit, *range;
	} rows[] = {
		{ "WBC", "白细胞计数", "White blood cells", "13.8", "↑",
		    "10^9/L", "3.5-9.5" },
		{ "NEUT%", "中性粒细胞百分比", "Neutrophils %", "84.2", "↑",
		    "%", "40-75" },
		{ "LYMPH%", "淋巴细胞百分比", "Lymphocytes %", "9.6", "↓",
		    "%", "20-50" },
		{ "MONO%", "单核细胞百分比", "Monocytes %", "5.1", "",
		    "%", "3-10" },
		{ "EO%", "嗜酸性粒细胞百分比", "Eosinophils %", "0.8", "",
		    "%", "0.4-8.0" },
		{ "BASO%", "嗜碱性粒细胞百分比", "Basophils %", "0.3", "",
		    "%", "0-1" },
		{ "NEUT#", "中性粒细胞绝对值", "Neutrophils", "11.62", "↑",
		    "10^9/L", "1.8-6.3" },
		{ "LYMPH#", "淋巴细胞绝对值", "Lymphocytes", "1.32", "",
		    "10^9/L", "1.1-3.2" },
		{ "MONO#", "单核细胞绝对值", "Monocytes", "0.70", "↑",
		    "10^9/L", "0.1-0.6" },
		{ "RBC", "红细胞计数", "Red blood cells", "4.85", "",
		    "10^12/L", "4.3-5.8" },
		{ "HGB", "血红蛋白", "Haemoglobin", "142", "", "g/L",
		    "130-175" },
		{ "HCT", "红细胞压积", "Haematocrit", "42.1", "", "%",
		    "40-50" },
		{ "MCV", "平均红细胞体积", "Mean cell volume", "86.8", "",
		    "fL", "82-100" },
		{ "MCH", "平均红细胞血红蛋白含量", "Mean cell haemoglobin",
		    "29.3", "", "pg", "27-34" },
		{ "MCHC", "平均红细胞血红蛋白浓度", "Mean cell Hb concentration",
		    "337", "", "g/L", "316-354" },
		{ "RDW-CV", "红细胞分布宽度", "Red cell distribution width",
		    "12.9", "", "%", "11.5-14.5" },
		{ "PLT", "血小板计数", "Platelets", "268", "", "10^9/L",
		    "125-350" },
		{ "MPV", "平均血小板体积", "Mean platelet volume", "10.2", "",
		    "fL", "7.4-12.5" },
		{ "CRP", "C反应蛋白", "C-reactive protein", "68.5", "↑",
		    "mg/L", "0-10" },
	};
	float y;
	size_t i;

	new_page(m);
	y = letterhead(m, "检验报告单", "Laboratory Report");
	y = patient_block(m, y, "样本号 Sample No.:", "20261004-0187");
	field(m, LEFT, y + 6, "检验项目 Test:", "血常规 + C反应蛋白 CBC + CRP");
	field(m, LEFT + 275, y + 6, "标本类型 Specimen:", "全血 Whole blood");
	y -= 12;
	field(m, LEFT, y + 6, "临床诊断 Diagnosis:", "社区获得性肺炎");
	field(m, LEFT + 275, y + 6, "送检医生 Requested by:", "李样本");
	y -= 20;

	fill_box(m, LEFT, y - 6, RIGHT - LEFT, 18, 0.90f);
	ink_label(m);
	put(m, LEFT + 4, y, 7.5f, AL_LEFT, "No.");
	put(m, LEFT + 28, y, 7.5f, AL_LEFT, "项目 Test");
	put(m, LEFT + 270, y, 7.5f, AL_RIGHT, "结果 Result");
	put(m, LEFT + 290, y, 7.5f, AL_LEFT, "提示 Flag");
	put(m, LEFT + 340, y, 7.5f, AL_LEFT, "单位 Unit");
	put(m, LEFT + 400, y, 7.5f, AL_LEFT, "参考区间 Reference");
	y -= 20;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ink_label(m);
		putf(m, LEFT + 4, y, 8, AL_LEFT, "%zu", i + 1);
		ink_text(m);
		put(m, LEFT + 28, y, 8.5f, AL_LEFT, rows[i].zh);
		ink_label(m);
		putf(m, LEFT + 28 + width(m, rows[i].zh, 8.5f) + 5, y, 7,
		    AL_LEFT, "%s  %s", rows[i].abbr, rows[i].en);
		if (rows[i].flag[0])
			ink_red(m);
		else
			ink_text(m);
		m->bold = rows[i].flag[0] != 0;
		put(m, LEFT + 270, y, 9, AL_RIGHT, rows[i].result);
		put(m, LEFT + 300, y, 9, AL_LEFT, rows[i].flag);
		m->bold = 0;
		ink_text(m);
		put(m, LEFT + 340, y, 8.5f, AL_LEFT, rows[i].unit);
		put(m, LEFT + 400, y, 8.5f, AL_LEFT, rows[i].range);
		ink(m, 0.85f, 0.85f, 0.85f);
		hline(m, LEFT, RIGHT, y - 6, 0.3f);
		y -= 19;
	}
	y -= 10;
	field(m, LEFT, y, "采样时间 Collected:", "2026-10-04 06:30");
	field(m, LEFT + 170, y, "接收时间 Received:", "2026-10-04 07:05");
	field(m, LEFT + 340, y, "报告时间 Reported:", "2026-10-04 08:12");
	y -= 18;
	field(m, LEFT, y, "检验者 Tested by:", "赵样本");
	field(m, LEFT + 170, y, "审核者 Verified by:", "孙示例");
	field(m, LEFT + 340, y, "报告日期 Date:", "2026-10-04");
	y -= 26;
	ink_label(m);
	para(m, LEFT, y, RIGHT - LEFT, 7.5f, 11,
	    "↑ 高于参考区间 above the reference interval；↓ 低于参考区间 below "
	    "it。本报告仅对所检标本负责。This report relates only to the "
	    "specimen tested.");
	footers(m, HOSPITAL_FOOTER);
	return 0;
}

/* ------------------------------------------------------------------ */
/* 影像报告 Imaging report: chest CT */

/* A drawn stand-in for a key image: an axial slice, schematic only. */
static void
ct_sketch(mk *m, float x, float y, float s)
{
	fill_box(m, x, y, s, s, 0.05f);
	HPDF_Page_SetGrayFill(m->page, 0.55f);
	HPDF_Page_Ellipse(m->page, x + s / 2, y + s / 2, s * 0.42f, s * 0.33f);
	HPDF_Page_Fill(m->page);
	HPDF_Page_SetGrayFill(m->page, 0.12f);
	HPDF_Page_Ellipse(m->page, x + s * 0.31f, y + s / 2, s * 0.16f,
	    s * 0.25f);
	HPDF_Page_Ellipse(m->page, x + s * 0.69f, y + s / 2, s * 0.16f,
	    s * 0.25f);
	HPDF_Page_Fill(m->page);
	HPDF_Page_SetGrayFill(m->page, 0.75f);
	HPDF_Page_Circle(m->page, x + s / 2, y + s * 0.36f, s * 0.05f);
	HPDF_Page_Fill(m->page);
	/* The consolidation: the patient's right is the image's left. */
	HPDF_Page_SetGrayFill(m->page, 0.42f);
	HPDF_Page_Ellipse(m->page, x + s * 0.28f, y + s * 0.36f, s * 0.08f,
	    s * 0.07f);
	HPDF_Page_Fill(m->page);
	ink(m, 0.85f, 0.85f, 0.85f);
	put(m, x + 4, y + s - 10, 6, AL_LEFT, "R");
	put(m, x + s - 4, y + s - 10, 6, AL_RIGHT, "L");
	put(m, x + 4, y + 4, 5.5f, AL_LEFT, "示意图 schematic");
}

static int
draw_ct(mk *m)
{
	float y, ys;

	new_page(m);
	y = letterhead(m, "影像检查报告单（CT）",
	    "Imaging Report: Computed Tomography");
	y = patient_block(m, y, "检查号 Exam No.:", "CT20261004-0356");
	field(m, LEFT, y + 6, "检查部位 Region:", "胸部 Chest");
	field(m, LEFT + 205, y + 6, "检查方法 Technique:",
	    "胸部CT平扫 Non-contrast, 1.25 mm");
	y -= 12;
	field(m, LEFT, y + 6, "检查时间 Examined:", "2026-10-04 09:40");
	field(m, LEFT + 205, y + 6, "临床诊断 Clinical diagnosis:",
	    "社区获得性肺炎？");
	y -= 24;

	ys = y;
	y = heading(m, y, "影像所见", "Findings");
	y = para(m, LEFT + 8, y, 330, 9.5f, 15,
	    "胸廓对称。右肺下叶后基底段见斑片状实变影及磨玻璃密度影，"
	    "内见支气管充气征，边界模糊，范围约 4.2 cm × 3.1 cm。"
	    "左肺及右肺上叶、中叶未见明显实变。气管及主支气管通畅。"
	    "纵隔内未见明显肿大淋巴结。心影大小正常。双侧胸腔未见积液。");
	y -= 4;
	ink(m, 0.25f, 0.25f, 0.25f);
	y = para(m, LEFT + 8, y, 330, 8.5f, 12.5f,
	    "Patchy consolidation with ground-glass opacity in the posterior "
	    "basal segment of the right lower lobe, with air bronchograms and "
	    "ill-defined margins, about 4.2 cm × 3.1 cm. No consolidation in "
	    "the left lung or the right upper and middle lobes. Trachea and "
	    "main bronchi patent. No enlarged mediastinal lymph nodes. Normal "
	    "heart size. No pleural effusion.");
	ink_text(m);
	ct_sketch(m, RIGHT - 140, ys - 150, 140);
	ink_label(m);
	put(m, RIGHT - 70, ys - 162, 7, AL_CENTER, "影像资料另附（DICOM）");
	put(m, RIGHT - 70, ys - 172, 7, AL_CENTER,
	    "DICOM images supplied separately");
	ink_text(m);
	y -= 14;
	if (y > ys - 200)
		y = ys - 200;

	y = heading(m, y, "诊断意见", "Impression");
	m->bold = 1;
	y = para(m, LEFT + 8, y, RIGHT - LEFT - 8, 10, 16,
	    "右肺下叶炎症，考虑社区获得性肺炎；建议抗感染治疗后复查。");
	m->bold = 0;
	ink(m, 0.25f, 0.25f, 0.25f);
	y = para(m, LEFT + 8, y, RIGHT - LEFT - 8, 8.5f, 12.5f,
	    "Inflammation of the right lower lobe, consistent with "
	    "community-acquired pneumonia; follow-up imaging after "
	    "antibiotic treatment is advised.");
	ink_text(m);
	y -= 30;
	field(m, LEFT, y, "报告医师 Reported by:", "周样本");
	field(m, LEFT + 170, y, "审核医师 Reviewed by:", "吴示例");
	field(m, LEFT + 340, y, "报告时间 Reported:", "2026-10-04 11:25");
	y -= 26;
	ink_label(m);
	para(m, LEFT, y, RIGHT - LEFT, 7.5f, 11,
	    "本报告仅供临床参考，须经医师签名方有效。This report is for "
	    "clinical reference and is valid only when signed by the "
	    "radiologist.");
	footers(m, HOSPITAL_FOOTER);
	return 0;
}

/* ------------------------------------------------------------------ */
/* 翻译件 English translation of the discharge summary */

static float
en_section(mk *m, float y, const char *title, const char *body)
{
	ink_accent(m);
	m->bold = 1;
	put(m, LEFT, y, 10.5f, AL_LEFT, title);
	m->bold = 0;
	ink_text(m);
	y = para(m, LEFT + 8, y - 16, RIGHT - LEFT - 8, 9.5f, 14, body);
	return y - 8;
}

static int
draw_translation(mk *m)
{
	float y;

	new_page(m);
	ink_text(m);
	m->bold = 1;
	put(m, PAGE_W / 2, PAGE_H - 62, 16, AL_CENTER,
	    "Discharge Summary — English translation");
	m->bold = 0;
	ink_label(m);
	put(m, PAGE_W / 2, PAGE_H - 78, 9.5f, AL_CENTER,
	    "出院小结 翻译件 · Example Union Hospital 示例联合医院");

	ink_red(m);
	box(m, LEFT, PAGE_H - 128, RIGHT - LEFT, 36, 1.0f);
	m->bold = 1;
	put(m, PAGE_W / 2, PAGE_H - 106, 10, AL_CENTER,
	    "Translation of the discharge summary — not an official document");
	m->bold = 0;
	put(m, PAGE_W / 2, PAGE_H - 120, 8, AL_CENTER,
	    "出院小结之翻译件，非官方文件。The Chinese original prevails.");

	y = PAGE_H - 148;
	ink_text(m);
	field(m, LEFT, y, "Source document:",
	    "出院小结 Discharge summary, 2 pages, issued 2026-10-09");
	y -= 15;
	field(m, LEFT, y, "Issued by:",
	    "Example Union Hospital (示例联合医院), Department of Respiratory "
	    "and Critical Care Medicine");
	y -= 24;
	field(m, LEFT, y, "Name:", "John Alexander Smith");
	field(m, LEFT + 200, y, "Sex:", "Male");
	field(m, LEFT + 270, y, "Age:", "42");
	field(m, LEFT + 340, y, "Inpatient No.:", INPATIENT_NO);
	y -= 15;
	field(m, LEFT, y, "Name as written in the original:", PATIENT_NAME);
	field(m, LEFT + 340, y, "Bed:", "18");
	y -= 15;
	field(m, LEFT, y, "Admitted:", "2026-10-03");
	field(m, LEFT + 200, y, "Discharged:", "2026-10-09");
	field(m, LEFT + 340, y, "Length of stay:", "6 days");
	ink(m, 0.6f, 0.6f, 0.6f);
	hline(m, LEFT, RIGHT, y - 9, 0.5f);
	y -= 30;

	y = en_section(m, y, "Condition on admission",
	    "Male, 42, foreign national, admitted on 2026-10-03 with fever, "
	    "cough and sputum for 3 days. Fever up to 39.2 °C after a chill, "
	    "with cough, yellow-white mucoid sputum and mild breathlessness "
	    "on exertion; no chest pain or haemoptysis. Previously healthy, "
	    "no known drug allergies, non-smoker. On examination: T 38.9 °C, "
	    "P 104/min, R 22/min, BP 128/78 mmHg, SpO2 93% on room air. "
	    "Alert, no cyanosis; slight dullness and crackles over the right "
	    "lower chest; regular heart rhythm, no murmur; abdomen soft and "
	    "non-tender; no leg oedema.");
	y = en_section(m, y, "Admission diagnosis",
	    "Community-acquired pneumonia, right lower lobe.");
	y = en_section(m, y, "Course in hospital",
	    "Investigations on 2026-10-04: WBC 13.8 × 10^9/L, neutrophils "
	    "84.2%, CRP 68.5 mg/L; procalcitonin 0.62 ng/mL; potassium "
	    "3.3 mmol/L; liver and renal function normal. Non-contrast chest "
	    "CT: patchy consolidation with air bronchograms in the posterior "
	    "basal segment of the right lower lobe, consistent with "
	    "inflammation. Sputum culture: Streptococcus pneumoniae "
	    "(penicillin-sensitive); respiratory pathogen PCR negative; blood "
	    "cultures (2 sets) negative. CURB-65 score 1.\n"
	    "Treated with ceftriaxone 2 g IV once daily plus azithromycin "
	    "0.5 g by mouth once daily, ambroxol, nebulised budesonide, "
	    "oxygen by nasal cannula (2 L/min, 10-03 to 10-05), oral "
	    "potassium chloride and paracetamol for fever. Afebrile from the "
	    "third day (10-05); cough and sputum gradually improved; SpO2 97% "
	    "on room air after oxygen was stopped.\n"
	    "On 10-08: WBC 7.6 × 10^9/L, CRP 12.3 mg/L, potassium "
	    "4.1 mmol/L; chest X-ray showed marked resolution of the right "
	    "lower lobe shadow.");
	y = en_section(m, y, "Discharge diagnoses",
	    "1. Community-acquired pneumonia, right lower lobe, non-severe "
	    "(Streptococcus pneumoniae), ICD-10 J13.\n"
	    "2. Hypokalaemia, mild, corrected, ICD-10 E87.6.");

	new_page(m);
	y = PAGE_H - 62;
	ink_label(m);
	put(m, LEFT, y, 8.5f, AL_LEFT,
	    "Discharge Summary — English translation (continued) · "
	    "John Alexander Smith · Inpatient No. " INPATIENT_NO);
	ink(m, 0.6f, 0.6f, 0.6f);
	hline(m, LEFT, RIGHT, y - 8, 0.5f);
	y -= 32;
	y = en_section(m, y, "Condition at discharge",
	    "No fever, occasional mild cough, no breathlessness. On "
	    "examination: T 36.6 °C, P 78/min, R 18/min, BP 122/76 mmHg, SpO2 "
	    "98% on room air. A few crackles remain over the right lower "
	    "chest. In good general condition; fit for discharge.");
	y = en_section(m, y, "Discharge advice",
	    "1. Take-home medication: amoxicillin-clavulanate tablets "
	    "0.625 g, 1 tablet by mouth 3 times a day for 7 days "
	    "(21 tablets).\n"
	    "2. Rest, avoid getting cold and over-exertion; drink plenty of "
	    "fluids.\n"
	    "3. Follow-up at the respiratory outpatient clinic in 2 weeks "
	    "(about 2026-10-23), with a blood count and chest CT.\n"
	    "4. Seek care promptly if fever returns, or cough, chest pain or "
	    "breathlessness gets worse.\n"
	    "5. Before a long-haul flight, ask the doctor at the follow-up "
	    "visit.");
	y = en_section(m, y, "Signatures in the original",
	    "Attending physician: WANG Shili (王示例). Resident: LI Yangben "
	    "(李样本). Dated 2026-10-09. The original bears the red seal "
	    "\"示例联合医院 医疗专用章\" (Example Union Hospital, medical "
	    "affairs seal).");

	y -= 10;
	ink(m, 0.6f, 0.6f, 0.6f);
	hline(m, LEFT, RIGHT, y + 6, 0.5f);
	y -= 10;
	y = en_section(m, y, "Translator's statement",
	    "I certify that this is a complete and accurate English "
	    "translation of the attached Chinese discharge summary, to the "
	    "best of my knowledge and ability.");
	field(m, LEFT + 8, y, "Translator:",
	    "LI Example, Example Translation Services (fictitious)");
	y -= 15;
	field(m, LEFT + 8, y, "Date of translation:", "2026-10-15");
	footers(m, "Translation prepared for the claim CG-2026-118842 · "
	    "not issued by the hospital");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stand-in DICOM files */

static void
dicom_element(buf *b, unsigned group, unsigned elem, const char *vr,
    const void *value, size_t len)
{
	static const unsigned char zero;
	int pad = len % 2 != 0;

	buf_le16(b, group);
	buf_le16(b, elem);
	buf_put(b, vr, 2);
	if (strcmp(vr, "OB") == 0) {
		buf_le16(b, 0);
		buf_le32(b, (uint32_t)(len + pad));
	} else
		buf_le16(b, (unsigned)(len + pad));
	buf_put(b, value, len);
	if (pad)
		buf_put(b, strcmp(vr, "UI") == 0 ? &zero :
		    (const void *)" ", 1);
}

static void
dicom_str(buf *b, unsigned group, unsigned elem, const char *vr,
    const char *s)
{
	dicom_element(b, group, elem, vr, s, strlen(s));
}

/* A DICOM Part 10 header around a few descriptive elements and no pixel
 * data: enough for a file sniffer, not an image. */
static int
write_dicom(const char *path, int instance)
{
	static const char ct_storage[] = "1.2.840.10008.5.1.4.1.1.2";
	static const char explicit_le[] = "1.2.840.10008.1.2.1";
	static const unsigned char version[2] = { 0, 1 };
	unsigned char preamble[128];
	char uid[64], num[8];
	buf meta = {0}, out = {0};
	int rc;

	snprintf(uid, sizeof(uid), "2.25.2026100400000000000000000000%d",
	    instance);
	snprintf(num, sizeof(num), "%d", instance);
	dicom_element(&meta, 0x0002, 0x0001, "OB", version, 2);
	dicom_str(&meta, 0x0002, 0x0002, "UI", ct_storage);
	dicom_str(&meta, 0x0002, 0x0003, "UI", uid);
	dicom_str(&meta, 0x0002, 0x0010, "UI", explicit_le);

	memset(preamble, 0, sizeof(preamble));
	buf_put(&out, preamble, sizeof(preamble));
	buf_put(&out, "DICM", 4);
	buf_le16(&out, 0x0002);
	buf_le16(&out, 0x0000);
	buf_put(&out, "UL", 2);
	buf_le16(&out, 4);
	buf_le32(&out, (uint32_t)meta.n);
	buf_put(&out, meta.p, meta.n);
	/* The name in its alphabetic and ideographic groups, as Chinese
	 * PACS write it, in UTF-8. */
	dicom_str(&out, 0x0008, 0x0005, "CS", "ISO_IR 192");
	dicom_str(&out, 0x0008, 0x0016, "UI", ct_storage);
	dicom_str(&out, 0x0008, 0x0018, "UI", uid);
	dicom_str(&out, 0x0008, 0x0020, "DA", "20261004");
	dicom_str(&out, 0x0008, 0x0060, "CS", "CT");
	dicom_str(&out, 0x0008, 0x0080, "LO", "EXAMPLE UNION HOSPITAL");
	dicom_str(&out, 0x0008, 0x1030, "LO", "CHEST CT PLAIN");
	dicom_str(&out, 0x0008, 0x103e, "LO",
	    "SPECIMEN - FICTITIOUS, NO PIXEL DATA");
	dicom_str(&out, 0x0010, 0x0010, "PN",
	    "SMITH^JOHN ALEXANDER=史密斯^约翰=");
	dicom_str(&out, 0x0010, 0x0020, "LO", INPATIENT_NO);
	dicom_str(&out, 0x0010, 0x0030, "DA", "19840309");
	dicom_str(&out, 0x0010, 0x0040, "CS", "M");
	dicom_str(&out, 0x0020, 0x000d, "UI",
	    "2.25.20261004000000000000000000000");
	dicom_str(&out, 0x0020, 0x000e, "UI",
	    "2.25.20261004000000000000000000001");
	dicom_str(&out, 0x0020, 0x0013, "IS", num);
	rc = meta.oom ? (fail("out of memory"), -1) : write_file(path, &out);
	free(meta.p);
	free(out.p);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Documents */

/* libharu 2.3.0 gives a UTF-8 Type0 font, as /ToUnicode, the encoding
 * CMap itself (a "begincidrange" CMap, which text extractors reject).
 * Codes here are UTF-16 code units, so the right ToUnicode map is the
 * identity: its stream is rewritten, in place, with one bfrange per
 * 256-code block in use. */
static int
fix_tounicode(mk *m)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)m->font->attr;
	HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
	HPDF_Stream s;
	char line[64];
	unsigned hi, lo, blocks = 0, done = 0, n;
	int used[256];

	if (cmap == NULL || cmap->stream == NULL ||
	    HPDF_Dict_GetItem(m->font, "ToUnicode", HPDF_OCLASS_DICT) != cmap) {
		fail("libharu's font layout is not the one expected (2.3.0): "
		    "cannot fix the font's ToUnicode map");
		return -1;
	}
	for (hi = 0; hi < 256; hi++) {
		used[hi] = 0;
		for (lo = 0; lo < 256; lo += 8)
			if (m->used[(hi << 8 | lo) >> 3])
				used[hi] = 1;
		blocks += (unsigned)used[hi];
	}
	s = cmap->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_Stream_WriteStr(s,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (hi = 0; hi < 256; hi++) {
		if (!used[hi])
			continue;
		if (done % 100 == 0) {
			n = blocks - done < 100 ? blocks - done : 100;
			snprintf(line, sizeof(line), "%u beginbfrange\n", n);
			HPDF_Stream_WriteStr(s, line);
		}
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n",
		    hi, hi, hi);
		HPDF_Stream_WriteStr(s, line);
		if (++done % 100 == 0 || done == blocks)
			HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s,
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	return m->err.failed ? -1 : 0;
}

static int
open_doc(mk *m, const char *font, int collection, int embed,
    const char *title)
{
	const char *name;

	memset(&m->err, 0, sizeof(m->err));
	m->npages = 0;
	m->page = NULL;
	m->bold = 0;
	ink_text(m);
	if ((m->pdf = HPDF_New(on_hpdf_error, &m->err)) == NULL) {
		fail("libharu: cannot create a document");
		return -1;
	}
	HPDF_SetCompressionMode(m->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(m->pdf);
	HPDF_SetInfoAttr(m->pdf, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(m->pdf, HPDF_INFO_CREATOR,
	    "claimpack tools/mkexample.c (fictitious example)");
	name = collection ?
	    HPDF_LoadTTFontFromFile2(m->pdf, font, 0, embed ? HPDF_TRUE :
	    HPDF_FALSE) :
	    HPDF_LoadTTFontFromFile(m->pdf, font, embed ? HPDF_TRUE :
	    HPDF_FALSE);
	if (name == NULL ||
	    (m->font = HPDF_GetFont(m->pdf, name, "UTF-8")) == NULL ||
	    m->err.failed) {
		fail("%s: libharu cannot use the font (error 0x%04X, "
		    "detail %u)", font, (unsigned)m->err.code,
		    (unsigned)m->err.detail);
		HPDF_Free(m->pdf);
		m->pdf = NULL;
		return -1;
	}
	return 0;
}

/* Saves (when path is set) and frees the document; rc is the drawing's. */
static int
close_doc(mk *m, const char *path, int rc)
{
	if (rc == 0 && m->bad_text)
		rc = -1;
	if (rc == 0 && path != NULL && !m->err.failed &&
	    HPDF_SaveToFile(m->pdf, path) != HPDF_OK && !m->err.failed)
		m->err.failed = 1;
	if (rc == 0 && m->err.failed) {
		fail("%s: libharu error 0x%04X (detail %u)",
		    path ? path : "drawing", (unsigned)m->err.code,
		    (unsigned)m->err.detail);
		rc = -1;
	}
	HPDF_Free(m->pdf);
	m->pdf = NULL;
	return rc;
}

static int
make_pdf(mk *m, const char *dir, const char *file, const char *title,
    int (*draw)(mk *))
{
	static unsigned char first[65536 / 8];
	char path[4096], sub[4096];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(sub, sizeof(sub), "%s/subset.ttf", m->workdir);

	/* Pass 1: the whole font, nothing saved, characters noted. */
	memset(m->used, 0, sizeof(m->used));
	if (open_doc(m, m->font_path, m->src.collection, 0, title) != 0)
		return -1;
	if (close_doc(m, NULL, draw(m)) != 0)
		return -1;
	if (ttf_subset(&m->src, m->used, sub) != 0)
		return -1;
	memcpy(first, m->used, sizeof(first));

	/* Pass 2: the same drawing with the cut-down font, saved. */
	if (open_doc(m, sub, 0, 1, title) != 0)
		return -1;
	rc = fix_tounicode(m);
	if (rc == 0) {
		memset(m->used, 0, sizeof(m->used));
		rc = draw(m);
	}
	if (rc == 0 && memcmp(first, m->used, sizeof(first)) != 0) {
		fail("%s: the two passes drew different text", path);
		rc = -1;
	}
	if (close_doc(m, path, rc) != 0)
		return -1;
	remove(sub);
	return 0;
}

int
main(int argc, char **argv)
{
	static mk m;
	char path[4096];
	const char *out;

	if (argc != 4) {
		fputs("usage: mkexample FONT WORKDIR OUTDIR\n", stderr);
		return 1;
	}
	m.font_path = argv[1];
	m.workdir = argv[2];
	out = argv[3];
	if (add_up_charges() != 0 || ttf_load(m.font_path, &m.src) != 0)
		return 1;

	if (make_pdf(&m, m.workdir, "discharge.pdf",
	    "Discharge summary - Example Union Hospital (SPECIMEN)",
	    draw_discharge) != 0 ||
	    make_pdf(&m, out, "billing/receipt.pdf",
	    "Medical fee e-receipt 0012345678 (SPECIMEN)", draw_receipt) != 0 ||
	    make_pdf(&m, out, "billing/expenses.pdf",
	    "Inpatient itemized expense list (SPECIMEN)", draw_expenses) != 0 ||
	    make_pdf(&m, out, "reports/lab-2026-10-04.pdf",
	    "Laboratory report: complete blood count (SPECIMEN)",
	    draw_lab) != 0 ||
	    make_pdf(&m, out, "reports/ct-2026-10-04.pdf",
	    "Imaging report: chest CT (SPECIMEN)", draw_ct) != 0 ||
	    make_pdf(&m, out, "records/discharge-en.pdf",
	    "Discharge summary, English translation (SPECIMEN)",
	    draw_translation) != 0)
		return 1;

	snprintf(path, sizeof(path), "%s/imaging/ct-0001.dcm", out);
	if (write_dicom(path, 1) != 0)
		return 1;
	snprintf(path, sizeof(path), "%s/imaging/ct-0002.dcm", out);
	if (write_dicom(path, 2) != 0)
		return 1;
	free(m.src.data);
	return 0;
}
