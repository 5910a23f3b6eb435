/* ofd_doc.h - an OFD document (GB/T 33190) as pages of drawing
 * instructions: the one OFD parser claimpack has.
 *
 * The facts reader (read/ofd.c) and the page source that draws OFD
 * e-invoices into the bundle (bundle/source_ofd.c) both open an OFD
 * through this interface, so what `claimpack read` finds in an OFD and
 * what the bundle shows of it come from one reading of the package.
 *
 * The model resolves everything a painter should not have to know about:
 * OFD.xml and the document root, page areas (the page's own, else the
 * document's), templates (background and foreground), layers, page
 * blocks, composite objects, the draw parameters a layer or object
 * inherits (DrawParam with Relative), colour spaces (Gray, RGB, CMYK,
 * read into RGB), resources (DocumentRes and PublicRes, their BaseLoc),
 * annotations with an appearance, and the seal picture of each signature
 * (Signs/.../SignedValue.dat: a PNG, JPEG or a small OFD of its own,
 * drawn in its StampAnnot box).  A painter receives plain objects in page
 * coordinates: millimetres, origin at the top left, y going down.
 *
 * Every size is bounded: the package by read/ofd_int.h's limits, the
 * pages of one document (CP__OFD_DOC_MAX_PAGES), the nesting of blocks
 * and composites, the objects and path segments drawn per page.  A
 * package that breaks a bound, or whose structure cannot be read, is
 * "broken" with a reason; an object type the model does not draw is
 * reported to the painter by name, never dropped silently.  Clipping
 * is not applied (Clips are ignored: e-invoices clip nothing that
 * shows), nor blend modes, image masks or a text object's HScale.
 */
#ifndef CP_OFD_DOC_H
#define CP_OFD_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most pages one OFD may have (an e-invoice has one or two; a
 * package that says more is refused as broken, not drawn). */
#define CP__OFD_DOC_MAX_PAGES 1000u
/* The deepest nesting of page blocks, composites and nested seals. */
#define CP__OFD_DOC_MAX_DEPTH 16u
/* The most objects drawn on one page, templates, annotations and seals
 * included, and the most path segments and characters in all of them. */
#define CP__OFD_DOC_MAX_OBJECTS 100000u
#define CP__OFD_DOC_MAX_SEGMENTS 1000000u

typedef struct cp__ofd_doc cp__ofd_doc;

/* An affine map from an object's space to the page: a point (x, y) goes
 * to (a*x + c*y + e, b*x + d*y + f), all in millimetres, y down (the
 * PDF order of [a b c d e f]). */
typedef struct {
	double a, b, c, d, e, f;
} cp__ofd_matrix;

/* A colour, read into RGB from the object's colour space (0..1 each),
 * and its opacity (OFD's Alpha 0..255, read as 0..1). */
typedef struct {
	double r, g, b, alpha;
} cp__ofd_color;

/* How lines are drawn: OFD's LineWidth (mm of the object's own space:
 * the object's matrix scales it as it scales the path, as a PDF line
 * width is scaled by the CTM), Cap ("Butt" 0, "Round" 1, "Square" 2),
 * Join ("Miter" 0, "Round" 1, "Bevel" 2), MiterLimit.  Dash patterns
 * are not kept: lines are solid. */
typedef struct {
	bool fill, stroke;
	cp__ofd_color fill_color, stroke_color;
	double line_width;
	int cap, join;
	double miter_limit;
} cp__ofd_paint;

/* A run of characters of one text object, each at its own place. */
typedef struct {
	cp__ofd_matrix m;         /* text space to page; includes the
	                             object's Boundary origin and CTM */
	const char *font_name;    /* the Font resource's FontName, "" when
	                             the object names no font we know */
	const char *family;       /* its FamilyName, or "" */
	bool bold, italic;        /* Weight >= 700 / Italic="true" */
	double size;              /* the object's Size, mm of text space */
	bool vertical;            /* ReadDirection/CharDirection turn it
	                             (90 or 270); x and y already say
	                             where each character goes */
	cp__ofd_paint paint;      /* text is filled unless Fill="false" */
	const uint32_t *chars;    /* Unicode code points */
	const double *x, *y;      /* each character's origin on the
	                             baseline, in text space (TextCode X/Y
	                             with DeltaX/DeltaY applied, "g" runs
	                             expanded; where the file gives no
	                             offset, an estimate: one Size for a CJK
	                             character, half of it for others) */
	size_t n;
} cp__ofd_text;

typedef enum {
	CP__OFD_MOVE,             /* p[0], p[1] */
	CP__OFD_LINE,             /* p[0], p[1] */
	CP__OFD_CURVE,            /* cubic: p[0..5] (quadratics and arcs
	                             arrive as cubics) */
	CP__OFD_CLOSE
} cp__ofd_op;

typedef struct {
	cp__ofd_op op;
	double p[6];
} cp__ofd_segment;

typedef struct {
	cp__ofd_matrix m;         /* path space to page */
	const cp__ofd_segment *segments;
	size_t n;
	bool even_odd;            /* Rule="Even-Odd" */
	cp__ofd_paint paint;      /* stroked unless Stroke="false", filled
	                             when Fill="true" */
} cp__ofd_path;

