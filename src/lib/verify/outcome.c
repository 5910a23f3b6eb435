/* outcome.c - a job's outcome: how the end of its last attempt becomes a
 * status and a message (docs/verify.md, "How an answer becomes a
 * status"), stamped with the moment it was known. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "manifest/date.h"
#include "util/sha256.h"
#include "verify/verify_int.h"

void
cp__vjob_message(cp__vrun *r, cp__vjob *j, const char *fmt, ...)
{
	va_list ap;

	free(j->message);
	va_start(ap, fmt);
	j->message = cp__vsprintf(fmt, ap);
	va_end(ap);
	if (j->message == NULL)
		r->nomem = true;
}

void
cp__vjob_keep(cp__vrun *r, char **field, const char *value)
{
	free(*field);
	if ((*field = cp__strdup(value != NULL ? value : "")) == NULL)
		r->nomem = true;
}

/* `t` (seconds since 1970, UTC) as "YYYY-MM-DDTHH:MM:SSZ"; moments
 * before 1970 or after 9999 are clamped to those years, so that the
 * text always has this shape. */
static void
timestamp(char out[21], int64_t t)
{
	const int64_t last = INT64_C(253402300799);  /* 9999-12-31T23:59:59Z */
	int secs;

	if (t < 0)
		t = 0;
	if (t > last)
		t = last;
	secs = (int)(t % 86400);
	cp__date_format(out, 11, (cp__date)(t / 86400));
	snprintf(out + 10, 11, "T%02d:%02d:%02dZ", secs / 3600 % 24,
	    secs / 60 % 60, secs % 60);
}

void
cp__vjob_finish(cp__vrun *r, cp__vjob *j, cp_verify_status status)
{
	j->status = status;
	j->state = CP__VJOB_DONE;
	timestamp(j->checked_at, r->set.now != 0 ? r->set.now :
	    (int64_t)time(NULL));
	free(j->body);
	j->body = NULL;
	j->body_len = j->body_cap = 0;
}

/* Why a transfer failed: libcurl's error buffer, else its code's text. */
static const char *
curl_reason(const cp__vjob *j, CURLcode cc)
{
	return j->errbuf[0] ? j->errbuf : curl_easy_strerror(cc);
}

/* " after 3 attempts", or "" after one. */
static const char *
attempts_text(char *buf, size_t size, const cp__vjob *j)
{
	if (j->attempts <= 1)
		buf[0] = '\0';
	else
		snprintf(buf, size, " after %u attempts", j->attempts);
	return buf;
}

/* Ends a service job with what its answer (HTTP 200) says. */
static void
take_answer(cp__vrun *r, cp__vjob *j)
{
	cp__vanswer a;

	if (cp__vanswer_read(&a, j->body, j->body_len, r->claim,
	    &r->claim->documents[j->doc], j->host) != CP_OK)
		r->nomem = true;
	free(j->message);
	free(j->amount);
	free(j->date);
	free(j->buyer);
	j->message = a.message;
	j->amount = a.amount;
	j->date = a.date;
	j->buyer = a.buyer;
	cp__vjob_finish(r, j, a.status);
}

void
cp__vjob_conclude(cp__vrun *r, cp__vjob *j, CURLcode cc)
{
	char *eff = NULL, more[32];
	bool fetch = j->check == CP__VCHECK_VERIFY_URL;
	bool complete = cc == CURLE_OK;

	if (j->nomem)
		r->nomem = true;
	if (curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &eff) !=
	    CURLE_OK || eff == NULL)
		eff = j->url;
	if (fetch)
		cp__vjob_keep(r, &j->final_url, eff);
	/* A body is hashed only when it arrived whole. */
	if (complete)
		cp__sha256_hex(j->body_sha256, j->body ? j->body : "",
		    j->body_len);
	attempts_text(more, sizeof(more), j);
	if (j->refused) {
		cp__vjob_message(r, j, "%sredirected to plain http at %s; "
		    "plain http is allowed only to this machine", fetch ?
		    "not fetched: " : "the service ", j->refused_url);
		cp__vjob_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else if (cc == CURLE_TOO_MANY_REDIRECTS) {
		cp__vjob_message(r, j, "too many redirects (more than %d), "
		    "the last to %s", CP__VERIFY_MAX_REDIRS, eff);
		cp__vjob_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else if ((cc == CURLE_WRITE_ERROR && j->oversized) ||
	    cc == CURLE_FILESIZE_EXCEEDED) {
		if (fetch) {
			cp__vjob_message(r, j, "HTTP %ld; the page is larger "
			    "than 64 KiB and was not read whole",
			    j->http_status);
			cp__vjob_finish(r, j, CP_VERIFY_FETCHED);
		} else {
			cp__vjob_message(r, j, "the service's answer is larger "
			    "than 64 KiB");
			cp__vjob_finish(r, j, CP_VERIFY_BAD_RESPONSE);
		}
	} else if (cc == CURLE_UNSUPPORTED_PROTOCOL) {
		cp__vjob_message(r, j, "redirected to a URL that is neither "
		    "http nor https (%s)", curl_reason(j, cc));
		cp__vjob_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else if (cc == CURLE_OPERATION_TIMEDOUT) {
		cp__vjob_message(r, j, "no answer from %s within %u s%s (%s)",
		    j->host, r->set.timeout, more, curl_reason(j, cc));
		cp__vjob_finish(r, j, CP_VERIFY_UNREACHABLE);
	} else if (cc != CURLE_OK) {
		cp__vjob_message(r, j, "%s could not be reached%s: %s", j->host,
		    more, curl_reason(j, cc));
		cp__vjob_finish(r, j, CP_VERIFY_UNREACHABLE);
	} else if (fetch) {
		cp__vjob_message(r, j, "HTTP %ld", j->http_status);
		cp__vjob_finish(r, j, CP_VERIFY_FETCHED);
	} else if (j->http_status != 200) {
		cp__vjob_message(r, j, "the service answered HTTP %ld%s; "
		    "expected 200", j->http_status, more);
		cp__vjob_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else {
		take_answer(r, j);
	}
}
