/* name.c - comparing a name printed on a paper with the passport name. */
#include "manifest/claim.h"
#include "manifest/name.h"
#include "manifest/translit.h"
#include "util/utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

/*
 * Limits of one normalized name.  Real names are far below them; a text
 * beyond them is not a name, and comparing it gives MISMATCH rather than
 * a guess.  Fixed sizes keep the comparison free of allocation, so that
 * it cannot fail for lack of memory.
 */
#define NAME_MAX_BYTES 1024
#define NAME_MAX_WORDS 64
/* Code points of one name once normalized, separators included. */
#define NAME_MAX_CODEPOINTS 2048

/*
 * A name whose words hold at most this many apostrophes or hyphens
 * ("O'Brien", "Jean-Luc") is compared with every choice of keeping each
 * one as a word break or removing it; beyond it, only "all breaks" and
 * "all removed" are tried.
 */
#define MAX_JOIN_CHOICES 4

/* One run of word characters, folded, as bytes in parsed_name.text. */
typedef struct {
	size_t off;
	size_t len;
	bool joined_to_next;  /* followed by one apostrophe or hyphen, then
	                         by the next word: "o" in "o'brien" */
	bool surname;         /* before the passport name's comma */
} token;

typedef struct {
	char text[NAME_MAX_BYTES];  /* the tokens back to back, no breaks */
	size_t text_len;
	token tok[NAME_MAX_WORDS];
	size_t ntok;
	bool has_cjk;
} parsed_name;

/* A word to compare: one token, or several joined ones. */
typedef struct {
	const char *s;
	size_t len;
	bool surname;
} word;

typedef struct {
	word w[NAME_MAX_WORDS];
	size_t n;
} word_list;

static bool is_cjk(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0x20000 && c <= 0x2FFFF);
}

static bool is_ascii_alnum(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * What splits a name into words: every ASCII character that is not a
 * letter or digit, and the non-ASCII spaces and punctuation that show up
 * in names: no-break space, middle dots (U+00B7, U+2027, U+30FB), hyphens
 * and dashes (U+2010..U+2015), typographic apostrophes (U+2018, U+2019),
 * the ideographic space, comma and full stop (U+3000..U+3002) and the
 * fullwidth comma and full stop (U+FF0C, U+FF0E).  Every other character
 * belongs to a word.
 */
static bool is_separator(uint32_t c)
{
	if (c < 0x80)
		return !is_ascii_alnum(c);
	switch (c) {
	case 0x00A0: case 0x00B7: case 0x2027: case 0x30FB:
	case 0x2018: case 0x2019: case 0x3000: case 0x3001: case 0x3002:
	case 0xFF0C: case 0xFF0E:
		return true;
	default:
		return c >= 0x2010 && c <= 0x2015;
	}
}

/* Separators that may also be left out: "O'Brien" is "OBrien". */
static bool is_joiner(uint32_t c)
{
	return c == '\'' || c == '-' || c == 0x2010 || c == 0x2011 ||
	    c == 0x2019;
}

static bool is_comma(uint32_t c)
{
	return c == ',' || c == 0xFF0C;
}

/*
 * How a name is spelled for one comparison: as given (folded), as a
 * machine-readable passport zone writes it (ICAO Doc 9303), or with its
 * accents and strokes left out.
 */
typedef enum {
	FORM_FOLDED,
	FORM_ICAO,
	FORM_PLAIN
} name_form;

static bool is_latin(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2C60 && c <= 0x2C7F) ||
	    (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xAB30 && c <= 0xAB6F);
}

static bool is_greek(uint32_t c)
{
	return (c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF);
}

static bool is_mark(uint32_t c)
{
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);

	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	    cat == UTF8PROC_CATEGORY_ME;
}

/*
 * Before case folding: the Turkish capital İ and small dotless ı are
 * both "i".  Unicode's folding makes İ an "i" with a second dot and
 * leaves ı alone, so that "İNCE" would not be "ince" nor "YILMAZ"
 * "Yılmaz", though each is the other in capitals.
 */
