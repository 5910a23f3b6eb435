/* doctype.c - the table of document types and their labels. */
#include <string.h>

#include "claimpack.h"
#include "manifest/doctype.h"

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
