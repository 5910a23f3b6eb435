/* outline.c - the bundle's bookmarks: the caller's items, with the
 * inputs' own bookmarks copied under them. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/assemble_int.h"
#include "pdf/objects_int.h"
#include "pdf/qpdf_error_int.h"
#include "util/error.h"

/* Limits for walking an input's bookmarks, which may be deep, huge or
 * cyclic in a damaged file. */
#define IMPORT_MAX_DEPTH 32
#define IMPORT_MAX_ITEMS 10000

/* The indirect objects of an input outline already copied, so that a
 * /Next or /First loop ends instead of repeating forever.  Open
 * addressing; 0 marks a free slot (object numbers start at 1). */
typedef struct {
	uint64_t *slot;
	size_t cap;
	size_t len;
} seen_set;

/* The children being built under one outline item. */
typedef struct {
	qpdf_oh first;
	qpdf_oh last;
	long long visible;  /* descendants shown when the parent is open */
} kid_list;

/* One outline being built. */
typedef struct {
	cp__asm_ctx *c;
	seen_set seen;      /* of the input whose bookmarks are being copied */
	size_t imported;    /* items copied from that input's outline */
} outline_build;

/* Adds object objid/gen to the set; *fresh says whether it was new.
 * False when out of memory. */
static bool
seen_add(seen_set *s, int objid, int gen, bool *fresh)
{
	uint64_t key = ((uint64_t)(unsigned)objid << 32) | (unsigned)gen;
	uint64_t *slot;
	size_t i, cap;

	if (s->len * 2 >= s->cap) {
		cap = s->cap ? s->cap * 2 : 64;
		if ((slot = calloc(cap, sizeof(*slot))) == NULL)
			return false;
		for (i = 0; i < s->cap; i++) {
			size_t j;

			if (s->slot[i] == 0)
				continue;
			for (j = (size_t)(s->slot[i] * 0x9E3779B97F4A7C15u) &
			    (cap - 1); slot[j] != 0; j = (j + 1) & (cap - 1))
				;
			slot[j] = s->slot[i];
		}
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	for (i = (size_t)(key * 0x9E3779B97F4A7C15u) & (s->cap - 1);
	    s->slot[i] != 0; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == key) {
			*fresh = false;
			return true;
		}
	s->slot[i] = key;
	s->len++;
	*fresh = true;
	return true;
}

/* Appends a new item with `title` and `dest` under `parent`. */
static qpdf_oh
outline_item(qpdf_data q, qpdf_oh parent, kid_list *k, qpdf_oh title,
    qpdf_oh dest)
{
	qpdf_oh item = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));

	qpdf_oh_replace_key(q, item, "/Title", title);
	qpdf_oh_replace_key(q, item, "/Parent", parent);
	qpdf_oh_replace_key(q, item, "/Dest", dest);
	if (k->last != 0) {
		qpdf_oh_replace_key(q, item, "/Prev", k->last);
		qpdf_oh_replace_key(q, k->last, "/Next", item);
	} else {
		k->first = item;
	}
	k->last = item;
	return item;
}

/* Links `item` to its children; /Count is positive for an open item. */
static void
outline_finish(qpdf_data q, qpdf_oh item, const kid_list *k, bool open)
{
	if (k->first == 0)
		return;
	qpdf_oh_replace_key(q, item, "/First", k->first);
	qpdf_oh_replace_key(q, item, "/Last", k->last);
	qpdf_oh_replace_key(q, item, "/Count", qpdf_oh_new_integer(q,
	    open ? k->visible : -k->visible));
}

/*
 * Copies the input outline items from `node` along its /Next chain (and
 * their children) under `parent`.  A damaged input only shortens what is
 * copied: reading errors end the walk, loops end at an item already
 * seen, depth and count are capped.  Imported items are closed, so that
 * a hospital's long bookmark list does not flood the outline panel.
 */
