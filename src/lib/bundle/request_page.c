/* request_page.c - a page of the request slip: what a patient shows at
 * a hospital's desks, Chinese first with English beneath each line. */
#include <stdio.h>
#include <string.h>

#include "bundle/phrase.h"
#include "bundle/request.h"
#include "manifest/doctype.h"
#include "manifest/name.h"
#include "util/utf8.h"

/* The sizes a clerk reads at arm's length, and the English beneath. */
#define ZH 12.0
#define ZH_LEAD 15.5
#define EN 8.5
#define EN_LEAD 11.0
/* Room under the asks for the closing lines, the staff's box and the
 * footer, on the last page of a hospital; the pages before it fill down
 * to the footer (FOOTER_ROOM). */
#define FOOT_ROOM 134.0
#define FOOTER_ROOM 24.0
/* Where the text of an ask starts, right of its tick box. */
#define ASK_INDENT 18.0

typedef struct {
	cp__canvas *cv;
	const cp__request_plan *plan;
	const cp__request_page *page;
	const cp__paper *paper;
	double left, right, y;      /* y: the baseline of the next line */
	size_t drawn;               /* pages drawn for this hospital */
} slip;

static const char *
kind_en(cp__episode_kind k)
{
	return k == CP__EPISODE_INPATIENT ? "Inpatient stay" :
	    k == CP__EPISODE_EMERGENCY ? "Emergency visit" : "Outpatient visit";
}

/* "住院 2026-10-03 至 2026-10-09" and "Inpatient stay, 2026-10-03 to
 * 2026-10-09"; the dates said not given when the manifest leaves the
 * start out (fact-missing). */
static void
episode_dates(char *zh, char *en, size_t size, const cp__episode *ep)
{
	char a[16], b[16];

	if (!ep->has_start) {
		snprintf(zh, size, "%s（日期未填）",
		    cp__episode_kind_zh(ep->kind));
		snprintf(en, size, "%s (dates not given)", kind_en(ep->kind));
		return;
	}
	cp__date_format(a, sizeof(a), ep->start);
	cp__date_format(b, sizeof(b), ep->end);
	if (ep->end == ep->start) {
		snprintf(zh, size, "%s %s", cp__episode_kind_zh(ep->kind), a);
		snprintf(en, size, "%s, %s", kind_en(ep->kind), a);
	} else {
		snprintf(zh, size, "%s %s 至 %s",
		    cp__episode_kind_zh(ep->kind), a, b);
		snprintf(en, size, "%s, %s to %s", kind_en(ep->kind), a, b);
	}
}

/* "for the inpatient stay of 2026-10-03 to 2026-10-09": which of a
 * hospital's episodes an ask is for, within an English sentence. */
static void
episode_phrase(char *en, size_t size, const cp__episode *ep)
{
	const char *kind = ep->kind == CP__EPISODE_INPATIENT ?
	    "inpatient stay" : ep->kind == CP__EPISODE_EMERGENCY ?
	    "emergency visit" : "outpatient visit";
	char a[16], b[16];

	if (!ep->has_start) {
		snprintf(en, size, "for the %s (dates not given)", kind);
		return;
	}
	cp__date_format(a, sizeof(a), ep->start);
	cp__date_format(b, sizeof(b), ep->end);
	if (ep->end == ep->start)
		snprintf(en, size, "for the %s of %s", kind, a);
	else
		snprintf(en, size, "for the %s of %s to %s", kind, a, b);
}

/* The most lines one text of the slip takes; a longer one ends in an
 * ellipsis. */
#define MAX_LINES 6

/* The height of `text` wrapped to `width` (at most MAX_LINES lines). */
static double
height_of(slip *s, const char *text, double size, double leading,
    double width)
{
	size_t n = cp__wrap(s->cv, text, size, width, NULL, 0);

	return (double)(n < MAX_LINES ? n : MAX_LINES) * leading;
}

/* A line in Chinese and its English beneath, each wrapped to `width`
 * from x; moves the cursor below them. */
