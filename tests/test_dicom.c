/* test_dicom.c - the DICOM header reader (input/dicom.c, dicom_text.c,
 * dicom_stream.c, dicomdir.c): real files give their true values; files
 * tests/dicom_writer.h makes in every transfer syntax and character set
 * read back; damaged and hostile files give a reason, never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "input/dicom.h"
#include "support.h"
#include "dicom_writer.h"

#define CORPUS "tests/corpus/dicom/"

typedef struct {
	const char *file, *ts, *charset, *name, *id, *sex, *date, *modality,
	    *description, *institution;
} truth;

/* The true values (expected.json beside the files, read by pydicom). */
static const truth samples[] = {
	{ "cs_gb18030.dcm", "1.2.840.10008.1.2.1", "GB18030",
	  "Wang^XiaoDong=王^小东=", "X2EXAMPLE", "", "", "OT", "", "" },
	{ "cs_utf8.dcm", "1.2.840.10008.1.2.1", "ISO_IR 192",
	  "Wang^XiaoDong=王^小東=", "X1EXAMPLE", "", "", "OT", "", "" },
	{ "cs_jis_ir87.dcm", "1.2.840.10008.1.2.1", "\\ISO 2022 IR 87",
	  "Yamada^Tarou=山田^太郎=やまだ^たろう", "H31EXAMPLE", "", "", "OT",
	  "", "" },
	{ "ct_evrle.dcm", "1.2.840.10008.1.2.1", "ISO_IR 100",
	  "CompressedSamples^CT1", "1CT1", "O", "2004-01-19", "CT", "e+1",
	  "JFK IMAGING CENTER" },
	{ "mr_ivrle.dcm", "1.2.840.10008.1.2", "", "CompressedSamples^MR1",
	  "4MR1", "F", "2004-08-26", "MR", "", "TOSHIBA" },
	{ "mr_evrbe.dcm", "1.2.840.10008.1.2.2", "", "CompressedSamples^MR1",
	  "4MR1", "F", "2004-08-26", "MR", "", "TOSHIBA" },
	{ "mr_truncated.dcm", "1.2.840.10008.1.2.1", "",
	  "CompressedSamples^MR1", "4MR1", "F", "2004-08-26", "MR", "",
	  "TOSHIBA" },
};

static void
test_dicom__real_files_give_their_true_values(void **state)
{
	cp__dicom_header h;
	char path[256], why[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		const truth *t = &samples[i];

		snprintf(path, sizeof(path), CORPUS "%s", t->file);
		if (access(path, R_OK) != 0)
			fail_msg("%s not found: run the tests from the source "
			    "folder", path);
		assert_int_equal(cp__dicom_read(&h, path, why, sizeof(why)), 0);
		assert_true(h.preamble);
		assert_false(h.dicomdir);
		assert_false(h.charset_guessed);
		assert_string_equal(h.transfer_syntax, t->ts);
		assert_string_equal(h.charset, t->charset);
		assert_string_equal(h.patient_name, t->name);
		assert_string_equal(h.patient_id, t->id);
		assert_string_equal(h.sex, t->sex);
		assert_string_equal(h.study_date, t->date);
		assert_string_equal(h.birth_date, "");
		assert_string_equal(h.modality, t->modality);
		assert_string_equal(h.study_description, t->description);
		assert_string_equal(h.institution, t->institution);
		assert_true(strncmp(h.study_uid, "1.3.6.1.4.1.5962.1.2.", 21)
		    == 0);
		assert_true(strncmp(h.series_uid, "1.3.6.1.4.1.5962.1.3.", 21)
		    == 0);
		assert_true(strncmp(h.sop_uid, "1.3.6.1.4.1.5962.1.1.", 21)
		    == 0);
		assert_int_equal(h.frames, 1);
	}
}

