/* kdd_conntab.h: open KDD connections by pkt2flow flow id (flow2kdd). */
#ifndef NF_KDD_CONNTAB_H
#define NF_KDD_CONNTAB_H

#include <stddef.h>
#include <stdint.h>

#include "kdd_conn.h"

/*
 * Power-of-two open addressing with linear probing on the flow id
 * (multiplicative hash), load factor <= 0.7, backward-shift deletion, so
 * there are no tombstones.  The ids are also kept in an array of their
 * own, eight to a cache line, so a probe does not touch the entries it
 * passes.  Entries are stored inline: a pointer returned
 * by lookup or insert stays valid only until the next insert or delete.
 * At most max entries (a full table refuses inserts; the caller counts).
 */
struct kdd_conntab {
	struct kdd_conn	*t;
	uint64_t	*ids;		/* t[i].flow_id, probed instead of t */
	size_t		 cap;
	size_t		 len;
	size_t		 max;
	uint64_t	 gen;		/* bumped by every insert and delete */
};

/* 0, or -1 on ENOMEM. */
int	kdd_conntab_init(struct kdd_conntab *, size_t max);
void	kdd_conntab_free(struct kdd_conntab *);
struct kdd_conn *kdd_conntab_get(struct kdd_conntab *, uint64_t flow_id);
/* Prefetch hint for a packet of flow_id that comes soon: its home slot,
 * where the entry is unless an earlier one took it. */
void	kdd_conntab_prefetch(const struct kdd_conntab *, uint64_t flow_id);
/* Insert a zeroed entry for flow_id (which must be absent and non-zero).
 * NULL on ENOMEM or when max is reached. */
struct kdd_conn *kdd_conntab_put(struct kdd_conntab *, uint64_t flow_id);
void	kdd_conntab_del(struct kdd_conntab *, struct kdd_conn *);

#endif
