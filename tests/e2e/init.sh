#!/bin/sh
# init.sh CLAIMPACK - `claimpack init FOLDER` on a folder as a patient
# brings it home (tests/e2e/mkfolder.sh: papers named in Chinese, pinyin,
# English and by a camera, a two-page paper photographed twice and its
# byte copy, an imaging CD with a DICOMDIR and a viewer, e-invoices with
# QR codes, an OFD, junk and a symbolic link out of the folder).  The
# manifest's types, grouping, invoice facts, comments and TODOs are
# asserted; the junk is skipped; the manifest loads, and `check` then
# lists exactly the facts left to type; a second init refuses; the papers
# are never changed and nothing is left in TMPDIR.
#
# Needs what tests/e2e/mkfolder.sh needs.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-init.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"

# init's own temporary files, if it made any, would land here.
INIT_TMP=$WORK/tmp
mkdir -p "$INIT_TMP"
MKTOOLS=$WORK/.tools
export MKTOOLS
PAPERS=$WORK/folder/papers
mkdir -p "$WORK/folder"
sh "$ROOT/tests/e2e/mkfolder.sh" "$PAPERS" > "$WORK/mkfolder.log" 2>&1 || {
	cat "$WORK/mkfolder.log"
	echo "init.sh: mkfolder.sh failed"
	exit 2
}
# What every paper holds before init, to show init changes none (the
# manifest and the tests' own out and err files aside).
sums() {
	(cd "$PAPERS" && find . -type f ! -name claim.yaml ! -name out \
	    ! -name err ! -name tty.out -exec sha256sum {} + | sort)
}
sums > "$WORK/before.sum"

# docs: one line per document of ./claim.yaml: "id | type | files".
docs() {
	awk '
	/^documents:/ { on = 1; next }
	!on { next }
	/^  - id: / { if (id != "") print id " | " type " | " files
	    id = $3; type = ""; files = "" }
	/^    type: / { type = $2 }
	/^    files: / { files = $0; sub(/^    files: /, "", files) }
	END { if (id != "") print id " | " type " | " files }' claim.yaml
}

# expect_doc FILE TYPE: the document listing FILE has TYPE.
expect_doc() {
	_line=$(docs | grep -F "\"$1\"")
	[ -n "$_line" ] || { fail "no document lists $1"; return; }
	case $_line in
	*" | $2 | "*) ;;
	*) fail "$1: expected type $2, got: $_line" ;;
	esac
}

# expect_yaml TEXT: claim.yaml holds TEXT (fixed string).
expect_yaml() { grep -qF -- "$1" claim.yaml || fail "claim.yaml lacks: $1"; }
expect_no_yaml() { ! grep -qF -- "$1" claim.yaml || fail "claim.yaml has: $1"; }

begin "init: a patient's folder becomes a manifest, junk skipped"
cd "$PAPERS"
TMPDIR=$INIT_TMP run init .; expect_status 0
[ -f claim.yaml ] || fail "no claim.yaml written"
for junk in .DS_Store Thumbs.db desktop.ini __MACOSX/ CD/autorun.inf \
    CD/VIEWER/ notes.txt; do
	grep -q "^  $junk" out || fail "the summary does not list $junk as skipped"
	expect_no_yaml "$junk"
done
expect_out "link-to-outside: a symbolic link, not followed"
expect_out "IMG_20261009_101530 (1).jpg: an exact copy of IMG_20261009_101530.jpg"
expect_no_yaml "(1).jpg"
expect_no_yaml "link-to-outside"
expect_out "claimpack check ./claim.yaml"
cp claim.yaml "$WORK/first.yaml"
cd "$WORK"
end

begin "init: types from the paper, then from Chinese, pinyin and English names"
cd "$PAPERS"
expect_doc 出院小结.pdf discharge_summary
expect_doc 住院费用清单.pdf expense_list
expect_doc 检验报告单.pdf lab_report
expect_doc binglibaogao.pdf pathology_report
expect_doc lab/blood-test.pdf lab_report
expect_doc "CT report.pdf" imaging_report
expect_doc zhenduan_zhengming.jpg diagnosis_certificate
expect_doc discharge_1.jpg discharge_summary
expect_doc CD imaging_files
expect_doc receipts/scan0001.pdf fapiao
expect_doc dzfp_033002600111_42617391.pdf fapiao
expect_doc IMG_20261020_093000.jpg fapiao
expect_doc receipts/033002000211_83089647.ofd fapiao
# where each type came from
expect_yaml "type: discharge_summary  # the title in the text layer of 出院小结.pdf"
expect_yaml "type: pathology_report  # the title in the text layer of binglibaogao.pdf"
expect_yaml "type: diagnosis_certificate  # the file name zhenduan_zhengming.jpg"
expect_yaml "type: fapiao  # the invoice QR code on receipts/scan0001.pdf"
expect_yaml "type: fapiao  # the e-invoice data of receipts/033002000211_83089647.ofd"
# a paper nothing types: a type and a comment saying it was guessed
grep -F '"DSC01234.JPG"' -B3 claim.yaml | grep -q "TODO type: guessed" ||
	fail "DSC01234.JPG's type is not marked as guessed"
