/* report_print.c - findings as text, grouped by severity. */
#include <stdbool.h>
#include <stdio.h>

#include "claimpack.h"
#include "cli.h"

static const struct {
	cp_severity severity;
	const char *heading;
} groups[] = {
	{ CP_SEVERITY_ERROR, "Errors" },
	{ CP_SEVERITY_WARNING, "Warnings" },
	{ CP_SEVERITY_NOTICE, "Notices" },
};

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
cli_print_report(FILE *out, const cp_report *report, const char *manifest,
    const char *template_name, bool strict)
{
	const cp_finding *f;
	size_t g, i, n, errors, warnings, notices;

	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		n = cp_report_count_severity(report, groups[g].severity);
		if (n == 0)
			continue;
		fprintf(out, "%s (%zu)\n", groups[g].heading, n);
		for (i = 0; i < cp_report_count(report); i++) {
			f = cp_report_at(report, i);
			if (f->severity != groups[g].severity)
				continue;
			fprintf(out, "  %-7s %s", cp_severity_name(f->severity),
			    f->check);
			if (f->document[0] && f->file[0])
				fprintf(out, " [%s %s]", f->document, f->file);
			else if (f->document[0])
				fprintf(out, " [%s]", f->document);
			fprintf(out, ": %s\n", f->message);
		}
		fprintf(out, "\n");
	}
	errors = cp_report_count_severity(report, CP_SEVERITY_ERROR);
	warnings = cp_report_count_severity(report, CP_SEVERITY_WARNING);
	notices = cp_report_count_severity(report, CP_SEVERITY_NOTICE);
	fprintf(out, "%s (%s template): %zu %s, %zu %s, %zu %s - %s\n", manifest,
	    template_name, errors, plural(errors, "error", "errors"),
	    warnings, plural(warnings, "warning", "warnings"), notices,
	    plural(notices, "notice", "notices"),
	    errors > 0 ? "fix the errors before sending the claim" :
	    warnings > 0 && strict ? "--strict: fix the warnings too" :
	    warnings > 0 ? "ready to send; read the warnings first" :
	    "ready to send");
}

