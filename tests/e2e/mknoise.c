/*
 * mknoise.c - writes a JPEG that is as large as a phone photo of paper
 * for its size: paper-grey with deterministic noise and dark text-like
 * bars, at quality 95.  For the --max-size tests.
 *
 *   mknoise FILE WIDTH HEIGHT
 */
#include <stdio.h>
#include <stdlib.h>

#include <turbojpeg.h>

int
main(int argc, char **argv)
{
	unsigned char *px, *jpeg = NULL;
	unsigned long len = 0;
	unsigned long seed = 12345;
	long w, h, x, y;
	tjhandle tj;
	FILE *f;
	int v;

	if (argc != 4 || (w = atol(argv[2])) < 8 || (h = atol(argv[3])) < 8 ||
	    w > 8000 || h > 8000) {
		fprintf(stderr, "usage: mknoise FILE WIDTH HEIGHT (8..8000)\n");
		return 2;
	}
	if ((px = malloc((size_t)w * (size_t)h * 3)) == NULL)
		return 1;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			seed = seed * 1103515245u + 12345u;
			v = 200 + (int)((seed >> 16) % 40);
			/* Lines of "text": dark bars on every 40th band. */
			if ((y / 12) % 4 == 1 && (x / 30) % 5 != 4)
				v -= 150;
			px[(y * w + x) * 3] = (unsigned char)v;
			px[(y * w + x) * 3 + 1] = (unsigned char)(v - 4);
			px[(y * w + x) * 3 + 2] = (unsigned char)(v - 10);
		}
	if ((tj = tjInitCompress()) == NULL ||
	    tjCompress2(tj, px, (int)w, 0, (int)h, TJPF_RGB, &jpeg, &len,
	    TJSAMP_444, 95, 0) != 0) {
		fprintf(stderr, "mknoise: %s\n", tjGetErrorStr2(tj));
		return 1;
	}
	if ((f = fopen(argv[1], "wb")) == NULL ||
	    fwrite(jpeg, 1, len, f) != len || fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	tjFree(jpeg);
	tjDestroy(tj);
	free(px);
	return 0;
}
