/* results.c - the results of invoice verification: the
 * cp_verification object, its JSON file, the invoice fields hash and the
 * findings of cp_verify_check. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "check/check.h"
#include "check/report.h"
#include "manifest/amount.h"
#include "manifest/date.h"
#include "manifest/doctype.h"
#include "manifest/invoice_id.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "verify/verify.h"
#include "util/utf8.h"

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

static int
status_from_name(cp_verify_status *out, const char *name)
{
	size_t i;

	for (i = 0; i < NSTATUS; i++)
		if (strcmp(status_names[i], name) == 0) {
			*out = (cp_verify_status)i;
			return 0;
		}
	return -1;
}

const char *
cp__vcheck_name(cp__vcheck check)
{
	return check == CP__VCHECK_VERIFY_URL ? "verify_url" : "service";
}

/* ---- the object --------------------------------------------------------- */

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

const cp_verify_result *
cp_verification_find(const cp_verification *v, const char *document)
{
	size_t i;

	if (v == NULL || document == NULL)
		return NULL;
	for (i = 0; i < v->count; i++)
		if (v->items[i].check == CP__VCHECK_SERVICE &&
		    strcmp(v->items[i].pub.document, document) == 0)
			return &v->items[i].pub;
	return NULL;
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

/* ---- small shared helpers --------------------------------------------- */

/* Writes `value` as `width` decimal digits. */
static char *
put_digits(char *p, unsigned value, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + value % 10);
		value /= 10;
	}
	return p + width;
}

void
cp__verify_timestamp(char out[21], int64_t t)
{
	/* 1970-01-01 .. 9999-12-31T23:59:59Z: four-digit years only. */
	const int64_t last = INT64_C(253402300799);
	int64_t days, secs;
	int y, mo, d;
	char *p = out;

	if (t < 0)
		t = 0;
	if (t > last)
		t = last;
	days = t / 86400;
	secs = t % 86400;
	cp__date_to_ymd((cp__date)days, &y, &mo, &d);
	p = put_digits(p, (unsigned)y, 4);
	*p++ = '-';
	p = put_digits(p, (unsigned)mo, 2);
	*p++ = '-';
	p = put_digits(p, (unsigned)d, 2);
	*p++ = 'T';
	p = put_digits(p, (unsigned)(secs / 3600), 2);
	*p++ = ':';
	p = put_digits(p, (unsigned)(secs / 60 % 60), 2);
	*p++ = ':';
	p = put_digits(p, (unsigned)(secs % 60), 2);
	*p++ = 'Z';
	*p = '\0';
}

const char *
cp__verify_kind(const cp__document *doc)
{
	cp__invoice_kind kind;

	if (!doc->invoice.present || doc->invoice.number == NULL ||
	    cp__invoice_id_classify(&kind, doc->invoice.declared,
	    doc->invoice.code, doc->invoice.number, doc->invoice.check_code,
	    NULL, 0) != 0)
		return "unknown";
	switch (kind) {
	case CP__INVOICE_VAT:
		return "vat";
	case CP__INVOICE_VAT_DIGITAL:
		return "vat-digital";
	case CP__INVOICE_FISCAL:
		return "fiscal";
	case CP__INVOICE_UNKNOWN:
		break;
	}
	return "unknown";
}

void
cp__verify_check6(char out[7], const cp__document *doc)
{
	const char *c = doc->invoice.check_code;
	size_t len = c != NULL ? strlen(c) : 0;

	snprintf(out, 7, "%s", len > 6 ? c + len - 6 : (c ? c : ""));
}

int
cp__verify_json_depth_ok(const char *json, size_t len, int max_depth)
{
	size_t i;
	int depth = 0;
	bool in_string = false;

	for (i = 0; i < len; i++) {
		if (in_string) {
			if (json[i] == '\\')
				i++;
			else if (json[i] == '"')
				in_string = false;
		} else if (json[i] == '"') {
			in_string = true;
		} else if (json[i] == '[' || json[i] == '{') {
			if (++depth > max_depth)
				return 0;
		} else if (json[i] == ']' || json[i] == '}') {
			depth--;
		}
	}
	return 1;
}

