/*
 * fuzz_paper.h - the contract of a cp__paper_facts (read/facts.h), checked by
 * the targets that run a reader of facts (fuzz_ofd, fuzz_einvoice_xml).
 *
 * - every text is NUL-terminated, valid UTF-8, not empty and without
 *   surrounding spaces (cp__fact_set_text trims and cleans);
 * - identifiers (code, number, check code) are letters and digits only;
 * - amounts lie in 0..CP__AMOUNT_MAX; a field's source is set exactly
 *   when it holds a value; dates lie in 1900..2999;
 * - when an invoice is present the paper's type is "fapiao"; a kind is
 *   one of the listed ones;
 * - the problem, when set, is a non-empty sentence fragment.
 */
#ifndef CP_FUZZ_PAPER_H
#define CP_FUZZ_PAPER_H

#include "manifest/amount.h"
#include "read/facts.h"
#include "fuzz.h"

static inline void
fz_check_text(const char *s)
{
	size_t n;

	if (s == NULL)
		return;
	n = strlen(s);
	FZ_ASSERT(n > 0);
	FZ_ASSERT(fz_utf8_valid(s, n));
	FZ_ASSERT(s[0] != ' ' && s[n - 1] != ' ' && s[0] != '\n' &&
	    s[n - 1] != '\n');
}

static inline void
fz_check_field(const cp__fact_text *t)
{
	fz_check_text(t->text);
	FZ_ASSERT((t->text != NULL) == (t->from != CP__FROM_NONE));
	FZ_ASSERT(t->page >= 0);
}

static inline void
fz_check_id(const cp__fact_text *t)
{
	const char *p;

	fz_check_field(t);
	for (p = t->text; p != NULL && *p != '\0'; p++)
		FZ_ASSERT((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z'));
}

static inline void
fz_check_amount(const cp__fact_amount *a)
{
	if (!a->has)
		return;
	FZ_ASSERT(a->fen >= 0 && a->fen <= CP__AMOUNT_MAX);
	FZ_ASSERT(a->from != CP__FROM_NONE);
}

static inline void
fz_check_date(cp__date d)
{
	int y, m, day;

	cp__date_to_ymd(d, &y, &m, &day);
	FZ_ASSERT(y >= 1900 && y <= 2999);
}

static inline void
fz_check_paper(const cp__paper_facts *p)
{
	const cp__invoice_facts *inv = &p->invoice;
	size_t i;

	FZ_ASSERT(p->format != NULL);
	FZ_ASSERT(p->pages >= 0);
	if (p->problem != NULL)
		fz_check_text(p->problem);
	FZ_ASSERT(inv->kind == CP__INVOICE_UNKNOWN ||
	    inv->kind == CP__INVOICE_VAT || inv->kind == CP__INVOICE_VAT_DIGITAL ||
	    inv->kind == CP__INVOICE_FISCAL);
	if (inv->present)
		FZ_ASSERT(p->type != NULL && strcmp(p->type, "fapiao") == 0);
	FZ_ASSERT(memchr(inv->qr_type, '\0', sizeof(inv->qr_type)) != NULL);
	fz_check_id(&inv->code);
	fz_check_id(&inv->number);
	fz_check_id(&inv->check_code);
	fz_check_field(&inv->buyer);
	fz_check_field(&inv->seller);
	fz_check_field(&inv->qr);
	fz_check_amount(&inv->amount);
	fz_check_amount(&inv->amount_before_tax);
	if (inv->date.has)
		fz_check_date(inv->date.date);
	for (i = 0; i < p->nnames; i++)
		fz_check_text(p->names[i].text);
	for (i = 0; i < p->ndates; i++)
		fz_check_date(p->dates[i].date);
	for (i = 0; i < p->nlinks; i++)
		fz_check_text(p->links[i]);
}

#endif
