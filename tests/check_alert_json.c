/* check_alert_json.c: unit tests for the JSON alert parsers (alert_json.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert_json.h"
#include "alert_text.h"
#include "check_util.h"

/*
 * Objects written for the tests from the Snort 3 alert_json field list and
 * Suricata's eve.json alert event layout.  2020-01-27T16:01:04Z =
 * 1580140864 (see check_alert.c).
 */
#define T0	1580140864ULL

static struct nf_tsctx tc;

static void
setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	nf_tsctx_init(&tc, 2020, 0, 12);
}

static int
js(const char *l, struct nf_alert *a, int *kind)
{
	char err[256];

	return nf_json_line(l, strlen(l), &tc, a, kind, err, sizeof(err));
}

START_TEST(test_snort3)
{
	struct nf_alert a;
	int kind;

	ck_assert_int_eq(js("{ \"seconds\" : 1580140864, \"timestamp\" : "
	    "\"01/27-16:01:04.877970\", \"gid\" : 1, \"sid\" : 2, \"rev\" : 3, "
	    "\"msg\" : \"m, \\\"q\\\"\", \"class\" : \"none\", \"priority\" : 2, "
	    "\"proto\" : \"TCP\", \"src_addr\" : \"10.0.0.1\", \"src_port\" : "
	    "1234, \"dst_addr\" : \"10.0.0.2\", \"dst_port\" : 80 }", &a, &kind),
	    NF_LINE_ALERT);
	ck_assert_int_eq(kind, NF_JSON_SNORT3);
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL + 877970000ULL);
	ck_assert_uint_eq(a.sid, 2);
	ck_assert_uint_eq(a.rev, 3);
	ck_assert_str_eq(a.msg, "m, \"q\"");
	ck_assert_str_eq(a.classification, "");
	ck_assert_uint_eq(a.priority, 2);
	ck_assert_uint_eq(a.sport, 1234);
	nf_ck_addr(a.dst, "10.0.0.2");
	ck_assert_int_eq(tc.missing_year, 0);

	/* rule and src_ap/dst_ap only; IPv6; year from the context. */
	ck_assert_int_eq(js("{\"rule\": \"1:5:2\", \"timestamp\": "
	    "\"01/27-16:01:04.000001\", \"proto\": \"UDP\", \"src_ap\": "
	    "\"2001:db8::1:53\", \"dst_ap\": \"2001:db8::2:1053\", \"msg\": "
	    "\"six\"}", &a, &kind), NF_LINE_ALERT);
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL + 1000);
	ck_assert_int_eq(tc.missing_year, 1);
	ck_assert_uint_eq(a.sid, 5);
	ck_assert_int_eq(a.ip_version, 6);
	nf_ck_addr(a.src, "2001:db8::1");
	ck_assert_uint_eq(a.dport, 1053);

	/* ICMP: ports absent. */
	ck_assert_int_eq(js("{\"gid\":1,\"sid\":7,\"rev\":1,\"seconds\":"
	    "1580140864,\"proto\":\"ICMP\",\"src_addr\":\"10.0.0.1\","
	    "\"dst_addr\":\"10.0.0.2\",\"src_ap\":\"10.0.0.1:0\"}", &a, &kind),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.has_ports, 0);
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL);
}
END_TEST

