/* raster_tiff.c - the pages of a TIFF, decoded with libtiff.
 *
 * Every directory of the file's main chain is a page, except those after
 * the first that say (NewSubfileType bit 0) they are a reduced-resolution
 * copy of another: thumbnails and previews are not pages of their own.
 * Bilevel pages (one 1-bit sample: fax G3/G4, PackBits, LZW, none) stay
 * 1-bit and are read one scanline at a time; every other kind goes
 * through libtiff's RGBA reader (TIFFRGBAImage) a band of rows at a time,
 * so that a large scan is never whole in memory.  Rows come out as
 * stored: the Orientation tag is reported, never applied.
 *
 * Each file is opened with its own error and warning handlers (no
 * global handler is set): warnings are dropped, and any error libtiff
 * reports while a page is read makes the page damaged, even when the
 * call that reported it went on.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tiffio.h>

#include "input/exif.h"
#include "input/raster_int.h"
#include "util/error.h"
#include "util/infile.h"

/* Directories looked at, thumbnails included, before giving up: opening
 * page n walks the n directories before it, so this bounds the time a
 * file of many small directories can take too. */
#define MAX_DIRECTORIES (2u * CP__RASTER_MAX_PAGES)

/* The largest block libtiff may ask for at once (a strip or tile, its
 * tables); a page needing more is refused rather than read. */
#define MAX_ALLOC ((tmsize_t)256 << 20)

/* The RGBA band: at least this many rows, at most this many bytes. */
#define BAND_MIN_ROWS 64u
#define BAND_MAX_BYTES ((size_t)16 << 20)

/* The widest tile whose right-hand padding is decoded with it. */
#define MAX_PADDED_TILE 8192u

/* What libtiff said about one open file: its first error, and its
 * first warning (the only reason given when a decoder stops on what
 * libtiff calls a warning, as its fax decoder does). */
typedef struct {
	const char *path;       /* the file, which libtiff's messages name */
	bool failed, warned;
	char msg[200];
	char warning[200];
} tiff_log;

/* One open page: the file, and how its rows are made. */
typedef struct {
	TIFF *tif;
	tiff_log log;
	char what[32];          /* "TIFF" or "TIFF page 3", for messages */
	bool scanlines;         /* bilevel, read a scanline at a time */
	bool invert;            /* ... stored with 0 as white */
	unsigned char *line;    /* ... one scanline as libtiff gives it */
	bool begun;             /* img holds libtiff's RGBA reader */
	TIFFRGBAImage img;
	bool pack;              /* RGBA pixels packed to 1 bit a pixel */
	bool premultiplied;     /* RGBA colour multiplied by its alpha */
	uint32_t *band;         /* decoded RGBA rows band_first.. */
	unsigned stride;        /* pixels in one of its rows */
	size_t row_bytes;       /* bytes in a row handed out */
	unsigned band_rows;     /* rows the band holds at most */
	unsigned band_first, band_count;
	unsigned char *icc;
} tiff_page;

/* Writes libtiff's message on one line into `out`, less the file's
 * path that many of them start with and the final full stop. */
