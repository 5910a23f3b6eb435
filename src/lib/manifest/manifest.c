/* manifest.c - reading a claim manifest (claimpack: 1) into a cp_claim. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "manifest/amount.h"
#include "manifest/claim.h"
#include "manifest/doc_files.h"
#include "manifest/doctype.h"
#include "manifest/yaml.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/strbuf.h"
#include "util/suggest.h"

/* A generous bound on list lengths so that a hostile manifest cannot make
 * the checks quadratic in millions of items. */
#define MAX_ITEMS 20000

static const char *const top_keys[] = {
	"claimpack", "claim", "patient", "episodes", "documents", NULL
};
static const char *const claim_keys[] = {
	"purpose", "reference", "insurer", "policy", "prepared", "currency",
	"exchange", NULL
};
static const char *const exchange_keys[] = {
	"currency", "rate", "date", NULL
};
static const char *const patient_keys[] = {
	"name", "passport", "birth_date", "aliases", NULL
};
static const char *const episode_keys[] = {
	"id", "kind", "hospital", "hospital_zh", "start", "end", NULL
};
static const char *const document_keys[] = {
	"id", "type", "episode", "files", "date", "name", "title", "amount",
	"invoice", "translation_of", NULL
};
static const char *const invoice_keys[] = {
	"kind", "code", "number", "check_code", "type", "qr", "verify_url",
	NULL
};

static const char *const episode_kind_names[CP__EPISODE_KIND_COUNT] = {
	"outpatient", "emergency", "inpatient"
};

const char *
cp__episode_kind_name(cp__episode_kind kind)
{
	return (unsigned)kind < CP__EPISODE_KIND_COUNT ?
	    episode_kind_names[kind] : "?";
}

char *
cp__claim_file_path(const cp_claim *claim, const char *file)
{
	if (file[0] == '/' || strcmp(claim->base_dir, ".") == 0)
		return cp__strdup(file);
	return cp__sprintf("%s/%s", claim->base_dir, file);
}

const char *
cp_claim_purpose(const cp_claim *claim)
{
	return claim->purpose;
}

static void
invoice_clear(cp__invoice *inv)
{
	free(inv->code);
	free(inv->number);
	free(inv->check_code);
	free(inv->type);
	free(inv->qr);
	free(inv->verify_url);
}

cp__infiles *
cp__claim_files_use(const cp_claim *claim)
{
	return cp__infiles_use(claim != NULL ? claim->files : NULL);
}

void
cp_claim_free(cp_claim *claim)
{
	size_t i;

	if (claim == NULL)
		return;
	if (claim->memo != NULL && claim->memo->free_data != NULL)
		claim->memo->free_data(claim->memo->data);
	free(claim->memo);
	cp__infiles_free(claim->files);
	free(claim->manifest_path);
	free(claim->base_dir);
	free(claim->manifest_text);
	free(claim->purpose);
	free(claim->reference);
	free(claim->insurer);
	free(claim->policy);
	free(claim->exchange_rate_text);
	free(claim->patient_name);
	free(claim->passport);
	cp__string_list_free(claim->aliases, claim->naliases);
	for (i = 0; i < claim->nepisodes; i++) {
		free(claim->episodes[i].id);
		free(claim->episodes[i].hospital);
		free(claim->episodes[i].hospital_zh);
	}
	free(claim->episodes);
	for (i = 0; i < claim->ndocuments; i++) {
		cp__document *d = &claim->documents[i];

		free(d->id);
		cp__string_list_free(d->files, d->nfiles);
		free(d->rotate);
		free(d->name);
		free(d->title);
		invoice_clear(&d->invoice);
	}
	free(claim->documents);
	free(claim);
}

/* Reads a three-letter ISO 4217 code such as CNY into buf[4]. */
static int
read_currency(cp__yaml *y, struct fy_node *node, const char *what, char *buf)
{
	char *s;
	int rc;

	if ((rc = cp__yaml_string(y, node, what, &s)) != CP_OK)
		return rc;
	if (strlen(s) != 3 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' ||
	    s[1] > 'Z' || s[2] < 'A' || s[2] > 'Z')
		rc = cp__yaml_fail(y, node, "%s \"%.20s\" is not a currency "
		    "code; use three capital letters such as CNY, USD or EUR",
		    what, s);
	else
		memcpy(buf, s, 4);
	free(s);
	return rc;
}

/* Removes ASCII spaces from an identifier typed with grouping spaces. */
static void
strip_spaces(char *s)
{
	char *w = s;

	if (s == NULL)
		return;
	for (; *s; s++)
		if (*s != ' ')
			*w++ = *s;
	*w = '\0';
}

/*
 * Reading goes on past a content error, each recorded as it is found
 * (cp__yaml_fail), to find the next; running out of memory alone stops
 * it.  Notes `rc` in *status and says whether to stop.
 */
static bool
stop(int *status, int rc)
{
	if (rc != CP_OK && *status != CP_ENOMEM)
		*status = rc;
	return rc == CP_ENOMEM;
}

/* Whether `key` is left out of `map` (not there at all, not even with
 * no value). */
static bool
absent(struct fy_node *map, const char *key)
{
	return cp__yaml_get(map, key) == NULL && !cp__yaml_no_value(map, key);
}

