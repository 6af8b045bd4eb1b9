/* check_flowtab.c: unit tests for the flow table (flowtab.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "flowtab.h"
#include "record.h"
#include "check_util.h"

/*
 * Expected values are worked out by hand from the rules in flowtab.h.
 * Events (FLOW_BEGIN/FLOW_END) and tagged packets are logged in order.
 */

#define SEC	1000000000ULL
#define MAXEV	256

struct ev {
	int		 type;		/* NF_REC_* (PKT for packets) */
	struct nf_flow	 f;
	uint64_t	 flow_id;	/* PKT */
	int		 dir;
};

static struct ev evs[MAXEV];
static int nev;
static int nolog;	/* bulk tests: do not log */

static void
rec_emit(void *arg, int type, const struct nf_flow *f)
{
	(void)arg;
	if (nolog)
		return;
	ck_assert_int_lt(nev, MAXEV);
	evs[nev].type = type;
	evs[nev].f = *f;
	nev++;
}

static struct nf_flowtab *
mk(uint64_t idle, uint64_t active, uint64_t linger, uint32_t max,
    uint32_t flags)
{
	struct nf_flowtab_cfg c;
	struct nf_flowtab *t;

	c.idle_ns = idle;
	c.active_ns = active;
	c.linger_ns = linger;
	c.max_flows = max;
	c.flags = flags;
	nev = 0;
	t = nf_flowtab_new(&c, rec_emit, NULL);
	ck_assert_ptr_nonnull(t);
	return t;
}

/* Host a is 10.0.0.N. */
static void
v4(uint8_t a[16], int n)
{
	memset(a, 0, 16);
	a[0] = 10;
	a[3] = (uint8_t)n;
}

/* Feed one packet (proto, src host:port -> dst host:port, flags, seq, ack,
 * payload length) at time ts seconds (ns precision via tsns). */
static struct ev *
pkt_full(struct nf_flowtab *t, uint64_t tsns, int proto, int sh, int sp,
    int dh, int dp, int flags, uint32_t seq, uint32_t ack, uint32_t plen,
    uint16_t vlan)
{
	struct nf_pkt p;
	int k;

	memset(&p, 0, sizeof(p));
	p.ts_ns = tsns;
	p.ip_version = 4;
	p.proto = (uint8_t)proto;
	v4(p.src, sh);
	v4(p.dst, dh);
	p.sport = (uint16_t)sp;
	p.dport = (uint16_t)dp;
	p.tcp_flags = (uint8_t)flags;
	p.seq = seq;
	p.ack = ack;
	p.payload_len = plen;
	p.vlan = vlan;
	ck_assert_int_eq(nf_flowtab_packet(t, &p), 0);
	if (nolog)
		nev = 0;
	ck_assert_int_lt(nev, MAXEV);
	k = nev++;
	evs[k].type = NF_REC_PKT;
	evs[k].flow_id = p.flow_id;
	evs[k].dir = p.dir;
	nf_flowtab_packet_done(t);
	return &evs[k];
}

static struct ev *
tcp(struct nf_flowtab *t, double ts, int sh, int sp, int dh, int dp,
    int flags, uint32_t seq, uint32_t ack, uint32_t plen)
{
	return pkt_full(t, (uint64_t)(ts * 1e9 + 0.5), 6, sh, sp, dh, dp,
	    flags, seq, ack, plen, NF_NO_VLAN);
}

static struct ev *
udp(struct nf_flowtab *t, double ts, int sh, int sp, int dh, int dp)
{
	return pkt_full(t, (uint64_t)(ts * 1e9 + 0.5), 17, sh, sp, dh, dp,
	    0, 0, 0, 10, NF_NO_VLAN);
}

/* Number of events of a type. */
static int
count(int type)
{
	int i, n = 0;

	for (i = 0; i < nev; i++)
		n += evs[i].type == type;
	return n;
}

/* The k-th (0-based) event of a type. */
static struct ev *
nth(int type, int k)
{
	int i;

	for (i = 0; i < nev; i++)
		if (evs[i].type == type && k-- == 0)
			return &evs[i];
	ck_abort_msg("no event %d of type %d", k, type);
	return NULL;
}

#define S	NF_TH_SYN
#define A	NF_TH_ACK
#define F	NF_TH_FIN
#define R	NF_TH_RST

