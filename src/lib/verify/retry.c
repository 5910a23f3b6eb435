/* retry.c - which failed attempts are tried again, and how long to wait
 * first: a backoff that doubles, or the Retry-After the answer asked
 * for, within a cap. */
#include <string.h>
#include <time.h>

#include "verify/verify_int.h"

/* The first retry waits this long, each next one twice as long, up to
 * BACKOFF_MAX_MS. */
#define BACKOFF_FIRST_MS 500
#define BACKOFF_MAX_MS 8000

bool
cp__retry_worth_it(CURLcode cc, long code)
{
	return cc == CURLE_OPERATION_TIMEDOUT || cc == CURLE_GOT_NOTHING ||
	    cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR ||
	    (cc == CURLE_OK && (code == 429 || (code >= 500 && code <= 599)));
}

long
cp__retry_after_parse(const char *v, size_t len)
{
	char buf[128];
	long secs = 0;
	time_t when;
	size_t i;

	while (len > 0 && (*v == ' ' || *v == '\t'))
		v++, len--;
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return -1;
	for (i = 0; i < len && v[i] >= '0' && v[i] <= '9'; i++)
		if (secs < 86400)
			secs = secs * 10 + (v[i] - '0');
	if (i == len)
		return secs;
	memcpy(buf, v, len);
	buf[len] = '\0';
	if ((when = curl_getdate(buf, NULL)) == -1)
		return -1;
	return when <= time(NULL) ? 0 : (long)(when - time(NULL));
}

int64_t
cp__retry_wait_ms(unsigned attempts, long retry_after, unsigned cap)
{
	int64_t ms = BACKOFF_FIRST_MS;

	if (retry_after > 0 && cap > 0)
		return 1000 * (int64_t)(retry_after < (long)cap ?
		    retry_after : (long)cap);
	while (attempts-- > 1 && ms < BACKOFF_MAX_MS)
		ms *= 2;
	return ms < BACKOFF_MAX_MS ? ms : BACKOFF_MAX_MS;
}
