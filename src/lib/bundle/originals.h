/* originals.h - the fapiao files attached to the bundle as issued.
 *
 * An e-invoice's file is what the tax system (or the Ministry of
 * Finance) signed.  Merging its pages into the bundle keeps the seal's
 * picture but not the signature, which only the original file can be
 * checked against.  So every file of a `fapiao` document that is an
 * e-invoice is also embedded in the bundle unchanged: an OFD, an
 * e-invoice XML, or a PDF that carries a digital signature or was made
 * by an e-invoice platform (see originals.c for how each is told).  The
 * index and the cover say which documents have their original attached.
 */
#ifndef CP_ORIGINALS_H
#define CP_ORIGINALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest/claim.h"

typedef enum {
	CP__ORIGINAL_PDF = 0,
	CP__ORIGINAL_OFD,
	CP__ORIGINAL_XML
} cp__original_kind;

/* One e-invoice file of the claim. */
typedef struct {
	size_t doc;             /* index into claim->documents */
	size_t file;            /* index into that document's files */
	cp__original_kind kind;
	bool is_signed;         /* a PDF with a signature, an OFD with
	                           signature data (never verified) */
	bool too_large;         /* over CP__ATTACH_FILE_MAX: named in the
	                           index, not attached */
	uint64_t bytes;         /* its size */
	char *path;             /* where it is */
	char *name;             /* the attachment's name (originals_name) */
	char *description;
	const char *mime;       /* static */
} cp__original;

typedef struct {
	cp__original *items;    /* in manifest order */
	size_t count;
	/* Document d's files are items[first[d]] to items[first[d + 1] - 1]
	 * (claim->ndocuments + 1 entries; NULL when there are none). */
	size_t *first;
	size_t ndocs;           /* claim->ndocuments */
} cp__originals;

/*
 * Finds the e-invoice files among the files of the claim's fapiao
 * documents, in manifest order, using what `check` read off them (the
 * claim keeps it; what was not read yet is read now).  Files that cannot
 * be read are left out: check reported them.  Returns CP_OK (`out` may
 * hold none), or CP_ENOMEM.  Free with cp__originals_free(), also after
 * a failure.
 */
int cp__originals_find(cp__originals *out, const cp_claim *claim,
    cp_error *err);

void cp__originals_free(cp__originals *o);

/* The bytes of document `doc`'s files that are attached (not those too
 * large to be): what they add to the bundle, or to its part. */
uint64_t cp__originals_bytes(const cp__originals *o, size_t doc);

/*
 * What the index and the cover say of document `doc`'s originals, in
 * `buf` (`size` bytes): "original e-invoice attached, signed", "2
 * original e-invoices attached", "original e-invoice attached to part
 * 2, signed" (when `part` is not 0: the part of a split bundle that
 * holds them), "original e-invoice not attached (over 20 MiB)".
 * Returns false (buf "") when the document has none.
 */
bool cp__originals_phrase(char *buf, size_t size, const cp__originals *o,
    size_t doc, size_t part);

/*
 * The name document `id`'s file `n` (1-based) is attached under, with
 * the extension `ext` (".pdf"): "<id>-<n><ext>", the id as written
 * except for characters a file name should not hold (controls, / \ : *
 * ? " < > | %, and ~), which are written %XX; an id whose name would
 * be longer than 100 bytes is cut at a character and followed by "~"
 * and 16 hex digits of its SHA-256.  Different ids or numbers give
 * different names (a cut one: unless the hashes collide).  A new string
 * (caller frees), NULL when out of memory.
 */
char *cp__originals_name(const char *id, size_t n, const char *ext);

#endif
