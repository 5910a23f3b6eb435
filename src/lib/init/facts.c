/* facts.c - what the manifest says of each document, of the patient and
 * of the hospital stays, chosen from what was read off the papers, each
 * with where it was read. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "init/init_int.h"
#include "manifest/claim.h"
#include "manifest/doctype.h"
#include "manifest/name.h"
#include "manifest/template.h"
#include "util/strbuf.h"

/* Days after a stay's end that its papers may still be dated (a
 * receipt printed after discharge, a report sent later). */
#define STAY_GRACE_DAYS 7
/* Dated papers further apart than this are separate visits. */
#define VISIT_GAP_DAYS 1

static const char *
where_of(cp__fact_from from)
{
	switch (from) {
	case CP__FROM_QR: return "QR code on";
	case CP__FROM_XML: return "e-invoice data in";
	case CP__FROM_TEXT: return "text layer of";
	case CP__FROM_EXIF: return "EXIF data of";
	default: return "read on";
	}
}

static cp__init_source
source(cp__fact_from from, const char *file, int page, const char *label)
{
	cp__init_source s = { where_of(from), file, page, label };

	return s;
}

const char *
cp__init_source_text(char *buf, size_t size, const cp__init_source *src)
{
	int n;

	if (src->where == NULL) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	n = snprintf(buf, size, "%s %s", src->where, src->file ? src->file :
	    "");
	if (n >= 0 && (size_t)n < size && src->page > 0)
		n += snprintf(buf + n, size - (size_t)n, ", page %d",
		    src->page);
	if (n >= 0 && (size_t)n < size && src->label != NULL)
		snprintf(buf + n, size - (size_t)n, " (%s)", src->label);
	return buf;
}

static const char *
date_label(cp__date_role role)
{
	switch (role) {
	case CP__DATE_ISSUE: return "开票日期, the issue date";
	case CP__DATE_ADMISSION: return "入院日期, admission";
	case CP__DATE_DISCHARGE: return "出院日期, discharge";
	case CP__DATE_REPORT: return "报告日期, the report date";
	case CP__DATE_TAKEN: return "the day the photo was taken: check "
	    "it against the date printed on the paper";
	default: return NULL;
	}
}

/* ---- each document ------------------------------------------------------ */

/* The roles of the date a paper of `type` is known by, best first. */
static const cp__date_role *
date_roles(int type)
{
	static const cp__date_role discharge[] = { CP__DATE_DISCHARGE,
	    CP__DATE_REPORT, CP__DATE_ISSUE, CP__DATE_OTHER, -1 };
	static const cp__date_role report[] = { CP__DATE_REPORT,
	    CP__DATE_ISSUE, CP__DATE_OTHER, CP__DATE_DISCHARGE, -1 };
	static const cp__date_role bill[] = { CP__DATE_ISSUE,
	    CP__DATE_DISCHARGE, CP__DATE_REPORT, CP__DATE_OTHER, -1 };
	static const cp__date_role other[] = { CP__DATE_ISSUE,
	    CP__DATE_REPORT, CP__DATE_OTHER, CP__DATE_DISCHARGE,
	    CP__DATE_ADMISSION, -1 };

	switch (type) {
	case CP__DT_DISCHARGE_SUMMARY:
	case CP__DT_DISCHARGE_MEDICATION:
		return discharge;
	case CP__DT_LAB_REPORT:
	case CP__DT_IMAGING_REPORT:
	case CP__DT_PATHOLOGY_REPORT:
		return report;
	case CP__DT_FAPIAO:
	case CP__DT_EXPENSE_LIST:
	case CP__DT_PAYMENT_PROOF:
		return bill;
	default:
		return other;
	}
}

