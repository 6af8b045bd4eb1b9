/* decode.c: decode one captured frame (link layer to L4) into a PKT record. */

/*
 * One function per protocol layer, each reading through one bounds-checked
 * cursor (cursor.h) over the whole captured frame, so the cursor offset is
 * always the offset in the frame.  A layer that runs out of captured bytes
 * sets NF_ST_TRUNCATED (link and IP headers) or NF_ST_L4_TRUNC (transport
 * header) and stops; an impossible field sets NF_ST_MALFORMED.  Every
 * field that was read before the problem stays filled in.
 *
 * Nothing here allocates or copies the frame; the cost per packet is the
 * clearing of struct nf_pkt and the header walk.  The fragment table
 * (frag.c) is touched only for IP fragments.
 *
 * Field semantics (where tshark differs, the conformance test lists it):
 *
 *   ip_version   4 or 6 when the fixed IP header (up to the addresses)
 *                was captured; a frame cut before that is not IP
 *                (ip_version 0, NF_ST_TRUNCATED), so no flow is keyed on
 *                missing addresses.  0 for non-IP frames (no status bit)
 *                and unknown link types (NF_ST_LINK_UNSUP).
 *                LINKTYPE_IPV4/IPV6 go by the version nibble, like
 *                tshark, with NF_ST_MALFORMED when it is the other one.
 *   vlan         the first (outer) tag, 802.1Q or 802.1ad; vlan_inner the
 *                second.  tshark's vlan.id lists 802.1Q tags only.
 *   proto        IPv6: the header after the last extension header walked
 *                (hop-by-hop, routing, destination options, fragment, AH);
 *                ESP (50) and no-next-header (59) end the walk.
 *   payload_len  L4 payload by the IP header: IPv4 total length (or IPv6
 *                payload length / jumbo length) minus IP and L4 headers.
 *                Ethernet padding never counts.  The datagram length is
 *                bounded by the frame on the wire (wire_len) and by a
 *                PPPoE LENGTH; a datagram longer than that sets
 *                NF_ST_TRUNCATED and is cut to it, as tshark does.  IPv4
 *                total length 0 is TCP segmentation offload: the wire
 *                length is used.  Fragments: the fragment's own bytes
 *                (first fragment: minus the L4 header); no reassembly.
 *   l4_hdr_len   TCP data offset * 4, UDP 8, ICMP/ICMPv6 8, SCTP 12,
 *                other protocols 0 (their whole datagram is payload).
 *   mss, wscale  from the options of SYN segments only (the only ones
 *                where RFC 9293 and RFC 7323 allow them).
 *   icmp_id      echo / timestamp / information / address-mask identifier
 *                (ICMP types 0, 8, 13-18; ICMPv6 128, 129); else 0.  The
 *                packet inside an ICMP error is not decoded (tshark shows
 *                its ports).
 *   status       NF_ST_BAD_IPCSUM: every IPv4 header captured whole.
 *                NF_ST_BAD_L4CSUM: TCP, UDP (unless 0), ICMP, ICMPv6, only
 *                when the whole datagram is captured, not cut on the wire
 *                and not a fragment; IPv6 routing headers with segments
 *                left give the final destination to the pseudo-header.
 *
 * Not decoded (tshark does): tunnels (GRE, IP-in-IP, UDP encapsulations),
 * anything inside ICMP errors, reassembled fragments.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "decode.h"
#include "frag.h"

/* Link types (libpcap DLT_* as returned by pcap_datalink, and LINKTYPE_*). */
#define LT_NULL		0	/* BSD loopback, AF in host byte order */
#define LT_EN10MB	1	/* Ethernet */
#define LT_PPP		9	/* PPP, RFC 1661 (maybe with HDLC framing) */
#define LT_RAW12	12	/* DLT_RAW on most systems */
#define LT_RAW14	14	/* DLT_RAW on OpenBSD */
#define LT_PPP_HDLC	50	/* PPP in HDLC-like framing, RFC 1662 */
#define LT_PPP_ETHER	51	/* PPPoE session header without Ethernet */
#define LT_RAW		101	/* LINKTYPE_RAW */
#define LT_C_HDLC	104	/* Cisco HDLC */
#define LT_LOOP		108	/* OpenBSD loopback, AF in network order */
#define LT_SLL		113	/* Linux cooked capture v1 */
#define LT_IPV4		228
#define LT_IPV6		229
#define LT_NFLOG	239	/* Linux netfilter log */
#define LT_SLL2		276	/* Linux cooked capture v2 */

/* Ethertypes. */
#define ET_IPV4		0x0800
#define ET_IPV6		0x86DD
#define ET_VLAN		0x8100	/* 802.1Q */
#define ET_QINQ		0x88A8	/* 802.1ad */
#define ET_QINQ1	0x9100	/* pre-standard QinQ */
#define ET_QINQ2	0x9200
#define ET_QINQ3	0x9300
#define ET_MPLS		0x8847
#define ET_MPLS_MC	0x8848
#define ET_PPPOE_SESS	0x8864

/* PPP protocol numbers. */
#define PPP_IPV4	0x0021
#define PPP_IPV6	0x0057

/* IP protocol numbers. */
#define IPP_HOPOPTS	0
#define IPP_ICMP	1
#define IPP_TCP		6
#define IPP_UDP		17
#define IPP_ROUTING	43
#define IPP_FRAGMENT	44
#define IPP_ESP		50
#define IPP_AH		51
#define IPP_ICMPV6	58
#define IPP_NONE	59
#define IPP_DSTOPTS	60
#define IPP_SCTP	132

/* Per-call decoding state. */
struct dctx {
	struct nf_cur		 c;
	struct nf_pkt		*p;
	struct nf_decoder	*d;
	uint64_t		 ts_ns;
	size_t			 wire;		/* max(wirelen, caplen) */
	int			 no_l4csum;	/* pseudo-header not known */
	const uint8_t		*final_dst;	/* IPv6 routing header's */
};

static void	dec_ether(struct dctx *);
static void	dec_ethertype(struct dctx *, uint16_t);

