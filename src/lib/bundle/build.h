/* build.h - the state of one build, owned by cp_bundle_build (build.c)
 * and read by the writer of each output file (write.c). */
#ifndef CP_BUILD_H
#define CP_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/glyphs.h"
#include "bundle/originals.h"
#include "bundle/plan.h"
#include "bundle/render.h"
#include "bundle/source.h"
#include "bundle/view.h"
#include "canvas/font.h"
#include "util/scratch.h"

/* A file the build wrote, for its summary. */
typedef struct {
	char *path;
	size_t docs;            /* documents it holds */
	size_t pages;           /* all its pages: cover, index, documents */
	uint64_t bytes;
} cp__output;

typedef struct {
	const cp_claim *claim;
	const cp_template *tpl;
	const cp_build_options *opts;
	cp__scratch *scratch;   /* every temporary file of the build */
	cp__source_env env;     /* where sources make their pages */
	cp__source **sources;   /* per file of the manifest, in manifest
	                           order; NULL for imaging files */
	size_t nsources;
	cp__plan *plan;         /* made once, then only read */
	cp__originals originals;        /* the e-invoice files attached as
	                                   issued, found once */
	cp__font *font;
	cp__glyphs glyphs;      /* glyph-missing warnings */
	cp__render render;      /* what the renderers draw from; its view
	                           is the file being written */
	char fingerprint[65];
	bool *reported;         /* progress: documents already reported */
	cp__output *outputs;    /* the files written, in order */
	size_t noutputs;
} cp__build;

/*
 * After the file `written` of document `doc` (the build's file number
 * `file`, manifest order) failed to open or to make its pages with `rc`
 * and `*failed`: when it failed with CP_EIO and the check report has an
 * error for that file (the user built anyway, with --force), puts a
 * placeholder of `pages` pages saying why in b->sources[file] (closing
 * what was there) and returns CP_OK.  Else copies `*failed` into `err`
 * and returns `rc`: the build fails as before.  CP_OK with rc CP_OK.
 */
int cp__build_stand_in(cp__build *b, const cp__document *doc,
    const char *written, size_t file, size_t pages, int rc,
    const cp_error *failed, cp_error *err);

/*
 * The PDF the assembler reads for the build's file `file` (of plan
 * document `d`), made first when needed; a file check reported that
 * cannot make its pages stands in (cp__build_stand_in).  CP_OK with
 * *pdf set, or the source's error.
 */
int cp__build_file_pdf(cp__build *b, size_t d, size_t file,
    const char **pdf, cp_error *err);

/*
 * Draws claimpack's pages for the view `v` and assembles them with the
 * view's documents into `out_path`: first a dry run with the whole font
 * lays the index out and records every character drawn, then the real
 * run embeds a subset of the font with just those characters.  Reports
 * progress for documents not reported yet.  CP_OK or a negative status
 * with `err`.
 */
int cp__build_write(cp__build *b, cp__view *v, const char *out_path,
    cp_error *err);

/*
 * What the build `b` made and what to do beside it, for the person who
 * ran it (see cp_build_options.summary), once its files are written:
 * a new string (*out, caller frees).  CP_OK or CP_ENOMEM.
 */
int cp__build_summary(char **out, const cp__build *b);

#endif
