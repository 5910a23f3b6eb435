/* einvoice_int.h - the fields of an e-invoice, as its XML, an OFD's
 * CustomData or its CustomTag give them, and how they become facts.
 * Private to read/: einvoice_xml.c and ofd.c fill a record each,
 * einvoice_fields.c turns it into facts. */
#ifndef CP_EINVOICE_INT_H
#define CP_EINVOICE_INT_H

#include <stddef.h>

#include "read/facts.h"

typedef enum {
	CP__EI_CODE = 0,        /* 发票代码 */
	CP__EI_NUMBER,          /* 发票号码 */
	CP__EI_DATE,            /* 开票日期 */
	CP__EI_CHECK,           /* 校验码 */
	CP__EI_BUYER,           /* 购买方名称 */
	CP__EI_SELLER,          /* 销售方名称 */
	CP__EI_TOTAL,           /* 价税合计: tax included */
	CP__EI_BEFORE_TAX,      /* 合计金额 */
	CP__EI_TAX,             /* 合计税额; "***" when tax-free */
	CP__EI_QR,              /* the QR code's text (or a base64 PNG) */
	CP__EI_FIELDS
} cp__ei_field;

/* The values one source gave, as written, before they are checked. */
typedef struct {
	char *text[CP__EI_FIELDS];      /* NULL when not given */
	int page[CP__EI_FIELDS];        /* where read; 0 when not paged */
} cp__ei_record;

/*
 * The field an element of that local name holds in the e-invoice XML
 * layouts (the 2019 VAT e-invoice: InvoiceNo, BuyerName ...; the fully
 * digitalized one: InvoiceNumber, TotalTax-includedAmount ...) and in an
 * OFD's CustomTag, which uses the 2019 names; CP__EI_FIELDS for any
 * other name.
 */
cp__ei_field cp__ei_field_by_name(const char *local);

/* Keeps `text` (copied) as field f read on `page`, unless the record
 * has a non-empty value for it already.  Returns 0, or -1 when out of
 * memory. */
int cp__ei_record_set(cp__ei_record *r, cp__ei_field f, const char *text,
    int page);
void cp__ei_record_clear(cp__ei_record *r);

/*
 * Puts the values of `r` into the invoice facts of `paper`, as read
 * from `from`: identifiers without spaces; the date in any form
 * invoices print it (2020年07月23日, 2020-07-23, 20200723, with or
 * without a time); amounts without ¥ and spaces (the total as before
 * tax plus tax when it is not given, and a tax of "***" meaning
 * tax-free: before tax = total); the buyer also as a name, the date as
 * an issue date; the QR text (or base64 PNG) through cp__paper_take_qr.
 * Values that are not what their field holds are skipped.  Sets the
 * invoice kind, `present` and the paper's type when any identifier,
 * date or amount was taken.  Returns the number of fields taken, or -1
 * when out of memory.
 */
int cp__ei_record_apply(cp__paper_facts *paper, const cp__ei_record *r,
    cp__fact_from from);

/*
 * Reads the e-invoice XML of `len` bytes into the facts of `paper`
 * (from CP__FROM_XML), leaving its format alone: what
 * cp__read_einvoice_xml does, and what the OFD reader does with an
 * invoice XML attached to an OFD.  Returns 0; 1 with *why a static
 * fragment ("is not well-formed XML", "holds no e-invoice fields") when
 * nothing could be read; -1 when out of memory.
 */
int cp__einvoice_xml_take(cp__paper_facts *paper, const char *xml, size_t len,
    const char **why);

#endif
