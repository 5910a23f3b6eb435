/* test_read_ofd_doc.c - the OFD document model (read/ofd_doc.h): the two
 * real invoices draw their page of 210 x 140 mm with the texts, table
 * lines, QR code, seal and watermark a reader sees; packages broken on
 * purpose (built in memory here) are refused or drawn within bounds,
 * and what is not drawn is reported, never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <time.h>
#include <zip.h>

#include "read/ofd_doc.h"
#include "util/fsio.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "support.h"

#define OFDRW "tests/corpus/einvoice/ofdrw-1.ofd"
#define ERMA0 "tests/corpus/einvoice/erma0-sd-20241205.ofd"

/* ---- a painter that records ---------------------------------------------- */

#define MAX_TEXTS 512
#define MAX_NOTES 64

/* A text object drawn: its characters joined, where its first one
 * stands on the page, how it is turned and painted. */
typedef struct {
	char *text;
	double x, y;            /* the first character's origin, page mm */
	double last_x, last_y;  /* the last one's */
	cp__ofd_matrix m;
	cp__ofd_color fill;
	bool vertical;
} drawn_text;

typedef struct {
	drawn_text texts[MAX_TEXTS];
	size_t ntexts;
	size_t paths, segments;
	bool long_line;         /* a line of 200 mm or more (the table) */
	size_t images, pixel_images, png_images;
	bool pixels_black_and_white;
	cp__ofd_matrix image_m;
	unsigned width, height, channels;       /* the last image's */
	unsigned char px[12];                   /* its first pixels */
	char *notes[MAX_NOTES]; /* what was unsupported */
	size_t nnotes;
} record;

static void
apply(const cp__ofd_matrix *m, double x, double y, double *px, double *py)
{
	*px = m->a * x + m->c * y + m->e;
	*py = m->b * x + m->d * y + m->f;
}

static void
rec_text(void *ctx, const cp__ofd_text *t)
{
	record *r = ctx;
	cp__strbuf sb = CP__STRBUF_INIT;
	drawn_text *d;
	char utf8[4];
	size_t i;

	assert_true(t->n > 0);
	assert_non_null(t->font_name);
	assert_non_null(t->family);
	if (r->ntexts == MAX_TEXTS)
		return;
	d = &r->texts[r->ntexts++];
	for (i = 0; i < t->n; i++)
		cp__strbuf_add(&sb, utf8, cp__utf8_encode(t->chars[i], utf8));
	assert_false(sb.failed);
	d->text = cp__strbuf_detach(&sb);
	apply(&t->m, t->x[0], t->y[0], &d->x, &d->y);
	apply(&t->m, t->x[t->n - 1], t->y[t->n - 1], &d->last_x, &d->last_y);
	d->m = t->m;
	d->fill = t->paint.fill_color;
	d->vertical = t->vertical;
	assert_true(t->paint.fill);
}

static void
rec_path(void *ctx, const cp__ofd_path *p)
{
	record *r = ctx;
	double x0, y0, x1, y1;
	size_t i;

	r->paths++;
	r->segments += p->n;
	assert_true(p->n > 0);
	assert_int_equal(p->segments[0].op, CP__OFD_MOVE);
	for (i = 1; i < p->n; i++) {
		if (p->segments[i].op != CP__OFD_LINE ||
		    p->segments[i - 1].op != CP__OFD_MOVE)
			continue;
		apply(&p->m, p->segments[i - 1].p[0], p->segments[i - 1].p[1],
		    &x0, &y0);
		apply(&p->m, p->segments[i].p[0], p->segments[i].p[1], &x1,
		    &y1);
		if (hypot(x1 - x0, y1 - y0) >= 200)
			r->long_line = true;
	}
}

static void
rec_image(void *ctx, const cp__ofd_image *im)
{
	record *r = ctx;
	bool black = false, white = false;
	size_t i;

	r->images++;
	r->image_m = im->m;
	assert_non_null(im->resource);
	if (im->kind == CP__OFD_IMAGE_PNG) {
		r->png_images++;
		assert_true(im->len > 8);
		assert_memory_equal(im->data, "\x89PNG", 4);
	} else if (im->kind == CP__OFD_IMAGE_PIXELS) {
		r->pixel_images++;
		assert_int_equal(im->len, (size_t)im->width * im->height *
		    im->channels);
		r->width = im->width;
		r->height = im->height;
		r->channels = im->channels;
		memcpy(r->px, im->data, im->len < 12 ? im->len : 12);
		for (i = 0; i < im->len; i++) {
			black |= im->data[i] == 0;
			white |= im->data[i] == 255;
		}
		r->pixels_black_and_white = black && white;
	}
}

static void
rec_unsupported(void *ctx, const char *what)
{
	record *r = ctx;

	assert_true(what[0] != '\0');
	if (r->nnotes < MAX_NOTES)
		assert_non_null(r->notes[r->nnotes++] = cp__strdup(what));
}

