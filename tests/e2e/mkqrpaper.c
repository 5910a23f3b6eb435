/*
 * mkqrpaper.c - writes the PDF papers with QR codes that the readers'
 * tests read: an e-invoice whose code is drawn as vector paths, and a
 * scanned receipt that is one picture and no text.
 *
 *   mkqrpaper [-b PAGES] [-r ROTATE] [-s MM] [-S SELLER] vector FILE
 *             QRTEXT CODE NUMBER DATE CHECK BUYER TOTAL
 *   mkqrpaper [-a DEGREES] [-b PAGES] [-d DPI] [-n NOISE] [-r ROTATE]
 *             [-s MM] scan FILE QRTEXT
 *
 * vector  a VAT e-invoice as the tax office's PDFs lay it out: 210 x 140
 *         mm, the QR code drawn as filled rectangles (one per run of dark
 *         modules) MM wide (default 20) in the top-left corner, and a text
 *         layer in wqy-zenhei: 发票代码 CODE, 发票号码 NUMBER, 开票日期
 *         DATE (printed as given), 校验码 CHECK (in groups of five),
 *         购买方 名称 BUYER, 价税合计（大写）... （小写）¥TOTAL,
 *         销售方 名称: SELLER (default 杭州市第一人民医院).
 * scan    a fiscal receipt as a scanner makes it: one grey JPEG filling an
 *         A5 landscape page at DPI (default 200), turned by DEGREES
 *         (default 1.5), with noise of +-NOISE grey levels (default 12),
 *         holding the QR code (MM wide) and bars where the text would be.
 *         No text layer.
 *
 * An empty QRTEXT draws no code.  -b puts PAGES pages of plain text
 * before the paper's page (so its page number is PAGES + 1); -r sets the
 * page's /Rotate (0, 90, 180, 270).  The QR code is encoded by
 * libqrencode (level M, 8-bit, modes chosen by libqrencode).  Exit status
 * 0, 1 when the file cannot be written, 2 on bad arguments.
 *
 * Compiled on the fly by the tests:
 *   cc -o mkqrpaper tests/e2e/mkqrpaper.c -lhpdf -lqrencode -ljpeg -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <jpeglib.h>
#include <qrencode.h>

#define FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define MM (72.0 / 25.4)

static const char usage_text[] =
    "usage: mkqrpaper [-b PAGES] [-r ROTATE] [-s MM] [-S SELLER] vector "
    "FILE QRTEXT CODE NUMBER DATE CHECK BUYER TOTAL\n"
    "       mkqrpaper [-a DEGREES] [-b PAGES] [-d DPI] [-n NOISE] "
    "[-r ROTATE] [-s MM] scan FILE QRTEXT\n";

typedef struct {
	double angle;           /* scan: degrees the paper is turned */
	int before;             /* plain pages before the paper's */
	int dpi;                /* scan: pixels per inch */
	int noise;              /* scan: grey levels either way */
	int rotate;             /* the page's /Rotate */
	double size_mm;         /* the QR code's width */
	const char *seller;     /* vector: the seller's name */
} options;

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(2);
}

static void
haru_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *data)
{
	(void)data;
	fprintf(stderr, "mkqrpaper: libharu error 0x%04X (detail %u)\n",
	    (unsigned)error_no, (unsigned)detail_no);
	exit(1);
}

static QRcode *
encode(const char *text)
{
	QRcode *qr;

	if (text[0] == '\0')
		return NULL;
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL) {
		fprintf(stderr, "mkqrpaper: cannot encode the QR text\n");
		exit(2);
	}
	return qr;
}

static void
text_at(HPDF_Page page, HPDF_Font font, double size, double x, double y,
    const char *s)
{
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(page);
}

/* Pages of plain text before the paper's own page. */
static void
plain_pages(HPDF_Doc pdf, HPDF_Font font, int count)
{
	char line[64];
	int k;

	for (k = 0; k < count; k++) {
		HPDF_Page page = HPDF_AddPage(pdf);

		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
		    HPDF_PAGE_PORTRAIT);
		snprintf(line, sizeof(line), "门诊病历 第 %d 页", k + 1);
		text_at(page, font, 16, 72, 760, line);
	}
}

