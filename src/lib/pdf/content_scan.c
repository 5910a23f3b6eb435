/* content_scan.c - a small lexer for PDF content streams (see
 * content_scan.h).
 *
 * One byte at a time, in one of the modes below; a token that ends on a
 * delimiter hands that delimiter back to M_NORMAL.  What counts as
 * damage follows libqpdf 11's content parser, which is what `qpdf
 * --check` runs on every page: it accepts any word as an operator (so
 * "1.2.3" or "+-5" are fine), a NUL as white space, and an EI glued to
 * the image data ("xEI").
 */
#include <string.h>

#include "pdf/content_scan.h"

enum {
	M_NORMAL,       /* between tokens */
	M_COMMENT,      /* % to the end of the line */
	M_STRING,       /* inside ( ) */
	M_STRING_ESC,   /* after a backslash in a string */
	M_LT,           /* after '<': a hex string or "<<" */
	M_HEX,          /* inside < > */
	M_GT,           /* after '>' outside a hex string: must be ">>" */
	M_NAME,         /* after '/' */
	M_NAME_HEX,     /* after '#' in a name */
	M_WORD,         /* a number, operator, true, false or null */
	M_IMAGE         /* inline image data, after ID */
};

/* What each open container expects next. */
enum { C_ARRAY, C_DICT_KEY, C_DICT_VALUE };

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == '\f' || c == '\0';
}

