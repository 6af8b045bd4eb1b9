/* cic.h: CICFlowMeter features: per-flow accumulators, the column table, the flow table, CSV rows. */
#ifndef NF_CIC_H
#define NF_CIC_H

#include <stdint.h>

#include "csvout.h"
#include "idmap.h"
#include "record.h"
#include "stats.h"
#include "util.h"

/*
 * The CICFlowMeter feature set (../shared/spec/cic.md) computed from the
 * tagged packet stream of pkt2flow.  Each flow has one struct cic_flow,
 * updated per packet in O(1) with no per-packet storage (running
 * statistics, counters, the last timestamps); at FLOW_END cic_fill()
 * turns it into one internal record (struct cic_row, indexed by enum
 * cic_col) and cic_print() writes it in the column names and order of a
 * header mode.  All time features are integer microseconds (the packet's
 * ts_ns / 1000, truncated); lengths are L4 payload bytes.
 *
 * Two semantics (enum cic_compat):
 *   CIC_CORRECTED  every defect of spec section 4 fixed (see flow2cic(1));
 *   CIC_2017       the quirks of the code that produced CIC-IDS2017/2018,
 *                  so that models trained on the public CSVs see the same
 *                  distributions.
 */

enum cic_compat {
	CIC_CORRECTED = 0,
	CIC_2017 = 1
};

/* Header modes: only names and order change. */
enum cic_header {
	CIC_H_CICFLOWMETER = 0,	/* CICFlowMeter-V4 tool output, 84 columns */
	CIC_H_2017 = 1,		/* CIC-IDS2017 TrafficLabelling, 85 */
	CIC_H_2018 = 2,		/* CSE-CIC-IDS2018, 80 */
	CIC_H_ENGELEN = 3,	/* corrected fork (Engelen et al.), 94 */
	CIC_NHEADER
};

/* Thresholds of the reference (CICFlowMeter defaults), microseconds. */
#define CIC_ACTIVITY_TIMEOUT	5000000		/* active/idle split */
#define CIC_SUBFLOW_GAP		1000000		/* subflow split */
#define CIC_BULK_GAP		1000000		/* bulk: packets closer than */
#define CIC_BULK_MIN		4		/* packets that make a bulk */

/* Every value the CIC column tables can print: one internal record. */
enum cic_col {
	CC_FLOW_ID, CC_SRC_IP, CC_SRC_PORT, CC_DST_IP, CC_DST_PORT,
	CC_PROTO, CC_TIMESTAMP, CC_DURATION,
	CC_FWD_PKTS, CC_BWD_PKTS, CC_FWD_BYTES, CC_BWD_BYTES,
	CC_FWD_LEN_MAX, CC_FWD_LEN_MIN, CC_FWD_LEN_MEAN, CC_FWD_LEN_STD,
	CC_BWD_LEN_MAX, CC_BWD_LEN_MIN, CC_BWD_LEN_MEAN, CC_BWD_LEN_STD,
	CC_FLOW_BYTES_S, CC_FLOW_PKTS_S,
	CC_IAT_MEAN, CC_IAT_STD, CC_IAT_MAX, CC_IAT_MIN,
	CC_FWD_IAT_TOT, CC_FWD_IAT_MEAN, CC_FWD_IAT_STD, CC_FWD_IAT_MAX,
	CC_FWD_IAT_MIN,
	CC_BWD_IAT_TOT, CC_BWD_IAT_MEAN, CC_BWD_IAT_STD, CC_BWD_IAT_MAX,
	CC_BWD_IAT_MIN,
	CC_FWD_PSH, CC_BWD_PSH, CC_FWD_URG, CC_BWD_URG, CC_FWD_RST,
	CC_BWD_RST,
	CC_FWD_HDR, CC_BWD_HDR, CC_FWD_PKTS_S, CC_BWD_PKTS_S,
	CC_LEN_MIN, CC_LEN_MAX, CC_LEN_MEAN, CC_LEN_STD, CC_LEN_VAR,
	CC_FIN, CC_SYN, CC_RST, CC_PSH, CC_ACK, CC_URG, CC_CWR, CC_ECE,
	CC_DOWN_UP, CC_AVG_PKT, CC_FWD_SEG_AVG, CC_BWD_SEG_AVG,
	CC_FWD_BULK_BYTES, CC_FWD_BULK_PKTS, CC_FWD_BULK_RATE,
	CC_BWD_BULK_BYTES, CC_BWD_BULK_PKTS, CC_BWD_BULK_RATE,
	CC_SF_FWD_PKTS, CC_SF_FWD_BYTES, CC_SF_BWD_PKTS, CC_SF_BWD_BYTES,
	CC_INIT_WIN_FWD, CC_INIT_WIN_BWD, CC_FWD_ACT_DATA, CC_BWD_ACT_DATA,
	CC_FWD_SEG_MIN, CC_BWD_SEG_MIN,
	CC_ACT_MEAN, CC_ACT_STD, CC_ACT_MAX, CC_ACT_MIN,
	CC_IDLE_MEAN, CC_IDLE_STD, CC_IDLE_MAX, CC_IDLE_MIN,
	CC_ICMP_CODE, CC_ICMP_TYPE, CC_FWD_RETRANS, CC_BWD_RETRANS,
	CC_TOT_RETRANS, CC_CONN_TIME, CC_LABEL,
	CC_NCOL
};

