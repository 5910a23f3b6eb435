#!/bin/sh
# bad.sh CLAIMPACK - hostile and broken inputs: each gives one clear
# message naming the file and the problem, the documented exit status,
# no output file (unless the input is usable), and the inputs' bytes
# unchanged.  The cases are listed in tests/corpus/bad/README.md.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-bad.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

# snapshot / unchanged: every file's checksum before and after.
snapshot() { find . -type f ! -name out ! -name err ! -name '*.sum' \
    ! -name 'out.pdf' -exec cksum {} + | sort > before.sum; }
unchanged() {
	find . -type f ! -name out ! -name err ! -name '*.sum' \
	    ! -name 'out.pdf' -exec cksum {} + | sort > after.sum
	cmp -s before.sum after.sum || fail "an input changed"
}

# no_output: neither the bundle nor a temporary file is left.
no_output() {
	[ -z "$(ls -A | grep -e '^out\.pdf$' -e '^\.out\.pdf\.')" ] ||
	    fail "left behind: $(ls -A | grep out.pdf)"
}

# bad FILE CHECK_STATUS BUILD_STATUS CHECK_ID TEXT: replaces FILE in
# the base claim (done by the caller), then runs check and build.
# BUILD_STATUS 0 means the input is usable: the bundle must be whole.
bad() {
	snapshot
	run check --json claim.yaml
	expect_status "$2"
	[ -z "$4" ] || expect_finding "$4"
	[ -z "$5" ] || expect_out "$5"
	[ -z "$4" ] || expect_out "$1"
	run build claim.yaml -o out.pdf
	expect_status "$3"
	if [ "$3" -eq 0 ]; then
		qpdf --check out.pdf > /dev/null 2>&1 || fail "out.pdf is not whole"
		rm -f out.pdf
	else
		no_output
	fi
	unchanged
}

begin "bad: a zero-byte file"
base_claim; : > billing/receipt.pdf
bad billing/receipt.pdf 1 1 file-type "empty (0 bytes)"
end

begin "bad: a truncated PDF"
base_claim
head -c 200 billing/expenses.pdf > x && mv x billing/expenses.pdf
bad billing/expenses.pdf 1 1 pdf-broken "cannot be read as a PDF"
end

begin "bad: a PDF with a broken cross-reference table is repaired, with a warning"
base_claim
sed 's/^0000000[0-9][0-9][0-9] 00000 n/0000000001 00000 n/' billing/expenses.pdf > x &&
    mv x billing/expenses.pdf
bad billing/expenses.pdf 0 0 pdf-repaired "damaged but could be repaired"
end

begin "bad: an encrypted PDF (user password)"
base_claim
qpdf --encrypt secret owner 256 -- reports/lab.pdf x && mv x reports/lab.pdf
bad reports/lab.pdf 1 1 pdf-encrypted "needs a password"
end

begin "bad: a PDF with only an owner password opens and builds"
base_claim
qpdf --encrypt "" owner 256 -- reports/lab.pdf x && mv x reports/lab.pdf
bad reports/lab.pdf 0 0 pdf-restricted "owner password only"
end

begin "bad: a PDF whose page tree loops"
base_claim
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Size 4/Root 1 0 R>>\n%%%%EOF\n' > x
qpdf x reports/ct.pdf 2>/dev/null; rm -f x
bad reports/ct.pdf 1 1 pdf-broken "reports/ct.pdf"
end

begin "bad: a truncated JPEG"
base_claim
make_photo big.jpg none 600 400
head -c 2000 big.jpg > records/discharge-1.jpg; rm big.jpg
bad records/discharge-1.jpg 1 1 image-broken "cut short"
end

begin "bad: a PNG with a bad CRC"
base_claim
# Flip one pixel byte inside IDAT: the chunk's checksum no longer fits.
size=$(wc -c < records/discharge-2.png)
{ head -c $((size - 30)) records/discharge-2.png; printf 'X';
  tail -c 29 records/discharge-2.png; } > x && mv x records/discharge-2.png
bad records/discharge-2.png 1 1 image-broken "PNG is damaged: IDAT: "
end

begin "bad: a JPEG header claiming 60000 x 60000 pixels"
base_claim
make_huge_jpeg records/discharge-1.jpg
bad records/discharge-1.jpg 1 1 image-broken "60000 x 60000"
end

begin "bad: a 16-bit PNG is fine (rounded to 8 bits)"
base_claim
rm records/discharge-2.png; make_png_alpha records/discharge-2.png 40 20 rgb16
bad records/discharge-2.png 0 0 "" ""
end

begin "bad: a palette PNG is fine"
base_claim
rm records/discharge-2.png; make_png_alpha records/discharge-2.png 40 20 palette
bad records/discharge-2.png 0 0 "" ""
end

