/*
 * text_labels.c - labelled values in the text printed on a paper.
 *
 * A text layer gives a page's words roughly in reading order: a label
 * and its value on one line ("发票号码：83089647"), several pairs on one
 * line, or the value on the line after its label.  Printers space their
 * labels out ("开 票 日 期"), use full-width digits and colons, and
 * print one date four ways.  So the text is first folded into one form
 * (full-width ASCII to ASCII, ideographic spaces to spaces, ￥ to ¥, bytes
 * that are not UTF-8 dropped), and then read with a table of labels: each label
 * found starts a value of its kind, and every label, whether its value
 * is wanted or not, ends the value before it.
 *
 * Invoice fields (code, number, check code, amounts, buyer, seller) are
 * kept only when the page also names the invoice's code or number: a
 * "合计(小写)" on an expense list is not an invoice's total.  Names and
 * dates are facts of any paper and are kept as they come.
 */
#include "read/readers.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimpack.h"
#include "manifest/amount.h"
#include "manifest/date.h"
#include "manifest/doctype.h"
#include "manifest/invoice_id.h"
#include "util/utf8.h"

/* A page's text layer of more than this is no paper's: only its start
 * is read, which keeps the time spent on any input linear and small. */
#define MAX_TEXT (2u * 1024u * 1024u)

/* Longest value kept as a person's name (21 Chinese characters), and as
 * an organisation's; a longer value is the rest of a line, not a name,
 * and is dropped rather than cut into a wrong name. */
#define MAX_PERSON 64
#define MAX_ORG 150

/* The title is looked for in the first lines of a page only, in lines
 * that are short and hold no colon (a label line is no title). */
#define TITLE_LINES 10
#define TITLE_MAX 120

/* Spaces allowed between the characters of a letter-spaced label, and
 * between a label and its value: more is another column of the page,
 * and the bound keeps a page of spaces from being crossed once per
 * label. */
#define LABEL_GAP 3
#define VALUE_GAP 200

typedef enum {
	L_STOP = 0,         /* ends a value; its own value is not wanted */
	L_CODE,             /* 发票代码, 票据代码 */
	L_NUMBER,           /* 发票号码, 票据号码 */
	L_ISSUE,            /* 开票日期 */
	L_CHECK,            /* 校验码 */
	L_TOTAL,            /* 价税合计(小写), 金额合计, (小写) */
	L_BEFORE_TAX,       /* 合计金额 */
	L_TAX_ROW,          /* 合计 ¥<before tax> ¥<tax> on a VAT invoice */
	L_BUYER,            /* 购买方名称 */
	L_SELLER,           /* 销售方名称, 收款单位, 开票单位 */
	L_PARTY,            /* 名称: the buyer's or the seller's, by context */
	L_PAYER,            /* 交款人 */
	L_PATIENT,          /* 姓名, 患者姓名 */
	L_ADMISSION,        /* 入院日期 */
	L_DISCHARGE,        /* 出院日期 */
	L_REPORT,           /* 报告日期 */
	L_STAY,             /* 住院日期: <admission> 至 <discharge> */
	L_IN_BUYER,         /* 购买方, 购: what follows is the buyer's */
	L_IN_SELLER         /* 销售方, 销: what follows is the seller's */
} label_kind;

/* A label that is also a common part of other words counts only after a
 * line start, a space, punctuation or a digit, or when a colon follows
 * it ("单位" in "事业单位" is none; "张三性别：男" holds 性别). */
#define LEFT 1u
/* The same without the colon: "联系人姓名：李四" names no patient, and
 * "医院名称：" no buyer. */
#define EDGE 2u
/* A one-character marker counts only standing alone ("购 名称"). */
#define ALONE 4u

typedef struct {
	const char *text;       /* as folded: ASCII parentheses and colons */
	label_kind kind;
	unsigned flags;
} label;

/*
 * The labels, folded.  At one place in the text the longest label wins
 * ("金额合计(大写)" over "金额合计", "交款人统一社会信用代码" over
 * "交款人").  The L_STOP rows are labels printed on invoices and
 * hospital papers whose values are not read: they end the value before
 * them, so "姓名：王小东 性别：男" gives the name 王小东.
 */
