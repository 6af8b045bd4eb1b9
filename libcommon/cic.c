/* cic.c: CICFlowMeter features: per-flow accumulators, the column table, the flow table, CSV rows. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cic.h"
#include "numfmt.h"

#define US_PER_S	1000000.0

/*
 * The column table: every column any header mode prints, in one order of
 * which each mode's list is a subsequence (spec section 1).  A NULL name
 * means "not in this mode".  Modes: cicflowmeter (V4 tool, 84 columns),
 * cic2017 (TrafficLabelling CSVs, 85: Fwd Header Length twice), cic2018
 * (80), engelen (the corrected fork, 94).
 */
struct cic_coldef {
	int		 col;		/* enum cic_col */
	const char	*name[CIC_NHEADER];
};

static const struct cic_coldef coldefs[] = {
	{ CC_FLOW_ID, { "Flow ID", "Flow ID", NULL, "Flow ID" } },
	{ CC_SRC_IP, { "Src IP", "Source IP", NULL, "Src IP" } },
	{ CC_SRC_PORT, { "Src Port", "Source Port", NULL, "Src Port" } },
	{ CC_DST_IP, { "Dst IP", "Destination IP", NULL, "Dst IP" } },
	{ CC_DST_PORT, { "Dst Port", "Destination Port", "Dst Port",
	    "Dst Port" } },
	{ CC_PROTO, { "Protocol", "Protocol", "Protocol", "Protocol" } },
	{ CC_TIMESTAMP, { "Timestamp", "Timestamp", "Timestamp",
	    "Timestamp" } },
	{ CC_DURATION, { "Flow Duration", "Flow Duration", "Flow Duration",
	    "Flow Duration" } },
	{ CC_FWD_PKTS, { "Total Fwd Packet", "Total Fwd Packets",
	    "Tot Fwd Pkts", "Total Fwd Packet" } },
	{ CC_BWD_PKTS, { "Total Bwd packets", "Total Backward Packets",
	    "Tot Bwd Pkts", "Total Bwd packets" } },
	{ CC_FWD_BYTES, { "Total Length of Fwd Packet",
	    "Total Length of Fwd Packets", "TotLen Fwd Pkts",
	    "Total Length of Fwd Packet" } },
	{ CC_BWD_BYTES, { "Total Length of Bwd Packet",
	    "Total Length of Bwd Packets", "TotLen Bwd Pkts",
	    "Total Length of Bwd Packet" } },
	{ CC_FWD_LEN_MAX, { "Fwd Packet Length Max", "Fwd Packet Length Max",
	    "Fwd Pkt Len Max", "Fwd Packet Length Max" } },
	{ CC_FWD_LEN_MIN, { "Fwd Packet Length Min", "Fwd Packet Length Min",
	    "Fwd Pkt Len Min", "Fwd Packet Length Min" } },
	{ CC_FWD_LEN_MEAN, { "Fwd Packet Length Mean",
	    "Fwd Packet Length Mean", "Fwd Pkt Len Mean",
	    "Fwd Packet Length Mean" } },
	{ CC_FWD_LEN_STD, { "Fwd Packet Length Std", "Fwd Packet Length Std",
	    "Fwd Pkt Len Std", "Fwd Packet Length Std" } },
	{ CC_BWD_LEN_MAX, { "Bwd Packet Length Max", "Bwd Packet Length Max",
	    "Bwd Pkt Len Max", "Bwd Packet Length Max" } },
	{ CC_BWD_LEN_MIN, { "Bwd Packet Length Min", "Bwd Packet Length Min",
	    "Bwd Pkt Len Min", "Bwd Packet Length Min" } },
	{ CC_BWD_LEN_MEAN, { "Bwd Packet Length Mean",
	    "Bwd Packet Length Mean", "Bwd Pkt Len Mean",
	    "Bwd Packet Length Mean" } },
	{ CC_BWD_LEN_STD, { "Bwd Packet Length Std", "Bwd Packet Length Std",
	    "Bwd Pkt Len Std", "Bwd Packet Length Std" } },
	{ CC_FLOW_BYTES_S, { "Flow Bytes/s", "Flow Bytes/s", "Flow Byts/s",
	    "Flow Bytes/s" } },
	{ CC_FLOW_PKTS_S, { "Flow Packets/s", "Flow Packets/s", "Flow Pkts/s",
	    "Flow Packets/s" } },
	{ CC_IAT_MEAN, { "Flow IAT Mean", "Flow IAT Mean", "Flow IAT Mean",
	    "Flow IAT Mean" } },
	{ CC_IAT_STD, { "Flow IAT Std", "Flow IAT Std", "Flow IAT Std",
	    "Flow IAT Std" } },
	{ CC_IAT_MAX, { "Flow IAT Max", "Flow IAT Max", "Flow IAT Max",
	    "Flow IAT Max" } },
	{ CC_IAT_MIN, { "Flow IAT Min", "Flow IAT Min", "Flow IAT Min",
	    "Flow IAT Min" } },
	{ CC_FWD_IAT_TOT, { "Fwd IAT Total", "Fwd IAT Total", "Fwd IAT Tot",
	    "Fwd IAT Total" } },
	{ CC_FWD_IAT_MEAN, { "Fwd IAT Mean", "Fwd IAT Mean", "Fwd IAT Mean",
	    "Fwd IAT Mean" } },
	{ CC_FWD_IAT_STD, { "Fwd IAT Std", "Fwd IAT Std", "Fwd IAT Std",
	    "Fwd IAT Std" } },
	{ CC_FWD_IAT_MAX, { "Fwd IAT Max", "Fwd IAT Max", "Fwd IAT Max",
	    "Fwd IAT Max" } },
	{ CC_FWD_IAT_MIN, { "Fwd IAT Min", "Fwd IAT Min", "Fwd IAT Min",
	    "Fwd IAT Min" } },
	{ CC_BWD_IAT_TOT, { "Bwd IAT Total", "Bwd IAT Total", "Bwd IAT Tot",
	    "Bwd IAT Total" } },
	{ CC_BWD_IAT_MEAN, { "Bwd IAT Mean", "Bwd IAT Mean", "Bwd IAT Mean",
	    "Bwd IAT Mean" } },
	{ CC_BWD_IAT_STD, { "Bwd IAT Std", "Bwd IAT Std", "Bwd IAT Std",
	    "Bwd IAT Std" } },
	{ CC_BWD_IAT_MAX, { "Bwd IAT Max", "Bwd IAT Max", "Bwd IAT Max",
	    "Bwd IAT Max" } },
	{ CC_BWD_IAT_MIN, { "Bwd IAT Min", "Bwd IAT Min", "Bwd IAT Min",
	    "Bwd IAT Min" } },
	{ CC_FWD_PSH, { "Fwd PSH Flags", "Fwd PSH Flags", "Fwd PSH Flags",
	    "Fwd PSH Flags" } },
	{ CC_BWD_PSH, { "Bwd PSH Flags", "Bwd PSH Flags", "Bwd PSH Flags",
	    "Bwd PSH Flags" } },
	{ CC_FWD_URG, { "Fwd URG Flags", "Fwd URG Flags", "Fwd URG Flags",
	    "Fwd URG Flags" } },
	{ CC_BWD_URG, { "Bwd URG Flags", "Bwd URG Flags", "Bwd URG Flags",
	    "Bwd URG Flags" } },
	{ CC_FWD_RST, { NULL, NULL, NULL, "Fwd RST Flags" } },
	{ CC_BWD_RST, { NULL, NULL, NULL, "Bwd RST Flags" } },
	{ CC_FWD_HDR, { "Fwd Header Length", "Fwd Header Length",
	    "Fwd Header Len", "Fwd Header Length" } },
	{ CC_BWD_HDR, { "Bwd Header Length", "Bwd Header Length",
	    "Bwd Header Len", "Bwd Header Length" } },
	{ CC_FWD_PKTS_S, { "Fwd Packets/s", "Fwd Packets/s", "Fwd Pkts/s",
	    "Fwd Packets/s" } },
	{ CC_BWD_PKTS_S, { "Bwd Packets/s", "Bwd Packets/s", "Bwd Pkts/s",
	    "Bwd Packets/s" } },
	{ CC_LEN_MIN, { "Packet Length Min", "Min Packet Length",
	    "Pkt Len Min", "Packet Length Min" } },
	{ CC_LEN_MAX, { "Packet Length Max", "Max Packet Length",
	    "Pkt Len Max", "Packet Length Max" } },
	{ CC_LEN_MEAN, { "Packet Length Mean", "Packet Length Mean",
	    "Pkt Len Mean", "Packet Length Mean" } },
	{ CC_LEN_STD, { "Packet Length Std", "Packet Length Std",
	    "Pkt Len Std", "Packet Length Std" } },
	{ CC_LEN_VAR, { "Packet Length Variance", "Packet Length Variance",
	    "Pkt Len Var", "Packet Length Variance" } },
	{ CC_FIN, { "FIN Flag Count", "FIN Flag Count", "FIN Flag Cnt",
	    "FIN Flag Count" } },
	{ CC_SYN, { "SYN Flag Count", "SYN Flag Count", "SYN Flag Cnt",
	    "SYN Flag Count" } },
	{ CC_RST, { "RST Flag Count", "RST Flag Count", "RST Flag Cnt",
	    "RST Flag Count" } },
	{ CC_PSH, { "PSH Flag Count", "PSH Flag Count", "PSH Flag Cnt",
	    "PSH Flag Count" } },
	{ CC_ACK, { "ACK Flag Count", "ACK Flag Count", "ACK Flag Cnt",
	    "ACK Flag Count" } },
	{ CC_URG, { "URG Flag Count", "URG Flag Count", "URG Flag Cnt",
	    "URG Flag Count" } },
	{ CC_CWR, { "CWR Flag Count", "CWE Flag Count", "CWE Flag Count",
	    "CWR Flag Count" } },
	{ CC_ECE, { "ECE Flag Count", "ECE Flag Count", "ECE Flag Cnt",
	    "ECE Flag Count" } },
	{ CC_DOWN_UP, { "Down/Up Ratio", "Down/Up Ratio", "Down/Up Ratio",
	    "Down/Up Ratio" } },
	{ CC_AVG_PKT, { "Average Packet Size", "Average Packet Size",
	    "Pkt Size Avg", "Average Packet Size" } },
	{ CC_FWD_SEG_AVG, { "Fwd Segment Size Avg", "Avg Fwd Segment Size",
	    "Fwd Seg Size Avg", "Fwd Segment Size Avg" } },
	{ CC_BWD_SEG_AVG, { "Bwd Segment Size Avg", "Avg Bwd Segment Size",
	    "Bwd Seg Size Avg", "Bwd Segment Size Avg" } },
	/* CIC-IDS2017 repeats Fwd Header Length here (defect 12). */
	{ CC_FWD_HDR, { NULL, "Fwd Header Length", NULL, NULL } },
	{ CC_FWD_BULK_BYTES, { "Fwd Bytes/Bulk Avg", "Fwd Avg Bytes/Bulk",
	    "Fwd Byts/b Avg", "Fwd Bytes/Bulk Avg" } },
	{ CC_FWD_BULK_PKTS, { "Fwd Packet/Bulk Avg", "Fwd Avg Packets/Bulk",
	    "Fwd Pkts/b Avg", "Fwd Packet/Bulk Avg" } },
	{ CC_FWD_BULK_RATE, { "Fwd Bulk Rate Avg", "Fwd Avg Bulk Rate",
	    "Fwd Blk Rate Avg", "Fwd Bulk Rate Avg" } },
	{ CC_BWD_BULK_BYTES, { "Bwd Bytes/Bulk Avg", "Bwd Avg Bytes/Bulk",
	    "Bwd Byts/b Avg", "Bwd Bytes/Bulk Avg" } },
	{ CC_BWD_BULK_PKTS, { "Bwd Packet/Bulk Avg", "Bwd Avg Packets/Bulk",
	    "Bwd Pkts/b Avg", "Bwd Packet/Bulk Avg" } },
	{ CC_BWD_BULK_RATE, { "Bwd Bulk Rate Avg", "Bwd Avg Bulk Rate",
	    "Bwd Blk Rate Avg", "Bwd Bulk Rate Avg" } },
	{ CC_SF_FWD_PKTS, { "Subflow Fwd Packets", "Subflow Fwd Packets",
	    "Subflow Fwd Pkts", "Subflow Fwd Packets" } },
	{ CC_SF_FWD_BYTES, { "Subflow Fwd Bytes", "Subflow Fwd Bytes",
	    "Subflow Fwd Byts", "Subflow Fwd Bytes" } },
	{ CC_SF_BWD_PKTS, { "Subflow Bwd Packets", "Subflow Bwd Packets",
	    "Subflow Bwd Pkts", "Subflow Bwd Packets" } },
	{ CC_SF_BWD_BYTES, { "Subflow Bwd Bytes", "Subflow Bwd Bytes",
	    "Subflow Bwd Byts", "Subflow Bwd Bytes" } },
	{ CC_INIT_WIN_FWD, { "FWD Init Win Bytes", "Init_Win_bytes_forward",
	    "Init Fwd Win Byts", "FWD Init Win Bytes" } },
	{ CC_INIT_WIN_BWD, { "Bwd Init Win Bytes", "Init_Win_bytes_backward",
	    "Init Bwd Win Byts", "Bwd Init Win Bytes" } },
	{ CC_FWD_ACT_DATA, { "Fwd Act Data Pkts", "act_data_pkt_fwd",
	    "Fwd Act Data Pkts", "Fwd Act Data Pkts" } },
	{ CC_BWD_ACT_DATA, { NULL, NULL, NULL, "Bwd Act Data Pkts" } },
	{ CC_FWD_SEG_MIN, { "Fwd Seg Size Min", "min_seg_size_forward",
	    "Fwd Seg Size Min", "Fwd Seg Size Min" } },
	{ CC_BWD_SEG_MIN, { NULL, NULL, NULL, "Bwd Seg Size Min" } },
	{ CC_ACT_MEAN, { "Active Mean", "Active Mean", "Active Mean",
	    "Active Mean" } },
	{ CC_ACT_STD, { "Active Std", "Active Std", "Active Std",
	    "Active Std" } },
	{ CC_ACT_MAX, { "Active Max", "Active Max", "Active Max",
	    "Active Max" } },
	{ CC_ACT_MIN, { "Active Min", "Active Min", "Active Min",
	    "Active Min" } },
	{ CC_IDLE_MEAN, { "Idle Mean", "Idle Mean", "Idle Mean",
	    "Idle Mean" } },
	{ CC_IDLE_STD, { "Idle Std", "Idle Std", "Idle Std", "Idle Std" } },
	{ CC_IDLE_MAX, { "Idle Max", "Idle Max", "Idle Max", "Idle Max" } },
	{ CC_IDLE_MIN, { "Idle Min", "Idle Min", "Idle Min", "Idle Min" } },
	{ CC_ICMP_CODE, { NULL, NULL, NULL, "ICMP Code" } },
	{ CC_ICMP_TYPE, { NULL, NULL, NULL, "ICMP Type" } },
	{ CC_FWD_RETRANS, { NULL, NULL, NULL, "Fwd TCP Retrans. Count" } },
	{ CC_BWD_RETRANS, { NULL, NULL, NULL, "Bwd TCP Retrans. Count" } },
	{ CC_TOT_RETRANS, { NULL, NULL, NULL, "Total TCP Retrans. Count" } },
	{ CC_CONN_TIME, { NULL, NULL, NULL, "Total Connection Flow Time" } },
	{ CC_LABEL, { "Label", "Label", "Label", "Label" } },
};

