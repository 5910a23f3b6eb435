/* originals.c - which fapiao files are e-invoices, to attach as issued
 * (see originals.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/originals.h"
#include "input/sniff.h"
#include "manifest/doctype.h"
#include "manifest/invoice_qr.h"
#include "pdf/assemble.h"
#include "pdf/probe.h"
#include "read/ofd_probe.h"
#include "read/papers.h"
#include "read/read.h"
#include "util/error.h"
#include "util/fsio.h"
#include "util/sha256.h"
#include "util/strbuf.h"

/* Attachment names are at most this long: a longer id is cut, and
 * "~" and HASH_DIGITS hex digits of its SHA-256 follow. */
#define NAME_MAX_BYTES 100
#define HASH_DIGITS 16

static const struct {
	const char *ext;
	const char *mime;
} kinds[] = {
	[CP__ORIGINAL_PDF] = { ".pdf", "application/pdf" },
	[CP__ORIGINAL_OFD] = { ".ofd", "application/ofd" },
	[CP__ORIGINAL_XML] = { ".xml", "application/xml" },
};

/* ---- names ------------------------------------------------------------ */

/* What a file name should not hold, as viewers save attachments on any
 * system; '%' because it escapes, '~' because it marks a cut id. */
static bool
unsafe(unsigned char c)
{
	return c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>|%~", c) != NULL;
}

char *
cp__originals_name(const char *id, size_t n, const char *ext)
{
	cp__strbuf enc = CP__STRBUF_INIT;
	const unsigned char *s;
	char hex[65], suffix[48], *name;
	size_t cut = 0, room;

	snprintf(suffix, sizeof(suffix), "-%zu%s", n, ext);
	/* What a cut id may keep: the rest is the hash and the suffix. */
	room = NAME_MAX_BYTES - 1 - HASH_DIGITS;
	room = strlen(suffix) < room ? room - strlen(suffix) : 0;
	for (s = (const unsigned char *)id; *s != '\0'; s++) {
		if (unsafe(*s))
			cp__strbuf_printf(&enc, "%%%02X", *s);
		else
			cp__strbuf_add(&enc, (const char *)s, 1);
		/* A character ends where no continuation byte follows. */
		if ((s[1] & 0xC0) != 0x80 && enc.len <= room)
			cut = enc.len;
	}
	cp__strbuf_puts(&enc, "");
	if (enc.failed) {
		cp__strbuf_free(&enc);
		return NULL;
	}
	if (enc.len + strlen(suffix) <= NAME_MAX_BYTES) {
		name = cp__sprintf("%s%s", enc.data, suffix);
	} else {
		cp__sha256_hex(hex, id, strlen(id));
		name = cp__sprintf("%.*s~%.*s%s", (int)cut, enc.data,
		    HASH_DIGITS, hex, suffix);
	}
	cp__strbuf_free(&enc);
	return name;
}

static char *
describe(const cp__original *it, const char *id)
{
	const char *what;

	switch (it->kind) {
	case CP__ORIGINAL_OFD:
		what = it->is_signed ? "signed OFD), as issued; open it in an "
		    "OFD reader to check the signature" : "OFD), as issued";
		break;
	case CP__ORIGINAL_XML:
		what = "e-invoice XML), as issued";
		break;
	case CP__ORIGINAL_PDF:
	default:
		what = it->is_signed ? "signed PDF), as issued; open it to "
		    "check the signature" : "PDF from the e-invoice platform, "
		    "unsigned), as issued";
		break;
	}
	return cp__sprintf("Original e-invoice of document %s (%s", id, what);
}

/* ---- which files are e-invoices ---------------------------------------- */

/*
 * Whether the text of a QR code is one only electronic invoices carry,
 * with the invoice number into `qr`: a VAT QR of type 10 (electronic
 * ordinary), 14 (electronic toll), 20 (electronic special), 31 or 32
 * (fully digitalized), or a fiscal e-receipt's (the Ministry of
 * Finance's platform issues only electronic ones).  Paper VAT invoices
 * (01, 04, 11) carry a QR code too.
 */
