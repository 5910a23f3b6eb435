/*
 * fuzz_amount.c - cp__amount_parse, cp__amount_suggest, cp__rate_parse and
 * cp__amount_format.
 *
 * The input is the text of an amount (up to its first NUL).  Checked
 * against amount.h, with an acceptance rule written here independently:
 * - parse accepts exactly digits[.d or .dd] up to CP__AMOUNT_MAX fen, and
 *   a rate exactly digits[.1 to 8 digits], above zero, up to 10^7;
 * - on failure *out is left alone and *why is one of the documented
 *   fragments;
 * - cp__amount_suggest suggests only for text parse refuses, only an
 *   amount parse accepts, and names in valid UTF-8 what has to go;
 * - cp__amount_format of any amount 0..CP__AMOUNT_MAX parses back to the
 *   same value (the first 8 bytes of the input pick one), and so does
 *   every accepted amount.
 */
#include <inttypes.h>

#include "manifest/amount.h"
#include "fuzz.h"

#define RATE_MAX_E8 INT64_C(1000000000000000)   /* 10^7 in 10^-8 units */
#define SENTINEL INT64_C(0x5A5A5A5A5A5A5A5A)

__extension__ typedef unsigned __int128 u128;

static const char *const amount_whys[] = {
	"is empty", "is negative", "starts with a plus sign",
	"uses a thousands separator", "uses a space as a thousands separator",
	"uses a comma as the decimal point", "is written with an exponent",
	"has spaces before or after it", "contains a space",
	"has no digit before the decimal point",
	"has no digit after the decimal point", "has more than two decimals",
	"is too large", "is not a plain decimal number", NULL
};

static bool
known_why(const char *why, bool rate)
{
	size_t i;

	if (why == NULL)
		return false;
	for (i = 0; amount_whys[i] != NULL; i++)
		if (strcmp(why, amount_whys[i]) == 0)
			return !rate || strcmp(why, "has more than two "
			    "decimals") != 0;
	return rate && (strcmp(why, "has more than eight decimals") == 0 ||
	    strcmp(why, "is zero") == 0);
}

/*
 * The value of `text` in units of 10^-decimals when it has the shape
 * digits[.digits] with 1..decimals digits after the point; *big is set
 * when it exceeds `max` (the value is then meaningless).  Returns false
 * for any other shape.
 */
static bool
expected(const char *text, int decimals, int64_t max, int64_t *value,
    bool *big)
{
	const char *p = text;
	u128 v = 0;
	int frac = 0;
	bool any = false;

	*big = false;
	for (; *p >= '0' && *p <= '9'; p++) {
		any = true;
		if (v <= (u128)max * 10)
			v = v * 10 + (unsigned)(*p - '0');
	}
	if (!any)
		return false;
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++) {
			frac++;
			if (v <= (u128)max * 10)
				v = v * 10 + (unsigned)(*p - '0');
		}
		if (frac == 0 || frac > decimals)
			return false;
	}
	if (*p != '\0')
		return false;
	for (; frac < decimals; frac++)
		if (v <= (u128)max * 10)
			v *= 10;
	if (v > (u128)max)
		*big = true;
	else
		*value = (int64_t)v;
	return true;
}

static void
check_amount(const char *text)
{
	int64_t fen = SENTINEL, want = 0, again = SENTINEL;
	const char *why = NULL;
	char buf[32];
	bool big;
	bool shape = expected(text, 2, CP__AMOUNT_MAX, &want, &big);
	int rc = cp__amount_parse(&fen, text, &why);

	FZ_ASSERT(rc == 0 || rc == -1);
	/* NULL for why is allowed. */
	FZ_ASSERT(cp__amount_parse(&again, text, NULL) == rc);
	if (rc != 0) {
		FZ_ASSERT(fen == SENTINEL);
		FZ_ASSERT(known_why(why, false));
		FZ_ASSERT(!shape || big);
		FZ_ASSERT(!shape || strcmp(why, "is too large") == 0);
		return;
	}
	FZ_ASSERT(shape && !big && fen == want);
	FZ_ASSERT(again == fen);
	cp__amount_format(buf, sizeof(buf), fen);
	again = SENTINEL;
	FZ_ASSERT(cp__amount_parse(&again, buf, NULL) == 0 && again == fen);
}

/* A suggestion is for a refused text only, is an amount parse
 * accepts, and names what has to go. */
static void
check_suggest(const char *text)
{
	int64_t fen = SENTINEL, back = SENTINEL;
	char what[200], buf[32];
	int n = cp__amount_suggest(&fen, text, what, sizeof(what));

	FZ_ASSERT(n == 0 || n == 1);
	FZ_ASSERT(memchr(what, '\0', sizeof(what)) != NULL);
	FZ_ASSERT(fz_utf8_valid(what, strlen(what)));
	if (cp__amount_parse(&back, text, NULL) == 0)
		FZ_ASSERT(n == 0);
	if (n == 0)
		return;
	FZ_ASSERT(what[0] != '\0');
	FZ_ASSERT(fen >= 0 && fen <= CP__AMOUNT_MAX);
	cp__amount_format(buf, sizeof(buf), fen);
	FZ_ASSERT(cp__amount_parse(&back, buf, NULL) == 0 && back == fen);
}

static void
check_rate(const char *text)
{
	int64_t e8 = SENTINEL, want = 0, again = SENTINEL;
	const char *why = NULL;
	char buf[64];
	bool big;
	bool shape = expected(text, 8, RATE_MAX_E8, &want, &big);
	int rc = cp__rate_parse(&e8, text, &why);

	FZ_ASSERT(rc == 0 || rc == -1);
	if (rc != 0) {
		FZ_ASSERT(e8 == SENTINEL);
		FZ_ASSERT(known_why(why, true));
		FZ_ASSERT(!shape || big || want == 0);
		return;
	}
	FZ_ASSERT(shape && !big && e8 == want && e8 > 0);
	/* Written back with eight decimals, the rate reads the same. */
	snprintf(buf, sizeof(buf), "%" PRId64 ".%08" PRId64,
	    e8 / 100000000, e8 % 100000000);
	FZ_ASSERT(cp__rate_parse(&again, buf, NULL) == 0 && again == e8);
}

/* Any amount the library can hold formats to text that parses back. */
static void
check_format(const uint8_t *data, size_t size)
{
	uint64_t raw = 0;
	int64_t fen, again = SENTINEL;
	char buf[32], small[5];
	size_t i;

	if (size < 8)
		return;
	for (i = 0; i < 8; i++)
		raw = raw << 8 | data[i];
	fen = (int64_t)(raw % (uint64_t)(CP__AMOUNT_MAX + 1));
	FZ_ASSERT(cp__amount_format(buf, sizeof(buf), fen) == buf);
	FZ_ASSERT(cp__amount_parse(&again, buf, NULL) == 0 && again == fen);
	/* Negative amounts (differences) and a short buffer stay in bounds
	 * and NUL-terminated. */
	cp__amount_format(buf, sizeof(buf), (int64_t)raw);
	FZ_ASSERT(memchr(buf, '\0', sizeof(buf)) != NULL);
	cp__amount_format(small, sizeof(small), (int64_t)raw);
	FZ_ASSERT(memchr(small, '\0', sizeof(small)) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((text = fz_text(data, size)) == NULL)
		return 0;
	check_amount(text);
	check_suggest(text);
	check_rate(text);
	check_format(data, size);
	free(text);
	return 0;
}