/* The QR code's dark modules as rectangles, `side` points wide, its
 * top-left corner at (x, top). */
static void
draw_qr(HPDF_Page page, const QRcode *qr, double x, double top, double side)
{
	double m = side / qr->width;
	int row, col, run;

	HPDF_Page_SetGrayFill(page, 0);
	for (row = 0; row < qr->width; row++) {
		for (col = 0; col < qr->width; col = run) {
			run = col;
			while (run < qr->width &&
			    (qr->data[row * qr->width + run] & 1))
				run++;
			if (run == col) {
				run++;
				continue;
			}
			HPDF_Page_Rectangle(page, (HPDF_REAL)(x + col * m),
			    (HPDF_REAL)(top - (row + 1) * m),
			    (HPDF_REAL)((run - col) * m), (HPDF_REAL)m);
		}
	}
	HPDF_Page_Fill(page);
}

/* "16197833567414507415" as "16197 83356 74145 07415". */
static void
groups_of_five(char *out, size_t size, const char *digits)
{
	size_t i, n = 0, len = strlen(digits);

	for (i = 0; i < len && n + 2 < size; i++) {
		if (i > 0 && i % 5 == 0)
			out[n++] = ' ';
		out[n++] = digits[i];
	}
	out[n] = '\0';
}

static void
vector_page(HPDF_Doc pdf, HPDF_Font font, const options *o, char **arg)
{
	const char *qrtext = arg[0], *code = arg[1], *number = arg[2],
	    *date = arg[3], *check = arg[4], *buyer = arg[5], *total = arg[6];
	HPDF_Page page = HPDF_AddPage(pdf);
	double w = 210 * MM, h = 140 * MM;
	char line[256], five[64];
	QRcode *qr;

	HPDF_Page_SetWidth(page, (HPDF_REAL)w);
	HPDF_Page_SetHeight(page, (HPDF_REAL)h);
	if (o->rotate != 0)
		HPDF_Page_SetRotate(page, (HPDF_UINT16)o->rotate);
	if ((qr = encode(qrtext)) != NULL) {
		draw_qr(page, qr, 10 * MM, h - 8 * MM, o->size_mm * MM);
		QRcode_free(qr);
	}
	text_at(page, font, 16, 62 * MM, h - 16 * MM,
	    "浙江增值税电子普通发票");
	snprintf(line, sizeof(line), "发票代码: %s", code);
	text_at(page, font, 9, 140 * MM, h - 12 * MM, line);
	snprintf(line, sizeof(line), "发票号码: %s", number);
	text_at(page, font, 9, 140 * MM, h - 17 * MM, line);
	snprintf(line, sizeof(line), "开票日期: %s", date);
	text_at(page, font, 9, 140 * MM, h - 22 * MM, line);
	groups_of_five(five, sizeof(five), check);
	snprintf(line, sizeof(line), "校 验 码: %s", five);
	text_at(page, font, 9, 140 * MM, h - 27 * MM, line);

	/* The buyer's box: 购买方 written down its left edge, as printed. */
	HPDF_Page_SetLineWidth(page, 0.6f);
	HPDF_Page_Rectangle(page, (HPDF_REAL)(8 * MM), (HPDF_REAL)(h - 58 * MM),
	    (HPDF_REAL)(194 * MM), (HPDF_REAL)(24 * MM));
	HPDF_Page_Stroke(page);
	text_at(page, font, 9, 10 * MM, h - 40 * MM, "购");
	text_at(page, font, 9, 10 * MM, h - 46 * MM, "买");
	text_at(page, font, 9, 10 * MM, h - 52 * MM, "方");
	snprintf(line, sizeof(line), "名        称: %s", buyer);
	text_at(page, font, 9, 18 * MM, h - 40 * MM, line);
	text_at(page, font, 9, 18 * MM, h - 46 * MM, "纳税人识别号:");
	text_at(page, font, 9, 18 * MM, h - 52 * MM, "地 址、电 话:");

	text_at(page, font, 9, 12 * MM, h - 66 * MM, "项目名称");
	text_at(page, font, 9, 120 * MM, h - 66 * MM, "金 额");
	text_at(page, font, 9, 150 * MM, h - 66 * MM, "税率");
	text_at(page, font, 9, 175 * MM, h - 66 * MM, "税 额");
	text_at(page, font, 9, 12 * MM, h - 73 * MM, "*医疗服务*门诊诊察费");
	text_at(page, font, 9, 150 * MM, h - 73 * MM, "免税");
	text_at(page, font, 9, 175 * MM, h - 73 * MM, "***");

	text_at(page, font, 9, 12 * MM, h - 100 * MM, "价税合计（大写）");
	snprintf(line, sizeof(line), "（小写）¥%s", total);
	text_at(page, font, 9, 140 * MM, h - 100 * MM, line);
	snprintf(line, sizeof(line), "销售方 名称: %s", o->seller);
	text_at(page, font, 9, 12 * MM, h - 112 * MM, line);
	text_at(page, font, 9, 12 * MM, h - 130 * MM,
	    "收款人: 王丽    复核: 李明    开票人: 张华");
}

