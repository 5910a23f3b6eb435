/*
 * mkjpeg.c - writes the JPEGs of the JPEG tests with libjpeg.
 *
 *   mkjpeg FILE WIDTH HEIGHT rgb|grey|cmyk [arith] [progressive]
 *          [icc|bigicc|wrongicc] [noise] [junk]
 *
 * The picture: the left half red (grey: black), the right half white.
 * A CMYK one is stored as Photoshop writes it: an Adobe APP14 marker and
 * the ink inverted (255 - ink).
 *   arith        arithmetic-coded (SOF9; with progressive, SOF10)
 *   progressive  progressive scans
 *   icc          an ICC profile of the image's colours in one APP2 chunk:
 *                RGB primaries and white of sRGB with a 2.2 gamma, a grey
 *                2.2 gamma, or CMYK to Lab through a small table made
 *                from the naive conversion (red ink is red)
 *   bigicc       the same with 150 KB of a private tag more, so that
 *                libjpeg splits it into three APP2 chunks
 *   wrongicc     an RGB profile whatever the image's colours
 *   noise        every sample moved by up to 30 either way (a fixed
 *                pseudo-random sequence): a photo's weight, for --max-size
 *   junk         what libjpeg-turbo skips with a warning, before the
 *                frame header: stray bytes, a 0xFF 0x00 pair, a
 *                stand-alone RST0 marker and fill bytes
 * tests/e2e/jpeg.sh and tests/test_jpeg_page.c compile it on the fly
 * with -ljpeg.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

/* A profile being built, big-endian as ICC wants it. */
typedef struct {
	unsigned char *b;
	size_t n, cap;
} buf;

