/*
 * mkpaper.c - writes a hospital paper as a patient brings it home, for
 * the tests that read whole folders of papers (tests/e2e/mkfolder.sh):
 * a PDF with a text layer in Chinese, the same paper scanned (a PDF of
 * one picture a page, no text), or a phone's photo of one of its pages
 * (a JPEG, no text, with Exif when it was taken).
 *
 *   mkpaper [--hospital TEXT] [--title TEXT] [--name TEXT] [--id TEXT]
 *           [--admission DATE] [--discharge DATE] [--stay]
 *           [--report DATE] [--total AMOUNT] [--pages N]
 *           [--scan [--dpi DPI]]
 *           [--photo PAGE [--taken "YYYY:MM:DD HH:MM:SS"] [--size WxH]]
 *           [--font FILE] KIND OUT
 *
 * KIND and the title it prints (--title prints another):
 *   discharge 出院小结, expenses 住院费用清单, lab 检验报告单,
 *   pathology 病理报告, operative 手术记录, certificate 诊断证明书,
 *   prescription 处方, imaging 影像检查报告, notice 住院须知.
 *
 * Every page is laid out as hospital information systems print them,
 * on A4: the hospital's name (--hospital, default 示例联合医院) and
 * the title centred, then one row "姓名：NAME  性别：男  年龄：42岁
 * ID" (--name, default SMITH JOHN ALEXANDER; --id, default
 * "住院号：ZY00042318"), then on the first page only the dates that
 * were given: 入院日期：DATE and 出院日期：DATE, or with --stay one
 * "住院日期：ADMISSION 至 DISCHARGE", and 报告日期：DATE.  Dates and the
 * total are printed exactly as given.  Then the kind's body, made-up
 * medical text of one appendicitis stay (diagnoses and daily notes, a
 * table of charges, test results or drugs...), shared out over --pages
 * pages (1 by default; a table gets more rows a page, a report's
 * paragraphs are spread out), and "第 K 页 共 N 页" at the foot.  An
 * expense list's charges add up to --total (12850.40 by default),
 * printed on its last page as "合计：TOTAL".  Labels are those printed
 * on real papers; the ones claimpack's text reader knows are listed in
 * src/lib/read/text_labels.c (the hospital's name and the total are
 * printed but no label of it reads them).
 *
 * The PDF (the default) holds the text with WenQuanYi Zen Hei (--font,
 * default Debian's wqy-zenhei.ttc, face 0), cut down with
 * harfbuzz-subset to the characters drawn so that a page is a few KB,
 * and a ToUnicode map that text extractors accept.
 *
 * --scan writes the same pages as a scanner does: one grey JPEG a page
 * at DPI (100), text as dark bars where it would be printed, no text
 * layer.  --photo PAGE writes page PAGE as a phone photographs it: the
 * page turned a little on a grey table, WxH pixels upright (600x800),
 * text as bars.  With --taken it is stored as a phone stores it: turned
 * (HxW, Exif orientation 6), in place of a JFIF header an Exif segment
 * with DateTime and DateTimeOriginal set to the time given; without,
 * it is stored upright with a JFIF header and no Exif, as a messaging
 * app re-encodes a photo.
 *
 * Everything is deterministic: one set of arguments gives the same
 * bytes.  Exit status 0, 1 when the file cannot be written, 2 on bad
 * arguments.  Every person, number and institution is invented.
 *
 * Compiled on the fly by mkfolder.sh:
 *   cc -o mkpaper tests/e2e/mkpaper.c $(pkg-config --cflags --libs
 *       harfbuzz-subset libjpeg) -lhpdf -lm
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <jpeglib.h>

#define FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 50.0
#define BODY_TOP 690.0
#define BODY_BOTTOM 80.0
#define LEAD 17.0
#define BODY_SIZE 10.5
#define MAX_PAGES 50
#define PI 3.14159265358979323846

static const char usage_text[] =
    "usage: mkpaper [--hospital TEXT] [--title TEXT] [--name TEXT] "
    "[--id TEXT]\n"
    "               [--admission DATE] [--discharge DATE] [--stay] "
    "[--report DATE]\n"
    "               [--total AMOUNT] [--pages N] [--scan [--dpi DPI]]\n"
    "               [--photo PAGE [--taken \"YYYY:MM:DD HH:MM:SS\"] "
    "[--size WxH]]\n"
    "               [--font FILE] KIND OUT\n"
    "KIND: discharge expenses lab pathology operative certificate "
    "prescription\n"
    "      imaging notice\n";

/* ---- the paper -------------------------------------------------------- */

typedef struct {
	const char *hospital, *title, *name, *id;
	const char *admission, *discharge, *report, *total_text;
	int stay;
	int pages;
	int scan, dpi;
	int photo;              /* the page photographed, 0: none */
	const char *taken;
	int width, height;      /* the photo, upright */
	const char *font;
	int64_t total;          /* fen */
} options;

/* A line of the body: paragraph text, or a table row whose cells are
 * separated by tabs. */
typedef struct {
	char *text;
	int table;
	int heading;
} row;

typedef struct {
	row *v;
	size_t n, cap;
} rows;

/* A table column: where it starts (or ends, when right-aligned). */
typedef struct {
	double x;
	int right;
} column;

typedef struct kind kind;
struct kind {
	const char *key, *title;
	void (*first)(const options *, rows *);   /* page 1, after the head */
	void (*last)(const options *, rows *);    /* the last page's end */
	/* Item i of n (n from the pages wanted), into `out`. */
	void (*item)(const options *, size_t i, size_t n, char *out,
	    size_t size);
	size_t one_page;        /* items on a paper of one page */
	const char *table_head; /* tab-separated, or NULL: paragraphs */
	const column *cols;
};

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(2);
}

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("mkpaper: ", stderr);
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

static void
rows_add(rows *r, int table, int heading, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		if ((r->v = realloc(r->v, r->cap * sizeof(*r->v))) == NULL)
			die("out of memory");
	}
	r->v[r->n].text = xmalloc(strlen(buf) + 1);
	strcpy(r->v[r->n].text, buf);
	r->v[r->n].table = table;
	r->v[r->n].heading = heading;
	r->n++;
}

/* Decodes the character at s into *cp; returns its length, 0 at the
 * end.  The texts here are all well-formed UTF-8. */
static int
utf8_next(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		*cp = (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu);
		return 2;
	}
	if ((u[0] & 0xf0) == 0xe0) {
		*cp = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 |
		    (u[2] & 0x3fu);
		return 3;
	}
	*cp = (u[0] & 0x07u) << 18 | (u[1] & 0x3fu) << 12 |
	    (u[2] & 0x3fu) << 6 | (u[3] & 0x3fu);
	return 4;
}

/* The width of a character in ems, as Zen Hei draws it near enough:
 * used to wrap paragraphs and to draw a scan's bars, the same on every
 * pass. */