#define NCOLDEFS (sizeof(coldefs) / sizeof(coldefs[0]))

static const char *const header_names[CIC_NHEADER] = {
	"cicflowmeter", "cic2017", "cic2018", "engelen"
};

int
cic_header_parse(const char *s)
{
	int i;

	for (i = 0; i < CIC_NHEADER; i++)
		if (strcmp(s, header_names[i]) == 0)
			return i;
	return -1;
}

int
cic_compat_parse(const char *s)
{
	if (strcmp(s, "corrected") == 0)
		return CIC_CORRECTED;
	if (strcmp(s, "cic2017") == 0)
		return CIC_2017;
	return -1;
}

int
cic_ncols(enum cic_header h)
{
	size_t i;
	int n = 0;

	for (i = 0; i < NCOLDEFS; i++)
		if (coldefs[i].name[h] != NULL)
			n++;
	return n;
}

/* --- accumulator ---------------------------------------------------- */

void
cic_flow_init(struct cic_flow *f, uint64_t id)
{
	memset(f, 0, sizeof(*f));
	f->id = id;
}

void
cic_flow_release(struct cic_flow *f)
{
	free(f->ai);
	f->ai = NULL;
}

void
cic_flow_begin(struct cic_flow *f, const struct nf_flow *b,
    const struct cic_opts *o)
{
	memcpy(f->src, b->src, 16);
	memcpy(f->dst, b->dst, 16);
	f->sport = b->sport;
	f->dport = b->dport;
	f->proto = b->proto;
	f->ip_version = b->ip_version;
	f->bits |= CF_KEY;
	/*
	 * The reference makes the sender of the first packet the forward
	 * end even when it is a SYN+ACK; pkt2flow reverses such flows, so
	 * cic2017 swaps them back.
	 */
	if (o->compat == CIC_2017 && (b->flags & NF_FL_SYNACK_FIRST))
		f->bits |= CF_SWAP;
}