# pixel PPM X Y: "R G B" of pixel (X, Y) of a binary PPM as pdftoppm
# writes it (three header lines: "P6", "WIDTH HEIGHT", "255").
pixel() {
	_px_w=$(head -n 3 "$1" | sed -n 2p | cut -d' ' -f1)
	_px_at=$(( $(head -n 3 "$1" | wc -c) + ($3 * _px_w + $2) * 3 ))
	od -An -tu1 -j "$_px_at" -N3 "$1" | awk '{ print $1, $2, $3 }'
}

# expect_halves PDF PAGE: that page, rendered, shows a red left half and a
# white right half at mid-height (the image is centred on the page).
expect_halves() {
	rm -f page-*.ppm
	pdftoppm -r 30 -f "$2" -l "$2" "$1" page || { fail "pdftoppm failed"; return; }
	_eh_ppm=$(ls page-*.ppm)
	# shellcheck disable=SC2046
	set -- "$2" $(head -n 3 "$_eh_ppm" | sed -n 2p)
	_eh_left=$(pixel "$_eh_ppm" $(($2 * 3 / 10)) $(($3 / 2)))
	_eh_right=$(pixel "$_eh_ppm" $(($2 * 7 / 10)) $(($3 / 2)))
	echo "$_eh_left" | awk '{ exit !($1 > 180 && $2 < 90 && $3 < 90) }' ||
	    fail "page $1: left half is $_eh_left, not red"
	echo "$_eh_right" | awk '{ exit !($1 > 200 && $2 > 200 && $3 > 200) }' ||
	    fail "page $1: right half is $_eh_right, not white"
}

begin "bad: CMYK JPEGs (Adobe and plain) render in their colours"
base_claim
rm records/discharge-1.jpg records/discharge-2.png
# Photoshop's inverted ink with an Adobe marker, and plain ink without.
make_cmyk_jpeg records/discharge-1.jpg 600 400 adobe
make_cmyk_jpeg records/discharge-2.jpg 600 400 plain
edit 's|records/discharge-2.png|records/discharge-2.jpg|'
bad records/discharge-1.jpg 0 0 "" ""
run build claim.yaml -o out.pdf
expect_status 0
# The discharge summary's two pages, found by their stamps.
for n in 1 2; do
	p=0
	for i in $(seq 1 "$(pdfinfo out.pdf | awk '/^Pages:/ { print $2 }')"); do
		pdftotext -f "$i" -l "$i" out.pdf - 2>/dev/null |
		    grep -qF "Discharge summary · p. $n/" && p=$i
	done
	if [ "$p" -eq 0 ]; then
		fail "no page stamped Discharge summary p. $n"
	else
		expect_halves out.pdf "$p"
	fi
done
end

begin "bad: a file named .pdf that is really a JPEG is used as a JPEG"
base_claim
rm billing/expenses.pdf; make_photo billing/expenses.pdf none 60 40
bad billing/expenses.pdf 0 0 file-extension "a JPEG image, whatever its name says"
end

begin "bad: a folder, a FIFO, /dev/zero and a symlink loop as documents"
base_claim
rm reports/lab.pdf; mkdir reports/lab.pdf
rm reports/ct.pdf; mkfifo reports/ct.pdf
rm billing/expenses.pdf; ln -s /dev/zero billing/expenses.pdf
rm records/discharge-en.pdf; ln -s discharge-en.pdf records/discharge-en.pdf
run check --json claim.yaml; expect_status 1
expect_out 'reports/lab.pdf (document lab) is a folder'
expect_out 'reports/ct.pdf (document ct) is not a regular file'
expect_out 'billing/expenses.pdf (document expenses) is not a regular file'
expect_finding file-unreadable discharge-en
run build claim.yaml -o out.pdf; expect_status 1; no_output
end

begin "bad: a manifest with bytes that are not UTF-8"
base_claim; printf 'claimpack: 1\npatient: {name: "\377\376", passport: X}\n' > claim.yaml
run check claim.yaml; expect_status 2; expect_err "claim.yaml:2:"; expect_err "UTF-8"
[ "$(wc -l < err)" -eq 1 ] || fail "more than one line"
run build claim.yaml -o out.pdf; expect_status 2; no_output
end

# A draft (as claimpack init writes one) leaves out, with a # TODO, the
# facts it could not read: it loads, check names each once, build
# refuses it, and build --force prints "not given" where they belong.
begin "bad: a draft without the passport, a paper's date and a fapiao's amount"
base_claim
edit 's|^  passport: .*|  # TODO passport: as in the passport|'
edit '/id: lab/,/name/ s|^    date: .*|    # TODO date: as printed on the paper|'
edit '/id: receipt/,/amount/ s|^    amount: .*|    # TODO amount: the total printed on it|'
snapshot
run check claim.yaml; expect_status 1
expect_out '  error   fact-missing: the patient has no passport number: type the passport number as in the passport as passport: NUMBER'
expect_out '  error   fact-missing [lab reports/lab.pdf]: document "lab" (lab_report, reports/lab.pdf) has no date: type the date printed on the paper as date: YYYY-MM-DD'
expect_out '  error   fact-missing [receipt billing/receipt.pdf]: document "receipt" (fapiao, billing/receipt.pdf) has no amount: type the total printed on the paper (tax included) as amount: NNNN.NN'
# Nothing else: not a total-mismatch of the expense list against 0.
tail -n 1 out | grep -q ': 3 errors, 0 warnings, 0 notices' ||
    fail "not 3 errors alone: $(tail -n 1 out)"
