/* manifest.c - reading a claim manifest (claimpack: 1) into a cp_claim. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/amount.h"
#include "manifest/claim.h"
#include "manifest/doc_files.h"
#include "manifest/doctype.h"
#include "manifest/yaml.h"
#include "util/error.h"
#include "util/strbuf.h"

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

void
cp_claim_free(cp_claim *claim)
{
	size_t i;

	if (claim == NULL)
		return;
	if (claim->memo != NULL && claim->memo->free_data != NULL)
		claim->memo->free_data(claim->memo->data);
	free(claim->memo);
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

static int
read_exchange(cp__yaml *y, cp_claim *claim, struct fy_node *node)
{
	const char *why;
	struct fy_node *v;
	int rc;

	if ((rc = cp__yaml_mapping(y, node, "claim.exchange",
	    exchange_keys)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(node, "currency")) == NULL)
		return cp__yaml_fail(y, node, "claim.exchange.currency is "
		    "missing: it is required");
	if ((rc = read_currency(y, v, "claim.exchange.currency",
	    claim->exchange_currency)) != CP_OK)
		return rc;
	if ((rc = cp__yaml_required(y, node, "rate", "claim.exchange.rate",
	    &claim->exchange_rate_text)) != CP_OK)
		return rc;
	if (cp__rate_parse(&claim->exchange_rate_e8, claim->exchange_rate_text,
	    &why) != 0)
		return cp__yaml_fail(y, cp__yaml_get(node, "rate"),
		    "claim.exchange.rate \"%.40s\" %s; write the rate as a "
		    "plain decimal in quotes, e.g. \"0.1402\"",
		    claim->exchange_rate_text, why);
	if ((v = cp__yaml_get(node, "date")) == NULL)
		return cp__yaml_fail(y, node, "claim.exchange.date is missing: "
		    "it is required (the date the rate applies to)");
	if ((rc = cp__yaml_date(y, v, "claim.exchange.date",
	    &claim->exchange_date)) != CP_OK)
		return rc;
	claim->has_exchange = true;
	return CP_OK;
}

static int
read_claim_section(cp__yaml *y, cp_claim *claim, struct fy_node *node)
{
	struct fy_node *v;
	int rc;

	if (node == NULL)
		return CP_OK;
	if ((rc = cp__yaml_mapping(y, node, "claim", claim_keys)) != CP_OK)
		return rc;
	if ((rc = cp__yaml_optional(y, node, "purpose", "claim.purpose",
	    &claim->purpose)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "reference", "claim.reference",
	    &claim->reference)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "insurer", "claim.insurer",
	    &claim->insurer)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "policy", "claim.policy",
	    &claim->policy)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(node, "prepared")) != NULL) {
		if ((rc = cp__yaml_date(y, v, "claim.prepared",
		    &claim->prepared)) != CP_OK)
			return rc;
		claim->prepared_given = true;
	}
	if ((v = cp__yaml_get(node, "currency")) != NULL &&
	    (rc = read_currency(y, v, "claim.currency", claim->currency)) !=
	    CP_OK)
		return rc;
	if ((v = cp__yaml_get(node, "exchange")) != NULL &&
	    (rc = read_exchange(y, claim, v)) != CP_OK)
		return rc;
	return CP_OK;
}

static int
read_patient(cp__yaml *y, cp_claim *claim, struct fy_node *node)
{
	struct fy_node *v;
	int rc;

	if (node == NULL)
		return cp__yaml_fail(y, cp__yaml_root(y), "the patient section "
		    "is missing: it needs at least the name and passport "
		    "number as in the passport");
	if ((rc = cp__yaml_mapping(y, node, "patient", patient_keys)) != CP_OK)
		return rc;
	/* A name or passport number not yet typed is a finding
	 * (fact-missing), so that a drafted manifest can be checked. */
	if ((rc = cp__yaml_optional(y, node, "name", "patient.name",
	    &claim->patient_name)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "passport", "patient.passport",
	    &claim->passport)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(node, "birth_date")) != NULL) {
		if ((rc = cp__yaml_date(y, v, "patient.birth_date",
		    &claim->birth_date)) != CP_OK)
			return rc;
		claim->has_birth_date = true;
	}
	if ((v = cp__yaml_get(node, "aliases")) != NULL &&
	    (rc = cp__yaml_string_list(y, v, "patient.aliases", true,
	    &claim->aliases, &claim->naliases)) != CP_OK)
		return rc;
	return CP_OK;
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
	struct fy_node *v;
	char *kind = NULL;
	char what[64];
	size_t i;
	int rc;

	snprintf(what, sizeof(what), "episode %zu", idx + 1);
	if ((rc = cp__yaml_mapping(y, node, what, episode_keys)) != CP_OK)
		return rc;
	ep->pos = cp__yaml_pos(node);
	if ((v = cp__yaml_get(node, "id")) != NULL) {
		if ((rc = cp__yaml_string(y, v, "episode id", &ep->id)) != CP_OK)
			return rc;
		for (i = 0; i < idx; i++)
			if (strcmp(claim->episodes[i].id, ep->id) == 0)
				return cp__yaml_fail(y, v, "duplicate episode id "
				    "\"%.100s\": episode %zu has it already; "
				    "give each episode its own id", ep->id,
				    i + 1);
	} else if ((ep->id = cp__sprintf("e%zu", idx + 1)) == NULL) {
		return cp__yaml_nomem(y);
	}
	if ((rc = cp__yaml_required(y, node, "kind", "episode kind",
	    &kind)) != CP_OK)
		return rc;
	for (i = 0; i < CP__EPISODE_KIND_COUNT; i++)
		if (strcmp(kind, episode_kind_names[i]) == 0)
			break;
	free(kind);
	if (i == CP__EPISODE_KIND_COUNT)
		return cp__yaml_fail(y, cp__yaml_get(node, "kind"), "unknown "
		    "episode kind; use outpatient, emergency or inpatient");
	ep->kind = (cp__episode_kind)i;
	/* The hospital and the start date may be left out: fact-missing
	 * reports them (check/facts.c). */
	if ((rc = cp__yaml_optional(y, node, "hospital", "episode hospital",
	    &ep->hospital)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "hospital_zh",
	    "episode hospital_zh", &ep->hospital_zh)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(node, "start")) != NULL) {
		if ((rc = cp__yaml_date(y, v, "episode start", &ep->start)) !=
		    CP_OK)
			return rc;
		ep->has_start = true;
		ep->has_end = true;
		ep->end = ep->start;
	}
	if ((v = cp__yaml_get(node, "end")) != NULL) {
		if ((rc = cp__yaml_date(y, v, "episode end", &ep->end)) != CP_OK)
			return rc;
		ep->has_end = true;
		if (ep->has_start && ep->end < ep->start)
			return cp__yaml_fail(y, v, "episode \"%.100s\" ends "
			    "before it starts; check the start and end dates",
			    ep->id);
	}
	return CP_OK;
}

