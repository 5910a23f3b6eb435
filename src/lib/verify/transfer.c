/* transfer.c - one transfer of a job with libcurl: the easy handle's
 * settings, and the callbacks that keep the body (up to 64 KiB), read
 * Retry-After, and refuse plain http to another machine as each
 * connection is opened. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "verify/verify_int.h"

static size_t
on_body(char *data, size_t size, size_t n, void *ud)
{
	cp__vjob *j = ud;
	size_t len = size * n, cap;
	char *p;

	if (len > CP__VERIFY_BODY_MAX - j->body_len) {
		/* Returning less than `len` ends the transfer. */
		j->oversized = true;
		return 0;
	}
	if (j->body_len + len > j->body_cap) {
		cap = j->body_cap ? j->body_cap : 4096;
		while (cap < j->body_len + len)
			cap *= 2;
		if (cap > CP__VERIFY_BODY_MAX)
			cap = CP__VERIFY_BODY_MAX;
		if ((p = realloc(j->body, cap)) == NULL) {
			j->nomem = true;
			return 0;
		}
		j->body = p;
		j->body_cap = cap;
	}
	memcpy(j->body + j->body_len, data, len);
	j->body_len += len;
	return len;
}

static size_t
on_header(char *data, size_t size, size_t n, void *ud)
{
	static const char key[] = "retry-after:";
	cp__vjob *j = ud;
	size_t len = size * n;

	/* A status line starts a new response (after a redirect): only the
	 * last response's body and headers count. */
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		j->body_len = 0;
		j->oversized = false;
		j->retry_after = -1;
	} else if (len >= sizeof(key) - 1 &&
	    strncasecmp(data, key, sizeof(key) - 1) == 0) {
		j->retry_after = cp__retry_after_parse(data + sizeof(key) - 1,
		    len - (sizeof(key) - 1));
	}
	return len;
}

/*
 * Opens each connection's socket, after refusing plain http to an
 * address that is not this machine's: the check before the run covers
 * the URLs claimpack builds, this one also covers redirects, and it
 * looks at the address actually connected to.
 */
static curl_socket_t
on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
	cp__vjob *j = ud;
	char *url = NULL;
	int fd;

	if (purpose == CURLSOCKTYPE_IPCXN &&
	    curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &url) ==
	    CURLE_OK && url != NULL && strncasecmp(url, "http:", 5) == 0 &&
	    !cp__url_sockaddr_is_loopback(a)) {
		j->refused = true;
		snprintf(j->refused_url, sizeof(j->refused_url), "%s", url);
		return CURL_SOCKET_BAD;
	}
	if ((fd = socket(a->family, a->socktype, a->protocol)) < 0)
		return CURL_SOCKET_BAD;
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

#define SET(opt, val) do { \
	if (curl_easy_setopt(e, opt, val) != CURLE_OK) \
		goto fail; \
} while (0)

CURL *
cp__transfer_new(const cp__vrun *r, cp__vjob *j)
{
	CURL *e;

	if ((e = curl_easy_init()) == NULL)
		return NULL;
	SET(CURLOPT_PRIVATE, (void *)j);
	SET(CURLOPT_URL, j->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	SET(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)CP__VERIFY_MAX_REDIRS);
	SET(CURLOPT_CONNECTTIMEOUT, (long)r->set.connect_timeout);
	SET(CURLOPT_TIMEOUT, (long)r->set.timeout);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_USERAGENT, "claimpack/" CP_VERSION);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)CP__VERIFY_BODY_MAX);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, (void *)j);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, (void *)j);
	SET(CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	SET(CURLOPT_OPENSOCKETDATA, (void *)j);
	SET(CURLOPT_ERRORBUFFER, j->errbuf);
	/* Plain http to this machine goes straight there, never through a
	 * proxy the environment names, which could be elsewhere. */
	if (j->loopback_http)
		SET(CURLOPT_NOPROXY, "*");
	return e;
fail:
	curl_easy_cleanup(e);
	return NULL;
}

#undef SET
