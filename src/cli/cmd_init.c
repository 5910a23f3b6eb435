/* cmd_init.c - `claimpack init`: a manifest to review, written from a
 * folder of papers. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimpack.h"
#include "cli.h"

/* One line on the terminal, rewritten as each file is read, and wiped
 * at the end. */
static void
on_progress(void *ctx, size_t done, size_t total, const char *file)
{
	int *width = ctx;
	int n;

	if (done >= total) {
		fprintf(stderr, "\r%*s\r", *width, "");
		*width = 0;
		return;
	}
	n = fprintf(stderr, "\rreading %zu of %zu: %.60s", done + 1, total,
	    file);
	if (n < *width)
		fprintf(stderr, "%*s", *width - n, "");
	if (n > *width)
		*width = n;
	fflush(stderr);
}

int
cli_init(const cli_command *cmd, int argc, char **argv)
{
	cp_init_options opts = { NULL, NULL, NULL, NULL };
	cp_init *init = NULL;
	const char *folder, *out_arg = NULL;
	char *out = NULL, *summary = NULL;
	bool force = false, quiet = false;
	struct stat st;
	cli_args args;
	cp_error err;
	int c, rc, width = 0, status = CLI_TROUBLE;

	cli_args_begin(&args, cmd, argc, argv);
	while ((c = cli_args_next(&args)) != -1) {
		switch (c) {
		case CLI_OPT_OUTPUT:
			out_arg = optarg;
			break;
		case CLI_OPT_PURPOSE:
			opts.purpose = optarg;
			break;
		case CLI_OPT_FORCE:
			force = true;
			break;
		case CLI_OPT_QUIET:
			quiet = true;
			break;
		default:
			return cli_args_stop(&args, c);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(cmd, optind >= argc ? "init needs the "
		    "folder that holds the papers" : "init takes one folder");
	folder = argv[optind];
	out = out_arg != NULL ? strdup(out_arg) : malloc(strlen(folder) + 12);
	if (out == NULL) {
		cli_warn("out of memory");
		return CLI_TROUBLE;
	}
	if (out_arg == NULL) {
		size_t n = strlen(folder);

		while (n > 1 && folder[n - 1] == '/')
			n--;
		snprintf(out, strlen(folder) + 12, "%.*s/claim.yaml", (int)n,
		    folder);
	}
	/* Refused before the papers are read: the manifest may hold hours
	 * of typing. */
	if (!force && lstat(out, &st) == 0) {
		cli_warn("%s exists already; init does not replace a manifest "
		    "(it may hold your typing): give --force to replace it, or "
		    "-o to write another", out);
		goto done;
	}
	opts.manifest_path = out;
	if (!quiet && isatty(STDERR_FILENO)) {
		opts.progress = on_progress;
		opts.progress_ctx = &width;
	}
	if ((rc = cp_init_scan(&init, folder, &opts, &err)) != CP_OK) {
		if (width > 0)
			on_progress(&width, 1, 1, "");
		cli_warn_error(&err);
		goto done;
	}
	if ((rc = cp_init_write(init, out, force, &err)) != CP_OK) {
		if (rc == CP_EINVAL)
			cli_warn("%s exists already (it appeared while the "
			    "papers were read); it was left as it is", out);
		else
			cli_warn_error(&err);
		goto done;
	}
	if (!quiet) {
		if ((summary = cp_init_summary(init, out)) == NULL) {
			cli_warn("out of memory");
			goto done;
		}
		fputs(summary, stdout);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("cannot write to standard output");
		goto done;
	}
	status = CLI_OK;
done:
	free(summary);
	free(out);
	cp_init_free(init);
	return status;
}
