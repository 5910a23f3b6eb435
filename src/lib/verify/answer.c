/* answer.c - the service's answer to a GET that got HTTP 200: a JSON
 * object whose "status" says valid, invalid or not_found, and whose
 * amount, date and buyer must agree with the manifest (docs/verify.md,
 * "The answer"). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "manifest/amount.h"
#include "manifest/date.h"
#include "manifest/name.h"
#include "verify/verify_int.h"

/* Ends the answer with `status` and a message. */
static int
verdict(cp__vanswer *a, cp_verify_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
verdict(cp__vanswer *a, cp_verify_status status, const char *fmt, ...)
{
	va_list ap;

	a->status = status;
	free(a->message);
	va_start(ap, fmt);
	a->message = cp__vsprintf(fmt, ap);
	va_end(ap);
	return a->message != NULL ? CP_OK : CP_ENOMEM;
}

/* The optional text field `key` of the answer into *out (NULL when
 * absent, null or "").  False when it is there but not text. */
static bool
answer_text(json_t *root, const char *key, const char **out)
{
	json_t *v = json_object_get(root, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	*out = json_string_value(v);
	if ((*out)[0] == '\0')
		*out = NULL;
	return true;
}

/* Copies `value` (NULL stays NULL) into *field. */
static int
keep(char **field, const char *value)
{
	if (value != NULL && (*field = cp__strdup(value)) == NULL)
		return CP_ENOMEM;
	return CP_OK;
}

/* Appends "<what> <theirs> where the manifest has <ours>". */
static void
differs(cp__strbuf *diff, const char *what, const char *theirs,
    const char *ours)
{
	cp__strbuf_printf(diff, "%s%s %s where the manifest has %s",
	    diff->len ? "; " : "", what, theirs, ours);
}

/* The verdict on a JSON object that says "valid": agreement, checked
 * field by field, or MISMATCH naming both values of each. */
static int
compare(cp__vanswer *a, const cp_claim *claim, const cp__document *doc,
    const char *host)
{
	cp__strbuf diff = CP__STRBUF_INIT;
	char ours[32], theirs[32];
	const char *why;
	int64_t fen;
	cp__date day;
	int rc;

	/* Amounts are compared as exact counts of fen, never as doubles. */
	if (a->amount != NULL) {
		if (cp__amount_parse(&fen, a->amount, &why) != 0)
			return verdict(a, CP_VERIFY_BAD_RESPONSE, "the "
			    "service's amount \"%.64s\" %s", a->amount, why);
		if (doc->has_amount && fen != doc->amount)
			differs(&diff, "amount", cp__amount_format(theirs,
			    sizeof(theirs), fen), cp__amount_format(ours,
			    sizeof(ours), doc->amount));
	}
	if (a->date != NULL) {
		if (cp__date_parse(&day, a->date, &why) != 0) {
			cp__strbuf_free(&diff);
			return verdict(a, CP_VERIFY_BAD_RESPONSE, "the "
			    "service's date \"%.64s\" %s", a->date, why);
		}
		if (doc->has_date && day != doc->date)
			differs(&diff, "date", a->date,
			    cp__date_format(ours, sizeof(ours), doc->date));
	}
	/* Without the passport name (fact-missing) the buyer is not
	 * compared, as a date or amount not given is not. */
	if (a->buyer != NULL && claim->patient_name != NULL &&
	    cp__name_is_patient(claim, a->buyer, NULL) == CP__PATIENT_MISMATCH)
		cp__strbuf_printf(&diff, "%sbuyer \"%.200s\" where the "
		    "manifest's patient is \"%.200s\"", diff.len ? "; " : "",
		    a->buyer, claim->patient_name);
	rc = CP_OK;
	if (diff.failed)
		rc = CP_ENOMEM;
	else if (diff.len > 0)
		rc = verdict(a, CP_VERIFY_MISMATCH, "the verification service "
		    "(%s) has %s", host, diff.data);
	else
		a->status = CP_VERIFY_VALID;
	cp__strbuf_free(&diff);
	return rc;
}

/* The verdict on the answer's JSON object. */
static int
judge(cp__vanswer *a, json_t *root, const cp_claim *claim,
    const cp__document *doc, const char *host)
{
	const char *status, *amount, *date, *buyer, *message;

	if (!json_is_object(root))
		return verdict(a, CP_VERIFY_BAD_RESPONSE, "the service's answer "
		    "is not a JSON object");
	if (!json_is_string(json_object_get(root, "status")))
		return verdict(a, CP_VERIFY_BAD_RESPONSE, "the service's answer "
		    "has no \"status\" text");
	status = json_string_value(json_object_get(root, "status"));
	if (!answer_text(root, "amount", &amount) ||
	    !answer_text(root, "date", &date) ||
	    !answer_text(root, "buyer", &buyer) ||
	    !answer_text(root, "message", &message))
		return verdict(a, CP_VERIFY_BAD_RESPONSE, "the service's answer "
		    "has an \"amount\", \"date\", \"buyer\" or \"message\" that "
		    "is not text");
	/* What the service said is kept even when its answer is not
	 * usable, for the reviewer. */
	if (keep(&a->amount, amount) != CP_OK || keep(&a->date, date) != CP_OK ||
	    keep(&a->buyer, buyer) != CP_OK ||
	    keep(&a->message, message) != CP_OK)
		return CP_ENOMEM;
	if (strcmp(status, "invalid") == 0)
		a->status = CP_VERIFY_INVALID;
	else if (strcmp(status, "not_found") == 0)
		a->status = CP_VERIFY_NOT_FOUND;
	else if (strcmp(status, "valid") == 0)
		return compare(a, claim, doc, host);
	else
		return verdict(a, CP_VERIFY_BAD_RESPONSE, "the service's answer "
		    "has an unknown status \"%.64s\"; expected valid, invalid "
		    "or not_found", status);
	return CP_OK;
}

int
cp__vanswer_read(cp__vanswer *out, const char *body, size_t len,
    const cp_claim *claim, const cp__document *doc, const char *host)
{
	json_error_t jerr;
	json_t *root;
	int rc;

	memset(out, 0, sizeof(*out));
	/* Never VALID by accident, when memory runs out half way. */
	out->status = CP_VERIFY_BAD_RESPONSE;
	if (!cp__json_depth_ok(body, len, CP__VERIFY_JSON_DEPTH))
		return verdict(out, CP_VERIFY_BAD_RESPONSE, "the service's "
		    "answer nests deeper than %d levels",
		    CP__VERIFY_JSON_DEPTH);
	root = json_loadb(body != NULL ? body : "", len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return verdict(out, CP_VERIFY_BAD_RESPONSE, "the service's "
		    "answer is not valid JSON (%s, line %d column %d)",
		    jerr.text, jerr.line, jerr.column);
	rc = judge(out, root, claim, doc, host);
	json_decref(root);
	return rc;
}
