#!/bin/sh
# tests/fuzz/run.sh - runs one fuzz target for a while.
#
#   sh tests/fuzz/run.sh TARGET SECONDS [libFuzzer options...]
#   sh tests/fuzz/run.sh fuzz_manifest 600
#   sh tests/fuzz/run.sh fuzz_manifest 0 tests/fuzz/crashes/fuzz_manifest-x
#                                   (0 seconds and a file: run that input)
#
# Build the targets first (`make fuzz`, or sh tests/fuzz/build.sh).  The
# committed seeds in tests/fuzz/corpus/TARGET/ are read, never written:
# what the run finds goes to build-fuzz/corpus/TARGET/, crashes to
# build-fuzz/artifacts/TARGET/, the log to build-fuzz/logs/TARGET.log.
# Prints libFuzzer's last status line (executions, cov:, ft:, corpus)
# and its final statistics.  Exits non-zero when the target crashed.
set -eu

cd "$(dirname "$0")/../.."

if [ $# -lt 2 ]; then
	echo "usage: run.sh TARGET SECONDS [libFuzzer options...]" >&2
	exit 2
fi
t=$(basename "${1%.c}")
secs=$2
shift 2
OUT=${OUT:-build-fuzz}
bin=$OUT/$t
if [ ! -x "$bin" ]; then
	echo "run.sh: $bin not built (make fuzz)" >&2
	exit 2
fi

# Longest input per target: enough to reach every limit in its code
# (1024-byte names and URLs, 64 KB Exif segments are cut by the image
# files' own lengths), small enough to keep the runs fast.
case $t in
fuzz_amount|fuzz_date) max_len=64 ;;
fuzz_invoice_id)       max_len=256 ;;
fuzz_name|fuzz_qr)     max_len=4096 ;;
fuzz_sniff)            max_len=2048 ;;
fuzz_manifest)         max_len=16384 ;;
fuzz_image)            max_len=32768 ;;
fuzz_raster_png)       max_len=32768 ;;
fuzz_einvoice_xml)     max_len=16384 ;;
fuzz_ofd)              max_len=65536 ;;
fuzz_ofd_doc)          max_len=65536 ;;
fuzz_read_paper)       max_len=65536 ;;
*)                     max_len=4096 ;;
esac

# fontconfig, which poppler asks for the fonts a PDF does not embed,
# leaks 288 bytes once per process (tests/lsan.supp); nothing of ours.
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp}
export LSAN_OPTIONS

dict=
if [ -f "tests/fuzz/dict/$t.dict" ]; then
	dict=-dict=tests/fuzz/dict/$t.dict
fi

work=$OUT/corpus/$t
art=$OUT/artifacts/$t
log=$OUT/logs/$t.log
mkdir -p "$work" "$art" "$(dirname "$log")"

# A file argument means: run those inputs once (reproduce), no corpus.
reproduce=0
for a in "$@"; do
	[ -f "$a" ] && reproduce=1
done

set +e
if [ "$reproduce" = 1 ]; then
	"$bin" -rss_limit_mb=2048 -timeout=25 "$@"
	rc=$?
else
	# $dict is empty or one word.
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -max_len="$max_len" -rss_limit_mb=2048 \
	    -timeout=25 -print_final_stats=1 -artifact_prefix="$art/" \
	    $dict "$@" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	# The last status line: "#N DONE cov: C ft: F corp: ..." or, after a
	# crash, the last progress line before it.
	grep -E '^#[0-9]+' "$log" | tail -n 1
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
	    "$log" || true
	if [ "$rc" -ne 0 ]; then
		echo "run.sh: $t stopped with status $rc; see $log" >&2
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*property failed|artifact_prefix|Test unit written)' \
		    "$log" >&2 || true
	fi
fi
exit $rc
