/* linebreak.c - where a line of claimpack's text may end (see
 * linebreak.h). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "canvas/linebreak.h"
#include "util/utf8.h"

/* CJK text may break between any two characters. */
static bool
is_cjk(uint32_t cp)
{
	return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 &&
	    cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) ||
	    (cp >= 0x20000 && cp <= 0x2ffff);
}

static bool
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* The start of the character that ends at `at` (text < at). */
static const char *
char_start_before(const char *text, const char *at)
{
	const char *p = at - 1;

	while (p > text && ((unsigned char)*p & 0xc0) == 0x80 && at - p < 4)
		p--;
	return p;
}

/* The character that ends at `at`, 0 at the start of the text; a
 * malformed byte is U+FFFD. */
static uint32_t
char_before(const char *text, const char *at)
{
	const char *p;
	uint32_t cp;

	if (at <= text)
		return 0;
	p = char_start_before(text, at);
	if (cp__utf8_decode(p, (size_t)(at - p), &cp) != (size_t)(at - p))
		return CP__UTF8_BAD;
	return cp;
}

/* The character at `at`, 0 at the end. */
static uint32_t
char_at(const char *at)
{
	return cp__utf8_next(&at);
}

/* The start of the word (text between spaces) holding `at`. */
static const char *
word_start(const char *text, const char *at)
{
	while (at > text && at[-1] != ' ')
		at--;
	return at;
}

/*
 * Whether the word holding `at` is a web address; *path is then where
 * it may start to break: after "scheme://" and its host, so that only
 * the '/' of its path end a line.
 */
static bool
in_url(const char *text, const char *at, const char **path)
{
	const char *w = word_start(text, at), *p;

	if (strncmp(w, "https://", 8) == 0)
		p = w + 8;
	else if (strncmp(w, "http://", 7) == 0)
		p = w + 7;
	else if (strncmp(w, "www.", 4) == 0)
		p = w;
	else
		return false;
	/* The host: up to the first '/' after the scheme. */
	while (*p != '\0' && *p != ' ' && *p != '/')
		p++;
	*path = p;
	return true;
}

/*
 * Whether the space at `space` holds a label or a currency to the value
 * after it: "CNY 12,850.40", "No. 0012345678", "pp. 3-4" read as one.
 */
static bool
glued(const char *text, const char *space)
{
	const char *w = word_start(text, space), *next = space;
	size_t n = (size_t)(space - w);

	while (*next == ' ')
		next++;
	if (!is_digit((unsigned char)*next))
		return false;
	/* A currency code: three capital letters. */
	if (n == 3 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' &&
	    w[1] <= 'Z' && w[2] >= 'A' && w[2] <= 'Z')
		return true;
	return (n == 3 && strncmp(w, "No.", 3) == 0) ||
	    (n == 2 && strncmp(w, "p.", 2) == 0) ||
	    (n == 3 && strncmp(w, "pp.", 3) == 0);
}

bool
cp__line_may_break(const char *text, const char *at)
{
	uint32_t b, c, before_b;
	const char *path;

	if (at <= text || *at == '\0')
		return false;
	b = char_before(text, at);
	c = char_at(at);
	/* Between words, unless the space holds a value together. */
	if (c == ' ')
		return b == ' ' || !glued(text, at);
	/* After a space: the line ended before it already. */
	if (b == ' ')
		return false;
	/* A web address, only after a '/' of its path. */
	if (in_url(text, at, &path))
		return b == '/' && c != '/' && at > path;
	if (is_cjk(b) || is_cjk(c))
		return true;
	/* After '/' or '-' in words ("CT/MR", "X-ray"); never in numbers
	 * and codes: 2026-11-09, 2026/11/09, CG-2026-118842, 1-2, 3/12. */
	if (b == '/' || b == '-') {
		before_b = char_before(text, char_start_before(text, at));
		return before_b != 0 && !is_digit(before_b) && !is_digit(c);
	}
	return false;
}
