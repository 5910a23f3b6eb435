/* forget.c - the input PDFs' mapped pages let go while the bundle is
 * assembled and written.
 *
 * libqpdf reads the claim's PDFs and photos from maps of their files
 * (util/infile.h).  A page of a map that has been read stays in the
 * process's resident set until it is let go, and libqpdf reads every
 * byte of every input while it writes: left alone, the resident set
 * would grow by the size of the whole claim.  Pages let go cost nothing
 * but a page fault if read again, from the page cache.  While libqpdf
 * writes, a thread lets them go every millisecond, as libqpdf has
 * no hook between streams (its progress reports come every 1% of the
 * objects, megabytes apart).  The maps are never written, so letting
 * their pages go while libqpdf reads them only makes it fault them in
 * again.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "pdf/assemble_int.h"

/* How often the thread lets the pages go: at 5 ms a photo's 3 MB
 * stayed long enough to show in the peak (bench/PROFILE.md). */
#define FORGET_EVERY_NS (1 * 1000 * 1000)

void
cp__asm_forget_input_pages(cp__asm_ctx *c)
{
	size_t i;

	for (i = 0; i < c->a->ninputs; i++) {
		cp__inmap_forget_pages(&c->in[i].map);
		if (c->a->memory != NULL && c->a->memory[i].file_part != NULL)
			cp__inmap_forget_pages(c->a->memory[i].file_part);
	}
}

struct cp__asm_forgetter {
	cp__asm_ctx *c;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
};

static void *
forget_loop(void *arg)
{
	cp__asm_forgetter *f = arg;
	struct timespec until;

	pthread_mutex_lock(&f->lock);
	while (!f->stop) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += FORGET_EVERY_NS;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_cond_timedwait(&f->wake, &f->lock, &until) ==
		    ETIMEDOUT && !f->stop)
			cp__asm_forget_input_pages(f->c);
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

cp__asm_forgetter *
cp__asm_forgetter_start(cp__asm_ctx *c)
{
	cp__asm_forgetter *f;
	pthread_condattr_t attr;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->c = c;
	if (pthread_condattr_init(&attr) != 0) {
		free(f);
		return NULL;
	}
	if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&f->wake, &attr) != 0) {
		pthread_condattr_destroy(&attr);
		free(f);
		return NULL;
	}
	pthread_condattr_destroy(&attr);
	if (pthread_mutex_init(&f->lock, NULL) != 0) {
		pthread_cond_destroy(&f->wake);
		free(f);
		return NULL;
	}
	if (pthread_create(&f->thread, NULL, forget_loop, f) != 0) {
		pthread_mutex_destroy(&f->lock);
		pthread_cond_destroy(&f->wake);
		free(f);
		return NULL;
	}
	return f;
}

void
cp__asm_forgetter_stop(cp__asm_forgetter *f)
{
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->wake);
	free(f);
}