static const label labels[] = {
	{ "发票代码", L_CODE, 0 },
	{ "票据代码", L_CODE, 0 },
	{ "发票号码", L_NUMBER, 0 },
	{ "票据号码", L_NUMBER, 0 },
	{ "开票日期", L_ISSUE, 0 },
	{ "开具日期", L_ISSUE, 0 },
	{ "校验码", L_CHECK, 0 },
	{ "价税合计(小写)", L_TOTAL, 0 },
	{ "金额合计(小写)", L_TOTAL, 0 },
	{ "合计(小写)", L_TOTAL, 0 },
	{ "(小写)", L_TOTAL, 0 },
	{ "小写", L_TOTAL, LEFT },
	{ "金额合计", L_TOTAL, 0 },
	{ "费用合计", L_TOTAL, 0 },
	{ "费用总额", L_TOTAL, 0 },
	{ "总费用", L_TOTAL, 0 },
	{ "总金额", L_TOTAL, 0 },
	{ "合计金额", L_BEFORE_TAX, 0 },
	{ "合计", L_TAX_ROW, LEFT },
	{ "购买方名称", L_BUYER, 0 },
	{ "销售方名称", L_SELLER, 0 },
	{ "收款单位", L_SELLER, 0 },
	{ "收款单位(章)", L_SELLER, 0 },
	{ "开票单位", L_SELLER, 0 },
	{ "名称", L_PARTY, EDGE },
	{ "交款人", L_PAYER, 0 },
	{ "姓名", L_PATIENT, EDGE },
	{ "患者姓名", L_PATIENT, 0 },
	{ "病人姓名", L_PATIENT, 0 },
	{ "入院日期", L_ADMISSION, 0 },
	{ "入院时间", L_ADMISSION, 0 },
	{ "出院日期", L_DISCHARGE, 0 },
	{ "出院时间", L_DISCHARGE, 0 },
	{ "报告日期", L_REPORT, 0 },
	{ "报告时间", L_REPORT, 0 },
	{ "住院日期", L_STAY, 0 },
	{ "购买方信息", L_IN_BUYER, 0 },
	{ "购买方", L_IN_BUYER, 0 },
	{ "购", L_IN_BUYER, ALONE },
	{ "销售方信息", L_IN_SELLER, 0 },
	{ "销售方", L_IN_SELLER, 0 },
	{ "销", L_IN_SELLER, ALONE },
	/* Printed beside the values above; read only as ends. */
	{ "价税合计(大写)", L_STOP, 0 },
	{ "金额合计(大写)", L_STOP, 0 },
	{ "合计(大写)", L_STOP, 0 },
	{ "(大写)", L_STOP, 0 },
	{ "大写", L_STOP, LEFT },
	{ "交款人统一社会信用代码", L_STOP, 0 },
	{ "统一社会信用代码", L_STOP, 0 },
	{ "纳税人识别号", L_STOP, 0 },
	{ "销售方(章)", L_STOP, 0 },
	{ "地址", L_STOP, LEFT },
	{ "电话", L_STOP, LEFT },
	{ "开户行及账号", L_STOP, 0 },
	{ "密码区", L_STOP, 0 },
	{ "机器编号", L_STOP, 0 },
	{ "备注", L_STOP, LEFT },
	{ "收款人", L_STOP, 0 },
	{ "复核人", L_STOP, 0 },
	{ "复核", L_STOP, LEFT },
	{ "开票人", L_STOP, 0 },
	{ "项目名称", L_STOP, 0 },
	{ "规格型号", L_STOP, 0 },
	{ "单位", L_STOP, LEFT },
	{ "数量", L_STOP, LEFT },
	{ "单价", L_STOP, LEFT },
	{ "金额", L_STOP, LEFT },
	{ "税率", L_STOP, LEFT },
	{ "税额", L_STOP, LEFT },
	{ "业务流水号", L_STOP, 0 },
	{ "医疗机构类型", L_STOP, 0 },
	{ "医保类型", L_STOP, 0 },
	{ "医保编号", L_STOP, 0 },
	{ "社会保障号码", L_STOP, 0 },
	{ "性别", L_STOP, LEFT },
	{ "年龄", L_STOP, LEFT },
	{ "民族", L_STOP, LEFT },
	{ "职业", L_STOP, LEFT },
	{ "科室", L_STOP, LEFT },
	{ "科别", L_STOP, LEFT },
	{ "病区", L_STOP, LEFT },
	{ "床号", L_STOP, LEFT },
	{ "住院号", L_STOP, 0 },
	{ "门诊号", L_STOP, 0 },
	{ "病案号", L_STOP, 0 },
	{ "住院天数", L_STOP, 0 },
	{ "入院诊断", L_STOP, 0 },
	{ "出院诊断", L_STOP, 0 },
	{ "诊断", L_STOP, LEFT },
};

/*
 * Words of a paper's title and the document type they name (indexes of
 * manifest/doctype.c, whose keys paper->type then points to).  Within
 * one line the first row that fits wins: 病理检查报告 is a pathology
 * report before it is an imaging 检查报告.
 */
static const struct {
	const char *word;
	int type;
} titles[] = {
	{ "翻译件", CP__DT_TRANSLATION },
	{ "译文", CP__DT_TRANSLATION },
	{ "出院小结", CP__DT_DISCHARGE_SUMMARY },
	{ "出院记录", CP__DT_DISCHARGE_SUMMARY },
	{ "住院费用清单", CP__DT_EXPENSE_LIST },
	{ "费用清单", CP__DT_EXPENSE_LIST },
	{ "费用明细", CP__DT_EXPENSE_LIST },
	{ "收费明细", CP__DT_EXPENSE_LIST },
	{ "病理报告", CP__DT_PATHOLOGY_REPORT },
	{ "病理诊断报告", CP__DT_PATHOLOGY_REPORT },
	{ "病理检查报告", CP__DT_PATHOLOGY_REPORT },
	{ "检验报告", CP__DT_LAB_REPORT },
	{ "影像报告", CP__DT_IMAGING_REPORT },
	{ "检查报告", CP__DT_IMAGING_REPORT },
	{ "放射", CP__DT_IMAGING_REPORT },
	{ "手术记录", CP__DT_OPERATIVE_NOTE },
	{ "诊断证明", CP__DT_DIAGNOSIS_CERTIFICATE },
	{ "门诊病历", CP__DT_OUTPATIENT_RECORD },
	{ "处方", CP__DT_PRESCRIPTION },
	{ "发票", CP__DT_FAPIAO },
	{ "电子票据", CP__DT_FAPIAO },
	{ "收费票据", CP__DT_FAPIAO },
};

