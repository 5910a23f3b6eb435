/*
 * mksigned.c - writes a digitally signed one-page PDF, as e-invoice
 * platforms sign theirs: an /AcroForm holding one signature field
 * (/FT /Sig, an invisible widget on the page) whose value is a
 * signature dictionary (/Filter /Adobe.PPKLite, /SubFilter
 * /adbe.pkcs7.detached) with a /ByteRange covering the whole file but
 * the /Contents hex string, which holds a detached CMS signature of
 * those bytes.
 *
 *   mksigned [-p BYTES] OUT.pdf TEXT [CERT.pem KEY.pem]
 *
 * TEXT is printed on the page (Helvetica, ASCII).  -p adds an unused
 * stream object of BYTES bytes that do not compress (a fixed
 * pseudo-random sequence), to make a large file.  With CERT and KEY
 * (PEM, e.g. from `openssl req -x509 -newkey rsa:2048 -nodes`), the
 * signature is real and `pdfsig` finds it valid; without them /Contents
 * stays zeros (the structure of a signed PDF, no valid signature).  The
 * output depends only on the arguments (and on the key, for RSA
 * signatures are deterministic).  Exit status 0, 1 when the file cannot
 * be written or signed, 2 on bad arguments.
 *
 * Compiled on the fly by the tests:
 *   cc -o mksigned tests/e2e/mksigned.c -lcrypto
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/pem.h>

/* Room for the DER signature, as hex digits (a CMS SignedData with one
 * RSA-2048 certificate is about 1.5 KB). */
#define CONTENTS_HEX 8192
/* Each /ByteRange number is written in this many characters. */
#define RANGE_DIGITS 10

static char *buf;
static size_t cap;
static size_t len;
static size_t offsets[16];

static void
put(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap - len) {
		fprintf(stderr, "mksigned: the PDF would be too large\n");
		exit(2);
	}
	len += (size_t)n;
}

static void
object(int num)
{
	offsets[num] = len;
	put("%d 0 obj\n", num);
}

/* A detached CMS signature of `data` into hex `out` (CONTENTS_HEX
 * digits, the rest zeros).  0, or -1. */
static int
sign(char *out, const unsigned char *data, size_t n, const char *cert_path,
    const char *key_path)
{
	CMS_ContentInfo *cms = NULL;
	unsigned char *der = NULL;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	BIO *in = NULL;
	FILE *f;
	int der_len, i, rc = -1;

	if ((f = fopen(cert_path, "r")) != NULL) {
		cert = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	if ((f = fopen(key_path, "r")) != NULL) {
		key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		fclose(f);
	}
	if (cert == NULL || key == NULL ||
	    (in = BIO_new_mem_buf(data, (int)n)) == NULL ||
	    (cms = CMS_sign(cert, key, NULL, in, CMS_DETACHED | CMS_NOATTR |
	    CMS_BINARY)) == NULL ||
	    (der_len = i2d_CMS_ContentInfo(cms, &der)) <= 0 ||
	    der_len * 2 > CONTENTS_HEX)
		goto done;
	for (i = 0; i < der_len; i++)
		sprintf(out + 2 * i, "%02X", der[i]);
	out[2 * der_len] = '0';         /* sprintf's NUL: back to padding */
	rc = 0;
done:
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	EVP_PKEY_free(key);
	X509_free(cert);
	return rc;
}

int
main(int argc, char **argv)
{
	char stream[512], range[4 * (RANGE_DIGITS + 1) + 1];
	unsigned long seed = 12345;
	unsigned char *tbs;
	size_t range_at, lt, gt, xref, a, b, c, pad = 0, k;
	FILE *out;
	int i;

	if (argc > 2 && strcmp(argv[1], "-p") == 0) {
		pad = strtoul(argv[2], NULL, 10);
		argc -= 2;
		argv += 2;
	}
	if ((argc != 3 && argc != 5) || strchr(argv[2], '(') != NULL ||
	    strchr(argv[2], ')') != NULL || strchr(argv[2], '\\') != NULL ||
	    strlen(argv[2]) > 200 || pad > (100u << 20)) {
		fprintf(stderr, "usage: mksigned [-p BYTES] OUT.pdf TEXT "
		    "[CERT.pem KEY.pem]\n");
		return 2;
	}
	cap = 65536 + pad;
	if ((buf = malloc(cap)) == NULL)
		return 1;
	snprintf(stream, sizeof(stream), "BT /F1 16 Tf 60 360 Td (%s) Tj ET",
	    argv[2]);

	put("%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n");
	object(1);
	put("<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[5 0 R]"
	    "/SigFlags 3>>>>\nendobj\n");
	object(2);
	put("<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n");
	object(3);
	put("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 420]/Resources"
	    "<</Font<</F1 4 0 R>>>>/Contents 6 0 R/Annots[5 0 R]>>\nendobj\n");
	object(4);
	put("<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>\nendobj\n");
	object(5);
	put("<</Type/Annot/Subtype/Widget/FT/Sig/T(Signature1)/Rect[0 0 0 0]"
	    "/F 132/P 3 0 R/V 7 0 R>>\nendobj\n");
	object(6);
	put("<</Length %zu>>\nstream\n%s\nendstream\nendobj\n",
	    strlen(stream), stream);
	object(8);
	put("<</Length %zu>>\nstream\n", pad);
	for (k = 0; k < pad; k++) {
		seed = seed * 1103515245u + 12345u;
		buf[len++] = (char)(seed >> 16);
	}
	put("\nendstream\nendobj\n");
	object(7);
	put("<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached"
	    "/M(D:20261009120000+08'00')/ByteRange[");
	range_at = len;
	put("%*s]/Contents<", 4 * (RANGE_DIGITS + 1) - 1, "");
	lt = len - 1;
	for (i = 0; i < CONTENTS_HEX; i++)
		put("0");
	gt = len;
	put(">>>\nendobj\n");
	xref = len;
	put("xref\n0 9\n0000000000 65535 f \n");
	for (i = 1; i <= 8; i++)
		put("%010zu 00000 n \n", offsets[i]);
	put("trailer\n<</Size 9/Root 1 0 R>>\nstartxref\n%zu\n%%%%EOF\n", xref);

	/* Everything but the hex string, '<' and '>' included in it. */
	a = lt;
	b = gt + 1;
	c = len - b;
	/* Written over the blanks left for it (blanks stay before ']'). */
	snprintf(range, sizeof(range), "0 %zu %zu %zu", a, b, c);
	memcpy(buf + range_at, range, strlen(range));
	if (argc == 5) {
		if ((tbs = malloc(a + c)) == NULL)
			return 1;
		memcpy(tbs, buf, a);
		memcpy(tbs + a, buf + b, c);
		if (sign(buf + lt + 1, tbs, a + c, argv[3], argv[4]) != 0) {
			fprintf(stderr, "mksigned: cannot sign with %s and %s\n",
			    argv[3], argv[4]);
			free(tbs);
			return 1;
		}
		free(tbs);
	}
	if ((out = fopen(argv[1], "wb")) == NULL ||
	    fwrite(buf, 1, len, out) != len || fclose(out) != 0) {
		fprintf(stderr, "mksigned: cannot write %s\n", argv[1]);
		return 1;
	}
	free(buf);
	return 0;
}