typedef enum {
	CP__OFD_IMAGE_PNG,        /* `data` is the PNG file */
	CP__OFD_IMAGE_JPEG,       /* `data` is the JPEG file */
	CP__OFD_IMAGE_PIXELS      /* decoded (JBIG2, BMP): `data` holds
	                             height rows of width * channels bytes,
	                             8 bits per sample */
} cp__ofd_image_kind;

typedef struct {
	cp__ofd_matrix m;         /* the unit square to page: (0,0) is the
	                             picture's top left corner, (1,1) its
	                             bottom right */
	cp__ofd_image_kind kind;
	const unsigned char *data;
	size_t len;
	unsigned width, height;   /* CP__OFD_IMAGE_PIXELS only */
	unsigned channels;        /* 1 (grey) or 3 (RGB) */
	double alpha;             /* 0..1 */
	const char *resource;     /* the package path, for messages */
} cp__ofd_image;

/* What the model hands a page's objects to, in drawing order.  Any
 * callback may be NULL.  The pointers inside an object are valid only
 * during the call. */
typedef struct {
	void (*text)(void *ctx, const cp__ofd_text *t);
	void (*path)(void *ctx, const cp__ofd_path *p);
	void (*image)(void *ctx, const cp__ofd_image *im);
	/* Something on the page that is not drawn, named for a warning:
	 * "a VideoObject", "a shading (AxialShd) on PathObject 12", "image
	 * Doc_0/Res/x.gif, which is a GIF image", "the seal of signature
	 * Sign_0 (its picture is a GIF image)".  Called once per kind and
	 * page (each image and seal is a kind of its own); the text is
	 * valid UTF-8 without control characters. */
	void (*unsupported)(void *ctx, const char *what);
	/* Something the page needs that the package lacks or holds
	 * damaged, named the same way: "image Doc_0/Res/image_78.jb2,
	 * which is missing", "ImageObject 14, whose resource (3) the
	 * document does not hold", "a template of page 1: ...".  The rest
	 * is drawn, but the package is not whole.  When NULL, these go to
	 * `unsupported`. */
	void (*damaged)(void *ctx, const char *what);
} cp__ofd_painter;

/*
 * Opens the OFD file at `path`, or the `len` bytes at `data` (which must
 * outlive the handle), and reads its structure: OFD.xml, the first
 * document's Document.xml, its page list, page area and template list,
 * its annotation list and signatures.  Page contents (and their Area),
 * templates and resources are read when first needed.  Returns 0 with
 * *out set (close it with cp__ofd_doc_close); 1 when the package is
 * broken, encrypted, not an OFD or has no pages, with a sentence
 * fragment in `why` (`why_size` bytes) to follow the file's name ("is
 * a ZIP archive but not an OFD e-invoice (it holds no OFD.xml)", "is a
 * damaged OFD: Doc_0/Document.xml is missing", "has 500000 pages;
 * claimpack draws at most 1000"); -1 when out of memory.
 */
int cp__ofd_doc_open(cp__ofd_doc **out, const char *path, char *why,
    size_t why_size);
int cp__ofd_doc_open_memory(cp__ofd_doc **out, const void *data, size_t len,
    char *why, size_t why_size);

/* Closes the document.  NULL does nothing. */
void cp__ofd_doc_close(cp__ofd_doc *doc);

/* The number of pages (at least 1 for an open document). */
size_t cp__ofd_doc_pages(const cp__ofd_doc *doc);

/* The size of page `page` (0-based) in millimetres: its PhysicalBox (the
 * page's Area, else the document's PageArea, else A4), width and height
 * at least 1 mm and at most 5000 mm.  The page's content is read for
 * its Area (and kept for drawing it); a page that cannot be read takes
 * the document's size here, and its drawing says why. */
void cp__ofd_doc_page_size(const cp__ofd_doc *doc, size_t page,
    double *width, double *height);

/* Whether the package carries signature data (OFD.xml names a
 * Signatures file of the package that lists at least one signature:
 * cp__ofd_signature_list, the rule the attached originals follow too).
 * claimpack notes it and draws each signature's seal; it never
 * verifies a signature. */
bool cp__ofd_doc_signed(const cp__ofd_doc *doc);

/*
 * Hands the objects of page `page` (0-based) to `painter`, in the order
 * they are drawn: the background templates, the page's layers in order,
 * the foreground templates, the annotations that draw, then the seals of
 * the signatures that stamp this page (a seal whose picture is an OFD
 * is that OFD's first page, scaled into the stamp's box; its objects
 * arrive like the page's own).  Objects with Visible="false" are
 * skipped.  Returns 0; 1 when the page's content cannot be read or
 * breaks a bound, with `why` as for cp__ofd_doc_open ("is a damaged
 * OFD: Doc_0/Pages/Page_0/Content.xml is not well-formed XML", "has
 * more than 100000 objects on page 1; claimpack draws at most 100000"),
 * the painter then having received part of the page; -1 when out of
 * memory.  A missing or unreadable resource (an image, a template, an
 * annotation file, a seal) is not a broken page: it is reported through
 * painter->damaged ("image Doc_0/Res/image_78.jb2, which is missing")
 * and the rest is drawn.
 */
int cp__ofd_doc_draw(cp__ofd_doc *doc, size_t page,
    const cp__ofd_painter *painter, void *ctx, char *why, size_t why_size);

#endif
