/* check_kdd_window.c: unit tests for the KDD traffic features 23-41 (kdd_window.c, kdd_row.c). */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kdd_conn.h"
#include "kdd_row.h"
#include "kdd_service.h"
#include "kdd_window.h"
#include "check_util.h"

#define MS	1000000ULL

static struct kdd_wrec
rec(uint64_t ms, int host, uint16_t port, const char *name, uint16_t sport,
    int err)
{
	struct kdd_wrec w;

	memset(&w, 0, sizeof(w));
	w.ts = ms * MS;
	w.dst[0] = 10;
	w.dst[3] = (uint8_t)host;
	w.ipver = 4;
	w.svckey = kdd_service_key(6, port);
	w.name = (uint8_t)kdd_service_find(name);
	w.sport = sport;
	w.err = (uint8_t)err;
	return w;
}

#define close_to(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-9, \
	"%s = %f, want %f", #a, (double)(a), (double)(b))

/*
 * Five connections, time window 2 s, host window N = 3:
 *   #  t(s)  host  service    sport  flag
 *   1  0.0   H1    tcp/80     1000   SF
 *   2  0.5   H1    tcp/80     1001   S0   (serror)
 *   3  1.0   H2    tcp/80     1000   REJ  (rerror)
 *   4  1.5   H1    tcp/23     1000   SF
 *   5  2.6   H1    tcp/80     1000   SF
 */
