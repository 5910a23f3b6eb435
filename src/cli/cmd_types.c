/* cmd_types.c - `claimpack types`: the document types of a manifest. */
#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

/* Terminal columns of a label of CJK ideographs: two per character. */
static size_t
display_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n += (unsigned char)*s >= 0x80 ? 2 : 1;
	return n;
}

int
cli_types(const cli_command *cmd, int argc, char **argv)
{
	const cp_doctype *t;
	size_t i;

	/* --help is the one argument types takes. */
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cli_print_help(stdout, cmd);
		return CLI_OK;
	}
	if (argc > 1)
		return cli_usage_error(cmd, "types takes no arguments");
	for (i = 0; i < cp_doctype_count(); i++) {
		t = cp_doctype_at(i);
		printf("%-22s %-45s %s%*s%s\n", t->key, t->en, t->zh,
		    (int)(14 - display_width(t->zh)), "", t->pinyin);
	}
	return CLI_OK;
}
