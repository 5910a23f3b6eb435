/* yaml_syntax.c - what a YAML syntax error most likely is, read off the
 * lines of the file. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "manifest/yaml_syntax.h"
#include "util/utf8.h"

/* What a Chinese keyboard types for ':' and ' ' in its own mode. */
#define FULLWIDTH_COLON "\xef\xbc\x9a"
#define FULLWIDTH_SPACE "\xe3\x80\x80"

/* Open blocks kept when reading the lines above an error. */
#define MAX_LEVELS 64

/* One line of the text, without its line break. */
typedef struct {
	const char *s;
	size_t len;
	int number;         /* 1-based */
} src_line;

/* The run of blanks a line starts with. */
typedef struct {
	size_t bytes;       /* of spaces, tabs and full-width spaces */
	size_t spaces;      /* ASCII spaces before any other blank */
	const char *tab;    /* the first tab in the run, or NULL */
	const char *wide;   /* the first full-width space, or NULL */
} indentation;

/* What a line holds after its indentation. */
typedef struct {
	const char *content;    /* after the indentation */
	const char *end;        /* the end of the line */
	bool dash;              /* a list item: "- ..." */
	const char *key;        /* the key word after any "- ", or NULL */
	size_t key_len;
	const char *after_key;  /* past the key and the spaces after it */
} line_shape;

/* Reads the next line at *pos; false after the last. */
static bool
next_line(const char *text, size_t len, size_t *pos, src_line *l)
{
	const char *nl;
	size_t end;

	if (*pos >= len)
		return false;
	nl = memchr(text + *pos, '\n', len - *pos);
	end = nl != NULL ? (size_t)(nl - text) : len;
	l->s = text + *pos;
	l->len = end - *pos;
	if (l->len > 0 && l->s[l->len - 1] == '\r')
		l->len--;
	l->number++;
	*pos = end + 1;
	return true;
}

