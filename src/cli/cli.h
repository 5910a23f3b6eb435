/* cli.h - the claimpack command's subcommands. */
#ifndef CP_CLI_H
#define CP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "claimpack.h"

/* Exit statuses, as documented in the man page and README. */
enum {
	CLI_OK = 0,         /* no errors found (warnings allowed) */
	CLI_FINDINGS = 1,   /* check errors (or warnings with --strict) */
	CLI_TROUBLE = 2     /* manifest, template, usage or I/O problem */
};

/* Each takes the arguments after the subcommand's name (argv[0] is the
 * subcommand) and returns an exit status. */
int cli_check(int argc, char **argv);
int cli_types(int argc, char **argv);
int cli_build(int argc, char **argv);
int cli_cover(int argc, char **argv);
int cli_verify(int argc, char **argv);

/* Prints the findings grouped by severity, then a one-line summary
 * naming the manifest and template. */
void cli_print_report(FILE *out, const cp_report *report,
    const char *manifest, const char *template_name, bool strict);

/*
 * After getopt_long: the one manifest operand, or NULL after printing a
 * usage error for `command` ("check") with `usage`.
 */
const char *cli_manifest_operand(int argc, char **argv, const char *usage,
    const char *command);

/* The usage error for an unknown option or one missing its value. */
int cli_bad_option(const char *usage, char **argv);

/* Prints "claimpack: <message>" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a usage error and the subcommand's usage line; returns 2. */
int cli_usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
