/* index.c - the index: one row per document with its page range,
 * grouped by section, each row a link to the document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/phrase.h"
#include "bundle/render.h"
#include "check/report.h"
#include "manifest/amount.h"
#include "manifest/doctype.h"
#include "manifest/invoice_qr.h"
#include "read/papers.h"
#include "util/strbuf.h"

#define HEAD_SIZE 7.5
#define BODY_SIZE 9.0
#define SMALL_SIZE 7.5
#define HOSPITAL_SIZE 8.0
#define LEADING 10.5
#define SECTION_H 18.0
/* The notes column shows this many lines at most: an invoice's code,
 * number, amount, platform and original attached take five. */
#define NOTE_LINES 6

/* Column left edges as fractions of the text width. */
enum { C_NO, C_DOC, C_DATE, C_HOSPITAL, C_PAGES, C_NOTES, C_COUNT };
static const double col_at[C_COUNT] = {
	0.00, 0.05, 0.34, 0.45, 0.655, 0.745
};

typedef struct {
	cp__canvas *cv;
	const cp__render *r;
	const cp__view *v;
	const cp__plan *plan;
	cp__links *links;       /* NULL when only measuring */
	bool draw;
	double left, right, width;
	double y;
	size_t page;            /* index page being laid out, 0-based */
} layout;

static double
col_x(const layout *l, int c)
{
	return l->left + l->width * col_at[c];
}

static double
col_w(const layout *l, int c)
{
	double end = c + 1 < C_COUNT ? col_at[c + 1] : 1.0;

	return l->width * (end - col_at[c]) - (c + 1 < C_COUNT ? 8 : 0);
}

/* The notes column of document `d`: what a reviewer needs to know at a
 * glance. */
/*
 * The studies the DICOM headers of imaging document `d` name, for the
 * reviewer who cannot open the CD: "CT 2026-10-04 Chest plain scan,
 * Example Union Hospital: 2 series, 240 images", at most MAX_STUDIES,
 * then "and N more studies".  Nothing when the folder cannot be read
 * (check said why).
 */
#define MAX_STUDIES 3

static void
studies(cp__strbuf *sb, const cp_claim *claim, size_t d)
{
	const cp__imaging *im;
	size_t f, shown = 0, total = 0, i;
	cp_error e;

	for (f = 0; f < claim->documents[d].nfiles; f++) {
		memset(&e, 0, sizeof(e));
		if (cp__claim_imaging(&im, claim, d, f, &e) != CP_OK ||
		    im == NULL)
			continue;
		for (i = 0; i < im->nstudies; i++, total++) {
			const cp__imaging_study *s = &im->studies[i];

			if (shown++ >= MAX_STUDIES)
				continue;
			cp__strbuf_printf(sb, "%s%s%s%s", sb->len ? " · " : "",
			    s->modalities[0] != '\0' ? s->modalities : "Study",
			    s->date[0] != '\0' ? " " : "", s->date);
			if (s->description[0] != '\0')
				cp__strbuf_printf(sb, " %s", s->description);
			if (s->institution[0] != '\0')
				cp__strbuf_printf(sb, ", %s", s->institution);
			cp__strbuf_printf(sb, ": %zu series, %zu image%s",
			    s->series, s->images, s->images == 1 ? "" : "s");
		}
	}
	if (total > MAX_STUDIES)
		cp__strbuf_printf(sb, " · and %zu more stud%s", total -
		    MAX_STUDIES, total - MAX_STUDIES == 1 ? "y" : "ies");
}

