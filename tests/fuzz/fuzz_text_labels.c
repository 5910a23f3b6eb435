/*
 * fuzz_text_labels.c - cp__read_text_labels, the labelled values of a
 * page's text layer.
 *
 * The input is the text of one page, any bytes (NULs included), handed
 * over as an exact-size copy so that AddressSanitizer sees a read past
 * `len`.  Checked against readers.h and facts.h:
 * - it returns 0 (the input is small: no allocation fails) and records
 *   no problem: a page without labels is no error;
 * - every text read is valid UTF-8 without spaces around it; names are
 *   at most 150 bytes;
 * - an invoice code has 8, 10 or 12 digits, a number 8, 10 or 20, a
 *   check code 20 digits or 6 lower-case hexadecimal characters; invoice
 *   fields come only with a code or a number, and then `present` is set;
 * - amounts are in 0..CP__AMOUNT_MAX fen, dates in 1900..2999;
 * - the type guessed is a document type key;
 * - a paper's own total comes only from a page that names no invoice,
 *   and its hospital is ideographs ending in 医院, 卫生院, 诊所 or 门诊部;
 * - reading the same text again into the same paper adds nothing.
 */
#include "claimpack.h"
#include "manifest/amount.h"
#include "read/readers.h"
#include "fuzz.h"

static bool
digits_of(const char *s, size_t a, size_t b, size_t c)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n == a || n == b || n == c;
}

static bool
check_code_shape(const char *s)
{
	size_t i;

	if (digits_of(s, 20, 20, 20))
		return true;
	if (strlen(s) != 6)
		return false;
	for (i = 0; i < 6; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return false;
	return true;
}

/* A text as cp__fact_set_text and the name list keep them. */
static void
check_text(const char *s, size_t max)
{
	size_t n;

	FZ_ASSERT(s != NULL);
	n = strlen(s);
	FZ_ASSERT(n > 0 && n <= max);
	FZ_ASSERT(fz_utf8_valid(s, n));
	FZ_ASSERT(s[0] != ' ' && s[n - 1] != ' ' && s[0] != '\n' &&
	    s[n - 1] != '\n');
}

static void
check_field(const cp__fact_text *f, size_t max)
{
	if (f->text == NULL)
		return;
	check_text(f->text, max);
	FZ_ASSERT(f->from == CP__FROM_TEXT && f->page == 7);
}

static void
check_date(cp__date date)
{
	int y, m, d;

	cp__date_to_ymd(date, &y, &m, &d);
	FZ_ASSERT(y >= 1900 && y <= 2999);
}

static void
check_paper(const cp__paper_facts *p)
{
	const cp__invoice_facts *inv = &p->invoice;
	size_t i;

	FZ_ASSERT(p->problem == NULL);
	FZ_ASSERT(p->type == NULL || cp_doctype_find(p->type) != NULL);
	if (inv->code.text != NULL)
		FZ_ASSERT(digits_of(inv->code.text, 8, 10, 12));
	if (inv->number.text != NULL)
		FZ_ASSERT(digits_of(inv->number.text, 8, 10, 20));
	if (inv->check_code.text != NULL)
		FZ_ASSERT(check_code_shape(inv->check_code.text));
	check_field(&inv->code, 12);
	check_field(&inv->number, 20);
	check_field(&inv->check_code, 20);
	check_field(&inv->buyer, 150);
	check_field(&inv->seller, 150);
	FZ_ASSERT(inv->qr.text == NULL);
	/* Invoice fields come with the identifiers that name the invoice. */
	FZ_ASSERT(inv->present == (inv->code.text != NULL ||
	    inv->number.text != NULL));
	if (!inv->present)
		FZ_ASSERT(inv->check_code.text == NULL && inv->buyer.text ==
		    NULL && inv->seller.text == NULL && !inv->amount.has &&
		    !inv->amount_before_tax.has && !inv->date.has);
	if (inv->amount.has)
		FZ_ASSERT(inv->amount.fen >= 0 &&
		    inv->amount.fen <= CP__AMOUNT_MAX);
	if (inv->amount_before_tax.has)
		FZ_ASSERT(inv->amount_before_tax.fen >= 0 &&
		    inv->amount_before_tax.fen <= CP__AMOUNT_MAX);
	if (inv->date.has)
		check_date(inv->date.date);
	for (i = 0; i < p->nnames; i++) {
		check_text(p->names[i].text, 150);
		FZ_ASSERT(p->names[i].role == CP__NAME_PATIENT ||
		    p->names[i].role == CP__NAME_BUYER ||
		    p->names[i].role == CP__NAME_PAYER);
		if (p->names[i].role != CP__NAME_BUYER)
			FZ_ASSERT(strlen(p->names[i].text) <= 64);
	}
	for (i = 0; i < p->ndates; i++) {
		check_date(p->dates[i].date);
		FZ_ASSERT(p->dates[i].role == CP__DATE_ISSUE ||
		    p->dates[i].role == CP__DATE_ADMISSION ||
		    p->dates[i].role == CP__DATE_DISCHARGE ||
		    p->dates[i].role == CP__DATE_REPORT);
	}
	FZ_ASSERT(p->nlinks == 0);
	/* A paper's own total only where the page names no invoice; its
	 * hospital a run of ideographs ending in 医院 or the like. */
	if (p->total.has) {
		FZ_ASSERT(!inv->present);
		FZ_ASSERT(p->total.fen >= 0 && p->total.fen <= CP__AMOUNT_MAX);
		FZ_ASSERT(p->total.from == CP__FROM_TEXT && p->total.page == 7);
	}
	if (p->hospital.text != NULL) {
		size_t n = strlen(p->hospital.text);

		check_field(&p->hospital, 120);
		FZ_ASSERT(n >= 9 && (strcmp(p->hospital.text + n - 6,
		    "医院") == 0 || strcmp(p->hospital.text + n - 6, "诊所") == 0 ||
		    (n >= 12 && strcmp(p->hospital.text + n - 9, "卫生院") == 0) ||
		    (n >= 12 && strcmp(p->hospital.text + n - 9, "门诊部") == 0)));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp__paper_facts *paper;
	size_t nnames, ndates;
	char *copy;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((copy = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	if ((paper = cp__paper_new("fuzz.pdf")) == NULL) {
		free(copy);
		return 0;
	}
	FZ_ASSERT(cp__read_text_labels(paper, copy, size, 7,
	    CP__FROM_TEXT) == 0);
	check_paper(paper);
	nnames = paper->nnames;
	ndates = paper->ndates;
	FZ_ASSERT(cp__read_text_labels(paper, copy, size, 7,
	    CP__FROM_TEXT) == 0);
	check_paper(paper);
	FZ_ASSERT(paper->nnames == nnames && paper->ndates == ndates);
	cp__paper_free(paper);
	free(copy);
	return 0;
}
