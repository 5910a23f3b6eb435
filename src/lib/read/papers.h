/* papers.h - the facts read off a claim's files, read once per claim
 * and kept with it.  Private. */
#ifndef CP_PAPERS_H
#define CP_PAPERS_H

#include <stddef.h>

#include "claimpack.h"
#include "input/imaging.h"
#include "manifest/claim.h"
#include "read/facts.h"

/*
 * The facts read off file `f` of document `d` of `claim`, reading it
 * (what `flags` asks, see read/read.h) the first time it is asked for,
 * or again with more flags; later calls return what was kept with the
 * claim.  *out is NULL when the claim keeps nothing (a claim not made by
 * cp_claim_load).  Returns 0, or -1 when out of memory.
 */
int cp__claim_paper(const cp__paper_facts **out, const cp_claim *claim, size_t d,
    size_t f, unsigned flags);

/*
 * The exact text of the invoice QR code printed on document `d`'s
 * papers (the first of its files that has one; e-invoice data that
 * holds the QR text counts), reading them for QR codes when that was not
 * done yet.  *out is NULL when none has one.  Returns 0, or -1 when out
 * of memory.
 */
int cp__claim_read_qr(const char **out, const cp_claim *claim, size_t d);

/*
 * What the imaging folder (or file) `f` of document `d` holds
 * (input/imaging.h), read the first time it is asked for and kept with
 * the claim, so that check, the index and the cover read a CD once.
 * *out is NULL when the claim keeps nothing.  Returns CP_OK; CP_EIO
 * (err says why; asked again, it is read again) or CP_ENOMEM.
 */
int cp__claim_imaging(const cp__imaging **out, const cp_claim *claim,
    size_t d, size_t f, cp_error *err);

#endif
