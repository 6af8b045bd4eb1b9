/* kdd_stage.c: the flow2kdd engine: record stream events in, KDD rows out in start-time order. */
#include <stdlib.h>
#include <string.h>

#include "kdd_conn.h"
#include "kdd_content.h"
#include "kdd_stage.h"

/* Status bits that make a packet a "wrong fragment" (spec section 1,
 * feature 8): overlap and oversize always; a bad IP or L4 checksum only on
 * a fragment, because checksum offloading leaves locally sent packets
 * with bad checksums in most captures. */
#define WRONG_ALWAYS	(NF_ST_FRAG_OVERLAP | NF_ST_FRAG_OVERSIZE)
#define WRONG_ON_FRAG	(NF_ST_BAD_IPCSUM | NF_ST_BAD_L4CSUM)

void
kdd_opts_default(struct kdd_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->span_ns = 2000000000ULL;
	o->hold_ns = KDD_HOLD_DEFAULT;
	o->reorder_max = KDD_REORDER_MAX;
	o->conn_max = KDD_CONN_MAX;
	o->content_max = KDD_CONTENT_MAX;
	o->host_n = 100;
	o->private_rule = KDD_PRIV_LT1024;
	o->diff_mode = KDD_DIFF_KDD;
}

int
kdd_stage_init(struct kdd_stage *s, const struct kdd_opts *o,
    kdd_emit_fn *emit, void *arg)
{
	memset(s, 0, sizeof(*s));
	s->o = *o;
	s->emit = emit;
	s->arg = arg;
	if (kdd_conntab_init(&s->tab, o->conn_max) == -1)
		return -1;
	kdd_reorder_init(&s->ro, o->reorder_max);
	if (kdd_window_init(&s->win, o->span_ns, o->host_n,
	    o->diff_mode) == -1)
		return -1;
	s->ftpx = malloc(sizeof(*s->ftpx));
	if (s->ftpx == NULL)
		return -1;
	kdd_ftpx_init(s->ftpx);
	s->ifrag = calloc(KDD_IFRAG_SLOTS, sizeof(*s->ifrag));
	if (s->ifrag == NULL)
		return -1;
	return 0;
}

void
kdd_stage_free(struct kdd_stage *s)
{
	size_t i;

	for (i = 0; i < s->tab.cap; i++)
		if (s->tab.t != NULL && s->tab.t[i].flow_id != 0)
			free(s->tab.t[i].ct);
	kdd_conntab_free(&s->tab);
	kdd_reorder_free(&s->ro);
	kdd_window_free(&s->win);
	free(s->ftpx);
	free(s->ifrag);
	free(s->q);
	memset(s, 0, sizeof(*s));
}

static int
wrong(uint32_t status)
{
	if (status & WRONG_ALWAYS)
		return 1;
	return (status & NF_ST_FRAGMENT) && (status & WRONG_ON_FRAG);
}

static void
see_time(struct kdd_stage *s, uint64_t ts)
{
	if (ts > s->latest)
		s->latest = ts;
}

/* Window features for one released row, then the row goes out. */
static void
process(struct kdd_stage *s, const struct kdd_row *r)
{
	struct kdd_wrec w;
	struct kdd_traffic t;
	uint64_t wts = s->o.order_end ? r->end_ns : r->start_ns;

	if (s->have_wts && wts < s->last_wts) {
		s->st.late++;
		wts = s->last_wts;
	}
	s->last_wts = wts;
	s->have_wts = 1;
	kdd_row_wrec(r, wts, &w);
	if (kdd_window_add(&s->win, &w, &t) == -1) {
		s->st.win_enomem++;
		memset(&t, 0, sizeof(t));
	}
	s->st.rows++;
	s->emit(s->arg, r, &t);
}

void
kdd_stage_process(struct kdd_stage *s, const struct kdd_row *r)
{
	process(s, r);
}

/* Row r is released: processed, or handed off to be. */
static void
release_row(struct kdd_stage *s, const struct kdd_row *r)
{
	if (s->handoff != NULL)
		s->handoff(s->handoff_arg, r);
	else
		process(s, r);
}

