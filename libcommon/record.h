/* record.h: the netfeat binary record stream, version 1: layout, encoding, reading, writing. */
#ifndef NF_RECORD_H
#define NF_RECORD_H

/*
 * The stream is a header followed by records.  Every integer is
 * little-endian and fixed width; every record length is a multiple of 8, so
 * fields stay 8-byte aligned when the stream is read into an aligned
 * buffer.  Encoding and decoding are done field by field by the functions
 * below, never by copying structs.  Frozen for major version 1; the section-5
 * man page netfeat-records(5) is the same description for users.
 *
 * Stream header (NF_HDR_FIXED = 32 bytes, then options):
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            magic "\x89NFEAT\r\n" (8 bytes)                     |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |         major (1)             |          minor (0)            |
 *  +-------------------------------+-------------------------------+
 *  |         header length (bytes, multiple of 8, 32..1 MiB)       |
 *  +---------------------------------------------------------------+
 *  |         flags (NF_HF_*)                                       |
 *  +---------------------------------------------------------------+
 *  |         payload snippet length N (pcap2pkt -P)                |
 *  +---------------------------------------------------------------+
 *  |         reserved (0)                                          |
 *  +---------------------------------------------------------------+
 *  |         reserved (0)                                          |
 *  +---------------------------------------------------------------+
 *  |  options: type (16) | reserved (16) | value length (32) |     |
 *  |           value, zero-padded to a multiple of 8 ...           |
 *  +---------------------------------------------------------------+
 *
 * Header options (unknown types are skipped):
 *   NF_OPT_PROV    text "prog version args...": one per stage, in
 *                  pipeline order (provenance).
 *   NF_OPT_IFACE   u32 linktype, u32 snaplen, u32 tsprec (9 = ns),
 *                  u32 reserved, then the source name (file or device),
 *                  NUL-terminated.  The n-th IFACE option is interface n
 *                  (PKT ifindex).
 *   NF_OPT_FLOWCFG u64 idle_ns, u64 active_ns, u64 linger_ns,
 *                  u32 max_flows (0 = unbounded), u32 flags (NF_FC_*):
 *                  written by pkt2flow.
 * A header is read entirely (its length is known); bytes after the last
 * option up to the header length are ignored, as is anything a newer
 * minor version appends.
 *
 * Records: an 8-byte common header, then the body.
 *
 *  +-------------------------------+-------------------------------+
 *  |        type (NF_REC_*)        |        record flags (0)       |
 *  +-------------------------------+-------------------------------+
 *  |        length of the whole record in bytes (multiple of 8)    |
 *  +---------------------------------------------------------------+
 *
 * PKT (type 1, 128 bytes + data):
 *   off size field
 *     8   8  ts_ns           capture time, ns since 1970 UTC
 *    16   8  flow_id         0 until pkt2flow tags it
 *    24   4  wire_len        length on the wire
 *    28   4  cap_len         bytes captured
 *    32   4  ifindex         interface (see NF_OPT_IFACE)
 *    36   4  status          NF_ST_* decode status bits
 *    40   2  vlan            outer VLAN id, NF_NO_VLAN if none
 *    42   2  vlan_inner      second VLAN id, NF_NO_VLAN if none
 *    44   1  ip_version      0 (not IP), 4 or 6
 *    45   1  proto           IP protocol (last next-header for IPv6)
 *    46   1  ttl             TTL / hop limit
 *    47   1  dir             0 forward (originator), 1 backward
 *    48  16  src             IPv4 in the first 4 bytes, rest zero
 *    64  16  dst
 *    80   2  sport           TCP/UDP/SCTP ports, else 0
 *    82   2  dport
 *    84   1  icmp_type       ICMP/ICMPv6 only
 *    85   1  icmp_code
 *    86   2  icmp_id         echo identifier
 *    88   4  ip_id           IPv4 id, or IPv6 fragment identification
 *    92   2  frag_offset     in bytes
 *    94   1  frag_flags      NF_FF_*
 *    95   1  tcp_flags       FIN=1 SYN=2 RST=4 PSH=8 ACK=16 URG=32 ECE=64 CWR=128
 *    96   4  seq
 *   100   4  ack
 *   104   2  window          raw header value (unscaled)
 *   106   2  urg_ptr
 *   108   2  mss             MSS option, 0 if absent
 *   110   1  wscale          window-scale option, NF_NO_WSCALE if absent
 *   111   1  tcp_flags2      bit 0: NS
 *   112   2  ip_hdr_len      IPv4 IHL*4; IPv6 40 + extension headers
 *   114   2  l4_hdr_len      TCP data offset*4, UDP 8, ICMP 8 ...
 *   116   4  payload_len     L4 payload length by the IP header
 *   120   4  snip_len        payload snippet bytes present
 *   124   4  frame_len       frame bytes present (pcap2pkt --frames)
 *   128      snippet, then frame, then zero padding to a multiple of 8
 *
 * FLOW_BEGIN (type 2) and FLOW_END (type 3), 104 bytes:
 *     8   8  flow_id
 *    16   8  first_ts        ns
 *    24   8  last_ts         ns (FLOW_BEGIN: = first_ts)
 *    32  16  src             originator address
 *    48  16  dst             responder address
 *    64   2  sport           originator port (ICMP: see pkt2flow(1))
 *    66   2  dport
 *    68   1  proto
 *    69   1  ip_version
 *    70   1  reason          NF_END_* (FLOW_BEGIN: 0)
 *    71   1  flow_flags      NF_FL_*
 *    72   2  vlan            NF_NO_VLAN if none or --no-vlan
 *    74   1  icmp_type       ICMP flows: the type that keys the flow
 *    75   1  reserved
 *    76   4  reserved
 *    80   8  fwd_pkts        FLOW_END only (0 in FLOW_BEGIN)
 *    88   8  bwd_pkts
 *    96   8  prev_flow_id    the flow this continues (active timeout), or 0
 *
 * TICK (type 4, 16 bytes): 8 ts_ns -- "time is now ts".
 *
 * END (type 5, 16 + 40 * count bytes):
 *     8   4  end_flags       NF_EF_*
 *    12   4  count
 *    16      count x { char name[32] (NUL-padded), u64 value }
 *   Counters are named "stage.counter"; each stage copies its input's END
 *   counters and appends its own.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NF_MAGIC	"\x89NFEAT\r\n"
#define NF_MAGIC_LEN	8
#define NF_MAJOR	1
#define NF_MINOR	0
#define NF_HDR_FIXED	32
#define NF_HDR_MAX	(1U << 20)	/* largest header we accept */
#define NF_REC_MAX	(1U << 20)	/* largest record we accept */
#define NF_PKT_FIXED	128
#define NF_FLOW_LEN	104
#define NF_TICK_LEN	16
#define NF_END_FIXED	16
#define NF_CTR_LEN	40
#define NF_CTR_NAME	32
#define NF_END_MAXCTR	1024	/* counters carried in one END */

