/* cmd_verify.c - `claimpack verify`: the manual verification sheet, or
 * online look-ups through a configured service. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

/* Reads a whole number from 1 to max, or returns 0. */
static unsigned
number(const char *s, unsigned max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s < '0' || *s > '9' || *end != '\0' || v < 1 || v > max)
		return 0;
	return (unsigned)v;
}

static void
print_results(const cp_verification *v)
{
	const cp_verify_result *r;
	size_t i;

	for (i = 0; i < cp_verification_count(v); i++) {
		r = cp_verification_at(v, i);
		printf("%-12s %-12s via %s", r->document,
		    cp_verify_status_name(r->status), r->host[0] ? r->host :
		    "-");
		if (r->http_status > 0)
			printf(" (HTTP %ld)", r->http_status);
		if (r->final_url[0])
			printf(" -> %s", r->final_url);
		printf("\n");
		if (r->message[0])
			printf("             %s\n", r->message);
	}
}

int
cli_verify(const cli_command *cmd, int argc, char **argv)
{
	cp_verify_options opts = CP_VERIFY_OPTIONS_INIT;
	cp_verification *v = NULL;
	cp_claim *claim = NULL;
	cli_args args;
	cp_error err;
	const cp_verify_result *r;
	char *sheet = NULL, *path = NULL;
	const char *manifest;
	bool failed = false, unreachable = false;
	size_t i;
	int c, status = CLI_TROUBLE;

	cli_args_begin(&args, cmd, argc, argv);
	while ((c = cli_args_next(&args)) != -1) {
		switch (c) {
		case CLI_OPT_SERVICE:
			opts.service = optarg;
			break;
		case CLI_OPT_JOBS:
			if ((opts.jobs = number(optarg, 32)) == 0)
				return cli_usage_error(cmd, "--jobs takes a "
				    "number from 1 to 32, not \"%s\"", optarg);
			break;
		case CLI_OPT_TIMEOUT:
			if ((opts.timeout = number(optarg, 600)) == 0)
				return cli_usage_error(cmd, "--timeout takes "
				    "seconds from 1 to 600, not \"%s\"", optarg);
			break;
		default:
			return cli_args_stop(&args, c);
		}
	}
	if ((manifest = cli_args_manifest(&args)) == NULL)
		return CLI_TROUBLE;
	if (opts.service == NULL && getenv("CLAIMPACK_VERIFY_URL") != NULL &&
	    getenv("CLAIMPACK_VERIFY_URL")[0] != '\0')
		opts.service = getenv("CLAIMPACK_VERIFY_URL");

	if (cli_claim_load(&claim, manifest) != CLI_OK)
		goto done;
	if (opts.service == NULL) {
		/* Offline: what to type where, and nothing leaves the
		 * machine. */
		if (cp_verify_sheet(&sheet, claim, &err) != CP_OK) {
			cli_warn_error(&err);
			goto done;
		}
		fputs(sheet, stdout);
		printf("\nNo verification service is configured (--service or "
		    "CLAIMPACK_VERIFY_URL): nothing was looked up online.\n");
		status = CLI_OK;
		goto done;
	}
	if (cp_verify_run(&v, claim, &opts, &err) != CP_OK) {
		cli_warn_error(&err);
		goto done;
	}
	print_results(v);
	if ((path = cp_claim_verify_path(claim)) == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	if (cp_verification_write(v, path, &err) != CP_OK) {
		cli_warn_error(&err);
		goto done;
	}
	printf("results written to %s\n", path);
	for (i = 0; i < cp_verification_count(v); i++) {
		r = cp_verification_at(v, i);
		if (r->status == CP_VERIFY_INVALID ||
		    r->status == CP_VERIFY_NOT_FOUND ||
		    r->status == CP_VERIFY_MISMATCH)
			failed = true;
		else if (r->status == CP_VERIFY_UNREACHABLE ||
		    r->status == CP_VERIFY_BAD_RESPONSE)
			unreachable = true;
	}
	status = failed ? CLI_FINDINGS : unreachable ? CLI_TROUBLE : CLI_OK;
done:
	free(sheet);
	free(path);
	cp_verification_free(v);
	cp_claim_free(claim);
	return status;
}
