/* cover.c - the cover sheet: whose claim, what it adds up to,
 * what the checks found, the invoices, and the bundle's fingerprint. */
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/phrase.h"
#include "bundle/render.h"
#include "check/registry.h"
#include "check/report.h"
#include "manifest/amount.h"
#include "manifest/doctype.h"
#include "manifest/invoice_id.h"
#include "manifest/invoice_qr.h"
#include "read/papers.h"
#include "manifest/name.h"

/* Rows shown before "... and N more" on one page. */
#define MAX_EPISODE_ROWS 6
#define MAX_INVOICE_ROWS 10
#define MAX_ERROR_ROWS 8
#define MAX_WARNING_ROWS 6

typedef struct {
	cp__canvas *cv;
	const cp__render *r;
	const cp__view *v;
	const cp__plan *plan;
	double left, right, y;     /* cursor: baseline of the next line */
} cover;

static void
heading(cover *c, const char *en, const char *zh)
{
	double w;

	c->y -= 22;
	cp__text(c->cv, c->left, c->y, en, 10.5, CP__ACCENT, true);
	w = cp__text_width(c->cv, en, 10.5);
	cp__text(c->cv, c->left + w + 6, c->y, zh, 9.5, CP__ACCENT, false);
	cp__line_h(c->cv, c->left, c->right, c->y - 5, 0.6, CP__RULE);
	c->y -= 8;
}

/* A label (English and Chinese, small) above a value; a NULL value is
 * a fact the manifest does not give, said so in red. */
static void
field(cover *c, double x, double y, double width, const char *en,
    const char *zh, const char *value, const char *which)
{
	char label[160];

	snprintf(label, sizeof(label), "%s %s", en, zh);
	c->cv->field = "label";
	cp__text_box(c->cv, x, y, width, label, 7.5, 9, 1, CP__MUTED, false);
	c->cv->field = which;
	cp__text_box(c->cv, x, y - 13, width, value != NULL ? value :
	    CP__NOT_GIVEN, 10.5, 12, 2, value != NULL ? CP__INK : CP__BAD,
	    false);
}

/* The sum of episode `e`'s receipts (every episode's when `e` is
 * SIZE_MAX); `*unknown` counts the receipts whose amount is not given,
 * which the sum leaves out. */
static int64_t
receipts_total(const cp_claim *claim, size_t e, size_t *unknown)
{
	int64_t sum = 0;
	size_t d;

	*unknown = 0;
	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];

		if ((e != SIZE_MAX && doc->episode != e) ||
		    doc->type != CP__DT_FAPIAO)
			continue;
		if (doc->has_amount)
			sum += doc->amount;
		else
			(*unknown)++;
	}
	return sum;
}

static void
draw_header(cover *c)
{
	const cp_claim *claim = c->plan->claim;
	const cp_template *tpl = c->plan->tpl;
	const cp__paper *p = &c->r->paper;
	char line[600];

	cp__fill_rect(c->cv, 0, p->height - 10, p->width, 10, CP__ACCENT);
	c->y = p->height - p->top;
	c->cv->field = "template title";
	cp__text(c->cv, c->left, c->y, tpl->title_en, 19, CP__INK, true);
	if (c->v->nparts > 0) {
		/* Each part of a split bundle says which it is. */
		snprintf(line, sizeof(line), "Part %zu of %zu  第%zu部分，共%zu部分",
		    c->v->part, c->v->nparts, c->v->part,
		    c->v->nparts);
		cp__fill_rect(c->cv, c->right - 196, c->y - 45, 196, 16,
		    CP__ACCENT);
		cp__text_right(c->cv, c->right - 6, c->y - 40, line, 9,
		    CP__WHITE, true);
	}
	c->y -= 22;
	cp__text(c->cv, c->left, c->y, tpl->title_zh, 14, CP__ACCENT, false);
	if (claim->reference != NULL) {
		cp__text_right(c->cv, c->right, c->y + 22 + 2,
		    "Claim reference 理赔编号", 7.5, CP__MUTED, false);
		c->cv->field = "claim.reference";
		cp__text_right(c->cv, c->right, c->y + 6, claim->reference, 13,
		    CP__INK, true);
	}
	line[0] = '\0';
	if (claim->insurer != NULL)
		snprintf(line, sizeof(line), "Insurer 保险公司: %s",
		    claim->insurer);
	if (claim->policy != NULL)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
		    "%sPolicy 保单号: %s", line[0] ? "    " : "",
		    claim->policy);
	if (line[0]) {
		c->y -= 18;
		c->cv->field = "claim.insurer / claim.policy";
		cp__text_box(c->cv, c->left, c->y, c->right - c->left, line,
		    9.5, 11, 1, CP__INK, false);
	}
	c->y -= 4;
}