START_TEST(test_insert_lookup)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);
	struct ev *e1, *e2, *e3, *e4;

	e1 = udp(t, 1.0, 1, 1000, 2, 53);
	e2 = udp(t, 1.1, 2, 53, 1, 1000);	/* reply: same flow, dir 1 */
	e3 = udp(t, 1.2, 1, 1001, 2, 53);	/* other port: new flow */
	e4 = udp(t, 1.3, 2, 53, 1, 1001);
	ck_assert_uint_eq(e1->flow_id, 1);
	ck_assert_int_eq(e1->dir, 0);
	ck_assert_uint_eq(e2->flow_id, 1);
	ck_assert_int_eq(e2->dir, 1);
	ck_assert_uint_eq(e3->flow_id, 2);
	ck_assert_uint_eq(e4->flow_id, 2);
	ck_assert_int_eq(e4->dir, 1);
	ck_assert_uint_eq(nf_flowtab_count(t), 2);
	/* FLOW_BEGIN precedes the first packet. */
	ck_assert_int_eq(evs[0].type, NF_REC_FLOW_BEGIN);
	ck_assert_uint_eq(evs[0].f.flow_id, 1);
	ck_assert_uint_eq(evs[0].f.sport, 1000);
	ck_assert_uint_eq(evs[0].f.dport, 53);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.fwd_pkts, 1);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.bwd_pkts, 1);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_EOF);
	ck_assert_uint_eq(nf_flowtab_count(t), 0);
	nf_flowtab_free(t);
}
END_TEST

/* Same host, two ports: direction by port, not address alone. */
START_TEST(test_same_host_ports)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);

	ck_assert_int_eq(udp(t, 1.0, 1, 5000, 1, 6000)->dir, 0);
	ck_assert_int_eq(udp(t, 1.1, 1, 6000, 1, 5000)->dir, 1);
	ck_assert_uint_eq(nf_flowtab_count(t), 1);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.sport, 5000);
	nf_flowtab_free(t);
}
END_TEST

/* Idle expiry ends flows least recently active first. */
START_TEST(test_expiry_order)
{
	struct nf_flowtab *t = mk(10 * SEC, 0, SEC, 100, 0);

	udp(t, 0.0, 1, 1, 2, 1);	/* flow 1 */
	udp(t, 1.0, 1, 2, 2, 2);	/* flow 2 */
	udp(t, 2.0, 1, 3, 2, 3);	/* flow 3 */
	udp(t, 3.0, 1, 1, 2, 1);	/* flow 1 again: now most recent */
	nf_flowtab_advance(t, 11 * SEC + 1);	/* > 1 + 10: flow 2 only */
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.flow_id, 2);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_IDLE);
	nf_flowtab_advance(t, 12 * SEC);	/* not > 2 + 10 */
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	nf_flowtab_advance(t, 20 * SEC);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 3);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 1)->f.flow_id, 3);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 2)->f.flow_id, 1);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 2)->f.first_ts, 0);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 2)->f.last_ts, 3 * SEC);
	/* A packet after the gap starts a new flow. */
	ck_assert_uint_eq(udp(t, 21.0, 1, 1, 2, 1)->flow_id, 4);
	nf_flowtab_free(t);
}
END_TEST

/* Full table: the least recently active flow is evicted. */
START_TEST(test_eviction)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 2, 0);
	int i;

	udp(t, 1.0, 1, 1, 2, 1);	/* 1 */
	udp(t, 2.0, 1, 2, 2, 2);	/* 2 */
	udp(t, 3.0, 2, 1, 1, 1);	/* 1 again */
	udp(t, 4.0, 1, 3, 2, 3);	/* 3: evicts 2 */
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.flow_id, 2);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_EVICTED);
	/* The FLOW_END comes before flow 3's FLOW_BEGIN. */
	for (i = 0; i < nev; i++)
		if (evs[i].type == NF_REC_FLOW_END)
			break;
	ck_assert_int_eq(evs[i + 1].type, NF_REC_FLOW_BEGIN);
	ck_assert_uint_eq(evs[i + 1].f.flow_id, 3);
	ck_assert_uint_eq(nf_flowtab_stats(t)->ended[NF_END_EVICTED], 1);
	ck_assert_uint_eq(nf_flowtab_count(t), 2);
	nf_flowtab_free(t);
}
END_TEST

