/* find.c - the papers in a folder: walked without following links, the
 * junk skipped with its reason, exact copies skipped, each paper read
 * once, and the folders of DICOM files summed up as imaging. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init/init_int.h"
#include "input/image.h"
#include "input/junk.h"
#include "manifest/doctype.h"
#include "read/read.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/walk.h"

/* One entry met in the walk that may be a paper or an image. */
typedef struct {
	char *rel;
	char *path;
	cp__format format;
	off_t size;
	size_t root;            /* imaging root it lies in, or SIZE_MAX */
} entry;

typedef struct {
	cp_init *init;
	entry *v;
	size_t n, cap;
	dev_t skip_dev;         /* the manifest itself, when it exists */
	ino_t skip_ino;
	bool has_skip;
	cp_error *err;
} walk_ctx;

static int
nomem(cp_error *err)
{
	return cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
}

static const char *
base_name(const char *rel)
{
	const char *s = strrchr(rel, '/');

	return s != NULL ? s + 1 : rel;
}

/* Lists `rel` as skipped for `why`; a folder (`folder`) is listed once,
 * with the count of its files. */
static int
skip(cp_init *init, const char *rel, size_t len, bool folder,
    const char *why)
{
	cp__init_skip *s;
	size_t i;

	if (folder)
		for (i = init->nskipped; i-- > 0;)
			if (init->skipped[i].files > 0 &&
			    strncmp(init->skipped[i].rel, rel, len) == 0 &&
			    init->skipped[i].rel[len] == '/' &&
			    init->skipped[i].rel[len + 1] == '\0') {
				init->skipped[i].files++;
				return CP_OK;
			}
	s = realloc(init->skipped, (init->nskipped + 1) * sizeof(*s));
	if (s == NULL)
		return CP_ENOMEM;
	init->skipped = s;
	s = &s[init->nskipped];
	s->rel = folder ? cp__sprintf("%.*s/", (int)len, rel) :
	    cp__strdup(rel);
	if (s->rel == NULL)
		return CP_ENOMEM;
	s->why = why;
	s->detail = NULL;
	s->files = folder ? 1 : 0;
	init->nskipped++;
	return CP_OK;
}

/* Why a file's name cannot stand in a manifest (UTF-8 text, a path on
 * one line), or NULL. */
static const char *
bad_name(const char *rel)
{
	if (!cp__utf8_valid(rel, strlen(rel)))
		return "its name is not UTF-8 (a GBK name from a ZIP made on "
		    "Windows?): rename it and run init again";
	if (cp__has_control(rel))
		return "its name holds a line break or another control "
		    "character: rename it and run init again";
	return NULL;
}

/* Lists a file whose name is not fit to print as skipped, with what of
 * its name can be shown: bad bytes dropped, control characters as "?". */
static int
skip_shown(cp_init *init, const char *rel, const char *why)
{
	char *shown = cp__utf8_printable(rel);
	int rc;

	if (shown == NULL)
		return CP_ENOMEM;
	rc = skip(init, shown, strlen(shown), false, why);
	free(shown);
	return rc;
}

static int
collect(void *ctx, const char *path, const char *rel, const struct stat *st)
{
	walk_ctx *w = ctx;
	const char *why;
	entry *e;
	size_t len;
	int rc;

	if ((why = bad_name(rel)) != NULL)
		rc = skip_shown(w->init, rel, why);
	else if (S_ISLNK(st->st_mode))
		rc = skip(w->init, rel, strlen(rel), false,
		    "a symbolic link, not followed");
	else if (!S_ISREG(st->st_mode))
		rc = skip(w->init, rel, strlen(rel), false,
		    "not a regular file");
	else if (w->has_skip && st->st_dev == w->skip_dev &&
	    st->st_ino == w->skip_ino)
		rc = CP_OK;     /* the manifest being replaced */
	else if ((why = cp__junk_folder(rel, &len)) != NULL)
		rc = skip(w->init, rel, len, true, why);
	else if ((why = cp__junk_reason(rel)) != NULL)
		rc = skip(w->init, rel, strlen(rel), false, why);
	else if (st->st_size == 0)
		rc = skip(w->init, rel, strlen(rel), false, "an empty file");
	else {
		if (w->n == w->cap) {
			size_t cap = w->cap ? w->cap * 2 : 64;

			if ((e = realloc(w->v, cap * sizeof(*e))) == NULL)
				return nomem(w->err);
			w->v = e;
			w->cap = cap;
		}
		e = &w->v[w->n];
		memset(e, 0, sizeof(*e));
		e->rel = cp__strdup(rel);
		e->path = cp__strdup(path);
		e->size = st->st_size;
		e->root = SIZE_MAX;
		if (e->rel == NULL || e->path == NULL) {
			free(e->rel);
			free(e->path);
			return nomem(w->err);
		}
		w->n++;
		rc = CP_OK;
	}
	return rc == CP_ENOMEM ? nomem(w->err) : rc;
}

