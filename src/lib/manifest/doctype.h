/* doctype.h - document type indexes used inside the library. */
#ifndef CP_DOCTYPE_H
#define CP_DOCTYPE_H

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

#endif
