/* test_page_content.c - reading a page's content streams with libqpdf:
 * which pages are damaged (what `check` reports), which must be drawn
 * wrapped (what `build` does so the stamp survives), what of a damaged
 * page can still be read, and that libqpdf's errors and warnings do not
 * outlive the call. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <zlib.h>

#include "pdf/page_content_int.h"
#include "pdf/qpdf_error_int.h"
#include "support.h"

/* A PDF being written in memory: objects 1 (catalog), 2 (pages), 3 (the
 * one page, whose /Contents the test gives) and 10 on (streams). */
typedef struct {
	unsigned char buf[8192];
	size_t len;
	long off[32];
} pdfw;

static void
put(pdfw *w, const void *data, size_t len)
{
	assert_true(w->len + len < sizeof(w->buf));
	memcpy(w->buf + w->len, data, len);
	w->len += len;
}

static void
putf(pdfw *w, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(tmp));
	put(w, tmp, (size_t)n);
}

static void
begin(pdfw *w, const char *contents)
{
	memset(w, 0, sizeof(*w));
	putf(w, "%%PDF-1.4\n");
	w->off[1] = (long)w->len;
	putf(w, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	w->off[2] = (long)w->len;
	putf(w, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	w->off[3] = (long)w->len;
	putf(w, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]"
	    "%s%s >>\nendobj\n", contents != NULL ? " /Contents " : "",
	    contents != NULL ? contents : "");
}

/* Stream object n with `extra` in its dictionary. */
static void
stream(pdfw *w, int n, const char *extra, const void *data, size_t len)
{
	w->off[n] = (long)w->len;
	putf(w, "%d 0 obj\n<< /Length %zu %s >>\nstream\n", n, len, extra);
	put(w, data, len);
	putf(w, "\nendstream\nendobj\n");
}

static void
text_stream(pdfw *w, int n, const char *text)
{
	stream(w, n, "", text, strlen(text));
}

/* Opens what `w` holds and gives the page. */
static qpdf_data
finish(pdfw *w, qpdf_oh *page)
{
	long xref = (long)w->len;
	qpdf_data q;
	int n;

	putf(w, "xref\n0 32\n0000000000 65535 f \n");
	for (n = 1; n < 32; n++)
		if (w->off[n] != 0)
			putf(w, "%010ld 00000 n \n", w->off[n]);
		else
			putf(w, "0000000000 65535 f \n");
	putf(w, "trailer\n<< /Size 32 /Root 1 0 R >>\nstartxref\n%ld\n"
	    "%%%%EOF\n", xref);
	q = cp__qpdf_open();
	assert_non_null(q);
	assert_false(qpdf_read_memory(q, "test", (const char *)w->buf, w->len,
	    "") & QPDF_ERRORS);
	*page = qpdf_get_page_n(q, 0);
	assert_false(qpdf_has_error(q));
	assert_false(qpdf_more_warnings(q));
	return q;
}

/* Flate data that inflates to `text`, then a block of the invalid
 * type 3. */
static size_t
broken_flate(unsigned char *out, size_t size, const char *text)
{
	z_stream z;
	size_t n;

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit(&z, 9), Z_OK);
	z.next_in = (unsigned char *)text;
	z.avail_in = (uInt)strlen(text);
	z.next_out = out;
	z.avail_out = (uInt)size - 3;
	assert_int_equal(deflate(&z, Z_FULL_FLUSH), Z_OK);
	n = z.total_out;
	out[n++] = 0x07;
	out[n++] = 0xff;
	out[n++] = 0xff;
	deflateEnd(&z);
	return n;
}

static cp__page_content
scan_of(qpdf_data q, qpdf_oh page)
{
	cp__page_content pc;

	assert_int_equal(cp__page_content_scan(&pc, q, page), 0);
	assert_false(qpdf_has_error(q));
	assert_false(qpdf_more_warnings(q));
	return pc;
}

/* The salvaged content as a string the test frees. */
static char *
salvage_of(qpdf_data q, qpdf_oh page, size_t *len)
{
	unsigned char *data;
	char *s;

	assert_int_equal(cp__page_content_salvage(&data, len, q, page), 0);
	assert_false(qpdf_has_error(q));
	assert_false(qpdf_more_warnings(q));
	s = calloc(1, *len + 1);
	assert_non_null(s);
	if (*len > 0)
		memcpy(s, data, *len);
	free(data);
	return s;
}

static void
test_page_content__streams_are_joined_as_libqpdf_joins_them(void **state)
{
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	pdfw w;

	(void)state;
	/* A string split across two streams: one token once joined. */
	begin(&w, "[10 0 R 11 0 R]");
	text_stream(&w, 10, "q BT (ab");
	text_stream(&w, 11, "c) Tj ET");
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_false(pc.damaged);
	assert_false(pc.wrap);
	assert_int_equal(pc.open_q, 1);
	assert_false(pc.open_text);
	cp__qpdf_close(&q);
}

static void
test_page_content__items_that_are_not_streams_are_damage_only(void **state)
{
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	size_t len;
	char *s;
	pdfw w;

	(void)state;
	begin(&w, "[10 0 R 42 << /A 1 >> 11 0 R]");
	text_stream(&w, 10, "BT (one) Tj ET");
	text_stream(&w, 11, "BT (two) Tj ET");
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_true(pc.damaged);
	assert_false(pc.wrap);      /* dropping them is enough */
	ts_assert_contains(pc.why, "not a stream");
	s = salvage_of(q, page, &len);
	assert_string_equal(s, "BT (one) Tj ET\nBT (two) Tj ET");
	free(s);
	cp__qpdf_close(&q);

	begin(&w, "<< /A 1 >>");
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_true(pc.damaged);
	assert_false(pc.wrap);
	cp__qpdf_close(&q);
}

