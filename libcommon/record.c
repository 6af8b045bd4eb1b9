/* record.c: encode, decode, read and write the netfeat record stream (layout in record.h). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "util.h"

/*
 * Between two stages the cost is in how often each side sleeps and wakes
 * (a context switch, on a virtual machine an exit), not in the bytes: a
 * writer whose writes fill the 1 MiB pipe at once, and a reader that
 * empties it at once, wake each other once per MiB.  CIC pipeline on the
 * 5 M-packet mix, median of nine: writes of 128 KiB 1.41 s, 256 KiB
 * 1.29 s, 512 KiB 1.24 s, 1 MiB 1.15-1.20 s, 2 MiB 1.26 s (a write
 * larger than the pipe blocks halfway); reads of 1 MiB on top 1.13 s;
 * context switches 17 600 -> 3 300.
 */
#define PIPE_SZ		(1 << 20)	/* pipe buffer asked for (Linux) */
#define RD_BUFSZ	(1U << 20)	/* reader buffer; grows for big records */
#define WR_BUFSZ	(1U << 20)	/* writer buffer: one pipe's worth */

/* --- little-endian field access ------------------------------------- */

static inline void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static inline size_t
pad8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* --- header --------------------------------------------------------- */

void
nf_header_init(struct nf_header *h)
{
	memset(h, 0, sizeof(*h));
	h->major = NF_MAJOR;
	h->minor = NF_MINOR;
}

void
nf_header_free(struct nf_header *h)
{
	size_t i;

	for (i = 0; i < h->nprov; i++)
		free(h->prov[i]);
	free(h->prov);
	for (i = 0; i < h->niface; i++)
		free(h->iface[i].name);
	free(h->iface);
	nf_header_init(h);
}

static int
add_prov_str(struct nf_header *h, const char *s)
{
	char **np;
	char *c;

	if ((c = strdup(s)) == NULL)
		return -1;
	np = realloc(h->prov, (h->nprov + 1) * sizeof(*np));
	if (np == NULL) {
		free(c);
		return -1;
	}
	h->prov = np;
	h->prov[h->nprov++] = c;
	return 0;
}

int
nf_header_add_iface(struct nf_header *h, uint32_t linktype,
    uint32_t snaplen, uint32_t tsprec, const char *name)
{
	struct nf_iface *ni;
	char *c;

	if ((c = strdup(name ? name : "")) == NULL)
		return -1;
	ni = realloc(h->iface, (h->niface + 1) * sizeof(*ni));
	if (ni == NULL) {
		free(c);
		return -1;
	}
	h->iface = ni;
	ni[h->niface].linktype = linktype;
	ni[h->niface].snaplen = snaplen;
	ni[h->niface].tsprec = tsprec;
	ni[h->niface].name = c;
	h->niface++;
	return 0;
}

int
nf_header_copy(struct nf_header *dst, const struct nf_header *src)
{
	size_t i;

	nf_header_init(dst);
	dst->major = src->major;
	dst->minor = src->minor;
	dst->flags = src->flags;
	dst->snap_payload = src->snap_payload;
	dst->flowcfg = src->flowcfg;
	for (i = 0; i < src->nprov; i++)
		if (add_prov_str(dst, src->prov[i]) < 0)
			goto fail;
	for (i = 0; i < src->niface; i++)
		if (nf_header_add_iface(dst, src->iface[i].linktype,
		    src->iface[i].snaplen, src->iface[i].tsprec,
		    src->iface[i].name) < 0)
			goto fail;
	return 0;
fail:
	nf_header_free(dst);
	return -1;
}

int
nf_header_add_prov(struct nf_header *h, int argc, char *const argv[])
{
	size_t len, cap = 256;
	char *s, *ns;
	int i, r;

	if ((s = malloc(cap)) == NULL)
		return -1;
	len = (size_t)snprintf(s, cap, "%s %s", nf_progname, NETFEAT_VERSION);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t al = strlen(a);

		/* Keep provenance bounded: a huge argv is cut short. */
		if (len + al + 2 > 16384) {
			a = "...";
			al = 3;
			i = argc;
		}
		while (len + al + 2 > cap) {
			cap *= 2;
			if ((ns = realloc(s, cap)) == NULL) {
				free(s);
				return -1;
			}
			s = ns;
		}
		s[len++] = ' ';
		memcpy(s + len, a, al);
		len += al;
		s[len] = '\0';
	}
	r = add_prov_str(h, s);
	free(s);
	return r;
}

static uint8_t *
opt_put(uint8_t *p, uint16_t type, const void *val, size_t len)
{
	put16(p, type);
	put16(p + 2, 0);
	put32(p + 4, (uint32_t)len);
	memcpy(p + 8, val, len);
	memset(p + 8 + len, 0, pad8(len) - len);
	return p + 8 + pad8(len);
}

