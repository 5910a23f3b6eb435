/* amount.h - money as an integer count of fen (hundredths of a yuan). */
#ifndef CP_AMOUNT_H
#define CP_AMOUNT_H

#include <stddef.h>
#include <stdint.h>

/* The largest amount accepted: 10^13 fen (100 billion yuan), far above
 * any hospital bill, and low enough that the sum of the largest manifest
 * (20,000 documents) stays far below INT64_MAX. */
#define CP__AMOUNT_MAX INT64_C(10000000000000)

/*
 * Parses a decimal amount such as "12850.40", "12850.4" or "12850" into
 * fen, exactly, without floating point.  Accepts only ASCII digits with
 * an optional '.' and one or two decimals; leading zeros are fine
 * ("007.50").  The decimal point needs a digit on both sides: "0.5" is
 * accepted, ".5" and "5." are not.  Rejects signs, thousands separators,
 * spaces (also around the number), exponents, more than two decimals
 * (even trailing zeros: "1.230"), an empty string or NULL, and values
 * above CP__AMOUNT_MAX.  Returns 0 and sets *out_fen, or -1 and points
 * *why (which may be NULL) at a static sentence fragment saying what is
 * wrong, to follow the value: "is empty", "is negative", "starts with a
 * plus sign", "uses a thousands separator", "uses a space as a thousands
 * separator", "uses a comma as the decimal point", "is written with an
 * exponent", "has spaces before or after it", "contains a space", "has no
 * digit before the decimal point", "has no digit after the decimal
 * point", "has more than two decimals", "is too large" or "is not a
 * plain decimal number".  *out_fen is left alone on failure.
 */
int cp__amount_parse(int64_t *out_fen, const char *text, const char **why);

/*
 * For an amount that cp__amount_parse refuses, the amount most likely
 * meant, when what stands in the way is only what people write around
 * or inside an amount: a yen sign ("¥18650.2", also the full-width
 * "￥"), a currency code or word before or after it ("RMB 18650.20",
 * "18650.20 CNY", "18650.2元", "人民币"), thousands separators
 * ("18,650.20", "18 650.20") or a decimal comma ("18650,20").  Returns
 * 1, sets *out_fen and writes into `what` (of `size` bytes) what has to
 * go, for a message: "the yen sign \"¥\"", "the thousands separator
 * \",\"", "the currency \"RMB\"", "the character \"元\""..., joined by
 * " and "; or 0 when the rest is not a plain amount either (also for
 * text cp__amount_parse accepts).
 */
int cp__amount_suggest(int64_t *out_fen, const char *text, char *what,
    size_t size);

/* Writes `fen` as "12850.40" (negative as "-3.05") into buf; returns buf.
 * 32 bytes always suffice. */
char *cp__amount_format(char *buf, size_t size, int64_t fen);

/*
 * Parses a positive decimal rate such as "0.1402" into an integer count
 * of 10^-8 units (0.1402 -> 14020000).  At most 8 decimals ("has more
 * than eight decimals"); rejects what cp__amount_parse rejects, values
 * above 10^7 ("is too large") and zero ("is zero").  Returns 0 or -1
 * with *why as above.
 */
int cp__rate_parse(int64_t *out_e8, const char *text, const char **why);

/* `fen` as shown on the cover, index and verification sheet, with the
 * currency and thousands separators: "CNY 12,850.40".  Returns buf. */
char *cp__money(char *buf, size_t size, const char *currency, int64_t fen);

#endif
