/* check_decode.c: unit tests for the packet decoder (decode.c, cursor.h). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "decode.h"
#include "testframe.h"

/*
 * Frames are written byte by byte from the RFC header layouts (see
 * testframe.h); expected field values are worked out by hand from those
 * bytes.
 */

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

/* --- table-driven cases ------------------------------------------ */

#define ETH	"001122334455 66778899aabb "
/* IPv4 10.0.0.1 -> 10.0.0.2, TTL 64, TCP, total 44: 20 + TCP 20 + 4. */
#define IP4T	"4500002c 00010000 4006 0000 0a000001 0a000002 "
/* TCP 1024 -> 22, seq 100, ack 200, PSH|ACK, 4 payload bytes. */
#define TCP	"0400 0016 00000064 000000c8 5018 ffff 0000 0000 deadbeef "
#define SRC6	"20010db8000000000000000000000001 "
#define DST6	"20010db8000000000000000000000002 "
/* IPv6 UDP, payload length 12: UDP 8 + 4. */
#define IP6U	"60000000 000c 11 40 " SRC6 DST6
#define UDP	"c000 0035 000c 0000 deadbeef "
#define NOVL	NF_NO_VLAN

struct dcase {
	const char	*name;
	uint32_t	 lt;
	const char	*hex;
	uint16_t	 ip_off;	/* IP header offset, for checksums */
	uint16_t	 l4_off;	/* transport offset; 0: no L4 checksum */
	uint8_t		 ipver;
	uint8_t		 proto;
	uint16_t	 sport;
	uint16_t	 dport;
	uint16_t	 vlan;
	uint16_t	 vlan_inner;
	uint16_t	 ihl;
	uint16_t	 thl;
	uint32_t	 plen;
	uint32_t	 status;
	uint16_t	 hdr_end;	/* shorter captures must be flagged */
	int16_t		 poke;		/* after checksums: flip this byte */
};