static void
doc_date(cp_init *init, cp__init_doc *d)
{
	const cp__date_role *roles = date_roles(d->type);
	size_t i, k, r;

	/* An invoice's own date first. */
	for (i = 0; i < d->nfiles; i++) {
		const cp__init_file *f = &init->files[d->files[i]];
		const cp__fact_date *fd = &f->facts->invoice.date;

		if (f->facts->invoice.present && fd->has) {
			d->has_date = true;
			d->date = fd->date;
			d->date_from = source(fd->from, f->rel, fd->page,
			    "开票日期, the issue date");
			return;
		}
	}
	for (r = 0; roles[r] != (cp__date_role)-1; r++)
		for (i = 0; i < d->nfiles; i++) {
			const cp__init_file *f = &init->files[d->files[i]];

			for (k = 0; k < f->facts->ndates; k++) {
				const cp__date_fact *df = &f->facts->dates[k];

				if (df->role != roles[r])
					continue;
				d->has_date = true;
				d->date = df->date;
				d->date_from = source(df->from, f->rel,
				    df->page, date_label(df->role));
				return;
			}
		}
	/* A date in the file's name ("lab-2026-10-04.pdf") says more than
	 * the day a photo was taken. */
	for (i = 0; i < d->nfiles; i++) {
		const cp__init_file *f = &init->files[d->files[i]];

		if (f->has_name_date && !f->has_time) {
			d->has_date = true;
			d->date = f->name_date;
			d->date_from.where = "the name of";
			d->date_from.file = f->rel;
			return;
		}
	}
	for (i = 0; i < d->nfiles; i++) {
		const cp__init_file *f = &init->files[d->files[i]];

		for (k = 0; k < f->facts->ndates; k++)
			if (f->facts->dates[k].role == CP__DATE_TAKEN) {
				d->has_date = true;
				d->date = f->facts->dates[k].date;
				d->date_from = source(CP__FROM_EXIF, f->rel, 0,
				    date_label(CP__DATE_TAKEN));
				return;
			}
		if (f->has_name_date) {
			d->has_date = true;
			d->date = f->name_date;
			d->date_from.where = "the name of";
			d->date_from.file = f->rel;
			d->date_from.label = date_label(CP__DATE_TAKEN);
			return;
		}
	}
}