/* How much of its two lines a value may fill and still show whole in a
 * field (words wrap, so two lines never hold quite twice one). */
#define ALIAS_FILL 1.7

static void
draw_patient(cover *c)
{
	const cp_claim *claim = c->plan->claim;
	double col = (c->right - c->left) / 4;
	char passport[128], birth[16], aliases[600];
	size_t n, i;

	heading(c, "Patient", "患者");
	c->y -= 10;
	n = claim->passport != NULL ? strlen(claim->passport) : 0;
	if (claim->passport == NULL) {
		passport[0] = '\0';
	} else if (c->r->opts->full_passport || n <= 4) {
		snprintf(passport, sizeof(passport), "%s", claim->passport);
	} else {
		/* Only the last four characters identify the passport to a
		 * reviewer; the rest stays off paper that travels. */
		for (i = 0; i < n - 4 && i < 20; i++)
			passport[i] = '*';
		snprintf(passport + i, sizeof(passport) - i, "%s",
		    claim->passport + n - 4);
	}
	if (claim->has_birth_date)
		cp__date_format(birth, sizeof(birth), claim->birth_date);
	else
		snprintf(birth, sizeof(birth), "-");
	/* The aliases and the transliterated spellings found on papers
	 * (name-transliterated), so that the reviewer sees them. */
	cp__name_spellings(aliases, sizeof(aliases), claim);
	field(c, c->left, c->y, col * 1.5 - 8, "Name (as in passport)", "姓名",
	    claim->patient_name, "patient.name");
	field(c, c->left + col * 1.5, c->y, col * 0.8 - 8, "Passport", "护照号",
	    claim->passport != NULL ? passport : NULL, "patient.passport");
	field(c, c->left + col * 2.3, c->y, col * 0.7 - 8, "Born", "出生日期",
	    birth, "patient.birth_date");
	/* Spellings the last column cannot show whole (it would cut them
	 * off with an ellipsis) get a row of their own, the page wide. */
	if (cp__text_width(c->cv, aliases, 10.5) <= (col - 4) * ALIAS_FILL) {
		field(c, c->left + col * 3.0, c->y, col - 4, "Also written",
		    "别名", aliases[0] ? aliases : "-", "patient.aliases");
		c->y -= 34;
		return;
	}
	c->y -= 34;
	c->cv->field = "label";
	cp__text_box(c->cv, c->left, c->y, c->right - c->left,
	    "Also written (aliases, and spellings on the papers) 别名", 7.5,
	    9, 1, CP__MUTED, false);
	c->cv->field = "patient.aliases";
	n = cp__text_box(c->cv, c->left, c->y - 13, c->right - c->left,
	    aliases, 10.5, 12, 3, CP__INK, false);
	c->y -= 22 + 12.0 * (double)(n > 0 ? n : 1);
}