/* Whether the frame ended inside a link-layer header; if so the packet is
 * marked truncated. */
static int
link_cut(struct dctx *x)
{
	if (!nf_cur_err(&x->c))
		return 0;
	x->p->status |= NF_ST_TRUNCATED;
	return 1;
}

/* An ethertype after n more bytes of link-layer header: decode what it
 * announces. */
static void
ethertype_after(struct dctx *x, size_t n)
{
	uint16_t type;

	nf_skip(&x->c, n);
	type = nf_get_be16(&x->c);
	if (link_cut(x))
		return;
	dec_ethertype(x, type);
}
static void	dec_ipv4(struct dctx *);
static void	dec_ipv6(struct dctx *);

/* --- checksums (RFC 1071) ---------------------------------------- */

/*
 * Add n bytes at b to a one's complement sum.  The sum is independent of
 * byte order (RFC 1071 2(B)), so the bytes are added as native 32-bit
 * words into a 64-bit accumulator (no carry is lost below 2^32 words) and
 * folded to 16 bits; every call must start at an even offset of the
 * checksummed data.  Only a result compared with 0xFFFF is meaningful.
 */
/* A 64-bit sum of 32-bit words folded to 16 bits (one's complement). */
static inline uint32_t
csum_fold(uint64_t s)
{
	s = (s & 0xFFFFFFFF) + (s >> 32);
	s = (s & 0xFFFFFFFF) + (s >> 32);
	s = (s & 0xFFFF) + (s >> 16);
	s = (s & 0xFFFF) + (s >> 16);
	s = (s & 0xFFFF) + (s >> 16);
	return (uint32_t)s;
}

static uint32_t
csum_add(uint32_t sum, const uint8_t *b, size_t n)
{
	uint64_t s = sum;
	uint32_t w;
	uint8_t tail[4] = { 0, 0, 0, 0 };

	for (; n >= 4; n -= 4, b += 4) {
		memcpy(&w, b, 4);
		s += w;
	}
	if (n > 0) {
		memcpy(tail, b, n);
		memcpy(&w, tail, 4);
		s += w;
	}
	return csum_fold(s);
}

/* Whether a folded sum over data that includes its checksum is valid. */
static int
csum_ok(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return sum == 0xFFFF;
}

/*
 * Big-endian fields of a fixed header that nf_get_ptr() returned whole:
 * p points at n checked bytes and the caller reads below p + n.  These
 * save the per-field bounds checks when the whole header was captured.
 */
static inline uint16_t
at_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
at_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* csum_add() of the 20 bytes at b (an IPv4 header without options),
 * unrolled. */
static inline uint32_t
csum_add20(const uint8_t *b)
{
	uint32_t w[5];
	uint64_t s;

	memcpy(w, b, 20);
	s = (uint64_t)w[0] + w[1] + w[2] + w[3] + w[4];
	return csum_fold(s);
}

/* The pseudo-header sum (RFC 793 / RFC 8200 section 8.1). */
static uint32_t
csum_pseudo(const struct dctx *x, uint32_t len)
{
	const struct nf_pkt *p = x->p;
	uint32_t s;
	uint8_t b[8];

	if (p->ip_version == 4) {
		s = csum_add(0, p->src, 4);
		s = csum_add(s, p->dst, 4);
	} else if (x->final_dst == NULL)
		s = csum_add(0, p->src, 32);	/* src and dst are adjacent */
	else {
		s = csum_add(0, p->src, 16);
		s = csum_add(s, x->final_dst, 16);
	}
	b[0] = (uint8_t)(len >> 24);
	b[1] = (uint8_t)(len >> 16);
	b[2] = (uint8_t)(len >> 8);
	b[3] = (uint8_t)len;
	b[4] = b[5] = b[6] = 0;
	b[7] = p->proto;
	return csum_add(s, b, 8);
}

/* --- transport layer --------------------------------------------- */

/*
 * Whether the transport header of hlen bytes was cut by the snapshot
 * length: fewer bytes captured than both the header and the datagram.
 */
static int
l4_cut(const struct nf_cur *c, size_t hlen, uint32_t dlen)
{
	size_t avail = nf_cur_left(c);

	return avail < hlen && avail < dlen;
}

/*
 * Check the transport checksum when the whole datagram (dlen bytes) is
 * captured, was not cut on the wire, and is not a fragment.  c is at the
 * transport header.  The bytes are summed in the window the cursor
 * checked (nf_get_ptr).
 */
static void
l4_csum(struct dctx *x, uint32_t dlen, int pseudo, int zero_none)
{
	struct nf_cur t = x->c;
	const uint8_t *b;
	uint32_t s;

	if (x->no_l4csum ||
	    (x->p->status & (NF_ST_FRAGMENT | NF_ST_TRUNCATED)) ||
	    nf_cur_left(&t) != dlen || dlen < 8)
		return;
	if ((b = nf_get_ptr(&t, dlen)) == NULL)
		return;
	if (zero_none && b[6] == 0 && b[7] == 0)
		return;			/* UDP: no checksum sent */
	s = pseudo ? csum_pseudo(x, dlen) : 0;
	s = csum_add(s, b, dlen);
	if (!csum_ok(s))
		x->p->status |= NF_ST_BAD_L4CSUM;
}

/* Point the snippet at the captured payload after the L4 header. */
static void
set_snip(struct dctx *x)
{
	struct nf_pkt *p = x->p;
	size_t n = nf_cur_left(&x->c);

	if (n > p->payload_len)
		n = p->payload_len;
	if (n > x->d->snip_max)
		n = x->d->snip_max;
	p->snip_len = (uint32_t)n;
	p->snip = n > 0 ? x->c.base + nf_cur_off(&x->c) : NULL;
}

/*
 * Walk the TCP options (RFC 9293 3.1, RFC 7323 2.2) in the o cursor, which
 * covers the option bytes that were captured.  Returns -1 when an option
 * runs past the end or has a length below 2.
 *
 *   kind=0 end | kind=1 nop | kind=2 len=4 MSS(16) | kind=3 len=3 shift(8)
 *   | kind len data...
 */