run check --json claim.yaml; expect_status 1
expect_finding fact-missing lab
expect_finding fact-missing receipt
grep -qF '"check":"fact-missing","severity":"error","document":"","file":"","message":"the patient has no passport number' out ||
    fail "no fact-missing for the passport in the JSON"
[ "$(grep -o '"check":"[a-z-]*"' out | sort -u)" = '"check":"fact-missing"' ] ||
    fail "other checks fired: $(grep -o '"check":"[a-z-]*"' out | sort -u | tr '\n' ' ')"
run build claim.yaml -o out.pdf; expect_status 1
expect_err "--force"
no_output
run build claim.yaml -o out.pdf --force; expect_status 0
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
pdftotext -layout -f 1 -l 1 out.pdf cover.txt 2>/dev/null
grep 'Passport' -A 1 cover.txt | grep -q 'not given 未填' ||
    fail "the cover's passport is not 'not given 未填'"
grep 'Claim total' -A 1 cover.txt | grep -q 'not given 未填' ||
    fail "the claim total is not 'not given 未填'"
grep -q 'fact-missing' cover.txt || fail "the red box lacks fact-missing"
pdftotext -layout -f 2 -l 2 out.pdf index.txt 2>/dev/null
grep 'Lab report' index.txt | grep -q 'not given 未填' ||
    fail "the index's date of the lab report is not 'not given 未填'"
grep -q 'amount not given 未填' index.txt ||
    fail "the index's notes lack the fapiao's amount not given"
rm -f out.pdf cover.txt index.txt
unchanged
end

begin "bad: a draft without the patient's name, the hospital and the start date"
base_claim
edit 's|^  name: .*|  # TODO name: as in the passport|'
edit 's|^  passport: .*|  # TODO passport: as in the passport|'
edit 's|^    hospital: .*|    # TODO hospital:|; s|^    start: .*|    # TODO start:|'
run check --json claim.yaml; expect_status 1
expect_finding fact-missing stay
# The imaging folder's DICOM name, and each paper's, is not compared
# with a passport name not given; the papers' dates have no stay.
[ "$(grep -o '"check":"[a-z-]*"' out | sort -u)" = '"check":"fact-missing"' ] ||
    fail "other checks fired: $(grep -o '"check":"[a-z-]*"' out | sort -u | tr '\n' ' ')"
[ "$(grep -o '"check":"fact-missing"' out | wc -l)" -eq 4 ] ||
    fail "not 4 fact-missing findings"
expect_out 'episode \"stay\" (inpatient) has no start date: type the admission date as start: YYYY-MM-DD'
run build claim.yaml -o out.pdf --force; expect_status 0
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
pdftotext -layout -f 1 -l 1 out.pdf cover.txt 2>/dev/null
grep 'Name (as in passport)' -A 1 cover.txt | grep -q 'not given 未填' ||
    fail "the cover's name is not 'not given 未填'"
grep -q '^not given 未填  *Inpatient 住院' cover.txt ||
    fail "the cover's hospital is not 'not given 未填'"
grep -q 'not given 未填 to 2026-10-09' cover.txt ||
    fail "the cover's dates do not say the start is not given"
pdfinfo out.pdf | grep -q '^Title: *Medical expense reimbursement claim$' ||
    fail "the PDF title is not the template's alone: $(pdfinfo out.pdf | grep Title)"
end

begin "bad: a manifest with 100,000 documents"
{ printf 'claimpack: 1\npatient: {name: A B, passport: X}\n'
  printf 'episodes: [{kind: inpatient, hospital: H, start: 2026-01-01}]\ndocuments:\n'
  awk 'BEGIN { for (i = 0; i < 100000; i++) print "  - {type: lab_report, files: [a.pdf], date: 2026-01-01, name: A B}" }'
} > claim.yaml
run check claim.yaml; expect_status 2; expect_err "at most 20000"
end

begin "bad: an output folder that cannot be written"
base_claim
: > not-a-folder
run build claim.yaml -o not-a-folder/out.pdf; expect_status 2
expect_err "not-a-folder/out.pdf"
[ ! -s not-a-folder ] || fail "wrote into it"
end

begin "bad: the disk fills during the write (ulimit -f)"
base_claim
snapshot
# A few blocks: far less than the bundle needs.
(ulimit -f 4; "$CLAIMPACK" build claim.yaml -o out.pdf > out 2> err)
STATUS=$?
expect_status 2
no_output
unchanged
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
