/* manifest_json.c - the manifest as JSON, to attach to a bundle. */
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/claim.h"
#include "manifest/manifest_json.h"

char *
cp__manifest_json(const cp_claim *claim)
{
	struct fy_parse_cfg cfg;
	struct fy_document *doc;
	char *json;

	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2;
	/* The text was validated by cp_claim_load: it parses again. */
	doc = fy_document_build_from_string(&cfg, claim->manifest_text,
	    claim->manifest_len);
	if (doc == NULL)
		return NULL;
	json = fy_emit_document_to_string(doc, FYECF_MODE_JSON |
	    FYECF_INDENT_2);
	fy_document_destroy(doc);
	return json;
}
