/* test_verify.c - invoice verification against a real local HTTP server
 * (tests/verify_server.c): statuses, retries, limits, concurrency, the
 * results file, the fields hash and the findings of cp_verify_check.
 *
 * The server is started once for the whole program from $VERIFY_SERVER
 * (default build/tests/verify_server) and killed at the end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#include "support.h"

#define NOW 1795000000          /* 2026-11-18T11:06:40Z */
#define NOW_TEXT "2026-11-18T11:06:40Z"

#define N_VALID "10000001"
#define N_INVALID "10000002"
#define N_NOT_FOUND "10000003"
#define N_AMOUNT "10000004"
#define N_500_THEN_OK "10000005"
#define N_429_THEN_OK "10000006"
#define N_SILENT "10000007"
#define N_HUGE "10000008"
#define N_MALFORMED "10000009"
#define N_LOOP "10000010"
#define N_BUYER "10000012"
#define N_DATE "10000013"
#define N_UNKNOWN_STATUS "10000014"
#define N_HTTP_404 "10000015"
#define N_DUPLICATE_KEYS "10000016"
#define N_ALWAYS_503 "10000017"
#define N_503_DATE_THEN_OK "10000018"
#define N_REDIRECT_OUT "10000019"
#define N_ALIAS "10000020"
#define N_SAME_FACTS "10000021"
#define N_DEEP "10000022"
#define N_429_LONG "10000023"
#define N_FULLWIDTH "10000024"

static pid_t server_pid = -1;
static int server_port;
static char service[512];
static cp_verification *results;   /* freed after each test */

/* ---- the server ------------------------------------------------------- */

static int
server_start(void **state)
{
	const char *path = getenv("VERIFY_SERVER");
	static const char *const proxies[] = {
		"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
		"all_proxy", "ALL_PROXY"
	};
	struct pollfd pfd;
	char line[64];
	size_t len = 0, i;
	ssize_t n;
	int fds[2];

	(void)state;
	/* The tests talk to 127.0.0.1 only, never through a proxy. */
	for (i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	if (path == NULL || path[0] == '\0')
		path = "build/tests/verify_server";
	if (pipe(fds) != 0)
		return -1;
	if ((server_pid = fork()) < 0)
		return -1;
	if (server_pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(path, path, (char *)NULL);
		fprintf(stderr, "test_verify: cannot run %s: %s\n", path,
		    strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	while (len < sizeof(line) - 1 && memchr(line, '\n', len) == NULL) {
		if (poll(&pfd, 1, 10000) != 1)
			break;
		if ((n = read(fds[0], line + len, sizeof(line) - 1 - len)) <= 0)
			break;
		len += (size_t)n;
	}
	close(fds[0]);
	line[len] = '\0';
	if (sscanf(line, "port %d", &server_port) != 1) {
		fprintf(stderr, "test_verify: %s did not print its port "
		    "(set VERIFY_SERVER to the verify_server program)\n", path);
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
		server_pid = -1;
		return -1;
	}
	snprintf(service, sizeof(service), "http://127.0.0.1:%d/verify?"
	    "kind={kind}&code={code}&number={number}&date={date}&"
	    "amount={amount}&check6={check6}", server_port);
	return 0;
}

static int
server_stop(void **state)
{
	(void)state;
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
		server_pid = -1;
	}
	return 0;
}

/* GETs `path` from the server with a plain socket (not with the library
 * under test) and puts the body in `buf`. */
static void
server_get(const char *path, char *buf, size_t size)
{
	struct sockaddr_in addr;
	struct timeval tv = { 10, 0 };
	char req[512], resp[4096], *body;
	size_t len = 0;
	ssize_t n;
	int fd;

	assert_true((fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons((unsigned short)server_port);
	assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof(addr)),
	    0);
	snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n\r\n", path);
	assert_int_equal(send(fd, req, strlen(req), 0), (ssize_t)strlen(req));
	while (len < sizeof(resp) - 1 &&
	    (n = recv(fd, resp + len, sizeof(resp) - 1 - len, 0)) > 0)
		len += (size_t)n;
	close(fd);
	resp[len] = '\0';
	body = strstr(resp, "\r\n\r\n");
	assert_non_null(body);
	snprintf(buf, size, "%s", body + 4);
}

/* The number after "key": in a flat JSON object. */
static long
json_long(const char *json, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(json, pat);
	if (p == NULL)
		fail_msg("no %s in %s", key, json);
	return strtol(p + strlen(pat), NULL, 10);
}

/* How often the server was asked about `number`, and the milliseconds
 * between the last two asks. */
static long
server_attempts(const char *number, long *gap_ms)
{
	char path[128], body[256];

	snprintf(path, sizeof(path), "/attempts?number=%s", number);
	server_get(path, body, sizeof(body));
	if (gap_ms != NULL)
		*gap_ms = json_long(body, "gap_ms");
	return json_long(body, "attempts");
}

static int
setup(void **state)
{
	char body[256];

	if (ts_setup(state) != 0)
		return -1;
	server_get("/reset", body, sizeof(body));
	return 0;
}

static int
teardown(void **state)
{
	cp_verification_free(results);
	results = NULL;
	return ts_teardown(state);
}

#define VT_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

/* ---- manifests and runs ----------------------------------------------- */

#define HEAD \
	"claimpack: 1\n" \
	"claim:\n" \
	"  prepared: 2026-11-01\n" \
	"patient:\n" \
	"  name: \"SMITH, John Alexander\"\n" \
	"  passport: E12345678\n" \
	"  aliases: [\"约翰·史密斯\"]\n" \
	TS_STAY \
	"documents:\n"

/* Appends fapiao `id` with invoice number `number` (NULL: none) and the
 * YAML lines `extra` inside its invoice mapping. */
static void
add_fapiao(char *buf, size_t size, const char *id, const char *number,
    const char *extra)
{
	size_t len = strlen(buf);
	char num[64] = "";

	if (number != NULL)
		snprintf(num, sizeof(num), "      number: \"%s\"\n", number);
	snprintf(buf + len, size - len,
	    "  - id: %s\n"
	    "    type: fapiao\n"
	    "    files: fp.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "    amount: 12850.40\n"
	    "    invoice:\n"
	    "      kind: vat\n"
	    "      code: \"044001500111\"\n"
	    "%s"
	    "      check_code: \"17884534745749991611\"\n"
	    "%s", id, num, extra ? extra : "");
	assert_true(strlen(buf) < size - 1);
}

/* Loads a manifest with fapiao fp1, fp2 ... for `numbers`. */
static void
load_numbers(ts_fixture *fx, const char *const *numbers, size_t n)
{
	static char text[65536];
	char id[32];
	size_t i;

	snprintf(text, sizeof(text), "%s", HEAD);
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "fp%zu", i + 1);
		add_fapiao(text, sizeof(text), id, numbers[i], NULL);
	}
	ts_assert_ok(ts_load(fx, text), &fx->err);
}

