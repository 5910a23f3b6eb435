#!/bin/sh
# scripts.sh CLAIMPACK INK - end-to-end tests of passport names and
# aliases in every script claimpack prints (fonts/README.md).
#
# For each script a clean claim gets a passport name or alias in it, and
# `claimpack cover` draws the cover.  Then, with independent tools:
# pdftotext reads the text back, and each character, written as its own
# word in an alias, is rendered from its box (pdftotext -bbox, pdftoppm)
# and must leave ink (INK, tests/e2e/ink.c): a glyph libharu embedded
# empty prints blank.  Arabic and Hebrew are drawn in visual order with
# Arabic letters joined (canvas/bidi.c): pdftotext reads them back in
# logical order.  Last, `check` reports an alias in a script no font
# has as glyph-missing before any build.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
INK=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-scripts.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

# names_claim NAME ALIAS...: the clean base claim, with NAME as the
# passport name (and on every paper, so that names match) and the
# aliases given.
names_claim() {
	_name=$1
	shift
	base_claim
	_aliases=""
	for _a in "$@"; do
		_aliases="$_aliases${_aliases:+, }\"$_a\""
	done
	edit "s|\"SMITH, John Alexander\"|\"$_name\"|; s|\"SMITH JOHN ALEXANDER\"|\"$_name\"|; s|\"John Alexander Smith\"|\"$_name\"|; s|aliases: .*|aliases: [$_aliases]|"
}

# words: the words of the cover with their boxes, one per line:
# "xMin yMin xMax yMax word", in points from the top left.
words() {
	pdftotext -bbox -f 1 -l 1 out.pdf - 2>/dev/null |
	    sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>.*/\1 \2 \3 \4 \5/p'
}

# ink WORD: the dark pixels in the box of the first word WORD on the
# cover, rendered at 300 dpi; empty when there is no such word.
ink() {
	_box=$(${WORDS:-words} | awk -v t="$1" '$5 == t { print; exit }')
	[ -n "$_box" ] || return 0
	set -- $_box
	pdftoppm -gray -r 300 -f 1 -l 1 \
	    -x "$(awk -v v="$1" 'BEGIN { printf "%d", v * 300 / 72 }')" \
	    -y "$(awk -v v="$2" 'BEGIN { printf "%d", v * 300 / 72 }')" \
	    -W "$(awk -v a="$1" -v b="$3" 'BEGIN { printf "%d", (b - a) * 300 / 72 + 1 }')" \
	    -H "$(awk -v a="$2" -v b="$4" 'BEGIN { printf "%d", (b - a) * 300 / 72 + 1 }')" \
	    out.pdf glyph 2>/dev/null
	"$INK" glyph-*.pgm 2>/dev/null
	rm -f glyph-*.pgm
}

# expect_printed NAME CHARS ALIAS...: builds the cover of a claim whose
# passport name is NAME and whose aliases are "CHARS" (characters
# separated by spaces, each its own word) and ALIAS...; each character
# must leave ink, and the name and aliases must read back.
expect_printed() {
	_name=$1
	_chars=$2
	shift 2
	# The '~' keeps the alias list's ", " off the last character's box.
	names_claim "$_name" "$_chars ~" "$@"
	run cover claim.yaml -o out.pdf; expect_status 0
	[ -f out.pdf ] || { fail "no cover"; return; }
	grep -q 'glyph-missing' err && fail "glyph-missing: $(grep glyph-missing err | head -2)"
	pdftotext -f 1 -l 1 out.pdf text 2>/dev/null
	for _t in "$_name" "$@"; do
		# The cover may wrap a long line: compare without line breaks.
		tr '\n' ' ' < text | grep -qF -- "$_t" ||
		    fail "pdftotext does not read back \"$_t\""
	done
	for _c in $_chars; do
		_ink=$(ink "$_c")
		if [ -z "$_ink" ]; then
			fail "no word \"$_c\" on the cover"
		elif [ "$_ink" -lt 15 ]; then
			fail "\"$_c\" prints (almost) blank: $_ink dark pixels"
		fi
	done
	# A '?' stands for a character that was not printed.
	words | awk '$5 == "?"' | grep -q . && fail "a '?' on the cover"
	pdftoppm -png -r 80 -f 1 -l 1 out.pdf cover 2>/dev/null ||
	    fail "pdftoppm cannot render the cover"
}

begin "scripts: Vietnamese, every diacritic, from Noto Sans"
expect_printed "NGUYỄN, Thị Minh Ngọc" "Ễ ị ọ ặ ừ ữ Đ ơ ư ẫ ỹ" "Đặng Hoàng Phương"
end

begin "scripts: Latin diacritics of Europe and pinyin capitals"
expect_printed "MÜLLER, Jürgen" "Ł Ż Ş İ ğ Č ř ů Ā Ǎ Ø Å ß" "ŁUKASZ ŻÓŁW"
end

