/* test_imaging.c - an imaging folder's summary (input/imaging.c): a CD
 * with its DICOMDIR and viewer, a download without one, a folder mixing
 * two patients, a damaged partial copy; files made by
 * tests/dicom_writer.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "input/imaging.h"
#include "support.h"
#include "dicom_writer.h"

#define STUDY1 "1.2.826.0.1.3680043.10.7.1"
#define STUDY2 "1.2.826.0.1.3680043.10.7.2"

/* 王小东's images in GBK under ISO_IR 100, as many PACS write them. */
static dw_options
wang(const char *study, const char *series, const char *modality)
{
	dw_options o;

	memset(&o, 0, sizeof(o));
	o.ts = DW_EVRLE;
	o.charset = "ISO_IR 100";
	o.name = "WANG^XIAODONG=\xcd\xf5^\xd0\xa1\xb6\xab=";
	o.id = "P0001";
	o.birth = "19800101";
	o.sex = "M";
	o.date = "20261004";
	o.modality = modality;
	o.institution = "PUMCH";
	o.description = "CHEST CT";
	o.study = study;
	o.series = series;
	return o;
}

static void
make(ts_fixture *fx, const char *rel, const dw_options *o)
{
	char path[1024], *slash;

	snprintf(path, sizeof(path), "%s/%s", fx->dir, rel);
	for (slash = strchr(path + strlen(fx->dir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	assert_int_equal(dw_write(path, o), 0);
}

/* A CD: 5 + 3 CT slices in two series, a structured report, the
 * DICOMDIR, and what a CD carries beside them. */
static void
make_cd(ts_fixture *fx, const char *root)
{
	static const char *const files[] = { "IMAGES/SE1/IM0001",
	    "IMAGES/SE1/IM0002", "IMAGES/SE1/IM0003", "IMAGES/SE1/IM0004",
	    "IMAGES/SE1/IM0005", "IMAGES/SE2/IM0001", "IMAGES/SE2/IM0002",
	    "IMAGES/SE2/IM0003", "IMAGES/SE3/IM0001" };
	dw_options o;
	char rel[256];
	size_t i;

	for (i = 0; i < 9; i++) {
		o = wang(STUDY1, i < 5 ? STUDY1 ".1" : i < 8 ? STUDY1 ".2" :
		    STUDY1 ".3", i < 8 ? "CT" : "SR");
		o.ts = i % 2 ? DW_IVRLE : DW_JPEG;
		snprintf(rel, sizeof(rel), "%s/%s", root, files[i]);
		make(fx, rel, &o);
	}
	snprintf(rel, sizeof(rel), "%s/DICOMDIR", root);
	assert_int_equal(dw_write_dicomdir(ts_path(fx, rel), files, 9), 0);
	snprintf(rel, sizeof(rel), "%s/viewer.exe", root);
	ts_write_bytes(fx->dir, rel, "MZ\x90\0", 4);
	snprintf(rel, sizeof(rel), "%s/autorun.inf", root);
	ts_write_text(fx->dir, rel, "[autorun]\r\nopen=viewer.exe\r\n");
	snprintf(rel, sizeof(rel), "%s/Thumbs.db", root);
	ts_write_bytes(fx->dir, rel, "\xd0\xcf\x11\xe0", 4);
	snprintf(rel, sizeof(rel), "%s/._x.dcm", root);
	ts_write_bytes(fx->dir, rel, "\0\x05\x16\x07\0\x02\0\0", 8);
	snprintf(rel, sizeof(rel), "%s/Viewer", root);
	ts_mkdir(fx->dir, rel);
	snprintf(rel, sizeof(rel), "%s/Viewer/lut.dcm", root);
	ts_write_bytes(fx->dir, rel, "not a DICOM file", 16);
}

static void
test_imaging__a_cd_with_its_dicomdir(void **state)
{
	ts_fixture *fx = *state;
	cp__imaging im;

	make_cd(fx, "cd");
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "cd"), &fx->err),
	    CP_OK);
	assert_true(im.has_dicomdir);
	assert_int_equal(im.npatients, 1);
	assert_string_equal(im.patients[0].name, "WANG^XIAODONG=王^小东=");
	assert_string_equal(im.patients[0].id, "P0001");
	assert_string_equal(im.patients[0].birth_date, "1980-01-01");
	assert_string_equal(im.patients[0].sex, "M");
	assert_int_equal(im.patients[0].images, 9);
	assert_string_equal(im.patients[0].first_file, "IMAGES/SE1/IM0001");
	assert_int_equal(im.nstudies, 1);
	assert_string_equal(im.studies[0].uid, STUDY1);
	assert_string_equal(im.studies[0].date, "2026-10-04");
	assert_string_equal(im.studies[0].modalities, "CT\\SR");
	assert_string_equal(im.studies[0].description, "CHEST CT");
	assert_string_equal(im.studies[0].institution, "PUMCH");
	assert_int_equal(im.studies[0].series, 3);
	assert_int_equal(im.studies[0].images, 9);
	assert_int_equal(im.studies[0].patient, 0);
	assert_int_equal(im.images, 9);
	assert_int_equal(im.unreadable, 0);
	assert_int_equal(im.nunreadable_files, 0);
	assert_int_equal(im.missing, 0);
	assert_true(im.guessed_charset);
	assert_true(im.bytes > 9 * 300);
	cp__imaging_free(&im);
	cp__imaging_free(&im);
}