static double
char_em(unsigned cp)
{
	return cp >= 0x2e80 ? 1.0 : 0.55;
}

static double
text_em(const char *s)
{
	double w = 0;
	unsigned cp;
	int n;

	while ((n = utf8_next(s, &cp)) > 0) {
		w += char_em(cp);
		s += n;
	}
	return w;
}

/* Adds `text` as paragraph lines of at most `width` points at the body
 * size; lines after the first are indented by two characters. */
static void
para(rows *r, const char *text, double width)
{
	char line[512];
	size_t k = 0;
	double w = 0, max = width / BODY_SIZE;
	unsigned cp;
	int n, lines = 0;

	while ((n = utf8_next(text, &cp)) > 0) {
		if (w + char_em(cp) > max && k > 0) {
			line[k] = '\0';
			rows_add(r, 0, 0, "%s%s", lines ? "　　" : "", line);
			lines++;
			k = 0;
			w = 2;          /* the indent */
		}
		memcpy(line + k, text, (size_t)n);
		k += (size_t)n;
		w += char_em(cp);
		text += n;
	}
	if (k > 0) {
		line[k] = '\0';
		rows_add(r, 0, 0, "%s%s", lines ? "　　" : "", line);
	}
}

/* Cycles through `list` (a NULL-terminated array). */
static const char *
cycle(const char *const *list, size_t i)
{
	size_t n = 0;

	while (list[n] != NULL)
		n++;
	return list[i % n];
}

/* ---- the kinds' bodies ------------------------------------------------ */

#define TEXT_W (PAGE_W - 2 * MARGIN)

static const char *const discharge_notes[] = {
	"诊疗经过：入院后完善血常规、C反应蛋白、腹部CT等检查，"
	    "诊断急性阑尾炎明确，有手术指征，无明显手术禁忌。",
	"术前予禁食、补液、头孢曲松联合甲硝唑抗感染治疗，"
	    "签署手术知情同意书。",
	"于全麻下行腹腔镜阑尾切除术，术中见阑尾充血肿胀，"
	    "表面附脓苔，手术顺利，标本送病理检查。",
	"术后第1天：患者诉切口轻度疼痛，无发热，已排气，"
	    "予流质饮食，继续抗感染及补液治疗。",
	"术后第2天：体温正常，腹软，切口敷料干燥，无渗出，"
	    "复查血常规示白细胞较前下降。",
	"术后第3天：患者一般情况好，进半流质饮食，"
	    "可自行下床活动，停用静脉抗生素。",
	"术后第4天：切口换药，愈合良好，无红肿，"
	    "病理回报急性化脓性阑尾炎。",
	"术后第5天：患者无不适，生命体征平稳，"
	    "经上级医师查房同意今日出院。",
	NULL
};

static void
discharge_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "入院诊断：1. 急性阑尾炎");
	rows_add(r, 0, 0, "出院诊断：1. 急性化脓性阑尾炎  2. 阑尾周围炎");
	para(r, "入院情况：患者因“转移性右下腹痛1天”入院。查体：体温"
	    "38.2℃，右下腹麦氏点压痛、反跳痛阳性。", TEXT_W);
}

static void
discharge_item(const options *o, size_t i, size_t n, char *out,
    size_t size)
{
	(void)o;
	(void)n;
	snprintf(out, size, "%s", cycle(discharge_notes, i));
}

static void
discharge_last(const options *o, rows *r)
{
	(void)o;
	para(r, "出院情况：患者一般情况好，无发热，腹部切口甲级愈合，"
	    "饮食、二便正常。", TEXT_W);
	rows_add(r, 0, 0, "出院医嘱：1. 注意休息，两周内避免剧烈活动。");
	rows_add(r, 0, 0, "　　　　　2. 出院带药：布洛芬缓释胶囊 0.3g 口服 "
	    "必要时。");
	rows_add(r, 0, 0, "　　　　　3. 两周后门诊复查，不适随诊。");
	rows_add(r, 0, 0, "医师签名：王明　　　　上级医师：李华");
}

/* An expense list's charges: name, specification, unit, quantity and a
 * weight (the share of the total this charge takes). */
static const struct {
	const char *name, *spec, *unit;
	int qty, weight;
} charges[] = {
	{ "床位费", "三人间", "日", 1, 60 },
	{ "护理费", "一级护理", "日", 1, 40 },
	{ "注射用头孢曲松钠", "1g/支", "支", 2, 90 },
	{ "甲硝唑氯化钠注射液", "100ml:0.5g", "瓶", 2, 30 },
	{ "0.9%氯化钠注射液", "250ml/袋", "袋", 2, 12 },
	{ "血细胞分析（五分类）", "", "次", 1, 25 },
	{ "C反应蛋白测定", "", "项", 1, 30 },
	{ "肝功能检查", "", "次", 1, 80 },
	{ "肾功能检查", "", "次", 1, 60 },
	{ "静脉输液", "", "组", 3, 15 },
	{ "腹部CT平扫+增强", "", "次", 1, 700 },
	{ "心电图检查", "十二通道", "次", 1, 30 },
	{ "腹腔镜下阑尾切除术", "", "次", 1, 2400 },
	{ "全身麻醉", "", "小时", 2, 900 },
	{ "一次性腹腔镜穿刺器", "10mm", "个", 1, 800 },
	{ "可吸收缝合线", "3-0", "根", 2, 120 },
	{ "病理检查（石蜡切片）", "", "例", 1, 220 },
	{ "换药", "中换药", "次", 1, 20 },
	{ "布洛芬缓释胶囊", "0.3g×20粒", "盒", 1, 15 },
	{ "诊查费", "", "日", 1, 10 },
};
#define NCHARGES (sizeof(charges) / sizeof(charges[0]))

static const column expense_cols[] = {
	{ MARGIN, 0 }, { 235, 0 }, { 330, 0 }, { 395, 1 }, { 470, 1 },
	{ PAGE_W - MARGIN, 1 }, { -1, 0 }
};

/* The amount of charge i of n, in fen: the total shared out by weight,
 * rounded down to a whole number of units; the last charge (always a
 * quantity of one) takes what is left, so that the charges add up to
 * the total exactly. */
static int64_t
charge_fen(const options *o, size_t i, size_t n, int *qty)
{
	int64_t weights = 0, used = 0, unit;
	size_t k;

	for (k = 0; k < n; k++)
		weights += charges[k % NCHARGES].weight;
	for (k = 0; k < n; k++) {
		int q = k + 1 == n ? 1 : charges[k % NCHARGES].qty;

		unit = o->total * charges[k % NCHARGES].weight / weights / q;
		if (k + 1 == n)
			unit = o->total - used;
		if (k == i) {
			*qty = q;
			return unit * q;
		}
		used += unit * q;
	}
	*qty = 1;
	return 0;
}

