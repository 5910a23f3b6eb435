/* pdf_reader.c - facts from a PDF's text layer and rendered pages. */
#include "read/readers.h"

int
cp__read_pdf(cp__paper *paper, const char *path, unsigned flags)
{
	(void)path;
	(void)flags;
	paper->format = "pdf";
	return 0;
}
