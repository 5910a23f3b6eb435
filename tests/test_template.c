/* test_template.c - bundle templates: the built-in ones, template files,
 * and the template a claim asks for. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "manifest/doctype.h"
#include "manifest/template.h"
#include "support.h"

#define BIT(t) ((cp__typeset)1u << (t))

/* A template that lists only three of the types, in two sections. */
#define PARTIAL \
	"claimpack_template: 1\n" \
	"name: partial\n" \
	"title:\n" \
	"  en: Partial claim\n" \
	"  zh: 部分\n" \
	"sections:\n" \
	"  - en: Money\n" \
	"    zh: 钱\n" \
	"    types: [fapiao, expense_list]\n"  /* line 9 */ \
	"  - en: Records\n" \
	"    zh: 病历\n" \
	"    types: [discharge_summary]\n"     /* line 12 */

/* Writes `text` as DIR/name and loads it as a template into fx->tpl. */
static int
load_file(ts_fixture *fx, const char *name, const char *text)
{
	char path[1024];

	ts_write_text(fx->dir, name, text);
	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	cp_template_free(fx->tpl);
	fx->tpl = NULL;
	memset(&fx->err, 0, sizeof(fx->err));
	return cp_template_load(&fx->tpl, path, &fx->err);
}

static const cp_template *
load_builtin(ts_fixture *fx, const char *name)
{
	ts_assert_ok(cp_template_load(&fx->tpl, name, &fx->err), &fx->err);
	assert_non_null(fx->tpl);
	return fx->tpl;
}

/* The section that holds type `t`. */
static const cp__section *
section_of(const cp_template *tpl, size_t t)
{
	size_t i;

	for (i = 0; i < tpl->nsections; i++)
		if (tpl->sections[i].types & BIT(t))
			return &tpl->sections[i];
	fail_msg("type %zu is in no section", t);
	return NULL;
}

/* Every type is in exactly one section. */
static void
assert_partition(const cp_template *tpl)
{
	size_t t, i, n;

	for (t = 0; t < cp_doctype_count(); t++) {
		for (i = n = 0; i < tpl->nsections; i++)
			n += (tpl->sections[i].types & BIT(t)) != 0;
		if (n != 1)
			fail_msg("%s: type %s is in %zu sections", tpl->name,
			    cp_doctype_at(t)->key, n);
	}
}

/* The key of the desk that asks for type `t`, after checking that it is
 * the one desk listing it. */
static const char *
desk_key(const cp_template *tpl, size_t t)
{
	const cp__desk *desk = cp__template_desk_of(tpl, t);
	size_t i, n;

	for (i = n = 0; i < tpl->ndesks; i++)
		n += (tpl->desks[i].types & BIT(t)) != 0;
	if (n != 1)
		fail_msg("%s: type %s is at %zu desks", tpl->name,
		    cp_doctype_at(t)->key, n);
	assert_true(desk->types & BIT(t));
	return desk->key;
}

/* ---- built-in templates ------------------------------------------------ */

static void
test_template__builtin_names(void **state)
{
	const char *const *names = cp_template_builtin_names();

	(void)state;
	assert_string_equal(names[0], "reimbursement");
	assert_string_equal(names[1], "employer");
	assert_string_equal(names[2], "cover-sheet");
	assert_null(names[3]);
}

static void
test_template__every_builtin_loads_under_its_name(void **state)
{
	ts_fixture *fx = *state;
	const char *const *names = cp_template_builtin_names();
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		cp_template_free(fx->tpl);
		fx->tpl = NULL;
		load_builtin(fx, names[i]);
		assert_string_equal(cp_template_name(fx->tpl), names[i]);
		assert_int_equal(fx->tpl->grace_days, 30);
		assert_partition(fx->tpl);
	}
}

