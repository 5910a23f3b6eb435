/* commands.c - the table of claimpack's commands and their options: the
 * one place either is declared.  getopt_long, the usage lines and --help
 * are made from it (args.c, usage.c); docs/claimpack.1 is checked
 * against --help by tests/e2e/cli.sh. */
#include <stddef.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

/* A macro's value as a string literal, for the defaults in help texts. */
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)

/* ---- options: each once, shared by the commands that take it -------- */

static const cli_option opt_json = {
	.name = "json", .id = CLI_OPT_JSON,
	.help = "print the findings as one JSON object"
};
static const cli_option opt_strict = {
	.name = "strict", .id = CLI_OPT_STRICT,
	.help = "warnings fail the check too (exit status 1)"
};
static const cli_option opt_template = {
	.name = "template", .arg = "NAME|PATH", .id = CLI_OPT_TEMPLATE,
	.help = "reimbursement (default), employer, cover-sheet, or the path "
	    "of a template file"
};
static const cli_option opt_output = {
	.name = "output", .letter = 'o', .arg = "OUT.pdf", .id = CLI_OPT_OUTPUT,
	.help = "where to write (default: the manifest's name with .pdf, or "
	    "-cover.pdf for cover, in the current folder)"
};
static const cli_option opt_force = {
	.name = "force", .id = CLI_OPT_FORCE,
	.help = "build even when checks fail; the cover lists them"
};
static const cli_option opt_quiet = {
	.name = "quiet", .letter = 'q', .id = CLI_OPT_QUIET,
	.help = "no progress or summary lines"
};
static const cli_option opt_paper = {
	.name = "paper", .arg = "a4|letter", .id = CLI_OPT_PAPER,
	.help = "a4 (default) or letter, for the pages claimpack draws"
};
static const cli_option opt_full_passport = {
	.name = "full-passport", .id = CLI_OPT_FULL_PASSPORT,
	.help = "print the passport number in full on the cover"
};
static const cli_option opt_require_verified = {
	.name = "require-verified", .id = CLI_OPT_REQUIRE_VERIFIED,
	.help = "an invoice without a matching online verification "
	    "(claimpack verify) is an error"
};
static const cli_option opt_max_size = {
	.name = "max-size", .arg = "SIZE", .id = CLI_OPT_MAX_SIZE,
	.help = "recompress photos (never below 150 dpi where shown) until "
	    "the bundle fits SIZE, such as 5M, 10MB or 800K"
};
static const cli_option opt_min_dpi = {
	.name = "min-dpi", .arg = "N", .within = "max-size",
	.id = CLI_OPT_MIN_DPI,
	.help = "let --max-size go down to N dpi (50 to 600) instead of 150"
};
static const cli_option opt_split = {
	.name = "split", .arg = "SIZE", .id = CLI_OPT_SPLIT,
	.help = "write the claim in parts of at most SIZE, each with its own "
	    "cover and the whole claim's index"
};
static const cli_option opt_service = {
	.name = "service", .arg = "URL-TEMPLATE", .id = CLI_OPT_SERVICE,
	.help = "the service's URL template (or the environment variable "
	    "CLAIMPACK_VERIFY_URL), see docs/verify.md"
};
static const cli_option opt_jobs = {
	.name = "jobs", .arg = "N", .id = CLI_OPT_JOBS,
	.help = "look-ups at once, 1 to 32 (default "
	    CLI_STR(CP_VERIFY_DEFAULT_JOBS) ")"
};
static const cli_option opt_timeout = {
	.name = "timeout", .arg = "S", .id = CLI_OPT_TIMEOUT,
	.help = "seconds each attempt of a look-up may take, 1 to 600 "
	    "(default " CLI_STR(CP_VERIFY_DEFAULT_TIMEOUT) ")"
};

/* ---- which command takes which ----------------------------------------- */

static const cli_option *const check_options[] = {
	&opt_json, &opt_strict, &opt_template, &opt_require_verified, NULL
};

