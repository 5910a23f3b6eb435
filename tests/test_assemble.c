/* test_assemble.c - laying out the bundle PDF with libqpdf.
 *
 * The group setup makes the fixtures once, in a temporary folder: the
 * "generated" PDF drawn with libharu (a cover, an index and six stamp
 * boxes in WenQuanYi Zen Hei), and hand-written input PDFs with the
 * things hospital PDFs do: rotation inherited from the page tree and
 * negative rotation, a crop box, a media box that does not start at
 * 0,0, resources shared by every page (with an XObject already named
 * /CPStamp0), content that leaves the graphics state changed, a content
 * array split inside a text object, bookmarks with named destinations
 * and a loop.  The output is checked by reading it back with libqpdf
 * and with the poppler tools and `qpdf --check`, never with the code
 * under test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>

#include <hpdf.h>
#include <qpdf/qpdf-c.h>

#include "pdf/assemble.h"
#include "support.h"

#define FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define STAMP_W 360.0
#define STAMP_H 14.0
#define NSTAMPS 6
/* Where libharu draws the stamp text inside the box. */
#define STAMP_TEXT_X 4.0

/* Output layout of the standard bundle (0-based output pages). */
enum {
	P_COVER, P_INDEX, P_ROT90, P_ROTM90, P_ROT180, P_ROT0, P_OFF1,
	P_OFF2, P_NARROW, NPAGES
};
enum { IN_ROT, IN_OFFSET, IN_NARROW, IN_DEEP, NINPUTS };

typedef struct {
	char dir[512];
	char input[NINPUTS][1024];
	const char *inputs[NINPUTS];
	unsigned char *gen;
	size_t gen_len;
	/* the inputs' bytes, to show they are never written */
	unsigned char *orig[NINPUTS];
	size_t orig_len[NINPUTS];
} fixture;

/* ---- small helpers ---------------------------------------------------- */

static const char *
fx_path(const fixture *fx, const char *name)
{
	static char buf[1024];

	snprintf(buf, sizeof(buf), "%s/%s", fx->dir, name);
	return buf;
}

static unsigned char *
read_file(const char *path, size_t *len)
{
	unsigned char *buf = NULL;
	long n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Runs a shell command and returns its standard output (caller frees). */
static char *
run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
run(const char *fmt, ...)
{
	char cmd[4096], chunk[4096];
	char *out = NULL, *p;
	size_t len = 0, n;
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if ((f = popen(cmd, "r")) == NULL)
		fail_msg("cannot run %s", cmd);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if ((p = realloc(out, len + n + 1)) == NULL)
			fail_msg("out of memory");
		out = p;
		memcpy(out + len, chunk, n);
		len += n;
	}
	if (out == NULL && (out = malloc(1)) == NULL)
		fail_msg("out of memory");
	out[len] = '\0';
	pclose(f);
	return out;
}

