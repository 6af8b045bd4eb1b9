/* check_label.c: unit tests for the alert index and matching (label.c) and the feature/alert/rule CSV side (labelcsv.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "labelcsv.h"
#include "check_util.h"

/*
 * Expected epoch values were computed with Python's calendar.timegm (an
 * independent implementation), e.g. timegm((2017,7,3,11,55,58)) =
 * 1499082958; the rest by hand from the cases' definitions.
 */

#define T0	1499082958000000LL	/* 2017-07-03T11:55:58Z in us */

START_TEST(test_time_forms)
{
	static const struct {
		const char *s;
		long long us;
	} ok[] = {
		{ "1499082958.598000", T0 + 598000 },
		{ "1499082958", T0 },
		{ "1499082958.5", T0 + 500000 },
		{ "1499082958.1234567", T0 + 123456 },
		{ " 1499082958.000001 ", T0 + 1 },
		{ "0", 0 },
		{ "2017-07-03T11:55:58.598000Z", T0 + 598000 },
		{ "2017-07-03T11:55:58Z", T0 },
		{ "2017-07-03 11:55:58", T0 },
		{ "2017-07-03T11:55:58.598", T0 + 598000 },
		{ "2017-07-03T14:55:58+03:00", T0 },
		{ "2017-07-03T08:55:58-0300", T0 },
		{ "2017-07-03T11:55Z", T0 - 58000000 },
		{ "2016-02-29T23:59:59Z", 1456790399000000LL },
		{ "2000-03-01T00:00:00Z", 951868800000000LL },
		{ "1970-01-01T00:00:00Z", 0 },
		{ "03/07/2017 11:55:58 AM", T0 },
		{ "03/07/2017 11:55:58", T0 },
		{ "3/7/2017 8:55", 1499072100000000LL },
		{ "03/07/2017 12:05:00 AM", 1499040300000000LL },
		{ "03/07/2017 12:05:00 PM", 1499083500000000LL },
		{ "03/07/2017 01:05:00 PM", 1499087100000000LL },
		{ "03/07/2017 1:05:00 pm", 1499087100000000LL },
		{ "03/07/2017 11:55:58.25", T0 + 250000 }
	};
	static const char *const bad[] = {
		"", " ", "abc", "2017-02-29T00:00:00Z", "2017-13-01T00:00:00Z",
		"2017-07-03T24:00:00Z", "2017-07-03T11:60:00Z", "2017-07-03",
		"2017-07-03T11:55:58.Z", "2017-07-03T11:55:58+25:00",
		"2017-07-03T11:55:58 junk", "32/01/2017 10:00:00",
		"03/07/2017 13:00:00 PM", "03/07/2017 00:00:00 AM",
		"03/07/17 10:00:00", "03/07/2017 10:00:00 XM", "1.2.3", "-5",
		"1e9", "1499082958.", "99999999999999999999"
	};
	int64_t us;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		us = -1;
		ck_assert_msg(nf_lbl_parse_time(ok[i].s, &us) == 0,
		    "refused '%s'", ok[i].s);
		ck_assert_msg(us == ok[i].us, "'%s': %lld, expected %lld",
		    ok[i].s, (long long)us, ok[i].us);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(nf_lbl_parse_time(bad[i], &us) == -1,
		    "accepted '%s'", bad[i]);
}
END_TEST

/* The other reading of 12-hour times without AM/PM. */
START_TEST(test_time_12h)
{
	static const struct {
		const char *s;
		long long us, alt;
	} t[] = {
		{ "03/07/2017 11:55:58", T0, 43200000000LL },
		{ "03/07/2017 01:05:00", 1499087100000000LL - 43200000000LL,
		  43200000000LL },
		{ "03/07/2017 12:05:00", 1499083500000000LL, -43200000000LL },
		{ "03/07/2017 13:05:00", 1499087100000000LL, 0 },
		{ "03/07/2017 00:05:00", 1499040300000000LL, 0 },
		{ "03/07/2017 11:55:58 AM", T0, 0 },
		{ "03/07/2017 11:55:58 PM", T0 + 43200000000LL, 0 },
		{ "2017-07-03T11:55:58Z", T0, 0 },
		{ "1499082958", T0, 0 }
	};
	int64_t us, alt;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_int_eq(nf_lbl_parse_time12(t[i].s, &us, &alt), 0);
		ck_assert_msg(us == t[i].us && alt == t[i].alt,
		    "'%s': %lld %+lld", t[i].s, (long long)us,
		    (long long)alt);
	}
}
END_TEST

