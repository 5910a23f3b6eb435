/*
 * claimpack.h - the public interface of libclaimpack.
 *
 * libclaimpack reads a claim manifest (the list of papers a patient brings
 * home from a hospital in China, with their key facts), checks the set for
 * what makes an insurer or employer stall a claim, builds one
 * cover-indexed PDF from it, and verifies its invoices.
 *
 * Conventions, for every function below:
 * - Functions return CP_OK (0) or a negative cp_status.
 * - An optional `cp_error *err` receives the reason for a negative status:
 *   the code, where (a path, with line and column for manifest errors) and
 *   one plain sentence.  Pass NULL when the reason is not wanted.
 * - An object returned through `**out` belongs to the caller, who frees it
 *   with that type's `_free` function; every `_free(NULL)` does nothing.
 * - All text is UTF-8.  The library never prints, exits or aborts.
 */
#ifndef CLAIMPACK_H
#define CLAIMPACK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header; cp_version() gives the library's. */
#define CP_VERSION "0.1.0"

/* Marks what the library exports; everything else in it is hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define CP_EXPORT __attribute__((visibility("default")))
#else
#define CP_EXPORT
#endif

/* The version of the library in use ("0.1.0"), which may be newer than
 * the CP_VERSION a program was compiled with.  Static data. */
CP_EXPORT const char *cp_version(void);

/* Status codes.  Negative values are failures. */
typedef enum {
	CP_OK = 0,
	CP_ENOMEM = -1,     /* out of memory */
	CP_EIO = -2,        /* a file could not be read or written */
	CP_EMANIFEST = -3,  /* the manifest is not valid (see err->line) */
	CP_ETEMPLATE = -4,  /* the template is not valid or not found */
	CP_EINVAL = -5,     /* a caller passed an invalid argument */
	CP_ETOOBIG = -6     /* a bundle cannot be made to fit max_size */
} cp_status;

/* Why a call failed.  Filled only when the call returns a negative status. */
typedef struct {
	int code;            /* the cp_status returned */
	char path[1024];     /* the file concerned, "" when none */
	int line;            /* 1-based line in `path`, 0 when unknown */
	int column;          /* 1-based column in `path`, 0 when unknown */
	char message[1024];  /* one plain sentence, no trailing newline */
} cp_error;

/*
 * Formats `err` as "path:line:column: message" (the parts that are known)
 * into `buf` of `size` bytes, always NUL-terminated.  Returns `buf`.
 */
CP_EXPORT const char *cp_error_format(const cp_error *err, char *buf,
    size_t size);

/*
 * Every error that one call found (cp_claim_load_errors), in the order
 * of the file: by line, then column; those without a line last.
 * Opaque.
 */
typedef struct cp_error_list cp_error_list;

/* The most errors a list holds; past it they are only counted. */
#define CP_ERROR_LIST_MAX 50

/* The number of errors the list holds (at most CP_ERROR_LIST_MAX), and
 * the number found: those held and those only counted, so that a
 * program can say "and N more".  0 for NULL. */
CP_EXPORT size_t cp_error_list_count(const cp_error_list *list);
CP_EXPORT size_t cp_error_list_total(const cp_error_list *list);

/* The error numbered `i` (0-based), or NULL when `i` is out of range.
 * Owned by the list. */
CP_EXPORT const cp_error *cp_error_list_at(const cp_error_list *list,
    size_t i);

/*
 * Writes the errors the list holds as one JSON array:
 * [{"file":…,"line":N,"column":N,"message":…},…], line and column 0
 * when unknown.  Returns a NUL-terminated string through `*out` that the
 * caller frees with free().
 */
CP_EXPORT int cp_error_list_to_json(char **out, const cp_error_list *list,
    cp_error *err);

/* Frees a list.  NULL does nothing. */
CP_EXPORT void cp_error_list_free(cp_error_list *list);