int
nf_header_encode(const struct nf_header *h, uint8_t **out, size_t *outlen)
{
	size_t i, total = NF_HDR_FIXED + 8;	/* fixed + final OPT_END */
	uint8_t *buf, *p, tmp[32];

	for (i = 0; i < h->nprov; i++)
		total += 8 + pad8(strlen(h->prov[i]));
	for (i = 0; i < h->niface; i++)
		total += 8 + pad8(16 + strlen(h->iface[i].name) + 1);
	if (h->flowcfg.present)
		total += 8 + 32;
	if (total > NF_HDR_MAX)
		return -1;
	if ((buf = calloc(1, total)) == NULL)
		return -1;
	memcpy(buf, NF_MAGIC, NF_MAGIC_LEN);
	put16(buf + 8, NF_MAJOR);
	put16(buf + 10, NF_MINOR);
	put32(buf + 12, (uint32_t)total);
	put32(buf + 16, h->flags);
	put32(buf + 20, h->snap_payload);
	p = buf + NF_HDR_FIXED;
	for (i = 0; i < h->nprov; i++)
		p = opt_put(p, NF_OPT_PROV, h->prov[i], strlen(h->prov[i]));
	for (i = 0; i < h->niface; i++) {
		const struct nf_iface *f = &h->iface[i];
		size_t nl = strlen(f->name) + 1;

		put16(p, NF_OPT_IFACE);
		put16(p + 2, 0);
		put32(p + 4, (uint32_t)(16 + nl));
		put32(p + 8, f->linktype);
		put32(p + 12, f->snaplen);
		put32(p + 16, f->tsprec);
		put32(p + 20, 0);
		memcpy(p + 24, f->name, nl);
		p += 8 + pad8(16 + nl);
	}
	if (h->flowcfg.present) {
		put64(tmp, h->flowcfg.idle_ns);
		put64(tmp + 8, h->flowcfg.active_ns);
		put64(tmp + 16, h->flowcfg.linger_ns);
		put32(tmp + 24, h->flowcfg.max_flows);
		put32(tmp + 28, h->flowcfg.flags);
		p = opt_put(p, NF_OPT_FLOWCFG, tmp, 32);
	}
	p = opt_put(p, NF_OPT_END, "", 0);
	(void)p;
	*out = buf;
	*outlen = total;
	return 0;
}

int
nf_header_decode(const uint8_t *buf, size_t len, struct nf_header *h,
    char *err, size_t errlen)
{
	size_t off;
	uint32_t hlen;

	nf_header_init(h);
	if (len < NF_HDR_FIXED) {
		snprintf(err, errlen, "header too short (%zu bytes)", len);
		return -1;
	}
	if (memcmp(buf, NF_MAGIC, NF_MAGIC_LEN) != 0) {
		snprintf(err, errlen, "bad magic (not a netfeat record stream)");
		return -1;
	}
	h->major = get16(buf + 8);
	h->minor = get16(buf + 10);
	if (h->major != NF_MAJOR) {
		snprintf(err, errlen, "unsupported stream version %u.%u "
		    "(this program reads %u.x)", h->major, h->minor, NF_MAJOR);
		return -1;
	}
	hlen = get32(buf + 12);
	if (hlen < NF_HDR_FIXED || hlen > NF_HDR_MAX || hlen % 8 != 0 ||
	    hlen > len) {
		snprintf(err, errlen, "bad header length %u", hlen);
		return -1;
	}
	h->flags = get32(buf + 16);
	h->snap_payload = get32(buf + 20);
	off = NF_HDR_FIXED;
	while (off + 8 <= hlen) {
		uint16_t type = get16(buf + off);
		uint32_t vlen = get32(buf + off + 4);
		const uint8_t *v = buf + off + 8;
		char *s;

		if (vlen > hlen - off - 8 || pad8(vlen) > hlen - off - 8) {
			snprintf(err, errlen, "header option at offset %zu "
			    "overruns the header", off);
			goto fail;
		}
		if (type == NF_OPT_END)
			break;
		switch (type) {
		case NF_OPT_PROV:
			if ((s = malloc(vlen + 1)) == NULL)
				goto nomem;
			memcpy(s, v, vlen);
			s[vlen] = '\0';
			if (add_prov_str(h, s) < 0) {
				free(s);
				goto nomem;
			}
			free(s);
			break;
		case NF_OPT_IFACE:
			if (vlen < 17 || v[vlen - 1] != '\0') {
				snprintf(err, errlen, "bad interface option at "
				    "offset %zu", off);
				goto fail;
			}
			if (nf_header_add_iface(h, get32(v), get32(v + 4),
			    get32(v + 8), (const char *)v + 16) < 0)
				goto nomem;
			break;
		case NF_OPT_FLOWCFG:
			if (vlen < 32) {
				snprintf(err, errlen, "bad flow option at "
				    "offset %zu", off);
				goto fail;
			}
			h->flowcfg.idle_ns = get64(v);
			h->flowcfg.active_ns = get64(v + 8);
			h->flowcfg.linger_ns = get64(v + 16);
			h->flowcfg.max_flows = get32(v + 24);
			h->flowcfg.flags = get32(v + 28);
			h->flowcfg.present = 1;
			break;
		default:
			break;	/* newer option: skip */
		}
		off += 8 + pad8(vlen);
	}
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
fail:
	nf_header_free(h);
	return -1;
}

/* --- records -------------------------------------------------------- */

static void
put_rh(uint8_t *p, uint16_t type, uint32_t len)
{
	put16(p, type);
	put16(p + 2, 0);
	put32(p + 4, len);
}

size_t
nf_pkt_size(uint32_t snip_len, uint32_t frame_len)
{
	return NF_PKT_FIXED + pad8((size_t)snip_len + frame_len);
}

