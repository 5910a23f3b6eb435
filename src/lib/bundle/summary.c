/* summary.c - what a build made and what to do beside it, for the
 * person who runs it (cp_build_options.summary). */
#include <stdio.h>
#include <string.h>

#include "bundle/build.h"
#include "bundle/phrase.h"
#include "manifest/amount.h"
#include "manifest/doctype.h"
#include "manifest/invoice_qr.h"
#include "read/papers.h"
#include "util/strbuf.h"

/* A file's size in the decimal units upload limits are stated in. */
static char *
size_text(char *buf, size_t size, uint64_t bytes)
{
	if (bytes < 1000000)
		snprintf(buf, size, "%.0f KB", bytes < 1000 ? 1.0 :
		    (double)bytes / 1e3);
	else
		snprintf(buf, size, "%.1f MB", (double)bytes / 1e6);
	return buf;
}

/* "7 documents on 11 pages, 245 KB" for each file written. */
static void
files_part(cp__strbuf *sb, const cp__build *b)
{
	char docs[48], pages[48], bytes[32];
	const cp__output *o;
	size_t i;

	cp__count(docs, sizeof(docs), b->plan->ndocs, "document",
	    "documents");
	if (b->opts->cover_only) {
		cp__strbuf_printf(sb, "The cover sheet of %s, %s\n", docs,
		    size_text(bytes, sizeof(bytes), b->outputs[0].bytes));
	} else if (b->noutputs == 1) {
		o = &b->outputs[0];
		cp__strbuf_printf(sb, "%s, %s with the cover and index, %s\n",
		    docs, cp__count(pages, sizeof(pages), o->pages, "page",
		    "pages"), size_text(bytes, sizeof(bytes), o->bytes));
	} else {
		cp__strbuf_printf(sb, "%s in %zu parts, each with its cover "
		    "and the whole claim's index:\n", docs, b->noutputs);
		for (i = 0; i < b->noutputs; i++) {
			o = &b->outputs[i];
			cp__strbuf_printf(sb, "  %s: %s, %s, %s\n", o->path,
			    cp__count(docs, sizeof(docs), o->docs, "document",
			    "documents"), cp__count(pages, sizeof(pages),
			    o->pages, "page", "pages"), size_text(bytes,
			    sizeof(bytes), o->bytes));
		}
	}
	if (b->render.recompressed_to > 0)
		cp__strbuf_printf(sb, "Photos recompressed to fit %s\n",
		    size_text(bytes, sizeof(bytes), b->render.recompressed_to));
}

/* Each invoice, in bundle order, and whether it was verified. */
static void
invoices_part(cp__strbuf *sb, const cp__build *b)
{
	const cp__plan *plan = b->plan;
	const cp_verification *v = b->opts->verification;
	const cp__document *doc;
	cp__invoice_help help;
	char line[400], money[64];
	size_t d, n = 0, verified = 0;
	bool good, stale;

	for (d = 0; d < plan->ndocs; d++) {
		doc = cp__plan_document(plan, d);
		if (doc->type != CP__DT_FAPIAO)
			continue;
		n++;
		verified += cp__verified_phrase(line, sizeof(line), v,
		    plan->claim, doc, &good, &stale) && good;
	}
	if (n == 0)
		return;
	if (v == NULL)
		cp__strbuf_printf(sb, "Invoices (%zu), not verified: no "
		    "results file (`claimpack verify --service` writes one; "
		    "the cover says where to check each by hand)\n", n);
	else
		cp__strbuf_printf(sb, "Invoices (%zu), %zu verified:\n", n,
		    verified);
	for (d = 0; d < plan->ndocs; d++) {
		doc = cp__plan_document(plan, d);
		if (doc->type != CP__DT_FAPIAO)
			continue;
		if (cp__invoice_help_make(&help, doc, NULL) != 0) {
			sb->failed = true;
			return;
		}
		if (doc->has_amount)
			cp__money(money, sizeof(money), plan->claim->currency,
			    doc->amount);
		else
			snprintf(money, sizeof(money), "amount not given");
		cp__strbuf_printf(sb, "  #%zu %s No. %s, %s: ",
		    plan->docs[d].number, help.kind_en,
		    doc->invoice.number != NULL ? doc->invoice.number :
		    "not given", money);
		cp__invoice_help_clear(&help);
		if (cp__verified_phrase(line, sizeof(line), v, plan->claim,
		    doc, &good, &stale))
			cp__strbuf_printf(sb, "%s\n", line);
		else if (v == NULL)
			cp__strbuf_puts(sb, "no results file\n");
		else if (stale)
			cp__strbuf_puts(sb, "not verified (edited since it was "
			    "verified)\n");
		else
			cp__strbuf_puts(sb, "not verified\n");
	}
}

/* The original e-invoices inside the PDF: what a printed copy, or one
 * saved again through a print dialog, leaves behind. */
