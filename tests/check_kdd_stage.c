/* check_kdd_stage.c: unit tests for the flow2kdd engine: ICMP per message, TCP bytes, start order, ftp_data (kdd_stage.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kdd_conn.h"
#include "kdd_stage.h"
#include "check_util.h"

#define SEC	1000000000ULL

/* Rows the stage emitted, in order. */
static struct kdd_row rows[64];
static struct kdd_traffic traf[64];
static int nrows;

static void
collect(void *arg, const struct kdd_row *r, const struct kdd_traffic *t)
{
	(void)arg;
	if (nrows < 64) {
		rows[nrows] = *r;
		traf[nrows] = *t;
	}
	nrows++;
}

static void
setup(struct kdd_stage *s, uint64_t hold)
{
	struct kdd_opts o;

	kdd_opts_default(&o);
	if (hold)
		o.hold_ns = hold;
	nrows = 0;
	ck_assert_int_eq(kdd_stage_init(s, &o, collect, NULL), 0);
}

static void
addr(uint8_t a[16], int host)
{
	memset(a, 0, 16);
	a[0] = 10;
	a[3] = (uint8_t)host;
}

static struct nf_flow
flow(uint64_t id, uint64_t t0, uint64_t t1, int proto, int sh, int dh,
    uint16_t sp, uint16_t dp)
{
	struct nf_flow f;

	memset(&f, 0, sizeof(f));
	f.flow_id = id;
	f.first_ts = t0;
	f.last_ts = t1;
	addr(f.src, sh);
	addr(f.dst, dh);
	f.sport = sp;
	f.dport = dp;
	f.proto = (uint8_t)proto;
	f.ip_version = 4;
	return f;
}

/* A TCP packet of flow id in direction dir (hosts/ports of flow f). */
static struct nf_pkt
tcp(const struct nf_flow *f, int dir, uint64_t ts, uint8_t flags,
    uint32_t seq, uint32_t len, const char *data)
{
	struct nf_pkt k;

	memset(&k, 0, sizeof(k));
	k.ts_ns = ts;
	k.flow_id = f->flow_id;
	k.dir = (uint8_t)dir;
	k.ip_version = 4;
	k.proto = 6;
	memcpy(k.src, dir ? f->dst : f->src, 16);
	memcpy(k.dst, dir ? f->src : f->dst, 16);
	k.sport = dir ? f->dport : f->sport;
	k.dport = dir ? f->sport : f->dport;
	k.tcp_flags = flags;
	k.seq = seq;
	k.l4_hdr_len = 20;
	k.payload_len = len;
	if (data != NULL) {
		k.snip = (const uint8_t *)data;
		k.snip_len = (uint32_t)strlen(data);
	}
	return k;
}

START_TEST(test_icmp_per_message)
{
	struct kdd_stage s;
	struct nf_pkt k;
	int i;

	setup(&s, 0);
	/* Three 1024-byte echo replies 10.0.0.9 -> 10.0.0.1 (one pkt2flow
	 * flow): three records, each 8 + 1024 = 1032 bytes, duration 0. */
	for (i = 0; i < 3; i++) {
		memset(&k, 0, sizeof(k));
		k.ts_ns = 100 * SEC + (uint64_t)i * SEC / 10;
		k.flow_id = 7;
		k.ip_version = 4;
		k.proto = 1;
		addr(k.src, 9);
		addr(k.dst, 1);
		k.icmp_type = 0;
		k.l4_hdr_len = 8;
		k.payload_len = 1024;
		kdd_stage_pkt(&s, &k);
	}
	kdd_stage_finish(&s);
	ck_assert_int_eq(nrows, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(rows[i].src_bytes, 1032);
		ck_assert_uint_eq(rows[i].dst_bytes, 0);
		ck_assert_uint_eq(rows[i].end_ns, rows[i].start_ns);
		ck_assert_str_eq(kdd_service_name(rows[i].service), "ecr_i");
		ck_assert_uint_eq(rows[i].flag, KDD_SF);
		/* i + 1 replies to the same host within 2 s. */
		ck_assert_uint_eq(traf[i].count, (uint32_t)i + 1);
		ck_assert_uint_eq(traf[i].srv_count, (uint32_t)i + 1);
	}
	ck_assert_uint_eq(s.st.icmp, 3);
	kdd_stage_free(&s);
}
END_TEST