/* ---- Document types ------------------------------------------------- */

/* One kind of paper, with its labels in English, Chinese and pinyin. */
typedef struct {
	const char *key;     /* manifest key, e.g. "discharge_summary" */
	const char *en;      /* "Discharge summary" */
	const char *zh;      /* "出院小结" */
	const char *pinyin;  /* "chūyuàn xiǎojié" */
} cp_doctype;

/* Number of document types; they are numbered 0 .. count-1. */
CP_EXPORT size_t cp_doctype_count(void);

/* The type numbered `i`, or NULL when `i` is out of range.  Static data. */
CP_EXPORT const cp_doctype *cp_doctype_at(size_t i);

/* The type whose key is `key`, or NULL when there is none.  Static data. */
CP_EXPORT const cp_doctype *cp_doctype_find(const char *key);

/* ---- Claims --------------------------------------------------------- */

/*
 * A loaded claim manifest.  Opaque.  The calls that read the claim's
 * files (cp_check_run, cp_bundle_build, cp_request_build,
 * cp_verify_run, cp_verify_check) share them through the claim: each
 * file is opened once, its descriptor kept until cp_claim_free(), and
 * what one call learnt of it (its pages, its headers, that it is whole,
 * what its papers say) serves the next, so that a build after a check
 * does not work it out again.  A file changed or replaced since it was
 * first opened is opened and checked again.  One thread at a time per
 * claim.
 */
typedef struct cp_claim cp_claim;

/*
 * Reads and validates the manifest at `path`.  Relative file paths in the
 * manifest are taken relative to the manifest's folder.  On failure returns
 * CP_EMANIFEST (err has the line and column), CP_EIO or CP_ENOMEM, and
 * `*out` is NULL.  `err` receives the first error found;
 * cp_claim_load_errors gives them all.  Free the claim with
 * cp_claim_free().
 */
CP_EXPORT int cp_claim_load(cp_claim **out, const char *path, cp_error *err);

/*
 * cp_claim_load, but finding every error it can in one run rather than
 * stopping at the first: after an error it goes on with the next key,
 * episode or document.  A YAML syntax error stops it (what follows
 * cannot be read), and so do the typing slips that break YAML (a
 * Chinese keyboard's full-width colon after a key, a tab or full-width
 * space in the indentation), which are all named before the file is
 * parsed.  When the manifest has errors, the files it lists that do not
 * exist are named among them (once it has none, a missing file is the
 * check file-missing).  Every message says where the error is and,
 * where claimpack can tell, what to write instead ("did you mean …",
 * "write 2026-11-03").
 *
 * Returns what cp_claim_load returns.  On failure `*errors` (when
 * `errors` is not NULL) receives the list, which holds at least one
 * error, except after CP_ENOMEM, when it may be NULL; the caller frees it
 * with cp_error_list_free().  On success `*errors` is NULL.
 */
CP_EXPORT int cp_claim_load_errors(cp_claim **out, const char *path,
    cp_error_list **errors);

/* Frees a claim.  NULL does nothing. */
CP_EXPORT void cp_claim_free(cp_claim *claim);

/* The manifest's `claim.purpose` (a template name or path), never NULL. */
CP_EXPORT const char *cp_claim_purpose(const cp_claim *claim);

/* ---- Templates ------------------------------------------------------ */

/* A bundle template: section order, required documents, date grace. */
typedef struct cp_template cp_template;

/*
 * Loads a template.  `name_or_path` is either the name of a built-in
 * template ("reimbursement", "employer", "cover-sheet") or the path of a
 * template file (anything containing a '/' or ending in ".yaml"/".yml").
 * Free the template with cp_template_free().
 */
CP_EXPORT int cp_template_load(cp_template **out, const char *name_or_path,
    cp_error *err);

/*
 * Loads the template a claim asks for: `override` when not NULL (as in
 * cp_template_load, a relative path taken from the current folder), else
 * the claim's `purpose`, where a relative path is taken from the
 * manifest's folder.
 */
