/* plan.c - the bundle's order and numbering (see plan.h). */
#include <stdlib.h>
#include <string.h>

#include "bundle/plan.h"
#include "manifest/doctype.h"
#include "util/error.h"
#include "util/strbuf.h"

size_t
cp__plan_file_count(const cp_claim *claim)
{
	size_t d, n = 0;

	for (d = 0; d < claim->ndocuments; d++)
		n += claim->documents[d].nfiles;
	return n;
}

static size_t
section_of(const cp_template *tpl, size_t type)
{
	size_t s;

	for (s = 0; s < tpl->nsections; s++)
		if (tpl->sections[s].types & (1u << type))
			return s;
	return tpl->nsections;  /* not reached: templates cover every type */
}

/* Bundle order: the template's sections, by date within a section (the
 * undated last), then the manifest's order. */
static int
by_bundle_order(const cp__plan_doc *x, const cp__plan_doc *y,
    const cp_claim *claim)
{
	const cp__document *dx = &claim->documents[x->doc];
	const cp__document *dy = &claim->documents[y->doc];

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	if (dx->has_date != dy->has_date)
		return dx->has_date ? -1 : 1;
	if (dx->has_date && dx->date != dy->date)
		return dx->date < dy->date ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Insertion sort: stable, no global state, and claims are small. */
static void
sort_docs(cp__plan_doc *docs, size_t n, const cp_claim *claim)
{
	cp__plan_doc tmp;
	size_t i, j;

	for (i = 1; i < n; i++) {
		tmp = docs[i];
		for (j = i; j > 0 && by_bundle_order(&docs[j - 1], &tmp,
		    claim) > 0; j--)
			docs[j] = docs[j - 1];
		docs[j] = tmp;
	}
}

/*
 * A translation is named after its original, as a reader looks for it:
 * "Translation of #1 Discharge summary" (the original's number in the
 * bundle and its type), "出院小结翻译件".  Other documents keep their
 * type's label.
 */
static int
name_translation(cp__plan *plan, size_t d)
{
	const cp__document *doc = cp__plan_document(plan, d), *orig;
	const cp_doctype *t;
	size_t i;

	if (!doc->is_translation)
		return CP_OK;
	for (i = 0; i < plan->ndocs; i++)
		if (plan->docs[i].doc == doc->translation_of)
			break;
	if (i == plan->ndocs)
		return CP_OK;
	orig = cp__plan_document(plan, i);
	t = cp_doctype_at(orig->type);
	/* A translation of a translation: its number says which. */
	if (orig->is_translation) {
		plan->docs[d].label_en = cp__sprintf("Translation of #%zu",
		    plan->docs[i].number);
		plan->docs[d].label_zh = cp__sprintf("第%zu号文件的翻译件",
		    plan->docs[i].number);
	} else {
		plan->docs[d].label_en = cp__sprintf("Translation of #%zu %s",
		    plan->docs[i].number, t->en);
		plan->docs[d].label_zh = cp__sprintf("%s翻译件", t->zh);
	}
	return plan->docs[d].label_en != NULL &&
	    plan->docs[d].label_zh != NULL ? CP_OK : CP_ENOMEM;
}

int
cp__plan_make(cp__plan **out, const cp_claim *claim, const cp_template *tpl,
    const cp__file_facts *facts, cp_error *err)
{
	cp__plan *plan;
	size_t d, f, file = 0;

	*out = NULL;
	if ((plan = calloc(1, sizeof(*plan))) == NULL)
		goto nomem;
	plan->claim = claim;
	plan->tpl = tpl;
	plan->nfiles = cp__plan_file_count(claim);
	if ((plan->docs = calloc(claim->ndocuments + 1,
	    sizeof(*plan->docs))) == NULL ||
	    (plan->file_pages = calloc(plan->nfiles + 1,
	    sizeof(*plan->file_pages))) == NULL)
		goto nomem;
	plan->ndocs = claim->ndocuments;
	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];
		cp__plan_doc *pd = &plan->docs[d];

		pd->doc = d;
		pd->section = section_of(tpl, doc->type);
		pd->file0 = file;
		for (f = 0; f < doc->nfiles; f++, file++) {
			/* Image files are listed and hashed, not drawn:
			 * DICOM needs a viewer. */
			if (doc->type == CP__DT_IMAGING_FILES) {
				pd->image_files += facts[file].count;
				pd->image_bytes += facts[file].bytes;
				continue;
			}
			plan->file_pages[file] = facts[file].pages;
			pd->pages += facts[file].pages;
			pd->bytes += facts[file].bytes;
		}
		pd->nfiles = doc->type == CP__DT_IMAGING_FILES ? 0 :
		    doc->nfiles;
		plan->pages += pd->pages;
	}
	sort_docs(plan->docs, plan->ndocs, claim);
	for (d = 0; d < plan->ndocs; d++)
		plan->docs[d].number = d + 1;
	for (d = 0; d < plan->ndocs; d++)
		if (name_translation(plan, d) != CP_OK)
			goto nomem;
	*out = plan;
	return CP_OK;
nomem:
	cp__plan_free(plan);
	return cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
}

void
cp__plan_free(cp__plan *plan)
{
	size_t d;

	if (plan == NULL)
		return;
	for (d = 0; plan->docs != NULL && d < plan->ndocs; d++) {
		free(plan->docs[d].label_en);
		free(plan->docs[d].label_zh);
	}
	free(plan->docs);
	free(plan->file_pages);
	free(plan);
}

const cp__document *
cp__plan_document(const cp__plan *plan, size_t d)
{
	return &plan->claim->documents[plan->docs[d].doc];
}

const char *
cp__plan_doc_label(const cp__plan *plan, size_t d)
{
	if (plan->docs[d].label_en != NULL)
		return plan->docs[d].label_en;
	return cp_doctype_at(cp__plan_document(plan, d)->type)->en;
}

const char *
cp__plan_doc_label_zh(const cp__plan *plan, size_t d)
{
	if (plan->docs[d].label_zh != NULL)
		return plan->docs[d].label_zh;
	return cp_doctype_at(cp__plan_document(plan, d)->type)->zh;
}
