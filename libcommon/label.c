/* label.c: alert index and ground-truth rules that label flows (feature CSV rows) by addresses and time. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "label.h"

#define US_PER_S	1000000LL

/* Elements in the first allocation of each index array. */
#define LBL_FIRST	16

/* ------------------------------------------------------------------ */
/* Values. */

/* Read between min and max decimal digits into *v. */
static int
digits(const char **pp, int min, int max, int *v)
{
	const char *p = *pp;
	int n = 0;

	*v = 0;
	while (n < max && *p >= '0' && *p <= '9') {
		*v = *v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n < min)
		return -1;
	*pp = p;
	return 0;
}

/* An optional ".digits" fraction, cut to microseconds. */
static int
fraction(const char **pp, int64_t *us)
{
	const char *p = *pp;
	int64_t scale = US_PER_S / 10;

	*us = 0;
	if (*p != '.')
		return 0;
	p++;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		*us += (*p - '0') * scale;
		scale /= 10;
	}
	*pp = p;
	return 0;
}

/* Days from 1970-01-01 to the proleptic Gregorian date y-m-d (the
 * era/day-of-era method: 400-year eras of 146097 days). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
valid_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int leap;

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29)
		return leap;
	return d <= mdays[m - 1];
}

static int64_t
civil_us(int y, int mo, int d, int h, int mi, int s)
{
	return ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60 * US_PER_S
	    + (int64_t)s * US_PER_S;
}

/* ISO 8601: YYYY-MM-DD[T ]hh:mm[:ss[.f]][Z|(+|-)hh[[:]mm]]. */
static int
parse_iso(const char *p, int64_t *us)
{
	int y, mo, d, h, mi, s = 0, oh = 0, om = 0, sign = 0;
	int64_t frac = 0;

	if (digits(&p, 4, 4, &y) || *p++ != '-' || digits(&p, 2, 2, &mo) ||
	    *p++ != '-' || digits(&p, 2, 2, &d) || (*p != 'T' && *p != ' '))
		return -1;
	p++;
	if (digits(&p, 2, 2, &h) || *p++ != ':' || digits(&p, 2, 2, &mi))
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &s) || fraction(&p, &frac))
			return -1;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (digits(&p, 2, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (*p != '\0' && digits(&p, 2, 2, &om))
			return -1;
	}
	if (*p != '\0' || !valid_date(y, mo, d) || h > 23 || mi > 59 ||
	    s > 60 || oh > 23 || om > 59)
		return -1;
	*us = civil_us(y, mo, d, h, mi, s) + frac -
	    sign * ((int64_t)oh * 60 + om) * 60 * US_PER_S;
	return 0;
}

/*
 * CICFlowMeter: d/M/yyyy h:mm[:ss[.f]][ AM| PM], day first.  Without
 * AM/PM an hour of 1-12 may be CICFlowMeter's 12-hour clock ("hh"), which
 * prints 00:30 and 12:30 both as 12:30 and 13:30 as 01:30: *alt gets the
 * shift to the other reading (+12 h, or -12 h for 12), else 0.
 */
static int
parse_cic(const char *p, int64_t *us, int64_t *alt)
{
	int y, mo, d, h, mi, s = 0, ampm = 0;
	int64_t frac = 0;

	if (digits(&p, 1, 2, &d) || *p++ != '/' || digits(&p, 1, 2, &mo) ||
	    *p++ != '/' || digits(&p, 4, 4, &y) || *p++ != ' ' ||
	    digits(&p, 1, 2, &h) || *p++ != ':' || digits(&p, 2, 2, &mi))
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &s) || fraction(&p, &frac))
			return -1;
	}
	if (*p == ' ') {
		p++;
		if (strcasecmp(p, "AM") == 0)
			ampm = 1;
		else if (strcasecmp(p, "PM") == 0)
			ampm = 2;
		else
			return -1;
		p += 2;
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + (ampm == 2 ? 12 : 0);
	}
	if (*p != '\0' || !valid_date(y, mo, d) || h > 23 || mi > 59 ||
	    s > 60)
		return -1;
	*us = civil_us(y, mo, d, h, mi, s) + frac;
	if (ampm == 0 && h >= 1 && h <= 12)
		*alt = (h == 12 ? -12 : 12) * 3600 * US_PER_S;
	return 0;
}

