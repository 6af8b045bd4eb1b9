/* idmap.c: a hash map from 64-bit ids (flow ids) to pointers. */
#include <stdlib.h>

#include "idmap.h"

static inline size_t
slot(uint64_t id, size_t mask)
{
	/* Fibonacci hashing spreads sequential ids. */
	return (size_t)((id * 0x9E3779B97F4A7C15ULL) >> 17) & mask;
}

int
nf_idmap_init(struct nf_idmap *m, size_t initial)
{
	size_t n = 16;

	while (n < initial * 2)
		n *= 2;
	m->keys = calloc(n, sizeof(*m->keys));
	m->vals = calloc(n, sizeof(*m->vals));
	if (m->keys == NULL || m->vals == NULL) {
		free(m->keys);
		free(m->vals);
		return -1;
	}
	m->mask = n - 1;
	m->count = 0;
	return 0;
}

void
nf_idmap_free(struct nf_idmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->count = 0;
}

void
nf_idmap_free_with(struct nf_idmap *m, void (*free_val)(void *))
{
	size_t i;

	if (m->keys != NULL)
		for (i = 0; i <= m->mask; i++)
			if (m->keys[i] != 0)
				free_val(m->vals[i]);
	nf_idmap_free(m);
}

void *
nf_idmap_get(const struct nf_idmap *m, uint64_t id)
{
	size_t i;

	if (id == 0)
		return NULL;
	for (i = slot(id, m->mask); m->keys[i] != 0; i = (i + 1) & m->mask)
		if (m->keys[i] == id)
			return m->vals[i];
	return NULL;
}

static int
grow(struct nf_idmap *m)
{
	struct nf_idmap n;
	size_t i;

	if (nf_idmap_init(&n, (m->mask + 1)) < 0)
		return -1;
	for (i = 0; i <= m->mask; i++)
		if (m->keys[i] != 0)
			(void)nf_idmap_put(&n, m->keys[i], m->vals[i]);
	nf_idmap_free(m);
	*m = n;
	return 0;
}

int
nf_idmap_put(struct nf_idmap *m, uint64_t id, void *val)
{
	size_t i;

	if (id == 0)
		return -1;
	if ((m->count + 1) * 2 > m->mask + 1 && grow(m) < 0)
		return -1;
	for (i = slot(id, m->mask); m->keys[i] != 0; i = (i + 1) & m->mask)
		if (m->keys[i] == id) {
			m->vals[i] = val;
			return 0;
		}
	m->keys[i] = id;
	m->vals[i] = val;
	m->count++;
	return 0;
}

void *
nf_idmap_del(struct nf_idmap *m, uint64_t id)
{
	size_t i, j, k;
	void *v;

	if (id == 0)
		return NULL;
	for (i = slot(id, m->mask); m->keys[i] != id; i = (i + 1) & m->mask)
		if (m->keys[i] == 0)
			return NULL;
	v = m->vals[i];
	/* Backward-shift deletion: move later members of the run up. */
	for (j = i;;) {
		m->keys[i] = 0;
		m->vals[i] = NULL;
		for (;;) {
			j = (j + 1) & m->mask;
			if (m->keys[j] == 0)
				goto done;
			k = slot(m->keys[j], m->mask);
			/* Stay if k lies cyclically in (i, j]. */
			if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
				continue;
			break;
		}
		m->keys[i] = m->keys[j];
		m->vals[i] = m->vals[j];
		i = j;
	}
done:
	m->count--;
	return v;
}
