/* registry.h - every finding id the library can produce, with its family,
 * severity and one line of documentation.  Private.
 *
 * The one place these are said: cp__report_add takes a finding's severity
 * from here and refuses ids that are not here, the cover sums findings up
 * by these families, and tests/test_registry.c fails when docs/checks.md
 * (their human form) says otherwise. */
#ifndef CP_REGISTRY_H
#define CP_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "claimpack.h"

/* A family of checks, as the cover sheet sums them up. */
typedef struct {
	const char *key;        /* "files", as docs/checks.md names it */
	const char *en, *zh;    /* the cover's label: "Files", "文件" */
	bool on_cover;          /* false only for families without errors */
} cp__registry_family;

/* One finding id. */
typedef struct {
	const char *id;         /* "image-broken" */
	const cp__registry_family *family;
	cp_severity severity;
	const char *doc;        /* docs/checks.md's "fires when", as written */
} cp__registry_check;

/* The finding id `id`, or NULL when the library does not produce it. */
const cp__registry_check *cp__registry_find(const char *id);

/* The i-th finding id, in docs/checks.md's order; NULL past the last. */
const cp__registry_check *cp__registry_at(size_t i);

/* The family `key`, or NULL. */
const cp__registry_family *cp__registry_family_find(const char *key);

/* The i-th family, those on the cover first and in the cover's order;
 * NULL past the last. */
const cp__registry_family *cp__registry_family_at(size_t i);

#endif
