/* frag.c: bounded IP fragment table: ports for non-first fragments, fragment anomalies. */

/* The algorithm and its bounds are described in frag.h. */

#include <stdlib.h>
#include <string.h>

#include "frag.h"

#define NIL		UINT32_MAX	/* no entry */

#define FE_FIRST	0x01	/* first fragment seen: ports known */
#define FE_LAST		0x02	/* last fragment seen: end known */
#define FE_SUSP		0x04	/* ranges overflowed: no completion */

/* One datagram, 128 bytes. */
struct fent {
	uint8_t		 src[16];
	uint8_t		 dst[16];
	uint64_t	 first_ts;	/* timestamp of its first packet */
	uint32_t	 id;
	uint32_t	 hash;
	uint32_t	 older;		/* creation-order list */
	uint32_t	 newer;
	uint32_t	 end;		/* end of the last fragment (FE_LAST) */
	uint16_t	 sport;
	uint16_t	 dport;
	uint16_t	 icmp_id;
	uint8_t		 icmp_type;
	uint8_t		 icmp_code;
	uint8_t		 proto;
	uint8_t		 ipver;
	uint8_t		 flags;		/* FE_* */
	uint8_t		 nrng;
	uint32_t	 rng[NF_FRAG_MAXRANGES][2];	/* [start, end) */
};

_Static_assert(sizeof(struct fent) == 128, "frag.h states 128 bytes");

struct nf_fragtab {
	struct fent	*ent;		/* capacity entries */
	uint32_t	*slot;		/* index: entry + 1, or 0 if empty */
	uint32_t	 capacity;
	uint32_t	 mask;		/* index size - 1 */
	uint32_t	 nused;		/* entries ever handed out (<= capacity) */
	uint32_t	 count;		/* entries live */
	uint32_t	 freelist;	/* freed entries, linked by newer */
	uint32_t	 oldest;
	uint32_t	 newest;
	uint64_t	 now;		/* timestamp of the current fragment */
};

struct nf_fragtab *
nf_frag_new(uint32_t capacity)
{
	struct nf_fragtab *t;
	uint32_t n;

	if (capacity == 0 || capacity > (1U << 30))
		return NULL;
	for (n = 2; n < 2 * (uint64_t)capacity; n *= 2)
		;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->ent = calloc(capacity, sizeof(*t->ent));
	t->slot = calloc(n, sizeof(*t->slot));
	if (t->ent == NULL || t->slot == NULL) {
		nf_frag_free(t);
		return NULL;
	}
	t->capacity = capacity;
	t->mask = n - 1;
	t->freelist = t->oldest = t->newest = NIL;
	return t;
}

void
nf_frag_free(struct nf_fragtab *t)
{
	if (t == NULL)
		return;
	free(t->ent);
	free(t->slot);
	free(t);
}

uint32_t
nf_frag_count(const struct nf_fragtab *t)
{
	return t->count;
}

/* Mix 32 bits (the murmur3 finaliser). */
static uint32_t
mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85EBCA6BU;
	h ^= h >> 13;
	h *= 0xC2B2AE35U;
	h ^= h >> 16;
	return h;
}

static uint32_t
key_hash(const struct nf_pkt *p)
{
	uint32_t h, w;
	size_t i, n = p->ip_version == 4 ? 4 : 16;

	h = mix32(p->ip_id ^ (uint32_t)p->proto << 24 ^
	    (uint32_t)p->ip_version << 16);
	for (i = 0; i < n; i += 4) {
		memcpy(&w, p->src + i, 4);
		h = mix32(h ^ w);
		memcpy(&w, p->dst + i, 4);
		h = mix32(h + w);
	}
	return h;
}

static int
key_eq(const struct fent *e, const struct nf_pkt *p, uint32_t h)
{
	return e->hash == h && e->id == p->ip_id && e->proto == p->proto &&
	    e->ipver == p->ip_version && memcmp(e->src, p->src, 16) == 0 &&
	    memcmp(e->dst, p->dst, 16) == 0;
}

/* Index position of entry i (which must be in the index). */
static uint32_t
slot_of(const struct nf_fragtab *t, uint32_t i)
{
	uint32_t s = t->ent[i].hash & t->mask;

	while (t->slot[s] != i + 1)
		s = (s + 1) & t->mask;
	return s;
}

/* Remove entry i from the index, the age list, and put it on the free
 * list. */
static void
remove_ent(struct nf_fragtab *t, uint32_t i)
{
	struct fent *e = &t->ent[i];
	uint32_t s, j, k;

	/* Backward-shift deletion from the linear probe run. */
	s = slot_of(t, i);
	j = s;
	for (;;) {
		j = (j + 1) & t->mask;
		if (t->slot[j] == 0)
			break;
		k = t->ent[t->slot[j] - 1].hash & t->mask;
		/* Stays if its home k lies cyclically in (s, j]. */
		if (s <= j ? (s < k && k <= j) : (s < k || k <= j))
			continue;
		t->slot[s] = t->slot[j];
		s = j;
	}
	t->slot[s] = 0;

	if (e->older != NIL)
		t->ent[e->older].newer = e->newer;
	else
		t->oldest = e->newer;
	if (e->newer != NIL)
		t->ent[e->newer].older = e->older;
	else
		t->newest = e->older;
	e->newer = t->freelist;
	t->freelist = i;
	t->count--;
}

/* Whether entry e is more than the timeout away from now, either way. */
static int
expired(const struct nf_fragtab *t, const struct fent *e)
{
	uint64_t d;

	d = t->now > e->first_ts ? t->now - e->first_ts :
	    e->first_ts - t->now;
	return d > NF_FRAG_TIMEOUT_NS;
}