static void
expense_item(const options *o, size_t i, size_t n, char *out, size_t size)
{
	int qty;
	int64_t fen = charge_fen(o, i, n, &qty), unit = fen / qty;
	size_t c = i % NCHARGES;

	snprintf(out, size, "%s\t%s\t%s\t%d\t%lld.%02lld\t%lld.%02lld",
	    charges[c].name, charges[c].spec, charges[c].unit, qty,
	    (long long)(unit / 100), (long long)(unit % 100),
	    (long long)(fen / 100), (long long)(fen % 100));
}

static void
expense_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "科室：普外科　　病区：外科二病区　　床号：12　　"
	    "医保类型：自费");
}

static void
expense_last(const options *o, rows *r)
{
	/* The deposit: the next thousand yuan and one more. */
	int64_t deposit = (o->total / 100000 + 2) * 100000;

	rows_add(r, 0, 0, "");
	rows_add(r, 0, 1, "合计：%s", o->total_text);
	rows_add(r, 0, 0, "预交金：%lld.00　　退款：%lld.%02lld",
	    (long long)(deposit / 100), (long long)((deposit - o->total) / 100),
	    (long long)((deposit - o->total) % 100));
	rows_add(r, 0, 0, "收款员：赵敏");
}

/* Lab tests: name, code, result, flag, unit, reference range. */
static const char *const lab_tests[][6] = {
	{ "白细胞计数", "WBC", "14.2", "↑", "10^9/L", "3.5-9.5" },
	{ "中性粒细胞百分比", "NEUT%", "86.5", "↑", "%", "40-75" },
	{ "淋巴细胞百分比", "LYMPH%", "9.8", "↓", "%", "20-50" },
	{ "红细胞计数", "RBC", "4.85", "", "10^12/L", "4.3-5.8" },
	{ "血红蛋白", "HGB", "148", "", "g/L", "130-175" },
	{ "红细胞压积", "HCT", "0.44", "", "L/L", "0.40-0.50" },
	{ "平均红细胞体积", "MCV", "90.7", "", "fL", "82-100" },
	{ "血小板计数", "PLT", "236", "", "10^9/L", "125-350" },
	{ "C反应蛋白", "CRP", "58.3", "↑", "mg/L", "0-10" },
	{ "丙氨酸氨基转移酶", "ALT", "22", "", "U/L", "9-50" },
	{ "天门冬氨酸氨基转移酶", "AST", "19", "", "U/L", "15-40" },
	{ "总胆红素", "TBIL", "12.4", "", "μmol/L", "0-21" },
	{ "白蛋白", "ALB", "43.1", "", "g/L", "40-55" },
	{ "肌酐", "CREA", "78", "", "μmol/L", "57-111" },
	{ "尿素", "UREA", "4.6", "", "mmol/L", "3.1-8.0" },
	{ "钾", "K", "3.9", "", "mmol/L", "3.5-5.3" },
	{ "钠", "Na", "139", "", "mmol/L", "137-147" },
	{ "葡萄糖", "GLU", "5.8", "", "mmol/L", "3.9-6.1" },
	{ "凝血酶原时间", "PT", "11.8", "", "s", "9.4-12.5" },
	{ "活化部分凝血活酶时间", "APTT", "31.2", "", "s", "25-35" },
};
#define NLAB (sizeof(lab_tests) / sizeof(lab_tests[0]))

static const column lab_cols[] = {
	{ MARGIN, 0 }, { 75, 0 }, { 215, 0 }, { 310, 1 }, { 318, 0 },
	{ 345, 0 }, { 440, 0 }, { -1, 0 }
};

static void
lab_item(const options *o, size_t i, size_t n, char *out, size_t size)
{
	const char *const *t = lab_tests[i % NLAB];

	(void)o;
	(void)n;
	snprintf(out, size, "%zu\t%s\t%s\t%s\t%s\t%s\t%s", i + 1, t[0], t[1],
	    t[2], t[3], t[4], t[5]);
}

static void
lab_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "科室：普外科　　床号：12　　标本类型：全血　　"
	    "标本号：20261004-0137");
	rows_add(r, 0, 0, "临床诊断：急性阑尾炎　　送检医师：王明");
}

static void
lab_last(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "");
	rows_add(r, 0, 0, "检验者：孙丽　　审核者：周强");
	rows_add(r, 0, 0, "本报告仅对所检测标本负责。");
}

static const char *const pathology_text[] = {
	"肉眼所见：（阑尾）阑尾一条，长6.5cm，直径1.2cm，浆膜面充血，",
	"　　附少量脓苔，切面腔内见脓性物，未见粪石。",
	"镜下所见：阑尾壁全层见大量中性粒细胞浸润，黏膜部分糜烂，",
	"　　浆膜面纤维素及炎细胞渗出，局部脓肿形成。",
	"免疫组化：无。",
	"特殊染色：无。",
	NULL
};

static void
pathology_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "病理号：P2026-08817　　科室：普外科　　床号：12");
	rows_add(r, 0, 0, "送检标本：阑尾　　临床诊断：急性阑尾炎");
}

static void
paragraph_item(const char *const *list, size_t i, char *out, size_t size)
{
	snprintf(out, size, "%s", cycle(list, i));
}

static void
pathology_item(const options *o, size_t i, size_t n, char *out, size_t size)
{
	(void)o;
	(void)n;
	paragraph_item(pathology_text, i, out, size);
}

static void
pathology_last(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "");
	rows_add(r, 0, 1, "病理诊断：（阑尾）急性化脓性阑尾炎，伴阑尾周围炎。");
	rows_add(r, 0, 0, "诊断医师：陈静　　复核医师：刘洋");
}

static const char *const operative_text[] = {
	"手术经过：患者取仰卧位，全麻成功后常规消毒铺巾。",
	"　　于脐部作1cm切口，建立气腹，置入腹腔镜探查。",
	"　　见阑尾位于回盲部后方，充血肿胀，表面附脓苔。",
	"　　分离阑尾系膜，结扎阑尾动脉，于根部结扎后切除阑尾。",
	"　　吸净右下腹脓液，冲洗腹腔，检查无活动性出血。",
	"　　取出标本，解除气腹，缝合切口，术毕。",
	NULL
};

static void
operative_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "手术日期：2026-10-04　　手术时间：09:10-10:05");
	rows_add(r, 0, 0, "术前诊断：急性阑尾炎");
	rows_add(r, 0, 0, "术后诊断：急性化脓性阑尾炎");
	rows_add(r, 0, 0, "手术名称：腹腔镜下阑尾切除术");
	rows_add(r, 0, 0, "手术者：王明　　助手：张伟　　麻醉方式：全身麻醉");
}

static void
operative_item(const options *o, size_t i, size_t n, char *out, size_t size)
{
	(void)o;
	(void)n;
	paragraph_item(operative_text, i, out, size);
}

