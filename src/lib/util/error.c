/* error.c - filling and formatting cp_error. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

int
cp__error_set(cp_error *err, int code, const char *path, int line,
    int column, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	memset(err, 0, sizeof(*err));
	err->code = code;
	if (path != NULL)
		snprintf(err->path, sizeof(err->path), "%s", path);
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	/* Values are cut to a number of bytes in messages ("%.40s"), and
	 * so is the whole message: never hand out half a character. */
	cp__utf8_clean(err->message);
	cp__utf8_clean(err->path);
	return code;
}

const char *
cp_error_format(const cp_error *err, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	if (err == NULL) {
		snprintf(buf, size, "unknown error");
	} else if (err->path[0] && err->line > 0 && err->column > 0) {
		snprintf(buf, size, "%s:%d:%d: %s", err->path, err->line,
		    err->column, err->message);
	} else if (err->path[0] && err->line > 0) {
		snprintf(buf, size, "%s:%d: %s", err->path, err->line,
		    err->message);
	} else if (err->path[0]) {
		snprintf(buf, size, "%s: %s", err->path, err->message);
	} else {
		snprintf(buf, size, "%s", err->message);
	}
	return buf;
}

cp_error_list *
cp__error_list_new(void)
{
	return calloc(1, sizeof(cp_error_list));
}

int
cp__error_list_add(cp_error_list *list, const cp_error *e)
{
	cp_error *grown;
	size_t cap;

	if (list->count < CP_ERROR_LIST_MAX) {
		if (list->count == list->cap) {
			cap = list->cap ? list->cap * 2 : 8;
			if (cap > CP_ERROR_LIST_MAX)
				cap = CP_ERROR_LIST_MAX;
			if ((grown = realloc(list->items,
			    cap * sizeof(*grown))) == NULL)
				return CP_ENOMEM;
			list->items = grown;
			list->cap = cap;
		}
		list->items[list->count++] = *e;
	}
	list->total++;
	return CP_OK;
}

/* Whether `a` stands before `b` in the file; an error without a line
 * comes after every error with one. */
static bool
before(const cp_error *a, const cp_error *b)
{
	if (a->line <= 0)
		return false;
	if (b->line <= 0)
		return true;
	if (a->line != b->line)
		return a->line < b->line;
	return a->column < b->column;
}

void
cp__error_list_sort(cp_error_list *list)
{
	cp_error tmp;
	size_t i, j;

	/* Insertion sort: stable, and a list holds at most
	 * CP_ERROR_LIST_MAX errors. */
	for (i = 1; i < list->count; i++) {
		tmp = list->items[i];
		for (j = i; j > 0 && before(&tmp, &list->items[j - 1]); j--)
			list->items[j] = list->items[j - 1];
		list->items[j] = tmp;
	}
}

size_t
cp_error_list_count(const cp_error_list *list)
{
	return list != NULL ? list->count : 0;
}

size_t
cp_error_list_total(const cp_error_list *list)
{
	return list != NULL ? list->total : 0;
}

const cp_error *
cp_error_list_at(const cp_error_list *list, size_t i)
{
	return list != NULL && i < list->count ? &list->items[i] : NULL;
}

int
cp_error_list_to_json(char **out, const cp_error_list *list, cp_error *err)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const cp_error *e;
	size_t i;

	*out = NULL;
	cp__strbuf_puts(&sb, "[");
	for (i = 0; i < cp_error_list_count(list); i++) {
		e = &list->items[i];
		cp__strbuf_puts(&sb, i ? ",{\"file\":" : "{\"file\":");
		cp__strbuf_json_string(&sb, e->path);
		cp__strbuf_printf(&sb, ",\"line\":%d,\"column\":%d,"
		    "\"message\":", e->line > 0 ? e->line : 0,
		    e->column > 0 ? e->column : 0);
		cp__strbuf_json_string(&sb, e->message);
		cp__strbuf_puts(&sb, "}");
	}
	cp__strbuf_puts(&sb, "]");
	if ((*out = cp__strbuf_detach(&sb)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}

void
cp_error_list_free(cp_error_list *list)
{
	if (list == NULL)
		return;
	free(list->items);
	free(list);
}
