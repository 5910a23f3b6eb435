# pages.sh - bundle pages compared with the pictures they should show,
# for the end-to-end tests of images (sourced by raster.sh and
# formats.sh after lib.sh; POSIX sh).
#
# Needs pdftoppm, pdftotext and pdfinfo (poppler-utils), ImageMagick's
# convert, and a C compiler for pagecmp.c.  Set ROOT (the source tree)
# and WORK (where the compiled pagecmp is kept) before sourcing.
#
#   page_of PDF TEXT
#       Prints the first page whose text has TEXT (0 when none).
#   on_white FILE OUT.ppm [CONVERT-OPTIONS...]
#       ImageMagick's decoding of FILE (after the options, say
#       -auto-orient or -rotate 90), put on white where it is
#       transparent, as an 8-bit binary PPM: what a page should show.
#   page_shows PDF PAGE PICTURE.ppm MEAN MAX [DPI [WIDTH HEIGHT]]
#       Whether page PAGE of PDF shows PICTURE (a PPM, as on_white writes
#       one) within MEAN and MAX (tests/e2e/pagecmp.c): the page is
#       rendered at DPI (600 by default) in a box of WIDTH x HEIGHT points
#       (144 x 144 by default) around the middle of the area an image is
#       placed in on an A4 page, which must hold the picture, found by
#       its opaque black outer ring, and nothing else dark.  Prints
#       pagecmp's verdict; returns non-zero when it differs.

# The middle of the area inside an A4 page's margins (bundle/paper.c:
# 48 points at the sides, 44 at the top, 40 at the bottom), in points
# from the top left corner.
PAGES_MID_X=297.5
PAGES_MID_Y=423

page_of() {
	_po_n=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	_po_i=1
	while [ "$_po_i" -le "${_po_n:-0}" ]; do
		if pdftotext -f "$_po_i" -l "$_po_i" "$1" - 2>/dev/null |
		    grep -qF "$2"; then
			echo "$_po_i"
			return
		fi
		_po_i=$((_po_i + 1))
	done
	echo 0
}

on_white() {
	_ow_in=$1
	_ow_out=$2
	shift 2
	convert "$_ow_in" "$@" -background white -alpha remove -alpha off \
	    -depth 8 "ppm:$_ow_out"
}

page_shows() {
	_ps_dpi=${6:-600}
	_ps_w=${7:-144}
	_ps_h=${8:-144}
	if [ ! -x "${WORK:?set WORK}/.pagecmp" ] && ! ${CC:-cc} -o \
	    "$WORK/.pagecmp" "${ROOT:?set ROOT}/tests/e2e/pagecmp.c"; then
		echo "cannot compile pagecmp.c"
		return 2
	fi
	# The box in device pixels: left, top, width, height.
	# shellcheck disable=SC2046
	set -- "$1" "$2" "$3" "$4" "$5" $(awk -v d="$_ps_dpi" -v w="$_ps_w" \
	    -v h="$_ps_h" -v x="$PAGES_MID_X" -v y="$PAGES_MID_Y" 'BEGIN {
		printf "%d %d %d %d\n", (x - w / 2) * d / 72,
		    (y - h / 2) * d / 72, w * d / 72, h * d / 72 }')
	rm -f "$WORK/.page.ppm"
	if ! pdftoppm -r "$_ps_dpi" -f "$2" -l "$2" -x "$6" -y "$7" -W "$8" \
	    -H "$9" -singlefile "$1" "$WORK/.page" 2>/dev/null; then
		echo "pdftoppm cannot render page $2"
		return 2
	fi
	"$WORK/.pagecmp" "$WORK/.page.ppm" "$3" "$4" "$5" 2>&1
}
