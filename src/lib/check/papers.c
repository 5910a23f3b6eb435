/* papers.c - the typed facts against what the papers themselves say:
 * invoice-read-mismatch, name-read-mismatch. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check/check.h"
#include "manifest/amount.h"
#include "manifest/doctype.h"
#include "manifest/name.h"
#include "read/papers.h"
#include "read/read.h"

/* "the QR code on billing/receipt.pdf (page 2)" */
static void
source_phrase(char *out, size_t size, const cp__paper_facts *paper,
    cp__fact_from from, int page)
{
	if (page > 0 && paper->pages > 1)
		snprintf(out, size, "%s on %s (page %d)",
		    cp__fact_from_phrase(from), paper->file, page);
	else
		snprintf(out, size, "%s of %s", cp__fact_from_phrase(from),
		    paper->file);
}

static int
mismatch(cp_report *report, size_t d, const cp__document *doc,
    const cp__paper_facts *paper, const char *field, const char *key,
    const char *typed, const char *read, cp__fact_from from, int page)
{
	char src[1200];

	source_phrase(src, sizeof(src), paper, from, page);
	return cp__report_add(report, d, "invoice-read-mismatch", doc->id,
	    paper->file, "fapiao %s: the manifest's %s is %s but %s says %s; "
	    "correct %s from the paper, or check that %s is the right file "
	    "for this fapiao", doc->id, field, typed, src, read, key,
	    paper->file);
}

/* A check code typed as its last six characters (what verification
 * asks for) agrees with the whole code read. */
static bool
check_code_agrees(const char *typed, const char *read)
{
	size_t t = strlen(typed), r = strlen(read);

	if (t == r)
		return strcasecmp(typed, read) == 0;
	return t == 6 && r > 6 && strcasecmp(typed, read + r - 6) == 0;
}

static bool
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static int
check_invoice(cp_report *report, size_t d, const cp__document *doc,
    const cp__paper_facts *paper)
{
	const cp__invoice *typed = &doc->invoice;
	const cp__invoice_facts *read = &paper->invoice;
	char a[32], b[32];
	int rc;

	if (!read->present)
		return CP_OK;
	if (given(typed->code) && read->code.text != NULL &&
	    strcmp(typed->code, read->code.text) != 0 &&
	    (rc = mismatch(report, d, doc, paper, "invoice code",
	    "invoice.code", typed->code, read->code.text, read->code.from,
	    read->code.page)) != CP_OK)
		return rc;
	if (given(typed->number) && read->number.text != NULL &&
	    strcmp(typed->number, read->number.text) != 0 &&
	    (rc = mismatch(report, d, doc, paper, "invoice number",
	    "invoice.number", typed->number, read->number.text,
	    read->number.from, read->number.page)) != CP_OK)
		return rc;
	if (given(typed->check_code) && read->check_code.text != NULL &&
	    !check_code_agrees(typed->check_code, read->check_code.text) &&
	    (rc = mismatch(report, d, doc, paper, "check code",
	    "invoice.check_code", typed->check_code, read->check_code.text,
	    read->check_code.from, read->check_code.page)) != CP_OK)
		return rc;
	if (doc->has_date && read->date.has && doc->date != read->date.date &&
	    (rc = mismatch(report, d, doc, paper, "date (the issue date)",
	    "the date", cp__date_format(a, sizeof(a), doc->date),
	    cp__date_format(b, sizeof(b), read->date.date), read->date.from,
	    read->date.page)) != CP_OK)
		return rc;
	/* Only a total read as a total: a VAT QR code of the older types
	 * holds the amount before tax, which invoice-qr-mismatch weighs. */
	if (doc->has_amount && read->amount.has &&
	    doc->amount != read->amount.fen &&
	    (rc = mismatch(report, d, doc, paper, "amount (the total, tax "
	    "included)", "the amount", cp__amount_format(a, sizeof(a),
	    doc->amount), cp__amount_format(b, sizeof(b), read->amount.fen),
	    read->amount.from, read->amount.page)) != CP_OK)
		return rc;
	if (given(typed->qr) && read->qr.text != NULL &&
	    read->qr.from == CP__FROM_QR &&
	    strcmp(typed->qr, read->qr.text) != 0 &&
	    (rc = mismatch(report, d, doc, paper, "QR text (invoice.qr)",
	    "invoice.qr", typed->qr, read->qr.text, read->qr.from,
	    read->qr.page)) != CP_OK)
		return rc;
	return CP_OK;
}

