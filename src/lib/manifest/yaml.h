/* yaml.h - reading a YAML file with positions for every message. */
#ifndef CP_YAML_DOC_H
#define CP_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <libfyaml.h>

#include "claimpack.h"
#include "manifest/claim.h"

/* The largest YAML file read: far above any hand-written manifest. */
#define CP__YAML_MAX_BYTES (16u * 1024 * 1024)
/* The longest scalar kept (names, paths, titles...). */
#define CP__YAML_MAX_SCALAR 4096

typedef struct {
	const char *path;          /* as given, for messages */
	struct fy_parser *parser;
	struct fy_document *doc;
	char *text;                /* the file's text, which doc points into */
	size_t text_len;
	cp_error *err;             /* the first error, or NULL */
	cp_error_list *errors;     /* every error, or NULL */
	size_t nerrors;            /* errors recorded (out of memory aside) */
	int bad_code;              /* CP_EMANIFEST or CP_ETEMPLATE */
} cp__yaml;

/*
 * Reads the YAML file at `path` (a regular file of at most
 * CP__YAML_MAX_BYTES) or, when `text` is not NULL, parses `text` and uses
 * `path` only in messages.  An empty file, invalid UTF-8, a syntax error
 * or a duplicate key is CP_EMANIFEST with the line and column; a file
 * that cannot be read is CP_EIO.  `bad_code` is the status returned for
 * content errors (CP_EMANIFEST or CP_ETEMPLATE).
 */
int cp__yaml_load(cp__yaml *y, const char *path, const char *text,
    int bad_code, cp_error *err);

/*
 * cp__yaml_load, recording each error in `errors` too (when not NULL):
 * every typing slip that breaks YAML's structure (cp__yaml_slips), named
 * before parsing, then a syntax error with what it most likely is
 * (cp__yaml_syntax_hint).  Any slip stops the load, as a syntax error
 * does.  `err` receives the first error.  What the reader of the
 * document then finds (cp__yaml_fail) is recorded in both the same way.
 */
int cp__yaml_load_errors(cp__yaml *y, const char *path, const char *text,
    int bad_code, cp_error *err, cp_error_list *errors);
void cp__yaml_free(cp__yaml *y);

/* Whether the next error recorded would be kept with its message: a
 * reader works out a costly suggestion only then. */
bool cp__yaml_room(const cp__yaml *y);

/* The root node (never NULL after a successful load). */
struct fy_node *cp__yaml_root(const cp__yaml *y);

/* The 1-based position of a node (its first scalar for collections);
 * line 0 when it has none. */
cp__pos cp__yaml_pos(struct fy_node *node);

/* Records running out of memory (CP_ENOMEM: not a fault of the file, so
 * no position) and returns CP_ENOMEM. */
int cp__yaml_nomem(cp__yaml *y);

/* Records a content error at `node` and returns y's bad code. */
int cp__yaml_fail(cp__yaml *y, struct fy_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Checks that `node` is a mapping (`what` names it in messages: "the
 * patient") whose keys are all plain scalars in `allowed` (a NULL-
 * terminated list), or any plain scalars when `allowed` is NULL (keys
 * that name things, such as a template's desks), naming every key that
 * is not allowed, with the allowed key most likely meant
 * (cp__key_suggest).  Aliases anywhere below are refused by the
 * getters.  After an error the mapping's other keys may still be read
 * when cp__yaml_is_mapping(node).
 */
int cp__yaml_mapping(cp__yaml *y, struct fy_node *node, const char *what,
    const char *const *allowed);

/* Whether `node` is a mapping (not an alias of one). */
bool cp__yaml_is_mapping(struct fy_node *node);

/* Whether `map` has a key, not among `allowed`, that cp__key_suggest
 * takes for `key`: the error about it says all there is to say about
 * `key` missing. */
bool cp__yaml_misspelt(struct fy_node *map, const char *key,
    const char *const *allowed);

/* Checks that `node` is a sequence; `what` names it in messages. */
int cp__yaml_sequence(cp__yaml *y, struct fy_node *node, const char *what);

/* The value of `key` in mapping `map`, or NULL when absent. */
struct fy_node *cp__yaml_get(struct fy_node *map, const char *key);

/* Whether `map` has `key` with no value written after it (`key:` and
 * only comments or nothing below it). */
bool cp__yaml_no_value(struct fy_node *map, const char *key);

/*
 * Reads the scalar `node` as text into a new string (*out, caller frees).
 * Refuses aliases, collections, empty values, text over
 * CP__YAML_MAX_SCALAR bytes and control characters.  `what` names the
 * field in messages ("patient.name").
 */
int cp__yaml_string(cp__yaml *y, struct fy_node *node, const char *what,
    char **out);

/* Reads a required field: a missing key is an error at `map`. */
int cp__yaml_required(cp__yaml *y, struct fy_node *map, const char *key,
    const char *what, char **out);

/* Reads an optional field: *out is NULL when absent. */
int cp__yaml_optional(cp__yaml *y, struct fy_node *map, const char *key,
    const char *what, char **out);

/* Reads a list of strings (a sequence of scalars; a lone scalar is taken
 * as a list of one when `scalar_ok`). */
int cp__yaml_string_list(cp__yaml *y, struct fy_node *node, const char *what,
    bool scalar_ok, char ***out, size_t *count);

/* Reads a date field (YYYY-MM-DD) or an amount (fen) from a scalar. */
int cp__yaml_date(cp__yaml *y, struct fy_node *node, const char *what,
    cp__date *out);
int cp__yaml_amount(cp__yaml *y, struct fy_node *node, const char *what,
    int64_t *out);
/* Reads a non-negative integer of at most `max`. */
int cp__yaml_uint(cp__yaml *y, struct fy_node *node, const char *what,
    unsigned max, unsigned *out);

void cp__string_list_free(char **list, size_t count);

#endif
