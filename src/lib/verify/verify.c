/* verify.c - asks a verification service about each fapiao and fetches
 * each invoice's verify_url, several transfers at once with libcurl's
 * multi interface.  The contract is docs/verify.md. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "manifest/amount.h"
#include "manifest/date.h"
#include "manifest/doctype.h"
#include "manifest/name.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "verify/verify.h"

#define JOBS_MAX 32
#define RETRIES_MAX 10
/* The first retry waits this long, each next one twice as long, up to
 * BACKOFF_MAX_MS. */
#define BACKOFF_FIRST_MS 500
#define BACKOFF_MAX_MS 8000
/* The multi loop wakes at least this often. */
#define POLL_MAX_MS 1000

static const char *const placeholders[] = {
	"kind", "code", "number", "date", "amount", "check6"
};

#define NPLACEHOLDERS (sizeof(placeholders) / sizeof(placeholders[0]))

/* ---- libcurl, once per process ---------------------------------------- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_status = CURLE_FAILED_INIT;

static void
curl_init(void)
{
	curl_init_status = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* ---- URLs ------------------------------------------------------------- */

/* True for "localhost", 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104.
 * `host` is as curl's URL parser gives it (IPv6 in brackets, IPv4 in
 * dotted decimal). */
static bool
host_is_loopback(const char *host)
{
	unsigned char a4[4], a6[16];
	char buf[64];
	size_t len = strlen(host);

	if (strcasecmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, a4) == 1)
		return a4[0] == 127;
	if (len < 2 || len - 2 >= sizeof(buf) || host[0] != '[' ||
	    host[len - 1] != ']')
		return false;
	memcpy(buf, host + 1, len - 2);
	buf[len - 2] = '\0';
	if (inet_pton(AF_INET6, buf, a6) != 1)
		return false;
	if (memcmp(a6, &in6addr_loopback, 16) == 0)
		return true;
	return memcmp(a6, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0 &&
	    a6[12] == 127;
}

static bool
sockaddr_is_loopback(const struct curl_sockaddr *a)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	const unsigned char *b;

	if (a->family == AF_INET && a->addrlen >= sizeof(in4)) {
		memcpy(&in4, &a->addr, sizeof(in4));
		return (ntohl(in4.sin_addr.s_addr) >> 24) == 127;
	}
	if (a->family == AF_INET6 && a->addrlen >= sizeof(in6)) {
		memcpy(&in6, &a->addr, sizeof(in6));
		b = in6.sin6_addr.s6_addr;
		if (memcmp(b, &in6addr_loopback, 16) == 0)
			return true;
		return memcmp(b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0 &&
		    b[12] == 127;
	}
	return false;
}

typedef enum {
	URL_OK = 0,
	URL_BAD,          /* not a URL, or not http(s) */
	URL_PLAIN_HTTP    /* plain http to a host that is not loopback */
} url_verdict;

/*
 * Checks that `url` is https, or http to a loopback host.  Sets *host
 * (caller frees; NULL when the URL has none) and *loopback_http, and
 * writes the reason for a verdict other than URL_OK into `why`.
 */
static url_verdict
url_check(const char *url, char **host, bool *loopback_http, char *why,
    size_t why_size)
{
	CURLU *u;
	CURLUcode uc;
	char *scheme = NULL, *h = NULL;
	url_verdict verdict = URL_BAD;

	*host = NULL;
	*loopback_http = false;
	if ((u = curl_url()) == NULL) {
		snprintf(why, why_size, "out of memory");
		return URL_BAD;
	}
	if ((uc = curl_url_set(u, CURLUPART_URL, url,
	    CURLU_NON_SUPPORT_SCHEME)) != CURLUE_OK) {
		snprintf(why, why_size, "is not a valid URL (%s)",
		    curl_url_strerror(uc));
		goto done;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
		snprintf(why, why_size, "is not an http or https URL");
		goto done;
	}
	if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK ||
	    h[0] == '\0') {
		snprintf(why, why_size, "has no host");
		goto done;
	}
	if ((*host = cp__strdup(h)) == NULL) {
		snprintf(why, why_size, "out of memory");
		goto done;
	}
	if (strcmp(scheme, "http") == 0) {
		if (!host_is_loopback(h)) {
			snprintf(why, why_size, "uses plain http to %.200s; "
			    "plain http is allowed only to this machine "
			    "(localhost, 127.0.0.0/8, ::1): use https", h);
			verdict = URL_PLAIN_HTTP;
			goto done;
		}
		*loopback_http = true;
	}
	verdict = URL_OK;
