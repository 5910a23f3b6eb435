#!/bin/sh
# mkfolder.sh OUTDIR [--big] - makes the folder of papers a patient
# brings home from hospitals in China, for the tests of commands that
# read a whole folder (`claimpack init FOLDER`): papers named in Chinese,
# pinyin, English and by a camera; PDFs with a text layer, scans, phone
# photos, fapiao with QR codes, a real OFD e-invoice, an imaging CD, and
# the junk a copied folder holds.  The test author asserts on the tables
# below; the "read:" lines say what `claimpack read --json FILE` reports
# for each file today (the readers type a paper by its content only).
#
# OUTDIR is made (it must not exist or be empty).  The generators
# (tests/e2e/mkpaper.c, mkqrpaper.c, mkqrphoto.c, mkdicom.c) are compiled
# into $MKTOOLS (default: .mkfolder-tools beside OUTDIR) and reused while
# their sources are unchanged; nothing else is written outside OUTDIR.
# Needs cc, pkg-config, libhpdf-dev, libharfbuzz-dev, libjpeg-dev,
# libturbojpeg0-dev, libpng-dev, libqrencode-dev, zlib1g-dev and
# fonts-wqy-zenhei; with zbar-tools and poppler-utils every QR code is
# read back.  Every run writes the same bytes.  Takes a few seconds
# (--big: half a minute).
#
# THE PATIENT AND THE EPISODES
#   Patient: SMITH JOHN ALEXANDER (DICOM: SMITH^JOHN ALEXANDER, id P0001,
#   born 1984-03-09, M).
#   STAY   inpatient at 示例联合医院 (public, Beijing: fiscal receipts),
#          2026-10-03 to 2026-10-09: acute appendicitis, laparoscopic
#          appendectomy on 2026-10-04.  Paid 12850.40 (receipt = the
#          expense list's total).
#   VISIT  outpatient follow-up at 示例国际医疗中心 (private, Zhejiang:
#          VAT invoices), 2026-10-20.  Paid 680.00 + 236.50.
#
# THE DOCUMENTS: what the folder should become.  "name" = typed by the
# file's name only (nothing in the file says it); "-" = nothing says it.
#   doc episode type                  files, in page order
#   D1  STAY    discharge_summary     出院小结.pdf (2 pages)
#   D2  STAY    discharge_summary     discharge_1.jpg, discharge_2.jpg
#               (name; the paper of D1 photographed, but nothing
#               readable ties D2 to D1: two documents)
#   D3  STAY    expense_list          住院费用清单.pdf (3 pages)
#   D4  STAY    lab_report            检验报告单.pdf
#   D5  STAY    lab_report            lab/blood-test.pdf (2 pages)
#   D6  STAY    pathology_report      binglibaogao.pdf (text, and pinyin)
#   D7  STAY    imaging_report        CT report.pdf (name)
#   D8  STAY    imaging_files         CD/ (12 DICOM images; pairs D7)
#   D9  STAY    fapiao (fiscal)       receipts/scan0001.pdf (QR)
#   D10 STAY    diagnosis_certificate zhenduan_zhengming.jpg (name)
#   D11 STAY    - (truly a discharge_medication list 出院带药清单)
#                                     IMG_20261009_101530.jpg,
#                                     IMG_20261009_101548.jpg (one paper,
#                                     two photos 18 s apart; in STAY by
#                                     the Exif date); "IMG_20261009_101530
#                                     (1).jpg" is a byte copy of page 1
#   D12 VISIT   fapiao (VAT e-invoice) dzfp_033002600111_42617391.pdf
#   D13 VISIT   fapiao (VAT paper)    IMG_20261020_093000.jpg (QR)
#   D14 none    fapiao (VAT, 2020)    receipts/033002000211_83089647.ofd:
#               a real invoice of a restaurant to a company (not the
#               patient's; its date fits no episode)
#   D15 none    -                     DSC01234.JPG: a photo of a ward
#               notice, nothing readable but its Exif time, two hours
#               after the last other photo (on VISIT's day)
#   Not papers, skipped: notes.txt; CD/autorun.inf, CD/VIEWER/* (part of
#   the CD); .DS_Store, Thumbs.db, desktop.ini, __MACOSX/ (junk);
#   link-to-outside (a symlink to "..": must not be followed, following
#   it leaves the folder and comes back into it, endlessly).
#
# THE FILES: what each is, the facts in it and where they are, and what
# `claimpack read --json FILE` reports.  "text" = the PDF's text layer,
# found by its label; "qr", "exif", "xml" likewise; "p1" = page 1.
#
# 出院小结.pdf - PDF, A4, 2 pages, text layer (mkpaper discharge)
#   facts: title 出院小结 (text); 姓名：SMITH JOHN ALEXANDER (text, every
#     page); 入院日期：2026-10-03 and 出院日期：2026-10-09 (text p1);
#     示例联合医院 (the first line) and 住院号：ZY00042318 are printed
#     but have no label a reader knows.
#   read: type discharge_summary, pages 2; names SMITH JOHN ALEXANDER
#     patient text p1; dates 2026-10-03 admission, 2026-10-09 discharge
#     (text p1).
# 住院费用清单.pdf - PDF, A4, 3 pages, text layer (mkpaper expenses --stay)
#   facts: title 住院费用清单; 姓名 as above; 住院日期：2026-10-03 至
#     2026-10-09 (text p1); 60 charges that add up to 合计：12850.40
#     (text p3, no ¥).
#   read: type expense_list, pages 3; name SMITH JOHN ALEXANDER patient
#     text p1; dates 2026-10-03 admission, 2026-10-09 discharge (text
#     p1).  No amount: the readers keep amounts only on a page that
#     names an invoice code or number.
# 检验报告单.pdf - PDF, A4, 1 page, text layer (mkpaper lab)
#   facts: title 检验报告单; 姓名; 报告日期：2026-10-04 (text p1).
#   read: type lab_report, pages 1; name patient text p1; date
#     2026-10-04 report text p1.
# binglibaogao.pdf - PDF, A4, 1 page, text layer (mkpaper pathology)
#   facts: title 病理报告; 姓名; 报告日期：2026-10-08 (text p1); the name
#     is the pinyin of 病理报告.
#   read: type pathology_report, pages 1; name patient text p1; date
#     2026-10-08 report text p1.
# lab/blood-test.pdf - PDF, A4, 2 pages, text layer (mkpaper lab)
#   facts: title 检验报告单; 姓名 (every page); 报告日期：2026-10-07 (p1).
#   read: type lab_report, pages 2; name patient text p1; date
#     2026-10-07 report text p1.
# CT report.pdf - PDF, A4, 1 page: a 100 dpi grey scan, no text layer
#   (mkpaper imaging --scan); the report printed 报告日期 2026-10-04,
#   which nothing can read.  Typed by its name only.
#   read: format pdf, type null, pages 1, no names, no dates.
# receipts/scan0001.pdf - PDF, A5 landscape, 1 page: a 150 dpi scan of
#   the STAY's fiscal medical e-receipt, no text (mkqrpaper scan).
#   facts (qr): https://www.chinaebill.cn/eips-wxapp-service/d?t=504&a=
#     7QK2M9XcRb&d=11060126_0012345678_a1b2c3_12850.40_20261009&s=
#     5C0E91A2F7: code 11060126, number 0012345678, check a1b2c3, amount
#     12850.40, date 2026-10-09.  No name.
#   read: type fapiao; invoice kind fiscal, code 11060126, number
#     0012345678, date 2026-10-09, amount 12850.40, check_code a1b2c3, qr
#     (all from qr); names [], dates [].
# receipts/033002000211_83089647.ofd - a copy of tests/corpus/einvoice/
#   ofdrw-1.ofd, a real VAT e-invoice (ofdrw/ofdrw, Apache-2.0; see
#   tests/corpus/einvoice/README.md).  Its facts are not the patient's.
#   facts (xml; qr the same): code 033002000211, number 83089647, date
#     2020-07-23, total 526.00, before tax 510.68, check
#     16197833567414507415, buyer 江苏京利华新材料有限公司, seller
#     兰溪市悦济舫餐厅.
#   read: type fapiao, pages 1; invoice kind vat, qr_type 10, those
#     fields (from xml; qr from qr); names 江苏京利华新材料有限公司 buyer
#     xml; dates 2020-07-23 issue xml.
# dzfp_033002600111_42617391.pdf - PDF, 210x140 mm, 1 page: the VISIT's
#   VAT e-ordinary invoice (type 10), QR drawn as vector paths, text
#   layer (mkqrpaper vector -S; the whole font embedded: 519 KB).
#   facts: qr 01,10,033002600111,42617391,680.00,20261020,
#     03914275861302478516,5B2E, (before tax 680.00: tax-free); text
#     发票代码 033002600111, 发票号码 42617391, 开票日期 2026年10月20日,
#     校验码 in groups of five, 购买方 名称 SMITH JOHN ALEXANDER,
#     （小写）¥680.00, 销售方 名称 示例国际医疗中心.
#   read: type fapiao; invoice kind vat, qr_type 10, code, number, date
#     2026-10-20, check_code, qr (from qr), amount 680.00 (text),
#     amount_before_tax 680.00 (qr), buyer SMITH JOHN ALEXANDER (text),
#     seller 示例国际医疗中心 (text); names SMITH JOHN ALEXANDER buyer
#     text p1; dates 2026-10-20 issue text p1.
# IMG_20261020_093000.jpg - JPEG 800x600 stored, Exif orientation 6
#   (600x800 upright), a photo of the VISIT pharmacy's paper VAT
#   ordinary invoice (mkqrphoto -t).
#   facts: qr 01,04,033002600104,00731205,236.50,20261020,
#     61843097521046387205,C41D, (type 04: 236.50 is before tax); exif
#     DateTimeOriginal 2026:10:20 09:30:00.  No name.
#   read: type fapiao, pages 1; invoice kind vat, qr_type 04, code
#     033002600104, number 00731205, date 2026-10-20, amount_before_tax
#     236.50, check_code 61843097521046387205, qr (all from qr), no
#     amount; dates 2026-10-20 taken exif.
# IMG_20261009_101530.jpg, IMG_20261009_101548.jpg - JPEG 800x600
#   stored, orientation 6, Make Apple, Model iPhone 13: pages 1 and 2 of
#   出院带药清单 photographed (mkpaper prescription --photo), no text, no
#   QR.  exif DateTimeOriginal (and DateTime) 2026:10:09 10:15:30 and
#   10:15:48; the names hold the same times.
#   read: type null, pages 1; dates 2026-10-09 taken exif (a date only:
#     no reader reports the time of day).
# IMG_20261009_101530 (1).jpg - a byte-for-byte copy of
#   IMG_20261009_101530.jpg.  read: as its original.
# discharge_1.jpg, discharge_2.jpg - JPEG 600x800 upright, JFIF, no Exif
#   (sent through a messaging app): pages 1 and 2 of the discharge
#   summary photographed (mkpaper discharge --photo), no text.
#   read: type null, pages 1, no names, no dates.
# zhenduan_zhengming.jpg - JPEG 800x600, orientation 6: a photo of the
#   diagnosis certificate (诊断证明书; the name is its pinyin), no text.
#   exif DateTimeOriginal 2026:10:09 15:42:10.
#   read: type null, pages 1; dates 2026-10-09 taken exif.
# DSC01234.JPG - JPEG 800x600, orientation 6: a photo of the ward's
#   notice (住院须知), no text; exif DateTimeOriginal 2026:10:20
#   11:30:00.
#   read: type null, pages 1; dates 2026-10-20 taken exif.
# CD/DICOMDIR, CD/DICOM/ST000001/SE00000{1,2}/IM00000{1..6} - the STAY's
#   CT study as radiology burns it (mkdicom; explicit VR little endian,
#   ISO_IR 192, 64 bytes of pixels each): patient SMITH^JOHN ALEXANDER,
#   P0001, 19840309, M; study 1.2.826.0.1.3680043.2.1125.20261004 on
#   2026-10-04, CT, "CT Abdomen +C", institution Example Union Hospital;
#   2 series of 6 images; the DICOMDIR lists all 12.
#   read (the folder CD): imaging: patients [SMITH^JOHN ALEXANDER, P0001,
#     1984-03-09, M, 12 images]; studies [2026-10-04, CT, "CT Abdomen
#     +C", Example Union Hospital, 2 series, 12 images]; unreadable 0.
#     CD/DICOMDIR alone: format dicom, "is a DICOM image ..." (exit 1).
# CD/autorun.inf, CD/VIEWER/viewer.exe, CD/VIEWER/{dcmtk,Qt5Core,
#   msvcp140}.dll - the CD's viewer (MZ stubs).
#   read (a folder): VIEWER/* are listed in "skipped", autorun.inf is
#     dropped silently; alone: format unknown, problem (exit 1).
# .DS_Store (Bud1), Thumbs.db (OLE2 header), desktop.ini,
#   __MACOSX/._出院小结.pdf (AppleDouble) - junk of copied folders.
#   read (a folder): dropped silently; alone: format unknown (exit 1).
# notes.txt - the patient's own notes (UTF-8; mentions 12850.40 and
#   the papers).  read (a folder): in "skipped".
# link-to-outside -> ..  (a symlink).  read: claimpack's folder walker
#   (src/lib/util/walk.c, stat, not lstat) follows it: `claimpack read
#   OUTDIR` walks OUTDIR's parent and, through the link, OUTDIR again,
#   and fails after seconds with "folders are nested more than 16 deep"
#   (exit 2), having read nothing out.  Read alone, the link is the
#   parent folder.
#
# --big adds, for a speed check:
# more/paper-NN.pdf, NN 01..30 - if NN is a multiple of 5: a VAT
#   e-invoice (mkqrpaper vector; seller 示例联合医院, buyer SMITH JOHN
#   ALEXANDER, code 033002600111, number 42617400 + NN, amount NN.00,
#   2026-10-09); else a text-layer paper of kind K = discharge, expenses,
#   lab, pathology, operative, certificate, prescription, imaging for
#   NN = 1, 2 ... 8, 9 ... (cycling), 报告日期 2026-10-(03 + NN mod 7),
#   NN mod 3 + 1 pages.  read: 6 fapiao, 24 typed by their title.
# more/IMG_20261005_HHMM00.jpg, n 1..30, HH = 8 + n / 6, MM = 7n mod 60,
#   exif 2026:10:05 HH:MM:00, stored 4032x3024, orientation 6: if n is
#   a multiple of 3, a VAT paper invoice (mkqrphoto; QR 01,04,
#   033002600104,<00731200 + n>,<n>.50,20261005,61843097521046387205,
#   C41D,); else page 1 of kind K (as above, by n) photographed, no text.
#   read: 10 fapiao (qr), 20 type null, each with its taken date.
# CD2/ - a CD of 500 images: MR, study 1.2.826.0.1.3680043.2.1125.
#   20261006 on 2026-10-06, "MR Abdomen", 4 series of 125, DICOMDIR,
#   viewer.  read: one patient, one study, 4 series, 500 images.
#
# Exit status 0; 1 when a generator fails or a QR code does not read
# back; 2 on bad arguments or a non-empty OUTDIR.
set -eu

