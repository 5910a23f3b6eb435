/* test_read_text_labels.c - labelled values in the text layer of a
 * page: invoice fields, names, dates and the title's document type. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "read/readers.h"
#include "support.h"

static cp__date
ymd(int y, int m, int d)
{
	return cp__date_from_ymd(y, m, d);
}

/* Reads `text` as page 1 of a text layer into a new paper. */
static cp__paper_facts *
read_text(const char *text)
{
	cp__paper_facts *paper = cp__paper_new("t.pdf");

	assert_non_null(paper);
	assert_int_equal(cp__read_text_labels(paper, text, strlen(text), 1,
	    CP__FROM_TEXT), 0);
	assert_null(paper->problem);
	return paper;
}

/* The name of `role` read, or NULL; fails when there are two. */
static const char *
name_of(const cp__paper_facts *paper, cp__name_role role)
{
	const char *found = NULL;
	size_t i;

	for (i = 0; i < paper->nnames; i++) {
		if (paper->names[i].role != role)
			continue;
		if (found != NULL)
			fail_msg("two names of role %d: %s, %s", (int)role, found,
			    paper->names[i].text);
		found = paper->names[i].text;
		assert_int_equal(paper->names[i].from, CP__FROM_TEXT);
		assert_int_equal(paper->names[i].page, 1);
	}
	return found;
}

/* The date of `role` read; fails when there is none or two. */
static cp__date
date_of(const cp__paper_facts *paper, cp__date_role role)
{
	size_t i, n = 0;
	cp__date d = 0;

	for (i = 0; i < paper->ndates; i++)
		if (paper->dates[i].role == role) {
			d = paper->dates[i].date;
			n++;
		}
	if (n != 1)
		fail_msg("%zu dates of role %d", n, (int)role);
	return d;
}

static void
assert_text(const cp__fact_text *f, const char *want)
{
	if (want == NULL) {
		assert_null(f->text);
		return;
	}
	assert_non_null(f->text);
	assert_string_equal(f->text, want);
	assert_int_equal(f->from, CP__FROM_TEXT);
	assert_int_equal(f->page, 1);
}

/* Nothing of an invoice was read. */
static void
assert_no_invoice(const cp__paper_facts *paper)
{
	const cp__invoice_facts *inv = &paper->invoice;

	assert_false(inv->present);
	assert_null(inv->code.text);
	assert_null(inv->number.text);
	assert_null(inv->check_code.text);
	assert_null(inv->buyer.text);
	assert_null(inv->seller.text);
	assert_false(inv->amount.has);
	assert_false(inv->amount_before_tax.has);
	assert_false(inv->date.has);
}

/* ---- invoices --------------------------------------------------------- */

/* A VAT e-invoice (the fields of the shared sample ofdrw-1.ofd) as
 * poppler prints such a PDF: labels letter-spaced, the buyer's and the
 * seller's blocks marked by one character, the check code in groups. */
static const char vat_pdf[] =
    "浙江增值税电子普通发票\n"
    "机器编号：499099763440\n"
    "发票代码：033002000211\n"
    "发票号码：83089647\n"
    "开票日期：2020年07月23日\n"
    "校 验 码：16197 83356 74145 07415\n"
    "购 名 称：江苏京利华新材料有限公司 密\n"
    "买 纳税人识别号：91320281MA1XXXXXX 码\n"
    "方 地 址、电 话： 区\n"
    "货物或应税劳务、服务名称 规格型号 单位 数量 单价 金额 税率 税额\n"
    "*餐饮服务*餐费 1 510.68 510.68 3% 15.32\n"
    "合 计 ¥510.68 ¥15.32\n"
    "价税合计（大写） 伍佰贰拾陆圆整 （小写）¥526.00\n"
    "销 名 称：兰溪市悦济舫餐厅\n"
    "售 纳税人识别号：92330781MA2XXXXXX\n"
    "收款人：张三 复核：李四 开票人：王五 销售方：（章）\n";