START_TEST(test_tcp_bytes_flags)
{
	struct kdd_stage s;
	struct nf_flow f = flow(1, 10 * SEC, 0, 6, 1, 2, 40000, 80);
	struct nf_pkt k;

	setup(&s, 0);
	kdd_stage_flow_begin(&s, &f);
	/* SYN seq 100 / SYN-ACK seq 500; 181 request bytes sent twice
	 * (retransmission); 5450 reply bytes in two segments; one URG. */
	k = tcp(&f, 0, 10 * SEC, NF_TH_SYN, 100, 0, NULL);
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 1, 10 * SEC + 1000, NF_TH_SYN | NF_TH_ACK, 500, 0, NULL);
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 0, 10 * SEC + 2000, NF_TH_ACK, 101, 0, NULL);
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 0, 10 * SEC + 3000, NF_TH_ACK | NF_TH_PSH, 101, 181,
	    "GET / HTTP/1.0\r\n");
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 0, 10 * SEC + 4000, NF_TH_ACK | NF_TH_PSH | NF_TH_URG,
	    101, 181, "GET / HTTP/1.0\r\n");
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 1, 11 * SEC, NF_TH_ACK, 501, 5000, "HTTP/1.0 200 OK\r\n");
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 1, 11 * SEC + 1, NF_TH_ACK, 5501, 450, NULL);
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 0, 12 * SEC, NF_TH_ACK | NF_TH_FIN, 282, 0, NULL);
	kdd_stage_pkt(&s, &k);
	k = tcp(&f, 1, 12 * SEC + 5, NF_TH_ACK | NF_TH_FIN, 5951, 0, NULL);
	kdd_stage_pkt(&s, &k);
	f.last_ts = 12 * SEC + 5;
	f.reason = NF_END_FIN;
	kdd_stage_flow_end(&s, &f);
	kdd_stage_finish(&s);
	ck_assert_int_eq(nrows, 1);
	ck_assert_uint_eq(rows[0].flag, KDD_SF);
	ck_assert_uint_eq(rows[0].src_bytes, 181);
	ck_assert_uint_eq(rows[0].dst_bytes, 5450);
	ck_assert_uint_eq(rows[0].urgent, 1);
	ck_assert_uint_eq(rows[0].land, 0);
	ck_assert_str_eq(kdd_service_name(rows[0].service), "http");
	/* The 200 status line: logged_in (http rule). */
	ck_assert_uint_eq(rows[0].content[KDD_F_LOGGED_IN], 1);
	/* 12.000000005 - 10 = 2.000000005 s: duration prints 2. */
	ck_assert_uint_eq((rows[0].end_ns - rows[0].start_ns) / SEC, 2);
	kdd_stage_free(&s);
}
END_TEST

START_TEST(test_start_order_and_hold)
{
	struct kdd_stage s;
	struct nf_flow a = flow(1, 0, 0, 17, 1, 2, 1000, 53);
	struct nf_flow b = flow(2, 1 * SEC, 0, 17, 1, 3, 1001, 53);
	struct nf_flow c = flow(3, 20 * SEC, 0, 17, 1, 4, 1002, 53);

	/* A starts at 0, B at 1 and ends at 2: B waits for A. */
	setup(&s, 10 * SEC);
	kdd_stage_flow_begin(&s, &a);
	kdd_stage_flow_begin(&s, &b);
	b.last_ts = 2 * SEC;
	kdd_stage_flow_end(&s, &b);
	ck_assert_int_eq(nrows, 0);
	a.last_ts = 5 * SEC;
	kdd_stage_flow_end(&s, &a);
	ck_assert_int_eq(nrows, 2);
	ck_assert_uint_eq(rows[0].start_ns, 0);
	ck_assert_uint_eq(rows[1].start_ns, 1 * SEC);
	ck_assert_uint_eq(s.st.late, 0);
	kdd_stage_free(&s);

	/* A still open after hold (10 s) at time 11: B goes out; A ends
	 * at 21 and is late (start 0 < 1); C (20 s) waits for nothing. */
	setup(&s, 10 * SEC);
	a.last_ts = b.last_ts = 0;
	kdd_stage_flow_begin(&s, &a);
	kdd_stage_flow_begin(&s, &b);
	b.last_ts = 2 * SEC;
	kdd_stage_flow_end(&s, &b);
	ck_assert_int_eq(nrows, 0);
	kdd_stage_tick(&s, 11 * SEC);
	ck_assert_int_eq(nrows, 1);
	ck_assert_uint_eq(rows[0].start_ns, 1 * SEC);
	kdd_stage_flow_begin(&s, &c);
	a.last_ts = 21 * SEC;
	kdd_stage_flow_end(&s, &a);
	ck_assert_int_eq(nrows, 2);
	ck_assert_uint_eq(rows[1].start_ns, 0);
	ck_assert_uint_eq(s.st.late, 1);
	ck_assert_uint_eq(s.st.held_expired, 1);
	kdd_stage_finish(&s);
	ck_assert_int_eq(nrows, 3);
	ck_assert_uint_eq(rows[2].start_ns, 20 * SEC);
	/* UDP: always SF, duration from the packets (none here: 0). */
	ck_assert_uint_eq(rows[2].flag, KDD_SF);
	kdd_stage_free(&s);
}
END_TEST