/* The folder part of `rel` ("" at the top), as a new string. */
static char *
folder_of(const char *rel)
{
	const char *b = base_name(rel);

	return b == rel ? cp__strdup("") :
	    cp__sprintf("%.*s", (int)(b - rel - 1), rel);
}

/* Whether `rel` lies in the folder `dir` ("" is the top). */
static bool
lies_in(const char *rel, const char *dir)
{
	size_t n = strlen(dir);

	return n == 0 || (strncmp(rel, dir, n) == 0 && rel[n] == '/');
}

static int
add_root(cp_init *init, const char *rel)
{
	cp__init_imaging *im;
	size_t i;

	for (i = 0; i < init->nimaging; i++)
		if (strcmp(init->imaging[i].rel, rel) == 0)
			return CP_OK;
	im = realloc(init->imaging, (init->nimaging + 1) * sizeof(*im));
	if (im == NULL)
		return CP_ENOMEM;
	init->imaging = im;
	memset(&im[init->nimaging], 0, sizeof(*im));
	if ((im[init->nimaging].rel = cp__strdup(rel)) == NULL)
		return CP_ENOMEM;
	init->nimaging++;
	return CP_OK;
}

/*
 * The imaging folders: each folder holding a DICOMDIR, then for DICOM
 * files outside those the top folder they lie in (a CD copied as
 * "CT/series1/..." is one), or the file itself at the top.
 */
static int
find_roots(cp_init *init, walk_ctx *w)
{
	char *dir;
	const char *slash;
	size_t i, k;
	int rc = CP_OK;

	for (i = 0; i < w->n && rc == CP_OK; i++) {
		if (strcasecmp(base_name(w->v[i].rel), "DICOMDIR") != 0)
			continue;
		if ((dir = folder_of(w->v[i].rel)) == NULL)
			return CP_ENOMEM;
		rc = add_root(init, dir[0] ? dir : ".");
		free(dir);
	}
	for (i = 0; i < w->n && rc == CP_OK; i++) {
		if (w->v[i].format != CP__FORMAT_DICOM)
			continue;
		for (k = 0; k < init->nimaging; k++)
			if (lies_in(w->v[i].rel, strcmp(init->imaging[k].rel,
			    ".") == 0 ? "" : init->imaging[k].rel))
				break;
		if (k < init->nimaging)
			continue;
		slash = strchr(w->v[i].rel, '/');
		if (slash == NULL) {
			if ((rc = add_root(init, w->v[i].rel)) == CP_OK)
				init->imaging[init->nimaging - 1].is_file =
				    true;
		} else {
			if ((dir = cp__sprintf("%.*s", (int)(slash -
			    w->v[i].rel), w->v[i].rel)) == NULL)
				return CP_ENOMEM;
			rc = add_root(init, dir);
			free(dir);
		}
	}
	if (rc != CP_OK)
		return rc;
	/* Each entry's root: the nearest, as roots may nest. */
	for (i = 0; i < w->n; i++) {
		size_t best = SIZE_MAX, blen = 0;

		for (k = 0; k < init->nimaging; k++) {
			const char *r = init->imaging[k].rel;
			bool in = strcmp(r, ".") == 0 ||
			    strcmp(w->v[i].rel, r) == 0 || lies_in(w->v[i].rel, r);

			if (in && (best == SIZE_MAX || strlen(r) > blen)) {
				best = k;
				blen = strlen(r);
			}
		}
		w->v[i].root = best;
	}
	return CP_OK;
}

/* Whether files of `format` can be papers of a bundle. */
static bool
paper_format(cp__format format)
{
	switch (format) {
	case CP__FORMAT_PDF:
	case CP__FORMAT_JPEG:
	case CP__FORMAT_PNG:
	case CP__FORMAT_HEIC:
	case CP__FORMAT_WEBP:
	case CP__FORMAT_TIFF:
	case CP__FORMAT_ZIP:
	case CP__FORMAT_XML:
		return true;
	default:
		return false;
	}
}

