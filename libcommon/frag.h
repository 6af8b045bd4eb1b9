/* frag.h: bounded IP fragment table: ports for non-first fragments, fragment anomalies. */
#ifndef NF_FRAG_H
#define NF_FRAG_H

/*
 * The decoder never reassembles: every fragment stays its own PKT record.
 * This table only remembers, per datagram, what the first fragment said
 * (ports, ICMP type/code/id) so that later fragments carry the same flow
 * key, and which byte ranges have arrived, so that anomalies show:
 *
 *   NF_ST_FRAG_NOFIRST    a non-first fragment arrived while the first
 *                         fragment of its datagram had not been seen.  It
 *                         is emitted at once (no reordering, no delay); if
 *                         the first fragment comes later, the fragments
 *                         after it get the ports.
 *   NF_ST_FRAG_OVERLAP    the fragment's byte range overlaps bytes already
 *                         received for the datagram (teardrop and friends,
 *                         exact duplicates included), or it reaches past the
 *                         end given by the last fragment, or the datagram
 *                         has more than NF_FRAG_MAXRANGES disjoint ranges
 *                         (suspicious, and no longer trackable).
 *   NF_ST_FRAG_OVERSIZE   the reassembled datagram would exceed 65535
 *                         bytes: IPv4 header + offset + data (ping of
 *                         death); IPv6 unfragmentable extension headers +
 *                         offset + data (RFC 8200 4.5).
 *   NF_ST_FRAG_TABLE_FULL the table was full and the oldest datagram was
 *                         evicted to make room for this one.
 *
 * Algorithm.  Datagrams are keyed by (IP version, src, dst, protocol, IP
 * id; 32-bit id for IPv6).  Entries live in a fixed array of capacity
 * slots, allocated once and touched only as they are first used; an index
 * of power-of-two size (at least twice the capacity, so the load factor
 * stays at or below 1/2) maps the key hash to entries by open addressing
 * with linear probing, and deletion shifts later members of the probe run
 * back (no tombstones).  Entries are also on a doubly linked list in
 * creation order, oldest first.
 *
 * Time is the packet timestamp, never the wall clock: "now" is the
 * timestamp of the fragment being processed.  A datagram expires when now
 * is more than NF_FRAG_TIMEOUT_NS away from the timestamp of its first
 * packet, in either direction, so one wild timestamp (ten years ahead, or
 * zero) cannot freeze or flush the table for the rest of the capture.  On
 * each fragment, expired datagrams are dropped from the old end of the
 * list (amortised O(1)), and a lookup that finds an expired datagram
 * elsewhere in the list drops it.  When all slots are in use, the oldest
 * datagram is
 * evicted.  A datagram whose byte ranges cover [0, end of last fragment)
 * without gaps is complete and dropped at once.
 *
 * Received ranges: at most NF_FRAG_MAXRANGES disjoint [start, end) byte
 * ranges, kept sorted; touching ranges merge, so in-order and reverse-order
 * arrival use one range.
 *
 * Memory: capacity * sizeof(entry) (128 bytes) plus 8 bytes per capacity
 * for the index: about 8.5 MiB at NF_FRAG_CAPACITY, fixed; nothing is
 * allocated per packet.  Not thread-safe.
 */

#include <stdint.h>

#include "record.h"

/* Datagrams tracked at once; the oldest is evicted when full. */
#define NF_FRAG_CAPACITY	65536
/* A datagram is forgotten this long after its first fragment (ns). */
#define NF_FRAG_TIMEOUT_NS	(30ULL * 1000000000ULL)
/* Disjoint received byte ranges tracked per datagram. */
#define NF_FRAG_MAXRANGES	7

struct nf_fragtab;

/* Allocate a table for capacity datagrams (1 .. 2^30).  Returns NULL on
 * ENOMEM or a bad capacity.  Free with nf_frag_free (NULL is fine). */
struct nf_fragtab *nf_frag_new(uint32_t capacity);
void	nf_frag_free(struct nf_fragtab *);

/*
 * Account for one fragment p (ip_version, src, dst, proto, ip_id,
 * frag_offset, frag_flags set; for the first fragment also the transport
 * fields), carrying fdlen bytes of fragmentable data from frag_offset on,
 * behind unfrag bytes of headers that count towards the 65535 limit (IPv4:
 * the IP header; IPv6: extension headers before the fragment header), seen
 * at ts_ns.  Sets NF_ST_FRAG_* bits in p->status and, for a non-first
 * fragment whose first fragment was seen, copies sport, dport, icmp_type,
 * icmp_code and icmp_id into p.
 */
void	nf_frag_update(struct nf_fragtab *, struct nf_pkt *p, uint32_t fdlen,
	    uint32_t unfrag, uint64_t ts_ns);

/* Datagrams currently tracked (for tests). */
uint32_t nf_frag_count(const struct nf_fragtab *);

#endif
