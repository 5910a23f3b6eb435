/* objects.c - small helpers for libqpdf's object handles (see
 * objects_int.h). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/objects_int.h"

/* Not printf's %f, which follows LC_NUMERIC: a program that called
 * setlocale() must not get commas in its PDF. */
void
cp__pdf_format_number(char *buf, size_t size, double v)
{
	long long scaled, ip, fp;
	char frac[8];
	bool neg;
	int i;

	if (!isfinite(v) || v > 1e12 || v < -1e12)
		v = 0;
	neg = v < 0;
	scaled = (long long)((neg ? -v : v) * 10000.0 + 0.5);
	ip = scaled / 10000;
	fp = scaled % 10000;
	if (fp == 0) {
		snprintf(buf, size, "%s%lld", neg && ip != 0 ? "-" : "", ip);
		return;
	}
	snprintf(frac, sizeof(frac), "%04lld", fp);
	for (i = 3; i > 0 && frac[i] == '0'; i--)
		frac[i] = '\0';
	snprintf(buf, size, "%s%lld.%s", neg ? "-" : "", ip, frac);
}

void
cp__pdf_image_content(char *buf, size_t size, const cp__matrix *cm)
{
	char n[6][32];

	cp__pdf_format_number(n[0], sizeof(n[0]), cm->a);
	cp__pdf_format_number(n[1], sizeof(n[1]), cm->b);
	cp__pdf_format_number(n[2], sizeof(n[2]), cm->c);
	cp__pdf_format_number(n[3], sizeof(n[3]), cm->d);
	cp__pdf_format_number(n[4], sizeof(n[4]), cm->e);
	cp__pdf_format_number(n[5], sizeof(n[5]), cm->f);
	snprintf(buf, size, "q %s %s %s %s %s %s cm /Im0 Do Q\n", n[0], n[1],
	    n[2], n[3], n[4], n[5]);
}

qpdf_oh
cp__oh_new_number(qpdf_data q, double v)
{
	char buf[48];

	cp__pdf_format_number(buf, sizeof(buf), v);
	if (strchr(buf, '.') == NULL)
		return qpdf_oh_new_integer(q, strtoll(buf, NULL, 10));
	return qpdf_oh_new_real_from_string(q, buf);
}

qpdf_oh
cp__oh_dict_get(qpdf_data q, qpdf_oh d, const char *key)
{
	if (!qpdf_oh_is_dictionary(q, d))
		return qpdf_oh_new_null(q);
	return qpdf_oh_get_key(q, d, key);
}

qpdf_oh
cp__oh_array_get(qpdf_data q, qpdf_oh arr, int i)
{
	if (!qpdf_oh_is_array(q, arr) || i < 0 ||
	    i >= qpdf_oh_get_array_n_items(q, arr))
		return qpdf_oh_new_null(q);
	return qpdf_oh_get_array_item(q, arr, i);
}

qpdf_oh
cp__oh_copy_dict(qpdf_data q, qpdf_oh d)
{
	qpdf_oh fresh = qpdf_oh_new_dictionary(q);
	const char *key;

	if (!qpdf_oh_is_dictionary(q, d))
		return fresh;
	/* The key string stays valid until the next qpdf_oh_dict_next_key();
	 * get_key and replace_key copy it before using the iterator again. */
	qpdf_oh_begin_dict_key_iter(q, d);
	while (qpdf_oh_dict_more_keys(q)) {
		key = qpdf_oh_dict_next_key(q);
		qpdf_oh_replace_key(q, fresh, key, qpdf_oh_get_key(q, d, key));
	}
	return fresh;
}

qpdf_oh
cp__oh_copy_array(qpdf_data q, qpdf_oh arr)
{
	qpdf_oh fresh = qpdf_oh_new_array(q);
	int i, n;

	if (!qpdf_oh_is_array(q, arr))
		return fresh;
	n = qpdf_oh_get_array_n_items(q, arr);
	for (i = 0; i < n; i++)
		qpdf_oh_append_item(q, fresh,
		    qpdf_oh_get_array_item(q, arr, i));
	return fresh;
}

qpdf_oh
cp__oh_new_stream(qpdf_data q, const void *data, size_t len)
{
	static const unsigned char none[1];
	qpdf_oh s = qpdf_oh_new_stream(q);

	qpdf_oh_replace_stream_data(q, s, len > 0 ? data : none, len,
	    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	return s;
}

int
cp__pdf_string_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int r = memcmp(a, b, alen < blen ? alen : blen);

	if (r != 0)
		return r;
	return alen < blen ? -1 : alen > blen;
}
