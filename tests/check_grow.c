/* check_grow.c: unit tests for growing a heap array by doubling (grow.h). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"
#include "check_util.h"

/* An empty array gets the first size, or that doubled until need fits. */
START_TEST(test_first)
{
	uint32_t *a = NULL;
	size_t sz = 0;

	ck_assert_int_eq(nf_grow(&a, &sz, 0, sizeof(*a), 16), 0);
	ck_assert_ptr_null(a);
	ck_assert_uint_eq(sz, 0);
	ck_assert_int_eq(nf_grow(&a, &sz, 1, sizeof(*a), 16), 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(sz, 16);
	free(a);
	a = NULL;
	sz = 0;
	/* 16, 32, 64, 128: the first power-of-two multiple >= 100. */
	ck_assert_int_eq(nf_grow(&a, &sz, 100, sizeof(*a), 16), 0);
	ck_assert_uint_eq(sz, 128);
	free(a);
}
END_TEST

/* Enough room: nothing moves; more: doubled, the contents kept. */
START_TEST(test_double)
{
	uint32_t *a = NULL, *before;
	size_t sz = 0, i;

	ck_assert_int_eq(nf_grow(&a, &sz, 64, sizeof(*a), 64), 0);
	ck_assert_uint_eq(sz, 64);
	for (i = 0; i < 64; i++)
		a[i] = (uint32_t)i * 7;
	before = a;
	ck_assert_int_eq(nf_grow(&a, &sz, 64, sizeof(*a), 64), 0);
	ck_assert_ptr_eq(a, before);
	ck_assert_uint_eq(sz, 64);
	ck_assert_int_eq(nf_grow(&a, &sz, 65, sizeof(*a), 64), 0);
	ck_assert_uint_eq(sz, 128);
	ck_assert_int_eq(nf_grow(&a, &sz, 129, sizeof(*a), 64), 0);
	ck_assert_uint_eq(sz, 256);
	for (i = 0; i < 64; i++)
		ck_assert_uint_eq(a[i], (uint32_t)i * 7);
	free(a);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("grow");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_first);
	tcase_add_test(tc, test_double);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