static void
test_imaging__a_download_without_dicomdir(void **state)
{
	ts_fixture *fx = *state;
	cp__imaging im;
	dw_options o;

	o = wang(STUDY2, STUDY2 ".1", "MR");
	o.date = "20261006";
	o.description = "BRAIN MR";
	make(fx, "dl/b/1.dcm", &o);
	make(fx, "dl/b/2.DCM", &o);
	o = wang(STUDY1, STUDY1 ".1", "CT");
	o.charset = "GB18030";
	make(fx, "dl/a/1.dcm", &o);
	o.series = STUDY1 ".2";
	o.ts = DW_DEFLATE;
	make(fx, "dl/a/2.dicom", &o);
	/* A file without a name to go by, but with "DICM" at 128. */
	make(fx, "dl/a/1.2.840.99", &o);
	ts_write_text(fx->dir, "dl/readme.txt", "Download of 2026-10-07\n");
	ts_write_text(fx->dir, "dl/notes", "no DICOM here\n");
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "dl"), &fx->err),
	    CP_OK);
	assert_false(im.has_dicomdir);
	assert_int_equal(im.npatients, 1);
	assert_int_equal(im.patients[0].images, 5);
	assert_string_equal(im.patients[0].first_file, "a/1.2.840.99");
	assert_int_equal(im.nstudies, 2);
	assert_string_equal(im.studies[0].date, "2026-10-04");
	assert_string_equal(im.studies[0].modalities, "CT");
	assert_int_equal(im.studies[0].series, 2);
	assert_int_equal(im.studies[0].images, 3);
	assert_string_equal(im.studies[1].date, "2026-10-06");
	assert_string_equal(im.studies[1].description, "BRAIN MR");
	assert_int_equal(im.studies[1].series, 1);
	assert_int_equal(im.studies[1].images, 2);
	assert_int_equal(im.unreadable, 0);
	assert_int_equal(im.images, 5);
	/* The MR files were read as GB18030 against ISO_IR 100. */
	assert_true(im.guessed_charset);
	cp__imaging_free(&im);
}

static void
test_imaging__a_folder_mixing_two_patients(void **state)
{
	ts_fixture *fx = *state;
	cp__imaging im;
	dw_options o;

	o = wang(STUDY1, STUDY1 ".1", "CT");
	make(fx, "mix/1.dcm", &o);
	make(fx, "mix/2.dcm", &o);
	memset(&o, 0, sizeof(o));
	o.charset = "GB18030";
	o.name = "CHEN^YOUFANG=\xb3\xc2^\xd3\xd1\xb7\xbc=";
	o.id = "P0002";
	o.sex = "\xc5\xae";
	o.date = "20260901";
	o.modality = "DX";
	o.study = STUDY2;
	o.series = STUDY2 ".1";
	make(fx, "mix/3.dcm", &o);
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "mix"),
	    &fx->err), CP_OK);
	assert_int_equal(im.npatients, 2);
	assert_string_equal(im.patients[0].name,
	    "CHEN^YOUFANG=陈^友芳=");
	assert_string_equal(im.patients[0].sex, "F");
	assert_int_equal(im.patients[0].images, 1);
	assert_string_equal(im.patients[0].first_file, "3.dcm");
	assert_string_equal(im.patients[1].name, "WANG^XIAODONG=王^小东=");
	assert_int_equal(im.patients[1].images, 2);
	assert_int_equal(im.nstudies, 2);
	assert_string_equal(im.studies[0].date, "2026-09-01");
	assert_int_equal(im.studies[0].patient, 0);
	assert_string_equal(im.studies[1].date, "2026-10-04");
	assert_int_equal(im.studies[1].patient, 1);
	cp__imaging_free(&im);
}

