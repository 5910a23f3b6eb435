/* page_content_int.h - a page's content streams: are they whole, and
 * what of them can be read.  Private to pdf/.
 *
 * Used by probe.c (`check` reports damaged pages) and stamp.c (a page
 * whose content could undo or swallow the stamp is drawn as a form
 * XObject).  Both read the page in the document it belongs to, so that
 * what libqpdf says about it lands on that document's handle.
 */
#ifndef CP_PAGE_CONTENT_INT_H
#define CP_PAGE_CONTENT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <qpdf/qpdf-c.h>

/* More q than this left open at the end of a page: the page is drawn
 * wrapped rather than closed with as many Q. */
#define CP__PAGE_MAX_OPEN_Q 32

typedef struct {
	/* Damage `qpdf --check` sees on the page: a content stream that
	 * cannot be decoded (or only with a warning), content that does
	 * not tokenise (content_scan.h), or an item of /Contents that is
	 * not a stream. */
	bool damaged;
	/* Anything drawn after the page's content is at risk: damage other
	 * than a non-stream item (which is dropped), a Q with no q open,
	 * or more than CP__PAGE_MAX_OPEN_Q q left open. */
	bool wrap;
	uint64_t open_q;        /* q left open at the end (when not wrap) */
	bool open_text;         /* a BT left open at the end (when not wrap) */
	char why[240];          /* when damaged: the first damage, a phrase */
} cp__page_content;

/*
 * Reads the content streams of `page` (a page of `q`) one at a time,
 * decoded as libqpdf decodes them for `qpdf --check`, joined as libqpdf
 * joins them, and fills `out`.  Holds one decoded stream at a time.
 * Every error and warning libqpdf gives on `q` meanwhile is taken off
 * (what is pending before is dropped too).  Returns 0, or -1 when out
 * of memory.
 */
int cp__page_content_scan(cp__page_content *out, qpdf_data q, qpdf_oh page);

/*
 * The content of `page` decoded, as far as it can be read: each stream
 * that decodes, as libqpdf joins them; of a Flate stream that libqpdf
 * cannot decode, what inflates before the damage; nothing of other
 * streams that cannot be decoded, nor of items that are not streams.
 * *data is the caller's to free() (NULL when *len is 0).  Errors and
 * warnings on `q` are taken off as for cp__page_content_scan().  Returns 0, or
 * -1 when out of memory.
 */
int cp__page_content_salvage(unsigned char **data, size_t *len, qpdf_data q,
    qpdf_oh page);

#endif