static void
test_template__reimbursement_sections_and_requirements(void **state)
{
	const cp_template *t = load_builtin(*state, "reimbursement");
	const cp__requirement_list *out =
	    &t->required[CP__EPISODE_OUTPATIENT];
	const cp__requirement_list *in = &t->required[CP__EPISODE_INPATIENT];

	assert_string_equal(t->title_en, "Medical expense reimbursement claim");
	assert_string_equal(t->title_zh, "医疗费用报销申请");
	/* It lists all 16 types itself: no "Other documents" section. */
	assert_int_equal(t->nsections, 6);
	assert_string_equal(t->sections[0].en, "Claim form");
	assert_int_equal(t->sections[0].types, BIT(CP__DT_CLAIM_FORM));
	assert_int_equal(t->sections[1].order[0], CP__DT_DISCHARGE_SUMMARY);
	assert_int_equal(t->sections[1].order[1], CP__DT_OUTPATIENT_RECORD);
	assert_true(t->dated_after_stay == (BIT(CP__DT_TRANSLATION) |
	    BIT(CP__DT_CLAIM_FORM) | BIT(CP__DT_MEDICAL_RECORD_COPY)));

	assert_int_equal(in->count, 3);
	assert_int_equal(in->items[0].any_of, BIT(CP__DT_FAPIAO));
	assert_int_equal(in->items[1].any_of, BIT(CP__DT_EXPENSE_LIST));
	assert_int_equal(in->items[2].any_of, BIT(CP__DT_DISCHARGE_SUMMARY));
	/* Outpatient: a record or a discharge summary will do. */
	assert_int_equal(out->count, 3);
	assert_int_equal(out->items[2].any_of,
	    BIT(CP__DT_OUTPATIENT_RECORD) | BIT(CP__DT_DISCHARGE_SUMMARY));
	assert_int_equal(t->recommended[CP__EPISODE_EMERGENCY].count, 2);
}

static void
test_template__employer_requires_a_diagnosis_certificate(void **state)
{
	const cp_template *t = load_builtin(*state, "employer");
	const cp__requirement_list *out =
	    &t->required[CP__EPISODE_OUTPATIENT];

	assert_int_equal(out->count, 2);
	assert_int_equal(out->items[1].any_of,
	    BIT(CP__DT_DIAGNOSIS_CERTIFICATE));
	assert_string_equal(t->sections[0].en, "Claim form");
	assert_string_equal(t->sections[1].en, "Certificate and records");
}

static void
test_template__cover_sheet_requires_nothing(void **state)
{
	const cp_template *t = load_builtin(*state, "cover-sheet");
	size_t k;

	for (k = 0; k < CP__EPISODE_KIND_COUNT; k++) {
		assert_int_equal(t->required[k].count, 0);
		assert_int_equal(t->recommended[k].count, 0);
	}
}

static void
test_template__unknown_name_lists_the_builtin_names(void **state)
{
	ts_fixture *fx = *state;
	int rc = cp_template_load(&fx->tpl, "reimbursment", &fx->err);

	assert_int_equal(rc, CP_ETEMPLATE);
	assert_null(fx->tpl);
	assert_int_equal(fx->err.code, CP_ETEMPLATE);
	ts_assert_contains(fx->err.message, "unknown template \"reimbursment\"");
	ts_assert_contains(fx->err.message,
	    "reimbursement, employer, cover-sheet");
}

static void
test_template__empty_name_is_invalid(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(cp_template_load(&fx->tpl, "", &fx->err), CP_EINVAL);
	assert_null(fx->tpl);
	assert_int_equal(cp_template_load(&fx->tpl, NULL, NULL), CP_EINVAL);
}

static void
test_template__free_null_does_nothing(void **state)
{
	(void)state;
	cp_template_free(NULL);
}

/* ---- template files ------------------------------------------------------ */

static void
test_template__left_out_types_go_to_other_documents(void **state)
{
	ts_fixture *fx = *state;
	const cp__section *other;
	size_t i;

	ts_assert_ok(load_file(fx, "partial.yaml", PARTIAL), &fx->err);
	assert_string_equal(cp_template_name(fx->tpl), "partial");
	assert_int_equal(fx->tpl->nsections, 3);
	assert_partition(fx->tpl);
	other = &fx->tpl->sections[2];
	assert_string_equal(other->en, "Other documents");
	assert_string_equal(other->zh, "其他文件");
	assert_int_equal(other->norder, cp_doctype_count() - 3);
	assert_true(!(other->types & (BIT(CP__DT_FAPIAO) |
	    BIT(CP__DT_EXPENSE_LIST) | BIT(CP__DT_DISCHARGE_SUMMARY))));
	/* In the table's order, which `claimpack types` shows. */
	for (i = 1; i < other->norder; i++)
		assert_true(other->order[i - 1] < other->order[i]);
	assert_int_equal(other->order[0], CP__DT_OUTPATIENT_RECORD);
	assert_true(section_of(fx->tpl, CP__DT_PAYMENT_PROOF) == other);
	/* The listed types keep the template's order. */
	assert_int_equal(fx->tpl->sections[0].order[0], CP__DT_FAPIAO);
	assert_int_equal(fx->tpl->sections[0].order[1], CP__DT_EXPENSE_LIST);
}