CP_EXPORT int cp_template_load_for_claim(cp_template **out,
    const cp_claim *claim, const char *override, cp_error *err);

/* Frees a template.  NULL does nothing. */
CP_EXPORT void cp_template_free(cp_template *tpl);

/* The template's name (its `name:` field), never NULL. */
CP_EXPORT const char *cp_template_name(const cp_template *tpl);

/* Names of the built-in templates, NULL-terminated.  Static data. */
CP_EXPORT const char *const *cp_template_builtin_names(void);

/* ---- Checks --------------------------------------------------------- */

typedef enum {
	CP_SEVERITY_ERROR = 0,
	CP_SEVERITY_WARNING = 1,
	CP_SEVERITY_NOTICE = 2
} cp_severity;

/* "error", "warning" or "notice". */
CP_EXPORT const char *cp_severity_name(cp_severity severity);

/* One finding of a check run.  All strings are owned by the report. */
typedef struct {
	const char *check;     /* stable check id, e.g. "name-mismatch" */
	cp_severity severity;
	const char *document;  /* document (or episode) id, "" when claim-wide */
	const char *file;      /* the file concerned as written in the
	                          manifest, "" when none */
	const char *message;   /* one plain sentence naming the values */
} cp_finding;

/* The findings of one check run.  Opaque. */
typedef struct cp_report cp_report;

/*
 * Runs every check on `claim` against `tpl` and returns the findings
 * through `*out` (possibly none).  Findings are data, not failures: the
 * call returns CP_OK however many it finds, and a negative status only
 * when it could not run (out of memory).  Reads the claim's files from
 * disk but never changes them and never touches the network.  Free the
 * report with cp_report_free().
 */
CP_EXPORT int cp_check_run(cp_report **out, const cp_claim *claim,
    const cp_template *tpl, cp_error *err);

/* Frees a report.  NULL does nothing. */
CP_EXPORT void cp_report_free(cp_report *report);

/* Number of findings, and the finding numbered `i` (NULL out of range).
 * Findings are ordered by severity, then by the manifest's order. */
CP_EXPORT size_t cp_report_count(const cp_report *report);
CP_EXPORT const cp_finding *cp_report_at(const cp_report *report, size_t i);

/* Number of findings of one severity. */
CP_EXPORT size_t cp_report_count_severity(const cp_report *report,
    cp_severity severity);

/*
 * Writes the report as one JSON object:
 * {"ok":bool,"errors":N,"warnings":N,"notices":N,"findings":[{"check":…,
 *  "severity":…,"document":…,"file":…,"message":…}]}
 * `ok` is true when there are no errors.  Returns a NUL-terminated string
 * through `*out` that the caller frees with free().
 */
CP_EXPORT int cp_report_to_json(char **out, const cp_report *report,
    cp_error *err);


/* ---- Bundles -------------------------------------------------------- */

typedef enum {
	CP_PAPER_A4 = 0,       /* 210 x 297 mm */
	CP_PAPER_LETTER = 1    /* 8.5 x 11 in */
} cp_paper;

/* Called once per document as the bundle is built (for a progress
 * line): `done` of `total` documents, the document's English type label
 * and its number of pages in the bundle. */
typedef void (*cp_progress_fn)(void *ctx, size_t done, size_t total,
    const char *label, size_t pages);

/* Called with the path of the temporary file the bundle is being written
 * to when it is created, and with NULL once it is renamed or removed, so
 * that a program can remove it if it is interrupted (signal handlers may
 * call unlink(2) on it). */
typedef void (*cp_tempfile_fn)(void *ctx, const char *path);

/* Version 2 added `summary`; a version 1 struct (without it) is still
 * accepted. */
#define CP_BUILD_OPTIONS_VERSION 2

