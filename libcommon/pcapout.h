/* pcapout.h: encode pcap (nanosecond) and pcapng headers and packet records into memory. */
#ifndef NF_PCAPOUT_H
#define NF_PCAPOUT_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

enum nf_capfmt {
	NF_CAPFMT_PCAP = 0,	/* libpcap savefile, nanosecond magic a1b23c4d */
	NF_CAPFMT_PCAPNG = 1	/* pcapng: SHB, one IDB per interface, EPBs */
};

/* Largest file header nf_capfile_header() writes for niface interfaces. */
size_t	nf_capfile_header_size(int fmt, size_t niface);
/*
 * Write the file header into buf: for pcap the global header with the
 * given linktype and snaplen; for pcapng an SHB and one IDB per interface
 * of hdr (if_tsresol 9, so timestamps keep nanoseconds).  Returns bytes.
 */
size_t	nf_capfile_header(int fmt, uint8_t *buf, uint32_t linktype,
	    uint32_t snaplen, const struct nf_header *hdr);
/* Size of one packet record with caplen frame bytes. */
size_t	nf_capfile_rec_size(int fmt, uint32_t caplen);
/* Write one packet record (ts, frame, lengths; pcapng: interface id). */
size_t	nf_capfile_rec(int fmt, uint8_t *buf, const struct nf_pkt *k);

#endif
