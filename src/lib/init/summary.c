/* summary.c - what `claimpack init` tells a person: the documents it
 * made, the imaging folders, the stays, what it skipped and why, what is
 * left to type, and the next command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "init/init_int.h"
#include "manifest/amount.h"
#include "manifest/claim.h"
#include "manifest/doctype.h"
#include "manifest/yaml.h"
#include "util/strbuf.h"

static void
documents(cp__strbuf *sb, const cp_init *init)
{
	char day[16], money[32];
	size_t i;

	cp__strbuf_printf(sb, "Documents (%zu):\n", init->ndocs);
	for (i = 0; i < init->ndocs; i++) {
		const cp__init_doc *d = &init->docs[i];
		const char *file = d->imaging != SIZE_MAX ?
		    init->imaging[d->files[0]].rel :
		    init->files[d->files[0]].rel;

		cp__strbuf_printf(sb, "  %-22s %s", d->id, file);
		if (d->nfiles > 1)
			cp__strbuf_printf(sb, " and %zu more", d->nfiles - 1);
		if (d->imaging != SIZE_MAX) {
			const cp__imaging *im = &init->imaging[d->files[0]].im;

			cp__strbuf_printf(sb, ": %zu %s, %zu images",
			    im->nstudies, im->nstudies == 1 ? "study" :
			    "studies", im->images);
		}
		if (d->has_date)
			cp__strbuf_printf(sb, ", %s", cp__date_format(day,
			    sizeof(day), d->date));
		if (d->has_amount)
			cp__strbuf_printf(sb, ", %s", cp__amount_format(money,
			    sizeof(money), d->amount));
		if (d->type_guessed)
			cp__strbuf_puts(sb, " (type guessed)");
		cp__strbuf_puts(sb, "\n");
	}
}

static void
episodes(cp__strbuf *sb, const cp_init *init)
{
	char a[16], b[16];
	size_t i;

	cp__strbuf_printf(sb, "Episodes (%zu):\n", init->nepisodes);
	for (i = 0; i < init->nepisodes; i++) {
		const cp__init_episode *e = &init->episodes[i];

		cp__strbuf_printf(sb, "  %-22s %s", e->id,
		    cp__episode_kind_name((cp__episode_kind)e->kind));
		if (e->has_start && e->end != e->start)
			cp__strbuf_printf(sb, ", %s to %s", cp__date_format(a,
			    sizeof(a), e->start), cp__date_format(b,
			    sizeof(b), e->end));
		else if (e->has_start)
			cp__strbuf_printf(sb, ", %s", cp__date_format(a,
			    sizeof(a), e->start));
		if (e->hospital != NULL)
			cp__strbuf_printf(sb, ", %s", e->hospital);
		cp__strbuf_puts(sb, "\n");
	}
}

static void
skipped(cp__strbuf *sb, const cp_init *init)
{
	size_t i;

	if (init->nskipped == 0)
		return;
	cp__strbuf_printf(sb, "Skipped (%zu):\n", init->nskipped);
	for (i = 0; i < init->nskipped; i++) {
		const cp__init_skip *s = &init->skipped[i];

		cp__strbuf_printf(sb, "  %s", s->rel);
		if (s->files > 0)
			cp__strbuf_printf(sb, " (%zu file%s)", s->files,
			    s->files == 1 ? "" : "s");
		cp__strbuf_printf(sb, ": %s", s->why);
		if (s->detail != NULL)
			cp__strbuf_printf(sb, " of %s", s->detail);
		cp__strbuf_puts(sb, "\n");
	}
}

char *
cp_init_summary(const cp_init *init, const char *manifest_path)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	char **todos = NULL, *text;
	size_t ntodos = 0, i, images = 0;

	if (init == NULL)
		return NULL;
	if ((text = cp__init_manifest_text(init, &todos, &ntodos)) == NULL)
		return NULL;
	free(text);
	for (i = 0; i < init->nimaging; i++)
		images += init->imaging[i].im.images;
	cp__strbuf_printf(&sb, "Read %zu paper%s", init->nfiles,
	    init->nfiles == 1 ? "" : "s");
	if (images > 0)
		cp__strbuf_printf(&sb, " and %zu DICOM image%s", images,
		    images == 1 ? "" : "s");
	cp__strbuf_printf(&sb, " in %s/ (%.1f s).\n", init->folder,
	    init->seconds);
	documents(&sb, init);
	episodes(&sb, init);
	skipped(&sb, init);
	if (ntodos > 0) {
		cp__strbuf_printf(&sb, "Left for you (%zu, marked TODO in "
		    "%s):\n", ntodos, manifest_path);
		for (i = 0; i < ntodos; i++)
			cp__strbuf_printf(&sb, "  - %s\n", todos[i]);
	}
	cp__strbuf_printf(&sb, "Wrote %s.  Next: read it through, type what "
	    "is left, then run\n  claimpack check %s\n", manifest_path,
	    manifest_path);
	cp__string_list_free(todos, ntodos);
	return cp__strbuf_detach(&sb);
}
