/* template.c - reading bundle templates (built-in or from a file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest/doctype.h"
#include "manifest/template.h"
#include "manifest/template_builtin.h"
#include "manifest/yaml.h"
#include "util/error.h"
#include "util/strbuf.h"

#define MAX_GRACE_DAYS 3650

static const char *const template_keys[] = {
	"claimpack_template", "name", "title", "grace_days",
	"dated_after_stay", "sections", "required", "recommended", "desks",
	NULL
};
static const char *const title_keys[] = { "en", "zh", NULL };
static const char *const section_keys[] = { "en", "zh", "types", NULL };
static const char *const desk_keys[] = { "zh", "en", "types", NULL };
static const char *const kind_keys[] = {
	"outpatient", "emergency", "inpatient", NULL
};

static const char *const builtin_names[] = {
	"reimbursement", "employer", "cover-sheet", NULL
};

const char *const *
cp_template_builtin_names(void)
{
	return builtin_names;
}

const char *
cp_template_name(const cp_template *tpl)
{
	return tpl->name;
}

static void
requirements_clear(cp__requirement_list *list)
{
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

void
cp_template_free(cp_template *tpl)
{
	size_t i;

	if (tpl == NULL)
		return;
	free(tpl->name);
	free(tpl->source);
	free(tpl->title_en);
	free(tpl->title_zh);
	for (i = 0; i < tpl->nsections; i++) {
		free(tpl->sections[i].en);
		free(tpl->sections[i].zh);
		free(tpl->sections[i].order);
	}
	free(tpl->sections);
	for (i = 0; i < CP__EPISODE_KIND_COUNT; i++) {
		requirements_clear(&tpl->required[i]);
		requirements_clear(&tpl->recommended[i]);
	}
	for (i = 0; i < tpl->ndesks; i++) {
		free(tpl->desks[i].key);
		free(tpl->desks[i].en);
		free(tpl->desks[i].zh);
	}
	free(tpl->desks);
	free(tpl);
}

/* Reads one document type key at `node` into its index. */
static int
read_type(cp__yaml *y, struct fy_node *node, const char *what, size_t *out)
{
	char *key;
	int rc, t;

	if ((rc = cp__yaml_string(y, node, what, &key)) != CP_OK)
		return rc;
	t = cp__doctype_index(key);
	if (t < 0)
		rc = cp__yaml_fail(y, node, "unknown document type \"%.60s\" in "
		    "%s; run `claimpack types` for the list", key, what);
	else
		*out = (size_t)t;
	free(key);
	return rc;
}

/* Reads a list of document types into a set (and an ordered array).  A
 * type of `taken` is one an earlier `group` ("section") has already. */
static int
read_types(cp__yaml *y, struct fy_node *node, const char *what,
    const char *group, cp__typeset taken, cp__typeset *set, size_t **order,
    size_t *norder)
{
	struct fy_node *item;
	void *iter = NULL;
	size_t t, n;
	int rc;

	*set = 0;
	if ((rc = cp__yaml_sequence(y, node, what)) != CP_OK)
		return rc;
	n = (size_t)fy_node_sequence_item_count(node);
	if (n > cp_doctype_count())
		return cp__yaml_fail(y, node, "%s lists %zu types; there are "
		    "only %zu", what, n, cp_doctype_count());
	if (order != NULL) {
		*norder = 0;
		if ((*order = calloc(n ? n : 1, sizeof(**order))) == NULL)
			return cp__yaml_nomem(y);
	}
	while ((item = fy_node_sequence_iterate(node, &iter)) != NULL) {
		if ((rc = read_type(y, item, what, &t)) != CP_OK)
			return rc;
		if (*set & (1u << t))
			return cp__yaml_fail(y, item, "%s lists %s twice", what,
			    cp_doctype_at(t)->key);
		if (taken & (1u << t))
			return cp__yaml_fail(y, item, "%s lists %s, which an "
			    "earlier %s has already; each type goes in "
			    "one %s", what, cp_doctype_at(t)->key, group,
			    group);
		*set |= 1u << t;
		if (order != NULL)
			(*order)[(*norder)++] = t;
	}
	return CP_OK;
}

static int
read_title(cp__yaml *y, struct fy_node *node, const char *what, char **en,
    char **zh)
{
	int rc;

	if ((rc = cp__yaml_mapping(y, node, what, title_keys)) != CP_OK)
		return rc;
	if ((rc = cp__yaml_required(y, node, "en", what, en)) != CP_OK)
		return rc;
	return cp__yaml_required(y, node, "zh", what, zh);
}