static cp_verify_options
options(unsigned timeout, unsigned retries)
{
	cp_verify_options o = CP_VERIFY_OPTIONS_INIT;

	o.service = service;
	o.timeout = timeout;
	o.connect_timeout = 2;
	o.retries = retries;
	o.now = NOW;
	return o;
}

/* Runs a verification of fx->claim, which must succeed. */
static const cp_verification *
run_with(ts_fixture *fx, const cp_verify_options *o)
{
	cp_verification_free(results);
	results = NULL;
	ts_assert_ok(cp_verify_run(&results, fx->claim, o, &fx->err),
	    &fx->err);
	assert_non_null(results);
	return results;
}

/* One fapiao with `number`, verified: its result. */
static const cp_verify_result *
verify_number(ts_fixture *fx, const char *number, unsigned timeout,
    unsigned retries)
{
	cp_verify_options o = options(timeout, retries);
	const cp_verification *v;

	load_numbers(fx, &number, 1);
	v = run_with(fx, &o);
	assert_int_equal(cp_verification_count(v), 1);
	return cp_verification_at(v, 0);
}

static void
expect_status(const cp_verify_result *r, cp_verify_status status)
{
	if (r->status != status)
		fail_msg("status %s, expected %s (message: %s)",
		    cp_verify_status_name(r->status),
		    cp_verify_status_name(status), r->message);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- what the service says -------------------------------------------- */

static void
test_verify__valid(void **state)
{
	ts_fixture *fx = *state;
	const cp_verify_result *r = verify_number(fx, N_VALID, 5, 0);
	char fields[65];

	expect_status(r, CP_VERIFY_VALID);
	assert_string_equal(r->document, "fp1");
	assert_string_equal(r->host, "127.0.0.1");
	assert_string_equal(r->checked_at, NOW_TEXT);
	assert_int_equal(r->http_status, 200);
	assert_int_equal(strlen(r->body_sha256), 64);
	assert_string_equal(r->final_url, "");
	/* The server echoes what the URL template filled in. */
	assert_string_equal(r->amount, "12850.40");
	assert_string_equal(r->date, "2026-10-09");
	assert_string_equal(r->buyer, "SMITH JOHN ALEXANDER");
	assert_string_equal(r->message,
	    "kind=vat code=044001500111 check6=991611");
	ts_assert_ok(cp_invoice_fields_sha256(fields, fx->claim, "fp1"),
	    NULL);
	assert_string_equal(r->fields_sha256, fields);
	assert_ptr_equal(cp_verification_find(results, "fp1"), r);
	assert_null(cp_verification_find(results, "fp2"));
	assert_int_equal(server_attempts(N_VALID, NULL), 1);
}

static void
test_verify__invalid(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_INVALID, 5, 0);

	expect_status(r, CP_VERIFY_INVALID);
	assert_string_equal(r->message, "invoice reversed (红冲)");
}

static void
test_verify__not_found(void **state)
{
	expect_status(verify_number(*state, N_NOT_FOUND, 5, 0),
	    CP_VERIFY_NOT_FOUND);
}

static void
test_verify__amount_mismatch_names_both(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_AMOUNT, 5, 0);

	expect_status(r, CP_VERIFY_MISMATCH);
	ts_assert_contains(r->message, "amount 12850.00");
	ts_assert_contains(r->message, "12850.40");
	assert_string_equal(r->amount, "12850.00");
}

static void
test_verify__buyer_and_date_mismatch(void **state)
{
	ts_fixture *fx = *state;
	const cp_verify_result *r;

	r = verify_number(fx, N_BUYER, 5, 0);
	expect_status(r, CP_VERIFY_MISMATCH);
	ts_assert_contains(r->message, "ZHANG, Wei");
	ts_assert_contains(r->message, "SMITH, John Alexander");
	r = verify_number(fx, N_DATE, 5, 0);
	expect_status(r, CP_VERIFY_MISMATCH);
	ts_assert_contains(r->message, "2026-10-08");
	ts_assert_contains(r->message, "2026-10-09");
}