/* Eviction at scale: many flows through a small table reuse entries. */
START_TEST(test_many_flows)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 3000, 0);
	int i;

	nolog = 1;
	for (i = 0; i < 10000; i++)
		pkt_full(t, (uint64_t)i * 1000, 17, 1, 1 + i % 60000,
		    2 + i / 60000, 53, 0, 0, 0, 0, NF_NO_VLAN);
	ck_assert_uint_eq(nf_flowtab_count(t), 3000);
	ck_assert_uint_eq(nf_flowtab_stats(t)->ended[NF_END_EVICTED], 7000);
	ck_assert_uint_eq(nf_flowtab_stats(t)->peak_flows, 3000);
	/* The newest flows are still found. */
	nolog = 0;
	nev = 0;
	ck_assert_uint_eq(pkt_full(t, 20 * SEC, 17, 2, 53, 1, 10000, 0, 0,
	    0, 0, NF_NO_VLAN)->flow_id, 10000);
	ck_assert_int_eq(evs[0].type, NF_REC_PKT);
	nf_flowtab_free(t);
}
END_TEST

/*
 * Handshake, data, FIN/ACK teardown, trailing ACK and a retransmitted FIN
 * while lingering: one flow; FLOW_END only after the linger.
 */
START_TEST(test_fin_linger)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, 2 * SEC, 100, 0);

	tcp(t, 1.0, 1, 40000, 2, 80, S, 100, 0, 0);
	tcp(t, 1.1, 2, 80, 1, 40000, S | A, 500, 101, 0);
	tcp(t, 1.2, 1, 40000, 2, 80, A, 101, 501, 0);
	tcp(t, 1.3, 1, 40000, 2, 80, A, 101, 501, 10);
	tcp(t, 1.4, 1, 40000, 2, 80, F | A, 111, 501, 0);  /* FIN: seq 111 */
	tcp(t, 1.5, 2, 80, 1, 40000, F | A, 501, 112, 0);  /* FIN: seq 501 */
	/* An ACK that does not cover the second FIN does not close. */
	tcp(t, 1.55, 1, 40000, 2, 80, A, 112, 501, 0);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	tcp(t, 1.6, 1, 40000, 2, 80, A, 112, 502, 0);	/* closes */
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	/* Straggler: the retransmitted FIN, absorbed. */
	ck_assert_uint_eq(tcp(t, 2.5, 2, 80, 1, 40000, F | A, 501, 112,
	    0)->flow_id, 1);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	/* Linger counts from the close (1.6): not over at 3.6. */
	nf_flowtab_advance(t, 3600000000ULL);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	nf_flowtab_advance(t, 3600000001ULL);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_FIN);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.fwd_pkts, 6);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.bwd_pkts, 3);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.last_ts, 2500000000ULL);
	ck_assert_uint_eq(nf_flowtab_stats(t)->absorbed, 1);
	/* After the FLOW_END no packet carries its id. */
	ck_assert_uint_eq(tcp(t, 4.0, 1, 40000, 2, 80, A, 112, 502,
	    0)->flow_id, 2);
	nf_flowtab_free(t);
}
END_TEST

/* Linger 0: FLOW_END right after the closing packet. */
START_TEST(test_linger_zero)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, 0, 100, 0);

	tcp(t, 1.0, 1, 40000, 2, 80, S, 100, 0, 0);
	tcp(t, 1.1, 2, 80, 1, 40000, R | A, 0, 101, 0);
	ck_assert_int_eq(nev, 4);
	ck_assert_int_eq(evs[2].type, NF_REC_PKT);
	ck_assert_int_eq(evs[3].type, NF_REC_FLOW_END);
	ck_assert_int_eq(evs[3].f.reason, NF_END_RST);
	nf_flowtab_free(t);
}
END_TEST

/* RST and retransmitted RSTs: one flow, reason rst. */
START_TEST(test_rst_stragglers)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);

	tcp(t, 1.0, 1, 40000, 2, 80, S, 100, 0, 0);
	tcp(t, 1.1, 2, 80, 1, 40000, S | A, 500, 101, 0);
	tcp(t, 1.2, 1, 40000, 2, 80, R, 101, 0, 0);
	tcp(t, 1.3, 1, 40000, 2, 80, R, 101, 0, 0);
	tcp(t, 1.4, 1, 40000, 2, 80, R, 101, 0, 0);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_int_eq(count(NF_REC_FLOW_BEGIN), 1);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_RST);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.fwd_pkts, 4);
	nf_flowtab_free(t);
}
END_TEST