static void
test_imaging__a_damaged_partial_copy(void **state)
{
	static const unsigned char gz[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0,
	    3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	unsigned char icc[132];
	ts_fixture *fx = *state;
	cp__imaging im;
	dw_options o;
	size_t i;

	make_cd(fx, "cd");
	/* The copy lost two files of series 2, and cut one of series 1
	 * inside its header. */
	unlink(ts_path(fx, "cd/IMAGES/SE2/IM0002"));
	unlink(ts_path(fx, "cd/IMAGES/SE2/IM0003"));
	o = wang(STUDY1, STUDY1 ".1", "CT");
	o.truncate = 300;
	make(fx, "cd/IMAGES/SE1/IM0005", &o);
	ts_write_bytes(fx->dir, "cd/IMAGES/SE1/IM0006", "", 0);
	ts_write_bytes(fx->dir, "cd/IMAGES/old.dcm", gz, sizeof(gz));
	memset(icc, 0, sizeof(icc));
	memcpy(icc + 36, "acsp", 4);
	ts_write_bytes(fx->dir, "cd/IMAGES/profile.dcm", icc, sizeof(icc));
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "cd"), &fx->err),
	    CP_OK);
	assert_true(im.has_dicomdir);
	/* 4 + 1 + 1 of the 9 the DICOMDIR lists. */
	assert_int_equal(im.images, 6);
	assert_int_equal(im.npatients, 1);
	assert_int_equal(im.nstudies, 1);
	assert_int_equal(im.studies[0].series, 3);
	assert_int_equal(im.studies[0].images, 6);
	assert_int_equal(im.unreadable, 4);
	assert_int_equal(im.nunreadable_files, 4);
	assert_string_equal(im.unreadable_files[0], "IMAGES/SE1/IM0005: is a "
	    "DICOM file cut short in its header");
	assert_string_equal(im.unreadable_files[1],
	    "IMAGES/SE1/IM0006: is empty");
	assert_string_equal(im.unreadable_files[2],
	    "IMAGES/old.dcm: is not a DICOM file");
	assert_string_equal(im.unreadable_files[3],
	    "IMAGES/profile.dcm: is not a DICOM file");
	assert_int_equal(im.missing, 2);
	assert_int_equal(im.nmissing_files, 2);
	assert_string_equal(im.missing_files[0], "IMAGES/SE2/IM0002");
	assert_string_equal(im.missing_files[1], "IMAGES/SE2/IM0003");
	cp__imaging_free(&im);

	/* More than 20 unreadable files: all counted, 20 named. */
	ts_mkdir(fx->dir, "bad");
	for (i = 0; i < 30; i++) {
		char rel[64];

		snprintf(rel, sizeof(rel), "bad/%02zu.dcm", i);
		ts_write_bytes(fx->dir, rel, "x", 1);
	}
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "bad"),
	    &fx->err), CP_OK);
	assert_int_equal(im.unreadable, 30);
	assert_int_equal(im.nunreadable_files, 20);
	assert_int_equal(im.images, 0);
	assert_int_equal(im.npatients, 0);
	cp__imaging_free(&im);
}

static void
test_imaging__a_cd_mounted_in_lower_case(void **state)
{
	static const char *const files[] = { "IMAGES/IM0001",
	    "IMAGES/IM0002" };
	ts_fixture *fx = *state;
	cp__imaging im;
	dw_options o = wang(STUDY1, STUDY1 ".1", "CT");

	/* Linux shows ISO 9660 names in lower case; some copies keep
	 * the ";1" version. */
	make(fx, "cd/images/im0001", &o);
	make(fx, "cd/images/im0002;1", &o);
	assert_int_equal(dw_write_dicomdir(ts_path(fx, "cd/dicomdir"), files,
	    2), 0);
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "cd"), &fx->err),
	    CP_OK);
	assert_true(im.has_dicomdir);
	assert_int_equal(im.missing, 0);
	assert_int_equal(im.images, 2);
	cp__imaging_free(&im);
}

static void
test_imaging__a_single_file_and_no_folder(void **state)
{
	ts_fixture *fx = *state;
	cp__imaging im;
	dw_options o = wang(STUDY1, STUDY1 ".1", "CT");

	make(fx, "one.dcm", &o);
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "one.dcm"),
	    &fx->err), CP_OK);
	assert_int_equal(im.images, 1);
	assert_int_equal(im.nstudies, 1);
	cp__imaging_free(&im);
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "none"),
	    &fx->err), CP_EIO);
	assert_int_equal(fx->err.code, CP_EIO);
	assert_null(im.patients);
	ts_mkdir(fx->dir, "empty");
	assert_int_equal(cp__imaging_read(&im, ts_path(fx, "empty"),
	    &fx->err), CP_OK);
	assert_int_equal(im.images, 0);
	assert_int_equal(im.nstudies, 0);
	cp__imaging_free(&im);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_imaging__a_cd_with_its_dicomdir),
		TS_TEST(test_imaging__a_download_without_dicomdir),
		TS_TEST(test_imaging__a_folder_mixing_two_patients),
		TS_TEST(test_imaging__a_damaged_partial_copy),
		TS_TEST(test_imaging__a_cd_mounted_in_lower_case),
		TS_TEST(test_imaging__a_single_file_and_no_folder),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
