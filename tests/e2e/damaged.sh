#!/bin/sh
# damaged.sh CLAIMPACK INK - PDFs with damaged pages (made by
# tests/e2e/mkdamaged.c; the kinds are listed there): `check` names what
# it finds, `build` keeps the stamp on every page, at its place, and each
# page's own content as far as it can be read, and the bundle passes
# `qpdf --check`.  Inspected with pdftotext, pdftoppm, qpdf and INK
# (tests/e2e/ink.c), never with claimpack's own code.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
INK=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-damaged.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

MKDAMAGED=$WORK/.mkdamaged
if ! ${CC:-cc} -o "$MKDAMAGED" "$ROOT/tests/e2e/mkdamaged.c" -lz; then
	echo "damaged.sh: cannot compile mkdamaged.c" >&2
	exit 2
fi

pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# words PAGE: "xMin yMin xMax yMax word" per word of out.pdf's page,
# coordinates as seen, from the top left.
words() {
	pdftotext -bbox -f "$1" -l "$1" out.pdf - 2>/dev/null |
	    sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>.*/\1 \2 \3 \4 \5/p'
}

# lab_pages: the bundle's pages stamped as the lab report, in order.
lab_pages() {
	for _i in $(seq 1 "$(pages_of out.pdf)"); do
		pdftotext -f "$_i" -l "$_i" out.pdf - 2>/dev/null |
		    grep -qF 'Lab report ·' && echo "$_i"
	done
}

