/* report.c - the findings of a check run, and their JSON form. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/registry.h"
#include "check/report.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

typedef struct {
	cp_finding pub;
	size_t order;
	size_t seq;
} entry;

struct cp_report {
	entry *items;
	size_t count;
	size_t cap;
};

cp_report *
cp__report_new(void)
{
	return calloc(1, sizeof(cp_report));
}

static void
entry_clear(entry *e)
{
	free((char *)e->pub.check);
	free((char *)e->pub.document);
	free((char *)e->pub.file);
	free((char *)e->pub.message);
}

void
cp_report_free(cp_report *report)
{
	size_t i;

	if (report == NULL)
		return;
	for (i = 0; i < report->count; i++)
		entry_clear(&report->items[i]);
	free(report->items);
	free(report);
}

/*
 * Appends a finding whose message is already made; takes `message`
 * (NULL when making it ran out of memory) and frees it on failure.
 */
static int
push(cp_report *report, size_t order, const char *check,
    cp_severity severity, const char *document, const char *file,
    char *message)
{
	entry *e, *items;
	size_t cap;

	if (report->count == report->cap) {
		cap = report->cap ? report->cap * 2 : 16;
		if ((items = realloc(report->items, cap * sizeof(*items))) ==
		    NULL) {
			free(message);
			return CP_ENOMEM;
		}
		report->items = items;
		report->cap = cap;
	}
	e = &report->items[report->count];
	memset(e, 0, sizeof(*e));
	e->order = order;
	e->seq = report->count;
	e->pub.severity = severity;
	e->pub.check = cp__strdup(check);
	e->pub.document = cp__strdup(document != NULL ? document : "");
	e->pub.file = cp__strdup(file != NULL ? file : "");
	e->pub.message = message;
	if (e->pub.message != NULL)
		cp__utf8_clean((char *)e->pub.message);
	if (e->pub.check == NULL || e->pub.document == NULL ||
	    e->pub.file == NULL || e->pub.message == NULL) {
		entry_clear(e);
		return CP_ENOMEM;
	}
	report->count++;
	return CP_OK;
}

int
cp__report_add(cp_report *report, size_t order, const char *check,
    const char *document, const char *file, const char *fmt, ...)
{
	const cp__registry_check *info;
	va_list ap;
	char *message;

	/* An id the registry lacks would reach the cover in no family and
	 * the JSON with a severity nobody documented: refuse it. */
	if ((info = cp__registry_find(check)) == NULL)
		return CP_EINVAL;
	va_start(ap, fmt);
	message = cp__vsprintf(fmt, ap);
	va_end(ap);
	return push(report, order, check, info->severity, document, file,
	    message);
}

static int
entry_cmp(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->pub.severity != y->pub.severity)
		return x->pub.severity < y->pub.severity ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
cp__report_sort(cp_report *report)
{
	if (report->count > 1)
		qsort(report->items, report->count, sizeof(entry), entry_cmp);
}

size_t
cp_report_count(const cp_report *report)
{
	return report != NULL ? report->count : 0;
}

const cp_finding *
cp_report_at(const cp_report *report, size_t i)
{
	return report != NULL && i < report->count ? &report->items[i].pub :
	    NULL;
}

size_t
cp_report_count_severity(const cp_report *report, cp_severity severity)
{
	size_t i, n = 0;

	for (i = 0; i < cp_report_count(report); i++)
		if (report->items[i].pub.severity == severity)
			n++;
	return n;
}

const char *
cp_severity_name(cp_severity severity)
{
	switch (severity) {
	case CP_SEVERITY_ERROR:
		return "error";
	case CP_SEVERITY_WARNING:
		return "warning";
	case CP_SEVERITY_NOTICE:
		return "notice";
	}
	return "?";
}

int
cp_report_to_json(char **out, const cp_report *report, cp_error *err)
{
	cp__strbuf sb = CP__STRBUF_INIT;
	const cp_finding *f;
	size_t i, errors;

	errors = cp_report_count_severity(report, CP_SEVERITY_ERROR);
	cp__strbuf_printf(&sb, "{\"ok\":%s,\"errors\":%zu,\"warnings\":%zu,"
	    "\"notices\":%zu,\"findings\":[", errors == 0 ? "true" : "false",
	    errors, cp_report_count_severity(report, CP_SEVERITY_WARNING),
	    cp_report_count_severity(report, CP_SEVERITY_NOTICE));
	for (i = 0; i < cp_report_count(report); i++) {
		f = cp_report_at(report, i);
		cp__strbuf_puts(&sb, i ? ",{\"check\":" : "{\"check\":");
		cp__strbuf_json_string(&sb, f->check);
		cp__strbuf_puts(&sb, ",\"severity\":");
		cp__strbuf_json_string(&sb, cp_severity_name(f->severity));
		cp__strbuf_puts(&sb, ",\"document\":");
		cp__strbuf_json_string(&sb, f->document);
		cp__strbuf_puts(&sb, ",\"file\":");
		cp__strbuf_json_string(&sb, f->file);
		cp__strbuf_puts(&sb, ",\"message\":");
		cp__strbuf_json_string(&sb, f->message);
		cp__strbuf_puts(&sb, "}");
	}
	cp__strbuf_puts(&sb, "]}");
	if ((*out = cp__strbuf_detach(&sb)) == NULL)
		return cp__error_set(err, CP_ENOMEM, NULL, 0, 0,
		    "out of memory");
	return CP_OK;
}

int
cp_report_append(cp_report *dst, const cp_report *src, cp_error *err)
{
	const entry *e;
	size_t i, n;
	int rc;

	if (dst == NULL)
		return cp__error_set(err, CP_EINVAL, NULL, 0, 0,
		    "cp_report_append needs a report to append to");
	/* Counted first: appending a report to itself copies it once. */
	n = cp_report_count(src);
	for (i = 0; i < n; i++) {
		e = &src->items[i];
		/* Each finding keeps its place among the documents, so that
		 * sorting puts it beside the same document's other findings,
		 * and the severity the registry gave it when it was made. */
		rc = push(dst, e->order, e->pub.check, e->pub.severity,
		    e->pub.document, e->pub.file, cp__strdup(e->pub.message));
		if (rc != CP_OK) {
			cp__report_sort(dst);
			return cp__error_set(err, rc, NULL, 0, 0,
			    "out of memory");
		}
	}
	cp__report_sort(dst);
	return CP_OK;
}
