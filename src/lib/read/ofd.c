/* ofd.c - facts from OFD e-invoices. */
#include "read/readers.h"

int
cp__read_ofd(cp__paper *paper, const char *path, unsigned flags)
{
	(void)path;
	(void)flags;
	paper->format = "ofd";
	return 0;
}

int
cp__read_ofd_memory(cp__paper *paper, const void *data, size_t len,
    unsigned flags)
{
	(void)data;
	(void)len;
	(void)flags;
	paper->format = "ofd";
	return 0;
}
