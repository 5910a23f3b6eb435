/* plan.h - the bundle's order and numbering, built once and then only
 * read.
 *
 * The plan says which documents the bundle holds, in which order
 * (template sections, then date, then the manifest's order), their
 * numbers and how many pages each adds.  It is made from the claim, the
 * template and what the build learnt of each file (its pages and size),
 * and nothing changes it afterwards: a split bundle's parts and the
 * page numbers of each output file are views of it (view.h).
 */
#ifndef CP_PLAN_H
#define CP_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "manifest/claim.h"
#include "manifest/template.h"

/* What the plan needs of each file the manifest lists. */
typedef struct {
	size_t pages;           /* pages it adds to the bundle; 0 for the
	                           files of an imaging_files document */
	uint64_t bytes;         /* its size on disk; a folder's: all of its
	                           files' */
	size_t count;           /* files it stands for (a folder's count) */
} cp__file_facts;

/* One document, in bundle order. */
typedef struct {
	size_t doc;             /* index into claim->documents */
	size_t number;          /* 1-based number in the bundle */
	size_t section;         /* index into tpl->sections */
	size_t file0;           /* the index of its first file among all the
	                           manifest's files, in manifest order */
	size_t nfiles;          /* its files drawn in the bundle (0 for
	                           imaging_files, which are listed only) */
	size_t pages;           /* the pages it adds */
	uint64_t bytes;         /* the size of its drawn files (for
	                           --split: of the PDFs made of them) */
	size_t image_files;     /* imaging_files: files on the CD, */
	uint64_t image_bytes;   /* and their size */
	/* What it is called when its type's label does not say enough (a
	 * translation: "Translation of #1 Discharge summary", "出院小结翻译件"),
	 * or NULL: see cp__plan_doc_label(). */
	char *label_en;
	char *label_zh;
} cp__plan_doc;

typedef struct {
	const cp_claim *claim;
	const cp_template *tpl;
	cp__plan_doc *docs;     /* bundle order */
	size_t ndocs;
	size_t *file_pages;     /* pages of each file, manifest order */
	size_t nfiles;          /* every file the manifest lists */
	size_t pages;           /* the pages of every document */
} cp__plan;

/* The number of files the manifest lists, in all: the length of the
 * `facts` array cp__plan_make reads. */
size_t cp__plan_file_count(const cp_claim *claim);

/*
 * Makes the plan of `claim` under `tpl` from `facts` (one per file of
 * every document, in manifest order: cp__plan_file_count() of them).
 * Reads neither files nor fonts.  The plan refers to claim and tpl,
 * which must outlive it.  Returns CP_OK or CP_ENOMEM.  Free the plan
 * with cp__plan_free().
 */
int cp__plan_make(cp__plan **out, const cp_claim *claim,
    const cp_template *tpl, const cp__file_facts *facts, cp_error *err);

void cp__plan_free(cp__plan *plan);

/* The document of bundle position `d`, as the manifest describes it. */
const cp__document *cp__plan_document(const cp__plan *plan, size_t d);

/* What document `d` is called in the bundle (index, bookmarks, stamps,
 * progress): its type's label ("Discharge summary", "出院小结"), or for a
 * translation its original's number and type ("Translation of #1
 * Discharge summary", "出院小结翻译件"). */
const char *cp__plan_doc_label(const cp__plan *plan, size_t d);
const char *cp__plan_doc_label_zh(const cp__plan *plan, size_t d);

#endif
