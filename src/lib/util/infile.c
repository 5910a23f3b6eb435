/* infile.c - the claim's files, each opened once in a run (infile.h).
 *
 * The table is a hash of paths to entries; an entry holds the file's
 * descriptor from its first open and the memos kept about it.  Readers
 * get a duplicate of the descriptor (cp__infile_open), a stdio stream
 * over it with an offset of its own (cp__infile_fopen: fopencookie,
 * reading with pread, so that no stream moves another), or a mapping
 * of it (cp__inmap_open).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/infile.h"

typedef struct memo memo;
struct memo {
	memo *next;
	char *key;
	size_t len;
	unsigned char value[];
};

typedef struct {
	char *path;             /* NULL: an empty slot */
	int fd;                 /* -1 until opened (or after an eviction) */
	bool added;             /* named by cp__infiles_add: the claim's
	                           file, or a folder of its files */
	bool seen;              /* `st` holds the file as first read */
	struct stat st;
	memo *memos;
} entry;

struct cp__infiles {
	pthread_mutex_t lock;   /* threads reading a claim's papers at once
	                           (read/papers.c) share its table */
	entry *slots;
	size_t cap;             /* a power of two */
	size_t count;
};

static _Thread_local cp__infiles *current;

cp__infiles *
cp__infiles_new(void)
{
	cp__infiles *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->cap = 64;
	if ((t->slots = calloc(t->cap, sizeof(*t->slots))) == NULL) {
		free(t);
		return NULL;
	}
	if (pthread_mutex_init(&t->lock, NULL) != 0) {
		free(t->slots);
		free(t);
		return NULL;
	}
	return t;
}

static void forget_memos(entry *e);

void
cp__infiles_free(cp__infiles *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cap; i++) {
		if (t->slots[i].path == NULL)
			continue;
		if (t->slots[i].fd >= 0)
			close(t->slots[i].fd);
		forget_memos(&t->slots[i]);
		free(t->slots[i].path);
	}
	pthread_mutex_destroy(&t->lock);
	free(t->slots);
	free(t);
}

cp__infiles *
cp__infiles_use(cp__infiles *t)
{
	cp__infiles *prev = current;

	current = t;
	return prev;
}

/* FNV-1a. */
static uint64_t
hash_path(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static entry *
slot_of(entry *slots, size_t cap, const char *path)
{
	size_t i = (size_t)hash_path(path) & (cap - 1);

	while (slots[i].path != NULL && strcmp(slots[i].path, path) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int
grow(cp__infiles *t)
{
	entry *slots, *to;
	size_t cap = t->cap * 2, i;

	if ((slots = calloc(cap, sizeof(*slots))) == NULL)
		return -1;
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].path != NULL) {
			to = slot_of(slots, cap, t->slots[i].path);
			*to = t->slots[i];
		}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return 0;
}

/* Whether `path` is a file of the claim: one added, or one below a
 * folder added. */
static bool
is_claims(cp__infiles *t, const char *path)
{
	const char *slash;
	entry *e;
	char *up;
	bool found = false;

	if ((up = strdup(path)) == NULL)
		return false;
	while (!found && (slash = strrchr(up, '/')) != NULL) {
		up[slash - up] = '\0';
		e = slot_of(t->slots, t->cap, up);
		found = e->path != NULL && e->added;
	}
	free(up);
	return found;
}

/* The entry of `path` in `t`, made when there is none and `path` is the
 * claim's (or `add`); NULL for another file, or when out of memory. */
static entry *
entry_of(cp__infiles *t, const char *path, bool add)
{
	entry *e = slot_of(t->slots, t->cap, path);

	if (e->path != NULL) {
		e->added |= add;
		return e;
	}
	if (!add && !is_claims(t, path))
		return NULL;
	if ((t->count + 1) * 2 > t->cap) {
		if (grow(t) != 0)
			return NULL;
		e = slot_of(t->slots, t->cap, path);
	}
	if ((e->path = strdup(path)) == NULL)
		return NULL;
	e->fd = -1;
	e->added = add;
	e->memos = NULL;
	t->count++;
	return e;
}

int
cp__infiles_add(cp__infiles *t, const char *path)
{
	int rc;

	if (t == NULL)
		return -1;
	pthread_mutex_lock(&t->lock);
	rc = entry_of(t, path, true) != NULL ? 0 : -1;
	pthread_mutex_unlock(&t->lock);
	return rc;
}

/* Out of descriptors: the table gives back those it keeps (but
 * `keep`'s); a file asked for again is opened again. */
static bool
evict(cp__infiles *t, const entry *keep)
{
	bool any = false;
	size_t i;

	for (i = 0; t != NULL && i < t->cap; i++)
		if (t->slots[i].path != NULL && t->slots[i].fd >= 0 &&
		    &t->slots[i] != keep) {
			close(t->slots[i].fd);
			t->slots[i].fd = -1;
			any = true;
		}
	return any;
}

/* Opens `path`; out of descriptors, the table in use (locked by the
 * caller) gives back those it keeps but `keep`'s, and it tries again. */
static int
open_path(const char *path, const entry *keep)
{
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE) &&
	    evict(current, keep))
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	return fd;
}