static const struct dcase dcases[] = {
	{ "eth-ip4-tcp", 1, ETH "0800" IP4T TCP, 14, 34, 4, 6, 1024, 22,
	    NOVL, NOVL, 20, 20, 4, 0, 54, -1 },
	{ "vlan-depth-3", 1, ETH "88a8 a064 8100 00c8 8100 012c 0800" IP4T TCP,
	    26, 46, 4, 6, 1024, 22, 100, 200, 20, 20, 4, 0, 66, -1 },
	{ "mpls-2-labels", 1, ETH "8847 00010040 00011140" IP4T TCP, 22, 42,
	    4, 6, 1024, 22, NOVL, NOVL, 20, 20, 4, 0, 62, -1 },
	{ "mpls-pw-eth", 1, ETH "8847 00011140 00000000" ETH "0800" IP4T TCP,
	    36, 56, 4, 6, 1024, 22, NOVL, NOVL, 20, 20, 4, 0, 76, -1 },
	{ "pppoe-padded", 1, ETH "8864 1100 0001 002e 0021" IP4T TCP
	    "00000000", 22, 42, 4, 6, 1024, 22, NOVL, NOVL, 20, 20, 4, 0, 62,
	    -1 },
	{ "qinq-pppoe-ip6", 1, ETH "88a8 0064 8100 00c8 8864 1100 0001 0036 0057"
	    IP6U UDP, 30, 70, 6, 17, 49152, 53, 100, 200, 40, 8, 4, 0, 78,
	    -1 },
	{ "sll", 113, "0000 0001 0006 001122334455 0000 0800" IP4T TCP, 16, 36,
	    4, 6, 1024, 22, NOVL, NOVL, 20, 20, 4, 0, 56, -1 },
	{ "sll2", 276, "0800 0000 00000002 0001 00 06 001122334455 0000" IP4T
	    TCP, 20, 40, 4, 6, 1024, 22, NOVL, NOVL, 20, 20, 4, 0, 60, -1 },
	{ "raw-101-ip4", 101, IP4T TCP, 0, 20, 4, 6, 1024, 22, NOVL, NOVL, 20,
	    20, 4, 0, 40, -1 },
	{ "raw-12-ip6", 12, IP6U UDP, 0, 40, 6, 17, 49152, 53, NOVL, NOVL, 40,
	    8, 4, 0, 48, -1 },
	{ "raw-14-ip4", 14, IP4T TCP, 0, 20, 4, 6, 1024, 22, NOVL, NOVL, 20,
	    20, 4, 0, 40, -1 },
	{ "linktype-ipv4", 228, IP4T TCP, 0, 20, 4, 6, 1024, 22, NOVL, NOVL,
	    20, 20, 4, 0, 40, -1 },
	{ "linktype-ipv6", 229, IP6U UDP, 0, 40, 6, 17, 49152, 53, NOVL, NOVL,
	    40, 8, 4, 0, 48, -1 },
	{ "raw-bad-version", 101, "5500002c", 0, 0, 0, 0, 0, 0, NOVL, NOVL,
	    0, 0, 0, NF_ST_MALFORMED, 1, -1 },
	{ "linktype-ipv4-holds-ipv6", 228, IP6U UDP, 0, 40, 6, 17, 49152, 53,
	    NOVL, NOVL, 40, 8, 4, NF_ST_MALFORMED, 48, -1 },
	{ "null-le-inet", 0, "02000000" IP4T TCP, 4, 24, 4, 6, 1024, 22, NOVL,
	    NOVL, 20, 20, 4, 0, 44, -1 },
	{ "null-be-inet6-24", 0, "00000018" IP6U UDP, 4, 44, 6, 17, 49152, 53,
	    NOVL, NOVL, 40, 8, 4, 0, 52, -1 },
	{ "null-le-inet6-28", 0, "1c000000" IP6U UDP, 4, 44, 6, 17, 49152, 53,
	    NOVL, NOVL, 40, 8, 4, 0, 52, -1 },
	{ "loop-be-inet6-30", 108, "0000001e" IP6U UDP, 4, 44, 6, 17, 49152,
	    53, NOVL, NOVL, 40, 8, 4, 0, 52, -1 },
	{ "loop-be-inet", 108, "00000002" IP4T TCP, 4, 24, 4, 6, 1024, 22,
	    NOVL, NOVL, 20, 20, 4, 0, 44, -1 },
	{ "null-other-af", 0, "07000000 0102030405", 0, 0, 0, 0, 0, 0, NOVL,
	    NOVL, 0, 0, 0, 0, 4, -1 },
	{ "ppp-hdlc-addr", 9, "ff03 0021" IP4T TCP, 4, 24, 4, 6, 1024, 22,
	    NOVL, NOVL, 20, 20, 4, 0, 44, -1 },
	{ "ppp-acfc", 9, "0021" IP4T TCP, 2, 22, 4, 6, 1024, 22, NOVL, NOVL,
	    20, 20, 4, 0, 42, -1 },
	{ "ppp-pfc", 9, "21" IP4T TCP, 1, 21, 4, 6, 1024, 22, NOVL, NOVL, 20,
	    20, 4, 0, 41, -1 },
	{ "ppp-ipv6", 9, "ff03 0057" IP6U UDP, 4, 44, 6, 17, 49152, 53, NOVL,
	    NOVL, 40, 8, 4, 0, 52, -1 },
	{ "ppp-lcp", 9, "ff03 c021 0101 0004", 0, 0, 0, 0, 0, 0, NOVL, NOVL,
	    0, 0, 0, 0, 4, -1 },
	{ "ppp-serial", 50, "ff03 0021" IP4T TCP, 4, 24, 4, 6, 1024, 22, NOVL,
	    NOVL, 20, 20, 4, 0, 44, -1 },
	{ "ppp-serial-cisco", 50, "8f00 86dd" IP6U UDP, 4, 44, 6, 17, 49152,
	    53, NOVL, NOVL, 40, 8, 4, 0, 52, -1 },
	{ "c-hdlc", 104, "0f00 0800" IP4T TCP, 4, 24, 4, 6, 1024, 22, NOVL,
	    NOVL, 20, 20, 4, 0, 44, -1 },
	{ "ppp-ether", 51, "1100 0001 002e 0021" IP4T TCP, 8, 28, 4, 6, 1024,
	    22, NOVL, NOVL, 20, 20, 4, 0, 48, -1 },
	{ "nflog", 239, "02 00 0000 0800 0100 08000300 3000 0900" IP4T TCP,
	    16, 36, 4, 6, 1024, 22, NOVL, NOVL, 20, 20, 4, 0, 56, -1 },
	{ "802.3-snap", 1, ETH "0034 aaaa03 000000 0800" IP4T TCP, 22, 42, 4,
	    6, 1024, 22, NOVL, NOVL, 20, 20, 4, 0, 62, -1 },
	{ "802.3-stp", 1, "0180c2000000 66778899aabb 0026 424203 0000 00 00"
	    "8000", 0, 0, 0, 0, 0, 0, NOVL, NOVL, 0, 0, 0, 0, 17, -1 },
	{ "ip4-options", 1, ETH "0800 46000030 00010000 4006 0000 0a000001"
	    "0a000002 01010100" TCP, 14, 38, 4, 6, 1024, 22, NOVL, NOVL, 24, 20,
	    4, 0, 58, -1 },
	{ "ip6-hopopts", 1, ETH "86dd 60000000 0014 00 40" SRC6 DST6
	    "11 00 0104 00000000" UDP, 14, 62, 6, 17, 49152, 53, NOVL, NOVL, 48,
	    8, 4, 0, 70, -1 },
	{ "ip6-routing", 1, ETH "86dd 60000000 0014 2b 40" SRC6 DST6
	    "11 00 04 00 00000000" UDP, 14, 62, 6, 17, 49152, 53, NOVL, NOVL,
	    48, 8, 4, 0, 70, -1 },
	{ "ip6-dstopts", 1, ETH "86dd 60000000 0014 3c 40" SRC6 DST6
	    "11 00 0104 00000000" UDP, 14, 62, 6, 17, 49152, 53, NOVL, NOVL, 48,
	    8, 4, 0, 70, -1 },
	{ "ip6-ah", 1, ETH "86dd 60000000 0024 33 40" SRC6 DST6
	    "11 04 0000 00000100 00000001 000102030405060708090a0b" UDP, 14, 78,
	    6, 17, 49152, 53, NOVL, NOVL, 64, 8, 4, 0, 86, -1 },
	{ "ip6-chain", 1, ETH "86dd 60000000 002c 00 40" SRC6 DST6
	    "3c 00 0104 00000000" "2b 00 0104 00000000" "2c 00 04 00 00000000"
	    "11 00 0000 00000009" UDP, 14, 86, 6, 17, 49152, 53, NOVL, NOVL, 72,
	    8, 4, 0, 94, -1 },
	{ "ip6-esp", 1, ETH "86dd 60000000 0010 32 40" SRC6 DST6
	    "00000100 00000001 deadbeef cafebabe", 14, 0, 6, 50, 0, 0, NOVL,
	    NOVL, 40, 0, 16, 0, 54, -1 },
	{ "ip6-no-next", 1, ETH "86dd 60000000 0000 3b 40" SRC6 DST6, 14, 0, 6,
	    59, 0, 0, NOVL, NOVL, 40, 0, 0, 0, 54, -1 },
	{ "ip4-gre", 1, ETH "0800 4500 001c 0001 0000 40 2f 0000 0a000001"
	    "0a000002 0000 0800 45000000", 14, 0, 4, 47, 0, 0, NOVL, NOVL, 20,
	    0, 8, 0, 34, -1 },
	{ "sctp", 1, ETH "0800 4500 0024 0001 0000 40 84 0000 0a000001"
	    "0a000002 0b59 0b5a 00000001 00000000 01020304", 14, 0, 4, 132,
	    2905, 2906, NOVL, NOVL, 20, 12, 4, 0, 46, -1 },
	{ "icmp-unreach", 1, ETH "0800 4500 0024 0001 0000 40 01 0000 0a000001"
	    "0a000002 0303 0000 00000000 4500001c00010000", 14, 34, 4, 1, 0, 0,
	    NOVL, NOVL, 20, 8, 8, 0, 42, -1 },
	/* Malformed. */
	{ "ip4-ihl-4", 1, ETH "0800 4400002c 00010000 4006 0000 0a000001"
	    "0a000002" TCP, 0, 0, 4, 6, 0, 0, NOVL, NOVL, 16, 0, 0,
	    NF_ST_MALFORMED, 34, -1 },
	{ "ip4-totlen-lt-ihl", 1, ETH "0800 45000010 00010000 4006 0000"
	    "0a000001 0a000002" TCP, 14, 0, 4, 6, 0, 0, NOVL, NOVL, 20, 0, 0,
	    NF_ST_MALFORMED, 34, -1 },
	{ "ip4-version-5", 1, ETH "0800 5500002c 00010000 4006 0000 0a000001"
	    "0a000002" TCP, 0, 0, 0, 0, 0, 0, NOVL, NOVL, 0, 0, 0,
	    NF_ST_MALFORMED, 34, -1 },
	{ "ip6-version-4", 1, ETH "86dd" IP4T TCP, 0, 0, 0, 0, 0, 0, NOVL, NOVL,
	    0, 0, 0, NF_ST_MALFORMED, 54, -1 },
	{ "tcp-doff-4", 1, ETH "0800" IP4T "0400 0016 00000064 000000c8 4018"
	    "ffff 0000 0000 deadbeef", 14, 34, 4, 6, 1024, 22, NOVL, NOVL, 20,
	    16, 0, NF_ST_MALFORMED, 54, -1 },
	{ "tcp-doff-beyond", 1, ETH "0800" IP4T "0400 0016 00000064 000000c8"
	    "f018 ffff 0000 0000 deadbeef", 14, 34, 4, 6, 1024, 22, NOVL, NOVL,
	    20, 60, 0, NF_ST_MALFORMED, 54, -1 },
	{ "tcp-bad-option-len", 1, ETH "0800 4500002c 00010000 4006 0000"
	    "0a000001 0a000002 0400 0016 00000064 000000c8 6002 ffff 0000 0000"
	    "08010000", 14, 34, 4, 6, 1024, 22, NOVL, NOVL, 20, 24, 0,
	    NF_ST_MALFORMED, 58, -1 },
	{ "udp-len-too-big", 1, ETH "86dd" IP6U "c000 0035 0040 0000 deadbeef",
	    14, 54, 6, 17, 49152, 53, NOVL, NOVL, 40, 8, 4, NF_ST_MALFORMED, 62,
	    -1 },
	{ "ip6-ext-beyond-plen", 1, ETH "86dd 60000000 0004 00 40" SRC6 DST6
	    "11 00 0104 00000000", 0, 0, 6, 17, 0, 0, NOVL, NOVL, 40, 0, 0,
	    NF_ST_MALFORMED, 62, -1 },
	/* Checksums: flip a byte after they were computed. */
	{ "bad-ip-csum", 1, ETH "0800" IP4T TCP, 14, 34, 4, 6, 1024, 22, NOVL,
	    NOVL, 20, 20, 4, NF_ST_BAD_IPCSUM, 54, 24 },
	{ "bad-tcp-csum", 1, ETH "0800" IP4T TCP, 14, 34, 4, 6, 1024, 22, NOVL,
	    NOVL, 20, 20, 4, NF_ST_BAD_L4CSUM, 54, 51 },
	{ "bad-udp6-csum", 1, ETH "86dd" IP6U UDP, 14, 54, 6, 17, 49152, 53,
	    NOVL, NOVL, 40, 8, 4, NF_ST_BAD_L4CSUM, 62, 60 },
	{ "udp-no-csum", 1, ETH "0800 4500 0020 0001 0000 40 11 0000 0a000001"
	    "0a000002" UDP, 14, 0, 4, 17, 49152, 53, NOVL, NOVL, 20, 8, 4, 0, 42,
	    -1 },
	{ "bad-icmp-csum", 1, ETH "0800 4500 001c 0001 0000 40 01 0000"
	    "0a000001 0a000002 0800 0000 0001 0001", 14, 34, 4, 1, 0, 0, NOVL,
	    NOVL, 20, 8, 0, NF_ST_BAD_L4CSUM, 42, 40 },
};