static void
draw_episodes(cover *c)
{
	const cp_claim *claim = c->plan->claim;
	double x[6], w = c->right - c->left;
	char dates[80], nights[16], money[96];
	size_t e, shown, unknown;
	int64_t sum;

	heading(c, "Treatment", "就诊经过");
	x[0] = c->left;                 /* hospital */
	x[1] = c->left + w * 0.34;      /* kind */
	x[2] = c->left + w * 0.48;      /* dates */
	x[3] = c->left + w * 0.73;      /* nights */
	x[5] = c->right;                /* amount, right-aligned */
	c->y -= 12;
	cp__text(c->cv, x[0], c->y, "Hospital 医院", 7.5, CP__MUTED, false);
	cp__text(c->cv, x[1], c->y, "Kind 类型", 7.5, CP__MUTED, false);
	cp__text(c->cv, x[2], c->y, "Dates 日期", 7.5, CP__MUTED, false);
	cp__text(c->cv, x[3], c->y, "Nights 天数", 7.5, CP__MUTED, false);
	cp__text_right(c->cv, x[5], c->y, "Receipts 发票金额", 7.5, CP__MUTED,
	    false);
	shown = claim->nepisodes < MAX_EPISODE_ROWS ? claim->nepisodes :
	    MAX_EPISODE_ROWS - 1;
	for (e = 0; e < shown; e++) {
		const cp__episode *ep = &claim->episodes[e];

		c->y -= 15;
		c->cv->field = "episode hospital";
		cp__text_box(c->cv, x[0], c->y, x[1] - x[0] - 6,
		    ep->hospital != NULL ? ep->hospital : CP__NOT_GIVEN, 10, 11,
		    1, ep->hospital != NULL ? CP__INK : CP__BAD, false);
		if (ep->hospital_zh != NULL) {
			c->cv->field = "episode hospital_zh";
			cp__text_box(c->cv, x[0], c->y - 11, x[1] - x[0] - 6,
			    ep->hospital_zh, 8.5, 10, 1, CP__MUTED, false);
		}
		snprintf(dates, sizeof(dates), "%s %s",
		    cp__episode_kind_en(ep->kind),
		    cp__episode_kind_zh(ep->kind));
		cp__text(c->cv, x[1], c->y, dates, 9, CP__INK, false);
		/* A start not given (fact-missing): the end, if known,
		 * still says when; the nights are not known. */
		cp__episode_dates(dates, sizeof(dates), ep);
		cp__text(c->cv, x[2], c->y, dates, 9, ep->has_start ? CP__INK :
		    CP__BAD, false);
		snprintf(nights, sizeof(nights), "%ld", ep->has_start ?
		    (long)(ep->end - ep->start) : 0L);
		cp__text(c->cv, x[3], c->y, ep->kind == CP__EPISODE_INPATIENT &&
		    ep->has_start ? nights : "-", 9, CP__INK, false);
		/* A receipt without its amount is not counted as 0 in
		 * silence: the sum says that it leaves some out. */
		sum = receipts_total(claim, e, &unknown);
		cp__money(money, sizeof(money), claim->currency, sum);
		if (unknown > 0)
			snprintf(money + strlen(money), sizeof(money) -
			    strlen(money), " + %s", CP__NOT_GIVEN);
		cp__text_right(c->cv, x[5], c->y, money, 9, unknown > 0 ?
		    CP__BAD : CP__INK, false);
		if (ep->hospital_zh != NULL)
			c->y -= 9;
	}
	if (shown < claim->nepisodes) {
		char more[64], n[32];

		c->y -= 14;
		snprintf(more, sizeof(more), "... and %s",
		    cp__count(n, sizeof(n), claim->nepisodes - shown,
		    "more episode", "more episodes"));
		cp__text(c->cv, x[0], c->y, more, 9, CP__MUTED, false);
	}
	c->y -= 6;
}

/* Converts fen into the exchange currency's cents, rounding half up. */
static int64_t
convert(int64_t fen, int64_t rate_e8)
{
	__extension__ unsigned __int128 v = (unsigned __int128)fen *
	    (unsigned __int128)rate_e8 + 50000000u;

	return (int64_t)(v / 100000000u);
}

static void
draw_total(cover *c)
{
	const cp_claim *claim = c->plan->claim;
	char money[64], line[300], date[16];
	int64_t total;
	size_t unknown;

	total = receipts_total(claim, SIZE_MAX, &unknown);
	c->y -= 8;
	cp__fill_rect(c->cv, c->left, c->y - 30, c->right - c->left, 36,
	    CP__TINT);
	cp__text(c->cv, c->left + 10, c->y - 8, "Claim total 申请总额", 9,
	    CP__MUTED, false);
	/* With a receipt's amount not given the total is not known: the
	 * sum of the others is no claim total, so it is only mentioned. */
	if (unknown > 0) {
		cp__money(money, sizeof(money), claim->currency, total);
		snprintf(line, sizeof(line), "sum of the receipts (fapiao): "
		    "%zu amount%s %s; the others add up to %s", unknown,
		    unknown == 1 ? "" : "s", CP__NOT_GIVEN, money);
		snprintf(money, sizeof(money), "%s", CP__NOT_GIVEN);
	} else {
		snprintf(line, sizeof(line), "sum of the receipts (fapiao)");
		cp__money(money, sizeof(money), claim->currency, total);
	}
	cp__text(c->cv, c->left + 10, c->y - 22, line, 7.5, unknown > 0 ?
	    CP__BAD : CP__MUTED, false);
	cp__text_right(c->cv, c->right - 10, c->y - 12, money, 16, unknown > 0 ?
	    CP__BAD : CP__INK, true);
	if (claim->has_exchange && unknown == 0) {
		cp__money(money, sizeof(money), claim->exchange_currency,
		    convert(total, claim->exchange_rate_e8));
		cp__date_format(date, sizeof(date), claim->exchange_date);
		snprintf(line, sizeof(line), "%s  at 1 %s = %s %s on %s", money,
		    claim->currency, claim->exchange_rate_text,
		    claim->exchange_currency, date);
		c->cv->field = "claim.exchange";
		cp__text_right(c->cv, c->right - 10, c->y - 25, line, 8,
		    CP__MUTED, false);
	}
	c->y -= 34;
}

/* The footer: the fingerprint's QR code, its rule and a gap above. */
#define FOOTER_H 96.0

/* Rows of invoices with room for their QR code and fields, and one
 * more line in a row whose original e-invoice is attached. */
