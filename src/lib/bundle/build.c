/* build.c - cp_bundle_build: the claim's files opened as page sources,
 * the plan made once, each output file written, checked and put in
 * place only when all of it is whole. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle/build.h"
#include "bundle/fingerprint.h"
#include "bundle/fit.h"
#include "bundle/output.h"
#include "bundle/split.h"
#include "manifest/doctype.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/strbuf.h"
#include "util/walk.h"

/* ---- the claim's files ------------------------------------------------ */

/* Counts a regular file below an imaging folder. */
static int
count_entry(void *ctx, const char *path, const char *rel,
    const struct stat *st)
{
	cp__file_facts *facts = ctx;

	(void)path;
	(void)rel;
	if (S_ISREG(st->st_mode)) {
		facts->count++;
		facts->bytes += (uint64_t)st->st_size;
	}
	return CP_OK;
}

/* An imaging_files entry (a folder, or a file): listed, not drawn. */
static int
count_images(cp__file_facts *facts, const char *path, cp_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "cannot reach it (%s)", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return cp__walk(path, count_entry, facts, err);
	facts->count = 1;
	facts->bytes = (uint64_t)st.st_size;
	return CP_OK;
}

/* Opens file `f` of `doc` (the build's file number `file`, at `path`)
 * as a page source turned as the manifest asks.  A page standing in for
 * a file that cannot be opened is never turned: it is claimpack's. */
static int
open_source(cp__build *b, const cp__document *doc, size_t f, size_t file,
    const char *path, cp_error *failed)
{
	int rc;

	if ((rc = cp__source_open(&b->sources[file], path, doc->files[f],
	    failed)) == CP_OK)
		cp__source_rotate(b->sources[file],
		    cp__document_rotate(doc, f));
	return rc;
}

/* Opens every file of the manifest as a page source (imaging files are
 * only counted), and makes the plan from what they hold. */
