#!/bin/sh
# mistakes.sh CLAIMPACK - the mistakes people make typing a manifest:
# one run names every one, with its line and column and what to write
# instead; check --json lists them as JSON; build, cover and verify
# print them too.  The syntax slips (a Chinese keyboard's full-width
# colon, a tab, an indentation that lines up with nothing) stop the
# parser, so each has a manifest of its own.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-mistakes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

# expect_line TEXT: stderr has TEXT as a whole line.
expect_line() { grep -qxF -- "$1" err || fail "stderr lacks the line: $1"; }

# valid_json FILE: FILE is one JSON value (python3 or jq when there is
# one, else a rough check that quotes and brackets balance).
valid_json() {
	if command -v python3 > /dev/null 2>&1; then
		python3 -m json.tool "$1" > /dev/null 2>&1
	elif command -v jq > /dev/null 2>&1; then
		jq . "$1" > /dev/null 2>&1
	else
		awk 'BEGIN { RS = "\001" } {
			gsub(/\\./, ""); gsub(/"[^"]*"/, "")
			n = split($0, c, "")
			for (i = 1; i <= n; i++) {
				if (c[i] == "{" || c[i] == "[") d++
				if (c[i] == "}" || c[i] == "]") d--
				if (d < 0) exit 1
			}
			exit d != 0 }' "$1"
	fi
}

# The papers of the claim below, as they are on disk.
mistakes_papers() {
	make_jpeg records/discharge-1.jpg
	make_png records/discharge-2.png
	make_pdf billing/receipt.pdf "Receipt"
	make_pdf billing/expenses.pdf "Expenses"
	make_pdf billing/Receipt-2.PDF "Receipt 2"
	make_pdf reports/lab.pdf "Lab"
	make_pdf reports/ct.pdf "CT"
}

# A claim of two episodes with the mistakes of a hurried evening, each
# commented.
mistakes_claim() {
	mistakes_papers
	cat > claim.yaml <<'YAML'
claimpack: 1
claim:
  reference: CG-TEST-1
  prepared: 2026-11-20
patient:
  name: "SMITH, John Alexander"
  passport: "P12345678"
episodes:
  - id: stay
    kind: inpatient
    hospital: Example Union Hospital
    start: 2026-10-03
    discharge_date: 2026-10-09                # end
  - id: followup
    kind: outpatient
    hospital: Example Union Hospital
    start: 2026-11-03
documents:
  - id: discharge
    type: discharge_sumary                    # a letter short
    episode: stay
    files: [records/discharge-l.jpg, records/discharge-2.png]  # l for 1
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
  - id: receipt
    type: receipt                             # fapiao
    episode: stay
    files: [billing/receipt.pdf]
    date: 2026/10/09
    name: "SMITH JOHN ALEXANDER"
    amount: ¥12850.4
  - id: expenses
    type: expense_list
    episode: stay
    files: [billing/expenses.pdf]
    date: 2026-10-09
    name: "SMITH JOHN ALEXANDER"
    ammount: 12850.40
  - id: lab                                   # no episode
    type: lab_report
    files: [reports/lab.pdf]
    date: 2026-10-04
    name: "John Alexander Smith"
  - type: imaging_report                      # no id, no episode
    files: [reports/ct.pdf]
    date: 11/03/2026                          # March or November?
    name: "John Alexander Smith"
  - id: followup-receipt
    type: fapiao
    episode: folowup
    files: [billing/receipt-2.pdf]            # Receipt-2.PDF on disk
    date: 2026-11-03
    name: "SMITH JOHN ALEXANDER"
    amount: 18,650.20
YAML
}

