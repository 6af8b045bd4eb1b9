/* frag.c: bounded IP fragment table (placeholder until the table lands). */
#include <stdlib.h>

#include "frag.h"

struct nf_fragtab {
	uint32_t	capacity;
};

struct nf_fragtab *
nf_frag_new(uint32_t capacity)
{
	struct nf_fragtab *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->capacity = capacity;
	return t;
}

void
nf_frag_free(struct nf_fragtab *t)
{
	free(t);
}

void
nf_frag_update(struct nf_fragtab *t, struct nf_pkt *p, uint32_t dlen,
    uint64_t ts_ns)
{
	(void)t;
	(void)p;
	(void)dlen;
	(void)ts_ns;
}
