/* qpdf_error.c - libqpdf's error model, wrapped once (see qpdf_error_int.h). */
#include <stdio.h>

#include "pdf/qpdf_error_int.h"
#include "util/error.h"

/* Long enough for libqpdf's messages, which name the file, the object
 * and the offset; cp_error's message cuts what does not fit. */
#define DETAIL_MAX 800

/* Copies the message of `e`, which belongs to `q`, before the next call
 * on `q` invalidates it. */
static void
copy_message(qpdf_data q, qpdf_error e, char *buf, size_t size)
{
	const char *detail = e != NULL ? qpdf_get_error_message_detail(q, e) :
	    NULL;

	snprintf(buf, size, "%s", detail != NULL && detail[0] ? detail :
	    "libqpdf gave no reason");
}

qpdf_data
cp__qpdf_open(void)
{
	qpdf_data q = qpdf_init();

	if (q != NULL) {
		qpdf_silence_errors(q);
		qpdf_set_suppress_warnings(q, QPDF_TRUE);
	}
	return q;
}

void
cp__qpdf_close(qpdf_data *q)
{
	if (*q == NULL)
		return;
	/* qpdf_get_error() is what takes an error off the handle. */
	if (qpdf_has_error(*q))
		(void)qpdf_get_error(*q);
	qpdf_cleanup(q);
	*q = NULL;
}

enum qpdf_error_code_e
cp__qpdf_take_error(qpdf_data q, char *buf, size_t size)
{
	qpdf_error e = qpdf_get_error(q);

	copy_message(q, e, buf, size);
	return e != NULL ? qpdf_get_error_code(q, e) : qpdf_e_success;
}

bool
cp__qpdf_take_warning(qpdf_data q, char *buf, size_t size)
{
	if (!qpdf_more_warnings(q))
		return false;
	copy_message(q, qpdf_next_warning(q), buf, size);
	return true;
}

int
cp__qpdf_fail(cp_error *err, qpdf_data q, const char *path,
    const char *what)
{
	char detail[DETAIL_MAX];

	cp__qpdf_take_error(q, detail, sizeof(detail));
	return cp__error_set(err, CP_EIO, path, 0, 0, "%s: %s", what, detail);
}

int
cp__qpdf_check(cp_error *err, qpdf_data q, const char *path,
    const char *what)
{
	if (!qpdf_has_error(q))
		return CP_OK;
	return cp__qpdf_fail(err, q, path, what);
}

int
cp__qpdf_fail_read(cp_error *err, qpdf_data q, const char *path)
{
	char detail[DETAIL_MAX];

	if (cp__qpdf_take_error(q, detail, sizeof(detail)) == qpdf_e_password)
		return cp__error_set(err, CP_EIO, path, 0, 0, "encrypted PDF "
		    "(a password is needed to open it)");
	return cp__error_set(err, CP_EIO, path, 0, 0,
	    "cannot read this PDF: %s", detail);
}

bool
cp__qpdf_ok(qpdf_data q)
{
	if (!qpdf_has_error(q))
		return true;
	(void)qpdf_get_error(q);
	return false;
}
