/* test_font.c - finding the font, and what it can draw through libharu. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <hpdf.h>

#include "canvas/font.h"
#include "canvas/font_subset.h"
#include "util/utf8.h"
#include "support.h"

/* ---- helpers ------------------------------------------------------------ */

/* Opens the font the environment names (the default when unset). */
static cp__font *
open_font(void)
{
	cp__font *f = NULL;
	cp_error err;
	char buf[2200];

	memset(&err, 0, sizeof(err));
	if (cp__font_open(&f, &err) != CP_OK)
		fail_msg("cannot open the font: %s",
		    cp_error_format(&err, buf, sizeof(buf)));
	assert_non_null(f);
	return f;
}

static cp__font *
open_default_font(void)
{
	unsetenv("CLAIMPACK_FONT");
	return open_font();
}

/* Fails, naming the character, unless all of `text` draws. */
#define assert_drawable(f, text) \
	assert_drawable_at((f), (text), __FILE__, __LINE__)

static void
assert_drawable_at(const cp__font *f, const char *text, const char *file,
    int line)
{
	uint32_t bad = cp__font_undrawable(f, text);

	if (bad != 0)
		fail_msg("%s:%d: \"%s\": U+%04X reported undrawable", file,
		    line, text, (unsigned)bad);
}

/* Draws `text` with libharu 2.3.0 in the font `f` at 60 points on a
 * 400 x 100 point page, renders it with pdftoppm at 30 dpi in grey and
 * returns the number of dark pixels. */
static void
hpdf_record(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	(void)detail_no;
	*(HPDF_STATUS *)user = error_no;
}

/* Draws `text` with the font file `path` (a collection when
 * `collection`), as ink_of() says. */
static long
ink_of_file(const ts_fixture *fx, const char *path, bool collection,
    const char *text)
{
	HPDF_STATUS hpdf_error = 0;
	char pdf[1024], pgm[1024], cmd[2600], magic[3];
	const char *name;
	HPDF_Font font;
	HPDF_Page page;
	HPDF_Doc doc;
	long dark = 0;
	int w, h, maxval, c;
	FILE *in;

	snprintf(pdf, sizeof(pdf), "%s/ink.pdf", fx->dir);
	snprintf(pgm, sizeof(pgm), "%s/ink.pgm", fx->dir);
	doc = HPDF_New(hpdf_record, &hpdf_error);
	assert_non_null(doc);
	HPDF_UseUTFEncodings(doc);
	name = collection ? HPDF_LoadTTFontFromFile2(doc, path, 0, HPDF_TRUE) :
	    HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);
	assert_non_null(name);
	font = HPDF_GetFont(doc, name, "UTF-8");
	page = HPDF_AddPage(doc);
	HPDF_Page_SetWidth(page, 400);
	HPDF_Page_SetHeight(page, 100);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, 60);
	HPDF_Page_TextOut(page, 10, 25, text);
	HPDF_Page_EndText(page);
	HPDF_SaveToFile(doc, pdf);
	HPDF_Free(doc);
	if (hpdf_error != 0)
		fail_msg("libharu error 0x%04X drawing \"%s\"",
		    (unsigned)hpdf_error, text);

	/* libharu 2.3.0's ToUnicode map makes poppler warn: keep it quiet. */
	snprintf(cmd, sizeof(cmd), "pdftoppm -gray -r 30 -singlefile '%s' "
	    "'%s/ink' 2>/dev/null", pdf, fx->dir);
	if (system(cmd) != 0)
		fail_msg("pdftoppm failed (is poppler-utils installed?)");
	in = fopen(pgm, "rb");
	assert_non_null(in);
	if (fscanf(in, "%2s %d %d %d", magic, &w, &h, &maxval) != 4 ||
	    strcmp(magic, "P5") != 0 || maxval != 255)
		fail_msg("pdftoppm wrote an unexpected PGM header");
	fgetc(in);
	while ((c = fgetc(in)) != EOF)
		if (c < 128)
			dark++;
	fclose(in);
	return dark;
}

/* Draws `text` with libharu 2.3.0 as a bundle does: in a HarfBuzz subset
 * of the font of the set `f` that draws its first character (font 0 when
 * none does), at 60 points on a 400 x 100 point page; renders it with
 * pdftoppm at 30 dpi in grey and returns the number of dark pixels. */
