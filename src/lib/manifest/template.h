/* template.h - what a bundle template says.  Private. */
#ifndef CP_TEMPLATE_H
#define CP_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "manifest/claim.h"

/* A set of document types as bits (1u << type index). */
typedef uint32_t cp__typeset;

typedef struct {
	char *en;
	char *zh;
	cp__typeset types;
	size_t *order;      /* the types in the order the template lists them */
	size_t norder;
} cp__section;

/* A requirement is met by any one of its types. */
typedef struct {
	cp__typeset any_of;
} cp__requirement;

typedef struct {
	cp__requirement *items;
	size_t count;
} cp__requirement_list;

/*
 * A desk of the hospital where the patient asks for papers, and has the
 * name on them corrected (`claimpack request`): a template's `desks:`.
 */
typedef struct {
	char *key;          /* its key in `desks:`, e.g. "billing" */
	char *en;           /* "Billing desk" */
	char *zh;           /* "收费处" */
	cp__typeset types;  /* the types asked for there */
} cp__desk;

/* The desk that the types no desk lists go to; added (as the medical
 * records office, 病案室) when a template has none of this key. */
#define CP__DESK_FALLBACK "medical_records"

struct cp_template {
	char *name;
	char *source;           /* the file, or "built-in template NAME" */
	char *title_en;
	char *title_zh;
	unsigned grace_days;
	cp__typeset dated_after_stay;  /* may be dated any time after the end */
	cp__section *sections;  /* every type is in exactly one section; */
	size_t nsections;       /* the last may be "Other documents" */
	cp__requirement_list required[CP__EPISODE_KIND_COUNT];
	cp__requirement_list recommended[CP__EPISODE_KIND_COUNT];
	cp__desk *desks;        /* in the template's order; every type is */
	size_t ndesks;          /* at exactly one desk */
};

/* The desk at which a paper of type `type` (an index) is asked for;
 * never NULL. */
const cp__desk *cp__template_desk_of(const cp_template *tpl, size_t type);

#endif
