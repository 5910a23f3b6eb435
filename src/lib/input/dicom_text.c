/* dicom_text.c - the values of a DICOM header as text: character sets
 * (PS3.3 C.12.1.1.2, PS3.5 6.1) through iconv, dates, sex, padding. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "input/dicom_int.h"
#include "util/utf8.h"

/* Room for the UTF-8 of CP__DICOM_VALUE_MAX bytes in any set (at most
 * 4 bytes out per byte in). */
#define OUT_MAX (4 * CP__DICOM_VALUE_MAX + 8)

typedef struct {
	char b[OUT_MAX];
	size_t len;
} text;

static void
put(text *t, const void *s, size_t n)
{
	if (n > sizeof(t->b) - 1 - t->len)
		n = sizeof(t->b) - 1 - t->len;
	if (n == 0)
		return;         /* an absent value is NULL */
	memcpy(t->b + t->len, s, n);
	t->len += n;
}

/*
 * Appends the `n` bytes at `v`, in the iconv set `code`, to `t` as
 * UTF-8.  Returns 0; 1 when they do not convert (a byte outside the set,
 * or a set iconv lacks), `t` then unchanged; -1 when out of memory.  The
 * iconv handle is closed on every path.
 */
static int
conv(text *t, const char *code, const unsigned char *v, size_t n)
{
	char *in = (char *)(uintptr_t)v, *o = t->b + t->len;
	size_t inleft = n, oleft = sizeof(t->b) - 1 - t->len;
	iconv_t cd;
	int rc = 0;

	if (n == 0)
		return 0;
	if ((cd = iconv_open("UTF-8", code)) == (iconv_t)-1)
		return errno == ENOMEM ? -1 : 1;
	/* EINVAL is a character cut at the end (the value was cut to
	 * CP__DICOM_VALUE_MAX); E2BIG cannot happen with OUT_MAX. */
	if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 &&
	    errno == EILSEQ)
		rc = 1;
	if (rc == 0)
		t->len = (size_t)(o - t->b);
	iconv_close(cd);
	return rc;
}

/* ---- ISO 2022 code extensions ------------------------------------- */

/* What G0 or G1 holds: a 94-character set (ASCII), a single-byte set
 * for the upper half, or a 94x94 set of two-byte characters, each read
 * through the EUC form iconv knows. */
typedef struct {
	const char *code;       /* iconv set; NULL: ASCII (G0), none (G1) */
	int width;              /* bytes a character takes */
	bool jis0212;           /* EUC-JP's 0x8F prefix */
} gset;

typedef struct {
	gset g0, g1;
} state;

static const gset ascii = { NULL, 1, false };

/* The state the first value of (0008,0005) sets up. */
static bool
initial(state *st, const char *term, size_t n)
{
	static const struct {
		const char *term;
		gset g1;
	} t[] = {
		{ "ISO 2022 IR 6", { NULL, 1, false } },
		{ "ISO 2022 IR 100", { "ISO-8859-1", 1, false } },
		{ "ISO 2022 IR 101", { "ISO-8859-2", 1, false } },
		{ "ISO 2022 IR 109", { "ISO-8859-3", 1, false } },
		{ "ISO 2022 IR 110", { "ISO-8859-4", 1, false } },
		{ "ISO 2022 IR 144", { "ISO-8859-5", 1, false } },
		{ "ISO 2022 IR 127", { "ISO-8859-6", 1, false } },
		{ "ISO 2022 IR 126", { "ISO-8859-7", 1, false } },
		{ "ISO 2022 IR 138", { "ISO-8859-8", 1, false } },
		{ "ISO 2022 IR 148", { "ISO-8859-9", 1, false } },
		{ "ISO 2022 IR 166", { "TIS-620", 1, false } },
		{ "ISO 2022 IR 203", { "ISO-8859-15", 1, false } },
		{ "ISO 2022 IR 13", { "SHIFT_JIS", 1, false } },
		{ "ISO 2022 IR 58", { "EUC-CN", 2, false } },
		{ "ISO 2022 IR 149", { "EUC-KR", 2, false } },
		/* Not allowed first, but seen: escapes switch to it. */
		{ "ISO 2022 IR 87", { NULL, 1, false } },
		{ "ISO 2022 IR 159", { NULL, 1, false } },
	};
	size_t i;

	st->g0 = ascii;
	st->g1 = ascii;
	if (n == 0)
		return true;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strlen(t[i].term) == n && memcmp(t[i].term, term, n) == 0) {
			st->g1 = t[i].g1;
			return true;
		}
	}
	/* "ISO_IR 100" written first where "ISO 2022 IR 100" is meant. */
	if (n > 7 && memcmp(term, "ISO_IR ", 7) == 0) {
		char fixed[32];

		if (n - 7 > sizeof(fixed) - 13)
			return false;
		memcpy(fixed, "ISO 2022 IR ", 12);
		memcpy(fixed + 12, term + 7, n - 7);
		return initial(st, fixed, 12 + n - 7);
	}
	return false;
}

