/* utf8.c - decoding UTF-8 strictly (RFC 3629, table 3-7 of Unicode). */
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"

size_t
cp__utf8_decode(const char *s, size_t avail, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	uint32_t c;
	size_t n, i;

	if (avail == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	/* The second byte's range rules out overlong forms (E0, F0),
	 * surrogates (ED) and values past U+10FFFF (F4). */
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		c = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		c = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xbf))
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	*cp = c;
	return n;
}

uint32_t
cp__utf8_next(const char **p)
{
	uint32_t cp;
	size_t n;

	if (**p == '\0')
		return 0;
	if ((n = cp__utf8_decode(*p, (size_t)-1, &cp)) == 0) {
		(*p)++;
		return CP__UTF8_BAD;
	}
	*p += n;
	return cp;
}

size_t
cp__utf8_encode(uint32_t cp, char out[4])
{
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		cp = CP__UTF8_BAD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool
cp__utf8_valid(const char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	while (len > 0) {
		if ((n = cp__utf8_decode(s, len, &cp)) == 0)
			return false;
		s += n;
		len -= n;
	}
	return true;
}

void
cp__utf8_clean(char *s)
{
	char *w = s;
	uint32_t cp;
	size_t n;

	while (*s != '\0') {
		if ((n = cp__utf8_decode(s, (size_t)-1, &cp)) == 0) {
			s++;
			continue;
		}
		memmove(w, s, n);
		w += n;
		s += n;
	}
	*w = '\0';
}

size_t
cp__utf8_cut(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t lead = len, need;

	/* Back over continuation bytes to the last lead byte; keep it
	 * only when its whole sequence fits. */
	while (lead > 0 && (p[lead - 1] & 0xc0) == 0x80 && len - lead < 3)
		lead--;
	if (lead == 0)
		return len;
	need = p[lead - 1] >= 0xf0 ? 4 : p[lead - 1] >= 0xe0 ? 3 :
	    p[lead - 1] >= 0xc0 ? 2 : 1;
	return len - (lead - 1) < need ? lead - 1 : len;
}

bool
cp__has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

char *
cp__utf8_printable(const char *s)
{
	char *out = cp__strdup(s), *c;

	if (out == NULL)
		return NULL;
	cp__utf8_clean(out);
	for (c = out; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return out;
}
