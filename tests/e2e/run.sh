#!/bin/sh
# run.sh CLAIMPACK - end-to-end tests of the claimpack command.
#
# Runs the real binary on claims made here and checks what a user sees:
# exit statuses, finding ids, messages and manifest error positions.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

# ---- the command line ------------------------------------------------------

begin "cli: --version and --help exit 0"
run --version; expect_status 0; expect_out "claimpack 0."
run --help; expect_status 0; expect_out "usage: claimpack init"
expect_out "exit status"
end

begin "cli: no arguments, unknown command and option exit 2"
run; expect_status 2; expect_err "usage:"
run frobnicate; expect_status 2; expect_err "unknown command"
run check --nope claim.yaml; expect_status 2; expect_err "--nope"
run check; expect_status 2; expect_err "needs the path"
end

begin "types: lists every document type with its labels"
run types; expect_status 0
for t in outpatient_record lab_report imaging_report imaging_files \
    discharge_summary operative_note pathology_report prescription \
    discharge_medication expense_list fapiao diagnosis_certificate \
    medical_record_copy translation claim_form payment_proof; do
	expect_out "$t"
done
expect_out "出院小结"; expect_out "chūyuàn xiǎojié"
[ "$(wc -l < out)" -eq 16 ] || fail "expected 16 types, got $(wc -l < out)"
end

# ---- a clean claim -----------------------------------------------------------

begin "clean claim: no findings, exit 0, text and JSON"
base_claim
run check claim.yaml; expect_status 0
expect_out "0 errors, 0 warnings, 0 notices - ready to send"
run check --json claim.yaml; expect_status 0
expect_out '{"ok":true,"errors":0,"warnings":0,"notices":0,"findings":[]}'
run check claim.yaml --strict; expect_status 0
end

begin "check reads the manifest from another folder"
base_claim
mkdir sub && cd sub && run check ../claim.yaml && cd ..
[ "$STATUS" -eq 0 ] || fail "exit $STATUS from another folder"
end

# ---- files -------------------------------------------------------------------

begin "file-missing: names the file and the document"
base_claim; rm billing/expenses.pdf
run check --json claim.yaml; expect_status 1
expect_finding file-missing expenses
expect_out 'billing/expenses.pdf (document expenses) does not exist'
end

begin "file-type: a folder, an empty file, a GIF image, a FIFO"
base_claim
rm reports/lab.pdf; mkdir reports/lab.pdf
: > billing/expenses.pdf
printf 'GIF89a\001\000\001\000\000\000\000;' > records/discharge-1.jpg
rm reports/ct.pdf; mkfifo reports/ct.pdf
run check --json claim.yaml; expect_status 1
expect_finding file-type lab; expect_finding file-type expenses
expect_finding file-type discharge; expect_finding file-type ct
expect_out 'is a folder'; expect_out 'is empty (0 bytes)'
expect_out 'GIF image, not a PDF, OFD, JPEG, PNG, HEIC, WebP or TIFF'
expect_out 'not a regular file'
end

begin "image-broken: a HEIC photo is checked by decoding it"
base_claim
printf '\000\000\000\030ftypheic\000\000\000\000' > records/discharge-1.jpg
run check --json claim.yaml; expect_status 1
expect_finding image-broken discharge; expect_no_finding file-type
end

begin "file-type: imaging_files may be a folder of any files"
base_claim
run check --json claim.yaml; expect_no_finding file-type
end

begin "file-unreadable: a symlink loop"
base_claim; rm billing/receipt.pdf
ln -s receipt.pdf billing/receipt.pdf
run check --json claim.yaml; expect_status 1
expect_finding file-unreadable receipt
end

begin "file-duplicate: one file listed by two documents"
base_claim
edit 's|files: \[reports/ct.pdf\]|files: [reports/lab.pdf]|'
run check --json claim.yaml; expect_status 0
expect_finding file-duplicate ct
end

begin "pdf-encrypted, pdf-restricted and pdf-broken"
base_claim
qpdf --encrypt user owner 256 -- reports/lab.pdf lab.enc && mv lab.enc reports/lab.pdf
qpdf --encrypt "" owner 256 -- reports/ct.pdf ct.enc && mv ct.enc reports/ct.pdf
printf '%%PDF-1.7\ngarbage\n' > billing/expenses.pdf
run check --json claim.yaml; expect_status 1
expect_finding pdf-encrypted lab; expect_finding pdf-restricted ct
expect_finding pdf-broken expenses
expect_out 'needs a password'
end

