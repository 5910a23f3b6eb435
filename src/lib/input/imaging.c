/* imaging.c - an imaging folder's patients, studies and series, from
 * the DICOM headers of its files; its DICOMDIR checked against what the
 * folder holds. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/imaging.h"
#include "input/junk.h"
#include "util/error.h"
#include "util/infile.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/walk.h"

/* How many unreadable and missing files are named. */
#define LISTED_MAX 20

typedef struct {
	char *path, *rel;
	uint64_t size;
} entry;

typedef struct {
	entry *v;
	size_t n, cap;
} entries;

typedef struct {
	size_t study;
	char uid[65];
} series_ref;

static int
collect(void *ctx, const char *path, const char *rel, const struct stat *st)
{
	entries *e = ctx;
	entry *grown;

	if (!S_ISREG(st->st_mode))
		return CP_OK;
	if (e->n >= CP__IMAGING_MAX_FILES)
		return CP_OK;
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 256;
		if ((grown = realloc(e->v, e->cap * sizeof(*e->v))) == NULL)
			return CP_ENOMEM;
		e->v = grown;
	}
	e->v[e->n].path = strdup(path);
	e->v[e->n].rel = strdup(rel);
	e->v[e->n].size = (uint64_t)st->st_size;
	if (e->v[e->n].path == NULL || e->v[e->n].rel == NULL) {
		free(e->v[e->n].path);
		free(e->v[e->n].rel);
		return CP_ENOMEM;
	}
	e->n++;
	return CP_OK;
}

static const char *
base_name(const char *rel)
{
	const char *s = strrchr(rel, '/');

	return s ? s + 1 : rel;
}

/* The name's extension in lower case ("" for none, or for one of digits
 * only, as UID-named files have), at most 15 bytes. */
static void
extension(const char *rel, char out[16])
{
	const char *b = base_name(rel), *dot = strrchr(b, '.');
	size_t i;
	bool digits = true;

	out[0] = '\0';
	if (dot == NULL || dot == b || strlen(dot + 1) > 15)
		return;
	for (i = 0; dot[1 + i] != '\0'; i++) {
		out[i] = (char)tolower((unsigned char)dot[1 + i]);
		if (!isdigit((unsigned char)dot[1 + i]))
			digits = false;
	}
	out[i] = '\0';
	if (digits)
		out[0] = '\0';
}

/* Whether a folder of `rel` is called `name` (any case). */
static bool
in_folder(const char *rel, const char *name, bool substring)
{
	char part[256];
	const char *s = rel, *slash;
	size_t n;

	while ((slash = strchr(s, '/')) != NULL) {
		n = (size_t)(slash - s);
		if (n < sizeof(part)) {
			memcpy(part, s, n);
			part[n] = '\0';
			for (size_t i = 0; i < n; i++)
				part[i] = (char)tolower((unsigned char)part[i]);
			if (substring ? strstr(part, name) != NULL :
			    strcmp(part, name) == 0)
				return true;
		}
		s = slash + 1;
	}
	return false;
}

/* "DICM" at 128. */
static bool
has_magic(const char *path)
{
	unsigned char b[4];
	int fd = cp__infile_open(path);
	bool yes;

	if (fd < 0)
		return false;
	yes = pread(fd, b, 4, 128) == 4 && memcmp(b, "DICM", 4) == 0;
	close(fd);
	return yes;
}

/* A path compared the way a CD's file IDs are: any case, without the
 * ISO 9660 version (";1"). */
