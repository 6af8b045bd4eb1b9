/* flowtab.c: the flow table of pkt2flow (algorithm in flowtab.h). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flowtab.h"
#include "util.h"

#define NIL		0xFFFFFFFFU
/* First sizes; both arrays double as needed. */
#define INIT_ENTRIES	1024U
#define INIT_BUCKETS	1024U

/* Canonical flow key (flowtab.h); compared and hashed as bytes, so every
 * byte, padding included, is set. */
struct fkey {
	uint8_t		 a[16];		/* lower endpoint address */
	uint8_t		 b[16];
	uint16_t	 ap;		/* lower endpoint port / echo id */
	uint16_t	 bp;
	uint16_t	 vlan;
	uint8_t		 proto;
	uint8_t		 ipver;
	uint8_t		 ktype;		/* ICMP key type, else 0 */
	uint8_t		 pad[3];
};

/* Entry states. */
enum { ST_OPEN, ST_CLOSED, ST_WAIT };
/* Timer lists (besides the LRU list). */
enum { Q_NONE, Q_ACTIVE, Q_LINGER, Q_N };

/* TCP teardown bits (tcp). */
#define TS_FIN0		0x01	/* FIN from the originator */
#define TS_FIN1		0x02	/* FIN from the responder */
#define TS_LASTFIN1	0x04	/* the second FIN came from the responder */
#define TS_RST		0x08	/* RST seen (unidirectional tables) */

/* Entry flags (efl). */
#define EF_ORIG_B	0x01	/* originator is key endpoint b */
#define EF_SYNACK	0x02	/* first packet was SYN+ACK */
#define EF_CONT		0x04	/* continues prev_id */

/* One flow: 128 bytes, fields ordered to avoid padding. */
struct fent {
	struct fkey	 key;		/* 44 */
	uint32_t	 hnext;		/* hash chain, or free list */
	uint64_t	 id;
	uint64_t	 prev_id;
	uint64_t	 first_ts;
	uint64_t	 last_ts;
	uint64_t	 pkts[2];	/* by direction */
	union {
		uint32_t fin_end[2];	/* open: seq after each side's FIN */
		uint64_t close_ts;	/* closed: clock at the close */
	} u;
	uint32_t	 lru_prev;
	uint32_t	 lru_next;
	uint32_t	 q_prev;
	uint32_t	 q_next;
	uint8_t		 state;		/* ST_* */
	uint8_t		 queue;		/* Q_* */
	uint8_t		 efl;		/* EF_* */
	uint8_t		 reason:4;	/* close reason when ST_CLOSED */
	uint8_t		 tcp:4;		/* TS_* */
	uint32_t	 hprev;		/* hash chain, backwards */
};

_Static_assert(sizeof(struct fkey) == 44, "flow key layout");
_Static_assert(sizeof(struct fent) == 128, "flow entry is 128 bytes");
_Static_assert(NF_END_NREASONS <= 16, "an end reason fits in 4 bits");

/* A packet's key and bucket, computed ahead (nf_flowtab_hint). */
struct hint {
	uint64_t	 tag;		/* the caller's: stream offset */
	struct fkey	 k;
	uint32_t	 h;
	int		 sender_b;
};

#define HINT_N	64		/* more than pkt2flow looks ahead */
#define HINT_LAG 16		/* bucket to entry prefetch, in hints */

struct list {
	uint32_t	 head;
	uint32_t	 tail;
};

struct nf_flowtab {
	struct nf_flowtab_cfg cfg;
	nf_flowtab_emit_fn *emit;
	void		*arg;
	struct fent	*ent;
	uint32_t	 cap;		/* entries allocated */
	uint32_t	 used;		/* entries ever handed out */
	uint32_t	 count;		/* entries in use */
	uint32_t	 freelist;
	uint32_t	*bucket;
	uint32_t	 nbucket;	/* power of two */
	uint32_t	 pending_end;	/* ended by the current packet */
	struct list	 lru;
	struct list	 q[Q_N];
	uint64_t	 clock;
	uint64_t	 jump_ts;	/* a suspect jump, if jump_pending */
	uint64_t	 jump_id;	/* the suspect packet's flow id */
	uint32_t	 jump_ent;	/* and entry */
	int		 jump_new;	/* the suspect packet began it */
	int		 have_clock;
	int		 jump_pending;
	uint64_t	 next_id;
	uint64_t	 seed;
	struct nf_flowtab_stats st;
	struct hint	 hint[HINT_N];	/* FIFO of nf_flowtab_hint()s */
	uint32_t	 hint_head;	/* next to use (mod HINT_N) */
	uint32_t	 hint_tail;	/* next free */
};

