/* kdd_reorder.c: reorder buffer releasing KDD records in start-time order (flow2kdd). */
#include <stdlib.h>
#include <string.h>

#include "kdd_reorder.h"

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
	struct kdd_rkey k, tmp;
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
	i = r->len++;
	r->h[i] = k;
	while (i > 0) {
		p = (i - 1) / 2;
		if (!less(&r->h[i], &r->h[p]))
			break;
		tmp = r->h[i];
		r->h[i] = r->h[p];
		r->h[p] = tmp;
		i = p;
	}
	return 0;
}

/* The external definition of the inline function in kdd_reorder.h
 * (called for every packet). */
extern inline const struct kdd_row *kdd_reorder_top(
    const struct kdd_reorder *);

void
kdd_reorder_pop(struct kdd_reorder *r, struct kdd_row *out)
{
	struct kdd_rkey tmp;
	size_t i = 0, c;

	*out = r->pool[r->h[0].slot];
	r->freel[r->nfree++] = r->h[0].slot;
	r->h[0] = r->h[--r->len];
	for (;;) {
		c = 2 * i + 1;
		if (c >= r->len)
			break;
		if (c + 1 < r->len && less(&r->h[c + 1], &r->h[c]))
			c++;
		if (!less(&r->h[c], &r->h[i]))
			break;
		tmp = r->h[i];
		r->h[i] = r->h[c];
		r->h[c] = tmp;
		i = c;
	}
}