/* A SYN on a closed (lingering) or closing 5-tuple starts a new flow. */
START_TEST(test_port_reuse)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, 5 * SEC, 100, 0);

	tcp(t, 1.0, 1, 40000, 2, 80, S, 100, 0, 0);
	tcp(t, 1.1, 2, 80, 1, 40000, R | A, 0, 101, 0);
	/* Retransmitted SYN of a new attempt, within the linger. */
	ck_assert_uint_eq(tcp(t, 2.0, 1, 40000, 2, 80, S, 100, 0,
	    0)->flow_id, 2);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_RST);
	/* Closing (one FIN) then a SYN: new flow 3, flow 2 ends fin. */
	tcp(t, 2.1, 2, 80, 1, 40000, S | A, 700, 101, 0);
	tcp(t, 2.2, 1, 40000, 2, 80, F | A, 101, 701, 0);
	ck_assert_uint_eq(tcp(t, 2.3, 1, 40000, 2, 80, S, 9000, 0,
	    0)->flow_id, 3);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 1)->f.reason, NF_END_FIN);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 1)->f.flow_id, 2);
	/* A retransmitted SYN on an open flow stays in it. */
	ck_assert_uint_eq(tcp(t, 3.3, 1, 40000, 2, 80, S, 9000, 0,
	    0)->flow_id, 3);
	ck_assert_uint_eq(nf_flowtab_stats(t)->port_reuse, 2);
	nf_flowtab_free(t);
}
END_TEST

/* SYN+ACK first: its receiver is the originator. */
START_TEST(test_synack_first)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);
	struct nf_flow *b;

	ck_assert_int_eq(tcp(t, 1.0, 2, 80, 1, 40000, S | A, 500, 101,
	    0)->dir, 1);
	ck_assert_int_eq(tcp(t, 1.1, 1, 40000, 2, 80, A, 101, 501, 0)->dir,
	    0);
	b = &nth(NF_REC_FLOW_BEGIN, 0)->f;
	ck_assert_uint_eq(b->sport, 40000);
	ck_assert_uint_eq(b->dport, 80);
	ck_assert_uint_eq(b->src[3], 1);
	ck_assert_uint_eq(b->dst[3], 2);
	ck_assert(b->flags & NF_FL_SYNACK_FIRST);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.fwd_pkts, 1);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.bwd_pkts, 1);
	nf_flowtab_free(t);
}
END_TEST

/* Active timeout: ends the flow; the next packet continues it with the
 * same orientation even when it is a backward packet. */
START_TEST(test_active_continuation)
{
	struct nf_flowtab *t = mk(120 * SEC, 10 * SEC, SEC, 100, 0);
	struct nf_flow *b;
	struct ev *p;

	udp(t, 0.0, 1, 1000, 2, 53);
	udp(t, 5.0, 2, 53, 1, 1000);
	udp(t, 10.0, 1, 1000, 2, 53);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	p = udp(t, 12.0, 2, 53, 1, 1000);	/* 12 - 0 > 10 */
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_ACTIVE);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.fwd_pkts, 2);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.bwd_pkts, 1);
	ck_assert_uint_eq(p->flow_id, 2);
	ck_assert_int_eq(p->dir, 1);
	b = &nth(NF_REC_FLOW_BEGIN, 1)->f;
	ck_assert(b->flags & NF_FL_CONTINUED);
	ck_assert_uint_eq(b->prev_flow_id, 1);
	ck_assert_uint_eq(b->sport, 1000);
	/* Expiry without packets: the ended flow's entry waits silently. */
	nf_flowtab_advance(t, 23 * SEC);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 1)->f.prev_flow_id, 1);
	nf_flowtab_advance(t, 200 * SEC);	/* idle: freed, no event */
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	ck_assert_uint_eq(nf_flowtab_count(t), 0);
	nf_flowtab_free(t);
}
END_TEST

/* Out-of-order timestamps: counted, last_ts never goes back. */
START_TEST(test_out_of_order)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);

	udp(t, 5.0, 1, 1000, 2, 53);
	udp(t, 6.0, 2, 53, 1, 1000);
	udp(t, 4.0, 1, 1000, 2, 53);		/* earlier than the clock */
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_uint_eq(nf_flowtab_stats(t)->out_of_order, 1);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.first_ts, 5 * SEC);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.last_ts, 6 * SEC);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.fwd_pkts, 2);
	nf_flowtab_free(t);
}
END_TEST

/* One timestamp far off (years ahead, or zero) is not taken as time: it
 * ends no flow; a jump confirmed by the next packet is. */
