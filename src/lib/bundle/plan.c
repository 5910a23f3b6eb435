/* plan.c - what the plan says of its documents. */
#include "bundle/bundle.h"

const char *
cp__plan_doc_label(const cp__plan *plan, const cp__plan_doc *pd)
{
	return cp_doctype_at(plan->claim->documents[pd->doc].type)->en;
}
