/* kdd_conntab.c: open KDD connections by pkt2flow flow id (flow2kdd). */
#include <stdlib.h>
#include <string.h>

#include "kdd_conntab.h"
#include "util.h"

#define TAB_MIN	1024

static size_t
home(uint64_t id, size_t cap)
{
	return (size_t)((id * 0x9E3779B97F4A7C15ULL) >> 20) & (cap - 1);
}

int
kdd_conntab_init(struct kdd_conntab *tab, size_t max)
{
	memset(tab, 0, sizeof(*tab));
	tab->max = max;
	tab->t = calloc(TAB_MIN, sizeof(*tab->t));
	tab->ids = calloc(TAB_MIN, sizeof(*tab->ids));
	if (tab->t == NULL || tab->ids == NULL) {
		free(tab->t);
		free(tab->ids);
		tab->t = NULL;
		tab->ids = NULL;
		return -1;
	}
	tab->cap = TAB_MIN;
	return 0;
}

void
kdd_conntab_free(struct kdd_conntab *tab)
{
	free(tab->t);
	free(tab->ids);
	memset(tab, 0, sizeof(*tab));
}

struct kdd_conn *
kdd_conntab_get(struct kdd_conntab *tab, uint64_t id)
{
	size_t j = home(id, tab->cap);

	while (tab->ids[j] != 0) {
		if (tab->ids[j] == id)
			return &tab->t[j];
		j = (j + 1) & (tab->cap - 1);
	}
	return NULL;
}

void
kdd_conntab_prefetch(const struct kdd_conntab *tab, uint64_t id)
{
	size_t j = home(id, tab->cap);

	__builtin_prefetch(&tab->ids[j]);
	nf_prefetch(&tab->t[j], sizeof(tab->t[j]));
}

static int
grow(struct kdd_conntab *tab)
{
	struct kdd_conn *nt;
	uint64_t *nids;
	size_t ncap = tab->cap * 2, i, j;

	nt = calloc(ncap, sizeof(*nt));
	nids = calloc(ncap, sizeof(*nids));
	if (nt == NULL || nids == NULL) {
		free(nt);
		free(nids);
		return -1;
	}
	for (i = 0; i < tab->cap; i++) {
		if (tab->ids[i] == 0)
			continue;
		j = home(tab->ids[i], ncap);
		while (nids[j] != 0)
			j = (j + 1) & (ncap - 1);
		nt[j] = tab->t[i];
		nids[j] = tab->ids[i];
	}
	free(tab->t);
	free(tab->ids);
	tab->t = nt;
	tab->ids = nids;
	tab->cap = ncap;
	return 0;
}

struct kdd_conn *
kdd_conntab_put(struct kdd_conntab *tab, uint64_t id)
{
	size_t j;

	if (tab->max != 0 && tab->len >= tab->max)
		return NULL;
	if ((tab->len + 1) * 10 > tab->cap * 7 && grow(tab) == -1)
		return NULL;
	j = home(id, tab->cap);
	while (tab->ids[j] != 0)
		j = (j + 1) & (tab->cap - 1);
	memset(&tab->t[j], 0, sizeof(tab->t[j]));
	tab->t[j].flow_id = id;
	tab->ids[j] = id;
	tab->len++;
	tab->gen++;
	return &tab->t[j];
}

void
kdd_conntab_del(struct kdd_conntab *tab, struct kdd_conn *c)
{
	size_t mask = tab->cap - 1, j = (size_t)(c - tab->t), i = j, h;

	tab->gen++;
	tab->t[j].flow_id = 0;
	tab->ids[j] = 0;
	for (;;) {
		i = (i + 1) & mask;
		if (tab->ids[i] == 0)
			break;
		h = home(tab->ids[i], tab->cap);
		if (((i - h) & mask) >= ((i - j) & mask)) {
			tab->t[j] = tab->t[i];
			tab->ids[j] = tab->ids[i];
			tab->t[i].flow_id = 0;
			tab->ids[i] = 0;
			j = i;
		}
	}
	tab->len--;
}
