/* workq.h: hand fixed-size items, in order, to a worker thread that consumes them. */
#ifndef NF_WORKQ_H
#define NF_WORKQ_H

#include <stddef.h>

/*
 * A stage whose last step (formatting and writing a row, say) does not
 * depend on what comes after it can run that step beside the rest: the
 * stage copies each item in with nf_workq_put, and a thread calls
 * fn(arg, item) for each, in the order they were put.  put blocks while
 * the queue is full.  The thread is woken for an eighth of the queue at
 * a time, so items may wait until more come or nf_workq_finish: not for
 * output that must appear at once (live capture).  nf_workq_finish waits until every item put has
 * been consumed, ends the thread and frees the queue.  The thread blocks
 * every signal but SIGPIPE, so a closed output still ends the process
 * quietly.  Whatever fn touches (an output stream) belongs to the thread
 * from the first put to nf_workq_finish.
 */
struct nf_workq;

typedef void nf_workq_fn(void *arg, void *item);

/* NULL when no thread could be started (ENOMEM, EAGAIN): the caller then
 * calls fn itself. */
struct nf_workq *nf_workq_start(size_t item_size, size_t nitems,
	    nf_workq_fn *fn, void *arg);
void	nf_workq_put(struct nf_workq *, const void *item);
void	nf_workq_finish(struct nf_workq *);

#endif
