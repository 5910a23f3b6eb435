/* test_check_files.c - every listed file exists, can be read and is a
 * PDF, OFD, JPEG, PNG, HEIC, WebP or TIFF that opens: file-missing,
 * file-unreadable, file-type, file-duplicate, pdf-encrypted,
 * pdf-restricted, pdf-broken, pdf-repaired, pdf-damaged. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <zlib.h>

#include "support.h"
#include "png_fixtures.h"

/* Appends a PNG chunk with its CRC to the file at `path`. */
static void
png_chunk_append(const char *path, const char *type, const void *data,
    size_t len)
{
	unsigned char be[4];
	uLong crc = crc32(0, (const Bytef *)type, 4);
	FILE *f = fopen(path, "ab");

	assert_non_null(f);
	if (len > 0)
		crc = crc32(crc, data, (uInt)len);
	be[0] = (unsigned char)(len >> 24);
	be[1] = (unsigned char)(len >> 16);
	be[2] = (unsigned char)(len >> 8);
	be[3] = (unsigned char)len;
	fwrite(be, 1, 4, f);
	fwrite(type, 1, 4, f);
	if (len > 0)
		fwrite(data, 1, len, f);
	be[0] = (unsigned char)(crc >> 24);
	be[1] = (unsigned char)(crc >> 16);
	be[2] = (unsigned char)(crc >> 8);
	be[3] = (unsigned char)crc;
	fwrite(be, 1, 4, f);
	fclose(f);
}

/* The complete claim plus a prescription made of `files`. */
#define WITH_RX(files) \
	"%s" \
	"  - id: rx\n" \
	"    type: prescription\n" \
	"    files: " files "\n" \
	"    date: 2026-10-05\n" \
	"    name: SMITH JOHN ALEXANDER\n", TS_COMPLETE

static void
setup_claim(ts_fixture *fx)
{
	ts_write_standard_files(fx);
}

/* Runs `qpdf ARGS -- DIR/in DIR/out`; skips the test without qpdf. */
static void
qpdf_encrypt(ts_fixture *fx, const char *args, const char *in,
    const char *out)
{
	char cmd[4096];
	int rc;

	if (system("qpdf --version >/dev/null 2>&1") != 0)
		skip();
	snprintf(cmd, sizeof(cmd), "qpdf --encrypt %s -- '%s/%s' '%s/%s'",
	    args, fx->dir, in, fx->dir, out);
	rc = system(cmd);
	if (rc != 0)
		fail_msg("%s: status %d", cmd, rc);
}

static void
assert_severity(const cp_finding *f, cp_severity severity)
{
	if (f->severity != severity)
		fail_msg("%s is an %s, not an %s", f->check,
		    cp_severity_name(f->severity), cp_severity_name(severity));
}

/* ---- the quiet baseline ------------------------------------------------- */

static void
test_check_files__complete_claim_has_no_findings(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_expect_clean(ts_check(fx, TS_COMPLETE, "reimbursement"));
}

/* ---- file-missing ---------------------------------------------------- */

static void
test_check_files__missing_file_is_reported(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	f = ts_expect(ts_checkf(fx, WITH_RX("[x.pdf, scans/rx-2.pdf]")),
	    "file-missing", "rx");
	assert_severity(f, CP_SEVERITY_ERROR);
	/* The file as the manifest writes it, not the resolved path. */
	assert_string_equal(f->file, "scans/rx-2.pdf");
	ts_assert_contains(f->message, "scans/rx-2.pdf (document rx) does "
	    "not exist");
	assert_int_equal(ts_count(fx->report, "file-missing", NULL), 1);
}

static void
test_check_files__missing_file_names_the_nearest(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	ts_mkdir(fx->dir, "scans");
	ts_write_pdf(fx->dir, "scans/Rx-1.PDF");
	/* A letter off and in other case: the file on disk is named. */
	f = ts_expect(ts_checkf(fx, WITH_RX("[scans/rx-l.pdf]")),
	    "file-missing", "rx");
	ts_assert_contains(f->message, "scans/rx-l.pdf (document rx) does "
	    "not exist; did you mean scans/Rx-1.PDF?");
	/* Nothing near: no guess. */
	f = ts_expect(ts_checkf(fx, WITH_RX("[scans/prescription.pdf]")),
	    "file-missing", "rx");
	ts_assert_contains(f->message, "does not exist; check the path");
}

