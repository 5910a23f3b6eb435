#!/bin/sh
# talk.sh CLAIMPACK - end-to-end tests of what `claimpack build` says:
# the summary after the path and the findings as check prints them, and
# what the cover and the index say to a claims handler (the warnings'
# text, hospitals by name, translations by their original, values that
# never break across lines).  The PDFs are read with pdftotext.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-talk.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

# page_text PDF PAGE [-layout]: the text of one page.
page_text() {
	pdftotext ${3:-} -f "$2" -l "$2" "$1" - 2>/dev/null
}

begin "build: after the path, the documents, pages, size, invoices and the CD to send"
base_claim
# A CD of 1,001 images: one study (the files share its date and UID).
i=2
while [ $i -le 1001 ]; do
	cp imaging/ct-1.dcm imaging/ct-$i.dcm
	i=$((i + 1))
done
run build claim.yaml -o out.pdf; expect_status 0
[ "$(head -n 1 out)" = "out.pdf" ] || fail "the path is not the first line: $(head -n 1 out)"
grep -qx '7 documents, 9 pages with the cover and index, [0-9]* KB' out ||
    fail "no documents, pages and size line"
expect_out "Invoices (1), not verified: no results file"
grep -qx '  #5 Fiscal medical receipt No. 0012345678, CNY 12,850.40: no results file' out ||
    fail "the invoice's line is not as expected"
grep -qx 'Send the CT CD separately: 1 study, 1,001 images (#4, 1,001 files, [0-9]* KB; not printed in the PDF)' out ||
    fail "no reminder to send the CD"
expect_out "claim.yaml (reimbursement template): 0 errors, 0 warnings, 0 notices - ready to send"
[ ! -s err ] || fail "stderr: $(cat err)"
run build claim.yaml -o out.pdf --quiet; expect_status 0
[ ! -s out ] || fail "--quiet printed: $(cat out)"
end

begin "build: every warning and notice, in the lines check prints"
base_claim
# name-partial (a warning) and name-alias (a notice).
edit 's|^    name: "John Alexander Smith"$|    name: "SMITH John"|'
edit '0,/^    name: "SMITH JOHN ALEXANDER"$/s||    name: "约翰·史密斯"|'
run check claim.yaml; expect_status 0
grep -e '^  warning' -e '^  notice' out > check.lines
grep -q '^  warning name-partial' check.lines || fail "the fixture has no warning"
grep -q '^  notice  name-alias' check.lines || fail "the fixture has no notice"
grep 'template):' out > check.verdict
run build claim.yaml -o out.pdf; expect_status 0
grep -e '^  warning' -e '^  notice' out > build.lines
cmp -s check.lines build.lines || fail "build says $(cat build.lines), check $(cat check.lines)"
grep 'template):' out > build.verdict
cmp -s check.verdict build.verdict || fail "build's verdict: $(cat build.verdict)"
expect_out "Warnings ("; expect_out "Notices (1)"
end

begin "build: the cover lists the warnings' text, and the index every one"
base_claim
edit 's|^    name: "John Alexander Smith"$|    name: "SMITH John"|'
run build claim.yaml -o out.pdf; expect_status 0
page_text out.pdf 1 | tr '\n' ' ' | tr -s ' ' > cover.txt
grep -q 'Warnings 注意事项' cover.txt || fail "no warnings on the cover"
# Each with what it is about, as the index numbers the documents.
for t in '#2 Lab report' '#3 Imaging report' '#7 Translation of #1 Discharge summary' \
    'the name "SMITH John" on document lab leaves out part of the passport name' \
    'on document ct leaves out' 'on document discharge-en leaves out'; do
	grep -qF "$t" cover.txt || fail "the cover lacks: $t"
done
[ "$(grep -o 'name-partial' cover.txt | wc -l)" -eq 3 ] || fail "the cover does not name each check"
grep -q '3 warnings' cover.txt || fail "the cover does not count them"
# The index ends with each of them, in full.
page_text out.pdf 2 | tr '\n' ' ' | tr -s ' ' > index.txt
grep -q 'Check findings 核对发现' index.txt || fail "the index does not list the findings"
[ "$(grep -o 'warning · name-partial' index.txt | wc -l)" -eq 3 ] ||
    fail "the index lists $(grep -o 'warning · name-partial' index.txt | wc -l) of 3 warnings"
end

begin "build: a cover with more warnings than room says how many more"
base_claim
# Ten papers with a name cut short: ten warnings.
i=1
while [ $i -le 10 ]; do
	make_pdf reports/lab-$i.pdf "Lab $i"
	cat >> claim.yaml <<YAML
  - id: lab-$i
    type: lab_report
    files: [reports/lab-$i.pdf]
    date: 2026-10-05
    name: "SMITH John"
YAML
	i=$((i + 1))
done
run build claim.yaml -o out.pdf; expect_status 0
page_text out.pdf 1 | tr '\n' ' ' | tr -s ' ' > cover.txt
grep -q '\.\.\. and [0-9]* more warnings: the end of the index lists every one' cover.txt ||
    fail "the cover does not say how many more: $(grep -o 'Warnings.*' cover.txt | cut -c1-300)"