static void keep_message(const tiff_log *log, char *out, size_t size,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static void
keep_message(const tiff_log *log, char *out, size_t size, const char *fmt,
    va_list ap)
{
	size_t skip = strlen(log->path);
	char *c;

	vsnprintf(out, size, fmt, ap);
	if (strncmp(out, log->path, skip) == 0 && out[skip] == ':' &&
	    out[skip + 1] == ' ')
		memmove(out, out + skip + 2, strlen(out + skip + 2) + 1);
	for (c = out; *c != '\0'; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	while (c > out && (c[-1] == ' ' || c[-1] == '.'))
		*--c = '\0';
	if (out[0] == '\0')
		snprintf(out, size, "libtiff gave no reason");
}

static int on_error(TIFF *tif, void *user, const char *module,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
static int on_warning(TIFF *tif, void *user, const char *module,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* Returning 1 keeps the global handlers (which print to stderr) from
 * being called. */
static int
on_error(TIFF *tif, void *user, const char *module, const char *fmt,
    va_list ap)
{
	tiff_log *log = user;

	(void)tif;
	(void)module;
	if (!log->failed)
		keep_message(log, log->msg, sizeof(log->msg), fmt, ap);
	log->failed = true;
	return 1;
}

static int
on_warning(TIFF *tif, void *user, const char *module, const char *fmt,
    va_list ap)
{
	tiff_log *log = user;

	(void)tif;
	(void)module;
	if (!log->warned)
		keep_message(log, log->warning, sizeof(log->warning), fmt, ap);
	log->warned = true;
	return 1;
}

/* CP_EIO for damage libtiff found (or `fallback` when it said nothing). */
static int
damaged(const tiff_log *log, const char *what, const char *fallback,
    const char *name, cp_error *err)
{
	return cp__error_set(err, CP_EIO, name, 0, 0, "%s is damaged: %s",
	    what, log->failed ? log->msg : log->warned ? log->warning :
	    fallback);
}

/* Opens the file at `path` for reading (`mode` "rm", or "r" to map it
 * into memory), its first directory read. */
static int
open_file(TIFF **out, const char *path, const char *mode, tiff_log *log,
    const char *name, cp_error *err)
{
	TIFFOpenOptions *opts;
	int fd;

	*out = NULL;
	log->path = path;
	/* libtiff says only "Cannot open": the system says why. */
	if ((fd = cp__infile_open(path)) < 0)
		return cp__error_set(err, CP_EIO, name, 0, 0, "cannot be read: "
		    "%s", strerror(errno));
	if ((opts = TIFFOpenOptionsAlloc()) == NULL) {
		close(fd);
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	}
	TIFFOpenOptionsSetErrorHandlerExtR(opts, on_error, log);
	TIFFOpenOptionsSetWarningHandlerExtR(opts, on_warning, log);
	TIFFOpenOptionsSetMaxSingleMemAlloc(opts, MAX_ALLOC);
	/* libtiff owns fd from here, and closes it with the TIFF. */
	*out = TIFFFdOpenExt(fd, path, mode, opts);
	TIFFOpenOptionsFree(opts);
	if (*out == NULL)
		close(fd);
	if (*out == NULL || log->failed) {
		if (*out != NULL)
			TIFFClose(*out);
		*out = NULL;
		return damaged(log, "TIFF", "it could not be opened", name,
		    err);
	}
	return CP_OK;
}

/* Whether directory `dir`, the current one, is a page: the first always
 * is; a later one is not when it is a reduced-resolution copy. */
static bool
is_page(TIFF *tif, unsigned dir)
{
	uint32_t subfile = 0;

	if (dir == 0)
		return true;
	return !(TIFFGetField(tif, TIFFTAG_SUBFILETYPE, &subfile) &&
	    (subfile & FILETYPE_REDUCEDIMAGE));
}

/* Moves to the next directory: *end when there is none.  libtiff refuses
 * a chain that loops back on itself; MAX_DIRECTORIES bounds the rest. */
static int
next_directory(TIFF *tif, tiff_log *log, unsigned *dir, bool *end,
    const char *name, cp_error *err)
{
	*end = false;
	if (TIFFLastDirectory(tif)) {
		*end = true;
		return CP_OK;
	}
	if (*dir + 1 >= MAX_DIRECTORIES)
		return cp__error_set(err, CP_EIO, name, 0, 0, "TIFF holds more "
		    "than %u images; claimpack takes at most %u pages",
		    MAX_DIRECTORIES, CP__RASTER_MAX_PAGES);
	if (!TIFFReadDirectory(tif) || log->failed)
		return damaged(log, "TIFF", "a directory after the first "
		    "cannot be read", name, err);
	(*dir)++;
	return CP_OK;
}

static int
page_size(TIFF *tif, tiff_log *log, size_t page, unsigned *w, unsigned *h,
    const char *name, cp_error *err)
{
	uint32_t width = 0, height = 0;
	char what[32];

	snprintf(what, sizeof(what), "TIFF page %zu", page + 1);
	if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) ||
	    !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height) || log->failed)
		return damaged(log, what, "it has no size", name, err);
	*w = width;
	*h = height;
	return cp__raster_check_size(width, height, what, name, err);
}

static int
count_pages(const char *path, size_t *pages, const char *name,
    cp_error *err)
{
	tiff_log log;
	TIFF *tif = NULL;
	unsigned dir = 0, w, h;
	bool end = false;
	size_t n = 0;
	int rc;

	*pages = 0;
	memset(&log, 0, sizeof(log));
	if ((rc = open_file(&tif, path, "rm", &log, name, err)) != CP_OK)
		return rc;
	while (!end) {
		if (is_page(tif, dir)) {
			if (n == CP__RASTER_MAX_PAGES) {
				rc = cp__error_set(err, CP_EIO, name, 0, 0,
				    "TIFF has more than %u pages; claimpack "
				    "takes at most %u", CP__RASTER_MAX_PAGES,
				    CP__RASTER_MAX_PAGES);
				goto done;
			}
			if ((rc = page_size(tif, &log, n, &w, &h, name, err)) !=
			    CP_OK)
				goto done;
			n++;
		}
		if ((rc = next_directory(tif, &log, &dir, &end, name, err)) !=
		    CP_OK)
			goto done;
	}
	*pages = n;
done:
	TIFFClose(tif);
	return rc;
}

/* Makes the current directory page `page`, walking the chain as
 * count_pages does. */
static int
seek_page(TIFF *tif, tiff_log *log, size_t page, const char *name,
    cp_error *err)
{
	unsigned dir = 0;
	size_t n = 0;
	bool end = false;
	int rc;

	for (;;) {
		if (is_page(tif, dir) && n++ == page)
			return CP_OK;
		if ((rc = next_directory(tif, log, &dir, &end, name, err)) !=
		    CP_OK)
			return rc;
		if (end)
			return cp__error_set(err, CP_EIO, name, 0, 0, "TIFF has "
			    "%zu pages, and page %zu was asked for", n,
			    page + 1);
	}
}

/* The day the page's DateTime tag gives (when a scanner made it or a
 * program last changed it).  A camera's DateTimeOriginal, in an Exif
 * directory of its own, is not looked for: reading it moves libtiff off
 * the page's directory, and TIFFs come from scanners. */
static void
read_taken(TIFF *tif, cp__raster_info *info)
{
	const char *text = NULL;

	if (TIFFGetField(tif, TIFFTAG_DATETIME, &text) && text != NULL)
		(void)cp__exif_date(text, strnlen(text, 64), info->taken);
}

/* The page's resolution, in dots per inch (0 when not given). */
static void
read_dpi(TIFF *tif, cp__raster_info *info)
{
	float x = 0, y = 0;
	uint16_t unit = RESUNIT_INCH;
	bool has_x, has_y;
	double scale;

	has_x = TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x) != 0;
	has_y = TIFFGetField(tif, TIFFTAG_YRESOLUTION, &y) != 0;
	TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
	if (!has_x && !has_y)
		return;
	if (!has_x)
		x = y;
	if (!has_y)
		y = x;
	scale = unit == RESUNIT_INCH ? 1.0 : unit == RESUNIT_CENTIMETER ?
	    2.54 : 0.0;
	if (scale == 0.0 || !isfinite(x) || !isfinite(y) || x <= 0 ||
	    y <= 0 || x > 1e6f || y > 1e6f)
		return;
	info->dpi_x = x * scale;
	info->dpi_y = y * scale;
}

