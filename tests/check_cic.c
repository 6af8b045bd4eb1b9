/* check_cic.c: unit tests for the CIC feature accumulator (cic.c). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cic.h"
#include "check_util.h"

/*
 * Every expected value below is worked out by hand from the packet
 * sequence next to it (spec/cic.md sections 3 and 4); the arithmetic is
 * in the comments.  Times are microseconds after T0.
 */

#define T0	1500000000000000LL	/* 2017-07-14T02:40:00Z in us */
#define EPS	1e-6

struct p {
	int64_t		 t;		/* us after T0 */
	int		 dir;
	uint32_t	 len;		/* payload */
	uint16_t	 hdr;		/* L4 header */
	uint8_t		 flags;
	uint16_t	 win;
	uint32_t	 seq;
};

enum { SYN = NF_TH_SYN, ACK = NF_TH_ACK, FIN = NF_TH_FIN, PSH = NF_TH_PSH,
	URG = NF_TH_URG, RST = NF_TH_RST };

static struct cic_counts counts;

static void
mkpkt(struct nf_pkt *k, const struct p *q, uint8_t proto)
{
	static const uint8_t a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, 0, 2 };

	memset(k, 0, sizeof(*k));
	k->ts_ns = (uint64_t)(T0 + q->t) * 1000;
	k->flow_id = 1;
	k->ip_version = 4;
	k->proto = proto;
	k->dir = (uint8_t)q->dir;
	memcpy(k->src, q->dir ? b : a, 4);
	memcpy(k->dst, q->dir ? a : b, 4);
	k->sport = q->dir ? 80 : 1000;
	k->dport = q->dir ? 1000 : 80;
	k->payload_len = q->len;
	k->l4_hdr_len = q->hdr;
	k->ip_hdr_len = 20;
	k->tcp_flags = proto == 6 ? q->flags : 0;
	k->window = q->win;
	k->seq = q->seq;
	k->vlan = k->vlan_inner = NF_NO_VLAN;
	k->wire_len = k->cap_len = 14 + 20 + q->hdr + q->len;
}

/* Run n packets through a fresh accumulator and fill row. */
static void
run(const struct p *seq, size_t n, uint8_t proto, enum cic_compat c,
    struct cic_row *row)
{
	struct cic_opts o;
	struct cic_flow f;
	struct nf_pkt k;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.compat = c;
	o.label = "L";
	cic_flow_init(&f, 1);
	for (i = 0; i < n; i++) {
		mkpkt(&k, &seq[i], proto);
		ck_assert_int_eq(cic_flow_add(&f, &k, &o, &counts), 0);
	}
	cic_fill(&f, &o, row);
	cic_flow_release(&f);
}

#define D(col)	(row.v[col].u.d)
#define I(col)	(row.v[col].u.i)
#define ck_d(col, want) ck_assert_double_eq_tol(D(col), (want), EPS)
#define ck_i(col, want) ck_assert_int_eq(I(col), (want))

/*
 * S1: a small TCP connection.
 *   #  t     dir len hdr flags     win  seq
 *   1  0     fwd   0  40 SYN       1000 100
 *   2  100   bwd   0  40 SYN|ACK   2000 500
 *   3  200   fwd   0  20 ACK       1001 101
 *   4  1000  fwd 100  20 PSH|ACK   1001 101
 *   5  1500  bwd 300  20 PSH|ACK   2001 501
 *   6  3500  bwd 500  32 ACK|URG   2002 801
 *   7  4000  fwd   0  20 FIN|ACK   1001 201
 */
static const struct p s1[] = {
	{ 0, 0, 0, 40, SYN, 1000, 100 },
	{ 100, 1, 0, 40, SYN | ACK, 2000, 500 },
	{ 200, 0, 0, 20, ACK, 1001, 101 },
	{ 1000, 0, 100, 20, PSH | ACK, 1001, 101 },
	{ 1500, 1, 300, 20, PSH | ACK, 2001, 501 },
	{ 3500, 1, 500, 32, ACK | URG, 2002, 801 },
	{ 4000, 0, 0, 20, FIN | ACK, 1001, 201 },
};

START_TEST(test_lengths)
{
	struct cic_row row;

	run(s1, 7, 6, CIC_CORRECTED, &row);
	/* Duration 4000 - 0. */
	ck_i(CC_DURATION, 4000);
	/* fwd: #1,3,4,7 payloads 0,0,100,0; bwd: #2,5,6 payloads 0,300,500. */
	ck_i(CC_FWD_PKTS, 4);
	ck_i(CC_BWD_PKTS, 3);
	ck_i(CC_FWD_BYTES, 100);
	ck_i(CC_BWD_BYTES, 800);
	ck_d(CC_FWD_LEN_MAX, 100);
	ck_d(CC_FWD_LEN_MIN, 0);
	/* mean 100/4 = 25; deviations -25,-25,75,-25: 3*625 + 5625 = 7500,
	 * / 3 = 2500, std 50. */
	ck_d(CC_FWD_LEN_MEAN, 25);
	ck_d(CC_FWD_LEN_STD, 50);
	/* bwd mean 800/3; sum of squares 90000 + 250000 = 340000, minus
	 * 3 * (800/3)^2 = 640000/3: m2 = 380000/3, var = m2/2 = 190000/3. */
	ck_d(CC_BWD_LEN_MEAN, 800.0 / 3);
	ck_d(CC_BWD_LEN_STD, sqrt(190000.0 / 3));
	ck_d(CC_BWD_LEN_MAX, 500);
	ck_d(CC_BWD_LEN_MIN, 0);
	/* All 7: 0,0,0,100,300,500,0: sum 900, squares 350000,
	 * m2 = 350000 - 810000/7 = 1640000/7, var = m2/6. */
	ck_d(CC_LEN_MIN, 0);
	ck_d(CC_LEN_MAX, 500);
	ck_d(CC_LEN_MEAN, 900.0 / 7);
	ck_d(CC_LEN_VAR, 1640000.0 / 42);
	ck_d(CC_LEN_STD, sqrt(1640000.0 / 42));
	ck_d(CC_AVG_PKT, 900.0 / 7);
	ck_d(CC_FWD_SEG_AVG, 25);
	ck_d(CC_BWD_SEG_AVG, 800.0 / 3);
	/* Rates over 4000 us = 0.004 s: 900 B -> 225000 B/s, 7 pkts ->
	 * 1750/s, fwd 4 -> 1000/s, bwd 3 -> 750/s. */
	ck_d(CC_FLOW_BYTES_S, 225000);
	ck_d(CC_FLOW_PKTS_S, 1750);
	ck_d(CC_FWD_PKTS_S, 1000);
	ck_d(CC_BWD_PKTS_S, 750);
	/* Down/Up 3/4; subflows: no gap over 1 s -> 1 subflow = totals. */
	ck_d(CC_DOWN_UP, 0.75);
	ck_d(CC_SF_FWD_PKTS, 4);
	ck_d(CC_SF_FWD_BYTES, 100);
	ck_d(CC_SF_BWD_PKTS, 3);
	ck_d(CC_SF_BWD_BYTES, 800);
	/* Packets with payload: fwd #4; bwd #5, #6. */
	ck_i(CC_FWD_ACT_DATA, 1);
	ck_i(CC_BWD_ACT_DATA, 2);
}
END_TEST