/* The oldest connection still open, if any (see kdd_stage.h). */
static const struct kdd_openq_ent *
oldest_open(struct kdd_stage *s)
{
	const struct kdd_openq_ent *e;
	const struct kdd_conn *c;

	while (s->qlen > 0) {
		e = &s->q[s->qhead];
		c = kdd_conntab_get(&s->tab, e->flow_id);
		if (c != NULL && c->conn_id == e->conn_id) {
			if (e->start + s->o.hold_ns >= s->latest)
				return e;
			s->st.held_expired++;
		}
		s->qhead = (s->qhead + 1) & (s->qcap - 1);
		s->qlen--;
	}
	return NULL;
}

static void push_row(struct kdd_stage *, const struct kdd_row *);

/* Flush fragmented ICMP messages older than the TTL (all: every one);
 * returns the oldest one still pending, or NULL. */
static const struct kdd_row *
ifrag_expire(struct kdd_stage *s, int all)
{
	const struct kdd_row *min = NULL;
	struct kdd_ifrag *f;
	struct kdd_row r;
	size_t i;

	for (i = 0; i < KDD_IFRAG_SLOTS && s->nifrag > 0; i++) {
		f = &s->ifrag[i];
		if (!f->used)
			continue;
		if (all || f->row.start_ns + KDD_IFRAG_TTL_NS < s->latest) {
			r = f->row;
			f->used = 0;
			s->nifrag--;
			push_row(s, &r);
			continue;
		}
		if (min == NULL || f->row.start_ns < min->start_ns ||
		    (f->row.start_ns == min->start_ns &&
		    f->row.conn_id < min->conn_id))
			min = &f->row;
	}
	return min;
}

static void
release(struct kdd_stage *s, int all)
{
	const struct kdd_openq_ent *e;
	const struct kdd_row *fr = NULL;
	const struct kdd_rkey *top;
	struct kdd_row r;
	uint64_t bs = 0, bid = 0;
	int bound = 0;

	if (kdd_reorder_topkey(&s->ro) == NULL && s->nifrag == 0)
		return;
	if (s->nifrag > 0)
		fr = ifrag_expire(s, all);
	if (!all) {
		/* The oldest open connection changes only when one ends, one
		 * begins in an empty queue, or its hold runs out. */
		if (!s->bvalid || (s->bhave && s->bstart + s->o.hold_ns <
		    s->latest)) {
			e = oldest_open(s);
			s->bhave = e != NULL;
			if (e != NULL) {
				s->bstart = e->start;
				s->bid = e->conn_id;
			}
			s->bvalid = 1;
		}
		if (s->bhave) {
			bound = 1;
			bs = s->bstart;
			bid = s->bid;
		}
	}
	if (fr != NULL && (!bound || fr->start_ns < bs ||
	    (fr->start_ns == bs && fr->conn_id < bid))) {
		bound = 1;
		bs = fr->start_ns;
		bid = fr->conn_id;
	}
	while ((top = kdd_reorder_topkey(&s->ro)) != NULL) {
		if (bound && (top->start_ns > bs ||
		    (top->start_ns == bs && top->conn_id > bid)))
			break;
		kdd_reorder_pop(&s->ro, &r);
		release_row(s, &r);
	}
}

static void
push_row(struct kdd_stage *s, const struct kdd_row *r)
{
	struct kdd_row x;

	if (s->o.order_end) {
		release_row(s, r);
		return;
	}
	while (kdd_reorder_push(&s->ro, r) == -1) {
		/* Full (or ENOMEM): stop waiting for the oldest open
		 * connection, or release the oldest row. */
		s->st.reorder_full++;
		if (s->qlen > 0) {
			s->qhead = (s->qhead + 1) & (s->qcap - 1);
			s->qlen--;
			s->bvalid = 0;
			release(s, 0);
		} else if (kdd_reorder_top(&s->ro) != NULL) {
			kdd_reorder_pop(&s->ro, &x);
			release_row(s, &x);
		} else {
			release_row(s, r);	/* cannot buffer at all */
			return;
		}
	}
}

