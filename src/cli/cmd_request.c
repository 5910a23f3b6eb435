/* cmd_request.c - `claimpack request`: the slip a patient still in China
 * shows at the hospital, asking for the missing papers and for names to
 * be corrected. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimpack.h"
#include "cli.h"

/* One line per hospital: what its page asks for. */
static void
on_page(void *ctx, const cp_request_page *page)
{
	(void)ctx;
	if (page->hospital != NULL)
		printf("%s: ", page->hospital);
	else
		printf("episode %s (no hospital named; its page is headed with "
		    "its dates): ", page->episode);
	if (page->papers == 0 && page->names == 0) {
		printf("nothing to ask, and its page says so\n");
		return;
	}
	if (page->papers > 0)
		printf("%zu paper%s to ask for", page->papers,
		    page->papers == 1 ? "" : "s");
	if (page->papers > 0 && page->names > 0)
		printf(", ");
	if (page->names > 0)
		printf("%zu name%s to correct", page->names,
		    page->names == 1 ? "" : "s");
	if (page->pages > 1)
		printf(" (%zu pages)", page->pages);
	printf("\n");
}

int
cli_request(const cli_command *cmd, int argc, char **argv)
{
	const char *template_arg = NULL, *out_arg = NULL, *manifest;
	cp_request_options opts = CP_REQUEST_OPTIONS_INIT;
	cp_claim *claim = NULL;
	cp_template *tpl = NULL;
	cp_report *warnings = NULL;
	cp_error err;
	cli_args args;
	char *out = NULL;
	bool quiet = false;
	size_t i;
	int c, status = CLI_TROUBLE;

	cli_args_begin(&args, cmd, argc, argv);
	while ((c = cli_args_next(&args)) != -1) {
		switch (c) {
		case CLI_OPT_OUTPUT:
			out_arg = optarg;
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
		default:
			return cli_args_stop(&args, c);
		}
	}
	if ((manifest = cli_args_manifest(&args)) == NULL)
		return CLI_TROUBLE;
	opts.tempfile = cli_on_tempfile;
	if (!quiet)
		opts.page = on_page;
	cli_guard_tempfile();

	if ((out = out_arg != NULL ? strdup(out_arg) :
	    cli_default_output(manifest, "-request.pdf")) == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	/* The papers themselves are not read: what is missing and which
	 * names are wrong is what the manifest says. */
	if (cli_claim_load(&claim, manifest) != CLI_OK)
		goto done;
	if (cp_template_load_for_claim(&tpl, claim, template_arg, &err) !=
	    CP_OK ||
	    cp_request_build(claim, tpl, out, &opts, &warnings, &err) !=
	    CP_OK) {
		cli_warn_error(&err);
		goto done;
	}
	for (i = 0; i < cp_report_count(warnings); i++)
		cli_warn("warning: %s", cp_report_at(warnings, i)->message);
	if (!quiet)
		printf("%s\n", out);
	status = CLI_OK;
done:
	cp_report_free(warnings);
	cp_template_free(tpl);
	cp_claim_free(claim);
	free(out);
	return status;
}