/* Fill the IPv4 header checksum and the transport checksum of case c. */
static void
fix_case(struct fb *f, const struct dcase *c)
{
	size_t ip = c->ip_off, l4 = c->l4_off, len;
	int v4 = (f->b[ip] >> 4) == 4;

	if (c->ipver == 4 && v4 && c->ihl >= 20)
		fix_ip4(f, ip);
	if (l4 == 0)
		return;
	if (v4)
		len = (size_t)(f->b[ip + 2] << 8 | f->b[ip + 3]) - (l4 - ip);
	else
		len = (size_t)(f->b[ip + 4] << 8 | f->b[ip + 5]) -
		    (l4 - ip - 40);
	switch (c->proto) {
	case 6:
		fix_l4(f, ip, l4, len, 16, 6, 1);
		break;
	case 17:
		fix_l4(f, ip, l4, len, 6, 17, 1);
		break;
	case 1:
		fix_l4(f, ip, l4, len, 2, 1, 0);
		break;
	case 58:
		fix_l4(f, ip, l4, len, 2, 58, 1);
		break;
	}
}

static void
build_case(struct fb *f, const struct dcase *c)
{
	f->n = 0;
	put(f, c->hex);
	fix_case(f, c);
	if (c->poke >= 0)
		f->b[c->poke] ^= 0x01;
}