START_TEST(test_iat)
{
	struct cic_row row;

	run(s1, 7, 6, CIC_CORRECTED, &row);
	/* Flow gaps 100,100,800,500,2000,500: sum 4000, n 6, mean 2000/3;
	 * squares 20000+640000+500000+4000000 = 5160000, minus
	 * 6*(2000/3)^2 = 8000000/3: m2 = 7480000/3, var = m2/5. */
	ck_d(CC_IAT_MEAN, 2000.0 / 3);
	ck_d(CC_IAT_STD, sqrt(7480000.0 / 15));
	ck_d(CC_IAT_MAX, 2000);
	ck_d(CC_IAT_MIN, 100);
	/* fwd times 0,200,1000,4000: gaps 200,800,3000, total 4000, mean
	 * 4000/3; squares 9680000 - 16000000/3 = 13040000/3 = m2; var m2/2. */
	ck_d(CC_FWD_IAT_TOT, 4000);
	ck_d(CC_FWD_IAT_MEAN, 4000.0 / 3);
	ck_d(CC_FWD_IAT_STD, sqrt(13040000.0 / 6));
	ck_d(CC_FWD_IAT_MAX, 3000);
	ck_d(CC_FWD_IAT_MIN, 200);
	/* bwd times 100,1500,3500: gaps 1400, 2000; mean 1700, deviations
	 * +-300, var 180000. */
	ck_d(CC_BWD_IAT_TOT, 3400);
	ck_d(CC_BWD_IAT_MEAN, 1700);
	ck_d(CC_BWD_IAT_STD, sqrt(180000.0));
	ck_d(CC_BWD_IAT_MAX, 2000);
	ck_d(CC_BWD_IAT_MIN, 1400);
}
END_TEST

START_TEST(test_flags_headers_windows)
{
	struct cic_row row;

	run(s1, 7, 6, CIC_CORRECTED, &row);
	/* PSH: #4 fwd, #5 bwd; URG: #6 bwd. */
	ck_i(CC_FWD_PSH, 1);
	ck_i(CC_BWD_PSH, 1);
	ck_i(CC_FWD_URG, 0);
	ck_i(CC_BWD_URG, 1);
	ck_i(CC_FWD_RST, 0);
	ck_i(CC_BWD_RST, 0);
	/* FIN #7; SYN #1,#2; ACK #2..#7. */
	ck_i(CC_FIN, 1);
	ck_i(CC_SYN, 2);
	ck_i(CC_RST, 0);
	ck_i(CC_PSH, 2);
	ck_i(CC_ACK, 6);
	ck_i(CC_URG, 1);
	ck_i(CC_CWR, 0);
	ck_i(CC_ECE, 0);
	/* Headers: fwd 40+20+20+20 = 100, bwd 40+20+32 = 92; minimum 20
	 * both ways. */
	ck_i(CC_FWD_HDR, 100);
	ck_i(CC_BWD_HDR, 92);
	ck_i(CC_FWD_SEG_MIN, 20);
	ck_i(CC_BWD_SEG_MIN, 20);
	/* Initial windows: first fwd packet 1000, first bwd packet 2000. */
	ck_i(CC_INIT_WIN_FWD, 1000);
	ck_i(CC_INIT_WIN_BWD, 2000);
	/* No bulk (at most 2 payload packets in a row), no retransmission:
	 * fwd ends 101, 201, 202; bwd 501, 801, 1301 all advance. */
	ck_d(CC_FWD_BULK_BYTES, 0);
	ck_d(CC_BWD_BULK_BYTES, 0);
	ck_i(CC_TOT_RETRANS, 0);
	/* One active period, the whole flow (final period, defect 9). */
	ck_d(CC_ACT_MEAN, 4000);
	ck_d(CC_ACT_STD, 0);
	ck_d(CC_ACT_MAX, 4000);
	ck_d(CC_ACT_MIN, 4000);
	ck_d(CC_IDLE_MEAN, 0);
	ck_d(CC_IDLE_MAX, 0);
	ck_i(CC_ICMP_TYPE, -1);
	ck_i(CC_ICMP_CODE, -1);
	ck_i(CC_PROTO, 6);
	ck_i(CC_SRC_PORT, 1000);
	ck_i(CC_DST_PORT, 80);
	ck_assert_str_eq(row.src, "10.0.0.1");
	ck_assert_str_eq(row.dst, "10.0.0.2");
	ck_assert_str_eq(row.flow_id, "10.0.0.1-10.0.0.2-1000-80-6");
	ck_assert_str_eq(row.ts, "2017-07-14T02:40:00.000000Z");
}
END_TEST

START_TEST(test_s1_cic2017)
{
	struct cic_row row;

	run(s1, 7, 6, CIC_2017, &row);
	/* Same counts, bytes and gaps. */
	ck_i(CC_FWD_PKTS, 4);
	ck_i(CC_BWD_BYTES, 800);
	ck_d(CC_IAT_MEAN, 2000.0 / 3);
	/* First packet twice in the length statistics (defect 4): 8
	 * values, five 0s and 100, 300, 500: mean 900/8 = 112.5; squares
	 * 350000 - 8 * 112.5^2 = 248750 = m2, var m2/7.  Average Packet
	 * Size (900 + 0) / 7. */
	ck_d(CC_LEN_MEAN, 112.5);
	ck_d(CC_LEN_VAR, 248750.0 / 7);
	ck_d(CC_LEN_STD, sqrt(248750.0 / 7));
	ck_d(CC_AVG_PKT, 900.0 / 7);
	/* Flags from the first packet (SYN) only, printed in HashMap order
	 * RST,PSH,ECE,SYN,ACK,FIN,URG,CWR under FIN..ECE: the SYN count
	 * lands in the 4th column, PSH. */
	ck_i(CC_FIN, 0);
	ck_i(CC_SYN, 0);
	ck_i(CC_RST, 0);
	ck_i(CC_PSH, 1);
	ck_i(CC_ACK, 0);
	ck_i(CC_URG, 0);
	ck_i(CC_FWD_PSH, 0);
	ck_i(CC_BWD_PSH, 0);
	ck_i(CC_BWD_URG, 0);
	/* Integer Down/Up: 3/4 -> 0; subflow = totals; no bulk. */
	ck_d(CC_DOWN_UP, 0);
	ck_d(CC_SF_FWD_PKTS, 4);
	ck_d(CC_SF_BWD_BYTES, 800);
	ck_d(CC_FWD_BULK_BYTES, 0);
	/* Windows: first packet 1000; backward = the last one, #6: 2002. */
	ck_i(CC_INIT_WIN_FWD, 1000);
	ck_i(CC_INIT_WIN_BWD, 2002);
	/* act_data_pkt_fwd skips the first packet (it has none anyway). */
	ck_i(CC_FWD_ACT_DATA, 1);
	/* No final active period. */
	ck_d(CC_ACT_MEAN, 0);
	/* Canonical id: 10.0.0.1 < 10.0.0.2 byte-wise, so unchanged. */
	ck_assert_str_eq(row.flow_id, "10.0.0.1-10.0.0.2-1000-80-6");
	ck_assert_str_eq(row.ts, "14/07/2017 02:40:00");
}
END_TEST