/* Reads the escape sequence at v[*i] (ESC) into `st`; false when it is
 * none claimpack knows. */
static bool
escape(state *st, const unsigned char *v, size_t n, size_t *i)
{
	static const struct {
		const char *seq;
		int g;
		gset set;
	} t[] = {
		{ "(B", 0, { NULL, 1, false } },
		{ "(J", 0, { NULL, 1, false } },
		{ "$B", 0, { "EUC-JP", 2, false } },
		{ "$@", 0, { "EUC-JP", 2, false } },
		{ "$(D", 0, { "EUC-JP", 2, true } },
		{ "$A", 0, { "EUC-CN", 2, false } },
		{ "$)A", 1, { "EUC-CN", 2, false } },
		{ "$)C", 1, { "EUC-KR", 2, false } },
		{ ")I", 1, { "SHIFT_JIS", 1, false } },
		{ "-A", 1, { "ISO-8859-1", 1, false } },
		{ "-B", 1, { "ISO-8859-2", 1, false } },
		{ "-C", 1, { "ISO-8859-3", 1, false } },
		{ "-D", 1, { "ISO-8859-4", 1, false } },
		{ "-L", 1, { "ISO-8859-5", 1, false } },
		{ "-G", 1, { "ISO-8859-6", 1, false } },
		{ "-F", 1, { "ISO-8859-7", 1, false } },
		{ "-H", 1, { "ISO-8859-8", 1, false } },
		{ "-M", 1, { "ISO-8859-9", 1, false } },
		{ "-T", 1, { "TIS-620", 1, false } },
		{ "-b", 1, { "ISO-8859-15", 1, false } },
	};
	size_t k, len;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		len = strlen(t[k].seq);
		if (n - *i - 1 >= len &&
		    memcmp(v + *i + 1, t[k].seq, len) == 0) {
			if (t[k].g == 0)
				st->g0 = t[k].set;
			else
				st->g1 = t[k].set;
			*i += 1 + len;
			return true;
		}
	}
	return false;
}

/* A run of bytes in one set, converted when the set changes. */
typedef struct {
	const char *code;
	unsigned char b[2 * CP__DICOM_VALUE_MAX];
	size_t n;
} run;

static int
flush(text *t, run *r)
{
	int rc = 0;

	if (r->n > 0 && r->code != NULL)
		rc = conv(t, r->code, r->b, r->n);
	r->n = 0;
	return rc;
}

static int
add(text *t, run *r, const char *code, const unsigned char *b, size_t n)
{
	int rc;

	if (r->code != code && (rc = flush(t, r)) != 0)
		return rc;
	r->code = code;
	if (n <= sizeof(r->b) - r->n) {
		memcpy(r->b + r->n, b, n);
		r->n += n;
	}
	return 0;
}

/* Decodes with ISO 2022 code extensions, the charset's first value
 * naming the initial state.  Returns 0, 1 (does not fit), -1. */
