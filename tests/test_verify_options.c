/* test_verify_options.c - what cp_verify_options' fields mean: 0 is the
 * default in every field (the header's CP_VERIFY_DEFAULT_ values, the
 * ones CP_VERIFY_OPTIONS_INIT sets), CP_VERIFY_NONE is none where none
 * makes sense, and values out of range are refused before anything is
 * sent.
 *
 * The runs go to the fake service (tests/verify_server.c) from
 * $VERIFY_SERVER, started once for the program; its counters are read
 * with libcurl directly, not through the library under test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/wait.h>

#include <curl/curl.h>

#include "support.h"

#define NOW 1795000000

#define N_500_THEN_OK "10000005"    /* 500, then valid */
#define N_429_THEN_OK "10000006"    /* 429 with Retry-After: 1, then valid */
#define N_ALWAYS_503 "10000017"     /* 503, always */
#define N_429_LONG "10000023"       /* 429 with Retry-After: 30, then valid */

static pid_t server_pid = -1;
static char base_url[64];            /* "http://127.0.0.1:PORT" */
static char service[256];
static cp_verification *results;     /* freed after each test */

/* ---- the fake service -------------------------------------------------- */

static int
server_start(void **state)
{
	const char *path = getenv("VERIFY_SERVER");
	char line[64] = "";
	FILE *out;
	int fds[2], port = 0;

	(void)state;
	/* 127.0.0.1 only, never through a proxy of the environment. */
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	if (path == NULL || path[0] == '\0')
		path = "build/tests/verify_server";
	if (pipe(fds) != 0 || (server_pid = fork()) < 0)
		return -1;
	if (server_pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	/* The server prints "port N" as soon as it listens. */
	if ((out = fdopen(fds[0], "r")) == NULL)
		return -1;
	if (fgets(line, sizeof(line), out) == NULL ||
	    sscanf(line, "port %d", &port) != 1) {
		fprintf(stderr, "test_verify_options: %s did not start (set "
		    "VERIFY_SERVER to the verify_server program)\n", path);
		fclose(out);
		return -1;
	}
	fclose(out);
	snprintf(base_url, sizeof(base_url), "http://127.0.0.1:%d", port);
	snprintf(service, sizeof(service), "%s/verify?number={number}&"
	    "date={date}&amount={amount}", base_url);
	return 0;
}

static int
server_stop(void **state)
{
	(void)state;
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
	}
	return 0;
}

static size_t
keep_body(char *data, size_t size, size_t n, void *ud)
{
	char *buf = ud;
	size_t have = strlen(buf), len = size * n;

	if (have + len < 512) {
		memcpy(buf + have, data, len);
		buf[have + len] = '\0';
	}
	return len;
}

/* GETs `path` from the server; its body, at most 511 bytes, in `body`. */
static void
server_get(const char *path, char body[512])
{
	char url[256];
	CURL *e;

	body[0] = '\0';
	snprintf(url, sizeof(url), "%s%s", base_url, path);
	assert_non_null(e = curl_easy_init());
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, keep_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, body);
	assert_int_equal(curl_easy_perform(e), CURLE_OK);
	curl_easy_cleanup(e);
}

/* The number after "key": in the JSON the server gives for `path`. */
static long
server_number(const char *path, const char *key)
{
	char body[512], pat[64];
	const char *p;

	server_get(path, body);
	snprintf(pat, sizeof(pat), "\"%s\":", key);
	if ((p = strstr(body, pat)) == NULL)
		fail_msg("no %s in %s", key, body);
	return strtol(p + strlen(pat), NULL, 10);
}

/* How often the server was asked about `number`. */
static long
attempts(const char *number)
{
	char path[64];

	snprintf(path, sizeof(path), "/attempts?number=%s", number);
	return server_number(path, "attempts");
}

/* The milliseconds between its last two asks. */
static long
gap_ms(const char *number)
{
	char path[64];

	snprintf(path, sizeof(path), "/attempts?number=%s", number);
	return server_number(path, "gap_ms");
}

static int
setup(void **state)
{
	char body[512];

	if (ts_setup(state) != 0)
		return -1;
	server_get("/reset", body);
	return 0;
}

static int
teardown(void **state)
{
	cp_verification_free(results);
	results = NULL;
	return ts_teardown(state);
}

/* ---- claims and runs --------------------------------------------------- */

/* Loads a claim whose fapiao fp1 .. fpN have the invoice numbers
 * `numbers`. */