/* S2: one UDP packet, 50 bytes payload, 8-byte header. */
static const struct p s2[] = { { 0, 0, 50, 8, 0, 0, 0 } };
/* S2b: one TCP SYN without payload. */
static const struct p s2b[] = { { 0, 0, 0, 40, SYN, 512, 7 } };
/* S2c: two packets at the same time (zero duration, one gap of 0). */
static const struct p s2c[] = { { 5, 0, 10, 8, 0, 0, 0 },
	{ 5, 1, 30, 8, 0, 0, 0 } };

START_TEST(test_one_packet)
{
	struct cic_row row;
	int c;

	run(s2, 1, 17, CIC_CORRECTED, &row);
	ck_i(CC_DURATION, 0);
	ck_i(CC_FWD_PKTS, 1);
	ck_i(CC_BWD_PKTS, 0);
	ck_d(CC_FWD_LEN_MEAN, 50);
	ck_d(CC_FWD_LEN_STD, 0);	/* n = 1 */
	/* Zero duration: rates 0 (documented). */
	ck_d(CC_FLOW_BYTES_S, 0);
	ck_d(CC_FLOW_PKTS_S, 0);
	ck_d(CC_FWD_PKTS_S, 0);
	/* No gap at all: IAT columns 0. */
	for (c = CC_IAT_MEAN; c <= CC_BWD_IAT_MIN; c++)
		ck_assert_msg(D(c) == 0, "column %d", c);
	ck_d(CC_LEN_MEAN, 50);
	ck_d(CC_AVG_PKT, 50);
	ck_d(CC_DOWN_UP, 0);
	ck_d(CC_SF_FWD_PKTS, 1);
	ck_i(CC_INIT_WIN_FWD, 0);	/* UDP */
	ck_i(CC_INIT_WIN_BWD, 0);
	ck_i(CC_FWD_ACT_DATA, 1);
	ck_i(CC_FWD_HDR, 8);
	ck_i(CC_FWD_SEG_MIN, 8);
	ck_i(CC_BWD_SEG_MIN, 0);
	/* Active period of length 0 is not a period. */
	ck_d(CC_ACT_MEAN, 0);
	ck_d(CC_IDLE_MEAN, 0);
	ck_i(CC_PROTO, 17);

	run(s2, 1, 17, CIC_2017, &row);
	/* Java: 50 / 0.0 = Infinity, 1 / 0.0 = Infinity; an empty
	 * SummaryStatistics gives NaN for the flow IAT. */
	ck_assert(isinf(D(CC_FLOW_BYTES_S)) && D(CC_FLOW_BYTES_S) > 0);
	ck_assert(isinf(D(CC_FLOW_PKTS_S)));
	ck_assert(isnan(D(CC_IAT_MEAN)) && isnan(D(CC_IAT_MIN)));
	ck_d(CC_FWD_IAT_MEAN, 0);
	ck_d(CC_FWD_PKTS_S, 0);
	/* -1 windows for UDP; first packet twice: mean 50, avg (50+50)/1;
	 * act data skips the first packet. */
	ck_i(CC_INIT_WIN_FWD, -1);
	ck_i(CC_INIT_WIN_BWD, -1);
	ck_d(CC_LEN_MEAN, 50);
	ck_d(CC_AVG_PKT, 100);
	ck_i(CC_FWD_ACT_DATA, 0);

	run(s2b, 1, 6, CIC_2017, &row);
	/* 0 bytes / 0.0 = NaN. */
	ck_assert(isnan(D(CC_FLOW_BYTES_S)));
	ck_assert(isinf(D(CC_FLOW_PKTS_S)));
	ck_i(CC_INIT_WIN_FWD, 512);
	ck_i(CC_INIT_WIN_BWD, -1);

	run(s2c, 2, 17, CIC_CORRECTED, &row);
	/* Zero duration with one gap of 0: IAT 0, rates 0. */
	ck_i(CC_DURATION, 0);
	ck_d(CC_FLOW_BYTES_S, 0);
	ck_d(CC_IAT_MAX, 0);
	ck_d(CC_DOWN_UP, 1);
	run(s2c, 2, 17, CIC_2017, &row);
	/* 40 B / 0.0; the gap exists, so IAT is 0, not NaN. */
	ck_assert(isinf(D(CC_FLOW_BYTES_S)));
	ck_d(CC_IAT_MEAN, 0);
	ck_d(CC_DOWN_UP, 1);
}
END_TEST

/* S3: backward packets only: t 0 len 10 win 500; t 1000 len 30 win 600. */
static const struct p s3[] = {
	{ 0, 1, 10, 20, ACK, 500, 1 },
	{ 1000, 1, 30, 20, ACK, 600, 11 },
};

START_TEST(test_backward_only)
{
	struct cic_row row;

	run(s3, 2, 6, CIC_CORRECTED, &row);
	ck_i(CC_FWD_PKTS, 0);
	ck_i(CC_BWD_PKTS, 2);
	ck_d(CC_FWD_LEN_MAX, 0);
	ck_d(CC_FWD_LEN_MEAN, 0);
	/* bwd 10, 30: mean 20, deviations +-10, var 200, std sqrt(200). */
	ck_d(CC_BWD_LEN_MEAN, 20);
	ck_d(CC_BWD_LEN_STD, sqrt(200.0));
	/* Down/Up with no forward packet: 0. */
	ck_d(CC_DOWN_UP, 0);
	ck_i(CC_FWD_SEG_MIN, 0);
	ck_i(CC_BWD_SEG_MIN, 20);
	ck_d(CC_BWD_IAT_TOT, 1000);
	ck_d(CC_BWD_IAT_STD, 0);
	ck_d(CC_FWD_IAT_TOT, 0);
	/* 40 B over 0.001 s; 2 bwd packets over 0.001 s. */
	ck_d(CC_FLOW_BYTES_S, 40000);
	ck_d(CC_BWD_PKTS_S, 2000);
	ck_d(CC_FWD_PKTS_S, 0);
	ck_i(CC_INIT_WIN_FWD, 0);
	ck_i(CC_INIT_WIN_BWD, 500);
	ck_i(CC_BWD_PSH, 0);
	ck_i(CC_ACK, 2);
	/* The key comes from the first packet, turned to the originator
	 * orientation: dir 1 means src is the responder. */
	ck_assert_str_eq(row.src, "10.0.0.1");
	ck_i(CC_SRC_PORT, 1000);

	run(s3, 2, 6, CIC_2017, &row);
	/* The reference's first packet is forward by definition: its window
	 * is the "forward" one; later backward packets overwrite bwd. */
	ck_i(CC_INIT_WIN_FWD, 500);
	ck_i(CC_INIT_WIN_BWD, 600);
	ck_i(CC_ACK, 1);
}
END_TEST

