/* grow.h: growing a heap array by doubling (the readers' and indexes' buffers). */
#ifndef NF_GROW_H
#define NF_GROW_H

#include <stdlib.h>

/*
 * Make the array *pp, of *szp elements of elsz bytes, hold at least need
 * elements: nothing when it already does, else realloc to the first size
 * that is first (for an empty array) or *szp doubled until it reaches
 * need.  The caller owns *pp and frees it.  0, or -1 when realloc fails
 * (*pp and *szp are then unchanged).
 */
static inline int
nf_grow(void *pp, size_t *szp, size_t need, size_t elsz, size_t first)
{
	size_t n = *szp ? *szp : first;
	void *q;

	if (need <= *szp)
		return 0;
	while (n < need)
		n *= 2;
	if ((q = realloc(*(void **)pp, n * elsz)) == NULL)
		return -1;
	*(void **)pp = q;
	*szp = n;
	return 0;
}

#endif