static void
test_read_text_labels__vat_einvoice_pdf(void **state)
{
	cp__paper_facts *paper = read_text(vat_pdf);
	const cp__invoice_facts *inv = &paper->invoice;

	(void)state;
	assert_true(inv->present);
	assert_int_equal(inv->kind, CP__INVOICE_VAT);
	assert_text(&inv->code, "033002000211");
	assert_text(&inv->number, "83089647");
	assert_text(&inv->check_code, "16197833567414507415");
	assert_text(&inv->buyer, "江苏京利华新材料有限公司");
	assert_text(&inv->seller, "兰溪市悦济舫餐厅");
	assert_null(inv->qr.text);
	assert_true(inv->date.has);
	assert_int_equal(inv->date.date, ymd(2020, 7, 23));
	assert_int_equal(inv->date.from, CP__FROM_TEXT);
	assert_true(inv->amount.has);
	assert_int_equal(inv->amount.fen, 52600);
	assert_int_equal(inv->amount.from, CP__FROM_TEXT);
	assert_true(inv->amount_before_tax.has);
	assert_int_equal(inv->amount_before_tax.fen, 51068);
	assert_string_equal(name_of(paper, CP__NAME_BUYER),
	    "江苏京利华新材料有限公司");
	assert_null(name_of(paper, CP__NAME_PATIENT));
	assert_int_equal(date_of(paper, CP__DATE_ISSUE), ymd(2020, 7, 23));
	assert_string_equal(paper->type, "fapiao");
	cp__paper_free(paper);
}

/* The brief's one-line form: every pair on one line. */
static void
test_read_text_labels__vat_pairs_on_one_line(void **state)
{
	cp__paper_facts *paper = read_text("发票代码：033002000211 发票号码："
	    "83089647 开票日期：2020年07月23日 校验码：16197 83356 74145 "
	    "07415 购 名称：江苏京利华新材料有限公司 价税合计（大写） "
	    "伍佰贰拾陆圆整 （小写）¥526.00");
	const cp__invoice_facts *inv = &paper->invoice;

	(void)state;
	assert_text(&inv->code, "033002000211");
	assert_text(&inv->number, "83089647");
	assert_text(&inv->check_code, "16197833567414507415");
	assert_text(&inv->buyer, "江苏京利华新材料有限公司");
	assert_int_equal(inv->date.date, ymd(2020, 7, 23));
	assert_int_equal(inv->amount.fen, 52600);
	assert_false(inv->amount_before_tax.has);
	cp__paper_free(paper);
}

/* A 数电 invoice (the shared sample erma0-sd-20241205.ofd's fields),
 * its blocks headed by vertical 购买方信息 / 销售方信息. */
static void
test_read_text_labels__digital_invoice(void **state)
{
	cp__paper_facts *paper = read_text(
	    "电子发票（增值税专用发票）\n"
	    "发票号码：24322000000489101796\n"
	    "开票日期：2024年12月05日\n"
	    "购\n买\n方\n信\n息\n"
	    "名称：无锡天鹏菜篮子工程有限公司\n"
	    "统一社会信用代码/纳税人识别号：91320200XXXXXXXXXX\n"
	    "销\n售\n方\n信\n息\n"
	    "名称：无锡爱尔拓燃气技术设备有限公司\n"
	    "统一社会信用代码/纳税人识别号：91320211XXXXXXXXXX\n"
	    "项目名称 规格型号 单 位 数 量 单 价 金 额 税率/征收率 税 额\n"
	    "合 计 ¥17699.12 ¥2300.88\n"
	    "价税合计（大写） 贰万圆整 （小写）¥20,000.00\n"
	    "开票人：某某\n");
	const cp__invoice_facts *inv = &paper->invoice;

	(void)state;
	assert_true(inv->present);
	assert_int_equal(inv->kind, CP__INVOICE_VAT_DIGITAL);
	assert_null(inv->code.text);
	assert_text(&inv->number, "24322000000489101796");
	assert_null(inv->check_code.text);
	assert_int_equal(inv->date.date, ymd(2024, 12, 5));
	assert_int_equal(inv->amount.fen, 2000000);
	assert_int_equal(inv->amount_before_tax.fen, 1769912);
	assert_text(&inv->buyer, "无锡天鹏菜篮子工程有限公司");
	assert_text(&inv->seller, "无锡爱尔拓燃气技术设备有限公司");
	assert_string_equal(paper->type, "fapiao");
	cp__paper_free(paper);
}