/*
 * S4: UDP, a 6 s gap.  fwd 10 B at 0, 500, 1000, 6001000, 6002000; bwd
 * 20 B at 6003000.  Gaps 500, 500, 6000000, 1000, 1000.
 */
static const struct p s4[] = {
	{ 0, 0, 10, 8, 0, 0, 0 },
	{ 500, 0, 10, 8, 0, 0, 0 },
	{ 1000, 0, 10, 8, 0, 0, 0 },
	{ 6001000, 0, 10, 8, 0, 0, 0 },
	{ 6002000, 0, 10, 8, 0, 0, 0 },
	{ 6003000, 1, 20, 8, 0, 0, 0 },
};

START_TEST(test_active_idle_subflow)
{
	struct cic_row row;

	run(s4, 6, 17, CIC_CORRECTED, &row);
	ck_i(CC_DURATION, 6003000);
	/* Gap 6000000 > 5 s: active 1000 - 0 = 1000, idle 6000000; final
	 * active 6003000 - 6001000 = 2000.  Active {1000, 2000}: mean
	 * 1500, deviations +-500, var 500000. */
	ck_d(CC_ACT_MEAN, 1500);
	ck_d(CC_ACT_STD, sqrt(500000.0));
	ck_d(CC_ACT_MAX, 2000);
	ck_d(CC_ACT_MIN, 1000);
	ck_d(CC_IDLE_MEAN, 6000000);
	ck_d(CC_IDLE_STD, 0);
	ck_d(CC_IDLE_MAX, 6000000);
	ck_d(CC_IDLE_MIN, 6000000);
	/* One gap over 1 s: 2 subflows. fwd 5 pkts 50 B, bwd 1 pkt 20 B. */
	ck_d(CC_SF_FWD_PKTS, 2.5);
	ck_d(CC_SF_FWD_BYTES, 25);
	ck_d(CC_SF_BWD_PKTS, 0.5);
	ck_d(CC_SF_BWD_BYTES, 10);
	/* Down/Up 1/5. */
	ck_d(CC_DOWN_UP, 0.2);

	run(s4, 6, 17, CIC_2017, &row);
	/* No final period: active {1000}, idle {6000000}. */
	ck_d(CC_ACT_MEAN, 1000);
	ck_d(CC_ACT_MAX, 1000);
	ck_d(CC_IDLE_MEAN, 6000000);
	/* Subflow = totals. */
	ck_d(CC_SF_FWD_PKTS, 5);
	ck_d(CC_SF_FWD_BYTES, 50);
	ck_d(CC_SF_BWD_PKTS, 1);
	ck_d(CC_DOWN_UP, 0);
}
END_TEST

/* S4b: TCP, the closing FIN after a 6 s gap: t 0 SYN, 1000 ACK, 7001000
 * FIN+ACK. */
static const struct p s4b[] = {
	{ 0, 0, 0, 20, SYN, 1, 1 },
	{ 1000, 1, 0, 20, SYN | ACK, 1, 1 },
	{ 7001000, 0, 0, 20, FIN | ACK, 1, 2 },
};

START_TEST(test_active_idle_fin)
{
	struct cic_row row;

	run(s4b, 3, 6, CIC_CORRECTED, &row);
	/* Gap 7000000: active 1000 - 0, idle 7000000; the final period
	 * (one packet, length 0) is not counted. */
	ck_d(CC_ACT_MEAN, 1000);
	ck_d(CC_IDLE_MEAN, 7000000);
	run(s4b, 3, 6, CIC_2017, &row);
	/* The reference skips active/idle for the packet that closes the
	 * flow (its FIN). */
	ck_d(CC_ACT_MEAN, 0);
	ck_d(CC_IDLE_MEAN, 0);
}
END_TEST

/*
 * S5: bulks.  fwd 100 B at 0, 100, 200, 300, 400; bwd 200 B at 1000,
 * 1100, 1200, 1300; fwd ACK (no payload) at 1400.
 */
static const struct p s5[] = {
	{ 0, 0, 100, 20, ACK, 10, 1 },
	{ 100, 0, 100, 20, ACK, 10, 101 },
	{ 200, 0, 100, 20, ACK, 10, 201 },
	{ 300, 0, 100, 20, ACK, 10, 301 },
	{ 400, 0, 100, 20, ACK, 10, 401 },
	{ 1000, 1, 200, 20, ACK, 20, 1 },
	{ 1100, 1, 200, 20, ACK, 20, 201 },
	{ 1200, 1, 200, 20, ACK, 20, 401 },
	{ 1300, 1, 200, 20, ACK, 20, 601 },
	{ 1400, 0, 0, 20, ACK, 10, 501 },
};

/* S5b: bwd payload in between resets the fwd candidate: fwd at 0, 100;
 * bwd at 150; fwd at 200, 300, 400 -> the fwd run restarts at 200 and
 * has only 3 packets. */
static const struct p s5b[] = {
	{ 0, 0, 100, 20, ACK, 10, 1 },
	{ 100, 0, 100, 20, ACK, 10, 101 },
	{ 150, 1, 50, 20, ACK, 20, 1 },
	{ 200, 0, 100, 20, ACK, 10, 201 },
	{ 300, 0, 100, 20, ACK, 10, 301 },
	{ 400, 0, 100, 20, ACK, 10, 401 },
};

START_TEST(test_bulk)
{
	struct cic_row row;

	run(s5, 10, 6, CIC_CORRECTED, &row);
	/* fwd: 4th packet (300) makes a bulk of 4 pkts, 400 B, duration
	 * 300 - 0; 5th adds 1 pkt, 100 B, 400 - 300: 1 bulk, 5 pkts,
	 * 500 B, 400 us -> 500 B/bulk, 5 pkts/bulk, 500/0.0004 B/s. */
	ck_d(CC_FWD_BULK_BYTES, 500);
	ck_d(CC_FWD_BULK_PKTS, 5);
	ck_d(CC_FWD_BULK_RATE, 1250000);
	/* bwd: 4 pkts, 800 B, 1300 - 1000 = 300 us. */
	ck_d(CC_BWD_BULK_BYTES, 800);
	ck_d(CC_BWD_BULK_PKTS, 4);
	ck_d(CC_BWD_BULK_RATE, 800 / 0.0003);
	ck_i(CC_FWD_ACT_DATA, 5);
	ck_i(CC_BWD_ACT_DATA, 4);

	run(s5, 10, 6, CIC_2017, &row);
	ck_d(CC_FWD_BULK_BYTES, 0);
	ck_d(CC_BWD_BULK_BYTES, 0);
	ck_d(CC_BWD_BULK_RATE, 0);
	/* act_data_pkt_fwd skips the first packet: 4. */
	ck_i(CC_FWD_ACT_DATA, 4);

	run(s5b, 6, 6, CIC_CORRECTED, &row);
	ck_d(CC_FWD_BULK_BYTES, 0);
	ck_d(CC_FWD_BULK_PKTS, 0);
	ck_d(CC_BWD_BULK_BYTES, 0);
}
END_TEST

/* S6: fwd seq 1000 len 100, the same again, then 1100 len 50; bwd SYN
 * seq 7 twice. */