static int
read_sections(cp__yaml *y, cp_template *tpl, struct fy_node *node)
{
	struct fy_node *item;
	cp__typeset seen = 0, all;
	void *iter = NULL;
	size_t n, i;
	int rc;

	if ((rc = cp__yaml_sequence(y, node, "sections")) != CP_OK)
		return rc;
	n = (size_t)fy_node_sequence_item_count(node);
	if (n == 0 || n > cp_doctype_count())
		return cp__yaml_fail(y, node, "sections must list from 1 to %zu "
		    "sections", cp_doctype_count());
	/* One more for "Other documents", holding the types left out. */
	if ((tpl->sections = calloc(n + 1, sizeof(*tpl->sections))) == NULL)
		return cp__yaml_nomem(y);
	while ((item = fy_node_sequence_iterate(node, &iter)) != NULL) {
		cp__section *sec = &tpl->sections[tpl->nsections++];

		if ((rc = cp__yaml_mapping(y, item, "a section",
		    section_keys)) != CP_OK ||
		    (rc = cp__yaml_required(y, item, "en", "section en",
		    &sec->en)) != CP_OK ||
		    (rc = cp__yaml_required(y, item, "zh", "section zh",
		    &sec->zh)) != CP_OK)
			return rc;
		if (cp__yaml_get(item, "types") == NULL)
			return cp__yaml_fail(y, item, "section \"%.80s\" has no "
			    "types list", sec->en);
		if ((rc = read_types(y, cp__yaml_get(item, "types"),
		    "section types", "section", seen, &sec->types, &sec->order,
		    &sec->norder)) != CP_OK)
			return rc;
		seen |= sec->types;
	}
	all = (cp__typeset)((1u << cp_doctype_count()) - 1);
	if ((seen & all) != all) {
		/* No document may be left out of the bundle: the types the
		 * template forgot go last, in the table's order. */
		cp__section *sec = &tpl->sections[tpl->nsections++];

		sec->en = cp__strdup("Other documents");
		sec->zh = cp__strdup("其他文件");
		sec->types = all & ~seen;
		sec->order = calloc(cp_doctype_count(), sizeof(*sec->order));
		if (sec->en == NULL || sec->zh == NULL || sec->order == NULL)
			return cp__yaml_nomem(y);
		for (i = 0; i < cp_doctype_count(); i++)
			if (sec->types & (1u << i))
				sec->order[sec->norder++] = i;
	}
	return CP_OK;
}

/* Reads `kind: [type, [alt, alt], ...]` lists for each episode kind. */
static int
read_requirements(cp__yaml *y, struct fy_node *node, const char *what,
    cp__requirement_list *lists)
{
	struct fy_node *list, *item;
	void *iter;
	size_t k, n, t;
	int rc;

	if ((rc = cp__yaml_mapping(y, node, what, kind_keys)) != CP_OK)
		return rc;
	for (k = 0; k < CP__EPISODE_KIND_COUNT; k++) {
		if ((list = cp__yaml_get(node, kind_keys[k])) == NULL)
			continue;
		if ((rc = cp__yaml_sequence(y, list, what)) != CP_OK)
			return rc;
		n = (size_t)fy_node_sequence_item_count(list);
		if (n > cp_doctype_count())
			return cp__yaml_fail(y, list, "%s has %zu entries for "
			    "%s; at most %zu", what, n, kind_keys[k],
			    cp_doctype_count());
		lists[k].items = calloc(n ? n : 1, sizeof(*lists[k].items));
		if (lists[k].items == NULL)
			return cp__yaml_nomem(y);
		iter = NULL;
		while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
			cp__requirement *r = &lists[k].items[lists[k].count++];

			if (!fy_node_is_alias(item) &&
			    fy_node_get_type(item) == FYNT_SEQUENCE) {
				if ((rc = read_types(y, item, what, NULL, 0,
				    &r->any_of, NULL, NULL)) != CP_OK)
					return rc;
				if (r->any_of == 0)
					return cp__yaml_fail(y, item, "an empty "
					    "list of alternatives in %s", what);
			} else {
				if ((rc = read_type(y, item, what, &t)) != CP_OK)
					return rc;
				r->any_of = 1u << t;
			}
		}
	}
	return CP_OK;
}

/*
 * Reads `desks:`, a mapping of desk keys to {zh, en, types}, in the
 * template's order.  Each type goes to one desk at most.
 */
