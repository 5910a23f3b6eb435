/* fsio.c - bounded whole-file reads and atomic replacement. */
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
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
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

int
cp__atomic_open(cp__atomic *a, const char *path, cp_error *err)
{
	const char *slash = strrchr(path, '/');
	char suffix[7];
	unsigned attempt;

	memset(a, 0, sizeof(*a));
	a->fd = -1;
	if ((a->path = cp__strdup(path)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (attempt = 0; attempt < 100; attempt++) {
		random_suffix(suffix);
		/* Beside the target, so that rename() is atomic. */
		if (slash == NULL)
			a->tmp = cp__sprintf(".%s.%s", path, suffix);
		else
			a->tmp = cp__sprintf("%.*s/.%s.%s",
			    (int)(slash - path), path, slash + 1, suffix);
		if (a->tmp == NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		/* 0666: the kernel applies the umask (and a folder's
		 * default ACL), as for any new file. */
		a->fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
		if (a->fd >= 0)
			return CP_OK;
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
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, rc;

	dir = slash == NULL ? cp__strdup(".") : slash == path ?
	    cp__strdup("/") : cp__sprintf("%.*s", (int)(slash - path), path);
	if (dir == NULL) {
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

int
cp__atomic_commit(cp__atomic *a, cp_error *err)
{
	int rc;

	/* On disk before the rename, so that a crash leaves the old file
	 * or the new one, never an empty one. */
	if (fsync(a->fd) != 0)
		return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot write "
		    "the file to disk (%s)", strerror(errno));
	rc = close(a->fd);
	a->fd = -1;
	if (rc != 0 || rename(a->tmp, a->path) != 0)
		return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot put "
		    "the finished file in place (%s)", strerror(errno));
	free(a->tmp);
	a->tmp = NULL;
	if (sync_folder(a->path) != 0)
		return cp__error_set(err, CP_EIO, a->path, 0, 0, "cannot write "
		    "the folder to disk (%s)", strerror(errno));
	return CP_OK;
}

void
cp__atomic_free(cp__atomic *a)
{
	/* Only an open temporary file has a name (a zeroed cp__atomic has
	 * none, and its fd 0 is not its own). */
	if (a->tmp != NULL) {
		if (a->fd >= 0)
			close(a->fd);
		unlink(a->tmp);
	}
	a->fd = -1;
	free(a->tmp);
	free(a->path);
	a->tmp = NULL;
	a->path = NULL;
}