static bool
electronic_qr(cp__qr_fields *qr, const char *text)
{
	static const char *const types[] = { "10", "14", "20", "31", "32" };
	size_t i;

	switch (cp__qr_parse(qr, text)) {
	case CP__QR_FISCAL:
		return qr->number[0] != '\0';
	case CP__QR_VAT:
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcmp(qr->type, types[i]) == 0)
				return qr->number[0] != '\0';
		return false;
	default:
		return false;
	}
}

/*
 * Whether an unsigned PDF is the file an e-invoice platform made.  The
 * QR code read off it (check read it; the claim keeps it) must be an
 * electronic invoice's, and its text layer must carry that invoice's
 * number.  The QR code alone is not enough: a scan or a photo of a
 * printed e-invoice carries the same code, and a scan is no original.
 * A text layer that gives the number is what a file born on the
 * platform has and a scan has not.  (A scan with an OCR text layer, or
 * an e-invoice printed to PDF again, would pass; either is labelled
 * unsigned, so nobody is told there is a signature to check.)
 * Returns 1 or 0, or -1 when out of memory.
 */
static int
from_platform(const cp_claim *claim, size_t d, size_t f, const char *path)
{
	const cp__paper_facts *paper;
	cp__paper_facts *text;
	cp__qr_fields qr;
	int rc;

	if (cp__claim_paper(&paper, claim, d, f, CP__READ_ALL) < 0)
		return -1;
	if (paper == NULL || paper->invoice.qr.text == NULL ||
	    !electronic_qr(&qr, paper->invoice.qr.text))
		return 0;
	/* The kept facts hold the number as the QR code gave it (it is
	 * trusted over the text): the text layer is read again alone. */
	if (cp__read_paper(&text, path, claim->documents[d].files[f],
	    CP__READ_TEXT) < 0)
		return -1;
	rc = text->invoice.number.text != NULL &&
	    text->invoice.number.from >= CP__FROM_TEXT &&
	    strcmp(text->invoice.number.text, qr.number) == 0;
	cp__paper_free(text);
	return rc;
}

/*
 * Whether file `f` of fapiao `d` (at `path`) is an e-invoice: fills
 * it->kind and it->is_signed.  An OFD is a ZIP archive holding OFD.xml;
 * an e-invoice XML is XML the e-invoice reader takes fields from; a PDF
 * is one when it carries a digital signature, or else comes from an
 * e-invoice platform (from_platform).  Returns 1 or 0, or -1 when out
 * of memory.
 */
static int
classify(cp__original *it, const cp_claim *claim, size_t d, size_t f,
    const char *path)
{
	const cp__paper_facts *paper;
	cp__ofd_probe_result ofd;
	cp__format format;

	if (cp__sniff_file(path, &format) <= 0)
		return 0;
	switch (format) {
	case CP__FORMAT_ZIP:
		if (cp__ofd_probe(&ofd, path) < 0)
			return -1;
		it->kind = CP__ORIGINAL_OFD;
		it->is_signed = ofd.is_signed;
		return ofd.ofd;
	case CP__FORMAT_XML:
		if (cp__claim_paper(&paper, claim, d, f, CP__READ_TEXT) < 0)
			return -1;
		it->kind = CP__ORIGINAL_XML;
		return paper != NULL && paper->problem == NULL &&
		    paper->invoice.present;
	case CP__FORMAT_PDF:
		it->kind = CP__ORIGINAL_PDF;
		if (cp__pdf_signed(&it->is_signed, path) < 0)
			return -1;
		return it->is_signed ? 1 : from_platform(claim, d, f, path);
	default:
		return 0;
	}
}

static void
original_clear(cp__original *it)
{
	free(it->path);
	free(it->name);
	free(it->description);
}

/* Adds file `f` of fapiao `d` when it is an e-invoice.  0, or -1 when
 * out of memory. */
