#!/bin/sh
# originals.sh CLAIMPACK - end-to-end tests of the original e-invoices
# attached to the bundle.
#
# Each fapiao file that is an e-invoice (a signed PDF, a PDF from an
# e-invoice platform, an OFD, an e-invoice XML) is embedded in the bundle
# unchanged, and the index and cover say so; plain PDFs and scans are
# not.  The fixtures are made here: signed PDFs by tests/e2e/mksigned.c
# with a key and certificate openssl makes for the run, an e-invoice PDF
# and a scan of it by mkqrpaper.c, and the sample OFDs of
# tests/corpus/einvoice.  The bundles are inspected with independent
# tools: qpdf (--list-attachments, --show-attachment, --show-object),
# pdfdetach, pdfsig, pdftotext and sha256sum.
#
# Needs a C compiler with libcrypto, libharu, libqrencode and libjpeg,
# and the openssl command.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-originals.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

MKSIGNED=$WORK/.mksigned
MKPAPER=$WORK/.mkqrpaper
KEY=$WORK/.key.pem
CERT=$WORK/.cert.pem
${CC:-cc} -o "$MKSIGNED" "$ROOT/tests/e2e/mksigned.c" -lcrypto || exit 2
${CC:-cc} -o "$MKPAPER" "$ROOT/tests/e2e/mkqrpaper.c" -lhpdf -lqrencode \
    -ljpeg -lm || exit 2
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$KEY" -out "$CERT" \
    -subj '/CN=claimpack test e-invoice platform' -days 3650 \
    > /dev/null 2>&1 || { echo "originals.sh: openssl cannot make a key" >&2; exit 2; }

# The QR text of the platform's e-invoice (type 10: electronic), and the
# fields printed on it.
VAT_QR='01,10,033002000211,83089647,466.37,20261009,16197833567414507415,0941,'

# sha FILE: the SHA-256 of a file, hex.
sha() { sha256sum < "$1" | cut -d' ' -f1; }

# attached_sha NAME PDF: the SHA-256 of attachment NAME as qpdf
# extracts it (decoding whatever filter the stream was written with).
attached_sha() { qpdf --show-attachment="$1" "$2" | sha256sum | cut -d' ' -f1; }

# attachments PDF: the attachments' names, one a line, sorted.
attachments() { qpdf --list-attachments "$1" | sed -n 's/ -> [0-9]*,[0-9]*$//p' | sort; }

# has_attachment NAME PDF / lacks_attachment NAME PDF
has_attachment() { attachments "$2" | grep -qxF -- "$1" || fail "$2 lacks attachment $1 (has: $(attachments "$2" | tr '\n' ' '))"; }
lacks_attachment() { ! attachments "$2" | grep -qxF -- "$1" || fail "$2 has attachment $1"; }

# page_text PDF PAGE: the page's text in drawing order (-raw, which
# also keeps a hyphen that ends a line) on one line: lines joined by a
# space, or by nothing after a hyphen (a line may break after "e-").
page_text() {
	pdftotext -raw -f "$2" -l "$2" "$1" - 2>/dev/null |
	    awk '{ printf "%s%s", (NR > 1 && p !~ /-$/) ? " " : "", $0; p = $0 }
	    END { print "" }' | tr -s ' '
}
index_text() { page_text "$1" 2; }

# count TEXT FILE: how often TEXT occurs in FILE.
count() { grep -oF -- "$1" "$2" | wc -l; }

