# images.sh - real image fixtures for the tests (sourced, POSIX sh).
#
# Needs qpdf and pdftoppm (poppler-utils), and a C compiler for
# make_png_alpha and make_cmyk_jpeg (with libjpeg for the latter).  Set
# ROOT to the source tree's top folder before sourcing (run.sh does);
# WORK, when set, is where they keep their compiled helpers.
#
#   make_photo FILE ORIENTATION [WIDTH HEIGHT]
#       A real baseline JPEG of WIDTH x HEIGHT pixels (default 450 x 300)
#       as a phone writes it: an Exif APP1 segment right after SOI with
#       the given EXIF orientation (1..255; values outside 1..8 are
#       invalid ones) and no JFIF segment.  ORIENTATION "none" keeps
#       pdftoppm's JFIF header (72 dpi) and writes no EXIF at all.
#       The stored picture, on a 3 x 3 grid, top row first (# black,
#       . light grey 0.8):
#           ###
#           #..
#           ...
#       so every orientation of it looks different.
#   make_png_alpha FILE [WIDTH HEIGHT [MODE]]
#       A real 8-bit RGBA PNG (default 240 x 160): left half opaque red,
#       right half fully transparent black (see mkpng.c).  MODE palette
#       makes an indexed PNG (red, white), rgb16 a 16-bit RGB one.
#   make_huge_jpeg FILE [WIDTH HEIGHT]
#       A JPEG whose frame header claims WIDTH x HEIGHT pixels (default
#       60000 x 60000) and that has no image data: for refusal tests.
#   make_cmyk_jpeg FILE WIDTH HEIGHT adobe|plain
#       A real CMYK JPEG written by libjpeg (see mkcmyk.c; needs -ljpeg):
#       left half red, right half white.  adobe: with an Adobe APP14
#       marker and the ink stored inverted, as Photoshop writes it;
#       plain: no Adobe marker, the ink stored as it is.
#   make_webp_exif IN OUT ORIENTATION
#       OUT: the picture of IN (a simple WebP, one VP8 or VP8L chunk, as
#       ImageMagick writes one) in the extended format, with an EXIF
#       chunk holding the given orientation, as a phone's app saves it.

# _images_be16 N: N as two bytes, most significant first.
_images_be16() {
	# The format is built on purpose: printf turns \NNN into a byte.
	# shellcheck disable=SC2059
	printf "\\$(printf '%03o' $(($1 / 256)))\\$(printf '%03o' $(($1 % 256)))"
}

# _images_le24 N / _images_le32 N: N as three / four bytes, least
# significant first.
_images_le24() {
	# shellcheck disable=SC2059
	printf "\\$(printf '%03o' $(($1 % 256)))\\$(printf '%03o' $(($1 / 256 % 256)))\\$(printf '%03o' $(($1 / 65536 % 256)))"
}
_images_le32() {
	_images_le24 $(($1 % 16777216))
	# shellcheck disable=SC2059
	printf "\\$(printf '%03o' $(($1 / 16777216 % 256)))"
}

# _images_exif ORIENTATION: an APP1 segment holding a big-endian TIFF
# header and one IFD with one entry, 0x0112 Orientation, SHORT, 1 value.
_images_exif() {
	# FF E1, length 34; "Exif\0\0"; "MM\0*", IFD at 8; 1 entry;
	# tag 0112, type 3, count 1, value in the first two bytes; no next IFD.
	printf '\377\341\000\042Exif\000\000MM\000\052\000\000\000\010'
	printf '\000\001\001\022\000\003\000\000\000\001'
	_images_be16 "$1"
	printf '\000\000\000\000\000\000'
}

make_photo() {
	_mp_file=$1
	_mp_orient=$2
	_mp_w=${3:-450}
	_mp_h=${4:-300}
	mkdir -p "$(dirname "$_mp_file")"
	# The picture drawn in a unit square scaled to the page.
	_mp_stream="q $_mp_w 0 0 $_mp_h 0 0 cm 0.8 g 0 0 1 1 re f 0 g 0 0.6667 1 0.3334 re f 0 0.3333 0.3334 0.3334 re f Q"
	printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 %d %d]/Contents 4 0 R>>endobj\n4 0 obj<</Length %d>>stream\n%s\nendstream endobj\ntrailer<</Size 5/Root 1 0 R>>\n%%%%EOF\n' \
	    "$_mp_w" "$_mp_h" "${#_mp_stream}" "$_mp_stream" > "$_mp_file.raw.pdf"
	# qpdf writes the cross-reference table (exit 3: it had to).
	qpdf "$_mp_file.raw.pdf" "$_mp_file.pdf" 2>/dev/null
	_mp_rc=$?
	if [ $_mp_rc -ne 0 ] && [ $_mp_rc -ne 3 ]; then
		echo "make_photo: qpdf failed" >&2
		return 2
	fi
	if ! pdftoppm -jpeg -jpegopt quality=90 -scale-to-x "$_mp_w" \
	    -scale-to-y "$_mp_h" -singlefile "$_mp_file.pdf" \
	    "$_mp_file.tmp" 2>/dev/null; then
		echo "make_photo: pdftoppm failed" >&2
		return 2
	fi
	rm -f "$_mp_file.raw.pdf" "$_mp_file.pdf"
	if [ "$_mp_orient" = none ]; then
		mv "$_mp_file.tmp.jpg" "$_mp_file"
		return 0
	fi
	# Drop the JFIF APP0 segment pdftoppm writes, as phones have none,
	# and put the Exif segment right after SOI.
	_mp_skip=2
	if [ "$(od -An -tx1 -j2 -N2 "$_mp_file.tmp.jpg" | tr -d ' \n')" = ffe0 ]; then
		# shellcheck disable=SC2046
		set -- $(od -An -tu1 -j4 -N2 "$_mp_file.tmp.jpg")
		_mp_skip=$((4 + $1 * 256 + $2))
	fi
	{
		printf '\377\330'
		_images_exif "$_mp_orient"
		tail -c +$((_mp_skip + 1)) "$_mp_file.tmp.jpg"
	} > "$_mp_file"
	rm -f "$_mp_file.tmp.jpg"
}

