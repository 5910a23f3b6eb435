/* einvoice_fields.c - the fields of an e-invoice, checked and put into
 * a paper's facts. */
#include "read/einvoice_int.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/amount.h"
#include "manifest/date.h"
#include "read/qr_image_int.h"
#include "util/strbuf.h"

/* The longest identifier kept (a check code has 20 digits). */
#define ID_MAX 32

static const struct {
	const char *local;
	cp__ei_field field;
} names[] = {
	/* the 2019 VAT e-invoice (and an OFD's CustomTag) */
	{ "InvoiceCode", CP__EI_CODE },
	{ "InvoiceNo", CP__EI_NUMBER },
	{ "IssueDate", CP__EI_DATE },
	{ "InvoiceCheckCode", CP__EI_CHECK },
	{ "BuyerName", CP__EI_BUYER },
	{ "SellerName", CP__EI_SELLER },
	{ "TaxInclusiveTotalAmount", CP__EI_TOTAL },
	{ "TaxExclusiveTotalAmount", CP__EI_BEFORE_TAX },
	{ "TaxTotalAmount", CP__EI_TAX },
	{ "GraphCode", CP__EI_QR },
	/* the fully digitalized invoice (unconfirmed layout) */
	{ "InvoiceNumber", CP__EI_NUMBER },
	{ "IssueTime", CP__EI_DATE },
	{ "TotalTax-includedAmount", CP__EI_TOTAL },
	{ "TotalAmWithoutTax", CP__EI_BEFORE_TAX },
	{ "TotalTaxAm", CP__EI_TAX },
};

cp__ei_field
cp__ei_field_by_name(const char *local)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].local, local) == 0)
			return names[i].field;
	return CP__EI_FIELDS;
}

int
cp__ei_record_set(cp__ei_record *r, cp__ei_field f, const char *text,
    int page)
{
	char *copy;

	if (f >= CP__EI_FIELDS || text == NULL ||
	    (r->text[f] != NULL && r->text[f][0] != '\0'))
		return 0;
	if ((copy = cp__strdup(text)) == NULL)
		return -1;
	free(r->text[f]);
	r->text[f] = copy;
	r->page[f] = page;
	return 0;
}

void
cp__ei_record_clear(cp__ei_record *r)
{
	int f;

	for (f = 0; f < CP__EI_FIELDS; f++) {
		free(r->text[f]);
		r->text[f] = NULL;
		r->page[f] = 0;
	}
}

/* ---- values ---------------------------------------------------------- */

/* The length of a space at `s` (ASCII white space, U+3000, U+00A0), or
 * 0. */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	return 0;
}

/* Copies `text` into out (`size` bytes) without spaces and without the
 * yuan signs ¥ (U+00A5) and ￥ (U+FFE5).  Returns false when it does
 * not fit. */
static bool
squeeze(char *out, size_t size, const char *text)
{
	size_t n = 0, k;

	while (*text != '\0') {
		if ((k = space_at(text)) > 0) {
			text += k;
		} else if (strncmp(text, "\xc2\xa5", 2) == 0) {
			text += 2;
		} else if (strncmp(text, "\xef\xbf\xa5", 3) == 0) {
			text += 3;
		} else {
			if (n + 1 >= size)
				return false;
			out[n++] = *text++;
		}
	}
	out[n] = '\0';
	return true;
}

/* An invoice code, number or check code: letters and digits once the
 * spaces are gone (a check code prints in groups of five). */
static bool
identifier(char out[ID_MAX + 1], const char *text)
{
	const char *p;

	if (!squeeze(out, ID_MAX + 1, text) || out[0] == '\0')
		return false;
	for (p = out; *p != '\0'; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= 'a' && *p <= 'z')))
			return false;
	return true;
}

static bool
amount(int64_t *fen, const char *text)
{
	char buf[64];

	return text != NULL && squeeze(buf, sizeof(buf), text) &&
	    cp__amount_parse(fen, buf, NULL) == 0;
}

/* "***" (how the 2019 e-invoice writes the tax of a tax-free sale),
 * 免税 (tax-free) or 不征税 (not taxed). */
