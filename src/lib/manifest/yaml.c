/* yaml.c - reading YAML with libfyaml, every message with a position. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/amount.h"
#include "manifest/suggest.h"
#include "manifest/yaml.h"
#include "manifest/yaml_syntax.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Refuses NUL bytes and invalid UTF-8, naming the line and column. */
static int
check_text(const char *text, size_t len, const char *path, int bad_code,
    cp_error *err)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, n;
	uint32_t cp;
	int line = 1, col = 1;

	/* A UTF-8 byte order mark is allowed at the very start. */
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < len) {
		if (p[i] == '\0')
			return cp__error_set(err, bad_code, path, line, col,
			    "the file holds binary data (a NUL byte), not YAML "
			    "text");
		n = cp__utf8_decode(text + i, len - i, &cp);
		if (n == 0)
			return cp__error_set(err, bad_code, path, line, col,
			    "the file is not valid UTF-8 text; save it as UTF-8");
		if (p[i] == '\n')
			line++, col = 1;
		else
			col++;
		i += n;
	}
	return CP_OK;
}

static void
discard_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	(void)diag;
	(void)user;
	(void)buf;
	(void)len;
}

/*
 * Records an error: in y->err when it is the first (or when memory ran
 * out, which ends the load), and in y->errors.  Returns its code, or
 * CP_ENOMEM when the list cannot grow.
 */
static int
record(cp__yaml *y, const cp_error *e)
{
	if (y->err != NULL && (y->nerrors == 0 || e->code == CP_ENOMEM))
		*y->err = *e;
	if (e->code == CP_ENOMEM)
		return CP_ENOMEM;
	y->nerrors++;
	if (y->errors != NULL && cp__error_list_add(y->errors, e) != CP_OK)
		return cp__error_set(y->err, CP_ENOMEM, y->path, 0, 0,
		    "out of memory");
	return e->code;
}

