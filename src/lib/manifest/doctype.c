/* doctype.c - the table of document types and their labels. */
#include <stdbool.h>
#include <string.h>

#include "claimpack.h"
#include "manifest/doctype.h"
#include "util/suggest.h"

/*
 * One row per kind of paper, in the order of ../shared/DOMAIN.md.  The
 * keys are the manifest's `type:` values; templates refer to them too.
 */
static const cp_doctype doctypes[] = {
	{ "outpatient_record", "Outpatient medical record", "门诊病历",
	  "ménzhěn bìnglì" },
	{ "lab_report", "Lab report", "检验报告", "jiǎnyàn bàogào" },
	{ "imaging_report", "Imaging report", "影像报告", "yǐngxiàng bàogào" },
	{ "imaging_files", "Imaging files (DICOM)", "影像资料",
	  "yǐngxiàng zīliào" },
	{ "discharge_summary", "Discharge summary", "出院小结",
	  "chūyuàn xiǎojié" },
	{ "operative_note", "Operative note", "手术记录", "shǒushù jìlù" },
	{ "pathology_report", "Pathology report", "病理报告", "bìnglǐ bàogào" },
	{ "prescription", "Prescription", "处方", "chǔfāng" },
	{ "discharge_medication", "Discharge medication list", "出院带药清单",
	  "chūyuàn dàiyào qīngdān" },
	{ "expense_list", "Itemized expense list", "费用清单",
	  "fèiyòng qīngdān" },
	{ "fapiao", "Official invoice / receipt", "发票", "fāpiào" },
	{ "diagnosis_certificate", "Diagnosis certificate (sick leave)",
	  "诊断证明书", "zhěnduàn zhèngmíngshū" },
	{ "medical_record_copy", "Copied full medical record", "病案复印件",
	  "bìng'àn fùyìnjiàn" },
	{ "translation", "Translation of another document", "翻译件",
	  "fānyìjiàn" },
	{ "claim_form", "Insurer's claim form", "理赔申请表",
	  "lǐpéi shēnqǐngbiǎo" },
	{ "payment_proof", "Proof of payment (card, bank, WeChat/Alipay)",
	  "支付凭证", "zhīfù píngzhèng" },
};

size_t
cp_doctype_count(void)
{
	return sizeof(doctypes) / sizeof(doctypes[0]);
}

const cp_doctype *
cp_doctype_at(size_t i)
{
	return i < cp_doctype_count() ? &doctypes[i] : NULL;
}

const cp_doctype *
cp_doctype_find(const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < cp_doctype_count(); i++)
		if (strcmp(doctypes[i].key, key) == 0)
			return &doctypes[i];
	return NULL;
}

int
cp__doctype_index(const char *key)
{
	const cp_doctype *t = cp_doctype_find(key);

	return t != NULL ? (int)(t - doctypes) : -1;
}

bool
cp__doctype_dated(size_t type)
{
	return type != CP__DT_IMAGING_FILES;
}

bool
cp__doctype_needs_amount(size_t type)
{
	return type == CP__DT_FAPIAO || type == CP__DT_EXPENSE_LIST;
}

bool
cp__doctype_from_hospital(size_t type)
{
	return type != CP__DT_TRANSLATION && type != CP__DT_CLAIM_FORM &&
	    type != CP__DT_PAYMENT_PROOF;
}

/*
 * Words people write for a paper instead of its key, in the form
 * normalize() gives them (lower case, '_' for spaces and hyphens), with
 * the types they mean: the first, and a second when the word may mean
 * either.
 */