static void
test_template__grace_days_default_to_30(void **state)
{
	ts_fixture *fx = *state;

	ts_assert_ok(load_file(fx, "partial.yaml", PARTIAL), &fx->err);
	assert_int_equal(fx->tpl->grace_days, 30);
	assert_int_equal(fx->tpl->dated_after_stay, 0);
	assert_int_equal(fx->tpl->required[CP__EPISODE_INPATIENT].count, 0);
}

static void
test_template__grace_days_and_requirements_are_read(void **state)
{
	ts_fixture *fx = *state;

	ts_assert_ok(load_file(fx, "strict.yml", PARTIAL
	    "grace_days: 7\n"
	    "dated_after_stay: [translation]\n"
	    "required:\n"
	    "  inpatient: [fapiao, [discharge_summary, medical_record_copy]]\n"
	    "recommended:\n"
	    "  outpatient: [lab_report]\n"), &fx->err);
	assert_int_equal(fx->tpl->grace_days, 7);
	assert_int_equal(fx->tpl->dated_after_stay, BIT(CP__DT_TRANSLATION));
	assert_int_equal(fx->tpl->required[CP__EPISODE_INPATIENT].count, 2);
	assert_int_equal(fx->tpl->required[CP__EPISODE_INPATIENT].items[1]
	    .any_of, BIT(CP__DT_DISCHARGE_SUMMARY) |
	    BIT(CP__DT_MEDICAL_RECORD_COPY));
	assert_int_equal(fx->tpl->recommended[CP__EPISODE_OUTPATIENT].count,
	    1);
}

static void
test_template__grace_days_beyond_ten_years_is_an_error(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "grace_days: 5000\n"), CP_ETEMPLATE);
	assert_null(fx->tpl);
	assert_int_equal(fx->err.line, 13);
	assert_int_equal(fx->err.column, 13);
	ts_assert_contains(fx->err.message, "from 0 to 3650");
}

#define TWICE \
	"claimpack_template: 1\n" \
	"name: twice\n" \
	"title: {en: Twice, zh: 两次}\n" \
	"sections:\n" \
	"  - en: Money\n" \
	"    zh: 钱\n" \
	"    types: [fapiao, expense_list]\n" \
	"  - en: Records\n" \
	"    zh: 病历\n" \
	"    types: [discharge_summary, fapiao]\n"

static void
test_template__type_in_two_sections_is_an_error(void **state)
{
	ts_fixture *fx = *state;
	char path[1024];

	assert_int_equal(load_file(fx, "t.yaml", TWICE), CP_ETEMPLATE);
	assert_null(fx->tpl);
	assert_int_equal(fx->err.code, CP_ETEMPLATE);
	snprintf(path, sizeof(path), "%s/t.yaml", fx->dir);
	assert_string_equal(fx->err.path, path);
	assert_true(fx->err.line >= 8 && fx->err.line <= 10);
	ts_assert_contains(fx->err.message, "an earlier section has already");
	ts_assert_contains(fx->err.message, "each type goes in one section");
}

static void
test_template__type_in_two_sections_names_the_type(void **state)
{
	ts_fixture *fx = *state;

	/* Which of the section's types is the culprit, and where it is
	 * listed the second time: "fapiao", line 10, column 32. */
	assert_int_equal(load_file(fx, "t.yaml", TWICE), CP_ETEMPLATE);
	ts_assert_contains(fx->err.message, "fapiao");
	assert_int_equal(fx->err.line, 10);
	assert_int_equal(fx->err.column, 32);
}