/* Header flags. */
#define NF_HF_LIVE	0x0001	/* live capture: expect TICKs, flush often */
#define NF_HF_FRAMES	0x0002	/* PKT records carry whole frames */
#define NF_HF_FLOWS	0x0004	/* tagged by pkt2flow */
#define NF_HF_UNIDIR	0x0008	/* pkt2flow --unidirectional */

/* Header option types. */
#define NF_OPT_END	0
#define NF_OPT_PROV	1
#define NF_OPT_IFACE	2
#define NF_OPT_FLOWCFG	3

/* FLOWCFG flags. */
#define NF_FC_NOVLAN	0x0001
#define NF_FC_UNIDIR	0x0002
#define NF_FC_FINCLOSE	0x0004	/* first FIN closes the flow (CIC compat) */

/* Record types. */
#define NF_REC_PKT		1
#define NF_REC_FLOW_BEGIN	2
#define NF_REC_FLOW_END		3
#define NF_REC_TICK		4
#define NF_REC_END		5

#define NF_NO_VLAN	0xFFFF
#define NF_NO_WSCALE	0xFF

/* PKT decode status bits. */
#define NF_ST_TRUNCATED		0x00000001 /* frame ends inside a header */
#define NF_ST_MALFORMED		0x00000002 /* impossible header field */
#define NF_ST_LINK_UNSUP	0x00000004 /* link type not decoded */
#define NF_ST_FRAGMENT		0x00000008 /* an IP fragment */
#define NF_ST_FRAG_OVERLAP	0x00000010 /* overlaps an earlier fragment */
#define NF_ST_FRAG_OVERSIZE	0x00000020 /* datagram beyond 65535 bytes */
#define NF_ST_FRAG_NOFIRST	0x00000040 /* first fragment not seen (yet) */
#define NF_ST_BAD_IPCSUM	0x00000080 /* IPv4 header checksum wrong */
#define NF_ST_BAD_L4CSUM	0x00000100 /* TCP/UDP/ICMP checksum wrong */
#define NF_ST_L4_TRUNC		0x00000200 /* L4 header cut by snaplen */
#define NF_ST_BAD_TS		0x00000400 /* invalid timestamp in capture */
#define NF_ST_TS_BACK		0x00000800 /* earlier than previous packet */
#define NF_ST_FRAG_TABLE_FULL	0x00001000 /* fragment table cap hit */