static int
tcp_options(struct nf_cur *o, struct nf_pkt *p)
{
	uint16_t mss;
	uint8_t kind, len, ws;

	while (nf_cur_left(o) > 0) {
		kind = nf_get_u8(o);
		if (kind == 0)
			break;
		if (kind == 1)
			continue;
		len = nf_get_u8(o);
		if (nf_cur_err(o) || len < 2)
			return -1;
		if (kind == 2 && len == 4) {
			mss = nf_get_be16(o);
			if (!nf_cur_err(o))
				p->mss = mss;
		} else if (kind == 3 && len == 3) {
			ws = nf_get_u8(o);
			if (!nf_cur_err(o))
				p->wscale = ws;
		} else
			nf_skip(o, (size_t)len - 2);
		if (nf_cur_err(o))
			return -1;
	}
	return 0;
}

/*
 * TCP, RFC 9293 (NS: RFC 3540).  dlen is the segment length by the IP
 * header; first_frag says the segment may legitimately end early.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                        Sequence Number                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Acknowledgment Number                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Data |     |N|C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsv |S|W|C|R|C|S|S|Y|I|            Window             |
 *   |       |     | |R|E|G|K|H|T|N|N|                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |         Urgent Pointer        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options                    |    Padding    |
 */
static void
dec_tcp(struct dctx *x, uint32_t dlen, int first_frag)
{
	struct nf_cur *c = &x->c, o;
	struct nf_pkt *p = x->p;
	const uint8_t *b;
	uint32_t seq, ack;
	uint16_t sport, dport, win, urg;
	uint8_t off, flags;
	size_t thl;
	int have_off;

	if (l4_cut(c, 20, dlen))
		p->status |= NF_ST_L4_TRUNC;
	else if (dlen < 20 && !first_frag)
		p->status |= NF_ST_MALFORMED;
	l4_csum(x, dlen, 1, 0);
	/* Read into locals first: stores into *p could alias the cursor. */
	if (nf_cur_has(c, 20) && !nf_cur_err(c)) {
		/* The fixed header was captured: one bounds check. */
		b = nf_get_ptr(c, 20);
		sport = at_be16(b);
		dport = at_be16(b + 2);
		seq = at_be32(b + 4);
		ack = at_be32(b + 8);
		off = b[12];
		have_off = 1;
		flags = b[13];
		win = at_be16(b + 14);
		urg = at_be16(b + 18);
	} else {
		sport = nf_get_be16(c);
		dport = nf_get_be16(c);
		seq = nf_get_be32(c);
		ack = nf_get_be32(c);
		off = nf_get_u8(c);
		have_off = !nf_cur_err(c);
		flags = nf_get_u8(c);
		win = nf_get_be16(c);
		(void)nf_get_be16(c);		/* checksum */
		urg = nf_get_be16(c);
	}
	p->sport = sport;
	p->dport = dport;
	p->seq = seq;
	p->ack = ack;
	p->tcp_flags = flags;
	p->window = win;
	p->urg_ptr = urg;
	if (!have_off)
		return;
	p->tcp_flags2 = off & 0x01;
	thl = (size_t)(off >> 4) * 4;
	p->l4_hdr_len = (uint16_t)thl;
	if (thl < 20) {
		p->status |= NF_ST_MALFORMED;
		return;
	}
	if (thl > dlen) {
		if (!first_frag)
			p->status |= NF_ST_MALFORMED;
		return;
	}
	p->payload_len = dlen - (uint32_t)thl;
	if (nf_cur_err(c))
		return;
	/* MSS and window scale are only valid with SYN (RFC 9293 3.7.1,
	 * RFC 7323 2.2): other segments' options are not walked. */
	if (p->tcp_flags & NF_TH_SYN) {
		o = *c;
		nf_cur_limit(&o, thl - 20);
		if (tcp_options(&o, p) < 0 && nf_cur_left(c) >= thl - 20)
			p->status |= NF_ST_MALFORMED;
	}
	if (nf_skip(c, thl - 20) < 0) {
		p->status |= NF_ST_L4_TRUNC;
		return;
	}
	set_snip(x);
}

/*
 * UDP, RFC 768.
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |     Source      |   Destination   |
 *   |      Port       |      Port       |
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 */
static void
dec_udp(struct dctx *x, uint32_t dlen, int first_frag)
{
	struct nf_cur *c = &x->c;
	struct nf_pkt *p = x->p;
	uint16_t ulen;

	if (l4_cut(c, 8, dlen))
		p->status |= NF_ST_L4_TRUNC;
	else if (dlen < 8 && !first_frag)
		p->status |= NF_ST_MALFORMED;
	l4_csum(x, dlen, 1, 1);
	p->sport = nf_get_be16(c);
	p->dport = nf_get_be16(c);
	ulen = nf_get_be16(c);
	(void)nf_get_be16(c);
	if (nf_cur_err(c))
		return;
	p->l4_hdr_len = 8;
	p->payload_len = dlen - 8;
	/* Length 0 is allowed for IPv6 jumbograms (RFC 2675). */
	if (!first_frag && (ulen > dlen || (ulen < 8 && dlen <= 0xFFFF)))
		p->status |= NF_ST_MALFORMED;
	set_snip(x);
}

/* Whether an ICMP (v4) type carries an identifier and sequence number. */
static int
icmp_has_id(int v6, uint8_t type)
{
	if (v6)
		return type == 128 || type == 129;
	switch (type) {
	case 0: case 8:		/* echo reply, echo */
	case 13: case 14:	/* timestamp */
	case 15: case 16:	/* information */
	case 17: case 18:	/* address mask (RFC 950) */
		return 1;
	}
	return 0;
}

