/* cli.h - the claimpack command: its table of commands and options, and
 * what the subcommands share. */
#ifndef CP_CLI_H
#define CP_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "claimpack.h"

/* Exit statuses, as documented in the man page and README. */
enum {
	CLI_OK = 0,         /* no errors found (warnings allowed) */
	CLI_FINDINGS = 1,   /* check errors (or warnings with --strict) */
	CLI_TROUBLE = 2     /* manifest, template, usage or I/O problem */
};

/*
 * What cli_args_next returns for each option, however it was spelt (-o
 * or --output).  They start above every character so that a short
 * letter, or getopt's '?', can never be taken for one.
 */
enum cli_option_id {
	CLI_OPT_HELP = 256,
	CLI_OPT_BAD,               /* unknown, or missing its argument */
	CLI_OPT_JSON,
	CLI_OPT_STRICT,
	CLI_OPT_TEMPLATE,
	CLI_OPT_OUTPUT,
	CLI_OPT_FORCE,
	CLI_OPT_QUIET,
	CLI_OPT_PAPER,
	CLI_OPT_FULL_PASSPORT,
	CLI_OPT_REQUIRE_VERIFIED,
	CLI_OPT_MAX_SIZE,
	CLI_OPT_MIN_DPI,
	CLI_OPT_SPLIT,
	CLI_OPT_SERVICE,
	CLI_OPT_JOBS,
	CLI_OPT_TIMEOUT,
	CLI_OPT_PURPOSE
};

/*
 * One option, declared once in commands.c: getopt_long's arrays, the
 * usage lines and --help are all made from it, and docs/claimpack.1 must
 * agree with them (tests/e2e/cli.sh compares).
 */
typedef struct {
	const char *name;     /* the long name, without "--" */
	char letter;          /* the short letter, or 0 */
	const char *arg;      /* the argument's name ("OUT.pdf"), or NULL */
	/* The long name of the option this one only qualifies: the usage
	 * line shows it inside that one's brackets. */
	const char *within;
	enum cli_option_id id;
	const char *help;     /* one sentence for --help */
} cli_option;

typedef struct cli_command cli_command;

struct cli_command {
	const char *name;
	const char *operands;              /* "CLAIM.yaml", or "" */
	const char *help;                  /* one sentence for --help */
	const cli_option *const *options;  /* ends with NULL */
	/* Takes the arguments after "claimpack" (argv[0] is the command's
	 * name) and returns an exit status. */
	int (*run)(const cli_command *cmd, int argc, char **argv);
};

/* The commands, in the order --help lists them; ends with a NULL name. */
extern const cli_command cli_commands[];

/* The command called `name`, or NULL. */
const cli_command *cli_command_find(const char *name);

/* The subcommands (cmd_*.c). */
int cli_check(const cli_command *cmd, int argc, char **argv);
int cli_read(const cli_command *cmd, int argc, char **argv);
int cli_build(const cli_command *cmd, int argc, char **argv);
int cli_cover(const cli_command *cmd, int argc, char **argv);
int cli_verify(const cli_command *cmd, int argc, char **argv);
int cli_types(const cli_command *cmd, int argc, char **argv);
int cli_init(const cli_command *cmd, int argc, char **argv);
int cli_request(const cli_command *cmd, int argc, char **argv);

/* ---- usage.c: usage lines and --help, from the table ---------------- */

/* The usage lines of `cmd`, or of every command when it is NULL. */
void cli_print_usage(FILE *out, const cli_command *cmd);

/* The usage lines, then what each command and option does: everything
 * when `cmd` is NULL (claimpack --help), else `cmd` alone. */
void cli_print_help(FILE *out, const cli_command *cmd);

/* Prints "claimpack: <message>" and the usage of `cmd` (of every command
 * when NULL) to stderr; returns CLI_TROUBLE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- output.c: the file build, cover and request write ---------------- */

/* "claims/claim.yaml" and "-request.pdf" -> "claim-request.pdf", in the
 * current folder.  NULL when out of memory. */
char *cli_default_output(const char *manifest, const char *suffix);
/* The library's tempfile callback: keeps the name for the handler that
 * cli_guard_tempfile() installs, which removes the file on SIGINT or
 * SIGTERM; SIGXFSZ is ignored so that a write fails instead. */
void cli_on_tempfile(void *ctx, const char *path);
void cli_guard_tempfile(void);

/* ---- args.c: getopt_long over a command's options ------------------- */

/* Up to this many options per command (build has the most). */
#define CLI_OPTIONS_MAX 16

typedef struct {
	const cli_command *cmd;
	int argc;
	char **argv;
	struct option longopts[CLI_OPTIONS_MAX + 2];
	char shortopts[3 * CLI_OPTIONS_MAX + 4];
} cli_args;

/* Prepares to read `cmd`'s options from argv (argv[0] is its name). */
void cli_args_begin(cli_args *a, const cli_command *cmd, int argc,
    char **argv);

/* The next option's id, its argument in optarg; -1 after the last. */
int cli_args_next(cli_args *a);

/* For an id the command does not handle itself: prints --help (and
 * returns CLI_OK) or the usage error (and returns CLI_TROUBLE). */
int cli_args_stop(const cli_args *a, int id);

/* --paper's argument (optarg): a4 or letter into *paper and CLI_OK, or
 * CLI_TROUBLE after printing a usage error. */
int cli_args_paper(const cli_args *a, cp_paper *paper);

/* After the options: the one manifest operand, or NULL after printing a
 * usage error. */
const char *cli_args_manifest(const cli_args *a);

/* ---- load.c: what check, build and cover work on -------------------- */

typedef struct {
	cp_claim *claim;
	cp_template *tpl;
	/* The checks' findings with those about the stored verification
	 * results merged in: what check prints and build refuses on. */
	cp_report *report;
	/* The results `claimpack verify` stored (NAME.verify.json), or
	 * NULL when there are none or they cannot be read. */
	cp_verification *verification;
	/* The findings about them alone (also in `report`). */
	cp_report *verify_report;
} cli_inputs;

/*
 * Loads the manifest and its template (--template, or NULL for the
 * manifest's purpose), runs the checks, and adds the findings about the
 * stored verification results (`require_verified`: an unverified invoice
 * is an error).  Returns CLI_OK, or CLI_TROUBLE after printing why: every
 * manifest error on stderr, one a line ("file:line:column: message"), or
 * with `json_errors` as {"ok":false,"manifest_errors":[…],
 * "more_errors":N} on stdout.  Free `in` with cli_inputs_free() either
 * way.
 */
int cli_inputs_load(cli_inputs *in, const char *manifest,
    const char *template_arg, bool require_verified, bool json_errors);
void cli_inputs_free(cli_inputs *in);

/* Loads the manifest alone; CLI_OK, or CLI_TROUBLE after printing every
 * manifest error as cli_inputs_load does. */
int cli_claim_load(cp_claim **out, const char *manifest);

/* ---- elsewhere ------------------------------------------------------ */

/* Prints the findings grouped by severity, then a one-line summary
 * naming the manifest and template. */
void cli_print_report(FILE *out, const cp_report *report,
    const char *manifest, const char *template_name, bool strict);

/* Prints "claimpack: <message>" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_vwarn(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Prints "claimpack: <err's message>" to stderr. */
void cli_warn_error(const cp_error *err);

#endif
