/*
 * pagecmp.c - finds a picture with an opaque black outer ring on a
 * rendered page and compares it with the picture itself, for the
 * end-to-end tests (tests/e2e/raster.sh compiles it).  Uses no claimpack
 * code.
 *
 *   pagecmp PAGE.ppm PICTURE.ppm MEAN MAX
 *
 * PAGE is the part of a page rendered by pdftoppm (binary P6) that
 * holds the picture and nothing else dark, at a resolution where each
 * picture pixel covers several device pixels; PICTURE is the picture as
 * it should look (binary P6, say ImageMagick's decoding put on white).
 * The picture is found by its ring: the box around every dark pixel of
 * PAGE.  Each picture pixel is then read at the centre of the block it
 * covers.  Prints "mean M max X
 * scale S" and exits 0 when the mean difference per sample is at most
 * MEAN and none is above MAX; 1 when not, 2 when the picture is not
 * found or a file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
	unsigned w, h;
	unsigned char *px;
} image;

static int
read_ppm(const char *path, image *im)
{
	char magic[3];
	int maxval;
	FILE *f = fopen(path, "rb");

	if (f == NULL || fscanf(f, "%2s %u %u %d", magic, &im->w, &im->h,
	    &maxval) != 4 || magic[0] != 'P' || magic[1] != '6' ||
	    maxval != 255 || im->w == 0 || im->h == 0 || fgetc(f) == EOF) {
		fprintf(stderr, "pagecmp: %s: not an 8-bit binary PPM\n", path);
		return -1;
	}
	im->px = malloc((size_t)im->w * im->h * 3);
	if (im->px == NULL || fread(im->px, 3, (size_t)im->w * im->h, f) !=
	    (size_t)im->w * im->h) {
		fprintf(stderr, "pagecmp: %s: cut short\n", path);
		return -1;
	}
	fclose(f);
	return 0;
}

static int
dark(const image *im, unsigned x, unsigned y)
{
	const unsigned char *p = im->px + ((size_t)y * im->w + x) * 3;

	return p[0] + p[1] + p[2] < 3 * 100;
}

int
main(int argc, char **argv)
{
	image page, pic;
	unsigned left, right, top, bottom, x, y, c, px, py;
	double sx, sy, sum = 0, mean;
	int d, max = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: pagecmp PAGE.ppm PICTURE.ppm MEAN MAX\n");
		return 2;
	}
	if (read_ppm(argv[1], &page) != 0 || read_ppm(argv[2], &pic) != 0)
		return 2;
	left = page.w;
	right = 0;
	top = page.h;
	bottom = 0;
	for (y = 0; y < page.h; y++)
		for (x = 0; x < page.w; x++)
			if (dark(&page, x, y)) {
				left = x < left ? x : left;
				right = x + 1 > right ? x + 1 : right;
				top = y < top ? y : top;
				bottom = y + 1 > bottom ? y + 1 : bottom;
			}
	if (left >= right) {
		fprintf(stderr, "pagecmp: no picture on the page\n");
		return 2;
	}
	sx = (double)(right - left) / pic.w;
	sy = (double)(bottom - top) / pic.h;
	for (y = 0; y < pic.h; y++)
		for (x = 0; x < pic.w; x++) {
			px = left + (unsigned)(sx * (x + 0.5));
			py = top + (unsigned)(sy * (y + 0.5));
			for (c = 0; c < 3; c++) {
				d = page.px[((size_t)py * page.w + px) * 3 + c] -
				    pic.px[((size_t)y * pic.w + x) * 3 + c];
				d = d < 0 ? -d : d;
				sum += d;
				if (d > max)
					max = d;
			}
		}
	mean = sum / ((double)pic.w * pic.h * 3);
	printf("mean %.2f max %d scale %.2f x %.2f\n", mean, max, sx, sy);
	return mean <= atof(argv[3]) && max <= atoi(argv[4]) ? 0 : 1;
}
