/* flow2csv.c: the plain flow table, one CSV row per flow (and the model of a custom stage). */

/*
 * A feature stage in four steps, which is all a custom stage needs:
 *   1. FLOW_BEGIN: allocate the flow's accumulator, find it later by
 *      flow id;
 *   2. PKT: update the accumulator of the packet's flow (pkt->flow_id,
 *      pkt->dir: 0 forward, 1 backward);
 *   3. FLOW_END: write the row and free the accumulator;
 *   4. end of input: a truncated stream still gets rows for its open
 *      flows (end reason "truncated"), then exit 1.
 * Copy this file, change struct acc, the column table and put_col().
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "idmap.h"
#include "record.h"
#include "util.h"

/* Per-flow accumulator.  Open flows are also on a list in FLOW_BEGIN
 * order, for the rows of a truncated stream. */
struct acc {
	struct nf_flow	 f;		/* FLOW_BEGIN; FLOW_END updates it */
	uint64_t	 pkts[2];	/* by direction */
	uint64_t	 bytes[2];	/* wire length */
	uint64_t	 payload[2];	/* L4 payload by the IP header */
	uint64_t	 flag[8];	/* packets with each TCP flag bit */
	struct acc	*prev;
	struct acc	*next;
};

enum col {
	C_FLOW_ID, C_START, C_END, C_DURATION, C_SRC_IP, C_SRC_PORT,
	C_DST_IP, C_DST_PORT, C_PROTOCOL, C_VLAN, C_FWD_PACKETS,
	C_BWD_PACKETS, C_FWD_BYTES, C_BWD_BYTES, C_FWD_PAYLOAD,
	C_BWD_PAYLOAD, C_PKT_COUNT, C_BYTE_COUNT, C_FLAG, C_END_REASON
};

struct column {
	const char	*name;
	enum col	 col;
	int		 bit;		/* C_FLAG: bit number (FIN = 0) */
};

/* The two column sets: names and order of the CSV header. */
static const struct column full_cols[] = {
	{ "flow_id", C_FLOW_ID, 0 },
	{ "start", C_START, 0 },
	{ "end", C_END, 0 },
	{ "duration", C_DURATION, 0 },
	{ "src_ip", C_SRC_IP, 0 },
	{ "src_port", C_SRC_PORT, 0 },
	{ "dst_ip", C_DST_IP, 0 },
	{ "dst_port", C_DST_PORT, 0 },
	{ "protocol", C_PROTOCOL, 0 },
	{ "vlan", C_VLAN, 0 },
	{ "fwd_packets", C_FWD_PACKETS, 0 },
	{ "bwd_packets", C_BWD_PACKETS, 0 },
	{ "fwd_bytes", C_FWD_BYTES, 0 },
	{ "bwd_bytes", C_BWD_BYTES, 0 },
	{ "fwd_payload_bytes", C_FWD_PAYLOAD, 0 },
	{ "bwd_payload_bytes", C_BWD_PAYLOAD, 0 },
	{ "syn_count", C_FLAG, 1 },
	{ "fin_count", C_FLAG, 0 },
	{ "rst_count", C_FLAG, 2 },
	{ "psh_count", C_FLAG, 3 },
	{ "ack_count", C_FLAG, 4 },
	{ "urg_count", C_FLAG, 5 },
	{ "ece_count", C_FLAG, 6 },
	{ "cwr_count", C_FLAG, 7 },
	{ "end_reason", C_END_REASON, 0 },
	{ NULL, 0, 0 }
};

static const struct column basic_cols[] = {
	{ "src_ip", C_SRC_IP, 0 },
	{ "dst_ip", C_DST_IP, 0 },
	{ "src_port", C_SRC_PORT, 0 },
	{ "dst_port", C_DST_PORT, 0 },
	{ "protocol", C_PROTOCOL, 0 },
	{ "duration", C_DURATION, 0 },
	{ "pkt_count", C_PKT_COUNT, 0 },
	{ "byte_count", C_BYTE_COUNT, 0 },
	{ "syn_count", C_FLAG, 1 },
	{ "fin_count", C_FLAG, 0 },
	{ "rst_count", C_FLAG, 2 },
	{ "psh_count", C_FLAG, 3 },
	{ "ack_count", C_FLAG, 4 },
	{ NULL, 0, 0 }
};

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [--columns full|basic] [file]\n", nf_progname);
	exit(status);
}

static void
put_col(struct nf_csv *csv, const struct column *c, const struct acc *a)
{
	const struct nf_flow *f = &a->f;

	switch (c->col) {
	case C_FLOW_ID:
		nf_csv_u64(csv, f->flow_id);
		break;
	case C_START:
		nf_csv_ts_us(csv, f->first_ts);
		break;
	case C_END:
		nf_csv_ts_us(csv, f->last_ts);
		break;
	case C_DURATION:	/* seconds, 6 decimals */
		nf_csv_ts_us(csv, f->last_ts - f->first_ts);
		break;
	case C_SRC_IP:
		nf_csv_addr(csv, f->ip_version, f->src);
		break;
	case C_SRC_PORT:
		nf_csv_u64(csv, f->sport);
		break;
	case C_DST_IP:
		nf_csv_addr(csv, f->ip_version, f->dst);
		break;
	case C_DST_PORT:
		nf_csv_u64(csv, f->dport);
		break;
	case C_PROTOCOL:
		nf_csv_u64(csv, f->proto);
		break;
	case C_VLAN:
		if (f->vlan == NF_NO_VLAN)
			nf_csv_empty(csv);
		else
			nf_csv_u64(csv, f->vlan);
		break;
	case C_FWD_PACKETS:
		nf_csv_u64(csv, a->pkts[0]);
		break;
	case C_BWD_PACKETS:
		nf_csv_u64(csv, a->pkts[1]);
		break;
	case C_FWD_BYTES:
		nf_csv_u64(csv, a->bytes[0]);
		break;
	case C_BWD_BYTES:
		nf_csv_u64(csv, a->bytes[1]);
		break;
	case C_FWD_PAYLOAD:
		nf_csv_u64(csv, a->payload[0]);
		break;
	case C_BWD_PAYLOAD:
		nf_csv_u64(csv, a->payload[1]);
		break;
	case C_PKT_COUNT:
		nf_csv_u64(csv, a->pkts[0] + a->pkts[1]);
		break;
	case C_BYTE_COUNT:
		nf_csv_u64(csv, a->bytes[0] + a->bytes[1]);
		break;
	case C_FLAG:
		nf_csv_u64(csv, a->flag[c->bit]);
		break;
	case C_END_REASON:
		nf_csv_str(csv, nf_reason_name(f->reason));
		break;
	}
}

