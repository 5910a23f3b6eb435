/* cmd_read.c - `claimpack read`: what claimpack reads off each paper. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "claimpack.h"
#include "cli.h"

int
cli_read(const cli_command *cmd, int argc, char **argv)
{
	cp_reading *reading = NULL;
	cli_args args;
	cp_error err;
	char *out = NULL;
	bool as_json = false;
	int c, rc, status = CLI_TROUBLE;

	cli_args_begin(&args, cmd, argc, argv);
	while ((c = cli_args_next(&args)) != -1) {
		switch (c) {
		case CLI_OPT_JSON:
			as_json = true;
			break;
		default:
			return cli_args_stop(&args, c);
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "read needs the files or folders "
		    "of the papers to read");
	rc = cp_read_files(&reading, (const char *const *)argv + optind,
	    (size_t)(argc - optind), &err);
	if (rc != CP_OK) {
		cli_warn_error(&err);
		return CLI_TROUBLE;
	}
	rc = as_json ? cp_reading_to_json(&out, reading, &err) :
	    cp_reading_to_text(&out, reading, &err);
	if (rc != CP_OK) {
		cli_warn_error(&err);
		goto done;
	}
	fputs(out, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("cannot write to standard output");
		goto done;
	}
	if (cp_reading_count(reading) == 0)
		cli_warn("no files to read there");
	status = cp_reading_unreadable(reading) > 0 ? CLI_FINDINGS : CLI_OK;
done:
	free(out);
	cp_reading_free(reading);
	return status;
}
