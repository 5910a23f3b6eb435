/* xml_int.h - reading untrusted XML (libxml2) and finding its elements
 * by local name.  Private to read/: the OFD and e-invoice readers share
 * it, so that every XML claimpack reads is parsed the same careful way.
 *
 * E-invoice files come from many producers, some of which write
 * prefixes they never declare (<ofd:ObjectRef> without xmlns:ofd) or
 * no namespace at all; the readers therefore match elements by their
 * local name only. */
#ifndef CP_XML_INT_H
#define CP_XML_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/* The longest text cp__xml_text returns (a base64 PNG of a QR code is
 * a few KB; nothing an invoice holds comes near). */
#define CP__XML_TEXT_MAX (1u << 20)

/*
 * Parses the `len` bytes at `data` as an XML document: no network, no
 * DTD loaded, no entity substituted, libxml2's default limits on depth
 * and text sizes, nothing printed.  A document type declaration stops
 * the parse: e-invoices never have one, and entity bombs ("billion
 * laughs") need one.  Returns 0 with *out set (free it with
 * xmlFreeDoc); 1 with *why pointing at a static sentence fragment
 * ("is not well-formed XML", "declares a document type (DTD) ...") when
 * it cannot be read; -1 when out of memory.
 */
int cp__xml_parse(xmlDoc **out, const char *data, size_t len,
    const char **why);

/* The name of element `node` without its prefix ("Page" for
 * "ofd:Page", also when the prefix was never declared). */
const char *cp__xml_local(const xmlNode *node);

/* Whether `node` is an element whose local name is `local`. */
bool cp__xml_is(const xmlNode *node, const char *local);

/* The first child element of `parent` named `local` (NULL: none, or a
 * NULL parent). */
xmlNode *cp__xml_child(const xmlNode *parent, const char *local);

/* The next sibling element of `node` named `local`, or NULL. */
xmlNode *cp__xml_next(const xmlNode *node, const char *local);

/* The next element after `node` in document order that is inside
 * `root` (depth first), or NULL at the end: a walk of every element
 * below root that needs no recursion. */
xmlNode *cp__xml_walk(const xmlNode *root, const xmlNode *node);

/*
 * The text of element `node`: its text and CDATA children joined (not
 * those of child elements; entity references skipped), cut to
 * CP__XML_TEXT_MAX bytes at a character boundary.  A new NUL-terminated
 * string the caller frees ("" for an element without text); NULL when
 * out of memory.
 */
char *cp__xml_text(const xmlNode *node);

/* The value of the attribute of `node` whose local name is `name`, or
 * NULL when it has none.  Owned by the document. */
const char *cp__xml_attr(const xmlNode *node, const char *name);

#endif