static void
test_check_files__path_through_a_file_is_missing(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	/* x.pdf is a file, so x.pdf/p1.pdf cannot exist (ENOTDIR). */
	ts_expect(ts_checkf(fx, WITH_RX("x.pdf/p1.pdf")), "file-missing", "rx");
}

static void
test_check_files__files_are_found_from_the_manifest_folder(void **state)
{
	ts_fixture *fx = *state;
	char files[1200];

	setup_claim(fx);
	ts_mkdir(fx->dir, "scans");
	ts_write_pdf(fx->dir, "scans/rx-2.pdf");
	/* Relative paths from the manifest's folder, not the current one,
	 * and absolute paths as they are. */
	snprintf(files, sizeof(files), "[scans/rx-2.pdf, %s]",
	    ts_path(fx, "x.pdf"));
	ts_expect_clean(ts_checkf(fx, "%s"
	    "  - id: rx\n"
	    "    type: prescription\n"
	    "    files: %s\n"
	    "    date: 2026-10-05\n"
	    "    name: SMITH JOHN ALEXANDER\n", TS_COMPLETE, files));
}

/* ---- file-unreadable ------------------------------------------------- */

static void
test_check_files__symlink_loop_is_unreadable(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	char target[1024];

	setup_claim(fx);
	snprintf(target, sizeof(target), "%s", ts_path(fx, "loop.pdf"));
	assert_int_equal(symlink("loop.pdf", target), 0);
	f = ts_expect(ts_checkf(fx, WITH_RX("loop.pdf")), "file-unreadable",
	    "rx");
	assert_severity(f, CP_SEVERITY_ERROR);
	assert_string_equal(f->file, "loop.pdf");
	ts_assert_contains(f->message, "loop.pdf (document rx) cannot be "
	    "reached");
	ts_expect_none(fx->report, "file-missing");
}

static void
test_check_files__file_without_read_permission_is_unreadable(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	/* Root reads a file of mode 000 all the same: nothing to test. */
	if (geteuid() == 0) {
		print_message("running as root, where mode 000 does not stop "
		    "reading: skipped (the symlink loop and read error tests "
		    "cover file-unreadable)\n");
		skip();
	}
	setup_claim(fx);
	ts_write_pdf(fx->dir, "secret.pdf");
	assert_int_equal(chmod(ts_path(fx, "secret.pdf"), 0), 0);
	f = ts_expect(ts_checkf(fx, WITH_RX("secret.pdf")), "file-unreadable",
	    "rx");
	ts_assert_contains(f->message, "permission");
}

static void
test_check_files__read_error_is_unreadable(void **state)
{
	ts_fixture *fx = *state;
	char buf[16];
	int fd;

	/* /proc/self/mem is a regular file that anyone who can open it
	 * still cannot read at offset 0 (nothing is mapped there): the same
	 * path through the check as a file whose disk fails, even as root. */
	if ((fd = open("/proc/self/mem", O_RDONLY)) < 0)
		skip();
	if (read(fd, buf, sizeof(buf)) >= 0) {
		close(fd);
		skip();
	}
	close(fd);
	setup_claim(fx);
	ts_expect(ts_checkf(fx, WITH_RX("/proc/self/mem")), "file-unreadable",
	    "rx");
}

static void
test_check_files__readable_symlink_is_fine(void **state)
{
	ts_fixture *fx = *state;
	char sym[1024];

	setup_claim(fx);
	snprintf(sym, sizeof(sym), "%s", ts_path(fx, "link.pdf"));
	assert_int_equal(symlink("x.pdf", sym), 0);
	ts_expect_clean(ts_checkf(fx, WITH_RX("link.pdf")));
}

/* ---- file-type ------------------------------------------------------- */

