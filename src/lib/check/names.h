/* names.h - which papers' names the patient should have corrected, by
 * the rules of the name checks (check/names.c), for the request slip
 * (bundle/request_plan.c).  Private. */
#ifndef CP_CHECK_NAMES_H
#define CP_CHECK_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "manifest/claim.h"

/*
 * True when the name printed on document `d` of `claim` should be
 * corrected to the passport name by whoever issued the paper: the name
 * checks find it is not the passport name (name-mismatch, in Latin
 * letters or in Chinese characters that are not one of patient.aliases)
 * or leaves part of it out (name-partial).  False for a name that is the
 * passport name, one of the aliases or the passport name transliterated,
 * and when either name is not given.
 */
bool cp__name_to_correct(const cp_claim *claim, size_t d);

#endif
