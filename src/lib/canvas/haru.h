/* haru.h - a libharu document whose errors are recorded, not thrown.
 *
 * libharu reports every error through a handler.  This one records the
 * first error in the cp__haru (never a longjmp) and the calls that
 * follow go on harmlessly, so drawing code checks cp__haru_failed() once
 * at the end and turns the error into a cp_error with cp__haru_error().
 * The only place in the library that sets a libharu error handler.
 */
#ifndef CP_HARU_H
#define CP_HARU_H

#include <stdbool.h>
#include <hpdf.h>

#include "claimpack.h"

typedef struct {
	HPDF_Doc pdf;
	HPDF_STATUS error;      /* the first error, 0 when none */
	HPDF_STATUS detail;
} cp__haru;

/*
 * Creates a document in `h`, which must stay where it is until
 * cp__haru_free() (the handler holds its address).  Returns CP_OK or
 * CP_ENOMEM.
 */
int cp__haru_new(cp__haru *h, cp_error *err);

/* Frees the document.  Safe on a zeroed or freed cp__haru. */
void cp__haru_free(cp__haru *h);

/* True once libharu has reported an error. */
bool cp__haru_failed(const cp__haru *h);

/*
 * Fills `err` with CP_EIO for the recorded error: `path` (or NULL), and
 * "libharu could not <doing> (error 0x1025, detail 0)" followed by
 * `advice` when not NULL ("; convert it to a plain JPEG or PNG").
 * Returns CP_EIO.
 */
int cp__haru_error(const cp__haru *h, cp_error *err, const char *path,
    const char *doing, const char *advice);

#endif