# signed_claim: the base claim (lib.sh) whose fapiao add up to the
# expense list: `receipt` a plain PDF, `signed` a signed PDF.
signed_claim() {
	base_claim
	"$MKSIGNED" billing/signed.pdf "claimpack e-invoice 0001" "$CERT" "$KEY" ||
	    fail "mksigned"
	edit 's/^    amount: 12850.40$/    amount: AMOUNT/'
	# The expense list keeps the total; the receipt takes the rest.
	edit '0,/amount: AMOUNT/s/amount: AMOUNT/amount: 12526.40/'
	edit 's/amount: AMOUNT/amount: 12850.40/'
	cat >> claim.yaml <<'YAML'
  - id: signed
    type: fapiao
    files: [billing/signed.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 324.00
    invoice: {kind: fiscal, code: "11060126", number: "0012345679", check_code: "a1b2c4"}
YAML
}

# originals_claim: signed_claim and a third fapiao, `platform`: the
# platform's unsigned e-invoice PDF and a scan of it printed.
originals_claim() {
	signed_claim
	"$MKPAPER" vector billing/einvoice.pdf "$VAT_QR" 033002000211 \
	    83089647 '2026年10月09日' 16197833567414507415 约翰·史密斯 \
	    526.40 || fail "mkqrpaper vector"
	"$MKPAPER" scan billing/scan.pdf "$VAT_QR" || fail "mkqrpaper scan"
	edit 's/amount: 12526.40/amount: 12000.00/'
	cat >> claim.yaml <<'YAML'
  - id: platform
    type: fapiao
    files: [billing/einvoice.pdf, billing/scan.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 526.40
    invoice: {kind: vat, code: "033002000211", number: "83089647", check_code: "16197833567414507415"}
YAML
}

begin "originals: signed and platform e-invoices attached byte for byte, plain PDFs and scans not"
originals_claim
run build claim.yaml -o out.pdf; expect_status 0
has_attachment signed-1.pdf out.pdf
has_attachment platform-1.pdf out.pdf
lacks_attachment platform-2.pdf out.pdf    # the scan
lacks_attachment receipt-1.pdf out.pdf     # a plain PDF
has_attachment manifest.json out.pdf
has_attachment check-report.json out.pdf
[ "$(attachments out.pdf | wc -l)" -eq 4 ] || fail "attachments: $(attachments out.pdf | tr '\n' ' ')"
[ "$(attached_sha signed-1.pdf out.pdf)" = "$(sha billing/signed.pdf)" ] ||
    fail "signed-1.pdf is not the signed PDF byte for byte"
[ "$(attached_sha platform-1.pdf out.pdf)" = "$(sha billing/einvoice.pdf)" ] ||
    fail "platform-1.pdf is not the e-invoice byte for byte"
# poppler extracts the same bytes, and the signature verifies in them.
pdfdetach -savefile signed-1.pdf -o extracted.pdf out.pdf 2>/dev/null ||
    fail "pdfdetach cannot extract signed-1.pdf"
cmp -s extracted.pdf billing/signed.pdf || fail "pdfdetach extracts other bytes"
pdfsig extracted.pdf 2>/dev/null | grep -q 'Signature is Valid' ||
    fail "the extracted original's signature does not verify"
# The bundle's copy of the signed page keeps its seal but no signature
# value, so no viewer calls the invoice's signature invalid.
pdfsig out.pdf > sigs 2>&1
grep -q 'Signature is Invalid\|Signature is Valid' sigs &&
    fail "the bundle carries the page's signature: $(head -5 sigs)"
# MIME types and descriptions a reviewer sees.
qpdf --list-attachments --verbose out.pdf > verbose
grep -q 'description: Original e-invoice of document signed (signed PDF), as issued' verbose ||
    fail "no description for signed-1.pdf"
grep -q 'description: Original e-invoice of document platform (PDF from the e-invoice platform, unsigned), as issued' verbose ||
    fail "no description for platform-1.pdf"
[ "$(grep -c 'mime type: application/pdf' verbose)" -eq 2 ] || fail "MIME types: $(grep 'mime type' verbose)"
grep -q 'creation date: [^ ]' verbose && fail "an attachment carries a date"
qpdf --check out.pdf > /dev/null 2>&1 || fail "qpdf --check fails"
end

begin "originals: the stream is compressed with its filter recorded, so it decodes to the original"
originals_claim
run build claim.yaml -o out.pdf; expect_status 0
# qpdf names the embedded file stream of each attachment.
stream=$(qpdf --list-attachments out.pdf | sed -n 's/^signed-1.pdf -> \([0-9]*\),0$/\1/p')
[ -n "$stream" ] || fail "no signed-1.pdf"
qpdf --show-object="$stream" out.pdf > dict
grep -q '/Type /EmbeddedFile' dict || fail "not an /EmbeddedFile: $(cat dict)"
grep -q "/Params << /Size $(wc -c < billing/signed.pdf) >>" dict || fail "/Params: $(cat dict)"
if [ "$(qpdf --show-object="$stream" --raw-stream-data out.pdf | wc -c)" -ne "$(wc -c < billing/signed.pdf)" ]; then
	# Stored other than as is: the filter must say how.
	grep -q '/Filter /FlateDecode' dict || fail "changed bytes without a /Filter: $(cat dict)"
fi
qpdf --show-object="$stream" --filtered-stream-data out.pdf | cmp -s - billing/signed.pdf ||
    fail "the decoded stream is not the original"
end

begin "originals: the index and the cover say which original is attached, and whether signed"
originals_claim
run build claim.yaml -o out.pdf; expect_status 0
index_text out.pdf > index
[ "$(count 'original e-invoice attached, signed' index)" -eq 1 ] ||
    fail "index: 'original e-invoice attached, signed' $(count 'original e-invoice attached, signed' index) times"
[ "$(count 'original e-invoice attached' index)" -eq 2 ] ||
    fail "index: 'original e-invoice attached' $(count 'original e-invoice attached' index) times"
page_text out.pdf 1 > cover
grep -qF 'original e-invoice attached, signed 电子原件已附' cover || fail "the cover does not say the signed original is attached"
[ "$(count '电子原件已附' cover)" -eq 2 ] || fail "cover: 电子原件已附 $(count '电子原件已附' cover) times"
# build says so too, after the path: a printed copy would lose them.
grep -qx 'Inside the PDF, as issued: 2 original e-invoices (#7 signed-1.pdf, signed; #8 platform-1.pdf); send the PDF itself, a printed copy loses them' out ||
    fail "build does not name the originals inside the PDF"
end

begin "originals: the same inputs give a byte-identical bundle"
originals_claim
run build claim.yaml -o one.pdf; expect_status 0
sleep 1
run build claim.yaml -o two.pdf; expect_status 0
cmp -s one.pdf two.pdf || fail "two builds differ"
end

begin "originals: --split puts each original in the part that holds its document"
signed_claim
# Big photos first (the medical records and the lab report), so that
# the money lands in a later part.
make_noise_photo records/discharge-1.jpg 600 800
make_noise_photo reports/lab.jpg 600 800
set_files lab 'reports/lab.jpg'
run build claim.yaml -o out.pdf --split 700K; expect_status 0
n=$(ls out-part*.pdf 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || fail "expected several parts, got $n"
holder=""
for f in out-part*.pdf; do
	k=$(echo "$f" | sed 's/out-part\([0-9]*\).pdf/\1/')
	if pdftotext "$f" - 2>/dev/null | grep -q 'claimpack e-invoice 0001'; then
		holder=$k
		has_attachment signed-1.pdf "$f"
		[ "$(attached_sha signed-1.pdf "$f")" = "$(sha billing/signed.pdf)" ] ||
		    fail "$f: signed-1.pdf changed"
	else
		lacks_attachment signed-1.pdf "$f"
	fi
	[ "$(wc -c < "$f")" -le 700000 ] || fail "$f is $(wc -c < "$f") bytes"
done
[ -n "$holder" ] || fail "no part prints the signed fapiao"
[ "$holder" != 1 ] || fail "the fixture keeps the fapiao in part 1"
# Part 1's index says where the original is.
index_text out-part1.pdf > index
grep -qF "original e-invoice attached to part $holder, signed" index ||
    fail "part 1's index does not say the original is in part $holder"
page_text out-part1.pdf 1 | grep -qF "电子原件见第${holder}部分" ||
    fail "part 1's cover does not say the original is in part $holder"
page_text "out-part$holder.pdf" 1 | grep -qF "original e-invoice attached, signed 电子原件已附" ||
    fail "part $holder's cover does not say the original is attached"
end

begin "originals: --max-size counts the originals, which cannot shrink"
signed_claim
# 700 KB that do not compress, in an object the pages do not use: only
# the attached original carries them into the bundle.
"$MKSIGNED" -p 700000 billing/signed.pdf "claimpack e-invoice 0001" "$CERT" "$KEY" ||
    fail "mksigned"
run build claim.yaml -o out.pdf --max-size 500K; expect_status 1
[ ! -e out.pdf ] || fail "wrote out.pdf"
expect_err "original e-invoices attached are kept as they are"
grep -q 'The largest documents: #[0-9]* Official invoice / receipt (signed)' err ||
    fail "the signed fapiao is not named the largest document"
run build claim.yaml -o out.pdf --max-size 900K; expect_status 0
has_attachment signed-1.pdf out.pdf
[ "$(wc -c < out.pdf)" -le 900000 ] || fail "out.pdf is $(wc -c < out.pdf) bytes"
[ "$(wc -c < out.pdf)" -gt 700000 ] || fail "out.pdf is $(wc -c < out.pdf) bytes: the original is not in it"
end

# OFD files and e-invoice XML are attached too.  The sample OFDs' own
# dates and amounts do not fit the base claim, so the build needs
# --force whatever happens.  Until OFD is a page source `check` reports
# the OFDs as file-type errors and their pages stand in as placeholders
# (the original is attached all the same); once `claimpack build` draws
# OFDs, the test also finds the invoice number on the drawn page.  The
# XML is never drawn (a file-type error), only attached.
begin "originals: OFD e-invoices and e-invoice XML attached as issued"
originals_claim
cp "$ROOT/tests/corpus/einvoice/ofdrw-1.ofd" billing/vat.ofd
cp "$ROOT/tests/corpus/einvoice/erma0-sd-20241205.ofd" billing/digital.ofd
cat >> claim.yaml <<'YAML'
  - id: ofd-vat
    type: fapiao
    files: [billing/vat.ofd]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 1.00
  - id: ofd-digital
    type: fapiao
    files: [billing/digital.ofd]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 1.00
YAML
run build claim.yaml -o out.pdf --force; expect_status 0
# the 数电 invoice's number, which nothing else of the claim holds: the
# OFD is drawn as well as attached
pdftotext out.pdf - 2>/dev/null | grep -q '24322000000489101796' ||
    fail "the OFD's invoice number is on no page"
has_attachment ofd-vat-1.ofd out.pdf
has_attachment ofd-digital-1.ofd out.pdf
[ "$(attached_sha ofd-vat-1.ofd out.pdf)" = "$(sha billing/vat.ofd)" ] || fail "ofd-vat-1.ofd changed"
[ "$(attached_sha ofd-digital-1.ofd out.pdf)" = "$(sha billing/digital.ofd)" ] || fail "ofd-digital-1.ofd changed"
qpdf --list-attachments --verbose out.pdf > verbose
[ "$(grep -c 'mime type: application/ofd' verbose)" -eq 2 ] || fail "MIME types: $(grep 'mime type' verbose)"
grep -q 'description: Original e-invoice of document ofd-vat (signed OFD), as issued' verbose ||
    fail "no description for ofd-vat-1.ofd"
grep -q 'description: Original e-invoice of document ofd-digital (OFD), as issued' verbose ||
    fail "no description for ofd-digital-1.ofd"
index_text out.pdf > index
# signed: the signed PDF and ofdrw-1.ofd (Doc_0/Signs); not the 数电 one
[ "$(count 'original e-invoice attached, signed' index)" -eq 2 ] ||
    fail "index: 'attached, signed' $(count 'original e-invoice attached, signed' index) times"
[ "$(count 'original e-invoice attached' index)" -eq 4 ] ||
    fail "index: 'original e-invoice attached' $(count 'original e-invoice attached' index) times"
# An e-invoice XML beside them (a file-type error: --force).
cat > billing/invoice.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<eInvoice xmlns:fp="http://www.edrm.org.cn/schema/e-invoice/2019"><fp:InvoiceCode>033002000211</fp:InvoiceCode><fp:InvoiceNo>83089647</fp:InvoiceNo><fp:IssueDate>2026年10月09日</fp:IssueDate><fp:TaxInclusiveTotalAmount>526.40</fp:TaxInclusiveTotalAmount></eInvoice>
XML
set_files platform 'billing/einvoice.pdf, billing/scan.pdf, billing/invoice.xml'
run build claim.yaml -o xml.pdf --force; expect_status 0
has_attachment platform-3.xml xml.pdf
[ "$(attached_sha platform-3.xml xml.pdf)" = "$(sha billing/invoice.xml)" ] || fail "platform-3.xml changed"
qpdf --list-attachments --verbose xml.pdf | grep -q 'mime type: application/xml' || fail "no application/xml"
index_text xml.pdf | grep -qF '2 original e-invoices attached' ||
    fail "the index does not count two originals for platform: $(index_text xml.pdf)"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
