/* names.c - the name on each paper is the passport's:
 * name-mismatch, name-partial, name-alias, name-transliterated. */
#include "check/check.h"
#include "check/names.h"
#include "manifest/name.h"

/*
 * Whether the name printed on document `d` names the patient (*verdict;
 * *alias the alias it matches, if any); false when it cannot be told: a
 * name not given is fact-missing's to report, and a printed name cannot
 * be compared without the passport name.
 */
static bool
verdict_of(const cp_claim *claim, size_t d, cp__patient_name *verdict,
    const char **alias)
{
	const cp__document *doc = &claim->documents[d];

	if (doc->name == NULL || claim->patient_name == NULL)
		return false;
	*verdict = cp__name_is_patient(claim, doc->name, alias);
	return true;
}

bool
cp__name_to_correct(const cp_claim *claim, size_t d)
{
	cp__patient_name verdict;

	return verdict_of(claim, d, &verdict, NULL) &&
	    (verdict == CP__PATIENT_MISMATCH || verdict == CP__PATIENT_PARTIAL);
}

static int
check_document(cp_report *report, const cp_claim *claim, size_t d)
{
	const cp__document *doc = &claim->documents[d];
	const char *file = cp__document_file(doc), *alias;
	cp__patient_name verdict;

	if (!verdict_of(claim, d, &verdict, &alias))
		return CP_OK;
	switch (verdict) {
	case CP__PATIENT_MATCH:
		return CP_OK;
	case CP__PATIENT_ALIAS:
		return cp__report_add(report, d, "name-alias",
		    doc->id, file, "the name \"%s\" on "
		    "document %s matches the alias \"%s\" of the passport "
		    "name \"%s\"; the cover sheet lists the aliases for the "
		    "reviewer", doc->name, doc->id, alias, claim->patient_name);
	case CP__PATIENT_TRANSLITERATED:
		return cp__report_add(report, d, "name-transliterated",
		    doc->id, file, "the name \"%s\" on document %s is the "
		    "passport name \"%s\" transliterated (as a passport's "
		    "machine-readable zone writes it, or without its "
		    "accents); this is fine: the cover sheet shows both "
		    "spellings to the reviewer", doc->name, doc->id,
		    claim->patient_name);
	case CP__PATIENT_PARTIAL:
		return cp__report_add(report, d, "name-partial",
		    doc->id, file, "the name \"%s\" on "
		    "document %s leaves out part of the passport name \"%s\"; "
		    "reviewers may ask why: if the hospital always writes it "
		    "so, add \"%s\" to patient.aliases", doc->name, doc->id,
		    claim->patient_name, doc->name);
	case CP__PATIENT_MISMATCH:
		break;
	}
	if (cp__name_has_cjk(doc->name))
		return cp__report_add(report, d, "name-mismatch",
		    doc->id, file, "the name \"%s\" on "
		    "document %s is in Chinese characters and is not one of "
		    "patient.aliases; if it is the patient's Chinese name, "
		    "add it there so that it matches the passport name "
		    "\"%s\"", doc->name, doc->id, claim->patient_name);
	return cp__report_add(report, d, "name-mismatch",
	    doc->id, file, "the name \"%s\" on document %s does not match "
	    "the passport name \"%s\"; correct the manifest if it was "
	    "mistyped, ask the hospital to correct the paper, or add the "
	    "spelling to patient.aliases if it is the patient's", doc->name,
	    doc->id, claim->patient_name);
}

int
cp__check_names(cp_report *report, const cp_claim *claim)
{
	size_t d;
	int rc;

	for (d = 0; d < claim->ndocuments; d++)
		if ((rc = check_document(report, claim, d)) != CP_OK)
			return rc;
	return CP_OK;
}
