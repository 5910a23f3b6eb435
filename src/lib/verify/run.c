/* run.c - cp_verify_run: plans a job for each fapiao's service GET and
 * verify_url fetch, runs them several at once in libcurl's multi
 * interface, retries what may pass, and collects the outcomes in
 * manifest order. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "manifest/doctype.h"
#include "util/error.h"
#include "verify/verify_int.h"

/* The multi loop wakes at least this often. */
#define POLL_MAX_MS 1000

/* ---- libcurl, once per process ---------------------------------------- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_status = CURLE_FAILED_INIT;

static void
curl_init(void)
{
	curl_init_status = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* ---- the jobs --------------------------------------------------------- */

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Starts the job's next attempt. */
static void
job_start(cp__vrun *r, cp__vjob *j)
{
	if (j->easy == NULL && (j->easy = cp__transfer_new(r, j)) == NULL) {
		cp__vjob_message(r, j, "libcurl could not set up the transfer");
		cp__vjob_finish(r, j, CP_VERIFY_UNREACHABLE);
		return;
	}
	j->body_len = 0;
	j->oversized = false;
	j->retry_after = -1;
	j->refused = false;
	j->errbuf[0] = '\0';
	j->attempts++;
	if (curl_multi_add_handle(r->multi, j->easy) != CURLM_OK) {
		cp__vjob_message(r, j, "libcurl could not start the transfer");
		cp__vjob_finish(r, j, CP_VERIFY_UNREACHABLE);
		return;
	}
	j->state = CP__VJOB_RUNNING;
	r->running++;
}

/* An attempt ended: schedule a retry, or conclude. */
static void
job_done(cp__vrun *r, cp__vjob *j, CURLcode cc)
{
	long code = 0;

	curl_multi_remove_handle(r->multi, j->easy);
	r->running--;
	if (curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &code) !=
	    CURLE_OK)
		code = 0;
	j->http_status = code;
	if (j->refused || !cp__retry_worth_it(cc, code) ||
	    j->attempts > r->set.retries) {
		cp__vjob_conclude(r, j, cc);
		/* Its connection stays in the multi handle's cache. */
		curl_easy_cleanup(j->easy);
		j->easy = NULL;
		return;
	}
	/* The wait is a time before which the job is not started again;
	 * the loop serves other transfers meanwhile.  Only an answer asks
	 * for a Retry-After. */
	j->state = CP__VJOB_WAITING;
	j->ready_at = now_ms() + cp__retry_wait_ms(j->attempts, cc ==
	    CURLE_OK ? j->retry_after : -1, r->set.retry_after_max);
}