static long
ink_of(const ts_fixture *fx, const cp__font *f, const char *text)
{
	cp__charset *set = calloc(1, sizeof(*set));
	const char *p = text;
	char path[1024];
	cp_error err;
	uint32_t cp;
	int i;
	long ink;

	assert_non_null(set);
	cp = cp__utf8_next(&p);
	i = cp__font_face_for(f, cp);
	if (i < 0)
		i = 0;
	cp__charset_add_utf8(set, text);
	snprintf(path, sizeof(path), "%s/subset.ttf", fx->dir);
	assert_int_equal(cp__font_subset_write(f, (size_t)i, set, path, &err),
	    CP_OK);
	free(set);
	ink = ink_of_file(fx, path, false, text);
	return ink;
}

/* ---- finding the font --------------------------------------------------- */

static void
test_font__opens_zen_hei_by_default(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_string_equal(cp__font_path(f, 0), CP__FONT_DEFAULT_PATH);
	assert_int_equal(cp__font_face(f, 0), 0);
	assert_true(cp__font_is_collection(f, 0));
	cp__font_free(f);
}

static void
test_font__claimpack_font_overrides_the_path(void **state)
{
	ts_fixture *fx = *state;
	char link[1024];
	cp__font *f;

	snprintf(link, sizeof(link), "%s/my-font.ttc", fx->dir);
	assert_int_equal(symlink(CP__FONT_DEFAULT_PATH, link), 0);
	setenv("CLAIMPACK_FONT", link, 1);
	f = open_font();
	assert_string_equal(cp__font_path(f, 0), link);
	assert_int_equal(cp__font_undrawable(f, "出院小结"), 0);
	cp__font_free(f);

	/* An empty variable is the same as none. */
	setenv("CLAIMPACK_FONT", "", 1);
	f = open_font();
	assert_string_equal(cp__font_path(f, 0), CP__FONT_DEFAULT_PATH);
	cp__font_free(f);
	unsetenv("CLAIMPACK_FONT");
}

static void
test_font__missing_font_says_which_package_to_install(void **state)
{
	ts_fixture *fx = *state;
	cp__font *f = (cp__font *)1;
	cp_error err;

	setenv("CLAIMPACK_FONT", ts_path(fx, "no-such-font.ttc"), 1);
	assert_int_equal(cp__font_open(&f, &err), CP_EIO);
	unsetenv("CLAIMPACK_FONT");
	assert_null(f);
	assert_int_equal(err.code, CP_EIO);
	assert_string_equal(err.path, fx->path);
	ts_assert_contains(err.message, "fonts-wqy-zenhei");
	ts_assert_contains(err.message, "CLAIMPACK_FONT");
	ts_assert_contains(err.message, "No such file");
}

static void
test_font__a_file_that_is_not_a_font_is_refused(void **state)
{
	ts_fixture *fx = *state;
	cp__font *f = (cp__font *)1;
	cp_error err;

	ts_write_text(fx->dir, "font.ttc", "this is not a font\n");
	setenv("CLAIMPACK_FONT", ts_path(fx, "font.ttc"), 1);
	assert_int_equal(cp__font_open(&f, &err), CP_EIO);
	unsetenv("CLAIMPACK_FONT");
	assert_null(f);
	assert_string_equal(err.path, fx->path);
	ts_assert_contains(err.message, "not a font");
	ts_assert_contains(err.message, "fonts-wqy-zenhei");
}

static void
test_font__a_single_ttf_is_not_a_collection(void **state)
{
	static const char dejavu[] =
	    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
	cp__font *f;

	(void)state;
	if (access(dejavu, R_OK) != 0)
		skip();
	setenv("CLAIMPACK_FONT", dejavu, 1);
	f = open_font();
	unsetenv("CLAIMPACK_FONT");
	assert_false(cp__font_is_collection(f, 0));
	assert_int_equal(cp__font_undrawable(f, "Discharge"), 0);
	/* DejaVu has no CJK: the check follows the font it was given. */
	assert_int_equal(cp__font_undrawable(f, "出院"), 0x51FA);
	cp__font_free(f);
}

static void
test_font__free_null_does_nothing(void **state)
{
	(void)state;
	cp__font_free(NULL);
}

/* ---- what draws --------------------------------------------------------- */

