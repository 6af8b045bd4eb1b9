/* check_capfile.c: unit tests for capture reading (capfile.c), with pktfmt.c and progress.c helpers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capfile.h"
#include "pktfmt.h"
#include "progress.h"
#include "record.h"
#include "check_util.h"

/* Expected values come from the pcapng draft (block layouts, if_tsresol)
 * and from the test captures' generator (tests/captures/gen-pcap2pkt.py). */

static char tmpname[64];

static const char *
captures(const char *name)
{
	static char path[1024];
	const char *d = getenv("NF_TESTDIR");

	snprintf(path, sizeof(path), "%s/captures/%s", d ? d : "tests", name);
	return path;
}

/* Write len bytes to a fresh temporary file; returns its name. */
static const char *
tmpfile_with(const void *buf, size_t len)
{
	int fd;

	snprintf(tmpname, sizeof(tmpname), "/tmp/check_capfile.XXXXXX");
	fd = mkstemp(tmpname);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
	return tmpname;
}

/* --- a tiny pcapng writer (little-endian) ------------------------------ */

struct ng {
	uint8_t	 b[1024];
	size_t	 n;
};

static void
put32(struct ng *g, uint32_t v)
{
	g->b[g->n++] = v & 0xff;
	g->b[g->n++] = v >> 8 & 0xff;
	g->b[g->n++] = v >> 16 & 0xff;
	g->b[g->n++] = v >> 24;
}

static void
put16(struct ng *g, uint16_t v)
{
	g->b[g->n++] = v & 0xff;
	g->b[g->n++] = v >> 8;
}

static void
shb(struct ng *g)
{
	put32(g, 0x0A0D0D0A);
	put32(g, 28);
	put32(g, 0x1A2B3C4D);
	put16(g, 1);
	put16(g, 0);
	put32(g, 0xffffffff);
	put32(g, 0xffffffff);
	put32(g, 28);
}

/* IDB with an if_tsresol option. */
static void
idb(struct ng *g, uint16_t linktype, uint8_t tsres)
{
	put32(g, 1);
	put32(g, 32);
	put16(g, linktype);
	put16(g, 0);
	put32(g, 65535);
	put16(g, 9);
	put16(g, 1);
	put32(g, tsres);	/* value byte + 3 padding bytes */
	put32(g, 0);		/* opt_endofopt */
	put32(g, 32);
}

/* EPB with 4 data bytes. */
static void
epb(struct ng *g, uint32_t ifc, uint64_t t, uint32_t caplen)
{
	put32(g, 6);
	put32(g, 36);
	put32(g, ifc);
	put32(g, (uint32_t)(t >> 32));
	put32(g, (uint32_t)t);
	put32(g, caplen);
	put32(g, 60);
	put32(g, 0xdeadbeef);
	put32(g, 36);
}

START_TEST(test_cap_ts)
{
	int bad;

	ck_assert_uint_eq(nf_cap_ts(1, 5, &bad), 1000000005ULL);
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(nf_cap_ts(1, 1000000000, &bad), 2000000000ULL);
	ck_assert_int_eq(bad, 1);
	ck_assert_uint_eq(nf_cap_ts(1, -5, &bad), 1000000000ULL);
	ck_assert_int_eq(bad, 1);
	/* A 32-bit seconds field past 2038 read as negative. */
	ck_assert_uint_eq(nf_cap_ts(-1, 0, &bad), 4294967295000000000ULL);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_pcapng_tsresol)
{
	struct nf_capfile *cf;
	struct nf_capframe fr;
	struct ng g = { .n = 0 };
	char err[512];

	shb(&g);
	idb(&g, 1, 0x83);	/* 2^-3 s */
	idb(&g, 101, 3);	/* 10^-3 s */
	epb(&g, 0, 17, 4);	/* 2 s + 1/8 s */
	epb(&g, 1, 1234567, 2);	/* 1234.567 s */
	cf = nf_capfile_open(tmpfile_with(g.b, g.n), err, sizeof(err));
	ck_assert_ptr_nonnull(cf);
	ck_assert_uint_eq(nf_capfile_niface(cf), 2);
	ck_assert_uint_eq(nf_capfile_iface(cf, 1)->linktype, 101);
	ck_assert_int_eq(nf_capfile_next(cf, &fr), 1);
	ck_assert_uint_eq(fr.ts_ns, 2125000000ULL);
	ck_assert_uint_eq(fr.linktype, 1);
	ck_assert_uint_eq(fr.caplen, 4);
	ck_assert_uint_eq(fr.wirelen, 60);
	ck_assert_mem_eq(fr.data, "\xef\xbe\xad\xde", 4);
	ck_assert_int_eq(nf_capfile_next(cf, &fr), 1);
	ck_assert_uint_eq(fr.ts_ns, 1234567000000ULL);
	ck_assert_uint_eq(fr.linktype, 101);
	ck_assert_uint_eq(fr.ifindex, 1);
	ck_assert_uint_eq(fr.caplen, 2);
	ck_assert_int_eq(nf_capfile_next(cf, &fr), 0);
	ck_assert_uint_eq(nf_capfile_offset(cf), g.n);
	nf_capfile_close(cf);
	unlink(tmpname);
}
END_TEST