#define INVOICE_ROW_H 44.0
#define INVOICE_QR 40.0
#define ORIGINAL_LINE_H 9.0

/* The sections the contents block lists: those holding a document of
 * this file. */
static size_t
sections_shown(const cover *c)
{
	const cp__plan *plan = c->plan;
	size_t d, e, n = 0;
	bool any;

	for (d = 0; d < plan->ndocs; d = e) {
		any = false;
		for (e = d; e < plan->ndocs &&
		    plan->docs[e].section == plan->docs[d].section; e++)
			any = any || cp__view_has(c->v, e);
		n += any;
	}
	return n;
}

/* What the cover keeps at its foot for the contents block (two
 * sections a row, and the line under them) and the footer. */
static double
contents_and_footer_h(const cover *c)
{
	if (c->r->opts->cover_only || c->plan->ndocs == 0)
		return FOOTER_H;
	return FOOTER_H + 50 + 14 * (double)((sections_shown(c) + 1) / 2);
}

/* What the cover needs below the checks: the contents block, the
 * footer, and the invoices' heading and first two rows (the others
 * give way to "... and N more invoices", which the index lists). */
static double
room_below(const cover *c)
{
	const cp_claim *claim = c->plan->claim;
	size_t d, n = 0;

	for (d = 0; d < claim->ndocuments; d++)
		n += claim->documents[d].type == CP__DT_FAPIAO;
	if (n == 0)
		return contents_and_footer_h(c);
	return contents_and_footer_h(c) + 30 + (double)(n < 2 ? n : 2) *
	    (INVOICE_ROW_H + 4 + ORIGINAL_LINE_H);
}

/* One finding's row in a box of findings: what it is about (two lines
 * at most) above its check id, beside its message. */
#define FINDING_SIZE 7.0
#define FINDING_LEADING 8.5
#define FINDING_LINES 3
#define SUBJECT_W 120.0
#define BOX_TITLE_H 24.0
#define BOX_MORE_H 12.0
#define BOX_GAP 10.0

/* The lines the row of finding `fd` takes in a box. */
static size_t
finding_lines(cover *c, const cp_finding *fd, const char *subject)
{
	double w = c->right - c->left - SUBJECT_W - 16;
	size_t n = cp__wrap(c->cv, fd->message, FINDING_SIZE, w, NULL, 0);
	size_t s = cp__wrap(c->cv, subject, FINDING_SIZE, SUBJECT_W - 8,
	    NULL, 0);

	n = n < FINDING_LINES ? n : FINDING_LINES;
	s = (s < 2 ? s : 2) + 1;        /* and the check id below it */
	return n > s ? n : s;
}

static double
finding_height(size_t lines)
{
	return (double)lines * FINDING_LEADING + 4;
}

/* The height of a box of findings that shows none: its title and how
 * many there are. */
#define BOX_COMPACT_H (BOX_GAP + BOX_TITLE_H + 4 + BOX_MORE_H)

/*
 * A box listing the findings of `severity` under `title`, from the
 * cursor down: as many rows as fit in `budget` points (at most
 * `max_rows`; none when even one does not fit), then "... and N more",
 * which the end of the index lists with the others.
 */
static void
findings_box(cover *c, cp_severity severity, const char *title,
    size_t max_rows, double budget, cp__rgb ink, cp__rgb tint)
{
	const cp_report *report = c->r->report;
	size_t total = cp_report_count_severity(report, severity);
	size_t i, k, shown = 0, row_lines;
	const cp_finding *fd;
	char subject[300], line[200], more[64];
	double h = BOX_TITLE_H + 4, y, w = c->right - c->left;
	bool shown_any;

	if (total == 0)
		return;
	/* Measure first: the box is filled before its text is drawn. */
	for (i = 0; i < cp_report_count(report) && shown < max_rows; i++) {
		fd = cp_report_at(report, i);
		if (fd->severity != severity)
			continue;
		cp__finding_subject(subject, sizeof(subject), c->plan, fd);
		row_lines = finding_lines(c, fd, subject);
		if (h + finding_height(row_lines) +
		    (shown + 1 < total ? BOX_MORE_H : 0) > budget)
			break;
		h += finding_height(row_lines);
		shown++;
	}
	if (shown < total)
		h += BOX_MORE_H;
	shown_any = shown > 0;
	y = c->y - BOX_GAP;
	cp__fill_rect(c->cv, c->left, y - h, w, h, tint);
	cp__stroke_rect(c->cv, c->left, y - h, w, h, 0.8, ink);
	cp__text(c->cv, c->left + 8, y - 14, title, 9, ink, true);
	y -= BOX_TITLE_H;
	for (i = 0; i < cp_report_count(report) && shown > 0; i++) {
		fd = cp_report_at(report, i);
		if (fd->severity != severity)
			continue;
		cp__finding_subject(subject, sizeof(subject), c->plan, fd);
		row_lines = finding_lines(c, fd, subject);
		c->cv->field = "finding subject";
		k = cp__text_box(c->cv, c->left + 8, y, SUBJECT_W - 8, subject,
		    FINDING_SIZE, FINDING_LEADING, 2, ink, true);
		cp__text(c->cv, c->left + 8, y - FINDING_LEADING * (double)k,
		    fd->check, 6.5, CP__MUTED, false);
		c->cv->field = "check message";
		cp__text_box(c->cv, c->left + SUBJECT_W + 8, y,
		    w - SUBJECT_W - 16, fd->message, FINDING_SIZE,
		    FINDING_LEADING, FINDING_LINES, CP__INK, false);
		y -= finding_height(row_lines);
		shown--;
		total--;
	}
	if (total > 0) {
		snprintf(line, sizeof(line), "%s%s: the end of the index lists "
		    "every one", shown_any ? "... and " : "",
		    cp__count(more, sizeof(more), total, severity ==
		    CP_SEVERITY_ERROR ? (shown_any ? "more error" : "error") :
		    (shown_any ? "more warning" : "warning"), severity ==
		    CP_SEVERITY_ERROR ? (shown_any ? "more errors" : "errors") :
		    (shown_any ? "more warnings" : "warnings")));
		cp__text(c->cv, c->left + 8, y - 2, line, 7.5, ink, false);
	}
	c->y -= BOX_GAP + h;
}