static void
fold(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static char *
folded(const char *rel)
{
	char *s = strdup(rel), *semi;

	if (s == NULL)
		return NULL;
	if ((semi = strrchr(s, ';')) != NULL && strchr(semi, '/') == NULL)
		*semi = '\0';
	fold(s);
	return s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
found(char **sorted, size_t n, const char *key)
{
	return n > 0 && bsearch(&key, sorted, n, sizeof(*sorted), cmp_str) !=
	    NULL;
}

/* Adds "fmt..." to a list of at most LISTED_MAX strings. */
static int
note(char ***list, size_t *n, const char *a, const char *b)
{
	char **grown, *s;

	if (*n >= LISTED_MAX)
		return CP_OK;
	if ((s = b ? cp__sprintf("%s: %s", a, b) : strdup(a)) == NULL)
		return CP_ENOMEM;
	if ((grown = realloc(*list, (*n + 1) * sizeof(**list))) == NULL) {
		free(s);
		return CP_ENOMEM;
	}
	*list = grown;
	(*list)[(*n)++] = s;
	return CP_OK;
}

/* Copies `s` into `out`, cut on a character. */
static void
copy(char *out, size_t size, const char *s)
{
	size_t n = cp__utf8_cut(s, strnlen(s, size - 1));

	memcpy(out, s, n);
	out[n] = '\0';
}

/* The DICOMDIRs: each file they list that the folder lacks is missing;
 * the folded paths they list go into *listed (sorted). */
static int
check_dicomdirs(cp__imaging *im, const entries *e, char **have, size_t nhave,
    char ***listed, size_t *nlisted)
{
	char why[256], **files, *full, *key, **grown;
	size_t nfiles, i, k, dlen;
	int rc;

	for (i = 0; i < e->n; i++) {
		if (strcasecmp(base_name(e->v[i].rel), "DICOMDIR") != 0)
			continue;
		rc = cp__dicomdir_files(&files, &nfiles, e->v[i].path, why,
		    sizeof(why));
		if (rc < 0)
			return CP_ENOMEM;
		if (rc != 0)
			continue;
		im->has_dicomdir = true;
		im->bytes += e->v[i].size;
		dlen = (size_t)(base_name(e->v[i].rel) - e->v[i].rel);
		rc = CP_OK;
		for (k = 0; k < nfiles && rc == CP_OK; k++) {
			full = cp__sprintf("%.*s%s", (int)dlen, e->v[i].rel,
			    files[k]);
			key = full ? folded(full) : NULL;
			if (key == NULL) {
				rc = CP_ENOMEM;
			} else if (!found(have, nhave, key)) {
				im->missing++;
				rc = note(&im->missing_files,
				    &im->nmissing_files, full, NULL);
			}
			if (key != NULL && rc == CP_OK) {
				grown = realloc(*listed, (*nlisted + 1) *
				    sizeof(**listed));
				if (grown == NULL) {
					rc = CP_ENOMEM;
				} else {
					*listed = grown;
					(*listed)[(*nlisted)++] = key;
					key = NULL;
				}
			}
			free(key);
			free(full);
		}
		for (k = 0; k < nfiles; k++)
			free(files[k]);
		free(files);
		if (rc != CP_OK)
			return rc;
	}
	if (*nlisted > 0)
		qsort(*listed, *nlisted, sizeof(**listed), cmp_str);
	return CP_OK;
}

/* Whether the file claims to be DICOM: by its name, by being listed in
 * a DICOMDIR, or by "DICM" at 128. */
static bool
claims(const entry *en, bool tree, char **listed, size_t nlisted)
{
	char ext[16], *key;
	bool yes;

	extension(en->rel, ext);
	if (strcmp(ext, "dcm") == 0 || strcmp(ext, "dicom") == 0 ||
	    strcmp(ext, "dic") == 0)
		return true;
	if (ext[0] == '\0' && (tree || in_folder(en->rel, "dicom", false) ||
	    in_folder(en->rel, "images", false) ||
	    in_folder(en->rel, "image", false) ||
	    in_folder(en->rel, "img", false) ||
	    in_folder(en->rel, "dcm", false)))
		return true;
	if (nlisted > 0 && (key = folded(en->rel)) != NULL) {
		yes = found(listed, nlisted, key);
		free(key);
		if (yes)
			return true;
	}
	return has_magic(en->path);
}

/* Adds the header of one file.  Returns CP_OK or CP_ENOMEM. */
static int
add(cp__imaging *im, const cp__dicom_header *h, const char *rel,
    size_t *last_study, series_ref **series, size_t *nseries)
{
	cp__imaging_patient *p = NULL, *pg;
	cp__imaging_study *s = NULL, *sg;
	series_ref *rg;
	size_t i, n;

	for (i = 0; i < im->npatients; i++) {
		if (strcmp(im->patients[i].name, h->patient_name) == 0 &&
		    strcmp(im->patients[i].id, h->patient_id) == 0) {
			p = &im->patients[i];
			break;
		}
	}
	if (p == NULL) {
		pg = realloc(im->patients, (im->npatients + 1) * sizeof(*pg));
		if (pg == NULL)
			return CP_ENOMEM;
		im->patients = pg;
		p = &im->patients[im->npatients++];
		memset(p, 0, sizeof(*p));
		copy(p->name, sizeof(p->name), h->patient_name);
		copy(p->id, sizeof(p->id), h->patient_id);
		copy(p->first_file, sizeof(p->first_file), rel);
	}
	if (p->birth_date[0] == '\0')
		memcpy(p->birth_date, h->birth_date, sizeof(p->birth_date));
	if (p->sex[0] == '\0')
		memcpy(p->sex, h->sex, sizeof(p->sex));
	p->images++;

	/* The files of one study mostly come one after another. */
	if (*last_study < im->nstudies &&
	    strcmp(im->studies[*last_study].uid, h->study_uid) == 0)
		s = &im->studies[*last_study];
	for (i = 0; s == NULL && i < im->nstudies; i++)
		if (strcmp(im->studies[i].uid, h->study_uid) == 0)
			s = &im->studies[i];
	if (s == NULL) {
		sg = realloc(im->studies, (im->nstudies + 1) * sizeof(*sg));
		if (sg == NULL)
			return CP_ENOMEM;
		im->studies = sg;
		s = &im->studies[im->nstudies++];
		memset(s, 0, sizeof(*s));
		memcpy(s->uid, h->study_uid, sizeof(s->uid));
		s->patient = (size_t)(p - im->patients);
	}
	*last_study = (size_t)(s - im->studies);
	if (s->date[0] == '\0')
		memcpy(s->date, h->study_date, sizeof(s->date));
	if (s->description[0] == '\0')
		copy(s->description, sizeof(s->description),
		    h->study_description);
	if (s->institution[0] == '\0')
		copy(s->institution, sizeof(s->institution), h->institution);
	if (h->modality[0] != '\0') {
		bool seen = false;
		const char *m = s->modalities;

		n = strlen(h->modality);
		while (*m != '\0') {
			if (strncmp(m, h->modality, n) == 0 &&
			    (m[n] == '\\' || m[n] == '\0'))
				seen = true;
			m += strcspn(m, "\\");
			if (*m == '\\')
				m++;
		}
		i = strlen(s->modalities);
		if (!seen && i + (i > 0) + n < sizeof(s->modalities))
			snprintf(s->modalities + i, sizeof(s->modalities) - i,
			    "%s%s", i > 0 ? "\\" : "", h->modality);
	}
	s->images++;

	if ((rg = realloc(*series, (*nseries + 1) * sizeof(*rg))) == NULL)
		return CP_ENOMEM;
	*series = rg;
	rg[*nseries].study = *last_study;
	memcpy(rg[*nseries].uid, h->series_uid, sizeof(rg->uid));
	(*nseries)++;
	return CP_OK;
}

static int
cmp_series(const void *a, const void *b)
{
	const series_ref *x = a, *y = b;

	if (x->study != y->study)
		return x->study < y->study ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

static int
cmp_patient(const void *a, const void *b)
{
	const cp__imaging_patient *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->id, y->id);
}

static int
cmp_study(const void *a, const void *b)
{
	const cp__imaging_study *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	return c != 0 ? c : strcmp(x->uid, y->uid);
}

/* Counts series per study, then puts patients and studies in their
 * order, the studies' patient indexes following. */
static int
finish(cp__imaging *im, series_ref *series, size_t nseries)
{
	cp__imaging_patient *old;
	size_t i, k;

	if (nseries > 1)
		qsort(series, nseries, sizeof(*series), cmp_series);
	for (i = 0; i < nseries; i++)
		if (i == 0 || cmp_series(&series[i - 1], &series[i]) != 0)
			im->studies[series[i].study].series++;
	if (im->npatients > 1) {
		if ((old = malloc(im->npatients * sizeof(*old))) == NULL)
			return CP_ENOMEM;
		memcpy(old, im->patients, im->npatients * sizeof(*old));
		qsort(im->patients, im->npatients, sizeof(*old), cmp_patient);
		for (i = 0; i < im->nstudies; i++) {
			for (k = 0; k < im->npatients; k++) {
				if (cmp_patient(&im->patients[k],
				    &old[im->studies[i].patient]) == 0) {
					im->studies[i].patient = k;
					break;
				}
			}
		}
		free(old);
	}
	if (im->nstudies > 1)
		qsort(im->studies, im->nstudies, sizeof(*im->studies),
		    cmp_study);
	return CP_OK;
}

int
cp__imaging_read(cp__imaging *out, const char *path, cp_error *err)
{
	entries e = { NULL, 0, 0 };
	series_ref *series = NULL;
	char **have = NULL, **listed = NULL, why[256];
	size_t nhave = 0, nlisted = 0, nseries = 0, last = SIZE_MAX, i;
	cp__dicom_header h;
	struct stat st;
	bool single;
	int rc;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st) != 0)
		return cp__error_set(err, CP_EIO, path, 0, 0, "cannot be "
		    "reached");
	single = !S_ISDIR(st.st_mode);
	if (single)
		rc = collect(&e, path, base_name(path), &st);
	else
		rc = cp__walk(path, collect, &e, err);
	if (rc != CP_OK)
		goto done;

	/* The folder's files by folded name, for the DICOMDIR. */
	if (e.n > 0 && (have = calloc(e.n, sizeof(*have))) == NULL) {
		rc = CP_ENOMEM;
		goto done;
	}
	for (nhave = 0; nhave < e.n; nhave++)
		if ((have[nhave] = folded(e.v[nhave].rel)) == NULL) {
			rc = CP_ENOMEM;
			goto done;
		}
	if (nhave > 1)
		qsort(have, nhave, sizeof(*have), cmp_str);
	if ((rc = check_dicomdirs(out, &e, have, nhave, &listed,
	    &nlisted)) != CP_OK)
		goto done;

	for (i = 0; i < e.n; i++) {
		const entry *en = &e.v[i];

		if (strcasecmp(base_name(en->rel), "DICOMDIR") == 0 ||
		    cp__junk_reason(en->rel) != NULL)
			continue;
		if (!single && !claims(en, out->has_dicomdir, listed, nlisted))
			continue;
		rc = cp__dicom_read(&h, en->path, why, sizeof(why));
		if (rc < 0) {
			rc = CP_ENOMEM;
			goto done;
		}
		if (rc == 1) {
			out->unreadable++;
			if ((rc = note(&out->unreadable_files,
			    &out->nunreadable_files, en->rel, why)) != CP_OK)
				goto done;
			continue;
		}
		if (h.dicomdir)
			continue;
		out->images++;
		out->bytes += en->size;
		out->guessed_charset |= h.charset_guessed;
		if ((rc = add(out, &h, en->rel, &last, &series,
		    &nseries)) != CP_OK)
			goto done;
	}
	rc = finish(out, series, nseries);
done:
	if (rc == CP_ENOMEM)
		cp__error_set(err, CP_ENOMEM, path, 0, 0, "out of memory "
		    "reading the imaging folder");
	if (rc != CP_OK)
		cp__imaging_free(out);
	for (i = 0; i < e.n; i++) {
		free(e.v[i].path);
		free(e.v[i].rel);
	}
	free(e.v);
	for (i = 0; i < nhave; i++)
		free(have[i]);
	free(have);
	for (i = 0; i < nlisted; i++)
		free(listed[i]);
	free(listed);
	free(series);
	return rc;
}

void
cp__imaging_free(cp__imaging *im)
{
	size_t i;

	if (im == NULL)
		return;
	free(im->patients);
	free(im->studies);
	for (i = 0; i < im->nunreadable_files; i++)
		free(im->unreadable_files[i]);
	free(im->unreadable_files);
	for (i = 0; i < im->nmissing_files; i++)
		free(im->missing_files[i]);
	free(im->missing_files);
	memset(im, 0, sizeof(*im));
}
