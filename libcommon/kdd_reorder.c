/* kdd_reorder.c: reorder buffer releasing KDD records in start-time order (flow2kdd). */
#include <stdlib.h>
#include <string.h>

#include "kdd_reorder.h"

/* A 4-ary heap: half the levels of a binary one, and the four children
 * of a key are 96 contiguous bytes. */
#define ARITY	4

static int
less(const struct kdd_rkey *a, const struct kdd_rkey *b)
{
	if (a->start_ns != b->start_ns)
		return a->start_ns < b->start_ns;
	return a->conn_id < b->conn_id;
}

void
kdd_reorder_init(struct kdd_reorder *r, size_t max)
{
	memset(r, 0, sizeof(*r));
	r->max = max;
}

void
kdd_reorder_free(struct kdd_reorder *r)
{
	free(r->h);
	free(r->pool);
	free(r->freel);
	memset(r, 0, sizeof(*r));
}

/* Grow the pool, the heap and the free list together. */
static int
grow(struct kdd_reorder *r)
{
	size_t ncap = r->pcap ? r->pcap * 2 : 256;
	struct kdd_row *np;
	struct kdd_rkey *nh;
	uint64_t *nf;

	if ((np = realloc(r->pool, ncap * sizeof(*np))) == NULL)
		return -1;
	r->pool = np;
	if ((nh = realloc(r->h, ncap * sizeof(*nh))) == NULL)
		return -1;
	r->h = nh;
	if ((nf = realloc(r->freel, ncap * sizeof(*nf))) == NULL)
		return -1;
	r->freel = nf;
	r->pcap = ncap;
	return 0;
}

int
kdd_reorder_push(struct kdd_reorder *r, const struct kdd_row *row)
{
	struct kdd_rkey k;
	size_t i, p, slot;

	if (r->max != 0 && r->len >= r->max)
		return -1;
	if (r->nfree > 0)
		slot = (size_t)r->freel[--r->nfree];
	else {
		if (r->used == r->pcap && grow(r) == -1)
			return -1;
		slot = r->used++;
	}
	r->pool[slot] = *row;
	k.start_ns = row->start_ns;
	k.conn_id = row->conn_id;
	k.slot = slot;
	/* Sift up: parents move down until k's place is found. */
	i = r->len++;
	while (i > 0) {
		p = (i - 1) / ARITY;
		if (!less(&k, &r->h[p]))
			break;
		r->h[i] = r->h[p];
		i = p;
	}
	r->h[i] = k;
	return 0;
}

/* The external definition of the inline function in kdd_reorder.h
 * (called for every packet). */
extern inline const struct kdd_row *kdd_reorder_top(
    const struct kdd_reorder *);
extern inline const struct kdd_rkey *kdd_reorder_topkey(
    const struct kdd_reorder *);

void
kdd_reorder_pop(struct kdd_reorder *r, struct kdd_row *out)
{
	struct kdd_rkey last;
	size_t i = 0, c, j, end;

	*out = r->pool[r->h[0].slot];
	r->freel[r->nfree++] = r->h[0].slot;
	last = r->h[--r->len];
	/* Sift down the last key from the root: the smallest child moves
	 * up until last's place is found. */
	for (;;) {
		c = ARITY * i + 1;
		if (c >= r->len)
			break;
		end = c + ARITY < r->len ? c + ARITY : r->len;
		for (j = c + 1; j < end; j++)
			if (less(&r->h[j], &r->h[c]))
				c = j;
		if (!less(&r->h[c], &last))
			break;
		r->h[i] = r->h[c];
		i = c;
	}
	if (r->len > 0)
		r->h[i] = last;
}
