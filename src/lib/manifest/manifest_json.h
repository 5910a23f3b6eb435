/* manifest_json.h - the manifest as JSON. */
#ifndef CP_MANIFEST_JSON_H
#define CP_MANIFEST_JSON_H

#include "manifest/claim.h"

/* The claim's manifest converted to JSON (comments dropped, values as
 * written), in a new string the caller frees; NULL when out of memory. */
char *cp__manifest_json(const cp_claim *claim);

#endif