/*
 * A buyer on a VAT invoice may be a company (an employer paying), and
 * that is no one's name.  Organisations are told by the words they end
 * or are made with.
 */
static bool
is_organisation(const char *name)
{
	static const char *const words[] = { "公司", "集团", "医院", "大学",
	    "学校", "银行", "中心", "研究所", "事务所", "协会", "政府", "保险",
	    "餐厅", "酒店", "商店", "药店", "药房", "诊所", "门诊部", "厂",
	    "Co.", "Ltd", "LTD", "Inc", "INC", "GmbH", "LLC", "Limited",
	    "LIMITED", "Company", "COMPANY", "Hospital", "HOSPITAL" };
	const char *p = name;
	size_t i, han = 0, other = 0;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(name, words[i]) != NULL)
			return true;
	/* A Chinese person's name is two to four characters (a foreigner's
	 * written in Chinese is joined by a middle dot): six or more
	 * ideographs and nothing else is the name of a place. */
	while (*p != '\0') {
		unsigned char c = (unsigned char)*p;

		if (c >= 0xe4 && c <= 0xe9)
			han++;
		else if ((c & 0xc0) != 0x80)
			other++;
		p++;
	}
	return other == 0 && han >= 6;
}

static const char *
role_phrase(cp__name_role role)
{
	switch (role) {
	case CP__NAME_BUYER: return "buyer";
	case CP__NAME_PAYER: return "payer (交款人)";
	case CP__NAME_PATIENT: break;
	}
	return "patient's name (姓名)";
}

static int
check_names(cp_report *report, const cp_claim *claim, size_t d,
    const cp__paper_facts *paper)
{
	const cp__document *doc = &claim->documents[d];
	size_t i, j;
	int rc;

	/* Nothing to compare with until the passport name is typed
	 * (fact-missing asks for it). */
	if (claim->patient_name == NULL)
		return CP_OK;
	for (i = 0; i < paper->nnames; i++) {
		const cp__name_fact *n = &paper->names[i];
		char src[1200];
		bool seen = false;

		if (is_organisation(n->text) ||
		    cp__name_is_patient(claim, n->text, NULL) !=
		    CP__PATIENT_MISMATCH)
			continue;
		/* one finding per name, however many roles it plays */
		for (j = 0; j < i && !seen; j++)
			seen = strcmp(paper->names[j].text, n->text) == 0;
		if (seen)
			continue;
		source_phrase(src, sizeof(src), paper, n->from, n->page);
		rc = cp__report_add(report, d, "name-read-mismatch", doc->id,
		    paper->file, "document %s: the %s \"%s\" read off %s does "
		    "not match the passport name \"%s\"%s; if the paper is "
		    "someone else's, take it out of the claim; if the name is "
		    "the patient's, %s", doc->id, role_phrase(n->role),
		    n->text, src, claim->patient_name,
		    claim->naliases > 0 ? " nor patient.aliases" : "",
		    cp__name_has_cjk(n->text) ? "add it to patient.aliases "
		    "(a Chinese name is matched there)" : "ask the hospital "
		    "to correct the paper, or add the spelling to "
		    "patient.aliases");
		if (rc != CP_OK)
			return rc;
	}
	return CP_OK;
}

int
cp__check_papers(cp_report *report, const cp_claim *claim)
{
	size_t d, f;
	int rc;

	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];
		bool fapiao = doc->type == CP__DT_FAPIAO;

		if (doc->type == CP__DT_IMAGING_FILES)
			continue;       /* a folder of DICOM files */
		for (f = 0; f < doc->nfiles; f++) {
			const cp__paper_facts *paper;

			/* QR codes are looked for on fapiao only: rendering
			 * and decoding every page would slow every check. */
			if (cp__claim_paper(&paper, claim, d, f, fapiao ?
			    CP__READ_ALL : CP__READ_TEXT) < 0)
				return CP_ENOMEM;
			if (paper == NULL || paper->problem != NULL)
				continue;   /* check/files.c says why */
			if (fapiao &&
			    (rc = check_invoice(report, d, doc, paper)) != CP_OK)
				return rc;
			if ((rc = check_names(report, claim, d, paper)) != CP_OK)
				return rc;
		}
	}
	return CP_OK;
}
