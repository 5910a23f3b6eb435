/* page_content.c - a page's content streams: are they whole, and what of
 * them can be read (see page_content_int.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pdf/content_scan.h"
#include "pdf/objects_int.h"
#include "pdf/page_content_int.h"
#include "pdf/qpdf_error_int.h"
#include "util/strbuf.h"

/* What is inflated of one damaged Flate stream at most: the data before
 * the damage, not a decompression bomb. */
#define SALVAGE_MAX ((size_t)64 << 20)

/* Drops what libqpdf has pending on `q`, so that what comes next can be
 * told apart. */
static void
drain(qpdf_data q)
{
	(void)cp__qpdf_ok(q);
	while (qpdf_more_warnings(q))
		(void)qpdf_next_warning(q);
}

/* The page's /Contents: *n items, each read with content_item(). */
static qpdf_oh
contents_of(qpdf_data q, qpdf_oh page, int *n, bool *odd)
{
	qpdf_oh c = cp__oh_dict_get(q, page, "/Contents");

	*odd = false;
	if (qpdf_oh_is_array(q, c)) {
		*n = qpdf_oh_get_array_n_items(q, c);
	} else if (qpdf_oh_is_stream(q, c)) {
		*n = 1;
	} else {
		/* Missing or null: a blank page.  Anything else is what
		 * libqpdf warns about and ignores. */
		*odd = !qpdf_oh_is_null(q, c);
		*n = 0;
	}
	return c;
}

static qpdf_oh
content_item(qpdf_data q, qpdf_oh contents, int i)
{
	return qpdf_oh_is_array(q, contents) ?
	    qpdf_oh_get_array_item(q, contents, i) : contents;
}

typedef enum {
	DECODED,        /* *buf holds the stream's data */
	DECODED_WARNED, /* *buf holds what libqpdf decoded, with a warning */
	UNFILTERED,     /* libqpdf has no decoder for its filter */
	FAILED          /* decoding failed; nothing in *buf */
} decode_result;

/* Decodes content stream `s` as libqpdf does for `qpdf --check`; when it
 * is not DECODED, `why` says what went wrong. */
static decode_result
decode(qpdf_data q, qpdf_oh s, unsigned char **buf, size_t *len, char *why,
    size_t size)
{
	QPDF_BOOL filtered = QPDF_FALSE;
	char detail[200];
	bool warned;

	*buf = NULL;
	*len = 0;
	drain(q);
	if (qpdf_oh_get_stream_data(q, s, qpdf_dl_specialized, &filtered, buf,
	    len) & QPDF_ERRORS) {
		/* The reason is in the warning libqpdf gave first; the
		 * error only says that it failed. */
		if (!cp__qpdf_take_warning(q, detail, sizeof(detail)))
			cp__qpdf_take_error(q, detail, sizeof(detail));
		drain(q);
		free(*buf);
		*buf = NULL;
		*len = 0;
		snprintf(why, size, "content stream %d %d cannot be decoded "
		    "(%s)", qpdf_oh_get_object_id(q, s),
		    qpdf_oh_get_generation(q, s), detail);
		return FAILED;
	}
	warned = cp__qpdf_take_warning(q, detail, sizeof(detail));
	drain(q);
	if (!filtered) {
		free(*buf);
		*buf = NULL;
		*len = 0;
		snprintf(why, size, "content stream %d %d has a filter that "
		    "cannot be decoded", qpdf_oh_get_object_id(q, s),
		    qpdf_oh_get_generation(q, s));
		return UNFILTERED;
	}
	if (warned) {
		snprintf(why, size, "content stream %d %d is damaged (%s)",
		    qpdf_oh_get_object_id(q, s), qpdf_oh_get_generation(q, s),
		    detail);
		return DECODED_WARNED;
	}
	return DECODED;
}

static void
note(cp__page_content *out, bool wrap, const char *why)
{
	if (!out->damaged)
		snprintf(out->why, sizeof(out->why), "%s", why);
	out->damaged = true;
	out->wrap = out->wrap || wrap;
}

