/* manifest.c - the manifest `claimpack init` writes: the format of
 * docs/manifest.md, every value read followed by a comment saying where
 * it was read, and a "# TODO" comment in place of each fact that could
 * not be read, naming the paper to look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "init/init_int.h"
#include "manifest/amount.h"
#include "manifest/claim.h"
#include "manifest/doctype.h"
#include "manifest/yaml.h"
#include "util/strbuf.h"
#include "util/utf8.h"

typedef struct {
	cp__strbuf sb;
	char **todos;           /* what the TODO comments ask for */
	size_t ntodos;
	bool failed;
	const cp_init *init;
} writer;

/* A YAML double-quoted scalar: always quoted, so that no value is read
 * as a number, a date or a boolean ("0012345678" stays text). */
static void
quoted(writer *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	cp__strbuf_puts(&w->sb, "\"");
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			cp__strbuf_printf(&w->sb, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			cp__strbuf_printf(&w->sb, "\\x%02x", *p);
		else
			cp__strbuf_add(&w->sb, (const char *)p, 1);
	}
	cp__strbuf_puts(&w->sb, "\"");
}

/* "  # <where the value was read>\n" */
static void
from(writer *w, const cp__init_source *src, const char *extra)
{
	char buf[1024];

	cp__init_source_text(buf, sizeof(buf), src);
	if (buf[0] != '\0' || extra != NULL)
		cp__strbuf_printf(&w->sb, "  # %s%s%s", buf, buf[0] && extra ?
		    ": " : "", extra ? extra : "");
	cp__strbuf_puts(&w->sb, "\n");
}

/* Records a phrase for the summary's list of what is left to do. */
static void
left(writer *w, const char *summary)
{
	char **grown;

	grown = realloc(w->todos, (w->ntodos + 1) * sizeof(*grown));
	if (grown == NULL) {
		w->failed = true;
		return;
	}
	w->todos = grown;
	if ((grown[w->ntodos] = cp__strdup(summary)) == NULL)
		w->failed = true;
	else
		w->ntodos++;
}

/* A TODO comment at `indent`, and its phrase for the summary. */
static void
todo(writer *w, const char *indent, const char *key, const char *what,
    const char *summary)
{
	cp__strbuf_printf(&w->sb, "%s# TODO %s: %s\n", indent, key, what);
	left(w, summary);
}

/* The path of a file of the folder as the manifest lists it. */
static void
path(writer *w, const char *rel)
{
	char *p;

	if (strcmp(rel, ".") == 0)
		p = cp__strdup(w->init->prefix[0] ? w->init->prefix : ".");
	else
		p = cp__sprintf("%s%s", w->init->prefix, rel);
	if (p == NULL) {
		w->failed = true;
		return;
	}
	/* "papers/" for the folder itself reads better without its "/" */
	if (strcmp(rel, ".") == 0 && strlen(p) > 1 && p[strlen(p) - 1] ==
	    '/')
		p[strlen(p) - 1] = '\0';
	quoted(w, p);
	free(p);
}

static void
header(writer *w)
{
	const cp_init *init = w->init;
	char day[16], *folder;

	/* The folder as given may hold what a comment cannot. */
	if ((folder = cp__utf8_printable(init->folder)) == NULL) {
		w->failed = true;
		return;
	}

	cp__strbuf_printf(&w->sb,
	    "# A claim manifest written by `claimpack init` on %s from the "
	    "papers in\n# %s/.  Read it through: each value says where it "
	    "was read, and\n# each \"TODO\" is a fact claimpack could not "
	    "read.  Type those, correct\n# what is wrong, then run "
	    "`claimpack check` on this file.  docs/manifest.md\n# describes "
	    "every field.  Dates are YYYY-MM-DD; paths are relative to this "
	    "file.\n", cp__date_format(day, sizeof(day), init->today),
	    folder);
	free(folder);
	cp__strbuf_puts(&w->sb, "claimpack: 1\n\nclaim:\n  purpose: ");
	quoted(w, init->purpose);
	cp__strbuf_puts(&w->sb, "\n  currency: CNY                 "
	    "# the currency of the amounts below\n"
	    "  # insurer:, reference:, policy: the insurer's name, your "
	    "claim and policy\n  # numbers, when you have them\n");
}

