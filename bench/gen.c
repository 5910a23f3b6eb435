/* gen.c - makes the synthetic claims claimpack's benchmark measures.
 *
 * usage: gen S|M|L OUTDIR
 *
 * Writes into OUTDIR (which must exist and should be empty):
 *   claim.yaml     a manifest that `claimpack check` passes with no error:
 *                  names as in the passport, dates inside their episodes,
 *                  well-formed unique invoice numbers, and per episode the
 *                  receipts adding up to the expense list, to the fen
 *   records/ reports/ prescriptions/ billing/
 *                  the papers: PDFs of vector text (tables, paragraphs,
 *                  rules, a red seal) in standard fonts; "copied records"
 *                  that are PDFs of scanned pages (a greyscale JPEG per
 *                  page, as a hospital's copy room makes them); and JPEG
 *                  "phone photos" of paper, 3000 x 4000 pixels at quality
 *                  90, 2-4 MB each (a quarter stored landscape with EXIF
 *                  orientation 6, as phones do)
 *   order.txt      every file in bundle order, one per line: "pdf PATH" or
 *                  "jpg PATH" (the manifest lists the documents in the
 *                  order the bundle will have them, so this is also the
 *                  manifest's order)
 *   summary.txt    key=value lines: documents, photos, scanned, pdfs,
 *                  pages, input_bytes
 *
 * The three sizes:
 *   S    10 documents,  ~25 pages,   2 photos, one inpatient stay
 *   M    60 documents, ~300 pages,  40 photos, a stay and 3 visits
 *   L   400 documents, ~2000 pages, 100 photos, 6 stays and 14 visits
 *
 * Every run writes the same bytes: all randomness comes from fixed seeds,
 * and the PDFs are finished by `qpdf --deterministic-id` (which also
 * compresses their content streams and packs objects in object streams,
 * as hospital systems' PDF 1.5 writers do).
 *
 * Needs libjpeg (Debian: libjpeg-dev) and qpdf on the PATH.
 * Exit status 0, or 1 with a message on stderr.
 *
 * Every person, hospital and number here is invented.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jpeglib.h>

#define PATIENT_PASSPORT "WALKER, Emily Rose"
#define PATIENT_PAPER "WALKER EMILY ROSE"
#define MM 2.834645669      /* points per millimetre */
#define MASK_PX_PER_MM 10   /* resolution of the drawn "paper" */
#define PI 3.14159265358979

static const char *outdir;

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory");
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die("out of memory");
	return p;
}

/* ---- randomness: splitmix64, seeded per document ------------------------ */

typedef struct {
	uint64_t s;
} rng;

