/* test_manifest.c - reading a claim manifest: the valid forms, and every
 * refusal with the line and column a user needs to fix the file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "manifest/amount.h"
#include "manifest/claim.h"
#include "manifest/doctype.h"
#include "manifest/suggest.h"
#include "util/suggest.h"
#include "support.h"

/* ---- helpers ---------------------------------------------------------- */

/*
 * Loads `text`, which must be refused as CP_EMANIFEST at `line`:`column`
 * of the manifest with a message containing `words`.
 */
#define expect_error(fx, text, line, column, words) \
	expect_error_at((fx), (text), (line), (column), (words), __LINE__)

static void
expect_error_at(ts_fixture *fx, const char *text, int line, int column,
    const char *words, int src_line)
{
	char buf[2200];
	int rc = ts_load(fx, text);

	cp_error_format(&fx->err, buf, sizeof(buf));
	if (rc != CP_EMANIFEST)
		fail_msg("line %d: status %d, not CP_EMANIFEST: %s", src_line, rc,
		    rc == CP_OK ? "(loaded)" : buf);
	assert_null(fx->claim);
	assert_int_equal(fx->err.code, CP_EMANIFEST);
	assert_string_equal(fx->err.path, fx->manifest);
	if (fx->err.line != line || fx->err.column != column)
		fail_msg("line %d: expected %d:%d, got %s", src_line, line,
		    column, buf);
	if (strstr(fx->err.message, words) == NULL)
		fail_msg("line %d: \"%s\" not in %s", src_line, words, buf);
}

/* Loads `text`, which must be valid. */
static const cp_claim *
load_ok(ts_fixture *fx, const char *text)
{
	ts_assert_ok(ts_load(fx, text), &fx->err);
	assert_non_null(fx->claim);
	return fx->claim;
}

static cp__date
ymd(int y, int m, int d)
{
	return cp__date_from_ymd(y, m, d);
}

/* The smallest valid manifest; error tests change one line of it. */
#define MIN_HEAD \
	"claimpack: 1\n" \
	"patient:\n" \
	"  name: SMITH, John\n" \
	"  passport: E1234567\n" \
	"episodes:\n" \
	"  - kind: outpatient\n" \
	"    hospital: Ruijin Hospital\n" \
	"    start: 2026-03-02\n" \
	"documents:\n"                      /* line 9 */

/* ---- the valid forms -------------------------------------------------- */

static void
test_manifest__reads_every_field(void **state)
{
	ts_fixture *fx = *state;
	const cp_claim *c;
	const cp__document *bill, *tr, *pay;

	c = load_ok(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  purpose: employer\n"
	    "  reference: REF-2026-001\n"
	    "  insurer: Example Health\n"
	    "  policy: P-778\n"
	    "  prepared: 2026-11-01\n"
	    "  currency: USD\n"
	    "  exchange:\n"
	    "    currency: CNY\n"
	    "    rate: \"0.1402\"\n"
	    "    date: 2026-10-09\n"
	    "patient:\n"
	    "  name: \"SMITH, John Alexander\"\n"
	    "  passport: E12345678\n"
	    "  birth_date: 1980-05-17\n"
	    "  aliases: [约翰·史密斯, Smith John]\n"
	    "episodes:\n"
	    "  - id: er\n"
	    "    kind: emergency\n"
	    "    hospital: Ruijin Hospital\n"
	    "    hospital_zh: 瑞金医院\n"
	    "    start: 2026-03-02\n"
	    "  - id: stay\n"
	    "    kind: inpatient\n"
	    "    hospital: Peking Union Medical College Hospital\n"
	    "    start: 2026-10-01\n"
	    "    end: 2026-10-09\n"
	    "documents:\n"
	    "  - id: bill\n"
	    "    type: fapiao\n"
	    "    episode: stay\n"
	    "    files: [fp-1.pdf, scans/fp-2.jpg]\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "    title: Inpatient invoice\n"
	    "    amount: 12850.40\n"
	    "    invoice:\n"
	    "      kind: fiscal\n"
	    "      code: \"11060126\"\n"
	    "      number: \"0012345678\"\n"
	    "      check_code: a1b2c3\n"
	    "      type: \"10\"\n"
	    "      qr: \"CZ-EI-11,11060126,0012345678,a1b2c3\"\n"
	    "      verify_url: https://pjcy.mof.gov.cn/\n"
	    "  - id: pay\n"
	    "    type: payment_proof\n"
	    "    episode: er\n"
	    "    files: pay.png\n"
	    "    date: 2026-03-02\n"
	    "    name: John Smith\n"
	    "    amount: \"0.5\"\n"
	    "  - id: bill-en\n"
	    "    type: translation\n"
	    "    episode: stay\n"
	    "    files: bill-en.pdf\n"
	    "    date: 2026-10-20\n"
	    "    name: John Alexander Smith\n"
	    "    translation_of: bill\n");

	assert_string_equal(cp_claim_purpose(c), "employer");
	assert_string_equal(c->reference, "REF-2026-001");
	assert_string_equal(c->insurer, "Example Health");
	assert_string_equal(c->policy, "P-778");
	assert_true(c->prepared_given);
	assert_int_equal(c->prepared, ymd(2026, 11, 1));
	assert_string_equal(c->currency, "USD");
	assert_true(c->has_exchange);
	assert_string_equal(c->exchange_currency, "CNY");
	assert_string_equal(c->exchange_rate_text, "0.1402");
	assert_int_equal(c->exchange_rate_e8, 14020000);
	assert_int_equal(c->exchange_date, ymd(2026, 10, 9));

	assert_string_equal(c->patient_name, "SMITH, John Alexander");
	assert_string_equal(c->passport, "E12345678");
	assert_true(c->has_birth_date);
	assert_int_equal(c->birth_date, ymd(1980, 5, 17));
	assert_int_equal(c->naliases, 2);
	assert_string_equal(c->aliases[0], "约翰·史密斯");
	assert_string_equal(c->aliases[1], "Smith John");

	assert_int_equal(c->nepisodes, 2);
	assert_string_equal(c->episodes[0].id, "er");
	assert_int_equal(c->episodes[0].kind, CP__EPISODE_EMERGENCY);
	assert_string_equal(c->episodes[0].hospital_zh, "瑞金医院");
	assert_int_equal(c->episodes[0].end, ymd(2026, 3, 2));
	assert_string_equal(c->episodes[1].id, "stay");
	assert_int_equal(c->episodes[1].kind, CP__EPISODE_INPATIENT);
	assert_null(c->episodes[1].hospital_zh);
	assert_true(c->episodes[1].has_start);
	assert_int_equal(c->episodes[1].start, ymd(2026, 10, 1));
	assert_true(c->episodes[1].has_end);
	assert_int_equal(c->episodes[1].end, ymd(2026, 10, 9));

	assert_int_equal(c->ndocuments, 3);
	bill = &c->documents[0];
	pay = &c->documents[1];
	tr = &c->documents[2];
	assert_string_equal(bill->id, "bill");
	assert_int_equal(bill->type, CP__DT_FAPIAO);
	assert_int_equal(bill->episode, 1);
	assert_int_equal(bill->nfiles, 2);
	assert_string_equal(bill->files[0], "fp-1.pdf");
	assert_string_equal(bill->files[1], "scans/fp-2.jpg");
	assert_true(bill->has_date);
	assert_int_equal(bill->date, ymd(2026, 10, 9));
	assert_string_equal(bill->name, "SMITH JOHN ALEXANDER");
	assert_string_equal(bill->title, "Inpatient invoice");
	assert_true(bill->has_amount);
	assert_true(bill->amount == 1285040);
	assert_true(bill->invoice.present);
	assert_int_equal(bill->invoice.declared, CP__INVOICE_FISCAL);
	assert_string_equal(bill->invoice.code, "11060126");
	assert_string_equal(bill->invoice.number, "0012345678");
	assert_string_equal(bill->invoice.check_code, "a1b2c3");
	assert_string_equal(bill->invoice.type, "10");
	assert_string_equal(bill->invoice.qr,
	    "CZ-EI-11,11060126,0012345678,a1b2c3");
	assert_string_equal(bill->invoice.verify_url,
	    "https://pjcy.mof.gov.cn/");
	assert_false(bill->is_translation);

	assert_int_equal(pay->episode, 0);
	assert_true(pay->has_amount);
	assert_true(pay->amount == 50);

	assert_true(tr->is_translation);
	assert_int_equal(tr->translation_of, 0);
	assert_null(tr->title);
	assert_false(tr->has_amount);
	assert_false(tr->invoice.present);
}