/* The page's colour profile, kept when it describes `components`
 * channels. */
static int
read_icc(tiff_page *t, cp__raster_info *info)
{
	uint32_t len = 0;
	void *data = NULL;

	if (!TIFFGetField(t->tif, TIFFTAG_ICCPROFILE, &len, &data) ||
	    data == NULL || !cp__raster_icc_fits(data, len, info->components))
		return CP_OK;
	if ((t->icc = malloc(len)) == NULL)
		return CP_ENOMEM;
	memcpy(t->icc, data, len);
	info->icc = t->icc;
	info->icc_len = len;
	return CP_OK;
}

/* Whether a palette page's colours are all greys. */
static bool
grey_palette(TIFF *tif, uint16_t bits)
{
	uint16_t *r, *g, *b;
	size_t i, n;

	if (bits > 16 || !TIFFGetField(tif, TIFFTAG_COLORMAP, &r, &g, &b))
		return false;
	n = (size_t)1 << bits;
	for (i = 0; i < n; i++)
		if (r[i] != g[i] || g[i] != b[i])
			return false;
	return true;
}

/* Whether ExtraSamples says the first extra sample is an opacity. */
static bool
has_alpha(TIFF *tif)
{
	uint16_t n = 0, *kind = NULL;

	return TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &n, &kind) &&
	    n >= 1 && kind != NULL && (kind[0] == EXTRASAMPLE_ASSOCALPHA ||
	    kind[0] == EXTRASAMPLE_UNASSALPHA);
}