static void
test_check_files__folder_for_a_paper_is_a_type_error(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	ts_mkdir(fx->dir, "rx");
	f = ts_expect(ts_checkf(fx, WITH_RX("rx")), "file-type", "rx");
	assert_severity(f, CP_SEVERITY_ERROR);
	ts_assert_contains(f->message, "rx (document rx) is a folder");
}

static void
test_check_files__folder_of_image_files_is_fine(void **state)
{
	ts_fixture *fx = *state;

	/* The complete claim lists the folder ct as imaging_files. */
	setup_claim(fx);
	ts_check(fx, TS_COMPLETE, "reimbursement");
	ts_expect_none(fx->report, "file-type");
}

static void
test_check_files__empty_file_is_a_type_error(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	ts_write_text(fx->dir, "empty.pdf", "");
	f = ts_expect(ts_checkf(fx, WITH_RX("empty.pdf")), "file-type", "rx");
	ts_assert_contains(f->message, "empty (0 bytes)");
	ts_expect_none(fx->report, "pdf-broken");
}

static void
test_check_files__empty_image_file_is_a_type_error(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_write_text(fx->dir, "ct/IM0002", "");
	ts_expect(ts_check(fx, TS_HEAD TS_STAY "documents:\n" TS_MONEY
	    "  - id: ds\n"
	    "    type: discharge_summary\n"
	    "    files: ds.pdf\n"
	    "    date: 2026-10-09\n"
	    "    name: SMITH JOHN ALEXANDER\n"
	    "  - id: ct\n"
	    "    type: imaging_files\n"
	    "    files: [ct/IM0001, ct/IM0002]\n", "cover-sheet"),
	    "file-type", "ct");
	assert_int_equal(ts_count(fx->report, "file-type", NULL), 1);
}

/* A HEIC photo is a document file like a JPEG: checked by decoding it
 * (this one has a header and nothing else: image-broken, never a
 * file-type error); a GIF is not one, and the message says what is. */
static void
test_check_files__heic_photo_is_checked_as_an_image(void **state)
{
	ts_fixture *fx = *state;
	static const unsigned char heic[] = {
		0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c',
		0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'
	};
	const cp_finding *f;

	setup_claim(fx);
	ts_write_bytes(fx->dir, "IMG_0001.HEIC", heic, sizeof(heic));
	f = ts_expect(ts_checkf(fx, WITH_RX("IMG_0001.HEIC")), "image-broken",
	    "rx");
	ts_assert_contains(f->message, "IMG_0001.HEIC (document rx): ");
	ts_expect_none(fx->report, "file-type");
	ts_expect_none(fx->report, "file-extension");

	ts_write_bytes(fx->dir, "scan.gif", "GIF89a\1\0\1\0\0\0\0;", 14);
	f = ts_expect(ts_checkf(fx, WITH_RX("scan.gif")), "file-type", "rx");
	ts_assert_contains(f->message, "GIF");
	ts_assert_contains(f->message, "not a PDF, OFD, JPEG, PNG, HEIC, "
	    "WebP or TIFF");
}

static void
test_check_files__broken_zip_is_ofd_broken(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	/* An OFD invoice is a ZIP, whatever its name says: this one is
	 * cut short after its first entry header. */
	ts_write_bytes(fx->dir, "invoice.pdf", "PK\3\4\24\0\0\0\10\0", 10);
	f = ts_expect(ts_checkf(fx, WITH_RX("invoice.pdf")), "ofd-broken",
	    "rx");
	ts_assert_contains(f->message, "invoice.pdf (document rx)");
	ts_assert_contains(f->message, "ZIP");
	ts_expect_none(fx->report, "file-type");
}

static void
test_check_files__unknown_format_is_a_type_error(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	ts_write_text(fx->dir, "notes.pdf", "Dear doctor, please find...\n");
	f = ts_expect(ts_checkf(fx, WITH_RX("notes.pdf")), "file-type", "rx");
	ts_assert_contains(f->message, "unknown format");
}