static void
operative_last(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "术中出血：约10ml　　标本：阑尾，送病理检查");
	rows_add(r, 0, 0, "记录者：张伟");
}

static const char *const certificate_text[] = {
	"处理意见：于2026年10月4日行腹腔镜阑尾切除术，",
	"　　术后恢复良好，建议休息两周，两周后门诊复查。",
	"　　（本证明仅供病假及保险理赔使用，涂改无效。）",
	NULL
};

static void
certificate_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "科室：普外科　　证件号码：P12345678");
	rows_add(r, 0, 1, "诊断：急性化脓性阑尾炎，腹腔镜阑尾切除术后");
}

static void
certificate_item(const options *o, size_t i, size_t n, char *out,
    size_t size)
{
	(void)o;
	(void)n;
	paragraph_item(certificate_text, i, out, size);
}

static void
certificate_last(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "");
	rows_add(r, 0, 0, "医师签名：王明　　医务处（章）");
}

static const char *const drugs[][4] = {
	{ "布洛芬缓释胶囊", "0.3g×20粒", "0.3g 口服 必要时", "1盒" },
	{ "头孢克洛缓释片", "0.375g×12片", "0.375g 口服 每日两次", "1盒" },
	{ "复方氨基酸口服液", "10ml×10支", "10ml 口服 每日三次", "2盒" },
	{ "碘伏消毒液", "100ml", "外用 换药时", "1瓶" },
	{ "无菌敷贴", "9cm×10cm", "外用 换药时", "6贴" },
};
#define NDRUGS (sizeof(drugs) / sizeof(drugs[0]))

static const column drug_cols[] = {
	{ MARGIN, 0 }, { 210, 0 }, { 320, 0 }, { PAGE_W - MARGIN, 1 },
	{ -1, 0 }
};

static void
prescription_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "科别：普外科　　临床诊断：急性化脓性阑尾炎术后");
	rows_add(r, 0, 1, "Rp.");
}

static void
prescription_item(const options *o, size_t i, size_t n, char *out,
    size_t size)
{
	const char *const *d = drugs[i % NDRUGS];

	(void)o;
	(void)n;
	snprintf(out, size, "%s\t%s\t%s\t%s", d[0], d[1], d[2], d[3]);
}

static void
prescription_last(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "");
	rows_add(r, 0, 0, "医师：王明　　审核药师：吴芳　　调配药师：郑欣");
}

static const char *const imaging_text[] = {
	"影像所见：阑尾增粗，直径约1.1cm，壁增厚并明显强化，",
	"　　周围脂肪间隙模糊，见条索状渗出影，腔内未见明确粪石。",
	"　　回盲部周围见数个小淋巴结，右下腹少量积液。",
	"　　肝、胆、胰、脾、双肾未见明显异常，腹主动脉未见异常。",
	NULL
};

static void
imaging_first(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "检查项目：CT 腹部平扫+增强　　检查号：CT20261004-0211");
	rows_add(r, 0, 0, "临床诊断：腹痛待查，急性阑尾炎？");
}

static void
imaging_item(const options *o, size_t i, size_t n, char *out, size_t size)
{
	(void)o;
	(void)n;
	paragraph_item(imaging_text, i, out, size);
}

static void
imaging_last(const options *o, rows *r)
{
	(void)o;
	rows_add(r, 0, 0, "");
	rows_add(r, 0, 1, "诊断意见：急性阑尾炎，伴阑尾周围炎，请结合临床。");
	rows_add(r, 0, 0, "报告医师：黄涛　　审核医师：林峰");
}

static const char *const notice_text[] = {
	"一、请妥善保管贵重物品，病区内禁止吸烟。",
	"二、住院期间请勿擅自离院，外出须经主管医师同意。",
	"三、每日查房时间为上午八时至九时，请在病床旁等候。",
	"四、探视时间为下午三时至七时，每次限两人。",
	"五、出院后可凭身份证件到病案室申请复印病历。",
	NULL
};

static void
notice_item(const options *o, size_t i, size_t n, char *out, size_t size)
{
	(void)o;
	(void)n;
	paragraph_item(notice_text, i, out, size);
}

static void
no_rows(const options *o, rows *r)
{
	(void)o;
	(void)r;
}

static const kind kinds[] = {
	{ "discharge", "出院小结", discharge_first, discharge_last,
	    discharge_item, 8, NULL, NULL },
	{ "expenses", "住院费用清单", expense_first, expense_last,
	    expense_item, NCHARGES, "项目名称\t规格\t单位\t数量\t单价\t金额",
	    expense_cols },
	{ "lab", "检验报告单", lab_first, lab_last, lab_item, 9,
	    "No\t项目名称\t代号\t结果\t\t单位\t参考范围", lab_cols },
	{ "pathology", "病理报告", pathology_first, pathology_last,
	    pathology_item, 4, NULL, NULL },
	{ "operative", "手术记录", operative_first, operative_last,
	    operative_item, 6, NULL, NULL },
	{ "certificate", "诊断证明书", certificate_first, certificate_last,
	    certificate_item, 3, NULL, NULL },
	{ "prescription", "处方", prescription_first, prescription_last,
	    prescription_item, 3, "药品名称\t规格\t用法用量\t数量", drug_cols },
	{ "imaging", "影像检查报告", imaging_first, imaging_last,
	    imaging_item, 4, NULL, NULL },
	{ "notice", "住院须知", no_rows, no_rows, notice_item, 5, NULL, NULL },
};

/* ---- laying the paper out --------------------------------------------- */

/* Adds a line of the body: a table row as it is, a paragraph wrapped
 * to the page's width. */
static void
add_line(rows *r, int table, int heading, const char *text)
{
	if (table || heading || *text == '\0')
		rows_add(r, table, heading, "%s", text);
	else
		para(r, text, TEXT_W);
}

/* The body's lines, page by page: page p (0-based) holds lines
 * [start[p], start[p + 1]). */
typedef struct {
	rows lines;
	size_t start[MAX_PAGES + 1];
} layout;

static void
lay_out(const kind *k, const options *o, layout *l)
{
	rows first = { 0 }, last = { 0 };
	size_t per_page = (size_t)((BODY_TOP - BODY_BOTTOM) / LEAD);
	size_t items, room, total, i, p;
	char buf[512];

	k->first(o, &first);
	k->last(o, &last);
	/* A table grows with its pages (charges recur day after day); the
	 * paragraphs of a report are what they are, spread over more pages. */
	room = per_page - (k->table_head ? 1 : 0);
	items = k->one_page * (k->table_head ? (size_t)o->pages : 1);

	memset(l, 0, sizeof(*l));
	for (i = 0; i < first.n; i++)
		add_line(&l->lines, 0, first.v[i].heading, first.v[i].text);
	for (i = 0; i < items; i++) {
		k->item(o, i, items, buf, sizeof(buf));
		add_line(&l->lines, k->table_head != NULL, 0, buf);
	}
	for (i = 0; i < last.n; i++)
		add_line(&l->lines, 0, last.v[i].heading, last.v[i].text);
	total = l->lines.n;
	if ((total + (size_t)o->pages - 1) / (size_t)o->pages > room)
		die("the %s does not fit on %d page(s)", k->key, o->pages);
	if (total < (size_t)o->pages)
		die("the %s has too few lines for %d pages", k->key, o->pages);
	/* The lines shared evenly between the pages. */
	for (p = 0; p <= (size_t)o->pages; p++)
		l->start[p] = total * p / (size_t)o->pages;
	for (i = 0; i < first.n; i++)
		free(first.v[i].text);
	for (i = 0; i < last.n; i++)
		free(last.v[i].text);
	free(first.v);
	free(last.v);
}