int
cp__page_content_scan(cp__page_content *out, qpdf_data q, qpdf_oh page)
{
	static const unsigned char newline[] = "\n";
	cp__content_scan sc;
	qpdf_oh contents, s;
	unsigned char *buf;
	size_t len;
	char why[sizeof(out->why)];
	bool need_newline = false, odd;
	int i, n;

	memset(out, 0, sizeof(*out));
	cp__content_scan_start(&sc);
	contents = contents_of(q, page, &n, &odd);
	if (odd)
		note(out, false, "its /Contents is not a content stream");
	for (i = 0; i < n && !out->wrap; i++) {
		s = content_item(q, contents, i);
		if (!qpdf_oh_is_stream(q, s)) {
			note(out, false, "its list of content streams holds "
			    "something that is not a stream");
			continue;
		}
		if (decode(q, s, &buf, &len, why, sizeof(why)) != DECODED) {
			free(buf);
			note(out, true, why);
			break;
		}
		/* libqpdf puts a newline between two streams when the
		 * first does not end with one. */
		if (need_newline)
			cp__content_scan_feed(&sc, newline, 1);
		cp__content_scan_feed(&sc, buf, len);
		need_newline = len == 0 || buf[len - 1] != '\n';
		free(buf);
	}
	drain(q);
	if (out->wrap)
		return 0;
	cp__content_scan_end(&sc);
	if (sc.damage != CP__CONTENT_WHOLE) {
		note(out, true, cp__content_damage_text(sc.damage));
		return 0;
	}
	out->wrap = sc.unbalanced || sc.open_q > CP__PAGE_MAX_OPEN_Q;
	out->open_q = sc.open_q;
	out->open_text = sc.open_text;
	return 0;
}

/* True when `s` is filtered by Flate alone without a predictor: the one
 * case where what precedes damage can be inflated here. */
static bool
plain_flate(qpdf_data q, qpdf_oh s)
{
	qpdf_oh dict = qpdf_oh_get_dict(q, s);
	qpdf_oh f = cp__oh_dict_get(q, dict, "/Filter");
	qpdf_oh p = cp__oh_dict_get(q, dict, "/DecodeParms");
	qpdf_oh pred;
	double v;

	if (qpdf_oh_is_array(q, f) && qpdf_oh_get_array_n_items(q, f) == 1)
		f = qpdf_oh_get_array_item(q, f, 0);
	if (!qpdf_oh_is_name_and_equals(q, f, "/FlateDecode"))
		return false;
	if (qpdf_oh_is_array(q, p) && qpdf_oh_get_array_n_items(q, p) == 1)
		p = qpdf_oh_get_array_item(q, p, 0);
	if (qpdf_oh_is_null(q, p))
		return true;
	pred = cp__oh_dict_get(q, p, "/Predictor");
	return qpdf_oh_is_dictionary(q, p) && (qpdf_oh_is_null(q, pred) ||
	    (qpdf_oh_get_value_as_number(q, pred, &v) && v <= 1));
}

/* Appends to `sb` what inflates of the raw data of Flate stream `s`
 * before its damage, at most SALVAGE_MAX bytes. */
static void
inflate_salvage(cp__strbuf *sb, qpdf_data q, qpdf_oh s)
{
	unsigned char *raw = NULL, out[16384];
	size_t rawlen = 0, got = 0, n;
	z_stream z;
	int zr;

	if (qpdf_oh_get_stream_data(q, s, qpdf_dl_none, NULL, &raw,
	    &rawlen) & QPDF_ERRORS) {
		free(raw);
		return;
	}
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		free(raw);
		return;
	}
	z.next_in = raw;
	/* zlib counts in uInt; a larger stream is read as far as that. */
	z.avail_in = rawlen > 0xffffffffu ? 0xffffffffu : (uInt)rawlen;
	/* Z_OK means progress; anything else (the end, damage, input
	 * cut short) ends it with what came out so far. */
	do {
		z.next_out = out;
		z.avail_out = sizeof(out);
		zr = inflate(&z, Z_SYNC_FLUSH);
		n = sizeof(out) - z.avail_out;
		if (n > SALVAGE_MAX - got)
			n = SALVAGE_MAX - got;
		cp__strbuf_add(sb, (const char *)out, n);
		got += n;
	} while (zr == Z_OK && got < SALVAGE_MAX && !sb->failed);
	inflateEnd(&z);
	free(raw);
}

int
cp__page_content_salvage(unsigned char **data, size_t *len, qpdf_data q,
    qpdf_oh page)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	qpdf_oh contents, s;
	unsigned char *buf;
	size_t blen;
	char why[64];
	bool need_newline = false, odd;
	int i, n;

	*data = NULL;
	*len = 0;
	contents = contents_of(q, page, &n, &odd);
	for (i = 0; i < n; i++) {
		s = content_item(q, contents, i);
		if (!qpdf_oh_is_stream(q, s))
			continue;
		if (need_newline)
			cp__strbuf_add(&sb, "\n", 1);
		switch (decode(q, s, &buf, &blen, why, sizeof(why))) {
		case DECODED:
		case DECODED_WARNED:
			cp__strbuf_add(&sb, (const char *)buf, blen);
			break;
		case FAILED:
			if (plain_flate(q, s))
				inflate_salvage(&sb, q, s);
			break;
		case UNFILTERED:
			break;
		}
		free(buf);
		drain(q);
		need_newline = sb.len > 0 && sb.data[sb.len - 1] != '\n';
	}
	if (sb.failed) {
		cp__strbuf_free(&sb);
		return -1;
	}
	*len = sb.len;
	*data = (unsigned char *)cp__strbuf_detach(&sb);
	if (*data == NULL)
		*len = 0;
	return 0;
}