/*
 * ICMP, RFC 792, and ICMPv6, RFC 4443 (the same first 8 bytes).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Identifier (echo)            |  Sequence Number (echo)       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static void
dec_icmp(struct dctx *x, uint32_t dlen, int first_frag, int v6)
{
	struct nf_cur *c = &x->c;
	struct nf_pkt *p = x->p;
	uint16_t id;

	if (l4_cut(c, 8, dlen))
		p->status |= NF_ST_L4_TRUNC;
	else if (dlen < 8 && !first_frag)
		p->status |= NF_ST_MALFORMED;
	l4_csum(x, dlen, v6, 0);
	p->icmp_type = nf_get_u8(c);
	p->icmp_code = nf_get_u8(c);
	(void)nf_get_be16(c);
	id = nf_get_be16(c);
	if (!nf_cur_err(c) && icmp_has_id(v6, p->icmp_type))
		p->icmp_id = id;
	(void)nf_get_be16(c);
	if (nf_cur_err(c))
		return;
	p->l4_hdr_len = 8;
	p->payload_len = dlen - 8;
	set_snip(x);
}

/*
 * SCTP common header, RFC 9260 (ports only; no CRC32c check).
 *
 *   | Source Port (16) | Destination Port (16) | Verification Tag (32) |
 *   | Checksum (32) |
 */
static void
dec_sctp(struct dctx *x, uint32_t dlen, int first_frag)
{
	struct nf_cur *c = &x->c;
	struct nf_pkt *p = x->p;

	if (l4_cut(c, 12, dlen))
		p->status |= NF_ST_L4_TRUNC;
	else if (dlen < 12 && !first_frag)
		p->status |= NF_ST_MALFORMED;
	p->sport = nf_get_be16(c);
	p->dport = nf_get_be16(c);
	nf_skip(c, 8);
	if (nf_cur_err(c))
		return;
	p->l4_hdr_len = 12;
	p->payload_len = dlen - 12;
	set_snip(x);
}

/*
 * The transport layer of a datagram whose payload (dlen bytes by the IP
 * header; the cursor limited to it) starts at the cursor.  Fragments with
 * a non-zero offset carry no transport header.
 */
static void
dec_l4(struct dctx *x, uint32_t dlen)
{
	struct nf_pkt *p = x->p;
	int first_frag = (p->frag_flags & NF_FF_MF) != 0;

	if (p->frag_offset != 0) {
		p->payload_len = dlen;
		set_snip(x);
		return;
	}
	switch (p->proto) {
	case IPP_TCP:
		dec_tcp(x, dlen, first_frag);
		break;
	case IPP_UDP:
		dec_udp(x, dlen, first_frag);
		break;
	case IPP_ICMP:
		dec_icmp(x, dlen, first_frag, 0);
		break;
	case IPP_ICMPV6:
		dec_icmp(x, dlen, first_frag, 1);
		break;
	case IPP_SCTP:
		dec_sctp(x, dlen, first_frag);
		break;
	default:
		p->payload_len = dlen;
		set_snip(x);
		break;
	}
}

/*
 * After the transport layer: fragment bookkeeping (fdlen bytes of
 * fragmentable data behind unfrag bytes of headers).
 */
static void
frag_done(struct dctx *x, uint32_t fdlen, uint32_t unfrag)
{
	if (!(x->p->status & NF_ST_FRAGMENT))
		return;
	if (x->d->frag != NULL)
		nf_frag_update(x->d->frag, x->p, fdlen, unfrag, x->ts_ns);
}

/* --- network layer ----------------------------------------------- */

/*
 * The datagram length to believe: the IP header's, unless the frame on the
 * wire could not hold it (then the wire's, and NF_ST_TRUNCATED).  start is
 * the offset of the IP header in the frame.
 */
static uint32_t
wire_bound(struct dctx *x, size_t start, uint32_t iplen)
{
	size_t wl = x->wire > start ? x->wire - start : 0;

	if (iplen > wl) {
		x->p->status |= NF_ST_TRUNCATED;
		return (uint32_t)wl;
	}
	return iplen;
}

/*
 * IPv4, RFC 791.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |Type of Service|          Total Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Identification        |Flags|      Fragment Offset    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Source Address                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Destination Address                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options                    |    Padding    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags: bit 0 reserved, DF, MF.  Total length 0 is taken as a segment
 * handed to the NIC for TCP segmentation offload (the capture shows the
 * length of the frame on the wire), as tshark does.
 */
static void
dec_ipv4(struct dctx *x)
{
	struct nf_cur *c = &x->c, h;
	struct nf_pkt *p = x->p;
	size_t start = nf_cur_off(c);
	const uint8_t *hb, *sa, *da;
	uint32_t tot, hl, dlen;
	uint16_t fo, id;
	uint8_t vhl, ttl, proto;

	/* Without the whole fixed header (the addresses) it is not
	 * reported as IP: a flow key must not be made of missing bytes. */
	if (!nf_cur_has(c, 20)) {
		p->status |= NF_ST_TRUNCATED;
		return;
	}
	h = *c;
	/* The fixed header was captured: one bounds check for its fields,
	 * read into locals first (stores into *p could alias the cursor). */
	hb = nf_get_ptr(c, 20);
	vhl = hb[0];
	if (vhl >> 4 != 4) {
		p->status |= NF_ST_MALFORMED;
		return;
	}
	tot = at_be16(hb + 2);
	id = at_be16(hb + 4);
	fo = at_be16(hb + 6);
	ttl = hb[8];
	proto = hb[9];
	sa = hb + 12;
	da = hb + 16;
	hl = (uint32_t)(vhl & 0x0F) * 4;
	p->ip_version = 4;
	p->ip_hdr_len = (uint16_t)hl;
	p->ip_id = id;
	p->ttl = ttl;
	p->proto = proto;
	memcpy(p->src, sa, 4);
	memcpy(p->dst, da, 4);
	p->frag_offset = (uint16_t)((fo & 0x1FFF) * 8);
	if (fo & 0x2000)
		p->frag_flags |= NF_FF_MF;
	if (fo & 0x4000)
		p->frag_flags |= NF_FF_DF;
	if (hl < 20) {
		p->status |= NF_ST_MALFORMED;
		return;
	}
	if (tot == 0) {				/* TSO */
		tot = x->wire > start ? (uint32_t)(x->wire - start) : 0;
		if (tot > 0xFFFF)
			tot = 0xFFFF;
	}
	if (tot < hl) {
		p->status |= NF_ST_MALFORMED;
		return;
	}
	if ((hb = nf_get_ptr(&h, hl)) != NULL &&
	    !csum_ok(hl == 20 ? csum_add20(hb) : csum_add(0, hb, hl)))
		p->status |= NF_ST_BAD_IPCSUM;
	if (nf_skip(c, hl - 20) < 0) {
		p->status |= NF_ST_TRUNCATED;
		return;
	}
	tot = wire_bound(x, start, tot);
	if (tot < hl)
		tot = hl;
	dlen = tot - hl;
	nf_cur_limit(c, dlen);
	if (p->frag_offset != 0 || (p->frag_flags & NF_FF_MF))
		p->status |= NF_ST_FRAGMENT;
	dec_l4(x, dlen);
	frag_done(x, dlen, hl);
}

