/* kdd_window.c: KDD traffic features 23-41 over a time window and a connection-count window. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kdd_window.h"

/* Key kinds of the counting map (index + 1 into a connection's keys). */
enum {
	K_HOST = 1,	/* per destination: n, serr, rerr, names */
	K_SRV,		/* per service key: n, serr, rerr */
	K_HOSTSRV,	/* per (destination, service key): n */
	K_HOSTNAME,	/* per (destination, service name): n */
	K_SRVPORT	/* per (service key, source port): n */
};

_Static_assert(K_SRVPORT == KDD_NKEY, "one hash per key kind");

#define MAP_MIN		64
#define RING_MIN	64

_Static_assert(sizeof(struct kdd_mkey) == 24, "kdd_mkey must be 24 bytes");

/* Hash of the 24-byte key as three 64-bit words (multiply-xorshift). */
static uint32_t
key_hash(const struct kdd_mkey *k)
{
	uint64_t w[3], h;

	memcpy(w, k, sizeof(w));
	h = w[0] * 0x9E3779B97F4A7C15ULL;
	h = (h ^ (h >> 32) ^ w[1]) * 0xC2B2AE3D27D4EB4FULL;
	h = (h ^ (h >> 29) ^ w[2]) * 0x165667B19E3779F9ULL;
	return (uint32_t)(h ^ (h >> 32));
}

static int
key_eq(const struct kdd_mkey *a, const struct kdd_mkey *b)
{
	uint64_t x[3], y[3];

	memcpy(x, a, sizeof(x));
	memcpy(y, b, sizeof(y));
	return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2])) == 0;
}

static int
map_grow(struct kdd_win *w)
{
	struct kdd_ment *old = w->map, *nm;
	size_t ocap = w->mcap, ncap = ocap ? ocap * 2 : MAP_MIN, i, j;

	nm = calloc(ncap, sizeof(*nm));
	if (nm == NULL)
		return -1;
	for (i = 0; i < ocap; i++) {
		if (old[i].n == 0)
			continue;
		j = old[i].h & (ncap - 1);
		while (nm[j].n != 0)
			j = (j + 1) & (ncap - 1);
		nm[j] = old[i];
	}
	free(old);
	w->map = nm;
	w->mcap = ncap;
	return 0;
}

/* Slot of k (hash h), or the empty slot where it would go. */
static size_t
map_slot(const struct kdd_win *w, const struct kdd_mkey *k, uint32_t h)
{
	size_t j = h & (w->mcap - 1);

	while (w->map[j].n != 0 &&
	    (w->map[j].h != h || !key_eq(&w->map[j].k, k)))
		j = (j + 1) & (w->mcap - 1);
	return j;
}

/* Remove the (now zero) entry at slot j: backward-shift deletion. */
static void
map_del(struct kdd_win *w, size_t j)
{
	size_t mask = w->mcap - 1, i = j, h;

	w->map[j].n = 0;
	for (;;) {
		i = (i + 1) & mask;
		if (w->map[i].n == 0)
			break;
		h = w->map[i].h & mask;
		/* Move i back to j unless its home lies in (j, i]. */
		if (((i - h) & mask) >= ((i - j) & mask)) {
			w->map[j] = w->map[i];
			w->map[i].n = 0;
			j = i;
		}
	}
	w->mlen--;
}

/*
 * Add d (+1 or -1) to key k's counters (hash h); serr/rerr add d when
 * set.  Returns the entry, or NULL when it was removed (its count fell
 * to 0).  Growth happens before any change (reserve), so failure leaves
 * the map intact; adding never moves other entries, so the entries
 * returned for d = +1 stay where they are until a removal.
 */
static struct kdd_ment *
map_add(struct kdd_win *w, const struct kdd_mkey *k, uint32_t h, int d,
    int serr, int rerr)
{
	struct kdd_ment *e;
	size_t j;

	j = map_slot(w, k, h);
	e = &w->map[j];
	if (e->n == 0) {
		if (d < 0)
			return NULL;	/* cannot happen: keys are balanced */
		memset(e, 0, sizeof(*e));
		e->k = *k;
		e->h = h;
		w->mlen++;
	}
	e->n += (uint32_t)d;
	if (serr)
		e->serr += (uint32_t)d;
	if (rerr)
		e->rerr += (uint32_t)d;
	if (e->n == 0) {
		map_del(w, j);
		return NULL;
	}
	return e;
}

