/* pktfmt.c: text and CSV forms of stream records (the formats pktdump prints). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "csvout.h"
#include "pktfmt.h"
#include "record.h"
#include "util.h"

#define PROTO_ICMP	1
#define PROTO_TCP	6
#define PROTO_UDP	17
#define PROTO_ICMP6	58
#define PROTO_SCTP	132

/* CSV columns, in output order: this enum and the name table are the
 * one definition of the pktdump --csv format. */
enum col {
	C_REC, C_TS, C_WIRE_LEN, C_CAP_LEN, C_IFINDEX, C_VLAN, C_IP_VERSION,
	C_SRC, C_DST, C_PROTO, C_SPORT, C_DPORT, C_ICMP_TYPE, C_ICMP_CODE,
	C_TCP_FLAGS, C_SEQ, C_ACK, C_WINDOW, C_URG_PTR, C_TTL, C_IP_ID,
	C_FRAG_OFFSET, C_MORE_FRAGMENTS, C_IP_HDR_LEN, C_L4_HDR_LEN,
	C_PAYLOAD_LEN, C_STATUS, C_FLOW_ID, C_DIR, C_REASON, NCOL
};

const char *const nf_pktcsv_columns[] = {
	"rec", "ts", "wire_len", "cap_len", "ifindex", "vlan", "ip_version",
	"src", "dst", "proto", "sport", "dport", "icmp_type", "icmp_code",
	"tcp_flags", "seq", "ack", "window", "urg_ptr", "ttl", "ip_id",
	"frag_offset", "more_fragments", "ip_hdr_len", "l4_hdr_len",
	"payload_len", "status", "flow_id", "dir", "reason", NULL
};

enum cellkind { K_EMPTY = 0, K_U64, K_STR, K_TS, K_ADDR };

struct cell {
	enum cellkind	 kind;
	uint64_t	 v;
	const char	*s;
	const uint8_t	*addr;
	int		 ipv;
};

static void
set_u(struct cell *c, enum col i, uint64_t v)
{
	c[i].kind = K_U64;
	c[i].v = v;
}

static int
has_ports(int proto)
{
	return proto == PROTO_TCP || proto == PROTO_UDP || proto == PROTO_SCTP;
}

static int
is_icmp(int proto)
{
	return proto == PROTO_ICMP || proto == PROTO_ICMP6;
}

/*
 * Whether the PKT carries L4 fields: its L4 header was decoded, or it is
 * a non-first fragment whose datagram's first fragment gave them.
 */
static int
l4_known(const struct nf_pkt *k)
{
	if (k->ip_version == 0)
		return 0;
	if (k->l4_hdr_len > 0)
		return 1;
	return k->frag_offset > 0 && !(k->status & NF_ST_FRAG_NOFIRST);
}

