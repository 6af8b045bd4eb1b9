/* kdd_stage.h: the flow2kdd engine: record stream events in, KDD rows out in start-time order. */
#ifndef NF_KDD_STAGE_H
#define NF_KDD_STAGE_H

#include <stddef.h>
#include <stdint.h>

#include "kdd_conntab.h"
#include "kdd_reorder.h"
#include "kdd_row.h"
#include "kdd_service.h"
#include "kdd_window.h"
#include "record.h"

/*
 * Connections: TCP and UDP per pkt2flow flow (FLOW_BEGIN .. FLOW_END),
 * ICMP/ICMPv6 one record per message (PKT), other protocols counted only.
 *
 * Order (default): finished records wait in the reorder buffer and are
 * released in (start time, conn_id) order once no open connection can
 * start earlier: the open connections are kept in a FIFO in creation
 * order, and the oldest one still open holds the release back, but never
 * longer than hold_ns (the largest pkt2flow timeout, from FLOWCFG) after
 * its start; a connection that outlives that is released late (its window
 * time is clamped to the last released start, counted in "late").  With
 * order_end, records are processed as they finish and the windows run on
 * end (last packet) times.
 *
 * Bounds: conn_max open connections (then new ones are not tracked:
 * conn_cap), reorder_max buffered rows (then the oldest hold is given up:
 * reorder_full), content_max connections with content state (then
 * content features stay 0: content_cap), and the window caps
 * (kdd_window.h).
 */
struct kdd_opts {
	uint64_t span_ns;	/* time window (2 s) */
	uint64_t hold_ns;	/* longest wait for an open connection */
	size_t	 reorder_max;
	size_t	 conn_max;
	size_t	 content_max;
	uint32_t host_n;	/* host window (100) */
	int	 order_end;
	int	 private_rule;	/* KDD_PRIV_* */
	int	 diff_mode;	/* KDD_DIFF_* */
};

#define KDD_HOLD_DEFAULT	(120ULL * 1000000000ULL)
#define KDD_REORDER_MAX		(1U << 20)	/* rows, 120 bytes each */
#define KDD_CONN_MAX		(1U << 23)	/* open connections */
#define KDD_CONTENT_MAX		(1U << 16)	/* concurrent content states */

struct kdd_stats {
	uint64_t rows;
	uint64_t tcp;
	uint64_t udp;
	uint64_t icmp;
	uint64_t other_flows;	/* flows of other protocols, not emitted */
	uint64_t untagged;	/* TCP/UDP packets without flow id */
	uint64_t icmp_frags;	/* non-first ICMP fragments (no message) */
	uint64_t late;
	uint64_t held_expired;	/* open connections no longer waited for */
	uint64_t reorder_full;
	uint64_t conn_cap;
	uint64_t content_cap;
	uint64_t content_conns;
	uint64_t content_budget;	/* content byte budget reached */
	uint64_t enomem;
	uint64_t win_enomem;	/* rows with traffic features 0 (ENOMEM) */
};

typedef void kdd_emit_fn(void *arg, const struct kdd_row *,
    const struct kdd_traffic *);

struct kdd_openq_ent {
	uint64_t start;
	uint64_t flow_id;
	uint64_t conn_id;
};

/*
 * ICMP messages split into IP fragments: the record is made from the
 * first fragment and kept in a small direct-mapped table until the last
 * fragment (its data length adds to src_bytes, anomaly bits to
 * wrong_fragment: the ping of death), a collision, or KDD_IFRAG_TTL_NS.
 */
#define KDD_IFRAG_SLOTS		256
#define KDD_IFRAG_TTL_NS	(30ULL * 1000000000ULL)

struct kdd_ifrag {
	struct kdd_row	 row;
	uint32_t	 ip_id;
	uint8_t		 used;
};

struct kdd_stage {
	struct kdd_opts	 o;
	struct kdd_conntab tab;
	struct kdd_reorder ro;
	struct kdd_window win;
	struct kdd_ftpx	*ftpx;
	struct kdd_ifrag *ifrag;	/* KDD_IFRAG_SLOTS */
	size_t		 nifrag;
	struct kdd_openq_ent *q;	/* FIFO of open connections */
	size_t		 qcap;
	size_t		 qhead;
	size_t		 qlen;
	size_t		 ncontent;
	uint64_t	 latest;	/* latest time seen */
	uint64_t	 last_wts;	/* last window time processed */
	uint64_t	 next_id;
	struct kdd_conn	*last;		/* cached lookup of last_id ... */
	uint64_t	 last_id;
	uint64_t	 last_gen;	/* ... valid while tab.gen is this */
	uint64_t	 bstart;	/* cached oldest open connection */
	uint64_t	 bid;
	int		 bvalid;
	int		 bhave;
	int		 have_wts;
	struct kdd_stats st;
	kdd_emit_fn	*emit;
	void		*arg;
	/* When set, released rows go here instead of being processed: the
	 * caller passes each, in order, to kdd_stage_process (another
	 * thread may; it then owns the windows and st.rows, st.late and
	 * st.win_enomem until the last one is done). */
	void		(*handoff)(void *, const struct kdd_row *);
	void		*handoff_arg;
};

void	kdd_opts_default(struct kdd_opts *);
/* 0, or -1 on ENOMEM. */
int	kdd_stage_init(struct kdd_stage *, const struct kdd_opts *,
	    kdd_emit_fn *emit, void *arg);
void	kdd_stage_free(struct kdd_stage *);
void	kdd_stage_pkt(struct kdd_stage *, const struct nf_pkt *);
void	kdd_stage_flow_begin(struct kdd_stage *, const struct nf_flow *);
void	kdd_stage_flow_end(struct kdd_stage *, const struct nf_flow *);
void	kdd_stage_tick(struct kdd_stage *, uint64_t ts_ns);
/* Window features of a released row, then emit (see handoff). */
void	kdd_stage_process(struct kdd_stage *, const struct kdd_row *);
/* End every open connection and release every buffered row. */
void	kdd_stage_finish(struct kdd_stage *);

#endif