/*
 * On a little-endian host the fixed PKT fields are struct nf_pkt's
 * members from ts_ns to frame_len in order, each at its wire offset
 * minus 8 (checked here field by field, so there is no padding between
 * them): one copy encodes or decodes them.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PKT_COPY	1
#define PKT_AT(m, off)	_Static_assert(offsetof(struct nf_pkt, m) == \
	(off) - 8, "struct nf_pkt differs from the wire at " #m)
PKT_AT(ts_ns, 8);
PKT_AT(flow_id, 16);
PKT_AT(wire_len, 24);
PKT_AT(cap_len, 28);
PKT_AT(ifindex, 32);
PKT_AT(status, 36);
PKT_AT(vlan, 40);
PKT_AT(vlan_inner, 42);
PKT_AT(ip_version, 44);
PKT_AT(proto, 45);
PKT_AT(ttl, 46);
PKT_AT(dir, 47);
PKT_AT(src, 48);
PKT_AT(dst, 64);
PKT_AT(sport, 80);
PKT_AT(dport, 82);
PKT_AT(icmp_type, 84);
PKT_AT(icmp_code, 85);
PKT_AT(icmp_id, 86);
PKT_AT(ip_id, 88);
PKT_AT(frag_offset, 92);
PKT_AT(frag_flags, 94);
PKT_AT(tcp_flags, 95);
PKT_AT(seq, 96);
PKT_AT(ack, 100);
PKT_AT(window, 104);
PKT_AT(urg_ptr, 106);
PKT_AT(mss, 108);
PKT_AT(wscale, 110);
PKT_AT(tcp_flags2, 111);
PKT_AT(ip_hdr_len, 112);
PKT_AT(l4_hdr_len, 114);
PKT_AT(payload_len, 116);
PKT_AT(snip_len, 120);
PKT_AT(frame_len, 124);
#undef PKT_AT
#define PKT_COPY_LEN	(NF_PKT_FIXED - 8)
#define ADDR_OFF	offsetof(struct nf_pkt, src)
_Static_assert(offsetof(struct nf_pkt, dst) == ADDR_OFF + 16 &&
    offsetof(struct nf_pkt, sport) == ADDR_OFF + 32, "addresses together");
_Static_assert(offsetof(struct nf_pkt, frame_len) + 4 == PKT_COPY_LEN,
    "struct nf_pkt fields do not end with frame_len");
#else
#define PKT_COPY	0
#endif

/* Likewise FLOW_BEGIN/FLOW_END: struct nf_flow's members at their wire
 * offsets minus 8, with the padding after icmp_type where the record has
 * its 5 reserved bytes (written as zeros). */
#if PKT_COPY
#define FLOW_AT(m, off)	_Static_assert(offsetof(struct nf_flow, m) == \
	(off) - 8, "struct nf_flow differs from the wire at " #m)
FLOW_AT(flow_id, 8);
FLOW_AT(first_ts, 16);
FLOW_AT(last_ts, 24);
FLOW_AT(src, 32);
FLOW_AT(dst, 48);
FLOW_AT(sport, 64);
FLOW_AT(dport, 66);
FLOW_AT(proto, 68);
FLOW_AT(ip_version, 69);
FLOW_AT(reason, 70);
FLOW_AT(flags, 71);
FLOW_AT(vlan, 72);
FLOW_AT(icmp_type, 74);
FLOW_AT(fwd_pkts, 80);
FLOW_AT(bwd_pkts, 88);
FLOW_AT(prev_flow_id, 96);
#undef FLOW_AT
_Static_assert(sizeof(struct nf_flow) == NF_FLOW_LEN - 8,
    "struct nf_flow ends with prev_flow_id");
#define FLOW_COPY	1
#else
#define FLOW_COPY	0
#endif

size_t
nf_pkt_encode(const struct nf_pkt *k, uint8_t *b)
{
	size_t len = nf_pkt_size(k->snip_len, k->frame_len);
	size_t data = (size_t)k->snip_len + k->frame_len;

	put_rh(b, NF_REC_PKT, (uint32_t)len);
#if PKT_COPY
	memcpy(b + 8, k, PKT_COPY_LEN);
#else
	put64(b + 8, k->ts_ns);
	put64(b + 16, k->flow_id);
	put32(b + 24, k->wire_len);
	put32(b + 28, k->cap_len);
	put32(b + 32, k->ifindex);
	put32(b + 36, k->status);
	put16(b + 40, k->vlan);
	put16(b + 42, k->vlan_inner);
	b[44] = k->ip_version;
	b[45] = k->proto;
	b[46] = k->ttl;
	b[47] = k->dir;
	memcpy(b + 48, k->src, 16);
	memcpy(b + 64, k->dst, 16);
	put16(b + 80, k->sport);
	put16(b + 82, k->dport);
	b[84] = k->icmp_type;
	b[85] = k->icmp_code;
	put16(b + 86, k->icmp_id);
	put32(b + 88, k->ip_id);
	put16(b + 92, k->frag_offset);
	b[94] = k->frag_flags;
	b[95] = k->tcp_flags;
	put32(b + 96, k->seq);
	put32(b + 100, k->ack);
	put16(b + 104, k->window);
	put16(b + 106, k->urg_ptr);
	put16(b + 108, k->mss);
	b[110] = k->wscale;
	b[111] = k->tcp_flags2;
	put16(b + 112, k->ip_hdr_len);
	put16(b + 114, k->l4_hdr_len);
	put32(b + 116, k->payload_len);
	put32(b + 120, k->snip_len);
	put32(b + 124, k->frame_len);
#endif
	if (k->snip_len)
		memcpy(b + 128, k->snip, k->snip_len);
	if (k->frame_len)
		memcpy(b + 128 + k->snip_len, k->frame, k->frame_len);
	if (len - NF_PKT_FIXED > data)		/* padding to 8 bytes */
		memset(b + 128 + data, 0, len - NF_PKT_FIXED - data);
	return len;
}

size_t
nf_flow_encode(int type, const struct nf_flow *f, uint8_t *b)
{
	put_rh(b, (uint16_t)type, NF_FLOW_LEN);
#if FLOW_COPY
	memcpy(b + 8, f, NF_FLOW_LEN - 8);
	memset(b + 75, 0, 5);		/* reserved (the struct's padding) */
#else
	put64(b + 8, f->flow_id);
	put64(b + 16, f->first_ts);
	put64(b + 24, f->last_ts);
	memcpy(b + 32, f->src, 16);
	memcpy(b + 48, f->dst, 16);
	put16(b + 64, f->sport);
	put16(b + 66, f->dport);
	b[68] = f->proto;
	b[69] = f->ip_version;
	b[70] = f->reason;
	b[71] = f->flags;
	put16(b + 72, f->vlan);
	b[74] = f->icmp_type;
	b[75] = 0;
	put32(b + 76, 0);
	put64(b + 80, f->fwd_pkts);
	put64(b + 88, f->bwd_pkts);
	put64(b + 96, f->prev_flow_id);
#endif
	return NF_FLOW_LEN;
}