static const struct {
	const char *word;
	int type, other;
} type_words[] = {
	{ "receipt", CP__DT_FAPIAO, -1 },
	{ "receipts", CP__DT_FAPIAO, -1 },
	{ "invoice", CP__DT_FAPIAO, -1 },
	{ "invoices", CP__DT_FAPIAO, -1 },
	{ "fapiao_receipt", CP__DT_FAPIAO, -1 },
	{ "official_receipt", CP__DT_FAPIAO, -1 },
	{ "medical_receipt", CP__DT_FAPIAO, -1 },
	{ "e_invoice", CP__DT_FAPIAO, -1 },
	{ "einvoice", CP__DT_FAPIAO, -1 },
	{ "vat_invoice", CP__DT_FAPIAO, -1 },
	{ "\xe6\x94\xb6\xe6\x8d\xae", CP__DT_FAPIAO, -1 },                /* 收据 */
	{ "\xe7\xa5\xa8\xe6\x8d\xae", CP__DT_FAPIAO, -1 },                /* 票据 */
	{ "bill", CP__DT_FAPIAO, CP__DT_EXPENSE_LIST },
	{ "bills", CP__DT_FAPIAO, CP__DT_EXPENSE_LIST },
	{ "expenses", CP__DT_EXPENSE_LIST, -1 },
	{ "expense", CP__DT_EXPENSE_LIST, -1 },
	{ "itemized_list", CP__DT_EXPENSE_LIST, -1 },
	{ "itemised_list", CP__DT_EXPENSE_LIST, -1 },
	{ "itemized_bill", CP__DT_EXPENSE_LIST, -1 },
	{ "itemised_bill", CP__DT_EXPENSE_LIST, -1 },
	{ "cost_list", CP__DT_EXPENSE_LIST, -1 },
	{ "\xe6\xb8\x85\xe5\x8d\x95", CP__DT_EXPENSE_LIST, -1 },          /* 清单 */
	{ "lab", CP__DT_LAB_REPORT, -1 },
	{ "labs", CP__DT_LAB_REPORT, -1 },
	{ "lab_test", CP__DT_LAB_REPORT, -1 },
	{ "lab_result", CP__DT_LAB_REPORT, -1 },
	{ "lab_results", CP__DT_LAB_REPORT, -1 },
	{ "laboratory", CP__DT_LAB_REPORT, -1 },
	{ "blood_test", CP__DT_LAB_REPORT, -1 },
	{ "blood_tests", CP__DT_LAB_REPORT, -1 },
	{ "test_report", CP__DT_LAB_REPORT, -1 },
	{ "\xe5\x8c\x96\xe9\xaa\x8c\xe5\x8d\x95", CP__DT_LAB_REPORT, -1 },  /* 化验单 */
	{ "xray", CP__DT_IMAGING_REPORT, -1 },
	{ "x_ray", CP__DT_IMAGING_REPORT, -1 },
	{ "ct", CP__DT_IMAGING_REPORT, -1 },
	{ "ct_report", CP__DT_IMAGING_REPORT, -1 },
	{ "mri", CP__DT_IMAGING_REPORT, -1 },
	{ "mri_report", CP__DT_IMAGING_REPORT, -1 },
	{ "ultrasound", CP__DT_IMAGING_REPORT, -1 },
	{ "radiology", CP__DT_IMAGING_REPORT, -1 },
	{ "radiology_report", CP__DT_IMAGING_REPORT, -1 },
	{ "imaging", CP__DT_IMAGING_REPORT, -1 },
	{ "dicom", CP__DT_IMAGING_FILES, -1 },
	{ "images", CP__DT_IMAGING_FILES, -1 },
	{ "discharge", CP__DT_DISCHARGE_SUMMARY, -1 },
	{ "discharge_letter", CP__DT_DISCHARGE_SUMMARY, -1 },
	{ "discharge_note", CP__DT_DISCHARGE_SUMMARY, -1 },
	{ "discharge_record", CP__DT_DISCHARGE_SUMMARY, -1 },
	{ "\xe5\x87\xba\xe9\x99\xa2\xe8\xae\xb0\xe5\xbd\x95",             /* 出院记录 */
	  CP__DT_DISCHARGE_SUMMARY, -1 },
	{ "surgery", CP__DT_OPERATIVE_NOTE, -1 },
	{ "operation", CP__DT_OPERATIVE_NOTE, -1 },
	{ "operation_note", CP__DT_OPERATIVE_NOTE, -1 },
	{ "operation_record", CP__DT_OPERATIVE_NOTE, -1 },
	{ "surgical_report", CP__DT_OPERATIVE_NOTE, -1 },
	{ "pathology", CP__DT_PATHOLOGY_REPORT, -1 },
	{ "biopsy", CP__DT_PATHOLOGY_REPORT, -1 },
	{ "medication", CP__DT_PRESCRIPTION, -1 },
	{ "medications", CP__DT_PRESCRIPTION, -1 },
	{ "medicine", CP__DT_PRESCRIPTION, -1 },
	{ "rx", CP__DT_PRESCRIPTION, -1 },
	{ "outpatient", CP__DT_OUTPATIENT_RECORD, -1 },
	{ "clinic_record", CP__DT_OUTPATIENT_RECORD, -1 },
	{ "medical_record", CP__DT_OUTPATIENT_RECORD, -1 },
	{ "\xe7\x97\x85\xe5\x8e\x86", CP__DT_OUTPATIENT_RECORD, -1 },     /* 病历 */
	{ "certificate", CP__DT_DIAGNOSIS_CERTIFICATE, -1 },
	{ "medical_certificate", CP__DT_DIAGNOSIS_CERTIFICATE, -1 },
	{ "sick_note", CP__DT_DIAGNOSIS_CERTIFICATE, -1 },
	{ "sick_leave", CP__DT_DIAGNOSIS_CERTIFICATE, -1 },
	{ "diagnosis", CP__DT_DIAGNOSIS_CERTIFICATE, -1 },
	{ "medical_records", CP__DT_MEDICAL_RECORD_COPY, -1 },
	{ "record_copy", CP__DT_MEDICAL_RECORD_COPY, -1 },
	{ "translated", CP__DT_TRANSLATION, -1 },
	{ "\xe7\xbf\xbb\xe8\xaf\x91", CP__DT_TRANSLATION, -1 },           /* 翻译 */
	{ "claim", CP__DT_CLAIM_FORM, -1 },
	{ "form", CP__DT_CLAIM_FORM, -1 },
	{ "payment", CP__DT_PAYMENT_PROOF, -1 },
	{ "payment_receipt", CP__DT_PAYMENT_PROOF, -1 },
	{ "card_slip", CP__DT_PAYMENT_PROOF, -1 },
	{ "bank_statement", CP__DT_PAYMENT_PROOF, -1 },
	{ "wechat", CP__DT_PAYMENT_PROOF, -1 },
	{ "alipay", CP__DT_PAYMENT_PROOF, -1 },
};

