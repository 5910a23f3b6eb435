/* invoice_qr.h - what a person needs to verify an invoice, and the text
 * of the QR codes printed on fapiao.  Private. */
#ifndef CP_INVOICE_QR_H
#define CP_INVOICE_QR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest/claim.h"
#include "manifest/date.h"
#include "manifest/invoice_id.h"

/* What a QR code's text turned out to be. */
typedef enum {
	CP__QR_UNKNOWN = 0,  /* none of the layouts below */
	CP__QR_VAT,          /* "01,<type>,<code>,<number>,<amount>,<YYYYMMDD>,
	                        <check>,<tail>": a version of 1 or 2 digits,
	                        at least the fields up to the date, and a
	                        number of digits */
	CP__QR_FISCAL,       /* a fiscal e-receipt: a URL whose d= parameter
	                        holds code_number_check[_amount]_YYYYMMDD
	                        (t=504 with the amount, t=501 without; url
	                        holds the URL), or the unconfirmed
	                        "CZ-EI-..,<code>,<number>,<check>,<date>,
	                        <amount>" */
	CP__QR_URL           /* http:// or https:// (either case) and more */
} cp__qr_layout;

/* Which amount a QR code's amount field is. */
typedef enum {
	CP__QR_AMOUNT_UNSURE = 0,  /* a layout that does not say */
	CP__QR_AMOUNT_TOTAL,       /* tax included: VAT types 31 and 32
	                              (fully digitalized), fiscal receipts */
	CP__QR_AMOUNT_BEFORE_TAX   /* VAT types 01, 04, 10, 11, 14, 20: the
	                              amount before tax (rounded per line on
	                              multi-line invoices; another amount
	                              again on margin-taxed ones) */
} cp__qr_amount_is;

/*
 * The fields a QR code's text holds; absent ones are "" (has_* false).
 * type, code, number, check and tail hold letters and digits only: a
 * field with anything else in it, or too long for its array, is absent
 * (never cut short).  A VAT check field is kept only when it has more
 * than 4 characters: a special invoice without a check code may carry
 * its 4-character tail there ("...,20180115,6579,").  amount is what
 * cp__amount_parse accepts (at most two decimals); amount_is says which
 * amount the layout holds.
 */
typedef struct {
	cp__qr_layout layout;
	char type[8];            /* VAT type code: "10", "31"... */
	char code[16];
	char number[24];
	char check[24];
	char tail[8];            /* VAT: the 4-character tail, "" */
	bool has_amount;
	int64_t amount;          /* fen */
	cp__qr_amount_is amount_is;
	bool has_date;
	cp__date date;
	char url[1024];          /* CP__QR_URL, and CP__QR_FISCAL from a URL;
	                            "" when the URL is longer */
} cp__qr_fields;

/*
 * Parses the text read from a fapiao's QR code (by any phone scanner).
 * Lenient: surrounding spaces are ignored, and fields that are empty or
 * malformed are left absent rather than failing the whole text.
 * Returns the layout found (CP__QR_UNKNOWN when none fits; `out` then
 * holds nothing).  Never reads past the NUL; any length is safe.
 */
cp__qr_layout cp__qr_parse(cp__qr_fields *out, const char *text);

/* Everything a person needs to check one invoice by hand.  The const
 * strings are static (or the manifest's verify_url) and never NULL. */
typedef struct {
	cp__invoice_kind kind;        /* as classified (UNKNOWN if malformed) */
	const char *kind_en;          /* "VAT fapiao", "Fully digitalized VAT
	                                 fapiao", "Fiscal medical receipt",
	                                 "Receipt" (unknown) */
	const char *kind_zh;          /* "增值税发票", "数电票", "医疗收费电子票据",
	                                 "票据" */
	/* The platform of the kind; when the kind is UNKNOWN, that of the
	 * kind the manifest declared, else "". */
	const char *platform_en;      /* "State Taxation Administration ..." */
	const char *platform_zh;      /* "国家税务总局全国增值税发票查验平台" */
	const char *platform_url;     /* "https://inv-veri.chinatax.gov.cn/" or
	                                 "https://pjcy.mof.gov.cn/"; a
	                                 manifest's verify_url wins */
	char date[16];                /* "2026-10-09", "" when none */
	char amount[32];              /* "12850.40" */
	char check6[8];               /* last 6 of a VAT check code, or the
	                                 fiscal check code; "" when none */
	char *qr;                     /* the QR text to print, the paper's
	                                 own: the one read off the paper, else
	                                 the manifest's invoice.qr, else its
	                                 verify_url (each without surrounding
	                                 spaces); NULL when there is none, and
	                                 then only `fields` can be typed: no
	                                 QR text is ever composed (caller
	                                 frees) */
	/*
	 * The fields to type, in the platform's order, never NULL (caller
	 * frees).  Fiscal: "code 11060126, number 0012345678, check code
	 * a1b2c3, date 2026-10-09, amount 12850.40".  VAT: code, number,
	 * date, "check code (last 6) 991611", or without a check code (a
	 * special invoice) "amount (excluding tax; the manifest's 12850.40
	 * includes tax)".  Fully digitalized: number, date, "amount (tax
	 * included) 12850.40".  A field the manifest lacks reads "date (not
	 * in the manifest)"; an UNKNOWN kind lists only what it has.
	 */
	char *fields;
} cp__invoice_help;

/*
 * Fills `out` for document `doc` (a fapiao).  `read_qr` is the text of
 * the invoice's QR code as read off its paper (a scanner's exact copy:
 * it wins over the typed invoice.qr), or NULL when none was read.
 * Returns 0, or -1 when out of memory.  Free with
 * cp__invoice_help_clear.
 */
int cp__invoice_help_make(cp__invoice_help *out, const cp__document *doc,
    const char *read_qr);
void cp__invoice_help_clear(cp__invoice_help *help);

#endif