begin "scripts: Greek, with accents and final sigma"
expect_printed "ΠΑΠΑΔΟΠΟΥΛΟΥ, Ελένη" "Π Δ Λ Ω έ ύ ώ ς ΐ" "Σωκράτης"
end

begin "scripts: Cyrillic"
expect_printed "ИВАНОВ, Дмитрий" "Щ Ж Ё ы э ю я Қ ў" "Щукин Ёлкина"
end

begin "scripts: CJK, simplified and traditional"
expect_printed "SMITH, John" "约 翰 國 際 醫 院 结 票" "约翰·史密斯" "國際醫院"
end

begin "scripts: kana"
expect_printed "YAMADA, Taro" "や ま だ タ ロ ウ ー を ヴ" "やまだ タロウ"
end

begin "scripts: Hangul (composite glyphs in Zen Hei)"
expect_printed "KIM, Minjun" "김 민 준 한 국 가 힣 뷁" "김민준"
end

begin "scripts: Thai"
expect_printed "JAIDEE, Somchai" "ส ม ช า ย ใ จ ด" "สมชาย"
end

begin "scripts: check reports an alias no font prints, before any build"
names_claim "SMITH, John Alexander" "ሰላም" "John 😀"
run check --json claim.yaml
expect_finding glyph-missing
grep -qF 'patient.aliases[0] \"ሰላም\"' out || fail "the finding does not name the alias"
grep -qF 'U+1230 ሰ, U+120B ላ, U+121D ም' out || fail "the finding does not name the characters"
grep -qF 'patient.aliases[1]' out || fail "no finding for the emoji"
grep -qF 'U+1F600' out || fail "the emoji is not named"
grep -q 'another way' out && fail "the advice asks to write a name another way"
[ -e claim.pdf ] && fail "check built something"
run check claim.yaml
expect_out "glyph-missing"
end

# nfkc FILE: FILE's text with presentation forms (the joined Arabic
# letters the cover draws) folded back to letters, without the bidi
# embedding marks pdftotext puts around right-to-left text, lines joined.
nfkc() {
	python3 -c 'import re, sys, unicodedata; print(re.sub("[\u202a-\u202e]", "", unicodedata.normalize("NFKC", open(sys.argv[1], encoding="utf-8").read())).replace("\n", " "))' "$1"
}

# words_nfkc: words, the text after NFKC (an isolated Arabic letter is
# drawn as its presentation form).
words_nfkc() {
	words | python3 -c 'import sys, unicodedata; sys.stdout.write(unicodedata.normalize("NFKC", sys.stdin.read()))'
}

# expect_rtl NAME LETTERS ALIAS...: the cover of a claim whose aliases
# are ALIAS... (right to left) and LETTERS (unless empty) prints without glyph-missing
# or '?', and pdftotext reads each ALIAS back in logical order (after
# NFKC: it gives the presentation forms drawn); each of LETTERS (drawn
# alone, separated by spaces) leaves ink.
expect_rtl() {
	_name=$1
	_chars=$2
	shift 2
	if [ -n "$_chars" ]; then
		names_claim "$_name" "$@" "$_chars"
	else
		names_claim "$_name" "$@"
	fi
	run check claim.yaml
	grep -q 'glyph-missing' out && fail "check: $(grep glyph-missing out | head -2)"
	run cover claim.yaml -o out.pdf; expect_status 0
	[ -f out.pdf ] || { fail "no cover"; return; }
	grep -q 'glyph-missing' err && fail "glyph-missing: $(grep glyph-missing err | head -2)"
	pdftotext -f 1 -l 1 out.pdf text 2>/dev/null
	for _t in "$@"; do
		nfkc text | grep -qF -- "$_t" ||
		    fail "pdftotext does not read back \"$_t\": $(nfkc text | tr -s ' ' | head -c 600)"
	done
	words | awk '$5 == "?"' | grep -q . && fail "a '?' on the cover"
	for _c in $_chars; do
		_ink=$(WORDS=words_nfkc ink "$_c")
		if [ -z "$_ink" ]; then
			fail "no word \"$_c\" on the cover"
		elif [ "$_ink" -lt 15 ]; then
			fail "\"$_c\" prints (almost) blank: $_ink dark pixels"
		fi
	done
	pdftoppm -png -r 100 -f 1 -l 1 out.pdf cover 2>/dev/null ||
	    fail "pdftoppm cannot render the cover"
}

# إبراهيم starts with an isolated alef with hamza below, which neither
# Arabic font prints joined (the plain letter is drawn); سلام has a
# lam-alef ligature.
begin "scripts: Arabic, joined and right to left, from Noto Sans Arabic"
expect_rtl "SMITH, John" "" "محمد عبد الله"
expect_rtl "SMITH, John" "" "إبراهيم سلام"
expect_rtl "SMITH, John" "م ح د ع ب ل ه ش ي ن ت إ"
end

begin "scripts: Hebrew, right to left, from DejaVu Sans"
expect_rtl "SMITH, John" "ד ו כ ה ן ש ל ם" "דוד כהן"
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
