/* main.c - the claimpack command: choose the subcommand. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

static const char usage_text[] =
    "usage: claimpack check CLAIM.yaml [--json] [--strict] "
    "[--template NAME|PATH]\n"
    "       claimpack build CLAIM.yaml [-o OUT.pdf] [--force] [--quiet] "
    "[--paper a4|letter]\n"
    "                       [--template NAME|PATH] [--full-passport]\n"
    "       claimpack cover CLAIM.yaml [-o OUT.pdf] [options as build]\n"
    "       claimpack verify CLAIM.yaml [--service URL-TEMPLATE] [--jobs N] "
    "[--timeout S]\n"
    "       claimpack types\n"
    "       claimpack --help | --version\n";

static const char help_text[] =
    "\n"
    "claimpack checks the papers of a medical claim from a hospital in\n"
    "China (fapiao, expense lists, discharge summary, reports...) before\n"
    "they are sent to an insurer or employer.\n"
    "\n"
    "commands:\n"
    "  check CLAIM.yaml   check names, dates, totals, invoice numbers,\n"
    "                     files and completeness; print the findings\n"
    "    --json           print the findings as one JSON object\n"
    "    --strict         warnings fail the check too (exit status 1)\n"
    "    --template T     reimbursement (default), employer, cover-sheet,\n"
    "                     or the path of a template file\n"
    "  build CLAIM.yaml   check, then write one PDF: a cover sheet, an\n"
    "                     index, every document, bookmarks, page stamps\n"
    "    -o OUT.pdf       where to write (default: the manifest's name\n"
    "                     with .pdf, in the current folder)\n"
    "    --force          build even when checks fail; the cover lists them\n"
    "    --quiet          no progress or summary lines\n"
    "    --paper P        a4 (default) or letter, for the pages claimpack\n"
    "                     draws\n"
    "    --full-passport  print the passport number in full on the cover\n"
    "    --require-verified  an invoice without a matching online\n"
    "                     verification (claimpack verify) is an error\n"
    "  cover CLAIM.yaml   the cover sheet alone, to staple onto paper\n"
    "  verify CLAIM.yaml  without a service: what to type at the official\n"
    "                     platforms for each invoice; with one, look each\n"
    "                     invoice up and write CLAIM.verify.json\n"
    "    --service URL    the service's URL template (or the environment\n"
    "                     variable CLAIMPACK_VERIFY_URL), see verify.md\n"
    "    --jobs N         look-ups at once (default 4)\n"
    "    --timeout S      seconds per look-up (default 20)\n"
    "  types              list the document types of a manifest\n"
    "\n"
    "exit status: 0 no errors (build: bundle written), 1 errors found\n"
    "(--strict: or warnings; build: nothing written), 2 manifest,\n"
    "template, usage or file problem.\n"
    "verify: 0 all valid, 1 any invalid, not found or mismatched, 2\n"
    "service unreachable.  Only verify with a service uses the network.\n"
    "See claimpack(1).\n";

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("claimpack: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("claimpack: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return CLI_TROUBLE;
}

const char *
cli_manifest_operand(int argc, char **argv, const char *usage,
    const char *command)
{
	if (optind == argc - 1)
		return argv[optind];
	cli_usage_error(usage, optind >= argc ? "%s needs the path of a claim "
	    "manifest" : "%s takes one manifest", command);
	return NULL;
}

int
cli_bad_option(const char *usage, char **argv)
{
	return cli_usage_error(usage, "unknown or incomplete option \"%s\"",
	    argv[optind - 1]);
}

int
main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return CLI_TROUBLE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		fputs(help_text, stdout);
		return CLI_OK;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("claimpack %s\n", cp_version());
		return CLI_OK;
	}
	if (strcmp(cmd, "check") == 0)
		return cli_check(argc - 1, argv + 1);
	if (strcmp(cmd, "build") == 0)
		return cli_build(argc - 1, argv + 1);
	if (strcmp(cmd, "cover") == 0)
		return cli_cover(argc - 1, argv + 1);
	if (strcmp(cmd, "verify") == 0)
		return cli_verify(argc - 1, argv + 1);
	if (strcmp(cmd, "types") == 0)
		return cli_types(argc - 1, argv + 1);
	return cli_usage_error(usage_text, "unknown command \"%s\"", cmd);
}