/* Fragment flags. */
#define NF_FF_MF	0x01	/* more fragments */
#define NF_FF_DF	0x02	/* don't fragment (IPv4) */
#define NF_FF_V6FRAG	0x04	/* IPv6 fragment header present */

/* TCP flag bits (tcp_flags). */
#define NF_TH_FIN	0x01
#define NF_TH_SYN	0x02
#define NF_TH_RST	0x04
#define NF_TH_PSH	0x08
#define NF_TH_ACK	0x10
#define NF_TH_URG	0x20
#define NF_TH_ECE	0x40
#define NF_TH_CWR	0x80

/* Flow end reasons. */
enum nf_end_reason {
	NF_END_NONE = 0,	/* FLOW_BEGIN */
	NF_END_FIN = 1,		/* both FINs seen and the last acknowledged */
	NF_END_RST = 2,
	NF_END_IDLE = 3,	/* idle timeout */
	NF_END_ACTIVE = 4,	/* active timeout; continues as a new flow */
	NF_END_EOF = 5,		/* end of input */
	NF_END_EVICTED = 6,	/* table full */
	NF_END_TRUNCATED = 7,	/* input stream truncated (set downstream) */
	NF_END_NREASONS
};

/* FLOW flags. */
#define NF_FL_CONTINUED	0x01	/* continues prev_flow_id (active timeout) */
#define NF_FL_SYNACK_FIRST 0x02	/* first packet was SYN+ACK; orientation reversed */

/* END flags. */
#define NF_EF_INCOMPLETE 0x0001	/* the producer stopped on bad input */

/* A decoded PKT record.  snip and frame point into the reader's buffer and
 * are valid until the next nf_read(); for writing they point to the
 * caller's bytes. */
struct nf_pkt {
	uint64_t	 ts_ns;
	uint64_t	 flow_id;
	uint32_t	 wire_len;
	uint32_t	 cap_len;
	uint32_t	 ifindex;
	uint32_t	 status;
	uint16_t	 vlan;
	uint16_t	 vlan_inner;
	uint8_t		 ip_version;
	uint8_t		 proto;
	uint8_t		 ttl;
	uint8_t		 dir;
	uint8_t		 src[16];
	uint8_t		 dst[16];
	uint16_t	 sport;
	uint16_t	 dport;
	uint8_t		 icmp_type;
	uint8_t		 icmp_code;
	uint16_t	 icmp_id;
	uint32_t	 ip_id;
	uint16_t	 frag_offset;
	uint8_t		 frag_flags;
	uint8_t		 tcp_flags;
	uint32_t	 seq;
	uint32_t	 ack;
	uint16_t	 window;
	uint16_t	 urg_ptr;
	uint16_t	 mss;
	uint8_t		 wscale;
	uint8_t		 tcp_flags2;
	uint16_t	 ip_hdr_len;
	uint16_t	 l4_hdr_len;
	uint32_t	 payload_len;
	uint32_t	 snip_len;
	uint32_t	 frame_len;
	const uint8_t	*snip;
	const uint8_t	*frame;
};