/* ---- the fields hash -------------------------------------------------- */

/* Appends "key=value\n" with the value percent-encoded as in the URL:
 * RFC 3986 unreserved characters as they are, every other byte as %XX,
 * so that no value can contain '=' or a newline. */
static void
add_field(cp__strbuf *sb, const char *key, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char esc[3];

	cp__strbuf_puts(sb, key);
	cp__strbuf_add(sb, "=", 1);
	for (p = (const unsigned char *)(value ? value : ""); *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			cp__strbuf_add(sb, (const char *)p, 1);
		} else {
			esc[0] = '%';
			esc[1] = hex[*p >> 4];
			esc[2] = hex[*p & 15];
			cp__strbuf_add(sb, esc, 3);
		}
	}
	cp__strbuf_add(sb, "\n", 1);
}

static const cp__document *
find_fapiao(const cp_claim *claim, const char *document, size_t *index)
{
	size_t i;

	if (claim == NULL || document == NULL)
		return NULL;
	for (i = 0; i < claim->ndocuments; i++)
		if (claim->documents[i].type == CP__DT_FAPIAO &&
		    strcmp(claim->documents[i].id, document) == 0) {
			if (index != NULL)
				*index = i;
			return &claim->documents[i];
		}
	return NULL;
}

int
cp_invoice_fields_sha256(char hex[65], const cp_claim *claim,
    const char *document)
{
	const cp__document *doc = find_fapiao(claim, document, NULL);
	cp__strbuf sb = CP__STRBUF_INIT;
	char date[16] = "", amount[32] = "";

	hex[0] = '\0';
	if (doc == NULL)
		return CP_EINVAL;
	if (doc->has_date)
		cp__date_format(date, sizeof(date), doc->date);
	if (doc->has_amount)
		cp__amount_format(amount, sizeof(amount), doc->amount);
	cp__strbuf_puts(&sb, "claimpack-invoice-fields/1\n");
	add_field(&sb, "kind", cp__verify_kind(doc));
	add_field(&sb, "code", doc->invoice.code);
	add_field(&sb, "number", doc->invoice.number);
	add_field(&sb, "date", date);
	add_field(&sb, "amount", amount);
	add_field(&sb, "check_code", doc->invoice.check_code);
	if (sb.failed) {
		cp__strbuf_free(&sb);
		return CP_ENOMEM;
	}
	cp__sha256_hex(hex, sb.data, sb.len);
	cp__strbuf_free(&sb);
	return CP_OK;
}

/* ---- the results file ------------------------------------------------- */

char *
cp_claim_verify_path(const cp_claim *claim)
{
	const char *path;
	size_t len;

	if (claim == NULL || claim->manifest_path == NULL)
		return NULL;
	path = claim->manifest_path;
	len = strlen(path);
	if (len > 5 && strcasecmp(path + len - 5, ".yaml") == 0)
		len -= 5;
	else if (len > 4 && strcasecmp(path + len - 4, ".yml") == 0)
		len -= 4;
	return cp__sprintf("%.*s.verify.json", (int)len, path);
}

static void
json_key_string(cp__strbuf *sb, const char *key, const char *value)
{
	cp__strbuf_printf(sb, ",\"%s\":", key);
	cp__strbuf_json_string(sb, value);
}

