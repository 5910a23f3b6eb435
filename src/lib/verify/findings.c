/* findings.c - cp_verify_check: what the stored results say about each
 * fapiao of the claim, as findings beside the check report (invalid,
 * not found, mismatch, unreachable, stale, unverified). */
#include <stdio.h>
#include <string.h>

#include "check/report.h"
#include "manifest/doctype.h"
#include "util/error.h"
#include "verify/verify_int.h"

/* "044001500111 / 81966722", or the number alone. */
static const char *
invoice_label(char *buf, size_t size, const cp__document *doc)
{
	const cp__invoice *inv = &doc->invoice;

	snprintf(buf, size, "%s%s%s", inv->code ? inv->code : "",
	    inv->code && inv->code[0] ? " / " : "",
	    inv->number ? inv->number : "");
	return buf;
}

/* ": <message>" when the result has a message, else "". */
static const char *
colon(const char *message)
{
	return message[0] ? ": " : "";
}

static int
check_one(cp_report *report, const cp_claim *claim, size_t d,
    const cp_verification *v, int require_verified)
{
	const cp__document *doc = &claim->documents[d];
	const char *file = cp__document_file(doc), *why = NULL;
	const cp_verify_result *r = cp_verification_find(v, doc->id);
	char fields[65], label[128];
	int rc = CP_OK;

	invoice_label(label, sizeof(label), doc);
	if (r == NULL) {
		why = doc->invoice.number == NULL ? "it has no invoice number to "
		    "look up; add invoice.number from the paper" : "there is "
		    "no verification result for it; run claimpack verify";
	} else if ((rc = cp_invoice_fields_sha256(fields, claim, doc->id)) !=
	    CP_OK) {
		return rc;
	} else if (strcmp(fields, r->fields_sha256) != 0) {
		rc = cp__report_add(report, d, "invoice-verify-stale",
		    doc->id, file, "fapiao %s was edited "
		    "after it was verified on %s; run claimpack verify again",
		    doc->id, r->checked_at);
		why = "its verification result is stale; run claimpack verify "
		    "again";
	} else {
		switch (r->status) {
		case CP_VERIFY_VALID:
			break;
		case CP_VERIFY_INVALID:
			rc = cp__report_add(report, d, "invoice-invalid",
			    doc->id, file, "fapiao %s: the "
			    "verification service (%s) says invoice %s is not "
			    "valid%s%s; ask the hospital for a valid fapiao",
			    doc->id, r->host, label, colon(r->message),
			    r->message);
			break;
		case CP_VERIFY_NOT_FOUND:
			rc = cp__report_add(report, d, "invoice-not-found",
			    doc->id, file, "fapiao %s: the "
			    "verification service (%s) does not know invoice "
			    "%s%s%s; compare the code, number, date and amount "
			    "with the paper", doc->id, r->host, label,
			    colon(r->message), r->message);
			break;
		case CP_VERIFY_MISMATCH:
			rc = cp__report_add(report, d, "invoice-verify-mismatch",
			    doc->id, file, "fapiao %s: %s; "
			    "correct the manifest, or ask the hospital why the "
			    "invoice differs", doc->id, r->message);
			break;
		case CP_VERIFY_UNREACHABLE:
		case CP_VERIFY_BAD_RESPONSE:
		case CP_VERIFY_FETCHED:
			rc = cp__report_add(report, d, "invoice-unreachable",
			    doc->id, file, "fapiao %s could "
			    "not be verified on %s: %s; run claimpack verify "
			    "again later", doc->id, r->checked_at,
			    r->message[0] ? r->message : r->status ==
			    CP_VERIFY_UNREACHABLE ? "the service did not answer" :
			    "the service's answer was not usable");
			why = r->status == CP_VERIFY_UNREACHABLE ? "the service "
			    "did not answer" : "the service's answer was not "
			    "usable";
			break;
		}
	}
	if (rc == CP_OK && why != NULL && require_verified)
		rc = cp__report_add(report, d, "invoice-unverified",
		    doc->id, file, "fapiao %s is not "
		    "verified: %s", doc->id, why);
	return rc;
}

static int
verify_check(cp_report **out, const cp_claim *claim,
    const cp_verification *v, int require_verified, cp_error *err)
{
	cp_report *report;
	size_t d;
	int rc;

	*out = NULL;
	if (claim == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verify_check needs a claim");
	if ((report = cp__report_new()) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (d = 0; d < claim->ndocuments; d++) {
		if (claim->documents[d].type != CP__DT_FAPIAO)
			continue;
		if ((rc = check_one(report, claim, d, v, require_verified)) !=
		    CP_OK) {
			cp_report_free(report);
			return cp__error_set(err, rc, NULL, 0, 0,
			    "out of memory");
		}
	}
	cp__report_sort(report);
	*out = report;
	return CP_OK;
}

/* The claim's files are opened once for the whole call (util/infile.h). */
int
cp_verify_check(cp_report **out, const cp_claim *claim,
    const cp_verification *v, int require_verified, cp_error *err)
{
	cp__infiles *prev = cp__claim_files_use(claim);
	int rc = verify_check(out, claim, v, require_verified, err);

	cp__infiles_use(prev);
	return rc;
}
