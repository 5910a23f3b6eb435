/* junk.c - the files beside the papers and images that are skipped. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "input/junk.h"

#define REASON_OS "operating-system clutter"
#define REASON_CD "a CD's start-up file"
#define REASON_VIEWER "an image viewer program"
#define REASON_PROGRAM "a program, not a paper"

static const char *
base_name(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash != NULL ? slash + 1 : rel;
}

/* The first folder of `rel` that is called `name` (any case; with
 * `substring`, whose name holds it): its end within `rel`, or 0. */
static size_t
folder_named(const char *rel, const char *name, bool substring)
{
	char part[256];
	const char *s = rel, *slash;
	size_t n, i;

	while ((slash = strchr(s, '/')) != NULL) {
		n = (size_t)(slash - s);
		if (n < sizeof(part)) {
			for (i = 0; i < n; i++)
				part[i] = (char)tolower((unsigned char)s[i]);
			part[n] = '\0';
			if (substring ? strstr(part, name) != NULL :
			    strcmp(part, name) == 0)
				return (size_t)(slash - rel);
		}
		s = slash + 1;
	}
	return 0;
}

const char *
cp__junk_folder(const char *rel, size_t *len)
{
	size_t end;

	if ((end = folder_named(rel, "__macosx", false)) > 0) {
		*len = end;
		return REASON_OS;
	}
	if ((end = folder_named(rel, "viewer", true)) > 0) {
		*len = end;
		return REASON_VIEWER;
	}
	return NULL;
}

const char *
cp__junk_reason(const char *rel)
{
	static const char *const os_names[] = { ".ds_store", "thumbs.db",
	    "desktop.ini", "ehthumbs.db", ".localized" };
	static const char *const programs[] = { ".exe", ".dll", ".msi",
	    ".bat", ".cmd", ".com", ".jar", ".ocx", ".sys", ".so", ".dylib",
	    ".app", ".inf", ".ico" };
	const char *b = base_name(rel), *dot, *why;
	size_t i, len;

	if ((why = cp__junk_folder(rel, &len)) != NULL)
		return why;
	if (strncmp(b, "._", 2) == 0)
		return REASON_OS;
	for (i = 0; i < sizeof(os_names) / sizeof(os_names[0]); i++)
		if (strcasecmp(b, os_names[i]) == 0)
			return REASON_OS;
	if (b[0] == '.')
		return "a hidden file";
	if (strcasecmp(b, "autorun.inf") == 0)
		return REASON_CD;
	if ((dot = strrchr(b, '.')) != NULL && dot != b)
		for (i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
			if (strcasecmp(dot, programs[i]) == 0)
				return REASON_PROGRAM;
	return NULL;
}
