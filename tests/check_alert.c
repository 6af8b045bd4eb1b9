/* check_alert.c: unit tests for the alert record, timestamps and text parsers (alert.c, alert_time.c, alert_text.c). */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert.h"
#include "alert_text.h"
#include "alert_time.h"
#include "csvout.h"

/*
 * Sample lines are written for these tests from the formats as Snort 2/3
 * and Suricata document and print them (alert_fast, alert_full, fast.log).
 * Epoch values are worked out by hand: 2020-01-01T00:00Z is day 18262
 * (1577836800); 2020-01-27 is day 18288, so 2020-01-27T16:01:04Z =
 * 18288 * 86400 + 16 * 3600 + 60 + 4 = 1580140864.
 */
#define T_0127_160104	1580140864ULL

static struct nf_tsctx tc;

static void
setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	nf_tsctx_init(&tc, 2020, 0, 12);
}

static int
fast(const char *l, struct nf_alert *a)
{
	char err[256];

	return nf_fast_line(l, strlen(l), &tc, a, err, sizeof(err));
}

static void
ck_addr(int v, const uint8_t *got, const char *want)
{
	uint8_t a[16];

	memset(a, 0, sizeof(a));
	ck_assert_int_eq(inet_pton(v == 6 ? AF_INET6 : AF_INET, want, a), 1);
	ck_assert_mem_eq(got, a, v == 6 ? 16 : 4);
}

START_TEST(test_fast_snort2)
{
	struct nf_alert a;

	ck_assert_int_eq(fast("01/27-16:01:04.877970  [**] [1:2000001:3] ET "
	    "TEST msg, with comma [**] [Classification: Attempted "
	    "Administrator Privilege Gain] [Priority: 1] {TCP} "
	    "10.0.2.2:56642 -> 10.0.2.15:22", &a), NF_LINE_ALERT);
	ck_assert_uint_eq(a.ts_ns, T_0127_160104 * 1000000000ULL +
	    877970000ULL);
	ck_assert_uint_eq(a.gid, 1);
	ck_assert_uint_eq(a.sid, 2000001);
	ck_assert_uint_eq(a.rev, 3);
	ck_assert_str_eq(a.msg, "ET TEST msg, with comma");
	ck_assert_str_eq(a.classification,
	    "Attempted Administrator Privilege Gain");
	ck_assert_int_eq(a.has_priority, 1);
	ck_assert_uint_eq(a.priority, 1);
	ck_assert_int_eq(a.proto, 6);
	ck_assert_int_eq(a.ip_version, 4);
	ck_addr(4, a.src, "10.0.2.2");
	ck_addr(4, a.dst, "10.0.2.15");
	ck_assert_uint_eq(a.sport, 56642);
	ck_assert_uint_eq(a.dport, 22);
	ck_assert_int_eq(a.has_ports, 1);
}
END_TEST

START_TEST(test_fast_icmp_noports)
{
	struct nf_alert a;

	ck_assert_int_eq(fast("01/27-16:01:04.000001  [**] [1:408:5] ICMP "
	    "Echo Reply [**] [Classification: Misc activity] [Priority: 3] "
	    "{ICMP} 10.0.0.1 -> 10.0.0.2", &a), NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 1);
	ck_assert_int_eq(a.has_ports, 0);
	ck_assert_uint_eq(a.ts_ns, T_0127_160104 * 1000000000ULL + 1000);
	ck_addr(4, a.dst, "10.0.0.2");
}
END_TEST

START_TEST(test_fast_proto255)
{
	struct nf_alert a;

	ck_assert_int_eq(fast("01/27-16:01:04.5  [**] [116:1:1] (snort "
	    "decoder) unknown [**] [Priority: 3] {PROTO:255} 10.0.0.1 -> "
	    "10.0.0.2", &a), NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 255);
	ck_assert_uint_eq(a.ts_ns % 1000000000ULL, 500000000ULL);
	ck_assert_str_eq(a.classification, "");
	ck_assert_int_eq(fast("01/27-16:01:04.5  [**] [116:1:1] gre [**] "
	    "[Priority: 3] {PROTO:047} 10.0.0.1 -> 10.0.0.2", &a),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 47);
}
END_TEST

