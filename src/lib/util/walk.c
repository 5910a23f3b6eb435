/* walk.c - walking a folder tree in byte order, bounded. */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/strbuf.h"
#include "util/walk.h"

typedef struct {
	cp__walk_fn fn;
	void *ctx;
	size_t entries;
	cp_error *err;
	bool follow;            /* stat() symbolic links, or lstat() */
} walk;

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The names in folder `path`, sorted; each counts in *entries, which
 * may not pass `max`. */
static int
read_folder(const char *path, size_t *entries, size_t max, cp_error *err,
    char ***out, size_t *count)
{
	struct dirent *de;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0;
	DIR *dir;
	int rc = CP_OK;

	*out = NULL;
	*count = 0;
	if ((dir = opendir(path)) == NULL)
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "cannot open the folder (%s)", strerror(errno));
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (++*entries > max) {
			rc = cp__error_set(err, CP_EIO, path, 0, 0, "holds "
			    "more than %zu files", max);
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				rc = CP_ENOMEM;
				break;
			}
			names = grown;
		}
		if ((names[n] = cp__strdup(de->d_name)) == NULL) {
			rc = CP_ENOMEM;
			break;
		}
		n++;
	}
	closedir(dir);
	if (rc == CP_ENOMEM)
		cp__error_set(err, CP_ENOMEM, path, 0, 0, "out of memory");
	if (rc != CP_OK) {
		names_free(names, n);
		return rc;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	*out = names;
	*count = n;
	return CP_OK;
}

/* The names in folder `path`, sorted; counts them against the limit. */
static int
read_names(walk *w, const char *path, char ***out, size_t *count)
{
	return read_folder(path, &w->entries, CP__WALK_MAX_ENTRIES, w->err,
	    out, count);
}

int
cp__folder_names(const char *path, size_t max, char ***out, size_t *count,
    cp_error *err)
{
	size_t entries = 0;

	return read_folder(path, &entries, max, err, out, count);
}

void
cp__folder_names_free(char **names, size_t count)
{
	names_free(names, count);
}

static int
walk_folder(walk *w, const char *path, const char *rel, int depth)
{
	struct stat st;
	char **names, *child, *child_rel;
	size_t n, i;
	int rc;

	if (depth > CP__WALK_MAX_DEPTH)
		return cp__error_set(w->err, CP_EIO, path, 0, 0, "folders are "
		    "nested more than %d deep", CP__WALK_MAX_DEPTH);
	if ((rc = read_names(w, path, &names, &n)) != CP_OK)
		return rc;
	for (i = 0; i < n && rc == CP_OK; i++) {
		child = cp__sprintf("%s/%s", path, names[i]);
		child_rel = rel[0] ? cp__sprintf("%s/%s", rel, names[i]) :
		    cp__strdup(names[i]);
		if (child == NULL || child_rel == NULL)
			rc = cp__error_set(w->err, CP_ENOMEM, path, 0, 0,
			    "out of memory");
		else if ((w->follow ? stat(child, &st) :
		    lstat(child, &st)) != 0)
			rc = cp__error_set(w->err, CP_EIO, child, 0, 0,
			    "cannot reach it (%s)", strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk_folder(w, child, child_rel, depth + 1);
		else
			rc = w->fn(w->ctx, child, child_rel, &st);
		free(child);
		free(child_rel);
	}
	names_free(names, n);
	return rc;
}

int
cp__walk(const char *path, cp__walk_fn fn, void *ctx, cp_error *err)
{
	walk w = { fn, ctx, 0, err, true };

	return walk_folder(&w, path, "", 0);
}

int
cp__walk_links(const char *path, cp__walk_fn fn, void *ctx, cp_error *err)
{
	walk w = { fn, ctx, 0, err, false };

	return walk_folder(&w, path, "", 0);
}