static void
patient(writer *w)
{
	const cp_init *init = w->init;
	char note[128];

	cp__strbuf_puts(&w->sb, "\n# The patient as the passport spells "
	    "it.\npatient:\n");
	if (init->patient_name != NULL) {
		cp__strbuf_puts(&w->sb, "  name: ");
		quoted(w, init->patient_name);
		snprintf(note, sizeof(note), "read %zu time%s; check it "
		    "against the passport", init->patient_name_papers,
		    init->patient_name_papers == 1 ? "" : "s");
		from(w, &init->patient_name_from, note);
	} else {
		todo(w, "  ", "name", "your name exactly as the passport "
		    "prints it, as \"SURNAME, Given names\"; no paper gave "
		    "it in Latin letters", "patient.name: the patient's name "
		    "as in the passport");
	}
	todo(w, "  ", "passport", "the passport number (claimpack never "
	    "guesses it)", "patient.passport: the passport number");
	if (init->birth_date[0] != '\0') {
		cp__strbuf_printf(&w->sb, "  birth_date: %s", init->birth_date);
		from(w, &init->birth_from, NULL);
	}
	if (init->alias != NULL) {
		cp__strbuf_puts(&w->sb, "  aliases: [");
		quoted(w, init->alias);
		cp__strbuf_puts(&w->sb, "]");
		from(w, &init->alias_from, "the name in Chinese characters");
	}
}

static void
episodes(writer *w)
{
	const cp_init *init = w->init;
	char day[16], phrase[160];
	size_t i;

	cp__strbuf_puts(&w->sb, "\n# The hospital visits: one per stay or "
	    "outpatient visit.\nepisodes:\n");
	for (i = 0; i < init->nepisodes; i++) {
		const cp__init_episode *e = &init->episodes[i];

		cp__strbuf_printf(&w->sb, "  - id: %s\n    kind: %s", e->id,
		    cp__episode_kind_name((cp__episode_kind)e->kind));
		cp__strbuf_printf(&w->sb, "  # %s\n", e->kind_why);
		if (e->hospital != NULL && !e->hospital_cjk) {
			cp__strbuf_puts(&w->sb, "    hospital: ");
			quoted(w, e->hospital);
			from(w, &e->hospital_from, NULL);
		} else {
			snprintf(phrase, sizeof(phrase), "episode %s: the "
			    "hospital's name in English", e->id);
			todo(w, "    ", "hospital", e->hospital != NULL ?
			    "the hospital's name in English (its Chinese "
			    "name is below)" : "the hospital's name, as its "
			    "papers print it", phrase);
		}
		if (e->hospital != NULL && e->hospital_cjk) {
			cp__strbuf_puts(&w->sb, "    hospital_zh: ");
			quoted(w, e->hospital);
			from(w, &e->hospital_from, NULL);
		}
		if (e->has_start) {
			cp__strbuf_printf(&w->sb, "    start: %s",
			    cp__date_format(day, sizeof(day), e->start));
			from(w, &e->start_from, NULL);
			cp__strbuf_printf(&w->sb, "    end: %s",
			    cp__date_format(day, sizeof(day), e->end));
			from(w, &e->end_from, NULL);
		} else {
			snprintf(phrase, sizeof(phrase), "episode %s: the "
			    "first and last day", e->id);
			todo(w, "    ", "start", "the day of the visit or "
			    "admission, and end: the day of discharge", phrase);
		}
	}
}

static const char *
first_file(const cp_init *init, const cp__init_doc *d)
{
	return d->imaging != SIZE_MAX ? init->imaging[d->files[0]].rel :
	    init->files[d->files[0]].rel;
}

