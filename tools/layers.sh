#!/bin/sh
# layers.sh - keeps the library's layers pointing down.
#
#   sh tools/layers.sh [BUILD]
#
# src/lib is in folders by concern.  A file may include headers of its own
# folder, of the folders its folder is allowed below, and claimpack.h;
# nothing else.  A header whose name ends in _int.h is private to its
# folder.  The command (src/cli) sees claimpack.h and its own headers only.
# With BUILD (the Makefile's build folder), the compiled objects are read
# too: a file that calls into a file that calls back into it (directly or
# round a longer loop), or two folders that do so, fail the same way.
# Exits 1 naming every include or loop that breaks the rule.
set -eu

cd "$(dirname "$0")/.."

# folder: the folders whose headers it may include (besides its own).
# Read top down: util knows nothing of claims; manifest, input, canvas
# and pdf build on util (canvas and pdf also on input, for the image
# headers of the pages they write); read (the facts read off the papers:
# QR codes, e-invoice data, text layers, EXIF) on util, manifest and
# input; check on those (on canvas only to
# ask which characters the bundle's fonts print, so that `check` and
# `build` give one answer: check/glyphs.c); verify on check (and on
# read, for the QR code printed on each fapiao);
# bundle on all but verify (it reads results through claimpack.h);
# init (a manifest written from a folder of papers) on what the papers
# say (read), their formats (input) and the manifest's own rules.
RULES='
util:
manifest: util
input: util
canvas: util input
pdf: util input
read: util manifest input
check: util manifest input read pdf canvas
verify: util manifest read check
bundle: util manifest input read canvas pdf check
init: util manifest input read
'

allowed() {
	printf '%s\n' "$RULES" | sed -n "s/^$1: *//p"
}

status=0
bad() {
	echo "layers: $*" >&2
	status=1
}

folders=$(printf '%s\n' "$RULES" | sed -n 's/^\([a-z_]*\):.*/\1/p')
for dir in src/lib/*/; do
	f=$(basename "$dir")
	printf '%s\n' "$folders" | grep -qx "$f" ||
	    bad "src/lib/$f/ is not in tools/layers.sh's rules; add it there"
done
for f in src/lib/*.c src/lib/*.h; do
	[ -e "$f" ] && bad "$f: library files go in a folder by concern"
done

for f in $folders; do
	ok=" $f $(allowed "$f") "
	for file in src/lib/"$f"/*.[ch]; do
		[ -e "$file" ] || continue
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" |
		while IFS= read -r line; do
			no=${line%%:*}
			inc=$(printf '%s\n' "$line" | sed 's/.*include[[:space:]]*"\([^"]*\)".*/\1/')
			case $inc in
			claimpack.h) continue ;;
			*/*) ;;
			*) echo "$file:$no: \"$inc\": name the folder (\"$f/$inc\")"
			   continue ;;
			esac
			to=${inc%%/*}
			case $ok in
			*" $to "*) ;;
			*) echo "$file:$no: $f/ may not include \"$inc\" ($f/ is below $to/ or beside it)"
			   continue ;;
			esac
			case $inc in
			*_int.h) [ "$to" = "$f" ] ||
			    echo "$file:$no: \"$inc\" is private to $to/" ;;
			esac
		done
	done
done > "${TMPDIR:-/tmp}/layers.$$" 2>&1
if [ -s "${TMPDIR:-/tmp}/layers.$$" ]; then
	sed 's/^/layers: /' "${TMPDIR:-/tmp}/layers.$$" >&2
	status=1
fi
rm -f "${TMPDIR:-/tmp}/layers.$$"

for file in src/cli/*.[ch]; do
	wrong=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" |
	    grep -v '"claimpack.h"\|"cli[a-z_]*.h"' || true)
	[ -z "$wrong" ] ||
	    bad "$file: $wrong (the command uses claimpack.h only)"
done

# Loops between files and between folders, from the objects: who
# defines each global symbol, and who uses it.
build=${1:-}
if [ -n "$build" ]; then
	objs=$(for c in src/lib/*/*.c; do echo "$build/obj/${c%.c}.o"; done)
	for o in $objs; do
		[ -f "$o" ] || { echo "layers: $o is not built" >&2; exit 1; }
	done
	[ -n "$objs" ] || { echo "layers: no objects in $build/obj/src/lib" >&2; exit 1; }
	edges=$(for o in $objs; do
		src=${o#"$build"/obj/src/lib/}
		src=${src%.o}.c
		nm --defined-only -g "$o" | awk -v f="$src" 'NF == 3 { print "D", $3, f }'
		nm -u "$o" | awk -v f="$src" '{ print "U", $NF, f }'
	done | awk '
		$1 == "D" { def[$2] = $3; next }
		{ use[NR] = $2; by[NR] = $3 }
		END {
			for (i in use)
				if ((use[i] in def) && def[use[i]] != by[i])
					print by[i], def[use[i]]
		}' | sort -u)
	# tsort prints each loop it meets on stderr.
	loops=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null || true)
	if [ -n "$loops" ]; then
		bad "files call each other in a loop:"
		printf '%s\n' "$loops" | sed 's/^tsort: -: input contains a loop:/  a loop:/; s/^tsort: /      /' >&2
	fi
	loops=$(printf '%s\n' "$edges" | awk '{
		split($1, a, "/"); split($2, b, "/");
		if (a[1] != b[1]) print a[1], b[1] }' | sort -u |
	    tsort 2>&1 >/dev/null || true)
	if [ -n "$loops" ]; then
		bad "folders call each other in a loop:"
		printf '%s\n' "$loops" | sed 's/^tsort: -: input contains a loop:/  a loop:/; s/^tsort: /      /' >&2
	fi
fi

[ "$status" -eq 0 ] && echo "layers: every include points down; no loops"
exit $status