/* Runs every job to its outcome. */
static int
run_loop(cp__vrun *r)
{
	CURLMsg *msg;
	CURLMcode mc;
	char *priv;
	cp__vjob *j;
	int64_t now, wait;
	long timeout;
	size_t i;
	int left, still;
	bool busy, waiting;

	for (;;) {
		now = now_ms();
		busy = waiting = false;
		wait = POLL_MAX_MS;
		for (i = 0; i < r->njobs; i++) {
			j = &r->jobs[i];
			if (j->state != CP__VJOB_WAITING)
				continue;
			if (j->ready_at <= now && r->running < r->set.jobs) {
				job_start(r, j);
				busy = true;
			} else {
				waiting = true;
				if (r->running < r->set.jobs &&
				    j->ready_at - now < wait)
					wait = j->ready_at - now;
			}
		}
		if (r->running == 0 && !waiting)
			return CP_OK;
		if ((mc = curl_multi_perform(r->multi, &still)) != CURLM_OK)
			return mc == CURLM_OUT_OF_MEMORY ? CP_ENOMEM : CP_EIO;
		while ((msg = curl_multi_info_read(r->multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			priv = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    &priv);
			if ((j = (cp__vjob *)(void *)priv) != NULL) {
				job_done(r, j, msg->data.result);
				busy = true;
			}
		}
		if (busy)
			continue;
		if (curl_multi_timeout(r->multi, &timeout) == CURLM_OK &&
		    timeout >= 0 && timeout < wait)
			wait = timeout;
		if (wait < 0)
			wait = 0;
		if ((mc = curl_multi_poll(r->multi, NULL, 0, (int)wait,
		    NULL)) != CURLM_OK)
			return mc == CURLM_OUT_OF_MEMORY ? CP_ENOMEM : CP_EIO;
	}
}

static void
jobs_free(cp__vrun *r)
{
	size_t i;
	cp__vjob *j;

	for (i = 0; i < r->njobs; i++) {
		j = &r->jobs[i];
		if (j->easy != NULL) {
			if (j->state == CP__VJOB_RUNNING)
				curl_multi_remove_handle(r->multi, j->easy);
			curl_easy_cleanup(j->easy);
		}
		free(j->url);
		free(j->host);
		free(j->body);
		free(j->message);
		free(j->final_url);
		free(j->amount);
		free(j->date);
		free(j->buyer);
	}
	free(r->jobs);
}

/* Plans the service's GET and the verify_url fetch of every fapiao. */
static int
jobs_plan(cp__vrun *r, cp_error *err)
{
	const cp_claim *claim = r->claim;
	const cp__document *doc;
	char why[512];
	size_t d, n = 0;
	cp__vjob *j;

	for (d = 0; d < claim->ndocuments; d++) {
		doc = &claim->documents[d];
		if (doc->type == CP__DT_FAPIAO)
			n += (doc->invoice.number != NULL) +
			    (doc->invoice.verify_url != NULL);
	}
	if ((r->jobs = calloc(n + 1, sizeof(cp__vjob))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (d = 0; d < claim->ndocuments; d++) {
		doc = &claim->documents[d];
		if (doc->type != CP__DT_FAPIAO)
			continue;
		if (doc->invoice.number != NULL) {
			j = &r->jobs[r->njobs++];
			j->doc = d;
			j->check = CP__VCHECK_SERVICE;
			if ((j->url = cp__service_url_expand(r->set.service,
			    doc)) == NULL)
				return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
			/* The template passed with empty values; a filled one
			 * differs only in its path and query. */
			if (cp__url_check(j->url, &j->host, &j->loopback_http,
			    why, sizeof(why)) != CP__URL_OK)
				return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
				    "the service URL for fapiao %s %s", doc->id,
				    why);
		}
		if (doc->invoice.verify_url != NULL) {
			j = &r->jobs[r->njobs++];
			j->doc = d;
			j->check = CP__VCHECK_VERIFY_URL;
			if ((j->url = cp__strdup(doc->invoice.verify_url)) ==
			    NULL)
				return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
			if (cp__url_check(j->url, &j->host, &j->loopback_http,
			    why, sizeof(why)) != CP__URL_OK) {
				cp__vjob_keep(r, &j->final_url, j->url);
				cp__vjob_message(r, j, "not fetched: the "
				    "verify_url %s", why);
				cp__vjob_finish(r, j, CP_VERIFY_BAD_RESPONSE);
			}
		}
	}
	return r->nomem ? cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
	    "out of memory") : CP_OK;
}

/* The results, in manifest order: each fapiao's service result, then
 * its verify_url result. */
static int
collect(cp_verification **out, const cp__vrun *r)
{
	const cp__document *doc;
	const cp__vjob *j;
	cp_verification *v;
	cp_verify_result res;
	char fields[65];
	size_t i;

	if ((v = cp__verification_new()) == NULL)
		return CP_ENOMEM;
	for (i = 0; i < r->njobs; i++) {
		j = &r->jobs[i];
		doc = &r->claim->documents[j->doc];
		if (cp_invoice_fields_sha256(fields, r->claim, doc->id) !=
		    CP_OK) {
			cp_verification_free(v);
			return CP_ENOMEM;
		}
		memset(&res, 0, sizeof(res));
		res.document = doc->id;
		res.status = j->status;
		res.host = j->host;
		res.checked_at = j->checked_at;
		res.http_status = j->http_status;
		res.body_sha256 = j->body_sha256;
		res.fields_sha256 = fields;
		res.message = j->message;
		res.final_url = j->final_url;
		res.amount = j->amount;
		res.date = j->date;
		res.buyer = j->buyer;
		if (cp__verification_add(v, j->check, &res) != CP_OK) {
			cp_verification_free(v);
			return CP_ENOMEM;
		}
	}
	*out = v;
	return CP_OK;
}

/* Everything about the service's URL is checked before anything is
 * sent: the template, and where it leads with its values left empty. */
static int
service_check(const char *service, cp_error *err)
{
	char *sample, *host = NULL, why[512];
	bool loopback;
	int rc;

	if ((rc = cp__service_url_check(service, err)) != CP_OK)
		return rc;
	if ((sample = cp__service_url_expand(service, NULL)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	rc = cp__url_check(sample, &host, &loopback, why, sizeof(why)) ==
	    CP__URL_OK ? CP_OK : cp__error_set(err, CP_EINVAL, NULL, 0, 0,
	    "the service URL %s", why);
	free(sample);
	free(host);
	return rc;
}

static int
verify_run(cp_verification **out, const cp_claim *claim,
    const cp_verify_options *opts, cp_error *err)
{
	cp__vrun r;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.claim = claim;
	if (claim == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verify_run needs a claim");
	if ((rc = cp__vsettings_make(&r.set, opts, err)) != CP_OK ||
	    (rc = service_check(r.set.service, err)) != CP_OK)
		return rc;
	if ((rc = jobs_plan(&r, err)) != CP_OK)
		goto done;
	pthread_once(&curl_once, curl_init);
	if (curl_init_status != CURLE_OK) {
		rc = cp__error_set(err, CP_EIO, NULL, 0, 0, "libcurl could not "
		    "be initialized (%s)", curl_easy_strerror(curl_init_status));
		goto done;
	}
	if ((r.multi = curl_multi_init()) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if ((rc = run_loop(&r)) != CP_OK) {
		cp__error_set(err, rc, NULL, 0, 0, rc == CP_ENOMEM ? "out of "
		    "memory" : "libcurl's multi interface failed");
		goto done;
	}
	if (r.nomem || collect(out, &r) != CP_OK)
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
done:
	jobs_free(&r);
	if (r.multi != NULL)
		curl_multi_cleanup(r.multi);
	return rc;
}

/* The claim's files are opened once for the whole call (util/infile.h). */
int
cp_verify_run(cp_verification **out, const cp_claim *claim,
    const cp_verify_options *opts, cp_error *err)
{
	cp__infiles *prev = cp__claim_files_use(claim);
	int rc = verify_run(out, claim, opts, err);

	cp__infiles_use(prev);
	return rc;
}
