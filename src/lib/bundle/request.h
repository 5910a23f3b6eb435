/* request.h - the request slip (`claimpack request`): what to ask of each
 * hospital before leaving China, worked out once (request_plan.c) and
 * then drawn, a page per hospital (request_page.c). */
#ifndef CP_REQUEST_H
#define CP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle/paper.h"
#include "canvas/draw.h"
#include "check/completeness.h"
#include "manifest/claim.h"
#include "manifest/template.h"

/* One thing to ask of a desk: a paper, or a name corrected on one. */
typedef struct {
	bool name;              /* false: a paper; true: a name to correct */
	const cp__desk *desk;   /* where to ask */
	size_t episode;         /* the episode it is for (claim index) */
	/* A paper: why it is asked for, and the types any one of which
	 * would do (only those the hospital issues). */
	cp__lack_kind lack;
	cp__typeset any_of;
	size_t doc;             /* a name: the document (claim index) */
} cp__ask;

/* One hospital's page (more pages when its asks do not fit one). */
typedef struct {
	/* The hospital as its first episode names it that names it; both
	 * NULL for an episode that names none (a page of its own). */
	const char *hospital;
	const char *hospital_zh;
	size_t *episodes;       /* its episodes, in claim order */
	size_t nepisodes;
	cp__ask *asks;          /* by the template's desk order, then papers */
	size_t nasks;           /* before names, then claim order */
	size_t papers;          /* how many asks are papers, and names */
	size_t names;
} cp__request_page;

typedef struct {
	const cp_claim *claim;
	const cp_template *tpl;
	cp__request_page *pages;    /* one per hospital, in the order of */
	size_t npages;              /* their first episodes */
} cp__request_plan;

/*
 * Works out the slip: the claim's episodes grouped by hospital (the
 * same `hospital` or the same `hospital_zh`; an episode naming neither
 * is a page of its own) and, for each, the papers its episodes lack
 * (check/completeness.h) and the names to correct on its papers
 * (check/names.h), each at the desk the template gives the type.
 * Returns CP_OK or CP_ENOMEM; free with cp__request_plan_free() either
 * way.
 */
int cp__request_plan_make(cp__request_plan *plan, const cp_claim *claim,
    const cp_template *tpl);
void cp__request_plan_free(cp__request_plan *plan);

/*
 * Draws page `p` of the plan: one page of `paper`, more when its asks do
 * not fit.  Returns the number of pages drawn (a dry canvas counts them
 * without making them).
 */
size_t cp__request_draw(cp__canvas *cv, const cp__request_plan *plan,
    size_t p, const cp__paper *paper);

#endif
