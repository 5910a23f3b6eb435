/* phrase.h - what the cover, the index and the build summary say the
 * same way: counts with their nouns, and an episode's dates. */
#ifndef CP_PHRASE_H
#define CP_PHRASE_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle/plan.h"
#include "manifest/claim.h"

/*
 * "1 document", "7 documents", "1,204 images": `n` with thousands
 * separated by commas and the noun `one` or `many` as `n` asks, into
 * `buf` (`size` bytes, cut when too small).  Returns `buf`.
 */
char *cp__count(char *buf, size_t size, size_t n, const char *one,
    const char *many);

/*
 * When episode `ep` was: "2026-10-03 to 2026-10-09", or one date for a
 * visit of one day; a start not given (fact-missing) is said so
 * ("not given 未填 to 2026-10-09").  Into `buf`; returns `buf`.
 */
char *cp__episode_dates(char *buf, size_t size, const cp__episode *ep);

/* An episode's kind as the bundle's pages name it: "Inpatient",
 * "Emergency", "Outpatient"; and in Chinese, 住院, 急诊, 门诊. */
const char *cp__episode_kind_en(cp__episode_kind kind);
const char *cp__episode_kind_zh(cp__episode_kind kind);

/*
 * What finding `fd` is about, as a claims handler finds it in the
 * bundle: "#3 Lab report" for a document, "Inpatient 2026-10-03 to
 * 2026-10-09: Example Union Hospital" for an episode, "The claim" for the rest.
 * Into `buf`; returns `buf`.
 */
char *cp__finding_subject(char *buf, size_t size, const cp__plan *plan,
    const cp_finding *fd);

/*
 * How the stored verification result of fapiao `doc` reads, when `v`
 * holds one that is still about the invoice as the manifest now
 * describes it: "verified valid · 2026-11-26 08:12 UTC · via
 * check.example.com" (*good true), "checked: invalid · ..." (*good
 * false), into `buf`.  False when there is none (`v` NULL, no result,
 * or one about fields edited since: *stale true then).
 */
bool cp__verified_phrase(char *buf, size_t size, const cp_verification *v,
    const cp_claim *claim, const cp__document *doc, bool *good,
    bool *stale);

#endif
