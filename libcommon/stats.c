/* stats.c: running statistics of integer samples (Welford variance, min, max, sum, count). */
#include <math.h>
#include <string.h>

#include "stats.h"

void
nf_stats_init(struct nf_stats *s)
{
	memset(s, 0, sizeof(*s));
}

/* The external definition of the inline function in stats.h. */
extern inline void nf_stats_add(struct nf_stats *, int64_t);

void
nf_stats_merge(struct nf_stats *a, const struct nf_stats *b)
{
	double ma, mb, d, n;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	ma = (double)a->sum / a->n;
	mb = (double)b->sum / b->n;
	d = mb - ma;
	n = (double)a->n + b->n;
	a->m2 += b->m2 + d * d * ((double)a->n * b->n / n);
	a->n += b->n;
	a->sum += b->sum;
	if (b->min < a->min)
		a->min = b->min;
	if (b->max > a->max)
		a->max = b->max;
}

/* The external definitions of the inline functions in stats.h. */
extern inline double nf_stats_mean(const struct nf_stats *);
extern inline double nf_stats_var(const struct nf_stats *);
extern inline double nf_stats_std(const struct nf_stats *);
extern inline int64_t nf_stats_min(const struct nf_stats *);
extern inline int64_t nf_stats_max(const struct nf_stats *);
