#!/bin/sh
# imaging.sh CLAIMPACK - imaging folders read from their DICOM headers.
#
# Folders made with tests/e2e/mkdicom.c like real CDs and downloads: a
# CD with a DICOMDIR, a viewer, autorun.inf and Thumbs.db; a download
# without DICOMDIR; a folder of two patients; a partial copy; a GBK name
# under ISO_IR 100.  `check` says whose images they are
# (imaging-name-mismatch, imaging-several-patients), when
# (imaging-date-outside-episode), and what is damaged (imaging-unreadable,
# imaging-incomplete); `read --json` gives exact patient and study
# counts; the bundle's index lists each study.
#
# Needs a C compiler with zlib (mkdicom.c) and poppler-utils.
set -u
CLAIMPACK=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimpack-imaging.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
. "$ROOT/tests/e2e/lib.sh"
. "$ROOT/tests/e2e/images.sh"

MKDICOM=$WORK/.mkdicom
${CC:-cc} -o "$MKDICOM" "$ROOT/tests/e2e/mkdicom.c" -lz || exit 2

# ct FILE [OPTIONS...]: a CT image of the base claim's patient, of the
# stay's study (2026-10-04), series 1.
ct() {
	_f=$1
	shift
	mkdir -p "$(dirname "$_f")"
	"$MKDICOM" "$_f" --charset "ISO_IR 192" \
	    --name "SMITH^JOHN ALEXANDER" --id P0001 \
	    --birth 19840309 --sex M --date 20261004 --modality CT \
	    --study 1.2.826.0.1.3680043.2.1125.1 \
	    --series 1.2.826.0.1.3680043.2.1125.1.1 \
	    --institution "Example Union Hospital" --description "Chest" \
	    "$@" || fail "mkdicom $_f"
}

# A CD as radiology hands it over: DICOMDIR, IMAGES/, a viewer.
make_cd() {
	rm -rf imaging
	ct imaging/IMAGES/IM00001 --sop 1.2.3.1
	ct imaging/IMAGES/IM00002 --sop 1.2.3.2 --ts ivrle
	ct imaging/IMAGES/IM00003 --sop 1.2.3.3 --ts deflate \
	    --series 1.2.826.0.1.3680043.2.1125.1.2
	ct imaging/IMAGES/IM00004 --sop 1.2.3.4 --ts jpeg \
	    --series 1.2.826.0.1.3680043.2.1125.1.2
	(cd imaging && "$MKDICOM" dicomdir DICOMDIR IMAGES/IM00001 \
	    IMAGES/IM00002 IMAGES/IM00003 IMAGES/IM00004) || fail "dicomdir"
	mkdir -p imaging/VIEWER
	printf 'MZ\220\0viewer' > imaging/VIEWER/viewer.exe
	printf '[autorun]\nopen=VIEWER\\viewer.exe\n' > imaging/autorun.inf
	printf 'thumbs' > imaging/Thumbs.db
	printf 'apple' > imaging/IMAGES/._IM00001
}

begin "imaging: a CD of the patient raises nothing and reads back exactly"
base_claim
make_cd
run check --json claim.yaml; expect_status 0
for c in imaging-name-mismatch imaging-several-patients \
    imaging-date-outside-episode imaging-unreadable imaging-incomplete; do
	expect_no_finding $c
done
run read --json imaging
expect_out '"imaging":{"patients":[{"name":"SMITH^JOHN ALEXANDER","id":"P0001","birth_date":"1984-03-09","sex":"M","images":4}]'
expect_out '"studies":[{"date":"2026-10-04","modalities":["CT"],"description":"Chest","institution":"Example Union Hospital","series":2,"images":4}],"unreadable":0}'
expect_no_out "Thumbs.db"
expect_no_out "autorun.inf"
run build claim.yaml -o out.pdf -q; expect_status 0
pdftotext -f 2 -l 2 out.pdf - 2>/dev/null | tr '\n' ' ' > index.txt
grep -qF "CT 2026-10-04 Chest" index.txt || fail "the index does not list the study: $(cat index.txt)"
grep -qF "2 series, 4 images" index.txt || fail "the index lacks the counts"
end

