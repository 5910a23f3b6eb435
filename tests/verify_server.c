/*
 * verify_server.c - a fake invoice verification service for
 * tests/test_verify.c.
 *
 * A single-process HTTP/1.1 server on 127.0.0.1 only: it picks an
 * ephemeral port, prints "port N\n" on stdout, and serves many
 * connections at once with poll(2) (one request per connection, then
 * "Connection: close") until it is killed, or until nothing has
 * happened for IDLE_EXIT seconds, so that it can never outlive a test
 * run.
 *
 * What it answers depends on the path and, for /verify, on the invoice
 * number in the query (see answer_verify()):
 *   GET /verify?...number=N...   the service (the table below)
 *   GET /stats      {"max_in_progress":M,"in_progress":I,"requests":R}
 *   GET /reset      forgets the counters and attempts
 *   GET /attempts?number=N   {"attempts":A,"gap_ms":G}: how often N was
 *                   asked for, and the time between the last two asks
 *   GET /page       a small HTML page
 *   GET /big        a 200 KiB page
 *   GET /moved      302 to /page
 *   GET /loop       302 to /loop, for ever
 *   GET /redirect-out   302 to http://192.0.2.1/ (TEST-NET-1)
 * A request is "in progress" from the moment its headers are read until
 * its answer is written or its connection closes; /stats, /reset and
 * /attempts are not counted.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 256
#define REQUEST_MAX 8192
#define IDLE_EXIT 120            /* seconds without a request */
#define SLOW_MS 300
#define MAX_NUMBERS 256

typedef struct {
	int fd;                  /* -1: a free slot */
	char in[REQUEST_MAX];
	size_t in_len;
	bool answered;           /* a request was read and answered (or held) */
	bool hold;               /* never answer */
	bool counted;            /* counted in in_progress */
	unsigned generation;     /* of the counters it was counted in */
	int64_t answer_at;       /* monotonic ms when the answer is due */
	char *out;
	size_t out_len;
	size_t out_off;
} conn;

typedef struct {
	char number[32];
	unsigned attempts;
	int64_t last_ms;
	int64_t gap_ms;
} attempt_rec;

