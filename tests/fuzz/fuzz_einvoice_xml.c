/*
 * fuzz_einvoice_xml.c - cp__read_einvoice_xml on any bytes.
 *
 * The input is the XML, in a heap block of its exact size (libFuzzer's
 * own copy), so AddressSanitizer sees any read past its end.  Checked:
 * the reader returns 0 (never -1: nothing here runs out of memory), the
 * format is "xml", a paper without a problem holds an invoice, and the
 * paper keeps the contract of facts.h (fuzz_paper.h).
 */
#include "read/readers.h"
#include "fuzz.h"
#include "fuzz_paper.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp__paper_facts *paper;

	if (size > FZ_MAX_INPUT)
		return 0;
	paper = cp__paper_new("fuzz.xml");
	FZ_ASSERT(paper != NULL);
	FZ_ASSERT(cp__read_einvoice_xml(paper, (const char *)data, size) == 0);
	FZ_ASSERT(strcmp(paper->format, "xml") == 0);
	/* no problem: something of an invoice was read (its QR at least) */
	if (paper->problem == NULL)
		FZ_ASSERT(paper->invoice.present || paper->nlinks > 0 ||
		    paper->invoice.qr.text != NULL);
	fz_check_paper(paper);
	cp__paper_free(paper);
	return 0;
}
