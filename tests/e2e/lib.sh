# lib.sh - helpers for claimpack's end-to-end tests (sourced by run.sh).
#
# Each test runs the real binary in a fresh folder and inspects its exit
# status and output; fixtures are made here, with printf and qpdf.

TESTS_RUN=0
TESTS_FAILED=0
CURRENT=""

# begin NAME: starts a test in a new empty folder.
begin() {
	CURRENT=$1
	TESTS_RUN=$((TESTS_RUN + 1))
	T=$WORK/$TESTS_RUN
	mkdir -p "$T"
	cd "$T" || exit 2
	FAILED_NOW=0
}

fail() {
	echo "FAIL: $CURRENT: $*"
	[ -f out ] && sed 's/^/    out| /' out | head -20
	[ -f err ] && sed 's/^/    err| /' err | head -10
	FAILED_NOW=1
}

# end: counts the test once, however many of its assertions failed.
end() {
	if [ "$FAILED_NOW" -ne 0 ]; then
		TESTS_FAILED=$((TESTS_FAILED + 1))
	else
		echo "ok: $CURRENT"
	fi
	cd "$WORK" || exit 2
}

# run ARGS...: runs claimpack, keeping stdout in ./out, stderr in ./err
# and the exit status in $STATUS.
run() {
	"$CLAIMPACK" "$@" >out 2>err
	STATUS=$?
}

expect_status() {
	[ "$STATUS" -eq "$1" ] || fail "exit status $STATUS, expected $1"
}

# expect_out TEXT / expect_err TEXT: fixed string in stdout / stderr.
expect_out() { grep -qF -- "$1" out || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" err || fail "stderr lacks: $1"; }
expect_no_out() { ! grep -qF -- "$1" out || fail "stdout has: $1"; }

# expect_finding CHECK [DOCUMENT]: the JSON output (--json) has it.
expect_finding() {
	if [ -n "${2:-}" ]; then
		grep -qF "\"check\":\"$1\",\"severity\":\"$(severity_of "$1")\",\"document\":\"$2\"" out ||
		    fail "no $1 finding for document $2"
	else
		grep -qF "\"check\":\"$1\"" out || fail "no $1 finding"
	fi
}

expect_no_finding() {
	! grep -qF "\"check\":\"$1\"" out || fail "unexpected $1 finding"
}

severity_of() {
	case $1 in
	name-partial|recommended-missing|imaging-unpaired|invoice-missing|\
	file-duplicate|pdf-repaired|pdf-damaged|invoice-unreachable|invoice-verify-stale|\
	name-read-mismatch|ofd-partial|imaging-date-outside-episode|\
	imaging-unreadable|imaging-incomplete)
		echo warning ;;
	name-alias|name-transliterated|pdf-restricted|invoice-qr-amount-unchecked|\
	ofd-signed)
		echo notice ;;
	*) echo error ;;
	esac
}

# make_pdf FILE [TEXT]: a valid one-page PDF that says TEXT.
make_pdf() {
	mkdir -p "$(dirname "$1")"
	text=${2:-Specimen page}
	stream="BT /F1 18 Tf 72 720 Td ($text) Tj ET"
	printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n4 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n5 0 obj<</Length %d>>stream\n%s\nendstream endobj\ntrailer<</Size 6/Root 1 0 R>>\n%%%%EOF\n' \
	    "${#stream}" "$stream" > "$1.raw"
	# qpdf writes the cross-reference table the hand-made file lacks.
	qpdf "$1.raw" "$1" 2>/dev/null
	rc=$?
	rm -f "$1.raw"
	[ $rc -eq 0 ] || [ $rc -eq 3 ] || { echo "make_pdf failed" >&2; exit 2; }
}

# make_jpeg FILE / make_png FILE: small but whole images (images.sh).
make_jpeg() {
	make_photo "$1" none 60 40
}
make_png() {
	make_png_alpha "$1" 20 20
}

# make_dicom FILE [NAME]: a small DICOM file (Part 10, explicit VR little
# endian, no pixels) of the base claim's patient (or of NAME, ASCII, in
# DICOM's FAMILY^GIVEN form): a CT study on 2026-10-04, within the stay.
make_dicom() {
	_name=${2:-SMITH^JOHN ALEXANDER}
	[ $(( $(printf '%s' "$_name" | wc -c) % 2 )) -eq 0 ] || _name="$_name "
	mkdir -p "$(dirname "$1")"
	{ head -c 128 /dev/zero
	  printf 'DICM\002\000\020\000UI\024\0001.2.840.10008.1.2.1\000'
	  printf '\010\000\040\000DA\010\00020261004'
	  printf '\010\000\140\000CS\002\000CT'
	  printf '\020\000\020\000PN'
	  printf "\\$(printf %o "$(printf '%s' "$_name" | wc -c)")\\000"
	  printf '%s' "$_name"; } > "$1"
}

# base_claim: a complete, clean claim (no findings) in ./claim.yaml with
# its files; tests edit it to make one check fire.
base_claim() {
	make_jpeg records/discharge-1.jpg
	make_png records/discharge-2.png
	make_pdf billing/receipt.pdf "Receipt"
	make_pdf billing/expenses.pdf "Expenses"
	make_pdf reports/lab.pdf "Lab"
	make_pdf reports/ct.pdf "CT"
	mkdir -p imaging
	make_dicom imaging/ct-1.dcm
	make_pdf records/discharge-en.pdf "Translation"
	cat > claim.yaml <<'YAML'
claimpack: 1
claim:
  purpose: reimbursement
  reference: CG-TEST-1
  prepared: 2026-11-20
patient:
  name: "SMITH, John Alexander"
  passport: "P12345678"
  birth_date: 1984-03-09
  aliases: ["约翰·史密斯"]
episodes:
  - id: stay
    kind: inpatient
    hospital: Example Union Hospital
    start: 2026-10-03
    end: 2026-10-09
documents:
  - id: discharge
    type: discharge_summary
    files: [records/discharge-1.jpg, records/discharge-2.png]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
  - id: receipt
    type: fapiao
    files: [billing/receipt.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 12850.40
    invoice: {kind: fiscal, code: "11060126", number: "0012345678", check_code: "a1b2c3"}
  - id: expenses
    type: expense_list
    files: [billing/expenses.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 12850.40
  - id: lab
    type: lab_report
    files: [reports/lab.pdf]
    date: 2026-10-04
    name: "John Alexander Smith"
  - id: ct
    type: imaging_report
    files: [reports/ct.pdf]
    date: 2026-10-04
    name: "John Alexander Smith"
  - id: ct-images
    type: imaging_files
    files: [imaging]
  - id: discharge-en
    type: translation
    translation_of: discharge
    files: [records/discharge-en.pdf]
    date: 2026-10-15
    name: "John Alexander Smith"
YAML
}

# edit 'sed-expression': edits claim.yaml in place.
edit() {
	sed -i "$1" claim.yaml
}

# set_files DOCUMENT 'FILE, FILE...': the base claim's document with
# that id (discharge, lab, ct...) is made of these files instead.
set_files() {
	sed -i "/^  - id: $1\$/,/files:/s|files: \[.*\]|files: [$2]|" claim.yaml
}
