/* split.c - which part of a split bundle holds each document. */
#include <stdio.h>
#include <sys/stat.h>

#include "bundle/bundle.h"
#include "util/error.h"

/* What the cover, index and font add to each part, and each stamped
 * page, over the documents' own bytes: measured on bundles, rounded up. */
#define PART_OVERHEAD 200000u
#define PAGE_OVERHEAD 2000u

static uint64_t
doc_bytes(const cp__plan_doc *pd)
{
	struct stat st;
	uint64_t sum = (uint64_t)pd->pages * PAGE_OVERHEAD;
	size_t f;

	for (f = 0; f < pd->nfiles; f++)
		if (stat(pd->files[f].path, &st) == 0)
			sum += (uint64_t)st.st_size;
	return sum;
}

int
cp__split_assign(cp__plan *plan, uint64_t part_size, cp_error *err)
{
	uint64_t budget, used = 0, bytes;
	size_t d, part = 1, in_part = 0;

	if (part_size <= PART_OVERHEAD)
		return cp__error_set(err, CP_ETOOBIG, NULL, 0, 0, "a part of "
		    "%llu bytes cannot even hold a cover and index; give at "
		    "least 300K", (unsigned long long)part_size);
	budget = part_size - PART_OVERHEAD;
	for (d = 0; d < plan->ndocs; d++) {
		cp__plan_doc *pd = &plan->docs[d];

		bytes = doc_bytes(pd);
		if (bytes > budget)
			return cp__error_set(err, CP_ETOOBIG, NULL, 0, 0,
			    "document #%zu %s (%s) is %.1f MB, more than fits "
			    "in a part of %.1f MB: split its files, shrink its "
			    "photos with --max-size, or choose larger parts",
			    pd->number, cp__plan_doc_label(plan, pd),
			    plan->claim->documents[pd->doc].id,
			    (double)bytes / 1e6, (double)part_size / 1e6);
		/* Only between documents: a new part when this one does
		 * not fit in what is left. */
		if (in_part > 0 && used + bytes > budget) {
			part++;
			used = 0;
			in_part = 0;
		}
		pd->part = part;
		used += bytes;
		in_part++;
	}
	return (int)part;
}
