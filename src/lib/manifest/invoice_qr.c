/* invoice_qr.c - what a person needs to verify an invoice, and the text
 * of the QR codes printed on fapiao. */
#include "manifest/invoice_qr.h"

#include <stdlib.h>
#include <string.h>

#include "manifest/amount.h"
#include "util/strbuf.h"

/* Fields read from a QR text; the layouts use at most eight. */
#define MAX_FIELDS 8

/* A piece of the QR text: not NUL-terminated. */
typedef struct {
	const char *p;
	size_t n;
} span;

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static span
trim(span s)
{
	while (s.n > 0 && is_space(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && is_space(s.p[s.n - 1]))
		s.n--;
	return s;
}

/* True when `s` starts with `prefix`, ignoring ASCII case. */
static bool
starts_with(span s, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != '\0'; i++)
		if (i >= s.n || lower(s.p[i]) != lower(prefix[i]))
			return false;
	return true;
}

static bool
all_digits(span s)
{
	size_t i;

	for (i = 0; i < s.n; i++)
		if (!is_digit(s.p[i]))
			return false;
	return true;
}

/*
 * Splits `s` at commas into at most MAX_FIELDS trimmed fields (the rest
 * of the text is ignored).  Returns the number of fields the whole text
 * has, which may be more than MAX_FIELDS.
 */
static size_t
split(span f[MAX_FIELDS], span s)
{
	size_t count = 0, start = 0, i;

	for (i = 0; i <= s.n; i++) {
		if (i < s.n && s.p[i] != ',')
			continue;
		if (count < MAX_FIELDS) {
			f[count].p = s.p + start;
			f[count].n = i - start;
			f[count] = trim(f[count]);
		}
		count++;
		start = i + 1;
	}
	return count;
}

/*
 * Copies an identifier (letters and digits only) into dst of `size`
 * bytes.  Anything else, or one too long to fit, leaves dst "": a
 * malformed field is absent, never cut short.
 */
static void
take_id(char *dst, size_t size, span s)
{
	size_t i;

	dst[0] = '\0';
	if (s.n == 0 || s.n >= size)
		return;
	for (i = 0; i < s.n; i++)
		if (!is_alnum(s.p[i]))
			return;
	memcpy(dst, s.p, s.n);
	dst[s.n] = '\0';
}

/* An amount such as "173.79"; anything cp__amount_parse refuses is
 * absent. */
static void
take_amount(cp__qr_fields *out, span s)
{
	char buf[32];

	if (s.n == 0 || s.n >= sizeof(buf))
		return;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	if (cp__amount_parse(&out->amount, buf, NULL) == 0)
		out->has_amount = true;
}

/* A date as YYYYMMDD or, when `iso` is allowed, YYYY-MM-DD. */
static void
take_date(cp__qr_fields *out, span s, bool iso)
{
	char buf[11];

	if (s.n == 8 && all_digits(s)) {
		memcpy(buf, s.p, 4);
		buf[4] = '-';
		memcpy(buf + 5, s.p + 4, 2);
		buf[7] = '-';
		memcpy(buf + 8, s.p + 6, 2);
	} else if (iso && s.n == 10) {
		memcpy(buf, s.p, 10);
	} else {
		return;
	}
	buf[10] = '\0';
	if (cp__date_parse(&out->date, buf, NULL) == 0)
		out->has_date = true;
}

static cp__qr_amount_is amount_meaning(const char *type);

/*
 * "version,type,code,number,amount,YYYYMMDD,check,tail".  The version
 * (1 or 2 digits), the fields up to the date and the number must be
 * there for the text to count as this layout.
 */