static void
load_numbers(ts_fixture *fx, const char *const *numbers, size_t n)
{
	char text[8192];
	size_t i, len;

	len = (size_t)snprintf(text, sizeof(text), "%s",
	    TS_HEAD TS_STAY "documents:\n");
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "  - {id: fp%zu, type: fapiao, files: fp.pdf, name: SMITH "
		    "JOHN ALEXANDER, date: 2026-10-09, amount: 12850.40, "
		    "invoice: {code: \"044001500111\", number: \"%s\"}}\n",
		    i + 1, numbers[i]);
		assert_true(len < sizeof(text));
	}
	ts_assert_ok(ts_load(fx, text), &fx->err);
}

/* Options with every field that has a default left 0. */
static cp_verify_options
zero_options(void)
{
	cp_verify_options o;

	memset(&o, 0, sizeof(o));
	o.version = CP_VERIFY_OPTIONS_VERSION;
	o.service = service;
	o.now = NOW;
	return o;
}

/* Verifies the one invoice `number` with `o`: its result. */
static const cp_verify_result *
verify_one(ts_fixture *fx, const char *number, const cp_verify_options *o)
{
	load_numbers(fx, &number, 1);
	cp_verification_free(results);
	results = NULL;
	ts_assert_ok(cp_verify_run(&results, fx->claim, o, &fx->err),
	    &fx->err);
	assert_int_equal(cp_verification_count(results), 1);
	return cp_verification_at(results, 0);
}

static void
expect_status(const cp_verify_result *r, cp_verify_status status)
{
	if (r->status != status)
		fail_msg("status %s, expected %s (message: %s)",
		    cp_verify_status_name(r->status),
		    cp_verify_status_name(status), r->message);
}

/* ---- 0 is the default ------------------------------------------------- */

/* The header promises retries: 0 is the default number of retries,
 * as for jobs and the timeouts; it used to mean none. */
static void
test_verify_options__zero_retries_is_the_default(void **state)
{
	cp_verify_options o = zero_options();
	const cp_verify_result *r;
	char after[64];

	r = verify_one(*state, N_500_THEN_OK, &o);
	expect_status(r, CP_VERIFY_VALID);
	assert_int_equal(attempts(N_500_THEN_OK), 2);
	r = verify_one(*state, N_ALWAYS_503, &o);
	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	assert_int_equal(attempts(N_ALWAYS_503),
	    1 + CP_VERIFY_DEFAULT_RETRIES);
	snprintf(after, sizeof(after), "after %d attempts",
	    1 + CP_VERIFY_DEFAULT_RETRIES);
	ts_assert_contains(r->message, after);
}

/* Options left 0 behave as CP_VERIFY_OPTIONS_INIT's: the same attempts
 * for the same answers. */
static void
test_verify_options__zero_is_what_init_sets(void **state)
{
	cp_verify_options init = CP_VERIFY_OPTIONS_INIT;
	cp_verify_options zero = zero_options();
	char body[512];
	long by_zero;

	assert_int_equal(init.jobs, CP_VERIFY_DEFAULT_JOBS);
	assert_int_equal(init.timeout, CP_VERIFY_DEFAULT_TIMEOUT);
	assert_int_equal(init.connect_timeout,
	    CP_VERIFY_DEFAULT_CONNECT_TIMEOUT);
	assert_int_equal(init.retries, CP_VERIFY_DEFAULT_RETRIES);
	assert_int_equal(init.retry_after_max,
	    CP_VERIFY_DEFAULT_RETRY_AFTER_MAX);
	expect_status(verify_one(*state, N_ALWAYS_503, &zero),
	    CP_VERIFY_BAD_RESPONSE);
	by_zero = attempts(N_ALWAYS_503);
	init.service = service;
	init.now = NOW;
	server_get("/reset", body);
	expect_status(verify_one(*state, N_ALWAYS_503, &init),
	    CP_VERIFY_BAD_RESPONSE);
	assert_int_equal(attempts(N_ALWAYS_503), by_zero);
}

/* retry_after_max: 0 is the default cap (30 s), so Retry-After: 1 is
 * waited for; it used to mean that Retry-After was ignored and the
 * half-second backoff used. */
