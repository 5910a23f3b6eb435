/* paper.c - A4 and US Letter, with claimpack's margins. */
#include "bundle/paper.h"

cp__paper
cp__paper_of(cp_paper paper)
{
	cp__paper p;

	if (paper == CP_PAPER_LETTER) {
		p.width = 612;
		p.height = 792;
	} else {
		p.width = 595.28;
		p.height = 841.89;
	}
	p.margin = 48;
	p.top = 44;
	p.bottom = 40;
	return p;
}
