/* gencap: deterministic synthetic capture generator for benchmarks and robustness tests. */

/*
 * usage: gencap [-n PACKETS] [-s SNAPLEN] [--seed N] [--start SEC]
 *	  [--slots N] [--mix realistic | --syn-flood | --concurrent FLOWS]
 *	  [--time-anomalies] [--pcapng] -w FILE
 *
 * Everything comes from a seeded PRNG (splitmix64) and a fixed start time,
 * so the same options always give the same bytes.  Modes:
 *
 *   realistic (default)  --slots N (default 4096) sessions in progress
 *	at once; each step picks one at random and emits its next packet
 *	(a small capture wants fewer slots).  TCP connections do the
 *	three-way handshake, request/response exchanges with data both
 *	ways (responses in MSS-sized segments), about 2% retransmitted
 *	segments, then FIN/FIN/ACK or an RST; some SYNs are refused with
 *	RST.  UDP DNS query/response (some unanswered), ICMP echo
 *	request/reply.  About 3% of sessions are IPv6 and 4% carry an
 *	802.1Q tag.  Checksums are correct.
 *   --syn-flood  PACKETS SYNs to one victim, each from a distinct
 *	(source address, source port) -- a bijection of the packet number,
 *	so every packet is its own flow.
 *   --concurrent FLOWS  FLOWS SYNs from distinct clients, all opened within
 *	about a second, then a SYN+ACK for each: every flow is open at the
 *	same time (peak per-flow state measurements).  -n is ignored.
 *
 * --time-anomalies perturbs timestamps: about 1% go back a few seconds,
 * some are zero, one packet jumps ten years ahead, and (pcapng only) one
 * lies beyond 2106 (seconds past 2^32).  Flows stay intact.
 *
 * Output is pcap (microseconds, LINKTYPE_ETHERNET) or with --pcapng one
 * SHB, one IDB (if_tsresol 6) and EPBs.  Frames are built whole and cut to
 * the snap length (default 96).
 */

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS		4096	/* default concurrent sessions, realistic mode */
#define NSERVERS	256	/* server addresses in realistic mode */
#define MSS		1460
#define MAXFRAME	1600
#define START_SEC	1500000000ULL	/* 2017-07-14 02:40:00 UTC */

enum kind { K_TCP, K_DNS, K_ICMP };

enum phase {
	P_SYN, P_SYNACK, P_ACK, P_REQ, P_RESP, P_RESPACK,
	P_FIN1, P_FIN2, P_LASTACK, P_RST, P_REFUSE, P_DONE
};

struct session {
	uint8_t		 kind;
	uint8_t		 phase;
	uint8_t		 v6;
	uint8_t		 rst_end;	/* tear down with RST, not FIN */
	uint16_t	 vlan;		/* 0: untagged */
	uint16_t	 cport;
	uint16_t	 sport;
	uint16_t	 exch;		/* request/response exchanges left */
	uint16_t	 icmp_seq;
	uint8_t		 caddr[16];
	uint8_t		 saddr[16];
	uint32_t	 cseq;
	uint32_t	 sseq;
	uint32_t	 resp_left;	/* response bytes still to send */
	uint32_t	 seg_len;	/* length of the segment in progress */
};

static uint64_t rng_state;
static FILE *out;
static int pcapng;
static uint32_t snaplen = 96;
static int anomalies;
static uint64_t npkts;
static uint8_t junk[4096];	/* payload filler */