static void
test_check_files__fifo_is_a_type_error(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	char path[1024];

	setup_claim(fx);
	snprintf(path, sizeof(path), "%s", ts_path(fx, "pipe.pdf"));
	assert_int_equal(mkfifo(path, 0600), 0);
	/* Must not block waiting for a writer. */
	f = ts_expect(ts_checkf(fx, WITH_RX("pipe.pdf")), "file-type", "rx");
	ts_assert_contains(f->message, "not a regular file");
}

static void
test_check_files__format_comes_from_the_bytes_not_the_name(void **state)
{
	ts_fixture *fx = *state;

	const cp_report *r;

	setup_claim(fx);
	/* A JPEG named .pdf and a PNG named .jpg are used as what they are;
	 * a notice says so, nothing more. */
	ts_write_jpeg(fx->dir, "photo.pdf");
	ts_write_png(fx->dir, "shot.jpg");
	r = ts_checkf(fx, WITH_RX("[photo.pdf, shot.jpg]"));
	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_ERROR), 0);
	assert_int_equal(cp_report_count_severity(r, CP_SEVERITY_WARNING), 0);
	assert_int_equal(ts_count(r, "file-extension", NULL), 2);
}

/* A photo cut short (an interrupted copy) or a PNG whose checksum is
 * wrong would print as a grey or broken page. */
static void
test_check_files__cut_or_damaged_images_are_broken(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	char path[1024];
	FILE *fp;
	long size;

	setup_claim(fx);
	ts_write_jpeg(fx->dir, "cut.jpg");
	ts_write_png(fx->dir, "bad.png");
	/* Cut the JPEG before its end-of-image marker. */
	snprintf(path, sizeof(path), "%s/cut.jpg", fx->dir);
	fp = fopen(path, "r+b");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	fclose(fp);
	assert_int_equal(truncate(path, size - 20), 0);
	/* Change one byte of the PNG's image data. */
	snprintf(path, sizeof(path), "%s/bad.png", fx->dir);
	fp = fopen(path, "r+b");
	assert_non_null(fp);
	fseek(fp, 45, SEEK_SET);
	fputc(0x5a, fp);
	fclose(fp);
	ts_checkf(fx, WITH_RX("[cut.jpg, bad.png]"));
	assert_int_equal(ts_count(fx->report, "image-broken", NULL), 2);
	f = ts_expect(fx->report, "image-broken", NULL);
	ts_assert_contains(f->message, "cut short");
}

static void
test_check_files__whole_images_are_not_broken(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_write_jpeg(fx->dir, "ok.jpg");
	ts_write_png(fx->dir, "ok.png");
	ts_checkf(fx, WITH_RX("[ok.jpg, ok.png]"));
	assert_int_equal(ts_count(fx->report, "image-broken", NULL), 0);
}

/* Check = build: every PNG libpng decodes is accepted, those libharu
 * crashed on, misdrew or refused included (8-bit RGB with a tRNS colour,
 * a 2-bit palette with transparency, 16-bit and interlaced); one whose
 * image data is damaged behind right checksums is not. */
static void
test_check_files__every_png_that_decodes_is_accepted(void **state)
{
	static const png_kind kinds[] = {
		{ "tbrn2c08", 2, 8, false, true, 32, 32 },
		{ "tm3n3p02", 3, 2, false, true, 32, 32 },
		{ "basi2c16", 2, 16, true, false, 32, 32 },
		{ "basi6a16", 6, 16, true, false, 32, 32 },
	};
	ts_fixture *fx = *state;
	char path[1024];
	unsigned char raw[2 * 4], z[64];
	uLongf zlen = sizeof(z);
	size_t i;

	setup_claim(fx);
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s.png", fx->dir,
		    kinds[i].name);
		write_png(path, &kinds[i], NULL, 0, 0);
	}
	ts_checkf(fx, WITH_RX("[tbrn2c08.png, tm3n3p02.png, basi2c16.png, "
	    "basi6a16.png]"));
	ts_expect_clean(fx->report);

	/* A 1 x 2 grey PNG whose second row has filter type 7. */
	memset(raw, 0, sizeof(raw));
	raw[2] = 7;
	assert_int_equal(compress2(z, &zlen, raw, 4, 6), Z_OK);
	ts_write_bytes(fx->dir, "filter.png", "\x89PNG\r\n\x1a\n", 8);
	png_chunk_append(ts_path(fx, "filter.png"), "IHDR",
	    "\0\0\0\x01\0\0\0\x02\x08\0\0\0\0", 13);
	png_chunk_append(ts_path(fx, "filter.png"), "IDAT", z, zlen);
	png_chunk_append(ts_path(fx, "filter.png"), "IEND", NULL, 0);
	ts_expect(ts_checkf(fx, WITH_RX("filter.png")), "image-broken", "rx");
	ts_assert_contains(ts_find(fx->report, "image-broken", "rx")->message,
	    "PNG is damaged");
}

