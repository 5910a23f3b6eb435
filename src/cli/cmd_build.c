/* cmd_build.c - `claimpack build` (the bundle) and `claimpack cover`
 * (the cover sheet alone). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "claimpack.h"
#include "cli.h"

/* libqpdf keeps every input PDF open until the bundle is written: a
 * claim of a thousand PDFs needs more than the usual soft limit. */
static void
raise_open_files(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Prints each file written: the bundle, or each part of it. */
static void
on_written(void *ctx, const char *path)
{
	if (*(const bool *)ctx == false)
		printf("%s\n", path);
}

static void
on_progress(void *ctx, size_t done, size_t total, const char *label,
    size_t pages)
{
	(void)ctx;
	fprintf(stderr, "[%zu/%zu] %s · %zu page%s\n", done, total, label,
	    pages, pages == 1 ? "" : "s");
}

/*
 * "5M", "10MB", "800K", "1.5M", "5000000": a size in bytes, in the
 * decimal units portals state limits in (5M = 5,000,000 bytes, which
 * also fits a limit meant as 5 MiB).  0 when it is not one.
 */
static uint64_t
parse_size(const char *s)
{
	uint64_t whole = 0, frac = 0, scale = 1, unit = 1;
	int digits = 0, fdigits = 0;

	for (; *s >= '0' && *s <= '9' && digits < 15; s++, digits++)
		whole = whole * 10 + (uint64_t)(*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && fdigits < 6; s++, fdigits++) {
			frac = frac * 10 + (uint64_t)(*s - '0');
			scale *= 10;
		}
	if (digits == 0)
		return 0;
	switch (*s) {
	case 'k': case 'K': unit = 1000; s++; break;
	case 'm': case 'M': unit = 1000000; s++; break;
	case 'g': case 'G': unit = 1000000000; s++; break;
	default: break;
	}
	if (unit > 1 && (*s == 'b' || *s == 'B'))
		s++;
	if (*s != '\0' || (fdigits > 0 && unit == 1))
		return 0;
	return whole * unit + frac * unit / scale;
}

static int
run(const cli_command *cmd, int argc, char **argv, bool cover)
{
	const char *template_arg = NULL, *out_arg = NULL, *manifest;
	cp_build_options opts = CP_BUILD_OPTIONS_INIT;
	cli_inputs in;
	cli_args args;
	cp_report *warnings = NULL;
	cp_error err;
	char *out = NULL, *summary = NULL;
	bool force = false, quiet = false, require_verified = false;
	char *end;
	size_t errors, i;
	int c, status = CLI_TROUBLE;

	cli_args_begin(&args, cmd, argc, argv);
	while ((c = cli_args_next(&args)) != -1) {
		switch (c) {
		case CLI_OPT_OUTPUT:
			out_arg = optarg;
			break;
		case CLI_OPT_FORCE:
			force = true;
			break;
		case CLI_OPT_QUIET:
			quiet = true;
			break;
		case CLI_OPT_PAPER:
			if (cli_args_paper(&args, &opts.paper) != CLI_OK)
				return CLI_TROUBLE;
			break;
		case CLI_OPT_TEMPLATE:
			template_arg = optarg;
			break;
		case CLI_OPT_FULL_PASSPORT:
			opts.full_passport = 1;
			break;
		case CLI_OPT_REQUIRE_VERIFIED:
			require_verified = true;
			break;
		case CLI_OPT_MAX_SIZE:
			if ((opts.max_size = parse_size(optarg)) == 0)
				return cli_usage_error(cmd, "--max-size takes "
				    "a size such as 5M, 10MB or 800K, not \"%s\"",
				    optarg);
			break;
		case CLI_OPT_SPLIT:
			if ((opts.split_size = parse_size(optarg)) == 0)
				return cli_usage_error(cmd, "--split takes a "
				    "size such as 5M or 800K, not \"%s\"", optarg);
			break;
		case CLI_OPT_MIN_DPI:
			opts.min_dpi = (unsigned)strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' ||
			    opts.min_dpi < 50 || opts.min_dpi > 600)
				return cli_usage_error(cmd, "--min-dpi takes a "
				    "resolution from 50 to 600, not \"%s\"",
				    optarg);
			break;
		default:
			return cli_args_stop(&args, c);
		}
	}
	if ((manifest = cli_args_manifest(&args)) == NULL)
		return CLI_TROUBLE;
	opts.cover_only = cover;
	if (!quiet && isatty(STDERR_FILENO) && !cover)
		opts.progress = on_progress;
	opts.tempfile = cli_on_tempfile;
	opts.written = on_written;
	opts.written_ctx = &quiet;
	if (!quiet)
		opts.summary = &summary;
	cli_guard_tempfile();
	raise_open_files();

	memset(&in, 0, sizeof(in));
	if ((out = out_arg != NULL ? strdup(out_arg) :
	    cli_default_output(manifest, cover ? "-cover.pdf" : ".pdf")) == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	if (cli_inputs_load(&in, manifest, template_arg, require_verified,
	    false) != CLI_OK)
		goto done;
	/* The cover shows the stored results next to the invoices they
	 * still match (the report holds the warnings about the others). */
	opts.verification = in.verification;
	errors = cp_report_count_severity(in.report, CP_SEVERITY_ERROR);
	if (errors > 0 && !force) {
		cli_print_report(stderr, in.report, manifest,
		    cp_template_name(in.tpl), false);
		cli_warn("nothing was built: fix the errors above, or build "
		    "anyway with --force (the cover then lists them)");
		status = CLI_FINDINGS;
		goto done;
	}
	if (cp_bundle_build(in.claim, in.tpl, in.report, out, &opts,
	    &warnings, &err) != CP_OK) {
		cli_warn_error(&err);
		/* Too big to fit is about the claim, not a failure to run. */
		if (err.code == CP_ETOOBIG)
			status = CLI_FINDINGS;
		goto done;
	}
	for (i = 0; i < cp_report_count(warnings); i++)
		cli_warn("warning: %s", cp_report_at(warnings, i)->message);
	/* After the path of each file written: what it holds, what to send
	 * beside it, and what check found, as `check` prints it. */
	if (!quiet) {
		if (summary != NULL)
			fputs(summary, stdout);
		putchar('\n');
		cli_print_report(stdout, in.report, manifest,
		    cp_template_name(in.tpl), false);
	}
	if (!quiet && errors > 0)
		cli_warn("built despite %zu failed check%s (--force): the "
		    "cover lists them", errors, errors == 1 ? "" : "s");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("cannot write the summary to standard output");
		goto done;
	}
	status = CLI_OK;
done:
	free(summary);
	cp_report_free(warnings);
	cli_inputs_free(&in);
	free(out);
	return status;
}

int
cli_build(const cli_command *cmd, int argc, char **argv)
{
	return run(cmd, argc, argv, false);
}

int
cli_cover(const cli_command *cmd, int argc, char **argv)
{
	return run(cmd, argc, argv, true);
}
