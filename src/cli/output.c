/* output.c - what build, cover and request share about the file they
 * write: its default name, and removing its temporary file when the
 * run is interrupted. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimpack.h"
#include "cli.h"

/*
 * The temporary file being written, for the signal handler: an
 * interrupted run must leave nothing behind.  Only unlink(2) and
 * _exit(2), which are async-signal-safe, touch it there.
 */
static char temp_path[4096];
static volatile sig_atomic_t temp_set;

void
cli_on_tempfile(void *ctx, const char *path)
{
	(void)ctx;
	temp_set = 0;
	if (path != NULL && strlen(path) < sizeof(temp_path)) {
		memcpy(temp_path, path, strlen(path) + 1);
		temp_set = 1;
	}
}

static void
on_signal(int sig)
{
	if (temp_set)
		unlink(temp_path);
	_exit(128 + sig);
}

void
cli_guard_tempfile(void)
{
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	/* A full disk or a file size limit makes writes fail (EFBIG) instead
	 * of killing the process before it can remove its temporary file. */
	signal(SIGXFSZ, SIG_IGN);
}

char *
cli_default_output(const char *manifest, const char *suffix)
{
	const char *base = strrchr(manifest, '/');
	size_t n;
	char *out;

	base = base != NULL ? base + 1 : manifest;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(base + n - 4, ".yml") == 0)
		n -= 4;
	if ((out = malloc(n + strlen(suffix) + 1)) == NULL)
		return NULL;
	memcpy(out, base, n);
	strcpy(out + n, suffix);
	return out;
}
