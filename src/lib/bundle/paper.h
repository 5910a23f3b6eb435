/* paper.h - the geometry of the pages claimpack draws. */
#ifndef CP_PAPER_H
#define CP_PAPER_H

#include "claimpack.h"

/* A page size and its margins, in points. */
typedef struct {
	double width, height;
	double margin;          /* left and right */
	double top, bottom;
} cp__paper;

/* The size of the box each document page's stamp is drawn in. */
#define CP__STAMP_W 560.0
#define CP__STAMP_H 14.0

/* The geometry of A4 or US Letter. */
cp__paper cp__paper_of(cp_paper paper);

#endif