/*
 * A required key left out: the error `message` at the mapping, unless a
 * key of the mapping is `key` misspelt, whose error says it already.
 */
static int
missing(cp__yaml *y, struct fy_node *map, const char *key,
    const char *const *allowed, const char *message)
{
	if (cp__yaml_misspelt(map, key, allowed))
		return y->bad_code;
	return cp__yaml_fail(y, map, "%s", message);
}

/* cp__yaml_required, quiet about a key that is there misspelt. */
static int
required(cp__yaml *y, struct fy_node *map, const char *key, const char *what,
    const char *const *allowed, char **out)
{
	*out = NULL;
	if (absent(map, key) && cp__yaml_misspelt(map, key, allowed))
		return y->bad_code;
	return cp__yaml_required(y, map, key, what, out);
}

static int
read_exchange(cp__yaml *y, cp_claim *claim, struct fy_node *node)
{
	const char *why;
	struct fy_node *v;
	int st = CP_OK, rc;

	if (stop(&st, cp__yaml_mapping(y, node, "claim.exchange",
	    exchange_keys)) || !cp__yaml_is_mapping(node))
		return st;
	if ((v = cp__yaml_get(node, "currency")) == NULL)
		rc = missing(y, node, "currency", exchange_keys,
		    "claim.exchange.currency is missing: it is required");
	else
		rc = read_currency(y, v, "claim.exchange.currency",
		    claim->exchange_currency);
	if (stop(&st, rc))
		return st;
	rc = required(y, node, "rate", "claim.exchange.rate", exchange_keys,
	    &claim->exchange_rate_text);
	if (rc == CP_OK && cp__rate_parse(&claim->exchange_rate_e8,
	    claim->exchange_rate_text, &why) != 0)
		rc = cp__yaml_fail(y, cp__yaml_get(node, "rate"),
		    "claim.exchange.rate \"%.40s\" %s; write the rate as a "
		    "plain decimal in quotes, e.g. \"0.1402\"",
		    claim->exchange_rate_text, why);
	if (stop(&st, rc))
		return st;
	if ((v = cp__yaml_get(node, "date")) == NULL)
		rc = missing(y, node, "date", exchange_keys, "claim.exchange.date "
		    "is missing: it is required (the date the rate applies "
		    "to)");
	else
		rc = cp__yaml_date(y, v, "claim.exchange.date",
		    &claim->exchange_date);
	if (stop(&st, rc))
		return st;
	claim->has_exchange = st == CP_OK;
	return st;
}

static int
read_claim_section(cp__yaml *y, cp_claim *claim, struct fy_node *node)
{
	struct fy_node *v;
	int st = CP_OK, rc;

	if (node == NULL)
		return CP_OK;
	if (stop(&st, cp__yaml_mapping(y, node, "claim", claim_keys)) ||
	    !cp__yaml_is_mapping(node))
		return st;
	if (stop(&st, cp__yaml_optional(y, node, "purpose", "claim.purpose",
	    &claim->purpose)) ||
	    stop(&st, cp__yaml_optional(y, node, "reference",
	    "claim.reference", &claim->reference)) ||
	    stop(&st, cp__yaml_optional(y, node, "insurer", "claim.insurer",
	    &claim->insurer)) ||
	    stop(&st, cp__yaml_optional(y, node, "policy", "claim.policy",
	    &claim->policy)))
		return st;
	if ((v = cp__yaml_get(node, "prepared")) != NULL) {
		rc = cp__yaml_date(y, v, "claim.prepared", &claim->prepared);
		if (stop(&st, rc))
			return st;
		claim->prepared_given = rc == CP_OK;
	}
	if ((v = cp__yaml_get(node, "currency")) != NULL &&
	    stop(&st, read_currency(y, v, "claim.currency", claim->currency)))
		return st;
	if ((v = cp__yaml_get(node, "exchange")) != NULL &&
	    stop(&st, read_exchange(y, claim, v)))
		return st;
	return st;
}

static int
read_patient(cp__yaml *y, cp_claim *claim, struct fy_node *node)
{
	struct fy_node *v;
	int st = CP_OK, rc;

	if (stop(&st, cp__yaml_mapping(y, node, "patient", patient_keys)) ||
	    !cp__yaml_is_mapping(node))
		return st;
	/* A name or passport number not yet typed is a finding
	 * (fact-missing), so that a drafted manifest can be checked. */
	if (stop(&st, cp__yaml_optional(y, node, "name", "patient.name",
	    &claim->patient_name)) ||
	    stop(&st, cp__yaml_optional(y, node, "passport",
	    "patient.passport", &claim->passport)))
		return st;
	if ((v = cp__yaml_get(node, "birth_date")) != NULL) {
		rc = cp__yaml_date(y, v, "patient.birth_date",
		    &claim->birth_date);
		if (stop(&st, rc))
			return st;
		claim->has_birth_date = rc == CP_OK;
	}
	if ((v = cp__yaml_get(node, "aliases")) != NULL &&
	    stop(&st, cp__yaml_string_list(y, v, "patient.aliases", true,
	    &claim->aliases, &claim->naliases)))
		return st;
	return st;
}

