/* check_frag.c: unit tests for the IP fragment table (frag.c) through the decoder. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "frag.h"
#include "testframe.h"

/*
 * Fragments are built from the RFC 791 / RFC 8200 layouts.  The datagram
 * used throughout is UDP 8080 -> 53 with 40 payload bytes (48 bytes of IP
 * data), cut into three 16-byte fragments at offsets 0, 16 and 32.
 */

#define SEC	1000000000ULL

static struct nf_decoder dec;

static void
setup(void)
{
	ck_assert_int_eq(nf_decoder_init(&dec, 0), 0);
}

static void
teardown(void)
{
	nf_decoder_free(&dec);
}

/*
 * Ethernet + IPv4 fragment of datagram id, data offset off (bytes, a
 * multiple of 8), len data bytes, more fragments flag mf.  The first
 * fragment's data starts with the UDP header.
 */
static void
frag4(struct fb *f, uint16_t id, uint16_t off, uint16_t len, int mf)
{
	size_t ip, i;
	uint16_t fo = (uint16_t)(off / 8 | (mf ? 0x2000 : 0));

	f->n = 0;
	put(f, "001122334455 66778899aabb 0800");
	ip = put(f, "45 00 0000 0000 0000 40 11 0000 c0000201 c0000202");
	store16(f->b + ip + 2, (uint16_t)(20 + len));
	store16(f->b + ip + 4, id);
	store16(f->b + ip + 6, fo);
	i = 0;
	if (off == 0 && len >= 8) {
		put(f, "1f90 0035 0030 0000");
		i = 8;
	}
	for (; i < len; i++)
		f->b[f->n++] = (uint8_t)('a' + (off + i) % 26);
	fix_ip4(f, ip);
}

static void
run4(uint16_t id, uint16_t off, uint16_t len, int mf, uint64_t ts,
    struct nf_pkt *p)
{
	struct fb f;

	frag4(&f, id, off, len, mf);
	nf_decode(&dec, 1, ts, f.b, (uint32_t)f.n, (uint32_t)f.n, p);
}

START_TEST(test_in_order)
{
	struct nf_pkt p;

	run4(7, 0, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.frag_flags, NF_FF_MF);
	ck_assert_uint_eq(p.frag_offset, 0);
	ck_assert_uint_eq(p.ip_id, 7);
	ck_assert_uint_eq(p.sport, 8080);
	ck_assert_uint_eq(p.dport, 53);
	ck_assert_uint_eq(p.l4_hdr_len, 8);
	ck_assert_uint_eq(p.payload_len, 8);
	ck_assert_uint_eq(nf_frag_count(dec.frag), 1);

	run4(7, 16, 16, 1, SEC + 1, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.frag_offset, 16);
	ck_assert_uint_eq(p.sport, 8080);
	ck_assert_uint_eq(p.dport, 53);
	ck_assert_uint_eq(p.l4_hdr_len, 0);
	ck_assert_uint_eq(p.payload_len, 16);
	ck_assert_uint_eq(p.proto, 17);

	run4(7, 32, 16, 0, SEC + 2, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.frag_flags, 0);
	ck_assert_uint_eq(p.frag_offset, 32);
	ck_assert_uint_eq(p.sport, 8080);
	ck_assert_uint_eq(p.payload_len, 16);
	/* Complete: forgotten. */
	ck_assert_uint_eq(nf_frag_count(dec.frag), 0);
	ck_assert_uint_eq(dec.st.fragments, 3);
	ck_assert_uint_eq(dec.st.frag_nofirst, 0);
}
END_TEST

START_TEST(test_reversed)
{
	struct nf_pkt p;

	run4(8, 32, 16, 0, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_NOFIRST);
	ck_assert_uint_eq(p.sport, 0);
	run4(8, 16, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_NOFIRST);
	run4(8, 0, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.sport, 8080);
	ck_assert_uint_eq(nf_frag_count(dec.frag), 0);
	ck_assert_uint_eq(dec.st.frag_nofirst, 2);
}
END_TEST