/* A fiscal medical receipt: the fields of the real QR URL of DOMAIN.md
 * (45060122_0185821908_07892e_236.21_20230306). */
static void
test_read_text_labels__fiscal_receipt(void **state)
{
	cp__paper_facts *paper = read_text(
	    "广西壮族自治区医疗门诊收费票据（电子）\n"
	    "票据代码：45060122 票据号码：0185821908\n"
	    "交款人统一社会信用代码：\n"
	    "交款人：张三 校验码：07892e 开票日期：2023-03-06\n"
	    "项目名称 数量 金额（元） 备注\n"
	    "西药费 1 236.21\n"
	    "金额合计（大写）贰佰叁拾陆元贰角壹分 （小写）236.21\n"
	    "收款单位（章）：某市第一人民医院 复核人：李四 收款人：王五\n");
	const cp__invoice_facts *inv = &paper->invoice;

	(void)state;
	assert_true(inv->present);
	assert_int_equal(inv->kind, CP__INVOICE_FISCAL);
	assert_text(&inv->code, "45060122");
	assert_text(&inv->number, "0185821908");
	assert_text(&inv->check_code, "07892e");
	assert_text(&inv->buyer, "张三");
	assert_text(&inv->seller, "某市第一人民医院");
	assert_int_equal(inv->date.date, ymd(2023, 3, 6));
	assert_int_equal(inv->amount.fen, 23621);
	assert_false(inv->amount_before_tax.has);
	assert_string_equal(name_of(paper, CP__NAME_PAYER), "张三");
	assert_null(name_of(paper, CP__NAME_BUYER));
	assert_string_equal(paper->type, "fapiao");
	cp__paper_free(paper);
}

static void
test_read_text_labels__fiscal_receipt_as_in_the_brief(void **state)
{
	cp__paper_facts *paper = read_text("票据代码：45060122 票据号码：0185821908 "
	    "校验码：07892E 开票日期：2023-03-06 交款人：张三 "
	    "金额合计（小写）236.21");
	const cp__invoice_facts *inv = &paper->invoice;

	(void)state;
	assert_int_equal(inv->kind, CP__INVOICE_FISCAL);
	assert_text(&inv->code, "45060122");
	assert_text(&inv->number, "0185821908");
	/* Lower case, as the papers and the QR code have it. */
	assert_text(&inv->check_code, "07892e");
	assert_int_equal(inv->amount.fen, 23621);
	assert_string_equal(name_of(paper, CP__NAME_PAYER), "张三");
	cp__paper_free(paper);
}

/* ---- what `claimpack init` needs of a paper ------------------------------ */

/* An expense list's total is the paper's own, not an invoice's; its
 * hospital is the ideographs of its title line up to 医院. */
static void
test_read_text_labels__expense_list_total_and_hospital(void **state)
{
	cp__paper_facts *paper = read_text("示例联合医院 住院费用清单\n"
	    "姓名：SMITH JOHN ALEXANDER\n项目 金额\n西药费 1494.40\n"
	    "合计：12850.40\n");

	(void)state;
	assert_false(paper->invoice.present);
	assert_true(paper->total.has);
	assert_int_equal(paper->total.fen, 1285040);
	assert_int_equal(paper->total.from, CP__FROM_TEXT);
	assert_text(&paper->hospital, "示例联合医院");
	cp__paper_free(paper);
	/* "费用合计" too; a title run on in English is not the name. */
	paper = read_text("出院小结翻译件·ExampleUnionHospital北京协和医院\n"
	    "费用合计 526.00\n");
	assert_int_equal(paper->total.fen, 52600);
	assert_text(&paper->hospital, "北京协和医院");
	assert_string_equal(paper->type, "translation");
	cp__paper_free(paper);
	/* A line with a colon is a label's, not a title's. */
	paper = read_text("就诊医院：示例医院\n");
	assert_null(paper->hospital.text);
	cp__paper_free(paper);
}

/* "姓名 Name: SMITH": a bilingual paper's English gloss of a label is
 * not its value. */