static void
pair(slip *s, double x, double width, const char *zh, const char *en,
    cp__rgb color)
{
	size_t n;

	n = cp__text_box(s->cv, x, s->y, width, zh, ZH, ZH_LEAD, MAX_LINES,
	    color, false);
	s->y -= (double)n * ZH_LEAD - (ZH_LEAD - EN_LEAD) + 1;
	n = cp__text_box(s->cv, x, s->y, width, en, EN, EN_LEAD, MAX_LINES,
	    CP__MUTED, false);
	s->y -= (double)n * EN_LEAD + 4;
}

static double
pair_height(slip *s, double width, const char *zh, const char *en)
{
	return height_of(s, zh, ZH, ZH_LEAD, width) - (ZH_LEAD - EN_LEAD) + 1 +
	    height_of(s, en, EN, EN_LEAD, width) + 4;
}

/* ---- the top of a page ------------------------------------------------- */

static void
draw_title(slip *s)
{
	const cp__paper *p = s->paper;

	cp__fill_rect(s->cv, 0, p->height - 10, p->width, 10, CP__ACCENT);
	s->y = p->height - p->top - 8;
	cp__text(s->cv, s->left, s->y, "就诊资料办理申请", 20, CP__INK, true);
	if (s->drawn > 0)
		cp__text_right(s->cv, s->right, s->y, "续页  continued", 9,
		    CP__MUTED, false);
	s->y -= 17;
	cp__text(s->cv, s->left, s->y, "Request for medical papers and name "
	    "corrections", 10.5, CP__MUTED, false);
	s->y -= 14;
}

/* The hospital the page is for, or the dates of its stay when the
 * manifest names no hospital. */
static void
draw_hospital(slip *s)
{
	const cp__request_page *page = s->page;
	const cp__episode *ep = &s->plan->claim->episodes[page->episodes[0]];
	double w = s->right - s->left - 24, top = s->y, h;
	const char *big, *small;
	char zh[200], en[200], small_buf[300];

	if (page->hospital != NULL || page->hospital_zh != NULL) {
		big = page->hospital_zh != NULL ? page->hospital_zh :
		    page->hospital;
		small = page->hospital_zh != NULL ? page->hospital : NULL;
	} else {
		episode_dates(zh, en, sizeof(zh), ep);
		snprintf(small_buf, sizeof(small_buf), "%s (the claim does not "
		    "name the hospital)", en);
		big = zh;
		small = small_buf;
	}
	h = 32 + height_of(s, big, 16, 19, w) - 19 +
	    (small != NULL ? 1 + height_of(s, small, 10.5, 13, w) : 0);
	cp__fill_rect(s->cv, s->left, top - h, s->right - s->left, h,
	    CP__TINT);
	cp__fill_rect(s->cv, s->left, top - h, 4, h, CP__ACCENT);
	s->y = top - 22;
	s->cv->field = "episode hospital";
	s->y -= (double)(cp__text_box(s->cv, s->left + 14, s->y, w, big, 16,
	    19, MAX_LINES, CP__INK, true) - 1) * 19;
	if (small != NULL) {
		s->y -= 14;
		cp__text_box(s->cv, s->left + 14, s->y, w, small, 10.5, 13,
		    MAX_LINES, CP__INK, false);
	}
	s->cv->field = NULL;
	s->y = top - h - 20;
}

static void
draw_opening(slip *s)
{
	double w = s->right - s->left;

	pair(s, s->left, w, "您好！我即将离开中国，保险公司或单位需要以下资料，"
	    "请协助办理，谢谢！", "Hello. I am leaving China soon, and my "
	    "insurer or employer needs the papers below. Could you please "
	    "help? Thank you.", CP__INK);
}

/* A label (Chinese and English, small) above a value. */
static void
field(slip *s, double x, double y, double width, const char *label,
    const char *value, const char *which)
{
	s->cv->field = "label";
	cp__text_box(s->cv, x, y, width, label, 7.5, 9, 1, CP__MUTED, false);
	s->cv->field = which;
	cp__text_box(s->cv, x, y - 15, width, value, 12, 14, 1, CP__INK, true);
	s->cv->field = NULL;
}