/* The first fragment arrives second: later fragments learn the ports. */
START_TEST(test_first_late)
{
	struct nf_pkt p;

	run4(9, 16, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_NOFIRST);
	run4(9, 0, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	run4(9, 32, 16, 0, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.dport, 53);
}
END_TEST

/* Teardrop-style overlap, and an exact duplicate. */
START_TEST(test_overlap)
{
	struct nf_pkt p;

	run4(10, 0, 24, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	run4(10, 16, 32, 0, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_OVERLAP);
	ck_assert_uint_eq(p.sport, 8080);

	run4(11, 0, 16, 1, SEC, &p);
	run4(11, 16, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	run4(11, 16, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_OVERLAP);
	/* Past the end announced by the last fragment (a gap keeps the
	 * datagram incomplete). */
	run4(18, 0, 16, 1, SEC, &p);
	run4(18, 32, 8, 0, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	run4(18, 40, 16, 1, SEC, &p);
	ck_assert(p.status & NF_ST_FRAG_OVERLAP);
	ck_assert_uint_eq(dec.st.frag_overlap, 3);
}
END_TEST

/* Ping of death: 20 + 65528 + 16 > 65535. */
START_TEST(test_oversize)
{
	struct nf_pkt p;

	run4(12, 0, 16, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	run4(12, 65528, 16, 0, SEC, &p);
	ck_assert_uint_eq(p.frag_offset, 65528);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_OVERSIZE);
	/* Exactly 65535 is fine: 20 + 65512 + 3. */
	run4(13, 0, 16, 1, SEC, &p);
	run4(13, 65512, 3, 0, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(dec.st.frag_oversize, 1);
}
END_TEST

/* An orphan non-first fragment. */
START_TEST(test_orphan)
{
	struct nf_pkt p;

	run4(14, 1480, 16, 0, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_NOFIRST);
	ck_assert_uint_eq(p.sport, 0);
	ck_assert_uint_eq(p.dport, 0);
	ck_assert_uint_eq(p.payload_len, 16);
	ck_assert_uint_eq(nf_frag_count(dec.frag), 1);
}
END_TEST

/* Entries are forgotten 30 s (packet time) after their first fragment. */
START_TEST(test_timeout)
{
	struct nf_pkt p;

	run4(15, 0, 16, 1, 100 * SEC, &p);
	run4(15, 16, 16, 1, 130 * SEC, &p);	/* exactly 30 s: kept */
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	run4(15, 32, 16, 0, 130 * SEC + 1, &p);	/* expired: new entry */
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_NOFIRST);
	ck_assert_uint_eq(nf_frag_count(dec.frag), 1);
	/* Another datagram much later expires that one. */
	run4(16, 16, 16, 1, 200 * SEC, &p);
	ck_assert_uint_eq(nf_frag_count(dec.frag), 1);
}
END_TEST

/*
 * One fragment with a wild timestamp (ten years ahead) does not break
 * the datagrams that follow it in normal time.
 */
START_TEST(test_wild_timestamp)
{
	struct nf_pkt p;

	run4(20, 0, 16, 1, 100 * SEC, &p);
	run4(21, 16, 16, 1, 100 * SEC + 315360000ULL * SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_NOFIRST);
	run4(22, 0, 16, 1, 101 * SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	run4(22, 16, 16, 1, 102 * SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.sport, 8080);
	/* A timestamp going back a little keeps the datagram. */
	run4(22, 32, 16, 0, 99 * SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.sport, 8080);
}
END_TEST

/* Many gaps: the eighth disjoint range is suspicious. */
START_TEST(test_range_overflow)
{
	struct nf_pkt p;
	uint16_t k;

	run4(17, 0, 16, 1, SEC, &p);
	for (k = 1; k < NF_FRAG_MAXRANGES; k++) {
		run4(17, (uint16_t)(k * 32), 8, 1, SEC, &p);
		ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	}
	run4(17, (uint16_t)(k * 32), 8, 1, SEC, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_OVERLAP);
	ck_assert_uint_eq(p.sport, 8080);
}
END_TEST

/*
 * IPv6 fragments (RFC 8200 4.5): a fragment header with 32-bit id
 * 0x01020304, first fragment carries the UDP header.
 */
START_TEST(test_ipv6)
{
	struct fb f;
	struct nf_pkt p;

	f.n = 0;
	put(&f, "001122334455 66778899aabb 86dd");
	put(&f, "60000000 0018 2c 40"
	    "20010db8000000000000000000000001"
	    "20010db8000000000000000000000002");
	put(&f, "11 00 0001 01020304");		/* offset 0, M=1 */
	put(&f, "1f90 0035 0030 0000 6162636465666768");
	nf_decode(&dec, 1, SEC, f.b, (uint32_t)f.n, (uint32_t)f.n, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.ip_version, 6);
	ck_assert_uint_eq(p.proto, 17);
	ck_assert_uint_eq(p.ip_id, 0x01020304);
	ck_assert_uint_eq(p.frag_flags, NF_FF_V6FRAG | NF_FF_MF);
	ck_assert_uint_eq(p.frag_offset, 0);
	ck_assert_uint_eq(p.ip_hdr_len, 48);
	ck_assert_uint_eq(p.sport, 8080);
	ck_assert_uint_eq(p.payload_len, 8);

	f.n = 0;
	put(&f, "001122334455 66778899aabb 86dd");
	put(&f, "60000000 0018 2c 40"
	    "20010db8000000000000000000000001"
	    "20010db8000000000000000000000002");
	put(&f, "11 00 0010 01020304");		/* offset 16, M=0 */
	put(&f, "6162636465666768 696a6b6c6d6e6f70");
	nf_decode(&dec, 1, SEC, f.b, (uint32_t)f.n, (uint32_t)f.n, &p);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.frag_flags, NF_FF_V6FRAG);
	ck_assert_uint_eq(p.frag_offset, 16);
	ck_assert_uint_eq(p.proto, 17);
	ck_assert_uint_eq(p.sport, 8080);
	ck_assert_uint_eq(p.dport, 53);
	ck_assert_uint_eq(p.payload_len, 16);
	ck_assert_uint_eq(p.l4_hdr_len, 0);
	ck_assert_uint_eq(nf_frag_count(dec.frag), 0);

	/* Atomic fragment (offset 0, M=0): not a fragment (RFC 6946). */
	f.n = 0;
	put(&f, "001122334455 66778899aabb 86dd");
	put(&f, "60000000 0010 2c 40"
	    "20010db8000000000000000000000001"
	    "20010db8000000000000000000000002");
	put(&f, "11 00 0000 0a0b0c0d");
	put(&f, "1f90 0035 0008 0000");
	nf_decode(&dec, 1, SEC, f.b, (uint32_t)f.n, (uint32_t)f.n, &p);
	ck_assert_uint_eq(p.status, 0);
	ck_assert_uint_eq(p.frag_flags, NF_FF_V6FRAG);
	ck_assert_uint_eq(p.ip_id, 0x0a0b0c0d);
	ck_assert_uint_eq(p.sport, 8080);
	ck_assert_uint_eq(nf_frag_count(dec.frag), 0);
}
END_TEST

/* Direct use of the table: a fragment record as the decoder fills it. */
static void
mkfrag(struct nf_pkt *p, uint32_t id, uint16_t off, int mf, uint16_t sport)
{
	memset(p, 0, sizeof(*p));
	p->ip_version = 4;
	p->proto = 17;
	p->src[0] = 10;
	p->dst[0] = 11;
	p->ip_id = id;
	p->frag_offset = off;
	p->frag_flags = mf ? NF_FF_MF : 0;
	p->ip_hdr_len = 20;
	if (off == 0) {
		p->sport = sport;
		p->dport = 1;
	}
	p->status = NF_ST_FRAGMENT;
}

/* A full table evicts its oldest datagram. */
START_TEST(test_capacity)
{
	struct nf_fragtab *t;
	struct nf_pkt p;
	uint32_t id;

	ck_assert_ptr_null(nf_frag_new(0));
	ck_assert_ptr_nonnull(t = nf_frag_new(4));
	for (id = 1; id <= 4; id++) {
		mkfrag(&p, id, 0, 1, (uint16_t)(100 + id));
		nf_frag_update(t, &p, 16, 20, SEC);
		ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	}
	ck_assert_uint_eq(nf_frag_count(t), 4);
	mkfrag(&p, 5, 0, 1, 105);
	nf_frag_update(t, &p, 16, 20, SEC);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_TABLE_FULL);
	ck_assert_uint_eq(nf_frag_count(t), 4);
	/* id 1 was evicted (table full again, evicts id 2), id 3 known. */
	mkfrag(&p, 1, 16, 1, 0);
	nf_frag_update(t, &p, 16, 20, SEC);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT | NF_ST_FRAG_NOFIRST |
	    NF_ST_FRAG_TABLE_FULL);
	mkfrag(&p, 3, 16, 1, 0);
	nf_frag_update(t, &p, 16, 20, SEC);
	ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
	ck_assert_uint_eq(p.sport, 103);
	nf_frag_free(t);
}
END_TEST

/*
 * Index consistency under churn: many live datagrams, a third completed
 * (deleted) in scattered order, then every survivor must still be found.
 */
START_TEST(test_churn)
{
	struct nf_fragtab *t;
	struct nf_pkt p;
	uint32_t id, n = 3000;

	ck_assert_ptr_nonnull(t = nf_frag_new(4096));
	for (id = 0; id < n; id++) {
		mkfrag(&p, id * 2654435761U, 0, 1, (uint16_t)id);
		nf_frag_update(t, &p, 16, 20, SEC);
	}
	for (id = 0; id < n; id += 3) {
		mkfrag(&p, id * 2654435761U, 16, 0, 0);
		nf_frag_update(t, &p, 16, 20, SEC);
		ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
		ck_assert_uint_eq(p.sport, (uint16_t)id);
	}
	ck_assert_uint_eq(nf_frag_count(t), n - n / 3);
	for (id = 0; id < n; id++) {
		if (id % 3 == 0)
			continue;
		mkfrag(&p, id * 2654435761U, 16, 1, 0);
		nf_frag_update(t, &p, 16, 20, SEC);
		ck_assert_uint_eq(p.status, NF_ST_FRAGMENT);
		ck_assert_uint_eq(p.sport, (uint16_t)id);
	}
	nf_frag_free(t);
}
END_TEST

static Suite *
frag_suite(void)
{
	Suite *s = suite_create("frag");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_in_order);
	tcase_add_test(tc, test_reversed);
	tcase_add_test(tc, test_first_late);
	tcase_add_test(tc, test_overlap);
	tcase_add_test(tc, test_oversize);
	tcase_add_test(tc, test_orphan);
	tcase_add_test(tc, test_timeout);
	tcase_add_test(tc, test_wild_timestamp);
	tcase_add_test(tc, test_range_overflow);
	tcase_add_test(tc, test_ipv6);
	tcase_add_test(tc, test_capacity);
	tcase_add_test(tc, test_churn);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(frag_suite());
	int nfail;

	srunner_run_all(sr, CK_NORMAL);
	nfail = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfail == 0 ? 0 : 1;
}
