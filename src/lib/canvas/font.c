/* font.c - finding the bundle's fonts and knowing what each can draw. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "canvas/font.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* The fallbacks, after the first font, in the order they are asked:
 * Noto Sans for Latin with every diacritic (Vietnamese included), Greek
 * and Cyrillic letters Zen Hei lacks, Noto Sans Thai for Thai.  Both
 * from the Debian package fonts-noto-core, as is Noto Sans Arabic for
 * the joined Arabic letters canvas/bidi.c draws (Arabic Presentation
 * Forms-B), and Noto Naskh Arabic for the hamza forms (إ) it builds from
 * nested composite glyphs.  Last DejaVu Sans (fonts-dejavu-core) for
 * Hebrew and the isolated Arabic letters both build that way
 * (fonts/README.md). */
static const struct {
	const char *path;
	bool rtl_only;          /* asked only for right-to-left scripts */
} FALLBACKS[] = {
	{ "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", false },
	{ "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", false },
	{ "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", true },
	{ "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", true },
	{ "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", true },
};

/* True for a code point of the Hebrew and Arabic blocks and their
 * presentation forms: the only ones the right-to-left fallbacks are
 * asked for, so that text in other scripts prints exactly as before
 * (DejaVu Sans has symbols Zen Hei lacks, such as U+2713). */
static bool
is_rtl_block(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08ff) ||
	    (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefe);
}

/* The cache: a byte per BMP code point, 0 when not yet asked, NONE when
 * no font prints it, else the font's index + 1. */
#define CACHE_NONE 0xff

typedef struct {
	char *path;
	bool collection;        /* a TrueType collection ("ttcf") */
	bool rtl_only;          /* see FALLBACKS */
	FT_Face face;
} one_font;

struct cp__font {
	FT_Library library;
	one_font fonts[CP__FONT_MAX];
	size_t count;
	/* Reached through a pointer so that the const set the callers hold
	 * can still remember answers. */
	unsigned char *cache;
};

static const char INSTALL_HINT[] =
    "install the Debian package fonts-wqy-zenhei "
    "(sudo apt-get install fonts-wqy-zenhei)";

/*
 * Opens `path` as the set's next font.  Returns CP_OK; CP_EIO with
 * *open_errno set (and `err` untouched) when the file cannot be opened;
 * or CP_EIO / CP_ENOMEM with `err` filled.
 */
static int
add_font(cp__font *f, const char *path, int *open_errno, cp_error *err)
{
	one_font *o = &f->fonts[f->count];
	unsigned char tag[4] = { 0 };
	FILE *probe;
	FT_Error fe;

	*open_errno = 0;
	/* FreeType's error codes cannot tell a missing file from a damaged
	 * one, and the user needs to know which. */
	if ((probe = fopen(path, "rb")) == NULL) {
		*open_errno = errno ? errno : ENOENT;
		return CP_EIO;
	}
	/* libharu loads a collection and a single font with different
	 * calls, so the renderer needs to know which this is. */
	if (fread(tag, 1, sizeof(tag), probe) != sizeof(tag))
		memset(tag, 0, sizeof(tag));
	fclose(probe);
	if ((o->path = cp__strdup(path)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory opening the font");
	if ((fe = FT_New_Face(f->library, path, 0, &o->face)) != 0) {
		o->face = NULL;
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "is not a font FreeType can read (FreeType error %d); %s",
		    fe, INSTALL_HINT);
	}
	/* libharu maps text to glyphs through the Unicode map, so without
	 * one nothing draws. */
	if (FT_Select_Charmap(o->face, FT_ENCODING_UNICODE) != 0)
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "the font has no Unicode character map; %s", INSTALL_HINT);
	o->collection = memcmp(tag, "ttcf", 4) == 0;
	f->count++;
	return CP_OK;
}

