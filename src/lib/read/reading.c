/* reading.c - `claimpack read`: the facts read off a set of files, as
 * JSON or as text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "claimpack.h"
#include "input/imaging.h"
#include "input/junk.h"
#include "manifest/amount.h"
#include "read/read.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/walk.h"

/* More papers than a claim ever has: a folder larger than this is
 * probably not the papers of one claim. */
#define READ_MAX_FILES 10000

struct cp_reading {
	cp__paper_facts **papers;
	size_t npapers;
	char **skipped;         /* files in folders that are not papers */
	size_t nskipped;
	cp__imaging *imaging;   /* the folders that hold DICOM files */
	size_t nimaging;
};

void
cp_reading_free(cp_reading *reading)
{
	size_t i;

	if (reading == NULL)
		return;
	for (i = 0; i < reading->npapers; i++)
		cp__paper_free(reading->papers[i]);
	free(reading->papers);
	for (i = 0; i < reading->nskipped; i++)
		free(reading->skipped[i]);
	free(reading->skipped);
	for (i = 0; i < reading->nimaging; i++)
		cp__imaging_free(&reading->imaging[i]);
	free(reading->imaging);
	free(reading);
}

size_t
cp_reading_count(const cp_reading *reading)
{
	size_t i, n;

	if (reading == NULL)
		return 0;
	n = reading->npapers;
	for (i = 0; i < reading->nimaging; i++)
		n += reading->imaging[i].images + reading->imaging[i].unreadable;
	return n;
}

size_t
cp_reading_unreadable(const cp_reading *reading)
{
	size_t i, n = 0;

	for (i = 0; reading && i < reading->npapers; i++)
		if (reading->papers[i]->problem != NULL)
			n++;
	for (i = 0; reading && i < reading->nimaging; i++)
		n += reading->imaging[i].unreadable;
	return n;
}

typedef struct {
	cp_reading *reading;
	cp_error *err;
} walk_ctx;

/* A file met in a folder that is not a paper (a text file, a viewer
 * program): listed as skipped, not as unreadable. */