static void
key(struct kdd_mkey *k, int kind, const struct kdd_wrec *r)
{
	memset(k, 0, sizeof(*k));
	k->kind = (uint8_t)kind;
	switch (kind) {
	case K_HOST:
		memcpy(k->addr, r->dst, 16);
		k->aux = r->ipver;
		break;
	case K_SRV:
		k->svc = r->svckey;
		break;
	case K_HOSTSRV:
		memcpy(k->addr, r->dst, 16);
		k->aux = r->ipver;
		k->svc = r->svckey;
		break;
	case K_HOSTNAME:
		memcpy(k->addr, r->dst, 16);
		k->aux = r->ipver;
		k->svc = r->name;
		break;
	case K_SRVPORT:
		k->svc = r->svckey;
		k->port = r->sport;
		break;
	}
}

/* The hashes of r's keys into slot->h. */
static void
slot_hashes(struct kdd_wslot *sl)
{
	struct kdd_mkey k;
	int kind;

	for (kind = K_HOST; kind <= K_SRVPORT; kind++) {
		key(&k, kind, &sl->r);
		sl->h[kind - 1] = key_hash(&k);
	}
}

/* The counters of a connection just accounted into a window. */
struct wcount {
	const struct kdd_ment *host, *srv;
	uint32_t hostsrv, srvport;
};

/*
 * Account connection sl into (d = +1) or out of (d = -1) window w's map;
 * for +1, *c gets the counters of its keys (they exist: it was just
 * added).
 */
static void
account(struct kdd_win *w, const struct kdd_wslot *sl, int d,
    struct wcount *c)
{
	const struct kdd_wrec *r = &sl->r;
	struct kdd_mkey k, hk;
	struct kdd_ment *e, *host;
	int se = (r->err & KDD_ERR_S) != 0, re = (r->err & KDD_ERR_R) != 0;
	size_t j;

	key(&hk, K_HOST, r);
	host = map_add(w, &hk, sl->h[K_HOST - 1], d, se, re);
	key(&k, K_SRV, r);
	e = map_add(w, &k, sl->h[K_SRV - 1], d, se, re);
	if (c != NULL) {
		c->host = host;
		c->srv = e;
	}
	key(&k, K_HOSTSRV, r);
	e = map_add(w, &k, sl->h[K_HOSTSRV - 1], d, 0, 0);
	if (c != NULL) {
		c->hostsrv = e->n;
		c->srvport = 0;
	}
	if (w->srcport) {
		key(&k, K_SRVPORT, r);
		e = map_add(w, &k, sl->h[K_SRVPORT - 1], d, 0, 0);
		if (c != NULL)
			c->srvport = e->n;
	}
	key(&k, K_HOSTNAME, r);
	e = map_add(w, &k, sl->h[K_HOSTNAME - 1], d, 0, 0);
	/* A name entering (count 1) or leaving (entry gone) the host's set
	 * of names.  Removals may have moved the host entry: look again. */
	if (d > 0 && e->n == 1)
		host->names++;
	else if (d < 0 && e == NULL) {
		j = map_slot(w, &hk, sl->h[K_HOST - 1]);
		if (w->map[j].n != 0)
			w->map[j].names--;
	}
}

/* Make room in the map for 5 more keys (load factor <= 1/2). */
static int
reserve(struct kdd_win *w)
{
	while ((w->mlen + KDD_NKEY) * 2 > w->mcap)
		if (map_grow(w) == -1)
			return -1;
	return 0;
}

static struct kdd_wslot *
ring_push(struct kdd_win *w, const struct kdd_wslot *sl)
{
	struct kdd_wslot *nr;
	size_t ncap, i;

	if (w->len == w->cap) {
		ncap = w->cap ? w->cap * 2 : RING_MIN;
		nr = malloc(ncap * sizeof(*nr));
		if (nr == NULL)
			return NULL;
		for (i = 0; i < w->len; i++)
			nr[i] = w->ring[(w->head + i) & (w->cap - 1)];
		free(w->ring);
		w->ring = nr;
		w->cap = ncap;
		w->head = 0;
	}
	nr = &w->ring[(w->head + w->len) & (w->cap - 1)];
	*nr = *sl;
	w->len++;
	return nr;
}