static void
pkt_cells(const struct nf_pkt *k, struct cell *c)
{
	int l4 = l4_known(k);

	c[C_REC].kind = K_STR;
	c[C_REC].s = "pkt";
	c[C_TS].kind = K_TS;
	c[C_TS].v = k->ts_ns;
	set_u(c, C_WIRE_LEN, k->wire_len);
	set_u(c, C_CAP_LEN, k->cap_len);
	set_u(c, C_IFINDEX, k->ifindex);
	if (k->vlan != NF_NO_VLAN)
		set_u(c, C_VLAN, k->vlan);
	set_u(c, C_IP_VERSION, k->ip_version);
	set_u(c, C_STATUS, k->status);
	if (k->flow_id != 0) {
		set_u(c, C_FLOW_ID, k->flow_id);
		set_u(c, C_DIR, k->dir);
	}
	if (k->ip_version == 0)
		return;
	c[C_SRC].kind = c[C_DST].kind = K_ADDR;
	c[C_SRC].ipv = c[C_DST].ipv = k->ip_version;
	c[C_SRC].addr = k->src;
	c[C_DST].addr = k->dst;
	set_u(c, C_PROTO, k->proto);
	set_u(c, C_TTL, k->ttl);
	if (k->ip_version == 4 || (k->frag_flags & NF_FF_V6FRAG))
		set_u(c, C_IP_ID, k->ip_id);
	set_u(c, C_FRAG_OFFSET, k->frag_offset);
	set_u(c, C_MORE_FRAGMENTS, (k->frag_flags & NF_FF_MF) != 0);
	set_u(c, C_IP_HDR_LEN, k->ip_hdr_len);
	set_u(c, C_PAYLOAD_LEN, k->payload_len);
	if (k->l4_hdr_len > 0)
		set_u(c, C_L4_HDR_LEN, k->l4_hdr_len);
	if (l4 && has_ports(k->proto)) {
		set_u(c, C_SPORT, k->sport);
		set_u(c, C_DPORT, k->dport);
	}
	if (l4 && is_icmp(k->proto)) {
		set_u(c, C_ICMP_TYPE, k->icmp_type);
		set_u(c, C_ICMP_CODE, k->icmp_code);
	}
	if (k->proto == PROTO_TCP && k->l4_hdr_len > 0) {
		set_u(c, C_TCP_FLAGS, k->tcp_flags);
		set_u(c, C_SEQ, k->seq);
		set_u(c, C_ACK, k->ack);
		set_u(c, C_WINDOW, k->window);
		set_u(c, C_URG_PTR, k->urg_ptr);
	}
}

static void
flow_cells(int type, const struct nf_flow *f, struct cell *c)
{
	c[C_REC].kind = K_STR;
	c[C_REC].s = type == NF_REC_FLOW_BEGIN ? "flow_begin" : "flow_end";
	c[C_TS].kind = K_TS;
	c[C_TS].v = type == NF_REC_FLOW_BEGIN ? f->first_ts : f->last_ts;
	if (f->vlan != NF_NO_VLAN)
		set_u(c, C_VLAN, f->vlan);
	set_u(c, C_IP_VERSION, f->ip_version);
	set_u(c, C_FLOW_ID, f->flow_id);
	if (type == NF_REC_FLOW_END) {
		c[C_REASON].kind = K_STR;
		c[C_REASON].s = nf_reason_name(f->reason);
	}
	if (f->ip_version == 0)
		return;
	c[C_SRC].kind = c[C_DST].kind = K_ADDR;
	c[C_SRC].ipv = c[C_DST].ipv = f->ip_version;
	c[C_SRC].addr = f->src;
	c[C_DST].addr = f->dst;
	set_u(c, C_PROTO, f->proto);
	if (has_ports(f->proto)) {
		set_u(c, C_SPORT, f->sport);
		set_u(c, C_DPORT, f->dport);
	}
	if (is_icmp(f->proto))
		set_u(c, C_ICMP_TYPE, f->icmp_type);
}

void
nf_fmt_csv_header(struct nf_csv *csv)
{
	nf_csv_header(csv, nf_pktcsv_columns);
}

void
nf_fmt_rec_csv(struct nf_csv *csv, const struct nf_rec *r)
{
	struct cell c[NCOL];
	char tbuf[16];
	int i;

	memset(c, 0, sizeof(c));
	switch (r->type) {
	case NF_REC_PKT:
		pkt_cells(&r->u.pkt, c);
		break;
	case NF_REC_FLOW_BEGIN:
	case NF_REC_FLOW_END:
		flow_cells(r->type, &r->u.flow, c);
		break;
	case NF_REC_TICK:
		c[C_REC].kind = K_STR;
		c[C_REC].s = "tick";
		c[C_TS].kind = K_TS;
		c[C_TS].v = r->u.tick_ns;
		break;
	case NF_REC_END:
		c[C_REC].kind = K_STR;
		c[C_REC].s = "end";
		set_u(c, C_STATUS, r->u.end.flags);
		break;
	default:
		snprintf(tbuf, sizeof(tbuf), "type%u", r->type);
		c[C_REC].kind = K_STR;
		c[C_REC].s = tbuf;
		break;
	}
	for (i = 0; i < NCOL; i++) {
		switch (c[i].kind) {
		case K_EMPTY:
			nf_csv_empty(csv);
			break;
		case K_U64:
			nf_csv_u64(csv, c[i].v);
			break;
		case K_STR:
			nf_csv_str(csv, c[i].s);
			break;
		case K_TS:
			nf_csv_ts_ns(csv, c[i].v);
			break;
		case K_ADDR:
			nf_csv_addr(csv, c[i].ipv, c[i].addr);
			break;
		}
	}
	nf_csv_eol(csv);
}

