/* kdd_conn.h: KDD per-connection accumulator and the Bro conn_state machine (flow2kdd). */
#ifndef NF_KDD_CONN_H
#define NF_KDD_CONN_H

#include <stdint.h>

/*
 * The connection flag (KDD feature 4) is Bro's conn_state(), evaluated
 * once when the connection ends, from the TCP state of each endpoint.
 * Endpoint states follow Bro's TCP analyzer (INACTIVE, SYN_SENT,
 * SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET); kdd_tcp_update()
 * moves them packet by packet and kdd_tcp_flag() applies the 13 rules of
 * ../shared/spec/kdd.md section 2 in order (first match wins).
 *
 * The originator is pkt2flow's direction 0: the sender of the first
 * packet, or the receiver of a first SYN+ACK.
 */
enum kdd_flag {
	KDD_OTH = 0,
	KDD_SF,
	KDD_S0,
	KDD_S1,
	KDD_S2,
	KDD_S3,
	KDD_REJ,
	KDD_RSTO,
	KDD_RSTR,
	KDD_RSTOS0,
	KDD_RSTRH,
	KDD_SH,
	KDD_SHR,
	KDD_NFLAGS
};

enum kdd_tcpst {
	KDD_TS_INACTIVE = 0,
	KDD_TS_SYN_SENT,
	KDD_TS_SYN_ACK_SENT,
	KDD_TS_PARTIAL,
	KDD_TS_ESTABLISHED,
	KDD_TS_CLOSED,
	KDD_TS_RESET
};

/* "SF", "S0", ... */
const char *kdd_flag_name(int flag);
/* Membership in the SYN-error set {S0,S1,S2,S3,SH,SHR} and the reject-error
 * set {REJ,RSTO,RSTR,RSTOS0,RSTRH} (spec section 2; SHR and RSTRH never
 * occur in KDD and are classed by analogy). */
int	kdd_flag_serror(int flag);
int	kdd_flag_rerror(int flag);

/* Both endpoints' states: st[0] originator, st[1] responder. */
struct kdd_tcp {
	uint8_t	 st[2];
};

/* Apply one packet with TCP flags (NF_TH_*) sent by endpoint dir (0 = originator). */
void	kdd_tcp_update(struct kdd_tcp *, int dir, uint8_t flags);
/* conn_state() at connection end; obytes/rbytes are the payload sizes. */
int	kdd_tcp_flag(const struct kdd_tcp *, uint64_t obytes, uint64_t rbytes);

/*
 * Payload bytes in sequence space, without retransmitted duplicates (KDD
 * src_bytes/dst_bytes for TCP).  hi is the sequence number after the
 * highest byte seen; a SYN sets it to ISN + 1.  Bytes below hi are
 * duplicates; a gap (lost in the capture) counts as sent, as Bro's
 * sequence-space size does.  A jump of more than KDD_SEQ_JUMP_MAX is taken
 * as a bogus sequence number: only the segment's own length counts.
 */
#define KDD_SEQ_JUMP_MAX	(1U << 30)

struct kdd_seq {
	uint64_t bytes;
	uint32_t hi;
	uint8_t	 have;
};

/*
 * Account one segment (seq, payload length len, TCP flags).  Returns the
 * number of leading bytes of the segment that are duplicates (so the
 * caller can feed only new bytes to the content analyser); *gap is set to
 * 1 when new data starts after a hole.
 */
uint32_t kdd_seq_update(struct kdd_seq *, uint8_t flags, uint32_t seq,
	    uint32_t len, int *gap);

/*
 * The per-connection accumulator (TCP and UDP), 120 bytes on LP64; the
 * content state is allocated only for content services (kdd_content.h).
 */
struct kdd_content;

struct kdd_conn {
	uint64_t	 flow_id;	/* pkt2flow flow id; 0 = free slot */
	uint64_t	 conn_id;	/* flow2kdd record number */
	uint64_t	 first_ts;
	uint64_t	 last_ts;
	struct kdd_seq	 seq[2];	/* TCP payload per direction */
	struct kdd_content *ct;		/* NULL unless a content service */
	uint8_t		 src[16];	/* originator */
	uint8_t		 dst[16];	/* responder */
	uint32_t	 urgent;	/* packets with URG */
	uint16_t	 sport;
	uint16_t	 dport;
	uint16_t	 wrong_fragment;
	uint8_t		 service;
	uint8_t		 proto;
	uint8_t		 ipver;
	struct kdd_tcp	 tcp;
	uint8_t		 cflags;	/* KDD_CF_* */
};

#define KDD_CF_GAP0	0x01	/* content: bytes lost before the next */
#define KDD_CF_GAP1	0x02	/*   segment of direction 0 / 1 */

#endif