static void
appendf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
appendf(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* ---- writing input PDFs by hand --------------------------------------- */

/* A PDF built object by object, with a correct cross-reference table. */
typedef struct {
	char buf[65536];
	size_t len;
	long off[256];
	int maxobj;
} pdfw;

static void
pw_vput(pdfw *w, const char *fmt, va_list ap)
{
	int n = vsnprintf(w->buf + w->len, sizeof(w->buf) - w->len, fmt, ap);

	if (n < 0 || (size_t)n >= sizeof(w->buf) - w->len)
		fail_msg("fixture PDF too large");
	w->len += (size_t)n;
}

static void pw_put(pdfw *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
pw_put(pdfw *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pw_vput(w, fmt, ap);
	va_end(ap);
}

static void
pw_begin(pdfw *w)
{
	memset(w, 0, sizeof(*w));
	pw_put(w, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
}

/* Object `num` with the body `fmt`. */
static void pw_obj(pdfw *w, int num, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
pw_obj(pdfw *w, int num, const char *fmt, ...)
{
	va_list ap;

	assert_true(num > 0 && num < 256);
	w->off[num] = (long)w->len;
	if (num > w->maxobj)
		w->maxobj = num;
	pw_put(w, "%d 0 obj\n", num);
	va_start(ap, fmt);
	pw_vput(w, fmt, ap);
	va_end(ap);
	pw_put(w, "\nendobj\n");
}

/* Stream object `num`: dictionary entries `dict` and the data `data`. */
static void
pw_stream(pdfw *w, int num, const char *dict, const char *data)
{
	pw_obj(w, num, "<< %s /Length %zu >>\nstream\n%s\nendstream", dict,
	    strlen(data), data);
}

static void
pw_save(pdfw *w, const char *path)
{
	long xref = (long)w->len;
	int i;
	FILE *f;

	pw_put(w, "xref\n0 %d\n0000000000 65535 f \n", w->maxobj + 1);
	for (i = 1; i <= w->maxobj; i++) {
		if (w->off[i] == 0)
			fail_msg("fixture object %d missing", i);
		pw_put(w, "%010ld 00000 n \n", w->off[i]);
	}
	pw_put(w, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n"
	    "%%%%EOF\n", w->maxobj + 1, xref);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(w->buf, 1, w->len, f) != w->len || fclose(f) != 0)
		fail_msg("cannot write %s", path);
}

/*
 * rot.pdf: four A4 pages whose page tree gives them /Rotate 90, the
 * media box and one shared /Resources (holding a form already named
 * /CPStamp0).  Page 2 says /Rotate -90, page 3 /Rotate 180 with a crop
 * box, page 4 /Rotate 0.  Every page ends its content with a `cm` it
 * never undoes, and page 1 links to page 4.
 */
static void
write_rot(const char *path)
{
	pdfw *w = calloc(1, sizeof(*w));
	int i;

	assert_non_null(w);
	pw_begin(w);
	pw_obj(w, 1, "<< /Type /Catalog /Pages 2 0 R >>");
	pw_obj(w, 2, "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] "
	    "/Count 4 /Rotate 90 /MediaBox [0 0 595 842] "
	    "/Resources 7 0 R >>");
	pw_obj(w, 3, "<< /Type /Page /Parent 2 0 R /Contents 10 0 R "
	    "/Annots [14 0 R] >>");
	pw_obj(w, 4, "<< /Type /Page /Parent 2 0 R /Rotate -90 "
	    "/Contents 11 0 R >>");
	pw_obj(w, 5, "<< /Type /Page /Parent 2 0 R /Rotate 180 "
	    "/CropBox [50 50 545 792] /Contents 12 0 R >>");
	pw_obj(w, 6, "<< /Type /Page /Parent 2 0 R /Rotate 0 "
	    "/Contents 13 0 R >>");
	pw_obj(w, 7, "<< /Font << /F1 8 0 R >> "
	    "/XObject << /CPStamp0 9 0 R >> >>");
	pw_obj(w, 8, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	pw_stream(w, 9, "/Type /XObject /Subtype /Form /BBox [0 0 300 30] "
	    "/Resources << /Font << /F1 8 0 R >> >>",
	    "BT /F1 12 Tf 2 8 Td (ORIGINAL-FORM) Tj ET");
	for (i = 0; i < 4; i++) {
		char data[512];

		snprintf(data, sizeof(data),
		    "0 0 1 RG 4 w 60 60 475 722 re S\n"
		    "BT /F1 20 Tf 70 790 Td (ROT-P%d-TOP) Tj ET\n"
		    "q 1 0 0 1 70 400 cm /CPStamp0 Do Q\n"
		    "0.5 0 0 0.5 0 0 cm\n", i + 1);
		pw_stream(w, 10 + i, "", data);
	}
	pw_obj(w, 14, "<< /Type /Annot /Subtype /Link /Rect [60 600 300 640] "
	    "/Border [0 0 0] /Dest [6 0 R /Fit] >>");
	pw_save(w, path);
	free(w);
}

/*
 * offset.pdf: two US Letter pages whose media box is [100 200 712 992];
 * page 2 also has a crop box and its content in two streams split
 * inside a text object.  Bookmarks: "Chapter 1" (explicit /XYZ) with a
 * child in UTF-16 whose named destination is a string in the /Dests
 * name tree; "Chapter 2" a GoTo action to a name in the old /Dests
 * dictionary; "Broken" to a name that does not exist, whose /Next loops
 * back to "Chapter 1".  Page 1 has a link (a GoTo action) to "sec11".
 */
static void
write_offset(const char *path)
{
	pdfw *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	pw_begin(w);
	pw_obj(w, 1, "<< /Type /Catalog /Pages 2 0 R /Outlines 9 0 R "
	    "/Names << /Dests 14 0 R >> /Dests 16 0 R >>");
	pw_obj(w, 2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>");
	pw_obj(w, 3, "<< /Type /Page /Parent 2 0 R "
	    "/MediaBox [100 200 712 992] "
	    "/Resources << /Font << /F1 7 0 R >> >> /Contents 5 0 R "
	    "/Annots [17 0 R] >>");
	pw_obj(w, 4, "<< /Type /Page /Parent 2 0 R "
	    "/MediaBox [100 200 712 992] /CropBox [150 250 662 942] "
	    "/Resources << /Font << /F1 7 0 R >> >> "
	    "/Contents [6 0 R 8 0 R] >>");
	pw_stream(w, 5, "", "0 0 1 RG 4 w 110 210 592 772 re S\n"
	    "BT /F1 20 Tf 120 960 Td (OFFSET-P1-TOP) Tj ET\n"
	    "0.5 0 0 0.5 0 0 cm");
	pw_stream(w, 6, "", "0 0 1 RG 4 w 160 260 492 672 re S\n"
	    "BT /F1 20 Tf 170 910 Td (OFFSET-P2-TOP)");
	pw_obj(w, 7, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	pw_stream(w, 8, "", "Tj ET");
	pw_obj(w, 9, "<< /Type /Outlines /First 10 0 R /Last 12 0 R "
	    "/Count 4 >>");
	pw_obj(w, 10, "<< /Title (Chapter 1) /Parent 9 0 R /Next 11 0 R "
	    "/First 13 0 R /Last 13 0 R /Count 1 "
	    "/Dest [3 0 R /XYZ 100 900 0] >>");
	pw_obj(w, 11, "<< /Title (Chapter 2) /Parent 9 0 R /Prev 10 0 R "
	    "/Next 12 0 R /A << /S /GoTo /D /chap2 >> >>");
	pw_obj(w, 12, "<< /Title (Broken) /Parent 9 0 R /Prev 11 0 R "
	    "/Next 10 0 R /Dest (nowhere) >>");
	/* "Section 1.1 出院" */
	pw_obj(w, 13, "<< /Title <FEFF00530065006300740069006F006E0020"
	    "0031002E0031002051FA9662> /Parent 10 0 R /Dest (sec11) >>");
	pw_obj(w, 14, "<< /Kids [15 0 R] >>");
	pw_obj(w, 15, "<< /Limits [(intro) (sec11)] /Names [(intro) "
	    "[3 0 R /Fit] (sec11) << /D [4 0 R /Fit] >>] >>");
	pw_obj(w, 16, "<< /chap2 [4 0 R /FitH 500] >>");
	pw_obj(w, 17, "<< /Type /Annot /Subtype /Link /Rect [120 400 300 430] "
	    "/Border [0 0 0] /A << /S /GoTo /D (sec11) >> >>");
	pw_save(w, path);
	free(w);
}

/* narrow.pdf: one page 200 pt wide, narrower than a stamp box. */
static void
write_narrow(const char *path)
{
	pdfw *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	pw_begin(w);
	pw_obj(w, 1, "<< /Type /Catalog /Pages 2 0 R >>");
	pw_obj(w, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
	pw_obj(w, 3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] "
	    "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
	pw_stream(w, 4, "", "BT /F1 10 Tf 10 280 Td (NARROW-TOP) Tj ET");
	pw_obj(w, 5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	pw_save(w, path);
	free(w);
}

/* deep.pdf: one page and 100 bookmarks each nested in the one before;
 * the deepest one's child is the first again, and the first is its own
 * /Next. */
static void
write_deep(const char *path)
{
	pdfw *w = calloc(1, sizeof(*w));
	int i;

	assert_non_null(w);
	pw_begin(w);
	pw_obj(w, 1, "<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R >>");
	pw_obj(w, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
	pw_obj(w, 3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] "
	    "/Contents 4 0 R >>");
	pw_stream(w, 4, "", "0 0 1 rg 10 10 100 100 re f");
	pw_obj(w, 5, "<< /Type /Outlines /First 6 0 R /Last 6 0 R >>");
	for (i = 0; i < 100; i++)
		pw_obj(w, 6 + i, "<< /Title (Level %d) /Parent %d 0 R "
		    "/First %d 0 R /Last %d 0 R /Dest [3 0 R /Fit]%s >>",
		    i + 1, i == 0 ? 5 : 5 + i, i == 99 ? 6 : 7 + i,
		    i == 99 ? 6 : 7 + i, i == 0 ? " /Next 6 0 R" : "");
	pw_save(w, path);
	free(w);
}

/* form.pdf: two pages sharing one filled-in text field, a widget on
 * each page with an appearance stream showing the value. */
static void
write_form(const char *path)
{
	pdfw *w = calloc(1, sizeof(*w));

	assert_non_null(w);
	pw_begin(w);
	pw_obj(w, 1, "<< /Type /Catalog /Pages 2 0 R "
	    "/AcroForm << /Fields [6 0 R] >> >>");
	pw_obj(w, 2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 "
	    "/MediaBox [0 0 300 300] >>");
	pw_obj(w, 3, "<< /Type /Page /Parent 2 0 R /Annots [7 0 R] "
	    "/Contents 5 0 R >>");
	pw_obj(w, 4, "<< /Type /Page /Parent 2 0 R /Annots [8 0 R] "
	    "/Contents 5 0 R >>");
	pw_stream(w, 5, "", "0 0 1 RG 10 10 280 280 re S");
	pw_obj(w, 6, "<< /FT /Tx /T (name) /V (Zhang Wei) "
	    "/Kids [7 0 R 8 0 R] /DA (/Helv 12 Tf 0 g) >>");
	pw_obj(w, 7, "<< /Type /Annot /Subtype /Widget /Parent 6 0 R "
	    "/P 3 0 R /Rect [20 200 200 230] /AP << /N 9 0 R >> >>");
	pw_obj(w, 8, "<< /Type /Annot /Subtype /Widget /Parent 6 0 R "
	    "/P 4 0 R /Rect [20 200 200 230] /AP << /N 9 0 R >> >>");
	pw_stream(w, 9, "/Type /XObject /Subtype /Form /BBox [0 0 180 30] "
	    "/Resources << /Font << /Helv 10 0 R >> >>",
	    "BT /Helv 12 Tf 2 10 Td (FILLED-ZHANG-WEI) Tj ET");
	pw_obj(w, 10, "<< /Type /Font /Subtype /Type1 "
	    "/BaseFont /Helvetica >>");
	pw_save(w, path);
	free(w);
}

/* ---- the generated PDF (libharu) -------------------------------------- */

static void
hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	(void)data;
	fail_msg("libharu error 0x%04lx (detail %lu)", (unsigned long)error,
	    (unsigned long)detail);
}

static void
text_page(HPDF_Doc pdf, HPDF_Font font, double w, double h, double x,
    double y, double size, const char *text)
{
	HPDF_Page page = HPDF_AddPage(pdf);

	HPDF_Page_SetWidth(page, (HPDF_REAL)w);
	HPDF_Page_SetHeight(page, (HPDF_REAL)h);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, text);
	HPDF_Page_EndText(page);
}

/* The text of stamp box `n` (1-based). */
static void
stamp_text(char *buf, size_t size, int n)
{
	snprintf(buf, size, "CG-1 \xc2\xb7 2/5 Discharge summary "
	    "\xe5\x87\xba\xe9\x99\xa2\xe5\xb0\x8f\xe7\xbb\x93 "
	    "\xc2\xb7 p. %d/%d", n, NSTAMPS);
}

/* Generated pages: 0 cover, 1 index, 2..7 the stamp boxes "p. 1/6" to
 * "p. 6/6". */
static void
make_generated(fixture *fx)
{
	HPDF_Doc pdf = HPDF_New(hpdf_error, NULL);
	const char *name;
	HPDF_Font font;
	HPDF_UINT32 size;
	char text[128];
	int i;

	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	name = HPDF_LoadTTFontFromFile2(pdf, FONT, 0, HPDF_TRUE);
	font = HPDF_GetFont(pdf, name, "UTF-8");
	text_page(pdf, font, 595, 842, 72, 760, 24, "COVER-PAGE");
	text_page(pdf, font, 595, 842, 72, 760, 24, "INDEX-PAGE");
	for (i = 1; i <= NSTAMPS; i++) {
		stamp_text(text, sizeof(text), i);
		text_page(pdf, font, STAMP_W, STAMP_H, STAMP_TEXT_X, 4, 9,
		    text);
	}
	HPDF_SaveToStream(pdf);
	size = HPDF_GetStreamSize(pdf);
	fx->gen = malloc(size);
	assert_non_null(fx->gen);
	HPDF_ReadFromStream(pdf, fx->gen, &size);
	fx->gen_len = size;
	HPDF_Free(pdf);
}

static int
group_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	fixture *fx = calloc(1, sizeof(*fx));
	static const char *const names[NINPUTS] = {
		"rot.pdf", "offset.pdf", "narrow.pdf", "deep.pdf"
	};
	int i;

	if (fx == NULL)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/claimpack-assemble.XXXXXX",
	    tmp != NULL && tmp[0] ? tmp : "/tmp");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	for (i = 0; i < NINPUTS; i++) {
		snprintf(fx->input[i], sizeof(fx->input[i]), "%s/%s", fx->dir,
		    names[i]);
		fx->inputs[i] = fx->input[i];
	}
	write_rot(fx->input[IN_ROT]);
	write_offset(fx->input[IN_OFFSET]);
	write_narrow(fx->input[IN_NARROW]);
	write_deep(fx->input[IN_DEEP]);
	for (i = 0; i < NINPUTS; i++)
		if ((fx->orig[i] = read_file(fx->input[i],
		    &fx->orig_len[i])) == NULL)
			return -1;
	make_generated(fx);
	*state = fx;
	return 0;
}

static int
group_teardown(void **state)
{
	fixture *fx = *state;
	int i;

	if (fx == NULL)
		return 0;
	if (getenv("CP_KEEP_TEST_FILES") != NULL)
		fprintf(stderr, "test files kept in %s\n", fx->dir);
	else
		ts_rmtree(fx->dir);
	for (i = 0; i < NINPUTS; i++)
		free(fx->orig[i]);
	free(fx->gen);
	free(fx);
	return 0;
}

/* ---- the standard bundle ---------------------------------------------- */

static const cp__out_page std_pages[NPAGES] = {
	[P_COVER] = { CP__FROM_GENERATED, 0, -1 },
	[P_INDEX] = { CP__FROM_GENERATED, 1, -1 },
	[P_ROT90] = { IN_ROT, 0, 2 },
	[P_ROTM90] = { IN_ROT, 1, 3 },
	[P_ROT180] = { IN_ROT, 2, 4 },
	[P_ROT0] = { IN_ROT, 3, -1 },          /* not stamped */
	[P_OFF1] = { IN_OFFSET, 0, 5 },
	[P_OFF2] = { IN_OFFSET, 1, 6 },
	[P_NARROW] = { IN_NARROW, 0, 7 },
};

/* Stamp box number (1-based, as in its text) on each output page. */
static const int std_stamp_no[NPAGES] = {
	[P_ROT90] = 1, [P_ROTM90] = 2, [P_ROT180] = 3, [P_OFF1] = 4,
	[P_OFF2] = 5, [P_NARROW] = 6,
};

static const cp__outline std_records[] = {
	{ "CG-1 \xc2\xb7 Discharge summary \xe5\x87\xba\xe9\x99\xa2\xe5\xb0"
	  "\x8f\xe7\xbb\x93", P_ROT90, -1, 0, NULL, 0 },
	{ "CG-2 \xc2\xb7 Imaging report", P_OFF1, IN_OFFSET, P_OFF1, NULL, 0 },
};

static const cp__outline std_outline[] = {
	{ "Cover", P_COVER, -1, 0, NULL, 0 },
	{ "Index", P_INDEX, -1, 0, NULL, 0 },
	{ "Medical records \xe7\x97\x85\xe5\x8e\x86", P_ROT90, -1, 0,
	  std_records, 2 },
	{ "Other", P_NARROW, -1, 0, NULL, 0 },
};

static const cp__link std_links[] = {
	{ P_INDEX, 72, 700, 300, 720, P_ROT90 },
	{ P_INDEX, 72, 680.5, 300, 700, P_OFF1 },
	{ P_ROT90, 0, 0, 50, 50, P_COVER },
};

static const char json1[] = "{\"claim\":1}\n";
static const char json2[] = "{\"ok\":true,\"errors\":0}\n";
static const char note[] = "\xe4\xb8\xad\xe6\x96\x87 note\n";

static const cp__attachment std_attachments[] = {
	{ "manifest.json", "The claim manifest", "application/json",
	  (const unsigned char *)json1, sizeof(json1) - 1 },
	{ "\xe8\xaa\xaa\xe6\x98\x8e.txt", NULL, "text/plain",
	  (const unsigned char *)note, sizeof(note) - 1 },
	{ "check-report.json", "Check report", "application/json",
	  (const unsigned char *)json2, sizeof(json2) - 1 },
};

#define STD_TITLE "Claim bundle \xe2\x80\x94 \xe5\xbc\xa0\xe4\xbc\x9f"

static void
std_assembly(const fixture *fx, cp__assembly *a, const char *out_name)
{
	static char out[1024];

	snprintf(out, sizeof(out), "%s/%s", fx->dir, out_name);
	memset(a, 0, sizeof(*a));
	a->generated = fx->gen;
	a->generated_len = fx->gen_len;
	a->inputs = fx->inputs;
	a->ninputs = NINPUTS;
	a->pages = std_pages;
	a->npages = NPAGES;
	a->stamp_width = STAMP_W;
	a->stamp_height = STAMP_H;
	a->outline = std_outline;
	a->noutline = 4;
	a->cover_pages = 1;
	a->index_pages = 1;
	a->links = std_links;
	a->nlinks = 3;
	a->attachments = std_attachments;
	a->nattachments = 3;
	a->title = STD_TITLE;
	a->subject = "Reimbursement";
	a->out_path = out;
}

/* Writes the standard bundle as `name` in the fixture folder and
 * returns its path (valid until the next call). */
static const char *
build_std(const fixture *fx, const char *name)
{
	static char path[1024];
	cp__assembly a;
	cp_error err;
	char msg[2200];
	int rc;

	std_assembly(fx, &a, name);
	memset(&err, 0, sizeof(err));
	rc = cp__assemble_write(&a, &err);
	if (rc != CP_OK)
		fail_msg("cp__assemble_write: %d %s", rc,
		    cp_error_format(&err, msg, sizeof(msg)));
	snprintf(path, sizeof(path), "%s", a.out_path);
	return path;
}

/* ---- reading the output back ------------------------------------------ */

static qpdf_data
open_pdf(const char *path)
{
	qpdf_data q = qpdf_init();

	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_read(q, path, "") & QPDF_ERRORS)
		fail_msg("libqpdf cannot read %s: %s", path,
		    qpdf_get_error_full_text(q, qpdf_get_error(q)));
	return q;
}

static void
close_pdf(qpdf_data q)
{
	if (qpdf_has_error(q))
		fail_msg("libqpdf error while reading the output: %s",
		    qpdf_get_error_full_text(q, qpdf_get_error(q)));
	qpdf_cleanup(&q);
}

/* 0-based page index of the page an indirect reference points to. */
static int
page_of(qpdf_data q, qpdf_oh ref)
{
	int n;

	if (!qpdf_oh_is_indirect(q, ref))
		return -1;
	n = qpdf_find_page_by_id(q, qpdf_oh_get_object_id(q, ref),
	    qpdf_oh_get_generation(q, ref));
	if (n < 0)
		qpdf_get_error(q);
	return n;
}

/* "pN /View args" for an explicit destination array. */
static void
describe_dest(qpdf_data q, qpdf_oh dest, char *buf, size_t size)
{
	int i, n;

	buf[0] = '\0';
	if (!qpdf_oh_is_array(q, dest)) {
		snprintf(buf, size, "(not an explicit destination)");
		return;
	}
	n = qpdf_oh_get_array_n_items(q, dest);
	appendf(buf, size, "p%d", page_of(q, qpdf_oh_get_array_item(q,
	    dest, 0)) + 1);
	for (i = 1; i < n; i++)
		appendf(buf, size, " %s", qpdf_oh_unparse(q,
		    qpdf_oh_get_array_item(q, dest, i)));
}

static bool
same_object(qpdf_data q, qpdf_oh a, qpdf_oh b)
{
	return qpdf_oh_is_indirect(q, a) && qpdf_oh_is_indirect(q, b) &&
	    qpdf_oh_get_object_id(q, a) == qpdf_oh_get_object_id(q, b);
}

/* Appends the outline below `parent` to buf, one line per item, and
 * checks the links between the items. */
static void
dump_outline(qpdf_data q, qpdf_oh parent, int depth, char *buf, size_t size,
    int *budget)
{
	qpdf_oh item, prev = 0, last = 0;
	char dest[256];

	item = qpdf_oh_get_key(q, parent, "/First");
	while (qpdf_oh_is_dictionary(q, item)) {
		if (--*budget < 0)
			fail_msg("the outline does not end");
		if (!same_object(q, qpdf_oh_get_key(q, item, "/Parent"),
		    parent))
			fail_msg("an item's /Parent is not its parent");
		if (prev != 0 && !same_object(q, qpdf_oh_get_key(q, item,
		    "/Prev"), prev))
			fail_msg("an item's /Prev is not the item before");
		if (prev == 0 && qpdf_oh_has_key(q, item, "/Prev"))
			fail_msg("a first item has a /Prev");
		describe_dest(q, qpdf_oh_get_key(q, item, "/Dest"), dest,
		    sizeof(dest));
		appendf(buf, size, "%*s%s -> %s", depth * 2, "",
		    qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, item,
		    "/Title")), dest);
		if (qpdf_oh_has_key(q, item, "/Count"))
			appendf(buf, size, " [%lld]", qpdf_oh_get_int_value(q,
			    qpdf_oh_get_key(q, item, "/Count")));
		appendf(buf, size, "\n");
		dump_outline(q, item, depth + 1, buf, size, budget);
		prev = last = item;
		item = qpdf_oh_get_key(q, item, "/Next");
	}
	if (last != 0 && !same_object(q, qpdf_oh_get_key(q, parent, "/Last"),
	    last))
		fail_msg("/Last is not the last item");
}

static bool
has_bytes(const unsigned char *data, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(data + i, needle, n) == 0)
			return true;
	return false;
}

