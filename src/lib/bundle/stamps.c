/* stamps.c - the stamp on every document page: the claim reference, the
 * document's number and type, and the page number.  Each is drawn in a
 * box of its own, which the assembler lays at the foot of its page as
 * the page is seen, whatever its rotation or boxes. */
#include <stdlib.h>

#include "bundle/render.h"
#include "util/strbuf.h"

#define STAMP_SIZE 7.5

/* "CG-2026-118842 · 3/12 Discharge summary · p. 7/31": enough to put a
 * dropped printed page back where it belongs. */
static char *
stamp_text(const cp__view *v, size_t d, size_t page)
{
	const cp_claim *claim = v->plan->claim;
	/* The reference, else the patient's name; the stamp starts with
	 * the document when the manifest gives neither. */
	const char *whose = claim->reference != NULL ? claim->reference :
	    claim->patient_name;

	return cp__sprintf("%s%s%zu/%zu %s · p. %zu/%zu",
	    whose != NULL ? whose : "", whose != NULL ? " · " : "",
	    v->plan->docs[d].number, v->plan->ndocs,
	    cp__plan_doc_label(v->plan, d),
	    page - CP__FIRST_DOC_PAGE(v) + 1, v->doc_pages);
}

int
cp__render_stamps(cp__canvas *cv, const cp__render *r)
{
	const cp__view *v = r->view;
	size_t d, i;
	char *stamp;

	cv->field = "page stamp";
	for (d = 0; d < v->plan->ndocs; d++)
		for (i = 0; i < cp__view_pages(v, d); i++) {
			if ((stamp = stamp_text(v, d, v->first_page[d] + i)) ==
			    NULL)
				return CP_ENOMEM;
			cp__canvas_page(cv, CP__STAMP_W, CP__STAMP_H);
			cp__text_center(cv, CP__STAMP_W / 2,
			    (CP__STAMP_H - STAMP_SIZE) / 2 + 1, stamp,
			    STAMP_SIZE, CP__MUTED, false);
			free(stamp);
		}
	cv->field = NULL;
	return cp__canvas_failed(cv) ? CP_EIO : CP_OK;
}