START_TEST(test_sequence)
{
	struct kdd_window w;
	struct kdd_traffic t;
	struct kdd_wrec r;

	ck_assert_int_eq(kdd_window_init(&w, 2000 * MS, 3, KDD_DIFF_KDD), 0);

	/* 1: alone; the current connection is included, so count = 1
	 * and same_srv_rate = 1 (spec 5.1). */
	r = rec(0, 1, 80, "http", 1000, 0);
	ck_assert_int_eq(kdd_window_add(&w, &r, &t), 0);
	ck_assert_uint_eq(t.count, 1);
	ck_assert_uint_eq(t.srv_count, 1);
	close_to(t.same_srv_rate, 1.0);
	close_to(t.diff_srv_rate, 0.0);
	close_to(t.serror_rate, 0.0);
	ck_assert_uint_eq(t.dst_host_count, 1);
	ck_assert_uint_eq(t.dst_host_srv_count, 1);
	close_to(t.dst_host_same_srv_rate, 1.0);
	close_to(t.dst_host_same_src_port_rate, 1.0);

	/* 2: H1 set {1,2}: serror 1/2; srv set {1,2}: 1/2; same port
	 * 1001 only itself among 2 http: 1/2. */
	r = rec(500, 1, 80, "http", 1001, KDD_ERR_S);
	kdd_window_add(&w, &r, &t);
	ck_assert_uint_eq(t.count, 2);
	ck_assert_uint_eq(t.srv_count, 2);
	close_to(t.serror_rate, 0.5);
	close_to(t.srv_serror_rate, 0.5);
	close_to(t.rerror_rate, 0.0);
	close_to(t.same_srv_rate, 1.0);
	close_to(t.diff_srv_rate, 0.0);
	close_to(t.srv_diff_host_rate, 0.0);
	close_to(t.dst_host_same_src_port_rate, 0.5);
	close_to(t.dst_host_serror_rate, 0.5);

	/* 3: H2 set {3}; srv set {1,2,3} is host-agnostic: srv_count 3
	 * > count 1 (spec 5.4); srv_diff_host (3 - 1)/3; srv_serror 1/3;
	 * srv_rerror 1/3; rerror over H2 1/1; same port 1000: {1,3} of 3. */
	r = rec(1000, 2, 80, "http", 1000, KDD_ERR_R);
	kdd_window_add(&w, &r, &t);
	ck_assert_uint_eq(t.count, 1);
	ck_assert_uint_eq(t.srv_count, 3);
	close_to(t.serror_rate, 0.0);
	close_to(t.srv_serror_rate, 1.0 / 3);
	close_to(t.rerror_rate, 1.0);
	close_to(t.srv_rerror_rate, 1.0 / 3);
	close_to(t.same_srv_rate, 1.0);
	close_to(t.srv_diff_host_rate, 2.0 / 3);
	ck_assert_uint_eq(t.dst_host_count, 1);
	ck_assert_uint_eq(t.dst_host_srv_count, 3);
	close_to(t.dst_host_same_src_port_rate, 2.0 / 3);
	close_to(t.dst_host_srv_diff_host_rate, 2.0 / 3);
	close_to(t.dst_host_rerror_rate, 1.0);
	close_to(t.dst_host_srv_rerror_rate, 1.0 / 3);
	close_to(t.dst_host_srv_serror_rate, 1.0 / 3);

	/* 4: time window {1,2,3,4}: H1 set {1,2,4}, same service (telnet)
	 * 1 of 3; diff_srv (kdd rule): names {http, telnet} = 2 / 3.
	 * Host window N=3 drops #1: H1 set {2,4}: same 1/2, diff 2/2,
	 * serror 1/2. */
	r = rec(1500, 1, 23, "telnet", 1000, 0);
	kdd_window_add(&w, &r, &t);
	ck_assert_uint_eq(t.count, 3);
	ck_assert_uint_eq(t.srv_count, 1);
	close_to(t.serror_rate, 1.0 / 3);
	close_to(t.srv_serror_rate, 0.0);
	close_to(t.same_srv_rate, 1.0 / 3);
	close_to(t.diff_srv_rate, 2.0 / 3);
	close_to(t.srv_diff_host_rate, 0.0);
	ck_assert_uint_eq(t.dst_host_count, 2);
	ck_assert_uint_eq(t.dst_host_srv_count, 1);
	close_to(t.dst_host_same_srv_rate, 0.5);
	close_to(t.dst_host_diff_srv_rate, 1.0);
	close_to(t.dst_host_serror_rate, 0.5);
	close_to(t.dst_host_same_src_port_rate, 1.0);

	/* 5 at 2.6 s: #1 (0.0) and #2 (0.5) are older than 2.6 - 2 = 0.6
	 * and leave: time window {3,4,5}.  H1 set {4,5}; srv(80) set
	 * {3,5}: srv_rerror 1/2, srv_diff_host (2 - 1)/2; same_srv 1/2;
	 * diff names {telnet, http} 2/2.  Host window {3,4,5} is the same
	 * here; same port 1000 in srv set {3,5}: 2/2. */
	r = rec(2600, 1, 80, "http", 1000, 0);
	kdd_window_add(&w, &r, &t);
	ck_assert_uint_eq(t.count, 2);
	ck_assert_uint_eq(t.srv_count, 2);
	close_to(t.serror_rate, 0.0);
	close_to(t.srv_serror_rate, 0.0);
	close_to(t.rerror_rate, 0.0);
	close_to(t.srv_rerror_rate, 0.5);
	close_to(t.same_srv_rate, 0.5);
	close_to(t.diff_srv_rate, 1.0);
	close_to(t.srv_diff_host_rate, 0.5);
	ck_assert_uint_eq(t.dst_host_count, 2);
	ck_assert_uint_eq(t.dst_host_srv_count, 2);
	close_to(t.dst_host_same_srv_rate, 0.5);
	close_to(t.dst_host_diff_srv_rate, 1.0);
	close_to(t.dst_host_same_src_port_rate, 1.0);
	close_to(t.dst_host_srv_diff_host_rate, 0.5);
	close_to(t.dst_host_srv_rerror_rate, 0.5);
	kdd_window_free(&w);
}
END_TEST