/*
 * Hop-by-hop options (RFC 8200 4.3): look for the jumbo payload option
 * (RFC 2675, type 0xC2, length 4).  o covers the option bytes.  Returns
 * the jumbo length or 0.
 */
static uint32_t
ipv6_jumbo(struct nf_cur *o)
{
	uint8_t type, len;

	while (nf_cur_left(o) > 0) {
		type = nf_get_u8(o);
		if (type == 0)			/* Pad1 */
			continue;
		len = nf_get_u8(o);
		if (type == 0xC2 && len == 4)
			return nf_get_be32(o);
		if (nf_skip(o, len) < 0)
			break;
	}
	return 0;
}

/*
 * The destination the transport checksum uses when a routing header still
 * has segments left (RFC 8200 8.1): the last address of a type 0 (RFC
 * 2460) or type 2 (RFC 6275) header, the first entry of a segment routing
 * header (type 4, RFC 8754).  o is after the next-header and length bytes
 * of the header, whose length field was hlen; all of it is captured.
 *
 *   | Next Header | Hdr Ext Len | Routing Type | Segments Left |
 *   | type-specific (4) | addresses (16 each) ...              |
 */
static void
ipv6_final_dst(struct dctx *x, struct nf_cur *o, uint8_t hlen)
{
	uint8_t type, left;
	size_t n = hlen / 2;

	type = nf_get_u8(o);
	left = nf_get_u8(o);
	if (left == 0)
		return;
	nf_skip(o, 4);
	if ((type == 0 || type == 2) && n > 0 && hlen % 2 == 0) {
		nf_skip(o, (n - 1) * 16);
		x->final_dst = nf_get_ptr(o, 16);
	} else if (type == 4 && n > 0)
		x->final_dst = nf_get_ptr(o, 16);
	else
		x->final_dst = NULL;
	if (x->final_dst == NULL)
		x->no_l4csum = 1;
}

/*
 * IPv6, RFC 8200, with its extension headers.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version| Traffic Class |           Flow Label                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Payload Length        |  Next Header  |   Hop Limit   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Source Address (128)                       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 Destination Address (128)                     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Hop-by-hop (0), routing (43), destination options (60):
 *   | Next Header | Hdr Ext Len (8-octet units, not counting the first) |...
 * Fragment (44), 8 bytes:
 *   | Next Header | Reserved | Fragment Offset (13) |Res|M| Identification (32) |
 * AH (51, RFC 4302):
 *   | Next Header | Payload Len (4-octet units, minus 2) | ... |
 * ESP (50) and no next header (59) end the walk.
 */
static void
dec_ipv6(struct dctx *x)
{
	struct nf_cur *c = &x->c, o;
	struct nf_pkt *p = x->p;
	size_t start = nf_cur_off(c), elen;
	uint32_t plen, jumbo, ext = 0, fext = 0, vtf;
	uint16_t fo;
	uint8_t nh, nxt, hlen;
	int done = 0;

	/* Without the whole fixed header it is not reported as IP. */
	if (!nf_cur_has(c, 40)) {
		p->status |= NF_ST_TRUNCATED;
		return;
	}
	vtf = nf_get_be32(c);
	if (vtf >> 28 != 6) {
		p->status |= NF_ST_MALFORMED;
		return;
	}
	p->ip_version = 6;
	plen = nf_get_be16(c);
	nh = nf_get_u8(c);
	p->ttl = nf_get_u8(c);
	nf_get_bytes(c, p->src, 16);
	nf_get_bytes(c, p->dst, 16);
	p->ip_hdr_len = 40;
	p->proto = nh;
	while (!done) {
		switch (nh) {
		case IPP_HOPOPTS:
		case IPP_ROUTING:
		case IPP_DSTOPTS:
			o = *c;
			nxt = nf_get_u8(&o);
			hlen = nf_get_u8(&o);
			elen = ((size_t)hlen + 1) * 8;
			if (nf_cur_err(&o) || !nf_cur_has(c, elen)) {
				p->status |= NF_ST_TRUNCATED;
				return;
			}
			if (nh == IPP_HOPOPTS && plen == 0) {
				nf_cur_limit(&o, elen - 2);
				if ((jumbo = ipv6_jumbo(&o)) > 0xFFFF)
					plen = jumbo;
			}
			if (nh == IPP_ROUTING)
				ipv6_final_dst(x, &o, hlen);
			nf_skip(c, elen);
			break;
		case IPP_FRAGMENT:
			elen = 8;
			nxt = nf_get_u8(c);
			(void)nf_get_u8(c);
			fo = nf_get_be16(c);
			p->ip_id = nf_get_be32(c);
			if (nf_cur_err(c)) {
				p->status |= NF_ST_TRUNCATED;
				return;
			}
			p->frag_offset = fo & 0xFFF8;
			p->frag_flags |= NF_FF_V6FRAG;
			if (fo & 1)
				p->frag_flags |= NF_FF_MF;
			/* An atomic fragment (RFC 6946) is no fragment. */
			if (p->frag_offset != 0 || (fo & 1))
				p->status |= NF_ST_FRAGMENT;
			fext = ext + 8;
			if (p->frag_offset != 0)
				done = 1;
			break;
		case IPP_AH:
			o = *c;
			nxt = nf_get_u8(&o);
			hlen = nf_get_u8(&o);
			elen = ((size_t)hlen + 2) * 4;
			if (nf_cur_err(&o) || !nf_cur_has(c, elen)) {
				p->status |= NF_ST_TRUNCATED;
				return;
			}
			nf_skip(c, elen);
			break;
		default:
			done = 1;
			continue;
		}
		ext += (uint32_t)elen;
		nh = nxt;
		p->proto = nh;
		if (ext > plen || 40 + ext > 0xFFFF) {
			p->status |= NF_ST_MALFORMED;
			return;
		}
		p->ip_hdr_len = (uint16_t)(40 + ext);
	}
	plen = wire_bound(x, start + 40, plen);
	if (plen < ext)
		plen = ext;
	nf_cur_limit(c, plen - ext);
	dec_l4(x, plen - ext);
	if (fext >= 8)
		frag_done(x, plen - fext, fext - 8);
}