static uint64_t
rng_next(rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static rng
rng_seed(uint64_t a, uint64_t b)
{
	rng r = { a * 0x100000001b3ull ^ (b + 0x632be59bd9b4e019ull) };

	rng_next(&r);
	return r;
}

/* An integer in [lo, hi]. */
static int
rng_int(rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static double
rng_unit(rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static const char *
rng_pick(rng *r, const char *const *list, size_t n)
{
	return list[rng_next(r) % n];
}

#define PICK(r, list) rng_pick((r), (list), sizeof(list) / sizeof(list[0]))

/* ---- a growing buffer --------------------------------------------------- */

typedef struct {
	char *p;
	size_t n, cap;
} buf;

static void
buf_put(buf *b, const void *data, size_t len)
{
	if (b->n + len > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (cap < b->n + len)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
}

static void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[512], *big;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vsnprintf failed");
	if ((size_t)n < sizeof(small)) {
		buf_put(b, small, (size_t)n);
		return;
	}
	big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_put(b, big, (size_t)n);
	free(big);
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0)
		die("%s: write error", path);
}

static char *
path_in(const char *rel)
{
	size_t n = strlen(outdir) + strlen(rel) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", outdir, rel);
	return p;
}

static long long
file_size(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		die("%s: %s", path, strerror(errno));
	return (long long)st.st_size;
}

/* ---- dates: days since 1970-01-01 --------------------------------------- */

static int
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static const char *
iso(int days)
{
	static char ring[8][16];
	static int next;
	char *s = ring[next++ % 8];
	int y, m, d;

	civil(days, &y, &m, &d);
	snprintf(s, 16, "%04d-%02d-%02d", y, m, d);
	return s;
}

/* ---- the claim's plan ----------------------------------------------------- */

enum {
	T_DISCHARGE, T_OUTPATIENT, T_DIAGCERT, T_OPERATIVE, T_PATHOLOGY,
	T_RECORDCOPY, T_LAB, T_IMAGING, T_IMAGEFILES, T_PRESCRIPTION,
	T_DISCHMED,
	T_FAPIAO, T_EXPENSE, T_PAYMENT, T_COUNT
};

/* Section numbers follow the built-in reimbursement template. */
static const struct {
	const char *key;
	int section;
	const char *folder;
	const char *title;      /* printed as the paper's heading */
	int photo_ok;           /* often photographed by the patient */
} types[T_COUNT] = {
	{ "discharge_summary", 1, "records", "DISCHARGE SUMMARY", 0 },
	{ "outpatient_record", 1, "records", "OUTPATIENT MEDICAL RECORD", 1 },
	{ "diagnosis_certificate", 1, "records", "DIAGNOSIS CERTIFICATE", 1 },
	{ "operative_note", 1, "records", "OPERATIVE NOTE", 0 },
	{ "pathology_report", 1, "records", "PATHOLOGY REPORT", 0 },
	{ "medical_record_copy", 1, "records", "COPY OF MEDICAL RECORD", 0 },
	{ "lab_report", 2, "reports", "LABORATORY REPORT", 1 },
	{ "imaging_report", 2, "reports", "IMAGING REPORT", 1 },
	{ "imaging_files", 2, "reports", "IMAGES (DICOM)", 0 },
	{ "prescription", 3, "prescriptions", "PRESCRIPTION", 1 },
	{ "discharge_medication", 3, "prescriptions",
	    "DISCHARGE MEDICATION LIST", 1 },
	{ "fapiao", 4, "billing", "MEDICAL FISCAL RECEIPT", 1 },
	{ "expense_list", 4, "billing", "ITEMIZED INPATIENT EXPENSE LIST", 0 },
	{ "payment_proof", 4, "billing", "PAYMENT RECEIPT", 1 },
};

typedef struct {
	char id[16];
	int inpatient;
	int start, end;
	const char *hospital, *hospital_zh;
	int64_t total;          /* the expense list's total, fen */
} episode;

typedef struct {
	int type;
	int ep;
	int date;               /* INT_MAX: undated (imaging files) */
	int photo;              /* one JPEG photo */
	int scanned;            /* a PDF of scanned pages */
	int pages;
	double pw, ph;          /* page size, points */
	int64_t amount;         /* fen; -1 when none */
	int vat;                /* fapiao: a VAT fapiao, else fiscal */
	char code[16], number[24], check[24];
	char title[64];
	char file[96];
	uint64_t seed;
	int order;              /* creation order, the sort's last key */
	int64_t *items;         /* expense list lines, fen */
	int nitems;
} doc;

typedef struct {
	char size;
	int ndocs, nphotos, target_pages;
	int ninpatient, noutpatient, nrecordcopies;
	episode *eps;
	int neps;
	doc *docs;
	int n, cap;
	int prepared;
} plan;

static const char *const hospitals[][2] = {
	{ "Example Union Hospital", "示例联合医院" },
	{ "Riverside People's Hospital", "滨江人民医院" },
	{ "Northgate University Hospital", "北门大学附属医院" },
	{ "Harbour District Central Hospital", "港区中心医院" },
};

static const char *const lab_titles[] = {
	"Complete blood count", "Liver function panel", "Renal function",
	"Electrolytes", "Coagulation panel", "C-reactive protein",
	"Urinalysis", "Blood culture", "Lipid panel", "Tumour markers",
	"Thyroid function", "Blood gas analysis",
};
static const char *const imaging_titles[] = {
	"Chest CT", "Abdominal ultrasound", "Chest X-ray", "Brain MRI",
	"Electrocardiogram", "Echocardiogram", "Abdominal CT",
};

static doc *
add_doc(plan *p, int type, int ep)
{
	doc *d;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->docs = xrealloc(p->docs, (size_t)p->cap * sizeof(*p->docs));
	}
	d = &p->docs[p->n];
	memset(d, 0, sizeof(*d));
	d->type = type;
	d->ep = ep;
	d->amount = -1;
	d->order = p->n;
	d->seed = (uint64_t)p->size << 32 | (uint64_t)p->n;
	p->n++;
	return d;
}

/* Which page sizes the papers come in. */
static void
page_size(doc *d)
{
	switch (d->type) {
	case T_FAPIAO:          /* a fiscal e-receipt: 210 x 140 mm */
		d->pw = 210 * MM, d->ph = 140 * MM;
		break;
	case T_LAB:             /* A5 landscape */
		d->pw = 210 * MM, d->ph = 148 * MM;
		break;
	case T_PRESCRIPTION:    /* A5 portrait */
		d->pw = 148 * MM, d->ph = 210 * MM;
		break;
	default:                /* A4 */
		d->pw = 210 * MM, d->ph = 297 * MM;
		break;
	}
}

/* Pages of a PDF document of this type, before the record copies take
 * what is left of the size's page target. */
static int
pages_of(const doc *d, const episode *e, rng *r)
{
	switch (d->type) {
	case T_DISCHARGE: return rng_int(r, 2, 4);
	case T_OUTPATIENT: return rng_int(r, 1, 2);
	case T_DIAGCERT: return 1;
	case T_OPERATIVE: return rng_int(r, 2, 3);
	case T_PATHOLOGY: return rng_int(r, 1, 2);
	case T_LAB: return rng_int(r, 1, 3);
	case T_IMAGING: return rng_int(r, 1, 2);
	case T_PRESCRIPTION: return 1;
	case T_DISCHMED: return 1;
	case T_FAPIAO: return 1;
	case T_PAYMENT: return 1;
	case T_EXPENSE:
		/* About a page of items per night in hospital. */
		return e->inpatient ? (e->end - e->start) + rng_int(r, -2, 2)
		    : rng_int(r, 1, 2);
	default: return 1;
	}
}

#define EXPENSE_ROWS 34         /* item rows on an A4 expense list page */

static const char *const expense_items[] = {
	"Bed fee, general ward", "Nursing care, grade II", "Ceftriaxone 1g inj",
	"Sodium chloride 0.9% 250ml", "Glucose 5% 500ml", "IV infusion set",
	"Complete blood count", "Liver function panel", "CT chest plain scan",
	"Oxygen therapy per hour", "Omeprazole 40mg inj", "Heparin flush",
	"Consultation, chief physician", "ECG 12-lead", "Urinalysis",
	"Disposable syringe 10ml", "Paracetamol 500mg tab", "Blood gas analysis",
	"Nebulizer treatment", "Levofloxacin 0.5g inj", "Dressing change",
	"Meals, inpatient diet", "Ultrasound, abdomen", "Potassium chloride",
	"Electrolytes panel", "Pulse oximetry monitoring", "Ambroxol 30mg inj",
};

static void
make_expense_items(doc *d)
{
	rng r = rng_seed(d->seed, 7);
	int i;

	d->nitems = d->pages * EXPENSE_ROWS - rng_int(&r, 3, 20);
	if (d->nitems < 3)
		d->nitems = 3;
	d->items = xmalloc((size_t)d->nitems * sizeof(*d->items));
	for (i = 0; i < d->nitems; i++) {
		/* quantity x unit price; unit prices 0.50 to 400.00, most
		 * of them small (consumables, tablets, nursing). */
		int qty = rng_int(&r, 1, 3);
		double u = rng_unit(&r), u3 = u * u * u;
		int64_t price = 50 + (int64_t)(u3 * u3 * 40000);

		d->items[i] = qty * price;
	}
}

static int
by_bundle_order(const doc *a, const doc *b)
{
	int sa = types[a->type].section, sb = types[b->type].section;

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void
sort_docs(plan *p)
{
	doc tmp;
	int i, j;

	for (i = 1; i < p->n; i++) {
		tmp = p->docs[i];
		for (j = i; j > 0 && by_bundle_order(&p->docs[j - 1], &tmp) > 0;
		    j--)
			p->docs[j] = p->docs[j - 1];
		p->docs[j] = tmp;
	}
}

static void
make_plan(plan *p, char size)
{
	/* Extra papers beyond each episode's required and recommended
	 * ones, in the order they are handed out. */
	static const int extras[] = {
		T_FAPIAO, T_LAB, T_PRESCRIPTION, T_PAYMENT, T_IMAGING, T_LAB,
		T_DIAGCERT, T_FAPIAO, T_PRESCRIPTION, T_PATHOLOGY, T_OPERATIVE,
		T_DISCHMED, T_LAB, T_OUTPATIENT,
	};
	rng r = rng_seed((uint64_t)size, 1);
	int i, e, day, photos, pages, rest, nabs, nextra = 0, ncopies = 0;
	int fiscal_no = 0, vat_no = 0;

	memset(p, 0, sizeof(*p));
	p->size = size;
	switch (size) {
	case 'S':
		p->ndocs = 10, p->nphotos = 2, p->target_pages = 25;
		p->ninpatient = 1, p->noutpatient = 0, p->nrecordcopies = 0;
		break;
	case 'M':
		p->ndocs = 60, p->nphotos = 40, p->target_pages = 300;
		p->ninpatient = 1, p->noutpatient = 3, p->nrecordcopies = 2;
		break;
	case 'L':
		p->ndocs = 400, p->nphotos = 100, p->target_pages = 2000;
		p->ninpatient = 6, p->noutpatient = 14, p->nrecordcopies = 12;
		break;
	default:
		die("unknown size '%c' (S, M or L)", size);
	}

	/* Episodes: stays spread among the visits, a few days apart. */
	p->neps = p->ninpatient + p->noutpatient;
	p->eps = xmalloc((size_t)p->neps * sizeof(*p->eps));
	day = days_from_civil(2026, 1, 12);
	for (e = 0; e < p->neps; e++) {
		episode *ep = &p->eps[e];
		int which = rng_int(&r, 0, 3);

		memset(ep, 0, sizeof(*ep));
		ep->inpatient = p->noutpatient == 0 ||
		    (e * p->ninpatient) / p->neps !=
		    ((e + 1) * p->ninpatient) / p->neps;
		snprintf(ep->id, sizeof(ep->id), "%s%d", ep->inpatient ?
		    "stay" : "visit", e + 1);
		ep->start = day;
		ep->end = day + (ep->inpatient ? rng_int(&r, 5, 13) : 0);
		ep->hospital = hospitals[which][0];
		ep->hospital_zh = hospitals[which][1];
		day = ep->end + rng_int(&r, 4, 12);
	}
	p->prepared = day + 35;

	/* What each episode needs (template: reimbursement) and should
	 * have, so that the check reports neither errors nor warnings. */
	for (e = 0; e < p->neps; e++) {
		add_doc(p, p->eps[e].inpatient ? T_DISCHARGE : T_OUTPATIENT, e);
		add_doc(p, T_FAPIAO, e);
		add_doc(p, T_EXPENSE, e);
		add_doc(p, T_LAB, e);
		add_doc(p, T_IMAGING, e);
		add_doc(p, T_IMAGEFILES, e);
	}
	for (i = 0; i < p->nrecordcopies; i++)
		for (e = 0; e < p->neps; e++)
			if (p->eps[e].inpatient &&
			    (i * p->ninpatient) / p->nrecordcopies ==
			    (e * p->ninpatient) / p->neps) {
				add_doc(p, T_RECORDCOPY, e);
				break;
			}
	for (e = 0; p->n < p->ndocs; e = (e + 1) % p->neps)
		add_doc(p, extras[nextra++ % (int)(sizeof(extras) /
		    sizeof(extras[0]))], e);

	/* Photos: every k-th paper that people photograph. */
	for (photos = 0, i = 0; photos < p->nphotos && i < 4 * p->n; i++) {
		doc *d = &p->docs[(i * 7 + 3) % p->n];

		if (types[d->type].photo_ok && !d->photo) {
			d->photo = 1;
			photos++;
		}
	}
	if (photos < p->nphotos)
		die("not enough photographable papers for %d photos",
		    p->nphotos);

	/* Dates, page counts, titles. */
	pages = 0;
	nabs = 0;
	for (i = 0; i < p->n; i++) {
		doc *d = &p->docs[i];
		episode *ep = &p->eps[d->ep];
		rng dr = rng_seed(d->seed, 2);
		int len = ep->end - ep->start;

		switch (d->type) {
		case T_DISCHARGE: case T_EXPENSE: case T_DISCHMED:
		case T_PAYMENT:
			d->date = ep->end;
			break;
		case T_FAPIAO:
			d->date = ep->end + rng_int(&dr, 0, 2);
			break;
		case T_RECORDCOPY:      /* copied for the claim, later */
			d->date = ep->end + rng_int(&dr, 5, 20);
			break;
		case T_DIAGCERT:
			d->date = ep->end;
			break;
		case T_IMAGEFILES:      /* undated: last in its section */
			d->date = INT_MAX;
			break;
		default:
			d->date = ep->start + rng_int(&dr, 0, len);
			break;
		}
		page_size(d);
		if (d->type == T_IMAGEFILES) {
			d->pages = 0;
			snprintf(d->title, sizeof(d->title), "CT images (DICOM)");
		} else if (d->photo) {
			d->pages = 1;
		} else if (d->type == T_RECORDCOPY) {
			/* Every other one scanned by the copy room, the others
			 * printed to PDF from the electronic record. */
			d->scanned = ncopies++ % 2 == 0;
			nabs++;
		} else {
			d->pages = pages_of(d, ep, &dr);
		}
		pages += d->pages;
		if (d->type == T_LAB)
			snprintf(d->title, sizeof(d->title), "%s",
			    PICK(&dr, lab_titles));
		else if (d->type == T_IMAGING)
			snprintf(d->title, sizeof(d->title), "%s",
			    PICK(&dr, imaging_titles));
	}
	/* The copied records take the pages left to reach the target. */
	rest = p->target_pages - pages;
	for (i = 0; i < p->n && nabs > 0; i++)
		if (p->docs[i].type == T_RECORDCOPY) {
			p->docs[i].pages = rest / nabs > 4 ? rest / nabs : 4;
			rest -= p->docs[i].pages;
			nabs--;
		}

	/* Money: the expense list's items make the episode's total, which
	 * its receipts split between them. */
	for (i = 0; i < p->n; i++)
		if (p->docs[i].type == T_EXPENSE) {
			doc *d = &p->docs[i];
			int k;

			if (d->photo)
				die("an expense list cannot be a photo here");
			make_expense_items(d);
			d->amount = 0;
			for (k = 0; k < d->nitems; k++)
				d->amount += d->items[k];
			p->eps[d->ep].total = d->amount;
		}
	for (e = 0; e < p->neps; e++) {
		int nf = 0, k = 0;
		int64_t left = p->eps[e].total;

		for (i = 0; i < p->n; i++)
			if (p->docs[i].ep == e && p->docs[i].type == T_FAPIAO)
				nf++;
		for (i = 0; i < p->n; i++) {
			doc *d = &p->docs[i];
			rng dr = rng_seed(d->seed, 3);

			if (d->ep != e)
				continue;
			if (d->type == T_PAYMENT)
				d->amount = p->eps[e].total;
			if (d->type != T_FAPIAO)
				continue;
			k++;
			if (k == nf) {
				d->amount = left;
				left = 0;
			} else {
				/* Shares of 1/(2nf) to 3/(2nf) of the total. */
				d->amount = p->eps[e].total / (2 * nf) +
				    (int64_t)(rng_unit(&dr) *
				    (double)(p->eps[e].total / nf));
				if (d->amount >= left - (nf - k))
					d->amount = left / 2;
				left -= d->amount;
			}
			/* Every third one a VAT fapiao of a private clinic,
			 * the rest fiscal receipts of public hospitals. */
			d->vat = (k % 3) == 0;
			if (d->vat) {
				snprintf(d->code, sizeof(d->code),
				    "0440022%05d", 10000 + vat_no % 90000);
				snprintf(d->number, sizeof(d->number), "%08d",
				    31000000 + 37 * vat_no);
				snprintf(d->check, sizeof(d->check),
				    "%010llu%010llu", (unsigned long long)
				    (rng_next(&dr) % 10000000000ull),
				    (unsigned long long)(rng_next(&dr) %
				    10000000000ull));
				vat_no++;
			} else {
				snprintf(d->code, sizeof(d->code), "110601%02d",
				    26 + (e % 4));
				snprintf(d->number, sizeof(d->number), "%010lld",
				    12345000LL + 101LL * fiscal_no);
				snprintf(d->check, sizeof(d->check), "%06llx",
				    (unsigned long long)(rng_next(&dr) &
				    0xffffff));
				fiscal_no++;
			}
		}
		if (nf > 0 && left != 0 && p->eps[e].total != 0)
			die("receipts of episode %d do not add up", e);
	}

	sort_docs(p);
	/* File names after sorting, numbered in bundle order. */
	for (i = 0; i < p->n; i++) {
		doc *d = &p->docs[i];

		snprintf(d->file, sizeof(d->file), "%s/%03d-%s-%s%s",
		    types[d->type].folder, i + 1, p->eps[d->ep].id,
		    types[d->type].key, d->type == T_IMAGEFILES ? "" :
		    d->photo ? ".jpg" : ".pdf");
	}
}

/* ---- words ---------------------------------------------------------------- */

static const char *const words[] = {
	"patient", "admitted", "with", "fever", "cough", "for", "three", "days",
	"and", "shortness", "of", "breath", "on", "exertion", "history",
	"hypertension", "no", "known", "allergies", "examination", "showed",
	"temperature", "pulse", "regular", "blood", "pressure", "lungs",
	"scattered", "crackles", "right", "lower", "lobe", "abdomen", "soft",
	"non-tender", "chest", "CT", "consolidation", "treated", "intravenous",
	"antibiotics", "oxygen", "therapy", "symptoms", "improved", "gradually",
	"repeat", "count", "within", "normal", "limits", "discharged", "in",
	"stable", "condition", "follow-up", "outpatient", "clinic", "weeks",
	"continue", "oral", "medication", "as", "prescribed", "the", "was",
	"diagnosis", "community-acquired", "pneumonia", "mild", "moderate",
	"plan", "review", "results", "ward", "round", "attending", "physician",
	"nursing", "observation", "saturation", "percent", "room", "air",
	"culture", "negative", "sensitivity", "ceftriaxone", "renal", "function",
	"liver", "enzymes", "electrolytes", "potassium", "sodium", "glucose",
};

/* Appends up to `max` characters of words to `s` (no parentheses or
 * backslashes, so it can go into a PDF string as it is). */
static void
sentence(rng *r, char *s, size_t size, int max)
{
	size_t n = 0;
	const char *w;

	s[0] = '\0';
	while (1) {
		w = PICK(r, words);
		if ((int)(n + strlen(w) + 1) > max || n + strlen(w) + 2 > size)
			break;
		if (n > 0)
			s[n++] = ' ';
		memcpy(s + n, w, strlen(w) + 1);
		n += strlen(w);
	}
	if (n > 0 && n + 1 < size) {
		s[n++] = '.';
		s[n] = '\0';
	}
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 32);
}

static const char *
money(int64_t fen)
{
	static char ring[8][32];
	static int next;
	char *s = ring[next++ % 8];

	snprintf(s, 32, "%lld.%02lld", (long long)(fen / 100),
	    (long long)(fen % 100));
	return s;
}

/* ---- vector PDF pages ------------------------------------------------------ */

static void
text(buf *c, const char *font, double size, double x, double y,
    const char *s)
{
	buf_printf(c, "BT /%s %.1f Tf %.2f %.2f Td (%s) Tj ET\n", font, size,
	    x, y, s);
}

static void
rule(buf *c, double x0, double y0, double x1, double y1, double w)
{
	buf_printf(c, "%.2f w %.2f %.2f m %.2f %.2f l S\n", w, x0, y0, x1, y1);
}

/* A round red seal: two rings and the hospital's name around a star. */
static void
seal(buf *c, double cx, double cy, double r, const char *name)
{
	const double k = 0.5523;
	double rr;
	int ring;

	buf_printf(c, "q 0.85 0.1 0.1 RG 0.85 0.1 0.1 rg\n");
	for (ring = 0; ring < 2; ring++) {
		rr = ring == 0 ? r : r * 0.93;
		buf_printf(c, "%.2f w %.2f %.2f m\n", ring == 0 ? 2.0 : 0.6,
		    cx + rr, cy);
		buf_printf(c, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", cx + rr,
		    cy + k * rr, cx + k * rr, cy + rr, cx, cy + rr);
		buf_printf(c, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", cx - k * rr,
		    cy + rr, cx - rr, cy + k * rr, cx - rr, cy);
		buf_printf(c, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", cx - rr,
		    cy - k * rr, cx - k * rr, cy - rr, cx, cy - rr);
		buf_printf(c, "%.2f %.2f %.2f %.2f %.2f %.2f c S\n", cx + k * rr,
		    cy - rr, cx + rr, cy - k * rr, cx + rr, cy);
	}
	/* The star. */
	buf_printf(c, "%.2f %.2f m", cx, cy + 0.3 * r);
	for (ring = 1; ring < 10; ring++) {
		double a = PI / 2 + ring * PI / 5;
		double rad = (ring % 2 ? 0.12 : 0.3) * r;

		buf_printf(c, " %.2f %.2f l", cx + rad * cos(a),
		    cy + rad * sin(a));
	}
	buf_printf(c, " f\n");
	/* The name along the upper arc, letter by letter. */
	{
		size_t i, n = strlen(name);

		for (i = 0; i < n; i++) {
			double a = PI * (0.9 - 0.8 * (double)i /
			    (double)(n > 1 ? n - 1 : 1));
			double x = cx + 0.72 * r * cos(a), y = cy + 0.72 * r *
			    sin(a), rot = a - PI / 2;
			char ch[3] = { name[i], 0, 0 };

			buf_printf(c, "BT /F2 7 Tf %.4f %.4f %.4f %.4f %.2f %.2f "
			    "Tm (%s) Tj ET\n", cos(rot), sin(rot), -sin(rot),
			    cos(rot), x, y, ch);
		}
	}
	buf_printf(c, "Q\n");
}

/* Header lines of a hospital paper; returns the y below them. */
static double
header(buf *c, const plan *p, const doc *d, int page, int npages)
{
	const episode *ep = &p->eps[d->ep];
	double w = d->pw, top = d->ph - 36;
	char line[200];

	text(c, "F2", 13, 40, top, ep->hospital);
	text(c, "F2", 11, 40, top - 17, d->title[0] ? d->title :
	    types[d->type].title);
	snprintf(line, sizeof(line), "Name: %s   Sex: F   Age: 41   %s no.: "
	    "%s%06d   Dept: Respiratory medicine", PATIENT_PAPER,
	    ep->inpatient ? "Inpatient" : "Outpatient", ep->inpatient ? "ZY" :
	    "MZ", 420000 + d->ep * 17);
	text(c, "F1", 7.5, 40, top - 32, line);
	snprintf(line, sizeof(line), "Date: %s   Page %d of %d", iso(d->date),
	    page, npages);
	text(c, "F1", 7.5, w - 150, top, line);
	rule(c, 40, top - 38, w - 40, top - 38, 0.8);
	return top - 52;
}

static void
page_expense(buf *c, const plan *p, const doc *d, int page, int npages)
{
	double y = header(c, p, d, page, npages), w = d->pw;
	int first = (page - 1) * EXPENSE_ROWS, i, k;
	int64_t sub = 0, all = 0;
	char line[160];

	text(c, "F2", 7.5, 40, y, "Code");
	text(c, "F2", 7.5, 90, y, "Item");
	text(c, "F2", 7.5, 300, y, "Class");
	text(c, "F2", 7.5, 350, y, "Qty");
	text(c, "F2", 7.5, 390, y, "Unit price");
	text(c, "F2", 7.5, w - 90, y, "Amount");
	rule(c, 40, y - 4, w - 40, y - 4, 0.5);
	y -= 16;
	for (i = first; i < first + EXPENSE_ROWS && i < d->nitems; i++) {
		rng r = rng_seed(d->seed, 1000 + (uint64_t)i);
		int qty = rng_int(&r, 1, 6);

		while (d->items[i] % qty != 0)
			qty--;
		snprintf(line, sizeof(line), "%02d%06d", i % 17,
		    (int)(rng_next(&r) % 1000000));
		text(c, "F3", 7, 40, y, line);
		text(c, "F1", 7.5, 90, y, PICK(&r, expense_items));
		text(c, "F1", 7.5, 300, y, rng_int(&r, 0, 2) ? "A" : "B");
		snprintf(line, sizeof(line), "%d", qty);
		text(c, "F1", 7.5, 355, y, line);
		text(c, "F1", 7.5, 390, y, money(d->items[i] / qty));
		text(c, "F1", 7.5, w - 90, y, money(d->items[i]));
		rule(c, 40, y - 4, w - 40, y - 4, 0.2);
		sub += d->items[i];
		y -= 19;
	}
	for (k = 0; k < d->nitems && k < first + EXPENSE_ROWS; k++)
		all += d->items[k];
	snprintf(line, sizeof(line), "Page subtotal: %s CNY    Running total: "
	    "%s CNY", money(sub), money(all));
	text(c, "F2", 8, 40, y - 6, line);
	if (page == npages) {
		snprintf(line, sizeof(line), "TOTAL: %s CNY   (%d items)",
		    money(d->amount), d->nitems);
		text(c, "F2", 10, 40, y - 24, line);
		seal(c, w - 110, 80, 42, "BILLING OFFICE");
	}
}

static void
page_fapiao(buf *c, const plan *p, const doc *d)
{
	const episode *ep = &p->eps[d->ep];
	double w = d->pw, h = d->ph, y;
	char line[200];
	rng r = rng_seed(d->seed, 11);
	int i;

	text(c, "F2", 13, 150, h - 34, d->vat ? "VAT INVOICE (ELECTRONIC)" :
	    "MEDICAL FISCAL RECEIPT (ELECTRONIC)");
	snprintf(line, sizeof(line), "Code: %s   Number: %s   Check code: %s",
	    d->code, d->number, d->check);
	text(c, "F1", 8, 30, h - 54, line);
	snprintf(line, sizeof(line), "Issued by: %s   Date: %s", ep->hospital,
	    iso(d->date));
	text(c, "F1", 8, 30, h - 66, line);
	snprintf(line, sizeof(line), "Payer: %s   Visit: %s %s to %s",
	    PATIENT_PAPER, ep->inpatient ? "inpatient" : "outpatient",
	    iso(ep->start), iso(ep->end));
	text(c, "F1", 8, 30, h - 78, line);
	buf_printf(c, "0.6 w 24 60 %.2f %.2f re S\n", w - 48, h - 150);
	y = h - 100;
	for (i = 0; i < 8; i++) {
		text(c, "F1", 8, 32, y, PICK(&r, expense_items));
		text(c, "F1", 8, 230, y, "see itemized list");
		rule(c, 24, y - 5, w - 24, y - 5, 0.2);
		y -= 14;
	}
	snprintf(line, sizeof(line), "Total (in figures): CNY %s",
	    money(d->amount));
	text(c, "F2", 10, 32, 70, line);
	text(c, "F1", 7, 32, 40, "Payee: cashier 014   Reviewer: 203   "
	    "Verify at the Ministry of Finance's receipt platform.");
	seal(c, w - 90, 90, 38, "FINANCE DEPT");
}

static void
page_lab(buf *c, const plan *p, const doc *d, int page, int npages)
{
	static const char *const analytes[] = {
		"WBC", "RBC", "HGB", "HCT", "PLT", "NEUT%", "LYMPH%", "MONO%",
		"ALT", "AST", "ALB", "TBIL", "CREA", "UREA", "K", "NA", "CL",
		"CRP", "PCT", "GLU", "PT", "APTT", "FIB", "D-DIMER",
	};
	double y = header(c, p, d, page, npages);
	rng r = rng_seed(d->seed, 20 + (uint64_t)page);
	char line[64];
	int i;

	text(c, "F2", 7.5, 40, y, "Test");
	text(c, "F2", 7.5, 160, y, "Result");
	text(c, "F2", 7.5, 230, y, "Flag");
	text(c, "F2", 7.5, 270, y, "Units");
	text(c, "F2", 7.5, 350, y, "Reference range");
	y -= 14;
	for (i = 0; i < 14 && y > 60; i++) {
		text(c, "F1", 7.5, 40, y, PICK(&r, analytes));
		snprintf(line, sizeof(line), "%.2f", rng_unit(&r) * 150);
		text(c, "F1", 7.5, 160, y, line);
		text(c, "F1", 7.5, 230, y, rng_int(&r, 0, 5) ? "" : "H");
		text(c, "F1", 7.5, 270, y, rng_int(&r, 0, 1) ? "g/L" : "mmol/L");
		snprintf(line, sizeof(line), "%.1f - %.1f", rng_unit(&r) * 10,
		    10 + rng_unit(&r) * 90);
		text(c, "F1", 7.5, 350, y, line);
		y -= 12.5;
	}
	text(c, "F1", 7, 40, 30, "Collected 07:40   Received 08:15   Reported "
	    "11:02   Tested by: 117   Checked by: 042");
}

static void
page_prose(buf *c, const plan *p, const doc *d, int page, int npages)
{
	static const char *const headings[] = {
		"Chief complaint", "History of present illness", "Examination",
		"Investigations", "Course in hospital", "Diagnosis",
		"Treatment", "Advice on discharge", "Findings", "Impression",
	};
	double y = header(c, p, d, page, npages), w = d->pw;
	rng r = rng_seed(d->seed, 40 + (uint64_t)page);
	int chars = (int)((w - 80) / 3.9);
	char line[400];

	while (y > 90) {
		text(c, "F2", 9, 40, y, PICK(&r, headings));
		y -= 13;
		for (int i = rng_int(&r, 2, 8); i > 0 && y > 80; i--) {
			sentence(&r, line, sizeof(line), chars);
			text(c, "F1", 8.5, 40, y, line);
			y -= 11.5;
		}
		y -= 6;
	}
	if (page == npages) {
		text(c, "F1", 8.5, 40, 60, "Physician: Dr. Li Wei (signature)");
		if (d->type == T_DISCHARGE || d->type == T_DIAGCERT ||
		    d->type == T_PRESCRIPTION || d->type == T_PAYMENT)
			seal(c, w - 100, 80, 40, "MEDICAL AFFAIRS");
	}
}

static void
vector_page(buf *c, const plan *p, const doc *d, int page)
{
	switch (d->type) {
	case T_EXPENSE:
		page_expense(c, p, d, page, d->pages);
		break;
	case T_FAPIAO:
		page_fapiao(c, p, d);
		break;
	case T_LAB:
		page_lab(c, p, d, page, d->pages);
		break;
	default:
		page_prose(c, p, d, page, d->pages);
		break;
	}
}

/* ---- pictures of paper: an ink mask, then pixels --------------------------- */

typedef struct {
	int w, h;               /* pixels, MASK_PX_PER_MM per mm */
	unsigned char *px;      /* 0 paper, 1 ink, 2 red seal */
} mask;

static void
mask_rect(mask *m, int x0, int y0, int x1, int y1, unsigned char v)
{
	int x, y;

	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > m->w) x1 = m->w;
	if (y1 > m->h) y1 = m->h;
	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++)
			m->px[(size_t)y * m->w + x] = v;
}