/* What the package lacks is noted as damage, to tell it apart. */
static void
rec_damaged(void *ctx, const char *what)
{
	record *r = ctx;

	assert_true(what[0] != '\0');
	if (r->nnotes < MAX_NOTES)
		assert_non_null(r->notes[r->nnotes++] = cp__sprintf(
		    "DAMAGED %s", what));
}

static const cp__ofd_painter recorder = {
	rec_text, rec_path, rec_image, rec_unsupported, rec_damaged
};

static void
record_free(record *r)
{
	size_t i;

	for (i = 0; i < r->ntexts; i++)
		free(r->texts[i].text);
	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	memset(r, 0, sizeof(*r));
}

/* The text object drawn whose characters are `text`, or NULL. */
static const drawn_text *
find_text(const record *r, const char *text)
{
	size_t i;

	for (i = 0; i < r->ntexts; i++)
		if (strcmp(r->texts[i].text, text) == 0)
			return &r->texts[i];
	return NULL;
}

static void
expect_text(const record *r, const char *text)
{
	if (find_text(r, text) == NULL)
		fail_msg("no text object drawn reads \"%s\"", text);
}

/* Whether a note holds `part`. */
static bool
noted(const record *r, const char *part)
{
	size_t i;

	for (i = 0; i < r->nnotes; i++)
		if (strstr(r->notes[i], part) != NULL)
			return true;
	return false;
}

/* Opens `path`, which must open, and draws its page 1 into *r. */
static cp__ofd_doc *
draw_file(const char *path, record *r)
{
	cp__ofd_doc *doc;
	char why[256];

	if (access(path, R_OK) != 0)
		fail_msg("%s not found: run the tests from the top of the "
		    "source tree", path);
	if (cp__ofd_doc_open(&doc, path, why, sizeof(why)) != 0)
		fail_msg("%s: %s", path, why);
	memset(r, 0, sizeof(*r));
	if (cp__ofd_doc_draw(doc, 0, &recorder, r, why, sizeof(why)) != 0)
		fail_msg("%s page 1: %s", path, why);
	return doc;
}

/* ---- the real invoices -------------------------------------------------- */

/* A sample opened and its page 1 drawn: the state of the tests below
 * that look at one sample. */
typedef struct {
	cp__ofd_doc *doc;
	record r;
} drawn;

static int
drawn_setup(void **state, const char *path)
{
	drawn *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -1;
	d->doc = draw_file(path, &d->r);
	*state = d;
	return 0;
}

static int
setup_ofdrw(void **state)
{
	return drawn_setup(state, OFDRW);
}

static int
setup_erma0(void **state)
{
	return drawn_setup(state, ERMA0);
}

static int
drawn_teardown(void **state)
{
	drawn *d = *state;

	record_free(&d->r);
	cp__ofd_doc_close(d->doc);
	free(d);
	return 0;
}

#define OFDRW_TEST(f) cmocka_unit_test_setup_teardown(f, setup_ofdrw, \
	drawn_teardown)
#define ERMA0_TEST(f) cmocka_unit_test_setup_teardown(f, setup_erma0, \
	drawn_teardown)


static void
test_read_ofd_doc__samples_are_one_page_of_210_by_140(void **state)
{
	const char *paths[] = { OFDRW, ERMA0 };
	cp__ofd_doc *doc;
	double w, h;
	record r;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		doc = draw_file(paths[i], &r);
		assert_int_equal(cp__ofd_doc_pages(doc), 1);
		cp__ofd_doc_page_size(doc, 0, &w, &h);
		assert_true(fabs(w - 210) < 1e-9);
		assert_true(fabs(h - 140) < 1e-9);
		record_free(&r);
		cp__ofd_doc_close(doc);
	}
}

/* What expected.json says of the two samples, as their pages print it:
 * the number, the date, buyer, seller and total. */
static const struct {
	const char *path;
	const char *fields[5];
} samples[] = {
	{ OFDRW, { "83089647", "2020年07月23日", "江苏京利华新材料有限公司",
	    "兰溪市悦济舫餐厅", "526.00" } },
	{ ERMA0, { "24322000000489101796", "2024年12月05日",
	    "无锡天鹏菜篮子工程有限公司", "无锡爱尔拓燃气技术设备有限公司",
	    "20000.00" } },
};

static void
test_read_ofd_doc__samples_draw_their_fields_and_table(void **state)
{
	cp__ofd_doc *doc;
	size_t i, k;
	record r;

	(void)state;
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		doc = draw_file(samples[i].path, &r);
		for (k = 0; k < 5; k++)
			expect_text(&r, samples[i].fields[k]);
		/* the table's lines: 201 mm across, and many more */
		assert_true(r.long_line);
		assert_true(r.paths >= 10 && r.segments >= 20);
		record_free(&r);
		cp__ofd_doc_close(doc);
	}
}

