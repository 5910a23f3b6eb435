#!/bin/sh
# formats.sh CLAIMPACK - the formats patients' phones and scanners make,
# through the real binary: HEIC (plain, and turned by an irot box), WebP
# (lossy, lossless, with alpha, turned by EXIF), TIFF (three pages of
# LZW colour, 16-bit Deflate grey and G4 fax; turned by its Orientation)
# and JPEG and PNG with an ICC profile.  `check` passes them, `build`
# draws each page as ImageMagick decodes the file, upright, on white
# where transparent; a fax page stays 1-bit; profiles are kept as
# /ICCBased; two builds are byte-identical; --max-size makes the pages
# JPEGs that fit; --split and --max-size keep every page of a TIFF;
# damaged files are refused by check and build and stand in as
# placeholder pages under --force.  After every run TMPDIR is empty and
# stderr has no sanitizer's report (run it with the ASan build too).
#
# Needs a C compiler with libheif and libpng (tests/e2e/mkheic.c,
# mkpngsuite.c, mkicc.c and pagecmp.c are compiled here), ImageMagick's
# convert and identify, qpdf and poppler-utils.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-formats.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"
. "$ROOT/tests/e2e/pages.sh"

FX=$WORK/fixtures
CP_TMP=$WORK/tmp
mkdir -p "$FX" "$CP_TMP"
# shellcheck disable=SC2046
${CC:-cc} -o "$WORK/.mkheic" "$ROOT/tests/e2e/mkheic.c" \
    $(pkg-config --cflags --libs libheif) || exit 2
# shellcheck disable=SC2046
${CC:-cc} -o "$WORK/.mkpngsuite" "$ROOT/tests/e2e/mkpngsuite.c" \
    $(pkg-config --cflags --libs libpng) || exit 2
${CC:-cc} -o "$WORK/.mkicc" "$ROOT/tests/e2e/mkicc.c" || exit 2

# cp_run ARGS...: runs claimpack as lib.sh's run does, with its TMPDIR
# in $CP_TMP, and fails the test when it leaves anything there or a
# temporary file beside the bundle, or reports a sanitizer's finding
# (the ASan build exits 1 then, as claimpack does on check errors).
cp_run() {
	TMPDIR=$CP_TMP "$CLAIMPACK" "$@" > out 2> err
	STATUS=$?
	if [ -n "$(ls -A "$CP_TMP")" ]; then
		fail "claimpack $1 left in TMPDIR: $(ls -A "$CP_TMP")"
		find "$CP_TMP" -mindepth 1 -delete
	fi
	if ls -A | grep -q '^\.out'; then
		fail "claimpack $1 left $(ls -A | grep '^\.out')"
	fi
	if grep -q -e 'Sanitizer' -e 'runtime error:' err; then
		fail "claimpack $1: a sanitizer's report: $(grep -m1 \
		    -e 'Sanitizer' -e 'runtime error:' err)"
	fi
}

# pattern FILE WIDTH HEIGHT [alpha]: the test picture, an 8-bit PNG: a
# red-to-blue gradient, a green block in the top left corner and a white
# square near the bottom right, in an opaque black ring two pixels wide
# (page_shows finds the picture by it).  With alpha, inside the ring,
# opacity falls from the top row (opaque) to the bottom one (clear).
pattern() {
	_pt_w=$(($2 - 4))
	_pt_h=$(($3 - 4))
	convert -size "${_pt_w}x$_pt_h" gradient:red-blue \
	    \( -size "$((_pt_w / 3))x$((_pt_h / 4))" xc:lime \) \
	    -geometry +3+2 -composite \
	    \( -size 6x6 xc:white \) -geometry "+$((_pt_w - 13))+$((_pt_h - 13))" \
	    -composite -bordercolor black -border 2 -depth 8 "$1" || return 2
	[ "${4:-}" = alpha ] || return 0
	convert "$1" \( -size "${_pt_w}x$_pt_h" gradient:white-black \
	    -bordercolor white -border 2 \) -alpha off -compose CopyOpacity \
	    -composite -depth 8 "$1"
}