/* Corrupt pcapng cases: what to break, the offset to report. */
static const struct {
	const char	*what;
	int		 kind;
	size_t		 off;	/* offset of the bad block */
	const char	*msg;
} ngbad[] = {
	{ "packet for interface 5", 0, 28 + 32, "undescribed interface 5" },
	{ "caplen beyond block", 1, 28 + 32, "beyond its block" },
	{ "length not a multiple of 4", 2, 28 + 32, "bad block length 37" },
	{ "trailer differs", 3, 28 + 32, "trailer 99 differ" },
	{ "cut inside a block", 4, 28 + 32, "truncated block" },
	{ "bad version", 5, 0, "unsupported pcapng version 2.0" },
};

START_TEST(test_pcapng_corrupt)
{
	struct nf_capfile *cf;
	struct nf_capframe fr;
	struct ng g = { .n = 0 };
	char err[512], want[64];
	size_t n;

	shb(&g);
	idb(&g, 1, 6);
	epb(&g, ngbad[_i].kind == 0 ? 5 : 0, 1, ngbad[_i].kind == 1 ? 9 : 4);
	n = g.n;
	switch (ngbad[_i].kind) {
	case 2:
		g.b[28 + 32 + 4] = 37;
		break;
	case 3:
		g.b[n - 4] = 99;
		break;
	case 4:
		n -= 6;
		break;
	case 5:
		g.b[12] = 2;
		break;
	}
	cf = nf_capfile_open(tmpfile_with(g.b, n), err, sizeof(err));
	ck_assert_ptr_nonnull(cf);
	ck_assert_int_eq(nf_capfile_next(cf, &fr), -1);
	snprintf(want, sizeof(want), "at offset %zu: ", ngbad[_i].off);
	ck_assert_msg(strstr(nf_capfile_error(cf), want) != NULL,
	    "%s: %s", ngbad[_i].what, nf_capfile_error(cf));
	ck_assert_msg(strstr(nf_capfile_error(cf), ngbad[_i].msg) != NULL,
	    "%s: %s", ngbad[_i].what, nf_capfile_error(cf));
	ck_assert_msg(strstr(nf_capfile_error(cf), tmpname) != NULL,
	    "no file name: %s", nf_capfile_error(cf));
	nf_capfile_close(cf);
	unlink(tmpname);
}
END_TEST

/* The generator's damaged pcap files: offset and good packets. */
START_TEST(test_pcap_corrupt_table)
{
	struct nf_capfile *cf;
	struct nf_capframe fr;
	char line[256], name[128], err[512], want[64];
	unsigned long off, good, n;
	FILE *fp;
	int r, rows = 0;

	fp = fopen(captures("p2p-corrupt.table"), "r");
	ck_assert_ptr_nonnull(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		ck_assert_int_eq(sscanf(line, "%127s %lu %lu", name, &off,
		    &good), 3);
		cf = nf_capfile_open(captures(name), err, sizeof(err));
		ck_assert_ptr_nonnull(cf);
		for (n = 0; (r = nf_capfile_next(cf, &fr)) == 1; n++)
			;
		ck_assert_int_eq(r, -1);
		ck_assert_uint_eq(n, good);
		snprintf(want, sizeof(want), "at offset %lu: ", off);
		ck_assert_msg(strstr(nf_capfile_error(cf), want) != NULL,
		    "%s: %s", name, nf_capfile_error(cf));
		nf_capfile_close(cf);
		rows++;
	}
	fclose(fp);
	ck_assert_int_ge(rows, 5);
}
END_TEST

/* A pcap record (header and caplen bytes of 0x41) into b at *n. */
static void
pcap_rec(uint8_t *b, size_t *n, uint32_t ts, uint32_t caplen, uint32_t len)
{
	uint32_t h[4] = { ts, 0, caplen, len };

	memcpy(b + *n, h, 16);		/* the test host is little-endian */
	memset(b + *n + 16, 0x41, caplen);
	*n += 16 + caplen;
}

/*
 * Offsets with records cut by the snap length (caplen 96 of longer
 * packets, where libpcap may have cut a longer record) and one record
 * longer than the file's snaplen (libpcap cuts it to 96): the error
 * names the exact offset of the damaged record, and at the end of a
 * good file the offset is the file size.  Offsets by hand from the
 * record sizes (16-byte headers).
 */
