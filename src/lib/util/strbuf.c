/* strbuf.c - a growable string; allocating printf. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static bool
grow(cp__strbuf *sb, size_t extra)
{
	size_t need, cap;
	char *p;

	if (sb->failed)
		return false;
	if (extra > SIZE_MAX - sb->len - 1) {
		sb->failed = true;
		return false;
	}
	need = sb->len + extra + 1;
	if (need <= sb->cap)
		return true;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if ((p = realloc(sb->data, cap)) == NULL) {
		sb->failed = true;
		return false;
	}
	sb->data = p;
	sb->cap = cap;
	return true;
}

void
cp__strbuf_add(cp__strbuf *sb, const char *s, size_t len)
{
	if (!grow(sb, len))
		return;
	memcpy(sb->data + sb->len, s, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
}

void
cp__strbuf_puts(cp__strbuf *sb, const char *s)
{
	cp__strbuf_add(sb, s, strlen(s));
}

void
cp__strbuf_printf(cp__strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = cp__vsprintf(fmt, ap);
	va_end(ap);
	if (s == NULL) {
		sb->failed = true;
		return;
	}
	cp__strbuf_puts(sb, s);
	free(s);
}

void
cp__strbuf_json_string(cp__strbuf *sb, const char *s)
{
	const unsigned char *p;
	char esc[8];

	cp__strbuf_add(sb, "\"", 1);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  cp__strbuf_add(sb, "\\\"", 2); break;
		case '\\': cp__strbuf_add(sb, "\\\\", 2); break;
		case '\n': cp__strbuf_add(sb, "\\n", 2); break;
		case '\r': cp__strbuf_add(sb, "\\r", 2); break;
		case '\t': cp__strbuf_add(sb, "\\t", 2); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				cp__strbuf_add(sb, esc, 6);
			} else {
				cp__strbuf_add(sb, (const char *)p, 1);
			}
		}
	}
	cp__strbuf_add(sb, "\"", 1);
}

char *
cp__strbuf_detach(cp__strbuf *sb)
{
	char *s;

	if (sb->failed || sb->data == NULL) {
		s = sb->failed ? NULL : cp__strdup("");
		cp__strbuf_free(sb);
		return s;
	}
	s = sb->data;
	sb->data = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
cp__strbuf_free(cp__strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
	sb->failed = false;
}

char *
cp__strdup(const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	if ((d = malloc(n)) != NULL)
		memcpy(d, s, n);
	return d;
}

char *
cp__vsprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
cp__sprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = cp__vsprintf(fmt, ap);
	va_end(ap);
	return s;
}