/* The counts of a family of checks: "1 error, 2 warnings". */
static void
family_counts(char *buf, size_t size, size_t errors, size_t warnings)
{
	char e[32], w[32];

	cp__count(e, sizeof(e), errors, "error", "errors");
	cp__count(w, sizeof(w), warnings, "warning", "warnings");
	if (errors && warnings)
		snprintf(buf, size, "%s, %s", e, w);
	else
		snprintf(buf, size, "%s", errors ? e : w);
}

static void
draw_checks(cover *c)
{
	const cp_report *report = c->r->report;
	double colw = (c->right - c->left) / 3, x, y;
	size_t f, i, errors, warnings, notices, cell = 0;
	const cp__registry_family *fam;
	const cp__registry_check *info;
	const cp_finding *fd;
	char line[300], e[32], w[32], n[32];

	heading(c, "Checks", "核对结果");
	c->y -= 4;
	/* Each finding counts in its family in the registry, and any error
	 * crosses its family out.  The families left off the cover hold no
	 * errors (check/registry.c), so no error sits under green ticks. */
	for (f = 0; (fam = cp__registry_family_at(f)) != NULL; f++) {
		if (!fam->on_cover)
			continue;
		errors = warnings = 0;
		for (i = 0; i < cp_report_count(report); i++) {
			fd = cp_report_at(report, i);
			if ((info = cp__registry_find(fd->check)) == NULL ||
			    info->family != fam)
				continue;
			if (fd->severity == CP_SEVERITY_ERROR)
				errors++;
			else if (fd->severity == CP_SEVERITY_WARNING)
				warnings++;
		}
		x = c->left + colw * (double)(cell % 3);
		y = c->y - 16 - 18 * (double)(cell / 3);
		cell++;
		if (errors)
			cp__mark_bad(c->cv, x, y - 2, 11, CP__BAD);
		else
			cp__mark_ok(c->cv, x, y - 2, 11, CP__GOOD);
		snprintf(line, sizeof(line), "%s %s", fam->en, fam->zh);
		cp__text(c->cv, x + 16, y, line, 10, CP__INK, false);
		if (errors || warnings) {
			family_counts(line, sizeof(line), errors, warnings);
			cp__text(c->cv, x + 16 + cp__text_width(c->cv,
			    fam->en, 10) + cp__text_width(c->cv, fam->zh, 10) +
			    10, y, line, 8, errors ? CP__BAD : CP__MUTED,
			    false);
		}
	}
	/* Below the grid's last row. */
	c->y -= 16 + 18 * ((double)((cell + 2) / 3) - 1) + 14;
	errors = cp_report_count_severity(report, CP_SEVERITY_ERROR);
	warnings = cp_report_count_severity(report, CP_SEVERITY_WARNING);
	notices = cp_report_count_severity(report, CP_SEVERITY_NOTICE);
	snprintf(line, sizeof(line), "%s, %s, %s.%s The full report is "
	    "attached to this PDF (check-report.json).",
	    cp__count(e, sizeof(e), errors, "error", "errors"),
	    cp__count(w, sizeof(w), warnings, "warning", "warnings"),
	    cp__count(n, sizeof(n), notices, "notice", "notices"),
	    errors + warnings > 0 ? " The end of the index lists each error "
	    "and warning." : "");
	cp__text(c->cv, c->left, c->y, line, 8, CP__MUTED, false);

	/* Built with --force: every failed check, in a red box; then what
	 * the claims handler should read before deciding, in an amber one,
	 * as far as the page leaves room beside the invoices. */
	findings_box(c, CP_SEVERITY_ERROR, "Failed checks 未通过的核对 - this "
	    "bundle was built despite them", MAX_ERROR_ROWS, c->y - BOX_GAP -
	    c->r->paper.bottom - room_below(c) - (warnings > 0 ?
	    BOX_COMPACT_H : 0), CP__BAD, CP__BAD_TINT);
	findings_box(c, CP_SEVERITY_WARNING, "Warnings 注意事项 - points to "
	    "look at before deciding", MAX_WARNING_ROWS, c->y - BOX_GAP -
	    c->r->paper.bottom - room_below(c), CP__WARN, CP__WARN_TINT);
}

