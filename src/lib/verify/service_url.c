/* service_url.c - the service's URL template: its placeholders {kind}
 * {code} {number} {date} {amount} {check6}, checked before anything is
 * sent and filled in with each invoice's fields. */
#include <string.h>

#include "util/error.h"
#include "verify/verify_int.h"

static const char *const placeholders[] = {
	"kind", "code", "number", "date", "amount", "check6"
};

#define NPLACEHOLDERS (sizeof(placeholders) / sizeof(placeholders[0]))

static int
placeholder_index(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NPLACEHOLDERS; i++)
		if (strlen(placeholders[i]) == len &&
		    memcmp(placeholders[i], name, len) == 0)
			return (int)i;
	return -1;
}

int
cp__service_url_check(const char *tpl, cp_error *err)
{
	const char *p, *close, *authority, *path;

	authority = strstr(tpl, "://");
	path = authority != NULL ? strpbrk(authority + 3, "/?#") : NULL;
	for (p = tpl; *p; p++) {
		if (*p == '}')
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has a '}' without '{' at \"%.32s\"", p);
		if (*p != '{')
			continue;
		if ((close = strpbrk(p + 1, "{}")) == NULL || *close == '{')
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has an unterminated brace at \"%.32s\"",
			    p);
		if (placeholder_index(p + 1, (size_t)(close - p - 1)) < 0)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has an unknown placeholder {%.*s}; the "
			    "placeholders are {kind} {code} {number} {date} "
			    "{amount} {check6}", (int)(close - p - 1 > 64 ? 64 :
			    close - p - 1), p + 1);
		if (path == NULL || p < path)
			return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "the "
			    "service URL has the placeholder %.*s before its "
			    "path; placeholders may stand only in the path and "
			    "the query", (int)(close - p + 1), p);
		p = close;
	}
	return CP_OK;
}

/* The value of placeholder number `i` among `f`'s fields. */
static const char *
placeholder_value(const cp__vfields *f, int i)
{
	switch (i) {
	case 0: return f->kind;
	case 1: return f->code;
	case 2: return f->number;
	case 3: return f->date;
	case 4: return f->amount;
	case 5: return f->check6;
	}
	return "";
}

char *
cp__service_url_expand(const char *tpl, const cp__document *doc)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const char *p = tpl, *open, *close;
	cp__vfields f;

	if (doc != NULL)
		cp__vfields_make(&f, doc);
	/* cp__service_url_check() has run: every brace pair is a
	 * placeholder. */
	while ((open = strchr(p, '{')) != NULL &&
	    (close = strchr(open, '}')) != NULL) {
		cp__strbuf_add(&sb, p, (size_t)(open - p));
		if (doc != NULL)
			cp__vfields_encode(&sb, placeholder_value(&f,
			    placeholder_index(open + 1,
			    (size_t)(close - open - 1))));
		p = close + 1;
	}
	cp__strbuf_puts(&sb, p);
	if (sb.data == NULL && !sb.failed)
		return cp__strdup("");
	return cp__strbuf_detach(&sb);
}
