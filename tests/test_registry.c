/* test_registry.c - the registry of checks: every finding id with its
 * family, severity and documentation, and docs/checks.md saying the same.
 *
 * Run from the source tree's top folder (make unit does): the test reads
 * docs/checks.md from there. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "check/registry.h"
#include "support.h"

#define CHECKS_MD "docs/checks.md"

/* The headers of docs/checks.md's tables that the registry holds. */
#define CHECK_HEADER "| check id | family | severity | fires when |"
#define FAMILY_HEADER "| family | cover label | on the cover |"

/* ---- reading docs/checks.md's tables -------------------------------- */

#define MAX_ROWS 128
#define DOCS_CAP 65536          /* room for registry_as_docs's text */

typedef struct {
	char *cell[4];
	int line;
} row;

typedef struct {
	row checks[MAX_ROWS];
	size_t nchecks;
	row families[MAX_ROWS];
	size_t nfamilies;
	char problems[4096];    /* one per line: what differs */
	size_t nproblems;
} docs;

static void
problem(docs *d, const char *fmt, ...)
{
	size_t len = strlen(d->problems);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->problems + len, sizeof(d->problems) - len, fmt, ap);
	va_end(ap);
	len = strlen(d->problems);
	if (len + 1 < sizeof(d->problems)) {
		d->problems[len] = '\n';
		d->problems[len + 1] = '\0';
	}
	d->nproblems++;
}

/* Splits a table row "| a | b | c |", in place, into `n` cells. */
static bool
split_row(char *line, char **cell, size_t n)
{
	size_t len = strlen(line), i;
	char *p, *sep;

	if (len < 4 || strncmp(line, "| ", 2) != 0 ||
	    strcmp(line + len - 2, " |") != 0)
		return false;
	line[len - 2] = '\0';
	p = line + 2;
	for (i = 0; i < n - 1; i++) {
		if ((sep = strstr(p, " | ")) == NULL)
			return false;
		*sep = '\0';
		cell[i] = p;
		p = sep + 3;
	}
	cell[n - 1] = p;
	return strstr(p, " | ") == NULL;
}

/* Collects the rows of every table under CHECK_HEADER or FAMILY_HEADER
 * in `text` (changed in place). */
static void
docs_parse(docs *d, char *text)
{
	row *rows = NULL;
	size_t *nrows = NULL, ncells = 0;
	char *line, *next;
	int no = 0;

	memset(d, 0, sizeof(*d));
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		no++;
		if (strcmp(line, CHECK_HEADER) == 0) {
			rows = d->checks, nrows = &d->nchecks, ncells = 4;
			continue;
		}
		if (strcmp(line, FAMILY_HEADER) == 0) {
			rows = d->families, nrows = &d->nfamilies, ncells = 3;
			continue;
		}
		if (line[0] != '|') {
			rows = NULL;
			continue;
		}
		if (rows == NULL || strncmp(line, "|---", 4) == 0)
			continue;
		if (*nrows == MAX_ROWS) {
			problem(d, "line %d: more than %d rows", no, MAX_ROWS);
			continue;
		}
		if (!split_row(line, rows[*nrows].cell, ncells)) {
			problem(d, "line %d: not a row of %zu cells: %s", no,
			    ncells, line);
			continue;
		}
		rows[*nrows].line = no;
		(*nrows)++;
	}
}

/* Compares the tables read by docs_parse with the registry, noting every
 * difference as a problem. */
