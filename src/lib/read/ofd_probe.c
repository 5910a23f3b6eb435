/* ofd_probe.c - is it an OFD, and does it carry signature data (see
 * ofd_probe.h). */
#include "read/ofd_probe.h"

#include <string.h>

#include "read/ofd_int.h"

int
cp__ofd_probe(cp__ofd_probe_result *out, const char *path)
{
	char why[256], sigs[CP__OFD_PATH_MAX];
	cp__ofd_zip *z;
	xmlDoc *root, *list;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = cp__ofd_zip_open_file(&z, path, why, sizeof(why))) != 0)
		return rc < 0 ? -1 : 0;
	out->ofd = cp__ofd_zip_has(z, "OFD.xml");
	rc = 0;
	if (out->ofd && (rc = cp__ofd_zip_read_xml(z, "OFD.xml", &root, why,
	    sizeof(why))) == 0) {
		if ((rc = cp__ofd_signature_list(z, root, sigs, &list)) > 0) {
			out->is_signed = true;
			xmlFreeDoc(list);
		}
		xmlFreeDoc(root);
	}
	cp__ofd_zip_close(z);
	return rc < 0 ? -1 : 0;
}