START_TEST(test_table)
{
	const struct dcase *c = &dcases[_i];
	struct fb f;
	struct nf_pkt p;

	build_case(&f, c);
	decode(c->lt, &f, &p);
	ck_assert_msg(p.status == c->status, "%s: status %#x, want %#x",
	    c->name, p.status, c->status);
	ck_assert_msg(p.ip_version == c->ipver, "%s: ip_version %u", c->name,
	    p.ip_version);
	ck_assert_msg(p.proto == c->proto, "%s: proto %u", c->name, p.proto);
	ck_assert_msg(p.sport == c->sport && p.dport == c->dport,
	    "%s: ports %u %u", c->name, p.sport, p.dport);
	ck_assert_msg(p.vlan == c->vlan && p.vlan_inner == c->vlan_inner,
	    "%s: vlan %u %u", c->name, p.vlan, p.vlan_inner);
	ck_assert_msg(p.ip_hdr_len == c->ihl, "%s: ip_hdr_len %u", c->name,
	    p.ip_hdr_len);
	ck_assert_msg(p.l4_hdr_len == c->thl, "%s: l4_hdr_len %u", c->name,
	    p.l4_hdr_len);
	ck_assert_msg(p.payload_len == c->plen, "%s: payload_len %u", c->name,
	    p.payload_len);
	if (c->ipver == 4 && c->ihl >= 20) {
		ck_assert_mem_eq(p.src, ip4a, 4);
		ck_assert_mem_eq(p.dst, ip4b, 4);
	}
	if (c->ipver == 6) {
		ck_assert_uint_eq(p.src[15], 1);
		ck_assert_uint_eq(p.dst[15], 2);
	}
	if (c->proto == 6 && c->thl == 20 && c->status == 0) {
		ck_assert_uint_eq(p.seq, 100);
		ck_assert_uint_eq(p.ack, 200);
		ck_assert_uint_eq(p.tcp_flags, NF_TH_PSH | NF_TH_ACK);
		ck_assert_uint_eq(p.window, 0xffff);
		ck_assert_uint_eq(p.ttl, 64);
		ck_assert_uint_eq(p.snip_len, 4);
		ck_assert_mem_eq(p.snip, "\xde\xad\xbe\xef", 4);
	}
}
END_TEST

