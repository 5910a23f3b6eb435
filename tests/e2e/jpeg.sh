#!/bin/sh
# jpeg.sh CLAIMPACK - JPEG photos as phones, scanners and old tools write
# them: with an ICC colour profile, arithmetic-coded, with stray bytes
# between header segments.  Each is checked clean, built, and the bundle
# inspected with independent tools: qpdf (the image's colour space, its
# profile's bytes, the JPEG's coding) and pdftoppm (its colours).  The
# JPEGs are written by libjpeg (tests/e2e/mkjpeg.c, compiled here).
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-jpeg.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

${CC:-cc} -o "$WORK/.mkjpeg" "$ROOT/tests/e2e/mkjpeg.c" -ljpeg -lm ||
    { echo "jpeg.sh: cannot compile mkjpeg.c (libjpeg-dev)"; exit 2; }

# mkjpeg FILE WIDTH HEIGHT MODEL [OPTIONS...] (see mkjpeg.c): left half
# red (grey: black), right half white.
mkjpeg() {
	mkdir -p "$(dirname "$1")"
	"$WORK/.mkjpeg" "$@" || { echo "mkjpeg $* failed"; exit 2; }
}

# images PDF: one line per JPEG image of the PDF, as libqpdf's JSON
# shows it: "OBJECT COLORSPACE PROFILE-OBJECT DECODE" ("-" when absent).
images() {
	qpdf --json=1 --json-key=objects "$1" | awk '
	/^    "[0-9]+ 0 R": \{$/ {
		obj = $0; sub(/^ *"/, "", obj); sub(/ 0 R".*/, "", obj)
		cs = "-"; icc = "-"; dct = 0; dec = "-"; incs = 0; next
	}
	obj == "" { next }
	/"\/ColorSpace": \[/ { incs = 1; next }
	incs && /"\/ICCBased"/ { cs = "/ICCBased"; next }
	incs && /"[0-9]+ 0 R"/ {
		icc = $1; gsub(/[^0-9 ]/, "", icc); sub(/ .*/, "", icc); next
	}
	incs && /\]/ { incs = 0; next }
	/"\/ColorSpace": "/ { cs = $2; gsub(/[",]/, "", cs) }
	/"\/Filter": "\/DCTDecode"/ { dct = 1 }
	/"\/Decode"/ { dec = "decode" }
	/^    \}/ { if (dct) print obj, cs, icc, dec; obj = "" }'
}

# sof_of JPEG: the frame header's marker ("C0", "C9"...), segment by
# segment from SOI.
sof_of() {
	_so_file=$1
	_so_at=2
	while :; do
		# shellcheck disable=SC2046
		set -- $(od -An -tu1 -j "$_so_at" -N4 "$_so_file")
		if [ "$#" -ne 4 ] || [ "$1" -ne 255 ]; then
			echo none
			return
		fi
		if [ "$2" -ge 192 ] && [ "$2" -le 207 ] && [ "$2" -ne 196 ] &&
		    [ "$2" -ne 204 ]; then
			printf '%X\n' "$2"
			return
		fi
		_so_at=$((_so_at + 2 + $3 * 256 + $4))
	done
}

# pixel PPM X Y: "R G B" of a pixel of a binary PPM from pdftoppm.
pixel() {
	_px_w=$(head -n 3 "$1" | sed -n 2p | cut -d' ' -f1)
	_px_at=$(( $(head -n 3 "$1" | wc -c) + ($3 * _px_w + $2) * 3 ))
	od -An -tu1 -j "$_px_at" -N3 "$1" | awk '{ print $1, $2, $3 }'
}

# photo_page: the page of out.pdf stamped "Discharge summary · p. 1/".
photo_page() {
	for _pp_i in $(seq 1 "$(pdfinfo out.pdf | awk '/^Pages:/ { print $2 }')"); do
		if pdftotext -f "$_pp_i" -l "$_pp_i" out.pdf - 2>/dev/null |
		    grep -qF "Discharge summary · p. 1/"; then
			echo "$_pp_i"
			return
		fi
	done
	echo 0
}