size_t
nf_tick_encode(uint64_t ts_ns, uint8_t *b)
{
	put_rh(b, NF_REC_TICK, NF_TICK_LEN);
	put64(b + 8, ts_ns);
	return NF_TICK_LEN;
}

size_t
nf_end_size(uint32_t count)
{
	return NF_END_FIXED + (size_t)count * NF_CTR_LEN;
}

size_t
nf_end_encode(const struct nf_end *e, uint8_t *b)
{
	size_t len = nf_end_size(e->count);
	uint32_t i;

	put_rh(b, NF_REC_END, (uint32_t)len);
	put32(b + 8, e->flags);
	put32(b + 12, e->count);
	for (i = 0; i < e->count; i++) {
		uint8_t *c = b + NF_END_FIXED + (size_t)i * NF_CTR_LEN;

		memset(c, 0, NF_CTR_NAME);
		memcpy(c, e->ctr[i].name, strnlen(e->ctr[i].name,
		    NF_CTR_NAME - 1));
		put64(c + NF_CTR_NAME, e->ctr[i].value);
	}
	return len;
}

/* The fixed fields of a PKT record (snip and frame NULL). */
static inline void
pkt_fixed(const uint8_t *b, struct nf_pkt *k)
{
#if PKT_COPY
	memcpy(k, b + 8, PKT_COPY_LEN);
#else
	k->ts_ns = get64(b + 8);
	k->flow_id = get64(b + 16);
	k->wire_len = get32(b + 24);
	k->cap_len = get32(b + 28);
	k->ifindex = get32(b + 32);
	k->status = get32(b + 36);
	k->vlan = get16(b + 40);
	k->vlan_inner = get16(b + 42);
	k->ip_version = b[44];
	k->proto = b[45];
	k->ttl = b[46];
	k->dir = b[47];
	memcpy(k->src, b + 48, 16);
	memcpy(k->dst, b + 64, 16);
	k->sport = get16(b + 80);
	k->dport = get16(b + 82);
	k->icmp_type = b[84];
	k->icmp_code = b[85];
	k->icmp_id = get16(b + 86);
	k->ip_id = get32(b + 88);
	k->frag_offset = get16(b + 92);
	k->frag_flags = b[94];
	k->tcp_flags = b[95];
	k->seq = get32(b + 96);
	k->ack = get32(b + 100);
	k->window = get16(b + 104);
	k->urg_ptr = get16(b + 106);
	k->mss = get16(b + 108);
	k->wscale = b[110];
	k->tcp_flags2 = b[111];
	k->ip_hdr_len = get16(b + 112);
	k->l4_hdr_len = get16(b + 114);
	k->payload_len = get32(b + 116);
	k->snip_len = get32(b + 120);
	k->frame_len = get32(b + 124);
#endif
	k->snip = k->frame = NULL;
}

void
nf_pkt_peek(const uint8_t *b, struct nf_pkt *k)
{
#if PKT_COPY
	/*
	 * In three pieces, so the addresses are stored by 16-byte moves of
	 * their own: a load of one (pkt2flow's key, right after) is then
	 * forwarded from the store, where a copy in one piece puts each
	 * address across two moves and the load waits for both to reach
	 * the cache (most of the key's cost, before).  nf_rec_decode keeps
	 * the copy in one piece: its callers do not load the addresses so
	 * soon, and with three a flood's flow2cic took 4-6 % longer.
	 */
	memcpy(k, b + 8, ADDR_OFF);
	memcpy(k->src, b + 8 + ADDR_OFF, 32);
	memcpy(&k->sport, b + 8 + ADDR_OFF + 32, PKT_COPY_LEN - ADDR_OFF - 32);
	k->snip = k->frame = NULL;
#else
	pkt_fixed(b, k);
#endif
}

int
nf_rec_decode(const uint8_t *b, uint32_t len, struct nf_rec *r, char *err,
    size_t errlen)
{
	struct nf_pkt *k;
	struct nf_flow *f;
	uint32_t i, n;

	/* The union holds owned END counters only while the record decoded
	 * into it last was an END: free them before the union is reused. */
	if (r->type == NF_REC_END)
		nf_end_free(&r->u.end);
	r->type = get16(b);
	r->rflags = get16(b + 2);
	r->len = len;
	r->raw = b;
	switch (r->type) {
	case NF_REC_PKT:
		if (len < NF_PKT_FIXED) {
			snprintf(err, errlen, "PKT record of %u bytes (at "
			    "least %u expected)", len, NF_PKT_FIXED);
			return -1;
		}
		k = &r->u.pkt;
		pkt_fixed(b, k);
		if ((uint64_t)k->snip_len + k->frame_len > len - NF_PKT_FIXED) {
			snprintf(err, errlen, "PKT record of %u bytes claims "
			    "%u snippet and %u frame bytes", len, k->snip_len,
			    k->frame_len);
			return -1;
		}
		k->snip = b + NF_PKT_FIXED;
		k->frame = b + NF_PKT_FIXED + k->snip_len;
		break;
	case NF_REC_FLOW_BEGIN:
	case NF_REC_FLOW_END:
		if (len < NF_FLOW_LEN) {
			snprintf(err, errlen, "flow record of %u bytes (at "
			    "least %u expected)", len, NF_FLOW_LEN);
			return -1;
		}
		f = &r->u.flow;
#if FLOW_COPY
		memcpy(f, b + 8, NF_FLOW_LEN - 8);
#else
		f->flow_id = get64(b + 8);
		f->first_ts = get64(b + 16);
		f->last_ts = get64(b + 24);
		memcpy(f->src, b + 32, 16);
		memcpy(f->dst, b + 48, 16);
		f->sport = get16(b + 64);
		f->dport = get16(b + 66);
		f->proto = b[68];
		f->ip_version = b[69];
		f->reason = b[70];
		f->flags = b[71];
		f->vlan = get16(b + 72);
		f->icmp_type = b[74];
		f->fwd_pkts = get64(b + 80);
		f->bwd_pkts = get64(b + 88);
		f->prev_flow_id = get64(b + 96);
#endif
		break;
	case NF_REC_TICK:
		if (len < NF_TICK_LEN) {
			snprintf(err, errlen, "TICK record of %u bytes", len);
			return -1;
		}
		r->u.tick_ns = get64(b + 8);
		break;
	case NF_REC_END:
		nf_end_init(&r->u.end);
		if (len < NF_END_FIXED) {
			snprintf(err, errlen, "END record of %u bytes", len);
			return -1;
		}
		r->u.end.flags = get32(b + 8);
		n = get32(b + 12);
		if (n > NF_END_MAXCTR || nf_end_size(n) > len) {
			snprintf(err, errlen, "END record of %u bytes claims "
			    "%u counters", len, n);
			return -1;
		}
		for (i = 0; i < n; i++) {
			const uint8_t *c = b + NF_END_FIXED +
			    (size_t)i * NF_CTR_LEN;
			char name[NF_CTR_NAME];

			memcpy(name, c, NF_CTR_NAME);
			name[NF_CTR_NAME - 1] = '\0';
			if (nf_end_add(&r->u.end, name,
			    get64(c + NF_CTR_NAME)) < 0) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
		}
		break;
	default:
		break;
	}
	return 0;
}