/*
 * Cut every case at every length: never a crash (the cursor would trip
 * ASan in `make asan`); shorter than the headers means a truncation bit;
 * cutting only payload changes nothing but the snippet and the checksum
 * check.
 */
START_TEST(test_table_cut)
{
	const struct dcase *c = &dcases[_i];
	struct fb f;
	struct nf_pkt full, p;
	uint8_t *copy;
	size_t n;
	uint32_t mask = ~(uint32_t)NF_ST_BAD_L4CSUM;

	build_case(&f, c);
	decode(c->lt, &f, &full);
	for (n = 0; n < f.n; n++) {
		/* An exact-size copy, so ASan sees any overread. */
		copy = malloc(n > 0 ? n : 1);
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, f.b, n);
		nf_decode(&dec, c->lt, 0, copy, (uint32_t)n, (uint32_t)f.n,
		    &p);
		ck_assert(p.snip_len == 0 || (p.snip >= copy &&
		    p.snip + p.snip_len <= copy + n));
		free(copy);
		if (n < c->hdr_end)
			ck_assert_msg(p.status & (NF_ST_TRUNCATED |
			    NF_ST_L4_TRUNC), "%s cut at %zu: status %#x",
			    c->name, n, p.status);
		else {
			ck_assert_msg((p.status & mask) == (full.status & mask),
			    "%s cut at %zu: status %#x", c->name, n, p.status);
			ck_assert_uint_eq(p.payload_len, full.payload_len);
			ck_assert_uint_eq(p.sport, full.sport);
			ck_assert(p.snip_len <= full.snip_len);
		}
	}
}
END_TEST