static int
is_tcpudp(uint8_t proto)
{
	return proto == 6 || proto == 17;
}

uint32_t
cic_payload(const struct nf_pkt *p, const struct cic_opts *o)
{
	/*
	 * The reference gives protocols other than TCP and UDP payload 0.
	 * Ethernet padding (defect 14) is not reproduced: the 2018 code run
	 * on the corpus (golden/cic-java-2018, c31) does not count it.
	 */
	if (o->compat == CIC_2017 && !is_tcpudp(p->proto))
		return 0;
	return p->payload_len;
}

static uint32_t
hdr_len(const struct nf_pkt *p, const struct cic_opts *o)
{
	if (o->compat == CIC_2017 && !is_tcpudp(p->proto))
		return 0;
	return p->l4_hdr_len;
}

static void
set_key_from_pkt(struct cic_flow *f, const struct nf_pkt *p)
{
	int back = p->dir != 0;

	memcpy(f->src, back ? p->dst : p->src, 16);
	memcpy(f->dst, back ? p->src : p->dst, 16);
	f->sport = back ? p->dport : p->sport;
	f->dport = back ? p->sport : p->dport;
	f->proto = p->proto;
	f->ip_version = p->ip_version;
	f->bits |= CF_KEY;
}

/* Record an active or idle period (allocating the side table). */
static int
push_period(struct cic_flow *f, int idle, int64_t v)
{
	if (f->ai == NULL) {
		f->ai = calloc(1, sizeof(*f->ai));
		if (f->ai == NULL)
			return -1;
	}
	nf_stats_add(idle ? &f->ai->idle : &f->ai->active, v);
	return 0;
}

/*
 * Bulk of direction d (spec section 3): a bulk is CIC_BULK_MIN or more
 * payload packets of one direction, each within CIC_BULK_GAP of the
 * previous one, with no payload from the other direction in between.
 */
static void
bulk_add(struct cic_flow *f, int d, int64_t t, uint32_t len)
{
	struct cic_bulk *b = &CIC_DIR(f, d)->bulk;
	int64_t *last = &f->blast[d];

	if (b->cur_n > 0 && f->blast[!d] > b->start)
		b->cur_n = 0;
	if (b->cur_n == 0 || t - *last > CIC_BULK_GAP) {
		b->start = *last = t;
		b->cur_n = 1;
		b->cur_bytes = len;
		return;
	}
	b->cur_n++;
	if (b->cur_n < CIC_BULK_MIN) {
		b->cur_bytes += len;
	} else if (b->cur_n == CIC_BULK_MIN) {
		b->nbulk++;
		b->pkts += CIC_BULK_MIN;
		b->bytes += (uint64_t)b->cur_bytes + len;
		b->dur += (uint64_t)(t - b->start);
	} else {
		b->pkts++;
		b->bytes += len;
		b->dur += (uint64_t)(t - *last);
	}
	*last = t;
}

/* TCP retransmission: a segment that does not advance its direction's
 * highest sequence end (serial arithmetic, RFC 1982). */
static void
retrans_add(struct cic_flow *f, int d, const struct nf_pkt *p)
{
	struct cic_dir *dd = CIC_DIR(f, d);
	uint32_t seglen, end;
	uint8_t bit = d ? CF_SEQ_BWD : CF_SEQ_FWD;

	seglen = p->payload_len + ((p->tcp_flags & NF_TH_SYN) != 0) +
	    ((p->tcp_flags & NF_TH_FIN) != 0);
	if (seglen == 0)
		return;
	end = p->seq + seglen;
	if ((f->bits & bit) && (int32_t)(end - dd->seq_end) <= 0) {
		dd->diat.spare++;
		return;
	}
	dd->seq_end = end;
	f->bits |= bit;
}

static void
flags_add(struct cic_flow *f, int d, uint8_t fl)
{
	struct cic_dir *dd = CIC_DIR(f, d);

	dd->flag[CD_PSH] += (fl & NF_TH_PSH) != 0;
	dd->flag[CD_URG] += (fl & NF_TH_URG) != 0;
	dd->flag[CD_RST] += (fl & NF_TH_RST) != 0;
	f->tflag[CT_FIN] += (fl & NF_TH_FIN) != 0;
	f->tflag[CT_SYN] += (fl & NF_TH_SYN) != 0;
	f->tflag[CT_ACK] += (fl & NF_TH_ACK) != 0;
	f->tflag[CT_CWR] += (fl & NF_TH_CWR) != 0;
	f->tflag[CT_ECE] += (fl & NF_TH_ECE) != 0;
}