START_TEST(test_ftp_data_and_land)
{
	struct kdd_stage s;
	struct nf_flow ctl = flow(1, 0, 0, 6, 1, 2, 40000, 21);
	struct nf_flow data = flow(2, 2 * SEC, 0, 6, 1, 2, 40001, 50000);
	struct nf_flow land = flow(3, 3 * SEC, 0, 6, 5, 5, 139, 139);
	struct nf_pkt k;

	setup(&s, 0);
	kdd_stage_flow_begin(&s, &ctl);
	k = tcp(&ctl, 0, 0, NF_TH_SYN, 10, 0, NULL);
	kdd_stage_pkt(&s, &k);
	k = tcp(&ctl, 1, 1, NF_TH_SYN | NF_TH_ACK, 70, 0, NULL);
	kdd_stage_pkt(&s, &k);
	/* 195 * 256 + 80 = 50000 on the server 10.0.0.2. */
	k = tcp(&ctl, 1, 1 * SEC, NF_TH_ACK, 71, 47,
	    "227 Entering Passive Mode (10,0,0,2,195,80)\r\n");
	kdd_stage_pkt(&s, &k);
	kdd_stage_flow_begin(&s, &data);
	kdd_stage_flow_begin(&s, &land);
	kdd_stage_finish(&s);
	ck_assert_int_eq(nrows, 3);
	ck_assert_str_eq(kdd_service_name(rows[0].service), "ftp");
	ck_assert_str_eq(kdd_service_name(rows[1].service), "ftp_data");
	/* 139 = netbios_ssn; same address and port: land. */
	ck_assert_str_eq(kdd_service_name(rows[2].service), "netbios_ssn");
	ck_assert_uint_eq(rows[2].land, 1);
	ck_assert_uint_eq(rows[0].land, 0);
	/* Lone connection records without packets: OTH. */
	ck_assert_uint_eq(rows[2].flag, KDD_OTH);
	kdd_stage_free(&s);
}
END_TEST

START_TEST(test_wrong_fragment)
{
	struct kdd_stage s;
	struct nf_flow f = flow(1, 0, 0, 17, 1, 2, 1000, 161);
	struct nf_pkt k;

	setup(&s, 0);
	kdd_stage_flow_begin(&s, &f);
	memset(&k, 0, sizeof(k));
	k.flow_id = 1;
	k.ip_version = 4;
	k.proto = 17;
	/* First fragment fine; an overlapping one; a bad L4 checksum on a
	 * non-fragment (offload: not counted); a bad IP checksum on a
	 * fragment (counted): 2. */
	k.status = NF_ST_FRAGMENT;
	kdd_stage_pkt(&s, &k);
	k.status = NF_ST_FRAGMENT | NF_ST_FRAG_OVERLAP;
	kdd_stage_pkt(&s, &k);
	k.status = NF_ST_BAD_L4CSUM;
	kdd_stage_pkt(&s, &k);
	k.status = NF_ST_FRAGMENT | NF_ST_BAD_IPCSUM;
	kdd_stage_pkt(&s, &k);
	kdd_stage_finish(&s);
	ck_assert_int_eq(nrows, 1);
	ck_assert_uint_eq(rows[0].wrong_fragment, 2);
	ck_assert_str_eq(kdd_service_name(rows[0].service), "private");
	kdd_stage_free(&s);
}
END_TEST

