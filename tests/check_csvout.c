/* check_csvout.c: unit tests for the CSV output helpers (csvout.c). */
#include <check.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>

#include "csvout.h"
#include "util.h"
#include "check_util.h"

/* Format one double with nf_csv_dbl into buf. */
static void
dbl(double v, char *buf, size_t len)
{
	struct nf_csv c;
	FILE *fp;

	fp = fmemopen(buf, len, "w");
	ck_assert_ptr_nonnull(fp);
	nf_csv_init(&c, fp);
	nf_csv_dbl(&c, v);
	fclose(fp);
}

/* Reference: the shortest %.Pg (P = 1..17) that reads back as v. */
static void
shortest(double v, char *buf, size_t len)
{
	int p;

	for (p = 1; p <= 17; p++) {
		snprintf(buf, len, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

START_TEST(test_dbl_cases)
{
	static const struct { double v; const char *s; } t[] = {
		{ 0.1, "0.1" }, { 0.5, "0.5" }, { 1.0 / 3, "0.3333333333333333" },
		{ 2.0 / 3, "0.6666666666666666" }, { 1e-5, "1e-05" },
		{ 123456.789, "123456.789" }, { 1.5e20, "1.5e+20" },
		{ -2.25, "-2.25" }, { 42, "42" }, { 0, "0" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ 209567.19817767653, "209567.19817767653" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		dbl(t[i].v, buf, sizeof(buf));
		ck_assert_str_eq(buf, t[i].s);
	}
}
END_TEST

/*
 * Shortest round trip on many values of the kinds the feature stages
 * print (means, rates, ratios of counts, random doubles): the text reads
 * back exactly and has no more digits than the shortest form.
 */
START_TEST(test_dbl_shortest)
{
	char got[64], ref[64];
	uint64_t x = 88172645463325252ULL;
	double v;
	int i;

	for (i = 0; i < 50000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		switch (i % 4) {
		case 0:
			v = (double)(x % 100000) / (double)(1 + (x >> 40) % 997);
			break;
		case 1:
			v = (double)(x % 1000000007) / 1e6;
			break;
		case 2:
			memcpy(&v, &x, sizeof(v));
			if (!isfinite(v))
				continue;
			break;
		default:
			v = ldexp((double)(x >> 11), -(int)(x % 80));
			break;
		}
		dbl(v, got, sizeof(got));
		ck_assert_msg(strtod(got, NULL) == v, "%s does not read back",
		    got);
		if (fabs(v) < 1e15 && v == (double)(int64_t)v)
			continue;	/* printed as an integer */
		shortest(v, ref, sizeof(ref));
		ck_assert_msg(strcmp(got, ref) == 0, "%.17g: %s, shortest %s", v,
		    got, ref);
	}
}
END_TEST
/*
 * nf_fmt_iso8601 against gmtime_r + strftime (the C library, an
 * independent computation): hand-picked dates (epoch, leap days, century
 * rules, the last second of a year) and 100 000 random instants up to
 * 2500, each formatted after a different second and again after itself
 * with another fraction (the function keeps the last second's text).
 */
static void
iso_check(uint64_t ns)
{
	char got[40], want[64], frac[16];
	struct tm tm;
	time_t t = (time_t)(ns / 1000000000ULL);

	ck_assert_ptr_nonnull(gmtime_r(&t, &tm));
	strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(frac, sizeof(frac), ".%06uZ",
	    (unsigned)(ns % 1000000000ULL / 1000));
	strcat(want, frac);
	ck_assert_str_eq(nf_fmt_iso8601(ns, got), want);
	ck_assert_uint_eq(strlen(got), NF_ISO8601_LEN);
}

START_TEST(test_iso8601)
{
	static const uint64_t fixed[] = {
		0, 951782400ULL, 951868799ULL, 4107542400ULL,
		1583020799ULL, 1609459199ULL, 1700000000ULL, 4102444800ULL,
		946684799ULL, 16725225600ULL
	};
	uint64_t s = 7, ns;
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		iso_check(fixed[i] * 1000000000ULL + 123456789);
		iso_check(fixed[i] * 1000000000ULL);
		iso_check(fixed[i] * 1000000000ULL + 999999999);
	}
	iso_check(UINT64_MAX);		/* year 2554: still 4 digits */
	for (i = 0; i < 100000; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		ns = (s >> 11) % (16725225600ULL * 1000000000ULL);
		iso_check(ns);
		iso_check(ns - ns % 1000000000ULL + (s >> 40) % 1000000000ULL);
	}
}
END_TEST
/* nf_addr_fmt / nf_addr_str against inet_ntop: every value in every
 * octet of an IPv4 address, random IPv4 and IPv6 addresses, and "" for
 * a non-IP packet. */
static void
addr_check(int ver, const uint8_t a[16])
{
	char got[NF_ADDRSTRLEN], want[NF_ADDRSTRLEN];

	ck_assert_ptr_nonnull(inet_ntop(ver == 4 ? AF_INET : AF_INET6, a,
	    want, sizeof(want)));
	memset(got, 'x', sizeof(got));
	ck_assert_uint_eq(nf_addr_fmt(ver, a, got), strlen(want));
	ck_assert_str_eq(got, want);
	ck_assert_str_eq(nf_addr_str(ver, a, got), want);
}

START_TEST(test_addr)
{
	uint8_t a[16];
	char buf[NF_ADDRSTRLEN];
	uint64_t s = 99;
	int i, j, k;

	for (i = 0; i < 4; i++)
		for (j = 0; j < 256; j++) {
			memset(a, 0, sizeof(a));
			a[(i + 1) % 4] = 255;
			a[i] = (uint8_t)j;
			addr_check(4, a);
		}
	for (i = 0; i < 100000; i++) {
		for (k = 0; k < 16; k++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			/* IPv6: zero runs now and then (the :: rules). */
			a[k] = (s >> 60) < 4 ? 0 : (uint8_t)(s >> 33);
		}
		addr_check(4, a);
		addr_check(6, a);
	}
	ck_assert_uint_eq(nf_addr_fmt(0, a, buf), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("csvout");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_dbl_cases);
	tcase_add_test(tc, test_dbl_shortest);
	tcase_add_test(tc, test_iso8601);
	tcase_add_test(tc, test_addr);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