/* The file's text: keys always in this order, one result a line. */
static char *
results_json(const cp_verification *v)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const cp_verify_result *r;
	size_t i;

	cp__strbuf_puts(&sb, "{\"claimpack_verify\":1,\"results\":[");
	for (i = 0; i < v->count; i++) {
		r = &v->items[i].pub;
		cp__strbuf_puts(&sb, i ? ",\n{\"document\":" : "\n{\"document\":");
		cp__strbuf_json_string(&sb, r->document);
		json_key_string(&sb, "check", cp__vcheck_name(v->items[i].check));
		json_key_string(&sb, "status", cp_verify_status_name(r->status));
		json_key_string(&sb, "host", r->host);
		json_key_string(&sb, "checked_at", r->checked_at);
		cp__strbuf_printf(&sb, ",\"http_status\":%ld", r->http_status);
		json_key_string(&sb, "body_sha256", r->body_sha256);
		json_key_string(&sb, "fields_sha256", r->fields_sha256);
		json_key_string(&sb, "message", r->message);
		json_key_string(&sb, "final_url", r->final_url);
		json_key_string(&sb, "amount", r->amount);
		json_key_string(&sb, "date", r->date);
		json_key_string(&sb, "buyer", r->buyer);
		cp__strbuf_puts(&sb, "}");
	}
	cp__strbuf_puts(&sb, v->count ? "\n]}\n" : "]}\n");
	return cp__strbuf_detach(&sb);
}

int
cp_verification_write(const cp_verification *v, const char *path,
    cp_error *err)
{
	cp__atomic out;
	char *text;
	int rc;

	if (v == NULL || path == NULL || path[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verification_write needs results and a path");
	if ((text = results_json(v)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((rc = cp__atomic_open(&out, path, NULL, NULL, err)) == CP_OK &&
	    (rc = cp__atomic_write(&out, text, strlen(text), err)) == CP_OK)
		rc = cp__atomic_commit(&out, err);
	cp__atomic_free(&out);
	free(text);
	return rc;
}

static bool
is_hex64_or_empty(const char *s)
{
	size_t i;

	if (s[0] == '\0')
		return true;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[64] == '\0';
}

static bool
is_timestamp(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') :
		    s[i] != shape[i])
			return false;
	return s[i] == '\0';
}

/* The text fields of a result, in the file's order after "check". */
static const char *const text_keys[] = {
	"document", "check", "status", "host", "checked_at", "body_sha256",
	"fields_sha256", "message", "final_url", "amount", "date", "buyer"
};

#define NTEXT (sizeof(text_keys) / sizeof(text_keys[0]))

/* Validates results[i] and adds it to `v`. */
static int
load_result(cp_verification *v, json_t *item, size_t i, const char *path,
    cp_error *err)
{
	const char *text[NTEXT];
	cp_verify_result r;
	cp_verify_status status;
	cp__vcheck check;
	json_t *val;
	json_int_t code;
	size_t k;

	if (!json_is_object(item))
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] is "
		    "not an object; not claimpack's verification results", i);
	for (k = 0; k < NTEXT; k++) {
		val = json_object_get(item, text_keys[k]);
		if (!json_is_string(val))
			return cp__error_set(err, CP_EIO, path, 0, 0,
			    "results[%zu] has no text \"%s\"; not claimpack's "
			    "verification results", i, text_keys[k]);
		text[k] = json_string_value(val);
	}
	val = json_object_get(item, "http_status");
	if (!json_is_integer(val) || (code = json_integer_value(val)) < 0 ||
	    code > 999)
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] has "
		    "no \"http_status\" from 0 to 999", i);
	if (text[0][0] == '\0')
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] has "
		    "an empty \"document\"", i);
	if (strcmp(text[1], "service") == 0)
		check = CP__VCHECK_SERVICE;
	else if (strcmp(text[1], "verify_url") == 0)
		check = CP__VCHECK_VERIFY_URL;
	else
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] has "
		    "\"check\": \"%.64s\"; expected \"service\" or "
		    "\"verify_url\"", i, text[1]);
	if (status_from_name(&status, text[2]) != 0)
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] has "
		    "an unknown \"status\": \"%.64s\"", i, text[2]);
	if ((check == CP__VCHECK_SERVICE) == (status == CP_VERIFY_FETCHED) ||
	    (check == CP__VCHECK_VERIFY_URL &&
	    status != CP_VERIFY_FETCHED && status != CP_VERIFY_UNREACHABLE &&
	    status != CP_VERIFY_BAD_RESPONSE))
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu]: "
		    "status \"%s\" cannot be the outcome of check \"%s\"", i,
		    text[2], text[1]);
	if (check == CP__VCHECK_VERIFY_URL && text[8][0] == '\0')
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu]: a "
		    "verify_url result has no \"final_url\"", i);
	if (!is_timestamp(text[4]))
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] has "
		    "\"checked_at\": \"%.64s\"; expected YYYY-MM-DDTHH:MM:SSZ", i,
		    text[4]);
	if (!is_hex64_or_empty(text[5]) || !is_hex64_or_empty(text[6]))
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] has "
		    "a SHA-256 that is not 64 lowercase hexadecimal digits", i);
	for (k = 0; k < v->count; k++)
		if (v->items[k].check == check &&
		    strcmp(v->items[k].pub.document, text[0]) == 0)
			return cp__error_set(err, CP_EIO, path, 0, 0,
			    "results[%zu] repeats the %s result of document "
			    "\"%.64s\"", i, text[1], text[0]);
	memset(&r, 0, sizeof(r));
	r.document = text[0];
	r.status = status;
	r.host = text[3];
	r.checked_at = text[4];
	r.http_status = (long)code;
	r.body_sha256 = text[5];
	r.fields_sha256 = text[6];
	r.message = text[7];
	r.final_url = text[8];
	r.amount = text[9];
	r.date = text[10];
	r.buyer = text[11];
	if (cp__verification_add(v, check, &r) != CP_OK)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}

