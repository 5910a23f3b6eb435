/*
 * mkqrphoto.c - writes a phone's photo of a paper with a small QR code on
 * it, for the tests of the photo reader (tests/test_read_photo.c includes
 * this file with MKQRPHOTO_NO_MAIN defined; an end-to-end test compiles
 * it as the other tools here, with
 *   ${CC:-cc} -o mkqrphoto mkqrphoto.c \
 *       $(pkg-config --cflags --libs libqrencode libturbojpeg libpng)
 * ).  Uses libqrencode, libturbojpeg and libpng, no claimpack code.
 *
 *   mkqrphoto [-n] [-Q] [-o ORIENTATION] [-b BLUR] [-d DATE] [-T DATE]
 *             [-t TEXT] [-s QR_PIXELS] [-a DEGREES] [-c CORNER]
 *             [-W WIDTH] [-H HEIGHT] [-q QUALITY] OUT.jpg|OUT.png
 *
 * The picture, as the phone shows it (upright, portrait): a light grey
 * noisy table under a white page lit unevenly, lines of text-like
 * strokes, and the QR code of TEXT (by default a real VAT invoice's)
 * QR_PIXELS wide (220, its quiet zone not counted: about 2 cm on an
 * A4 page photographed at 12 megapixels) near CORNER (tl, tr, bl or br; br by default), turned by
 * DEGREES (7) and drawn with bilinear sampling.  Then the whole picture
 * is box-blurred with radius BLUR (1; 0 for none) and given sensor
 * noise.  Its pixels are stored turned as a phone held upright stores
 * them for ORIENTATION (EXIF's numbers, 6 by default): the stored
 * picture is WIDTH x HEIGHT (4032 x 3024 by default), so with
 * orientation 5 to 8 the upright one is HEIGHT x WIDTH.
 *
 * A JPEG (quality QUALITY, 85; YCbCr 4:2:0 as a phone writes it) gets an
 * Exif APP1 segment, as phones write it, in place of the JFIF one:
 * ORIENTATION, DateTime (IFD0; -T, "YYYY:MM:DD HH:MM:SS") and
 * DateTimeOriginal (the Exif IFD; -d).  -n writes no Exif segment at
 * all; -Q draws no QR code.  A PNG (OUT ending in .png) holds the
 * pixels as stored and the same Exif data in an eXIf chunk (none with
 * -n), before its image data.  Everything is deterministic: one
 * set of options gives the same file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>
#include <qrencode.h>
#include <turbojpeg.h>

#define MKQR_PI 3.14159265358979323846

#define MKQR_VAT_TEXT \
	"01,10,033002000211,83089647,510.68,20200723,16197833567414507415,0941,"

typedef struct {
	const char *out;        /* .jpg or .png */
	const char *text;       /* the QR code's text; NULL: no code */
	const char *taken;      /* DateTimeOriginal, or NULL */
	const char *datetime;   /* IFD0 DateTime, or NULL */
	int exif;               /* write an Exif segment (JPEG only) */
	int orientation;        /* 1..8 */
	int blur;               /* box blur radius, 0..8 */
	int qr_px;              /* the code's side with its quiet zone */
	double degrees;
	char corner[3];
	int width, height;      /* as stored */
	int quality;
} mkqr_opts;

static void
mkqr_defaults(mkqr_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->text = MKQR_VAT_TEXT;
	o->exif = 1;
	o->orientation = 6;
	o->blur = 1;
	o->qr_px = 220;
	o->degrees = 7;
	strcpy(o->corner, "br");
	o->width = 4032;
	o->height = 3024;
	o->quality = 85;
}

/* A deterministic generator, so that each run draws the same picture. */
static uint32_t
mkqr_rand(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/* Sine and cosine of small angles by their series, floor of a number
 * not below -2: the test programs link no maths library. */
static double
mkqr_sin(double x)
{
	double term = x, sum = x;
	int i;

	for (i = 1; i < 12; i++) {
		term *= -x * x / ((2 * i) * (2 * i + 1));
		sum += term;
	}
	return sum;
}

static double
mkqr_cos(double x)
{
	double term = 1, sum = 1;
	int i;

	for (i = 1; i < 12; i++) {
		term *= -x * x / ((2 * i - 1) * (2 * i));
		sum += term;
	}
	return sum;
}

static int
mkqr_floor(double x)
{
	return (int)(x + 2) - 2;
}

static unsigned char
mkqr_clamp(int v)
{
	return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* Fills the rectangle [x0, x1) x [y0, y1) of the grey picture. */
static void
mkqr_fill(unsigned char *g, int w, int h, int x0, int y0, int x1, int y1,
    int v)
{
	int x, y;

	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > w) x1 = w;
	if (y1 > h) y1 = h;
	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++)
			g[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)v;
}