cd "$WORK"
end

begin "init: pages of one paper are one document; other papers are not"
cd "$PAPERS"
docs | grep -qF '"discharge_1.jpg", "discharge_2.jpg"]' ||
	fail "discharge_1.jpg and discharge_2.jpg are not one document"
docs | grep -qF '"IMG_20261009_101530.jpg", "IMG_20261009_101548.jpg"]' ||
	fail "the two photos shot 18 s apart are not one document"
# DSC01234.JPG, two hours later, and the fapiao photo stand alone
docs | grep -qF '| ["DSC01234.JPG"]' || fail "DSC01234.JPG is not a document of its own"
docs | grep -qF '| ["IMG_20261020_093000.jpg"]' ||
	fail "the fapiao photo is not a document of its own"
[ "$(docs | wc -l)" -eq 15 ] || fail "expected 15 documents, got $(docs | wc -l)"
cd "$WORK"
end

begin "init: invoice facts, with where each was read"
cd "$PAPERS"
expect_yaml 'code: "11060126"  # QR code on receipts/scan0001.pdf, page 1'
expect_yaml 'number: "0012345678"  # QR code on receipts/scan0001.pdf, page 1'
expect_yaml 'kind: fiscal'
expect_yaml 'amount: 12850.40  # QR code on receipts/scan0001.pdf, page 1'
expect_yaml 'number: "42617391"  # text layer of dzfp_033002600111_42617391.pdf, page 1'
expect_yaml 'amount: 680.00  # text layer of dzfp_033002600111_42617391.pdf, page 1'
expect_yaml 'number: "83089647"  # e-invoice data in receipts/033002000211_83089647.ofd'
expect_yaml 'amount: 526.00  # e-invoice data in receipts/033002000211_83089647.ofd'
expect_yaml 'number: "00731205"  # QR code on IMG_20261020_093000.jpg'
# the expense list's total, from its text layer
expect_yaml 'amount: 12850.40  # text layer of 住院费用清单.pdf, page 3'
# dates and names, each with its source
expect_yaml 'date: 2026-10-09  # text layer of 出院小结.pdf, page 1 (出院日期, discharge)'
expect_yaml 'name: "SMITH JOHN ALEXANDER"  # text layer of 检验报告单.pdf, page 1 (姓名'
expect_yaml 'birth_date: 1984-03-09  # DICOM headers in CD (PatientBirthDate)'
cd "$WORK"
end

begin "init: one episode per stay and visit, from the dates read"
cd "$PAPERS"
expect_yaml "  - id: inpatient-2026-10-03"
expect_yaml "    start: 2026-10-03  # text layer of"
expect_yaml "    end: 2026-10-09  # text layer of"
expect_yaml '    hospital_zh: "示例联合医院"'
expect_yaml "  - id: outpatient-2026-10-20"
expect_yaml '    hospital_zh: "示例国际医疗中心"'
grep -F '"receipts/scan0001.pdf"' -B1 claim.yaml |
    grep -q "episode: inpatient-2026-10-03" ||
	fail "the stay's receipt is not in the stay's episode"
cd "$WORK"
end

begin "init: what could not be read is a TODO naming the paper"
cd "$PAPERS"
expect_yaml "  # TODO passport: the passport number"
expect_yaml "    # TODO date: the date printed on discharge_1.jpg (YYYY-MM-DD)"
expect_yaml "    # TODO name: the patient's name as printed on DSC01234.JPG"
expect_yaml "    # TODO amount: the total printed on IMG_20261020_093000.jpg"
expect_yaml "    # TODO date: the date printed on CT report.pdf"
grep -q "^patient:" claim.yaml && ! grep -q "^  passport:" claim.yaml ||
	fail "a passport number was written"
cd "$WORK"
end

begin "init: the manifest loads, and check names exactly what is left"
cd "$PAPERS"
run check --json claim.yaml; expect_status 1
# one fact-missing per TODO of a fact in the manifest
todos=$(grep -cE '# TODO (passport|name|date|amount|hospital|start):' claim.yaml)
missing=$(grep -o '"check":"fact-missing"' out | wc -l)
[ "$todos" -eq "$missing" ] ||
	fail "$todos facts are TODO in claim.yaml, check reports $missing fact-missing"
expect_out 'DSC01234.JPG'
run check claim.yaml; expect_status 1
expect_out "fact-missing"
expect_out "passport"
cd "$WORK"
end

