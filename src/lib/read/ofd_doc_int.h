/* ofd_doc_int.h - the inside of the OFD document model (ofd_doc.h):
 * the values OFD writes in its attributes (ofd_values.c), resources
 * (ofd_res.c) and the open document (ofd_doc.c), with the accessors the
 * facts reader (ofd.c, ofd_qr.c) reads the package through.  Private
 * to read/. */
#ifndef CP_OFD_DOC_INT_H
#define CP_OFD_DOC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "read/ofd_doc.h"
#include "read/ofd_int.h"

/* ---- values (ofd_values.c) ------------------------------------------- */

/*
 * Reads the number at *p (spaces before it skipped: "12", "-0.5", ".5",
 * "1.0E-4"), moving *p past it.  Written here rather than with strtod,
 * which reads a decimal comma in some locales; at most 15 significant
 * digits and exponents of at most 30 are read, so that the value is
 * always finite.  Returns 0, or -1 when there is no number (*p stays).
 */
int cp__ofd_number(const char **p, double *out);

/* The text of element `el` when it is one text node, as OFD writes a
 * box, an ID or a path ("0 0 210 140"); NULL when it is none or `el`
 * is NULL.  Owned by the document. */
const char *cp__ofd_content(const xmlNode *el);

/* A box "x y w h" (a Boundary, a PhysicalBox): true when `s` holds four
 * numbers and the width and height are not negative. */
bool cp__ofd_box(const char *s, double box[4]);

/* A CTM "a b c d e f" into *m: true when `s` holds six numbers. */
bool cp__ofd_ctm(const char *s, cp__ofd_matrix *m);

/* The identity, a translation, a scale, and `first` then `then` (a point
 * goes through `first`, the result through `then`). */
cp__ofd_matrix cp__ofd_identity(void);
cp__ofd_matrix cp__ofd_translate(double x, double y);
cp__ofd_matrix cp__ofd_scale(double sx, double sy);
cp__ofd_matrix cp__ofd_concat(const cp__ofd_matrix *first,
    const cp__ofd_matrix *then);

/* Whether every entry of *m is finite and at most 1e9 (a transform a
 * painter can draw with). */
bool cp__ofd_matrix_sane(const cp__ofd_matrix *m);

/* An ID (ST_ID, "12"; spaces around it dropped) into *out: true when
 * `s` is a number from 0 to 2^32 - 1. */
bool cp__ofd_id(const char *s, uint32_t *out);

/* The boolean attribute value `s` ("true", "false", "1", "0"), or
 * `dflt` when it is NULL or none of these. */
bool cp__ofd_flag(const char *s, bool dflt);

/* A list of offsets such as TextCode's DeltaX, "g 3 1.5" meaning 1.5
 * three times: cp__ofd_deltas_next gives the next offset, false when
 * the list has ended. */
typedef struct {
	const char *p;
	double value;           /* of the "g" run being given */
	unsigned long left;     /* offsets left in that run */
} cp__ofd_deltas;

void cp__ofd_deltas_init(cp__ofd_deltas *d, const char *s);
bool cp__ofd_deltas_next(cp__ofd_deltas *d, double *out);

/* ---- resources (ofd_res.c) ------------------------------------------- */

/* The most resources of one scope (the document's, a page's). */
#define CP__OFD_RES_MAX 65536u
/* The most resource files of one scope. */
#define CP__OFD_RES_FILES 64u
/* The longest chain of DrawParams followed through Relative. */
#define CP__OFD_RES_CHAIN 16u

typedef enum {
	CP__OFD_RES_COLORSPACE,
	CP__OFD_RES_DRAWPARAM,
	CP__OFD_RES_FONT,
	CP__OFD_RES_MEDIA,
	CP__OFD_RES_COMPOSITE
} cp__ofd_res_kind;

/* One resource: its element in the resource file it came from. */
typedef struct {
	uint32_t id;
	cp__ofd_res_kind kind;
	const xmlNode *node;    /* owned by the resource scope */
	const char *folder;     /* its file's BaseLoc folder ("" none) */
	const char *file;       /* the resource file's package path */
	size_t seq;             /* the order it was read in */
} cp__ofd_item;

/* The resources of one scope, and the scope they fall back to. */
typedef struct cp__ofd_res cp__ofd_res;

/* A new empty scope that looks in `outer` (may be NULL) for what it
 * does not hold, with `default_cs` the colour space of colours that
 * name none (0: RGB).  0 with *out set (cp__ofd_res_free), or -1. */
int cp__ofd_res_new(cp__ofd_res **out, const cp__ofd_res *outer,
    uint32_t default_cs);
