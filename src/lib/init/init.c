/* init.c - `claimpack init`: a manifest to review, from a folder of
 * papers (the steps are listed in init_int.h). */
/* realpath() is X/Open's. */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "init/init_int.h"
#include "manifest/yaml.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/strbuf.h"
#include "util/utf8.h"

void
cp_init_free(cp_init *init)
{
	size_t i;

	if (init == NULL)
		return;
	for (i = 0; i < init->nfiles; i++) {
		free(init->files[i].rel);
		free(init->files[i].path);
		free(init->files[i].stem);
		cp__paper_free(init->files[i].facts);
	}
	free(init->files);
	for (i = 0; i < init->nimaging; i++) {
		free(init->imaging[i].rel);
		cp__imaging_free(&init->imaging[i].im);
	}
	free(init->imaging);
	for (i = 0; i < init->nskipped; i++) {
		free(init->skipped[i].rel);
		free(init->skipped[i].detail);
	}
	free(init->skipped);
	for (i = 0; i < init->ndocs; i++)
		free(init->docs[i].files);
	free(init->docs);
	free(init->episodes);
	cp__string_list_free(init->strings, init->nstrings);
	cp__init_names_free(init->names);
	free(init->folder);
	free(init->prefix);
	free(init->purpose);
	free(init);
}

/*
 * What to put before a path below `folder` so that it is relative to
 * the folder of the manifest at `manifest`: "" when the manifest is in
 * the folder, "papers/" when the folder is below it, "../papers/" and
 * so on; the folder's absolute path when they share nothing but "/".
 */
static char *
relative_prefix(const char *folder, const char *manifest)
{
	char *mdir = cp__path_folder(manifest), from[PATH_MAX], to[PATH_MAX];
	cp__strbuf sb = CP__STRBUF_INIT;
	const char *f, *t;
	size_t i, k;

	if (mdir == NULL)
		return NULL;
	if (realpath(mdir, from) == NULL || realpath(folder, to) == NULL) {
		free(mdir);
		/* Unresolvable: paths as the caller gave the folder. */
		return cp__sprintf("%s/", folder);
	}
	free(mdir);
	/* Both absolute and without "." or "..": compare them by whole
	 * components. */
	strcat(from, strcmp(from, "/") == 0 ? "" : "/");
	strcat(to, strcmp(to, "/") == 0 ? "" : "/");
	for (i = k = 0; from[i] != '\0' && from[i] == to[i]; i++)
		if (from[i] == '/')
			k = i + 1;
	if (k <= 1)
		return cp__strdup(to);
	for (f = from + k; *f != '\0'; f++)
		if (*f == '/')
			cp__strbuf_puts(&sb, "../");
	t = to + k;
	cp__strbuf_puts(&sb, t);
	return sb.data != NULL ? cp__strbuf_detach(&sb) : cp__strdup("");
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
cp_init_scan(cp_init **out, const char *folder,
    const cp_init_options *options, cp_error *err)
{
	cp_init_options none = { NULL, NULL, NULL, NULL };
	cp_template *tpl = NULL;
	cp_init *init;
	char *manifest = NULL;
	size_t n;
	double start = now();
	int rc;

	*out = NULL;
	if (options == NULL)
		options = &none;
	if (folder == NULL || folder[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "no folder "
		    "given");
	if ((init = calloc(1, sizeof(*init))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	init->today = cp__date_today();
	if ((init->folder = cp__strdup(folder)) == NULL ||
	    (init->purpose = cp__strdup(options->purpose != NULL ?
	    options->purpose : "reimbursement")) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto fail;
	}
	n = strlen(init->folder);
	while (n > 1 && init->folder[n - 1] == '/')
		init->folder[--n] = '\0';
	/* A purpose that is no template fails now, not at `check`. */
	if ((rc = cp_template_load(&tpl, init->purpose, err)) != CP_OK)
		goto fail;
	cp_template_free(tpl);
	manifest = options->manifest_path != NULL ?
	    cp__strdup(options->manifest_path) :
	    cp__sprintf("%s/claim.yaml", init->folder);
	if (manifest == NULL || (init->prefix = relative_prefix(init->folder,
	    manifest)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto fail;
	}
	if (!cp__utf8_valid(init->prefix, strlen(init->prefix)) ||
	    cp__has_control(init->prefix)) {
		rc = cp__error_set(err, CP_EIO, init->folder, 0, 0, "its path "
		    "is not UTF-8 text on one line, which a manifest cannot "
		    "hold: rename the folder, or write the manifest inside it");
		goto fail;
	}
	if ((rc = cp__init_names_load(&init->names, err)) != CP_OK ||
	    (rc = cp__init_find(init, manifest, options->progress,
	    options->progress_ctx, err)) != CP_OK)
		goto fail;
	if ((rc = cp__init_group(init)) != CP_OK ||
	    (rc = cp__init_facts(init)) != CP_OK) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
		goto fail;
	}
	init->seconds = now() - start;
	free(manifest);
	*out = init;
	return CP_OK;
fail:
	free(manifest);
	cp_init_free(init);
	return rc;
}

int
cp_init_write(const cp_init *init, const char *path, int replace,
    cp_error *err)
{
	cp__atomic a;
	char *text;
	int rc;

	if (init == NULL || path == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "nothing to write");
	if ((text = cp__init_manifest_text(init, NULL, NULL)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((rc = cp__atomic_open(&a, path, NULL, NULL, err)) == CP_OK) {
		a.no_replace = !replace;
		if ((rc = cp__atomic_write(&a, text, strlen(text), err)) ==
		    CP_OK)
			rc = cp__atomic_commit(&a, err);
		cp__atomic_free(&a);
	}
	free(text);
	return rc;
}