static void
test_template__type_twice_in_one_section_is_an_error(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml",
	    "claimpack_template: 1\n"
	    "name: twice\n"
	    "title: {en: Twice, zh: 两次}\n"
	    "sections:\n"
	    "  - en: Money\n"
	    "    zh: 钱\n"
	    "    types: [fapiao, expense_list, fapiao]\n"), CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 7);
	assert_int_equal(fx->err.column, 35);
	ts_assert_contains(fx->err.message, "lists fapiao twice");
}

static void
test_template__unknown_type_is_an_error_with_position(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml",
	    "claimpack_template: 1\n"
	    "name: bad\n"
	    "title: {en: Bad, zh: 坏}\n"
	    "sections:\n"
	    "  - en: Money\n"
	    "    zh: 钱\n"
	    "    types: [fapiao, receipt]\n"), CP_ETEMPLATE);
	assert_null(fx->tpl);
	assert_int_equal(fx->err.code, CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 7);
	assert_int_equal(fx->err.column, 21);
	ts_assert_contains(fx->err.message, "unknown document type \"receipt\"");
}

static void
test_template__unknown_type_in_requirements_is_an_error(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "required:\n"
	    "  inpatient: [fapiao, [discharge_sumary]]\n"), CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 14);
	assert_int_equal(fx->err.column, 24);
	ts_assert_contains(fx->err.message, "\"discharge_sumary\" in required");
}

static void
test_template__unknown_key_is_an_error(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "grace: 10\n"), CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 13);
	assert_int_equal(fx->err.column, 1);
	ts_assert_contains(fx->err.message, "unknown key \"grace\"");
}

static void
test_template__missing_header_is_an_error(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml", "name: x\n"), CP_ETEMPLATE);
	ts_assert_contains(fx->err.message, "claimpack_template: 1");
}

static void
test_template__missing_file_is_a_template_error(void **state)
{
	ts_fixture *fx = *state;
	char path[1024];
	int rc;

	snprintf(path, sizeof(path), "%s/none.yaml", fx->dir);
	rc = cp_template_load(&fx->tpl, path, &fx->err);
	assert_int_equal(rc, CP_ETEMPLATE);
	assert_int_equal(fx->err.code, CP_ETEMPLATE);
	assert_null(fx->tpl);
	assert_string_equal(fx->err.path, path);
	ts_assert_contains(fx->err.message, "cannot open");
}

static void
test_template__syntax_error_names_the_file(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml",
	    "claimpack_template: 1\n"
	    "name: [x\n"), CP_ETEMPLATE);
	ts_assert_contains(fx->err.path, "/t.yaml");
	ts_assert_contains(fx->err.message, "YAML syntax");
	assert_true(fx->err.line >= 2);
}

/* ---- the template a claim asks for --------------------------------------- */

#define CLAIM_WITH_PURPOSE(p) \
	"claimpack: 1\n" \
	"claim:\n" \
	"  purpose: " p "\n" \
	"patient:\n" \
	"  name: SMITH, John\n" \
	"  passport: E1234567\n" \
	"episodes:\n" \
	"  - kind: outpatient\n" \
	"    hospital: Ruijin Hospital\n" \
	"    start: 2026-03-02\n" \
	"documents: []\n"

static void
test_template__purpose_names_a_builtin(void **state)
{
	ts_fixture *fx = *state;

	ts_assert_ok(ts_load(fx, CLAIM_WITH_PURPOSE("employer")), &fx->err);
	ts_assert_ok(cp_template_load_for_claim(&fx->tpl, fx->claim, NULL,
	    &fx->err), &fx->err);
	assert_string_equal(cp_template_name(fx->tpl), "employer");
}

static void
test_template__claim_without_purpose_gets_reimbursement(void **state)
{
	ts_fixture *fx = *state;

	ts_assert_ok(ts_load(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - kind: outpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2026-03-02\n"
	    "documents: []\n"), &fx->err);
	ts_assert_ok(cp_template_load_for_claim(&fx->tpl, fx->claim, NULL,
	    &fx->err), &fx->err);
	assert_string_equal(cp_template_name(fx->tpl), "reimbursement");
}