/* Checks a list's length against MAX_ITEMS; `min1` refuses empty lists. */
static int
check_list(cp__yaml *y, struct fy_node *node, const char *what, bool min1,
    size_t *count)
{
	int rc, n;

	if ((rc = cp__yaml_sequence(y, node, what)) != CP_OK)
		return rc;
	n = fy_node_sequence_item_count(node);
	if (n < 0 || (min1 && n == 0))
		return cp__yaml_fail(y, node, "%s is empty: list at least one",
		    what);
	if (n > MAX_ITEMS)
		return cp__yaml_fail(y, node, "%s has %d items; at most %d are "
		    "allowed in one claim", what, n, MAX_ITEMS);
	*count = (size_t)n;
	return CP_OK;
}

static int
read_episode(cp__yaml *y, cp_claim *claim, struct fy_node *node, size_t idx)
{
	cp__episode *ep = &claim->episodes[idx];
	const char *near;
	struct fy_node *v;
	char *kind = NULL;
	char what[64];
	size_t i;
	int st = CP_OK, rc;

	/* The id first, so that the episode has one whatever else is
	 * wrong with it: documents name it. */
	if (cp__yaml_is_mapping(node) &&
	    (v = cp__yaml_get(node, "id")) != NULL) {
		rc = cp__yaml_string(y, v, "episode id", &ep->id);
		if (stop(&st, rc))
			return st;
		for (i = 0; rc == CP_OK && i < idx; i++)
			if (strcmp(claim->episodes[i].id, ep->id) == 0 &&
			    stop(&st, cp__yaml_fail(y, v, "duplicate episode "
			    "id \"%.100s\": episode %zu has it already; give "
			    "each episode its own id", ep->id, i + 1)))
				return st;
	}
	if (ep->id == NULL && (ep->id = cp__sprintf("e%zu", idx + 1)) == NULL)
		return cp__yaml_nomem(y);

	snprintf(what, sizeof(what), "episode %zu", idx + 1);
	if (stop(&st, cp__yaml_mapping(y, node, what, episode_keys)) ||
	    !cp__yaml_is_mapping(node))
		return st;
	ep->pos = cp__yaml_pos(node);
	rc = required(y, node, "kind", "episode kind", episode_keys, &kind);
	if (stop(&st, rc))
		return st;
	for (i = 0; kind != NULL && i < CP__EPISODE_KIND_COUNT; i++)
		if (strcmp(kind, episode_kind_names[i]) == 0)
			break;
	if (kind != NULL && i == CP__EPISODE_KIND_COUNT) {
		near = cp__suggest_word(kind, episode_kind_names,
		    CP__EPISODE_KIND_COUNT);
		if (near != NULL)
			rc = cp__yaml_fail(y, cp__yaml_get(node, "kind"),
			    "unknown episode kind \"%.40s\"; did you mean "
			    "\"%s\"?", kind, near);
		else
			rc = cp__yaml_fail(y, cp__yaml_get(node, "kind"),
			    "unknown episode kind \"%.40s\"; use outpatient, "
			    "emergency or inpatient", kind);
		i = 0;
	}
	free(kind);
	if (stop(&st, rc))
		return st;
	ep->kind = (cp__episode_kind)(i < CP__EPISODE_KIND_COUNT ? i : 0);
	/* The hospital and the start date may be left out: fact-missing
	 * reports them (check/facts.c). */
	if (stop(&st, cp__yaml_optional(y, node, "hospital",
	    "episode hospital", &ep->hospital)) ||
	    stop(&st, cp__yaml_optional(y, node, "hospital_zh",
	    "episode hospital_zh", &ep->hospital_zh)))
		return st;
	if ((v = cp__yaml_get(node, "start")) != NULL) {
		rc = cp__yaml_date(y, v, "episode start", &ep->start);
		if (stop(&st, rc))
			return st;
		if (rc == CP_OK) {
			ep->has_start = true;
			ep->has_end = true;
			ep->end = ep->start;
		}
	}
	if ((v = cp__yaml_get(node, "end")) != NULL) {
		rc = cp__yaml_date(y, v, "episode end", &ep->end);
		if (stop(&st, rc))
			return st;
		if (rc == CP_OK) {
			ep->has_end = true;
			if (ep->has_start && ep->end < ep->start &&
			    stop(&st, cp__yaml_fail(y, v, "episode \"%.100s\" "
			    "ends before it starts; check the start and end "
			    "dates", ep->id)))
				return st;
		}
	}
	return st;
}

