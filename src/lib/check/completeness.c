/* completeness.c - each episode has the papers its purpose needs:
 * required-missing, recommended-missing, imaging-unpaired. */
#include <stdlib.h>

#include "check/check.h"
#include "check/completeness.h"
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

/* One finding for a required or recommended paper episode `e` lacks. */
static int
report_lack(cp_report *report, const cp_claim *claim, const cp_template *tpl,
    size_t e, const cp__lack *lack)
{
	const cp__episode *ep = &claim->episodes[e];
	/* fact-missing asks for a hospital not given */
	const char *hospital = ep->hospital != NULL ? ep->hospital : "";
	char *what;
	int rc;

	if ((what = describe_any_of(lack->any_of)) == NULL)
		return CP_ENOMEM;
	if (lack->kind == CP__LACK_REQUIRED)
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
	return rc;
}

/* Adds the entries of `list` that no type of `present` meets. */
static size_t
lacks_of_list(const cp__requirement_list *list, cp__typeset present,
    cp__lack_kind kind, cp__lack *out, size_t n)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		if (!(list->items[i].any_of & present))
			out[n++] = (cp__lack){ kind, list->items[i].any_of };
	return n;
}

/* The types of the documents of episode `e`, as a set. */
static cp__typeset
episode_types(const cp_claim *claim, size_t e)
{
	cp__typeset present = 0;
	size_t d;

	for (d = 0; d < claim->ndocuments; d++)
		if (claim->documents[d].episode == e)
			present |= 1u << claim->documents[d].type;
	return present;
}

size_t
cp__episode_lacks(const cp_claim *claim, const cp_template *tpl, size_t e,
    cp__lack out[CP__LACKS_MAX])
{
	const cp__episode *ep = &claim->episodes[e];
	cp__typeset present = episode_types(claim, e);
	cp__typeset report = 1u << CP__DT_IMAGING_REPORT;
	cp__typeset files = 1u << CP__DT_IMAGING_FILES;
	size_t n;

	n = lacks_of_list(&tpl->required[ep->kind], present,
	    CP__LACK_REQUIRED, out, 0);
	n = lacks_of_list(&tpl->recommended[ep->kind], present,
	    CP__LACK_RECOMMENDED, out, n);
	/* An imaging report and its images belong together. */
	if ((present & report) && !(present & files))
		out[n++] = (cp__lack){ CP__LACK_IMAGING_PAIR, files };
	else if ((present & files) && !(present & report))
		out[n++] = (cp__lack){ CP__LACK_IMAGING_PAIR, report };
	return n;
}

/* imaging-unpaired: one finding for each imaging report of episode
 * `e` (which lacks its image files), or for each of its image files
 * (which lack their report). */
static int
report_unpaired(cp_report *report, const cp_claim *claim, size_t e)
{
	const cp__document *doc;
	size_t d;
	int rc;

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
	cp__lack lacks[CP__LACKS_MAX];
	size_t e, i, n;
	int rc;

	for (e = 0; e < claim->nepisodes; e++) {
		n = cp__episode_lacks(claim, tpl, e, lacks);
		for (i = 0; i < n; i++) {
			rc = lacks[i].kind == CP__LACK_IMAGING_PAIR ?
			    report_unpaired(report, claim, e) :
			    report_lack(report, claim, tpl, e, &lacks[i]);
			if (rc != CP_OK)
				return rc;
		}
	}
	return CP_OK;
}