static int
recordf(cp__yaml *y, int code, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
recordf(cp__yaml *y, int code, int line, int column, const char *fmt, ...)
{
	cp_error e;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = cp__vsprintf(fmt, ap);
	va_end(ap);
	if (msg == NULL)
		cp__error_set(&e, CP_ENOMEM, y->path, 0, 0, "out of memory");
	else
		cp__error_set(&e, code, y->path, line, column, "%s", msg);
	free(msg);
	return record(y, &e);
}

bool
cp__yaml_room(const cp__yaml *y)
{
	if (y->errors != NULL)
		return cp_error_list_count(y->errors) < CP_ERROR_LIST_MAX;
	return y->nerrors == 0 && y->err != NULL;
}

/* The typing slips found before parsing, and where the first is. */
typedef struct {
	cp__yaml *y;
	size_t count;
	int first_line;
} slips;

static int
slip_found(void *ctx, int line, int column, const char *message)
{
	slips *sl = ctx;

	if (sl->count++ == 0)
		sl->first_line = line;
	return recordf(sl->y, sl->y->bad_code, line, column, "YAML syntax: %s",
	    message) == CP_ENOMEM ? CP_ENOMEM : CP_OK;
}

/* Records the syntax error the parser found, saying what it most likely
 * is; not when it is at or after a typing slip already named, which
 * most likely caused it. */
static int
syntax_error(cp__yaml *y, const char *text, size_t len,
    const struct fy_diag_error *de, const slips *sl)
{
	char hint[600];

	if (sl->count > 0 && de->line >= sl->first_line)
		return y->bad_code;
	if (cp__yaml_syntax_hint(text, len, de->line, de->msg, hint,
	    sizeof(hint)))
		return recordf(y, y->bad_code, de->line, de->column,
		    "YAML syntax: %s", hint);
	return recordf(y, y->bad_code, de->line, de->column,
	    "YAML syntax: %s", de->msg);
}

int
cp__yaml_load(cp__yaml *y, const char *path, const char *text, int bad_code,
    cp_error *err)
{
	return cp__yaml_load_errors(y, path, text, bad_code, err, NULL);
}

int
cp__yaml_load_errors(cp__yaml *y, const char *path, const char *text,
    int bad_code, cp_error *err, cp_error_list *errors)
{
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg pcfg;
	struct fy_diag *diag = NULL;
	struct fy_diag_error *de;
	struct fy_document *extra;
	slips sl = { y, 0, 0 };
	void *iter = NULL;
	char *buf = NULL;
	size_t len = 0;
	cp_error e;
	int rc;

	memset(y, 0, sizeof(*y));
	y->path = path;
	y->bad_code = bad_code;
	y->err = err;
	y->errors = errors;
	if (text == NULL) {
		if ((rc = cp__file_read(&buf, &len, path, CP__YAML_MAX_BYTES,
		    "a YAML file", bad_code, &e)) != CP_OK)
			return record(y, &e);
		text = buf;
	} else {
		len = strlen(text);
	}
	if (check_text(text, len, path, bad_code, &e) != CP_OK) {
		rc = record(y, &e);
		goto done;
	}
	/* Slips of a Chinese keyboard's mode are named on every line where
	 * they are, before the parser stops at the first. */
	if ((rc = cp__yaml_slips(text, len, slip_found, &sl)) != CP_OK)
		goto done;

	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = discard_output;
	dcfg.colorize = false;
	if ((diag = fy_diag_create(&dcfg)) == NULL) {
		rc = cp__yaml_nomem(y);
		goto done;
	}
	fy_diag_set_collect_errors(diag, true);
	memset(&pcfg, 0, sizeof(pcfg));
	/* YAML 1.2 core schema; no document resolution, so aliases stay
	 * alias nodes and an alias bomb is never expanded. */
	pcfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2;
	pcfg.diag = diag;
	if ((y->parser = fy_parser_create(&pcfg)) == NULL ||
	    fy_parser_set_string(y->parser, text, len) != 0) {
		rc = cp__yaml_nomem(y);
		goto done;
	}
	y->doc = fy_parse_load_document(y->parser);
	if (y->doc == NULL || fy_document_root(y->doc) == NULL) {
		de = fy_diag_errors_iterate(diag, &iter);
		if (de != NULL)
			rc = syntax_error(y, text, len, de, &sl);
		else if (sl.count > 0)
			rc = bad_code;
		else
			rc = recordf(y, bad_code, 0, 0, "the file is empty: it "
			    "holds no YAML document");
		goto done;
	}
	if (sl.count > 0) {
		rc = bad_code;
		goto done;
	}
	/* Whatever follows a "---" or "..." line would be silently left
	 * out: one file, one claim. */
	if ((extra = fy_parse_load_document(y->parser)) != NULL ||
	    fy_diag_got_error(diag)) {
		cp__pos pos = { 0, 0 };

		if (extra != NULL) {
			const struct fy_mark *m = fy_document_state_start_mark(
			    fy_document_get_document_state(extra));

			/* The "---" that starts it, else its first node. */
			if (m != NULL) {
				pos.line = m->line + 1;
				pos.column = m->column + 1;
			} else {
				pos = cp__yaml_pos(fy_document_root(extra));
			}
			fy_parse_document_destroy(y->parser, extra);
		} else if ((de = fy_diag_errors_iterate(diag, &iter)) != NULL) {
			pos.line = de->line;
			pos.column = de->column;
		}
		rc = recordf(y, bad_code, pos.line, pos.column, "the file holds "
		    "more than one YAML document (a line \"---\" or \"...\" "
		    "starts another); put everything in one document");
		goto done;
	}
	rc = CP_OK;
done:
	fy_diag_destroy(diag);
	/* The document points into the text: they live and die together. */
	y->text = buf;
	y->text_len = buf != NULL ? len : 0;
	if (rc != CP_OK)
		cp__yaml_free(y);
	return rc;
}

void
cp__yaml_free(cp__yaml *y)
{
	if (y->doc != NULL)
		fy_parse_document_destroy(y->parser, y->doc);
	y->doc = NULL;
	if (y->parser != NULL)
		fy_parser_destroy(y->parser);
	y->parser = NULL;
	free(y->text);
	y->text = NULL;
}

struct fy_node *
cp__yaml_root(const cp__yaml *y)
{
	return fy_document_root(y->doc);
}

/* The position of a node's own text; line 0 for an empty collection or
 * an empty value, which have none. */
static cp__pos
own_pos(struct fy_node *node)
{
	cp__pos pos = { 0, 0 };
	const struct fy_mark *m;
	struct fy_node_pair *pair;
	struct fy_token *tok;
	void *iter = NULL;

	while (node != NULL) {
		switch (fy_node_get_type(node)) {
		case FYNT_SCALAR:
			tok = fy_node_get_scalar_token(node);
			m = tok != NULL ? fy_token_start_mark(tok) : NULL;
			if (m != NULL) {
				pos.line = m->line + 1;
				pos.column = m->column + 1;
			}
			/* libfyaml marks the text after a quote or the '*'
			 * of an alias; the user typed the quote or '*'. */
			switch (fy_node_get_style(node)) {
			case FYNS_SINGLE_QUOTED:
			case FYNS_DOUBLE_QUOTED:
			case FYNS_ALIAS:
				if (pos.column > 1)
					pos.column--;
				break;
			default:
				break;
			}
			return pos;
		case FYNT_MAPPING:
			iter = NULL;
			pair = fy_node_mapping_iterate(node, &iter);
			node = pair != NULL ? fy_node_pair_key(pair) : NULL;
			break;
		case FYNT_SEQUENCE:
			iter = NULL;
			node = fy_node_sequence_iterate(node, &iter);
			break;
		default:
			return pos;
		}
	}
	return pos;
}

/* The key whose value is `node`, when its parent is a mapping. */
static struct fy_node *
key_of(struct fy_node *parent, struct fy_node *node)
{
	struct fy_node_pair *pair;
	void *iter = NULL;

	while ((pair = fy_node_mapping_iterate(parent, &iter)) != NULL)
		if (fy_node_pair_value(pair) == node)
			return fy_node_pair_key(pair);
	return NULL;
}

cp__pos
cp__yaml_pos(struct fy_node *node)
{
	struct fy_node *parent, *key;
	cp__pos pos = own_pos(node);
	int depth;

	/* An empty value ("name:", "files: []") has no text of its own:
	 * point at its key, or else at the nearest enclosing node that has
	 * a position. */
	for (depth = 0; pos.line == 0 && node != NULL && depth < 64; depth++) {
		parent = fy_node_get_parent(node);
		if (parent == NULL)
			break;
		if (fy_node_get_type(parent) == FYNT_MAPPING &&
		    (key = key_of(parent, node)) != NULL)
			pos = own_pos(key);
		else
			pos = own_pos(parent);
		node = parent;
	}
	return pos;
}

int
cp__yaml_fail(cp__yaml *y, struct fy_node *node, const char *fmt, ...)
{
	cp__pos pos = cp__yaml_pos(node);
	va_list ap;
	char *msg;
	int code;

	va_start(ap, fmt);
	msg = cp__vsprintf(fmt, ap);
	va_end(ap);
	if (msg == NULL)
		return cp__yaml_nomem(y);
	code = recordf(y, y->bad_code, pos.line, pos.column, "%s", msg);
	free(msg);
	return code;
}

int
cp__yaml_nomem(cp__yaml *y)
{
	cp_error e;

	cp__error_set(&e, CP_ENOMEM, y->path, 0, 0, "out of memory");
	return record(y, &e);
}

static const char *
node_kind(struct fy_node *node)
{
	if (node == NULL)
		return "nothing";
	if (fy_node_is_alias(node))
		return "an alias";
	switch (fy_node_get_type(node)) {
	case FYNT_MAPPING:
		return "a mapping";
	case FYNT_SEQUENCE:
		return "a list";
	default:
		return "a single value";
	}
}

static int
refuse_alias(cp__yaml *y, struct fy_node *node, const char *what)
{
	return cp__yaml_fail(y, node, "%s is a YAML alias (*name); aliases "
	    "are not allowed in this file, write the value out", what);
}

/* Whether `k` is one of the NULL-terminated `allowed`. */
static bool
allowed_key(const char *k, const char *const *allowed)
{
	size_t i;

	for (i = 0; allowed[i] != NULL; i++)
		if (strcmp(allowed[i], k) == 0)
			return true;
	return false;
}

static int
unknown_key(cp__yaml *y, struct fy_node *key, const char *k, const char *what,
    const char *const *allowed)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const char *near = cp__yaml_room(y) ? cp__key_suggest(k, allowed) :
	    NULL;
	char *list;
	size_t i;
	int rc;

	if (near != NULL)
		return cp__yaml_fail(y, key, "unknown key \"%.100s\" in %s; "
		    "did you mean \"%s\"?", k, what, near);
	for (i = 0; allowed[i] != NULL; i++)
		cp__strbuf_printf(&sb, "%s%s", i ? ", " : "", allowed[i]);
	list = cp__strbuf_detach(&sb);
	rc = cp__yaml_fail(y, key, "unknown key \"%.100s\" in %s; the keys "
	    "allowed there are: %s", k, what, list != NULL ? list : "?");
	free(list);
	return rc;
}

