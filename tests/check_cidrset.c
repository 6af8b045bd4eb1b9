/* check_cidrset.c: unit tests for CIDR sets (cidrset.c). */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cidrset.h"

/* Membership of a textual address in the set parsed from spec. */
static int
has(const char *spec, const char *addr)
{
	struct nf_cidrset s;
	uint8_t a[16];
	char err[256];
	int v, r;

	memset(a, 0, sizeof(a));
	v = strchr(addr, ':') ? 6 : 4;
	ck_assert_int_eq(inet_pton(v == 6 ? AF_INET6 : AF_INET, addr, a), 1);
	nf_cidrset_init(&s);
	ck_assert_msg(nf_cidrset_parse(&s, spec, NULL, NULL, err,
	    sizeof(err)) == 0, "%s: %s", spec, err);
	r = nf_cidrset_contains(&s, v, a);
	nf_cidrset_free(&s);
	return r;
}

/* Table: (list, address, expected), worked out from the syntax rules. */
static const struct {
	const char	*spec, *addr;
	int		 want;
} cases[] = {
	{ "10.0.0.0/8", "10.255.1.2", 1 },
	{ "10.0.0.0/8", "11.0.0.0", 0 },
	{ "10.0.0.0/8", "9.255.255.255", 0 },
	{ "192.168.1.7", "192.168.1.7", 1 },
	{ "192.168.1.7", "192.168.1.8", 0 },
	{ "192.168.1.7/24", "192.168.1.200", 1 },	/* host bits ignored */
	{ "192.168.0.0/255.255.0.0", "192.168.77.1", 1 },
	{ "192.168.0.0/255.255.0.0", "192.169.0.1", 0 },
	{ "0.0.0.0/0", "1.2.3.4", 1 },
	{ "0.0.0.0/0", "2001:db8::1", 0 },	/* only the IPv4 space */
	{ "any", "2001:db8::1", 1 },
	{ "any", "1.2.3.4", 1 },
	{ "10.0.0.0/8,172.16.0.0/12", "172.31.255.255", 1 },
	{ "10.0.0.0/8,172.16.0.0/12", "172.32.0.0", 0 },
	{ "[10.0.0.0/8,!10.1.0.0/16]", "10.2.0.1", 1 },
	{ "[10.0.0.0/8,!10.1.0.0/16]", "10.1.0.1", 0 },
	{ "[10.0.0.0/8,!10.1.0.0/16]", "11.0.0.1", 0 },
	{ "!10.0.0.0/8", "10.0.0.1", 0 },
	{ "!10.0.0.0/8", "8.8.8.8", 1 },
	{ "!10.0.0.0/8", "::1", 1 },
	{ "![10.0.0.0/8,192.168.0.0/16]", "192.168.3.3", 0 },
	{ "![10.0.0.0/8,192.168.0.0/16]", "172.16.0.1", 1 },
	/* Nested: 10/8 minus (10.1/16 minus 10.1.2/24) = 10.1.2.x back in. */
	{ "[10.0.0.0/8,![10.1.0.0/16,!10.1.2.0/24]]", "10.1.2.9", 1 },
	{ "[10.0.0.0/8,![10.1.0.0/16,!10.1.2.0/24]]", "10.1.3.9", 0 },
	{ "[10.0.0.0/8,![10.1.0.0/16,!10.1.2.0/24]]", "10.9.3.9", 1 },
	{ " [ 10.0.0.0/8 , 2001:db8::/32 ] ", "2001:db8:ffff::1", 1 },
	{ "2001:db8::/32", "2001:db9::1", 0 },
	{ "2001:db8::1/128", "2001:db8::1", 1 },
	{ "2001:db8::1/128", "2001:db8::2", 0 },
	{ "::/0", "1.2.3.4", 1 },		/* IPv4-mapped inside ::/0 */
	{ "!!10.0.0.0/8", "10.0.0.1", 1 },
	{ "10.0.0.0/8,10.0.0.0/8", "10.3.3.3", 1 },
};

START_TEST(test_table)
{
	ck_assert_msg(has(cases[_i].spec, cases[_i].addr) == cases[_i].want,
	    "'%s' contains %s: expected %d", cases[_i].spec, cases[_i].addr,
	    cases[_i].want);
}
END_TEST

/* 34 nested lists: deeper than the parser allows. */
#define DEEP "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1.2.3.4]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"

static const char *const badspecs[] = {
	"", "10.0.0.0/33", "2001:db8::/129", "10.0.0.256", "[10.0.0.0/8",
	"10.0.0.0/8]", "[10.0.0.0/8,]", "$HOME", "10.0.0.0/255.0.255.0",
	"10.0.0.0/-1", "10.0.0.0/8x", DEEP, "hostname", ",",
};

START_TEST(test_bad)
{
	struct nf_cidrset s;
	char err[256];

	nf_cidrset_init(&s);
	err[0] = '\0';
	ck_assert_msg(nf_cidrset_parse(&s, badspecs[_i], NULL, NULL, err,
	    sizeof(err)) == -1, "'%s' accepted", badspecs[_i]);
	ck_assert_msg(err[0] != '\0', "no message for '%s'", badspecs[_i]);
	nf_cidrset_free(&s);
}
END_TEST

