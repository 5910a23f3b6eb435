/* facts.c - what claimpack read off one paper, and where it read each
 * fact. */
#include "read/facts.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/invoice_qr.h"
#include "util/strbuf.h"
#include "util/utf8.h"

const char *
cp__fact_from_name(cp__fact_from from)
{
	switch (from) {
	case CP__FROM_EXIF: return "exif";
	case CP__FROM_TEXT: return "text";
	case CP__FROM_QR: return "qr";
	case CP__FROM_XML: return "xml";
	case CP__FROM_NONE: break;
	}
	return "";
}

const char *
cp__fact_from_phrase(cp__fact_from from)
{
	switch (from) {
	case CP__FROM_EXIF: return "the EXIF data";
	case CP__FROM_TEXT: return "the text layer";
	case CP__FROM_QR: return "the QR code";
	case CP__FROM_XML: return "the e-invoice data";
	case CP__FROM_NONE: break;
	}
	return "the paper";
}

const char *
cp__name_role_name(cp__name_role role)
{
	switch (role) {
	case CP__NAME_PATIENT: return "patient";
	case CP__NAME_BUYER: return "buyer";
	case CP__NAME_PAYER: return "payer";
	}
	return "patient";
}

const char *
cp__date_role_name(cp__date_role role)
{
	switch (role) {
	case CP__DATE_ISSUE: return "issue";
	case CP__DATE_ADMISSION: return "admission";
	case CP__DATE_DISCHARGE: return "discharge";
	case CP__DATE_REPORT: return "report";
	case CP__DATE_TAKEN: return "taken";
	case CP__DATE_OTHER: break;
	}
	return "other";
}

cp__paper_facts *
cp__paper_new(const char *file)
{
	cp__paper_facts *paper = calloc(1, sizeof(*paper));

	if (paper == NULL)
		return NULL;
	paper->format = "unknown";
	if ((paper->file = cp__strdup(file ? file : "")) == NULL) {
		free(paper);
		return NULL;
	}
	return paper;
}

static void
text_clear(cp__fact_text *t)
{
	free(t->text);
	t->text = NULL;
}

void
cp__paper_free(cp__paper_facts *paper)
{
	cp__invoice_facts *inv;
	size_t i;

	if (paper == NULL)
		return;
	inv = &paper->invoice;
	text_clear(&inv->code);
	text_clear(&inv->number);
	text_clear(&inv->check_code);
	text_clear(&inv->buyer);
	text_clear(&inv->seller);
	text_clear(&inv->qr);
	text_clear(&paper->hospital);
	for (i = 0; i < paper->nnames; i++)
		free(paper->names[i].text);
	free(paper->names);
	free(paper->dates);
	for (i = 0; i < paper->nlinks; i++)
		free(paper->links[i]);
	free(paper->links);
	free(paper->problem);
	free(paper->file);
	free(paper);
}

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/* A copy of `len` bytes of `s` without surrounding spaces (ideographic
 * spaces too), made valid UTF-8; NULL when empty or out of memory
 * (*nomem tells which). */