static void
test_template__relative_purpose_is_taken_from_the_manifest_folder(
    void **state)
{
	ts_fixture *fx = *state;

	/* The current folder is not the manifest's: only the manifest's
	 * folder has my.yaml. */
	assert_int_equal(access("my.yaml", F_OK), -1);
	ts_write_text(fx->dir, "my.yaml", PARTIAL);
	ts_assert_ok(ts_load(fx, CLAIM_WITH_PURPOSE("my.yaml")), &fx->err);
	ts_assert_ok(cp_template_load_for_claim(&fx->tpl, fx->claim, NULL,
	    &fx->err), &fx->err);
	assert_string_equal(cp_template_name(fx->tpl), "partial");
}

static void
test_template__relative_purpose_in_a_subfolder(void **state)
{
	ts_fixture *fx = *state;

	ts_mkdir(fx->dir, "tpl");
	ts_write_text(fx->dir, "tpl/insurer.yml", PARTIAL);
	ts_assert_ok(ts_load(fx, CLAIM_WITH_PURPOSE("tpl/insurer.yml")),
	    &fx->err);
	ts_assert_ok(cp_template_load_for_claim(&fx->tpl, fx->claim, NULL,
	    &fx->err), &fx->err);
	assert_string_equal(cp_template_name(fx->tpl), "partial");
}

static void
test_template__missing_purpose_file_names_its_path(void **state)
{
	ts_fixture *fx = *state;
	int rc;

	ts_assert_ok(ts_load(fx, CLAIM_WITH_PURPOSE("gone.yaml")), &fx->err);
	rc = cp_template_load_for_claim(&fx->tpl, fx->claim, NULL, &fx->err);
	assert_int_equal(rc, CP_ETEMPLATE);
	assert_null(fx->tpl);
	assert_string_equal(fx->err.path, ts_path(fx, "gone.yaml"));
}

static void
test_template__override_wins_over_purpose(void **state)
{
	ts_fixture *fx = *state;

	ts_write_text(fx->dir, "my.yaml", PARTIAL);
	ts_assert_ok(ts_load(fx, CLAIM_WITH_PURPOSE("my.yaml")), &fx->err);
	ts_assert_ok(cp_template_load_for_claim(&fx->tpl, fx->claim,
	    "cover-sheet", &fx->err), &fx->err);
	assert_string_equal(cp_template_name(fx->tpl), "cover-sheet");
}

static void
test_template__override_path_is_not_taken_from_the_manifest_folder(
    void **state)
{
	ts_fixture *fx = *state;
	int rc;

	/* An override comes from the command line: relative to the
	 * current folder, which has no my.yaml. */
	ts_write_text(fx->dir, "my.yaml", PARTIAL);
	ts_assert_ok(ts_load(fx, CLAIM_WITH_PURPOSE("employer")), &fx->err);
	rc = cp_template_load_for_claim(&fx->tpl, fx->claim, "my.yaml",
	    &fx->err);
	assert_int_equal(rc, CP_ETEMPLATE);
	assert_null(fx->tpl);
	ts_assert_ok(cp_template_load_for_claim(&fx->tpl, fx->claim,
	    ts_path(fx, "my.yaml"), &fx->err), &fx->err);
	assert_string_equal(cp_template_name(fx->tpl), "partial");
}

/* ---- desks: where the request slip asks for each paper ---------------- */