static double
distance(double a, double b)
{
	return a > b ? a - b : b - a;
}

/* ---- reading the output with poppler ---------------------------------- */

typedef struct {
	double x0, y0, x1, y1;  /* as seen: origin top left, y down */
} bbox;

/* The size of page `page` (1-based) as seen: pdfinfo gives the crop
 * box's size and the rotation.  (pdftotext -bbox gives the size before
 * rotation, though its word boxes are as seen.) */
static void
seen_size(const char *pdf, int page, double *w, double *h)
{
	char *out = run("pdfinfo -f %d -l %d '%s' 2>/dev/null", page, page,
	    pdf);
	const char *p;
	double t;
	int rot = 0;

	*w = *h = 0;
	if ((p = strstr(out, " size: ")) != NULL)
		sscanf(p, " size: %lf x %lf", w, h);
	if ((p = strstr(out, " rot: ")) != NULL)
		sscanf(p, " rot: %d", &rot);
	if (rot == 90 || rot == 270) {
		t = *w;
		*w = *h;
		*h = t;
	}
	free(out);
	if (*w <= 0 || *h <= 0)
		fail_msg("pdfinfo gives no size for page %d of %s", page, pdf);
}

/* The box of the first word `word` on page `page` (1-based), from
 * `pdftotext -bbox`.  False when not found. */