static int
read_desks(cp__yaml *y, cp_template *tpl, struct fy_node *node)
{
	struct fy_node_pair *pair;
	struct fy_node *value;
	cp__typeset seen = 0;
	void *iter = NULL;
	char what[96], zh[112], en[112];
	size_t n;
	int rc;

	if ((rc = cp__yaml_mapping(y, node, "desks", NULL)) != CP_OK)
		return rc;
	n = (size_t)fy_node_mapping_item_count(node);
	if (n > cp_doctype_count())
		return cp__yaml_fail(y, node, "desks lists %zu desks; at most "
		    "%zu, one per document type", n, cp_doctype_count());
	/* One more for the fallback desk, when the template has none. */
	if ((tpl->desks = calloc(n + 1, sizeof(*tpl->desks))) == NULL)
		return cp__yaml_nomem(y);
	while ((pair = fy_node_mapping_iterate(node, &iter)) != NULL) {
		cp__desk *desk = &tpl->desks[tpl->ndesks++];

		if ((rc = cp__yaml_string(y, fy_node_pair_key(pair),
		    "a desk's key", &desk->key)) != CP_OK)
			return rc;
		value = fy_node_pair_value(pair);
		snprintf(what, sizeof(what), "desk %.60s", desk->key);
		snprintf(zh, sizeof(zh), "the zh of %s", what);
		snprintf(en, sizeof(en), "the en of %s", what);
		if ((rc = cp__yaml_mapping(y, value, what, desk_keys)) !=
		    CP_OK ||
		    (rc = cp__yaml_required(y, value, "zh", zh,
		    &desk->zh)) != CP_OK ||
		    (rc = cp__yaml_required(y, value, "en", en,
		    &desk->en)) != CP_OK)
			return rc;
		if (cp__yaml_get(value, "types") == NULL)
			return cp__yaml_fail(y, value, "desk %.60s has no types "
			    "list (types: [] for none)", desk->key);
		if ((rc = read_types(y, cp__yaml_get(value, "types"),
		    "desk types", "desk", seen, &desk->types, NULL,
		    NULL)) != CP_OK)
			return rc;
		seen |= desk->types;
	}
	return CP_OK;
}

/* Gives the types no desk lists (all of them, without `desks:`) to the
 * fallback desk, adding it when the template has none. */
static int
finish_desks(cp__yaml *y, cp_template *tpl)
{
	cp__typeset all = (cp__typeset)((1u << cp_doctype_count()) - 1);
	cp__typeset left = all;
	cp__desk *desk = NULL, *grown;
	size_t i;

	for (i = 0; i < tpl->ndesks; i++) {
		left &= ~tpl->desks[i].types;
		if (strcmp(tpl->desks[i].key, CP__DESK_FALLBACK) == 0)
			desk = &tpl->desks[i];
	}
	if (left == 0)
		return CP_OK;
	if (desk == NULL) {
		/* read_desks left room for it; a template without desks
		 * has none yet. */
		if (tpl->desks == NULL) {
			if ((grown = calloc(1, sizeof(*grown))) == NULL)
				return cp__yaml_nomem(y);
			tpl->desks = grown;
		}
		desk = &tpl->desks[tpl->ndesks++];
		desk->key = cp__strdup(CP__DESK_FALLBACK);
		desk->en = cp__strdup("Medical records office");
		desk->zh = cp__strdup("病案室");
		if (desk->key == NULL || desk->en == NULL || desk->zh == NULL)
			return cp__yaml_nomem(y);
	}
	desk->types |= left;
	return CP_OK;
}

const cp__desk *
cp__template_desk_of(const cp_template *tpl, size_t type)
{
	size_t i;

	for (i = 0; i + 1 < tpl->ndesks; i++)
		if (tpl->desks[i].types & (1u << type))
			return &tpl->desks[i];
	/* finish_desks gave every type a desk: this is the type's. */
	return &tpl->desks[i];
}