static void
mask_ring(mask *m, int cx, int cy, int r0, int r1, unsigned char v)
{
	int x, y;

	for (y = cy - r1; y <= cy + r1; y++)
		for (x = cx - r1; x <= cx + r1; x++) {
			int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);

			if (x >= 0 && y >= 0 && x < m->w && y < m->h &&
			    d2 >= r0 * r0 && d2 <= r1 * r1)
				m->px[(size_t)y * m->w + x] = v;
		}
}

/* One made-up character: a 5 x 7 pattern, `h` pixels tall. */
static void
mask_glyph(mask *m, int x, int y, int h, uint64_t bits)
{
	int cell = h / 7 > 0 ? h / 7 : 1, i, j;

	for (j = 0; j < 7; j++)
		for (i = 0; i < 5; i++)
			if (bits >> (j * 5 + i) & 1)
				mask_rect(m, x + i * cell, y + j * cell,
				    x + (i + 1) * cell, y + (j + 1) * cell, 1);
}

/* A line of words of made-up characters; returns its end. */
static int
mask_words(mask *m, rng *r, int x, int y, int h, int xmax)
{
	int adv = h * 6 / 7;

	while (x + 3 * adv < xmax) {
		int n = rng_int(r, 1, 8);

		while (n-- > 0 && x + adv < xmax) {
			mask_glyph(m, x, y, h, rng_next(r) & 0x7ffffffffull &
			    rng_next(r));
			x += adv;
		}
		x += adv;
	}
	return x;
}