static char *
trimmed_copy(const char *s, size_t len, bool *nomem)
{
	char *out;

	*nomem = false;
	for (;;) {
		if (len > 0 && is_space((unsigned char)s[0])) {
			s++;
			len--;
		} else if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
			s += 3;
			len -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (len > 0 && is_space((unsigned char)s[len - 1]))
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
			len -= 3;
		else
			break;
	}
	if (len == 0)
		return NULL;
	if ((out = malloc(len + 1)) == NULL) {
		*nomem = true;
		return NULL;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	cp__utf8_clean(out);
	return out;
}

int
cp__fact_set_text(cp__fact_text *field, const char *text,
    cp__fact_from from, int page)
{
	char *copy;
	bool nomem;

	if (text == NULL || (field->text != NULL && from <= field->from))
		return 0;
	if ((copy = trimmed_copy(text, strlen(text), &nomem)) == NULL)
		return nomem ? -1 : 0;
	free(field->text);
	field->text = copy;
	field->from = from;
	field->page = page;
	return 0;
}

void
cp__fact_set_amount(cp__fact_amount *field, int64_t fen, cp__fact_from from,
    int page)
{
	if (field->has && from <= field->from)
		return;
	field->has = true;
	field->fen = fen;
	field->from = from;
	field->page = page;
}

void
cp__fact_set_date(cp__fact_date *field, cp__date date, cp__fact_from from,
    int page)
{
	if (field->has && from <= field->from)
		return;
	field->has = true;
	field->date = date;
	field->from = from;
	field->page = page;
}

/* Grows an array of `size`-byte items to hold one more.  Returns 0, or
 * -1 when out of memory (or when the count is absurd). */
static int
grow(void **items, size_t count, size_t size)
{
	void *p;

	if (count >= 4096)
		return 1;       /* enough of one kind: the rest is dropped */
	if ((p = realloc(*items, (count + 1) * size)) == NULL)
		return -1;
	*items = p;
	return 0;
}

int
cp__paper_add_name(cp__paper_facts *paper, const char *text, cp__name_role role,
    cp__fact_from from, int page)
{
	cp__name_fact *n;
	char *copy;
	bool nomem;
	size_t i;
	int rc;

	if (text == NULL)
		return 0;
	if ((copy = trimmed_copy(text, strlen(text), &nomem)) == NULL)
		return nomem ? -1 : 0;
	for (i = 0; i < paper->nnames; i++)
		if (paper->names[i].role == role &&
		    strcmp(paper->names[i].text, copy) == 0) {
			if (from > paper->names[i].from) {
				paper->names[i].from = from;
				paper->names[i].page = page;
			}
			free(copy);
			return 0;
		}
	if ((rc = grow((void **)&paper->names, paper->nnames,
	    sizeof(*paper->names))) != 0) {
		free(copy);
		return rc < 0 ? -1 : 0;
	}
	n = &paper->names[paper->nnames++];
	n->text = copy;
	n->role = role;
	n->from = from;
	n->page = page;
	return 0;
}

int
cp__paper_add_date(cp__paper_facts *paper, cp__date date, cp__date_role role,
    cp__fact_from from, int page)
{
	cp__date_fact *d;
	size_t i;
	int rc;

	for (i = 0; i < paper->ndates; i++)
		if (paper->dates[i].role == role && paper->dates[i].date == date)
			return 0;
	if ((rc = grow((void **)&paper->dates, paper->ndates,
	    sizeof(*paper->dates))) != 0)
		return rc < 0 ? -1 : 0;
	d = &paper->dates[paper->ndates++];
	d->date = date;
	d->role = role;
	d->from = from;
	d->page = page;
	return 0;
}

/* Keeps the text of a QR code that is not an invoice's (once). */
static int
add_link(cp__paper_facts *paper, const char *text)
{
	char *copy;
	bool nomem;
	size_t i;
	int rc;

	if (text == NULL)
		return 0;
	if ((copy = trimmed_copy(text, strlen(text), &nomem)) == NULL)
		return nomem ? -1 : 0;
	for (i = 0; i < paper->nlinks; i++)
		if (strcmp(paper->links[i], copy) == 0) {
			free(copy);
			return 0;
		}
	if ((rc = grow((void **)&paper->links, paper->nlinks,
	    sizeof(*paper->links))) != 0) {
		free(copy);
		return rc < 0 ? -1 : 0;
	}
	paper->links[paper->nlinks++] = copy;
	return 0;
}

int
cp__paper_problem(cp__paper_facts *paper, const char *fmt, ...)
{
	va_list ap;

	if (paper->problem != NULL)
		return 0;
	va_start(ap, fmt);
	paper->problem = cp__vsprintf(fmt, ap);
	va_end(ap);
	return paper->problem == NULL ? -1 : 0;
}

/* The kind of invoice a QR layout's fields name. */
static cp__invoice_kind
qr_kind(const cp__qr_fields *qr)
{
	if (qr->layout == CP__QR_FISCAL)
		return CP__INVOICE_FISCAL;
	if (qr->code[0] == '\0' && strlen(qr->number) == 20)
		return CP__INVOICE_VAT_DIGITAL;
	return CP__INVOICE_VAT;
}

int
cp__paper_take_qr(cp__paper_facts *paper, const char *text, size_t len, int page)
{
	cp__invoice_facts *inv = &paper->invoice;
	cp__qr_fields qr;
	char *copy;
	bool nomem;
	int rc = 0;

	if ((copy = trimmed_copy(text, len, &nomem)) == NULL)
		return nomem ? -1 : 0;
	switch (cp__qr_parse(&qr, copy)) {
	case CP__QR_VAT:
	case CP__QR_FISCAL:
		break;
	case CP__QR_URL:
	case CP__QR_UNKNOWN:
	default:
		rc = add_link(paper, copy);
		free(copy);
		return rc;
	}
	/* A second invoice QR on one paper (a copy printed twice) adds
	 * nothing; one of another invoice is kept as a link. */
	if (inv->qr.text != NULL && inv->qr.from >= CP__FROM_QR) {
		if (strcmp(inv->qr.text, copy) != 0)
			rc = add_link(paper, copy);
		free(copy);
		return rc;
	}
	inv->present = true;
	if (inv->kind == CP__INVOICE_UNKNOWN)
		inv->kind = qr_kind(&qr);
	if (qr.layout == CP__QR_VAT)
		memcpy(inv->qr_type, qr.type, sizeof(inv->qr_type) - 1);
	if (cp__fact_set_text(&inv->qr, copy, CP__FROM_QR, page) < 0 ||
	    (qr.code[0] != '\0' &&
	    cp__fact_set_text(&inv->code, qr.code, CP__FROM_QR, page) < 0) ||
	    cp__fact_set_text(&inv->number, qr.number, CP__FROM_QR, page) < 0 ||
	    (qr.check[0] != '\0' && cp__fact_set_text(&inv->check_code,
	    qr.check, CP__FROM_QR, page) < 0)) {
		free(copy);
		return -1;
	}
	free(copy);
	if (qr.has_date)
		cp__fact_set_date(&inv->date, qr.date, CP__FROM_QR, page);
	if (qr.has_amount) {
		if (qr.amount_is == CP__QR_AMOUNT_TOTAL)
			cp__fact_set_amount(&inv->amount, qr.amount, CP__FROM_QR,
			    page);
		else if (qr.amount_is == CP__QR_AMOUNT_BEFORE_TAX)
			cp__fact_set_amount(&inv->amount_before_tax, qr.amount,
			    CP__FROM_QR, page);
	}
	if (paper->type == NULL)
		paper->type = "fapiao";
	return 0;
}

void
cp__paper_settle(cp__paper_facts *paper)
{
	const cp__fact_text *buyer = &paper->invoice.buyer;
	size_t i, kept = 0;

	for (i = 0; i < paper->nnames; i++) {
		cp__name_fact *n = &paper->names[i];

		if (n->role != CP__NAME_PATIENT && buyer->text != NULL &&
		    buyer->from > n->from && strcmp(buyer->text, n->text) != 0) {
			free(n->text);
			continue;
		}
		paper->names[kept++] = *n;
	}
	paper->nnames = kept;
}
