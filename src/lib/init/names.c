/* names.c - what the names of files and folders say about a paper: its
 * type (the words of data/paper-names.yaml), its page number ("_2"), a
 * date, and the time a phone's camera gave it (IMG_20261009_101530). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "init/init_int.h"
#include "manifest/doctype.h"
#include "manifest/template_builtin.h"
#include "manifest/yaml.h"
#include "util/error.h"
#include "util/strbuf.h"

/* ---- the table of words ---------------------------------------------- */

struct cp__init_names {
	struct {
		int type;
		char **words;
		size_t nwords;
	} *rows;
	size_t nrows;
};

void
cp__init_names_free(cp__init_names *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++)
		cp__string_list_free(t->rows[i].words, t->rows[i].nwords);
	free(t->rows);
	free(t);
}

static int
read_rows(cp__yaml *y, cp__init_names *t)
{
	static const char *const top_keys[] = { "claimpack_names", "types",
	    NULL };
	static const char *const row_keys[] = { "type", "words", NULL };
	struct fy_node *root = cp__yaml_root(y), *list, *item, *v;
	void *iter = NULL;
	char *type;
	int rc, n;

	if ((rc = cp__yaml_mapping(y, root, "the names table",
	    top_keys)) != CP_OK)
		return rc;
	if ((list = cp__yaml_get(root, "types")) == NULL)
		return cp__yaml_fail(y, root, "the types list is missing");
	if ((rc = cp__yaml_sequence(y, list, "types")) != CP_OK)
		return rc;
	n = fy_node_sequence_item_count(list);
	if ((t->rows = calloc(n > 0 ? (size_t)n : 1, sizeof(*t->rows))) ==
	    NULL)
		return cp__yaml_nomem(y);
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		if ((rc = cp__yaml_mapping(y, item, "a type's row",
		    row_keys)) != CP_OK ||
		    (rc = cp__yaml_required(y, item, "type", "type",
		    &type)) != CP_OK)
			return rc;
		t->rows[t->nrows].type = cp__doctype_index(type);
		free(type);
		if (t->rows[t->nrows].type < 0)
			return cp__yaml_fail(y, cp__yaml_get(item, "type"),
			    "unknown document type");
		if ((v = cp__yaml_get(item, "words")) == NULL)
			return cp__yaml_fail(y, item, "words are missing");
		if ((rc = cp__yaml_string_list(y, v, "words", false,
		    &t->rows[t->nrows].words,
		    &t->rows[t->nrows].nwords)) != CP_OK)
			return rc;
		t->nrows++;
	}
	return CP_OK;
}

int
cp__init_names_load(cp__init_names **out, cp_error *err)
{
	const cp__builtin_template *b;
	cp__init_names *t;
	cp__yaml y;
	int rc;

	*out = NULL;
	for (b = cp__builtin_data; b->name != NULL; b++)
		if (strcmp(b->name, "paper-names") == 0)
			break;
	if (b->name == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
		    "names table (data/paper-names.yaml) is not built in");
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((rc = cp__yaml_load(&y, "data/paper-names.yaml", b->text,
	    CP_EINVAL, err)) != CP_OK) {
		free(t);
		return rc;
	}
	rc = read_rows(&y, t);
	cp__yaml_free(&y);
	if (rc != CP_OK) {
		cp__init_names_free(t);
		return rc;
	}
	*out = t;
	return CP_OK;
}

/* Whether `word` has bytes outside ASCII letters and digits: then it is
 * looked for anywhere in the name (Chinese, "x-ray", "B超"). */
static bool
anywhere(const char *word)
{
	for (; *word; word++)
		if (!isalnum((unsigned char)*word))
			return true;
	return false;
}

/* Whether the Latin word `word` is a word of `name`, or begins one when
 * it is five letters or longer.  Words are split at what is not an
 * ASCII letter or digit, and where a lower-case letter meets an
 * upper-case one. */
static bool
has_word(const char *name, const char *word)
{
	size_t wl = strlen(word), i = 0, start, n = strlen(name);

	while (i < n) {
		while (i < n && !isalnum((unsigned char)name[i]))
			i++;
		start = i;
		while (i < n && isalnum((unsigned char)name[i]) &&
		    !(i > start && islower((unsigned char)name[i - 1]) &&
		    isupper((unsigned char)name[i])))
			i++;
		if (i - start == wl || (wl >= 5 && i - start > wl))
			if (strncasecmp(name + start, word, wl) == 0)
				return true;
	}
	return false;
}

