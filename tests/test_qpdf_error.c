/* test_qpdf_error.c - the one wrapper of libqpdf's error model: a broken
 * or encrypted PDF, a failed call and a repaired file give the cp_error
 * or the message a user reads, and a handle never prints on stderr. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "pdf/qpdf_error_int.h"
#include "support.h"

/* Writes DIR/name: a one-page PDF that opens only with the password
 * "user" (AES-256), made with libqpdf itself. */
static void
write_locked_pdf(ts_fixture *fx, const char *name)
{
	char plain[1024], locked[1024];
	qpdf_data q = qpdf_init();

	assert_non_null(q);
	ts_write_pdf(fx->dir, "plain.pdf");
	snprintf(plain, sizeof(plain), "%s", ts_path(fx, "plain.pdf"));
	snprintf(locked, sizeof(locked), "%s", ts_path(fx, name));
	assert_false(qpdf_read(q, plain, "") & QPDF_ERRORS);
	assert_false(qpdf_init_write(q, locked) & QPDF_ERRORS);
	qpdf_set_r6_encryption_parameters2(q, "user", "owner", QPDF_TRUE,
	    QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
	    qpdf_r3p_full, QPDF_TRUE);
	assert_false(qpdf_write(q) & QPDF_ERRORS);
	qpdf_cleanup(&q);
}

/* A handle on which qpdf_read() of DIR/name has just failed. */
static qpdf_data
failed_read(ts_fixture *fx, const char *name)
{
	qpdf_data q = cp__qpdf_open();

	assert_non_null(q);
	assert_true(qpdf_read(q, ts_path(fx, name), "") & QPDF_ERRORS);
	return q;
}

/* A handle on an empty PDF with an error pending: asking an array for a
 * dictionary key. */
static qpdf_data
handle_with_error(void)
{
	qpdf_data q = cp__qpdf_open();

	assert_non_null(q);
	assert_false(qpdf_empty_pdf(q) & QPDF_ERRORS);
	qpdf_oh_get_key(q, qpdf_oh_new_array(q), "/Type");
	assert_true(qpdf_has_error(q));
	return q;
}

/* Sends stderr to `path` until stderr_restore(); returns the saved
 * descriptor. */
static int
stderr_to(const char *path)
{
	int saved, fd;

	fflush(stderr);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	saved = dup(2);
	if (fd < 0 || saved < 0)
		fail_msg("cannot redirect stderr to %s", path);
	dup2(fd, 2);
	close(fd);
	return saved;
}

static void
stderr_restore(int saved)
{
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
}

static long
file_size(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		fail_msg("cannot stat %s", path);
	return (long)st.st_size;
}

static void
test_qpdf_error__broken_pdf_is_eio_naming_the_file(void **state)
{
	ts_fixture *fx = *state;
	qpdf_data q;

	ts_write_text(fx->dir, "junk.pdf", "%PDF-1.7\nthis is not a PDF at "
	    "all, only a header and some text\n");
	q = failed_read(fx, "junk.pdf");
	assert_int_equal(cp__qpdf_fail_read(&fx->err, q,
	    ts_path(fx, "junk.pdf")), CP_EIO);
	assert_int_equal(fx->err.code, CP_EIO);
	assert_string_equal(fx->err.path, ts_path(fx, "junk.pdf"));
	assert_true(strncmp(fx->err.message, "cannot read this PDF: ", 22) ==
	    0);
	/* libqpdf's own reason follows, not the stand-in for none. */
	assert_true(strlen(fx->err.message) > 22);
	assert_null(strstr(fx->err.message, "libqpdf gave no reason"));
	assert_false(qpdf_has_error(q));
	cp__qpdf_close(&q);
	assert_null(q);
}

static void
test_qpdf_error__missing_file_gives_libqpdfs_reason(void **state)
{
	ts_fixture *fx = *state;
	qpdf_data q = failed_read(fx, "not-there.pdf");
	char detail[512];

	assert_int_not_equal(cp__qpdf_take_error(q, detail, sizeof(detail)),
	    qpdf_e_password);
	assert_non_null(strstr(detail, "not-there.pdf"));
	assert_false(qpdf_has_error(q));
	cp__qpdf_close(&q);
}

static void
test_qpdf_error__encrypted_pdf_says_a_password_is_needed(void **state)
{
	ts_fixture *fx = *state;
	qpdf_data q;

	write_locked_pdf(fx, "locked.pdf");
	q = failed_read(fx, "locked.pdf");
	assert_int_equal(cp__qpdf_fail_read(&fx->err, q,
	    ts_path(fx, "locked.pdf")), CP_EIO);
	assert_string_equal(fx->err.path, ts_path(fx, "locked.pdf"));
	assert_string_equal(fx->err.message,
	    "encrypted PDF (a password is needed to open it)");
	cp__qpdf_close(&q);
}

static void
test_qpdf_error__password_error_is_told_from_damage(void **state)
{
	ts_fixture *fx = *state;
	qpdf_data q;
	char detail[512];

	write_locked_pdf(fx, "locked.pdf");
	q = failed_read(fx, "locked.pdf");
	assert_int_equal(cp__qpdf_take_error(q, detail, sizeof(detail)),
	    qpdf_e_password);
	cp__qpdf_close(&q);
	ts_write_text(fx->dir, "junk.pdf", "%PDF-1.7\nnothing else\n");
	q = failed_read(fx, "junk.pdf");
	assert_int_not_equal(cp__qpdf_take_error(q, detail, sizeof(detail)),
	    qpdf_e_password);
	cp__qpdf_close(&q);
}

