/* phrase.c - what the cover, the index and the build summary say the
 * same way (see phrase.h). */
#include <stdio.h>
#include <string.h>

#include "bundle/phrase.h"
#include "bundle/render.h"
#include "manifest/date.h"

char *
cp__count(char *buf, size_t size, size_t n, const char *one,
    const char *many)
{
	char digits[32], grouped[48];
	size_t len, i, g = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	snprintf(buf, size, "%s %s", grouped, n == 1 ? one : many);
	return buf;
}

const char *
cp__episode_kind_en(cp__episode_kind kind)
{
	return kind == CP__EPISODE_INPATIENT ? "Inpatient" :
	    kind == CP__EPISODE_EMERGENCY ? "Emergency" : "Outpatient";
}

const char *
cp__episode_kind_zh(cp__episode_kind kind)
{
	return kind == CP__EPISODE_INPATIENT ? "住院" :
	    kind == CP__EPISODE_EMERGENCY ? "急诊" : "门诊";
}

char *
cp__episode_dates(char *buf, size_t size, const cp__episode *ep)
{
	char a[32], b[32];

	if (ep->has_start)
		cp__date_format(a, sizeof(a), ep->start);
	else
		snprintf(a, sizeof(a), "%s", CP__NOT_GIVEN);
	if (ep->has_end)
		cp__date_format(b, sizeof(b), ep->end);
	if (ep->has_end && (!ep->has_start || ep->end != ep->start))
		snprintf(buf, size, "%s to %s", a, b);
	else
		snprintf(buf, size, "%s", a);
	return buf;
}

char *
cp__finding_subject(char *buf, size_t size, const cp__plan *plan,
    const cp_finding *fd)
{
	const cp_claim *claim = plan->claim;
	const cp__episode *ep;
	char dates[80];
	size_t i;

	if (fd->document == NULL || fd->document[0] == '\0') {
		snprintf(buf, size, "The claim 整体");
		return buf;
	}
	for (i = 0; i < plan->ndocs; i++)
		if (strcmp(cp__plan_document(plan, i)->id, fd->document) == 0) {
			snprintf(buf, size, "#%zu %s", plan->docs[i].number,
			    cp__plan_doc_label(plan, i));
			return buf;
		}
	for (i = 0; i < claim->nepisodes; i++) {
		ep = &claim->episodes[i];
		if (strcmp(ep->id, fd->document) != 0)
			continue;
		/* Kind and dates first: they tell it apart on the cover's
		 * list of episodes, however long the hospital's name. */
		snprintf(buf, size, "%s %s: %s", cp__episode_kind_en(ep->kind),
		    cp__episode_dates(dates, sizeof(dates), ep),
		    ep->hospital != NULL ? ep->hospital : ep->id);
		return buf;
	}
	snprintf(buf, size, "%s", fd->document);
	return buf;
}

bool
cp__verified_phrase(char *buf, size_t size, const cp_verification *v,
    const cp_claim *claim, const cp__document *doc, bool *good,
    bool *stale)
{
	const cp_verify_result *r;
	char hex[65], when[24];

	*good = *stale = false;
	if (v == NULL || (r = cp_verification_find(v, doc->id)) == NULL ||
	    cp_invoice_fields_sha256(hex, claim, doc->id) != CP_OK)
		return false;
	if (strcmp(hex, r->fields_sha256) != 0) {
		*stale = true;
		return false;
	}
	/* "2026-11-26T08:12:00Z" -> "2026-11-26 08:12 UTC" */
	snprintf(when, sizeof(when), "%.10s %.5s UTC", r->checked_at,
	    strlen(r->checked_at) >= 16 ? r->checked_at + 11 : "");
	*good = r->status == CP_VERIFY_VALID;
	snprintf(buf, size, "%s %s · %s · via %s",
	    *good ? "verified" : "checked:", cp_verify_status_name(r->status),
	    when, r->host);
	return true;
}
