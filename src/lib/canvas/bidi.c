/* bidi.c - reordering and joining right-to-left text with FriBidi. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "canvas/bidi.h"
#include "util/utf8.h"

/* True for a code point of a right-to-left script's blocks. */
static bool
is_rtl(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08ff) ||
	    (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefe);
}

/* True for a lam-alef ligature: FriBidi puts it in the place of one of
 * the two letters and a FRIBIDI_CHAR_FILL in the other's. */
static bool
is_lam_alef(uint32_t cp)
{
	return cp >= 0xfef5 && cp <= 0xfefc;
}

int
cp__bidi_visual(char **out, const char *utf8, cp__bidi_prints prints,
    void *ctx)
{
	FriBidiChar *logical = NULL, *visual = NULL;
	FriBidiStrIndex *v2l = NULL, *l2v = NULL;
	FriBidiParType dir = FRIBIDI_PAR_LTR;
	size_t len = strlen(utf8), n = 0, at, k, l, used;
	bool *plain = NULL, rtl = false;
	uint32_t cp;
	char *s = NULL;
	int rc = CP_ENOMEM;

	*out = NULL;
	for (at = 0; at < len; at += k) {
		if ((k = cp__utf8_decode(utf8 + at, len - at, &cp)) == 0)
			return CP_OK;
		rtl = rtl || is_rtl(cp);
		n++;
	}
	/* FriBidi counts in its signed index type. */
	if (!rtl || n > 65536)
		return CP_OK;
	/* Each code point takes at most 4 bytes in UTF-8. */
	if ((logical = calloc(n, sizeof(*logical))) == NULL ||
	    (visual = calloc(n, sizeof(*visual))) == NULL ||
	    (v2l = calloc(n, sizeof(*v2l))) == NULL ||
	    (l2v = calloc(n, sizeof(*l2v))) == NULL ||
	    (plain = calloc(n, sizeof(*plain))) == NULL ||
	    (s = malloc(n * 4 + 1)) == NULL)
		goto done;
	for (at = 0, n = 0; at < len; at += k) {
		k = cp__utf8_decode(utf8 + at, len - at, &cp);
		logical[n++] = cp;
	}
	/* fribidi_log2vis joins and shapes Arabic (FRIBIDI_FLAGS_ARABIC)
	 * and reorders the line; it fails only when out of memory. */
	if (fribidi_log2vis(logical, (FriBidiStrIndex)n, &dir, visual, l2v,
	    v2l, NULL) == 0)
		goto done;
	/* Which letters are drawn as they are: those whose joined form no
	 * font prints, and the other letter of such a lam-alef (the one
	 * whose visual form is the filler, on either side in logical order
	 * once reordered). */
	for (k = 0; k < n && prints != NULL; k++) {
		l = (size_t)v2l[k];
		if (l >= n || visual[k] == logical[l] ||
		    visual[k] == FRIBIDI_CHAR_FILL || prints(ctx, visual[k]))
			continue;
		plain[l] = true;
		if (!is_lam_alef(visual[k]))
			continue;
		if (l + 1 < n && (size_t)l2v[l + 1] < n &&
		    visual[l2v[l + 1]] == FRIBIDI_CHAR_FILL)
			plain[l + 1] = true;
		else if (l > 0 && (size_t)l2v[l - 1] < n &&
		    visual[l2v[l - 1]] == FRIBIDI_CHAR_FILL)
			plain[l - 1] = true;
	}
	for (k = 0, used = 0; k < n; k++) {
		l = (size_t)v2l[k];
		if (l < n && plain[l])
			used += cp__utf8_encode(logical[l], s + used);
		else if (visual[k] != FRIBIDI_CHAR_FILL ||
		    (l < n && logical[l] == FRIBIDI_CHAR_FILL))
			used += cp__utf8_encode(visual[k], s + used);
	}
	s[used] = '\0';
	*out = s;
	s = NULL;
	rc = CP_OK;
done:
	free(s);
	free(plain);
	free(l2v);
	free(v2l);
	free(visual);
	free(logical);
	return rc;
}