static void
test_read_text_labels__bilingual_label_glosses(void **state)
{
	cp__paper_facts *paper = read_text("票据代码 Code: 11060126\n"
	    "票据号码 No.: 0012345678\n交款人 Payer: SMITH JOHN ALEXANDER\n"
	    "开票日期 Date: 2026-10-09\n");

	(void)state;
	assert_text(&paper->invoice.code, "11060126");
	assert_text(&paper->invoice.number, "0012345678");
	assert_string_equal(name_of(paper, CP__NAME_PAYER),
	    "SMITH JOHN ALEXANDER");
	assert_int_equal(paper->invoice.date.date, ymd(2026, 10, 9));
	cp__paper_free(paper);
	/* A name in Latin letters right after the label stays the value. */
	paper = read_text("姓名 SMITH JOHN 性别：男\n");
	assert_string_equal(name_of(paper, CP__NAME_PATIENT), "SMITH JOHN");
	cp__paper_free(paper);
}

/* ---- hospital papers -------------------------------------------------- */

static void
test_read_text_labels__discharge_summary(void **state)
{
	cp__paper_facts *paper = read_text(
	    "某某大学附属第一医院\n"
	    "出 院 小 结\n"
	    "姓名：王小东 性别：男 年龄：45岁 科室：心内科 床号：12\n"
	    "住院号：0012345\n"
	    "入院日期：2026-09-18 出院日期：2026/09/25\n"
	    "入院诊断：冠心病\n"
	    "联系人姓名：王大东\n"
	    "报告日期：2026.09.25 10:15:00\n");

	(void)state;
	assert_string_equal(paper->type, "discharge_summary");
	assert_string_equal(name_of(paper, CP__NAME_PATIENT), "王小东");
	assert_int_equal(paper->nnames, 1);
	assert_int_equal(date_of(paper, CP__DATE_ADMISSION), ymd(2026, 9, 18));
	assert_int_equal(date_of(paper, CP__DATE_DISCHARGE), ymd(2026, 9, 25));
	assert_int_equal(date_of(paper, CP__DATE_REPORT), ymd(2026, 9, 25));
	assert_int_equal(paper->ndates, 3);
	assert_int_equal(paper->dates[0].from, CP__FROM_TEXT);
	assert_int_equal(paper->dates[0].page, 1);
	assert_no_invoice(paper);
	cp__paper_free(paper);
}

/* An expense list's totals are no invoice's: no code, no number. */
static void
test_read_text_labels__expense_list_is_no_invoice(void **state)
{
	cp__paper_facts *paper = read_text(
	    "住院费用清单\n"
	    "患者姓名：李小红 住院日期：2026-09-18 至 2026-09-25\n"
	    "项目 数量 单价 金额\n"
	    "床位费 7 50.00 350.00\n"
	    "合计 ¥350.00 ¥0.00\n"
	    "合计（小写）：350.00\n");

	(void)state;
	assert_string_equal(paper->type, "expense_list");
	assert_string_equal(name_of(paper, CP__NAME_PATIENT), "李小红");
	assert_int_equal(date_of(paper, CP__DATE_ADMISSION), ymd(2026, 9, 18));
	assert_int_equal(date_of(paper, CP__DATE_DISCHARGE), ymd(2026, 9, 25));
	assert_no_invoice(paper);
	cp__paper_free(paper);
}

static void
test_read_text_labels__titles_give_the_type(void **state)
{
	static const struct {
		const char *text;
		const char *type;
	} cases[] = {
		{ "某医院\n出院记录\n姓名：甲乙", "discharge_summary" },
		{ "某医院 费用明细\n", "expense_list" },
		{ "医疗收费明细（电子）\n", "expense_list" },
		{ "某医院检验报告单\n", "lab_report" },
		{ "放射科\nCT 检查报告\n", "imaging_report" },
		{ "影像报告\n", "imaging_report" },
		{ "病理检查报告\n", "pathology_report" },
		{ "手术记录\n", "operative_note" },
		{ "诊断证明书\n", "diagnosis_certificate" },
		{ "处 方 笺\n", "prescription" },
		{ "门诊病历\n", "outpatient_record" },
		{ "医疗收费电子票据\n", "fapiao" },
		/* A title word inside a label line is no title. */
		{ "发票号码：12\n", NULL },
		{ "备注：出院小结见附页\n", NULL },
		/* Only the first lines are titles. */
		{ "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n出院小结\n", NULL },
		{ "\n\n\n\n\n\n\n\n\n\n\n\n出院小结\n", "discharge_summary" },
	};
	cp__paper_facts *paper;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		paper = read_text(cases[i].text);
		if (cases[i].type == NULL ? paper->type != NULL :
		    paper->type == NULL || strcmp(paper->type,
		    cases[i].type) != 0)
			fail_msg("\"%s\": type %s, expected %s", cases[i].text,
			    paper->type ? paper->type : "(none)",
			    cases[i].type ? cases[i].type : "(none)");
		if (paper->type != NULL)
			assert_non_null(cp_doctype_find(paper->type));
		cp__paper_free(paper);
	}
}