static void
put(buf *o, const void *p, size_t n)
{
	if (o->n + n > o->cap) {
		o->cap = (o->n + n) * 2;
		if ((o->b = realloc(o->b, o->cap)) == NULL)
			exit(1);
	}
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void
put8(buf *o, unsigned v)
{
	unsigned char c = (unsigned char)v;

	put(o, &c, 1);
}

static void
put16(buf *o, unsigned v)
{
	put8(o, v >> 8);
	put8(o, v & 0xff);
}

static void
put32(buf *o, uint32_t v)
{
	put16(o, v >> 16);
	put16(o, v & 0xffff);
}

static void
set32(buf *o, size_t at, uint32_t v)
{
	o->b[at] = (unsigned char)(v >> 24);
	o->b[at + 1] = (unsigned char)(v >> 16);
	o->b[at + 2] = (unsigned char)(v >> 8);
	o->b[at + 3] = (unsigned char)v;
}

/* s15Fixed16. */
static void
putfix(buf *o, double v)
{
	put32(o, (uint32_t)(int32_t)lround(v * 65536.0));
}

static void
pad4(buf *o)
{
	while (o->n % 4 != 0)
		put8(o, 0);
}

typedef struct {
	const char *sig;
	buf data;
} tag;

static void
xyz_tag(tag *t, const char *sig, double x, double y, double z)
{
	t->sig = sig;
	memset(&t->data, 0, sizeof(t->data));
	put(&t->data, "XYZ \0\0\0\0", 8);
	putfix(&t->data, x);
	putfix(&t->data, y);
	putfix(&t->data, z);
}

static void
text_tag(tag *t, const char *sig, const char *text)
{
	size_t i;

	t->sig = sig;
	memset(&t->data, 0, sizeof(t->data));
	if (strcmp(sig, "desc") == 0) {
		/* textDescriptionType: ASCII, no Unicode, no ScriptCode. */
		put(&t->data, "desc\0\0\0\0", 8);
		put32(&t->data, (uint32_t)strlen(text) + 1);
		put(&t->data, text, strlen(text) + 1);
		put32(&t->data, 0);
		put32(&t->data, 0);
		put16(&t->data, 0);
		put8(&t->data, 0);
		for (i = 0; i < 67; i++)
			put8(&t->data, 0);
	} else {
		put(&t->data, "text\0\0\0\0", 8);
		put(&t->data, text, strlen(text) + 1);
	}
}

/* A tone curve: a 2.2 gamma. */
static void
curve_tag(tag *t, const char *sig)
{
	t->sig = sig;
	memset(&t->data, 0, sizeof(t->data));
	put(&t->data, "curv\0\0\0\0", 8);
	put32(&t->data, 1);
	put16(&t->data, 0x0233);        /* 2.2 as u8Fixed8 */
}

/* D50 Lab of a naive CMYK ink mix (ink 0..1). */
static void
cmyk_lab(double c, double m, double y, double k, double lab[3])
{
	static const double mat[3][3] = {
		{ 0.4361, 0.3851, 0.1431 },
		{ 0.2225, 0.7169, 0.0606 },
		{ 0.0139, 0.0971, 0.7141 },
	};
	static const double white[3] = { 0.9642, 1.0, 0.8249 };
	double rgb[3] = { (1 - c) * (1 - k), (1 - m) * (1 - k),
	    (1 - y) * (1 - k) }, xyz[3], f[3];
	int i;

	for (i = 0; i < 3; i++) {
		xyz[i] = mat[i][0] * rgb[0] + mat[i][1] * rgb[1] +
		    mat[i][2] * rgb[2];
		xyz[i] /= white[i];
		f[i] = xyz[i] > 0.008856 ? cbrt(xyz[i]) :
		    7.787 * xyz[i] + 16.0 / 116;
	}
	lab[0] = 116 * f[1] - 16;
	lab[1] = 500 * (f[0] - f[1]);
	lab[2] = 200 * (f[1] - f[2]);
}

/* lut8Type from CMYK (ink, 0 none) to Lab: a 2-point grid per channel. */
static void
cmyk_lut_tag(tag *t)
{
	double lab[3];
	unsigned i, j, g;

	t->sig = "A2B0";
	memset(&t->data, 0, sizeof(t->data));
	put(&t->data, "mft1\0\0\0\0", 8);
	put8(&t->data, 4);
	put8(&t->data, 3);
	put8(&t->data, 2);
	put8(&t->data, 0);
	for (i = 0; i < 3; i++)         /* the identity matrix */
		for (j = 0; j < 3; j++)
			putfix(&t->data, i == j ? 1.0 : 0.0);
	for (i = 0; i < 4; i++)         /* input tables: identity */
		for (j = 0; j < 256; j++)
			put8(&t->data, j);
	for (g = 0; g < 16; g++) {      /* C slowest, K fastest */
		cmyk_lab(g >> 3 & 1, g >> 2 & 1, g >> 1 & 1, g & 1, lab);
		put8(&t->data, (unsigned)lround(lab[0] * 255.0 / 100.0));
		put8(&t->data, (unsigned)lround(lab[1] + 128));
		put8(&t->data, (unsigned)lround(lab[2] + 128));
	}
	for (i = 0; i < 3; i++)         /* output tables: identity */
		for (j = 0; j < 256; j++)
			put8(&t->data, j);
}

/* lut8Type back from Lab to CMYK, which colour engines also ask for:
 * grey ink by lightness, good enough for a test. */
static void
cmyk_back_tag(tag *t)
{
	unsigned i, j, g;

	t->sig = "B2A0";
	memset(&t->data, 0, sizeof(t->data));
	put(&t->data, "mft1\0\0\0\0", 8);
	put8(&t->data, 3);
	put8(&t->data, 4);
	put8(&t->data, 2);
	put8(&t->data, 0);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			putfix(&t->data, i == j ? 1.0 : 0.0);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 256; j++)
			put8(&t->data, j);
	for (g = 0; g < 8; g++) {       /* L slowest */
		put8(&t->data, 0);
		put8(&t->data, 0);
		put8(&t->data, 0);
		put8(&t->data, g >> 2 & 1 ? 0 : 255);
	}
	for (i = 0; i < 4; i++)
		for (j = 0; j < 256; j++)
			put8(&t->data, j);
}

