/* results.c - the results of a verification (cp_verification): one per
 * (document, check), in order, each string a clean copy owned by the
 * object. */
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "verify/verify_int.h"

/* Longest text kept in one field of a result, in bytes. */
#define FIELD_MAX 2048

typedef struct {
	cp_verify_result pub;
	cp__vcheck check;
} entry;

struct cp_verification {
	entry *items;
	size_t count;
	size_t cap;
};

static const char *const status_names[] = {
	"valid", "invalid", "not_found", "mismatch", "unreachable",
	"bad_response", "fetched"
};

#define NSTATUS (sizeof(status_names) / sizeof(status_names[0]))

const char *
cp_verify_status_name(cp_verify_status status)
{
	if ((unsigned)status < NSTATUS)
		return status_names[status];
	return "?";
}

int
cp__verify_status_parse(cp_verify_status *out, const char *name)
{
	size_t i;

	for (i = 0; i < NSTATUS; i++)
		if (strcmp(status_names[i], name) == 0) {
			*out = (cp_verify_status)i;
			return 0;
		}
	return -1;
}

cp_verification *
cp__verification_new(void)
{
	return calloc(1, sizeof(cp_verification));
}

/*
 * A copy of `s` that is safe to print and to write as JSON: at most
 * FIELD_MAX bytes (cut between characters), bytes that are not UTF-8
 * as '?', control characters as ' '.  Texts come from the network, so
 * nothing in them may move a terminal's cursor.
 */
static char *
clean_copy(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p), i = 0, o = 0, n;
	uint32_t cp;
	char *out;

	if ((out = malloc((len < FIELD_MAX ? len : FIELD_MAX) + 1)) == NULL)
		return NULL;
	while (i < len) {
		n = cp__utf8_decode((const char *)p + i, len - i, &cp);
		if (o + (n ? n : 1) > FIELD_MAX)
			break;
		if (n == 0) {
			out[o++] = '?';
			i++;
		} else if (n == 1 && (p[i] < 0x20 || p[i] == 0x7f)) {
			out[o++] = ' ';
			i++;
		} else {
			memcpy(out + o, p + i, n);
			o += n;
			i += n;
		}
	}
	out[o] = '\0';
	return out;
}

static void
result_clear(cp_verify_result *r)
{
	free((char *)r->document);
	free((char *)r->host);
	free((char *)r->checked_at);
	free((char *)r->body_sha256);
	free((char *)r->fields_sha256);
	free((char *)r->message);
	free((char *)r->final_url);
	free((char *)r->amount);
	free((char *)r->date);
	free((char *)r->buyer);
}

int
cp__verification_add(cp_verification *v, cp__vcheck check,
    const cp_verify_result *r)
{
	entry *e, *items;
	size_t cap;

	if (v->count == v->cap) {
		cap = v->cap ? v->cap * 2 : 8;
		if ((items = realloc(v->items, cap * sizeof(*items))) == NULL)
			return CP_ENOMEM;
		v->items = items;
		v->cap = cap;
	}
	e = &v->items[v->count];
	memset(e, 0, sizeof(*e));
	e->check = check;
	e->pub.status = r->status;
	e->pub.http_status = r->http_status;
	e->pub.document = clean_copy(r->document);
	e->pub.host = clean_copy(r->host);
	e->pub.checked_at = clean_copy(r->checked_at);
	e->pub.body_sha256 = clean_copy(r->body_sha256);
	e->pub.fields_sha256 = clean_copy(r->fields_sha256);
	e->pub.message = clean_copy(r->message);
	e->pub.final_url = clean_copy(r->final_url);
	e->pub.amount = clean_copy(r->amount);
	e->pub.date = clean_copy(r->date);
	e->pub.buyer = clean_copy(r->buyer);
	if (!e->pub.document || !e->pub.host || !e->pub.checked_at ||
	    !e->pub.body_sha256 || !e->pub.fields_sha256 ||
	    !e->pub.message || !e->pub.final_url || !e->pub.amount ||
	    !e->pub.date || !e->pub.buyer) {
		result_clear(&e->pub);
		return CP_ENOMEM;
	}
	v->count++;
	return CP_OK;
}

size_t
cp_verification_count(const cp_verification *v)
{
	return v != NULL ? v->count : 0;
}

const cp_verify_result *
cp_verification_at(const cp_verification *v, size_t i)
{
	return v != NULL && i < v->count ? &v->items[i].pub : NULL;
}

cp__vcheck
cp__verification_check(const cp_verification *v, size_t i)
{
	return v->items[i].check;
}

const cp_verify_result *
cp__verification_find_check(const cp_verification *v, const char *document,
    cp__vcheck check)
{
	size_t i;

	if (v == NULL || document == NULL)
		return NULL;
	for (i = 0; i < v->count; i++)
		if (v->items[i].check == check &&
		    strcmp(v->items[i].pub.document, document) == 0)
			return &v->items[i].pub;
	return NULL;
}

const cp_verify_result *
cp_verification_find(const cp_verification *v, const char *document)
{
	return cp__verification_find_check(v, document, CP__VCHECK_SERVICE);
}

void
cp_verification_free(cp_verification *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->count; i++)
		result_clear(&v->items[i].pub);
	free(v->items);
	free(v);
}