void
nf_end_init(struct nf_end *e)
{
	memset(e, 0, sizeof(*e));
}

void
nf_end_free(struct nf_end *e)
{
	free(e->ctr);
	nf_end_init(e);
}

int
nf_end_add(struct nf_end *e, const char *name, uint64_t value)
{
	struct nf_counter *nc;
	uint32_t i;

	for (i = 0; i < e->count; i++)
		if (strncmp(e->ctr[i].name, name, NF_CTR_NAME - 1) == 0) {
			e->ctr[i].value += value;
			return 0;
		}
	if (e->count >= NF_END_MAXCTR)
		return -1;
	nc = realloc(e->ctr, (e->count + 1) * sizeof(*nc));
	if (nc == NULL)
		return -1;
	e->ctr = nc;
	memset(&nc[e->count], 0, sizeof(*nc));
	strncpy(nc[e->count].name, name, NF_CTR_NAME - 1);
	nc[e->count].value = value;
	e->count++;
	return 0;
}

uint64_t
nf_end_get(const struct nf_end *e, const char *name)
{
	uint32_t i;

	for (i = 0; i < e->count; i++)
		if (strncmp(e->ctr[i].name, name, NF_CTR_NAME - 1) == 0)
			return e->ctr[i].value;
	return 0;
}

const char *
nf_reason_name(int reason)
{
	static const char *const names[NF_END_NREASONS] = {
		"", "fin", "rst", "idle", "active", "eof", "evicted",
		"truncated"
	};

	if (reason < 0 || reason >= NF_END_NREASONS)
		return "unknown";
	return names[reason];
}

/*
 * A pipe between two stages holds 64 KiB by default on Linux: the writer
 * then blocks and the reader wakes every few records.  Ask for a 1 MiB
 * pipe (the unprivileged maximum by default), which lets both processes
 * run in longer stretches; failure is harmless.  Returns whether fd is a
 * pipe.
 */
static int
grow_pipe(int fd)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0 || !S_ISFIFO(sb.st_mode))
		return 0;
#ifdef F_SETPIPE_SZ
	if (fcntl(fd, F_GETPIPE_SZ) < PIPE_SZ)
		(void)fcntl(fd, F_SETPIPE_SZ, PIPE_SZ);
#endif
	return 1;
}

/* --- reader --------------------------------------------------------- */

/*
 * Make at least want bytes available from buf[start].  Returns 1 when
 * they are, 0 at EOF before that (r->fill - r->start bytes remain), -1 on
 * read error or ENOMEM (errmsg set).
 */
static int
rd_fill(struct nf_reader *r, size_t want)
{
	ssize_t n;

	while (r->fill - r->start < want) {
		if (r->eof)
			return 0;
		if (r->start > 0 && r->cap - r->start < want) {
			memmove(r->buf, r->buf + r->start, r->fill - r->start);
			r->fill -= r->start;
			r->start = 0;
		}
		if (r->cap - r->start < want) {
			size_t ncap = r->cap;
			uint8_t *nb;

			while (ncap - r->start < want)
				ncap *= 2;
			if ((nb = aligned_alloc(8, ncap)) == NULL) {
				snprintf(r->errmsg, sizeof(r->errmsg),
				    "out of memory reading '%s'", r->name);
				return -1;
			}
			memcpy(nb, r->buf + r->start, r->fill - r->start);
			free(r->buf);
			r->buf = nb;
			r->fill -= r->start;
			r->start = 0;
			r->cap = ncap;
		}
		n = read(r->fd, r->buf + r->fill, r->cap - r->fill);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(r->errmsg, sizeof(r->errmsg),
			    "read error on '%s' at offset %llu: %s", r->name,
			    (unsigned long long)(r->offset + r->fill - r->start),
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			r->eof = 1;
		r->fill += (size_t)n;
	}
	return 1;
}

int
nf_reader_open(struct nf_reader *r, int fd, const char *name)
{
	char err[200];
	uint32_t hlen;
	int rc;

	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->name = name;
	grow_pipe(fd);
	r->cap = RD_BUFSZ;
	nf_header_init(&r->hdr);
	nf_end_init(&r->rec.u.end);
	if ((r->buf = aligned_alloc(8, r->cap)) == NULL) {
		snprintf(r->errmsg, sizeof(r->errmsg), "out of memory");
		return -1;
	}
	if ((rc = rd_fill(r, NF_HDR_FIXED)) <= 0) {
		if (rc == 0) {
			r->truncated = 1;
			if (r->fill == 0)
				snprintf(r->errmsg, sizeof(r->errmsg),
				    "empty input '%s': no stream header",
				    r->name);
			else
				snprintf(r->errmsg, sizeof(r->errmsg),
				    "truncated stream header in '%s' at offset "
				    "%zu: %u bytes expected, %zu read", r->name,
				    r->fill, NF_HDR_FIXED, r->fill);
		}
		return -1;
	}
	if (memcmp(r->buf, NF_MAGIC, NF_MAGIC_LEN) != 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "bad magic in '%s' at "
		    "offset 0: not a netfeat record stream", r->name);
		return -1;
	}
	hlen = get32(r->buf + 12);
	if (get16(r->buf + 8) == NF_MAJOR &&
	    (hlen < NF_HDR_FIXED || hlen > NF_HDR_MAX || hlen % 8 != 0)) {
		snprintf(r->errmsg, sizeof(r->errmsg), "bad header length %u "
		    "in '%s' at offset 12", hlen, r->name);
		return -1;
	}
	if (get16(r->buf + 8) == NF_MAJOR &&
	    (rc = rd_fill(r, hlen)) <= 0) {
		if (rc == 0) {
			r->truncated = 1;
			snprintf(r->errmsg, sizeof(r->errmsg),
			    "truncated stream header in '%s' at offset %zu: "
			    "%u bytes expected, %zu read", r->name, r->fill,
			    hlen, r->fill);
		}
		return -1;
	}
	if (nf_header_decode(r->buf, r->fill, &r->hdr, err, sizeof(err))) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%s in '%s'", err,
		    r->name);
		return -1;
	}
	if ((r->hdr_raw = malloc(hlen)) == NULL) {
		snprintf(r->errmsg, sizeof(r->errmsg), "out of memory");
		return -1;
	}
	memcpy(r->hdr_raw, r->buf, hlen);
	r->hdr_len = hlen;
	r->start = hlen;
	r->offset = hlen;
	return 0;
}