/* A type the caller already knows is kept. */
static void
test_read_text_labels__known_type_is_kept(void **state)
{
	cp__paper_facts *paper = cp__paper_new("x.pdf");
	const char *text = "出院小结\n";

	(void)state;
	assert_non_null(paper);
	paper->type = "lab_report";
	assert_int_equal(cp__read_text_labels(paper, text, strlen(text), 2,
	    CP__FROM_TEXT), 0);
	assert_string_equal(paper->type, "lab_report");
	cp__paper_free(paper);
}

/* ---- printed forms ---------------------------------------------------- */

static void
test_read_text_labels__dates_in_every_printed_form(void **state)
{
	static const struct {
		const char *text;
		int y, m, d;
	} cases[] = {
		{ "开票日期：2019 年07 月20 日", 2019, 7, 20 },
		{ "开票日期：2020年07月23日", 2020, 7, 23 },
		{ "开票日期：2020年7月3日", 2020, 7, 3 },
		{ "开票日期:2026-10-09", 2026, 10, 9 },
		{ "开票日期 2026/10/09", 2026, 10, 9 },
		{ "开票日期：2026.10.09", 2026, 10, 9 },
		{ "开票日期：2023-3-6", 2023, 3, 6 },
		{ "开票日期：20261009", 2026, 10, 9 },
		{ "开票日期：2026-10-09 10:15:00", 2026, 10, 9 },
		{ "开具日期：2026-10-09", 2026, 10, 9 },
		{ "开票日期：\n2026-10-09\n", 2026, 10, 9 },
		{ "开票日期：２０２６年１０月０９日", 2026, 10, 9 },
	};
	cp__paper_facts *paper;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		paper = read_text(cases[i].text);
		if (paper->ndates != 1 || paper->dates[0].role != CP__DATE_ISSUE ||
		    paper->dates[0].date != ymd(cases[i].y, cases[i].m,
		    cases[i].d))
			fail_msg("\"%s\": %zu dates", cases[i].text,
			    paper->ndates);
		cp__paper_free(paper);
	}
}

static void
test_read_text_labels__dates_that_are_not(void **state)
{
	static const char *const texts[] = {
		"开票日期：2026-02-30",         /* no such day */
		"开票日期：2026-13-01",
		"开票日期：1899-12-31",         /* outside 1900..2999 */
		"开票日期：2026-10/09",         /* two separators */
		"开票日期：202610091",          /* nine digits */
		"开票日期：26-10-09",
		"开票日期：2026年10月",
		"开票日期：今天",
		"发票号码 20261009",            /* not a date label */
		"2026-10-09",                   /* no label at all */
	};
	cp__paper_facts *paper;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		paper = read_text(texts[i]);
		if (paper->ndates != 0)
			fail_msg("\"%s\" gave a date", texts[i]);
		cp__paper_free(paper);
	}
}

/* Full-width digits, colons and parentheses, ideographic spaces, ￥. */
static void
test_read_text_labels__full_width_forms(void **state)
{
	cp__paper_facts *paper = read_text(
	    "发票代码：０３３００２０００２１１\u3000发票号码：８３０８９６４７\n"
	    "价税合计（小写）￥５２６．００\n"
	    "购买方名称：\u3000江苏京利华新材料有限公司\u3000\u3000纳税人\n");
	const cp__invoice_facts *inv = &paper->invoice;

	(void)state;
	assert_text(&inv->code, "033002000211");
	assert_text(&inv->number, "83089647");
	assert_int_equal(inv->amount.fen, 52600);
	assert_text(&inv->buyer, "江苏京利华新材料有限公司");
	cp__paper_free(paper);
}

