/* output.h - the file a build or a request slip is written to, which
 * is never one of the claim's own.  Private. */
#ifndef CP_OUTPUT_H
#define CP_OUTPUT_H

#include "claimpack.h"
#include "manifest/claim.h"

/*
 * CP_OK when `out_path` may be written for `claim`: it does not exist
 * yet, or it is a file other than the manifest and every file the
 * manifest lists.  CP_EINVAL (err names `out_path` and says which) when
 * it is a folder, the manifest or one of the claim's files; CP_ENOMEM.
 */
int cp__output_check(const cp_claim *claim, const char *out_path,
    cp_error *err);

#endif
