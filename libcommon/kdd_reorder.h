/* kdd_reorder.h: reorder buffer releasing KDD records in start-time order (flow2kdd). */
#ifndef NF_KDD_REORDER_H
#define NF_KDD_REORDER_H

#include <stddef.h>
#include <stdint.h>

#include "kdd_row.h"

/*
 * A 4-ary min-heap of small keys (start_ns, conn_id, slot) over a pool
 * of rows (a growable array with a free list), so heap moves copy 24
 * bytes, not 120.  At most max rows (the caller releases the minimum
 * early when it is full and counts that).
 */
struct kdd_rkey {
	uint64_t start_ns;
	uint64_t conn_id;
	uint64_t slot;
};

struct kdd_reorder {
	struct kdd_rkey	*h;		/* heap, len keys */
	struct kdd_row	*pool;		/* pcap rows */
	uint64_t	*freel;		/* free pool slots, nfree of them */
	size_t		 len;
	size_t		 pcap;
	size_t		 nfree;
	size_t		 used;		/* pool slots ever handed out */
	size_t		 max;
};

void	kdd_reorder_init(struct kdd_reorder *, size_t max);
void	kdd_reorder_free(struct kdd_reorder *);
/* 0, or -1 on ENOMEM or when full. */
int	kdd_reorder_push(struct kdd_reorder *, const struct kdd_row *);
/* The minimum, or NULL when empty (valid until the next push or pop). */
inline const struct kdd_row *
kdd_reorder_top(const struct kdd_reorder *r)
{
	return r->len > 0 ? &r->pool[r->h[0].slot] : NULL;
}
/* Its key (start_ns, conn_id), or NULL: what a caller deciding whether
 * to pop needs, without reading the row (called for every packet). */
inline const struct kdd_rkey *
kdd_reorder_topkey(const struct kdd_reorder *r)
{
	return r->len > 0 ? &r->h[0] : NULL;
}
void	kdd_reorder_pop(struct kdd_reorder *, struct kdd_row *out);

#endif