static int
read_invoice(cp__yaml *y, cp__document *doc, struct fy_node *node)
{
	cp__invoice *inv = &doc->invoice;
	char *kind = NULL;
	int rc;

	if ((rc = cp__yaml_mapping(y, node, "invoice", invoice_keys)) != CP_OK)
		return rc;
	inv->present = true;
	inv->pos = cp__yaml_pos(node);
	if (inv->pos.line == 0)
		inv->pos = doc->pos;
	if ((rc = cp__yaml_optional(y, node, "kind", "invoice.kind",
	    &kind)) != CP_OK)
		return rc;
	if (kind != NULL) {
		if (strcmp(kind, "vat") == 0) {
			inv->declared = CP__INVOICE_VAT;
		} else if (strcmp(kind, "fiscal") == 0) {
			inv->declared = CP__INVOICE_FISCAL;
		} else {
			free(kind);
			return cp__yaml_fail(y, cp__yaml_get(node, "kind"),
			    "unknown invoice.kind; use vat (增值税发票, also "
			    "数电票) or fiscal (医疗收费电子票据), or leave it "
			    "out");
		}
		free(kind);
	}
	if ((rc = cp__yaml_optional(y, node, "code", "invoice.code",
	    &inv->code)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "number", "invoice.number",
	    &inv->number)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "check_code",
	    "invoice.check_code", &inv->check_code)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "type", "invoice.type",
	    &inv->type)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "qr", "invoice.qr",
	    &inv->qr)) != CP_OK ||
	    (rc = cp__yaml_optional(y, node, "verify_url", "invoice.verify_url",
	    &inv->verify_url)) != CP_OK)
		return rc;
	strip_spaces(inv->code);
	strip_spaces(inv->number);
	strip_spaces(inv->check_code);
	return CP_OK;
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