static int
skip(cp_reading *reading, cp__paper_facts *paper, cp_error *err)
{
	char **s;

	s = realloc(reading->skipped, (reading->nskipped + 1) * sizeof(*s));
	if (s == NULL) {
		cp__paper_free(paper);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	reading->skipped = s;
	s[reading->nskipped++] = paper->file;
	paper->file = NULL;
	cp__paper_free(paper);
	return CP_OK;
}

static int
add_file(cp_reading *reading, const char *path, const char *display,
    bool in_folder, cp_error *err)
{
	cp__paper_facts **p, *paper;

	if (reading->npapers >= READ_MAX_FILES)
		return cp__error_set(err, CP_EIO, path, 0, 0, "more than %d "
		    "files to read; read the papers of one claim at a time",
		    READ_MAX_FILES);
	p = realloc(reading->papers, (reading->npapers + 1) * sizeof(*p));
	if (p == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	reading->papers = p;
	if (cp__read_paper(&paper, path, display,
	    CP__READ_ALL | CP__READ_THOROUGH) < 0)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	/* DICOM files are summed up as the folder's imaging, not listed
	 * one by one. */
	if (in_folder && paper->format != NULL &&
	    strcmp(paper->format, "dicom") == 0) {
		cp__paper_free(paper);
		return CP_OK;
	}
	if (in_folder && paper->not_paper)
		return skip(reading, paper, err);
	reading->papers[reading->npapers++] = paper;
	return CP_OK;
}

static int
walk_one(void *ctx, const char *path, const char *rel, const struct stat *st)
{
	walk_ctx *w = ctx;

	(void)rel;
	if (!S_ISREG(st->st_mode) || cp__junk_reason(rel) != NULL)
		return CP_OK;
	return add_file(w->reading, path, path, true, w->err);
}

/* Keeps what the DICOM headers of `folder` say, when it holds any
 * (or files that claim to be DICOM, or a DICOMDIR). */
static int
add_imaging(cp_reading *reading, const char *folder, cp_error *err)
{
	cp__imaging im, *grown;
	int rc;

	if ((rc = cp__imaging_read(&im, folder, err)) != CP_OK)
		return rc;
	if (im.images == 0 && im.unreadable == 0 && !im.has_dicomdir) {
		cp__imaging_free(&im);
		return CP_OK;
	}
	grown = realloc(reading->imaging, (reading->nimaging + 1) *
	    sizeof(*grown));
	if (grown == NULL) {
		cp__imaging_free(&im);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	reading->imaging = grown;
	reading->imaging[reading->nimaging++] = im;
	return CP_OK;
}

/* Walks a folder named with or without a trailing slash ("papers/"),
 * so that the files read are named "papers/x.pdf" either way. */
static int
walk_folder(const char *path, walk_ctx *w, cp_error *err)
{
	char *folder;
	size_t n;
	int rc;

	if ((folder = cp__strdup(path)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	n = strlen(folder);
	while (n > 1 && folder[n - 1] == '/')
		folder[--n] = '\0';
	rc = cp__walk(folder, walk_one, w, err);
	if (rc == CP_OK)
		rc = add_imaging(w->reading, folder, err);
	free(folder);
	return rc;
}

int
cp_read_files(cp_reading **out, const char *const *paths, size_t npaths,
    cp_error *err)
{
	cp_reading *reading;
	struct stat st;
	walk_ctx w;
	size_t i;
	int rc = CP_OK;

	*out = NULL;
	if ((reading = calloc(1, sizeof(*reading))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	w.reading = reading;
	w.err = err;
	for (i = 0; i < npaths && rc == CP_OK; i++) {
		if (stat(paths[i], &st) != 0)
			rc = cp__error_set(err, CP_EIO, paths[i], 0, 0,
			    "does not exist or cannot be reached");
		else if (S_ISDIR(st.st_mode))
			rc = walk_folder(paths[i], &w, err);
		else
			rc = add_file(reading, paths[i], paths[i], false, err);
	}
	if (rc != CP_OK) {
		cp_reading_free(reading);
		return rc;
	}
	*out = reading;
	return CP_OK;
}

/* ---- JSON --------------------------------------------------------------- */

static const char *
kind_name(cp__invoice_kind kind)
{
	switch (kind) {
	case CP__INVOICE_VAT:
	case CP__INVOICE_VAT_DIGITAL:
		return "vat";
	case CP__INVOICE_FISCAL:
		return "fiscal";
	case CP__INVOICE_UNKNOWN:
		break;
	}
	return NULL;
}

static void
json_key(cp__strbuf *sb, bool *first, const char *key)
{
	cp__strbuf_puts(sb, *first ? "" : ",");
	*first = false;
	cp__strbuf_json_string(sb, key);
	cp__strbuf_puts(sb, ":");
}

static void
json_text(cp__strbuf *sb, bool *first, const char *key, const char *value)
{
	if (value == NULL)
		return;
	json_key(sb, first, key);
	cp__strbuf_json_string(sb, value);
}

static void
json_amount(cp__strbuf *sb, bool *first, const char *key,
    const cp__fact_amount *a)
{
	char buf[32];

	if (a->has)
		json_text(sb, first, key, cp__amount_format(buf, sizeof(buf),
		    a->fen));
}

static void
json_date(cp__strbuf *sb, bool *first, const char *key, const cp__fact_date *d)
{
	char buf[16];

	if (d->has)
		json_text(sb, first, key, cp__date_format(buf, sizeof(buf),
		    d->date));
}

/* "from": which source each invoice field was read from. */
static void
json_from(cp__strbuf *sb, const cp__invoice_facts *inv)
{
	const struct {
		const char *key;
		cp__fact_from from;
	} f[] = {
		{ "code", inv->code.text ? inv->code.from : CP__FROM_NONE },
		{ "number", inv->number.text ? inv->number.from : CP__FROM_NONE },
		{ "date", inv->date.has ? inv->date.from : CP__FROM_NONE },
		{ "amount", inv->amount.has ? inv->amount.from : CP__FROM_NONE },
		{ "amount_before_tax", inv->amount_before_tax.has ?
		    inv->amount_before_tax.from : CP__FROM_NONE },
		{ "check_code", inv->check_code.text ? inv->check_code.from :
		    CP__FROM_NONE },
		{ "qr", inv->qr.text ? inv->qr.from : CP__FROM_NONE },
		{ "buyer", inv->buyer.text ? inv->buyer.from : CP__FROM_NONE },
		{ "seller", inv->seller.text ? inv->seller.from :
		    CP__FROM_NONE },
	};
	bool first = true;
	size_t i;

	cp__strbuf_puts(sb, "{");
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].from != CP__FROM_NONE)
			json_text(sb, &first, f[i].key,
			    cp__fact_from_name(f[i].from));
	cp__strbuf_puts(sb, "}");
}

static void
json_invoice(cp__strbuf *sb, const cp__invoice_facts *inv)
{
	bool first = true;

	cp__strbuf_puts(sb, "{");
	json_text(sb, &first, "kind", kind_name(inv->kind));
	if (inv->qr_type[0] != '\0')
		json_text(sb, &first, "qr_type", inv->qr_type);
	json_text(sb, &first, "code", inv->code.text);
	json_text(sb, &first, "number", inv->number.text);
	json_date(sb, &first, "date", &inv->date);
	json_amount(sb, &first, "amount", &inv->amount);
	json_amount(sb, &first, "amount_before_tax", &inv->amount_before_tax);
	json_text(sb, &first, "check_code", inv->check_code.text);
	json_text(sb, &first, "qr", inv->qr.text);
	json_text(sb, &first, "buyer", inv->buyer.text);
	json_text(sb, &first, "seller", inv->seller.text);
	json_key(sb, &first, "from");
	json_from(sb, inv);
	cp__strbuf_puts(sb, "}");
}

static void
json_paper(cp__strbuf *sb, const cp__paper_facts *p)
{
	bool first = true;
	char buf[16];
	size_t i;

	cp__strbuf_puts(sb, "{");
	json_text(sb, &first, "file", p->file);
	json_text(sb, &first, "format", p->format);
	json_key(sb, &first, "type");
	if (p->type != NULL)
		cp__strbuf_json_string(sb, p->type);
	else
		cp__strbuf_puts(sb, "null");
	if (p->pages > 0) {
		json_key(sb, &first, "pages");
		cp__strbuf_printf(sb, "%d", p->pages);
	}
	if (p->invoice.present) {
		json_key(sb, &first, "invoice");
		json_invoice(sb, &p->invoice);
	}
	json_amount(sb, &first, "total", &p->total);
	json_text(sb, &first, "hospital", p->hospital.text);
	json_key(sb, &first, "names");
	cp__strbuf_puts(sb, "[");
	for (i = 0; i < p->nnames; i++) {
		bool f = true;

		cp__strbuf_puts(sb, i ? ",{" : "{");
		json_text(sb, &f, "name", p->names[i].text);
		json_text(sb, &f, "role", cp__name_role_name(p->names[i].role));
		json_text(sb, &f, "from", cp__fact_from_name(p->names[i].from));
		if (p->names[i].page > 0) {
			json_key(sb, &f, "page");
			cp__strbuf_printf(sb, "%d", p->names[i].page);
		}
		cp__strbuf_puts(sb, "}");
	}
	cp__strbuf_puts(sb, "]");
	json_key(sb, &first, "dates");
	cp__strbuf_puts(sb, "[");
	for (i = 0; i < p->ndates; i++) {
		bool f = true;

		cp__strbuf_puts(sb, i ? ",{" : "{");
		json_text(sb, &f, "date", cp__date_format(buf, sizeof(buf),
		    p->dates[i].date));
		json_text(sb, &f, "role", cp__date_role_name(p->dates[i].role));
		json_text(sb, &f, "from", cp__fact_from_name(p->dates[i].from));
		if (p->dates[i].page > 0) {
			json_key(sb, &f, "page");
			cp__strbuf_printf(sb, "%d", p->dates[i].page);
		}
		cp__strbuf_puts(sb, "}");
	}
	cp__strbuf_puts(sb, "]");
	if (p->nlinks > 0) {
		json_key(sb, &first, "links");
		cp__strbuf_puts(sb, "[");
		for (i = 0; i < p->nlinks; i++) {
			cp__strbuf_puts(sb, i ? "," : "");
			cp__strbuf_json_string(sb, p->links[i]);
		}
		cp__strbuf_puts(sb, "]");
	}
	json_text(sb, &first, "problem", p->problem);
	cp__strbuf_puts(sb, "}");
}

/* The "imaging" object: every folder's patients and studies together
 * (the shape: one object, as a claim has one CD per stay). */
static void
json_imaging(cp__strbuf *sb, const cp_reading *reading)
{
	size_t i, j, n = 0, unreadable = 0;
	bool first;

	cp__strbuf_puts(sb, ",\"imaging\":{\"patients\":[");
	for (i = 0; i < reading->nimaging; i++)
		for (j = 0; j < reading->imaging[i].npatients; j++) {
			const cp__imaging_patient *p =
			    &reading->imaging[i].patients[j];

			cp__strbuf_puts(sb, n++ ? ",{" : "{");
			first = true;
			json_text(sb, &first, "name", p->name);
			json_text(sb, &first, "id", p->id[0] ? p->id : NULL);
			json_text(sb, &first, "birth_date",
			    p->birth_date[0] ? p->birth_date : NULL);
			json_text(sb, &first, "sex", p->sex[0] ? p->sex : NULL);
			json_key(sb, &first, "images");
			cp__strbuf_printf(sb, "%zu}", p->images);
		}
	cp__strbuf_puts(sb, "],\"studies\":[");
	n = 0;
	for (i = 0; i < reading->nimaging; i++) {
		const cp__imaging *im = &reading->imaging[i];

		unreadable += im->unreadable;
		for (j = 0; j < im->nstudies; j++) {
			const cp__imaging_study *s = &im->studies[j];
			char one[sizeof(s->modalities)];
			const char *m, *end;

			cp__strbuf_puts(sb, n++ ? ",{" : "{");
			first = true;
			json_text(sb, &first, "date", s->date[0] ? s->date :
			    NULL);
			json_key(sb, &first, "modalities");
			cp__strbuf_puts(sb, "[");
			for (m = s->modalities; *m != '\0'; m = *end ? end + 1 :
			    end) {
				end = strchr(m, '\\');
				if (end == NULL)
					end = m + strlen(m);
				cp__strbuf_puts(sb, m != s->modalities ? "," :
				    "");
				snprintf(one, sizeof(one), "%.*s", (int)(end -
				    m), m);
				cp__strbuf_json_string(sb, one);
			}
			cp__strbuf_puts(sb, "]");
			json_text(sb, &first, "description",
			    s->description[0] ? s->description : NULL);
			json_text(sb, &first, "institution",
			    s->institution[0] ? s->institution : NULL);
			json_key(sb, &first, "series");
			cp__strbuf_printf(sb, "%zu", s->series);
			json_key(sb, &first, "images");
			cp__strbuf_printf(sb, "%zu}", s->images);
		}
	}
	cp__strbuf_printf(sb, "],\"unreadable\":%zu}", unreadable);
}

int
cp_reading_to_json(char **out, const cp_reading *reading, cp_error *err)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	size_t i;

	cp__strbuf_puts(&sb, "{\"files\":[");
	for (i = 0; i < reading->npapers; i++) {
		cp__strbuf_puts(&sb, i ? "," : "");
		json_paper(&sb, reading->papers[i]);
	}
	cp__strbuf_puts(&sb, "]");
	if (reading->nskipped > 0) {
		cp__strbuf_puts(&sb, ",\"skipped\":[");
		for (i = 0; i < reading->nskipped; i++) {
			cp__strbuf_puts(&sb, i ? "," : "");
			cp__strbuf_json_string(&sb, reading->skipped[i]);
		}
		cp__strbuf_puts(&sb, "]");
	}
	if (reading->nimaging > 0)
		json_imaging(&sb, reading);
	cp__strbuf_puts(&sb, "}\n");
	if ((*out = cp__strbuf_detach(&sb)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}

/* ---- text --------------------------------------------------------------- */

/* "  (the QR code, page 2)" */
static void
text_source(cp__strbuf *sb, cp__fact_from from, int page)
{
	cp__strbuf_printf(sb, "   (%s", cp__fact_from_phrase(from));
	if (page > 0)
		cp__strbuf_printf(sb, ", page %d", page);
	cp__strbuf_puts(sb, ")\n");
}

static void
text_field(cp__strbuf *sb, const char *label, const cp__fact_text *t)
{
	if (t->text == NULL)
		return;
	cp__strbuf_printf(sb, "  %-18s %s", label, t->text);
	text_source(sb, t->from, t->page);
}

static void
text_amount(cp__strbuf *sb, const char *label, const cp__fact_amount *a)
{
	char buf[32];

	if (!a->has)
		return;
	cp__strbuf_printf(sb, "  %-18s %s", label,
	    cp__amount_format(buf, sizeof(buf), a->fen));
	text_source(sb, a->from, a->page);
}

static void
text_paper(cp__strbuf *sb, const cp__paper_facts *p)
{
	const cp__invoice_facts *inv = &p->invoice;
	char buf[16];
	size_t i;

	cp__strbuf_printf(sb, "%s: %s", p->file, p->format);
	if (p->pages > 0)
		cp__strbuf_printf(sb, ", %d page%s", p->pages,
		    p->pages == 1 ? "" : "s");
	if (p->type != NULL)
		cp__strbuf_printf(sb, ", looks like a %s", p->type);
	cp__strbuf_puts(sb, "\n");
	if (p->problem != NULL)
		cp__strbuf_printf(sb, "  could not be read: %s\n", p->problem);
	if (inv->present) {
		cp__strbuf_printf(sb, "  %-18s %s%s%s\n", "invoice",
		    inv->kind == CP__INVOICE_FISCAL ? "fiscal medical receipt" :
		    inv->kind == CP__INVOICE_VAT_DIGITAL ? "fully digitalized "
		    "VAT fapiao" : inv->kind == CP__INVOICE_VAT ? "VAT fapiao" :
		    "receipt", inv->qr_type[0] ? ", QR type " : "",
		    inv->qr_type);
		text_field(sb, "code", &inv->code);
		text_field(sb, "number", &inv->number);
		if (inv->date.has) {
			cp__strbuf_printf(sb, "  %-18s %s", "date",
			    cp__date_format(buf, sizeof(buf), inv->date.date));
			text_source(sb, inv->date.from, inv->date.page);
		}
		text_amount(sb, "amount", &inv->amount);
		text_amount(sb, "before tax", &inv->amount_before_tax);
		text_field(sb, "check code", &inv->check_code);
		text_field(sb, "buyer", &inv->buyer);
		text_field(sb, "seller", &inv->seller);
		text_field(sb, "QR text", &inv->qr);
	}
	text_amount(sb, "total", &p->total);
	text_field(sb, "hospital", &p->hospital);
	for (i = 0; i < p->nnames; i++) {
		/* the invoice's buyer is printed above */
		if (p->names[i].role == CP__NAME_BUYER && inv->buyer.text &&
		    strcmp(inv->buyer.text, p->names[i].text) == 0)
			continue;
		cp__strbuf_printf(sb, "  %-18s %s", cp__name_role_name(
		    p->names[i].role), p->names[i].text);
		text_source(sb, p->names[i].from, p->names[i].page);
	}
	for (i = 0; i < p->ndates; i++) {
		char label[32];

		snprintf(label, sizeof(label), "%s date",
		    cp__date_role_name(p->dates[i].role));
		cp__strbuf_printf(sb, "  %-18s %s", label,
		    cp__date_format(buf, sizeof(buf), p->dates[i].date));
		text_source(sb, p->dates[i].from, p->dates[i].page);
	}
	for (i = 0; i < p->nlinks; i++)
		cp__strbuf_printf(sb, "  %-18s %s\n", "other QR code",
		    p->links[i]);
	if (p->problem == NULL && !inv->present && p->nnames == 0 &&
	    p->ndates == 0 && p->nlinks == 0 && !p->total.has &&
	    p->hospital.text == NULL)
		cp__strbuf_puts(sb, "  nothing readable: no QR code, text "
		    "layer or date claimpack recognises\n");
}

/* "imaging: 240 DICOM images of 1 patient" and a line per patient and
 * study. */
static void
text_imaging(cp__strbuf *sb, const cp__imaging *im, bool gap)
{
	size_t i;

	cp__strbuf_printf(sb, "%simaging: %zu DICOM image%s of %zu "
	    "patient%s", gap ? "\n" : "", im->images, im->images == 1 ? "" :
	    "s", im->npatients, im->npatients == 1 ? "" : "s");
	if (im->unreadable > 0)
		cp__strbuf_printf(sb, ", %zu unreadable", im->unreadable);
	if (im->missing > 0)
		cp__strbuf_printf(sb, ", %zu listed in the DICOMDIR but "
		    "missing", im->missing);
	cp__strbuf_puts(sb, "\n");
	for (i = 0; i < im->npatients; i++)
		cp__strbuf_printf(sb, "  patient            %s%s%s%s%s\n",
		    im->patients[i].name, im->patients[i].birth_date[0] ?
		    ", born " : "", im->patients[i].birth_date,
		    im->patients[i].sex[0] ? ", " : "", im->patients[i].sex);
	for (i = 0; i < im->nstudies; i++) {
		const cp__imaging_study *s = &im->studies[i];

		cp__strbuf_printf(sb, "  study              %s %s%s%s%s%s: "
		    "%zu series, %zu image%s\n", s->date[0] ? s->date :
		    "(no date)", s->modalities, s->description[0] ? " " : "",
		    s->description, s->institution[0] ? ", " : "",
		    s->institution, s->series, s->images,
		    s->images == 1 ? "" : "s");
	}
}

int
cp_reading_to_text(char **out, const cp_reading *reading, cp_error *err)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	size_t i;

	cp__strbuf_puts(&sb, "");
	for (i = 0; i < reading->npapers; i++) {
		if (i > 0)
			cp__strbuf_puts(&sb, "\n");
		text_paper(&sb, reading->papers[i]);
	}
	for (i = 0; i < reading->nimaging; i++)
		text_imaging(&sb, &reading->imaging[i], reading->npapers > 0 ||
		    i > 0);
	if (reading->nskipped > 0) {
		cp__strbuf_printf(&sb, "%sskipped, not papers:",
		    reading->npapers > 0 ? "\n" : "");
		for (i = 0; i < reading->nskipped; i++)
			cp__strbuf_printf(&sb, " %s", reading->skipped[i]);
		cp__strbuf_puts(&sb, "\n");
	}
	if ((*out = cp__strbuf_detach(&sb)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}