int
cic_flow_add(struct cic_flow *f, const struct nf_pkt *p,
    const struct cic_opts *o, struct cic_counts *cnt)
{
	int c17 = o->compat == CIC_2017;
	int64_t t = (int64_t)(p->ts_ns / 1000), gap;
	struct cic_dir *dd;
	uint32_t len, hl;
	int d, first, tcp = p->proto == 6;
	/* Non-first fragments (and cut headers) carry no L4 fields. */
	int l4 = p->frag_offset == 0 && p->l4_hdr_len > 0;

	if (!(f->bits & CF_KEY))
		set_key_from_pkt(f, p);
	d = p->dir != 0;
	if (c17) {
		if (f->bits & CF_SWAP)
			d = !d;
		/* Direction by address only (defect 13). */
		if (memcmp(p->src, p->dst, 16) == 0)
			d = 0;
	}
	len = cic_payload(p, o);
	hl = hdr_len(p, o);
	first = !(f->bits & CF_PKT);
	f->bits |= CF_PKT;

	if (first) {
		f->first = f->last = f->act_start = t;
		f->first_len = len;
	} else {
		gap = t - f->last;
		if (gap < 0 && !c17) {
			cnt->neg_iat++;
			gap = 0;
		}
		nf_stats_add(&f->iat, gap);
		if (gap > CIC_SUBFLOW_GAP)
			f->iat.spare++;
		/* The reference does not update active/idle for the packet
		 * that closes a flow, its first FIN (cic2017). */
		if (gap > CIC_ACTIVITY_TIMEOUT &&
		    !(c17 && tcp && (p->tcp_flags & NF_TH_FIN))) {
			if (f->last - f->act_start > 0 &&
			    push_period(f, 0, f->last - f->act_start) == -1)
				return -1;
			if (push_period(f, 1, gap) == -1)
				return -1;
			f->act_start = t;
		}
		if (c17 || t > f->last)
			f->last = t;
	}

	/* Per direction: lengths, gaps, headers. */
	dd = CIC_DIR(f, d);
	if (dd->len.n > 0) {
		/* dd->last <= f->last, so a negative gap here was already
		 * counted above. */
		gap = t - dd->last;
		if (gap < 0 && !c17)
			gap = 0;
		nf_stats_add(&dd->diat, gap);
		if (c17 || t > dd->last)
			dd->last = t;
	} else
		dd->last = t;
	/* Smallest L4 header; a non-first fragment has none to measure. */
	if (!l4)
		;
	else if (!(f->bits & (d ? CF_HMIN_BWD : CF_HMIN_FWD)) ||
	    hl < f->hdr_min[d]) {
		f->hdr_min[d] = (uint16_t)(hl > 0xffff ? 0xffff : hl);
		f->bits |= d ? CF_HMIN_BWD : CF_HMIN_FWD;
	}
	nf_stats_add(&dd->len, len);
	dd->hdr += hl;
	/* The reference does not count the first packet's data (cic2017). */
	if (len > 0 && !(c17 && first))
		dd->len.spare++;

	if ((p->proto == 1 || p->proto == 58) && l4 && !(f->bits & CF_ICMP)) {
		f->icmp_type = p->icmp_type;
		f->icmp_code = p->icmp_code;
		f->bits |= CF_ICMP;
	}
	/* Bulk: every protocol, as the reference (corrected mode only). */
	if (!c17 && len > 0)
		bulk_add(f, d, t, len);
	if (!tcp || !l4)
		return 0;

	retrans_add(f, d, p);
	if (c17) {
		/* First packet only: flags, and its window (defect 5, 8). */
		if (first) {
			flags_add(f, d, p->tcp_flags);
			f->win[0] = p->window;
			f->bits |= CF_WIN_FWD;
		} else if (d == 1) {
			f->win[1] = p->window;
			f->bits |= CF_WIN_BWD;
		}
		return 0;
	}
	flags_add(f, d, p->tcp_flags);
	if (!(f->bits & (d ? CF_WIN_BWD : CF_WIN_FWD))) {
		f->win[d] = p->window;
		f->bits |= d ? CF_WIN_BWD : CF_WIN_FWD;
	}
	return 0;
}

/* --- row ------------------------------------------------------------ */

static void
vi(struct cic_row *r, int col, int64_t v)
{
	r->v[col].kind = CK_INT;
	r->v[col].u.i = v;
}

static void
vd(struct cic_row *r, int col, double v)
{
	r->v[col].kind = CK_DBL;
	r->v[col].u.d = v;
}

/* a / b, or 0 when b is 0. */
static double
div0(double a, double b)
{
	return b != 0 ? a / b : 0;
}

/* Mean/Std/Max/Min of s into four consecutive columns; 0s when empty. */
static void
stats4(struct cic_row *r, int col_mean, const struct nf_stats *s)
{
	vd(r, col_mean, nf_stats_mean(s));
	vd(r, col_mean + 1, nf_stats_std(s));
	vd(r, col_mean + 2, (double)nf_stats_max(s));
	vd(r, col_mean + 3, (double)nf_stats_min(s));
}

/* cic2017 Timestamp: dd/MM/yyyy hh:mm:ss, 12-hour clock without AM/PM,
 * as in the published CSVs (defect 19); UTC. */
static size_t
fmt_ts2017(int64_t us, char *buf, size_t len)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	int h, n;

	if (us < 0 || gmtime_r(&t, &tm) == NULL) {
		buf[0] = '\0';
		return 0;
	}
	h = tm.tm_hour % 12;
	if (h == 0)
		h = 12;
	n = snprintf(buf, len, "%02u/%02u/%04u %02u:%02u:%02u",
	    (unsigned)tm.tm_mday % 100U, (unsigned)(tm.tm_mon + 1) % 100U,
	    (unsigned)(tm.tm_year + 1900) % 10000U, (unsigned)h,
	    (unsigned)tm.tm_min % 100U, (unsigned)tm.tm_sec % 100U);
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

/* Java's signed-byte order of two addresses (the 2017 canonical id). */
static int
addr_cmp_signed(const uint8_t *a, const uint8_t *b)
{
	int i;

	for (i = 0; i < 16; i++)
		if (a[i] != b[i])
			return (int8_t)a[i] < (int8_t)b[i] ? -1 : 1;
	return 0;
}

/*
 * The Flow ID "a-b-pa-pb-proto" into buf (2 * NF_ADDRSTRLEN + 32 bytes;
 * ports and protocol are 16 and 8 bits), without snprintf: one per row.
 */
static size_t
fmt_flow_id(char *buf, const char *a, size_t la, const char *b, size_t lb,
    int pa, int pb, int proto)
{
	char *p = buf;

	/* Each address array whole (a fixed-size copy, no library call),
	 * then the pointer moved by its length: buf holds both. */
	memcpy(p, a, NF_ADDRSTRLEN);
	p += la;
	*p++ = '-';
	memcpy(p, b, NF_ADDRSTRLEN);
	p += lb;
	*p++ = '-';
	p += nf_put_u64(p, (unsigned)pa);
	*p++ = '-';
	p += nf_put_u64(p, (unsigned)pb);
	*p++ = '-';
	p += nf_put_u64(p, (unsigned)proto);
	*p = '\0';
	return (size_t)(p - buf);
}

static void
fill_key(const struct cic_flow *f, const struct cic_opts *o,
    struct cic_row *r)
{
	const uint8_t *src = f->src, *dst = f->dst;
	int sport = f->sport, dport = f->dport, proto = f->proto;
	const char *a, *b;
	size_t la, lb, lt;
	int pa, pb;

	if (f->bits & CF_SWAP) {
		src = f->dst;
		dst = f->src;
		sport = f->dport;
		dport = f->sport;
	}
	/* Ports only for protocols that have them. */
	if (proto != 6 && proto != 17 && proto != 132)
		sport = dport = 0;
	if (o->compat == CIC_2017 && !is_tcpudp((uint8_t)proto))
		proto = 0;
	r->nsrc = (uint8_t)(la = nf_addr_fmt(f->ip_version, src, r->src));
	r->ndst = (uint8_t)(lb = nf_addr_fmt(f->ip_version, dst, r->dst));
	a = r->src;
	b = r->dst;
	pa = sport;
	pb = dport;
	if (o->compat == CIC_2017 && addr_cmp_signed(src, dst) > 0) {
		a = r->dst;
		b = r->src;
		pa = dport;
		pb = sport;
		lt = la;	/* the lengths follow the texts */
		la = lb;
		lb = lt;
	}
	r->nflow_id = (uint8_t)fmt_flow_id(r->flow_id, a, la, b, lb, pa, pb,
	    proto);
	vi(r, CC_SRC_PORT, sport);
	vi(r, CC_DST_PORT, dport);
	vi(r, CC_PROTO, proto);
	if (o->compat == CIC_2017)
		r->nts = (uint8_t)fmt_ts2017(f->first, r->ts, sizeof(r->ts));
	else {
		nf_fmt_iso8601((uint64_t)f->first * 1000, r->ts);
		r->nts = NF_ISO8601_LEN;
	}
	r->label = o->label;
}

