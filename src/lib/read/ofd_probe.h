/* ofd_probe.h - whether a file is an OFD package, and whether it carries
 * signature data: the cheap test `build` makes before it attaches a
 * fapiao's file to the bundle as the original e-invoice.  Private.
 *
 * Only the package's list of files and two small XML files are read
 * (OFD.xml and the Signatures file it names), through the OFD reader's
 * bounded access to the package (read/ofd_int.h); no page is parsed.
 */
#ifndef CP_OFD_PROBE_H
#define CP_OFD_PROBE_H

#include <stdbool.h>

typedef struct {
	/* A ZIP archive the OFD reader opens (no entry leaving the
	 * archive, none encrypted, not too many) that holds OFD.xml. */
	bool ofd;
	/* The DocBody of its first document names a Signatures file that
	 * the package holds and that lists at least one Signature: the
	 * issuer's signature data is there.  Never verified. */
	bool is_signed;
} cp__ofd_probe_result;

/* Probes the file at `path` (any file: what is no OFD leaves both
 * false).  Never changes the file.  Returns 0, or -1 when out of
 * memory. */
int cp__ofd_probe(cp__ofd_probe_result *out, const char *path);

#endif