static utf8proc_int32_t fold_turkish_i(utf8proc_int32_t c, void *data)
{
	(void)data;
	return c == 0x130 || c == 0x131 ? 'i' : c;
}

/*
 * `text` normalized into `cp` (at most `cap` code points; *n set to how
 * many): NFKC with full case folding (utf8proc), so that case, a
 * decomposed "ü", fullwidth "ＳＭＩＴＨ" and half-width kana do not
 * count; Greek letters lose their accents and breathings (capitals are
 * written without them), and a dot above an "i" or "j" is dropped.  For
 * FORM_ICAO and FORM_PLAIN, each Latin letter is then written as the
 * translit table says, or as its base letter with its marks left out.
 * Returns false for NULL, invalid UTF-8 (by util/utf8.c, the library's
 * one decoder) or a text that does not fit.
 */
static bool normalize(uint32_t *cp, size_t cap, size_t *n, const char *text,
    name_form form)
{
	utf8proc_int32_t buf[NAME_MAX_CODEPOINTS];
	utf8proc_ssize_t len;
	size_t i, k = 0;
	uint32_t base = 0;      /* the last character that is not a mark */

	*n = 0;
	if (text == NULL || !cp__utf8_valid(text, strlen(text)))
		return false;
	len = utf8proc_decompose_custom((const utf8proc_uint8_t *)text,
	    (utf8proc_ssize_t)strlen(text), buf, NAME_MAX_CODEPOINTS,
	    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
	    UTF8PROC_CASEFOLD, fold_turkish_i, NULL);
	if (len < 0 || len > NAME_MAX_CODEPOINTS)
		return false;

	/* Drop the marks that case does not keep, then compose (NFC). */
	for (i = 0; i < (size_t)len; i++) {
		uint32_t c = (uint32_t)buf[i];

		if (!is_mark(c))
			base = c;
		else if (is_greek(base) ||
		    (c == 0x307 && (base == 'i' || base == 'j')))
			continue;
		buf[k++] = (utf8proc_int32_t)c;
	}
	len = utf8proc_normalize_utf32(buf, (utf8proc_ssize_t)k,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0)
		return false;

	base = 0;
	for (i = 0, k = 0; i < (size_t)len; i++) {
		uint32_t c = (uint32_t)buf[i];
		const cp__translit *row;
		utf8proc_int32_t parts[8];
		const char *ascii = NULL;
		int boundclass = 0;

		if (form != FORM_FOLDED) {
			if (is_mark(c)) {
				if (is_latin(base))
					continue;       /* left uncomposed */
			} else if ((row = cp__translit_find(c)) != NULL) {
				ascii = form == FORM_ICAO ? row->icao :
				    row->plain;
			} else if (is_latin(c) && utf8proc_decompose_char(
			    (utf8proc_int32_t)c, parts, 8, UTF8PROC_DECOMPOSE,
			    &boundclass) >= 1) {
				c = (uint32_t)parts[0];  /* é -> e */
			}
		}
		if (!is_mark(c))
			base = c;
		if (ascii == NULL) {
			if (k == cap)
				return false;
			cp[k++] = c;
			continue;
		}
		for (; *ascii != '\0'; ascii++) {
			if (k == cap)
				return false;
			cp[k++] = (unsigned char)*ascii;
		}
	}
	*n = k;
	return true;
}

/*
 * Splits `text` into words, normalized for `form`.  When `mark_surname`
 * is set, the words before the first comma are marked as the surname.
 * Returns false for NULL, invalid UTF-8 or a text beyond the limits.
 */