void
cic_fill(const struct cic_flow *f, const struct cic_opts *o,
    struct cic_row *r)
{
	static const int hmorder[8] = {	/* HashMap order, defect 12 */
		CC_RST, CC_PSH, CC_ECE, CC_SYN, CC_ACK, CC_FIN, CC_URG, CC_CWR
	};
	static const int natural[8] = {
		CC_FIN, CC_SYN, CC_RST, CC_PSH, CC_ACK, CC_URG, CC_CWR, CC_ECE
	};
	int c17 = o->compat == CIC_2017;
	struct nf_stats all, act, idle, one;
	uint64_t nf = f->fwd.len.n, nb = f->bwd.len.n, n = nf + nb;
	int64_t bf = f->fwd.len.sum, bb = f->bwd.len.sum;
	int64_t dur = f->last - f->first;
	double secs = dur / US_PER_S, sf;
	int64_t fl[8];
	int i, d;

	/* No memset of the row (1.4 KB a flow): every printed column is
	 * set below (check_cic test_fill_sets_all poisons a row to see). */
	fill_key(f, o, r);
	vi(r, CC_DURATION, dur);
	vi(r, CC_FWD_PKTS, (int64_t)nf);
	vi(r, CC_BWD_PKTS, (int64_t)nb);
	vi(r, CC_FWD_BYTES, bf);
	vi(r, CC_BWD_BYTES, bb);
	vd(r, CC_FWD_LEN_MAX, (double)nf_stats_max(&f->fwd.len));
	vd(r, CC_FWD_LEN_MIN, (double)nf_stats_min(&f->fwd.len));
	vd(r, CC_FWD_LEN_MEAN, nf_stats_mean(&f->fwd.len));
	vd(r, CC_FWD_LEN_STD, nf_stats_std(&f->fwd.len));
	vd(r, CC_BWD_LEN_MAX, (double)nf_stats_max(&f->bwd.len));
	vd(r, CC_BWD_LEN_MIN, (double)nf_stats_min(&f->bwd.len));
	vd(r, CC_BWD_LEN_MEAN, nf_stats_mean(&f->bwd.len));
	vd(r, CC_BWD_LEN_STD, nf_stats_std(&f->bwd.len));

	/* Rates: 0 for zero duration; cic2017 prints Java's NaN/Infinity
	 * (defect 11). */
	if (dur > 0) {
		vd(r, CC_FLOW_BYTES_S, (double)(bf + bb) / secs);
		vd(r, CC_FLOW_PKTS_S, (double)n / secs);
	} else if (c17) {
		vd(r, CC_FLOW_BYTES_S, bf + bb == 0 ? NAN : INFINITY);
		vd(r, CC_FLOW_PKTS_S, n == 0 ? NAN : INFINITY);
	} else {
		vd(r, CC_FLOW_BYTES_S, 0);
		vd(r, CC_FLOW_PKTS_S, 0);
	}
	vd(r, CC_FWD_PKTS_S, dur > 0 ? (double)nf / secs : 0);
	vd(r, CC_BWD_PKTS_S, dur > 0 ? (double)nb / secs : 0);

	stats4(r, CC_IAT_MEAN, &f->iat);
	if (c17 && f->iat.n == 0)
		for (i = CC_IAT_MEAN; i <= CC_IAT_MIN; i++)
			vd(r, i, NAN);
	vd(r, CC_FWD_IAT_TOT, (double)f->fwd.diat.sum);
	stats4(r, CC_FWD_IAT_MEAN, &f->fwd.diat);
	vd(r, CC_BWD_IAT_TOT, (double)f->bwd.diat.sum);
	stats4(r, CC_BWD_IAT_MEAN, &f->bwd.diat);

	vi(r, CC_FWD_PSH, f->fwd.flag[CD_PSH]);
	vi(r, CC_BWD_PSH, f->bwd.flag[CD_PSH]);
	vi(r, CC_FWD_URG, f->fwd.flag[CD_URG]);
	vi(r, CC_BWD_URG, f->bwd.flag[CD_URG]);
	vi(r, CC_FWD_RST, f->fwd.flag[CD_RST]);
	vi(r, CC_BWD_RST, f->bwd.flag[CD_RST]);
	vi(r, CC_FWD_HDR, (int64_t)f->fwd.hdr);
	vi(r, CC_BWD_HDR, (int64_t)f->bwd.hdr);

	/* All packets: the two directions merged; cic2017 adds the first
	 * packet a second time (defect 4). */
	nf_stats_init(&all);
	nf_stats_merge(&all, &f->fwd.len);
	nf_stats_merge(&all, &f->bwd.len);
	if (c17 && n > 0) {
		nf_stats_init(&one);
		nf_stats_add(&one, f->first_len);
		nf_stats_merge(&all, &one);
	}
	vd(r, CC_LEN_MIN, (double)nf_stats_min(&all));
	vd(r, CC_LEN_MAX, (double)nf_stats_max(&all));
	vd(r, CC_LEN_MEAN, nf_stats_mean(&all));
	vd(r, CC_LEN_STD, nf_stats_std(&all));
	vd(r, CC_LEN_VAR, nf_stats_var(&all));
	vd(r, CC_AVG_PKT, div0((double)all.sum, (double)n));

	fl[0] = f->tflag[CT_FIN];
	fl[1] = f->tflag[CT_SYN];
	fl[2] = f->fwd.flag[CD_RST] + f->bwd.flag[CD_RST];
	fl[3] = f->fwd.flag[CD_PSH] + f->bwd.flag[CD_PSH];
	fl[4] = f->tflag[CT_ACK];
	fl[5] = f->fwd.flag[CD_URG] + f->bwd.flag[CD_URG];
	fl[6] = f->tflag[CT_CWR];
	fl[7] = f->tflag[CT_ECE];
	/* cic2017 prints the counts in HashMap order RST, PSH, ECE, SYN,
	 * ACK, FIN, URG, CWR under the FIN..ECE header: the value printed
	 * in column natural[i] is the count of flag hmorder[i]. */
	for (i = 0; i < 8; i++) {
		int src = i;

		if (c17) {
			for (src = 0; src < 8; src++)
				if (natural[src] == hmorder[i])
					break;
		}
		vi(r, natural[i], fl[src]);
	}

	if (c17)
		vd(r, CC_DOWN_UP, nf ? (double)(nb / nf) : 0);
	else
		vd(r, CC_DOWN_UP, div0((double)nb, (double)nf));
	vd(r, CC_FWD_SEG_AVG, nf_stats_mean(&f->fwd.len));
	vd(r, CC_BWD_SEG_AVG, nf_stats_mean(&f->bwd.len));

	for (d = 0; d < 2; d++) {
		const struct cic_bulk *b = &CIC_DIR(f, d)->bulk;
		int base = d ? CC_BWD_BULK_BYTES : CC_FWD_BULK_BYTES;

		vd(r, base, div0((double)b->bytes, b->nbulk));
		vd(r, base + 1, div0((double)b->pkts, b->nbulk));
		vd(r, base + 2, div0((double)b->bytes, b->dur / US_PER_S));
	}

	/* Subflows: 1 + gaps over 1 s; cic2017 reproduces sfCount = 1
	 * (defect 10), i.e. the totals. */
	sf = c17 ? 1 : 1.0 + f->iat.spare;
	vd(r, CC_SF_FWD_PKTS, (double)nf / sf);
	vd(r, CC_SF_FWD_BYTES, (double)bf / sf);
	vd(r, CC_SF_BWD_PKTS, (double)nb / sf);
	vd(r, CC_SF_BWD_BYTES, (double)bb / sf);