static void
invoice(writer *w, const cp__init_doc *d)
{
	const cp__invoice_facts *inv = d->invoice;
	const struct {
		const char *key;
		const cp__fact_text *field;
	} f[] = {
		{ "code", &inv->code },
		{ "number", &inv->number },
		{ "check_code", &inv->check_code },
	};
	size_t i;

	cp__strbuf_puts(&w->sb, "    invoice:\n");
	if (inv->kind == CP__INVOICE_FISCAL)
		cp__strbuf_puts(&w->sb, "      kind: fiscal                "
		    "# 医疗收费电子票据, a fiscal medical receipt\n");
	else if (inv->kind == CP__INVOICE_VAT ||
	    inv->kind == CP__INVOICE_VAT_DIGITAL)
		cp__strbuf_puts(&w->sb, "      kind: vat                   "
		    "# 增值税发票, a VAT invoice\n");
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		cp__init_source src;

		if (f[i].field->text == NULL)
			continue;
		cp__strbuf_printf(&w->sb, "      %s: ", f[i].key);
		quoted(w, f[i].field->text);
		src.where = NULL;
		src.file = d->invoice_file;
		src.page = f[i].field->page;
		src.label = NULL;
		switch (f[i].field->from) {
		case CP__FROM_QR: src.where = "QR code on"; break;
		case CP__FROM_XML: src.where = "e-invoice data in"; break;
		default: src.where = "text layer of"; break;
		}
		from(w, &src, NULL);
	}
}