static void
docs_compare(docs *d)
{
	const cp__registry_family *fam;
	const cp__registry_check *c;
	char id[128], label[256];
	size_t i, j, len;
	row *r;

	for (i = 0; i < d->nchecks; i++) {
		r = &d->checks[i];
		len = strlen(r->cell[0]);
		if (len < 3 || len >= sizeof(id) || r->cell[0][0] != '`' ||
		    r->cell[0][len - 1] != '`') {
			problem(d, "line %d: the check id %s is not in "
			    "`backticks`", r->line, r->cell[0]);
			continue;
		}
		memcpy(id, r->cell[0] + 1, len - 2);
		id[len - 2] = '\0';
		for (j = 0; j < i; j++)
			if (strcmp(d->checks[j].cell[0], r->cell[0]) == 0)
				problem(d, "line %d: %s is listed twice",
				    r->line, id);
		if ((c = cp__registry_find(id)) == NULL) {
			problem(d, "line %d: %s is not in the registry",
			    r->line, id);
			continue;
		}
		if (strcmp(r->cell[1], c->family->key) != 0)
			problem(d, "line %d: %s: family %s, the registry "
			    "says %s", r->line, id, r->cell[1], c->family->key);
		if (strcmp(r->cell[2], cp_severity_name(c->severity)) != 0)
			problem(d, "line %d: %s: severity %s, the registry "
			    "says %s", r->line, id, r->cell[2],
			    cp_severity_name(c->severity));
		if (strcmp(r->cell[3], c->doc) != 0)
			problem(d, "line %d: %s: the line differs from the "
			    "registry's:\n  docs:     %s\n  registry: %s",
			    r->line, id, r->cell[3], c->doc);
	}
	for (i = 0; (c = cp__registry_at(i)) != NULL; i++) {
		snprintf(id, sizeof(id), "`%s`", c->id);
		for (j = 0; j < d->nchecks; j++)
			if (strcmp(d->checks[j].cell[0], id) == 0)
				break;
		if (j == d->nchecks)
			problem(d, "%s is in the registry, not in "
			    CHECKS_MD, c->id);
	}

	for (i = 0; i < d->nfamilies; i++) {
		r = &d->families[i];
		if ((fam = cp__registry_family_find(r->cell[0])) == NULL) {
			problem(d, "line %d: family %s is not in the registry",
			    r->line, r->cell[0]);
			continue;
		}
		snprintf(label, sizeof(label), "%s %s", fam->en, fam->zh);
		if (strcmp(r->cell[1], label) != 0)
			problem(d, "line %d: family %s: label %s, the registry "
			    "says %s", r->line, fam->key, r->cell[1], label);
		if (strcmp(r->cell[2], fam->on_cover ? "yes" : "no") != 0)
			problem(d, "line %d: family %s: on the cover %s, the "
			    "registry says %s", r->line, fam->key, r->cell[2],
			    fam->on_cover ? "yes" : "no");
		if (cp__registry_family_at(i) != fam)
			problem(d, "line %d: family %s is not in the "
			    "registry's (the cover's) order", r->line,
			    fam->key);
	}
	for (i = 0; (fam = cp__registry_family_at(i)) != NULL; i++) {
		for (j = 0; j < d->nfamilies; j++)
			if (strcmp(d->families[j].cell[0], fam->key) == 0)
				break;
		if (j == d->nfamilies)
			problem(d, "family %s is in the registry, not in "
			    CHECKS_MD, fam->key);
	}
}

/* The whole of a file, NUL-terminated; the caller frees it. */
static char *
slurp(const char *path)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		fail_msg("cannot open %s (%s): run the test from the source "
		    "tree's top folder, as make unit does", path,
		    strerror(errno));
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap + 1)) == NULL)
				fail_msg("out of memory");
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* The text of docs/checks.md's tables as the registry would write them,
 * so that the comparison can be shown to catch each kind of difference. */
static char *
registry_as_docs(void)
{
	const cp__registry_family *fam;
	const cp__registry_check *c;
	size_t i, cap = DOCS_CAP, len = 0;
	char *buf;

	if ((buf = malloc(cap)) == NULL)
		fail_msg("out of memory");
	len += (size_t)snprintf(buf + len, cap - len, "%s\n|---|---|---|\n",
	    FAMILY_HEADER);
	for (i = 0; (fam = cp__registry_family_at(i)) != NULL; i++)
		len += (size_t)snprintf(buf + len, cap - len, "| %s | %s %s | "
		    "%s |\n", fam->key, fam->en, fam->zh,
		    fam->on_cover ? "yes" : "no");
	len += (size_t)snprintf(buf + len, cap - len,
	    "\ntext\n\n%s\n|---|---|---|---|\n", CHECK_HEADER);
	for (i = 0; (c = cp__registry_at(i)) != NULL; i++)
		len += (size_t)snprintf(buf + len, cap - len, "| `%s` | %s | "
		    "%s | %s |\n", c->id, c->family->key,
		    cp_severity_name(c->severity), c->doc);
	assert_true(len < cap);
	return buf;
}