/* Values too common to be anybody's name: a VAT invoice to a private
 * person names its buyer 个人 ("individual"). */
static const char *const not_names[] = { "个人", "无" };

/* The folded text of one page: valid UTF-8 without NUL bytes, `n`
 * bytes and a NUL after them. */
typedef struct {
	const char *t;
	size_t n;
} page_text;

/* What one page says about its invoice, kept until the page is read. */
typedef struct {
	char code[16];
	char number[24];
	char check[24];
	bool has_date, has_total, has_before;
	bool has_list_total;    /* "合计 12850.40" without ¥: a list's */
	int64_t list_total;
	cp__date date;
	int64_t total, before;
	char buyer[MAX_ORG + 1];
	char seller[MAX_ORG + 1];
} invoice_seen;

/* ---- folding ---------------------------------------------------------- */

/*
 * The one form the labels are written in.  Every result is at most as
 * long in UTF-8 as the character it replaces, so folding in place of a
 * buffer of the input's size cannot overflow.
 */
static uint32_t
fold(uint32_t c)
{
	if (c >= 0xff01 && c <= 0xff5e)         /* full-width ASCII */
		return c - 0xfee0;
	switch (c) {
	case 0x3000:                            /* ideographic space */
	case 0x00a0:                            /* no-break space */
	case '\t':
		return ' ';
	case '\n':
	case 0x0000:
	case '\r':
	case '\f':                              /* poppler's page end */
	case '\v':
		return '\n';
	case 0xffe5:                            /* ￥ */
		return 0x00a5;                  /* ¥ */
	case 0x2236:                            /* ∶ ratio, used as a colon */
	case 0xfe55:                            /* ﹕ */
	case 0xfe13:                            /* ︓ */
		return ':';
	case 0xfe59:
		return '(';
	case 0xfe5a:
		return ')';
	default:
		break;
	}
	if (c < 0x20 || c == 0x7f)
		return ' ';
	return c;
}

/* Folds `len` bytes of `in` into `out` (len + 1 bytes); returns the
 * length written.  Bytes that are not UTF-8 are noise, not text: they
 * are dropped. */
static size_t
fold_text(char *out, const char *in, size_t len)
{
	size_t i = 0, o = 0, k;
	uint32_t c;

	while (i < len) {
		if ((k = cp__utf8_decode(in + i, len - i, &c)) == 0) {
			i++;
			continue;
		}
		i += k;
		/* "\r\n" is one line end; zero-width characters and byte
		 * order marks would split a label in two. */
		if ((c == '\r' && i < len && in[i] == '\n') ||
		    (c >= 0x200b && c <= 0x200d) || c == 0x2060 ||
		    c == 0xfeff)
			continue;
		o += cp__utf8_encode(fold(c), out + o);
	}
	out[o] = '\0';
	return o;
}

/* ---- characters ------------------------------------------------------- */

/* The length of the character at p[i] (the text is valid UTF-8). */
static size_t
char_len(const page_text *p, size_t i)
{
	unsigned char b = (unsigned char)p->t[i];

	if (b < 0x80)
		return 1;
	if (b < 0xe0)
		return 2;
	if (b < 0xf0)
		return 3;
	return 4;
}

/* The code point at p[i], or 0 at the end. */
static uint32_t
code_at(const page_text *p, size_t i)
{
	uint32_t c = 0;

	if (i >= p->n || cp__utf8_decode(p->t + i, p->n - i, &c) == 0)
		return 0;
	return c;
}

/* The code point before p[i], or 0 at the start. */
static uint32_t
code_before(const page_text *p, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)p->t[i] & 0xc0) == 0x80)
		i--;
	return code_at(p, i);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Punctuation and spaces of ASCII, of Latin-1, and of the CJK and
 * full-width blocks (what is left of them after folding). */
static bool
is_punct(uint32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'));
	return (c >= 0x00a0 && c <= 0x00bf) || c == 0x00d7 || c == 0x00f7 ||
	    (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe10 && c <= 0xfe6f) || (c >= 0xff00 && c <= 0xffef) ||
	    c == CP__UTF8_BAD;
}

/* Past at most VALUE_GAP spaces at p[i]. */
static size_t
skip_spaces(const page_text *p, size_t i)
{
	size_t start = i;

	while (i < p->n && p->t[i] == ' ' && i - start < VALUE_GAP)
		i++;
	return i;
}

/* True when p[i..] starts with `s`. */
static bool
at(const page_text *p, size_t i, const char *s)
{
	size_t k = strlen(s);

	return i <= p->n && p->n - i >= k && memcmp(p->t + i, s, k) == 0;
}

/* ---- labels ----------------------------------------------------------- */

/* The length of label `text` matched at p[i], spaces allowed between its
 * characters ("开 票 日 期"); 0 when it does not match. */
