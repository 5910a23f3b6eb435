/* write.c - one output file of a build: claimpack's pages drawn, the
 * documents' pages made, all assembled (see build.h). */
#include <stdlib.h>
#include <string.h>

#include "bundle/bookmarks.h"
#include "bundle/build.h"
#include "canvas/font_subset.h"
#include "manifest/manifest_json.h"
#include "pdf/assemble.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/strbuf.h"

/* Draws every page claimpack makes: the cover, then (unless the cover is
 * all that is wanted) the index and a stamp box per document page. */
static int
draw_all(cp__canvas *cv, const cp__build *b, cp__links *links,
    cp_error *err)
{
	const cp__render *r = &b->render;
	int rc;

	rc = cp__render_cover(cv, r);
	if (rc == CP_OK && !b->opts->cover_only)
		rc = cp__render_index(cv, r, links);
	if (rc == CP_OK && !b->opts->cover_only)
		rc = cp__render_stamps(cv, r);
	if (rc == CP_ENOMEM)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if (rc != CP_OK || cp__canvas_failed(cv))
		return cp__haru_error(&cv->doc, err, NULL, "draw the pages",
		    NULL);
	return CP_OK;
}

/* A build's measuring run (cp__canvas_measure): the index laid out,
 * which numbers the view's pages, then every page drawn. */
typedef struct {
	const cp__build *b;
	cp__view *v;
} measuring;

static int
draw_measured(cp__canvas *cv, void *ctx, cp_error *err)
{
	measuring *m = ctx;
	cp__links ignored = { NULL, 0, 0 };
	int rc;

	cp__view_number(m->v, m->b->opts->cover_only ? 0 :
	    cp__index_page_count(cv, &m->b->render));
	rc = draw_all(cv, m->b, &ignored, err);
	cp__links_free(&ignored);
	return rc;
}

/* The real run: the pages drawn with the font subsets, as a PDF in
 * memory (*gen), and the index's links. */
static int
draw(cp__build *b, const char *const *subsets, unsigned char **gen,
    size_t *gen_len, cp__links *links, cp_error *err)
{
	cp__canvas cv;
	int rc;

	if ((rc = cp__canvas_open(&cv, b->font, subsets, err)) != CP_OK)
		return rc;
	cv.undrawable = cp__glyphs_undrawable;
	cv.undrawable_ctx = &b->glyphs;
	if ((rc = draw_all(&cv, b, links, err)) == CP_OK)
		rc = cp__canvas_save(&cv, gen, gen_len, err);
	cp__canvas_close(&cv);
	if (rc == CP_OK && b->glyphs.failed)
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return rc;
}

/* The assembler's inputs: the PDF of every file the view draws, the
 * hospital's first and claimpack's own pages (photos) after them, as
 * the assembler wants them.  input_of[file] receives each file's index
 * (-1 for files not drawn here). */
typedef struct {
	const char **paths;
	cp__asm_memory *memory; /* for each: the PDF when made in memory */
	size_t count;
	size_t own;             /* the last `own` are claimpack's pages */
	int *input_of;
} inputs;

static void
inputs_free(inputs *in)
{
	free(in->paths);
	free(in->memory);
	free(in->input_of);
}

