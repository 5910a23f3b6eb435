/* xml_tree.c - reading untrusted XML (libxml2) and finding its elements
 * by local name. */
#include "read/xml_int.h"

#include <limits.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "util/strbuf.h"
#include "util/utf8.h"

/* What the document type hook tells cp__xml_parse. */
typedef struct {
	bool doctype;
} parse_state;

/* Called by libxml2 at <!DOCTYPE ...>, before any declaration in it is
 * read: stops the parse there, so that no entity is ever declared. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *st = ctxt->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	st->doctype = true;
	xmlStopParser(ctxt);
}

int
cp__xml_parse(xmlDoc **out, const char *data, size_t len, const char **why)
{
	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE: entities stay
	 * unexpanded and libxml2 keeps its limits on depth and sizes. */
	const int options = XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING;
	xmlParserCtxtPtr ctxt;
	parse_state st = { false };
	xmlDoc *doc;
	int errnum;

	*out = NULL;
	*why = NULL;
	if (len == 0) {
		*why = "is empty";
		return 1;
	}
	if (len > INT_MAX) {
		*why = "is too large for an XML document claimpack reads";
		return 1;
	}
	xmlInitParser();
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return -1;
	ctxt->_private = &st;
	ctxt->sax->internalSubset = on_doctype;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, options);
	errnum = ctxt->errNo;
	xmlFreeParserCtxt(ctxt);
	if (doc != NULL && (st.doctype || doc->intSubset != NULL ||
	    doc->extSubset != NULL)) {
		xmlFreeDoc(doc);
		doc = NULL;
		st.doctype = true;
	}
	if (st.doctype) {
		*why = "declares a document type (DTD), which e-invoices never "
		    "do; claimpack does not read such XML, as it is how entity "
		    "bombs are made";
		return 1;
	}
	if (doc == NULL) {
		if (errnum == XML_ERR_NO_MEMORY)
			return -1;
		*why = "is not well-formed XML";
		return 1;
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		*why = "is XML without any element";
		return 1;
	}
	*out = doc;
	return 0;
}

const char *
cp__xml_local(const xmlNode *node)
{
	const char *name, *colon;

	if (node == NULL || node->name == NULL)
		return "";
	name = (const char *)node->name;
	/* libxml2 keeps an undeclared prefix in the name itself */
	if ((colon = strrchr(name, ':')) != NULL)
		return colon + 1;
	return name;
}

bool
cp__xml_is(const xmlNode *node, const char *local)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	    strcmp(cp__xml_local(node), local) == 0;
}

xmlNode *
cp__xml_next(const xmlNode *node, const char *local)
{
	const xmlNode *n;

	if (node == NULL)
		return NULL;
	for (n = node->next; n != NULL; n = n->next)
		if (cp__xml_is(n, local))
			return (xmlNode *)n;
	return NULL;
}

xmlNode *
cp__xml_child(const xmlNode *parent, const char *local)
{
	const xmlNode *n;

	if (parent == NULL)
		return NULL;
	for (n = parent->children; n != NULL; n = n->next)
		if (cp__xml_is(n, local))
			return (xmlNode *)n;
	return NULL;
}

/* The first element among `n` and its following siblings, or NULL. */
static const xmlNode *
element_from(const xmlNode *n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

xmlNode *
cp__xml_walk(const xmlNode *root, const xmlNode *node)
{
	const xmlNode *n;

	if (node == NULL)
		return NULL;
	if ((n = element_from(node->children)) != NULL)
		return (xmlNode *)n;
	for (; node != NULL && node != root; node = node->parent)
		if ((n = element_from(node->next)) != NULL)
			return (xmlNode *)n;
	return NULL;
}

char *
cp__xml_text(const xmlNode *node)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const xmlNode *n;
	char *out;

	cp__strbuf_add(&sb, "", 0);
	for (n = node != NULL ? node->children : NULL; n != NULL; n = n->next) {
		size_t len, room;

		if ((n->type != XML_TEXT_NODE &&
		    n->type != XML_CDATA_SECTION_NODE) || n->content == NULL)
			continue;
		len = strlen((const char *)n->content);
		room = CP__XML_TEXT_MAX - sb.len;
		if (len > room) {
			len = cp__utf8_cut((const char *)n->content, room);
			cp__strbuf_add(&sb, (const char *)n->content, len);
			break;
		}
		cp__strbuf_add(&sb, (const char *)n->content, len);
	}
	if ((out = cp__strbuf_detach(&sb)) == NULL)
		cp__strbuf_free(&sb);
	return out;
}

const char *
cp__xml_attr(const xmlNode *node, const char *name)
{
	const xmlAttr *a;

	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = node->properties; a != NULL; a = a->next) {
		const char *an = (const char *)a->name, *colon;

		if (an == NULL)
			continue;
		if ((colon = strrchr(an, ':')) != NULL)
			an = colon + 1;
		if (strcmp(an, name) != 0)
			continue;
		/* Without a DTD an attribute's value is one text node. */
		if (a->children == NULL)
			return "";
		if (a->children->type != XML_TEXT_NODE ||
		    a->children->content == NULL)
			return NULL;
		return (const char *)a->children->content;
	}
	return NULL;
}
