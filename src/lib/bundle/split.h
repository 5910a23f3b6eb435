/* split.h - which part of a split bundle holds each document. */
#ifndef CP_SPLIT_H
#define CP_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "bundle/plan.h"

/* What the cover, index and font add to each part, and each stamped
 * page, over the documents' own bytes: measured on bundles, rounded up. */
#define CP__PART_OVERHEAD 200000u
#define CP__PAGE_OVERHEAD 2000u

/*
 * Assigns each document (bundle order) to a part of at most `part_size`
 * bytes, splitting only between documents and keeping their order:
 * part_of[d] receives the 1-based part of document d (`part_of` has
 * plan->ndocs entries).  A document's weight is its bytes (doc_bytes[d],
 * or the plan's plan->docs[d].bytes when `doc_bytes` is NULL) plus
 * CP__PAGE_OVERHEAD a page; each part has CP__PART_OVERHEAD less room.
 * Returns the number of parts, or CP_ETOOBIG (err naming the document,
 * or the part size when not even the cover fits).
 */
int cp__split_assign(size_t *part_of, const cp__plan *plan,
    const uint64_t *doc_bytes, uint64_t part_size, cp_error *err);

#endif