static int
read_template(cp__yaml *y, cp_template *tpl)
{
	struct fy_node *root = cp__yaml_root(y), *v;
	unsigned version;
	int rc;

	if ((rc = cp__yaml_mapping(y, root, "the template", template_keys)) !=
	    CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "claimpack_template")) == NULL)
		return cp__yaml_fail(y, root, "a template starts with "
		    "\"claimpack_template: 1\"");
	if ((rc = cp__yaml_uint(y, v, "claimpack_template", 1000,
	    &version)) != CP_OK)
		return rc;
	if (version != 1)
		return cp__yaml_fail(y, v, "template format version %u is not "
		    "known; claimpack %s reads version 1", version, CP_VERSION);
	if ((rc = cp__yaml_required(y, root, "name", "name", &tpl->name)) !=
	    CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "title")) == NULL)
		return cp__yaml_fail(y, root, "title is missing: give the "
		    "bundle title as title: {en: ..., zh: ...}");
	if ((rc = read_title(y, v, "title", &tpl->title_en,
	    &tpl->title_zh)) != CP_OK)
		return rc;
	tpl->grace_days = 30;
	if ((v = cp__yaml_get(root, "grace_days")) != NULL &&
	    (rc = cp__yaml_uint(y, v, "grace_days", MAX_GRACE_DAYS,
	    &tpl->grace_days)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "dated_after_stay")) != NULL &&
	    (rc = read_types(y, v, "dated_after_stay", NULL, 0,
	    &tpl->dated_after_stay, NULL, NULL)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "sections")) == NULL)
		return cp__yaml_fail(y, root, "sections is missing: list the "
		    "bundle's sections in order");
	if ((rc = read_sections(y, tpl, v)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "required")) != NULL &&
	    (rc = read_requirements(y, v, "required", tpl->required)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "recommended")) != NULL &&
	    (rc = read_requirements(y, v, "recommended",
	    tpl->recommended)) != CP_OK)
		return rc;
	if ((v = cp__yaml_get(root, "desks")) != NULL &&
	    (rc = read_desks(y, tpl, v)) != CP_OK)
		return rc;
	return finish_desks(y, tpl);
}

static bool
looks_like_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') != NULL ||
	    (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

static int
load(cp_template **out, const char *label, const char *path,
    const char *text, cp_error *err)
{
	cp_template *tpl;
	cp__yaml y;
	int rc;

	if ((tpl = calloc(1, sizeof(*tpl))) == NULL ||
	    (tpl->source = cp__strdup(label)) == NULL) {
		free(tpl);
		return cp__error_set(err, CP_ENOMEM, label, 0, 0,
		    "out of memory");
	}
	if ((rc = cp__yaml_load(&y, path, text, CP_ETEMPLATE, err)) != CP_OK) {
		/* A template file that cannot be read is a template problem
		 * to the user, whatever the reason. */
		if (err != NULL && rc == CP_EIO)
			err->code = rc = CP_ETEMPLATE;
		cp_template_free(tpl);
		return rc;
	}
	rc = read_template(&y, tpl);
	cp__yaml_free(&y);
	if (rc != CP_OK) {
		cp_template_free(tpl);
		return rc;
	}
	*out = tpl;
	return CP_OK;
}

int
cp_template_load(cp_template **out, const char *name_or_path, cp_error *err)
{
	const cp__builtin_template *b;
	char label[160];
	cp__strbuf names = CP__STRBUF_INIT;
	char *list;
	size_t i;
	int rc;

	*out = NULL;
	if (name_or_path == NULL || name_or_path[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "no template name given");
	if (looks_like_path(name_or_path))
		return load(out, name_or_path, name_or_path, NULL, err);
	for (b = cp__builtin_templates; b->name != NULL; b++) {
		if (strcmp(b->name, name_or_path) != 0)
			continue;
		snprintf(label, sizeof(label), "templates/%s.yaml", b->name);
		return load(out, label, label, b->text, err);
	}
	for (i = 0; builtin_names[i] != NULL; i++)
		cp__strbuf_printf(&names, "%s%s", i ? ", " : "",
		    builtin_names[i]);
	list = cp__strbuf_detach(&names);
	rc = cp__error_set(err, CP_ETEMPLATE, NULL, 0, 0, "unknown template "
	    "\"%.100s\"; use one of %s, or the path of a template file",
	    name_or_path, list != NULL ? list : "the built-in names");
	free(list);
	return rc;
}

int
cp_template_load_for_claim(cp_template **out, const cp_claim *claim,
    const char *override, cp_error *err)
{
	const char *purpose = claim->purpose;
	char *path;
	int rc;

	if (override != NULL)
		return cp_template_load(out, override, err);
	if (!looks_like_path(purpose) || purpose[0] == '/')
		return cp_template_load(out, purpose, err);
	if ((path = cp__claim_file_path(claim, purpose)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	/* A bare "x.yaml" has no '/' once joined with "."; keep it a path. */
	rc = strchr(path, '/') != NULL ? cp_template_load(out, path, err) :
	    load(out, path, path, NULL, err);
	free(path);
	return rc;
}
