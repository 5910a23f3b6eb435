#!/bin/sh
# mkexample.sh - regenerates the papers of the example claim under
# examples/inpatient/: fictitious hospital documents drawn by
# tools/mkexample.c with libharu, plus two "phone photos" of the discharge
# summary made with pdftoppm.  Every run writes the same bytes.
#
# usage: sh tools/mkexample.sh
#
# Needs a C compiler, libhpdf-dev, poppler-utils (pdftoppm) and
# fonts-wqy-zenhei.  CC, CFLAGS and MKEXAMPLE_FONT override the defaults.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/examples/inpatient
font=${MKEXAMPLE_FONT:-/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc}

die() {
	echo "mkexample.sh: $*" >&2
	exit 1
}

[ -r "$font" ] || die "$font: font not found (Debian: apt-get install fonts-wqy-zenhei)"
command -v pdftoppm >/dev/null 2>&1 ||
	die "pdftoppm not found (Debian: apt-get install poppler-utils)"

# Debian's libhpdf-dev ships no pkg-config file; use one if there is one.
if pkg-config --exists libhpdf 2>/dev/null; then
	hpdf_cflags=$(pkg-config --cflags libhpdf)
	hpdf_libs=$(pkg-config --libs libhpdf)
else
	hpdf_cflags=
	hpdf_libs=-lhpdf
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkexample.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# shellcheck disable=SC2086
${CC:-cc} -std=c11 -O2 -Wall -Wextra ${CFLAGS:-} $hpdf_cflags \
	-o "$tmp/mkexample" "$root/tools/mkexample.c" $hpdf_libs -lm ||
	die "cannot build tools/mkexample.c (Debian: apt-get install libhpdf-dev)"

mkdir -p "$out/records" "$out/billing" "$out/reports" "$out/imaging"
"$tmp/mkexample" "$font" "$tmp" "$out"

# The discharge summary is kept as the patient would have it: two JPEG
# photos, one per page (pdftoppm names them discharge-1.jpg, -2.jpg).
pdftoppm -jpeg -r 100 "$tmp/discharge.pdf" "$tmp/discharge"
for n in 1 2; do
	[ -f "$tmp/discharge-$n.jpg" ] || die "pdftoppm wrote no page $n"
	mv "$tmp/discharge-$n.jpg" "$out/records/discharge-$n.jpg"
done
rm -f "$tmp/discharge.pdf"

echo "mkexample.sh: wrote the example claim's papers to ${out#"$root"/}/"