typedef struct {
	unsigned version;        /* CP_BUILD_OPTIONS_VERSION */
	cp_paper paper;          /* for the cover, index and image pages */
	int full_passport;       /* print the passport number in full (else
	                            all but its last 4 characters are masked) */
	int cover_only;          /* write the cover sheet alone */
	cp_progress_fn progress; /* optional */
	void *progress_ctx;
	cp_tempfile_fn tempfile; /* optional */
	void *tempfile_ctx;
	/* Verification results to print beside each invoice (only those
	 * whose fields still match), or NULL. */
	const struct cp_verification *verification;
	/* When not 0, the largest file allowed, in bytes: a larger bundle's
	 * JPEG photos are recompressed step by step, never below `min_dpi`
	 * (0: 150) at the size they are shown, until it fits; input PDFs
	 * are left as they are.  If it cannot fit, nothing is written and
	 * the call returns CP_ETOOBIG naming the largest documents. */
	uint64_t max_size;
	unsigned min_dpi;
	/* When not 0, write the bundle in parts of at most this many bytes
	 * instead: "NAME-part1.pdf", "NAME-part2.pdf"... beside `out_path`
	 * (NAME is out_path without ".pdf"), split only between documents,
	 * each part with its own cover ("Part 2 of 3") and an index of the
	 * whole claim saying which part holds each document.  A document
	 * larger than a part is CP_ETOOBIG; nothing is written then. */
	uint64_t split_size;
	/* Called with the path of each file written, when all are in place
	 * (one, or each part).  Optional. */
	void (*written)(void *ctx, const char *path);
	void *written_ctx;
	/* Version 2.  When not NULL, receives, once every file is in place,
	 * what was built and what to do beside it, for a person: lines of
	 * text, each ending in '\n' (a new string the caller frees with
	 * free(); NULL when the build fails, or when memory ran out for
	 * it after the files were written).  They say how many documents
	 * and pages each file holds and its size; each invoice, with its
	 * verification state from `verification` ("verified valid · date ·
	 * via host", "not verified", "no results file"); the original
	 * e-invoices attached inside the PDF, which a printed or re-saved
	 * copy loses; and the imaging files to send separately ("Send the
	 * CT CD separately: 2 studies, 1,204 images"). */
	char **summary;
} cp_build_options;

#define CP_BUILD_OPTIONS_INIT { CP_BUILD_OPTIONS_VERSION, CP_PAPER_A4, 0, 0, \
	NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }

/*
 * Builds the claim's bundle into `out_path`: a cover sheet, an index with
 * page ranges and links, then every document in the template's section
 * order (by date within a section, then manifest order), every document
 * page stamped with the claim reference, document number and page
 * number, with bookmarks and page labels.  `report` is the check run's
 * report (from cp_check_run with the same claim and template): the cover
 * shows its counts, and lists its errors in a red box when there are any.
 * The manifest (as JSON) and the check report are attached to the PDF,
 * and so is, unchanged, every file of a fapiao document that is an
 * e-invoice (an OFD, an e-invoice XML, a PDF that is digitally signed or
 * comes from an e-invoice platform; one over 20 MiB is named, not
 * attached), in the part of a split bundle that holds its document: the
 * issuer's signature can be checked only in the original file.
 *
 * The PDF is written to a temporary file in the target folder and renamed
 * into place only when complete: a failed build leaves no file at
 * `out_path` and never touches an input.  `out_path` may not be one of the
 * claim's files (CP_EINVAL).  The same inputs, `prepared` date and
 * options give a byte-identical file.
 *
 * When `warnings` is not NULL it receives a report (caller frees) of
 * what the build noticed: text the font cannot draw ("glyph-missing",
 * naming the field; such characters print as '?').  Returns CP_OK, or a
 * negative status with `err` naming the file and the reason.
 */
CP_EXPORT int cp_bundle_build(const cp_claim *claim, const cp_template *tpl,
    const cp_report *report, const char *out_path,
    const cp_build_options *opts, cp_report **warnings, cp_error *err);

