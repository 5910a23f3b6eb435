/* stand_in.c - a file the build cannot draw, replaced by pages that say
 * so, only when check reported it (see build.h). */
#include <stdbool.h>
#include <string.h>

#include "bundle/build.h"

/* Whether `check` reported an error for the file `written` of document
 * `doc`: the build goes on past it only then (under --force). */
static bool
check_refused(const cp_report *report, const cp__document *doc,
    const char *written)
{
	const cp_finding *fd;
	size_t i;

	for (i = 0; i < cp_report_count(report); i++) {
		fd = cp_report_at(report, i);
		if (fd->severity == CP_SEVERITY_ERROR && fd->file != NULL &&
		    fd->document != NULL && strcmp(fd->file, written) == 0 &&
		    strcmp(fd->document, doc->id) == 0)
			return true;
	}
	return false;
}

int
cp__build_stand_in(cp__build *b, const cp__document *doc,
    const char *written, size_t file, size_t pages, int rc,
    const cp_error *failed, cp_error *err)
{
	cp__source *stand_in;

	if (rc == CP_OK)
		return CP_OK;
	/* Only a file the user was told about: any other failure stops
	 * the build, never a page silently replaced. */
	if (rc != CP_EIO || !check_refused(b->render.report, doc, written)) {
		if (err != NULL)
			*err = *failed;
		return rc;
	}
	if ((rc = cp__source_placeholder(&stand_in, written, pages,
	    failed->message, err)) != CP_OK)
		return rc;
	cp__source_close(b->sources[file], &b->env);
	b->sources[file] = stand_in;
	return CP_OK;
}

int
cp__build_file_pdf(cp__build *b, size_t d, size_t file, const char **pdf,
    cp_error *err)
{
	cp_error failed;
	int rc;

	memset(&failed, 0, sizeof(failed));
	rc = cp__source_pdf(b->sources[file], &b->env, pdf, &failed);
	if ((rc = cp__build_stand_in(b, cp__plan_document(b->plan, d),
	    b->sources[file]->written, file, b->plan->file_pages[file], rc,
	    &failed, err)) != CP_OK)
		return rc;
	return cp__source_pdf(b->sources[file], &b->env, pdf, err);
}
