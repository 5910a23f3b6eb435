/*
 * fuzz_name.c - cp__name_compare, cp__name_alias_matches, cp__name_has_cjk.
 *
 * The input is two names: the text before its first NUL or newline
 * (`a`) and the text after it (`b`, up to the next NUL).  Besides running
 * the three functions on every pairing, it checks what name.h promises,
 * with the word rules written here independently:
 * - a name is the same as itself: compare(x, x) is MATCH and
 *   alias_matches(x, x) is true for valid UTF-8 with at least one word,
 *   within the limits (64 words, 1024 bytes of letters, 2048 code points
 *   decomposed), compare only when x has no CJK ideograph.  Words and
 *   limits are counted here on x's NFKD form with full case folding
 *   (utf8proc_map), which has at least as many letters and code points
 *   as what name.c compares (it composes, and drops some marks);
 * - ASCII case does not matter: compare(x, upper(x)) is MATCH likewise;
 * - sameness is symmetric: alias_matches(a, b) == alias_matches(b, a),
 *   compare(a, b) == MATCH implies compare(b, a) == MATCH and
 *   alias_matches(a, b) (MATCH needs every word on both sides in full,
 *   which no surname mark changes), and compare(a, b) == TRANSLITERATED
 *   implies compare(b, a) == TRANSLITERATED;
 * - a printed name written in CJK ideographs only is a MISMATCH;
 * - cp__name_has_cjk agrees with a decoder written here, on valid UTF-8.
 */
#include "manifest/name.h"
#include "fuzz.h"

#include <utf8proc.h>

/* The limits of name.h. */
#define NAME_MAX_WORDS 64
#define NAME_MAX_BYTES 1024
#define NAME_MAX_CODEPOINTS 2048

static bool
is_cjk(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0x20000 && c <= 0x2FFFF);
}

/* The word breaks listed in name.h. */
static bool
is_break(uint32_t c)
{
	if (c < 0x80)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'));
	return c == 0x00A0 || c == 0x00B7 || (c >= 0x2010 && c <= 0x2015) ||
	    c == 0x2018 || c == 0x2019 || c == 0x2027 ||
	    (c >= 0x3000 && c <= 0x3002) || c == 0x30FB || c == 0xFF0C ||
	    c == 0xFF0E;
}

/* Decodes one sequence of valid UTF-8 (checked beforehand). */
static size_t
decode(const unsigned char *s, uint32_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] < 0xE0) {
		*c = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] < 0xF0) {
		*c = (uint32_t)(s[0] & 0x0F) << 12 |
		    (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	*c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	return 4;
}

/* What name.h's rules make of one name. */
typedef struct {
	bool valid;        /* valid UTF-8 */
	size_t words;      /* of the normalized name */
	size_t letters;    /* bytes of word characters, normalized */
	size_t codepoints; /* of the normalized name */
	bool cjk;          /* a CJK ideograph anywhere */
	bool norm_cjk;     /* one in the normalized name ("〸" is "十") */
	bool only_cjk;     /* at least one word character, all CJK */
} facts;

/* Words, letters and code points of valid `text`, into `f`. */
static void
count(facts *f, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), i = 0, n;
	bool in_word = false;
	uint32_t c;

	while (i < len) {
		n = decode(s + i, &c);
		i += n;
		f->codepoints++;
		if (is_cjk(c))
			f->norm_cjk = true;
		if (is_break(c)) {
			in_word = false;
			continue;
		}
		if (!in_word)
			f->words++;
		in_word = true;
		f->letters += n;
	}
}

static facts
study(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	facts f = { false, 0, 0, 0, false, false, false };
	size_t len = strlen(text), i = 0, n;
	bool other = false;
	utf8proc_uint8_t *norm = NULL;
	uint32_t c;

	if (!fz_utf8_valid(text, len))
		return f;
	f.valid = true;
	while (i < len) {
		n = decode(s + i, &c);
		i += n;
		if (is_cjk(c))
			f.cjk = true;
		if (!is_break(c) && !is_cjk(c))
			other = true;
	}
	f.only_cjk = f.cjk && !other;
	if (utf8proc_map(s, (utf8proc_ssize_t)len, &norm, UTF8PROC_STABLE |
	    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD) < 0) {
		f.words = 0;    /* out of memory: no assertion */
		return f;
	}
	count(&f, (const char *)norm);
	free(norm);
	return f;
}