/* cover takes build's options, so that the same line makes both. */
static const cli_option *const build_options[] = {
	&opt_output, &opt_force, &opt_quiet, &opt_paper, &opt_template,
	&opt_full_passport, &opt_require_verified, &opt_max_size,
	&opt_min_dpi, &opt_split, NULL
};

static const cli_option *const verify_options[] = {
	&opt_service, &opt_jobs, &opt_timeout, NULL
};

static const cli_option opt_read_json = {
	.name = "json", .id = CLI_OPT_JSON,
	.help = "print what was read as one JSON object"
};

static const cli_option *const read_options[] = { &opt_read_json, NULL };

static const cli_option opt_init_output = {
	.name = "output", .letter = 'o', .arg = "CLAIM.yaml",
	.id = CLI_OPT_OUTPUT,
	.help = "where to write the manifest (default: FOLDER/claim.yaml)"
};
static const cli_option opt_purpose = {
	.name = "purpose", .arg = "NAME|PATH", .id = CLI_OPT_PURPOSE,
	.help = "the manifest's purpose: reimbursement (default), employer, "
	    "cover-sheet, or the path of a template file"
};
static const cli_option opt_init_force = {
	.name = "force", .id = CLI_OPT_FORCE,
	.help = "replace a manifest that exists already"
};
static const cli_option opt_init_quiet = {
	.name = "quiet", .letter = 'q', .id = CLI_OPT_QUIET,
	.help = "no progress line or summary"
};

static const cli_option *const init_options[] = {
	&opt_init_output, &opt_purpose, &opt_init_force, &opt_init_quiet, NULL
};

static const cli_option opt_request_output = {
	.name = "output", .letter = 'o', .arg = "OUT.pdf", .id = CLI_OPT_OUTPUT,
	.help = "where to write the slip (default: the manifest's name with "
	    "-request.pdf, in the current folder)"
};
static const cli_option opt_request_quiet = {
	.name = "quiet", .letter = 'q', .id = CLI_OPT_QUIET,
	.help = "print nothing when the slip is written"
};

static const cli_option *const request_options[] = {
	&opt_request_output, &opt_request_quiet, &opt_paper, &opt_template,
	NULL
};

static const cli_option *const no_options[] = { NULL };

const cli_command cli_commands[] = {
	{ "init", "FOLDER", "write a manifest to review from a folder of "
	    "papers: finds, groups and types them, fills in what it reads "
	    "off them, marks the rest TODO", init_options, cli_init },
	{ "check", "CLAIM.yaml", "check names, dates, totals, invoice "
	    "numbers, files, completeness and the stored results of "
	    "claimpack verify; print the findings", check_options, cli_check },
	{ "build", "CLAIM.yaml", "check, then write one PDF: a cover sheet, "
	    "an index, every document, bookmarks, page stamps", build_options,
	    cli_build },
	{ "cover", "CLAIM.yaml", "the cover sheet alone, to staple onto "
	    "paper originals", build_options, cli_cover },
	{ "request", "CLAIM.yaml", "before leaving China: a page per "
	    "hospital, in Chinese and English, asking its desks for the "
	    "missing papers and for names to be corrected",
	    request_options, cli_request },
	{ "verify", "CLAIM.yaml", "without a service: what to type at the "
	    "official platforms for each invoice; with one, look each invoice "
	    "up and write CLAIM.verify.json", verify_options, cli_verify },
	{ "read", "FILE|FOLDER...", "what claimpack reads off each paper: "
	    "invoice QR codes, e-invoice data, text layers, photo dates",
	    read_options, cli_read },
	{ "types", "", "list the document types of a manifest", no_options,
	    cli_types },
	{ NULL, NULL, NULL, NULL, NULL }
};

const cli_command *
cli_command_find(const char *name)
{
	const cli_command *c;

	for (c = cli_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}