START_TEST(test_fast_ipv6)
{
	struct nf_alert a;

	/* Snort writes IPv6 endpoints as addr:port (port after the last
	 * colon) for TCP/UDP and bare addresses otherwise. */
	ck_assert_int_eq(fast("01/27-16:01:04.877970  [**] [1:1:1] six [**] "
	    "[Priority: 2] {TCP} 2001:db8::1:80 -> 2001:db8::2:1234", &a),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.ip_version, 6);
	ck_addr(6, a.src, "2001:db8::1");
	ck_addr(6, a.dst, "2001:db8::2");
	ck_assert_uint_eq(a.sport, 80);
	ck_assert_uint_eq(a.dport, 1234);
	ck_assert_int_eq(fast("01/27-16:01:04.877970  [**] [1:2:1] nd [**] "
	    "[Priority: 2] {IPV6-ICMP} fe80::1 -> ff02::1:2", &a),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 58);
	ck_addr(6, a.src, "fe80::1");
	ck_addr(6, a.dst, "ff02::1:2");
	ck_assert_int_eq(a.has_ports, 0);
	/* Snort 3 {IP}: no ports, so a whole IPv6 address stays whole. */
	ck_assert_int_eq(fast("01/27-16:01:04.877970  [**] [1:3:1] ip [**] "
	    "[Priority: 2] {IP} 2001:db8::1:2 -> 2001:db8::3", &a),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, -1);
	ck_addr(6, a.src, "2001:db8::1:2");
}
END_TEST

START_TEST(test_fast_snort3)
{
	struct nf_alert a;

	/* Snort 3: quoted message, action tag, no classification. */
	ck_assert_int_eq(fast("01/28-16:35:34.250963 [drop] [**] [1:1:0] "
	    "\"Inline script\" [**] [Priority: 0] [AppID: HTTP] {TCP} "
	    "1.1.1.1:8080 -> 1.1.1.2:47683", &a), NF_LINE_ALERT);
	ck_assert_str_eq(a.msg, "Inline script");
	ck_assert_uint_eq(a.priority, 0);
	ck_assert_uint_eq(a.dport, 47683);
	/* Snort 3 alert_ex: rule and message only. */
	ck_assert_int_eq(fast("1:19769:6 \"MALWARE-CNC x\"", &a),
	    NF_LINE_ALERT);
	ck_assert_int_eq(a.has_ts, 0);
	ck_assert_uint_eq(a.sid, 19769);
	ck_assert_str_eq(a.msg, "MALWARE-CNC x");
	ck_assert_int_eq(a.ip_version, 0);
}
END_TEST