static void
test_read_text_labels__value_on_the_next_line(void **state)
{
	cp__paper_facts *paper = read_text(
	    "发票号码：\n"
	    "  24322000000489101796\n"
	    "姓名\n"
	    "王小东\n"
	    "价税合计(小写)\n"
	    "¥ 1,234,567.8\n"
	    "开票日期：\n"
	    "\n"
	    "2024-12-05\n");

	(void)state;
	assert_text(&paper->invoice.number, "24322000000489101796");
	assert_string_equal(name_of(paper, CP__NAME_PATIENT), "王小东");
	assert_int_equal(paper->invoice.amount.fen, 123456780);
	/* Two lines on is another line's value. */
	assert_int_equal(paper->ndates, 0);
	cp__paper_free(paper);
}

static void
test_read_text_labels__names_end_where_they_should(void **state)
{
	static const struct {
		const char *text;
		const char *name;       /* NULL: none */
	} cases[] = {
		{ "姓名：王小东 性别：男", "王小东" },
		{ "姓名：王小东性别：男", "王小东" },
		{ "姓名：王小东  45岁", "王小东" },
		{ "姓名：王小东 男 45岁", "王小东" },
		{ "姓名：王 小 东", "王小东" },
		{ "姓名：王小东 住址：北京", "王小东" },
		{ "姓名：SMITH JOHN ALEXANDER  性别：M", "SMITH JOHN ALEXANDER" },
		{ "患者姓名：  李小红  ", "李小红" },
		{ "病人姓名:李小红", "李小红" },
		{ "姓名：---", NULL },
		{ "姓名：：", NULL },
		{ "姓名：12345", NULL },
		{ "姓名：性别：男", NULL },
		{ "姓名：", NULL },
		{ "姓名", NULL },
		/* 65 bytes: longer than any name. */
		{ "姓名：ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ"
		  "ABCDEFGHIJKLM", NULL },
		/* Not the patient's name. */
		{ "联系人姓名：王大东", NULL },
		{ "医师姓名：王大东", NULL },
	};
	cp__paper_facts *paper;
	const char *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		paper = read_text(cases[i].text);
		got = name_of(paper, CP__NAME_PATIENT);
		if (cases[i].name == NULL ? got != NULL : got == NULL ||
		    strcmp(got, cases[i].name) != 0)
			fail_msg("\"%s\": name \"%s\", expected \"%s\"",
			    cases[i].text, got ? got : "(none)",
			    cases[i].name ? cases[i].name : "(none)");
		cp__paper_free(paper);
	}
}

/* 名称 is somebody's only inside the buyer's or the seller's block. */
static void
test_read_text_labels__party_names_need_their_block(void **state)
{
	cp__paper_facts *paper = read_text(
	    "发票号码：83089647 发票代码：033002000211\n"
	    "名称：某物\n"
	    "医院名称：某医院\n"
	    "项目名称：挂号费\n"
	    "购 名称：张三 销 名称：某医院\n");
	const cp__invoice_facts *inv = &paper->invoice;

	(void)state;
	assert_text(&inv->buyer, "张三");
	assert_text(&inv->seller, "某医院");
	assert_string_equal(name_of(paper, CP__NAME_BUYER), "张三");
	assert_int_equal(paper->nnames, 1);
	cp__paper_free(paper);
}

/* A buyer named 个人 ("individual") is nobody's name. */
static void
test_read_text_labels__individual_is_no_name(void **state)
{
	cp__paper_facts *paper = read_text("发票号码：83089647\n购买方名称：个人\n");

	(void)state;
	assert_int_equal(paper->nnames, 0);
	assert_null(paper->invoice.buyer.text);
	cp__paper_free(paper);
}

