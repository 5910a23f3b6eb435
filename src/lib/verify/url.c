/* url.c - which URLs claimpack may fetch: https anywhere, plain http to
 * this machine only (localhost, 127.0.0.0/8, ::1), checked on the URL
 * before a request and on each address as it is connected to. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "verify/verify_int.h"

/* ::ffff:0:0/96, IPv4 addresses mapped into IPv6. */
static const unsigned char v4_mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

static bool
in6_is_loopback(const unsigned char a[16])
{
	if (memcmp(a, &in6addr_loopback, 16) == 0)
		return true;
	return memcmp(a, v4_mapped, sizeof(v4_mapped)) == 0 && a[12] == 127;
}

/* True for "localhost", 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104.
 * `host` is as curl's URL parser gives it (IPv6 in brackets, IPv4 in
 * dotted decimal). */
static bool
host_is_loopback(const char *host)
{
	unsigned char a4[4], a6[16];
	char buf[64];
	size_t len = strlen(host);

	if (strcasecmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, a4) == 1)
		return a4[0] == 127;
	if (len < 2 || len - 2 >= sizeof(buf) || host[0] != '[' ||
	    host[len - 1] != ']')
		return false;
	memcpy(buf, host + 1, len - 2);
	buf[len - 2] = '\0';
	return inet_pton(AF_INET6, buf, a6) == 1 && in6_is_loopback(a6);
}

bool
cp__url_sockaddr_is_loopback(const struct curl_sockaddr *a)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;

	if (a->family == AF_INET && a->addrlen >= sizeof(in4)) {
		memcpy(&in4, &a->addr, sizeof(in4));
		return (ntohl(in4.sin_addr.s_addr) >> 24) == 127;
	}
	if (a->family == AF_INET6 && a->addrlen >= sizeof(in6)) {
		memcpy(&in6, &a->addr, sizeof(in6));
		return in6_is_loopback(in6.sin6_addr.s6_addr);
	}
	return false;
}

cp__url_verdict
cp__url_check(const char *url, char **host, bool *loopback_http, char *why,
    size_t why_size)
{
	CURLU *u;
	CURLUcode uc;
	char *scheme = NULL, *h = NULL;
	cp__url_verdict verdict = CP__URL_BAD;

	*host = NULL;
	*loopback_http = false;
	if ((u = curl_url()) == NULL) {
		snprintf(why, why_size, "out of memory");
		return CP__URL_BAD;
	}
	if ((uc = curl_url_set(u, CURLUPART_URL, url,
	    CURLU_NON_SUPPORT_SCHEME)) != CURLUE_OK) {
		snprintf(why, why_size, "is not a valid URL (%s)",
		    curl_url_strerror(uc));
		goto done;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
		snprintf(why, why_size, "is not an http or https URL");
		goto done;
	}
	if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK ||
	    h[0] == '\0') {
		snprintf(why, why_size, "has no host");
		goto done;
	}
	if ((*host = cp__strdup(h)) == NULL) {
		snprintf(why, why_size, "out of memory");
		goto done;
	}
	if (strcmp(scheme, "http") == 0) {
		if (!host_is_loopback(h)) {
			snprintf(why, why_size, "uses plain http to %.200s; "
			    "plain http is allowed only to this machine "
			    "(localhost, 127.0.0.0/8, ::1): use https", h);
			verdict = CP__URL_PLAIN_HTTP;
			goto done;
		}
		*loopback_http = true;
	}
	verdict = CP__URL_OK;
done:
	curl_free(scheme);
	curl_free(h);
	curl_url_cleanup(u);
	return verdict;
}