START_TEST(test_fast_year_forms)
{
	struct nf_alert a;
	uint64_t want = T_0127_160104 * 1000000000ULL + 877970000ULL;

	/* snort -y (2-digit year) and Suricata (4-digit) with another year
	 * in the context: the year in the stamp wins. */
	nf_tsctx_init(&tc, 1999, 0, 12);
	ck_assert_int_eq(fast("01/27/20-16:01:04.877970  [**] [1:1:1] m [**] "
	    "[Priority: 1] {UDP} 1.2.3.4:53 -> 5.6.7.8:1053", &a),
	    NF_LINE_ALERT);
	ck_assert_uint_eq(a.ts_ns, want);
	ck_assert_int_eq(tc.missing_year, 0);
	ck_assert_int_eq(fast("01/27/2020-16:01:04.877970  [**] "
	    "[1:2013028:4] ET POLICY curl User-Agent Outbound [**] "
	    "[Classification: Attempted Information Leak] [Priority: 2] {TCP} "
	    "192.168.1.2:41232 -> 1.2.3.4:80", &a), NF_LINE_ALERT);
	ck_assert_uint_eq(a.ts_ns, want);
	ck_assert_str_eq(a.msg, "ET POLICY curl User-Agent Outbound");
	/* Suricata [Drop] tag; ICMP type/code in the port places. */
	ck_assert_int_eq(fast("01/27/2020-16:01:04.877970  [Drop] [**] "
	    "[1:5:1] drop it [**] [Classification: Misc] [Priority: 3] "
	    "{ICMP} 1.2.3.4:8 -> 5.6.7.8:0", &a), NF_LINE_ALERT);
	ck_assert_int_eq(a.proto, 1);
	ck_addr(4, a.src, "1.2.3.4");
	ck_assert_int_eq(fast("01/27/2020-16:01:04.877970  [**] [1:6:1] ns "
	    "[**] [Priority: 3] {IPv6-ICMP} fe80::1:135 -> ff02::1:0", &a),
	    NF_LINE_ALERT);
	ck_addr(6, a.src, "fe80::1");
	ck_addr(6, a.dst, "ff02::1");
}
END_TEST

START_TEST(test_missing_year)
{
	struct nf_alert a;

	/* Year from a file modified in January 2021: a December stamp is
	 * from 2020.  2021-01-01T00:00Z = 1609459200. */
	nf_tsctx_init(&tc, 2021, 1, 1);
	ck_assert_int_eq(fast("12/31-23:59:59.500000  [**] [1:1:1] m [**] "
	    "{UDP} 1.2.3.4:1 -> 5.6.7.8:2", &a), NF_LINE_ALERT);
	ck_assert_uint_eq(a.ts_ns, 1609459199500000000ULL);
	ck_assert_int_eq(tc.missing_year, 1);
	ck_assert_int_eq(fast("01/01-00:00:01.000000  [**] [1:1:1] m [**] "
	    "{UDP} 1.2.3.4:1 -> 5.6.7.8:2", &a), NF_LINE_ALERT);
	ck_assert_uint_eq(a.ts_ns, 1609459201000000000ULL);
}
END_TEST

START_TEST(test_tz)
{
	struct nf_tzsave sv;
	struct nf_tsctx c;
	uint64_t t;

	/* New York: EDT (UTC-4) in July, EST (UTC-5) in January.
	 * 2021-07-04 is day 18812 (18628 + 181 + 3): 1625356800 + 16 h;
	 * 2021-01-15 is day 18642: 1610668800 + 17 h. */
	ck_assert_int_eq(nf_tz_valid("America/New_York"), 1);
	ck_assert_int_eq(nf_tz_valid("Mars/Olympus_Mons"), 0);
	ck_assert_int_eq(nf_tz_valid("EST5EDT"), 1);
	ck_assert_int_eq(nf_tz_push("America/New_York", &sv), 0);
	nf_tsctx_init(&c, 2021, 0, 12);
	ck_assert_uint_gt(nf_snort_ts_parse("07/04-12:00:00.000000", 21, &c,
	    &t), 0);
	ck_assert_uint_eq(t, 1625414400ULL * 1000000000ULL);
	ck_assert_uint_gt(nf_snort_ts_parse("01/15-12:00:00.000000", 21, &c,
	    &t), 0);
	ck_assert_uint_eq(t, 1610730000ULL * 1000000000ULL);
	nf_tz_pop(&sv);
	ck_assert_str_eq(getenv("TZ"), "UTC");
}
END_TEST