static const struct p s6[] = {
	{ 0, 0, 100, 20, ACK, 1, 1000 },
	{ 10, 0, 100, 20, ACK, 1, 1000 },
	{ 20, 0, 50, 20, ACK, 1, 1100 },
	{ 30, 1, 0, 20, SYN | ACK, 1, 7 },
	{ 40, 1, 0, 20, SYN | ACK, 1, 7 },
	{ 50, 1, 0, 20, ACK, 1, 8 },
};

START_TEST(test_retrans)
{
	struct cic_row row;

	run(s6, 6, 6, CIC_CORRECTED, &row);
	/* fwd: end 1100, then 1100 again (not beyond: retransmission),
	 * then 1150.  bwd: SYN ends 8, again 8 (retransmission); the bare
	 * ACK occupies no sequence space. */
	ck_i(CC_FWD_RETRANS, 1);
	ck_i(CC_BWD_RETRANS, 1);
	ck_i(CC_TOT_RETRANS, 2);
}
END_TEST

/* S7: packets out of order: t 1000, 500, 2000 (all fwd, 1 B). */
static const struct p s7[] = {
	{ 1000, 0, 1, 8, 0, 0, 0 },
	{ 500, 0, 1, 8, 0, 0, 0 },
	{ 2000, 0, 1, 8, 0, 0, 0 },
};

START_TEST(test_negative_iat)
{
	struct cic_row row;
	uint64_t before = counts.neg_iat;

	run(s7, 3, 17, CIC_CORRECTED, &row);
	/* Gap -500 clamped to 0 and counted once; the latest time stays
	 * 1000, so the next gap is 1000: IAT {0, 1000}; duration 2000 -
	 * 1000. */
	ck_assert_uint_eq(counts.neg_iat - before, 1);
	ck_d(CC_IAT_MIN, 0);
	ck_d(CC_IAT_MAX, 1000);
	ck_d(CC_IAT_MEAN, 500);
	ck_d(CC_FWD_IAT_MIN, 0);
	ck_d(CC_FWD_IAT_TOT, 1000);
	ck_i(CC_DURATION, 1000);

	before = counts.neg_iat;
	run(s7, 3, 17, CIC_2017, &row);
	/* The reference keeps the negative gap: -500, then 2000 - 500. */
	ck_assert_uint_eq(counts.neg_iat - before, 0);
	ck_d(CC_IAT_MIN, -500);
	ck_d(CC_IAT_MAX, 1500);
	ck_d(CC_IAT_MEAN, 500);
}
END_TEST

/* S8: one ICMP echo request (type 8), 56 B, header 8. */
START_TEST(test_icmp)
{
	struct cic_opts o;
	struct cic_flow f;
	struct cic_row row;
	struct nf_pkt k;
	static const struct p q = { 0, 0, 56, 8, 0, 0, 0 };

	memset(&o, 0, sizeof(o));
	mkpkt(&k, &q, 1);
	k.icmp_type = 8;
	k.icmp_code = 0;
	k.sport = 0x1234;	/* pkt2flow may key ICMP on the identifier */
	cic_flow_init(&f, 9);
	ck_assert_int_eq(cic_flow_add(&f, &k, &o, &counts), 0);
	cic_fill(&f, &o, &row);
	ck_i(CC_PROTO, 1);
	ck_i(CC_ICMP_TYPE, 8);
	ck_i(CC_ICMP_CODE, 0);
	ck_i(CC_SRC_PORT, 0);
	ck_i(CC_FWD_BYTES, 56);
	ck_i(CC_FWD_HDR, 8);
	ck_assert_str_eq(row.flow_id, "10.0.0.1-10.0.0.2-0-0-1");
	/* cic2017: protocol 0, no payload, no header (not TCP/UDP). */
	o.compat = CIC_2017;
	cic_fill(&f, &o, &row);
	ck_i(CC_PROTO, 0);
	cic_flow_init(&f, 9);
	ck_assert_int_eq(cic_flow_add(&f, &k, &o, &counts), 0);
	cic_fill(&f, &o, &row);
	ck_i(CC_FWD_BYTES, 0);
	ck_i(CC_FWD_HDR, 0);
	ck_assert_str_eq(row.flow_id, "10.0.0.1-10.0.0.2-0-0-0");
}
END_TEST

START_TEST(test_cic2017_key_time_padding)
{
	struct cic_opts o;
	struct cic_flow f;
	struct cic_row row;
	struct nf_flow b;
	struct nf_pkt k;
	/* A bare ACK from 10.0.0.2:80 in a padded 60-byte frame, 14:40 UTC. */
	static const struct p q = { 43200000000LL, 0, 0, 20, ACK, 9, 1 };

	memset(&o, 0, sizeof(o));
	o.compat = CIC_2017;
	memset(&b, 0, sizeof(b));
	b.flow_id = 3;
	b.ip_version = 4;
	b.proto = 6;
	memcpy(b.src, "\x0a\x00\x00\x02", 4);
	memcpy(b.dst, "\x0a\x00\x00\x01", 4);
	b.sport = 80;
	b.dport = 1000;
	cic_flow_init(&f, 3);
	cic_flow_begin(&f, &b, &o);
	mkpkt(&k, &q, 6);
	memcpy(k.src, b.src, 4);
	memcpy(k.dst, b.dst, 4);
	/* 14 + 20 + 20 = 54 bytes of headers, padded to 60: the padding is
	 * not payload in either mode. */
	k.wire_len = k.cap_len = 60;
	ck_assert_uint_eq(cic_payload(&k, &o), 0);
	ck_assert_int_eq(cic_flow_add(&f, &k, &o, &counts), 0);
	cic_fill(&f, &o, &row);
	/* 14:40 on a 12-hour clock without AM/PM. */
	ck_assert_str_eq(row.ts, "14/07/2017 02:40:00");
	/* Canonical id: 10.0.0.1 sorts before 10.0.0.2, ports follow. */
	ck_assert_str_eq(row.flow_id, "10.0.0.1-10.0.0.2-1000-80-6");
	ck_assert_str_eq(row.src, "10.0.0.2");
	ck_i(CC_FWD_BYTES, 0);
	/* Corrected: IP total length says 0; ISO time. */
	o.compat = CIC_CORRECTED;
	ck_assert_uint_eq(cic_payload(&k, &o), 0);
	cic_fill(&f, &o, &row);
	ck_assert_str_eq(row.ts, "2017-07-14T14:40:00.000000Z");
	ck_assert_str_eq(row.flow_id, "10.0.0.2-10.0.0.1-80-1000-6");
	/* Midnight hour is 12 on the 12-hour clock. */
	o.compat = CIC_2017;
	f.first = T0 - 2 * 3600 * 1000000LL - 40 * 60 * 1000000LL;
	cic_fill(&f, &o, &row);
	ck_assert_str_eq(row.ts, "14/07/2017 12:00:00");
	cic_flow_release(&f);
}
END_TEST

