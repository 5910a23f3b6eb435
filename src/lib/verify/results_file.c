/* results_file.c - the results file beside the manifest
 * (NAME.verify.json): written atomically, one result a line, and read
 * back refusing anything that is not claimpack's (docs/verify.md, "The
 * results file"). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "util/error.h"
#include "util/fsio.h"
#include "verify/verify_int.h"

/* The largest results file cp_verification_load reads. */
#define FILE_MAX (1024 * 1024)

/* How the file names each check. */
static const char *
check_name(cp__vcheck check)
{
	return check == CP__VCHECK_VERIFY_URL ? "verify_url" : "service";
}

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
	size_t i, n = cp_verification_count(v);

	cp__strbuf_puts(&sb, "{\"claimpack_verify\":1,\"results\":[");
	for (i = 0; i < n; i++) {
		r = cp_verification_at(v, i);
		cp__strbuf_puts(&sb, i ? ",\n{\"document\":" : "\n{\"document\":");
		cp__strbuf_json_string(&sb, r->document);
		json_key_string(&sb, "check",
		    check_name(cp__verification_check(v, i)));
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
	cp__strbuf_puts(&sb, n ? "\n]}\n" : "]}\n");
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

/* The text fields of a result, in the file's order. */
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
	if (strcmp(text[1], check_name(CP__VCHECK_SERVICE)) == 0)
		check = CP__VCHECK_SERVICE;
	else if (strcmp(text[1], check_name(CP__VCHECK_VERIFY_URL)) == 0)
		check = CP__VCHECK_VERIFY_URL;
	else
		return cp__error_set(err, CP_EIO, path, 0, 0, "results[%zu] has "
		    "\"check\": \"%.64s\"; expected \"service\" or "
		    "\"verify_url\"", i, text[1]);
	if (cp__verify_status_parse(&status, text[2]) != 0)
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
	if (cp__verification_find_check(v, text[0], check) != NULL)
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
	if ((rc = cp__file_read(&text, &len, path, FILE_MAX,
	    "claimpack's verification results", CP_EIO, err)) != CP_OK)
		return rc;
	if (!cp__json_depth_ok(text, len, CP__VERIFY_JSON_DEPTH)) {
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