static bool
is_delim(unsigned char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static bool
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static void
damage(cp__content_scan *s, cp__content_damage d)
{
	if (s->damage == CP__CONTENT_WHOLE) {
		s->damage = d;
		s->damage_at = s->at;
	}
}

/* A name, word or hex string ends just before the byte at `end`. */
static void
token_end(cp__content_scan *s, cp__content_token_kind kind, uint64_t end)
{
	cp__content_token t;

	if (s->token_fn == NULL)
		return;
	t.kind = kind;
	t.start = s->token_start;
	t.end = end;
	t.nest = s->nest;
	s->token_fn(s->token_arg, &t);
}

/* A token starts: in a dictionary, keys must be names and each key
 * needs a value. */
static void
item(cp__content_scan *s, bool is_name)
{
	unsigned char *top;

	if (s->nest == 0)
		return;
	top = &s->stack[s->nest - 1];
	if (*top == C_DICT_KEY) {
		if (!is_name)
			damage(s, CP__CONTENT_BAD_DICT);
		*top = C_DICT_VALUE;
	} else if (*top == C_DICT_VALUE) {
		*top = C_DICT_KEY;
	}
}

static void
push(cp__content_scan *s, unsigned char kind)
{
	if (s->nest == CP__CONTENT_MAX_NEST) {
		damage(s, CP__CONTENT_TOO_DEEP);
		return;
	}
	s->stack[s->nest++] = kind;
}

/* "]" or ">>". */
static void
close_nest(cp__content_scan *s, bool dict)
{
	unsigned char top;

	if (s->nest == 0) {
		damage(s, CP__CONTENT_STRAY);
		return;
	}
	top = s->stack[s->nest - 1];
	if (dict ? top == C_ARRAY : top != C_ARRAY)
		damage(s, CP__CONTENT_STRAY);
	else if (top == C_DICT_VALUE)
		damage(s, CP__CONTENT_BAD_DICT);
	else
		s->nest--;
}

static void
word_start(cp__content_scan *s, unsigned char c)
{
	s->mode = M_WORD;
	s->token_start = s->at;
	s->word_len = 0;
	s->word_int = true;
	s->word_neg = c == '-';
	s->word_big = false;
	s->word_value = 0;
}

static void
word_add(cp__content_scan *s, unsigned char c)
{
	/* The most a 64-bit integer holds: 2^63 - 1, or 2^63 negated. */
	uint64_t limit = s->word_neg ? (uint64_t)1 << 63 :
	    ((uint64_t)1 << 63) - 1;
	unsigned d;

	if (s->word_len < sizeof(s->word))
		s->word[s->word_len] = (char)c;
	if (s->word_int) {
		if (c >= '0' && c <= '9') {
			d = (unsigned)(c - '0');
			if (s->word_big || s->word_value > (limit - d) / 10)
				s->word_big = true;
			else
				s->word_value = s->word_value * 10 + d;
		} else if (s->word_len > 0 || (c != '+' && c != '-')) {
			s->word_int = false;
		}
	}
	s->word_len++;
}

static bool
word_is(const cp__content_scan *s, const char *w)
{
	size_t n = strlen(w);

	return s->word_len == n && memcmp(s->word, w, n) == 0;
}

/* The word is complete: an integer must fit in 64 bits, and q, Q, BT,
 * ET and ID outside arrays and dictionaries are operators that matter. */
static void
word_end(cp__content_scan *s)
{
	bool sign = s->word[0] == '+' || s->word[0] == '-';

	s->mode = M_NORMAL;
	if (s->word_int && s->word_len > (sign ? 1u : 0u) && s->word_big)
		damage(s, CP__CONTENT_BIG_INTEGER);
	else
		token_end(s, CP__TOKEN_WORD, s->at);
	if (s->nest > 0)
		return;
	if (word_is(s, "q")) {
		s->open_q++;
	} else if (word_is(s, "Q")) {
		if (s->open_q > 0)
			s->open_q--;
		else
			s->unbalanced = true;
	} else if (word_is(s, "BT")) {
		s->open_text = true;
	} else if (word_is(s, "ET")) {
		s->open_text = false;
	} else if (word_is(s, "ID")) {
		/* The byte that ended "ID" is the one separator before
		 * the image data; it is not data. */
		s->mode = M_IMAGE;
		s->image = 0;
	}
}

static void
step_normal(cp__content_scan *s, unsigned char c)
{
	if (is_space(c))
		return;
	switch (c) {
	case '%':
		s->mode = M_COMMENT;
		break;
	case '(':
		item(s, false);
		s->mode = M_STRING;
		s->parens = 0;
		break;
	case '<':
		s->mode = M_LT;
		s->token_start = s->at;
		break;
	case '>':
		s->mode = M_GT;
		break;
	case '[':
		item(s, false);
		push(s, C_ARRAY);
		break;
	case ']':
		close_nest(s, false);
		break;
	case ')':
	case '{':
	case '}':
		damage(s, CP__CONTENT_STRAY);
		break;
	case '/':
		item(s, true);
		s->mode = M_NAME;
		s->token_start = s->at;
		break;
	default:
		item(s, false);
		word_start(s, c);
		word_add(s, c);
		break;
	}
}

/* One byte.  A token that a delimiter ends goes back to M_NORMAL and the
 * delimiter is read again there. */
static void
step(cp__content_scan *s, unsigned char c)
{
	for (;;) {
		switch (s->mode) {
		case M_NORMAL:
			step_normal(s, c);
			return;
		case M_COMMENT:
			if (c == '\n' || c == '\r')
				s->mode = M_NORMAL;
			return;
		case M_STRING:
			if (c == '\\')
				s->mode = M_STRING_ESC;
			else if (c == '(')
				s->parens++;
			else if (c == ')' && s->parens == 0)
				s->mode = M_NORMAL;
			else if (c == ')')
				s->parens--;
			return;
		case M_STRING_ESC:
			s->mode = M_STRING;
			return;
		case M_LT:
			item(s, false);
			if (c == '<') {
				push(s, C_DICT_KEY);
				s->mode = M_NORMAL;
				return;
			}
			s->mode = M_HEX;
			continue;
		case M_HEX:
			if (c == '>') {
				s->mode = M_NORMAL;
				token_end(s, CP__TOKEN_HEX, s->at + 1);
			}
			else if (!is_hex(c) && !is_space(c))
				damage(s, CP__CONTENT_BAD_HEX);
			return;
		case M_GT:
			s->mode = M_NORMAL;
			if (c == '>')
				close_nest(s, true);
			else
				damage(s, CP__CONTENT_STRAY);
			return;
		case M_NAME:
			if (c == '#') {
				s->mode = M_NAME_HEX;
				s->hex_digits = 0;
				return;
			}
			if (!is_space(c) && !is_delim(c))
				return;
			s->mode = M_NORMAL;
			token_end(s, CP__TOKEN_NAME, s->at);
			continue;
		case M_NAME_HEX:
			if (!is_hex(c))
				damage(s, CP__CONTENT_BAD_NAME);
			else if (++s->hex_digits == 2)
				s->mode = M_NAME;
			return;
		case M_WORD:
			if (!is_space(c) && !is_delim(c)) {
				word_add(s, c);
				return;
			}
			word_end(s);
			if (s->mode == M_IMAGE)
				return;
			continue;
		case M_IMAGE:
			/* The data ends at "EI" followed by white space or
			 * a delimiter. */
			if (s->image == 2 && (is_space(c) || is_delim(c))) {
				s->mode = M_NORMAL;
				continue;
			}
			if (c == 'E')
				s->image = 1;
			else if (c == 'I' && s->image == 1)
				s->image = 2;
			else
				s->image = 0;
			return;
		default:
			return;
		}
	}
}

void
cp__content_scan_start(cp__content_scan *s)
{
	memset(s, 0, sizeof(*s));
	s->mode = M_NORMAL;
}

void
cp__content_scan_tokens(cp__content_scan *s, cp__content_token_fn fn,
    void *arg)
{
	s->token_fn = fn;
	s->token_arg = arg;
}

void
cp__content_scan_feed(cp__content_scan *s, const unsigned char *data,
    size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s->ended || s->damage != CP__CONTENT_WHOLE)
			return;
		step(s, data[i]);
		s->at++;
	}
}