done:
	curl_free(scheme);
	curl_free(h);
	curl_url_cleanup(u);
	return verdict;
}

/* ---- the service's URL template --------------------------------------- */

static int
placeholder_index(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NPLACEHOLDERS; i++)
		if (strlen(placeholders[i]) == len &&
		    memcmp(placeholders[i], name, len) == 0)
			return (int)i;
	return -1;
}

/*
 * Checks the template's braces and placeholder names, and that no
 * placeholder stands before the path (the scheme and host must be
 * fixed, so that they can be checked before anything is sent).
 */
static int
template_check(const char *tpl, cp_error *err)
{
	const char *p, *close, *authority, *path;

	authority = strstr(tpl, "://");
	path = authority != NULL ? strpbrk(authority + 3, "/?#") : NULL;
	for (p = tpl; *p; p++) {
		if (*p == '}')
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has a '}' without '{' at \"%.32s\"", p);
		if (*p != '{')
			continue;
		if ((close = strpbrk(p + 1, "{}")) == NULL || *close == '{')
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has an unterminated brace at \"%.32s\"",
			    p);
		if (placeholder_index(p + 1, (size_t)(close - p - 1)) < 0)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has an unknown placeholder {%.*s}; the "
			    "placeholders are {kind} {code} {number} {date} "
			    "{amount} {check6}", (int)(close - p - 1 > 64 ? 64 :
			    close - p - 1), p + 1);
		if (path == NULL || p < path)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has the placeholder %.*s before its "
			    "path; placeholders may stand only in the path and "
			    "the query", (int)(close - p + 1), p);
		p = close;
	}
	return CP_OK;
}

/* Appends `s` percent-encoded: RFC 3986 unreserved characters kept. */
static void
add_encoded(cp__strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char esc[3];

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			cp__strbuf_add(sb, (const char *)p, 1);
		} else {
			esc[0] = '%';
			esc[1] = hex[*p >> 4];
			esc[2] = hex[*p & 15];
			cp__strbuf_add(sb, esc, 3);
		}
	}
}

/* The template with each placeholder replaced by the document's value
 * (or by "" when `doc` is NULL).  NULL when out of memory. */
static char *
template_expand(const char *tpl, const cp__document *doc)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const char *p = tpl, *open, *close;
	char date[16] = "", amount[32] = "", check6[7] = "";
	const char *value;

	if (doc != NULL) {
		if (doc->has_date)
			cp__date_format(date, sizeof(date), doc->date);
		if (doc->has_amount)
			cp__amount_format(amount, sizeof(amount), doc->amount);
		cp__verify_check6(check6, doc);
	}
	/* template_check() has run: every brace pair is a placeholder. */
	while ((open = strchr(p, '{')) != NULL &&
	    (close = strchr(open, '}')) != NULL) {
		cp__strbuf_add(&sb, p, (size_t)(open - p));
		value = "";
		if (doc != NULL) {
			switch (placeholder_index(open + 1,
			    (size_t)(close - open - 1))) {
			case 0: value = cp__verify_kind(doc); break;
			case 1: value = doc->invoice.code; break;
			case 2: value = doc->invoice.number; break;
			case 3: value = date; break;
			case 4: value = amount; break;
			case 5: value = check6; break;
			}
		}
		add_encoded(&sb, value != NULL ? value : "");
		p = close + 1;
	}
	cp__strbuf_puts(&sb, p);
	if (sb.data == NULL && !sb.failed)
		return cp__strdup("");
	return cp__strbuf_detach(&sb);
}

