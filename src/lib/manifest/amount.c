/* amount.c - exact decimal amounts and rates, without floating point. */
#include "manifest/amount.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The largest rate accepted, in units of 10^-8: a rate of ten million. */
#define RATE_MAX INT64_C(1000000000000000)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/*
 * True when text[0 .. len) is a run of digit groups split by `sep`,
 * the first group of 1 to 3 digits and every other of exactly 3:
 * the way "1,000" or "12 850" writes thousands.
 */
static bool is_grouped(const char *text, size_t len, char sep)
{
	size_t i = 0;
	size_t first = 0;
	size_t groups = 0;

	while (i < len && is_digit(text[i])) {
		i++;
		first++;
	}
	if (first < 1 || first > 3)
		return false;
	while (i < len) {
		if (text[i] != sep || len - i < 4)
			return false;
		for (size_t k = 1; k <= 3; k++)
			if (!is_digit(text[i + k]))
				return false;
		i += 4;
		groups++;
	}
	return groups > 0;
}

/*
 * Says why `text`, which is not of the form digits[.digits], is not a
 * plain decimal number.  Tries to name the habit that produced it (a
 * thousands separator, a decimal comma, an exponent) so that the user
 * knows what to change.
 */
static const char *diagnose(const char *text)
{
	size_t len = 0;
	size_t dot = SIZE_MAX;     /* position of the first '.', if any */
	size_t commas = 0;
	size_t spaces = 0;
	size_t exps = 0;
	size_t others = 0;

	for (len = 0; text[len] != '\0'; len++) {
		char c = text[len];

		if (c == '.' && dot == SIZE_MAX)
			dot = len;
		else if (c == ',')
			commas++;
		else if (c == ' ')
			spaces++;
		else if (c == 'e' || c == 'E')
			exps++;
		else if (!is_digit(c))
			others++;
	}

	if (is_space(text[0]) || is_space(text[len - 1]))
		return "has spaces before or after it";
	if (text[0] == '-' && (is_digit(text[1]) || text[1] == '.'))
		return "is negative";
	if (text[0] == '+' && (is_digit(text[1]) || text[1] == '.'))
		return "starts with a plus sign";

	size_t int_len = dot == SIZE_MAX ? len : dot;

	if (commas > 0 && spaces == 0 && exps == 0 && others == 0) {
		if (is_grouped(text, int_len, ','))
			return "uses a thousands separator";
		/* "12,5" or "12,50": a European decimal comma. */
		if (commas == 1 && dot == SIZE_MAX) {
			size_t comma = 0;

			while (text[comma] != ',')
				comma++;
			if (comma > 0 && len - comma - 1 >= 1 &&
			    len - comma - 1 <= 2)
				return "uses a comma as the decimal point";
		}
	}
	if (spaces > 0 && commas == 0 && exps == 0 && others == 0 &&
	    is_grouped(text, int_len, ' '))
		return "uses a space as a thousands separator";
	if (exps == 1 && commas == 0 && spaces == 0 && others <= 1 &&
	    is_digit(text[0]))
		return "is written with an exponent";
	if (spaces > 0)
		return "contains a space";
	return "is not a plain decimal number";
}

/*
 * Parses digits[.digits] with at most `max_decimals` decimals into units
 * of 10^-max_decimals, rejecting values above `max`.  The fragments
 * returned through *why use `too_many` for the decimals case.
 */