static int
import_items(outline_build *b, const cp__asm_source *src, qpdf_oh parent,
    qpdf_oh node, size_t first_page, int depth, kid_list *k)
{
	cp__asm_ctx *c = b->c;
	qpdf_data q = src->q;
	qpdf_oh in_title, title, arr, item;
	kid_list ck;
	const char *s;
	size_t len, target;
	long idx;
	bool fresh;
	int objid, rc;

	while (qpdf_oh_is_dictionary(q, node) && cp__qpdf_ok(q)) {
		if (b->imported >= IMPORT_MAX_ITEMS)
			break;
		objid = qpdf_oh_get_object_id(q, node);
		if (objid > 0) {
			if (!seen_add(&b->seen, objid,
			    qpdf_oh_get_generation(q, node), &fresh))
				return cp__error_set(c->err, CP_ENOMEM, NULL, 0,
				    0, "out of memory");
			if (!fresh)
				break;
		}
		b->imported++;
		in_title = qpdf_oh_get_key(q, node, "/Title");
		if (qpdf_oh_is_string(q, in_title)) {
			s = qpdf_oh_get_binary_string_value(q, in_title, &len);
			/* The bytes as they are: PDFDocEncoding or UTF-16
			 * means the same in the output. */
			title = qpdf_oh_new_binary_string(c->out, s, len);
		} else {
			title = qpdf_oh_new_unicode_string(c->out, "");
		}
		arr = cp__asm_item_dest(q, node);
		idx = arr != 0 ? cp__asm_dest_page(src, arr) : -1;
		if (!cp__qpdf_ok(q))
			idx = -1;
		target = first_page;
		if (idx >= 0 && (size_t)idx < src->npages &&
		    first_page + (size_t)idx < c->a->npages)
			target = first_page + (size_t)idx;
		else
			arr = 0;
		item = outline_item(c->out, parent, k, title,
		    cp__asm_mapped_dest(c, src, arr, target));
		cp__qpdf_ok(q);
		memset(&ck, 0, sizeof(ck));
		if (depth < IMPORT_MAX_DEPTH &&
		    (rc = import_items(b, src, item,
		    cp__oh_dict_get(q, node, "/First"), first_page, depth + 1,
		    &ck)) != CP_OK)
			return rc;
		outline_finish(c->out, item, &ck, false);
		k->visible++;
		if ((rc = cp__qpdf_check(c->err, c->out, c->a->out_path,
		    "cannot copy an input's bookmarks")) != CP_OK)
			return rc;
		node = cp__oh_dict_get(q, node, "/Next");
	}
	cp__qpdf_ok(q);
	return CP_OK;
}

/* Builds the caller's items under `parent`.  An item with children of
 * its own is open: the bundle's structure is what the reader looks for;
 * an item holding only imported bookmarks stays closed. */
static int
build_outline(outline_build *b, qpdf_oh parent, const cp__outline *items,
    size_t n, kid_list *k)
{
	cp__asm_ctx *c = b->c;
	const cp__outline *it;
	const cp__asm_source *src;
	qpdf_oh item, first;
	kid_list ck;
	size_t i;
	bool open;
	int rc;

	for (i = 0; i < n; i++) {
		it = &items[i];
		item = outline_item(c->out, parent, k,
		    qpdf_oh_new_unicode_string(c->out,
		    it->title != NULL ? it->title : ""),
		    cp__asm_fit_dest(c, it->page));
		memset(&ck, 0, sizeof(ck));
		if ((rc = build_outline(b, item, it->children, it->nchildren,
		    &ck)) != CP_OK)
			return rc;
		if (it->import_input >= 0) {
			src = &c->in[it->import_input];
			first = cp__oh_dict_get(src->q, cp__oh_dict_get(src->q,
			    qpdf_get_root(src->q), "/Outlines"), "/First");
			b->seen.len = 0;
			if (b->seen.slot != NULL)
				memset(b->seen.slot, 0, b->seen.cap *
				    sizeof(*b->seen.slot));
			b->imported = 0;
			if ((rc = import_items(b, src, item, first,
			    it->import_first_page, 1, &ck)) != CP_OK)
				return rc;
		}
		open = it->nchildren > 0;
		outline_finish(c->out, item, &ck, open);
		k->visible += 1 + (open ? ck.visible : 0);
		if ((rc = cp__qpdf_check(c->err, c->out, c->a->out_path,
		    "cannot build the outline")) != CP_OK)
			return rc;
	}
	return CP_OK;
}

int
cp__asm_add_outline(cp__asm_ctx *c)
{
	qpdf_data q = c->out;
	qpdf_oh root, outlines;
	outline_build b;
	kid_list k;
	int rc;

	if (c->a->noutline == 0)
		return CP_OK;
	memset(&b, 0, sizeof(b));
	b.c = c;
	outlines = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
	qpdf_oh_replace_key(q, outlines, "/Type",
	    qpdf_oh_new_name(q, "/Outlines"));
	memset(&k, 0, sizeof(k));
	if ((rc = build_outline(&b, outlines, c->a->outline, c->a->noutline,
	    &k)) != CP_OK)
		goto done;
	outline_finish(q, outlines, &k, true);
	root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Outlines", outlines);
	qpdf_oh_replace_key(q, root, "/PageMode",
	    qpdf_oh_new_name(q, "/UseOutlines"));
	rc = cp__qpdf_check(c->err, q, c->a->out_path,
	    "cannot build the outline");
done:
	free(b.seen.slot);
	return rc;
}