static void
test_read_ofd_doc__text_is_placed_and_painted(void **state)
{
	const drawn *d = *state;
	const record *r = &d->r;
	const drawn_text *t;

	/* the template's labels, in its layer's brown DrawParam */
	assert_non_null(t = find_text(r, "发票号码："));
	assert_true(fabs(t->fill.r - 156 / 255.0) < 1e-9);
	assert_true(fabs(t->fill.b - 35 / 255.0) < 1e-9);
	/* the number where its Boundary puts it: 164 + X 0, 11.7 + Y, in
	 * the default black */
	assert_non_null(t = find_text(r, "83089647"));
	assert_true(fabs(t->x - 164) < 1e-6);
	assert_true(fabs(t->y - (11.7 + 4.0875)) < 1e-6);
	assert_true(t->fill.r == 0 && t->fill.alpha == 1);
	/* DeltaX "g 7 1.5875": eight characters, 7 x 1.5875 mm apart */
	assert_true(fabs(t->last_x - (164 + 7 * 1.5875)) < 1e-6);
}

static void
test_read_ofd_doc__jbig2_qr_code_is_decoded_to_pixels(void **state)
{
	const drawn *d = *state;
	const record *r = &d->r;

	assert_int_equal(r->pixel_images, 1);
	assert_true(r->pixels_black_and_white);
	/* CTM 20 0 0 20 at Boundary 8.5 3.5: a 20 mm square */
	assert_true(fabs(r->image_m.a - 20) < 1e-9 &&
	    fabs(r->image_m.d - 20) < 1e-9);
	assert_true(fabs(r->image_m.e - 8.5) < 1e-9 &&
	    fabs(r->image_m.f - 3.5) < 1e-9);
}

static void
test_read_ofd_doc__png_qr_code_is_passed_as_it_is(void **state)
{
	const drawn *d = *state;
	const record *r = &d->r;

	/* the QR code on the page and the seal of the watermark */
	assert_int_equal(r->png_images, 2);
	assert_int_equal(r->pixel_images, 0);
}

static void
test_read_ofd_doc__seal_is_drawn_from_its_nested_ofd(void **state)
{
	const drawn *d = *state;
	const record *r = &d->r;
	const drawn_text *t;
	size_t i, red = 0;

	assert_true(cp__ofd_doc_signed(d->doc));
	/* SignedValue.dat holds an OFD whose page says 国家税务总局 in
	 * red; the StampAnnot puts it at 90 8, 30 x 20 mm */
	assert_non_null(t = find_text(r, "国家税务总局"));
	for (i = 0; i < r->ntexts; i++) {
		t = &r->texts[i];
		if (t->fill.r != 1 || t->fill.g != 0 || t->fill.b != 0)
			continue;
		red++;
		if (t->x < 90 - 1 || t->x > 120 + 1 || t->y < 8 - 1 ||
		    t->y > 28 + 1)
			fail_msg("seal text \"%s\" at %g, %g: outside its box",
			    t->text, t->x, t->y);
	}
	assert_true(red >= 10);
	assert_int_equal(r->nnotes, 0);
}

static void
test_read_ofd_doc__watermark_is_turned_and_half_transparent(void **state)
{
	const drawn *d = *state;
	const record *r = &d->r;
	const drawn_text *t;

	assert_false(cp__ofd_doc_signed(d->doc));
	assert_non_null(t = find_text(r, "下载次数：2   "));
	/* CTM 0 1 -1 0: a quarter turn, placed in the right margin */
	assert_true(fabs(t->m.a) < 1e-9 && fabs(t->m.b - 1) < 1e-9);
	assert_true(fabs(t->m.c + 1) < 1e-9 && fabs(t->m.d) < 1e-9);
	assert_true(t->x > 206 && t->x < 210);
	assert_true(fabs(t->fill.alpha - 127 / 255.0) < 1e-9);
}

/* ---- packages made here ---------------------------------------------- */

typedef struct {
	const char *name;
	const char *data;
	size_t len;             /* 0: strlen(data) */
} entry;

/* A ZIP of the entries, written into memory by libzip (caller frees). */
static unsigned char *
make_zip(const entry *e, size_t n, size_t *out_len)
{
	zip_source_t *buf, *src;
	unsigned char *out;
	zip_error_t ze;
	zip_stat_t st;
	zip_t *za;
	size_t i;

	zip_error_init(&ze);
	assert_non_null(buf = zip_source_buffer_create(NULL, 0, 0, &ze));
	zip_source_keep(buf);
	assert_non_null(za = zip_open_from_source(buf, ZIP_TRUNCATE, &ze));
	for (i = 0; i < n; i++) {
		assert_non_null(src = zip_source_buffer(za, e[i].data,
		    e[i].len ? e[i].len : strlen(e[i].data), 0));
		if (zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8) < 0)
			fail_msg("zip_file_add %s: %s", e[i].name,
			    zip_strerror(za));
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(buf, &st), 0);
	assert_int_equal(zip_source_open(buf), 0);
	assert_non_null(out = malloc(st.size));
	assert_int_equal(zip_source_read(buf, out, st.size),
	    (zip_int64_t)st.size);
	zip_source_close(buf);
	zip_source_free(buf);
	zip_error_fini(&ze);
	*out_len = st.size;
	return out;
}

#define NS "xmlns:ofd=\"http://www.ofdspec.org/2016\""
#define OFD_XML \
	"<ofd:OFD " NS " Version=\"1.1\"><ofd:DocBody>" \
	"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