/* A private tag of `n` bytes ('data' type), to make a profile large. */
static void
padding_tag(tag *t, size_t n)
{
	size_t i;

	t->sig = "cpad";
	memset(&t->data, 0, sizeof(t->data));
	put(&t->data, "data\0\0\0\0", 8);
	put32(&t->data, 1);             /* binary */
	for (i = 0; i < n; i++)
		put8(&t->data, (unsigned)(i * 7 + 1));
}

/* A whole profile for `space` ("RGB ", "GRAY", "CMYK"). */
static buf
profile(const char *space, size_t padding)
{
	tag tags[11];
	buf o = { NULL, 0, 0 };
	size_t n = 0, i, at, table;
	int cmyk = strcmp(space, "CMYK") == 0;

	text_tag(&tags[n++], "desc", "claimpack test profile");
	text_tag(&tags[n++], "cprt", "No copyright, use freely");
	xyz_tag(&tags[n++], "wtpt", 0.9642, 1.0, 0.8249);
	if (strcmp(space, "RGB ") == 0) {
		xyz_tag(&tags[n++], "rXYZ", 0.4361, 0.2225, 0.0139);
		xyz_tag(&tags[n++], "gXYZ", 0.3851, 0.7169, 0.0971);
		xyz_tag(&tags[n++], "bXYZ", 0.1431, 0.0606, 0.7141);
		curve_tag(&tags[n++], "rTRC");
		curve_tag(&tags[n++], "gTRC");
		curve_tag(&tags[n++], "bTRC");
	} else if (cmyk) {
		cmyk_lut_tag(&tags[n++]);
		cmyk_back_tag(&tags[n++]);
	} else {
		curve_tag(&tags[n++], "kTRC");
	}
	if (padding > 0)
		padding_tag(&tags[n++], padding);
	/* The header: size (set last), version 2.1, class, spaces, date,
	 * 'acsp', rendering intent, the PCS illuminant (D50). */
	put32(&o, 0);
	put32(&o, 0);
	put32(&o, 0x02100000);
	put(&o, cmyk ? "prtr" : "mntr", 4);
	put(&o, space, 4);
	put(&o, cmyk ? "Lab " : "XYZ ", 4);
	put16(&o, 2026);
	put16(&o, 1);
	put16(&o, 1);
	put16(&o, 0);
	put16(&o, 0);
	put16(&o, 0);
	put(&o, "acsp", 4);
	while (o.n < 64)
		put8(&o, 0);
	put32(&o, 0);                   /* perceptual */
	putfix(&o, 0.9642);
	putfix(&o, 1.0);
	putfix(&o, 0.8249);
	while (o.n < 128)
		put8(&o, 0);
	put32(&o, (uint32_t)n);
	table = o.n;
	for (i = 0; i < n; i++) {
		put(&o, tags[i].sig, 4);
		put32(&o, 0);
		put32(&o, 0);
	}
	for (i = 0; i < n; i++) {
		pad4(&o);
		at = o.n;
		put(&o, tags[i].data.b, tags[i].data.n);
		set32(&o, table + i * 12 + 4, (uint32_t)at);
		set32(&o, table + i * 12 + 8, (uint32_t)tags[i].data.n);
		free(tags[i].data.b);
	}
	set32(&o, 0, (uint32_t)o.n);
	return o;
}

