/* facts.h - what claimpack read off one paper, and where it read each
 * fact (a QR code, e-invoice data, a text layer, EXIF).  Private. */
#ifndef CP_FACTS_H
#define CP_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest/date.h"
#include "manifest/invoice_id.h"

/* Where a fact was read.  Larger values are trusted more when two
 * sources of one paper give a field (e-invoice data over the QR code
 * over the text layer). */
typedef enum {
	CP__FROM_NONE = 0,
	CP__FROM_EXIF,      /* a photo's EXIF data */
	CP__FROM_TEXT,      /* a PDF's text layer, an OFD's text objects */
	CP__FROM_QR,        /* a QR code printed on the paper */
	CP__FROM_XML        /* e-invoice data: an OFD's invoice XML or its
	                       CustomData/CustomTag fields, an e-invoice XML */
} cp__fact_from;

/* "exif", "text", "qr", "xml" ("" for NONE): the JSON `from` values. */
const char *cp__fact_from_name(cp__fact_from from);
/* "the EXIF data", "the text layer", "the QR code", "the e-invoice
 * data": what a message says the value came from. */
const char *cp__fact_from_phrase(cp__fact_from from);

typedef struct {
	char *text;             /* NULL when not read */
	cp__fact_from from;
	int page;               /* 1-based page read on, 0 when not paged */
} cp__fact_text;

typedef struct {
	bool has;
	int64_t fen;
	cp__fact_from from;
	int page;
} cp__fact_amount;

typedef struct {
	bool has;
	cp__date date;
	cp__fact_from from;
	int page;
} cp__fact_date;

typedef struct {
	bool present;               /* something of an invoice was read */
	cp__invoice_kind kind;      /* VAT, VAT_DIGITAL, FISCAL; UNKNOWN */
	char qr_type[8];            /* the VAT QR's type field ("10"), "" */
	cp__fact_text code;
	cp__fact_text number;
	cp__fact_text check_code;
	cp__fact_text buyer;        /* buyer (VAT) or payer (fiscal) */
	cp__fact_text seller;       /* seller or issuing hospital */
	cp__fact_text qr;           /* the exact text of the invoice's QR */
	cp__fact_date date;         /* issue date */
	cp__fact_amount amount;     /* total, tax included */
	cp__fact_amount amount_before_tax;
} cp__invoice_facts;

typedef enum {
	CP__NAME_PATIENT = 0,       /* 姓名, 患者姓名 */
	CP__NAME_BUYER,             /* 购买方名称 */
	CP__NAME_PAYER              /* 交款人 */
} cp__name_role;

typedef struct {
	char *text;
	cp__name_role role;
	cp__fact_from from;
	int page;
} cp__name_fact;

typedef enum {
	CP__DATE_ISSUE = 0,         /* 开票日期 */
	CP__DATE_ADMISSION,         /* 入院日期 */
	CP__DATE_DISCHARGE,         /* 出院日期 */
	CP__DATE_REPORT,            /* 报告日期 */
	CP__DATE_TAKEN,             /* EXIF DateTimeOriginal */
	CP__DATE_OTHER
} cp__date_role;

typedef struct {
	cp__date date;
	cp__date_role role;
	cp__fact_from from;
	int page;
} cp__date_fact;

/* What was read off one file. */
typedef struct {
	char *file;                 /* as the caller named it */
	const char *format;         /* "pdf", "jpeg", "png", "heic", "webp",
	                               "tiff", "ofd", "xml", "dicom", "zip",
	                               "unknown" (static) */
	int pages;                  /* 0 when not paged or not counted */
	const char *type;           /* document type key guessed, or NULL */
	cp__invoice_facts invoice;
	cp__name_fact *names;
	size_t nnames;
	cp__date_fact *dates;
	size_t ndates;
	cp__fact_amount total;      /* the total of a paper that is not an
	                               invoice (an expense list's 合计),
	                               from its text layer */
	cp__fact_text hospital;     /* the hospital its title lines name
	                               ("示例联合医院 出院小结") */
	char **links;               /* other QR codes' texts (verify links) */
	size_t nlinks;
	char *problem;              /* why it could not be read; NULL */
	bool not_paper;             /* of a format no paper comes in (text,
	                               GIF, unknown): problem says which */
} cp__paper_facts;

/* A new, empty paper for `file` (copied).  NULL when out of memory. */
cp__paper_facts *cp__paper_new(const char *file);
void cp__paper_free(cp__paper_facts *paper);

/*
 * Sets a field when it is unset or `from` is trusted more than where its
 * value came from (equal trust: the first value stays).  `text` is
 * copied, surrounding spaces trimmed; an empty one is ignored.  Return 0,
 * or -1 when out of memory.
 */
int cp__fact_set_text(cp__fact_text *field, const char *text,
    cp__fact_from from, int page);
void cp__fact_set_amount(cp__fact_amount *field, int64_t fen,
    cp__fact_from from, int page);
void cp__fact_set_date(cp__fact_date *field, cp__date date,
    cp__fact_from from, int page);

/* Adds a name (skipping one already listed with the same role and
 * text) or a date (likewise).  Return 0, or -1 when out of
 * memory. */
int cp__paper_add_name(cp__paper_facts *paper, const char *text,
    cp__name_role role, cp__fact_from from, int page);
int cp__paper_add_date(cp__paper_facts *paper, cp__date date, cp__date_role role,
    cp__fact_from from, int page);

/* Records why the paper could not be read (the first reason stays).
 * printf-like.  Returns 0, or -1 when out of memory. */
int cp__paper_problem(cp__paper_facts *paper, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Takes the text of a QR code found on page `page` (0: not paged):
 * an invoice's QR (VAT text, fiscal receipt URL) fills the invoice
 * facts (the amount into `amount` or `amount_before_tax` as the layout
 * says), and any other text is kept as a link.  `len` bytes, not
 * NUL-terminated; any bytes are safe.  Returns 0, or -1 when out of
 * memory.
 */
int cp__paper_take_qr(cp__paper_facts *paper, const char *text, size_t len,
    int page);

/*
 * Once every source of a paper was read: drops the buyer and payer
 * names that a more trusted source of the same paper contradicts (a
 * text layer's label next to the wrong box), so that one paper names
 * one buyer.
 */
void cp__paper_settle(cp__paper_facts *paper);

/* "patient", "buyer", "payer"; "issue", "admission", "discharge",
 * "report", "taken", "other". */
const char *cp__name_role_name(cp__name_role role);
const char *cp__date_role_name(cp__date_role role);

#endif
