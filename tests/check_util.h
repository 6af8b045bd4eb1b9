/* check_util.h: the main() runner shared by the Check unit tests. */
#ifndef NF_CHECK_UTIL_H
#define NF_CHECK_UTIL_H

#include <check.h>
#include <stdlib.h>

/*
 * Run every test of suite s in a runner that takes the suite over and
 * frees it.  Returns the exit status for main: EXIT_SUCCESS when no test
 * failed, else EXIT_FAILURE.
 */
static inline int
nf_check_run(Suite *s)
{
	SRunner *sr;
	int nfail;

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