static void
test_font__latin_draws(void **state)
{
	char ascii[2];
	cp__font *f;
	int c;

	(void)state;
	f = open_default_font();
	for (c = 0x20; c < 0x7f; c++) {
		ascii[0] = (char)c;
		ascii[1] = '\0';
		assert_drawable(f, ascii);
	}
	assert_drawable(f, "SMITH, John Alexander (passport E12345678)");
	assert_drawable(f, "Discharge summary, 2026-10-09: CNY 12,850.40");
	assert_drawable(f, "\xc2\xa5 12,850.40");      /* ¥ */
	assert_int_equal(cp__font_undrawable(f, NULL), 0);
	assert_int_equal(cp__font_undrawable(f, ""), 0);
	cp__font_free(f);
}

static void
test_font__pinyin_tone_marks_draw(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_drawable(f, "ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù");
	assert_drawable(f, "ǖ ǘ ǚ ǜ ü Á À É È Ó Ò Ú Ù Ü");
	assert_drawable(f, "chūyuàn xiǎojié");
	assert_drawable(f, "zhùyuàn fèiyòng qīngdān");
	assert_drawable(f, "lǜ nǚ");
	/* Zen Hei has the capitals of Latin-1 only: capitalised pinyin
	 * with a macron or a caron (Ōuyáng, ZHĀNG) comes from Noto Sans. */
	assert_drawable(f, "Ā Ǎ Ōuyáng ZHĀNG Ǖ");
	assert_int_equal(cp__font_face_for(f, 0x0100), 1);
	assert_int_equal(cp__font_face_for(f, 0x01D5), 1);
	assert_int_equal(cp__font_face_for(f, 'Z'), 0);
	cp__font_free(f);
}

static void
test_font__cjk_labels_draw(void **state)
{
	static const char *const labels[] = {
		"出院小结", "发票", "费用清单", "住院费用清单", "病案复印件",
		"诊断证明书", "检验报告", "影像报告", "手术记录", "病理报告",
		"处方", "出院带药清单", "翻译件", "理赔申请表", "支付凭证",
		"医疗收费电子票据", "院", "结", "票",
		"门诊病历", "北京协和医院", "（第1页，共3页）", "、，。：；",
	};
	size_t i;
	cp__font *f;

	(void)state;
	f = open_default_font();
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		assert_drawable(f, labels[i]);
	cp__font_free(f);
}

static void
test_font__every_document_type_label_draws(void **state)
{
	const cp_doctype *t;
	cp__font *f;
	size_t i;

	(void)state;
	f = open_default_font();
	assert_true(cp_doctype_count() > 0);
	for (i = 0; (t = cp_doctype_at(i)) != NULL; i++) {
		assert_drawable(f, t->en);
		assert_drawable(f, t->zh);
		assert_drawable(f, t->pinyin);
	}
	cp__font_free(f);
}

static void
test_font__middle_dot_in_names_draws(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_drawable(f, "·");
	assert_drawable(f, "约翰·史密斯");
	assert_drawable(f, "阿卜杜勒·艾哈迈德");
	cp__font_free(f);
}

static void
test_font__spaces_draw(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_drawable(f, " ");
	assert_drawable(f, "出院 小结");
	assert_drawable(f, "出院\xe3\x80\x80小结");          /* U+3000 */
	/* The no-break space has no glyph in Zen Hei; Noto Sans has. */
	assert_int_equal(cp__font_face_for(f, 0x00A0), 1);
	cp__font_free(f);
}

/* The cover sheet's tick and cross: Zen Hei has no ✓ or ✗ (they print as
 * the empty box of a missing glyph), but draws √ and × simply. */
static void
test_font__check_marks_only_square_root_and_times_draw(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_int_equal(cp__font_undrawable(f, "✓"), 0x2713);
	assert_int_equal(cp__font_undrawable(f, "✗"), 0x2717);
	assert_int_equal(cp__font_undrawable(f, "✔"), 0x2714);
	assert_int_equal(cp__font_undrawable(f, "✘"), 0x2718);
	assert_int_equal(cp__font_undrawable(f, "☑"), 0x2611);
	assert_drawable(f, "√");        /* U+221A */
	assert_drawable(f, "×");        /* U+00D7 */
	assert_drawable(f, "○●□■╳");
	assert_drawable(f, "√ 出院小结   × 发票");
	cp__font_free(f);
}