/* --- hashing ------------------------------------------------------ */

static uint64_t
mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

/* The key's 8-byte word i (0-4) and its last 4 bytes. */
static inline uint64_t
key_word(const struct fkey *k, int i)
{
	uint64_t w;

	memcpy(&w, (const uint8_t *)k + 8 * i, 8);
	return w;
}

static inline uint32_t
key_tail(const struct fkey *k)
{
	uint32_t w;

	memcpy(&w, (const uint8_t *)k + 40, 4);
	return w;
}

/*
 * The key's five 8-byte words and last 4 bytes, each mixed with the seed
 * and multiplied by its own odd constant: the six products are
 * independent (they run in parallel, where a chain of mixes waits on
 * each multiply), then one final mix spreads the sum.
 */
static uint32_t
hash_key(const struct nf_flowtab *t, const struct fkey *k)
{
	uint64_t s = t->seed, h;

	_Static_assert(sizeof(*k) == 44, "fkey is 5 words and 4 bytes");
	/* Word by word, not through an array (which compilers fill by
	 * 16-byte moves on the stack and read back). */
	h = (key_word(k, 0) ^ s) * 0x9E3779B97F4A7C15ULL +
	    (key_word(k, 1) ^ s) * 0xC2B2AE3D27D4EB4FULL +
	    (key_word(k, 2) ^ s) * 0x165667B19E3779F9ULL +
	    (key_word(k, 3) ^ s) * 0xD6E8FEB86659FD93ULL +
	    (key_word(k, 4) ^ s) * 0xFF51AFD7ED558CCDULL +
	    ((uint64_t)key_tail(k) ^ s) * 0xC4CEB9FE1A85EC53ULL;
	h = mix(h, s);
	h ^= h >> 32;
	return (uint32_t)h & (t->nbucket - 1);
}

/* Keys equal (all 44 bytes, padding included: make_key sets it). */
static int
key_eq(const struct fkey *x, const struct fkey *y)
{
	return ((key_word(x, 0) ^ key_word(y, 0)) |
	    (key_word(x, 1) ^ key_word(y, 1)) |
	    (key_word(x, 2) ^ key_word(y, 2)) |
	    (key_word(x, 3) ^ key_word(y, 3)) |
	    (key_word(x, 4) ^ key_word(y, 4)) |
	    (uint64_t)(key_tail(x) ^ key_tail(y))) == 0;
}

/* The entry of key k in bucket h, or NIL. */
static uint32_t
lookup_at(const struct nf_flowtab *t, const struct fkey *k, uint32_t h)
{
	uint32_t i;

	for (i = t->bucket[h]; i != NIL; i = t->ent[i].hnext)
		if (key_eq(&t->ent[i].key, k))
			return i;
	return NIL;
}

/* Chain entry i into bucket h (its key's, with the current buckets). */
static void
hash_insert_at(struct nf_flowtab *t, uint32_t i, uint32_t h)
{
	uint32_t n = t->bucket[h];

	t->ent[i].hnext = n;
	t->ent[i].hprev = NIL;
	if (n != NIL)
		t->ent[n].hprev = i;
	t->bucket[h] = i;
}

static void
hash_insert(struct nf_flowtab *t, uint32_t i)
{
	hash_insert_at(t, i, hash_key(t, &t->ent[i].key));
}

/*
 * Unchain entry i.  The chains are doubly linked: a full table drops its
 * least recently used entry for every new flow, which is at the end of
 * its chain, and walking there read a cold entry before each drop
 * (stores to the neighbours do not wait).
 */
static void
hash_remove(struct nf_flowtab *t, uint32_t i)
{
	uint32_t p = t->ent[i].hprev, n = t->ent[i].hnext;

	if (p == NIL)
		t->bucket[hash_key(t, &t->ent[i].key)] = n;
	else
		t->ent[p].hnext = n;
	if (n != NIL)
		t->ent[n].hprev = p;
}

/* Double the bucket array and rehash every entry (all are on the LRU
 * list).  On ENOMEM keeps the old array: chains just get longer. */
