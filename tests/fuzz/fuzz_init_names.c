/*
 * fuzz_init_names.c - what `claimpack init` reads off a file's path
 * (init/names.c): the type its name or folders call, a page number, a
 * date, a camera's time.
 *
 * The input is a path below the folder ("records/discharge_2.jpg"), any
 * bytes up to the first NUL.  Checked against init_int.h:
 * - it returns 0 (the input is small: no allocation fails);
 * - a type is a document type's index, or -1;
 * - a page is 1 to 999 with a stem that is a non-empty start of the
 *   file's name, or 0 without one; a camera's name has neither;
 * - a date in the name is a real day of 1990 to 2099;
 * - the same path read again gives the same facts.
 */
#include "claimpack.h"
#include "init/init_int.h"
#include "fuzz.h"

static cp__init_names *names;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	cp_error err;

	(void)argc;
	(void)argv;
	if (cp__init_names_load(&names, &err) != CP_OK)
		abort();
	return 0;
}

static void
check(const cp__init_file *f)
{
	const char *base = strrchr(f->rel, '/');
	int y, m, d;

	base = base != NULL ? base + 1 : f->rel;
	FZ_ASSERT(f->name_type >= -1 &&
	    f->name_type < (int)cp_doctype_count());
	FZ_ASSERT(f->folder_type >= -1 &&
	    f->folder_type < (int)cp_doctype_count());
	if (f->page > 0) {
		FZ_ASSERT(f->page <= 999);
		FZ_ASSERT(f->stem != NULL && f->stem[0] != '\0');
		FZ_ASSERT(strncmp(base, f->stem, strlen(f->stem)) == 0);
		FZ_ASSERT(!f->has_time);
	} else {
		FZ_ASSERT(f->stem == NULL);
	}
	if (f->has_name_date) {
		cp__date_to_ymd(f->name_date, &y, &m, &d);
		FZ_ASSERT(y >= 1990 && y <= 2099 && m >= 1 && m <= 12 &&
		    d >= 1 && d <= 31);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp__init_file a, b;
	char *rel;

	if (size > 4096 || (rel = fz_text(data, size)) == NULL)
		return 0;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.rel = b.rel = rel;
	FZ_ASSERT(cp__init_name_facts(names, &a) == 0);
	check(&a);
	FZ_ASSERT(cp__init_name_facts(names, &b) == 0);
	FZ_ASSERT(a.name_type == b.name_type && a.folder_type ==
	    b.folder_type && a.page == b.page && a.has_time == b.has_time &&
	    (!a.has_time || a.time == b.time) &&
	    a.has_name_date == b.has_name_date);
	free(a.stem);
	free(b.stem);
	free(rel);
	return 0;
}