static void
put_row(struct nf_csv *csv, const struct column *cols, const struct acc *a)
{
	for (; cols->name != NULL; cols++)
		put_col(csv, cols, a);
	nf_csv_eol(csv);
}

/* Update a flow's accumulator with one of its packets. */
static void
add_packet(struct acc *a, const struct nf_pkt *p)
{
	int d = p->dir ? 1 : 0, b;

	a->pkts[d]++;
	a->bytes[d] += p->wire_len;
	a->payload[d] += p->payload_len;
	for (b = 0; b < 8; b++)
		if (p->tcp_flags & (1U << b))
			a->flag[b]++;
	if (p->ts_ns > a->f.last_ts)
		a->f.last_ts = p->ts_ns;
}

static void
unlink_acc(struct acc **head, struct acc *a)
{
	if (a->prev != NULL)
		a->prev->next = a->next;
	else
		*head = a->next;
	if (a->next != NULL)
		a->next->prev = a->prev;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "columns", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct column *cols = full_cols, *c;
	struct acc *a, *open = NULL, *tail = NULL;
	struct nf_idmap map;
	struct nf_reader rd;
	struct nf_rec *rec;
	struct nf_csv csv;
	int ch, r, live;

	nf_setprogname(argv[0]);
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (strcmp(optarg, "full") == 0)
				cols = full_cols;
			else if (strcmp(optarg, "basic") == 0)
				cols = basic_cols;
			else {
				nf_warnx("bad --columns '%s': expected full "
				    "or basic", optarg);
				usage(stderr, EXIT_USAGE);
			}
			break;
		case 'h':
			usage(stdout, EXIT_OK);
			break;
		case 'V':
			nf_version();
			break;
		default:
			usage(stderr, EXIT_USAGE);
		}
	}
	if (argc - optind > 1)
		usage(stderr, EXIT_USAGE);

	nf_locale_c();
	nf_buffer_stdout();
	nf_stage_signals();
	nf_reader_open_path(&rd, optind < argc ? argv[optind] : NULL);
	if (!(rd.hdr.flags & NF_HF_FLOWS))
		nf_errx(EXIT_BAD, "'%s' has no flows: run it through "
		    "pkt2flow first", rd.name);
	live = (rd.hdr.flags & NF_HF_LIVE) != 0;
	if (nf_idmap_init(&map, 1024) < 0)
		nf_errx(EXIT_BAD, "out of memory");
	nf_csv_init(&csv, stdout);
	for (c = cols; c->name != NULL; c++)
		nf_csv_str(&csv, c->name);
	nf_csv_eol(&csv);

	while ((r = nf_read(&rd, &rec)) == NF_READ_OK) {
		switch (rec->type) {
		case NF_REC_FLOW_BEGIN:
			if ((a = calloc(1, sizeof(*a))) == NULL ||
			    nf_idmap_put(&map, rec->u.flow.flow_id, a) < 0)
				nf_errx(EXIT_BAD, "out of memory");
			a->f = rec->u.flow;
			a->prev = tail;
			if (tail != NULL)
				tail->next = a;
			else
				open = a;
			tail = a;
			break;
		case NF_REC_PKT:
			a = nf_idmap_get(&map, rec->u.pkt.flow_id);
			if (a != NULL)
				add_packet(a, &rec->u.pkt);
			break;
		case NF_REC_FLOW_END:
			a = nf_idmap_del(&map, rec->u.flow.flow_id);
			if (a == NULL)
				break;
			a->f = rec->u.flow;
			put_row(&csv, cols, a);
			if (tail == a)
				tail = a->prev;
			unlink_acc(&open, a);
			free(a);
			if (live)
				fflush(stdout);
			break;
		case NF_REC_TICK:
			if (live)
				fflush(stdout);
			break;
		default:	/* END and record types we do not know */
			break;
		}
	}
	if (r == NF_READ_ERR)
		nf_warnx("%s", rd.errmsg);
	/* Only a truncated stream leaves flows open: pkt2flow ends all. */
	while ((a = open) != NULL) {
		if (r == NF_READ_ERR) {
			a->f.reason = NF_END_TRUNCATED;
			put_row(&csv, cols, a);
		}
		open = a->next;
		free(a);
	}
	nf_idmap_free(&map);
	nf_reader_close(&rd);
	nf_close_output(stdout, "<stdout>");
	if (r == NF_READ_ERR)
		return EXIT_BAD;
	return nf_reader_check_end(&rd);
}