# The files the tests share, made once (x265 is slow).
make_fixtures() {
	cd "$FX" || exit 2
	pattern pattern.png 61 47 && pattern alpha.png 61 47 alpha &&
	# HEIC: as ImageMagick writes one (lossy, 4:2:0), and as an iPhone
	# held upright does: the picture stored turned a quarter to the
	# left, with an irot box turning it back (EXIF orientation 6).
	convert pattern.png photo.heic &&
	convert pattern.png -rotate -90 ppm:turned.ppm &&
	"$WORK/.mkheic" turned.ppm turned.heic 6 &&
	# WebP: lossy, lossless, lossy with alpha, and lossless stored
	# turned with an EXIF orientation 6.
	convert pattern.png -quality 80 lossy.webp &&
	convert pattern.png -define webp:lossless=true lossless.webp &&
	convert alpha.png -quality 80 alpha.webp &&
	convert pattern.png -rotate -90 -define webp:lossless=true plain.webp &&
	make_webp_exif plain.webp turned.webp 6 &&
	# TIFF: three pages of three sizes, LZW RGB, 16-bit grey Deflate
	# (a gradient of true 16-bit values) and a G4 fax page; and one
	# stored turned with Orientation 6 (RightTop).
	pattern scan-1.png 80 60 &&
	convert scan-1.png -type TrueColor -compress LZW scan-1.tif &&
	convert -size 43x57 gradient:white-gray30 -bordercolor black \
	    -border 2 -colorspace Gray -depth 16 -compress Zip scan-2.tif &&
	convert -size 96x76 xc:white -fill black \
	    -draw 'rectangle 8,8 40,30' -draw 'circle 66,44 66,60' \
	    -draw 'line 8,60 50,70' -bordercolor black -border 2 \
	    -monochrome -compress Group4 scan-3.tif &&
	# ImageMagick keeps each page's compression when no -compress is
	# given.
	convert scan-1.tif scan-2.tif scan-3.tif scan.tif &&
	convert pattern.png -rotate -90 -type TrueColor -orient RightTop \
	    -compress LZW turned.tif &&
	# A JPEG and a PNG with an RGB profile.
	"$WORK/.mkicc" profile.icc "claimpack test RGB" &&
	convert pattern.png -profile profile.icc -quality 90 icc.jpg &&
	convert pattern.png -profile profile.icc icc.png || exit 2
	# The fixtures are what they claim to be.
	[ "$(identify -format '%C %z %wx%h,' scan.tif)" = \
	    "LZW 8 80x60,Zip 16 47x61,Group4 1 100x80," ] ||
	    { echo "scan.tif is $(identify -format '%C %z %wx%h,' scan.tif)"; exit 2; }
	[ "$(identify -format '%[orientation]' turned.tif)" = RightTop ] ||
	    { echo "turned.tif is not turned"; exit 2; }
	for f in icc.jpg icc.png; do
		convert "$f" icc:- | cmp -s - profile.icc ||
		    { echo "$f lacks the profile"; exit 2; }
	done
	# --max-size: a photo of paper (fine grain, as large in Flate as
	# it is), with a ring thick enough to survive shrinking.
	"$WORK/.mkpngsuite" big.png photo 1200 1600 &&
	convert big.png -shave 8x8 -bordercolor black -border 8 big.png &&
	convert big.png big.heic &&
	convert big.png -quality 80 big.webp &&
	convert big.png -flop -quality 80 flop.webp &&
	convert big.png -type TrueColor -compress LZW big.tif &&
	convert big.png -profile profile.icc -quality 97 bigicc.jpg &&
	convert big.png -profile profile.icc bigicc.png &&
	# A multi-page TIFF whose colour page is as large.
	convert big.tif scan-2.tif scan-3.tif bigscan.tif || exit 2
	cd "$WORK" || exit 2
}
make_fixtures

# The discharge summary's files in formats_claim, in order.
DISCHARGE="photo.heic turned.heic lossy.webp lossless.webp alpha.webp
turned.webp turned.tif icc.jpg icc.png"

# formats_claim: the base claim with the discharge summary made of the
# files above (records/) and the lab report of the 3-page TIFF
# (reports/scan.tif).
formats_claim() {
	base_claim
	_fc=""
	for f in $DISCHARGE; do
		cp "$FX/$f" records/
		_fc="$_fc${_fc:+, }records/$f"
	done
	set_files discharge "$_fc"
	cp "$FX/scan.tif" reports/
	set_files lab reports/scan.tif
}

