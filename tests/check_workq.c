/* check_workq.c: unit tests for the worker-thread queue (workq.c). */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "workq.h"
#include "check_util.h"

/* What the worker saw: items in the order consumed, and its thread. */
struct seen {
	uint64_t	*v;
	size_t		 n;
	pthread_t	 th;
	int		 slow;		/* sleep now and then: the queue fills */
};

struct item {
	uint64_t	 v;
	char		 pad[40];	/* items bigger than a word */
};

static void
consume(void *arg, void *p)
{
	struct seen *s = arg;
	struct item *it = p;

	s->th = pthread_self();
	s->v[s->n++] = it->v;
	ck_assert_uint_eq((unsigned char)it->pad[39], (unsigned char)it->v);
	if (s->slow && it->v % 5000 == 0)
		usleep(2000);
}

static void
run(size_t nitems, size_t slots, int slow)
{
	struct seen s;
	struct nf_workq *q;
	struct item it;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.v = malloc(nitems * sizeof(*s.v) + 1);
	s.slow = slow;
	ck_assert_ptr_nonnull(s.v);
	q = nf_workq_start(sizeof(it), slots, consume, &s);
	ck_assert_ptr_nonnull(q);
	for (i = 0; i < nitems; i++) {
		memset(&it, 0, sizeof(it));
		it.v = i * 7 + 1;
		it.pad[39] = (char)it.v;
		nf_workq_put(q, &it);
	}
	nf_workq_finish(q);
	/* Every item, once, in order, and not on this thread. */
	ck_assert_uint_eq(s.n, nitems);
	for (i = 0; i < nitems; i++)
		ck_assert_uint_eq(s.v[i], i * 7 + 1);
	if (nitems > 0)
		ck_assert(!pthread_equal(s.th, pthread_self()));
	free(s.v);
}

START_TEST(test_order)
{
	run(200000, 64, 0);	/* the producer outruns the slots */
	run(30000, 4096, 1);	/* the consumer is slow at times */
	run(10, 4096, 0);	/* fewer than a batch: finish wakes it */
	run(1, 1, 0);
	run(0, 16, 0);
}
END_TEST

START_TEST(test_bad_sizes)
{
	struct seen s;

	memset(&s, 0, sizeof(s));
	ck_assert_ptr_null(nf_workq_start(0, 16, consume, &s));
	ck_assert_ptr_null(nf_workq_start(8, 0, consume, &s));
	ck_assert_ptr_null(nf_workq_start(SIZE_MAX / 2, 4, consume, &s));
	nf_workq_finish(NULL);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("workq");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_bad_sizes);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