static void
test_check_files__image_files_may_be_any_format(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_write_bytes(fx->dir, "ct/IM0002", "PK\3\4", 4);
	ts_check(fx, TS_HEAD TS_STAY "documents:\n" TS_RECORDS TS_MONEY
	    "  - id: ct2\n"
	    "    type: imaging_files\n"
	    "    files: ct/IM0002\n", "reimbursement");
	ts_expect_none(fx->report, "file-type");
}

/* ---- file-duplicate -------------------------------------------------- */

static void
test_check_files__same_file_in_two_documents(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	f = ts_expect(ts_checkf(fx, WITH_RX("fp.pdf")), "file-duplicate", "rx");
	assert_severity(f, CP_SEVERITY_WARNING);
	assert_string_equal(f->file, "fp.pdf");
	ts_assert_contains(f->message, "the same file as one of document fp");
	assert_int_equal(ts_count(fx->report, "file-duplicate", NULL), 1);
}

static void
test_check_files__same_file_twice_in_one_document(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	f = ts_expect(ts_checkf(fx, WITH_RX("[x.pdf, ./x.pdf]")),
	    "file-duplicate", "rx");
	ts_assert_contains(f->message, "listed twice in document rx");
	assert_string_equal(f->file, "./x.pdf");
}

static void
test_check_files__link_to_a_listed_file_is_a_duplicate(void **state)
{
	ts_fixture *fx = *state;
	char hard[1024], target[1024];

	setup_claim(fx);
	snprintf(target, sizeof(target), "%s", ts_path(fx, "x.pdf"));
	snprintf(hard, sizeof(hard), "%s", ts_path(fx, "copy.pdf"));
	assert_int_equal(link(target, hard), 0);
	ts_expect(ts_checkf(fx, WITH_RX("[x.pdf, copy.pdf]")),
	    "file-duplicate", "rx");
}

static void
test_check_files__different_files_are_not_duplicates(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_checkf(fx, WITH_RX("[x.pdf, y.pdf]"));
	ts_expect_none(fx->report, "file-duplicate");
	ts_expect_clean(fx->report);
}

/* ---- pdf-encrypted, pdf-restricted ----------------------------------- */

static void
test_check_files__password_protected_pdf(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	qpdf_encrypt(fx, "user owner 256", "x.pdf", "locked.pdf");
	f = ts_expect(ts_checkf(fx, WITH_RX("locked.pdf")), "pdf-encrypted",
	    "rx");
	assert_severity(f, CP_SEVERITY_ERROR);
	ts_assert_contains(f->message, "locked.pdf (document rx) needs a "
	    "password");
	ts_expect_none(fx->report, "pdf-broken");
	ts_expect_none(fx->report, "pdf-restricted");
}

static void
test_check_files__owner_password_only_is_restricted(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	qpdf_encrypt(fx, "'' owner 256", "x.pdf", "restricted.pdf");
	f = ts_expect(ts_checkf(fx, WITH_RX("restricted.pdf")),
	    "pdf-restricted", "rx");
	assert_severity(f, CP_SEVERITY_NOTICE);
	ts_assert_contains(f->message, "owner password only");
	ts_expect_none(fx->report, "pdf-encrypted");
	assert_int_equal(cp_report_count(fx->report), 1);
}

static void
test_check_files__plain_pdf_is_neither_encrypted_nor_restricted(
    void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_checkf(fx, WITH_RX("x.pdf"));
	ts_expect_none(fx->report, "pdf-encrypted");
	ts_expect_none(fx->report, "pdf-restricted");
}