static bool
find_word(const char *pdf, int page, const char *word, bbox *bb)
{
	/* -cropbox: the coordinates of what a viewer shows. */
	char *out = run("pdftotext -cropbox -bbox -f %d -l %d '%s' - "
	    "2>/dev/null", page, page, pdf);
	char pattern[256];
	const char *p, *tag;
	bool found = false;

	snprintf(pattern, sizeof(pattern), ">%s</word>", word);
	if ((p = strstr(out, pattern)) != NULL) {
		tag = p;
		while (tag > out && strncmp(tag, "<word ", 6) != 0)
			tag--;
		found = sscanf(tag, "<word xMin=\"%lf\" yMin=\"%lf\" "
		    "xMax=\"%lf\" yMax=\"%lf\"", &bb->x0, &bb->y0, &bb->x1,
		    &bb->y1) == 4;
	}
	free(out);
	return found;
}

/* The plain text of page `page` (caller frees). */
static char *
page_text(const char *pdf, int page)
{
	return run("pdftotext -layout -f %d -l %d '%s' - 2>/dev/null", page,
	    page, pdf);
}

/*
 * Asserts that output page `page` (0-based) shows stamp box `n` upright
 * at the bottom centre of the page as seen: the box 6 pt above the
 * bottom edge, centred, scaled to leave 12 pt each side on a narrow
 * page.
 */
static void
assert_stamp(const char *pdf, int page, int n)
{
	char num[32];
	double w = 0, h = 0, s, left;
	bbox cg, word, pn;

	snprintf(num, sizeof(num), "%d/%d", n, NSTAMPS);
	seen_size(pdf, page + 1, &w, &h);
	if (!find_word(pdf, page + 1, "CG-1", &cg) ||
	    !find_word(pdf, page + 1, "Discharge", &word) ||
	    !find_word(pdf, page + 1, num, &pn))
		fail_msg("page %d: stamp %d not found", page + 1, n);
	s = w < STAMP_W + 24 ? w / (STAMP_W + 24) : 1.0;
	left = (w - s * STAMP_W) / 2;
	/* Upright and left to right: a turned stamp would give tall words
	 * or a reversed order. */
	if (!(word.x1 - word.x0 > word.y1 - word.y0) ||
	    !(cg.x1 < word.x0 && word.x1 < pn.x0))
		fail_msg("page %d: stamp is not upright (CG-1 at %.1f,%.1f, "
		    "Discharge %.1f..%.1f x %.1f..%.1f)", page + 1, cg.x0,
		    cg.y0, word.x0, word.x1, word.y0, word.y1);
	if (distance(cg.x0, left + STAMP_TEXT_X * s) > 1.0)
		fail_msg("page %d (%.0f x %.0f): stamp starts at x %.2f, "
		    "expected %.2f", page + 1, w, h, cg.x0,
		    left + STAMP_TEXT_X * s);
	if (cg.y1 > h - 6 + 0.5 || cg.y0 < h - 6 - STAMP_H * s - 0.5 ||
	    cg.y0 < h - 40)
		fail_msg("page %d (%.0f x %.0f): stamp text at y %.2f..%.2f, "
		    "expected within %.2f..%.2f", page + 1, w, h, cg.y0,
		    cg.y1, h - 6 - STAMP_H * s, h - 6);
}

static bool
files_equal(const char *p1, const char *p2)
{
	size_t l1 = 0, l2 = 0;
	unsigned char *b1 = read_file(p1, &l1), *b2 = read_file(p2, &l2);
	bool same = b1 != NULL && b2 != NULL && l1 == l2 &&
	    memcmp(b1, b2, l1) == 0;

	free(b1);
	free(b2);
	return same;
}

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* ---- tests: pages --------------------------------------------------- */

static void
test_assemble__pages_follow_the_given_order(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "order.pdf");
	static const char *const marker[NPAGES] = {
		"COVER-PAGE", "INDEX-PAGE", "ROT-P1-TOP", "ROT-P2-TOP",
		"ROT-P3-TOP", "ROT-P4-TOP", "OFFSET-P1-TOP", "OFFSET-P2-TOP",
		"NARROW-TOP"
	};
	qpdf_data q = open_pdf(out);
	char *text;
	int i;

	assert_int_equal(qpdf_get_num_pages(q), NPAGES);
	close_pdf(q);
	for (i = 0; i < NPAGES; i++) {
		text = page_text(out, i + 1);
		ts_assert_contains(text, marker[i]);
		free(text);
	}
}

static void
test_assemble__stamp_boxes_are_not_pages_of_their_own(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "nostamppages.pdf");
	char *all = run("pdftotext '%s' - 2>/dev/null", out);
	char num[16];
	int i;

	/* Each stamp text appears once, on its page, and nowhere else. */
	for (i = 1; i <= NSTAMPS; i++) {
		const char *first;

		snprintf(num, sizeof(num), "p. %d/%d", i, NSTAMPS);
		first = strstr(all, num);
		if (first == NULL || strstr(first + 1, num) != NULL)
			fail_msg("stamp \"%s\" should appear exactly once",
			    num);
	}
	free(all);
}

