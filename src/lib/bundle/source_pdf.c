/* source_pdf.c - a hospital's PDF: its pages go into the bundle as they
 * are (the assembler copies them; nothing is made here). */
#include "bundle/source.h"
#include "pdf/probe.h"
#include "util/error.h"
#include "util/fsio.h"

static int
make_pdf(cp__source *s, const cp__source_env *env, cp_error *err)
{
	(void)env;
	(void)err;
	s->pdf = s->path;
	return CP_OK;
}

static const cp__source_ops pdf_ops = { "PDF", make_pdf, NULL, NULL,
	false };

int
cp__source_pdf_open(cp__source *s, cp_error *err)
{
	cp__pdf_info info;

	if (cp__pdf_probe(&info, s->path, false) != 0)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	if (info.state == CP__PDF_PASSWORD)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "needs a "
		    "password to open; save an unprotected copy and list that "
		    "instead");
	if (info.state != CP__PDF_OK)
		return cp__error_set(err, CP_EIO, s->written, 0, 0, "cannot be "
		    "read as a PDF (%s)", info.detail);
	s->ops = &pdf_ops;
	s->pages = (size_t)info.pages;
	s->bytes = cp__file_size(s->path);
	s->has_outline = true;
	return CP_OK;
}
