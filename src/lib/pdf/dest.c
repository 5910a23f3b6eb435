/* dest.c - destinations: reading where an input's bookmark or link goes,
 * and making the output's.
 *
 * An input's destination may be an explicit array, a name or string
 * looked up in the /Dests name tree or the old /Dests dictionary, or a
 * dictionary whose /D is one of these; a damaged file may make the
 * lookups deep, huge or cyclic, so each is bounded.  What cannot be
 * resolved gives 0, and the caller falls back to a page of its own.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/assemble_int.h"
#include "pdf/objects_int.h"
#include "pdf/qpdf_error_int.h"

/* Limits for walking an input's name trees. */
#define NAME_TREE_MAX_DEPTH 32
#define NAME_TREE_MAX_NODES 10000

qpdf_oh
cp__asm_fit_dest(cp__asm_ctx *c, size_t page)
{
	qpdf_oh d = qpdf_oh_new_array(c->out);

	qpdf_oh_append_item(c->out, d, c->page[page]);
	qpdf_oh_append_item(c->out, d, qpdf_oh_new_name(c->out, "/Fit"));
	return d;
}

/* Looks `key` up in the name tree under `node`.  Uses /Limits to skip
 * subtrees; visits at most *budget nodes. */
static qpdf_oh
name_tree_find(qpdf_data q, qpdf_oh node, const char *key, size_t klen,
    int depth, size_t *budget)
{
	qpdf_oh names, kids, kid, lim, k, found;
	const char *s;
	size_t len;
	int i, n;

	if (depth > NAME_TREE_MAX_DEPTH || *budget == 0 ||
	    !qpdf_oh_is_dictionary(q, node))
		return 0;
	(*budget)--;
	names = qpdf_oh_get_key(q, node, "/Names");
	if (qpdf_oh_is_array(q, names)) {
		n = qpdf_oh_get_array_n_items(q, names);
		for (i = 0; i + 1 < n; i += 2) {
			k = qpdf_oh_get_array_item(q, names, i);
			found = 0;
			if (qpdf_oh_is_string(q, k)) {
				s = qpdf_oh_get_binary_string_value(q, k, &len);
				if (cp__pdf_string_cmp(s, len, key, klen) == 0)
					found = qpdf_oh_get_array_item(q,
					    names, i + 1);
			}
			qpdf_oh_release(q, k);
			if (found != 0)
				return found;
		}
	}
	kids = qpdf_oh_get_key(q, node, "/Kids");
	if (!qpdf_oh_is_array(q, kids))
		return 0;
	n = qpdf_oh_get_array_n_items(q, kids);
	for (i = 0; i < n && *budget > 0; i++) {
		kid = qpdf_oh_get_array_item(q, kids, i);
		lim = cp__oh_dict_get(q, kid, "/Limits");
		if (qpdf_oh_is_array(q, lim) &&
		    qpdf_oh_get_array_n_items(q, lim) == 2) {
			k = qpdf_oh_get_array_item(q, lim, 0);
			if (qpdf_oh_is_string(q, k)) {
				s = qpdf_oh_get_binary_string_value(q, k, &len);
				if (cp__pdf_string_cmp(key, klen, s, len) < 0)
					continue;
			}
			k = qpdf_oh_get_array_item(q, lim, 1);
			if (qpdf_oh_is_string(q, k)) {
				s = qpdf_oh_get_binary_string_value(q, k, &len);
				if (cp__pdf_string_cmp(key, klen, s, len) > 0)
					continue;
			}
		}
		found = name_tree_find(q, kid, key, klen, depth + 1, budget);
		if (found != 0)
			return found;
	}
	return 0;
}

/* The value of the named destination `key`: from the /Dests name tree
 * (PDF 1.2 and later), else from the catalog's old /Dests dictionary.
 * 0 when there is none. */
static qpdf_oh
named_dest(qpdf_data q, const char *key, size_t klen)
{
	qpdf_oh root = qpdf_get_root(q), tree, found, old;
	size_t budget = NAME_TREE_MAX_NODES;
	char *name;

	tree = cp__oh_dict_get(q, cp__oh_dict_get(q, root, "/Names"), "/Dests");
	found = name_tree_find(q, tree, key, klen, 0, &budget);
	if (found != 0)
		return found;
	old = cp__oh_dict_get(q, root, "/Dests");
	if (!qpdf_oh_is_dictionary(q, old) || memchr(key, '\0', klen) != NULL)
		return 0;
	if ((name = malloc(klen + 2)) == NULL)
		return 0;
	name[0] = '/';
	memcpy(name + 1, key, klen);
	name[klen + 1] = '\0';
	found = qpdf_oh_has_key(q, old, name) ? qpdf_oh_get_key(q, old, name) :
	    0;
	free(name);
	return found;
}

