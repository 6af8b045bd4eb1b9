/* kdd_reorder.c: reorder buffer releasing KDD records in start-time order (flow2kdd). */
#include <stdlib.h>
#include <string.h>

#include "kdd_reorder.h"

static int
less(const struct kdd_row *a, const struct kdd_row *b)
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
	memset(r, 0, sizeof(*r));
}

int
kdd_reorder_push(struct kdd_reorder *r, const struct kdd_row *row)
{
	struct kdd_row *nh, tmp;
	size_t i, p, ncap;

	if (r->max != 0 && r->len >= r->max)
		return -1;
	if (r->len == r->cap) {
		ncap = r->cap ? r->cap * 2 : 256;
		nh = realloc(r->h, ncap * sizeof(*nh));
		if (nh == NULL)
			return -1;
		r->h = nh;
		r->cap = ncap;
	}
	i = r->len++;
	r->h[i] = *row;
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

const struct kdd_row *
kdd_reorder_top(const struct kdd_reorder *r)
{
	return r->len > 0 ? &r->h[0] : NULL;
}

void
kdd_reorder_pop(struct kdd_reorder *r, struct kdd_row *out)
{
	struct kdd_row tmp;
	size_t i = 0, c;

	*out = r->h[0];
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