	vi(r, CC_INIT_WIN_FWD, (f->bits & CF_WIN_FWD) ? f->win[0] :
	    c17 ? -1 : 0);
	vi(r, CC_INIT_WIN_BWD, (f->bits & CF_WIN_BWD) ? f->win[1] :
	    c17 ? -1 : 0);
	vi(r, CC_FWD_ACT_DATA, f->fwd.len.spare);
	vi(r, CC_BWD_ACT_DATA, f->bwd.len.spare);
	vi(r, CC_FWD_SEG_MIN, f->hdr_min[0]);
	vi(r, CC_BWD_SEG_MIN, f->hdr_min[1]);

	/* Active/idle; the corrected mode adds the final active period
	 * (defect 9). */
	nf_stats_init(&act);
	nf_stats_init(&idle);
	if (f->ai != NULL) {
		act = f->ai->active;
		idle = f->ai->idle;
	}
	if (!c17 && n > 0 && f->last - f->act_start > 0)
		nf_stats_add(&act, f->last - f->act_start);
	stats4(r, CC_ACT_MEAN, &act);
	stats4(r, CC_IDLE_MEAN, &idle);

	vi(r, CC_ICMP_CODE, (f->bits & CF_ICMP) ? f->icmp_code : -1);
	vi(r, CC_ICMP_TYPE, (f->bits & CF_ICMP) ? f->icmp_type : -1);
	vi(r, CC_FWD_RETRANS, f->fwd.diat.spare);
	vi(r, CC_BWD_RETRANS, f->bwd.diat.spare);
	vi(r, CC_TOT_RETRANS, (int64_t)f->fwd.diat.spare + f->bwd.diat.spare);
	vi(r, CC_CONN_TIME, dur);
}

void
cic_row_conn_time(struct cic_row *r, const struct cic_flow *f,
    int64_t chain_first_us)
{
	int64_t dur = f->last - f->first, t = f->last - chain_first_us;

	/* A chain never makes the time shorter than the flow's own. */
	vi(r, CC_CONN_TIME, t > dur ? t : dur);
}

/* --- chains of continued flows ------------------------------------- */

struct cic_chain {
	uint64_t	 id;		/* the flow it is keyed by now */
	int64_t		 first;		/* us: the chain's first packet */
	uint64_t	 last_ns;	/* waiting: the ended flow's last packet */
	struct cic_chain *prev;		/* waiting list */
	struct cic_chain *next;
	int		 waiting;
};

int
cic_chains_init(struct cic_chains *c, uint64_t idle_ns, uint64_t cap)
{
	memset(c, 0, sizeof(*c));
	c->idle_ns = idle_ns;
	c->cap = cap;
	return nf_idmap_init(&c->map, 64);
}

void
cic_chains_free(struct cic_chains *c)
{
	nf_idmap_free_with(&c->map, free);
	memset(c, 0, sizeof(*c));
}

static void
chain_unwait(struct cic_chains *c, struct cic_chain *n)
{
	if (!n->waiting)
		return;
	if (n->prev != NULL)
		n->prev->next = n->next;
	else
		c->head = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else
		c->tail = n->prev;
	n->prev = n->next = NULL;
	n->waiting = 0;
	c->nwait--;
}

static void
chain_drop(struct cic_chains *c, struct cic_chain *n)
{
	chain_unwait(c, n);
	nf_idmap_del(&c->map, n->id);
	free(n);
}

/* Chains whose continuation can no longer come: idle past the timeout
 * by the stream clock, or beyond the cap. */
static void
chains_expire(struct cic_chains *c)
{
	struct cic_chain *n;

	while ((n = c->head) != NULL && ((c->cap != 0 && c->nwait > c->cap) ||
	    (c->idle_ns != 0 && c->clock > n->last_ns &&
	    c->clock - n->last_ns > c->idle_ns))) {
		chain_drop(c, n);
		c->expired++;
	}
}

int
cic_chains_begin(struct cic_chains *c, struct cic_flow *f,
    const struct nf_flow *b)
{
	struct cic_chain *n;

	if (b->first_ts > c->clock)
		c->clock = b->first_ts;
	if ((b->flags & NF_FL_CONTINUED) && b->flow_id != 0) {
		n = nf_idmap_get(&c->map, b->prev_flow_id);
		if (n == NULL || !n->waiting) {
			/* The stream began after it, or it waited in vain. */
			c->unknown++;
		} else {
			chain_unwait(c, n);
			nf_idmap_del(&c->map, n->id);
			n->id = b->flow_id;
			if (nf_idmap_put(&c->map, n->id, n) == -1) {
				free(n);
				return -1;
			}
			f->bits |= CF_CHAIN;
		}
	}
	chains_expire(c);
	return 0;
}

int
cic_chains_end(struct cic_chains *c, struct cic_flow *f,
    const struct nf_flow *e, int64_t *first_us)
{
	struct cic_chain *n = NULL;

	*first_us = f->first;
	if (f->bits & CF_CHAIN) {
		f->bits &= (uint16_t)~CF_CHAIN;
		if ((n = nf_idmap_get(&c->map, f->id)) != NULL)
			*first_us = n->first;
	}
	if (e != NULL && e->last_ts > c->clock)
		c->clock = e->last_ts;
	if (e == NULL || e->reason != NF_END_ACTIVE || f->id == 0) {
		if (n != NULL)
			chain_drop(c, n);
		return 0;
	}
	if (n == NULL) {
		if ((n = calloc(1, sizeof(*n))) == NULL)
			return -1;
		n->id = f->id;
		n->first = f->first;
		if (nf_idmap_put(&c->map, n->id, n) == -1) {
			free(n);
			return -1;
		}
	}
	n->last_ns = e->last_ts;
	n->waiting = 1;
	n->prev = c->tail;
	n->next = NULL;
	if (c->tail != NULL)
		c->tail->next = n;
	else
		c->head = n;
	c->tail = n;
	c->nwait++;
	chains_expire(c);
	return 0;
}

/* --- printing ------------------------------------------------------- */

#define REAL_DIGITS	12	/* significant digits of a printed real */

/*
 * floor(log10(a)) for 1e-7 <= a < 1e15, as the libm call gives it, with
 * a table: 10^k <= a < 10^(k+1) decides k, except within a relative
 * 1e-9 of a power of ten (where log10's rounding could cross the
 * integer, and the table's negative powers are inexact): there the libm
 * call decides.  The binary exponent e2 of a (2^e2 <= a < 2^(e2+1)) puts
 * k at floor(e2 log10 2) or one more; e2 * 1233 / 4096 (truncated) is
 * within one of that, so from one below it, at most three steps up the
 * table find k: no search (a chain of dependent compares, the largest
 * cost of a real).  cic_dec_exp is the same, for the tests.
 */
static int
dec_exp(double a)
{
	static const double p10d[] = {
		1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2,
		1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
		1e14, 1e15
	};
	uint64_t bits;
	int e2, lo;

	memcpy(&bits, &a, sizeof(bits));
	e2 = (int)(bits >> 52 & 0x7FF) - 1023;
	lo = e2 * 1233 / 4096 - 1 + 7;
	if (lo < 0)
		lo = 0;
	if (lo > 21)
		lo = 21;
	/* Now p10d[lo] <= a; the largest such lo (below 22) is k + 7. */
	lo += lo < 21 && a >= p10d[lo + 1];
	lo += lo < 21 && a >= p10d[lo + 1];
	lo += lo < 21 && a >= p10d[lo + 1];
	if (a < p10d[lo] * (1 + 1e-9) || a > p10d[lo + 1] * (1 - 1e-9))
		return (int)floor(log10(a));
	return lo - 7;
}

int
cic_dec_exp(double a)
{
	return dec_exp(a);
}

/*
 * cic_fmt_real() returning the length.  The rounding of the scaled value
 * is llround's (half away from zero), done on the integer part and the
 * exact fraction (the scaled value is below 2^53).
 */