static conn conns[MAX_CONNS];
static attempt_rec numbers[MAX_NUMBERS];
static size_t nnumbers;
static unsigned generation;
static unsigned in_progress, max_in_progress, requests;

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
die(const char *what)
{
	fprintf(stderr, "verify_server: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
uncount(conn *c)
{
	if (c->counted && c->generation == generation && in_progress > 0)
		in_progress--;
	c->counted = false;
}

static void
conn_close(conn *c)
{
	uncount(c);
	close(c->fd);
	free(c->out);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

/* Sets the answer: a status line, headers and body. */
static void
respond(conn *c, int status, const char *reason, const char *headers,
    const char *type, const char *body, size_t body_len)
{
	char head[3072];
	int n;

	n = snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\n"
	    "Content-Type: %s\r\nContent-Length: %zu\r\n%s"
	    "Connection: close\r\n\r\n", status, reason, type, body_len,
	    headers);
	if (n < 0 || (size_t)n >= sizeof(head) ||
	    (c->out = malloc((size_t)n + body_len)) == NULL) {
		fprintf(stderr, "verify_server: cannot build an answer\n");
		exit(1);
	}
	memcpy(c->out, head, (size_t)n);
	if (body_len > 0)
		memcpy(c->out + n, body, body_len);
	c->out_len = (size_t)n + body_len;
	c->out_off = 0;
}

static void
respond_json(conn *c, int status, const char *reason, const char *headers,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
respond_json(conn *c, int status, const char *reason, const char *headers,
    const char *fmt, ...)
{
	char body[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(body)) {
		fprintf(stderr, "verify_server: answer too long\n");
		exit(1);
	}
	respond(c, status, reason, headers, "application/json", body,
	    (size_t)n);
}

/* The value of `key` in the query of `target` into `out` ("" if none).
 * The values claimpack sends here are digits, '.' and '-': no decoding. */
static void
query_value(const char *target, const char *key, char *out, size_t size)
{
	const char *q = strchr(target, '?'), *p, *end;
	size_t klen = strlen(key), len;

	out[0] = '\0';
	for (p = q; p != NULL; p = strchr(p + 1, '&')) {
		if (strncmp(p + 1, key, klen) != 0 || p[1 + klen] != '=')
			continue;
		p += 2 + klen;
		end = p + strcspn(p, "& #");
		len = (size_t)(end - p) < size - 1 ? (size_t)(end - p) :
		    size - 1;
		memcpy(out, p, len);
		out[len] = '\0';
		return;
	}
}

static attempt_rec *
attempt_find(const char *number, bool create)
{
	size_t i;

	for (i = 0; i < nnumbers; i++)
		if (strcmp(numbers[i].number, number) == 0)
			return &numbers[i];
	if (!create || nnumbers == MAX_NUMBERS)
		return NULL;
	memset(&numbers[nnumbers], 0, sizeof(numbers[nnumbers]));
	snprintf(numbers[nnumbers].number, sizeof(numbers[nnumbers].number),
	    "%s", number);
	return &numbers[nnumbers++];
}

static void
answer_valid(conn *c, const char *buyer, const char *amount,
    const char *date, const char *query)
{
	respond_json(c, 200, "OK", "", "{\"status\":\"valid\",\"amount\":\"%s\","
	    "\"date\":\"%s\",\"buyer\":\"%s\",\"message\":\"%s\"}", amount,
	    date, buyer, query);
}

/* The service: what it does is chosen by the invoice number. */
static void
answer_verify(conn *c, const char *target)
{
	char number[32], amount[32], date[32], kind[32], code[32], check6[32];
	char echo[256], headers[2200], stamp[64], *big;
	attempt_rec *a;
	unsigned attempt;
	struct tm tm;
	time_t when;
	int64_t now = now_ms();

	query_value(target, "number", number, sizeof(number));
	query_value(target, "amount", amount, sizeof(amount));
	query_value(target, "date", date, sizeof(date));
	query_value(target, "kind", kind, sizeof(kind));
	query_value(target, "code", code, sizeof(code));
	query_value(target, "check6", check6, sizeof(check6));
	snprintf(echo, sizeof(echo), "kind=%s code=%s check6=%s", kind, code,
	    check6);
	if ((a = attempt_find(number, true)) != NULL) {
		if (a->attempts > 0)
			a->gap_ms = now - a->last_ms;
		a->last_ms = now;
		a->attempts++;
	}
	attempt = a != NULL ? a->attempts : 1;
	/* 200000xx: slow but valid, for the concurrency test. */
	if (strncmp(number, "200000", 6) == 0) {
		c->answer_at = now + SLOW_MS;
		answer_valid(c, "SMITH JOHN ALEXANDER", amount, date, echo);
		return;
	}
	switch (atoi(number) - 10000000) {
	case 1:     /* valid, echoing what was asked */
		answer_valid(c, "SMITH JOHN ALEXANDER", amount, date, echo);
		break;
	case 2:
		respond_json(c, 200, "OK", "", "{\"status\":\"invalid\","
		    "\"message\":\"invoice reversed (红冲)\"}");
		break;
	case 3:
		respond_json(c, 200, "OK", "", "{\"status\":\"not_found\"}");
		break;
	case 4:     /* the service knows another amount */
		answer_valid(c, "SMITH JOHN ALEXANDER", "12850.00", date, "");
		break;
	case 5:     /* 500, then valid */
		if (attempt == 1)
			respond_json(c, 500, "Internal Server Error", "",
			    "{\"error\":\"try again\"}");
		else
			answer_valid(c, "SMITH JOHN ALEXANDER", amount, date,
			    "");
		break;
	case 6:     /* 429 with Retry-After: 1, then valid */
		if (attempt == 1)
			respond_json(c, 429, "Too Many Requests",
			    "Retry-After: 1\r\n", "{\"error\":\"slow down\"}");
		else
			answer_valid(c, "SMITH JOHN ALEXANDER", amount, date,
			    "");
		break;
	case 7:     /* never answers */
		c->hold = true;
		break;
	case 8:     /* 200 KiB */
		if ((big = malloc(200 * 1024)) == NULL)
			exit(1);
		memset(big, ' ', 200 * 1024);
		memcpy(big, "{\"status\":\"valid\"}", 18);
		respond(c, 200, "OK", "", "application/json", big, 200 * 1024);
		free(big);
		break;
	case 9:
		respond_json(c, 200, "OK", "", "{\"status\":\"valid\",");
		break;
	case 10:    /* a redirect to itself */
		snprintf(headers, sizeof(headers), "Location: %s\r\n",
		    target);
		respond_json(c, 302, "Found", headers, "{}");
		break;
	case 12:
		answer_valid(c, "ZHANG, Wei", amount, date, "");
		break;
	case 13:
		answer_valid(c, "SMITH JOHN ALEXANDER", amount, "2026-10-08",
		    "");
		break;
	case 14:
		respond_json(c, 200, "OK", "", "{\"status\":\"maybe\"}");
		break;
	case 15:
		respond_json(c, 404, "Not Found", "",
		    "{\"status\":\"not_found\"}");
		break;
	case 16:
		respond_json(c, 200, "OK", "", "{\"status\":\"valid\","
		    "\"status\":\"invalid\"}");
		break;
	case 17:
		respond_json(c, 503, "Service Unavailable", "", "{}");
		break;
	case 18:    /* 503 with Retry-After as an HTTP-date, then valid */
		if (attempt == 1) {
			when = time(NULL) + 2;
			gmtime_r(&when, &tm);
			strftime(stamp, sizeof(stamp),
			    "%a, %d %b %Y %H:%M:%S GMT", &tm);
			snprintf(headers, sizeof(headers),
			    "Retry-After: %s\r\n", stamp);
			respond_json(c, 503, "Service Unavailable", headers,
			    "{}");
		} else {
			answer_valid(c, "SMITH JOHN ALEXANDER", amount, date,
			    "");
		}
		break;
	case 19:    /* a redirect to plain http elsewhere */
		respond_json(c, 302, "Found",
		    "Location: http://192.0.2.1/verify\r\n", "{}");
		break;
	case 20:    /* the buyer in Chinese: an alias of the patient */
		answer_valid(c, "约翰·史密斯", amount, date, "");
		break;
	case 21:    /* the same facts written differently */
		answer_valid(c, "SMITH, John", "12850.4", date, "");
		break;
	case 23:    /* 429 asking for a long wait (30 s), then valid */
		if (attempt == 1)
			respond_json(c, 429, "Too Many Requests",
			    "Retry-After: 30\r\n", "{\"error\":\"slow down\"}");
		else
			answer_valid(c, "SMITH JOHN ALEXANDER", amount, date,
			    "");
		break;
	case 24:    /* the buyer in fullwidth Latin letters (NFKC) */
		answer_valid(c, "\xEF\xBC\xB3\xEF\xBC\xAD\xEF\xBC\xA9"
		    "\xEF\xBC\xB4\xEF\xBC\xA8 \xEF\xBC\xAA\xEF\xBC\xAF"
		    "\xEF\xBC\xA8\xEF\xBC\xAE", amount, date, "");
		break;
	case 22:    /* nested too deep */
		respond_json(c, 200, "OK", "", "{\"status\":\"valid\",\"x\":"
		    "[[[[[[[[[[[[1]]]]]]]]]]]]}");
		break;
	default:
		respond_json(c, 200, "OK", "", "{\"status\":\"not_found\","
		    "\"message\":\"no such number in the test table\"}");
		break;
	}
}

static void
answer(conn *c, const char *target)
{
	const char *path_end = target + strcspn(target, "?");
	size_t plen = (size_t)(path_end - target);
	char number[32], *big;
	attempt_rec *a;

#define IS(p) (plen == strlen(p) && memcmp(target, p, plen) == 0)
	c->answer_at = 0;
	if (IS("/stats")) {
		respond_json(c, 200, "OK", "", "{\"max_in_progress\":%u,"
		    "\"in_progress\":%u,\"requests\":%u}", max_in_progress,
		    in_progress, requests);
		return;
	}
	if (IS("/reset")) {
		generation++;
		in_progress = max_in_progress = requests = 0;
		nnumbers = 0;
		respond_json(c, 200, "OK", "", "{\"reset\":true}");
		return;
	}
	if (IS("/attempts")) {
		query_value(target, "number", number, sizeof(number));
		a = attempt_find(number, false);
		respond_json(c, 200, "OK", "", "{\"attempts\":%u,"
		    "\"gap_ms\":%lld}", a ? a->attempts : 0,
		    a ? (long long)a->gap_ms : 0LL);
		return;
	}
	requests++;
	c->counted = true;
	c->generation = generation;
	if (++in_progress > max_in_progress)
		max_in_progress = in_progress;
	if (IS("/verify")) {
		answer_verify(c, target);
	} else if (IS("/page")) {
		respond(c, 200, "OK", "", "text/html",
		    "<html><body>invoice ok</body></html>\n", 37);
	} else if (IS("/big")) {
		if ((big = malloc(200 * 1024)) == NULL)
			exit(1);
		memset(big, 'x', 200 * 1024);
		respond(c, 200, "OK", "", "text/html", big, 200 * 1024);
		free(big);
	} else if (IS("/moved")) {
		respond_json(c, 302, "Found", "Location: /page\r\n", "{}");
	} else if (IS("/loop")) {
		respond_json(c, 302, "Found", "Location: /loop\r\n", "{}");
	} else if (IS("/redirect-out")) {
		respond_json(c, 302, "Found",
		    "Location: http://192.0.2.1/x\r\n", "{}");
	} else {
		respond_json(c, 404, "Not Found", "", "{}");
	}
#undef IS
}

/* Reads what has arrived; answers once the headers are complete. */
static void
conn_read(conn *c)
{
	char target[2048], *end;
	ssize_t n;

	if (c->in_len == sizeof(c->in) - 1) {
		conn_close(c);
		return;
	}
	n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - 1 - c->in_len, 0);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		return;
	if (n <= 0) {
		conn_close(c);
		return;
	}
	if (c->answered)
		return;     /* a held connection: ignore more bytes */
	c->in_len += (size_t)n;
	c->in[c->in_len] = '\0';
	if (strstr(c->in, "\r\n\r\n") == NULL) {
		if (c->in_len == sizeof(c->in) - 1) {
			respond_json(c, 431, "Request Header Fields Too Large",
			    "", "{}");
			c->answered = true;
		}
		return;
	}
	c->answered = true;
	if (sscanf(c->in, "GET %2047s HTTP/1.", target) != 1) {
		respond_json(c, 405, "Method Not Allowed", "", "{}");
		return;
	}
	if ((end = strchr(target, '#')) != NULL)
		*end = '\0';
	answer(c, target);
}

static void
conn_write(conn *c)
{
	ssize_t n;

	n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
	    MSG_NOSIGNAL);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		return;
	if (n <= 0) {
		conn_close(c);
		return;
	}
	c->out_off += (size_t)n;
	if (c->out_off == c->out_len) {
		/* The answer is out: no longer in progress. */
		uncount(c);
		shutdown(c->fd, SHUT_WR);
		conn_close(c);
	}
}

static void
set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		die("fcntl");
}

