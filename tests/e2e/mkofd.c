/* mkofd.c - OFD packages made to look like real e-invoices gone wrong,
 * for the end-to-end tests of ofd-broken and ofd-partial.
 *
 *   mkofd KIND OUT.ofd
 *
 * KIND is one of:
 *   good        a one-page OFD: a title, a table, an amount, drawn text
 *   slip        good, plus an entry named ../../evil.xml (a "zip slip")
 *   bomb        good, but its page content unpacks to 256 MiB of spaces
 *               (a ZIP bomb: the archive itself is about 250 KB)
 *   entities    a page content declaring nested entities ("billion
 *               laughs")
 *   nopage      Document.xml lists a page whose content is missing
 *   noimage     good, plus an image object whose resource file is
 *               missing (the rest draws)
 *   video       good, plus a VideoObject (not drawn, named)
 *   manypages   Document.xml lists 1000000 pages (in 13 MB of XML)
 *   toomany     Document.xml lists 1001 pages of one content
 *   deep        a page of 100000 nested PageBlocks
 *   nopages     Document.xml lists no page
 *   notofd      a ZIP archive of one text file, no OFD.xml
 * Exits 0, or 2 naming what failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#define NS "xmlns:ofd=\"http://www.ofdspec.org/2016\""

static const char ofd_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ofd:OFD " NS " DocType=\"OFD\" Version=\"1.1\"><ofd:DocBody>"
    "<ofd:DocInfo><ofd:DocID>0123456789abcdef</ofd:DocID>"
    "<ofd:CustomDatas><ofd:CustomData Name=\"发票号码\">26110000000012345678"
    "</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo>"
    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
    "</ofd:OFD>\n";

static const char public_res[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ofd:Res " NS " BaseLoc=\"Res\"><ofd:Fonts>"
    "<ofd:Font ID=\"2\" FontName=\"宋体\" FamilyName=\"SimSun\"/>"
    "</ofd:Fonts><ofd:MultiMedias><ofd:MultiMedia ID=\"3\" Type=\"Image\">"
    "<ofd:MediaFile>missing.png</ofd:MediaFile></ofd:MultiMedia>"
    "</ofd:MultiMedias></ofd:Res>\n";

/* The objects of the good page; `extra` goes after them. */
static char *
page_xml(const char *extra)
{
	static const char head[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ofd:Page " NS "><ofd:Content><ofd:Layer ID=\"10\">"
	    "<ofd:TextObject ID=\"11\" Boundary=\"60 8 90 8\" Font=\"2\" "
	    "Size=\"6\"><ofd:TextCode X=\"0\" Y=\"6\" DeltaX=\"g 5 6\">"
	    "电子发票测试</ofd:TextCode></ofd:TextObject>"
	    "<ofd:PathObject ID=\"12\" Boundary=\"10 30 190 60\" "
	    "LineWidth=\"0.4\"><ofd:AbbreviatedData>M 0 0 L 190 0 L 190 60 "
	    "L 0 60 C M 0 30 L 190 30</ofd:AbbreviatedData></ofd:PathObject>"
	    "<ofd:TextObject ID=\"13\" Boundary=\"20 40 80 6\" Font=\"2\" "
	    "Size=\"4\"><ofd:TextCode X=\"0\" Y=\"4\" DeltaX=\"g 6 2\">"
	    "TOTAL 1234.56</ofd:TextCode></ofd:TextObject>";
	static const char tail[] = "</ofd:Layer></ofd:Content></ofd:Page>\n";
	size_t len = sizeof(head) + strlen(extra) + sizeof(tail);
	char *s = malloc(len);

	if (s != NULL)
		snprintf(s, len, "%s%s%s", head, extra, tail);
	return s;
}

/* Document.xml listing `pages` pages, all of Pages/Page_0/Content.xml
 * (or of `content` when not NULL). */
static char *
document_xml(long pages, const char *content)
{
	static const char head[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<ofd:Document " NS "><ofd:CommonData><ofd:MaxUnitID>99"
	    "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 140"
	    "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml"
	    "</ofd:PublicRes></ofd:CommonData><ofd:Pages>";
	static const char tail[] = "</ofd:Pages></ofd:Document>\n";
	char page[160];
	size_t len, cap, n;
	long i;
	char *s;

	snprintf(page, sizeof(page), "<ofd:Page ID=\"1\" BaseLoc=\"%s\"/>",
	    content != NULL ? content : "Pages/Page_0/Content.xml");
	n = strlen(page);
	cap = sizeof(head) + (size_t)pages * n + sizeof(tail);
	if ((s = malloc(cap)) == NULL)
		return NULL;
	memcpy(s, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	for (i = 0; i < pages; i++, len += n)
		memcpy(s + len, page, n);
	memcpy(s + len, tail, sizeof(tail));
	return s;
}

/* ---- a page content of 256 MiB of spaces, made while it is packed ---- */

#define BOMB_BYTES ((zip_uint64_t)256 << 20)

typedef struct {
	zip_uint64_t done;
} bomb;

static zip_int64_t
bomb_source(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	static const char open_tag[] = "<ofd:Page " NS ">";
	bomb *b = ud;
	zip_uint64_t left, i;
	char *out = data;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		b->done = 0;
		return 0;
	case ZIP_SOURCE_READ:
		left = BOMB_BYTES - b->done;
		if (len > left)
			len = left;
		for (i = 0; i < len; i++) {
			zip_uint64_t at = b->done + i;

			out[i] = at < sizeof(open_tag) - 1 ? open_tag[at] : ' ';
		}
		b->done += len;
		return (zip_int64_t)len;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;

		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE;
		st->size = BOMB_BYTES;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return 2 * sizeof(int);
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return -1;
	}
}

/* Adds `text` (owned by the archive from here) as entry `name`. */
static int
add(zip_t *z, const char *name, char *text)
{
	zip_source_t *src;

	if (text == NULL)
		return -1;
	if ((src = zip_source_buffer(z, text, strlen(text), 1)) == NULL) {
		free(text);
		return -1;
	}
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

static char *
copy(const char *s)
{
	char *c = malloc(strlen(s) + 1);

	return c != NULL ? strcpy(c, s) : NULL;
}

int
main(int argc, char **argv)
{
	static bomb b;
	const char *kind;
	zip_source_t *src;
	char *page = NULL;
	long pages = 1;
	zip_t *z;
	int err, rc = 0;
	long i;

	if (argc != 3) {
		fprintf(stderr, "usage: mkofd KIND OUT.ofd\n");
		return 2;
	}
	kind = argv[1];
	if ((z = zip_open(argv[2], ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL) {
		fprintf(stderr, "mkofd: cannot create %s\n", argv[2]);
		return 2;
	}
	if (strcmp(kind, "manypages") == 0)
		pages = 1000000;
	else if (strcmp(kind, "toomany") == 0)
		pages = 1001;
	else if (strcmp(kind, "nopages") == 0)
		pages = 0;

	if (strcmp(kind, "noimage") == 0)
		page = page_xml("<ofd:ImageObject ID=\"14\" CTM=\"20 0 0 20 0 0\" "
		    "Boundary=\"150 40 20 20\" ResourceID=\"3\"/>");
	else if (strcmp(kind, "video") == 0)
		page = page_xml("<ofd:VideoObject ID=\"15\" "
		    "Boundary=\"150 40 20 20\" ResourceID=\"3\"/>");
	else if (strcmp(kind, "entities") == 0) {
		static const char lol[] =
		    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
		    " <!ENTITY lol \"lol\">\n"
		    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		    "]>\n<ofd:Page " NS "><ofd:Content><ofd:Layer ID=\"1\">"
		    "<ofd:TextObject ID=\"2\" Boundary=\"0 0 100 10\" Font=\"2\" "
		    "Size=\"4\"><ofd:TextCode X=\"0\" Y=\"4\">&lol9;"
		    "</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content>"
		    "</ofd:Page>\n";
		page = copy(lol);
	} else if (strcmp(kind, "deep") == 0) {
		static const char head[] = "<?xml version=\"1.0\"?>\n<ofd:Page "
		    NS "><ofd:Content><ofd:Layer ID=\"1\">";
		static const char tail[] = "</ofd:Layer></ofd:Content>"
		    "</ofd:Page>\n";
		const long depth = 100000;
		size_t len = sizeof(head) + sizeof(tail) + (size_t)depth * 40;

		if ((page = malloc(len)) != NULL) {
			char *p = page;

			p += sprintf(p, "%s", head);
			for (i = 0; i < depth; i++)
				p += sprintf(p, "<ofd:PageBlock ID=\"1\">");
			for (i = 0; i < depth; i++)
				p += sprintf(p, "</ofd:PageBlock>");
			sprintf(p, "%s", tail);
		}
	} else
		page = page_xml("");

	if (strcmp(kind, "notofd") == 0) {
		free(page);
		rc |= add(z, "readme.txt", copy("hello\n"));
		goto close;
	}
	rc |= add(z, "OFD.xml", copy(ofd_xml));
	rc |= add(z, "Doc_0/Document.xml", document_xml(pages, NULL));
	rc |= add(z, "Doc_0/PublicRes.xml", copy(public_res));
	if (strcmp(kind, "bomb") == 0) {
		free(page);
		if ((src = zip_source_function(z, bomb_source, &b)) == NULL ||
		    zip_file_add(z, "Doc_0/Pages/Page_0/Content.xml", src,
		    0) < 0)
			rc = -1;
	} else if (strcmp(kind, "nopage") == 0) {
		free(page);
	} else {
		rc |= add(z, "Doc_0/Pages/Page_0/Content.xml", page);
	}
	if (strcmp(kind, "slip") == 0)
		rc |= add(z, "../../evil.xml", copy("<evil/>\n"));
close:
	if (rc != 0 || zip_close(z) != 0) {
		fprintf(stderr, "mkofd: cannot write %s: %s\n", argv[2],
		    zip_strerror(z));
		zip_discard(z);
		return 2;
	}
	return 0;
}