# shows PDF PAGE PICTURE MEAN MAX WHAT [DPI WIDTH HEIGHT]: page_shows,
# failing the test with WHAT when the page does not show PICTURE.
shows() {
	_sh_what=$6
	_sh_page=$2
	if [ $# -gt 6 ]; then
		page_shows "$1" "$2" "$3" "$4" "$5" "$7" "$8" "$9"
	else
		page_shows "$1" "$2" "$3" "$4" "$5"
	fi > cmp.txt || fail "$_sh_what (page $_sh_page) does not show its picture: $(cat cmp.txt)"
}

# image_of PDF PAGE: the object number of the (first) image on the page.
image_of() {
	pdfimages -list -f "$2" -l "$2" "$1" 2>/dev/null |
	    awk '$3 == "image" { print $11; exit }'
}

# icc_of PDF PAGE: the ICC profile of the page's image, as its
# /ColorSpace [/ICCBased N 0 R] holds it; fails when it has none.
icc_of() {
	_io_cs=$(qpdf --show-object="$(image_of "$1" "$2")" "$1" 2>/dev/null |
	    sed -n 's|.*/ColorSpace \[ /ICCBased \([0-9]*\) \([0-9]*\) R \].*|\1,\2|p')
	[ -n "$_io_cs" ] &&
	    qpdf --show-object="$_io_cs" --filtered-stream-data "$1"
}

begin "formats: HEIC, WebP, TIFF and ICC files pass check and build"
formats_claim
cp_run check --json claim.yaml; expect_status 0
expect_no_finding image-broken; expect_no_finding file-type
cp_run build claim.yaml -o out.pdf -q; expect_status 0
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails on the bundle"
end

begin "formats: each HEIC and WebP page shows the picture upright, on white"
formats_claim
cp_run build claim.yaml -o out.pdf -q; expect_status 0
first=$(page_of out.pdf "Discharge summary · p. 1/")
[ "$first" -gt 0 ] || fail "no page stamped Discharge summary p. 1"
i=0
for f in $DISCHARGE; do
	i=$((i + 1))
	p=$((first + i - 1))
	pdftotext -f "$p" -l "$p" out.pdf - 2>/dev/null |
	    grep -qF "Discharge summary · p. $i/" || fail "$f: page $p is not p. $i"
done
on_white "$FX/pattern.png" pattern.ppm
# libheif and ImageMagick 6 bring 4:2:0 colour to full size each its own
# way: a few levels apart, more along the green block's edges.
on_white records/photo.heic ref.ppm
shows out.pdf "$first" ref.ppm 2.0 40 photo.heic
# A lossless 4:4:4 HEIC stored turned: shown upright it is the pattern.
# ImageMagick turns it too, but reads it as 4:2:0 and smears colour
# along the edges: its decoding is only near.
on_white records/turned.heic ref.ppm
shows out.pdf $((first + 1)) pattern.ppm 0.5 3 "turned.heic"
shows out.pdf $((first + 1)) ref.ppm 8 255 "turned.heic (ImageMagick)"
on_white records/lossy.webp ref.ppm
shows out.pdf $((first + 2)) ref.ppm 1.0 3 lossy.webp
on_white records/lossless.webp ref.ppm
shows out.pdf $((first + 3)) ref.ppm 1.0 3 lossless.webp
shows out.pdf $((first + 3)) pattern.ppm 1.0 3 "lossless.webp (pattern)"
on_white records/alpha.webp ref.ppm
shows out.pdf $((first + 4)) ref.ppm 1.0 3 alpha.webp
pdfimages -list -f $((first + 4)) -l $((first + 4)) out.pdf 2>/dev/null |
    grep -q ' smask ' || fail "alpha.webp: its page has no soft mask"
# ImageMagick 6 ignores a WebP's EXIF orientation: turned as it says.
on_white records/turned.webp ref.ppm -rotate 90
shows out.pdf $((first + 5)) ref.ppm 1.0 3 turned.webp
shows out.pdf $((first + 5)) pattern.ppm 1.0 3 "turned.webp (pattern)"
end

begin "formats: a 3-page TIFF gives 3 pages in order, the fax page 1-bit"
formats_claim
cp_run build claim.yaml -o out.pdf -q; expect_status 0
lab=$(page_of out.pdf "Lab report · p.")
[ "$lab" -gt 0 ] || fail "no page stamped Lab report"
for n in 0 1 2; do
	[ "$lab" -gt 0 ] || break
	p=$((lab + n))
	pdftotext -f "$p" -l "$p" out.pdf - 2>/dev/null |
	    grep -qF "Lab report · p. $((p - 2))/" || fail "page $p is not the lab report's"
	on_white "reports/scan.tif[$n]" ref.ppm
	shows out.pdf "$p" ref.ppm 1.0 3 "scan.tif[$n]"
done
pdftotext -f $((lab + 3)) -l $((lab + 3)) out.pdf - 2>/dev/null |
    grep -qF "Lab report" && fail "the lab report has a fourth page"
# The fax page: a 1-bit image, not 8-bit grey.
obj=$(image_of out.pdf $((lab + 2)))
qpdf --show-object="$obj" out.pdf 2>/dev/null | grep -q '/BitsPerComponent 1 ' ||
    fail "the G4 page is $(qpdf --show-object="$obj" out.pdf 2>/dev/null)"
# The TIFF stored turned shows upright.
p=$(page_of out.pdf "Discharge summary · p. 7/")
on_white records/turned.tif ref.ppm -auto-orient
shows out.pdf "$p" ref.ppm 1.0 3 turned.tif
on_white "$FX/pattern.png" pattern.ppm
shows out.pdf "$p" pattern.ppm 1.0 3 "turned.tif (pattern)"
# The cover, the index and the bundle agree on the pages: 9 + 3 for
# the images, 4 for the other documents, after the cover and index.
[ "$(pdfinfo out.pdf | awk '/^Pages:/ { print $2 }')" -eq 18 ] ||
    fail "$(pdfinfo out.pdf | awk '/^Pages:/ { print $2 }') pages, not 18"
pdftotext -layout -f 1 -l 1 out.pdf cover.txt 2>/dev/null
grep -q '7 documents on 16 pages after the index' cover.txt ||
    fail "the cover says: $(grep 'documents on' cover.txt)"
grep -q 'Medical records.*pp\. 1-9 ' cover.txt ||
    fail "the cover's medical records: $(grep 'Medical records' cover.txt)"
grep -q 'Reports and images.*pp\. 10-13' cover.txt ||
    fail "the cover's reports: $(grep 'Reports and images' cover.txt)"
pdftotext -layout -f 2 -l 2 out.pdf index.txt 2>/dev/null
grep -q 'pages 1-16 after this index' index.txt || fail "the index counts otherwise"
grep -q 'Discharge summary .* 1-9 ' index.txt ||
    fail "the index: $(grep 'Discharge summary' index.txt)"
grep -q "Lab report .* $((lab - 2))-$lab\\( \\|\$\\)" index.txt ||
    fail "the index: $(grep 'Lab report' index.txt)"
end

begin "formats: JPEG and PNG colour profiles are kept as /ICCBased"
formats_claim
cp_run build claim.yaml -o out.pdf -q; expect_status 0
for f in icc.jpg icc.png; do
	p=$(page_of out.pdf "Discharge summary · p. $(echo "$DISCHARGE" |
	    tr ' ' '\n' | grep -n "^$f\$" | cut -d: -f1)/")
	icc_of out.pdf "$p" > got.icc || fail "$f: page $p's image has no ICC profile"
	cmp -s got.icc "$FX/profile.icc" || fail "$f: the profile changed"
done
# A file without one is plain RGB.
qpdf --show-object="$(image_of out.pdf 3)" out.pdf 2>/dev/null |
    grep -q '/ColorSpace /DeviceRGB' || fail "photo.heic's page is not DeviceRGB"
end

begin "formats: two builds are byte-identical"
formats_claim
cp_run build claim.yaml -o one.pdf -q; expect_status 0
cp_run build claim.yaml -o two.pdf -q; expect_status 0
cmp -s one.pdf two.pdf || fail "two builds differ"
end

begin "formats: --max-size makes large HEIC, WebP, TIFF, ICC pages JPEGs that fit"
base_claim
BIG="big.heic big.webp big.tif bigicc.jpg bigicc.png"
_fc=""
for f in $BIG; do
	cp "$FX/$f" records/
	_fc="$_fc${_fc:+, }records/$f"
done
set_files discharge "$_fc"
cp_run build claim.yaml -o big.pdf -q; expect_status 0
[ "$(wc -c < big.pdf)" -gt 6000000 ] || fail "the fixture is already small ($(wc -c < big.pdf) bytes)"
cp_run build claim.yaml -o out.pdf -q --max-size 1500K; expect_status 0
[ "$(wc -c < out.pdf)" -le 1500000 ] || fail "out.pdf is $(wc -c < out.pdf) bytes"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | grep -q 'recompressed to fit 1.5 MB' ||
    fail "the cover does not say so"
i=0
for f in $BIG; do
	i=$((i + 1))
	p=$(page_of out.pdf "Discharge summary · p. $i/")
	qpdf --show-object="$(image_of out.pdf "$p")" out.pdf 2>/dev/null |
	    grep -q '/Filter /DCTDecode' || fail "$f: page $p is not a JPEG"
	# The whole area inside the margins at 100 dpi, against the file
	# at a fifth of its size: JPEG and two scalings apart, on average
	# near; the ring's edge falls between pixels, so no bound on one.
	# poppler shows a picture with a profile through it (gamma 2.2,
	# not sRGB's curve): a level or two further from ImageMagick's.
	case $f in bigicc.*) mean=6 ;; *) mean=4 ;; esac
	on_white "records/$f" ref.ppm -resize 20%
	shows out.pdf "$p" ref.ppm "$mean" 255 "$f" 100 499 758
	# Recompressed, the photo keeps its colour profile.
	case $f in
	bigicc.*)
		icc_of out.pdf "$p" > got.icc || fail "$f: its JPEG has no ICC profile"
		cmp -s got.icc "$FX/profile.icc" || fail "$f: the profile changed" ;;
	esac
