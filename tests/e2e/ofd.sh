#!/bin/sh
# ofd.sh CLAIMPACK INK - OFD e-invoices in the bundle.
#
# The two real OFDs of tests/corpus/einvoice/ build into bundles whose
# invoice page reads back, with pdftotext, the invoice number, date,
# buyer, seller and total; whose table lines leave ink where the OFD
# draws them; and whose QR code zbarimg reads back equal to the OFD's.
# Broken OFDs made by tests/e2e/mkofd.c (truncated, a ZIP bomb, a path
# leaving the archive, entity expansion, a missing page, a million
# pages, nesting 100000 deep, no pages) are ofd-broken: check and build
# exit 1 within a time limit, write nothing and never crash.  An OFD
# whose image resource is missing is ofd-broken too, one with a video
# ofd-partial; under --force both build, drawing the rest.
#
# Needs a C compiler with libzip (mkofd.c), qpdf, poppler-utils and
# zbar-tools.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
INK=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-ofd.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"

MKOFD=$WORK/.mkofd
# shellcheck disable=SC2046
${CC:-cc} -o "$MKOFD" "$ROOT/tests/e2e/mkofd.c" \
    $(pkg-config --cflags --libs libzip) || exit 2
EINVOICE=$ROOT/tests/corpus/einvoice

# ofd_claim OFD DATE AMOUNT 'INVOICE': an outpatient claim in ./claim.yaml
# whose fapiao is billing/fapiao.ofd (a copy of OFD) of DATE and AMOUNT,
# with an expense list and an outpatient record that agree.
ofd_claim() {
	mkdir -p billing records
	cp "$1" billing/fapiao.ofd
	make_pdf billing/expenses.pdf "Expenses"
	make_pdf records/visit.pdf "Outpatient record"
	cat > claim.yaml <<YAML
claimpack: 1
claim:
  purpose: reimbursement
  reference: CG-OFD-1
  prepared: $2
patient:
  name: "SMITH, John Alexander"
  passport: "P12345678"
  birth_date: 1984-03-09
episodes:
  - id: visit
    kind: outpatient
    hospital: Example Union Hospital
    start: $2
documents:
  - id: fapiao
    type: fapiao
    files: [billing/fapiao.ofd]
    date: $2
    name: "SMITH JOHN ALEXANDER"
    amount: $3
    invoice: $4
  - id: expenses
    type: expense_list
    files: [billing/expenses.pdf]
    date: $2
    name: "SMITH JOHN ALEXANDER"
    amount: $3
  - id: visit
    type: outpatient_record
    files: [records/visit.pdf]
    date: $2
    name: "SMITH JOHN ALEXANDER"
YAML
}

# invoice_page PDF: the number of the bundle's page that is the
# fapiao's (the first page after the cover and the index).
invoice_page() {
	qpdf --show-npages "$1" >/dev/null 2>&1 || return 1
	pdftotext -layout "$1" - 2>/dev/null | awk 'BEGIN { RS = "\f" }
	    /发票号码|票据号码/ && !/Index|目录/ { print NR; exit }'
}

# expect_ink PDF PAGE X Y W H: the area (in pixels at 72 dpi) of the
# page has ink.
expect_ink() {
	pdftoppm -gray -r 72 -f "$2" -l "$2" -x "$3" -y "$4" -W "$5" -H "$6" \
	    "$1" strip >/dev/null 2>&1
	_ink=$("$INK" strip*.pgm 2>/dev/null)
	rm -f strip*.pgm
	[ "${_ink:-0}" -gt "$(( $5 / 2 ))" ] ||
	    fail "no line in $3,$4 ${5}x$6 of page $2 (ink ${_ink:-none})"
}

# expect_invoice_page QR TEXT...: out.pdf has an invoice page showing
# each TEXT and the QR code QR; its picture is kept as ./page.png.
expect_invoice_page() {
	qr=$1
	shift
	page=$(invoice_page out.pdf)
	if [ -z "$page" ]; then
		fail "no page of out.pdf shows an invoice number"
		return
	fi
	pdftotext -f "$page" -l "$page" out.pdf page.txt 2>/dev/null
	for s in "$@"; do
		grep -qF -- "$s" page.txt || fail "page $page lacks \"$s\""
	done
	pdftoppm -r 150 -png -f "$page" -l "$page" -singlefile out.pdf page \
	    >/dev/null 2>&1
	zbarimg -q --raw page.png > codes 2>/dev/null
	grep -qxF -- "$qr" codes || fail "zbarimg does not read \"$qr\" off page $page (read: $(cat codes))"
	qpdf --check out.pdf >/dev/null 2>&1 || fail "qpdf --check fails"
}

VAT_QR='01,10,033002000211,83089647,510.68,20200723,16197833567414507415,0941,'
SD_QR='01,31,,24322000000489101796,20000.00,20241205,,BBBB'