START_TEST(test_time_jumps)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);
	uint64_t year = 365ULL * 86400 * SEC, base = 1700000000ULL * SEC;

	pkt_full(t, base, 17, 1, 1, 2, 2, 0, 0, 0, 0, NF_NO_VLAN);
	pkt_full(t, base + 10 * year, 17, 1, 3, 2, 3, 0, 0, 0, 0,
	    NF_NO_VLAN);			/* flow 2, suspect */
	ck_assert_uint_eq(pkt_full(t, base + SEC, 17, 2, 2, 1, 1, 0, 0, 0, 0,
	    NF_NO_VLAN)->flow_id, 1);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	pkt_full(t, 0, 17, 1, 1, 2, 2, 0, 0, 0, 0, NF_NO_VLAN);	/* zero */
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	ck_assert_uint_eq(nf_flowtab_stats(t)->time_suspect, 2);
	/* Flow 2's times were clamped to the clock: duration 0. */
	nf_flowtab_advance(t, base + 200 * SEC);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.flow_id, 2);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.first_ts, base);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 1)->f.last_ts, base + SEC);
	/* A real gap of two days: the second packet confirms it. */
	pkt_full(t, base + 2 * 86400 * SEC, 17, 1, 5, 2, 5, 0, 0, 0, 0,
	    NF_NO_VLAN);
	pkt_full(t, base + 2 * 86400 * SEC + SEC, 17, 1, 5, 2, 5, 0, 0, 0, 0,
	    NF_NO_VLAN);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 2)->f.last_ts,
	    base + 2 * 86400 * SEC + SEC);
	ck_assert_uint_eq(nf_flowtab_stats(t)->time_resets, 0);
	nf_flowtab_free(t);
}
END_TEST

/* A confirmed step back in time ends every flow and restarts time. */
START_TEST(test_time_reset)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);
	uint64_t base = 1700000000ULL * SEC;

	pkt_full(t, base, 17, 1, 1, 2, 2, 0, 0, 0, 0, NF_NO_VLAN);
	pkt_full(t, base - 5 * 86400 * SEC, 17, 1, 3, 2, 3, 0, 0, 0, 0,
	    NF_NO_VLAN);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	pkt_full(t, base - 5 * 86400 * SEC + SEC, 17, 1, 3, 2, 3, 0, 0, 0, 0,
	    NF_NO_VLAN);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	ck_assert_uint_eq(nf_flowtab_stats(t)->time_resets, 1);
	/* The packet after the reset begins a new flow at its own time. */
	ck_assert_uint_eq(evs[nev - 1].flow_id, 3);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 2)->f.first_ts,
	    base - 5 * 86400 * SEC + SEC);
	nf_flowtab_free(t);
}
END_TEST

/* VLANs separate flows unless NF_FC_NOVLAN; unidirectional keys. */
START_TEST(test_vlan_unidir)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);

	ck_assert_uint_eq(pkt_full(t, 1, 17, 1, 1, 2, 2, 0, 0, 0, 0,
	    10)->flow_id, 1);
	ck_assert_uint_eq(pkt_full(t, 2, 17, 2, 2, 1, 1, 0, 0, 0, 0,
	    20)->flow_id, 2);
	nf_flowtab_free(t);
	t = mk(120 * SEC, 0, SEC, 100, NF_FC_NOVLAN);
	pkt_full(t, 1, 17, 1, 1, 2, 2, 0, 0, 0, 0, 10);
	ck_assert_uint_eq(pkt_full(t, 2, 17, 2, 2, 1, 1, 0, 0, 0, 0,
	    20)->flow_id, 1);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.vlan, NF_NO_VLAN);
	nf_flowtab_free(t);
	t = mk(120 * SEC, 0, SEC, 100, NF_FC_UNIDIR);
	ck_assert_uint_eq(udp(t, 1.0, 1, 1, 2, 2)->flow_id, 1);
	ck_assert_uint_eq(udp(t, 1.1, 2, 2, 1, 1)->flow_id, 2);
	ck_assert_int_eq(udp(t, 1.2, 2, 2, 1, 1)->dir, 0);
	/* SYN+ACK first is not reversed in a unidirectional table. */
	ck_assert_int_eq(tcp(t, 1.3, 2, 80, 1, 4, S | A, 0, 0, 0)->dir, 0);
	/* FIN marks it closing; a later SYN of that direction is new. */
	tcp(t, 1.4, 2, 80, 1, 4, F | A, 1, 0, 0);
	ck_assert_uint_eq(tcp(t, 1.5, 2, 80, 1, 4, A, 2, 0, 0)->flow_id, 3);
	ck_assert_uint_eq(tcp(t, 1.6, 2, 80, 1, 4, S, 7, 0, 0)->flow_id, 4);
	nf_flowtab_free(t);
}
END_TEST

