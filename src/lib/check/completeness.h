/* completeness.h - what an episode lacks, by the rules of the
 * completeness checks (check/completeness.c): the one place those rules
 * live, for the checks that report it and the request slip that asks
 * the hospital for it (bundle/request_plan.c).  Private. */
#ifndef CP_COMPLETENESS_H
#define CP_COMPLETENESS_H

#include <stddef.h>

#include "manifest/claim.h"
#include "manifest/template.h"

/* Why an episode lacks a paper, as the finding that says so. */
typedef enum {
	CP__LACK_REQUIRED,      /* required-missing: the template requires it */
	CP__LACK_RECOMMENDED,   /* recommended-missing: the template
	                           recommends it */
	CP__LACK_IMAGING_PAIR   /* imaging-unpaired: the other half of an
	                           imaging report and its image files */
} cp__lack_kind;

/* One paper an episode lacks: any one of the types of `any_of` would do. */
typedef struct {
	cp__lack_kind kind;
	cp__typeset any_of;
} cp__lack;

/* The most lacks one episode can have: every entry of a required and a
 * recommended list (a template lists at most one per type), and one half
 * of the imaging pair. */
#define CP__LACKS_MAX (2 * 32 + 1)

/*
 * The papers episode `e` of `claim` lacks under `tpl`, in the order the
 * checks report them: the entries of the template's required list for
 * the episode's kind that no document of the episode meets, then those
 * of its recommended list, then the imaging files of an episode with an
 * imaging report but none (or the report of one with image files but no
 * report).  Fills `out` and returns how many; allocates nothing.
 */
size_t cp__episode_lacks(const cp_claim *claim, const cp_template *tpl,
    size_t e, cp__lack out[CP__LACKS_MAX]);

#endif