static int
q_push(struct kdd_stage *s, const struct kdd_conn *c)
{
	struct kdd_openq_ent *nq;
	size_t ncap, i;

	if (s->qlen == s->qcap) {
		ncap = s->qcap ? s->qcap * 2 : 1024;
		nq = malloc(ncap * sizeof(*nq));
		if (nq == NULL)
			return -1;
		for (i = 0; i < s->qlen; i++)
			nq[i] = s->q[(s->qhead + i) & (s->qcap - 1)];
		free(s->q);
		s->q = nq;
		s->qcap = ncap;
		s->qhead = 0;
	}
	s->q[(s->qhead + s->qlen) & (s->qcap - 1)] = (struct kdd_openq_ent){
		c->first_ts, c->flow_id, c->conn_id };
	if (s->qlen++ == 0)
		s->bvalid = 0;
	return 0;
}

static struct kdd_conn *
new_conn(struct kdd_stage *s, uint64_t flow_id, uint64_t ts, int proto,
    int ipver, const uint8_t src[16], const uint8_t dst[16], uint16_t sport,
    uint16_t dport)
{
	struct kdd_conn *c;
	int cls;

	c = kdd_conntab_put(&s->tab, flow_id);
	if (c == NULL) {
		s->st.conn_cap++;
		return NULL;
	}
	c->conn_id = ++s->next_id;
	c->first_ts = c->last_ts = ts;
	memcpy(c->src, src, 16);
	memcpy(c->dst, dst, 16);
	c->sport = sport;
	c->dport = dport;
	c->proto = (uint8_t)proto;
	c->ipver = (uint8_t)ipver;
	if (proto == KDD_PROTO_TCP && (sport == 20 ||
	    kdd_ftpx_match(s->ftpx, ipver, dst, dport, ts)))
		c->service = (uint8_t)kdd_service_ftp_data();
	else
		c->service = (uint8_t)kdd_service_port(proto, dport,
		    s->o.private_rule);
	cls = proto == KDD_PROTO_TCP ? kdd_content_class(c->service) : 0;
	if (cls != KDD_C_NONE) {
		if (s->ncontent < s->o.content_max &&
		    (c->ct = malloc(sizeof(*c->ct))) != NULL) {
			kdd_content_init(c->ct, cls);
			s->ncontent++;
			s->st.content_conns++;
		} else
			s->st.content_cap++;
	}
	if (proto == KDD_PROTO_TCP)
		s->st.tcp++;
	else
		s->st.udp++;
	if (q_push(s, c) == -1)
		s->st.enomem++;
	return c;
}

static void
finish_conn(struct kdd_stage *s, struct kdd_conn *c)
{
	struct kdd_row r;

	memset(&r, 0, sizeof(r));
	r.conn_id = c->conn_id;
	r.start_ns = c->first_ts;
	r.end_ns = c->last_ts;
	r.src_bytes = c->seq[0].bytes;
	r.dst_bytes = c->seq[1].bytes;
	memcpy(r.src, c->src, 16);
	memcpy(r.dst, c->dst, 16);
	r.sport = c->sport;
	r.dport = c->dport;
	r.svckey = kdd_service_key(c->proto, c->dport);
	r.urgent = c->urgent;
	r.wrong_fragment = c->wrong_fragment;
	r.ipver = c->ipver;
	r.proto = c->proto;
	r.service = c->service;
	r.flag = c->proto == KDD_PROTO_TCP ?
	    (uint8_t)kdd_tcp_flag(&c->tcp, r.src_bytes, r.dst_bytes) : KDD_SF;
	r.land = c->sport == c->dport && memcmp(c->src, c->dst, 16) == 0;
	if (c->ct != NULL) {
		kdd_content_finish(c->ct);
		if (c->ct->capped)
			s->st.content_budget++;
		memcpy(r.content, c->ct->f, sizeof(r.content));
		r.content[KDD_F_OUTBOUND_CMDS] = 0;
		free(c->ct);
		s->ncontent--;
	}
	kdd_conntab_del(&s->tab, c);
	s->bvalid = 0;
	push_row(s, &r);
}