/* ---- drawing ---------------------------------------------------------- */

typedef enum {
	D_COLLECT,              /* note the characters only */
	D_PDF,                  /* text on PDF pages */
	D_RASTER                /* bars on one grey picture of a page */
} draw_mode;

typedef struct {
	draw_mode mode;
	int page;               /* 1-based */
	int want;               /* D_RASTER: the page drawn, others skipped */
	unsigned char used[0x10000 / 8];
	HPDF_Doc pdf;
	HPDF_Font font;
	HPDF_Page hpage;
	unsigned char *ras;     /* D_RASTER: grey, row by row */
	int rw, rh;
	double scale;           /* pixels a point */
} canvas;

static void
note_text(canvas *c, const char *s)
{
	unsigned cp;
	int n;

	while ((n = utf8_next(s, &cp)) > 0) {
		if (cp < 0x10000)
			c->used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
		s += n;
	}
}

/* The width of s in points at `size`: the font's own once it is
 * loaded (so that columns of amounts line up), else the estimate. */
static double
text_width(canvas *c, const char *s, double size)
{
	if (c->mode == D_PDF && *s != '\0')
		return HPDF_Font_TextWidth(c->font, (const HPDF_BYTE *)s,
		    (HPDF_UINT)strlen(s)).width * size / 1000.0;
	return text_em(s) * size;
}

static void
fill_rect(canvas *c, double x0, double y0, double x1, double y1, int v)
{
	int px0 = (int)lround(x0 * c->scale), px1 = (int)lround(x1 * c->scale);
	int py0 = (int)lround((PAGE_H - y1) * c->scale);
	int py1 = (int)lround((PAGE_H - y0) * c->scale);
	int x, y;

	if (px1 == px0)
		px1++;
	if (py1 == py0)
		py1++;
	for (y = py0 < 0 ? 0 : py0; y < py1 && y < c->rh; y++)
		for (x = px0 < 0 ? 0 : px0; x < px1 && x < c->rw; x++)
			c->ras[(size_t)y * (size_t)c->rw + (size_t)x] =
			    (unsigned char)v;
}

/* Draws s with its baseline at y, starting at x (align 0), centred on x
 * (1) or ending at x (2). */
static void
text(canvas *c, double x, double y, double size, int align, const char *s)
{
	double w;

	note_text(c, s);
	if (c->mode == D_COLLECT || *s == '\0')
		return;
	if (c->mode == D_RASTER && c->page != c->want)
		return;
	w = text_width(c, s, size);
	if (align == 1)
		x -= w / 2;
	else if (align == 2)
		x -= w;
	if (c->mode == D_PDF) {
		HPDF_Page_BeginText(c->hpage);
		HPDF_Page_SetFontAndSize(c->hpage, c->font, (HPDF_REAL)size);
		HPDF_Page_TextOut(c->hpage, (HPDF_REAL)x, (HPDF_REAL)y, s);
		HPDF_Page_EndText(c->hpage);
		return;
	}
	/* A bar a word: the ink a line of print leaves on a scan. */
	{
		double start = x, at = x;
		unsigned cp;
		int n;

		while ((n = utf8_next(s, &cp)) > 0) {
			if (cp == ' ' || cp == 0x3000) {
				if (at > start)
					fill_rect(c, start, y - size * 0.1, at,
					    y + size * 0.75, 45);
				at += char_em(cp) * size;
				start = at;
			} else {
				at += char_em(cp) * size;
			}
			s += n;
		}
		if (at > start)
			fill_rect(c, start, y - size * 0.1, at,
			    y + size * 0.75, 45);
	}
}