/* ---- transfers -------------------------------------------------------- */

typedef enum {
	JOB_WAITING,   /* to be started at ready_at */
	JOB_RUNNING,   /* in the multi handle */
	JOB_DONE       /* the outcome is known */
} job_state;

typedef struct {
	size_t doc;                 /* index into claim->documents */
	cp__vcheck check;
	char *url;
	char *host;
	bool loopback_http;
	job_state state;
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
} job;

typedef struct {
	const cp_claim *claim;
	cp_verify_options opts;     /* with defaults filled in */
	CURLM *multi;
	job *jobs;
	size_t njobs;
	size_t running;
	bool nomem;
} run;

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sets the job's message (replacing one set before). */
static void
job_message(run *r, job *j, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
job_message(run *r, job *j, const char *fmt, ...)
{
	va_list ap;

	free(j->message);
	va_start(ap, fmt);
	j->message = cp__vsprintf(fmt, ap);
	va_end(ap);
	if (j->message == NULL)
		r->nomem = true;
}

static void
job_keep(run *r, char **field, const char *value)
{
	free(*field);
	if ((*field = cp__strdup(value != NULL ? value : "")) == NULL)
		r->nomem = true;
}

/* Ends the job with `status`, stamped with opts.now or the time now. */
static void
job_finish(run *r, job *j, cp_verify_status status)
{
	j->status = status;
	j->state = JOB_DONE;
	cp__verify_timestamp(j->checked_at, r->opts.now != 0 ? r->opts.now :
	    (int64_t)time(NULL));
	free(j->body);
	j->body = NULL;
	j->body_len = j->body_cap = 0;
}

static size_t
on_body(char *data, size_t size, size_t n, void *ud)
{
	job *j = ud;
	size_t len = size * n, cap;
	char *p;

	if (len > CP__VERIFY_BODY_MAX - j->body_len) {
		/* Returning less than `len` ends the transfer. */
		j->oversized = true;
		return 0;
	}
	if (j->body_len + len > j->body_cap) {
		cap = j->body_cap ? j->body_cap : 4096;
		while (cap < j->body_len + len)
			cap *= 2;
		if (cap > CP__VERIFY_BODY_MAX)
			cap = CP__VERIFY_BODY_MAX;
		if ((p = realloc(j->body, cap)) == NULL) {
			j->nomem = true;
			return 0;
		}
		j->body = p;
		j->body_cap = cap;
	}
	memcpy(j->body + j->body_len, data, len);
	j->body_len += len;
	return len;
}

/* Seconds to wait from a Retry-After value: a number of seconds or an
 * HTTP-date; -1 when it is neither. */
static long
parse_retry_after(const char *v, size_t len)
{
	char buf[128];
	long secs = 0;
	time_t when;
	size_t i;

	while (len > 0 && (*v == ' ' || *v == '\t'))
		v++, len--;
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return -1;
	for (i = 0; i < len && v[i] >= '0' && v[i] <= '9'; i++)
		if (secs < 86400)
			secs = secs * 10 + (v[i] - '0');
	if (i == len)
		return secs;
	memcpy(buf, v, len);
	buf[len] = '\0';
	if ((when = curl_getdate(buf, NULL)) == -1)
		return -1;
	return when <= time(NULL) ? 0 : (long)(when - time(NULL));
}

static size_t
on_header(char *data, size_t size, size_t n, void *ud)
{
	static const char key[] = "retry-after:";
	job *j = ud;
	size_t len = size * n;

	/* A status line starts a new response (after a redirect): only the
	 * last response's body and headers count. */
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		j->body_len = 0;
		j->oversized = false;
		j->retry_after = -1;
	} else if (len >= sizeof(key) - 1 &&
	    strncasecmp(data, key, sizeof(key) - 1) == 0) {
		j->retry_after = parse_retry_after(data + sizeof(key) - 1,
		    len - (sizeof(key) - 1));
	}
	return len;
}

/*
 * Opens each connection's socket, after refusing plain http to an
 * address that is not this machine's: the check before the run covers
 * the URLs claimpack builds, this one also covers redirects, and it
 * looks at the address actually connected to.
 */