#define DOCUMENT_XML \
	"<ofd:Document " NS "><ofd:CommonData><ofd:PageArea>" \
	"<ofd:PhysicalBox>0 0 100 50</ofd:PhysicalBox></ofd:PageArea>" \
	"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>" \
	"<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>" \
	"</ofd:Pages></ofd:Document>"
#define RES_XML \
	"<ofd:Res " NS " BaseLoc=\"Res\"><ofd:ColorSpaces>" \
	"<ofd:ColorSpace ID=\"2\" Type=\"RGB\"/>" \
	"<ofd:ColorSpace ID=\"3\" Type=\"CMYK\"/></ofd:ColorSpaces>" \
	"<ofd:DrawParams>" \
	"<ofd:DrawParam ID=\"4\" Relative=\"5\" LineWidth=\"0.5\">" \
	"<ofd:StrokeColor Value=\"#FF #00 #00\"/></ofd:DrawParam>" \
	"<ofd:DrawParam ID=\"5\" Relative=\"4\" LineWidth=\"2\">" \
	"<ofd:FillColor Value=\"0 0 255\"/></ofd:DrawParam>" \
	"</ofd:DrawParams>" \
	"<ofd:Fonts><ofd:Font ID=\"6\" FontName=\"SimSun\"/></ofd:Fonts>" \
	"<ofd:MultiMedias><ofd:MultiMedia ID=\"7\" Type=\"Image\">" \
	"<ofd:MediaFile>missing.png</ofd:MediaFile></ofd:MultiMedia>" \
	"<ofd:MultiMedia ID=\"8\" Type=\"Image\">" \
	"<ofd:MediaFile>pic.bmp</ofd:MediaFile></ofd:MultiMedia>" \
	"<ofd:MultiMedia ID=\"9\" Type=\"Image\">" \
	"<ofd:MediaFile>anim.gif</ofd:MediaFile></ofd:MultiMedia>" \
	"</ofd:MultiMedias><ofd:CompositeGraphicUnits>" \
	"<ofd:CompositeGraphicUnit ID=\"10\" Width=\"10\" Height=\"10\">" \
	"<ofd:Content><ofd:TextObject ID=\"11\" Boundary=\"0 0 10 10\" " \
	"Font=\"6\" Size=\"2\"><ofd:TextCode X=\"1\" Y=\"2\">unit" \
	"</ofd:TextCode></ofd:TextObject></ofd:Content>" \
	"</ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits></ofd:Res>"
#define PAGE_HEAD \
	"<ofd:Page " NS "><ofd:Content><ofd:Layer ID=\"20\">"
#define PAGE_TAIL "</ofd:Layer></ofd:Content></ofd:Page>"

/* A 2 x 2 BMP, 24 bits, bottom row first: red, green / blue, white. */
static const unsigned char bmp[] = {
	'B', 'M', 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0,
	40, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0, 0, 0, 0, 0,
	16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* bottom row: blue, white, 2 bytes of padding */
	255, 0, 0, 255, 255, 255, 0, 0,
	/* top row: red, green */
	0, 0, 255, 0, 255, 0, 0, 0,
};

/* A package of OFD.xml, Document.xml, PublicRes.xml, the pictures and
 * a page whose layer holds `objects`, with `content` (if not NULL) as
 * the page's whole Content.xml instead. */
static unsigned char *
make_package(const char *objects, const char *content, size_t *len)
{
	cp__strbuf page = CP__STRBUF_INIT;
	unsigned char *zip;

	if (content == NULL) {
		cp__strbuf_puts(&page, PAGE_HEAD);
		cp__strbuf_puts(&page, objects);
		cp__strbuf_puts(&page, PAGE_TAIL);
		assert_false(page.failed);
		content = page.data;
	}
	{
		const entry e[] = {
			{ "OFD.xml", OFD_XML, 0 },
			{ "Doc_0/Document.xml", DOCUMENT_XML, 0 },
			{ "Doc_0/PublicRes.xml", RES_XML, 0 },
			{ "Doc_0/Res/pic.bmp", (const char *)bmp, sizeof(bmp) },
			{ "Doc_0/Res/anim.gif", "GIF89a\1\0\1\0", 0 },
			{ "Doc_0/Pages/Page_0/Content.xml", content, 0 },
		};

		zip = make_zip(e, 6, len);
	}
	cp__strbuf_free(&page);
	return zip;
}

/* Opens the package in memory, draws its page into *r; returns what
 * drawing returned, `why` filled. */
static int
draw_package(const unsigned char *zip, size_t len, record *r, char *why,
    size_t why_size)
{
	cp__ofd_doc *doc;
	int rc;

	if (cp__ofd_doc_open_memory(&doc, zip, len, why, why_size) != 0)
		fail_msg("open: %s", why);
	memset(r, 0, sizeof(*r));
	rc = cp__ofd_doc_draw(doc, 0, &recorder, r, why, why_size);
	cp__ofd_doc_close(doc);
	return rc;
}