START_TEST(test_diff_complement_and_keys)
{
	struct kdd_window w;
	struct kdd_traffic t;
	struct kdd_wrec r;

	/* Same four records under both rules: H1 gets http, telnet, http.
	 * Third: same 2/3; kdd diff = 2 names / 3; complement 1/3. */
	ck_assert_int_eq(kdd_window_init(&w, 2000 * MS, 100,
	    KDD_DIFF_COMPLEMENT), 0);
	r = rec(0, 1, 80, "http", 1, 0);
	kdd_window_add(&w, &r, &t);
	r = rec(1, 1, 23, "telnet", 2, 0);
	kdd_window_add(&w, &r, &t);
	close_to(t.diff_srv_rate, 0.5);		/* 1 - 1/2 */
	r = rec(2, 1, 80, "http", 3, 0);
	kdd_window_add(&w, &r, &t);
	close_to(t.same_srv_rate, 2.0 / 3);
	close_to(t.diff_srv_rate, 1.0 / 3);	/* 1 - 2/3 */
	close_to(t.dst_host_diff_srv_rate, 1.0 / 3);
	kdd_window_free(&w);

	/* "Same service" is the key (protocol + port), not the name: two
	 * private ports count as different services (spec 5.3), while the
	 * name set has one element: kdd diff = 1 name / 2. */
	ck_assert_int_eq(kdd_window_init(&w, 2000 * MS, 100, KDD_DIFF_KDD),
	    0);
	r = rec(0, 1, 1000, "private", 5, KDD_ERR_S);
	kdd_window_add(&w, &r, &t);
	r = rec(1, 1, 1001, "private", 5, KDD_ERR_S);
	kdd_window_add(&w, &r, &t);
	ck_assert_uint_eq(t.count, 2);
	ck_assert_uint_eq(t.srv_count, 1);
	close_to(t.same_srv_rate, 0.5);
	close_to(t.diff_srv_rate, 0.5);
	close_to(t.serror_rate, 1.0);
	close_to(t.srv_serror_rate, 1.0);
	kdd_window_free(&w);
}
END_TEST

START_TEST(test_caps)
{
	struct kdd_window w;
	struct kdd_traffic t;
	struct kdd_wrec r;
	struct kdd_row row;
	struct kdd_out o;
	struct nf_csv csv;
	char *buf = NULL, *p;
	size_t len = 0;
	FILE *fp;
	int i, field;

	/* 600 connections to one host within 1 s, host window 300:
	 * count 600 prints 511, dst_host_count 300 prints 255. */
	ck_assert_int_eq(kdd_window_init(&w, 2000 * MS, 300, KDD_DIFF_KDD),
	    0);
	for (i = 0; i < 600; i++) {
		r = rec((uint64_t)i, 1, 80, "http", (uint16_t)(2000 + i), 0);
		ck_assert_int_eq(kdd_window_add(&w, &r, &t), 0);
	}
	ck_assert_uint_eq(t.count, 600);
	ck_assert_uint_eq(t.dst_host_count, 300);
	close_to(t.dst_host_same_src_port_rate, 1.0 / 300);
	memset(&row, 0, sizeof(row));
	row.proto = 6;
	row.service = (uint8_t)kdd_service_find("http");
	row.flag = KDD_SF;
	memset(&o, 0, sizeof(o));
	o.pure = 1;
	o.label = "normal.";
	for (i = 0; i < 2; i++) {
		o.nocaps = i;
		fp = open_memstream(&buf, &len);
		nf_csv_init(&csv, fp);
		kdd_row_write(&csv, &o, &row, &t);
		fclose(fp);
		/* Fields 23 (count) and 32 (dst_host_count), 1-based. */
		for (p = buf, field = 1; field < 23; p++)
			if (*p == ',')
				field++;
		ck_assert_int_eq(atoi(p), i ? 600 : 511);
		for (; field < 32; p++)
			if (*p == ',')
				field++;
		ck_assert_int_eq(atoi(p), i ? 300 : 255);
		free(buf);
		buf = NULL;
	}
	kdd_window_free(&w);
}
END_TEST