done
end

begin "formats: damaged HEIC, WebP and TIFF are refused, or stand in under --force"
base_claim
size=$(wc -c < "$FX/photo.heic")
head -c $((size / 2)) "$FX/photo.heic" > records/cut.heic
size=$(wc -c < "$FX/lossy.webp")
head -c $((size / 2)) "$FX/lossy.webp" > records/cut.webp
# A Deflate strip with junk inside (libtiff writes the strip right after
# the 8-byte header, before the directory).
convert "$FX/pattern.png" -type TrueColor -compress Zip records/bad.tif
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
    dd of=records/bad.tif bs=1 seek=40 conv=notrunc 2> /dev/null
set_files discharge "records/cut.heic, records/cut.webp, records/bad.tif, records/discharge-1.jpg"
cp_run check claim.yaml; expect_status 1
cp_run check --json claim.yaml; expect_status 1
for f in cut.heic cut.webp bad.tif; do
	grep -qF "\"check\":\"image-broken\",\"severity\":\"error\",\"document\":\"discharge\",\"file\":\"records/$f\"" out ||
	    fail "no image-broken finding for records/$f"
done
cp_run build claim.yaml -o out.pdf; expect_status 1
[ ! -e out.pdf ] || fail "built without --force"
expect_err "records/cut.heic"; expect_err "records/cut.webp"; expect_err "records/bad.tif"
cp_run build claim.yaml -o out.pdf --force; expect_status 0
expect_err "built despite 3 failed checks"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
i=0
for f in cut.heic cut.webp bad.tif; do
	i=$((i + 1))
	p=$(page_of out.pdf "Discharge summary · p. $i/")
	pdftotext -f "$p" -l "$p" out.pdf page.txt 2>/dev/null
	grep -qF "This page could not be included" page.txt ||
	    fail "page $p is not a placeholder: $(head -3 page.txt)"
	grep -qF "File: records/$f" page.txt || fail "page $p does not name records/$f"