/* The module at (mx, my) of the code with its quiet zone of 4: 1 dark. */
static int
mkqr_module(const QRcode *qr, int mx, int my)
{
	mx -= 4;
	my -= 4;
	if (mx < 0 || my < 0 || mx >= qr->width || my >= qr->width)
		return 0;
	return qr->data[my * qr->width + mx] & 1;
}

/*
 * Draws the code of `text`, `side` pixels wide (its quiet zone not
 * counted), centred on (cx, cy) and turned by `degrees`, in ink over
 * what is there.  Each pixel is sampled
 * bilinearly from the code drawn 8 pixels a module, so that its edges
 * are as soft as a lens leaves them.
 */
static int
mkqr_draw_code(unsigned char *g, int w, int h, const char *text, int side,
    double cx, double cy, double degrees)
{
	const int sub = 8, ink = 35;
	double c = mkqr_cos(degrees * MKQR_PI / 180);
	double s = mkqr_sin(degrees * MKQR_PI / 180);
	double reach = side * 0.9, scale;
	QRcode *qr;
	int n, x, y;

	if ((qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)) == NULL)
		return -1;
	n = qr->width + 8;
	/* Sub-pixels a pixel: `side` is the code's, without its quiet
	 * zone. */
	scale = (double)qr->width * sub / side;
	for (y = (int)(cy - reach); y <= (int)(cy + reach); y++) {
		for (x = (int)(cx - reach); x <= (int)(cx + reach); x++) {
			double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
			/* The point in the unturned code, in sub-pixels. */
			double u = (c * dx + s * dy) * scale + n * sub / 2.0 - 0.5;
			double v = (-s * dx + c * dy) * scale + n * sub / 2.0 - 0.5;
			double fu, fv, dark = 0;
			int iu, iv, k, old;

			if (x < 0 || y < 0 || x >= w || y >= h ||
			    u < -1 || v < -1 || u > n * sub || v > n * sub)
				continue;
			iu = mkqr_floor(u);
			iv = mkqr_floor(v);
			fu = u - iu;
			fv = v - iv;
			for (k = 0; k < 4; k++) {
				int su = iu + (k & 1), sv = iv + (k >> 1);
				double wt = ((k & 1) ? fu : 1 - fu) *
				    ((k >> 1) ? fv : 1 - fv);

				if (su >= 0 && sv >= 0 && su < n * sub &&
				    sv < n * sub &&
				    mkqr_module(qr, su / sub, sv / sub))
					dark += wt;
			}
			old = g[(size_t)y * (size_t)w + (size_t)x];
			g[(size_t)y * (size_t)w + (size_t)x] =
			    mkqr_clamp((int)(old - dark * (old - ink) + 0.5));
		}
	}
	QRcode_free(qr);
	return 0;
}

/* One pass of a box blur of radius r along rows (or, with `vertical`,
 * columns), from `in` into `out`. */
static void
mkqr_blur_pass(const unsigned char *in, unsigned char *out, int w, int h,
    int r, int vertical)
{
	int len = vertical ? h : w, lines = vertical ? w : h;
	size_t step = vertical ? (size_t)w : 1, next = vertical ? 1 : (size_t)w;
	int i, j;

	for (j = 0; j < lines; j++) {
		const unsigned char *src = in + (size_t)j * next;
		unsigned char *dst = out + (size_t)j * next;
		int sum = 0, count = 0;

		for (i = 0; i < r && i < len; i++) {
			sum += src[(size_t)i * step];
			count++;
		}
		for (i = 0; i < len; i++) {
			if (i + r < len) {
				sum += src[(size_t)(i + r) * step];
				count++;
			}
			if (i - r - 1 >= 0) {
				sum -= src[(size_t)(i - r - 1) * step];
				count--;
			}
			dst[(size_t)i * step] = (unsigned char)(sum / count);
		}
	}
}

/*
 * The upright scene, `w` x `h` grey pixels: the table, the page, lines
 * of text, the code; blurred.  NULL when out of memory.
 */
