/* attachments.c - the files embedded in the bundle (/EmbeddedFiles). */
#include <stdlib.h>
#include <string.h>

#include "pdf/assemble_int.h"
#include "pdf/objects_int.h"
#include "pdf/qpdf_error_int.h"
#include "util/error.h"
#include "util/fsio.h"

/* An attachment's key in the /EmbeddedFiles name tree. */
typedef struct {
	qpdf_oh key;
	char *bytes;    /* the key as encoded in the PDF: the sort order */
	size_t len;
	size_t index;   /* in a->attachments */
} att_key;

static int
cmp_att_key(const void *pa, const void *pb)
{
	const att_key *a = pa, *b = pb;

	return cp__pdf_string_cmp(a->bytes, a->len, b->bytes, b->len);
}

/* The /Filespec of one attachment, with its /EmbeddedFile stream, into
 * *out.  CP_OK, or the status of reading the file it is made from. */
static int
filespec(qpdf_oh *out, qpdf_data q, const cp__attachment *at, cp_error *err)
{
	qpdf_oh fs, ef, stream, sdict, params;
	const unsigned char *data = at->data;
	char *mime, *file = NULL;
	size_t len = at->len, mlen;
	int rc;

	if (at->path != NULL) {
		if ((rc = cp__file_read(&file, &len, at->path,
		    CP__ATTACH_FILE_MAX, "a file attached to the bundle",
		    CP_ETOOBIG, err)) != CP_OK)
			return rc;
		data = (const unsigned char *)file;
	}
	/* libqpdf keeps a copy: ours goes at once. */
	stream = cp__oh_new_stream(q, data, len);
	free(file);
	sdict = qpdf_oh_get_dict(q, stream);
	qpdf_oh_replace_key(q, sdict, "/Type",
	    qpdf_oh_new_name(q, "/EmbeddedFile"));
	params = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, params, "/Size",
	    qpdf_oh_new_integer(q, (long long)len));
	qpdf_oh_replace_key(q, sdict, "/Params", params);
	if (at->mime != NULL && at->mime[0] != '\0') {
		/* libqpdf writes the '/' inside the name as #2f. */
		mlen = strlen(at->mime);
		if ((mime = malloc(mlen + 2)) == NULL)
			return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
		mime[0] = '/';
		memcpy(mime + 1, at->mime, mlen + 1);
		qpdf_oh_replace_key(q, sdict, "/Subtype",
		    qpdf_oh_new_name(q, mime));
		free(mime);
	}

	fs = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
	qpdf_oh_replace_key(q, fs, "/Type", qpdf_oh_new_name(q, "/Filespec"));
	qpdf_oh_replace_key(q, fs, "/F",
	    qpdf_oh_new_unicode_string(q, at->name));
	qpdf_oh_replace_key(q, fs, "/UF",
	    qpdf_oh_new_unicode_string(q, at->name));
	if (at->description != NULL)
		qpdf_oh_replace_key(q, fs, "/Desc",
		    qpdf_oh_new_unicode_string(q, at->description));
	ef = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, ef, "/F", stream);
	qpdf_oh_replace_key(q, fs, "/EF", ef);
	*out = fs;
	return CP_OK;
}

int
cp__asm_add_attachments(cp__asm_ctx *c)
{
	const cp__assembly *a = c->a;
	qpdf_data q = c->out;
	qpdf_oh names, tree, catalog_names, root, fs = 0;
	att_key *keys;
	const char *s;
	size_t i, len;
	int rc = CP_OK;

	if (a->nattachments == 0)
		return CP_OK;
	if ((keys = calloc(a->nattachments, sizeof(*keys))) == NULL)
		return cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < a->nattachments; i++) {
		keys[i].index = i;
		keys[i].key = qpdf_oh_new_unicode_string(q,
		    a->attachments[i].name);
		s = qpdf_oh_get_binary_string_value(q, keys[i].key, &len);
		if ((keys[i].bytes = malloc(len + 1)) == NULL) {
			rc = cp__error_set(c->err, CP_ENOMEM, NULL, 0, 0,
			    "out of memory");
			goto done;
		}
		memcpy(keys[i].bytes, s, len);
		keys[i].len = len;
	}
	/* Name tree keys must be sorted, bytewise, and unique. */
	qsort(keys, a->nattachments, sizeof(*keys), cmp_att_key);
	for (i = 1; i < a->nattachments; i++)
		if (cmp_att_key(&keys[i - 1], &keys[i]) == 0) {
			rc = cp__error_set(c->err, CP_EINVAL, NULL, 0, 0,
			    "two attachments are named \"%s\"",
			    a->attachments[keys[i].index].name);
			goto done;
		}
	names = qpdf_oh_new_array(q);
	for (i = 0; i < a->nattachments; i++) {
		if ((rc = filespec(&fs, q, &a->attachments[keys[i].index],
		    c->err)) != CP_OK)
			goto done;
		qpdf_oh_append_item(q, names, keys[i].key);
		qpdf_oh_append_item(q, names, fs);
	}
	tree = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, tree, "/Names", names);
	root = qpdf_get_root(q);
	catalog_names = cp__oh_copy_dict(q, cp__oh_dict_get(q, root, "/Names"));
	qpdf_oh_replace_key(q, catalog_names, "/EmbeddedFiles", tree);
	qpdf_oh_replace_key(q, root, "/Names", catalog_names);
	rc = cp__qpdf_check(c->err, q, a->out_path,
	    "cannot add the attachments");
done:
	for (i = 0; i < a->nattachments; i++)
		free(keys[i].bytes);
	free(keys);
	return rc;
}