static int
has(int argc, char **argv, const char *word)
{
	int i;

	for (i = 5; i < argc; i++)
		if (strcmp(argv[i], word) == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	static const unsigned char junk[] = "\x00garbage\xff\x00\xff\xd0\xff\xff";
	struct jpeg_compress_struct cinfo;
	struct jpeg_error_mgr jerr;
	unsigned char *row, *noisy, *mem = NULL;
	unsigned seed = 1;
	unsigned long mem_len = 0;
	const char *model, *space;
	JSAMPROW rows[1];
	long w, h, x, y;
	size_t at;
	int nc, c, left, v;
	buf icc = { NULL, 0, 0 };
	FILE *f;

	if (argc < 5 || (w = atol(argv[2])) < 1 || (h = atol(argv[3])) < 1 ||
	    w > 4000 || h > 4000) {
		fprintf(stderr, "usage: mkjpeg FILE WIDTH HEIGHT rgb|grey|cmyk "
		    "[arith] [progressive] [icc|bigicc|wrongicc] [noise] [junk]\n");
		return 2;
	}
	model = argv[4];
	nc = strcmp(model, "grey") == 0 ? 1 : strcmp(model, "cmyk") == 0 ?
	    4 : 3;
	space = nc == 1 ? "GRAY" : nc == 4 ? "CMYK" : "RGB ";
	if ((row = malloc((size_t)w * (size_t)nc)) == NULL)
		return 1;
	for (x = 0; x < w; x++) {
		left = x < w / 2;
		for (c = 0; c < nc; c++) {
			if (nc == 1)
				row[x] = left ? 0 : 255;
			else if (nc == 3)
				row[x * 3 + c] = left && c > 0 ? 0 : 255;
			else    /* inverted ink: 255 none; red is M + Y */
				row[x * 4 + c] = left && (c == 1 || c == 2) ?
				    0 : 255;
		}
	}
	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, &mem, &mem_len);
	cinfo.image_width = (JDIMENSION)w;
	cinfo.image_height = (JDIMENSION)h;
	cinfo.input_components = nc;
	cinfo.in_color_space = nc == 1 ? JCS_GRAYSCALE : nc == 4 ? JCS_CMYK :
	    JCS_RGB;
	jpeg_set_defaults(&cinfo);
	if (nc == 4) {
		jpeg_set_colorspace(&cinfo, JCS_CMYK);
		cinfo.write_Adobe_marker = TRUE;
		cinfo.write_JFIF_header = FALSE;
	}
	jpeg_set_quality(&cinfo, 95, TRUE);
	if (has(argc, argv, "arith"))
		cinfo.arith_code = TRUE;
	if (has(argc, argv, "progressive"))
		jpeg_simple_progression(&cinfo);
	jpeg_start_compress(&cinfo, TRUE);
	if (has(argc, argv, "icc") || has(argc, argv, "bigicc") ||
	    has(argc, argv, "wrongicc")) {
		icc = profile(has(argc, argv, "wrongicc") ? "RGB " : space,
		    has(argc, argv, "bigicc") ? 150000 : 0);
		jpeg_write_icc_profile(&cinfo, icc.b, (unsigned)icc.n);
	}
	if ((noisy = malloc((size_t)w * (size_t)nc)) == NULL)
		return 1;
	rows[0] = has(argc, argv, "noise") ? noisy : row;
	for (y = 0; y < h; y++) {
		for (x = 0; x < w * nc; x++) {
			seed = seed * 1103515245u + 12345u;
			v = row[x] + (int)(seed >> 16) % 61 - 30;
			noisy[x] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
		}
		jpeg_write_scanlines(&cinfo, rows, 1);
	}
	free(noisy);
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	free(row);
	free(icc.b);

	if ((f = fopen(argv[1], "wb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	/* The junk goes right before the frame header (SOF0/2/9/10),
	 * found segment by segment. */
	at = mem_len;
	if (has(argc, argv, "junk"))
		for (at = 2; at + 3 < mem_len && (mem[at + 1] < 0xc0 ||
		    mem[at + 1] > 0xcf || mem[at + 1] == 0xc4 ||
		    mem[at + 1] == 0xcc); )
			at += 2 + ((size_t)mem[at + 2] << 8 | mem[at + 3]);
	fwrite(mem, 1, at, f);
	if (at < mem_len) {
		fwrite(junk, 1, sizeof(junk) - 1, f);
		fwrite(mem + at, 1, mem_len - at, f);
	}
	free(mem);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