void cp__ofd_res_free(cp__ofd_res *r);

/*
 * Reads the resource file `path` of the package into scope `r`: its
 * colour spaces, draw parameters, fonts, multimedia and composite
 * units (at most CP__OFD_RES_MAX in the scope, CP__OFD_RES_FILES
 * files; the rest is left out).  Returns 0; 1 with `why` when the file
 * cannot be read ("Doc_0/PublicRes.xml is missing"); -1.
 */
int cp__ofd_res_read(cp__ofd_res *r, cp__ofd_zip *zip, const char *path,
    char *why, size_t why_size);

/* The resource of kind `kind` with ID `id` in `r` or the scopes it
 * falls back to; NULL when none. */
const cp__ofd_item *cp__ofd_res_find(const cp__ofd_res *r,
    cp__ofd_res_kind kind, uint32_t id);

/* The resources of `r` alone, in the order they were read. */
size_t cp__ofd_res_count(const cp__ofd_res *r);
const cp__ofd_item *cp__ofd_res_at(const cp__ofd_res *r, size_t i);

/* The package path of the file of media resource `item` into `out`
 * (CP__OFD_PATH_MAX bytes): 0, or 1 when its MediaFile is missing or
 * is no path of the package. */
int cp__ofd_res_media_path(char *out, const cp__ofd_item *item);

/* How a graphic object is painted, as inherited and overridden. */
typedef struct {
	cp__ofd_paint paint;
	/* the shading or pattern named in place of a fill or stroke
	 * colour ("AxialShd"), which the model does not draw; or NULL */
	const char *shading;
	/* Whether a FillColor was given (by a DrawParam or the object):
	 * a path's fill colour is transparent by default (GB/T 33190's
	 * CT_GraphicUnit), a text's black. */
	bool fill_given;
} cp__ofd_style;

/* What is painted where nothing says otherwise: black, 0.353 mm lines,
 * butt caps, miter joins, miter limit 3.528 (GB/T 33190's defaults);
 * fill and stroke false (each object kind sets its own). */
void cp__ofd_style_default(cp__ofd_style *s);

/* Applies DrawParam `id` to *s: the parameters it is Relative to first
 * (a chain of at most CP__OFD_RES_CHAIN, a loop stopped), then its own.
 * An ID that names no DrawParam changes nothing. */
void cp__ofd_style_param(cp__ofd_style *s, const cp__ofd_res *r,
    uint32_t id);

/* Applies what element `el` (a DrawParam, a graphic object) says of
 * lines (LineWidth, Cap, Join, MiterLimit) and colours (FillColor,
 * StrokeColor, read in their colour space into RGB) to *s. */
void cp__ofd_style_apply(cp__ofd_style *s, const cp__ofd_res *r,
    const xmlNode *el);

/* The font resource `id`: its FontName and FamilyName ("" when absent
 * or when `id` names no font), Bold and Italic. */
void cp__ofd_res_font(const cp__ofd_res *r, uint32_t id, const char **name,
    const char **family, bool *bold, bool *italic);

/* ---- the document (ofd_doc.c) ---------------------------------------- */

/* The longest ID kept (page and template IDs, PageRef). */
#define CP__OFD_ID_MAX 32u
/* Templates, annotation files and signatures kept; seal boxes per
 * signature. */
#define CP__OFD_DOC_MAX_TEMPLATES 64u
#define CP__OFD_DOC_MAX_ANNOT_FILES 1024u
#define CP__OFD_DOC_MAX_SIGNATURES 16u
#define CP__OFD_DOC_MAX_STAMPS 16u
/* Page contents kept parsed at once. */
#define CP__OFD_DOC_CACHE 4u

/* A page or a template: a file of the package named by an ID. */
typedef struct {
	char id[CP__OFD_ID_MAX];        /* "" when it has none, or too long */
	char *path;             /* NULL: BaseLoc is no path of the package */
	bool foreground;        /* templates: ZOrder="Foreground" */
	xmlDoc *xml;            /* templates, once read */
	int state;              /* templates: 0 unread, 1 read, -1 cannot be */
	double box[4];          /* pages: the PhysicalBox, once known */
	bool has_box;           /* box is known (the page's or not) */
} cp__ofd_part;

/* An annotation file, and the page it annotates. */
typedef struct {
	char page_id[CP__OFD_ID_MAX];
	char *path;
} cp__ofd_annot_file;

/* Where a signature stamps its seal. */
typedef struct {
	char page_id[CP__OFD_ID_MAX];
	double box[4];
} cp__ofd_stamp;

