/* doc_files.c - a document's `files:` list (see doc_files.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/doc_files.h"
#include "manifest/doctype.h"

static const char *const file_keys[] = { "path", "rotate", NULL };

int
cp__document_rotate(const cp__document *doc, size_t f)
{
	return doc->rotate != NULL && f < doc->nfiles ? doc->rotate[f] : 0;
}

/* A quarter turn, a half or three quarters, clockwise. */
static int
read_rotate(cp__yaml *y, struct fy_node *node, const cp__document *doc,
    int *out)
{
	char *s;
	int rc;

	if (doc->type == CP__DT_IMAGING_FILES)
		return cp__yaml_fail(y, node, "document \"%.100s\" is image "
		    "files, which the bundle lists but does not print: rotate "
		    "turns printed pages only", doc->id);
	if ((rc = cp__yaml_string(y, node, "rotate", &s)) != CP_OK)
		return rc;
	if (strcmp(s, "90") == 0)
		*out = 90;
	else if (strcmp(s, "180") == 0)
		*out = 180;
	else if (strcmp(s, "270") == 0)
		*out = 270;
	else
		rc = cp__yaml_fail(y, node, "rotate \"%.20s\" is not a turn "
		    "of the page: write 90, 180 or 270 (degrees clockwise)", s);
	free(s);
	return rc;
}

/* Item `i` (0-based) of the list: a path, or {path, rotate}. */
static int
read_item(cp__yaml *y, struct fy_node *item, const cp__document *doc,
    size_t i, char **path, int *rotate)
{
	struct fy_node *v;
	char what[160], path_what[180];
	int rc;

	*path = NULL;
	*rotate = 0;
	if (fy_node_is_alias(item) || fy_node_get_type(item) != FYNT_MAPPING)
		return cp__yaml_string(y, item, "document files", path);
	snprintf(what, sizeof(what), "file %zu of document \"%.100s\"", i + 1,
	    doc->id);
	snprintf(path_what, sizeof(path_what), "the path of %s", what);
	if ((rc = cp__yaml_mapping(y, item, what, file_keys)) != CP_OK ||
	    (rc = cp__yaml_required(y, item, "path", path_what, path)) !=
	    CP_OK)
		return rc;
	if ((v = cp__yaml_get(item, "rotate")) != NULL &&
	    (rc = read_rotate(y, v, doc, rotate)) != CP_OK) {
		free(*path);
		*path = NULL;
	}
	return rc;
}

int
cp__doc_files_read(cp__yaml *y, struct fy_node *node, cp__document *doc)
{
	struct fy_node *item;
	void *iter = NULL;
	size_t n = 1, i = 0;
	int rc = CP_OK;

	doc->files = NULL;
	doc->rotate = NULL;
	doc->nfiles = 0;
	/* A lone path is a list of one. */
	if (node == NULL || fy_node_is_alias(node) ||
	    fy_node_get_type(node) != FYNT_SCALAR) {
		if ((rc = cp__yaml_sequence(y, node, "document files")) !=
		    CP_OK)
			return rc;
		n = (size_t)fy_node_sequence_item_count(node);
	}
	if ((doc->files = calloc(n ? n : 1, sizeof(*doc->files))) == NULL ||
	    (doc->rotate = calloc(n ? n : 1, sizeof(*doc->rotate))) == NULL) {
		free(doc->files);
		doc->files = NULL;
		return cp__yaml_nomem(y);
	}
	if (fy_node_get_type(node) == FYNT_SCALAR)
		rc = cp__yaml_string(y, node, "document files", &doc->files[i++]);
	else
		while (rc == CP_OK && i < n &&
		    (item = fy_node_sequence_iterate(node, &iter)) != NULL) {
			rc = read_item(y, item, doc, i, &doc->files[i],
			    &doc->rotate[i]);
			i++;
		}
	if (rc != CP_OK) {
		cp__string_list_free(doc->files, i);
		free(doc->rotate);
		doc->files = NULL;
		doc->rotate = NULL;
		return rc;
	}
	doc->nfiles = i;
	return CP_OK;
}