static void
ring_pop(struct kdd_win *w)
{
	account(w, &w->ring[w->head], -1, NULL);
	w->head = (w->head + 1) & (w->cap - 1);
	w->len--;
}

int
kdd_window_init(struct kdd_window *win, uint64_t span_ns, uint32_t host_n,
    int diff_mode)
{
	memset(win, 0, sizeof(*win));
	win->span_ns = span_ns;
	win->host_n = host_n ? host_n : 1;
	win->tw_max = KDD_TW_MAX_DEFAULT;
	win->diff_mode = diff_mode;
	win->hw.srcport = 1;
	return 0;
}

void
kdd_window_free(struct kdd_window *win)
{
	free(win->tw.ring);
	free(win->tw.map);
	free(win->hw.ring);
	free(win->hw.map);
	memset(win, 0, sizeof(*win));
}

size_t
kdd_window_bytes(const struct kdd_window *win)
{
	return (win->tw.cap + win->hw.cap) * sizeof(struct kdd_wslot) +
	    (win->tw.mcap + win->hw.mcap) * sizeof(struct kdd_ment);
}

static double
rate(uint32_t num, uint32_t den)
{
	return den ? (double)num / (double)den : 0.0;
}

static double
diff_srv(int mode, uint32_t count, uint32_t same, uint32_t names)
{
	if (mode == KDD_DIFF_COMPLEMENT)
		return 1.0 - rate(same, count);
	if (same == count)
		return 0.0;
	return rate(names, count);
}

int
kdd_window_add(struct kdd_window *win, const struct kdd_wrec *r,
    struct kdd_traffic *o)
{
	struct kdd_wslot sl;
	struct wcount c;
	const struct kdd_ment *h, *s;

	/* Expire, then make room; both leave the windows consistent. */
	while (win->tw.len > 0 &&
	    win->tw.ring[win->tw.head].r.ts + win->span_ns < r->ts)
		ring_pop(&win->tw);
	while (win->tw.len >= win->tw_max) {
		ring_pop(&win->tw);
		win->tw_overflow++;
	}
	while (win->hw.len >= win->host_n)
		ring_pop(&win->hw);
	if (reserve(&win->tw) == -1 || reserve(&win->hw) == -1)
		return -1;
	sl.r = *r;
	slot_hashes(&sl);
	if (ring_push(&win->tw, &sl) == NULL)
		return -1;
	if (ring_push(&win->hw, &sl) == NULL) {
		/* Undo the time-window push. */
		win->tw.len--;
		return -1;
	}

	memset(o, 0, sizeof(*o));
	account(&win->tw, &sl, +1, &c);
	h = c.host;
	s = c.srv;
	o->count = h->n;
	o->srv_count = s->n;
	o->serror_rate = rate(h->serr, h->n);
	o->srv_serror_rate = rate(s->serr, s->n);
	o->rerror_rate = rate(h->rerr, h->n);
	o->srv_rerror_rate = rate(s->rerr, s->n);
	o->same_srv_rate = rate(c.hostsrv, h->n);
	o->diff_srv_rate = diff_srv(win->diff_mode, h->n, c.hostsrv,
	    h->names);
	o->srv_diff_host_rate = rate(s->n - c.hostsrv, s->n);

	account(&win->hw, &sl, +1, &c);
	h = c.host;
	s = c.srv;
	o->dst_host_count = h->n;
	o->dst_host_srv_count = s->n;
	o->dst_host_same_srv_rate = rate(c.hostsrv, h->n);
	o->dst_host_diff_srv_rate = diff_srv(win->diff_mode, h->n, c.hostsrv,
	    h->names);
	o->dst_host_same_src_port_rate = rate(c.srvport, s->n);
	o->dst_host_srv_diff_host_rate = rate(s->n - c.hostsrv, s->n);
	o->dst_host_serror_rate = rate(h->serr, h->n);
	o->dst_host_srv_serror_rate = rate(s->serr, s->n);
	o->dst_host_rerror_rate = rate(h->rerr, h->n);
	o->dst_host_srv_rerror_rate = rate(s->rerr, s->n);
	return 0;
}