/* "12850.4" is 12850.40; "SMITH, John" is a partial match; the Chinese
 * name is one of the patient's aliases; "ＳＭＩＴＨ ＪＯＨＮ" is "SMITH
 * JOHN" (the buyer is compared as the name checks compare). */
static void
test_verify__same_facts_written_differently_agree(void **state)
{
	ts_fixture *fx = *state;

	expect_status(verify_number(fx, N_SAME_FACTS, 5, 0), CP_VERIFY_VALID);
	expect_status(verify_number(fx, N_ALIAS, 5, 0), CP_VERIFY_VALID);
	expect_status(verify_number(fx, N_FULLWIDTH, 5, 0), CP_VERIFY_VALID);
}

/* ---- retries ---------------------------------------------------------- */

static void
test_verify__server_error_is_retried(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_500_THEN_OK, 5, 2);
	long gap;

	expect_status(r, CP_VERIFY_VALID);
	assert_int_equal(server_attempts(N_500_THEN_OK, &gap), 2);
	/* The first backoff is half a second. */
	assert_true(gap >= 400);
}

static void
test_verify__retry_after_is_honoured(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_429_THEN_OK, 5, 2);
	long gap;

	expect_status(r, CP_VERIFY_VALID);
	assert_int_equal(server_attempts(N_429_THEN_OK, &gap), 2);
	/* Retry-After: 1 waits longer than the half-second backoff. */
	if (gap < 900)
		fail_msg("retried after %ld ms, before Retry-After: 1", gap);
}

static void
test_verify__retry_after_http_date_is_honoured(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_503_DATE_THEN_OK,
	    5, 2);
	long gap;

	expect_status(r, CP_VERIFY_VALID);
	assert_int_equal(server_attempts(N_503_DATE_THEN_OK, &gap), 2);
	if (gap < 900)
		fail_msg("retried after %ld ms, before the Retry-After date",
		    gap);
}

static void
test_verify__retries_end(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_ALWAYS_503, 5, 1);

	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	assert_int_equal(r->http_status, 503);
	ts_assert_contains(r->message, "HTTP 503");
	ts_assert_contains(r->message, "after 2 attempts");
	assert_int_equal(server_attempts(N_ALWAYS_503, NULL), 2);
}

/* Retry-After is capped: asked to wait 30 s with retry_after_max 2,
 * the retry comes after the backoff or the cap, far sooner than 30 s. */
static void
test_verify__retry_after_is_capped(void **state)
{
	ts_fixture *fx = *state;
	const char *number = N_429_LONG;
	cp_verify_options o = options(5, 1);
	long gap;

	o.retry_after_max = 2;
	load_numbers(fx, &number, 1);
	expect_status(cp_verification_at(run_with(fx, &o), 0),
	    CP_VERIFY_VALID);
	assert_int_equal(server_attempts(N_429_LONG, &gap), 2);
	/* Not a timing measurement: 30 s against at most 2 s plus any
	 * scheduling delay a loaded machine adds. */
	if (gap < 400 || gap >= 20000)
		fail_msg("retried after %ld ms; the cap is 2 s", gap);
}

/* ---- answers that are not the contract's ------------------------------- */

static void
test_verify__never_answers_times_out(void **state)
{
	struct timespec t0;
	const cp_verify_result *r;
	double took;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = verify_number(*state, N_SILENT, 1, 0);
	took = seconds_since(&t0);
	expect_status(r, CP_VERIFY_UNREACHABLE);
	ts_assert_contains(r->message, "no answer");
	ts_assert_contains(r->message, "within 1 s");
	assert_int_equal(r->http_status, 0);
	assert_string_equal(r->body_sha256, "");
	/* timeout=1, retries=0: bounded far below this. */
	if (took > 15)
		fail_msg("took %.1f s", took);
}

static void
test_verify__oversized_body_is_bad_response(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_HUGE, 5, 0);

	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "larger than 64 KiB");
	assert_string_equal(r->body_sha256, "");
}

static void
test_verify__malformed_json_is_bad_response(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_MALFORMED, 5, 0);

	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "not valid JSON");
}

static void
test_verify__off_contract_answers_are_bad_responses(void **state)
{
	static const char *const numbers[] = {
		N_UNKNOWN_STATUS, N_HTTP_404, N_DUPLICATE_KEYS, N_DEEP
	};
	static const char *const reasons[] = {
		"unknown status \"maybe\"", "HTTP 404", "duplicate",
		"nests deeper"
	};
	ts_fixture *fx = *state;
	cp_verify_options o = options(5, 0);
	const cp_verification *v;
	const cp_verify_result *r;
	size_t i;

	load_numbers(fx, numbers, 4);
	v = run_with(fx, &o);
	assert_int_equal(cp_verification_count(v), 4);
	for (i = 0; i < 4; i++) {
		r = cp_verification_at(v, i);
		expect_status(r, CP_VERIFY_BAD_RESPONSE);
		ts_assert_contains(r->message, reasons[i]);
	}
	assert_int_equal(cp_verification_at(v, 1)->http_status, 404);
}

