/* ofd_page.c - the objects of an OFD page: the text of one text object,
 * the page's text in reading order, its images. */
#include "read/ofd_doc_int.h"

#include <stdlib.h>
#include <string.h>

#include "read/xml_int.h"
#include "util/strbuf.h"

/* The most text objects of one page (content and template) put in
 * reading order; a real invoice page has about a hundred. */
#define PAGE_MAX_OBJECTS 20000u

/* A text object placed on the page. */
typedef struct {
	double x, yc, h;        /* left edge, middle, height (mm) */
	size_t seq;             /* order in the files, to keep ties stable */
	char *text;
} placed;

typedef struct {
	placed *items;
	size_t n, cap;
} placed_list;

/* Appends the texts of the TextCode children of `obj`. */
static void
add_codes(cp__strbuf *sb, const xmlNode *obj)
{
	const xmlNode *c;
	char *t;

	for (c = cp__xml_child(obj, "TextCode"); c != NULL;
	    c = cp__xml_next(c, "TextCode")) {
		if ((t = cp__xml_text(c)) == NULL) {
			sb->failed = true;
			return;
		}
		cp__strbuf_puts(sb, t);
		free(t);
	}
}

/* The text of text object `obj`: a new string, NULL when out of
 * memory. */
static char *
object_text(const xmlNode *obj)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	char *out;

	cp__strbuf_add(&sb, "", 0);
	add_codes(&sb, obj);
	if ((out = cp__strbuf_detach(&sb)) == NULL)
		cp__strbuf_free(&sb);
	return out;
}

int
cp__ofd_object_text(char **out, const xmlDoc *page, const char *id)
{
	const xmlNode *root = page != NULL ? xmlDocGetRootElement(page) : NULL;
	const xmlNode *n;
	const char *oid;

	*out = NULL;
	for (n = root; n != NULL; n = cp__xml_walk(root, n)) {
		if (!cp__xml_is(n, "TextObject") ||
		    (oid = cp__xml_attr(n, "ID")) == NULL ||
		    strcmp(oid, id) != 0)
			continue;
		if ((*out = object_text(n)) == NULL)
			return -1;
		return 1;
	}
	return 0;
}

/* Adds text object `obj` to the list, placed by its Boundary and the
 * offset of its first TextCode.  0, or -1 when out of memory. */
static int
place(placed_list *list, const xmlNode *obj)
{
	const char *b = cp__xml_attr(obj, "Boundary");
	const char *cx = cp__xml_attr(cp__xml_child(obj, "TextCode"), "X");
	double x = 0, y = 0, w = 0, h = 0, dx = 0;
	placed *p;
	char *text;

	if (list->n >= PAGE_MAX_OBJECTS)
		return 0;
	if (b == NULL || cp__ofd_number(&b, &x) != 0 ||
	    cp__ofd_number(&b, &y) != 0 || cp__ofd_number(&b, &w) != 0 ||
	    cp__ofd_number(&b, &h) != 0)
		x = y = h = 0;
	if (cx == NULL || cp__ofd_number(&cx, &dx) != 0)
		dx = 0;
	if ((text = object_text(obj)) == NULL)
		return -1;
	if (text[0] == '\0') {
		free(text);
		return 0;
	}
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 64;

		if ((p = realloc(list->items, cap * sizeof(*p))) == NULL) {
			free(text);
			return -1;
		}
		list->items = p;
		list->cap = cap;
	}
	p = &list->items[list->n];
	p->x = x + dx;
	p->yc = y + h / 2;
	p->h = h > 0 ? h : 0;
	p->seq = list->n++;
	p->text = text;
	return 0;
}

static int
place_all(placed_list *list, const xmlDoc *doc)
{
	const xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	const xmlNode *c;

	for (c = root; c != NULL; c = cp__xml_walk(root, c))
		if (cp__xml_is(c, "TextObject") && place(list, c) < 0)
			return -1;
	return 0;
}

static int
by_y(const void *a, const void *b)
{
	const placed *p = a, *q = b;

	if (p->yc != q->yc)
		return p->yc < q->yc ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static int
by_x(const void *a, const void *b)
{
	const placed *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Whether `o` sits on the line that starts with `first`: their middles
 * are closer than half the smaller height (a label printed in a smaller
 * font beside its value shares the value's line). */
static int
same_line(const placed *first, const placed *o)
{
	double h = first->h < o->h ? first->h : o->h;
	double tol = h / 2;

	if (tol < 0.5)
		tol = 0.5;
	return o->yc - first->yc <= tol;
}

/* Joins the sorted objects into lines of text. */
static void
join_lines(cp__strbuf *sb, placed *list, size_t n)
{
	size_t i = 0, j, k;

	while (i < n) {
		for (j = i + 1; j < n && same_line(&list[i], &list[j]); j++)
			;
		qsort(list + i, j - i, sizeof(*list), by_x);
		for (k = i; k < j; k++) {
			if (k > i)
				cp__strbuf_add(sb, " ", 1);
			cp__strbuf_puts(sb, list[k].text);
		}
		cp__strbuf_add(sb, "\n", 1);
		i = j;
	}
}

char *
cp__ofd_page_text(const xmlDoc *page, const xmlDoc *tpl, size_t *out_len)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	placed_list list = { NULL, 0, 0 };
	char *out = NULL;
	size_t i;

	*out_len = 0;
	if (place_all(&list, tpl) == 0 && place_all(&list, page) == 0) {
		if (list.n > 0)
			qsort(list.items, list.n, sizeof(*list.items), by_y);
		cp__strbuf_add(&sb, "", 0);
		join_lines(&sb, list.items, list.n);
		*out_len = sb.len;
		if ((out = cp__strbuf_detach(&sb)) == NULL)
			*out_len = 0;
	}
	cp__strbuf_free(&sb);
	for (i = 0; i < list.n; i++)
		free(list.items[i].text);
	free(list.items);
	return out;
}

int
cp__ofd_page_images(const xmlDoc *page,
    int (*fn)(void *ctx, const char *resource_id), void *ctx)
{
	const xmlNode *root = page != NULL ? xmlDocGetRootElement(page) : NULL;
	const xmlNode *n;
	const char *id;
	int rc;

	for (n = root; n != NULL; n = cp__xml_walk(root, n)) {
		if (!cp__xml_is(n, "ImageObject") ||
		    (id = cp__xml_attr(n, "ResourceID")) == NULL)
			continue;
		if ((rc = fn(ctx, id)) != 0)
			return rc;
	}
	return 0;
}
