/* font.c - finding WenQuanYi Zen Hei and knowing what it can draw. */
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

/* Two bits per BMP code point: known, and undrawable once known. */
#define CACHE_KNOWN 1u
#define CACHE_BAD   2u
#define CACHE_BYTES (0x10000 / 4)

struct cp__font {
	char *path;
	int face_index;
	bool collection;        /* a TrueType collection ("ttcf") */
	FT_Library library;
	FT_Face face;
	/* The cache is reached through a pointer so that the const font the
	 * callers hold can still remember answers. */
	unsigned char *cache;
};

static const char INSTALL_HINT[] =
    "install the Debian package fonts-wqy-zenhei "
    "(sudo apt-get install fonts-wqy-zenhei)";

int
cp__font_open(cp__font **out, cp_error *err)
{
	const char *env = getenv("CLAIMPACK_FONT");
	const char *path = CP__FONT_DEFAULT_PATH;
	bool from_env = false;
	cp__font *f;
	FT_Error fe;
	unsigned char tag[4] = { 0 };
	FILE *probe;
	int rc;

	*out = NULL;
	if (env != NULL && env[0] != '\0') {
		path = env;
		from_env = true;
	}

	/* FreeType's error codes cannot tell a missing file from a damaged
	 * one, and the user needs to know which. */
	if ((probe = fopen(path, "rb")) == NULL) {
		if (from_env)
			return cp__error_set(err, CP_EIO, path, 0, 0,
			    "the font CLAIMPACK_FONT names cannot be opened "
			    "(%s); unset CLAIMPACK_FONT to use WenQuanYi Zen "
			    "Hei, or %s", strerror(errno), INSTALL_HINT);
		return cp__error_set(err, CP_EIO, path, 0, 0,
		    "the font WenQuanYi Zen Hei cannot be opened (%s); %s",
		    strerror(errno), INSTALL_HINT);
	}
	/* libharu loads a collection and a single font with different
	 * calls, so the renderer needs to know which this is. */
	if (fread(tag, 1, sizeof(tag), probe) != sizeof(tag))
		memset(tag, 0, sizeof(tag));
	fclose(probe);

	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->path = cp__strdup(path)) == NULL ||
	    (f->cache = calloc(1, CACHE_BYTES)) == NULL) {
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
	if ((fe = FT_New_Face(f->library, path, 0, &f->face)) != 0) {
		f->face = NULL;
		rc = cp__error_set(err, CP_EIO, path, 0, 0,
		    "is not a font FreeType can read (FreeType error %d); %s",
		    fe, INSTALL_HINT);
		goto fail;
	}
	/* FT_New_Face selects a Unicode map when the font has one; libharu
	 * maps text to glyphs the same way, so without one nothing draws. */
	if (FT_Select_Charmap(f->face, FT_ENCODING_UNICODE) != 0) {
		rc = cp__error_set(err, CP_EIO, path, 0, 0,
		    "the font has no Unicode character map; %s", INSTALL_HINT);
		goto fail;
	}
	f->collection = memcmp(tag, "ttcf", 4) == 0;
	*out = f;
	return CP_OK;
fail:
	cp__font_free(f);
	return rc;
}

const char *
cp__font_path(const cp__font *f)
{
	return f->path;
}

int
cp__font_face(const cp__font *f)
{
	return f->face_index;
}

bool
cp__font_is_collection(const cp__font *f)
{
	return f->collection;
}

void
cp__font_free(cp__font *f)
{
	if (f == NULL)
		return;
	if (f->face != NULL)
		FT_Done_Face(f->face);
	if (f->library != NULL)
		FT_Done_FreeType(f->library);
	free(f->cache);
	free(f->path);
	free(f);
}

/* Asks FreeType whether libharu 2.3.0 can draw code point `cp` (BMP). */
static bool
glyph_is_bad(const cp__font *f, uint32_t cp)
{
	FT_UInt gid = FT_Get_Char_Index(f->face, cp);

	if (gid == 0)
		return true;
	/* NO_RECURSE leaves a composite glyph as its list of components,
	 * which is the only way to see that it is one. */
	if (FT_Load_Glyph(f->face, gid,
	    FT_LOAD_NO_SCALE | FT_LOAD_NO_RECURSE) != 0)
		return true;
	return f->face->glyph->format == FT_GLYPH_FORMAT_COMPOSITE;
}

static bool
code_point_is_bad(const cp__font *f, uint32_t cp)
{
	unsigned shift;
	unsigned char *slot;
	bool bad;

	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return true;
	if (cp > 0xffff)
		return true;
	slot = &f->cache[cp / 4];
	shift = (cp % 4) * 2;
	if ((*slot >> shift) & CACHE_KNOWN)
		return ((*slot >> shift) & CACHE_BAD) != 0;
	bad = glyph_is_bad(f, cp);
	*slot |= (unsigned char)((CACHE_KNOWN | (bad ? CACHE_BAD : 0)) << shift);
	return bad;
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
		if (code_point_is_bad(f, cp))
			return cp;
	}
	return 0;
}
