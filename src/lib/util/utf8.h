/* utf8.h - the library's one UTF-8 decoder, and what is built on it.
 *
 * Well-formed means RFC 3629: no stray continuation bytes, no sequence
 * cut short, no overlong form ("\xc0\xaf" is not '/'), no surrogate, no
 * value past U+10FFFF.  Every part of the library that reads UTF-8 reads
 * it here, so text is valid or not the same way everywhere.
 */
#ifndef CP_UTF8_H
#define CP_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a malformed byte decodes to: U+FFFD REPLACEMENT CHARACTER. */
#define CP__UTF8_BAD 0xfffdu

/*
 * Decodes the character that starts at `s`, reading at most `avail`
 * bytes (a NUL byte is never a continuation byte, so NUL-terminated text
 * can pass SIZE_MAX).  Returns its length (1 to 4) and sets *cp, or 0
 * when the bytes there do not start a well-formed character (also when
 * `avail` is 0); *cp is then untouched.
 */
size_t cp__utf8_decode(const char *s, size_t avail, uint32_t *cp);

/*
 * The next character of NUL-terminated text at *p: returns its code
 * point and moves *p past it; a malformed byte returns CP__UTF8_BAD and
 * moves *p one byte on.  At the terminating NUL returns 0 and leaves *p.
 */
uint32_t cp__utf8_next(const char **p);

/* Writes `cp` (a Unicode scalar value) as UTF-8 into `out`; returns its
 * length, 1 to 4.  A surrogate or a value past U+10FFFF is written as
 * U+FFFD. */
size_t cp__utf8_encode(uint32_t cp, char out[4]);

/* True when the `len` bytes at `s` are well-formed UTF-8 (NUL bytes
 * count as characters). */
bool cp__utf8_valid(const char *s, size_t len);

/* Drops every byte that is not part of a well-formed character from
 * NUL-terminated `s`, in place (what cutting a value to a number of
 * bytes leaves behind, or bytes that were never text). */
void cp__utf8_clean(char *s);

/* The longest prefix of the `len` bytes at `s` that does not end inside
 * a character: `len`, or less when a character is cut at the end. */
size_t cp__utf8_cut(const char *s, size_t len);

/* Whether NUL-terminated `s` holds a control character (below U+0020,
 * or DEL): text that cannot stand on one line of a YAML comment or
 * value. */
bool cp__has_control(const char *s);

/* A copy of `s` fit to print on one line: bytes that are not UTF-8
 * dropped (cp__utf8_clean), control characters as "?".  NULL when out
 * of memory. */
char *cp__utf8_printable(const char *s);

#endif