# expect_halves DARK: the photo's page, rendered, is red (DARK "black":
# black) on the left and white on the right, at mid-height.
expect_halves() {
	_eh_page=$(photo_page)
	[ "$_eh_page" -gt 0 ] || { fail "no page of the photo"; return; }
	rm -f page-*.ppm
	pdftoppm -r 30 -f "$_eh_page" -l "$_eh_page" out.pdf page 2>/dev/null ||
	    { fail "pdftoppm failed"; return; }
	_eh_ppm=$(ls page-*.ppm)
	# shellcheck disable=SC2046
	set -- "$1" $(head -n 3 "$_eh_ppm" | sed -n 2p)
	_eh_left=$(pixel "$_eh_ppm" $(($2 * 3 / 10)) $(($3 / 2)))
	_eh_right=$(pixel "$_eh_ppm" $(($2 * 7 / 10)) $(($3 / 2)))
	if [ "$1" = black ]; then
		echo "$_eh_left" | awk '{ exit !($1 < 40 && $2 < 40 && $3 < 40) }' ||
		    fail "left half is $_eh_left, not black"
	else
		echo "$_eh_left" | awk '{ exit !($1 > 180 && $2 < 90 && $3 < 90) }' ||
		    fail "left half is $_eh_left, not red"
	fi
	echo "$_eh_right" | awk '{ exit !($1 > 200 && $2 > 200 && $3 > 200) }' ||
	    fail "right half is $_eh_right, not white"
}

# build_clean: check finds nothing, build writes a bundle qpdf finds
# whole.
build_clean() {
	run check claim.yaml; expect_status 0
	run build claim.yaml -o out.pdf; expect_status 0
	qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
}

# expect_profile JPEG ALTERNATE N: the bundle's one JPEG image has
# [/ICCBased P], P has /N and /Alternate, and P's bytes are JPEG's
# profile as ImageMagick extracts it.
expect_profile() {
	images out.pdf > images.txt
	[ "$(wc -l < images.txt)" -eq 1 ] || fail "$(wc -l < images.txt) JPEG images"
	read -r _ep_obj _ep_cs _ep_icc _ep_dec < images.txt
	[ "$_ep_cs" = /ICCBased ] || { fail "colour space $_ep_cs"; return; }
	qpdf --show-object="$_ep_icc" out.pdf > icc.txt 2>&1
	grep -qF "/N $3" icc.txt || fail "the profile is not /N $3: $(cat icc.txt)"
	grep -qF "/Alternate $2" icc.txt || fail "no /Alternate $2: $(cat icc.txt)"
	convert "$1" original.icc 2>/dev/null || fail "ImageMagick finds no profile"
	qpdf --show-object="$_ep_icc" --filtered-stream-data out.pdf > kept.icc
	cmp -s original.icc kept.icc || fail "the profile's bytes changed"
}

begin "jpeg: an sRGB-like profile is kept as /ICCBased"
base_claim
mkjpeg records/discharge-1.jpg 600 400 rgb icc
build_clean
expect_profile records/discharge-1.jpg /DeviceRGB 3
expect_halves red
end

begin "jpeg: a profile in three APP2 chunks is kept whole"
base_claim
mkjpeg records/discharge-1.jpg 600 400 rgb bigicc progressive
build_clean
expect_profile records/discharge-1.jpg /DeviceRGB 3
expect_halves red
end

begin "jpeg: Adobe CMYK with a profile: /ICCBased 4 and the inverted /Decode"
base_claim
mkjpeg records/discharge-1.jpg 600 400 cmyk icc
build_clean
expect_profile records/discharge-1.jpg /DeviceCMYK 4
grep -q ' decode$' images.txt || fail "no /Decode: $(cat images.txt)"
expect_halves red
end

begin "jpeg: a grey profile, and a profile of other colours dropped"
base_claim
mkjpeg records/discharge-1.jpg 600 400 grey icc
build_clean
expect_profile records/discharge-1.jpg /DeviceGray 1
expect_halves black
mkjpeg records/discharge-1.jpg 600 400 cmyk wrongicc
build_clean
images out.pdf > images.txt
grep -q '^[0-9]* /DeviceCMYK - decode$' images.txt ||
    fail "an RGB profile kept on CMYK: $(cat images.txt)"