static void
test_manifest__defaults(void **state)
{
	ts_fixture *fx = *state;
	cp__date before = cp__date_today();
	const cp_claim *c;

	c = load_ok(fx, MIN_HEAD
	    "  - type: outpatient_record\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "  - type: fapiao\n"
	    "    files: [b.pdf]\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    amount: 100\n");
	assert_string_equal(cp_claim_purpose(c), "reimbursement");
	assert_string_equal(c->currency, "CNY");
	assert_false(c->has_exchange);
	assert_false(c->has_birth_date);
	assert_int_equal(c->naliases, 0);
	assert_null(c->reference);
	/* Without claim.prepared, dates are checked against today. */
	assert_false(c->prepared_given);
	assert_true(c->prepared >= before && c->prepared <= cp__date_today());
	assert_int_equal(c->nepisodes, 1);
	assert_string_equal(c->episodes[0].id, "e1");
	assert_int_equal(c->episodes[0].kind, CP__EPISODE_OUTPATIENT);
	assert_true(c->episodes[0].has_start);
	assert_int_equal(c->episodes[0].start, ymd(2026, 3, 2));
	/* Without `end`, the episode ends the day it starts. */
	assert_true(c->episodes[0].has_end);
	assert_int_equal(c->episodes[0].end, ymd(2026, 3, 2));
	assert_int_equal(c->ndocuments, 2);
	assert_string_equal(c->documents[0].id, "d1");
	assert_string_equal(c->documents[1].id, "d2");
	assert_int_equal(c->documents[1].episode, 0);
	assert_true(c->documents[1].amount == 10000);
	assert_false(c->documents[1].invoice.present);
}

static void
test_manifest__scalar_files_is_a_list_of_one(void **state)
{
	ts_fixture *fx = *state;
	const cp_claim *c;

	c = load_ok(fx, MIN_HEAD
	    "  - type: outpatient_record\n"
	    "    files: scans/record page 1.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n");
	assert_int_equal(c->documents[0].nfiles, 1);
	assert_string_equal(c->documents[0].files[0], "scans/record page 1.pdf");
}

static void
test_manifest__a_file_may_be_turned(void **state)
{
	ts_fixture *fx = *state;
	const cp__document *doc;

	doc = &load_ok(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files:\n"
	    "      - {path: p1.jpg, rotate: 90}\n"
	    "      - p2.jpg\n"
	    "      - path: p3.pdf\n"
	    "        rotate: 270\n"
	    "      - {path: p4.pdf, rotate: 180}\n"
	    "      - {path: p5.pdf}\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n")->documents[0];
	assert_int_equal(doc->nfiles, 5);
	assert_string_equal(doc->files[0], "p1.jpg");
	assert_string_equal(doc->files[2], "p3.pdf");
	assert_string_equal(doc->files[4], "p5.pdf");
	assert_int_equal(cp__document_rotate(doc, 0), 90);
	assert_int_equal(cp__document_rotate(doc, 1), 0);
	assert_int_equal(cp__document_rotate(doc, 2), 270);
	assert_int_equal(cp__document_rotate(doc, 3), 180);
	assert_int_equal(cp__document_rotate(doc, 4), 0);
}

static void
test_manifest__a_turn_is_90_180_or_270(void **state)
{
	ts_fixture *fx = *state;
	static const char *const bad[] = { "45", "0", "-90", "360", "ninety" };
	char text[600];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), MIN_HEAD
		    "  - type: lab_report\n"
		    "    files:\n"
		    "      - {path: p1.jpg, rotate: %s}\n"
		    "    date: 2026-03-02\n"
		    "    name: SMITH John\n", bad[i]);
		expect_error(fx, text, 12, 32, "write 90, 180 or 270");
		cp_claim_free(fx->claim);
		fx->claim = NULL;
	}
	expect_error(fx, MIN_HEAD
	    "  - type: imaging_files\n"
	    "    files: [{path: ct, rotate: 90}]\n", 11, 32,
	    "rotate turns printed pages only");
	expect_error(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: [{path: p1.jpg, turn: 90}]\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n", 11, 28, "path, rotate");
	expect_error(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: [{rotate: 90}]\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n", 11, 14,
	    "the path of file 1 of document \"d1\" is missing");
}

static void
test_manifest__invoice_identifiers_lose_their_spaces(void **state)
{
	ts_fixture *fx = *state;
	const cp__invoice *inv;

	inv = &load_ok(fx, MIN_HEAD
	    "  - type: fapiao\n"
	    "    files: b.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    amount: 173.79\n"
	    "    invoice:\n"
	    "      code: \"0440 0150 0111\"\n"
	    "      number: 8196 6722\n"
	    "      check_code: \"17884 53474 57499 91611\"\n")
	    ->documents[0].invoice;
	assert_true(inv->present);
	assert_int_equal(inv->declared, CP__INVOICE_UNKNOWN);
	assert_string_equal(inv->code, "044001500111");
	assert_string_equal(inv->number, "81966722");
	assert_string_equal(inv->check_code, "17884534745749991611");
	assert_null(inv->qr);
}

static void
test_manifest__imaging_files_need_no_date_or_name(void **state)
{
	ts_fixture *fx = *state;
	const cp_claim *c;

	c = load_ok(fx, MIN_HEAD
	    "  - type: imaging_files\n"
	    "    files: [ct/]\n");
	assert_false(c->documents[0].has_date);
	assert_null(c->documents[0].name);
}

static void
test_manifest__byte_order_mark_is_accepted(void **state)
{
	ts_fixture *fx = *state;

	load_ok(fx, "\xef\xbb\xbf" MIN_HEAD
	    "  - type: imaging_files\n"
	    "    files: ct\n");
}

static void
test_manifest__file_paths_are_relative_to_the_manifest(void **state)
{
	ts_fixture *fx = *state;
	char *path;

	load_ok(fx, MIN_HEAD
	    "  - type: imaging_files\n"
	    "    files: ct\n");
	path = cp__claim_file_path(fx->claim, "scans/a.pdf");
	assert_string_equal(path, ts_path(fx, "scans/a.pdf"));
	free(path);
	path = cp__claim_file_path(fx->claim, "/abs/a.pdf");
	assert_string_equal(path, "/abs/a.pdf");
	free(path);
}

/* ---- unknown keys and values ------------------------------------------ */

static void
test_manifest__unknown_top_level_key(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patients:\n"
	    "  name: SMITH, John\n",
	    2, 1, "unknown key \"patients\" in the manifest");
}

static void
test_manifest__unknown_key_in_patient(void **state)
{
	ts_fixture *fx = *state;

	expect_error(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  pasport: E1234567\n",
	    4, 3, "unknown key \"pasport\" in patient");
	/* The message says which key was meant. */
	ts_assert_contains(fx->err.message, "did you mean \"passport\"?");
}

static void
test_manifest__unknown_key_far_from_any_lists_the_keys(void **state)
{
	ts_fixture *fx = *state;

	expect_error(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  nationality: GB\n",
	    4, 3, "unknown key \"nationality\" in patient");
	/* No key is near: the message lists the keys that are allowed. */
	ts_assert_contains(fx->err.message, "name, passport, birth_date, aliases");
}

static void
test_manifest__unknown_key_in_episode(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - kind: outpatient\n"
	    "    hopsital: Ruijin Hospital\n"
	    "    start: 2026-03-02\n",
	    7, 5, "unknown key \"hopsital\" in episode 1");
}

static void
test_manifest__unknown_key_in_document(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: outpatient_record\n"
	    "    file: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    11, 5, "unknown key \"file\" in document 1");
}

static void
test_manifest__unknown_key_in_invoice(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: fapiao\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    amount: 10\n"
	    "    invoice:\n"
	    "      code: \"044001500111\"\n"
	    "      numbr: \"81966722\"\n",
	    17, 7, "unknown key \"numbr\" in invoice");
}

static void
test_manifest__unknown_document_type(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: fapaio\n"
	    "    files: a.pdf\n",
	    10, 11, "unknown document type \"fapaio\"");
}

static void
test_manifest__unknown_episode_kind(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - kind: daycare\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2026-03-02\n",
	    6, 11, "unknown episode kind");
}

/* ---- duplicates --------------------------------------------------------- */