static void
test_verify__connection_refused_is_unreachable(void **state)
{
	ts_fixture *fx = *state;
	const char *number = N_VALID;
	cp_verify_options o = options(5, 2);
	struct sockaddr_in addr;
	socklen_t alen = sizeof(addr);
	const cp_verify_result *r;
	char url[256];
	int fd;

	/* A port that was free a moment ago and that nobody listens on. */
	assert_true((fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&addr, &alen), 0);
	close(fd);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/verify?n={number}",
	    (unsigned)ntohs(addr.sin_port));
	o.service = url;
	load_numbers(fx, &number, 1);
	r = cp_verification_at(run_with(fx, &o), 0);
	expect_status(r, CP_VERIFY_UNREACHABLE);
	ts_assert_contains(r->message, "127.0.0.1");
	ts_assert_contains(r->message, "could not be reached");
	assert_int_equal(r->http_status, 0);
}

static void
test_verify__redirect_loop_fails_naming_redirects(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_LOOP, 5, 0);

	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "too many redirects");
	/* The first request and 5 redirects. */
	assert_int_equal(server_attempts(N_LOOP, NULL), 6);
}

static void
test_verify__redirect_to_plain_http_elsewhere_is_refused(void **state)
{
	const cp_verify_result *r = verify_number(*state, N_REDIRECT_OUT, 5,
	    2);

	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "plain http");
	ts_assert_contains(r->message, "192.0.2.1");
	/* Refused, not retried. */
	assert_int_equal(server_attempts(N_REDIRECT_OUT, NULL), 1);
}

/* ---- many at once ----------------------------------------------------- */

static void
test_verify__jobs_bound_transfers_at_once(void **state)
{
	ts_fixture *fx = *state;
	cp_verify_options o = options(10, 0);
	const char *numbers[50];
	char storage[50][16], body[256];
	const cp_verification *v;
	size_t i;

	for (i = 0; i < 50; i++) {
		snprintf(storage[i], sizeof(storage[i]), "200000%02zu", i);
		numbers[i] = storage[i];
	}
	load_numbers(fx, numbers, 50);
	o.jobs = 8;
	v = run_with(fx, &o);
	assert_int_equal(cp_verification_count(v), 50);
	for (i = 0; i < 50; i++)
		expect_status(cp_verification_at(v, i), CP_VERIFY_VALID);
	/* Results come in manifest order whatever order they finished in. */
	assert_string_equal(cp_verification_at(v, 0)->document, "fp1");
	assert_string_equal(cp_verification_at(v, 49)->document, "fp50");
	server_get("/stats", body, sizeof(body));
	assert_int_equal(json_long(body, "requests"), 50);
	if (json_long(body, "max_in_progress") != 8)
		fail_msg("expected 8 requests in progress at most and at "
		    "once: %s", body);
}

/* ---- what is refused before anything is sent --------------------------- */

static void
expect_einval(ts_fixture *fx, const char *url, const char *reason)
{
	cp_verify_options o = options(5, 0);
	cp_verification *v = (cp_verification *)&o;   /* must become NULL */
	int rc;

	o.service = url;
	rc = cp_verify_run(&v, fx->claim, &o, &fx->err);
	if (rc != CP_EINVAL)
		fail_msg("%s: status %d, expected CP_EINVAL", url ? url :
		    "(null)", rc);
	assert_null(v);
	ts_assert_contains(fx->err.message, reason);
}

static void
test_verify__plain_http_elsewhere_is_refused_without_traffic(void **state)
{
	ts_fixture *fx = *state;
	const char *number = N_VALID;
	char body[256], url[512];

	load_numbers(fx, &number, 1);
	expect_einval(fx, "http://192.0.2.1/verify?n={number}",
	    "plain http is allowed only to this machine");
	expect_einval(fx, "http://example.com/verify?n={number}",
	    "plain http is allowed only to this machine");
	expect_einval(fx, "http://127.0.0.1.example.com/v?n={number}",
	    "plain http");
	expect_einval(fx, NULL, "no verification service");
	expect_einval(fx, "ftp://127.0.0.1/v?n={number}", "http");
	expect_einval(fx, "https://example.com/v?n={nomber}", "{nomber}");
	expect_einval(fx, "https://example.com/v?n={number", "unterminated");
	expect_einval(fx, "https://example.com/v?n=number}", "'}'");
	expect_einval(fx, "https://{kind}.example.com/v", "before its path");
	expect_einval(fx, "not a url {number}", "before its path");
	/* Nothing reached the server, even with its own port in the URL. */
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/verify?n={numbr}",
	    server_port);
	expect_einval(fx, url, "{numbr}");
	server_get("/stats", body, sizeof(body));
	assert_int_equal(json_long(body, "requests"), 0);
}

static void
test_verify__localhost_is_loopback(void **state)
{
	ts_fixture *fx = *state;
	const char *number = N_VALID;
	cp_verify_options o = options(5, 0);
	char url[512];

	snprintf(url, sizeof(url), "http://localhost:%d/verify?"
	    "number={number}&amount={amount}&date={date}", server_port);
	o.service = url;
	load_numbers(fx, &number, 1);
	expect_status(cp_verification_at(run_with(fx, &o), 0),
	    CP_VERIFY_VALID);
}

/* ---- verify_url ------------------------------------------------------- */

