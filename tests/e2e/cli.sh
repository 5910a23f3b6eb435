#!/bin/sh
# cli.sh CLAIMPACK - the command line as users read it: `claimpack --help`,
# each command's --help, the man page's SYNOPSIS and options, and the
# README must name the same commands and options.
#
# The man page is rendered with groff (groff-base), not read by
# claimpack's code, so an option added to the table in src/cli/commands.c
# without docs/claimpack.1, or the reverse, fails here.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"

MAN=$ROOT/docs/claimpack.1

# One usage line a command, however it was wrapped: a line starting with
# "claimpack " begins one, any other continues it.  Spaces are squeezed
# and "a | b" is written "a|b", as groff and --help space them apart.
one_per_command() {
	sed 's/^usage: //; s/^ *//' | awk '
		/^claimpack / { if (line != "") print line; line = $0; next }
		{ line = line " " $0 }
		END { if (line != "") print line }' |
	sed 's/ *| */|/g; s/  */ /g; s/ *$//'
}

# The man page's SYNOPSIS as groff renders it.
man_synopsis() {
	groff -mdoc -Tascii -P-cbou "$MAN" 2>/dev/null |
	    awk '/^SYNOPSIS/ { on = 1; next } on && /^[^ ]/ { exit } on && NF' |
	    one_per_command
}

# The usage lines at the top of a --help: up to the first empty line.
help_usage() {
	sed '/^$/q' | one_per_command
}

# The long names of the options a --help lists, one a line.
help_options() {
	sed -n 's/^    \(-[a-z], \)\{0,1\}--\([a-z-]*\).*/\2/p' | sort -u
}

begin "man: the SYNOPSIS is the usage claimpack --help prints"
man_synopsis > man.txt
run --help; expect_status 0
help_usage < out > help.txt
[ -s man.txt ] || fail "no SYNOPSIS read from $MAN (is groff installed?)"
[ "$(wc -l < help.txt)" -ge 6 ] || fail "--help has $(wc -l < help.txt) usage lines"
if ! diff -u man.txt help.txt > diff.txt; then
	fail "docs/claimpack.1 SYNOPSIS (-) and claimpack --help (+) differ:"
	sed 's/^/    /' diff.txt
fi
end

begin "cli: each command's --help starts with its line of claimpack --help"
run --help; help_usage < out > all.txt
for cmd in $(sed -n 's/^claimpack \([a-z][a-z]*\).*/\1/p' all.txt); do
	run "$cmd" --help; expect_status 0
	help_usage < out > one.txt
	grep -x "claimpack $cmd.*" all.txt > want.txt
	cmp -s one.txt want.txt ||
	    fail "$cmd --help: $(cat one.txt); claimpack --help: $(cat want.txt)"
	run "$cmd" -h; expect_status 0
	help_usage < out | cmp -s - want.txt || fail "$cmd -h differs from --help"
done
end

begin "man: every option --help lists is described, and no other"
run --help; help_options < out > help.txt
sed -n 's/^\.It .*Fl -\([a-z-]*\).*/\1/p' "$MAN" | sort -u > man.txt
[ -s help.txt ] || fail "no options read from --help"
for o in $(cat help.txt); do
	grep -qE "^\.It (Fl [a-z]( Ar [^,]*)? , )?Fl -$o( |$)" "$MAN" ||
	    fail "--$o has no .It entry in docs/claimpack.1"
done
for o in $(cat man.txt); do
	grep -qx "$o" help.txt || fail "docs/claimpack.1 describes --$o, which --help does not list"
done
end

begin "cli: --help names --max-size, --min-dpi, --split and --require-verified"
run --help; expect_status 0
help_usage < out > usage.txt
for o in max-size min-dpi split require-verified full-passport paper; do
	grep -q "^claimpack build .*\[--$o " usage.txt ||
	    grep -q "^claimpack build .*\[--$o\]" usage.txt ||
	    fail "no --$o in the usage of build"
	grep -q "^    --$o " out || fail "no help line for --$o"
done
end

begin "readme: its usage block is what claimpack --help prints"
run --help; help_usage < out > help.txt
awk '/^usage: claimpack / { on = 1 } on && /^```/ { exit } on' \
    "$ROOT/README.md" | one_per_command > readme.txt
[ -s readme.txt ] || fail "README.md has no block starting \"usage: claimpack\""
if ! diff -u readme.txt help.txt > diff.txt; then
	fail "README.md's usage (-) and claimpack --help (+) differ:"
	sed 's/^/    /' diff.txt
fi
end

begin "cli: an option's usage error shows that command's usage"
run build --paper a5 claim.yaml; expect_status 2
expect_err '--paper takes a4 or letter, not "a5"'
expect_err "usage: claimpack build CLAIM.yaml"
run verify --jobs 0 claim.yaml; expect_status 2
expect_err '--jobs takes a number from 1 to 32, not "0"'
expect_err "usage: claimpack verify CLAIM.yaml"
run cover --nope claim.yaml; expect_status 2
expect_err 'unknown or incomplete option "--nope"'
expect_err "usage: claimpack cover CLAIM.yaml"
run check --template; expect_status 2
expect_err 'unknown or incomplete option "--template"'
run types extra; expect_status 2; expect_err "types takes no arguments"
run frobnicate; expect_status 2
expect_err "usage: claimpack init"; expect_err "claimpack --help | --version"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
