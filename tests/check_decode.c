/* check_decode.c: unit tests for the packet decoder (decode.c, cursor.h). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "decode.h"

/*
 * Frames are written here byte by byte from the RFC header layouts (hex
 * strings, spaces ignored); checksums are filled in by the small RFC 1071
 * routine below, written for the tests.  Expected field values are worked
 * out by hand from those bytes.
 */

struct fb {
	uint8_t		b[4096];
	size_t		n;
};

static int
hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Append the bytes of a hex string; returns the offset they start at. */
static size_t
put(struct fb *f, const char *hex)
{
	size_t start = f->n;
	int hi = -1, v;

	for (; *hex != '\0'; hex++) {
		if ((v = hexval((unsigned char)*hex)) < 0)
			continue;
		if (hi < 0)
			hi = v;
		else {
			ck_assert(f->n < sizeof(f->b));
			f->b[f->n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	ck_assert_int_eq(hi, -1);
	return start;
}

/* One's complement sum of 16-bit big-endian words (RFC 1071). */
static uint32_t
sum16(uint32_t s, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	if (n & 1)
		s += (uint32_t)b[n - 1] << 8;
	return s;
}

static uint16_t
fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void
store16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Fill the IPv4 header checksum of the header at ip. */
static void
fix_ip4(struct fb *f, size_t ip)
{
	size_t hl = (size_t)(f->b[ip] & 15) * 4;

	store16(f->b + ip + 10, 0);
	store16(f->b + ip + 10, fold(sum16(0, f->b + ip, hl)));
}

/*
 * Fill the transport checksum at csoff (relative to l4) of the segment at
 * l4, len bytes long, with the pseudo-header of the IP header at ip
 * (version 4 or 6; pseudo 0 for ICMPv4).
 */
static void
fix_l4(struct fb *f, size_t ip, size_t l4, size_t len, size_t csoff,
    int proto, int pseudo)
{
	uint32_t s = 0;
	uint8_t ph[8];

	store16(f->b + l4 + csoff, 0);
	if (pseudo) {
		if ((f->b[ip] >> 4) == 4)
			s = sum16(s, f->b + ip + 12, 8);
		else
			s = sum16(s, f->b + ip + 8, 32);
		ph[0] = (uint8_t)(len >> 24);
		ph[1] = (uint8_t)(len >> 16);
		ph[2] = (uint8_t)(len >> 8);
		ph[3] = (uint8_t)len;
		ph[4] = ph[5] = ph[6] = 0;
		ph[7] = (uint8_t)proto;
		s = sum16(s, ph, 8);
	}
	s = sum16(s, f->b + l4, len);
	store16(f->b + l4 + csoff, fold(s));
}

static struct nf_decoder dec;

static void
setup(void)
{
	ck_assert_int_eq(nf_decoder_init(&dec, 64), 0);
}

static void
teardown(void)
{
	nf_decoder_free(&dec);
}

static void
decode(uint32_t lt, const struct fb *f, struct nf_pkt *p)
{
	nf_decode(&dec, lt, 1000, f->b, (uint32_t)f->n, (uint32_t)f->n, p);
}

static const uint8_t ip4a[4] = { 10, 0, 0, 1 };
static const uint8_t ip4b[4] = { 10, 0, 0, 2 };

/* Ethernet, IPv4 (DF, TTL 64, id 0x1c46), TCP SYN with 20 option bytes. */
static size_t
eth_ip4_tcp_syn(struct fb *f)
{
	size_t ip, l4;

	put(f, "001122334455 66778899aabb 0800");
	ip = put(f, "45 00 003c 1c46 4000 40 06 0000 0a000001 0a000002");
	l4 = put(f, "3039 0050 00000001 00000000 a0 02 7210 0000 0000"
	    "020405b4 0402 080a0000000100000000 01 030307");
	fix_ip4(f, ip);
	fix_l4(f, ip, l4, 40, 16, 6, 1);
	return ip;
}

START_TEST(test_eth_ipv4_tcp)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;

	eth_ip4_tcp_syn(&f);
	ck_assert_uint_eq(f.n, 74);
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.ts_ns, 1000);
	ck_assert_uint_eq(p.wire_len, 74);
	ck_assert_uint_eq(p.cap_len, 74);
	ck_assert_uint_eq(p.ip_version, 4);
	ck_assert_mem_eq(p.src, ip4a, 4);
	ck_assert_mem_eq(p.dst, ip4b, 4);
	ck_assert_uint_eq(p.proto, 6);
	ck_assert_uint_eq(p.ttl, 64);
	ck_assert_uint_eq(p.ip_id, 0x1c46);
	ck_assert_uint_eq(p.frag_flags, NF_FF_DF);
	ck_assert_uint_eq(p.frag_offset, 0);
	ck_assert_uint_eq(p.sport, 12345);
	ck_assert_uint_eq(p.dport, 80);
	ck_assert_uint_eq(p.seq, 1);
	ck_assert_uint_eq(p.ack, 0);
	ck_assert_uint_eq(p.tcp_flags, NF_TH_SYN);
	ck_assert_uint_eq(p.tcp_flags2, 0);
	ck_assert_uint_eq(p.window, 0x7210);
	ck_assert_uint_eq(p.mss, 1460);
	ck_assert_uint_eq(p.wscale, 7);
	ck_assert_uint_eq(p.ip_hdr_len, 20);
	ck_assert_uint_eq(p.l4_hdr_len, 40);
	ck_assert_uint_eq(p.payload_len, 0);
	ck_assert_uint_eq(p.vlan, NF_NO_VLAN);
	ck_assert_uint_eq(p.vlan_inner, NF_NO_VLAN);
	ck_assert_uint_eq(p.snip_len, 0);
	ck_assert_ptr_null(p.frame);
	ck_assert_uint_eq(dec.st.packets, 1);
}
END_TEST

/* A bare ACK in a 60-byte Ethernet frame: the 6 padding bytes are not
 * payload. */
START_TEST(test_eth_padding)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;
	size_t ip, l4;

	put(&f, "001122334455 66778899aabb 0800");
	ip = put(&f, "45 00 0028 0001 0000 80 06 0000 0a000001 0a000002");
	l4 = put(&f, "0400 0016 00000064 000000c8 50 10 ffff 0000 0000");
	fix_ip4(&f, ip);
	fix_l4(&f, ip, l4, 20, 16, 6, 1);
	put(&f, "000000000000");
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.tcp_flags, NF_TH_ACK);
	ck_assert_uint_eq(p.sport, 1024);
	ck_assert_uint_eq(p.dport, 22);
	ck_assert_uint_eq(p.seq, 100);
	ck_assert_uint_eq(p.ack, 200);
	ck_assert_uint_eq(p.l4_hdr_len, 20);
	ck_assert_uint_eq(p.payload_len, 0);
	ck_assert_uint_eq(p.mss, 0);
	ck_assert_uint_eq(p.wscale, NF_NO_WSCALE);
	ck_assert_uint_eq(p.ttl, 128);
}
END_TEST