/* ---- pdf-broken, pdf-repaired ---------------------------------------- */

static void
test_check_files__truncated_pdf_is_broken(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	char pdf[2048];

	setup_claim(fx);
	ts_pdf_bytes(pdf, sizeof(pdf), 0);
	ts_write_bytes(fx->dir, "cut.pdf", pdf, 200);
	f = ts_expect(ts_checkf(fx, WITH_RX("cut.pdf")), "pdf-broken", "rx");
	assert_severity(f, CP_SEVERITY_ERROR);
	ts_assert_contains(f->message, "cut.pdf (document rx) cannot be read "
	    "as a PDF (");
	ts_expect_none(fx->report, "file-type");
}

static void
test_check_files__garbage_after_the_pdf_header_is_broken(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_write_text(fx->dir, "junk.pdf", "%PDF-1.7\nthis is not a PDF at "
	    "all, only a header and some text\n");
	ts_expect(ts_checkf(fx, WITH_RX("junk.pdf")), "pdf-broken", "rx");
}

static void
test_check_files__pdf_without_pages_is_broken(void **state)
{
	ts_fixture *fx = *state;
	char pdf[2048];
	size_t len = ts_pdf_bytes(pdf, sizeof(pdf), 0);
	char *count = strstr(pdf, "/Count 1");
	char *kids = strstr(pdf, "[3 0 R]");

	/* Same length, so the cross-reference table stays right. */
	assert_non_null(count);
	assert_non_null(kids);
	memcpy(count, "/Count 0", 8);
	memcpy(kids, "[     ]", 7);
	setup_claim(fx);
	ts_write_bytes(fx->dir, "blank.pdf", pdf, len);
	ts_expect(ts_checkf(fx, WITH_RX("blank.pdf")), "pdf-broken", "rx");
}

static void
test_check_files__valid_pdf_is_not_broken(void **state)
{
	ts_fixture *fx = *state;
	char pdf[2048 + 16] = "garbage line\n";
	size_t len = strlen(pdf);

	/* Readers accept a few bytes before "%PDF-" (offsets then count
	 * from the header), and so does the check. */
	len += ts_pdf_bytes(pdf + len, sizeof(pdf) - len, 0);
	setup_claim(fx);
	ts_write_bytes(fx->dir, "offset.pdf", pdf, len);
	ts_checkf(fx, WITH_RX("[x.pdf, offset.pdf]"));
	ts_expect_none(fx->report, "pdf-broken");
	ts_expect_none(fx->report, "file-type");
}

static void
test_check_files__wrong_xref_offsets_are_repaired(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	char pdf[2048];

	setup_claim(fx);
	ts_write_bytes(fx->dir, "damaged.pdf", pdf,
	    ts_pdf_bytes(pdf, sizeof(pdf), 7));
	f = ts_expect(ts_checkf(fx, WITH_RX("damaged.pdf")), "pdf-repaired",
	    "rx");
	assert_severity(f, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, "damaged.pdf (document rx) is damaged "
	    "but could be repaired");
	ts_expect_none(fx->report, "pdf-broken");
}

static void
test_check_files__valid_pdf_is_not_repaired(void **state)
{
	ts_fixture *fx = *state;

	setup_claim(fx);
	ts_checkf(fx, WITH_RX("x.pdf"));
	ts_expect_none(fx->report, "pdf-repaired");
}

/* ---- pdf-damaged, and PDFs without their header ------------------------ */

/* Writes DIR/name: an n-page PDF (n < 40) whose pages all draw the one
 * content stream `content`, with an exact cross-reference table. */