START_TEST(test_iso8601)
{
	uint64_t t;

	/* 2020-01-27T17:01:04+0100 = 16:01:04Z. */
	ck_assert_uint_gt(nf_iso8601_parse("2020-01-27T17:01:04.877970+0100",
	    31, &tc, &t), 0);
	ck_assert_uint_eq(t, T_0127_160104 * 1000000000ULL + 877970000ULL);
	ck_assert_uint_gt(nf_iso8601_parse("2020-01-27T11:01:04.877970-05:00",
	    32, &tc, &t), 0);
	ck_assert_uint_eq(t, T_0127_160104 * 1000000000ULL + 877970000ULL);
	ck_assert_uint_gt(nf_iso8601_parse("2020-01-27T16:01:04Z", 20, &tc,
	    &t), 0);
	ck_assert_uint_eq(t, T_0127_160104 * 1000000000ULL);
	ck_assert_uint_eq(nf_iso8601_parse("2020-02-30T16:01:04Z", 20, &tc,
	    &t), 0);
	ck_assert_uint_eq(nf_iso8601_parse("2020-01-27", 10, &tc, &t), 0);
}
END_TEST

/* Lines that are not alerts (SKIP) and broken alert lines (BAD). */
static const struct {
	const char	*line;
	int		 want;
} odd[] = {
	{ "", NF_LINE_SKIP },
	{ "P0:js_norm:proc:1: opening tag at 73 offset", NF_LINE_SKIP },
	{ "Trace started at Tue Jul 10 07:10:41 2018", NF_LINE_SKIP },
	{ "13/45-16:01:04.877970  [**] [1:1:1] m [**] {TCP} 1.2.3.4:1 -> "
	    "5.6.7.8:2", NF_LINE_SKIP },
	{ "01/27-16:01:04.877970 10.0.0.1 -> 10.0.0.2", NF_LINE_SKIP },
	{ "01/27-16:01:04.877970  [**] [1:x:3] m [**] {TCP} 1.2.3.4:1 -> "
	    "5.6.7.8:2", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] [Priority: 1] 1.2.3.4 "
	    "-> 5.6.7.8", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] {TCP} 1.2.3.4:1 -> "
	    "nowhere", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] {TCP} 1.2.3.4:1 5.6.7.8",
	    NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] [Priority: high] {TCP} "
	    "1.2.3.4:1 -> 5.6.7.8:2", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] no closing tag {TCP} "
	    "1.2.3.4:1 -> 5.6.7.8:2", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] {BOGUS} 1.2.3.4:1 -> "
	    "5.6.7.8:2", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] {TCP} 1.2.3.4:1 -> "
	    "2001:db8::1:2", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] {TCP} 1.2.3.4:99999 -> "
	    "5.6.7.8:2", NF_LINE_BAD },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] {IP} 1.2.3.4 -> "
	    "5.6.7.8", NF_LINE_ALERT },
	{ "01/27-16:01:04.877970  [**] [1:2:3] m [**] {PDU} 1.2.3.4:80 -> "
	    "5.6.7.8:1234", NF_LINE_ALERT },
};

START_TEST(test_fast_odd)
{
	struct nf_alert a;

	ck_assert_msg(fast(odd[_i].line, &a) == odd[_i].want,
	    "'%s': expected %d", odd[_i].line, odd[_i].want);
}
END_TEST

/* Feed a whole alert_full text; collect alerts and bad blocks. */
static int
full(const char *text, struct nf_alert *out, int max, int *nbad)
{
	struct nf_full f;
	struct nf_alert a;
	const char *p, *nl;
	char err[256];
	unsigned long line;
	int n, rc;

	nf_full_init(&f);
	n = 0;
	*nbad = 0;
	line = 0;
	for (p = text; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		line++;
		rc = nf_full_line(&f, p, (size_t)(nl - p), line, &tc, &a, err,
		    sizeof(err));
		if (rc == NF_LINE_ALERT && n < max)
			out[n++] = a;
		else if (rc == NF_LINE_BAD)
			(*nbad)++;
	}
	rc = nf_full_end(&f, &a, err, sizeof(err));
	if (rc == NF_LINE_ALERT && n < max)
		out[n++] = a;
	else if (rc == NF_LINE_BAD)
		(*nbad)++;
	return n;
}

