#!/bin/sh
# once.sh CLAIMPACK - `claimpack build` reads each of the claim's files
# through one open, however many times the check and the build look at
# it, and copies a photo's bytes into the bundle as they are.  strace
# counts the opens; qpdf hands over the bundle's image streams raw.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-once.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

command -v strace >/dev/null 2>&1 ||
    { echo "once.sh: strace is missing (tools/deps.sh installs it)"; exit 2; }

# traced LOG ARGS...: runs claimpack under strace, every open of a file
# into LOG, its stdout and stderr into ./out and ./err.  LeakSanitizer
# cannot work under ptrace: the ASan build's leak check is left to the
# other tests.
traced() {
	_tr_log=$1
	shift
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -qq -o "$_tr_log" -e trace=open,openat,openat2,creat \
	    "$CLAIMPACK" "$@" >out 2>err
	STATUS=$?
}

# opens LOG FILE: how many times the traced run opened FILE (written as
# from the claim's folder) and got a descriptor.
opens() {
	awk -v f="$2" '
	    (index($0, "\"" f "\"") || index($0, "/" f "\"")) &&
	    $0 !~ /= -1 / { n++ }
	    END { print n + 0 }' "$1"
}

# expect_each_once LOG: every file below the claim's folder (the
# manifest too) was opened exactly once.
expect_each_once() {
	_eo_files=$(find . -type f ! -name out ! -name err ! -name '*.log' \
	    ! -path './out.pdf' ! -path './tmp/*' | sed 's|^\./||' | sort)
	[ -n "$_eo_files" ] || fail "no files to count"
	for _eo_f in $_eo_files; do
		_eo_n=$(opens "$1" "$_eo_f")
		[ "$_eo_n" -eq 1 ] || fail "$_eo_f opened $_eo_n times, not once"
	done
}

# dct_streams PDF: the object numbers of the PDF's JPEG image streams.
dct_streams() {
	qpdf --json=1 --json-key=objects "$1" | awk '
	/^    "[0-9]+ 0 R": \{$/ {
		obj = $0; sub(/^ *"/, "", obj); sub(/ 0 R".*/, "", obj)
		dct = 0; next
	}
	obj == "" { next }
	/"\/Filter": "\/DCTDecode"/ { dct = 1 }
	/^    \}/ { if (dct) print obj; obj = "" }'
}

# expect_bytes_in PDF JPEG: one of the PDF's JPEG streams holds exactly
# the bytes of the file JPEG.
expect_bytes_in() {
	_eb_want=$(sha256sum < "$2" | cut -d' ' -f1)
	for _eb_obj in $(dct_streams "$1"); do
		_eb_got=$(qpdf --show-object="$_eb_obj" --raw-stream-data "$1" |
		    sha256sum | cut -d' ' -f1)
		[ "$_eb_got" = "$_eb_want" ] && return 0
	done
	fail "no image of $1 holds the bytes of $2 as they are"
}

# ---- the opens -------------------------------------------------------------

begin "build: each of the claim's files is opened once (photo, PNG, PDFs, DICOM)"
base_claim
mkdir tmp
TMPDIR=$PWD/tmp traced build.log build claim.yaml -o out.pdf
expect_status 0
expect_each_once build.log
[ -z "$(ls -A tmp)" ] || fail "left in TMPDIR: $(ls -A tmp)"
end

begin "check alone opens each file once too"
base_claim
traced check.log check claim.yaml
expect_status 0
expect_each_once check.log
end

begin "build: the example's phone photos and hospital PDFs are opened once"
cp -R "$ROOT/examples/inpatient/." .
traced build.log build claim.yaml -o out.pdf
expect_status 0
expect_each_once build.log
[ "$(opens build.log records/discharge-1.jpg)" -eq 1 ] ||
    fail "the photo was not counted"
end

begin "build --max-size: a photo recompressed to fit is still opened once"
cp -R "$ROOT/examples/inpatient/." .
traced build.log build claim.yaml -o out.pdf --max-size 1MB
expect_status 0
expect_each_once build.log
end

# ---- a photo's bytes -------------------------------------------------------

begin "build: the example's photos are in the bundle byte for byte"
cp -R "$ROOT/examples/inpatient/." .
run build claim.yaml -o out.pdf
expect_status 0
[ "$(wc -c < records/discharge-1.jpg)" -gt 8192 ] ||
    fail "the photo is smaller than a memory page or two"
expect_bytes_in out.pdf records/discharge-1.jpg
expect_bytes_in out.pdf records/discharge-2.jpg
qpdf --check out.pdf >/dev/null 2>&1 || fail "qpdf --check fails"
end

begin "build: a photo smaller than a memory page is in the bundle byte for byte"
base_claim
[ "$(wc -c < records/discharge-1.jpg)" -lt 4096 ] ||
    fail "the fixture is not small"
run build claim.yaml -o out.pdf
expect_status 0
expect_bytes_in out.pdf records/discharge-1.jpg
qpdf --check out.pdf >/dev/null 2>&1 || fail "qpdf --check fails"
end

begin "build: photos of every size round a memory page are whole"
base_claim
# Sizes either side of 4096 and 8192 bytes, so that the photo's bytes
# end just before, on and just after a page.
i=0
files=""
for pad in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
	make_photo "records/p$pad.jpg" none 60 40
	size=$(wc -c < "records/p$pad.jpg")
	# A comment segment after SOI pads the file to 4096 - 8 + pad.
	want=$((4088 + pad))
	extra=$((want - size - 4))
	if [ "$extra" -gt 0 ]; then
		{ head -c 2 "records/p$pad.jpg"
		  printf '\377\376'
		  printf "\\$(printf %o $(((extra + 2) / 256)))"
		  printf "\\$(printf %o $(((extra + 2) % 256)))"
		  head -c "$extra" /dev/zero | tr '\0' 'x'
		  tail -c +3 "records/p$pad.jpg"; } > "records/q$pad.jpg"
		mv "records/q$pad.jpg" "records/p$pad.jpg"
	fi
	files="$files${files:+, }records/p$pad.jpg"
	i=$((i + 1))
done
set_files discharge "$files"
run build claim.yaml -o out.pdf
expect_status 0
for pad in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
	expect_bytes_in out.pdf "records/p$pad.jpg"
done
qpdf --check out.pdf >/dev/null 2>&1 || fail "qpdf --check fails"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
