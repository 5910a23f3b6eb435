/* build.c - building the claim bundle: plan the order and the pages,
 * draw what claimpack draws, assemble with the input PDFs, write the file
 * atomically. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle/fingerprint.h"
#include "canvas/font_subset.h"
#include "check/report.h"
#include "manifest/amount.h"
#include "manifest/doctype.h"
#include "manifest/manifest_json.h"
#include "pdf/assemble.h"
#include "pdf/probe.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/strbuf.h"

/* Bounds on what one imaging folder may hold, as in fingerprint.c. */
#define MAX_FOLDER_DEPTH 16
#define MAX_FOLDER_FILES 100000

static void
plan_free(cp__plan *plan)
{
	size_t d, f;

	for (d = 0; d < plan->ndocs; d++) {
		if (plan->nparts > 0)
			plan->docs[d].nfiles = plan->docs[d].nfiles_all;
		for (f = 0; f < plan->docs[d].nfiles; f++) {
			free(plan->docs[d].files[f].path);
			free(plan->docs[d].files[f].draw_path);
			if (plan->docs[d].files[f].page_pdf != NULL)
				unlink(plan->docs[d].files[f].page_pdf);
			free(plan->docs[d].files[f].page_pdf);
		}
		free(plan->docs[d].files);
	}
	free(plan->docs);
	free(plan->inputs);
	free(plan->links);
	if (plan->tmpdir != NULL)
		rmdir(plan->tmpdir);
	free(plan->tmpdir);
}

static size_t
section_of(const cp_template *tpl, size_t type)
{
	size_t s;

	for (s = 0; s < tpl->nsections; s++)
		if (tpl->sections[s].types & (1u << type))
			return s;
	return tpl->nsections;  /* not reached: templates cover every type */
}

/* Bundle order: the template's sections, by date within a section (the
 * undated last), then the manifest's order. */
static int
by_bundle_order(const void *a, const void *b, const cp__plan *plan)
{
	const cp__plan_doc *x = a, *y = b;
	const cp__document *dx = &plan->claim->documents[x->doc];
	const cp__document *dy = &plan->claim->documents[y->doc];

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	if (dx->has_date != dy->has_date)
		return dx->has_date ? -1 : 1;
	if (dx->has_date && dx->date != dy->date)
		return dx->date < dy->date ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Insertion sort: stable, no global state, and claims are small. */
static void
sort_docs(cp__plan *plan)
{
	cp__plan_doc tmp;
	size_t i, j;

	for (i = 1; i < plan->ndocs; i++) {
		tmp = plan->docs[i];
		for (j = i; j > 0 && by_bundle_order(&plan->docs[j - 1], &tmp,
		    plan) > 0; j--)
			plan->docs[j] = plan->docs[j - 1];
		plan->docs[j] = tmp;
	}
}

/* Counts the files and bytes of an imaging_files entry. */
static int
count_files(cp__plan_doc *pd, const char *path, int depth, cp_error *err)
{
	struct dirent *de;
	struct stat st;
	char *child;
	DIR *dir;
	int rc = CP_OK;

	if (stat(path, &st) != 0)
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "cannot reach it (%s)", strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		pd->count++;
		pd->bytes += (uint64_t)st.st_size;
		return CP_OK;
	}
	if (depth > MAX_FOLDER_DEPTH)
		return cp__error_set(err, CP_EIO, path, 0, 0, "folders are "
		    "nested more than %d deep", MAX_FOLDER_DEPTH);
	if ((dir = opendir(path)) == NULL)
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "cannot open the folder (%s)", strerror(errno));
	while (rc == CP_OK && (de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (pd->count > MAX_FOLDER_FILES) {
			rc = cp__error_set(err, CP_EIO, path, 0, 0, "holds more "
			    "than %d files", MAX_FOLDER_FILES);
			break;
		}
		if ((child = cp__sprintf("%s/%s", path, de->d_name)) == NULL) {
			rc = cp__error_set(err, CP_ENOMEM, path, 0, 0,
			    "out of memory");
			break;
		}
		rc = count_files(pd, child, depth + 1, err);
		free(child);
	}
	closedir(dir);
	return rc;
}