/* Remember whether an END says the stream is incomplete, and where an
 * upstream stage found its input cut. */
static void
note_end(struct nf_reader *r, const struct nf_end *e)
{
	const char *suffix = ".truncated_at";
	size_t sl = strlen(suffix), nl;
	uint32_t i;

	r->incomplete = (e->flags & NF_EF_INCOMPLETE) != 0;
	for (i = 0; i < e->count; i++) {
		nl = strlen(e->ctr[i].name);
		if (nl > sl && strcmp(e->ctr[i].name + nl - sl, suffix) == 0) {
			r->upstream_cut = e->ctr[i].value;
			snprintf(r->upstream, sizeof(r->upstream), "%.*s",
			    (int)(nl - sl), e->ctr[i].name);
		}
	}
}

int
nf_reader_check_end(const struct nf_reader *r)
{
	if (!r->incomplete)
		return EXIT_OK;
	if (r->upstream[0] != '\0')
		nf_warnx("'%s' is incomplete: %s found a truncated stream at "
		    "offset %llu", r->name, r->upstream,
		    (unsigned long long)r->upstream_cut);
	else
		nf_warnx("'%s' is incomplete: an earlier stage stopped on "
		    "bad input (see its message)", r->name);
	return EXIT_BAD;
}

int
nf_read(struct nf_reader *r, struct nf_rec **out)
{
	char err[200];
	uint32_t len;
	int rc;

	/* The buffer usually holds the next record already: rd_fill only
	 * when it does not. */
	rc = r->fill - r->start >= 8 ? 1 : rd_fill(r, 8);
	if (rc < 0)
		return NF_READ_ERR;
	if (rc == 0) {
		size_t left = r->fill - r->start;

		if (left == 0 && r->seen_end)
			return NF_READ_EOF;
		r->truncated = 1;
		if (left == 0)
			snprintf(r->errmsg, sizeof(r->errmsg), "truncated "
			    "stream at offset %llu in '%s': end of input "
			    "without END record", (unsigned long long)r->offset,
			    r->name);
		else
			snprintf(r->errmsg, sizeof(r->errmsg), "truncated "
			    "stream at offset %llu in '%s': record header of "
			    "8 bytes expected, %zu read",
			    (unsigned long long)r->offset, r->name, left);
		return NF_READ_ERR;
	}
	if (r->seen_end) {
		snprintf(r->errmsg, sizeof(r->errmsg), "data after END "
		    "record at offset %llu in '%s'",
		    (unsigned long long)r->offset, r->name);
		return NF_READ_ERR;
	}
	len = get32(r->buf + r->start + 4);
	if (len < 8 || len % 8 != 0 || len > NF_REC_MAX) {
		snprintf(r->errmsg, sizeof(r->errmsg), "bad record length %u "
		    "at offset %llu in '%s'", len,
		    (unsigned long long)r->offset, r->name);
		return NF_READ_ERR;
	}
	rc = r->fill - r->start >= len ? 1 : rd_fill(r, len);
	if (rc < 0)
		return NF_READ_ERR;
	if (rc == 0) {
		r->truncated = 1;
		snprintf(r->errmsg, sizeof(r->errmsg), "truncated stream at "
		    "offset %llu in '%s': record of %u bytes, %zu read",
		    (unsigned long long)r->offset, r->name, len,
		    r->fill - r->start);
		return NF_READ_ERR;
	}
	if (nf_rec_decode(r->buf + r->start, len, &r->rec, err,
	    sizeof(err)) < 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%s at offset %llu in "
		    "'%s'", err, (unsigned long long)r->offset, r->name);
		return NF_READ_ERR;
	}
	r->rec.offset = r->offset;
	if (r->rec.type == NF_REC_END) {
		r->seen_end = 1;
		note_end(r, &r->rec.u.end);
	}
	r->start += len;
	r->offset += len;
	r->nrec++;
	*out = &r->rec;
	return NF_READ_OK;
}

