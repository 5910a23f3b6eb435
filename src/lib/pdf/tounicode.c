/* tounicode.c - an identity ToUnicode map for libharu's UTF-8 fonts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/tounicode.h"
#include "util/strbuf.h"

/* The identity map for two-byte codes, surrogates left out, in blocks of
 * at most 100 ranges as the CMap format allows. */
static char *
identity_cmap(void)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	int hi, in_block = 0, left = 0;

	cp__strbuf_puts(&sb, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (hi = 0; hi < 256; hi++) {
		if (hi >= 0xd8 && hi <= 0xdf)
			continue;
		if (left == 0) {
			if (in_block)
				cp__strbuf_puts(&sb, "endbfrange\n");
			/* 248 rows: blocks of 100, 100 and 48. */
			left = hi < 0x64 ? 100 : hi < 0xd0 ? 100 : 48;
			cp__strbuf_printf(&sb, "%d beginbfrange\n", left);
			in_block = 1;
		}
		cp__strbuf_printf(&sb, "<%02X00> <%02XFF> <%02X00>\n", hi, hi,
		    hi);
		left--;
	}
	cp__strbuf_puts(&sb, "endbfrange\nendcmap\n"
	    "CMapName currentdict /CMap defineresource pop\nend\nend\n");
	return cp__strbuf_detach(&sb);
}

static int
is_bad_map(qpdf_data q, qpdf_oh stream)
{
	unsigned char *data = NULL;
	size_t len = 0, i;
	QPDF_BOOL filtered = QPDF_FALSE;
	int bad = 0;

	if (!qpdf_oh_is_stream(q, stream))
		return 0;
	if (qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, &filtered,
	    &data, &len) & QPDF_ERRORS)
		return 0;
	for (i = 0; i + 13 <= len && !bad; i++)
		bad = memcmp(data + i, "begincidrange", 13) == 0;
	free(data);
	return bad;
}

int
cp__tounicode_mend(qpdf_data q)
{
	qpdf_oh page, fonts, font, map, null;
	char *cmap = NULL;
	const char *key;
	int n, i;

	n = qpdf_get_num_pages(q);
	for (i = 0; i < n; i++) {
		page = qpdf_get_page_n(q, (size_t)i);
		fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page,
		    "/Resources"), "/Font");
		if (!qpdf_oh_is_dictionary(q, fonts))
			continue;
		qpdf_oh_begin_dict_key_iter(q, fonts);
		while (qpdf_oh_dict_more_keys(q)) {
			key = qpdf_oh_dict_next_key(q);
			font = qpdf_oh_get_key(q, fonts, key);
			map = qpdf_oh_get_key(q, font, "/ToUnicode");
			if (!is_bad_map(q, map))
				continue;
			if (cmap == NULL && (cmap = identity_cmap()) == NULL)
				return -1;
			null = qpdf_oh_new_null(q);
			qpdf_oh_replace_stream_data(q, map,
			    (const unsigned char *)cmap, strlen(cmap), null,
			    null);
		}
	}
	free(cmap);
	return qpdf_has_error(q) ? -1 : 0;
}