/* Opens what each file is: a PDF's page count, an image's geometry. */
static int
plan_file(cp__plan *plan, cp__plan_file *pf, cp_error *err)
{
	unsigned char head[CP__SNIFF_BYTES];
	cp__pdf_info info;
	char why[300];
	ssize_t got;
	char **grown;

	if ((got = cp__sniff_read(pf->path, head)) < 0)
		return cp__error_set(err, CP_EIO, pf->written, 0, 0,
		    "cannot be read (%s)", strerror(errno));
	pf->format = cp__sniff(head, (size_t)got);
	pf->input = -1;
	switch (pf->format) {
	case CP__FORMAT_PDF:
		if (cp__pdf_probe(&info, pf->path) != 0)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		if (info.state == CP__PDF_PASSWORD)
			return cp__error_set(err, CP_EIO, pf->written, 0, 0,
			    "needs a password to open; save an unprotected "
			    "copy and list that instead");
		if (info.state != CP__PDF_OK)
			return cp__error_set(err, CP_EIO, pf->written, 0, 0,
			    "cannot be read as a PDF (%s)", info.detail);
		pf->pages = (size_t)info.pages;
		if ((grown = realloc(plan->inputs, (plan->ninputs + 1) *
		    sizeof(*grown))) == NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		plan->inputs = grown;
		plan->inputs[plan->ninputs] = pf->path;
		pf->input = (int)plan->ninputs++;
		return CP_OK;
	case CP__FORMAT_JPEG:
	case CP__FORMAT_PNG:
		if (cp__image_probe(&pf->image, pf->path, why,
		    sizeof(why)) != 0)
			return cp__error_set(err, CP_EIO, pf->written, 0, 0,
			    "%s", why);
		pf->pages = 1;
		return CP_OK;
	default:
		return cp__error_set(err, CP_EIO, pf->written, 0, 0, "is %s, "
		    "not a PDF, JPEG or PNG", cp__format_name(pf->format));
	}
}

static int
plan_documents(cp__plan *plan, cp_error *err)
{
	const cp_claim *claim = plan->claim;
	size_t d, f;
	int rc;

	if ((plan->docs = calloc(claim->ndocuments + 1,
	    sizeof(*plan->docs))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	plan->ndocs = claim->ndocuments;
	for (d = 0; d < claim->ndocuments; d++) {
		plan->docs[d].doc = d;
		plan->docs[d].section = section_of(plan->tpl,
		    claim->documents[d].type);
	}
	sort_docs(plan);
	for (d = 0; d < plan->ndocs; d++) {
		cp__plan_doc *pd = &plan->docs[d];
		const cp__document *doc = &claim->documents[pd->doc];

		pd->number = d + 1;
		if (doc->type == CP__DT_IMAGING_FILES) {
			/* Listed and hashed, not drawn: DICOM needs a viewer. */
			for (f = 0; f < doc->nfiles; f++) {
				char *path = cp__claim_file_path(claim,
				    doc->files[f]);

				if (path == NULL)
					return cp__error_set(err, CP_ENOMEM,
					    NULL, 0, 0, "out of memory");
				rc = count_files(pd, path, 0, err);
				free(path);
				if (rc != CP_OK)
					return rc;
			}
			continue;
		}
		if ((pd->files = calloc(doc->nfiles, sizeof(*pd->files))) ==
		    NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		for (f = 0; f < doc->nfiles; f++) {
			cp__plan_file *pf = &pd->files[f];

			pd->nfiles++;
			pf->written = doc->files[f];
			if ((pf->path = cp__claim_file_path(claim,
			    doc->files[f])) == NULL)
				return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
			if ((rc = plan_file(plan, pf, err)) != CP_OK)
				return rc;
			pd->pages += pf->pages;
		}
	}
	return CP_OK;
}

static void
number_pages(cp__plan *plan)
{
	size_t d, page = CP__FIRST_DOC_PAGE(plan);

	for (d = 0; d < plan->ndocs; d++) {
		plan->docs[d].first_page = page;
		page += plan->docs[d].pages;
	}
	plan->doc_pages = page - CP__FIRST_DOC_PAGE(plan);
}

/* ---- the warnings of a build ----------------------------------------- */

struct cp__warnings {
	cp_report *report;
	struct {
		const char *field;
		unsigned long cp;
	} seen[64];
	size_t nseen;
};

static void
on_undrawable(void *ctx, const char *field, unsigned long cp)
{
	cp__warnings *w = ctx;
	size_t i;

	for (i = 0; i < w->nseen; i++)
		if (w->seen[i].cp == cp && strcmp(w->seen[i].field, field) == 0)
			return;
	if (w->nseen < sizeof(w->seen) / sizeof(w->seen[0])) {
		w->seen[w->nseen].field = field;
		w->seen[w->nseen].cp = cp;
		w->nseen++;
	}
	(void)cp__report_add(w->report, 0, "glyph-missing",
	    NULL, NULL, "the character U+%04lX in %s "
	    "cannot be drawn with the bundle's font (WenQuanYi Zen Hei) and "
	    "prints as '?'; write it another way in the manifest", cp, field);
}

/* ---- outline, links, attachments, assembly ------------------------------ */

typedef struct {
	cp__outline *top;
	size_t ntop;
	cp__outline *docs;
	cp__outline *parts;
	char **titles;
	size_t ntitles;
} outline_set;

static void
outline_free(outline_set *o)
{
	size_t i;

	for (i = 0; i < o->ntitles; i++)
		free(o->titles[i]);
	free(o->titles);
	free(o->top);
	free(o->docs);
	free(o->parts);
}

static char *
keep_title(outline_set *o, char *title)
{
	if (title != NULL)
		o->titles[o->ntitles++] = title;
	return title;
}

static int
build_outline(outline_set *o, const cp__plan *plan)
{
	const cp_claim *claim = plan->claim;
	size_t d, f, nfiles = 0, part = 0, s, page;
	char date[16];

	for (d = 0; d < plan->ndocs; d++)
		nfiles += plan->docs[d].nfiles;
	o->top = calloc(2 + plan->tpl->nsections, sizeof(*o->top));
	o->docs = calloc(plan->ndocs + 1, sizeof(*o->docs));
	o->parts = calloc(nfiles + 1, sizeof(*o->parts));
	o->titles = calloc(plan->tpl->nsections + plan->ndocs + nfiles + 1,
	    sizeof(*o->titles));
	if (o->top == NULL || o->docs == NULL || o->parts == NULL ||
	    o->titles == NULL)
		return CP_ENOMEM;
	o->top[0] = (cp__outline){ "Cover sheet 封面", 0, -1, 0, NULL, 0 };
	o->top[1] = (cp__outline){ "Index 目录", 1, -1, 0, NULL, 0 };
	o->ntop = 2;
	for (d = 0; d < plan->ndocs; d++) {
		const cp__plan_doc *pd = &plan->docs[d];
		const cp__document *doc = &claim->documents[pd->doc];
		const cp_doctype *t = cp_doctype_at(doc->type);
		cp__outline *item = &o->docs[d];
		size_t npdf = 0, out = pd->first_page;

		/* A split part's bookmarks are its own documents'. */
		if (!CP__IN_PART(plan, pd))
			continue;
		s = pd->section;
		if (o->ntop == 2 || o->top[o->ntop - 1].children == NULL ||
		    plan->docs[(size_t)(o->top[o->ntop - 1].children - o->docs)]
		    .section != s) {
			/* A section opens at its first page, or the index
			 * when none of its documents has pages. */
			page = 1;
			for (f = d; f < plan->ndocs &&
			    plan->docs[f].section == s; f++)
				if (plan->docs[f].pages > 0 &&
				    CP__IN_PART(plan, &plan->docs[f])) {
					page = plan->docs[f].first_page;
					break;
				}
			o->top[o->ntop] = (cp__outline){ keep_title(o,
			    cp__sprintf("%s %s", plan->tpl->sections[s].en,
			    plan->tpl->sections[s].zh)), page, -1, 0, item, 0 };
			if (o->top[o->ntop].title == NULL)
				return CP_ENOMEM;
			o->ntop++;
		}
		o->top[o->ntop - 1].nchildren++;
		if (doc->has_date)
			cp__date_format(date, sizeof(date), doc->date);
		item->title = keep_title(o, doc->has_date ?
		    cp__sprintf("%zu · %s %s · %s", pd->number, t->en, t->zh,
		    date) : cp__sprintf("%zu · %s %s", pd->number, t->en,
		    t->zh));
		if (item->title == NULL)
			return CP_ENOMEM;
		item->page = pd->pages > 0 ? pd->first_page : 1;
		item->import_input = -1;
		for (f = 0; f < pd->nfiles; f++)
			if (pd->files[f].format == CP__FORMAT_PDF)
				npdf++;
		/* A hospital PDF's own bookmarks go under its document; with
		 * several PDFs, under one item per file. */
		for (f = 0; f < pd->nfiles; f++) {
			const cp__plan_file *pf = &pd->files[f];

			if (pf->format == CP__FORMAT_PDF && npdf == 1) {
				item->import_input = pf->input;
				item->import_first_page = out;
			} else if (pf->format == CP__FORMAT_PDF) {
				if (item->children == NULL)
					item->children = &o->parts[part];
				o->parts[part] = (cp__outline){ keep_title(o,
				    cp__sprintf("%s", pf->written)), out,
				    pf->input, out, NULL, 0 };
				if (o->parts[part].title == NULL)
					return CP_ENOMEM;
				part++;
				item->nchildren++;
			}
			out += pf->pages;
		}
	}
	return CP_OK;
}

static int
make_temp(char **out, const char *out_path, cp_error *err)
{
	const char *slash = strrchr(out_path, '/');
	char *tmp;
	int fd;

	*out = NULL;
	/* Beside the target, so that rename() is atomic. */
	if (slash == NULL)
		tmp = cp__sprintf(".%s.XXXXXX", out_path);
	else
		tmp = cp__sprintf("%.*s/.%s.XXXXXX", (int)(slash - out_path),
		    out_path, slash + 1);
	if (tmp == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((fd = mkstemp(tmp)) < 0) {
		cp__error_set(err, CP_EIO, out_path, 0, 0, "cannot create a "
		    "file in that folder (%s)", strerror(errno));
		free(tmp);
		return CP_EIO;
	}
	close(fd);
	*out = tmp;
	return CP_OK;
}

/* The output must never overwrite one of the claim's own files. */
static int
refuse_input_as_output(const cp_claim *claim, const char *out_path,
    cp_error *err)
{
	struct stat out, in;
	char *path;
	size_t d, f;
	bool same;

	if (stat(out_path, &out) != 0)
		return CP_OK;
	if (S_ISDIR(out.st_mode))
		return cp__error_set(err, CP_EINVAL, out_path, 0, 0, "is a "
		    "folder; give the path of the PDF to write");
	if (stat(claim->manifest_path, &in) == 0 && in.st_dev == out.st_dev &&
	    in.st_ino == out.st_ino)
		return cp__error_set(err, CP_EINVAL, out_path, 0, 0, "is the "
		    "manifest itself; choose another output file");
	for (d = 0; d < claim->ndocuments; d++)
		for (f = 0; f < claim->documents[d].nfiles; f++) {
			path = cp__claim_file_path(claim,
			    claim->documents[d].files[f]);
			if (path == NULL)
				return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
			same = stat(path, &in) == 0 &&
			    in.st_dev == out.st_dev && in.st_ino == out.st_ino;
			free(path);
			if (same)
				return cp__error_set(err, CP_EINVAL, out_path, 0,
				    0, "is one of the claim's files (document "
				    "%s); choose another output file",
				    claim->documents[d].id);
		}
	return CP_OK;
}

static int
assemble(cp__plan *plan, const unsigned char *gen, size_t gen_len,
    size_t stamp_first, const char *tmp_path, cp_error *err)
{
	const cp_claim *claim = plan->claim;
	cp__out_page *pages = NULL;
	cp__link *links = NULL;
	cp__attachment att[2];
	outline_set o;
	cp__assembly a;
	char *manifest_json = NULL, *report_json = NULL, *title = NULL;
	char *id_text = NULL, id[65], drawn[65];
	size_t n = 0, d, f, i, stamp = stamp_first, total;
	int rc;

	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	total = plan->opts->cover_only ? 1 :
	    CP__FIRST_DOC_PAGE(plan) + plan->doc_pages;
	if ((pages = calloc(total, sizeof(*pages))) == NULL ||
	    (links = calloc(plan->nlinks + 1, sizeof(*links))) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	for (i = 0; i < (plan->opts->cover_only ? 1 : 1 + plan->index_pages);
	    i++)
		pages[n++] = (cp__out_page){ CP__FROM_GENERATED, i, -1 };
	for (d = 0; !plan->opts->cover_only && d < plan->ndocs; d++) {
		for (f = 0; f < plan->docs[d].nfiles; f++) {
			const cp__plan_file *pf = &plan->docs[d].files[f];

			for (i = 0; i < pf->pages; i++)
				pages[n++] = (cp__out_page){ pf->input, i,
				    (int)stamp++ };
		}
	}
	for (i = 0; i < plan->nlinks; i++)
		links[i] = (cp__link){ plan->links[i].page, plan->links[i].x0,
		    plan->links[i].y0, plan->links[i].x1, plan->links[i].y1,
		    plan->links[i].target };
	if (!plan->opts->cover_only && build_outline(&o, plan) != CP_OK) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	manifest_json = cp__manifest_json(claim);
	if (manifest_json == NULL ||
	    cp_report_to_json(&report_json, plan->report, err) != CP_OK) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	att[0] = (cp__attachment){ "manifest.json", "The claim manifest "
	    "this bundle was built from", "application/json",
	    (const unsigned char *)manifest_json, strlen(manifest_json) };
	att[1] = (cp__attachment){ "check-report.json", "claimpack's check "
	    "report for this claim", "application/json",
	    (const unsigned char *)report_json, strlen(report_json) };
	title = cp__sprintf("%s - %s", plan->tpl->title_en,
	    claim->patient_name);

	a.generated = gen;
	a.generated_len = gen_len;
	a.inputs = (const char *const *)plan->inputs;
	a.ninputs = plan->ninputs;
	a.own_inputs = plan->ninputs - plan->ninputs_pdf;
	a.pages = pages;
	a.npages = n;
	a.stamp_width = CP__STAMP_W;
	a.stamp_height = CP__STAMP_H;
	a.outline = o.top;
	a.noutline = o.ntop;
	a.cover_pages = 1;
	a.index_pages = plan->opts->cover_only ? 0 : plan->index_pages;
	a.links = links;
	a.nlinks = plan->opts->cover_only ? 0 : plan->nlinks;
	a.attachments = att;
	a.nattachments = 2;
	/* Same inputs and output, same ID; anything else, another: the
	 * files' fingerprint, everything claimpack drew (cover, index,
	 * stamps), and what decides how photos were recompressed. */
	cp__sha256_hex(drawn, gen, gen_len);
	id_text = cp__sprintf("claimpack %s;%s;%s;max=%llu;dpi=%u", CP_VERSION,
	    plan->fingerprint, drawn,
	    (unsigned long long)plan->opts->max_size, plan->opts->min_dpi);
	if (id_text == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	cp__sha256_hex(id, id_text, strlen(id_text));
	id[32] = '\0';
	a.id_hex = id;
	a.title = title;
	a.subject = claim->reference;
	a.out_path = tmp_path;
	rc = cp__assemble_write(&a, err);
done:
	free(id_text);
	free(title);
	free(manifest_json);
	free(report_json);
	outline_free(&o);
	free(links);
	free(pages);
	return rc;
}

/* Draws every page claimpack makes: the cover, then (unless the cover is
 * all that is wanted) the index and the documents' own pages. */
static int
render_all(cp__canvas *cv, cp__plan *plan, size_t *stamp_first,
    cp_error *err)
{
	int rc;

	rc = cp__render_cover(cv, plan);
	if (rc == CP_OK && !plan->opts->cover_only)
		rc = cp__render_index(cv, plan);
	if (rc == CP_OK && !plan->opts->cover_only)
		rc = cp__render_document_pages(cv, plan, stamp_first);
	if (rc == CP_ENOMEM)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if (rc != CP_OK && plan->failed_file != NULL &&
	    plan->failed_why[0] != '\0')
		return cp__error_set(err, CP_EIO, plan->failed_file, 0, 0, "%s",
		    plan->failed_why);
	if (rc != CP_OK && plan->failed_file != NULL)
		return cp__error_set(err, CP_EIO, plan->failed_file, 0, 0,
		    "libharu could not embed this image (error 0x%04lX); "
		    "convert it to a plain JPEG or PNG",
		    plan->failed_status);
	if (rc != CP_OK)
		return cp__error_set(err, CP_EIO, NULL, 0, 0, "libharu could "
		    "not draw the pages (error 0x%04lX, detail %lu)",
		    (unsigned long)cv->error, (unsigned long)cv->detail);
	return CP_OK;
}

static void
paper_of(cp__paper *p, cp_paper paper)
{
	if (paper == CP_PAPER_LETTER) {
		p->width = 612;
		p->height = 792;
	} else {
		p->width = 595.28;
		p->height = 841.89;
	}
	p->margin = 48;
	p->top = 44;
	p->bottom = 40;
}

/*
 * Draws claimpack's pages and assembles the bundle into `tmp`, once.
 * First a dry run with the whole font: it lays the index out and records
 * every character drawn.  Then the real run embeds a subset of the font
 * with just those characters.
 */
static int
write_once(cp__plan *plan, const cp__font *font, const char *tmp,
    cp__warnings *wctx, cp_error *err)
{
	cp__charset *used = NULL;
	cp__canvas cv;
	unsigned char *gen = NULL;
	size_t gen_len = 0, stamp_first = 0;
	char *subset = NULL;
	int rc;

	if ((used = calloc(1, sizeof(*used))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if ((rc = cp__canvas_open(&cv, font, NULL, err)) != CP_OK)
		goto done;
	cv.dry = true;
	cv.used = used;
	plan->index_pages = plan->opts->cover_only ? 0 :
	    cp__index_page_count(&cv, plan);
	number_pages(plan);
	rc = render_all(&cv, plan, &stamp_first, err);
	cp__canvas_close(&cv);
	if (rc != CP_OK ||
	    (rc = cp__font_subset_write(font, used, &subset, err)) != CP_OK ||
	    (rc = cp__canvas_open(&cv, font, subset, err)) != CP_OK)
		goto done;
	cv.undrawable = on_undrawable;
	cv.undrawable_ctx = wctx;
	plan->nlinks = 0;
	rc = render_all(&cv, plan, &stamp_first, err);
	if (rc == CP_OK)
		rc = cp__canvas_save(&cv, &gen, &gen_len, err);
	cp__canvas_close(&cv);
	if (rc == CP_OK)
		rc = assemble(plan, gen, gen_len, stamp_first, tmp, err);
done:
	free(gen);
	if (subset != NULL)
		unlink(subset);
	free(subset);
	free(used);
	return rc;
}

/* The private folder for image pages (they hold the patient's photos):
 * created here, emptied and removed by plan_free. */
static int
make_tmpdir(cp__plan *plan, cp_error *err)
{
	const char *dir = getenv("TMPDIR");

	plan->ninputs_pdf = plan->ninputs;
	plan->tmpdir = cp__sprintf("%s/claimpack-pages.XXXXXX",
	    dir != NULL && dir[0] == '/' ? dir : "/tmp");
	if (plan->tmpdir == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if (mkdtemp(plan->tmpdir) == NULL) {
		free(plan->tmpdir);
		plan->tmpdir = NULL;
		return cp__error_set(err, CP_EIO, NULL, 0, 0, "cannot make a "
		    "temporary folder for image pages (%s)", strerror(errno));
	}
	return CP_OK;
}

/* Puts a finished temporary file in place with the mode any new file
 * gets under the user's umask (mkstemp made it private). */
static int
put_in_place(const char *tmp, const char *path, cp_error *err)
{
	mode_t mask = umask(0);

	umask(mask);
	if (chmod(tmp, 0666 & ~mask) != 0 || rename(tmp, path) != 0)
		return cp__error_set(err, CP_EIO, path, 0, 0, "cannot put the "
		    "finished bundle in place (%s)", strerror(errno));
	return CP_OK;
}

/* "claim.pdf" -> "claim-part2.pdf". */
static char *
part_path(const char *out_path, size_t part)
{
	size_t n = strlen(out_path);

	if (n > 4 && strcmp(out_path + n - 4, ".pdf") == 0)
		n -= 4;
	return cp__sprintf("%.*s-part%zu.pdf", (int)n, out_path, part);
}

/*
 * Writes the bundle in parts of at most opts->split_size bytes.  Every
 * part goes to a temporary file first; they are renamed into place only
 * when all are written and under the size.
 */
static int
write_parts(cp__plan *plan, const cp__font *font, const char *out_path,
    cp__warnings *w, cp_error *err)
{
	const cp_build_options *opts = plan->opts;
	char **tmp = NULL, **path = NULL;
	struct stat st;
	size_t d, k, n;
	int rc;

	if ((rc = cp__split_assign(plan, opts->split_size, err)) < 0)
		return rc;
	n = (size_t)rc;
	rc = CP_OK;
	for (d = 0; d < plan->ndocs; d++) {
		plan->docs[d].nfiles_all = plan->docs[d].nfiles;
		plan->docs[d].pages_all = plan->docs[d].pages;
	}
	plan->nparts = n;
	if ((tmp = calloc(n, sizeof(*tmp))) == NULL ||
	    (path = calloc(n, sizeof(*path))) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	for (k = 0; k < n && rc == CP_OK; k++) {
		plan->part = k + 1;
		for (d = 0; d < plan->ndocs; d++) {
			cp__plan_doc *pd = &plan->docs[d];
			bool here = pd->part == plan->part;

			pd->nfiles = here ? pd->nfiles_all : 0;
			pd->pages = here ? pd->pages_all : 0;
		}
		if ((path[k] = part_path(out_path, k + 1)) == NULL) {
			rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
			break;
		}
		if ((rc = make_temp(&tmp[k], path[k], err)) != CP_OK)
			break;
		if (opts->tempfile != NULL)
			opts->tempfile(opts->tempfile_ctx, tmp[k]);
		if ((rc = write_once(plan, font, tmp[k], w, err)) != CP_OK)
			break;
		if (stat(tmp[k], &st) == 0 &&
		    (uint64_t)st.st_size > opts->split_size)
			rc = cp__error_set(err, CP_ETOOBIG, path[k], 0, 0, "part "
			    "%zu would be %.1f MB, over the %.1f MB limit; choose "
			    "larger parts, or shrink photos with --max-size", k + 1,
			    (double)st.st_size / 1e6,
			    (double)opts->split_size / 1e6);
	}
	for (k = 0; rc == CP_OK && k < n; k++)
		rc = put_in_place(tmp[k], path[k], err);
	for (k = 0; rc == CP_OK && k < n; k++)
		if (opts->written != NULL)
			opts->written(opts->written_ctx, path[k]);
done:
	for (k = 0; tmp != NULL && k < n; k++) {
		if (tmp[k] != NULL && rc != CP_OK)
			unlink(tmp[k]);
		free(tmp[k]);
	}
	for (k = 0; path != NULL && k < n; k++)
		free(path[k]);
	free(tmp);
	free(path);
	if (opts->tempfile != NULL)
		opts->tempfile(opts->tempfile_ctx, NULL);
	return rc;
}

int
cp_bundle_build(const cp_claim *claim, const cp_template *tpl,
    const cp_report *report, const char *out_path,
    const cp_build_options *opts, cp_report **warnings, cp_error *err)
{
	cp_build_options defaults = CP_BUILD_OPTIONS_INIT;
	cp__warnings wctx;
	cp__plan plan;
	cp__font *font = NULL;
	char *tmp = NULL;
	int rc;

	if (warnings != NULL)
		*warnings = NULL;
	memset(&plan, 0, sizeof(plan));
	memset(&wctx, 0, sizeof(wctx));
	if (claim == NULL || tpl == NULL || report == NULL ||
	    out_path == NULL || out_path[0] == '\0')
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_bundle_build needs a claim, template, report and an "
		    "output path");
	if (opts == NULL)
		opts = &defaults;
	if (opts->version != CP_BUILD_OPTIONS_VERSION)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0, "build options "
		    "version %u is not %d", opts->version,
		    CP_BUILD_OPTIONS_VERSION);
	if ((wctx.report = cp__report_new()) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	plan.claim = claim;
	plan.tpl = tpl;
	plan.report = report;
	plan.opts = opts;
	paper_of(&plan.paper, opts->paper);

	if ((rc = refuse_input_as_output(claim, out_path, err)) != CP_OK ||
	    (rc = cp__fingerprint(plan.fingerprint, claim, err)) != CP_OK ||
	    (rc = plan_documents(&plan, err)) != CP_OK ||
	    (rc = make_tmpdir(&plan, err)) != CP_OK ||
	    (rc = cp__font_open(&font, err)) != CP_OK)
		goto done;
	if (opts->split_size > 0 && !opts->cover_only) {
		rc = write_parts(&plan, font, out_path, &wctx, err);
		goto done;
	}
	if ((rc = make_temp(&tmp, out_path, err)) != CP_OK)
		goto done;
	if (opts->tempfile != NULL)
		opts->tempfile(opts->tempfile_ctx, tmp);
	rc = write_once(&plan, font, tmp, &wctx, err);
	if (rc == CP_OK && opts->max_size > 0)
		rc = cp__bundle_fit(&plan, font, tmp, &wctx, write_once, err);
	if (rc == CP_OK)
		rc = put_in_place(tmp, out_path, err);
	if (rc != CP_OK)
		unlink(tmp);
	else if (opts->written != NULL)
		opts->written(opts->written_ctx, out_path);
	if (opts->tempfile != NULL)
		opts->tempfile(opts->tempfile_ctx, NULL);
done:
	free(tmp);
	cp__font_free(font);
	plan_free(&plan);
	if (rc == CP_OK && warnings != NULL)
		*warnings = wctx.report;
	else
		cp_report_free(wctx.report);
	return rc;
}