/* The options of a CT slice of 王小东 in GBK under ISO_IR 100. */
static dw_options
ct(int ts)
{
	dw_options o;

	memset(&o, 0, sizeof(o));
	o.ts = ts;
	o.charset = "GB18030";
	o.name = "\xcd\xf5^\xd0\xa1\xb6\xab";
	o.id = "P0001";
	o.birth = "19800229";
	o.sex = "\xc5\xae";     /* 女 */
	o.date = "20261004";
	o.modality = "CT";
	o.institution = "\xb1\xb1\xbe\xa9\xd0\xad\xba\xcd\xd2\xbd\xd4\xba";
	o.description = "CHEST";
	o.study = "1.2.826.0.1.3680043.10.1.1";
	o.series = "1.2.826.0.1.3680043.10.1.1.1";
	o.sop = "1.2.826.0.1.3680043.10.1.1.1.1";
	o.frames = "3";
	o.undefined_seq = true;
	o.nest = 2;
	return o;
}

/* Reads what `o` makes, from memory and from a file; both must agree.
 * Returns what the reader returned. */
static int
read_made(const dw_options *o, cp__dicom_header *h, char *why, size_t n)
{
	dw_buf w = dw_make(o);
	cp__dicom_header fh;
	char fwhy[256], path[] = "/tmp/claimpack-dicom-XXXXXX";
	int rc, frc, fd;

	rc = cp__dicom_read_memory(h, w.b, w.len, why, n);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_true(w.len == 0 || write(fd, w.b, w.len) == (ssize_t)w.len);
	close(fd);
	frc = cp__dicom_read(&fh, path, fwhy, sizeof(fwhy));
	unlink(path);
	free(w.b);
	assert_int_equal(rc, frc);
	if (rc == 0)
		assert_memory_equal(h, &fh, sizeof(fh));
	else
		assert_string_equal(why, fwhy);
	return rc;
}

static void
assert_ct(const cp__dicom_header *h)
{
	assert_string_equal(h->patient_name, "王^小东");
	assert_string_equal(h->patient_id, "P0001");
	assert_string_equal(h->birth_date, "1980-02-29");
	assert_string_equal(h->sex, "F");
	assert_string_equal(h->study_date, "2026-10-04");
	assert_string_equal(h->modality, "CT");
	assert_string_equal(h->institution, "北京协和医院");
	assert_string_equal(h->study_description, "CHEST");
	assert_string_equal(h->study_uid, "1.2.826.0.1.3680043.10.1.1");
	assert_string_equal(h->series_uid, "1.2.826.0.1.3680043.10.1.1.1");
	assert_string_equal(h->sop_uid, "1.2.826.0.1.3680043.10.1.1.1.1");
	assert_int_equal(h->frames, 3);
	assert_false(h->charset_guessed);
}

static void
test_dicom__every_transfer_syntax(void **state)
{
	static const struct {
		int ts;
		const char *uid;
	} t[] = {
		{ DW_IVRLE, "1.2.840.10008.1.2" },
		{ DW_EVRLE, "1.2.840.10008.1.2.1" },
		{ DW_EVRBE, "1.2.840.10008.1.2.2" },
		{ DW_DEFLATE, "1.2.840.10008.1.2.1.99" },
		{ DW_JPEG, "1.2.840.10008.1.2.4.50" },
	};
	cp__dicom_header h;
	dw_options o;
	char why[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		o = ct(t[i].ts);
		assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
		assert_string_equal(h.transfer_syntax, t[i].uid);
		assert_true(h.preamble);
		assert_ct(&h);
		/* Pixel data far larger than the first read. */
		o.pixels = 300000;
		assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
		assert_ct(&h);
	}
}

static void
test_dicom__files_without_preamble_or_meta_group(void **state)
{
	cp__dicom_header h;
	dw_options o;
	char why[256];
	int ts;

	(void)state;
	for (ts = DW_IVRLE; ts <= DW_EVRBE; ts++) {
		o = ct(ts);
		o.no_preamble = true;
		assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
		assert_false(h.preamble);
		assert_ct(&h);
	}
	o = ct(DW_IVRLE);
	o.no_meta = o.no_preamble = true;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
	assert_false(h.preamble);
	assert_string_equal(h.transfer_syntax, "1.2.840.10008.1.2");
	assert_ct(&h);
	o = ct(DW_EVRLE);
	o.no_meta = o.no_preamble = true;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
	assert_ct(&h);
}