/* "key:value" read as one value: the colon needs a space after it. */
static int
not_a_mapping(cp__yaml *y, struct fy_node *node, const char *what)
{
	const char *s = NULL, *colon;
	size_t len = 0, k;

	if (node != NULL && fy_node_get_type(node) == FYNT_SCALAR &&
	    fy_node_get_style(node) == FYNS_PLAIN)
		s = fy_node_get_scalar(node, &len);
	colon = s != NULL ? memchr(s, ':', len) : NULL;
	for (k = 0; colon != NULL && s + k < colon; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || s[k] == '_' ||
		    (s[k] >= 'A' && s[k] <= 'Z') || (k > 0 && s[k] >= '0' &&
		    s[k] <= '9')))
			break;
	if (colon != NULL && k > 0 && s + k == colon &&
	    (size_t)(colon - s) + 1 < len && colon[1] != ' ')
		return cp__yaml_fail(y, node, "%s must be a mapping of "
		    "key: value lines, not a single value; put a space after "
		    "the colon: %.*s: %.*s", what, (int)k, s,
		    (int)(len - k - 1 < 60 ? len - k - 1 : 60), colon + 1);
	return cp__yaml_fail(y, node, "%s must be a mapping of key: value "
	    "lines, not %s", what, node_kind(node));
}