enum cic_kind { CK_INT, CK_DBL, CK_STR };

struct cic_val {
	union {
		int64_t	 i;
		double	 d;
	} u;
	uint8_t		 kind;		/* enum cic_kind */
};

/* One flow's record, ready to print.  The strings live in the row, with
 * their lengths (cic_fill sets both). */
struct cic_row {
	struct cic_val	 v[CC_NCOL];
	char		 flow_id[2 * NF_ADDRSTRLEN + 32];
	char		 src[NF_ADDRSTRLEN];
	char		 dst[NF_ADDRSTRLEN];
	char		 ts[40];
	uint8_t		 nflow_id, nsrc, ndst, nts;
	const char	*label;
};

/* Bulk state of one direction (spec section 3, "Bulk"); the time of
 * the candidate's last packet, which the other direction reads too, is
 * in the flow's shared part (cic_flow.blast). */
struct cic_bulk {
	int64_t		 start;		/* current candidate's first ts, 0 = none */
	uint64_t	 bytes;		/* completed bulks: payload bytes */
	uint64_t	 dur;		/* completed bulks: duration, us */
	uint32_t	 pkts;		/* completed bulks: packets */
	uint32_t	 nbulk;		/* completed bulks */
	uint32_t	 cur_n;		/* packets in the current candidate */
	uint32_t	 cur_bytes;	/* bytes of its first CIC_BULK_MIN */
};

/* Active/idle periods: allocated at a flow's first idle gap only. */
struct cic_actidle {
	struct nf_stats	 active;
	struct nf_stats	 idle;
};

/* What a packet of one direction updates, 152 bytes.  len.spare counts
 * the direction's packets with payload (act_data), diat.spare its TCP
 * retransmissions. */
struct cic_dir {
	struct nf_stats	 len;		/* payload bytes */
	struct nf_stats	 diat;		/* gaps within the direction */
	struct cic_bulk	 bulk;
	int64_t		 last;		/* us: latest packet */
	uint64_t	 hdr;		/* L4 header bytes */
	uint32_t	 flag[3];	/* PSH, URG, RST */
	uint32_t	 seq_end;	/* highest TCP sequence end */
};

/*
 * Per-flow accumulator, 488 bytes on LP64 (cic_flow_size() adds malloc
 * and bucket overhead), laid out for the cache: a packet updates its
 * direction's part and the shared part between them, 272 contiguous
 * bytes (five cache lines where the whole is eight), and
 * cic_table_prefetch fetches only those.  What only a flow's first or
 * last packet needs (the key, the first packet) is at the ends.
 * iat.spare counts the gaps over CIC_SUBFLOW_GAP.  The key (src, dst,
 * ports, proto) is the originator orientation from FLOW_BEGIN, or from
 * the first packet of a flow that had none.
 */
struct cic_flow {
	int64_t		 first;		/* us: first packet */
	struct cic_actidle *ai;		/* NULL until the first idle gap */
	struct cic_dir	 fwd;
	/* Shared: the table's key and chain, then what every packet
	 * updates. */
	uint64_t	 id;		/* flow id (hash key) */
	struct cic_flow	*next;		/* hash chain */
	struct nf_stats	 iat;		/* gaps between packets */
	int64_t		 last;		/* us: latest packet */
	int64_t		 act_start;	/* us: start of the active period */
	int64_t		 blast[2];	/* us: bulk candidate's last packet */
	uint32_t	 tflag[5];	/* FIN, SYN, ACK, CWR, ECE, both dirs */
	uint16_t	 hdr_min[2];	/* smallest L4 header per direction */
	uint16_t	 bits;		/* CF_* */
	uint16_t	 win[2];	/* initial window per direction */
	uint8_t		 icmp_type;
	uint8_t		 icmp_code;
	struct cic_dir	 bwd;
	uint32_t	 first_len;	/* payload of the first packet */
	uint8_t		 src[16];
	uint8_t		 dst[16];
	uint16_t	 sport;
	uint16_t	 dport;
	uint8_t		 proto;
	uint8_t		 ip_version;
};