static void
test_qpdf_error__fail_names_the_path_and_what_failed(void **state)
{
	ts_fixture *fx = *state;
	qpdf_data q = handle_with_error();

	assert_int_equal(cp__qpdf_fail(&fx->err, q, "bundle.pdf",
	    "cannot stamp page 3"), CP_EIO);
	assert_int_equal(fx->err.code, CP_EIO);
	assert_string_equal(fx->err.path, "bundle.pdf");
	assert_true(strncmp(fx->err.message, "cannot stamp page 3: ", 21) ==
	    0);
	assert_non_null(strstr(fx->err.message, "dictionary"));
	assert_false(qpdf_has_error(q));
	cp__qpdf_close(&q);
}

static void
test_qpdf_error__check_passes_without_an_error(void **state)
{
	ts_fixture *fx = *state;
	qpdf_data q = handle_with_error();

	assert_int_equal(cp__qpdf_check(&fx->err, q, NULL, "cannot copy"),
	    CP_EIO);
	assert_string_equal(fx->err.path, "");
	memset(&fx->err, 0, sizeof(fx->err));
	assert_int_equal(cp__qpdf_check(&fx->err, q, NULL, "cannot copy"),
	    CP_OK);
	assert_int_equal(fx->err.code, 0);
	assert_string_equal(fx->err.message, "");
	cp__qpdf_close(&q);
}

static void
test_qpdf_error__ok_drops_a_damaged_parts_error(void **state)
{
	qpdf_data q = handle_with_error();

	(void)state;
	assert_false(cp__qpdf_ok(q));
	assert_false(qpdf_has_error(q));
	assert_true(cp__qpdf_ok(q));
	cp__qpdf_close(&q);
}

static void
test_qpdf_error__no_error_pending_says_so(void **state)
{
	qpdf_data q = cp__qpdf_open();
	char detail[64];

	(void)state;
	assert_non_null(q);
	assert_int_equal(cp__qpdf_take_error(q, detail, sizeof(detail)),
	    qpdf_e_success);
	assert_string_equal(detail, "libqpdf gave no reason");
	cp__qpdf_close(&q);
}

static void
test_qpdf_error__repaired_pdf_gives_its_warning(void **state)
{
	ts_fixture *fx = *state;
	qpdf_data q;
	char pdf[2048], detail[512];

	ts_write_bytes(fx->dir, "shifted.pdf", pdf,
	    ts_pdf_bytes(pdf, sizeof(pdf), 7));
	ts_write_pdf(fx->dir, "good.pdf");

	assert_non_null(q = cp__qpdf_open());
	assert_false(qpdf_read(q, ts_path(fx, "shifted.pdf"), "") &
	    QPDF_ERRORS);
	/* libqpdf reads objects, and finds the damage, when asked for them. */
	assert_int_equal(qpdf_get_num_pages(q), 1);
	assert_true(cp__qpdf_take_warning(q, detail, sizeof(detail)));
	assert_true(strlen(detail) > 0);
	cp__qpdf_close(&q);

	assert_non_null(q = cp__qpdf_open());
	assert_false(qpdf_read(q, ts_path(fx, "good.pdf"), "") &
	    QPDF_ERRORS);
	assert_int_equal(qpdf_get_num_pages(q), 1);
	strcpy(detail, "untouched");
	assert_false(cp__qpdf_take_warning(q, detail, sizeof(detail)));
	assert_string_equal(detail, "untouched");
	cp__qpdf_close(&q);
}

/* libqpdf prints an error as it happens on a handle that is not silenced,
 * and qpdf_cleanup() prints one nobody took: the library must not. */
static void
test_qpdf_error__handles_print_nothing(void **state)
{
	ts_fixture *fx = *state;
	char log[1024];
	qpdf_data q, r;
	int saved;

	snprintf(log, sizeof(log), "%s", ts_path(fx, "stderr.txt"));
	/* No cmocka assertion while stderr is away: its message would be
	 * lost. */
	saved = stderr_to(log);
	if ((q = cp__qpdf_open()) != NULL &&
	    !(qpdf_empty_pdf(q) & QPDF_ERRORS))
		qpdf_oh_get_key(q, qpdf_oh_new_array(q), "/Type");
	if ((r = cp__qpdf_open()) != NULL)
		qpdf_read(r, ts_path(fx, "not-there.pdf"), "");
	cp__qpdf_close(&q);
	cp__qpdf_close(&r);
	cp__qpdf_close(&r);
	stderr_restore(saved);
	assert_null(q);
	assert_null(r);
	assert_int_equal(file_size(log), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_qpdf_error__broken_pdf_is_eio_naming_the_file),
		TS_TEST(test_qpdf_error__missing_file_gives_libqpdfs_reason),
		TS_TEST(test_qpdf_error__encrypted_pdf_says_a_password_is_needed),
		TS_TEST(test_qpdf_error__password_error_is_told_from_damage),
		TS_TEST(test_qpdf_error__fail_names_the_path_and_what_failed),
		TS_TEST(test_qpdf_error__check_passes_without_an_error),
		TS_TEST(test_qpdf_error__ok_drops_a_damaged_parts_error),
		TS_TEST(test_qpdf_error__no_error_pending_says_so),
		TS_TEST(test_qpdf_error__repaired_pdf_gives_its_warning),
		TS_TEST(test_qpdf_error__handles_print_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