static void
test_assemble__rotation_and_boxes_are_kept(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "boxes.pdf");
	qpdf_data q = open_pdf(out);
	static const struct {
		int page;
		const char *rotate, *media, *crop;
	} want[] = {
		{ P_ROT90, "90", "[ 0 0 595 842 ]", NULL },
		{ P_ROTM90, "-90", "[ 0 0 595 842 ]", NULL },
		{ P_ROT180, "180", "[ 0 0 595 842 ]", "[ 50 50 545 792 ]" },
		{ P_ROT0, "0", "[ 0 0 595 842 ]", NULL },
		{ P_OFF1, NULL, "[ 100 200 712 992 ]", NULL },
		{ P_OFF2, NULL, "[ 100 200 712 992 ]", "[ 150 250 662 942 ]" },
		{ P_NARROW, NULL, "[ 0 0 200 300 ]", NULL },
	};
	qpdf_oh page;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		page = qpdf_get_page_n(q, (size_t)want[i].page);
		if (want[i].rotate != NULL)
			assert_string_equal(qpdf_oh_unparse(q,
			    qpdf_oh_get_key(q, page, "/Rotate")),
			    want[i].rotate);
		else
			assert_false(qpdf_oh_has_key(q, page, "/Rotate"));
		assert_string_equal(qpdf_oh_unparse_resolved(q,
		    qpdf_oh_get_key(q, page, "/MediaBox")), want[i].media);
		if (want[i].crop != NULL)
			assert_string_equal(qpdf_oh_unparse_resolved(q,
			    qpdf_oh_get_key(q, page, "/CropBox")),
			    want[i].crop);
	}
	close_pdf(q);
}

static void
test_assemble__stamp_is_upright_at_bottom_centre_as_seen(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "stamps.pdf");
	int i;

	for (i = 0; i < NPAGES; i++)
		if (std_stamp_no[i] > 0)
			assert_stamp(out, i, std_stamp_no[i]);
}

static void
test_assemble__narrow_page_scales_the_stamp_down(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "narrow-out.pdf");
	double w = 0, h = 0;
	bbox cg, pn;
	char num[16];

	snprintf(num, sizeof(num), "%d/%d", std_stamp_no[P_NARROW], NSTAMPS);
	seen_size(out, P_NARROW + 1, &w, &h);
	assert_true(find_word(out, P_NARROW + 1, "CG-1", &cg));
	assert_true(find_word(out, P_NARROW + 1, num, &pn));
	assert_true(w < STAMP_W);
	/* The whole text stays on the page, away from the edges. */
	assert_true(cg.x0 > 6 && pn.x1 < w - 6);
	/* Smaller than the 9 pt the renderer drew it at. */
	assert_true(cg.y1 - cg.y0 < 9.0);
}

/* The key of dictionary `d` other than `but`, or NULL (valid until the
 * next call); fails when there is more than one. */
static const char *
other_key(qpdf_data q, qpdf_oh d, const char *but)
{
	static char found[64];
	const char *key;
	int n = 0;

	found[0] = '\0';
	qpdf_oh_begin_dict_key_iter(q, d);
	while (qpdf_oh_dict_more_keys(q)) {
		key = qpdf_oh_dict_next_key(q);
		if (strcmp(key, but) == 0)
			continue;
		snprintf(found, sizeof(found), "%s", key);
		n++;
	}
	assert_true(n <= 1);
	return n == 1 ? found : NULL;
}

/* The input's shared /Resources name its own font /F1, as libharu names
 * the stamp's: the stamp's font gets a name of its own on each stamped
 * page, in a copy of the resources, and the stamp's text names it. */
static void
test_assemble__original_content_and_shared_resources_survive(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "resources.pdf");
	static const int rot_pages[] = { P_ROT90, P_ROTM90, P_ROT180, P_ROT0 };
	qpdf_data q = open_pdf(out);
	qpdf_oh page, res, xo, fonts, form, stamp_font = 0;
	unsigned char *data;
	size_t len, i;
	const char *name;
	char *text, tf[80];

	for (i = 0; i < 4; i++) {
		int p = rot_pages[i];

		page = qpdf_get_page_n(q, (size_t)p);
		res = qpdf_oh_get_key(q, page, "/Resources");
		xo = qpdf_oh_get_key(q, res, "/XObject");
		fonts = qpdf_oh_get_key(q, res, "/Font");
		/* The input's own /CPStamp0 still is its form, and the stamp
		 * adds no form of its own ... */
		form = qpdf_oh_get_key(q, xo, "/CPStamp0");
		assert_true(qpdf_oh_is_stream(q, form));
		assert_false(qpdf_oh_get_stream_data(q, form, qpdf_dl_all,
		    NULL, &data, &len) & QPDF_ERRORS);
		assert_true(has_bytes(data, len, "ORIGINAL-FORM"));
		free(data);
		assert_null(other_key(q, xo, "/CPStamp0"));
		/* ... its /F1 still is Helvetica ... */
		assert_string_equal(qpdf_oh_unparse(q, qpdf_oh_get_key(q,
		    qpdf_oh_get_key(q, fonts, "/F1"), "/BaseFont")),
		    "/Helvetica");
		/* ... and the stamp's font has another name, only on the
		 * pages that have a stamp, although all four shared one
		 * /Resources in the input; the same font on every page. */
		name = other_key(q, fonts, "/F1");
		if (p == P_ROT0) {
			assert_null(name);
		} else {
			assert_non_null(name);
			if (stamp_font == 0)
				stamp_font = qpdf_oh_get_key(q, fonts, name);
			assert_int_equal(qpdf_oh_get_object_id(q, stamp_font),
			    qpdf_oh_get_object_id(q,
			    qpdf_oh_get_key(q, fonts, name)));
			assert_false(qpdf_oh_get_page_content_data(q, page,
			    &data, &len) & QPDF_ERRORS);
			snprintf(tf, sizeof(tf), "%s 9 Tf", name);
			assert_true(has_bytes(data, len, tf));
			assert_false(has_bytes(data, len, "/F1 9 Tf"));
			free(data);
		}
		text = page_text(out, p + 1);
		ts_assert_contains(text, "ORIGINAL-FORM");
		free(text);
	}
	/* Generated pages get no stamp resource. */
	page = qpdf_get_page_n(q, P_COVER);
	res = qpdf_oh_get_key(q, page, "/Resources");
	assert_null(other_key(q, qpdf_oh_get_key(q, res, "/Font"), "/F1"));
	xo = qpdf_oh_get_key(q, res, "/XObject");
	assert_false(qpdf_oh_is_dictionary(q, xo) &&
	    qpdf_oh_has_key(q, xo, "/CPStamp0"));
	close_pdf(q);
}

/* The size of a bundle of the cover and `n` copies of one page, stamped
 * with boxes 1, 2 ... or not, written as `name`. */
static size_t
copies_size(const fixture *fx, int n, bool stamped, const char *name)
{
	cp__out_page pages[8];
	cp__assembly a;
	cp_error err;
	unsigned char *data;
	size_t len = 0;
	int i;

	assert_true(n < 8);
	pages[0] = std_pages[P_COVER];
	for (i = 1; i <= n; i++) {
		pages[i].source = IN_OFFSET;
		pages[i].page = 0;
		pages[i].stamp = stamped ? 1 + i : -1;
		pages[i].rotate = 0;
	}
	std_assembly(fx, &a, name);
	a.pages = pages;
	a.npages = (size_t)n + 1;
	a.noutline = 0;
	a.nlinks = 0;
	a.index_pages = 0;
	ts_assert_ok(cp__assemble_write(&a, &err), &err);
	if (stamped)
		for (i = 1; i <= n; i++)
			assert_stamp(a.out_path, i, i);
	data = read_file(a.out_path, &len);
	assert_non_null(data);
	free(data);
	return len;
}

/* A stamp costs its page its text and a few operators: what all the
 * stamps share (the font, the operators that end the page's content and
 * start the stamp) is written once.  The form each stamp was drawn from
 * cost a page 400 bytes. */
static void
test_assemble__a_stamp_costs_a_page_little(void **state)
{
	fixture *fx = *state;
	size_t three = copies_size(fx, 3, true, "cost-3.pdf") -
	    copies_size(fx, 3, false, "cost-3-plain.pdf");
	size_t six = copies_size(fx, 6, true, "cost-6.pdf") -
	    copies_size(fx, 6, false, "cost-6-plain.pdf");

	if (six < three || (six - three) / 3 > 200)
		fail_msg("3 stamps cost %zu bytes, 6 cost %zu", three, six);
}