static int
read_invoice(cp__yaml *y, cp__document *doc, struct fy_node *node)
{
	cp__invoice *inv = &doc->invoice;
	char *kind = NULL;
	int st = CP_OK, rc;

	if (stop(&st, cp__yaml_mapping(y, node, "invoice", invoice_keys)) ||
	    !cp__yaml_is_mapping(node))
		return st;
	inv->present = true;
	inv->pos = cp__yaml_pos(node);
	if (inv->pos.line == 0)
		inv->pos = doc->pos;
	if (stop(&st, cp__yaml_optional(y, node, "kind", "invoice.kind",
	    &kind)))
		return st;
	if (kind != NULL) {
		if (strcmp(kind, "vat") == 0) {
			inv->declared = CP__INVOICE_VAT;
			rc = CP_OK;
		} else if (strcmp(kind, "fiscal") == 0) {
			inv->declared = CP__INVOICE_FISCAL;
			rc = CP_OK;
		} else {
			rc = cp__yaml_fail(y, cp__yaml_get(node, "kind"),
			    "unknown invoice.kind \"%.40s\"; use vat (增值税发票, "
			    "also 数电票) or fiscal (医疗收费电子票据), or leave "
			    "it out", kind);
		}
		free(kind);
		if (stop(&st, rc))
			return st;
	}
	if (stop(&st, cp__yaml_optional(y, node, "code", "invoice.code",
	    &inv->code)) ||
	    stop(&st, cp__yaml_optional(y, node, "number", "invoice.number",
	    &inv->number)) ||
	    stop(&st, cp__yaml_optional(y, node, "check_code",
	    "invoice.check_code", &inv->check_code)) ||
	    stop(&st, cp__yaml_optional(y, node, "type", "invoice.type",
	    &inv->type)) ||
	    stop(&st, cp__yaml_optional(y, node, "qr", "invoice.qr",
	    &inv->qr)) ||
	    stop(&st, cp__yaml_optional(y, node, "verify_url",
	    "invoice.verify_url", &inv->verify_url)))
		return st;
	strip_spaces(inv->code);
	strip_spaces(inv->number);
	strip_spaces(inv->check_code);
	return st;
}

/* Fields that only some document types may carry. */
static int
refuse_field(cp__yaml *y, struct fy_node *node, const char *key,
    const char *type, const char *allowed_for)
{
	struct fy_node *v = cp__yaml_get(node, key);

	if (v == NULL)
		return CP_OK;
	return cp__yaml_fail(y, v, "a document of type %s cannot have %s: "
	    "it is only for %s", type, key, allowed_for);
}

/* The first file a document lists, as written, or NULL: what names a
 * document that has no id. */
static const char *
first_file(struct fy_node *doc_node)
{
	struct fy_node *files = cp__yaml_is_mapping(doc_node) ?
	    cp__yaml_get(doc_node, "files") : NULL;
	void *iter = NULL;

	if (files != NULL && !fy_node_is_alias(files) &&
	    fy_node_get_type(files) == FYNT_SEQUENCE)
		files = fy_node_sequence_iterate(files, &iter);
	if (files == NULL || fy_node_is_alias(files) ||
	    fy_node_get_type(files) != FYNT_SCALAR)
		return NULL;
	return fy_node_get_scalar0(files);
}

/* How messages name a document (`noun` "document" or "translation"):
 * by its id when it has one, else by its place in the list and, when
 * `with_file`, its first file. */
static void
document_label(char *buf, size_t size, struct fy_node *doc_node,
    const cp__document *doc, size_t idx, const char *noun, bool with_file)
{
	const char *file = with_file ? first_file(doc_node) : NULL;

	if (cp__yaml_is_mapping(doc_node) &&
	    cp__yaml_get(doc_node, "id") != NULL && doc->id != NULL)
		snprintf(buf, size, "%s \"%.100s\"", noun, doc->id);
	else if (file != NULL)
		snprintf(buf, size, "%s %zu (%.100s)", noun, idx + 1, file);
	else
		snprintf(buf, size, "%s %zu", noun, idx + 1);
}

/* The claim's episode ids for a message: "stay, followup", the first
 * ten of more.  A new string, or NULL when out of memory. */
static char *
episode_ids(const cp_claim *claim)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	size_t i;

	for (i = 0; i < claim->nepisodes && i < 10; i++)
		cp__strbuf_printf(&sb, "%s%.40s", i ? ", " : "",
		    claim->episodes[i].id);
	if (claim->nepisodes > 10)
		cp__strbuf_printf(&sb, " and %zu more", claim->nepisodes - 10);
	return cp__strbuf_detach(&sb);
}

/* A document without an episode in a claim of several, or naming one
 * that is not there: says which ids there are. */
static int
episode_error(cp__yaml *y, const cp_claim *claim, struct fy_node *node,
    const char *label, const char *named)
{
	const char **ids, *near = NULL;
	char *list = NULL;
	size_t i;
	int rc;

	if (!cp__yaml_room(y))
		return cp__yaml_fail(y, node, "%s names no episode of the "
		    "claim", label);
	if ((list = episode_ids(claim)) == NULL)
		return cp__yaml_nomem(y);
	if (named == NULL) {
		rc = cp__yaml_fail(y, node, "%s has no episode: with several "
		    "episodes each document names its own; add \"episode:\" "
		    "with one of %s", label, list);
		free(list);
		return rc;
	}
	if ((ids = calloc(claim->nepisodes, sizeof(*ids))) == NULL) {
		free(list);
		return cp__yaml_nomem(y);
	}
	for (i = 0; i < claim->nepisodes; i++)
		ids[i] = claim->episodes[i].id;
	near = cp__suggest_word(named, ids, claim->nepisodes);
	if (near != NULL)
		rc = cp__yaml_fail(y, cp__yaml_get(node, "episode"), "%s names "
		    "episode \"%.100s\", which is not in the episodes list; "
		    "did you mean \"%.100s\"? The episode ids are: %s", label,
		    named, near, list);
	else
		rc = cp__yaml_fail(y, cp__yaml_get(node, "episode"), "%s names "
		    "episode \"%.100s\", which is not in the episodes list; "
		    "the episode ids are: %s", label, named, list);
	free(ids);
	free(list);
	return rc;
}

