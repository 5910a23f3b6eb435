/* group.c - the files of a folder into documents: the files of one
 * e-invoice (its PDF, OFD and XML), the pages of one paper (named with
 * page numbers, or photographed within a minute of each other), and
 * each imaging folder; then each document's type, from what was read on
 * it, else its file's name, else its folder's. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "init/init_int.h"
#include "manifest/doctype.h"

static bool
is_photo(cp__format f)
{
	return f == CP__FORMAT_JPEG || f == CP__FORMAT_PNG ||
	    f == CP__FORMAT_HEIC || f == CP__FORMAT_WEBP ||
	    f == CP__FORMAT_TIFF;
}

/* The invoice number a file carries, or NULL.  An expense list that
 * names its receipt's number is no invoice. */
static const char *
invoice_number(const cp__init_file *f)
{
	if (!f->facts->invoice.present || (f->content_type >= 0 &&
	    f->content_type != CP__DT_FAPIAO))
		return NULL;
	return f->facts->invoice.number.text;
}

static bool
same_invoice(const cp__init_file *a, const cp__init_file *b)
{
	const char *na = invoice_number(a), *nb = invoice_number(b);
	const char *ca = a->facts->invoice.code.text;
	const char *cb = b->facts->invoice.code.text;

	if (na == NULL || nb == NULL || strcmp(na, nb) != 0)
		return false;
	return ca == NULL || cb == NULL || strcmp(ca, cb) == 0;
}

static size_t
folder_len(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash != NULL ? (size_t)(slash - rel) : 0;
}

static bool
same_folder(const cp__init_file *a, const cp__init_file *b)
{
	size_t n = folder_len(a->rel);

	return n == folder_len(b->rel) && strncmp(a->rel, b->rel, n) == 0;
}

/* The type a file says it has, by what it holds or by its name. */
static int
own_type(const cp__init_file *f)
{
	return f->content_type >= 0 ? f->content_type : f->name_type;
}

/* The name of `f` without folder and extension is `stem`: the first
 * page of discharge.jpg, discharge_2.jpg. */
static bool
base_is(const cp__init_file *f, const char *stem)
{
	const char *b = strrchr(f->rel, '/'), *dot;
	size_t n;

	b = b != NULL ? b + 1 : f->rel;
	dot = strrchr(b, '.');
	n = dot != NULL && dot != b ? (size_t)(dot - b) : strlen(b);
	return strlen(stem) == n && strncasecmp(b, stem, n) == 0;
}

/* Whether `cur` is the next page of the paper whose last file so far
 * is `prev`. */
static bool
next_page(const cp__init_file *prev, const cp__init_file *cur)
{
	int tp = own_type(prev), tc = own_type(cur);

	if (!same_folder(prev, cur) || invoice_number(cur) != NULL ||
	    invoice_number(prev) != NULL)
		return false;
	/* One paper, its pages numbered in the names. */
	if (cur->stem != NULL && cur->page > 1 &&
	    ((prev->stem != NULL && prev->page < cur->page &&
	    strcasecmp(prev->stem, cur->stem) == 0) ||
	    (prev->stem == NULL && base_is(prev, cur->stem))))
		return true;
	/* Photos shot within a minute, of one type (or of none known). */
	if (is_photo(prev->format) && is_photo(cur->format) &&
	    prev->has_time && cur->has_time && prev->stem == NULL &&
	    cur->stem == NULL && cur->time >= prev->time &&
	    cur->time - prev->time <= CP__INIT_SHOT_SECONDS && tp == tc)
		return true;
	return false;
}

static int
add_doc(cp_init *init, cp__init_doc **out)
{
	cp__init_doc *d;

	d = realloc(init->docs, (init->ndocs + 1) * sizeof(*d));
	if (d == NULL)
		return CP_ENOMEM;
	init->docs = d;
	d = &d[init->ndocs++];
	memset(d, 0, sizeof(*d));
	d->type = -1;
	d->imaging = SIZE_MAX;
	*out = d;
	return CP_OK;
}