static bool
within_limits(const facts *f)
{
	return f->valid && f->words >= 1 && f->words <= NAME_MAX_WORDS &&
	    f->letters <= NAME_MAX_BYTES &&
	    f->codepoints <= NAME_MAX_CODEPOINTS;
}

static char *
ascii_upper(const char *text)
{
	size_t n = strlen(text), i;
	char *u = malloc(n + 1);

	if (u == NULL)
		return NULL;
	for (i = 0; i <= n; i++)
		u[i] = text[i] >= 'a' && text[i] <= 'z' ?
		    (char)(text[i] - 'a' + 'A') : text[i];
	return u;
}

static void
check_self(const char *x)
{
	facts f = study(x);
	char *up;

	/* has_cjk agrees with the decoder here (name.h skips malformed
	 * bytes, whose reading is its own: only valid text is compared). */
	if (f.valid)
		FZ_ASSERT(cp__name_has_cjk(x) == f.cjk);
	if (!within_limits(&f))
		return;
	FZ_ASSERT(cp__name_alias_matches(x, x));
	if (f.norm_cjk)
		return;
	FZ_ASSERT(cp__name_compare(x, x) == CP__NAME_MATCH);
	if ((up = ascii_upper(x)) == NULL)
		return;
	FZ_ASSERT(cp__name_compare(x, up) == CP__NAME_MATCH);
	FZ_ASSERT(cp__name_compare(up, x) == CP__NAME_MATCH);
	FZ_ASSERT(cp__name_alias_matches(up, x));
	free(up);
}

static void
check_pair(const char *a, const char *b)
{
	cp__name_result ab = cp__name_compare(a, b);
	cp__name_result ba = cp__name_compare(b, a);
	bool alias_ab = cp__name_alias_matches(a, b);
	bool alias_ba = cp__name_alias_matches(b, a);
	facts fa = study(a), fb = study(b);

	FZ_ASSERT(ab == CP__NAME_MATCH || ab == CP__NAME_TRANSLITERATED ||
	    ab == CP__NAME_PARTIAL || ab == CP__NAME_MISMATCH);
	FZ_ASSERT(alias_ab == alias_ba);
	if (ab == CP__NAME_MATCH) {
		FZ_ASSERT(ba == CP__NAME_MATCH);
		FZ_ASSERT(alias_ab);
	}
	if (ab == CP__NAME_TRANSLITERATED)
		FZ_ASSERT(ba == CP__NAME_TRANSLITERATED);
	if (fb.valid && fb.only_cjk)
		FZ_ASSERT(ab == CP__NAME_MISMATCH);
	if (fa.valid && fa.only_cjk)
		FZ_ASSERT(ba == CP__NAME_MISMATCH);
	/* NULL on either side is a MISMATCH / false. */
	FZ_ASSERT(cp__name_compare(NULL, b) == CP__NAME_MISMATCH);
	FZ_ASSERT(cp__name_compare(a, NULL) == CP__NAME_MISMATCH);
	FZ_ASSERT(!cp__name_alias_matches(a, NULL));
	FZ_ASSERT(!cp__name_alias_matches(NULL, b));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *a, *b;
	size_t cut;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((text = fz_text(data, size)) == NULL)
		return 0;
	for (cut = 0; cut < size && text[cut] != '\0' && text[cut] != '\n';
	    cut++)
		;
	a = text;
	b = cut < size ? text + cut + 1 : text + size;
	text[cut] = '\0';
	check_self(a);
	check_self(b);
	check_pair(a, b);
	FZ_ASSERT(!cp__name_has_cjk(NULL));
	free(text);
	return 0;
}