static void
test_page_content__a_blank_page_is_whole(void **state)
{
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	size_t len;
	char *s;
	pdfw w;

	(void)state;
	begin(&w, NULL);
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_false(pc.damaged);
	assert_false(pc.wrap);
	s = salvage_of(q, page, &len);
	assert_int_equal(len, 0);
	free(s);
	cp__qpdf_close(&q);
}

static void
test_page_content__stray_Q_and_many_open_q_are_wrapped(void **state)
{
	char many[3 * (CP__PAGE_MAX_OPEN_Q + 1) + 1];
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	int i;
	pdfw w;

	(void)state;
	begin(&w, "10 0 R");
	text_stream(&w, 10, "BT (x) Tj ET Q Q 4 0 0 4 0 0 cm");
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_false(pc.damaged);   /* qpdf --check is fine with it */
	assert_true(pc.wrap);
	cp__qpdf_close(&q);

	for (i = 0; i <= CP__PAGE_MAX_OPEN_Q; i++)
		memcpy(many + 2 * i, "q ", 2);
	many[2 * (CP__PAGE_MAX_OPEN_Q + 1)] = '\0';
	begin(&w, "10 0 R");
	text_stream(&w, 10, many);
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_false(pc.damaged);
	assert_true(pc.wrap);
	cp__qpdf_close(&q);

	many[2 * CP__PAGE_MAX_OPEN_Q] = '\0';
	begin(&w, "10 0 R");
	text_stream(&w, 10, many);
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_false(pc.wrap);
	assert_int_equal(pc.open_q, CP__PAGE_MAX_OPEN_Q);
	cp__qpdf_close(&q);
}

static void
test_page_content__content_that_does_not_tokenise_is_damaged(void **state)
{
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	pdfw w;

	(void)state;
	begin(&w, "[10 0 R 11 0 R]");
	text_stream(&w, 10, "BT (fine) Tj ET");
	text_stream(&w, 11, "BT (abc");
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_true(pc.damaged);
	assert_true(pc.wrap);
	assert_string_equal(pc.why,
	    "a string left open at the end of the content");
	cp__qpdf_close(&q);
}

static void
test_page_content__broken_flate_keeps_what_inflates(void **state)
{
	unsigned char flate[512];
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	size_t n, len;
	char *s;
	pdfw w;

	(void)state;
	begin(&w, "[10 0 R 11 0 R]");
	n = broken_flate(flate, sizeof(flate), "BT (before the damage) Tj ET");
	stream(&w, 10, "/Filter /FlateDecode", flate, n);
	text_stream(&w, 11, "BT (next stream) Tj ET");
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_true(pc.damaged);
	assert_true(pc.wrap);
	ts_assert_contains(pc.why, "content stream 10 0 cannot be decoded (");
	ts_assert_contains(pc.why, "invalid block type");
	s = salvage_of(q, page, &len);
	assert_string_equal(s, "BT (before the damage) Tj ET\n"
	    "BT (next stream) Tj ET");
	free(s);
	cp__qpdf_close(&q);
}

static void
test_page_content__a_filter_libqpdf_lacks_is_damage(void **state)
{
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	size_t len;
	char *s;
	pdfw w;

	(void)state;
	begin(&w, "[10 0 R 11 0 R]");
	stream(&w, 10, "/Filter /NoSuchDecode", "q (x) Tj Q", 10);
	text_stream(&w, 11, "BT (kept) Tj ET");
	q = finish(&w, &page);
	pc = scan_of(q, page);
	assert_true(pc.damaged);
	assert_true(pc.wrap);
	ts_assert_contains(pc.why, "content stream 10 0 has a filter");
	s = salvage_of(q, page, &len);
	assert_string_equal(s, "BT (kept) Tj ET");
	free(s);
	cp__qpdf_close(&q);
}

static void
test_page_content__errors_pending_before_are_taken_off(void **state)
{
	cp__page_content pc;
	qpdf_oh page;
	qpdf_data q;
	pdfw w;

	(void)state;
	begin(&w, "10 0 R");
	text_stream(&w, 10, "q Q");
	q = finish(&w, &page);
	qpdf_oh_get_key(q, qpdf_oh_new_array(q), "/Type");
	assert_true(qpdf_has_error(q));
	pc = scan_of(q, page);
	assert_false(pc.damaged);
	cp__qpdf_close(&q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_page_content__streams_are_joined_as_libqpdf_joins_them),
		cmocka_unit_test(
		    test_page_content__items_that_are_not_streams_are_damage_only),
		cmocka_unit_test(test_page_content__a_blank_page_is_whole),
		cmocka_unit_test(
		    test_page_content__stray_Q_and_many_open_q_are_wrapped),
		cmocka_unit_test(
		    test_page_content__content_that_does_not_tokenise_is_damaged),
		cmocka_unit_test(
		    test_page_content__broken_flate_keeps_what_inflates),
		cmocka_unit_test(
		    test_page_content__a_filter_libqpdf_lacks_is_damage),
		cmocka_unit_test(
		    test_page_content__errors_pending_before_are_taken_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
