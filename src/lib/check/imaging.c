/* imaging.c - whose images an imaging folder holds, and from when:
 * imaging-name-mismatch, imaging-several-patients,
 * imaging-date-outside-episode, imaging-unreadable, imaging-incomplete.
 *
 * The DICOM headers name the patient and date every study
 * (input/imaging.h).  The two mistakes that matter are a CD of another
 * patient (the radiology desk handed over the wrong one; a folder that
 * holds several people's images is also a privacy leak) and a study from
 * outside the stay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "manifest/doctype.h"
#include "manifest/name.h"
#include "read/papers.h"
#include "util/strbuf.h"

/* The most patients, studies or files named in one finding. */
#define MAX_NAMED 5

/*
 * One group of a DICOM PersonName ("Wang^XiaoDong", "王^小东") as a
 * name to compare: its components joined by spaces (by nothing when
 * the group is in CJK, as Chinese names are written), in `out`.
 */
static void
group_name(char *out, size_t size, const char *group, size_t len)
{
	bool cjk;
	size_t n = 0, i;
	char tmp[CP__DICOM_TEXT_MAX];

	if (len >= sizeof(tmp))
		len = sizeof(tmp) - 1;
	memcpy(tmp, group, len);
	tmp[len] = '\0';
	cjk = cp__name_has_cjk(tmp);
	for (i = 0; i < len && n + 1 < size; i++) {
		if (tmp[i] != '^') {
			out[n++] = tmp[i];
		} else if (!cjk && n > 0 && out[n - 1] != ' ') {
			out[n++] = ' ';
		}
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* Whether some group of the DICOM name `name` names the claim's
 * patient (a partial match counts: a scanner's name field is short). */
static bool
is_patient(const cp_claim *claim, const char *name)
{
	char printed[CP__DICOM_TEXT_MAX];
	const char *g = name, *end;
	cp__patient_name r;

	for (;;) {
		end = strchr(g, '=');
		group_name(printed, sizeof(printed), g,
		    end != NULL ? (size_t)(end - g) : strlen(g));
		if (printed[0] != '\0') {
			r = cp__name_is_patient(claim, printed, NULL);
			if (r != CP__PATIENT_MISMATCH)
				return true;
		}
		if (end == NULL)
			return false;
		g = end + 1;
	}
}

/* "CHEN^YOU FANG (ID 12345, 40 images, e.g. IMAGES/IM0001)" */
static void
describe_patient(cp__strbuf *sb, const cp__imaging_patient *p)
{
	cp__strbuf_printf(sb, "%s\"%s\"", sb->len ? ", " : "",
	    p->name[0] != '\0' ? p->name : "(no name)");
	cp__strbuf_printf(sb, " (%s%s%s%zu image%s, e.g. %s)",
	    p->id[0] != '\0' ? "ID " : "", p->id, p->id[0] != '\0' ? ", " : "",
	    p->images, p->images == 1 ? "" : "s", p->first_file);
}

static int
check_patients(cp_report *report, const cp_claim *claim, size_t d,
    const char *file, const cp__imaging *im)
{
	const cp__document *doc = &claim->documents[d];
	cp__strbuf others = CP__STRBUF_INIT;
	size_t i, nothers = 0, nmatch = 0;
	int rc = CP_OK;

	/* Without the passport name (fact-missing asks for it) no one is
	 * known to be the patient: only several people are told. */
	for (i = 0; i < im->npatients; i++) {
		if (claim->patient_name != NULL &&
		    is_patient(claim, im->patients[i].name)) {
			nmatch++;
			continue;
		}
		if (nothers++ < MAX_NAMED)
			describe_patient(&others, &im->patients[i]);
	}
	if (nothers > MAX_NAMED)
		cp__strbuf_printf(&others, " and %zu more", nothers - MAX_NAMED);
	if (others.failed) {
		rc = CP_ENOMEM;
		goto done;
	}
	if (nothers == 0)
		goto done;
	if (nmatch == 0 && claim->patient_name != NULL)
		rc = cp__report_add(report, d, "imaging-name-mismatch", doc->id,
		    file, "the images of %s (document %s) are of %s, not of "
		    "%s: ask the radiology desk (放射科) for the patient's own "
		    "CD, or add the name as it is written to patient.aliases "
		    "if it is the patient's", file, doc->id, others.data,
		    claim->patient_name);
	if (rc == CP_OK && (nmatch > 0 || im->npatients > 1))
		rc = cp__report_add(report, d, "imaging-several-patients",
		    doc->id, file, "%s (document %s) holds images of %zu "
		    "people: %s%s; remove the images that are not the "
		    "patient's before sending the claim (they are someone "
		    "else's medical data)", file, doc->id, nothers + (nmatch >
		    0), nmatch > 0 ? "the patient's and " : "", others.data);
done:
	cp__strbuf_free(&others);
	return rc;
}

static int
check_dates(cp_report *report, const cp_claim *claim, const cp_template *tpl,
    size_t d, const char *file, const cp__imaging *im)
{
	const cp__document *doc = &claim->documents[d];
	const cp__episode *ep = &claim->episodes[doc->episode];
	char start[16], end[16];
	cp__date date;
	const char *why;
	size_t i;
	int rc;

	/* fact-missing asks for a start not given */
	if (!ep->has_start)
		return CP_OK;
	cp__date_format(start, sizeof(start), ep->start);
	cp__date_format(end, sizeof(end), ep->end);
	for (i = 0; i < im->nstudies; i++) {
		const cp__imaging_study *s = &im->studies[i];

		if (s->date[0] == '\0' || cp__date_parse(&date, s->date,
		    &why) != 0)
			continue;
		if (date >= ep->start && date - ep->end <=
		    (cp__date)tpl->grace_days)
			continue;
		if ((rc = cp__report_add(report, d,
		    "imaging-date-outside-episode", doc->id, file, "%s "
		    "(document %s) holds a %s study of %s%s%s, outside episode "
		    "%s (%s to %s): check that it belongs to this stay, or "
		    "leave it out", file, doc->id, s->modalities[0] != '\0' ?
		    s->modalities : "imaging", s->date,
		    s->description[0] != '\0' ? ", " : "", s->description,
		    ep->id, start, end)) != CP_OK)
			return rc;
	}
	return CP_OK;
}

/* Up to MAX_NAMED entries of `list` joined by "; ", then "and N more". */
static char *
listing(char *const *list, size_t nlist, size_t total)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	size_t i;

	for (i = 0; i < nlist && i < MAX_NAMED; i++)
		cp__strbuf_printf(&sb, "%s%s", i > 0 ? "; " : "", list[i]);
	if (total > i)
		cp__strbuf_printf(&sb, " and %zu more", total - i);
	return cp__strbuf_detach(&sb);
}

static int
check_files(cp_report *report, const cp_claim *claim, size_t d,
    const char *file, const cp__imaging *im)
{
	const cp__document *doc = &claim->documents[d];
	char *list;
	int rc = CP_OK;

	if (im->unreadable > 0) {
		if ((list = listing(im->unreadable_files,
		    im->nunreadable_files, im->unreadable)) == NULL)
			return CP_ENOMEM;
		rc = cp__report_add(report, d, "imaging-unreadable", doc->id,
		    file, "%zu file%s of %s (document %s) claim%s to be DICOM "
		    "but cannot be read: %s; copy the CD again", im->unreadable,
		    im->unreadable == 1 ? "" : "s", file, doc->id,
		    im->unreadable == 1 ? "s" : "", list);
		free(list);
	}
	if (rc == CP_OK && im->missing > 0) {
		if ((list = listing(im->missing_files, im->nmissing_files,
		    im->missing)) == NULL)
			return CP_ENOMEM;
		rc = cp__report_add(report, d, "imaging-incomplete", doc->id,
		    file, "the DICOMDIR of %s (document %s) lists %zu file%s "
		    "the folder lacks (%s): it is a partial copy of the CD; "
		    "copy the whole CD again", file, doc->id, im->missing,
		    im->missing == 1 ? "" : "s", list);
		free(list);
	}
	return rc;
}

int
cp__check_imaging(cp_report *report, const cp_claim *claim,
    const cp_template *tpl)
{
	const cp__imaging *im;
	cp_error e;
	size_t d, f;
	int rc = CP_OK;

	for (d = 0; d < claim->ndocuments && rc == CP_OK; d++) {
		const cp__document *doc = &claim->documents[d];

		if (doc->type != CP__DT_IMAGING_FILES)
			continue;
		for (f = 0; f < doc->nfiles && rc == CP_OK; f++) {
			memset(&e, 0, sizeof(e));
			rc = cp__claim_imaging(&im, claim, d, f, &e);
			if (rc == CP_EIO) {
				/* file-missing and file-unreadable say why
				 * the folder cannot be read. */
				rc = CP_OK;
				continue;
			}
			if (rc != CP_OK || im == NULL)
				continue;
			if ((rc = check_patients(report, claim, d,
			    doc->files[f], im)) == CP_OK &&
			    (rc = check_dates(report, claim, tpl, d,
			    doc->files[f], im)) == CP_OK)
				rc = check_files(report, claim, d,
				    doc->files[f], im);
		}
	}
	return rc;
}