static int parse_decimal(int64_t *out, const char *text, int max_decimals,
    int64_t max, const char *too_many, const char **why)
{
	const char *int_end;
	const char *frac = NULL;
	const char *frac_end = NULL;
	const char *p = text;
	int64_t value = 0;
	int decimals = 0;

	if (text == NULL || text[0] == '\0') {
		*why = "is empty";
		return -1;
	}

	/* Check the shape first, so that the reason given is the shape's
	 * and not "too large" for, say, "1e99999999999999999999". */
	while (is_digit(*p))
		p++;
	int_end = p;
	if (*p == '.') {
		frac = ++p;
		while (is_digit(*p))
			p++;
		frac_end = p;
	}
	if (*p != '\0') {
		*why = diagnose(text);
		return -1;
	}
	if (int_end == text) {
		*why = frac != NULL && frac_end > frac ?
		    "has no digit before the decimal point" :
		    "is not a plain decimal number";
		return -1;
	}
	if (frac != NULL && frac_end == frac) {
		*why = "has no digit after the decimal point";
		return -1;
	}
	if (frac != NULL && frac_end - frac > max_decimals) {
		*why = too_many;
		return -1;
	}

	for (p = text; p < (frac != NULL ? frac_end : int_end); p++) {
		int digit;

		if (*p == '.')
			continue;
		digit = *p - '0';
		if (value > (max - digit) / 10) {
			*why = "is too large";
			return -1;
		}
		value = value * 10 + digit;
	}

	/* Scale up for the decimals not written ("12.4" -> 1240 fen). */
	decimals = frac != NULL ? (int)(frac_end - frac) : 0;
	for (; decimals < max_decimals; decimals++) {
		if (value > max / 10) {
			*why = "is too large";
			return -1;
		}
		value *= 10;
	}

	*out = value;
	return 0;
}

int cp__amount_parse(int64_t *out_fen, const char *text, const char **why)
{
	const char *ignored;
	int64_t fen;

	if (why == NULL)
		why = &ignored;
	if (parse_decimal(&fen, text, 2, CP__AMOUNT_MAX,
	    "has more than two decimals", why) < 0)
		return -1;
	*out_fen = fen;
	return 0;
}

/* Decorations of an amount, and how a message names them. */
static const struct {
	const char *text;
	const char *named;
} currency_marks[] = {
	{ "\xc2\xa5", "the yen sign \"\xc2\xa5\"" },            /* ¥ */
	{ "\xef\xbf\xa5", "the full-width yen sign \"\xef\xbf\xa5\"" },
	{ "RMB", "the currency \"RMB\"" },
	{ "rmb", "the currency \"rmb\"" },
	{ "CNY", "the currency \"CNY\"" },
	{ "\xe4\xba\xba\xe6\xb0\x91\xe5\xb8\x81",                 /* 人民币 */
	  "the word \"\xe4\xba\xba\xe6\xb0\x91\xe5\xb8\x81\"" },
	{ "\xe5\x85\x83\xe6\x95\xb4",                             /* 元整 */
	  "the characters \"\xe5\x85\x83\xe6\x95\xb4\"" },
	{ "\xe5\x85\x83", "the character \"\xe5\x85\x83\"" },      /* 元 */
	{ "yuan", "the word \"yuan\"" },
};

/* Appends `named` to `what`, joined by " and ", unless it is there. */
static void name_mark(char *what, size_t size, const char *named)
{
	size_t len = strlen(what);

	if (strstr(what, named) != NULL || len >= size)
		return;
	snprintf(what + len, size - len, "%s%s", len ? " and " : "", named);
}

/* Takes one currency mark off the start (at_end false) or the end of
 * s[*lo, *hi), with the spaces beside it; names it in `what`. */
static bool strip_mark(const char *s, size_t *lo, size_t *hi, bool at_end,
    char *what, size_t size)
{
	size_t i, n;

	for (i = 0; i < sizeof(currency_marks) / sizeof(currency_marks[0]);
	    i++) {
		n = strlen(currency_marks[i].text);
		if (*hi - *lo < n)
			continue;
		if (at_end ? memcmp(s + *hi - n, currency_marks[i].text, n) :
		    memcmp(s + *lo, currency_marks[i].text, n))
			continue;
		if (at_end)
			*hi -= n;
		else
			*lo += n;
		while (*lo < *hi && s[*lo] == ' ')
			(*lo)++;
		while (*hi > *lo && s[*hi - 1] == ' ')
			(*hi)--;
		name_mark(what, size, currency_marks[i].named);
		return true;
	}
	return false;
}

