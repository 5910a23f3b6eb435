/* yaml_syntax.h - what a YAML syntax error most likely is, read off the
 * lines of the file: the typing slips that break YAML's structure. */
#ifndef CP_YAML_SYNTAX_H
#define CP_YAML_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

/* Called with each slip: its 1-based line and column (in characters)
 * and a sentence saying what it is and what to type.  Returns CP_OK to
 * go on, or a status that ends the scan and is returned. */
typedef int (*cp__yaml_slip_fn)(void *ctx, int line, int column,
    const char *message);

/*
 * Finds, on every line of `text` (`len` bytes of UTF-8), the typing
 * slips that break YAML's structure however the rest is written: the
 * full-width colon "：" of a Chinese keyboard right after a key
 * ("date：2026-10-09"), and a tab or a full-width space (U+3000) in the
 * indentation of a key or list item.  Calls `fn` for each, in order.
 * Returns CP_OK, or what `fn` returned.
 */
int cp__yaml_slips(const char *text, size_t len, cp__yaml_slip_fn fn,
    void *ctx);

/*
 * What a syntax error that the parser reports on `line` (with its
 * message `msg`) most likely is, read off that line and the ones above
 * it: a tab in its indentation; an indentation that lines up with
 * nothing above it ("indent it by 4 spaces like \"files:\" on line 74");
 * a key without its colon, or without a space after the colon.  Writes
 * one sentence into `buf` (of `size` bytes) and returns true, or returns
 * false when nothing better than the parser's message can be said.
 */
bool cp__yaml_syntax_hint(const char *text, size_t len, int line,
    const char *msg, char *buf, size_t size);

#endif
