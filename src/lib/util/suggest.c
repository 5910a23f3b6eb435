/* suggest.c - the nearest word of a list, the nearest existing path. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/strbuf.h"
#include "util/suggest.h"
#include "util/utf8.h"
#include "util/walk.h"

/* Names read from one folder when looking for the nearest. */
#define FOLDER_NAMES_MAX 10000

static size_t
count_chars(const char *s)
{
	size_t n = 0;

	while (cp__utf8_next(&s) != 0)
		n++;
	return n;
}

/* The characters of `s`, ASCII letters in lower case, into a new array
 * of `n` (its count_chars) code points. */
static uint32_t *
folded(const char *s, size_t n)
{
	uint32_t *out = malloc((n ? n : 1) * sizeof(*out)), c;
	size_t i = 0;

	if (out == NULL)
		return NULL;
	while (i < n && (c = cp__utf8_next(&s)) != 0)
		out[i++] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
	return out;
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * The optimal string alignment distance, computed only in the band of
 * cells within `limit` of the diagonal (a path outside it costs more
 * than `limit`), over three rows of m + 1 cells.
 */
static size_t
banded_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
    size_t limit)
{
	size_t *rows, *prev2, *prev, *cur, *tmp, i, j, lo, hi, best, d;
	const size_t far = limit + 1;

	if ((rows = malloc(3 * (m + 1) * sizeof(*rows))) == NULL)
		return far;
	prev2 = rows;
	prev = rows + (m + 1);
	cur = rows + 2 * (m + 1);
	for (j = 0; j <= m; j++) {
		prev[j] = j <= limit ? j : far;
		prev2[j] = far;
	}
	for (i = 1; i <= n; i++) {
		/* |n - m| <= limit (the caller checked), so lo <= hi. */
		lo = i > limit ? i - limit : 0;
		hi = i + limit < m ? i + limit : m;
		/* The cells beside the band, which the next row reads. */
		if (lo == 0)
			cur[0] = i;
		else
			cur[lo - 1] = far;
		if (hi < m)
			cur[hi + 1] = far;
		best = lo == 0 ? cur[0] : far;
		for (j = lo > 1 ? lo : 1; j <= hi; j++) {
			d = min3(prev[j] + 1, cur[j - 1] + 1,
			    prev[j - 1] + (a[i - 1] != b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d < far ? d : far;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > limit) {
			free(rows);
			return far;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	d = prev[m];
	free(rows);
	return d <= limit ? d : far;
}

size_t
cp__edit_distance(const char *a, const char *b, size_t limit)
{
	size_t n = count_chars(a), m = count_chars(b), d;
	uint32_t *ca, *cb;

	/* Each insertion or deletion changes the length by one. */
	if ((n > m ? n - m : m - n) > limit)
		return limit + 1;
	/* No distance is above the longer length: no overflow below. */
	if (limit > n + m)
		limit = n + m;
	ca = folded(a, n);
	cb = folded(b, m);
	d = ca != NULL && cb != NULL ? banded_distance(ca, n, cb, m, limit) :
	    limit + 1;
	free(ca);
	free(cb);
	return d;
}

/* The largest distance at which a word of `len` characters is taken
 * for a slip of another (suggest.h, cp__suggest_word). */
static size_t
suggest_limit(size_t len)
{
	size_t limit = len <= 5 ? 1 : len <= 9 ? 2 : 3;

	return limit < len ? limit : len > 0 ? len - 1 : 0;
}

const char *
cp__suggest_word(const char *word, const char *const *candidates, size_t n)
{
	size_t limit = suggest_limit(count_chars(word)), i, d;
	const char *best = NULL;
	size_t best_d = limit + 1;

	for (i = 0; i < n && best_d > 0; i++) {
		if (candidates[i] == NULL)
			continue;
		d = cp__edit_distance(word, candidates[i], best_d - 1 < limit ?
		    best_d - 1 : limit);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

/* The nearest name to `part` in the folder `dir`, or NULL. */
static char *
nearest_in_folder(const char *dir, const char *part)
{
	char **names, *best = NULL;
	size_t n, i, kept = 0;
	const char *found;

	if (cp__folder_names(dir, FOLDER_NAMES_MAX, &names, &n, NULL) != 0)
		return NULL;
	/* Hidden names ("._IMG_0001.JPG", ".DS_Store") only for a part that
	 * is hidden itself; the sorted order settles ties. */
	for (i = 0; i < n; i++) {
		if (names[i][0] == '.' && part[0] != '.') {
			free(names[i]);
			continue;
		}
		names[kept++] = names[i];
	}
	found = cp__suggest_word(part, (const char *const *)names, kept);
	if (found != NULL)
		best = cp__strdup(found);
	cp__folder_names_free(names, kept);
	return best;
}

char *
cp__suggest_path(const char *base, const char *rel)
{
	cp__strbuf out = CP__STRBUF_INIT;
	char *folder, *next, *part = NULL, *near = NULL;
	const char *p = rel, *end;
	struct stat st;
	bool changed = false;

	/* `folder` is where the parts so far lead on disk; `out` the path
	 * as the manifest would write it. */
	if (rel[0] == '/') {
		folder = cp__strdup("");
		cp__strbuf_puts(&out, "/");
	} else {
		folder = cp__strdup(base);
	}
	while (folder != NULL && *p != '\0') {
		if (*p == '/') {
			p++;
			continue;
		}
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		if ((part = malloc((size_t)(end - p) + 1)) == NULL)
			break;
		memcpy(part, p, (size_t)(end - p));
		part[end - p] = '\0';
		next = cp__sprintf("%s/%s", folder, part);
		if (next == NULL)
			break;
		if (lstat(next, &st) != 0 && (errno == ENOENT ||
		    errno == ENOTDIR)) {
			free(next);
			next = NULL;
			near = nearest_in_folder(folder[0] ? folder : "/",
			    part);
			if (near == NULL ||
			    (next = cp__sprintf("%s/%s", folder, near)) ==
			    NULL)
				break;
			free(part);
			part = near;
			near = NULL;
			changed = true;
		}
		if (out.len > 0 && out.data[out.len - 1] != '/')
			cp__strbuf_puts(&out, "/");
		cp__strbuf_puts(&out, part);
		free(part);
		part = NULL;
		free(folder);
		folder = next;
		p = end;
	}
	if (folder == NULL || *p != '\0' || !changed) {
		free(part);
		free(near);
		free(folder);
		cp__strbuf_free(&out);
		return NULL;
	}
	free(folder);
	return cp__strbuf_detach(&out);
}
