/* kdd_conntab.c: open KDD connections by pkt2flow flow id (flow2kdd). */
#include <stdlib.h>
#include <string.h>

#include "kdd_conntab.h"

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
	if (tab->t == NULL)
		return -1;
	tab->cap = TAB_MIN;
	return 0;
}

void
kdd_conntab_free(struct kdd_conntab *tab)
{
	free(tab->t);
	memset(tab, 0, sizeof(*tab));
}

struct kdd_conn *
kdd_conntab_get(struct kdd_conntab *tab, uint64_t id)
{
	size_t j = home(id, tab->cap);

	while (tab->t[j].flow_id != 0) {
		if (tab->t[j].flow_id == id)
			return &tab->t[j];
		j = (j + 1) & (tab->cap - 1);
	}
	return NULL;
}

static int
grow(struct kdd_conntab *tab)
{
	struct kdd_conn *nt;
	size_t ncap = tab->cap * 2, i, j;

	nt = calloc(ncap, sizeof(*nt));
	if (nt == NULL)
		return -1;
	for (i = 0; i < tab->cap; i++) {
		if (tab->t[i].flow_id == 0)
			continue;
		j = home(tab->t[i].flow_id, ncap);
		while (nt[j].flow_id != 0)
			j = (j + 1) & (ncap - 1);
		nt[j] = tab->t[i];
	}
	free(tab->t);
	tab->t = nt;
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
	while (tab->t[j].flow_id != 0)
		j = (j + 1) & (tab->cap - 1);
	memset(&tab->t[j], 0, sizeof(tab->t[j]));
	tab->t[j].flow_id = id;
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
	for (;;) {
		i = (i + 1) & mask;
		if (tab->t[i].flow_id == 0)
			break;
		h = home(tab->t[i].flow_id, tab->cap);
		if (((i - h) & mask) >= ((i - j) & mask)) {
			tab->t[j] = tab->t[i];
			tab->t[i].flow_id = 0;
			j = i;
		}
	}
	tab->len--;
}