static unsigned char *
mkqr_scene(const mkqr_opts *o, int w, int h)
{
	unsigned char *g, *tmp;
	uint32_t seed = 20200723;
	int px0 = w / 12, py0 = h / 14, px1 = w - w / 12, py1 = h - h / 16;
	int x, y, line, side = o->qr_px;
	double cx, cy;

	if ((g = malloc((size_t)w * (size_t)h)) == NULL)
		return NULL;
	/* The table, and the page lit brighter towards its top left. */
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			int v = 178 + (int)(mkqr_rand(&seed) % 24);

			if (x >= px0 && x < px1 && y >= py0 && y < py1)
				v = 244 - 22 * (x - px0) / (px1 - px0) -
				    16 * (y - py0) / (py1 - py0);
			g[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)v;
		}
	cx = o->corner[1] == 'l' ? px0 + side : px1 - side;
	cy = o->corner[0] == 't' ? py0 + side : py1 - side;
	/* A title, then lines of words, leaving the code's place blank. */
	mkqr_fill(g, w, h, w / 3, py0 + h / 20, w * 2 / 3, py0 + h / 20 + 40,
	    50);
	for (line = 0, y = py0 + h / 8; y < py1 - h / 8; y += 64, line++) {
		x = px0 + w / 20;
		while (x < px1 - w / 20) {
			int len = 20 + (int)(mkqr_rand(&seed) % 90);

			if (x + len > px1 - w / 20)
				break;
			if (o->text == NULL || x + len < cx - side ||
			    x > cx + side || y + 18 < cy - side ||
			    y > cy + side)
				mkqr_fill(g, w, h, x, y, x + len, y + 18,
				    45 + (int)(mkqr_rand(&seed) % 30));
			x += len + 14 + (int)(mkqr_rand(&seed) % 10);
		}
	}
	if (o->text != NULL) {
		if (mkqr_draw_code(g, w, h, o->text, side, cx, cy,
		    o->degrees) != 0) {
			free(g);
			return NULL;
		}
	}
	if (o->blur > 0) {
		if ((tmp = malloc((size_t)w * (size_t)h)) == NULL) {
			free(g);
			return NULL;
		}
		mkqr_blur_pass(g, tmp, w, h, o->blur, 0);
		mkqr_blur_pass(tmp, g, w, h, o->blur, 1);
		free(tmp);
	}
	return g;
}

/*
 * The stored pixels (RGB, `sw` x `sh`) of the upright scene `g` (`uw`
 * wide): pixel (x, y) as stored is the one EXIF's `orientation` shows
 * at (u, v), with a little colour and sensor noise.
 */
static unsigned char *
mkqr_store(const unsigned char *g, int uw, int uh, int sw, int sh,
    int orientation)
{
	unsigned char *rgb;
	uint32_t seed = 83089647;
	int x, y, u, v, n;

	if ((rgb = malloc((size_t)sw * (size_t)sh * 3)) == NULL)
		return NULL;
	for (y = 0; y < sh; y++) {
		for (x = 0; x < sw; x++) {
			unsigned char *p = rgb + ((size_t)y * (size_t)sw +
			    (size_t)x) * 3;

			switch (orientation) {
			case 2: u = sw - 1 - x; v = y; break;
			case 3: u = sw - 1 - x; v = sh - 1 - y; break;
			case 4: u = x; v = sh - 1 - y; break;
			case 5: u = y; v = x; break;
			case 6: u = sh - 1 - y; v = x; break;
			case 7: u = sh - 1 - y; v = sw - 1 - x; break;
			case 8: u = y; v = sw - 1 - x; break;
			default: u = x; v = y; break;
			}
			(void)uh;
			n = (int)(mkqr_rand(&seed) % 9) - 4;
			v = g[(size_t)v * (size_t)uw + (size_t)u] + n;
			p[0] = mkqr_clamp(v + 3);
			p[1] = mkqr_clamp(v);
			p[2] = mkqr_clamp(v - 8);
		}
	}
	return rgb;
}

static void
mkqr_le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
mkqr_le32(unsigned char *p, unsigned long v)
{
	mkqr_le16(p, (unsigned)(v & 0xffff));
	mkqr_le16(p + 2, (unsigned)(v >> 16));
}

