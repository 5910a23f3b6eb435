/* probe.h - opening a PDF with libqpdf to see whether it is usable. */
#ifndef CP_PDF_PROBE_H
#define CP_PDF_PROBE_H

#include <stdbool.h>

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
} cp__pdf_info;

/* Opens the PDF at `path` read-only and fills `info`.  Never changes the
 * file.  Returns 0, or -1 when out of memory. */
int cp__pdf_probe(cp__pdf_info *info, const char *path);

#endif
