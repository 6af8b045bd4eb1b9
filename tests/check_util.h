/* check_util.h: main() runner and assertions shared by the Check unit tests. */
#ifndef NF_CHECK_UTIL_H
#define NF_CHECK_UTIL_H

#include <arpa/inet.h>
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * Assert that got holds the address want in its textual form: 16 bytes
 * for IPv6 (want has a ':'), else the first 4 bytes for IPv4.
 */
static inline void
nf_ck_addr(const uint8_t *got, const char *want)
{
	uint8_t a[16];
	int v6;

	memset(a, 0, sizeof(a));
	v6 = strchr(want, ':') != NULL;
	ck_assert_int_eq(inet_pton(v6 ? AF_INET6 : AF_INET, want, a), 1);
	ck_assert_mem_eq(got, a, v6 ? 16 : 4);
}

#endif
