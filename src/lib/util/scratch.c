/* scratch.c - temporary files that leave nothing behind (see scratch.h). */
#define _GNU_SOURCE     /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/scratch.h"
#include "util/strbuf.h"

typedef enum {
	NO_NAME,        /* O_TMPFILE: the file never has a name */
	UNLINKED,       /* made in the private folder, unlinked at once */
	NAMED           /* no /proc: named in the private folder */
} scratch_mode;

typedef struct {
	int fd;         /* -1 for a NAMED file (opened by name only) */
	char *path;     /* what cp__scratch_file handed out */
	char *name;     /* NAMED: the file's name, to unlink */
} scratch_file;

struct cp__scratch {
	char *dir;      /* TMPDIR or /tmp */
	char *folder;   /* the private folder, or NULL (NO_NAME) */
	scratch_mode mode;
	scratch_file *files;
	size_t nfiles, cap;
	unsigned long serial;
};

/* True when the open file `fd` can be opened again by its /proc name,
 * which is how libraries that only take names will reach it. */
static int
reopens(int fd)
{
	char path[32];
	int again;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((again = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	close(again);
	return 1;
}

static int
make_folder(cp__scratch *s, cp_error *err)
{
	if ((s->folder = cp__sprintf("%s/claimpack-XXXXXX", s->dir)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	/* mkdtemp makes it 0700: only this user can list or open it. */
	if (mkdtemp(s->folder) == NULL) {
		cp__error_set(err, CP_EIO, s->dir, 0, 0, "cannot make a private "
		    "folder for temporary files (%s); set TMPDIR to a folder "
		    "you can write", strerror(errno));
		free(s->folder);
		s->folder = NULL;
		return CP_EIO;
	}
	return CP_OK;
}

/* Opens a new file in the way the space's mode allows; fills `f`. */
static int
open_file(cp__scratch *s, scratch_file *f, const char *what, cp_error *err)
{
	char fdpath[32];
	int fd;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	if (s->mode == NO_NAME) {
		fd = open(s->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	} else {
		if ((f->name = cp__sprintf("%s/%lu", s->folder,
		    ++s->serial)) == NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		fd = open(f->name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
	}
	if (fd < 0) {
		cp__error_set(err, CP_EIO, s->dir, 0, 0, "cannot make a "
		    "temporary file for %s (%s)", what, strerror(errno));
		free(f->name);
		f->name = NULL;
		return CP_EIO;
	}
	if (s->mode == NAMED) {
		close(fd);
		f->path = cp__strdup(f->name);
	} else {
		if (s->mode == UNLINKED) {
			unlink(f->name);
			free(f->name);
			f->name = NULL;
		}
		f->fd = fd;
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
		f->path = cp__strdup(fdpath);
	}
	if (f->path == NULL) {
		if (f->fd >= 0)
			close(f->fd);
		if (f->name != NULL)
			unlink(f->name);
		free(f->name);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	return CP_OK;
}

static void
close_file(scratch_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->name != NULL)
		unlink(f->name);
	free(f->name);
	free(f->path);
	memset(f, 0, sizeof(*f));
	f->fd = -1;
}

int
cp__scratch_open(cp__scratch **out, cp_error *err)
{
	const char *env = getenv("TMPDIR");
	cp__scratch *s;
	scratch_file probe;
	int fd, rc;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->dir = cp__strdup(env != NULL && env[0] == '/' ? env :
	    "/tmp")) == NULL) {
		free(s);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	/* The best the system allows: files without names, else files
	 * unlinked as soon as they are made, else named ones. */
	fd = open(s->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 && reopens(fd)) {
		close(fd);
		s->mode = NO_NAME;
		*out = s;
		return CP_OK;
	}
	if (fd >= 0)
		close(fd);
	if ((rc = make_folder(s, err)) != CP_OK) {
		cp__scratch_close(s);
		return rc;
	}
	s->mode = NAMED;
	if ((rc = open_file(s, &probe, "a test", err)) != CP_OK) {
		cp__scratch_close(s);
		return rc;
	}
	if ((fd = open(probe.name, O_RDONLY | O_CLOEXEC)) >= 0) {
		if (reopens(fd))
			s->mode = UNLINKED;
		close(fd);
	}
	close_file(&probe);
	*out = s;
	return CP_OK;
}

int
cp__scratch_file(cp__scratch *s, const char *what, const char **path,
    cp_error *err)
{
	scratch_file *grown;
	size_t cap;
	int rc;

	*path = NULL;
	if (s->nfiles == s->cap) {
		cap = s->cap ? s->cap * 2 : 16;
		if ((grown = realloc(s->files, cap * sizeof(*grown))) == NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		s->files = grown;
		s->cap = cap;
	}
	if ((rc = open_file(s, &s->files[s->nfiles], what, err)) != CP_OK)
		return rc;
	*path = s->files[s->nfiles++].path;
	return CP_OK;
}

void
cp__scratch_remove(cp__scratch *s, const char *path)
{
	size_t i;

	if (s == NULL || path == NULL)
		return;
	for (i = 0; i < s->nfiles; i++)
		if (s->files[i].path == path) {
			close_file(&s->files[i]);
			s->files[i] = s->files[--s->nfiles];
			return;
		}
}

void
cp__scratch_close(cp__scratch *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nfiles; i++)
		close_file(&s->files[i]);
	free(s->files);
	if (s->folder != NULL)
		rmdir(s->folder);
	free(s->folder);
	free(s->dir);
	free(s);
}