static void
test_dicom__character_sets(void **state)
{
	static const struct {
		const char *charset, *bytes, *utf8;
		bool guessed;
	} t[] = {
		{ NULL, "CHEN YOU FANG", "CHEN YOU FANG", false },
		{ "ISO_IR 6", "Wang^XiaoDong", "Wang^XiaoDong", false },
		{ "ISO_IR 100", "M\xfcller^Hans", "Müller^Hans", false },
		{ "ISO_IR 100", "Fran\xe7oise^Ren\xe9", "Françoise^René",
		  false },
		{ "ISO_IR 192", "Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f"
		  "\xe4\xb8\x9c=", "Wang^XiaoDong=王^小东=", false },
		{ "GB18030", "Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=",
		  "Wang^XiaoDong=王^小东=", false },
		{ "GBK", "\xb3\xc2^\xd3\xd1\xb7\xbc", "陈^友芳", false },
		/* GB18030's four-byte form: U+20000 𠀀. */
		{ "GB18030", "\x95\x32\x82\x36", "𠀀", false },
		{ "ISO 2022 IR 58", "\xcd\xf5^\xd0\xa1\xb6\xab", "王^小东",
		  false },
		{ "\\ISO 2022 IR 58", "Wang^XiaoDong=\x1b$)A\xcd\xf5^\x1b$)A"
		  "\xd0\xa1\xb6\xab=", "Wang^XiaoDong=王^小东=", false },
		{ "ISO 2022 IR 6\\ISO 2022 IR 87", "Yamada^Tarou=\x1b$B;3ED"
		  "\x1b(B^\x1b$BB@O:\x1b(B=", "Yamada^Tarou=山田^太郎=",
		  false },
		{ "\\ISO 2022 IR 149", "Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C"
		  "\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf",
		  "Hong^Gildong=洪^吉洞=홍^길동", false },
		/* GBK bytes under a set they do not fit. */
		{ "ISO_IR 100", "\xcd\xf5^\xd0\xa1\xb6\xab", "王^小东", true },
		{ "ISO_IR 100", "WANG^XIAODONG=\xcd\xf5^\xd0\xa1\xb6\xab=",
		  "WANG^XIAODONG=王^小东=", true },
		{ NULL, "\xb3\xc2\xd3\xd1\xb7\xbc", "陈友芳", true },
		{ "", "\xb3\xc2\xd3\xd1\xb7\xbc", "陈友芳", true },
		{ "ISO_IR 192", "\xb3\xc2\xd3\xd1\xb7\xbc", "陈友芳", true },
		{ "ISO 2022 IR 6", "\xb3\xc2\xd3\xd1\xb7\xbc", "陈友芳", true },
		/* Bytes no set fits: kept as replacement characters. */
		{ NULL, "A\xff\xff", "A\xef\xbf\xbd\xef\xbf\xbd", false },
	};
	cp__dicom_header h;
	dw_options o;
	char why[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&o, 0, sizeof(o));
		o.ts = DW_EVRLE;
		o.charset = t[i].charset;
		o.name = t[i].bytes;
		o.institution = t[i].bytes;
		assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
		if (strcmp(h.patient_name, t[i].utf8) != 0)
			fail_msg("case %zu (%s): \"%s\", not \"%s\"", i,
			    t[i].charset ? t[i].charset : "none",
			    h.patient_name, t[i].utf8);
		assert_string_equal(h.institution, t[i].utf8);
		assert_int_equal(h.charset_guessed, t[i].guessed);
	}
}

