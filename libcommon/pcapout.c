/* pcapout.c: encode pcap (nanosecond) and pcapng headers and packet records into memory. */
#include <string.h>

#include "pcapout.h"

/* Both formats are written little-endian, field by field. */
static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

#define PCAP_MAGIC_NS	0xa1b23c4dU
#define PCAP_GHDR	24
#define PCAP_RHDR	16
#define NG_SHB		0x0A0D0D0AU
#define NG_IDB		1U
#define NG_EPB		6U
#define NG_BOM		0x1A2B3C4DU
#define NG_SHB_LEN	28
#define NG_IDB_LEN	(20 + 8 + 4)	/* body + if_tsresol + opt_endofopt */
#define NG_EPB_FIXED	32

static size_t
pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

size_t
nf_capfile_header_size(int fmt, size_t niface)
{
	if (fmt == NF_CAPFMT_PCAP)
		return PCAP_GHDR;
	return NG_SHB_LEN + niface * NG_IDB_LEN;
}

/*
 * pcapng Interface Description Block (draft-ietf-opsawg-pcapng):
 *  +---------------------------------------------------------------+
 *  |                    Block Type = 0x00000001                    |
 *  |                      Block Total Length                       |
 *  |           LinkType            |           Reserved            |
 *  |                            SnapLen                            |
 *  |  if_tsresol (9): code 9, length 1, value 9, 3 bytes padding   |
 *  |  opt_endofopt: 4 zero bytes                                   |
 *  |                      Block Total Length                       |
 *  +---------------------------------------------------------------+
 */
static size_t
idb(uint8_t *b, uint32_t linktype, uint32_t snaplen)
{
	put32(b, NG_IDB);
	put32(b + 4, NG_IDB_LEN);
	put16(b + 8, (uint16_t)linktype);
	put16(b + 10, 0);
	put32(b + 12, snaplen);
	put16(b + 16, 9);		/* if_tsresol */
	put16(b + 18, 1);
	b[20] = 9;			/* 10^-9 s */
	b[21] = b[22] = b[23] = 0;
	put32(b + 24, 0);		/* opt_endofopt */
	put32(b + 28, NG_IDB_LEN);
	return NG_IDB_LEN;
}

size_t
nf_capfile_header(int fmt, uint8_t *b, uint32_t linktype, uint32_t snaplen,
    const struct nf_header *hdr)
{
	size_t i, n;

	if (fmt == NF_CAPFMT_PCAP) {
		put32(b, PCAP_MAGIC_NS);
		put16(b + 4, 2);
		put16(b + 6, 4);
		put32(b + 8, 0);		/* thiszone */
		put32(b + 12, 0);		/* sigfigs */
		put32(b + 16, snaplen);
		put32(b + 20, linktype);
		return PCAP_GHDR;
	}
	put32(b, NG_SHB);
	put32(b + 4, NG_SHB_LEN);
	put32(b + 8, NG_BOM);
	put16(b + 12, 1);
	put16(b + 14, 0);
	put32(b + 16, 0xffffffffU);	/* section length unknown (-1) */
	put32(b + 20, 0xffffffffU);
	put32(b + 24, NG_SHB_LEN);
	n = NG_SHB_LEN;
	for (i = 0; i < hdr->niface; i++)
		n += idb(b + n, hdr->iface[i].linktype,
		    hdr->iface[i].snaplen);
	return n;
}

size_t
nf_capfile_rec_size(int fmt, uint32_t caplen)
{
	if (fmt == NF_CAPFMT_PCAP)
		return PCAP_RHDR + caplen;
	return NG_EPB_FIXED + pad4(caplen);
}

size_t
nf_capfile_rec(int fmt, uint8_t *b, const struct nf_pkt *k)
{
	size_t len = nf_capfile_rec_size(fmt, k->frame_len);

	if (fmt == NF_CAPFMT_PCAP) {
		put32(b, (uint32_t)(k->ts_ns / 1000000000U));
		put32(b + 4, (uint32_t)(k->ts_ns % 1000000000U));
		put32(b + 8, k->frame_len);
		put32(b + 12, k->wire_len);
		memcpy(b + 16, k->frame, k->frame_len);
		return len;
	}
	/* Enhanced Packet Block: type, length, interface, ts (high, low),
	 * captured length, original length, data padded to 4, length. */
	put32(b, NG_EPB);
	put32(b + 4, (uint32_t)len);
	put32(b + 8, k->ifindex);
	put32(b + 12, (uint32_t)(k->ts_ns >> 32));
	put32(b + 16, (uint32_t)k->ts_ns);
	put32(b + 20, k->frame_len);
	put32(b + 24, k->wire_len);
	memcpy(b + 28, k->frame, k->frame_len);
	memset(b + 28 + k->frame_len, 0, pad4(k->frame_len) - k->frame_len);
	put32(b + len - 4, (uint32_t)len);
	return len;
}