/* --- link layer -------------------------------------------------- */

/*
 * 802.1Q / 802.1ad tag (after the tag's own ethertype):
 *   | PCP(3) | DEI(1) | VLAN id (12) | inner ethertype (16) |
 * The first tag is the outer one.  Returns the inner ethertype, or 0 when
 * truncated.
 */
static uint16_t
dec_vlan(struct dctx *x)
{
	struct nf_pkt *p = x->p;
	uint16_t tci, type;

	tci = nf_get_be16(&x->c);
	type = nf_get_be16(&x->c);
	if (link_cut(x))
		return 0;
	if (p->vlan == NF_NO_VLAN)
		p->vlan = tci & 0x0FFF;
	else if (p->vlan_inner == NF_NO_VLAN)
		p->vlan_inner = tci & 0x0FFF;
	return type;
}

/*
 * MPLS label stack, RFC 3032: 4-byte entries until the bottom-of-stack
 * bit; the payload's IP version is its first nibble.  A first nibble of 0
 * is taken as the control word of an Ethernet pseudowire (RFC 4385/4448),
 * followed by an Ethernet frame, as tshark's heuristic does.
 *
 *    0                   1                   2                   3
 *   | Label (20)                            | TC  |S|   TTL (8)     |
 */
static void
dec_mpls(struct dctx *x)
{
	uint32_t e;
	uint8_t v;

	do {
		e = nf_get_be32(&x->c);
		if (link_cut(x))
			return;
	} while (!(e & 0x100));
	if (!nf_cur_has(&x->c, 1)) {
		x->p->status |= NF_ST_TRUNCATED;
		return;
	}
	v = nf_peek_u8(&x->c, 0) >> 4;
	if (v == 4)
		dec_ipv4(x);
	else if (v == 6)
		dec_ipv6(x);
	else if (v == 0) {
		/* Ethernet pseudowire with its control word (RFC 4448). */
		if (nf_skip(&x->c, 4) < 0)
			x->p->status |= NF_ST_TRUNCATED;
		else
			dec_ether(x);
	}
}

/*
 * PPP protocol field (RFC 1661 2): two bytes, or one when compressed
 * (protocol-field compression: the low byte is odd, the high byte even).
 * Dispatches IPv4 and IPv6; anything else is not IP.
 */
static void
dec_ppp_proto(struct dctx *x)
{
	uint16_t proto;

	proto = nf_get_u8(&x->c);
	if (!(proto & 1))
		proto = (uint16_t)(proto << 8 | nf_get_u8(&x->c));
	if (link_cut(x))
		return;
	if (proto == PPP_IPV4)
		dec_ipv4(x);
	else if (proto == PPP_IPV6)
		dec_ipv6(x);
}

/*
 * PPPoE session stage, RFC 2516, then the PPP protocol.
 *
 *   | VER(4) | TYPE(4) | CODE (8) | SESSION_ID (16) |
 *   | LENGTH (16)                 | PPP protocol (16) | payload ...
 *
 * LENGTH counts the PPP protocol field and the payload.
 */
static void
dec_pppoe(struct dctx *x)
{
	size_t end;
	uint16_t len;

	nf_skip(&x->c, 4);
	len = nf_get_be16(&x->c);
	if (link_cut(x))
		return;
	/* The session payload ends where LENGTH says, whatever follows
	 * (Ethernet padding) and whatever the IP header claims. */
	nf_cur_limit(&x->c, len);
	end = nf_cur_off(&x->c) + len;
	if (end < x->wire)
		x->wire = end;
	dec_ppp_proto(x);
}

/*
 * Dispatch on an ethertype: VLAN tags (any depth), MPLS, PPPoE session,
 * IPv4, IPv6.  Other types (ARP, LLDP, 802.3 lengths...) are not IP.
 */
static void
dec_ethertype(struct dctx *x, uint16_t type)
{
	for (;;) {
		switch (type) {
		case ET_IPV4:
			dec_ipv4(x);
			return;
		case ET_IPV6:
			dec_ipv6(x);
			return;
		case ET_VLAN:
		case ET_QINQ:
		case ET_QINQ1:
		case ET_QINQ2:
		case ET_QINQ3:
			if ((type = dec_vlan(x)) == 0)
				return;
			continue;
		case ET_MPLS:
		case ET_MPLS_MC:
			dec_mpls(x);
			return;
		case ET_PPPOE_SESS:
			dec_pppoe(x);
			return;
		default:
			return;
		}
	}
}

/*
 * Ethernet II, IEEE 802.3.
 *
 *   | destination MAC (6) | source MAC (6) | ethertype / length (2) |
 *
 * A value up to 1500 is an 802.3 length followed by 802.2 LLC; with
 * SNAP (RFC 1042) an ethertype follows:
 *
 *   | DSAP 0xAA | SSAP 0xAA | control 0x03 | OUI (3) | ethertype (2) |
 *
 * Other LLC frames (STP, NetBIOS...) are not IP.
 */