static bool
tax_free(const char *text)
{
	char buf[64];
	const char *p;

	if (text == NULL || !squeeze(buf, sizeof(buf), text) || buf[0] == '\0')
		return false;
	if (strcmp(buf, "免税") == 0 || strcmp(buf, "不征税") == 0)
		return true;
	for (p = buf; *p == '*'; p++)
		;
	return *p == '\0';
}

/* Reads `n` (1 to `max`) ASCII digits at *p into *v. */
static bool
digits(const char **p, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min;
}

static void
skip_spaces(const char **p)
{
	size_t k;

	while ((k = space_at(*p)) > 0)
		*p += k;
}

/* Skips one date separator: `word` (年, 月) or one of "-/.".  Returns
 * false when there is none. */
static bool
separator(const char **p, const char *word)
{
	skip_spaces(p);
	if (strncmp(*p, word, strlen(word)) == 0)
		*p += strlen(word);
	else if (**p == '-' || **p == '/' || **p == '.')
		(*p)++;
	else
		return false;
	skip_spaces(p);
	return true;
}

/*
 * An issue date as e-invoices write it: 2020年07月23日 (spaces allowed
 * around the parts), 2020-07-23, 2020/7/23, 20200723, with a time after
 * it or not ("2024-05-28 10:11:12", "2024-05-28T10:11:12").
 */
static bool
issue_date(cp__date *out, const char *text)
{
	const char *p = text, *q;
	char iso[16];
	int y, m, d;

	skip_spaces(&p);
	if (strlen(p) >= 8 && digits(&p, 8, 8, &y) &&
	    (*p < '0' || *p > '9')) {
		d = y % 100;
		m = y / 100 % 100;
		y /= 10000;
	} else {
		p = text;
		skip_spaces(&p);
		if (!digits(&p, 4, 4, &y) || !separator(&p, "年") ||
		    !digits(&p, 1, 2, &m) || !separator(&p, "月") ||
		    !digits(&p, 1, 2, &d))
			return false;
		q = p;
		skip_spaces(&q);
		if (strncmp(q, "日", strlen("日")) == 0)
			p = q + strlen("日");
	}
	if (*p != '\0' && *p != ' ' && *p != 'T' && space_at(p) == 0)
		return false;
	if (y < 1900 || y > 2999)
		return false;
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return cp__date_parse(out, iso, NULL) == 0;
}

/* ---- into the facts -------------------------------------------------- */

/* The amounts of a record, the missing ones worked out from the others
 * (an invoice's total is exactly its amount before tax plus its tax). */
typedef struct {
	bool has_total, has_before;
	int64_t total, before;
	int total_page, before_page;
} amounts;

static void
work_out(amounts *a, const cp__ei_record *r)
{
	int64_t tax = 0;
	bool has_tax, free_of_tax;

	memset(a, 0, sizeof(*a));
	a->has_total = amount(&a->total, r->text[CP__EI_TOTAL]);
	a->has_before = amount(&a->before, r->text[CP__EI_BEFORE_TAX]);
	a->total_page = r->page[CP__EI_TOTAL];
	a->before_page = r->page[CP__EI_BEFORE_TAX];
	has_tax = amount(&tax, r->text[CP__EI_TAX]);
	free_of_tax = !has_tax && tax_free(r->text[CP__EI_TAX]);
	if (free_of_tax) {
		has_tax = true;
		tax = 0;
	}
	if (!a->has_total && a->has_before && has_tax &&
	    a->before + tax <= CP__AMOUNT_MAX) {
		a->has_total = true;
		a->total = a->before + tax;
		a->total_page = a->before_page;
	} else if (!a->has_before && a->has_total && has_tax &&
	    tax <= a->total) {
		a->has_before = true;
		a->before = a->total - tax;
		a->before_page = a->total_page;
	}
}

/* Sets an identifier field; 1 when taken, 0 when not, -1 out of
 * memory. */