static void
test_assemble__same_page_twice_gets_its_own_stamp(void **state)
{
	fixture *fx = *state;
	static const cp__out_page pages[] = {
		{ CP__FROM_GENERATED, 0, -1, 0 },
		{ IN_ROT, 0, 2, 0 },
		{ IN_ROT, 0, 3, 0 },
	};
	cp__assembly a;
	cp_error err;
	qpdf_data q;

	std_assembly(fx, &a, "twice.pdf");
	a.pages = pages;
	a.npages = 3;
	a.noutline = 0;
	a.nlinks = 0;
	a.index_pages = 0;
	ts_assert_ok(cp__assemble_write(&a, &err), &err);
	assert_stamp(a.out_path, 1, 1);
	assert_stamp(a.out_path, 2, 2);
	q = open_pdf(a.out_path);
	assert_int_equal(qpdf_get_num_pages(q), 3);
	assert_int_not_equal(qpdf_oh_get_object_id(q, qpdf_get_page_n(q, 1)),
	    qpdf_oh_get_object_id(q, qpdf_get_page_n(q, 2)));
	close_pdf(q);
}

/* A page the caller turns gets the turn added to its own /Rotate, and
 * its stamp still sits upright at the foot of the page as seen. */
static void
test_assemble__a_turn_adds_to_the_page_rotation(void **state)
{
	fixture *fx = *state;
	static const cp__out_page pages[] = {
		{ CP__FROM_GENERATED, 0, -1, 0 },
		{ IN_ROT, 0, 2, 90 },       /* /Rotate 90 inherited: 180 */
		{ IN_ROT, 1, 3, 180 },      /* -90: 90 */
		{ IN_ROT, 3, 4, 270 },      /* 0: 270 */
	};
	cp__assembly a;
	cp_error err;
	qpdf_data q;
	int i;
	static const int want[] = { 0, 180, 90, 270 };

	std_assembly(fx, &a, "turned.pdf");
	a.pages = pages;
	a.npages = 4;
	a.noutline = 0;
	a.nlinks = 0;
	a.index_pages = 0;
	ts_assert_ok(cp__assemble_write(&a, &err), &err);
	q = open_pdf(a.out_path);
	for (i = 0; i < 4; i++)
		assert_int_equal(qpdf_oh_get_int_value_as_int(q,
		    qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i),
		    "/Rotate")), want[i]);
	close_pdf(q);
	assert_stamp(a.out_path, 1, 1);
	assert_stamp(a.out_path, 2, 2);
	assert_stamp(a.out_path, 3, 3);
}

/* ---- tests: outline, labels, links ------------------------------------ */

static void
test_assemble__outline_titles_and_destinations(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "outline.pdf");
	qpdf_data q = open_pdf(out);
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
	char buf[4096] = "";
	int budget = 100;

	dump_outline(q, outlines, 0, buf, sizeof(buf), &budget);
	assert_string_equal(buf,
	    "Cover -> p1 /Fit\n"
	    "Index -> p2 /Fit\n"
	    "Medical records \xe7\x97\x85\xe5\x8e\x86 -> p3 /Fit [2]\n"
	    "  CG-1 \xc2\xb7 Discharge summary \xe5\x87\xba\xe9\x99\xa2"
	    "\xe5\xb0\x8f\xe7\xbb\x93 -> p3 /Fit\n"
	    "  CG-2 \xc2\xb7 Imaging report -> p7 /Fit [-3]\n"
	    "    Chapter 1 -> p7 /XYZ 100 900 0 [-1]\n"
	    "      Section 1.1 \xe5\x87\xba\xe9\x99\xa2 -> p8 /Fit\n"
	    "    Chapter 2 -> p8 /FitH 500\n"
	    "    Broken -> p7 /Fit\n"
	    "Other -> p9 /Fit\n");
	assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q,
	    outlines, "/Count")), 6);
	assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, root,
	    "/PageMode"), "/UseOutlines"));
	close_pdf(q);
}

static void
test_assemble__imported_outline_stops_at_loops_and_depth(void **state)
{
	fixture *fx = *state;
	static const cp__out_page pages[] = {
		{ CP__FROM_GENERATED, 0, -1, 0 },
		{ IN_DEEP, 0, -1, 0 },
	};
	static const cp__outline outline[] = {
		{ "Deep", 1, IN_DEEP, 1, NULL, 0 },
	};
	cp__assembly a;
	cp_error err;
	qpdf_data q;
	qpdf_oh item;
	int depth = 0;

	std_assembly(fx, &a, "deep-out.pdf");
	a.pages = pages;
	a.npages = 2;
	a.outline = outline;
	a.noutline = 1;
	a.nlinks = 0;
	a.index_pages = 0;
	ts_assert_ok(cp__assemble_write(&a, &err), &err);
	q = open_pdf(a.out_path);
	item = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q),
	    "/Outlines"), "/First");
	/* "Deep", then the imported chain: one item per level (the self
	 * /Next is not followed), cut at the depth limit. */
	while (qpdf_oh_is_dictionary(q, item)) {
		assert_false(qpdf_oh_has_key(q, item, "/Next"));
		assert_int_equal(page_of(q, qpdf_oh_get_array_item(q,
		    qpdf_oh_get_key(q, item, "/Dest"), 0)), 1);
		depth++;
		item = qpdf_oh_get_key(q, item, "/First");
	}
	assert_int_equal(depth, 1 + 32);
	close_pdf(q);
}

static void
test_assemble__page_labels_name_cover_index_and_numbers(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "labels.pdf");
	qpdf_data q = open_pdf(out);
	qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q),
	    "/PageLabels"), "/Nums");
	cp__assembly a;
	cp_error err;

	assert_string_equal(qpdf_oh_unparse_resolved(q, nums),
	    "[ 0 << /P (Cover) >> 1 << /P (Index) >> "
	    "2 << /S /D /St 1 >> ]");
	close_pdf(q);

	/* Two index pages are Index-1, Index-2. */
	std_assembly(fx, &a, "labels2.pdf");
	a.index_pages = 2;
	ts_assert_ok(cp__assemble_write(&a, &err), &err);
	q = open_pdf(a.out_path);
	nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q),
	    "/PageLabels"), "/Nums");
	assert_string_equal(qpdf_oh_unparse_resolved(q, nums),
	    "[ 0 << /P (Cover) >> 1 << /P (Index-) /S /D >> "
	    "3 << /S /D /St 1 >> ]");
	close_pdf(q);
}

static void
test_assemble__links_open_their_target_pages(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "links.pdf");
	qpdf_data q = open_pdf(out);
	qpdf_oh annots, a;
	char dest[128];

	annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, P_INDEX), "/Annots");
	assert_int_equal(qpdf_oh_get_array_n_items(q, annots), 2);
	a = qpdf_oh_get_array_item(q, annots, 0);
	assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a,
	    "/Subtype"), "/Link"));
	assert_string_equal(qpdf_oh_unparse(q, qpdf_oh_get_key(q, a, "/Rect")),
	    "[ 72 700 300 720 ]");
	assert_string_equal(qpdf_oh_unparse(q, qpdf_oh_get_key(q, a,
	    "/Border")), "[ 0 0 0 ]");
	describe_dest(q, qpdf_oh_get_key(q, a, "/Dest"), dest, sizeof(dest));
	assert_string_equal(dest, "p3 /Fit");
	a = qpdf_oh_get_array_item(q, annots, 1);
	assert_string_equal(qpdf_oh_unparse(q, qpdf_oh_get_key(q, a, "/Rect")),
	    "[ 72 680.5 300 700 ]");
	describe_dest(q, qpdf_oh_get_key(q, a, "/Dest"), dest, sizeof(dest));
	assert_string_equal(dest, "p7 /Fit");

	/* On an input page, the link is added after the page's own, whose
	 * target (page 4 of rot.pdf) is now bundle page 6. */
	annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, P_ROT90), "/Annots");
	assert_int_equal(qpdf_oh_get_array_n_items(q, annots), 2);
	describe_dest(q, qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, annots,
	    0), "/Dest"), dest, sizeof(dest));
	assert_string_equal(dest, "p6 /Fit");
	describe_dest(q, qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, annots,
	    1), "/Dest"), dest, sizeof(dest));
	assert_string_equal(dest, "p1 /Fit");

	/* An input's link to one of its named destinations opens the
	 * bundle page, whose name tree does not have the input's names. */
	annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, P_OFF1), "/Annots");
	assert_int_equal(qpdf_oh_get_array_n_items(q, annots), 1);
	describe_dest(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q,
	    qpdf_oh_get_array_item(q, annots, 0), "/A"), "/D"), dest,
	    sizeof(dest));
	assert_string_equal(dest, "p8 /Fit");
	close_pdf(q);
}

/* ---- tests: attachments, info, file properties ------------------------ */