/* Drop the oldest datagrams while they are expired. */
static void
expire(struct nf_fragtab *t)
{
	while (t->oldest != NIL && expired(t, &t->ent[t->oldest]))
		remove_ent(t, t->oldest);
}

/* Find the datagram of p, or create it (evicting the oldest when full;
 * *full is then set).  Returns the entry index. */
static uint32_t
lookup(struct nf_fragtab *t, const struct nf_pkt *p, uint64_t ts, int *full)
{
	struct fent *e;
	uint32_t h, s, i;

	h = key_hash(p);
	for (s = h & t->mask; t->slot[s] != 0; s = (s + 1) & t->mask)
		if (key_eq(&t->ent[t->slot[s] - 1], p, h))
			break;
	if (t->slot[s] != 0) {
		i = t->slot[s] - 1;
		if (!expired(t, &t->ent[i]))
			return i;
		/* Expired but not yet at the old end of the list. */
		remove_ent(t, i);
		for (s = h & t->mask; t->slot[s] != 0; s = (s + 1) & t->mask)
			;
	}
	*full = 0;
	if (t->count == t->capacity) {
		*full = 1;
		remove_ent(t, t->oldest);
		/* The shift may have moved the run: find a free slot again. */
		for (s = h & t->mask; t->slot[s] != 0; s = (s + 1) & t->mask)
			;
	}
	if (t->freelist != NIL) {
		i = t->freelist;
		t->freelist = t->ent[i].newer;
	} else
		i = t->nused++;
	e = &t->ent[i];
	memset(e, 0, sizeof(*e));
	memcpy(e->src, p->src, 16);
	memcpy(e->dst, p->dst, 16);
	e->id = p->ip_id;
	e->proto = p->proto;
	e->ipver = p->ip_version;
	e->hash = h;
	e->first_ts = ts;
	e->older = t->newest;
	e->newer = NIL;
	if (t->newest != NIL)
		t->ent[t->newest].newer = i;
	else
		t->oldest = i;
	t->newest = i;
	t->slot[s] = i + 1;
	t->count++;
	return i;
}

/*
 * Record the byte range [a, b) as received.  Returns 1 if it overlaps what
 * was received before, 2 if the range table overflowed, else 0.
 */
static int
add_range(struct fent *e, uint32_t a, uint32_t b)
{
	int overlap = 0;
	uint8_t i, j, n;

	for (i = 0; i < e->nrng; i++)
		if (a < e->rng[i][1] && e->rng[i][0] < b)
			overlap = 1;
	/* Merge every range that overlaps or touches [a, b) into it. */
	for (i = 0, n = 0; i < e->nrng; i++) {
		if (e->rng[i][0] <= b && a <= e->rng[i][1]) {
			if (e->rng[i][0] < a)
				a = e->rng[i][0];
			if (e->rng[i][1] > b)
				b = e->rng[i][1];
			continue;
		}
		e->rng[n][0] = e->rng[i][0];
		e->rng[n][1] = e->rng[i][1];
		n++;
	}
	if (n == NF_FRAG_MAXRANGES) {
		e->nrng = n;
		e->flags |= FE_SUSP;
		return 2;
	}
	/* Insert sorted by start. */
	for (i = 0; i < n && e->rng[i][0] < a; i++)
		;
	for (j = n; j > i; j--) {
		e->rng[j][0] = e->rng[j - 1][0];
		e->rng[j][1] = e->rng[j - 1][1];
	}
	e->rng[i][0] = a;
	e->rng[i][1] = b;
	e->nrng = n + 1;
	return overlap;
}

void
nf_frag_update(struct nf_fragtab *t, struct nf_pkt *p, uint32_t fdlen,
    uint32_t unfrag, uint64_t ts)
{
	struct fent *e;
	uint32_t i, start, end;
	int full = 0, r;

	start = p->frag_offset;
	end = start + fdlen;
	if ((uint64_t)unfrag + end > 0xFFFF)
		p->status |= NF_ST_FRAG_OVERSIZE;
	t->now = ts;
	expire(t);
	i = lookup(t, p, ts, &full);
	if (full)
		p->status |= NF_ST_FRAG_TABLE_FULL;
	e = &t->ent[i];

	if (start == 0) {
		if (!(e->flags & FE_FIRST)) {
			e->flags |= FE_FIRST;
			e->sport = p->sport;
			e->dport = p->dport;
			e->icmp_type = p->icmp_type;
			e->icmp_code = p->icmp_code;
			e->icmp_id = p->icmp_id;
		}
	} else if (e->flags & FE_FIRST) {
		p->sport = e->sport;
		p->dport = e->dport;
		p->icmp_type = e->icmp_type;
		p->icmp_code = e->icmp_code;
		p->icmp_id = e->icmp_id;
	} else
		p->status |= NF_ST_FRAG_NOFIRST;

	if (!(p->frag_flags & NF_FF_MF)) {
		if ((e->flags & FE_LAST) && e->end != end)
			p->status |= NF_ST_FRAG_OVERLAP;
		e->flags |= FE_LAST;
		e->end = end;
	} else if ((e->flags & FE_LAST) && end > e->end)
		p->status |= NF_ST_FRAG_OVERLAP;
	if (end > start && !(e->flags & FE_SUSP)) {
		r = add_range(e, start, end);
		if (r != 0)
			p->status |= NF_ST_FRAG_OVERLAP;
	} else if (e->flags & FE_SUSP)
		p->status |= NF_ST_FRAG_OVERLAP;

	/* Complete: forget it now. */
	if ((e->flags & (FE_LAST | FE_SUSP)) == FE_LAST && e->nrng == 1 &&
	    e->rng[0][0] == 0 && e->rng[0][1] == e->end)
		remove_ent(t, i);
}
