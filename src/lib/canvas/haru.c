/* haru.c - libharu's errors recorded in place (see haru.h). */
#include <string.h>

#include "canvas/haru.h"
#include "util/error.h"

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	cp__haru *h = user;

	if (h->error == 0) {
		h->error = error;
		h->detail = detail;
	}
}

int
cp__haru_new(cp__haru *h, cp_error *err)
{
	memset(h, 0, sizeof(*h));
	if ((h->pdf = HPDF_New(on_error, h)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory (libharu)");
	return CP_OK;
}

void
cp__haru_free(cp__haru *h)
{
	if (h->pdf != NULL)
		HPDF_Free(h->pdf);
	h->pdf = NULL;
}

bool
cp__haru_failed(const cp__haru *h)
{
	return h->error != 0;
}

int
cp__haru_error(const cp__haru *h, cp_error *err, const char *path,
    const char *doing, const char *advice)
{
	return cp__error_set(err, CP_EIO, path, 0, 0, "libharu could not %s "
	    "(error 0x%04lX, detail %lu)%s", doing, (unsigned long)h->error,
	    (unsigned long)h->detail, advice != NULL ? advice : "");
}
