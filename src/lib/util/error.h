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

/* A list of errors: what cp_error_list is. */
struct cp_error_list {
	cp_error *items;
	size_t count;       /* held, at most CP_ERROR_LIST_MAX */
	size_t cap;
	size_t total;       /* found: held and only counted */
};

/* A new empty list, or NULL when out of memory. */
cp_error_list *cp__error_list_new(void);

/* Adds a copy of `e`, or only counts it once the list holds
 * CP_ERROR_LIST_MAX.  Returns CP_OK or CP_ENOMEM. */
int cp__error_list_add(cp_error_list *list, const cp_error *e);

/* Puts the errors in the order of the file: by line, then column, those
 * without a line last; errors at one place keep their order. */
void cp__error_list_sort(cp_error_list *list);

#endif
