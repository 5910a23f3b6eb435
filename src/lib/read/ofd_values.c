/* ofd_values.c - the values OFD writes in its attributes: numbers and
 * lists of them (ST_Array), boxes, transforms, IDs, booleans, and the
 * offsets of characters with their "g" runs. */
#include "read/ofd_doc_int.h"

#include <math.h>
#include <string.h>

/* The most significant digits read, and the largest power of ten a
 * number may carry: every number read is finite, at most 1e45. */
#define SIG_DIGITS 15
#define MAX_EXP 30

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads the exponent after 'e' at *p into *exp (clamped), moving *p past
 * it; leaves *p when no digit follows. */
static void
read_exponent(const char **p, int *exp)
{
	const char *s = *p + 1;
	int neg = 0, e = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!is_digit(*s))
		return;
	for (; is_digit(*s); s++)
		if (e < 1000)
			e = e * 10 + (*s - '0');
	*exp += neg ? -e : e;
	*p = s;
}

int
cp__ofd_number(const char **p, double *out)
{
	const char *s = *p;
	int neg = 0, sig = 0, exp = 0;
	bool any = false;
	double v = 0;

	while (is_space(*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; is_digit(*s); s++, any = true) {
		if (sig < SIG_DIGITS) {
			v = v * 10 + (*s - '0');
			sig += v != 0;
		} else {
			exp++;          /* a digit past the precision kept */
		}
	}
	if (*s == '.')
		for (s++; is_digit(*s); s++, any = true)
			if (sig < SIG_DIGITS) {
				v = v * 10 + (*s - '0');
				sig += v != 0;
				exp--;
			}
	if (!any)
		return -1;
	if (*s == 'e' || *s == 'E')
		read_exponent(&s, &exp);
	if (exp > MAX_EXP)
		exp = MAX_EXP;
	if (exp < -2 * MAX_EXP - SIG_DIGITS)
		v = 0;
	else if (exp < 0)
		v /= pow(10, -exp);
	else if (exp > 0)
		v *= pow(10, exp);
	*p = s;
	*out = neg ? -v : v;
	return 0;
}

const char *
cp__ofd_content(const xmlNode *el)
{
	const xmlNode *t = el != NULL ? el->children : NULL;

	if (t == NULL || t->next != NULL || (t->type != XML_TEXT_NODE &&
	    t->type != XML_CDATA_SECTION_NODE))
		return NULL;
	return (const char *)t->content;
}

/* Reads up to `max` numbers of the list `s` (NULL reads none) into
 * `out`, stopping at the first that is none; returns how many. */
static size_t
numbers(const char *s, double *out, size_t max)
{
	size_t n = 0;

	while (s != NULL && n < max && cp__ofd_number(&s, &out[n]) == 0)
		n++;
	return n;
}

bool
cp__ofd_box(const char *s, double box[4])
{
	double v[4];

	if (numbers(s, v, 4) != 4 || v[2] < 0 || v[3] < 0)
		return false;
	memcpy(box, v, sizeof(v));
	return true;
}

bool
cp__ofd_ctm(const char *s, cp__ofd_matrix *m)
{
	double v[6];

	if (numbers(s, v, 6) != 6)
		return false;
	m->a = v[0];
	m->b = v[1];
	m->c = v[2];
	m->d = v[3];
	m->e = v[4];
	m->f = v[5];
	return true;
}

cp__ofd_matrix
cp__ofd_identity(void)
{
	cp__ofd_matrix m = { 1, 0, 0, 1, 0, 0 };

	return m;
}

cp__ofd_matrix
cp__ofd_translate(double x, double y)
{
	cp__ofd_matrix m = { 1, 0, 0, 1, x, y };

	return m;
}

cp__ofd_matrix
cp__ofd_scale(double sx, double sy)
{
	cp__ofd_matrix m = { sx, 0, 0, sy, 0, 0 };

	return m;
}

cp__ofd_matrix
cp__ofd_concat(const cp__ofd_matrix *first, const cp__ofd_matrix *then)
{
	const cp__ofd_matrix *p = first, *q = then;
	cp__ofd_matrix m;

	m.a = p->a * q->a + p->b * q->c;
	m.b = p->a * q->b + p->b * q->d;
	m.c = p->c * q->a + p->d * q->c;
	m.d = p->c * q->b + p->d * q->d;
	m.e = p->e * q->a + p->f * q->c + q->e;
	m.f = p->e * q->b + p->f * q->d + q->f;
	return m;
}

static bool
sane(double v)
{
	return isfinite(v) && fabs(v) <= 1e9;
}

bool
cp__ofd_matrix_sane(const cp__ofd_matrix *m)
{
	return sane(m->a) && sane(m->b) && sane(m->c) && sane(m->d) &&
	    sane(m->e) && sane(m->f);
}

bool
cp__ofd_id(const char *s, uint32_t *out)
{
	uint64_t v = 0;
	int digits = 0;

	if (s == NULL)
		return false;
	while (is_space(*s))
		s++;
	for (; is_digit(*s); s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (++digits > 10 || v > UINT32_MAX)
			return false;
	}
	while (is_space(*s))
		s++;
	if (digits == 0 || *s != '\0')
		return false;
	*out = (uint32_t)v;
	return true;
}

bool
cp__ofd_flag(const char *s, bool dflt)
{
	if (s == NULL)
		return dflt;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		return true;
	if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		return false;
	return dflt;
}

void
cp__ofd_deltas_init(cp__ofd_deltas *d, const char *s)
{
	d->p = s;
	d->value = 0;
	d->left = 0;
}

bool
cp__ofd_deltas_next(cp__ofd_deltas *d, double *out)
{
	double count;

	while (d->left == 0) {
		if (d->p == NULL)
			return false;
		while (is_space(*d->p))
			d->p++;
		if (*d->p != 'g')
			break;
		/* "g N V": V, N times; a run of none is passed over */
		d->p++;
		if (cp__ofd_number(&d->p, &count) != 0 ||
		    cp__ofd_number(&d->p, &d->value) != 0) {
			d->p = NULL;
			return false;
		}
		d->left = count < 1 ? 0 : count > 1e9 ? 1000000000ul :
		    (unsigned long)count;
	}
	if (d->left > 0) {
		d->left--;
		*out = d->value;
		return true;
	}
	if (d->p == NULL || cp__ofd_number(&d->p, out) != 0) {
		d->p = NULL;
		return false;
	}
	return true;
}