static void
test_template__builtin_desks_of_the_hospital(void **state)
{
	ts_fixture *fx = *state;
	const char *const *names = cp_template_builtin_names();
	const cp__desk *billing;
	size_t i, t;

	for (i = 0; names[i] != NULL; i++) {
		cp_template_free(fx->tpl);
		fx->tpl = NULL;
		load_builtin(fx, names[i]);
		for (t = 0; t < cp_doctype_count(); t++)
			desk_key(fx->tpl, t);
		assert_string_equal(desk_key(fx->tpl, CP__DT_FAPIAO), "billing");
		assert_string_equal(desk_key(fx->tpl, CP__DT_EXPENSE_LIST),
		    "billing");
		assert_string_equal(desk_key(fx->tpl, CP__DT_LAB_REPORT), "lab");
		assert_string_equal(desk_key(fx->tpl, CP__DT_IMAGING_FILES),
		    "radiology");
		assert_string_equal(desk_key(fx->tpl,
		    CP__DT_DIAGNOSIS_CERTIFICATE), "doctor");
		assert_string_equal(desk_key(fx->tpl,
		    CP__DT_DISCHARGE_SUMMARY), "medical_records");
		/* Listed by no desk: the medical records office. */
		assert_string_equal(desk_key(fx->tpl, CP__DT_TRANSLATION),
		    "medical_records");
	}
	/* In the template's order, with their names. */
	assert_int_equal(fx->tpl->ndesks, 5);
	assert_string_equal(fx->tpl->desks[0].key, "medical_records");
	assert_string_equal(fx->tpl->desks[0].zh, "病案室");
	billing = &fx->tpl->desks[1];
	assert_string_equal(billing->key, "billing");
	assert_string_equal(billing->zh, "收费处/住院处");
	assert_string_equal(billing->en,
	    "Billing desk (inpatient admissions office)");
	assert_int_equal(billing->types, BIT(CP__DT_FAPIAO) |
	    BIT(CP__DT_EXPENSE_LIST));
}

static void
test_template__without_desks_everything_is_at_medical_records(void **state)
{
	ts_fixture *fx = *state;
	const cp__desk *desk;

	ts_assert_ok(load_file(fx, "partial.yaml", PARTIAL), &fx->err);
	assert_int_equal(fx->tpl->ndesks, 1);
	desk = &fx->tpl->desks[0];
	assert_string_equal(desk->key, "medical_records");
	assert_string_equal(desk->zh, "病案室");
	assert_string_equal(desk->en, "Medical records office");
	assert_int_equal(desk->types, (1u << cp_doctype_count()) - 1);
	assert_true(cp__template_desk_of(fx->tpl, CP__DT_FAPIAO) == desk);
}

static void
test_template__desks_are_read_in_order(void **state)
{
	ts_fixture *fx = *state;

	ts_assert_ok(load_file(fx, "desks.yaml", PARTIAL
	    "desks:\n"
	    "  cashier:\n"
	    "    zh: 门诊收费处\n"
	    "    en: Outpatient cashier\n"
	    "    types: [fapiao, expense_list]\n"
	    "  kiosk: {zh: 自助打印机, en: Self-service printer,\n"
	    "          types: [lab_report, imaging_report]}\n"), &fx->err);
	/* The types no desk lists go to the medical records office,
	 * added last. */
	assert_int_equal(fx->tpl->ndesks, 3);
	assert_string_equal(fx->tpl->desks[0].key, "cashier");
	assert_string_equal(fx->tpl->desks[0].zh, "门诊收费处");
	assert_string_equal(fx->tpl->desks[1].en, "Self-service printer");
	assert_string_equal(fx->tpl->desks[2].key, "medical_records");
	assert_string_equal(desk_key(fx->tpl, CP__DT_EXPENSE_LIST), "cashier");
	assert_string_equal(desk_key(fx->tpl, CP__DT_IMAGING_REPORT), "kiosk");
	assert_string_equal(desk_key(fx->tpl, CP__DT_IMAGING_FILES),
	    "medical_records");
	assert_string_equal(desk_key(fx->tpl, CP__DT_DIAGNOSIS_CERTIFICATE),
	    "medical_records");
}

static void
test_template__own_medical_records_desk_takes_the_rest(void **state)
{
	ts_fixture *fx = *state;

	ts_assert_ok(load_file(fx, "desks.yaml", PARTIAL
	    "desks:\n"
	    "  medical_records: {zh: 病案科, en: Medical records, types: []}\n"
	    "  billing: {zh: 收费处, en: Billing, types: [fapiao]}\n"),
	    &fx->err);
	assert_int_equal(fx->tpl->ndesks, 2);
	assert_string_equal(fx->tpl->desks[0].zh, "病案科");
	assert_int_equal(fx->tpl->desks[0].types,
	    ((1u << cp_doctype_count()) - 1) & ~BIT(CP__DT_FAPIAO));
	assert_string_equal(desk_key(fx->tpl, CP__DT_FAPIAO), "billing");
}

