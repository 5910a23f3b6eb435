/*
 * verify.h - invoice verification, shared by verify.c (the transfers,
 * with libcurl) and verify_results.c (the cp_verification object, its
 * JSON file, the fields hash and cp_verify_check).  Private.
 *
 * The contract with a verification service is docs/verify.md.
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
#ifndef CP_VERIFY_H
#define CP_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "claimpack.h"
#include "manifest/claim.h"

/* The largest response body read from the service or a verify_url. */
#define CP__VERIFY_BODY_MAX (64 * 1024)
/* The largest results file cp_verification_load reads. */
#define CP__VERIFY_FILE_MAX (1024 * 1024)
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

/* "service" or "verify_url". */
const char *cp__vcheck_name(cp__vcheck check);

/* An empty set of results (NULL when out of memory). */
cp_verification *cp__verification_new(void);

/*
 * Appends a copy of `r` (NULL strings are stored as "") as the outcome of
 * `check`.  Returns CP_OK or CP_ENOMEM (`v` then stays as it was).
 */
int cp__verification_add(cp_verification *v, cp__vcheck check,
    const cp_verify_result *r);

/* The check of result `i` (which must exist). */

/* `t` (seconds since 1970, UTC) as "YYYY-MM-DDTHH:MM:SSZ" into `out`;
 * moments before 1970 or after 9999 are clamped to those years. */
void cp__verify_timestamp(char out[21], int64_t t);

/* The invoice kind of a fapiao as the service's {kind} spells it: "vat",
 * "vat-digital", "fiscal", or "unknown" when its identifiers are
 * missing or malformed. */
const char *cp__verify_kind(const cp__document *doc);

/* The last 6 characters of the document's check code into `out`, ""
 * when it has none. */
void cp__verify_check6(char out[7], const cp__document *doc);

/*
 * True when the UTF-8 text `json` of `len` bytes nests arrays and objects
 * no deeper than `max_depth`.  Strings are skipped, so brackets inside
 * them do not count.  Used before handing text to jansson, whose own
 * limit (2048) is far above anything claimpack reads.
 */
int cp__verify_json_depth_ok(const char *json, size_t len, int max_depth);

#endif
