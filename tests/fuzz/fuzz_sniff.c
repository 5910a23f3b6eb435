/*
 * fuzz_sniff.c - cp__sniff and cp__format_name on any bytes.
 *
 * The input is the head of a file.  libFuzzer hands it over in a heap
 * block of exactly `size` bytes, so AddressSanitizer catches a read past
 * `len`.  Checked against sniff.h: any length is fine (also 0 and every
 * prefix), the result is a format sniff.h lists, its name is never
 * NULL, and the JPEG and PNG signatures, which are checked first, always
 * win.
 */
#include "input/sniff.h"
#include "fuzz.h"

static void
check(const unsigned char *head, size_t len)
{
	cp__format f = cp__sniff(head, len);
	const char *name = cp__format_name(f);

	FZ_ASSERT(f >= CP__FORMAT_UNKNOWN && f <= CP__FORMAT_XML);
	FZ_ASSERT(name != NULL && name[0] != '\0');
	if (len >= 3 && memcmp(head, "\xff\xd8\xff", 3) == 0)
		FZ_ASSERT(f == CP__FORMAT_JPEG);
	else if (len >= 8 && memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0)
		FZ_ASSERT(f == CP__FORMAT_PNG);
	else
		FZ_ASSERT(f != CP__FORMAT_JPEG && f != CP__FORMAT_PNG);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy;

	if (size > FZ_MAX_INPUT)
		return 0;
	check(data, size);
	/* What check_files.c passes: the first CP__SNIFF_BYTES at most, in
	 * a buffer of that size. */
	if (size > CP__SNIFF_BYTES && (copy = malloc(CP__SNIFF_BYTES)) != NULL) {
		memcpy(copy, data, CP__SNIFF_BYTES);
		check(copy, CP__SNIFF_BYTES);
		free(copy);
	}
	/* A short prefix, in a block of its own size. */
	if (size > 0 && (copy = malloc(size / 2 + 1)) != NULL) {
		memcpy(copy, data, size / 2 + 1);
		check(copy, size / 2 + 1);
		free(copy);
	}
	cp__format_name((cp__format)(size % 64));
	return 0;
}