static int
read_document(cp__yaml *y, cp_claim *claim, struct fy_node *node, size_t idx,
    struct fy_node **translation_node)
{
	cp__document *doc = &claim->documents[idx];
	struct fy_node *v;
	const char *tkey;
	char *type = NULL, *episode = NULL, what[64];
	size_t i;
	int rc, t;

	snprintf(what, sizeof(what), "document %zu", idx + 1);
	if ((rc = cp__yaml_mapping(y, node, what, document_keys)) != CP_OK)
		return rc;
	doc->pos = cp__yaml_pos(node);
	if ((v = cp__yaml_get(node, "id")) != NULL) {
		if ((rc = cp__yaml_string(y, v, "document id", &doc->id)) !=
		    CP_OK)
			return rc;
	} else if ((doc->id = cp__sprintf("d%zu", idx + 1)) == NULL) {
		return cp__yaml_nomem(y);
	}
	for (i = 0; i < idx; i++)
		if (strcmp(claim->documents[i].id, doc->id) == 0)
			return cp__yaml_fail(y, v != NULL ? v : node,
			    "duplicate document id \"%.100s\": document %zu "
			    "has it already; give each document its own id",
			    doc->id, i + 1);

	if ((rc = cp__yaml_required(y, node, "type", "document type",
	    &type)) != CP_OK)
		return rc;
	t = cp__doctype_index(type);
	if (t < 0) {
		rc = cp__yaml_fail(y, cp__yaml_get(node, "type"), "unknown "
		    "document type \"%.60s\"; run `claimpack types` for the "
		    "list", type);
		free(type);
		return rc;
	}
	free(type);
	doc->type = (size_t)t;
	tkey = cp_doctype_at(doc->type)->key;

	if ((rc = cp__yaml_optional(y, node, "episode", "document episode",
	    &episode)) != CP_OK)
		return rc;
	if (episode == NULL && claim->nepisodes > 1)
		return cp__yaml_fail(y, node, "%s (%.100s) has no episode: with "
		    "several episodes each document names its episode id",
		    what, doc->id);
	doc->episode = 0;
	if (episode != NULL) {
		for (i = 0; i < claim->nepisodes; i++)
			if (strcmp(claim->episodes[i].id, episode) == 0)
				break;
		if (i == claim->nepisodes) {
			rc = cp__yaml_fail(y, cp__yaml_get(node, "episode"),
			    "document \"%.100s\" names episode \"%.100s\", "
			    "which is not in the episodes list", doc->id,
			    episode);
			free(episode);
			return rc;
		}
		doc->episode = i;
		free(episode);
	}

	if ((v = cp__yaml_get(node, "files")) == NULL)
		return cp__yaml_fail(y, node, "document \"%.100s\" has no files: "
		    "list the scans or PDFs of the paper", doc->id);
	if ((rc = cp__doc_files_read(y, v, doc)) != CP_OK)
		return rc;
	if (doc->nfiles == 0)
		return cp__yaml_fail(y, v, "document \"%.100s\" has an empty "
		    "files list", doc->id);