/* The explicit destination array `d` stands for, following names and
 * /D entries; 0 when there is none. */
static qpdf_oh
explicit_dest(qpdf_data q, qpdf_oh d, int depth)
{
	const char *s;
	char *copy;
	size_t len;
	qpdf_oh found;

	if (depth > 4)
		return 0;
	if (qpdf_oh_is_array(q, d))
		return d;
	if (qpdf_oh_is_dictionary(q, d))
		return explicit_dest(q, qpdf_oh_get_key(q, d, "/D"), depth + 1);
	if (qpdf_oh_is_name(q, d)) {
		s = qpdf_oh_get_name(q, d);
		if (s[0] == '/')
			s++;
		len = strlen(s);
	} else if (qpdf_oh_is_string(q, d)) {
		s = qpdf_oh_get_binary_string_value(q, d, &len);
	} else {
		return 0;
	}
	/* libqpdf reuses the buffer `s` points into on the next call. */
	if ((copy = malloc(len + 1)) == NULL)
		return 0;
	memcpy(copy, s, len);
	found = named_dest(q, copy, len);
	free(copy);
	return found != 0 ? explicit_dest(q, found, depth + 1) : 0;
}

qpdf_oh
cp__asm_item_dest(qpdf_data q, qpdf_oh node)
{
	qpdf_oh d = cp__oh_dict_get(q, node, "/Dest"), act;

	if (qpdf_oh_is_null(q, d)) {
		act = cp__oh_dict_get(q, node, "/A");
		if (qpdf_oh_is_name_and_equals(q, cp__oh_dict_get(q, act, "/S"),
		    "/GoTo"))
			d = cp__oh_dict_get(q, act, "/D");
	}
	return explicit_dest(q, d, 0);
}

long
cp__asm_dest_page(const cp__asm_source *src, qpdf_oh arr)
{
	qpdf_data q = src->q;
	qpdf_oh first = cp__oh_array_get(q, arr, 0);
	long long v;
	int idx, objid;

	objid = qpdf_oh_get_object_id(q, first);
	if (objid > 0) {
		idx = qpdf_find_page_by_id(q, objid,
		    qpdf_oh_get_generation(q, first));
		if (idx < 0) {
			cp__qpdf_ok(q);
			return -1;
		}
		return idx;
	}
	/* A page number belongs in remote destinations only, but some
	 * producers write one for their own pages. */
	if (qpdf_oh_is_integer(q, first) &&
	    qpdf_oh_get_value_as_longlong(q, first, &v) && v >= 0 &&
	    (unsigned long long)v < src->npages)
		return (long)v;
	return -1;
}

qpdf_oh
cp__asm_mapped_dest(cp__asm_ctx *c, const cp__asm_source *src,
    qpdf_oh arr, size_t page)
{
	static const struct {
		const char *name;
		int args;
	} views[] = {
		{ "/XYZ", 3 }, { "/Fit", 0 }, { "/FitH", 1 }, { "/FitV", 1 },
		{ "/FitR", 4 }, { "/FitB", 0 }, { "/FitBH", 1 }, { "/FitBV", 1 }
	};
	qpdf_data q = src->q;
	qpdf_oh kind, item, d;
	double val[4];
	bool isnull[4];
	size_t v;
	int i, n;

	if (arr == 0 || !qpdf_oh_is_array(q, arr))
		return cp__asm_fit_dest(c, page);
	n = qpdf_oh_get_array_n_items(q, arr);
	kind = cp__oh_array_get(q, arr, 1);
	if (!qpdf_oh_is_name(q, kind))
		return cp__asm_fit_dest(c, page);
	for (v = 0; v < sizeof(views) / sizeof(views[0]); v++)
		if (qpdf_oh_is_name_and_equals(q, kind, views[v].name))
			break;
	if (v == sizeof(views) / sizeof(views[0]) || n != 2 + views[v].args)
		return cp__asm_fit_dest(c, page);
	for (i = 0; i < views[v].args; i++) {
		item = qpdf_oh_get_array_item(q, arr, 2 + i);
		isnull[i] = qpdf_oh_is_null(q, item);
		if (!isnull[i] && (!qpdf_oh_get_value_as_number(q, item,
		    &val[i]) || !isfinite(val[i])))
			return cp__asm_fit_dest(c, page);
	}
	d = qpdf_oh_new_array(c->out);
	qpdf_oh_append_item(c->out, d, c->page[page]);
	qpdf_oh_append_item(c->out, d, qpdf_oh_new_name(c->out,
	    views[v].name));
	for (i = 0; i < views[v].args; i++)
		qpdf_oh_append_item(c->out, d, isnull[i] ?
		    qpdf_oh_new_null(c->out) :
		    cp__oh_new_number(c->out, val[i]));
	return d;
}