done
# The JPEG after them is drawn.
p=$(page_of out.pdf "Discharge summary · p. 4/")
pdftotext -f "$p" -l "$p" out.pdf - 2>/dev/null | grep -q "could not be included" &&
    fail "the JPEG stood in too"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | grep -q image-broken ||
    fail "the cover does not list image-broken"
# In parts too: --split weighs the documents by their pages first.
cp_run build claim.yaml -o split.pdf --force --split 5M; expect_status 0
for f in cut.heic cut.webp bad.tif; do
	[ "$(page_of split-part1.pdf "File: records/$f")" -gt 0 ] ||
	    fail "split-part1.pdf has no page standing in for records/$f"
done
end

begin "formats: a multi-page TIFF keeps all its pages under --split"
base_claim
make_noise_photo records/photo.jpg 600 800
make_noise_photo reports/scan.jpg 600 800
set_files discharge "records/photo.jpg, records/discharge-2.png"
set_files ct "reports/ct.pdf, reports/scan.jpg"
cp "$FX/scan.tif" reports/
set_files lab reports/scan.tif
cp_run build claim.yaml -o out.pdf --split 700K; expect_status 0
n=$(ls out-part*.pdf 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || fail "expected several parts, got $n"
seen=0
for f in out-part*.pdf; do
	[ -f "$f" ] || continue
	[ "$(wc -c < "$f")" -le 700000 ] || fail "$f is $(wc -c < "$f") bytes"
	lab=$(page_of "$f" "Lab report · p.")
	[ "$lab" -gt 0 ] || continue
	seen=$((seen + 1))
	for k in 0 1 2; do
		on_white "reports/scan.tif[$k]" ref.ppm
		shows "$f" $((lab + k)) ref.ppm 1.0 3 "$f: scan.tif[$k]"
	done
	pdftotext -f $((lab + 3)) -l $((lab + 3)) "$f" - 2>/dev/null |
	    grep -qF "Lab report" && fail "$f: the lab report has a fourth page"
done
[ "$seen" -eq 1 ] || fail "the lab report is in $seen parts"
end

begin "formats: --split weighs a WebP by its pages, not by its file"
base_claim
cp "$FX/big.webp" "$FX/flop.webp" records/
set_files discharge records/big.webp
set_files lab records/flop.webp
cp_run build claim.yaml -o one.pdf -q; expect_status 0
# Each file weighs a tenth of its page: weighed by their files, both
# documents would go into one part, found over the limit once written.
part=$(($(wc -c < one.pdf) * 3 / 4000))
cp_run build claim.yaml -o out.pdf --split "${part}K"; expect_status 0
n=$(ls out-part*.pdf 2>/dev/null | wc -l)
[ "$n" -eq 2 ] || fail "expected 2 parts of ${part}K, got $n"
for f in out-part*.pdf; do
	[ -f "$f" ] || continue
	[ "$(wc -c < "$f")" -le $((part * 1000)) ] || fail "$f is $(wc -c < "$f") bytes"
done
end

begin "formats: a multi-page TIFF keeps all its pages under --max-size"
base_claim
cp "$FX/bigscan.tif" reports/
set_files lab reports/bigscan.tif
cp_run build claim.yaml -o big.pdf -q; expect_status 0
[ "$(wc -c < big.pdf)" -gt 2000000 ] || fail "the fixture is already small ($(wc -c < big.pdf) bytes)"
cp_run build claim.yaml -o out.pdf -q --max-size 1M; expect_status 0
[ "$(wc -c < out.pdf)" -le 1000000 ] || fail "out.pdf is $(wc -c < out.pdf) bytes"
lab=$(page_of out.pdf "Lab report · p.")
[ "$lab" -gt 0 ] || fail "no page stamped Lab report"
pdftotext -f $((lab + 3)) -l $((lab + 3)) out.pdf - 2>/dev/null |
    grep -qF "Lab report" && fail "the lab report has a fourth page"
qpdf --show-object="$(image_of out.pdf "$lab")" out.pdf 2>/dev/null |
    grep -q '/Filter /DCTDecode' || fail "the colour page is not a JPEG"
on_white "reports/bigscan.tif[0]" ref.ppm -resize 20%
shows out.pdf "$lab" ref.ppm 4 255 "bigscan.tif[0]" 100 499 758
# The grey page is a JPEG too; the fax page is as it was.
on_white "reports/bigscan.tif[1]" ref.ppm
shows out.pdf $((lab + 1)) ref.ppm 2.0 40 "bigscan.tif[1]"
on_white "reports/bigscan.tif[2]" ref.ppm
shows out.pdf $((lab + 2)) ref.ppm 0 0 "bigscan.tif[2]"
qpdf --show-object="$(image_of out.pdf $((lab + 2)))" out.pdf 2>/dev/null |
    grep -q '/BitsPerComponent 1 ' || fail "the fax page is no longer 1-bit"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
