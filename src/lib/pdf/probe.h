/* probe.h - opening a PDF with libqpdf to see whether it is usable, and
 * whether it is signed. */
#ifndef CP_PDF_PROBE_H
#define CP_PDF_PROBE_H

#include <stdbool.h>

/* How many damaged pages cp__pdf_info lists. */
#define CP__PDF_DAMAGED_LIST 8

typedef enum {
	CP__PDF_OK,          /* opens, has pages */
	CP__PDF_PASSWORD,    /* needs a password to open */
	CP__PDF_BROKEN       /* cannot be read, or has no pages */
} cp__pdf_state;

typedef struct {
	cp__pdf_state state;
	int pages;            /* page count when OK */
	bool encrypted;       /* opens, but with an owner password */
	bool repaired;        /* libqpdf had to repair it (warnings) */
	char detail[512];     /* libqpdf's reason for BROKEN or repaired */
	/* With read_content, when OK: the pages whose content is damaged
	 * (content streams that cannot be decoded or do not tokenise;
	 * pdf/page_content_int.h), how many, the first few (1-based) and
	 * what is wrong with the first. */
	int damaged_pages;
	int damaged[CP__PDF_DAMAGED_LIST];
	char damage[240];
} cp__pdf_info;

/* Opens the PDF at `path` read-only and fills `info`; with
 * `read_content`, also decodes and reads every page's content (one
 * content stream in memory at a time).  Never changes the file.
 * Returns 0, or -1 when out of memory. */
int cp__pdf_probe(cp__pdf_info *info, const char *path, bool read_content);

/*
 * Whether the PDF at `path` carries a digital signature: a field of its
 * /AcroForm whose type is /Sig (its own /FT or one inherited from a
 * parent field) and whose value /V is a signature dictionary with a
 * /ByteRange array, as every signed e-invoice PDF has.  An empty
 * signature field (no /V) is no signature.  Reads only the form's
 * field tree (at most CP__PDF_SIG_MAX_FIELDS fields, nested at most
 * CP__PDF_SIG_MAX_DEPTH deep), never the pages; the signature is not
 * verified.  A PDF that cannot be opened (damaged, or needs a password)
 * is not signed as far as this says.  Sets *out and returns 0, or -1
 * when out of memory.
 */
#define CP__PDF_SIG_MAX_FIELDS 10000
#define CP__PDF_SIG_MAX_DEPTH 32
int cp__pdf_signed(bool *out, const char *path);

#endif