/* Sets up the bilevel page to be read scanline by scanline. */
static int
open_scanlines(tiff_page *t, cp__raster_info *info, uint16_t photometric,
    const char *name, cp_error *err)
{
	tmsize_t size = TIFFScanlineSize(t->tif);

	if (size <= 0 || (size_t)size < ((size_t)info->width + 7) / 8)
		return damaged(&t->log, t->what, "its rows have no size", name,
		    err);
	if ((t->line = malloc((size_t)size)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	t->scanlines = true;
	t->invert = photometric == PHOTOMETRIC_MINISWHITE;
	info->components = 1;
	info->bits = 1;
	return CP_OK;
}

/* How many rows one band of RGBA pixels holds: whole strips or tile
 * rows when they fit (libtiff decodes a strip from its start each time
 * it is asked for part of it), at least BAND_MIN_ROWS, at most
 * BAND_MAX_BYTES. */
static unsigned
band_rows(TIFF *tif, unsigned width, unsigned height)
{
	uint32_t unit = 0;
	size_t cap, rows;

	if (TIFFIsTiled(tif))
		TIFFGetField(tif, TIFFTAG_TILELENGTH, &unit);
	else
		TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &unit);
	if (unit == 0 || unit > height)
		unit = height;
	rows = ((BAND_MIN_ROWS + unit - 1) / unit) * unit;
	cap = BAND_MAX_BYTES / ((size_t)width * 4);
	/* A multiple of 4 rows keeps a band on whole YCbCr blocks. */
	cap = cap < 4 ? 4 : cap - cap % 4;
	if (rows > cap)
		rows = cap >= unit ? cap - cap % unit : cap;
	return rows > height ? height : (unsigned)rows;
}

/* Sets up libtiff's RGBA reader for the page. */
static int
open_rgba(tiff_page *t, cp__raster_info *info, uint16_t bits,
    uint16_t samples, uint16_t photometric, const char *name,
    cp_error *err)
{
	char emsg[1024] = "";
	const char *reason;
	uint32_t tile_width = 0;
	size_t i;

	if (!TIFFRGBAImageOK(t->tif, emsg) ||
	    !TIFFRGBAImageBegin(&t->img, t->tif, 1, emsg)) {
		if (t->log.failed)
			return damaged(&t->log, t->what, emsg, name, err);
		/* libtiff's reasons start "Sorry, can not handle ...". */
		reason = strncmp(emsg, "Sorry, ", 7) == 0 ? emsg + 7 : emsg;
		return cp__error_set(err, CP_EIO, name, 0, 0, "%s is of a kind "
		    "claimpack cannot decode (libtiff: %s); save it again as "
		    "a PNG, JPEG or PDF", t->what, reason[0] != '\0' ? reason :
		    "no reason given");
	}
	t->begun = true;
	/* Rows as stored: asking for the file's own orientation keeps
	 * libtiff from flipping them. */
	t->img.req_orientation = t->img.orientation;
	t->img.row_offset = 0;
	t->img.col_offset = 0;

	if (bits == 1 && samples == 1 &&
	    (photometric == PHOTOMETRIC_MINISWHITE ||
	    photometric == PHOTOMETRIC_MINISBLACK)) {
		/* A bilevel page the scanline reader cannot take (tiled):
		 * libtiff's 0 and 255 packed back into bits. */
		t->pack = true;
		info->components = 1;
		info->bits = 1;
	} else {
		info->bits = 8;
		info->components = t->img.photometric ==
		    PHOTOMETRIC_MINISBLACK || t->img.photometric ==
		    PHOTOMETRIC_MINISWHITE ? 1 : 3;
		if (t->img.photometric == PHOTOMETRIC_PALETTE &&
		    grey_palette(t->tif, bits))
			info->components = 1;
		info->alpha = has_alpha(t->tif);
	}
	if (info->alpha) {
		/*
		 * libtiff hands alpha premultiplied: associated alpha as
		 * stored, unassociated alpha multiplied in through its
		 * UaToAa table.  Made the identity, that table leaves the
		 * colours as stored, exactly; associated alpha is divided
		 * out row by row.
		 */
		if (t->img.alpha == EXTRASAMPLE_UNASSALPHA &&
		    t->img.UaToAa != NULL)
			for (i = 0; i < 65536; i++)
				t->img.UaToAa[i] = (uint8_t)(i & 0xff);
		t->premultiplied = t->img.alpha == EXTRASAMPLE_ASSOCALPHA;
	}
	/*
	 * libtiff 4.5.0 skips the wrong number of bytes in a right-hand
	 * tile cut by the page's edge for some kinds (16-bit grey), so
	 * tiles are never cut: the band is as wide as whole tiles and
	 * their padding is dropped.
	 */
	t->stride = info->width;
	if (TIFFIsTiled(t->tif) && TIFFGetField(t->tif, TIFFTAG_TILEWIDTH,
	    &tile_width) && tile_width > 0 && tile_width <= MAX_PADDED_TILE &&
	    info->width % tile_width != 0) {
		t->stride = (info->width / tile_width + 1) * tile_width;
		t->img.width = t->stride;
	}
	t->band_rows = band_rows(t->tif, t->stride, info->height);
	t->band = malloc((size_t)t->band_rows * t->stride *
	    sizeof(uint32_t));
	if (t->band == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}

static void
close_page(cp__raster *r)
{
	tiff_page *t = r->impl;

	if (t == NULL)
		return;
	if (t->begun)
		TIFFRGBAImageEnd(&t->img);
	if (t->tif != NULL)
		TIFFClose(t->tif);
	free(t->line);
	free(t->band);
	free(t->icc);
	free(t);
	r->impl = NULL;
}

static int
open_page(cp__raster *r, const char *path, size_t page, cp_error *err)
{
	cp__raster_info *info = &r->info;
	uint16_t bits = 1, samples = 1, photometric = 0, compression = 1;
	uint16_t orientation = ORIENTATION_TOPLEFT;
	tiff_page *t;
	int rc;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	r->impl = t;
	/* "m": read(), not mmap(), so that a file cut short while it is
	 * read is a read error rather than a SIGBUS. */
	if ((rc = open_file(&t->tif, path, "rm", &t->log, r->name, err)) !=
	    CP_OK ||
	    (rc = seek_page(t->tif, &t->log, page, r->name, err)) != CP_OK ||
	    (rc = page_size(t->tif, &t->log, page, &info->width,
	    &info->height, r->name, err)) != CP_OK)
		return rc;
	TIFFGetFieldDefaulted(t->tif, TIFFTAG_COMPRESSION, &compression);
	if (TIFFIsTiled(t->tif) && compression == COMPRESSION_NONE) {
		/*
		 * libtiff 4.5.0 refuses the first uncompressed tile it reads
		 * without mmap() ("Invalid tile byte count": it compares the
		 * tile's size with its read buffer's, rounded up to 1 KB);
		 * such pages are read from the file mapped.
		 */
		TIFFClose(t->tif);
		t->tif = NULL;
		if ((rc = open_file(&t->tif, path, "r", &t->log, r->name,
		    err)) != CP_OK ||
		    (rc = seek_page(t->tif, &t->log, page, r->name, err)) !=
		    CP_OK)
			return rc;
	}
	/* A file of one page is just "TIFF" in messages. */
	if (page == 0 && TIFFLastDirectory(t->tif))
		snprintf(t->what, sizeof(t->what), "TIFF");
	else
		snprintf(t->what, sizeof(t->what), "TIFF page %zu", page + 1);

	TIFFGetFieldDefaulted(t->tif, TIFFTAG_BITSPERSAMPLE, &bits);
	TIFFGetFieldDefaulted(t->tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
	TIFFGetFieldDefaulted(t->tif, TIFFTAG_ORIENTATION, &orientation);
	if (!TIFFGetField(t->tif, TIFFTAG_PHOTOMETRIC, &photometric))
		/* As libtiff's RGBA reader guesses. */
		photometric = compression == COMPRESSION_CCITTRLE ||
		    compression == COMPRESSION_CCITTRLEW ||
		    compression == COMPRESSION_CCITTFAX3 ||
		    compression == COMPRESSION_CCITTFAX4 ?
		    PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK;
	info->orientation = orientation >= 1 && orientation <= 8 ?
	    orientation : 1;
	read_dpi(t->tif, info);
	read_taken(t->tif, info);

	if (bits == 1 && samples == 1 && !TIFFIsTiled(t->tif) &&
	    (photometric == PHOTOMETRIC_MINISWHITE ||
	    photometric == PHOTOMETRIC_MINISBLACK))
		rc = open_scanlines(t, info, photometric, r->name, err);
	else
		rc = open_rgba(t, info, bits, samples, photometric, r->name,
		    err);
	if (rc != CP_OK)
		return rc;
	if (t->log.failed)
		return damaged(&t->log, t->what, "libtiff gave no reason",
		    r->name, err);
	if (read_icc(t, info) != CP_OK)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	/* As cp__raster_row_bytes counts them (raster.c calls the
	 * decoders, so they do not call it back). */
	t->row_bytes = info->bits == 1 ? ((size_t)info->width + 7) / 8 :
	    (size_t)info->width * (size_t)(info->components +
	    (info->alpha ? 1 : 0));
	return CP_OK;
}

/* One bilevel row, read and turned into 1 is white. */
static int
read_scanline(tiff_page *t, const cp__raster_info *info, unsigned row,
    unsigned char *out)
{
	size_t i, n = ((size_t)info->width + 7) / 8;
	unsigned spare = (unsigned)(n * 8 - info->width);

	if (TIFFReadScanline(t->tif, t->line, row, 0) < 0 || t->log.failed)
		return CP_EIO;
	for (i = 0; i < n; i++)
		out[i] = t->invert ? (unsigned char)~t->line[i] : t->line[i];
	/* The bits past the last pixel are 0, whatever the file held. */
	if (spare > 0)
		out[n - 1] &= (unsigned char)(0xffu << spare);
	return CP_OK;
}

/* Decodes the band of RGBA rows that starts at `row`. */
static int
read_band(tiff_page *t, const cp__raster_info *info, unsigned row)
{
	unsigned n = info->height - row;

	if (n > t->band_rows)
		n = t->band_rows;
	t->band_first = row;
	t->band_count = 0;
	t->img.row_offset = (int)row;
	if (!TIFFRGBAImageGet(&t->img, t->band, t->stride, n) ||
	    t->log.failed)
		return CP_EIO;
	t->band_count = n;
	return CP_OK;
}

/* One decoded RGBA row, written as the page's pixels. */
static void
put_row(const tiff_page *t, const cp__raster_info *info,
    const uint32_t *px, unsigned char *out)
{
	unsigned x, a;
	uint32_t v;

	if (t->pack) {
		memset(out, 0, ((size_t)info->width + 7) / 8);
		for (x = 0; x < info->width; x++)
			if (TIFFGetR(px[x]) >= 128)
				out[x / 8] |= (unsigned char)(0x80u >> (x % 8));
		return;
	}
	for (x = 0; x < info->width; x++) {
		v = px[x];
		a = TIFFGetA(v);
		if (info->components == 1) {
			*out++ = (unsigned char)TIFFGetR(v);
		} else {
			*out++ = (unsigned char)TIFFGetR(v);
			*out++ = (unsigned char)TIFFGetG(v);
			*out++ = (unsigned char)TIFFGetB(v);
		}
		if (!info->alpha)
			continue;
		if (t->premultiplied && a > 0 && a < 255) {
			unsigned char *c = out - info->components;
			int k;

			for (k = 0; k < info->components; k++) {
				unsigned u = (c[k] * 255u + a / 2) / a;

				c[k] = (unsigned char)(u > 255 ? 255 : u);
			}
		}
		*out++ = (unsigned char)a;
	}
}

static int
read_rows(cp__raster *r, unsigned char *rows, unsigned n, cp_error *err)
{
	tiff_page *t = r->impl;
	const cp__raster_info *info = &r->info;
	size_t row_bytes = t->row_bytes;
	unsigned i, row;

	for (i = 0; i < n; i++) {
		row = r->next + i;
		if (t->scanlines) {
			if (read_scanline(t, info, row, rows + i * row_bytes) !=
			    CP_OK)
				goto fail;
			continue;
		}
		if ((row < t->band_first ||
		    row >= t->band_first + t->band_count) &&
		    read_band(t, info, row) != CP_OK)
			goto fail;
		put_row(t, info, t->band + (size_t)(row - t->band_first) *
		    t->stride, rows + i * row_bytes);
	}
	return CP_OK;
fail:
	return damaged(&t->log, t->what, "its pixels cannot be read",
	    r->name, err);
}

const cp__raster_ops cp__raster_tiff_ops = { count_pages, open_page,
	read_rows, close_page, NULL };
