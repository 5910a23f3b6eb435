/*
 * ink.c - how much of a rendered area is ink: reads a binary PGM (P5,
 * as `pdftoppm -gray` writes it) and prints the number of pixels darker
 * than mid grey.  The end-to-end tests use it to catch text that prints
 * blank.
 */
#include <stdio.h>

int
main(int argc, char **argv)
{
	FILE *f;
	int w, h, max, c;
	long dark = 0, i;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: ink FILE.pgm\n");
		return 2;
	}
	if (fscanf(f, "P5 %d %d %d", &w, &h, &max) != 3 || w <= 0 || h <= 0 ||
	    max != 255 || fgetc(f) == EOF) {
		fprintf(stderr, "ink: %s: not an 8-bit binary PGM\n", argv[1]);
		return 2;
	}
	for (i = 0; i < (long)w * h && (c = fgetc(f)) != EOF; i++)
		if (c < 128)
			dark++;
	fclose(f);
	printf("%ld\n", dark);
	return 0;
}
