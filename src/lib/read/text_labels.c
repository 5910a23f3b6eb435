/* text_labels.c - labelled values in the text printed on a paper. */
#include "read/readers.h"

int
cp__read_text_labels(cp__paper *paper, const char *text, size_t len,
    int page, cp__fact_from from)
{
	(void)paper;
	(void)text;
	(void)len;
	(void)page;
	(void)from;
	return 0;
}