/* The first of patient.aliases in Chinese characters, or NULL. */
static const char *
chinese_alias(const cp_claim *claim)
{
	size_t i;

	for (i = 0; i < claim->naliases; i++)
		if (cp__name_has_cjk(claim->aliases[i]))
			return claim->aliases[i];
	return NULL;
}

static void
draw_patient(slip *s)
{
	const cp_claim *claim = s->plan->claim;
	const cp_template *tpl = s->plan->tpl;
	const cp__request_page *page = s->page;
	double half = (s->right - s->left) / 2, x, top;
	char name[400], birth[16], zh[200], en[200];
	const char *fields[4][3];
	size_t n = 0, i, shown;

	cp__name_printed_form(name, sizeof(name), claim->patient_name);
	fields[n][0] = "患者姓名（护照）  Patient name (passport)";
	fields[n][1] = claim->patient_name != NULL ? name : "（未填） not given";
	fields[n++][2] = "patient.name";
	if (claim->passport != NULL) {
		fields[n][0] = "护照号码  Passport number";
		fields[n][1] = claim->passport;
		fields[n++][2] = "patient.passport";
	}
	if (claim->has_birth_date) {
		cp__date_format(birth, sizeof(birth), claim->birth_date);
		fields[n][0] = "出生日期  Date of birth";
		fields[n][1] = birth;
		fields[n++][2] = "patient.birth_date";
	}
	if (chinese_alias(claim) != NULL) {
		fields[n][0] = "中文名  Chinese name";
		fields[n][1] = chinese_alias(claim);
		fields[n++][2] = "patient.aliases";
	}
	s->y -= 12;
	for (i = 0; i < n; i++) {
		x = s->left + half * (double)(i % 2);
		field(s, x, s->y - 33 * (double)(i / 2), half - 12, fields[i][0],
		    fields[i][1], fields[i][2]);
	}
	s->y -= 33 * (double)((n + 1) / 2);
	/* The stays at the left, what the papers are for at the right. */
	top = s->y;
	s->cv->field = "label";
	cp__text(s->cv, s->left, s->y, page->nepisodes > 1 ?
	    "就诊日期  Dates of treatment" : "就诊日期  Date of treatment", 7.5,
	    CP__MUTED, false);
	cp__text(s->cv, s->left + half, s->y, "用于  For", 7.5, CP__MUTED,
	    false);
	s->cv->field = "template title";
	s->y -= 16;
	pair(s, s->left + half, half, tpl->title_zh, tpl->title_en, CP__INK);
	s->cv->field = NULL;
	x = s->y;
	s->y = top - 16;
	/* A hospital seen many times: the first stays, then how many more
	 * (each ask names the stay it is for). */
	shown = page->nepisodes <= 4 ? page->nepisodes : 3;
	for (i = 0; i < shown; i++) {
		episode_dates(zh, en, sizeof(zh),
		    &claim->episodes[page->episodes[i]]);
		pair(s, s->left, half - 12, zh, en, CP__INK);
	}
	if (shown < page->nepisodes) {
		snprintf(zh, sizeof(zh), "另有 %zu 次就诊", page->nepisodes -
		    shown);
		snprintf(en, sizeof(en), "and %zu more stays or visits",
		    page->nepisodes - shown);
		pair(s, s->left, half - 12, zh, en, CP__INK);
	}
	if (x < s->y)
		s->y = x;
	s->y -= 10;
}

/* ---- what to ask for ---------------------------------------------------- */

/* "费用清单" / "Itemized expense list", alternatives joined by 或 / or. */
static void
paper_names(char *zh, char *en, size_t size, cp__typeset set)
{
	const cp_doctype *t;
	size_t i, n = 0;

	zh[0] = en[0] = '\0';
	for (i = 0; i < cp_doctype_count(); i++) {
		if (!(set & (1u << i)))
			continue;
		t = cp_doctype_at(i);
		/* Image files come on a CD or as a download code: either
		 * will do, and the clerk should know which is meant. */
		snprintf(zh + strlen(zh), size - strlen(zh), "%s%s%s",
		    n ? " 或 " : "", t->zh, i == CP__DT_IMAGING_FILES ?
		    "（光盘或下载二维码）" : "");
		snprintf(en + strlen(en), size - strlen(en), "%s%s%s",
		    n ? " or " : "", t->en, i == CP__DT_IMAGING_FILES ?
		    ", on CD or as a download code" : "");
		n++;
	}
	if (n > 1) {
		snprintf(zh + strlen(zh), size - strlen(zh), "（其一即可）");
		snprintf(en + strlen(en), size - strlen(en), " (either will do)");
	}
}

