/*
 * fuzz_read_paper.c - any bytes as a paper claimpack reads: the whole
 * path of cp__read_paper (sniffing, then the PDF reader with poppler's
 * text and rendered pages, the photo reader and its QR search, the OFD
 * and XML readers), as check and build read a fapiao (CP__READ_ALL).
 *
 * The input is handed over as a file that lives only in memory
 * (memfd_create, opened through /proc/self/fd): nothing is written to
 * TMPDIR.  Checked: the reader returns 0, the paper keeps the contract
 * of facts.h (fuzz_paper.h), and a problem is a sentence.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "read/read.h"
#include "fuzz.h"
#include "fuzz_paper.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp__paper_facts *paper;
	char path[64];
	int fd;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((fd = memfd_create("claimpack-fuzz", 0)) < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	FZ_ASSERT(cp__read_paper(&paper, path, "fuzz", CP__READ_ALL) == 0);
	fz_check_paper(paper);
	if (paper->problem != NULL)
		FZ_ASSERT(paper->problem[0] != '\0');
	cp__paper_free(paper);
	close(fd);
	return 0;
}
