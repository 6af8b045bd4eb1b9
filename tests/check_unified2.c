/* check_unified2.c: unit tests for the unified2 decoder (unified2.c). */
#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "alert_text.h"
#include "unified2.h"
#include "check_util.h"

/*
 * Records are assembled byte by byte from the documented layouts (see the
 * table in unified2.h: Snort's Serial_Unified2_Header, Unified2IDSEvent,
 * Unified2IDSEventIPv6, Unified2Event (event3) and Serial_Unified2Packet).
 */

static uint8_t buf[4096];
static size_t blen;

static void
put32(uint32_t v)
{
	buf[blen++] = (uint8_t)(v >> 24);
	buf[blen++] = (uint8_t)(v >> 16);
	buf[blen++] = (uint8_t)(v >> 8);
	buf[blen++] = (uint8_t)v;
}

static void
put16(uint16_t v)
{
	buf[blen++] = (uint8_t)(v >> 8);
	buf[blen++] = (uint8_t)v;
}

static void
put8(uint8_t v)
{
	buf[blen++] = v;
}

static void
putaddr(const char *s)
{
	uint8_t a[16];

	if (strchr(s, ':')) {
		ck_assert_int_eq(inet_pton(AF_INET6, s, a), 1);
		memcpy(buf + blen, a, 16);
		blen += 16;
	} else {
		ck_assert_int_eq(inet_pton(AF_INET, s, a), 1);
		memcpy(buf + blen, a, 4);
		blen += 4;
	}
}

/* Event (type 7 or 104) for sid 2000 gid 1 rev 3, class 5 priority 2. */
static void
event4(uint32_t type, uint8_t proto, uint16_t sp, uint16_t dp)
{
	put32(type);
	put32(type == 7 ? 52 : 60);
	put32(0);		/* sensor */
	put32(1);		/* event id */
	put32(1580140864);	/* second */
	put32(877970);		/* microsecond */
	put32(2000);		/* signature id */
	put32(1);		/* generator id */
	put32(3);		/* revision */
	put32(5);		/* classification */
	put32(2);		/* priority */
	putaddr("10.0.0.1");
	putaddr("10.0.0.2");
	put16(sp);
	put16(dp);
	put8(proto);
	put8(0);
	put8(0);
	put8(0);
	if (type == 104) {
		put32(0);	/* mpls */
		put16(7);	/* vlan */
		put16(0);
	}
}

static void
packet(uint32_t caplen, uint32_t claimed)
{
	uint32_t i;

	put32(2);
	put32(28 + caplen);
	put32(0);
	put32(1);
	put32(1580140864);
	put32(1580140864);
	put32(877970);
	put32(1);		/* linktype */
	put32(claimed);
	for (i = 0; i < caplen; i++)
		put8((uint8_t)i);
}

static struct nf_alert got[8];
static int ngot;

static void
collect(void *arg, const struct nf_alert *a)
{
	(void)arg;
	if (ngot < 8)
		got[ngot++] = *a;
}

static size_t
scan(int *bad, char *err, size_t errlen)
{
	ngot = 0;
	return nf_u2_scan(buf, blen, collect, NULL, bad, err, errlen);
}

START_TEST(test_event_ipv4)
{
	char err[256];
	int bad;

	blen = 0;
	event4(7, 6, 1234, 80);
	packet(60, 60);
	event4(104, 1, 8, 0);
	ck_assert_uint_eq(scan(&bad, err, sizeof(err)), blen);
	ck_assert_int_eq(bad, 0);
	ck_assert_int_eq(ngot, 2);
	ck_assert_uint_eq(got[0].ts_ns, 1580140864877970000ULL);
	ck_assert_uint_eq(got[0].gid, 1);
	ck_assert_uint_eq(got[0].sid, 2000);
	ck_assert_uint_eq(got[0].rev, 3);
	ck_assert_uint_eq(got[0].class_id, 5);
	ck_assert_uint_eq(got[0].priority, 2);
	ck_assert_int_eq(got[0].proto, 6);
	ck_assert_int_eq(got[0].ip_version, 4);
	ck_assert_mem_eq(got[0].src, "\x0a\x00\x00\x01", 4);
	ck_assert_uint_eq(got[0].sport, 1234);
	ck_assert_uint_eq(got[0].dport, 80);
	ck_assert_int_eq(got[0].has_ports, 1);
	/* ICMP: type/code in the port fields, not printed as ports. */
	ck_assert_int_eq(got[1].proto, 1);
	ck_assert_int_eq(got[1].has_ports, 0);
}
END_TEST

START_TEST(test_event_ipv6)
{
	char err[256];
	uint8_t a6[16];
	int bad;

	blen = 0;
	put32(72);
	put32(76);
	put32(0);
	put32(9);
	put32(1478015404);
	put32(918528);
	put32(18474);
	put32(1);
	put32(3);
	put32(29);
	put32(3);
	putaddr("fe80::dacb:8aff:feed:a146");
	putaddr("fe80::215:17ff:fe0d:6f7");
	put16(128);
	put16(0);
	put8(58);
	put8(0);
	put8(0);
	put8(0);
	ck_assert_uint_eq(scan(&bad, err, sizeof(err)), blen);
	ck_assert_int_eq(ngot, 1);
	ck_assert_int_eq(got[0].ip_version, 6);
	ck_assert_int_eq(got[0].proto, 58);
	inet_pton(AF_INET6, "fe80::dacb:8aff:feed:a146", a6);
	ck_assert_mem_eq(got[0].src, a6, 16);
	ck_assert_uint_eq(got[0].sid, 18474);
	ck_assert_int_eq(got[0].has_ports, 0);
}
END_TEST