void
cp__content_scan_end(cp__content_scan *s)
{
	if (s->ended)
		return;
	s->ended = true;
	if (s->damage != CP__CONTENT_WHOLE)
		return;
	switch (s->mode) {
	case M_STRING:
	case M_STRING_ESC:
		damage(s, CP__CONTENT_OPEN_STRING);
		return;
	case M_LT:
	case M_HEX:
		damage(s, CP__CONTENT_OPEN_HEX);
		return;
	case M_GT:
		damage(s, CP__CONTENT_STRAY);
		return;
	case M_NAME_HEX:
		damage(s, CP__CONTENT_BAD_NAME);
		return;
	case M_NAME:
		token_end(s, CP__TOKEN_NAME, s->at);
		break;
	case M_WORD:
		word_end(s);
		break;
	default:
		break;
	}
	if (s->mode == M_IMAGE && s->image != 2)
		damage(s, CP__CONTENT_OPEN_IMAGE);
	else if (s->nest > 0)
		damage(s, CP__CONTENT_OPEN_NEST);
}

const char *
cp__content_damage_text(cp__content_damage d)
{
	switch (d) {
	case CP__CONTENT_WHOLE:
		return "";
	case CP__CONTENT_OPEN_STRING:
		return "a string left open at the end of the content";
	case CP__CONTENT_OPEN_HEX:
		return "a hex string left open at the end of the content";
	case CP__CONTENT_BAD_HEX:
		return "a hex string with a character that is not hex";
	case CP__CONTENT_OPEN_IMAGE:
		return "an inline image with no end (EI)";
	case CP__CONTENT_OPEN_NEST:
		return "an array or dictionary left open at the end of the "
		    "content";
	case CP__CONTENT_STRAY:
		return "a bracket that closes nothing";
	case CP__CONTENT_BAD_NAME:
		return "a name with a stray '#'";
	case CP__CONTENT_BAD_DICT:
		return "a dictionary with a key that is not a name or has no "
		    "value";
	case CP__CONTENT_TOO_DEEP:
		return "arrays or dictionaries nested too deep";
	case CP__CONTENT_BIG_INTEGER:
		return "an integer too large for 64 bits";
	}
	return "damage of an unknown kind";
}