static size_t
match_label(const page_text *p, size_t i, const char *text)
{
	size_t j = i, k = 0, cl, gap;

	while (text[k] != '\0') {
		unsigned char b = (unsigned char)text[k];

		cl = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
		if (j >= p->n || p->n - j < cl || memcmp(p->t + j, text + k,
		    cl) != 0)
			return 0;
		j += cl;
		k += cl;
		if (text[k] == '\0')
			break;
		for (gap = 0; gap < LABEL_GAP && j + gap < p->n &&
		    p->t[j + gap] == ' '; gap++)
			;
		if (gap > 0 && j + gap < p->n &&
		    p->t[j + gap] == text[k])
			j += gap;
	}
	return j - i;
}

/* True when a colon follows p[j], after spaces. */
static bool
colon_after(const page_text *p, size_t j)
{
	j = skip_spaces(p, j);
	return j < p->n && p->t[j] == ':';
}

/* True when no letter stands right before p[i]. */
static bool
boundary_before(const page_text *p, size_t i)
{
	return i == 0 || is_punct(code_before(p, i)) || is_digit(p->t[i - 1]);
}

/*
 * The label at p[i], if any: the longest that fits there with its
 * conditions (LEFT, EDGE, ALONE).  Returns its row, and sets *end past it;
 * NULL when no label starts at i.
 */
static const label *
label_at(const page_text *p, size_t i, size_t *end)
{
	const label *best = NULL;
	size_t k, len, best_len = 0;

	if (i >= p->n || ((unsigned char)p->t[i] < 0x80 && p->t[i] != '('))
		return NULL;
	for (k = 0; k < sizeof(labels) / sizeof(labels[0]); k++) {
		const label *l = &labels[k];

		if (l->text[0] != p->t[i] ||
		    (len = match_label(p, i, l->text)) <= best_len)
			continue;
		if ((l->flags & LEFT) && !boundary_before(p, i) &&
		    !colon_after(p, i + len))
			continue;
		if ((l->flags & EDGE) && !boundary_before(p, i))
			continue;
		if ((l->flags & ALONE) && (!boundary_before(p, i) ||
		    (i + len < p->n && p->t[i + len] != ' ' &&
		    p->t[i + len] != '\n')))
			continue;
		best = l;
		best_len = len;
	}
	if (best != NULL)
		*end = i + best_len;
	return best;
}

/* Where the value after a label ending at p[j] starts: past spaces and
 * a colon or two, and on the next line when the label ends its line. */
static size_t
value_start(const page_text *p, size_t j)
{
	int colons = 0;
	size_t k;

	j = skip_spaces(p, j);
	/* A bilingual paper glosses its labels: "姓名 Name: SMITH", "票据
	 * 代码 Code: 11060126".  A short run of Latin words ending in a
	 * colon is the gloss, not the value. */
	if (j < p->n && ((p->t[j] >= 'A' && p->t[j] <= 'Z') ||
	    (p->t[j] >= 'a' && p->t[j] <= 'z'))) {
		for (k = j; k < p->n && k - j < 40 && (p->t[k] == ' ' ||
		    p->t[k] == '.' || p->t[k] == '/' || p->t[k] == '-' ||
		    (p->t[k] >= 'A' && p->t[k] <= 'Z') ||
		    (p->t[k] >= 'a' && p->t[k] <= 'z')); k++)
			;
		if (k < p->n && p->t[k] == ':')
			j = k;
	}
	while (j < p->n && p->t[j] == ':' && colons++ < 3)
		j = skip_spaces(p, j + 1);
	if (j < p->n && p->t[j] == '\n')
		j = skip_spaces(p, j + 1);
	return j;
}

/* ---- values ----------------------------------------------------------- */

/* Reads a run of digits at p[j] into buf; returns its length (0 when
 * there is none or it does not fit).  *end is set past it. */
static size_t
read_digits(const page_text *p, size_t j, char *buf, size_t size,
    size_t *end)
{
	size_t k = 0;

	/* Old paper invoices print "No 12345678". */
	if (at(p, j, "No.") || at(p, j, "NO."))
		j = skip_spaces(p, j + 3);
	else if (at(p, j, "No") || at(p, j, "NO"))
		j = skip_spaces(p, j + 2);
	while (j < p->n && is_digit(p->t[j])) {
		if (k + 1 >= size)
			return 0;
		buf[k++] = p->t[j++];
	}
	buf[k] = '\0';
	*end = j;
	return k;
}

/*
 * A check code: 20 digits, which a PDF prints in groups of five
 * ("06181 42718 70048 74225", joined here), or a fiscal receipt's 6
 * hexadecimal characters (lower-cased).  Returns true and fills buf (24
 * bytes) when it is one of those.
 */