static char *
notes_of(const layout *l, size_t d)
{
	const cp__plan *plan = l->plan;
	const cp__plan_doc *pd = &plan->docs[d];
	const cp_claim *claim = plan->claim;
	const cp__document *doc = &claim->documents[pd->doc];
	cp__strbuf sb = CP__STRBUF_INIT;
	char money[64], original[160];
	size_t i;

	if (doc->type == CP__DT_FAPIAO && doc->invoice.number != NULL) {
		if (doc->invoice.code != NULL)
			cp__strbuf_printf(&sb, "Code %s ", doc->invoice.code);
		cp__strbuf_printf(&sb, "No. %s", doc->invoice.number);
	}
	if (doc->has_amount) {
		cp__money(money, sizeof(money), claim->currency, doc->amount);
		cp__strbuf_printf(&sb, "%s%s", sb.len ? " · " : "", money);
	} else if (cp__doctype_needs_amount(doc->type)) {
		cp__strbuf_printf(&sb, "%samount %s", sb.len ? " · " : "",
		    CP__NOT_GIVEN);
	}
	if (doc->type == CP__DT_FAPIAO && doc->invoice.number != NULL) {
		cp__invoice_help help;

		if (cp__invoice_help_make(&help, doc, NULL) == 0) {
			cp__strbuf_printf(&sb, " · verify at %s",
			    help.platform_url);
			cp__invoice_help_clear(&help);
		}
	}
	/* A split bundle's index names the part that holds the originals
	 * of a document printed in another part. */
	if (cp__originals_phrase(original, sizeof(original), l->r->originals,
	    pd->doc, cp__view_has(l->v, d) ? 0 : l->v->part_of[d]))
		cp__strbuf_printf(&sb, "%s%s", sb.len ? " · " : "", original);
	/* A translation's row says what it translates in its label
	 * (cp__plan_doc_label); the original's row says where it is. */
	for (i = 0; i < plan->ndocs; i++) {
		const cp__document *t = &claim->documents[plan->docs[i].doc];

		if (t->is_translation && t->translation_of == pd->doc)
			cp__strbuf_printf(&sb, "%sTranslated in #%zu",
			    sb.len ? " · " : "", plan->docs[i].number);
	}
	if (doc->type == CP__DT_IMAGING_FILES) {
		double kb = (double)pd->image_bytes / 1024.0;

		studies(&sb, claim, pd->doc);

		cp__strbuf_printf(&sb, kb < 1024 ? "%s%zu image file%s, %.0f KB, "
		    "provided separately" : "%s%zu image file%s, %.1f MB, "
		    "provided separately", sb.len ? " · " : "", pd->image_files,
		    pd->image_files == 1 ? "" : "s", kb < 1 ? 1 : kb < 1024 ? kb :
		    kb / 1024.0);
	}
	else if (doc->nfiles > 1)
		cp__strbuf_printf(&sb, "%s%zu files", sb.len ? " · " : "",
		    doc->nfiles);
	return cp__strbuf_detach(&sb);
}

static void
page_range(const cp__view *v, size_t d, char *buf, size_t size)
{
	size_t first = v->first_page[d] - CP__FIRST_DOC_PAGE(v) + 1;
	size_t pages = cp__view_pages(v, d);

	if (!cp__view_has(v, d))
		snprintf(buf, size, "part %zu", v->part_of[d]);
	else if (pages == 0)
		snprintf(buf, size, "-");
	else if (pages == 1)
		snprintf(buf, size, "%zu", first);
	else
		snprintf(buf, size, "%zu-%zu", first, first + pages - 1);
}

static void
page_header(layout *l)
{
	const cp__plan *plan = l->plan;
	const cp__paper *paper = &l->r->paper;
	const cp_claim *claim = plan->claim;
	char line[300], docs[48];

	l->y = paper->height - paper->top;
	if (!l->draw) {
		l->y -= 58;
		return;
	}
	cp__canvas_page(l->cv, paper->width, paper->height);
	cp__fill_rect(l->cv, 0, paper->height - 10, paper->width, 10,
	    CP__ACCENT);
	cp__text(l->cv, l->left, l->y, "Index", 17, CP__INK, true);
	cp__text(l->cv, l->left + cp__text_width(l->cv, "Index", 17) + 8,
	    l->y, "目录", 14, CP__ACCENT, false);
	snprintf(line, sizeof(line), "%s%s%s", claim->reference ?
	    claim->reference : "", claim->reference ? "  ·  " : "",
	    claim->patient_name != NULL ? claim->patient_name :
	    "patient's name " CP__NOT_GIVEN);
	l->cv->field = "claim.reference / patient.name";
	cp__text_right(l->cv, l->right, l->y, line, 9, CP__MUTED, false);
	l->y -= 16;
	cp__count(docs, sizeof(docs), plan->ndocs, "document", "documents");
	if (l->v->doc_pages == 0)
		snprintf(line, sizeof(line), "%s, none printed after this "
		    "index.", docs);
	else if (l->v->doc_pages == 1)
		snprintf(line, sizeof(line), "%s, page 1 after this index. "
		    "Every page is stamped with the claim reference, the "
		    "document number and the page number.", docs);
	else
		snprintf(line, sizeof(line), "%s, pages 1-%zu after this "
		    "index. Every page is stamped with the claim reference, "
		    "the document number and the page number.", docs,
		    l->v->doc_pages);
	cp__text(l->cv, l->left, l->y, line, 7.5, CP__MUTED, false);
	l->y -= 22;
	cp__text(l->cv, col_x(l, C_NO), l->y, "No.", HEAD_SIZE, CP__MUTED,
	    false);
	cp__text(l->cv, col_x(l, C_DOC), l->y, "Document 文件", HEAD_SIZE,
	    CP__MUTED, false);
	cp__text(l->cv, col_x(l, C_DATE), l->y, "Date 日期", HEAD_SIZE,
	    CP__MUTED, false);
	cp__text(l->cv, col_x(l, C_HOSPITAL), l->y, "Hospital 医院",
	    HEAD_SIZE, CP__MUTED, false);
	cp__text(l->cv, col_x(l, C_PAGES), l->y, "Pages 页码", HEAD_SIZE,
	    CP__MUTED, false);
	cp__text(l->cv, col_x(l, C_NOTES), l->y, "Notes 备注", HEAD_SIZE,
	    CP__MUTED, false);
	cp__line_h(l->cv, l->left, l->right, l->y - 5, 0.8, CP__INK);
	l->y -= 20;
}

