/*
 * fuzz_ofd.c - cp__read_ofd_memory with CP__READ_ALL on any package.
 *
 * An input that starts with "PK" is read as it is: damaged ZIP
 * directories, entries, sizes and names.  Any other input is first made
 * into a valid ZIP (fuzz_zip.h), to put the XML and the images inside
 * in front of the readers.
 *
 * Checked: the reader returns 0 (never -1: nothing here runs out of
 * memory), the format is "ofd", and the paper keeps the contract of
 * facts.h (fuzz_paper.h).
 */
#include "read/read.h"
#include "read/readers.h"
#include "fuzz.h"
#include "fuzz_paper.h"
#include "fuzz_zip.h"

static void
read_once(const uint8_t *data, size_t size)
{
	cp__paper_facts *paper = cp__paper_new("fuzz.ofd");

	FZ_ASSERT(paper != NULL);
	FZ_ASSERT(cp__read_ofd_memory(paper, data, size, CP__READ_ALL) == 0);
	FZ_ASSERT(strcmp(paper->format, "ofd") == 0);
	fz_check_paper(paper);
	cp__paper_free(paper);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_on_package(data, size, read_once);
	return 0;
}