begin "build: the VAT e-invoice OFD is drawn with its text, table and QR code"
ofd_claim "$EINVOICE/ofdrw-1.ofd" 2020-07-23 526.00 \
    '{kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}'
run check --json claim.yaml; expect_status 0
expect_no_finding ofd-broken
expect_no_finding ofd-partial
expect_finding ofd-signed fapiao
run build claim.yaml -o out.pdf -q; expect_status 0
expect_invoice_page "$VAT_QR" 83089647 033002000211 "2020年07月23日" \
    江苏京利华新材料有限公司 兰溪市悦济舫餐厅 526.00 510.68 15.32 \
    16197
# The table's frame: a line 201 mm long at 52 mm from the top... of
# a 210 x 140 mm page, at 72 dpi (2.835 px/mm).
expect_ink out.pdf "$page" 40 147 480 3
cp page.png vat.png
end

begin "build: the 数电 OFD is drawn with its text, table, QR code and seal"
ofd_claim "$EINVOICE/erma0-sd-20241205.ofd" 2024-12-05 20000.00 \
    '{number: "24322000000489101796"}'
run check --json claim.yaml; expect_status 0
expect_no_finding ofd-broken
expect_no_finding ofd-signed
run build claim.yaml -o out.pdf -q; expect_status 0
expect_invoice_page "$SD_QR" 24322000000489101796 "2024年12月05日" \
    无锡天鹏菜篮子工程有限公司 无锡爱尔拓燃气技术设备有限公司 20000.00 \
    17699.12 2300.88 贰万圆整
expect_ink out.pdf "$page" 40 84 480 3
end

begin "build: the same OFD claim builds byte-identical bundles"
ofd_claim "$EINVOICE/ofdrw-1.ofd" 2020-07-23 526.00 \
    '{kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}'
run build claim.yaml -o a.pdf -q; expect_status 0
run build claim.yaml -o b.pdf -q; expect_status 0
cmp -s a.pdf b.pdf || fail "two builds differ"
cmp -s billing/fapiao.ofd "$EINVOICE/ofdrw-1.ofd" || fail "the OFD changed"
end

# expect_broken KIND REASON: the OFD mkofd makes for KIND (or the file
# ./bad.ofd when KIND is "-") is ofd-broken for REASON, in check and
# build, within 60 s, and no bundle is written.
expect_broken() {
	ofd_claim "$EINVOICE/ofdrw-1.ofd" 2020-07-23 526.00 \
	    '{kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}'
	if [ "$1" = - ]; then
		cp bad.ofd billing/fapiao.ofd
	else
		"$MKOFD" "$1" billing/fapiao.ofd || { fail "mkofd $1"; return; }
	fi
	"$CLAIMPACK" check --json claim.yaml >out 2>err &
	pid=$!
	( sleep 60; kill -9 $pid 2>/dev/null ) &
	watch=$!
	wait $pid
	STATUS=$?
	kill $watch 2>/dev/null
	expect_status 1
	expect_finding ofd-broken fapiao
	expect_out "$2"
	mkdir -p tmp
	TMPDIR=$T/tmp timeout 60 "$CLAIMPACK" build claim.yaml -o out.pdf \
	    >out 2>err
	STATUS=$?
	expect_status 1
	[ ! -e out.pdf ] || fail "build wrote a bundle from a broken OFD"
	[ -z "$(ls -A tmp)" ] || fail "build left files in TMPDIR: $(ls -A tmp)"
}

begin "check: a truncated OFD is ofd-broken"
head -c 3000 "$EINVOICE/ofdrw-1.ofd" > bad.ofd
expect_broken - "fapiao.ofd"
end

for kind in "bomb:larger than" "slip:outside the archive" \
    "entities:document type" "nopage:missing" "manypages:fapiao.ofd" \
    "toomany:1001 pages" "deep:fapiao.ofd" "nopages:no pages"; do
	begin "check: an OFD made as '${kind%%:*}' is ofd-broken"
	expect_broken "${kind%%:*}" "${kind#*:}"
	end
done

begin "check: a ZIP that is not an OFD is ofd-broken, saying so"
expect_broken notofd "not an OFD"
end

for kind in "noimage:ofd-broken:image Doc_0/Res/missing.png, which is missing" \
    "video:ofd-partial:VideoObject"; do
	name=${kind%%:*}
	rest=${kind#*:}
	begin "build: an OFD with a '$name' is ${rest%%:*}; --force draws the rest"
	ofd_claim "$EINVOICE/ofdrw-1.ofd" 2020-07-23 526.00 '{number: "83089647"}'
	"$MKOFD" "$name" billing/fapiao.ofd || fail "mkofd"
	run check --json claim.yaml
	expect_finding "${rest%%:*}" fapiao
	expect_out "${rest#*:}"
	run build claim.yaml -o out.pdf -q --force
	[ -s out.pdf ] || fail "no bundle"
	pdftotext out.pdf - 2>/dev/null | grep -qF "TOTAL 1234.56" ||
	    fail "the rest of the page is not drawn"
	end
done

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