START_TEST(test_full)
{
	static const char text[] =
	    "[**] [1:1000001:1] ICMP test [**]\n"
	    "[Classification: Generic ICMP event] [Priority: 3]\n"
	    "01/27-16:01:04.877970 10.0.2.2 -> 10.0.2.15\n"
	    "ICMP TTL:64 TOS:0x0 ID:59677 IpLen:20 DgmLen:84\n"
	    "Type:8  Code:0  ID:1  Seq:1  ECHO\n"
	    "[Xref => http://www.example.com/]\n"
	    "\n"
	    "[**] [1:2000:2] \"TCP six\" [**]\n"
	    "[Priority: 2]\n"
	    "01/27-16:01:05.000000 2001:db8::1:80 -> 2001:db8::2:1234\n"
	    "TCP TTL:64 TOS:0x0 ID:0 IpLen:40 DgmLen:60\n"
	    "***A**** Seq: 0x1  Ack: 0x2  Win: 0x3  TcpLen: 20\n"
	    "\n"
	    "[**] [1:3:1] snort -e [**]\n"
	    "[Priority: 1]\n"
	    "01/27-16:01:06.000000 00:11:22:33:44:55 -> 66:77:88:99:AA:BB "
	    "type:0x800 len:0x3C\n"
	    "10.0.0.1:1 -> 10.0.0.2:2 UDP TTL:64 TOS:0x0 ID:1 IpLen:20 "
	    "DgmLen:28\n"
	    "Len: 0\n"
	    "\n"
	    "[**] [1:4:1] broken, no timestamp [**]\n"
	    "[Priority: 1]\n"
	    "\n"
	    "[**] [1:5:1] fragment of unknown protocol [**]\n"
	    "01/27-16:01:07.000000 10.0.0.1 -> 10.0.0.2\n"
	    "PROTO:255 TTL:64 TOS:0x0 ID:1 IpLen:20 DgmLen:28\n";
	struct nf_alert a[8];
	int n, nbad;

	n = full(text, a, 8, &nbad);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(nbad, 1);
	ck_assert_uint_eq(a[0].sid, 1000001);
	ck_assert_str_eq(a[0].msg, "ICMP test");
	ck_assert_str_eq(a[0].classification, "Generic ICMP event");
	ck_assert_uint_eq(a[0].priority, 3);
	ck_assert_int_eq(a[0].proto, 1);
	ck_assert_int_eq(a[0].has_ports, 0);
	ck_assert_uint_eq(a[0].ts_ns, T_0127_160104 * 1000000000ULL +
	    877970000ULL);
	ck_assert_str_eq(a[1].msg, "TCP six");
	ck_assert_int_eq(a[1].proto, 6);
	ck_addr(6, a[1].src, "2001:db8::1");
	ck_assert_uint_eq(a[1].sport, 80);
	ck_assert_uint_eq(a[1].dport, 1234);
	ck_assert_int_eq(a[2].proto, 17);
	ck_addr(4, a[2].dst, "10.0.0.2");
	ck_assert_uint_eq(a[2].dport, 2);
	ck_assert_uint_eq(a[2].ts_ns, (T_0127_160104 + 2) * 1000000000ULL);
	ck_assert_int_eq(a[3].proto, 255);
	ck_assert_int_eq(a[3].has_priority, 0);
}
END_TEST

START_TEST(test_endpoint_rule)
{
	uint8_t a[16];
	uint16_t port;
	int hp;
	struct nf_alert r;

	ck_assert_int_eq(nf_endpoint_parse("[2001:db8::1]:443", 17, 1, a,
	    &port, &hp), 6);
	ck_assert_uint_eq(port, 443);
	ck_assert_int_eq(nf_endpoint_parse("::1", 3, 1, a, &port, &hp), 6);
	ck_assert_int_eq(hp, 0);
	ck_assert_int_eq(nf_endpoint_parse("10.0.0.1:", 9, 1, a, &port, &hp),
	    0);
	ck_assert_int_eq(nf_rule_parse("1:2", 3, &r), 0);
	ck_assert_int_eq(r.has_rev, 0);
	ck_assert_int_eq(nf_rule_parse("1:2:3:4", 7, &r), -1);
	ck_assert_int_eq(nf_rule_parse("4294967296:1:1", 14, &r), -1);
	ck_assert_int_eq(nf_proto_parse("udp", 3), 17);
	ck_assert_int_eq(nf_proto_parse("256", 3), -1);
	ck_assert_int_eq(nf_proto_parse("IP", 2), -1);
}
END_TEST