static void
grow_buckets(struct nf_flowtab *t)
{
	uint32_t *nb, n = t->nbucket * 2, i;

	if (n == 0 || (nb = malloc((size_t)n * sizeof(*nb))) == NULL)
		return;
	memset(nb, 0xFF, (size_t)n * sizeof(*nb));
	free(t->bucket);
	t->bucket = nb;
	t->nbucket = n;
	for (i = t->lru.head; i != NIL; i = t->ent[i].lru_next)
		hash_insert(t, i);
	/* Hints computed with the old size point at the wrong buckets. */
	for (i = t->hint_head; i != t->hint_tail; i++)
		t->hint[i % HINT_N].h = hash_key(t, &t->hint[i % HINT_N].k);
}

/* --- lists ---------------------------------------------------------- */

static void
lru_remove(struct nf_flowtab *t, uint32_t i)
{
	struct fent *e = &t->ent[i];

	if (e->lru_prev != NIL)
		t->ent[e->lru_prev].lru_next = e->lru_next;
	else
		t->lru.head = e->lru_next;
	if (e->lru_next != NIL)
		t->ent[e->lru_next].lru_prev = e->lru_prev;
	else
		t->lru.tail = e->lru_prev;
}

static void
lru_append(struct nf_flowtab *t, uint32_t i)
{
	struct fent *e = &t->ent[i];

	e->lru_next = NIL;
	e->lru_prev = t->lru.tail;
	if (t->lru.tail != NIL)
		t->ent[t->lru.tail].lru_next = i;
	else
		t->lru.head = i;
	t->lru.tail = i;
}

static void
q_remove(struct nf_flowtab *t, uint32_t i)
{
	struct fent *e = &t->ent[i];
	struct list *l = &t->q[e->queue];

	if (e->queue == Q_NONE)
		return;
	if (e->q_prev != NIL)
		t->ent[e->q_prev].q_next = e->q_next;
	else
		l->head = e->q_next;
	if (e->q_next != NIL)
		t->ent[e->q_next].q_prev = e->q_prev;
	else
		l->tail = e->q_prev;
	e->queue = Q_NONE;
}

static void
q_append(struct nf_flowtab *t, uint32_t i, int q)
{
	struct fent *e = &t->ent[i];
	struct list *l = &t->q[q];

	e->queue = (uint8_t)q;
	e->q_next = NIL;
	e->q_prev = l->tail;
	if (l->tail != NIL)
		t->ent[l->tail].q_next = i;
	else
		l->head = i;
	l->tail = i;
}

/* --- entries -------------------------------------------------------- */

/* An unused entry index, or NIL on ENOMEM.  The caller has made room
 * (count < max_flows). */
static uint32_t
ent_alloc(struct nf_flowtab *t)
{
	uint32_t i, ncap;
	struct fent *ne;

	if (t->freelist != NIL) {
		i = t->freelist;
		t->freelist = t->ent[i].hnext;
		return i;
	}
	if (t->used == t->cap) {
		/* count < max_flows, so cap < max_flows here. */
		if (t->cap == 0)
			ncap = INIT_ENTRIES;
		else if (t->cap > t->cfg.max_flows / 2)
			ncap = t->cfg.max_flows;
		else
			ncap = t->cap * 2;
		if (ncap > t->cfg.max_flows)
			ncap = t->cfg.max_flows;
		ne = realloc(t->ent, (size_t)ncap * sizeof(*ne));
		if (ne == NULL)
			return NIL;
		t->ent = ne;
		t->cap = ncap;
	}
	return t->used++;
}

/* Take entry i out of every structure and put it on the free list. */
static void
drop_entry(struct nf_flowtab *t, uint32_t i)
{
	hash_remove(t, i);
	lru_remove(t, i);
	q_remove(t, i);
	t->ent[i].hnext = t->freelist;
	t->freelist = i;
	t->count--;
}

static void
emit_flow(struct nf_flowtab *t, const struct fent *e, int type, int reason)
{
	struct nf_flow f;
	int ob = (e->efl & EF_ORIG_B) != 0;

	memset(&f, 0, sizeof(f));
	f.flow_id = e->id;
	f.first_ts = e->first_ts;
	f.last_ts = type == NF_REC_FLOW_BEGIN ? e->first_ts : e->last_ts;
	memcpy(f.src, ob ? e->key.b : e->key.a, 16);
	memcpy(f.dst, ob ? e->key.a : e->key.b, 16);
	f.sport = ob ? e->key.bp : e->key.ap;
	f.dport = ob ? e->key.ap : e->key.bp;
	f.proto = e->key.proto;
	f.ip_version = e->key.ipver;
	f.reason = (uint8_t)reason;
	if (e->efl & EF_CONT)
		f.flags |= NF_FL_CONTINUED;
	if (e->efl & EF_SYNACK)
		f.flags |= NF_FL_SYNACK_FIRST;
	f.vlan = e->key.vlan;
	f.icmp_type = e->key.ktype;
	if (type == NF_REC_FLOW_END) {
		f.fwd_pkts = e->pkts[0];
		f.bwd_pkts = e->pkts[1];
	}
	f.prev_flow_id = e->prev_id;
	t->emit(t->arg, type, &f);
}