static int
take_id(cp__fact_text *field, const cp__ei_record *r, cp__ei_field f,
    cp__fact_from from)
{
	char id[ID_MAX + 1];

	if (r->text[f] == NULL || !identifier(id, r->text[f]))
		return 0;
	return cp__fact_set_text(field, id, from, r->page[f]) < 0 ? -1 : 1;
}

static int
take_ids(cp__paper_facts *paper, const cp__ei_record *r, cp__fact_from from)
{
	cp__invoice_facts *inv = &paper->invoice;
	int n = 0, rc;

	if ((rc = take_id(&inv->code, r, CP__EI_CODE, from)) < 0)
		return -1;
	n += rc;
	if ((rc = take_id(&inv->number, r, CP__EI_NUMBER, from)) < 0)
		return -1;
	n += rc;
	if ((rc = take_id(&inv->check_code, r, CP__EI_CHECK, from)) < 0)
		return -1;
	return n + rc;
}

static int
take_parties(cp__paper_facts *paper, const cp__ei_record *r, cp__fact_from from)
{
	cp__invoice_facts *inv = &paper->invoice;
	const char *buyer = r->text[CP__EI_BUYER];
	const char *seller = r->text[CP__EI_SELLER];
	int page = r->page[CP__EI_BUYER];

	if (buyer != NULL && (cp__fact_set_text(&inv->buyer, buyer, from,
	    page) < 0 || cp__paper_add_name(paper, buyer, CP__NAME_BUYER, from,
	    page) < 0))
		return -1;
	if (seller != NULL && cp__fact_set_text(&inv->seller, seller, from,
	    r->page[CP__EI_SELLER]) < 0)
		return -1;
	return 0;
}

static int
take_date_and_amounts(cp__paper_facts *paper, const cp__ei_record *r,
    cp__fact_from from)
{
	cp__invoice_facts *inv = &paper->invoice;
	int page = r->page[CP__EI_DATE], n = 0;
	cp__date date;
	amounts a;

	if (r->text[CP__EI_DATE] != NULL &&
	    issue_date(&date, r->text[CP__EI_DATE])) {
		cp__fact_set_date(&inv->date, date, from, page);
		if (cp__paper_add_date(paper, date, CP__DATE_ISSUE, from,
		    page) < 0)
			return -1;
		n++;
	}
	work_out(&a, r);
	if (a.has_total) {
		cp__fact_set_amount(&inv->amount, a.total, from, a.total_page);
		n++;
	}
	if (a.has_before) {
		cp__fact_set_amount(&inv->amount_before_tax, a.before, from,
		    a.before_page);
		n++;
	}
	return n;
}

static int
take_qr(cp__paper_facts *paper, const cp__ei_record *r)
{
	const char *qr = r->text[CP__EI_QR];
	int page = r->page[CP__EI_QR];

	if (qr == NULL)
		return 0;
	if (cp__qr_image_is_base64_png(qr))
		return cp__qr_image_scan_base64(paper, qr, page) < 0 ? -1 : 0;
	return cp__paper_take_qr(paper, qr, strlen(qr), page);
}

/* The kind the identifiers read say: a 20-digit number without a code
 * is a fully digitalized invoice. */
static void
set_kind(cp__invoice_facts *inv, cp__fact_from from)
{
	if (inv->number.text == NULL || (inv->kind != CP__INVOICE_UNKNOWN &&
	    inv->number.from != from))
		return;
	if (inv->code.text == NULL && strlen(inv->number.text) == 20)
		inv->kind = CP__INVOICE_VAT_DIGITAL;
	else
		inv->kind = CP__INVOICE_VAT;
}

int
cp__ei_record_apply(cp__paper_facts *paper, const cp__ei_record *r,
    cp__fact_from from)
{
	int ids, rest;

	if ((ids = take_ids(paper, r, from)) < 0 ||
	    (rest = take_date_and_amounts(paper, r, from)) < 0 ||
	    take_parties(paper, r, from) < 0 || take_qr(paper, r) < 0)
		return -1;
	if (ids + rest == 0)
		return 0;
	paper->invoice.present = true;
	set_kind(&paper->invoice, from);
	if (paper->type == NULL)
		paper->type = "fapiao";
	return ids + rest;
}