static void
test_manifest__duplicate_document_id(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - id: rec\n"
	    "    type: outpatient_record\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "  - id: rec\n"
	    "    type: lab_report\n"
	    "    files: b.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    15, 9, "duplicate document id \"rec\": document 1 has it");
}

static void
test_manifest__duplicate_episode_id(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - id: visit\n"
	    "    kind: outpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2026-03-02\n"
	    "  - id: visit\n"
	    "    kind: outpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2026-03-09\n",
	    10, 9, "duplicate episode id \"visit\": episode 1 has it");
}

static void
test_manifest__duplicate_yaml_key(void **state)
{
	ts_fixture *fx = *state;
	int rc = ts_load(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  name: SMITH, Jane\n"
	    "  passport: E1234567\n");

	/* Which of two names would count is not guessed. */
	assert_int_equal(rc, CP_EMANIFEST);
	assert_int_equal(fx->err.line, 4);
}

/* ---- missing fields ----------------------------------------------------- */

/*
 * A drafted manifest (claimpack init) leaves out the facts it could not
 * read off the papers: it loads, and the check fact-missing asks for
 * each (test_check_facts.c).
 */
static void
test_manifest__facts_left_out_still_load(void **state)
{
	ts_fixture *fx = *state;
	const cp_claim *c;
	size_t i;

	c = load_ok(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  # TODO name: as in the passport\n"
	    "  # TODO passport:\n"
	    "  birth_date: 1980-05-17\n"
	    "episodes:\n"
	    "  - id: stay\n"
	    "    kind: inpatient\n"
	    "    # TODO hospital:, start:\n"
	    "documents:\n"
	    "  - type: fapiao\n"
	    "    files: a.pdf\n"
	    "    # TODO date:, name:, amount:\n"
	    "  - type: expense_list\n"
	    "    files: b.pdf\n"
	    "  - type: discharge_summary\n"
	    "    files: c.jpg\n");
	assert_null(c->patient_name);
	assert_null(c->passport);
	assert_true(c->has_birth_date);
	assert_int_equal(c->nepisodes, 1);
	assert_int_equal(c->episodes[0].kind, CP__EPISODE_INPATIENT);
	assert_null(c->episodes[0].hospital);
	assert_false(c->episodes[0].has_start);
	assert_false(c->episodes[0].has_end);
	assert_int_equal(c->ndocuments, 3);
	for (i = 0; i < c->ndocuments; i++) {
		assert_false(c->documents[i].has_date);
		assert_null(c->documents[i].name);
		assert_false(c->documents[i].has_amount);
	}
}

/* `patient:` with only comments below it, as a draft leaves it, or
 * `patient: {}`: a patient of whom nothing is given yet. */
static void
test_manifest__patient_mapping_may_be_empty(void **state)
{
	ts_fixture *fx = *state;
	const cp_claim *c;

	c = load_ok(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  # TODO name: as in the passport\n"
	    "  # TODO passport: as in the passport\n"
	    "episodes:\n"
	    "  - kind: outpatient\n"
	    "    start: 2026-03-02\n"
	    "documents: []\n");
	assert_null(c->patient_name);
	assert_null(c->passport);
	assert_null(c->episodes[0].hospital);
	c = load_ok(fx,
	    "claimpack: 1\n"
	    "patient: {}\n"
	    "episodes:\n"
	    "  - kind: outpatient\n"
	    "    start: 2026-03-02\n"
	    "documents: []\n");
	assert_null(c->patient_name);
	assert_null(c->passport);
}

static void
test_manifest__episode_may_end_without_a_start(void **state)
{
	ts_fixture *fx = *state;
	const cp__episode *ep;

	ep = &load_ok(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - kind: inpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    end: 2026-10-09\n"
	    "documents: []\n")->episodes[0];
	assert_false(ep->has_start);
	assert_true(ep->has_end);
	assert_int_equal(ep->end, ymd(2026, 10, 9));
}

static void
test_manifest__patient_name_without_value_has_a_position(void **state)
{
	ts_fixture *fx = *state;

	/* libfyaml reads "name:" as an empty value, which has no token. */
	expect_error(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name:\n"
	    "  passport: E1234567\n",
	    3, 3, "patient.name");
	assert_true(strstr(fx->err.message, "has no value") != NULL ||
	    strstr(fx->err.message, "is empty") != NULL);
}

static void
test_manifest__missing_patient_section(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "episodes: []\n",
	    1, 1, "the patient section is missing");
}

static void
test_manifest__missing_document_type(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - files: a.pdf\n"
	    "    date: 2026-03-02\n",
	    10, 5, "document type is missing");
}

static void
test_manifest__missing_document_files(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - id: rec\n"
	    "    type: outpatient_record\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    10, 5, "document \"rec\" has no files");
}

/*
 * An empty list, an empty mapping or a key without a value has no scalar
 * of its own; the error must still say where it is: at its key.
 */
static void
test_manifest__empty_files_list_has_a_position(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: outpatient_record\n"
	    "    files: []\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    11, 5, "document 1 has an empty files list");
}

static void
test_manifest__empty_episodes_list_has_a_position(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes: []\n"
	    "documents: []\n",
	    5, 1, "episodes is empty");
}

/* Only `patient:` with nothing written after it is an empty patient. */
static void
test_manifest__patient_that_is_not_a_mapping_has_a_position(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient: SMITH, John\n",
	    2, 10, "patient must be a mapping");
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient: \"\"\n",
	    2, 10, "patient must be a mapping");
}

static void
test_manifest__missing_episodes(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "documents: []\n",
	    1, 1, "the episodes list is missing");
}

static void
test_manifest__missing_episode_kind(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - hospital: Ruijin Hospital\n"
	    "    start: 2026-03-02\n",
	    6, 5, "episode kind is missing");
}

/* ---- bad values --------------------------------------------------------- */

static void
test_manifest__date_that_does_not_exist(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "    date: 2026-02-30\n"
	    "    name: SMITH John\n",
	    12, 11, "\"2026-02-30\" is not a real calendar date");
}

static void
test_manifest__date_without_leading_zeros(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "    date: 2026-1-9\n"
	    "    name: SMITH John\n",
	    12, 11, "\"2026-1-9\" is not in the form YYYY-MM-DD");
}

static void
test_manifest__bad_birth_date(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "  birth_date: 17.05.1980\n",
	    5, 15, "patient.birth_date \"17.05.1980\"");
}

static void
test_manifest__episode_ends_before_it_starts(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - id: stay\n"
	    "    kind: inpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2026-10-09\n"
	    "    end: 2026-10-01\n",
	    10, 10, "episode \"stay\" ends before it starts");
}

/* Loads a fapiao whose amount is `amount`; it must be refused. */
static void
expect_bad_amount(ts_fixture *fx, const char *amount, const char *why)
{
	char text[1024];
	char words[256];

	snprintf(text, sizeof(text), MIN_HEAD
	    "  - type: fapiao\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    amount: %s\n", amount);
	snprintf(words, sizeof(words), "document amount \"%s\" %s", amount,
	    why);
	expect_error(fx, text, 14, 13, words);
}

static void
test_manifest__amount_with_thousands_separator(void **state)
{
	expect_bad_amount(*state, "1,000.00", "uses a thousands separator");
}

static void
test_manifest__amount_with_three_decimals(void **state)
{
	expect_bad_amount(*state, "12.345", "has more than two decimals");
}

static void
test_manifest__negative_amount(void **state)
{
	expect_bad_amount(*state, "-5", "is negative");
}

static void
test_manifest__amount_that_is_not_a_number(void **state)
{
	expect_bad_amount(*state, "abc", "is not a plain decimal number");
}

static void
test_manifest__amount_on_a_lab_report(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    amount: 80.00\n",
	    14, 13, "a document of type lab_report cannot have amount");
}

static void
test_manifest__invoice_on_an_expense_list(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: expense_list\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    amount: 80.00\n"
	    "    invoice:\n"
	    "      number: \"81966722\"\n",
	    16, 7, "type expense_list cannot have invoice: it is only "
	    "for fapiao");
}

static void
test_manifest__unknown_invoice_kind(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: fapiao\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    amount: 80.00\n"
	    "    invoice:\n"
	    "      kind: paper\n",
	    16, 13, "unknown invoice.kind");
}

static void
test_manifest__bad_currency(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  currency: rmb\n",
	    3, 13, "claim.currency \"rmb\" is not a currency code");
}