/* `typed` in lower case, spaces and hyphens as '_', into buf; false
 * when it does not fit (no word or key is that long). */
static bool
normalize(const char *typed, char *buf, size_t size)
{
	size_t o = 0;
	char c;

	while (*typed == ' ')
		typed++;
	for (; *typed != '\0'; typed++) {
		c = *typed;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == ' ' || c == '-')
			c = '_';
		if (o + 1 >= size)
			return false;
		buf[o++] = c;
	}
	while (o > 0 && buf[o - 1] == '_')
		o--;
	buf[o] = '\0';
	return true;
}

size_t
cp__doctype_suggest(const char *typed, size_t out[2])
{
	const char *keys[sizeof(doctypes) / sizeof(doctypes[0])], *near;
	char word[64];
	size_t i, n = cp_doctype_count();

	if (typed == NULL || !normalize(typed, word, sizeof(word)))
		return 0;
	for (i = 0; i < n; i++) {
		if (strcmp(doctypes[i].key, word) == 0 ||
		    strcmp(doctypes[i].zh, word) == 0) {
			out[0] = i;
			return 1;
		}
		keys[i] = doctypes[i].key;
	}
	for (i = 0; i < sizeof(type_words) / sizeof(type_words[0]); i++) {
		if (strcmp(type_words[i].word, word) != 0)
			continue;
		out[0] = (size_t)type_words[i].type;
		if (type_words[i].other < 0)
			return 1;
		out[1] = (size_t)type_words[i].other;
		return 2;
	}
	if ((near = cp__suggest_word(word, keys, n)) == NULL)
		return 0;
	out[0] = (size_t)cp__doctype_index(near);
	return 1;
}
