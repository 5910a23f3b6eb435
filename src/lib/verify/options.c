/* options.c - what cp_verify_options stands for: each field's 0 is its
 * default, CP_VERIFY_NONE is none, and the limits.  The defaults
 * themselves are claimpack.h's CP_VERIFY_DEFAULT_ values, which
 * CP_VERIFY_OPTIONS_INIT sets too. */
#include "util/error.h"
#include "verify/verify_int.h"

#define JOBS_MAX 32
#define RETRIES_MAX 10
/* The longest timeout or wait, in seconds. */
#define SECONDS_MAX 3600

static unsigned
or_default(unsigned value, unsigned def)
{
	return value != 0 ? value : def;
}

/* For the fields where none makes sense: CP_VERIFY_NONE is 0 itself. */
static unsigned
or_default_or_none(unsigned value, unsigned def)
{
	return value == CP_VERIFY_NONE ? 0 : or_default(value, def);
}

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
	out->jobs = or_default(opts->jobs, CP_VERIFY_DEFAULT_JOBS);
	out->timeout = or_default(opts->timeout, CP_VERIFY_DEFAULT_TIMEOUT);
	out->connect_timeout = or_default(opts->connect_timeout,
	    CP_VERIFY_DEFAULT_CONNECT_TIMEOUT);
	out->retries = or_default_or_none(opts->retries,
	    CP_VERIFY_DEFAULT_RETRIES);
	out->retry_after_max = or_default_or_none(opts->retry_after_max,
	    CP_VERIFY_DEFAULT_RETRY_AFTER_MAX);
	out->now = opts->now;
	if (out->jobs > JOBS_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "%u transfers "
		    "at once is too many; give 1 to %d", out->jobs, JOBS_MAX);
	if (out->retries > RETRIES_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "%u retries "
		    "is too many; give 1 to %d, or CP_VERIFY_NONE for none",
		    out->retries, RETRIES_MAX);
	if (out->timeout > SECONDS_MAX || out->connect_timeout > SECONDS_MAX ||
	    out->retry_after_max > SECONDS_MAX)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "timeouts and "
		    "waits are at most %d seconds", SECONDS_MAX);
	return CP_OK;
}