int
cp_verification_load(cp_verification **out, const char *path,
    cp_error *err)
{
	cp_verification *v = NULL;
	json_t *root = NULL, *results, *version;
	json_error_t jerr;
	size_t len = 0, i;
	char *text;
	int rc;

	*out = NULL;
	if (path == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verification_load needs a path");
	if ((rc = cp__file_read(&text, &len, path, CP__VERIFY_FILE_MAX,
	    "claimpack's verification results", CP_EIO, err)) != CP_OK)
		return rc;
	if (!cp__verify_json_depth_ok(text, len, CP__VERIFY_JSON_DEPTH)) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0, "nests deeper than "
		    "%d levels; not claimpack's verification results",
		    CP__VERIFY_JSON_DEPTH);
		goto done;
	}
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		rc = cp__error_set(err, CP_EIO, path, jerr.line > 0 ? jerr.line :
		    0, jerr.column > 0 ? jerr.column : 0, "is not valid JSON "
		    "(%s); not claimpack's verification results", jerr.text);
		goto done;
	}
	version = json_object_get(root, "claimpack_verify");
	if (!json_is_object(root) || version == NULL) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0, "is not claimpack's "
		    "verification results (no \"claimpack_verify\" key)");
		goto done;
	}
	if (!json_is_integer(version) || json_integer_value(version) != 1) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0, "has "
		    "\"claimpack_verify\" other than 1; claimpack %s reads "
		    "version 1 only", CP_VERSION);
		goto done;
	}
	results = json_object_get(root, "results");
	if (!json_is_array(results)) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0, "has no "
		    "\"results\" array; not claimpack's verification results");
		goto done;
	}
	if ((v = cp__verification_new()) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	for (i = 0; i < json_array_size(results); i++)
		if ((rc = load_result(v, json_array_get(results, i), i, path,
		    err)) != CP_OK)
			goto done;
	*out = v;
	v = NULL;
done:
	cp_verification_free(v);
	json_decref(root);
	free(text);
	return rc;
}

/* ---- findings --------------------------------------------------------- */

/* "044001500111 / 81966722", or the number alone. */
static const char *
invoice_label(char *buf, size_t size, const cp__document *doc)
{
	const cp__invoice *inv = &doc->invoice;

	snprintf(buf, size, "%s%s%s", inv->code ? inv->code : "",
	    inv->code && inv->code[0] ? " / " : "",
	    inv->number ? inv->number : "");
	return buf;
}