/* ---- translations and episodes ---------------------------------------- */

static void
test_manifest__translation_without_translation_of(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - id: tr\n"
	    "    type: translation\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    10, 5, "translation \"tr\" has no translation_of");
}

static void
test_manifest__translation_of_an_unknown_id(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - id: tr\n"
	    "    type: translation\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    translation_of: bill\n",
	    15, 21, "translation \"tr\" is of \"bill\", but no document has "
	    "that id");
}

static void
test_manifest__translation_of_itself(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - id: tr\n"
	    "    type: translation\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    translation_of: tr\n",
	    15, 21, "translation \"tr\" names itself as its original");
}

static void
test_manifest__translation_of_a_later_document(void **state)
{
	ts_fixture *fx = *state;
	const cp_claim *c;

	/* Ids are linked once all are read: the original may come after. */
	c = load_ok(fx, MIN_HEAD
	    "  - type: translation\n"
	    "    files: a-en.pdf\n"
	    "    date: 2026-03-20\n"
	    "    name: SMITH John\n"
	    "    translation_of: d2\n"
	    "  - type: outpatient_record\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n");
	assert_true(c->documents[0].is_translation);
	assert_int_equal(c->documents[0].translation_of, 1);
}

static void
test_manifest__translation_of_on_another_type(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    translation_of: d1\n",
	    14, 21, "a document of type lab_report cannot have translation_of");
}

static void
test_manifest__unknown_episode_named(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: lab_report\n"
	    "    episode: stay\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    11, 14, "document 1 (a.pdf) names episode \"stay\", which is not "
	    "in the episodes list; the episode ids are: e1");
}

static void
test_manifest__several_episodes_need_episode_on_documents(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - kind: outpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2026-03-02\n"
	    "  - kind: outpatient\n"
	    "    hospital: Ruijin Hospital\n"
	    "    start: 2026-03-09\n"
	    "documents:\n"
	    "  - type: lab_report\n"
	    "    episode: e2\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-09\n"
	    "    name: SMITH John\n"
	    "  - type: lab_report\n"
	    "    files: b.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    18, 5, "document 2 (b.pdf) has no episode: with several episodes "
	    "each document names its own; add \"episode:\" with one of e1, e2");
}

static void
test_manifest__one_episode_needs_no_episode_on_documents(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(load_ok(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-09\n"
	    "    name: SMITH John\n")->documents[0].episode, 0);
}

/* ---- the file as a whole ---------------------------------------------- */

static void
test_manifest__unknown_format_version(void **state)
{
	expect_error(*state,
	    "claimpack: 2\n"
	    "patient:\n"
	    "  name: SMITH, John\n",
	    1, 12, "manifest format version 2 is not known");
}

static void
test_manifest__missing_format_version(void **state)
{
	expect_error(*state,
	    "patient:\n"
	    "  name: SMITH, John\n",
	    1, 1, "\"claimpack: 1\"");
}

static void
test_manifest__yaml_syntax_error(void **state)
{
	ts_fixture *fx = *state;

	/* An unquoted ": " inside a value: the second colon, column 13. */
	expect_error(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: John: Smith\n"
	    "  passport: E1234567\n",
	    3, 13, "YAML syntax");
}

static void
test_manifest__yaml_syntax_error_unclosed_list(void **state)
{
	ts_fixture *fx = *state;
	int rc = ts_load(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  aliases: [Smith John, John Smith\n"
	    "  passport: E1234567\n");

	assert_int_equal(rc, CP_EMANIFEST);
	ts_assert_contains(fx->err.message, "YAML syntax");
	assert_true(fx->err.line >= 4);
	assert_true(fx->err.column >= 1);
}

static void
test_manifest__alias_for_a_value_is_refused(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: &n SMITH, John\n"
	    "  passport: *n\n",
	    4, 13, "patient.passport is a YAML alias");
}

static void
test_manifest__alias_in_a_list_is_refused(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - type: outpatient_record\n"
	    "    files: [&f a.pdf, *f]\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n",
	    11, 23, "a YAML alias");
}

static void
test_manifest__alias_for_a_section_is_refused(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "claim: &c\n"
	    "  purpose: reimbursement\n"
	    "patient: *c\n",
	    4, 10, "patient is a YAML alias");
}

static void
test_manifest__alias_for_a_document_is_refused(void **state)
{
	expect_error(*state, MIN_HEAD
	    "  - &doc\n"
	    "    type: lab_report\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "  - *doc\n",
	    15, 5, "document 2 is a YAML alias");
}

static void
test_manifest__alias_as_a_key_is_refused(void **state)
{
	ts_fixture *fx = *state;
	int rc = ts_load(fx,
	    "claimpack: 1\n"
	    "claim:\n"
	    "  purpose: &k insurer\n"
	    "  *k : Example Health\n");

	assert_int_equal(rc, CP_EMANIFEST);
	assert_int_equal(fx->err.line, 4);
}

/* Peak memory of this process in KiB. */
static long
peak_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Seconds of CPU time used so far. */
static double
cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/*
 * The "billion laughs": 9 levels of anchors, each a list of 9 aliases of
 * the one before, 9^9 (387 million) strings once expanded.  `where` is
 * written before the first anchor and `close` after the last alias.
 */
static char *
alias_bomb(const char *before, const char *after)
{
	static const char *const names = "abcdefghi";
	size_t cap = 8192, len = 0;
	char *s = malloc(cap);
	int level, i;

	assert_non_null(s);
	len += (size_t)snprintf(s + len, cap - len, "%s", before);
	len += (size_t)snprintf(s + len, cap - len,
	    "[&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]");
	for (level = 1; level < 9; level++) {
		len += (size_t)snprintf(s + len, cap - len, ", &%c [",
		    names[level]);
		for (i = 0; i < 9; i++)
			len += (size_t)snprintf(s + len, cap - len, "%s*%c",
			    i ? ", " : "", names[level - 1]);
		len += (size_t)snprintf(s + len, cap - len, "]");
	}
	len += (size_t)snprintf(s + len, cap - len, ", *i]\n%s", after);
	assert_true(len < cap);
	return s;
}

static void
expect_bomb_refused(ts_fixture *fx, const char *before, const char *after)
{
	long peak = peak_kib();
	double t0 = cpu_seconds();
	char *text = alias_bomb(before, after);
	int rc = ts_load(fx, text);

	free(text);
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	/* Expanded, the bomb takes gigabytes and minutes. */
	assert_true(cpu_seconds() - t0 < 2.0);
	assert_true(peak_kib() - peak < 64 * 1024);
}

static void
test_manifest__alias_bomb_in_an_unknown_key_is_refused_quickly(void **state)
{
	ts_fixture *fx = *state;

	expect_bomb_refused(fx, "claimpack: 1\nlol: ", "");
	assert_int_equal(fx->err.line, 2);
	ts_assert_contains(fx->err.message, "unknown key \"lol\"");
}

