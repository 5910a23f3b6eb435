/*
 * fuzz_manifest.c - the manifest loader, then every check on what loads.
 *
 * The input is the manifest's text (up to its first NUL).  It is loaded
 * with cp__claim_load_text as "<empty temporary folder>/claim.yaml", so
 * that the file checks find nothing there (the folder is made once per
 * run and removed at exit).  A claim that loads is checked against the
 * built-in template its purpose names ("reimbursement" for any other),
 * and its report written as JSON; then the offline verification helpers
 * run on it (the sheet, cp_verify_check without results, the invoice
 * fields' hash).  Checked against claimpack.h:
 * - a failed load returns a documented status, leaves *out NULL and
 *   fills the cp_error with that code and a message that is NUL-
 *   terminated and valid UTF-8 ("All text is UTF-8");
 * - the list of every error (cp__claim_load_text_errors, as
 *   cp_claim_load_errors) holds at least one on failure (unless out of
 *   memory), none on success, at most CP_ERROR_LIST_MAX and no more
 *   than it counts; each error has the load's code, a message as above
 *   and a place, in the order of the file; its JSON parses into as many
 *   objects;
 * - a check run succeeds; every finding has its strings, and the counts
 *   by severity add up;
 * - the JSON report parses (jansson refuses invalid UTF-8 too) and its
 *   counts agree with the report;
 * - nothing leaks (LeakSanitizer).
 *
 * SOURCE_DATE_EPOCH is set so that "today" does not change during a run.
 * CP_FUZZ_SKIP_ERR_UTF8=1 in the environment turns off the UTF-8 check
 * of cp_error messages, to fuzz on while that known bug is open (see
 * docs/robustness.md).
 */
#include <unistd.h>

#include <jansson.h>

#include "manifest/claim.h"
#include "manifest/doctype.h"
#include "fuzz.h"

static char dir_path[4096];
static char manifest_path[4096];
/* The built-in templates, loaded once. */
static cp_template *templates[8];
static const char *template_names[8];
static size_t ntemplates;
static bool skip_err_utf8;

static void
cleanup(void)
{
	size_t i;

	for (i = 0; i < ntemplates; i++)
		cp_template_free(templates[i]);
	rmdir(dir_path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *const *names = cp_template_builtin_names();
	const char *tmp = getenv("TMPDIR");
	cp_error err;

	(void)argc;
	(void)argv;
	setenv("SOURCE_DATE_EPOCH", "1795000000", 1);   /* 2026-11-18 */
	skip_err_utf8 = getenv("CP_FUZZ_SKIP_ERR_UTF8") != NULL;
	snprintf(dir_path, sizeof(dir_path), "%s/cp-fuzz-manifest-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir_path) == NULL) {
		perror("fuzz_manifest: mkdtemp");
		exit(1);
	}
	snprintf(manifest_path, sizeof(manifest_path), "%s/claim.yaml",
	    dir_path);
	for (; *names != NULL && ntemplates < 8; names++) {
		if (cp_template_load(&templates[ntemplates], *names, &err) !=
		    CP_OK) {
			fprintf(stderr, "fuzz_manifest: template %s: %s\n",
			    *names, err.message);
			exit(1);
		}
		template_names[ntemplates++] = *names;
	}
	atexit(cleanup);
	return 0;
}

static bool
terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

/* The template the claim asks for, if built in, else "reimbursement"
 * (as the brief for this target says: no template files are read). */
static const cp_template *
template_for(const cp_claim *claim)
{
	const char *purpose = cp_claim_purpose(claim);
	size_t i;

	for (i = 0; i < ntemplates; i++)
		if (strcmp(purpose, template_names[i]) == 0)
			return templates[i];
	for (i = 0; i < ntemplates; i++)
		if (strcmp(template_names[i], "reimbursement") == 0)
			return templates[i];
	abort();
}

static void
check_report(const cp_report *report)
{
	size_t n = cp_report_count(report), i, by_severity[3] = { 0, 0, 0 };
	json_error_t jerr;
	json_t *root;
	char *json = NULL;
	cp_error err;

	for (i = 0; i < n; i++) {
		const cp_finding *f = cp_report_at(report, i);

		FZ_ASSERT(f != NULL);
		FZ_ASSERT(f->check != NULL && f->check[0] != '\0');
		FZ_ASSERT(f->document != NULL && f->file != NULL);
		FZ_ASSERT(f->message != NULL && f->message[0] != '\0');
		FZ_ASSERT(f->severity >= CP_SEVERITY_ERROR &&
		    f->severity <= CP_SEVERITY_NOTICE);
		/* Ordered by severity. */
		if (i > 0)
			FZ_ASSERT(cp_report_at(report, i - 1)->severity <=
			    f->severity);
		by_severity[f->severity]++;
	}
	FZ_ASSERT(cp_report_at(report, n) == NULL);
	FZ_ASSERT(cp_report_count_severity(report, CP_SEVERITY_ERROR) ==
	    by_severity[0]);
	FZ_ASSERT(cp_report_count_severity(report, CP_SEVERITY_WARNING) ==
	    by_severity[1]);
	FZ_ASSERT(cp_report_count_severity(report, CP_SEVERITY_NOTICE) ==
	    by_severity[2]);

	if (cp_report_to_json(&json, report, &err) != CP_OK)
		return;         /* out of memory */
	root = json_loads(json, 0, &jerr);
	if (root == NULL) {
		fprintf(stderr, "report JSON does not parse (%s at %d:%d):\n%s\n",
		    jerr.text, jerr.line, jerr.column, json);
		abort();
	}
	FZ_ASSERT(json_is_object(root));
	FZ_ASSERT(json_is_boolean(json_object_get(root, "ok")));
	FZ_ASSERT(json_integer_value(json_object_get(root, "errors")) ==
	    (json_int_t)by_severity[0]);
	FZ_ASSERT(json_integer_value(json_object_get(root, "warnings")) ==
	    (json_int_t)by_severity[1]);
	FZ_ASSERT(json_integer_value(json_object_get(root, "notices")) ==
	    (json_int_t)by_severity[2]);
	FZ_ASSERT(json_array_size(json_object_get(root, "findings")) == n);
	json_decref(root);
	free(json);
}

static void
check_claim(const cp_claim *claim)
{
	const cp_template *tpl = template_for(claim);
	cp_report *report = NULL, *vreport = NULL;
	char *sheet = NULL, hex[65];
	cp_error err;
	size_t d;
	int rc;

	rc = cp_check_run(&report, claim, tpl, &err);
	FZ_ASSERT(rc == CP_OK || rc == CP_ENOMEM);
	if (rc == CP_OK) {
		FZ_ASSERT(report != NULL);
		check_report(report);
	}

	/* The offline part of verification. */
	if (cp_verify_sheet(&sheet, claim, &err) == CP_OK) {
		FZ_ASSERT(sheet != NULL);
		free(sheet);
	}
	if (cp_verify_check(&vreport, claim, NULL, 1, &err) == CP_OK) {
		check_report(vreport);
		if (report != NULL)
			cp_report_append(report, vreport, &err);
		cp_report_free(vreport);
	}
	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];

		rc = cp_invoice_fields_sha256(hex, claim, doc->id);
		if (doc->type == CP__DT_FAPIAO && rc == CP_OK)
			FZ_ASSERT(strlen(hex) == 64);
	}
	cp_report_free(report);
}