static void
test_assemble__attachments_are_embedded_sorted_by_name(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "attach.pdf");
	qpdf_data q = open_pdf(out);
	qpdf_oh names, fs, ef;
	unsigned char *data;
	size_t len;
	char *list, path[1100];

	names = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q,
	    qpdf_get_root(q), "/Names"), "/EmbeddedFiles"), "/Names");
	assert_int_equal(qpdf_oh_get_array_n_items(q, names), 6);
	assert_string_equal(qpdf_oh_get_utf8_value(q,
	    qpdf_oh_get_array_item(q, names, 0)), "check-report.json");
	assert_string_equal(qpdf_oh_get_utf8_value(q,
	    qpdf_oh_get_array_item(q, names, 2)), "manifest.json");
	assert_string_equal(qpdf_oh_get_utf8_value(q,
	    qpdf_oh_get_array_item(q, names, 4)),
	    "\xe8\xaa\xaa\xe6\x98\x8e.txt");
	fs = qpdf_oh_get_array_item(q, names, 3);
	assert_true(qpdf_oh_is_dictionary_of_type(q, fs, "/Filespec", ""));
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, fs,
	    "/UF")), "manifest.json");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, fs,
	    "/Desc")), "The claim manifest");
	ef = qpdf_oh_get_key(q, qpdf_oh_get_key(q, fs, "/EF"), "/F");
	assert_string_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q,
	    qpdf_oh_get_dict(q, ef), "/Subtype")), "/application/json");
	assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q,
	    qpdf_oh_get_key(q, qpdf_oh_get_dict(q, ef), "/Params"), "/Size")),
	    sizeof(json1) - 1);
	assert_false(qpdf_oh_get_stream_data(q, ef, qpdf_dl_all, NULL, &data,
	    &len) & QPDF_ERRORS);
	assert_int_equal(len, sizeof(json1) - 1);
	assert_memory_equal(data, json1, len);
	free(data);
	close_pdf(q);

	/* poppler sees them too, and gets the bytes back. */
	list = run("pdfdetach -list '%s' 2>/dev/null", out);
	ts_assert_contains(list, "3 embedded files");
	ts_assert_contains(list, "manifest.json");
	ts_assert_contains(list, "\xe8\xaa\xaa\xe6\x98\x8e.txt");
	free(list);
	snprintf(path, sizeof(path), "%s/detached.txt", fx->dir);
	free(run("pdfdetach -save 3 -o '%s' '%s' 2>/dev/null", path, out));
	data = read_file(path, &len);
	assert_non_null(data);
	assert_int_equal(len, sizeof(note) - 1);
	assert_memory_equal(data, note, len);
	free(data);
}

static void
test_assemble__info_names_the_bundle_without_dates(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "info.pdf");
	qpdf_data q = open_pdf(out);
	qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	char *pdfinfo;

	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info,
	    "/Title")), STD_TITLE);
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info,
	    "/Subject")), "Reimbursement");
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info,
	    "/Producer")), "claimpack " CP_VERSION);
	assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, info,
	    "/Creator")), "claimpack");
	assert_false(qpdf_oh_has_key(q, info, "/CreationDate"));
	assert_false(qpdf_oh_has_key(q, info, "/ModDate"));
	close_pdf(q);
	pdfinfo = run("pdfinfo '%s' 2>/dev/null", out);
	ts_assert_contains(pdfinfo, STD_TITLE);
	ts_assert_contains(pdfinfo, "Producer:        claimpack " CP_VERSION);
	free(pdfinfo);
}

static void
test_assemble__same_inputs_give_identical_bytes(void **state)
{
	fixture *fx = *state;
	char first[1024];

	snprintf(first, sizeof(first), "%s", build_std(fx, "same1.pdf"));
	assert_true(files_equal(first, build_std(fx, "same2.pdf")));
}

static void
test_assemble__output_passes_qpdf_check(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "check.pdf");
	char cmd[1200];

	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1", out);
	assert_int_equal(system(cmd), 0);
}

static void
test_assemble__every_page_renders(void **state)
{
	fixture *fx = *state;
	const char *out = build_std(fx, "render.pdf");
	char cmd[2200], png[1100];
	int i;

	snprintf(cmd, sizeof(cmd), "pdftoppm -png -r 50 '%s' '%s/render' "
	    ">/dev/null 2>&1", out, fx->dir);
	assert_int_equal(system(cmd), 0);
	for (i = 1; i <= NPAGES; i++) {
		snprintf(png, sizeof(png), "%s/render-%d.png", fx->dir, i);
		if (!exists(png))
			fail_msg("page %d did not render (%s)", i, png);
	}
}

static void
test_assemble__inputs_are_never_written(void **state)
{
	fixture *fx = *state;
	unsigned char *now;
	size_t len;
	int i;

	build_std(fx, "readonly.pdf");
	for (i = 0; i < NINPUTS; i++) {
		now = read_file(fx->input[i], &len);
		assert_non_null(now);
		assert_int_equal(len, fx->orig_len[i]);
		assert_memory_equal(now, fx->orig[i], len);
		free(now);
	}
}

/* A bundle of the cover and every page of one input (stamped with
 * stamp boxes 1, 2 ...), written as `out_name`. */
static int
build_one(const fixture *fx, const char *input, size_t npages,
    const char *out_name, cp__assembly *a, cp_error *err)
{
	static cp__out_page pages[8];
	static const char *inputs[1];
	size_t i;

	assert_true(npages < 8);
	inputs[0] = input;
	pages[0] = std_pages[P_COVER];
	for (i = 0; i < npages; i++) {
		pages[i + 1].source = 0;
		pages[i + 1].page = i;
		pages[i + 1].stamp = 2 + (int)i;
	}
	std_assembly(fx, a, out_name);
	a->inputs = inputs;
	a->ninputs = 1;
	a->pages = pages;
	a->npages = npages + 1;
	a->noutline = 0;
	a->nlinks = 0;
	a->index_pages = 0;
	memset(err, 0, sizeof(*err));
	return cp__assemble_write(a, err);
}

static void
test_assemble__filled_form_fields_still_show(void **state)
{
	fixture *fx = *state;
	char form[1024], cmd[2200];
	cp__assembly a;
	cp_error err;
	qpdf_data q;
	char *text;

	snprintf(form, sizeof(form), "%s/form.pdf", fx->dir);
	write_form(form);
	ts_assert_ok(build_one(fx, form, 2, "form-out.pdf", &a, &err), &err);
	/* The widgets and their appearances come with the pages ... */
	text = run("pdftotext '%s' - 2>/dev/null", a.out_path);
	ts_assert_contains(text, "FILLED-ZHANG-WEI");
	ts_assert_contains(strstr(text, "FILLED-ZHANG-WEI") + 1,
	    "FILLED-ZHANG-WEI");
	free(text);
	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1",
	    a.out_path);
	assert_int_equal(system(cmd), 0);
	/* ... but the bundle is not a form: the fields no longer edit. */
	q = open_pdf(a.out_path);
	assert_false(qpdf_oh_has_key(q, qpdf_get_root(q), "/AcroForm"));
	close_pdf(q);
}

static void
test_assemble__input_encrypted_for_owner_only_is_copied(void **state)
{
	fixture *fx = *state;
	char enc[1024], cmd[3300];
	cp__assembly a;
	cp_error err;
	char *text;

	snprintf(enc, sizeof(enc), "%s/encrypted.pdf", fx->dir);
	snprintf(cmd, sizeof(cmd), "qpdf --encrypt '' owner-secret 256 -- "
	    "'%s' '%s' >/dev/null 2>&1", fx->input[IN_NARROW], enc);
	assert_int_equal(system(cmd), 0);
	ts_assert_ok(build_one(fx, enc, 1, "enc-out.pdf", &a, &err), &err);
	text = page_text(a.out_path, 2);
	ts_assert_contains(text, "NARROW-TOP");
	ts_assert_contains(text, "p. 1/6");
	free(text);
	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' 2>&1", a.out_path);
	text = run("%s", cmd);
	/* The bundle itself is not encrypted. */
	ts_assert_contains(text, "File is not encrypted");
	free(text);
}

static void
test_assemble__input_needing_a_password_is_eio(void **state)
{
	fixture *fx = *state;
	char locked[1024], cmd[3300];
	cp__assembly a;
	cp_error err;

	snprintf(locked, sizeof(locked), "%s/locked.pdf", fx->dir);
	snprintf(cmd, sizeof(cmd), "qpdf --encrypt user-secret owner-secret "
	    "256 -- '%s' '%s' >/dev/null 2>&1", fx->input[IN_NARROW], locked);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(build_one(fx, locked, 1, "locked-out.pdf", &a, &err),
	    CP_EIO);
	assert_string_equal(err.path, locked);
	ts_assert_contains(err.message, "password");
	assert_false(exists(a.out_path));
}