/* Epoch seconds: digits[.digits]. */
static int
parse_epoch(const char *p, int64_t *us)
{
	int64_t whole = 0, frac;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > 100000000000LL)	/* beyond year 5000 */
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	if (fraction(&p, &frac) || *p != '\0')
		return -1;
	*us = whole * US_PER_S + frac;
	return 0;
}

int
nf_lbl_parse_time(const char *s, int64_t *us)
{
	int64_t alt;

	return nf_lbl_parse_time12(s, us, &alt);
}

int
nf_lbl_parse_time12(const char *s, int64_t *us, int64_t *alt)
{
	char buf[64];
	size_t n;

	*alt = 0;
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (strchr(buf, '/') != NULL)
		return parse_cic(buf, us, alt);
	if (n > 4 && buf[4] == '-')
		return parse_iso(buf, us);
	return parse_epoch(buf, us);
}

int
nf_lbl_parse_addr(const char *s, uint8_t a[16])
{
	uint8_t v4[4];

	if (inet_pton(AF_INET, s, v4) == 1) {
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		memcpy(a + 12, v4, 4);
		return 0;
	}
	return inet_pton(AF_INET6, s, a) == 1 ? 0 : -1;
}

int
nf_lbl_parse_cidr(const char *s, uint8_t a[16], int *plen)
{
	char buf[64];
	const char *slash;
	size_t n;
	int bits, v4;

	if (strcmp(s, "*") == 0 || strcmp(s, "any") == 0) {
		memset(a, 0, 16);
		*plen = -1;
		return 0;
	}
	slash = strchr(s, '/');
	n = slash != NULL ? (size_t)(slash - s) : strlen(s);
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (nf_lbl_parse_addr(buf, a) == -1)
		return -1;
	v4 = strchr(buf, ':') == NULL;
	if (slash == NULL) {
		*plen = 128;
		return 0;
	}
	slash++;
	if (digits(&slash, 1, 3, &bits) || *slash != '\0' ||
	    bits > (v4 ? 32 : 128))
		return -1;
	*plen = v4 ? 96 + bits : bits;
	return 0;
}