/* Replaces the first `from` in `text` (from registry_as_docs, which
 * leaves room) with `to`. */
static void
replace(char *text, const char *from, const char *to)
{
	char *p = strstr(text, from);

	assert_non_null(p);
	assert_true(strlen(text) + strlen(to) < DOCS_CAP);
	memmove(p + strlen(to), p + strlen(from), strlen(p + strlen(from)) + 1);
	memcpy(p, to, strlen(to));
}

static size_t
problems_in(char *text, docs *d)
{
	docs_parse(d, text);
	docs_compare(d);
	return d->nproblems;
}

/* ---- the registry ------------------------------------------------------ */

static void
test_registry__every_id_is_found_once_with_its_family(void **state)
{
	const cp__registry_check *c;
	size_t i, j;

	(void)state;
	for (i = 0; (c = cp__registry_at(i)) != NULL; i++) {
		assert_ptr_equal(cp__registry_find(c->id), c);
		for (j = 0; j < i; j++)
			if (strcmp(cp__registry_at(j)->id, c->id) == 0)
				fail_msg("%s is in the registry twice", c->id);
		assert_non_null(c->family);
		assert_ptr_equal(cp__registry_family_find(c->family->key),
		    c->family);
		if (c->doc == NULL || c->doc[0] == '\0')
			fail_msg("%s has no documentation", c->id);
	}
	/* Every family of the checks, the verification and the build. */
	assert_true(i >= 32);
	assert_non_null(cp__registry_find("image-broken"));
	assert_non_null(cp__registry_find("invoice-unverified"));
	assert_non_null(cp__registry_find("glyph-missing"));
	assert_null(cp__registry_at(i));
	assert_null(cp__registry_at((size_t)-1));
}

static void
test_registry__unknown_ids_and_families_are_not_found(void **state)
{
	(void)state;
	assert_null(cp__registry_find("no-such-check"));
	assert_null(cp__registry_find("file-"));
	assert_null(cp__registry_find("image-broken "));
	assert_null(cp__registry_find(""));
	assert_null(cp__registry_find(NULL));
	assert_null(cp__registry_family_find("Files"));
	assert_null(cp__registry_family_find(NULL));
	assert_null(cp__registry_family_at((size_t)-1));
}

static void
test_registry__severities_the_ids_always_had(void **state)
{
	static const struct {
		const char *id;
		cp_severity severity;
		const char *family;
	} want[] = {
		{ "image-broken", CP_SEVERITY_ERROR, "files" },
		{ "pdf-restricted", CP_SEVERITY_NOTICE, "files" },
		{ "file-duplicate", CP_SEVERITY_WARNING, "files" },
		{ "name-partial", CP_SEVERITY_WARNING, "names" },
		{ "total-mismatch", CP_SEVERITY_ERROR, "totals" },
		{ "imaging-unpaired", CP_SEVERITY_WARNING, "completeness" },
		{ "invoice-verify-stale", CP_SEVERITY_WARNING, "invoices" },
		{ "invoice-unverified", CP_SEVERITY_ERROR, "invoices" },
		{ "glyph-missing", CP_SEVERITY_WARNING, "build" },
	};
	const cp__registry_check *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if ((c = cp__registry_find(want[i].id)) == NULL)
			fail_msg("%s is not in the registry", want[i].id);
		assert_int_equal(c->severity, want[i].severity);
		assert_string_equal(c->family->key, want[i].family);
	}
}

/* Defect 1 for good: an error in a family the cover does not show would
 * leave every tick on the cover green. */