/* ICMP: echo request and reply paired by identifier; other types by
 * address pair and type. */
START_TEST(test_icmp)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);
	struct nf_pkt p;
	uint64_t id[5];
	int i;
	static const struct { int sh, dh, type, ident; } m[5] = {
		{ 1, 2, 8, 7 }, { 2, 1, 0, 7 }, { 1, 2, 8, 9 },
		{ 2, 1, 3, 0 }, { 2, 1, 11, 0 },
	};

	for (i = 0; i < 5; i++) {
		memset(&p, 0, sizeof(p));
		p.ts_ns = (uint64_t)i;
		p.ip_version = 4;
		p.proto = 1;
		v4(p.src, m[i].sh);
		v4(p.dst, m[i].dh);
		p.icmp_type = (uint8_t)m[i].type;
		p.icmp_id = (uint16_t)m[i].ident;
		ck_assert_int_eq(nf_flowtab_packet(t, &p), 0);
		nf_flowtab_packet_done(t);
		id[i] = p.flow_id;
		if (i == 1)
			ck_assert_int_eq(p.dir, 1);
	}
	ck_assert_uint_eq(id[0], 1);
	ck_assert_uint_eq(id[1], 1);
	ck_assert_uint_eq(id[2], 2);
	ck_assert_uint_eq(id[3], 3);
	ck_assert_uint_eq(id[4], 4);
	ck_assert_uint_eq(nth(NF_REC_FLOW_BEGIN, 0)->f.icmp_type, 8);
	ck_assert_uint_eq(nth(NF_REC_FLOW_BEGIN, 0)->f.sport, 7);
	ck_assert_uint_eq(nth(NF_REC_FLOW_BEGIN, 2)->f.icmp_type, 3);
	nf_flowtab_free(t);
}
END_TEST

/* FIN-closes (CICFlowMeter 2018 compatibility): a FIN on a packet added
 * to an open flow ends it; the rest of the teardown is an appendix flow,
 * which the FIN that opens it does not end. */
START_TEST(test_fin_closes)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, NF_FC_FINCLOSE);
	struct ev *e;

	tcp(t, 1.0, 1, 40000, 2, 80, S, 100, 0, 0);
	tcp(t, 1.1, 2, 80, 1, 40000, S | A, 500, 101, 0);
	tcp(t, 1.2, 1, 40000, 2, 80, F | A, 101, 501, 0);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_int_eq(evs[nev - 1].type, NF_REC_FLOW_END);
	ck_assert_int_eq(evs[nev - 1].f.reason, NF_END_FIN);
	ck_assert_uint_eq(evs[nev - 1].f.fwd_pkts, 2);
	ck_assert_uint_eq(evs[nev - 1].f.bwd_pkts, 1);
	/* The server's FIN/ACK opens flow 2, originator the server, and
	 * does not end it. */
	e = tcp(t, 1.3, 2, 80, 1, 40000, F | A, 501, 102, 0);
	ck_assert_uint_eq(e->flow_id, 2);
	ck_assert_int_eq(e->dir, 0);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	/* The last ACK joins it, backward. */
	e = tcp(t, 1.4, 1, 40000, 2, 80, A, 102, 502, 0);
	ck_assert_uint_eq(e->flow_id, 2);
	ck_assert_int_eq(e->dir, 1);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	/* A retransmitted FIN is added to the open flow 2 and ends it. */
	e = tcp(t, 1.5, 2, 80, 1, 40000, F | A, 501, 102, 0);
	ck_assert_uint_eq(e->flow_id, 2);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	ck_assert_int_eq(evs[nev - 1].f.reason, NF_END_FIN);
	ck_assert_uint_eq(evs[nev - 1].f.fwd_pkts, 2);
	ck_assert_uint_eq(evs[nev - 1].f.bwd_pkts, 1);
	ck_assert_uint_eq(tcp(t, 1.6, 1, 40000, 2, 80, A, 102, 502,
	    0)->flow_id, 3);
	/* A lone FIN+RST is a one-packet flow, still open. */
	ck_assert_uint_eq(tcp(t, 1.7, 1, 40001, 2, 80, F | R | A, 7, 8,
	    0)->flow_id, 4);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	nf_flowtab_finish(t, NF_END_EOF);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 4);
	nf_flowtab_free(t);
}
END_TEST