static void
test_read_ofd_doc__made_package_draws_every_kind_of_object(void **state)
{
	static const char objects[] =
	    "<ofd:TextObject ID=\"30\" Boundary=\"10 10 50 5\" Font=\"6\" "
	    "Size=\"4\"><ofd:TextCode X=\"0\" Y=\"4\" DeltaX=\"g 3 2 1\">"
	    "abcde</ofd:TextCode></ofd:TextObject>"
	    "<ofd:TextObject ID=\"31\" Boundary=\"0 0 5 5\" Size=\"4\" "
	    "Visible=\"false\"><ofd:TextCode X=\"0\" Y=\"4\">hidden"
	    "</ofd:TextCode></ofd:TextObject>"
	    "<ofd:PageBlock ID=\"32\"><ofd:PathObject ID=\"33\" "
	    "Boundary=\"0 0 20 20\" Fill=\"true\"><ofd:FillColor "
	    "Value=\"0 0 0 255\" ColorSpace=\"3\"/><ofd:AbbreviatedData>"
	    "M 0 0 Q 10 10 20 0 A 10 10 0 0 1 0 0 C</ofd:AbbreviatedData>"
	    "</ofd:PathObject></ofd:PageBlock>"
	    "<ofd:ImageObject ID=\"34\" CTM=\"10 0 0 10 0 0\" "
	    "Boundary=\"50 20 10 10\" ResourceID=\"8\"/>"
	    "<ofd:CompositeObject ID=\"35\" Boundary=\"70 30 10 10\" "
	    "ResourceID=\"10\"/>";
	const drawn_text *t;
	unsigned char *zip;
	char why[256];
	record r;
	size_t len;

	(void)state;
	zip = make_package(objects, NULL, &len);
	assert_int_equal(draw_package(zip, len, &r, why, sizeof(why)), 0);
	/* "g 3 2 1": offsets 2, 2, 2, 1 */
	assert_non_null(t = find_text(&r, "abcde"));
	assert_true(fabs(t->x - 10) < 1e-9 && fabs(t->y - 14) < 1e-9);
	assert_true(fabs(t->last_x - 17) < 1e-9 && fabs(t->last_y - 14) < 1e-9);
	assert_null(find_text(&r, "hidden"));
	/* the composite unit's text, at its object's Boundary */
	assert_non_null(t = find_text(&r, "unit"));
	assert_true(fabs(t->x - 71) < 1e-9 && fabs(t->y - 32) < 1e-9);
	assert_int_equal(r.paths, 1);
	/* the BMP, decoded top row first: red, green, blue, white */
	assert_int_equal(r.pixel_images, 1);
	assert_int_equal(r.width, 2);
	assert_int_equal(r.height, 2);
	assert_int_equal(r.channels, 3);
	assert_memory_equal(r.px, "\xff\0\0\0\xff\0\0\0\xff\xff\xff\xff", 12);
	assert_true(fabs(r.image_m.a - 10) < 1e-9 &&
	    fabs(r.image_m.e - 50) < 1e-9);
	assert_int_equal(r.nnotes, 0);
	record_free(&r);
	free(zip);
}

/* Records the paths whole, to look at their segments. */
typedef struct {
	cp__ofd_segment seg[64];
	size_t n;
	cp__ofd_paint paint;
	bool even_odd;
} one_path;

static void
keep_path(void *ctx, const cp__ofd_path *p)
{
	one_path *o = ctx;

	assert_true(p->n <= 64);
	memcpy(o->seg, p->segments, p->n * sizeof(*p->segments));
	o->n = p->n;
	o->paint = p->paint;
	o->even_odd = p->even_odd;
}

/* Draws a page whose one object is `object` and keeps its path. */
static void
draw_one_path(const char *object, one_path *o)
{
	const cp__ofd_painter painter = { NULL, keep_path, NULL, NULL, NULL };
	unsigned char *zip;
	cp__ofd_doc *doc;
	char why[256];
	size_t len;

	zip = make_package(object, NULL, &len);
	assert_int_equal(cp__ofd_doc_open_memory(&doc, zip, len, why,
	    sizeof(why)), 0);
	memset(o, 0, sizeof(*o));
	assert_int_equal(cp__ofd_doc_draw(doc, 0, &painter, o, why,
	    sizeof(why)), 0);
	cp__ofd_doc_close(doc);
	free(zip);
}