static void
test_read_text_labels__identifiers_of_wrong_shape_are_left_out(void **state)
{
	cp__paper_facts *paper = read_text(
	    "发票代码：0330020002 发票号码：830896471\n"
	    "校验码：16197 83356 74145 0741\n");

	(void)state;
	/* The 10-digit code is a VAT code; the 9-digit number none. */
	assert_text(&paper->invoice.code, "0330020002");
	assert_null(paper->invoice.number.text);
	assert_null(paper->invoice.check_code.text);
	assert_int_equal(paper->invoice.kind, CP__INVOICE_UNKNOWN);
	cp__paper_free(paper);

	paper = read_text("校验码：12345 6 发票代码：0330020002\n");
	assert_null(paper->invoice.check_code.text);
	cp__paper_free(paper);

	paper = read_text("校验码：07892ex 发票号码：12345678901234567890123\n"
	    "价税合计（小写）¥526.001\n");
	assert_no_invoice(paper);
	cp__paper_free(paper);
}

/* What is read first on a page stays; a value read from a source
 * trusted more is not replaced. */
static void
test_read_text_labels__first_value_wins_and_trust_counts(void **state)
{
	cp__paper_facts *paper = cp__paper_new("p.pdf");
	const char *text = "发票代码：033002000211 发票号码：83089647\n"
	    "发票号码：99999999\n"
	    "价税合计（小写）¥1.00\n价税合计（小写）¥2.00\n";

	(void)state;
	assert_non_null(paper);
	assert_int_equal(cp__fact_set_text(&paper->invoice.code,
	    "044001500111", CP__FROM_QR, 0), 0);
	assert_int_equal(cp__read_text_labels(paper, text, strlen(text), 3,
	    CP__FROM_TEXT), 0);
	assert_string_equal(paper->invoice.number.text, "83089647");
	assert_int_equal(paper->invoice.number.page, 3);
	assert_int_equal(paper->invoice.amount.fen, 100);
	assert_string_equal(paper->invoice.code.text, "044001500111");
	assert_int_equal(paper->invoice.code.from, CP__FROM_QR);
	cp__paper_free(paper);
}

/* ---- texts that say nothing ------------------------------------------- */

static void
test_read_text_labels__text_without_labels(void **state)
{
	cp__paper_facts *paper = read_text("Lorem ipsum dolor sit amet, 2026-10-09, "
	    "¥526.00, 83089647.\n今天天气很好。\n");

	(void)state;
	assert_no_invoice(paper);
	assert_int_equal(paper->nnames, 0);
	assert_int_equal(paper->ndates, 0);
	assert_null(paper->type);
	cp__paper_free(paper);

	paper = cp__paper_new("e.pdf");
	assert_non_null(paper);
	assert_int_equal(cp__read_text_labels(paper, NULL, 0, 0,
	    CP__FROM_TEXT), 0);
	assert_int_equal(cp__read_text_labels(paper, "", 0, 0,
	    CP__FROM_TEXT), 0);
	assert_no_invoice(paper);
	cp__paper_free(paper);
}

/* Bytes that are not UTF-8 are noise and are dropped; NUL bytes end a
 * line, not the text. */
static void
test_read_text_labels__garbage_bytes(void **state)
{
	static const char text[] =
	    "\xff\xfe\x80发票号码：\xc3\x28" "83089647\n"
	    "\0开票日期：2020\xe5\xb9年07月23日\n"
	    "姓名：\xed\xa0\x80王小东\xf8\n"
	    "发\xff票代码：033002000211\n";
	cp__paper_facts *paper = cp__paper_new("g.pdf");
	const char *name;

	(void)state;
	assert_non_null(paper);
	assert_int_equal(cp__read_text_labels(paper, text, sizeof(text) - 1, 1,
	    CP__FROM_TEXT), 0);
	/* "\xc3\x28" is a broken sequence then "(": no digits follow
	 * the label. */
	assert_null(paper->invoice.number.text);
	assert_string_equal(paper->invoice.code.text, "033002000211");
	assert_int_equal(date_of(paper, CP__DATE_ISSUE), ymd(2020, 7, 23));
	name = name_of(paper, CP__NAME_PATIENT);
	assert_non_null(name);
	assert_string_equal(name, "王小东");
	cp__paper_free(paper);
}

/* The reader never reads past `len`: the bytes after it change
 * nothing. */