static size_t
fmt_real(double v, char *buf)
{
	double a = fabs(v), x;
	uint64_t scaled, ip, fp, pd;
	size_t n = 0;
	int e, d;

	if (v == 0) {
		buf[0] = '0';
		buf[1] = '\0';
		return 1;
	}
	if (isnan(v) || isinf(v)) {
		strcpy(buf, isnan(v) ? "NaN" :
		    v > 0 ? "Infinity" : "-Infinity");
		return strlen(buf);
	}
	if (v < 0)
		buf[n++] = '-';
	if (a < 1e15 && v == (double)(int64_t)v) {
		n += nf_put_u64(buf + n, (uint64_t)a);
		buf[n] = '\0';
		return n;
	}
	if (a >= 1e15 || a < 1e-7) {
		snprintf(buf, CIC_REALSTRLEN, "%.12g", v);
		return strlen(buf);
	}
	e = dec_exp(a);
	d = REAL_DIGITS - 1 - e;
	if (d < 0)
		d = 0;
	if (d > 18)		/* 10^d must fit in 64 bits */
		d = 18;
	pd = nf_pow10[d];
	x = a * (double)pd;		/* 10^d, exact as a double */
	scaled = (uint64_t)x;
	if (x - (double)scaled >= 0.5)
		scaled++;
	/*
	 * The integer part, then the d fraction digits zero-padded, less
	 * their trailing zeros (dropped from fp first), each printed where
	 * it goes: no scratch copy, no library call (a real was mostly
	 * those).  No division either: with P = pd = 10^d, ip = trunc(a)
	 * <= a gives ip * P <= x (rounding is monotonic), and a < ip + 1
	 * gives x <= (ip + 1) * P, so the rounded scaled - ip * P is in
	 * [0, P], P only when the rounding carries into the integer part.
	 */
	ip = (uint64_t)a;
	fp = scaled - ip * pd;
	if (fp >= pd) {
		ip++;
		fp -= pd;
	}
	n += nf_put_u64(buf + n, ip);
	if (fp != 0) {
		while (fp % 10 == 0) {
			fp /= 10;
			d--;
		}
		buf[n++] = '.';
		nf_put_fixed(buf + n, fp, (size_t)d);
		n += (size_t)d;
	}
	buf[n] = '\0';
	return n;
}

/*
 * Format a real with REAL_DIGITS significant digits, trailing zeros
 * dropped, without printf's floating-point path (the cost of a row is
 * mostly its reals): scale to an integer of REAL_DIGITS digits, round,
 * print it with the decimal point put back.  Integers print without a
 * point; NaN and infinities as "NaN", "Infinity", "-Infinity" (Java's
 * spelling, cic2017).  Magnitudes outside [1e-7, 1e15) use "%.12g".
 * buf holds CIC_REALSTRLEN bytes; returns buf.
 */
char *
cic_fmt_real(double v, char *buf)
{
	fmt_real(v, buf);
	return buf;
}

void
cic_print_header(struct nf_csv *c, const struct cic_opts *o)
{
	size_t i;

	for (i = 0; i < NCOLDEFS; i++)
		if (coldefs[i].name[o->header] != NULL)
			nf_csv_str(c, coldefs[i].name[o->header]);
	nf_csv_eol(c);
}

/* A row is built in one buffer and written with one call; every field
 * but the label is plain ASCII without separators or quotes, so only the
 * label goes through nf_csv_str() (quoting when needed). */
#define ROW_MAX	CIC_ROWMAX

/* String field s of n bytes, an array of size bytes in the row, at p;
 * returns the end.  The whole array is copied (a fixed size at each
 * call: no library call, the row has room), the pointer moved by n. */
static inline char *
put_str(char *p, const char *s, size_t n, size_t size)
{
	memcpy(p, s, size);
	return p + (n < size ? n : size - 1);
}

/* Room for a comma and the longest real or integer field. */
#define RB_ROOM	(1 + CIC_REALSTRLEN + 1)

/* The row never reaches ROW_MAX: every field fits its RB_ROOM (strings
 * are bounded by their arrays in struct cic_row), so no field is cut. */
_Static_assert(NCOLDEFS * RB_ROOM + sizeof(((struct cic_row *)0)->flow_id) +
    sizeof(((struct cic_row *)0)->src) + sizeof(((struct cic_row *)0)->dst) +
    sizeof(((struct cic_row *)0)->ts) < ROW_MAX, "ROW_MAX too small");

/* The columns of each header mode in order but the label (last in every
 * layout, written apart), built on first use. */
static uint8_t	hcols[CIC_NHEADER][NCOLDEFS];
static size_t	nhcols[CIC_NHEADER];
static size_t	nhstr[CIC_NHEADER];	/* columns up to the last string */

/* Out of line: the row writer's code stays its loops (see there). */
__attribute__((noinline)) static void
build_cols(enum cic_header h)
{
	size_t i;

	for (i = 0; i < NCOLDEFS; i++) {
		if (coldefs[i].name[h] == NULL || coldefs[i].col == CC_LABEL)
			continue;
		/* The strings all come before CC_TIMESTAMP. */
		if (coldefs[i].col <= CC_TIMESTAMP)
			nhstr[h] = nhcols[h] + 1;
		hcols[h][nhcols[h]++] = (uint8_t)coldefs[i].col;
	}
}

/* Columns of mode h (*n), the first *nstr of them holding every string. */
static const uint8_t *
header_cols(enum cic_header h, size_t *n, size_t *nstr)
{
	if (nhcols[h] == 0)
		build_cols(h);
	*n = nhcols[h];
	*nstr = nhstr[h];
	return hcols[h];
}

/* A number field at p; returns the end.  fmt_real's first cases (0, an
 * integral value) and one-digit integers without the calls. */
static inline char *
put_val(char *p, const struct cic_val *v)
{
	uint64_t bits;

	/* Integer 0 and real +0.0 are both all zero bits: the commonest
	 * value, printed before looking at the kind. */
	memcpy(&bits, &v->u, sizeof(bits));
	if (bits == 0) {
		*p++ = '0';
		return p;
	}
	if (v->kind == CK_DBL) {
		if (v->u.d == 0)
			*p++ = '0';
		else if (v->u.d > 0 && v->u.d < 1e15 &&
		    v->u.d == (double)(int64_t)v->u.d)
			p += nf_put_u64(p, (uint64_t)v->u.d);
		else
			p += fmt_real(v->u.d, p);
	} else if ((uint64_t)v->u.i < 10)
		*p++ = (char)('0' + v->u.i);
	else
		p += nf_put_i64(p, v->u.i);
	return p;
}

/* The value of column c as bits: integer 0 and real +0.0 are both all
 * zero bits, the commonest field. */
static inline uint64_t
val_bits(const struct cic_val *v, uint8_t c)
{
	uint64_t bits;

	memcpy(&bits, &v[c].u, sizeof(bits));
	return bits;
}

/*
 * The number fields of columns cols[0..n), each followed by its comma.
 * Zeros four at a time where four come together ("0,0,0,0," in one
 * store: a flood's rows are mostly runs of them), else one by one.  Out
 * of line and aligned, so the loop is placed alike in every build.
 */
__attribute__((noinline, aligned(64))) static char *
put_numbers(char *p, const uint8_t *cols, size_t n, const struct cic_val *v)
{
	size_t i = 0;

	while (i < n) {
		if (n - i >= 4 && (val_bits(v, cols[i]) |
		    val_bits(v, cols[i + 1]) | val_bits(v, cols[i + 2]) |
		    val_bits(v, cols[i + 3])) == 0) {
			memcpy(p, "0,0,0,0,", 8);
			p += 8;
			i += 4;
			continue;
		}
		memcpy(p, "0,", 2);
		if (val_bits(v, cols[i]) == 0)
			p += 2;
		else {
			p = put_val(p, &v[cols[i]]);
			*p++ = ',';
		}
		i++;
	}
	return p;
}