/* Draws a paper of type `type`, `wmm` x `hmm` millimetres. */
static void
mask_paper(mask *m, int type, double wmm, double hmm, uint64_t seed)
{
	rng r = rng_seed(seed, 99);
	int ppm = MASK_PX_PER_MM, y, margin, rows, i;

	m->w = (int)(wmm * ppm);
	m->h = (int)(hmm * ppm);
	m->px = xmalloc((size_t)m->w * m->h);
	memset(m->px, 0, (size_t)m->w * m->h);
	margin = 15 * ppm;
	y = 14 * ppm;
	/* Title: large characters, centred-ish. */
	mask_words(m, &r, m->w / 4, y, 7 * ppm, m->w * 3 / 4);
	y += 12 * ppm;
	for (i = 0; i < 3; i++, y += 5 * ppm)
		mask_words(m, &r, margin, y, 3 * ppm, m->w - margin);
	mask_rect(m, margin, y, m->w - margin, y + 3, 1);
	y += 4 * ppm;
	rows = (m->h - y - 30 * ppm) / (6 * ppm);
	for (i = 0; i < rows; i++, y += 6 * ppm) {
		if (type == T_FAPIAO || type == T_LAB || type == T_PAYMENT ||
		    type == T_PRESCRIPTION) {
			/* Table rows: columns of short entries and rules. */
			mask_words(m, &r, margin, y, 3 * ppm, m->w / 3);
			mask_words(m, &r, m->w / 2, y, 3 * ppm, m->w / 2 +
			    12 * ppm);
			mask_words(m, &r, m->w - margin - 25 * ppm, y, 3 * ppm,
			    m->w - margin);
			mask_rect(m, margin, y + 4 * ppm, m->w - margin,
			    y + 4 * ppm + 2, 1);
		} else {
			mask_words(m, &r, margin, y, 3 * ppm,
			    m->w - margin - rng_int(&r, 0, 40) * ppm);
		}
	}
	/* A red seal near the bottom right, half over the text. */
	if (type != T_LAB)
		mask_ring(m, m->w - margin - 20 * ppm, m->h - 40 * ppm,
		    19 * ppm, 20 * ppm + 3, 2);
}

