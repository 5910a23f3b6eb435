/* strbuf.h - a growable NUL-terminated string, and allocating printf. */
#ifndef CP_STRBUF_H
#define CP_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *data;     /* NUL-terminated once anything was added */
	size_t len;
	size_t cap;
	bool failed;    /* an allocation failed; the content is incomplete */
} cp__strbuf;

#define CP__STRBUF_INIT { NULL, 0, 0, false }

void cp__strbuf_add(cp__strbuf *sb, const char *s, size_t len);
void cp__strbuf_puts(cp__strbuf *sb, const char *s);
void cp__strbuf_printf(cp__strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends `s` as a JSON string literal, quotes included. */
void cp__strbuf_json_string(cp__strbuf *sb, const char *s);
/* Hands the string to the caller (free() it); NULL if anything failed.
 * The buffer is empty again afterwards. */
char *cp__strbuf_detach(cp__strbuf *sb);
void cp__strbuf_free(cp__strbuf *sb);

/* strdup that accepts NULL (returning NULL). */
char *cp__strdup(const char *s);
/* printf into a new string the caller frees; NULL when out of memory. */
char *cp__sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *cp__vsprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

#endif