static void
test_template__type_at_two_desks_is_an_error(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "desks:\n"
	    "  billing: {zh: 收费处, en: Billing, types: [fapiao]}\n"
	    "  cashier: {zh: 收费窗口, en: Cashier, types: [expense_list, "
	    "fapiao]}\n"), CP_ETEMPLATE);
	assert_null(fx->tpl);
	assert_int_equal(fx->err.line, 15);
	assert_int_equal(fx->err.column, 58);
	ts_assert_contains(fx->err.message, "desk types lists fapiao, which "
	    "an earlier desk has already; each type goes in one desk");
}

static void
test_template__desk_errors_say_where(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "desks:\n"
	    "  billing: {zh: 收费处, types: [fapiao]}\n"), CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 14);
	ts_assert_contains(fx->err.message, "the en of desk billing is "
	    "missing");
	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "desks:\n"
	    "  billing: {zh: 收费处, en: Billing, types: [fapiao], floor: 2}\n"),
	    CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 14);
	ts_assert_contains(fx->err.message, "unknown key \"floor\" in desk "
	    "billing");
	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "desks:\n"
	    "  billing: {zh: 收费处, en: Billing}\n"), CP_ETEMPLATE);
	ts_assert_contains(fx->err.message, "desk billing has no types list");
	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "desks: [billing]\n"), CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 13);
	ts_assert_contains(fx->err.message, "desks must be a mapping");
	assert_int_equal(load_file(fx, "t.yaml", PARTIAL
	    "desks:\n"
	    "  lab: {zh: 检验科, en: Lab, types: [blood_test]}\n"),
	    CP_ETEMPLATE);
	assert_int_equal(fx->err.line, 14);
	assert_int_equal(fx->err.column, 35);
	ts_assert_contains(fx->err.message,
	    "unknown document type \"blood_test\" in desk types");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_template__builtin_names),
		TS_TEST(test_template__every_builtin_loads_under_its_name),
		TS_TEST(test_template__reimbursement_sections_and_requirements),
		TS_TEST(test_template__employer_requires_a_diagnosis_certificate),
		TS_TEST(test_template__cover_sheet_requires_nothing),
		TS_TEST(test_template__unknown_name_lists_the_builtin_names),
		TS_TEST(test_template__empty_name_is_invalid),
		TS_TEST(test_template__free_null_does_nothing),
		TS_TEST(test_template__left_out_types_go_to_other_documents),
		TS_TEST(test_template__grace_days_default_to_30),
		TS_TEST(test_template__grace_days_and_requirements_are_read),
		TS_TEST(test_template__grace_days_beyond_ten_years_is_an_error),
		TS_TEST(test_template__type_in_two_sections_is_an_error),
		TS_TEST(test_template__type_in_two_sections_names_the_type),
		TS_TEST(test_template__type_twice_in_one_section_is_an_error),
		TS_TEST(test_template__unknown_type_is_an_error_with_position),
		TS_TEST(test_template__unknown_type_in_requirements_is_an_error),
		TS_TEST(test_template__unknown_key_is_an_error),
		TS_TEST(test_template__missing_header_is_an_error),
		TS_TEST(test_template__missing_file_is_a_template_error),
		TS_TEST(test_template__syntax_error_names_the_file),
		TS_TEST(test_template__purpose_names_a_builtin),
		TS_TEST(test_template__claim_without_purpose_gets_reimbursement),
		TS_TEST(test_template__relative_purpose_is_taken_from_the_manifest_folder),
		TS_TEST(test_template__relative_purpose_in_a_subfolder),
		TS_TEST(test_template__missing_purpose_file_names_its_path),
		TS_TEST(test_template__override_wins_over_purpose),
		TS_TEST(test_template__override_path_is_not_taken_from_the_manifest_folder),
		TS_TEST(test_template__builtin_desks_of_the_hospital),
		TS_TEST(test_template__without_desks_everything_is_at_medical_records),
		TS_TEST(test_template__desks_are_read_in_order),
		TS_TEST(test_template__own_medical_records_desk_takes_the_rest),
		TS_TEST(test_template__type_at_two_desks_is_an_error),
		TS_TEST(test_template__desk_errors_say_where),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