/* libharu keeps a composite glyph's components one level deep: Zen Hei's
 * Hangul and ≈ (components simple) draw; Noto Sans's Ǯ (Ʒ, itself a
 * composite, plus a caron) does not, and Zen Hei lacks it. */
static void
test_font__composites_draw_one_level_deep(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_drawable(f, "≈ ∶ ㈠ 가 김민준 한국");
	assert_drawable(f, "total ≈ 12850");
	assert_int_equal(cp__font_face_for(f, 0xAC00), 0);
	assert_int_equal(cp__font_undrawable(f, "Ǯ"), 0x01EE);
	cp__font_free(f);
}

/* Each script a passport name may use, in the font that draws it. */
static void
test_font__every_script_of_a_passport_name_draws(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_drawable(f, "NGUYỄN, Thị Minh Ngọc Đặng Hoàng Phương");
	assert_drawable(f, "MÜLLER Jürgen Øystein Åsa Æbelø ß Ł Ż Ş İ ğ Č ř ů");
	assert_drawable(f, "Παπαδοπούλου Ελένη ΣΩΚΡΑΤΗΣ ς");
	assert_drawable(f, "Иванов Дмитрий Щукин Ёлкина Қазақ");
	assert_drawable(f, "約翰 国際 やまだ タロウ 김민준");
	assert_drawable(f, "สมชาย ใจดี");
	assert_int_equal(cp__font_face_for(f, 0x1EC5), 1);     /* ễ */
	assert_int_equal(cp__font_face_for(f, 0x0E2A), 2);     /* Thai */
	/* Arabic (letters and the joined forms canvas/bidi.c draws) and
	 * Hebrew print; Ethiopic and emoji do not. */
	assert_drawable(f, "محمد عبد الله إبراهيم سلام");
	assert_drawable(f, "\xef\xbb\xa3\xef\xba\x92\xef\xba\x87"); /* ﻣ ﺒ ﺇ */
	assert_drawable(f, "דוד כהן שלום");
	assert_int_equal(cp__font_face_for(f, 0xFEE3), 3);     /* ﻣ */
	assert_int_equal(cp__font_face_for(f, 0xFE87), 4);     /* ﺇ */
	assert_int_equal(cp__font_face_for(f, 0x05D3), 5);     /* ד */
	assert_int_equal(cp__font_undrawable(f, "ሰላም"), 0x1230);
	assert_int_equal(cp__font_undrawable(f, "\xe2\x98\x83"), 0x2603);
	cp__font_free(f);
}

static void
test_font__missing_glyphs_are_reported(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_int_equal(cp__font_undrawable(f, "ok 😀"), 0x1F600);
	/* Beyond the BMP libharu cannot even name the character. */
	assert_int_equal(cp__font_undrawable(f, "𠀀"), 0x20000);
	cp__font_free(f);
}

static void
test_font__control_characters_are_reported(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_int_equal(cp__font_undrawable(f, "a\tb"), 0x09);
	assert_int_equal(cp__font_undrawable(f, "line\nbreak"), 0x0A);
	assert_int_equal(cp__font_undrawable(f, "\r"), 0x0D);
	assert_int_equal(cp__font_undrawable(f, "\x1b[1m"), 0x1B);
	assert_int_equal(cp__font_undrawable(f, "del\x7f"), 0x7F);
	assert_int_equal(cp__font_undrawable(f, "\xc2\x85"), 0x85);
	cp__font_free(f);
}

static void
test_font__invalid_utf8_is_reported_as_fffd(void **state)
{
	static const char *const bad[] = {
		"\xff", "abc\xfe", "\x80", "\xc3", "\xe5\x87", "\xc3(",
		"\xc0\xaf",                  /* overlong '/' */
		"\xe0\x80\xaf",              /* overlong '/' */
		"\xed\xa0\x80",              /* a surrogate */
		"\xf4\x90\x80\x80",          /* past U+10FFFF */
		"\xf8\x88\x80\x80\x80",      /* five bytes */
	};
	size_t i;
	cp__font *f;

	(void)state;
	f = open_default_font();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (cp__font_undrawable(f, bad[i]) != 0xFFFD)
			fail_msg("invalid UTF-8 #%zu not reported", i);
	cp__font_free(f);
}

