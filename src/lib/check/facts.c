/* facts.c - the facts a drafted manifest leaves out (the patient's name
 * and passport number, an episode's hospital and start date, a paper's
 * date, name and total): fact-missing, one finding per fact, saying
 * what to type and how. */
#include <stdbool.h>

#include "check/check.h"
#include "manifest/doctype.h"

static int
check_patient(cp_report *report, const cp_claim *claim)
{
	int rc;

	/* Claim-wide, named by no document: first among the errors. */
	if (claim->patient_name == NULL &&
	    (rc = cp__report_add(report, 0, "fact-missing", NULL, NULL,
	    "the patient has no name: type the name as in the passport as "
	    "name: SURNAME, Given Names")) != CP_OK)
		return rc;
	if (claim->passport == NULL &&
	    (rc = cp__report_add(report, 0, "fact-missing", NULL, NULL,
	    "the patient has no passport number: type the passport number "
	    "as in the passport as passport: NUMBER")) != CP_OK)
		return rc;
	return CP_OK;
}

static int
check_episode(cp_report *report, const cp_claim *claim, size_t e)
{
	const cp__episode *ep = &claim->episodes[e];
	size_t order = CP__ORDER_EPISODE(claim, e);
	const char *kind = cp__episode_kind_name(ep->kind);
	char start[16];
	int rc;

	/* What the episode has, so that the reader knows which it is. */
	if (ep->hospital == NULL) {
		if (ep->has_start)
			cp__date_format(start, sizeof(start), ep->start);
		if ((rc = cp__report_add(report, order, "fact-missing", ep->id,
		    NULL, "episode \"%s\" (%s%s%s) has no hospital: type the "
		    "hospital's name as printed on its papers as hospital: NAME",
		    ep->id, kind, ep->has_start ? ", " : "",
		    ep->has_start ? start : "")) != CP_OK)
			return rc;
	}
	if (!ep->has_start &&
	    (rc = cp__report_add(report, order, "fact-missing", ep->id, NULL,
	    "episode \"%s\" (%s%s%s) has no start date: type the %s date as "
	    "start: YYYY-MM-DD", ep->id, kind, ep->hospital != NULL ? ", " : "",
	    ep->hospital != NULL ? ep->hospital : "",
	    ep->kind == CP__EPISODE_INPATIENT ? "admission" : "visit")) !=
	    CP_OK)
		return rc;
	return CP_OK;
}

static int
check_document(cp_report *report, const cp_claim *claim, size_t d)
{
	const cp__document *doc = &claim->documents[d];
	const char *file = cp__document_file(doc);
	const char *type = cp_doctype_at(doc->type)->key;
	bool dated = cp__doctype_dated(doc->type);
	int rc;

	/* Each names the document as the manifest does: its id, its type
	 * and its first file. */
	if (dated && !doc->has_date &&
	    (rc = cp__report_add(report, d, "fact-missing", doc->id, file,
	    "document \"%s\" (%s, %s) has no date: type the date printed on "
	    "the paper as date: YYYY-MM-DD", doc->id, type, file)) != CP_OK)
		return rc;
	if (dated && doc->name == NULL &&
	    (rc = cp__report_add(report, d, "fact-missing", doc->id, file,
	    "document \"%s\" (%s, %s) has no name: type the patient's name "
	    "as printed on the paper as name: NAME", doc->id, type, file)) !=
	    CP_OK)
		return rc;
	if (cp__doctype_needs_amount(doc->type) && !doc->has_amount &&
	    (rc = cp__report_add(report, d, "fact-missing", doc->id, file,
	    "document \"%s\" (%s, %s) has no amount: type the total printed "
	    "on the paper%s as amount: NNNN.NN (a plain decimal, without a "
	    "currency sign or thousands separators)", doc->id, type, file,
	    doc->type == CP__DT_FAPIAO ? " (tax included)" : "")) != CP_OK)
		return rc;
	return CP_OK;
}

int
cp__check_facts(cp_report *report, const cp_claim *claim)
{
	size_t i;
	int rc;

	if ((rc = check_patient(report, claim)) != CP_OK)
		return rc;
	for (i = 0; i < claim->nepisodes; i++)
		if ((rc = check_episode(report, claim, i)) != CP_OK)
			return rc;
	for (i = 0; i < claim->ndocuments; i++)
		if ((rc = check_document(report, claim, i)) != CP_OK)
			return rc;
	return CP_OK;
}
