#!/bin/sh
# internals.sh - every cp__ internal is shared, or it is static.
#
#   sh tools/internals.sh BUILD
#
# Reads the library's objects under BUILD (the Makefile's build folder)
# with nm, and its private headers, and fails naming
# - each global cp__ symbol that one file of src/lib defines and no other
#   file uses: neither another file of the library nor a unit test or
#   fuzz target (tests/ reach internals through their headers).  Make it
#   static (or remove it, and its declaration, when nothing uses it);
# - each cp__ function a header of src/lib declares that no file defines:
#   a dead declaration.
# Exits 1 when it names any.
set -eu

cd "$(dirname "$0")/.."

build=${1:?usage: sh tools/internals.sh BUILD}
objs=$(for c in src/lib/*/*.c; do echo "$build/obj/${c%.c}.o"; done)
objs="$objs $build/obj/gen/template_data.o $build/obj/gen/builtin_data.o"
for o in $objs; do
	[ -f "$o" ] || { echo "internals: $o is not built" >&2; exit 1; }
done

# "D symbol file" for each global definition, "U symbol file" for each
# use of a symbol defined elsewhere.
table=$(for o in $objs; do
	f=${o#"$build"/obj/}
	f=${f%.o}.c
	nm --defined-only -g "$o" | awk -v f="$f" 'NF == 3 { print "D", $3, f }'
	nm -u "$o" | awk -v f="$f" '{ print "U", $NF, f }'
done)

found=$(
	printf '%s\n' "$table" | awk '
	$1 == "D" && $2 ~ /^cp__/ { def[$2] = $3; next }
	$1 == "U" { users[$2] = users[$2] " " $3 }
	END {
		for (s in def) {
			n = split(users[s], by, " ")
			shared = 0
			for (i = 1; i <= n; i++)
				if (by[i] != def[s])
					shared = 1
			if (!shared)
				print s, def[s]
		}
	}' | sort | while read -r sym file; do
		grep -qw -- "$sym" tests/*.c tests/*.h tests/fuzz/*.c \
		    tests/fuzz/*.h 2>/dev/null && continue
		echo "$sym $file: $sym is used in that file only; make it static"
	done
	for h in src/lib/*/*.h; do
		sed -n 's/^[a-z][^(]*[ *]\(cp__[a-z0-9_]*\)(.*/\1/p' "$h" |
		while read -r sym; do
			printf '%s\n' "$table" | grep -q "^D $sym " ||
			    echo "$sym $h: declares $sym, which no file defines"
		done
	done
)

if [ -n "$found" ]; then
	printf '%s\n' "$found" | while read -r sym why; do
		echo "internals: $why"
	done >&2
	exit 1
fi
echo "internals: every cp__ symbol is used beyond the file defining it"