static bool
parse_vat(cp__qr_fields *out, span text)
{
	span f[MAX_FIELDS];
	size_t n = split(f, text);

	if (n < 6 || f[0].n < 1 || f[0].n > 2 || !all_digits(f[0]))
		return false;
	/* Invoice numbers are digits: a text whose fourth field is a word
	 * is some other list of values. */
	if (!all_digits(f[3]))
		return false;
	take_id(out->number, sizeof(out->number), f[3]);
	if (out->number[0] == '\0')
		return false;
	out->layout = CP__QR_VAT;
	take_id(out->type, sizeof(out->type), f[1]);
	take_id(out->code, sizeof(out->code), f[2]);
	take_amount(out, f[4]);
	take_date(out, f[5], false);
	/*
	 * A special invoice has no check code; its text may then hold the
	 * 4-character tail in the check code's place ("...,20180115,6579,").
	 * Check codes are 20 digits, so a short field there is not one.
	 */
	if (n > 6 && f[6].n > 4 && all_digits(f[6])) {
		take_id(out->check, sizeof(out->check), f[6]);
		if (n > 7)
			take_id(out->tail, sizeof(out->tail), f[7]);
	} else if (n > 6 && f[6].n > 0) {
		take_id(out->tail, sizeof(out->tail), f[6]);
	} else if (n > 7) {
		take_id(out->tail, sizeof(out->tail), f[7]);
	}
	out->amount_is = amount_meaning(out->type);
	return true;
}

/*
 * Which amount a VAT QR of type `type` carries: checked against real
 * invoices (docs/checks.md, "Invoice QR codes"): type 10 the amount
 * before tax in 21 of 21 taxed samples, type 31 the total in 2 of 2.
 * 32 is the ordinary sibling of 31; 01, 04, 11, 14 and 20 are the older
 * paper and electronic types verified with the amount before tax.
 */
static cp__qr_amount_is
amount_meaning(const char *type)
{
	static const char *const before[] = { "01", "04", "10", "11", "14",
	    "20" };
	size_t i;

	if (strcmp(type, "31") == 0 || strcmp(type, "32") == 0)
		return CP__QR_AMOUNT_TOTAL;
	for (i = 0; i < sizeof(before) / sizeof(before[0]); i++)
		if (strcmp(type, before[i]) == 0)
			return CP__QR_AMOUNT_BEFORE_TAX;
	return CP__QR_AMOUNT_UNSURE;
}

/* "CZ-EI-..,code,number,check,date,amount" (layout unconfirmed). */
static bool
parse_fiscal(cp__qr_fields *out, span text)
{
	span f[MAX_FIELDS];
	size_t n = split(f, text);

	if (n < 6)
		return false;
	take_id(out->number, sizeof(out->number), f[2]);
	if (out->number[0] == '\0')
		return false;
	out->layout = CP__QR_FISCAL;
	take_id(out->code, sizeof(out->code), f[1]);
	take_id(out->check, sizeof(out->check), f[3]);
	take_date(out, f[4], true);
	take_amount(out, f[5]);
	out->amount_is = CP__QR_AMOUNT_TOTAL;
	return true;
}

/* The value of query parameter `name` in URL `s` ("" span when none). */
static span
query_param(span s, const char *name)
{
	span none = { s.p, 0 };
	size_t i = 0, nlen = strlen(name);

	while (i < s.n && s.p[i] != '?')
		i++;
	while (i < s.n) {
		size_t start = ++i, end;

		while (i < s.n && s.p[i] != '&' && s.p[i] != '#')
			i++;
		end = i;
		if (end - start > nlen && memcmp(s.p + start, name, nlen) == 0 &&
		    s.p[start + nlen] == '=') {
			span v = { s.p + start + nlen + 1, end - start - nlen - 1 };
			return v;
		}
		if (i < s.n && s.p[i] == '#')
			break;
	}
	return none;
}

/*
 * A fiscal e-receipt's URL (chinaebill.cn and provincial copies): its
 * d= parameter is code_number_check_amount_YYYYMMDD (t=504) or
 * code_number_check_YYYYMMDD (t=501).  Recognised by the shape of d=:
 * an 8-digit code and a 10-digit number.
 */
static bool
parse_fiscal_url(cp__qr_fields *out, span url)
{
	span d = query_param(url, "d"), f[6];
	size_t n = 0, start = 0, i;

	for (i = 0; i <= d.n && n < 6; i++) {
		if (i < d.n && d.p[i] != '_')
			continue;
		f[n].p = d.p + start;
		f[n].n = i - start;
		n++;
		start = i + 1;
	}
	if (i <= d.n || (n != 4 && n != 5) || f[0].n != 8 ||
	    !all_digits(f[0]) || f[1].n != 10 || !all_digits(f[1]))
		return false;
	out->layout = CP__QR_FISCAL;
	take_id(out->code, sizeof(out->code), f[0]);
	take_id(out->number, sizeof(out->number), f[1]);
	take_id(out->check, sizeof(out->check), f[2]);
	if (n == 5) {
		take_amount(out, f[3]);
		out->amount_is = CP__QR_AMOUNT_TOTAL;
	}
	take_date(out, f[n - 1], false);
	return true;
}

