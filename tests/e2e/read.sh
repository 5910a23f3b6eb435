#!/bin/sh
# read.sh CLAIMPACK - `claimpack read` gives the true fields of real and
# made-up papers (the shared OFD e-invoices, a PDF whose QR code is drawn
# as vector paths, a raster-only scan, a rotated 12-megapixel phone
# photo), broken ones give one clear problem and exit 1, and `check`
# compares the typed facts with those read: invoice-read-mismatch when
# one typed digit differs, quiet when the facts are right.
#
# Needs a C compiler with libharu, libqrencode, libjpeg and libpng
# (tests/e2e/mkqrpaper.c and mkqrphoto.c are compiled here) and qpdf.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-read.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

MKPAPER=$WORK/.mkqrpaper
MKPHOTO=$WORK/.mkqrphoto
${CC:-cc} -o "$MKPAPER" "$ROOT/tests/e2e/mkqrpaper.c" -lhpdf -lqrencode \
    -ljpeg -lm || exit 2
# shellcheck disable=SC2046
${CC:-cc} -o "$MKPHOTO" "$ROOT/tests/e2e/mkqrphoto.c" \
    $(pkg-config --cflags --libs libqrencode libpng libturbojpeg) || exit 2
EINVOICE=$ROOT/tests/corpus/einvoice

VAT_QR='01,10,033002000211,83089647,510.68,20200723,16197833567414507415,0941,'
FISCAL_QR='https://www.chinaebill.cn/eips-wxapp-service/d?t=504&a=31PZV5IKDl&d=45060122_0185821908_07892e_236.21_20230306&s=1FE6A108DE'
# The fapiao of the base claim as a VAT e-invoice of its stay: 12123.02
# before tax is 12850.40 with 6% VAT.
STAY_QR='01,10,033002000211,83089647,12123.02,20261009,16197833567414507415,0941,'

# expect_json TEXT...: stdout has each fixed string.
expect_json() {
	for s in "$@"; do
		expect_out "$s"
	done
}

begin "read: the VAT e-invoice OFD gives its true fields"
run read --json "$EINVOICE/ofdrw-1.ofd"; expect_status 0
expect_json '"format":"ofd"' '"type":"fapiao"' '"kind":"vat"' \
    '"code":"033002000211"' '"number":"83089647"' '"date":"2020-07-23"' \
    '"amount":"526.00"' '"amount_before_tax":"510.68"' \
    '"check_code":"16197833567414507415"' "\"qr\":\"$VAT_QR\"" \
    '"buyer":"江苏京利华新材料有限公司"' '"seller":"兰溪市悦济舫餐厅"'
end

begin "read: the 数电 OFD without XML gives its true fields"
run read --json "$EINVOICE/erma0-sd-20241205.ofd"; expect_status 0
expect_json '"number":"24322000000489101796"' '"date":"2024-12-05"' \
    '"amount":"20000.00"' '"amount_before_tax":"17699.12"' \
    '"qr":"01,31,,24322000000489101796,20000.00,20241205,,BBBB"' \
    '"buyer":"无锡天鹏菜篮子工程有限公司"' \
    '"seller":"无锡爱尔拓燃气技术设备有限公司"'
expect_no_out '"code":'
expect_no_out '"check_code":'
end

begin "read: a PDF whose QR code is drawn as vector paths"
"$MKPAPER" vector vat.pdf "$VAT_QR" 033002000211 83089647 \
    '2020年07月23日' 16197833567414507415 张三 526.00 || fail "mkqrpaper"
run read --json vat.pdf; expect_status 0
expect_json '"format":"pdf"' '"pages":1' "\"qr\":\"$VAT_QR\"" \
    '"code":"033002000211"' '"number":"83089647"' '"date":"2020-07-23"' \
    '"amount_before_tax":"510.68"' '"amount":"526.00"' \
    '"check_code":"16197833567414507415"' '"qr":"qr"'
end

begin "read: a raster-only scan whose QR code is in the page image"
"$MKPAPER" scan fiscal.pdf "$FISCAL_QR" || fail "mkqrpaper"
run read --json fiscal.pdf; expect_status 0
expect_json '"kind":"fiscal"' '"code":"45060122"' '"number":"0185821908"' \
    '"check_code":"07892e"' '"amount":"236.21"' '"date":"2023-03-06"'
end

begin "read: a rotated, blurred 12-megapixel phone photo"
"$MKPHOTO" -d "2026:10:09 10:15:30" photo.jpg || fail "mkqrphoto"
run read --json photo.jpg; expect_status 0
expect_json '"format":"jpeg"' "\"qr\":\"$VAT_QR\"" '"number":"83089647"' \
    '"amount_before_tax":"510.68"' \
    '{"date":"2026-10-09","role":"taken","from":"exif"}'
run read photo.jpg; expect_status 0
expect_out "photo.jpg: jpeg, 1 page, looks like a fapiao"
expect_out "number             83089647   (the QR code)"
end

begin "read: a QR code that is not an invoice is a link, not an invoice"
"$MKPHOTO" -W 1600 -H 1200 -s 200 -t "https://example.com/menu?t=4" \
    menu.jpg || fail "mkqrphoto"
run read --json menu.jpg; expect_status 0
expect_out '"links":["https://example.com/menu?t=4"]'
expect_no_out '"invoice"'
end