/* --- text ---------------------------------------------------------------- */

static const struct {
	uint32_t	 bit;
	const char	*name;
} st_names[] = {
	{ NF_ST_TRUNCATED, "truncated" },
	{ NF_ST_MALFORMED, "malformed" },
	{ NF_ST_LINK_UNSUP, "link-unsupported" },
	{ NF_ST_FRAGMENT, "fragment" },
	{ NF_ST_FRAG_OVERLAP, "frag-overlap" },
	{ NF_ST_FRAG_OVERSIZE, "frag-oversize" },
	{ NF_ST_FRAG_NOFIRST, "frag-nofirst" },
	{ NF_ST_BAD_IPCSUM, "bad-ip-checksum" },
	{ NF_ST_BAD_L4CSUM, "bad-l4-checksum" },
	{ NF_ST_L4_TRUNC, "l4-truncated" },
	{ NF_ST_BAD_TS, "bad-timestamp" },
	{ NF_ST_TS_BACK, "time-backwards" },
	{ NF_ST_FRAG_TABLE_FULL, "frag-table-full" },
};

char *
nf_tcpflags_str(uint8_t flags, uint8_t flags2, char *buf)
{
	/* tcpdump's letters, in its order; ACK is ".". */
	static const struct {
		uint8_t	 bit;
		char	 c;
	} fl[] = {
		{ NF_TH_FIN, 'F' }, { NF_TH_SYN, 'S' }, { NF_TH_RST, 'R' },
		{ NF_TH_PSH, 'P' }, { NF_TH_URG, 'U' }, { NF_TH_ECE, 'E' },
		{ NF_TH_CWR, 'W' }, { NF_TH_ACK, '.' },
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		if (flags & fl[i].bit)
			buf[n++] = fl[i].c;
	if (flags2 & 1)
		buf[n++] = 'N';
	if (n == 0)
		memcpy(buf + n, "none", 4), n += 4;
	buf[n] = '\0';
	return buf;
}

static void
put_ts(FILE *fp, uint64_t ts)
{
	fprintf(fp, "%" PRIu64 ".%09" PRIu64, ts / UINT64_C(1000000000),
	    ts % UINT64_C(1000000000));
}

/* "addr.port" as tcpdump prints it (port omitted when withport is 0). */
static void
put_ep(FILE *fp, int ipv, const uint8_t *a, uint16_t port, int withport)
{
	char buf[NF_ADDRSTRLEN];

	fputs(nf_addr_str(ipv, a, buf), fp);
	if (withport)
		fprintf(fp, ".%u", port);
}

static const char *
proto_name(int proto)
{
	switch (proto) {
	case PROTO_ICMP:
		return "icmp";
	case PROTO_TCP:
		return "tcp";
	case PROTO_UDP:
		return "udp";
	case PROTO_ICMP6:
		return "icmp6";
	case PROTO_SCTP:
		return "sctp";
	default:
		return NULL;
	}
}

static void
pkt_text(FILE *fp, const struct nf_pkt *k, int verbose)
{
	const char *pn, *sep;
	char fb[16];
	size_t i;
	int l4 = l4_known(k), ports;

	put_ts(fp, k->ts_ns);
	if (k->vlan != NF_NO_VLAN) {
		fprintf(fp, " vlan %u", k->vlan);
		if (k->vlan_inner != NF_NO_VLAN)
			fprintf(fp, ",%u", k->vlan_inner);
	}
	if (k->ip_version == 0) {
		fputs(" non-IP", fp);
	} else {
		ports = l4 && has_ports(k->proto);
		fputs(k->ip_version == 4 ? " IP " : " IP6 ", fp);
		put_ep(fp, k->ip_version, k->src, k->sport, ports);
		fputs(" > ", fp);
		put_ep(fp, k->ip_version, k->dst, k->dport, ports);
		fputc(':', fp);
		if ((pn = proto_name(k->proto)) != NULL)
			fprintf(fp, " %s", pn);
		else
			fprintf(fp, " proto %u", k->proto);
		if (k->proto == PROTO_TCP && k->l4_hdr_len > 0) {
			fprintf(fp, " Flags [%s], seq %" PRIu32 ", ack %"
			    PRIu32 ", win %u",
			    nf_tcpflags_str(k->tcp_flags, k->tcp_flags2, fb),
			    k->seq, k->ack, k->window);
			if (k->tcp_flags & NF_TH_URG)
				fprintf(fp, ", urg %u", k->urg_ptr);
		}
		if (l4 && is_icmp(k->proto))
			fprintf(fp, " type %u code %u", k->icmp_type,
			    k->icmp_code);
		fprintf(fp, ", length %" PRIu32, k->payload_len);
		if (k->status & NF_ST_FRAGMENT)
			fprintf(fp, ", frag id %" PRIu32 " off %u%s",
			    k->ip_id, k->frag_offset,
			    (k->frag_flags & NF_FF_MF) ? "+" : "");
		if (verbose) {
			fprintf(fp, ", ttl %u", k->ttl);
			if (k->ip_version == 4)
				fprintf(fp, ", id %" PRIu32, k->ip_id);
			fprintf(fp, ", iphl %u, l4hl %u", k->ip_hdr_len,
			    k->l4_hdr_len);
			if (k->mss != 0)
				fprintf(fp, ", mss %u", k->mss);
			if (k->wscale != NF_NO_WSCALE)
				fprintf(fp, ", wscale %u", k->wscale);
			if (k->icmp_id != 0)
				fprintf(fp, ", icmp id %u", k->icmp_id);
		}
	}
	fprintf(fp, ", wire %" PRIu32 " cap %" PRIu32, k->wire_len,
	    k->cap_len);
	if (k->ifindex != 0)
		fprintf(fp, " if %" PRIu32, k->ifindex);
	if (k->status != 0) {
		sep = " [";
		for (i = 0; i < sizeof(st_names) / sizeof(st_names[0]); i++)
			if (k->status & st_names[i].bit) {
				fprintf(fp, "%s%s", sep, st_names[i].name);
				sep = ",";
			}
		fputs("]", fp);
	}
	if (k->snip_len > 0)
		fprintf(fp, " snip %" PRIu32, k->snip_len);
	if (k->frame_len > 0)
		fprintf(fp, " frame %" PRIu32, k->frame_len);
	if (k->flow_id != 0)
		fprintf(fp, " flow %" PRIu64 " %s", k->flow_id,
		    k->dir ? "bwd" : "fwd");
	fputc('\n', fp);
}

static void
flow_text(FILE *fp, int type, const struct nf_flow *f)
{
	const char *pn;
	int ports = has_ports(f->proto);

	put_ts(fp, type == NF_REC_FLOW_BEGIN ? f->first_ts : f->last_ts);
	fprintf(fp, " %s flow %" PRIu64,
	    type == NF_REC_FLOW_BEGIN ? "FLOW_BEGIN" : "FLOW_END",
	    f->flow_id);
	if (f->vlan != NF_NO_VLAN)
		fprintf(fp, " vlan %u", f->vlan);
	if ((pn = proto_name(f->proto)) != NULL)
		fprintf(fp, " %s ", pn);
	else
		fprintf(fp, " proto %u ", f->proto);
	put_ep(fp, f->ip_version, f->src, f->sport, ports);
	fputs(" > ", fp);
	put_ep(fp, f->ip_version, f->dst, f->dport, ports);
	if (is_icmp(f->proto))
		fprintf(fp, " type %u", f->icmp_type);
	if (type == NF_REC_FLOW_END) {
		fprintf(fp, " reason %s fwd %" PRIu64 " bwd %" PRIu64
		    " first ", nf_reason_name(f->reason), f->fwd_pkts,
		    f->bwd_pkts);
		put_ts(fp, f->first_ts);
	}
	if (f->flags & NF_FL_CONTINUED)
		fprintf(fp, " continues %" PRIu64, f->prev_flow_id);
	if (f->flags & NF_FL_SYNACK_FIRST)
		fputs(" synack-first", fp);
	fputc('\n', fp);
}

void
nf_fmt_rec_text(FILE *fp, const struct nf_rec *r, int verbose)
{
	uint32_t i;

	switch (r->type) {
	case NF_REC_PKT:
		pkt_text(fp, &r->u.pkt, verbose);
		break;
	case NF_REC_FLOW_BEGIN:
	case NF_REC_FLOW_END:
		flow_text(fp, r->type, &r->u.flow);
		break;
	case NF_REC_TICK:
		put_ts(fp, r->u.tick_ns);
		fputs(" TICK\n", fp);
		break;
	case NF_REC_END:
		fputs("END", fp);
		if (r->u.end.flags & NF_EF_INCOMPLETE)
			fputs(" incomplete", fp);
		for (i = 0; i < r->u.end.count; i++)
			fprintf(fp, " %s=%" PRIu64, r->u.end.ctr[i].name,
			    r->u.end.ctr[i].value);
		fputc('\n', fp);
		break;
	default:
		fprintf(fp, "RECORD type %u length %" PRIu32 "\n", r->type,
		    r->len);
		break;
	}
}

void
nf_fmt_header_text(FILE *fp, const struct nf_header *h)
{
	size_t i;

	fprintf(fp, "# netfeat record stream %u.%u flags", h->major,
	    h->minor);
	if (h->flags & NF_HF_LIVE)
		fputs(" live", fp);
	if (h->flags & NF_HF_FRAMES)
		fputs(" frames", fp);
	if (h->flags & NF_HF_FLOWS)
		fputs(" flows", fp);
	if (h->flags & NF_HF_UNIDIR)
		fputs(" unidirectional", fp);
	if ((h->flags & 0xF) == 0)
		fputs(" none", fp);
	fprintf(fp, " snap_payload %" PRIu32 "\n", h->snap_payload);
	for (i = 0; i < h->nprov; i++)
		fprintf(fp, "# prov %zu: %s\n", i, h->prov[i]);
	for (i = 0; i < h->niface; i++)
		fprintf(fp, "# iface %zu: linktype %" PRIu32 " snaplen %"
		    PRIu32 " tsprec %" PRIu32 " %s\n", i,
		    h->iface[i].linktype, h->iface[i].snaplen,
		    h->iface[i].tsprec, h->iface[i].name ?
		    h->iface[i].name : "");
	if (h->flowcfg.present)
		fprintf(fp, "# flowcfg: idle %" PRIu64 " ns, active %" PRIu64
		    " ns, linger %" PRIu64 " ns, max_flows %" PRIu32
		    ", flags 0x%" PRIx32 "\n", h->flowcfg.idle_ns,
		    h->flowcfg.active_ns, h->flowcfg.linger_ns,
		    h->flowcfg.max_flows, h->flowcfg.flags);
}

static void
put_hex(FILE *fp, const char *label, const uint8_t *p, uint32_t n)
{
	uint32_t i;

	fprintf(fp, "\t%s ", label);
	for (i = 0; i < n; i++)
		fprintf(fp, "%02x", p[i]);
	fputc('\n', fp);
}

void
nf_fmt_pkt_hex(FILE *fp, const struct nf_pkt *k)
{
	if (k->snip_len > 0 && k->snip != NULL)
		put_hex(fp, "snip", k->snip, k->snip_len);
	if (k->frame_len > 0 && k->frame != NULL)
		put_hex(fp, "frame", k->frame, k->frame_len);
}