static bool
read_check(const page_text *p, size_t j, char buf[24])
{
	size_t k = 0, gap;
	bool digits = true, joined = false;

	for (;;) {
		while (j < p->n && is_hex(p->t[j])) {
			if (k >= 20 + 1)
				return false;
			if (!is_digit(p->t[j]))
				digits = false;
			buf[k++] = p->t[j] >= 'A' && p->t[j] <= 'F' ?
			    (char)(p->t[j] - 'A' + 'a') : p->t[j];
			j++;
		}
		/* The next group of five, one or two spaces on. */
		for (gap = 0; gap < 2 && j + gap < p->n &&
		    p->t[j + gap] == ' '; gap++)
			;
		if (digits && k % 5 == 0 && k > 0 && k < 20 && gap > 0 &&
		    j + gap < p->n && is_digit(p->t[j + gap])) {
			j += gap;
			joined = true;
			continue;
		}
		break;
	}
	buf[k] = '\0';
	if (j < p->n && ((p->t[j] >= 'g' && p->t[j] <= 'z') ||
	    (p->t[j] >= 'G' && p->t[j] <= 'Z')))
		return false;           /* a word, not a code */
	/* Groups joined into anything but 20 digits were not a code
	 * ("12345 6" is no fiscal check code). */
	return (k == 20 && digits) || (k == 6 && !joined);
}

/* A number of 1 to `max` digits at p[*j]; moves *j past it. */
static bool
read_small(const page_text *p, size_t *j, size_t max, int *out)
{
	size_t k = 0;
	int v = 0;

	while (*j < p->n && is_digit(p->t[*j]) && k < max) {
		v = v * 10 + (p->t[*j] - '0');
		(*j)++;
		k++;
	}
	if (k == 0 || (*j < p->n && is_digit(p->t[*j])))
		return false;
	*out = v;
	return true;
}

/* A real calendar date in 1900..2999 (cp__date_parse says which). */
static bool
make_date(int y, int m, int d, cp__date *out)
{
	char buf[32];

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	return cp__date_parse(out, buf, NULL) == 0;
}

/*
 * A date at p[j] in any printed form: "2020年07月23日" (spaces allowed
 * around each part: "2019 年07 月20 日"), "2026-10-09", "2026/10/09",
 * "2026.10.09" (months and days of one or two digits), and "20261009",
 * which only a label makes a date.  A time after it is left alone.
 * Returns true, sets *out and *end past the date.
 */
static bool
read_date(const page_text *p, size_t j, cp__date *out, size_t *end)
{
	size_t start = j, k;
	int y, m, d;
	char sep;

	while (j < p->n && is_digit(p->t[j]) && j - start < 9)
		j++;
	k = j - start;
	if (k == 8 && (j >= p->n || !is_digit(p->t[j]))) {
		const char *s = p->t + start;

		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[4] - '0') * 10 + (s[5] - '0');
		d = (s[6] - '0') * 10 + (s[7] - '0');
		*end = j;
		return make_date(y, m, d, out);
	}
	j = start;
	if (k != 4 || !read_small(p, &j, 4, &y))
		return false;
	j = skip_spaces(p, j);
	if (at(p, j, "年")) {
		j = skip_spaces(p, j + strlen("年"));
		if (!read_small(p, &j, 2, &m))
			return false;
		j = skip_spaces(p, j);
		if (!at(p, j, "月"))
			return false;
		j = skip_spaces(p, j + strlen("月"));
		if (!read_small(p, &j, 2, &d))
			return false;
		k = skip_spaces(p, j);
		if (at(p, k, "日"))
			j = k + strlen("日");
	} else if (j < p->n && (p->t[j] == '-' || p->t[j] == '/' ||
	    p->t[j] == '.')) {
		sep = p->t[j];
		j = skip_spaces(p, j + 1);
		if (!read_small(p, &j, 2, &m))
			return false;
		j = skip_spaces(p, j);
		if (j >= p->n || p->t[j] != sep)
			return false;
		j = skip_spaces(p, j + 1);
		if (!read_small(p, &j, 2, &d))
			return false;
	} else {
		return false;
	}
	*end = j;
	return make_date(y, m, d, out);
}

/*
 * An amount at p[j]: "¥526.00", "526", "12,850.40" (thousands
 * separators dropped).  *marked says whether ¥ stood before it.
 * Returns true, sets *fen and *end past it.
 */
static bool
read_amount(const page_text *p, size_t j, int64_t *fen, bool *marked,
    size_t *end)
{
	char buf[32];
	size_t k = 0;

	*marked = false;
	if (at(p, j, "¥")) {
		*marked = true;
		j = skip_spaces(p, j + strlen("¥"));
	}
	if (j >= p->n || !is_digit(p->t[j]))
		return false;
	while (j < p->n && k + 1 < sizeof(buf)) {
		if (is_digit(p->t[j])) {
			buf[k++] = p->t[j++];
		} else if (p->t[j] == ',' && j + 3 < p->n &&
		    is_digit(p->t[j + 1]) && is_digit(p->t[j + 2]) &&
		    is_digit(p->t[j + 3]) && memchr(buf, '.', k) == NULL) {
			j++;
		} else if (p->t[j] == '.' && j + 1 < p->n &&
		    is_digit(p->t[j + 1]) && memchr(buf, '.', k) == NULL) {
			buf[k++] = p->t[j++];
		} else {
			break;
		}
	}
	if (j < p->n && is_digit(p->t[j]))
		return false;           /* too long for any amount */
	buf[k] = '\0';
	*end = j;
	return cp__amount_parse(fen, buf, NULL) == 0;
}

/* True when `s` has a letter of some script (not only digits and
 * punctuation). */
static bool
has_letter(const char *s)
{
	uint32_t c;

	while ((c = cp__utf8_next(&s)) != 0)
		if (!is_punct(c) && !(c >= '0' && c <= '9'))
			return true;
	return false;
}