/* The external definition of the inline function in record.h. */
extern inline const uint8_t *nf_ahead_next(const struct nf_reader *,
    struct nf_ahead *, size_t);

const uint8_t *
nf_ahead_next_slow(const struct nf_reader *r, struct nf_ahead *a,
    size_t window)
{
	size_t fill = r->fill - r->start, at, fixed;
	const uint8_t *p;
	uint32_t len;

	if (a->off < r->offset)
		a->off = r->offset;
	/* a->off is a record boundary; stop at the first record whose
	 * header, or fixed part if it is one we return, is not buffered. */
	while ((at = (size_t)(a->off - r->offset)) < window && at + 8 <= fill) {
		p = r->buf + r->start + at;
		len = get32(p + 4);
		if (len < 8 || len % 8 != 0 || len > NF_REC_MAX)
			return NULL;	/* nf_read will say what is wrong */
		switch (get16(p)) {
		case NF_REC_PKT:
			fixed = NF_PKT_FIXED;
			break;
		case NF_REC_FLOW_BEGIN:
		case NF_REC_FLOW_END:
			fixed = a->flows ? NF_FLOW_LEN : 0;
			break;
		default:
			fixed = 0;
		}
		if (fixed == 0) {
			a->off += len;
			continue;
		}
		if (len < fixed || at + fixed > fill)
			return NULL;
		a->at = a->off;
		a->off += len;
		return p;
	}
	return NULL;
}

uint64_t
nf_peek_flow_id(const uint8_t *raw)
{
	return get64(raw + (get16(raw) == NF_REC_PKT ? 16 : 8));
}

int
nf_peek_dir(const uint8_t *raw)
{
	return get16(raw) == NF_REC_PKT ? raw[47] != 0 : -1;
}

void
nf_reader_close(struct nf_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	free(r->hdr_raw);
	r->hdr_raw = NULL;
	nf_header_free(&r->hdr);
	if (r->rec.type == NF_REC_END)
		nf_end_free(&r->rec.u.end);
}

void
nf_reader_open_path(struct nf_reader *r, const char *path)
{
	int fd = 0;

	if (path != NULL && strcmp(path, "-") != 0) {
		if ((fd = open(path, O_RDONLY)) < 0)
			nf_err(EXIT_BAD, "cannot open '%s'", path);
	}
	if (nf_reader_open(r, fd, nf_inname(path)) < 0)
		nf_errx(EXIT_BAD, "%s", r->errmsg);
}

/* --- writer --------------------------------------------------------- */

/*
 * Writing to a pipe, the copy into the kernel (and its page allocation)
 * is a fifth of a stage's time.  A second thread does the write(2)s, so
 * that copy runs beside the stage's own work on a core the pipeline
 * leaves idle: the stage fills one of WT_NBUF buffers while the thread
 * writes the others, in order.  A buffer the stage fills up is handed
 * over without waiting; nf_writer_flush() and nf_writer_close() wait
 * until everything handed over is written, so what they promise is as
 * without the thread.  The thread blocks every signal but SIGPIPE: a
 * closed pipe still ends the process quietly, and the main thread keeps
 * SIGINT, SIGTERM and SIGUSR1.
 */
#define WT_NBUF	4

struct nf_wthread {
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;		/* a buffer was handed over, or stop */
	pthread_cond_t	 done;		/* a buffer was written */
	uint8_t		*buf[WT_NBUF];
	size_t		 len[WT_NBUF];
	unsigned	 cur;		/* the buffer the stage fills */
	unsigned	 head;		/* the next one to write */
	unsigned	 count;		/* handed over, not yet written */
	int		 fd;
	int		 stop;
	int		 err;		/* errno of a failed write, or 0 */
};

