/*
 * fuzz.h - what the libFuzzer targets in tests/fuzz/ share.
 *
 * Each fuzz_<name>.c is one program, linked by tests/fuzz/build.sh with
 * libFuzzer (-fsanitize=fuzzer), AddressSanitizer and UndefinedBehavior-
 * Sanitizer against the library's sources.  libFuzzer calls
 * LLVMFuzzerTestOneInput once per input; a property the library's
 * contract promises and the input breaks ends in abort(), which libFuzzer
 * reports as a crash with the input saved.
 */
#ifndef CP_FUZZ_H
#define CP_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inputs above this are skipped: no target needs more to reach its
 * code, and larger ones only slow the search down. */
#define FZ_MAX_INPUT (1024u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A NUL-terminated copy of the input (which may itself hold NULs: the
 * library then sees the text up to the first one).  Caller frees; NULL
 * when out of memory. */
static inline char *
fz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		return NULL;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Stops the run on a broken property, saying which, so that the crash
 * report names it. */
#define FZ_ASSERT(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: property failed: %s\n", \
			    __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* Whether s[0 .. n) is valid UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF).  Written here, not taken from the library, so that
 * the targets check the library against an independent reading. */
static inline bool
fz_utf8_valid(const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < n) {
		unsigned char b = s[i];
		size_t len, k;
		uint32_t cp;

		if (b < 0x80) {
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			len = 2, cp = b & 0x1Fu;
		else if (b >= 0xE0 && b <= 0xEF)
			len = 3, cp = b & 0x0Fu;
		else if (b >= 0xF0 && b <= 0xF4)
			len = 4, cp = b & 0x07u;
		else
			return false;
		if (n - i < len)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3Fu);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += len;
	}
	return true;
}

#endif