cp__qr_layout
cp__qr_parse(cp__qr_fields *out, const char *text)
{
	span s;
	size_t scheme;

	memset(out, 0, sizeof(*out));
	if (text == NULL)
		return CP__QR_UNKNOWN;
	s.p = text;
	s.n = strlen(text);
	s = trim(s);
	scheme = starts_with(s, "http://") ? strlen("http://") :
	    starts_with(s, "https://") ? strlen("https://") : 0;
	if (scheme > 0 && s.n > scheme) {
		/* A URL too long for the array is still a URL, without its
		 * text: the caller has the text it passed. */
		out->layout = CP__QR_URL;
		if (s.n < sizeof(out->url)) {
			memcpy(out->url, s.p, s.n);
			out->url[s.n] = '\0';
		}
		if (parse_fiscal_url(out, s))
			return CP__QR_FISCAL;
		return CP__QR_URL;
	}
	if (starts_with(s, "CZ-EI-") ? parse_fiscal(out, s) :
	    parse_vat(out, s))
		return out->layout;
	memset(out, 0, sizeof(*out));
	return CP__QR_UNKNOWN;
}

/* ---- help for a person verifying by hand ------------------------------ */

#define STA_EN "State Taxation Administration national VAT invoice " \
	"verification platform"
#define STA_ZH "国家税务总局全国增值税发票查验平台"
#define STA_URL "https://inv-veri.chinatax.gov.cn/"
#define MOF_EN "Ministry of Finance national fiscal e-receipt " \
	"verification platform"
#define MOF_ZH "全国财政电子票据查验平台"
#define MOF_URL "https://pjcy.mof.gov.cn/"

static bool
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* Appends ", label value", or ", label (not in the manifest)". */
static void
add_field(cp__strbuf *sb, const char *label, const char *value)
{
	cp__strbuf_printf(sb, "%s%s %s", sb->len > 0 ? ", " : "", label,
	    given(value) ? value : "(not in the manifest)");
}

/* Text without the spaces around it, as a new string; NULL when none
 * is left (or out of memory: *oom then says so). */
static char *
trimmed_copy(const char *text, bool *oom)
{
	span s;
	char *copy;

	if (text == NULL)
		return NULL;
	s.p = text;
	s.n = strlen(text);
	s = trim(s);
	if (s.n == 0)
		return NULL;
	if ((copy = malloc(s.n + 1)) == NULL) {
		*oom = true;
		return NULL;
	}
	memcpy(copy, s.p, s.n);
	copy[s.n] = '\0';
	return copy;
}

static void
set_labels(cp__invoice_help *out, cp__invoice_kind kind,
    cp__invoice_kind declared)
{
	switch (kind) {
	case CP__INVOICE_VAT:
		out->kind_en = "VAT fapiao";
		out->kind_zh = "增值税发票";
		break;
	case CP__INVOICE_VAT_DIGITAL:
		out->kind_en = "Fully digitalized VAT fapiao";
		out->kind_zh = "数电票";
		break;
	case CP__INVOICE_FISCAL:
		out->kind_en = "Fiscal medical receipt";
		out->kind_zh = "医疗收费电子票据";
		break;
	case CP__INVOICE_UNKNOWN:
	default:
		out->kind_en = "Receipt";
		out->kind_zh = "票据";
		break;
	}
	/* Identifiers that fit no kind still go to the platform of the kind
	 * the manifest declared, if it declared one. */
	if (kind == CP__INVOICE_UNKNOWN)
		kind = declared;
	switch (kind) {
	case CP__INVOICE_VAT:
	case CP__INVOICE_VAT_DIGITAL:
		out->platform_en = STA_EN;
		out->platform_zh = STA_ZH;
		out->platform_url = STA_URL;
		break;
	case CP__INVOICE_FISCAL:
		out->platform_en = MOF_EN;
		out->platform_zh = MOF_ZH;
		out->platform_url = MOF_URL;
		break;
	case CP__INVOICE_UNKNOWN:
	default:
		out->platform_en = "";
		out->platform_zh = "";
		out->platform_url = "";
		break;
	}
}