/* An unknown `type:`, with the types most likely meant. */
static int
type_error(cp__yaml *y, struct fy_node *node, const char *type)
{
	size_t meant[2], n;

	n = cp__yaml_room(y) ? cp__doctype_suggest(type, meant) : 0;
	if (n == 2)
		return cp__yaml_fail(y, node, "unknown document type "
		    "\"%.60s\"; did you mean %s or %s? (run `claimpack types` "
		    "for the list)", type, cp_doctype_at(meant[0])->key,
		    cp_doctype_at(meant[1])->key);
	if (n == 1)
		return cp__yaml_fail(y, node, "unknown document type "
		    "\"%.60s\"; did you mean %s? (run `claimpack types` for "
		    "the list)", type, cp_doctype_at(meant[0])->key);
	return cp__yaml_fail(y, node, "unknown document type \"%.60s\"; run "
	    "`claimpack types` for the list", type);
}

static int
read_document(cp__yaml *y, cp_claim *claim, struct fy_node *node, size_t idx,
    bool episodes_read, struct fy_node **translation_node)
{
	cp__document *doc = &claim->documents[idx];
	struct fy_node *v, *idv = NULL;
	const char *tkey = NULL;
	char *type = NULL, *episode = NULL, label[240];
	size_t i;
	int st = CP_OK, rc, t = -1;

	*translation_node = NULL;
	/* The id first, so that the document has one whatever else is
	 * wrong with it: translations name it. */
	if (cp__yaml_is_mapping(node) &&
	    (idv = cp__yaml_get(node, "id")) != NULL &&
	    stop(&st, cp__yaml_string(y, idv, "document id", &doc->id)))
		return st;
	if (doc->id == NULL && (doc->id = cp__sprintf("d%zu", idx + 1)) ==
	    NULL)
		return cp__yaml_nomem(y);

	document_label(label, sizeof(label), node, doc, idx, "document",
	    true);
	if (stop(&st, cp__yaml_mapping(y, node, label, document_keys)) ||
	    !cp__yaml_is_mapping(node))
		return st;
	doc->pos = cp__yaml_pos(node);
	for (i = 0; i < idx; i++)
		if (strcmp(claim->documents[i].id, doc->id) == 0 &&
		    stop(&st, cp__yaml_fail(y, idv != NULL ? idv : node,
		    "duplicate document id \"%.100s\": document %zu has it "
		    "already; give each document its own id", doc->id,
		    i + 1)))
			return st;

	rc = required(y, node, "type", "document type", document_keys, &type);
	if (rc == CP_OK && (t = cp__doctype_index(type)) < 0)
		rc = type_error(y, cp__yaml_get(node, "type"), type);
	free(type);
	if (stop(&st, rc))
		return st;
	if (t >= 0) {
		doc->type = (size_t)t;
		tkey = cp_doctype_at(doc->type)->key;
	}

	rc = cp__yaml_optional(y, node, "episode", "document episode",
	    &episode);
	if (stop(&st, rc))
		return st;
	if (rc == CP_OK && episodes_read) {
		for (i = 0; episode != NULL && i < claim->nepisodes; i++)
			if (strcmp(claim->episodes[i].id, episode) == 0)
				break;
		if (episode != NULL && i < claim->nepisodes)
			doc->episode = i;
		else if (episode != NULL || (claim->nepisodes > 1 &&
		    !cp__yaml_misspelt(node, "episode", document_keys)))
			rc = episode_error(y, claim, node, label, episode);
	}
	free(episode);
	if (stop(&st, rc))
		return st;

	rc = CP_OK;
	if ((v = cp__yaml_get(node, "files")) == NULL) {
		if (!absent(node, "files") || !cp__yaml_misspelt(node, "files",
		    document_keys))
			rc = cp__yaml_fail(y, node, "%s has no files: list the "
			    "scans or PDFs of the paper", label);
	} else if ((rc = cp__doc_files_read(y, v, doc)) == CP_OK &&
	    doc->nfiles == 0) {
		rc = cp__yaml_fail(y, v, "%s has an empty files list", label);
	}
	if (stop(&st, rc))
		return st;

	/* A paper's date, name and amount may be left out (a drafted
	 * manifest): the check fact-missing asks for those the document's
	 * type needs (check/facts.c). */
	if ((v = cp__yaml_get(node, "date")) != NULL) {
		rc = cp__yaml_date(y, v, "document date", &doc->date);
		if (stop(&st, rc))
			return st;
		doc->has_date = rc == CP_OK;
		doc->date_pos = cp__yaml_pos(v);
	}
	if ((v = cp__yaml_get(node, "name")) != NULL) {
		if (stop(&st, cp__yaml_string(y, v, "document name",
		    &doc->name)))
			return st;
		doc->name_pos = cp__yaml_pos(v);
	}
	if (stop(&st, cp__yaml_optional(y, node, "title", "document title",
	    &doc->title)))
		return st;

	/* What only some types may carry is refused once the type is
	 * known, and read for what it says of itself in any case. */
	if ((v = cp__yaml_get(node, "amount")) != NULL) {
		if (tkey != NULL && doc->type != CP__DT_FAPIAO &&
		    doc->type != CP__DT_EXPENSE_LIST &&
		    doc->type != CP__DT_PAYMENT_PROOF)
			rc = refuse_field(y, node, "amount", tkey,
			    "fapiao, expense_list and payment_proof");
		else
			rc = cp__yaml_amount(y, v, "document amount",
			    &doc->amount);
		if (stop(&st, rc))
			return st;
		doc->has_amount = rc == CP_OK;
	}
	if ((v = cp__yaml_get(node, "invoice")) != NULL) {
		if (tkey != NULL && doc->type != CP__DT_FAPIAO)
			rc = refuse_field(y, node, "invoice", tkey, "fapiao");
		else
			rc = read_invoice(y, doc, v);
		if (stop(&st, rc))
			return st;
	}

	v = cp__yaml_get(node, "translation_of");
	rc = CP_OK;
	if (v != NULL && tkey != NULL && doc->type != CP__DT_TRANSLATION)
		rc = refuse_field(y, node, "translation_of", tkey,
		    "translation");
	else if (v != NULL)
		*translation_node = v;
	else if (tkey != NULL && doc->type == CP__DT_TRANSLATION &&
	    !cp__yaml_misspelt(node, "translation_of", document_keys)) {
		document_label(label, sizeof(label), node, doc, idx,
		    "translation", true);
		rc = cp__yaml_fail(y, node, "%s has no translation_of: name "
		    "the id of the document it translates", label);
	}
	stop(&st, rc);
	return st;
}

