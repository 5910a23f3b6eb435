#!/bin/sh
# build.sh CLAIMPACK INSPECT INK - end-to-end tests of `claimpack build`
# and `claimpack cover`.
#
# Builds bundles from fixtures made here (a PDF with a rotated page, one
# with an offset MediaBox and its own bookmarks, a JPEG with EXIF
# orientation 6, a PNG with alpha, a document of two files, an imaging
# folder) and inspects them with independent tools: libqpdf (INSPECT,
# tests/e2e/inspect.c), qpdf --check, pdftotext and pdftoppm.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
INSPECT=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
INK=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"
. "$ROOT/tests/e2e/fixtures.sh"

# The claim every test starts from; its bundle has these pages:
#   1 cover, 2 index,
#   3-4   #1 discharge summary (photo.jpg, EXIF 6; scan.png, alpha)
#   5-6   #2 lab report (page 1 turned 90 degrees)
#   7     #3 imaging report
#   -     #4 imaging files (a folder, not printed)
#   8     #5 fapiao
#   9-10  #6 expense list (MediaBox [100 200 712 992], own bookmarks)
#   11    #7 translation
build_claim() {
	mkdir -p records billing reports imaging
	make_photo records/photo.jpg 6 600 400
	make_png_alpha records/scan.png
	make_pdf_pages billing/receipt.pdf 1
	make_pdf_bookmarked billing/expenses.pdf
	make_pdf_pages lab0.pdf 2
	qpdf lab0.pdf --rotate=+90:1 reports/lab.pdf && rm lab0.pdf
	make_pdf_pages reports/ct.pdf 1
	make_dicom imaging/a.dcm
	make_dicom imaging/b.dcm
	make_pdf_pages records/tr.pdf 1
	cat > claim.yaml <<'YAML'
claimpack: 1
claim:
  reference: CG-E2E-1
  insurer: Example Insurer
  policy: "M-7"
  prepared: 2026-11-20
  exchange: {currency: USD, rate: "0.1402", date: 2026-10-09}
patient:
  name: "SMITH, John Alexander"
  passport: "P12345678"
  birth_date: 1984-03-09
  aliases: ["约翰·史密斯"]
episodes:
  - id: stay
    kind: inpatient
    hospital: Example Union Hospital
    hospital_zh: 示例联合医院
    start: 2026-10-03
    end: 2026-10-09
documents:
  - id: receipt
    type: fapiao
    files: [billing/receipt.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 12850.40
    invoice: {code: "11060126", number: "0012345678", check_code: "a1b2c3"}
  - id: expenses
    type: expense_list
    files: [billing/expenses.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 12850.40
  - id: discharge
    type: discharge_summary
    files: [records/photo.jpg, records/scan.png]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    title: "Two photos of the summary"
  - id: lab
    type: lab_report
    files: [reports/lab.pdf]
    date: 2026-10-04
    name: "John Alexander Smith"
  - id: ct
    type: imaging_report
    files: [reports/ct.pdf]
    date: 2026-10-05
    name: "John Alexander Smith"
  - id: ct-images
    type: imaging_files
    files: [imaging]
  - id: tr
    type: translation
    translation_of: discharge
    files: [records/tr.pdf]
    date: 2026-10-15
    name: "John Alexander Smith"
YAML
}

# words PAGE: the words on a page with their boxes, one per line:
# "xMin yMin xMax yMax word", coordinates as seen, from the top left.
words() {
	pdftotext -bbox -f "$1" -l "$1" out.pdf - 2>/dev/null |
	    sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>.*/\1 \2 \3 \4 \5/p'
}

# page_size PAGE: "width height" as seen.
page_size() {
	pdftotext -bbox -f "$1" -l "$1" out.pdf - 2>/dev/null |
	    sed -n 's/.*<page width="\([0-9.]*\)" height="\([0-9.]*\)">.*/\1 \2/p'
}

begin "build: the bundle has cover + index + every document page"
BUNDLE=$T
build_claim
run build claim.yaml -o out.pdf; expect_status 0; expect_out "out.pdf"
[ -f out.pdf ] || fail "no out.pdf"
"$INSPECT" out.pdf > facts || fail "libqpdf cannot read the bundle"
grep -qx 'pages 11' facts || fail "expected 11 pages: $(head -1 facts)"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
end

begin "build: inputs keep their rotation and page boxes"
cd "$BUNDLE"
grep -qx 'page 5 rotate 90 box 0 0 595 842' facts || fail "lab page 1 lost its rotation"
grep -qx 'page 6 rotate 0 box 0 0 595 842' facts || fail "lab page 2 changed"
grep -qx 'page 9 rotate 0 box 100 200 712 992' facts || fail "the offset MediaBox changed"
end

begin "build: page labels are Cover, Index, then 1..9"
cd "$BUNDLE"
grep -qx 'label 1 Cover' facts || fail "page 1 is not labelled Cover"
grep -qx 'label 2 Index' facts || fail "page 2 is not labelled Index"
grep -qx 'label 3 1' facts || fail "page 3 is not labelled 1"
grep -qx 'label 11 9' facts || fail "page 11 is not labelled 9"
end

begin "build: bookmarks per section and document, with the PDF's own nested"
cd "$BUNDLE"
for line in 'outline 0 1 Cover sheet 封面' 'outline 0 2 Index 目录' \
    'outline 0 3 Medical records 病历资料' \
    'outline 1 3 1 · Discharge summary 出院小结 · 2026-10-09' \
    'outline 1 5 2 · Lab report 检验报告 · 2026-10-04' \
    'outline 1 7 3 · Imaging report 影像报告 · 2026-10-05' \
    'outline 0 8 Invoices and expenses 发票与费用' \
    'outline 1 8 5 · Official invoice / receipt 发票 · 2026-10-09' \
    'outline 1 9 6 · Itemized expense list 费用清单 · 2026-10-09' \
    'outline 2 9 Chapter A' 'outline 3 10 Section A.1' 'outline 2 10 Chapter B' \
    'outline 1 11 7 · Translation of #1 Discharge summary 出院小结翻译件 · 2026-10-15'; do
	grep -qxF "$line" facts || fail "no bookmark: $line"
done
end

begin "build: index rows link to their documents' first pages"
cd "$BUNDLE"
for line in 'link 2 -> 3' 'link 2 -> 5' 'link 2 -> 7' 'link 2 -> 8' \
    'link 2 -> 9' 'link 2 -> 11'; do
	grep -qxF "$line" facts || fail "no index link: $line"
done
[ "$(grep -c '^link' facts)" -eq 6 ] || fail "expected 6 links (imaging files have no pages)"
end

begin "build: index page ranges match the pages' labels"
cd "$BUNDLE"
pdftotext -layout -f 2 -l 2 out.pdf index.txt 2>/dev/null
# "number ... range" on each row, in bundle order.
for row in '1 .*Discharge summary.* 1-2' '2 .*Lab report.* 3-4' \
    '3 .*Imaging report.* 5' '4 .*Imaging files.* -' \
    '5 .*Official invoice.* 6' '6 .*Itemized expense list.* 7-8' \
    '7 .*Translation.* 9'; do
	grep -q "^ *$row\\( \\|\$\\)" index.txt || fail "index row: $row"
done
grep -q 'CT 2026-10-04: 1 series, 2 images' index.txt || fail "imaging study"
grep -q 'image files, 1 KB, provided' index.txt || fail "imaging note"
grep -q '^ *7  *Translation of #1 Discharge ' index.txt || fail "translation row"
! grep -q 'another document' index.txt || fail "a translation row does not say what it translates"
grep -q 'No. 0012345678' index.txt || fail "invoice note"
end

begin "build: every document page is stamped at the bottom, as seen"
cd "$BUNDLE"
for p in 3 4 5 6 7 8 9 10 11; do
	n=$((p - 2))
	set -- $(page_size $p)
	w=$1; h=$2
	# pdftotext gives the unrotated size but coordinates as seen.
	if grep -q "^page $p rotate \\(90\\|270\\) " facts; then
		w=$2; h=$1
	fi
	line=$(words $p | awk -v want="$n/9" '$5 == want' | tail -n 1)
	[ -n "$line" ] || { fail "page $p: no stamp ending $n/9"; continue; }
	set -- $line
	awk -v y="$4" -v h="$h" -v x0="$1" -v w="$w" \
	    'BEGIN { exit !(y > h - 30 && y <= h && x0 > w * 0.4 && x0 < w) }' ||
	    fail "page $p: stamp at ($1,$2)-($3,$4) on a ${w}x${h} page"
	words $p | grep -q ' CG-E2E-1$' || fail "page $p: stamp lacks the reference"
done
words 5 | grep -q ' Lab$' || fail "page 5: stamp lacks the document type"
end

begin "build: the original content is still on the pages"
cd "$BUNDLE"
pdftotext -f 9 -l 9 out.pdf - 2>/dev/null | grep -q 'Chapter A text' || fail "offset page text lost"
pdftotext -f 5 -l 5 out.pdf - 2>/dev/null | grep -q 'Fixture page 1' || fail "rotated page text lost"
end

begin "build: the cover names the patient, the totals and Chinese labels"
cd "$BUNDLE"
pdftotext -f 1 -l 1 out.pdf cover.txt 2>/dev/null
for text in 'Medical expense reimbursement claim' '医疗费用报销申请' \
    'SMITH, John Alexander' '*****5678' 'CG-E2E-1' 'CNY 12,850.40' \
    'USD 1,801.63' 'Example Union Hospital' '示例联合医院' '患者' '发票' \
    '11060126' '0012345678' 'Prepared' '2026-11-20'; do
	grep -qF -- "$text" cover.txt || fail "cover lacks: $text"
done
! grep -q 'P12345678' cover.txt || fail "the passport number is not masked"
end

begin "build: CJK labels on the cover and index print with ink"
cd "$BUNDLE"
# Each label's box, rendered: blank boxes mean dropped glyphs.
for spec in '1 患者' '1 发票' '1 示例联合医院' '1 约翰·史密斯' '2 目录' \
    '2 出院小结' '2 检验报告' '2 费用清单' '2 翻译件' '2 病历资料'; do
	set -- $spec
	box=$(words "$1" | awk -v t="$2" '$5 == t { print; exit }')
	[ -n "$box" ] || { fail "page $1: no word $2"; continue; }
	set -- $1 $box
	pdftoppm -gray -r 144 -f "$1" -l "$1" -x "$(awk -v v="$2" 'BEGIN{printf "%d", v*2}')" \
	    -y "$(awk -v v="$3" 'BEGIN{printf "%d", v*2}')" \
	    -W "$(awk -v a="$2" -v b="$4" 'BEGIN{printf "%d", (b-a)*2+1}')" \
	    -H "$(awk -v a="$3" -v b="$5" 'BEGIN{printf "%d", (b-a)*2+1}')" \
	    out.pdf glyph 2>/dev/null
	ink=$("$INK" glyph-*.pgm 2>/dev/null)
	rm -f glyph-*.pgm
	n=$(printf '%s' "$6" | wc -m)
	[ "${ink:-0}" -ge $((n * 20)) ] || fail "\"$6\" on page $1 prints (almost) blank: $ink dark pixels"
done
end

begin "build: the manifest and the check report are attached"
cd "$BUNDLE"
qpdf --list-attachments out.pdf > att 2>&1
grep -q '^manifest.json' att || fail "no manifest.json"
grep -q '^check-report.json' att || fail "no check-report.json"
qpdf --show-attachment=manifest.json out.pdf | grep -q '"reference": "CG-E2E-1"' ||
    fail "manifest.json lacks the reference"
qpdf --show-attachment=check-report.json out.pdf | grep -q '"ok":true' ||
    fail "check-report.json is not the report"
! grep -aq "$BUNDLE" out.pdf || fail "the bundle holds the absolute path $BUNDLE"
end

begin "build: the cover's QR code holds the bundle fingerprint"
cd "$BUNDLE"
pdftoppm -png -r 150 -f 1 -l 1 out.pdf qr 2>/dev/null
qr=$(zbarimg -q --raw qr-*.png 2>/dev/null | grep '^claimpack:')
# The fingerprint, computed here as docs/bundle.md defines it: the
# manifest, then each file in manifest order as "path" NUL bytes.
want=$({ cat claim.yaml
	for f in billing/receipt.pdf billing/expenses.pdf records/photo.jpg \
	    records/scan.png reports/lab.pdf reports/ct.pdf imaging/a.dcm \
	    imaging/b.dcm records/tr.pdf; do
		printf '%s\0' "$f"; cat "$f"
	done; } | sha256sum | cut -d' ' -f1)
[ "$qr" = "claimpack:1;ref=CG-E2E-1;sha256=$want" ] || fail "QR holds \"$qr\", expected sha256 $want"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | tr -d '\n' | grep -q "$(echo "$want" | cut -c1-32)" ||
    fail "the cover does not print the fingerprint"
# No other QR code: this fiscal receipt has no QR text of its own in the
# manifest, and claimpack makes none up; the fields to type are printed.
n=$(zbarimg -q --raw qr-*.png 2>/dev/null | grep -c .)
[ "$n" -eq 1 ] || fail "$n QR codes on the cover, expected the fingerprint's alone"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | tr '\n' ' ' |
    grep -q 'code 11060126, number 0012345678, check code' ||
    fail "the cover lacks the fields to type"
end

begin "build: the cover prints the paper's own QR text, exactly"
cd "$BUNDLE"
url='https://www.chinaebill.cn/eips-wxapp-service/d?t=504&a=31PZV5IKDl&d=11060126_0012345678_a1b2c3_12850.40_20261009&s=1FE6A108DE'
# (sed takes & in a replacement for the match: escape it.)
esc=$(printf '%s' "$url" | sed 's/[&|]/\\&/g')
sed "s|check_code: \"a1b2c3\"}|check_code: \"a1b2c3\", qr: \"$esc\"}|" claim.yaml > qr.yaml
grep -qF "$url" qr.yaml || fail "the fixture did not take the QR text"
run check --json qr.yaml; expect_status 0
expect_no_finding invoice-qr-mismatch
run cover qr.yaml -o qrcover.pdf; expect_status 0
pdftoppm -png -r 150 -f 1 -l 1 qrcover.pdf qrc 2>/dev/null
zbarimg -q --raw qrc-*.png 2>/dev/null | grep -qxF "$url" ||
    fail "the cover does not carry the paper's QR text"
end

begin "build: no progress lines when stderr is not a terminal"
cd "$BUNDLE"
run build claim.yaml -o quiet.pdf; expect_status 0
[ ! -s err ] || fail "stderr: $(cat err)"
end

begin "build: a progress line per document on a terminal"
cd "$BUNDLE"
# script(1) gives the build a terminal for stderr.
script -qec "$CLAIMPACK build claim.yaml -o tty.pdf" /dev/null > tty.log 2>&1
grep -q '\[1/7\] Discharge summary · 2 pages' tty.log || fail "no progress line: $(head -3 tty.log)"
grep -q '\[7/7\] Translation of #1 Discharge summary · 1 page' tty.log || fail "no last progress line"
script -qec "$CLAIMPACK build claim.yaml -o tty.pdf --quiet" /dev/null > tty.log 2>&1
! grep -q '\[1/7\]' tty.log || fail "--quiet printed progress"
end

begin "build: rotate turns a file's pages clockwise, a PDF's by /Rotate, a photo's on its page"
build_claim
# A landscape photo without EXIF: the stored picture, on a 3 x 3 grid,
# is ### / #.. / ... (images.sh); turned a quarter clockwise it shows
# .## / ..# / ..#, upright on its page.
make_photo records/land.jpg none 600 400
sed -i 's|files: \[reports/lab.pdf\]|files: [{path: reports/lab.pdf, rotate: 90}]|; s|files: \[reports/ct.pdf\]|files: [{path: reports/ct.pdf, rotate: 270}, {path: records/land.jpg, rotate: 90}]|' claim.yaml
run build claim.yaml -o out.pdf; expect_status 0
"$INSPECT" out.pdf > facts
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
# The lab report's page 1 was turned 90 already: now 180.
for line in 'page 5 rotate 180 box 0 0 595 842' 'page 6 rotate 90 box 0 0 595 842' \
    'page 7 rotate 270 box 0 0 595 842' 'page 8 rotate 0 box 0 0 595.28 841.89'; do
	grep -qx "$line" facts || fail "not $line: $(grep "^${line% rotate*} " facts)"
done
pdftotext -f 5 -l 5 out.pdf - 2>/dev/null | grep -q 'Fixture page 1' || fail "page 5 lost its text"
# The photo, 192 x 288 points centred on its page: its top left ninth
# light, its top right ninth dark, and so down the page.
for spec in '202 280 0' '332 280 dark' '202 480 0' '332 480 dark'; do
	set -- $spec
	pdftoppm -gray -r 72 -f 8 -l 8 -x "$1" -y "$2" -W 60 -H 80 out.pdf cell 2>/dev/null
	ink=$("$INK" cell-*.pgm)
	rm -f cell-*.pgm
	if [ "$3" = dark ]; then
		[ "$ink" -gt 4000 ] || fail "the photo's cell at $1,$2 is not dark: $ink"
	else
		[ "$ink" -eq 0 ] || fail "the photo's cell at $1,$2 is not light: $ink"
	fi
done
# Each stamp at the foot of its page as it is read.
for p in 5 6 7 8; do
	set -- $(page_size $p)
	w=$1; h=$2
	if grep -q "^page $p rotate \(90\|270\) " facts; then
		w=$2; h=$1
	fi
	line=$(words $p | awk -v want="$((p - 2))/10" '$5 == want' | tail -n 1)
	[ -n "$line" ] || { fail "page $p: no stamp"; continue; }
	set -- $line
	awk -v y="$4" -v h="$h" 'BEGIN { exit !(y > h - 30 && y <= h) }' ||
	    fail "page $p: stamp at ($1,$2)-($3,$4) on a ${w}x${h} page"
done
end

begin "build: SIGINT or SIGTERM leaves no partial or temporary file"
build_claim
# Wherever the signal lands, there is either no bundle or a whole one,
# and never a temporary file.
for sig in INT TERM INT TERM; do
	rm -f sig.pdf
	"$CLAIMPACK" build claim.yaml -o sig.pdf -q 2>/dev/null &
	pid=$!
	kill -$sig $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ -z "$(ls -A | grep '^\.sig\.pdf')" ] || fail "SIG$sig left $(ls -A | grep sig)"
	if [ -e sig.pdf ]; then
		qpdf --check sig.pdf > /dev/null 2>&1 || fail "SIG$sig left a broken sig.pdf"
	fi
done
end

begin "build: text the font cannot draw is a warning, printed as '?'"
build_claim
sed -i 's|insurer: Example Insurer|insurer: "Example ሰ Insurer"|' claim.yaml
run build claim.yaml -o out.pdf; expect_status 0
expect_err "U+1230"; expect_err "claim.insurer"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | grep -q 'Example ? Insurer' || fail "no '?' in its place"
end

begin "build: SOURCE_DATE_EPOCH fixes the date when prepared is not given"
build_claim
sed -i '/prepared:/d' claim.yaml
SOURCE_DATE_EPOCH=1795000000 "$CLAIMPACK" build claim.yaml -o one.pdf -q
sleep 1
SOURCE_DATE_EPOCH=1795000000 "$CLAIMPACK" build claim.yaml -o two.pdf -q
cmp -s one.pdf two.pdf || fail "two builds differ"
pdftotext -f 1 -l 1 one.pdf - 2>/dev/null | grep -q '2026-11-18' || fail "the cover is not dated from SOURCE_DATE_EPOCH"
end

begin "build: two builds are byte-identical"
build_claim
run build claim.yaml -o one.pdf --quiet; expect_status 0
run build claim.yaml -o two.pdf --quiet; expect_status 0
cmp -s one.pdf two.pdf || fail "two builds differ"
[ ! -s out ] || fail "--quiet printed: $(cat out)"
end

begin "build: default output is the manifest's name in the current folder"
build_claim
mkdir elsewhere && cd elsewhere && "$CLAIMPACK" build ../claim.yaml --quiet && cd ..
[ -f elsewhere/claim.pdf ] || fail "no elsewhere/claim.pdf"
end

begin "build: check errors build nothing (exit 1); --force builds with a red box"
build_claim
sed -i '0,/amount: 12850.40/s//amount: 100.00/' claim.yaml
run build claim.yaml -o out.pdf; expect_status 1
[ ! -e out.pdf ] || fail "a bundle was written despite errors"
expect_err "total-mismatch"; expect_err "--force"
run build claim.yaml -o out.pdf --force; expect_status 0
[ -f out.pdf ] || fail "--force wrote nothing"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | grep -q 'Failed checks' || fail "no failed-checks box"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | grep -q 'total-mismatch' || fail "the box lacks the check"
end

begin "build: --force with an image-broken error crosses out Files on the cover"
build_claim
# A JPEG cut short: image-broken, an error of the Files family, which the
# cover once left ticked green above "1 error".
head -c 2000 records/photo.jpg > x && mv x records/photo.jpg
run build claim.yaml -o out.pdf --force; expect_status 0
expect_err "built despite 1 failed check"
pdftotext -layout -f 1 -l 1 out.pdf cover.txt 2>/dev/null
grep -q 'image-broken' cover.txt || fail "the red box lacks image-broken"
grep -q 'Files 文件  *1 error' cover.txt ||
    fail "Files is not crossed out: $(grep 'Files 文件' cover.txt)"
# The family grid (its two rows) counts the one error once, under Files.
n=$(grep -e 'Files 文件' -e 'Totals 金额' cover.txt | grep -o 'error' | wc -l)
[ "$n" -eq 1 ] || fail "the family grid shows $n errors, not 1"
end

begin "build: a failing build leaves no file and no temporary file"
build_claim
printf '%%PDF-1.4 broken' > reports/ct.pdf
# A disk that fills while the bundle is written (a few blocks).
(ulimit -f 4; "$CLAIMPACK" build claim.yaml -o out.pdf --force > out 2> err)
STATUS=$?
expect_status 2
[ -z "$(ls -A | grep -e '^out.pdf$' -e '^\.out.pdf')" ] || fail "left: $(ls -A | grep out)"
run build claim.yaml -o missing-folder/out.pdf --force; expect_status 2
end

begin "build --force: files check refused stand in as pages that say so"
build_claim
mkdir tmp
# A JPEG cut short, a PDF that cannot be parsed, a PDF of two pages gone
# missing (the build never learns its pages: one stands in).
head -c 2000 records/photo.jpg > x && mv x records/photo.jpg
printf '%%PDF-1.4 broken' > reports/ct.pdf
rm billing/expenses.pdf
run build claim.yaml -o out.pdf; expect_status 1
[ ! -e out.pdf ] || fail "built without --force"
TMPDIR=$T/tmp "$CLAIMPACK" build claim.yaml -o out.pdf --force > out 2> err
STATUS=$?
expect_status 0
expect_err "built despite 3 failed checks"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
[ -z "$(ls -A tmp)" ] || fail "left in TMPDIR: $(ls -A tmp)"
[ -z "$(ls -A | grep -e '^\.out.pdf')" ] || fail "left: $(ls -A | grep out)"
# A page each: 11 pages as whole, one less for the missing expense list.
[ "$(pdfinfo out.pdf | awk '/^Pages:/ { print $2 }')" -eq 10 ] ||
    fail "$(pdfinfo out.pdf | awk '/^Pages:/ { print $2 }') pages, not 10"
# Each stands on its own page(s), stamped, naming the file and why.
page_text() { pdftotext -f "$1" -l "$1" out.pdf - 2>/dev/null; }
stands_in() {
	page_text "$1" > page.txt
	grep -qF "This page could not be included" page.txt ||
	    fail "page $1 is not a placeholder: $(head -3 page.txt)"
	grep -qF "File: $2" page.txt || fail "page $1 does not name $2"
	grep -qF "$3" page.txt || fail "page $1 does not say: $3"
	grep -qF "send a new copy" page.txt || fail "page $1 asks for nothing"
	grep -qF "$4" page.txt || fail "page $1 is not stamped $4"
}
stands_in 3 records/photo.jpg "cut short" "Discharge summary · p. 1/"
stands_in 7 reports/ct.pdf "cannot be read as a PDF" "Imaging report · p."
stands_in 9 billing/expenses.pdf "cannot be read" "Itemized expense list · p."
# The PNG and the other PDFs are as they were.
page_text 4 | grep -q "could not be included" && fail "page 4 stood in"
page_text 5 | grep -qF "Fixture page 1" || fail "page 5 lost its text"
# The cover lists the three errors.
pdftotext -f 1 -l 1 out.pdf cover.txt 2>/dev/null
for id in image-broken pdf-broken file-missing; do
	grep -q "$id" cover.txt || fail "the cover does not list $id"
done
end

begin "build: refuses to overwrite an input, which stays unchanged"
build_claim
before=$(cksum < billing/receipt.pdf)
run build claim.yaml -o billing/receipt.pdf; expect_status 2
expect_err "one of the claim's files"
[ "$(cksum < billing/receipt.pdf)" = "$before" ] || fail "the input changed"
run build claim.yaml -o claim.yaml; expect_status 2
end

begin "build: --paper letter and --full-passport"
build_claim
run build claim.yaml -o out.pdf --paper letter --full-passport; expect_status 0
"$INSPECT" out.pdf | grep -qx 'page 1 rotate 0 box 0 0 612 792' || fail "cover is not Letter"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | grep -q 'P12345678' || fail "passport not in full"
run build claim.yaml -o out.pdf --paper a3; expect_status 2
end

begin "build --max-size: photos recompressed to fit, still at 150 dpi"
build_claim
make_noise_photo records/photo.jpg 1200 1600
run build claim.yaml -o big.pdf -q; expect_status 0
[ "$(wc -c < big.pdf)" -gt 600000 ] || fail "the fixture is already small"
run build claim.yaml -o out.pdf --max-size 600K; expect_status 0
[ "$(wc -c < out.pdf)" -le 600000 ] || fail "out.pdf is $(wc -c < out.pdf) bytes"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
# The photo still decodes, at no less than 150 dpi where it is shown.
pdfimages -list out.pdf 2>/dev/null | awk '$1 == 3 && $3 == "image" { print $13 }' > ppi
[ -s ppi ] || fail "no image on page 3"
[ "$(cat ppi)" -ge 150 ] || fail "the photo is at $(cat ppi) ppi"
pdftoppm -r 20 -f 3 -l 3 out.pdf page 2> render.err; [ ! -s render.err ] || fail "page 3 does not render: $(cat render.err)"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | grep -q 'recompressed to fit 0.6 MB' || fail "the cover does not say so"
[ "$(cksum < records/photo.jpg)" = "$(make_noise_photo x.jpg 1200 1600; cksum < x.jpg)" ] || fail "the input photo changed"
end

begin "build --max-size: a cap that cannot be met writes nothing, exit 1"
build_claim
make_noise_photo records/photo.jpg 1200 1600
run build claim.yaml -o out.pdf --max-size 50K; expect_status 1
[ ! -e out.pdf ] || fail "wrote out.pdf"
[ -z "$(ls -A | grep '^\.out\.pdf')" ] || fail "left a temporary file"
expect_err "over the 50 KB limit"; expect_err "#1 Discharge summary (discharge)"
run build claim.yaml -o out.pdf --max-size lots; expect_status 2
end

begin "build --split: parts under the size that together hold every page once"
build_claim
make_noise_photo records/photo.jpg 600 800
make_noise_photo reports/scan.jpg 600 800
sed -i 's|files: \[reports/ct.pdf\]|files: [reports/ct.pdf, reports/scan.jpg]|' claim.yaml
run build claim.yaml -o out.pdf --split 700K; expect_status 0
n=$(ls out-part*.pdf 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || fail "expected several parts, got $n"
[ ! -e out.pdf ] || fail "wrote out.pdf too"
: > docs.seen
for f in out-part*.pdf; do
	[ "$(wc -c < "$f")" -le 700000 ] || fail "$f is $(wc -c < "$f") bytes"
	qpdf --check "$f" > /dev/null 2>&1 || fail "$f: qpdf --check fails"
	expect_out "$f"
	k=$(echo "$f" | sed 's/out-part\([0-9]*\).pdf/\1/')
	pdftotext -f 1 -l 1 "$f" - 2>/dev/null | grep -q "Part $k of $n" || fail "$f: no 'Part $k of $n'"
	"$INSPECT" "$f" > facts
	# Pages: cover, index, then this part's document pages, each once.
	pages=$(sed -n 's/^pages //p' facts)
	docpages=$(grep -c '^label [0-9]* [0-9]*$' facts)
	[ $((pages - docpages)) -eq 2 ] || fail "$f: $pages pages, $docpages document pages"
	sed -n 's/^outline 1 [0-9]* \([0-9]*\) · .*/\1/p' facts >> docs.seen
	echo "$docpages" >> pages.seen
done
# Every printed document once, in order, across the parts; all pages.
[ "$(tr '\n' ' ' < docs.seen)" = "1 2 3 4 5 6 7 " ] || fail "documents across parts: $(tr '\n' ' ' < docs.seen)"
[ "$(awk '{ s += $1 } END { print s }' pages.seen)" -eq 10 ] || fail "document pages across parts: $(cat pages.seen)"
pdftotext -layout -f 2 -l 2 out-part2.pdf - 2>/dev/null | grep -q 'part 1' || fail "part 2's index does not say where document 1 is"
end

begin "build --split: a document larger than a part writes nothing"
build_claim
make_noise_photo records/photo.jpg 1200 1600
run build claim.yaml -o out.pdf --split 500K; expect_status 1
expect_err "more than fits in a part"
[ -z "$(ls -A | grep -e '^out-part' -e '^\.out')" ] || fail "left: $(ls -A | grep out-)"
end

begin "cover: the cover sheet alone"
build_claim
run cover claim.yaml -o cover.pdf; expect_status 0
"$INSPECT" cover.pdf > facts
grep -qx 'pages 1' facts || fail "cover.pdf has $(head -1 facts)"
pdftotext cover.pdf - 2>/dev/null | grep -q 'SMITH, John Alexander' || fail "no patient name"
qpdf --check cover.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
end

begin "build: interrupted at any moment, nothing of the claim is left anywhere"
build_claim
# A claim large enough to interrupt: a dozen photos (JPEG pages are
# written to temporary files, PNGs drawn by libharu into them).
files=""
i=1
while [ $i -le 12 ]; do
	make_noise_photo records/p$i.jpg 900 1200
	make_png_alpha records/s$i.png
	files="$files, records/p$i.jpg, records/s$i.png"
	i=$((i + 1))
done
sed -i "s|files: \[records/photo.jpg, records/scan.png\]|files: [records/photo.jpg, records/scan.png$files]|" claim.yaml
mkdir -p tmp out
# At several moments of a build, plain and fitting a size limit (which
# writes recompressed copies of the photos too), by SIGINT and SIGTERM.
for delay in 0.02 0.1 0.2 0.35 0.5 0.8 1.2 2; do
	for how in plain fit; do
		rm -rf tmp/* tmp/.[!.]* out/* out/.[!.]* 2>/dev/null
		case $how in
		plain) set -- ;;
		fit) set -- --max-size 2500K ;;
		esac
		TMPDIR=$T/tmp "$CLAIMPACK" build claim.yaml -o out/big.pdf -q "$@" 2>/dev/null &
		pid=$!
		sleep $delay
		case $delay in 0.2|0.8) sig=TERM ;; *) sig=INT ;; esac
		kill -$sig $pid 2>/dev/null
		wait $pid 2>/dev/null
		left=$(ls -A tmp)
		[ -z "$left" ] || fail "SIG$sig after ${delay}s ($how) left in TMPDIR: $left"
		left=$(ls -A out | grep -vx 'big.pdf')
		[ -z "$left" ] || fail "SIG$sig after ${delay}s ($how) left beside the output: $left"
		if [ -e out/big.pdf ]; then
			qpdf --check out/big.pdf > /dev/null 2>&1 || fail "SIG$sig after ${delay}s ($how) left a broken bundle"
		fi
	done
done
# And a build left alone leaves only its bundle.
TMPDIR=$T/tmp "$CLAIMPACK" build claim.yaml -o out/big.pdf -q --max-size 2500K 2>/dev/null
[ -z "$(ls -A tmp)" ] || fail "a finished build left in TMPDIR: $(ls -A tmp)"
[ "$(ls -A out)" = "big.pdf" ] || fail "a finished build left: $(ls -A out)"
end

begin "build: the cover lists the transliterated spellings found (name-transliterated)"
build_claim
sed -i 's|^  name: "SMITH, John Alexander"|  name: "MÜLLER, Jürgen"|; s|^    name: .*|    name: "MUELLER JUERGEN"|' claim.yaml
make_dicom imaging/a.dcm "MUELLER^JUERGEN"
make_dicom imaging/b.dcm "MUELLER^JUERGEN"
run build claim.yaml -o out.pdf; expect_status 0
pdftotext -f 1 -l 1 out.pdf cover.txt 2>/dev/null
grep -qF 'MÜLLER, Jürgen' cover.txt || fail "the cover lacks the passport name"
# Under "Also written", after the alias, the spelling once (the box
# may wrap it).
tr '\n' ' ' < cover.txt > flat.txt
grep -qF '约翰·史密斯, MUELLER JUERGEN' flat.txt || fail "the cover does not list MUELLER JUERGEN after the alias"
[ "$(grep -o 'MUELLER JUERGEN' flat.txt | wc -l)" -eq 1 ] || fail "the spelling is listed $(grep -o 'MUELLER JUERGEN' flat.txt | wc -l) times"
end

begin "build: many aliases and a transliterated spelling all show whole on the cover"
build_claim
sed -i 's|^  name: "SMITH, John Alexander"|  name: "NGUYỄN, Thị Minh"|; s|^    name: .*|    name: "NGUYEN THI MINH"|' claim.yaml
make_dicom imaging/a.dcm "NGUYEN^THI MINH"
make_dicom imaging/b.dcm "NGUYEN^THI MINH"
sed -i 's|^  aliases: .*|  aliases: ["阮氏明", "Нгуен Тхи Минь", "응우옌 티 민", "グエン・ティ・ミン", "Nguyen Thi Minh Anh"]|' claim.yaml
run build claim.yaml -o out.pdf; expect_status 0
pdftotext -f 1 -l 1 out.pdf cover.txt 2>/dev/null
tr '\n' ' ' < cover.txt > flat.txt
for s in 阮氏明 'Нгуен Тхи Минь' '응우옌 티 민' 'NGUYEN THI MINH'; do
	grep -qF "$s" flat.txt || fail "the cover cuts off or lacks $s"
done
grep -qF '...' flat.txt && fail "the cover cut a spelling off with an ellipsis"
end

begin "build: one warning per character the font cannot draw, however often drawn"
build_claim
# 70 Ethiopic letters (U+1200 to U+1245), in none of the fonts, in
# the claim reference: printed on the cover, the index and every stamp.
letters=""
i=0
while [ $i -lt 70 ]; do
	letters=$letters$(printf "\\341\\$(printf %o $((136 + i / 64)))\\$(printf %o $((128 + i % 64)))")
	i=$((i + 1))
done
sed -i "s|reference: CG-E2E-1|reference: \"CG-$letters\"|" claim.yaml
run build claim.yaml -o out.pdf; expect_status 0
grep "has no glyph in the bundle's fonts" err > warnings
[ "$(grep -c 'U+1245 in page stamp' warnings)" -eq 1 ] || fail "$(grep -c 'U+1245 in page stamp' warnings) warnings for U+1245 on ten stamps"
[ "$(grep -c 'U+1200 in claim.reference has' warnings)" -eq 1 ] || fail "no single warning for U+1200 on the cover"
[ -z "$(sort warnings | uniq -d)" ] || fail "repeated warnings: $(sort warnings | uniq -d | head -2)"
[ "$(grep -c 'in page stamp' warnings)" -eq 70 ] || fail "$(grep -c 'in page stamp' warnings) stamp warnings for 70 characters"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
