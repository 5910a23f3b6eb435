#!/bin/sh
# baseline.sh - the by-hand way to make one PDF of a claim's papers, which
# claimpack's benchmark measures claimpack against.
#
# usage: sh bench/baseline.sh ORDER OUT.pdf TMPDIR
#
# ORDER is a generated claim's order.txt ("pdf PATH" or "jpg PATH" per
# line, in bundle order, paths relative to the current folder).  Every
# photo goes through one img2pdf call onto A4 pages (the JPEG data is
# embedded as it is, like claimpack does), then one qpdf call merges the
# PDFs and those pages in bundle order.  This is the fastest way a person
# would do it by hand: no cover, index, stamps, bookmarks, checks or
# fingerprint.
set -eu

[ $# -eq 3 ] || { echo "usage: sh bench/baseline.sh ORDER OUT.pdf TMPDIR" >&2; exit 2; }
order=$1
out=$2
tmp=$3
images=$tmp/images.pdf

# The photos, in bundle order, one page each.
set --
while read -r kind path; do
	[ "$kind" = jpg ] && set -- "$@" "$path"
done <"$order"
if [ $# -gt 0 ]; then
	img2pdf --pagesize A4 -o "$images" "$@"
fi

# Every page in bundle order: a whole PDF, or page N of the photos.
set --
n=0
while read -r kind path; do
	case $kind in
	pdf) set -- "$@" "$path" ;;
	jpg)
		n=$((n + 1))
		set -- "$@" "$images" "$n"
		;;
	*) echo "baseline.sh: $order: bad line: $kind $path" >&2; exit 2 ;;
	esac
done <"$order"
qpdf --empty --pages "$@" -- "$out"
rm -f "$images"
