/*
 * fuzz_ofd_doc.c - the OFD document model (read/ofd_doc.h) on any
 * package: cp__ofd_doc_open_memory, then every page's size and drawing
 * with a painter that reads every field it is handed.
 *
 * An input that starts with "PK" is opened as it is; any other is first
 * made into a valid ZIP (fuzz_zip.h), so that mutations reach the XML,
 * the images and the signed values inside.
 *
 * Checked: open returns 0 or 1 (never -1: nothing here runs out of
 * memory), 1 with a reason and no document, 0 with 1 to
 * CP__OFD_DOC_MAX_PAGES pages; page sizes within 1 to 5000 mm; drawing
 * returns 0 or 1, 1 with a reason.  Every object handed to the painter
 * is finite and within its ranges: colours and opacities 0..1, line
 * caps and joins 0..2, characters Unicode scalar values, segments of
 * the four kinds, decoded pixels exactly width * height * channels
 * bytes of 1 or 3 channels, PNG and JPEG data with their signatures;
 * what is reported unsupported is a sentence in valid UTF-8 without
 * control characters, and no page gets more than
 * CP__OFD_DOC_MAX_OBJECTS objects.
 */
#include <math.h>

#include "read/ofd_doc.h"
#include "fuzz.h"
#include "fuzz_zip.h"

/* What one page's drawing was handed. */
typedef struct {
	size_t objects;
	unsigned sum;           /* read from every byte, so that ASan sees it */
} seen;

static void
check_number(double v)
{
	FZ_ASSERT(isfinite(v));
}

static void
check_matrix(const cp__ofd_matrix *m)
{
	check_number(m->a);
	check_number(m->b);
	check_number(m->c);
	check_number(m->d);
	check_number(m->e);
	check_number(m->f);
}

static void
check_color(const cp__ofd_color *c)
{
	FZ_ASSERT(c->r >= 0 && c->r <= 1);
	FZ_ASSERT(c->g >= 0 && c->g <= 1);
	FZ_ASSERT(c->b >= 0 && c->b <= 1);
	FZ_ASSERT(c->alpha >= 0 && c->alpha <= 1);
}

static void
check_paint(const cp__ofd_paint *p)
{
	check_color(&p->fill_color);
	check_color(&p->stroke_color);
	FZ_ASSERT(isfinite(p->line_width) && p->line_width >= 0);
	FZ_ASSERT(p->cap >= 0 && p->cap <= 2);
	FZ_ASSERT(p->join >= 0 && p->join <= 2);
	FZ_ASSERT(isfinite(p->miter_limit) && p->miter_limit > 0);
	FZ_ASSERT(p->fill == true || p->fill == false);
	FZ_ASSERT(p->stroke == true || p->stroke == false);
}

static void
on_text(void *ctx, const cp__ofd_text *t)
{
	seen *s = ctx;
	size_t i;

	s->objects++;
	check_matrix(&t->m);
	FZ_ASSERT(t->font_name != NULL && t->family != NULL);
	FZ_ASSERT(fz_utf8_valid(t->font_name, strlen(t->font_name)));
	FZ_ASSERT(fz_utf8_valid(t->family, strlen(t->family)));
	FZ_ASSERT(isfinite(t->size) && t->size > 0);
	check_paint(&t->paint);
	FZ_ASSERT(t->n > 0 && t->chars != NULL && t->x != NULL &&
	    t->y != NULL);
	for (i = 0; i < t->n; i++) {
		FZ_ASSERT(t->chars[i] != 0 && t->chars[i] <= 0x10ffff &&
		    (t->chars[i] < 0xd800 || t->chars[i] > 0xdfff));
		check_number(t->x[i]);
		check_number(t->y[i]);
	}
	s->sum += t->bold + t->italic + t->vertical;
}

