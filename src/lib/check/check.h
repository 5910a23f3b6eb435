/* check.h - the check families that cp_check_run runs.  Private. */
#ifndef CP_CHECK_H
#define CP_CHECK_H

#include "canvas/font.h"
#include "check/report.h"
#include "manifest/claim.h"
#include "manifest/template.h"

/* Each adds its findings to `report` and returns CP_OK or CP_ENOMEM. */
/* fact-missing: what a drafted manifest leaves out (check/facts.c).  The
 * other checks skip a fact that is not given, so that it is named once. */
int cp__check_facts(cp_report *report, const cp_claim *claim);
/* `font`: the bundle's fonts (NULL when not installed), which the OFD
 * and glyph checks ask what the bundle prints. */
int cp__check_files(cp_report *report, const cp_claim *claim,
    const cp__font *font);
int cp__check_names(cp_report *report, const cp_claim *claim);
int cp__check_dates(cp_report *report, const cp_claim *claim,
    const cp_template *tpl);
int cp__check_totals(cp_report *report, const cp_claim *claim);
int cp__check_invoices(cp_report *report, const cp_claim *claim);
int cp__check_completeness(cp_report *report, const cp_claim *claim,
    const cp_template *tpl);
/* invoice-read-mismatch, name-read-mismatch: the typed facts against
 * those read off the papers (check/papers.c). */
int cp__check_papers(cp_report *report, const cp_claim *claim);
/* ofd-broken, ofd-partial, ofd-signed: the OFD file `file` (at `path`)
 * of document `d`, walked as the bundle draws it, its characters asked
 * of `font` (NULL: not asked) (check/ofd.c). */
int cp__check_ofd(cp_report *report, size_t d, const cp__document *doc,
    const char *file, const char *path, const cp__font *font);
/* imaging-name-mismatch, imaging-several-patients,
 * imaging-date-outside-episode, imaging-unreadable, imaging-incomplete:
 * the DICOM headers of imaging_files (check/imaging.c). */
int cp__check_imaging(cp_report *report, const cp_claim *claim,
    const cp_template *tpl);
/* glyph-missing: text the bundle's fonts cannot print (check/glyphs.c). */
int cp__check_glyphs(cp_report *report, const cp_claim *claim,
    const cp__font *font);

#endif