static void
test_manifest__alias_bomb_in_a_files_list_is_refused_quickly(void **state)
{
	ts_fixture *fx = *state;

	expect_bomb_refused(fx, MIN_HEAD
	    "  - type: outpatient_record\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "    files: ", "");
	assert_int_equal(fx->err.line, 13);
}

static void
test_manifest__alias_bomb_as_aliases_is_refused_quickly(void **state)
{
	ts_fixture *fx = *state;

	expect_bomb_refused(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "  aliases: ", "");
	assert_int_equal(fx->err.line, 5);
}

static void
test_manifest__second_yaml_document_is_refused(void **state)
{
	ts_fixture *fx = *state;
	int rc;

	/*
	 * Papers listed after a "---" line would silently go unchecked and
	 * be left out of the bundle; a manifest is one YAML document.
	 */
	rc = ts_load(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "    date: 2026-03-02\n"
	    "    name: SMITH John\n"
	    "---\n"
	    "documents:\n"
	    "  - type: fapiao\n"
	    "    files: b.pdf\n");
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	assert_int_equal(fx->err.line, 14);
}

static void
test_manifest__document_markers_around_one_document_are_fine(void **state)
{
	ts_fixture *fx = *state;

	load_ok(fx, "---\n" MIN_HEAD
	    "  - type: imaging_files\n"
	    "    files: ct\n"
	    "...\n");
}

static void
test_manifest__text_after_document_end_is_refused(void **state)
{
	ts_fixture *fx = *state;

	/* Not even a syntax error after "..." is noticed. */
	assert_int_equal(ts_load(fx, MIN_HEAD
	    "  - type: imaging_files\n"
	    "    files: ct\n"
	    "...\n"
	    "documents: [\n"), CP_EMANIFEST);
	assert_null(fx->claim);
}

static void
test_manifest__fifo_is_not_a_manifest(void **state)
{
	ts_fixture *fx = *state;
	char path[1024];

	snprintf(path, sizeof(path), "%s", ts_path(fx, "pipe.yaml"));
	assert_int_equal(mkfifo(path, 0600), 0);
	/* Returns at once instead of waiting for a writer. */
	assert_int_equal(cp_claim_load(&fx->claim, path, &fx->err), CP_EIO);
	assert_null(fx->claim);
	ts_assert_contains(fx->err.message, "not a regular file");
}

static void
test_manifest__empty_file(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(ts_load(fx, ""), CP_EMANIFEST);
	assert_null(fx->claim);
	ts_assert_contains(fx->err.message, "empty");
	assert_string_equal(fx->err.path, fx->manifest);
}

static void
test_manifest__comments_only_is_empty(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(ts_load(fx, "# nothing here yet\n\n"), CP_EMANIFEST);
	ts_assert_contains(fx->err.message, "empty");
}

static void
test_manifest__nul_byte(void **state)
{
	ts_fixture *fx = *state;
	static const char text[] =
	    "claimpack: 1\n"
	    "patient:\n"
	    "  na\0me: SMITH, John\n";
	int rc;

	ts_write_bytes(fx->dir, "claim.yaml", text, sizeof(text) - 1);
	rc = cp_claim_load(&fx->claim, fx->manifest, &fx->err);
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	assert_int_equal(fx->err.line, 3);
	assert_int_equal(fx->err.column, 5);
	ts_assert_contains(fx->err.message, "NUL byte");
}

static void
test_manifest__invalid_utf8(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: Jos\xe9 SMITH\n",
	    3, 12, "not valid UTF-8");
}

static void
test_manifest__invalid_utf8_column_counts_characters(void **state)
{
	/* "瑞金" is two characters (six bytes): the bad byte is column 13. */
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: 瑞金 J\xc0\xaf\n",
	    3, 13, "not valid UTF-8");
}

static void
test_manifest__columns_count_characters_not_bytes(void **state)
{
	/* Four CJK characters (12 bytes) before the bad value: column 31. */
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  passport: E1234567\n"
	    "episodes:\n"
	    "  - {hospital_zh: 瑞金医院, kind: daycare, hospital: Ruijin, "
	    "start: 2026-03-02}\n",
	    6, 31, "unknown episode kind");
}

static void
test_manifest__control_character_in_a_value(void **state)
{
	expect_error(*state,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: \"SMITH,\\tJohn\"\n"
	    "  passport: E1234567\n",
	    3, 9, "patient.name contains a control character");
}

static void
test_manifest__folder_is_not_a_manifest(void **state)
{
	ts_fixture *fx = *state;
	int rc = cp_claim_load(&fx->claim, fx->dir, &fx->err);

	assert_int_equal(rc, CP_EIO);
	assert_null(fx->claim);
	assert_int_equal(fx->err.code, CP_EIO);
	assert_string_equal(fx->err.path, fx->dir);
	ts_assert_contains(fx->err.message, "folder");
}

static void
test_manifest__missing_file(void **state)
{
	ts_fixture *fx = *state;
	int rc = cp_claim_load(&fx->claim, ts_path(fx, "nope.yaml"), &fx->err);

	assert_int_equal(rc, CP_EIO);
	assert_null(fx->claim);
	assert_string_equal(fx->err.path, ts_path(fx, "nope.yaml"));
	ts_assert_contains(fx->err.message, "No such file");
}

static void
test_manifest__empty_path_is_invalid(void **state)
{
	ts_fixture *fx = *state;

	assert_int_equal(cp_claim_load(&fx->claim, "", &fx->err), CP_EINVAL);
	assert_null(fx->claim);
	assert_int_equal(cp_claim_load(&fx->claim, NULL, NULL), CP_EINVAL);
}

/* Writes `prefix`, then `fill` repeated to `size` bytes, then `suffix`. */
static void
write_big(ts_fixture *fx, const char *prefix, char fill, size_t size,
    const char *suffix)
{
	size_t np = strlen(prefix), ns = strlen(suffix);
	char *text = malloc(np + size + ns);

	assert_non_null(text);
	memcpy(text, prefix, np);
	memset(text + np, fill, size);
	memcpy(text + np + size, suffix, ns);
	ts_write_bytes(fx->dir, "claim.yaml", text, np + size + ns);
	free(text);
}

static void
test_manifest__file_over_16_mib_is_refused(void **state)
{
	ts_fixture *fx = *state;
	int rc;

	/* 17 MB of comment lines: valid YAML, but no manifest is that big. */
	write_big(fx, "claimpack: 1\n#", '#', 17u * 1000 * 1000, "\n");
	rc = cp_claim_load(&fx->claim, fx->manifest, &fx->err);
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	ts_assert_contains(fx->err.message, "larger than 16 MiB");
}

static void
test_manifest__ten_megabyte_value_is_refused(void **state)
{
	ts_fixture *fx = *state;
	int rc;

	write_big(fx, "claimpack: 1\npatient:\n  name: ", 'A',
	    10u * 1000 * 1000, "\n  passport: E1234567\n");
	rc = cp_claim_load(&fx->claim, fx->manifest, &fx->err);
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	assert_int_equal(fx->err.line, 3);
	assert_int_equal(fx->err.column, 9);
	ts_assert_contains(fx->err.message, "patient.name is 10000000 bytes "
	    "long; at most 4096");
}

static void
test_manifest__deep_nesting_is_refused(void **state)
{
	ts_fixture *fx = *state;
	enum { DEPTH = 10000 };
	size_t np;
	char *text;
	int rc;

	/* patient: [[[[ ... ]]]] */
	np = strlen("claimpack: 1\npatient: ");
	text = malloc(np + 2 * DEPTH + 2);
	assert_non_null(text);
	memcpy(text, "claimpack: 1\npatient: ", np);
	memset(text + np, '[', DEPTH);
	memset(text + np + DEPTH, ']', DEPTH);
	memcpy(text + np + 2 * DEPTH, "\n", 2);
	rc = ts_load(fx, text);
	free(text);
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	assert_int_equal(fx->err.line, 2);
	ts_assert_contains(fx->err.message, "depth");
}

static void
test_manifest__deep_unclosed_nesting_is_refused(void **state)
{
	ts_fixture *fx = *state;
	enum { DEPTH = 10000 };
	char *text = malloc(DEPTH + 1);
	int rc;

	assert_non_null(text);
	memset(text, '[', DEPTH);
	text[DEPTH] = '\0';
	rc = ts_load(fx, text);
	free(text);
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	assert_true(fx->err.message[0] != '\0');
}

/* ---- cp_error_format ---------------------------------------------------- */

static void
test_manifest__error_format_is_path_line_column_message(void **state)
{
	ts_fixture *fx = *state;
	char buf[2200], want[2200];

	expect_error(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  pasport: E1234567\n",
	    4, 3, "unknown key");
	snprintf(want, sizeof(want), "%s:4:3: %s", fx->manifest,
	    fx->err.message);
	assert_string_equal(cp_error_format(&fx->err, buf, sizeof(buf)), want);
}

static void
test_manifest__error_format_without_position(void **state)
{
	ts_fixture *fx = *state;
	char buf[2200], want[2200];

	assert_int_equal(cp_claim_load(&fx->claim, fx->dir, &fx->err), CP_EIO);
	snprintf(want, sizeof(want), "%s: is a folder, not a YAML file",
	    fx->dir);
	assert_string_equal(cp_error_format(&fx->err, buf, sizeof(buf)), want);
}

static void
test_manifest__error_format_truncates_safely(void **state)
{
	ts_fixture *fx = *state;
	char buf[8];

	expect_error(fx, "claimpack: 2\n", 1, 12, "version 2");
	cp_error_format(&fx->err, buf, sizeof(buf));
	assert_int_equal(strlen(buf), 7);
	assert_memory_equal(buf, fx->manifest, 7);
}

/* ---- what to write instead ------------------------------------------ */

