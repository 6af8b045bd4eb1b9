/* label.h: alert index and ground-truth rules that label flows (feature CSV rows) by addresses and time. */
#ifndef NF_LABEL_H
#define NF_LABEL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Alerts are indexed by their unordered address pair: a hash table
 * (power-of-two open addressing with linear probing, load factor at most
 * 1/2) maps the pair to a run of the alert array, which nf_lbl_finish()
 * sorts by (pair, time, priority, sid, label).  Matching a flow is one
 * hash probe, a binary search for the first alert at or after
 * start - window, and a scan up to end + window: O(log n + k).
 *
 * Addresses are kept in one 16-byte form: IPv4 as ::ffff:a.b.c.d.  Times
 * are microseconds since the epoch (int64).  Labels are interned in a
 * string pool and named by their offset.
 *
 * Memory: 32 bytes per alert, 40 per distinct address pair plus 16-32
 * for its hash slots and 2 for the filter, the label strings once each.
 * The number of alerts is capped (nf_lbl_init's max_alerts,
 * NF_LBL_MAX_ALERTS by default); alerts beyond it are counted in
 * ->dropped and not indexed.
 *
 * Before probing the hash table, a lookup tests one bit of a bitmap of
 * NF_LBL_FILTER_BITS bits per pair (2 bytes): most flows have no alert,
 * and the bitmap stays in cache where the table would not.
 *
 * Rules (ground truth, "label these hosts in this interval") are few and
 * kept in file order; every flow is checked against all of them.
 */

/* Default cap on indexed alerts: 8 Mi alerts, 256 MB plus the pairs. */
#define NF_LBL_MAX_ALERTS	(8u << 20)
/* Cap on the label string pool (distinct labels, bytes). */
#define NF_LBL_MAX_POOL		(64u << 20)

/* Bits per address pair in the lookup filter (false positives ~ 1/16). */
#define NF_LBL_FILTER_BITS	16

#define NF_LBL_NOPRIO	0xffff		/* alert without priority (lowest) */
#define NF_LBL_NOSID	UINT32_MAX	/* alert without sid */

/* One alert as read from an alerts CSV. */
struct nf_lbl_alert_in {
	int64_t		 ts_us;
	uint8_t		 src[16], dst[16];
	int		 sport, dport;	/* -1: none */
	int		 proto;		/* 0-255, -1: unknown */
	int		 prio;		/* >= 0, -1: none */
	uint32_t	 sid;		/* NF_LBL_NOSID: none */
	const char	*label;		/* copied into the pool */
};

/* An indexed alert (32 bytes). */
struct nf_lbl_alert {
	int64_t		 ts_us;
	uint32_t	 pair;		/* index into pairs */
	uint32_t	 label;		/* offset in the label pool */
	uint32_t	 sid;
	uint16_t	 port_a, port_b; /* ports of the pair's a and b side */
	uint16_t	 prio;
	uint8_t		 proto;
	uint8_t		 flags;		/* NF_LBL_A_* */
};
#define NF_LBL_A_PORTS	0x01		/* port_a/port_b valid */
#define NF_LBL_A_PROTO	0x02		/* proto valid */

/* One ground-truth rule as read from a rules CSV. */
struct nf_lbl_rule {
	int64_t		 start_us, end_us; /* inclusive interval */
	uint8_t		 src[16], dst[16];
	int16_t		 src_plen, dst_plen; /* prefix bits of the 16-byte form;
					      * -1: any address */
	int16_t		 proto;		/* -1: any */
	int32_t		 port_lo, port_hi; /* destination ports; -1: any */
	uint32_t	 label;		/* offset in the label pool */
};

/* The identity of one flow (feature CSV row). */
struct nf_lbl_row {
	int64_t		 start_us, end_us;
	uint8_t		 src[16], dst[16];
	int64_t		 alt_us;	/* other reading of an ambiguous
					 * 12-hour start time: shift, or 0 */
	int		 has_addr;	/* 0: no addresses, never matches */
	int		 sport, dport;	/* -1: none */
	int		 proto;		/* -1: unknown */
};