static bool parse_name(parsed_name *out, const char *text, bool mark_surname,
    name_form form)
{
	uint32_t cp[NAME_MAX_CODEPOINTS];
	size_t ncp, i;
	bool in_word = false;
	bool seen_comma = false;
	size_t before_comma = 0;

	out->text_len = 0;
	out->ntok = 0;
	out->has_cjk = false;
	if (!normalize(cp, NAME_MAX_CODEPOINTS, &ncp, text, form))
		return false;

	for (i = 0; i < ncp; i++) {
		uint32_t c = cp[i];

		if (!is_separator(c)) {
			char enc[4];
			size_t len = cp__utf8_encode(c, enc);
			token *t;

			if (!in_word) {
				if (out->ntok == NAME_MAX_WORDS)
					return false;
				t = &out->tok[out->ntok++];
				t->off = out->text_len;
				t->len = 0;
				t->joined_to_next = false;
				t->surname = false;
				in_word = true;
			}
			if (out->text_len + len > sizeof out->text)
				return false;
			memcpy(out->text + out->text_len, enc, len);
			out->text_len += len;
			out->tok[out->ntok - 1].len += len;
			if (is_cjk(c))
				out->has_cjk = true;
			continue;
		}

		if (is_comma(c) && !seen_comma) {
			seen_comma = true;
			before_comma = out->ntok;
		}
		/* Only a single apostrophe or hyphen between two word
		 * characters joins: "O'Brien", not "Smith - Jones". */
		if (in_word && is_joiner(c) && i + 1 < ncp &&
		    !is_separator(cp[i + 1]))
			out->tok[out->ntok - 1].joined_to_next = true;
		in_word = false;
	}

	if (mark_surname && seen_comma)
		for (i = 0; i < before_comma; i++)
			out->tok[i].surname = true;
	return true;
}

/* The number of words that hold an apostrophe or hyphen ("compounds"). */
static size_t count_compounds(const parsed_name *name)
{
	size_t k = 0;

	for (size_t i = 0; i < name->ntok; i++)
		if (name->tok[i].joined_to_next &&
		    (i == 0 || !name->tok[i - 1].joined_to_next))
			k++;
	return k;
}

/* How many ways of joining `name`'s compounds are tried. */
static unsigned count_variants(const parsed_name *name)
{
	size_t k = count_compounds(name);

	return k <= MAX_JOIN_CHOICES ? 1u << k : 2u;
}

/*
 * The words of `name` for one choice of joinings: compound number c is
 * written as one word when bit c of `variant` is set (or, for a name with
 * more compounds than MAX_JOIN_CHOICES, when `variant` is 1), and as
 * separate words otherwise.  A joined compound is contiguous in
 * name->text, which holds no separators.
 */
static void make_words(word_list *out, const parsed_name *name,
    unsigned variant)
{
	size_t k = count_compounds(name);
	size_t compound = 0;
	size_t i = 0;

	out->n = 0;
	while (i < name->ntok) {
		size_t last = i;
		bool join = false;

		/* Tokens i..last are one compound, or one plain word. */
		while (name->tok[last].joined_to_next && last + 1 < name->ntok)
			last++;
		if (last > i) {
			join = k <= MAX_JOIN_CHOICES ?
			    ((variant >> compound) & 1u) != 0 : variant == 1;
			compound++;
		}
		if (join) {
			word *w = &out->w[out->n++];

			w->s = name->text + name->tok[i].off;
			w->len = name->tok[last].off + name->tok[last].len -
			    name->tok[i].off;
			w->surname = name->tok[i].surname;
		} else {
			for (size_t t = i; t <= last; t++) {
				word *w = &out->w[out->n++];

				w->s = name->text + name->tok[t].off;
				w->len = name->tok[t].len;
				w->surname = name->tok[t].surname;
			}
		}
		i = last + 1;
	}
}