static int
make_inputs(cp__build *b, const cp__view *v, inputs *in, cp_error *err)
{
	const cp__plan *plan = b->plan;
	const cp_build_options *opts = b->opts;
	const char *pdf;
	size_t d, f, file, i;
	int pass, rc;

	memset(in, 0, sizeof(*in));
	if ((in->paths = calloc(plan->nfiles + 1, sizeof(*in->paths))) ==
	    NULL || (in->memory = calloc(plan->nfiles + 1,
	    sizeof(*in->memory))) == NULL || (in->input_of = malloc((plan->nfiles + 1) *
	    sizeof(*in->input_of))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (file = 0; file < plan->nfiles; file++)
		in->input_of[file] = -1;
	/* Every page made (one photo at a time on disk), then numbered:
	 * the hospital's PDFs first, claimpack's pages after them. */
	for (d = 0; d < plan->ndocs; d++) {
		const cp__plan_doc *pd = &plan->docs[d];

		if (!cp__view_has(v, d))
			continue;
		for (f = 0; f < pd->nfiles; f++) {
			i = pd->file0 + f;
			if ((rc = cp__build_file_pdf(b, d, i, &pdf, err)) !=
			    CP_OK)
				return rc;
		}
		if (opts->progress != NULL && !b->reported[d]) {
			opts->progress(opts->progress_ctx, d + 1, plan->ndocs,
			    cp__plan_doc_label(plan, d), pd->pages);
			b->reported[d] = true;
		}
	}
	for (pass = 0; pass < 2; pass++)
		for (d = 0; d < plan->ndocs; d++) {
			const cp__plan_doc *pd = &plan->docs[d];

			if (!cp__view_has(v, d))
				continue;
			for (f = 0; f < pd->nfiles; f++) {
				const cp__source *s = b->sources[pd->file0 + f];

				if (s->own_pdf != (pass == 1))
					continue;
				in->input_of[pd->file0 + f] = (int)in->count;
				in->memory[in->count] = (cp__asm_memory){
				    s->pdf_data, s->pdf_len,
				    s->pdf_file_part };
				in->paths[in->count++] = s->pdf;
				in->own += s->own_pdf;
			}
		}
	return CP_OK;
}

/* The output pages in order: the cover and index as drawn, then each
 * document page with its stamp box. */
static cp__out_page *
out_pages(const cp__build *b, const cp__view *v, const inputs *in,
    size_t *count)
{
	const cp__plan *plan = b->plan;
	cp__out_page *pages;
	size_t n = 0, d, f, i, stamp = CP__FIRST_DOC_PAGE(v), total;

	total = b->opts->cover_only ? 1 : CP__FIRST_DOC_PAGE(v) + v->doc_pages;
	if ((pages = calloc(total, sizeof(*pages))) == NULL)
		return NULL;
	for (i = 0; i < (b->opts->cover_only ? 1 : CP__FIRST_DOC_PAGE(v)); i++)
		pages[n++] = (cp__out_page){ CP__FROM_GENERATED, i, -1, 0 };
	for (d = 0; !b->opts->cover_only && d < plan->ndocs; d++) {
		const cp__plan_doc *pd = &plan->docs[d];

		if (!cp__view_has(v, d))
			continue;
		for (f = 0; f < pd->nfiles; f++)
			for (i = 0; i < plan->file_pages[pd->file0 + f]; i++)
				pages[n++] = (cp__out_page){
				    in->input_of[pd->file0 + f], i,
				    (int)stamp++, cp__source_page_rotate(
				    b->sources[pd->file0 + f]) };
	}
	*count = n;
	return pages;
}

/*
 * The files attached to the output file of view `v`: the manifest and
 * the check report (`manifest_json`, `report_json`), then the original
 * e-invoices of the documents the file holds, read from their files
 * as the assembler makes their streams.  A new array of *count items
 * (caller frees), NULL when out of memory.
 */
static cp__attachment *
attachments(const cp__build *b, const cp__view *v, const char *manifest_json,
    const char *report_json, size_t *count)
{
	const cp__originals *o = &b->originals;
	cp__attachment *att;
	size_t d, i, doc, n = 0;

	if ((att = calloc(2 + o->count, sizeof(*att))) == NULL)
		return NULL;
	att[n++] = (cp__attachment){ "manifest.json", "The claim manifest "
	    "this bundle was built from", "application/json",
	    (const unsigned char *)manifest_json, strlen(manifest_json),
	    NULL };
	att[n++] = (cp__attachment){ "check-report.json", "claimpack's check "
	    "report for this claim", "application/json",
	    (const unsigned char *)report_json, strlen(report_json), NULL };
	for (d = 0; o->first != NULL && d < b->plan->ndocs; d++) {
		if (!cp__view_has(v, d))
			continue;
		doc = b->plan->docs[d].doc;
		for (i = o->first[doc]; i < o->first[doc + 1]; i++)
			if (!o->items[i].too_large)
				att[n++] = (cp__attachment){ o->items[i].name,
				    o->items[i].description, o->items[i].mime,
				    NULL, 0, o->items[i].path };
	}
	*count = n;
	return att;
}

static int
assemble(cp__build *b, const cp__view *v, const unsigned char *gen,
    size_t gen_len, const cp__links *links, const char *out_path,
    cp_error *err)
{
	const cp_claim *claim = b->claim;
	cp__bookmarks marks;
	cp__out_page *pages = NULL;
	cp__attachment *att = NULL;
	cp__assembly a;
	inputs in;
	char *manifest_json = NULL, *report_json = NULL, *title = NULL;
	char *id_text = NULL, id[65], drawn[65];
	size_t npages = 0, natt = 0;
	int rc;

	memset(&marks, 0, sizeof(marks));
	memset(&a, 0, sizeof(a));
	if ((rc = make_inputs(b, v, &in, err)) != CP_OK)
		goto done;
	if ((pages = out_pages(b, v, &in, &npages)) == NULL ||
	    (!b->opts->cover_only && cp__bookmarks_make(&marks, v,
	    b->sources, in.input_of) != CP_OK) ||
	    (manifest_json = cp__manifest_json(claim)) == NULL ||
	    cp_report_to_json(&report_json, b->render.report, err) != CP_OK ||
	    (att = attachments(b, v, manifest_json, report_json,
	    &natt)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	/* Same inputs and output, same ID; anything else, another: the
	 * files' fingerprint, everything claimpack drew (cover, index,
	 * stamps), and what decides how photos were recompressed. */
	cp__sha256_hex(drawn, gen, gen_len);
	id_text = cp__sprintf("claimpack %s;%s;%s;max=%llu;dpi=%u", CP_VERSION,
	    b->fingerprint, drawn, (unsigned long long)b->opts->max_size,
	    b->opts->min_dpi);
	/* The document title names the patient when the manifest does. */
	title = claim->patient_name != NULL ? cp__sprintf("%s - %s",
	    b->tpl->title_en, claim->patient_name) :
	    cp__strdup(b->tpl->title_en);
	if (id_text == NULL || title == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	cp__sha256_hex(id, id_text, strlen(id_text));
	id[32] = '\0';

	a.generated = gen;
	a.generated_len = gen_len;
	a.inputs = in.paths;
	a.memory = in.memory;
	a.ninputs = in.count;
	a.own_inputs = in.own;
	a.pages = pages;
	a.npages = npages;
	a.stamp_width = CP__STAMP_W;
	a.stamp_height = CP__STAMP_H;
	a.outline = marks.top;
	a.noutline = marks.ntop;
	a.cover_pages = 1;
	a.index_pages = v->index_pages;
	a.links = links->items;
	a.nlinks = links->count;
	a.attachments = att;
	a.nattachments = natt;
	a.id_hex = id;
	a.title = title;
	a.subject = claim->reference;
	a.out_path = out_path;
	rc = cp__assemble_write(&a, err);
done:
	free(att);
	free(id_text);
	free(title);
	free(manifest_json);
	free(report_json);
	cp__bookmarks_free(&marks);
	free(pages);
	inputs_free(&in);
	return rc;
}

int
cp__build_write(cp__build *b, cp__view *v, const char *out_path,
    cp_error *err)
{
	cp__links links = { NULL, 0, 0 };
	unsigned char *gen = NULL;
	const char *subsets[CP__FONT_MAX];
	measuring m;
	size_t gen_len = 0, i;
	int rc;

	b->render.view = v;
	m = (measuring){ b, v };
	if ((rc = cp__canvas_measure(b->font, b->scratch, draw_measured, &m,
	    subsets, err)) == CP_OK &&
	    (rc = draw(b, subsets, &gen, &gen_len, &links, err)) == CP_OK)
		rc = assemble(b, v, gen, gen_len, &links, out_path, err);
	for (i = 0; i < CP__FONT_MAX; i++)
		cp__scratch_remove(b->scratch, subsets[i]);
	cp__links_free(&links);
	free(gen);
	return rc;
}