static void
test_read_ofd_doc__arcs_and_quadratics_become_cubics(void **state)
{
	one_path o;
	double t, x, y, mt;
	size_t i;
	int k;

	(void)state;
	draw_one_path("<ofd:PathObject ID=\"40\" Boundary=\"0 0 30 30\" "
	    "Rule=\"Even-Odd\"><ofd:AbbreviatedData>M 0 10 A 10 10 0 0 1 20 "
	    "10 Q 30 20 20 30 C</ofd:AbbreviatedData></ofd:PathObject>", &o);
	assert_true(o.even_odd);
	assert_true(o.paint.stroke);
	assert_false(o.paint.fill);
	assert_int_equal(o.seg[0].op, CP__OFD_MOVE);
	/* a half turn: two quarter-turn cubics on the circle around
	 * (10, 10), over the top (y going down) */
	assert_int_equal(o.seg[1].op, CP__OFD_CURVE);
	assert_int_equal(o.seg[2].op, CP__OFD_CURVE);
	for (i = 1; i <= 2; i++) {
		double x0 = i == 1 ? 0 : o.seg[1].p[4];
		double y0 = i == 1 ? 10 : o.seg[1].p[5];

		for (k = 0; k <= 8; k++) {
			t = k / 8.0;
			mt = 1 - t;
			x = mt * mt * mt * x0 + 3 * mt * mt * t * o.seg[i].p[0] +
			    3 * mt * t * t * o.seg[i].p[2] + t * t * t *
			    o.seg[i].p[4];
			y = mt * mt * mt * y0 + 3 * mt * mt * t * o.seg[i].p[1] +
			    3 * mt * t * t * o.seg[i].p[3] + t * t * t *
			    o.seg[i].p[5];
			assert_true(fabs(hypot(x - 10, y - 10) - 10) < 0.01);
			assert_true(y <= 10 + 1e-9);
		}
	}
	assert_true(fabs(o.seg[2].p[4] - 20) < 1e-9 &&
	    fabs(o.seg[2].p[5] - 10) < 1e-9);
	/* the quadratic from (20, 10) through (30, 20) to (20, 30) */
	assert_int_equal(o.seg[3].op, CP__OFD_CURVE);
	assert_true(fabs(o.seg[3].p[0] - (20 + 2.0 / 3 * 10)) < 1e-9);
	assert_true(fabs(o.seg[3].p[1] - (10 + 2.0 / 3 * 10)) < 1e-9);
	assert_true(fabs(o.seg[3].p[4] - 20) < 1e-9 &&
	    fabs(o.seg[3].p[5] - 30) < 1e-9);
	assert_int_equal(o.seg[4].op, CP__OFD_CLOSE);
	assert_int_equal(o.n, 5);
}

static void
test_read_ofd_doc__path_fill_is_transparent_by_default(void **state)
{
	one_path o;

	(void)state;
	/* Fill="true" with no colour given fills nothing (the ⊗ before
	 * an amount in words): GB/T 33190's default fill is transparent */
	draw_one_path("<ofd:PathObject ID=\"42\" Boundary=\"0 0 5 5\" "
	    "Fill=\"true\"><ofd:AbbreviatedData>M 4 2 B 4 1 3 0 2 0 M 1 1 "
	    "L 4 4</ofd:AbbreviatedData></ofd:PathObject>", &o);
	assert_true(o.paint.stroke);
	assert_false(o.paint.fill);
	/* with a colour, it is filled */
	draw_one_path("<ofd:PathObject ID=\"43\" Boundary=\"0 0 5 5\" "
	    "Fill=\"true\"><ofd:FillColor Value=\"255 0 0\"/>"
	    "<ofd:AbbreviatedData>M 0 0 L 4 4 L 0 4 C</ofd:AbbreviatedData>"
	    "</ofd:PathObject>", &o);
	assert_true(o.paint.fill);
	assert_true(o.paint.fill_color.r == 1 && o.paint.fill_color.g == 0);
}

static void
test_read_ofd_doc__draw_param_relative_loop_ends(void **state)
{
	one_path o;

	(void)state;
	/* 4 is Relative to 5, 5 to 4: each is applied once, the nearest
	 * last, and drawing ends */
	draw_one_path("<ofd:PathObject ID=\"41\" Boundary=\"0 0 10 10\" "
	    "DrawParam=\"4\" Fill=\"true\"><ofd:AbbreviatedData>M 0 0 L 5 5"
	    "</ofd:AbbreviatedData></ofd:PathObject>", &o);
	assert_int_equal(o.n, 2);
	assert_true(fabs(o.paint.line_width - 0.5) < 1e-9);
	assert_true(o.paint.stroke_color.r == 1 &&
	    o.paint.stroke_color.g == 0);
	assert_true(o.paint.fill_color.b == 1 && o.paint.fill_color.r == 0);
}

