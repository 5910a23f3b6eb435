/*
 * mkdamaged.c - writes PDFs with the damage hospital PDFs have, for the
 * tests.
 *
 *   mkdamaged KIND FILE
 *
 * A three-page A4 PDF: each page says "Page N text" in Helvetica near
 * its top.  Pages 1 and 3 carry the damage KIND names, page 2 is clean:
 *
 *   clean        no damage
 *   stray-q      three Q with no q after the text, then a colour and a
 *                4x scale that would leak into what follows
 *   open-q       clean, but leaves two q (the outer one with a 4x scale)
 *                and a BT open at the end
 *   open-string  a string "(abc" left open at the end of the content
 *   open-hex     a hex string "<616263" left open at the end
 *   open-image   inline image data (BI ... ID) with no EI
 *   bad-item     /Contents [stream 42 <</A 1>>]: items that are not streams
 *   bad-flate    a Flate content stream whose data breaks off after the
 *                text (an invalid deflate block); what precedes inflates
 *   headerless   no damage, but no %PDF- header (the binary comment line
 *                that follows it is there)
 *   junk         no damage, but 3000 bytes of junk before the header
 *   not-pdf      "endobj" and an object, but nothing libqpdf can read
 *
 * Offsets in the cross-reference table are exact (for "junk", from the
 * header), so that libqpdf repairs nothing it need not.  Needs zlib.
 * tests/e2e/damaged.sh compiles this on the fly.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define MAXOBJ 64

typedef struct {
	FILE *f;
	long base;              /* where the header starts */
	long off[MAXOBJ];       /* object offsets, from base; 0: none */
} writer;

static void
begin_obj(writer *w, int n)
{
	w->off[n] = ftell(w->f) - w->base;
	fprintf(w->f, "%d 0 obj\n", n);
}

static void
end_obj(writer *w)
{
	fputs("\nendobj\n", w->f);
}

static void
stream_obj(writer *w, int n, const char *extra, const unsigned char *data,
    size_t len)
{
	begin_obj(w, n);
	fprintf(w->f, "<< /Length %zu %s >>\nstream\n", len, extra);
	fwrite(data, 1, len, w->f);
	fputs("\nendstream", w->f);
	end_obj(w);
}

/* The content of page `k` (0-based) with damage `kind`. */
static size_t
content(char *buf, size_t size, const char *kind, int k)
{
	char text[160];
	bool damaged = k != 1;

	snprintf(text, sizeof(text), "BT /F1 24 Tf 72 760 Td (Page %d text) "
	    "Tj ET\n", k + 1);
	if (!damaged || strcmp(kind, "bad-item") == 0 ||
	    strcmp(kind, "bad-flate") == 0)
		return (size_t)snprintf(buf, size, "%s", text);
	if (strcmp(kind, "stray-q") == 0)
		return (size_t)snprintf(buf, size, "%sQ Q Q 1 0 0 rg "
		    "4 0 0 4 0 0 cm", text);
	if (strcmp(kind, "open-q") == 0)
		return (size_t)snprintf(buf, size, "%sq 4 0 0 4 0 0 cm q "
		    "1 0 0 rg BT /F1 12 Tf 10 10 Td (open) Tj", text);
	if (strcmp(kind, "open-string") == 0)
		return (size_t)snprintf(buf, size, "%sBT /F1 12 Tf 72 500 Td "
		    "(abc", text);
	if (strcmp(kind, "open-hex") == 0)
		return (size_t)snprintf(buf, size, "%sBT /F1 12 Tf 72 500 Td "
		    "<616263", text);
	if (strcmp(kind, "open-image") == 0)
		return (size_t)snprintf(buf, size, "%sq 100 0 0 100 72 400 cm "
		    "BI /W 2 /H 2 /BPC 8 /CS /G ID \x01\x7f\x20\x40", text);
	return (size_t)snprintf(buf, size, "%s", text);
}

/* Flate data that inflates to `text` and then breaks: after a full
 * flush (a byte boundary), a final block of the invalid type 3. */