# ---- names -------------------------------------------------------------------

begin "name-mismatch, name-partial and name-alias"
base_claim
edit '/id: receipt/,/amount/ s|name: "SMITH JOHN ALEXANDER"|name: "SMITH JANE"|'
edit '/id: lab/,/name/ s|name: "John Alexander Smith"|name: "John Smith"|'
edit '/id: ct$/,/name/ s|name: "John Alexander Smith"|name: "约翰 史密斯"|'
run check --json claim.yaml; expect_status 1
expect_finding name-mismatch receipt; expect_finding name-partial lab
expect_finding name-alias ct
expect_out 'the name \"SMITH JANE\" on document receipt does not match the passport name \"SMITH, John Alexander\"'
end

begin "name-mismatch: a Chinese name that is not an alias"
base_claim
edit '/id: lab/,/name/ s|name: "John Alexander Smith"|name: "张伟"|'
run check --json claim.yaml; expect_status 1
expect_finding name-mismatch lab; expect_out 'Chinese characters'
end

begin "name-transliterated: the passport's ICAO spelling is a notice"
base_claim
edit 's|^  name: "SMITH, John Alexander"|  name: "MÜLLER, Jürgen"|'
edit 's|^    name: .*|    name: "MUELLER JUERGEN"|'
make_dicom imaging/ct-1.dcm "MUELLER^JUERGEN"
# One paper as text pasted on a Mac writes it: u and U+0308 apart.
edit '/id: lab/,/name/ s|name: .*|name: "Mu\\u0308ller, Ju\\u0308rgen"|'
run check --json claim.yaml; expect_status 0
expect_finding name-transliterated receipt
expect_finding name-transliterated discharge
expect_no_out '"document":"lab"'
expect_no_out 'name-mismatch'
run check claim.yaml; expect_status 0
expect_out 'the name "MUELLER JUERGEN" on document receipt is the passport name "MÜLLER, Jürgen" transliterated'
expect_out 'this is fine'
expect_out '0 errors, 0 warnings'
run check --strict claim.yaml; expect_status 0
end

begin "name-transliterated: another name stays name-mismatch"
base_claim
edit '/id: receipt/,/amount/ s|name: "SMITH JOHN ALEXANDER"|name: "SMYTH JOHN ALEXANDER"|'
run check --json claim.yaml; expect_status 1
expect_finding name-mismatch receipt
expect_no_out 'name-transliterated'
end

# ---- dates -------------------------------------------------------------------

begin "date-outside-episode: before the start and after the grace"
base_claim
edit '/id: lab/,/date/ s|date: 2026-10-04|date: 2026-10-01|'
edit '/id: ct$/,/date/ s|date: 2026-10-04|date: 2026-11-09|'
run check --json claim.yaml; expect_status 1
expect_finding date-outside-episode lab; expect_finding date-outside-episode ct
expect_out 'dated 2026-10-01, before episode stay began on 2026-10-03'
expect_out '31 days after episode stay ended on 2026-10-09'
end

begin "date-outside-episode: a late translation is allowed"
base_claim
edit 's|date: 2026-10-15|date: 2026-11-19|'
run check --json claim.yaml; expect_status 0
expect_no_finding date-outside-episode
end

begin "date-future and date-before-birth"
base_claim
edit 's|date: 2026-10-15|date: 2026-11-21|'
edit 's|birth_date: 1984-03-09|birth_date: 2026-10-05|'
run check --json claim.yaml; expect_status 1
expect_finding date-future discharge-en; expect_finding date-before-birth lab
expect_finding date-before-birth stay
end

# ---- totals and invoices -------------------------------------------------------

begin "total-mismatch: both sums and the difference"
base_claim
edit '/id: expenses/,/amount/ s|amount: 12850.40|amount: 12800.40|'
run check --json claim.yaml; expect_status 1
expect_finding total-mismatch stay
expect_out '12850.40 CNY'; expect_out '12800.40 CNY'; expect_out 'by 50.00 CNY'
end