typedef struct {
	char name[64];          /* for messages: "Sign_0" */
	char *value;            /* SignedValue.dat's path, or NULL */
	char *problem;          /* why Signature.xml could not be read */
	cp__ofd_stamp stamps[CP__OFD_DOC_MAX_STAMPS];
	size_t nstamps;
} cp__ofd_signature;

struct cp__ofd_doc {
	cp__ofd_zip *zip;
	xmlDoc *ofd;                    /* OFD.xml */
	char path[CP__OFD_PATH_MAX];    /* "Doc_0/Document.xml" */
	xmlDoc *document;
	size_t listed;                  /* Page elements, up to 1000000 */
	cp__ofd_part *pages;            /* at most CP__OFD_DOC_MAX_PAGES */
	size_t npages;
	cp__ofd_part tpls[CP__OFD_DOC_MAX_TEMPLATES];
	size_t ntpls;
	double area[4];                 /* CommonData's PageArea */
	bool has_area;
	uint32_t default_cs;            /* CommonData's DefaultCS, or 0 */
	cp__ofd_res *res;               /* DocumentRes and PublicRes */
	int res_state;                  /* 0 unread, 1 read */
	cp__ofd_annot_file *annots;
	size_t nannots;
	char *annots_problem;           /* why Annotations.xml is unread */
	cp__ofd_signature *sigs;
	size_t nsigs;
	bool is_signed;
	/* Page contents read lately.  Behind a pointer, as are the pages,
	 * so that cp__ofd_doc_page_size can fill them in on a const
	 * document: reading a page's size reads its content. */
	struct cp__ofd_cache {
		struct {
			size_t page;
			xmlDoc *xml;    /* NULL: a free slot */
			unsigned long used;
		} slot[CP__OFD_DOC_CACHE];
		unsigned long clock;
	} *cache;
};

/* Flags of cp__ofd_doc_open_with. */
enum {
	/* a document that lists no pages, or more than
	 * CP__OFD_DOC_MAX_PAGES, opens too: without pages, or with its
	 * first CP__OFD_DOC_MAX_PAGES (the facts reader still reads what
	 * such a file says of itself, and counts its pages) */
	CP__OFD_DOC_ANY_PAGES = 1u
};

/* cp__ofd_doc_open (`path` not NULL) or cp__ofd_doc_open_memory, with
 * `flags`. */
int cp__ofd_doc_open_with(cp__ofd_doc **out, const char *path,
    const void *data, size_t len, unsigned flags, char *why,
    size_t why_size);

/* The package, OFD.xml, the document's path and Document.xml. */
cp__ofd_zip *cp__ofd_doc_zip(cp__ofd_doc *doc);
const xmlDoc *cp__ofd_doc_ofd_xml(const cp__ofd_doc *doc);
const char *cp__ofd_doc_path(const cp__ofd_doc *doc);
const xmlDoc *cp__ofd_doc_document_xml(const cp__ofd_doc *doc);

/* How many Page elements Document.xml lists (up to 1000000), which
 * with CP__OFD_DOC_ANY_PAGES may be more or fewer than it opened. */
size_t cp__ofd_doc_listed(const cp__ofd_doc *doc);

/* The index of the page whose ID is `id`, or -1. */
long cp__ofd_doc_page_by_id(const cp__ofd_doc *doc, const char *id);

/*
 * The content of page `page` parsed: 0 with *out set (owned by the
 * document, valid until the next call of this function on it); 1 with
 * `why` saying what is wrong, the path first ("Doc_0/Pages/Page_0/
 * Content.xml is missing", "its page 1 is not a file of the package");
 * -1 when out of memory.
 */
int cp__ofd_doc_page_xml(cp__ofd_doc *doc, size_t page, const xmlDoc **out,
    char *why, size_t why_size);

/* The template page whose ID is `id` (as a page's Template names it):
 * 0 with *out (owned by the document, valid while it is open) and
 * *foreground (its TemplatePage's ZOrder); 1 when no template has that
 * ID or it cannot be read (`why` says so); -1. */
int cp__ofd_doc_template_xml(cp__ofd_doc *doc, const char *id,
    const xmlDoc **out, bool *foreground, char *why, size_t why_size);

/* The document's resources (DocumentRes and PublicRes), read on the
 * first call: a file that cannot be read gives none.  NULL only when
 * out of memory. */
const cp__ofd_res *cp__ofd_doc_resources(cp__ofd_doc *doc);

/* The page's PhysicalBox "x y w h" (its own Area, else the document's
 * PageArea, else A4), width and height within 1 to 5000 mm. */
void cp__ofd_doc_page_box(const cp__ofd_doc *doc, size_t page,
    double box[4]);

#endif