START_TEST(test_synack_first_swap)
{
	struct cic_opts o;
	struct cic_flow f;
	struct cic_row row;
	struct nf_flow b;
	struct nf_pkt k;
	/* pkt2flow reversed a SYN+ACK-first flow: the SYN+ACK is dir 1. */
	static const struct p q[] = { { 0, 1, 0, 20, SYN | ACK, 77, 5 },
		{ 10, 0, 0, 20, ACK, 66, 9 } };

	memset(&o, 0, sizeof(o));
	memset(&b, 0, sizeof(b));
	b.ip_version = 4;
	b.proto = 6;
	b.flags = NF_FL_SYNACK_FIRST;
	memcpy(b.src, "\x0a\x00\x00\x01", 4);
	memcpy(b.dst, "\x0a\x00\x00\x02", 4);
	b.sport = 1000;
	b.dport = 80;
	o.compat = CIC_2017;
	cic_flow_init(&f, 4);
	cic_flow_begin(&f, &b, &o);
	mkpkt(&k, &q[0], 6);
	cic_flow_add(&f, &k, &o, &counts);
	mkpkt(&k, &q[1], 6);
	cic_flow_add(&f, &k, &o, &counts);
	cic_fill(&f, &o, &row);
	/* The reference: the SYN+ACK sender is the source, its packet fwd. */
	ck_assert_str_eq(row.src, "10.0.0.2");
	ck_i(CC_SRC_PORT, 80);
	ck_i(CC_FWD_PKTS, 1);
	ck_i(CC_INIT_WIN_FWD, 77);
	ck_i(CC_INIT_WIN_BWD, 66);
	/* Corrected: pkt2flow's orientation stands. */
	o.compat = CIC_CORRECTED;
	cic_flow_init(&f, 4);
	cic_flow_begin(&f, &b, &o);
	mkpkt(&k, &q[0], 6);
	cic_flow_add(&f, &k, &o, &counts);
	mkpkt(&k, &q[1], 6);
	cic_flow_add(&f, &k, &o, &counts);
	cic_fill(&f, &o, &row);
	ck_assert_str_eq(row.src, "10.0.0.1");
	ck_i(CC_INIT_WIN_FWD, 66);
	ck_i(CC_INIT_WIN_BWD, 77);
}
END_TEST

START_TEST(test_columns)
{
	struct cic_opts o;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	struct nf_csv c;
	int commas;
	const char *p;

	/* Counts from spec/cic.md section 1. */
	ck_assert_int_eq(cic_ncols(CIC_H_CICFLOWMETER), 84);
	ck_assert_int_eq(cic_ncols(CIC_H_2017), 85);
	ck_assert_int_eq(cic_ncols(CIC_H_2018), 80);
	ck_assert_int_eq(cic_ncols(CIC_H_ENGELEN), 94);
	ck_assert_int_eq(cic_header_parse("engelen"), CIC_H_ENGELEN);
	ck_assert_int_eq(cic_header_parse("cicv4"), -1);
	ck_assert_int_eq(cic_compat_parse("cic2017"), CIC_2017);
	ck_assert_int_eq(cic_compat_parse("cic2018"), -1);

	memset(&o, 0, sizeof(o));
	o.header = CIC_H_2018;
	fp = open_memstream(&buf, &len);
	nf_csv_init(&c, fp);
	cic_print_header(&c, &o);
	fclose(fp);
	p = "Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,";
	ck_assert(strncmp(buf, p, strlen(p)) == 0);
	ck_assert(strstr(buf, ",Idle Min,Label\n") != NULL);
	for (commas = 0, p = buf; *p; p++)
		commas += *p == ',';
	ck_assert_int_eq(commas, 79);
	free(buf);
}
END_TEST

START_TEST(test_fmt_real)
{
	static const struct {
		double		 v;
		const char	*want;
	} t[] = {
		{ 0, "0" }, { -0.0, "0" }, { 42, "42" }, { -7, "-7" },
		{ 62.4, "62.4" }, { 0.75, "0.75" },
		/* 12 significant digits, rounded, trailing zeros dropped. */
		{ 5.0 / 6, "0.833333333333" }, { 2.0 / 3, "0.666666666667" },
		{ 600 / 0.0022, "272727.272727" }, { -1.0 / 3, "-0.333333333333" },
		{ 0.1 + 0.2, "0.3" }, { 1.5e-7, "0.00000015" },
		{ 123456789012.5, "123456789013" },
		/* Outside [1e-7, 1e15): %.12g. */
		{ 1e15, "1e+15" }, { 2.5e15 + 0.5, "2.5e+15" },
		{ 1e-12, "1e-12" }, { -3e-8, "-3e-08" },
		{ 9.9999999999999, "10" },
		/* The rounding carries into the integer part. */
		{ 0.99999999999996, "1" }, { 19.9999999999996, "20" },
		{ -199.99999999999, "-200" },
	};
	char buf[CIC_REALSTRLEN];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_str_eq(cic_fmt_real(t[i].v, buf), t[i].want);
	ck_assert_str_eq(cic_fmt_real(NAN, buf), "NaN");
	ck_assert_str_eq(cic_fmt_real(INFINITY, buf), "Infinity");
	ck_assert_str_eq(cic_fmt_real(-INFINITY, buf), "-Infinity");
}
END_TEST
/*
 * The decimal exponent of a real, against libm's floor(log10(a)): every
 * power of ten in range and its neighbours (the doubles next to it, and
 * a relative 1e-9 and 1e-12 off), and 1 000 000 values spread over the
 * range by their binary exponent.
 */
START_TEST(test_dec_exp)
{
	static const double rel[] = { 0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6,
	    -1e-6, 0.5, -0.5 };
	char s[16];
	double p, a;
	uint64_t x = 1;
	size_t j;
	int k, i;

	for (k = -7; k <= 15; k++) {
		snprintf(s, sizeof(s), "1e%d", k);
		p = strtod(s, NULL);
		for (j = 0; j < sizeof(rel) / sizeof(rel[0]); j++) {
			a = p * (1 + rel[j]);
			for (i = 0; i < 3; i++) {
				if (a >= 1e-7 && a < 1e15)
					ck_assert_int_eq(cic_dec_exp(a),
					    (int)floor(log10(a)));
				a = i == 0 ? nextafter(a, 0) :
				    nextafter(nextafter(a, 1e300), 1e300);
			}
		}
	}
	for (i = 0; i < 1000000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		a = ldexp(1.0 + (double)(x >> 12) / 4503599627370496.0,
		    (int)((x >> 3) % 74) - 24);
		if (a >= 1e-7 && a < 1e15)
			ck_assert_int_eq(cic_dec_exp(a), (int)floor(log10(a)));
	}
}
END_TEST

/*
 * Chains (Total Connection Flow Time).  pkt2flow --active-timeout 2 on
 * one connection with packets at 0, 1, 2.5, 3 and 5.5 s: flow 1 holds 0
 * and 1 and ends (active) when 2.5 comes; flow 2 continues it with 2.5
 * and 3 and ends at 5.5; flow 3 continues with 5.5 and ends at EOF.
 * Total Connection Flow Time: flow 1 = 1 s; flow 2 = 3 - 0 = 3 s (its own
 * duration 0.5 s); flow 3 = 5.5 - 0 = 5.5 s (its own 0).  A flow 9 that
 * continues an unknown id gets its own duration.
 */
