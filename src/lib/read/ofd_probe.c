/* ofd_probe.c - is it an OFD, and does it carry signature data (see
 * ofd_probe.h). */
#include "read/ofd_probe.h"

#include <string.h>

#include "read/ofd_int.h"
#include "read/xml_int.h"

/* Whether the Signatures file `path` of the package lists a Signature.
 * Returns 1 or 0, or -1 when out of memory. */
static int
lists_signature(cp__ofd_zip *z, const char *path)
{
	char why[256];
	xmlDoc *list;
	int rc;

	if ((rc = cp__ofd_zip_read_xml(z, path, &list, why, sizeof(why))) != 0)
		return rc < 0 ? -1 : 0;
	rc = cp__xml_child(xmlDocGetRootElement(list), "Signature") != NULL;
	xmlFreeDoc(list);
	return rc;
}

int
cp__ofd_probe(cp__ofd_probe_result *out, const char *path)
{
	char why[256], sigs[CP__OFD_PATH_MAX];
	const xmlNode *body;
	cp__ofd_zip *z;
	xmlDoc *root;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cp__ofd_zip_open_file(&z, path, why, sizeof(why))) != 0)
		return rc < 0 ? -1 : 0;
	out->ofd = cp__ofd_zip_has(z, "OFD.xml");
	rc = 0;
	if (out->ofd && (rc = cp__ofd_zip_read_xml(z, "OFD.xml", &root, why,
	    sizeof(why))) == 0) {
		/* The first document: the one claimpack reads and draws. */
		body = cp__xml_child(xmlDocGetRootElement(root), "DocBody");
		rc = cp__ofd_path_of(sigs, "OFD.xml", cp__xml_child(body,
		    "Signatures"));
		if (rc == 0 && (rc = lists_signature(z, sigs)) > 0)
			out->is_signed = true;
		xmlFreeDoc(root);
	}
	cp__ofd_zip_close(z);
	return rc < 0 ? -1 : 0;
}
