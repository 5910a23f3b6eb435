/* readers.h - one reader per format, each filling a cp__paper_facts.  Private
 * to read/ (cp__read_paper chooses among them).
 *
 * Each returns 0 (with paper->problem set when the file could not be
 * read) or -1 when out of memory.  Each bounds what it reads by the
 * file's size and by limits of its own, and never trusts a length
 * written in the file. */
#ifndef CP_READERS_H
#define CP_READERS_H

#include <stdbool.h>
#include <stddef.h>

#include "input/sniff.h"
#include "read/facts.h"

/* PDF (poppler-glib): the text layer of each page (labelled values),
 * and with CP__READ_QR the QR codes on the rendered pages. */
int cp__read_pdf(cp__paper_facts *paper, const char *path, unsigned flags);

/* Photos and scans (JPEG, PNG, HEIC, WebP, TIFF): EXIF DateTimeOriginal,
 * and with CP__READ_QR the QR codes in the picture (a TIFF's first 20
 * pages), searched as read/qr_strategy.h says.  A picture that decodes
 * only in part (cut short) is searched as far as it decodes, and the
 * paper's problem says so; without CP__READ_QR only its headers are
 * read. */
int cp__read_photo(cp__paper_facts *paper, const char *path, cp__format format,
    unsigned flags);

/*
 * Looks for QR codes in a decoded picture (`channels` 1-4 bytes per
 * pixel: grey, grey+alpha, RGB, RGBA; rows `stride` bytes apart) at the
 * scales that find a 2 cm code on a page photographed or rendered at
 * `width` x `height` (read/qr_strategy.h), and hands each to
 * cp__paper_take_qr (page `page`).  Returns the number of distinct codes
 * found (0 for a size, stride or channel count that cannot be), or -1
 * when out of memory.
 */
int cp__read_qr_in_pixels(cp__paper_facts *paper, const unsigned char *pixels,
    int width, int height, size_t stride, int channels, int page,
    bool thorough);

/* OFD (GB/T 33190, a ZIP of XML): the invoice XML attachment, the
 * CustomData and CustomTag fields, the text objects, the QR image. */
int cp__read_ofd(cp__paper_facts *paper, const char *path, unsigned flags);
/* The same on an OFD held in memory (tests, fuzzing). */
int cp__read_ofd_memory(cp__paper_facts *paper, const void *data, size_t len,
    unsigned flags);

/* An e-invoice XML: the 2019 VAT e-invoice (eInvoice, as attached to
 * OFDs) or the fully digitalized one (EInvoice).  `len` bytes. */
int cp__read_einvoice_xml(cp__paper_facts *paper, const char *xml, size_t len);

/*
 * Labelled values in the text of one page (`page`, 1-based; 0 when not
 * paged) read from `from` (a text layer, an OFD's text objects):
 * 发票代码/票据代码, 发票号码/票据号码, 开票日期, 校验码 (groups of five
 * joined), 价税合计（小写）/金额合计, 购买方名称/交款人/姓名,
 * 入院日期/出院日期, 报告日期, dates in every printed form; and the
 * paper's title (出院小结, 费用清单 ...) as a type guess.  `len` bytes of
 * UTF-8 (anything else is skipped).
 */
int cp__read_text_labels(cp__paper_facts *paper, const char *text, size_t len,
    int page, cp__fact_from from);

#endif