/* FLOW_BEGIN / FLOW_END. */
struct nf_flow {
	uint64_t	 flow_id;
	uint64_t	 first_ts;
	uint64_t	 last_ts;
	uint8_t		 src[16];
	uint8_t		 dst[16];
	uint16_t	 sport;
	uint16_t	 dport;
	uint8_t		 proto;
	uint8_t		 ip_version;
	uint8_t		 reason;
	uint8_t		 flags;
	uint16_t	 vlan;
	uint8_t		 icmp_type;
	uint64_t	 fwd_pkts;
	uint64_t	 bwd_pkts;
	uint64_t	 prev_flow_id;
};

struct nf_counter {
	char		 name[NF_CTR_NAME];	/* NUL-terminated */
	uint64_t	 value;
};

/* END: counters owned by the struct (heap array, see nf_end_*). */
struct nf_end {
	uint32_t	 flags;
	uint32_t	 count;
	struct nf_counter *ctr;
};

struct nf_rec {
	uint16_t	 type;
	uint16_t	 rflags;
	uint32_t	 len;		/* whole record length */
	uint64_t	 offset;	/* stream byte offset of the record */
	union {
		struct nf_pkt	pkt;
		struct nf_flow	flow;
		uint64_t	tick_ns;
		struct nf_end	end;
	} u;
	const uint8_t	*raw;		/* the record's bytes, len long */
};

struct nf_iface {
	uint32_t	 linktype;
	uint32_t	 snaplen;
	uint32_t	 tsprec;
	char		*name;
};

struct nf_flowcfg {
	uint64_t	 idle_ns;
	uint64_t	 active_ns;
	uint64_t	 linger_ns;
	uint32_t	 max_flows;
	uint32_t	 flags;
	int		 present;
};

/* Stream header, decoded.  Owns its strings (nf_header_free). */
struct nf_header {
	uint16_t	 major;
	uint16_t	 minor;
	uint32_t	 flags;
	uint32_t	 snap_payload;
	size_t		 nprov;
	char		**prov;
	size_t		 niface;
	struct nf_iface	*iface;
	struct nf_flowcfg flowcfg;
};

/* --- header -------------------------------------------------------- */

void	nf_header_init(struct nf_header *);
void	nf_header_free(struct nf_header *);
/* Copy src into dst (deep); dst must be initialised or freed.  -1 on ENOMEM. */
int	nf_header_copy(struct nf_header *dst, const struct nf_header *src);
/* Append a provenance line "prog version arg1 arg2 ..." built from argv. */
int	nf_header_add_prov(struct nf_header *, int argc, char *const argv[]);
int	nf_header_add_iface(struct nf_header *, uint32_t linktype,
	    uint32_t snaplen, uint32_t tsprec, const char *name);

/*
 * Encode the header into a malloc'd buffer (*out, *outlen).  Returns 0, or
 * -1 on ENOMEM / header over NF_HDR_MAX.
 */
int	nf_header_encode(const struct nf_header *, uint8_t **out,
	    size_t *outlen);
/*
 * Decode a header from buf (len bytes, which must be the whole header as
 * its length field says).  On error returns -1 and writes a message
 * (without program name) into err.
 */
int	nf_header_decode(const uint8_t *buf, size_t len, struct nf_header *,
	    char *err, size_t errlen);

/* --- records ------------------------------------------------------- */

/* Encoded size of a PKT with the given snippet and frame lengths. */
size_t	nf_pkt_size(uint32_t snip_len, uint32_t frame_len);
/* Encode into buf (which holds at least the size above); returns bytes. */
size_t	nf_pkt_encode(const struct nf_pkt *, uint8_t *buf);
size_t	nf_flow_encode(int type, const struct nf_flow *, uint8_t *buf);
size_t	nf_tick_encode(uint64_t ts_ns, uint8_t *buf);
size_t	nf_end_size(uint32_t count);
size_t	nf_end_encode(const struct nf_end *, uint8_t *buf);

