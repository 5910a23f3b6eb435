/* error.h - filling a caller's cp_error. */
#ifndef CP_ERROR_H
#define CP_ERROR_H

#include "claimpack.h"

/*
 * Fills `err` (when not NULL) with `code`, the path, 1-based line and
 * column (0 when unknown) and a printf-formatted message; returns `code`
 * so that callers can write `return cp__error_set(err, CP_EIO, ...)`.
 */
int cp__error_set(cp_error *err, int code, const char *path, int line,
    int column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
