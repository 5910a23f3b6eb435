/* render.h - the pages claimpack draws itself: the cover sheet, the
 * index and the stamps, each drawn from a view of the plan. */
#ifndef CP_RENDER_H
#define CP_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "bundle/originals.h"
#include "bundle/paper.h"
#include "bundle/view.h"
#include "canvas/draw.h"
#include "pdf/assemble.h"

/* What the cover and the index print for a fact the manifest leaves
 * out (a claim with fact-missing errors, built with --force). */
#define CP__NOT_GIVEN "not given 未填"

/* What the renderers draw from; they only read it. */
typedef struct {
	const cp__view *view;           /* the documents and page numbers */
	const cp_report *report;        /* the check's findings */
	const cp_build_options *opts;
	cp__paper paper;
	const char *fingerprint;        /* SHA-256 of the claim, 64 hex */
	uint64_t recompressed_to;       /* the limit photos were made to
	                                   fit, 0 when they are as given */
	const cp__originals *originals; /* the e-invoices attached as
	                                   issued */
} cp__render;

/* The index's links, one per row, in output page coordinates. */
typedef struct {
	cp__link *items;
	size_t count, cap;
} cp__links;

void cp__links_free(cp__links *links);

/* Draws the cover sheet: one page. */
int cp__render_cover(cp__canvas *cv, const cp__render *r);

/* Lays the index out without drawing; returns the pages it needs. */
size_t cp__index_page_count(cp__canvas *cv, const cp__render *r);

/* Draws the index, adding a link per row to `links`. */
int cp__render_index(cp__canvas *cv, const cp__render *r, cp__links *links);

/* Draws one stamp box (CP__STAMP_W x CP__STAMP_H points) per document
 * page of the view, in bundle order: the assembler lays each over its
 * page. */
int cp__render_stamps(cp__canvas *cv, const cp__render *r);

#endif