static void
originals_part(cp__strbuf *sb, const cp__build *b)
{
	const cp__originals *o = &b->originals;
	const cp__plan *plan = b->plan;
	const cp__original *it;
	size_t d, i, n = 0, attached = 0;
	char count[48];

	for (i = 0; i < o->count; i++)
		attached += !o->items[i].too_large;
	if (attached > 0)
		cp__strbuf_printf(sb, "Inside the PDF, as issued: %s (",
		    cp__count(count, sizeof(count), attached,
		    "original e-invoice", "original e-invoices"));
	/* In bundle order, by the documents' numbers. */
	for (d = 0; attached > 0 && d < plan->ndocs; d++)
		for (i = o->first[plan->docs[d].doc];
		    i < o->first[plan->docs[d].doc + 1]; i++) {
			it = &o->items[i];
			if (!it->too_large)
				cp__strbuf_printf(sb, "%s#%zu %s%s",
				    n++ ? "; " : "", plan->docs[d].number,
				    it->name, it->is_signed ? ", signed" : "");
		}
	if (attached > 0)
		cp__strbuf_printf(sb, "); send the PDF itself, a printed copy "
		    "loses %s\n", attached == 1 ? "it" : "them");
	for (d = 0; attached < o->count && d < plan->ndocs; d++)
		for (i = o->first[plan->docs[d].doc];
		    i < o->first[plan->docs[d].doc + 1]; i++) {
			it = &o->items[i];
			if (it->too_large)
				cp__strbuf_printf(sb, "Send separately: the "
				    "original e-invoice %s of #%zu is over %u "
				    "MiB and not attached\n",
				    plan->claim->documents[it->doc].files[
				    it->file], plan->docs[d].number,
				    CP__ATTACH_FILE_MAX >> 20);
		}
}

/* Adds the modalities of "CT\SR" to `list` ("CT/MR"), once each,
 * leaving out the objects that are not images: structured reports,
 * presentation states, key images. */
static void
add_modalities(char *list, size_t size, const char *modalities)
{
	char one[16];
	const char *p = modalities;
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, "\\");
		if (n > 0 && n < sizeof(one)) {
			memcpy(one, p, n);
			one[n] = '\0';
			if (strcmp(one, "SR") != 0 && strcmp(one, "PR") != 0 &&
			    strcmp(one, "KO") != 0 && strstr(list, one) == NULL)
				snprintf(list + strlen(list), size -
				    strlen(list), "%s%s", list[0] ? "/" : "",
				    one);
		}
		p += n;
		if (*p == '\\')
			p++;
	}
}

/* Each imaging_files document, which the PDF lists and cannot hold:
 * "Send the CT CD separately: 2 studies, 1,204 images (#4 ...)". */
static void
imaging_part(cp__strbuf *sb, const cp__build *b)
{
	const cp__plan *plan = b->plan;
	const cp__plan_doc *pd;
	const cp__imaging *im;
	char modalities[64], studies[48], images[48], files[48], bytes[32];
	size_t d, f, i, nstudies, nimages;
	cp_error e;

	for (d = 0; d < plan->ndocs; d++) {
		pd = &plan->docs[d];
		if (cp__plan_document(plan, d)->type != CP__DT_IMAGING_FILES)
			continue;
		modalities[0] = '\0';
		nstudies = nimages = 0;
		for (f = 0; f < plan->claim->documents[pd->doc].nfiles; f++) {
			memset(&e, 0, sizeof(e));
			if (cp__claim_imaging(&im, plan->claim, pd->doc, f,
			    &e) != CP_OK || im == NULL)
				continue;
			nstudies += im->nstudies;
			for (i = 0; i < im->nstudies; i++) {
				nimages += im->studies[i].images;
				add_modalities(modalities, sizeof(modalities),
				    im->studies[i].modalities);
			}
		}
		cp__count(files, sizeof(files), pd->image_files, "file",
		    "files");
		size_text(bytes, sizeof(bytes), pd->image_bytes);
		if (nstudies == 0)
			cp__strbuf_printf(sb, "Send the imaging CD separately: "
			    "%s, %s (#%zu, not printed in the PDF)\n", files,
			    bytes, pd->number);
		else
			cp__strbuf_printf(sb, "Send the %s CD separately: %s, "
			    "%s (#%zu, %s, %s; not printed in the PDF)\n",
			    modalities[0] ? modalities : "imaging",
			    cp__count(studies, sizeof(studies), nstudies,
			    "study", "studies"), cp__count(images,
			    sizeof(images), nimages, "image", "images"),
			    pd->number, files, bytes);
	}
}

int
cp__build_summary(char **out, const cp__build *b)
{
	cp__strbuf sb = CP__STRBUF_INIT;

	files_part(&sb, b);
	invoices_part(&sb, b);
	originals_part(&sb, b);
	imaging_part(&sb, b);
	*out = cp__strbuf_detach(&sb);
	return *out != NULL ? CP_OK : CP_ENOMEM;
}
