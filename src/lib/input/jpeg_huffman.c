/* jpeg_huffman.c - re-coding a JPEG's coefficients with libjpeg-turbo. */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "input/jpeg_huffman.h"
#include "util/infile.h"

/* Scans read from one file: a progressive JPEG has about ten; thousands
 * of tiny ones only make the decoder slow. */
#define MAX_SCANS 1000
/* The memory libjpeg may take for the coefficients, which it holds whole
 * (2 bytes each): a 50-megapixel photo in 4:2:0 takes 150 MB.  A header
 * of a few bytes may claim 200 megapixels: that is refused, not given
 * 600 MB and seconds of decoding. */
#define MAX_MEMORY (256L * 1024 * 1024)

/* libjpeg's error manager, extended with where to go on an error.  One
 * per call: no state is shared between calls or threads. */
typedef struct {
	struct jpeg_error_mgr pub;
	jmp_buf escape;
	char message[JMSG_LENGTH_MAX];
} failure;

/* libjpeg's errors end its calls: the message is kept, and the call
 * returns through the jump. */
static void
on_error(j_common_ptr cinfo)
{
	failure *f = (failure *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, f->message);
	longjmp(f->escape, 1);
}

/* Warnings (stray bytes, a corrupt scan) are not errors, and nothing is
 * printed. */
static void
on_message(j_common_ptr cinfo, int level)
{
	(void)cinfo;
	(void)level;
}

static void
on_progress(j_common_ptr cinfo)
{
	failure *f = (failure *)cinfo->err;

	if (cinfo->is_decompressor &&
	    ((j_decompress_ptr)cinfo)->input_scan_number > MAX_SCANS) {
		snprintf(f->message, sizeof(f->message), "it has more than %d "
		    "scans", MAX_SCANS);
		longjmp(f->escape, 1);
	}
}

/* Whether a segment libjpeg kept is one it writes itself when asked:
 * the JFIF APP0 and Adobe's APP14. */
static int
written_by_libjpeg(const struct jpeg_compress_struct *out,
    const jpeg_saved_marker_ptr m)
{
	if (m->marker == JPEG_APP0 && out->write_JFIF_header &&
	    m->data_length >= 5 && memcmp(m->data, "JFIF", 5) == 0)
		return 1;
	return m->marker == JPEG_APP0 + 14 && out->write_Adobe_marker &&
	    m->data_length >= 5 && memcmp(m->data, "Adobe", 5) == 0;
}

int
cp__jpeg_huffman(const char *src, const char *dst, char *why,
    size_t why_size)
{
	/* volatile: changed between setjmp and a longjmp back to it. */
	FILE *volatile in = NULL, *volatile out = NULL;
	volatile int made_out = 0, rc = -1;
	struct jpeg_decompress_struct dec;
	struct jpeg_compress_struct enc;
	struct jpeg_progress_mgr progress;
	jvirt_barray_ptr *coefs;
	jpeg_saved_marker_ptr m;
	failure f;
	int i;

	memset(&f, 0, sizeof(f));
	memset(&progress, 0, sizeof(progress));
	if ((in = cp__infile_fopen(src, NULL)) == NULL) {
		snprintf(why, why_size, "cannot be read: %s", strerror(errno));
		return -1;
	}
	dec.err = jpeg_std_error(&f.pub);
	enc.err = &f.pub;
	f.pub.error_exit = on_error;
	f.pub.emit_message = on_message;
	progress.progress_monitor = on_progress;
	if (setjmp(f.escape) != 0) {
		if (f.pub.msg_code == JERR_NO_BACKING_STORE ||
		    f.pub.msg_code == JERR_OUT_OF_MEMORY)
			snprintf(why, why_size, "JPEG is too large to re-code "
			    "(it needs more than %ld MB); save it again as an "
			    "ordinary JPEG", MAX_MEMORY >> 20);
		else
			snprintf(why, why_size, "JPEG cannot be %s: %s",
			    made_out ? "re-coded" : "decoded", f.message);
		goto done;
	}
	jpeg_create_decompress(&dec);
	dec.progress = &progress;
	dec.mem->max_memory_to_use = MAX_MEMORY;
	jpeg_stdio_src(&dec, in);
	if (dst != NULL) {
		jpeg_save_markers(&dec, JPEG_COM, 0xffff);
		for (i = 0; i < 16; i++)
			jpeg_save_markers(&dec, JPEG_APP0 + i, 0xffff);
	}
	jpeg_read_header(&dec, TRUE);
	coefs = jpeg_read_coefficients(&dec);
	if (dst != NULL) {
		if ((out = fopen(dst, "wb")) == NULL) {
			snprintf(why, why_size, "cannot write its Huffman-coded "
			    "copy: %s", strerror(errno));
			goto done;
		}
		made_out = 1;
		jpeg_create_compress(&enc);
		jpeg_stdio_dest(&enc, out);
		jpeg_copy_critical_parameters(&dec, &enc);
		enc.arith_code = FALSE;
		enc.optimize_coding = TRUE;
		/* As the original: libjpeg would add a JFIF header to a
		 * phone's photo, and an Adobe marker to plain CMYK (which
		 * readers would then take as inverted). */
		enc.write_JFIF_header = dec.saw_JFIF_marker;
		enc.write_Adobe_marker = dec.saw_Adobe_marker;
		jpeg_write_coefficients(&enc, coefs);
		for (m = dec.marker_list; m != NULL; m = m->next)
			if (!written_by_libjpeg(&enc, m))
				jpeg_write_marker(&enc, m->marker, m->data,
				    m->data_length);
		jpeg_finish_compress(&enc);
	}
	jpeg_finish_decompress(&dec);
	if (out != NULL && (fflush(out) != 0 || ferror(out))) {
		snprintf(why, why_size, "cannot write its Huffman-coded copy: "
		    "%s", strerror(errno));
		goto done;
	}
	rc = 0;
done:
	if (made_out)
		jpeg_destroy_compress(&enc);
	jpeg_destroy_decompress(&dec);
	if (out != NULL && fclose(out) != 0 && rc == 0) {
		snprintf(why, why_size, "cannot write its Huffman-coded copy: "
		    "%s", strerror(errno));
		rc = -1;
	}
	fclose(in);
	return rc;
}
