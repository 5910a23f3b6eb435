# fixtures.sh - PDFs with the quirks hospital files have (sourced).
#
#   make_pdf_pages FILE N [MEDIABOX]   an N-page PDF, each page saying
#                                      "Fixture page K" (MEDIABOX like
#                                      "100 200 712 992", default A4)
#   make_pdf_bookmarked FILE           2 pages, MediaBox [100 200 712 992],
#                                      with its own bookmarks: "Chapter A"
#                                      (page 1) holding "Section A.1"
#                                      (page 2), and "Chapter B" (page 2)

make_pdf_pages() {
	_f=$1
	_n=$2
	_box=${3:-0 0 595 842}
	set -- $_box
	_x=$(($1 + 72))
	_y=$(($4 - 100))
	{
		printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n'
		printf '2 0 obj<</Type/Pages/Kids['
		_k=0
		while [ $_k -lt "$_n" ]; do printf '%d 0 R ' $((10 + 2 * _k)); _k=$((_k + 1)); done
		printf ']/Count %d/MediaBox[%s]>>endobj\n' "$_n" "$_box"
		printf '3 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n'
		_k=0
		while [ $_k -lt "$_n" ]; do
			_s="BT /F1 20 Tf $_x $_y Td (Fixture page $((_k + 1))) Tj ET"
			printf '%d 0 obj<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 3 0 R>>>>/Contents %d 0 R>>endobj\n' \
			    $((10 + 2 * _k)) $((11 + 2 * _k))
			printf '%d 0 obj<</Length %d>>stream\n%s\nendstream endobj\n' \
			    $((11 + 2 * _k)) "${#_s}" "$_s"
			_k=$((_k + 1))
		done
		printf 'trailer<</Size %d/Root 1 0 R>>\n%%%%EOF\n' $((10 + 2 * _n))
	} > "$_f.raw"
	qpdf "$_f.raw" "$_f" 2>/dev/null
	_rc=$?
	rm -f "$_f.raw"
	[ $_rc -eq 0 ] || [ $_rc -eq 3 ] || { echo "make_pdf_pages failed" >&2; exit 2; }
}

make_pdf_bookmarked() {
	_f=$1
	_s1="BT /F1 20 Tf 172 892 Td (Chapter A text) Tj ET"
	_s2="BT /F1 20 Tf 172 892 Td (Chapter B text) Tj ET"
	{
		printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/Outlines 20 0 R/PageMode/UseOutlines>>endobj\n'
		printf '2 0 obj<</Type/Pages/Kids[10 0 R 12 0 R]/Count 2/MediaBox[100 200 712 992]>>endobj\n'
		printf '3 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n'
		printf '10 0 obj<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 3 0 R>>>>/Contents 11 0 R>>endobj\n'
		printf '11 0 obj<</Length %d>>stream\n%s\nendstream endobj\n' "${#_s1}" "$_s1"
		printf '12 0 obj<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 3 0 R>>>>/Contents 13 0 R>>endobj\n'
		printf '13 0 obj<</Length %d>>stream\n%s\nendstream endobj\n' "${#_s2}" "$_s2"
		printf '20 0 obj<</Type/Outlines/First 21 0 R/Last 23 0 R/Count 3>>endobj\n'
		printf '21 0 obj<</Title(Chapter A)/Parent 20 0 R/Next 23 0 R/First 22 0 R/Last 22 0 R/Count 1/Dest[10 0 R/Fit]>>endobj\n'
		printf '22 0 obj<</Title(Section A.1)/Parent 21 0 R/Dest[12 0 R/XYZ null null null]>>endobj\n'
		printf '23 0 obj<</Title(Chapter B)/Parent 20 0 R/Prev 21 0 R/A<</S/GoTo/D[12 0 R/Fit]>>>>endobj\n'
		printf 'trailer<</Size 24/Root 1 0 R>>\n%%%%EOF\n'
	} > "$_f.raw"
	qpdf "$_f.raw" "$_f" 2>/dev/null
	_rc=$?
	rm -f "$_f.raw"
	[ $_rc -eq 0 ] || [ $_rc -eq 3 ] || { echo "make_pdf_bookmarked failed" >&2; exit 2; }
}