/* What the bundle holds, section by section, with page ranges. */
static void
draw_contents(cover *c)
{
	const cp__plan *plan = c->plan;
	const cp_template *tpl = plan->tpl;
	double half = (c->right - c->left) / 2, x, y;
	size_t d, e, s, n, first, last, row = 0, pages;
	char line[300], range[40], docs[48], pages_text[48];

	if (c->r->opts->cover_only || plan->ndocs == 0)
		return;
	heading(c, "In this bundle", "文件清单");
	y = c->y - 4;
	for (d = 0; d < plan->ndocs; d = e) {
		s = plan->docs[d].section;
		n = pages = 0;
		first = last = 0;
		for (e = d; e < plan->ndocs && plan->docs[e].section == s; e++) {
			if (!cp__view_has(c->v, e))
				continue;
			n++;
			if (cp__view_pages(c->v, e) == 0)
				continue;
			if (pages == 0)
				first = c->v->first_page[e];
			last = c->v->first_page[e] + cp__view_pages(c->v, e) - 1;
			pages += cp__view_pages(c->v, e);
		}
		if (n == 0)
			continue;
		first = first - CP__FIRST_DOC_PAGE(c->v) + 1;
		last = last - CP__FIRST_DOC_PAGE(c->v) + 1;
		if (pages == 0)
			snprintf(range, sizeof(range), "not printed");
		else if (first == last)
			snprintf(range, sizeof(range), "p. %zu", first);
		else
			snprintf(range, sizeof(range), "pp. %zu-%zu", first,
			    last);
		x = c->left + half * (double)(row % 2);
		if (row % 2 == 0)
			y -= 14;
		snprintf(line, sizeof(line), "%s %s", tpl->sections[s].en,
		    tpl->sections[s].zh);
		c->cv->field = "section title";
		cp__text_box(c->cv, x, y, half * 0.62, line, 9, 10, 1, CP__INK,
		    false);
		snprintf(line, sizeof(line), "%s · %s", cp__count(docs,
		    sizeof(docs), n, "doc", "docs"), range);
		cp__text_right(c->cv, x + half - 14, y, line, 8.5, CP__MUTED,
		    false);
		row++;
	}
	cp__count(docs, sizeof(docs), plan->ndocs, "document", "documents");
	cp__count(pages_text, sizeof(pages_text), c->v->doc_pages, "page",
	    "pages");
	if (c->v->nparts > 0)
		snprintf(line, sizeof(line), "This part holds %zu of the claim's "
		    "%s, on %s after the index, which lists them all.",
		    cp__view_count(c->v), docs, pages_text);
	else
		snprintf(line, sizeof(line), "%s on %s after the index; each "
		    "page is stamped with the reference and its number.", docs,
		    pages_text);
	if (c->r->recompressed_to > 0)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
		    " Photos recompressed to fit %.1f MB.",
		    (double)c->r->recompressed_to / 1e6);
	y -= 16;
	cp__text(c->cv, c->left, y, line, 8, CP__MUTED, false);
	c->y = y;
}

static void draw_qr(cover *c, double x, double y, double size,
    const char *text);

/* The QR text printed beside fapiao `doc`, or NULL: see
 * cp__invoice_help_make: the QR code read off the paper itself, kept
 * with the claim since check read it. */
static const char *
paper_qr(const cover *c, const cp__document *doc)
{
	const cp_claim *claim = c->plan->claim;
	const char *qr;

	/* Out of memory here leaves the QR out, as on a paper without one:
	 * the fields to type are still printed. */
	if (cp__claim_read_qr(&qr, claim, (size_t)(doc - claim->documents)) < 0)
		return NULL;
	return qr;
}

