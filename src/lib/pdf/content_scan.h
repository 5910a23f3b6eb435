/* content_scan.h - a small lexer for PDF content streams: does every
 * token end, does every Q close a q, and what is left open at the end.
 *
 * Stamping a page appends claimpack's own operators to the page's
 * content.  They are drawn as meant only when the page's content ends
 * between tokens, with no array, dictionary, string or inline image
 * left open (else they are swallowed) and with no Q that closes more
 * than the page opened (else the page's stray Q undoes claimpack's q).
 * This lexer tells: it reads the decoded content in pieces of any size,
 * tokenising it as libqpdf's content parser does, and keeps a few
 * counters and no copy of the data, so that a page of any size costs
 * the same memory.  It also flags what makes `qpdf --check` warn about
 * a page (a character that is not hex in a hex string, a stray '#' in a
 * name, an integer beyond 64 bits ...).  Everything is stored in the
 * struct: no allocation, no global state.
 *
 * A caller that rewrites content (stamp.c renames the resources the
 * stamp's text uses) can also be told where each name and word lies:
 * see cp__content_scan_tokens().
 */
#ifndef CP_CONTENT_SCAN_H
#define CP_CONTENT_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Arrays and dictionaries nested deeper than this are damage. */
#define CP__CONTENT_MAX_NEST 256

typedef enum {
	CP__CONTENT_WHOLE = 0,      /* nothing wrong found */
	CP__CONTENT_OPEN_STRING,    /* a (string) still open at the end */
	CP__CONTENT_OPEN_HEX,       /* a <hex string> still open at the end */
	CP__CONTENT_BAD_HEX,        /* a character not hex in a hex string */
	CP__CONTENT_OPEN_IMAGE,     /* inline image data (after ID) with no EI */
	CP__CONTENT_OPEN_NEST,      /* an array or dictionary still open */
	CP__CONTENT_STRAY,          /* ) > ] >> { or } that closes nothing */
	CP__CONTENT_BAD_NAME,       /* a name with '#' not before 2 hex digits */
	CP__CONTENT_BAD_DICT,       /* a dictionary key that is not a name, or
	                               a key without its value */
	CP__CONTENT_TOO_DEEP,       /* more than CP__CONTENT_MAX_NEST levels */
	CP__CONTENT_BIG_INTEGER     /* an integer beyond 64 bits */
} cp__content_damage;

/* The tokens a scan reports (cp__content_scan_tokens()). */
typedef enum {
	CP__TOKEN_NAME,     /* /Name, the slash included */
	CP__TOKEN_WORD,     /* a number, an operator, true, false or null */
	CP__TOKEN_HEX       /* <hex string>, the brackets included */
} cp__content_token_kind;

typedef struct {
	cp__content_token_kind kind;
	uint64_t start;             /* its first byte, as an offset in the
	                               bytes fed */
	uint64_t end;               /* just past its last byte */
	size_t nest;                /* arrays and dictionaries open around it
	                               (0: an operand or operator) */
} cp__content_token;

typedef void (*cp__content_token_fn)(void *arg, const cp__content_token *t);

typedef struct {
	/* What was found; read after cp__content_scan_end(). */
	cp__content_damage damage;  /* the first damage, or WHOLE */
	uint64_t damage_at;         /* its offset in the bytes fed */
	bool unbalanced;            /* a Q (outside arrays and dictionaries)
	                               came with no q open */
	uint64_t open_q;            /* q left open at the end (a Q with none
	                               open does not count) */
	bool open_text;             /* the last BT has no ET after it */

	/* The lexer's state: private to content_scan.c. */
	uint64_t at;                /* bytes fed so far */
	int mode;
	bool ended;
	uint64_t parens;            /* ( open inside a string */
	int hex_digits;             /* name: #xx digits read so far */
	size_t nest;                /* arrays and dictionaries open */
	unsigned char stack[CP__CONTENT_MAX_NEST];
	char word[4];               /* a word's first bytes */
	size_t word_len;            /* its length (may exceed word's size) */
	bool word_int;              /* [+-]?[0-9]+ so far */
	bool word_neg;
	bool word_big;              /* its value left 64 bits */
	uint64_t word_value;
	int image;                  /* inline image data: 'E' or 'I' seen */
	uint64_t token_start;       /* where the name or word being read began */
	cp__content_token_fn token_fn;
	void *token_arg;
} cp__content_scan;

/* Starts a scan in `s`. */
void cp__content_scan_start(cp__content_scan *s);

/* Asks scan `s` (just started) to call `fn` with `arg` on every name,
 * word and hex string it reads, in order, each when it ends, up to the
 * first damage.  (Literal) strings, comments, brackets and inline image
 * data are not reported. */
void cp__content_scan_tokens(cp__content_scan *s, cp__content_token_fn fn,
    void *arg);

/* Scans the next `len` bytes of the content (any split is fine: the
 * pieces are read as one run of bytes).  After the first damage the
 * rest is not looked at.  Content made of several streams is fed as
 * libqpdf joins them: with a newline between two when the first does
 * not end with one. */
void cp__content_scan_feed(cp__content_scan *s, const unsigned char *data,
    size_t len);

/* Ends the scan: a token or container still open becomes the damage.
 * Feeding after this does nothing. */
void cp__content_scan_end(cp__content_scan *s);

/* The damage as a phrase for messages ("a string left open at the end
 * of the content"); "" for CP__CONTENT_WHOLE. */
const char *cp__content_damage_text(cp__content_damage d);

#endif