START_TEST(test_icmp_fragments)
{
	struct kdd_stage s;
	struct nf_pkt k;
	int i;

	/* Ping of death: an echo request in 45 fragments of 1480 data
	 * bytes (the first: 8 header + 1472 data), the last one making the
	 * datagram oversize.  One record: 8 + 1472 + 44 * 1480 = 66600
	 * bytes, wrong_fragment 1, service eco_i. */
	setup(&s, 0);
	for (i = 0; i < 45; i++) {
		memset(&k, 0, sizeof(k));
		k.ts_ns = 5 * SEC + (uint64_t)i;
		k.ip_version = 4;
		k.proto = 1;
		addr(k.src, 9);
		addr(k.dst, 1);
		k.icmp_type = 8;
		k.ip_id = 4242;
		k.status = NF_ST_FRAGMENT;
		k.frag_offset = (uint16_t)(i * 1480);
		k.frag_flags = i < 44 ? NF_FF_MF : 0;
		if (i == 0) {
			k.l4_hdr_len = 8;
			k.payload_len = 1472;
		} else
			k.payload_len = 1480;
		if (i == 44)
			k.status |= NF_ST_FRAG_OVERSIZE;
		kdd_stage_pkt(&s, &k);
		if (i < 44)
			ck_assert_int_eq(nrows, 0);
	}
	ck_assert_int_eq(nrows, 1);
	ck_assert_uint_eq(rows[0].src_bytes, 66600);
	ck_assert_uint_eq(rows[0].wrong_fragment, 1);
	ck_assert_str_eq(kdd_service_name(rows[0].service), "eco_i");
	kdd_stage_finish(&s);
	ck_assert_int_eq(nrows, 1);
	kdd_stage_free(&s);
}
END_TEST

/*
 * Handing released rows off (to be processed later, as flow2kdd's row
 * thread does) gives the rows and traffic features of processing them at
 * once: 40 UDP flows to a few hosts and services, overlapping, ending
 * out of start order, some held past the hold time (late rows).
 */
static struct kdd_row pend[64];
static int npend;

static void
defer(void *arg, const struct kdd_row *r)
{
	(void)arg;
	ck_assert_int_lt(npend, 64);
	pend[npend++] = *r;
}

static void
feed(struct kdd_stage *s, int handoff)
{
	struct nf_flow f[40];
	int i, j;

	for (i = 0; i < 40; i++) {
		f[i] = flow((uint64_t)i + 1, (uint64_t)i * SEC / 4, 0, 17,
		    1 + i % 3, 10 + i % 4, (uint16_t)(2000 + i),
		    (uint16_t)(i % 2 ? 53 : 123));
		kdd_stage_flow_begin(s, &f[i]);
		if (i >= 3) {
			/* End flows out of order: 3 back, long ones kept. */
			j = i - 3;
			if (j % 7 != 0) {
				f[j].last_ts = (uint64_t)i * SEC / 4 + SEC / 8;
				kdd_stage_flow_end(s, &f[j]);
			}
		}
		if (handoff)
			for (j = 0; j < npend; j++)
				kdd_stage_process(s, &pend[j]);
		npend = 0;
	}
	kdd_stage_tick(s, 30 * SEC);
	kdd_stage_finish(s);
	if (handoff)
		for (j = 0; j < npend; j++)
			kdd_stage_process(s, &pend[j]);
	npend = 0;
}

START_TEST(test_handoff)
{
	static struct kdd_row r0[64];
	static struct kdd_traffic t0[64];
	struct kdd_stage s;
	int n0, i;

	setup(&s, 5 * SEC);
	feed(&s, 0);
	n0 = nrows;
	ck_assert_int_eq(n0, 40);
	ck_assert_uint_gt(s.st.late, 0);
	memcpy(r0, rows, sizeof(r0));
	memcpy(t0, traf, sizeof(t0));
	kdd_stage_free(&s);

	setup(&s, 5 * SEC);
	s.handoff = defer;
	feed(&s, 1);
	ck_assert_int_eq(nrows, n0);
	for (i = 0; i < n0; i++) {
		ck_assert_mem_eq(&rows[i], &r0[i], sizeof(rows[i]));
		ck_assert_mem_eq(&traf[i], &t0[i], sizeof(traf[i]));
	}
	kdd_stage_free(&s);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("kdd_stage");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_icmp_per_message);
	tcase_add_test(tc, test_tcp_bytes_flags);
	tcase_add_test(tc, test_start_order_and_hold);
	tcase_add_test(tc, test_ftp_data_and_land);
	tcase_add_test(tc, test_wrong_fragment);
	tcase_add_test(tc, test_icmp_fragments);
	tcase_add_test(tc, test_handoff);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