/* The CSV row, with and without HOME_NET. */
START_TEST(test_csv_row)
{
	struct nf_cidrset home;
	struct nf_csv c;
	struct nf_alert a;
	char *buf, err[64];
	size_t len;
	FILE *fp;

	nf_cidrset_init(&home);
	ck_assert_int_eq(nf_cidrset_parse(&home, "10.0.0.0/8", NULL, NULL,
	    err, sizeof(err)), 0);
	fp = open_memstream(&buf, &len);
	nf_csv_init(&c, fp);
	nf_alert_csv_header(&c);
	ck_assert_int_eq(fast("01/27-16:01:04.877970  [**] [1:2000001:3] "
	    "say \"hi\", world [**] [Priority: 1] {TCP} 10.0.2.2:56642 -> "
	    "8.8.8.8:53", &a), NF_LINE_ALERT);
	nf_alert_csv_row(&c, &a, &home);
	ck_assert_int_eq(fast("01/27-16:01:04.000001  [**] [1:408:5] ping "
	    "[**] {ICMP} 10.0.0.1 -> 10.0.0.2", &a), NF_LINE_ALERT);
	nf_alert_csv_row(&c, &a, NULL);
	ck_assert_int_eq(fast("01/27-16:01:04.000001  [**] [1:9:1] raw "
	    "[**] {PROTO:255} 10.0.0.1 -> 11.0.0.2", &a), NF_LINE_ALERT);
	nf_alert_csv_row(&c, &a, &home);
	fclose(fp);
	ck_assert_str_eq(buf,
	    "ts,gid,sid,rev,msg,classification,priority,proto,src_ip,"
	    "src_port,dst_ip,dst_port,is_src_internal,is_dst_internal\n"
	    "1580140864.877970,1,2000001,3,\"say \"\"hi\"\", world\",,1,TCP,"
	    "10.0.2.2,56642,8.8.8.8,53,1,0\n"
	    "1580140864.000001,1,408,5,ping,,,ICMP,10.0.0.1,,10.0.0.2,,,\n"
	    "1580140864.000001,1,9,1,raw,,,255,10.0.0.1,,11.0.0.2,,1,0\n");
	free(buf);
	nf_cidrset_free(&home);
}
END_TEST

int
main(void)
{
	Suite *s;
	TCase *tc_core;
	SRunner *sr;
	int nfail;

	s = suite_create("alert");
	tc_core = tcase_create("core");
	tcase_add_checked_fixture(tc_core, setup, NULL);
	tcase_add_test(tc_core, test_fast_snort2);
	tcase_add_test(tc_core, test_fast_icmp_noports);
	tcase_add_test(tc_core, test_fast_proto255);
	tcase_add_test(tc_core, test_fast_ipv6);
	tcase_add_test(tc_core, test_fast_snort3);
	tcase_add_test(tc_core, test_fast_year_forms);
	tcase_add_test(tc_core, test_missing_year);
	tcase_add_test(tc_core, test_tz);
	tcase_add_test(tc_core, test_iso8601);
	tcase_add_loop_test(tc_core, test_fast_odd, 0,
	    (int)(sizeof(odd) / sizeof(odd[0])));
	tcase_add_test(tc_core, test_full);
	tcase_add_test(tc_core, test_endpoint_rule);
	tcase_add_test(tc_core, test_csv_row);
	suite_add_tcase(s, tc_core);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