/* Emit FLOW_END for entry i (a closed flow keeps its close reason) and
 * free it. */
static void
end_and_drop(struct nf_flowtab *t, uint32_t i, int reason)
{
	struct fent *e = &t->ent[i];

	if (e->state == ST_CLOSED)
		reason = e->reason;
	if (e->state != ST_WAIT) {
		emit_flow(t, e, NF_REC_FLOW_END, reason);
		t->st.ended[reason]++;
	}
	drop_entry(t, i);
}

/* Active timeout: end the flow, keep the entry waiting for a next packet
 * that continues it. */
static void
end_active(struct nf_flowtab *t, uint32_t i)
{
	struct fent *e = &t->ent[i];

	emit_flow(t, e, NF_REC_FLOW_END, NF_END_ACTIVE);
	t->st.ended[NF_END_ACTIVE]++;
	q_remove(t, i);
	e->state = ST_WAIT;
}

/* The TCP flow in entry i has closed (FIN handshake or RST). */
static void
tcp_close(struct nf_flowtab *t, uint32_t i, int reason)
{
	struct fent *e = &t->ent[i];

	e->state = ST_CLOSED;
	e->reason = (uint8_t)reason;
	q_remove(t, i);
	if (t->cfg.linger_ns == 0 || (t->cfg.flags & NF_FC_FINCLOSE))
		t->pending_end = i;
	else {
		e->u.close_ts = t->clock;
		q_append(t, i, Q_LINGER);
	}
}

/* --- public --------------------------------------------------------- */

struct nf_flowtab *
nf_flowtab_new(const struct nf_flowtab_cfg *cfg, nf_flowtab_emit_fn *emit,
    void *arg)
{
	struct nf_flowtab *t;
	int q;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->cfg = *cfg;
	if (t->cfg.max_flows == 0)
		t->cfg.max_flows = 1;
	if (t->cfg.max_flows > NF_FLOWTAB_MAX_LIMIT)
		t->cfg.max_flows = NF_FLOWTAB_MAX_LIMIT;
	t->emit = emit;
	t->arg = arg;
	t->nbucket = INIT_BUCKETS;
	if ((t->bucket = malloc(INIT_BUCKETS * sizeof(*t->bucket))) == NULL) {
		free(t);
		return NULL;
	}
	memset(t->bucket, 0xFF, INIT_BUCKETS * sizeof(*t->bucket));
	t->freelist = NIL;
	t->pending_end = NIL;
	t->lru.head = t->lru.tail = NIL;
	for (q = 0; q < Q_N; q++)
		t->q[q].head = t->q[q].tail = NIL;
	t->next_id = 1;
	/* A random seed makes hash flooding from hostile traffic harder;
	 * nothing observable depends on it. */
	if (getentropy(&t->seed, sizeof(t->seed)) != 0)
		t->seed = 0x5bd1e9955bd1e995ULL;
	return t;
}

void
nf_flowtab_free(struct nf_flowtab *t)
{
	if (t == NULL)
		return;
	free(t->ent);
	free(t->bucket);
	free(t);
}

void
nf_flowtab_advance(struct nf_flowtab *t, uint64_t ts)
{
	const struct nf_flowtab_cfg *c = &t->cfg;
	uint32_t i;

	if (ts > t->clock || !t->have_clock)
		t->clock = ts;
	t->have_clock = 1;
	if (c->idle_ns != 0)
		while ((i = t->lru.head) != NIL &&
		    t->clock - t->ent[i].last_ts > c->idle_ns)
			end_and_drop(t, i, NF_END_IDLE);
	if (c->active_ns != 0)
		while ((i = t->q[Q_ACTIVE].head) != NIL &&
		    t->clock - t->ent[i].first_ts > c->active_ns)
			end_active(t, i);
	if (c->linger_ns != 0)
		while ((i = t->q[Q_LINGER].head) != NIL &&
		    t->clock - t->ent[i].u.close_ts > c->linger_ns)
			end_and_drop(t, i, NF_END_FIN);
}

/* Big-endian 8 bytes: comparing two of them compares the bytes in
 * memcmp order. */