static int
open_files(cp__build *b, cp_error *err)
{
	const cp_claim *claim = b->claim;
	cp__file_facts *facts;
	cp_error failed;
	size_t d, f, file = 0;
	char *path;
	int rc = CP_OK;

	memset(&failed, 0, sizeof(failed));
	b->nsources = cp__plan_file_count(claim);
	if ((facts = calloc(b->nsources + 1, sizeof(*facts))) == NULL ||
	    (b->sources = calloc(b->nsources + 1,
	    sizeof(*b->sources))) == NULL) {
		free(facts);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	for (d = 0; d < claim->ndocuments && rc == CP_OK; d++) {
		const cp__document *doc = &claim->documents[d];

		for (f = 0; f < doc->nfiles && rc == CP_OK; f++, file++) {
			if ((path = cp__claim_file_path(claim,
			    doc->files[f])) == NULL) {
				rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
				break;
			}
			if (doc->type == CP__DT_IMAGING_FILES) {
				rc = count_images(&facts[file], path, err);
			} else if ((rc = cp__build_stand_in(b, doc,
			    doc->files[f], file, 1, open_source(b, doc, f,
			    file, path, &failed), &failed, err)) == CP_OK) {
				facts[file].pages = b->sources[file]->pages;
				facts[file].bytes = b->sources[file]->bytes;
				facts[file].count = 1;
			}
			free(path);
		}
	}
	if (rc == CP_OK)
		rc = cp__plan_make(&b->plan, claim, b->tpl, facts, err);
	free(facts);
	if (rc == CP_OK && (b->reported = calloc(b->plan->ndocs + 1,
	    sizeof(*b->reported))) == NULL)
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
	return rc;
}

/* ---- fitting an upload limit --------------------------------------- */

/* The file being fitted, and the view written into it. */
typedef struct {
	cp__build *b;
	cp__view *view;
	cp__atomic *out;
} fit_target;

static int
file_size(const cp__atomic *out, uint64_t *size, cp_error *err)
{
	struct stat st;

	if (fstat(out->fd, &st) != 0)
		return cp__error_set(err, CP_EIO, out->path, 0, 0,
		    "cannot see the size of the bundle (%s)", strerror(errno));
	*size = (uint64_t)st.st_size;
	return CP_OK;
}

static int
fit_write(void *ctx, uint64_t *size, cp_error *err)
{
	fit_target *t = ctx;
	int rc;

	if ((rc = cp__build_write(t->b, t->view, t->out->tmp, err)) != CP_OK)
		return rc;
	return file_size(t->out, size, err);
}

static void
fit_doc_bytes(void *ctx, uint64_t *out)
{
	const cp__build *b = ((fit_target *)ctx)->b;
	size_t d, f;

	for (d = 0; d < b->plan->ndocs; d++) {
		const cp__plan_doc *pd = &b->plan->docs[d];

		/* The originals attached count as they are: they never
		 * shrink. */
		out[d] = cp__originals_bytes(&b->originals, pd->doc);
		for (f = 0; f < pd->nfiles; f++)
			out[d] += b->sources[pd->file0 + f]->bytes;
	}
}

/* Recompresses every photo of the build. */
static int
fit_shrink(void *ctx, unsigned dpi, int quality, size_t *shrunk,
    cp_error *err)
{
	cp__build *b = ((fit_target *)ctx)->b;
	bool smaller;
	size_t i;
	int rc;

	*shrunk = 0;
	for (i = 0; i < b->nsources; i++) {
		if (b->sources[i] == NULL)
			continue;
		if ((rc = cp__source_shrink(b->sources[i], &b->env, dpi,
		    quality, &smaller, err)) != CP_OK)
			return rc;
		*shrunk += smaller;
	}
	return CP_OK;
}

static const cp__fit_ops fit_ops = { fit_shrink, fit_write, fit_doc_bytes };

/* ---- writing the files ---------------------------------------------- */

/* Tells the program about the temporary file being written, or that
 * there is none any more (NULL). */
static void
tell_tempfile(const cp_build_options *opts, const char *path)
{
	if (opts->tempfile != NULL)
		opts->tempfile(opts->tempfile_ctx, path);
}

/* Notes the file at `path`, of view `v` and `bytes`, for the summary. */
static int
record_output(cp__build *b, const char *path, const cp__view *v,
    uint64_t bytes, cp_error *err)
{
	cp__output *grown;

	if ((grown = realloc(b->outputs, (b->noutputs + 1) *
	    sizeof(*grown))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	b->outputs = grown;
	grown[b->noutputs] = (cp__output){ cp__strdup(path),
	    cp__view_count(v), b->opts->cover_only ? 1 :
	    CP__FIRST_DOC_PAGE(v) + v->doc_pages, bytes };
	if (grown[b->noutputs++].path == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}

/* The whole bundle in one file, recompressed to fit max_size. */
static int
write_single(cp__build *b, const char *out_path, cp_error *err)
{
	const cp_build_options *opts = b->opts;
	cp__atomic out;
	cp__view v;
	fit_target t;
	uint64_t size;
	int rc;

	memset(&v, 0, sizeof(v));
	memset(&out, 0, sizeof(out));
	if ((rc = cp__view_init(&v, b->plan, 0, 0, NULL, err)) == CP_OK &&
	    (rc = cp__atomic_open(&out, out_path, opts->tempfile,
	    opts->tempfile_ctx, err)) == CP_OK)
		rc = cp__build_write(b, &v, out.tmp, err);
	if (rc == CP_OK && opts->max_size > 0 && !opts->cover_only &&
	    (rc = file_size(&out, &size, err)) == CP_OK &&
	    size > opts->max_size) {
		b->render.recompressed_to = opts->max_size;
		t = (fit_target){ b, &v, &out };
		rc = cp__fit(b->plan, &fit_ops, &t, size, opts->max_size,
		    opts->min_dpi, err);
	}
	if (rc == CP_OK && (rc = file_size(&out, &size, err)) == CP_OK &&
	    (rc = record_output(b, out_path, &v, size, err)) == CP_OK)
		rc = cp__atomic_commit(&out, err);
	cp__atomic_free(&out);
	tell_tempfile(opts, NULL);
	if (rc == CP_OK && opts->written != NULL)
		opts->written(opts->written_ctx, out_path);
	cp__view_free(&v);
	return rc;
}

/* "claim.pdf" -> "claim-part2.pdf". */
static char *
part_path(const char *out_path, size_t part)
{
	size_t n = strlen(out_path);

	if (n > 4 && strcmp(out_path + n - 4, ".pdf") == 0)
		n -= 4;
	return cp__sprintf("%.*s-part%zu.pdf", (int)n, out_path, part);
}

/* One part of a split bundle into `out` (opened here), checked against
 * the part size. */
static int
write_part(cp__build *b, const size_t *part_of, size_t part, size_t nparts,
    cp__atomic *out, const char *path, cp_error *err)
{
	const cp_build_options *opts = b->opts;
	cp__view v;
	uint64_t size;
	int rc;

	memset(&v, 0, sizeof(v));
	if ((rc = cp__output_check(b->claim, path, err)) != CP_OK ||
	    (rc = cp__view_init(&v, b->plan, part, nparts, part_of,
	    err)) != CP_OK ||
	    (rc = cp__atomic_open(out, path, opts->tempfile,
	    opts->tempfile_ctx, err)) != CP_OK ||
	    (rc = cp__build_write(b, &v, out->tmp, err)) != CP_OK ||
	    (rc = file_size(out, &size, err)) != CP_OK)
		goto done;
	if (size > opts->split_size)
		rc = cp__error_set(err, CP_ETOOBIG, path, 0, 0, "part %zu would "
		    "be %.1f MB, over the %.1f MB limit; choose larger parts, "
		    "or shrink photos with --max-size", part,
		    (double)size / 1e6, (double)opts->split_size / 1e6);
	else
		rc = record_output(b, path, &v, size, err);
done:
	cp__view_free(&v);
	return rc;
}

/*
 * Weighs each document (into `bytes`, plan->ndocs entries) by the PDFs
 * its pages are drawn from, made here as writing the parts would make
 * them: a PNG, HEIC, WebP or TIFF weighs what its decoded pixels do
 * there, which only making it tells (a 200 KB HEIC may draw 2 MB), not
 * what its file did when the plan was made.  The original e-invoices
 * attached go into the part of their document, and weigh there.
 */
static int
weigh_documents(cp__build *b, uint64_t *bytes, cp_error *err)
{
	const cp__plan *plan = b->plan;
	const char *pdf;
	size_t d, f, i;
	int rc;

	for (d = 0; d < plan->ndocs; d++) {
		bytes[d] = cp__originals_bytes(&b->originals,
		    plan->docs[d].doc);
		for (f = 0; f < plan->docs[d].nfiles; f++) {
			i = plan->docs[d].file0 + f;
			if ((rc = cp__build_file_pdf(b, d, i, &pdf, err)) !=
			    CP_OK)
				return rc;
			bytes[d] += b->sources[i]->bytes;
		}
	}
	return CP_OK;
}

/*
 * The bundle in parts of at most opts->split_size bytes.  Every part is
 * written and checked before any is put in place.
 */
static int
write_parts(cp__build *b, const char *out_path, cp_error *err)
{
	const cp_build_options *opts = b->opts;
	cp__atomic *outs = NULL;
	uint64_t *doc_bytes = NULL;
	size_t *part_of, k, n = 0;
	char **paths = NULL;
	int rc;

	if ((part_of = calloc(b->plan->ndocs + 1, sizeof(*part_of))) == NULL ||
	    (doc_bytes = calloc(b->plan->ndocs + 1,
	    sizeof(*doc_bytes))) == NULL) {
		free(part_of);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	if ((rc = weigh_documents(b, doc_bytes, err)) != CP_OK ||
	    (rc = cp__split_assign(part_of, b->plan, doc_bytes,
	    opts->split_size, err)) < 0)
		goto done;
	n = (size_t)rc;
	rc = CP_OK;
	if ((outs = calloc(n, sizeof(*outs))) == NULL ||
	    (paths = calloc(n, sizeof(*paths))) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	for (k = 0; k < n && rc == CP_OK; k++) {
		if ((paths[k] = part_path(out_path, k + 1)) == NULL)
			rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		else
			rc = write_part(b, part_of, k + 1, n, &outs[k],
			    paths[k], err);
	}
	for (k = 0; rc == CP_OK && k < n; k++)
		rc = cp__atomic_commit(&outs[k], err);
	for (k = 0; rc == CP_OK && k < n; k++)
		if (opts->written != NULL)
			opts->written(opts->written_ctx, paths[k]);
done:
	for (k = 0; k < n; k++) {
		if (outs != NULL)
			cp__atomic_free(&outs[k]);
		if (paths != NULL)
			free(paths[k]);
	}
	if (n > 0)
		tell_tempfile(opts, NULL);
	free(outs);
	free(paths);
	free(doc_bytes);
	free(part_of);
	return rc;
}

/* ---- the build --------------------------------------------------------- */

static void
build_free(cp__build *b)
{
	size_t i;

	for (i = 0; b->sources != NULL && i < b->nsources; i++)
		cp__source_close(b->sources[i], &b->env);
	free(b->sources);
	for (i = 0; i < b->noutputs; i++)
		free(b->outputs[i].path);
	free(b->outputs);
	free(b->reported);
	cp__plan_free(b->plan);
	cp__originals_free(&b->originals);
	cp__font_free(b->font);
	cp__glyphs_free(&b->glyphs);
	/* Last: whatever the sources made lives in it. */
	cp__scratch_close(b->scratch);
}

static int
bundle_build(const cp_claim *claim, const cp_template *tpl,
    const cp_report *report, const char *out_path,
    const cp_build_options *opts, cp_report **warnings, cp_error *err)
{
	static const cp_build_options defaults = CP_BUILD_OPTIONS_INIT;
	cp_build_options o = defaults;
	cp__build b;
	int rc;

	if (warnings != NULL)
		*warnings = NULL;
	if (claim == NULL || tpl == NULL || report == NULL ||
	    out_path == NULL || out_path[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_bundle_build needs a claim, template, report and an "
		    "output path");
	if (opts != NULL && (opts->version < 1 ||
	    opts->version > CP_BUILD_OPTIONS_VERSION))
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "build options "
		    "version %u is not 1 to %d", opts->version,
		    CP_BUILD_OPTIONS_VERSION);
	/* A version 1 struct ends before `summary`: only what it has is
	 * read, the rest stays the default. */
	if (opts != NULL)
		memcpy(&o, opts, opts->version == 1 ?
		    offsetof(cp_build_options, summary) : sizeof(o));
	opts = &o;
	if (opts->summary != NULL)
		*opts->summary = NULL;
	memset(&b, 0, sizeof(b));
	b.claim = claim;
	b.tpl = tpl;
	b.opts = opts;
	b.env.paper = cp__paper_of(opts->paper);
	b.render.report = report;
	b.render.opts = opts;
	b.render.paper = b.env.paper;
	b.render.fingerprint = b.fingerprint;
	b.render.originals = &b.originals;
	if ((rc = cp__glyphs_init(&b.glyphs, err)) != CP_OK ||
	    (rc = cp__output_check(claim, out_path, err)) != CP_OK ||
	    (rc = cp__fingerprint(b.fingerprint, claim, err)) != CP_OK ||
	    (rc = cp__scratch_open(&b.scratch, err)) != CP_OK)
		goto done;
	b.env.scratch = b.scratch;
	if ((rc = open_files(&b, err)) != CP_OK ||
	    (rc = cp__originals_find(&b.originals, claim, err)) != CP_OK ||
	    (rc = cp__font_open(&b.font, err)) != CP_OK)
		goto done;
	b.env.font = b.font;
	if (opts->split_size > 0 && !opts->cover_only)
		rc = write_parts(&b, out_path, err);
	else
		rc = write_single(&b, out_path, err);
	/* The files are in place: a summary that cannot be made (out of
	 * memory) is left out, not a failure of the build. */
	if (rc == CP_OK && opts->summary != NULL)
		(void)cp__build_summary(opts->summary, &b);
done:
	if (rc == CP_OK && warnings != NULL) {
		*warnings = b.glyphs.report;
		b.glyphs.report = NULL;
	}
	build_free(&b);
	return rc;
}

/* The claim's files are opened once for the whole call (util/infile.h). */
int
cp_bundle_build(const cp_claim *claim, const cp_template *tpl,
    const cp_report *report, const char *out_path,
    const cp_build_options *opts, cp_report **warnings, cp_error *err)
{
	cp__infiles *prev = cp__claim_files_use(claim);
	int rc = bundle_build(claim, tpl, report, out_path, opts, warnings, err);

	cp__infiles_use(prev);
	return rc;
}