static void
test_manifest__edit_distance_counts_slips(void **state)
{
	(void)state;
	assert_int_equal(cp__edit_distance("kitten", "sitting", 10), 3);
	assert_int_equal(cp__edit_distance("ammount", "amount", 10), 1);
	/* Two neighbours swapped are one slip, not two. */
	assert_int_equal(cp__edit_distance("hopsital", "hospital", 10), 1);
	/* Case does not count. */
	assert_int_equal(cp__edit_distance("IMG_0001.JPG", "img_0001.jpg", 10),
	    0);
	assert_int_equal(cp__edit_distance("a.jpeg", "a.jpg", 10), 1);
	/* Characters, not bytes: one Chinese character differs. */
	assert_int_equal(cp__edit_distance("出院小结", "出院小节", 10), 1);
	assert_int_equal(cp__edit_distance("", "abc", 10), 3);
	/* Past the limit, the limit + 1. */
	assert_int_equal(cp__edit_distance("discharge_summary", "fapiao", 2), 3);
	assert_int_equal(cp__edit_distance("kitten", "sitting", 2), 3);
}

static void
test_manifest__nearest_word_within_reach(void **state)
{
	static const char *const keys[] = { "id", "type", "amount", "files" };

	(void)state;
	assert_string_equal(cp__suggest_word("ammount", keys, 4), "amount");
	assert_string_equal(cp__suggest_word("Type", keys, 4), "type");
	assert_string_equal(cp__suggest_word("file", keys, 4), "files");
	/* Two letters are not taken for "id". */
	assert_null(cp__suggest_word("ab", keys, 4));
	assert_null(cp__suggest_word("hospital", keys, 4));
}

static void
test_manifest__key_suggestions(void **state)
{
	static const char *const episode[] = {
		"id", "kind", "hospital", "hospital_zh", "start", "end", NULL
	};
	static const char *const document[] = {
		"id", "type", "episode", "files", "date", "name", "title",
		"amount", "invoice", "translation_of", NULL
	};
	static const char *const patient[] = {
		"name", "passport", "birth_date", "aliases", NULL
	};

	(void)state;
	assert_string_equal(cp__key_suggest("discharge_date", episode), "end");
	assert_string_equal(cp__key_suggest("admission_date", episode),
	    "start");
	assert_string_equal(cp__key_suggest("ammount", document), "amount");
	assert_string_equal(cp__key_suggest("total", document), "amount");
	/* "kind" means the type in a document. */
	assert_string_equal(cp__key_suggest("kind", document), "type");
	assert_string_equal(cp__key_suggest("Birth Date", patient),
	    "birth_date");
	assert_null(cp__key_suggest("nationality", patient));
	/* A word counts only where its key is allowed. */
	assert_null(cp__key_suggest("total", patient));
}

static void
test_manifest__type_suggestions(void **state)
{
	size_t t[2];

	(void)state;
	assert_int_equal(cp__doctype_suggest("discharge_sumary", t), 1);
	assert_int_equal(t[0], CP__DT_DISCHARGE_SUMMARY);
	assert_int_equal(cp__doctype_suggest("receipt", t), 1);
	assert_int_equal(t[0], CP__DT_FAPIAO);
	assert_int_equal(cp__doctype_suggest("fapiao receipt", t), 1);
	assert_int_equal(t[0], CP__DT_FAPIAO);
	assert_int_equal(cp__doctype_suggest("Lab Report", t), 1);
	assert_int_equal(t[0], CP__DT_LAB_REPORT);
	assert_int_equal(cp__doctype_suggest("lab", t), 1);
	assert_int_equal(t[0], CP__DT_LAB_REPORT);
	assert_int_equal(cp__doctype_suggest("X-ray", t), 1);
	assert_int_equal(t[0], CP__DT_IMAGING_REPORT);
	assert_int_equal(cp__doctype_suggest("出院小结", t), 1);
	assert_int_equal(t[0], CP__DT_DISCHARGE_SUMMARY);
	/* A bill may be either. */
	assert_int_equal(cp__doctype_suggest("bill", t), 2);
	assert_int_equal(t[0], CP__DT_FAPIAO);
	assert_int_equal(t[1], CP__DT_EXPENSE_LIST);
	assert_int_equal(cp__doctype_suggest("holiday photos", t), 0);
}

/* cp__date_suggest must give exactly `want` ("" for none). */
static void
expect_date(const char *text, int n, const char *want, const char *other)
{
	cp__date a = 0, b = 0;
	char buf[16];
	int got = cp__date_suggest(text, &a, &b);

	if (got != n)
		fail_msg("\"%s\": %d readings, expected %d", text, got, n);
	if (n >= 1)
		assert_string_equal(cp__date_format(buf, sizeof(buf), a), want);
	if (n == 2)
		assert_string_equal(cp__date_format(buf, sizeof(buf), b), other);
}

static void
test_manifest__date_corrections(void **state)
{
	(void)state;
	expect_date("2026/11/03", 1, "2026-11-03", NULL);
	expect_date("2026.11.3", 1, "2026-11-03", NULL);
	expect_date("2026-1-9", 1, "2026-01-09", NULL);
	expect_date("2026 11 03", 1, "2026-11-03", NULL);
	expect_date("2026年11月3日", 1, "2026-11-03", NULL);
	expect_date("20261103", 1, "2026-11-03", NULL);
	expect_date("2026-11-03 10:30", 1, "2026-11-03", NULL);
	expect_date("2026-11-03T10:30:00", 1, "2026-11-03", NULL);
	/* Year last: one reading when only one is a real date. */
	expect_date("23/11/2026", 1, "2026-11-23", NULL);
	expect_date("11/23/2026", 1, "2026-11-23", NULL);
	expect_date("05.05.2026", 1, "2026-05-05", NULL);
	/* Day first or month first: both readings, day first first. */
	expect_date("03/11/2026", 2, "2026-11-03", "2026-03-11");
	expect_date("11/03/2026", 2, "2026-03-11", "2026-11-03");
	/* Nothing to suggest. */
	expect_date("2026-11-03", 0, NULL, NULL);
	expect_date("2026/02/30", 0, NULL, NULL);
	expect_date("31/02/2026", 0, NULL, NULL);
	expect_date("11/03/26", 0, NULL, NULL);
	expect_date("next week", 0, NULL, NULL);
	expect_date("2026/11/03 and more", 0, NULL, NULL);
}

/* cp__amount_suggest must give `want` and name `marks`. */
static void
expect_amount(const char *text, const char *want, const char *marks)
{
	char what[200], buf[32];
	int64_t fen = -1;
	int got = cp__amount_suggest(&fen, text, what, sizeof(what));

	if (want == NULL) {
		if (got != 0)
			fail_msg("\"%s\": suggested %s", text,
			    cp__amount_format(buf, sizeof(buf), fen));
		return;
	}
	if (got != 1)
		fail_msg("\"%s\": no suggestion", text);
	assert_string_equal(cp__amount_format(buf, sizeof(buf), fen), want);
	assert_string_equal(what, marks);
}

static void
test_manifest__amount_corrections(void **state)
{
	(void)state;
	expect_amount("¥18650.2", "18650.20", "the yen sign \"¥\"");
	expect_amount("￥18650.2", "18650.20",
	    "the full-width yen sign \"￥\"");
	expect_amount("18,650.20", "18650.20",
	    "the thousands separator \",\"");
	expect_amount("18 650.20", "18650.20",
	    "the spaces between the thousands");
	expect_amount("RMB 18650.20", "18650.20", "the currency \"RMB\"");
	expect_amount("18650.20 CNY", "18650.20", "the currency \"CNY\"");
	expect_amount("18650.2元", "18650.20", "the character \"元\"");
	expect_amount("18650,2", "18650.20", "the decimal comma \",\"");
	expect_amount("¥1,234.5元", "1234.50", "the yen sign \"¥\" and the "
	    "character \"元\" and the thousands separator \",\"");
	/* Not decoration: nothing to suggest. */
	expect_amount("18650.20", NULL, NULL);
	expect_amount("-5", NULL, NULL);
	expect_amount("12.345", NULL, NULL);
	expect_amount("¥12.345", NULL, NULL);
	expect_amount("abc", NULL, NULL);
	expect_amount("¥", NULL, NULL);
	expect_amount("1,23", "1.23", "the decimal comma \",\"");
}