static size_t
broken_flate(unsigned char *out, size_t size, const char *text)
{
	z_stream z;

	memset(&z, 0, sizeof(z));
	if (deflateInit(&z, 9) != Z_OK)
		exit(2);
	z.next_in = (unsigned char *)text;
	z.avail_in = (uInt)strlen(text);
	z.next_out = out;
	z.avail_out = (uInt)size - 4;
	if (deflate(&z, Z_FULL_FLUSH) != Z_OK)
		exit(2);
	out[z.total_out] = 0x07;        /* BFINAL 1, BTYPE 11 */
	out[z.total_out + 1] = 0xff;
	out[z.total_out + 2] = 0xff;
	size = z.total_out + 3;
	deflateEnd(&z);
	return size;
}

static void
write_pdf(writer *w, const char *kind)
{
	char buf[512], extra[64];
	unsigned char flate[1024];
	size_t len;
	long xref;
	int k, n;

	/* "headerless" keeps the binary comment line that follows the
	 * header: libqpdf reads no object at offset 0. */
	if (strcmp(kind, "headerless") != 0)
		fputs("%PDF-1.4\n", w->f);
	fputs("%\xe2\xe3\xcf\xd3\n", w->f);
	begin_obj(w, 1);
	fputs("<< /Type /Catalog /Pages 2 0 R >>", w->f);
	end_obj(w);
	begin_obj(w, 2);
	fputs("<< /Type /Pages /Kids [10 0 R 20 0 R 30 0 R] /Count 3 "
	    "/MediaBox [0 0 595 842] >>", w->f);
	end_obj(w);
	begin_obj(w, 3);
	fputs("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", w->f);
	end_obj(w);
	for (k = 0; k < 3; k++) {
		n = 10 * (k + 1);
		begin_obj(w, n);
		fprintf(w->f, "<< /Type /Page /Parent 2 0 R /Resources "
		    "<< /Font << /F1 3 0 R >> >> /Contents ");
		if (k != 1 && strcmp(kind, "bad-item") == 0)
			fprintf(w->f, "[%d 0 R 42 << /A 1 >>]", n + 1);
		else
			fprintf(w->f, "%d 0 R", n + 1);
		fputs(" >>", w->f);
		end_obj(w);
		len = content(buf, sizeof(buf), kind, k);
		extra[0] = '\0';
		if (k != 1 && strcmp(kind, "bad-flate") == 0) {
			len = broken_flate(flate, sizeof(flate), buf);
			stream_obj(w, n + 1, "/Filter /FlateDecode", flate,
			    len);
		} else {
			stream_obj(w, n + 1, extra,
			    (const unsigned char *)buf, len);
		}
	}
	xref = ftell(w->f) - w->base;
	fprintf(w->f, "xref\n0 %d\n0000000000 65535 f \n", 32);
	for (n = 1; n < 32; n++)
		if (w->off[n] != 0)
			fprintf(w->f, "%010ld 00000 n \n", w->off[n]);
		else
			fputs("0000000000 65535 f \n", w->f);
	fprintf(w->f, "trailer\n<< /Size 32 /Root 1 0 R >>\nstartxref\n"
	    "%ld\n%%%%EOF\n", xref);
}

int
main(int argc, char **argv)
{
	writer w;
	unsigned seed = 12345;
	int i;

	if (argc != 3) {
		fprintf(stderr, "usage: mkdamaged KIND FILE\n");
		return 2;
	}
	memset(&w, 0, sizeof(w));
	if ((w.f = fopen(argv[2], "wb")) == NULL) {
		perror(argv[2]);
		return 2;
	}
	if (strcmp(argv[1], "not-pdf") == 0) {
		fputs("1 0 obj\n(a page that was lost)\nendobj\n", w.f);
		for (i = 0; i < 2000; i++)
			fputc('a' + (int)((seed = seed * 1103515245u + 12345u)
			    >> 16) % 26, w.f);
		return fclose(w.f) == 0 ? 0 : 2;
	}
	if (strcmp(argv[1], "junk") == 0) {
		/* Letters only: no "%PDF-" or "obj" by chance. */
		for (i = 0; i < 3000; i++)
			fputc('a' + (int)((seed = seed * 1103515245u + 12345u)
			    >> 16) % 26, w.f);
		w.base = ftell(w.f);
	}
	write_pdf(&w, argv[1]);
	return fclose(w.f) == 0 ? 0 : 2;
}