/*
 * Decode one record whose common header says len bytes (already checked to
 * be >= 8, a multiple of 8 and available in buf).  Returns 0, or -1 with a
 * message in err when a size field is inconsistent.  Unknown types decode
 * to just the common header.  END counters are malloc'd into rec->u.end;
 * they are owned by rec while rec->type is END and freed by the next
 * decode into rec (so rec must start zeroed or with nf_end_init).
 */
int	nf_rec_decode(const uint8_t *buf, uint32_t len, struct nf_rec *rec,
	    char *err, size_t errlen);

/* END helpers: counters are an owned, growable array. */
void	nf_end_init(struct nf_end *);
void	nf_end_free(struct nf_end *);
/* Add to counter name (created at the end if absent).  -1 on ENOMEM or
 * when NF_END_MAXCTR is reached. */
int	nf_end_add(struct nf_end *, const char *name, uint64_t value);
/* Value of counter name, or 0. */
uint64_t nf_end_get(const struct nf_end *, const char *name);

/* --- reader -------------------------------------------------------- */

enum nf_read_status {
	NF_READ_OK = 1,		/* a record is in *rec */
	NF_READ_EOF = 0,	/* clean end: END was read, then EOF */
	NF_READ_ERR = -1	/* error; message in reader->errmsg */
};

/*
 * A buffered reader over a file descriptor.  nf_reader_open reads and
 * validates the stream header.  nf_read returns the next record (skipping
 * none: unknown types come back with their type so callers can pass them
 * on or ignore them).  After END, anything but EOF is an error.  EOF
 * without END, or inside a record, is NF_READ_ERR with the message
 * "truncated stream at offset N ..." and reader->truncated set.
 */
struct nf_reader {
	int		 fd;
	const char	*name;		/* for messages: file or "<stdin>" */
	uint8_t		*buf;		/* 8-aligned */
	size_t		 cap;
	size_t		 start;		/* next unread byte */
	size_t		 fill;		/* bytes valid */
	uint64_t	 offset;	/* stream offset of buf[start] */
	uint64_t	 nrec;		/* records returned */
	int		 seen_end;
	int		 truncated;	/* EOF without END or inside a record */
	int		 eof;
	int		 incomplete;	/* END said NF_EF_INCOMPLETE */
	uint64_t	 upstream_cut;	/* its "STAGE.truncated_at", or 0 */
	char		 upstream[NF_CTR_NAME]; /* that STAGE */
	struct nf_header hdr;
	uint8_t		*hdr_raw;	/* the header's bytes as read */
	size_t		 hdr_len;
	struct nf_rec	 rec;		/* owns the last END's counters */
	char		 errmsg[256];
};

/* Open: fd is read from (not closed by nf_reader_close); name for
 * messages.  Returns 0, or -1 with errmsg set (bad magic, unknown major,
 * truncated header, read error). */
int	nf_reader_open(struct nf_reader *, int fd, const char *name);
int	nf_read(struct nf_reader *, struct nf_rec **rec);
void	nf_reader_close(struct nf_reader *);

/*
 * Look-ahead for prefetching: records that are already in the reader's
 * buffer but not yet returned.  A cursor (zeroed to start, flows set to
 * 1 to see FLOW_BEGIN and FLOW_END records too) walks forward record by
 * record; nf_ahead_next() returns the next PKT (or flow) record that
 * starts within `window` bytes after the record last returned and whose
 * fixed part is buffered, or NULL when there is none (yet).  Records are
 * not validated here -- nf_read does that when it reaches them -- but
 * nothing outside the buffered bytes is read, so a bad stream only gives
 * useless hints.  nf_pkt_peek() reads the fixed fields of a PKT record
 * (snip and frame NULL), nf_peek_flow_id() the flow id of either kind,
 * nf_peek_dir() a packet's direction.
 */
struct nf_ahead {
	uint64_t	 off;		/* stream offset of the next record */
	uint64_t	 at;		/* that of the one last returned */
	int		 flows;		/* return flow records too */
};