# The lines of the report on mistakes_claim, in the order of the file.
MISTAKES_LINES='claim.yaml:13:5: unknown key "discharge_date" in episode 1; did you mean "end"?
claim.yaml:20:11: unknown document type "discharge_sumary"; did you mean discharge_summary? (run `claimpack types` for the list)
claim.yaml:22:13: records/discharge-l.jpg (document "discharge") does not exist; did you mean records/discharge-1.jpg?
claim.yaml:26:11: unknown document type "receipt"; did you mean fapiao? (run `claimpack types` for the list)
claim.yaml:29:11: document date "2026/10/09" is not in the form YYYY-MM-DD; write 2026-10-09
claim.yaml:31:13: document amount "¥12850.4" is not a plain decimal number; write 12850.40 (without the yen sign "¥")
claim.yaml:38:5: unknown key "ammount" in document "expenses"; did you mean "amount"?
claim.yaml:39:5: document "lab" has no episode: with several episodes each document names its own; add "episode:" with one of stay, followup
claim.yaml:44:5: document 5 (reports/ct.pdf) has no episode: with several episodes each document names its own; add "episode:" with one of stay, followup
claim.yaml:46:11: document date "11/03/2026" is not in the form YYYY-MM-DD and is ambiguous: write 2026-03-11 if it is day/month/year, 2026-11-03 if it is month/day/year
claim.yaml:50:14: document "followup-receipt" names episode "folowup", which is not in the episodes list; did you mean "followup"? The episode ids are: stay, followup
claim.yaml:51:13: billing/receipt-2.pdf (document "followup-receipt") does not exist; did you mean billing/Receipt-2.PDF?
claim.yaml:54:13: document amount "18,650.20" uses a thousands separator; write 18650.20 (without the thousands separator ",")'

begin "mistakes: one run names every one, where it is and what to write"
mistakes_claim
run check claim.yaml; expect_status 2
[ ! -s out ] || fail "printed a report for an invalid manifest"
printf '%s\n' "$MISTAKES_LINES" | while IFS= read -r line; do
	grep -qxF -- "$line" err || echo "$line"
done > missing.txt
[ ! -s missing.txt ] || fail "missing lines: $(cat missing.txt)"
# Those lines alone, in that order, and how many.
printf '%s\nclaimpack: 13 errors in claim.yaml\n' "$MISTAKES_LINES" > want.txt
cmp -s want.txt err || fail "stderr is not the 13 lines in order: $(diff want.txt err)"
end

begin "mistakes: check --json lists them, each with file, line and column"
mistakes_claim
run check --json claim.yaml; expect_status 2
[ ! -s err ] || fail "printed to stderr with --json"
valid_json out || fail "stdout is not valid JSON"
expect_out '{"ok":false,"manifest_errors":[{"file":"claim.yaml","line":13,"column":5,"message":"unknown key \"discharge_date\" in episode 1; did you mean \"end\"?"},'
expect_out '{"file":"claim.yaml","line":31,"column":13,"message":"document amount \"¥12850.4\" is not a plain decimal number; write 12850.40 (without the yen sign \"¥\")"}'
expect_out '],"more_errors":0}'
[ "$(grep -o '"line":' out | wc -l)" -eq 13 ] || fail "not 13 errors in the JSON"
end

begin "mistakes: build, cover and verify print every one and write nothing"
mistakes_claim
printf '%s\nclaimpack: 13 errors in claim.yaml\n' "$MISTAKES_LINES" > want.txt
for cmd in build cover verify; do
	if [ "$cmd" = verify ]; then
		run verify claim.yaml
	else
		run "$cmd" claim.yaml -o out.pdf
	fi
	expect_status 2
	cmp -s want.txt err || fail "$cmd: stderr differs: $(diff want.txt err)"
	[ ! -e out.pdf ] || fail "$cmd wrote out.pdf"
done
end