typedef struct {
	const mask *m;
	int W, H;               /* the picture as seen (upright) */
	double cosr, sinr, scale, cx, cy;   /* paper in the picture */
	double noise;           /* sensor noise, grey levels */
	int color;
	rng r;
} scene;

/* A cheap normal-ish variate: the sum of four uniforms, centred. */
static double
noise(scene *s)
{
	uint64_t v = rng_next(&s->r);
	int a = (int)(v & 0xffff), b = (int)(v >> 16 & 0xffff),
	    c = (int)(v >> 32 & 0xffff), d = (int)(v >> 48);

	return ((double)(a + b + c + d) / 65536.0 - 2.0) * 1.732;
}

static unsigned char
clamp(double v)
{
	return v < 0 ? 0 : v > 255 ? 255 : (unsigned char)(v + 0.5);
}

/* The colour seen at (x, y) of the upright picture. */
static void
scene_pixel(scene *s, int x, int y, unsigned char *out)
{
	double dx = x - s->cx, dy = y - s->cy;
	/* Into paper coordinates (mask pixels), undoing the rotation. */
	double u = (dx * s->cosr + dy * s->sinr) / s->scale + s->m->w / 2.0;
	double v = (-dx * s->sinr + dy * s->cosr) / s->scale + s->m->h / 2.0;
	/* Light falls from the top left; the corners are darker. */
	double nx = (double)x / s->W - 0.5, ny = (double)y / s->H - 0.5;
	double light = 1.0 - 0.10 * (nx + ny) - 0.35 * (nx * nx + ny * ny);
	double rr, gg, bb, n = s->noise * noise(s);
	int iu = (int)u, iv = (int)v;

	if (u >= 0 && v >= 0 && iu < s->m->w && iv < s->m->h) {
		switch (s->m->px[(size_t)iv * s->m->w + iu]) {
		case 1: rr = 38, gg = 40, bb = 52; break;
		case 2: rr = 200, gg = 45, bb = 50; break;
		default: rr = 238, gg = 234, bb = 224; break;
		}
	} else {
		/* A wooden desk: a warm brown with grain. */
		double grain = sin(y * 0.013 + 3 * sin(x * 0.002)) * 14;

		rr = 128 + grain, gg = 86 + grain * 0.7, bb = 52 + grain * 0.4;
	}
	if (!s->color) {
		out[0] = clamp((0.3 * rr + 0.59 * gg + 0.11 * bb) * light + n);
		return;
	}
	out[0] = clamp(rr * light + n + s->noise * 0.5 * noise(s));
	out[1] = clamp(gg * light + n);
	out[2] = clamp(bb * light + n + s->noise * 0.5 * noise(s));
}

