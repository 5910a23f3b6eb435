/* usage.c - the usage lines and --help, made from the table of commands
 * (commands.c), so that they cannot drift from what getopt accepts. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "claimpack.h"
#include "cli.h"

/* Lines stay within 79 columns; help sentences start at HELP_COLUMN. */
#define WIDTH 79
#define HELP_COLUMN 28

static const char intro[] =
    "claimpack checks the papers of a medical claim from a hospital in\n"
    "China (fapiao, expense lists, discharge summary, reports...) before\n"
    "they are sent to an insurer or employer.\n";

static const char outro[] =
    "exit status: 0 no errors (build: bundle written), 1 errors found\n"
    "(--strict: or warnings; build: nothing written), 2 manifest,\n"
    "template, usage or file problem.\n"
    "request: 0 slip written, 2 manifest, template, usage or file problem.\n"
    "verify: 0 all valid, 1 any invalid, not found or mismatched, 2\n"
    "service unreachable.  Only verify with a service uses the network.\n"
    "See claimpack(1).\n";

/* Words printed one after another, a new line (indented) before a word
 * that would pass WIDTH. */
typedef struct {
	FILE *out;
	size_t col;
	size_t indent;
	bool fresh;         /* nothing yet on this line but the indent */
} wrap;

static void
put_word(wrap *w, const char *word, size_t len)
{
	if (!w->fresh && w->col + 1 + len > WIDTH) {
		fprintf(w->out, "\n%*s", (int)w->indent, "");
		w->col = w->indent;
		w->fresh = true;
	}
	if (!w->fresh) {
		fputc(' ', w->out);
		w->col++;
	}
	fwrite(word, 1, len, w->out);
	w->col += len;
	w->fresh = false;
}

/* Puts each word of a sentence. */
static void
put_text(wrap *w, const char *text)
{
	size_t n;

	for (;;) {
		text += strspn(text, " ");
		if ((n = strcspn(text, " ")) == 0)
			break;
		put_word(w, text, n);
		text += n;
	}
}

/* "-o OUT.pdf", "--json": how the usage line spells an option. */
static void
spell(char *buf, size_t size, const cli_option *o)
{
	if (o->letter != 0)
		snprintf(buf, size, "-%c%s%s", o->letter, o->arg ? " " : "",
		    o->arg ? o->arg : "");
	else
		snprintf(buf, size, "--%s%s%s", o->name, o->arg ? " " : "",
		    o->arg ? o->arg : "");
}

/* "[--max-size SIZE [--min-dpi N]]": an option with those that only
 * qualify it inside its brackets. */
static void
bracket(char *buf, size_t size, const cli_option *o,
    const cli_option *const *all)
{
	char one[128];
	size_t len;

	spell(one, sizeof(one), o);
	snprintf(buf, size, "[%s", one);
	for (; *all != NULL; all++) {
		if ((*all)->within == NULL || strcmp((*all)->within, o->name) != 0)
			continue;
		spell(one, sizeof(one), *all);
		len = strlen(buf);
		snprintf(buf + len, size - len, " [%s]", one);
	}
	len = strlen(buf);
	snprintf(buf + len, size - len, "]");
}

/* "claimpack build CLAIM.yaml [-o OUT.pdf] ...", after `lead`
 * ("usage: " or as many spaces). */
static void
usage_line(FILE *out, const char *lead, const cli_command *cmd)
{
	const cli_option *const *o;
	char item[512];
	wrap w = { out, 0, 0, true };

	w.col = (size_t)fprintf(out, "%sclaimpack %s", lead, cmd->name);
	w.indent = w.col + 1;
	w.fresh = false;
	if (cmd->operands[0] != '\0')
		put_text(&w, cmd->operands);
	for (o = cmd->options; *o != NULL; o++) {
		if ((*o)->within != NULL)
			continue;
		bracket(item, sizeof(item), *o, cmd->options);
		put_word(&w, item, strlen(item));
	}
	fputc('\n', out);
}

void
cli_print_usage(FILE *out, const cli_command *cmd)
{
	const cli_command *c;
	const char *lead = "usage: ";

	if (cmd != NULL) {
		usage_line(out, lead, cmd);
		return;
	}
	for (c = cli_commands; c->name != NULL; c++, lead = "       ")
		usage_line(out, lead, c);
	fprintf(out, "%sclaimpack --help | --version\n", lead);
}

/* `label` at `indent`, then `text` from HELP_COLUMN (on the next line
 * when the label reaches it). */
static void
help_row(FILE *out, size_t indent, const char *label, const char *text)
{
	wrap w = { out, 0, HELP_COLUMN, true };

	w.col = (size_t)fprintf(out, "%*s%s", (int)indent, "", label);
	if (w.col + 2 > HELP_COLUMN) {
		fputc('\n', out);
		w.col = 0;
	}
	fprintf(out, "%*s", (int)(HELP_COLUMN - w.col), "");
	w.col = HELP_COLUMN;
	put_text(&w, text);
	fputc('\n', out);
}

/* A command, what it does, and its options (or, when an earlier command
 * takes the same ones, which). */
static void
command_help(FILE *out, const cli_command *cmd, const cli_command *same)
{
	const cli_option *const *o;
	char label[128], arg[64];

	snprintf(label, sizeof(label), "%s%s%s", cmd->name,
	    cmd->operands[0] ? " " : "", cmd->operands);
	help_row(out, 2, label, cmd->help);
	if (same != NULL && cmd->options[0] != NULL) {
		fprintf(out, "    options as for %s\n", same->name);
		return;
	}
	for (o = cmd->options; *o != NULL; o++) {
		snprintf(arg, sizeof(arg), "%s%s", (*o)->arg ? " " : "",
		    (*o)->arg ? (*o)->arg : "");
		if ((*o)->letter != 0)
			snprintf(label, sizeof(label), "-%c, --%s%s",
			    (*o)->letter, (*o)->name, arg);
		else
			snprintf(label, sizeof(label), "--%s%s", (*o)->name, arg);
		help_row(out, 4, label, (*o)->help);
	}
}

void
cli_print_help(FILE *out, const cli_command *cmd)
{
	const cli_command *c, *same;

	cli_print_usage(out, cmd);
	fputc('\n', out);
	if (cmd != NULL) {
		command_help(out, cmd, NULL);
		return;
	}
	fputs(intro, out);
	fputs("\ncommands:\n", out);
	for (c = cli_commands; c->name != NULL; c++) {
		for (same = cli_commands; same != c; same++)
			if (same->options == c->options)
				break;
		command_help(out, c, same != c ? same : NULL);
	}
	fputc('\n', out);
	fputs(outro, out);
}

int
cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vwarn(fmt, ap);
	va_end(ap);
	cli_print_usage(stderr, cmd);
	return CLI_TROUBLE;
}
