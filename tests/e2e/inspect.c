/*
 * inspect.c - prints what a PDF holds, read with libqpdf alone (no
 * claimpack code), one fact a line, for the end-to-end tests:
 *
 *   pages N
 *   page P rotate R box LLX LLY URX URY     (P is 1-based; the crop box
 *                                            when there is one)
 *   label P TEXT                            (from /PageLabels)
 *   outline DEPTH P TITLE                   (P: the page it opens, 0 if
 *                                            none)
 *   link P -> Q                             (a link on page P to page Q)
 *   attachment NAME SIZE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

static qpdf_data q;
static int npages;

static int
page_of(qpdf_oh ref)
{
	int i, id = qpdf_oh_get_object_id(q, ref);

	for (i = 0; i < npages; i++)
		if (qpdf_oh_get_object_id(q, qpdf_get_page_n(q, (size_t)i)) ==
		    id)
			return i + 1;
	return 0;
}

/* The page a /Dest (or /A GoTo) opens, resolving named destinations
 * only as far as the tests need: explicit arrays. */
static int
dest_page(qpdf_oh item)
{
	qpdf_oh dest = qpdf_oh_get_key(q, item, "/Dest");

	if (!qpdf_oh_is_array(q, dest)) {
		qpdf_oh action = qpdf_oh_get_key(q, item, "/A");

		dest = qpdf_oh_get_key(q, action, "/D");
	}
	if (!qpdf_oh_is_array(q, dest) || qpdf_oh_get_array_n_items(q, dest) < 1)
		return 0;
	return page_of(qpdf_oh_get_array_item(q, dest, 0));
}

static void
outlines(qpdf_oh item, int depth, int *budget)
{
	while (qpdf_oh_is_dictionary(q, item) && (*budget)-- > 0 && depth < 40) {
		printf("outline %d %d %s\n", depth, dest_page(item),
		    qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, item,
		    "/Title")));
		outlines(qpdf_oh_get_key(q, item, "/First"), depth + 1, budget);
		item = qpdf_oh_get_key(q, item, "/Next");
	}
}

/* Page labels as viewers show them: prefix + number in the style. */
static void
labels(qpdf_oh root)
{
	qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root,
	    "/PageLabels"), "/Nums");
	int n = qpdf_oh_get_array_n_items(q, nums), i, p, start, end, st;

	for (i = 0; i + 1 < n; i += 2) {
		qpdf_oh dict = qpdf_oh_get_array_item(q, nums, i + 1);
		const char *prefix = "", *style = "";

		start = qpdf_oh_get_int_value_as_int(q,
		    qpdf_oh_get_array_item(q, nums, i));
		end = i + 3 < n ? qpdf_oh_get_int_value_as_int(q,
		    qpdf_oh_get_array_item(q, nums, i + 2)) : npages;
		if (qpdf_oh_has_key(q, dict, "/P"))
			prefix = qpdf_oh_get_utf8_value(q,
			    qpdf_oh_get_key(q, dict, "/P"));
		if (qpdf_oh_has_key(q, dict, "/S"))
			style = qpdf_oh_get_name(q, qpdf_oh_get_key(q, dict,
			    "/S"));
		st = qpdf_oh_has_key(q, dict, "/St") ?
		    qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, dict,
		    "/St")) : 1;
		for (p = start; p < end; p++) {
			char pre[256];

			snprintf(pre, sizeof(pre), "%s", prefix);
			if (strcmp(style, "/D") == 0)
				printf("label %d %s%d\n", p + 1, pre,
				    st + p - start);
			else
				printf("label %d %s\n", p + 1, pre);
		}
	}
}

static void
attachments(qpdf_oh root)
{
	qpdf_oh names = qpdf_oh_get_key(q, qpdf_oh_get_key(q,
	    qpdf_oh_get_key(q, root, "/Names"), "/EmbeddedFiles"), "/Names");
	int n = qpdf_oh_get_array_n_items(q, names), i;

	for (i = 0; i + 1 < n; i += 2) {
		qpdf_oh spec = qpdf_oh_get_array_item(q, names, i + 1);
		qpdf_oh file = qpdf_oh_get_key(q, qpdf_oh_get_key(q, spec,
		    "/EF"), "/F");
		unsigned char *data = NULL;
		size_t len = 0;
		QPDF_BOOL filtered = QPDF_FALSE;

		if (qpdf_oh_get_stream_data(q, file, qpdf_dl_generalized,
		    &filtered, &data, &len) & QPDF_ERRORS)
			len = 0;
		printf("attachment %s %zu\n", qpdf_oh_get_utf8_value(q,
		    qpdf_oh_get_array_item(q, names, i)), len);
		free(data);
	}
}

int
main(int argc, char **argv)
{
	qpdf_oh root, page, box, annots, a;
	int i, j, budget = 100000;

	if (argc != 2) {
		fprintf(stderr, "usage: inspect FILE.pdf\n");
		return 2;
	}
	q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_read(q, argv[1], "") & QPDF_ERRORS) {
		fprintf(stderr, "inspect: %s: %s\n", argv[1],
		    qpdf_get_error_full_text(q, qpdf_get_error(q)));
		return 2;
	}
	npages = qpdf_get_num_pages(q);
	printf("pages %d\n", npages);
	qpdf_push_inherited_attributes_to_page(q);
	for (i = 0; i < npages; i++) {
		page = qpdf_get_page_n(q, (size_t)i);
		box = qpdf_oh_get_key(q, page, "/CropBox");
		if (!qpdf_oh_is_array(q, box))
			box = qpdf_oh_get_key(q, page, "/MediaBox");
		printf("page %d rotate %d box", i + 1,
		    qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, page,
		    "/Rotate")));
		for (j = 0; j < 4; j++)
			printf(" %g", qpdf_oh_get_numeric_value(q,
			    qpdf_oh_get_array_item(q, box, j)));
		printf("\n");
	}
	root = qpdf_get_root(q);
	labels(root);
	outlines(qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/Outlines"),
	    "/First"), 0, &budget);
	for (i = 0; i < npages; i++) {
		annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i),
		    "/Annots");
		for (j = 0; j < qpdf_oh_get_array_n_items(q, annots); j++) {
			a = qpdf_oh_get_array_item(q, annots, j);
			if (strcmp(qpdf_oh_get_name(q, qpdf_oh_get_key(q, a,
			    "/Subtype")), "/Link") == 0)
				printf("link %d -> %d\n", i + 1, dest_page(a));
		}
	}
	attachments(root);
	qpdf_cleanup(&q);
	return 0;
}