static void
check_error(const cp_error *e, int code)
{
	FZ_ASSERT(e->code == code);
	FZ_ASSERT(terminated(e->message, sizeof(e->message)));
	FZ_ASSERT(terminated(e->path, sizeof(e->path)));
	FZ_ASSERT(e->message[0] != '\0');
	FZ_ASSERT(e->line >= 0 && e->column >= 0);
	if (!skip_err_utf8)
		FZ_ASSERT(fz_utf8_valid(e->message, strlen(e->message)));
}

/* The list of every error, as cp_claim_load_errors gives it. */
static void
check_error_list(const char *text, int rc_first)
{
	cp_claim *claim = (cp_claim *)&claim;
	cp_error_list *errors = (cp_error_list *)&errors;
	const cp_error *e, *prev = NULL;
	json_error_t jerr;
	json_t *root;
	cp_error err;
	char *json;
	size_t i, n;
	int rc;

	rc = cp__claim_load_text_errors(&claim, manifest_path, text, &err,
	    &errors);
	/* The same text gives the same answer (out of memory aside). */
	FZ_ASSERT(rc == rc_first || rc == CP_ENOMEM || rc_first == CP_ENOMEM);
	if (rc == CP_OK) {
		FZ_ASSERT(claim != NULL && errors == NULL);
		cp_claim_free(claim);
		return;
	}
	FZ_ASSERT(claim == NULL);
	if (errors == NULL) {
		FZ_ASSERT(rc == CP_ENOMEM);
		return;
	}
	n = cp_error_list_count(errors);
	FZ_ASSERT(n >= 1 && n <= CP_ERROR_LIST_MAX);
	FZ_ASSERT(cp_error_list_total(errors) >= n);
	FZ_ASSERT(cp_error_list_at(errors, n) == NULL);
	for (i = 0; i < n; i++) {
		e = cp_error_list_at(errors, i);
		FZ_ASSERT(e != NULL);
		check_error(e, rc);
		/* By line, then column; those without a line last. */
		if (prev != NULL && e->line > 0)
			FZ_ASSERT(prev->line > 0 && (prev->line < e->line ||
			    (prev->line == e->line &&
			    prev->column <= e->column)));
		prev = e;
	}
	if (cp_error_list_to_json(&json, errors, &err) == CP_OK) {
		root = json_loads(json, 0, &jerr);
		if (root == NULL) {
			fprintf(stderr, "error list JSON does not parse (%s):\n"
			    "%s\n", jerr.text, json);
			abort();
		}
		FZ_ASSERT(json_is_array(root) && json_array_size(root) == n);
		json_decref(root);
		free(json);
	}
	cp_error_list_free(errors);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp_claim *claim = (cp_claim *)&claim;   /* anything but NULL */
	cp_error err;
	char *text;
	int rc;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((text = fz_text(data, size)) == NULL)
		return 0;
	memset(&err, 'x', sizeof(err));
	rc = cp__claim_load_text(&claim, manifest_path, text, &err);
	check_error_list(text, rc);
	if (rc != CP_OK) {
		FZ_ASSERT(claim == NULL);
		FZ_ASSERT(rc == CP_EMANIFEST || rc == CP_ENOMEM);
		check_error(&err, rc);
		free(text);
		return 0;
	}
	FZ_ASSERT(claim != NULL);
	check_claim(claim);
	cp_claim_free(claim);
	free(text);
	return 0;
}
