/* dates.c - dates agree with the stay, the birth date and the
 * claim's date: date-outside-episode, date-future, date-before-birth. */
#include "check/check.h"
#include "manifest/doctype.h"

/* What the claim's date is, for messages. */
static const char *
claim_date_label(const cp_claim *claim)
{
	return claim->prepared_given ? "the claim's prepared date" : "today,";
}

/* date-outside-episode: the paper against its episode's stay. */
static int
check_in_episode(cp_report *report, const cp_claim *claim,
    const cp_template *tpl, size_t d)
{
	const cp__document *doc = &claim->documents[d];
	const cp__episode *ep = &claim->episodes[doc->episode];
	const char *file = cp__document_file(doc);
	char date[16], start[16], end[16];

	/* Without its start the stay has no dates to compare with:
	 * fact-missing asks for it. */
	if (!ep->has_start)
		return CP_OK;
	cp__date_format(date, sizeof(date), doc->date);
	cp__date_format(start, sizeof(start), ep->start);
	cp__date_format(end, sizeof(end), ep->end);
	if (doc->date < ep->start)
		return cp__report_add(report, d, "date-outside-episode",
		    doc->id, file, "document %s is dated %s, "
		    "before episode %s began on %s; check the date, or assign "
		    "the document to the right episode", doc->id, date, ep->id,
		    start);
	if (doc->date - ep->end > (cp__date)tpl->grace_days &&
	    !(tpl->dated_after_stay & (1u << doc->type)))
		return cp__report_add(report, d, "date-outside-episode",
		    doc->id, file, "document %s is dated %s, "
		    "%ld day%s after episode %s ended on %s; the %s template "
		    "allows %u days: check the date or the episode",
		    doc->id, date, (long)(doc->date - ep->end),
		    doc->date - ep->end == 1 ? "" : "s", ep->id, end,
		    tpl->name, tpl->grace_days);
	return CP_OK;
}

static int
check_document(cp_report *report, const cp_claim *claim,
    const cp_template *tpl, size_t d)
{
	const cp__document *doc = &claim->documents[d];
	const char *file = cp__document_file(doc);
	char date[16], other[16];
	int rc;

	/* A date not given is fact-missing's to report. */
	if (!doc->has_date)
		return CP_OK;
	if ((rc = check_in_episode(report, claim, tpl, d)) != CP_OK)
		return rc;
	cp__date_format(date, sizeof(date), doc->date);
	if (doc->date > claim->prepared) {
		cp__date_format(other, sizeof(other), claim->prepared);
		if ((rc = cp__report_add(report, d, "date-future",
		    doc->id, file, "document %s is dated %s, "
		    "after %s %s; check the date", doc->id, date,
		    claim_date_label(claim), other)) != CP_OK)
			return rc;
	}
	if (claim->has_birth_date && doc->date < claim->birth_date) {
		cp__date_format(other, sizeof(other), claim->birth_date);
		if ((rc = cp__report_add(report, d, "date-before-birth",
		    doc->id, file, "document %s is dated %s, "
		    "before the patient's birth date %s; check both dates",
		    doc->id, date, other)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

static int
check_episode(cp_report *report, const cp_claim *claim, size_t e)
{
	const cp__episode *ep = &claim->episodes[e];
	size_t order = CP__ORDER_EPISODE(claim, e);
	char start[16], other[16];
	int rc;

	/* fact-missing asks for a start not given. */
	if (!ep->has_start)
		return CP_OK;
	cp__date_format(start, sizeof(start), ep->start);
	if (ep->start > claim->prepared) {
		cp__date_format(other, sizeof(other), claim->prepared);
		if ((rc = cp__report_add(report, order, "date-future",
		    ep->id, NULL, "episode %s starts on %s, "
		    "after %s %s; check the dates", ep->id, start,
		    claim_date_label(claim), other)) != CP_OK)
			return rc;
	}
	if (claim->has_birth_date && ep->start < claim->birth_date) {
		cp__date_format(other, sizeof(other), claim->birth_date);
		if ((rc = cp__report_add(report, order, "date-before-birth",
		    ep->id, NULL, "episode %s starts on %s, "
		    "before the patient's birth date %s; check both dates",
		    ep->id, start, other)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

int
cp__check_dates(cp_report *report, const cp_claim *claim,
    const cp_template *tpl)
{
	size_t i;
	int rc;

	for (i = 0; i < claim->nepisodes; i++)
		if ((rc = check_episode(report, claim, i)) != CP_OK)
			return rc;
	for (i = 0; i < claim->ndocuments; i++)
		if ((rc = check_document(report, claim, tpl, i)) != CP_OK)
			return rc;
	return CP_OK;
}
