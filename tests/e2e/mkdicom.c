/*
 * mkdicom.c - writes DICOM files for the tests (tests/dicom_writer.h).
 *
 *   mkdicom OUT.dcm [--ts ivrle|evrle|evrbe|deflate|jpeg]
 *       [--charset 'ISO_IR 100'] [--name TEXT | --name-hex HEX]
 *       [--id ID] [--birth YYYYMMDD] [--sex M|F|HEX:...] [--date YYYYMMDD]
 *       [--study UID] [--series UID] [--sop UID] [--modality CT]
 *       [--institution TEXT] [--description TEXT] [--frames N]
 *       [--no-preamble] [--no-meta] [--undefined-seq] [--nest N]
 *       [--claim BYTES] [--pixel-claim BYTES] [--pixels BYTES]
 *       [--truncate N]
 *   mkdicom dicomdir OUT FILE...
 *
 * Text options are written as given (bytes); --name-hex takes the name's
 * bytes in hexadecimal ("cdf5d0a1b6ab" is 王小东 in GBK), and a value
 * starting with "hex:" is read the same way.  The dicomdir mode lists
 * each FILE (a path below OUT's folder) as an IMAGE record.  Exits 0,
 * or 2 with a message on a bad option.
 *
 * Build: cc -o mkdicom tests/e2e/mkdicom.c -lz
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dicom_writer.h"

static void
usage(void)
{
	fprintf(stderr, "usage: mkdicom OUT.dcm [--ts ivrle|evrle|evrbe|"
	    "deflate|jpeg] [--charset CS] [--name TEXT|--name-hex HEX] "
	    "[--id ID] [--birth DATE] [--sex SEX] [--date DATE] "
	    "[--study UID] [--series UID] [--sop UID] [--modality M] "
	    "[--institution TEXT] [--description TEXT] [--frames N] "
	    "[--no-preamble] [--no-meta] [--undefined-seq] [--nest N] "
	    "[--claim N] [--pixel-claim N] [--pixels N] [--truncate N]\n"
	    "       mkdicom dicomdir OUT FILE...\n");
	exit(2);
}

/* "hex:..." (or any text for --name-hex) as bytes, in a new string. */
static char *
unhex(const char *s, size_t *len)
{
	size_t n = strlen(s) / 2, i;
	char *b = malloc(n + 1);
	unsigned v;

	if (b == NULL || strlen(s) % 2 != 0)
		usage();
	for (i = 0; i < n; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			usage();
		b[i] = (char)v;
	}
	b[n] = '\0';
	*len = n;
	return b;
}

static const char *
text(const char *s)
{
	size_t n;

	return strncmp(s, "hex:", 4) == 0 ? unhex(s + 4, &n) : s;
}

int
main(int argc, char **argv)
{
	dw_options o;
	const char *v;
	int i;

	if (argc >= 3 && strcmp(argv[1], "dicomdir") == 0)
		return dw_write_dicomdir(argv[2], (const char *const *)argv + 3,
		    (size_t)(argc - 3)) == 0 ? 0 : 1;
	if (argc < 2 || argv[1][0] == '-')
		usage();
	memset(&o, 0, sizeof(o));
	o.ts = DW_EVRLE;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--no-preamble") == 0) {
			o.no_preamble = true;
			continue;
		}
		if (strcmp(a, "--no-meta") == 0) {
			o.no_preamble = o.no_meta = true;
			continue;
		}
		if (strcmp(a, "--undefined-seq") == 0) {
			o.undefined_seq = true;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		v = argv[++i];
		if (strcmp(a, "--ts") == 0) {
			if (strcmp(v, "ivrle") == 0) o.ts = DW_IVRLE;
			else if (strcmp(v, "evrle") == 0) o.ts = DW_EVRLE;
			else if (strcmp(v, "evrbe") == 0) o.ts = DW_EVRBE;
			else if (strcmp(v, "deflate") == 0) o.ts = DW_DEFLATE;
			else if (strcmp(v, "jpeg") == 0) o.ts = DW_JPEG;
			else usage();
		} else if (strcmp(a, "--charset") == 0) o.charset = v;
		else if (strcmp(a, "--name") == 0) o.name = text(v);
		else if (strcmp(a, "--name-hex") == 0)
			o.name = unhex(v, &o.name_len);
		else if (strcmp(a, "--id") == 0) o.id = text(v);
		else if (strcmp(a, "--birth") == 0) o.birth = v;
		else if (strcmp(a, "--sex") == 0) o.sex = text(v);
		else if (strcmp(a, "--date") == 0) o.date = v;
		else if (strcmp(a, "--study") == 0) o.study = v;
		else if (strcmp(a, "--series") == 0) o.series = v;
		else if (strcmp(a, "--sop") == 0) o.sop = v;
		else if (strcmp(a, "--modality") == 0) o.modality = v;
		else if (strcmp(a, "--institution") == 0) o.institution = text(v);
		else if (strcmp(a, "--description") == 0) o.description = text(v);
		else if (strcmp(a, "--frames") == 0) o.frames = v;
		else if (strcmp(a, "--nest") == 0) o.nest = atoi(v);
		else if (strcmp(a, "--claim") == 0)
			o.claim = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--pixel-claim") == 0)
			o.pixel_claim = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--pixels") == 0)
			o.pixels = strtoul(v, NULL, 10);
		else if (strcmp(a, "--truncate") == 0)
			o.truncate = strtoul(v, NULL, 10);
		else
			usage();
	}
	if (dw_write(argv[1], &o) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