START_TEST(test_empty_set)
{
	struct nf_cidrset s;
	uint8_t a[16] = { 10, 0, 0, 1 };

	nf_cidrset_init(&s);
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, a), 0);
	ck_assert_int_eq(nf_cidrset_contains(&s, 0, a), 0);
	nf_cidrset_free(&s);
}
END_TEST

static const char *
resolve(void *arg, const char *name)
{
	(void)arg;
	if (strcmp(name, "A") == 0)
		return "[10.0.0.0/8,$B]";
	if (strcmp(name, "B") == 0)
		return "192.168.0.0/16";
	if (strcmp(name, "LOOP") == 0)
		return "$LOOP";
	return NULL;
}

START_TEST(test_vars)
{
	struct nf_cidrset s;
	uint8_t a[16] = { 192, 168, 5, 5 };
	char err[256];

	nf_cidrset_init(&s);
	ck_assert_int_eq(nf_cidrset_parse(&s, "[$A,!192.168.5.0/24]", resolve,
	    NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, a), 0);
	a[2] = 6;
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, a), 1);
	nf_cidrset_free(&s);
	nf_cidrset_init(&s);
	ck_assert_int_eq(nf_cidrset_parse(&s, "$LOOP", resolve, NULL, err,
	    sizeof(err)), -1);
	ck_assert_ptr_ne(strstr(err, "nested"), NULL);
	nf_cidrset_free(&s);
}
END_TEST

/* Write text to a temporary file; returns its malloc'd path. */
static char *
tmpfile_with(const char *text)
{
	char *path;
	int fd;

	path = strdup("/tmp/check_cidrset.XXXXXX");
	ck_assert_ptr_ne(path, NULL);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

START_TEST(test_snort_conf)
{
	struct nf_cidrset s;
	uint8_t in[16] = { 172, 16, 9, 1 }, out[16] = { 172, 16, 10, 1 };
	char err[256], *p;

	p = tmpfile_with("# Setup the network addresses you are protecting\n"
	    "ipvar LAB 172.16.0.0/12\n"
	    "ipvar HOME_NET [$LAB,!172.16.10.0/24]\n"
	    "ipvar EXTERNAL_NET !$HOME_NET\n");
	nf_cidrset_init(&s);
	ck_assert_msg(nf_cidrset_from_snort_conf(&s, p, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, in), 1);
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, out), 0);
	nf_cidrset_free(&s);
	unlink(p);
	free(p);

	p = tmpfile_with("var HOME_NET 10.0.0.0/8\n");
	nf_cidrset_init(&s);
	ck_assert_int_eq(nf_cidrset_from_snort_conf(&s, p, err, sizeof(err)),
	    0);
	in[0] = 10;
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, in), 1);
	nf_cidrset_free(&s);
	unlink(p);
	free(p);

	/* Snort 3 snort.lua */
	p = tmpfile_with("-- comment\nHOME_NET = '[10.0.0.0/8, "
	    "2001:db8::/32]'\nEXTERNAL_NET = 'any'\n");
	nf_cidrset_init(&s);
	ck_assert_msg(nf_cidrset_from_snort_conf(&s, p, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, in), 1);
	nf_cidrset_free(&s);
	unlink(p);
	free(p);

	p = tmpfile_with("ipvar EXTERNAL_NET any\n");
	nf_cidrset_init(&s);
	ck_assert_int_eq(nf_cidrset_from_snort_conf(&s, p, err, sizeof(err)),
	    -1);
	ck_assert_ptr_ne(strstr(err, "HOME_NET"), NULL);
	nf_cidrset_free(&s);
	unlink(p);
	free(p);

	p = tmpfile_with("\n\nipvar HOME_NET [10.0.0.0/8,$NOPE]\n");
	nf_cidrset_init(&s);
	ck_assert_int_eq(nf_cidrset_from_snort_conf(&s, p, err, sizeof(err)),
	    -1);
	ck_assert_ptr_ne(strstr(err, "line 3"), NULL);
	nf_cidrset_free(&s);
	unlink(p);
	free(p);
}
END_TEST

/* Many prefixes: the trie stays correct and lookups do not scan. */
START_TEST(test_many)
{
	struct nf_cidrset s;
	char spec[20000], *p;
	uint8_t a[16];
	char err[256];
	int i;

	p = spec;
	*p++ = '[';
	for (i = 0; i < 1000; i++)
		p += sprintf(p, "%s10.%d.%d.0/24", i ? "," : "", i / 256,
		    i % 256);
	strcpy(p, "]");
	nf_cidrset_init(&s);
	ck_assert_int_eq(nf_cidrset_parse(&s, spec, NULL, NULL, err,
	    sizeof(err)), 0);
	memset(a, 0, sizeof(a));
	a[0] = 10;
	a[1] = 3;
	a[2] = 231;	/* entry 999 = 3 * 256 + 231 */
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, a), 1);
	a[2] = 232;	/* entry 1000: absent */
	ck_assert_int_eq(nf_cidrset_contains(&s, 4, a), 0);
	nf_cidrset_free(&s);
}
END_TEST

int
main(void)
{
	Suite *s;
	TCase *tc;
	SRunner *sr;
	int nfail;

	s = suite_create("cidrset");
	tc = tcase_create("core");
	tcase_add_loop_test(tc, test_table, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, test_bad, 0,
	    (int)(sizeof(badspecs) / sizeof(badspecs[0])));
	tcase_add_test(tc, test_empty_set);
	tcase_add_test(tc, test_vars);
	tcase_add_test(tc, test_snort_conf);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