static void
new_page(layout *l)
{
	l->page++;
	page_header(l);
}

/* Lines a cell needs, wrapped to its column, at most `max`. */
static size_t
lines_of(layout *l, const char *text, double size, int col, size_t max)
{
	size_t n;

	if (text == NULL || text[0] == '\0')
		return 0;
	n = cp__wrap(l->cv, text, size, col_w(l, col), NULL, 0);
	return n < max ? n : max;
}

void
cp__links_free(cp__links *links)
{
	free(links->items);
	memset(links, 0, sizeof(*links));
}

static int
add_link(layout *l, double y_top, double y_bottom, size_t target)
{
	cp__links *links = l->links;
	cp__link *grown;
	size_t cap;

	if (links->count == links->cap) {
		cap = links->cap ? links->cap * 2 : 32;
		if ((grown = realloc(links->items, cap * sizeof(*grown))) ==
		    NULL)
			return CP_ENOMEM;
		links->items = grown;
		links->cap = cap;
	}
	links->items[links->count++] = (cp__link){ 1 + l->page, l->left,
	    y_bottom, l->right, y_top, target };
	return CP_OK;
}

/*
 * The hospital of episode `ep`, as the cover names it: its name (two
 * lines at most), its Chinese name, and when the episode was, so that
 * two stays at one hospital are told apart.  Drawn from baseline `y`
 * when `draw`; returns the lines it takes.
 */
static size_t
hospital_cell(layout *l, const cp__episode *ep, double y, bool draw)
{
	const char *name = ep->hospital != NULL ? ep->hospital :
	    CP__NOT_GIVEN;
	double x = col_x(l, C_HOSPITAL), w = col_w(l, C_HOSPITAL);
	size_t n, zh = 0, dates_n;
	char dates[80];

	cp__episode_dates(dates, sizeof(dates), ep);
	n = lines_of(l, name, HOSPITAL_SIZE, C_HOSPITAL, 2);
	if (ep->hospital_zh != NULL)
		zh = lines_of(l, ep->hospital_zh, SMALL_SIZE, C_HOSPITAL, 1);
	dates_n = lines_of(l, dates, SMALL_SIZE, C_HOSPITAL, 2);
	if (draw) {
		l->cv->field = "episode hospital";
		cp__text_box(l->cv, x, y, w, name, HOSPITAL_SIZE, LEADING, 2,
		    ep->hospital != NULL ? CP__INK : CP__BAD, false);
		if (zh > 0) {
			l->cv->field = "episode hospital_zh";
			cp__text_box(l->cv, x, y - (double)n * LEADING, w,
			    ep->hospital_zh, SMALL_SIZE, LEADING, 1, CP__MUTED,
			    false);
		}
		l->cv->field = "episode dates";
		cp__text_box(l->cv, x, y - (double)(n + zh) * LEADING, w,
		    dates, SMALL_SIZE, LEADING, 2, ep->has_start ? CP__MUTED :
		    CP__BAD, false);
	}
	return n + zh + dates_n;
}

