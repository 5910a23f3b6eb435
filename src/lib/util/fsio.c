/* fsio.c - bounded whole-file reads and atomic replacement. */
#define _GNU_SOURCE     /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fsio.h"
#include "util/infile.h"
#include "util/strbuf.h"

/* "16 MiB" or "65536 bytes", for messages about a limit. */
static void
limit_text(char *buf, size_t size, size_t max)
{
	if (max >= 1024 * 1024 && max % (1024 * 1024) == 0)
		snprintf(buf, size, "%zu MiB", max / (1024 * 1024));
	else if (max >= 1024 && max % 1024 == 0)
		snprintf(buf, size, "%zu KiB", max / 1024);
	else
		snprintf(buf, size, "%zu bytes", max);
}

int
cp__file_read(char **out, size_t *out_len, const char *path, size_t max,
    const char *what, int too_large, cp_error *err)
{
	struct stat st;
	char *buf = NULL, *grown, limit[32];
	size_t len = 0, cap;
	ssize_t n;
	int fd, rc = CP_OK;

	*out = NULL;
	*out_len = 0;
	/* O_NONBLOCK: a FIFO in the file's place must not hang the open. */
	if ((fd = cp__infile_open(path)) < 0)
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "cannot open the file (%s)", strerror(errno));
	if (fstat(fd, &st) != 0) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0,
		    "cannot read the file (%s)", strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0, "is a folder, not %s",
		    what);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0, "is not a regular "
		    "file; expected %s", what);
		goto done;
	}
	/* Room for the file as it is now, or for one byte past the limit
	 * when it is larger (st_size may also be 0 for some files). */
	cap = st.st_size > 0 && (uintmax_t)st.st_size < max ?
	    (size_t)st.st_size + 1 : max + 1;
	if ((buf = malloc(cap + 1)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, path, 0, 0, "out of memory");
		goto done;
	}
	/* Up to one byte past the limit, to tell a file that is too large
	 * (or grew since fstat) from one that is not. */
	while (len <= max) {
		if (len == cap) {
			cap = max + 1;
			if ((grown = realloc(buf, cap + 1)) == NULL) {
				rc = cp__error_set(err, CP_ENOMEM, path, 0, 0,
				    "out of memory");
				goto done;
			}
			buf = grown;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = cp__error_set(err, CP_EIO, path, 0, 0,
			    "cannot read the file (%s)", strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > max) {
		limit_text(limit, sizeof(limit), max);
		rc = cp__error_set(err, too_large, path, 0, 0, "is larger than "
		    "%s, too large for %s", limit, what);
		goto done;
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	buf = NULL;
done:
	free(buf);
	close(fd);
	return rc;
}

uint64_t
cp__file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

int
cp__write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Six characters no other temporary name is likely to have. */
static void
random_suffix(char out[7])
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char bytes[6];
	struct timespec ts;
	size_t i;

	if (getrandom(bytes, sizeof(bytes), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(bytes)) {
		/* No entropy yet (early boot): O_EXCL still keeps the
		 * name safe, this only makes clashes unlikely. */
		clock_gettime(CLOCK_REALTIME, &ts);
		for (i = 0; i < sizeof(bytes); i++)
			bytes[i] = (unsigned char)(((unsigned long)ts.tv_nsec >>
			    (4 * i)) ^ ((unsigned long)getpid() >> i));
	}
	for (i = 0; i < 6; i++)
		out[i] = chars[bytes[i] % (sizeof(chars) - 1)];
	out[6] = '\0';
}

/* "dir/.NAME.XXXXXX" for `path`, with a fresh random suffix. */
static char *
temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	char suffix[7];

	random_suffix(suffix);
	if (slash == NULL)
		return cp__sprintf(".%s.%s", path, suffix);
	return cp__sprintf("%.*s/.%s.%s", (int)(slash - path), path,
	    slash + 1, suffix);
}

char *
cp__path_folder(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return cp__strdup(".");
	if (slash == path)
		return cp__strdup("/");
	return cp__sprintf("%.*s", (int)(slash - path), path);
}

/* A file without a name in the target's folder, reachable by its /proc
 * name; CP_OK, or -1 when the system cannot make one (then a named
 * temporary file is used). */
static int
open_nameless(cp__atomic *a)
{
	char fdpath[32], *dir;
	int fd, again;

	if ((dir = cp__path_folder(a->path)) == NULL)
		return -1;
	/* 0666: the kernel applies the umask (and a folder's default
	 * ACL), as for any new file. */
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	free(dir);
	if (fd < 0)
		return -1;
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	if ((again = open(fdpath, O_WRONLY | O_CLOEXEC)) < 0 ||
	    (a->tmp = cp__strdup(fdpath)) == NULL) {
		if (again >= 0)
			close(again);
		close(fd);
		return -1;
	}
	close(again);
	a->fd = fd;
	a->named = 0;
	return CP_OK;
}

int
cp__atomic_open(cp__atomic *a, const char *path,
    void (*on_name)(void *ctx, const char *tmp_name), void *on_name_ctx,
    cp_error *err)
{
	unsigned attempt;

	memset(a, 0, sizeof(*a));
	a->fd = -1;
	a->on_name = on_name;
	a->on_name_ctx = on_name_ctx;
	if ((a->path = cp__strdup(path)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if (open_nameless(a) == CP_OK)
		return CP_OK;
	for (attempt = 0; attempt < 100; attempt++) {
		/* Beside the target, so that rename() is atomic. */
		if ((a->tmp = temp_name(path)) == NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		a->fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
		if (a->fd >= 0) {
			a->named = 1;
			if (a->on_name != NULL)
				a->on_name(a->on_name_ctx, a->tmp);
			return CP_OK;
		}
		free(a->tmp);
		a->tmp = NULL;
		if (errno != EEXIST)
			break;
	}
	return cp__error_set(err, CP_EIO, path, 0, 0, "cannot create a file "
	    "in that folder (%s)", strerror(errno));
}

int
cp__atomic_write(cp__atomic *a, const void *data, size_t len, cp_error *err)
{
	if (cp__write_all(a->fd, data, len) != 0)
		return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot write "
		    "the file (%s)", strerror(errno));
	return CP_OK;
}

/* Flushes the folder holding `path`, so that a rename in it is on disk. */
static int
sync_folder(const char *path)
{
	char *dir;
	int fd, rc;

	if ((dir = cp__path_folder(path)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	/* Some file systems cannot sync a folder (EINVAL): the rename
	 * stands all the same. */
	rc = fsync(fd) != 0 && errno != EINVAL ? -1 : 0;
	close(fd);
	return rc;
}

/* Gives the nameless file a temporary name beside the target. */
static int
link_nameless(cp__atomic *a, cp_error *err)
{
	unsigned attempt;

	for (attempt = 0; attempt < 100; attempt++) {
		if ((a->linked = temp_name(a->path)) == NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		if (a->on_name != NULL)
			a->on_name(a->on_name_ctx, a->linked);
		if (linkat(AT_FDCWD, a->tmp, AT_FDCWD, a->linked,
		    AT_SYMLINK_FOLLOW) == 0)
			return CP_OK;
		free(a->linked);
		a->linked = NULL;
		if (errno != EEXIST)
			break;
	}
	return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot put the "
	    "finished file in its folder (%s)", strerror(errno));
}

int
cp__atomic_commit(cp__atomic *a, cp_error *err)
{
	const char *from;
	int rc;

	/* On disk before the rename, so that a crash leaves the old file
	 * or the new one, never an empty one. */
	if (fsync(a->fd) != 0)
		return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot write "
		    "the file to disk (%s)", strerror(errno));
	if (!a->named && (rc = link_nameless(a, err)) != CP_OK)
		return rc;
	rc = close(a->fd);
	a->fd = -1;
	from = a->named ? a->tmp : a->linked;
	if (rc == 0 && a->no_replace) {
		/* link() fails on a name taken, where rename() replaces it:
		 * a file that appeared meanwhile is kept. */
		if (link(from, a->path) != 0) {
			if (errno == EEXIST)
				return cp__error_set(err, CP_EINVAL, a->path,
				    0, 0, "exists already");
			rc = -1;
		} else {
			(void)unlink(from);
		}
	} else if (rc == 0 && rename(from, a->path) != 0) {
		rc = -1;
	}
	if (rc != 0)
		return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot put "
		    "the finished file in place (%s)", strerror(errno));
	free(a->tmp);
	free(a->linked);
	a->tmp = a->linked = NULL;
	a->named = 0;
	if (sync_folder(a->path) != 0)
		return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot write "
		    "the folder to disk (%s)", strerror(errno));
	return CP_OK;
}

void
cp__atomic_free(cp__atomic *a)
{
	if (a->fd >= 0 && a->tmp != NULL)
		close(a->fd);
	if (a->named && a->tmp != NULL)
		unlink(a->tmp);
	if (a->linked != NULL)
		unlink(a->linked);
	free(a->tmp);
	free(a->linked);
	free(a->path);
	a->tmp = a->linked = a->path = NULL;
	a->fd = -1;
	a->named = 0;
}
