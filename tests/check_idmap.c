/* check_idmap.c: unit tests for the id hash map (idmap.c). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "idmap.h"
#include "check_util.h"

START_TEST(test_basic)
{
	struct nf_idmap m;
	int a, b;

	ck_assert_int_eq(nf_idmap_init(&m, 4), 0);
	ck_assert_ptr_null(nf_idmap_get(&m, 1));
	ck_assert_int_eq(nf_idmap_put(&m, 1, &a), 0);
	ck_assert_int_eq(nf_idmap_put(&m, 2, &b), 0);
	ck_assert_ptr_eq(nf_idmap_get(&m, 1), &a);
	ck_assert_ptr_eq(nf_idmap_get(&m, 2), &b);
	ck_assert_int_eq(nf_idmap_put(&m, 1, &b), 0);	/* replace */
	ck_assert_ptr_eq(nf_idmap_get(&m, 1), &b);
	ck_assert_uint_eq(m.count, 2);
	ck_assert_int_eq(nf_idmap_put(&m, 0, &a), -1);	/* 0 reserved */
	ck_assert_ptr_eq(nf_idmap_del(&m, 1), &b);
	ck_assert_ptr_null(nf_idmap_del(&m, 1));
	ck_assert_ptr_null(nf_idmap_get(&m, 1));
	ck_assert_uint_eq(m.count, 1);
	nf_idmap_free(&m);
}
END_TEST

/* Random puts and deletes against a plain array model. */
START_TEST(test_model)
{
	enum { N = 5000 };
	static char present[N];
	struct nf_idmap m;
	uint64_t x = 12345;
	int i, k;

	ck_assert_int_eq(nf_idmap_init(&m, 1), 0);
	for (i = 0; i < 200000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		k = (int)((x >> 33) % N) + 1;
		if ((x >> 20) & 1) {
			ck_assert_int_eq(nf_idmap_put(&m, (uint64_t)k,
			    (void *)(uintptr_t)k), 0);
			present[k - 1] = 1;
		} else {
			void *v = nf_idmap_del(&m, (uint64_t)k);

			ck_assert_ptr_eq(v, present[k - 1] ?
			    (void *)(uintptr_t)k : NULL);
			present[k - 1] = 0;
		}
	}
	for (k = 1, i = 0; k <= N; k++) {
		ck_assert_ptr_eq(nf_idmap_get(&m, (uint64_t)k),
		    present[k - 1] ? (void *)(uintptr_t)k : NULL);
		i += present[k - 1];
	}
	ck_assert_uint_eq(m.count, (size_t)i);
	nf_idmap_free(&m);
}
END_TEST

/* free_with calls the function once for each value still stored. */
static int nfreed;

static void
count_free(void *v)
{
	nfreed++;
	free(v);
}

START_TEST(test_free_with)
{
	struct nf_idmap m;
	uint64_t id;

	ck_assert_int_eq(nf_idmap_init(&m, 4), 0);
	for (id = 1; id <= 100; id++)
		ck_assert_int_eq(nf_idmap_put(&m, id, malloc(8)), 0);
	free(nf_idmap_del(&m, 50));
	nfreed = 0;
	nf_idmap_free_with(&m, count_free);
	ck_assert_int_eq(nfreed, 99);
	ck_assert_ptr_null(m.keys);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("idmap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_basic);
	tcase_add_test(tc, test_model);
	tcase_add_test(tc, test_free_with);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