/* The lines of one ask: up to two pairs of Chinese and English. */
typedef struct {
	char zh[2][700];
	char en[2][700];
	size_t n;
	const char *field;          /* where the first pair's text is from */
} ask_text;

static void
paper_text(const slip *s, const cp__ask *a, ask_text *t)
{
	char zh[400], en[400], dzh[200], den[200];

	paper_names(zh, en, sizeof(zh), a->any_of);
	if (a->lack == CP__LACK_REQUIRED) {
		snprintf(t->zh[0], sizeof(t->zh[0]), "请提供：%s", zh);
		snprintf(t->en[0], sizeof(t->en[0]), "Please provide: %s", en);
	} else {
		snprintf(t->zh[0], sizeof(t->zh[0]), "如有，请提供：%s", zh);
		snprintf(t->en[0], sizeof(t->en[0]), "If there is one, please "
		    "provide: %s", en);
	}
	/* With several stays at the hospital, which one it is for. */
	if (s->page->nepisodes > 1) {
		episode_dates(dzh, den, sizeof(dzh),
		    &s->plan->claim->episodes[a->episode]);
		episode_phrase(den, sizeof(den),
		    &s->plan->claim->episodes[a->episode]);
		snprintf(t->zh[0] + strlen(t->zh[0]), sizeof(t->zh[0]) -
		    strlen(t->zh[0]), "（%s）", dzh);
		snprintf(t->en[0] + strlen(t->en[0]), sizeof(t->en[0]) -
		    strlen(t->en[0]), ", %s", den);
	}
	t->n = 1;
	t->field = "document type";
}

static void
name_text(const slip *s, const cp__ask *a, ask_text *t)
{
	const cp_claim *claim = s->plan->claim;
	const cp__document *doc = &claim->documents[a->doc];
	const cp_doctype *type = cp_doctype_at(doc->type);
	char which_zh[300] = "", which_en[300] = "", date[16], name[400];

	/* Which paper: its date, its invoice number, its title. */
	if (doc->has_date) {
		cp__date_format(date, sizeof(date), doc->date);
		snprintf(which_zh, sizeof(which_zh), "%s", date);
		snprintf(which_en, sizeof(which_en), " of %s", date);
	}
	if (doc->type == CP__DT_FAPIAO && doc->invoice.number != NULL) {
		snprintf(which_zh + strlen(which_zh), sizeof(which_zh) -
		    strlen(which_zh), "%s票据号码 %s", which_zh[0] ? "，" : "",
		    doc->invoice.number);
		snprintf(which_en + strlen(which_en), sizeof(which_en) -
		    strlen(which_en), ", number %s", doc->invoice.number);
	}
	if (doc->title != NULL) {
		snprintf(which_zh + strlen(which_zh), sizeof(which_zh) -
		    strlen(which_zh), "%s%s", which_zh[0] ? "，" : "",
		    doc->title);
		snprintf(which_en + strlen(which_en), sizeof(which_en) -
		    strlen(which_en), ", \"%s\"", doc->title);
	}
	snprintf(t->zh[0], sizeof(t->zh[0]), "%s%s%s%s 现印姓名：%s",
	    type->zh, which_zh[0] ? "（" : "", which_zh, which_zh[0] ? "）" :
	    "", doc->name);
	snprintf(t->en[0], sizeof(t->en[0]), "%s%s: the name printed is %s",
	    type->en, which_en, doc->name);
	cp__name_printed_form(name, sizeof(name), claim->patient_name);
	snprintf(t->zh[1], sizeof(t->zh[1]), "请将姓名更正为护照姓名：%s", name);
	snprintf(t->en[1], sizeof(t->en[1]), "Please correct the name to the "
	    "passport name: %s", name);
	t->n = 2;
	t->field = "document name";
}