static void *
wt_main(void *arg)
{
	struct nf_wthread *t = arg;
	unsigned i;
	int err;

	pthread_mutex_lock(&t->mu);
	for (;;) {
		while (t->count == 0 && !t->stop)
			pthread_cond_wait(&t->work, &t->mu);
		if (t->count == 0)
			break;
		i = t->head;
		pthread_mutex_unlock(&t->mu);
		err = t->err == 0 && nf_write_full(t->fd, t->buf[i],
		    t->len[i]) < 0 ? errno : 0;
		pthread_mutex_lock(&t->mu);
		if (err != 0)
			t->err = err;
		t->head = (t->head + 1) % WT_NBUF;
		t->count--;
		pthread_cond_signal(&t->done);
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

/* A writing thread for w, or NULL (then w writes itself). */
static struct nf_wthread *
wt_start(struct nf_writer *w)
{
	struct nf_wthread *t;
	int i;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->fd = w->fd;
	t->buf[0] = w->buf;
	for (i = 1; i < WT_NBUF; i++)
		if ((t->buf[i] = aligned_alloc(8, w->cap)) == NULL)
			goto fail;
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->work, NULL);
	pthread_cond_init(&t->done, NULL);
	if (nf_thread_start(&t->th, wt_main, t) == 0)
		return t;
	pthread_cond_destroy(&t->done);
	pthread_cond_destroy(&t->work);
	pthread_mutex_destroy(&t->mu);
fail:
	for (i = 1; i < WT_NBUF; i++)
		free(t->buf[i]);
	free(t);
	return NULL;
}

/* Exit 1 on the write error err (errno), naming the output. */
static void
wr_fail(const struct nf_writer *w, int err)
{
	errno = err;
	nf_err(EXIT_BAD, "write error on '%s'", w->name);
}

/* Wait until every buffer handed over is written; exit 1 on a write
 * error (the message names the output). */
static void
wt_drain(struct nf_writer *w)
{
	struct nf_wthread *t = w->wt;
	int err;

	pthread_mutex_lock(&t->mu);
	while (t->count > 0)
		pthread_cond_wait(&t->done, &t->mu);
	err = t->err;
	pthread_mutex_unlock(&t->mu);
	if (err != 0)
		wr_fail(w, err);
}

/* Hand the filled buffer over and continue in the next free one. */
static void
wt_handoff(struct nf_writer *w)
{
	struct nf_wthread *t = w->wt;
	int err;

	pthread_mutex_lock(&t->mu);
	while (t->count == WT_NBUF - 1)
		pthread_cond_wait(&t->done, &t->mu);
	err = t->err;
	t->len[t->cur] = w->fill;
	t->count++;
	pthread_cond_signal(&t->work);
	t->cur = (t->cur + 1) % WT_NBUF;
	pthread_mutex_unlock(&t->mu);
	if (err != 0)
		wr_fail(w, err);
	w->buf = t->buf[t->cur];
	w->offset += w->fill;
	w->fill = 0;
}

void
nf_writer_open(struct nf_writer *w, int fd, const char *name)
{
	memset(w, 0, sizeof(*w));
	if (isatty(fd))
		nf_errx(EXIT_BAD, "refusing to write a binary record stream "
		    "to a terminal; pipe it into pktdump or redirect it");
	w->fd = fd;
	w->name = name;
	w->cap = WR_BUFSZ;
	if ((w->buf = aligned_alloc(8, w->cap)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	if (grow_pipe(fd))
		w->wt = wt_start(w);
}

void
nf_writer_flush(struct nf_writer *w)
{
	if (w->wt != NULL) {
		if (w->fill > 0)
			wt_handoff(w);
		wt_drain(w);
		return;
	}
	if (w->fill == 0)
		return;
	if (nf_write_full(w->fd, w->buf, w->fill) < 0)
		wr_fail(w, errno);
	w->offset += w->fill;
	w->fill = 0;
}

/* wr_room() when the buffer is short of n bytes: flush, or grow. */
static uint8_t *
wr_room_slow(struct nf_writer *w, size_t n)
{
	if (w->wt != NULL && w->cap >= n) {
		wt_handoff(w);		/* without waiting */
		return w->buf;
	}
	nf_writer_flush(w);	/* with a thread: every buffer is idle now */
	if (w->cap < n) {
		uint8_t *nb;
		size_t ncap = w->cap;
		int i;

		while (ncap < n)
			ncap *= 2;
		if (w->wt == NULL) {
			if ((nb = aligned_alloc(8, ncap)) == NULL)
				nf_errx(EXIT_BAD, "out of memory");
			free(w->buf);
			w->buf = nb;
		} else {
			for (i = 0; i < WT_NBUF; i++) {
				if ((nb = aligned_alloc(8, ncap)) == NULL)
					nf_errx(EXIT_BAD, "out of memory");
				free(w->wt->buf[i]);
				w->wt->buf[i] = nb;
			}
			w->buf = w->wt->buf[w->wt->cur];
		}
		w->cap = ncap;
	}
	return w->buf + w->fill;
}

/* Room for n bytes at the end of the buffer; flushes or grows. */
static inline uint8_t *
wr_room(struct nf_writer *w, size_t n)
{
	if (w->cap - w->fill < n)
		return wr_room_slow(w, n);
	return w->buf + w->fill;
}

void
nf_writer_header(struct nf_writer *w, const struct nf_header *h)
{
	uint8_t *buf;
	size_t len;

	if (nf_header_encode(h, &buf, &len) < 0)
		nf_errx(EXIT_BAD, "cannot encode stream header");
	memcpy(wr_room(w, len), buf, len);
	w->fill += len;
	free(buf);
	if (h->flags & NF_HF_LIVE) {
		w->live = 1;
		nf_writer_flush(w);
	}
}

void
nf_write_pkt(struct nf_writer *w, const struct nf_pkt *k)
{
	size_t n = nf_pkt_size(k->snip_len, k->frame_len);

	w->fill += nf_pkt_encode(k, wr_room(w, n));
}

void
nf_write_flow(struct nf_writer *w, int type, const struct nf_flow *f)
{
	w->fill += nf_flow_encode(type, f, wr_room(w, NF_FLOW_LEN));
	if (w->live && type == NF_REC_FLOW_END)
		nf_writer_flush(w);
}

void
nf_write_tick(struct nf_writer *w, uint64_t ts_ns)
{
	w->fill += nf_tick_encode(ts_ns, wr_room(w, NF_TICK_LEN));
	if (w->live)
		nf_writer_flush(w);
}

void
nf_write_end(struct nf_writer *w, const struct nf_end *e)
{
	w->fill += nf_end_encode(e, wr_room(w, nf_end_size(e->count)));
	nf_writer_flush(w);
}

void
nf_write_raw(struct nf_writer *w, const uint8_t *raw, size_t len)
{
	memcpy(wr_room(w, len), raw, len);
	w->fill += len;
	if (w->live && len >= 2) {
		uint16_t t = get16(raw);

		if (t == NF_REC_TICK || t == NF_REC_FLOW_END)
			nf_writer_flush(w);
	}
}

void
nf_write_pkt_retag(struct nf_writer *w, const uint8_t *raw, size_t len,
    uint64_t flow_id, uint8_t dir)
{
	uint8_t *b = wr_room(w, len);

	memcpy(b, raw, len);
	put64(b + 16, flow_id);
	b[47] = dir;
	w->fill += len;
}

void
nf_writer_close(struct nf_writer *w)
{
	struct nf_wthread *t = w->wt;
	int i;

	nf_writer_flush(w);
	if (t != NULL) {
		pthread_mutex_lock(&t->mu);
		t->stop = 1;
		pthread_cond_signal(&t->work);
		pthread_mutex_unlock(&t->mu);
		pthread_join(t->th, NULL);
		pthread_cond_destroy(&t->done);
		pthread_cond_destroy(&t->work);
		pthread_mutex_destroy(&t->mu);
		for (i = 0; i < WT_NBUF; i++)
			free(t->buf[i]);
		free(t);
		w->wt = NULL;
	} else
		free(w->buf);
	w->buf = NULL;
}
