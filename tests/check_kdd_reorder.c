/* check_kdd_reorder.c: unit tests for the flow2kdd reorder buffer (kdd_reorder.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kdd_reorder.h"
#include "check_util.h"

static struct kdd_row
mk(uint64_t start, uint64_t id)
{
	struct kdd_row r;

	memset(&r, 0, sizeof(r));
	r.start_ns = start;
	r.conn_id = id;
	r.src_bytes = start * 7 + id;	/* payload check */
	return r;
}

START_TEST(test_order)
{
	struct kdd_reorder ro;
	struct kdd_row r, prev;
	struct kdd_rkey prev_key;
	uint32_t x = 12345;
	int i, n = 0;

	/* 5000 rows, starts from a small LCG (many equal starts), mixed
	 * pushes and pops: every pop is >= the previous in (start, id)
	 * order among rows pushed before it, and the payload survives. */
	kdd_reorder_init(&ro, 0);
	memset(&prev, 0, sizeof(prev));
	for (i = 1; i <= 5000; i++) {
		x = x * 1103515245U + 12345U;
		r = mk(1000 + (x >> 16) % 300 + (uint64_t)i / 10, (uint64_t)i);
		ck_assert_int_eq(kdd_reorder_push(&ro, &r), 0);
		if (i % 3 == 0 && ro.len > 200) {
			kdd_reorder_pop(&ro, &r);
			ck_assert_uint_eq(r.src_bytes, r.start_ns * 7 + r.conn_id);
			n++;
		}
	}
	memset(&prev, 0, sizeof(prev));
	while (kdd_reorder_top(&ro) != NULL) {
		/* The key on top is the row that comes out. */
		ck_assert_ptr_nonnull(kdd_reorder_topkey(&ro));
		prev_key = *kdd_reorder_topkey(&ro);
		kdd_reorder_pop(&ro, &r);
		ck_assert_uint_eq(prev_key.start_ns, r.start_ns);
		ck_assert_uint_eq(prev_key.conn_id, r.conn_id);
		ck_assert(r.start_ns > prev.start_ns ||
		    (r.start_ns == prev.start_ns && r.conn_id > prev.conn_id));
		ck_assert_uint_eq(r.src_bytes, r.start_ns * 7 + r.conn_id);
		prev = r;
		n++;
	}
	ck_assert_int_eq(n, 5000);
	kdd_reorder_free(&ro);
}
END_TEST

START_TEST(test_cap)
{
	struct kdd_reorder ro;
	struct kdd_row r = mk(5, 1);

	kdd_reorder_init(&ro, 2);
	ck_assert_int_eq(kdd_reorder_push(&ro, &r), 0);
	r = mk(3, 2);
	ck_assert_int_eq(kdd_reorder_push(&ro, &r), 0);
	r = mk(4, 3);
	ck_assert_int_eq(kdd_reorder_push(&ro, &r), -1);
	ck_assert_uint_eq(kdd_reorder_top(&ro)->start_ns, 3);
	ck_assert_uint_eq(kdd_reorder_topkey(&ro)->start_ns, 3);
	ck_assert_uint_eq(kdd_reorder_topkey(&ro)->conn_id, 2);
	kdd_reorder_pop(&ro, &r);
	ck_assert_uint_eq(r.conn_id, 2);
	/* A freed slot is reused. */
	r = mk(4, 3);
	ck_assert_int_eq(kdd_reorder_push(&ro, &r), 0);
	ck_assert_uint_eq(ro.used, 2);
	kdd_reorder_free(&ro);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kdd_reorder");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_cap);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
