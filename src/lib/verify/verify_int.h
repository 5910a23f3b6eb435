/*
 * verify_int.h - what the files of verify/ share, and nothing for other
 * folders: they reach verification through claimpack.h.
 *
 * The contract with a verification service is docs/verify.md.  The files:
 *
 *   options.c       cp_verify_options: its defaults, limits and checks
 *   url.c           which URLs may be fetched: https, plain http to this
 *                   machine only
 *   service_url.c   the service's URL template, checked and filled in
 *   fields.c        an invoice's fields as they are sent and hashed
 *                   (cp_invoice_fields_sha256)
 *   json.c          the nesting bound on JSON read from outside
 *   answer.c        the service's answer (HTTP 200) and what it means
 *   retry.c         what is retried, and the waits between attempts
 *   transfer.c      one transfer: the libcurl easy handle and callbacks
 *   outcome.c       how a transfer's end becomes a job's outcome
 *   run.c           cp_verify_run: the jobs and libcurl's multi loop
 *   results.c       the cp_verification object
 *   results_file.c  the results file, written and read back
 *   findings.c      cp_verify_check
 *   sheet.c         cp_verify_sheet, the manual sheet (offline)
 *
 * Thread safety: cp_verify_run() may run in several threads at once;
 * each run has its own libcurl handles and shares nothing else.  libcurl
 * needs curl_global_init() before any handle exists; the first run does
 * it, once per process (pthread_once), and the library never calls
 * curl_global_cleanup(): it cannot know whether the program or another
 * library still uses libcurl.  curl_global_init() is itself thread-safe
 * on libcurl 7.84 and later (curl_version_info() reports
 * CURL_VERSION_THREADSAFE); with an older libcurl, a program that calls
 * curl_global_init() in one thread while another thread starts the first
 * verification must call it itself before starting its threads.  The
 * other functions touch only the objects passed to them.
 */
#ifndef CP_VERIFY_INT_H
#define CP_VERIFY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "claimpack.h"
#include "manifest/claim.h"
#include "util/strbuf.h"

/* The largest response body read from the service or a verify_url. */
#define CP__VERIFY_BODY_MAX (64 * 1024)
/* Redirects followed for one request. */
#define CP__VERIFY_MAX_REDIRS 5
/* Nesting accepted in a service's answer and in a results file. */
#define CP__VERIFY_JSON_DEPTH 8

/* Which check a result is the outcome of.  A document has at most one
 * result of each: "service" (the GET to the verification service) and
 * "verify_url" (the fetch of the invoice's own verify_url). */
typedef enum {
	CP__VCHECK_SERVICE = 0,
	CP__VCHECK_VERIFY_URL = 1
} cp__vcheck;

/* ---- options.c -------------------------------------------------------- */

/* cp_verify_options with every default applied: each value here means
 * itself. */
typedef struct {
	const char *service;       /* the URL template, not empty */
	unsigned jobs;             /* 1..32 */
	unsigned timeout;          /* s, 1..3600 */
	unsigned connect_timeout;  /* s, 1..3600 */
	unsigned retries;          /* 0..10 */
	unsigned retry_after_max;  /* s, 0..3600; 0: Retry-After ignored */
	int64_t now;               /* s since 1970; 0: the clock */
} cp__vsettings;

/*
 * The settings `opts` stands for (claimpack.h says what each field and
 * its 0 mean).  Returns CP_OK, or CP_EINVAL (err says why) for options
 * not made with CP_VERIFY_OPTIONS_INIT, no service or a value out of
 * range.
 */
int cp__vsettings_make(cp__vsettings *out, const cp_verify_options *opts,
    cp_error *err);

/* ---- url.c ------------------------------------------------------------ */

typedef enum {
	CP__URL_OK = 0,
	CP__URL_BAD,          /* not a URL, or not http(s) */
	CP__URL_PLAIN_HTTP    /* plain http to a host that is not loopback */
} cp__url_verdict;