static void
write_pages_pdf(ts_fixture *fx, const char *name, int n, const char *content)
{
	char pdf[8192];
	long off[64] = { 0 }, xref;
	size_t len = 0;
	int k;

#define PUT(...) \
	(len += (size_t)snprintf(len < sizeof(pdf) ? pdf + len : NULL, \
	    len < sizeof(pdf) ? sizeof(pdf) - len : 0, __VA_ARGS__))
	PUT("%%PDF-1.4\n");
	off[1] = (long)len;
	PUT("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = (long)len;
	PUT("2 0 obj\n<< /Type /Pages /Count %d /MediaBox [0 0 595 842] "
	    "/Kids [", n);
	for (k = 0; k < n; k++)
		PUT("%d 0 R ", 10 + k);
	PUT("] >>\nendobj\n");
	off[3] = (long)len;
	PUT("3 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
	    strlen(content), content);
	for (k = 0; k < n; k++) {
		off[10 + k] = (long)len;
		PUT("%d 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 3 0 R "
		    ">>\nendobj\n", 10 + k);
	}
	xref = (long)len;
	PUT("xref\n0 %d\n0000000000 65535 f \n", 10 + n);
	for (k = 1; k < 10 + n; k++)
		if (off[k] != 0)
			PUT("%010ld 00000 n \n", off[k]);
		else
			PUT("0000000000 65535 f \n");
	PUT("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n",
	    10 + n, xref);
#undef PUT
	assert_true(len < sizeof(pdf));
	ts_write_bytes(fx->dir, name, pdf, len);
}

static void
test_check_files__damaged_page_content_is_named(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	write_pages_pdf(fx, "d.pdf", 1, "BT (text) Tj ET (abc");
	f = ts_expect(ts_checkf(fx, WITH_RX("d.pdf")), "pdf-damaged", "rx");
	assert_severity(f, CP_SEVERITY_WARNING);
	ts_assert_contains(f->message, "page 1 of d.pdf (document rx) has "
	    "damaged content (a string left open at the end of the content); "
	    "the bundle shows it as far as it can be read: check it, or get "
	    "a fresh copy");
	ts_expect_none(fx->report, "pdf-broken");
	ts_expect_none(fx->report, "pdf-repaired");
}

static void
test_check_files__damaged_pages_are_listed_then_counted(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	write_pages_pdf(fx, "three.pdf", 3, "<41 4Z> Tj");
	f = ts_expect(ts_checkf(fx, WITH_RX("three.pdf")), "pdf-damaged",
	    "rx");
	ts_assert_contains(f->message, "pages 1, 2 and 3 of three.pdf "
	    "(document rx) have damaged content (page 1: a hex string with a "
	    "character that is not hex); the bundle shows them as far as "
	    "they can be read: check them, or get a fresh copy");

	write_pages_pdf(fx, "eleven.pdf", 11, "q ] Q");
	f = ts_expect(ts_checkf(fx, WITH_RX("eleven.pdf")), "pdf-damaged",
	    "rx");
	ts_assert_contains(f->message, "pages 1, 2, 3, 4, 5, 6, 7, 8 and 3 "
	    "more of eleven.pdf (document rx) have damaged content (page 1: "
	    "a bracket that closes nothing)");
}

static void
test_check_files__stray_Q_and_open_q_are_not_damage(void **state)
{
	ts_fixture *fx = *state;

	/* qpdf --check passes such pages, and the bundle stamps them. */
	setup_claim(fx);
	write_pages_pdf(fx, "q.pdf", 2, "Q Q q q BT (x) Tj");
	ts_checkf(fx, WITH_RX("q.pdf"));
	ts_expect_none(fx->report, "pdf-damaged");
}

static void
test_check_files__pdf_without_its_header_is_repaired(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;
	char pdf[2048 + 3000];
	size_t len, i;

	/* The header line gone ... */
	setup_claim(fx);
	len = ts_pdf_bytes(pdf, sizeof(pdf), 0);
	assert_memory_equal(pdf, "%PDF-1.4\n", 9);
	ts_write_bytes(fx->dir, "nohead.pdf", pdf + 9, len - 9);
	/* ... or 3000 bytes of letters before it: more than readers look
	 * through for it. */
	for (i = 0; i < 3000; i++)
		pdf[i] = (char)('a' + (i * 7) % 26);
	len = 3000 + ts_pdf_bytes(pdf + 3000, sizeof(pdf) - 3000, 0);
	ts_write_bytes(fx->dir, "junk.pdf", pdf, len);

	ts_checkf(fx, WITH_RX("[nohead.pdf, junk.pdf]"));
	ts_expect_none(fx->report, "file-type");
	ts_expect_none(fx->report, "pdf-broken");
	f = ts_expect(fx->report, "pdf-repaired", "rx");
	ts_assert_contains(f->message, "could be repaired (can't find PDF "
	    "header)");
	assert_int_equal(ts_count(fx->report, "pdf-repaired", "rx"), 2);
}

static void
test_check_files__pdf_objects_libqpdf_cannot_read_are_broken(void **state)
{
	ts_fixture *fx = *state;
	const cp_finding *f;

	setup_claim(fx);
	ts_write_text(fx->dir, "lost.pdf", "12 0 obj\n<< /Type /Page >>\n"
	    "endobj\nand the rest of the file is lost\n");
	f = ts_expect(ts_checkf(fx, WITH_RX("lost.pdf")), "pdf-broken", "rx");
	ts_assert_contains(f->message, "lost.pdf (document rx) cannot be read "
	    "as a PDF (");
	ts_assert_contains(f->message, "download or scan the paper again");
	ts_expect_none(fx->report, "file-type");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TS_TEST(test_check_files__complete_claim_has_no_findings),
		TS_TEST(test_check_files__missing_file_is_reported),
		TS_TEST(test_check_files__missing_file_names_the_nearest),
		TS_TEST(test_check_files__path_through_a_file_is_missing),
		TS_TEST(test_check_files__files_are_found_from_the_manifest_folder),
		TS_TEST(test_check_files__symlink_loop_is_unreadable),
		TS_TEST(test_check_files__file_without_read_permission_is_unreadable),
		TS_TEST(test_check_files__read_error_is_unreadable),
		TS_TEST(test_check_files__readable_symlink_is_fine),
		TS_TEST(test_check_files__folder_for_a_paper_is_a_type_error),
		TS_TEST(test_check_files__folder_of_image_files_is_fine),
		TS_TEST(test_check_files__empty_file_is_a_type_error),
		TS_TEST(test_check_files__empty_image_file_is_a_type_error),
		TS_TEST(test_check_files__heic_photo_is_checked_as_an_image),
		TS_TEST(test_check_files__broken_zip_is_ofd_broken),
		TS_TEST(test_check_files__unknown_format_is_a_type_error),
		TS_TEST(test_check_files__fifo_is_a_type_error),
		TS_TEST(test_check_files__format_comes_from_the_bytes_not_the_name),
		TS_TEST(test_check_files__cut_or_damaged_images_are_broken),
		TS_TEST(test_check_files__whole_images_are_not_broken),
		TS_TEST(test_check_files__every_png_that_decodes_is_accepted),
		TS_TEST(test_check_files__image_files_may_be_any_format),
		TS_TEST(test_check_files__same_file_in_two_documents),
		TS_TEST(test_check_files__same_file_twice_in_one_document),
		TS_TEST(test_check_files__link_to_a_listed_file_is_a_duplicate),
		TS_TEST(test_check_files__different_files_are_not_duplicates),
		TS_TEST(test_check_files__password_protected_pdf),
		TS_TEST(test_check_files__owner_password_only_is_restricted),
		TS_TEST(test_check_files__plain_pdf_is_neither_encrypted_nor_restricted),
		TS_TEST(test_check_files__truncated_pdf_is_broken),
		TS_TEST(test_check_files__garbage_after_the_pdf_header_is_broken),
		TS_TEST(test_check_files__pdf_without_pages_is_broken),
		TS_TEST(test_check_files__valid_pdf_is_not_broken),
		TS_TEST(test_check_files__wrong_xref_offsets_are_repaired),
		TS_TEST(test_check_files__valid_pdf_is_not_repaired),
		TS_TEST(test_check_files__damaged_page_content_is_named),
		TS_TEST(test_check_files__damaged_pages_are_listed_then_counted),
		TS_TEST(test_check_files__stray_Q_and_open_q_are_not_damage),
		TS_TEST(test_check_files__pdf_without_its_header_is_repaired),
		TS_TEST(test_check_files__pdf_objects_libqpdf_cannot_read_are_broken),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
