/* pkt2flow.c: tag PKT records with their flow and direction, emit FLOW_BEGIN / FLOW_END. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flowtab.h"
#include "record.h"
#include "util.h"

/* Look-ahead distance in bytes (a PKT record is 128 or more). */
#define AHEAD	(32 * 128)

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [--idle-timeout sec] [--active-timeout sec] "
	    "[--tcp-linger sec]\n"
	    "                [--max-flows n] [--unidirectional] [--no-vlan] "
	    "[--fin-closes] [file]\n", nf_progname);
	exit(status);
}

/* Flow events from the table go straight to the output stream. */
static void
emit(void *arg, int type, const struct nf_flow *f)
{
	nf_write_flow(arg, type, f);
}

static void
add_ctr(struct nf_end *end, const char *name, uint64_t v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "pkt2flow.%s", name);
	if (nf_end_add(end, buf, v) < 0)
		nf_errx(EXIT_BAD, "cannot add END counter '%s'", buf);
}

/* Our counters after the input's: a fixed set, zeros included. */
static void
add_counters(struct nf_end *end, const struct nf_flowtab_stats *st)
{
	char name[NF_CTR_NAME];
	int r;

	add_ctr(end, "packets", st->packets);
	add_ctr(end, "non_ip", st->non_ip);
	add_ctr(end, "flows", st->begun);
	add_ctr(end, "continued", st->continued);
	for (r = NF_END_FIN; r < NF_END_NREASONS; r++) {
		snprintf(name, sizeof(name), "ended_%s", nf_reason_name(r));
		add_ctr(end, name, st->ended[r]);
	}
	add_ctr(end, "evictions", st->ended[NF_END_EVICTED]);
	add_ctr(end, "out_of_order", st->out_of_order);
	add_ctr(end, "port_reuse", st->port_reuse);
	add_ctr(end, "absorbed", st->absorbed);
	add_ctr(end, "peak_flows", st->peak_flows);
	add_ctr(end, "time_suspect", st->time_suspect);
	add_ctr(end, "time_resets", st->time_resets);
}

