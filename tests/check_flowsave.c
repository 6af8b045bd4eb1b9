/* check_flowsave.c: unit tests for per-flow capture files (flowsave.c). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "flowsave.h"

#define FRAME	60000		/* bytes per test frame */

static char dir[64];
static uint8_t frame[FRAME];

static void
setup(void)
{
	strcpy(dir, "/tmp/check_flowsave.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && (e->d_name[1] == '\0' ||
		    strcmp(e->d_name, "..") == 0))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d != NULL)
		closedir(d);
	rmdir(dir);
}

/* Files in dir, and how many of them end in ".part". */
static int
count_files(int *parts)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	*parts = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (strstr(e->d_name, ".part") != NULL)
			(*parts)++;
	}
	closedir(d);
	return n;
}

static void
flow(struct nf_flow *f, uint64_t id, uint16_t sport)
{
	memset(f, 0, sizeof(*f));
	f->flow_id = id;
	f->first_ts = 1500000000ULL * 1000000000ULL + id;
	f->ip_version = 4;
	f->proto = 6;
	f->src[0] = 10;
	f->src[3] = 1;
	f->dst[0] = 10;
	f->dst[3] = 2;
	f->sport = sport;
	f->dport = 80;
	f->vlan = NF_NO_VLAN;
}

static void
pkt(struct nf_pkt *k, uint64_t id, uint64_t ts, uint8_t fill)
{
	memset(k, 0, sizeof(*k));
	memset(frame, fill, sizeof(frame));
	k->flow_id = id;
	k->ts_ns = ts;
	k->wire_len = FRAME + 4;
	k->cap_len = FRAME;
	k->frame = frame;
	k->frame_len = FRAME;
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/*
 * Two flows of 20 frames of 60000 bytes each, interleaved, with one spill
 * file open at a time: both pass the 1 MiB buffer and spill, and each
 * write to the other's file closes and reopens one.  The files must hold
 * exactly the frames, in order, with their timestamps.
 */
START_TEST(test_spill_lru)
{
	struct nf_flowsave s;
	struct nf_header h;
	struct nf_flow a, b;
	struct nf_pkt k;
	char name[256], path[512];
	uint8_t hdr[24], rec[16], *data;
	FILE *fp;
	int i, n, parts;

	nf_header_init(&h);
	ck_assert_int_eq(nf_header_add_iface(&h, 1, 65535, 9, "t"), 0);
	ck_assert_int_eq(nf_flowsave_init(&s, dir, "f%i", NF_CAPFMT_PCAP, 1,
	    &h), 0);
	s.max_open = 1;
	flow(&a, 1, 1000);
	flow(&b, 2, 2000);
	ck_assert_int_eq(nf_flowsave_begin(&s, &a), 0);
	ck_assert_int_eq(nf_flowsave_begin(&s, &b), 0);
	for (i = 0; i < 40; i++) {
		pkt(&k, 1 + i % 2, 1000000000ULL * (uint64_t)i + 7,
		    (uint8_t)i);
		ck_assert_int_eq(nf_flowsave_pkt(&s, &k), 0);
	}
	ck_assert_uint_eq(s.spilled, 2);
	ck_assert_uint_ge(s.reopened, 1);
	ck_assert_uint_le(s.nopen, 1);
	ck_assert_int_eq(nf_flowsave_end(&s, &a), 0);
	ck_assert_int_eq(nf_flowsave_end(&s, &b), 0);
	ck_assert_uint_eq(s.files, 2);
	ck_assert_uint_eq(s.packets, 40);
	n = count_files(&parts);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(parts, 0);

	/* Flow 2 got frames 1, 3, 5, ... 39 (fill byte = frame number). */
	ck_assert_int_eq(nf_flowsave_name("f%i", &b, name, sizeof(name)), 0);
	ck_assert_str_eq(name, "f2");
	snprintf(path, sizeof(path), "%s/%s.pcap", dir, name);
	ck_assert_ptr_nonnull(fp = fopen(path, "rb"));
	ck_assert_uint_eq(fread(hdr, 1, 24, fp), 24);
	ck_assert_uint_eq(le32(hdr), 0xa1b23c4d);	/* ns magic */
	ck_assert_uint_eq(le32(hdr + 20), 1);		/* Ethernet */
	data = malloc(FRAME);
	for (i = 1; i < 40; i += 2) {
		ck_assert_uint_eq(fread(rec, 1, 16, fp), 16);
		ck_assert_uint_eq(le32(rec), (uint32_t)i);
		ck_assert_uint_eq(le32(rec + 4), 7);
		ck_assert_uint_eq(le32(rec + 8), FRAME);
		ck_assert_uint_eq(le32(rec + 12), FRAME + 4);
		ck_assert_uint_eq(fread(data, 1, FRAME, fp), FRAME);
		ck_assert_uint_eq(data[0], (uint8_t)i);
		ck_assert_uint_eq(data[FRAME - 1], (uint8_t)i);
	}
	ck_assert_int_eq(fgetc(fp), EOF);
	fclose(fp);
	free(data);
	nf_flowsave_free(&s);
	nf_header_free(&h);
}
END_TEST

/* --min-packets: a 1-packet flow leaves no file and is counted. */
START_TEST(test_min_packets)
{
	struct nf_flowsave s;
	struct nf_header h;
	struct nf_flow a;
	struct nf_pkt k;
	int parts;

	nf_header_init(&h);
	ck_assert_int_eq(nf_header_add_iface(&h, 1, 65535, 9, "t"), 0);
	ck_assert_int_eq(nf_flowsave_init(&s, dir, "f%i", NF_CAPFMT_PCAP, 2,
	    &h), 0);
	flow(&a, 5, 1);
	ck_assert_int_eq(nf_flowsave_begin(&s, &a), 0);
	pkt(&k, 5, 1, 0);
	ck_assert_int_eq(nf_flowsave_pkt(&s, &k), 0);
	ck_assert_int_eq(nf_flowsave_end(&s, &a), 0);
	ck_assert_uint_eq(s.small, 1);
	ck_assert_uint_eq(s.files, 0);
	ck_assert_int_eq(count_files(&parts), 0);
	nf_flowsave_free(&s);
	nf_header_free(&h);
}
END_TEST

/* Names, written out by hand from the pattern rules in flowsave.h. */
START_TEST(test_names)
{
	struct nf_flow f;
	char buf[256];

	flow(&f, 42, 50432);
	f.first_ts = 1499082958598000123ULL;	/* 2017-07-03 11:55:58 UTC */
	f.reason = NF_END_RST;
	ck_assert_int_eq(nf_flowsave_name("%t_%p_%s_%S_%d_%D_%i_%r%%", &f,
	    buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf,
	    "20170703T115558.598000Z_tcp_10.0.0.1_50432_10.0.0.2_80_42_rst%");
	f.ip_version = 6;
	memset(f.src, 0, 16);
	f.src[0] = 0x20;
	f.src[1] = 0x01;
	f.src[2] = 0x0d;
	f.src[3] = 0xb8;
	f.src[15] = 1;
	f.proto = 58;
	ck_assert_int_eq(nf_flowsave_name("%s-%p-%T", &f, buf, sizeof(buf)),
	    0);
	ck_assert_str_eq(buf, "2001-db8--1-icmp6-1499082958598000123");
	ck_assert_int_eq(nf_flowsave_name("a/b", &f, buf, sizeof(buf)), -1);
	ck_assert_int_eq(nf_flowsave_name("%q", &f, buf, sizeof(buf)), -1);
	ck_assert_int_eq(nf_flowsave_name("", &f, buf, sizeof(buf)), -1);
	ck_assert_int_eq(nf_flowsave_name("%T%T%T", &f, buf, 20), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("flowsave");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_spill_lru);
	tcase_add_test(tc, test_min_packets);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return nf_check_run(s);
}