int
main(void)
{
	struct pollfd pfd[MAX_CONNS + 1];
	int map[MAX_CONNS + 1];
	struct sockaddr_in addr;
	socklen_t alen = sizeof(addr);
	int64_t now, last_activity, wait;
	int lfd, fd, n, one = 1;
	size_t i, np;
	conn *c;

	for (i = 0; i < MAX_CONNS; i++)
		conns[i].fd = -1;
	if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		die("socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = 0;
	if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
		die("bind");
	if (listen(lfd, 128) != 0)
		die("listen");
	if (getsockname(lfd, (struct sockaddr *)&addr, &alen) != 0)
		die("getsockname");
	set_nonblocking(lfd);
	printf("port %u\n", (unsigned)ntohs(addr.sin_port));
	if (fflush(stdout) != 0)
		die("stdout");
	last_activity = now_ms();
	for (;;) {
		now = now_ms();
		if (now - last_activity > IDLE_EXIT * 1000)
			return 0;
		wait = 1000;
		pfd[0].fd = lfd;
		pfd[0].events = POLLIN;
		np = 1;
		for (i = 0; i < MAX_CONNS; i++) {
			c = &conns[i];
			if (c->fd < 0)
				continue;
			pfd[np].fd = c->fd;
			pfd[np].events = POLLIN;
			if (c->out != NULL) {
				if (c->answer_at <= now)
					pfd[np].events |= POLLOUT;
				else if (c->answer_at - now < wait)
					wait = c->answer_at - now;
			}
			map[np++] = (int)i;
		}
		n = poll(pfd, (nfds_t)np, (int)wait);
		if (n < 0 && errno != EINTR)
			die("poll");
		if (n <= 0)
			continue;
		if (pfd[0].revents & POLLIN) {
			while ((fd = accept(lfd, NULL, NULL)) >= 0) {
				last_activity = now_ms();
				for (i = 0; i < MAX_CONNS && conns[i].fd >= 0; i++)
					;
				if (i == MAX_CONNS) {
					close(fd);
					continue;
				}
				set_nonblocking(fd);
				conns[i].fd = fd;
			}
		}
		for (i = 1; i < np; i++) {
			c = &conns[map[i]];
			if (c->fd != pfd[i].fd)
				continue;   /* closed and reused meanwhile */
			if (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)) {
				last_activity = now_ms();
				conn_read(c);
			}
			if (c->fd == pfd[i].fd && c->out != NULL &&
			    (pfd[i].revents & POLLOUT))
				conn_write(c);
		}
	}
}
