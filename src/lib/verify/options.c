/* options.c - what cp_verify_options stands for: the defaults of the
 * fields whose 0 means the default, and the limits. */
#include "util/error.h"
#include "verify/verify_int.h"

#define JOBS_MAX 32
#define RETRIES_MAX 10
/* The longest timeout or wait, in seconds. */
#define SECONDS_MAX 3600

int
cp__vsettings_make(cp__vsettings *out, const cp_verify_options *opts,
    cp_error *err)
{
	if (opts == NULL || opts->version != CP_VERIFY_OPTIONS_VERSION)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verify_run needs options made with "
		    "CP_VERIFY_OPTIONS_INIT");
	if (opts->service == NULL || opts->service[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "no "
		    "verification service given; give the URL template of one");
	out->service = opts->service;
	out->jobs = opts->jobs != 0 ? opts->jobs : 4;
	out->timeout = opts->timeout != 0 ? opts->timeout : 20;
	out->connect_timeout = opts->connect_timeout != 0 ?
	    opts->connect_timeout : 5;
	out->retries = opts->retries;
	out->retry_after_max = opts->retry_after_max;
	out->now = opts->now;
	if (out->jobs > JOBS_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "%u transfers "
		    "at once is too many; give 1 to %d", out->jobs, JOBS_MAX);
	if (out->retries > RETRIES_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "%u retries "
		    "is too many; give 0 to %d", out->retries, RETRIES_MAX);
	if (out->timeout > SECONDS_MAX || out->connect_timeout > SECONDS_MAX ||
	    out->retry_after_max > SECONDS_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "timeouts and "
		    "waits are at most %d seconds", SECONDS_MAX);
	return CP_OK;
}
