/* doctype.h - document type indexes used inside the library. */
#ifndef CP_DOCTYPE_H
#define CP_DOCTYPE_H

#include <stdbool.h>
#include <stddef.h>

/* Indexes into the table of doctype.c; the order is fixed there. */
enum {
	CP__DT_OUTPATIENT_RECORD,
	CP__DT_LAB_REPORT,
	CP__DT_IMAGING_REPORT,
	CP__DT_IMAGING_FILES,
	CP__DT_DISCHARGE_SUMMARY,
	CP__DT_OPERATIVE_NOTE,
	CP__DT_PATHOLOGY_REPORT,
	CP__DT_PRESCRIPTION,
	CP__DT_DISCHARGE_MEDICATION,
	CP__DT_EXPENSE_LIST,
	CP__DT_FAPIAO,
	CP__DT_DIAGNOSIS_CERTIFICATE,
	CP__DT_MEDICAL_RECORD_COPY,
	CP__DT_TRANSLATION,
	CP__DT_CLAIM_FORM,
	CP__DT_PAYMENT_PROOF
};

/* The index of the type whose key is `key`, or -1. */
int cp__doctype_index(const char *key);

/*
 * For a `type:` that is no type's key, the types most likely meant: a
 * key typed with a slip, in capitals or with spaces ("discharge_sumary",
 * "Lab Report"), a type's Chinese label ("出院小结"), or a word people
 * use for the paper ("receipt" and "发票" are a fapiao, "xray" an
 * imaging_report; "bill" may be a fapiao or an expense_list).  Writes
 * up to two type indexes into `out`; returns how many (0: none fits).
 */
size_t cp__doctype_suggest(const char *typed, size_t out[2]);

/*
 * Which facts the manifest gives for a document of type `type` (an
 * index): a date and the patient's name for every paper, not for
 * imaging_files (their images carry their own); the total for fapiao
 * and expense_list.  A manifest may leave them out while it is a
 * draft: the check fact-missing then asks for them.
 */
bool cp__doctype_dated(size_t type);
bool cp__doctype_needs_amount(size_t type);

/*
 * Whether the hospital issues papers of type `type` (an index): all but
 * a translation (a translator's), the insurer's claim form and a proof
 * of payment (the bank's, or the payment app's).  The request slip asks
 * the hospital for these only.
 */
bool cp__doctype_from_hospital(size_t type);

#endif
