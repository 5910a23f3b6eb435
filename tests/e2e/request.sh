#!/bin/sh
# request.sh CLAIMPACK - `claimpack request CLAIM.yaml`: the slip a
# patient still in China shows at the hospital's desks.
#
# The fixture is a copy of examples/inpatient edited as a patient's claim
# would be before leaving: without the expense list and the lab report,
# and with a misspelt name on the CT report; then with more hospitals.
# The slips are inspected with independent tools: qpdf (--check,
# --show-npages) and pdftotext.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-request.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"

# example: the example claim and its papers in the test's folder.
example() {
	cp -R "$ROOT/examples/inpatient/." .
}

# drop ID: removes the document ID from ./claim.yaml (its lines up to
# the blank line, comment or document that follows it).
drop() {
	awk -v id="  - id: $1" '
		$0 == id { skip = 1; next }
		skip && (/^  - id: / || /^ *#/ || /^$/) { skip = 0 }
		!skip' claim.yaml > claim.yaml.new && mv claim.yaml.new claim.yaml
}

# The example as the patient has it in China: the expense list and the
# lab report not yet in hand, and the CT report misspelling the name.
patient_claim() {
	example
	drop expenses
	drop blood
	sed -i '/^  - id: ct$/,/^$/s/name: "SMITH JOHN ALEXANDER"/name: "SMITH JON ALEXANDER"/' \
	    claim.yaml
	grep -q 'SMITH JON ALEXANDER' claim.yaml || fail "fixture: no misspelt name"
	! grep -q 'type: expense_list\|type: lab_report' claim.yaml ||
	    fail "fixture: the papers were not taken out"
}

# text PDF [PAGE]: the slip's text (one page, or all), as pdftotext
# lays it out.
text() {
	if [ -n "${2:-}" ]; then
		pdftotext -layout -f "$2" -l "$2" "$1" -
	else
		pdftotext -layout "$1" -
	fi
}

# expect_text FILE STRING: the text holds STRING.
expect_text() {
	grep -qF -- "$2" "$1" || fail "the slip lacks \"$2\""
}
expect_no_text() {
	! grep -qF -- "$2" "$1" || fail "the slip has \"$2\""
}

# desk_of FILE STRING [DESKS]: the desk heading (a line starting with
# one of the DESKS, an extended regular expression) under which STRING
# first appears.
desk_of() {
	awk -v want="$2" -v desks="^ *(${3:-收费处|检验科|放射科|病案室|主治医生})" '
		$0 ~ desks { desk = $1 }
		index($0, want) { print desk; exit }' "$1"
}

expect_desk() {
	got=$(desk_of "$1" "$2" "${4:-}")
	[ "$got" = "$3" ] || fail "\"$2\" is under \"$got\", not \"$3\""
}

pages() {
	qpdf --show-npages "$1" 2>/dev/null
}

begin "request: the missing papers, at their desks, and the name to correct"
patient_claim
find . -type f -exec sha256sum {} + | sort > ../before.sum
run request claim.yaml
expect_status 0
expect_out "Example Union Hospital: 2 papers to ask for, 1 name to correct"
expect_out "claim-request.pdf"
[ -f claim-request.pdf ] || fail "no claim-request.pdf written"
qpdf --check claim-request.pdf > check.txt 2>&1 ||
    fail "qpdf --check: $(tail -3 check.txt)"
[ "$(pages claim-request.pdf)" = 1 ] ||
    fail "$(pages claim-request.pdf) pages for one hospital"
text claim-request.pdf > slip.txt
# The hospital and the patient, as the clerk looks them up.
expect_text slip.txt "示例联合医院"
expect_text slip.txt "Example Union Hospital"
expect_text slip.txt "SMITH JOHN ALEXANDER"
expect_text slip.txt "P12345678"
expect_text slip.txt "1984-03-09"
expect_text slip.txt "约翰·史密斯"
expect_text slip.txt "住院 2026-10-03 至 2026-10-09"
expect_text slip.txt "Inpatient stay, 2026-10-03 to 2026-10-09"
# Each missing paper, in Chinese and English, at its desk: the expense
# list is required, the lab report recommended.
expect_text slip.txt "请提供：费用清单"
expect_text slip.txt "Please provide: Itemized expense list"
expect_desk slip.txt "费用清单" "收费处/住院处"
expect_text slip.txt "如有，请提供：检验报告"
expect_text slip.txt "If there is one, please provide: Lab report"
expect_desk slip.txt "检验报告" "检验科"
# The name to correct, on the paper that prints it, at the desk that
# issued it.
expect_text slip.txt "影像报告（2026-10-04，Chest CT） 现印姓名：SMITH JON ALEXANDER"
expect_text slip.txt "请将姓名更正为护照姓名：SMITH JOHN ALEXANDER"
expect_text slip.txt "Please correct the name to the passport name: SMITH JOHN ALEXANDER"
expect_desk slip.txt "请将姓名更正为护照姓名" "放射科/影像科"
# Nothing else is asked for: the papers present, the right names.
expect_no_text slip.txt "出院小结"
expect_no_text slip.txt "发票"
expect_no_text slip.txt "影像资料"
[ "$(grep -c '请提供\|请将姓名' slip.txt)" -eq 3 ] ||
    fail "$(grep -c '请提供\|请将姓名' slip.txt) asks, not 3"
# Polite, and with room for the staff.
expect_text slip.txt "请协助办理"
expect_text slip.txt "衷心感谢您的帮助"
expect_text slip.txt "Thank you"
expect_text slip.txt "盖章"
expect_text slip.txt "签名"
expect_text slip.txt "日期"
find . -type f ! -name claim-request.pdf ! -name out ! -name err \
    ! -name check.txt ! -name slip.txt -exec sha256sum {} + | sort > ../after.sum
cmp -s ../before.sum ../after.sum || fail "request changed the claim's files"
end

begin "request: two runs write byte-identical slips"
patient_claim
run request claim.yaml -o first.pdf -q
expect_status 0
[ ! -s out ] || fail "-q printed: $(cat out)"
sleep 1
run request claim.yaml -o second.pdf -q
expect_status 0
cmp -s first.pdf second.pdf || fail "two runs differ"
end

begin "request: a page per hospital, one for an episode that names none"
patient_claim
# A visit to another hospital with every paper, another stay at the
# first (named in Chinese only) and an emergency visit whose hospital
# the manifest does not name.
awk '
	/^documents:/ {
		print "  - id: visit"
		print "    kind: outpatient"
		print "    hospital: Ruijin Hospital"
		print "    hospital_zh: 瑞金医院"
		print "    start: 2026-10-12"
		print "  - id: again"
		print "    kind: outpatient"
		print "    hospital_zh: 示例联合医院"
		print "    start: 2026-10-15"
		print "  - id: er"
		print "    kind: emergency"
		print "    start: 2026-10-20"
		print ""
		docs = 1
	}
	{ print }
	docs && /^  - id: / { print "    episode: stay" }
' claim.yaml > claim.yaml.new && mv claim.yaml.new claim.yaml
cat >> claim.yaml <<'YAML'

  - id: rj-record
    type: outpatient_record
    episode: visit
    files: [records/discharge-en.pdf]
    date: 2026-10-12
    name: "SMITH JOHN ALEXANDER"
  - id: rj-receipt
    type: fapiao
    episode: visit
    files: [billing/receipt.pdf]
    date: 2026-10-12
    name: "SMITH JOHN ALEXANDER"
    amount: 120
  - id: rj-expenses
    type: expense_list
    episode: visit
    files: [billing/expenses.pdf]
    date: 2026-10-12
    name: "SMITH JOHN ALEXANDER"
    amount: 120
  - id: rj-lab
    type: lab_report
    episode: visit
    files: [reports/lab-2026-10-04.pdf]
    date: 2026-10-12
    name: "SMITH JOHN ALEXANDER"
  - id: rj-ct
    type: imaging_report
    episode: visit
    files: [reports/ct-2026-10-04.pdf]
    date: 2026-10-12
    name: "SMITH JOHN ALEXANDER"
  - id: rj-images
    type: imaging_files
    episode: visit
    files: [imaging]
  - id: again-receipt
    type: fapiao
    episode: again
    files: [billing/receipt.pdf]
    date: 2026-10-15
    name: "SMITH JOHN ALEXANDER"
    amount: 80
  - id: again-expenses
    type: expense_list
    episode: again
    files: [billing/expenses.pdf]
    date: 2026-10-15
    name: "SMITH JOHN ALEXANDER"
    amount: 80
  - id: again-record
    type: outpatient_record
    episode: again
    files: [records/discharge-en.pdf]
    date: 2026-10-15
    name: "SMITH JOHN ALEXANDER"
YAML
run check claim.yaml
grep -q "required-missing" out || fail "fixture: check finds nothing missing"
run request claim.yaml -o slip.pdf
expect_status 0
expect_out "Example Union Hospital: 4 papers to ask for, 1 name to correct"
expect_out "Ruijin Hospital: nothing to ask, and its page says so"
expect_out "episode er (no hospital named"
[ "$(pages slip.pdf)" = 3 ] || fail "$(pages slip.pdf) pages for three hospitals"
qpdf --check slip.pdf > check.txt 2>&1 || fail "qpdf --check: $(tail -3 check.txt)"
text slip.pdf 1 > p1.txt
text slip.pdf 2 > p2.txt
text slip.pdf 3 > p3.txt
# The first hospital's page holds both its episodes, and says which
# each ask is for.
expect_text p1.txt "示例联合医院"
expect_text p1.txt "门诊 2026-10-15"
expect_text p1.txt "请提供：费用清单（住院 2026-10-03 至 2026-10-09）"
expect_text p1.txt "如有，请提供：检验报告（门诊 2026-10-15）"
expect_text p1.txt "如有，请提供：检验报告（住院 2026-10-03 至 2026-10-09）"
expect_text p1.txt "如有，请提供：影像报告（门诊 2026-10-15）"
expect_text p1.txt "If there is one, please provide: Imaging report, for the outpatient visit of 2026-10-15"
expect_no_text p1.txt "请提供：发票"
expect_no_text p1.txt "Ruijin"
expect_text p2.txt "瑞金医院"
expect_text p2.txt "本院的资料已齐全"
expect_no_text p2.txt "请提供"
# The translation of the discharge summary is no hospital's paper.
expect_no_text p1.txt "翻译件"
expect_text p3.txt "急诊 2026-10-20"
expect_text p3.txt "the claim does not name the hospital"
expect_text p3.txt "请提供：发票"
# Either paper will do, and the slip says so.
expect_text p3.txt "请提供：门诊病历 或 出院小结（其一即可）"
expect_text p3.txt "Please provide: Outpatient medical record or Discharge summary (either will do)"
end

begin "request: a list longer than a page goes on, and the staff's box ends it"
patient_claim
# Five more visits to the hospital, each without a paper: five asks
# each, more than a page holds.
awk '
	/^documents:/ {
		for (d = 11; d <= 15; d++) {
			print "  - id: visit" d
			print "    kind: outpatient"
			print "    hospital: Example Union Hospital"
			print "    start: 2026-10-" d
		}
		print ""
		docs = 1
	}
	{ print }
	docs && /^  - id: / { print "    episode: stay" }
' claim.yaml > claim.yaml.new && mv claim.yaml.new claim.yaml
run request claim.yaml -o slip.pdf
expect_status 0
n=$(qpdf --show-npages slip.pdf)
[ "$n" -ge 2 ] || fail "$n page(s) for 27 asks"
expect_out "Example Union Hospital: 27 papers to ask for, 1 name to correct ($n pages)"
qpdf --check slip.pdf > check.txt 2>&1 || fail "qpdf --check: $(tail -3 check.txt)"
text slip.pdf > all.txt
[ "$(grep -c '请提供' all.txt)" -eq 27 ] ||
    fail "$(grep -c '请提供' all.txt) papers asked for, not 27"
text slip.pdf 1 > first.txt
text slip.pdf "$n" > last.txt
expect_text first.txt "请协助办理"
expect_text first.txt "SMITH JOHN ALEXANDER"
expect_no_text first.txt "盖章"
expect_text last.txt "续页"
expect_text last.txt "示例联合医院"
expect_text last.txt "盖章"
expect_text last.txt "衷心感谢您的帮助"
# The visits' dates say which visit each ask is for.
expect_text all.txt "请提供：发票（门诊 2026-10-15）"
end

begin "request: the template's desks say where each paper is asked for"
patient_claim
sed -n '1,/^desks:/p' "$ROOT/templates/reimbursement.yaml" |
    sed 's/^name: reimbursement/name: my-insurer/; s/^  inpatient: \[fapiao/  inpatient: [claim_form, fapiao/' \
    > my-insurer.yaml
cat >> my-insurer.yaml <<'YAML'
  cashier:
    zh: 门诊收费窗口
    en: Cashier's window
    types: [expense_list]
YAML
run request claim.yaml --template my-insurer.yaml -o slip.pdf
expect_status 0
text slip.pdf > slip.txt
expect_desk slip.txt "费用清单" "门诊收费窗口" "门诊收费窗口|病案室"
# A type no desk lists is asked for at the medical records office.
expect_desk slip.txt "检验报告" "病案室" "门诊收费窗口|病案室"
expect_desk slip.txt "请将姓名更正为护照姓名" "病案室" "门诊收费窗口|病案室"
expect_no_text slip.txt "收费处"
# The insurer's claim form is required, but not the hospital's to give.
expect_no_text slip.txt "理赔申请表"
end

begin "request: bad input writes nothing and exits 2"
patient_claim
run request claim.yaml -o claim.yaml
expect_status 2
expect_err "is the manifest itself"
grep -q '^claimpack: 1' claim.yaml || fail "the manifest was overwritten"
run request claim.yaml -o billing/receipt.pdf
expect_status 2
expect_err "is one of the claim's files (document receipt)"
run request claim.yaml -o missing/slip.pdf
expect_status 2
[ ! -e missing ] || fail "a folder was made"
run request claim.yaml --template nope
expect_status 2
expect_err 'unknown template "nope"'
sed -i 's/^claimpack: 1/claimpack: 1\nbogus: 2/' claim.yaml
run request claim.yaml
expect_status 2
expect_err 'unknown key "bogus"'
run request
expect_status 2
expect_err "usage: claimpack request CLAIM.yaml"
ls *.pdf > pdfs.txt 2>/dev/null
[ ! -s pdfs.txt ] || fail "written: $(cat pdfs.txt)"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