static void
test_font__reports_the_first_undrawable_character(void **state)
{
	cp__font *f;

	(void)state;
	f = open_default_font();
	assert_int_equal(cp__font_undrawable(f, "出院✓≈😀"), 0x2713);
	assert_int_equal(cp__font_undrawable(f, "≈\xff"), 0xFFFD);
	assert_int_equal(cp__font_undrawable(f, "\xff≈"), 0xFFFD);
	cp__font_free(f);
}

/* Asking in any order, or again, gives the answer a fresh font gives:
 * the per-character cache packs four characters to a byte. */
static void
test_font__answers_do_not_depend_on_what_was_asked_before(void **state)
{
	char text[8];
	cp__font *a, *b;
	uint32_t cp, bad = 0;
	int i;

	(void)state;
	a = open_default_font();
	b = open_default_font();
	for (cp = 0x2200; cp < 0x2300; cp++) {
		text[0] = (char)(0xe0 | (cp >> 12));
		text[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		text[2] = (char)(0x80 | (cp & 0x3f));
		text[3] = '\0';
		if (cp__font_undrawable(a, text) != 0)
			bad++;
	}
	/* Both kinds are in this block (√ draws; some have no glyph). */
	assert_true(bad > 0 && bad < 0x100);
	for (i = 0; i < 2; i++) {
		for (cp = 0x22ff; cp >= 0x2200; cp--) {
			text[0] = (char)(0xe0 | (cp >> 12));
			text[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
			text[2] = (char)(0x80 | (cp & 0x3f));
			text[3] = '\0';
			if (cp__font_undrawable(a, text) !=
			    cp__font_undrawable(b, text))
				fail_msg("U+%04X answered differently", cp);
		}
	}
	cp__font_free(a);
	cp__font_free(b);
}

/* Why the fonts are subset before libharu embeds them: libharu 2.3.0
 * reads a component's glyph number as signed 16 bits and keeps none
 * above 32767, so from the whole of Zen Hei (45 000 glyphs) a Hangul
 * syllable prints blank; from the subset, numbered from 0, it prints.
 * And what is reported drawable leaves ink, in its font's subset. */
static void
test_font__what_is_reported_drawable_prints_through_libharu(void **state)
{
	ts_fixture *fx = *state;
	static const char *const drawn[] = {
		"가", "김", "≈", "院", "√", "×", "ǖ", "ễ", "Ọ", "Ā", "ς", "Щ",
		"あ", "ア", "ส", "ด",
	};
	cp__font *f;
	size_t i;

	f = open_default_font();
	assert_int_equal(ink_of_file(fx, CP__FONT_DEFAULT_PATH, true, "가"),
	    0);
	assert_true(ink_of_file(fx, CP__FONT_DEFAULT_PATH, true, "院") > 20);
	for (i = 0; i < sizeof(drawn) / sizeof(drawn[0]); i++) {
		assert_drawable(f, drawn[i]);
		if (ink_of(fx, f, drawn[i]) <= 5)
			fail_msg("\"%s\" prints blank", drawn[i]);
	}
	cp__font_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_font__opens_zen_hei_by_default),
		TS_TEST(test_font__claimpack_font_overrides_the_path),
		TS_TEST(test_font__missing_font_says_which_package_to_install),
		TS_TEST(test_font__a_file_that_is_not_a_font_is_refused),
		TS_TEST(test_font__a_single_ttf_is_not_a_collection),
		TS_TEST(test_font__free_null_does_nothing),
		TS_TEST(test_font__latin_draws),
		TS_TEST(test_font__pinyin_tone_marks_draw),
		TS_TEST(test_font__cjk_labels_draw),
		TS_TEST(test_font__every_document_type_label_draws),
		TS_TEST(test_font__middle_dot_in_names_draws),
		TS_TEST(test_font__spaces_draw),
		TS_TEST(test_font__check_marks_only_square_root_and_times_draw),
		TS_TEST(test_font__composites_draw_one_level_deep),
		TS_TEST(test_font__every_script_of_a_passport_name_draws),
		TS_TEST(test_font__missing_glyphs_are_reported),
		TS_TEST(test_font__control_characters_are_reported),
		TS_TEST(test_font__invalid_utf8_is_reported_as_fffd),
		TS_TEST(test_font__reports_the_first_undrawable_character),
		TS_TEST(test_font__answers_do_not_depend_on_what_was_asked_before),
		TS_TEST(test_font__what_is_reported_drawable_prints_through_libharu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