/* TCP options (MSS, window scale) and the NS/ECE/CWR flags. */
START_TEST(test_tcp_options_flags)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;
	size_t ip, l4;

	put(&f, ETH "0800");
	ip = put(&f, "45000034 00010000 4006 0000 0a000001 0a000002");
	l4 = put(&f, "0400 0016 00000064 00000000 81 c2 ffff 0000 0000"
	    "03030e 01 02040578 01 00 0000");
	fix_ip4(&f, ip);
	fix_l4(&f, ip, l4, 32, 16, 6, 1);
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.tcp_flags, NF_TH_CWR | NF_TH_ECE | NF_TH_SYN);
	ck_assert_uint_eq(p.tcp_flags2, 1);
	ck_assert_uint_eq(p.l4_hdr_len, 32);
	ck_assert_uint_eq(p.mss, 1400);
	ck_assert_uint_eq(p.wscale, 14);
	ck_assert_uint_eq(p.payload_len, 0);
	/* Options cut by the snapshot: MSS still read, L4_TRUNC. */
	nf_decode(&dec, 1, 0, f.b, 14 + 20 + 20 + 8, (uint32_t)f.n, &p);
	ck_assert_uint_eq(p.status, NF_ST_L4_TRUNC);
	ck_assert_uint_eq(p.mss, 1400);
	ck_assert_uint_eq(p.wscale, 14);
	nf_decode(&dec, 1, 0, f.b, 14 + 20 + 20 + 2, (uint32_t)f.n, &p);
	ck_assert_uint_eq(p.status, NF_ST_L4_TRUNC);
	ck_assert_uint_eq(p.mss, 0);
	ck_assert_uint_eq(p.wscale, NF_NO_WSCALE);
	nf_decode(&dec, 1, 0, f.b, 14 + 20 + 20 + 5, (uint32_t)f.n, &p);
	ck_assert_uint_eq(p.mss, 0);
	ck_assert_uint_eq(p.wscale, 14);
}
END_TEST

/*
 * Snapshot length: the IP header's length is believed over the capture;
 * a datagram longer than the frame on the wire is flagged.  Total length
 * 0 (TSO) takes the wire length.
 */
START_TEST(test_lengths)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;
	size_t ip;

	put(&f, ETH "0800");
	ip = put(&f, "45000428 00010000 4006 0000 0a000001 0a000002");
	put(&f, "0400 0016 00000064 000000c8 5018 ffff 0000 0000 deadbeef");
	fix_ip4(&f, ip);
	/* 1064-byte datagram, 58 bytes captured of a 1078-byte frame. */
	nf_decode(&dec, 1, 0, f.b, (uint32_t)f.n, 1078, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.payload_len, 1024);
	ck_assert_uint_eq(p.snip_len, 4);
	/* The wire frame is shorter than the datagram. */
	nf_decode(&dec, 1, 0, f.b, (uint32_t)f.n, 100, &p);
	ck_assert_uint_eq(p.status, NF_ST_TRUNCATED);
	ck_assert_uint_eq(p.payload_len, 100 - 14 - 20 - 20);
	/* All of that frame captured: still no checksum over a cut
	 * datagram. */
	nf_decode(&dec, 1, 0, f.b, (uint32_t)f.n, (uint32_t)f.n, &p);
	ck_assert_uint_eq(p.status, NF_ST_TRUNCATED);
	ck_assert_uint_eq(p.payload_len, 4);
	/* TSO: total length 0. */
	f.b[ip + 2] = f.b[ip + 3] = 0;
	fix_ip4(&f, ip);
	nf_decode(&dec, 1, 0, f.b, (uint32_t)f.n, 9014, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.payload_len, 9000 - 20 - 20);
}
END_TEST

/* IPv6 jumbogram (RFC 2675): payload length 0, jumbo option 65548. */
START_TEST(test_jumbo)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;

	put(&f, ETH "86dd 60000000 0000 00 40" SRC6 DST6
	    "11 00 c2 04 0001000c" "c000 0035 0000 0000 deadbeef");
	nf_decode(&dec, 1, 0, f.b, (uint32_t)f.n, 14 + 40 + 65548, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.proto, 17);
	ck_assert_uint_eq(p.ip_hdr_len, 48);
	ck_assert_uint_eq(p.payload_len, 65548 - 8 - 8);
	ck_assert_uint_eq(p.dport, 53);
}
END_TEST

/*
 * A type 0 routing header with a segment left: the ICMPv6 checksum uses
 * the final destination, the header's last address (RFC 8200 8.1).
 */
