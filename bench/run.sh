#!/bin/sh
# run.sh - claimpack's benchmark at claim scale (bench/README.md says what
# it measures and why).
#
# usage: sh bench/run.sh [S] [M] [L]        (default: S M L)
#
# Builds claimpack afresh into bench/work/build, generates the synthetic claims
# once (kept in bench/work/inputs/ until bench/gen.c changes), checks that
# `claimpack check` finds no error in them, then per size runs, alternately
# and REPS times: `claimpack build`, the by-hand baseline (bench/baseline.sh:
# img2pdf + qpdf) and `claimpack check` alone, each under /usr/bin/time.
# Writes bench/RESULTS.md (medians, ratios, growth, the targets) and keeps
# every sample in bench/work/samples.txt.
#
# Environment: REPS_S, REPS_M, REPS_L (default 5, 5, 3); BENCH_COMMIT (a
# git revision: benchmark that committed tree, exported with git archive,
# instead of the working tree); BENCH_WORK (the
# work folder, default bench/work); BENCH_RESULTS (default
# bench/RESULTS.md); BENCH_NOTE (a sentence put at the top of RESULTS.md,
# e.g. that the machine was busy).  Run it under `nice` on a shared
# machine; the niceness is recorded.
#
# Run as root, it installs the Debian packages it needs with apt-get, as
# tools/deps.sh does for claimpack's own; otherwise it names them and
# stops.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
work=${BENCH_WORK:-$bench/work}
results=${BENCH_RESULTS:-$bench/RESULTS.md}
sizes=${*:-S M L}

die() {
	echo "bench: $*" >&2
	exit 1
}

for s in $sizes; do
	case $s in
	S | M | L) ;;
	*) die "unknown size '$s' (S, M or L)" ;;
	esac
done

# ---- packages ------------------------------------------------------------

# img2pdf and qpdf: the baseline; time: GNU time's peak RSS; libjpeg-dev:
# the generator's JPEG encoder; poppler-utils: pdfinfo's page sizes.
BENCH_PKGS="img2pdf qpdf time libjpeg-dev poppler-utils gcc libc6-dev make"

sh "$root/tools/deps.sh" || die "claimpack's own packages are missing (see above)"
missing=""
for p in $BENCH_PKGS; do
	case $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "the benchmark needs these Debian packages:$missing" >&2
		die "install them with: sudo apt-get install -y$missing"
	fi
	echo "installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >&2
fi
TIME=/usr/bin/time
[ -x "$TIME" ] || die "$TIME not found (Debian: apt-get install time)"

# ---- claimpack and the generator -------------------------------------------

mkdir -p "$work/inputs" "$work/out"
# From scratch every time: a benchmark must not measure a stale mix of
# objects left by earlier builds of a tree that others are editing.
src=$root
if [ -n "${BENCH_COMMIT:-}" ]; then
	commit=$(git -C "$root" rev-parse --short "$BENCH_COMMIT") ||
		die "BENCH_COMMIT=$BENCH_COMMIT is not a revision of this repository"
	src=$work/src
	rm -rf "$src"
	mkdir -p "$src"
	git -C "$root" archive "$commit" | tar -x -C "$src" ||
		die "cannot export $commit"
	tree="commit $commit (exported with git archive)"
else
	commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
	dirty=$(git -C "$root" status --porcelain -- src include Makefile templates 2>/dev/null |
		wc -l | tr -d ' ')
	tree="working tree at commit $commit"
	[ "$dirty" -gt 0 ] && tree="$tree, with uncommitted changes in $dirty files"
fi
echo "bench: building claimpack ($tree) into ${work#"$root"/}/build" >&2
rm -rf "$work/build"
make -C "$src" --no-print-directory BUILD="$work/build" \
	"$work/build/claimpack" >"$work/make.log" 2>&1 ||
	{ tail -20 "$work/make.log" >&2; die "make failed (log: $work/make.log)"; }
CP=$work/build/claimpack

# shellcheck disable=SC2086
${CC:-cc} -std=c11 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L \
	-o "$work/gen" "$bench/gen.c" -ljpeg -lm ||
	die "cannot build bench/gen.c (Debian: apt-get install libjpeg-dev)"
# The inputs are regenerated only when the generator changes.
key=$(cksum <"$bench/gen.c" | cut -d' ' -f1)

generate() {
	dir=$work/inputs/$1
	if [ -f "$dir/.key" ] && [ "$(cat "$dir/.key")" = "$key" ]; then
		return 0
	fi
	echo "bench: generating size $1 (once; kept in ${dir#"$root"/})" >&2
	rm -rf "$dir" "$dir.tmp"
	mkdir -p "$dir.tmp"
	"$work/gen" "$1" "$dir.tmp" >&2 || die "gen $1 failed"
	echo "$key" >"$dir.tmp/.key"
	mv "$dir.tmp" "$dir"
}