static void
test_manifest__nearest_existing_path(void **state)
{
	ts_fixture *fx = *state;
	char *p;

	ts_mkdir(fx->dir, "records");
	ts_write_text(fx->dir, "records/discharge-1.jpg", "x");
	ts_write_text(fx->dir, "records/Scan-2.JPG", "x");
	ts_write_text(fx->dir, "records/.discharge-1.jpg", "x");
	/* One letter off. */
	p = cp__suggest_path(fx->dir, "records/discharge-l.jpg");
	assert_non_null(p);
	assert_string_equal(p, "records/discharge-1.jpg");
	free(p);
	/* Another case and extension, in the folder's name too. */
	p = cp__suggest_path(fx->dir, "Records/scan-2.jpeg");
	assert_non_null(p);
	assert_string_equal(p, "records/Scan-2.JPG");
	free(p);
	/* Nothing near, and a path that exists. */
	assert_null(cp__suggest_path(fx->dir, "records/receipt.pdf"));
	assert_null(cp__suggest_path(fx->dir, "billing/discharge-1.jpg"));
	assert_null(cp__suggest_path(fx->dir, "records/discharge-1.jpg"));
}

/* ---- every error in one run ------------------------------------------- */

/* Loads `text` listing its errors into *errors (the caller frees). */
static int
load_all(ts_fixture *fx, const char *text, cp_error_list **errors)
{
	cp_claim_free(fx->claim);
	fx->claim = NULL;
	ts_write_text(fx->dir, "claim.yaml", text);
	return cp_claim_load_errors(&fx->claim, fx->manifest, errors);
}

/* Error `i` of the list is at `line`:`column` and says `words`. */
static void
expect_listed(const cp_error_list *errors, size_t i, int line, int column,
    const char *words)
{
	const cp_error *e = cp_error_list_at(errors, i);

	assert_non_null(e);
	if (e->line != line || e->column != column ||
	    strstr(e->message, words) == NULL)
		fail_msg("error %zu: expected %d:%d \"%s\", got %d:%d %s", i,
		    line, column, words, e->line, e->column, e->message);
	assert_int_equal(e->code, CP_EMANIFEST);
}

static void
test_manifest__every_error_in_one_run(void **state)
{
	ts_fixture *fx = *state;
	cp_error_list *errors = NULL;
	cp_error first;
	cp_claim *claim = NULL;
	int rc;

	ts_write_text(fx->dir, "b.pdf", "x");
	rc = load_all(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name: SMITH, John\n"
	    "  pasport: E1234567\n"
	    "episodes:\n"
	    "  - id: visit\n"
	    "    kind: outpatient\n"
	    "    start: 2026/03/02\n"
	    "documents:\n"
	    "  - type: discharge_sumary\n"
	    "    files: a.pdf\n"
	    "    ammount: 10\n"
	    "  - type: fapiao\n"
	    "    episode: vist\n"
	    "    files: B.pdf\n"
	    "    amount: ¥10\n"
	    "    date: 03/11/2026\n", &errors);
	assert_int_equal(rc, CP_EMANIFEST);
	assert_null(fx->claim);
	assert_non_null(errors);
	assert_int_equal(cp_error_list_count(errors), 9);
	assert_int_equal(cp_error_list_total(errors), 9);
	/* In the order of the file, each with what to write. */
	expect_listed(errors, 0, 4, 3, "did you mean \"passport\"?");
	expect_listed(errors, 1, 8, 12, "write 2026-03-02");
	expect_listed(errors, 2, 10, 11, "did you mean discharge_summary?");
	expect_listed(errors, 3, 11, 12, "a.pdf (document 1) does not exist; "
	    "did you mean b.pdf?");
	expect_listed(errors, 4, 12, 5, "did you mean \"amount\"?");
	expect_listed(errors, 5, 14, 14, "did you mean \"visit\"? The episode "
	    "ids are: visit");
	expect_listed(errors, 6, 15, 12, "did you mean b.pdf?");
	expect_listed(errors, 7, 16, 13, "write 10.00 (without the yen sign");
	expect_listed(errors, 8, 17, 11, "write 2026-11-03 if it is "
	    "day/month/year, 2026-03-11 if it is month/day/year");
	assert_null(cp_error_list_at(errors, 9));
	cp_error_list_free(errors);

	/* cp_claim_load says the first it finds, as before. */
	assert_int_equal(cp_claim_load(&claim, fx->manifest, &first),
	    CP_EMANIFEST);
	assert_null(claim);
	assert_int_equal(first.line, 4);
	ts_assert_contains(first.message, "unknown key \"pasport\"");
}

static void
test_manifest__misspelt_key_is_not_also_missing(void **state)
{
	ts_fixture *fx = *state;
	cp_error_list *errors = NULL;

	assert_int_equal(load_all(fx, MIN_HEAD
	    "  - typ: lab_report\n"
	    "    file: a.pdf\n", &errors), CP_EMANIFEST);
	/* "typ" and "file" say what is wrong: no "type is missing" or
	 * "has no files" besides. */
	assert_int_equal(cp_error_list_total(errors), 2);
	expect_listed(errors, 0, 10, 5, "did you mean \"type\"?");
	expect_listed(errors, 1, 11, 5, "did you mean \"files\"?");
	cp_error_list_free(errors);
}

static void
test_manifest__error_list_stops_holding_at_the_limit(void **state)
{
	ts_fixture *fx = *state;
	cp_error_list *errors = NULL;
	char text[8192];
	size_t len, i;
	char *json;
	cp_error err;

	len = (size_t)snprintf(text, sizeof(text), "claimpack: 1\npatient:\n");
	for (i = 0; i < CP_ERROR_LIST_MAX + 10; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "  nationality%zu: x\n", i);
	snprintf(text + len, sizeof(text) - len,
	    "episodes: [{kind: outpatient}]\ndocuments: []\n");
	assert_int_equal(load_all(fx, text, &errors), CP_EMANIFEST);
	assert_int_equal(cp_error_list_count(errors), CP_ERROR_LIST_MAX);
	assert_int_equal(cp_error_list_total(errors), CP_ERROR_LIST_MAX + 10);
	expect_listed(errors, 0, 3, 3, "unknown key \"nationality0\"");
	assert_int_equal(cp_error_list_to_json(&json, errors, &err), CP_OK);
	ts_assert_contains(json, "[{\"file\":\"");
	ts_assert_contains(json, "\",\"line\":3,\"column\":3,\"message\":"
	    "\"unknown key \\\"nationality0\\\" in patient;");
	free(json);
	cp_error_list_free(errors);
	/* NULL is an empty list. */
	assert_int_equal(cp_error_list_count(NULL), 0);
	assert_null(cp_error_list_at(NULL, 0));
	cp_error_list_free(NULL);
}

static void
test_manifest__every_fullwidth_colon_is_named(void **state)
{
	ts_fixture *fx = *state;
	cp_error_list *errors = NULL;

	assert_int_equal(load_all(fx,
	    "claimpack: 1\n"
	    "patient:\n"
	    "  name：SMITH, John\n"
	    "  passport: E1234567\n"
	    "  birth_date： 1984-03-09\n", &errors), CP_EMANIFEST);
	assert_int_equal(cp_error_list_total(errors), 2);
	expect_listed(errors, 0, 3, 7, "the colon after \"name\" is the "
	    "full-width \"：\" of a Chinese keyboard; use the ASCII colon ':' "
	    "(type it with the keyboard in English mode): name: SMITH, John");
	expect_listed(errors, 1, 5, 13, "birth_date: 1984-03-09");
	cp_error_list_free(errors);
}

static void
test_manifest__indentation_slips_are_named(void **state)
{
	ts_fixture *fx = *state;
	cp_error_list *errors = NULL;

	assert_int_equal(load_all(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "   date: 2026-03-02\n", &errors), CP_EMANIFEST);
	expect_listed(errors, 0, 12, 4, "line 12 is indented by 3 spaces, "
	    "which lines up with nothing above it; indent it by 4 spaces "
	    "like \"files:\" on line 11");
	cp_error_list_free(errors);
	assert_int_equal(load_all(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n"
	    "   - type: lab_report\n", &errors), CP_EMANIFEST);
	expect_listed(errors, 0, 12, 4, "indent list items by 2 spaces like "
	    "the one on line 10");
	cp_error_list_free(errors);
	assert_int_equal(load_all(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "\tfiles: a.pdf\n", &errors), CP_EMANIFEST);
	expect_listed(errors, 0, 11, 1, "line 11 is indented with a tab; "
	    "indent with spaces, not tabs");
	cp_error_list_free(errors);
	assert_int_equal(load_all(fx, MIN_HEAD
	    "  - type:lab_report\n", &errors), CP_EMANIFEST);
	expect_listed(errors, 0, 10, 5, "put a space after the colon: "
	    "type: lab_report");
	cp_error_list_free(errors);
}