/*
 * Checks that `url` is https, or http to a loopback host.  Sets *host
 * (caller frees; NULL when the URL has none) and *loopback_http, and
 * writes the reason for a verdict other than CP__URL_OK into `why`.
 */
cp__url_verdict cp__url_check(const char *url, char **host,
    bool *loopback_http, char *why, size_t why_size);

/* True when the address libcurl is about to connect to is this
 * machine's: 127.0.0.0/8, ::1 or ::ffff:127.0.0.0/104. */
bool cp__url_sockaddr_is_loopback(const struct curl_sockaddr *a);

/* ---- service_url.c ---------------------------------------------------- */

/*
 * Checks the service's URL template: its braces, its placeholder names,
 * and that no placeholder stands before the path (the scheme and host
 * must be fixed, so that they can be checked before anything is sent).
 * Returns CP_OK or CP_EINVAL (err names the fault).
 */
int cp__service_url_check(const char *tpl, cp_error *err);

/* The checked template `tpl` with each placeholder replaced by the
 * document's value, percent-encoded (by "" when `doc` is NULL).  NULL
 * when out of memory; the caller frees. */
char *cp__service_url_expand(const char *tpl, const cp__document *doc);

/* ---- fields.c --------------------------------------------------------- */

/* The fields of a fapiao that verification sends and hashes, as text;
 * "" where the manifest has none. */
typedef struct {
	const char *kind;     /* "vat", "vat-digital", "fiscal", "unknown" */
	const char *code;
	const char *number;
	char date[16];        /* YYYY-MM-DD */
	char amount[32];      /* two decimals */
	const char *check_code;
	char check6[7];       /* the check code's last 6 characters */
} cp__vfields;

/* The fields of `doc`; the pointers are into `doc`, or static. */
void cp__vfields_make(cp__vfields *out, const cp__document *doc);

/* Appends `s` percent-encoded: the RFC 3986 unreserved characters
 * A-Z a-z 0-9 - . _ ~ as they are, every other byte as %XX. */
void cp__vfields_encode(cp__strbuf *sb, const char *s);

/* ---- json.c ----------------------------------------------------------- */

/*
 * True when the UTF-8 text `json` of `len` bytes nests arrays and objects
 * no deeper than `max_depth`.  Strings are skipped, so brackets inside
 * them do not count.  Used before handing text to jansson, whose own
 * limit (2048) is far above anything claimpack reads.
 */
bool cp__json_depth_ok(const char *json, size_t len, int max_depth);

/* ---- answer.c --------------------------------------------------------- */

/* What a service's answer says about an invoice. */
typedef struct {
	cp_verify_status status;  /* VALID, INVALID, NOT_FOUND, MISMATCH or
	                             BAD_RESPONSE */
	char *message;            /* the service's message, what disagrees,
	                             or why the answer is not the contract's */
	char *amount;             /* as the service gave them; NULL when the */
	char *date;               /* answer did not get that far or lacks */
	char *buyer;              /* them */
} cp__vanswer;

/*
 * Reads the answer `body` (`len` bytes, with HTTP 200) of the service at
 * `host` about fapiao `doc` of `claim`, and compares it with the
 * manifest.  Returns CP_OK, or CP_ENOMEM when some text could not be
 * stored; either way the strings in *out are the caller's to free.
 */
int cp__vanswer_read(cp__vanswer *out, const char *body, size_t len,
    const cp_claim *claim, const cp__document *doc, const char *host);

/* ---- retry.c ---------------------------------------------------------- */

/* True when an attempt that ended with `cc` and HTTP `code` may pass
 * when tried again: a timeout, a connection that broke, 5xx or 429. */
bool cp__retry_worth_it(CURLcode cc, long code);

/* Seconds to wait from a Retry-After header value of `len` bytes (a
 * number of seconds or an HTTP-date); -1 when it is neither. */
long cp__retry_after_parse(const char *v, size_t len);

