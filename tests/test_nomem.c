/*
 * test_nomem.c - running out of memory is CP_ENOMEM, never a fault of
 * the file.
 *
 * This program replaces malloc, calloc and realloc for the library's own
 * code (linked into it statically) to make the n-th allocation fail, for
 * every n until a load runs without meeting one.  The replacements are
 * hidden, so that the shared libraries keep glibc's allocator: libfyaml
 * 0.7.12 itself crashes (fy_parse_input_append) when one of its own
 * allocations fails, which claimpack cannot mend.
 * Whichever allocation fails, loading a valid manifest or template must
 * return CP_OK or CP_ENOMEM ("out of memory", no line or column), never
 * CP_EMANIFEST or CP_ETEMPLATE as if the file were wrong.
 *
 * Under AddressSanitizer, which replaces the allocator itself, the
 * tests are skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#if defined(__SANITIZE_ADDRESS__)
#define NOMEM_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NOMEM_SKIP 1
#endif
#endif

#ifndef NOMEM_SKIP
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

/* Allocations left before the one that fails; -1: none fails. */
static long countdown = -1;
static int injected;

static int
fail_now(void)
{
	if (countdown < 0)
		return 0;
	if (countdown-- == 0) {
		injected = 1;
		return 1;
	}
	return 0;
}

__attribute__((visibility("hidden"))) void *
malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

__attribute__((visibility("hidden"))) void *
calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __libc_calloc(n, size);
}

__attribute__((visibility("hidden"))) void *
realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __libc_realloc(p, n);
}

__attribute__((visibility("hidden"))) void
free(void *p)
{
	__libc_free(p);
}
#endif

/* What loading under an allocation failure may give. */
static void
expect_ok_or_nomem(int rc, const cp_error *err, long n, const char *what)
{
	if (rc == CP_OK)
		return;
	if (rc != CP_ENOMEM)
		fail_msg("%s, allocation %ld failing: status %d, \"%s\" at "
		    "line %d; expected CP_OK or CP_ENOMEM", what, n, rc,
		    err->message, err->line);
	if (err->code != CP_ENOMEM || err->line != 0 ||
	    strstr(err->message, "out of memory") == NULL)
		fail_msg("%s, allocation %ld failing: CP_ENOMEM with \"%s\" "
		    "at line %d", what, n, err->message, err->line);
}

#ifndef NOMEM_SKIP
typedef int (*load_fn)(void *out, const char *path, cp_error *err);

static int
load_claim(void *out, const char *path, cp_error *err)
{
	return cp_claim_load((cp_claim **)out, path, err);
}

static int
load_template(void *out, const char *path, cp_error *err)
{
	return cp_template_load((cp_template **)out, path, err);
}

/* Loads `path` with each allocation failing in turn. */
static void
sweep(load_fn load, const char *path, const char *what,
    void (*release)(void *))
{
	void *obj;
	cp_error err;
	long n;
	int rc;

	for (n = 0; n < 100000; n++) {
		obj = NULL;
		memset(&err, 0, sizeof(err));
		injected = 0;
		countdown = n;
		rc = load(&obj, path, &err);
		countdown = -1;
		expect_ok_or_nomem(rc, &err, n, what);
		if (rc == CP_OK)
			assert_non_null(obj);
		else
			assert_null(obj);
		release(obj);
		if (!injected)
			return;         /* every allocation went through */
	}
	fail_msg("%s: more than 100000 allocations", what);
}

static void
release_claim(void *p)
{
	cp_claim_free(p);
}

static void
release_template(void *p)
{
	cp_template_free(p);
}
#endif

static void
test_nomem__manifest_out_of_memory_is_enomem(void **state)
{
#ifdef NOMEM_SKIP
	(void)state;
	skip();
#else
	ts_fixture *fx = *state;

	ts_write_text(fx->dir, "claim.yaml", TS_COMPLETE);
	sweep(load_claim, ts_path(fx, "claim.yaml"), "the manifest",
	    release_claim);
#endif
}

static void
test_nomem__template_out_of_memory_is_enomem(void **state)
{
#ifdef NOMEM_SKIP
	(void)state;
	skip();
#else
	ts_fixture *fx = *state;
	static const char text[] =
	    "claimpack_template: 1\n"
	    "name: insurer\n"
	    "title: {en: Claim, zh: 理赔}\n"
	    "grace_days: 10\n"
	    "sections:\n"
	    "  - {en: Records, zh: 病历, types: [discharge_summary]}\n"
	    "  - {en: Money, zh: 费用, types: [fapiao, expense_list]}\n"
	    "required:\n"
	    "  inpatient: [fapiao, [expense_list, discharge_summary]]\n";

	ts_write_text(fx->dir, "insurer.yaml", text);
	sweep(load_template, ts_path(fx, "insurer.yaml"), "a template file",
	    release_template);
	sweep(load_template, "reimbursement", "the built-in template",
	    release_template);
#endif
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_nomem__manifest_out_of_memory_is_enomem),
		TS_TEST(test_nomem__template_out_of_memory_is_enomem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