/* The SHA-256 of the file at `path`, read in pieces; false when it
 * cannot be read (the reader then says why). */
static bool
file_hash(const char *path, char hex[65])
{
	unsigned char buf[65536];
	cp__sha256 *h;
	FILE *f;
	size_t n;
	bool ok;

	if ((f = fopen(path, "rb")) == NULL)
		return false;
	if ((h = cp__sha256_new()) == NULL) {
		fclose(f);
		return false;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		cp__sha256_update(h, buf, n);
	ok = !ferror(f);
	fclose(f);
	cp__sha256_final_hex(h, hex);
	cp__sha256_free(h);
	return ok;
}

typedef struct {
	char hex[65];
	size_t entry;
	size_t name_len;        /* of its base name: the copy's is longer */
} hashed;

/* By content, then the shortest name first ("x.jpg" before the
 * "x (1).jpg" or "x - Copy.jpg" a copy gets), then walk order. */
static int
by_hash(const void *a, const void *b)
{
	const hashed *x = a, *y = b;
	int c = strcmp(x->hex, y->hex);

	if (c != 0)
		return c;
	if (x->name_len != y->name_len)
		return x->name_len < y->name_len ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* Of files with the same bytes, keeps the one with the shortest name
 * and marks the others as its copies in `copy_of`. */
static int
find_copies(walk_ctx *w, size_t *copy_of)
{
	hashed *h;
	size_t i, n = 0;

	if ((h = calloc(w->n ? w->n : 1, sizeof(*h))) == NULL)
		return CP_ENOMEM;
	for (i = 0; i < w->n; i++) {
		copy_of[i] = SIZE_MAX;
		if (w->v[i].root != SIZE_MAX || !paper_format(w->v[i].format))
			continue;
		if (!file_hash(w->v[i].path, h[n].hex))
			continue;
		h[n].name_len = strlen(base_name(w->v[i].rel));
		h[n++].entry = i;
	}
	if (n > 1)
		qsort(h, n, sizeof(*h), by_hash);
	for (i = 1; i < n; i++)
		if (strcmp(h[i].hex, h[i - 1].hex) == 0)
			copy_of[h[i].entry] = copy_of[h[i - 1].entry] !=
			    SIZE_MAX ? copy_of[h[i - 1].entry] :
			    h[i - 1].entry;
	free(h);
	return CP_OK;
}

/* Why a paper that was read is still not one to list, or NULL. */
static const char *
not_a_paper(const cp__paper_facts *p, cp__format format)
{
	if (p->not_paper)
		return "not a paper claimpack can put in a bundle";
	if (format == CP__FORMAT_ZIP && p->problem != NULL &&
	    strcmp(p->format, "ofd") != 0)
		return "a ZIP archive that is not an OFD e-invoice: unpack "
		    "it into the folder and run init again";
	if (format == CP__FORMAT_ZIP && p->problem != NULL &&
	    strstr(p->problem, "not an OFD") != NULL)
		return "a ZIP archive that is not an OFD e-invoice: unpack "
		    "it into the folder and run init again";
	if (format == CP__FORMAT_XML && !p->invoice.present)
		return "an XML file that is not e-invoice data";
	return NULL;
}

/*
 * Whether a paper read for its text must be looked at for QR codes too:
 * QR codes are what tells a fapiao from a photo or a scan, and looking
 * for them is most of init's time, so a paper whose text or name already
 * says it is something else is not looked at again.  A fapiao whose text
 * or e-invoice data gave its number, date and total has nothing more to
 * give.
 */
static bool
wants_qr(const cp_init *init, const entry *e, const cp__paper_facts *p)
{
	const cp__invoice_facts *inv = &p->invoice;
	cp__init_file named;
	int type = cp__doctype_index(p->type), by_name;

	if (p->problem != NULL || p->not_paper)
		return false;
	if (type == CP__DT_FAPIAO)
		return inv->number.text == NULL || !inv->amount.has ||
		    !inv->date.has;
	if (type >= 0)
		return false;
	memset(&named, 0, sizeof(named));
	named.rel = e->rel;
	if (cp__init_name_facts(init->names, &named) != 0)
		return true;
	free(named.stem);
	by_name = named.name_type >= 0 ? named.name_type : named.folder_type;
	return by_name < 0 || by_name == CP__DT_FAPIAO ||
	    by_name == CP__DT_PAYMENT_PROOF;
}

/* Reads the paper of `e`: its text first, then its QR codes when
 * wants_qr() says so.  CP_OK or CP_ENOMEM. */
static int
read_paper(const cp_init *init, const entry *e, cp__paper_facts **out)
{
	cp__paper_facts *text;

	if (cp__read_paper(&text, e->path, e->rel, CP__READ_TEXT) < 0)
		return CP_ENOMEM;
	if (!wants_qr(init, e, text)) {
		*out = text;
		return CP_OK;
	}
	cp__paper_free(text);
	if (cp__read_paper(out, e->path, e->rel, CP__READ_ALL) < 0)
		return CP_ENOMEM;
	return CP_OK;
}

static int
add_paper(cp_init *init, entry *e, cp__paper_facts *facts)
{
	cp__image_info info;
	cp__init_file *f;
	cp__date day;
	char why[256];

	f = realloc(init->files, (init->nfiles + 1) * sizeof(*f));
	if (f == NULL)
		return CP_ENOMEM;
	init->files = f;
	f = &f[init->nfiles];
	memset(f, 0, sizeof(*f));
	/* Copied, not taken: a later exact copy names this file. */
	if ((f->rel = cp__strdup(e->rel)) == NULL ||
	    (f->path = cp__strdup(e->path)) == NULL) {
		free(f->rel);
		return CP_ENOMEM;
	}
	f->format = e->format;
	f->facts = facts;
	f->content_type = cp__doctype_index(facts->type);
	f->name_type = f->folder_type = -1;
	init->nfiles++;
	if (cp__init_name_facts(init->names, f) != 0)
		return CP_ENOMEM;
	/* The moment a phone's EXIF data says the photo was shot beats
	 * the one its name gives. */
	if (f->format == CP__FORMAT_JPEG &&
	    cp__image_probe(&info, f->path, why, sizeof(why)) == 0 &&
	    info.has_taken_time &&
	    cp__date_parse(&day, info.taken, NULL) == 0) {
		f->has_time = true;
		f->time_from_exif = true;
		f->time = ((int64_t)day - cp__date_from_ymd(1970, 1, 1)) *
		    86400 + info.taken_second;
	}
	return CP_OK;
}

static void
entries_free(walk_ctx *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		free(w->v[i].rel);
		free(w->v[i].path);
	}
	free(w->v);
}

int
cp__init_find(cp_init *init, const char *manifest_path,
    cp_init_progress_fn progress, void *progress_ctx, cp_error *err)
{
	walk_ctx w;
	cp__paper_facts *facts;
	size_t *copy_of = NULL, i, total, done = 0, beside;
	const char *why;
	struct stat st;
	char *dir;
	int rc;

	memset(&w, 0, sizeof(w));
	w.init = init;
	w.err = err;
	if (stat(init->folder, &st) != 0)
		return cp__error_set(err, CP_EIO, init->folder, 0, 0,
		    "cannot be reached (%s)", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return cp__error_set(err, CP_EIO, init->folder, 0, 0, "is "
		    "not a folder: give the folder that holds the papers");
	if (manifest_path != NULL && stat(manifest_path, &st) == 0) {
		w.has_skip = true;
		w.skip_dev = st.st_dev;
		w.skip_ino = st.st_ino;
	}
	if ((rc = cp__walk_links(init->folder, collect, &w, err)) != CP_OK)
		goto done;

	for (i = 0; i < w.n; i++) {
		if (cp__sniff_file(w.v[i].path, &w.v[i].format) < 0)
			w.v[i].format = CP__FORMAT_UNKNOWN;
		/* A DICOMDIR is a DICOM file too, without "DICM" at 128
		 * in some writers' hands. */
		if (strcasecmp(base_name(w.v[i].rel), "DICOMDIR") == 0)
			w.v[i].format = CP__FORMAT_DICOM;
	}
	if ((rc = find_roots(init, &w)) != CP_OK ||
	    (copy_of = calloc(w.n ? w.n : 1, sizeof(*copy_of))) == NULL ||
	    (rc = find_copies(&w, copy_of)) != CP_OK) {
		rc = nomem(err);
		goto done;
	}

	total = init->nimaging;
	for (i = 0; i < w.n; i++)
		if (w.v[i].root == SIZE_MAX || paper_format(w.v[i].format))
			total++;
	if (total > CP__INIT_MAX_PAPERS + init->nimaging) {
		rc = cp__error_set(err, CP_EIO, init->folder, 0, 0, "holds "
		    "%zu files; claimpack init reads at most %d papers: give "
		    "the folder of one claim's papers", total,
		    CP__INIT_MAX_PAPERS);
		goto done;
	}

	for (i = 0; i < w.n; i++) {
		entry *e = &w.v[i];

		if (e->root != SIZE_MAX && e->format == CP__FORMAT_DICOM)
			continue;       /* read with its folder */
		if (e->root != SIZE_MAX && !paper_format(e->format))
			continue;       /* a CD's other files: counted below */
		if (copy_of[i] != SIZE_MAX) {
			char *why_copy = cp__strdup(w.v[copy_of[i]].rel);

			rc = why_copy == NULL ? CP_ENOMEM : skip(init, e->rel,
			    strlen(e->rel), false, "an exact copy");
			if (rc == CP_OK)
				init->skipped[init->nskipped - 1].detail =
				    why_copy;
			else
				free(why_copy);
			if (rc != CP_OK)
				goto oom;
			done++;
			continue;
		}
		if (!paper_format(e->format)) {
			why = e->format == CP__FORMAT_UNKNOWN ?
			    "not a paper: a format claimpack does not read" :
			    e->format == CP__FORMAT_GIF ? "a GIF image: save it "
			    "as PNG or JPEG to put it in the claim" :
			    e->format == CP__FORMAT_BMP ? "a BMP image: save it "
			    "as PNG or JPEG to put it in the claim" :
			    "not a paper claimpack can put in a bundle";
			if ((rc = skip(init, e->rel, strlen(e->rel), false,
			    why)) != CP_OK)
				goto oom;
			done++;
			continue;
		}
		if (progress != NULL)
			progress(progress_ctx, done, total, e->rel);
		if ((rc = read_paper(init, e, &facts)) != CP_OK)
			goto oom;
		done++;
		if ((why = not_a_paper(facts, e->format)) != NULL) {
			cp__paper_free(facts);
			if ((rc = skip(init, e->rel, strlen(e->rel), false,
			    why)) != CP_OK)
				goto oom;
			continue;
		}
		if ((rc = add_paper(init, e, facts)) != CP_OK) {
			if (init->nfiles == 0 || init->files[init->nfiles -
			    1].facts != facts)
				cp__paper_free(facts);
			goto oom;
		}
	}

	for (i = 0; i < init->nimaging; i++) {
		cp__init_imaging *im = &init->imaging[i];

		if (progress != NULL)
			progress(progress_ctx, done, total, im->rel);
		dir = strcmp(im->rel, ".") == 0 ? cp__strdup(init->folder) :
		    cp__sprintf("%s/%s", init->folder, im->rel);
		if (dir == NULL)
			goto oom;
		rc = cp__imaging_read(&im->im, dir, err);
		free(dir);
		if (rc != CP_OK)
			goto done;
		done++;
		/* What the CD holds beside the images and papers. */
		beside = 0;
		for (size_t k = 0; k < w.n; k++)
			if (w.v[k].root == i && w.v[k].format !=
			    CP__FORMAT_DICOM && !paper_format(w.v[k].format))
				beside++;
		if (beside > 0) {
			if ((rc = skip(init, im->rel, strlen(im->rel), true,
			    "files beside the images that are not papers "
			    "(a CD's index and help pages)")) != CP_OK)
				goto oom;
			init->skipped[init->nskipped - 1].files = beside;
		}
	}
	if (progress != NULL)
		progress(progress_ctx, total, total, "");
	rc = CP_OK;
	if (init->nfiles == 0 && init->nimaging == 0)
		rc = cp__error_set(err, CP_EIO, init->folder, 0, 0, "holds no "
		    "paper claimpack can read (PDF, JPEG, PNG, HEIC, WebP, "
		    "TIFF, OFD, e-invoice XML or DICOM)");
	goto done;
oom:
	rc = nomem(err);
done:
	free(copy_of);
	entries_free(&w);
	return rc;
}
