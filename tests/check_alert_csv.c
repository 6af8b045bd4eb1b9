/* check_alert_csv.c: unit tests for the alert_csv parser (alert_csv.c). */
#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert_csv.h"
#include "alert_text.h"

/*
 * Lines written for the tests from the documented field orders (see
 * alert_csv.h).  2020-01-27T16:01:04Z = 1580140864 (worked out in
 * check_alert.c).
 */
#define T0	1580140864ULL

static struct nf_tsctx tc;
static struct nf_acsv cs;

static void
setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	nf_tsctx_init(&tc, 2020, 0, 12);
	ck_assert_int_eq(nf_acsv_init(&cs), 0);
}

static void
teardown(void)
{
	nf_acsv_free(&cs);
}

static int
line(const char *l, struct nf_alert *a)
{
	char err[256];

	return nf_acsv_line(&cs, l, strlen(l), &tc, a, err, sizeof(err));
}

static void
ck_addr(const uint8_t *got, const char *want)
{
	uint8_t a[16];
	int v6;

	memset(a, 0, sizeof(a));
	v6 = strchr(want, ':') != NULL;
	ck_assert_int_eq(inet_pton(v6 ? AF_INET6 : AF_INET, want, a), 1);
	ck_assert_mem_eq(got, a, v6 ? 16 : 4);
}

START_TEST(test_snort2_default)
{
	struct nf_alert a;

	ck_assert_int_eq(line("01/27-16:01:04.877970 ,1,2000001,3,\"ET TEST, "
	    "quoted \"\"x\"\"\",TCP,10.0.2.2,56642,10.0.2.15,22,"
	    "52:54:00:12:35:02,08:00:27:7F:93:2D,0x4E,***AP***,0x9AFF3D7,"
	    "0xC8761D52,,0xFFFF,64,0,59677,64,65536,,,,", &a), NF_LINE_ALERT);
	ck_assert_str_eq(cs.layout, "snort2 default");
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL + 877970000ULL);
	ck_assert_uint_eq(a.gid, 1);
	ck_assert_uint_eq(a.sid, 2000001);
	ck_assert_uint_eq(a.rev, 3);
	ck_assert_str_eq(a.msg, "ET TEST, quoted \"x\"");
	ck_assert_int_eq(a.proto, 6);
	ck_addr(a.src, "10.0.2.2");
	ck_assert_uint_eq(a.sport, 56642);
	ck_assert_uint_eq(a.dport, 22);
	ck_assert_int_eq(a.has_priority, 0);
	/* ICMP: empty port fields, ICMP fields at the end. */
	ck_assert_int_eq(line("01/27-16:01:04.000001 ,1,408,5,\"ICMP Echo "
	    "Reply\",ICMP,10.0.0.1,,10.0.0.2,,,,,,,,,,64,0,1,84,20,0,0,1,1",
	    &a), NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 1);
	ck_assert_int_eq(a.has_ports, 0);
	/* Wrong field count once the layout is known. */
	ck_assert_int_eq(line("01/27-16:01:04.000001 ,1,408,5,\"x\",ICMP",
	    &a), NF_LINE_BAD);
}
END_TEST

START_TEST(test_snort3_default)
{
	struct nf_alert a;

	ck_assert_int_eq(line("01/27-16:01:04.877970, 5, TCP, stream_tcp, 17, "
	    "S2C, 10.0.0.3:20000, 10.0.0.8:2789, 1:2:1, allow", &a),
	    NF_LINE_ALERT);
	ck_assert_str_eq(cs.layout, "snort3 default");
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL + 877970000ULL);
	ck_assert_uint_eq(a.sid, 2);
	ck_addr(a.src, "10.0.0.3");
	ck_assert_uint_eq(a.sport, 20000);
	ck_assert_uint_eq(a.dport, 2789);
	ck_assert_int_eq(line("01/27-16:01:04.877970, 6, UDP, raw, 48, C2S, "
	    "2001:db8::1:53, 2001:db8::2:1053, 1:3:1, allow", &a),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.ip_version, 6);
	ck_addr(a.dst, "2001:db8::2");
	ck_assert_uint_eq(a.dport, 1053);
	ck_assert_int_eq(line("01/27-16:01:04.877970, 7, ICMP, raw, 84, UNK, "
	    "10.4.10.182:0, 10.4.35.11:0, 1:1:0, allow", &a), NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 1);
	/* Trace output Snort mixes into stdout. */
	ck_assert_int_eq(line(" process: 102: third party packet parsing", &a),
	    NF_LINE_SKIP);
	ck_assert_int_eq(line("", &a), NF_LINE_SKIP);
	ck_assert_int_eq(line("Evt=1, Gid=1, Sid=1, Rev=0, Act=alert", &a),
	    NF_LINE_BAD);
	/* Broken fields. */
	ck_assert_int_eq(line("01/27-16:01:04.877970, 8, XYZ, raw, 84, UNK, "
	    "10.0.0.1:1, 10.0.0.2:2, 1:1:0, allow", &a), NF_LINE_BAD);
	ck_assert_int_eq(line("01/27-16:01:04.877970, 8, TCP, raw, 84, UNK, "
	    "10.0.0.1:1, 10.0.0.2:2, 1:1, allow", &a), NF_LINE_ALERT);
	ck_assert_int_eq(line("01/27-16:01:04.877970, 8, TCP, raw, 84, UNK, "
	    "10.0.0.1:1, 10.0.0.2:2, 1:a:0, allow", &a), NF_LINE_BAD);
	ck_assert_int_eq(line("99/27-16:01:04.877970, 8, TCP, raw, 84, UNK, "
	    "10.0.0.1:1, 10.0.0.2:2, 1:1:0, allow", &a), NF_LINE_BAD);
	ck_assert_int_eq(line("01/27-16:01:04.877970, 8, TCP, raw, 84, UNK, "
	    "10.0.0.1:1, 10.0.0.2:2, 1:1:0, \"allow", &a), NF_LINE_BAD);
	ck_assert_int_eq(line("01/27-16:01:04.877970, 8, TCP, raw, 84, UNK, "
	    "10.0.0.1:1, 10.0.0.2:2, 1:1:0, al\"low", &a), NF_LINE_BAD);
	/* The parser recovers after a syntax error. */
	ck_assert_int_eq(line("01/27-16:01:04.877970, 9, UDP, raw, 84, UNK, "
	    "10.0.0.1:1, 10.0.0.2:2, 1:9:0, allow", &a), NF_LINE_ALERT);
	ck_assert_uint_eq(a.sid, 9);
}
END_TEST