	/* A paper's date, name and amount may be left out (a drafted
	 * manifest): the check fact-missing asks for those the document's
	 * type needs (check/facts.c). */
	if ((v = cp__yaml_get(node, "date")) != NULL) {
		if ((rc = cp__yaml_date(y, v, "document date", &doc->date)) !=
		    CP_OK)
			return rc;
		doc->has_date = true;
		doc->date_pos = cp__yaml_pos(v);
	}
	if ((v = cp__yaml_get(node, "name")) != NULL) {
		if ((rc = cp__yaml_string(y, v, "document name", &doc->name)) !=
		    CP_OK)
			return rc;
		doc->name_pos = cp__yaml_pos(v);
	}
	if ((rc = cp__yaml_optional(y, node, "title", "document title",
	    &doc->title)) != CP_OK)
		return rc;

	if ((v = cp__yaml_get(node, "amount")) != NULL) {
		if (doc->type != CP__DT_FAPIAO &&
		    doc->type != CP__DT_EXPENSE_LIST &&
		    doc->type != CP__DT_PAYMENT_PROOF)
			return refuse_field(y, node, "amount", tkey,
			    "fapiao, expense_list and payment_proof");
		if ((rc = cp__yaml_amount(y, v, "document amount",
		    &doc->amount)) != CP_OK)
			return rc;
		doc->has_amount = true;
	}

	if ((v = cp__yaml_get(node, "invoice")) != NULL) {
		if (doc->type != CP__DT_FAPIAO)
			return refuse_field(y, node, "invoice", tkey, "fapiao");
		if ((rc = read_invoice(y, doc, v)) != CP_OK)
			return rc;
	}

	*translation_node = cp__yaml_get(node, "translation_of");
	if (*translation_node != NULL && doc->type != CP__DT_TRANSLATION)
		return refuse_field(y, node, "translation_of", tkey,
		    "translation");
	if (*translation_node == NULL && doc->type == CP__DT_TRANSLATION)
		return cp__yaml_fail(y, node, "translation \"%.100s\" has no "
		    "translation_of: name the id of the document it "
		    "translates", doc->id);
	return CP_OK;
}

/* Links each translation to its original once every id is known. */
static int
link_translation(cp__yaml *y, cp_claim *claim, size_t idx,
    struct fy_node *node)
{
	cp__document *doc = &claim->documents[idx];
	char *target;
	size_t i;
	int rc;

	if ((rc = cp__yaml_string(y, node, "translation_of", &target)) != CP_OK)
		return rc;
	for (i = 0; i < claim->ndocuments; i++)
		if (strcmp(claim->documents[i].id, target) == 0)
			break;
	if (i == claim->ndocuments)
		rc = cp__yaml_fail(y, node, "translation \"%.100s\" is of "
		    "\"%.100s\", but no document has that id", doc->id,
		    target);
	else if (i == idx)
		rc = cp__yaml_fail(y, node, "translation \"%.100s\" names "
		    "itself as its original", doc->id);
	free(target);
	if (rc != CP_OK)
		return rc;
	doc->translation_of = i;
	doc->is_translation = true;
	return CP_OK;
}

