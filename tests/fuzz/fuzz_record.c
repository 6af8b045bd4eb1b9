/* fuzz_record: libFuzzer target for the record-stream reader (nf_reader over a memfd). */

/*
 * The input is a whole record stream.  It is put in a memfd and read with
 * nf_reader_open / nf_read to the end, as every stage does; each decoded
 * header is re-encoded and decoded again (the encoder must accept what
 * the decoder produced), and each decoded PKT, flow and END record is
 * re-encoded and decoded to the same values.  After each record the
 * look-ahead (nf_ahead_next, as pkt2flow and flow2cic use it) walks the
 * buffered rest: it must stay inside the buffer whatever the bytes.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "record.h"

static void
check_header(const struct nf_header *h)
{
	struct nf_header h2;
	uint8_t *buf;
	size_t len;
	char err[256];

	if (nf_header_encode(h, &buf, &len) != 0)
		return;		/* too big for one header: refused, fine */
	nf_header_init(&h2);
	if (nf_header_decode(buf, len, &h2, err, sizeof(err)) != 0)
		abort();
	if (h2.nprov != h->nprov || h2.niface != h->niface ||
	    h2.flags != h->flags || h2.snap_payload != h->snap_payload)
		abort();
	nf_header_free(&h2);
	free(buf);
}

/* Field by field: the struct has padding. */
static int
same_flow(const struct nf_flow *a, const struct nf_flow *b)
{
	return a->flow_id == b->flow_id && a->first_ts == b->first_ts &&
	    a->last_ts == b->last_ts && memcmp(a->src, b->src, 16) == 0 &&
	    memcmp(a->dst, b->dst, 16) == 0 && a->sport == b->sport &&
	    a->dport == b->dport && a->proto == b->proto &&
	    a->ip_version == b->ip_version && a->reason == b->reason &&
	    a->flags == b->flags && a->vlan == b->vlan &&
	    a->icmp_type == b->icmp_type && a->fwd_pkts == b->fwd_pkts &&
	    a->bwd_pkts == b->bwd_pkts && a->prev_flow_id == b->prev_flow_id;
}

static void
check_record(const struct nf_rec *r)
{
	static uint8_t buf[NF_REC_MAX + 64];
	struct nf_rec r2;
	char err[256];
	size_t n;

	memset(&r2, 0, sizeof(r2));
	switch (r->type) {
	case NF_REC_PKT:
		n = nf_pkt_encode(&r->u.pkt, buf);
		if (nf_rec_decode(buf, (uint32_t)n, &r2, err, sizeof(err)) ||
		    r2.u.pkt.flow_id != r->u.pkt.flow_id ||
		    r2.u.pkt.snip_len != r->u.pkt.snip_len ||
		    r2.u.pkt.frame_len != r->u.pkt.frame_len ||
		    memcmp(r2.u.pkt.snip, r->u.pkt.snip, r->u.pkt.snip_len) ||
		    memcmp(r2.u.pkt.frame, r->u.pkt.frame,
		    r->u.pkt.frame_len))
			abort();
		break;
	case NF_REC_FLOW_BEGIN:
	case NF_REC_FLOW_END:
		n = nf_flow_encode(r->type, &r->u.flow, buf);
		if (nf_rec_decode(buf, (uint32_t)n, &r2, err, sizeof(err)) ||
		    !same_flow(&r2.u.flow, &r->u.flow))
			abort();
		break;
	case NF_REC_END:
		n = nf_end_encode(&r->u.end, buf);
		if (nf_rec_decode(buf, (uint32_t)n, &r2, err, sizeof(err)) ||
		    r2.u.end.count != r->u.end.count)
			abort();
		nf_end_free(&r2.u.end);
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_reader rd;
	struct nf_ahead ahd = { 0, 0, 0 };
	struct nf_rec *rec;
	struct nf_pkt peek;
	const uint8_t *p;
	int fd;

	if ((fd = memfd_create("fuzz_record", 0)) < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	lseek(fd, 0, SEEK_SET);
	if (nf_reader_open(&rd, fd, "fuzz") == 0) {
		check_header(&rd.hdr);
		while (nf_read(&rd, &rec) == NF_READ_OK) {
			check_record(rec);
			/* Flow records too, every other input. */
			ahd.flows = size % 2;
			while ((p = nf_ahead_next(&rd, &ahd, 4096)) != NULL) {
				if (p[0] != NF_REC_PKT) {
					(void)nf_peek_flow_id(p);
					continue;
				}
				nf_pkt_peek(p, &peek);
				if (nf_peek_flow_id(p) != peek.flow_id)
					abort();
			}
		}
	}
	nf_reader_close(&rd);
	close(fd);
	return 0;
}