static void
test_verify_options__zero_retry_after_max_honours_retry_after(void **state)
{
	cp_verify_options o = zero_options();
	long gap;

	expect_status(verify_one(*state, N_429_THEN_OK, &o), CP_VERIFY_VALID);
	assert_int_equal(attempts(N_429_THEN_OK), 2);
	if ((gap = gap_ms(N_429_THEN_OK)) < 900)
		fail_msg("retried after %ld ms, before Retry-After: 1", gap);
}

/* jobs: 0 is the default, 4 transfers at once. */
static void
test_verify_options__zero_jobs_is_four_at_once(void **state)
{
	static const char *const slow[] = {
		"20000001", "20000002", "20000003", "20000004", "20000005",
		"20000006", "20000007", "20000008", "20000009", "20000010"
	};
	ts_fixture *fx = *state;
	cp_verify_options o = zero_options();
	size_t i;

	load_numbers(fx, slow, 10);
	ts_assert_ok(cp_verify_run(&results, fx->claim, &o, &fx->err),
	    &fx->err);
	for (i = 0; i < 10; i++)
		expect_status(cp_verification_at(results, i), CP_VERIFY_VALID);
	assert_int_equal(server_number("/stats", "max_in_progress"),
	    CP_VERIFY_DEFAULT_JOBS);
}

/* ---- CP_VERIFY_NONE ---------------------------------------------------- */

static void
test_verify_options__none_retries_tries_once(void **state)
{
	cp_verify_options o = zero_options();
	const cp_verify_result *r;

	o.retries = CP_VERIFY_NONE;
	r = verify_one(*state, N_ALWAYS_503, &o);
	expect_status(r, CP_VERIFY_BAD_RESPONSE);
	ts_assert_contains(r->message, "HTTP 503");
	assert_int_equal(attempts(N_ALWAYS_503), 1);
}

/* Retry-After: 30 ignored: the retry comes after the backoff, far
 * sooner than 30 s. */
static void
test_verify_options__none_retry_after_max_ignores_retry_after(void **state)
{
	cp_verify_options o = zero_options();
	long gap;

	o.retry_after_max = CP_VERIFY_NONE;
	expect_status(verify_one(*state, N_429_LONG, &o), CP_VERIFY_VALID);
	assert_int_equal(attempts(N_429_LONG), 2);
	if ((gap = gap_ms(N_429_LONG)) >= 20000)
		fail_msg("retried after %ld ms; Retry-After is ignored", gap);
}

/* ---- out of range ------------------------------------------------------ */

static void
expect_einval(ts_fixture *fx, const cp_verify_options *o, const char *why)
{
	cp_verification *v = NULL;

	assert_int_equal(cp_verify_run(&v, fx->claim, o, &fx->err),
	    CP_EINVAL);
	assert_null(v);
	ts_assert_contains(fx->err.message, why);
}

static void
test_verify_options__out_of_range_is_refused_before_sending(void **state)
{
	static const struct {
		unsigned jobs, timeout, connect_timeout, retries;
		const char *why;
	} cases[] = {
		{ 33, 0, 0, 0, "33 transfers at once is too many" },
		{ CP_VERIFY_NONE, 0, 0, 0, "transfers at once is too many" },
		{ 0, 0, 0, 11, "11 retries is too many" },
		{ 0, 3601, 0, 0, "at most 3600 seconds" },
		{ 0, 0, CP_VERIFY_NONE, 0, "at most 3600 seconds" },
	};
	ts_fixture *fx = *state;
	const char *number = N_ALWAYS_503;
	cp_verify_options o;
	size_t i;

	load_numbers(fx, &number, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		o = zero_options();
		o.jobs = cases[i].jobs;
		o.timeout = cases[i].timeout;
		o.connect_timeout = cases[i].connect_timeout;
		o.retries = cases[i].retries;
		expect_einval(fx, &o, cases[i].why);
	}
	o = zero_options();
	o.version = 0;
	expect_einval(fx, &o, "CP_VERIFY_OPTIONS_INIT");
	assert_int_equal(server_number("/stats", "requests"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_verify_options__zero_retries_is_the_default),
		T(test_verify_options__zero_is_what_init_sets),
		T(test_verify_options__zero_retry_after_max_honours_retry_after),
		T(test_verify_options__zero_jobs_is_four_at_once),
		T(test_verify_options__none_retries_tries_once),
		T(test_verify_options__none_retry_after_max_ignores_retry_after),
		T(test_verify_options__out_of_range_is_refused_before_sending),
#undef T
	};

	return cmocka_run_group_tests(tests, server_start, server_stop);
}