static void
test_verify__verify_url_is_fetched_beside_the_service(void **state)
{
	ts_fixture *fx = *state;
	cp_verify_options o = options(5, 0);
	const cp_verification *v;
	const cp_verify_result *r;
	char text[4096], extra[256], final[256];

	snprintf(text, sizeof(text), "%s", HEAD);
	snprintf(extra, sizeof(extra), "      verify_url: "
	    "http://127.0.0.1:%d/moved\n", server_port);
	add_fapiao(text, sizeof(text), "fp1", N_VALID, extra);
	/* No number: only its verify_url is fetched. */
	snprintf(extra, sizeof(extra), "      verify_url: "
	    "http://127.0.0.1:%d/page\n", server_port);
	add_fapiao(text, sizeof(text), "fp2", NULL, extra);
	/* A page too large to read whole is still fetched. */
	snprintf(extra, sizeof(extra), "      verify_url: "
	    "http://127.0.0.1:%d/big\n", server_port);
	add_fapiao(text, sizeof(text), "fp3", NULL, extra);
	ts_assert_ok(ts_load(fx, text), &fx->err);
	v = run_with(fx, &o);
	assert_int_equal(cp_verification_count(v), 4);
	/* fp1: the service's result first, then the fetch. */
	r = cp_verification_at(v, 0);
	assert_string_equal(r->document, "fp1");
	expect_status(r, CP_VERIFY_VALID);
	assert_string_equal(r->final_url, "");
	r = cp_verification_at(v, 1);
	assert_string_equal(r->document, "fp1");
	expect_status(r, CP_VERIFY_FETCHED);
	assert_int_equal(r->http_status, 200);
	snprintf(final, sizeof(final), "http://127.0.0.1:%d/page",
	    server_port);
	assert_string_equal(r->final_url, final);
	assert_string_equal(r->host, "127.0.0.1");
	assert_int_equal(strlen(r->body_sha256), 64);
	expect_status(cp_verification_find(v, "fp1"), CP_VERIFY_VALID);
	/* fp2 has no service result, only the fetch. */
	r = cp_verification_at(v, 2);
	assert_string_equal(r->document, "fp2");
	expect_status(r, CP_VERIFY_FETCHED);
	assert_null(cp_verification_find(v, "fp2"));
	r = cp_verification_at(v, 3);
	expect_status(r, CP_VERIFY_FETCHED);
	assert_int_equal(r->http_status, 200);
	ts_assert_contains(r->message, "larger than 64 KiB");
	assert_string_equal(r->body_sha256, "");
}

static void
test_verify__verify_url_plain_http_elsewhere_is_not_fetched(void **state)
{
	ts_fixture *fx = *state;
	cp_verify_options o = options(5, 0);
	const cp_verification *v;
	const cp_verify_result *r;
	char text[4096], extra[256];

	snprintf(text, sizeof(text), "%s", HEAD);
	add_fapiao(text, sizeof(text), "fp1", NULL,
	    "      verify_url: http://192.0.2.1/check\n");
	snprintf(extra, sizeof(extra), "      verify_url: "
	    "http://127.0.0.1:%d/redirect-out\n", server_port);
	add_fapiao(text, sizeof(text), "fp2", NULL, extra);
	snprintf(extra, sizeof(extra), "      verify_url: "
	    "http://127.0.0.1:%d/loop\n", server_port);
	add_fapiao(text, sizeof(text), "fp3", NULL, extra);
	ts_assert_ok(ts_load(fx, text), &fx->err);
	v = run_with(fx, &o);
	assert_int_equal(cp_verification_count(v), 3);
	r = cp_verification_at(v, 0);
	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "not fetched");
	ts_assert_contains(r->message, "plain http");
	assert_string_equal(r->final_url, "http://192.0.2.1/check");
	r = cp_verification_at(v, 1);
	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "not fetched");
	ts_assert_contains(r->message, "http://192.0.2.1/x");
	r = cp_verification_at(v, 2);
	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "too many redirects");
}

