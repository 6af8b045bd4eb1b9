/* workq.c: hand fixed-size items, in order, to a worker thread that consumes them. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "workq.h"

/*
 * One producer, one consumer.  The ring's positions are atomics, so an
 * item is handed over without a lock: the producer fills slot tail and
 * then publishes tail + 1 (release); the thread consumes up to the tail
 * it reads (acquire) and then publishes head.  The mutex and the two
 * conditions are only for sleeping: the thread when the ring is empty
 * (idle), the producer when it is full (full).  Each side announces
 * that it sleeps, then looks at the ring again before it waits, and the
 * other side looks at the flag after it moved its position (all
 * sequentially consistent), so a wake-up is never missed: either the
 * sleeper sees the new position, or the other side sees the flag and
 * signals under the mutex, which the sleeper holds until it waits.
 */
struct nf_workq {
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;		/* items came, or done */
	pthread_cond_t	 space;		/* items were consumed */
	unsigned char	*slots;
	size_t		 size;		/* bytes per item */
	size_t		 n;		/* slots */
	size_t		 batch;		/* items that wake the thread */
	_Atomic uint64_t head;		/* next to consume (thread's) */
	_Atomic uint64_t tail;		/* next to fill (producer's) */
	atomic_int	 done;		/* no more items will come */
	atomic_int	 idle;		/* the thread waits for work */
	atomic_int	 full;		/* the producer waits for space */
	nf_workq_fn	*fn;
	void		*arg;
};

static void *
wq_main(void *p)
{
	struct nf_workq *q = p;
	uint64_t h, t;

	h = atomic_load_explicit(&q->head, memory_order_relaxed);
	for (;;) {
		t = atomic_load_explicit(&q->tail, memory_order_acquire);
		if (h == t) {
			/* Sleep until a batch came or finish: look again
			 * after saying so. */
			pthread_mutex_lock(&q->mu);
			atomic_store(&q->idle, 1);
			while (atomic_load(&q->tail) == h &&
			    !atomic_load(&q->done))
				pthread_cond_wait(&q->work, &q->mu);
			atomic_store(&q->idle, 0);
			pthread_mutex_unlock(&q->mu);
			t = atomic_load_explicit(&q->tail,
			    memory_order_acquire);
			if (h == t)
				break;	/* done, and nothing left */
		}
		/* The items [h, t) are the thread's until head moves; it
		 * moves a batch at a time, so a producer that waits for
		 * room gets it while the rest is consumed. */
		if (t - h > q->batch)
			t = h + q->batch;
		for (; h != t; h++)
			q->fn(q->arg, q->slots + (h % q->n) * q->size);
		atomic_store(&q->head, h);
		if (atomic_load(&q->full)) {
			pthread_mutex_lock(&q->mu);
			pthread_cond_signal(&q->space);
			pthread_mutex_unlock(&q->mu);
		}
	}
	return NULL;
}

struct nf_workq *
nf_workq_start(size_t item_size, size_t nitems, nf_workq_fn *fn, void *arg)
{
	struct nf_workq *q;

	if (item_size == 0 || nitems == 0 ||
	    nitems > SIZE_MAX / item_size ||
	    (q = calloc(1, sizeof(*q))) == NULL)
		return NULL;
	if ((q->slots = malloc(item_size * nitems)) == NULL) {
		free(q);
		return NULL;
	}
	q->size = item_size;
	q->n = nitems;
	q->batch = nitems / 8 ? nitems / 8 : 1;
	q->fn = fn;
	q->arg = arg;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->space, NULL);
	if (nf_thread_start(&q->th, wq_main, q) == 0)
		return q;
	pthread_cond_destroy(&q->space);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->mu);
	free(q->slots);
	free(q);
	return NULL;
}

void
nf_workq_put(struct nf_workq *q, const void *item)
{
	uint64_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);

	if (t - atomic_load_explicit(&q->head, memory_order_acquire) == q->n) {
		/* Full: wait for a batch of room, not a slot (a wake-up per
		 * item would cost more than the items). */
		pthread_mutex_lock(&q->mu);
		atomic_store(&q->full, 1);
		while (q->n - (t - atomic_load(&q->head)) < q->batch)
			pthread_cond_wait(&q->space, &q->mu);
		atomic_store(&q->full, 0);
		pthread_mutex_unlock(&q->mu);
	}
	/* Slot t is the producer's until tail moves past it. */
	memcpy(q->slots + (t % q->n) * q->size, item, q->size);
	atomic_store(&q->tail, t + 1);
	/* A waiting thread is woken for a batch, not for every item (a
	 * wake-up costs more than formatting a row); finish wakes it for
	 * the rest. */
	if (atomic_load(&q->idle) &&
	    t + 1 - atomic_load(&q->head) >= q->batch) {
		pthread_mutex_lock(&q->mu);
		pthread_cond_signal(&q->work);
		pthread_mutex_unlock(&q->mu);
	}
}

void
nf_workq_finish(struct nf_workq *q)
{
	if (q == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	atomic_store(&q->done, 1);
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->th, NULL);
	pthread_cond_destroy(&q->space);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->mu);
	free(q->slots);
	free(q);
}