static int
decode_2022(text *t, const unsigned char *v, size_t n, const char *first,
    size_t first_len)
{
	state init, st;
	run r;
	unsigned char c, euc[3];
	size_t i = 0;
	int rc;

	r.code = NULL;
	r.n = 0;
	if (!initial(&init, first, first_len))
		return 1;
	st = init;
	while (i < n) {
		c = v[i];
		if (c == 0x1b) {
			if ((rc = flush(t, &r)) != 0)
				return rc;
			if (!escape(&st, v, n, &i))
				return 1;
			continue;
		}
		if (c < 0x80 && st.g0.width == 1) {
			if ((rc = flush(t, &r)) != 0)
				return rc;
			/* Delimiters bring back the initial sets (PS3.5
			 * 6.1.2.5.3). */
			if (c != 0 && strchr("^=\\\r\n\t\f", c) != NULL)
				st = init;
			put(t, &c, 1);
			i++;
			continue;
		}
		if (c < 0x80) {
			/* Two bytes of G0's 94x94 set, read in EUC. */
			if (n - i < 2)
				return 1;
			euc[0] = 0x8f;
			euc[1] = (unsigned char)(c | 0x80);
			euc[2] = (unsigned char)(v[i + 1] | 0x80);
			rc = st.g0.jis0212 ? add(t, &r, st.g0.code, euc, 3) :
			    add(t, &r, st.g0.code, euc + 1, 2);
			if (rc != 0)
				return rc;
			i += 2;
			continue;
		}
		if (st.g1.code == NULL ||
		    (st.g1.width == 2 && n - i < 2))
			return 1;
		if ((rc = add(t, &r, st.g1.code, v + i,
		    (size_t)st.g1.width)) != 0)
			return rc;
		i += (size_t)st.g1.width;
	}
	return flush(t, &r);
}

/* ---- one set for the whole value ---------------------------------- */

/* The iconv set of a single-valued (0008,0005) without code
 * extensions; NULL for the default repertoire or a term not known. */
static const char *
single_set(const char *term, bool *latin)
{
	static const struct {
		const char *term, *code;
		bool latin;
	} t[] = {
		{ "ISO_IR 100", "ISO-8859-1", true },
		{ "ISO_IR 101", "ISO-8859-2", true },
		{ "ISO_IR 109", "ISO-8859-3", true },
		{ "ISO_IR 110", "ISO-8859-4", true },
		{ "ISO_IR 144", "ISO-8859-5", true },
		{ "ISO_IR 127", "ISO-8859-6", true },
		{ "ISO_IR 126", "ISO-8859-7", true },
		{ "ISO_IR 138", "ISO-8859-8", true },
		{ "ISO_IR 148", "ISO-8859-9", true },
		{ "ISO_IR 166", "TIS-620", true },
		{ "ISO_IR 203", "ISO-8859-15", true },
		{ "ISO_IR 13", "SHIFT_JIS", false },
		{ "ISO_IR 192", "UTF-8", false },
		{ "GB18030", "GB18030", false },
		{ "GBK", "GBK", false },
		/* Seen without its escapes, as a single value. */
		{ "ISO 2022 IR 58", "EUC-CN", false },
	};
	size_t i;

	*latin = false;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strcmp(term, t[i].term) == 0) {
			*latin = t[i].latin;
			return t[i].code;
		}
	}
	return NULL;
}

/*
 * Whether bytes declared as a single-byte Latin set look like GBK
 * instead: a C1 control (0x80-0x9F, outside every ISO 8859 repertoire),
 * or every byte above 0x7F in a pair of two such bytes, as Chinese
 * characters are written in GBK (a Latin name mixes its accented letters
 * with plain ones: "Müller").
 */
static bool
looks_gbk(const unsigned char *v, size_t n)
{
	size_t i = 0, high = 0;

	while (i < n) {
		if (v[i] >= 0x80 && v[i] <= 0x9f)
			return true;
		if (v[i] < 0x80) {
			i++;
			continue;
		}
		if (i + 1 >= n || v[i + 1] < 0x80)
			return false;
		high++;
		i += 2;
	}
	return high > 0;
}

/* What is left when no set fits: ASCII kept, every other byte as
 * U+FFFD. */
static void
lossy(text *t, const unsigned char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i] < 0x80)
			put(t, v + i, 1);
		else
			put(t, "\xef\xbf\xbd", 3);
	}
}