/* A minimal Exif APP1 payload: orientation, 72 dpi, the phone's make. */
static size_t
exif_payload(unsigned char *e, int orientation)
{
	static const unsigned char head[] = {
		'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0, 42, 0, 0, 0, 8,    /* big-endian TIFF, IFD0 at 8 */
		0, 5,                           /* five entries */
	};
	unsigned char *p = e;
	/* Offsets are from the TIFF header (after "Exif\0\0"). */
	const unsigned data = 8 + 2 + 5 * 12 + 4;   /* = 74 */
	const unsigned char entries[5][12] = {
		{ 0x01, 0x0f, 0, 2, 0, 0, 0, 11, 0, 0, 0, (unsigned char)data },
		{ 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)orientation,
		    0, 0 },
		{ 0x01, 0x1a, 0, 5, 0, 0, 0, 1, 0, 0, 0,
		    (unsigned char)(data + 12) },
		{ 0x01, 0x1b, 0, 5, 0, 0, 0, 1, 0, 0, 0,
		    (unsigned char)(data + 20) },
		{ 0x01, 0x28, 0, 3, 0, 0, 0, 1, 0, 2, 0, 0 },
	};
	static const unsigned char values[] = {
		'B', 'e', 'n', 'c', 'h', 'P', 'h', 'o', 'n', 'e', 0, 0,
		0, 0, 0, 72, 0, 0, 0, 1,        /* XResolution 72/1 */
		0, 0, 0, 72, 0, 0, 0, 1,        /* YResolution 72/1 */
	};

	memcpy(p, head, sizeof(head));
	p += sizeof(head);
	memcpy(p, entries, sizeof(entries));
	p += sizeof(entries);
	memset(p, 0, 4);                /* no next IFD */
	p += 4;
	memcpy(p, values, sizeof(values));
	p += sizeof(values);
	return (size_t)(p - e);
}

/*
 * Encodes the scene as a JPEG into memory.  With `orientation` 6 the
 * pixels are stored turned a quarter left (W x H becomes H x W), as a
 * phone held upright stores them, and EXIF says to turn them back.
 */