begin "imaging: a download without DICOMDIR, names in three groups"
base_claim
rm -rf imaging
ct imaging/study/1.dcm --sop 1.1 --name "SMITH^JOHN=史密斯^约翰="
ct imaging/study/2.dcm --sop 1.2 --name "SMITH^JOHN=史密斯^约翰=" --no-preamble
run check --json claim.yaml; expect_status 0
expect_no_finding imaging-name-mismatch
run read --json imaging
expect_out '"images":2}],"studies":[{"date":"2026-10-04"'
end

begin "imaging: GBK bytes under ISO_IR 100 are read as GB18030 and match the alias"
base_claim
rm -rf imaging
mkdir -p imaging
# 约翰·史密斯 in GBK: d4bcbaB2 a1a4 cab7c3dcc8b9 (the alias of the base claim)
"$MKDICOM" imaging/1.dcm --charset "ISO_IR 100" \
    --name-hex d4bcbab2a1a4cab7c3dccbb9 --date 20261004 --modality MR ||
	fail "mkdicom"
run read --json imaging
expect_out '"name":"约翰·史密斯"'
run check --json claim.yaml; expect_status 0
expect_no_finding imaging-name-mismatch
end

begin "imaging-name-mismatch: a CD of someone else"
base_claim
rm -rf imaging
ct imaging/1.dcm --name "WANG^XIAODONG=王^小东=" --id X2
run check --json claim.yaml; expect_status 1
expect_finding imaging-name-mismatch ct-images
expect_out 'WANG^XIAODONG=王^小东='
run build claim.yaml -o out.pdf; expect_status 1
[ ! -e out.pdf ] || fail "build wrote a bundle of someone else's CD"
end

begin "imaging-several-patients: a folder of two people lists the other"
base_claim
rm -rf imaging
ct imaging/a/1.dcm --sop 1.1
ct imaging/a/2.dcm --sop 1.2
ct imaging/b/1.dcm --sop 2.1 --name "CHEN^YOU FANG" --id Q9 \
    --study 9.9.9 --series 9.9.9.1
run check --json claim.yaml; expect_status 1
expect_finding imaging-several-patients ct-images
expect_no_finding imaging-name-mismatch
expect_out 'CHEN^YOU FANG'
expect_out 'b/1.dcm'
run read --json imaging
[ "$(grep -o '"name":' out | wc -l)" -eq 2 ] || fail "not 2 patients"
[ "$(grep -o '"series":' out | wc -l)" -eq 2 ] || fail "not 2 studies"
end

begin "imaging-date-outside-episode: a study from another year"
base_claim
rm -rf imaging
ct imaging/1.dcm --date 20250601
run check --json claim.yaml; expect_status 0
expect_finding imaging-date-outside-episode ct-images
expect_out '2025-06-01'
end

begin "imaging-unreadable and imaging-incomplete: a damaged partial copy"
base_claim
make_cd
rm imaging/IMAGES/IM00004
ct imaging/IMAGES/IM00005 --sop 1.2.3.5 --truncate 200
: > imaging/IMAGES/IM00006.dcm
printf '\037\213\010\0\0\0\0\0\0\003' > imaging/IMAGES/IM00007.dcm
printf '\0\0\002\060ADBE\002\020\0\0mntrRGB XYZ acspAPPL' > imaging/IMAGES/icc.dcm
run check --json claim.yaml; expect_status 0
expect_finding imaging-incomplete ct-images
expect_out 'IMAGES/IM00004'
expect_finding imaging-unreadable ct-images
expect_out '4 files of imaging'
run read --json imaging; expect_status 1
expect_out '"series":2,"images":3}],"unreadable":4}'
end

echo "$((TESTS_RUN - TESTS_FAILED)) passed, $TESTS_FAILED failed"
[ "$TESTS_FAILED" -eq 0 ]