static uint64_t
be64at(const uint8_t *p)
{
	return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 |
	    (uint64_t)p[2] << 40 | (uint64_t)p[3] << 32 |
	    (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
	    (uint64_t)p[6] << 8 | (uint64_t)p[7];
}

/* memcmp(x, y, 16) reduced to -1, 0, 1, without the library call (it
 * runs for every packet). */
static inline int
addr_cmp(const uint8_t *x, const uint8_t *y)
{
	uint64_t a = be64at(x), b = be64at(y);

	if (a == b) {
		a = be64at(x + 8);
		b = be64at(y + 8);
	}
	return (a > b) - (a < b);
}

/*
 * The key's last 12 bytes (ports, VLAN, protocol, IP version, ICMP key
 * type, padding) as one 8-byte and one 4-byte word in memory order.
 * make_key stores them so, not field by field: hash_key, right after,
 * loads the key by words, and a load is forwarded from a store that
 * holds all of it, where one over several smaller stores waits for them
 * to reach the cache (most of a packet's cost in pkt2flow, before).
 */
_Static_assert(offsetof(struct fkey, ap) == 32 &&
    offsetof(struct fkey, bp) == 34 && offsetof(struct fkey, vlan) == 36 &&
    offsetof(struct fkey, proto) == 38 && offsetof(struct fkey, ipver) == 39 &&
    offsetof(struct fkey, ktype) == 40, "flow key tail layout");

static void
put_key_tail(struct fkey *k, uint16_t ap, uint16_t bp, uint16_t vlan,
    uint8_t proto, uint8_t ipver, uint8_t ktype)
{
	uint64_t w;
	uint32_t w4;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = (uint64_t)ap << 48 | (uint64_t)bp << 32 | (uint64_t)vlan << 16 |
	    (uint64_t)proto << 8 | ipver;
	w4 = (uint32_t)ktype << 24;
#else
	w = ap | (uint64_t)bp << 16 | (uint64_t)vlan << 32 |
	    (uint64_t)proto << 48 | (uint64_t)ipver << 56;
	w4 = ktype;
#endif
	memcpy(&k->ap, &w, 8);
	memcpy(&k->ktype, &w4, 4);
}

/* Build the key of p; *sender_b says whether p's source is endpoint b. */
static void
make_key(const struct nf_flowtab *t, const struct nf_pkt *p,
    struct fkey *k, int *sender_b)
{
	int unidir = (t->cfg.flags & NF_FC_UNIDIR) != 0;
	uint16_t sp = p->sport, dp = p->dport;
	uint64_t sa[2], da[2], m, x;
	uint8_t req, rep, ktype = 0;
	int cmp, swap, i;

	if ((p->ip_version == 4 && p->proto == 1) ||
	    (p->ip_version == 6 && p->proto == 58)) {
		req = p->ip_version == 4 ? 8 : 128;
		rep = p->ip_version == 4 ? 0 : 129;
		if (p->icmp_type == req || p->icmp_type == rep) {
			sp = dp = p->icmp_id;
			ktype = unidir ? p->icmp_type : req;
		} else {
			sp = dp = 0;
			ktype = p->icmp_type;
		}
	}
	cmp = addr_cmp(p->src, p->dst);
	if (cmp == 0)
		cmp = (sp > dp) - (sp < dp);
	/* Which way round is a coin toss per packet: the endpoints are
	 * exchanged under a mask, not a branch (compilers turn a select
	 * of pointers back into one, and it mispredicted half the time). */
	swap = !unidir && cmp > 0;
	m = (uint64_t)0 - (uint64_t)swap;
	memcpy(sa, p->src, 16);
	memcpy(da, p->dst, 16);
	for (i = 0; i < 2; i++) {
		x = (sa[i] ^ da[i]) & m;
		sa[i] ^= x;
		da[i] ^= x;
	}
	memcpy(k->a, sa, 16);
	memcpy(k->b, da, 16);
	x = (uint64_t)(sp ^ dp) & m;
	*sender_b = swap;
	put_key_tail(k, (uint16_t)(sp ^ x), (uint16_t)(dp ^ x),
	    (t->cfg.flags & NF_FC_NOVLAN) ? NF_NO_VLAN : p->vlan, p->proto,
	    p->ip_version, ktype);
}

/*
 * A full table evicts for every new flow (a flood), the least recently
 * used first: long unused, so cold, and dropping one reads its entry
 * and then its bucket.  While victim i goes, prefetch the bucket of the
 * next victim (whose entry came in one eviction ago) and the entry of
 * the one after it.
 */
static void
prefetch_victims(const struct nf_flowtab *t, uint32_t i)
{
	uint32_t n = t->ent[i].lru_next, nn;

	if (n == NIL)
		return;
	__builtin_prefetch(&t->bucket[hash_key(t, &t->ent[n].key)]);
	if ((nn = t->ent[n].lru_next) != NIL)
		nf_prefetch(&t->ent[nn], sizeof(t->ent[nn]));
}

/* A new flow for key k (bucket h) whose first packet is p.  NIL on
 * ENOMEM. */
static uint32_t
create(struct nf_flowtab *t, const struct fkey *k, uint32_t h,
    const struct nf_pkt *p, int sender_b, uint64_t ts)
{
	struct fent *e;
	uint32_t i;
	int same;

	if (t->count >= t->cfg.max_flows) {
		i = t->lru.head;
		prefetch_victims(t, i);
		if (t->ent[i].state == ST_WAIT)
			drop_entry(t, i);
		else
			end_and_drop(t, i, NF_END_EVICTED);
	}
	if ((i = ent_alloc(t)) == NIL)
		return NIL;
	/*
	 * Every field set one by one, not by a memset first: compilers make
	 * that a string store, and emit_flow's loads right after would wait
	 * for it to reach the cache (a flood's largest cost in pkt2flow).
	 * The key is copied in two pieces for the same reason: in one, its
	 * 44 bytes become overlapping 16-byte moves, and a load of the
	 * bytes where two overlap waits too.  The hash and LRU links are
	 * set below.
	 */
	e = &t->ent[i];
	memcpy(&e->key, k, 32);
	memcpy((char *)&e->key + 32, (const char *)k + 32, sizeof(*k) - 32);
	e->id = t->next_id++;
	e->prev_id = 0;
	e->first_ts = e->last_ts = ts;
	e->pkts[0] = e->pkts[1] = 0;
	e->u.close_ts = 0;
	e->q_prev = e->q_next = 0;
	e->state = ST_OPEN;
	e->queue = Q_NONE;
	e->reason = 0;
	e->tcp = 0;
	same = memcmp(k->a, k->b, 16) == 0 && k->ap == k->bp;
	e->efl = sender_b ? EF_ORIG_B : 0;
	if (p->proto == 6 && !(t->cfg.flags & NF_FC_UNIDIR) && !same &&
	    (p->tcp_flags & (NF_TH_SYN | NF_TH_ACK)) ==
	    (NF_TH_SYN | NF_TH_ACK)) {
		e->efl ^= EF_ORIG_B;
		e->efl |= EF_SYNACK;
	}
	hash_insert_at(t, i, h);
	lru_append(t, i);
	if (t->cfg.active_ns != 0)
		q_append(t, i, Q_ACTIVE);
	if (++t->count > t->st.peak_flows)
		t->st.peak_flows = t->count;
	/* Load at most 1/2: a lookup for a new key (a flood) then finds
	 * an empty bucket more often than not, instead of walking into a
	 * long-unused entry (measured: a flood 25 % faster). */
	if (t->count > t->nbucket / 2)
		grow_buckets(t);
	emit_flow(t, e, NF_REC_FLOW_BEGIN, NF_END_NONE);
	t->st.begun++;
	return i;
}

/* Entry i waited after an active timeout: a packet at ts continues it as
 * a new flow. */
static void
continue_flow(struct nf_flowtab *t, uint32_t i, uint64_t ts)
{
	struct fent *e = &t->ent[i];

	e->prev_id = e->id;
	e->id = t->next_id++;
	e->efl = (e->efl & EF_ORIG_B) | EF_CONT;
	e->first_ts = e->last_ts = ts;
	e->pkts[0] = e->pkts[1] = 0;
	e->state = ST_OPEN;
	q_append(t, i, Q_ACTIVE);
	emit_flow(t, e, NF_REC_FLOW_BEGIN, NF_END_NONE);
	t->st.begun++;
	t->st.continued++;
}

/* TCP teardown tracking for packet p, direction dir, of open flow i. */
static void
tcp_track(struct nf_flowtab *t, uint32_t i, const struct nf_pkt *p, int dir)
{
	struct fent *e = &t->ent[i];
	uint8_t fl = p->tcp_flags, bit;
	int last;

	/*
	 * CICFlowMeter (2018) checks FIN only on a packet added to a flow
	 * already open, never on the one that opens it (a new flow, or the
	 * continuation after an active timeout), and RST not at all.
	 */
	if (t->cfg.flags & NF_FC_FINCLOSE) {
		if ((fl & NF_TH_FIN) && e->pkts[0] + e->pkts[1] > 1)
			tcp_close(t, i, NF_END_FIN);
		return;
	}
	if (t->cfg.flags & NF_FC_UNIDIR) {
		if (fl & NF_TH_FIN)
			e->tcp |= TS_FIN0;
		if (fl & NF_TH_RST)
			e->tcp |= TS_RST;
		return;
	}
	if (fl & NF_TH_RST) {
		tcp_close(t, i, NF_END_RST);
		return;
	}
	if (fl & NF_TH_FIN) {
		bit = dir ? TS_FIN1 : TS_FIN0;
		if (!(e->tcp & bit)) {
			e->tcp |= bit;
			/* The FIN occupies one sequence number after the
			 * segment's data (and after a SYN, if set). */
			e->u.fin_end[dir] = p->seq + p->payload_len + 1 +
			    ((fl & NF_TH_SYN) ? 1 : 0);
			if ((e->tcp & (TS_FIN0 | TS_FIN1)) ==
			    (TS_FIN0 | TS_FIN1)) {
				if (dir)
					e->tcp |= TS_LASTFIN1;
				return;	/* its ACK comes from the peer */
			}
		}
	}
	if ((fl & NF_TH_ACK) &&
	    (e->tcp & (TS_FIN0 | TS_FIN1)) == (TS_FIN0 | TS_FIN1)) {
		last = (e->tcp & TS_LASTFIN1) ? 1 : 0;
		if (dir != last &&
		    (int32_t)(p->ack - e->u.fin_end[last]) >= 0)
			tcp_close(t, i, NF_END_FIN);
	}
}

static uint64_t
absdiff(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

/* A forward jump is confirmed: give the suspect packet's flow its time. */
static void
confirm_jump(struct nf_flowtab *t)
{
	struct fent *e;

	if (t->jump_ent >= t->used)
		return;
	e = &t->ent[t->jump_ent];
	if (e->id != t->jump_id || e->state == ST_WAIT)
		return;
	if (t->jump_new)
		e->first_ts = t->jump_ts;
	if (t->jump_ts > e->last_ts)
		e->last_ts = t->jump_ts;
}

/*
 * Move the clock for packet p and return the time to use for its flow.
 * A timestamp more than NF_FLOWTAB_JUMP_NS away from the clock is taken
 * as time only when the next packet confirms it (within that distance of
 * it); until then it is suspect: it does not move the clock and counts
 * for its flow only as the clock's time (or its own, if earlier).  A
 * confirmed jump backwards restarts time: every flow ends (idle).
 * Timestamps the capture file marked invalid, and zero ones, are never
 * time.
 */
static uint64_t
packet_time(struct nf_flowtab *t, const struct nf_pkt *p)
{
	uint64_t ts = p->ts_ns;
	int bad = (p->status & NF_ST_BAD_TS) || ts == 0;

	if (t->have_clock && ts < t->clock)
		t->st.out_of_order++;
	if (!t->have_clock || absdiff(ts, t->clock) <= NF_FLOWTAB_JUMP_NS) {
		if (!bad) {
			t->jump_pending = 0;
			nf_flowtab_advance(t, ts);
			return ts;
		}
	} else if (!bad) {
		if (t->jump_pending &&
		    absdiff(ts, t->jump_ts) <= NF_FLOWTAB_JUMP_NS) {
			t->jump_pending = 0;
			if (ts > t->clock)
				confirm_jump(t);
			else {
				t->st.time_resets++;
				nf_flowtab_finish(t, NF_END_IDLE);
				t->clock = ts;
			}
			nf_flowtab_advance(t, ts);
			return ts;
		}
		t->jump_pending = 1;
		t->jump_ts = ts;
		t->jump_id = 0;		/* set when the packet is tagged */
	}
	t->st.time_suspect++;
	return ts < t->clock ? ts : t->clock;
}

int
nf_flowtab_packet(struct nf_flowtab *t, struct nf_pkt *p)
{
	return nf_flowtab_packet_at(t, p, UINT64_MAX);
}

/* The hint for tag, dropping older ones; NULL if there is none. */
static const struct hint *
take_hint(struct nf_flowtab *t, uint64_t tag)
{
	const struct hint *hn;

	while (t->hint_head != t->hint_tail) {
		hn = &t->hint[t->hint_head % HINT_N];
		if (hn->tag > tag)
			return NULL;
		t->hint_head++;
		if (hn->tag == tag)
			return hn;
	}
	return NULL;
}

int
nf_flowtab_packet_at(struct nf_flowtab *t, struct nf_pkt *p, uint64_t tag)
{
	const struct hint *hn;
	const struct fkey *kp;
	struct fkey k;
	struct fent *e;
	uint32_t i, h;
	uint64_t ts;
	int sender_b, dir, closing, created = 0;

	t->st.packets++;
	ts = packet_time(t, p);
	p->flow_id = 0;
	p->dir = 0;
	if (p->ip_version == 0) {
		t->st.non_ip++;
		return 0;
	}
	/* The hint's key is used where it is: a copy would be loaded
	 * right after its stores, by other widths (see put_key_tail). */
	if ((hn = take_hint(t, tag)) != NULL) {
		kp = &hn->k;
		sender_b = hn->sender_b;
		i = lookup_at(t, kp, h = hn->h);
	} else {
		make_key(t, p, &k, &sender_b);
		kp = &k;
		i = lookup_at(t, kp, h = hash_key(t, kp));
	}
	if (i != NIL && p->proto == 6 &&
	    (p->tcp_flags & (NF_TH_SYN | NF_TH_ACK)) == NF_TH_SYN) {
		e = &t->ent[i];
		closing = e->state == ST_CLOSED ||
		    (e->tcp & (TS_FIN0 | TS_FIN1 | TS_RST));
		if (closing) {
			/* Port reuse: the SYN opens a new connection. */
			end_and_drop(t, i, (e->tcp & TS_RST) ? NF_END_RST :
			    NF_END_FIN);
			t->st.port_reuse++;
			i = NIL;
		}
	}
	if (i == NIL) {
		if ((i = create(t, kp, h, p, sender_b, ts)) == NIL)
			return -1;
		created = 1;
	} else if (t->ent[i].state == ST_WAIT)
		continue_flow(t, i, ts);
	else if (t->ent[i].state == ST_CLOSED)
		t->st.absorbed++;
	e = &t->ent[i];
	dir = (sender_b != ((e->efl & EF_ORIG_B) != 0));
	if (e->key.ap == e->key.bp && addr_cmp(e->key.a, e->key.b) == 0)
		dir = 0;
	p->flow_id = e->id;
	p->dir = (uint8_t)dir;
	e->pkts[dir]++;
	if (ts > e->last_ts)
		e->last_ts = ts;
	if (t->lru.tail != i) {
		lru_remove(t, i);
		lru_append(t, i);
	}
	if (t->jump_pending && t->jump_ts == p->ts_ns) {
		t->jump_ent = i;
		t->jump_id = e->id;
		t->jump_new = created;
	}
	if (p->proto == 6 && e->state == ST_OPEN)
		tcp_track(t, i, p, dir);
	return 0;
}

void
nf_flowtab_hint(struct nf_flowtab *t, const struct nf_pkt *p, uint64_t tag)
{
	struct hint *hn;
	uint32_t i;

	if (p->ip_version == 0 || t->hint_tail - t->hint_head == HINT_N)
		return;
	hn = &t->hint[t->hint_tail++ % HINT_N];
	hn->tag = tag;
	make_key(t, p, &hn->k, &hn->sender_b);
	hn->h = hash_key(t, &hn->k);
	__builtin_prefetch(&t->bucket[hn->h]);
	/*
	 * The hint HINT_LAG before this one: its bucket is in cache by now,
	 * so fetch the chain's head, usually the flow (key, counters and
	 * LRU links are read and written).
	 */
	if (t->hint_tail - t->hint_head <= HINT_LAG)
		return;
	hn = &t->hint[(t->hint_tail - 1 - HINT_LAG) % HINT_N];
	if ((i = t->bucket[hn->h]) != NIL)
		nf_prefetch(&t->ent[i], sizeof(t->ent[i]));
}

void
nf_flowtab_packet_done(struct nf_flowtab *t)
{
	uint32_t i = t->pending_end;

	if (i == NIL)
		return;
	t->pending_end = NIL;
	end_and_drop(t, i, t->ent[i].reason);
}

void
nf_flowtab_finish(struct nf_flowtab *t, int reason)
{
	uint32_t i;

	nf_flowtab_packet_done(t);
	while ((i = t->lru.head) != NIL)
		end_and_drop(t, i, reason);
}

const struct nf_flowtab_stats *
nf_flowtab_stats(const struct nf_flowtab *t)
{
	return &t->st;
}

uint32_t
nf_flowtab_count(const struct nf_flowtab *t)
{
	return t->count;
}
