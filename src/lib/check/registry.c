/* registry.c - the table of every finding id: its family, severity and
 * what it means.  docs/checks.md says the same for people, and
 * tests/test_registry.c keeps the two in step: change both together. */
#include <string.h>

#include "check/registry.h"

enum { F_FILES, F_NAMES, F_DATES, F_TOTALS, F_INVOICES, F_COMPLETENESS,
    F_BUILD };

/*
 * The cover shows those marked true in a grid of three columns, in this
 * order.  A family it does not show may hold warnings and notices only:
 * an error there would leave every tick green (test_registry.c checks
 * that none can).
 */
static const cp__registry_family families[] = {
	[F_FILES] = { "files", "Files", "文件", true },
	[F_NAMES] = { "names", "Names", "姓名", true },
	[F_DATES] = { "dates", "Dates", "日期", true },
	[F_TOTALS] = { "totals", "Totals", "金额", true },
	[F_INVOICES] = { "invoices", "Invoices", "发票", true },
	[F_COMPLETENESS] = { "completeness", "Completeness", "完整性", true },
	[F_BUILD] = { "build", "Build", "生成", false },
};

static const cp__registry_check checks[] = {
	/* cp_check_run: check/files.c, names.c, dates.c, totals.c,
	 * invoices.c, facts.c and completeness.c. */
	{ "file-missing", &families[F_FILES], CP_SEVERITY_ERROR,
	    "a listed file does not exist (paths are relative to the "
	    "manifest's folder)" },
	{ "file-unreadable", &families[F_FILES], CP_SEVERITY_ERROR,
	    "a file exists but cannot be opened or read (permissions, a "
	    "symlink loop)" },
	{ "file-type", &families[F_FILES], CP_SEVERITY_ERROR,
	    "a file is not a PDF, OFD, JPEG, PNG, HEIC, WebP or TIFF by its "
	    "content (its name does not count): a GIF, an empty file, a "
	    "pipe or device; or a folder for any type but "
	    "`imaging_files`" },
	{ "file-duplicate", &families[F_FILES], CP_SEVERITY_WARNING,
	    "the same file (same device and inode) is listed twice" },
	{ "pdf-encrypted", &families[F_FILES], CP_SEVERITY_ERROR,
	    "a PDF needs a password to open; portals refuse those" },
	{ "pdf-restricted", &families[F_FILES], CP_SEVERITY_NOTICE,
	    "a PDF has only an owner password: it opens, and the bundle "
	    "will not carry its restrictions" },
	{ "pdf-broken", &families[F_FILES], CP_SEVERITY_ERROR,
	    "libqpdf cannot read a PDF, or it has no pages" },
	{ "pdf-repaired", &families[F_FILES], CP_SEVERITY_WARNING,
	    "libqpdf had to repair a PDF to read it, or it has no `%PDF-` "
	    "header" },
	{ "pdf-damaged", &families[F_FILES], CP_SEVERITY_WARNING,
	    "pages of a PDF have content that cannot be decoded or does "
	    "not parse (a string or inline image left open, data that does "
	    "not inflate, an item of `/Contents` that is not a stream); "
	    "names the pages; the bundle draws each as far as it can be "
	    "read, its stamp intact" },
	{ "ofd-broken", &families[F_FILES], CP_SEVERITY_ERROR,
	    "an OFD cannot be drawn: a ZIP archive that is not an OFD, "
	    "truncated or damaged, encrypted, a path leaving the archive, "
	    "an XML file that is not well-formed or declares a document "
	    "type, a page file that is missing, no pages, or more than the "
	    "limits (1000 pages, 4096 files, 64 MiB unpacked); or a "
	    "resource a page needs (an image, a template, the annotations, "
	    "a seal's signed value) is missing or damaged, when the rest is "
	    "drawn under `--force`; says why" },
	{ "ofd-partial", &families[F_FILES], CP_SEVERITY_WARNING,
	    "the bundle's pages of an OFD leave something out: an object "
	    "kind claimpack does not draw (video, shadings), an image in a "
	    "format it cannot decode, a seal picture it cannot read, or "
	    "characters no font of the bundle prints; names them" },
	{ "ofd-signed", &families[F_FILES], CP_SEVERITY_NOTICE,
	    "an OFD carries a digital signature: the bundle shows its seal "
	    "and attaches the original file; claimpack does not verify the "
	    "signature" },
	{ "imaging-unreadable", &families[F_FILES], CP_SEVERITY_WARNING,
	    "files of an imaging folder claim to be DICOM (by name, or "
	    "`DICM` at byte 128) but cannot be read: cut short, empty, "
	    "another format; names them (viewers, `autorun.inf`, "
	    "`Thumbs.db`, `._*` files are skipped silently)" },
	{ "imaging-incomplete", &families[F_FILES], CP_SEVERITY_WARNING,
	    "an imaging folder's DICOMDIR lists files the folder lacks: a "
	    "partial copy of the CD" },
	{ "image-broken", &families[F_FILES], CP_SEVERITY_ERROR,
	    "an image cannot be used: a PNG, HEIC, WebP or TIFF does not "
	    "decode to its end (its data is cut short or damaged: what "
	    "`build` would meet); a JPEG's data is cut short (no "
	    "end-of-image marker) or its headers are truncated; it claims "
	    "more than 20000 pixels a side or 200 megapixels; or it is a "
	    "JPEG kind PDF viewers cannot show (12-bit or lossless) or an "
	    "arithmetic-coded JPEG that does not decode" },
	{ "file-extension", &families[F_FILES], CP_SEVERITY_NOTICE,
	    "a file's content is not what its name says (`receipt.pdf` "
	    "that is a JPEG): claimpack goes by the content" },
	{ "imaging-name-mismatch", &families[F_NAMES], CP_SEVERITY_ERROR,
	    "no group of any image's DICOM PatientName (alphabetic, "
	    "ideographic, phonetic) names the patient or one of "
	    "`patient.aliases`: a CD of someone else; names the people" },
	{ "imaging-several-patients", &families[F_NAMES], CP_SEVERITY_ERROR,
	    "an imaging folder holds images of more than one person: lists "
	    "the others with their image counts and a file of each, so that "
	    "they can be removed (someone else's medical data)" },
	{ "name-mismatch", &families[F_NAMES], CP_SEVERITY_ERROR,
	    "the name on a paper is not the passport name nor one of "
	    "`patient.aliases`" },
	{ "name-partial", &families[F_NAMES], CP_SEVERITY_WARNING,
	    "the name on a paper leaves out part of the passport name (a "
	    "given name, or gives it as an initial)" },
	{ "name-read-mismatch", &families[F_NAMES], CP_SEVERITY_WARNING,
	    "a person's name read off a paper (the patient's 姓名, the "
	    "payer 交款人 of a fiscal receipt, the buyer of a VAT invoice "
	    "unless it is a company) is not the passport name nor one of "
	    "`patient.aliases`: the paper may be someone else's" },
	{ "name-alias", &families[F_NAMES], CP_SEVERITY_NOTICE,
	    "the name on a paper matched one of `patient.aliases`" },
	{ "name-transliterated", &families[F_NAMES], CP_SEVERITY_NOTICE,
	    "the name on a paper is the passport name as a passport's "
	    "machine-readable zone writes it (ICAO Doc 9303: `MUELLER` for "
	    "`MÜLLER`) or without its accents (`MULLER`); the cover lists "
	    "the spelling" },
	{ "date-outside-episode", &families[F_DATES], CP_SEVERITY_ERROR,
	    "a paper is dated before its episode began, or more than the "
	    "template's grace days (30 by default) after it ended; the "
	    "template's `dated_after_stay` types (translations, claim "
	    "forms, copied records) may be dated any time after" },
	{ "imaging-date-outside-episode", &families[F_DATES],
	    CP_SEVERITY_WARNING, "a study in an imaging folder is dated "
	    "(DICOM StudyDate) before its episode began or more than the "
	    "template's grace days after it ended" },
	{ "date-future", &families[F_DATES], CP_SEVERITY_ERROR,
	    "a paper or an episode is dated after the claim's `prepared` "
	    "date (today when not given)" },
	{ "date-before-birth", &families[F_DATES], CP_SEVERITY_ERROR,
	    "a paper or an episode is dated before the patient's birth "
	    "date" },
	{ "total-mismatch", &families[F_TOTALS], CP_SEVERITY_ERROR,
	    "in an episode, the fapiao amounts do not add up to the "
	    "expense list amounts, to the fen; gives both sums and the "
	    "difference; not compared while one of their amounts is not "
	    "given (`fact-missing`)" },
	{ "invoice-format", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "invoice identifiers are not well formed (see below)" },
	{ "invoice-duplicate", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "the same invoice (code and number) is claimed twice" },
	{ "invoice-missing", &families[F_INVOICES], CP_SEVERITY_WARNING,
	    "a fapiao has no invoice code or number, or a fiscal receipt "
	    "has no check code" },
	{ "invoice-qr-mismatch", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "the text of a fapiao's QR code (`invoice.qr`) holds an "
	    "invoice code, number, check code, issue date or amount that "
	    "differs from the manifest's (see below); one finding per "
	    "field" },
	{ "invoice-qr-amount-unchecked", &families[F_INVOICES],
	    CP_SEVERITY_NOTICE,
	    "a VAT QR code holds the amount before tax, and the manifest's "
	    "amount (the total) is not that plus VAT at any standard rate: "
	    "a margin-taxed invoice (差额征税) does that, a mistyped total "
	    "too; the total was not compared (see below)" },
	{ "invoice-read-mismatch", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "a fapiao's invoice code, number, check code, issue date, total "
	    "or QR text in the manifest differs from what its file says (its "
	    "QR code, e-invoice data or text layer; see `claimpack read`); "
	    "names the field, both values and the source; one finding per "
	    "field" },
	{ "invoice-qr-unreadable", &families[F_INVOICES], CP_SEVERITY_WARNING,
	    "`invoice.qr` is not a QR layout claimpack knows (see below)" },
	{ "fact-missing", &families[F_COMPLETENESS], CP_SEVERITY_ERROR,
	    "the manifest leaves out a fact that could not be read off the "
	    "papers: the patient's name or passport number, an episode's "
	    "hospital or start date, a paper's date or name (any type but "
	    "`imaging_files`), the amount of a fapiao or expense list; one "
	    "finding per fact, naming the document and saying what to type "
	    "and how" },
	{ "required-missing", &families[F_COMPLETENESS], CP_SEVERITY_ERROR,
	    "an episode lacks a document its template requires" },
	{ "recommended-missing", &families[F_COMPLETENESS], CP_SEVERITY_WARNING,
	    "an episode lacks a document its template recommends" },
	{ "imaging-unpaired", &families[F_COMPLETENESS], CP_SEVERITY_WARNING,
	    "an imaging report without image files in its episode, or "
	    "image files without a report" },
	/* cp_verify_check: verify/findings.c. */
	{ "invoice-invalid", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "the verification service said the invoice is `invalid`" },
	{ "invoice-not-found", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "the verification service said `not_found`: it does not know "
	    "the invoice" },
	{ "invoice-verify-mismatch", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "the service's amount, date or buyer disagrees with the "
	    "manifest (`mismatch`); the message names both values" },
	{ "invoice-unreachable", &families[F_INVOICES], CP_SEVERITY_WARNING,
	    "the service gave no usable answer (`unreachable` or "
	    "`bad_response`); the message gives the reason" },
	{ "invoice-verify-stale", &families[F_INVOICES], CP_SEVERITY_WARNING,
	    "the invoice was edited after it was verified (its "
	    "`fields_sha256` differs); the result is ignored" },
	{ "invoice-unverified", &families[F_INVOICES], CP_SEVERITY_ERROR,
	    "with `--require-verified` only: a fapiao has no current "
	    "`valid` result and no other error says so" },
	/* cp_check_run (check/glyphs.c), and again as cp_bundle_build's
	 * warnings for any text drawn (bundle/build.c). */
	{ "glyph-missing", &families[F_BUILD], CP_SEVERITY_WARNING,
	    "no font of the bundle can print a character of the manifest's "
	    "text (an Ethiopic alias, an emoji); names the field and the "
	    "characters, which print as `?`" },
};

const cp__registry_check *
cp__registry_find(const char *id)
{
	size_t i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		if (strcmp(checks[i].id, id) == 0)
			return &checks[i];
	return NULL;
}

const cp__registry_check *
cp__registry_at(size_t i)
{
	return i < sizeof(checks) / sizeof(checks[0]) ? &checks[i] : NULL;
}

const cp__registry_family *
cp__registry_family_find(const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (strcmp(families[i].key, key) == 0)
			return &families[i];
	return NULL;
}

const cp__registry_family *
cp__registry_family_at(size_t i)
{
	return i < sizeof(families) / sizeof(families[0]) ? &families[i] : NULL;
}