# value KEY FILE: the value of a key=value line.
value() {
	sed -n "s/^$1=//p" "$2"
}

median() {
	sort -n | awk '{ v[NR] = $1 }
	    END { if (NR == 0) print "nan";
	          else if (NR % 2) print v[(NR + 1) / 2];
	          else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---- measuring -------------------------------------------------------------

samples=$work/samples.txt
: >"$samples"

# measure SIZE TOOL REP OUT CMD...: runs CMD under GNU time in the claim's
# folder; appends "SIZE TOOL REP WALL_S RSS_KB CPU_S OUT_BYTES".
measure() {
	m_size=$1 m_tool=$2 m_rep=$3 m_out=$4
	shift 4
	[ "$m_out" = - ] || rm -f "$m_out"
	if ! (cd "$work/inputs/$m_size" &&
		"$TIME" -f '%e %M %U %S' -o "$work/time.txt" "$@" \
			>"$work/run.log" 2>&1); then
		cat "$work/run.log" "$work/time.txt" >&2
		die "$m_size $m_tool failed"
	fi
	# The last line holds the four figures (a failed command's first
	# line would be GNU time's "exited with" note); split on purpose.
	# shellcheck disable=SC2046
	set -- $(tail -n 1 "$work/time.txt")
	bytes=0
	[ "$m_out" = - ] || bytes=$(wc -c <"$m_out" | tr -d ' ')
	echo "$m_size $m_tool $m_rep $1 $2 $(echo "$3 $4" |
	    awk '{ printf "%.2f", $1 + $2 }') $bytes" >>"$samples"
	echo "  $m_size $m_tool #$m_rep: $1 s, $(($2 * 1024 / 1000000)) MB, $bytes bytes" >&2
}

for s in $sizes; do
	generate "$s"
	dir=$work/inputs/$s
	# No error allowed: the build would refuse the claim.
	(cd "$dir" && "$CP" check --json claim.yaml >"$work/check-$s.json") ||
		die "claimpack check finds errors in size $s: see $work/check-$s.json"
	case $s in
	S) reps=${REPS_S:-5} ;;
	M) reps=${REPS_M:-5} ;;
	L) reps=${REPS_L:-3} ;;
	esac
	# Every run finds the inputs in the page cache.
	find "$dir" -type f -exec cat {} + >/dev/null
	echo "bench: size $s, $reps repetitions" >&2
	rep=1
	while [ "$rep" -le "$reps" ]; do
		measure "$s" claimpack "$rep" "$work/out/$s-claimpack.pdf" \
			"$CP" build --quiet claim.yaml -o "$work/out/$s-claimpack.pdf"
		mkdir -p "$work/out/tmp"
		measure "$s" baseline "$rep" "$work/out/$s-baseline.pdf" \
			sh "$bench/baseline.sh" order.txt \
			"$work/out/$s-baseline.pdf" "$work/out/tmp"
		measure "$s" check "$rep" - "$CP" check claim.yaml
		rep=$((rep + 1))
	done
	qpdf --show-npages "$work/out/$s-claimpack.pdf" >"$work/out/$s-claimpack.pages"
	qpdf --show-npages "$work/out/$s-baseline.pdf" >"$work/out/$s-baseline.pages"
	# Same papers in the same order: the page sizes of the baseline and of
	# claimpack's document pages (after its cover and index) agree.
	for t in claimpack baseline; do
		pdfinfo -f 1 -l 100000 "$work/out/$s-$t.pdf" |
			awk '/^Page +[0-9]+ size:/ { printf "%d %d\n", $4 + 0.5, $6 + 0.5 }' \
			>"$work/out/$s-$t.sizes"
	done
	n=$(wc -l <"$work/out/$s-baseline.sizes")
	if tail -n "$n" "$work/out/$s-claimpack.sizes" |
		cmp -s - "$work/out/$s-baseline.sizes"; then
		echo same >"$work/out/$s.order"
	else
		echo "bench: size $s: claimpack's pages and the baseline's differ in order or size" >&2
		echo differ >"$work/out/$s.order"
	fi
done

# ---- RESULTS.md ------------------------------------------------------------

# med SIZE TOOL COLUMN: the median of a column (4 wall, 5 rss, 6 cpu,
# 7 bytes) over the repetitions.
med() {
	awk -v s="$1" -v t="$2" -v c="$3" '$1 == s && $2 == t { print $c }' \
		"$samples" | median
}
range() {
	awk -v s="$1" -v t="$2" -v c="$3" '$1 == s && $2 == t { print $c }' \
		"$samples" | sort -n | awk '{ v[NR] = $1 } END { printf "%s-%s", v[1], v[NR] }'
}
# calc EXPR: floating-point arithmetic on numbers given as awk variables.
calc() {
	awk "BEGIN { printf \"$1\", $2 }"
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)

