/*
 * test_fsio.c - whole-file reads with a bound, and files replaced
 * atomically: on disk before they are renamed into place, with the mode
 * the umask gives, and without the library ever changing the umask.
 *
 * This program replaces umask, fsync and rename for the library's own
 * code (linked in statically; the replacements are hidden, so shared
 * libraries keep glibc's) to see what it calls and in which order.
 */
#define _GNU_SOURCE     /* syscall */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "support.h"
#include "util/fsio.h"

/* ---- what the library calls ------------------------------------------- */

typedef struct {
	char what;              /* 'f' fsync, 'r' rename */
	dev_t dev;
	ino_t ino;              /* the file synced or renamed */
	int is_dir;
} event;

static event events[256];
static size_t nevents;
static int umask_calls;

static void
note(char what, const struct stat *st)
{
	if (nevents < sizeof(events) / sizeof(events[0]))
		events[nevents++] = (event){ what, st->st_dev, st->st_ino,
		    S_ISDIR(st->st_mode) };
}

__attribute__((visibility("hidden"))) mode_t
umask(mode_t mask)
{
	umask_calls++;
	return (mode_t)syscall(SYS_umask, mask);
}

__attribute__((visibility("hidden"))) int
fsync(int fd)
{
	struct stat st;

	if (fstat(fd, &st) == 0)
		note('f', &st);
	return (int)syscall(SYS_fsync, fd);
}

__attribute__((visibility("hidden"))) int
rename(const char *from, const char *to)
{
	struct stat st;

	if (stat(from, &st) == 0)
		note('r', &st);
	return (int)syscall(SYS_renameat, AT_FDCWD, from, AT_FDCWD, to);
}

static void
reset_events(void)
{
	nevents = 0;
	umask_calls = 0;
}

/*
 * `path` was put in place the safe way: renamed there after its data
 * was synced, and its folder synced after the rename; and it has the
 * mode a new file gets under umask 027 (0640).
 */
static void
expect_safely_replaced(const char *path)
{
	struct stat st, dir;
	char folder[1024], *slash;
	size_t i, synced = SIZE_MAX, renamed = SIZE_MAX, dir_synced = SIZE_MAX;

	assert_int_equal(stat(path, &st), 0);
	snprintf(folder, sizeof(folder), "%s", path);
	if ((slash = strrchr(folder, '/')) != NULL)
		*slash = '\0';
	assert_int_equal(stat(folder, &dir), 0);
	for (i = 0; i < nevents; i++) {
		const event *e = &events[i];

		if (e->what == 'f' && e->ino == st.st_ino &&
		    e->dev == st.st_dev && synced == SIZE_MAX)
			synced = i;
		if (e->what == 'r' && e->ino == st.st_ino &&
		    e->dev == st.st_dev)
			renamed = i;
		if (e->what == 'f' && e->ino == dir.st_ino &&
		    e->dev == dir.st_dev && renamed != SIZE_MAX)
			dir_synced = i;
	}
	if (renamed == SIZE_MAX)
		fail_msg("%s was not renamed into place", path);
	if (synced == SIZE_MAX || synced > renamed)
		fail_msg("%s was renamed into place before it was on disk "
		    "(no fsync of the file first)", path);
	if (dir_synced == SIZE_MAX)
		fail_msg("the folder of %s was not synced after the rename",
		    path);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(umask_calls, 0);
}

/* ---- the atomic writer ------------------------------------------------ */

static void
test_fsio__atomic_file_is_synced_renamed_and_umask_moded(void **state)
{
	ts_fixture *fx = *state;
	cp__atomic a;
	char *text;
	size_t len;

	ts_write_text(fx->dir, "results.json", "old\n");
	umask(027);
	reset_events();
	assert_int_equal(cp__atomic_open(&a, ts_path(fx, "results.json"),
	    NULL, NULL, &fx->err), CP_OK);
	assert_int_equal(cp__atomic_write(&a, "new\n", 4, &fx->err), CP_OK);
	/* Until the commit, readers see the old file. */
	assert_int_equal(cp__file_read(&text, &len, ts_path(fx,
	    "results.json"), 100, "a test file", CP_EIO, &fx->err), CP_OK);
	assert_string_equal(text, "old\n");
	free(text);
	assert_int_equal(cp__atomic_commit(&a, &fx->err), CP_OK);
	cp__atomic_free(&a);
	expect_safely_replaced(ts_path(fx, "results.json"));
	assert_int_equal(cp__file_read(&text, &len, ts_path(fx,
	    "results.json"), 100, "a test file", CP_EIO, &fx->err), CP_OK);
	assert_string_equal(text, "new\n");
	free(text);
	umask(022);
}

/* Names every temporary file it was told of, to see they are gone. */
static char told[8][1024];
static size_t ntold;

static void
on_name(void *ctx, const char *name)
{
	(void)ctx;
	if (ntold < 8)
		snprintf(told[ntold++], sizeof(told[0]), "%s", name);
}