/* The fields to type, in the order of the kind's platform. */
static char *
fields_text(const cp__invoice_help *h, const cp__document *doc)
{
	const cp__invoice *inv = &doc->invoice;
	cp__strbuf sb = CP__STRBUF_INIT;

	switch (h->kind) {
	case CP__INVOICE_VAT:
		add_field(&sb, "code", inv->code);
		add_field(&sb, "number", inv->number);
		add_field(&sb, "date", h->date);
		if (h->check6[0] != '\0') {
			add_field(&sb, "check code (last 6)", h->check6);
		} else if (h->amount[0] != '\0') {
			/* A special invoice (专票) has no check code: the
			 * platform asks for the amount before tax, which the
			 * manifest does not hold. */
			cp__strbuf_printf(&sb, ", amount (excluding tax; the "
			    "manifest's %s includes tax)", h->amount);
		} else {
			cp__strbuf_puts(&sb, ", amount (excluding tax)");
		}
		break;
	case CP__INVOICE_VAT_DIGITAL:
		add_field(&sb, "number", inv->number);
		add_field(&sb, "date", h->date);
		add_field(&sb, "amount (tax included)", h->amount);
		break;
	case CP__INVOICE_FISCAL:
		add_field(&sb, "code", inv->code);
		add_field(&sb, "number", inv->number);
		add_field(&sb, "check code", inv->check_code);
		add_field(&sb, "date", h->date);
		add_field(&sb, "amount", h->amount);
		break;
	case CP__INVOICE_UNKNOWN:
	default:
		/* Only what the manifest has: which fields the platform
		 * wants depends on the kind, which is not known. */
		if (given(inv->code))
			add_field(&sb, "code", inv->code);
		if (given(inv->number))
			add_field(&sb, "number", inv->number);
		if (given(inv->check_code))
			add_field(&sb, "check code", inv->check_code);
		if (h->date[0] != '\0')
			add_field(&sb, "date", h->date);
		if (h->amount[0] != '\0')
			add_field(&sb, "amount", h->amount);
		break;
	}
	return cp__strbuf_detach(&sb);
}

int
cp__invoice_help_make(cp__invoice_help *out, const cp__document *doc,
    const char *read_qr)
{
	const cp__invoice *inv = &doc->invoice;
	cp__invoice_kind kind = CP__INVOICE_UNKNOWN;
	bool oom = false;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (given(inv->number) && cp__invoice_id_classify(&kind,
	    inv->declared, inv->code, inv->number, inv->check_code, NULL,
	    0) != 0)
		kind = CP__INVOICE_UNKNOWN;
	out->kind = kind;
	set_labels(out, kind, inv->declared);
	if (given(inv->verify_url))
		out->platform_url = inv->verify_url;
	if (doc->has_date)
		cp__date_format(out->date, sizeof(out->date), doc->date);
	if (doc->has_amount)
		cp__amount_format(out->amount, sizeof(out->amount),
		    doc->amount);
	/* Classification guarantees the lengths: 20 digits for a VAT check
	 * code, 6 characters for a fiscal one. */
	if (kind == CP__INVOICE_VAT && given(inv->check_code) &&
	    (n = strlen(inv->check_code)) >= 6)
		memcpy(out->check6, inv->check_code + n - 6, 7);
	else if (kind == CP__INVOICE_FISCAL && given(inv->check_code) &&
	    strlen(inv->check_code) < sizeof(out->check6))
		strcpy(out->check6, inv->check_code);

	/*
	 * Only a QR text the paper itself carries: one composed from the
	 * manifest's fields would guess the type code (31 or 32, 10 or 14)
	 * and which amount it holds, and lack the tail, so the tax app
	 * could refuse it; without one, the fields are typed by hand.
	 */
	if ((out->qr = trimmed_copy(read_qr, &oom)) == NULL && !oom &&
	    (out->qr = trimmed_copy(inv->qr, &oom)) == NULL && !oom)
		out->qr = trimmed_copy(inv->verify_url, &oom);
	if (oom || (out->fields = fields_text(out, doc)) == NULL) {
		cp__invoice_help_clear(out);
		return -1;
	}
	return 0;
}

void
cp__invoice_help_clear(cp__invoice_help *help)
{
	if (help == NULL)
		return;
	free(help->qr);
	free(help->fields);
	memset(help, 0, sizeof(*help));
}
