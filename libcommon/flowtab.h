/* flowtab.h: the flow table of pkt2flow: keys, TCP teardown, timeouts, bounded memory. */
#ifndef NF_FLOWTAB_H
#define NF_FLOWTAB_H

/*
 * The flow table decides which flow a PKT belongs to and when flows begin
 * and end.  It does not compute features.
 *
 * Structure.  Flows live in one array of fixed-size entries (grown by
 * doubling up to max_flows, never shrunk) addressed by 32-bit index.  A
 * power-of-two bucket array of indices with chaining through the entries
 * finds a flow by key; the table doubles the buckets when the number of
 * flows exceeds half the number of buckets (load factor at most 1/2).
 * The hash multiplies each key word, mixed with a per-process random
 * seed, by its own constant and mixes the sum (flow ids and output order
 * never depend on the seed).  Free entries form a list through the chain
 * link.
 *
 * Memory per flow: an entry is 128 bytes (checked at compile time), plus
 * 8 to 16 bytes of bucket array: 136..144 bytes per flow.
 *
 * Key.  Canonical and bidirectional: the two endpoints (address, port) are
 * ordered by address bytes, then port, so both directions find the same
 * entry; then protocol, IP version, outer VLAN (NF_NO_VLAN with
 * NF_FC_NOVLAN) and, for ICMP, a key type.  ICMP/ICMPv6 echo request and
 * reply (types 8/0, 128/129) are one flow per address pair and echo
 * identifier: the identifier takes the place of both ports and the key
 * type is the request type (8 or 128).  Every other ICMP message is keyed
 * by address pair and its own type (ports 0).  With NF_FC_UNIDIR the key
 * is not canonicalised: each direction is its own flow, and the ICMP key
 * type is the message's own type.
 *
 * Direction.  The originator is the sender of the flow's first packet,
 * except when that packet is a TCP SYN+ACK: then its receiver is the
 * originator (NF_FL_SYNACK_FIRST).  A packet is forward (dir 0) when its
 * source address AND port are the originator's.
 *
 * Time.  The table's clock is the largest timestamp seen (packets and
 * TICKs); it never reads the wall clock.  A packet earlier than the clock
 * is counted as out of order; a flow's last_ts only moves forward, so
 * durations are never negative.  A packet more than NF_FLOWTAB_JUMP_NS
 * away from the clock is suspect: it is tagged, but its time is used only
 * if the next packet confirms the jump (a real gap or clock step), and a
 * confirmed step backwards ends all flows and restarts the clock.
 * Timestamps marked NF_ST_BAD_TS, and zero ones, are never used as time.
 *
 * Expiry, O(1) amortised per packet, no table scan.  Three intrusive
 * doubly linked lists of indices:
 *   - the LRU list holds every entry in order of last activity (moved to
 *     the tail on each packet); its head expires when clock - last_ts >
 *     idle, and it is the victim when the table is full (reason evicted);
 *   - the active list holds open flows in order of creation; its head
 *     ends with reason active when clock - first_ts > active (all flows
 *     share one timeout, so creation order is deadline order);
 *   - the linger list holds TCP flows that have closed, in order of
 *     closing; its head ends (reason fin or rst) when clock - close time
 *     > linger.
 * An entry is on at most one of the last two lists.  Timestamps out of
 * order can make these orders slightly inexact; expiry is then late by at
 * most the disorder, never early.
 *
 * TCP.  A flow closes when both directions have sent FIN and the second
 * FIN has been acknowledged (an ACK from the other side covering the FIN's
 * sequence number), or on RST.  It then lingers: it stays in the table
 * and absorbs stragglers (retransmitted FIN, ACK, RST, data) under the
 * same flow id; its FLOW_END is emitted only when the linger ends, so no
 * packet ever follows its flow's FLOW_END.  A SYN without ACK on a closed
 * or closing (a FIN seen) flow ends it at once and starts a new flow (port
 * reuse).  Linger 0 ends the flow right after the closing packet.  With
 * NF_FC_FINCLOSE (CICFlowMeter 2018 compatibility) a FIN on any packet
 * but the flow's first (of a new flow, or of a continuation after an
 * active timeout) ends the flow right after that packet (reason fin), a
 * RST ends nothing, and nothing else of the teardown is tracked (no port
 * reuse): the rest of the connection becomes "appendix" flows, such as
 * the peer's FIN+ACK with the last ACK.
 * Unidirectional tables see one side of the teardown only: there FIN and
 * RST just mark the flow closing, so that a later SYN starts a new flow;
 * such flows otherwise end by timeout.
 *
 * Active timeout.  When it fires the flow ends (reason active) and its
 * entry stays, with orientation and TCP state, waiting for a next packet:
 * that packet begins a new flow with NF_FL_CONTINUED and prev_flow_id.
 * A waiting entry that sees no packet is freed silently at idle expiry.
 *
 * Non-IP packets (ip_version 0) get flow id 0 and no flow.
 */

#include <stdint.h>

#include "record.h"