START_TEST(test_routing_csum)
{
	struct fb f = { .n = 0 };
	struct nf_pkt p;
	uint8_t first[16];
	size_t ip, l4;

	put(&f, ETH "86dd");
	ip = put(&f, "60000000 0020 2b 40" SRC6 DST6);
	put(&f, "3a 02 00 01 00000000 20010db8000000000000000000000009");
	l4 = put(&f, "80 00 0000 0001 0002");
	/* Checksum with the final address in place of the first hop. */
	memcpy(first, f.b + ip + 24, 16);
	memcpy(f.b + ip + 24, f.b + l4 - 16, 16);
	fix_l4(&f, ip, l4, 8, 2, 58, 1);
	memcpy(f.b + ip + 24, first, 16);
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.ip_hdr_len, 64);
	ck_assert_uint_eq(p.icmp_type, 128);
	ck_assert_uint_eq(p.icmp_id, 1);
	ck_assert_uint_eq(p.dst[15], 2);
	/* The same with the first hop's address is wrong. */
	fix_l4(&f, ip, l4, 8, 2, 58, 1);
	decode(1, &f, &p);
	ck_assert_uint_eq(p.status, NF_ST_BAD_L4CSUM);
}
END_TEST

/* The cursor: reads past the end set the sticky error and return 0. */
START_TEST(test_cursor)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6, 7 };
	struct nf_cur c;
	uint8_t out[4];

	nf_cur_init(&c, b, sizeof(b));
	ck_assert_uint_eq(nf_get_be16(&c), 0x0102);
	ck_assert_uint_eq(nf_get_le16(&c), 0x0403);
	ck_assert_uint_eq(nf_cur_left(&c), 3);
	ck_assert_uint_eq(nf_get_be32(&c), 0);
	ck_assert_int_eq(nf_cur_err(&c), 1);
	ck_assert_uint_eq(nf_cur_left(&c), 3);
	ck_assert_uint_eq(nf_get_u8(&c), 5);
	ck_assert_int_eq(nf_get_bytes(&c, out, 3), -1);
	ck_assert_int_eq(nf_get_bytes(&c, out, 2), 0);
	ck_assert_mem_eq(out, "\x06\x07", 2);
	ck_assert_uint_eq(nf_get_u8(&c), 0);
	ck_assert_int_eq(nf_skip(&c, (size_t)-1), -1);
	ck_assert_ptr_null(nf_get_ptr(&c, 1));

	nf_cur_init(&c, b, sizeof(b));
	ck_assert_uint_eq(nf_get_le32(&c), 0x04030201);
	nf_cur_limit(&c, 2);
	ck_assert_uint_eq(nf_cur_left(&c), 2);
	nf_cur_limit(&c, 100);
	ck_assert_uint_eq(nf_cur_left(&c), 2);
	ck_assert_int_eq(nf_skip(&c, SIZE_MAX), -1);
	ck_assert_uint_eq(nf_peek_u8(&c, 1), 6);
	ck_assert_int_eq(nf_cur_err(&c), 1);
	nf_cur_init(&c, NULL, 10);
	ck_assert_uint_eq(nf_cur_left(&c), 0);
}
END_TEST

/* The END counters. */
START_TEST(test_stats_end)
{
	struct nf_end e;
	struct fb f = { .n = 0 };
	struct nf_pkt p;

	put(&f, "ff");
	decode(1, &f, &p);
	decode(147, &f, &p);
	nf_end_init(&e);
	ck_assert_int_eq(nf_decode_stats_end(&dec.st, "pcap2pkt", &e), 0);
	ck_assert_uint_eq(nf_end_get(&e, "pcap2pkt.packets"), 2);
	ck_assert_uint_eq(nf_end_get(&e, "pcap2pkt.truncated"), 1);
	ck_assert_uint_eq(nf_end_get(&e, "pcap2pkt.link_unsup"), 1);
	ck_assert_uint_eq(e.count, 3);
	nf_end_free(&e);
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
	tcase_add_loop_test(tc, test_table, 0,
	    (int)(sizeof(dcases) / sizeof(dcases[0])));
	tcase_add_loop_test(tc, test_table_cut, 0,
	    (int)(sizeof(dcases) / sizeof(dcases[0])));
	tcase_add_test(tc, test_tcp_options_flags);
	tcase_add_test(tc, test_lengths);
	tcase_add_test(tc, test_jumbo);
	tcase_add_test(tc, test_routing_csum);
	tcase_add_test(tc, test_cursor);
	tcase_add_test(tc, test_stats_end);
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