expect_halves red
end

begin "jpeg: arithmetic-coded JPEGs are checked clean and built Huffman-coded"
base_claim
for variant in "rgb arith" "rgb arith progressive icc" "cmyk arith" \
    "grey arith progressive"; do
	# shellcheck disable=SC2086
	mkjpeg records/discharge-1.jpg 600 400 $variant
	sof=$(sof_of records/discharge-1.jpg)
	[ "$sof" = C9 ] || [ "$sof" = CA ] || fail "$variant: the fixture is $sof"
	build_clean
	images out.pdf > images.txt
	read -r obj _ < images.txt
	qpdf --show-object="$obj" --raw-stream-data out.pdf > embedded.jpg
	sof=$(sof_of embedded.jpg)
	case $sof in
	C0|C1|C2) ;;
	*) fail "$variant: the bundle's JPEG is coded $sof" ;;
	esac
	case $variant in
	grey*) expect_halves black ;;
	*) expect_halves red ;;
	esac
	case $variant in
	*icc*) expect_profile records/discharge-1.jpg /DeviceRGB 3 ;;
	esac
done
end

begin "jpeg: an arithmetic JPEG libjpeg cannot decode is refused by check"
base_claim
mkjpeg records/discharge-1.jpg 200 100 rgb arith
# The conditioning table's (DAC) first index, set out of range.
at=$(od -An -tx1 -v records/discharge-1.jpg | tr -s ' \n' '  ' |
    awk '{ for (i = 1; i < NF; i++) if ($i == "ff" && $(i + 1) == "cc") { print i + 3; exit } }')
printf '\100' | dd of=records/discharge-1.jpg bs=1 seek="$at" conv=notrunc 2>/dev/null
run check --json claim.yaml; expect_status 1
expect_finding image-broken discharge
expect_out "cannot be decoded"
run build claim.yaml -o out.pdf; expect_status 1
[ ! -e out.pdf ] || fail "a bundle was written"
end

begin "jpeg: stray bytes before the frame header are passed over, and the page shows"
base_claim
mkjpeg records/discharge-1.jpg 600 400 rgb junk
mkjpeg records/discharge-2.jpg 600 400 grey junk progressive
edit 's|records/discharge-2.png|records/discharge-2.jpg|'
build_clean
expect_halves red
# The bytes go into the bundle as they are: poppler's libjpeg shows them.
images out.pdf > images.txt
[ "$(wc -l < images.txt)" -eq 2 ] || fail "$(wc -l < images.txt) images"
same=0
while read -r obj _; do
	qpdf --show-object="$obj" --raw-stream-data out.pdf > embedded.jpg
	cmp -s embedded.jpg records/discharge-1.jpg && same=1
done < images.txt
[ "$same" -eq 1 ] || fail "the JPEG was not copied as it is"
end

begin "jpeg: --max-size recompresses arithmetic and stray-byte JPEGs"
base_claim
mkjpeg records/discharge-1.jpg 1600 1200 rgb arith icc noise
mkjpeg records/discharge-2.jpg 1600 1200 rgb junk noise
edit 's|records/discharge-2.png|records/discharge-2.jpg|'
run build claim.yaml -o out.pdf; expect_status 0
full=$(wc -c < out.pdf)
run build claim.yaml -o out.pdf --max-size $((full * 9 / 10)); expect_status 0
[ "$(wc -c < out.pdf)" -le $((full * 9 / 10)) ] || fail "not smaller: $(wc -c < out.pdf) of $full"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
expect_halves red
end

begin "jpeg: two builds of profiled and arithmetic JPEGs are byte-identical"
base_claim
mkjpeg records/discharge-1.jpg 300 200 rgb arith progressive bigicc
mkjpeg records/discharge-2.jpg 300 200 cmyk icc junk
edit 's|records/discharge-2.png|records/discharge-2.jpg|'
run build claim.yaml -o one.pdf; expect_status 0
run build claim.yaml -o two.pdf; expect_status 0
cmp -s one.pdf two.pdf || fail "the two builds differ"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
