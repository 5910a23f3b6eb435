/* claim.h - the claim model that the manifest loader fills in.  Private. */
#ifndef CP_CLAIM_H
#define CP_CLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claimpack.h"
#include "manifest/date.h"
#include "manifest/invoice_id.h"
#include "util/infile.h"

typedef enum {
	CP__EPISODE_OUTPATIENT,
	CP__EPISODE_EMERGENCY,
	CP__EPISODE_INPATIENT
} cp__episode_kind;

#define CP__EPISODE_KIND_COUNT 3

/* "outpatient", "emergency", "inpatient". */
const char *cp__episode_kind_name(cp__episode_kind kind);

/* Where a value stood in the manifest (1-based), for findings. */
typedef struct {
	int line;
	int column;
} cp__pos;

typedef struct {
	char *id;
	cp__episode_kind kind;
	char *hospital;         /* NULL when not given (fact-missing) */
	char *hospital_zh;      /* NULL when not given */
	bool has_start;         /* false: not given (fact-missing) */
	cp__date start;         /* valid when has_start */
	bool has_end;           /* given, or taken from start */
	cp__date end;           /* equals start when not given; valid when
	                           has_end */
	cp__pos pos;
} cp__episode;

typedef struct {
	bool present;           /* the manifest has an `invoice:` mapping */
	cp__invoice_kind declared;  /* from `kind:`, UNKNOWN when left out */
	char *code;             /* spaces removed; NULL when not given */
	char *number;
	char *check_code;
	char *type;             /* QR type code ("10", "32" ...), or NULL */
	char *qr;               /* text read from the paper's QR code, or NULL */
	char *verify_url;       /* or NULL */
	cp__pos pos;
} cp__invoice;

typedef struct {
	char *id;               /* given, or "d1", "d2" ... by position */
	size_t type;            /* index into the document type table */
	size_t episode;         /* index into claim->episodes */
	char **files;           /* as written in the manifest */
	int *rotate;            /* for each file, the degrees clockwise the
	                           bundle turns its pages: 0, 90, 180 or
	                           270 (see cp__document_rotate) */
	size_t nfiles;
	/* A paper's date, name and amount may be left out of the manifest
	 * (fact-missing says so): check has_date, name != NULL and
	 * has_amount before using them. */
	bool has_date;
	cp__date date;
	char *name;             /* as printed on the paper, or NULL */
	char *title;            /* or NULL */
	bool has_amount;
	int64_t amount;         /* fen */
	cp__invoice invoice;
	size_t translation_of;  /* document index, valid when is_translation */
	bool is_translation;
	cp__pos pos;
	cp__pos date_pos;
	cp__pos name_pos;
} cp__document;

/*
 * What claimpack learns about the claim's files as it works (the facts
 * read off each paper), kept so that nothing is read twice.  Allocated
 * with the claim, so that a const claim can still be learnt about;
 * filled and freed by the layer that owns `data` (read/papers.c).
 */
typedef struct {
	void *data;
	void (*free_data)(void *data);
} cp__claim_memo;

struct cp_claim {
	cp__claim_memo *memo;   /* never NULL once loaded */
	/* The claim's files, each opened once however often a check and
	 * the build after it read them (util/infile.h): installed by every
	 * public call that reads them.  Never NULL once loaded. */
	cp__infiles *files;
	char *manifest_path;    /* as given to cp_claim_load */
	char *base_dir;         /* the manifest's folder, "." when none */
	char *manifest_text;    /* the manifest's bytes as read */
	size_t manifest_len;
	int version;
	char *purpose;          /* template name or path; "reimbursement" */
	char *reference;        /* optional fields are NULL when absent */
	char *insurer;
	char *policy;
	bool prepared_given;
	cp__date prepared;      /* today (see cp__date_today) when not given */
	char currency[4];       /* ISO 4217, "CNY" by default */
	bool has_exchange;
	char exchange_currency[4];
	int64_t exchange_rate_e8;   /* units of 1e-8 */
	char *exchange_rate_text;   /* as written, e.g. "0.1402" */
	cp__date exchange_date;

	/* NULL when left out of the manifest (fact-missing says so); the
	 * `patient:` mapping itself is required. */
	char *patient_name;
	char *passport;
	bool has_birth_date;
	cp__date birth_date;
	char **aliases;
	size_t naliases;

	cp__episode *episodes;
	size_t nepisodes;
	cp__document *documents;
	size_t ndocuments;
};

/*
 * cp_claim_load on a manifest held in memory (NUL-terminated `text`);
 * `path` names it in messages and its folder places the files.  For
 * tests and fuzzing.
 */
int cp__claim_load_text(cp_claim **out, const char *path, const char *text,
    cp_error *err);

/* cp__claim_load_text as cp_claim_load_errors gives: every error into
 * *errors (NULL on success; caller frees), the first into `err`. */
int cp__claim_load_text_errors(cp_claim **out, const char *path,
    const char *text, cp_error *err, cp_error_list **errors);

/*
 * Resolves a file path written in the manifest against the manifest's
 * folder.  Returns a new string the caller frees, or NULL when out of
 * memory.  Absolute paths are returned as they are.
 */
char *cp__claim_file_path(const cp_claim *claim, const char *file);

/* Makes the claim's file table the calling thread's (NULL claim: none)
 * and returns the one it replaces, for cp__infiles_use() to put back. */
cp__infiles *cp__claim_files_use(const cp_claim *claim);

/* The first file of a document as written in the manifest, "" when it
 * has none: what a finding about the document names. */
const char *cp__document_file(const cp__document *doc);

/* The degrees clockwise the bundle turns file `f` of `doc` (its
 * `rotate:` in the manifest): 0, 90, 180 or 270. */
int cp__document_rotate(const cp__document *doc, size_t f);

#endif