# expect_stamped: every document page (3 on) has the claim reference in
# a stamp at its bottom edge that prints with ink; the lab report's
# three pages keep their own text; qpdf --check passes.
expect_stamped() {
	[ -f out.pdf ] || { fail "no out.pdf"; return; }
	for _p in $(seq 3 "$(pages_of out.pdf)"); do
		_line=$(words "$_p" | awk '$5 == "CG-TEST-1"' | tail -n 1)
		[ -n "$_line" ] || { fail "page $_p: no stamp"; continue; }
		# shellcheck disable=SC2086
		set -- $_line
		# A4 at 72 dpi: the stamp's 14 points sit 6 above the bottom.
		awk -v y0="$2" -v y1="$4" 'BEGIN { exit !(y0 > 812 && y1 < 842 && y1 - y0 < 20) }' ||
		    fail "page $_p: stamp at ($1,$2)-($3,$4), not at the bottom at its size"
		rm -f stamp-*.pgm
		# The bottom 30 points at 144 dpi: the grey stamp text has
		# some 190 pixels darker than mid grey.
		pdftoppm -gray -r 144 -f "$_p" -l "$_p" -x 0 -y 1624 -W 1190 \
		    -H 60 out.pdf stamp 2>/dev/null
		_ink=$("$INK" stamp-*.pgm 2>/dev/null)
		[ "${_ink:-0}" -ge 60 ] || fail "page $_p: the stamp prints (almost) blank: ${_ink:-no} dark pixels"
	done
	rm -f stamp-*.pgm
	# shellcheck disable=SC2046
	set -- $(lab_pages)
	[ $# -eq 3 ] || fail "expected 3 lab report pages, found $#"
	_k=1
	for _p; do
		pdftotext -f "$_p" -l "$_p" out.pdf - 2>/dev/null |
		    grep -qF "Page $_k text" || fail "lab page $_k (page $_p) lost its text"
		_k=$((_k + 1))
	done
	qpdf --check out.pdf > qpdf.out 2>&1 ||
	    fail "qpdf --check fails: $(grep -v '^checking\|^PDF Version\|^File is' qpdf.out | head -3)"
}

# damaged KIND CHECK_STATUS FINDING TEXT: the base claim with the lab
# report (3 pages, 1 and 3 damaged) of KIND; check exits CHECK_STATUS
# with FINDING saying TEXT (no pdf-damaged finding when FINDING is
# empty), and build (--force when check found errors) keeps every stamp.
damaged() {
	base_claim
	rm -f reports/lab.pdf
	"$MKDAMAGED" "$1" reports/lab.pdf || { fail "mkdamaged $1"; return; }
	run check --json claim.yaml
	expect_status "$2"
	if [ -n "$3" ]; then
		expect_finding "$3" lab
		expect_out "$4"
	else
		expect_no_finding pdf-damaged
		expect_no_finding pdf-repaired
	fi
	if [ "$2" -eq 0 ]; then
		run build claim.yaml -o out.pdf
	else
		run build --force claim.yaml -o out.pdf
	fi
	expect_status 0
	expect_stamped
}

begin "damaged: a clean three-page PDF (the control)"
damaged clean 0 "" ""
end

begin "damaged: stray Qs and the state after them do not reach the stamp"
damaged stray-q 0 "" ""
# The damaged pages are drawn as form XObjects (a stream that draws it
# and starts the stamp, then the stamp's text), the clean one keeps its
# own stream between claimpack's q and its Q + stamp (the same two).
# shellcheck disable=SC2046
set -- $(lab_pages) 0 0 0
qpdf --show-pages out.pdf > show 2>/dev/null
# streams PAGE: how many content streams the page has.
streams() { awk -v p="page $1:" '/^page / { on = index($0, p) == 1; next }
    on && /^    / { n++ } END { print n + 0 }' show; }
for p in "$1" "$3"; do
	[ "$(streams "$p")" -eq 2 ] || fail "page $p: not the form + stamp"
done
[ "$(streams "$2")" -eq 4 ] ||
    fail "page $2: the clean page's content is not q, its stream, Q + stamp"
end

begin "damaged: q and BT left open are closed before the stamp"
damaged open-q 0 "" ""
end

begin "damaged: a string left open at the end of the content"
damaged open-string 0 pdf-damaged \
    "pages 1 and 3 of reports/lab.pdf (document lab) have damaged content (page 1: a string left open at the end of the content); the bundle shows them as far as they can be read: check them, or get a fresh copy"
end

begin "damaged: a hex string left open at the end of the content"
damaged open-hex 0 pdf-damaged "(page 1: a hex string left open"
end

begin "damaged: inline image data with no EI"
damaged open-image 0 pdf-damaged "(page 1: an inline image with no end (EI))"
end

begin "damaged: a number and a dictionary in /Contents are dropped"
damaged bad-item 0 pdf-damaged "something that is not a stream"
end

begin "damaged: Flate data that breaks off: what precedes is kept"
damaged bad-flate 0 pdf-damaged "(page 1: content stream 11 0 cannot be decoded ("
end

begin "damaged: no %PDF- header: repaired, built"
damaged headerless 0 pdf-repaired "can't find PDF header"
end

begin "damaged: 3000 bytes of junk before the header: repaired, built"
damaged junk 0 pdf-repaired "can't find PDF header"
end

begin "damaged: PDF objects libqpdf cannot read: damaged, not another format"
base_claim
rm -f reports/lab.pdf
"$MKDAMAGED" not-pdf reports/lab.pdf
run check --json claim.yaml
expect_status 1
expect_finding pdf-broken lab
expect_out "reports/lab.pdf (document lab) cannot be read as a PDF ("
expect_out "download or scan the paper again"
expect_no_finding file-type
run build claim.yaml -o out.pdf
expect_status 1
[ ! -e out.pdf ] || fail "a refused build wrote out.pdf"
# Forced, the paper stands in as a page that says which file and why.
run build --force claim.yaml -o out.pdf
expect_status 0
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
pdftotext out.pdf - 2>/dev/null | tr -s ' \n' ' ' > text.txt
grep -qF "This page could not be included" text.txt ||
    fail "no placeholder page in the bundle"
grep -qF "reports/lab.pdf" text.txt || fail "the placeholder names no file"
end

begin "damaged: bytes that are no PDF at all: another format"
base_claim
head -c 3000 /dev/zero | tr '\0' 'x' > reports/lab.pdf
run check --json claim.yaml
expect_status 1
expect_finding file-type lab
expect_no_finding pdf-broken
end

begin "damaged: two builds with damaged pages are byte-identical"
base_claim
rm -f reports/lab.pdf reports/ct.pdf
"$MKDAMAGED" bad-flate reports/lab.pdf
"$MKDAMAGED" stray-q reports/ct.pdf
run build claim.yaml -o one.pdf; expect_status 0
run build claim.yaml -o two.pdf; expect_status 0
cmp -s one.pdf two.pdf || fail "the two bundles differ"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