START_TEST(test_inferred)
{
	struct nf_alert a;

	/* Snort 3 fields without timestamp (the snort3 variables test). */
	ck_assert_int_eq(line(" 1, UDP, raw, 28, C2S, 1.1.1.1:48620, "
	    "1.1.1.2:10, 1:2:0, allow", &a), NF_LINE_ALERT);
	ck_assert_str_eq(cs.layout, "inferred");
	ck_assert_int_eq(a.has_ts, 0);
	ck_assert_uint_eq(a.sid, 2);
	ck_assert_int_eq(a.proto, 17);
	ck_addr(a.dst, "1.1.1.2");
	ck_assert_uint_eq(a.dport, 10);
	/* Nothing to infer from. */
	nf_acsv_free(&cs);
	nf_acsv_init(&cs);
	ck_assert_int_eq(line("a, b, c", &a), NF_LINE_BAD);
}
END_TEST

START_TEST(test_header_row)
{
	struct nf_alert a;

	ck_assert_int_eq(line("timestamp,sig_generator,sig_id,sig_rev,msg,"
	    "proto,src,srcport,dst,dstport", &a), NF_LINE_SKIP);
	ck_assert_str_eq(cs.layout, "header row");
	ck_assert_int_eq(line("01/27-16:01:04.5 ,1,7,2,\"m\",UDP,10.0.0.1,53,"
	    "10.0.0.2,1053", &a), NF_LINE_ALERT);
	ck_assert_uint_eq(a.sid, 7);
	ck_assert_uint_eq(a.dport, 1053);
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL + 500000000ULL);
}
END_TEST

START_TEST(test_custom_fields)
{
	struct nf_alert a;
	char err[128];

	ck_assert_int_eq(nf_acsv_set_fields(&cs, "gid sid rev msg src_addr "
	    "dst_addr proto seconds timestamp class priority", err,
	    sizeof(err)), 0);
	/* seconds give the epoch, the timestamp only the fraction. */
	ck_assert_int_eq(line("1, 2, 3, \"m\", 10.0.0.1, 10.0.0.2, ICMP, "
	    "1580140864, 12/31-23:59:59.5, A Network Trojan was detected, 2",
	    &a), NF_LINE_ALERT);
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL + 500000000ULL);
	ck_assert_str_eq(a.classification, "A Network Trojan was detected");
	ck_assert_uint_eq(a.priority, 2);
	ck_assert_int_eq(a.has_ports, 0);
	ck_assert_int_eq(line("1, 2, 3, \"m\", 10.0.0.1, 10.0.0.2, ICMP, "
	    "1580140864, 12/31-23:59:59.5, none, 2", &a), NF_LINE_ALERT);
	ck_assert_str_eq(a.classification, "");
	ck_assert_int_eq(line("1, 2, 3, \"m\", 10.0.0.1, 2001:db8::1, ICMP, "
	    "1580140864, 12/31-23:59:59.5, none, 2", &a), NF_LINE_BAD);
	ck_assert_int_eq(nf_acsv_set_fields(&cs, "gid,bogus", err,
	    sizeof(err)), -1);
	ck_assert_ptr_ne(strstr(err, "bogus"), NULL);
	ck_assert_int_eq(nf_acsv_set_fields(&cs, "snort2", err, sizeof(err)),
	    0);
	ck_assert_int_eq(cs.nf, 27);
}
END_TEST

START_TEST(test_sniff)
{
	static const char ok[] = "01/27-16:01:04.877970, 5, TCP, raw, 17, "
	    "S2C, 10.0.0.3:20000, 10.0.0.8:2789, 1:2:1, allow";
	static const char no[] = "Evt=1, Gid=1, Sid=1";

	ck_assert_int_eq(nf_acsv_sniff(ok, strlen(ok), &tc), 1);
	ck_assert_int_eq(nf_acsv_sniff(no, strlen(no), &tc), 0);
}
END_TEST

int
main(void)
{
	Suite *s;
	TCase *t;
	SRunner *sr;
	int nfail;

	s = suite_create("alert_csv");
	t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, test_snort2_default);
	tcase_add_test(t, test_snort3_default);
	tcase_add_test(t, test_inferred);
	tcase_add_test(t, test_header_row);
	tcase_add_test(t, test_custom_fields);
	tcase_add_test(t, test_sniff);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