static curl_socket_t
on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
	job *j = ud;
	char *url = NULL;
	int fd;

	if (purpose == CURLSOCKTYPE_IPCXN &&
	    curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &url) ==
	    CURLE_OK && url != NULL && strncasecmp(url, "http:", 5) == 0 &&
	    !sockaddr_is_loopback(a)) {
		j->refused = true;
		snprintf(j->refused_url, sizeof(j->refused_url), "%s", url);
		return CURL_SOCKET_BAD;
	}
	if ((fd = socket(a->family, a->socktype, a->protocol)) < 0)
		return CURL_SOCKET_BAD;
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

#define SET(opt, val) do { \
	if (curl_easy_setopt(e, opt, val) != CURLE_OK) \
		goto fail; \
} while (0)

/* A configured easy handle for the job, or NULL. */
static CURL *
job_easy(run *r, job *j)
{
	CURL *e;

	if ((e = curl_easy_init()) == NULL)
		return NULL;
	SET(CURLOPT_PRIVATE, (void *)j);
	SET(CURLOPT_URL, j->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	SET(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)CP__VERIFY_MAX_REDIRS);
	SET(CURLOPT_CONNECTTIMEOUT, (long)r->opts.connect_timeout);
	SET(CURLOPT_TIMEOUT, (long)r->opts.timeout);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_USERAGENT, "claimpack/" CP_VERSION);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)CP__VERIFY_BODY_MAX);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, (void *)j);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, (void *)j);
	SET(CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	SET(CURLOPT_OPENSOCKETDATA, (void *)j);
	SET(CURLOPT_ERRORBUFFER, j->errbuf);
	/* Plain http to this machine goes straight there, never through a
	 * proxy the environment names, which could be elsewhere. */
	if (j->loopback_http)
		SET(CURLOPT_NOPROXY, "*");
	return e;
fail:
	curl_easy_cleanup(e);
	return NULL;
}

#undef SET

/* Starts the job's next attempt. */
static void
job_start(run *r, job *j)
{
	if (j->easy == NULL && (j->easy = job_easy(r, j)) == NULL) {
		job_message(r, j, "libcurl could not set up the transfer");
		job_finish(r, j, CP_VERIFY_UNREACHABLE);
		return;
	}
	j->body_len = 0;
	j->oversized = false;
	j->retry_after = -1;
	j->refused = false;
	j->errbuf[0] = '\0';
	j->attempts++;
	if (curl_multi_add_handle(r->multi, j->easy) != CURLM_OK) {
		job_message(r, j, "libcurl could not start the transfer");
		job_finish(r, j, CP_VERIFY_UNREACHABLE);
		return;
	}
	j->state = JOB_RUNNING;
	r->running++;
}

/* Why a transfer failed: libcurl's error buffer, else its code's text. */
static const char *
curl_reason(const job *j, CURLcode cc)
{
	return j->errbuf[0] ? j->errbuf : curl_easy_strerror(cc);
}

/* " after 3 attempts", or "" after one. */
static const char *
attempts_text(char *buf, size_t size, const job *j)
{
	if (j->attempts <= 1)
		buf[0] = '\0';
	else
		snprintf(buf, size, " after %u attempts", j->attempts);
	return buf;
}

/* The optional text field `key` of the service's answer into *out
 * (NULL when absent or null).  False when it is there but not text. */
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