static void
test_dicom__sex_dates_and_padding(void **state)
{
	static const struct {
		const char *sex, *want;
	} sexes[] = { { "M", "M" }, { "F ", "F" }, { "O", "O" },
	    { "\xc4\xd0", "M" }, { "\xc5\xae", "F" }, { "X", "" } };
	static const struct {
		const char *da, *want;
	} dates[] = { { "20261004", "2026-10-04" }, { "2026.10.04",
	    "2026-10-04" }, { "20260230", "" }, { "20250229", "" },
	    { "20240229", "2024-02-29" }, { "2026104", "" },
	    { "2026-10-04", "" }, { "abcdefgh", "" }, { "", "" } };
	cp__dicom_header h;
	dw_options o;
	char why[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sexes) / sizeof(sexes[0]); i++) {
		memset(&o, 0, sizeof(o));
		o.charset = "GB18030";
		o.sex = sexes[i].sex;
		assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
		assert_string_equal(h.sex, sexes[i].want);
	}
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		memset(&o, 0, sizeof(o));
		o.date = dates[i].da;
		o.birth = dates[i].da;
		assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
		assert_string_equal(h.study_date, dates[i].want);
		assert_string_equal(h.birth_date, dates[i].want);
	}
	/* Odd lengths are padded: UI with NUL, text with a space. */
	memset(&o, 0, sizeof(o));
	o.name = "ZHANG^SAN";
	o.study = "1.2.3";
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
	assert_string_equal(h.patient_name, "ZHANG^SAN");
	assert_string_equal(h.study_uid, "1.2.3");
	assert_int_equal(h.frames, 1);
}

static void
test_dicom__a_long_name_is_cut_on_a_character(void **state)
{
	char name[600];
	cp__dicom_header h;
	dw_options o;
	char why[256];
	size_t i;

	(void)state;
	for (i = 0; i + 2 < sizeof(name); i += 2)
		memcpy(name + i, "\xcd\xf5", 2);
	name[i] = '\0';
	memset(&o, 0, sizeof(o));
	o.charset = "GB18030";
	o.name = name;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
	assert_true(strlen(h.patient_name) < CP__DICOM_TEXT_MAX);
	assert_true(strlen(h.patient_name) >= CP__DICOM_TEXT_MAX - 3);
	assert_int_equal(strlen(h.patient_name) % 3, 0);
	assert_memory_equal(h.patient_name, "王王", 6);
}

static void
test_dicom__lengths_past_the_file(void **state)
{
	cp__dicom_header h;
	dw_options o;
	char why[256];

	(void)state;
	/* A private element claiming 3 GiB in a file of a few hundred
	 * bytes. */
	o = ct(DW_EVRLE);
	o.claim = 3221225472u;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 1);
	assert_non_null(strstr(why, "claims an element of 3221225472 bytes "
	    "in a file of "));
	o.ts = DW_IVRLE;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 1);
	assert_non_null(strstr(why, "claims an element of 3221225472"));
	/* Pixel Data claiming 3 GiB: the header is whole, and read. */
	o = ct(DW_EVRLE);
	o.pixel_claim = 3221225472u;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
	assert_ct(&h);
}

static void
test_dicom__sequences_nest_to_a_bound(void **state)
{
	cp__dicom_header h;
	dw_options o;
	char why[256];

	(void)state;
	o = ct(DW_EVRLE);
	o.nest = 15;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
	assert_ct(&h);
	o.ts = DW_IVRLE;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 0);
	assert_ct(&h);
	o.nest = 5000;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 1);
	assert_string_equal(why, "is a DICOM file with sequences nested "
	    "deeper than 16");
}

static void
test_dicom__every_cut_is_an_answer(void **state)
{
	cp__dicom_header h;
	dw_buf w;
	dw_options o;
	char why[256];
	size_t cut, name_end;
	int ts, rc;

	(void)state;
	for (ts = DW_IVRLE; ts <= DW_JPEG; ts++) {
		o = ct(ts);
		w = dw_make(&o);
		name_end = 0;
		for (cut = 0; cut <= w.len; cut++) {
			rc = cp__dicom_read_memory(&h, w.b, cut, why,
			    sizeof(why));
			assert_true(rc == 0 || rc == 1);
			if (rc == 1)
				assert_true(why[0] != '\0');
			else if (strcmp(h.patient_name, "王^小东") == 0 &&
			    name_end == 0)
				name_end = cut;
		}
		/* Cut before Pixel Data, the header is whole (or cut short:
		 * never wrong). */
		assert_true(name_end > 0);
		free(w.b);
	}
	o = ct(DW_EVRLE);
	o.truncate = 300;
	assert_int_equal(read_made(&o, &h, why, sizeof(why)), 1);
	assert_string_equal(why, "is a DICOM file cut short in its header");
}

