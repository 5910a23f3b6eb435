/* args.c - getopt_long's arrays made from a command's options, so that
 * what a command accepts is what its usage line shows. */
#include <assert.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

/* Every command takes -h and --help; no usage line lists them. */
static const cli_option opt_help = {
	.name = "help", .letter = 'h', .id = CLI_OPT_HELP, .help = ""
};

static void
add(cli_args *a, size_t i, const cli_option *o, size_t *nshort)
{
	a->longopts[i].name = o->name;
	a->longopts[i].has_arg = o->arg != NULL ? required_argument :
	    no_argument;
	a->longopts[i].flag = NULL;
	a->longopts[i].val = (int)o->id;
	if (o->letter != 0) {
		a->shortopts[(*nshort)++] = o->letter;
		if (o->arg != NULL)
			a->shortopts[(*nshort)++] = ':';
	}
}

void
cli_args_begin(cli_args *a, const cli_command *cmd, int argc, char **argv)
{
	size_t n, nshort = 0;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->argc = argc;
	a->argv = argv;
	for (n = 0; cmd->options[n] != NULL; n++) {
		assert(n < CLI_OPTIONS_MAX);
		add(a, n, cmd->options[n], &nshort);
	}
	/* After it, the memset left the zeroed entry getopt_long stops at. */
	add(a, n, &opt_help, &nshort);
	/* Bad options are reported with the command's usage, not by getopt. */
	opterr = 0;
	optind = 1;
}

int
cli_args_next(cli_args *a)
{
	const cli_option *const *o;
	int c;

	c = getopt_long(a->argc, a->argv, a->shortopts, a->longopts, NULL);
	if (c == -1 || c >= CLI_OPT_HELP)
		return c;
	/* A short letter: the same id as its long name. */
	if (c == opt_help.letter)
		return CLI_OPT_HELP;
	for (o = a->cmd->options; *o != NULL; o++)
		if ((*o)->letter != 0 && (*o)->letter == c)
			return (int)(*o)->id;
	return CLI_OPT_BAD;
}

int
cli_args_stop(const cli_args *a, int id)
{
	if (id == CLI_OPT_HELP) {
		cli_print_help(stdout, a->cmd);
		return CLI_OK;
	}
	return cli_usage_error(a->cmd, "unknown or incomplete option \"%s\"",
	    a->argv[optind - 1]);
}

int
cli_args_paper(const cli_args *a, cp_paper *paper)
{
	if (strcmp(optarg, "a4") == 0)
		*paper = CP_PAPER_A4;
	else if (strcmp(optarg, "letter") == 0)
		*paper = CP_PAPER_LETTER;
	else
		return cli_usage_error(a->cmd, "--paper takes a4 or letter, "
		    "not \"%s\"", optarg);
	return CLI_OK;
}

const char *
cli_args_manifest(const cli_args *a)
{
	if (optind == a->argc - 1)
		return a->argv[optind];
	cli_usage_error(a->cmd, optind >= a->argc ? "%s needs the path of a "
	    "claim manifest" : "%s takes one manifest", a->cmd->name);
	return NULL;
}