/* ---- the results file ------------------------------------------------- */

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	assert_non_null(f);
	buf = malloc(2 * 1024 * 1024);
	assert_non_null(buf);
	*len = fread(buf, 1, 2 * 1024 * 1024 - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void
expect_same_result(const cp_verify_result *a, const cp_verify_result *b)
{
	assert_string_equal(a->document, b->document);
	assert_int_equal(a->status, b->status);
	assert_string_equal(a->host, b->host);
	assert_string_equal(a->checked_at, b->checked_at);
	assert_int_equal(a->http_status, b->http_status);
	assert_string_equal(a->body_sha256, b->body_sha256);
	assert_string_equal(a->fields_sha256, b->fields_sha256);
	assert_string_equal(a->message, b->message);
	assert_string_equal(a->final_url, b->final_url);
	assert_string_equal(a->amount, b->amount);
	assert_string_equal(a->date, b->date);
	assert_string_equal(a->buyer, b->buyer);
}

static void
test_verify__write_and_load_round_trip(void **state)
{
	ts_fixture *fx = *state;
	cp_verify_options o = options(5, 0);
	cp_verification *back = NULL;
	const cp_verification *v;
	char text[8192], extra[256], *path, *first, *second;
	size_t i, len1, len2;
	struct dirent *de;
	DIR *d;

	snprintf(text, sizeof(text), "%s", HEAD);
	snprintf(extra, sizeof(extra), "      verify_url: "
	    "http://127.0.0.1:%d/moved\n", server_port);
	add_fapiao(text, sizeof(text), "fp1", N_VALID, extra);
	add_fapiao(text, sizeof(text), "fp2", N_AMOUNT, NULL);
	add_fapiao(text, sizeof(text), "fp3", N_INVALID, NULL);
	ts_assert_ok(ts_load(fx, text), &fx->err);
	v = run_with(fx, &o);
	assert_int_equal(cp_verification_count(v), 4);

	path = cp_claim_verify_path(fx->claim);
	assert_non_null(path);
	assert_string_equal(path, ts_path(fx, "claim.verify.json"));
	ts_assert_ok(cp_verification_write(v, path, &fx->err), &fx->err);
	ts_assert_ok(cp_verification_load(&back, path, &fx->err), &fx->err);
	assert_int_equal(cp_verification_count(back), 4);
	for (i = 0; i < 4; i++)
		expect_same_result(cp_verification_at(v, i),
		    cp_verification_at(back, i));
	expect_status(cp_verification_find(back, "fp1"), CP_VERIFY_VALID);

	/* The same results give the same bytes; keys in a fixed order. */
	first = read_file(path, &len1);
	ts_assert_ok(cp_verification_write(back, path, &fx->err), &fx->err);
	second = read_file(path, &len2);
	assert_int_equal(len1, len2);
	assert_memory_equal(first, second, len1);
	assert_true(strncmp(first, "{\"claimpack_verify\":1,\"results\":[\n"
	    "{\"document\":\"fp1\",\"check\":\"service\",\"status\":\"valid\","
	    "\"host\":\"127.0.0.1\",\"checked_at\":\"" NOW_TEXT "\","
	    "\"http_status\":200,\"body_sha256\":\"", 165) == 0);
	ts_assert_contains(first, "\"check\":\"verify_url\",\"status\":"
	    "\"fetched\"");
	/* No temporary file is left behind. */
	assert_non_null(d = opendir(fx->dir));
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tmp") != NULL)
			fail_msg("left %s behind", de->d_name);
	closedir(d);
	free(first);
	free(second);
	free(path);
	cp_verification_free(back);
}

static void
expect_load_fails(ts_fixture *fx, const char *content, const char *reason)
{
	cp_verification *v = (cp_verification *)fx;   /* must become NULL */

	ts_write_text(fx->dir, "bad.verify.json", content);
	assert_int_equal(cp_verification_load(&v, ts_path(fx,
	    "bad.verify.json"), &fx->err), CP_EIO);
	assert_null(v);
	ts_assert_contains(fx->err.message, reason);
	assert_string_equal(fx->err.path, ts_path(fx, "bad.verify.json"));
}

#define GOOD_RESULT(doc, check, status) \
	"{\"document\":\"" doc "\",\"check\":\"" check "\",\"status\":\"" \
	status "\",\"host\":\"h\",\"checked_at\":\"" NOW_TEXT "\"," \
	"\"http_status\":200,\"body_sha256\":\"\",\"fields_sha256\":\"\"," \
	"\"message\":\"\",\"final_url\":\"https://h/\",\"amount\":\"\"," \
	"\"date\":\"\",\"buyer\":\"\"}"

static void
test_verify__load_refuses_what_is_not_results(void **state)
{
	ts_fixture *fx = *state;
	cp_verification *v = NULL;
	char *big;

	assert_int_equal(cp_verification_load(&v, ts_path(fx, "none.json"),
	    &fx->err), CP_EIO);
	assert_null(v);
	expect_load_fails(fx, "", "not valid JSON");
	expect_load_fails(fx, "{\"ok\":true,\"findings\":[]}",
	    "no \"claimpack_verify\"");
	expect_load_fails(fx, "[1,2]", "no \"claimpack_verify\"");
	expect_load_fails(fx, "{\"claimpack_verify\":2,\"results\":[]}",
	    "version 1");
	expect_load_fails(fx, "{\"claimpack_verify\":1}", "\"results\"");
	expect_load_fails(fx, "{\"claimpack_verify\":1,\"claimpack_verify\":1,"
	    "\"results\":[]}", "duplicate");
	expect_load_fails(fx, "{\"claimpack_verify\":1,\"results\":[{}]}",
	    "results[0] has no text \"document\"");
	expect_load_fails(fx, "{\"claimpack_verify\":1,\"results\":["
	    GOOD_RESULT("fp", "service", "maybe") "]}", "unknown \"status\"");
	expect_load_fails(fx, "{\"claimpack_verify\":1,\"results\":["
	    GOOD_RESULT("fp", "service", "fetched") "]}", "cannot be");
	expect_load_fails(fx, "{\"claimpack_verify\":1,\"results\":["
	    GOOD_RESULT("fp", "service", "valid") ","
	    GOOD_RESULT("fp", "service", "invalid") "]}", "repeats");
	expect_load_fails(fx, "{\"claimpack_verify\":1,\"results\":[[[[[[[[["
	    "]]]]]]]]]}", "nests deeper");
	big = malloc(1024 * 1024 + 2);
	assert_non_null(big);
	memset(big, ' ', 1024 * 1024 + 1);
	big[1024 * 1024 + 1] = '\0';
	expect_load_fails(fx, big, "larger than 1 MiB");
	free(big);
	/* A good file with both checks of one document loads. */
	ts_write_text(fx->dir, "ok.verify.json", "{\"claimpack_verify\":1,"
	    "\"results\":[" GOOD_RESULT("fp", "service", "valid") ","
	    GOOD_RESULT("fp", "verify_url", "fetched") "],\"later\":1}");
	ts_assert_ok(cp_verification_load(&v, ts_path(fx, "ok.verify.json"),
	    &fx->err), &fx->err);
	assert_int_equal(cp_verification_count(v), 2);
	expect_status(cp_verification_find(v, "fp"), CP_VERIFY_VALID);
	cp_verification_free(v);
}

static void
test_verify__verify_path_replaces_the_yaml_suffix(void **state)
{
	ts_fixture *fx = *state;
	const char *number = N_VALID;
	char *p;

	load_numbers(fx, &number, 1);
	p = cp_claim_verify_path(fx->claim);
	assert_string_equal(p, ts_path(fx, "claim.verify.json"));
	free(p);
	assert_null(cp_claim_verify_path(NULL));
}

/* ---- the fields hash and the findings ---------------------------------- */

static void
test_verify__fields_hash_follows_the_invoice(void **state)
{
	ts_fixture *fx = *state;
	const char *a = N_VALID, *b = "10000099";
	char h1[65], h2[65], h3[65];

	load_numbers(fx, &a, 1);
	ts_assert_ok(cp_invoice_fields_sha256(h1, fx->claim, "fp1"), NULL);
	load_numbers(fx, &a, 1);
	ts_assert_ok(cp_invoice_fields_sha256(h2, fx->claim, "fp1"), NULL);
	assert_string_equal(h1, h2);
	load_numbers(fx, &b, 1);
	ts_assert_ok(cp_invoice_fields_sha256(h3, fx->claim, "fp1"), NULL);
	assert_string_not_equal(h1, h3);
	assert_int_equal(cp_invoice_fields_sha256(h3, fx->claim, "nope"),
	    CP_EINVAL);
	assert_int_equal(cp_invoice_fields_sha256(h3, fx->claim, "stay"),
	    CP_EINVAL);
}

static void
test_verify__edited_invoice_makes_result_stale(void **state)
{
	ts_fixture *fx = *state;
	const char *a = N_VALID, *b = "10000099";
	cp_verify_options o = options(5, 0);
	cp_report *rep = NULL;
	const cp_finding *f;

	load_numbers(fx, &a, 1);
	run_with(fx, &o);
	ts_assert_ok(cp_verify_check(&rep, fx->claim, results, 1, &fx->err),
	    &fx->err);
	ts_expect_clean(rep);
	cp_report_free(rep);
	/* The number is corrected after the verification. */
	load_numbers(fx, &b, 1);
	ts_assert_ok(cp_verify_check(&rep, fx->claim, results, 0, &fx->err),
	    &fx->err);
	f = ts_expect(rep, "invoice-verify-stale", "fp1");
	assert_int_equal(f->severity, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, NOW_TEXT);
	assert_int_equal(cp_report_count(rep), 1);
	cp_report_free(rep);
	ts_assert_ok(cp_verify_check(&rep, fx->claim, results, 1, &fx->err),
	    &fx->err);
	ts_expect(rep, "invoice-verify-stale", "fp1");
	assert_int_equal(ts_expect(rep, "invoice-unverified", "fp1")->severity,
	    CP_SEVERITY_ERROR);
	cp_report_free(rep);
}

static void
test_verify__check_reports_each_status(void **state)
{
	static const char *const numbers[] = {
		N_VALID, N_INVALID, N_NOT_FOUND, N_AMOUNT, N_MALFORMED
	};
	ts_fixture *fx = *state;
	cp_verify_options o = options(5, 0);
	cp_report *rep = NULL;
	char text[8192];
	size_t i;

	snprintf(text, sizeof(text), "%s", HEAD);
	for (i = 0; i < 5; i++) {
		char id[32];

		snprintf(id, sizeof(id), "fp%zu", i + 1);
		add_fapiao(text, sizeof(text), id, numbers[i], NULL);
	}
	ts_assert_ok(ts_load(fx, text), &fx->err);
	run_with(fx, &o);
	/* fp6 comes after the run: no result. */
	add_fapiao(text, sizeof(text), "fp6", "10000098", NULL);
	ts_assert_ok(ts_load(fx, text), &fx->err);

	ts_assert_ok(cp_verify_check(&rep, fx->claim, results, 0, &fx->err),
	    &fx->err);
	assert_int_equal(ts_expect(rep, "invoice-invalid", "fp2")->severity,
	    CP_SEVERITY_ERROR);
	ts_assert_contains(ts_find(rep, "invoice-invalid", "fp2")->message,
	    "红冲");
	ts_expect(rep, "invoice-not-found", "fp3");
	ts_assert_contains(ts_expect(rep, "invoice-verify-mismatch",
	    "fp4")->message, "12850.00");
	assert_int_equal(ts_expect(rep, "invoice-unreachable", "fp5")->severity,
	    CP_SEVERITY_WARNING);
	ts_expect_none(rep, "invoice-unverified");
	assert_int_equal(cp_report_count(rep), 4);
	cp_report_free(rep);

	ts_assert_ok(cp_verify_check(&rep, fx->claim, results, 1, &fx->err),
	    &fx->err);
	ts_expect(rep, "invoice-unverified", "fp5");
	ts_expect(rep, "invoice-unverified", "fp6");
	assert_int_equal(ts_count(rep, "invoice-unverified", NULL), 2);
	cp_report_free(rep);

	/* No results at all. */
	ts_assert_ok(cp_verify_check(&rep, fx->claim, NULL, 1, &fx->err),
	    &fx->err);
	assert_int_equal(ts_count(rep, "invoice-unverified", NULL), 6);
	cp_report_free(rep);
	ts_assert_ok(cp_verify_check(&rep, fx->claim, NULL, 0, &fx->err),
	    &fx->err);
	ts_expect_clean(rep);
	cp_report_free(rep);
}

static void
test_verify__report_append_merges_and_sorts(void **state)
{
	ts_fixture *fx = *state;
	cp_verify_options o = options(5, 0);
	cp_report *rep = NULL;
	const cp_finding *f;
	size_t before, errors, warnings, i, at_fp = 0, at_extra = 0;

	/* The standard claim, plus a lab report whose file is missing; its
	 * fapiao's number is not in the server's table: not_found. */
	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE
	    "  - id: extra\n"
	    "    type: lab_report\n"
	    "    files: [missing.pdf]\n"
	    "    date: 2026-10-02\n"
	    "    name: John Alexander Smith\n", NULL);
	before = cp_report_count(fx->report);
	errors = cp_report_count_severity(fx->report, CP_SEVERITY_ERROR);
	warnings = cp_report_count_severity(fx->report, CP_SEVERITY_WARNING);
	assert_true(errors > 0);
	run_with(fx, &o);
	ts_assert_ok(cp_verify_check(&rep, fx->claim, results, 0, &fx->err),
	    &fx->err);
	assert_int_equal(cp_report_count(rep), 1);
	ts_assert_ok(cp_report_append(fx->report, rep, &fx->err), &fx->err);
	assert_int_equal(cp_report_count(fx->report), before + 1);
	assert_int_equal(cp_report_count_severity(fx->report,
	    CP_SEVERITY_ERROR), errors + 1);
	assert_int_equal(cp_report_count_severity(fx->report,
	    CP_SEVERITY_WARNING), warnings);
	/* Sorted by severity, then by the documents' order: the fapiao's
	 * error comes before the error of the document after it. */
	for (i = 0; (f = cp_report_at(fx->report, i)) != NULL; i++) {
		if (i > 0)
			assert_true(cp_report_at(fx->report, i - 1)->severity <=
			    f->severity);
		if (strcmp(f->check, "invoice-not-found") == 0)
			at_fp = i + 1;
		if (strcmp(f->document, "extra") == 0 &&
		    f->severity == CP_SEVERITY_ERROR && at_extra == 0)
			at_extra = i + 1;
	}
	assert_true(at_fp > 0);
	if (at_extra > 0)
		assert_true(at_fp < at_extra);
	/* Appending nothing changes nothing; a report to itself doubles. */
	ts_assert_ok(cp_report_append(fx->report, NULL, &fx->err), &fx->err);
	assert_int_equal(cp_report_count(fx->report), before + 1);
	ts_assert_ok(cp_report_append(rep, rep, &fx->err), &fx->err);
	assert_int_equal(cp_report_count(rep), 2);
	assert_int_equal(cp_report_append(NULL, rep, &fx->err), CP_EINVAL);
	cp_report_free(rep);
}