{
	echo "# claimpack benchmark results"
	echo
	echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); what is"
	echo "measured and how: [README.md](README.md)."
	if [ -n "${BENCH_NOTE:-}" ]; then
		echo
		echo "**${BENCH_NOTE}**"
	fi
	echo
	echo "## Machine"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| CPUs (nproc) | $(nproc) |"
	echo "| CPU model | $cpu |"
	echo "| memory | $mem |"
	echo "| kernel | $(uname -sr) |"
	echo "| Debian | $(cat /etc/debian_version 2>/dev/null || echo '?') |"
	echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
	echo "| niceness of the run | $(nice) |"
	echo "| claimpack | $("$CP" --version | head -n 1), $tree |"
	echo "| qpdf (and libqpdf) | $(qpdf --version | head -n 1 | sed 's/qpdf version //') |"
	echo "| img2pdf | $(img2pdf --version 2>&1 | sed 's/img2pdf //') |"
	echo "| compiler | $(${CC:-cc} --version | head -n 1) |"
	echo
	echo "## Inputs"
	echo
	echo "| size | documents | photos (3000x4000 JPEG) | scanned PDFs | vector PDFs | pages | input MB (in the bundle) | DICOM MB (hashed, not printed) |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|"
	for s in $sizes; do
		f=$work/inputs/$s/summary.txt
		echo "| $s | $(value documents "$f") | $(value photos "$f") | $(value scanned "$f") | $(($(value pdfs "$f") - $(value scanned "$f"))) | $(value pages "$f") | $(calc %.1f "$(value input_bytes "$f") / 1e6") | $(calc %.1f "$(value imaging_bytes "$f") / 1e6") |"
	done
	echo
	echo "## Medians"
	echo
	echo "Wall and CPU (user + system) seconds, peak resident set size, output"
	echo "size; medians of the repetitions (range in brackets). MB are 10^6"
	echo "bytes, KB 10^3. Overhead is the output's size minus the sum of the"
	echo "input files' sizes."
	for s in $sizes; do
		f=$work/inputs/$s/summary.txt
		in=$(value input_bytes "$f")
		pages=$(value pages "$f")
		n=$(awk -v s="$s" '$1 == s && $2 == "claimpack"' "$samples" | wc -l | tr -d ' ')
		cw=$(med "$s" claimpack 4) bw=$(med "$s" baseline 4) kw=$(med "$s" check 4)
		cr=$(med "$s" claimpack 5) br=$(med "$s" baseline 5) kr=$(med "$s" check 5)
		cc_=$(med "$s" claimpack 6) bc=$(med "$s" baseline 6) kc=$(med "$s" check 6)
		co=$(med "$s" claimpack 7) bo=$(med "$s" baseline 7)
		echo
		echo "### $s: $(value documents "$f") documents, $pages pages, $(calc %.1f "$in / 1e6") MB in ($n repetitions)"
		echo
		echo "| | claimpack build | baseline (img2pdf + qpdf) | claimpack / baseline | of which \`claimpack check\` alone |"
		echo "|---|---:|---:|---:|---:|"
		echo "| wall s | $cw [$(range "$s" claimpack 4)] | $bw [$(range "$s" baseline 4)] | $(calc %.2f "$cw / $bw") | $kw |"
		echo "| CPU s | $cc_ | $bc | $(calc %.2f "$cc_ / ($bc > 0 ? $bc : 0.01)") | $kc |"
		echo "| peak RSS MB | $(calc %.1f "$cr * 1024 / 1e6") [$(range "$s" claimpack 5 | awk -F- '{ printf "%.0f-%.0f", $1 * 1024 / 1e6, $2 * 1024 / 1e6 }')] | $(calc %.1f "$br * 1024 / 1e6") | $(calc %.2f "$cr / $br") | $(calc %.1f "$kr * 1024 / 1e6") |"
		echo "| output MB | $(calc %.3f "$co / 1e6") | $(calc %.3f "$bo / 1e6") | $(calc %.4f "$co / $bo") | |"
		echo "| output pages | $(cat "$work/out/$s-claimpack.pages") | $(cat "$work/out/$s-baseline.pages") | document pages in the same order and sizes: $(sed 's/same/yes/; s/differ/NO/' "$work/out/$s.order") | |"
		echo "| overhead KB (output - inputs) | $(calc %.1f "($co - $in) / 1000") | $(calc %.1f "($bo - $in) / 1000") | | |"
		echo "| wall ms per page | $(calc %.1f "$cw * 1000 / $pages") | $(calc %.1f "$bw * 1000 / $pages") | | |"
		echo "| wall s per input GB | $(calc %.2f "$cw / ($in / 1e9)") | $(calc %.2f "$bw / ($in / 1e9)") | | |"
	done
	echo
	echo "## Growth"
	echo
	echo "Each size against the previous one measured: how much more input, and"
	echo "how much more time and memory it cost."
	echo
	echo "| step | input bytes x | pages x | claimpack wall x | claimpack peak RSS x | baseline wall x | baseline peak RSS x |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	prev=""
	for s in $sizes; do
		if [ -n "$prev" ]; then
			a=$work/inputs/$prev/summary.txt b=$work/inputs/$s/summary.txt
			echo "| $prev -> $s | $(calc %.1f "$(value input_bytes "$b") / $(value input_bytes "$a")") | $(calc %.1f "$(value pages "$b") / $(value pages "$a")") | $(calc %.1f "$(med "$s" claimpack 4) / $(med "$prev" claimpack 4)") | $(calc %.2f "$(med "$s" claimpack 5) / $(med "$prev" claimpack 5)") | $(calc %.1f "$(med "$s" baseline 4) / $(med "$prev" baseline 4)") | $(calc %.2f "$(med "$s" baseline 5) / $(med "$prev" baseline 5)") |"
		fi
		prev=$s
	done
	echo
	echo "## Targets"
	echo
	echo "| target | size | measured | verdict |"
	echo "|---|---|---|---|"
	for s in M L; do
		case " $sizes " in *" $s "*) ;; *)
			echo "| build time claimpack / baseline <= 1.0 | $s | not measured in this run | - |"
			continue ;;
		esac
		r=$(calc %.2f "$(med "$s" claimpack 4) / $(med "$s" baseline 4)")
		echo "| build time claimpack / baseline <= 1.0 | $s | $r | $(awk -v r="$r" 'BEGIN { if (r <= 1.0) print "met"; else printf "NOT met: %.0f%% slower than the baseline\n", (r - 1) * 100 }') |"
	done
	case " $sizes " in
	*" L "*)
		rss=$(calc %.1f "$(med L claimpack 5) * 1024 / 1e6")
		echo "| peak RSS under 100 MB | L | $rss MB | $(awk -v r="$rss" 'BEGIN { if (r < 100) print "met"; else printf "NOT met: %.0f MB over (%.1fx the target)\n", r - 100, r / 100 }') |"
		;;
	*) echo "| peak RSS under 100 MB | L | not measured in this run | - |" ;;
	esac
	first=$(echo "$sizes" | awk '{ print $1 }') last=$(echo "$sizes" | awk '{ print $NF }')
	if [ "$first" != "$last" ]; then
		# The extra memory per extra byte of input, between the smallest
		# and the largest size: a fixed base (libraries, font) does not
		# count, what grows with the claim does.
		di=$(calc %.1f "($(value input_bytes "$work/inputs/$last/summary.txt") - $(value input_bytes "$work/inputs/$first/summary.txt")) / 1e6")
		dr=$(calc %.1f "($(med "$last" claimpack 5) - $(med "$first" claimpack 5)) * 1024 / 1e6")
		slope=$(calc %.3f "$dr / $di")
		echo "| peak RSS grows far slower than input bytes: at most 0.1 MB more memory per MB more input | $first -> $last | +$dr MB of RSS for +$di MB of input: $slope MB per MB | $(awk -v k="$slope" 'BEGIN { if (k <= 0.1) print "met"; else printf "NOT met: %.1fx the allowed slope%s\n", k / 0.1, (k >= 1 ? " (memory grows faster than the input)" : "") }') |"
	fi
	for s in $sizes; do
		in=$(value input_bytes "$work/inputs/$s/summary.txt")
		ov=$(calc %.1f "($(med "$s" claimpack 7) - $in) / 1000")
		echo "| output <= inputs + overhead, overhead under 250 KB | $s | $ov KB | $(awk -v o="$ov" 'BEGIN { if (o < 250) print "met"; else printf "NOT met: %.1f KB over\n", o - 250 }') |"
	done
	echo
	echo "## Samples"
	echo
	echo "Every run, in the order they ran: size, tool, repetition, wall s, peak"
	echo "RSS KB, CPU s, output bytes."
	echo
	echo '```'
	cat "$samples"
	echo '```'
	if [ -f "$bench/PROFILE.md" ]; then
		echo
		echo "Where claimpack's time and memory go: [PROFILE.md](PROFILE.md)."
	fi
} >"$results.tmp"
mv "$results.tmp" "$results"
echo "bench: wrote ${results#"$root"/}" >&2