static void
test_dicom__files_that_are_not_dicom(void **state)
{
	static const unsigned char gz[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0,
	    3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	unsigned char icc[132];
	cp__dicom_header h;
	ts_fixture *fx = *state;
	char why[256];

	memset(icc, 0, sizeof(icc));
	icc[3] = 132;
	memcpy(icc + 36, "acsp", 4);
	memcpy(icc + 12, "mntrRGB XYZ ", 12);
	ts_write_bytes(fx->dir, "empty.dcm", "", 0);
	ts_write_bytes(fx->dir, "gzip.dcm", gz, sizeof(gz));
	ts_write_bytes(fx->dir, "icc.dcm", icc, sizeof(icc));
	assert_int_equal(cp__dicom_read(&h, ts_path(fx, "empty.dcm"), why,
	    sizeof(why)), 1);
	assert_string_equal(why, "is empty");
	assert_int_equal(cp__dicom_read(&h, ts_path(fx, "gzip.dcm"), why,
	    sizeof(why)), 1);
	assert_string_equal(why, "is not a DICOM file");
	assert_int_equal(cp__dicom_read(&h, ts_path(fx, "icc.dcm"), why,
	    sizeof(why)), 1);
	assert_string_equal(why, "is not a DICOM file");
	assert_int_equal(cp__dicom_read(&h, ts_path(fx, "none.dcm"), why,
	    sizeof(why)), 1);
	assert_int_equal(cp__dicom_read(&h, fx->dir, why, sizeof(why)), 1);
	assert_int_equal(cp__dicom_read_memory(&h, "", 0, why, sizeof(why)),
	    1);
	assert_int_equal(cp__dicom_read_memory(&h, "hello, world", 12, why,
	    sizeof(why)), 1);
}

static void
test_dicom__dicomdir_lists_its_files(void **state)
{
	static const char *const files[] = { "IMAGES/IM0001",
	    "IMAGES/IM0002", "IMAGES/SE2/IM0003" };
	ts_fixture *fx = *state;
	cp__dicom_header h;
	char why[256], **list;
	size_t n, i;

	assert_int_equal(dw_write_dicomdir(ts_path(fx, "DICOMDIR"), files, 3),
	    0);
	assert_int_equal(cp__dicom_read(&h, ts_path(fx, "DICOMDIR"), why,
	    sizeof(why)), 0);
	assert_true(h.dicomdir);
	assert_int_equal(cp__dicomdir_files(&list, &n, ts_path(fx,
	    "DICOMDIR"), why, sizeof(why)), 0);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_string_equal(list[i], files[i]);
		free(list[i]);
	}
	free(list);
	/* An image is no DICOMDIR. */
	assert_int_equal(cp__dicomdir_files(&list, &n, CORPUS "ct_evrle.dcm",
	    why, sizeof(why)), 1);
	assert_null(list);
	assert_string_equal(why, "is not a DICOMDIR");
	assert_int_equal(cp__dicomdir_files(&list, &n, ts_path(fx, "none"),
	    why, sizeof(why)), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dicom__real_files_give_their_true_values),
		cmocka_unit_test(test_dicom__every_transfer_syntax),
		cmocka_unit_test(test_dicom__files_without_preamble_or_meta_group),
		cmocka_unit_test(test_dicom__character_sets),
		cmocka_unit_test(test_dicom__sex_dates_and_padding),
		cmocka_unit_test(test_dicom__a_long_name_is_cut_on_a_character),
		cmocka_unit_test(test_dicom__lengths_past_the_file),
		cmocka_unit_test(test_dicom__sequences_nest_to_a_bound),
		cmocka_unit_test(test_dicom__every_cut_is_an_answer),
		TS_TEST(test_dicom__files_that_are_not_dicom),
		TS_TEST(test_dicom__dicomdir_lists_its_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
