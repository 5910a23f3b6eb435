/*
 * fuzz_dicom.c - cp__dicom_read_memory on any bytes.
 *
 * The input is a whole file, in a heap block of exactly its size, so
 * AddressSanitizer catches a read past it.  Checked against dicom.h:
 * the answer is 0, 1 or -1; on 1 the reason is a NUL-terminated,
 * non-empty fragment; on 0 every text field is NUL-terminated inside
 * its array and valid UTF-8, dates are "" or YYYY-MM-DD, sex is one of
 * "", M, F, O, frames at least 1.  The same bytes read twice give the
 * same header (no state kept between reads), and every prefix of the
 * input is an answer too.
 */
#include "input/dicom.h"
#include "util/utf8.h"
#include "fuzz.h"

static void
check_text(const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	FZ_ASSERT(n < size);
	FZ_ASSERT(cp__utf8_valid(s, n));
}

static void
check_date(const char *d)
{
	size_t i;

	if (d[0] == '\0')
		return;
	FZ_ASSERT(strlen(d) == 10 && d[4] == '-' && d[7] == '-');
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7)
			FZ_ASSERT(d[i] >= '0' && d[i] <= '9');
}

static void
check(const uint8_t *data, size_t size)
{
	cp__dicom_header h, again;
	char why[128], why2[128];
	int rc;

	memset(why, 'x', sizeof(why));
	rc = cp__dicom_read_memory(&h, data, size, why, sizeof(why));
	FZ_ASSERT(rc == 0 || rc == 1 || rc == -1);
	if (rc == 1) {
		FZ_ASSERT(strnlen(why, sizeof(why)) < sizeof(why));
		FZ_ASSERT(why[0] != '\0');
		return;
	}
	if (rc != 0)
		return;
	check_text(h.transfer_syntax, sizeof(h.transfer_syntax));
	check_text(h.charset, sizeof(h.charset));
	check_text(h.patient_name, sizeof(h.patient_name));
	check_text(h.patient_id, sizeof(h.patient_id));
	check_text(h.study_description, sizeof(h.study_description));
	check_text(h.modality, sizeof(h.modality));
	check_text(h.institution, sizeof(h.institution));
	check_text(h.study_uid, sizeof(h.study_uid));
	check_text(h.series_uid, sizeof(h.series_uid));
	check_text(h.sop_uid, sizeof(h.sop_uid));
	check_date(h.birth_date);
	check_date(h.study_date);
	FZ_ASSERT(h.sex[1] == '\0' && strchr("MFO", h.sex[0]) != NULL);
	FZ_ASSERT(h.frames >= 1);
	FZ_ASSERT(cp__dicom_read_memory(&again, data, size, why2,
	    sizeof(why2)) == 0);
	FZ_ASSERT(memcmp(&h, &again, sizeof(h)) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;
	size_t cut;

	if (size > FZ_MAX_INPUT)
		return 0;
	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	check(copy, size);
	free(copy);
	/* A prefix the input's last byte chooses, in its own block. */
	if (size > 1) {
		cut = (size_t)data[size - 1] * size / 256;
		if ((copy = malloc(cut ? cut : 1)) != NULL) {
			memcpy(copy, data, cut);
			check(copy, cut);
			free(copy);
		}
	}
	return 0;
}