static void
dec_ether(struct dctx *x)
{
	uint16_t type;
	uint8_t dsap, ssap, ctl;

	nf_skip(&x->c, 12);
	type = nf_get_be16(&x->c);
	if (link_cut(x))
		return;
	if (type <= 1500) {
		dsap = nf_get_u8(&x->c);
		ssap = nf_get_u8(&x->c);
		ctl = nf_get_u8(&x->c);
		if (link_cut(x))
			return;
		if (dsap != 0xAA || ssap != 0xAA || ctl != 0x03)
			return;
		ethertype_after(x, 3);	/* past the OUI */
		return;
	}
	dec_ethertype(x, type);
}

/*
 * Linux cooked capture v1 (LINKTYPE_LINUX_SLL), 16 bytes:
 *   | packet type (2) | ARPHRD type (2) | address length (2) |
 *   | address (8)                                            |
 *   | protocol (2): an ethertype for the types we decode     |
 */
static void
dec_sll(struct dctx *x)
{
	ethertype_after(x, 14);
}

/*
 * Linux cooked capture v2 (LINKTYPE_LINUX_SLL2), 20 bytes:
 *   | protocol (2) | reserved (2) | interface index (4) |
 *   | ARPHRD type (2) | packet type (1) | address length (1) |
 *   | address (8) |
 */
static void
dec_sll2(struct dctx *x)
{
	uint16_t proto;

	proto = nf_get_be16(&x->c);
	nf_skip(&x->c, 18);
	if (link_cut(x))
		return;
	dec_ethertype(x, proto);
}

/*
 * Raw IP: the version nibble says which.  want is the version the link
 * type promises (LINKTYPE_IPV4/IPV6), or 0 (DLT_RAW: either); a datagram
 * of the other version is still decoded, as tshark does, but flagged
 * NF_ST_MALFORMED.
 */
static void
dec_raw(struct dctx *x, uint8_t want)
{
	uint8_t v;

	if (!nf_cur_has(&x->c, 1)) {
		x->p->status |= NF_ST_TRUNCATED;
		return;
	}
	v = nf_peek_u8(&x->c, 0) >> 4;
	if (want != 0 && v != want)
		x->p->status |= NF_ST_MALFORMED;
	if (v == 4)
		dec_ipv4(x);
	else if (v == 6)
		dec_ipv6(x);
	else
		x->p->status |= NF_ST_MALFORMED;
}

/*
 * BSD loopback (DLT_NULL: host byte order; DLT_LOOP: network byte order):
 *   | address family (4) |
 * The writer's byte order is not recorded, so both are tried: the family
 * is a small number, so the order that gives one below 256 wins.  AF_INET
 * is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30
 * (Darwin).
 */
static void
dec_null(struct dctx *x)
{
	uint32_t af;

	af = nf_get_le32(&x->c);
	if (link_cut(x))
		return;
	if (af > 0xFF)
		af = (af >> 24) | ((af >> 8) & 0xFF00) |
		    ((af << 8) & 0xFF0000) | (af << 24);
	switch (af) {
	case 2:
		dec_ipv4(x);
		break;
	case 24:
	case 28:
	case 30:
		dec_ipv6(x);
		break;
	}
}

/*
 * PPP (DLT_PPP) and PPP in HDLC-like framing (RFC 1662, DLT_PPP_SERIAL):
 *   | address 0xFF | control 0x03 | protocol (1 or 2) | ...
 * The address and control bytes may be absent (address-and-control-field
 * compression).  DLT_PPP_SERIAL may also carry Cisco HDLC (address 0x0F
 * or 0x8F), handled as dec_chdlc.
 */
static void
dec_ppp(struct dctx *x)
{
	/* 0xFF is no protocol number (those are odd in the low byte and
	 * even in the high byte), so it can only be the address. */
	if (nf_cur_has(&x->c, 1) && nf_peek_u8(&x->c, 0) == 0xFF &&
	    nf_skip(&x->c, 2) < 0) {
		x->p->status |= NF_ST_TRUNCATED;
		return;
	}
	dec_ppp_proto(x);
}

/*
 * Cisco HDLC:
 *   | address (1): 0x0F unicast, 0x8F broadcast | control (1) |
 *   | protocol (2): an ethertype |
 */
static void
dec_chdlc(struct dctx *x)
{
	ethertype_after(x, 2);
}

/*
 * Linux NFLOG (LINKTYPE_NFLOG):
 *   | family (1) | version (1) | resource id (2, big-endian) |
 * then TLVs, each padded to a multiple of 4:
 *   | length (2) | type (2) | value (length - 4) |
 * in the capturing host's byte order (little-endian is tried first).
 * Type 9 (NFULA_PAYLOAD) holds the packet, an IPv4 (family 2) or IPv6
 * (family 10) datagram.
 */
static void
dec_nflog(struct dctx *x)
{
	struct nf_cur *c = &x->c, t;
	size_t len, left;
	uint16_t l16, sw, type;
	uint8_t fam;

	fam = nf_get_u8(c);
	nf_skip(c, 3);
	for (;;) {
		t = *c;
		l16 = nf_get_le16(&t);
		type = nf_get_le16(&t);
		if (nf_cur_err(&t)) {
			x->p->status |= NF_ST_TRUNCATED;
			return;
		}
		left = nf_cur_left(c);
		sw = (uint16_t)(l16 >> 8 | l16 << 8);
		if ((l16 < 4 || l16 > left) && sw >= 4 && sw <= left) {
			l16 = sw;
			type = (uint16_t)(type >> 8 | type << 8);
		}
		len = l16;
		if (len < 4) {
			x->p->status |= NF_ST_MALFORMED;
			return;
		}
		if (type == 9)
			break;
		/* Padded to 4; the last TLV may end the frame unpadded. */
		len = (len + 3) & ~(size_t)3;
		if (len > left)
			len = left;
		nf_skip(c, len);
	}
	nf_skip(c, 4);
	nf_cur_limit(c, len - 4);
	if (fam == 2)
		dec_ipv4(x);
	else if (fam == 10)
		dec_ipv6(x);
	else
		dec_raw(x, 0);
}

