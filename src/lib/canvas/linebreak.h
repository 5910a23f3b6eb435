/* linebreak.h - where a line of claimpack's text may end.  Private.
 *
 * Words break at spaces, CJK text between any two characters, and
 * compounds after '/' or '-'.  What a reader copies or types as one
 * value never breaks: a date (2026-11-09), an amount with its currency
 * (CNY 12,850.40), an invoice number with its label (No. 0012345678),
 * a reference (CG-2026-118842), a page range (pp. 3-4); and a web
 * address breaks only after a '/' of its path, never inside
 * "https://" or its host.
 */
#ifndef CP_LINEBREAK_H
#define CP_LINEBREAK_H

#include <stdbool.h>

/*
 * Whether a line of `text` (NUL-terminated UTF-8) may end just before
 * `at`, a character boundary inside it (text < at); the next line then
 * starts at `at`, past any spaces.  A line never ends at the start of
 * the text or at its end (the caller ends the last line there).
 */
bool cp__line_may_break(const char *text, const char *at);

#endif
