/* suggest.h - the key a manifest's author most likely meant. */
#ifndef CP_MANIFEST_SUGGEST_H
#define CP_MANIFEST_SUGGEST_H

/*
 * For a key that is not among `allowed` (a NULL-terminated list), the
 * allowed key most likely meant: the same in other case or with spaces
 * or hyphens for '_' ("Birth Date"); a word people use for it
 * ("discharge_date" for an episode's end, "total" for amount, "file"
 * for files); else the nearest by edit distance (cp__suggest_word:
 * "ammount").  Returns an element of `allowed`, or NULL.
 */
const char *cp__key_suggest(const char *typed, const char *const *allowed);

#endif
