/* ofd_abbrev.c - the AbbreviatedData of an OFD PathObject (GB/T 33190
 * 9.3) as segments: S and M start a subpath, L a line, Q a quadratic
 * and B a cubic curve, A an elliptical arc (as SVG writes arcs), C
 * closes.  Quadratics and arcs are made cubic, so that a painter knows
 * lines and cubics only. */
#include "read/ofd_draw_int.h"

#include <math.h>
#include <stdlib.h>

#define PI 3.14159265358979323846

/* Adds a segment; 0, 1 when the path would pass `max`, -1. */
static int
add(cp__ofd_segments *s, size_t max, cp__ofd_op op, const double *p, int n)
{
	cp__ofd_segment *seg;
	int i;

	if (s->n >= max)
		return 1;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;

		if ((seg = realloc(s->seg, cap * sizeof(*seg))) == NULL)
			return -1;
		s->seg = seg;
		s->cap = cap;
	}
	seg = &s->seg[s->n++];
	seg->op = op;
	for (i = 0; i < 6; i++)
		seg->p[i] = i < n ? p[i] : 0;
	return 0;
}

/* Where the pen is. */
typedef struct {
	double x, y;            /* the current point */
	double sx, sy;          /* where the subpath started */
	bool open;              /* a subpath was started (and not closed) */
} pen;

/* Starts a subpath at the current point unless one is open. */
static int
ensure_open(cp__ofd_segments *s, size_t max, pen *pn)
{
	double p[2] = { pn->x, pn->y };

	if (pn->open)
		return 0;
	pn->open = true;
	pn->sx = pn->x;
	pn->sy = pn->y;
	return add(s, max, CP__OFD_MOVE, p, 2);
}

static int
curve(cp__ofd_segments *s, size_t max, pen *pn, const double p[6])
{
	int rc;

	if ((rc = ensure_open(s, max, pn)) != 0)
		return rc;
	pn->x = p[4];
	pn->y = p[5];
	return add(s, max, CP__OFD_CURVE, p, 6);
}

static int
line(cp__ofd_segments *s, size_t max, pen *pn, double x, double y)
{
	double p[2] = { x, y };
	int rc;

	if ((rc = ensure_open(s, max, pn)) != 0)
		return rc;
	pn->x = x;
	pn->y = y;
	return add(s, max, CP__OFD_LINE, p, 2);
}

/* The quadratic from the pen through control (cx, cy) to (x, y). */
static int
quadratic(cp__ofd_segments *s, size_t max, pen *pn, const double q[4])
{
	double p[6];

	p[0] = pn->x + 2.0 / 3 * (q[0] - pn->x);
	p[1] = pn->y + 2.0 / 3 * (q[1] - pn->y);
	p[2] = q[2] + 2.0 / 3 * (q[0] - q[2]);
	p[3] = q[3] + 2.0 / 3 * (q[1] - q[3]);
	p[4] = q[2];
	p[5] = q[3];
	return curve(s, max, pn, p);
}

/* The angle from vector u to vector v. */
static double
angle(double ux, double uy, double vx, double vy)
{
	return atan2(ux * vy - uy * vx, ux * vx + uy * vy);
}

/*
 * The arc from the pen to (a[5], a[6]) on the ellipse of radii a[0],
 * a[1] turned by a[2] degrees, the large one when a[3] is 1, drawn in
 * the positive angle direction when a[4] is 1: SVG's endpoint
 * parameterization (SVG 1.1, F.6.5), into at most four cubics of a
 * quarter turn or less.
 */