bool
cp__yaml_is_mapping(struct fy_node *node)
{
	return node != NULL && !fy_node_is_alias(node) &&
	    fy_node_get_type(node) == FYNT_MAPPING;
}

int
cp__yaml_mapping(cp__yaml *y, struct fy_node *node, const char *what,
    const char *const *allowed)
{
	struct fy_node_pair *pair;
	struct fy_node *key;
	const char *k;
	void *iter = NULL;
	int rc = CP_OK, one;

	if (node != NULL && fy_node_is_alias(node))
		return refuse_alias(y, node, what);
	if (node == NULL || fy_node_get_type(node) != FYNT_MAPPING)
		return not_a_mapping(y, node, what);
	/* Every key that is not allowed, not only the first. */
	while ((pair = fy_node_mapping_iterate(node, &iter)) != NULL) {
		key = fy_node_pair_key(pair);
		if (key == NULL || fy_node_is_alias(key) ||
		    fy_node_get_type(key) != FYNT_SCALAR) {
			one = cp__yaml_fail(y, key != NULL ? key : node,
			    "a key in %s is not a plain word", what);
		} else if ((k = fy_node_get_scalar0(key)) == NULL) {
			return cp__yaml_nomem(y);
		} else if (allowed != NULL && !allowed_key(k, allowed)) {
			one = unknown_key(y, key, k, what, allowed);
		} else {
			continue;
		}
		if (one == CP_ENOMEM)
			return one;
		rc = one;
	}
	return rc;
}

bool
cp__yaml_misspelt(struct fy_node *map, const char *key,
    const char *const *allowed)
{
	struct fy_node_pair *pair;
	struct fy_node *k;
	const char *s, *near;
	void *iter = NULL;

	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		k = fy_node_pair_key(pair);
		if (k == NULL || fy_node_is_alias(k) ||
		    fy_node_get_type(k) != FYNT_SCALAR ||
		    (s = fy_node_get_scalar0(k)) == NULL ||
		    allowed_key(s, allowed))
			continue;
		near = cp__key_suggest(s, allowed);
		if (near != NULL && strcmp(near, key) == 0)
			return true;
	}
	return false;
}

int
cp__yaml_sequence(cp__yaml *y, struct fy_node *node, const char *what)
{
	if (node != NULL && fy_node_is_alias(node))
		return refuse_alias(y, node, what);
	if (node == NULL || fy_node_get_type(node) != FYNT_SEQUENCE)
		return cp__yaml_fail(y, node, "%s must be a list (lines "
		    "starting with \"- \" or [a, b]), not %s", what,
		    node_kind(node));
	return CP_OK;
}

struct fy_node *
cp__yaml_get(struct fy_node *map, const char *key)
{
	struct fy_node_pair *pair;
	struct fy_node *k;
	const char *s;
	size_t len;
	void *iter = NULL;

	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		k = fy_node_pair_key(pair);
		if (k == NULL || fy_node_get_type(k) != FYNT_SCALAR)
			continue;
		s = fy_node_get_scalar(k, &len);
		if (s != NULL && len == strlen(key) && memcmp(s, key, len) == 0)
			return fy_node_pair_value(pair);
	}
	return NULL;
}