char *
cic_render_row(char *p, const struct cic_row *r, const struct cic_opts *o)
{
	const uint8_t *cols;
	size_t i, ncols, nstr;

	/* Every field is followed by a comma: the label comes last.  The
	 * columns up to the last string one (the first seven at most),
	 * then the numbers. */
	cols = header_cols(o->header, &ncols, &nstr);
	for (i = 0; i < nstr; i++) {
		switch (cols[i]) {
		case CC_FLOW_ID:
			p = put_str(p, r->flow_id, r->nflow_id,
			    sizeof(r->flow_id));
			break;
		case CC_SRC_IP:
			p = put_str(p, r->src, r->nsrc, sizeof(r->src));
			break;
		case CC_DST_IP:
			p = put_str(p, r->dst, r->ndst, sizeof(r->dst));
			break;
		case CC_TIMESTAMP:
			p = put_str(p, r->ts, r->nts, sizeof(r->ts));
			break;
		default:
			p = put_val(p, &r->v[cols[i]]);
		}
		*p++ = ',';
	}
	return put_numbers(p, cols + nstr, ncols - nstr, r->v);
}

char *
cic_label_csv(const char *label)
{
	struct nf_csv c;
	char *t = NULL;
	size_t n = 0;
	FILE *m;

	/* nf_csv_str's text, quoted when it holds , " CR or LF. */
	if ((m = open_memstream(&t, &n)) == NULL)
		return NULL;
	nf_csv_init(&c, m);
	nf_csv_str(&c, label);
	if (fclose(m) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

void
cic_print_row(struct nf_csv *c, const struct cic_row *r,
    const struct cic_opts *o)
{
	char b[ROW_MAX], *p;
	const char *label = r->label != NULL ? r->label : "";
	size_t len;

	p = cic_render_row(b, r, o);
	/* A label needing no quotes joins the row's single write. */
	len = strlen(label);
	if (len < ROW_MAX - 2 - (size_t)(p - b) &&
	    strpbrk(label, ",\"\r\n") == NULL) {
		memcpy(p, label, len);
		p += len;
		*p++ = '\n';
		fwrite(b, 1, (size_t)(p - b), c->fp);
		c->nfield = 0;
		return;
	}
	/* Fields before the label: each ended with a comma, which
	 * nf_csv_str puts itself. */
	c->nfield = p > b;
	if (p > b)
		p--;
	fwrite(b, 1, (size_t)(p - b), c->fp);
	nf_csv_str(c, label);
	nf_csv_eol(c);
}

/* --- flow table ----------------------------------------------------- */

#define TABLE_MIN	1024	/* initial buckets */

static uint64_t
hash_id(uint64_t id, uint64_t nbucket)
{
	/* Fibonacci hashing: the top bits of id * 2^64/phi. */
	return (id * 0x9E3779B97F4A7C15ULL) >> (64 - __builtin_ctzll(nbucket));
}

void
cic_table_init(struct cic_table *t)
{
	memset(t, 0, sizeof(*t));
}

struct cic_flow *
cic_table_get(struct cic_table *t, uint64_t id)
{
	struct cic_flow *f;

	if (t->nbucket == 0)
		return NULL;
	for (f = t->bucket[hash_id(id, t->nbucket)]; f != NULL; f = f->next)
		if (f->id == id)
			return f;
	return NULL;
}

void
cic_table_prefetch_bucket(const struct cic_table *t, uint64_t id)
{
	if (t->nbucket > 0)
		__builtin_prefetch(&t->bucket[hash_id(id, t->nbucket)]);
}

/* The bytes of a cic_flow a packet of each direction updates (with the
 * shared part between them, where the chain is walked). */
#define PART_FWD_AT	offsetof(struct cic_flow, fwd)
#define PART_BWD_AT	offsetof(struct cic_flow, id)
#define PART_LEN	(offsetof(struct cic_flow, bwd) - PART_FWD_AT)
_Static_assert(offsetof(struct cic_flow, id) - PART_FWD_AT ==
    sizeof(struct cic_dir) && offsetof(struct cic_flow, bwd) +
    sizeof(struct cic_dir) - PART_BWD_AT == PART_LEN,
    "each direction's part of a cic_flow beside the shared part");
_Static_assert(sizeof(struct cic_flow) == 488, "cic_flow is 488 bytes");

void
cic_table_prefetch(const struct cic_table *t, uint64_t id, int dir)
{
	const struct cic_flow *f;

	if (t->nbucket == 0)
		return;
	/* The chain's head: the flow itself unless ids collide. */
	if ((f = t->bucket[hash_id(id, t->nbucket)]) == NULL)
		return;
	if (dir < 0)
		nf_prefetch(f, sizeof(*f));
	else
		nf_prefetch((const char *)f + (dir ? PART_BWD_AT : PART_FWD_AT),
		    PART_LEN);
}

static int
table_grow(struct cic_table *t)
{
	struct cic_flow **nb, *f, *next;
	uint64_t n = t->nbucket ? t->nbucket * 2 : TABLE_MIN, i, h;

	nb = calloc(n, sizeof(*nb));
	if (nb == NULL)
		return -1;
	for (i = 0; i < t->nbucket; i++)
		for (f = t->bucket[i]; f != NULL; f = next) {
			next = f->next;
			h = hash_id(f->id, n);
			f->next = nb[h];
			nb[h] = f;
		}
	free(t->bucket);
	t->bucket = nb;
	t->nbucket = n;
	return 0;
}

struct cic_flow *
cic_table_add(struct cic_table *t, uint64_t id)
{
	struct cic_flow *f;
	uint64_t h;

	if (t->count >= t->nbucket && table_grow(t) == -1)
		return NULL;
	if ((f = t->spare) != NULL) {
		t->spare = f->next;
		t->nspare--;
	} else if ((f = malloc(sizeof(*f))) == NULL)
		return NULL;
	cic_flow_init(f, id);
	h = hash_id(id, t->nbucket);
	f->next = t->bucket[h];
	t->bucket[h] = f;
	t->count++;
	return f;
}

void
cic_table_del(struct cic_table *t, struct cic_flow *f)
{
	struct cic_flow **pp;

	for (pp = &t->bucket[hash_id(f->id, t->nbucket)]; *pp != NULL;
	    pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			t->count--;
			return;
		}
}

void
cic_table_put(struct cic_table *t, struct cic_flow *f)
{
	cic_flow_release(f);
	if (t->nspare >= CIC_SPARE_MAX) {
		free(f);
		return;
	}
	f->next = t->spare;
	t->spare = f;
	t->nspare++;
}

static int
cmp_id(const void *a, const void *b)
{
	const struct cic_flow *x = *(struct cic_flow *const *)a;
	const struct cic_flow *y = *(struct cic_flow *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

struct cic_flow **
cic_table_list(struct cic_table *t)
{
	struct cic_flow **v, *f;
	uint64_t i, n = 0;

	v = malloc((t->count + 1) * sizeof(*v));
	if (v == NULL)
		return NULL;
	for (i = 0; i < t->nbucket; i++)
		for (f = t->bucket[i]; f != NULL; f = f->next)
			v[n++] = f;
	qsort(v, n, sizeof(*v), cmp_id);
	v[n] = NULL;
	return v;
}

void
cic_table_free(struct cic_table *t)
{
	struct cic_flow *f, *next;
	uint64_t i;

	for (i = 0; i < t->nbucket; i++)
		for (f = t->bucket[i]; f != NULL; f = next) {
			next = f->next;
			cic_flow_release(f);
			free(f);
		}
	while ((f = t->spare) != NULL) {
		t->spare = f->next;
		free(f);
	}
	free(t->bucket);
	memset(t, 0, sizeof(*t));
}

size_t
cic_flow_size(void)
{
	/* glibc malloc: 8-byte header, 16-byte granularity; buckets: at
	 * most 2 pointers per flow (load between 1/2 and 1). */
	return ((sizeof(struct cic_flow) + 8 + 15) & ~(size_t)15) +
	    2 * sizeof(struct cic_flow *);
}