static int
consider(cp__originals *o, size_t *cap, const cp_claim *claim, size_t d,
    size_t f)
{
	const cp__document *doc = &claim->documents[d];
	cp__original it, *grown;
	size_t n;
	int rc;

	memset(&it, 0, sizeof(it));
	if ((it.path = cp__claim_file_path(claim, doc->files[f])) == NULL)
		return -1;
	if ((rc = classify(&it, claim, d, f, it.path)) <= 0) {
		original_clear(&it);
		return rc;
	}
	it.doc = d;
	it.file = f;
	it.bytes = cp__file_size(it.path);
	it.too_large = it.bytes > CP__ATTACH_FILE_MAX;
	it.mime = kinds[it.kind].mime;
	if ((it.name = cp__originals_name(doc->id, f + 1,
	    kinds[it.kind].ext)) == NULL ||
	    (it.description = describe(&it, doc->id)) == NULL) {
		original_clear(&it);
		return -1;
	}
	if (o->count == *cap) {
		n = *cap ? *cap * 2 : 8;
		if ((grown = realloc(o->items, n * sizeof(*grown))) == NULL) {
			original_clear(&it);
			return -1;
		}
		o->items = grown;
		*cap = n;
	}
	o->items[o->count++] = it;
	return 0;
}

int
cp__originals_find(cp__originals *out, const cp_claim *claim,
    cp_error *err)
{
	size_t d, f, cap = 0;

	memset(out, 0, sizeof(*out));
	if ((out->first = calloc(claim->ndocuments + 1,
	    sizeof(*out->first))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	out->ndocs = claim->ndocuments;
	for (d = 0; d < claim->ndocuments; d++) {
		out->first[d] = out->count;
		if (claim->documents[d].type != CP__DT_FAPIAO)
			continue;
		for (f = 0; f < claim->documents[d].nfiles; f++)
			if (consider(out, &cap, claim, d, f) < 0)
				return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
				    "out of memory");
	}
	out->first[claim->ndocuments] = out->count;
	return CP_OK;
}

void
cp__originals_free(cp__originals *o)
{
	size_t i;

	for (i = 0; i < o->count; i++)
		original_clear(&o->items[i]);
	free(o->items);
	free(o->first);
	memset(o, 0, sizeof(*o));
}

/* ---- what is said of them ---------------------------------------------- */

uint64_t
cp__originals_bytes(const cp__originals *o, size_t doc)
{
	uint64_t bytes = 0;
	size_t i;

	if (o == NULL || o->first == NULL || doc >= o->ndocs)
		return 0;
	for (i = o->first[doc]; i < o->first[doc + 1]; i++)
		if (!o->items[i].too_large)
			bytes += o->items[i].bytes;
	return bytes;
}

bool
cp__originals_phrase(char *buf, size_t size, const cp__originals *o,
    size_t doc, size_t part)
{
	size_t i, attached = 0, signed_ = 0, large = 0, len;
	char where[40] = "";

	if (size == 0)
		return false;
	buf[0] = '\0';
	if (o == NULL || o->first == NULL || doc >= o->ndocs)
		return false;
	for (i = o->first[doc]; i < o->first[doc + 1]; i++) {
		if (o->items[i].too_large) {
			large++;
		} else {
			attached++;
			signed_ += o->items[i].is_signed;
		}
	}
	if (attached + large == 0)
		return false;
	if (part > 0)
		snprintf(where, sizeof(where), " to part %zu", part);
	if (attached == 1)
		snprintf(buf, size, "original e-invoice attached%s", where);
	else if (attached > 1)
		snprintf(buf, size, "%zu original e-invoices attached%s",
		    attached, where);
	len = strlen(buf);
	if (signed_ == attached && signed_ > 0)
		snprintf(buf + len, size - len, ", signed");
	else if (signed_ > 0)
		snprintf(buf + len, size - len, ", %zu signed", signed_);
	len = strlen(buf);
	if (large > 0)
		snprintf(buf + len, size - len, "%s%s not attached (over %u "
		    "MiB)", len ? "; " : "", large == 1 ? "original e-invoice" :
		    "original e-invoices", CP__ATTACH_FILE_MAX >> 20);
	return true;
}
