#!/bin/sh
# raster.sh CLAIMPACK - PNG pages of every kind PngSuite covers (colour
# type x bit depth x interlacing x tRNS, odd sizes): `check` passes them,
# `build` draws them, each page rendered by pdftoppm shows its PNG as
# ImageMagick decodes it on white, two builds are byte-identical, TMPDIR
# keeps nothing, and --max-size makes a large PNG page smaller.
#
# Needs a C compiler with libpng (tests/e2e/mkpngsuite.c, and pagecmp.c
# through pages.sh, are compiled here), ImageMagick's convert, qpdf and
# poppler-utils.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-raster.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"
. "$ROOT/tests/e2e/pages.sh"

MKPNG=$WORK/.mkpngsuite
# shellcheck disable=SC2046
${CC:-cc} -o "$MKPNG" "$ROOT/tests/e2e/mkpngsuite.c" \
    $(pkg-config --cflags --libs libpng) || exit 2

# Every colour type and bit depth, interlaced and not, with tRNS, and the
# sizes that leave part of a byte or a whole Adam7 pass empty.
KINDS="basn0g01 basn0g02 basn0g04 basn0g08 basn0g16 basi0g01 basi0g08
basn2c08 basn2c16 basi2c08 basi2c16 basn3p01 basn3p02 basn3p04 basn3p08
basi3p02 basi3p08 basn4a08 basn4a16 basi4a08 basi4a16 basn6a08 basn6a16
basi6a08 basi6a16 tbbn0g04 tbwn0g16 tbrn2c08 tbbn2c16 tbgn2c16 tm3n3p02
tp1n3p08 tbbi3p04 s01n3p01 s01i3p01 s02n0g01 s05i0g02 s07n6a08 s39i2c08
s40n3p04"

# png_claim: the base claim with the discharge summary made of one PNG
# of each kind (records/png/KIND.png), in KINDS' order.
png_claim() {
	base_claim
	mkdir -p records/png
	files=""
	for k in $KINDS; do
		"$MKPNG" "records/png/$k.png" "$k" || { fail "mkpngsuite $k"; return; }
		files="$files${files:+, }records/png/$k.png"
	done
	set_files discharge "$files"
}

begin "raster: every PngSuite kind passes check and builds"
png_claim
run check --json claim.yaml; expect_status 0
expect_no_finding image-broken; expect_no_finding file-type
run build claim.yaml -o out.pdf; expect_status 0
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails on the bundle"
end

begin "raster: each page shows its PNG as ImageMagick does, on white"
png_claim
run build claim.yaml -o out.pdf -q; expect_status 0
first=$(page_of out.pdf "Discharge summary · p. 1/")
[ "$first" -gt 0 ] || fail "no page stamped Discharge summary p. 1"
i=0
for k in $KINDS; do
	[ "$first" -gt 0 ] || break
	i=$((i + 1))
	p=$((first + i - 1))
	pdftotext -f "$p" -l "$p" out.pdf - 2>/dev/null |
	    grep -qF "Discharge summary · p. $i/" || fail "$k: page $p is not p. $i"
	# A PNG this small is shown at 150 dpi: at 600 dpi (page_shows')
	# each of its pixels is a 4 x 4 block, which poppler draws without
	# smoothing.
	on_white "png:records/png/$k.png" ref.ppm || fail "$k: convert failed"
	page_shows out.pdf "$p" ref.ppm 1.0 3 > cmp.txt ||
	    fail "$k (page $p) differs from ImageMagick's decoding: $(cat cmp.txt)"
done
end

begin "raster: two builds are byte-identical, and TMPDIR keeps nothing"
png_claim
mkdir tmp
TMPDIR=$T/tmp "$CLAIMPACK" build claim.yaml -o one.pdf -q > out 2> err ||
    fail "the first build failed"
TMPDIR=$T/tmp "$CLAIMPACK" build claim.yaml -o two.pdf -q > out 2> err ||
    fail "the second build failed"
cmp -s one.pdf two.pdf || fail "two builds differ"
[ -z "$(ls -A tmp)" ] || fail "left in TMPDIR: $(ls -A tmp)"
[ -z "$(ls -A | grep '^\.one\.pdf\|^\.two\.pdf')" ] || fail "left a temporary file"
end

begin "raster: a damaged PNG is refused by check and build, nothing left"
png_claim
size=$(wc -c < records/png/tbrn2c08.png)
head -c $((size / 2)) records/png/tbrn2c08.png > x && mv x records/png/tbrn2c08.png
run check --json claim.yaml; expect_status 1
expect_finding image-broken discharge; expect_out "records/png/tbrn2c08.png"
mkdir tmp
TMPDIR=$T/tmp "$CLAIMPACK" build claim.yaml -o out.pdf > out 2> err
STATUS=$?
expect_status 1
expect_err "records/png/tbrn2c08.png"
[ ! -e out.pdf ] || fail "wrote out.pdf"
[ -z "$(ls -A tmp)" ] || fail "left in TMPDIR: $(ls -A tmp)"
[ -z "$(ls -A | grep '^\.out\.pdf')" ] || fail "left a temporary file"
end

begin "raster: --max-size recompresses a large PNG page as JPEG"
base_claim
rm records/discharge-2.png
"$MKPNG" records/discharge-2.png photo 1500 2000 || fail "mkpngsuite photo"
run build claim.yaml -o big.pdf -q; expect_status 0
big=$(wc -c < big.pdf)
[ "$big" -gt 3000000 ] || fail "the fixture is already small ($big bytes)"
run build claim.yaml -o out.pdf --max-size 1500K; expect_status 0
[ "$(wc -c < out.pdf)" -le 1500000 ] || fail "out.pdf is $(wc -c < out.pdf) bytes"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
p=$(page_of out.pdf "Discharge summary · p. 2/")
# The page's image is now a JPEG, still at 150 dpi or more where shown.
pdfimages -list -f "$p" -l "$p" out.pdf 2>/dev/null |
    awk '$3 == "image" { print $9, $13 }' > list
[ "$(cut -d' ' -f1 list)" = jpeg ] || fail "page $p holds $(cat list), not a JPEG"
[ "$(cut -d' ' -f2 list)" -ge 150 ] || fail "the PNG page is at $(cut -d' ' -f2 list) ppi"
pdftoppm -r 20 -f "$p" -l "$p" out.pdf small 2> render.err
[ ! -s render.err ] || fail "page $p does not render: $(cat render.err)"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