static void
test_registry__every_error_is_in_a_family_the_cover_shows(void **state)
{
	const cp__registry_family *fam;
	const cp__registry_check *c;
	size_t i, shown = 0;

	(void)state;
	for (i = 0; (c = cp__registry_at(i)) != NULL; i++)
		if (c->severity == CP_SEVERITY_ERROR && !c->family->on_cover)
			fail_msg("%s is an error in family %s, which the cover "
			    "does not show", c->id, c->family->key);
	for (i = 0; (fam = cp__registry_family_at(i)) != NULL; i++) {
		/* Those on the cover come first, in the cover's order. */
		if (fam->on_cover && shown++ != i)
			fail_msg("family %s is on the cover after one that is "
			    "not", fam->key);
		assert_non_null(fam->en);
		assert_non_null(fam->zh);
	}
	assert_int_equal(shown, 6);
	assert_string_equal(cp__registry_family_at(0)->en, "Files");
	assert_string_equal(cp__registry_family_at(0)->zh, "文件");
}

/* ---- docs/checks.md ------------------------------------------------- */

static void
test_registry__docs_checks_md_agrees_with_the_registry(void **state)
{
	static docs d;
	char *text = slurp(CHECKS_MD);

	(void)state;
	docs_parse(&d, text);
	docs_compare(&d);
	if (d.nchecks == 0 || d.nfamilies == 0)
		fail_msg(CHECKS_MD " has no table headed \"%s\" or \"%s\"",
		    CHECK_HEADER, FAMILY_HEADER);
	if (d.nproblems > 0) {
		fprintf(stderr, CHECKS_MD " and src/lib/check/registry.c "
		    "differ:\n%s", d.problems);
		fail_msg("%zu differences", d.nproblems);
	}
	free(text);
}

/* Changes `from` into `to` in the registry's own tables and expects the
 * comparison to find `n` differences, the first saying `what`. */
static void
expect_caught(const char *from, const char *to, size_t n, const char *what)
{
	static docs d;
	char *text = registry_as_docs();

	replace(text, from, to);
	if (problems_in(text, &d) != n)
		fail_msg("%s -> %s: %zu differences, not %zu:\n%s", from, to,
		    d.nproblems, n, d.problems);
	ts_assert_contains(d.problems, what);
	free(text);
}

/* The comparison above catches each kind of difference. */
static void
test_registry__the_comparison_catches_each_difference(void **state)
{
	static docs d;
	char *text = registry_as_docs();

	(void)state;
	assert_int_equal(problems_in(text, &d), 0);
	assert_int_equal(d.nfamilies, 7);
	free(text);

	/* A severity, a family, a line, an id on either side. */
	expect_caught("| `image-broken` | files | error |",
	    "| `image-broken` | files | notice |", 1, "severity notice");
	expect_caught("| `glyph-missing` | build |",
	    "| `glyph-missing` | files |", 1, "family files");
	expect_caught("the same file (same device", "the same file (same inode",
	    1, "file-duplicate: the line differs");
	expect_caught("| `name-alias` |", "| `name-other` |", 2,
	    "name-other is not in the registry");
	expect_caught("| `name-alias` |", "| `name-other` |", 2,
	    "name-alias is in the registry, not");
	/* A family's label or place on the cover, a family on either side. */
	expect_caught("| dates | Dates 日期 | yes |",
	    "| dates | Dates 日期 | no |", 1, "family dates: on the cover no");
	expect_caught("| totals | Totals 金额 |", "| totals | Totals 总额 |", 1,
	    "label Totals 总额");
	expect_caught("| build |", "| built |", 2, "family built is not");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_registry__every_id_is_found_once_with_its_family),
		TS_TEST(test_registry__unknown_ids_and_families_are_not_found),
		TS_TEST(test_registry__severities_the_ids_always_had),
		TS_TEST(test_registry__every_error_is_in_a_family_the_cover_shows),
		TS_TEST(test_registry__docs_checks_md_agrees_with_the_registry),
		TS_TEST(test_registry__the_comparison_catches_each_difference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