/* FIN-closes: RST ends nothing and a new SYN joins the open flow (the
 * 2018 code has neither RST handling nor port reuse). */
START_TEST(test_fin_closes_rst)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, NF_FC_FINCLOSE);

	tcp(t, 1.0, 1, 40000, 2, 80, S, 100, 0, 0);
	tcp(t, 1.1, 2, 80, 1, 40000, S | A, 500, 101, 0);
	ck_assert_uint_eq(tcp(t, 1.2, 2, 80, 1, 40000, R, 501, 0,
	    0)->flow_id, 1);
	ck_assert_uint_eq(tcp(t, 1.3, 2, 80, 1, 40000, R, 501, 0,
	    0)->flow_id, 1);
	ck_assert_uint_eq(tcp(t, 1.4, 1, 40000, 2, 80, S, 9000, 0,
	    0)->flow_id, 1);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 0);
	ck_assert_uint_eq(nf_flowtab_stats(t)->port_reuse, 0);
	/* A FIN on the sixth packet ends it, reason fin. */
	ck_assert_uint_eq(tcp(t, 1.5, 1, 40000, 2, 80, F | A, 9001, 501,
	    0)->flow_id, 1);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_FIN);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.fwd_pkts, 3);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 0)->f.bwd_pkts, 3);
	nf_flowtab_free(t);
}
END_TEST

/* FIN-closes with an active timeout: a FIN that begins the continuation
 * does not end it; the next FIN does. */
START_TEST(test_fin_closes_active)
{
	struct nf_flowtab *t = mk(120 * SEC, 10 * SEC, SEC, 100,
	    NF_FC_FINCLOSE);
	struct ev *e;

	tcp(t, 1.0, 1, 40000, 2, 80, S, 100, 0, 0);
	tcp(t, 1.1, 2, 80, 1, 40000, S | A, 500, 101, 0);
	/* 12 s: flow 1 (begun at 1 s) ends active; the server's FIN
	 * begins flow 2, which keeps the orientation: backward. */
	e = tcp(t, 12.0, 2, 80, 1, 40000, F | A, 501, 101, 0);
	ck_assert_uint_eq(e->flow_id, 2);
	ck_assert_int_eq(e->dir, 1);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 1);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 0)->f.reason, NF_END_ACTIVE);
	ck_assert_int_eq(nth(NF_REC_FLOW_BEGIN, 1)->f.flags &
	    NF_FL_CONTINUED, NF_FL_CONTINUED);
	ck_assert_uint_eq(tcp(t, 12.1, 1, 40000, 2, 80, F | A, 101, 502,
	    0)->flow_id, 2);
	ck_assert_int_eq(count(NF_REC_FLOW_END), 2);
	ck_assert_int_eq(nth(NF_REC_FLOW_END, 1)->f.reason, NF_END_FIN);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 1)->f.fwd_pkts, 1);
	ck_assert_uint_eq(nth(NF_REC_FLOW_END, 1)->f.bwd_pkts, 1);
	nf_flowtab_free(t);
}
END_TEST

/* Non-IP packets get flow id 0 and no flow. */
START_TEST(test_non_ip)
{
	struct nf_flowtab *t = mk(120 * SEC, 0, SEC, 100, 0);
	struct nf_pkt p;

	memset(&p, 0, sizeof(p));
	p.flow_id = 99;
	ck_assert_int_eq(nf_flowtab_packet(t, &p), 0);
	ck_assert_uint_eq(p.flow_id, 0);
	ck_assert_int_eq(nev, 0);
	ck_assert_uint_eq(nf_flowtab_stats(t)->non_ip, 1);
	nf_flowtab_free(t);
}
END_TEST

/*
 * Hints (nf_flowtab_hint) only save work: a table fed hints -- some
 * ahead by up to 60 packets, some missing, some for tags that never come
 * -- tags every packet as a table without them does, while its buckets
 * double several times between hints and their packets (3000 flows), and
 * ends the same flows.  Addresses vary in every byte, and some packets
 * have the same address on both sides, so key orientation is exercised.
 */
static uint64_t
rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

#define HINT_PKTS	30000

static struct nf_pkt hint_pkts[HINT_PKTS];

static void
count_emit(void *arg, int type, const struct nf_flow *f)
{
	uint64_t *n = arg;

	(void)f;
	n[type == NF_REC_FLOW_END]++;
}