static void
test_read_ofd_doc__missing_image_is_reported_not_broken(void **state)
{
	static const char objects[] =
	    "<ofd:ImageObject ID=\"50\" CTM=\"10 0 0 10 0 0\" "
	    "Boundary=\"0 0 10 10\" ResourceID=\"7\"/>"
	    "<ofd:ImageObject ID=\"51\" CTM=\"10 0 0 10 0 0\" "
	    "Boundary=\"0 0 10 10\" ResourceID=\"9\"/>"
	    "<ofd:ImageObject ID=\"52\" Boundary=\"0 0 10 10\" "
	    "ResourceID=\"99\"/>"
	    "<ofd:VideoObject ID=\"53\" Boundary=\"0 0 10 10\"/>"
	    "<ofd:VideoObject ID=\"54\" Boundary=\"0 0 10 10\"/>"
	    "<ofd:PathObject ID=\"55\" Boundary=\"0 0 10 10\"><ofd:StrokeColor>"
	    "<ofd:AxialShd/></ofd:StrokeColor><ofd:AbbreviatedData>M 0 0 "
	    "L 1 1</ofd:AbbreviatedData></ofd:PathObject>"
	    "<ofd:TextObject ID=\"56\" Boundary=\"0 20 50 5\" Size=\"4\">"
	    "<ofd:TextCode X=\"0\" Y=\"4\">after</ofd:TextCode>"
	    "</ofd:TextObject>";
	unsigned char *zip;
	char why[256];
	record r;
	size_t len;

	(void)state;
	zip = make_package(objects, NULL, &len);
	assert_int_equal(draw_package(zip, len, &r, why, sizeof(why)), 0);
	assert_true(noted(&r, "image Doc_0/Res/missing.png, which is missing"));
	assert_true(noted(&r, "image Doc_0/Res/anim.gif, which is a GIF"));
	assert_true(noted(&r, "(99) the document does not hold"));
	assert_true(noted(&r, "a VideoObject"));
	assert_true(noted(&r, "a shading (AxialShd) on PathObject 55"));
	/* what the package lacks is damage; what it holds of a kind not
	 * drawn is not */
	assert_true(noted(&r, "DAMAGED image Doc_0/Res/missing.png"));
	assert_true(noted(&r, "DAMAGED ImageObject 52, whose resource (99)"));
	assert_false(noted(&r, "DAMAGED image Doc_0/Res/anim.gif"));
	assert_false(noted(&r, "DAMAGED a VideoObject"));
	assert_false(noted(&r, "DAMAGED a shading"));
	/* once per kind and page */
	assert_int_equal(r.nnotes, 5);
	assert_int_equal(r.images, 0);
	expect_text(&r, "after");
	record_free(&r);
	free(zip);
}

static void
test_read_ofd_doc__broken_packages_are_refused(void **state)
{
	const entry slip[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "Doc_0/../../evil.xml", "<x/>", 0 },
	};
	const entry climb[] = {
		{ "OFD.xml", "<OFD><DocBody><DocRoot>../../etc/passwd</DocRoot>"
		    "</DocBody></OFD>", 0 },
	};
	const entry laughs[] = {
		{ "OFD.xml", TS_LAUGHS "<OFD><DocBody><DocRoot>&lol9;</DocRoot>"
		    "</DocBody></OFD>", 0 },
	};
	const entry no_ofd[] = {
		{ "hello.txt", "hello", 0 },
	};
	const entry no_pages[] = {
		{ "OFD.xml", OFD_XML, 0 },
		{ "Doc_0/Document.xml", "<Document><Pages/></Document>", 0 },
	};
	cp__ofd_doc *doc = NULL;
	unsigned char *zip;
	char why[256];
	size_t len, real;
	char *data;
	cp_error err;

	(void)state;
	memset(&err, 0, sizeof(err));
	assert_int_equal(cp__file_read(&data, &real, OFDRW, 1u << 20,
	    "a test file", CP_EIO, &err), CP_OK);
	assert_int_equal(cp__ofd_doc_open_memory(&doc, data, real / 2, why,
	    sizeof(why)), 1);
	assert_null(doc);
	ts_assert_contains(why, "cut short");
	free(data);
#define REFUSED(e, want) do { \
		zip = make_zip(e, sizeof(e) / sizeof(e[0]), &len); \
		assert_int_equal(cp__ofd_doc_open_memory(&doc, zip, len, why, \
		    sizeof(why)), 1); \
		assert_null(doc); \
		ts_assert_contains(why, want); \
		free(zip); \
	} while (0)
	REFUSED(slip, "points outside the archive");
	REFUSED(climb, "names no document");
	REFUSED(laughs, "document type (DTD)");
	REFUSED(no_ofd, "holds no OFD.xml");
	REFUSED(no_pages, "lists no pages");
#undef REFUSED
}

static void
test_read_ofd_doc__entity_bomb_in_the_page_breaks_that_page(void **state)
{
	unsigned char *zip;
	char why[256];
	record r;
	size_t len;

	(void)state;
	zip = make_package(NULL, TS_LAUGHS
	    "<Page><Content>&lol9;</Content></Page>", &len);
	assert_int_equal(draw_package(zip, len, &r, why, sizeof(why)), 1);
	ts_assert_contains(why, "Doc_0/Pages/Page_0/Content.xml declares a "
	    "document type (DTD)");
	assert_int_equal(r.ntexts, 0);
	record_free(&r);
	free(zip);
}

/* A Document.xml listing `n` pages (caller frees). */
static char *
many_pages(size_t n)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	size_t i;

	cp__strbuf_puts(&sb, "<Document><Pages>");
	for (i = 0; i < n; i++)
		cp__strbuf_add(&sb, "<Page/>", 7);
	cp__strbuf_puts(&sb, "</Pages></Document>");
	assert_false(sb.failed);
	return cp__strbuf_detach(&sb);
}