/* ---- The request slip (claimpack request) ------------------------------ */

/* What the request slip asks of one hospital (one page, more when its
 * list does not fit).  Strings belong to the claim. */
typedef struct {
	/* The hospital as the manifest names it (`hospital`, else
	 * `hospital_zh`), or NULL for an episode that names none, whose
	 * page is headed with its dates instead. */
	const char *hospital;
	const char *episode;      /* the id of its first episode */
	size_t papers;            /* papers to ask for */
	size_t names;             /* names to correct */
	size_t pages;             /* pages of the slip for it */
} cp_request_page;

#define CP_REQUEST_OPTIONS_VERSION 1

typedef struct {
	unsigned version;         /* CP_REQUEST_OPTIONS_VERSION */
	cp_paper paper;
	cp_tempfile_fn tempfile;  /* optional, as for cp_bundle_build */
	void *tempfile_ctx;
	/* Called once per hospital, in page order, when the file is in
	 * place.  Optional. */
	void (*page)(void *ctx, const cp_request_page *page);
	void *page_ctx;
} cp_request_options;

#define CP_REQUEST_OPTIONS_INIT { CP_REQUEST_OPTIONS_VERSION, \
	CP_PAPER_A4, NULL, NULL, NULL, NULL }

/*
 * Writes the request slip into `out_path`: a PDF for a patient still in
 * China to show at the hospital, a page per hospital of the claim's
 * episodes (episodes with the same `hospital` or `hospital_zh` share
 * one; an episode naming neither has its own, headed with its dates),
 * Chinese first with English beneath each line.  Each page gives the
 * patient (passport name, passport number and birth date when given,
 * the first alias in Chinese characters) and the dates of the stays
 * there, then, grouped by the template's desks (its `desks:`), every
 * paper those episodes lack that the hospital issues (what check
 * reports as required-missing, recommended-missing and
 * imaging-unpaired; translations, claim forms and proofs of payment are
 * never asked for) and every paper of theirs whose printed name is to
 * be corrected to the passport name (name-mismatch, name-partial),
 * then a box for the staff's signature, stamp and date.  A hospital
 * with nothing to ask still has its page, which says so.
 *
 * Reads no file of the claim.  Written as cp_bundle_build writes: to a
 * temporary file renamed into place when complete; `out_path` may not
 * be the manifest or one of the claim's files (CP_EINVAL).  The same
 * claim, template and options give a byte-identical file.  When
 * `warnings` is not NULL it receives a report (caller frees) of text
 * the fonts cannot draw ("glyph-missing").  Returns CP_OK, or a
 * negative status with `err`.
 */
CP_EXPORT int cp_request_build(const cp_claim *claim, const cp_template *tpl,
    const char *out_path, const cp_request_options *opts,
    cp_report **warnings, cp_error *err);

/* ---- Invoice verification --------------------------------------------- */

typedef enum {
	CP_VERIFY_VALID = 0,      /* the service says valid and agrees */
	CP_VERIFY_INVALID,        /* the service says invalid */
	CP_VERIFY_NOT_FOUND,      /* the service does not know the invoice */
	CP_VERIFY_MISMATCH,       /* valid, but its amount, date or buyer
	                             differs from the manifest */
	CP_VERIFY_UNREACHABLE,    /* no answer: refused, timed out, DNS, TLS */
	CP_VERIFY_BAD_RESPONSE,   /* an answer that is not the contract's:
	                             HTTP error, malformed or oversized JSON */
	CP_VERIFY_FETCHED         /* an invoice's verify_url was fetched; see
	                             http_status and final_url */
} cp_verify_status;

/* "valid", "invalid", "not_found", "mismatch", "unreachable",
 * "bad_response", "fetched". */
CP_EXPORT const char *cp_verify_status_name(cp_verify_status status);