/* One IFD entry (12 bytes). */
static void
mkqr_entry(unsigned char *p, unsigned tag, unsigned type,
    unsigned long count, unsigned long value)
{
	mkqr_le16(p, tag);
	mkqr_le16(p + 2, type);
	mkqr_le32(p + 4, count);
	if (type == 3 && count == 1) {
		mkqr_le16(p + 8, (unsigned)value);
		mkqr_le16(p + 10, 0);
	} else {
		mkqr_le32(p + 8, value);
	}
}

/*
 * An Exif APP1 payload ("Exif\0\0" and a little-endian TIFF structure)
 * as a phone writes one: IFD0 with Orientation, DateTime when given and
 * a pointer to the Exif IFD, which holds DateTimeOriginal when given.
 * Dates are written as given (19 characters and a NUL; a shorter one is
 * padded with NULs, as a damaged file might hold).  Returns the length
 * written into `buf` (at least 256 bytes).
 */
static size_t
mkqr_exif(unsigned char *buf, int orientation, const char *datetime,
    const char *taken)
{
	unsigned char *t = buf + 6;     /* the TIFF structure */
	unsigned n0 = 2 + (datetime != NULL), n1 = taken != NULL;
	unsigned long ifd0 = 8, exif_ifd, data;

	memset(buf, 0, 256);
	memcpy(buf, "Exif\0\0", 6);
	memcpy(t, "II*\0", 4);
	mkqr_le32(t + 4, ifd0);
	exif_ifd = ifd0 + 2 + 12 * n0 + 4;
	data = exif_ifd + 2 + 12 * n1 + 4;
	mkqr_le16(t + ifd0, n0);
	mkqr_entry(t + ifd0 + 2, 0x0112, 3, 1, (unsigned long)orientation);
	if (datetime != NULL) {
		mkqr_entry(t + ifd0 + 14, 0x0132, 2, 20, data);
		strncpy((char *)t + data, datetime, 19);
		data += 20;
	}
	mkqr_entry(t + ifd0 + 2 + 12 * (n0 - 1), 0x8769, 4, 1, exif_ifd);
	mkqr_le16(t + exif_ifd, n1);
	if (taken != NULL) {
		mkqr_entry(t + exif_ifd + 2, 0x9003, 2, 20, data);
		strncpy((char *)t + data, taken, 19);
		data += 20;
	}
	return 6 + data;
}

static int
mkqr_write_jpeg(const mkqr_opts *o, const unsigned char *rgb)
{
	unsigned char *jpeg = NULL, app1[4 + 256];
	unsigned long len = 0, skip = 2;
	size_t exif_len;
	tjhandle tj;
	FILE *f;
	int rc = -1;

	if ((tj = tjInitCompress()) == NULL)
		return -1;
	if (tjCompress2(tj, rgb, o->width, 0, o->height, TJPF_RGB, &jpeg,
	    &len, TJSAMP_420, o->quality, 0) != 0) {
		fprintf(stderr, "mkqrphoto: %s\n", tjGetErrorStr2(tj));
		goto out;
	}
	/* Phones write Exif in place of JFIF: the APP0 segment goes. */
	if (len > 6 && jpeg[2] == 0xff && jpeg[3] == 0xe0)
		skip = 4 + ((unsigned long)jpeg[4] << 8 | jpeg[5]);
	if ((f = fopen(o->out, "wb")) == NULL) {
		perror(o->out);
		goto out;
	}
	fwrite(jpeg, 1, 2, f);
	if (o->exif) {
		exif_len = mkqr_exif(app1 + 4, o->orientation, o->datetime,
		    o->taken);
		app1[0] = 0xff;
		app1[1] = 0xe1;
		app1[2] = (unsigned char)((exif_len + 2) >> 8);
		app1[3] = (unsigned char)(exif_len + 2);
		fwrite(app1, 1, exif_len + 4, f);
	}
	fwrite(jpeg + skip, 1, len - skip, f);
	rc = fclose(f) == 0 ? 0 : -1;
out:
	tjFree(jpeg);
	tjDestroy(tj);
	return rc;
}