usage() {
	echo "usage: mkfolder.sh OUTDIR [--big]" >&2
	exit 2
}

die() {
	echo "mkfolder.sh: $*" >&2
	exit 1
}

[ $# -ge 1 ] || usage
OUT=$1
BIG=0
case ${2:-} in
"") ;;
--big) BIG=1 ;;
*) usage ;;
esac
[ $# -le 2 ] || usage

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
E2E=$ROOT/tests/e2e
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
	echo "mkfolder.sh: $OUT is not empty" >&2
	exit 2
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
TOOLS=${MKTOOLS:-$(dirname "$OUT")/.mkfolder-tools}
mkdir -p "$TOOLS"
TOOLS=$(cd "$TOOLS" && pwd)
case $TOOLS/ in
"$OUT"/*) die "MKTOOLS ($TOOLS) must be outside $OUT" ;;
esac

# ---- the generators ----------------------------------------------------------

# newer FILE BINARY: FILE changed since BINARY was built.
newer() {
	[ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]
}

# tool NAME SOURCE LIBS...: compiles SOURCE into $TOOLS/NAME unless an
# up-to-date build is there; through a temporary name, so that two runs
# sharing $TOOLS never see half a binary.
tool() {
	_name=$1 _src=$2
	shift 2
	if [ ! -x "$TOOLS/$_name" ] || newer "$_src" "$TOOLS/$_name" ||
	    { [ "$_name" = mkdicom ] &&
	    newer "$ROOT/tests/dicom_writer.h" "$TOOLS/$_name"; }; then
		${CC:-cc} -O2 -o "$TOOLS/$_name.$$" "$_src" "$@" ||
		    die "cannot compile $_src"
		mv -f "$TOOLS/$_name.$$" "$TOOLS/$_name"
	fi
}

# Debian's libharu ships no pkg-config file; the others do.
# shellcheck disable=SC2046
tool mkpaper "$E2E/mkpaper.c" \
    $(pkg-config --cflags --libs harfbuzz-subset libjpeg) -lhpdf -lm
tool mkqrpaper "$E2E/mkqrpaper.c" -lhpdf -lqrencode -ljpeg -lm
# shellcheck disable=SC2046
tool mkqrphoto "$E2E/mkqrphoto.c" \
    $(pkg-config --cflags --libs libqrencode libturbojpeg libpng)
tool mkdicom "$E2E/mkdicom.c" -lz

MKPAPER=$TOOLS/mkpaper
MKQRPAPER=$TOOLS/mkqrpaper
MKQRPHOTO=$TOOLS/mkqrphoto
MKDICOM=$TOOLS/mkdicom
# mkpaper's scratch font goes here, not into the system's /tmp.
TMPDIR=$TOOLS
export TMPDIR

# expect_qr FILE TEXT: FILE's QR code (page 1 of a PDF) reads TEXT with
# an independent decoder, or the tests built on it would test nothing.
# Skipped, with a word, without zbarimg and pdftoppm.
if command -v zbarimg >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1
then
	CHECK_QR=1
else
	CHECK_QR=0
	echo "mkfolder.sh: no zbarimg or pdftoppm: QR codes not read back" >&2
fi
expect_qr() {
	[ $CHECK_QR -eq 1 ] || return 0
	case $1 in
	*.pdf)
		pdftoppm -r 150 -f 1 -l 1 -png "$1" "$TOOLS/qr$$" 2>/dev/null ||
		    die "$1: pdftoppm failed"
		_img=$TOOLS/qr$$-1.png ;;
	*) _img=$1 ;;
	esac
	_got=$(zbarimg -q --raw "$_img" 2>/dev/null || true)
	rm -f "$TOOLS/qr$$-1.png"
	[ "$_got" = "$2" ] || die "$1: the QR code reads '$_got', not '$2'"
}

# ---- the facts -----------------------------------------------------------------

STAY_IN=2026-10-03
STAY_OUT=2026-10-09
# The stay's fiscal e-receipt (示例联合医院, a public hospital).
FISCAL_QR='https://www.chinaebill.cn/eips-wxapp-service/d?t=504&a=7QK2M9XcRb&d=11060126_0012345678_a1b2c3_12850.40_20261009&s=5C0E91A2F7'
# The outpatient visit's VAT e-invoice (示例国际医疗中心, private).
EINV_QR='01,10,033002600111,42617391,680.00,20261020,03914275861302478516,5B2E,'
# The visit's pharmacy: a paper VAT ordinary invoice, photographed.
PHOTO_QR='01,04,033002600104,00731205,236.50,20261020,61843097521046387205,C41D,'

cd "$OUT"

# ---- papers with a text layer ---------------------------------------------------

"$MKPAPER" --admission $STAY_IN --discharge $STAY_OUT --pages 2 \
    discharge 出院小结.pdf
"$MKPAPER" --admission $STAY_IN --discharge $STAY_OUT --stay \
    --total 12850.40 --pages 3 expenses 住院费用清单.pdf
"$MKPAPER" --report 2026-10-04 lab 检验报告单.pdf
"$MKPAPER" --report 2026-10-08 pathology binglibaogao.pdf
mkdir lab
"$MKPAPER" --report 2026-10-07 --pages 2 lab lab/blood-test.pdf

# ---- scans and photos without text -------------------------------------------

"$MKPAPER" --report 2026-10-04 --scan imaging "CT report.pdf"
"$MKPAPER" --photo 1 --taken "2026:10:09 15:42:10" certificate \
    zhenduan_zhengming.jpg
# Two pages of the discharge medication list, photographed 18 s apart.
"$MKPAPER" --title 出院带药清单 --pages 2 --photo 1 \
    --taken "2026:10:09 10:15:30" prescription IMG_20261009_101530.jpg
"$MKPAPER" --title 出院带药清单 --pages 2 --photo 2 \
    --taken "2026:10:09 10:15:48" prescription IMG_20261009_101548.jpg
cp IMG_20261009_101530.jpg "IMG_20261009_101530 (1).jpg"
# The discharge summary photographed on the ward and sent through a
# messaging app, which drops the Exif data.
"$MKPAPER" --admission $STAY_IN --discharge $STAY_OUT --pages 2 \
    --photo 1 discharge discharge_1.jpg
"$MKPAPER" --admission $STAY_IN --discharge $STAY_OUT --pages 2 \
    --photo 2 discharge discharge_2.jpg
"$MKPAPER" --photo 1 --taken "2026:10:20 11:30:00" notice DSC01234.JPG

# ---- fapiao and receipts ------------------------------------------------------

"$MKQRPAPER" -S 示例国际医疗中心 vector dzfp_033002600111_42617391.pdf \
    "$EINV_QR" 033002600111 42617391 2026年10月20日 03914275861302478516 \
    "SMITH JOHN ALEXANDER" 680.00
expect_qr dzfp_033002600111_42617391.pdf "$EINV_QR"
"$MKQRPHOTO" -W 800 -H 600 -o 6 -s 180 -t "$PHOTO_QR" \
    -d "2026:10:20 09:30:00" -T "2026:10:20 09:30:00" IMG_20261020_093000.jpg
expect_qr IMG_20261020_093000.jpg "$PHOTO_QR"
mkdir receipts
"$MKQRPAPER" -d 150 -s 25 scan receipts/scan0001.pdf "$FISCAL_QR"
expect_qr receipts/scan0001.pdf "$FISCAL_QR"
cp "$ROOT/tests/corpus/einvoice/ofdrw-1.ofd" \
    receipts/033002000211_83089647.ofd

# ---- the imaging CD ----------------------------------------------------------

# cd_image FILE SERIES N OPTIONS...: image N of series SERIES (a UID) of
# the patient's study, with mkdicom's OPTIONS.
cd_image() {
	_cf=$1 _cs=$2 _cn=$3
	shift 3
	mkdir -p "$(dirname "$_cf")"
	"$MKDICOM" "$_cf" --charset "ISO_IR 192" \
	    --name "SMITH^JOHN ALEXANDER" --id P0001 --birth 19840309 \
	    --sex M --institution "Example Union Hospital" \
	    --series "$_cs" --sop "$_cs.$_cn" "$@" ||
	    die "mkdicom $_cf"
}

# make_cd DIR SERIES IMAGES DATE MODALITY STUDY DESCRIPTION: a CD as
# radiology hands it over: DICOMDIR, DICOM/ST000001/SE00000S/IM00000N,
# a viewer and autorun.inf.
make_cd() {
	_dir=$1 _series=$2 _images=$3 _date=$4 _mod=$5 _desc=$7
	_uid=1.2.826.0.1.3680043.2.1125.$6
	_list=""
	_s=1
	while [ $_s -le "$_series" ]; do
		_i=1
		while [ $_i -le "$_images" ]; do
			_f=$(printf 'DICOM/ST000001/SE%06d/IM%06d' $_s $_i)
			cd_image "$_dir/$_f" "$_uid.$_s" $_i --date "$_date" \
			    --modality "$_mod" --description "$_desc" \
			    --study "$_uid"
			_list="$_list $_f"
			_i=$((_i + 1))
		done
		_s=$((_s + 1))
	done
	# shellcheck disable=SC2086
	(cd "$_dir" && "$MKDICOM" dicomdir DICOMDIR $_list) ||
	    die "dicomdir $_dir"
	mkdir -p "$_dir/VIEWER"
	printf 'MZ\220\000\003\000\000\000\004\000\000\000\377\377' \
	    > "$_dir/VIEWER/viewer.exe"
	for _dll in dcmtk.dll Qt5Core.dll msvcp140.dll; do
		printf 'MZ\220\000\003\000\000\000' > "$_dir/VIEWER/$_dll"
	done
	printf '[autorun]\r\nopen=VIEWER\\viewer.exe\r\nicon=VIEWER\\viewer.exe,0\r\nlabel=PACS CD\r\n' \
	    > "$_dir/autorun.inf"
}

make_cd CD 2 6 20261004 CT 20261004 "CT Abdomen +C"

# ---- what else a copied folder holds -------------------------------------------

{ printf '\000\000\000\001Bud1'; head -c 6140 /dev/zero; } > .DS_Store
{ printf '\320\317\021\340\241\261\032\341'; head -c 504 /dev/zero; } \
    > Thumbs.db
printf '[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n' \
    > desktop.ini
mkdir __MACOSX
{ printf '\000\005\026\007\000\002\000\000Mac OS X        \000\002'
  head -c 4070 /dev/zero; } > __MACOSX/._出院小结.pdf
# Following this link would leave the folder and come back into it.
ln -s .. link-to-outside
cat > notes.txt <<'EOF'
Claim notes (John)
- 病案室 (medical records office): ask for a stamped copy of 出院小结.
- Billing desk: e-receipt for the stay was 12850.40; keep the expense list.
- Follow-up at the international clinic on 20 Oct: two fapiao.
- Insurer wants PDF or JPEG, max 10 MB per file.
EOF

# ---- --big: a folder of many papers, for a speed check ------------------------

if [ $BIG -eq 1 ]; then
	mkdir more
	kinds="discharge expenses lab pathology operative certificate prescription imaging"
	n=1
	while [ $n -le 30 ]; do
		k=$(echo "$kinds" | cut -d' ' -f$(( (n - 1) % 8 + 1 )))
		day=$(printf '2026-10-%02d' $(( 3 + n % 7 )))
		f=$(printf 'more/paper-%02d.pdf' $n)
		if [ $((n % 5)) -eq 0 ]; then
			# A VAT e-invoice of its own number.
			num=$((42617400 + n))
			qr="01,10,033002600111,$num,$n.00,20261009,03914275861302478516,5B2E,"
			"$MKQRPAPER" -S 示例联合医院 vector "$f" "$qr" \
			    033002600111 "$num" 2026年10月09日 \
			    03914275861302478516 "SMITH JOHN ALEXANDER" "$n.00"
			expect_qr "$f" "$qr"
		else
			"$MKPAPER" --report "$day" --pages $((n % 3 + 1)) "$k" "$f"
		fi
		n=$((n + 1))
	done
	n=1
	while [ $n -le 30 ]; do
		k=$(echo "$kinds" | cut -d' ' -f$(( (n - 1) % 8 + 1 )))
		t=$(printf '2026:10:05 %02d:%02d:00' $((8 + n / 6)) $((n * 7 % 60)))
		f=$(printf 'more/IMG_20261005_%02d%02d00.jpg' $((8 + n / 6)) \
		    $((n * 7 % 60)))
		if [ $((n % 3)) -eq 0 ]; then
			num=$(printf '%08d' $((731200 + n)))
			qr="01,04,033002600104,$num,$n.50,20261005,61843097521046387205,C41D,"
			"$MKQRPHOTO" -t "$qr" -d "$t" -T "$t" "$f"
			expect_qr "$f" "$qr"
		else
			"$MKPAPER" --photo 1 --taken "$t" --size 3024x4032 \
			    "$k" "$f"
		fi
		n=$((n + 1))
	done
	make_cd CD2 4 125 20261006 MR 20261006 "MR Abdomen"
fi
