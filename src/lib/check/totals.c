/* totals.c - per episode, the receipts add up to the expense
 * lists, to the fen: total-mismatch. */
#include <stdbool.h>

#include "check/check.h"
#include "manifest/amount.h"
#include "manifest/doctype.h"

int
cp__check_totals(cp_report *report, const cp_claim *claim)
{
	char a[32], b[32], diff[32];
	int64_t fapiao, expenses;
	size_t e, d, nf, nx;
	bool unknown;
	int rc;

	for (e = 0; e < claim->nepisodes; e++) {
		fapiao = expenses = 0;
		nf = nx = 0;
		unknown = false;
		for (d = 0; d < claim->ndocuments; d++) {
			const cp__document *doc = &claim->documents[d];

			if (doc->episode != e)
				continue;
			if (doc->type != CP__DT_FAPIAO &&
			    doc->type != CP__DT_EXPENSE_LIST)
				continue;
			if (!doc->has_amount) {
				unknown = true;
				continue;
			}
			/* Amounts are at most CP__AMOUNT_MAX and documents
			 * at most a few ten thousand: no overflow. */
			if (doc->type == CP__DT_FAPIAO)
				fapiao += doc->amount, nf++;
			else
				expenses += doc->amount, nx++;
		}
		/* Without one side there is nothing to compare; the
		 * completeness checks report the missing paper.  A sum
		 * with an amount not given is not known: fact-missing names
		 * the amount, and the totals are compared once it is
		 * typed (not as if it were 0). */
		if (nf == 0 || nx == 0 || unknown || fapiao == expenses)
			continue;
		cp__amount_format(a, sizeof(a), fapiao);
		cp__amount_format(b, sizeof(b), expenses);
		cp__amount_format(diff, sizeof(diff), fapiao > expenses ?
		    fapiao - expenses : expenses - fapiao);
		if ((rc = cp__report_add(report, CP__ORDER_EPISODE(claim, e),
		    "total-mismatch", claim->episodes[e].id,
		    NULL, "episode %s: the fapiao total %s %s (%zu receipt%s) "
		    "differs from the expense list total %s %s (%zu list%s) "
		    "by %s %s; check each amount against the papers and look "
		    "for a missing receipt or list", claim->episodes[e].id, a,
		    claim->currency, nf, nf == 1 ? "" : "s", b,
		    claim->currency, nx, nx == 1 ? "" : "s", diff,
		    claim->currency)) != CP_OK)
			return rc;
	}
	return CP_OK;
}