/* Reads the service's answer (HTTP 200) and ends the job with it. */
static void
service_answer(run *r, job *j)
{
	const cp__document *doc = &r->claim->documents[j->doc];
	const char *status, *amount, *date, *buyer, *message, *why;
	cp__strbuf diff = CP__STRBUF_INIT;
	char ours[32], theirs[32];
	json_error_t jerr;
	json_t *root = NULL;
	int64_t fen;
	cp__date day;

	if (!cp__verify_json_depth_ok(j->body, j->body_len,
	    CP__VERIFY_JSON_DEPTH)) {
		job_message(r, j, "the service's answer nests deeper than %d "
		    "levels", CP__VERIFY_JSON_DEPTH);
		goto bad;
	}
	root = json_loadb(j->body ? j->body : "", j->body_len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		job_message(r, j, "the service's answer is not valid JSON (%s, "
		    "line %d column %d)", jerr.text, jerr.line, jerr.column);
		goto bad;
	}
	if (!json_is_object(root)) {
		job_message(r, j, "the service's answer is not a JSON object");
		goto bad;
	}
	if (!json_is_string(json_object_get(root, "status"))) {
		job_message(r, j, "the service's answer has no \"status\" text");
		goto bad;
	}
	status = json_string_value(json_object_get(root, "status"));
	if (!answer_text(root, "amount", &amount) ||
	    !answer_text(root, "date", &date) ||
	    !answer_text(root, "buyer", &buyer) ||
	    !answer_text(root, "message", &message)) {
		job_message(r, j, "the service's answer has an \"amount\", "
		    "\"date\", \"buyer\" or \"message\" that is not text");
		goto bad;
	}
	job_keep(r, &j->amount, amount);
	job_keep(r, &j->date, date);
	job_keep(r, &j->buyer, buyer);
	job_keep(r, &j->message, message);
	if (strcmp(status, "invalid") == 0) {
		job_finish(r, j, CP_VERIFY_INVALID);
		goto done;
	}
	if (strcmp(status, "not_found") == 0) {
		job_finish(r, j, CP_VERIFY_NOT_FOUND);
		goto done;
	}
	if (strcmp(status, "valid") != 0) {
		job_message(r, j, "the service's answer has an unknown status "
		    "\"%.64s\"; expected valid, invalid or not_found", status);
		goto bad;
	}
	/* Amounts are compared as exact counts of fen, never as doubles. */
	if (amount != NULL) {
		if (cp__amount_parse(&fen, amount, &why) != 0) {
			job_message(r, j, "the service's amount \"%.64s\" %s",
			    amount, why);
			goto bad;
		}
		if (doc->has_amount && fen != doc->amount)
			cp__strbuf_printf(&diff, "%samount %s where the "
			    "manifest has %s", diff.len ? "; " : "",
			    cp__amount_format(theirs, sizeof(theirs), fen),
			    cp__amount_format(ours, sizeof(ours), doc->amount));
	}
	if (date != NULL) {
		if (cp__date_parse(&day, date, &why) != 0) {
			job_message(r, j, "the service's date \"%.64s\" %s",
			    date, why);
			goto bad;
		}
		if (doc->has_date && day != doc->date)
			cp__strbuf_printf(&diff, "%sdate %s where the manifest "
			    "has %s", diff.len ? "; " : "", date,
			    cp__date_format(ours, sizeof(ours), doc->date));
	}
	if (buyer != NULL && cp__name_is_patient(r->claim, buyer, NULL) ==
	    CP__PATIENT_MISMATCH)
		cp__strbuf_printf(&diff, "%sbuyer \"%.200s\" where the "
		    "manifest's patient is \"%.200s\"", diff.len ? "; " : "",
		    buyer, r->claim->patient_name);
	if (diff.failed) {
		r->nomem = true;
	} else if (diff.len > 0) {
		job_message(r, j, "the verification service (%s) has %s",
		    j->host, diff.data);
		job_finish(r, j, CP_VERIFY_MISMATCH);
		goto done;
	}
	job_finish(r, j, CP_VERIFY_VALID);
	goto done;
bad:
	job_finish(r, j, CP_VERIFY_BAD_RESPONSE);
done:
	cp__strbuf_free(&diff);
	json_decref(root);
}