static void
chain_flow(struct cic_flow *f, uint64_t id, const int64_t *t, size_t n)
{
	struct cic_opts o;
	struct nf_pkt k;
	struct p q;
	size_t i;

	memset(&o, 0, sizeof(o));
	memset(&q, 0, sizeof(q));
	q.hdr = 20;
	q.flags = ACK;
	cic_flow_init(f, id);
	for (i = 0; i < n; i++) {
		q.t = t[i];
		mkpkt(&k, &q, 6);
		k.flow_id = id;
		ck_assert_int_eq(cic_flow_add(f, &k, &o, &counts), 0);
	}
}

static void
chain_rec(struct nf_flow *e, uint64_t id, uint64_t prev, int64_t first,
    int64_t last, int reason)
{
	memset(e, 0, sizeof(*e));
	e->flow_id = id;
	e->prev_flow_id = prev;
	e->flags = prev ? NF_FL_CONTINUED : 0;
	e->first_ts = (uint64_t)(T0 + first) * 1000;
	e->last_ts = (uint64_t)(T0 + last) * 1000;
	e->reason = (uint8_t)reason;
}

/* Flow id, continuing prev (0: none), with packets at t[0..n): its
 * FLOW_BEGIN goes to c. */
static void
chain_begin(struct cic_chains *c, struct cic_flow *f, uint64_t id,
    uint64_t prev, const int64_t *t, size_t n)
{
	struct nf_flow b;

	chain_flow(f, id, t, n);
	chain_rec(&b, id, prev, t[0], t[0], NF_END_NONE);
	ck_assert_int_eq(cic_chains_begin(c, f, &b), 0);
}

/* Flow f ends for reason (NF_END_NONE: still open at the end of input):
 * its Total Connection Flow Time. */
static int64_t
chain_end(struct cic_chains *c, struct cic_flow *f, int reason)
{
	struct cic_opts o;
	struct cic_row row;
	struct nf_flow e;
	int64_t first;

	memset(&o, 0, sizeof(o));
	chain_rec(&e, f->id, 0, f->first - T0, f->last - T0, reason);
	ck_assert_int_eq(cic_chains_end(c, f, reason == NF_END_NONE ? NULL :
	    &e, &first), 0);
	cic_fill(f, &o, &row);
	cic_row_conn_time(&row, f, first);
	return row.v[CC_CONN_TIME].u.i;
}

START_TEST(test_chains)
{
	static const int64_t t1[] = { 0, 1000000 }, t2[] = { 2500000, 3000000 },
	    t3[] = { 5500000 }, t9[] = { 7000000, 7250000 };
	struct cic_chains c;
	struct cic_flow f1, f2, f3, f9;

	ck_assert_int_eq(cic_chains_init(&c, 120000000000ULL, 0), 0);
	chain_begin(&c, &f1, 1, 0, t1, 2);
	ck_assert_int_eq(chain_end(&c, &f1, NF_END_ACTIVE), 1000000);
	ck_assert_uint_eq(c.nwait, 1);
	chain_begin(&c, &f2, 2, 1, t2, 2);
	ck_assert_uint_eq(c.nwait, 0);
	ck_assert_int_eq(chain_end(&c, &f2, NF_END_ACTIVE), 3000000);
	chain_begin(&c, &f3, 3, 2, t3, 1);
	ck_assert_int_eq(chain_end(&c, &f3, NF_END_NONE), 5500000);
	/* Continues flow 5, which never ended by the active timeout. */
	chain_begin(&c, &f9, 9, 5, t9, 2);
	ck_assert_int_eq(chain_end(&c, &f9, NF_END_FIN), 250000);
	ck_assert_uint_eq(c.unknown, 1);
	ck_assert_uint_eq(c.nwait, 0);
	ck_assert_uint_eq(c.map.count, 0);
	cic_chains_free(&c);
}
END_TEST

/*
 * A waiting chain is forgotten once the stream clock passes its last
 * packet by more than the idle timeout (10 s here): flow 1 ends (active)
 * with its last packet at 1 s; a flow beginning at 11.5 s moves the clock
 * past 11 s, and a continuation of flow 1 after that gets its own time.
 * With a cap of 1, a second waiting chain pushes the first out.
 */
START_TEST(test_chains_expire)
{
	static const int64_t t1[] = { 0, 1000000 }, t2[] = { 11500000 },
	    t3[] = { 11600000, 11700000 };
	struct cic_chains c;
	struct cic_flow f1, f2, f3;

	ck_assert_int_eq(cic_chains_init(&c, 10000000000ULL, 0), 0);
	chain_begin(&c, &f1, 1, 0, t1, 2);
	ck_assert_int_eq(chain_end(&c, &f1, NF_END_ACTIVE), 1000000);
	chain_begin(&c, &f2, 2, 0, t2, 1);
	ck_assert_uint_eq(c.expired, 1);
	chain_begin(&c, &f3, 3, 1, t3, 2);
	ck_assert_uint_eq(c.unknown, 1);
	ck_assert_int_eq(chain_end(&c, &f3, NF_END_NONE), 100000);
	ck_assert_int_eq(chain_end(&c, &f2, NF_END_NONE), 0);
	cic_chains_free(&c);

	ck_assert_int_eq(cic_chains_init(&c, 0, 1), 0);
	chain_begin(&c, &f1, 1, 0, t1, 2);
	chain_end(&c, &f1, NF_END_ACTIVE);
	chain_begin(&c, &f2, 2, 0, t2, 1);
	chain_end(&c, &f2, NF_END_ACTIVE);
	ck_assert_uint_eq(c.nwait, 1);
	ck_assert_uint_eq(c.expired, 1);
	cic_chains_free(&c);	/* frees the waiting chain (LeakSanitizer) */
}
END_TEST


/*
 * cic_fill must set every column a row prints: a row filled over bytes
 * poisoned with 0xA5 prints the same as one filled over zeros, for flows
 * of each kind (TCP both ways with a 6 s gap, a lone packet, backward
 * only, ICMP, UDP), in every header and compat mode.
 */
static char *
print_over(const struct cic_flow *f, const struct cic_opts *o, int poison)
{
	static struct cic_row row;
	struct nf_csv c;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	memset(&row, poison, sizeof(row));
	cic_fill(f, o, &row);
	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	nf_csv_init(&c, fp);
	cic_print_row(&c, &row, o);
	fclose(fp);
	return buf;
}

/*
 * A batching writer's row (cic_render_row, then cic_label_csv's field
 * and a newline) is cic_print_row's row, for labels that need no quotes,
 * need them (comma, quote, CR, LF), are empty or longer than a row, in
 * every header mode.
 */