static size_t
ifrag_slot(const struct nf_pkt *k)
{
	uint32_t h = k->ip_id * 2654435761U;
	int i;

	for (i = 0; i < 16; i++)
		h = (h ^ k->src[i] ^ ((uint32_t)k->dst[i] << 8)) * 16777619U;
	return h & (KDD_IFRAG_SLOTS - 1);
}

/* A non-first fragment of an ICMP message. */
static void
icmp_frag(struct kdd_stage *s, const struct nf_pkt *k)
{
	struct kdd_ifrag *f = &s->ifrag[ifrag_slot(k)];
	struct kdd_row r;

	if (!f->used || f->ip_id != k->ip_id || f->row.proto != k->proto ||
	    memcmp(f->row.src, k->src, 16) != 0 ||
	    memcmp(f->row.dst, k->dst, 16) != 0) {
		s->st.icmp_frags++;	/* first fragment not seen */
		return;
	}
	f->row.src_bytes += k->payload_len;
	if (wrong(k->status) && f->row.wrong_fragment < UINT16_MAX)
		f->row.wrong_fragment++;
	if (!(k->frag_flags & NF_FF_MF)) {
		r = f->row;
		f->used = 0;
		s->nifrag--;
		push_row(s, &r);
	}
}

static void
icmp_row(struct kdd_stage *s, const struct nf_pkt *k)
{
	struct kdd_ifrag *f;
	struct kdd_row r;

	if (k->frag_offset != 0) {
		icmp_frag(s, k);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.conn_id = ++s->next_id;
	r.start_ns = r.end_ns = k->ts_ns;
	/* ICMP message length: header + data (spec: 1032 for a 1024-byte
	 * ping). */
	r.src_bytes = (uint64_t)k->l4_hdr_len + k->payload_len;
	memcpy(r.src, k->src, 16);
	memcpy(r.dst, k->dst, 16);
	r.svckey = kdd_service_key(k->proto, k->icmp_type);
	r.wrong_fragment = (uint16_t)wrong(k->status);
	r.ipver = k->ip_version;
	r.proto = k->proto;
	r.service = (uint8_t)kdd_service_icmp(k->proto, k->icmp_type,
	    k->icmp_code);
	r.flag = KDD_SF;
	s->st.icmp++;
	if (k->frag_flags & NF_FF_MF) {
		/* First of several fragments: wait for the rest. */
		f = &s->ifrag[ifrag_slot(k)];
		if (f->used) {
			struct kdd_row old = f->row;

			f->used = 0;
			s->nifrag--;
			push_row(s, &old);
		}
		f->row = r;
		f->ip_id = k->ip_id;
		f->used = 1;
		s->nifrag++;
		return;
	}
	push_row(s, &r);
}

static void
tcp_payload(struct kdd_stage *s, struct kdd_conn *c, const struct nf_pkt *k,
    int dir)
{
	uint32_t dup;
	uint16_t port = 0;
	int gap, side = 0, gapbit = dir ? KDD_CF_GAP1 : KDD_CF_GAP0;

	dup = kdd_seq_update(&c->seq[dir], k->tcp_flags, k->seq,
	    k->payload_len, &gap);
	if (c->ct == NULL || k->payload_len == 0 || dup >= k->payload_len)
		return;
	if (c->cflags & gapbit)
		gap = 1;
	c->cflags &= (uint8_t)~gapbit;
	if (dup < k->snip_len)
		kdd_content_feed(c->ct, dir, k->snip + dup, k->snip_len - dup,
		    gap, &port, &side);
	if (k->snip_len < k->payload_len)
		c->cflags |= (uint8_t)gapbit;	/* the rest was not kept */
	if (port != 0)
		kdd_ftpx_add(s->ftpx, c->ipver, side == 0 ? c->src : c->dst,
		    port, k->ts_ns);
}

void
kdd_stage_pkt(struct kdd_stage *s, const struct nf_pkt *k)
{
	struct kdd_conn *c;
	int dir = k->dir != 0;

	see_time(s, k->ts_ns);
	if (k->proto == KDD_PROTO_ICMP || k->proto == KDD_PROTO_ICMP6) {
		if (k->ip_version != 0)
			icmp_row(s, k);
		release(s, 0);
		return;
	}
	if (k->proto != KDD_PROTO_TCP && k->proto != KDD_PROTO_UDP)
		return;
	if (k->flow_id == 0) {
		s->st.untagged++;
		return;
	}
	/* Packets of one flow often come in runs: cache the last lookup. */
	if (s->last != NULL && s->last_id == k->flow_id &&
	    s->last_gen == s->tab.gen)
		c = s->last;
	else
		c = kdd_conntab_get(&s->tab, k->flow_id);
	if (c == NULL) {
		/* No FLOW_BEGIN seen: orient by this packet's direction. */
		c = dir == 0 ?
		    new_conn(s, k->flow_id, k->ts_ns, k->proto, k->ip_version,
		    k->src, k->dst, k->sport, k->dport) :
		    new_conn(s, k->flow_id, k->ts_ns, k->proto, k->ip_version,
		    k->dst, k->src, k->dport, k->sport);
		if (c == NULL)
			return;
	}
	s->last = c;
	s->last_id = k->flow_id;
	s->last_gen = s->tab.gen;
	if (k->ts_ns < c->first_ts)
		c->first_ts = k->ts_ns;
	if (k->ts_ns > c->last_ts)
		c->last_ts = k->ts_ns;
	if (wrong(k->status) && c->wrong_fragment < UINT16_MAX)
		c->wrong_fragment++;
	if (k->proto == KDD_PROTO_TCP) {
		if ((k->tcp_flags & NF_TH_URG) && c->urgent < UINT32_MAX)
			c->urgent++;
		kdd_tcp_update(&c->tcp, dir, k->tcp_flags);
		if (!(k->status & NF_ST_FRAGMENT) || k->frag_offset == 0)
			tcp_payload(s, c, k, dir);
	} else
		c->seq[dir].bytes += k->payload_len;
	release(s, 0);
}

void
kdd_stage_flow_begin(struct kdd_stage *s, const struct nf_flow *f)
{
	see_time(s, f->first_ts);
	if (f->proto != KDD_PROTO_TCP && f->proto != KDD_PROTO_UDP)
		return;
	if (kdd_conntab_get(&s->tab, f->flow_id) != NULL)
		return;
	(void)new_conn(s, f->flow_id, f->first_ts, f->proto, f->ip_version,
	    f->src, f->dst, f->sport, f->dport);
}

void
kdd_stage_flow_end(struct kdd_stage *s, const struct nf_flow *f)
{
	struct kdd_conn *c;

	see_time(s, f->last_ts);
	if (f->proto == KDD_PROTO_TCP || f->proto == KDD_PROTO_UDP) {
		c = kdd_conntab_get(&s->tab, f->flow_id);
		if (c != NULL)
			finish_conn(s, c);
	} else if (f->proto != KDD_PROTO_ICMP && f->proto != KDD_PROTO_ICMP6)
		s->st.other_flows++;
	release(s, 0);
}

void
kdd_stage_tick(struct kdd_stage *s, uint64_t ts_ns)
{
	see_time(s, ts_ns);
	release(s, 0);
}

void
kdd_stage_finish(struct kdd_stage *s)
{
	struct kdd_openq_ent e;
	struct kdd_conn *c;
	size_t i = 0;

	/* End open connections oldest first, releasing rows as we go, so
	 * the reorder buffer stays small. */
	while (s->qlen > 0) {
		e = s->q[s->qhead];
		s->qhead = (s->qhead + 1) & (s->qcap - 1);
		s->qlen--;
		s->bvalid = 0;
		c = kdd_conntab_get(&s->tab, e.flow_id);
		if (c != NULL && c->conn_id == e.conn_id)
			finish_conn(s, c);
		release(s, 0);
	}
	/* The rest (no longer waited for): deleting shifts later entries
	 * back into slot i, so stay on it. */
	while (i < s->tab.cap) {
		if (s->tab.t[i].flow_id != 0)
			finish_conn(s, &s->tab.t[i]);
		else
			i++;
	}
	release(s, 1);
}