begin "mistakes: the manifest fixed as told checks clean of them"
mistakes_claim
edit 's|discharge_date:|end:|; s|discharge_sumary|discharge_summary|'
edit 's|discharge-l.jpg|discharge-1.jpg|; s|type: receipt |type: fapiao |'
edit 's|2026/10/09|2026-10-09|; s|¥12850.4|12850.40|; s|ammount|amount|'
edit 's|^  - id: lab  .*|  - id: lab\n    episode: stay|'
edit 's|^  - type: imaging_report .*|  - type: imaging_report\n    episode: stay|'
edit 's|11/03/2026|2026-10-04|; s|folowup|followup|; s|receipt-2.pdf|Receipt-2.PDF|'
edit 's|18,650.20|18650.20|'
run check --json claim.yaml
[ "$STATUS" -ne 2 ] || fail "still a manifest error: $(cat err)"
expect_out '"findings":'
end

# ---- the slips that stop the parser ----------------------------------------

begin "slips: every full-width colon of a Chinese keyboard is named"
mistakes_papers
cat > claim.yaml <<'YAML'
claimpack: 1
patient:
  name：SMITH, John
  passport: P12345678
episodes:
  - kind：inpatient
    hospital: Example Union Hospital
    start: 2026-10-03
documents: []
YAML
run check claim.yaml; expect_status 2
expect_line "claim.yaml:3:7: YAML syntax: the colon after \"name\" is the full-width \"：\" of a Chinese keyboard; use the ASCII colon ':' (type it with the keyboard in English mode): name: SMITH, John"
expect_line "claim.yaml:6:9: YAML syntax: the colon after \"kind\" is the full-width \"：\" of a Chinese keyboard; use the ASCII colon ':' (type it with the keyboard in English mode): kind: inpatient"
expect_line "claimpack: 2 errors in claim.yaml"
run check --json claim.yaml; expect_status 2
valid_json out || fail "stdout is not valid JSON"
expect_out '"line":6,"column":9,'
end

begin "slips: a key indented by 3 spaces among keys indented by 4"
base_claim
edit 's|^    date: 2026-10-04$|   date: 2026-10-04|'
run check claim.yaml; expect_status 2
expect_line 'claim.yaml:39:4: YAML syntax: line 39 is indented by 3 spaces, which lines up with nothing above it; indent it by 4 spaces like "files:" on line 38'
end

begin "slips: a list item indented by 3 spaces among items indented by 2"
base_claim
edit 's|^  - id: lab$|   - id: lab|'
run check claim.yaml; expect_status 2
expect_line 'claim.yaml:36:4: YAML syntax: the list item on line 36 is indented by 3 spaces; indent list items by 2 spaces like the one on line 30 above'
end

begin "slips: a tab in the indentation"
base_claim
edit 's|^    files: \[reports/lab.pdf\]|\tfiles: [reports/lab.pdf]|'
run check claim.yaml; expect_status 2
expect_line 'claim.yaml:38:1: YAML syntax: line 38 is indented with a tab; indent with spaces, not tabs'
end

# ---- many mistakes ---------------------------------------------------------

begin "many mistakes: the first 50 are shown, and how many more"
base_claim
awk '{ print } /^  passport:/ { for (i = 1; i <= 60; i++) printf "  nationality%d: GB\n", i }' \
    claim.yaml > c && mv c claim.yaml
run check claim.yaml; expect_status 2
[ "$(grep -c 'unknown key "nationality' err)" -eq 50 ] || fail "not 50 lines shown"
expect_line "claimpack: 60 errors in claim.yaml; the first 50 are shown, and 10 more"
run check --json claim.yaml; expect_status 2
valid_json out || fail "stdout is not valid JSON"
expect_out '"more_errors":10}'
end

# ---- a valid manifest's missing file ----------------------------------------

begin "file-missing: a valid manifest's missing file names the nearest"
base_claim
mv records/discharge-1.jpg records/Discharge-1.JPG
run check --json claim.yaml; expect_status 1
expect_finding file-missing discharge
expect_out 'records/discharge-1.jpg (document discharge) does not exist; did you mean records/Discharge-1.JPG?'
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