/* --- entry points ------------------------------------------------ */

int
nf_linktype_supported(uint32_t lt)
{
	switch (lt) {
	case LT_NULL: case LT_EN10MB: case LT_PPP: case LT_RAW12:
	case LT_RAW14: case LT_PPP_HDLC: case LT_PPP_ETHER: case LT_RAW:
	case LT_C_HDLC: case LT_LOOP: case LT_SLL: case LT_IPV4:
	case LT_IPV6: case LT_SLL2: case LT_NFLOG:
		return 1;
	}
	return 0;
}

int
nf_decoder_init(struct nf_decoder *d, uint32_t snip_max)
{
	memset(d, 0, sizeof(*d));
	d->snip_max = snip_max;
	d->frag = nf_frag_new(NF_FRAG_CAPACITY);
	if (d->frag == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void
nf_decoder_free(struct nf_decoder *d)
{
	nf_frag_free(d->frag);
	d->frag = NULL;
}

static void
count(struct nf_decode_stats *st, const struct nf_pkt *p)
{
	uint32_t s = p->status;

	st->packets++;
	if (s == 0) {
		if (p->ip_version == 0)
			st->non_ip++;
		return;
	}
	if (p->ip_version == 0 && !(s & (NF_ST_TRUNCATED |
	    NF_ST_MALFORMED | NF_ST_LINK_UNSUP)))
		st->non_ip++;
	if (s & (NF_ST_TRUNCATED | NF_ST_L4_TRUNC))
		st->truncated++;
	if (s & NF_ST_MALFORMED)
		st->malformed++;
	if (s & NF_ST_LINK_UNSUP)
		st->link_unsup++;
	if (s & NF_ST_FRAGMENT)
		st->fragments++;
	if (s & NF_ST_FRAG_OVERLAP)
		st->frag_overlap++;
	if (s & NF_ST_FRAG_OVERSIZE)
		st->frag_oversize++;
	if (s & NF_ST_FRAG_NOFIRST)
		st->frag_nofirst++;
	if (s & NF_ST_FRAG_TABLE_FULL)
		st->frag_table_full++;
	if (s & NF_ST_BAD_IPCSUM)
		st->bad_ipcsum++;
	if (s & NF_ST_BAD_L4CSUM)
		st->bad_l4csum++;
}

void
nf_decode(struct nf_decoder *d, uint32_t linktype, uint64_t ts_ns,
    const uint8_t *frame, uint32_t caplen, uint32_t wirelen,
    struct nf_pkt *out)
{
	struct dctx x;

	memset(out, 0, sizeof(*out));
	out->ts_ns = ts_ns;
	out->wire_len = wirelen;
	out->cap_len = caplen;
	out->vlan = NF_NO_VLAN;
	out->vlan_inner = NF_NO_VLAN;
	out->wscale = NF_NO_WSCALE;

	nf_cur_init(&x.c, frame, caplen);
	x.p = out;
	x.d = d;
	x.ts_ns = ts_ns;
	x.wire = wirelen > caplen ? wirelen : caplen;
	x.no_l4csum = 0;
	x.final_dst = NULL;

	switch (linktype) {
	case LT_EN10MB:
		dec_ether(&x);
		break;
	case LT_SLL:
		dec_sll(&x);
		break;
	case LT_SLL2:
		dec_sll2(&x);
		break;
	case LT_RAW12:
	case LT_RAW14:
	case LT_RAW:
		dec_raw(&x, 0);
		break;
	case LT_IPV4:
		dec_raw(&x, 4);
		break;
	case LT_IPV6:
		dec_raw(&x, 6);
		break;
	case LT_NFLOG:
		dec_nflog(&x);
		break;
	case LT_NULL:
	case LT_LOOP:
		dec_null(&x);
		break;
	case LT_PPP:
	case LT_PPP_HDLC:
		if (nf_cur_has(&x.c, 1) && (nf_peek_u8(&x.c, 0) == 0x0F ||
		    nf_peek_u8(&x.c, 0) == 0x8F))
			dec_chdlc(&x);
		else
			dec_ppp(&x);
		break;
	case LT_PPP_ETHER:
		dec_pppoe(&x);
		break;
	case LT_C_HDLC:
		dec_chdlc(&x);
		break;
	default:
		out->status |= NF_ST_LINK_UNSUP;
		break;
	}
	count(&d->st, out);
}

int
nf_decode_stats_end(const struct nf_decode_stats *st, const char *prefix,
    struct nf_end *e)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} tab[] = {
		{ "packets", offsetof(struct nf_decode_stats, packets) },
		{ "non_ip", offsetof(struct nf_decode_stats, non_ip) },
		{ "truncated", offsetof(struct nf_decode_stats, truncated) },
		{ "malformed", offsetof(struct nf_decode_stats, malformed) },
		{ "link_unsup", offsetof(struct nf_decode_stats, link_unsup) },
		{ "fragments", offsetof(struct nf_decode_stats, fragments) },
		{ "frag_overlap",
		    offsetof(struct nf_decode_stats, frag_overlap) },
		{ "frag_oversize",
		    offsetof(struct nf_decode_stats, frag_oversize) },
		{ "frag_nofirst",
		    offsetof(struct nf_decode_stats, frag_nofirst) },
		{ "frag_table_full",
		    offsetof(struct nf_decode_stats, frag_table_full) },
		{ "bad_ipcsum", offsetof(struct nf_decode_stats, bad_ipcsum) },
		{ "bad_l4csum", offsetof(struct nf_decode_stats, bad_l4csum) },
	};
	char name[NF_CTR_NAME];
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		memcpy(&v, (const char *)st + tab[i].off, sizeof(v));
		if (v == 0)
			continue;
		if (snprintf(name, sizeof(name), "%s.%s", prefix,
		    tab[i].name) >= (int)sizeof(name))
			return -1;
		if (nf_end_add(e, name, v) < 0)
			return -1;
	}
	return 0;
}