static void
rule(canvas *c, double x0, double x1, double y, double width)
{
	if (c->mode == D_COLLECT)
		return;
	if (c->mode == D_RASTER) {
		/* At least two pixels: a thinner line would break up when
		 * the photo samples the page. */
		if (width < 2 / c->scale)
			width = 2 / c->scale;
		if (c->page == c->want)
			fill_rect(c, x0, y - width / 2, x1, y + width / 2, 60);
		return;
	}
	HPDF_Page_SetLineWidth(c->hpage, (HPDF_REAL)width);
	HPDF_Page_MoveTo(c->hpage, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(c->hpage, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(c->hpage);
}

static void
table_row(canvas *c, const column *cols, double y, const char *cells,
    double size)
{
	char buf[512], *cell, *next;
	size_t k;

	snprintf(buf, sizeof(buf), "%s", cells);
	for (cell = buf, k = 0; cell != NULL && cols[k].x >= 0; k++) {
		if ((next = strchr(cell, '\t')) != NULL)
			*next++ = '\0';
		text(c, cols[k].x, y, size, cols[k].right ? 2 : 0, cell);
		cell = next;
	}
}

static void
draw_page(canvas *c, const kind *k, const options *o, const layout *l,
    int page)
{
	char line[256];
	double y;
	size_t i;

	c->page = page;
	text(c, PAGE_W / 2, 792, 18, 1, o->hospital);
	text(c, PAGE_W / 2, 764, 16, 1, o->title);

	/* The patient's row, on every page as the systems print it. */
	snprintf(line, sizeof(line), "姓名：%s", o->name);
	text(c, MARGIN, 738, BODY_SIZE, 0, line);
	text(c, 270, 738, BODY_SIZE, 0, "性别：男");
	text(c, 340, 738, BODY_SIZE, 0, "年龄：42岁");
	text(c, 420, 738, BODY_SIZE, 0, o->id);

	/* The dates, on the first page only. */
	if (page == 1) {
		double x = MARGIN;

		if (o->stay && o->admission != NULL && o->discharge != NULL) {
			snprintf(line, sizeof(line), "住院日期：%s 至 %s",
			    o->admission, o->discharge);
			text(c, x, 720, BODY_SIZE, 0, line);
			x = 270;
		} else {
			if (o->admission != NULL) {
				snprintf(line, sizeof(line), "入院日期：%s",
				    o->admission);
				text(c, x, 720, BODY_SIZE, 0, line);
				x = 270;
			}
			if (o->discharge != NULL) {
				snprintf(line, sizeof(line), "出院日期：%s",
				    o->discharge);
				text(c, x, 720, BODY_SIZE, 0, line);
				x = x == MARGIN ? 270 : 420;
			}
		}
		if (o->report != NULL) {
			snprintf(line, sizeof(line), "报告日期：%s", o->report);
			text(c, x, 720, BODY_SIZE, 0, line);
		}
	}
	rule(c, MARGIN, PAGE_W - MARGIN, 710, 1.0);

	y = BODY_TOP;
	if (k->table_head != NULL) {
		table_row(c, k->cols, y, k->table_head, BODY_SIZE);
		rule(c, MARGIN, PAGE_W - MARGIN, y - 5, 0.5);
		y -= LEAD;
	}
	for (i = l->start[page - 1]; i < l->start[page]; i++) {
		const row *r = &l->lines.v[i];

		if (r->table)
			table_row(c, k->cols, y, r->text, BODY_SIZE);
		else
			text(c, MARGIN, y, r->heading ? 12 : BODY_SIZE, 0,
			    r->text);
		y -= LEAD;
	}

	rule(c, MARGIN, PAGE_W - MARGIN, 60, 0.5);
	snprintf(line, sizeof(line), "第 %d 页 共 %d 页", page, o->pages);
	text(c, PAGE_W / 2, 46, 9, 1, line);
}

/* ---- the font --------------------------------------------------------- */

/* Zen Hei cut down to the characters drawn, in a temporary file whose
 * name goes to `path` (the caller removes it once libharu has read it).
 * Fails naming a character the font lacks. */
static void
subset_font(const char *font, const unsigned char *used, char *path,
    size_t size)
{
	hb_blob_t *blob, *out;
	hb_face_t *face, *sub;
	hb_font_t *hf;
	hb_subset_input_t *in;
	hb_set_t *set;
	const char *data;
	unsigned len, cp;
	hb_codepoint_t g;
	const char *tmp = getenv("TMPDIR");
	FILE *f;
	int fd;

	if ((blob = hb_blob_create_from_file_or_fail(font)) == NULL)
		die("%s: cannot read the font", font);
	face = hb_face_create(blob, 0);
	hf = hb_font_create(face);
	if ((in = hb_subset_input_create_or_fail()) == NULL)
		die("out of memory");
	set = hb_subset_input_unicode_set(in);
	for (cp = 0x20; cp < 0x10000; cp++) {
		if (!(used[cp >> 3] & (1u << (cp & 7))))
			continue;
		if (!hb_font_get_nominal_glyph(hf, cp, &g))
			die("%s lacks U+%04X: use another character", font, cp);
		hb_set_add(set, cp);
	}
	/* libharu finds the font's PostScript name in a Macintosh name
	 * record, which harfbuzz drops unless asked to keep them. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NAME_LEGACY |
	    HB_SUBSET_FLAGS_NO_HINTING);
	if ((sub = hb_subset_or_fail(face, in)) == NULL)
		die("%s: harfbuzz cannot cut the font down", font);
	out = hb_face_reference_blob(sub);
	data = hb_blob_get_data(out, &len);

	snprintf(path, size, "%s/mkpaper-font.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "wb")) == NULL)
		die("%s: cannot write the font", path);
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0)
		die("%s: cannot write the font", path);
	hb_blob_destroy(out);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_font_destroy(hf);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
}

/*
 * libharu 2.3.0 gives a UTF-8 Type0 font, as /ToUnicode, the encoding
 * CMap itself (a "begincidrange" CMap, which text extractors warn about
 * and real papers do not have).  The codes are UTF-16 code units, so
 * the right map is the identity: its stream is rewritten with one
 * bfrange per 256-code block in use (as tools/mkexample.c does).
 */
static void
fix_tounicode(canvas *c)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)c->font->attr;
	HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
	HPDF_Stream s;
	char line[64];
	unsigned hi, lo, blocks = 0, done = 0, n;
	int used[256];

	if (cmap == NULL || cmap->stream == NULL ||
	    HPDF_Dict_GetItem(c->font, "ToUnicode", HPDF_OCLASS_DICT) != cmap)
		die("libharu's font layout is not 2.3.0's: cannot fix the "
		    "ToUnicode map");
	for (hi = 0; hi < 256; hi++) {
		used[hi] = 0;
		for (lo = 0; lo < 256; lo += 8)
			if (c->used[(hi << 8 | lo) >> 3])
				used[hi] = 1;
		blocks += (unsigned)used[hi];
	}
	s = cmap->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_Stream_WriteStr(s,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (hi = 0; hi < 256; hi++) {
		if (!used[hi])
			continue;
		if (done % 100 == 0) {
			n = blocks - done < 100 ? blocks - done : 100;
			snprintf(line, sizeof(line), "%u beginbfrange\n", n);
			HPDF_Stream_WriteStr(s, line);
		}
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n",
		    hi, hi, hi);
		HPDF_Stream_WriteStr(s, line);
		if (++done % 100 == 0 || done == blocks)
			HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s,
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
}

/* libharu's errors name no file: `data` is the one being written. */
static void
haru_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *data)
{
	die("%s: libharu error 0x%04X (detail %u)", (const char *)data,
	    (unsigned)error_no, (unsigned)detail_no);
}

/* ---- pictures --------------------------------------------------------- */

static uint32_t
next_random(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

/* The grey picture of page `page` at `dpi`: white paper, bars of ink. */
static void
raster_page(canvas *c, const kind *k, const options *o, const layout *l,
    int page, double dpi)
{
	c->mode = D_RASTER;
	c->want = page;
	c->scale = dpi / 72.0;
	c->rw = (int)lround(PAGE_W * c->scale);
	c->rh = (int)lround(PAGE_H * c->scale);
	c->ras = xmalloc((size_t)c->rw * (size_t)c->rh);
	memset(c->ras, 238, (size_t)c->rw * (size_t)c->rh);
	draw_page(c, k, o, l, page);
}

/* Little-endian TIFF writers for the Exif segment. */
static void
le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
le32(unsigned char *p, unsigned long v)
{
	le16(p, (unsigned)(v & 0xffff));
	le16(p + 2, (unsigned)(v >> 16));
}

static void
ifd_entry(unsigned char *p, unsigned tag, unsigned type, unsigned long count,
    unsigned long value)
{
	le16(p, tag);
	le16(p + 2, type);
	le32(p + 4, count);
	if (type == 3 && count == 1) {
		le16(p + 8, (unsigned)value);
		le16(p + 10, 0);
	} else {
		le32(p + 8, value);
	}
}

/*
 * The payload of an Exif APP1 segment as a phone writes one: IFD0 with
 * Make, Model, Orientation 6, DateTime and a pointer to the Exif IFD,
 * which holds DateTimeOriginal.  Returns its length (buf: 512 bytes).
 */
static size_t
exif_payload(unsigned char *buf, const char *taken)
{
	static const char make[] = "Apple", model[] = "iPhone 13";
	unsigned char *t = buf + 6;
	unsigned long ifd0 = 8, exif_ifd, data;
	const unsigned n0 = 5;

	memset(buf, 0, 512);
	memcpy(buf, "Exif\0\0", 6);
	memcpy(t, "II*\0", 4);
	le32(t + 4, ifd0);
	exif_ifd = ifd0 + 2 + 12 * n0 + 4;
	data = exif_ifd + 2 + 12 + 4;
	le16(t + ifd0, n0);
	ifd_entry(t + ifd0 + 2, 0x010f, 2, sizeof(make), data);
	memcpy(t + data, make, sizeof(make));
	data += sizeof(make) + 1;
	ifd_entry(t + ifd0 + 14, 0x0110, 2, sizeof(model), data);
	memcpy(t + data, model, sizeof(model));
	data += sizeof(model) + 1;
	ifd_entry(t + ifd0 + 26, 0x0112, 3, 1, 6);
	ifd_entry(t + ifd0 + 38, 0x0132, 2, 20, data);
	memcpy(t + data, taken, 19);
	data += 20;
	ifd_entry(t + ifd0 + 50, 0x8769, 4, 1, exif_ifd);
	le16(t + exif_ifd, 1);
	ifd_entry(t + exif_ifd + 2, 0x9003, 2, 20, data);
	memcpy(t + data, taken, 19);
	data += 20;
	return 6 + data;
}

/* JPEG-compresses grey or RGB pixels; with `taken`, an Exif segment
 * takes the JFIF header's place.  The result is malloc'd. */
static unsigned char *
jpeg_of(const unsigned char *pix, int width, int height, int components,
    int quality, const char *taken, unsigned long *len)
{
	struct jpeg_compress_struct cinfo;
	struct jpeg_error_mgr jerr;
	unsigned char *out = NULL, exif[512];
	JSAMPROW row;
	size_t n;

	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, &out, len);
	cinfo.image_width = (JDIMENSION)width;
	cinfo.image_height = (JDIMENSION)height;
	cinfo.input_components = components;
	cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, quality, TRUE);
	if (taken != NULL)
		cinfo.write_JFIF_header = FALSE;
	jpeg_start_compress(&cinfo, TRUE);
	if (taken != NULL) {
		n = exif_payload(exif, taken);
		jpeg_write_marker(&cinfo, JPEG_APP0 + 1, exif, (unsigned)n);
	}
	while (cinfo.next_scanline < cinfo.image_height) {
		row = (JSAMPROW)(pix + (size_t)cinfo.next_scanline *
		    (size_t)width * (size_t)components);
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	return out;
}

/* The scan: a PDF page a picture, each the page's bars with a
 * scanner's grain, no text. */
static void
write_scan(const kind *k, const options *o, const layout *l, const char *out)
{
	HPDF_Doc pdf;
	canvas c;
	uint32_t seed = 20261004u;
	int page;

	if ((pdf = HPDF_New(haru_error, (void *)out)) == NULL)
		die("libharu: cannot create a document");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	for (page = 1; page <= o->pages; page++) {
		HPDF_Page hp = HPDF_AddPage(pdf);
		unsigned long len = 0;
		unsigned char *jpeg;
		size_t i, n;

		memset(&c, 0, sizeof(c));
		raster_page(&c, k, o, l, page, o->dpi);
		n = (size_t)c.rw * (size_t)c.rh;
		for (i = 0; i < n; i++)
			c.ras[i] = (unsigned char)(c.ras[i] - 3 +
			    next_random(&seed) % 7);
		jpeg = jpeg_of(c.ras, c.rw, c.rh, 1, 60, NULL, &len);
		HPDF_Page_SetWidth(hp, (HPDF_REAL)PAGE_W);
		HPDF_Page_SetHeight(hp, (HPDF_REAL)PAGE_H);
		HPDF_Page_DrawImage(hp, HPDF_LoadJpegImageFromMem(pdf, jpeg,
		    (HPDF_UINT)len), 0, 0, (HPDF_REAL)PAGE_W,
		    (HPDF_REAL)PAGE_H);
		free(jpeg);
		free(c.ras);
	}
	if (HPDF_SaveToFile(pdf, out) != HPDF_OK)
		die("%s: cannot write", out);
	HPDF_Free(pdf);
}

/*
 * The photo: the page, turned by a degree or two (another angle for
 * each page), lying on a grey table and lit unevenly, with a sensor's
 * noise.  Stored upright, or as a phone stores it (turned a quarter,
 * orientation 6) when it has Exif.
 */
static void
write_photo(const kind *k, const options *o, const layout *l,
    const char *out)
{
	int uw = o->width, uh = o->height, x, y, sw, sh;
	double deg = (o->photo % 2 ? 1.6 : -2.1) + 0.3 * o->photo;
	double cs = cos(deg * PI / 180), sn = sin(deg * PI / 180);
	double fit, pw, ph;
	unsigned char *rgb, *up, *jpeg;
	unsigned long len = 0;
	uint32_t seed = 1009u * (uint32_t)o->photo + (uint32_t)strlen(k->key);
	canvas c;
	FILE *f;

	/* The page fills 86% of the picture's height or width. */
	fit = fmin(uw * 0.86 / PAGE_W, uh * 0.86 / PAGE_H);
	pw = PAGE_W * fit;
	ph = PAGE_H * fit;
	memset(&c, 0, sizeof(c));
	raster_page(&c, k, o, l, o->photo, fit * 72.0 * 1.5);

	up = xmalloc((size_t)uw * (size_t)uh);
	for (y = 0; y < uh; y++) {
		for (x = 0; x < uw; x++) {
			/* The point of the page under pixel (x, y). */
			double dx = x + 0.5 - uw / 2.0, dy = y + 0.5 - uh / 2.0;
			double u = (cs * dx + sn * dy + pw / 2) / pw;
			double v = (-sn * dx + cs * dy + ph / 2) / ph;
			int g;

			if (u >= 0 && u < 1 && v >= 0 && v < 1) {
				int px = (int)(u * c.rw), py = (int)(v * c.rh);

				g = c.ras[(size_t)py * (size_t)c.rw +
				    (size_t)px];
				/* Brighter towards the window, top left. */
				g = g - (int)(18 * u + 14 * v);
			} else {
				g = 150 + (int)(next_random(&seed) % 20) +
				    (y * 20) / uh;
			}
			g += (int)(next_random(&seed) % 9) - 4;
			up[(size_t)y * (size_t)uw + (size_t)x] =
			    (unsigned char)(g < 0 ? 0 : g > 255 ? 255 : g);
		}
	}
	free(c.ras);

	/* As stored: RGB, warm light; turned for orientation 6 (the
	 * stored pixel (x, y) is the upright (sh - 1 - y, x)). */
	sw = o->taken ? uh : uw;
	sh = o->taken ? uw : uh;
	rgb = xmalloc((size_t)sw * (size_t)sh * 3);
	for (y = 0; y < sh; y++) {
		for (x = 0; x < sw; x++) {
			int g = o->taken ?
			    up[(size_t)x * (size_t)uw + (size_t)(sh - 1 - y)] :
			    up[(size_t)y * (size_t)uw + (size_t)x];
			unsigned char *p = rgb + ((size_t)y * (size_t)sw +
			    (size_t)x) * 3;

			p[0] = (unsigned char)(g > 251 ? 255 : g + 4);
			p[1] = (unsigned char)g;
			p[2] = (unsigned char)(g < 8 ? 0 : g - 8);
		}
	}
	free(up);
	jpeg = jpeg_of(rgb, sw, sh, 3, 82, o->taken, &len);
	free(rgb);
	if ((f = fopen(out, "wb")) == NULL || fwrite(jpeg, 1, len, f) != len ||
	    fclose(f) != 0)
		die("%s: cannot write", out);
	free(jpeg);
}

/* The PDF with its text layer, drawn twice: once to learn the
 * characters, once with the font cut down to them. */
static void
write_pdf(const kind *k, const options *o, const layout *l, const char *out)
{
	static canvas c;
	char font[4096];
	const char *name;
	int page;

	memset(&c, 0, sizeof(c));
	c.mode = D_COLLECT;
	for (page = 1; page <= o->pages; page++)
		draw_page(&c, k, o, l, page);
	note_text(&c, "0123456789");
	subset_font(o->font, c.used, font, sizeof(font));

	c.mode = D_PDF;
	if ((c.pdf = HPDF_New(haru_error, (void *)out)) == NULL)
		die("libharu: cannot create a document");
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(c.pdf);
	HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
	HPDF_SetInfoAttr(c.pdf, HPDF_INFO_TITLE, o->title);
	HPDF_SetInfoAttr(c.pdf, HPDF_INFO_CREATOR, o->hospital);
	name = HPDF_LoadTTFontFromFile(c.pdf, font, HPDF_TRUE);
	/* libharu has read what it needs of the file until it saves; the
	 * open stream keeps the bytes after the name goes. */
	unlink(font);
	c.font = HPDF_GetFont(c.pdf, name, "UTF-8");
	fix_tounicode(&c);
	for (page = 1; page <= o->pages; page++) {
		c.hpage = HPDF_AddPage(c.pdf);
		HPDF_Page_SetSize(c.hpage, HPDF_PAGE_SIZE_A4,
		    HPDF_PAGE_PORTRAIT);
		HPDF_Page_SetGrayFill(c.hpage, 0.1f);
		draw_page(&c, k, o, l, page);
	}
	if (HPDF_SaveToFile(c.pdf, out) != HPDF_OK)
		die("%s: cannot write", out);
	HPDF_Free(c.pdf);
}

/* ---- arguments -------------------------------------------------------- */

static int
number_arg(const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		usage();
	return (int)v;
}

/* "12850.40" (0 to 2 decimals, no sign) as fen, without floating
 * point. */
static int64_t
amount_arg(const char *s)
{
	int64_t fen = 0;
	int decimals = -1;

	if (*s == '\0')
		usage();
	for (; *s != '\0'; s++) {
		if (*s == '.' && decimals < 0) {
			decimals = 0;
		} else if (*s >= '0' && *s <= '9' && decimals < 2 &&
		    fen < INT64_MAX / 100) {
			fen = fen * 10 + (*s - '0');
			if (decimals >= 0)
				decimals++;
		} else {
			usage();
		}
	}
	for (; decimals < 2; decimals = decimals < 0 ? 1 : decimals + 1)
		fen *= 10;
	return fen;
}

int
main(int argc, char **argv)
{
	options o = { "示例联合医院", NULL, "SMITH JOHN ALEXANDER",
	    "住院号：ZY00042318", NULL, NULL, NULL, "12850.40", 0, 1, 0, 100,
	    0, NULL, 600, 800, FONT, 0 };
	const kind *k = NULL;
	const char *out;
	layout l;
	size_t i;
	int a;

	for (a = 1; a < argc && strncmp(argv[a], "--", 2) == 0; a++) {
		const char *opt = argv[a] + 2;

		if (strcmp(opt, "stay") == 0) {
			o.stay = 1;
			continue;
		}
		if (strcmp(opt, "scan") == 0) {
			o.scan = 1;
			continue;
		}
		if (a + 1 >= argc)
			usage();
		if (strcmp(opt, "hospital") == 0) o.hospital = argv[++a];
		else if (strcmp(opt, "title") == 0) o.title = argv[++a];
		else if (strcmp(opt, "name") == 0) o.name = argv[++a];
		else if (strcmp(opt, "id") == 0) o.id = argv[++a];
		else if (strcmp(opt, "admission") == 0) o.admission = argv[++a];
		else if (strcmp(opt, "discharge") == 0) o.discharge = argv[++a];
		else if (strcmp(opt, "report") == 0) o.report = argv[++a];
		else if (strcmp(opt, "total") == 0) o.total_text = argv[++a];
		else if (strcmp(opt, "pages") == 0)
			o.pages = number_arg(argv[++a], 1, MAX_PAGES);
		else if (strcmp(opt, "dpi") == 0)
			o.dpi = number_arg(argv[++a], 50, 300);
		else if (strcmp(opt, "photo") == 0)
			o.photo = number_arg(argv[++a], 1, MAX_PAGES);
		else if (strcmp(opt, "taken") == 0) {
			o.taken = argv[++a];
			if (strlen(o.taken) != 19)
				usage();
		} else if (strcmp(opt, "size") == 0) {
			if (sscanf(argv[++a], "%dx%d", &o.width,
			    &o.height) != 2 || o.width < 64 || o.height < 64 ||
			    o.width > 10000 || o.height > 10000)
				usage();
		} else if (strcmp(opt, "font") == 0) o.font = argv[++a];
		else usage();
	}
	if (argc - a != 2 || (o.scan && o.photo) || o.photo > o.pages ||
	    (o.taken != NULL && !o.photo))
		usage();
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[a], kinds[i].key) == 0)
			k = &kinds[i];
	if (k == NULL)
		usage();
	out = argv[a + 1];
	if (o.title == NULL)
		o.title = k->title;
	o.total = amount_arg(o.total_text);

	lay_out(k, &o, &l);
	if (o.photo)
		write_photo(k, &o, &l, out);
	else if (o.scan)
		write_scan(k, &o, &l, out);
	else
		write_pdf(k, &o, &l, out);
	for (i = 0; i < l.lines.n; i++)
		free(l.lines.v[i].text);
	free(l.lines.v);
	return 0;
}
