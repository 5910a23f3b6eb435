/* main.c - the claimpack command: choose the subcommand. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

void
cli_vwarn(const char *fmt, va_list ap)
{
	fputs("claimpack: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vwarn(fmt, ap);
	va_end(ap);
}

void
cli_warn_error(const cp_error *err)
{
	char msg[2200];

	cli_warn("%s", cp_error_format(err, msg, sizeof(msg)));
}

int
main(int argc, char **argv)
{
	const cli_command *cmd;

	if (argc < 2) {
		cli_print_usage(stderr, NULL);
		return CLI_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		cli_print_help(stdout, NULL);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("claimpack %s\n", cp_version());
		return CLI_OK;
	}
	if ((cmd = cli_command_find(argv[1])) != NULL)
		return cmd->run(cmd, argc - 1, argv + 1);
	return cli_usage_error(NULL, "unknown command \"%s\"", argv[1]);
}