make_png_alpha() {
	_pa_file=$1
	mkdir -p "$(dirname "$_pa_file")"
	if [ -n "${WORK:-}" ]; then
		_pa_bin=$WORK/.mkpng
	else
		_pa_bin=$(mktemp "${TMPDIR:-/tmp}/mkpng.XXXXXX") || return 2
	fi
	if [ ! -x "$_pa_bin" ] || [ -z "${WORK:-}" ]; then
		if ! ${CC:-cc} -o "$_pa_bin" "${ROOT:?set ROOT to the source tree}/tests/e2e/mkpng.c"; then
			echo "make_png_alpha: cannot compile mkpng.c" >&2
			return 2
		fi
	fi
	"$_pa_bin" "$_pa_file" "${2:-240}" "${3:-160}" "${4:-rgba}"
	_pa_rc=$?
	[ -n "${WORK:-}" ] || rm -f "$_pa_bin"
	return $_pa_rc
}

make_huge_jpeg() {
	_hj_w=${2:-60000}
	_hj_h=${3:-60000}
	mkdir -p "$(dirname "$1")"
	{
		# SOI; APP0 JFIF 1.01, no density units.
		printf '\377\330\377\340\000\020JFIF\000\001\001\000\000\001\000\001\000\000'
		# SOF0: length 17, 8 bits, height, width, 3 channels.
		printf '\377\300\000\021\010'
		_images_be16 "$_hj_h"
		_images_be16 "$_hj_w"
		printf '\003\001\042\000\002\021\001\003\021\001'
		# EOI: no tables, no scan.
		printf '\377\331'
	} > "$1"
}

# make_noise_photo FILE WIDTH HEIGHT: a JPEG as large as a photo of paper
# (noise, quality 95; see mknoise.c, which needs libturbojpeg).
make_noise_photo() {
	mkdir -p "$(dirname "$1")"
	_np_bin=${WORK:?set WORK}/.mknoise
	if [ ! -x "$_np_bin" ] && ! ${CC:-cc} -o "$_np_bin" \
	    "${ROOT:?set ROOT to the source tree}/tests/e2e/mknoise.c" -lturbojpeg; then
		echo "make_noise_photo: cannot compile mknoise.c" >&2
		return 2
	fi
	"$_np_bin" "$1" "$2" "$3"
}

make_cmyk_jpeg() {
	_cj_file=$1
	mkdir -p "$(dirname "$_cj_file")"
	if [ -n "${WORK:-}" ]; then
		_cj_bin=$WORK/.mkcmyk
	else
		_cj_bin=$(mktemp "${TMPDIR:-/tmp}/mkcmyk.XXXXXX") || return 2
	fi
	if [ ! -x "$_cj_bin" ] || [ -z "${WORK:-}" ]; then
		if ! ${CC:-cc} -o "$_cj_bin" "${ROOT:?set ROOT to the source tree}/tests/e2e/mkcmyk.c" -ljpeg; then
			echo "make_cmyk_jpeg: cannot compile mkcmyk.c" >&2
			return 2
		fi
	fi
	"$_cj_bin" "$_cj_file" "$2" "$3" "$4"
	_cj_rc=$?
	[ -n "${WORK:-}" ] || rm -f "$_cj_bin"
	return $_cj_rc
}

make_webp_exif() {
	_we_kind=$(dd if="$1" bs=1 skip=12 count=4 2>/dev/null)
	case $_we_kind in
	"VP8 "|VP8L) ;;
	*)
		echo "make_webp_exif: $1 is not a simple WebP" >&2
		return 2 ;;
	esac
	# shellcheck disable=SC2046
	set -- "$1" "$2" "$3" $(identify -format '%w %h' "$1")
	_we_len=$(($(wc -c < "$1") - 12))
	{
		# RIFF, its size, WEBP; VP8X: 10 bytes, the EXIF flag (0x08),
		# the canvas' width and height less one.
		printf 'RIFF'
		_images_le32 $((4 + 18 + _we_len + 34))
		printf 'WEBPVP8X'
		_images_le32 10
		printf '\010\000\000\000'
		_images_le24 $(($4 - 1))
		_images_le24 $(($5 - 1))
		# The picture's chunk as it was, then EXIF: the TIFF block of
		# a JPEG's Exif segment (26 bytes, after FF E1, length, Exif).
		tail -c +13 "$1"
		printf 'EXIF'
		_images_le32 26
		_images_exif "$3" | tail -c +11
	} > "$2"
}