/* Like strstr, in any case for ASCII letters. */
static bool
has_text(const char *name, const char *word)
{
	size_t wl = strlen(word);

	for (; *name; name++)
		if (strncasecmp(name, word, wl) == 0)
			return true;
	return false;
}

/* The document type a file or folder name calls, or -1.  `name` is
 * one name, not a path. */
static int
name_type(const cp__init_names *t, const char *name)
{
	size_t r, w;

	if (t == NULL || name == NULL)
		return -1;
	for (r = 0; r < t->nrows; r++)
		for (w = 0; w < t->rows[r].nwords; w++) {
			const char *word = t->rows[r].words[w];

			if (anywhere(word) ? has_text(name, word) :
			    has_word(name, word))
				return t->rows[r].type;
		}
	return -1;
}

/* ---- pages, dates and cameras ------------------------------------------- */

/* `n` digits at `s` as a number, or -1. */
static long
digits(const char *s, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A date of 1990 to 2099 written at `s` as YYYYMMDD or with one
 * separator ("-", "_", "." or none) between its parts; *len its bytes. */
static bool
date_at(const char *s, cp__date *out, size_t *len)
{
	long y, m, d;
	char sep;

	if ((y = digits(s, 4)) < 1990 || y > 2099)
		return false;
	sep = s[4];
	if (sep == '-' || sep == '_' || sep == '.') {
		/* In this order: nothing is read past a NUL. */
		if ((m = digits(s + 5, 2)) < 0 || s[7] != sep ||
		    (d = digits(s + 8, 2)) < 0)
			return false;
		*len = 10;
	} else {
		if ((m = digits(s + 4, 2)) < 0 || (d = digits(s + 6, 2)) < 0)
			return false;
		*len = 8;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31 || isdigit((unsigned char)
	    s[*len]))
		return false;
	*out = cp__date_from_ymd((int)y, (int)m, (int)d);
	return true;
}

/* The first date written in `name` (not inside a longer number). */
static bool
name_date(const char *name, cp__date *out, size_t *at, size_t *len)
{
	size_t i;

	for (i = 0; name[i]; i++) {
		if (i > 0 && isdigit((unsigned char)name[i - 1]))
			continue;
		if (isdigit((unsigned char)name[i]) &&
		    date_at(name + i, out, len)) {
			*at = i;
			return true;
		}
	}
	return false;
}

/* A camera's or a phone app's own name for a picture: IMG_1234,
 * DSC01234, P1000123, IMG_20261009_101530, PXL_..., 20261009_101530,
 * mmexport1696841234567, wx_camera_..., Screenshot_...  Sets *time
 * (seconds since 1970) when the name gives the moment it was shot. */
static bool
camera_name(const char *name, bool *has_time, int64_t *time)
{
	static const char *const prefixes[] = { "IMG", "DSC", "DSCN", "DSCF",
	    "PXL", "P", "PIC", "PHOTO", "MVIMG", "Screenshot", "mmexport",
	    "wx_camera_", "microMsg.", "CameraZOOM", "DJI", "VID", "scan",
	    NULL };
	const char *s = name;
	cp__date date;
	size_t i, at, len;
	long h, m, sec;

	*has_time = false;
	for (i = 0; prefixes[i] != NULL; i++) {
		size_t n = strlen(prefixes[i]);
		const char *p = name + n;

		if (strncasecmp(name, prefixes[i], n) != 0)
			continue;
		while (*p == '_' || *p == '-' || *p == ' ')
			p++;
		if (isdigit((unsigned char)*p)) {
			s = p;
			break;
		}
	}
	if (!isdigit((unsigned char)*s))
		return false;
	/* 13 digits: WeChat's milliseconds since 1970. */
	if (digits(s, 13) > 0 && !isdigit((unsigned char)s[13])) {
		*has_time = true;
		*time = digits(s, 10);
		return true;
	}
	if (date_at(s, &date, &len) && len == 8 && (s[8] == '_' ||
	    s[8] == '-') && (h = digits(s + 9, 2)) >= 0 && h < 24 &&
	    (m = digits(s + 11, 2)) >= 0 && m < 60 &&
	    (sec = digits(s + 13, 2)) >= 0 && sec < 60) {
		*has_time = true;
		*time = ((int64_t)date - cp__date_from_ymd(1970, 1, 1)) *
		    86400 + h * 3600 + m * 60 + sec;
		return true;
	}
	(void)at;
	/* Digits alone after a known prefix (IMG_1234, DSC01234), or a
	 * date without a time (IMG-20261009-WA0001). */
	if (s != name)
		return true;
	return name_date(name, &date, &at, &len) && at == 0;
}

/* Where the separators (" ", "_", "-", ".") before base[i] begin;
 * (size_t)-1 when a digit comes before them: the number ends a date or
 * a longer number ("lab-2026-10-04"), it is no page. */
static size_t
before_separators(const char *base, size_t i)
{
	size_t k = i;

	while (k > 0 && (base[k - 1] == '_' || base[k - 1] == '-' ||
	    base[k - 1] == ' ' || base[k - 1] == '.'))
		k--;
	if (k < i && k > 0 && isdigit((unsigned char)base[k - 1]))
		return (size_t)-1;
	return k;
}

/* The page number at the end of `base` (without its extension) and the
 * length of what comes before it: "discharge_2" (2), "出院小结 (3)",
 * "清单-p2", "report page 1", "出院小结第2页", "lab1".  0 when none.
 * A number that ends a date or a longer number is not a page. */
static int
page_number(const char *base, size_t *stem_len)
{
	size_t n = strlen(base), end = n, i;
	long page;

	if (n >= 6 && strcmp(base + n - 3, "页") == 0)
		end = n - 3;
	if (end > 0 && base[end - 1] == ')')
		end--;
	i = end;
	while (i > 0 && isdigit((unsigned char)base[i - 1]) && end - i < 4)
		i--;
	if (i == end || end - i > 3 || (i > 0 && isdigit((unsigned char)
	    base[i - 1])))
		return 0;
	page = digits(base + i, (int)(end - i));
	if (page < 1 || page > 999)
		return 0;
	if (i > 0 && base[i - 1] == '(')
		i--;
	i = before_separators(base, i);
	if (i == (size_t)-1)
		return 0;
	if (i >= 3 && strncmp(base + i - 3, "第", 3) == 0)
		i -= 3;
	else if (i >= 4 && strncasecmp(base + i - 4, "page", 4) == 0)
		i -= 4;
	else if (i >= 2 && strncasecmp(base + i - 2, "pg", 2) == 0 &&
	    (i == 2 || !isalpha((unsigned char)base[i - 3])))
		i -= 2;
	else if (i >= 1 && (base[i - 1] == 'p' || base[i - 1] == 'P') &&
	    (i == 1 || !isalpha((unsigned char)base[i - 2])))
		i -= 1;
	i = before_separators(base, i);
	if (i == (size_t)-1 || i == 0)
		return 0;
	*stem_len = i;
	return (int)page;
}

int
cp__init_name_facts(const cp__init_names *t, cp__init_file *f)
{
	const char *slash = strrchr(f->rel, '/'), *dot;
	char *base, *folders, *part, *save = NULL;
	size_t stem_len, at, len;

	base = cp__strdup(slash != NULL ? slash + 1 : f->rel);
	if (base == NULL)
		return -1;
	if ((dot = strrchr(base, '.')) != NULL && dot != base &&
	    strlen(dot) <= 6)
		base[dot - base] = '\0';
	f->name_type = name_type(t, base);
	f->has_name_date = name_date(base, &f->name_date, &at, &len);
	if (!camera_name(base, &f->has_time, &f->time)) {
		f->page = page_number(base, &stem_len);
		f->stem = f->page > 0 ? cp__sprintf("%.*s", (int)stem_len,
		    base) : NULL;
		if (f->page > 0 && f->stem == NULL) {
			free(base);
			return -1;
		}
	}
	free(base);

	/* The nearest folder that names a type. */
	f->folder_type = -1;
	if (slash != NULL) {
		if ((folders = cp__sprintf("%.*s", (int)(slash - f->rel),
		    f->rel)) == NULL)
			return -1;
		for (part = strtok_r(folders, "/", &save); part != NULL;
		    part = strtok_r(NULL, "/", &save)) {
			int type = name_type(t, part);

			if (type >= 0)
				f->folder_type = type;
		}
		free(folders);
	}
	return 0;
}
