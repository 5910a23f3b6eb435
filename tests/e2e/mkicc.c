/*
 * mkicc.c - writes a small, valid ICC v2 RGB display profile (sRGB's
 * primaries adapted to D50, gamma 2.2 curves), for the end-to-end tests
 * (tests/e2e/formats.sh compiles it): no profile file comes with the
 * packages the tests rely on.  Uses no claimpack code.
 *
 *   mkicc OUT.icc DESCRIPTION
 *
 * DESCRIPTION (ASCII, at most 60 characters) goes into the 'desc' tag,
 * so that two profiles can differ.
 */
#include <stdio.h>
#include <string.h>

static unsigned char p[1024];

static void
be32(size_t at, unsigned long v)
{
	p[at] = (unsigned char)(v >> 24);
	p[at + 1] = (unsigned char)(v >> 16);
	p[at + 2] = (unsigned char)(v >> 8);
	p[at + 3] = (unsigned char)v;
}

/* An s15Fixed16Number. */
static void
fixed(size_t at, double v)
{
	be32(at, (unsigned long)(long)(v * 65536.0 + 0.5));
}

static void
xyz(size_t at, double x, double y, double z)
{
	memcpy(p + at, "XYZ ", 4);
	fixed(at + 8, x);
	fixed(at + 12, y);
	fixed(at + 16, z);
}

int
main(int argc, char **argv)
{
	/* Tag, offset and size in the table; data from 128 + 4 + 9 * 12. */
	static const char *const sig[] = { "desc", "cprt", "wtpt", "rXYZ",
		"gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC" };
	size_t off[9], len[9], at = 128 + 4 + 9 * 12, n, i;
	const char *desc;
	FILE *f;

	if (argc != 3 || strlen(argv[2]) > 60) {
		fprintf(stderr, "usage: mkicc OUT.icc DESCRIPTION\n");
		return 2;
	}
	desc = argv[2];
	/* desc: ASCII with its NUL, no Unicode, no ScriptCode. */
	n = strlen(desc) + 1;
	off[0] = at;
	memcpy(p + at, "desc", 4);
	be32(at + 8, n);
	memcpy(p + at + 12, desc, n);
	len[0] = 12 + n + 4 + 4 + 2 + 1 + 67;
	at += (len[0] + 3) & ~(size_t)3;
	off[1] = at;
	memcpy(p + at, "text", 4);
	memcpy(p + at + 8, "No copyright, use freely", 25);
	len[1] = 8 + 25;
	at += (len[1] + 3) & ~(size_t)3;
	/* The D50 white point and sRGB's primaries adapted to it. */
	off[2] = at;
	xyz(at, 0.9642, 1.0, 0.8249);
	off[3] = at + 20;
	xyz(at + 20, 0.4361, 0.2225, 0.0139);
	off[4] = at + 40;
	xyz(at + 40, 0.3851, 0.7169, 0.0971);
	off[5] = at + 60;
	xyz(at + 60, 0.1431, 0.0606, 0.7141);
	len[2] = len[3] = len[4] = len[5] = 20;
	at += 80;
	/* One curve, gamma 2.2 (u8Fixed8 0x0233), shared by the three. */
	memcpy(p + at, "curv", 4);
	be32(at + 8, 1);
	p[at + 12] = 0x02;
	p[at + 13] = 0x33;
	off[6] = off[7] = off[8] = at;
	len[6] = len[7] = len[8] = 14;
	at += 16;

	be32(0, at);
	memcpy(p + 4, "none", 4);
	be32(8, 0x02100000ul);
	memcpy(p + 12, "mntr", 4);
	memcpy(p + 16, "RGB ", 4);
	memcpy(p + 20, "XYZ ", 4);
	/* 2026-01-01 00:00:00 */
	p[24] = 0x07;
	p[25] = 0xea;
	p[27] = 1;
	p[29] = 1;
	memcpy(p + 36, "acsp", 4);
	fixed(68, 0.9642);
	fixed(72, 1.0);
	fixed(76, 0.8249);
	be32(128, 9);
	for (i = 0; i < 9; i++) {
		memcpy(p + 132 + i * 12, sig[i], 4);
		be32(132 + i * 12 + 4, off[i]);
		be32(132 + i * 12 + 8, len[i]);
	}
	if ((f = fopen(argv[1], "wb")) == NULL || fwrite(p, 1, at, f) != at ||
	    fclose(f) != 0) {
		perror(argv[1]);
		return 2;
	}
	return 0;
}