const uint8_t *nf_ahead_next_slow(const struct nf_reader *,
	    struct nf_ahead *, size_t window);

/* Inline: called twice per record by the stages that look ahead.  The
 * usual answers -- a PKT record at the cursor, or the window reached --
 * are given here, anything else by nf_ahead_next_slow. */
inline const uint8_t *
nf_ahead_next(const struct nf_reader *r, struct nf_ahead *a, size_t window)
{
	const uint8_t *p;
	size_t at;
	uint32_t len;

	if (a->off < r->offset)
		return nf_ahead_next_slow(r, a, window);
	if ((at = (size_t)(a->off - r->offset)) >= window)
		return NULL;
	if (at + NF_PKT_FIXED <= r->fill - r->start) {
		p = r->buf + r->start + at;
		len = (uint32_t)p[4] | (uint32_t)p[5] << 8 |
		    (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
		if (p[0] == NF_REC_PKT && p[1] == 0 && len >= NF_PKT_FIXED &&
		    len % 8 == 0 && len <= NF_REC_MAX) {
			a->at = a->off;
			a->off += len;
			return p;
		}
	}
	return nf_ahead_next_slow(r, a, window);
}

void	nf_pkt_peek(const uint8_t *raw, struct nf_pkt *);
uint64_t nf_peek_flow_id(const uint8_t *raw);
/* The direction (0 or 1) of a PKT record, -1 for other records. */
int	nf_peek_dir(const uint8_t *raw);

/*
 * After the read loop of a stage: when the END record was marked
 * incomplete (an upstream stage stopped on a truncated stream or bad
 * input), print that -- with the upstream cut offset when a stage
 * recorded one as "STAGE.truncated_at" -- and return EXIT_BAD (1); else 0.
 * Every stage fails the same way, so a pipeline never hides the loss.
 */
int	nf_reader_check_end(const struct nf_reader *);

/*
 * Open a stream operand for a stage: NULL or "-" is stdin.  On any
 * failure prints the message and exits 1.
 */
void	nf_reader_open_path(struct nf_reader *, const char *path);

/* --- writer -------------------------------------------------------- */

/*
 * A buffered writer over a file descriptor.  Writes are accumulated and
 * flushed with nf_write_full() when the buffer fills, on nf_writer_flush()
 * and at close.  Write errors print a message and exit 1; EPIPE exits
 * quietly by SIGPIPE.
 */
struct nf_wthread;

struct nf_writer {
	int		 fd;
	const char	*name;
	uint8_t		*buf;
	size_t		 cap;
	size_t		 fill;
	uint64_t	 offset;	/* bytes written so far (stream offset) */
	int		 live;		/* flush after each TICK / FLOW_END */
	struct nf_wthread *wt;		/* writing thread (a pipe), or NULL */
};

/* Refuses (exit 1, with a hint to pipe into pktdump) when fd is a
 * terminal. */
void	nf_writer_open(struct nf_writer *, int fd, const char *name);
void	nf_writer_header(struct nf_writer *, const struct nf_header *);
void	nf_write_pkt(struct nf_writer *, const struct nf_pkt *);
void	nf_write_flow(struct nf_writer *, int type, const struct nf_flow *);
void	nf_write_tick(struct nf_writer *, uint64_t ts_ns);
void	nf_write_end(struct nf_writer *, const struct nf_end *);
/* Write a record's raw bytes unchanged (pass-through). */
void	nf_write_raw(struct nf_writer *, const uint8_t *raw, size_t len);
/* Write a PKT record's raw bytes (as read) with flow_id and dir set: a
 * stage that only tags packets need not encode them again. */
void	nf_write_pkt_retag(struct nf_writer *, const uint8_t *raw,
	    size_t len, uint64_t flow_id, uint8_t dir);
void	nf_writer_flush(struct nf_writer *);
void	nf_writer_close(struct nf_writer *);

/* Name of an end reason ("fin", "rst", "idle", "active", "eof", "evicted",
 * "truncated"; "" for none). */
const char *nf_reason_name(int reason);

#endif
