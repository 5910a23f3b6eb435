/* bookmarks.c - the bundle's outline (see bookmarks.h). */
#include <stdlib.h>
#include <string.h>

#include "bundle/bookmarks.h"
#include "manifest/date.h"
#include "util/strbuf.h"

void
cp__bookmarks_free(cp__bookmarks *b)
{
	size_t i;

	for (i = 0; i < b->ntitles; i++)
		free(b->titles[i]);
	free(b->titles);
	free(b->top);
	free(b->docs);
	free(b->files);
	memset(b, 0, sizeof(*b));
}

static char *
keep_title(cp__bookmarks *b, char *title)
{
	if (title != NULL)
		b->titles[b->ntitles++] = title;
	return title;
}

/* The page a section's bookmark opens: its first page in this file,
 * or the index when none of its documents has pages here. */
static size_t
section_page(const cp__view *v, size_t d)
{
	const cp__plan *plan = v->plan;
	size_t s = plan->docs[d].section;

	for (; d < plan->ndocs && plan->docs[d].section == s; d++)
		if (cp__view_pages(v, d) > 0)
			return v->first_page[d];
	return 1;
}

/* The bookmarks of document `d`'s files, under `item`. */
static int
file_items(cp__bookmarks *b, cp__outline *item, const cp__view *v,
    size_t d, cp__source *const *sources, const int *input_of)
{
	const cp__plan_doc *pd = &v->plan->docs[d];
	size_t f, npdf = 0, k = 0, out = v->first_page[d];
	cp__outline *fi;

	for (f = 0; f < pd->nfiles; f++)
		if (sources[pd->file0 + f]->has_outline)
			npdf++;
	/* A hospital PDF's own bookmarks go under its document; with
	 * several PDFs, under one item per file. */
	for (f = 0; f < pd->nfiles; f++) {
		const cp__source *s = sources[pd->file0 + f];

		if (s->has_outline && npdf == 1) {
			item->import_input = input_of[pd->file0 + f];
			item->import_first_page = out;
		} else if (s->has_outline) {
			/* The document's items side by side, from its
			 * first file's slot on. */
			fi = &b->files[pd->file0 + k++];
			if (item->children == NULL)
				item->children = fi;
			*fi = (cp__outline){ keep_title(b, cp__sprintf("%s",
			    s->written)), out, input_of[pd->file0 + f], out,
			    NULL, 0 };
			if (fi->title == NULL)
				return CP_ENOMEM;
			item->nchildren++;
		}
		out += s->pages;
	}
	return CP_OK;
}

int
cp__bookmarks_make(cp__bookmarks *b, const cp__view *v,
    cp__source *const *sources, const int *input_of)
{
	const cp__plan *plan = v->plan;
	const cp_template *tpl = plan->tpl;
	cp__outline *item, *last;
	size_t d, s;
	char date[16];

	memset(b, 0, sizeof(*b));
	b->top = calloc(2 + tpl->nsections, sizeof(*b->top));
	b->docs = calloc(plan->ndocs + 1, sizeof(*b->docs));
	b->files = calloc(plan->nfiles + 1, sizeof(*b->files));
	b->titles = calloc(tpl->nsections + plan->ndocs + plan->nfiles + 1,
	    sizeof(*b->titles));
	if (b->top == NULL || b->docs == NULL || b->files == NULL ||
	    b->titles == NULL)
		return CP_ENOMEM;
	b->top[0] = (cp__outline){ "Cover sheet 封面", 0, -1, 0, NULL, 0 };
	b->top[1] = (cp__outline){ "Index 目录", 1, -1, 0, NULL, 0 };
	b->ntop = 2;
	for (d = 0; d < plan->ndocs; d++) {
		const cp__document *doc = cp__plan_document(plan, d);

		/* A split part's bookmarks are its own documents'. */
		if (!cp__view_has(v, d))
			continue;
		s = plan->docs[d].section;
		last = &b->top[b->ntop - 1];
		if (b->ntop == 2 || last->children == NULL ||
		    plan->docs[last->children - b->docs].section != s) {
			b->top[b->ntop] = (cp__outline){ keep_title(b,
			    cp__sprintf("%s %s", tpl->sections[s].en,
			    tpl->sections[s].zh)), section_page(v, d), -1, 0,
			    &b->docs[d], 0 };
			if (b->top[b->ntop].title == NULL)
				return CP_ENOMEM;
			b->ntop++;
		}
		b->top[b->ntop - 1].nchildren++;
		item = &b->docs[d];
		if (doc->has_date)
			cp__date_format(date, sizeof(date), doc->date);
		item->title = keep_title(b, doc->has_date ?
		    cp__sprintf("%zu · %s %s · %s", plan->docs[d].number,
		    cp__plan_doc_label(plan, d), cp__plan_doc_label_zh(plan, d),
		    date) : cp__sprintf("%zu · %s %s", plan->docs[d].number,
		    cp__plan_doc_label(plan, d),
		    cp__plan_doc_label_zh(plan, d)));
		if (item->title == NULL)
			return CP_ENOMEM;
		item->page = cp__view_pages(v, d) > 0 ? v->first_page[d] : 1;
		item->import_input = -1;
		if (file_items(b, item, v, d, sources, input_of) != CP_OK)
			return CP_ENOMEM;
	}
	return CP_OK;
}
