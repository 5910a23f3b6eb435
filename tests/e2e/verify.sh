#!/bin/sh
# verify.sh CLAIMPACK SERVER - end-to-end tests of `claimpack verify`
# against the fake service (tests/verify_server.c) on 127.0.0.1, and of
# the verified marks a later build prints on the cover.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SERVER=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-verify.XXXXXX")
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

"$SERVER" > "$WORK/server.out" 2>/dev/null &
SERVER_PID=$!
i=0
while ! grep -q '^port ' "$WORK/server.out" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
PORT=$(sed -n 's/^port //p' "$WORK/server.out")
[ -n "$PORT" ] || { echo "verify.sh: the test server did not start" >&2; exit 2; }
SERVICE="http://127.0.0.1:$PORT/verify?kind={kind}&code={code}&number={number}&date={date}&amount={amount}&check6={check6}"

# The base claim with a receipt number the service knows as valid.
valid_claim() {
	base_claim
	sed -i 's|number: "0012345678"|number: "0010000001"|' claim.yaml
}

begin "verify: without a service, the manual sheet, offline, exit 0"
valid_claim
run verify claim.yaml; expect_status 0
expect_out "https://pjcy.mof.gov.cn/"
expect_out "code 11060126, number 0010000001"
expect_out "check code a1b2c3"
expect_out "nothing was looked up online"
[ ! -e claim.verify.json ] || fail "wrote results without a service"
end

begin "verify: a valid invoice, results written beside the manifest"
valid_claim
run verify claim.yaml --service "$SERVICE"; expect_status 0
expect_out "receipt"; expect_out "valid"; expect_out "127.0.0.1"
[ -f claim.verify.json ] || fail "no claim.verify.json"
grep -q '"status": *"valid"' claim.verify.json || fail "results lack the status"
end

begin "verify: the service from CLAIMPACK_VERIFY_URL"
valid_claim
CLAIMPACK_VERIFY_URL=$SERVICE "$CLAIMPACK" verify claim.yaml > out 2> err
STATUS=$?; expect_status 0; expect_out "valid"
end

begin "verify: an invalid invoice exits 1"
base_claim
sed -i 's|number: "0012345678"|number: "0010000002"|' claim.yaml
run verify claim.yaml --service "$SERVICE"; expect_status 1; expect_out "invalid"
end

begin "verify: an amount the service disagrees with exits 1"
base_claim
sed -i 's|number: "0012345678"|number: "0010000004"|' claim.yaml
run verify claim.yaml --service "$SERVICE"; expect_status 1; expect_out "mismatch"
end

begin "verify: a service that refuses connections exits 2"
valid_claim
run verify claim.yaml --service "http://127.0.0.1:9/v?n={number}" --timeout 2
expect_status 2; expect_out "unreachable"
end

begin "verify: plain http to another machine is refused before anything is sent"
valid_claim
run verify claim.yaml --service "http://192.0.2.1/v?n={number}"
expect_status 2; expect_err "plain http"
end

begin "verify: the cover shows the result, and not once the invoice changed"
valid_claim
run verify claim.yaml --service "$SERVICE"; expect_status 0
run build claim.yaml -o out.pdf; expect_status 0
# The summary after the path says it too, invoice by invoice.
expect_out "Invoices (1), 1 verified:"
grep -q '^  #5 .* No. 0010000001, CNY 12,850.40: verified valid · .* · via 127.0.0.1$' out ||
    fail "the summary does not say the invoice was verified"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | tr '\n' ' ' > cover.txt
grep -q "verified valid" cover.txt || fail "no verified mark on the cover"
grep -q "via 127.0.0.1" cover.txt || fail "the cover does not say via whom"
sed -i 's|number: "0010000001"|number: "0010000005"|' claim.yaml
run build claim.yaml -o out.pdf; expect_status 0
# The warning as check prints it, and the invoice not verified.
expect_out "warning invoice-verify-stale [receipt billing/receipt.pdf]: "
expect_out "was edited after it was verified"
expect_out "No. 0010000005, CNY 12,850.40: not verified (edited since it was verified)"
pdftotext -f 1 -l 1 out.pdf - 2>/dev/null | tr '\n' ' ' > cover.txt
! grep -q "verified valid" cover.txt || fail "a stale result is shown as verified"
grep -q "not verified online" cover.txt || fail "no 'not verified' note"
run build claim.yaml -o out.pdf --require-verified; expect_status 1
expect_err "invoice-unverified"
end

# check reads NAME.verify.json as build does: the same findings, so
# that check fails every claim build refuses, and passes the others.
begin "check: stored results count as in build (invalid, not found, mismatch, unusable, valid)"
for n in 0010000002:invalid:1 0010000003:not-found:1 \
    0010000004:verify-mismatch:1 0010000014:unreachable:0 \
    0010000001:-:0; do
	number=${n%%:*}; id=${n#*:}; id=${id%:*}; want=${n##*:}
	base_claim
	sed -i "s|number: \"0012345678\"|number: \"$number\"|" claim.yaml
	run verify claim.yaml --service "$SERVICE"
	[ -f claim.verify.json ] || fail "$number: verify wrote no results"
	run check --json claim.yaml; expect_status "$want"
	[ "$id" = - ] || expect_finding "invoice-$id" receipt
	run check claim.yaml; expect_status "$want"
	grep '(reimbursement template):' out > check.summary
	run build claim.yaml -o out.pdf; expect_status "$want"
	if [ "$want" -eq 1 ]; then
		grep '(reimbursement template):' err > build.summary
		cmp -s check.summary build.summary ||
		    fail "$number: check says $(cat check.summary), build $(cat build.summary)"
		[ ! -e out.pdf ] || fail "$number: build wrote a refused claim"
	fi
	rm -rf ./*
done
end

begin "check: a result about an edited invoice is a warning, as in build"
valid_claim
run verify claim.yaml --service "$SERVICE"; expect_status 0
sed -i 's|number: "0010000001"|number: "0010000005"|' claim.yaml
run check --json claim.yaml; expect_status 0
expect_finding invoice-verify-stale receipt
run check claim.yaml; expect_status 0
expect_out "was edited after it was verified"
expect_out "0 errors, 1 warning, 0 notices"
run check claim.yaml --strict; expect_status 1
end

begin "check: a results file that cannot be read is ignored with a warning, as in build"
base_claim
printf 'not json\n' > claim.verify.json
run check claim.yaml; expect_status 0
expect_err "claim.verify.json"; expect_err "(ignored)"
expect_out "0 errors, 0 warnings, 0 notices - ready to send"
run build claim.yaml -o out.pdf; expect_status 0; expect_err "(ignored)"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