static void
test_fsio__abandoned_file_leaves_nothing(void **state)
{
	ts_fixture *fx = *state;
	struct dirent *de;
	cp__atomic a;
	DIR *dir;

	ntold = 0;
	assert_int_equal(cp__atomic_open(&a, ts_path(fx, "out.pdf"), on_name,
	    NULL, &fx->err), CP_OK);
	assert_int_equal(cp__atomic_write(&a, "half", 4, &fx->err), CP_OK);
	cp__atomic_free(&a);
	assert_non_null(dir = opendir(fx->dir));
	while ((de = readdir(dir)) != NULL)
		if (de->d_name[0] != '.' || (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0))
			fail_msg("left %s", de->d_name);
	closedir(dir);
	/* A named temporary file was reported; a nameless one has none. */
	assert_true(ntold <= 1);
}

static void
test_fsio__commit_names_the_file_only_at_the_end(void **state)
{
	ts_fixture *fx = *state;
	cp__atomic a;
	struct stat st;

	ntold = 0;
	assert_int_equal(cp__atomic_open(&a, ts_path(fx, "out.pdf"), on_name,
	    NULL, &fx->err), CP_OK);
	assert_int_equal(cp__atomic_write(&a, "whole", 5, &fx->err), CP_OK);
	assert_int_equal(cp__atomic_commit(&a, &fx->err), CP_OK);
	cp__atomic_free(&a);
	/* Each name it reported is gone; the file is in place. */
	assert_true(ntold >= 1);
	assert_int_not_equal(stat(told[ntold - 1], &st), 0);
	assert_int_equal(stat(ts_path(fx, "out.pdf"), &st), 0);
	assert_int_equal(st.st_size, 5);
}

/* ---- the bounded reader ------------------------------------------------ */

static void
test_fsio__read_is_bounded_and_names_what_is_wrong(void **state)
{
	ts_fixture *fx = *state;
	char *text = NULL, big[300];
	size_t len;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ts_write_text(fx->dir, "big.yaml", big);
	assert_int_equal(cp__file_read(&text, &len, ts_path(fx, "big.yaml"),
	    256, "a YAML file", CP_EMANIFEST, &fx->err), CP_EMANIFEST);
	assert_null(text);
	assert_string_equal(fx->err.message, "is larger than 256 bytes, too "
	    "large for a YAML file");
	assert_int_equal(cp__file_read(&text, &len, ts_path(fx, "big.yaml"),
	    299, "a YAML file", CP_EMANIFEST, &fx->err), CP_OK);
	assert_int_equal(len, 299);
	assert_int_equal(text[299], '\0');
	free(text);

	ts_mkdir(fx->dir, "folder");
	assert_int_equal(cp__file_read(&text, &len, ts_path(fx, "folder"),
	    256, "a YAML file", CP_EMANIFEST, &fx->err), CP_EIO);
	assert_string_equal(fx->err.message, "is a folder, not a YAML file");
	/* A FIFO must not hang the read. */
	assert_int_equal(mkfifo(ts_path(fx, "fifo"), 0600), 0);
	assert_int_equal(cp__file_read(&text, &len, ts_path(fx, "fifo"),
	    256, "a YAML file", CP_EMANIFEST, &fx->err), CP_EIO);
	assert_string_equal(fx->err.message, "is not a regular file; "
	    "expected a YAML file");
}

/* ---- the files the library writes through its public API ------------- */

static void
test_fsio__verification_results_replace_the_file_safely(void **state)
{
	ts_fixture *fx = *state;
	cp_verification *v = NULL;
	char path[1024];

	/* A results file as verify writes it, read back and written again. */
	ts_write_text(fx->dir, "claim.verify.json", "{\"claimpack_verify\":1,"
	    "\"results\":[]}\n");
	snprintf(path, sizeof(path), "%s", ts_path(fx, "claim.verify.json"));
	if (cp_verification_load(&v, path, &fx->err) != CP_OK)
		fail_msg("%s", fx->err.message);
	umask(027);
	reset_events();
	assert_int_equal(cp_verification_write(v, path, &fx->err), CP_OK);
	expect_safely_replaced(path);
	umask(022);
	cp_verification_free(v);
}

static void
test_fsio__bundle_is_put_in_place_safely(void **state)
{
	ts_fixture *fx = *state;
	cp_build_options opts = CP_BUILD_OPTIONS_INIT;
	char out[1024];

	ts_write_standard_files(fx);
	ts_check(fx, TS_COMPLETE, NULL);
	snprintf(out, sizeof(out), "%s", ts_path(fx, "bundle.pdf"));
	ts_write_text(fx->dir, "bundle.pdf", "an older bundle\n");
	opts.cover_only = 1;
	umask(027);
	reset_events();
	if (cp_bundle_build(fx->claim, fx->tpl, fx->report, out, &opts, NULL,
	    &fx->err) != CP_OK)
		fail_msg("%s", fx->err.message);
	expect_safely_replaced(out);
	umask(022);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_fsio__atomic_file_is_synced_renamed_and_umask_moded),
		TS_TEST(test_fsio__abandoned_file_leaves_nothing),
		TS_TEST(test_fsio__commit_names_the_file_only_at_the_end),
		TS_TEST(test_fsio__read_is_bounded_and_names_what_is_wrong),
		TS_TEST(test_fsio__verification_results_replace_the_file_safely),
		TS_TEST(test_fsio__bundle_is_put_in_place_safely),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
