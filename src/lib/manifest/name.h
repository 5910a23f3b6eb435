/* name.h - comparing a name printed on a paper with the passport name. */
#ifndef CP_NAME_H
#define CP_NAME_H

#include <stdbool.h>
#include <stddef.h>

#include "claimpack.h"

typedef enum {
	CP__NAME_MATCH,     /* the same name */
	CP__NAME_TRANSLITERATED,  /* the same name once both are written as
	                       a passport's machine-readable zone writes
	                       them (ICAO Doc 9303: Ü -> UE, Ø -> OE), or
	                       with their accents left out (Ü -> U) */
	CP__NAME_PARTIAL,   /* same surname and given names, but some given
	                       name is missing or only an initial */
	CP__NAME_MISMATCH   /* anything else */
} cp__name_result;

/*
 * Compares `printed` (as on a paper) with `passport` (as in the passport).
 * Unicode-aware (utf8proc): names compare after NFKC normalization and
 * full case folding, ignoring punctuation, commas, the middle dot U+00B7
 * (and U+30FB, U+2027) and the order of the name's words: "SMITH, John
 * Alexander" matches "John Alexander Smith" and "SMITH JOHN ALEXANDER";
 * "Müller" written as "u" plus U+0308 matches "MÜLLER", "ＳＭＩＴＨ"
 * matches "Smith", "Strauß" matches "STRAUSS", "Παπαδόπουλος" matches
 * "ΠΑΠΑΔΟΠΟΥΛΟΣ".  Accents on Latin letters count for a MATCH: "Muller"
 * and "Mueller" are TRANSLITERATED against "MÜLLER".
 *
 * TRANSLITERATED when the names are not the same but are once both are
 * written as ICAO Doc 9303 writes a passport's machine-readable zone
 * (the letters of manifest/translit.c, every other Latin letter without
 * its accents: "MUELLER JUERGEN" for "MÜLLER, Jürgen", "PAWEL" for
 * "Paweł"), or once both have their accents and strokes left out
 * ("MULLER", "MOLLER" for "MØLLER").
 *
 * PARTIAL when every word of `printed` is a word of the passport name, or
 * a one-letter initial of one (each passport word used once), at least
 * one word matches in full, the surname matches when the passport name
 * marks it (the words before a comma), and some passport word is missing
 * or only an initial; also when that holds only once transliterated.  A
 * name written in CJK characters is always a MISMATCH here: it can only
 * match through an alias.
 *
 * In detail:
 * - Both names are first normalized: NFKC with full case folding
 *   (utf8proc_decompose_custom with UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
 *   then composed); the Turkish İ and ı are "i" (each is the other's
 *   capital or small form in Turkish); Greek letters lose their accents,
 *   breathings and diaereses (capitals are written without); a dot above
 *   U+0307 after "i" or "j" is dropped.
 * - Words are split at every ASCII character that is not a letter or
 *   digit, and at U+00A0, U+00B7, U+2010..U+2015, U+2018, U+2019, U+2027,
 *   U+3000..U+3002, U+30FB, U+FF0C and U+FF0E.  The surname is marked by
 *   the first ',' or U+FF0C of `passport` only; a comma in `printed`
 *   marks nothing.
 * - An apostrophe or hyphen ('\'', '-', U+2010, U+2011, U+2019) between
 *   two letters may be read either as a word break or as nothing, on each
 *   side independently: "O'Brien" matches "O Brien" and "OBRIEN",
 *   "Jean-Luc" matches "Jean Luc" and "JEANLUC".  (Every choice is tried
 *   for up to four such words per name; beyond that, all-breaks and
 *   all-removed only.)
 * - Only Latin letters are transliterated: "ガ" is not "カ", "й" is not
 *   "и".
 * - A surname of several words ("GARCIA LOPEZ, Maria") must appear whole
 *   and in full (not as initials) for PARTIAL.  When the passport name
 *   has no comma, no word is required: "John" is then PARTIAL against
 *   "John Alexander Smith".  Write passport names as "SURNAME, Given".
 * - An initial is a word of one character ("J", "J."), and uses up one
 *   passport word that starts with that character.
 * - NULL, invalid UTF-8 (util/utf8.c decides), a name with no words,
 *   more than 64 words, more than 1024 bytes of letters or more than 2048
 *   code points once normalized is a MISMATCH.
 * - Nothing is allocated: the comparison cannot fail for lack of memory.
 */
cp__name_result cp__name_compare(const char *passport, const char *printed);

/*
 * True when `printed` is the same as `alias` once both are normalized as
 * above, without transliteration (case, punctuation, middle dots and word order ignored; for CJK
 * names, spaces ignored too: "约翰·史密斯" = "约翰 史密斯" = "约翰史密斯").
 * When either side contains a CJK ideograph, all word characters are
 * compared in order, separators left out, so "史密斯 约翰" does not match
 * "约翰 史密斯".  False for NULL, invalid UTF-8 or a side with no words.
 */
bool cp__name_alias_matches(const char *alias, const char *printed);

/* True when `text` contains a CJK ideograph (U+3400..U+9FFF,
 * U+F900..U+FAFF, U+20000..U+2FFFF).  Malformed UTF-8 bytes are skipped;
 * NULL gives false. */
bool cp__name_has_cjk(const char *text);

/* Whether a name printed on a paper is the claim's patient's. */
typedef enum {
	CP__PATIENT_MATCH,     /* the passport name (cp__name_compare) */
	CP__PATIENT_ALIAS,     /* one of patient.aliases */
	CP__PATIENT_TRANSLITERATED, /* the passport name, transliterated */
	CP__PATIENT_PARTIAL,   /* the passport name, part left out */
	CP__PATIENT_MISMATCH   /* none of these */
} cp__patient_name;

/*
 * Whether `printed` names `claim`'s patient: MATCH when it is the
 * passport name, else ALIAS when it matches one of patient.aliases
 * (cp__name_alias_matches; *alias, when `alias` is not NULL, is set to
 * the first that does), else TRANSLITERATED or PARTIAL when
 * cp__name_compare says so, else MISMATCH.  An alias wins over a
 * transliterated or partial match: it is what the patient declared.  Every place that asks "is this the patient?" (the name
 * checks, a verification service's buyer) asks here.
 */
cp__patient_name cp__name_is_patient(const cp_claim *claim,
    const char *printed, const char **alias);

/*
 * The passport name as a hospital should print it, into `out` (`size`
 * bytes, NUL-terminated, cut at a character boundary when it does not
 * fit): every letter in capitals (Unicode simple case mapping, as a
 * passport's data page prints names), the comma that marks the surname
 * left out and each run of spaces made one: "SMITH, John Alexander" ->
 * "SMITH JOHN ALEXANDER", "Müller, Jürgen" -> "MÜLLER JÜRGEN".  It
 * compares as CP__NAME_MATCH with the passport name.  Malformed bytes
 * are left out; NULL gives "".
 */
void cp__name_printed_form(char *out, size_t size, const char *passport);

/*
 * The spellings of the patient's name a reviewer should see next to the
 * passport name, written into `out` (`size` bytes, NUL-terminated, cut
 * at a character boundary when it does not fit) separated by ", ":
 * patient.aliases, then each name on a paper that is the passport name
 * only transliterated (cp__name_is_patient gives TRANSLITERATED), each
 * spelling once.  Empty when there are none.
 */
void cp__name_spellings(char *out, size_t size, const cp_claim *claim);

#endif
