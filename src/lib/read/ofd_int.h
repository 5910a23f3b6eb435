/* ofd_int.h - the parts of the OFD reader (ofd.c) that live in files of
 * their own: bounded access to the package (ofd_zip.c), which the OFD
 * model (ofd_doc_int.h) reads through too, the objects of a page
 * (ofd_page.c) and the QR code (ofd_qr.c).  Private to read/. */
#ifndef CP_OFD_INT_H
#define CP_OFD_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "read/facts.h"
#include "read/ofd_doc.h"

/* The most files a package may hold (an e-invoice holds about twenty). */
#define CP__OFD_MAX_ENTRIES 4096u
/* The most bytes read from one XML file of the package, uncompressed. */
#define CP__OFD_XML_MAX (4u << 20)
/* The most bytes read from one image file of the package. */
#define CP__OFD_IMAGE_MAX (8u << 20)
/* The most bytes read from all files of one package together. */
#define CP__OFD_READ_MAX (64u << 20)
/* The longest path inside a package. */
#define CP__OFD_PATH_MAX 512u

/* ---- the package (ofd_zip.c) ----------------------------------------- */

/* Writes the reason into `why` (`why_size` bytes; NULL writes nothing),
 * cut to fit, as cp__ofd_clean leaves it; returns 1, the status of a
 * package or page that cannot be read. */
int cp__ofd_because(char *why, size_t why_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Makes `s` fit to show: bytes that are no UTF-8 dropped (names from
 * an archive may be any bytes, and a cut one may end inside a
 * character), control characters replaced by '?'. */
void cp__ofd_clean(char *s);

typedef struct cp__ofd_zip cp__ofd_zip;

/*
 * Opens the ZIP archive at `path`, or the `len` bytes at `data` (which
 * must outlive the handle), read-only.  Every entry's name is checked
 * before anything is read: a name with a `..` step or an absolute one
 * (a "zip slip") refuses the whole archive, as do encrypted entries and
 * more than CP__OFD_MAX_ENTRIES entries.  Returns 0 with *out set
 * (close it with cp__ofd_zip_close); 1 with a sentence fragment in
 * `why` (`why_size` bytes) to follow the file's name ("is encrypted
 * ..."); -1 when out of memory.
 */
int cp__ofd_zip_open_file(cp__ofd_zip **out, const char *path, char *why,
    size_t why_size);
int cp__ofd_zip_open_memory(cp__ofd_zip **out, const void *data, size_t len,
    char *why, size_t why_size);
void cp__ofd_zip_close(cp__ofd_zip *z);

/* The number of entries, and the name of entry `i` as a package path
 * ("Doc_0/Document.xml"; "" for a folder). */
size_t cp__ofd_zip_count(const cp__ofd_zip *z);
const char *cp__ofd_zip_name(const cp__ofd_zip *z, size_t i);

/* Whether the package holds a file named `name` (a package path; the
 * exact name, else one that differs only in ASCII case). */
bool cp__ofd_zip_has(const cp__ofd_zip *z, const char *name);

/*
 * Reads the file `name` of the package whole into a new NUL-terminated
 * buffer (*out, caller frees; *out_len bytes before the NUL), streaming
 * it and stopping at `max` bytes whatever its header claims, and within
 * what is left of CP__OFD_READ_MAX for the package.  Returns 0; 1 with
 * a fragment in `why` to follow the name ("is missing", "is larger than
 * 4 MiB uncompressed", "is damaged (CRC error)"); -1 when out of memory.
 */
int cp__ofd_zip_read(cp__ofd_zip *z, const char *name, size_t max,
    char **out, size_t *out_len, char *why, size_t why_size);

/*
 * Reads the XML file `path` of the package (at most CP__OFD_XML_MAX
 * bytes) and parses it with cp__xml_parse.  Returns 0 with *out set
 * (xmlFreeDoc); 1 with `why` saying what is wrong, the path first
 * ("Doc_0/Document.xml is missing", "OFD.xml is not well-formed XML");
 * -1 when out of memory.
 */
int cp__ofd_zip_read_xml(cp__ofd_zip *z, const char *path, xmlDoc **out,
    char *why, size_t why_size);

/*
 * Resolves `ref` (a path written in the package file `base`: relative
 * to that file's folder, or from the package's root when it starts with
 * '/') into `out` (CP__OFD_PATH_MAX bytes), steps "." and ".." applied
 * and '\' read as '/'.  Returns 0, or -1 when it leaves the package, is
 * empty or too long.
 */
int cp__ofd_resolve(char *out, const char *base, const char *ref);

/* The same for the path written as the text of element `node` (spaces
 * around it dropped).  Returns 0; 1 when `node` is NULL or its path is
 * none of the package; -1 when out of memory. */
int cp__ofd_path_of(char *out, const char *base, const xmlNode *node);

/*
 * The signature list that OFD.xml (parsed: `ofd`) names in DocBody/
 * Signatures, when it lists at least one Signature: returns 1 with the
 * list parsed in *out (xmlFreeDoc) and its package path in `path`
 * (CP__OFD_PATH_MAX bytes).  Returns 0 when the file carries no
 * signature data: no list named, one outside the package, missing,
 * unreadable or empty; -1 when out of memory.  The one rule of what a
 * signed OFD is, for check (ofd-signed) and the attached originals.
 * (ofd_doc.c)
 */
int cp__ofd_signature_list(cp__ofd_zip *zip, const xmlDoc *ofd, char *path,
    xmlDoc **out);

/* ---- a page's objects (ofd_page.c) ------------------------------------ */

/*
 * The text of the text object whose ID is `id` among the objects of page
 * content `page`: its TextCode texts joined, in *out (caller frees).
 * Returns 1 with *out set, 0 when the page has no such text object, -1
 * when out of memory.
 */
int cp__ofd_object_text(char **out, const xmlDoc *page, const char *id);

/*
 * The text of a page in reading order: the text objects of its content
 * and of its template (`tpl`, may be NULL), lines top to bottom, each
 * left to right, objects of one line joined by a space and lines by a
 * newline.  A new string (caller frees; "" for a page without text),
 * its length in *out_len; NULL when out of memory.
 */
char *cp__ofd_page_text(const xmlDoc *page, const xmlDoc *tpl,
    size_t *out_len);

/* Calls fn with the ResourceID of each image object of `page`, in
 * order, until fn returns non-zero; returns that value or 0. */
int cp__ofd_page_images(const xmlDoc *page,
    int (*fn)(void *ctx, const char *resource_id), void *ctx);

/* ---- the QR code (ofd_qr.c) ------------------------------------------ */

/*
 * Looks for QR codes in the image resources of document `doc` (its
 * DocumentRes and PublicRes): first those page 1 (`page1`, may be
 * NULL) shows, as read on page 1, then the others (a code may sit in a
 * template or an annotation), at most 16 images.  Each code goes to
 * cp__paper_take_qr.  An image that cannot be read finds nothing.
 * Returns 0, or -1 when out of memory.
 */
int cp__ofd_read_qr(cp__paper_facts *paper, cp__ofd_doc *doc,
    const xmlDoc *page1);

#endif