/*
 * The line of fapiao `d` (claim order) that says its original e-invoice
 * is attached ("original e-invoice attached, signed 电子原件已附"; in a
 * split bundle, which part holds it), in `buf`; false when it has none.
 */
static bool
original_line(const cover *c, size_t d, char *buf, size_t size)
{
	const cp__originals *o = c->r->originals;
	const cp__view *v = c->v;
	char phrase[160];
	size_t p, part = 0;

	/* Most fapiao have none: they cost no search of the plan. */
	if (!cp__originals_phrase(phrase, sizeof(phrase), o, d, 0))
		return false;
	for (p = 0; v->part_of != NULL && p < c->plan->ndocs; p++)
		if (c->plan->docs[p].doc == d) {
			if (!cp__view_has(v, p))
				part = v->part_of[p];
			break;
		}
	if (part > 0)
		cp__originals_phrase(phrase, sizeof(phrase), o, d, part);
	if (cp__originals_bytes(o, d) == 0)
		snprintf(buf, size, "%s", phrase);
	else if (part > 0)
		snprintf(buf, size, "%s  电子原件见第%zu部分", phrase, part);
	else
		snprintf(buf, size, "%s  电子原件已附", phrase);
	return true;
}

static void
draw_invoices(cover *c)
{
	const cp__plan *plan = c->plan;
	const cp_claim *claim = plan->claim;
	double w = c->right - c->left, x[4], y;
	size_t d, n = 0, shown = 0, room;
	char line[400], money[64], original[240], more[48];
	cp__invoice_help help;
	bool good, stale, any_qr = false, any_original = false, has_original;
	double row_h;

	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];

		if (doc->type != CP__DT_FAPIAO)
			continue;
		n++;
		any_original = any_original || original_line(c, d, original,
		    sizeof(original));
		if (!any_qr && cp__invoice_help_make(&help, doc,
		    paper_qr(c, doc)) == 0) {
			any_qr = help.qr != NULL;
			cp__invoice_help_clear(&help);
		}
	}
	if (n == 0)
		return;
	heading(c, "Invoices", "发票");
	/* A column for QR codes only when some invoice has its own. */
	x[0] = c->left + (any_qr ? INVOICE_QR + 8 : 0);     /* kind, platform */
	x[1] = c->left + w * 0.47;            /* fields */
	x[3] = c->right;                      /* amount */
	/* What fits above the contents block and the footer. */
	row_h = INVOICE_ROW_H + (any_original ? ORIGINAL_LINE_H : 0);
	room = (size_t)((c->y - c->r->paper.bottom - contents_and_footer_h(c)) /
	    row_h);
	if (room < 2)
		room = 2;
	for (d = 0; d < claim->ndocuments; d++) {
		const cp__document *doc = &claim->documents[d];

		if (doc->type != CP__DT_FAPIAO)
			continue;
		if (shown + 1 == room && n > room) {
			c->y -= 14;
			snprintf(line, sizeof(line), "... and %s: their fields "
			    "and where to verify them are in the index",
			    cp__count(more, sizeof(more), n - shown,
			    "more invoice", "more invoices"));
			cp__text(c->cv, c->left, c->y, line, 8.5, CP__MUTED,
			    false);
			break;
		}
		if (cp__invoice_help_make(&help, doc, paper_qr(c, doc)) != 0)
			break;
		y = c->y - 6;
		/*
		 * The invoice's own QR text only (typed or read off the
		 * paper): a text composed from the manifest might not scan
		 * in the tax app, and the platform's address is printed
		 * beside the fields already.
		 */
		if (help.qr != NULL) {
			c->cv->field = "invoice QR";
			draw_qr(c, c->left, y - INVOICE_QR, INVOICE_QR, help.qr);
		}
		snprintf(line, sizeof(line), "%s %s", help.kind_en,
		    help.kind_zh);
		cp__text(c->cv, x[0], y - 9, line, 9, CP__INK, true);
		c->cv->field = "invoice platform";
		cp__text_box(c->cv, x[0], y - 20, x[1] - x[0] - 8,
		    help.platform_url, 7.5, 9, 1, CP__ACCENT, false);
		c->cv->field = "invoice fields";
		cp__text_box(c->cv, x[1], y - 9, x[3] - x[1] - 70, help.fields,
		    7.5, 9, 3, CP__INK, false);
		if (doc->has_amount)
			cp__money(money, sizeof(money), claim->currency,
			    doc->amount);
		else
			snprintf(money, sizeof(money), "%s", CP__NOT_GIVEN);
		cp__text_right(c->cv, x[3], y - 9, money, 9.5, doc->has_amount ?
		    CP__INK : CP__BAD, true);
		if (cp__verified_phrase(line, sizeof(line),
		    c->r->opts->verification, claim, doc, &good, &stale)) {
			if (good)
				cp__mark_ok(c->cv, x[0], y - 34, 8, CP__GOOD);
			else
				cp__mark_bad(c->cv, x[0], y - 34, 8, CP__BAD);
			c->cv->field = "verification";
			cp__text_box(c->cv, x[0] + 11, y - 32, c->right - x[0] - 11,
			    line, 7.5, 9, 1, good ? CP__GOOD : CP__BAD, false);
		} else {
			cp__text(c->cv, x[0], y - 32, help.qr != NULL ?
			    "not verified online: type the fields at the "
			    "platform, or scan the QR code" : "not verified "
			    "online: type the fields at the platform", 7,
			    CP__MUTED, false);
		}
		has_original = original_line(c, d, original, sizeof(original));
		if (has_original) {
			c->cv->field = "original e-invoice";
			cp__text_box(c->cv, x[0], y - 41, c->right - x[0],
			    original, 7, 9, 1, CP__ACCENT, false);
		}
		cp__invoice_help_clear(&help);
		c->y -= INVOICE_ROW_H + 4 + (has_original ? ORIGINAL_LINE_H : 0);
		shown++;
	}
}