static int
arc(cp__ofd_segments *s, size_t max, pen *pn, const double a[7])
{
	double rx = fabs(a[0]), ry = fabs(a[1]), phi = a[2] * PI / 180;
	double x1 = pn->x, y1 = pn->y, x2 = a[5], y2 = a[6];
	double c = cos(phi), sn = sin(phi), dx = (x1 - x2) / 2,
	    dy = (y1 - y2) / 2;
	double x1p = c * dx + sn * dy, y1p = -sn * dx + c * dy;
	double lambda, num, den, coef, cxp, cyp, cx, cy, t1, dt, step, k;
	int i, n, rc;

	if (x1 == x2 && y1 == y2)
		return 0;
	if (rx == 0 || ry == 0 || !isfinite(phi))
		return line(s, max, pn, x2, y2);
	lambda = x1p * x1p / (rx * rx) + y1p * y1p / (ry * ry);
	if (lambda > 1) {
		rx *= sqrt(lambda);
		ry *= sqrt(lambda);
	}
	num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
	den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
	coef = den > 0 && num > 0 ? sqrt(num / den) : 0;
	if ((a[3] != 0) == (a[4] != 0))
		coef = -coef;
	cxp = coef * rx * y1p / ry;
	cyp = -coef * ry * x1p / rx;
	cx = c * cxp - sn * cyp + (x1 + x2) / 2;
	cy = sn * cxp + c * cyp + (y1 + y2) / 2;
	t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
	dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx,
	    (-y1p - cyp) / ry);
	if (a[4] == 0 && dt > 0)
		dt -= 2 * PI;
	else if (a[4] != 0 && dt < 0)
		dt += 2 * PI;
	if (!isfinite(cx) || !isfinite(cy) || !isfinite(t1) || !isfinite(dt))
		return line(s, max, pn, x2, y2);
	n = (int)ceil(fabs(dt) / (PI / 2) - 1e-9);
	if (n < 1)
		n = 1;
	if (n > 4)
		n = 4;
	step = dt / n;
	k = 4.0 / 3 * tan(step / 4);
	for (i = 0; i < n; i++) {
		double a0 = t1 + i * step, a1 = a0 + step, p[6], u[6];
		int j;

		/* on the unit circle, then scaled, turned and moved */
		u[0] = cos(a0) - k * sin(a0);
		u[1] = sin(a0) + k * cos(a0);
		u[2] = cos(a1) + k * sin(a1);
		u[3] = sin(a1) - k * cos(a1);
		u[4] = cos(a1);
		u[5] = sin(a1);
		for (j = 0; j < 6; j += 2) {
			p[j] = c * rx * u[j] - sn * ry * u[j + 1] + cx;
			p[j + 1] = sn * rx * u[j] + c * ry * u[j + 1] + cy;
		}
		if (i == n - 1) {
			p[4] = x2;      /* exactly where the arc was to end */
			p[5] = y2;
		}
		if ((rc = curve(s, max, pn, p)) != 0)
			return rc;
	}
	return 0;
}

/* How many numbers each command takes. */
static int
arity(char cmd)
{
	switch (cmd) {
	case 'S':
	case 'M':
	case 'L':
		return 2;
	case 'Q':
		return 4;
	case 'B':
		return 6;
	case 'A':
		return 7;
	case 'C':
		return 0;
	default:
		return -1;
	}
}

/* Draws command `cmd` with its numbers `v`. */
static int
command(cp__ofd_segments *s, size_t max, pen *pn, char cmd, const double *v)
{
	switch (cmd) {
	case 'S':
	case 'M':
		pn->x = pn->sx = v[0];
		pn->y = pn->sy = v[1];
		pn->open = true;
		return add(s, max, CP__OFD_MOVE, v, 2);
	case 'L':
		return line(s, max, pn, v[0], v[1]);
	case 'Q':
		return quadratic(s, max, pn, v);
	case 'B':
		return curve(s, max, pn, v);
	case 'A':
		return arc(s, max, pn, v);
	default:
		if (!pn->open)
			return 0;
		pn->open = false;
		pn->x = pn->sx;
		pn->y = pn->sy;
		return add(s, max, CP__OFD_CLOSE, v, 0);
	}
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
cp__ofd_abbrev_parse(cp__ofd_segments *out, const char *data, size_t max)
{
	pen pn = { 0, 0, 0, 0, false };
	const char *p = data;
	char cmd = 0;
	double v[7];
	int n, i, rc;

	out->n = 0;
	while (p != NULL) {
		while (is_space(*p))
			p++;
		if (*p == '\0')
			break;
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
			cmd = *p++;
		} else if (cmd == 'S' || cmd == 'M') {
			cmd = 'L';      /* numbers after a move: lines */
		} else if (cmd == 'C' || cmd == 0) {
			break;          /* numbers nothing takes */
		}
		if ((n = arity(cmd)) < 0)
			break;          /* a command GB/T 33190 does not have */
		for (i = 0; i < n; i++)
			if (cp__ofd_number(&p, &v[i]) != 0)
				return 0;       /* the data ends mid-command */
		if ((rc = command(out, max, &pn, cmd, v)) != 0)
			return rc;
	}
	return 0;
}

void
cp__ofd_segments_free(cp__ofd_segments *s)
{
	free(s->seg);
	s->seg = NULL;
	s->n = s->cap = 0;
}