static void
document(writer *w, const cp__init_doc *d)
{
	const cp_init *init = w->init;
	const cp_doctype *dt = cp_doctype_at((size_t)d->type);
	const char *file = first_file(init, d);
	char day[16], money[32], phrase[256], what[512];
	size_t i;

	cp__strbuf_printf(&w->sb, "\n  - id: %s\n    type: %s", d->id,
	    dt->key);
	if (d->type_guessed) {
		cp__strbuf_printf(&w->sb, "  # TODO type: guessed (%s, %s): "
		    "nothing on %s or in its name says what it is; look at "
		    "it and correct the type (`claimpack types` lists them)\n",
		    dt->en, dt->zh, file);
		snprintf(phrase, sizeof(phrase), "%s: its type, guessed "
		    "(look at %s)", d->id, file);
		left(w, phrase);
	} else {
		cp__strbuf_printf(&w->sb, "  # %s %s\n", d->type_why,
		    d->type_file);
	}
	cp__strbuf_printf(&w->sb, "    episode: %s", init->episodes[d->episode].id);
	cp__strbuf_puts(&w->sb, d->episode_guessed ? "  # no date read: the "
	    "episode of the papers beside it\n" : "\n");
	cp__strbuf_puts(&w->sb, "    files: [");
	for (i = 0; i < d->nfiles; i++) {
		if (i > 0)
			cp__strbuf_puts(&w->sb, ", ");
		path(w, d->imaging != SIZE_MAX ? init->imaging[d->files[i]].rel :
		    init->files[d->files[i]].rel);
	}
	cp__strbuf_puts(&w->sb, "]");
	if (d->also != NULL)
		cp__strbuf_printf(&w->sb, "  # %s", d->also);
	else if (d->nfiles > 1 && d->imaging == SIZE_MAX)
		cp__strbuf_printf(&w->sb, "  # %zu pages of one paper", d->nfiles);
	cp__strbuf_puts(&w->sb, "\n");

	if (d->type == CP__DT_IMAGING_FILES) {
		const cp__imaging *im = &init->imaging[d->files[0]].im;

		if (im->nstudies > 0) {
			const cp__imaging_study *st = &im->studies[0];
			/* "CT Abdomen +C", not "CT CT Abdomen +C". */
			bool named = st->modalities[0] != '\0' &&
			    strncmp(st->description, st->modalities,
			    strlen(st->modalities)) == 0;
			char *title = cp__sprintf("%s%s%s (DICOM, %zu %s, %zu "
			    "images)", named ? "" : st->modalities,
			    st->description[0] && !named ? " " : "",
			    st->description, im->nstudies,
			    im->nstudies == 1 ? "study" : "studies",
			    im->images);

			if (title == NULL) {
				w->failed = true;
				return;
			}
			cp__init_source src = { "DICOM headers in",
			    init->imaging[d->files[0]].rel, 0, NULL };

			cp__strbuf_puts(&w->sb, "    title: ");
			quoted(w, title);
			free(title);
			from(w, &src, "send the CD or the download with the "
			    "bundle: the images are not in the PDF");
		}
		return;
	}

	if (d->has_date) {
		cp__strbuf_printf(&w->sb, "    date: %s", cp__date_format(day,
		    sizeof(day), d->date));
		from(w, &d->date_from, NULL);
	} else {
		snprintf(what, sizeof(what), "the date printed on %s "
		    "(YYYY-MM-DD)", file);
		snprintf(phrase, sizeof(phrase), "%s: its date (look at %s)",
		    d->id, file);
		todo(w, "    ", "date", what, phrase);
	}
	if (d->name != NULL) {
		cp__strbuf_puts(&w->sb, "    name: ");
		quoted(w, d->name);
		from(w, &d->name_from, NULL);
	} else {
		snprintf(what, sizeof(what), "the patient's name as printed "
		    "on %s", file);
		snprintf(phrase, sizeof(phrase), "%s: the name printed on it "
		    "(look at %s)", d->id, file);
		todo(w, "    ", "name", what, phrase);
	}
	if (d->type == CP__DT_FAPIAO || d->type == CP__DT_EXPENSE_LIST ||
	    (d->type == CP__DT_PAYMENT_PROOF && d->has_amount)) {
		if (d->has_amount) {
			cp__strbuf_printf(&w->sb, "    amount: %s",
			    cp__amount_format(money, sizeof(money),
			    d->amount));
			from(w, &d->amount_from, NULL);
		} else if (d->type != CP__DT_PAYMENT_PROOF) {
			snprintf(what, sizeof(what), "the total printed on %s, "
			    "as 12850.40", file);
			snprintf(phrase, sizeof(phrase), "%s: its total "
			    "(look at %s)", d->id, file);
			todo(w, "    ", "amount", what, phrase);
		}
	}
	if (d->type == CP__DT_FAPIAO && d->invoice != NULL)
		invoice(w, d);
	else if (d->type == CP__DT_FAPIAO)
		cp__strbuf_printf(&w->sb, "    # invoice: {code: ..., number: "
		    "...}: the numbers printed on %s, for `claimpack "
		    "verify`\n", file);
	if (d->type == CP__DT_TRANSLATION) {
		/* translation_of is required: the paper before it is the
		 * likeliest original. */
		const cp__init_doc *orig = d > init->docs ? d - 1 : d + 1;

		cp__strbuf_printf(&w->sb, "    translation_of: %s  # TODO "
		    "translation_of: guessed, the paper beside it; give the id "
		    "of the paper it translates\n", orig->id);
		snprintf(phrase, sizeof(phrase), "%s: the paper it "
		    "translates (translation_of)", d->id);
		left(w, phrase);
	}
}

char *
cp__init_manifest_text(const cp_init *init, char ***todos, size_t *ntodos)
{
	writer w;
	size_t i;
	char *text;

	memset(&w, 0, sizeof(w));
	w.init = init;
	header(&w);
	patient(&w);
	episodes(&w);
	cp__strbuf_puts(&w.sb, "\n# One entry per paper: its type (`claimpack "
	    "types` lists them), its files\n# in order, the date and the "
	    "patient's name printed on it.\ndocuments:");
	for (i = 0; i < init->ndocs; i++)
		document(&w, &init->docs[i]);
	text = cp__strbuf_detach(&w.sb);
	if (text == NULL || w.failed) {
		free(text);
		cp__string_list_free(w.todos, w.ntodos);
		return NULL;
	}
	if (todos != NULL) {
		*todos = w.todos;
		*ntodos = w.ntodos;
	} else {
		cp__string_list_free(w.todos, w.ntodos);
	}
	return text;
}

char *
cp_init_manifest(const cp_init *init)
{
	return init != NULL ? cp__init_manifest_text(init, NULL, NULL) : NULL;
}