begin "total-mismatch: several receipts adding up are fine"
base_claim
make_pdf billing/receipt2.pdf
edit '/id: receipt/,/invoice/ s|amount: 12850.40|amount: 12000.00|'
cat >> claim.yaml <<'YAML'
  - id: receipt2
    type: fapiao
    files: [billing/receipt2.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 850.40
    invoice: {code: "044001500111", number: "81966722"}
YAML
run check --json claim.yaml; expect_status 0; expect_no_finding total-mismatch
end

begin "invoice-format, invoice-duplicate and invoice-missing"
base_claim
make_pdf billing/r2.pdf; make_pdf billing/r3.pdf; make_pdf billing/r4.pdf
edit '/id: receipt/,/invoice/ s|amount: 12850.40|amount: 0.40|'
cat >> claim.yaml <<'YAML'
  - id: bad
    type: fapiao
    files: [billing/r2.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 12000.00
    invoice: {kind: vat, code: "0440015001", number: "8196672"}
  - id: again
    type: fapiao
    files: [billing/r3.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 850.00
    invoice: {code: "1106 0126", number: "0012345678", check_code: "A1B2C3"}
  - id: none
    type: fapiao
    files: [billing/r4.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    amount: 0.00
YAML
run check --json claim.yaml; expect_status 1
expect_finding invoice-format bad; expect_finding invoice-duplicate again
expect_finding invoice-missing none; expect_no_finding total-mismatch
expect_out '8196672'
end

# ---- completeness --------------------------------------------------------------

begin "required-missing and recommended-missing from the template"
base_claim
edit '/id: discharge$/,/name/ s|type: discharge_summary|type: outpatient_record|'
edit 's|type: lab_report|type: prescription|'
run check --json claim.yaml; expect_status 1
expect_finding required-missing stay; expect_finding recommended-missing stay
expect_out 'has no discharge_summary (出院小结)'
expect_out 'has no lab_report (检验报告)'
end

begin "required-missing: outpatient record satisfies an outpatient visit"
base_claim
edit 's|kind: inpatient|kind: outpatient|'
edit '/id: discharge$/,/name/ s|type: discharge_summary|type: outpatient_record|'
run check --json claim.yaml; expect_status 0; expect_no_finding required-missing
end

begin "required-missing: the employer template wants a diagnosis certificate"
base_claim
run check --json claim.yaml --template employer; expect_status 1
expect_finding required-missing stay; expect_out 'diagnosis_certificate'
run check --json claim.yaml --template cover-sheet; expect_status 0
end

begin "imaging-unpaired: a report without images and images without report"
base_claim
edit 's|type: imaging_files|type: imaging_files\n    episode: stay|'
sed -i '/id: ct-images/,/files: \[imaging\]/d' claim.yaml
run check --json claim.yaml; expect_status 0; expect_finding imaging-unpaired ct
base_claim
edit 's|type: imaging_report|type: lab_report|'
run check --json claim.yaml; expect_finding imaging-unpaired ct-images
end

begin "--strict: warnings make exit status 1"
base_claim
edit 's|type: lab_report|type: prescription|'
run check claim.yaml; expect_status 0
expect_out 'ready to send; read the warnings first'
run check claim.yaml --strict; expect_status 1
end

begin "text output groups findings by severity"
base_claim
edit 's|type: lab_report|type: prescription|'
edit '/id: expenses/,/amount/ s|amount: 12850.40|amount: 1.00|'
run check claim.yaml; expect_status 1
expect_out 'Errors (1)'; expect_out 'Warnings (1)'
expect_out '  error   total-mismatch [stay]: '
[ "$(grep -n 'Errors' out | cut -d: -f1)" -lt "$(grep -n 'Warnings' out | cut -d: -f1)" ] ||
    fail "errors are not listed before warnings"
tail -n 1 out | grep -q '1 error, 1 warning, 0 notices' || fail "no summary line"
end

# ---- manifest errors: position and exit 2 ---------------------------------------

# manifest_error NAME LINE:COL TEXT: claim.yaml is invalid at that place.
manifest_error() {
	run check claim.yaml
	expect_status 2
	expect_err "claim.yaml:$1: "
	expect_err "$2"
	[ ! -s out ] || fail "printed a report for an invalid manifest"
}

begin "manifest error: unknown key, with line and column"
base_claim; edit 's|^  reference:|  refrence:|'
manifest_error 4:3 'unknown key "refrence" in claim'
end

begin "manifest error: unknown document type"
base_claim; edit 's|type: lab_report|type: blood_test|'
manifest_error 37:11 'unknown document type "blood_test"'
end

begin "manifest error: duplicate id"
base_claim; edit 's|id: ct-images|id: ct|'
manifest_error 46:9 'duplicate document id "ct"'
end

begin "manifest error: missing required field"
base_claim; edit '/id: lab/,/name/ { /files:/d }'
manifest_error 36:5 'document "lab" has no files'
end

begin "manifest error: bad date and bad amount"
base_claim; edit 's|date: 2026-10-04|date: 2026-09-31|'
manifest_error 39:11 '"2026-09-31" is not a real calendar date'
base_claim; edit '/id: expenses/,/amount/ s|amount: 12850.40|amount: 12850.405|'
manifest_error 35:13 'more than two decimals'
base_claim; edit '/id: expenses/,/amount/ s|amount: 12850.40|amount: "12,850.40"|'
manifest_error 35:13 'thousands separator'
base_claim; edit '/id: expenses/,/amount/ s|amount: 12850.40|amount: -5|'
manifest_error 35:13 'negative'
end

begin "manifest error: translation of a document that does not exist"
base_claim; edit 's|translation_of: discharge|translation_of: dischage|'
manifest_error 51:21 '"dischage", but no document has that id'
end

begin "manifest error: YAML syntax"
base_claim; edit 's|^  - id: lab$|  - id: [lab|'
run check claim.yaml; expect_status 2; expect_err "claim.yaml:"
expect_err "YAML syntax"
end

# ---- hostile manifests: one message, exit 2, no crash ---------------------------------

begin "bad input: empty file"
: > claim.yaml; run check claim.yaml; expect_status 2; expect_err "empty"
end

begin "bad input: binary garbage"
head -c 4096 /dev/urandom > claim.yaml; printf '\000' >> claim.yaml
run check claim.yaml; expect_status 2
[ "$(wc -l < err)" -eq 1 ] || fail "more than one line of message"
end

begin "bad input: a folder given as the manifest"
mkdir claim.yaml; run check claim.yaml; expect_status 2; expect_err "is a folder"
end

begin "bad input: YAML alias bomb"
# Nine levels of nine references: a billion strings if anything expanded
# them; claimpack never resolves aliases, so it answers at once.
{
	echo 'a: &a ["x","x","x","x","x","x","x","x","x"]'
	prev=a
	for l in b c d e f g h i; do
		echo "$l: &$l [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"
		prev=$l
	done
} > claim.yaml
run check claim.yaml; expect_status 2
[ "$(wc -l < err)" -eq 1 ] || fail "more than one line of message"
printf 'claimpack: 1\nclaim: {reference: &r CG-1}\npatient: {name: *r, passport: X}\n' > claim.yaml
run check claim.yaml; expect_status 2; expect_err "claim.yaml:3:17: patient.name is a YAML alias"
end

begin "bad input: a 10 MB scalar"
{ printf 'claimpack: 1\npatient:\n  name: "'; head -c 10485760 /dev/zero | tr '\0' 'A'; printf '"\n'; } > claim.yaml
run check claim.yaml; expect_status 2; expect_err "claim.yaml:3:9: patient.name is 10485760 bytes long"
end

begin "bad input: deep nesting"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; print "" }' > claim.yaml
run check claim.yaml; expect_status 2; expect_err "claim.yaml:"
end

begin "bad input: messages never cut a character in half"
printf 'claimpack: 1\npatient: {name: "A B", passport: "P1"}\nepisodes:\n  - {kind: inpatient, hospital: H, start: 2026-10-03, end: "2026-10-09 医疗收费电子票据医疗收费电子票据"}\ndocuments: []\n' > claim.yaml
run check claim.yaml; expect_status 2; expect_err "claim.yaml:4:"
iconv -f UTF-8 -t UTF-8 err > /dev/null 2>&1 || fail "the message is not valid UTF-8"
end

begin "bad input: a file over 16 MiB"
head -c 17000000 /dev/zero | tr '\0' '#' > claim.yaml
run check claim.yaml; expect_status 2; expect_err "larger than 16 MiB"
end

# ---- the shipped example -------------------------------------------------------

begin "example claim: checks clean"
if [ -f "$ROOT/examples/inpatient/claim.yaml" ]; then
	run check --json "$ROOT/examples/inpatient/claim.yaml"
	expect_status 0
	expect_out '"errors":0,"warnings":0'
else
	fail "examples/inpatient/claim.yaml is missing"
fi
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
