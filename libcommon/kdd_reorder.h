/* kdd_reorder.h: reorder buffer releasing KDD records in start-time order (flow2kdd). */
#ifndef NF_KDD_REORDER_H
#define NF_KDD_REORDER_H

#include <stddef.h>
#include <stdint.h>

#include "kdd_row.h"

/*
 * A binary min-heap of finished records keyed by (start_ns, conn_id),
 * rows stored by value.  At most max rows (the caller releases the
 * minimum early when it is full and counts that).
 */
struct kdd_reorder {
	struct kdd_row	*h;
	size_t		 len;
	size_t		 cap;
	size_t		 max;
};

void	kdd_reorder_init(struct kdd_reorder *, size_t max);
void	kdd_reorder_free(struct kdd_reorder *);
/* 0, or -1 on ENOMEM or when full. */
int	kdd_reorder_push(struct kdd_reorder *, const struct kdd_row *);
/* The minimum, or NULL when empty. */
const struct kdd_row *kdd_reorder_top(const struct kdd_reorder *);
void	kdd_reorder_pop(struct kdd_reorder *, struct kdd_row *out);

#endif
