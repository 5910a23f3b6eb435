/* error.c - filling and formatting cp_error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"
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