static uint64_t
rnd(void)
{
	uint64_t z;

	z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t
rndn(uint32_t n)
{
	return (uint32_t)(((rnd() >> 32) * n) >> 32);
}

/* A bijection on 32-bit values (so distinct inputs stay distinct). */
static uint32_t
perm32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

static void
put16(uint8_t *p, uint32_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void
le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void
le16(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static uint32_t
sum16(const uint8_t *p, size_t n, uint32_t s)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
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
wr(const void *p, size_t n)
{
	if (fwrite(p, 1, n, out) != n) {
		perror("gencap: write");
		exit(1);
	}
}

static void
file_header(void)
{
	uint8_t h[32];

	if (!pcapng) {
		le32(h, 0xa1b2c3d4);
		le16(h + 4, 2);
		le16(h + 6, 4);
		le32(h + 8, 0);
		le32(h + 12, 0);
		le32(h + 16, snaplen);
		le32(h + 20, 1);
		wr(h, 24);
		return;
	}
	/* Section header block. */
	le32(h, 0x0a0d0d0a);
	le32(h + 4, 28);
	le32(h + 8, 0x1a2b3c4d);
	le16(h + 12, 1);
	le16(h + 14, 0);
	le32(h + 16, 0xffffffff);
	le32(h + 20, 0xffffffff);
	le32(h + 24, 28);
	wr(h, 28);
	/* Interface description block: Ethernet, snaplen, if_tsresol 6. */
	le32(h, 1);
	le32(h + 4, 32);
	le16(h + 8, 1);
	le16(h + 10, 0);
	le32(h + 12, snaplen);
	le16(h + 16, 9);	/* if_tsresol */
	le16(h + 18, 1);
	h[20] = 6;
	h[21] = h[22] = h[23] = 0;
	le32(h + 24, 0);	/* opt_endofopt */
	le32(h + 28, 32);
	wr(h, 32);
}

static void
emit(uint64_t ts_us, const uint8_t *frame, uint32_t len)
{
	uint8_t h[28];
	static const uint8_t zero[4];
	uint32_t cap = len < snaplen ? len : snaplen, pad;

	if (!pcapng) {
		le32(h, (uint32_t)(ts_us / 1000000));
		le32(h + 4, (uint32_t)(ts_us % 1000000));
		le32(h + 8, cap);
		le32(h + 12, len);
		wr(h, 16);
		wr(frame, cap);
	} else {
		pad = (4 - cap % 4) % 4;
		le32(h, 6);
		le32(h + 4, 32 + cap + pad);
		le32(h + 8, 0);
		le32(h + 12, (uint32_t)(ts_us >> 32));
		le32(h + 16, (uint32_t)ts_us);
		le32(h + 20, cap);
		le32(h + 24, len);
		wr(h, 28);
		wr(frame, cap);
		wr(zero, pad);
		le32(h, 32 + cap + pad);
		wr(h, 4);
	}
	npkts++;
}

/*
 * Build Ethernet [+ 802.1Q] + IPv4/IPv6 + L4 header + payload into f for a
 * packet of session s; fromc says client to server.  Returns the frame
 * length.  l4 holds the L4 header (l4len bytes, checksum field zero) and
 * the payload is plen bytes of filler (or the bytes in pl when given).
 */
static uint32_t
build(uint8_t *f, const struct session *s, int fromc, uint8_t proto,
    uint8_t *l4, uint32_t l4len, const uint8_t *pl, uint32_t plen)
{
	const uint8_t *src = fromc ? s->caddr : s->saddr;
	const uint8_t *dst = fromc ? s->saddr : s->caddr;
	uint32_t off = 12, iplen = l4len + plen, csum, l3, ck;
	uint8_t *ip;

	/* MAC addresses: locally administered, derived from the ends. */
	f[0] = 0x02; f[1] = 0; memcpy(f + 2, dst + (s->v6 ? 12 : 0), 4);
	f[6] = 0x02; f[7] = 0; memcpy(f + 8, src + (s->v6 ? 12 : 0), 4);
	if (s->vlan) {
		put16(f + off, 0x8100);
		put16(f + off + 2, s->vlan);
		off += 4;
	}
	put16(f + off, s->v6 ? 0x86dd : 0x0800);
	off += 2;
	ip = f + off;
	if (!s->v6) {
		ip[0] = 0x45;
		ip[1] = 0;
		put16(ip + 2, 20 + iplen);
		put16(ip + 4, (uint16_t)rnd());
		put16(ip + 6, 0x4000);
		ip[8] = fromc ? 64 : 57;
		ip[9] = proto;
		put16(ip + 10, 0);
		memcpy(ip + 12, src, 4);
		memcpy(ip + 16, dst, 4);
		put16(ip + 10, fold(sum16(ip, 20, 0)));
		l3 = 20;
		csum = sum16(src, 4, 0) + sum16(dst, 4, 0);
	} else {
		put32(ip, 0x60000000);
		put16(ip + 4, iplen);
		ip[6] = proto == 1 ? 58 : proto;
		ip[7] = fromc ? 64 : 57;
		memcpy(ip + 8, src, 16);
		memcpy(ip + 24, dst, 16);
		l3 = 40;
		csum = sum16(src, 16, 0) + sum16(dst, 16, 0);
	}
	memcpy(ip + l3, l4, l4len);
	if (pl != NULL)
		memcpy(ip + l3 + l4len, pl, plen);
	else
		memcpy(ip + l3 + l4len, junk + rndn(sizeof(junk) - MSS), plen);
	/* L4 checksum (ICMPv4 has no pseudo-header). */
	if (proto == 1 && !s->v6)
		ck = sum16(ip + l3, iplen, 0);
	else
		ck = sum16(ip + l3, iplen,
		    csum + (s->v6 && proto == 1 ? 58 : proto) + iplen);
	ck = fold(ck);
	if (proto == 17 && ck == 0)
		ck = 0xffff;
	put16(ip + l3 + (proto == 6 ? 16 : proto == 17 ? 6 : 2), ck);
	return off + l3 + iplen;
}

static uint32_t
tcp_pkt(uint8_t *f, const struct session *s, int fromc, uint8_t flags,
    uint32_t plen)
{
	uint8_t h[28];
	uint32_t hl = 20;

	put16(h, fromc ? s->cport : s->sport);
	put16(h + 2, fromc ? s->sport : s->cport);
	put32(h + 4, fromc ? s->cseq : s->sseq);
	put32(h + 8, (flags & 0x10) ? (fromc ? s->sseq : s->cseq) : 0);
	put16(h + 14, fromc ? 64240 : 65160);
	put16(h + 16, 0);
	put16(h + 18, 0);
	if (flags & 0x02) {
		/* MSS 1460, NOP, window scale 7. */
		h[20] = 2; h[21] = 4; put16(h + 22, MSS);
		h[24] = 1; h[25] = 3; h[26] = 3; h[27] = 7;
		hl = 28;
	}
	h[12] = (uint8_t)(hl / 4) << 4;
	h[13] = flags;
	return build(f, s, fromc, 6, h, hl, NULL, plen);
}

static void
new_addr(uint8_t *a, int v6, int server, uint32_t n)
{
	memset(a, 0, 16);
	if (!v6) {
		if (server) {
			a[0] = 192; a[1] = 0; a[2] = 2 + n / 256 % 2;
			a[3] = n % 256;
		} else {
			a[0] = 10; a[1] = n >> 16; a[2] = n >> 8; a[3] = n;
		}
		return;
	}
	a[0] = 0x20; a[1] = 0x01; a[2] = 0x0d; a[3] = 0xb8;
	a[5] = server ? 0x53 : 0x10;
	put32(a + 12, n);
}

static void
new_session(struct session *s)
{
	uint32_t r = rndn(100);
	static const uint16_t tcp_ports[] = {
		80, 443, 443, 443, 22, 25, 8080, 3306, 445, 21
	};

	memset(s, 0, sizeof(*s));
	s->v6 = rndn(100) < 3;
	s->vlan = rndn(100) < 4 ? 100 + rndn(4) : 0;
	new_addr(s->caddr, s->v6, 0, rndn(1 << 20));
	s->cport = 1024 + rndn(64000);
	if (r < 78) {
		s->kind = K_TCP;
		new_addr(s->saddr, s->v6, 1, rndn(NSERVERS));
		s->sport = tcp_ports[rndn(10)];
		s->cseq = (uint32_t)rnd();
		s->sseq = (uint32_t)rnd();
		s->exch = 1 + rndn(rndn(4) == 0 ? 20 : 3);
		s->rst_end = rndn(100) < 10;
		s->phase = P_SYN;
	} else if (r < 96) {
		s->kind = K_DNS;
		new_addr(s->saddr, s->v6, 1, rndn(4));
		s->sport = 53;
		s->icmp_seq = (uint16_t)rnd();	/* DNS id */
		s->phase = P_REQ;
	} else {
		s->kind = K_ICMP;
		new_addr(s->saddr, s->v6, 1, rndn(NSERVERS));
		s->cport = (uint16_t)rnd();	/* echo id */
		s->exch = 1 + rndn(4);
		s->phase = P_REQ;
	}
}

/* A DNS query (or response) for a name made from the session. */
static uint32_t
dns_pkt(uint8_t *f, struct session *s, int resp)
{
	uint8_t h[8], pl[128];
	uint32_t n = 0, name;

	put16(pl, s->icmp_seq);
	put16(pl + 2, resp ? 0x8180 : 0x0100);
	put16(pl + 4, 1);
	put16(pl + 6, resp ? 1 : 0);
	put16(pl + 8, 0);
	put16(pl + 10, 0);
	n = 12;
	name = (uint32_t)n;
	n += (uint32_t)snprintf((char *)pl + n + 1, 20, "host%u",
	    (unsigned)(s->cport % 5000));
	pl[name] = (uint8_t)(n - name);
	n++;
	pl[n++] = 7;
	memcpy(pl + n, "example", 7);
	n += 7;
	pl[n++] = 3;
	memcpy(pl + n, "com", 3);
	n += 3;
	pl[n++] = 0;
	put16(pl + n, s->v6 ? 28 : 1);
	put16(pl + n + 2, 1);
	n += 4;
	if (resp) {
		put16(pl + n, 0xc00c);
		put16(pl + n + 2, s->v6 ? 28 : 1);
		put16(pl + n + 4, 1);
		put32(pl + n + 6, 300);
		put16(pl + n + 10, s->v6 ? 16 : 4);
		n += 12;
		memcpy(pl + n, s->saddr, s->v6 ? 16 : 4);
		n += s->v6 ? 16 : 4;
	}
	put16(h, resp ? s->sport : s->cport);
	put16(h + 2, resp ? s->cport : s->sport);
	put16(h + 4, 8 + n);
	put16(h + 6, 0);
	return build(f, s, !resp, 17, h, 8, pl, n);
}

static uint32_t
icmp_pkt(uint8_t *f, struct session *s, int reply)
{
	uint8_t h[8];

	if (s->v6)
		h[0] = reply ? 129 : 128;
	else
		h[0] = reply ? 0 : 8;
	h[1] = 0;
	put16(h + 2, 0);
	put16(h + 4, s->cport);
	put16(h + 6, s->icmp_seq);
	return build(f, s, !reply, 1, h, 8, NULL, 56);
}

/*
 * Emit the next packet of session s into f; returns its length, and sets
 * s->phase to P_DONE when the session has ended.
 */
static uint32_t
step(uint8_t *f, struct session *s)
{
	uint32_t len, n;

	switch (s->kind) {
	case K_DNS:
		if (s->phase == P_REQ) {
			len = dns_pkt(f, s, 0);
			/* About 5% of queries go unanswered. */
			s->phase = rndn(100) < 5 ? P_DONE : P_RESP;
		} else {
			len = dns_pkt(f, s, 1);
			s->phase = P_DONE;
		}
		return len;
	case K_ICMP:
		if (s->phase == P_REQ) {
			len = icmp_pkt(f, s, 0);
			s->phase = P_RESP;
		} else {
			len = icmp_pkt(f, s, 1);
			s->icmp_seq++;
			s->phase = --s->exch ? P_REQ : P_DONE;
		}
		return len;
	}
	switch (s->phase) {
	case P_SYN:
		len = tcp_pkt(f, s, 1, 0x02, 0);
		s->cseq++;
		/* About 4% of connections are refused. */
		s->phase = rndn(100) < 4 ? P_REFUSE : P_SYNACK;
		return len;
	case P_REFUSE:
		len = tcp_pkt(f, s, 0, 0x14, 0);
		s->phase = P_DONE;
		return len;
	case P_SYNACK:
		len = tcp_pkt(f, s, 0, 0x12, 0);
		s->sseq++;
		s->phase = P_ACK;
		return len;
	case P_ACK:
		len = tcp_pkt(f, s, 1, 0x10, 0);
		s->phase = P_REQ;
		return len;
	case P_REQ:
		n = 40 + rndn(500);
		len = tcp_pkt(f, s, 1, 0x18, n);
		/* About 2% of segments are sent again (same sequence). */
		if (rndn(100) >= 2) {
			s->cseq += n;
			s->resp_left = rndn(8) == 0 ? 2000 + rndn(60000) :
			    100 + rndn(3000);
			s->phase = P_RESP;
		}
		return len;
	case P_RESP:
		n = s->resp_left < MSS ? s->resp_left : MSS;
		len = tcp_pkt(f, s, 0, n == s->resp_left ? 0x18 : 0x10, n);
		if (rndn(100) >= 2) {
			s->sseq += n;
			s->resp_left -= n;
			if (s->resp_left == 0)
				s->phase = P_RESPACK;
		}
		return len;
	case P_RESPACK:
		len = tcp_pkt(f, s, 1, 0x10, 0);
		if (--s->exch > 0)
			s->phase = P_REQ;
		else
			s->phase = s->rst_end ? P_RST : P_FIN1;
		return len;
	case P_RST:
		len = tcp_pkt(f, s, rndn(2), 0x14, 0);
		s->phase = P_DONE;
		return len;
	case P_FIN1:
		len = tcp_pkt(f, s, 1, 0x11, 0);
		s->cseq++;
		s->phase = P_FIN2;
		return len;
	case P_FIN2:
		len = tcp_pkt(f, s, 0, 0x11, 0);
		s->sseq++;
		s->phase = P_LASTACK;
		return len;
	default:
		len = tcp_pkt(f, s, 1, 0x10, 0);
		s->phase = P_DONE;
		return len;
	}
}

/* Timestamp of the next packet, with anomalies when asked for. */
static uint64_t
stamp(uint64_t ts)
{
	uint32_t r;

	if (!anomalies)
		return ts;
	r = rndn(1000);
	if (npkts == 500)
		return ts + 10ULL * 365 * 86400 * 1000000;	/* years ahead */
	if (pcapng && npkts == 700)
		return (4294967296ULL + 86400) * 1000000;	/* past 2106 */
	if (r < 10)
		return ts > 5000000 ? ts - 1000000 - rndn(4000000) : 0;
	if (r < 13)
		return 0;
	return ts;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: gencap [-n PACKETS] [-s SNAPLEN] [--seed N] "
	    "[--start SEC] [--slots N]\n"
	    "\t[--mix realistic | --syn-flood | --concurrent FLOWS]\n"
	    "\t[--time-anomalies] [--pcapng] -w FILE\n");
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "mix", required_argument, NULL, 'm' },
		{ "syn-flood", no_argument, NULL, 'F' },
		{ "concurrent", required_argument, NULL, 'C' },
		{ "seed", required_argument, NULL, 'S' },
		{ "start", required_argument, NULL, 'T' },
		{ "time-anomalies", no_argument, NULL, 'A' },
		{ "pcapng", no_argument, NULL, 'G' },
		{ "slots", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct session *slot;
	static uint8_t frame[MAXFRAME];
	struct session s;
	const char *path = NULL;
	uint64_t n = 5000000, seed = 1, start = START_SEC, conc = 0, i, ts;
	uint32_t len, k, nslots = SLOTS;
	int c, flood = 0;
	char *end;

	while ((c = getopt_long(argc, argv, "hn:s:w:", lopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			n = strtoull(optarg, &end, 10);
			if (*end != '\0')
				usage(stderr, 2);
			break;
		case 's':
			snaplen = (uint32_t)strtoul(optarg, &end, 10);
			if (*end != '\0' || snaplen < 64 || snaplen > 262144)
				usage(stderr, 2);
			break;
		case 'w':
			path = optarg;
			break;
		case 'm':
			if (strcmp(optarg, "realistic") != 0)
				usage(stderr, 2);
			flood = 0;
			conc = 0;
			break;
		case 'F':
			flood = 1;
			break;
		case 'C':
			conc = strtoull(optarg, &end, 10);
			if (*end != '\0' || conc == 0 || conc > 0xffffffffULL)
				usage(stderr, 2);
			break;
		case 'S':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'T':
			start = strtoull(optarg, NULL, 10);
			break;
		case 'A':
			anomalies = 1;
			break;
		case 'G':
			pcapng = 1;
			break;
		case 'L':
			nslots = (uint32_t)strtoul(optarg, &end, 10);
			if (*end != '\0' || nslots == 0 || nslots > 1000000)
				usage(stderr, 2);
			break;
		case 'h':
			usage(stdout, 0);
			break;
		default:
			usage(stderr, 2);
		}
	}
	if (path == NULL || optind != argc)
		usage(stderr, 2);
	if (strcmp(path, "-") == 0)
		out = stdout;
	else if ((out = fopen(path, "wb")) == NULL) {
		perror(path);
		return 1;
	}
	setvbuf(out, NULL, _IOFBF, 1 << 20);
	rng_state = seed;
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)rnd();
	file_header();
	ts = start * 1000000;

	if (flood) {
		/* Every SYN from its own (address, port): perm32 is a
		 * bijection, so packet numbers never collide. */
		memset(&s, 0, sizeof(s));
		new_addr(s.saddr, 0, 1, 80);
		s.sport = 80;
		for (i = 0; i < n; i++) {
			put32(s.caddr, perm32((uint32_t)i) | 0x01000000);
			s.cport = 1024 + (uint16_t)(i >> 32) +
			    (uint16_t)(perm32((uint32_t)i ^ 0x5a5a5a5a) %
			    60000);
			s.cseq = (uint32_t)rnd();
			len = tcp_pkt(frame, &s, 1, 0x02, 0);
			emit(stamp(ts), frame, len);
			ts += 1;
		}
	} else if (conc > 0) {
		/* All SYNs first (every flow open at once), then SYN+ACKs. */
		for (k = 0; k < 2; k++) {
			memset(&s, 0, sizeof(s));
			for (i = 0; i < conc; i++) {
				put32(s.caddr, 0x0a000000 + (uint32_t)i);
				new_addr(s.saddr, 0, 1, (uint32_t)(i % NSERVERS));
				s.cport = 1024 + (uint16_t)(i % 60000);
				s.sport = 443;
				s.cseq = (uint32_t)i * 7919U;
				s.sseq = (uint32_t)i * 104729U;
				if (k == 0)
					len = tcp_pkt(frame, &s, 1, 0x02, 0);
				else {
					s.cseq++;
					len = tcp_pkt(frame, &s, 0, 0x12, 0);
				}
				emit(stamp(ts), frame, len);
				ts += 1;
			}
		}
	} else {
		if ((slot = calloc(nslots, sizeof(*slot))) == NULL) {
			perror("gencap");
			return 1;
		}
		for (k = 0; k < nslots; k++)
			new_session(&slot[k]);
		for (i = 0; i < n; i++) {
			k = rndn(nslots);
			len = step(frame, &slot[k]);
			emit(stamp(ts), frame, len);
			if (slot[k].phase == P_DONE)
				new_session(&slot[k]);
			/* Mean gap 20 us, exponential-ish. */
			ts += 1 + rndn(rndn(8) == 0 ? 200 : 30);
		}
		free(slot);
	}
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		perror("gencap: write");
		return 1;
	}
	return 0;
}