/* Whether `word` (ASCII, lower case) is in `s`, in any case. */
static bool
has_ascii(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

/* A name read as a buyer or payer that is no person's ("个人" is
 * dropped by the reader; a company has 公司 or Ltd in it). */
static bool
company(const char *name)
{
	return strstr(name, "公司") != NULL || strstr(name, "集团") != NULL ||
	    has_ascii(name, "ltd") || has_ascii(name, "limited") ||
	    has_ascii(name, "inc.") || has_ascii(name, "gmbh");
}

static void
doc_name(cp_init *init, cp__init_doc *d)
{
	static const cp__name_role roles[] = { CP__NAME_PATIENT,
	    CP__NAME_PAYER, CP__NAME_BUYER };
	static const char *const labels[] = { "姓名, the patient's name",
	    "交款人, the payer", "购买方, the buyer" };
	size_t i, k, r;

	for (r = 0; r < sizeof(roles) / sizeof(roles[0]); r++)
		for (i = 0; i < d->nfiles; i++) {
			const cp__init_file *f = &init->files[d->files[i]];

			for (k = 0; k < f->facts->nnames; k++) {
				const cp__name_fact *n = &f->facts->names[k];

				if (n->role != roles[r] || company(n->text))
					continue;
				d->name = n->text;
				d->name_from = source(n->from, f->rel, n->page,
				    labels[r]);
				return;
			}
		}
}

static void
doc_money(cp_init *init, cp__init_doc *d)
{
	const cp__init_file *best = NULL;
	size_t i;

	for (i = 0; i < d->nfiles; i++) {
		const cp__init_file *f = &init->files[d->files[i]];
		const cp__invoice_facts *inv = &f->facts->invoice;

		if (inv->present && (best == NULL || inv->number.from >
		    best->facts->invoice.number.from))
			best = f;
	}
	if (best != NULL) {
		d->invoice = &best->facts->invoice;
		d->invoice_file = best->rel;
		if (d->invoice->seller.text != NULL)
			d->hospital = d->invoice->seller.text;
	}
	for (i = 0; i < d->nfiles && d->type == CP__DT_FAPIAO; i++) {
		const cp__init_file *f = &init->files[d->files[i]];
		const cp__fact_amount *a = &f->facts->invoice.amount;

		if (f->facts->invoice.present && a->has) {
			d->has_amount = true;
			d->amount = a->fen;
			d->amount_from = source(a->from, f->rel, a->page,
			    "价税合计, the total");
			break;
		}
	}
	for (i = 0; i < d->nfiles && d->type == CP__DT_EXPENSE_LIST; i++) {
		const cp__init_file *f = &init->files[d->files[i]];

		if (f->facts->total.has) {
			d->has_amount = true;
			d->amount = f->facts->total.fen;
			d->amount_from = source(f->facts->total.from, f->rel,
			    f->facts->total.page, "合计, the total");
			break;
		}
	}
	for (i = 0; i < d->nfiles && d->hospital == NULL; i++) {
		const cp__init_file *f = &init->files[d->files[i]];

		if (f->facts->hospital.text != NULL)
			d->hospital = f->facts->hospital.text;
	}
}

/* An imaging document's date: its first study's. */
static void
imaging_date(cp_init *init, cp__init_doc *d)
{
	const cp__init_imaging *im = &init->imaging[d->imaging];
	size_t i;

	for (i = 0; i < im->im.nstudies; i++)
		if (im->im.studies[i].date[0] != '\0' &&
		    cp__date_parse(&d->date, im->im.studies[i].date, NULL) ==
		    0) {
			d->has_date = true;
			d->date_from.where = "DICOM headers in";
			d->date_from.file = im->rel;
			d->date_from.label = "the study date";
			if (im->im.studies[i].institution[0] != '\0')
				d->hospital = im->im.studies[i].institution;
			return;
		}
}

/* ---- the patient ---------------------------------------------------- */

typedef struct {
	const char *text;
	cp__init_source from;
	size_t count;
} tally;

/* Counts `text` in `t` (compared as names: case, spaces and punctuation
 * aside). */
static int
count_name(tally **t, size_t *n, const char *text, cp__init_source from)
{
	tally *grown;
	size_t i;

	for (i = 0; i < *n; i++)
		if (cp__name_alias_matches((*t)[i].text, text)) {
			(*t)[i].count++;
			return CP_OK;
		}
	if ((grown = realloc(*t, (*n + 1) * sizeof(**t))) == NULL)
		return CP_ENOMEM;
	*t = grown;
	grown[*n].text = text;
	grown[*n].from = from;
	grown[*n].count = 1;
	(*n)++;
	return CP_OK;
}

static const tally *
most(const tally *t, size_t n, bool cjk)
{
	const tally *best = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (cp__name_has_cjk(t[i].text) == cjk && (best == NULL ||
		    t[i].count > best->count))
			best = &t[i];
	return best;
}

/* Keeps `s` (a new string) until the scan is freed; frees it and
 * returns CP_ENOMEM when it cannot. */
static int
keep(cp_init *init, char *s)
{
	char **grown;

	grown = realloc(init->strings, (init->nstrings + 1) *
	    sizeof(*grown));
	if (grown == NULL) {
		free(s);
		return CP_ENOMEM;
	}
	init->strings = grown;
	grown[init->nstrings++] = s;
	return CP_OK;
}

/* Group `group` of a DICOM name ("SMITH^JOHN ALEXANDER=史密斯^约翰=")
 * as a person reads it ("SMITH JOHN ALEXANDER"), a new string; NULL
 * when it is empty or out of memory. */
static char *
dicom_name(const char *pn, int group)
{
	const char *s = pn, *eq;
	char *out, *c;
	int g;

	for (g = 0; g < group && s != NULL; g++)
		s = (eq = strchr(s, '=')) != NULL ? eq + 1 : NULL;
	if (s == NULL)
		return NULL;
	eq = strchr(s, '=');
	out = cp__sprintf("%.*s", (int)(eq != NULL ? (size_t)(eq - s) :
	    strlen(s)), s);
	if (out == NULL)
		return NULL;
	for (c = out; *c; c++)
		if (*c == '^')
			*c = ' ';
	/* trailing empty components leave spaces */
	for (c = out + strlen(out); c > out && c[-1] == ' '; c--)
		c[-1] = '\0';
	if (out[0] == '\0') {
		free(out);
		return NULL;
	}
	return out;
}

static int
patient(cp_init *init)
{
	tally *t = NULL;
	const tally *best;
	size_t n = 0, i, k;
	int rc = CP_OK;

	for (i = 0; i < init->nfiles && rc == CP_OK; i++) {
		const cp__paper_facts *p = init->files[i].facts;

		for (k = 0; k < p->nnames && rc == CP_OK; k++)
			if (p->names[k].role == CP__NAME_PATIENT ||
			    (!company(p->names[k].text) &&
			    p->names[k].role == CP__NAME_PAYER))
				rc = count_name(&t, &n, p->names[k].text,
				    source(p->names[k].from, init->files[i].rel,
				    p->names[k].page, p->names[k].role ==
				    CP__NAME_PATIENT ? "姓名" : "交款人"));
	}
	for (i = 0; i < init->nimaging && rc == CP_OK; i++) {
		const cp__imaging *im = &init->imaging[i].im;

		for (k = 0; k < im->npatients && rc == CP_OK; k++) {
			const cp__imaging_patient *pt = &im->patients[k];
			char *alpha = dicom_name(pt->name, 0);
			char *ideo = dicom_name(pt->name, 1);
			cp__init_source src = { "DICOM headers in",
			    init->imaging[i].rel, 0, "PatientName" };

			if (alpha != NULL && keep(init, alpha) != CP_OK) {
				free(ideo);
				rc = CP_ENOMEM;
				break;
			}
			if (ideo != NULL && keep(init, ideo) != CP_OK) {
				rc = CP_ENOMEM;
				break;
			}
			if (alpha != NULL)
				rc = count_name(&t, &n, alpha, src);
			if (rc == CP_OK && ideo != NULL)
				rc = count_name(&t, &n, ideo, src);
			if (rc == CP_OK && pt->birth_date[0] != '\0' &&
			    init->birth_date[0] == '\0') {
				memcpy(init->birth_date, pt->birth_date,
				    sizeof(init->birth_date));
				init->birth_from = src;
				init->birth_from.label = "PatientBirthDate";
			}
		}
	}
	if (rc == CP_OK) {
		if ((best = most(t, n, false)) != NULL) {
			init->patient_name = best->text;
			init->patient_name_from = best->from;
			init->patient_name_papers = best->count;
		}
		if ((best = most(t, n, true)) != NULL) {
			init->alias = best->text;
			init->alias_from = best->from;
		}
	}
	free(t);
	return rc;
}

/* ---- the episodes ----------------------------------------------------- */

static int
add_episode(cp_init *init, cp__init_episode **out)
{
	cp__init_episode *e;

	e = realloc(init->episodes, (init->nepisodes + 1) * sizeof(*e));
	if (e == NULL)
		return CP_ENOMEM;
	init->episodes = e;
	e = &e[init->nepisodes++];
	memset(e, 0, sizeof(*e));
	*out = e;
	return CP_OK;
}

/* The stays the papers state: an admission and a discharge date read
 * on one paper; stays that overlap are one. */
static int
stays(cp_init *init)
{
	cp__init_episode *e;
	size_t i, k, m;
	int rc;

	for (i = 0; i < init->nfiles; i++) {
		const cp__paper_facts *p = init->files[i].facts;
		const cp__date_fact *in = NULL, *out = NULL;

		for (k = 0; k < p->ndates; k++) {
			if (p->dates[k].role == CP__DATE_ADMISSION && !in)
				in = &p->dates[k];
			if (p->dates[k].role == CP__DATE_DISCHARGE && !out)
				out = &p->dates[k];
		}
		if (in == NULL || out == NULL || out->date < in->date)
			continue;
		for (m = 0; m < init->nepisodes; m++) {
			e = &init->episodes[m];
			if (in->date <= e->end && out->date >= e->start)
				break;
		}
		if (m < init->nepisodes)
			continue;       /* the same stay, read again */
		if ((rc = add_episode(init, &e)) != CP_OK)
			return rc;
		e->kind = CP__EPISODE_INPATIENT;
		e->kind_why = "admission and discharge dates read";
		e->has_start = e->has_end = true;
		e->start = in->date;
		e->end = out->date;
		e->start_from = source(in->from, init->files[i].rel, in->page,
		    "入院日期, admission");
		e->end_from = source(out->from, init->files[i].rel, out->page,
		    "出院日期, discharge");
	}
	return CP_OK;
}

static bool
in_episode(const cp__init_episode *e, cp__date date)
{
	return e->has_start && date >= e->start && date <= e->end +
	    (e->kind == CP__EPISODE_INPATIENT ? STAY_GRACE_DAYS : 0);
}

static int
by_date(const void *a, const void *b)
{
	const cp__init_doc *x = *(const cp__init_doc *const *)a;
	const cp__init_doc *y = *(const cp__init_doc *const *)b;

	return x->date < y->date ? -1 : x->date > y->date;
}

/* Whether a date came from a photo's EXIF data or a file's name, not
 * from what is printed on the paper. */
static bool
weak(const cp__init_source *src)
{
	return src->where == NULL || strcmp(src->where, "EXIF data of") == 0 ||
	    strcmp(src->where, "the name of") == 0;
}

/* Papers dated outside every stay: visits, one per run of dates no more
 * than VISIT_GAP_DAYS apart. */
static int
visits(cp_init *init)
{
	cp__init_doc **v;
	cp__init_episode *e = NULL;
	size_t i, n = 0;
	int rc = CP_OK;

	if ((v = calloc(init->ndocs ? init->ndocs : 1, sizeof(*v))) == NULL)
		return CP_ENOMEM;
	for (i = 0; i < init->ndocs; i++)
		if (init->docs[i].episode == SIZE_MAX &&
		    init->docs[i].has_date)
			v[n++] = &init->docs[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), by_date);
	for (i = 0; i < n && rc == CP_OK; i++) {
		if (e == NULL || v[i]->date > e->end + VISIT_GAP_DAYS) {
			if ((rc = add_episode(init, &e)) != CP_OK)
				break;
			e->kind = CP__EPISODE_OUTPATIENT;
			e->kind_why = "no admission date read: guessed; make "
			    "it inpatient for a stay in hospital";
			e->has_start = e->has_end = true;
			e->start = v[i]->date;
			e->start_from = v[i]->date_from;
		}
		/* A date printed on a paper says more than a photo's. */
		if (v[i]->date == e->start && weak(&e->start_from) &&
		    !weak(&v[i]->date_from))
			e->start_from = v[i]->date_from;
		if (v[i]->date != e->end || weak(&e->end_from) ||
		    !weak(&v[i]->date_from))
			e->end_from = v[i]->date_from;
		e->end = v[i]->date;
		if (v[i]->type == CP__DT_DISCHARGE_SUMMARY) {
			e->kind = CP__EPISODE_INPATIENT;
			e->kind_why = "a discharge summary is among its papers";
		}
		v[i]->episode = init->nepisodes - 1;
	}
	free(v);
	return rc;
}