static void
test_verify__status_names(void **state)
{
	static const char *const names[] = {
		"valid", "invalid", "not_found", "mismatch", "unreachable",
		"bad_response", "fetched"
	};
	int i;

	(void)state;
	for (i = 0; i <= CP_VERIFY_FETCHED; i++)
		assert_string_equal(cp_verify_status_name((cp_verify_status)i),
		    names[i]);
	assert_string_equal(cp_verify_status_name((cp_verify_status)99), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		VT_TEST(test_verify__valid),
		VT_TEST(test_verify__invalid),
		VT_TEST(test_verify__not_found),
		VT_TEST(test_verify__amount_mismatch_names_both),
		VT_TEST(test_verify__buyer_and_date_mismatch),
		VT_TEST(test_verify__same_facts_written_differently_agree),
		VT_TEST(test_verify__server_error_is_retried),
		VT_TEST(test_verify__retry_after_is_honoured),
		VT_TEST(test_verify__retry_after_http_date_is_honoured),
		VT_TEST(test_verify__retries_end),
		VT_TEST(test_verify__retry_after_is_capped),
		VT_TEST(test_verify__never_answers_times_out),
		VT_TEST(test_verify__oversized_body_is_bad_response),
		VT_TEST(test_verify__malformed_json_is_bad_response),
		VT_TEST(test_verify__off_contract_answers_are_bad_responses),
		VT_TEST(test_verify__connection_refused_is_unreachable),
		VT_TEST(test_verify__redirect_loop_fails_naming_redirects),
		VT_TEST(test_verify__redirect_to_plain_http_elsewhere_is_refused),
		VT_TEST(test_verify__jobs_bound_transfers_at_once),
		VT_TEST(test_verify__plain_http_elsewhere_is_refused_without_traffic),
		VT_TEST(test_verify__localhost_is_loopback),
		VT_TEST(test_verify__verify_url_is_fetched_beside_the_service),
		VT_TEST(test_verify__verify_url_plain_http_elsewhere_is_not_fetched),
		VT_TEST(test_verify__write_and_load_round_trip),
		VT_TEST(test_verify__load_refuses_what_is_not_results),
		VT_TEST(test_verify__verify_path_replaces_the_yaml_suffix),
		VT_TEST(test_verify__fields_hash_follows_the_invoice),
		VT_TEST(test_verify__edited_invoice_makes_result_stale),
		VT_TEST(test_verify__check_reports_each_status),
		VT_TEST(test_verify__report_append_merges_and_sorts),
		cmocka_unit_test(test_verify__status_names),
	};

	return cmocka_run_group_tests(tests, server_start, server_stop);
}