START_TEST(test_pure_row)
{
	/* The KDD text form: 41 features + label, rates "%.2f". */
	struct kdd_row row;
	struct kdd_traffic t;
	struct kdd_out o;
	struct nf_csv csv;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	memset(&row, 0, sizeof(row));
	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	row.start_ns = 10ULL * 1000000000ULL;
	row.end_ns = row.start_ns + 1999999999ULL;	/* 1.999 s: 1 */
	row.proto = 6;
	row.service = (uint8_t)kdd_service_find("http");
	row.flag = KDD_SF;
	row.src_bytes = 181;
	row.dst_bytes = 5450;
	row.content[KDD_F_LOGGED_IN] = 1;
	t.count = 8;
	t.srv_count = 8;
	t.same_srv_rate = 1;
	t.dst_host_count = 9;
	t.dst_host_srv_count = 9;
	t.dst_host_same_srv_rate = 1;
	t.dst_host_same_src_port_rate = 1.0 / 9;
	o.pure = 1;
	o.label = "normal.";
	fp = open_memstream(&buf, &len);
	nf_csv_init(&csv, fp);
	kdd_row_write(&csv, &o, &row, &t);
	fclose(fp);
	ck_assert_str_eq(buf, "1,tcp,http,SF,181,5450,0,0,0,0,0,1,0,0,0,0,"
	    "0,0,0,0,0,0,8,8,0.00,0.00,0.00,0.00,1.00,0.00,0.00,9,9,1.00,"
	    "0.00,0.11,0.00,0.00,0.00,0.00,0.00,normal.\n");
	free(buf);
	/* darpa29: features 1-10 and 23-41 = 29 + label. */
	buf = NULL;
	o.darpa29 = 1;
	fp = open_memstream(&buf, &len);
	nf_csv_init(&csv, fp);
	kdd_row_write(&csv, &o, &row, &t);
	fclose(fp);
	ck_assert_str_eq(buf, "1,tcp,http,SF,181,5450,0,0,0,0,"
	    "8,8,0.00,0.00,0.00,0.00,1.00,0.00,0.00,9,9,1.00,"
	    "0.00,0.11,0.00,0.00,0.00,0.00,0.00,normal.\n");
	free(buf);
}
END_TEST

/* The text of "%.2f" for v, compared with kdd_fmt_rate2's. */
static void
rate_is_printf(double v)
{
	char want[32], got[8];

	snprintf(want, sizeof(want), "%.2f", v);
	ck_assert_uint_eq(kdd_fmt_rate2(v, got), 4);
	got[4] = '\0';
	if (strcmp(got, want) != 0)
		ck_abort_msg("%.17g: got %s, printf %s", v, got, want);
}

START_TEST(test_rate2)
{
	/* Every rate of counts up to 1000 (the windows' ratios), the
	 * doubles next to every .xx5 tie, and random doubles in [0, 1]:
	 * the same text as printf, which rounds the binary value (0.125
	 * is an exact tie, to even: 0.12; 0.145 is 0.14499..: 0.14). */
	char buf[8];
	uint64_t x = 88172645463325252ULL;
	unsigned num, den, k;
	double t;
	int i;

	for (den = 1; den <= 1000; den++)
		for (num = 0; num <= den; num++)
			rate_is_printf((double)num / den);
	for (k = 0; k < 100; k++) {
		t = (2.0 * k + 1) / 200;
		rate_is_printf(t);
		rate_is_printf(nextafter(t, 0));
		rate_is_printf(nextafter(t, 1));
		rate_is_printf(t * 100 / 100);
	}
	for (i = 0; i < 1000000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		rate_is_printf((double)(x >> 11) / (double)(1ULL << 53));
	}
	rate_is_printf(1.0);
	rate_is_printf(0.0);
	rate_is_printf(nextafter(1.0, 0));
	rate_is_printf(4.9e-324);
	/* Outside [0, 1]: not a rate, nothing written. */
	ck_assert_uint_eq(kdd_fmt_rate2(-0.01, buf), 0);
	ck_assert_uint_eq(kdd_fmt_rate2(1.01, buf), 0);
	ck_assert_uint_eq(kdd_fmt_rate2(NAN, buf), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kdd_window");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sequence);
	tcase_add_test(tc, test_diff_complement_and_keys);
	tcase_add_test(tc, test_caps);
	tcase_add_test(tc, test_pure_row);
	tcase_add_test(tc, test_rate2);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