/* The folder of a document's first file, as a length of its path (0
 * at the top). */
static size_t
doc_folder(const cp_init *init, const cp__init_doc *d, const char **rel)
{
	const char *slash;

	*rel = d->imaging != SIZE_MAX ? init->imaging[d->files[0]].rel :
	    init->files[d->files[0]].rel;
	slash = strrchr(*rel, '/');
	return slash != NULL ? (size_t)(slash - *rel) : 0;
}

/* The episode the dated papers in document `d`'s folder (not the top)
 * mostly belong to, or SIZE_MAX. */
static size_t
folder_episode(const cp_init *init, size_t d)
{
	const char *rel, *other;
	size_t len = doc_folder(init, &init->docs[d], &rel), i, k, n, best = 0;
	size_t ep = SIZE_MAX;

	if (len == 0)
		return SIZE_MAX;
	for (k = 0; k < init->nepisodes; k++) {
		for (i = n = 0; i < init->ndocs; i++)
			if (i != d && init->docs[i].episode == k &&
			    init->docs[i].has_date &&
			    doc_folder(init, &init->docs[i], &other) == len &&
			    strncmp(rel, other, len) == 0)
				n++;
		if (n > best) {
			best = n;
			ep = k;
		}
	}
	return ep;
}

/* The episode most dated papers belong to (the first of equals). */
static size_t
largest_episode(const cp_init *init)
{
	size_t i, k, n, best = 0, ep = 0;

	for (k = 0; k < init->nepisodes; k++) {
		for (i = n = 0; i < init->ndocs; i++)
			if (init->docs[i].episode == k)
				n++;
		if (n > best) {
			best = n;
			ep = k;
		}
	}
	return ep;
}

