#!/bin/sh
# exports.sh - the shared library exports the public API and nothing else.
#
#   sh tools/exports.sh build/libclaimpack.so.0
#
# Every dynamic symbol the library defines must be a cp_ function or
# object of claimpack.h (never a cp__ internal), and every function the
# header declares must be exported.
set -eu

cd "$(dirname "$0")/.."
lib=$1
status=0

defined=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sort -u)
declared=$(sed -n 's/.*CP_EXPORT[^(]*[ *]\(cp_[a-z0-9_]*\)(.*/\1/p' include/claimpack.h | sort -u)

for s in $defined; do
	case $s in
	cp__*) echo "exports: $lib exports the internal $s" >&2; status=1 ;;
	cp_*) printf '%s\n' "$declared" | grep -qx "$s" || {
		echo "exports: $lib exports $s, which claimpack.h does not declare" >&2
		status=1; } ;;
	_init|_fini|__bss_start|_edata|_end) ;;
	*) echo "exports: $lib exports $s, which is not claimpack's" >&2; status=1 ;;
	esac
done
for s in $declared; do
	printf '%s\n' "$defined" | grep -qx "$s" || {
		echo "exports: claimpack.h declares $s, which $lib does not export" >&2
		status=1; }
done
[ "$status" -eq 0 ] && echo "exports: $(printf '%s\n' "$defined" | wc -l) public symbols, all cp_"
exit $status