begin "read: broken inputs give one clear problem each, exit 1"
head -c 600 "$EINVOICE/ofdrw-1.ofd" > cut.ofd
printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<eInvoice><InvoiceNo>&b;</InvoiceNo></eInvoice>\n' > laughs.xml
printf 'PK\003\004not a zip at all' > fake.ofd
printf '%%PDF-1.4\n1 0 obj<<' > cut.pdf
TMPDIR=$T/tmp; export TMPDIR; mkdir -p "$TMPDIR"
run read --json cut.ofd laughs.xml fake.ofd cut.pdf
expect_status 1
expect_json '"file":"cut.ofd","format":"ofd"' '"file":"laughs.xml"' \
    '(DTD)' '"file":"cut.pdf","format":"pdf"'
[ "$(grep -o '"problem":' out | wc -l)" -eq 4 ] ||
	fail "expected four problems"
[ -z "$(ls -A "$TMPDIR")" ] || fail "read left files in TMPDIR"
unset TMPDIR
run read cut.ofd; expect_status 1
expect_out "could not be read:"
end

begin "read: a folder, with junk skipped and other files listed"
mkdir -p papers/sub
cp "$EINVOICE/ofdrw-1.ofd" papers/sub/
: > papers/.DS_Store
: > papers/Thumbs.db
echo notes > papers/notes.txt
run read papers/; expect_status 0
expect_out "papers/sub/ofdrw-1.ofd: ofd"
expect_out "skipped, not papers: papers/notes.txt"
expect_no_out "DS_Store"
expect_no_out "Thumbs.db"
run read papers/notes.txt; expect_status 1
run read no-such-file.pdf; expect_status 2
expect_err "no-such-file.pdf"
run read; expect_status 2
end

begin "check: typed facts that agree with the paper raise nothing"
base_claim
"$MKPAPER" vector billing/receipt.pdf "$STAY_QR" 033002000211 83089647 \
    '2026年10月09日' 16197833567414507415 "SMITH JOHN ALEXANDER" 12850.40 ||
	fail "mkqrpaper"
edit 's/invoice: {kind: fiscal, code: "11060126", number: "0012345678", check_code: "a1b2c3"}/invoice: {kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}/'
run check --json claim.yaml; expect_status 0
expect_no_finding invoice-read-mismatch
expect_no_finding name-read-mismatch
end

begin "check: one typed digit off is invoice-read-mismatch, naming the source"
base_claim
"$MKPAPER" vector billing/receipt.pdf "$STAY_QR" 033002000211 83089647 \
    '2026年10月09日' 16197833567414507415 "SMITH JOHN ALEXANDER" 12850.40 ||
	fail "mkqrpaper"
edit 's/invoice: {kind: fiscal, code: "11060126", number: "0012345678", check_code: "a1b2c3"}/invoice: {kind: vat, code: "033002000211", number: "83089648", check_code: "16197833567414507415"}/'
run check --json claim.yaml; expect_status 1
expect_finding invoice-read-mismatch receipt
expect_out "the manifest's invoice number is 83089648 but the QR code of billing/receipt.pdf says 83089647"
run check claim.yaml; expect_status 1
expect_out "invoice-read-mismatch"
run build claim.yaml -o out.pdf; expect_status 1
[ ! -e out.pdf ] || fail "build wrote a bundle despite the mismatch"
end

begin "check: a name read off a paper that is not the patient's"
base_claim
"$MKPAPER" vector billing/receipt.pdf "$STAY_QR" 033002000211 83089647 \
    '2026年10月09日' 16197833567414507415 李四 12850.40 || fail "mkqrpaper"
edit 's/invoice: {kind: fiscal, code: "11060126", number: "0012345678", check_code: "a1b2c3"}/invoice: {kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}/'
run check --json claim.yaml; expect_status 0
expect_finding name-read-mismatch receipt
expect_out 'the buyer \"李四\" read off'
end

begin "check: without the patient's name, names read off the papers are not compared"
base_claim
"$MKPAPER" vector billing/receipt.pdf "$STAY_QR" 033002000211 83089647 \
    '2026年10月09日' 16197833567414507415 李四 12850.40 || fail "mkqrpaper"
edit 's/invoice: {kind: fiscal, code: "11060126", number: "0012345678", check_code: "a1b2c3"}/invoice: {kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}/'
edit 's|^  name: .*|  # TODO name: as in the passport|'
run check --json claim.yaml; expect_status 1
expect_finding fact-missing
expect_no_finding name-read-mismatch
expect_no_out '(null)'
end

begin "build: the cover prints the QR text read off the paper"
base_claim
"$MKPAPER" vector billing/receipt.pdf "$STAY_QR" 033002000211 83089647 \
    '2026年10月09日' 16197833567414507415 "SMITH JOHN ALEXANDER" 12850.40 ||
	fail "mkqrpaper"
edit 's/invoice: {kind: fiscal, code: "11060126", number: "0012345678", check_code: "a1b2c3"}/invoice: {kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}/'
run build claim.yaml -o out.pdf -q; expect_status 0
pdftoppm -r 150 -png -f 1 -l 1 out.pdf cover >/dev/null 2>&1
zbarimg -q --raw cover*.png > codes 2>/dev/null
grep -qxF "$STAY_QR" codes || fail "the cover lacks the paper's QR code"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
