/* cmd_verify.c - `claimpack verify`: the manual verification sheet, or
 * online look-ups through a configured service. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

static const char usage[] =
    "usage: claimpack verify CLAIM.yaml [--service URL-TEMPLATE] "
    "[--jobs N] [--timeout S]\n";

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
cli_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "service", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cp_verify_options opts = CP_VERIFY_OPTIONS_INIT;
	cp_verification *v = NULL;
	cp_claim *claim = NULL;
	cp_error err;
	const cp_verify_result *r;
	char msg[2200], *sheet = NULL, *path = NULL;
	const char *manifest;
	bool failed = false, unreachable = false;
	size_t i;
	int c, status = CLI_TROUBLE;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opts.service = optarg;
			break;
		case 'j':
			if ((opts.jobs = number(optarg, 32)) == 0)
				return cli_usage_error(usage, "--jobs takes a "
				    "number from 1 to 32, not \"%s\"", optarg);
			break;
		case 't':
			if ((opts.timeout = number(optarg, 600)) == 0)
				return cli_usage_error(usage, "--timeout takes "
				    "seconds from 1 to 600, not \"%s\"", optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return CLI_OK;
		default:
			return cli_bad_option(usage, argv);
		}
	}
	if ((manifest = cli_manifest_operand(argc, argv, usage,
	    "verify")) == NULL)
		return CLI_TROUBLE;
	if (opts.service == NULL && getenv("CLAIMPACK_VERIFY_URL") != NULL &&
	    getenv("CLAIMPACK_VERIFY_URL")[0] != '\0')
		opts.service = getenv("CLAIMPACK_VERIFY_URL");

	if (cp_claim_load(&claim, manifest, &err) != CP_OK) {
		cli_warn("%s", cp_error_format(&err, msg, sizeof(msg)));
		goto done;
	}
	if (opts.service == NULL) {
		/* Offline: what to type where, and nothing leaves the
		 * machine. */
		if (cp_verify_sheet(&sheet, claim, &err) != CP_OK) {
			cli_warn("%s", cp_error_format(&err, msg, sizeof(msg)));
			goto done;
		}
		fputs(sheet, stdout);
		printf("\nNo verification service is configured (--service or "
		    "CLAIMPACK_VERIFY_URL): nothing was looked up online.\n");
		status = CLI_OK;
		goto done;
	}
	if (cp_verify_run(&v, claim, &opts, &err) != CP_OK) {
		cli_warn("%s", cp_error_format(&err, msg, sizeof(msg)));
		goto done;
	}
	print_results(v);
	if ((path = cp_claim_verify_path(claim)) == NULL ||
	    cp_verification_write(v, path, &err) != CP_OK) {
		cli_warn("%s", path == NULL ? "out of memory" :
		    cp_error_format(&err, msg, sizeof(msg)));
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