shown=$(grep -o 'leaves out part of the passport name' cover.txt | wc -l)
[ "$shown" -ge 3 ] || fail "only $shown warnings on the cover"
more=$(grep -o 'and [0-9]* more warnings' cover.txt | grep -o '[0-9]*')
[ "$((shown + more))" -eq 10 ] || fail "$shown shown and $more more, not 10"
# The index, on as many pages as it takes, lists all ten.
pages=$(pdfinfo out.pdf | awk '/^Pages:/ { print $2 }')
pdftotext -f 2 -l "$pages" out.pdf - 2>/dev/null | grep -c 'warning · name-partial' > n
[ "$(cat n)" -eq 10 ] || fail "the index lists $(cat n) of 10 warnings"
end

begin "index: dates, amounts, invoice numbers and addresses never break across lines"
base_claim
# The receipt's platform address, and a VAT invoice's (whose host has a
# hyphen), in the notes column; a title of dates; an episode's dates in
# the narrow hospital column.
edit '0,/^    type: lab_report$/s||    type: lab_report\n    title: "Drawn 2026-10-04, read 2026-10-05, signed 2026-10-06"|'
cp claim.yaml fiscal.yaml
edit 's|invoice: {kind: fiscal, code: "11060126", number: "0012345678", check_code: "a1b2c3"}|invoice: {kind: vat, code: "044001500111", number: "81966722", check_code: "17884534745749991611"}|'
CUT='[0-9]{4}-([0-9]{2}-?)?|https?:(//)?|https?://[^/]*[-.]'
for m in claim fiscal; do
	run build $m.yaml -o out.pdf; expect_status 0
	page_text out.pdf 2 -layout > index.txt
	tr -s ' ' '\n' < index.txt > words.txt
	# No word that is a date or an address cut short; no amount or
	# number parted from its label.
	! grep -Eqx "$CUT" words.txt ||
	    fail "$m: a value is cut: $(grep -Ex "$CUT" words.txt | head -3 | tr '\n' ' ')"
	! grep -Eq '(CNY|No\.) *$' index.txt ||
	    fail "$m: a label ends a line: $(grep -E '(CNY|No\.) *$' index.txt)"
	for v in 'CNY 12,850.40' '2026-10-03 to 2026-10-09' 'Drawn 2026-10-04,'; do
		grep -qF -- "$v" index.txt || fail "$m: \"$v\" is not whole on a line"
	done
done
grep -qF 'https://pjcy.mof.gov.cn/' index.txt || fail "the fiscal platform's address is cut"
grep -qF 'No. 0012345678' index.txt || fail "the receipt's number is parted from its label"
run build claim.yaml -o out.pdf; expect_status 0
page_text out.pdf 2 -layout > index.txt
grep -qF 'https://inv-veri.chinatax.gov.cn/' index.txt || fail "the VAT platform's address is cut"
grep -qF 'No. 81966722' index.txt || fail "the invoice's number is parted from its label"
end

begin "index: hospitals by name with the dates, a translation by its original"
base_claim
edit 's|^    hospital: Example Union Hospital$|    hospital: Example Union Hospital\n    hospital_zh: 示例联合医院|'
cat >> claim.yaml <<'YAML'
  - id: visit-lab
    type: lab_report
    episode: ruijin
    files: [reports/visit.pdf]
    date: 2026-10-20
    name: "SMITH, John Alexander"
YAML
edit 's|^    end: 2026-10-09$|    end: 2026-10-09\n  - id: ruijin\n    kind: outpatient\n    hospital: Ruijin Hospital\n    hospital_zh: 瑞金医院\n    start: 2026-10-20|'
edit 's#^  - id: \(discharge\|receipt\|expenses\|lab\|ct\|ct-images\|discharge-en\)$#&\n    episode: stay#'
make_pdf reports/visit.pdf "Visit"
run build claim.yaml -o out.pdf --template cover-sheet; expect_status 0
page_text out.pdf 2 > index.txt
for t in 'Example Union Hospital' '示例联合医院' '2026-10-03 to 2026-10-09' \
    'Ruijin Hospital' '瑞金医院' 'Hospital 医院'; do
	grep -qF "$t" index.txt || fail "the index lacks: $t"
done
! grep -qw -e stay -e ruijin index.txt || fail "the index shows an episode id"
tr '\n' ' ' < index.txt | grep -q 'Translation of #1 Discharge summary 出院小结翻译件' ||
    fail "the translation's row does not name its original"
! grep -q 'another document' index.txt || fail "a translation is \"of another document\""
# One document, one page: no "1 documents" anywhere.
printf 'claimpack: 1\nclaim: {reference: ONE, prepared: 2026-11-20}\npatient: {name: "SMITH, John", passport: P1}\nepisodes:\n  - {id: v, kind: outpatient, hospital: Ruijin Hospital, start: 2026-10-20}\ndocuments:\n  - {type: lab_report, files: [reports/visit.pdf], date: 2026-10-20, name: "SMITH, John"}\n' > one.yaml
run build one.yaml -o one.pdf --template cover-sheet; expect_status 0
expect_out "1 document, 3 pages with the cover and index"
pdftotext one.pdf - 2>/dev/null > one.txt
grep -q '1 document, page 1 after this index' one.txt || fail "the index says: $(grep 'after this index' one.txt)"
grep -q '1 document on 1 page after the index' one.txt || fail "the cover says: $(grep 'after the index' one.txt)"
! grep -Eq '(^|[^0-9])1 (documents|pages|errors|warnings|notices)' one.txt ||
    fail "a plural after 1: $(grep -E '(^|[^0-9])1 (documents|pages|errors|warnings|notices)' one.txt)"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
