/* numfmt.h: decimal digits of integers, two at a time, for the row writers. */
#ifndef NF_NUMFMT_H
#define NF_NUMFMT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Every CSV row of flow2cic, flow2kdd and csvlabel is mostly integers; a
 * digit at a time (one division each) was the largest cost of a row.
 * These write two digits per division from a 200-byte table.  None of
 * them writes a terminator.
 */

extern const char nf_digit_pairs[200];	/* "00" "01" ... "99" */
extern const uint64_t nf_pow10[20];	/* 10^0 ... 10^19 */

/* The number of decimal digits of v (1 for 0). */
static inline size_t
nf_ndigits(uint64_t v)
{
	size_t t;

	/* t = floor(bits * log10(2)) is the digit count or one less. */
	t = (size_t)((64 - __builtin_clzll(v | 1)) * 1233) >> 12;
	return t + (v >= nf_pow10[t]) + (v == 0);
}

/* Exactly n digits of v at p, zero-padded on the left (the high digits
 * of v beyond n are dropped). */
static inline void
nf_put_fixed(char *p, uint64_t v, size_t n)
{
	while (n >= 2) {
		n -= 2;
		memcpy(p + n, nf_digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (n == 1)
		p[0] = (char)('0' + v % 10);
}

/* The digits of v at p; returns their count (at most 20). */
static inline size_t
nf_put_u64(char *p, uint64_t v)
{
	size_t n;

	if (v < 10) {
		p[0] = (char)('0' + v);
		return 1;
	}
	n = nf_ndigits(v);
	nf_put_fixed(p, v, n);
	return n;
}

/* The digits of v at p, with a '-' when negative; returns the count (at
 * most 20). */
static inline size_t
nf_put_i64(char *p, int64_t v)
{
	if (v >= 0)
		return nf_put_u64(p, (uint64_t)v);
	p[0] = '-';
	return 1 + nf_put_u64(p + 1, 0 - (uint64_t)v);
}

#endif
