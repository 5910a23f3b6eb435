/* init_int.h - what `claimpack init` finds in a folder of papers and
 * makes of it, shared by the files of init/.  Private to init/.
 *
 * The steps, one file each:
 *   find.c      walk the folder, skip what is not a paper, read each
 *               paper's facts, find the imaging folders;
 *   names.c     what a file's or folder's name says: its type (from
 *               data/paper-names.yaml), its page number, a camera's
 *               time;
 *   group.c     files into documents, and their types;
 *   facts.c     each document's facts, the patient, the episodes;
 *   manifest.c  the YAML text, with a comment on every value;
 *   summary.c   what a person is told;
 *   init.c      the public calls.
 */
#ifndef CP_INIT_INT_H
#define CP_INIT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claimpack.h"
#include "input/imaging.h"
#include "input/sniff.h"
#include "manifest/date.h"
#include "read/facts.h"

/* More papers than one claim has: a folder beyond this is refused. */
#define CP__INIT_MAX_PAPERS 2000
/* Photos shot within this many seconds of each other, of one type, are
 * taken for pages of one paper. */
#define CP__INIT_SHOT_SECONDS 60

/* The words of file and folder names (names.c). */
typedef struct cp__init_names cp__init_names;

/* One file that may be a paper. */
typedef struct {
	char *rel;              /* below the folder ("billing/x.pdf") */
	char *path;             /* to open */
	cp__format format;
	cp__paper_facts *facts; /* what was read off it */
	int content_type;       /* doctype index read off the paper, -1 */
	int name_type;          /* ... from its file name, -1 */
	int folder_type;        /* ... from its folders' names, -1 */
	char *stem;             /* the name with its page number and
	                           extension taken out ("discharge" for
	                           discharge_2.jpg); NULL for a camera's
	                           or a name without one */
	int page;               /* that page number, 0 when none */
	bool has_time;          /* when the photo was shot, for grouping: */
	int64_t time;           /* seconds since 1970 (UTC-less) */
	bool time_from_exif;    /* else from a camera's file name */
	bool has_name_date;     /* a date in the file name */
	cp__date name_date;
	size_t doc;             /* the document it went into */
} cp__init_file;

/* A folder of DICOM files (or one with a DICOMDIR): one imaging_files
 * document. */
typedef struct {
	char *rel;              /* below the folder; "." for the folder
	                           itself */
	bool is_file;           /* a DICOM file lying loose at the top */
	cp__imaging im;
} cp__init_imaging;

/* A file or folder skipped, and why. */
typedef struct {
	char *rel;              /* a folder's ends with "/" */
	const char *why;        /* static */
	char *detail;           /* owned, or NULL: what it copies */
	size_t files;           /* for a folder: how many files */
} cp__init_skip;

/* Where a value of the manifest came from, for its comment:
 * "<where> <file>[, page N][ (<label>)]", "QR code on billing/x.pdf". */
typedef struct {
	const char *where;      /* "QR code on", "text layer of", "file name",
	                           static; NULL when not read */
	const char *file;       /* below the folder; borrowed */
	int page;               /* 0 when not paged */
	const char *label;      /* "出院日期", static; or NULL */
} cp__init_source;

typedef struct {
	int type;               /* doctype index */
	bool type_guessed;      /* nothing said what it is */
	const char *type_why;   /* where the type came from, static */
	const char *type_file;  /* ... read on this file, borrowed */
	size_t *files;          /* indexes in cp_init.files, in order (in
	                           cp_init.imaging for imaging_files) */
	size_t nfiles;
	size_t imaging;         /* with type imaging_files: the index in
	                           cp_init.imaging; SIZE_MAX otherwise */
	char id[48];
	size_t episode;
	bool episode_guessed;
	bool has_date;
	cp__date date;
	cp__init_source date_from;
	const char *name;       /* borrowed from a file's facts */
	cp__init_source name_from;
	bool has_amount;
	int64_t amount;
	cp__init_source amount_from;
	const cp__invoice_facts *invoice;   /* borrowed; NULL when none */
	const char *invoice_file;
	const char *hospital;   /* read on it (borrowed), for episodes */
	const char *also;       /* a note: files of the same e-invoice */
} cp__init_doc;

typedef struct {
	char id[40];
	int kind;               /* cp__episode_kind */
	const char *kind_why;   /* static */
	bool has_start, has_end;
	cp__date start, end;
	cp__init_source start_from, end_from;
	const char *hospital;   /* borrowed; NULL when none was read */
	cp__init_source hospital_from;
	bool hospital_cjk;      /* the name read is in Chinese */
} cp__init_episode;

struct cp_init {
	char *folder;           /* as given, without a trailing "/" */
	char *prefix;           /* put before each rel in the manifest so
	                           that it is relative to the manifest's
	                           folder: "" or "papers/" or "../x/" */
	char *purpose;
	cp__init_names *names;
	cp__init_file *files;
	size_t nfiles;
	cp__init_imaging *imaging;
	size_t nimaging;
	cp__init_skip *skipped;
	size_t nskipped;
	cp__init_doc *docs;
	size_t ndocs;
	cp__init_episode *episodes;
	size_t nepisodes;
	/* The patient. */
	const char *patient_name;       /* Latin letters, borrowed */
	cp__init_source patient_name_from;
	size_t patient_name_papers;     /* how many papers print it */
	const char *alias;              /* in Chinese characters */
	cp__init_source alias_from;
	char birth_date[11];            /* from DICOM, "" */
	cp__init_source birth_from;
	cp__date today;
	char **strings;                 /* made here, freed with the scan */
	size_t nstrings;
	double seconds;                 /* how long the scan took */
};

/* ---- find.c ---- */
/* Walks init->folder into files, imaging and skipped, reading each
 * paper.  CP_OK, CP_EIO (err says why), CP_ENOMEM. */
int cp__init_find(cp_init *init, const char *manifest_path,
    cp_init_progress_fn progress, void *progress_ctx, cp_error *err);

/* ---- names.c ---- */
/* The table of data/paper-names.yaml, read from the library's copy.
 * CP_OK, CP_EINVAL (the table is broken: a build fault), CP_ENOMEM. */
int cp__init_names_load(cp__init_names **out, cp_error *err);
void cp__init_names_free(cp__init_names *names);
/* Fills file->name_type, folder_type, stem, page, the camera's time and
 * a date in the name, from file->rel.  0, or -1 when out of memory. */
int cp__init_name_facts(const cp__init_names *names, cp__init_file *file);

/* ---- group.c ---- */
/* Files and imaging folders into init->docs, typed.  CP_OK or
 * CP_ENOMEM. */
int cp__init_group(cp_init *init);

/* ---- facts.c ---- */
/* Each document's date, name, amount and invoice; the patient; the
 * episodes; the type of each document nothing typed.  CP_OK or
 * CP_ENOMEM. */
int cp__init_facts(cp_init *init);

/* ---- manifest.c, summary.c ---- */
/* The manifest's text; with `todos`, also a new list of what its TODO
 * comments ask for, one short phrase each ("the passport number"), for
 * the summary (free with cp__string_list_free).  NULL when out of
 * memory. */
char *cp__init_manifest_text(const cp_init *init, char ***todos,
    size_t *ntodos);
/* "QR code on billing/x.pdf, page 2 (开票日期)" into `buf`. */
const char *cp__init_source_text(char *buf, size_t size,
    const cp__init_source *src);

#endif
