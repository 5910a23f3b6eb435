/* request.c - cp_request_build: the request slip drawn (a dry run for
 * the characters, then with font subsets of just those), assembled with
 * a bookmark per hospital and put in place only when whole. */
#include <stdlib.h>
#include <string.h>

#include "bundle/glyphs.h"
#include "bundle/output.h"
#include "bundle/paper.h"
#include "bundle/request.h"
#include "canvas/font_subset.h"
#include "pdf/assemble.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/scratch.h"
#include "util/sha256.h"
#include "util/strbuf.h"

/* What one request build holds. */
typedef struct {
	const cp_request_options *opts;
	cp__request_plan plan;
	cp__paper paper;
	cp__font *font;
	cp__scratch *scratch;
	cp__glyphs glyphs;
	size_t *first_page;     /* per plan page: its first page in the PDF, */
	size_t npages;          /* and one more entry: the number of pages */
} request;

/* Draws every hospital's pages, noting where each begins. */
static int
draw_all(cp__canvas *cv, request *r, cp_error *err)
{
	size_t p, n = 0;

	for (p = 0; p < r->plan.npages; p++) {
		r->first_page[p] = n;
		n += cp__request_draw(cv, &r->plan, p, &r->paper);
	}
	r->first_page[p] = n;
	r->npages = n;
	if (cp__canvas_failed(cv))
		return cp__haru_error(&cv->doc, err, NULL,
		    "draw the request slip", NULL);
	return CP_OK;
}

/* draw_all for cp__canvas_measure's dry run. */
static int
draw_request(cp__canvas *cv, void *ctx, cp_error *err)
{
	return draw_all(cv, ctx, err);
}

/* The real run: the pages as a PDF in memory (*gen). */
static int
draw(request *r, const char *const *subsets, unsigned char **gen,
    size_t *gen_len, cp_error *err)
{
	cp__canvas cv;
	int rc;

	if ((rc = cp__canvas_open(&cv, r->font, subsets, err)) != CP_OK)
		return rc;
	cv.undrawable = cp__glyphs_undrawable;
	cv.undrawable_ctx = &r->glyphs;
	if ((rc = draw_all(&cv, r, err)) == CP_OK)
		rc = cp__canvas_save(&cv, gen, gen_len, err);
	cp__canvas_close(&cv);
	if (rc == CP_OK && r->glyphs.failed)
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return rc;
}

/* "Example Union Hospital 示例联合医院", or the first episode's id
 * for a page that names no hospital. */
static char *
bookmark_title(const request *r, const cp__request_page *page)
{
	const cp__episode *ep = &r->plan.claim->episodes[page->episodes[0]];

	if (page->hospital != NULL && page->hospital_zh != NULL)
		return cp__sprintf("%s %s", page->hospital, page->hospital_zh);
	if (page->hospital != NULL || page->hospital_zh != NULL)
		return cp__strdup(page->hospital != NULL ? page->hospital :
		    page->hospital_zh);
	return cp__sprintf("Episode %s", ep->id);
}

/* The slip's PDF into `path`: the drawn pages, a bookmark per hospital,
 * an /ID made from what was drawn. */
static int
assemble(request *r, const unsigned char *gen, size_t gen_len,
    const char *path, cp_error *err)
{
	const cp_claim *claim = r->plan.claim;
	cp__outline *marks = NULL;
	cp__out_page *pages = NULL;
	cp__assembly a;
	char **titles = NULL, *title = NULL, id[65], drawn[65], *id_text = NULL;
	size_t i;
	int rc = CP_ENOMEM;

	memset(&a, 0, sizeof(a));
	if ((marks = calloc(r->plan.npages + 1, sizeof(*marks))) == NULL ||
	    (titles = calloc(r->plan.npages + 1, sizeof(*titles))) == NULL ||
	    (pages = calloc(r->npages + 1, sizeof(*pages))) == NULL)
		goto done;
	for (i = 0; i < r->plan.npages; i++) {
		if ((titles[i] = bookmark_title(r, &r->plan.pages[i])) == NULL)
			goto done;
		marks[i] = (cp__outline){ titles[i], r->first_page[i], -1, 0,
		    NULL, 0 };
	}
	for (i = 0; i < r->npages; i++)
		pages[i] = (cp__out_page){ CP__FROM_GENERATED, i, -1, 0 };
	cp__sha256_hex(drawn, gen, gen_len);
	id_text = cp__sprintf("claimpack %s;request;%s", CP_VERSION, drawn);
	title = claim->patient_name != NULL ? cp__sprintf("Request for "
	    "medical papers - %s", claim->patient_name) :
	    cp__strdup("Request for medical papers");
	if (id_text == NULL || title == NULL)
		goto done;
	cp__sha256_hex(id, id_text, strlen(id_text));
	id[32] = '\0';
	a.generated = gen;
	a.generated_len = gen_len;
	a.pages = pages;
	a.npages = r->npages;
	a.outline = marks;
	a.noutline = r->plan.npages;
	a.id_hex = id;
	a.title = title;
	a.subject = claim->reference;
	a.out_path = path;
	rc = cp__assemble_write(&a, err);
done:
	if (rc == CP_ENOMEM)
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
	for (i = 0; titles != NULL && i < r->plan.npages; i++)
		free(titles[i]);
	free(titles);
	free(marks);
	free(pages);
	free(id_text);
	free(title);
	return rc;
}

