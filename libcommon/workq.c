/* workq.c: hand fixed-size items, in order, to a worker thread that consumes them. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "workq.h"

struct nf_workq {
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;		/* items came, or done */
	pthread_cond_t	 space;		/* items were consumed */
	unsigned char	*slots;
	size_t		 size;		/* bytes per item */
	size_t		 n;		/* slots */
	size_t		 batch;		/* items that wake the thread */
	uint64_t	 head;		/* next to consume (thread's) */
	uint64_t	 tail;		/* next to fill (producer's) */
	int		 done;		/* no more items will come */
	int		 idle;		/* the thread waits for work */
	int		 full;		/* the producer waits for space */
	nf_workq_fn	*fn;
	void		*arg;
};

static void *
wq_main(void *p)
{
	struct nf_workq *q = p;
	uint64_t h, t;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (q->head == q->tail && !q->done) {
			q->idle = 1;
			pthread_cond_wait(&q->work, &q->mu);
			q->idle = 0;
		}
		if (q->head == q->tail)
			break;
		/* The items [h, t) are the thread's until head moves; it
		 * moves a batch at a time, so a producer that waits for
		 * room gets it while the rest is consumed. */
		h = q->head;
		t = q->tail - h > q->batch ? h + q->batch : q->tail;
		pthread_mutex_unlock(&q->mu);
		for (; h != t; h++)
			q->fn(q->arg, q->slots + (h % q->n) * q->size);
		pthread_mutex_lock(&q->mu);
		q->head = t;
		if (q->full && q->n - (q->tail - q->head) >= q->batch)
			pthread_cond_signal(&q->space);
	}
	pthread_mutex_unlock(&q->mu);
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
	uint64_t t;

	pthread_mutex_lock(&q->mu);
	if (q->tail - q->head == q->n) {
		/* Full: wait for a batch of room, not a slot (a wake-up per
		 * item would cost more than the items). */
		q->full = 1;
		while (q->n - (q->tail - q->head) < q->batch)
			pthread_cond_wait(&q->space, &q->mu);
		q->full = 0;
	}
	t = q->tail;
	pthread_mutex_unlock(&q->mu);
	/* Slot t is the producer's until tail moves past it. */
	memcpy(q->slots + (t % q->n) * q->size, item, q->size);
	pthread_mutex_lock(&q->mu);
	q->tail = t + 1;
	/* A waiting thread is woken for a batch, not for every item (a
	 * wake-up costs more than formatting a row); finish wakes it for
	 * the rest. */
	if (q->idle && q->tail - q->head >= q->batch)
		pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
}

void
nf_workq_finish(struct nf_workq *q)
{
	if (q == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	q->done = 1;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->th, NULL);
	pthread_cond_destroy(&q->space);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->mu);
	free(q->slots);
	free(q);
}