static int
mkqr_write_png(const mkqr_opts *o, const unsigned char *rgb)
{
	unsigned char exif[256];
	size_t exif_len;
	png_structp png;
	png_infop info;
	FILE *f;
	int y;

	if ((f = fopen(o->out, "wb")) == NULL) {
		perror(o->out);
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
	    NULL);
	info = png != NULL ? png_create_info_struct(png) : NULL;
	if (info == NULL || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		fclose(f);
		return -1;
	}
	png_init_io(png, f);
	/* Fast: the tests write 12-megapixel pictures. */
	png_set_compression_level(png, 1);
	png_set_IHDR(png, info, (png_uint_32)o->width, (png_uint_32)o->height,
	    8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (o->exif) {
		/* eXIf holds the TIFF structure alone. */
		exif_len = mkqr_exif(exif, o->orientation, o->datetime,
		    o->taken);
		png_set_eXIf_1(png, info, (png_uint_32)(exif_len - 6),
		    exif + 6);
	}
	png_write_info(png, info);
	for (y = 0; y < o->height; y++)
		png_write_row(png, (png_bytep)(rgb + (size_t)y *
		    (size_t)o->width * 3));
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return fclose(f) == 0 ? 0 : -1;
}

/* The pixels of the picture `o` describes as stored: o->width x
 * o->height RGB, malloc'd; NULL (with a message on stderr) for options
 * out of range or when out of memory. */
static unsigned char *
mkqr_pixels(const mkqr_opts *o)
{
	unsigned char *g, *rgb;
	int uw = o->width, uh = o->height;

	if (o->width < 64 || o->height < 64 || o->width > 10000 ||
	    o->height > 10000 || o->orientation < 1 || o->orientation > 8 ||
	    o->blur < 0 || o->blur > 8 || o->degrees < -45 ||
	    o->degrees > 45 || (o->text != NULL && (o->qr_px < 40 ||
	    o->qr_px * 3 > (o->width < o->height ? o->width : o->height)))) {
		fprintf(stderr, "mkqrphoto: options out of range\n");
		return NULL;
	}
	if (o->orientation >= 5) {
		uw = o->height;
		uh = o->width;
	}
	if ((g = mkqr_scene(o, uw, uh)) == NULL)
		return NULL;
	rgb = mkqr_store(g, uw, uh, o->width, o->height, o->orientation);
	free(g);
	return rgb;
}

/* Writes the picture `o` describes.  0, or -1 (with a message on
 * stderr). */
static int
mkqr_write(const mkqr_opts *o)
{
	unsigned char *rgb;
	size_t n = strlen(o->out);
	int rc;

	if ((rgb = mkqr_pixels(o)) == NULL)
		return -1;
	if (n > 4 && strcmp(o->out + n - 4, ".png") == 0)
		rc = mkqr_write_png(o, rgb);
	else
		rc = mkqr_write_jpeg(o, rgb);
	free(rgb);
	return rc;
}

#ifndef MKQRPHOTO_NO_MAIN
int
main(int argc, char **argv)
{
	mkqr_opts o;
	int c;

	mkqr_defaults(&o);
	while ((c = getopt(argc, argv, "nQo:b:d:T:t:s:a:c:W:H:q:")) != -1) {
		switch (c) {
		case 'n': o.exif = 0; break;
		case 'Q': o.text = NULL; break;
		case 'o': o.orientation = atoi(optarg); break;
		case 'b': o.blur = atoi(optarg); break;
		case 'd': o.taken = optarg; break;
		case 'T': o.datetime = optarg; break;
		case 't': o.text = optarg; break;
		case 's': o.qr_px = atoi(optarg); break;
		case 'a': o.degrees = atof(optarg); break;
		case 'c': snprintf(o.corner, sizeof(o.corner), "%s", optarg);
			break;
		case 'W': o.width = atoi(optarg); break;
		case 'H': o.height = atoi(optarg); break;
		case 'q': o.quality = atoi(optarg); break;
		default: goto usage;
		}
	}
	if (optind != argc - 1 || strlen(o.corner) != 2 ||
	    strchr("tb", o.corner[0]) == NULL ||
	    strchr("lr", o.corner[1]) == NULL)
		goto usage;
	o.out = argv[optind];
	return mkqr_write(&o) == 0 ? 0 : 1;
usage:
	fprintf(stderr, "usage: mkqrphoto [-n] [-Q] [-o ORIENTATION] "
	    "[-b BLUR] [-d DATE] [-T DATE] [-t TEXT] [-s QR_PIXELS] "
	    "[-a DEGREES] [-c CORNER] [-W WIDTH] [-H HEIGHT] [-q QUALITY] "
	    "OUT.jpg|OUT.png\n");
	return 2;
}
#endif
