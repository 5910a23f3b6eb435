/*
 * fuzz_content_scan.c - the content stream lexer on any bytes.
 *
 * Checked against content_scan.h: any input (also a NUL, every prefix)
 * scans without reading past it; any split of the bytes gives the same
 * result as one piece; damage lies within the bytes fed; no more q are
 * open than the input has; the tokens it reports lie in order inside
 * the input, each what its kind says; and the stamp's promise: content
 * the lexer calls whole, with no Q beyond its q, wrapped the way stamp.c
 * wraps it ("q", the content, a newline, ET if a text object is open, a
 * Q per q left open and one more, then the stamp's operators), scans
 * whole with nothing left open, so that the stamp is drawn in a clean
 * state.
 */
#include "pdf/content_scan.h"
#include "fuzz.h"

static cp__content_scan
scan_at_once(const uint8_t *data, size_t size)
{
	cp__content_scan s;

	cp__content_scan_start(&s);
	cp__content_scan_feed(&s, data, size);
	cp__content_scan_end(&s);
	return s;
}

/* In pieces whose lengths come from the data itself. */
static cp__content_scan
scan_in_pieces(const uint8_t *data, size_t size)
{
	cp__content_scan s;
	size_t at = 0, n;

	cp__content_scan_start(&s);
	while (at < size) {
		n = 1 + data[at] % 7;
		if (n > size - at)
			n = size - at;
		cp__content_scan_feed(&s, data + at, n);
		at += n;
	}
	cp__content_scan_end(&s);
	return s;
}

static void
same(const cp__content_scan *a, const cp__content_scan *b)
{
	FZ_ASSERT(a->damage == b->damage);
	FZ_ASSERT(a->damage_at == b->damage_at);
	FZ_ASSERT(a->unbalanced == b->unbalanced);
	FZ_ASSERT(a->open_q == b->open_q);
	FZ_ASSERT(a->open_text == b->open_text);
}

/* The stamp's wrapping of whole content, scanned. */
static void
check_wrapped(const uint8_t *data, size_t size, const cp__content_scan *s)
{
	static const unsigned char q_op[] = "q\n";
	static const unsigned char stamp[] =
	    "q 0.5 0 0 0.5 10 6 cm 0 0 560 14 re W n\n0.38 0.42 0.48 rg\n"
	    "BT\n/CPStamp0 7.5 Tf\n193.7 4.25 Td\n(\0C\0G) Tj\nET\n\nQ\n";
	cp__content_scan w;
	uint64_t k;

	cp__content_scan_start(&w);
	cp__content_scan_feed(&w, q_op, 2);
	cp__content_scan_feed(&w, data, size);
	cp__content_scan_feed(&w, (const unsigned char *)"\n", 1);
	if (s->open_text)
		cp__content_scan_feed(&w, (const unsigned char *)"ET\n", 3);
	for (k = 0; k <= s->open_q; k++)
		cp__content_scan_feed(&w, (const unsigned char *)"Q\n", 2);
	cp__content_scan_feed(&w, stamp, sizeof(stamp) - 1);
	cp__content_scan_end(&w);
	FZ_ASSERT(w.damage == CP__CONTENT_WHOLE);
	FZ_ASSERT(!w.unbalanced);
	FZ_ASSERT(w.open_q == 0);
	FZ_ASSERT(!w.open_text);
}

/* What the tokens reported so far say. */
typedef struct {
	const uint8_t *data;
	size_t size;
	uint64_t last_end;
} token_check;

static void
check_token(void *arg, const cp__content_token *t)
{
	token_check *c = arg;
	uint8_t first, last;

	FZ_ASSERT(t->start >= c->last_end && t->start < t->end &&
	    t->end <= c->size);
	first = c->data[t->start];
	last = c->data[t->end - 1];
	switch (t->kind) {
	case CP__TOKEN_NAME:
		FZ_ASSERT(first == '/');
		break;
	case CP__TOKEN_HEX:
		FZ_ASSERT(first == '<' && last == '>');
		break;
	case CP__TOKEN_WORD:
		FZ_ASSERT(first != '/' && first != '<' && first != '(');
		break;
	}
	c->last_end = t->end;
}

static void
check_tokens(const uint8_t *data, size_t size)
{
	token_check c = { data, size, 0 };
	cp__content_scan s;

	cp__content_scan_start(&s);
	cp__content_scan_tokens(&s, check_token, &c);
	cp__content_scan_feed(&s, data, size);
	cp__content_scan_end(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cp__content_scan a, b;
	uint8_t *copy;
	size_t i, qs = 0;

	if (size > FZ_MAX_INPUT)
		return 0;
	/* A block of exactly `size` bytes: a read past it is caught. */
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	a = scan_at_once(copy, size);
	b = scan_in_pieces(copy, size);
	same(&a, &b);
	FZ_ASSERT(a.damage >= CP__CONTENT_WHOLE &&
	    a.damage <= CP__CONTENT_BIG_INTEGER);
	FZ_ASSERT(cp__content_damage_text(a.damage) != NULL);
	FZ_ASSERT(a.damage_at <= size);
	for (i = 0; i < size; i++)
		qs += copy[i] == 'q';
	FZ_ASSERT(a.open_q <= qs);
	check_tokens(copy, size);
	if (a.damage == CP__CONTENT_WHOLE && !a.unbalanced &&
	    a.open_q <= 64)
		check_wrapped(copy, size, &a);
	free(copy);
	return 0;
}
