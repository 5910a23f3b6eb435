/*
 * mkpng.c - writes an RGBA PNG with transparency, for the tests.
 *
 *   mkpng FILE WIDTH HEIGHT
 *
 * The picture: the left half opaque red (255, 0, 0, alpha 255), the right
 * half fully transparent black (0, 0, 0, alpha 0).  A renderer that drops
 * the alpha channel shows the right half black; one that keeps it shows
 * the page through it.  The pixels go into stored (uncompressed) deflate
 * blocks, so no zlib is needed: the CRC-32 and Adler-32 are computed here.
 * tests/e2e/images.sh compiles this on the fly (make_png_alpha).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static void
crc_init(void)
{
	uint32_t c;
	int n, k;

	for (n = 0; n < 256; n++) {
		c = (uint32_t)n;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t
crc_add(uint32_t crc, const unsigned char *p, size_t n)
{
	while (n-- > 0)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Writes one chunk: length, type, data, CRC of type and data. */
static int
chunk(FILE *f, const char *type, const unsigned char *data, size_t len)
{
	unsigned char b[4];
	uint32_t crc;

	put32(b, (uint32_t)len);
	crc = crc_add(0xffffffffu, (const unsigned char *)type, 4);
	crc = crc_add(crc, data, len);
	if (fwrite(b, 1, 4, f) != 4 || fwrite(type, 1, 4, f) != 4 ||
	    (len > 0 && fwrite(data, 1, len, f) != len))
		return -1;
	put32(b, crc ^ 0xffffffffu);
	return fwrite(b, 1, 4, f) == 4 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	unsigned char ihdr[13], *raw, *z;
	size_t row, rawlen, zlen, at, i, n;
	uint32_t a = 1, b = 0;
	long w, h, x, y;
	FILE *f;

	/* Modes: rgba (8-bit RGBA, the default), palette (8-bit indexed,
	 * red and white), rgb16 (16-bit RGB).  The left half is red. */
	const char *mode = argc == 5 ? argv[4] : "rgba";
	const char *pixel;
	size_t bpp;

	if ((argc != 4 && argc != 5) || (w = atol(argv[2])) < 1 ||
	    (h = atol(argv[3])) < 1 || w > 4000 || h > 4000) {
		fprintf(stderr, "usage: mkpng FILE WIDTH HEIGHT (1..4000) "
		    "[rgba|palette|rgb16]\n");
		return 2;
	}
	if (strcmp(mode, "palette") == 0)
		bpp = 1, pixel = "\x00";
	else if (strcmp(mode, "rgb16") == 0)
		bpp = 6, pixel = "\xff\xff\x00\x00\x00\x00";
	else
		bpp = 4, pixel = "\xff\x00\x00\xff";
	crc_init();
	row = 1 + (size_t)w * bpp;
	rawlen = row * (size_t)h;
	if ((raw = calloc(1, rawlen)) == NULL)
		return 1;
	for (y = 0; y < h; y++)         /* filter byte 0, then pixels */
		for (x = 0; x < w; x++)
			memcpy(raw + (size_t)y * row + 1 + (size_t)x * bpp,
			    x < w / 2 ? pixel : bpp == 1 ? "\x01" :
			    bpp == 6 ? "\xff\xff\xff\xff\xff\xff" :
			    "\x00\x00\x00\x00", bpp);

	/* zlib header, stored blocks of at most 65535 bytes, Adler-32. */
	zlen = 2 + rawlen + 5 * (rawlen / 65535 + 1) + 4;
	if ((z = malloc(zlen)) == NULL)
		return 1;
	z[0] = 0x78;
	z[1] = 0x01;
	at = 2;
	for (i = 0; i < rawlen; i += n) {
		n = rawlen - i > 65535 ? 65535 : rawlen - i;
		z[at++] = i + n == rawlen ? 1 : 0;      /* BFINAL, BTYPE 00 */
		z[at++] = (unsigned char)(n & 0xff);
		z[at++] = (unsigned char)(n >> 8);
		z[at++] = (unsigned char)(~n & 0xff);
		z[at++] = (unsigned char)((~n >> 8) & 0xff);
		memcpy(z + at, raw + i, n);
		at += n;
	}
	for (i = 0; i < rawlen; i++) {
		a = (a + raw[i]) % 65521;
		b = (b + a) % 65521;
	}
	put32(z + at, b << 16 | a);
	at += 4;

	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = bpp == 6 ? 16 : 8;            /* bits per sample */
	ihdr[9] = bpp == 1 ? 3 : bpp == 6 ? 2 : 6; /* indexed, RGB, RGBA */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	if ((f = fopen(argv[1], "wb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	if (fwrite("\x89PNG\r\n\x1a\n", 1, 8, f) != 8 ||
	    chunk(f, "IHDR", ihdr, sizeof(ihdr)) != 0 ||
	    (bpp == 1 && chunk(f, "PLTE", (const unsigned char *)
	    "\xff\x00\x00\xff\xff\xff", 6) != 0) ||
	    chunk(f, "IDAT", z, at) != 0 || chunk(f, "IEND", NULL, 0) != 0 ||
	    fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	free(raw);
	free(z);
	return 0;
}