begin "init: a second init refuses and leaves the manifest as it is"
cd "$PAPERS"
printf '# my typing\n' >> claim.yaml
cp claim.yaml "$WORK/typed.yaml"
run init .; expect_status 2
expect_err "exists already"
expect_err "--force"
cmp -s claim.yaml "$WORK/typed.yaml" || fail "the manifest was changed"
run init . --force -q; expect_status 0
[ ! -s out ] || fail "--quiet printed a summary"
cmp -s claim.yaml "$WORK/first.yaml" || fail "--force did not write the same manifest again"
cd "$WORK"
end

begin "init: -o elsewhere lists the papers relative to the manifest"
mkdir -p "$WORK/claims"
cd "$WORK/claims"
run init ../folder/papers -o mine.yaml; expect_status 0
grep -qF '"../folder/papers/出院小结.pdf"' mine.yaml ||
	fail "paths are not relative to the manifest's folder"
grep -qF '"../folder/papers/CD"' mine.yaml || fail "the CD's path is wrong"
run check mine.yaml; expect_status 1
expect_no_out "file-missing"
cd "$WORK"
end

begin "init: papers unchanged, nothing left in TMPDIR"
sums > "$WORK/after.sum"
cmp -s "$WORK/before.sum" "$WORK/after.sum" || fail "init changed a paper"
[ -z "$(ls -A "$INIT_TMP")" ] || fail "init left files in TMPDIR: $(ls -A "$INIT_TMP")"
end

begin "init: no folder, an empty folder, a file are refused"
run init "$WORK/nothing-here"; expect_status 2
expect_err "cannot be reached"
mkdir -p "$WORK/empty"
run init "$WORK/empty"; expect_status 2
expect_err "holds no paper"
[ ! -e "$WORK/empty/claim.yaml" ] || fail "a manifest was written for an empty folder"
run init "$PAPERS/notes.txt" -o "$WORK/x.yaml"; expect_status 2
expect_err "is not a folder"
run init; expect_status 2
run init "$PAPERS" --purpose no-such-template -o "$WORK/y.yaml"; expect_status 2
expect_err "no-such-template"
[ ! -e "$WORK/y.yaml" ] || fail "a manifest was written for a bad purpose"
end

begin "init: a GBK file name and a name with a line break are skipped, the rest loads"
mkdir -p "$WORK/odd"
cp "$PAPERS/检验报告单.pdf" "$WORK/odd/lab.pdf"
# 出院 in GBK, as a ZIP made on Windows unpacks it on Linux
cp "$PAPERS/出院小结.pdf" "$WORK/odd/$(printf '\263\366\324\272.pdf')"
cp "$PAPERS/binglibaogao.pdf" "$WORK/odd/$(printf 'two\nlines.pdf')"
cp "$PAPERS/CT report.pdf" "$WORK/odd/quote\"and\\back.pdf"
run init "$WORK/odd"; expect_status 0
expect_out "is not UTF-8"
expect_out "line break"
run check "$WORK/odd/claim.yaml"; expect_status 1
expect_no_out "file-missing"
grep -qF 'quote\"and\\back.pdf' "$WORK/odd/claim.yaml" ||
	fail "a quote and a backslash in a name are not escaped"
end

begin "init: the example's papers (bilingual labels, a receipt number on the expense list)"
mkdir -p "$WORK/example"
cp -R "$ROOT/examples/inpatient/billing" "$ROOT/examples/inpatient/records" \
    "$ROOT/examples/inpatient/reports" "$ROOT/examples/inpatient/imaging" \
    "$WORK/example/"
cd "$WORK/example"
run init .; expect_status 0
expect_doc billing/expenses.pdf expense_list
expect_doc billing/receipt.pdf fapiao
docs | grep -F '"billing/receipt.pdf"' | grep -qvF expenses.pdf ||
	fail "the expense list naming the receipt's number joined the receipt"
expect_doc records/discharge-en.pdf translation
docs | grep -qF '"records/discharge-1.jpg", "records/discharge-2.jpg"]' ||
	fail "discharge-1.jpg and discharge-2.jpg are not one document"
# "姓名 Name: SMITH JOHN ALEXANDER": the English gloss is not the value
expect_yaml 'name: "SMITH JOHN ALEXANDER"  # text layer of reports/lab-2026-10-04.pdf'
expect_yaml 'code: "11060126"  # text layer of billing/receipt.pdf'
expect_yaml '  - id: inpatient-2026-10-03'
run check claim.yaml; expect_status 1
cd "$WORK"
end

begin "init: --purpose is written, and a progress line goes to a terminal"
cd "$PAPERS"
run init . --purpose employer -o "$WORK/employer.yaml"; expect_status 0
grep -qF 'purpose: "employer"' "$WORK/employer.yaml" || fail "purpose not written"
if command -v script >/dev/null 2>&1; then
	script -qec "$CLAIMPACK init . -o $WORK/tty.yaml" /dev/null > tty.out 2>&1
	grep -q "reading [0-9]* of [0-9]*:" tty.out ||
		fail "no progress line on a terminal"
	rm -f tty.out
fi
[ ! -s err ] || fail "init wrote to stderr without a terminal: $(cat err)"
cd "$WORK"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