/* Links each translation to its original once every id is known. */
static int
link_translation(cp__yaml *y, cp_claim *claim, size_t idx,
    struct fy_node *node)
{
	cp__document *doc = &claim->documents[idx];
	char *target, label[240];
	size_t i;
	int rc;

	if ((rc = cp__yaml_string(y, node, "translation_of", &target)) != CP_OK)
		return rc;
	document_label(label, sizeof(label), fy_node_get_parent(node), doc,
	    idx, "translation", true);
	for (i = 0; i < claim->ndocuments; i++)
		if (strcmp(claim->documents[i].id, target) == 0)
			break;
	if (i == claim->ndocuments)
		rc = cp__yaml_fail(y, node, "%s is of \"%.100s\", but no "
		    "document has that id", label, target);
	else if (i == idx)
		rc = cp__yaml_fail(y, node, "%s names itself as its original",
		    label);
	free(target);
	if (rc != CP_OK)
		return rc;
	doc->translation_of = i;
	doc->is_translation = true;
	return CP_OK;
}

/* Whether the root mapping has any key of a manifest, even misspelt:
 * a YAML file of something else gets one message, not one per key. */
static bool
looks_like_manifest(struct fy_node *root)
{
	size_t i;

	for (i = 0; top_keys[i] != NULL; i++)
		if (!absent(root, top_keys[i]) ||
		    cp__yaml_misspelt(root, top_keys[i], top_keys))
			return true;
	return false;
}

static int
read_episodes(cp__yaml *y, cp_claim *claim, struct fy_node *root,
    bool *read)
{
	struct fy_node *v, *item;
	void *iter = NULL;
	size_t n;
	int st = CP_OK, rc;

	*read = false;
	if ((v = cp__yaml_get(root, "episodes")) == NULL)
		return missing(y, root, "episodes", top_keys, "the episodes "
		    "list is missing: name at least one visit or hospital "
		    "stay");
	if ((rc = check_list(y, v, "episodes", true, &n)) != CP_OK)
		return rc;
	if ((claim->episodes = calloc(n, sizeof(*claim->episodes))) == NULL)
		return cp__yaml_nomem(y);
	while ((item = fy_node_sequence_iterate(v, &iter)) != NULL &&
	    claim->nepisodes < n) {
		claim->nepisodes++;
		if (stop(&st, read_episode(y, claim, item,
		    claim->nepisodes - 1)))
			return st;
	}
	*read = true;
	return st;
}

static int
read_documents(cp__yaml *y, cp_claim *claim, struct fy_node *root,
    bool episodes_read)
{
	struct fy_node *v, *item;
	struct fy_node **translations = NULL;
	void *iter = NULL;
	size_t i, n;
	int st = CP_OK, rc;

	if ((v = cp__yaml_get(root, "documents")) == NULL)
		return missing(y, root, "documents", top_keys, "the documents "
		    "list is missing");
	if ((rc = check_list(y, v, "documents", false, &n)) != CP_OK)
		return rc;
	if ((claim->documents = calloc(n ? n : 1,
	    sizeof(*claim->documents))) == NULL ||
	    (translations = calloc(n ? n : 1, sizeof(*translations))) == NULL) {
		free(translations);
		return cp__yaml_nomem(y);
	}
	while ((item = fy_node_sequence_iterate(v, &iter)) != NULL &&
	    claim->ndocuments < n) {
		claim->ndocuments++;
		if (stop(&st, read_document(y, claim, item,
		    claim->ndocuments - 1, episodes_read,
		    &translations[claim->ndocuments - 1])))
			goto done;
	}
	for (i = 0; i < claim->ndocuments; i++)
		if (translations[i] != NULL &&
		    stop(&st, link_translation(y, claim, i, translations[i])))
			goto done;
done:
	free(translations);
	return st;
}