/* IPv6 UDP (DNS query, 5 payload bytes) with a snippet. */
START_TEST(test_ipv6_udp)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;
	size_t ip, l4;

	put(&f, "001122334455 66778899aabb 86dd");
	ip = put(&f, "60000000 000d 11 40"
	    "20010db8000000000000000000000001"
	    "20010db8000000000000000000000002");
	l4 = put(&f, "c000 0035 000d 0000 6162636465");
	fix_l4(&f, ip, l4, 13, 6, 17, 1);
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.ip_version, 6);
	ck_assert_uint_eq(p.proto, 17);
	ck_assert_uint_eq(p.ttl, 64);
	ck_assert_uint_eq(p.src[15], 1);
	ck_assert_uint_eq(p.dst[15], 2);
	ck_assert_uint_eq(p.src[0], 0x20);
	ck_assert_uint_eq(p.sport, 49152);
	ck_assert_uint_eq(p.dport, 53);
	ck_assert_uint_eq(p.ip_hdr_len, 40);
	ck_assert_uint_eq(p.l4_hdr_len, 8);
	ck_assert_uint_eq(p.payload_len, 5);
	ck_assert_uint_eq(p.snip_len, 5);
	ck_assert_mem_eq(p.snip, "abcde", 5);
}
END_TEST