static void
test_read_text_labels__reads_only_len_bytes(void **state)
{
	const char text[] = "发票号码：8308964712345";
	size_t len = strlen("发票号码：83089647");
	cp__paper_facts *paper = cp__paper_new("l.pdf");
	char *copy;

	(void)state;
	assert_non_null(paper);
	/* An exact-size copy lets ASan see any read past it. */
	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, text, len);
	assert_int_equal(cp__read_text_labels(paper, copy, len, 1,
	    CP__FROM_TEXT), 0);
	assert_string_equal(paper->invoice.number.text, "83089647");
	free(copy);
	cp__paper_free(paper);
}

/* Huge pages: a label followed by a megabyte of spaces, thousands of
 * labels, a line of digits; all quick, nothing read. */
static void
test_read_text_labels__huge_texts(void **state)
{
	const size_t n = 3u << 20;
	const char *label = "开票日期：";
	size_t k = strlen(label), i;
	cp__paper_facts *paper;
	char *big = malloc(n + 1);

	(void)state;
	assert_non_null(big);
	memset(big, ' ', n);
	for (i = 0; i + k < n / 2; i += k + 1)
		memcpy(big + i, label, k);
	big[n] = '\0';
	paper = cp__paper_new("h.pdf");
	assert_non_null(paper);
	assert_int_equal(cp__read_text_labels(paper, big, n, 1,
	    CP__FROM_TEXT), 0);
	assert_int_equal(paper->ndates, 0);
	cp__paper_free(paper);

	memset(big, '7', n);
	memcpy(big, "发票号码：", strlen("发票号码："));
	paper = cp__paper_new("h.pdf");
	assert_non_null(paper);
	assert_int_equal(cp__read_text_labels(paper, big, n, 1,
	    CP__FROM_TEXT), 0);
	assert_no_invoice(paper);
	cp__paper_free(paper);

	/* A name label before a line as long as the page. */
	memset(big, 'A', n);
	memcpy(big, "姓名：", strlen("姓名："));
	paper = cp__paper_new("h.pdf");
	assert_non_null(paper);
	assert_int_equal(cp__read_text_labels(paper, big, n, 1,
	    CP__FROM_TEXT), 0);
	assert_int_equal(paper->nnames, 0);
	cp__paper_free(paper);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_text_labels__vat_einvoice_pdf),
		cmocka_unit_test(test_read_text_labels__vat_pairs_on_one_line),
		cmocka_unit_test(test_read_text_labels__digital_invoice),
		cmocka_unit_test(test_read_text_labels__fiscal_receipt),
		cmocka_unit_test(test_read_text_labels__fiscal_receipt_as_in_the_brief),
		cmocka_unit_test(test_read_text_labels__discharge_summary),
		cmocka_unit_test(test_read_text_labels__expense_list_total_and_hospital),
		cmocka_unit_test(test_read_text_labels__bilingual_label_glosses),
		cmocka_unit_test(test_read_text_labels__expense_list_is_no_invoice),
		cmocka_unit_test(test_read_text_labels__titles_give_the_type),
		cmocka_unit_test(test_read_text_labels__known_type_is_kept),
		cmocka_unit_test(test_read_text_labels__dates_in_every_printed_form),
		cmocka_unit_test(test_read_text_labels__dates_that_are_not),
		cmocka_unit_test(test_read_text_labels__full_width_forms),
		cmocka_unit_test(test_read_text_labels__value_on_the_next_line),
		cmocka_unit_test(test_read_text_labels__names_end_where_they_should),
		cmocka_unit_test(test_read_text_labels__party_names_need_their_block),
		cmocka_unit_test(test_read_text_labels__individual_is_no_name),
		cmocka_unit_test(test_read_text_labels__identifiers_of_wrong_shape_are_left_out),
		cmocka_unit_test(test_read_text_labels__first_value_wins_and_trust_counts),
		cmocka_unit_test(test_read_text_labels__text_without_labels),
		cmocka_unit_test(test_read_text_labels__garbage_bytes),
		cmocka_unit_test(test_read_text_labels__reads_only_len_bytes),
		cmocka_unit_test(test_read_text_labels__huge_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
