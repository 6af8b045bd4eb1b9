/* pktfmt.h: text and CSV forms of stream records (the formats pktdump prints). */
#ifndef NF_PKTFMT_H
#define NF_PKTFMT_H

#include <stdio.h>

#include "csvout.h"
#include "record.h"

/*
 * Text form, one line per record, in the spirit of "tcpdump -tt -r":
 *
 *   TS IP SRC.SPORT > DST.DPORT: tcp Flags [S.], seq N, ack N, win N,
 *      length N, wire N cap N [...]
 *   TS FLOW_BEGIN flow N tcp SRC.SPORT > DST.DPORT
 *   TS FLOW_END flow N ... reason fin fwd N bwd N first TS
 *   TS TICK
 *   END [incomplete] name=value ...
 *
 * TS is epoch seconds with 9 decimals.  verbose adds ttl, IP id, header
 * lengths and TCP options to PKT lines.
 */
void	nf_fmt_header_text(FILE *, const struct nf_header *);
void	nf_fmt_rec_text(FILE *, const struct nf_rec *, int verbose);

/*
 * CSV form: the header row and one row per record, columns as in
 * nf_pktcsv_columns (pktdump(1) documents which fields each record type
 * fills; the others are empty).
 */
extern const char *const nf_pktcsv_columns[];
void	nf_fmt_csv_header(struct nf_csv *);
void	nf_fmt_rec_csv(struct nf_csv *, const struct nf_rec *);

/* The snippet and frame bytes of a PKT in hex, one "\tsnip HEX" and one
 * "\tframe HEX" line (each only when present): pktdump -x. */
void	nf_fmt_pkt_hex(FILE *, const struct nf_pkt *);

/* TCP flag letters as tcpdump prints them ("S.", "FP.", "none"); buf
 * holds at least 12 bytes. */
char	*nf_tcpflags_str(uint8_t flags, uint8_t flags2, char *buf);

#endif