/* Defaults of pkt2flow. */
#define NF_FLOWTAB_IDLE_NS	(120ULL * 1000000000ULL)
#define NF_FLOWTAB_ACTIVE_NS	0ULL		/* off */
/*
 * 1.5 s: stragglers after a completed close come within about one
 * retransmission timeout (Linux: 200 ms minimum; RFC 6298: 1 s), and a
 * live row must appear within 3 s of the close: 1.5 s linger plus the 1 s
 * TICK interval of a live pcap2pkt leaves room.
 */
#define NF_FLOWTAB_LINGER_NS	1500000000ULL
/* About 1 GiB of table at 144 bytes per flow. */
#define NF_FLOWTAB_MAX_FLOWS	((uint32_t)((1ULL << 30) / 144))
/*
 * A timestamp further than this from the clock (a day) is suspect until
 * the next packet confirms it: one bogus timestamp (zero, or years ahead)
 * must not end every flow or make every later packet late.
 */
#define NF_FLOWTAB_JUMP_NS	(86400ULL * 1000000000ULL)
/* Largest accepted max_flows (indices are 32-bit, one value is nil). */
#define NF_FLOWTAB_MAX_LIMIT	0xFFFFFFF0U

struct nf_flowtab_cfg {
	uint64_t	 idle_ns;	/* 0: no idle timeout */
	uint64_t	 active_ns;	/* 0: no active timeout */
	uint64_t	 linger_ns;	/* 0: end at close */
	uint32_t	 max_flows;	/* >= 1 */
	uint32_t	 flags;		/* NF_FC_* */
};

struct nf_flowtab_stats {
	uint64_t	 packets;	/* PKT records seen */
	uint64_t	 non_ip;	/* of which not IP (flow id 0) */
	uint64_t	 out_of_order;	/* timestamp before the clock */
	uint64_t	 begun;		/* FLOW_BEGIN emitted */
	uint64_t	 continued;	/* of which continuations */
	uint64_t	 ended[NF_END_NREASONS]; /* FLOW_END by reason */
	uint64_t	 port_reuse;	/* flows ended by a new SYN */
	uint64_t	 absorbed;	/* packets taken in while lingering */
	uint64_t	 peak_flows;	/* most entries in use at once */
	uint64_t	 time_suspect;	/* packets whose time was not used */
	uint64_t	 time_resets;	/* confirmed jumps back in time */
};

/*
 * Flow events go to a callback: type NF_REC_FLOW_BEGIN or
 * NF_REC_FLOW_END.  The record is only valid during the call.
 */
typedef void	nf_flowtab_emit_fn(void *arg, int type, const struct nf_flow *);

struct nf_flowtab;

/*
 * Create a table.  The caller keeps cfg's values (copied).  Returns NULL
 * on ENOMEM.  Free with nf_flowtab_free (which emits nothing).
 */
struct nf_flowtab *nf_flowtab_new(const struct nf_flowtab_cfg *,
	    nf_flowtab_emit_fn *emit, void *arg);
void	nf_flowtab_free(struct nf_flowtab *);

/*
 * Advance the clock to ts (a TICK, or done implicitly by each packet) and
 * end every flow whose timeout has passed, emitting FLOW_END.
 */
void	nf_flowtab_advance(struct nf_flowtab *, uint64_t ts);

/*
 * Assign pkt to its flow: sets pkt->flow_id and pkt->dir.  Before it
 * returns it emits, in order, FLOW_END of flows that expired by the
 * packet's time or that the packet replaces (port reuse, eviction), and
 * FLOW_BEGIN of the packet's flow if new.  The caller then writes the
 * packet and calls nf_flowtab_packet_done, which emits FLOW_END of the
 * packet's flow if the packet ended it at once (FIN-closes, linger 0).
 * Returns 0, or -1 on ENOMEM (the packet is then tagged 0).
 */
int	nf_flowtab_packet(struct nf_flowtab *, struct nf_pkt *);
/*
 * Reading ahead (pkt2flow uses nf_ahead_next): nf_flowtab_hint() says that
 * packet p, at stream offset tag, comes soon -- its key and bucket are
 * computed now and its entry is prefetched while the packets before it
 * are processed; nf_flowtab_packet_at() then takes that work for the
 * packet of the same tag (nf_flowtab_packet is _at with no tag).  Hints
 * come in stream order, at most 64 ahead; a missing or extra hint only
 * costs time, never changes a result.
 */
void	nf_flowtab_hint(struct nf_flowtab *, const struct nf_pkt *, uint64_t tag);
int	nf_flowtab_packet_at(struct nf_flowtab *, struct nf_pkt *, uint64_t tag);
void	nf_flowtab_packet_done(struct nf_flowtab *);

/*
 * End every flow still in the table: lingering flows with their close
 * reason, open ones with reason (NF_END_EOF or NF_END_TRUNCATED), least
 * recently active first.  The table is empty afterwards.
 */
void	nf_flowtab_finish(struct nf_flowtab *, int reason);

const struct nf_flowtab_stats *nf_flowtab_stats(const struct nf_flowtab *);
/* Flows (entries) in the table now. */
uint32_t nf_flowtab_count(const struct nf_flowtab *);

#endif