/* The QR code as filled squares, one rectangle per run of dark modules
 * in a row: vector, sharp at any zoom, small. */
static void
draw_qr(cover *c, double x, double y, double size, const char *text)
{
	QRcode *qr;
	double m;
	int row, col, run;

	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL)
		return;
	m = size / (qr->width + 2);
	for (row = 0; row < qr->width; row++) {
		for (col = 0; col < qr->width; col = run) {
			run = col;
			while (run < qr->width &&
			    (qr->data[row * qr->width + run] & 1))
				run++;
			if (run > col)
				cp__fill_rect(c->cv, x + m * (col + 1),
				    y + size - m * (row + 2), m * (run - col),
				    m, CP__INK);
			else
				run++;
		}
	}
	QRcode_free(qr);
}

static void
draw_footer(cover *c)
{
	const cp__plan *plan = c->plan;
	const cp_claim *claim = plan->claim;
	double qr = 74, bottom = c->r->paper.bottom;
	char text[400], date[16];

	snprintf(text, sizeof(text), "claimpack:1;ref=%s;sha256=%s",
	    claim->reference != NULL ? claim->reference : "",
	    c->r->fingerprint);
	cp__line_h(c->cv, c->left, c->right, bottom + qr + 14, 0.6, CP__RULE);
	draw_qr(c, c->left, bottom, qr, text);
	cp__text(c->cv, c->left + qr + 10, bottom + qr - 12,
	    "Bundle fingerprint 文件指纹 (SHA-256 of the manifest and every "
	    "file)", 7.5, CP__MUTED, false);
	snprintf(text, sizeof(text), "%.32s", c->r->fingerprint);
	cp__text(c->cv, c->left + qr + 10, bottom + qr - 24, text, 8,
	    CP__INK, false);
	cp__text(c->cv, c->left + qr + 10, bottom + qr - 34,
	    c->r->fingerprint + 32, 8, CP__INK, false);
	cp__date_format(date, sizeof(date), claim->prepared);
	snprintf(text, sizeof(text), "Prepared 制表日期 %s  ·  claimpack %s",
	    date, CP_VERSION);
	cp__text(c->cv, c->left + qr + 10, bottom + 4, text, 7.5, CP__MUTED,
	    false);
	cp__line_h(c->cv, c->right - 190, c->right, bottom + 34, 0.6,
	    CP__INK);
	cp__text(c->cv, c->right - 190, bottom + 24, "Signature 签名", 7.5,
	    CP__MUTED, false);
	cp__line_h(c->cv, c->right - 190, c->right - 110, bottom + 4 + 10,
	    0.6, CP__INK);
	cp__text(c->cv, c->right - 190, bottom + 4, "Date 日期", 7.5,
	    CP__MUTED, false);
}

int
cp__render_cover(cp__canvas *cv, const cp__render *r)
{
	cover c;

	memset(&c, 0, sizeof(c));
	c.cv = cv;
	c.r = r;
	c.v = r->view;
	c.plan = r->view->plan;
	c.left = r->paper.margin;
	c.right = r->paper.width - r->paper.margin;
	cp__canvas_page(cv, r->paper.width, r->paper.height);
	draw_header(&c);
	draw_patient(&c);
	draw_episodes(&c);
	draw_total(&c);
	draw_checks(&c);
	draw_invoices(&c);
	draw_contents(&c);
	draw_footer(&c);
	cv->field = NULL;
	return cp__canvas_failed(cv) ? CP_EIO : CP_OK;
}