static int
read_manifest(cp__yaml *y, cp_claim *claim)
{
	struct fy_node *root = cp__yaml_root(y), *v, *item;
	struct fy_node **translations = NULL;
	unsigned version;
	void *iter;
	size_t i, n;
	int rc;

	if ((rc = cp__yaml_mapping(y, root, "the manifest", top_keys)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "claimpack")) == NULL)
		return cp__yaml_fail(y, root, "the first line must be "
		    "\"claimpack: 1\" (the manifest format version)");
	if ((rc = cp__yaml_uint(y, v, "claimpack (the format version)", 1000,
	    &version)) != CP_OK)
		return rc;
	if (version != 1)
		return cp__yaml_fail(y, v, "manifest format version %u is not "
		    "known to claimpack %s, which reads version 1", version,
		    CP_VERSION);
	claim->version = (int)version;

	if ((rc = read_claim_section(y, claim, cp__yaml_get(root, "claim"))) !=
	    CP_OK)
		return rc;
	/* `patient:` with only comments under it (a drafted manifest whose
	 * name and passport number are still to be typed) is a patient of
	 * whom nothing is given yet: fact-missing asks for both. */
	if (!cp__yaml_no_value(root, "patient") &&
	    (rc = read_patient(y, claim, cp__yaml_get(root, "patient"))) !=
	    CP_OK)
		return rc;

	if ((v = cp__yaml_get(root, "episodes")) == NULL)
		return cp__yaml_fail(y, root, "the episodes list is missing: "
		    "name at least one visit or hospital stay");
	if ((rc = check_list(y, v, "episodes", true, &n)) != CP_OK)
		return rc;
	if ((claim->episodes = calloc(n, sizeof(*claim->episodes))) == NULL)
		return cp__yaml_nomem(y);
	iter = NULL;
	while ((item = fy_node_sequence_iterate(v, &iter)) != NULL &&
	    claim->nepisodes < n) {
		claim->nepisodes++;
		if ((rc = read_episode(y, claim, item, claim->nepisodes - 1)) !=
		    CP_OK)
			return rc;
	}

	if ((v = cp__yaml_get(root, "documents")) == NULL)
		return cp__yaml_fail(y, root, "the documents list is missing");
	if ((rc = check_list(y, v, "documents", false, &n)) != CP_OK)
		return rc;
	if ((claim->documents = calloc(n ? n : 1,
	    sizeof(*claim->documents))) == NULL ||
	    (translations = calloc(n ? n : 1, sizeof(*translations))) == NULL) {
		free(translations);
		return cp__yaml_nomem(y);
	}
	iter = NULL;
	while ((item = fy_node_sequence_iterate(v, &iter)) != NULL &&
	    claim->ndocuments < n) {
		claim->ndocuments++;
		if ((rc = read_document(y, claim, item, claim->ndocuments - 1,
		    &translations[claim->ndocuments - 1])) != CP_OK)
			goto done;
	}
	for (i = 0; i < claim->ndocuments; i++)
		if (translations[i] != NULL &&
		    (rc = link_translation(y, claim, i, translations[i])) !=
		    CP_OK)
			goto done;
	rc = CP_OK;
done:
	free(translations);
	return rc;
}

static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return cp__strdup(".");
	if (slash == path)
		return cp__strdup("/");
	if ((dir = malloc((size_t)(slash - path) + 1)) == NULL)
		return NULL;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return dir;
}

/* Loads from the file at `path`, or from `text` when it is not NULL
 * (then `path` only names it in messages and places the files). */
static int
load(cp_claim **out, const char *path, const char *text, cp_error *err)
{
	cp__yaml y;
	cp_claim *claim;
	int rc;

	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "no manifest path given");
	if ((claim = calloc(1, sizeof(*claim))) == NULL)
		return cp__error_set(err, CP_ENOMEM, path, 0, 0,
		    "out of memory");
	claim->memo = calloc(1, sizeof(*claim->memo));
	claim->manifest_path = cp__strdup(path);
	claim->base_dir = folder_of(path);
	memcpy(claim->currency, "CNY", 4);
	if (claim->memo == NULL || claim->manifest_path == NULL ||
	    claim->base_dir == NULL) {
		cp_claim_free(claim);
		return cp__error_set(err, CP_ENOMEM, path, 0, 0,
		    "out of memory");
	}
	if ((rc = cp__yaml_load(&y, path, text, CP_EMANIFEST, err)) != CP_OK) {
		cp_claim_free(claim);
		return rc;
	}
	rc = read_manifest(&y, claim);
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
	if (rc != CP_OK) {
		cp_claim_free(claim);
		return rc;
	}
	*out = claim;
	return CP_OK;
}

int
cp_claim_load(cp_claim **out, const char *path, cp_error *err)
{
	return load(out, path, NULL, err);
}

int
cp__claim_load_text(cp_claim **out, const char *path, const char *text,
    cp_error *err)
{
	return load(out, path, text, err);
}

const char *
cp__document_file(const cp__document *doc)
{
	return doc->nfiles > 0 ? doc->files[0] : "";
}
