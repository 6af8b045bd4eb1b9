/* decode.h: decode one captured frame (link layer to L4) into a PKT record. */
#ifndef NF_DECODE_H
#define NF_DECODE_H

#include <stdint.h>

#include "record.h"

/*
 * Counters of what the decoder saw, by kind.  pcap2pkt prints the non-zero
 * ones on stderr at the end and carries them in END as "pcap2pkt.NAME".
 */
struct nf_decode_stats {
	uint64_t	packets;	/* frames decoded */
	uint64_t	non_ip;		/* ARP and other non-IP frames */
	uint64_t	truncated;	/* NF_ST_TRUNCATED or NF_ST_L4_TRUNC */
	uint64_t	malformed;	/* NF_ST_MALFORMED */
	uint64_t	link_unsup;	/* unsupported link type */
	uint64_t	fragments;	/* IP fragments */
	uint64_t	frag_overlap;
	uint64_t	frag_oversize;
	uint64_t	frag_nofirst;
	uint64_t	frag_table_full;
	uint64_t	bad_ipcsum;
	uint64_t	bad_l4csum;
};

struct nf_fragtab;	/* frag.h */

/*
 * Decoder state: the fragment table and counters.  One per pcap2pkt run;
 * not thread-safe.
 */
struct nf_decoder {
	struct nf_fragtab	*frag;
	struct nf_decode_stats	 st;
	uint32_t		 snip_max;	/* -P N: payload bytes kept */
};

/* Initialise (allocates the fragment table).  0, or -1 on ENOMEM. */
int	nf_decoder_init(struct nf_decoder *, uint32_t snip_max);
void	nf_decoder_free(struct nf_decoder *);

/*
 * Decode frame (caplen bytes captured, wirelen on the wire) of the given
 * DLT/LINKTYPE value, captured at ts_ns, into *out.  Every field of *out is
 * set (flow_id 0, dir 0); out->snip points into frame (at most snip_max
 * bytes of L4 payload actually captured); out->frame is NULL and
 * frame_len 0 (pcap2pkt --frames sets them).  Never fails: problems are
 * status bits, counted in d->st.  The frame bytes are untrusted and read
 * only through the bounds-checked cursor (cursor.h).
 */
void	nf_decode(struct nf_decoder *d, uint32_t linktype, uint64_t ts_ns,
	    const uint8_t *frame, uint32_t caplen, uint32_t wirelen,
	    struct nf_pkt *out);

/* Whether nf_decode understands this link type. */
int	nf_linktype_supported(uint32_t linktype);

/* Add the non-zero counters to an END as "prefix.name". */
int	nf_decode_stats_end(const struct nf_decode_stats *,
	    const char *prefix, struct nf_end *);

#endif
