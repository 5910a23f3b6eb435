/* translit.c - the letters that ICAO Doc 9303 writes otherwise than by
 * leaving their accent out.  docs/checks.md shows the same table. */
#include <stddef.h>

#include "manifest/translit.h"

/*
 * Lower case, in code point order.  ß, ẞ and ĳ are not here: case
 * folding already makes them "ss" and "ij".  ı and İ are not here
 * either: the comparison folds both to "i".
 */
static const cp__translit table[] = {
	{ 0x00E4, "ae", "a" },  /* ä */
	{ 0x00E5, "aa", "a" },  /* å */
	{ 0x00E6, "ae", "ae" }, /* æ */
	{ 0x00F0, "d", "d" },   /* ð */
	{ 0x00F6, "oe", "o" },  /* ö */
	{ 0x00F8, "oe", "o" },  /* ø */
	{ 0x00FC, "ue", "u" },  /* ü */
	{ 0x00FE, "th", "th" }, /* þ */
	{ 0x0111, "d", "d" },   /* đ */
	{ 0x0127, "h", "h" },   /* ħ */
	{ 0x0142, "l", "l" },   /* ł */
	{ 0x014B, "n", "n" },   /* ŋ */
	{ 0x0153, "oe", "oe" }, /* œ */
	{ 0x0167, "t", "t" },   /* ŧ */
};

const cp__translit *cp__translit_find(uint32_t letter)
{
	size_t lo = 0, hi = sizeof table / sizeof table[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (table[mid].letter == letter)
			return &table[mid];
		if (table[mid].letter < letter)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