/* Direction d's part of f. */
#define CIC_DIR(f, d)	((d) ? &(f)->bwd : &(f)->fwd)

/* Indexes of cic_dir.flag[] and tflag[]. */
enum { CD_PSH, CD_URG, CD_RST };
enum { CT_FIN, CT_SYN, CT_ACK, CT_CWR, CT_ECE };

#define CF_WIN_FWD	0x01	/* win[0] set */
#define CF_WIN_BWD	0x02	/* win[1] set */
#define CF_SEQ_FWD	0x04	/* fwd.seq_end set */
#define CF_SEQ_BWD	0x08	/* bwd.seq_end set */
#define CF_SWAP		0x10	/* cic2017: undo pkt2flow's SYN+ACK reversal */
#define CF_ICMP		0x20	/* icmp_type/code set */
#define CF_KEY		0x40	/* key (src, dst, ...) set */
#define CF_HMIN_FWD	0x80	/* hdr_min[0] set */
#define CF_HMIN_BWD	0x100	/* hdr_min[1] set */
#define CF_CHAIN	0x200	/* continues a chain known to cic_chains */
#define CF_PKT		0x400	/* a packet was added */

/* Options shared by all flows. */
struct cic_opts {
	enum cic_compat	 compat;
	enum cic_header	 header;
	const char	*label;
};

/* Counters for the whole run (reported on stderr by flow2cic). */
struct cic_counts {
	uint64_t	 neg_iat;	/* negative gaps clamped to 0 */
	uint64_t	 orphan_pkts;	/* PKT without FLOW_BEGIN */
	uint64_t	 flows;		/* rows written */
};

/* --- accumulator ---------------------------------------------------- */

/* Reset f for flow id (keeps nothing; frees nothing). */
void	cic_flow_init(struct cic_flow *f, uint64_t id);
/* Set the key and orientation from FLOW_BEGIN. */
void	cic_flow_begin(struct cic_flow *f, const struct nf_flow *b,
	    const struct cic_opts *);
/* Add one packet.  Returns -1 on ENOMEM (active/idle side table), else 0. */
int	cic_flow_add(struct cic_flow *f, const struct nf_pkt *p,
	    const struct cic_opts *, struct cic_counts *);
/* Free what f owns (not f). */
void	cic_flow_release(struct cic_flow *f);
/* Fill row from f (which needs at least its key). */
void	cic_fill(const struct cic_flow *f, const struct cic_opts *,
	    struct cic_row *row);

/* The payload length flow2cic uses for p under opts (spec section 3). */
uint32_t cic_payload(const struct nf_pkt *p, const struct cic_opts *);

/* --- columns -------------------------------------------------------- */

/* Number of columns printed in header mode h. */
int	cic_ncols(enum cic_header h);
/* Parse a header/compat mode name; -1 if unknown. */
int	cic_header_parse(const char *s);
int	cic_compat_parse(const char *s);
/* A real as printed in the rows: 12 significant digits, "NaN",
 * "Infinity" (see cic.c); buf holds CIC_REALSTRLEN bytes. */
#define CIC_REALSTRLEN	40
char	*cic_fmt_real(double v, char *buf);
/* floor(log10(a)) for 1e-7 <= a < 1e15, as fmt_real finds it (tests). */
int	cic_dec_exp(double a);
/* Write the header row / one data row in mode opts->header. */
void	cic_print_header(struct nf_csv *, const struct cic_opts *);
void	cic_print_row(struct nf_csv *, const struct cic_row *,
	    const struct cic_opts *);
/*
 * For writers that batch rows: the fields of a data row but its label,
 * each followed by its comma, rendered at p, which has CIC_ROWMAX bytes
 * of room; returns the end.  cic_label_csv gives the label as the CSV
 * field cic_print_row writes (quoted when needed), malloc'd (NULL on
 * ENOMEM).  Rendered row + label field + "\n" = cic_print_row's row.
 */
#define CIC_ROWMAX	8192
char	*cic_render_row(char *p, const struct cic_row *,
	    const struct cic_opts *);
char	*cic_label_csv(const char *label);

/* --- flow table ----------------------------------------------------- */

