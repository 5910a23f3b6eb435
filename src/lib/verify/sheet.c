/* sheet.c - what a person types at the official platforms. */
#include <stdio.h>
#include <stdlib.h>

#include "manifest/amount.h"
#include "manifest/claim.h"
#include "manifest/doctype.h"
#include "manifest/invoice_qr.h"
#include "read/papers.h"
#include "util/error.h"
#include "util/strbuf.h"

int
cp_verify_sheet(char **out, const cp_claim *claim, cp_error *err)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	cp__invoice_help help;
	const char *read_qr;
	char money[64];
	size_t d, n = 0;

	*out = NULL;
	cp__strbuf_printf(&sb, "Invoice verification sheet: %s%s%s\n",
	    claim->patient_name != NULL ? claim->patient_name :
	    "(the patient's name is not in the manifest)",
	    claim->reference ? ", claim " : "",
	    claim->reference ? claim->reference : "");
	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];

		if (doc->type != CP__DT_FAPIAO)
			continue;
		n++;
		if (doc->has_amount)
			cp__money(money, sizeof(money), claim->currency,
			    doc->amount);
		else
			snprintf(money, sizeof(money), "(amount not in the "
			    "manifest)");
		if (doc->invoice.number == NULL) {
			cp__strbuf_printf(&sb, "\n%s  %s\n  no invoice number in "
			    "the manifest: add invoice.code and invoice.number "
			    "from the paper\n", doc->id, money);
			continue;
		}
		/* The paper's own QR text (read off it), else the typed
		 * invoice.qr or verify_url; never a composed text. */
		if (cp__claim_read_qr(&read_qr, claim, d) < 0 ||
		    cp__invoice_help_make(&help, doc, read_qr) != 0) {
			cp__strbuf_free(&sb);
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		}
		cp__strbuf_printf(&sb, "\n%s  %s %s  %s\n", doc->id,
		    help.kind_en, help.kind_zh, money);
		cp__strbuf_printf(&sb, "  at    %s\n        %s %s\n",
		    help.platform_url, help.platform_en, help.platform_zh);
		cp__strbuf_printf(&sb, "  type  %s\n", help.fields);
		if (help.qr != NULL)
			cp__strbuf_printf(&sb, "  QR    %s\n", help.qr);
		cp__invoice_help_clear(&help);
	}
	if (n == 0)
		cp__strbuf_puts(&sb, "\nThe claim lists no fapiao.\n");
	if ((*out = cp__strbuf_detach(&sb)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}