static void
test_manifest__a_yaml_file_of_something_else_is_one_error(void **state)
{
	ts_fixture *fx = *state;
	cp_error_list *errors = NULL;

	assert_int_equal(load_all(fx, "a: 1\nb: 2\nc: 3\n", &errors),
	    CP_EMANIFEST);
	assert_int_equal(cp_error_list_total(errors), 1);
	expect_listed(errors, 0, 1, 1, "this is not a claimpack manifest");
	cp_error_list_free(errors);
}

static void
test_manifest__a_valid_manifest_lists_nothing(void **state)
{
	ts_fixture *fx = *state;
	cp_error_list *errors = (cp_error_list *)&errors;

	/* A missing file is no manifest error: check's file-missing. */
	assert_int_equal(load_all(fx, MIN_HEAD
	    "  - type: lab_report\n"
	    "    files: a.pdf\n", &errors), CP_OK);
	assert_non_null(fx->claim);
	assert_null(errors);
	/* And NULL is allowed for the list. */
	cp_claim_free(fx->claim);
	fx->claim = NULL;
	assert_int_equal(cp_claim_load_errors(&fx->claim, fx->manifest, NULL),
	    CP_OK);
}

static void
test_manifest__free_null_does_nothing(void **state)
{
	(void)state;
	cp_claim_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_manifest__reads_every_field),
		TS_TEST(test_manifest__defaults),
		TS_TEST(test_manifest__scalar_files_is_a_list_of_one),
		TS_TEST(test_manifest__a_file_may_be_turned),
		TS_TEST(test_manifest__a_turn_is_90_180_or_270),
		TS_TEST(test_manifest__invoice_identifiers_lose_their_spaces),
		TS_TEST(test_manifest__imaging_files_need_no_date_or_name),
		TS_TEST(test_manifest__byte_order_mark_is_accepted),
		TS_TEST(test_manifest__file_paths_are_relative_to_the_manifest),
		TS_TEST(test_manifest__unknown_top_level_key),
		TS_TEST(test_manifest__unknown_key_in_patient),
		TS_TEST(test_manifest__unknown_key_far_from_any_lists_the_keys),
		TS_TEST(test_manifest__unknown_key_in_episode),
		TS_TEST(test_manifest__unknown_key_in_document),
		TS_TEST(test_manifest__unknown_key_in_invoice),
		TS_TEST(test_manifest__unknown_document_type),
		TS_TEST(test_manifest__unknown_episode_kind),
		TS_TEST(test_manifest__duplicate_document_id),
		TS_TEST(test_manifest__duplicate_episode_id),
		TS_TEST(test_manifest__duplicate_yaml_key),
		TS_TEST(test_manifest__facts_left_out_still_load),
		TS_TEST(test_manifest__patient_mapping_may_be_empty),
		TS_TEST(test_manifest__episode_may_end_without_a_start),
		TS_TEST(test_manifest__patient_name_without_value_has_a_position),
		TS_TEST(test_manifest__missing_patient_section),
		TS_TEST(test_manifest__missing_document_type),
		TS_TEST(test_manifest__missing_document_files),
		TS_TEST(test_manifest__empty_files_list_has_a_position),
		TS_TEST(test_manifest__empty_episodes_list_has_a_position),
		TS_TEST(test_manifest__patient_that_is_not_a_mapping_has_a_position),
		TS_TEST(test_manifest__missing_episodes),
		TS_TEST(test_manifest__missing_episode_kind),
		TS_TEST(test_manifest__date_that_does_not_exist),
		TS_TEST(test_manifest__date_without_leading_zeros),
		TS_TEST(test_manifest__bad_birth_date),
		TS_TEST(test_manifest__episode_ends_before_it_starts),
		TS_TEST(test_manifest__amount_with_thousands_separator),
		TS_TEST(test_manifest__amount_with_three_decimals),
		TS_TEST(test_manifest__negative_amount),
		TS_TEST(test_manifest__amount_that_is_not_a_number),
		TS_TEST(test_manifest__amount_on_a_lab_report),
		TS_TEST(test_manifest__invoice_on_an_expense_list),
		TS_TEST(test_manifest__unknown_invoice_kind),
		TS_TEST(test_manifest__bad_currency),
		TS_TEST(test_manifest__translation_without_translation_of),
		TS_TEST(test_manifest__translation_of_an_unknown_id),
		TS_TEST(test_manifest__translation_of_itself),
		TS_TEST(test_manifest__translation_of_a_later_document),
		TS_TEST(test_manifest__translation_of_on_another_type),
		TS_TEST(test_manifest__unknown_episode_named),
		TS_TEST(test_manifest__several_episodes_need_episode_on_documents),
		TS_TEST(test_manifest__one_episode_needs_no_episode_on_documents),
		TS_TEST(test_manifest__unknown_format_version),
		TS_TEST(test_manifest__missing_format_version),
		TS_TEST(test_manifest__yaml_syntax_error),
		TS_TEST(test_manifest__yaml_syntax_error_unclosed_list),
		TS_TEST(test_manifest__alias_for_a_value_is_refused),
		TS_TEST(test_manifest__alias_in_a_list_is_refused),
		TS_TEST(test_manifest__alias_for_a_section_is_refused),
		TS_TEST(test_manifest__alias_for_a_document_is_refused),
		TS_TEST(test_manifest__alias_as_a_key_is_refused),
		TS_TEST(test_manifest__alias_bomb_in_an_unknown_key_is_refused_quickly),
		TS_TEST(test_manifest__alias_bomb_in_a_files_list_is_refused_quickly),
		TS_TEST(test_manifest__alias_bomb_as_aliases_is_refused_quickly),
		TS_TEST(test_manifest__second_yaml_document_is_refused),
		TS_TEST(test_manifest__document_markers_around_one_document_are_fine),
		TS_TEST(test_manifest__text_after_document_end_is_refused),
		TS_TEST(test_manifest__fifo_is_not_a_manifest),
		TS_TEST(test_manifest__empty_file),
		TS_TEST(test_manifest__comments_only_is_empty),
		TS_TEST(test_manifest__nul_byte),
		TS_TEST(test_manifest__invalid_utf8),
		TS_TEST(test_manifest__invalid_utf8_column_counts_characters),
		TS_TEST(test_manifest__columns_count_characters_not_bytes),
		TS_TEST(test_manifest__control_character_in_a_value),
		TS_TEST(test_manifest__folder_is_not_a_manifest),
		TS_TEST(test_manifest__missing_file),
		TS_TEST(test_manifest__empty_path_is_invalid),
		TS_TEST(test_manifest__file_over_16_mib_is_refused),
		TS_TEST(test_manifest__ten_megabyte_value_is_refused),
		TS_TEST(test_manifest__deep_nesting_is_refused),
		TS_TEST(test_manifest__deep_unclosed_nesting_is_refused),
		TS_TEST(test_manifest__error_format_is_path_line_column_message),
		TS_TEST(test_manifest__error_format_without_position),
		TS_TEST(test_manifest__error_format_truncates_safely),
		TS_TEST(test_manifest__free_null_does_nothing),
		TS_TEST(test_manifest__edit_distance_counts_slips),
		TS_TEST(test_manifest__nearest_word_within_reach),
		TS_TEST(test_manifest__key_suggestions),
		TS_TEST(test_manifest__type_suggestions),
		TS_TEST(test_manifest__date_corrections),
		TS_TEST(test_manifest__amount_corrections),
		TS_TEST(test_manifest__nearest_existing_path),
		TS_TEST(test_manifest__every_error_in_one_run),
		TS_TEST(test_manifest__misspelt_key_is_not_also_missing),
		TS_TEST(test_manifest__error_list_stops_holding_at_the_limit),
		TS_TEST(test_manifest__every_fullwidth_colon_is_named),
		TS_TEST(test_manifest__indentation_slips_are_named),
		TS_TEST(test_manifest__a_yaml_file_of_something_else_is_one_error),
		TS_TEST(test_manifest__a_valid_manifest_lists_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