/* A pseudo-random sequence of its own, so that the papers are the same
 * on every machine. */
static unsigned
next_random(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

/* How much ink is at (x, y) mm on the receipt: 1 on the QR code's dark
 * modules and the bars that stand for its text, 0 elsewhere. */
static int
ink_at(const QRcode *qr, double qx, double qy, double side, double x,
    double y)
{
	static const double bars[][3] = {
		/* y, x from, x to (mm) */
		{ 14, 70, 150 }, { 36, 15, 95 }, { 36, 110, 190 },
		{ 44, 15, 80 }, { 44, 110, 170 }, { 60, 15, 190 },
		{ 70, 15, 120 }, { 80, 15, 140 }, { 90, 15, 100 },
		{ 110, 15, 90 }, { 110, 120, 185 }, { 125, 15, 60 }
	};
	size_t i;

	if (qr != NULL && x >= qx && y >= qy && x < qx + side &&
	    y < qy + side) {
		int col = (int)((x - qx) / side * qr->width);
		int row = (int)((y - qy) / side * qr->width);

		return qr->data[row * qr->width + col] & 1;
	}
	for (i = 0; i < sizeof(bars) / sizeof(bars[0]); i++)
		if (y >= bars[i][0] && y < bars[i][0] + 2.5 &&
		    x >= bars[i][1] && x < bars[i][2])
			return 1;
	return 0;
}

/* The receipt's grey pixels as a scanner would give them. */
static unsigned char *
scan_pixels(const QRcode *qr, const options *o, int width, int height)
{
	double rad = o->angle * 3.14159265358979323846 / 180.0, c = cos(rad), s = sin(rad);
	double cx = 105.0, cy = 74.0, px = 25.4 / o->dpi;
	unsigned state = 20230306u;
	unsigned char *pix;
	int x, y, sx, sy;

	if ((pix = malloc((size_t)width * (size_t)height)) == NULL) {
		fprintf(stderr, "mkqrpaper: out of memory\n");
		exit(1);
	}
	for (y = 0; y < height; y++) {
		for (x = 0; x < width; x++) {
			int inked = 0, v;

			/* 3 x 3 samples a pixel: a scanner's soft edges */
			for (sy = 0; sy < 3; sy++) {
				for (sx = 0; sx < 3; sx++) {
					double mx = (x + (sx + 0.5) / 3) * px -
					    cx;
					double my = (y + (sy + 0.5) / 3) * px -
					    cy;

					inked += ink_at(qr, 12, 12,
					    o->size_mm, cx + c * mx + s * my,
					    cy - s * mx + c * my);
				}
			}
			v = 232 - inked * (232 - 38) / 9;
			if (o->noise > 0)
				v += (int)(next_random(&state) %
				    (unsigned)(2 * o->noise + 1)) - o->noise;
			pix[(size_t)y * (size_t)width + (size_t)x] =
			    (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
		}
	}
	return pix;
}

static unsigned char *
jpeg_of(const unsigned char *pix, int width, int height,
    unsigned long *len)
{
	struct jpeg_compress_struct cinfo;
	struct jpeg_error_mgr jerr;
	unsigned char *out = NULL;
	JSAMPROW row;

	cinfo.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, &out, len);
	cinfo.image_width = (JDIMENSION)width;
	cinfo.image_height = (JDIMENSION)height;
	cinfo.input_components = 1;
	cinfo.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, 75, TRUE);
	jpeg_start_compress(&cinfo, TRUE);
	while (cinfo.next_scanline < cinfo.image_height) {
		row = (JSAMPROW)(pix + (size_t)cinfo.next_scanline *
		    (size_t)width);
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	return out;
}

static void
scan_page(HPDF_Doc pdf, const options *o, const char *qrtext)
{
	HPDF_Page page = HPDF_AddPage(pdf);
	int width = (int)lround(210 / 25.4 * o->dpi);
	int height = (int)lround(148 / 25.4 * o->dpi);
	unsigned char *pix, *jpeg;
	unsigned long len = 0;
	HPDF_Image image;
	QRcode *qr;

	HPDF_Page_SetWidth(page, (HPDF_REAL)(210 * MM));
	HPDF_Page_SetHeight(page, (HPDF_REAL)(148 * MM));
	if (o->rotate != 0)
		HPDF_Page_SetRotate(page, (HPDF_UINT16)o->rotate);
	qr = encode(qrtext);
	pix = scan_pixels(qr, o, width, height);
	if (qr != NULL)
		QRcode_free(qr);
	jpeg = jpeg_of(pix, width, height, &len);
	free(pix);
	image = HPDF_LoadJpegImageFromMem(pdf, jpeg, (HPDF_UINT)len);
	HPDF_Page_DrawImage(page, image, 0, 0, (HPDF_REAL)(210 * MM),
	    (HPDF_REAL)(148 * MM));
	free(jpeg);
}

static int
number_arg(const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		usage();
	return (int)v;
}

int
main(int argc, char **argv)
{
	options o = { 1.5, 0, 200, 12, 0, 20, "杭州市第一人民医院" };
	const char *kind, *file;
	HPDF_Font font = NULL;
	HPDF_Doc pdf;
	char *end;
	int ch;

	while ((ch = getopt(argc, argv, "a:b:d:n:r:s:S:")) != -1) {
		switch (ch) {
		case 'a':
			o.angle = strtod(optarg, &end);
			if (*end != '\0' || fabs(o.angle) > 45)
				usage();
			break;
		case 'b': o.before = number_arg(optarg, 0, 100); break;
		case 'd': o.dpi = number_arg(optarg, 50, 600); break;
		case 'n': o.noise = number_arg(optarg, 0, 100); break;
		case 'r':
			o.rotate = number_arg(optarg, 0, 270);
			if (o.rotate % 90 != 0)
				usage();
			break;
		case 'S': o.seller = optarg; break;
		case 's':
			o.size_mm = strtod(optarg, &end);
			if (*end != '\0' || o.size_mm < 5 || o.size_mm > 100)
				usage();
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 3)
		usage();
	kind = argv[0];
	file = argv[1];
	if (!((strcmp(kind, "vector") == 0 && argc == 9) ||
	    (strcmp(kind, "scan") == 0 && argc == 3)))
		usage();

	if ((pdf = HPDF_New(haru_error, NULL)) == NULL)
		return 1;
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	if (strcmp(kind, "vector") == 0 || o.before > 0) {
		const char *name;

		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
		name = HPDF_LoadTTFontFromFile2(pdf, FONT, 0, HPDF_TRUE);
		font = HPDF_GetFont(pdf, name, "UTF-8");
	}
	plain_pages(pdf, font, o.before);
	if (strcmp(kind, "vector") == 0)
		vector_page(pdf, font, &o, argv + 2);
	else
		scan_page(pdf, &o, argv[2]);
	if (HPDF_SaveToFile(pdf, file) != HPDF_OK) {
		HPDF_Free(pdf);
		return 1;
	}
	HPDF_Free(pdf);
	return 0;
}