/* Draws and assembles the slip into the temporary file of `out`. */
static int
write_slip(request *r, cp__atomic *out, cp_error *err)
{
	const char *subsets[CP__FONT_MAX];
	unsigned char *gen = NULL;
	size_t gen_len = 0, i;
	int rc;

	if ((rc = cp__canvas_measure(r->font, r->scratch, draw_request, r,
	    subsets, err)) == CP_OK &&
	    (rc = draw(r, subsets, &gen, &gen_len, err)) == CP_OK)
		rc = assemble(r, gen, gen_len, out->tmp, err);
	for (i = 0; i < CP__FONT_MAX; i++)
		cp__scratch_remove(r->scratch, subsets[i]);
	free(gen);
	return rc;
}

/* Tells the program what each hospital's page asks, once it is written. */
static void
tell_pages(const request *r)
{
	const cp__request_page *page;
	cp_request_page out;
	size_t p;

	for (p = 0; r->opts->page != NULL && p < r->plan.npages; p++) {
		page = &r->plan.pages[p];
		out.hospital = page->hospital != NULL ? page->hospital :
		    page->hospital_zh;
		out.episode = r->plan.claim->episodes[page->episodes[0]].id;
		out.papers = page->papers;
		out.names = page->names;
		out.pages = r->first_page[p + 1] - r->first_page[p];
		r->opts->page(r->opts->page_ctx, &out);
	}
}

static int
request_build(const cp_claim *claim, const cp_template *tpl,
    const char *out_path, const cp_request_options *opts,
    cp_report **warnings, cp_error *err)
{
	static const cp_request_options defaults = CP_REQUEST_OPTIONS_INIT;
	cp__atomic out;
	request r;
	int rc;

	if (warnings != NULL)
		*warnings = NULL;
	if (claim == NULL || tpl == NULL || out_path == NULL ||
	    out_path[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_request_build needs a claim, a template and an output "
		    "path");
	if (opts == NULL)
		opts = &defaults;
	if (opts->version != CP_REQUEST_OPTIONS_VERSION)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "request "
		    "options version %u is not %d", opts->version,
		    CP_REQUEST_OPTIONS_VERSION);
	if (claim->nepisodes == 0)
		return cp__error_set(err, CP_EINVAL, claim->manifest_path, 0, 0,
		    "the claim has no episodes: there is no hospital to ask");
	memset(&r, 0, sizeof(r));
	memset(&out, 0, sizeof(out));
	r.opts = opts;
	r.paper = cp__paper_of(opts->paper);
	if ((rc = cp__glyphs_init(&r.glyphs, err)) != CP_OK ||
	    (rc = cp__output_check(claim, out_path, err)) != CP_OK)
		goto done;
	if (cp__request_plan_make(&r.plan, claim, tpl) != CP_OK ||
	    (r.first_page = calloc(r.plan.npages + 1,
	    sizeof(*r.first_page))) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if ((rc = cp__scratch_open(&r.scratch, err)) != CP_OK ||
	    (rc = cp__font_open(&r.font, err)) != CP_OK ||
	    (rc = cp__atomic_open(&out, out_path, opts->tempfile,
	    opts->tempfile_ctx, err)) != CP_OK ||
	    (rc = write_slip(&r, &out, err)) != CP_OK ||
	    (rc = cp__atomic_commit(&out, err)) != CP_OK)
		goto done;
	tell_pages(&r);
done:
	cp__atomic_free(&out);
	if (opts->tempfile != NULL)
		opts->tempfile(opts->tempfile_ctx, NULL);
	if (rc == CP_OK && warnings != NULL) {
		*warnings = r.glyphs.report;
		r.glyphs.report = NULL;
	}
	cp__glyphs_free(&r.glyphs);
	cp__font_free(r.font);
	cp__request_plan_free(&r.plan);
	free(r.first_page);
	cp__scratch_close(r.scratch);
	return rc;
}

/* The claim's files are opened once for the whole call (util/infile.h). */
int
cp_request_build(const cp_claim *claim, const cp_template *tpl,
    const char *out_path, const cp_request_options *opts,
    cp_report **warnings, cp_error *err)
{
	cp__infiles *prev = cp__claim_files_use(claim);
	int rc = request_build(claim, tpl, out_path, opts, warnings, err);

	cp__infiles_use(prev);
	return rc;
}