/* The outcome for one invoice.  Strings are never NULL ("" when absent)
 * and belong to the cp_verification. */
typedef struct {
	const char *document;      /* the fapiao's document id */
	cp_verify_status status;
	const char *host;          /* host of the service (or verify_url) */
	const char *checked_at;    /* UTC, "2026-11-26T08:12:00Z" */
	long http_status;          /* last HTTP status, 0 when none */
	const char *body_sha256;   /* SHA-256 of the response body, hex */
	const char *fields_sha256; /* SHA-256 of the invoice fields checked
	                              (see cp_invoice_fields_sha256) */
	const char *message;       /* the service's message, or why it failed */
	const char *final_url;     /* verify_url fetches: after redirects */
	const char *amount;        /* as the service returned them */
	const char *date;
	const char *buyer;
} cp_verify_result;

/* The results of a verification run, or as read back from its file. */
typedef struct cp_verification cp_verification;

#define CP_VERIFY_OPTIONS_VERSION 1

/* The defaults of cp_verify_options: the values CP_VERIFY_OPTIONS_INIT
 * sets, and those a field left 0 stands for. */
#define CP_VERIFY_DEFAULT_JOBS 4
#define CP_VERIFY_DEFAULT_TIMEOUT 20
#define CP_VERIFY_DEFAULT_CONNECT_TIMEOUT 5
#define CP_VERIFY_DEFAULT_RETRIES 2
#define CP_VERIFY_DEFAULT_RETRY_AFTER_MAX 30

/* For `retries` and `retry_after_max`, whose 0 is their default: none
 * at all (no retries; Retry-After is not waited for). */
#define CP_VERIFY_NONE (~0u)

/*
 * How cp_verify_run looks invoices up.  In every field 0 means the
 * default (the CP_VERIFY_DEFAULT_ value; for `now`, the clock), so a
 * field left 0 and one set by CP_VERIFY_OPTIONS_INIT behave alike.  A
 * value out of range makes cp_verify_run fail with CP_EINVAL.
 */
typedef struct {
	unsigned version;          /* CP_VERIFY_OPTIONS_VERSION */
	/* URL template with {kind} {code} {number} {date} {amount} {check6},
	 * each percent-encoded when filled.  https, or http to a loopback
	 * address only.  NULL: no service, nothing is fetched. */
	const char *service;
	unsigned jobs;             /* transfers at once, 1..32 */
	unsigned timeout;          /* each attempt, redirects included, s,
	                              1..3600 */
	unsigned connect_timeout;  /* each connection, s, 1..3600 */
	unsigned retries;          /* more attempts after a timeout, a broken
	                              connection, 5xx or 429, 1..10;
	                              CP_VERIFY_NONE: none */
	unsigned retry_after_max;  /* cap on a Retry-After wait, s, 1..3600;
	                              CP_VERIFY_NONE: Retry-After ignored */
	int64_t now;               /* time to record, s since 1970 */
} cp_verify_options;

#define CP_VERIFY_OPTIONS_INIT { CP_VERIFY_OPTIONS_VERSION, NULL, \
	CP_VERIFY_DEFAULT_JOBS, CP_VERIFY_DEFAULT_TIMEOUT, \
	CP_VERIFY_DEFAULT_CONNECT_TIMEOUT, CP_VERIFY_DEFAULT_RETRIES, \
	CP_VERIFY_DEFAULT_RETRY_AFTER_MAX, 0 }

/*
 * Checks every fapiao of `claim` with the service in `opts` (one GET per
 * invoice, up to `jobs` at once; the contract is in docs/verify.md), and
 * fetches each invoice's verify_url.  A service that cannot be reached is
 * a status (CP_VERIFY_UNREACHABLE) in the results, never a failure of
 * the call.  Returns CP_EINVAL (err says why) when `opts->service` is
 * NULL, malformed, or plain http to a host that is not loopback.  Free
 * the results with cp_verification_free().
 */
