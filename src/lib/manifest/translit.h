/* translit.h - the letters that ICAO Doc 9303 writes otherwise than by
 * leaving their accent out. */
#ifndef CP_TRANSLIT_H
#define CP_TRANSLIT_H

#include <stdint.h>

/*
 * One letter, lower case (names are case-folded before they get here):
 * `icao` is how a machine-readable passport zone writes it (ICAO Doc
 * 9303 part 3, "transliteration of multinational Latin-based
 * characters"), `plain` how it reads with its accent or stroke simply
 * left out.  Both are lower-case ASCII.  A letter with no row here is
 * written in both ways as its base letter, without its marks (é -> e,
 * ñ -> n, ş -> s, č -> c).
 */
typedef struct {
	uint32_t letter;
	const char *icao;
	const char *plain;
} cp__translit;

/* The row of `letter`, or NULL when it has none. */
const cp__translit *cp__translit_find(uint32_t letter);

#endif
