/* qpdf_error_int.h - libqpdf's error model, wrapped once.  Private to pdf/.
 *
 * libqpdf's C API records a failure on the handle the call was made on
 * (for qpdf_oh_copy_foreign_object(), on the handle copied FROM) and
 * otherwise returns a harmless value; even asking a number for a
 * dictionary key counts.  The message lives only until the next
 * qpdf_get_error(), qpdf_next_warning() or qpdf_cleanup(), and
 * qpdf_cleanup() prints on stderr an error nobody took.  Every libqpdf
 * handle in pdf/ is made, read for errors and closed with these, so the
 * library never prints and every failure becomes a cp_error naming the
 * file and libqpdf's reason.
 */
#ifndef CP_QPDF_ERROR_INT_H
#define CP_QPDF_ERROR_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <qpdf/qpdf-c.h>

#include "claimpack.h"

/*
 * A new libqpdf handle that prints nothing: errors are silenced (the
 * caller checks qpdf_has_error()) and warnings suppressed (they are kept
 * for cp__qpdf_take_warning()).  Returns NULL when out of memory; the
 * caller closes the handle with cp__qpdf_close().
 */
qpdf_data cp__qpdf_open(void);

/* Closes *q and sets it to NULL, first taking off any pending error so
 * that qpdf_cleanup() has nothing to print.  A NULL *q does nothing. */
void cp__qpdf_close(qpdf_data *q);

/*
 * Takes the pending error off `q` (qpdf_has_error() is false afterwards)
 * and copies its message into `buf` ("libqpdf gave no reason" when it gave
 * none, or no error was pending).  Returns the error's code:
 * qpdf_e_password when the file needs a password to open, and
 * qpdf_e_success when no error was pending.
 */
enum qpdf_error_code_e cp__qpdf_take_error(qpdf_data q, char *buf,
    size_t size);

/* Copies the message of the first warning on `q` not yet taken into
 * `buf` and returns true; false (buf untouched) when there is none. */
bool cp__qpdf_take_warning(qpdf_data q, char *buf, size_t size);

/*
 * Takes the pending error off `q` and fills `err` with CP_EIO, `path`
 * (NULL: the failure concerns no file) and "WHAT: libqpdf's reason".
 * Returns CP_EIO.
 */
int cp__qpdf_fail(cp_error *err, qpdf_data q, const char *path,
    const char *what);

/* For checking after calls that return nothing: CP_OK when no error is
 * pending on `q`, else cp__qpdf_fail(err, q, path, what). */
int cp__qpdf_check(cp_error *err, qpdf_data q, const char *path,
    const char *what);

/*
 * After qpdf_read() of `path` failed on `q`: takes the error off and
 * fills `err` with CP_EIO naming `path` and, when a password is needed,
 * "encrypted PDF (a password is needed to open it)", else "cannot read
 * this PDF: libqpdf's reason".  Returns CP_EIO.
 */
int cp__qpdf_fail_read(cp_error *err, qpdf_data q, const char *path);

/*
 * For reading parts of a file that may be damaged, where a failure only
 * means "this part is unusable": true when no error is pending on `q`;
 * else the error is taken off and dropped, and false returned.
 */
bool cp__qpdf_ok(qpdf_data q);

#endif