/* Finds the key node of `key` in `map`, for positions of empty values. */
static struct fy_node *
key_node(struct fy_node *map, const char *key)
{
	struct fy_node_pair *pair;
	struct fy_node *k;
	const char *s;
	size_t len;
	void *iter = NULL;

	while ((pair = fy_node_mapping_iterate(map, &iter)) != NULL) {
		k = fy_node_pair_key(pair);
		if (k == NULL || fy_node_get_type(k) != FYNT_SCALAR)
			continue;
		s = fy_node_get_scalar(k, &len);
		if (s != NULL && len == strlen(key) && memcmp(s, key, len) == 0)
			return k;
	}
	return map;
}

static bool
has_key(struct fy_node *map, const char *key)
{
	return key_node(map, key) != map;
}

bool
cp__yaml_no_value(struct fy_node *map, const char *key)
{
	struct fy_node *v;
	const char *s;
	size_t len = 0;

	if (!has_key(map, key))
		return false;
	if ((v = cp__yaml_get(map, key)) == NULL)
		return true;
	/* A plain scalar of no text: not "", nor "~" or "null". */
	if (fy_node_is_alias(v) || fy_node_get_type(v) != FYNT_SCALAR ||
	    fy_node_get_style(v) != FYNS_PLAIN)
		return false;
	s = fy_node_get_scalar(v, &len);
	return s == NULL || len == 0;
}

/*
 * The one place text from a manifest is normalized: the no-break and
 * typographic spaces that text copied from a PDF or web page carries
 * become plain spaces (the bundle's font has no glyph for them, and name
 * comparison splits on them), and spaces around the value go.
 */
