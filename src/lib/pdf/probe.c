/* probe.c - whether libqpdf can open a PDF, its page count, which pages
 * have damaged content, and whether it carries a digital signature. */
#include <stdio.h>
#include <string.h>

#include "pdf/objects_int.h"
#include "pdf/page_content_int.h"
#include "pdf/probe.h"
#include "pdf/qpdf_error_int.h"
#include "pdf/qpdf_input_int.h"

/* Reads every page's content; a page libqpdf cannot even hand over
 * counts as damaged. */
static int
read_pages(cp__pdf_info *info, qpdf_data q)
{
	cp__page_content pc;
	qpdf_oh page;
	int i;

	for (i = 0; i < info->pages; i++) {
		page = qpdf_get_page_n(q, (size_t)i);
		if (!cp__qpdf_ok(q)) {
			memset(&pc, 0, sizeof(pc));
			pc.damaged = true;
			snprintf(pc.why, sizeof(pc.why), "libqpdf cannot "
			    "read the page");
		} else if (cp__page_content_scan(&pc, q, page) != 0) {
			return -1;
		}
		if (!pc.damaged)
			continue;
		if (info->damaged_pages == 0)
			snprintf(info->damage, sizeof(info->damage), "%s",
			    pc.why);
		if (info->damaged_pages < CP__PDF_DAMAGED_LIST)
			info->damaged[info->damaged_pages] = i + 1;
		info->damaged_pages++;
	}
	return 0;
}

/* The memos of a probe, with and without the pages' content read. */
#define MEMO_CONTENT "pdf-probe+content"
#define MEMO_PLAIN "pdf-probe"

/* A probe made earlier in this run (util/infile.h), if any: one that
 * read the pages' content also answers one that need not. */
static bool
probed(cp__pdf_info *info, const char *path, bool read_content)
{
	if (!cp__infile_memo(path, MEMO_CONTENT, info, sizeof(*info)) &&
	    (read_content || !cp__infile_memo(path, MEMO_PLAIN, info,
	    sizeof(*info))))
		return false;
	if (!read_content) {
		info->damaged_pages = 0;
		memset(info->damaged, 0, sizeof(info->damaged));
		info->damage[0] = '\0';
	}
	return true;
}

int
cp__pdf_probe(cp__pdf_info *info, const char *path, bool read_content)
{
	cp__inmap map;
	qpdf_data q;
	int pages, rc = 0;

	if (probed(info, path, read_content))
		return 0;
	memset(info, 0, sizeof(*info));
	if ((q = cp__qpdf_open()) == NULL)
		return -1;
	if (cp__qpdf_read_input(q, path, &map) & QPDF_ERRORS) {
		info->state = cp__qpdf_take_error(q, info->detail,
		    sizeof(info->detail)) == qpdf_e_password ?
		    CP__PDF_PASSWORD : CP__PDF_BROKEN;
		goto done;
	}
	info->encrypted = qpdf_is_encrypted(q) != QPDF_FALSE;
	pages = qpdf_get_num_pages(q);
	if (pages < 0 || qpdf_has_error(q)) {
		info->state = CP__PDF_BROKEN;
		cp__qpdf_take_error(q, info->detail, sizeof(info->detail));
		goto done;
	}
	if (pages == 0) {
		info->state = CP__PDF_BROKEN;
		snprintf(info->detail, sizeof(info->detail), "it has no pages");
		goto done;
	}
	info->pages = pages;
	info->state = CP__PDF_OK;
	info->repaired = cp__qpdf_take_warning(q, info->detail,
	    sizeof(info->detail));
	if (read_content)
		rc = read_pages(info, q);
done:
	cp__qpdf_close(&q);
	cp__inmap_release(&map);
	if (rc == 0)
		cp__infile_memo_set(path, read_content ? MEMO_CONTENT :
		    MEMO_PLAIN, info, sizeof(*info));
	return rc;
}

/* A signed field's value: a signature dictionary with a /ByteRange. */
static bool
is_signature(qpdf_data q, qpdf_oh v)
{
	qpdf_oh range = cp__oh_dict_get(q, v, "/ByteRange");

	return qpdf_oh_is_array(q, range) &&
	    qpdf_oh_get_array_n_items(q, range) >= 4;
}

/* Whether `field` or a field below it is a signed signature field;
 * `sig` says a parent's /FT is /Sig (the type is inherited). *budget
 * counts the fields still allowed, so that a /Kids loop ends too. */
static bool
field_signed(qpdf_data q, qpdf_oh field, bool sig, int depth, int *budget)
{
	qpdf_oh type, kids;
	int i, n;

	if (depth > CP__PDF_SIG_MAX_DEPTH || --*budget < 0 ||
	    !qpdf_oh_is_dictionary(q, field))
		return false;
	type = cp__oh_dict_get(q, field, "/FT");
	if (qpdf_oh_is_name(q, type))
		sig = qpdf_oh_is_name_and_equals(q, type, "/Sig");
	if (sig && is_signature(q, cp__oh_dict_get(q, field, "/V")))
		return true;
	kids = cp__oh_dict_get(q, field, "/Kids");
	n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
	for (i = 0; i < n && *budget > 0; i++)
		if (field_signed(q, cp__oh_array_get(q, kids, i), sig,
		    depth + 1, budget))
			return true;
	return false;
}

int
cp__pdf_signed(bool *out, const char *path)
{
	int budget = CP__PDF_SIG_MAX_FIELDS, i, n;
	cp__inmap map;
	qpdf_oh fields;
	qpdf_data q;

	if (cp__infile_memo(path, "pdf-signed", out, sizeof(*out)))
		return 0;
	*out = false;
	if ((q = cp__qpdf_open()) == NULL)
		return -1;
	if (!(cp__qpdf_read_input(q, path, &map) & QPDF_ERRORS)) {
		fields = cp__oh_dict_get(q, cp__oh_dict_get(q, qpdf_get_root(q),
		    "/AcroForm"), "/Fields");
		n = qpdf_oh_is_array(q, fields) ?
		    qpdf_oh_get_array_n_items(q, fields) : 0;
		for (i = 0; i < n && budget > 0 && !*out; i++)
			*out = field_signed(q, cp__oh_array_get(q, fields, i),
			    false, 0, &budget);
	}
	cp__qpdf_close(&q);
	cp__inmap_release(&map);
	cp__infile_memo_set(path, "pdf-signed", out, sizeof(*out));
	return 0;
}
