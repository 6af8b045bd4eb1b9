/* check_numfmt.c: unit tests for the integer digit writers (numfmt.h). */
#include <check.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "check_util.h"

/* The values around every power of ten, and the type limits. */
static size_t
edge_values(uint64_t *v, size_t cap)
{
	uint64_t p = 1;
	size_t n = 0;
	int i;

	v[n++] = 0;
	v[n++] = UINT64_MAX;
	v[n++] = UINT64_MAX - 1;
	v[n++] = (uint64_t)INT64_MAX;
	v[n++] = (uint64_t)INT64_MAX + 1;
	for (i = 0; i < 20 && n + 3 <= cap; i++) {
		v[n++] = p - 1;
		v[n++] = p;
		v[n++] = p + 1;
		if (i < 19)
			p *= 10;
	}
	for (i = 0; i < 64 && n + 2 <= cap; i++) {
		v[n++] = (uint64_t)1 << i;
		v[n++] = ((uint64_t)1 << i) - 1;
	}
	return n;
}

/* xorshift64*: deterministic values of every magnitude. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static void
check_u64(uint64_t v)
{
	char got[32], want[32];
	size_t n;

	memset(got, 'x', sizeof(got));
	n = nf_put_u64(got, v);
	snprintf(want, sizeof(want), "%" PRIu64, v);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_uint_eq(nf_ndigits(v), strlen(want));
	ck_assert_int_eq(got[n], 'x');		/* no terminator, no overrun */
	got[n] = '\0';
	ck_assert_str_eq(got, want);
}

static void
check_i64(int64_t v)
{
	char got[32], want[32];
	size_t n;

	n = nf_put_i64(got, v);
	got[n] = '\0';
	snprintf(want, sizeof(want), "%" PRId64, v);
	ck_assert_str_eq(got, want);
}

START_TEST(test_u64_edges)
{
	uint64_t v[256];
	size_t i, n = edge_values(v, 256);

	for (i = 0; i < n; i++)
		check_u64(v[i]);
}
END_TEST

START_TEST(test_u64_random)
{
	uint64_t s = 88172645463325252ULL, x;
	int i;

	for (i = 0; i < 200000; i++) {
		x = rnd(&s);
		check_u64(x >> (i % 64));	/* every digit count */
	}
}
END_TEST

START_TEST(test_i64)
{
	static const int64_t v[] = {
		0, 1, -1, 9, -9, 10, -10, 99, -100, 123456789, -987654321,
		INT64_MAX, INT64_MIN, INT64_MIN + 1
	};
	uint64_t s = 1;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		check_i64(v[i]);
	for (i = 0; i < 100000; i++)
		check_i64((int64_t)(rnd(&s) >> (i % 64)) * (i % 2 ? -1 : 1));
}
END_TEST

START_TEST(test_fixed)
{
	char got[32], want[32];
	uint64_t s = 7, v;
	size_t n;
	int i;

	for (i = 0; i < 100000; i++) {
		n = (size_t)(i % 20);
		v = rnd(&s) >> (i % 64);
		memset(got, 'x', sizeof(got));
		nf_put_fixed(got, v, n);
		ck_assert_int_eq(got[n], 'x');
		got[n] = '\0';
		/* The low n digits, zero-padded. */
		snprintf(want, sizeof(want), "%020" PRIu64, v);
		ck_assert_str_eq(got, want + 20 - n);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("numfmt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_u64_edges);
	tcase_add_test(tc, test_u64_random);
	tcase_add_test(tc, test_i64);
	tcase_add_test(tc, test_fixed);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