int
nf_lbl_parse_proto(const char *s, int *proto)
{
	static const struct {
		const char *name;
		int num;
	} names[] = {
		{ "icmp", 1 }, { "tcp", 6 }, { "udp", 17 }, { "icmpv6", 58 },
		{ "ipv6-icmp", 58 }, { "icmp6", 58 }, { "sctp", 132 },
		{ "gre", 47 }, { "esp", 50 }, { "ah", 51 }
	};
	const char *p = s;
	size_t i;
	int v;

	if (*s == '\0' || strcmp(s, "*") == 0) {
		*proto = -1;
		return 0;
	}
	if (*s >= '0' && *s <= '9') {
		if (digits(&p, 1, 3, &v) || *p != '\0' || v > 255)
			return -1;
		*proto = v;
		return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*proto = names[i].num;
			return 0;
		}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Index. */

static uint64_t
hash_pair(const uint8_t a[16], const uint8_t b[16])
{
	uint64_t w[4], h;
	int i;

	memcpy(&w[0], a, 8);
	memcpy(&w[1], a + 8, 8);
	memcpy(&w[2], b, 8);
	memcpy(&w[3], b + 8, 8);
	h = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < 4; i++) {
		h ^= w[i];
		h *= 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	return h;
}

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
nf_lbl_init(struct nf_lbl_index *ix, size_t max_alerts)
{
	memset(ix, 0, sizeof(*ix));
	ix->max_alerts = max_alerts;
}

void
nf_lbl_free(struct nf_lbl_index *ix)
{
	free(ix->alerts);
	free(ix->pairs);
	free(ix->slots);
	free(ix->lslots);
	free(ix->pool);
	free(ix->rules);
	free(ix->filter);
	memset(ix, 0, sizeof(*ix));
}

const char *
nf_lbl_label(const struct nf_lbl_index *ix, uint32_t id)
{
	return ix->pool + id;
}

/*
 * Pair slots hold the pair index + 1 in the low 32 bits (0: empty) and the
 * high half of the pair's hash in the high bits, so a probe compares
 * addresses only when the hashes agree.
 */
#define SLOT(idx, h)	(((uint64_t)(idx) + 1) | ((h) & 0xffffffff00000000ULL))

/* Double the pair hash table. */
static int
pair_rehash(struct nf_lbl_index *ix)
{
	size_t ns = ix->nslots ? ix->nslots * 2 : 64, i, j;
	uint64_t *t, h;

	if ((t = calloc(ns, sizeof(*t))) == NULL)
		return -1;
	for (i = 0; i < ix->npairs; i++) {
		h = hash_pair(ix->pairs[i].a, ix->pairs[i].b);
		j = h & (ns - 1);
		while (t[j] != 0)
			j = (j + 1) & (ns - 1);
		t[j] = SLOT(i, h);
	}
	free(ix->slots);
	ix->slots = t;
	ix->nslots = ns;
	return 0;
}

/* Double the label hash table (slots hold pool offset + 1). */
static int
label_rehash(struct nf_lbl_index *ix)
{
	size_t ns = ix->nlslots ? ix->nlslots * 2 : 64, i, j;
	uint32_t *t;

	if ((t = calloc(ns, sizeof(*t))) == NULL)
		return -1;
	for (i = 0; i < ix->nlslots; i++) {
		if (ix->lslots[i] == 0)
			continue;
		j = hash_str(ix->pool + ix->lslots[i] - 1) & (ns - 1);
		while (t[j] != 0)
			j = (j + 1) & (ns - 1);
		t[j] = ix->lslots[i];
	}
	free(ix->lslots);
	ix->lslots = t;
	ix->nlslots = ns;
	return 0;
}

int
nf_lbl_intern(struct nf_lbl_index *ix, const char *s, uint32_t *id)
{
	size_t j, len = strlen(s);

	if ((ix->nlabels + 1) * 2 > ix->nlslots && label_rehash(ix) == -1)
		return -1;
	j = hash_str(s) & (ix->nlslots - 1);
	while (ix->lslots[j] != 0) {
		if (strcmp(ix->pool + ix->lslots[j] - 1, s) == 0) {
			*id = ix->lslots[j] - 1;
			return 0;
		}
		j = (j + 1) & (ix->nlslots - 1);
	}
	if (ix->poollen + len + 1 > NF_LBL_MAX_POOL ||
	    nf_grow(&ix->pool, &ix->poolsz, ix->poollen + len + 1, 1,
	    LBL_FIRST) == -1)
		return -1;
	memcpy(ix->pool + ix->poollen, s, len + 1);
	*id = (uint32_t)ix->poollen;
	ix->lslots[j] = *id + 1;
	ix->poollen += len + 1;
	ix->nlabels++;
	return 0;
}

/* Find (or, with add, insert) the pair {a, b}; returns its index, -1 when
 * absent, -2 when out of memory.  Without add ix is not modified. */
static int64_t
find_pair(struct nf_lbl_index *ix, const uint8_t *a, const uint8_t *b,
    int add)
{
	struct nf_lbl_pair *p;
	uint64_t h, s;
	size_t j;

	if (add && (ix->npairs + 1) * 2 > ix->nslots && pair_rehash(ix) == -1)
		return -2;
	if (ix->nslots == 0)
		return -1;
	h = hash_pair(a, b);
	if (!add && ix->filter != NULL && !(ix->filter[(h & ix->filtermask) /
	    64] & 1ULL << ((h & ix->filtermask) % 64)))
		return -1;
	j = h & (ix->nslots - 1);
	while ((s = ix->slots[j]) != 0) {
		if ((s >> 32) == (h >> 32)) {
			p = &ix->pairs[(uint32_t)s - 1];
			if (memcmp(p->a, a, 16) == 0 &&
			    memcmp(p->b, b, 16) == 0)
				return (uint32_t)s - 1;
		}
		j = (j + 1) & (ix->nslots - 1);
	}
	if (!add)
		return -1;
	if (nf_grow(&ix->pairs, &ix->pairsz, ix->npairs + 1,
	    sizeof(*ix->pairs), LBL_FIRST) == -1)
		return -2;
	p = &ix->pairs[ix->npairs];
	memcpy(p->a, a, 16);
	memcpy(p->b, b, 16);
	p->first = p->count = 0;
	ix->slots[j] = SLOT(ix->npairs, h);
	ix->npairs++;
	return (int64_t)ix->npairs - 1;
}

int
nf_lbl_add_alert(struct nf_lbl_index *ix, const struct nf_lbl_alert_in *in)
{
	struct nf_lbl_alert *al;
	const uint8_t *a = in->src, *b = in->dst;
	int pa = in->sport, pb = in->dport;
	int64_t pair;
	uint32_t label;

	if (ix->nalerts >= ix->max_alerts) {
		ix->dropped++;
		return 1;
	}
	if (memcmp(a, b, 16) > 0) {
		a = in->dst;
		b = in->src;
		pa = in->dport;
		pb = in->sport;
	}
	if ((pair = find_pair(ix, a, b, 1)) < 0 ||
	    nf_lbl_intern(ix, in->label, &label) == -1 ||
	    nf_grow(&ix->alerts, &ix->alertsz, ix->nalerts + 1,
	    sizeof(*ix->alerts), LBL_FIRST) == -1)
		return -1;
	al = &ix->alerts[ix->nalerts++];
	memset(al, 0, sizeof(*al));
	al->ts_us = in->ts_us;
	al->pair = (uint32_t)pair;
	al->label = label;
	al->sid = in->sid;
	al->prio = in->prio < 0 || in->prio >= NF_LBL_NOPRIO ? NF_LBL_NOPRIO :
	    (uint16_t)in->prio;
	if (pa >= 0 && pb >= 0) {
		al->port_a = (uint16_t)pa;
		al->port_b = (uint16_t)pb;
		al->flags |= NF_LBL_A_PORTS;
	}
	if (in->proto >= 0) {
		al->proto = (uint8_t)in->proto;
		al->flags |= NF_LBL_A_PROTO;
	}
	ix->pairs[pair].count++;
	return 0;
}

int
nf_lbl_add_rule(struct nf_lbl_index *ix, const struct nf_lbl_rule *r)
{
	if (nf_grow(&ix->rules, &ix->rulesz, ix->nrules + 1,
	    sizeof(*ix->rules), LBL_FIRST) == -1)
		return -1;
	ix->rules[ix->nrules++] = *r;
	return 0;
}

static int
cmp_alert(const void *x, const void *y)
{
	const struct nf_lbl_alert *a = x, *b = y;

	if (a->pair != b->pair)
		return a->pair < b->pair ? -1 : 1;
	if (a->ts_us != b->ts_us)
		return a->ts_us < b->ts_us ? -1 : 1;
	if (a->prio != b->prio)
		return a->prio < b->prio ? -1 : 1;
	if (a->sid != b->sid)
		return a->sid < b->sid ? -1 : 1;
	if (a->label != b->label)
		return a->label < b->label ? -1 : 1;
	return 0;
}

void
nf_lbl_finish(struct nf_lbl_index *ix)
{
	size_t i;
	uint64_t h;
	uint32_t first = 0;

	if (ix->nalerts > 0)
		qsort(ix->alerts, ix->nalerts, sizeof(*ix->alerts), cmp_alert);
	for (i = 0; i < ix->npairs; i++) {
		ix->pairs[i].first = first;
		first += ix->pairs[i].count;
	}
	/* The pair filter: NF_LBL_FILTER_BITS bits per pair, one hash. */
	free(ix->filter);
	ix->filter = NULL;
	for (ix->filtermask = 63; ix->filtermask < ix->npairs *
	    NF_LBL_FILTER_BITS - 1; ix->filtermask = ix->filtermask * 2 + 1)
		;
	if ((ix->filter = calloc((ix->filtermask + 1) / 64,
	    sizeof(*ix->filter))) == NULL)
		return;		/* no filter: lookups probe the table */
	for (i = 0; i < ix->npairs; i++) {
		h = hash_pair(ix->pairs[i].a, ix->pairs[i].b) &
		    ix->filtermask;
		ix->filter[h / 64] |= 1ULL << (h % 64);
	}
}

/* ------------------------------------------------------------------ */
/* Matching. */

static int
proto_eq(int x, int y)
{
	if (x == 58)
		x = 1;
	if (y == 58)
		y = 1;
	return x == y;
}

static int
has_ports(int proto)
{
	return proto == 6 || proto == 17 || proto == 132;
}

static int
alert_match5(const struct nf_lbl_alert *al, const struct nf_lbl_row *r,
    int pa, int pb, int same)
{
	int proto = r->proto, aports, rports;

	if ((al->flags & NF_LBL_A_PROTO) && proto >= 0 &&
	    !proto_eq(al->proto, proto))
		return 0;
	if (proto < 0 && (al->flags & NF_LBL_A_PROTO))
		proto = al->proto;
	if (!has_ports(proto))
		return 1;
	/* Ports: both absent, or both present and equal. */
	aports = (al->flags & NF_LBL_A_PORTS) != 0;
	rports = pa >= 0 && pb >= 0;
	if (!aports || !rports)
		return aports == rports;
	if (al->port_a == pa && al->port_b == pb)
		return 1;
	return same && al->port_a == pb && al->port_b == pa;
}

static int
prefix_eq(const uint8_t *net, int plen, const uint8_t *addr)
{
	int whole, rest;

	if (plen < 0)
		return 1;
	whole = plen / 8;
	rest = plen % 8;
	if (memcmp(net, addr, (size_t)whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((net[whole] ^ addr[whole]) & (0xff00 >> rest) & 0xff) == 0;
}

static int
rule_side(const struct nf_lbl_rule *ru, const uint8_t *src,
    const uint8_t *dst, int dport)
{
	if (!prefix_eq(ru->src, ru->src_plen, src) ||
	    !prefix_eq(ru->dst, ru->dst_plen, dst))
		return 0;
	if (ru->port_lo < 0)
		return 1;
	return dport >= ru->port_lo && dport <= ru->port_hi;
}

static int
rule_match(const struct nf_lbl_rule *ru, const struct nf_lbl_row *r)
{
	if (r->start_us > ru->end_us || r->end_us < ru->start_us)
		return 0;
	if (ru->proto >= 0 && (r->proto < 0 || !proto_eq(ru->proto, r->proto)))
		return 0;
	return rule_side(ru, r->src, r->dst, r->dport) ||
	    rule_side(ru, r->dst, r->src, r->sport);
}

void
nf_lbl_match(const struct nf_lbl_index *ix, const struct nf_lbl_row *r,
    int64_t window_us, int match5, struct nf_lbl_match *m)
{
	const struct nf_lbl_alert *al, *end;
	const struct nf_lbl_pair *p;
	const uint8_t *a = r->src, *b = r->dst;
	int64_t lo_ts, hi_ts, pi;
	size_t lo, hi, mid;
	int pa = r->sport, pb = r->dport, same;

	m->best = NULL;
	m->count = 0;
	m->rule = -1;
	if (!r->has_addr)
		return;
	for (lo = 0; lo < ix->nrules; lo++)
		if (rule_match(&ix->rules[lo], r)) {
			m->rule = (int32_t)lo;
			break;
		}
	if (memcmp(a, b, 16) > 0) {
		a = r->dst;
		b = r->src;
		pa = r->dport;
		pb = r->sport;
	}
	same = memcmp(a, b, 16) == 0;
	if ((pi = find_pair((struct nf_lbl_index *)ix, a, b, 0)) < 0)
		return;
	p = &ix->pairs[pi];
	lo_ts = r->start_us - window_us;
	hi_ts = r->end_us + window_us;
	/* First alert of the run with ts >= lo_ts. */
	lo = p->first;
	hi = (size_t)p->first + p->count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->alerts[mid].ts_us < lo_ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	end = ix->alerts + p->first + p->count;
	for (al = ix->alerts + lo; al < end && al->ts_us <= hi_ts; al++) {
		if (match5 && !alert_match5(al, r, pa, pb, same))
			continue;
		m->count++;
		if (m->best == NULL || al->prio < m->best->prio)
			m->best = al;
	}
}