static void
normalize_spaces(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;

	while (*r) {
		if (r[0] == 0xc2 && r[1] == 0xa0) {
			*w++ = ' ';
			r += 2;
		} else if (r[0] == 0xe2 && ((r[1] == 0x80 && (r[2] <= 0x8a ||
		    r[2] == 0xaf)) || (r[1] == 0x81 && r[2] == 0x9f))) {
			*w++ = ' ';
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	while (w > (unsigned char *)s && w[-1] == ' ')
		*--w = '\0';
	for (r = (unsigned char *)s; *r == ' '; r++)
		;
	if (r != (unsigned char *)s)
		memmove(s, r, strlen((char *)r) + 1);
}

int
cp__yaml_string(cp__yaml *y, struct fy_node *node, const char *what,
    char **out)
{
	const char *s;
	size_t len, i;
	char *copy;

	*out = NULL;
	if (node != NULL && fy_node_is_alias(node))
		return refuse_alias(y, node, what);
	if (node == NULL || fy_node_get_type(node) != FYNT_SCALAR)
		return cp__yaml_fail(y, node, "%s must be a single value, "
		    "not %s", what, node_kind(node));
	s = fy_node_get_scalar(node, &len);
	if (s == NULL || len == 0)
		return cp__yaml_fail(y, node, "%s is empty", what);
	if (len > CP__YAML_MAX_SCALAR)
		return cp__yaml_fail(y, node, "%s is %zu bytes long; at most %u "
		    "are allowed", what, len, CP__YAML_MAX_SCALAR);
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return cp__yaml_fail(y, node, "%s contains a control "
			    "character (a line break or tab inside the value)",
			    what);
	if ((copy = malloc(len + 1)) == NULL)
		return cp__yaml_nomem(y);
	memcpy(copy, s, len);
	copy[len] = '\0';
	normalize_spaces(copy);
	if (copy[0] == '\0') {
		free(copy);
		return cp__yaml_fail(y, node, "%s is empty", what);
	}
	*out = copy;
	return CP_OK;
}

int
cp__yaml_required(cp__yaml *y, struct fy_node *map, const char *key,
    const char *what, char **out)
{
	struct fy_node *v = cp__yaml_get(map, key);

	*out = NULL;
	if (v == NULL)
		return cp__yaml_fail(y, key_node(map, key), has_key(map, key) ?
		    "%s has no value" : "%s is missing: it is required",
		    what);
	return cp__yaml_string(y, v, what, out);
}

int
cp__yaml_optional(cp__yaml *y, struct fy_node *map, const char *key,
    const char *what, char **out)
{
	struct fy_node *v = cp__yaml_get(map, key);

	*out = NULL;
	if (v == NULL && !has_key(map, key))
		return CP_OK;
	if (v == NULL)
		return cp__yaml_fail(y, key_node(map, key), "%s has no value; "
		    "give one or leave the key out", what);
	return cp__yaml_string(y, v, what, out);
}

void
cp__string_list_free(char **list, size_t count)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

int
cp__yaml_string_list(cp__yaml *y, struct fy_node *node, const char *what,
    bool scalar_ok, char ***out, size_t *count)
{
	struct fy_node *item;
	void *iter = NULL;
	char **list;
	size_t n, i = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (scalar_ok && node != NULL && !fy_node_is_alias(node) &&
	    fy_node_get_type(node) == FYNT_SCALAR) {
		if ((list = calloc(1, sizeof(*list))) == NULL)
			return cp__yaml_nomem(y);
		if ((rc = cp__yaml_string(y, node, what, &list[0])) != CP_OK) {
			free(list);
			return rc;
		}
		*out = list;
		*count = 1;
		return CP_OK;
	}
	if ((rc = cp__yaml_sequence(y, node, what)) != CP_OK)
		return rc;
	n = (size_t)fy_node_sequence_item_count(node);
	if ((list = calloc(n ? n : 1, sizeof(*list))) == NULL)
		return cp__yaml_nomem(y);
	while ((item = fy_node_sequence_iterate(node, &iter)) != NULL && i < n) {
		if ((rc = cp__yaml_string(y, item, what, &list[i])) != CP_OK) {
			cp__string_list_free(list, i);
			return rc;
		}
		i++;
	}
	*out = list;
	*count = i;
	return CP_OK;
}

int
cp__yaml_date(cp__yaml *y, struct fy_node *node, const char *what,
    cp__date *out)
{
	cp__date meant, other;
	char a[16], b[16];
	const char *why;
	char *s;
	int rc;

	if ((rc = cp__yaml_string(y, node, what, &s)) != CP_OK)
		return rc;
	if (cp__date_parse(out, s, &why) == 0)
		goto done;
	switch (cp__date_suggest(s, &meant, &other)) {
	case 1:
		rc = cp__yaml_fail(y, node, "%s \"%.40s\" %s; write %s", what,
		    s, why, cp__date_format(a, sizeof(a), meant));
		break;
	case 2:
		rc = cp__yaml_fail(y, node, "%s \"%.40s\" %s and is "
		    "ambiguous: write %s if it is day/month/year, %s if it "
		    "is month/day/year", what, s, why,
		    cp__date_format(a, sizeof(a), meant),
		    cp__date_format(b, sizeof(b), other));
		break;
	default:
		rc = cp__yaml_fail(y, node, "%s \"%.40s\" %s; write dates as "
		    "YYYY-MM-DD, e.g. 2026-10-09", what, s, why);
		break;
	}
done:
	free(s);
	return rc;
}

int
cp__yaml_amount(cp__yaml *y, struct fy_node *node, const char *what,
    int64_t *out)
{
	char meant[32], marks[200];
	int64_t fen;
	const char *why;
	char *s;
	int rc;

	if ((rc = cp__yaml_string(y, node, what, &s)) != CP_OK)
		return rc;
	if (cp__amount_parse(out, s, &why) == 0)
		;
	else if (cp__amount_suggest(&fen, s, marks, sizeof(marks)) == 1)
		rc = cp__yaml_fail(y, node, "%s \"%.40s\" %s; write %s "
		    "(without %s)", what, s, why,
		    cp__amount_format(meant, sizeof(meant), fen), marks);
	else
		rc = cp__yaml_fail(y, node, "%s \"%.40s\" %s; write amounts "
		    "as plain decimals with at most two decimals, e.g. "
		    "12850.40", what, s, why);
	free(s);
	return rc;
}

int
cp__yaml_uint(cp__yaml *y, struct fy_node *node, const char *what,
    unsigned max, unsigned *out)
{
	unsigned long v = 0;
	char *s;
	size_t i;
	int rc;

	if ((rc = cp__yaml_string(y, node, what, &s)) != CP_OK)
		return rc;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || v > max) {
			v = (unsigned long)max + 1;
			break;
		}
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > max)
		rc = cp__yaml_fail(y, node, "%s \"%.40s\" must be a whole "
		    "number from 0 to %u", what, s, max);
	else
		*out = (unsigned)v;
	free(s);
	return rc;
}