/* The outcome of an attempt that will not be retried. */
static void
job_conclude(run *r, job *j, CURLcode cc)
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
		job_keep(r, &j->final_url, eff);
	/* A body is hashed only when it arrived whole. */
	if (complete)
		cp__sha256_hex(j->body_sha256, j->body ? j->body : "",
		    j->body_len);
	attempts_text(more, sizeof(more), j);
	if (j->refused) {
		job_message(r, j, "%sredirected to plain http at %s; plain "
		    "http is allowed only to this machine", fetch ?
		    "not fetched: " : "the service ", j->refused_url);
		job_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else if (cc == CURLE_TOO_MANY_REDIRECTS) {
		job_message(r, j, "too many redirects (more than %d), the "
		    "last to %s", CP__VERIFY_MAX_REDIRS, eff);
		job_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else if ((cc == CURLE_WRITE_ERROR && j->oversized) ||
	    cc == CURLE_FILESIZE_EXCEEDED) {
		if (fetch) {
			job_message(r, j, "HTTP %ld; the page is larger than "
			    "64 KiB and was not read whole", j->http_status);
			job_finish(r, j, CP_VERIFY_FETCHED);
		} else {
			job_message(r, j, "the service's answer is larger "
			    "than 64 KiB");
			job_finish(r, j, CP_VERIFY_BAD_RESPONSE);
		}
	} else if (cc == CURLE_UNSUPPORTED_PROTOCOL) {
		job_message(r, j, "redirected to a URL that is neither http "
		    "nor https (%s)", curl_reason(j, cc));
		job_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else if (cc == CURLE_OPERATION_TIMEDOUT) {
		job_message(r, j, "no answer from %s within %u s%s (%s)",
		    j->host, r->opts.timeout, more, curl_reason(j, cc));
		job_finish(r, j, CP_VERIFY_UNREACHABLE);
	} else if (cc != CURLE_OK) {
		job_message(r, j, "%s could not be reached%s: %s", j->host,
		    more, curl_reason(j, cc));
		job_finish(r, j, CP_VERIFY_UNREACHABLE);
	} else if (fetch) {
		job_message(r, j, "HTTP %ld", j->http_status);
		job_finish(r, j, CP_VERIFY_FETCHED);
	} else if (j->http_status != 200) {
		job_message(r, j, "the service answered HTTP %ld%s; expected "
		    "200", j->http_status, more);
		job_finish(r, j, CP_VERIFY_BAD_RESPONSE);
	} else {
		service_answer(r, j);
	}
}

static int64_t
backoff_ms(unsigned attempts)
{
	int64_t ms = BACKOFF_FIRST_MS;

	while (attempts-- > 1 && ms < BACKOFF_MAX_MS)
		ms *= 2;
	return ms < BACKOFF_MAX_MS ? ms : BACKOFF_MAX_MS;
}

/* An attempt ended: schedule a retry, or conclude. */
static void
job_done(run *r, job *j, CURLcode cc)
{
	long code = 0;
	int64_t wait;
	bool again;

	curl_multi_remove_handle(r->multi, j->easy);
	r->running--;
	if (curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &code) !=
	    CURLE_OK)
		code = 0;
	j->http_status = code;
	/* Timeouts, a connection that broke, 5xx and 429 may pass. */
	again = !j->refused && (cc == CURLE_OPERATION_TIMEDOUT ||
	    cc == CURLE_GOT_NOTHING || cc == CURLE_RECV_ERROR ||
	    cc == CURLE_SEND_ERROR || (cc == CURLE_OK && (code == 429 ||
	    (code >= 500 && code <= 599))));
	if (!again || j->attempts > r->opts.retries) {
		job_conclude(r, j, cc);
		/* Its connection stays in the multi handle's cache. */
		curl_easy_cleanup(j->easy);
		j->easy = NULL;
		return;
	}
	wait = backoff_ms(j->attempts);
	if (cc == CURLE_OK && j->retry_after > 0 && r->opts.retry_after_max > 0)
		wait = 1000 * (int64_t)(j->retry_after <
		    (long)r->opts.retry_after_max ? j->retry_after :
		    (long)r->opts.retry_after_max);
	/* The wait is a time before which the job is not started again;
	 * the loop serves other transfers meanwhile. */
	j->state = JOB_WAITING;
	j->ready_at = now_ms() + wait;
}

/* Runs every job to its outcome. */
static int
run_loop(run *r)
{
	CURLMsg *msg;
	CURLMcode mc;
	char *priv;
	job *j;
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
			if (j->state != JOB_WAITING)
				continue;
			if (j->ready_at <= now && r->running < r->opts.jobs) {
				job_start(r, j);
				busy = true;
			} else {
				waiting = true;
				if (r->running < r->opts.jobs &&
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
			if ((j = (job *)(void *)priv) != NULL) {
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

/* ---- the run ---------------------------------------------------------- */

static int
options_check(cp_verify_options *o, const cp_verify_options *opts,
    cp_error *err)
{
	if (opts == NULL || opts->version != CP_VERIFY_OPTIONS_VERSION)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verify_run needs options made with "
		    "CP_VERIFY_OPTIONS_INIT");
	*o = *opts;
	if (o->service == NULL || o->service[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "no "
		    "verification service given; give the URL template of one");
	if (o->jobs == 0)
		o->jobs = 4;
	if (o->timeout == 0)
		o->timeout = 20;
	if (o->connect_timeout == 0)
		o->connect_timeout = 5;
	if (o->jobs > JOBS_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "%u transfers "
		    "at once is too many; give 1 to %d", o->jobs, JOBS_MAX);
	if (o->retries > RETRIES_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "%u retries "
		    "is too many; give 0 to %d", o->retries, RETRIES_MAX);
	if (o->timeout > 3600 || o->connect_timeout > 3600 ||
	    o->retry_after_max > 3600)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "timeouts and "
		    "waits are at most 3600 seconds");
	return CP_OK;
}

static void
jobs_free(run *r)
{
	size_t i;
	job *j;

	for (i = 0; i < r->njobs; i++) {
		j = &r->jobs[i];
		if (j->easy != NULL) {
			if (j->state == JOB_RUNNING)
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
jobs_plan(run *r, cp_error *err)
{
	const cp_claim *claim = r->claim;
	const cp__document *doc;
	char why[512];
	size_t d, n = 0;
	job *j;


	for (d = 0; d < claim->ndocuments; d++) {
		doc = &claim->documents[d];
		if (doc->type == CP__DT_FAPIAO)
			n += (doc->invoice.number != NULL) +
			    (doc->invoice.verify_url != NULL);
	}
	if ((r->jobs = calloc(n + 1, sizeof(job))) == NULL)
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
			if ((j->url = template_expand(r->opts.service, doc)) ==
			    NULL)
				return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
			/* The template passed with empty values; a filled one
			 * differs only in its path and query. */
			if (url_check(j->url, &j->host, &j->loopback_http, why,
			    sizeof(why)) != URL_OK)
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
			if (url_check(j->url, &j->host, &j->loopback_http, why,
			    sizeof(why)) != URL_OK) {
				job_keep(r, &j->final_url, j->url);
				job_message(r, j, "not fetched: the verify_url "
				    "%s", why);
				job_finish(r, j, CP_VERIFY_BAD_RESPONSE);
			}
		}
	}
	return r->nomem ? cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
	    "out of memory") : CP_OK;
}

/* The results, in manifest order: each fapiao's service result, then
 * its verify_url result. */
static int
collect(cp_verification **out, run *r)
{
	const cp__document *doc;
	cp_verification *v;
	cp_verify_result res;
	char fields[65];
	size_t i;
	job *j;

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

int
cp_verify_run(cp_verification **out, const cp_claim *claim,
    const cp_verify_options *opts, cp_error *err)
{
	run r;
	char *sample = NULL, *host = NULL, why[512];
	bool loopback;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.claim = claim;
	if (claim == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verify_run needs a claim");
	if ((rc = options_check(&r.opts, opts, err)) != CP_OK ||
	    (rc = template_check(r.opts.service, err)) != CP_OK)
		return rc;
	/* Everything about the URL is checked before anything is sent. */
	if ((sample = template_expand(r.opts.service, NULL)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	rc = url_check(sample, &host, &loopback, why, sizeof(why)) == URL_OK ?
	    CP_OK : cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the service "
	    "URL %s", why);
	free(sample);
	free(host);
	if (rc != CP_OK)
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
