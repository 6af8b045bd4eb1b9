/* check_record.c: unit tests for the record stream (record.c). */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "util.h"
#include "check_util.h"

/* Expected bytes below are written from the layout table in record.h. */

START_TEST(test_pkt_layout)
{
	struct nf_pkt k;
	uint8_t buf[256];
	size_t n;

	memset(&k, 0, sizeof(k));
	k.ts_ns = 0x0102030405060708ULL;
	k.wire_len = 60;
	k.ip_version = 4;
	k.proto = 6;
	k.sport = 0x1234;
	k.tcp_flags = NF_TH_SYN;
	k.snip_len = 3;
	k.snip = (const uint8_t *)"abc";
	n = nf_pkt_encode(&k, buf);
	ck_assert_uint_eq(n, 136);
	/* common header: type 1, flags 0, length 136 */
	ck_assert_mem_eq(buf, "\x01\x00\x00\x00\x88\x00\x00\x00", 8);
	ck_assert_mem_eq(buf + 8, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
	ck_assert_mem_eq(buf + 24, "\x3c\x00\x00\x00", 4);
	ck_assert_uint_eq(buf[44], 4);
	ck_assert_uint_eq(buf[45], 6);
	ck_assert_mem_eq(buf + 80, "\x34\x12", 2);
	ck_assert_uint_eq(buf[95], 2);
	ck_assert_mem_eq(buf + 120, "\x03\x00\x00\x00", 4);
	ck_assert_mem_eq(buf + 128, "abc\0\0\0\0\0", 8);
}
END_TEST

START_TEST(test_pkt_roundtrip)
{
	struct nf_pkt k, *d;
	struct nf_rec r;
	uint8_t buf[512], frame[61];
	char err[128];
	size_t n;
	int i;

	memset(&k, 0, sizeof(k));
	memset(&r, 0, sizeof(r));
	for (i = 0; i < 61; i++)
		frame[i] = (uint8_t)i;
	k.ts_ns = 1500000000123456789ULL;
	k.flow_id = 77;
	k.wire_len = 1514;
	k.cap_len = 61;
	k.ifindex = 3;
	k.status = NF_ST_FRAGMENT | NF_ST_FRAG_OVERLAP;
	k.vlan = 100;
	k.vlan_inner = NF_NO_VLAN;
	k.ip_version = 6;
	k.proto = 17;
	k.ttl = 64;
	k.dir = 1;
	memset(k.src, 0xfe, 16);
	memset(k.dst, 0x20, 16);
	k.sport = 53;
	k.dport = 40000;
	k.icmp_type = 8;
	k.icmp_code = 1;
	k.icmp_id = 999;
	k.ip_id = 0xdeadbeef;
	k.frag_offset = 1480;
	k.frag_flags = NF_FF_MF | NF_FF_V6FRAG;
	k.tcp_flags = 0xff;
	k.seq = 0xffffffff;
	k.ack = 1;
	k.window = 65535;
	k.urg_ptr = 7;
	k.mss = 1460;
	k.wscale = 7;
	k.tcp_flags2 = 1;
	k.ip_hdr_len = 48;
	k.l4_hdr_len = 8;
	k.payload_len = 1400;
	k.snip_len = 5;
	k.snip = (const uint8_t *)"hello";
	k.frame_len = 61;
	k.frame = frame;
	n = nf_pkt_encode(&k, buf);
	ck_assert_uint_eq(n, 128 + 72);
	ck_assert_int_eq(nf_rec_decode(buf, (uint32_t)n, &r, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(r.type, NF_REC_PKT);
	d = &r.u.pkt;
	ck_assert_mem_eq(d->snip, "hello", 5);
	ck_assert_mem_eq(d->frame, frame, 61);
	d->snip = k.snip;
	d->frame = k.frame;
	ck_assert_mem_eq(d, &k, sizeof(k));
}
END_TEST

START_TEST(test_flow_tick_end_roundtrip)
{
	struct nf_flow f;
	struct nf_end e;
	struct nf_rec r;
	uint8_t buf[4096];
	char err[128];
	size_t n;

	memset(&f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	f.flow_id = 5;
	f.first_ts = 10;
	f.last_ts = 20;
	f.src[0] = 10;
	f.dst[0] = 192;
	f.sport = 1;
	f.dport = 2;
	f.proto = 6;
	f.ip_version = 4;
	f.reason = NF_END_RST;
	f.flags = NF_FL_SYNACK_FIRST;
	f.vlan = NF_NO_VLAN;
	f.icmp_type = 0;
	f.fwd_pkts = 3;
	f.bwd_pkts = 4;
	f.prev_flow_id = 2;
	n = nf_flow_encode(NF_REC_FLOW_END, &f, buf);
	ck_assert_uint_eq(n, NF_FLOW_LEN);
	ck_assert_int_eq(nf_rec_decode(buf, (uint32_t)n, &r, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(r.type, NF_REC_FLOW_END);
	ck_assert_mem_eq(&r.u.flow, &f, sizeof(f));

	n = nf_tick_encode(123456789, buf);
	ck_assert_uint_eq(n, 16);
	ck_assert_int_eq(nf_rec_decode(buf, (uint32_t)n, &r, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(r.type, NF_REC_TICK);
	ck_assert_uint_eq(r.u.tick_ns, 123456789);

	nf_end_init(&e);
	ck_assert_int_eq(nf_end_add(&e, "pcap2pkt.packets", 10), 0);
	ck_assert_int_eq(nf_end_add(&e, "pcap2pkt.truncated", 2), 0);
	ck_assert_int_eq(nf_end_add(&e, "pcap2pkt.packets", 5), 0);
	ck_assert_uint_eq(e.count, 2);
	e.flags = NF_EF_INCOMPLETE;
	n = nf_end_encode(&e, buf);
	ck_assert_uint_eq(n, 16 + 2 * 40);
	nf_end_init(&r.u.end);
	ck_assert_int_eq(nf_rec_decode(buf, (uint32_t)n, &r, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(r.type, NF_REC_END);
	ck_assert_uint_eq(r.u.end.flags, NF_EF_INCOMPLETE);
	ck_assert_uint_eq(nf_end_get(&r.u.end, "pcap2pkt.packets"), 15);
	ck_assert_uint_eq(nf_end_get(&r.u.end, "pcap2pkt.truncated"), 2);
	nf_end_free(&r.u.end);
	nf_end_free(&e);
}
END_TEST

START_TEST(test_header_roundtrip)
{
	struct nf_header h, d;
	char *argv[] = { "pcap2pkt", "-r", "x.pcap", "-P", "64" };
	uint8_t *buf;
	size_t len;
	char err[128];

	nf_header_init(&h);
	h.flags = NF_HF_LIVE | NF_HF_FRAMES;
	h.snap_payload = 64;
	ck_assert_int_eq(nf_header_add_prov(&h, 5, argv), 0);
	ck_assert_int_eq(nf_header_add_iface(&h, 1, 262144, 9, "x.pcap"), 0);
	ck_assert_int_eq(nf_header_add_iface(&h, 113, 65535, 6, "y"), 0);
	h.flowcfg.present = 1;
	h.flowcfg.idle_ns = 120000000000ULL;
	h.flowcfg.linger_ns = 5;
	h.flowcfg.flags = NF_FC_NOVLAN;
	ck_assert_int_eq(nf_header_encode(&h, &buf, &len), 0);
	ck_assert_uint_eq(len % 8, 0);
	ck_assert_int_eq(nf_header_decode(buf, len, &d, err, sizeof(err)), 0);
	ck_assert_uint_eq(d.flags, h.flags);
	ck_assert_uint_eq(d.snap_payload, 64);
	ck_assert_uint_eq(d.nprov, 1);
	ck_assert_str_eq(d.prov[0] + strlen(d.prov[0]) - 15,
	    "-r x.pcap -P 64");
	ck_assert_uint_eq(d.niface, 2);
	ck_assert_uint_eq(d.iface[1].linktype, 113);
	ck_assert_str_eq(d.iface[1].name, "y");
	ck_assert_int_eq(d.flowcfg.present, 1);
	ck_assert_uint_eq(d.flowcfg.idle_ns, 120000000000ULL);
	ck_assert_uint_eq(d.flowcfg.flags, NF_FC_NOVLAN);
	nf_header_free(&d);
	nf_header_free(&h);
	free(buf);
}
END_TEST

/* Corrupt headers: each must be refused with a message. */
static const struct {
	const char *name;
	int off;		/* byte to change, -1 for length cut */
	uint8_t val;
	size_t cut;
	const char *msg;
} bad_hdr[] = {
	{ "magic", 1, 'X', 0, "bad magic" },
	{ "major", 8, 2, 0, "unsupported stream version 2.0" },
	{ "hlen-small", 12, 8, 0, "bad header length" },
	{ "hlen-odd", 12, 33, 0, "bad header length" },
	{ "hlen-huge", 15, 0x7f, 0, "bad header length" },
	{ "short", -1, 0, 20, "too short" },
};

START_TEST(test_header_corrupt)
{
	struct nf_header h, d;
	uint8_t *buf;
	size_t len;
	char err[128];

	nf_header_init(&h);
	ck_assert_int_eq(nf_header_encode(&h, &buf, &len), 0);
	if (bad_hdr[_i].off >= 0)
		buf[bad_hdr[_i].off] = bad_hdr[_i].val;
	else
		len = bad_hdr[_i].cut;
	err[0] = '\0';
	ck_assert_int_eq(nf_header_decode(buf, len, &d, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, bad_hdr[_i].msg) != NULL,
	    "%s: message '%s'", bad_hdr[_i].name, err);
	free(buf);
}
END_TEST

START_TEST(test_header_newer_minor)
{
	struct nf_header h, d;
	uint8_t *buf, *big;
	size_t len;
	char err[128];

	nf_header_init(&h);
	ck_assert_int_eq(nf_header_add_iface(&h, 1, 96, 9, "a"), 0);
	ck_assert_int_eq(nf_header_encode(&h, &buf, &len), 0);
	/* Minor 7 with an unknown option type 99 before the others and 16
	 * extra bytes at the end: accepted, unknown parts skipped. */
	big = calloc(1, len + 32);
	memcpy(big, buf, NF_HDR_FIXED);
	big[10] = 7;
	big[12] = (uint8_t)(len + 32);
	big[NF_HDR_FIXED] = 99;
	big[NF_HDR_FIXED + 4] = 5;
	memcpy(big + NF_HDR_FIXED + 16, buf + NF_HDR_FIXED, len - NF_HDR_FIXED);
	ck_assert_int_eq(nf_header_decode(big, len + 32, &d, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(d.minor, 7);
	ck_assert_uint_eq(d.niface, 1);
	ck_assert_str_eq(d.iface[0].name, "a");
	nf_header_free(&d);
	nf_header_free(&h);
	free(buf);
	free(big);
}
END_TEST

/*
 * Corrupt header options, each refused with a message: an option whose
 * length runs past the header, an interface option too short for its
 * fixed part or whose name is not NUL-terminated, a flow option too short.
 * Offsets from the layout in record.h: options start at 32, each with an
 * 8-byte head (type, reserved, value length).
 */
static void
put_opt(uint8_t *b, uint16_t type, uint32_t len)
{
	b[0] = (uint8_t)type;
	b[1] = (uint8_t)(type >> 8);
	b[2] = b[3] = 0;
	b[4] = (uint8_t)len;
	b[5] = (uint8_t)(len >> 8);
	b[6] = (uint8_t)(len >> 16);
	b[7] = (uint8_t)(len >> 24);
}

START_TEST(test_header_bad_options)
{
	static const struct {
		uint16_t type;
		uint32_t len;
		int unterminated;
		const char *msg;
	} cases[] = {
		{ NF_OPT_PROV, 1000, 0, "overruns the header" },
		{ NF_OPT_IFACE, 8, 0, "bad interface option at offset 32" },
		{ NF_OPT_IFACE, 24, 1, "bad interface option at offset 32" },
		{ NF_OPT_FLOWCFG, 16, 0, "bad flow option at offset 32" },
	};
	struct nf_header h, d;
	uint8_t *buf, big[128];
	size_t len, i;
	char err[128];

	nf_header_init(&h);
	ck_assert_int_eq(nf_header_encode(&h, &buf, &len), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(big, 0, sizeof(big));
		memcpy(big, buf, NF_HDR_FIXED);
		big[12] = sizeof(big);		/* header length 128 */
		big[13] = big[14] = big[15] = 0;
		put_opt(big + 32, cases[i].type, cases[i].len);
		if (cases[i].unterminated)
			memset(big + 40, 'x', cases[i].len);
		err[0] = '\0';
		ck_assert_int_eq(nf_header_decode(big, sizeof(big), &d, err,
		    sizeof(err)), -1);
		ck_assert_msg(strstr(err, cases[i].msg) != NULL,
		    "case %zu: message '%s'", i, err);
	}
	free(buf);
}
END_TEST

/* Write a stream to a pipe-like temp file and read it back. */
static int
stream_file(const uint8_t *data, size_t len)
{
	char path[] = "/tmp/check_record.XXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	unlink(path);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* A default stream header at out; returns its length. */
static size_t
put_header(uint8_t *out)
{
	struct nf_header h;
	uint8_t *hb;
	size_t hl;

	nf_header_init(&h);
	ck_assert_int_eq(nf_header_encode(&h, &hb, &hl), 0);
	memcpy(out, hb, hl);
	free(hb);
	return hl;
}

static size_t
build_stream(uint8_t *out, int with_end)
{
	struct nf_pkt k;
	struct nf_end e;
	size_t n;

	n = put_header(out);
	memset(&k, 0, sizeof(k));
	k.ts_ns = 1;
	n += nf_pkt_encode(&k, out + n);
	/* an unknown record type 77 of 24 bytes */
	memset(out + n, 0, 24);
	out[n] = 77;
	out[n + 4] = 24;
	n += 24;
	n += nf_tick_encode(2, out + n);
	if (with_end) {
		nf_end_init(&e);
		n += nf_end_encode(&e, out + n);
	}
	return n;
}

START_TEST(test_reader_ok)
{
	uint8_t data[1024];
	struct nf_reader r;
	struct nf_rec *rec;
	size_t n = build_stream(data, 1);
	int fd = stream_file(data, n);

	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	ck_assert_uint_eq(rec->type, NF_REC_PKT);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	ck_assert_uint_eq(rec->type, 77);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	ck_assert_uint_eq(rec->type, NF_REC_TICK);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	ck_assert_uint_eq(rec->type, NF_REC_END);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_EOF);
	nf_reader_close(&r);
	close(fd);
}
END_TEST

START_TEST(test_reader_truncated)
{
	uint8_t data[1024];
	struct nf_reader r;
	struct nf_rec *rec;
	size_t full = build_stream(data, 0);
	size_t hl = full - 128 - 24 - 16;
	int fd, rc;

	/* EOF without END: after the TICK. */
	fd = stream_file(data, full);
	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	while ((rc = nf_read(&r, &rec)) == NF_READ_OK)
		;
	ck_assert_int_eq(rc, NF_READ_ERR);
	ck_assert_int_eq(r.truncated, 1);
	ck_assert_msg(strstr(r.errmsg, "truncated stream at offset") != NULL,
	    "%s", r.errmsg);
	nf_reader_close(&r);
	close(fd);

	/* EOF inside the PKT record: offset is the record's start. */
	fd = stream_file(data, hl + 100);
	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_ERR);
	ck_assert_int_eq(r.truncated, 1);
	ck_assert_msg(strstr(r.errmsg, "record of 128 bytes, 100 read") !=
	    NULL, "%s", r.errmsg);
	nf_reader_close(&r);
	close(fd);
}
END_TEST

/*
 * Regression: END counters share a union with the PKT fields; a tagged PKT
 * (flow_id != 0) before END, or as the last record of a truncated stream,
 * must not make the reader free the PKT's bytes as a counter array.
 */
START_TEST(test_reader_tagged_pkt_then_end)
{
	uint8_t data[1024];
	struct nf_reader r;
	struct nf_rec *rec;
	size_t n, hl;
	int fd, rc, trunc;

	for (trunc = 0; trunc < 2; trunc++) {
		n = build_stream(data, !trunc);
		hl = n - 128 - 24 - 16 - (trunc ? 0 : 16);
		data[hl + 16] = 0x34;	/* flow_id 0x1234 */
		data[hl + 17] = 0x12;
		fd = stream_file(data, n);
		ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
		while ((rc = nf_read(&r, &rec)) == NF_READ_OK)
			if (rec->type == NF_REC_PKT)
				ck_assert_uint_eq(rec->u.pkt.flow_id, 0x1234);
		ck_assert_int_eq(rc, trunc ? NF_READ_ERR : NF_READ_EOF);
		if (!trunc)
			ck_assert_uint_eq(r.rec.u.end.count, 0);
		nf_reader_close(&r);
		close(fd);
	}
	/* A too-short END (8 bytes) after a tagged PKT: an error, and
	 * closing must not free the PKT's bytes (found by fuzz_record). */
	n = build_stream(data, 0);
	hl = n - 128 - 24 - 16;
	data[hl + 16] = 0x34;
	memset(data + n, 0, 8);
	data[n] = NF_REC_END;
	data[n + 4] = 8;
	fd = stream_file(data, n + 8);
	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	while ((rc = nf_read(&r, &rec)) == NF_READ_OK)
		;
	ck_assert_int_eq(rc, NF_READ_ERR);
	ck_assert_msg(strstr(r.errmsg, "END record of 8 bytes") != NULL, "%s",
	    r.errmsg);
	nf_reader_close(&r);
	close(fd);
}
END_TEST

START_TEST(test_reader_bad_len)
{
	uint8_t data[1024];
	struct nf_reader r;
	struct nf_rec *rec;
	size_t n = build_stream(data, 1);
	size_t hl = n - 128 - 24 - 16 - 16;
	int fd;

	data[hl + 4] = 12;	/* PKT length 12: not a multiple of 8 */
	data[hl + 5] = 0;
	fd = stream_file(data, n);
	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_ERR);
	ck_assert_msg(strstr(r.errmsg, "bad record length 12") != NULL, "%s",
	    r.errmsg);
	nf_reader_close(&r);
	close(fd);
	/* PKT of 16 bytes: too small for its type */
	data[hl + 4] = 16;
	fd = stream_file(data, n);
	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_ERR);
	ck_assert_msg(strstr(r.errmsg, "PKT record of 16 bytes") != NULL, "%s",
	    r.errmsg);
	nf_reader_close(&r);
	close(fd);
}
END_TEST

/*
 * The writer on a pipe hands full buffers to its writing thread: every
 * record must come out whole and in order, across many handovers, a
 * flush in the middle and a record larger than the buffers (which are
 * then grown).  A thread drains the pipe; the bytes are read back with
 * nf_reader and each record checked against the pattern it was written
 * with.
 */
struct drain {
	int	 fd;
	uint8_t	*buf;
	size_t	 len;
	size_t	 cap;
};

static void *
drain_pipe(void *arg)
{
	struct drain *d = arg;
	ssize_t n;

	for (;;) {
		if (d->cap - d->len < 65536) {
			d->cap = d->cap ? d->cap * 2 : 1 << 20;
			d->buf = realloc(d->buf, d->cap);
			if (d->buf == NULL)
				abort();
		}
		n = read(d->fd, d->buf + d->len, d->cap - d->len);
		if (n <= 0)
			break;
		d->len += (size_t)n;
	}
	return NULL;
}

#define NPIPE	20000		/* records written through the pipe */
#define BIGREC	300000		/* bytes of the one big frame */

static uint8_t
pattern(uint64_t i, size_t j)
{
	return (uint8_t)(i * 31 + j * 7);
}

START_TEST(test_writer_thread)
{
	static uint8_t snip[BIGREC];
	struct nf_header h;
	struct nf_writer w;
	struct nf_reader r;
	struct nf_rec *rec;
	struct nf_pkt k;
	struct nf_end e;
	struct drain d;
	pthread_t th;
	uint64_t i;
	size_t j, len;
	int pfd[2], fd;

	ck_assert_int_eq(pipe(pfd), 0);
	memset(&d, 0, sizeof(d));
	d.fd = pfd[0];
	ck_assert_int_eq(pthread_create(&th, NULL, drain_pipe, &d), 0);
	nf_writer_open(&w, pfd[1], "pipe");
	ck_assert_ptr_nonnull(w.wt);		/* a pipe: threaded */
	nf_header_init(&h);
	nf_writer_header(&w, &h);
	for (i = 0; i <= NPIPE; i++) {
		memset(&k, 0, sizeof(k));
		k.ts_ns = i + 1;
		len = i == NPIPE / 2 ? BIGREC : (size_t)(i % 301);
		for (j = 0; j < len; j++)
			snip[j] = pattern(i, j);
		k.snip = snip;
		k.snip_len = (uint32_t)len;
		nf_write_pkt(&w, &k);
		if (i == NPIPE / 4)
			nf_writer_flush(&w);
	}
	nf_end_init(&e);
	nf_write_end(&w, &e);
	nf_writer_close(&w);
	close(pfd[1]);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	close(pfd[0]);

	fd = stream_file(d.buf, d.len);
	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	for (i = 0; i <= NPIPE; i++) {
		ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
		ck_assert_uint_eq(rec->type, NF_REC_PKT);
		ck_assert_uint_eq(rec->u.pkt.ts_ns, i + 1);
		len = i == NPIPE / 2 ? BIGREC : (size_t)(i % 301);
		ck_assert_uint_eq(rec->u.pkt.snip_len, len);
		for (j = 0; j < len; j++)
			if (rec->u.pkt.snip[j] != pattern(i, j))
				ck_abort_msg("record %ju byte %zu differs",
				    (uintmax_t)i, j);
	}
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	ck_assert_uint_eq(rec->type, NF_REC_END);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_EOF);
	nf_reader_close(&r);
	close(fd);
	free(d.buf);
}
END_TEST

/*
 * Look-ahead: the PKT records after the one returned, in order, with
 * their offsets; other types skipped; nothing past the window, past the
 * buffered bytes or at a bad record length.
 */
START_TEST(test_ahead)
{
	static uint8_t data[4096];
	static const uint8_t snip[5] = { 1, 2, 3, 4, 5 };
	struct nf_pkt k, got;
	struct nf_reader r;
	struct nf_ahead a = { 0, 0, 0 };
	struct nf_rec *rec;
	const uint8_t *p;
	size_t hl, n, o2 = 0, o3 = 0, o5 = 0;
	int fd, i;

	n = hl = put_header(data);
	memset(&k, 0, sizeof(k));
	for (i = 1; i <= 5; i++) {
		k.flow_id = (uint64_t)i;
		k.sport = (uint16_t)(1000 + i);
		k.dir = (uint8_t)(i % 2);
		k.snip_len = i == 2 ? 5 : 0;
		k.snip = snip;
		if (i == 2)
			o2 = n;
		if (i == 3)
			o3 = n;
		if (i == 5)
			o5 = n;
		n += nf_pkt_encode(&k, data + n);
		if (i == 1)
			n += nf_tick_encode(7, data + n);
		if (i == 2) {		/* unknown type 77, 24 bytes */
			memset(data + n, 0, 24);
			data[n] = 77;
			data[n + 4] = 24;
			n += 24;
		}
	}
	ck_assert_uint_eq(o3 - o2, 136 + 24);
	/* A record of a bad length after them, then PKT 5's fixed part
	 * only in part (the file is cut 100 bytes into it). */
	memmove(data + o5 + 16, data + o5, 128);
	memset(data + o5, 0, 16);
	data[o5] = NF_REC_TICK;
	data[o5 + 4] = 12;
	fd = stream_file(data, o5 + 16 + 100);

	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	ck_assert_uint_eq(rec->u.pkt.flow_id, 1);
	/* Window ending right at PKT 3: only PKT 2. */
	p = nf_ahead_next(&r, &a, o3 - (hl + 128));
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(a.at, o2);
	ck_assert_uint_eq(nf_peek_flow_id(p), 2);
	ck_assert_int_eq(nf_peek_dir(p), 0);
	nf_pkt_peek(p, &got);
	ck_assert_uint_eq(got.sport, 1002);
	ck_assert_uint_eq(got.snip_len, 5);
	ck_assert_ptr_null(got.snip);
	ck_assert_ptr_null(nf_ahead_next(&r, &a, o3 - (hl + 128)));
	/* Wider: PKT 3, 4, then the bad length stops it. */
	p = nf_ahead_next(&r, &a, 1 << 20);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(a.at, o3);
	ck_assert_uint_eq(nf_peek_flow_id(p), 3);
	ck_assert_int_eq(nf_peek_dir(p), 1);
	p = nf_ahead_next(&r, &a, 1 << 20);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(nf_peek_flow_id(p), 4);
	ck_assert_ptr_null(nf_ahead_next(&r, &a, 1 << 20));
	/* The reader passes the cursor: it restarts at the reader. */
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	ck_assert_uint_eq(rec->u.pkt.flow_id, 4);
	a.off = 0;
	ck_assert_ptr_null(nf_ahead_next(&r, &a, 1 << 20));
	ck_assert_uint_eq(a.off, r.offset);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_ERR);
	nf_reader_close(&r);
	close(fd);

	/* A PKT record cut inside its fixed part is not returned. */
	fd = stream_file(data, o3 + 100);
	ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
	ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
	memset(&a, 0, sizeof(a));
	p = nf_ahead_next(&r, &a, 1 << 20);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(nf_peek_flow_id(p), 2);
	ck_assert_ptr_null(nf_ahead_next(&r, &a, 1 << 20));
	nf_reader_close(&r);
	close(fd);

	/* Flow records: skipped, or returned with their flow id. */
	{
		struct nf_flow f;
		uint64_t want[2][3] = { { 2, 0, 0 }, { 8, 2, 9 } };
		int wdir[2][3] = { { 1, 0, 0 }, { -1, 1, -1 } };
		int fl, j;

		memset(&f, 0, sizeof(f));
		n = hl;
		k.flow_id = 1;
		k.snip_len = 0;
		n += nf_pkt_encode(&k, data + n);
		f.flow_id = 8;
		n += nf_flow_encode(NF_REC_FLOW_BEGIN, &f, data + n);
		k.flow_id = 2;
		k.dir = 1;
		n += nf_pkt_encode(&k, data + n);
		f.flow_id = 9;
		n += nf_flow_encode(NF_REC_FLOW_END, &f, data + n);
		for (fl = 0; fl <= 1; fl++) {
			fd = stream_file(data, n);
			ck_assert_int_eq(nf_reader_open(&r, fd, "t"), 0);
			ck_assert_int_eq(nf_read(&r, &rec), NF_READ_OK);
			memset(&a, 0, sizeof(a));
			a.flows = fl;
			for (j = 0; j < 3 && want[fl][j] != 0; j++) {
				p = nf_ahead_next(&r, &a, 1 << 20);
				ck_assert_ptr_nonnull(p);
				ck_assert_uint_eq(nf_peek_flow_id(p),
				    want[fl][j]);
				ck_assert_int_eq(nf_peek_dir(p), wdir[fl][j]);
			}
			ck_assert_ptr_null(nf_ahead_next(&r, &a, 1 << 20));
			nf_reader_close(&r);
			close(fd);
		}
	}
}
END_TEST

static Suite *
record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_pkt_layout);
	tcase_add_test(tc, test_pkt_roundtrip);
	tcase_add_test(tc, test_flow_tick_end_roundtrip);
	tcase_add_test(tc, test_header_roundtrip);
	tcase_add_loop_test(tc, test_header_corrupt, 0,
	    (int)(sizeof(bad_hdr) / sizeof(bad_hdr[0])));
	tcase_add_test(tc, test_header_newer_minor);
	tcase_add_test(tc, test_header_bad_options);
	tcase_add_test(tc, test_reader_ok);
	tcase_add_test(tc, test_reader_truncated);
	tcase_add_test(tc, test_reader_bad_len);
	tcase_add_test(tc, test_reader_tagged_pkt_then_end);
	tcase_add_test(tc, test_writer_thread);
	tcase_add_test(tc, test_ahead);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return nf_check_run(record_suite());
}