static void
drop_font(one_font *o)
{
	if (o->face != NULL)
		FT_Done_Face(o->face);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

int
cp__font_open(cp__font **out, cp_error *err)
{
	const char *env = getenv("CLAIMPACK_FONT");
	const char *path = CP__FONT_DEFAULT_PATH;
	bool from_env = false;
	cp__font *f;
	size_t i;
	int rc, open_errno;

	*out = NULL;
	if (env != NULL && env[0] != '\0') {
		path = env;
		from_env = true;
	}
	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->cache = calloc(1, 0x10000)) == NULL) {
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory opening the font");
		goto fail;
	}
	if (FT_Init_FreeType(&f->library) != 0) {
		f->library = NULL;
		rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "FreeType could not start (out of memory)");
		goto fail;
	}
	if ((rc = add_font(f, path, &open_errno, err)) != CP_OK) {
		if (open_errno == 0)
			goto fail;
		if (from_env)
			rc = cp__error_set(err, CP_EIO, path, 0, 0,
			    "the font CLAIMPACK_FONT names cannot be opened "
			    "(%s); unset CLAIMPACK_FONT to use WenQuanYi Zen "
			    "Hei, or %s", strerror(open_errno), INSTALL_HINT);
		else
			rc = cp__error_set(err, CP_EIO, path, 0, 0,
			    "the font WenQuanYi Zen Hei cannot be opened (%s); "
			    "%s", strerror(open_errno), INSTALL_HINT);
		goto fail;
	}
	/* A fallback that is missing or broken is left out: its characters
	 * are then reported (glyph-missing), not the whole build refused. */
	for (i = 0; i < sizeof(FALLBACKS) / sizeof(FALLBACKS[0]) &&
	    f->count < CP__FONT_MAX; i++) {
		cp_error ignored;

		if ((rc = add_font(f, FALLBACKS[i].path, &open_errno,
		    &ignored)) ==
		    CP_ENOMEM) {
			rc = cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory opening the font");
			goto fail;
		}
		if (rc != CP_OK)
			drop_font(&f->fonts[f->count]);
		else
			f->fonts[f->count - 1].rtl_only = FALLBACKS[i].rtl_only;
	}
	*out = f;
	return CP_OK;
fail:
	cp__font_free(f);
	return rc;
}

size_t
cp__font_count(const cp__font *f)
{
	return f->count;
}

const char *
cp__font_path(const cp__font *f, size_t i)
{
	return f->fonts[i].path;
}

int
cp__font_face(const cp__font *f, size_t i)
{
	(void)f;
	(void)i;
	return 0;
}

bool
cp__font_is_collection(const cp__font *f, size_t i)
{
	return f->fonts[i].collection;
}

void
cp__font_free(cp__font *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < CP__FONT_MAX; i++)
		drop_font(&f->fonts[i]);
	if (f->library != NULL)
		FT_Done_FreeType(f->library);
	free(f->cache);
	free(f);
}

/*
 * Whether glyph `gid` of `face` prints once embedded by libharu 2.3.0:
 * a simple glyph does; a composite one only when each of its components
 * is simple, because libharu marks the components of a drawn glyph for
 * embedding one level deep and writes every unmarked glyph empty
 * (fonts/README.md).  NO_RECURSE leaves a composite glyph as its list of
 * components, the only way to see that it is one.
 */
static bool
glyph_prints(FT_Face face, FT_UInt gid, int depth)
{
	FT_Int parts[64];
	FT_UInt n, i, flags;
	FT_Int a1, a2;
	FT_Matrix m;

	if (FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_RECURSE)
	    != 0)
		return false;
	if (face->glyph->format != FT_GLYPH_FORMAT_COMPOSITE)
		return true;
	if (depth > 0)
		return false;
	n = face->glyph->num_subglyphs;
	if (n > sizeof(parts) / sizeof(parts[0]))
		return false;
	for (i = 0; i < n; i++)
		if (FT_Get_SubGlyph_Info(face->glyph, i, &parts[i], &flags,
		    &a1, &a2, &m) != 0)
			return false;
	for (i = 0; i < n; i++)
		if (!glyph_prints(face, (FT_UInt)parts[i], depth + 1))
			return false;
	return true;
}

int
cp__font_face_for(const cp__font *f, uint32_t cp)
{
	unsigned char *slot;
	size_t i;

	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp > 0xffff)
		return -1;
	slot = &f->cache[cp];
	if (*slot == 0) {
		*slot = CACHE_NONE;
		for (i = 0; i < f->count; i++) {
			FT_UInt gid;

			if (f->fonts[i].rtl_only && !is_rtl_block(cp))
				continue;
			gid = FT_Get_Char_Index(f->fonts[i].face, cp);
			if (gid != 0 && glyph_prints(f->fonts[i].face, gid, 0)) {
				*slot = (unsigned char)(i + 1);
				break;
			}
		}
	}
	return *slot == CACHE_NONE ? -1 : (int)*slot - 1;
}

uint32_t
cp__font_undrawable(const cp__font *f, const char *utf8)
{
	const char *p = utf8;
	uint32_t cp;
	size_t n;

	if (p == NULL)
		return 0;
	while (*p != '\0') {
		if ((n = cp__utf8_decode(p, (size_t)-1, &cp)) == 0)
			return CP__UTF8_BAD;
		p += n;
		if (cp__font_face_for(f, cp) < 0)
			return cp;
	}
	return 0;
}