static int
add_file(cp__init_doc *d, size_t file)
{
	size_t *f = realloc(d->files, (d->nfiles + 1) * sizeof(*f));

	if (f == NULL)
		return CP_ENOMEM;
	d->files = f;
	f[d->nfiles++] = file;
	return CP_OK;
}

/* The phrase for where a file's own type was read. */
static const char *
content_why(const cp__init_file *f)
{
	const cp__invoice_facts *inv = &f->facts->invoice;

	if (f->content_type == CP__DT_FAPIAO && inv->present)
		return inv->number.from == CP__FROM_XML ? "the e-invoice data "
		    "of" : inv->number.from == CP__FROM_QR ? "the invoice QR "
		    "code on" : "the invoice fields in the text layer of";
	return "the title in the text layer of";
}

static void
type_doc(cp_init *init, cp__init_doc *d)
{
	size_t i;

	for (i = 0; i < d->nfiles; i++) {
		cp__init_file *f = &init->files[d->files[i]];

		if (f->content_type >= 0) {
			d->type = f->content_type;
			d->type_why = content_why(f);
			d->type_file = f->rel;
			return;
		}
	}
	for (i = 0; i < d->nfiles; i++) {
		cp__init_file *f = &init->files[d->files[i]];

		if (f->name_type >= 0) {
			d->type = f->name_type;
			d->type_why = "the file name";
			d->type_file = f->rel;
			return;
		}
	}
	for (i = 0; i < d->nfiles; i++) {
		cp__init_file *f = &init->files[d->files[i]];

		if (f->folder_type >= 0) {
			d->type = f->folder_type;
			d->type_why = "the folder's name of";
			d->type_file = f->rel;
			return;
		}
	}
	d->type_guessed = true;
}

int
cp__init_group(cp_init *init)
{
	cp__init_doc *d = NULL;
	size_t i, k, prev = SIZE_MAX, loose = SIZE_MAX;
	int rc;

	for (i = 0; i < init->nfiles; i++)
		init->files[i].doc = SIZE_MAX;

	for (i = 0; i < init->nfiles; i++) {
		cp__init_file *f = &init->files[i];

		if (f->doc != SIZE_MAX)
			continue;
		if (prev != SIZE_MAX && next_page(&init->files[prev], f)) {
			d = &init->docs[init->files[prev].doc];
		} else {
			if ((rc = add_doc(init, &d)) != CP_OK)
				return rc;
		}
		if ((rc = add_file(d, i)) != CP_OK)
			return rc;
		f->doc = (size_t)(d - init->docs);
		prev = i;
		/* The same e-invoice as PDF, OFD or XML: one document. */
		for (k = i + 1; invoice_number(f) != NULL && k < init->nfiles;
		    k++) {
			if (init->files[k].doc != SIZE_MAX ||
			    !same_invoice(f, &init->files[k]))
				continue;
			if ((rc = add_file(d, k)) != CP_OK)
				return rc;
			init->files[k].doc = f->doc;
			d->also = "the same e-invoice in several files";
		}
	}
	for (i = 0; i < init->ndocs; i++)
		type_doc(init, &init->docs[i]);

	/* Each imaging folder is one document; DICOM files lying loose at
	 * the top are one together. */
	for (i = 0; i < init->nimaging; i++) {
		bool file = init->imaging[i].is_file;

		if (file && loose != SIZE_MAX) {
			d = &init->docs[loose];
		} else {
			if ((rc = add_doc(init, &d)) != CP_OK)
				return rc;
			d->type = CP__DT_IMAGING_FILES;
			d->type_why = "the DICOM headers in";
			d->type_file = init->imaging[i].rel;
			d->imaging = i;
			if (file)
				loose = init->ndocs - 1;
		}
		if ((rc = add_file(d, i)) != CP_OK)
			return rc;
	}
	return CP_OK;
}
