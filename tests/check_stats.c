/* check_stats.c: unit tests for running statistics (stats.c). */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"
#include "check_util.h"

#define EPS 1e-9

START_TEST(test_empty_and_one)
{
	struct nf_stats s;

	nf_stats_init(&s);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_double_eq(nf_stats_mean(&s), 0);
	ck_assert_double_eq(nf_stats_std(&s), 0);
	ck_assert_int_eq(nf_stats_min(&s), 0);
	ck_assert_int_eq(nf_stats_max(&s), 0);
	nf_stats_add(&s, 42);
	/* n = 1: mean 42, sample variance undefined -> 0. */
	ck_assert_double_eq(nf_stats_mean(&s), 42);
	ck_assert_double_eq(nf_stats_var(&s), 0);
	ck_assert_int_eq(nf_stats_min(&s), 42);
	ck_assert_int_eq(nf_stats_max(&s), 42);
}
END_TEST

START_TEST(test_known_set)
{
	static const int64_t x[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	struct nf_stats s;
	size_t i;

	nf_stats_init(&s);
	for (i = 0; i < 8; i++)
		nf_stats_add(&s, x[i]);
	/* sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
	 * sample variance 32/7. */
	ck_assert_int_eq(s.sum, 40);
	ck_assert_double_eq_tol(nf_stats_mean(&s), 5, EPS);
	ck_assert_double_eq_tol(nf_stats_var(&s), 32.0 / 7, EPS);
	ck_assert_double_eq_tol(nf_stats_std(&s), sqrt(32.0 / 7), EPS);
	ck_assert_int_eq(nf_stats_min(&s), 2);
	ck_assert_int_eq(nf_stats_max(&s), 9);
}
END_TEST

START_TEST(test_negative_and_large)
{
	struct nf_stats s;

	nf_stats_init(&s);
	/* -500 and 1500: mean 500, deviations +-1000, var 2e6/1. */
	nf_stats_add(&s, -500);
	nf_stats_add(&s, 1500);
	ck_assert_double_eq_tol(nf_stats_mean(&s), 500, EPS);
	ck_assert_double_eq_tol(nf_stats_var(&s), 2e6, 1e-6);
	ck_assert_int_eq(nf_stats_min(&s), -500);
	/* Large offsets (epoch microseconds) keep the variance: values
	 * 1.5e15 + {0, 10, 20}: deviations -10, 0, 10, var 200/2. */
	nf_stats_init(&s);
	nf_stats_add(&s, 1500000000000000LL);
	nf_stats_add(&s, 1500000000000010LL);
	nf_stats_add(&s, 1500000000000020LL);
	ck_assert_double_eq_tol(nf_stats_var(&s), 100, 1e-3);
}
END_TEST

START_TEST(test_merge)
{
	static const int64_t x[] = { 0, 0, 0, 100, 300, 500, 0 };
	struct nf_stats a, b, all;
	size_t i;

	nf_stats_init(&a);
	nf_stats_init(&b);
	nf_stats_init(&all);
	for (i = 0; i < 7; i++) {
		nf_stats_add(i % 2 ? &a : &b, x[i]);
		nf_stats_add(&all, x[i]);
	}
	nf_stats_merge(&a, &b);
	ck_assert_uint_eq(a.n, 7);
	ck_assert_int_eq(a.sum, 900);
	/* sum of squares 350000, n*mean^2 = 810000/7: m2 = 1640000/7,
	 * var = m2/6. */
	ck_assert_double_eq_tol(nf_stats_var(&a), 1640000.0 / 42, 1e-6);
	ck_assert_double_eq_tol(nf_stats_var(&a), nf_stats_var(&all), 1e-6);
	ck_assert_int_eq(nf_stats_max(&a), 500);
	/* Merging into an empty set copies. */
	nf_stats_init(&b);
	nf_stats_merge(&b, &all);
	ck_assert_double_eq_tol(nf_stats_var(&b), 1640000.0 / 42, 1e-6);
	/* Merging an empty set changes nothing. */
	nf_stats_init(&a);
	nf_stats_merge(&b, &a);
	ck_assert_uint_eq(b.n, 7);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_empty_and_one);
	tcase_add_test(tc, test_known_set);
	tcase_add_test(tc, test_negative_and_large);
	tcase_add_test(tc, test_merge);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