static bool word_eq(const word *a, const word *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* The contract of cp__name_compare, on one choice of words per side. */
static cp__name_result compare_words(const word_list *pass,
    const word_list *printed)
{
	bool used[NAME_MAX_WORDS] = { false };    /* passport words */
	bool done[NAME_MAX_WORDS] = { false };    /* printed words */
	size_t full = 0;

	if (pass->n == 0 || printed->n == 0)
		return CP__NAME_MISMATCH;

	/* Words written in full first; equal words are interchangeable,
	 * so offering the surname's words first credits the surname. */
	for (int surname_pass = 1; surname_pass >= 0; surname_pass--) {
		for (size_t i = 0; i < pass->n; i++) {
			if (pass->w[i].surname != (surname_pass == 1))
				continue;
			for (size_t j = 0; j < printed->n; j++) {
				if (!done[j] &&
				    word_eq(&pass->w[i], &printed->w[j])) {
					used[i] = done[j] = true;
					full++;
					break;
				}
			}
		}
	}
	if (full == pass->n && full == printed->n)
		return CP__NAME_MATCH;
	if (full == 0)
		return CP__NAME_MISMATCH;
	for (size_t i = 0; i < pass->n; i++)
		if (pass->w[i].surname && !used[i])
			return CP__NAME_MISMATCH;

	/* What is left of the printed name must be initials, each of a
	 * different passport word.  Passport words with the same first
	 * letter are interchangeable, so taking the first free one is as
	 * good as any choice. */
	for (size_t j = 0; j < printed->n; j++) {
		const word *w = &printed->w[j];
		bool found = false;
		uint32_t c;

		if (done[j])
			continue;
		/* An initial is one character. */
		if (cp__utf8_decode(w->s, w->len, &c) != w->len)
			return CP__NAME_MISMATCH;
		for (size_t i = 0; i < pass->n && !found; i++) {
			if (!used[i] && pass->w[i].len >= w->len &&
			    memcmp(pass->w[i].s, w->s, w->len) == 0) {
				used[i] = true;
				found = true;
			}
		}
		if (!found)
			return CP__NAME_MISMATCH;
	}
	return CP__NAME_PARTIAL;
}

/* The best result over every choice of joinings on both sides. */
static cp__name_result compare_parsed(const parsed_name *pass,
    const parsed_name *printed)
{
	cp__name_result best = CP__NAME_MISMATCH;
	unsigned npass = count_variants(pass);
	unsigned nprinted = count_variants(printed);
	word_list a;
	word_list b;

	for (unsigned v = 0; v < npass; v++) {
		make_words(&a, pass, v);
		for (unsigned u = 0; u < nprinted; u++) {
			cp__name_result r;

			make_words(&b, printed, u);
			r = compare_words(&a, &b);
			if (r == CP__NAME_MATCH)
				return r;
			if (r == CP__NAME_PARTIAL)
				best = r;
		}
	}
	return best;
}

/* The contract of cp__name_compare, with both names in one form. */
static cp__name_result compare_form(const char *passport, const char *printed,
    name_form form)
{
	parsed_name a;
	parsed_name b;

	if (!parse_name(&a, passport, true, form) ||
	    !parse_name(&b, printed, false, form))
		return CP__NAME_MISMATCH;
	if (b.has_cjk)
		return CP__NAME_MISMATCH;
	return compare_parsed(&a, &b);
}

cp__name_result cp__name_compare(const char *passport, const char *printed)
{
	static const name_form translit[] = { FORM_ICAO, FORM_PLAIN };
	cp__name_result best = compare_form(passport, printed, FORM_FOLDED);
	size_t i;

	if (best == CP__NAME_MATCH)
		return best;
	for (i = 0; i < sizeof translit / sizeof translit[0]; i++) {
		cp__name_result r = compare_form(passport, printed,
		    translit[i]);

		if (r == CP__NAME_MATCH)
			return CP__NAME_TRANSLITERATED;
		if (r == CP__NAME_PARTIAL)
			best = r;
	}
	return best;
}

bool cp__name_alias_matches(const char *alias, const char *printed)
{
	parsed_name a;
	parsed_name b;

	if (!parse_name(&a, alias, false, FORM_FOLDED) ||
	    !parse_name(&b, printed, false, FORM_FOLDED))
		return false;
	if (a.ntok == 0 || b.ntok == 0)
		return false;
	/* Chinese names are written with or without a space or a middle dot
	 * between the parts, and their order is part of the name. */
	if (a.has_cjk || b.has_cjk)
		return a.text_len == b.text_len &&
		    memcmp(a.text, b.text, a.text_len) == 0;
	return compare_parsed(&a, &b) == CP__NAME_MATCH;
}

bool cp__name_has_cjk(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	if (text == NULL)
		return false;
	while (*p != '\0') {
		uint32_t c;
		size_t n = cp__utf8_decode((const char *)p, (size_t)-1, &c);

		if (n == 0) {
			p++;            /* skip a malformed byte */
			continue;
		}
		if (is_cjk(c))
			return true;
		p += n;
	}
	return false;
}

cp__patient_name cp__name_is_patient(const cp_claim *claim,
    const char *printed, const char **alias)
{
	cp__name_result result = cp__name_compare(claim->patient_name,
	    printed);
	size_t i;

	if (alias != NULL)
		*alias = NULL;
	if (result == CP__NAME_MATCH)
		return CP__PATIENT_MATCH;
	for (i = 0; i < claim->naliases; i++)
		if (cp__name_alias_matches(claim->aliases[i], printed)) {
			if (alias != NULL)
				*alias = claim->aliases[i];
			return CP__PATIENT_ALIAS;
		}
	if (result == CP__NAME_TRANSLITERATED)
		return CP__PATIENT_TRANSLITERATED;
	return result == CP__NAME_PARTIAL ? CP__PATIENT_PARTIAL :
	    CP__PATIENT_MISMATCH;
}

void cp__name_printed_form(char *out, size_t size, const char *passport)
{
	const char *p = passport;
	bool comma_seen = false, space = false;
	size_t len = 0, n;
	uint32_t c;
	char buf[4];

	if (size == 0)
		return;
	out[0] = '\0';
	if (passport == NULL)
		return;
	while ((c = cp__utf8_next(&p)) != 0) {
		if (c == CP__UTF8_BAD)
			continue;
		/* The first comma marks the surname; it is no part of the
		 * name, which is written surname first already. */
		if (is_comma(c) && !comma_seen) {
			comma_seen = true;
			space = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000) {
			space = true;
			continue;
		}
		if (space && len > 0) {
			if (len + 1 >= size)
				break;
			out[len++] = ' ';
		}
		space = false;
		n = cp__utf8_encode((uint32_t)utf8proc_toupper(
		    (utf8proc_int32_t)c), buf);
		if (len + n >= size)
			break;
		memcpy(out + len, buf, n);
		len += n;
	}
	out[len] = '\0';
}

/* Appends ", " and `s` to the text in `out`, as far as it fits. */
static void append_spelling(char *out, size_t size, const char *s)
{
	size_t len = strlen(out);

	if (len + 1 >= size)
		return;
	snprintf(out + len, size - len, "%s%s", len > 0 ? ", " : "", s);
}

void cp__name_spellings(char *out, size_t size, const cp_claim *claim)
{
	size_t i, j;

	if (size == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < claim->naliases; i++)
		append_spelling(out, size, claim->aliases[i]);
	for (i = 0; i < claim->ndocuments; i++) {
		const char *name = claim->documents[i].name;
		bool seen = false;

		if (name == NULL || cp__name_is_patient(claim, name, NULL) !=
		    CP__PATIENT_TRANSLITERATED)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = claim->documents[j].name != NULL &&
			    cp__name_alias_matches(claim->documents[j].name,
			    name) && cp__name_is_patient(claim,
			    claim->documents[j].name, NULL) ==
			    CP__PATIENT_TRANSLITERATED;
		if (!seen)
			append_spelling(out, size, name);
	}
	out[cp__utf8_cut(out, strlen(out))] = '\0';
}