/*
 * A name written in Chinese with single spaces in it either had its
 * characters spaced out ("王 小 东": joined) or ran into an unlabelled
 * word ("王小东 男", or the 密 of a 密码区 printed beside the buyer's
 * name: the first word).  Names in Latin letters keep their spaces.
 */
static void
tidy_name(char *s)
{
	char *sp = strchr(s, ' '), *r, *w;
	bool spaced = true;
	size_t word = 0;

	if (sp == NULL || (unsigned char)s[0] < 0x80)
		return;
	/* Spaced out: every word is one character. */
	for (r = s; *r != '\0'; r++) {
		if (*r == ' ') {
			word = 0;
		} else if (((unsigned char)*r & 0xc0) != 0x80 && ++word > 1) {
			spaced = false;
			break;
		}
	}
	if (!spaced) {
		*sp = '\0';
		return;
	}
	for (r = w = s; *r != '\0'; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
}

/*
 * A name at p[j], up to the end of its line, two spaces, or the next
 * label.  An unknown label ("住址：") ends it too, at the space before
 * it.  Fills buf (max + 1 bytes) and returns true when what is left is
 * a name: not empty, not only punctuation or digits, at most `max`
 * bytes, no digits in a person's name.
 */
static bool
read_name(const page_text *p, size_t j, char *buf, size_t max, bool person)
{
	size_t start = j, end, last_space = 0, len, i;

	while (j < p->n && p->t[j] != '\n') {
		size_t skip;

		if (p->t[j] == ' ' && j + 1 < p->n && p->t[j + 1] == ' ')
			break;
		if (p->t[j] == ':') {
			if (last_space == 0)
				return false;
			j = last_space;
			break;
		}
		if (label_at(p, j, &skip) != NULL)
			break;
		if (p->t[j] == ' ')
			last_space = j;
		j += char_len(p, j);
		if (j - start > max + 1)
			return false;
	}
	end = j;
	while (end > start && p->t[end - 1] == ' ')
		end--;
	len = end - start;
	if (len == 0 || len > max)
		return false;
	memcpy(buf, p->t + start, len);
	buf[len] = '\0';
	tidy_name(buf);
	if (person)
		for (i = 0; buf[i] != '\0'; i++)
			if (is_digit(buf[i]))
				return false;
	for (i = 0; i < sizeof(not_names) / sizeof(not_names[0]); i++)
		if (strcmp(buf, not_names[i]) == 0)
			return false;
	return has_letter(buf);
}

/* ---- the page --------------------------------------------------------- */

typedef struct {
	cp__paper_facts *paper;
	page_text text;
	int page;
	cp__fact_from from;
	label_kind party;       /* L_IN_BUYER, L_IN_SELLER or L_STOP */
	invoice_seen seen;
} reader;

static int
add_date(reader *r, size_t j, cp__date_role role)
{
	cp__date date;
	size_t end;

	if (!read_date(&r->text, j, &date, &end))
		return 0;
	if (role == CP__DATE_ISSUE && !r->seen.has_date) {
		r->seen.has_date = true;
		r->seen.date = date;
	}
	return cp__paper_add_date(r->paper, date, role, r->from, r->page);
}

/* "住院日期：2026-09-18 至 2026-09-25": both ends of a stay. */
static int
add_stay(reader *r, size_t j)
{
	cp__date in, out;
	size_t end;

	if (!read_date(&r->text, j, &in, &end))
		return 0;
	if (cp__paper_add_date(r->paper, in, CP__DATE_ADMISSION, r->from,
	    r->page) < 0)
		return -1;
	j = skip_spaces(&r->text, end);
	if (at(&r->text, j, "至"))
		j += strlen("至");
	else if (at(&r->text, j, "到"))
		j += strlen("到");
	else if (at(&r->text, j, "—"))
		j += strlen("—");
	else if (j < r->text.n && (r->text.t[j] == '-' || r->text.t[j] == '~'))
		j++;
	else
		return 0;
	j = skip_spaces(&r->text, j);
	if (!read_date(&r->text, j, &out, &end) || out < in)
		return 0;
	return cp__paper_add_date(r->paper, out, CP__DATE_DISCHARGE, r->from,
	    r->page);
}

/* "合计 ¥510.68 ¥15.32": the amount before tax, then the tax (or "***"
 * when the invoice is tax-free).  Both marked with ¥: an expense list's
 * "合计 1234.56" is no invoice's tax row. */
static void
take_tax_row(reader *r, size_t j)
{
	int64_t before, tax;
	bool marked;
	size_t end;

	if (!read_amount(&r->text, j, &before, &marked, &end))
		return;
	if (!r->seen.has_list_total) {
		r->seen.has_list_total = true;
		r->seen.list_total = before;
	}
	if (!marked)
		return;
	j = skip_spaces(&r->text, end);
	if (!at(&r->text, j, "*") && (!read_amount(&r->text, j, &tax, &marked,
	    &end) || !marked))
		return;
	if (!r->seen.has_before) {
		r->seen.has_before = true;
		r->seen.before = before;
	}
}

/* Reads the value of label `l`, which starts at p[j]. */
static int
take_value(reader *r, const label *l, size_t j)
{
	const page_text *p = &r->text;
	invoice_seen *s = &r->seen;
	char name[MAX_ORG + 1], digits[24];
	int64_t fen;
	label_kind kind = l->kind;
	size_t end, k;
	bool marked;

	/* 名称 is the buyer's or the seller's by the block it is in, and
	 * nobody's outside those. */
	if (kind == L_PARTY)
		kind = r->party == L_IN_BUYER ? L_BUYER :
		    r->party == L_IN_SELLER ? L_SELLER : L_STOP;
	switch (kind) {
	case L_CODE:
		k = read_digits(p, j, digits, sizeof(digits), &end);
		if ((k == 8 || k == 10 || k == 12) && s->code[0] == '\0')
			memcpy(s->code, digits, k + 1);
		return 0;
	case L_NUMBER:
		k = read_digits(p, j, digits, sizeof(digits), &end);
		if ((k == 8 || k == 10 || k == 20) && s->number[0] == '\0')
			memcpy(s->number, digits, k + 1);
		return 0;
	case L_CHECK:
		if (s->check[0] == '\0' && !read_check(p, j, s->check))
			s->check[0] = '\0';
		return 0;
	case L_TOTAL:
	case L_BEFORE_TAX:
		if (!read_amount(p, j, &fen, &marked, &end))
			return 0;
		if (kind == L_TOTAL && !s->has_total) {
			s->has_total = true;
			s->total = fen;
		} else if (kind == L_BEFORE_TAX && !s->has_before) {
			s->has_before = true;
			s->before = fen;
		}
		return 0;
	case L_TAX_ROW:
		take_tax_row(r, j);
		return 0;
	case L_ISSUE:
		return add_date(r, j, CP__DATE_ISSUE);
	case L_ADMISSION:
		return add_date(r, j, CP__DATE_ADMISSION);
	case L_DISCHARGE:
		return add_date(r, j, CP__DATE_DISCHARGE);
	case L_REPORT:
		return add_date(r, j, CP__DATE_REPORT);
	case L_STAY:
		return add_stay(r, j);
	case L_BUYER:
		if (!read_name(p, j, name, MAX_ORG, false))
			return 0;
		if (s->buyer[0] == '\0')
			strcpy(s->buyer, name);
		return cp__paper_add_name(r->paper, name, CP__NAME_BUYER, r->from,
		    r->page);
	case L_SELLER:
		if (read_name(p, j, name, MAX_ORG, false) && s->seller[0] == '\0')
			strcpy(s->seller, name);
		return 0;
	case L_PAYER:
		if (!read_name(p, j, name, MAX_PERSON, true))
			return 0;
		if (s->buyer[0] == '\0')
			strcpy(s->buyer, name);
		return cp__paper_add_name(r->paper, name, CP__NAME_PAYER, r->from,
		    r->page);
	case L_PATIENT:
		if (!read_name(p, j, name, MAX_PERSON, true))
			return 0;
		return cp__paper_add_name(r->paper, name, CP__NAME_PATIENT,
		    r->from, r->page);
	case L_IN_BUYER:
	case L_IN_SELLER:
		r->party = kind;
		return 0;
	case L_PARTY:
	case L_STOP:
	default:
		return 0;
	}
}

/* The kind of invoice the identifiers read name, or UNKNOWN. */
static cp__invoice_kind
kind_of(const invoice_seen *s)
{
	cp__invoice_kind kind;
	const char *code = s->code[0] != '\0' ? s->code : NULL;

	if (s->number[0] == '\0')
		return CP__INVOICE_UNKNOWN;
	if (cp__invoice_id_classify(&kind, CP__INVOICE_UNKNOWN, code,
	    s->number, s->check[0] != '\0' ? s->check : NULL, NULL, 0) == 0 ||
	    cp__invoice_id_classify(&kind, CP__INVOICE_UNKNOWN, code,
	    s->number, NULL, NULL, 0) == 0)
		return kind;
	return CP__INVOICE_UNKNOWN;
}

/* Hands what the page said about its invoice to the paper, when the
 * page named the invoice. */
static int
keep_invoice(reader *r)
{
	cp__invoice_facts *inv = &r->paper->invoice;
	const invoice_seen *s = &r->seen;

	if (s->code[0] == '\0' && s->number[0] == '\0') {
		/* No invoice: a total is the paper's own (an expense
		 * list's). */
		if (s->has_total)
			cp__fact_set_amount(&r->paper->total, s->total, r->from,
			    r->page);
		else if (s->has_list_total)
			cp__fact_set_amount(&r->paper->total, s->list_total,
			    r->from, r->page);
		return 0;
	}
	inv->present = true;
	if (inv->kind == CP__INVOICE_UNKNOWN)
		inv->kind = kind_of(s);
	if (cp__fact_set_text(&inv->code, s->code, r->from, r->page) < 0 ||
	    cp__fact_set_text(&inv->number, s->number, r->from, r->page) < 0 ||
	    cp__fact_set_text(&inv->check_code, s->check, r->from,
	    r->page) < 0 ||
	    cp__fact_set_text(&inv->buyer, s->buyer, r->from, r->page) < 0 ||
	    cp__fact_set_text(&inv->seller, s->seller, r->from, r->page) < 0)
		return -1;
	if (s->has_date)
		cp__fact_set_date(&inv->date, s->date, r->from, r->page);
	if (s->has_total)
		cp__fact_set_amount(&inv->amount, s->total, r->from, r->page);
	if (s->has_before)
		cp__fact_set_amount(&inv->amount_before_tax, s->before, r->from,
		    r->page);
	return 0;
}

/*
 * The next of a page's first TITLE_LINES lines that may be a title or a
 * hospital's name: a line (spaces left out) without a colon, of at most
 * TITLE_MAX bytes, into `line`.  *i is where to read on, *lines the
 * lines counted so far (blank ones are not).  False when there is none.
 */
static bool
next_title_line(const page_text *p, size_t *i, size_t *lines,
    char line[TITLE_MAX + 1])
{
	size_t end, k;

	while (*i < p->n && *lines < TITLE_LINES) {
		for (end = *i; end < p->n && p->t[end] != '\n'; end++)
			;
		k = 0;
		for (; *i < end; (*i)++) {
			if (p->t[*i] == ' ')
				continue;
			if (p->t[*i] == ':' || k >= TITLE_MAX) {
				k = TITLE_MAX + 1;
				break;
			}
			line[k++] = p->t[*i];
		}
		*i = end + 1;
		if (k == 0)
			continue;       /* a blank line is no line */
		(*lines)++;
		if (k > TITLE_MAX)
			continue;
		line[k] = '\0';
		return true;
	}
	return false;
}

/*
 * The paper's title among its first lines: a short line without a
 * colon holding a title word, spaces inside it ignored ("出 院 小 结").
 * Returns the document type's index, or -1.
 */
static int
title_type(const page_text *p)
{
	char line[TITLE_MAX + 1];
	size_t i = 0, lines = 0, t;

	while (next_title_line(p, &i, &lines, line))
		for (t = 0; t < sizeof(titles) / sizeof(titles[0]); t++)
			if (strstr(line, titles[t].word) != NULL)
				return titles[t].type;
	return -1;
}

/* A CJK ideograph of the Basic block (three UTF-8 bytes) at `s`. */
static bool
is_ideograph(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;

	if ((u[0] & 0xf0) != 0xe0 || (u[1] & 0xc0) != 0x80 ||
	    (u[2] & 0xc0) != 0x80)
		return false;
	cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
	return cp >= 0x4e00 && cp <= 0x9fff;
}

/*
 * The hospital a paper's first lines name: in a short line without a
 * colon, the ideographs up to and including 医院 (or 卫生院, 诊所,
 * 门诊部), spaces left out: "示例联合医院 出院小结" gives 示例联合医院.  Returns
 * 0, or -1 when out of memory.
 */
static int
title_hospital(cp__paper_facts *paper, const page_text *p, int page,
    cp__fact_from from)
{
	static const char *const ends[] = { "医院", "卫生院", "诊所",
	    "门诊部" };
	char line[TITLE_MAX + 1];
	const char *hit, *start;
	size_t i = 0, lines = 0, e;

	while (next_title_line(p, &i, &lines, line)) {
		for (e = 0; e < sizeof(ends) / sizeof(ends[0]); e++) {
			if ((hit = strstr(line, ends[e])) == NULL ||
			    hit == line)
				continue;
			line[hit - line + strlen(ends[e])] = '\0';
			/* The name: the ideographs before it, not a title
			 * or an English name run on ("…·Example示例医院"). */
			start = hit;
			while (start - line >= 3 && is_ideograph(start - 3))
				start -= 3;
			if (start == hit)
				continue;
			return cp__fact_set_text(&paper->hospital, start, from,
			    page);
		}
	}
	return 0;
}

int
cp__read_text_labels(cp__paper_facts *paper, const char *text, size_t len,
    int page, cp__fact_from from)
{
	const cp_doctype *dt;
	const label *l;
	reader r;
	char *folded;
	size_t i, end;
	int type, rc = 0;

	if (text == NULL || len == 0)
		return 0;
	if (len > MAX_TEXT)
		len = MAX_TEXT;
	if ((folded = malloc(len + 1)) == NULL)
		return -1;
	memset(&r, 0, sizeof(r));
	r.paper = paper;
	r.page = page;
	r.from = from;
	r.party = L_STOP;
	r.text.t = folded;
	r.text.n = fold_text(folded, text, len);
	for (i = 0; i < r.text.n && rc == 0; ) {
		if ((l = label_at(&r.text, i, &end)) == NULL) {
			i += char_len(&r.text, i);
			continue;
		}
		rc = take_value(&r, l, value_start(&r.text, end));
		/* Only past the label: a value that is really another label
		 * ("姓名：\n性别：男") is read as that label. */
		i = end;
	}
	if (rc == 0)
		rc = keep_invoice(&r);
	if (rc == 0 && paper->hospital.text == NULL)
		rc = title_hospital(paper, &r.text, page, from);
	if (rc == 0 && paper->type == NULL) {
		type = title_type(&r.text);
		if (type < 0 && paper->invoice.present &&
		    (r.seen.code[0] != '\0' || r.seen.number[0] != '\0'))
			type = CP__DT_FAPIAO;
		if (type >= 0 && (dt = cp_doctype_at((size_t)type)) != NULL)
			paper->type = dt->key;
	}
	free(folded);
	return rc;
}