static void
test_read_ofd_doc__too_many_pages_are_refused_quickly(void **state)
{
	/* 500000 <Page/> fit in the 4 MiB Document.xml may have; 10^6 do
	 * not, and are refused for the file's size */
	const size_t counts[] = { 500000, 1000000 };
	const char *wants[] = { "has 500000 pages; claimpack draws at most "
	    "1000", "Document.xml is larger than 4 MiB" };
	cp__ofd_doc *doc;
	unsigned char *zip;
	char why[256], *pages;
	clock_t start;
	size_t len, i;

	(void)state;
	for (i = 0; i < 2; i++) {
		pages = many_pages(counts[i]);
		{
			const entry e[] = {
				{ "OFD.xml", OFD_XML, 0 },
				{ "Doc_0/Document.xml", pages, 0 },
			};

			zip = make_zip(e, 2, &len);
		}
		start = clock();
		assert_int_equal(cp__ofd_doc_open_memory(&doc, zip, len, why,
		    sizeof(why)), 1);
		assert_true(clock() - start < 10 * CLOCKS_PER_SEC);
		ts_assert_contains(why, wants[i]);
		free(zip);
		free(pages);
	}
}

/* A page of page blocks nested `depth` deep around one text. */
static char *
nested_blocks(size_t depth)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	size_t i;

	cp__strbuf_puts(&sb, PAGE_HEAD);
	for (i = 0; i < depth; i++)
		cp__strbuf_puts(&sb, "<ofd:PageBlock>");
	cp__strbuf_puts(&sb, "<ofd:TextObject ID=\"60\" Boundary=\"0 0 5 5\" "
	    "Size=\"4\"><ofd:TextCode X=\"0\" Y=\"4\">deep</ofd:TextCode>"
	    "</ofd:TextObject>");
	for (i = 0; i < depth; i++)
		cp__strbuf_puts(&sb, "</ofd:PageBlock>");
	cp__strbuf_puts(&sb, PAGE_TAIL);
	assert_false(sb.failed);
	return cp__strbuf_detach(&sb);
}

static void
test_read_ofd_doc__deep_page_blocks_break_the_page(void **state)
{
	const size_t depths[] = { 10, 100, 10000 };
	const char *wants[] = { NULL, "more than 16 deep on page 1",
	    "Content.xml is not well-formed XML" };
	unsigned char *zip;
	char why[256], *page;
	record r;
	size_t len, i;
	int rc;

	(void)state;
	for (i = 0; i < 3; i++) {
		page = nested_blocks(depths[i]);
		zip = make_package(NULL, page, &len);
		rc = draw_package(zip, len, &r, why, sizeof(why));
		if (wants[i] == NULL) {
			assert_int_equal(rc, 0);
			expect_text(&r, "deep");
		} else {
			/* libxml2 stops at 256 levels, the model at 16 */
			assert_int_equal(rc, 1);
			ts_assert_contains(why, wants[i]);
		}
		record_free(&r);
		free(zip);
		free(page);
	}
}

static void
test_read_ofd_doc__draw_past_the_last_page(void **state)
{
	cp__ofd_doc *doc;
	char why[256];
	record r;

	(void)state;
	doc = draw_file(ERMA0, &r);
	record_free(&r);
	assert_int_equal(cp__ofd_doc_draw(doc, 1, &recorder, &r, why,
	    sizeof(why)), 1);
	ts_assert_contains(why, "has no page 2");
	cp__ofd_doc_close(NULL);
	cp__ofd_doc_close(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_ofd_doc__samples_are_one_page_of_210_by_140),
		cmocka_unit_test(test_read_ofd_doc__samples_draw_their_fields_and_table),
		OFDRW_TEST(test_read_ofd_doc__text_is_placed_and_painted),
		OFDRW_TEST(test_read_ofd_doc__jbig2_qr_code_is_decoded_to_pixels),
		ERMA0_TEST(test_read_ofd_doc__png_qr_code_is_passed_as_it_is),
		OFDRW_TEST(test_read_ofd_doc__seal_is_drawn_from_its_nested_ofd),
		ERMA0_TEST(test_read_ofd_doc__watermark_is_turned_and_half_transparent),
		cmocka_unit_test(test_read_ofd_doc__made_package_draws_every_kind_of_object),
		cmocka_unit_test(test_read_ofd_doc__arcs_and_quadratics_become_cubics),
		cmocka_unit_test(test_read_ofd_doc__draw_param_relative_loop_ends),
		cmocka_unit_test(test_read_ofd_doc__missing_image_is_reported_not_broken),
		cmocka_unit_test(test_read_ofd_doc__path_fill_is_transparent_by_default),
		cmocka_unit_test(test_read_ofd_doc__broken_packages_are_refused),
		cmocka_unit_test(test_read_ofd_doc__entity_bomb_in_the_page_breaks_that_page),
		cmocka_unit_test(test_read_ofd_doc__too_many_pages_are_refused_quickly),
		cmocka_unit_test(test_read_ofd_doc__deep_page_blocks_break_the_page),
		cmocka_unit_test(test_read_ofd_doc__draw_past_the_last_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
