/* load.c - what check, build and cover work on, loaded one way: the
 * manifest, its template, the check report and the stored verification
 * results, so that check finds what build would refuse on. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimpack.h"
#include "cli.h"

/* The manifest's errors on stderr, one a line as "file:line:column:
 * message" (what editors jump to), then how many there are. */
static void
print_errors(const cp_error_list *errors, const char *manifest)
{
	size_t i, n = cp_error_list_count(errors);
	size_t total = cp_error_list_total(errors);
	char msg[2200];

	for (i = 0; i < n; i++)
		fprintf(stderr, "%s\n", cp_error_format(cp_error_list_at(errors,
		    i), msg, sizeof(msg)));
	if (total > n)
		cli_warn("%zu errors in %s; the first %zu are shown, and %zu "
		    "more", total, manifest, n, total - n);
	else if (total > 1)
		cli_warn("%zu errors in %s", total, manifest);
}

/* The same as one JSON object on stdout, for check --json. */
static void
print_errors_json(const cp_error_list *errors)
{
	cp_error err;
	char *json;

	if (cp_error_list_to_json(&json, errors, &err) != CP_OK) {
		cli_warn_error(&err);
		return;
	}
	printf("{\"ok\":false,\"manifest_errors\":%s,\"more_errors\":%zu}\n",
	    json, cp_error_list_total(errors) - cp_error_list_count(errors));
	free(json);
}

static int
load_claim(cp_claim **out, const char *manifest, bool json)
{
	cp_error_list *errors = NULL;

	if (cp_claim_load_errors(out, manifest, &errors) == CP_OK)
		return CLI_OK;
	if (errors == NULL)
		cli_warn("%s: out of memory", manifest);
	else if (json)
		print_errors_json(errors);
	else
		print_errors(errors, manifest);
	cp_error_list_free(errors);
	return CLI_TROUBLE;
}

int
cli_claim_load(cp_claim **out, const char *manifest)
{
	return load_claim(out, manifest, false);
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
    const char *template_arg, bool require_verified, bool json_errors)
{
	cp_error err;

	memset(in, 0, sizeof(*in));
	if (load_claim(&in->claim, manifest, json_errors) != CLI_OK)
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