static void
ask_text_of(const slip *s, const cp__ask *a, ask_text *t)
{
	size_t i;

	if (a->name)
		name_text(s, a, t);
	else
		paper_text(s, a, t);
	/* A name or title too long for its line is cut by snprintf:
	 * never inside a character. */
	for (i = 0; i < t->n; i++) {
		t->zh[i][cp__utf8_cut(t->zh[i], strlen(t->zh[i]))] = '\0';
		t->en[i][cp__utf8_cut(t->en[i], strlen(t->en[i]))] = '\0';
	}
}

static double
ask_height(slip *s, const ask_text *t)
{
	double w = s->right - s->left - ASK_INDENT, h = 4;
	size_t i;

	for (i = 0; i < t->n; i++)
		h += pair_height(s, w, t->zh[i], t->en[i]);
	return h;
}

/* A tick box, then the ask's lines. */
static void
draw_ask(slip *s, const ask_text *t)
{
	double w = s->right - s->left - ASK_INDENT;
	size_t i;

	cp__stroke_rect(s->cv, s->left + 1, s->y - 1, 10, 10, 0.8, CP__INK);
	for (i = 0; i < t->n; i++) {
		s->cv->field = i == 0 ? t->field : "patient.name";
		pair(s, s->left + ASK_INDENT, w, t->zh[i], t->en[i], i == 1 ?
		    CP__ACCENT : CP__INK);
	}
	s->cv->field = NULL;
	s->y -= 4;
}

#define DESK_HEADING_H 31.0

static void
draw_desk(slip *s, const cp__desk *desk)
{
	double w;

	s->y -= 8;
	s->cv->field = "template desk";
	cp__text(s->cv, s->left, s->y, desk->zh, 14, CP__ACCENT, true);
	w = cp__text_width(s->cv, desk->zh, 14);
	cp__text(s->cv, s->left + w + 10, s->y, desk->en, 9.5, CP__ACCENT,
	    false);
	s->cv->field = NULL;
	cp__line_h(s->cv, s->left, s->right, s->y - 6, 0.6, CP__RULE);
	s->y -= DESK_HEADING_H - 8;
}

static void
draw_nothing(slip *s)
{
	static const char zh[] = "本院的资料已齐全，姓名均与护照一致，无需办理。";
	static const char en[] = "Nothing to ask here: the claim has every "
	    "paper it needs from this hospital, and every name on them "
	    "matches the passport.";
	double w = s->right - s->left - 48, top, h;

	s->y -= 12;
	top = s->y + 16;
	h = pair_height(s, w, zh, en) + 16;
	cp__fill_rect(s->cv, s->left, top - h, s->right - s->left, h,
	    CP__TINT);
	cp__mark_ok(s->cv, s->left + 12, s->y - 6, 14, CP__GOOD);
	pair(s, s->left + 36, w, zh, en, CP__INK);
	s->y = top - h - 14;
}

/* ---- the foot of a page ------------------------------------------------ */

static void
draw_footer(slip *s)
{
	const cp_claim *claim = s->plan->claim;
	double bottom = s->paper->bottom;
	char line[400], date[16];

	cp__date_format(date, sizeof(date), claim->prepared);
	snprintf(line, sizeof(line), "%s%s%s制表日期 Prepared %s  ·  "
	    "claimpack %s", claim->reference != NULL ?
	    "理赔编号 Claim reference " : "", claim->reference != NULL ?
	    claim->reference : "", claim->reference != NULL ? "  ·  " : "",
	    date, CP_VERSION);
	s->cv->field = "claim.reference";
	cp__text(s->cv, s->left, bottom, line, 7, CP__MUTED, false);
	s->cv->field = NULL;
}

/* The closing lines and the box the staff fill in, on the last page of
 * a hospital. */
