/* split.c - which part of a split bundle holds each document. */
#include "bundle/split.h"
#include "util/error.h"

int
cp__split_assign(size_t *part_of, const cp__plan *plan,
    const uint64_t *doc_bytes, uint64_t part_size, cp_error *err)
{
	uint64_t budget, used = 0, bytes;
	size_t d, part = 1, in_part = 0;

	if (part_size <= CP__PART_OVERHEAD)
		return cp__error_set(err, CP_ETOOBIG, NULL, 0, 0, "a part of "
		    "%llu bytes cannot even hold a cover and index; give at "
		    "least 300K", (unsigned long long)part_size);
	budget = part_size - CP__PART_OVERHEAD;
	for (d = 0; d < plan->ndocs; d++) {
		const cp__plan_doc *pd = &plan->docs[d];

		bytes = (doc_bytes != NULL ? doc_bytes[d] : pd->bytes) +
		    (uint64_t)pd->pages * CP__PAGE_OVERHEAD;
		if (bytes > budget)
			return cp__error_set(err, CP_ETOOBIG, NULL, 0, 0,
			    "document #%zu %s (%s) is %.1f MB, more than fits "
			    "in a part of %.1f MB: split its files, shrink its "
			    "photos with --max-size, or choose larger parts",
			    pd->number, cp__plan_doc_label(plan, d),
			    cp__plan_document(plan, d)->id,
			    (double)bytes / 1e6, (double)part_size / 1e6);
		/* Only between documents: a new part when this one does
		 * not fit in what is left. */
		if (in_part > 0 && used + bytes > budget) {
			part++;
			used = 0;
			in_part = 0;
		}
		part_of[d] = part;
		used += bytes;
		in_part++;
	}
	return (int)part;
}
