/* frag.h: bounded IP fragment table: ports for non-first fragments, fragment anomalies. */
#ifndef NF_FRAG_H
#define NF_FRAG_H

#include <stdint.h>

#include "record.h"

/* Datagrams tracked at once; the oldest is evicted when full. */
#define NF_FRAG_CAPACITY	65536

struct nf_fragtab;

/* Allocate a table for capacity datagrams (a power of two is not needed).
 * Returns NULL on ENOMEM.  Free with nf_frag_free (NULL is fine). */
struct nf_fragtab *nf_frag_new(uint32_t capacity);
void	nf_frag_free(struct nf_fragtab *);

/*
 * Account for one fragment p (ip_version, src, dst, proto, ip_id,
 * frag_offset, frag_flags, ip_hdr_len set; for the first fragment also the
 * transport fields) carrying dlen bytes of fragment data, seen at ts_ns.
 * Sets NF_ST_FRAG_* bits in p->status and, for a non-first fragment whose
 * first fragment was seen, copies sport/dport/icmp_type/icmp_code/icmp_id.
 */
void	nf_frag_update(struct nf_fragtab *, struct nf_pkt *p, uint32_t dlen,
	    uint64_t ts_ns);

#endif