START_TEST(test_event3)
{
	char err[256];
	int bad, i;

	/* Snort 3 event3 with IPv4-mapped addresses, as logged for the
	 * MPLS test of snort3_demo (u2spewfoo: Rule 1:1:0, 10.4.10.181:39701
	 * -> 65.55.251.108:443, proto 6, IP Version 0x44). */
	blen = 0;
	put32(114);
	put32(160);
	put32(0);		/* snort id */
	put32(1);		/* event id */
	put32(1206715315);
	put32(845035);
	put32(1);		/* gid */
	put32(1);		/* sid */
	put32(0);		/* rev */
	put32(0);		/* class */
	put32(0);		/* priority */
	put32(0);
	put32(0);
	put32(0);		/* policies */
	putaddr("::ffff:10.4.10.181");
	putaddr("::ffff:65.55.251.108");
	put32(1044495);		/* mpls */
	put16(39701);
	put16(443);
	put16(0);
	put16(0);
	put8(0x44);
	put8(6);
	put8(0);
	put8(0);
	for (i = 0; i < 64; i++)
		put8(0);
	ck_assert_uint_eq(scan(&bad, err, sizeof(err)), blen);
	ck_assert_int_eq(ngot, 1);
	ck_assert_uint_eq(got[0].ts_ns, 1206715315845035000ULL);
	ck_assert_int_eq(got[0].ip_version, 4);
	ck_assert_mem_eq(got[0].src, "\x0a\x04\x0a\xb5", 4);
	ck_assert_mem_eq(got[0].dst, "\x41\x37\xfb\x6c", 4);
	ck_assert_uint_eq(got[0].sport, 39701);
	ck_assert_uint_eq(got[0].dport, 443);
	ck_assert_int_eq(got[0].proto, 6);
	ck_assert_uint_eq(got[0].gid, 1);
	ck_assert_uint_eq(got[0].sid, 1);
}
END_TEST

START_TEST(test_corrupt)
{
	char err[256];
	size_t ok;
	int bad;

	/* Truncated body: the first event counts, the message names the
	 * offset of the broken record (60 = 8 + 52). */
	blen = 0;
	event4(7, 6, 1, 2);
	event4(7, 6, 1, 2);
	blen -= 10;
	ok = scan(&bad, err, sizeof(err));
	ck_assert_uint_eq(ok, 60);
	ck_assert_int_eq(bad, 1);
	ck_assert_int_eq(ngot, 1);
	ck_assert_ptr_ne(strstr(err, "offset 60"), NULL);

	/* Truncated header. */
	blen = 0;
	event4(7, 6, 1, 2);
	put16(0);
	ok = scan(&bad, err, sizeof(err));
	ck_assert_int_eq(bad, 1);
	ck_assert_ptr_ne(strstr(err, "header at offset 60"), NULL);

	/* Event body too short for its type. */
	blen = 0;
	put32(7);
	put32(20);
	memset(buf + blen, 0, 20);
	blen += 20;
	ok = scan(&bad, err, sizeof(err));
	ck_assert_uint_eq(ok, 0);
	ck_assert_int_eq(bad, 1);
	ck_assert_int_eq(ngot, 0);

	/* Huge length. */
	blen = 0;
	put32(2);
	put32(0x7fffffff);
	scan(&bad, err, sizeof(err));
	ck_assert_int_eq(bad, 1);
	ck_assert_ptr_ne(strstr(err, "too large"), NULL);

	/* Packet claims more bytes than its record holds. */
	blen = 0;
	packet(10, 11);
	scan(&bad, err, sizeof(err));
	ck_assert_int_eq(bad, 1);

	/* Unknown types and extra data are skipped. */
	blen = 0;
	put32(110);
	put32(4);
	put32(0);
	put32(999);
	put32(0);
	event4(104, 17, 53, 1053);
	ck_assert_uint_eq(scan(&bad, err, sizeof(err)), blen);
	ck_assert_int_eq(bad, 0);
	ck_assert_int_eq(ngot, 1);
	ck_assert_int_eq(got[0].proto, 17);
}
END_TEST

START_TEST(test_plausible)
{
	ck_assert_int_eq(nf_u2_plausible(7, 52), 1);
	ck_assert_int_eq(nf_u2_plausible(7, 53), 0);
	ck_assert_int_eq(nf_u2_plausible(104, 60), 1);
	ck_assert_int_eq(nf_u2_plausible(105, 84), 1);
	ck_assert_int_eq(nf_u2_plausible(114, 160), 1);
	ck_assert_int_eq(nf_u2_plausible(2, 27), 0);
	/* "01/2" as a type: text is never taken for unified2. */
	ck_assert_int_eq(nf_u2_plausible(0x30312f32, 52), 0);
}
END_TEST

int
main(void)
{
	Suite *s;
	TCase *t;

	s = suite_create("unified2");
	t = tcase_create("core");
	tcase_add_test(t, test_event_ipv4);
	tcase_add_test(t, test_event_ipv6);
	tcase_add_test(t, test_event3);
	tcase_add_test(t, test_corrupt);
	tcase_add_test(t, test_plausible);
	suite_add_tcase(s, t);
	return nf_check_run(s);
}
