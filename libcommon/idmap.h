/* idmap.h: a hash map from 64-bit ids (flow ids) to pointers. */
#ifndef NF_IDMAP_H
#define NF_IDMAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * Open addressing with linear probing over a power-of-two slot array,
 * grown (doubled) when more than half full; deletion by backward shift, so
 * there are no tombstones and lookups stay short.  Id 0 is reserved as the
 * empty marker and cannot be stored.  The map does not own the values.
 */
struct nf_idmap {
	uint64_t	*keys;
	void		**vals;
	size_t		 mask;		/* slots - 1 */
	size_t		 count;
};

/* 0, or -1 on ENOMEM. */
int	nf_idmap_init(struct nf_idmap *, size_t initial);
void	nf_idmap_free(struct nf_idmap *);
/* nf_idmap_free(), calling free_val on every value still stored first
 * (for maps that own their values). */
void	nf_idmap_free_with(struct nf_idmap *, void (*free_val)(void *));
/* The value stored for id, or NULL. */
void	*nf_idmap_get(const struct nf_idmap *, uint64_t id);
/* Store (or replace) id -> val.  0, or -1 on ENOMEM (map unchanged). */
int	nf_idmap_put(struct nf_idmap *, uint64_t id, void *val);
/* Remove id; returns its value or NULL. */
void	*nf_idmap_del(struct nf_idmap *, uint64_t id);

#endif