START_TEST(test_eve)
{
	struct nf_alert a;
	int kind;

	ck_assert_int_eq(js("{\"timestamp\":\"2020-01-27T17:01:04.877970+0100\","
	    "\"flow_id\":1,\"event_type\":\"alert\",\"src_ip\":\"192.168.1.2\","
	    "\"src_port\":41232,\"dest_ip\":\"1.2.3.4\",\"dest_port\":80,"
	    "\"proto\":\"TCP\",\"alert\":{\"action\":\"allowed\",\"gid\":1,"
	    "\"signature_id\":2013028,\"rev\":4,\"signature\":\"ET POLICY "
	    "curl\",\"category\":\"Attempted Information Leak\","
	    "\"severity\":2}}", &a, &kind), NF_LINE_ALERT);
	ck_assert_int_eq(kind, NF_JSON_EVE);
	ck_assert_uint_eq(a.ts_ns, T0 * 1000000000ULL + 877970000ULL);
	ck_assert_uint_eq(a.sid, 2013028);
	ck_assert_uint_eq(a.rev, 4);
	ck_assert_str_eq(a.msg, "ET POLICY curl");
	ck_assert_str_eq(a.classification, "Attempted Information Leak");
	ck_assert_uint_eq(a.priority, 2);
	ck_assert_uint_eq(a.sport, 41232);
	nf_ck_addr(a.dst, "1.2.3.4");

	ck_assert_int_eq(js("{\"timestamp\":\"2020-01-27T16:01:04.000000Z\","
	    "\"event_type\":\"alert\",\"src_ip\":\"fe80::1\",\"dest_ip\":"
	    "\"ff02::1\",\"proto\":\"IPv6-ICMP\",\"icmp_type\":135,"
	    "\"alert\":{\"signature_id\":9,\"signature\":\"ns\"}}", &a, &kind),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 58);
	ck_assert_uint_eq(a.gid, 1);
	ck_assert_int_eq(a.has_ports, 0);

	/* Other event types are skipped and reported as eve. */
	ck_assert_int_eq(js("{\"timestamp\":\"2020-01-27T16:01:04Z\","
	    "\"event_type\":\"dns\",\"dns\":{}}", &a, &kind), NF_LINE_SKIP);
	ck_assert_int_eq(kind, NF_JSON_EVE);
}
END_TEST

static const char *const badjson[] = {
	"not json",
	"[1, 2]",
	"{\"event_type\":\"alert\"}",
	"{\"event_type\":\"alert\",\"timestamp\":\"yesterday\",\"alert\":{}}",
	"{\"event_type\":\"alert\",\"timestamp\":\"2020-01-27T16:01:04Z\"}",
	"{\"event_type\":\"alert\",\"timestamp\":\"2020-01-27T16:01:04Z\","
	    "\"alert\":{\"signature_id\":\"x\"}}",
	"{\"event_type\":5}",
	"{\"gid\":1}",
	"{\"gid\":1,\"sid\":-2}",
	"{\"rule\":\"1:2:3\",\"proto\":\"FOO\"}",
	"{\"rule\":\"1:2:3\",\"src_addr\":\"10.0.0.1\"}",
	"{\"rule\":\"1:2:3\",\"src_addr\":\"10.0.0.1\",\"dst_addr\":\"::1\"}",
	"{\"rule\":\"1:2:3\",\"src_addr\":\"10.0.0.1\",\"src_port\":70000,"
	    "\"dst_addr\":\"10.0.0.2\"}",
	"{\"rule\":\"1:2:3\",\"msg\":5}",
	"{\"rule\":\"1:2:3\",\"timestamp\":\"bad\"}",
	"{\"rule\":\"1:2:3\"",
};

START_TEST(test_bad)
{
	struct nf_alert a;
	int kind;

	ck_assert_msg(js(badjson[_i], &a, &kind) == NF_LINE_BAD, "'%s' not bad",
	    badjson[_i]);
}
END_TEST

START_TEST(test_sniff)
{
	static const char eve[] = "{\"timestamp\":\"x\",\"event_type\":"
	    "\"flow\"}";
	static const char s3[] = "{\"rule\":\"1:2:3\"}";

	ck_assert_int_eq(nf_json_sniff(eve, strlen(eve)), NF_JSON_EVE);
	ck_assert_int_eq(nf_json_sniff(s3, strlen(s3)), NF_JSON_SNORT3);
	ck_assert_int_eq(nf_json_sniff("{\"a\":1}", 7), 0);
	ck_assert_int_eq(nf_json_sniff("x", 1), 0);
}
END_TEST

int
main(void)
{
	Suite *s;
	TCase *t;

	s = suite_create("alert_json");
	t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, test_snort3);
	tcase_add_test(t, test_eve);
	tcase_add_loop_test(t, test_bad, 0,
	    (int)(sizeof(badjson) / sizeof(badjson[0])));
	tcase_add_test(t, test_sniff);
	suite_add_tcase(s, t);
	return nf_check_run(s);
}