/* ": <message>" when the result has a message, else "". */
static const char *
colon(const char *message)
{
	return message[0] ? ": " : "";
}

static int
check_one(cp_report *report, const cp_claim *claim, size_t d,
    const cp_verification *v, int require_verified)
{
	const cp__document *doc = &claim->documents[d];
	const char *file = cp__document_file(doc), *why = NULL;
	const cp_verify_result *r = cp_verification_find(v, doc->id);
	char fields[65], label[128];
	int rc = CP_OK;

	invoice_label(label, sizeof(label), doc);
	if (r == NULL) {
		why = doc->invoice.number == NULL ? "it has no invoice number to "
		    "look up; add invoice.number from the paper" : "there is "
		    "no verification result for it; run claimpack verify";
	} else if ((rc = cp_invoice_fields_sha256(fields, claim, doc->id)) !=
	    CP_OK) {
		return rc;
	} else if (strcmp(fields, r->fields_sha256) != 0) {
		rc = cp__report_add(report, d, "invoice-verify-stale",
		    doc->id, file, "fapiao %s was edited "
		    "after it was verified on %s; run claimpack verify again",
		    doc->id, r->checked_at);
		why = "its verification result is stale; run claimpack verify "
		    "again";
	} else {
		switch (r->status) {
		case CP_VERIFY_VALID:
			break;
		case CP_VERIFY_INVALID:
			rc = cp__report_add(report, d, "invoice-invalid",
			    doc->id, file, "fapiao %s: the "
			    "verification service (%s) says invoice %s is not "
			    "valid%s%s; ask the hospital for a valid fapiao",
			    doc->id, r->host, label, colon(r->message),
			    r->message);
			break;
		case CP_VERIFY_NOT_FOUND:
			rc = cp__report_add(report, d, "invoice-not-found",
			    doc->id, file, "fapiao %s: the "
			    "verification service (%s) does not know invoice "
			    "%s%s%s; compare the code, number, date and amount "
			    "with the paper", doc->id, r->host, label,
			    colon(r->message), r->message);
			break;
		case CP_VERIFY_MISMATCH:
			rc = cp__report_add(report, d, "invoice-verify-mismatch",
			    doc->id, file, "fapiao %s: %s; "
			    "correct the manifest, or ask the hospital why the "
			    "invoice differs", doc->id, r->message);
			break;
		case CP_VERIFY_UNREACHABLE:
		case CP_VERIFY_BAD_RESPONSE:
		case CP_VERIFY_FETCHED:
			rc = cp__report_add(report, d, "invoice-unreachable",
			    doc->id, file, "fapiao %s could "
			    "not be verified on %s: %s; run claimpack verify "
			    "again later", doc->id, r->checked_at,
			    r->message[0] ? r->message : r->status ==
			    CP_VERIFY_UNREACHABLE ? "the service did not answer" :
			    "the service's answer was not usable");
			why = r->status == CP_VERIFY_UNREACHABLE ? "the service "
			    "did not answer" : "the service's answer was not "
			    "usable";
			break;
		}
	}
	if (rc == CP_OK && why != NULL && require_verified)
		rc = cp__report_add(report, d, "invoice-unverified",
		    doc->id, file, "fapiao %s is not "
		    "verified: %s", doc->id, why);
	return rc;
}

int
cp_verify_check(cp_report **out, const cp_claim *claim,
    const cp_verification *v, int require_verified, cp_error *err)
{
	cp_report *report;
	size_t d;
	int rc;

	*out = NULL;
	if (claim == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_verify_check needs a claim");
	if ((report = cp__report_new()) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (d = 0; d < claim->ndocuments; d++) {
		if (claim->documents[d].type != CP__DT_FAPIAO)
			continue;
		if ((rc = check_one(report, claim, d, v, require_verified)) !=
		    CP_OK) {
			cp_report_free(report);
			return cp__error_set(err, rc, NULL, 0, 0,
			    "out of memory");
		}
	}
	cp__report_sort(report);
	*out = report;
	return CP_OK;
}