static void
test_assemble__damaged_input_is_repaired_or_refused(void **state)
{
	fixture *fx = *state;
	const unsigned char *orig = fx->orig[IN_OFFSET];
	size_t len = fx->orig_len[IN_OFFSET];
	unsigned char *bad;
	char path[1024], cmd[2200];
	const char *xref;
	cp__assembly a;
	cp_error err;
	int rc;

	/* A wrong startxref: libqpdf rebuilds the table, and the bundle is
	 * whole. */
	snprintf(path, sizeof(path), "%s/badxref.pdf", fx->dir);
	bad = malloc(len);
	assert_non_null(bad);
	memcpy(bad, orig, len);
	for (xref = (const char *)bad + len - 20; xref > (const char *)bad &&
	    strncmp(xref, "startxref\n", 10) != 0; xref--)
		;
	assert_true(xref > (const char *)bad);
	bad[xref - (const char *)bad + 10] = '9';
	ts_write_bytes(fx->dir, "badxref.pdf", bad, len);
	ts_assert_ok(build_one(fx, path, 2, "badxref-out.pdf", &a, &err),
	    &err);
	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1",
	    a.out_path);
	assert_int_equal(system(cmd), 0);

	/* Cut in half: either repaired or refused with the reason, never a
	 * crash. */
	snprintf(path, sizeof(path), "%s/half.pdf", fx->dir);
	ts_write_bytes(fx->dir, "half.pdf", orig, len / 2);
	rc = build_one(fx, path, 2, "half-out.pdf", &a, &err);
	if (rc != CP_OK) {
		assert_true(rc == CP_EIO || rc == CP_EINVAL);
		assert_string_equal(err.path, path);
		assert_true(err.message[0] != '\0');
	}
	free(bad);
}

/* ---- tests: errors ------------------------------------------------------ */

/* Runs a broken variant of the standard bundle: `rc` and a message
 * containing `needle`, and no output file. */
static void
expect_failure(const fixture *fx, cp__assembly *a, int rc, const char *needle)
{
	cp_error err;

	memset(&err, 0, sizeof(err));
	assert_int_equal(cp__assemble_write(a, &err), rc);
	assert_int_equal(err.code, rc);
	ts_assert_contains(err.message, needle);
	assert_false(exists(a->out_path));
	(void)fx;
}

static void
test_assemble__page_outside_its_source_is_einval(void **state)
{
	fixture *fx = *state;
	cp__out_page pages[NPAGES];
	cp__assembly a;
	cp_error err;

	memcpy(pages, std_pages, sizeof(pages));
	pages[P_OFF2].page = 2;     /* offset.pdf has 2 pages */
	std_assembly(fx, &a, "bad-page.pdf");
	a.pages = pages;
	expect_failure(fx, &a, CP_EINVAL, "page 3 of a 2-page PDF");
	memset(&err, 0, sizeof(err));
	assert_int_equal(cp__assemble_write(&a, &err), CP_EINVAL);
	assert_string_equal(err.path, fx->input[IN_OFFSET]);
}

static void
test_assemble__bad_stamp_or_source_is_einval(void **state)
{
	fixture *fx = *state;
	cp__out_page pages[NPAGES];
	cp__assembly a;

	memcpy(pages, std_pages, sizeof(pages));
	pages[P_ROT90].stamp = 8;   /* the generated PDF has 8 pages */
	std_assembly(fx, &a, "bad-stamp.pdf");
	a.pages = pages;
	expect_failure(fx, &a, CP_EINVAL, "generated page 9");

	memcpy(pages, std_pages, sizeof(pages));
	pages[P_ROT90].source = NINPUTS;
	expect_failure(fx, &a, CP_EINVAL, "input 4");

	memcpy(pages, std_pages, sizeof(pages));
	pages[P_COVER].stamp = 2;
	expect_failure(fx, &a, CP_EINVAL, "generated page");

	memcpy(pages, std_pages, sizeof(pages));
	pages[P_ROT90].rotate = 45;
	expect_failure(fx, &a, CP_EINVAL, "not 90, 180 or 270");
}

static void
test_assemble__bad_outline_link_or_attachment_is_einval(void **state)
{
	fixture *fx = *state;
	static const cp__outline far[] = { { "Far", NPAGES, -1, 0, NULL, 0 } };
	static const cp__link bad_link[] = { { 1, 0, 0, 9, 9, NPAGES } };
	cp__attachment twice[2];
	cp__assembly a;

	std_assembly(fx, &a, "bad-outline.pdf");
	a.outline = far;
	a.noutline = 1;
	expect_failure(fx, &a, CP_EINVAL, "\"Far\"");

	std_assembly(fx, &a, "bad-link.pdf");
	a.links = bad_link;
	a.nlinks = 1;
	expect_failure(fx, &a, CP_EINVAL, "to page 10");

	std_assembly(fx, &a, "bad-attachment.pdf");
	twice[0] = std_attachments[0];
	twice[1] = std_attachments[0];
	a.attachments = twice;
	a.nattachments = 2;
	expect_failure(fx, &a, CP_EINVAL, "manifest.json");
}

static void
test_assemble__unreadable_input_is_eio_naming_the_file(void **state)
{
	fixture *fx = *state;
	const char *inputs[NINPUTS];
	char garbage[1024];
	cp__assembly a;
	cp_error err;

	snprintf(garbage, sizeof(garbage), "%s/garbage.pdf", fx->dir);
	ts_write_text(fx->dir, "garbage.pdf", "this is not a PDF at all\n");
	memcpy(inputs, fx->inputs, sizeof(inputs));
	inputs[IN_OFFSET] = garbage;
	std_assembly(fx, &a, "bad-input.pdf");
	a.inputs = inputs;
	memset(&err, 0, sizeof(err));
	assert_int_equal(cp__assemble_write(&a, &err), CP_EIO);
	assert_string_equal(err.path, garbage);
	ts_assert_contains(err.message, "cannot read this PDF: ");
	assert_false(exists(a.out_path));

	inputs[IN_OFFSET] = fx_path(fx, "missing.pdf");
	memset(&err, 0, sizeof(err));
	assert_int_equal(cp__assemble_write(&a, &err), CP_EIO);
	assert_string_equal(err.path, inputs[IN_OFFSET]);
}

static void
test_assemble__unwritable_output_is_eio(void **state)
{
	fixture *fx = *state;
	cp__assembly a;
	cp_error err;

	std_assembly(fx, &a, "no-such-folder/out.pdf");
	memset(&err, 0, sizeof(err));
	assert_int_equal(cp__assemble_write(&a, &err), CP_EIO);
	assert_string_equal(err.path, a.out_path);
	ts_assert_contains(err.message, "cannot create the bundle");
}

#define T(f) cmocka_unit_test(f)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_assemble__pages_follow_the_given_order),
		T(test_assemble__stamp_boxes_are_not_pages_of_their_own),
		T(test_assemble__rotation_and_boxes_are_kept),
		T(test_assemble__stamp_is_upright_at_bottom_centre_as_seen),
		T(test_assemble__narrow_page_scales_the_stamp_down),
		T(test_assemble__original_content_and_shared_resources_survive),
		T(test_assemble__a_stamp_costs_a_page_little),
		T(test_assemble__same_page_twice_gets_its_own_stamp),
		T(test_assemble__a_turn_adds_to_the_page_rotation),
		T(test_assemble__outline_titles_and_destinations),
		T(test_assemble__imported_outline_stops_at_loops_and_depth),
		T(test_assemble__page_labels_name_cover_index_and_numbers),
		T(test_assemble__links_open_their_target_pages),
		T(test_assemble__attachments_are_embedded_sorted_by_name),
		T(test_assemble__info_names_the_bundle_without_dates),
		T(test_assemble__same_inputs_give_identical_bytes),
		T(test_assemble__output_passes_qpdf_check),
		T(test_assemble__every_page_renders),
		T(test_assemble__inputs_are_never_written),
		T(test_assemble__filled_form_fields_still_show),
		T(test_assemble__input_encrypted_for_owner_only_is_copied),
		T(test_assemble__input_needing_a_password_is_eio),
		T(test_assemble__damaged_input_is_repaired_or_refused),
		T(test_assemble__page_outside_its_source_is_einval),
		T(test_assemble__bad_stamp_or_source_is_einval),
		T(test_assemble__bad_outline_link_or_attachment_is_einval),
		T(test_assemble__unreadable_input_is_eio_naming_the_file),
		T(test_assemble__unwritable_output_is_eio),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