static int
episodes(cp_init *init)
{
	cp__init_episode *e;
	size_t i, k, last;
	int rc;

	if ((rc = stays(init)) != CP_OK)
		return rc;
	for (i = 0; i < init->ndocs; i++) {
		cp__init_doc *d = &init->docs[i];

		d->episode = SIZE_MAX;
		for (k = 0; d->has_date && k < init->nepisodes; k++)
			if (in_episode(&init->episodes[k], d->date)) {
				d->episode = k;
				break;
			}
	}
	if ((rc = visits(init)) != CP_OK)
		return rc;
	if (init->nepisodes == 0) {
		if ((rc = add_episode(init, &e)) != CP_OK)
			return rc;
		e->kind = CP__EPISODE_OUTPATIENT;
		e->kind_why = "no date read: guessed";
	}
	/* Undated papers go with the dated papers of their folder, else
	 * with the episode most papers belong to. */
	for (i = 0; i < init->ndocs; i++) {
		if (init->docs[i].episode != SIZE_MAX)
			continue;
		if ((last = folder_episode(init, i)) == SIZE_MAX)
			last = largest_episode(init);
		init->docs[i].episode = last;
		init->docs[i].episode_guessed = init->nepisodes > 1;
	}

	/* Each episode's hospital: the one its papers name most. */
	for (k = 0; k < init->nepisodes; k++) {
		tally *t = NULL;
		const tally *best;
		size_t n = 0;

		e = &init->episodes[k];
		for (i = 0; i < init->ndocs; i++) {
			const cp__init_doc *d = &init->docs[i];
			cp__init_source src = { "read on", NULL, 0, NULL };

			if (d->episode != k || d->hospital == NULL)
				continue;
			src.file = d->imaging != SIZE_MAX ?
			    init->imaging[d->imaging].rel :
			    init->files[d->files[0]].rel;
			src.where = d->imaging != SIZE_MAX ? "DICOM headers "
			    "in" : d->invoice != NULL && d->hospital ==
			    d->invoice->seller.text ? where_of(
			    d->invoice->seller.from) : "text layer of";
			src.label = d->imaging != SIZE_MAX ?
			    "InstitutionName" : d->invoice != NULL &&
			    d->hospital == d->invoice->seller.text ?
			    "the seller" : "the title";
			if ((rc = count_name(&t, &n, d->hospital, src)) !=
			    CP_OK) {
				free(t);
				return rc;
			}
		}
		if ((best = most(t, n, true)) == NULL)
			best = most(t, n, false);
		if (best != NULL) {
			e->hospital = best->text;
			e->hospital_from = best->from;
			e->hospital_cjk = cp__name_has_cjk(best->text);
		}
		free(t);
	}
	return CP_OK;
}