CP_EXPORT int cp_verify_run(cp_verification **out, const cp_claim *claim,
    const cp_verify_options *opts, cp_error *err);

CP_EXPORT size_t cp_verification_count(const cp_verification *v);
CP_EXPORT const cp_verify_result *cp_verification_at(const cp_verification *v,
    size_t i);
/* The result for a document id, or NULL. */
CP_EXPORT const cp_verify_result *cp_verification_find(const cp_verification *v,
    const char *document);
CP_EXPORT void cp_verification_free(cp_verification *v);

/* Writes the results as JSON to `path` atomically (temporary file and
 * rename), and reads them back.  A file that is not claimpack's results
 * is CP_EIO with the reason. */
CP_EXPORT int cp_verification_write(const cp_verification *v, const char *path,
    cp_error *err);
CP_EXPORT int cp_verification_load(cp_verification **out, const char *path,
    cp_error *err);

/* "<manifest without .yaml>.verify.json" beside the manifest (caller
 * frees), where `claimpack verify` writes and `build` reads results. */
CP_EXPORT char *cp_claim_verify_path(const cp_claim *claim);

/*
 * The SHA-256 (hex, into `hex`) of the fields of document `document`'s
 * invoice that a verification checks: kind, code, number, date, amount,
 * check code.  A stored result whose fields_sha256 differs is stale: the
 * invoice was edited since.  Returns CP_OK, or CP_EINVAL when the
 * document is not a fapiao of the claim.
 */
CP_EXPORT int cp_invoice_fields_sha256(char hex[65], const cp_claim *claim,
    const char *document);

/*
 * Findings about verification, to show beside the check report:
 * "invoice-invalid", "invoice-not-found", "invoice-verify-mismatch"
 * (errors), "invoice-unreachable" and "invoice-verify-stale" (warnings,
 * the latter for a result whose invoice was edited since),
 * "invoice-unverified" (an error when `require_verified`, else nothing).
 * `v` may be NULL (no results).  Free the report with cp_report_free().
 */
CP_EXPORT int cp_verify_check(cp_report **out, const cp_claim *claim,
    const cp_verification *v, int require_verified, cp_error *err);

/*
 * The manual verification sheet: for each fapiao, its kind, the official
 * platform's address and the fields a person types there (or the QR text
 * to scan), as plain text in a new string (caller frees).  Offline.
 */
CP_EXPORT int cp_verify_sheet(char **out, const cp_claim *claim, cp_error *err);

/* Appends copies of `src`'s findings to `dst` and sorts `dst` again. */
CP_EXPORT int cp_report_append(cp_report *dst, const cp_report *src,
    cp_error *err);

/* ---- Reading the papers ------------------------------------------------ */

/* What claimpack read off a set of files.  Opaque. */
typedef struct cp_reading cp_reading;

/*
 * Reads the facts printed on each file (QR codes, e-invoice data, text
 * layers, EXIF dates) by its content: PDF, JPEG, PNG, HEIC, WebP, TIFF,
 * OFD and e-invoice XML.  A folder is walked (in byte order of names;
 * hidden files, `Thumbs.db`, `desktop.ini`, `autorun.inf`, `__MACOSX/`,
 * viewer programs and their folders skipped).
 * A file that cannot be read is listed with the reason, not a failure.
 * Offline; never changes a file.  Returns CP_OK, CP_EIO when a folder
 * cannot be walked (err names it) or a path does not exist, or
 * CP_ENOMEM.  Free with cp_reading_free().
 */
CP_EXPORT int cp_read_files(cp_reading **out, const char *const *paths,
    size_t npaths, cp_error *err);
CP_EXPORT void cp_reading_free(cp_reading *reading);

/* The number of files read, and of those that could not be read; the
 * DICOM files of imaging folders count too (those that claim to be
 * DICOM but cannot be read among the unreadable). */
