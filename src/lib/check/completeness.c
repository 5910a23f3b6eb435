/* completeness.c - each episode has the papers its purpose needs:
 * required-missing, recommended-missing, imaging-unpaired. */
#include <stdlib.h>

#include "check/check.h"
#include "manifest/doctype.h"
#include "util/strbuf.h"

/* "outpatient_record (门诊病历) or discharge_summary (出院小结)". */
static char *
describe_any_of(cp__typeset set)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const cp_doctype *t;
	size_t i;
	bool first = true;

	for (i = 0; i < cp_doctype_count(); i++) {
		if (!(set & (1u << i)))
			continue;
		t = cp_doctype_at(i);
		cp__strbuf_printf(&sb, "%s%s (%s)", first ? "" : " or ", t->key,
		    t->zh);
		first = false;
	}
	return cp__strbuf_detach(&sb);
}

static int
check_list(cp_report *report, const cp_claim *claim, const cp_template *tpl,
    size_t e, cp__typeset present, bool required)
{
	const cp__episode *ep = &claim->episodes[e];
	const cp__requirement_list *list = required ?
	    &tpl->required[ep->kind] : &tpl->recommended[ep->kind];
	/* fact-missing asks for a hospital not given */
	const char *hospital = ep->hospital != NULL ? ep->hospital : "";
	char *what;
	size_t i;
	int rc;

	for (i = 0; i < list->count; i++) {
		if (list->items[i].any_of & present)
			continue;
		if ((what = describe_any_of(list->items[i].any_of)) == NULL)
			return CP_ENOMEM;
		if (required)
			rc = cp__report_add(report, CP__ORDER_EPISODE(claim, e),
			    "required-missing", ep->id, NULL,
			    "episode %s (%s%s%s) has no %s; the %s template "
			    "requires it for an %s episode: add the paper to "
			    "the manifest", ep->id, cp__episode_kind_name(ep->kind),
			    hospital[0] ? ", " : "", hospital, what, tpl->name,
			    cp__episode_kind_name(ep->kind));
		else
			rc = cp__report_add(report, CP__ORDER_EPISODE(claim, e),
			    "recommended-missing", ep->id,
			    NULL, "episode %s (%s%s%s) has no %s; reviewers "
			    "usually ask for it, so add it if the hospital gave "
			    "you one", ep->id, cp__episode_kind_name(ep->kind),
			    hospital[0] ? ", " : "", hospital, what);
		free(what);
		if (rc != CP_OK)
			return rc;
	}
	return CP_OK;
}

/* An imaging report and its images belong together. */
static int
check_imaging(cp_report *report, const cp_claim *claim, size_t e,
    cp__typeset present)
{
	const cp__document *doc;
	bool reports = present & (1u << CP__DT_IMAGING_REPORT);
	bool files = present & (1u << CP__DT_IMAGING_FILES);
	size_t d;
	int rc;

	if (reports == files)
		return CP_OK;
	for (d = 0; d < claim->ndocuments; d++) {
		doc = &claim->documents[d];
		if (doc->episode != e)
			continue;
		if (doc->type == CP__DT_IMAGING_REPORT && (rc = cp__report_add(
		    report, d, "imaging-unpaired", doc->id,
		    cp__document_file(doc), "imaging report %s has no image "
		    "files (imaging_files) in episode %s; add the CD's files or "
		    "the download if you have them", doc->id,
		    claim->episodes[e].id)) != CP_OK)
			return rc;
		if (doc->type == CP__DT_IMAGING_FILES && (rc = cp__report_add(
		    report, d, "imaging-unpaired", doc->id,
		    cp__document_file(doc), "image files %s have no imaging "
		    "report (影像报告) in episode %s; reviewers read the "
		    "report, not the images: add it", doc->id,
		    claim->episodes[e].id)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

int
cp__check_completeness(cp_report *report, const cp_claim *claim,
    const cp_template *tpl)
{
	cp__typeset present;
	size_t e, d;
	int rc;

	for (e = 0; e < claim->nepisodes; e++) {
		present = 0;
		for (d = 0; d < claim->ndocuments; d++)
			if (claim->documents[d].episode == e)
				present |= 1u << claim->documents[d].type;
		if ((rc = check_list(report, claim, tpl, e, present, true)) !=
		    CP_OK ||
		    (rc = check_list(report, claim, tpl, e, present, false)) !=
		    CP_OK ||
		    (rc = check_imaging(report, claim, e, present)) != CP_OK)
			return rc;
	}
	return CP_OK;
}