static void
draw_closing(slip *s)
{
	double bottom = s->paper->bottom + 16, h = 76, w = s->right - s->left;
	double stamp = 64, x;

	s->y = bottom + h + 32;
	pair(s, s->left, w, "衷心感谢您的帮助！", "Thank you very much for "
	    "your help!", CP__INK);
	cp__stroke_rect(s->cv, s->left, bottom, w, h, 0.8, CP__RULE);
	cp__text(s->cv, s->left + 10, bottom + h - 13, "医院经办人填写  "
	    "For the hospital's staff", 7.5, CP__MUTED, false);
	/* The stamp goes in a square of its own, at the right. */
	x = s->right - stamp - 10;
	cp__stroke_rect(s->cv, x, bottom + 6, stamp, stamp, 0.6, CP__MUTED);
	cp__text_center(s->cv, x + stamp / 2, bottom + 6 + stamp / 2 + 2,
	    "盖章", 12, CP__RULE, false);
	cp__text_center(s->cv, x + stamp / 2, bottom + 6 + stamp / 2 - 12,
	    "Stamp", 8, CP__RULE, false);
	cp__line_h(s->cv, s->left + 10, x - 20, bottom + 40, 0.6, CP__INK);
	cp__text(s->cv, s->left + 10, bottom + 30, "签名  Signature", 8,
	    CP__MUTED, false);
	cp__line_h(s->cv, s->left + 10, s->left + 190, bottom + 17, 0.6,
	    CP__INK);
	cp__text(s->cv, s->left + 10, bottom + 7, "日期  Date", 8, CP__MUTED,
	    false);
}

/* ---- a hospital's pages ------------------------------------------------- */

static void
new_page(slip *s)
{
	cp__canvas_page(s->cv, s->paper->width, s->paper->height);
	draw_title(s);
	draw_hospital(s);
	draw_footer(s);
	s->drawn++;
}

size_t
cp__request_draw(cp__canvas *cv, const cp__request_plan *plan, size_t p,
    const cp__paper *paper)
{
	const cp__request_page *page = &plan->pages[p];
	const cp__desk *desk = NULL, *prev = NULL;
	ask_text t;
	/* The last page keeps room for the closing and the staff's box;
	 * the pages before it may fill down to the footer. */
	double last_limit = paper->bottom + FOOT_ROOM;
	double limit = paper->bottom + FOOTER_ROOM, need, rest = 0;
	slip s;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.cv = cv;
	s.plan = plan;
	s.page = page;
	s.paper = paper;
	s.left = paper->margin;
	s.right = paper->width - paper->margin;
	/* What all the asks need, for knowing when the rest fits above
	 * the closing. */
	for (i = 0; i < page->nasks; i++) {
		ask_text_of(&s, &page->asks[i], &t);
		rest += ask_height(&s, &t) + (page->asks[i].desk != prev ?
		    DESK_HEADING_H : 0);
		prev = page->asks[i].desk;
	}
	new_page(&s);
	draw_opening(&s);
	draw_patient(&s);
	if (page->nasks == 0)
		draw_nothing(&s);
	for (i = 0; i < page->nasks; i++) {
		ask_text_of(&s, &page->asks[i], &t);
		need = ask_height(&s, &t) + (page->asks[i].desk != desk ?
		    DESK_HEADING_H : 0);
		/* On a page the rest does not fit on with the closing, asks
		 * go down to the footer, but the last goes over with the
		 * closing; a desk's heading never stays behind without its
		 * first ask. */
		if (s.y - rest < last_limit && (s.y - need < limit ||
		    i + 1 == page->nasks)) {
			new_page(&s);
			desk = NULL;
			need = ask_height(&s, &t) + DESK_HEADING_H;
		}
		if (page->asks[i].desk != desk) {
			desk = page->asks[i].desk;
			draw_desk(&s, desk);
		}
		draw_ask(&s, &t);
		rest -= need;
	}
	/* The closing and the box go on a page of their own when the last
	 * asks leave no room for them. */
	if (s.y < last_limit)
		new_page(&s);
	draw_closing(&s);
	return s.drawn;
}