/* What matched one row. */
struct nf_lbl_match {
	const struct nf_lbl_alert *best; /* highest priority, then earliest */
	uint32_t	 count;		/* alerts that matched */
	int32_t		 rule;		/* first matching rule, -1: none */
};

struct nf_lbl_pair {
	uint8_t		 a[16], b[16];	/* a <= b (memcmp) */
	uint32_t	 first, count;	/* run in the sorted alert array */
};

struct nf_lbl_index {
	struct nf_lbl_alert *alerts;
	struct nf_lbl_pair *pairs;
	uint64_t	*slots;		/* pair hash: see label.c */
	uint64_t	*filter;	/* pair bitmap: see nf_lbl_finish() */
	uint64_t	 filtermask;	/* filter bits - 1 */
	uint32_t	*lslots;	/* label hash: pool offset + 1, 0 empty */
	char		*pool;		/* label strings, NUL-terminated */
	struct nf_lbl_rule *rules;
	size_t		 nalerts, alertsz, max_alerts;
	size_t		 npairs, pairsz, nslots;
	size_t		 nlabels, nlslots;
	size_t		 poollen, poolsz;
	size_t		 nrules, rulesz;
	uint64_t	 dropped;	/* alerts not indexed (cap reached) */
};

/* Values.  Each returns 0, or -1 when s is not of the form described. */
/* Epoch seconds ("1499082958.598000"), ISO 8601 ("2017-07-03T11:55:58.598Z",
 * 'T' or ' ', optional fraction, optional Z or +hh:mm / -hhmm; no zone is
 * UTC), or the CICFlowMeter form "dd/MM/yyyy hh:mm[:ss] [AM|PM]" (UTC,
 * 1- or 2-digit day, month and hour).  Fractions beyond 6 digits are cut. */
int	nf_lbl_parse_time(const char *s, int64_t *us);
/* The same; *alt is the shift to the other reading of a CICFlowMeter time
 * without AM/PM and an hour of 1-12 (12-hour clock: +12 h, -12 h for 12),
 * else 0. */
int	nf_lbl_parse_time12(const char *s, int64_t *us, int64_t *alt);
/* IPv4 or IPv6 address into the 16-byte form. */
int	nf_lbl_parse_addr(const char *s, uint8_t a[16]);
/* "*" (any: plen -1), an address (full length) or address/prefix. */
int	nf_lbl_parse_cidr(const char *s, uint8_t a[16], int *plen);
/* Protocol number 0-255 or name (tcp, udp, icmp, icmpv6/ipv6-icmp, sctp,
 * any case); "" and "*" give -1 (unknown/any). */
int	nf_lbl_parse_proto(const char *s, int *proto);

/* Index life cycle.  All functions returning int give 0, or -1 when out of
 * memory (or the label pool is full). */
void	nf_lbl_init(struct nf_lbl_index *, size_t max_alerts);
void	nf_lbl_free(struct nf_lbl_index *);
/* Intern label s; *id gets its pool offset. */
int	nf_lbl_intern(struct nf_lbl_index *, const char *s, uint32_t *id);
/* Add an alert; returns 1 (and counts it) when the cap is reached. */
int	nf_lbl_add_alert(struct nf_lbl_index *, const struct nf_lbl_alert_in *);
/* Add a rule (its label already interned). */
int	nf_lbl_add_rule(struct nf_lbl_index *, const struct nf_lbl_rule *);
/* Sort the alerts; call once after the last add and before matching. */
void	nf_lbl_finish(struct nf_lbl_index *);
/* The label string of id. */
const char *nf_lbl_label(const struct nf_lbl_index *, uint32_t id);

/*
 * Match one row: alerts whose addresses equal the row's in either
 * direction and whose time lies in [start - window, end + window]
 * (inclusive); with match5 also the protocol (when both sides know it;
 * ICMP and ICMPv6 are one) and, for TCP, UDP and SCTP, the ports (equal,
 * or absent on both sides).  Rules: the first whose interval overlaps
 * [start, end] and whose src/dst prefixes, protocol and destination port
 * match the row in either direction.
 */
void	nf_lbl_match(const struct nf_lbl_index *, const struct nf_lbl_row *,
	    int64_t window_us, int match5, struct nf_lbl_match *);

#endif