START_TEST(test_values)
{
	uint8_t a[16];
	int plen, proto;

	ck_assert_int_eq(nf_lbl_parse_addr("192.168.10.5", a), 0);
	ck_assert_mem_eq(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff\xc0\xa8\x0a\x05",
	    16);
	ck_assert_int_eq(nf_lbl_parse_addr("2001:db8::1", a), 0);
	ck_assert_mem_eq(a, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	ck_assert_int_eq(nf_lbl_parse_addr("192.168.10.256", a), -1);
	ck_assert_int_eq(nf_lbl_parse_addr("", a), -1);

	ck_assert_int_eq(nf_lbl_parse_cidr("192.168.10.0/24", a, &plen), 0);
	ck_assert_int_eq(plen, 96 + 24);
	ck_assert_int_eq(nf_lbl_parse_cidr("10.0.0.1", a, &plen), 0);
	ck_assert_int_eq(plen, 128);
	ck_assert_int_eq(nf_lbl_parse_cidr("2001:db8::/32", a, &plen), 0);
	ck_assert_int_eq(plen, 32);
	ck_assert_int_eq(nf_lbl_parse_cidr("*", a, &plen), 0);
	ck_assert_int_eq(plen, -1);
	ck_assert_int_eq(nf_lbl_parse_cidr("10.0.0.0/33", a, &plen), -1);
	ck_assert_int_eq(nf_lbl_parse_cidr("10.0.0.0/", a, &plen), -1);
	ck_assert_int_eq(nf_lbl_parse_cidr("/8", a, &plen), -1);

	ck_assert_int_eq(nf_lbl_parse_proto("TCP", &proto), 0);
	ck_assert_int_eq(proto, 6);
	ck_assert_int_eq(nf_lbl_parse_proto("udp", &proto), 0);
	ck_assert_int_eq(proto, 17);
	ck_assert_int_eq(nf_lbl_parse_proto("ICMP", &proto), 0);
	ck_assert_int_eq(proto, 1);
	ck_assert_int_eq(nf_lbl_parse_proto("255", &proto), 0);
	ck_assert_int_eq(proto, 255);
	ck_assert_int_eq(nf_lbl_parse_proto("", &proto), 0);
	ck_assert_int_eq(proto, -1);
	ck_assert_int_eq(nf_lbl_parse_proto("256", &proto), -1);
	ck_assert_int_eq(nf_lbl_parse_proto("tcpx", &proto), -1);
}
END_TEST

/* Build an alert. */
static struct nf_lbl_alert_in
mk(const char *src, int sp, const char *dst, int dp, int proto, int64_t ts,
    int prio, uint32_t sid, const char *label)
{
	struct nf_lbl_alert_in a;

	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(nf_lbl_parse_addr(src, a.src), 0);
	ck_assert_int_eq(nf_lbl_parse_addr(dst, a.dst), 0);
	a.sport = sp;
	a.dport = dp;
	a.proto = proto;
	a.ts_us = ts;
	a.prio = prio;
	a.sid = sid;
	a.label = label;
	return a;
}

static struct nf_lbl_row
row(const char *src, int sp, const char *dst, int dp, int proto,
    int64_t start, int64_t end)
{
	struct nf_lbl_row r;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(nf_lbl_parse_addr(src, r.src), 0);
	ck_assert_int_eq(nf_lbl_parse_addr(dst, r.dst), 0);
	r.has_addr = 1;
	r.sport = sp;
	r.dport = dp;
	r.proto = proto;
	r.start_us = start;
	r.end_us = end;
	return r;
}

#define W	2000000		/* the default 2 s window */

START_TEST(test_match_direction_window)
{
	struct nf_lbl_index ix;
	struct nf_lbl_alert_in a;
	struct nf_lbl_row r;
	struct nf_lbl_match m;

	nf_lbl_init(&ix, 100);
	/* Alert in the reverse direction of the flow, at start - 2 s. */
	a = mk("10.0.0.2", 80, "10.0.0.1", 5000, 6, T0 - W, 2, 7, "A");
	ck_assert_int_eq(nf_lbl_add_alert(&ix, &a), 0);
	/* Alert at end + 2 s + 1 us: outside. */
	a = mk("10.0.0.1", 5000, "10.0.0.2", 80, 6, T0 + 10000000 + W + 1,
	    1, 8, "B");
	ck_assert_int_eq(nf_lbl_add_alert(&ix, &a), 0);
	/* Another pair. */
	a = mk("10.0.0.3", 1, "10.0.0.1", 2, 6, T0, 1, 9, "C");
	ck_assert_int_eq(nf_lbl_add_alert(&ix, &a), 0);
	nf_lbl_finish(&ix);

	/* Flow T0 .. T0 + 10 s, forward direction. */
	r = row("10.0.0.1", 5000, "10.0.0.2", 80, 6, T0, T0 + 10000000);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_ptr_nonnull(m.best);
	ck_assert_str_eq(nf_lbl_label(&ix, m.best->label), "A");
	ck_assert_uint_eq(m.best->sid, 7);
	ck_assert_int_eq(m.rule, -1);

	/* Same flow written the other way round. */
	r = row("10.0.0.2", 80, "10.0.0.1", 5000, 6, T0, T0 + 10000000);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_uint_eq(m.best->sid, 7);

	/* Starting 1 us later, the first alert falls out of the window. */
	r = row("10.0.0.1", 5000, "10.0.0.2", 80, 6, T0 + 1, T0 + 10000000);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_uint_eq(m.count, 0);
	ck_assert_ptr_null(m.best);

	/* Ending 1 us later, the second alert is on the edge: inside. */
	r = row("10.0.0.1", 5000, "10.0.0.2", 80, 6, T0 + 1,
	    T0 + 10000000 + 1);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_uint_eq(m.best->sid, 8);

	/* Zero window: only alerts inside the flow itself. */
	r = row("10.0.0.1", 5000, "10.0.0.2", 80, 6, T0 - W, T0 + W);
	nf_lbl_match(&ix, &r, 0, 0, &m);
	ck_assert_uint_eq(m.count, 1);

	/* No addresses: never matches. */
	r.has_addr = 0;
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_uint_eq(m.count, 0);

	/* Unknown pair. */
	r = row("10.0.0.9", 1, "10.0.0.2", 80, 6, T0, T0);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_uint_eq(m.count, 0);
	nf_lbl_free(&ix);
}
END_TEST

START_TEST(test_match_priority_earliest)
{
	struct nf_lbl_index ix;
	struct nf_lbl_alert_in a;
	struct nf_lbl_row r;
	struct nf_lbl_match m;

	nf_lbl_init(&ix, 100);
	/* Added out of time order on purpose. */
	a = mk("10.0.0.1", 1, "10.0.0.2", 2, 6, T0 + 3, 2, 30, "late-p2");
	nf_lbl_add_alert(&ix, &a);
	a = mk("10.0.0.1", 1, "10.0.0.2", 2, 6, T0 + 2, 1, 20, "mid-p1");
	nf_lbl_add_alert(&ix, &a);
	a = mk("10.0.0.2", 2, "10.0.0.1", 1, 6, T0 + 1, 3, 10, "early-p3");
	nf_lbl_add_alert(&ix, &a);
	a = mk("10.0.0.1", 1, "10.0.0.2", 2, 6, T0 + 4, 1, 40, "latest-p1");
	nf_lbl_add_alert(&ix, &a);
	a = mk("10.0.0.1", 1, "10.0.0.2", 2, 6, T0 + 0, -1, NF_LBL_NOSID,
	    "first-noprio");
	nf_lbl_add_alert(&ix, &a);
	nf_lbl_finish(&ix);

	r = row("10.0.0.1", 1, "10.0.0.2", 2, 6, T0, T0 + 10);
	nf_lbl_match(&ix, &r, 0, 0, &m);
	ck_assert_uint_eq(m.count, 5);
	/* Priority 1 twice: the earlier (T0 + 2) wins. */
	ck_assert_str_eq(nf_lbl_label(&ix, m.best->label), "mid-p1");
	ck_assert_uint_eq(m.best->prio, 1);

	/* Only the first two alerts in time: priority 3 beats none. */
	r = row("10.0.0.1", 1, "10.0.0.2", 2, 6, T0, T0 + 1);
	nf_lbl_match(&ix, &r, 0, 0, &m);
	ck_assert_uint_eq(m.count, 2);
	ck_assert_str_eq(nf_lbl_label(&ix, m.best->label), "early-p3");

	/* Only the alert without priority. */
	r = row("10.0.0.1", 1, "10.0.0.2", 2, 6, T0, T0);
	nf_lbl_match(&ix, &r, 0, 0, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_uint_eq(m.best->prio, NF_LBL_NOPRIO);
	ck_assert_uint_eq(m.best->sid, NF_LBL_NOSID);
	nf_lbl_free(&ix);
}
END_TEST

START_TEST(test_match_5tuple)
{
	struct nf_lbl_index ix;
	struct nf_lbl_alert_in a;
	struct nf_lbl_row r;
	struct nf_lbl_match m;

	nf_lbl_init(&ix, 100);
	a = mk("10.0.0.1", 5000, "10.0.0.2", 80, 6, T0, 1, 1, "tcp80");
	nf_lbl_add_alert(&ix, &a);
	a = mk("10.0.0.2", 53, "10.0.0.1", 5001, 17, T0, 2, 2, "udp53");
	nf_lbl_add_alert(&ix, &a);
	a = mk("10.0.0.1", -1, "10.0.0.2", -1, 1, T0, 3, 3, "icmp");
	nf_lbl_add_alert(&ix, &a);
	nf_lbl_finish(&ix);

	/* Hosts: all three. */
	r = row("10.0.0.1", 5000, "10.0.0.2", 80, 6, T0, T0);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_uint_eq(m.count, 3);
	/* 5-tuple: the TCP one only, in either direction. */
	nf_lbl_match(&ix, &r, W, 1, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_uint_eq(m.best->sid, 1);
	r = row("10.0.0.2", 80, "10.0.0.1", 5000, 6, T0, T0);
	nf_lbl_match(&ix, &r, W, 1, &m);
	ck_assert_uint_eq(m.count, 1);
	/* Other source port: none. */
	r = row("10.0.0.1", 5002, "10.0.0.2", 80, 6, T0, T0);
	nf_lbl_match(&ix, &r, W, 1, &m);
	ck_assert_uint_eq(m.count, 0);
	/* UDP flow written from the client side. */
	r = row("10.0.0.1", 5001, "10.0.0.2", 53, 17, T0, T0);
	nf_lbl_match(&ix, &r, W, 1, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_uint_eq(m.best->sid, 2);
	/* UDP row without ports (a fragment): no match in 5-tuple mode. */
	r = row("10.0.0.1", -1, "10.0.0.2", -1, 17, T0, T0);
	nf_lbl_match(&ix, &r, W, 1, &m);
	ck_assert_uint_eq(m.count, 0);
	/* ICMP row with type/code in the port columns: ports ignored. */
	r = row("10.0.0.2", 8, "10.0.0.1", 0, 1, T0, T0);
	nf_lbl_match(&ix, &r, W, 1, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_uint_eq(m.best->sid, 3);
	nf_lbl_free(&ix);
}
END_TEST

START_TEST(test_rules)
{
	struct nf_lbl_index ix;
	struct nf_lbl_rule ru;
	struct nf_lbl_row r;
	struct nf_lbl_match m;
	int plen;

	nf_lbl_init(&ix, 100);
	memset(&ru, 0, sizeof(ru));
	ru.start_us = T0;
	ru.end_us = T0 + 60000000;
	nf_lbl_parse_cidr("205.174.165.73", ru.src, &plen);
	ru.src_plen = (int16_t)plen;
	nf_lbl_parse_cidr("192.168.10.0/24", ru.dst, &plen);
	ru.dst_plen = (int16_t)plen;
	ru.proto = 6;
	ru.port_lo = ru.port_hi = 80;
	ck_assert_int_eq(nf_lbl_intern(&ix, "DoS Hulk", &ru.label), 0);
	ck_assert_int_eq(nf_lbl_add_rule(&ix, &ru), 0);
	/* A second, broader rule: any source, same interval. */
	nf_lbl_parse_cidr("*", ru.src, &plen);
	ru.src_plen = (int16_t)plen;
	ru.proto = -1;
	ru.port_lo = ru.port_hi = -1;
	ck_assert_int_eq(nf_lbl_intern(&ix, "Other", &ru.label), 0);
	ck_assert_int_eq(nf_lbl_add_rule(&ix, &ru), 0);
	nf_lbl_finish(&ix);

	/* Attacker to victim port 80, overlapping the start edge. */
	r = row("205.174.165.73", 40000, "192.168.10.50", 80, 6, T0 - 5,
	    T0);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_int_eq(m.rule, 0);
	ck_assert_str_eq(nf_lbl_label(&ix, ix.rules[m.rule].label),
	    "DoS Hulk");
	/* Written from the victim's side: still rule 0. */
	r = row("192.168.10.50", 80, "205.174.165.73", 40000, 6, T0 + 5,
	    T0 + 6);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_int_eq(m.rule, 0);
	/* Port 443: the broader rule. */
	r = row("205.174.165.73", 40000, "192.168.10.50", 443, 6, T0, T0);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_int_eq(m.rule, 1);
	/* Outside the victim network: none. */
	r = row("205.174.165.73", 40000, "192.168.11.50", 80, 6, T0, T0);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_int_eq(m.rule, -1);
	/* Ending 1 us before the interval (no window for rules): none. */
	r = row("205.174.165.73", 40000, "192.168.10.50", 80, 6, T0 - 10,
	    T0 - 1);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_int_eq(m.rule, -1);
	/* UDP to port 80: only the protocol-free rule. */
	r = row("205.174.165.73", 40000, "192.168.10.50", 80, 17, T0, T0);
	nf_lbl_match(&ix, &r, W, 0, &m);
	ck_assert_int_eq(m.rule, 1);
	nf_lbl_free(&ix);
}
END_TEST

START_TEST(test_cap_and_intern)
{
	struct nf_lbl_index ix;
	struct nf_lbl_alert_in a;
	uint32_t id1, id2, id3;
	char buf[32];
	int i;

	nf_lbl_init(&ix, 3);
	for (i = 0; i < 5; i++) {
		snprintf(buf, sizeof(buf), "L%d", i % 2);
		a = mk("10.0.0.1", 1, "10.0.0.2", 2, 6, T0 + i, 1, 1, buf);
		ck_assert_int_eq(nf_lbl_add_alert(&ix, &a), i < 3 ? 0 : 1);
	}
	ck_assert_uint_eq(ix.nalerts, 3);
	ck_assert_uint_eq(ix.dropped, 2);
	ck_assert_uint_eq(ix.nlabels, 2);
	/* Interning is idempotent and survives table growth. */
	ck_assert_int_eq(nf_lbl_intern(&ix, "x", &id1), 0);
	for (i = 0; i < 500; i++) {
		snprintf(buf, sizeof(buf), "label %d", i);
		ck_assert_int_eq(nf_lbl_intern(&ix, buf, &id2), 0);
	}
	ck_assert_int_eq(nf_lbl_intern(&ix, "x", &id3), 0);
	ck_assert_uint_eq(id1, id3);
	ck_assert_str_eq(nf_lbl_label(&ix, id2), "label 499");
	nf_lbl_free(&ix);
}
END_TEST

/* Many pairs: the filter and table growth keep every pair findable. */
START_TEST(test_many_pairs)
{
	struct nf_lbl_index ix;
	struct nf_lbl_alert_in a;
	struct nf_lbl_row r;
	struct nf_lbl_match m;
	char s[32];
	int i;

	nf_lbl_init(&ix, 100000);
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof(s), "10.1.%d.%d", i / 256, i % 256);
		a = mk(s, 1, "172.16.0.1", 2, 6, T0 + i, 1, (uint32_t)i, "x");
		ck_assert_int_eq(nf_lbl_add_alert(&ix, &a), 0);
	}
	nf_lbl_finish(&ix);
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof(s), "10.1.%d.%d", i / 256, i % 256);
		r = row("172.16.0.1", 2, s, 1, 6, T0, T0 + 5000);
		nf_lbl_match(&ix, &r, 0, 1, &m);
		ck_assert_uint_eq(m.count, 1);
		ck_assert_uint_eq(m.best->sid, (uint32_t)i);
	}
	nf_lbl_free(&ix);
}
END_TEST

/* ------------------------------------------------------------------ */
/* labelcsv.c */

/* Split a header line at commas (no quoting in these tests). */
static size_t
split(char *line, const char **f)
{
	size_t n = 0;
	char *p;

	f[n++] = line;
	for (p = line; *p; p++)
		if (*p == ',') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

START_TEST(test_cols_styles)
{
	static const struct {
		const char *hdr;
		long src, dst, sport, dport, proto, start, end, dur, label;
		long scale;
	} st[] = {
		/* flow2csv */
		{ "flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,"
		  "protocol,packets,end_reason",
		  4, 6, 5, 7, 8, 1, 2, 3, -1, 1000000 },
		/* flow2kdd */
		{ "conn_id,start,src_ip,src_port,dst_ip,dst_port,duration,"
		  "protocol_type,service,flag,label",
		  2, 4, 3, 5, 7, 1, -1, 6, 10, 1000000 },
		/* flow2cic cicflowmeter / engelen / cic2018 with identity */
		{ "Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,"
		  "Flow Duration,Total Fwd Packet,Label",
		  1, 3, 2, 4, 5, 6, -1, 7, 9, 1 },
		/* flow2cic cic2017 (leading spaces) */
		{ "Flow ID, Source IP, Source Port, Destination IP,"
		  " Destination Port, Protocol, Timestamp, Flow Duration,"
		  " Total Fwd Packets, Label",
		  1, 3, 2, 4, 5, 6, -1, 7, 9, 1 }
	};
	struct nf_lcols c;
	const char *f[64];
	char line[512], err[512];
	size_t i, n;

	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		snprintf(line, sizeof(line), "%s", st[i].hdr);
		n = split(line, f);
		ck_assert_msg(nf_lcols_find(&c, f, n, 1, err, sizeof(err)) ==
		    0, "style %zu: %s", i, err);
		ck_assert_int_eq(c.idx[NF_LC_SRC_IP], st[i].src);
		ck_assert_int_eq(c.idx[NF_LC_DST_IP], st[i].dst);
		ck_assert_int_eq(c.idx[NF_LC_SRC_PORT], st[i].sport);
		ck_assert_int_eq(c.idx[NF_LC_DST_PORT], st[i].dport);
		ck_assert_int_eq(c.idx[NF_LC_PROTO], st[i].proto);
		ck_assert_int_eq(c.idx[NF_LC_START], st[i].start);
		ck_assert_int_eq(c.idx[NF_LC_END], st[i].end);
		ck_assert_int_eq(c.idx[NF_LC_DURATION], st[i].dur);
		ck_assert_int_eq(c.idx[NF_LC_LABEL], st[i].label);
		ck_assert_int_eq(c.dur_scale, st[i].scale);
		ck_assert_uint_eq(c.ncols, n);
	}
}
END_TEST

START_TEST(test_cols_missing)
{
	struct nf_lcols c;
	const char *f[64];
	char line[512], err[512];
	size_t n;

	/* flow2csv --columns basic: no start time. */
	snprintf(line, sizeof(line), "src_ip,dst_ip,src_port,dst_port,"
	    "protocol,duration,packets");
	n = split(line, f);
	ck_assert_int_eq(nf_lcols_find(&c, f, n, 0, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "start ('start' or 'Timestamp')");
	/* CIC-IDS2017 MachineLearningCVE: no addresses, no time. */
	snprintf(line, sizeof(line), " Destination Port, Flow Duration,"
	    " Label");
	n = split(line, f);
	ck_assert_int_eq(nf_lcols_find(&c, f, n, 0, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "src_ip ('src_ip' or 'Src IP' or 'Source IP'), "
	    "dst_ip ('dst_ip' or 'Dst IP' or 'Destination IP'), "
	    "start ('start' or 'Timestamp')");
	/* Hosts only: ports and protocol not needed, but with need5 they
	 * are. */
	snprintf(line, sizeof(line), "start,src_ip,dst_ip");
	n = split(line, f);
	ck_assert_int_eq(nf_lcols_find(&c, f, n, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(nf_lcols_find(&c, f, n, 1, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "src_port ('src_port' or 'Src Port' or "
	    "'Source Port'), dst_port ('dst_port' or 'Dst Port' or "
	    "'Destination Port'), protocol ('protocol' or 'protocol_type' or "
	    "'Protocol')");
}
END_TEST

START_TEST(test_cols_row)
{
	struct nf_lcols c;
	struct nf_lbl_row r;
	const char *f[64];
	char line[512], err[512];
	uint8_t a[16];
	size_t n;

	/* CIC cic2017: Flow Duration in microseconds, spaces around. */
	snprintf(line, sizeof(line), "Flow ID, Source IP, Source Port,"
	    " Destination IP, Destination Port, Protocol, Timestamp,"
	    " Flow Duration, Label");
	n = split(line, f);
	ck_assert_int_eq(nf_lcols_find(&c, f, n, 1, err, sizeof(err)), 0);
	snprintf(line, sizeof(line), "x, 192.168.10.5, 51234, 8.8.8.8, 53,"
	    " 17, 03/07/2017 11:55:58 AM, 1500000, BENIGN");
	split(line, f);
	ck_assert_int_eq(nf_lcols_row(&c, f, &r, err, sizeof(err)), 0);
	nf_lbl_parse_addr("192.168.10.5", a);
	ck_assert_mem_eq(r.src, a, 16);
	ck_assert_int_eq(r.has_addr, 1);
	ck_assert_int_eq(r.sport, 51234);
	ck_assert_int_eq(r.dport, 53);
	ck_assert_int_eq(r.proto, 17);
	ck_assert_int_eq(r.start_us, T0);
	ck_assert_int_eq(r.end_us, T0 + 1500000);

	/* flow2kdd: duration in seconds, protocol by name, ICMP no ports. */
	snprintf(line, sizeof(line), "conn_id,start,src_ip,src_port,dst_ip,"
	    "dst_port,duration,protocol_type,label");
	n = split(line, f);
	ck_assert_int_eq(nf_lcols_find(&c, f, n, 1, err, sizeof(err)), 0);
	snprintf(line, sizeof(line), "1,1499082958.000000,10.0.0.1,,"
	    "10.0.0.2,,2.250000,icmp,normal.");
	split(line, f);
	ck_assert_int_eq(nf_lcols_row(&c, f, &r, err, sizeof(err)), 0);
	ck_assert_int_eq(r.sport, -1);
	ck_assert_int_eq(r.dport, -1);
	ck_assert_int_eq(r.proto, 1);
	ck_assert_int_eq(r.end_us, T0 + 2250000);

	/* Empty addresses (a non-IP flow): parses, never matches. */
	snprintf(line, sizeof(line), "1,1499082958,,,,,0,tcp,x");
	split(line, f);
	ck_assert_int_eq(nf_lcols_row(&c, f, &r, err, sizeof(err)), 0);
	ck_assert_int_eq(r.has_addr, 0);

	/* Bad values are named. */
	snprintf(line, sizeof(line), "1,1499082958,10.0.0.1,99999,10.0.0.2,"
	    "1,0,tcp,x");
	split(line, f);
	ck_assert_int_eq(nf_lcols_row(&c, f, &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "bad src_port value '99999'");
	snprintf(line, sizeof(line), "1,yesterday,10.0.0.1,1,10.0.0.2,"
	    "1,0,tcp,x");
	split(line, f);
	ck_assert_int_eq(nf_lcols_row(&c, f, &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "bad start time value 'yesterday'");
	snprintf(line, sizeof(line), "1,1,10.0.0.300,1,10.0.0.2,1,0,tcp,x");
	split(line, f);
	ck_assert_int_eq(nf_lcols_row(&c, f, &r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "bad src_ip value '10.0.0.300'");
}
END_TEST

static FILE *
memfile(const char *s)
{
	FILE *fp = fmemopen((void *)(uintptr_t)s, strlen(s), "r");

	ck_assert_ptr_nonnull(fp);
	return fp;
}

START_TEST(test_load_alerts)
{
	struct nf_lbl_index ix;
	struct nf_lbl_row r;
	struct nf_lbl_match m;
	char err[512];
	FILE *fp;

	fp = memfile("ts,gid,sid,rev,msg,classification,priority,proto,"
	    "src_ip,src_port,dst_ip,dst_port,is_src_internal,"
	    "is_dst_internal\n"
	    "1499082958.000000,1,1000001,1,\"ET, quoted \"\"msg\"\"\","
	    "attempted-recon,2,TCP,10.0.0.1,5000,10.0.0.2,80,1,0\n"
	    "1499082958.500000,1,384,5,ICMP PING,,3,ICMP,"
	    "2001:db8::1,,2001:db8::2,,0,0\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_alerts(&ix, fp, "a.csv",
	    NF_LF_CLASSIFICATION, err, sizeof(err)), 0);
	fclose(fp);
	nf_lbl_finish(&ix);
	ck_assert_uint_eq(ix.nalerts, 2);
	r = row("10.0.0.2", 80, "10.0.0.1", 5000, 6, T0, T0);
	nf_lbl_match(&ix, &r, 0, 1, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_str_eq(nf_lbl_label(&ix, m.best->label), "attempted-recon");
	ck_assert_uint_eq(m.best->prio, 2);
	ck_assert_uint_eq(m.best->sid, 1000001);
	/* Empty classification falls back to msg. */
	r = row("2001:db8::2", -1, "2001:db8::1", -1, 58, T0, T0 + 500000);
	nf_lbl_match(&ix, &r, 0, 1, &m);
	ck_assert_uint_eq(m.count, 1);
	ck_assert_str_eq(nf_lbl_label(&ix, m.best->label), "ICMP PING");
	nf_lbl_free(&ix);

	/* msg with quotes and comma, label-from msg. */
	fp = memfile("ts,src_ip,dst_ip,msg\n"
	    "1499082958,10.0.0.1,10.0.0.2,\"ET, quoted \"\"msg\"\"\"\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_alerts(&ix, fp, "a.csv", NF_LF_MSG, err,
	    sizeof(err)), 0);
	fclose(fp);
	nf_lbl_finish(&ix);
	ck_assert_str_eq(nf_lbl_label(&ix, ix.alerts[0].label),
	    "ET, quoted \"msg\"");
	nf_lbl_free(&ix);

	/* Empty msg: the rule id, else "alert". */
	fp = memfile("ts,src_ip,dst_ip,gid,sid,rev,msg\n"
	    "1,10.0.0.1,10.0.0.2,1,666,0,\n"
	    "2,10.0.0.1,10.0.0.2,,,,\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_alerts(&ix, fp, "a.csv", NF_LF_MSG, err,
	    sizeof(err)), 0);
	fclose(fp);
	ck_assert_str_eq(nf_lbl_label(&ix, ix.alerts[0].label), "1:666:0");
	ck_assert_str_eq(nf_lbl_label(&ix, ix.alerts[1].label), "alert");
	nf_lbl_free(&ix);

	/* Errors name file and line. */
	fp = memfile("ts,src_ip,dst_ip,msg\n1,10.0.0.1,10.0.0.2,a\n"
	    "2,10.0.0.1,nowhere,b\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_alerts(&ix, fp, "a.csv", NF_LF_MSG, err,
	    sizeof(err)), -1);
	fclose(fp);
	ck_assert_str_eq(err, "bad dst_ip value 'nowhere' in 'a.csv' at "
	    "line 3");
	nf_lbl_free(&ix);
	fp = memfile("ts,src_ip,dst_ip,msg\n1,10.0.0.1,10.0.0.2\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_alerts(&ix, fp, "a.csv", NF_LF_MSG, err,
	    sizeof(err)), -1);
	fclose(fp);
	ck_assert_str_eq(err, "3 fields (header has 4) in 'a.csv' at line 2");
	nf_lbl_free(&ix);
	fp = memfile("ts,src_ip,dst_ip,msg\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_alerts(&ix, fp, "a.csv", NF_LF_SID, err,
	    sizeof(err)), -1);
	fclose(fp);
	ck_assert_str_eq(err, "no 'sid' column in alerts file 'a.csv'");
	nf_lbl_free(&ix);
}
END_TEST

START_TEST(test_load_rules)
{
	struct nf_lbl_index ix;
	char err[512];
	FILE *fp;

	fp = memfile("label,start,end,src,dst,proto,dst_port\n"
	    "DoS Hulk,2017-07-05T14:47:00Z,1499269740,205.174.165.73,"
	    "192.168.10.50,tcp,80\n"
	    "PortScan,1499269740,1499270000,*,192.168.10.0/24,,1-1024\n"
	    "Any,1,2,,,*,*\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_rules(&ix, fp, "r.csv", err,
	    sizeof(err)), 0);
	fclose(fp);
	ck_assert_uint_eq(ix.nrules, 3);
	/* 2017-07-05T14:47:00Z = 1499266020 (timegm). */
	ck_assert_int_eq(ix.rules[0].start_us, 1499266020000000LL);
	ck_assert_int_eq(ix.rules[0].end_us, 1499269740000000LL);
	ck_assert_int_eq(ix.rules[0].src_plen, 128);
	ck_assert_int_eq(ix.rules[0].proto, 6);
	ck_assert_int_eq(ix.rules[0].port_lo, 80);
	ck_assert_int_eq(ix.rules[0].port_hi, 80);
	ck_assert_str_eq(nf_lbl_label(&ix, ix.rules[0].label), "DoS Hulk");
	ck_assert_int_eq(ix.rules[1].src_plen, -1);
	ck_assert_int_eq(ix.rules[1].dst_plen, 120);
	ck_assert_int_eq(ix.rules[1].proto, -1);
	ck_assert_int_eq(ix.rules[1].port_lo, 1);
	ck_assert_int_eq(ix.rules[1].port_hi, 1024);
	ck_assert_int_eq(ix.rules[2].src_plen, -1);
	ck_assert_int_eq(ix.rules[2].port_lo, -1);
	nf_lbl_free(&ix);

	fp = memfile("label,start,end,src,dst\nX,5,4,*,*\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_rules(&ix, fp, "r.csv", err,
	    sizeof(err)), -1);
	fclose(fp);
	ck_assert_str_eq(err, "bad end value '4' in 'r.csv' at line 2");
	nf_lbl_free(&ix);
	fp = memfile("label,start,end,src,dst,dst_port\nX,1,4,*,*,80-\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_rules(&ix, fp, "r.csv", err,
	    sizeof(err)), -1);
	fclose(fp);
	ck_assert_str_eq(err, "bad dst_port value '80-' in 'r.csv' at line 2");
	nf_lbl_free(&ix);
	fp = memfile("label,start,src,dst\n");
	nf_lbl_init(&ix, 100);
	ck_assert_int_eq(nf_lbl_load_rules(&ix, fp, "r.csv", err,
	    sizeof(err)), -1);
	fclose(fp);
	ck_assert_str_eq(err, "no 'end' column in rules file 'r.csv'");
	nf_lbl_free(&ix);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("label");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_time_forms);
	tcase_add_test(tc, test_time_12h);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_match_direction_window);
	tcase_add_test(tc, test_match_priority_earliest);
	tcase_add_test(tc, test_match_5tuple);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_cap_and_intern);
	tcase_add_test(tc, test_many_pairs);
	tcase_add_test(tc, test_cols_styles);
	tcase_add_test(tc, test_cols_missing);
	tcase_add_test(tc, test_cols_row);
	tcase_add_test(tc, test_load_alerts);
	tcase_add_test(tc, test_load_rules);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
