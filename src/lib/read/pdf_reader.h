/* pdf_reader.h - the parts of the PDF reader (read/pdf_reader.c), one
 * concern a file: a page's text in reading lines (pdf_text.c) and the
 * QR codes on rendered pages (pdf_render.c).  Private to read/. */
#ifndef CP_PDF_READER_H
#define CP_PDF_READER_H

#include <stdbool.h>
#include <stddef.h>

#include <poppler.h>

#include "read/facts.h"

/* The most bytes of text taken from one page: a dense expense list
 * holds some 20 KB; what is past this is dropped. */
#define CP__PDF_TEXT_MAX_BYTES (256u * 1024u)

/*
 * The text layer of `page` as lines of the printed page, top to bottom,
 * each read left to right, words apart by one space and lines ended by
 * '\n': a label and the value printed beside it come out on one line,
 * even when poppler's reading order puts them in different blocks.
 * When poppler's layout does not match its text, its text as it is.
 * At most CP__PDF_TEXT_MAX_BYTES (cut at a character's end).  Returns 0
 * with *out a malloc'd, NUL-terminated string of *out_len bytes, or
 * with *out NULL when the page has no text; -1 when out of memory.
 */
int cp__pdf_page_text(PopplerPage *page, char **out, size_t *out_len);

/*
 * Looks for QR codes on the first pages of `doc` (`pages` of them) by
 * rendering them, and hands each code found to cp__paper_take_qr with
 * its 1-based page number.  Returns the number of codes found, or -1
 * when out of memory.
 */
int cp__pdf_find_qr(cp__paper_facts *paper, PopplerDocument *doc, int pages,
    bool thorough);

#endif