/* Where the lines start: past a UTF-8 byte order mark. */
static size_t
text_start(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* The 1-based column, in characters, of byte `at` of line `l`. */
static int
column_of(const src_line *l, const char *at)
{
	const char *p = l->s;
	uint32_t cp;
	size_t n;
	int col = 1;

	while (p < at) {
		n = cp__utf8_decode(p, (size_t)(at - p), &cp);
		p += n ? n : 1;
		col++;
	}
	return col;
}

static indentation
indentation_of(const src_line *l)
{
	indentation ind = { 0, 0, NULL, NULL };
	const char *p = l->s, *end = l->s + l->len;
	bool only_spaces = true;

	while (p < end) {
		if (*p == ' ') {
			if (only_spaces)
				ind.spaces++;
			p++;
		} else if (*p == '\t') {
			if (ind.tab == NULL)
				ind.tab = p;
			only_spaces = false;
			p++;
		} else if (end - p >= 3 && memcmp(p, FULLWIDTH_SPACE, 3) == 0) {
			if (ind.wide == NULL)
				ind.wide = p;
			only_spaces = false;
			p += 3;
		} else {
			break;
		}
	}
	ind.bytes = (size_t)(p - l->s);
	return ind;
}

static bool
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

static line_shape
shape_of(const src_line *l, const indentation *ind)
{
	line_shape sh;
	const char *p;

	memset(&sh, 0, sizeof(sh));
	sh.content = l->s + ind->bytes;
	sh.end = l->s + l->len;
	p = sh.content;
	/* "- key: value", "- - value", "-" */
	while (p < sh.end && *p == '-' && (p + 1 == sh.end || p[1] == ' ')) {
		sh.dash = true;
		p++;
		while (p < sh.end && *p == ' ')
			p++;
	}
	sh.key = p;
	while (p < sh.end && key_char(*p))
		p++;
	sh.key_len = (size_t)(p - sh.key);
	if (sh.key_len == 0)
		sh.key = NULL;
	while (p < sh.end && *p == ' ')
		p++;
	sh.after_key = p;
	return sh;
}

/* Blank lines, comments and document markers say nothing of structure. */
static bool
says_nothing(const line_shape *sh)
{
	size_t n = (size_t)(sh->end - sh->content);

	return n == 0 || sh->content[0] == '#' ||
	    (n >= 3 && (memcmp(sh->content, "---", 3) == 0 ||
	    memcmp(sh->content, "...", 3) == 0));
}

static bool
at_fullwidth_colon(const line_shape *sh)
{
	return sh->key != NULL && sh->end - sh->after_key >= 3 &&
	    memcmp(sh->after_key, FULLWIDTH_COLON, 3) == 0;
}

/* A key or a list item: what YAML reads the indentation of. */
static bool
structural(const line_shape *sh)
{
	return sh->dash || at_fullwidth_colon(sh) || (sh->key != NULL &&
	    sh->after_key < sh->end && *sh->after_key == ':');
}

/* The value after a key's colon at `colon` (of `colon_len` bytes), its
 * spaces and a comment left out, cut to a length fit for a message. */
static int
value_after(const line_shape *sh, const char *colon, size_t colon_len,
    const char **value)
{
	const char *p = colon + colon_len, *end = sh->end, *hash;
	size_t n;

	while (p < end && *p == ' ')
		p++;
	for (hash = p; hash < end; hash++)
		if (*hash == '#' && hash > p && hash[-1] == ' ')
			break;
	end = hash;
	while (end > p && end[-1] == ' ')
		end--;
	n = cp__utf8_cut(p, (size_t)(end - p) < 60 ? (size_t)(end - p) : 60);
	*value = p;
	return (int)n;
}

static int
report_slips(const src_line *l, cp__yaml_slip_fn fn, void *ctx)
{
	indentation ind = indentation_of(l);
	line_shape sh = shape_of(l, &ind);
	const char *value;
	char msg[512];
	int n, rc;

	if (says_nothing(&sh) || !structural(&sh))
		return CP_OK;
	if (ind.tab != NULL) {
		snprintf(msg, sizeof(msg), "line %d is indented with a tab; "
		    "indent with spaces, not tabs", l->number);
		if ((rc = fn(ctx, l->number, column_of(l, ind.tab), msg)) !=
		    CP_OK)
			return rc;
	}
	if (ind.wide != NULL) {
		snprintf(msg, sizeof(msg), "line %d is indented with the "
		    "full-width space \"" FULLWIDTH_SPACE "\" of a Chinese "
		    "keyboard; indent with ASCII spaces (type them with the "
		    "keyboard in English mode)", l->number);
		if ((rc = fn(ctx, l->number, column_of(l, ind.wide), msg)) !=
		    CP_OK)
			return rc;
	}
	if (at_fullwidth_colon(&sh)) {
		n = value_after(&sh, sh.after_key, 3, &value);
		snprintf(msg, sizeof(msg), "the colon after \"%.*s\" is the "
		    "full-width \"" FULLWIDTH_COLON "\" of a Chinese keyboard; "
		    "use the ASCII colon ':' (type it with the keyboard in "
		    "English mode): %.*s:%s%.*s", (int)sh.key_len, sh.key,
		    (int)sh.key_len, sh.key, n > 0 ? " " : "", n, value);
		if ((rc = fn(ctx, l->number, column_of(l, sh.after_key),
		    msg)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

/* Whether the line's value starts a block scalar ("key: |", "- >-"),
 * whose lines below are text, not keys. */
static bool
starts_block_scalar(const src_line *l)
{
	const char *p = l->s + l->len, *start = l->s, *hash;

	/* Leave out a comment after the indicator. */
	for (hash = start; hash < p; hash++)
		if (*hash == '#' && hash > start && hash[-1] == ' ')
			break;
	p = hash;
	while (p > start && p[-1] == ' ')
		p--;
	while (p > start && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '-' ||
	    p[-1] == '+'))
		p--;
	if (p == start || (p[-1] != '|' && p[-1] != '>'))
		return false;
	p--;
	return p == start || p[-1] == ' ';
}

int
cp__yaml_slips(const char *text, size_t len, cp__yaml_slip_fn fn, void *ctx)
{
	size_t pos = text_start(text, len), block = 0;
	src_line l = { NULL, 0, 0 };
	indentation ind;
	bool in_block = false;
	int rc;

	while (next_line(text, len, &pos, &l)) {
		ind = indentation_of(&l);
		/* The text of a block scalar is any text at all. */
		if (in_block && (ind.bytes == l.len || ind.spaces > block))
			continue;
		in_block = starts_block_scalar(&l);
		block = ind.spaces;
		if ((rc = report_slips(&l, fn, ctx)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

/* ---- the indentation of the lines above an error ---------------------- */

/* A block open at a line: where its lines start, and what they are. */
typedef struct {
	size_t indent;
	bool dash;          /* list items, else keys */
	int line;           /* the last line seen at this indentation */
	const char *key;    /* that line's key, for messages */
	size_t key_len;
} level;

typedef struct {
	level levels[MAX_LEVELS];
	size_t n;
	bool opens;         /* the last line ends with ':' or is "-" */
} structure;

/* Whether the line ends a key with nothing after its colon (a block
 * follows), or is a list item with nothing after its dash. */
static bool
line_opens(const line_shape *sh)
{
	const char *value;

	if (sh->key == NULL)
		return sh->dash && sh->content + 1 >= sh->end;
	if (sh->after_key >= sh->end || *sh->after_key != ':')
		return false;
	return value_after(sh, sh->after_key, 1, &value) == 0;
}

static void
push(structure *st, size_t indent, bool dash, int line, const char *key,
    size_t key_len)
{
	level lv = { indent, dash, line, key, key_len };

	while (st->n > 0 && st->levels[st->n - 1].indent > indent)
		st->n--;
	if (st->n > 0 && st->levels[st->n - 1].indent == indent)
		st->levels[st->n - 1] = lv;
	else if (st->n < MAX_LEVELS)
		st->levels[st->n++] = lv;
}

/* Takes in a line above the error. */
static void
read_structure(structure *st, const src_line *l)
{
	indentation ind = indentation_of(l);
	line_shape sh = shape_of(l, &ind);
	size_t i = ind.spaces;

	if (says_nothing(&sh) || ind.tab != NULL || ind.wide != NULL)
		return;
	/* A line deeper than every open block that no key opened carries
	 * on the value above it. */
	if (st->n > 0 && i > st->levels[st->n - 1].indent && !st->opens)
		return;
	push(st, i, sh.dash, l->number, sh.key, sh.key_len);
	/* "- id: x": the item's keys line up with "id". */
	if (sh.dash && sh.key != NULL)
		push(st, i + (size_t)(sh.key - sh.content), false, l->number,
		    sh.key, sh.key_len);
	st->opens = line_opens(&sh);
}

static const char *
spaces_word(size_t n)
{
	return n == 1 ? "space" : "spaces";
}

/* An indentation that lines up with no open block: says which one it
 * should line up with. */
static bool
indent_hint(const structure *st, const src_line *l, const indentation *ind,
    const line_shape *sh, char *buf, size_t size)
{
	const level *best = NULL, *lv;
	size_t i = ind->spaces, k, d, best_d = SIZE_MAX;
	int pass;

	for (k = 0; k < st->n; k++)
		if (st->levels[k].indent == i)
			return false;
	if (st->opens && (st->n == 0 || i > st->levels[st->n - 1].indent))
		return false;
	/* The nearest block of the same kind (list items with list items,
	 * keys with keys), else of any kind; the deeper of two as near. */
	for (pass = 0; pass < 2 && best == NULL; pass++) {
		for (k = 0; k < st->n; k++) {
			lv = &st->levels[k];
			if (pass == 0 && lv->dash != sh->dash)
				continue;
			d = lv->indent > i ? lv->indent - i : i - lv->indent;
			if (d <= best_d) {
				best_d = d;
				best = lv;
			}
		}
	}
	if (best == NULL)
		return false;
	if (sh->dash)
		snprintf(buf, size, "the list item on line %d is indented by "
		    "%zu %s; indent list items by %zu %s like the one on "
		    "line %d above", l->number, i, spaces_word(i),
		    best->indent, spaces_word(best->indent), best->line);
	else if (best->key != NULL)
		snprintf(buf, size, "line %d is indented by %zu %s, which "
		    "lines up with nothing above it; indent it by %zu %s like "
		    "\"%.*s:\" on line %d", l->number, i, spaces_word(i),
		    best->indent, spaces_word(best->indent),
		    (int)(best->key_len < 40 ? best->key_len : 40), best->key,
		    best->line);
	else
		snprintf(buf, size, "line %d is indented by %zu %s, which "
		    "lines up with nothing above it; indent it by %zu %s like "
		    "line %d", l->number, i, spaces_word(i), best->indent,
		    spaces_word(best->indent), best->line);
	return true;
}

/* A key without its colon, or without a space after it. */
static bool
colon_hint(const src_line *l, const line_shape *sh, const char *msg,
    char *buf, size_t size)
{
	const char *value;
	int n;

	if (sh->key == NULL || (strstr(msg, "expected ':'") == NULL &&
	    strstr(msg, "multiline plain key") == NULL))
		return false;
	if (sh->after_key < sh->end && *sh->after_key == ':' &&
	    sh->after_key == sh->key + sh->key_len &&
	    sh->after_key + 1 < sh->end && sh->after_key[1] != ' ') {
		n = value_after(sh, sh->after_key, 1, &value);
		snprintf(buf, size, "line %d needs a space after the colon "
		    "of \"%.*s\": %.*s: %.*s", l->number,
		    (int)(sh->key_len < 40 ? sh->key_len : 40), sh->key,
		    (int)(sh->key_len < 40 ? sh->key_len : 40), sh->key, n,
		    value);
		return true;
	}
	if (memchr(sh->content, ':', (size_t)(sh->end - sh->content)) ==
	    NULL && sh->after_key > sh->key + sh->key_len &&
	    sh->after_key < sh->end) {
		n = value_after(sh, sh->key + sh->key_len, 0, &value);
		snprintf(buf, size, "line %d has no colon after \"%.*s\": "
		    "write %.*s: %.*s", l->number,
		    (int)(sh->key_len < 40 ? sh->key_len : 40), sh->key,
		    (int)(sh->key_len < 40 ? sh->key_len : 40), sh->key, n,
		    value);
		return true;
	}
	return false;
}

bool
cp__yaml_syntax_hint(const char *text, size_t len, int line,
    const char *msg, char *buf, size_t size)
{
	size_t pos = text_start(text, len);
	src_line l = { NULL, 0, 0 };
	structure st;
	indentation ind;
	line_shape sh;

	if (line < 1 || size == 0)
		return false;
	memset(&st, 0, sizeof(st));
	st.opens = true;
	while (next_line(text, len, &pos, &l) && l.number < line)
		read_structure(&st, &l);
	if (l.number != line)
		return false;
	ind = indentation_of(&l);
	sh = shape_of(&l, &ind);
	if (ind.tab != NULL) {
		snprintf(buf, size, "line %d is indented with a tab; indent "
		    "with spaces, not tabs", line);
		return true;
	}
	if (ind.wide != NULL) {
		snprintf(buf, size, "line %d is indented with the full-width "
		    "space \"" FULLWIDTH_SPACE "\" of a Chinese keyboard; "
		    "indent with ASCII spaces", line);
		return true;
	}
	if (says_nothing(&sh))
		return false;
	return indent_hint(&st, &l, &ind, &sh, buf, size) ||
	    colon_hint(&l, &sh, msg, buf, size);
}