static int
read_manifest(cp__yaml *y, cp_claim *claim)
{
	struct fy_node *root = cp__yaml_root(y), *v;
	unsigned version;
	bool episodes_read;
	int st = CP_OK, rc;

	if (!cp__yaml_is_mapping(root))
		return cp__yaml_mapping(y, root, "the manifest", top_keys);
	if (!looks_like_manifest(root))
		return cp__yaml_fail(y, root, "this is not a claimpack "
		    "manifest: it has none of the keys claimpack, claim, "
		    "patient, episodes and documents (docs/manifest.md)");
	if (stop(&st, cp__yaml_mapping(y, root, "the manifest", top_keys)))
		return st;
	if ((v = cp__yaml_get(root, "claimpack")) == NULL) {
		if (stop(&st, missing(y, root, "claimpack", top_keys, "the "
		    "first line must be \"claimpack: 1\" (the manifest format "
		    "version)")))
			return st;
	} else if (stop(&st, rc = cp__yaml_uint(y, v,
	    "claimpack (the format version)", 1000, &version))) {
		return st;
	} else if (rc == CP_OK && version != 1) {
		/* What another version's manifest says cannot be read. */
		return cp__yaml_fail(y, v, "manifest format version %u is not "
		    "known to claimpack %s, which reads version 1", version,
		    CP_VERSION);
	} else if (rc == CP_OK) {
		claim->version = (int)version;
	}

	if (stop(&st, read_claim_section(y, claim,
	    cp__yaml_get(root, "claim"))))
		return st;
	/* `patient:` with only comments under it (a drafted manifest whose
	 * name and passport number are still to be typed) is a patient of
	 * whom nothing is given yet: fact-missing asks for both. */
	if (cp__yaml_no_value(root, "patient"))
		rc = CP_OK;
	else if ((v = cp__yaml_get(root, "patient")) == NULL)
		rc = missing(y, root, "patient", top_keys, "the patient section "
		    "is missing: it needs at least the name and passport "
		    "number as in the passport");
	else
		rc = read_patient(y, claim, v);
	if (stop(&st, rc) ||
	    stop(&st, read_episodes(y, claim, root, &episodes_read)) ||
	    stop(&st, read_documents(y, claim, root, episodes_read)))
		return st;
	return st;
}

/*
 * When the manifest has errors, names each listed file that does not
 * exist among them, with the nearest existing path, so that one run
 * shows every mistake.  (A manifest without errors leaves that to the
 * check file-missing, whose page build --force stands in.)
 */
static int
missing_files(cp__yaml *y, const cp_claim *claim)
{
	struct fy_node *docs, *item, *files, *at;
	const cp__document *doc;
	struct stat st;
	char label[240], *path, *near;
	void *iter = NULL, *file_iter;
	size_t d = 0, i;
	int rc = CP_OK, gone;

	docs = cp__yaml_get(cp__yaml_root(y), "documents");
	if (docs == NULL || fy_node_is_alias(docs) ||
	    fy_node_get_type(docs) != FYNT_SEQUENCE)
		return CP_OK;
	while (rc != CP_ENOMEM &&
	    (item = fy_node_sequence_iterate(docs, &iter)) != NULL &&
	    d < claim->ndocuments) {
		doc = &claim->documents[d];
		files = cp__yaml_is_mapping(item) ?
		    cp__yaml_get(item, "files") : NULL;
		file_iter = NULL;
		for (i = 0; files != NULL && i < doc->nfiles &&
		    rc != CP_ENOMEM; i++) {
			/* The list's item of this file, for its place. */
			at = fy_node_get_type(files) == FYNT_SEQUENCE ?
			    fy_node_sequence_iterate(files, &file_iter) :
			    files;
			if ((path = cp__claim_file_path(claim,
			    doc->files[i])) == NULL)
				return cp__yaml_nomem(y);
			gone = stat(path, &st) != 0 && (errno == ENOENT ||
			    errno == ENOTDIR);
			free(path);
			if (!gone)
				continue;
			document_label(label, sizeof(label), item, doc, d,
			    "document", false);
			near = cp__yaml_room(y) ? cp__suggest_path(
			    claim->base_dir, doc->files[i]) : NULL;
			if (near != NULL)
				rc = cp__yaml_fail(y, at != NULL ? at : files,
				    "%.200s (%s) does not exist; did you mean "
				    "%.200s?", doc->files[i], label, near);
			else
				rc = cp__yaml_fail(y, at != NULL ? at : files,
				    "%.200s (%s) does not exist (paths are "
				    "relative to the manifest's folder)",
				    doc->files[i], label);
			free(near);
		}
		d++;
	}
	return rc == CP_ENOMEM ? rc : CP_OK;
}

/* An error found before the YAML is read: into `err` and `list`. */
static int
load_error(cp_error *err, cp_error_list *list, int code, const char *path,
    const char *message)
{
	cp_error e;

	cp__error_set(&e, code, path, 0, 0, "%s", message);
	if (err != NULL)
		*err = e;
	if (list != NULL && cp__error_list_add(list, &e) != CP_OK)
		return cp__error_set(err, CP_ENOMEM, path, 0, 0,
		    "out of memory");
	return code;
}

