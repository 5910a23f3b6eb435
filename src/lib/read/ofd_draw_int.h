/* ofd_draw_int.h - drawing a page of the OFD model (cp__ofd_doc_draw,
 * ofd_draw.c): the state of one drawing (ofd_painter.c), the graphic
 * objects (ofd_objects.c), their text (ofd_text.c), their path data
 * (ofd_abbrev.c), images (ofd_image.c) and the seal picture inside a
 * signature (ofd_seal.c).  Private to read/.
 *
 * Inside a drawing, functions return 0; 1 when the page breaks a bound
 * or cannot be read, with the reason in the drawing's `why`; -1 when
 * out of memory.  What is not drawn but does not break the page goes
 * to the painter's unsupported callback. */
#ifndef CP_OFD_DRAW_INT_H
#define CP_OFD_DRAW_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "read/ofd_doc_int.h"

/* The most distinct things reported unsupported on one page; past
 * them, one last report says there is more. */
#define CP__OFD_SEEN_MAX 64u

/* A path's segments, grown as needed. */
typedef struct {
	cp__ofd_segment *seg;
	size_t n, cap;
} cp__ofd_segments;

/* A text object's characters and their places, grown as needed. */
typedef struct {
	uint32_t *chars;
	double *x, *y;
	size_t n, cap;
} cp__ofd_glyphs;

/* One call of cp__ofd_doc_draw: the painter, what was drawn against
 * the page's bounds, what was reported, and reused buffers. */
typedef struct {
	const cp__ofd_painter *painter;
	void *ctx;
	size_t page;                    /* 1-based, for messages */
	size_t objects;                 /* objects met */
	size_t items;                   /* path segments and characters */
	char *seen[CP__OFD_SEEN_MAX];   /* the keys reported */
	size_t nseen;
	bool more_said;
	char *why;                      /* where a broken page says why */
	size_t why_size;
	cp__ofd_segments segs;
	cp__ofd_glyphs glyphs;
} cp__ofd_drawing;

/* ---- the drawing (ofd_painter.c) -------------------------------------- */

void cp__ofd_drawing_init(cp__ofd_drawing *dw, const cp__ofd_painter *p,
    void *ctx, size_t page, char *why, size_t why_size);
void cp__ofd_drawing_fini(cp__ofd_drawing *dw);

/*
 * Tells the painter of something not drawn, once per `key` and page
 * (NULL: the message is its own key): the message is formatted, made
 * valid UTF-8 without control characters, and passed to
 * painter->unsupported.  Returns 0, or -1 when out of memory.
 */
int cp__ofd_unsupported(cp__ofd_drawing *dw, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The same for something the package lacks or holds damaged, passed to
 * painter->damaged (or, when that is NULL, painter->unsupported). */
int cp__ofd_damaged(cp__ofd_drawing *dw, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Counts `objects` more objects and `items` more path segments and
 * characters against the page's bounds: 0, or 1 (with `why`) when the
 * page passes CP__OFD_DOC_MAX_OBJECTS or CP__OFD_DOC_MAX_SEGMENTS. */
int cp__ofd_count(cp__ofd_drawing *dw, size_t objects, size_t items);

/* The segments and characters the page may still have. */
size_t cp__ofd_items_left(const cp__ofd_drawing *dw);

/* ---- what objects are drawn in (ofd_objects.c) ---------------------- */

/* What the objects of a container inherit. */
typedef struct {
	cp__ofd_zip *zip;               /* for images */
	const cp__ofd_res *res;
	cp__ofd_matrix m;               /* the container's space to page */
	cp__ofd_style style;            /* from the layers' DrawParams */
	double alpha;                   /* 0..1 */
	unsigned depth;                 /* containers around it */
} cp__ofd_scope;

/*
 * Draws the objects inside `container` (a page's or template's Content,
 * a Layer, a PageBlock, an annotation's Appearance, a composite unit's
 * Content) in scope `sc`: layers and page blocks inside it, text,
 * paths, images and composite objects; invisible ones skipped.  Deeper
 * than CP__OFD_DOC_MAX_DEPTH containers breaks the page.
 */
int cp__ofd_draw_objects(cp__ofd_drawing *dw, const cp__ofd_scope *sc,
    const xmlNode *container);

/* ---- text (ofd_text.c) ------------------------------------------------ */

/*
 * The characters of text object `obj` (its TextCodes, in order) into *g
 * with each one's origin in the object's space: TextCode X/Y, then
 * DeltaX/DeltaY ("g" runs expanded); where a file gives no offset, an
 * estimate along `read_dir` (0, 90, 180, 270 degrees) of one `size` for
 * CJK characters and half of it for others.  At most `max` characters:
 * 0; 1 when it has more; -1 when out of memory.
 */
int cp__ofd_text_glyphs(cp__ofd_glyphs *g, const xmlNode *obj, double size,
    int read_dir, size_t max);
void cp__ofd_glyphs_free(cp__ofd_glyphs *g);

/* ---- path data (ofd_abbrev.c) ----------------------------------------- */

/*
 * The segments of AbbreviatedData `data` ("M 0 0 L 10 0 C", GB/T 33190:
 * S, M, L, Q, B, A, C) into *out: quadratic curves and elliptical arcs
 * made cubic, a move added where a line starts without one.  Data that
 * stops making sense ends the path there.  At most `max` segments: 0; 1
 * when it has more; -1 when out of memory.
 */
int cp__ofd_abbrev_parse(cp__ofd_segments *out, const char *data,
    size_t max);
void cp__ofd_segments_free(cp__ofd_segments *s);

/* ---- images (ofd_image.c) --------------------------------------------- */

/*
 * Hands the picture `data` (`len` bytes) to the painter, placed by `m`
 * (the unit square to page), with opacity `alpha`, named `resource` in
 * the image given: PNG and JPEG as they are, JBIG2 and BMP decoded into
 * pixels.  Returns 0 when drawn (or when the painter takes no images);
 * 1 when not, with *what saying why, to follow "which" or "its picture"
 * ("is a GIF image", "cannot be decoded"); -1 when out of memory.
 */
int cp__ofd_image_emit(cp__ofd_drawing *dw, const unsigned char *data,
    size_t len, const cp__ofd_matrix *m, double alpha, const char *resource,
    const char **what);

/* Reads the image file `path` of the package and emits it; what cannot
 * be read or drawn is reported unsupported ("image Res/image_78.jb2,
 * which is missing").  0, or -1. */
int cp__ofd_image_draw(cp__ofd_drawing *dw, cp__ofd_zip *zip,
    const char *path, const cp__ofd_matrix *m, double alpha);

/* ---- seals (ofd_seal.c) ----------------------------------------------- */

/* The picture of an electronic seal. */
typedef struct {
	char type[16];          /* as the seal says, lower case: "ofd", "png" */
	const unsigned char *data;      /* inside the signed value */
	size_t len;
	double width, height;   /* the size it says, mm; 0 when none */
} cp__ofd_seal;

/*
 * Finds the seal's picture in a signature's signed value (`der`, `len`
 * bytes; GM/T 0031 SES_Signature, DER): the first sequence that opens
 * with a short IA5String (the picture's type) and an OCTET STRING (its
 * data), as SES_ESPictrueInfo does.  The walk is bounded in depth and
 * elements.  Returns true with *out filled, false when there is none.
 */
bool cp__ofd_seal_find(cp__ofd_seal *out, const unsigned char *der,
    size_t len);

#endif