static int
row(layout *l, size_t d, bool with_section)
{
	const cp__plan *plan = l->plan;
	const cp__plan_doc *pd = &plan->docs[d];
	size_t pages = cp__view_pages(l->v, d);
	const cp_claim *claim = plan->claim;
	const cp__document *doc = &claim->documents[pd->doc];
	const cp__episode *ep = &claim->episodes[doc->episode];
	const cp__section *sec = &plan->tpl->sections[pd->section];
	char label[300], heading[200], buf[64], *notes;
	size_t doc_lines, note_lines, date_lines = 0, hospital_lines, n;
	double h, top;
	int rc = CP_OK;
	/* A paper's date not given (fact-missing, built with --force) is
	 * said so in small type, which may take two lines of the column. */
	bool undated = !doc->has_date && cp__doctype_dated(doc->type);

	if ((notes = notes_of(l, d)) == NULL)
		return CP_ENOMEM;
	snprintf(label, sizeof(label), "%s %s", cp__plan_doc_label(plan, d),
	    cp__plan_doc_label_zh(plan, d));
	doc_lines = lines_of(l, label, BODY_SIZE, C_DOC, 2) +
	    lines_of(l, doc->title, SMALL_SIZE, C_DOC, 2);
	note_lines = lines_of(l, notes, SMALL_SIZE, C_NOTES, NOTE_LINES);
	if (undated)
		date_lines = lines_of(l, CP__NOT_GIVEN, SMALL_SIZE, C_DATE, 2);
	hospital_lines = hospital_cell(l, ep, 0, false);
	n = doc_lines > note_lines ? doc_lines : note_lines;
	n = date_lines > n ? date_lines : n;
	n = hospital_lines > n ? hospital_lines : n;
	h = (double)(n ? n : 1) * LEADING + 8;
	/* A section's heading never sits alone at the foot of a page. */
	if (l->y - h - (with_section ? SECTION_H : 0) < l->r->paper.bottom)
		new_page(l);
	if (with_section) {
		if (l->draw) {
			cp__fill_rect(l->cv, l->left, l->y - 5, l->width, 16,
			    CP__TINT);
			snprintf(heading, sizeof(heading), "%s %s", sec->en,
			    sec->zh);
			l->cv->field = "section title";
			cp__text(l->cv, l->left + 4, l->y, heading, 9,
			    CP__ACCENT, true);
		}
		l->y -= SECTION_H + 4;
	}
	top = l->y + LEADING - 2;
	if (l->draw) {
		snprintf(buf, sizeof(buf), "%zu", pd->number);
		cp__text(l->cv, col_x(l, C_NO), l->y, buf, BODY_SIZE, CP__INK,
		    true);
		l->cv->field = "document type";
		n = cp__text_box(l->cv, col_x(l, C_DOC), l->y, col_w(l, C_DOC),
		    label, BODY_SIZE, LEADING, 2, CP__INK, false);
		if (doc->title != NULL) {
			l->cv->field = "document title";
			cp__text_box(l->cv, col_x(l, C_DOC), l->y -
			    (double)n * LEADING, col_w(l, C_DOC), doc->title,
			    SMALL_SIZE, LEADING, 2, CP__MUTED, false);
		}
		if (doc->has_date) {
			cp__date_format(buf, sizeof(buf), doc->date);
			cp__text(l->cv, col_x(l, C_DATE), l->y, buf, BODY_SIZE,
			    CP__INK, false);
		} else if (undated) {
			cp__text_box(l->cv, col_x(l, C_DATE), l->y,
			    col_w(l, C_DATE), CP__NOT_GIVEN, SMALL_SIZE, LEADING,
			    2, CP__BAD, false);
		}
		hospital_cell(l, ep, l->y, true);
		page_range(l->v, d, buf, sizeof(buf));
		cp__text(l->cv, col_x(l, C_PAGES), l->y, buf, BODY_SIZE,
		    pages ? CP__ACCENT : CP__MUTED, pages > 0);
		l->cv->field = "document notes";
		cp__text_box(l->cv, col_x(l, C_NOTES), l->y, col_w(l, C_NOTES),
		    notes, SMALL_SIZE, LEADING, NOTE_LINES, CP__INK, false);
		cp__line_h(l->cv, l->left, l->right, l->y - h + LEADING - 2,
		    0.4, CP__RULE);
		if (pages > 0 && l->links != NULL)
			rc = add_link(l, top, l->y - h + LEADING - 2,
			    l->v->first_page[d]);
	}
	l->y -= h;
	free(notes);
	return rc;
}

/* A finding's message spans the columns from the date to the notes. */
#define FINDING_LINES 4

/*
 * The row of finding `fd` in the list of check findings that ends the
 * index: its severity, what it is about (cp__finding_subject) above
 * its check id, and its message.  The section's heading comes first
 * when `with_heading`.
 */