START_TEST(test_render_row)
{
	static const struct p one[] = { { 0, 0, 10, 8, 0, 0, 0 },
	    { 1500, 1, 300, 20, 0, 0, 0 } };
	static char big[CIC_ROWMAX + 100];
	static char out[2 * CIC_ROWMAX + 300];
	const char *labels[] = { "BENIGN", "a,b", "say \"hi\"", "x\r\ny", "",
	    big };
	static struct cic_row row;
	struct cic_opts o;
	struct cic_flow f;
	struct nf_pkt k;
	struct nf_csv c;
	char *buf, *lab, *p;
	size_t len, i, j;
	FILE *fp;
	int h;

	memset(big, 'z', sizeof(big) - 1);
	big[10] = ',';
	memset(&o, 0, sizeof(o));
	cic_flow_init(&f, 1);
	for (j = 0; j < 2; j++) {
		mkpkt(&k, &one[j], 17);
		ck_assert_int_eq(cic_flow_add(&f, &k, &o, &counts), 0);
	}
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		for (h = 0; h < CIC_NHEADER; h++) {
			o.header = (enum cic_header)h;
			o.label = labels[i];
			cic_fill(&f, &o, &row);
			buf = NULL;
			fp = open_memstream(&buf, &len);
			ck_assert_ptr_nonnull(fp);
			nf_csv_init(&c, fp);
			cic_print_row(&c, &row, &o);
			fclose(fp);
			p = cic_render_row(out, &row, &o);
			ck_assert_ptr_nonnull(lab = cic_label_csv(labels[i]));
			strcpy(p, lab);
			strcat(p, "\n");
			ck_assert_str_eq(out, buf);
			free(lab);
			free(buf);
		}
	cic_flow_release(&f);
}
END_TEST

/*
 * Zero fields are written four at a time where four come together: a
 * row of zeros but for some columns gives, in every header mode, the
 * fields of a row with every column set (which never groups), zero
 * where the column is zero.  The subsets put the nonzero columns at
 * every position within a group of four, and in runs.
 */
START_TEST(test_render_zero_runs)
{
	static struct cic_row all, some;
	static char a[CIC_ROWMAX], b[CIC_ROWMAX];
	struct cic_opts o;
	char *pa, *pb, *fa, *fb, *sa, *sb;
	int c, h, m, nz;

	memset(&o, 0, sizeof(o));
	for (m = 0; m < 24; m++)
		for (h = 0; h < CIC_NHEADER; h++) {
			o.header = (enum cic_header)h;
			memset(&all, 0, sizeof(all));
			memset(&some, 0, sizeof(some));
			strcpy(all.flow_id, "id");
			strcpy(all.src, "s");
			strcpy(all.dst, "d");
			strcpy(all.ts, "t");
			all.nflow_id = 2;
			all.nsrc = all.ndst = all.nts = 1;
			some = all;
			for (c = 0; c < CC_NCOL; c++) {
				all.v[c].kind = some.v[c].kind = CK_INT;
				all.v[c].u.i = 1000 + c;
				/* m < 8: one column in m + 1 (m = 0: all);
				 * m >= 8: runs of m - 6 set, then as many
				 * zero. */
				if (m < 8 ? c % (m + 1) == 0 :
				    c / (m - 6) % 2 == 0)
					some.v[c].u.i = 1000 + c;
			}
			pa = cic_render_row(a, &all, &o);
			pb = cic_render_row(b, &some, &o);
			*pa = *pb = '\0';
			nz = 0;
			for (fa = strtok_r(a, ",", &sa), fb = strtok_r(b, ",",
			    &sb); fa != NULL && fb != NULL; fa = strtok_r(NULL,
			    ",", &sa), fb = strtok_r(NULL, ",", &sb)) {
				c = atoi(fa) - 1000;
				if (c < 0 || c >= CC_NCOL) {
					ck_assert_str_eq(fb, fa);
					continue;
				}
				if (some.v[c].u.i != 0) {
					ck_assert_str_eq(fb, fa);
					nz++;
				} else
					ck_assert_str_eq(fb, "0");
			}
			ck_assert_ptr_null(fa);
			ck_assert_ptr_null(fb);
			ck_assert_int_gt(nz, 0);
		}
}
END_TEST

START_TEST(test_fill_sets_all)
{
	static const struct p tcp[] = {
		{ 0, 0, 0, 40, SYN, 8192, 100 },
		{ 1000, 1, 0, 40, SYN | ACK, 4096, 500 },
		{ 2000, 0, 300, 20, PSH | ACK, 8192, 101 },
		{ 6002000, 1, 1200, 20, PSH | ACK | URG, 4096, 501 },
		{ 6003000, 0, 0, 20, FIN | ACK, 8192, 401 },
	}, one[] = { { 0, 0, 10, 8, 0, 0, 0 } },
	    back[] = { { 0, 1, 5, 8, 0, 0, 0 }, { 700, 1, 9, 8, 0, 0, 0 } };
	static const struct { const struct p *s; size_t n; uint8_t proto; }
	    flows[] = { { tcp, 5, 6 }, { one, 1, 17 }, { back, 2, 17 },
	    { one, 1, 1 }, { tcp, 1, 6 } };
	struct cic_opts o;
	struct cic_flow f;
	struct nf_pkt k;
	char *zero, *poisoned;
	size_t i, j;
	int h, c;

	memset(&o, 0, sizeof(o));
	o.label = "L";
	for (i = 0; i < sizeof(flows) / sizeof(flows[0]); i++)
		for (c = 0; c < 2; c++) {
			o.compat = c ? CIC_2017 : CIC_CORRECTED;
			cic_flow_init(&f, 1);
			for (j = 0; j < flows[i].n; j++) {
				mkpkt(&k, &flows[i].s[j], flows[i].proto);
				ck_assert_int_eq(cic_flow_add(&f, &k, &o,
				    &counts), 0);
			}
			for (h = 0; h < CIC_NHEADER; h++) {
				o.header = (enum cic_header)h;
				zero = print_over(&f, &o, 0);
				poisoned = print_over(&f, &o, 0xA5);
				ck_assert_str_eq(poisoned, zero);
				free(zero);
				free(poisoned);
			}
			cic_flow_release(&f);
		}
}
END_TEST

static Suite *
cic_suite(void)
{
	Suite *s = suite_create("cic");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_lengths);
	tcase_add_test(tc, test_iat);
	tcase_add_test(tc, test_flags_headers_windows);
	tcase_add_test(tc, test_s1_cic2017);
	tcase_add_test(tc, test_one_packet);
	tcase_add_test(tc, test_backward_only);
	tcase_add_test(tc, test_active_idle_subflow);
	tcase_add_test(tc, test_active_idle_fin);
	tcase_add_test(tc, test_bulk);
	tcase_add_test(tc, test_retrans);
	tcase_add_test(tc, test_negative_iat);
	tcase_add_test(tc, test_icmp);
	tcase_add_test(tc, test_cic2017_key_time_padding);
	tcase_add_test(tc, test_synack_first_swap);
	tcase_add_test(tc, test_columns);
	tcase_add_test(tc, test_fmt_real);
	tcase_add_test(tc, test_dec_exp);
	tcase_add_test(tc, test_render_row);
	tcase_add_test(tc, test_render_zero_runs);
	tcase_add_test(tc, test_chains);
	tcase_add_test(tc, test_chains_expire);
	tcase_add_test(tc, test_fill_sets_all);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return nf_check_run(cic_suite());
}
