/* output.c - the output must never overwrite one of the claim's own
 * files (see output.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "bundle/output.h"
#include "util/error.h"

int
cp__output_check(const cp_claim *claim, const char *out_path,
    cp_error *err)
{
	struct stat out, in;
	char *path;
	size_t d, f;
	bool same;

	if (stat(out_path, &out) != 0)
		return CP_OK;
	if (S_ISDIR(out.st_mode))
		return cp__error_set(err, CP_EINVAL, out_path, 0, 0, "is a "
		    "folder; give the path of the PDF to write");
	if (stat(claim->manifest_path, &in) == 0 && in.st_dev == out.st_dev &&
	    in.st_ino == out.st_ino)
		return cp__error_set(err, CP_EINVAL, out_path, 0, 0, "is the "
		    "manifest itself; choose another output file");
	for (d = 0; d < claim->ndocuments; d++)
		for (f = 0; f < claim->documents[d].nfiles; f++) {
			path = cp__claim_file_path(claim,
			    claim->documents[d].files[f]);
			if (path == NULL)
				return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
			same = stat(path, &in) == 0 &&
			    in.st_dev == out.st_dev && in.st_ino == out.st_ino;
			free(path);
			if (same)
				return cp__error_set(err, CP_EINVAL, out_path, 0,
				    0, "is one of the claim's files (document "
				    "%s); choose another output file",
				    claim->documents[d].id);
		}
	return CP_OK;
}