/*
 * Chained hash table of accumulators keyed by flow id (pkt2flow ids are
 * small sequential integers, mixed with a 64-bit multiplicative hash).
 * Buckets double when the load passes 1, so a lookup is O(1) expected.
 * Accumulators are malloc'd one by one and owned by the table.
 */
struct cic_table {
	struct cic_flow	**bucket;
	uint64_t	 nbucket;	/* power of two */
	uint64_t	 count;
	struct cic_flow	*spare;		/* ended flows kept for reuse */
	uint64_t	 nspare;	/* at most CIC_SPARE_MAX */
};

/* Ended accumulators kept for the next flows instead of free + malloc
 * (a flood begins and ends a flow per packet): a few hundred KiB. */
#define CIC_SPARE_MAX	1024

void	cic_table_init(struct cic_table *);
/* Find flow id, or NULL. */
struct cic_flow *cic_table_get(struct cic_table *, uint64_t id);
/* Prefetch hints for a record of flow id that comes soon: the bucket
 * (a few dozen records ahead), then the accumulator (a few ahead): for
 * a packet of direction dir (0 or 1) the part it updates, for anything
 * else (dir -1) all of it. */
void	cic_table_prefetch_bucket(const struct cic_table *, uint64_t id);
void	cic_table_prefetch(const struct cic_table *, uint64_t id, int dir);
/* Create flow id (must be absent); NULL on ENOMEM. */
struct cic_flow *cic_table_add(struct cic_table *, uint64_t id);
/* Unlink flow f (the caller then gives it back with cic_table_put). */
void	cic_table_del(struct cic_table *, struct cic_flow *f);
/* Release an unlinked flow: what it owns is freed, the accumulator kept
 * for reuse or freed. */
void	cic_table_put(struct cic_table *, struct cic_flow *f);
/* The flows in the table, sorted by id, NULL-terminated, in a malloc'd
 * array the caller frees (the flows stay in the table); NULL on ENOMEM. */
struct cic_flow **cic_table_list(struct cic_table *);
/* Free every flow and the buckets. */
void	cic_table_free(struct cic_table *);

/* --- chains of continued flows ------------------------------------- */

/*
 * Total Connection Flow Time: a flow that pkt2flow ended by its active
 * timeout continues as a new flow (FLOW_BEGIN marked continued, with the
 * previous flow id); the column is the time from the first packet of the
 * chain's first flow to the last packet of this one.  While a chain
 * waits for its continuation it costs one small node (no accumulator);
 * it stops waiting when the stream clock passes its last packet by the
 * idle timeout (pkt2flow forgets the flow then too), or, when pkt2flow
 * bounds its table, when more than that many chains wait (the oldest
 * goes first).
 */
struct cic_chain;

struct cic_chains {
	struct nf_idmap	 map;		/* flow id -> chain */
	struct cic_chain *head;		/* waiting, oldest first */
	struct cic_chain *tail;
	uint64_t	 nwait;
	uint64_t	 idle_ns;	/* 0: wait until the end of input */
	uint64_t	 cap;		/* 0: unbounded */
	uint64_t	 clock;		/* ns: latest time seen in records */
	uint64_t	 expired;	/* chains that waited in vain */
	uint64_t	 unknown;	/* continuations of no waiting chain */
};

/* 0, or -1 on ENOMEM.  idle_ns and cap as pkt2flow's FLOWCFG says. */
int	cic_chains_init(struct cic_chains *, uint64_t idle_ns, uint64_t cap);
void	cic_chains_free(struct cic_chains *);
/* FLOW_BEGIN b for flow f: when b continues a waiting chain, f joins it
 * (CF_CHAIN).  0, or -1 on ENOMEM. */
int	cic_chains_begin(struct cic_chains *, struct cic_flow *f,
	    const struct nf_flow *b);
/* Flow f ends with FLOW_END e, or NULL when it is still open at the end
 * of input (a reason NF_END_ACTIVE keeps its chain waiting for the
 * continuation): *first_us is the first packet time of its chain.  0, or
 * -1 on ENOMEM (the chain is then not kept).  Every flow given to
 * cic_chains_begin must be ended before cic_chains_free. */
int	cic_chains_end(struct cic_chains *, struct cic_flow *f,
	    const struct nf_flow *e, int64_t *first_us);
/* The row's Total Connection Flow Time from the chain's first packet. */
void	cic_row_conn_time(struct cic_row *, const struct cic_flow *f,
	    int64_t chain_first_us);

/* Bytes a flow costs in the table: accumulator, malloc overhead (16) and
 * its share of the bucket array at the worst load. */
size_t	cic_flow_size(void);

#endif