START_TEST(test_pcap_cut_offsets)
{
	static uint8_t b[8192];
	static const uint32_t hdr[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 96,
	    1 };
	struct nf_capfile *cf;
	struct nf_capframe fr;
	char err[512];
	size_t n = 0, good;
	int i, k, r;

	memcpy(b, hdr, 24);
	n = 24;
	pcap_rec(b, &n, 1, 60, 60);		/* 24 */
	pcap_rec(b, &n, 2, 96, 200);		/* 100 */
	pcap_rec(b, &n, 3, 150, 150);		/* 212: cut to 96 */
	for (i = 0; i < 20; i++)
		pcap_rec(b, &n, 4, 96, 1000);	/* 378 + 112 i */
	pcap_rec(b, &n, 5, 40, 40);		/* 2618 */
	good = n;				/* 2674 */
	ck_assert_uint_eq(good, 2674);
	for (k = 0; k < 2; k++) {
		if (k == 1) {
			/* A record of 80 bytes with only 30 there. */
			pcap_rec(b, &n, 6, 30, 80);
			memcpy(b + good + 8, "\x50\0\0\0", 4);
		}
		cf = nf_capfile_open(tmpfile_with(b, n), err, sizeof(err));
		ck_assert_ptr_nonnull(cf);
		for (i = 0; (r = nf_capfile_next(cf, &fr)) == 1; i++)
			;
		ck_assert_int_eq(i, 24);
		if (k == 0) {
			ck_assert_int_eq(r, 0);
			ck_assert_uint_eq(nf_capfile_offset(cf), good);
		} else {
			ck_assert_int_eq(r, -1);
			ck_assert_msg(strstr(nf_capfile_error(cf),
			    "at offset 2674: ") != NULL, "%s",
			    nf_capfile_error(cf));
		}
		nf_capfile_close(cf);
		unlink(tmpname);
	}
}
END_TEST

START_TEST(test_multi_linktype)
{
	static const uint32_t lt[] = { 1, 101, 101, 1 };
	struct nf_capfile *cf;
	struct nf_capframe fr;
	char err[512];
	int i;

	cf = nf_capfile_open(captures("p2p-multi-be.pcapng"), err,
	    sizeof(err));
	ck_assert_ptr_nonnull(cf);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(nf_capfile_next(cf, &fr), 1);
		ck_assert_uint_eq(fr.linktype, lt[i]);
		ck_assert_uint_eq(fr.ifindex, lt[i] == 1 ? 0 : 1);
	}
	ck_assert_int_eq(nf_capfile_next(cf, &fr), 0);
	nf_capfile_close(cf);
}
END_TEST

START_TEST(test_filter)
{
	struct nf_capfile *cf;
	struct nf_capframe fr;
	struct nf_capfilter f;
	char err[512];
	int n = 0;

	ck_assert_int_eq(nf_capfilter_init(&f, "tcp"), 0);
	cf = nf_capfile_open(captures("p2p-basic.pcap"), err, sizeof(err));
	ck_assert_ptr_nonnull(cf);
	while (nf_capfile_next(cf, &fr) == 1)
		n += nf_capfilter_match(&f, &fr);
	ck_assert_int_eq(n, 3);
	nf_capfile_close(cf);
	nf_capfilter_free(&f);
	ck_assert_int_eq(nf_capfilter_init(&f, "tcp and and"), 0);
	ck_assert_int_eq(nf_capfilter_prepare(&f, 1), -1);
	ck_assert_ptr_nonnull(strstr(f.err, "bad filter"));
	nf_capfilter_free(&f);
}
END_TEST

START_TEST(test_fmt_helpers)
{
	char buf[160];

	ck_assert_str_eq(nf_tcpflags_str(0x12, 0, buf), "S.");
	ck_assert_str_eq(nf_tcpflags_str(0x19, 0, buf), "FP.");
	ck_assert_str_eq(nf_tcpflags_str(0, 0, buf), "none");
	ck_assert_str_eq(nf_tcpflags_str(0xC2, 1, buf), "SEWN");
	nf_progress_format(buf, sizeof(buf), 1500000, 3000000, 10,
	    1000000000ULL);
	ck_assert_str_eq(buf,
	    "1.5 MB of 3.0 MB (50%), 10 packets, 1.5 MB/s, ETA 0:01");
	nf_progress_format(buf, sizeof(buf), 999, 0, 3, 500000000ULL);
	ck_assert_str_eq(buf, "999 B, 3 packets, 2.0 kB/s");
}
END_TEST

static Suite *
capfile_suite(void)
{
	Suite *s = suite_create("capfile");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_cap_ts);
	tcase_add_test(tc, test_pcapng_tsresol);
	tcase_add_loop_test(tc, test_pcapng_corrupt, 0,
	    (int)(sizeof(ngbad) / sizeof(ngbad[0])));
	tcase_add_test(tc, test_pcap_corrupt_table);
	tcase_add_test(tc, test_pcap_cut_offsets);
	tcase_add_test(tc, test_multi_linktype);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_fmt_helpers);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return nf_check_run(capfile_suite());
}
