/* stats.h: running statistics of integer samples (Welford variance, min, max, sum, count). */
#ifndef NF_STATS_H
#define NF_STATS_H

#include <math.h>
#include <stdint.h>

/*
 * Running statistics over signed 64-bit integer samples, updated one
 * sample at a time with no sample storage (Welford's algorithm: the sum
 * of squared deviations m2 is updated with the deviation from the old and
 * the new mean).  The mean is sum / n, exact while the sum fits in 64 bits;
 * the variance is the sample variance m2 / (n - 1), 0 when n <= 1 (where
 * the n - 1 form is undefined).  40 bytes; zero-filled memory is an empty
 * set (nf_stats_init is a memset).
 */
struct nf_stats {
	int64_t		 sum;
	int64_t		 min;
	int64_t		 max;
	double		 m2;	/* sum of squared deviations from the mean */
	uint32_t	 n;
	uint32_t	 spare;	/* padding; free for the owner's use */
};

void	nf_stats_init(struct nf_stats *);
/* Add sample x; inline, as feature stages call it several times per
 * packet. */
inline void
nf_stats_add(struct nf_stats *s, int64_t x)
{
	double oldmean, newmean;

	if (s->n == 0) {
		s->n = 1;
		s->sum = s->min = s->max = x;
		s->m2 = 0;
		return;
	}
	oldmean = (double)s->sum / s->n;
	s->n++;
	s->sum += x;
	newmean = (double)s->sum / s->n;
	s->m2 += ((double)x - oldmean) * ((double)x - newmean);
	if (x < s->min)
		s->min = x;
	if (x > s->max)
		s->max = x;
}

/* Merge b into a (Chan et al. parallel update); a may be empty. */
void	nf_stats_merge(struct nf_stats *a, const struct nf_stats *b);
/* Mean, or 0 when empty. */
inline double
nf_stats_mean(const struct nf_stats *s)
{
	return s->n ? (double)s->sum / s->n : 0;
}

/* Sample variance (n - 1 denominator), 0 when n <= 1. */
inline double
nf_stats_var(const struct nf_stats *s)
{
	if (s->n <= 1 || s->m2 <= 0)
		return 0;
	return s->m2 / (s->n - 1);
}

/* Sample standard deviation, 0 when n <= 1. */
inline double
nf_stats_std(const struct nf_stats *s)
{
	return s->n <= 1 || s->m2 <= 0 ? 0 : sqrt(nf_stats_var(s));
}

/* Min / max, 0 when empty. */
inline int64_t
nf_stats_min(const struct nf_stats *s)
{
	return s->n ? s->min : 0;
}

inline int64_t
nf_stats_max(const struct nf_stats *s)
{
	return s->n ? s->max : 0;
}

#endif