START_TEST(test_hints)
{
	struct nf_flowtab_cfg c = { 10 * SEC, 0, SEC, 100000, 0 };
	struct nf_flowtab *plain, *hinted;
	uint64_t seed = 42, nplain[2] = { 0, 0 }, nhint[2] = { 0, 0 };
	struct nf_pkt a, b;
	size_t i, j, next = 0;
	uint64_t r;
	int h;

	for (i = 0; i < HINT_PKTS; i++) {
		struct nf_pkt *p = &hint_pkts[i];

		r = rnd(&seed);
		memset(p, 0, sizeof(*p));
		p->ts_ns = 1000 * SEC + i * 1000;
		p->ip_version = (r & 7) == 0 ? 6 : 4;
		p->proto = (r & 8) ? 6 : 17;
		/* 3000 address pairs; each byte of the address varies. */
		h = (int)((r >> 8) % 3000);
		memset(p->src, h & 0xFF, 16);
		p->src[15] = (uint8_t)(h >> 8);
		memset(p->dst, 0xFF - (h & 0xFF), 16);
		if (h % 97 == 0)
			memcpy(p->dst, p->src, 16);
		p->sport = (uint16_t)(1024 + h);
		p->dport = 80;
		if (r & 0x100000) {	/* the reply direction */
			memcpy(a.src, p->src, 16);
			memcpy(p->src, p->dst, 16);
			memcpy(p->dst, a.src, 16);
			p->dport = p->sport;
			p->sport = 80;
		}
		p->tcp_flags = p->proto == 6 ? NF_TH_ACK : 0;
	}
	plain = nf_flowtab_new(&c, count_emit, nplain);
	hinted = nf_flowtab_new(&c, count_emit, nhint);
	ck_assert_ptr_nonnull(plain);
	ck_assert_ptr_nonnull(hinted);
	for (i = 0; i < HINT_PKTS; i++) {
		/* Tags are offsets 128 apart; every 7th packet gets no hint,
		 * every 11th an extra one for a tag between two packets. */
		r = rnd(&seed) % 61;
		for (; next < HINT_PKTS && next <= i + r; next++) {
			if (next % 7 == 3)
				continue;
			nf_flowtab_hint(hinted, &hint_pkts[next], next * 128);
			if (next % 11 == 5)
				nf_flowtab_hint(hinted, &hint_pkts[next / 2],
				    next * 128 + 64);
		}
		a = hint_pkts[i];
		b = hint_pkts[i];
		ck_assert_int_eq(nf_flowtab_packet(plain, &a), 0);
		nf_flowtab_packet_done(plain);
		ck_assert_int_eq(nf_flowtab_packet_at(hinted, &b, i * 128),
		    0);
		nf_flowtab_packet_done(hinted);
		ck_assert_uint_ne(a.flow_id, 0);
		ck_assert_uint_eq(b.flow_id, a.flow_id);
		ck_assert_uint_eq(b.dir, a.dir);
	}
	j = nf_flowtab_count(plain);
	ck_assert_uint_gt(j, 2000);	/* the buckets grew meanwhile */
	ck_assert_uint_eq(nf_flowtab_count(hinted), j);
	ck_assert_uint_eq(nhint[0], nplain[0]);
	ck_assert_uint_eq(nhint[1], nplain[1]);
	nf_flowtab_free(plain);
	nf_flowtab_free(hinted);
}
END_TEST

static Suite *
flowtab_suite(void)
{
	Suite *s = suite_create("flowtab");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_insert_lookup);
	tcase_add_test(tc, test_same_host_ports);
	tcase_add_test(tc, test_expiry_order);
	tcase_add_test(tc, test_eviction);
	tcase_add_test(tc, test_many_flows);
	tcase_add_test(tc, test_fin_linger);
	tcase_add_test(tc, test_linger_zero);
	tcase_add_test(tc, test_rst_stragglers);
	tcase_add_test(tc, test_port_reuse);
	tcase_add_test(tc, test_synack_first);
	tcase_add_test(tc, test_active_continuation);
	tcase_add_test(tc, test_out_of_order);
	tcase_add_test(tc, test_time_jumps);
	tcase_add_test(tc, test_time_reset);
	tcase_add_test(tc, test_vlan_unidir);
	tcase_add_test(tc, test_icmp);
	tcase_add_test(tc, test_fin_closes);
	tcase_add_test(tc, test_fin_closes_rst);
	tcase_add_test(tc, test_fin_closes_active);
	tcase_add_test(tc, test_non_ip);
	tcase_add_test(tc, test_hints);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return nf_check_run(flowtab_suite());
}