/* Milliseconds to wait before the attempt after attempt number
 * `attempts`: the backoff, or `retry_after` seconds (-1: none) capped at
 * `cap` seconds when the answer asked for it and `cap` is not 0. */
int64_t cp__retry_wait_ms(unsigned attempts, long retry_after, unsigned cap);

/* ---- the jobs of a run: transfer.c, outcome.c, run.c ------------------ */

typedef enum {
	CP__VJOB_WAITING,   /* to be started at ready_at */
	CP__VJOB_RUNNING,   /* in the multi handle */
	CP__VJOB_DONE       /* the outcome is known */
} cp__vjob_state;

/* One check of one fapiao: the service's GET, or its verify_url. */
typedef struct {
	size_t doc;                 /* index into claim->documents */
	cp__vcheck check;
	char *url;
	char *host;
	bool loopback_http;
	cp__vjob_state state;
	int64_t ready_at;           /* monotonic milliseconds */
	unsigned attempts;          /* attempts started */
	CURL *easy;
	/* The current attempt. */
	char *body;
	size_t body_len;
	size_t body_cap;
	bool oversized;             /* the body passed CP__VERIFY_BODY_MAX */
	bool nomem;                 /* the body could not be stored */
	long retry_after;           /* seconds; -1 when not given */
	bool refused;               /* plain http to another machine */
	char refused_url[256];
	char errbuf[CURL_ERROR_SIZE];
	/* The outcome. */
	cp_verify_status status;
	long http_status;
	char checked_at[21];
	char body_sha256[65];
	char *message;
	char *final_url;
	char *amount;
	char *date;
	char *buyer;
} cp__vjob;

/* A run of cp_verify_run. */
typedef struct {
	const cp_claim *claim;
	cp__vsettings set;
	CURLM *multi;
	cp__vjob *jobs;
	size_t njobs;
	size_t running;
	bool nomem;                 /* some outcome could not be stored */
} cp__vrun;

/* transfer.c: a libcurl easy handle for `j`'s transfers (its callbacks
 * fill the job's current attempt), or NULL. */
CURL *cp__transfer_new(const cp__vrun *r, cp__vjob *j);

/* outcome.c: sets the job's message (replacing one set before). */
void cp__vjob_message(cp__vrun *r, cp__vjob *j, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* outcome.c: replaces *field with a copy of `value` (NULL: ""). */
void cp__vjob_keep(cp__vrun *r, char **field, const char *value);

/* outcome.c: ends the job with `status`, stamped with the settings' now
 * or the time now. */
void cp__vjob_finish(cp__vrun *r, cp__vjob *j, cp_verify_status status);

/* outcome.c: ends the job with the outcome of its last attempt, which
 * ended with `cc` and will not be retried. */
void cp__vjob_conclude(cp__vrun *r, cp__vjob *j, CURLcode cc);

/* ---- results.c -------------------------------------------------------- */

/* An empty set of results (NULL when out of memory). */
cp_verification *cp__verification_new(void);

/*
 * Appends a copy of `r` (NULL strings are stored as "") as the outcome of
 * `check`.  Text is copied clean: at most 2048 bytes, bytes that are not
 * UTF-8 as '?', control characters as ' '.  Returns CP_OK or CP_ENOMEM
 * (`v` then stays as it was).
 */
int cp__verification_add(cp_verification *v, cp__vcheck check,
    const cp_verify_result *r);

/* The check that result `i` (< cp_verification_count) is the outcome of. */
cp__vcheck cp__verification_check(const cp_verification *v, size_t i);

/* The result of `check` for `document`, or NULL. */
const cp_verify_result *cp__verification_find_check(
    const cp_verification *v, const char *document, cp__vcheck check);

/* Sets *out to the status named `name` ("valid" ... as
 * cp_verify_status_name gives them); -1 for an unknown name. */
int cp__verify_status_parse(cp_verify_status *out, const char *name);

#endif