int cp__amount_suggest(int64_t *out_fen, const char *text, char *what,
    size_t size)
{
	char core[64], plain[64];
	size_t lo = 0, hi, n, i, o = 0, dot, int_len;
	const char *ignored;

	if (size == 0)
		return 0;
	what[0] = '\0';
	if (text == NULL || cp__amount_parse(out_fen, text, &ignored) == 0)
		return 0;
	hi = strlen(text);
	while (lo < hi && text[lo] == ' ')
		lo++;
	while (hi > lo && text[hi - 1] == ' ')
		hi--;
	while (strip_mark(text, &lo, &hi, false, what, size) ||
	    strip_mark(text, &lo, &hi, true, what, size))
		;
	n = hi - lo;
	if (n == 0 || n >= sizeof(core))
		return 0;
	memcpy(core, text + lo, n);
	core[n] = '\0';

	/* What is left may still group its thousands, or use a comma for
	 * the decimal point. */
	for (dot = 0; dot < n && core[dot] != '.'; dot++)
		;
	int_len = dot;
	if (is_grouped(core, int_len, ',') || is_grouped(core, int_len, ' ')) {
		name_mark(what, size, memchr(core, ',', int_len) != NULL ?
		    "the thousands separator \",\"" :
		    "the spaces between the thousands");
		for (i = 0; i < n; i++)
			if (i >= int_len || (core[i] != ',' && core[i] != ' '))
				plain[o++] = core[i];
		plain[o] = '\0';
	} else if (dot == n && strchr(core, ',') != NULL &&
	    strchr(core, ',') == strrchr(core, ',') &&
	    strlen(strchr(core, ',') + 1) >= 1 &&
	    strlen(strchr(core, ',') + 1) <= 2) {
		name_mark(what, size, "the decimal comma \",\"");
		memcpy(plain, core, n + 1);
		*strchr(plain, ',') = '.';
	} else {
		memcpy(plain, core, n + 1);
	}
	if (what[0] == '\0' || cp__amount_parse(out_fen, plain, &ignored) != 0)
		return 0;
	return 1;
}

char *cp__amount_format(char *buf, size_t size, int64_t fen)
{
	/* Work on the magnitude as unsigned, so that INT64_MIN is safe. */
	uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	if (buf == NULL || size == 0)
		return buf;
	snprintf(buf, size, "%s%" PRIu64 ".%02u", fen < 0 ? "-" : "",
	    mag / 100, (unsigned)(mag % 100));
	return buf;
}

int cp__rate_parse(int64_t *out_e8, const char *text, const char **why)
{
	const char *ignored;
	int64_t e8;

	if (why == NULL)
		why = &ignored;
	if (parse_decimal(&e8, text, 8, RATE_MAX,
	    "has more than eight decimals", why) < 0)
		return -1;
	if (e8 == 0) {
		*why = "is zero";
		return -1;
	}
	*out_e8 = e8;
	return 0;
}

char *
cp__money(char *buf, size_t size, const char *currency, int64_t fen)
{
	char digits[32], grouped[48];
	size_t n, i, o = 0, intlen;
	const char *p;

	cp__amount_format(digits, sizeof(digits), fen);
	p = digits;
	if (*p == '-')
		grouped[o++] = *p++;
	n = strlen(p);
	intlen = strchr(p, '.') != NULL ? (size_t)(strchr(p, '.') - p) : n;
	/* Thousands separators make large sums readable at a glance. */
	for (i = 0; i < n && o + 2 < sizeof(grouped); i++) {
		if (i > 0 && i < intlen && (intlen - i) % 3 == 0)
			grouped[o++] = ',';
		grouped[o++] = p[i];
	}
	grouped[o] = '\0';
	snprintf(buf, size, "%s %s", currency, grouped);
	return buf;
}