/* ICMP echo request and ICMPv6 echo reply. */
START_TEST(test_icmp_echo)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;
	size_t ip, l4;

	put(&f, "001122334455 66778899aabb 0800");
	ip = put(&f, "45 00 0020 0002 0000 40 01 0000 0a000001 0a000002");
	l4 = put(&f, "08 00 0000 1234 0001 70696e67");
	fix_ip4(&f, ip);
	fix_l4(&f, ip, l4, 12, 2, 1, 0);
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.proto, 1);
	ck_assert_uint_eq(p.icmp_type, 8);
	ck_assert_uint_eq(p.icmp_code, 0);
	ck_assert_uint_eq(p.icmp_id, 0x1234);
	ck_assert_uint_eq(p.sport, 0);
	ck_assert_uint_eq(p.l4_hdr_len, 8);
	ck_assert_uint_eq(p.payload_len, 4);

	f.n = 0;
	put(&f, "001122334455 66778899aabb 86dd");
	ip = put(&f, "60000000 0008 3a ff"
	    "fe800000000000000000000000000001"
	    "fe800000000000000000000000000002");
	l4 = put(&f, "81 00 0000 beef 0007");
	fix_l4(&f, ip, l4, 8, 2, 58, 1);
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.ip_version, 6);
	ck_assert_uint_eq(p.proto, 58);
	ck_assert_uint_eq(p.ttl, 255);
	ck_assert_uint_eq(p.icmp_type, 129);
	ck_assert_uint_eq(p.icmp_id, 0xbeef);
	ck_assert_uint_eq(p.payload_len, 0);
}
END_TEST

/* ARP is not IP: version 0, no error; an unknown link type is flagged. */
START_TEST(test_non_ip)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;

	put(&f, "ffffffffffff 66778899aabb 0806"
	    "0001 0800 06 04 0001 66778899aabb 0a000001 000000000000 0a000002");
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.ip_version, 0);
	ck_assert_uint_eq(dec.st.non_ip, 1);
	decode(147, &f, &p);
	ck_assert_uint_eq(p.status, NF_ST_LINK_UNSUP);
	ck_assert_uint_eq(p.ip_version, 0);
	ck_assert_uint_eq(dec.st.link_unsup, 1);
	ck_assert_int_eq(nf_linktype_supported(147), 0);
	ck_assert_int_eq(nf_linktype_supported(1), 1);
}
END_TEST

/* Cutting a good frame at every length never crashes and flags it. */
START_TEST(test_truncate_every_length)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;
	size_t n, full;

	eth_ip4_tcp_syn(&f);
	full = f.n;
	for (n = 0; n < full; n++) {
		nf_decode(&dec, 1, 0, f.b, (uint32_t)n, (uint32_t)full, &p);
		ck_assert_msg(p.status & (NF_ST_TRUNCATED | NF_ST_L4_TRUNC),
		    "length %zu: status %#x", n, p.status);
		ck_assert_uint_eq(p.cap_len, n);
		ck_assert(p.ip_version == (n >= 34 ? 4 : 0));
		if (n >= 34) {
			ck_assert_uint_eq(p.payload_len, 0);
			ck_assert(p.status & NF_ST_L4_TRUNC);
		}
		if (n >= 38)
			ck_assert_uint_eq(p.dport, 80);
	}
}
END_TEST

static Suite *
decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_eth_ipv4_tcp);
	tcase_add_test(tc, test_eth_padding);
	tcase_add_test(tc, test_ipv6_udp);
	tcase_add_test(tc, test_icmp_echo);
	tcase_add_test(tc, test_non_ip);
	tcase_add_test(tc, test_truncate_every_length);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(decode_suite());
	int nfail;

	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? 0 : 1;
}