static void
encode_jpeg(scene *s, int quality, int orientation, int exif,
    unsigned char **out, unsigned long *outlen)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr jerr;
	unsigned char *row, e[256];
	int sw = orientation == 6 ? s->H : s->W;
	int sh = orientation == 6 ? s->W : s->H;
	int comps = s->color ? 3 : 1, x, y;
	JSAMPROW rows[1];

	*out = NULL;
	*outlen = 0;
	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, out, outlen);
	ci.image_width = (JDIMENSION)sw;
	ci.image_height = (JDIMENSION)sh;
	ci.input_components = comps;
	ci.in_color_space = s->color ? JCS_RGB : JCS_GRAYSCALE;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, quality, TRUE);
	if (exif)
		ci.write_JFIF_header = FALSE;   /* phones write Exif only */
	else
		ci.density_unit = 1, ci.X_density = 150, ci.Y_density = 150;
	jpeg_start_compress(&ci, TRUE);
	if (exif)
		jpeg_write_marker(&ci, JPEG_APP0 + 1, e,
		    (unsigned)exif_payload(e, orientation));
	row = xmalloc((size_t)sw * comps);
	rows[0] = row;
	for (y = 0; y < sh; y++) {
		for (x = 0; x < sw; x++)
			/* Stored (x, y) of an orientation-6 image is seen at
			 * (W - 1 - y, x). */
			scene_pixel(s, orientation == 6 ? s->W - 1 - y : x,
			    orientation == 6 ? x : y, row + (size_t)x * comps);
		jpeg_write_scanlines(&ci, rows, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	free(row);
}

/* A phone photo of a paper: 3000 x 4000 as seen, quality 90. */
static void
write_photo(const doc *d)
{
	rng r = rng_seed(d->seed, 5);
	mask m;
	scene s;
	unsigned char *jpg;
	unsigned long len;
	double wmm = d->pw / MM, hmm = d->ph / MM, angle;
	char *path;

	mask_paper(&m, d->type, wmm, hmm, d->seed);
	memset(&s, 0, sizeof(s));
	s.m = &m;
	s.W = 3000;
	s.H = 4000;
	angle = (rng_unit(&r) - 0.5) * 6 * PI / 180;
	s.cosr = cos(angle);
	s.sinr = sin(angle);
	/* The paper fills 80-92% of the frame's limiting side. */
	s.scale = (0.80 + 0.12 * rng_unit(&r)) *
	    fmin(s.W / (double)m.w, s.H / (double)m.h);
	s.cx = s.W / 2.0 + rng_int(&r, -80, 80);
	s.cy = s.H / 2.0 + rng_int(&r, -80, 80);
	/* Sensor noise sets the size: about 2 to 4 MB at quality 90. */
	s.noise = 2.6 + 1.6 * rng_unit(&r);
	s.color = 1;
	s.r = rng_seed(d->seed, 6);
	encode_jpeg(&s, 90, d->order % 4 == 1 ? 6 : 1, 1, &jpg, &len);
	path = path_in(d->file);
	write_file(path, jpg, len);
	free(path);
	free(jpg);
	free(m.px);
}

/* A scanned A4 page: greyscale, 150 dpi, quality 75. */
static void
scan_page(const doc *d, int page, unsigned char **jpg, unsigned long *len)
{
	mask m;
	scene s;
	double angle;
	rng r = rng_seed(d->seed, 300 + (uint64_t)page);
	static const int kinds[] = { T_DISCHARGE, T_LAB, T_OPERATIVE,
	    T_PRESCRIPTION, T_OUTPATIENT };

	mask_paper(&m, kinds[page % 5], 210, 297, d->seed * 1000 +
	    (uint64_t)page);
	memset(&s, 0, sizeof(s));
	s.m = &m;
	s.W = 1240;
	s.H = 1754;
	angle = (rng_unit(&r) - 0.5) * 1.0 * PI / 180;
	s.cosr = cos(angle);
	s.sinr = sin(angle);
	s.scale = s.W / (double)m.w;
	s.cx = s.W / 2.0;
	s.cy = s.H / 2.0;
	s.noise = 1.0;
	s.color = 0;
	s.r = rng_seed(d->seed, 400 + (uint64_t)page);
	encode_jpeg(&s, 75, 1, 0, jpg, len);
	free(m.px);
}

/* ---- writing PDFs ------------------------------------------------------------ */

typedef struct {
	buf b;
	long *off;
	int nobj, cap;
} pdfw;

static int
obj_begin(pdfw *w, int num)
{
	if (num >= w->cap) {
		w->cap = num * 2 + 16;
		w->off = xrealloc(w->off, (size_t)w->cap * sizeof(*w->off));
	}
	w->off[num] = (long)w->b.n;
	if (num > w->nobj)
		w->nobj = num;
	buf_printf(&w->b, "%d 0 obj\n", num);
	return num;
}

static void
stream_obj(pdfw *w, int num, const char *dict, const void *data, size_t n)
{
	obj_begin(w, num);
	buf_printf(&w->b, "<< %s /Length %zu >>\nstream\n", dict, n);
	buf_put(&w->b, data, n);
	buf_printf(&w->b, "\nendstream\nendobj\n");
}

/* Runs qpdf to compress the raw PDF into its place. */
static void
qpdf_finish(const char *raw, const char *dest)
{
	pid_t pid;
	int status;

	if ((pid = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		execlp("qpdf", "qpdf", "--deterministic-id",
		    "--compress-streams=y", "--object-streams=generate", raw,
		    dest, (char *)NULL);
		fprintf(stderr, "gen: qpdf: %s\n", strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid: %s", strerror(errno));
	/* 0 is clean; 3 would mean qpdf warned about what gen wrote. */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s: qpdf failed (status %d)", dest, WIFEXITED(status) ?
		    WEXITSTATUS(status) : -1);
	unlink(raw);
}

/*
 * Objects: 1 catalog, 2 page tree, 3-5 fonts, 6 info, 7 outline root;
 * then per page: the page, its content and (scanned) its image; then the
 * outline items of a record copy.
 */
static void
write_pdf(const plan *p, const doc *d)
{
	pdfw w;
	buf c;
	int per = d->scanned ? 3 : 2, first = 8, i, nout = 0, o;
	char *raw, *dest, rel[128];
	long xref;
	static const char *const parts[] = {
		"Admission record", "Progress notes", "Orders",
		"Nursing records", "Investigations", "Consent forms",
	};
	int outline = d->type == T_RECORDCOPY && d->pages >= 12;

	memset(&w, 0, sizeof(w));
	buf_printf(&w.b, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
	if (outline)
		nout = 6;
	obj_begin(&w, 1);
	buf_printf(&w.b, "<< /Type /Catalog /Pages 2 0 R%s >>\nendobj\n",
	    outline ? " /Outlines 7 0 R /PageMode /UseOutlines" : "");
	obj_begin(&w, 2);
	buf_printf(&w.b, "<< /Type /Pages /Count %d /Kids [", d->pages);
	for (i = 0; i < d->pages; i++)
		buf_printf(&w.b, " %d 0 R", first + per * i);
	buf_printf(&w.b, " ] >>\nendobj\n");
	obj_begin(&w, 3);
	buf_printf(&w.b, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	    "/Encoding /WinAnsiEncoding >>\nendobj\n");
	obj_begin(&w, 4);
	buf_printf(&w.b, "<< /Type /Font /Subtype /Type1 /BaseFont "
	    "/Helvetica-Bold /Encoding /WinAnsiEncoding >>\nendobj\n");
	obj_begin(&w, 5);
	buf_printf(&w.b, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier "
	    "/Encoding /WinAnsiEncoding >>\nendobj\n");
	obj_begin(&w, 6);
	{
		int y, m, dd;

		civil(d->date, &y, &m, &dd);
		buf_printf(&w.b, "<< /Title (%s) /Producer (HIS e-document "
		    "service 4.2) /CreationDate (D:%04d%02d%02d080000+08'00') >>\n"
		    "endobj\n", types[d->type].title, y, m, dd);
	}
	obj_begin(&w, 7);
	if (outline)
		buf_printf(&w.b, "<< /Type /Outlines /First %d 0 R /Last %d 0 R "
		    "/Count %d >>\nendobj\n", first + per * d->pages,
		    first + per * d->pages + nout - 1, nout);
	else
		buf_printf(&w.b, "<< /Type /Outlines /Count 0 >>\nendobj\n");

	for (i = 0; i < d->pages; i++) {
		int pg = first + per * i;

		memset(&c, 0, sizeof(c));
		obj_begin(&w, pg);
		buf_printf(&w.b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
		    "%.2f %.2f] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 "
		    "5 0 R >>", d->pw, d->ph);
		if (d->scanned)
			buf_printf(&w.b, " /XObject << /Im0 %d 0 R >>", pg + 2);
		buf_printf(&w.b, " >> /Contents %d 0 R >>\nendobj\n", pg + 1);
		if (d->scanned) {
			unsigned char *jpg;
			unsigned long len;
			char dict[200];

			buf_printf(&c, "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n",
			    d->pw, d->ph);
			stream_obj(&w, pg + 1, "", c.p, c.n);
			scan_page(d, i, &jpg, &len);
			snprintf(dict, sizeof(dict), "/Type /XObject /Subtype "
			    "/Image /Width 1240 /Height 1754 /ColorSpace "
			    "/DeviceGray /BitsPerComponent 8 /Filter /DCTDecode");
			stream_obj(&w, pg + 2, dict, jpg, len);
			free(jpg);
		} else {
			vector_page(&c, p, d, i + 1);
			stream_obj(&w, pg + 1, "", c.p, c.n);
		}
		free(c.p);
	}
	for (o = 0; o < nout; o++) {
		int num = first + per * d->pages + o;

		obj_begin(&w, num);
		buf_printf(&w.b, "<< /Title (%s) /Parent 7 0 R /Dest [%d 0 R "
		    "/Fit]", parts[o], first + per * (o * d->pages / nout));
		if (o > 0)
			buf_printf(&w.b, " /Prev %d 0 R", num - 1);
		if (o + 1 < nout)
			buf_printf(&w.b, " /Next %d 0 R", num + 1);
		buf_printf(&w.b, " >>\nendobj\n");
	}

	xref = (long)w.b.n;
	buf_printf(&w.b, "xref\n0 %d\n0000000000 65535 f \n", w.nobj + 1);
	for (i = 1; i <= w.nobj; i++)
		buf_printf(&w.b, "%010ld 00000 n \n", w.off[i]);
	buf_printf(&w.b, "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n"
	    "startxref\n%ld\n%%%%EOF\n", w.nobj + 1, xref);

	snprintf(rel, sizeof(rel), "%s.raw", d->file);
	raw = path_in(rel);
	dest = path_in(d->file);
	write_file(raw, w.b.p, w.b.n);
	qpdf_finish(raw, dest);
	free(raw);
	free(dest);
	free(w.b.p);
	free(w.off);
}

/* Appends a DICOM element in explicit VR little endian: tag, VR and
 * value (padded to an even length with `pad`). */
static size_t
dicom_element(unsigned char *out, unsigned group, unsigned elem,
    const char *vr, const void *value, size_t len, char pad)
{
	size_t n = 0, even = len + (len & 1);
	int longform = strcmp(vr, "OB") == 0;

	out[n++] = (unsigned char)group;
	out[n++] = (unsigned char)(group >> 8);
	out[n++] = (unsigned char)elem;
	out[n++] = (unsigned char)(elem >> 8);
	out[n++] = (unsigned char)vr[0];
	out[n++] = (unsigned char)vr[1];
	if (longform) {
		out[n++] = 0;
		out[n++] = 0;
		out[n++] = (unsigned char)even;
		out[n++] = (unsigned char)(even >> 8);
		out[n++] = (unsigned char)(even >> 16);
		out[n++] = (unsigned char)(even >> 24);
	} else {
		out[n++] = (unsigned char)even;
		out[n++] = (unsigned char)(even >> 8);
	}
	if (value != NULL)
		memcpy(out + n, value, len);
	if (len & 1)
		out[n + len] = (unsigned char)pad;
	return n + even;
}

static size_t
dicom_text(unsigned char *out, unsigned group, unsigned elem, const char *vr,
    const char *text)
{
	return dicom_element(out, group, elem, vr, text, strlen(text),
	    vr[0] == 'U' && vr[1] == 'I' ? '\0' : ' ');
}

/*
 * A CD's CT series, stood in for by four small DICOM files: the headers
 * name the patient and date the study inside its episode, as a real CD's
 * do (check reads them), and the pixel data is noise.  Listed, read and
 * hashed by claimpack, never printed.
 */
static long long
write_imaging(const plan *p, const doc *d)
{
	rng r = rng_seed(d->seed, 8);
	const episode *ep = &p->eps[d->ep];
	unsigned char *data;
	size_t n = 96 * 1024, at, meta, pixels, i;
	long long total = 0;
	char rel[160], uid[96], date[16], *path;
	const char *day = iso(ep->start);
	unsigned char len4[4];
	int f;

	snprintf(date, sizeof(date), "%.4s%.2s%.2s", day, day + 5, day + 8);
	path = path_in(d->file);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die("%s: %s", path, strerror(errno));
	free(path);
	data = xmalloc(n);
	for (f = 1; f <= 4; f++) {
		memset(data, 0, 128);
		memcpy(data + 128, "DICM", 4);
		at = 132 + 12;	/* the group length comes first */
		meta = at;
		at += dicom_element(data + at, 0x0002, 0x0001, "OB", "\0\1", 2,
		    0);
		at += dicom_text(data + at, 0x0002, 0x0002, "UI",
		    "1.2.840.10008.5.1.4.1.1.2");
		snprintf(uid, sizeof(uid), "1.2.826.0.1.3680043.2.1125.%llu.%d",
		    (unsigned long long)(d->seed % 1000000007u), f);
		at += dicom_text(data + at, 0x0002, 0x0003, "UI", uid);
		at += dicom_text(data + at, 0x0002, 0x0010, "UI",
		    "1.2.840.10008.1.2.1");
		len4[0] = (unsigned char)(at - meta);
		len4[1] = (unsigned char)((at - meta) >> 8);
		len4[2] = len4[3] = 0;
		dicom_element(data + 132, 0x0002, 0x0000, "UL", len4, 4, 0);
		at += dicom_text(data + at, 0x0008, 0x0016, "UI",
		    "1.2.840.10008.5.1.4.1.1.2");
		at += dicom_text(data + at, 0x0008, 0x0018, "UI", uid);
		at += dicom_text(data + at, 0x0008, 0x0020, "DA", date);
		at += dicom_text(data + at, 0x0008, 0x0060, "CS", "CT");
		at += dicom_text(data + at, 0x0008, 0x0080, "LO", ep->hospital);
		at += dicom_text(data + at, 0x0010, 0x0010, "PN",
		    "WALKER^EMILY ROSE");
		at += dicom_text(data + at, 0x0010, 0x0030, "DA", "19850614");
		snprintf(uid, sizeof(uid), "1.2.826.0.1.3680043.2.1125.%llu",
		    (unsigned long long)(d->seed % 1000000007u));
		at += dicom_text(data + at, 0x0020, 0x000D, "UI", uid);
		pixels = at + 12;
		dicom_element(data + at, 0x7FE0, 0x0010, "OB", NULL,
		    n - pixels, 0);
		for (i = pixels; i < n; i++)
			data[i] = (unsigned char)(rng_next(&r) >> 56);
		snprintf(rel, sizeof(rel), "%s/IM%05d", d->file, f);
		path = path_in(rel);
		write_file(path, data, n);
		free(path);
		total += (long long)n;
	}
	free(data);
	return total;
}

/* ---- the manifest ----------------------------------------------------------- */

static void
write_manifest(const plan *p)
{
	buf b;
	int e, i;
	char *path;

	memset(&b, 0, sizeof(b));
	buf_printf(&b, "# A synthetic claim for claimpack's benchmark (size %c),"
	    "\n# written by bench/gen.c.  Everything in it is invented.\n"
	    "claimpack: 1\n", p->size);
	buf_printf(&b, "claim:\n  purpose: reimbursement\n  reference: "
	    "BENCH-%c-2026\n  insurer: Example Global Health\n  policy: "
	    "\"M-0042\"\n  prepared: %s\n  currency: CNY\n", p->size,
	    iso(p->prepared));
	buf_printf(&b, "patient:\n  name: \"%s\"\n  passport: \"P98765432\"\n"
	    "  birth_date: 1985-06-14\n", PATIENT_PASSPORT);
	buf_printf(&b, "episodes:\n");
	for (e = 0; e < p->neps; e++) {
		const episode *ep = &p->eps[e];

		buf_printf(&b, "  - {id: %s, kind: %s, hospital: \"%s\", "
		    "hospital_zh: %s,\n     start: %s, end: %s}\n", ep->id,
		    ep->inpatient ? "inpatient" : "outpatient", ep->hospital,
		    ep->hospital_zh, iso(ep->start), iso(ep->end));
	}
	buf_printf(&b, "documents:\n");
	for (i = 0; i < p->n; i++) {
		const doc *d = &p->docs[i];

		buf_printf(&b, "  - type: %s\n", types[d->type].key);
		if (p->neps > 1)
			buf_printf(&b, "    episode: %s\n", p->eps[d->ep].id);
		buf_printf(&b, "    files: [%s]\n", d->file);
		if (d->type != T_IMAGEFILES)
			buf_printf(&b, "    date: %s\n    name: \"%s\"\n",
			    iso(d->date), PATIENT_PAPER);
		if (d->title[0])
			buf_printf(&b, "    title: \"%s\"\n", d->title);
		if (d->amount >= 0)
			buf_printf(&b, "    amount: %s\n", money(d->amount));
		if (d->type == T_FAPIAO)
			buf_printf(&b, "    invoice: {kind: %s, code: \"%s\", "
			    "number: \"%s\", check_code: \"%s\"}\n",
			    d->vat ? "vat" : "fiscal", d->code, d->number,
			    d->check);
	}
	path = path_in("claim.yaml");
	write_file(path, b.p, b.n);
	free(path);
	free(b.p);
}

static void
make_dir(const char *rel)
{
	char *path = path_in(rel);

	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die("%s: %s", path, strerror(errno));
	free(path);
}

int
main(int argc, char **argv)
{
	plan p;
	buf order, summary;
	long long bytes = 0, imaging = 0;
	int i, pages = 0, photos = 0, scanned = 0;
	char *path;

	if (argc != 3 || strlen(argv[1]) != 1 ||
	    strchr("SML", argv[1][0]) == NULL) {
		fprintf(stderr, "usage: gen S|M|L OUTDIR\n");
		return 1;
	}
	outdir = argv[2];
	make_plan(&p, argv[1][0]);
	make_dir("records");
	make_dir("reports");
	make_dir("prescriptions");
	make_dir("billing");

	memset(&order, 0, sizeof(order));
	for (i = 0; i < p.n; i++) {
		const doc *d = &p.docs[i];

		if (d->type == T_IMAGEFILES) {
			imaging += write_imaging(&p, d);
			continue;
		}
		if (d->photo)
			write_photo(d);
		else
			write_pdf(&p, d);
		path = path_in(d->file);
		bytes += file_size(path);
		free(path);
		pages += d->pages;
		photos += d->photo;
		scanned += d->scanned;
		buf_printf(&order, "%s %s\n", d->photo ? "jpg" : "pdf", d->file);
		if ((i + 1) % 20 == 0 || i + 1 == p.n)
			fprintf(stderr, "gen %c: %d/%d documents\n", p.size,
			    i + 1, p.n);
	}
	write_manifest(&p);
	path = path_in("order.txt");
	write_file(path, order.p, order.n);
	free(path);

	memset(&summary, 0, sizeof(summary));
	buf_printf(&summary, "size=%c\ndocuments=%d\nphotos=%d\nscanned=%d\n"
	    "pdfs=%d\npages=%d\ninput_bytes=%lld\nimaging_bytes=%lld\n"
	    "episodes=%d\n", p.size, p.n, photos, scanned,
	    p.n - photos - p.neps, pages, bytes, imaging, p.neps);
	path = path_in("summary.txt");
	write_file(path, summary.p, summary.n);
	free(path);
	printf("%c: %d documents (%d photos, %d scanned PDFs, %d PDFs in "
	    "all, %d DICOM folders), %d pages, %lld bytes (and %lld of "
	    "DICOM)\n", p.size, p.n, photos, scanned, p.n - photos - p.neps,
	    p.neps, pages, bytes, imaging);

	for (i = 0; i < p.n; i++)
		free(p.docs[i].items);
	free(p.docs);
	free(p.eps);
	free(order.p);
	free(summary.p);
	return 0;
}