/* Names the claim's files to its file table (util/infile.h): those are
 * the files opened once. */
static int
add_files(cp_claim *claim, cp_error *err)
{
	size_t d, f;
	char *path;
	int rc = 0;

	for (d = 0; d < claim->ndocuments && rc == 0; d++)
		for (f = 0; f < claim->documents[d].nfiles && rc == 0; f++) {
			if ((path = cp__claim_file_path(claim,
			    claim->documents[d].files[f])) == NULL)
				rc = -1;
			else
				rc = cp__infiles_add(claim->files, path);
			free(path);
		}
	return rc == 0 ? CP_OK : cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
	    "out of memory");
}

/*
 * Loads from the file at `path`, or from `text` when it is not NULL
 * (then `path` only names it in messages and places the files); every
 * error into `list` when it is not NULL, the first into `err`.
 */
static int
load(cp_claim **out, const char *path, const char *text, cp_error *err,
    cp_error_list *list)
{
	cp__yaml y;
	cp_claim *claim;
	int rc;

	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return load_error(err, list, CP_EINVAL, NULL,
		    "no manifest path given");
	if ((claim = calloc(1, sizeof(*claim))) == NULL)
		return load_error(err, list, CP_ENOMEM, path, "out of memory");
	claim->memo = calloc(1, sizeof(*claim->memo));
	claim->files = cp__infiles_new();
	claim->manifest_path = cp__strdup(path);
	claim->base_dir = cp__path_folder(path);
	memcpy(claim->currency, "CNY", 4);
	if (claim->memo == NULL || claim->files == NULL ||
	    claim->manifest_path == NULL ||
	    claim->base_dir == NULL) {
		cp_claim_free(claim);
		return load_error(err, list, CP_ENOMEM, path, "out of memory");
	}
	if ((rc = cp__yaml_load_errors(&y, path, text, CP_EMANIFEST, err,
	    list)) != CP_OK) {
		cp_claim_free(claim);
		return rc;
	}
	rc = read_manifest(&y, claim);
	if (rc != CP_ENOMEM && y.nerrors > 0)
		rc = missing_files(&y, claim);
	if (rc != CP_ENOMEM)
		rc = y.nerrors > 0 ? CP_EMANIFEST : CP_OK;
	/* Keep the bytes that were checked: the bundle hashes and attaches
	 * exactly these, even if the file changes meanwhile. */
	if (y.text != NULL) {
		claim->manifest_text = y.text;
		claim->manifest_len = y.text_len;
		y.text = NULL;
	} else if ((claim->manifest_text = cp__strdup(text)) != NULL) {
		claim->manifest_len = strlen(text);
	} else if (rc == CP_OK) {
		rc = cp__error_set(err, CP_ENOMEM, path, 0, 0, "out of memory");
	}
	cp__yaml_free(&y);
	if (rc == CP_OK && claim->purpose == NULL &&
	    (claim->purpose = cp__strdup("reimbursement")) == NULL)
		rc = cp__error_set(err, CP_ENOMEM, path, 0, 0, "out of memory");
	if (rc == CP_OK && !claim->prepared_given)
		claim->prepared = cp__date_today();
	if (rc == CP_OK)
		rc = add_files(claim, err);
	if (rc != CP_OK) {
		cp_claim_free(claim);
		return rc;
	}
	*out = claim;
	return CP_OK;
}

/* load() with a list made for the caller: on failure *errors holds it,
 * in the order of the file (NULL after running out of memory). */
static int
load_listing(cp_claim **out, const char *path, const char *text,
    cp_error *err, cp_error_list **errors)
{
	cp_error_list *list;
	int rc;

	*errors = NULL;
	if ((list = cp__error_list_new()) == NULL) {
		*out = NULL;
		return cp__error_set(err, CP_ENOMEM, path, 0, 0,
		    "out of memory");
	}
	rc = load(out, path, text, err, list);
	if (rc == CP_OK || rc == CP_ENOMEM || cp_error_list_count(list) == 0) {
		cp_error_list_free(list);
		return rc;
	}
	cp__error_list_sort(list);
	*errors = list;
	return rc;
}

int
cp_claim_load(cp_claim **out, const char *path, cp_error *err)
{
	return load(out, path, NULL, err, NULL);
}

int
cp_claim_load_errors(cp_claim **out, const char *path,
    cp_error_list **errors)
{
	cp_error_list *list = NULL;
	int rc = load_listing(out, path, NULL, NULL, &list);

	if (errors != NULL)
		*errors = list;
	else
		cp_error_list_free(list);
	return rc;
}

int
cp__claim_load_text(cp_claim **out, const char *path, const char *text,
    cp_error *err)
{
	return load(out, path, text, err, NULL);
}

int
cp__claim_load_text_errors(cp_claim **out, const char *path,
    const char *text, cp_error *err, cp_error_list **errors)
{
	return load_listing(out, path, text, err, errors);
}

const char *
cp__document_file(const cp__document *doc)
{
	return doc->nfiles > 0 ? doc->files[0] : "";
}
