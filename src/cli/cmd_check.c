/* cmd_check.c - `claimpack check`: run the checks, print the findings. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "claimpack.h"
#include "cli.h"

static const char usage[] =
    "usage: claimpack check CLAIM.yaml [--json] [--strict] "
    "[--template NAME|PATH]\n";

int
cli_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 's' },
		{ "template", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *template_arg = NULL, *manifest;
	cp_claim *claim = NULL;
	cp_template *tpl = NULL;
	cp_report *report = NULL;
	cp_error err;
	char msg[2200], *json = NULL;
	bool as_json = false, strict = false;
	int c, status = CLI_TROUBLE;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			as_json = true;
			break;
		case 's':
			strict = true;
			break;
		case 't':
			template_arg = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			return cli_bad_option(usage, argv);
		}
	}
	if ((manifest = cli_manifest_operand(argc, argv, usage,
	    "check")) == NULL)
		return CLI_TROUBLE;

	if (cp_claim_load(&claim, manifest, &err) != CP_OK ||
	    cp_template_load_for_claim(&tpl, claim, template_arg, &err) !=
	    CP_OK ||
	    cp_check_run(&report, claim, tpl, &err) != CP_OK) {
		cli_warn("%s", cp_error_format(&err, msg, sizeof(msg)));
		goto done;
	}
	if (as_json) {
		if (cp_report_to_json(&json, report, &err) != CP_OK) {
			cli_warn("%s", cp_error_format(&err, msg, sizeof(msg)));
			goto done;
		}
		printf("%s\n", json);
	} else {
		cli_print_report(stdout, report, manifest,
		    cp_template_name(tpl), strict);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("cannot write the report to standard output");
		goto done;
	}
	status = cp_report_count_severity(report, CP_SEVERITY_ERROR) > 0 ||
	    (strict && cp_report_count_severity(report,
	    CP_SEVERITY_WARNING) > 0) ? CLI_FINDINGS : CLI_OK;
done:
	free(json);
	cp_report_free(report);
	cp_template_free(tpl);
	cp_claim_free(claim);
	return status;
}