static void
seconds_opt(const char *opt, const char *arg, uint64_t *ns)
{
	if (nf_parse_seconds(arg, ns) < 0) {
		nf_warnx("bad %s '%s': expected seconds", opt, arg);
		usage(stderr, EXIT_USAGE);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "idle-timeout", required_argument, NULL, 'i' },
		{ "active-timeout", required_argument, NULL, 'a' },
		{ "tcp-linger", required_argument, NULL, 'l' },
		{ "max-flows", required_argument, NULL, 'm' },
		{ "unidirectional", no_argument, NULL, 'u' },
		{ "no-vlan", no_argument, NULL, 'n' },
		{ "fin-closes", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct nf_flowtab_cfg cfg;
	const struct nf_flowtab_stats *st;
	struct nf_flowtab *t;
	struct nf_reader rd;
	struct nf_ahead ahd = { 0, 0, 0 };
	struct nf_pkt peek;
	const uint8_t *ahead;
	struct nf_writer w;
	struct nf_header h;
	struct nf_end end;
	struct nf_rec *rec;
	uint64_t v, inflows = 0;
	uint32_t i;
	int c, r, status = EXIT_OK, reason = NF_END_EOF;

	nf_setprogname(argv[0]);
	cfg.idle_ns = NF_FLOWTAB_IDLE_NS;
	cfg.active_ns = NF_FLOWTAB_ACTIVE_NS;
	cfg.linger_ns = NF_FLOWTAB_LINGER_NS;
	cfg.max_flows = NF_FLOWTAB_MAX_FLOWS;
	cfg.flags = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			seconds_opt("--idle-timeout", optarg, &cfg.idle_ns);
			break;
		case 'a':
			seconds_opt("--active-timeout", optarg,
			    &cfg.active_ns);
			break;
		case 'l':
			seconds_opt("--tcp-linger", optarg, &cfg.linger_ns);
			break;
		case 'm':
			if (nf_parse_uint(optarg, 1, NF_FLOWTAB_MAX_LIMIT,
			    &v) < 0) {
				nf_warnx("bad --max-flows '%s': expected 1 to "
				    "%u", optarg, NF_FLOWTAB_MAX_LIMIT);
				usage(stderr, EXIT_USAGE);
			}
			cfg.max_flows = (uint32_t)v;
			break;
		case 'u':
			cfg.flags |= NF_FC_UNIDIR;
			break;
		case 'n':
			cfg.flags |= NF_FC_NOVLAN;
			break;
		case 'f':
			cfg.flags |= NF_FC_FINCLOSE;
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

	nf_stage_signals();
	nf_reader_open_path(&rd, optind < argc ? argv[optind] : NULL);
	nf_writer_open(&w, 1, "<stdout>");
	nf_header_init(&h);
	if (nf_header_copy(&h, &rd.hdr) < 0 ||
	    nf_header_add_prov(&h, argc, argv) < 0)
		nf_errx(EXIT_BAD, "out of memory");
	h.flags |= NF_HF_FLOWS;
	if (cfg.flags & NF_FC_UNIDIR)
		h.flags |= NF_HF_UNIDIR;
	else
		h.flags &= ~(uint32_t)NF_HF_UNIDIR;
	h.flowcfg.idle_ns = cfg.idle_ns;
	h.flowcfg.active_ns = cfg.active_ns;
	h.flowcfg.linger_ns = cfg.linger_ns;
	h.flowcfg.max_flows = cfg.max_flows;
	h.flowcfg.flags = cfg.flags;
	h.flowcfg.present = 1;
	nf_writer_header(&w, &h);
	nf_header_free(&h);
	if ((t = nf_flowtab_new(&cfg, emit, &w)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");

	nf_end_init(&end);
	while ((r = nf_read(&rd, &rec)) == NF_READ_OK) {
		/* Flow entries are spread over memory: ask for the ones
		 * the next packets use while this one is processed. */
		while ((ahead = nf_ahead_next(&rd, &ahd, AHEAD)) != NULL) {
			nf_pkt_peek(ahead, &peek);
			nf_flowtab_hint(t, &peek, ahd.at);
		}
		switch (rec->type) {
		case NF_REC_PKT:
			if (nf_flowtab_packet_at(t, &rec->u.pkt,
			    rec->offset) < 0)
				nf_errx(EXIT_BAD, "out of memory with %u "
				    "flows at offset %llu in '%s'; try a "
				    "smaller --max-flows",
				    nf_flowtab_count(t),
				    (unsigned long long)rec->offset, rd.name);
			nf_write_pkt_retag(&w, rec->raw, rec->len,
			    rec->u.pkt.flow_id, rec->u.pkt.dir);
			nf_flowtab_packet_done(t);
			break;
		case NF_REC_TICK:
			nf_flowtab_advance(t, rec->u.tick_ns);
			nf_write_tick(&w, rec->u.tick_ns);
			break;
		case NF_REC_FLOW_BEGIN:
		case NF_REC_FLOW_END:
			/* The input was tagged before: we tag afresh. */
			if (inflows++ == 0)
				nf_warnx("'%s' is already tagged with flows; "
				    "its flow records are replaced", rd.name);
			break;
		case NF_REC_END:
			end.flags = rec->u.end.flags;
			for (i = 0; i < rec->u.end.count; i++)
				if (nf_end_add(&end, rec->u.end.ctr[i].name,
				    rec->u.end.ctr[i].value) < 0)
					nf_errx(EXIT_BAD, "out of memory");
			break;
		default:
			nf_write_raw(&w, rec->raw, rec->len);
			break;
		}
	}
	if (r == NF_READ_ERR) {
		nf_warnx("%s", rd.errmsg);
		reason = NF_END_TRUNCATED;
		end.flags |= NF_EF_INCOMPLETE;
		if (rd.truncated && nf_end_add(&end, "pkt2flow.truncated_at",
		    rd.offset) < 0)
			nf_errx(EXIT_BAD, "out of memory");
		status = EXIT_BAD;
	} else
		status = nf_reader_check_end(&rd);
	nf_flowtab_finish(t, reason);
	st = nf_flowtab_stats(t);
	add_counters(&end, st);
	nf_write_end(&w, &end);
	nf_writer_close(&w);
	if (st->ended[NF_END_EVICTED] > 0)
		nf_warnx("%llu flows evicted: the table was full at %u flows "
		    "(--max-flows)",
		    (unsigned long long)st->ended[NF_END_EVICTED],
		    cfg.max_flows);
	if (st->out_of_order > 0)
		nf_warnx("%llu packets with out-of-order timestamps",
		    (unsigned long long)st->out_of_order);
	if (st->time_suspect > 0)
		nf_warnx("%llu packets with timestamps more than a day off "
		    "(not used as time)", (unsigned long long)st->time_suspect);
	if (st->time_resets > 0)
		nf_warnx("time went back more than a day %llu times: all "
		    "flows ended there", (unsigned long long)st->time_resets);
	nf_end_free(&end);
	nf_flowtab_free(t);
	nf_reader_close(&rd);
	return status;
}