/* ---- types nothing read says, and ids ----------------------------------- */

static bool
episode_has(const cp_init *init, size_t ep, cp__typeset types)
{
	size_t i;

	for (i = 0; i < init->ndocs; i++)
		if (init->docs[i].episode == ep && init->docs[i].type >= 0 &&
		    (types & (1u << init->docs[i].type)))
			return true;
	return false;
}

/* The first type a list asks for that the episode lacks (fapiao and
 * expense lists aside: their QR codes and totals are read when they are
 * there), or -1. */
static int
lacking(const cp_init *init, size_t ep, const cp__requirement_list *list)
{
	const cp__typeset skip = (1u << CP__DT_FAPIAO) |
	    (1u << CP__DT_EXPENSE_LIST) | (1u << CP__DT_IMAGING_FILES);
	size_t i;
	int t;

	for (i = 0; i < list->count; i++) {
		cp__typeset any = list->items[i].any_of & ~skip;

		if (any == 0 || episode_has(init, ep, list->items[i].any_of))
			continue;
		for (t = 0; t < 32; t++)
			if (any & (1u << t))
				return t;
	}
	return -1;
}

static void
guess_types(cp_init *init, const cp_template *tpl)
{
	size_t i;
	int t;

	for (i = 0; i < init->ndocs; i++) {
		cp__init_doc *d = &init->docs[i];
		int kind = init->episodes[d->episode].kind;

		if (!d->type_guessed)
			continue;
		t = -1;
		if (tpl != NULL) {
			t = lacking(init, d->episode, &tpl->required[kind]);
			if (t < 0)
				t = lacking(init, d->episode,
				    &tpl->recommended[kind]);
		}
		d->type = t >= 0 ? t : CP__DT_MEDICAL_RECORD_COPY;
	}
}

