/* report.h - collecting findings into a cp_report.  Private. */
#ifndef CP_REPORT_H
#define CP_REPORT_H

#include <stddef.h>

#include "claimpack.h"

/* Where a finding sorts: by document index; episode- and claim-wide
 * findings come after the documents of the same severity. */
#define CP__ORDER_EPISODE(claim, i) ((claim)->ndocuments + (i))

struct cp_report;

cp_report *cp__report_new(void);

/*
 * Adds a finding of the check `check`, with the severity the registry
 * (check/registry.h) gives it.  `order` places it among findings of the
 * same severity (a document's index, or CP__ORDER_EPISODE).  `document`
 * and `file` may be NULL.  Returns CP_OK, CP_EINVAL when `check` is not
 * in the registry, or CP_ENOMEM; the report stays usable either way.
 */
int cp__report_add(cp_report *report, size_t order, const char *check,
    const char *document, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Sorts the findings by severity, then order, then insertion. */
void cp__report_sort(cp_report *report);

#endif