CP_EXPORT size_t cp_reading_count(const cp_reading *reading);
CP_EXPORT size_t cp_reading_unreadable(const cp_reading *reading);

/*
 * The reading as one JSON object (docs/read.md gives every field):
 * {"files":[{"file":…,"format":…,"type":…|null,"pages":N,
 *  "invoice":{"kind":"vat|fiscal","code":…,"number":…,"date":…,
 *  "amount":…,"amount_before_tax":…,"check_code":…,"qr":…,"buyer":…,
 *  "seller":…,"from":{"number":"qr",…}},"names":[…],"dates":[…],
 *  "links":[…],"problem":…}]}, fields absent when not read.  Or as text,
 * one block per file.  New strings the caller frees.
 */
CP_EXPORT int cp_reading_to_json(char **out, const cp_reading *reading,
    cp_error *err);
CP_EXPORT int cp_reading_to_text(char **out, const cp_reading *reading,
    cp_error *err);

/* ---- A manifest from a folder of papers (claimpack init) ------------- */

/* What `init` found in a folder, and the manifest it makes of it.
 * Opaque. */
typedef struct cp_init cp_init;

/* Called as each file is read: `done` of `total`, `file` the path below
 * the folder of the one read next. */
typedef void (*cp_init_progress_fn)(void *ctx, size_t done, size_t total,
    const char *file);

typedef struct {
	/* The manifest's claim.purpose: a built-in template's name or a
	 * template file's path; NULL for reimbursement. */
	const char *purpose;
	/* Where the manifest will be written (NULL: FOLDER/claim.yaml):
	 * the files are listed relative to its folder, and it is not read
	 * as a paper. */
	const char *manifest_path;
	cp_init_progress_fn progress;   /* NULL for none */
	void *progress_ctx;
} cp_init_options;

/*
 * Walks `folder` (symbolic links not followed, at most 16 folders deep
 * and 100,000 entries), skips what is not a paper (operating-system
 * clutter, CD viewer programs, links, exact copies, files of no paper's
 * format), reads every paper (QR codes, e-invoice data, text layers,
 * EXIF, file names; the DICOM headers of an imaging folder), groups the
 * files into documents, types them, and works out the patient, the
 * episodes and each document's facts.  Never changes a file, never
 * touches the network.  Returns CP_OK; CP_EIO when the folder cannot be
 * walked (err says why) or holds no paper; CP_ETEMPLATE when `purpose`
 * is not a template; CP_ENOMEM.  Free with cp_init_free().
 */
CP_EXPORT int cp_init_scan(cp_init **out, const char *folder,
    const cp_init_options *options, cp_error *err);
CP_EXPORT void cp_init_free(cp_init *init);

/*
 * The manifest as YAML text: every value read carries a comment saying
 * where it was read, and every fact that could not be read is left out
 * with a "# TODO" comment naming the paper to look at.  It loads with
 * cp_claim_load; what is missing is reported by cp_check_run
 * (fact-missing).  A new string the caller frees; NULL when out of
 * memory.
 */
CP_EXPORT char *cp_init_manifest(const cp_init *init);

/*
 * What was found, skipped and left to do, for a person, as lines of
 * text ending with the next command to run (for the manifest written
 * at `manifest_path`).  A new string the caller frees; NULL when out of
 * memory.
 */
CP_EXPORT char *cp_init_summary(const cp_init *init,
    const char *manifest_path);

/*
 * Writes the manifest to `path` atomically (a reader sees no file or
 * the whole one).  Without `replace`, an existing file is never
 * replaced, even one that appears while writing: CP_EINVAL ("exists
 * already").  Returns CP_OK, CP_EINVAL, CP_EIO or CP_ENOMEM.
 */
CP_EXPORT int cp_init_write(const cp_init *init, const char *path,
    int replace, cp_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CLAIMPACK_H */
