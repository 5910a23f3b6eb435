/* request_plan.c - what the request slip asks of each hospital: the
 * papers its episodes lack and the names to correct on its papers, by
 * the rules of the checks that report them, at the template's desks. */
#include <stdlib.h>
#include <string.h>

#include "bundle/request.h"
#include "check/names.h"
#include "manifest/doctype.h"

void
cp__request_plan_free(cp__request_plan *plan)
{
	size_t p;

	for (p = 0; plan->pages != NULL && p < plan->npages; p++) {
		free(plan->pages[p].episodes);
		free(plan->pages[p].asks);
	}
	free(plan->pages);
	memset(plan, 0, sizeof(*plan));
}

static bool
same_text(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Whether episodes `a` and `b` were at one hospital, as far as the
 * manifest tells: the same name in English or in Chinese. */
static bool
same_hospital(const cp__episode *a, const cp__episode *b)
{
	return same_text(a->hospital, b->hospital) ||
	    same_text(a->hospital_zh, b->hospital_zh);
}

/* The page of episode `e` among the first `n` pages, or `n`. */
static size_t
page_of(const cp__request_plan *plan, size_t n, size_t e)
{
	const cp__episode *ep = &plan->claim->episodes[e];
	size_t p, i;

	for (p = 0; p < n; p++)
		for (i = 0; i < plan->pages[p].nepisodes; i++)
			if (same_hospital(ep, &plan->claim->episodes[
			    plan->pages[p].episodes[i]]))
				return p;
	return n;
}

/* The claim's episodes, a page per hospital in the order of their first
 * episodes. */
static int
group_episodes(cp__request_plan *plan)
{
	const cp_claim *claim = plan->claim;
	cp__request_page *page;
	size_t e, p;

	if ((plan->pages = calloc(claim->nepisodes + 1,
	    sizeof(*plan->pages))) == NULL)
		return CP_ENOMEM;
	for (e = 0; e < claim->nepisodes; e++) {
		const cp__episode *ep = &claim->episodes[e];

		p = page_of(plan, plan->npages, e);
		page = &plan->pages[p];
		if (p == plan->npages) {
			plan->npages++;
			if ((page->episodes = calloc(claim->nepisodes,
			    sizeof(*page->episodes))) == NULL)
				return CP_ENOMEM;
		}
		page->episodes[page->nepisodes++] = e;
		if (page->hospital == NULL)
			page->hospital = ep->hospital;
		if (page->hospital_zh == NULL)
			page->hospital_zh = ep->hospital_zh;
	}
	return CP_OK;
}

/* The types of `set` the hospital issues. */
static cp__typeset
from_hospital(cp__typeset set)
{
	size_t t;

	for (t = 0; t < cp_doctype_count(); t++)
		if ((set & (1u << t)) && !cp__doctype_from_hospital(t))
			set &= ~(1u << t);
	return set;
}

/* The desk of the first type of `set` (not empty). */
static const cp__desk *
desk_of_set(const cp_template *tpl, cp__typeset set)
{
	size_t t = 0;

	while (!(set & (1u << t)))
		t++;
	return cp__template_desk_of(tpl, t);
}

/* Whether `asks` holds the paper `any_of` for episode `e` already: an
 * imaging report recommended and missing from its images' pair is one
 * paper to ask for. */
static bool
asked(const cp__ask *asks, size_t n, size_t e, cp__typeset any_of)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!asks[i].name && asks[i].episode == e &&
		    asks[i].any_of == any_of)
			return true;
	return false;
}

/* Everything asked of one hospital, in no order yet, into `all`. */
static size_t
collect_asks(const cp__request_plan *plan, const cp__request_page *page,
    cp__ask *all)
{
	const cp_claim *claim = plan->claim;
	cp__lack lacks[CP__LACKS_MAX];
	cp__typeset any_of;
	size_t i, k, nlacks, n = 0, d, e;

	for (i = 0; i < page->nepisodes; i++) {
		e = page->episodes[i];
		nlacks = cp__episode_lacks(claim, plan->tpl, e, lacks);
		for (k = 0; k < nlacks; k++) {
			any_of = from_hospital(lacks[k].any_of);
			if (any_of == 0 || asked(all, n, e, any_of))
				continue;
			all[n++] = (cp__ask){ false, desk_of_set(plan->tpl,
			    any_of), e, lacks[k].kind, any_of, 0 };
		}
	}
	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];

		for (i = 0; i < page->nepisodes; i++)
			if (page->episodes[i] == doc->episode)
				break;
		if (i == page->nepisodes || !cp__doctype_from_hospital(
		    doc->type) || !cp__name_to_correct(claim, d))
			continue;
		all[n++] = (cp__ask){ true, cp__template_desk_of(plan->tpl,
		    doc->type), doc->episode, CP__LACK_REQUIRED, 0, d };
	}
	return n;
}

/* The asks of one hospital, by desk in the template's order, papers
 * before names, and otherwise as collected (claim order). */
static int
make_asks(const cp__request_plan *plan, cp__request_page *page)
{
	const cp_template *tpl = plan->tpl;
	size_t most = page->nepisodes * CP__LACKS_MAX +
	    plan->claim->ndocuments;
	cp__ask *all;
	size_t n, i, k, pass;

	if ((all = calloc(most + 1, sizeof(*all))) == NULL ||
	    (page->asks = calloc(most + 1, sizeof(*page->asks))) == NULL) {
		free(all);
		return CP_ENOMEM;
	}
	n = collect_asks(plan, page, all);
	for (k = 0; k < tpl->ndesks; k++)
		for (pass = 0; pass < 2; pass++)
			for (i = 0; i < n; i++) {
				if (all[i].desk != &tpl->desks[k] ||
				    all[i].name != (pass == 1))
					continue;
				page->asks[page->nasks++] = all[i];
				if (all[i].name)
					page->names++;
				else
					page->papers++;
			}
	free(all);
	return CP_OK;
}

int
cp__request_plan_make(cp__request_plan *plan, const cp_claim *claim,
    const cp_template *tpl)
{
	size_t p;
	int rc;

	memset(plan, 0, sizeof(*plan));
	plan->claim = claim;
	plan->tpl = tpl;
	if ((rc = group_episodes(plan)) != CP_OK)
		return rc;
	for (p = 0; p < plan->npages; p++)
		if ((rc = make_asks(plan, &plan->pages[p])) != CP_OK)
			return rc;
	return CP_OK;
}