int
cp__dicom_text(char *out, size_t out_size, const void *value, size_t n,
    const char *charset)
{
	const unsigned char *v = value;
	const char *code, *sep;
	text t;
	bool latin, plain = true;
	size_t i;
	int rc = 0;

	if (out_size == 0)
		return 0;
	out[0] = '\0';
	t.len = 0;
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\0'))
		n--;
	for (i = 0; i < n; i++)
		if (v[i] >= 0x80 || v[i] == 0x1b)
			plain = false;
	if (charset == NULL)
		charset = "";
	sep = strchr(charset, '\\');
	if (plain) {
		put(&t, v, n);
	} else if (sep != NULL || strncmp(charset, "ISO 2022", 8) == 0) {
		rc = decode_2022(&t, v, n, charset, sep != NULL ?
		    (size_t)(sep - charset) : strlen(charset));
	} else if ((code = single_set(charset, &latin)) == NULL) {
		rc = 1;
	} else if (latin && looks_gbk(v, n)) {
		rc = 1;
	} else if (strcmp(code, "UTF-8") == 0) {
		if (cp__utf8_valid((const char *)v, n))
			put(&t, v, n);
		else
			rc = 1;
	} else {
		rc = conv(&t, code, v, n);
	}
	if (rc == 1) {
		/* The bytes do not fit: GB18030 (a superset of GBK and
		 * GB2312), what Chinese PACS write whatever they declare. */
		t.len = 0;
		rc = conv(&t, "GB18030", v, n);
		if (rc == 0) {
			rc = 1;
		} else if (rc == 1) {
			t.len = 0;
			if ((code = single_set(charset, &latin)) != NULL &&
			    latin && conv(&t, code, v, n) == 0)
				rc = 0;
			else {
				t.len = 0;
				lossy(&t, v, n);
				rc = 0;
			}
		}
	}
	if (rc < 0)
		return -1;
	/* Cut on a character, without the padding the decoded text may
	 * still end in. */
	n = cp__utf8_cut(t.b, t.len < out_size - 1 ? t.len : out_size - 1);
	while (n > 0 && (t.b[n - 1] == ' ' || t.b[n - 1] == '\0'))
		n--;
	memcpy(out, t.b, n);
	out[n] = '\0';
	return rc;
}

void
cp__dicom_ascii(char *out, size_t out_size, const void *value, size_t n)
{
	const unsigned char *v = value;
	size_t o = 0, i = 0;

	if (out_size == 0)
		return;
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\0'))
		n--;
	while (i < n && (v[i] == ' ' || v[i] == '\0'))
		i++;
	for (; i < n && o < out_size - 1; i++)
		if (v[i] >= 0x20 && v[i] < 0x7f)
			out[o++] = (char)v[i];
	out[o] = '\0';
}

void
cp__dicom_date(char out[11], const void *value, size_t n)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	char d[16], digits[9];
	size_t i, k = 0;
	int y, m, day;

	out[0] = '\0';
	cp__dicom_ascii(d, sizeof(d), value, n);
	/* "YYYYMMDD", or the ACR-NEMA "YYYY.MM.DD". */
	if (strlen(d) == 10 && d[4] == '.' && d[7] == '.')
		memmove(d + 4, d + 5, 2), memmove(d + 6, d + 8, 3);
	if (strlen(d) != 8)
		return;
	for (i = 0; i < 8; i++) {
		if (d[i] < '0' || d[i] > '9')
			return;
		digits[k++] = d[i];
	}
	digits[k] = '\0';
	y = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 +
	    (digits[2] - '0') * 10 + (digits[3] - '0');
	m = (digits[4] - '0') * 10 + (digits[5] - '0');
	day = (digits[6] - '0') * 10 + (digits[7] - '0');
	if (y < 1800 || m < 1 || m > 12 || day < 1 || day > days[m - 1])
		return;
	if (m == 2 && day == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)day % 100u);
}

void
cp__dicom_sex(char out[2], const char *s)
{
	out[0] = '\0';
	out[1] = '\0';
	if (strcmp(s, "M") == 0 || strcmp(s, "男") == 0 ||
	    strcmp(s, "MALE") == 0 || strcmp(s, "Male") == 0)
		out[0] = 'M';
	else if (strcmp(s, "F") == 0 || strcmp(s, "女") == 0 ||
	    strcmp(s, "FEMALE") == 0 || strcmp(s, "Female") == 0)
		out[0] = 'F';
	else if (strcmp(s, "O") == 0)
		out[0] = 'O';
}