static void
finding_row(layout *l, const cp_finding *fd, bool with_heading)
{
	double msg_x = col_x(l, C_DATE), msg_w = l->right - msg_x, h;
	bool error = fd->severity == CP_SEVERITY_ERROR;
	char subject[300], what[96];
	size_t n, m;

	cp__finding_subject(subject, sizeof(subject), l->plan, fd);
	n = lines_of(l, subject, SMALL_SIZE, C_DOC, 2) + 1;
	m = cp__wrap(l->cv, fd->message, SMALL_SIZE, msg_w, NULL, 0);
	m = m < FINDING_LINES ? m : FINDING_LINES;
	h = (double)(n > m ? n : m) * LEADING + 8;
	/* A new page starts with the heading again: its columns are not
	 * the documents'. */
	if (l->y - h - (with_heading ? SECTION_H : 0) < l->r->paper.bottom) {
		new_page(l);
		with_heading = true;
	}
	if (with_heading) {
		if (l->draw) {
			cp__fill_rect(l->cv, l->left, l->y - 5, l->width, 16,
			    CP__TINT);
			cp__text(l->cv, l->left + 4, l->y, "Check findings "
			    "核对发现 - every error and warning (the notices are "
			    "in check-report.json)", 9, CP__ACCENT, true);
		}
		l->y -= SECTION_H + 4;
	}
	if (l->draw) {
		if (error)
			cp__mark_bad(l->cv, col_x(l, C_NO), l->y - 1, 8, CP__BAD);
		else
			cp__text(l->cv, col_x(l, C_NO) + 2, l->y, "!", BODY_SIZE,
			    CP__WARN, true);
		l->cv->field = "finding subject";
		n = cp__text_box(l->cv, col_x(l, C_DOC), l->y, col_w(l, C_DOC),
		    subject, SMALL_SIZE, LEADING, 2, CP__INK, true);
		snprintf(what, sizeof(what), "%s · %s", error ? "error" :
		    "warning", fd->check);
		cp__text(l->cv, col_x(l, C_DOC), l->y - (double)n * LEADING,
		    what, 6.5, error ? CP__BAD : CP__WARN, false);
		l->cv->field = "check message";
		cp__text_box(l->cv, msg_x, l->y, msg_w, fd->message,
		    SMALL_SIZE, LEADING, FINDING_LINES, CP__INK, false);
		cp__line_h(l->cv, l->left, l->right, l->y - h + LEADING - 2,
		    0.4, CP__RULE);
	}
	l->y -= h;
}

static int
run(layout *l)
{
	const cp__plan *plan = l->plan;
	const cp_report *report = l->r->report;
	const cp_finding *fd;
	size_t i, listed = 0;
	int rc;

	l->left = l->r->paper.margin;
	l->right = l->r->paper.width - l->r->paper.margin;
	l->width = l->right - l->left;
	l->page = 0;
	page_header(l);
	for (i = 0; i < plan->ndocs; i++) {
		bool first = i == 0 ||
		    plan->docs[i - 1].section != plan->docs[i].section;

		if ((rc = row(l, i, first)) != CP_OK)
			return rc;
	}
	/* What check found that a claims handler should weigh, each in
	 * full: the cover shows as many as it has room for. */
	for (i = 0; i < cp_report_count(report); i++) {
		fd = cp_report_at(report, i);
		if (fd->severity == CP_SEVERITY_NOTICE)
			continue;
		finding_row(l, fd, listed++ == 0);
	}
	return CP_OK;
}

/* The layout of the index of `r` on `cv`. */
static void
layout_init(layout *l, cp__canvas *cv, const cp__render *r,
    cp__links *links)
{
	memset(l, 0, sizeof(*l));
	l->cv = cv;
	l->r = r;
	l->v = r->view;
	l->plan = r->view->plan;
	l->links = links;
	l->draw = links != NULL;
}

size_t
cp__index_page_count(cp__canvas *cv, const cp__render *r)
{
	layout l;

	layout_init(&l, cv, r, NULL);
	/* Measuring only: no links are added, nothing is drawn. */
	(void)run(&l);
	return l.page + 1;
}

int
cp__render_index(cp__canvas *cv, const cp__render *r, cp__links *links)
{
	layout l;
	int rc;

	layout_init(&l, cv, r, links);
	rc = run(&l);
	cv->field = NULL;
	if (rc == CP_OK && cp__canvas_failed(cv))
		rc = CP_EIO;
	return rc;
}