static void
forget_memos(entry *e)
{
	memo *m, *next;

	for (m = e->memos; m != NULL; m = next) {
		next = m->next;
		free(m->key);
		free(m);
	}
	e->memos = NULL;
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/*
 * A file changed or replaced since it was first read (a stat, not an
 * open, tells) is a new file: what was learnt of it is forgotten and it
 * is opened again.  So a library caller who changes a file between a
 * check and a build has the build meet the change, as it would have.
 */
static void
refresh(entry *e)
{
	struct stat now;

	if (!e->seen || (stat(e->path, &now) == 0 && same_file(&now, &e->st)))
		return;
	forget_memos(e);
	if (e->fd >= 0)
		close(e->fd);
	e->fd = -1;
	e->seen = false;
}

/* cp__infile_open with the table `t` locked. */
static int
open_locked(cp__infiles *t, const char *path)
{
	entry *e;
	int fd;

	if ((e = entry_of(t, path, false)) == NULL)
		return open_path(path, NULL);
	refresh(e);
	if (e->fd < 0) {
		if ((e->fd = open_path(path, e)) < 0)
			return -1;
		e->seen = fstat(e->fd, &e->st) == 0;
	}
	fd = fcntl(e->fd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0 && (errno == EMFILE || errno == ENFILE) && evict(t, e))
		fd = fcntl(e->fd, F_DUPFD_CLOEXEC, 0);
	if (fd >= 0)
		(void)lseek(fd, 0, SEEK_SET);
	return fd;
}

int
cp__infile_open(const char *path)
{
	cp__infiles *t = current;
	int fd, saved;

	if (t == NULL)
		return open_path(path, NULL);
	pthread_mutex_lock(&t->lock);
	fd = open_locked(t, path);
	saved = errno;
	pthread_mutex_unlock(&t->lock);
	errno = saved;
	return fd;
}

/* ---- streams with an offset of their own --------------------------- */

typedef struct {
	int fd;
	off64_t at;
} cookie;

static ssize_t
cookie_read(void *ctx, char *buf, size_t size)
{
	cookie *c = ctx;
	ssize_t n;

	do
		n = pread(c->fd, buf, size, c->at);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		c->at += n;
	return n;
}

static int
cookie_seek(void *ctx, off64_t *offset, int whence)
{
	cookie *c = ctx;
	struct stat st;
	off64_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = c->at;
		break;
	case SEEK_END:
		if (fstat(c->fd, &st) != 0)
			return -1;
		base = st.st_size;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	if ((*offset < 0 && base < -*offset) ||
	    (*offset > 0 && base > INT64_MAX - *offset)) {
		errno = EINVAL;
		return -1;
	}
	c->at = base + *offset;
	*offset = c->at;
	return 0;
}

static int
cookie_close(void *ctx)
{
	cookie *c = ctx;
	int rc = close(c->fd);

	free(c);
	return rc;
}

FILE *
cp__infile_fopen(const char *path, struct stat *st)
{
	static const cookie_io_functions_t io = {
		cookie_read, NULL, cookie_seek, cookie_close
	};
	struct stat ignored;
	cookie *c;
	FILE *f;
	int fd, saved;

	if ((fd = cp__infile_open(path)) < 0)
		return NULL;
	if (fstat(fd, st != NULL ? st : &ignored) != 0 ||
	    (c = malloc(sizeof(*c))) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	c->fd = fd;
	c->at = 0;
	if ((f = fopencookie(c, "rb", io)) == NULL) {
		saved = errno;
		cookie_close(c);
		errno = saved;
		return NULL;
	}
	/* Photos are read whole: fewer, larger reads. */
	(void)setvbuf(f, NULL, _IOFBF, 65536);
	return f;
}

/* ---- maps -------------------------------------------------------------- */

int
cp__inmap_open(cp__inmap *m, const char *path)
{
	struct stat st;
	void *base;
	int fd, saved;

	memset(m, 0, sizeof(*m));
	if ((fd = cp__infile_open(path)) < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size > SIZE_MAX) {
		close(fd);
		errno = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
		return -1;
	}
	if (st.st_size == 0) {
		close(fd);
		m->data = (const unsigned char *)"";
		return 0;
	}
	base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	saved = errno;
	close(fd);
	if (base == MAP_FAILED) {
		errno = saved;
		return -1;
	}
	m->base = base;
	m->map_len = (size_t)st.st_size;
	m->data = base;
	m->len = (size_t)st.st_size;
	return 0;
}

void
cp__inmap_forget_pages(const cp__inmap *m)
{
	/* A private read-only map of a file: its pages come back from the
	 * file unchanged. */
	if (m->base != NULL)
		(void)madvise(m->base, m->map_len, MADV_DONTNEED);
}

void
cp__inmap_release(cp__inmap *m)
{
	if (m->base != NULL)
		munmap(m->base, m->map_len);
	memset(m, 0, sizeof(*m));
}

/* ---- memos --------------------------------------------------------------- */

static memo *
memo_of(entry *e, const char *key)
{
	memo *m;

	for (m = e->memos; m != NULL; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

bool
cp__infile_memo(const char *path, const char *key, void *out, size_t len)
{
	cp__infiles *t = current;
	bool found = false;
	entry *e;
	memo *m;

	if (t == NULL)
		return false;
	pthread_mutex_lock(&t->lock);
	e = slot_of(t->slots, t->cap, path);
	if (e->path != NULL) {
		refresh(e);
		if ((m = memo_of(e, key)) != NULL && m->len == len) {
			memcpy(out, m->value, len);
			found = true;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return found;
}

void
cp__infile_memo_set(const char *path, const char *key, const void *v,
    size_t len)
{
	entry *e;
	memo *m, **at;

	cp__infiles *t = current;

	if (t == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	/* Only of a file read through the table: the memo holds for the
	 * file as it was then. */
	if ((e = entry_of(t, path, false)) == NULL || !e->seen)
		goto done;
	for (at = &e->memos; *at != NULL; at = &(*at)->next)
		if (strcmp((*at)->key, key) == 0) {
			m = *at;
			*at = m->next;
			free(m->key);
			free(m);
			break;
		}
	if ((m = malloc(sizeof(*m) + len)) == NULL)
		goto done;
	if ((m->key = strdup(key)) == NULL) {
		free(m);
		goto done;
	}
	m->len = len;
	memcpy(m->value, v, len);
	m->next = e->memos;
	e->memos = m;
done:
	pthread_mutex_unlock(&t->lock);
}
