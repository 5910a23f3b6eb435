/* infile.h - the claim's files, each opened once in a run.
 *
 * `check` and the `build` after it look at every file many times:
 * sniffing its format, probing its headers, scanning it whole, reading
 * its facts, hashing it, copying its pages.  A table (cp__infiles) keeps
 * each file's descriptor from its first open until the table is freed,
 * so that a file is opened once however often it is read, and keeps
 * what was learnt about it (memos), so that it is learnt once.
 *
 * The table in use is the calling thread's: a library call that reads a
 * claim's files installs the claim's table for its duration
 * (cp__infiles_use), and the openers below go through it.  Threads may
 * share a table (each installs it): it locks itself.  With none
 * installed they open the file afresh each time, as open(2) would, so a
 * reader used outside a claim (`claimpack read`) works alike.
 *
 * Only the claim's own files go through the table, those added with
 * cp__infiles_add and the files below a folder added, never files
 * claimpack writes or replaces (its scratch space): a name is taken to
 * mean the same file for the table's life.  Other files are opened
 * afresh each time.
 */
#ifndef CP_INFILE_H
#define CP_INFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

typedef struct cp__infiles cp__infiles;

/* A new empty table, or NULL when out of memory. */
cp__infiles *cp__infiles_new(void);

/* Closes every descriptor and frees the table (NULL is fine).  Never
 * while it is in use. */
void cp__infiles_free(cp__infiles *t);

/* Makes the file or folder at `path` the claim's.  0, or -1 when out of
 * memory. */
int cp__infiles_add(cp__infiles *t, const char *path);

/* Makes `t` (or NULL: none) the calling thread's table and returns the
 * one it replaces, to be put back when the call ends. */
cp__infiles *cp__infiles_use(cp__infiles *t);

/*
 * A new descriptor for reading the file at `path` from its start
 * (close it when done).  Opened with O_NONBLOCK, so that a FIFO in a
 * file's place cannot hang the open.  Through the table, the first
 * call opens the file and later ones duplicate that descriptor, so
 * they share its offset: read with pread(), or one reader at a time.
 * -1 with errno set when the file cannot be opened.
 */
int cp__infile_open(const char *path);

/*
 * The file at `path` as a stdio stream for reading ("rb") with an
 * offset of its own, and its status in *st (when st is not NULL).
 * Through the table no file is opened again, and several streams on
 * one file never move each other.  NULL with errno set when the file
 * cannot be opened.  fileno() of the stream is not a descriptor.
 */
FILE *cp__infile_fopen(const char *path, struct stat *st);

/*
 * A whole file, read-only in memory.  Its pages are the system's page
 * cache, mapped, never copied: a file is as cheap to hold as its page
 * table.  Valid until cp__inmap_release().
 */
typedef struct {
	const unsigned char *data;
	size_t len;
	void *base;             /* the mapping (NULL for an empty file) */
	size_t map_len;
} cp__inmap;

/* Maps the regular file at `path` (through the table).  0, or -1 with
 * errno set (EINVAL for a file that is not a regular file). */
int cp__inmap_open(cp__inmap *m, const char *path);

/* Drops the map's pages from this process's memory; they are read back
 * from the page cache if touched again.  Keeps a long-lived map of a
 * large file from counting against the resident set. */
void cp__inmap_forget_pages(const cp__inmap *m);

void cp__inmap_release(cp__inmap *m);

/*
 * Memos: a fact about the file at `path` (a probe's result, a digest),
 * kept under `key` with the file's entry in the table in use.
 * cp__infile_memo copies the `len` bytes kept into `out` and returns
 * true; false when there is no table, no such memo, or one of another
 * size (or the file changed since: see above).  cp__infile_memo_set
 * keeps a copy; it is best effort (without a table, or out of memory,
 * it keeps nothing), as a memo only saves work.  Only plain values: a
 * memo is copied byte for byte, so it must hold no pointers.
 */
bool cp__infile_memo(const char *path, const char *key, void *out,
    size_t len);
void cp__infile_memo_set(const char *path, const char *key, const void *v,
    size_t len);

#endif
