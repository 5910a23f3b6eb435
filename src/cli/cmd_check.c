/* cmd_check.c - `claimpack check`: run the checks, print the findings. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "claimpack.h"
#include "cli.h"

int
cli_check(const cli_command *cmd, int argc, char **argv)
{
	const char *template_arg = NULL, *manifest;
	cli_inputs in;
	cli_args args;
	cp_error err;
	char *json = NULL;
	bool as_json = false, strict = false, require_verified = false;
	int c, status = CLI_TROUBLE;

	cli_args_begin(&args, cmd, argc, argv);
	while ((c = cli_args_next(&args)) != -1) {
		switch (c) {
		case CLI_OPT_JSON:
			as_json = true;
			break;
		case CLI_OPT_STRICT:
			strict = true;
			break;
		case CLI_OPT_TEMPLATE:
			template_arg = optarg;
			break;
		case CLI_OPT_REQUIRE_VERIFIED:
			require_verified = true;
			break;
		default:
			return cli_args_stop(&args, c);
		}
	}
	if ((manifest = cli_args_manifest(&args)) == NULL)
		return CLI_TROUBLE;

	/* The stored verification results count as build counts them, so
	 * that a claim check passes is one build does not refuse. */
	if (cli_inputs_load(&in, manifest, template_arg, require_verified,
	    as_json) != CLI_OK)
		goto done;
	if (as_json) {
		if (cp_report_to_json(&json, in.report, &err) != CP_OK) {
			cli_warn_error(&err);
			goto done;
		}
		printf("%s\n", json);
	} else {
		cli_print_report(stdout, in.report, manifest,
		    cp_template_name(in.tpl), strict);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("cannot write the report to standard output");
		goto done;
	}
	status = cp_report_count_severity(in.report, CP_SEVERITY_ERROR) > 0 ||
	    (strict && cp_report_count_severity(in.report,
	    CP_SEVERITY_WARNING) > 0) ? CLI_FINDINGS : CLI_OK;
done:
	free(json);
	cli_inputs_free(&in);
	return status;
}
