/* load.c - what check, build and cover work on, loaded one way: the
 * manifest, its template, the check report and the stored verification
 * results, so that check finds what build would refuse on. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimpack.h"
#include "cli.h"

int
cli_claim_load(cp_claim **out, const char *manifest)
{
	cp_error err;

	if (cp_claim_load(out, manifest, &err) != CP_OK) {
		cli_warn_error(&err);
		return CLI_TROUBLE;
	}
	return CLI_OK;
}

/*
 * The results of an earlier `claimpack verify`, when there are any.  A
 * file that cannot be read is not a reason to stop: it is left out with
 * a warning, as if verify had not been run.
 */
static int
load_verification(cli_inputs *in)
{
	cp_error err;
	char msg[2200], *path;

	if ((path = cp_claim_verify_path(in->claim)) == NULL) {
		cli_warn("out of memory");
		return CLI_TROUBLE;
	}
	if (access(path, F_OK) == 0 &&
	    cp_verification_load(&in->verification, path, &err) != CP_OK)
		cli_warn("warning: %s (ignored)",
		    cp_error_format(&err, msg, sizeof(msg)));
	free(path);
	return CLI_OK;
}

int
cli_inputs_load(cli_inputs *in, const char *manifest,
    const char *template_arg, bool require_verified)
{
	cp_error err;

	memset(in, 0, sizeof(*in));
	if (cli_claim_load(&in->claim, manifest) != CLI_OK)
		return CLI_TROUBLE;
	if (cp_template_load_for_claim(&in->tpl, in->claim, template_arg,
	    &err) != CP_OK ||
	    cp_check_run(&in->report, in->claim, in->tpl, &err) != CP_OK) {
		cli_warn_error(&err);
		return CLI_TROUBLE;
	}
	if (load_verification(in) != CLI_OK)
		return CLI_TROUBLE;
	if (cp_verify_check(&in->verify_report, in->claim, in->verification,
	    require_verified, &err) != CP_OK ||
	    cp_report_append(in->report, in->verify_report, &err) != CP_OK) {
		cli_warn_error(&err);
		return CLI_TROUBLE;
	}
	return CLI_OK;
}

void
cli_inputs_free(cli_inputs *in)
{
	cp_report_free(in->verify_report);
	cp_verification_free(in->verification);
	cp_report_free(in->report);
	cp_template_free(in->tpl);
	cp_claim_free(in->claim);
	memset(in, 0, sizeof(*in));
}