static void
make_ids(cp_init *init)
{
	size_t i, k, n;

	/* A translation needs another paper to translate. */
	for (i = 0; i < init->ndocs; i++)
		if (init->docs[i].type == CP__DT_TRANSLATION &&
		    init->ndocs == 1) {
			init->docs[i].type = CP__DT_MEDICAL_RECORD_COPY;
			init->docs[i].type_guessed = true;
		}

	for (i = 0; i < init->ndocs; i++) {
		const char *key = cp_doctype_at((size_t)init->docs[i].type)->key;

		for (k = 0, n = 0; k < i; k++)
			if (init->docs[k].type == init->docs[i].type)
				n++;
		if (n == 0)
			snprintf(init->docs[i].id, sizeof(init->docs[i].id),
			    "%s", key);
		else
			snprintf(init->docs[i].id, sizeof(init->docs[i].id),
			    "%s-%zu", key, n + 1);
	}
	for (i = 0; i < init->nepisodes; i++) {
		cp__init_episode *e = &init->episodes[i];
		char day[16];

		if (e->has_start)
			snprintf(e->id, sizeof(e->id), "%s-%s",
			    cp__episode_kind_name(e->kind),
			    cp__date_format(day, sizeof(day), e->start));
		else
			snprintf(e->id, sizeof(e->id), "visit-%zu", i + 1);
		for (k = 0; k < i; k++)
			if (strcmp(init->episodes[k].id, e->id) == 0) {
				size_t len = strlen(e->id);

				snprintf(e->id + len, sizeof(e->id) - len,
				    "-%zu", i + 1);
				break;
			}
	}
}

/* Episodes in date order, so that the manifest reads as the stay went. */
static void
order_episodes(cp_init *init)
{
	size_t i, k;

	for (i = 1; i < init->nepisodes; i++)
		for (k = i; k > 0; k--) {
			cp__init_episode *a = &init->episodes[k - 1];
			cp__init_episode *b = &init->episodes[k];
			cp__init_episode tmp;
			size_t d;

			if (!b->has_start || (a->has_start && a->start <=
			    b->start))
				break;
			tmp = *a;
			*a = *b;
			*b = tmp;
			for (d = 0; d < init->ndocs; d++)
				if (init->docs[d].episode == k - 1)
					init->docs[d].episode = k;
				else if (init->docs[d].episode == k)
					init->docs[d].episode = k - 1;
		}
}

int
cp__init_facts(cp_init *init)
{
	cp_template *tpl = NULL;
	cp_error err;
	size_t i;
	int rc;

	for (i = 0; i < init->ndocs; i++) {
		cp__init_doc *d = &init->docs[i];

		if (d->imaging != SIZE_MAX) {
			imaging_date(init, d);
			continue;
		}
		doc_money(init, d);
		doc_date(init, d);
		doc_name(init, d);
	}
	if ((rc = patient(init)) != CP_OK || (rc = episodes(init)) != CP_OK)
		return rc;
	order_episodes(init);
	/* The template's lists say what an untyped paper most likely is;
	 * the purpose was checked when the scan began. */
	if (cp_template_load(&tpl, init->purpose, &err) == CP_ENOMEM)
		return CP_ENOMEM;
	guess_types(init, tpl);
	cp_template_free(tpl);
	/* A guessed type may want facts the paper gave (an amount). */
	for (i = 0; i < init->ndocs; i++)
		if (init->docs[i].type_guessed)
			doc_money(init, &init->docs[i]);
	make_ids(init);
	return CP_OK;
}
