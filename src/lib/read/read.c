/* read.c - reading the facts off one paper, whatever its format. */
#include "read/read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "read/readers.h"
#include "util/fsio.h"

/* The largest e-invoice XML read (real ones are a few KB). */
#define XML_MAX_BYTES (4u * 1024u * 1024u)

static int
read_xml(cp__paper_facts *paper, const char *path)
{
	cp_error err;
	char *xml;
	size_t len;
	int rc;

	paper->format = "xml";
	memset(&err, 0, sizeof(err));
	rc = cp__file_read(&xml, &len, path, XML_MAX_BYTES, "an e-invoice XML",
	    CP_EIO, &err);
	if (rc == CP_ENOMEM)
		return -1;
	if (rc != CP_OK)
		return cp__paper_problem(paper, "%s", err.message);
	rc = cp__read_einvoice_xml(paper, xml, len);
	free(xml);
	return rc;
}

int
cp__read_paper(cp__paper_facts **out, const char *path, const char *display,
    unsigned flags)
{
	cp__paper_facts *paper;
	cp__format format;
	ssize_t n;
	int rc = 0;

	*out = NULL;
	if ((paper = cp__paper_new(display ? display : path)) == NULL)
		return -1;
	if ((n = cp__sniff_file(path, &format)) < 0) {
		rc = cp__paper_problem(paper, "cannot be opened: %s",
		    strerror(errno));
		goto out;
	}
	switch (format) {
	case CP__FORMAT_PDF:
		rc = cp__read_pdf(paper, path, flags);
		break;
	case CP__FORMAT_JPEG:
	case CP__FORMAT_PNG:
	case CP__FORMAT_HEIC:
	case CP__FORMAT_WEBP:
	case CP__FORMAT_TIFF:
		rc = cp__read_photo(paper, path, format, flags);
		break;
	case CP__FORMAT_ZIP:
		rc = cp__read_ofd(paper, path, flags);
		break;
	case CP__FORMAT_XML:
		rc = read_xml(paper, path);
		break;
	case CP__FORMAT_DICOM:
		paper->format = "dicom";
		paper->not_paper = true;
		rc = cp__paper_problem(paper, "is a DICOM image; claimpack "
		    "does not read facts from DICOM files yet");
		break;
	case CP__FORMAT_GIF:
	case CP__FORMAT_BMP:
	case CP__FORMAT_UNKNOWN:
	default:
		paper->not_paper = true;
		rc = cp__paper_problem(paper, "is %s, not a paper claimpack "
		    "reads (PDF, JPEG, PNG, HEIC, WebP, TIFF, OFD or e-invoice "
		    "XML)", n == 0 ? "empty" : format == CP__FORMAT_UNKNOWN ?
		    "of a format claimpack does not know" :
		    cp__format_name(format));
		break;
	}
out:
	if (rc >= 0)
		cp__paper_settle(paper);
	if (rc < 0) {
		cp__paper_free(paper);
		return -1;
	}
	*out = paper;
	return 0;
}
