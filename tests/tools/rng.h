/* rng.h: the seeded PRNG (splitmix64) shared by the test data generators. */
#ifndef NF_TOOLS_RNG_H
#define NF_TOOLS_RNG_H

#include <stdint.h>

/*
 * splitmix64 over one state per program: the generators set rng_state to
 * their seed (or save and restore it around a side stream), so the same
 * options always give the same bytes.
 */
static uint64_t rng_state;

static uint64_t
rnd(void)
{
	uint64_t z;

	z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t
rndn(uint32_t n)
{
	return (uint32_t)(((rnd() >> 32) * n) >> 32);
}

#endif