static void
on_path(void *ctx, const cp__ofd_path *p)
{
	seen *s = ctx;
	size_t i;
	int k;

	s->objects++;
	check_matrix(&p->m);
	check_paint(&p->paint);
	FZ_ASSERT(p->n > 0 && p->segments != NULL);
	FZ_ASSERT(p->segments[0].op == CP__OFD_MOVE);
	for (i = 0; i < p->n; i++) {
		FZ_ASSERT(p->segments[i].op == CP__OFD_MOVE ||
		    p->segments[i].op == CP__OFD_LINE ||
		    p->segments[i].op == CP__OFD_CURVE ||
		    p->segments[i].op == CP__OFD_CLOSE);
		for (k = 0; k < 6; k++)
			check_number(p->segments[i].p[k]);
	}
	s->sum += p->even_odd;
}

static void
on_image(void *ctx, const cp__ofd_image *im)
{
	seen *s = ctx;
	size_t i;

	s->objects++;
	check_matrix(&im->m);
	FZ_ASSERT(im->alpha >= 0 && im->alpha <= 1);
	FZ_ASSERT(im->resource != NULL);
	FZ_ASSERT(im->data != NULL && im->len > 0);
	switch (im->kind) {
	case CP__OFD_IMAGE_PNG:
		FZ_ASSERT(im->len >= 8 && memcmp(im->data, "\x89PNG", 4) == 0);
		break;
	case CP__OFD_IMAGE_JPEG:
		FZ_ASSERT(im->len >= 3 && memcmp(im->data, "\xff\xd8\xff",
		    3) == 0);
		break;
	case CP__OFD_IMAGE_PIXELS:
		FZ_ASSERT(im->channels == 1 || im->channels == 3);
		FZ_ASSERT(im->width > 0 && im->height > 0);
		FZ_ASSERT(im->len == (size_t)im->width * im->height *
		    im->channels);
		break;
	default:
		FZ_ASSERT(!"an image of no kind");
	}
	for (i = 0; i < im->len; i++)
		s->sum += im->data[i];
}

static void
on_unsupported(void *ctx, const char *what)
{
	size_t n = strlen(what), i;

	(void)ctx;
	FZ_ASSERT(n > 0);
	FZ_ASSERT(fz_utf8_valid(what, n));
	for (i = 0; i < n; i++)
		FZ_ASSERT((unsigned char)what[i] >= 0x20 && what[i] != 0x7f);
}

static const cp__ofd_painter painter = {
	on_text, on_path, on_image, on_unsupported, on_unsupported
};

static void
draw_all(const uint8_t *data, size_t size)
{
	cp__ofd_doc *doc = NULL;
	char why[256];
	double w, h;
	size_t i, n;
	seen s;
	int rc;

	why[0] = '\0';
	rc = cp__ofd_doc_open_memory(&doc, data, size, why, sizeof(why));
	FZ_ASSERT(rc == 0 || rc == 1);
	if (rc == 1) {
		FZ_ASSERT(doc == NULL);
		FZ_ASSERT(why[0] != '\0' && fz_utf8_valid(why, strlen(why)));
		return;
	}
	n = cp__ofd_doc_pages(doc);
	FZ_ASSERT(n >= 1 && n <= CP__OFD_DOC_MAX_PAGES);
	(void)cp__ofd_doc_signed(doc);
	for (i = 0; i < n; i++) {
		cp__ofd_doc_page_size(doc, i, &w, &h);
		FZ_ASSERT(w >= 1 && w <= 5000 && h >= 1 && h <= 5000);
		memset(&s, 0, sizeof(s));
		why[0] = '\0';
		rc = cp__ofd_doc_draw(doc, i, &painter, &s, why, sizeof(why));
		FZ_ASSERT(rc == 0 || rc == 1);
		FZ_ASSERT(rc == 0 || (why[0] != '\0' &&
		    fz_utf8_valid(why, strlen(why))));
		FZ_ASSERT(s.objects <= CP__OFD_DOC_MAX_OBJECTS);
	}
	cp__ofd_doc_close(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_on_package(data, size, draw_all);
	return 0;
}
