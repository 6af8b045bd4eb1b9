/* flow2kdd.c: KDD Cup'99 features (all 41) from a pkt2flow record stream, one CSV row per connection. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "kdd_stage.h"
#include "record.h"
#include "util.h"
#include "workq.h"

/* Look-ahead distance in bytes (a PKT record is 128 bytes and its
 * payload snippet, -P 256). */
#define AHEAD	(16 * 160)

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [--pure] [--time-window SEC] "
	    "[--host-window N] [--order start|end]\n"
	    "\t[--private-rule lt1024|ge49152] [--diff-srv kdd|complement] "
	    "[--no-caps]\n"
	    "\t[--features all|darpa29] [--label TEXT] [FILE]\n",
	    nf_progname);
	exit(status);
}

struct sink {
	struct nf_csv	 csv;
	struct kdd_out	 out;
	int		 live;
	struct kdd_stage *stage;
	struct nf_workq	*wq;		/* the window thread, or NULL */
	struct nf_workq	*wq_out;	/* the writing thread, or NULL */
};

/* A row with its window features, on its way to the writing thread. */
struct outrow {
	struct kdd_row	 r;
	struct kdd_traffic t;
};

/*
 * Rows wait in start order for the oldest open connection, so in a
 * capture with long connections most are released together near the
 * end, when the stages upstream have finished and a core is free.  Two
 * threads take the released rows, in order, and do the rest: one the
 * window features, the other the formatting and writing, so that end
 * runs on both cores (KDD pipeline, 5 M packets: median of six 1.60 ->
 * 1.54 s with one thread; median of nine 1.58 -> 1.51 s with two and
 * the lock-free queue).  Live, each row is processed and written at
 * once instead.
 */
#define WQ_ROWS	4096

static void
emit(void *arg, const struct kdd_row *r, const struct kdd_traffic *t)
{
	struct sink *k = arg;
	struct outrow o;

	if (k->wq_out != NULL) {
		o.r = *r;
		o.t = *t;
		nf_workq_put(k->wq_out, &o);
		return;
	}
	kdd_row_write(&k->csv, &k->out, r, t);
	if (k->live)
		fflush(stdout);
}

static void
write_row(void *arg, void *item)
{
	struct sink *k = arg;
	const struct outrow *o = item;

	kdd_row_write(&k->csv, &k->out, &o->r, &o->t);
}

static void
handoff(void *arg, const struct kdd_row *r)
{
	struct sink *k = arg;

	nf_workq_put(k->wq, r);
}

static void
process_row(void *arg, void *item)
{
	struct sink *k = arg;

	kdd_stage_process(k->stage, item);
}

static struct nf_workq *exit_wq, *exit_wq_out;

/* The rows handed off are all written (also at an exit): the window
 * thread finishes first, as it feeds the writing thread. */
static void
finish_rows(void)
{
	nf_workq_finish(exit_wq);
	exit_wq = NULL;
	nf_workq_finish(exit_wq_out);
	exit_wq_out = NULL;
}

/* Print the counters a user should know about on stderr. */
static void
report(const struct kdd_stage *s, const char *name)
{
	const struct kdd_stats *st = &s->st;

	if (st->other_flows)
		nf_warnx("%llu flows of other protocols in '%s' not emitted",
		    (unsigned long long)st->other_flows, name);
	if (st->untagged)
		nf_warnx("%llu TCP/UDP packets without flow id in '%s' "
		    "ignored", (unsigned long long)st->untagged, name);
	if (st->late)
		nf_warnx("%llu records released after later-starting ones "
		    "(window time clamped)", (unsigned long long)st->late);
	if (st->reorder_full)
		nf_warnx("reorder buffer full %llu times (cap %zu rows)",
		    (unsigned long long)st->reorder_full, s->o.reorder_max);
	if (st->conn_cap)
		nf_warnx("%llu connections not tracked: table full (cap %zu)",
		    (unsigned long long)st->conn_cap, s->o.conn_max);
	if (st->content_cap)
		nf_warnx("%llu connections without content features: content "
		    "state cap %zu reached", (unsigned long long)st->content_cap,
		    s->o.content_max);
	if (st->content_budget)
		nf_warnx("%llu connections: content analysis stopped at the "
		    "per-direction byte budget", (unsigned long long)
		    st->content_budget);
	if (s->win.tw_overflow)
		nf_warnx("time window cap %u reached %llu times",
		    s->win.tw_max, (unsigned long long)s->win.tw_overflow);
	if (st->enomem)
		nf_warnx("out of memory %llu times: some connections do not "
		    "delay the rows after them", (unsigned long long)st->enomem);
	if (st->win_enomem)
		nf_warnx("out of memory %llu times: some traffic features are 0",
		    (unsigned long long)st->win_enomem);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "pure", no_argument, NULL, 'p' },
		{ "time-window", required_argument, NULL, 't' },
		{ "host-window", required_argument, NULL, 'n' },
		{ "order", required_argument, NULL, 'o' },
		{ "private-rule", required_argument, NULL, 'r' },
		{ "diff-srv", required_argument, NULL, 'd' },
		{ "no-caps", no_argument, NULL, 'c' },
		{ "features", required_argument, NULL, 'f' },
		{ "label", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct nf_reader rd;
	struct nf_ahead ahd = { 0, 0, 0 };
	const uint8_t *ahead;
	struct nf_rec *rec;
	struct kdd_opts o;
	struct kdd_stage s;
	struct sink k;
	const char *path = NULL;
	uint64_t v, hold;
	int ch, rs, bad = 0;

	nf_setprogname(argv[0]);
	nf_locale_c();
	nf_buffer_stdout();
	kdd_opts_default(&o);
	memset(&k, 0, sizeof(k));
	k.out.label = "";
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			k.out.pure = 1;
			break;
		case 't':
			if (nf_parse_seconds(optarg, &o.span_ns) == -1) {
				nf_warnx("bad --time-window '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			break;
		case 'n':
			if (nf_parse_uint(optarg, 1, 1U << 24, &v) == -1) {
				nf_warnx("bad --host-window '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			o.host_n = (uint32_t)v;
			break;
		case 'o':
			if (strcmp(optarg, "start") == 0)
				o.order_end = 0;
			else if (strcmp(optarg, "end") == 0)
				o.order_end = 1;
			else {
				nf_warnx("bad --order '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			break;
		case 'r':
			if (strcmp(optarg, "lt1024") == 0)
				o.private_rule = KDD_PRIV_LT1024;
			else if (strcmp(optarg, "ge49152") == 0)
				o.private_rule = KDD_PRIV_GE49152;
			else {
				nf_warnx("bad --private-rule '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			break;
		case 'd':
			if (strcmp(optarg, "kdd") == 0)
				o.diff_mode = KDD_DIFF_KDD;
			else if (strcmp(optarg, "complement") == 0)
				o.diff_mode = KDD_DIFF_COMPLEMENT;
			else {
				nf_warnx("bad --diff-srv '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			break;
		case 'c':
			k.out.nocaps = 1;
			break;
		case 'f':
			if (strcmp(optarg, "all") == 0)
				k.out.darpa29 = 0;
			else if (strcmp(optarg, "darpa29") == 0)
				k.out.darpa29 = 1;
			else {
				nf_warnx("bad --features '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			break;
		case 'l':
			k.out.label = optarg;
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
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage(stderr, EXIT_USAGE);
	if (argc == 1)
		path = argv[0];

	nf_stage_signals();
	nf_reader_open_path(&rd, path);
	if (!(rd.hdr.flags & NF_HF_FLOWS))
		nf_errx(EXIT_BAD, "'%s' is not tagged by pkt2flow "
		    "(use: pcap2pkt -P 256 ... | pkt2flow | flow2kdd)", rd.name);
	if (rd.hdr.snap_payload == 0)
		nf_warnx("no payload in '%s' (snap_payload 0): content "
		    "features 10-22 are 0; run pcap2pkt -P 256", rd.name);
	if (rd.hdr.flowcfg.present) {
		/* Wait for an open connection at most the largest timeout. */
		hold = rd.hdr.flowcfg.idle_ns;
		if (rd.hdr.flowcfg.active_ns > hold)
			hold = rd.hdr.flowcfg.active_ns;
		if (rd.hdr.flowcfg.linger_ns > hold)
			hold = rd.hdr.flowcfg.linger_ns;
		/* Without an idle timeout flows end only on FIN, RST or
		 * input end: keep the default hold then. */
		if (rd.hdr.flowcfg.idle_ns == 0 && hold < KDD_HOLD_DEFAULT)
			hold = KDD_HOLD_DEFAULT;
		if (hold != 0)
			o.hold_ns = hold;
	}
	k.live = (rd.hdr.flags & NF_HF_LIVE) != 0;
	if (kdd_stage_init(&s, &o, emit, &k) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	nf_csv_init(&k.csv, stdout);
	kdd_row_header(&k.csv, &k.out);
	k.stage = &s;
	if (!k.live &&
	    (k.wq = nf_workq_start(sizeof(struct kdd_row), WQ_ROWS,
	    process_row, &k)) != NULL) {
		exit_wq = k.wq;
		atexit(finish_rows);
		s.handoff = handoff;
		s.handoff_arg = &k;
		k.wq_out = exit_wq_out = nf_workq_start(sizeof(struct outrow),
		    WQ_ROWS, write_row, &k);
	}

	while ((rs = nf_read(&rd, &rec)) == NF_READ_OK) {
		/* Connections are spread over memory: ask for the ones the
		 * next packets update while this one is processed. */
		while ((ahead = nf_ahead_next(&rd, &ahd, AHEAD)) != NULL)
			kdd_conntab_prefetch(&s.tab, nf_peek_flow_id(ahead));
		switch (rec->type) {
		case NF_REC_PKT:
			kdd_stage_pkt(&s, &rec->u.pkt);
			break;
		case NF_REC_FLOW_BEGIN:
			kdd_stage_flow_begin(&s, &rec->u.flow);
			break;
		case NF_REC_FLOW_END:
			kdd_stage_flow_end(&s, &rec->u.flow);
			if (k.live)
				fflush(stdout);
			break;
		case NF_REC_TICK:
			kdd_stage_tick(&s, rec->u.tick_ns);
			if (k.live)
				fflush(stdout);
			break;
		default:
			break;	/* END and unknown types */
		}
	}
	if (rs == NF_READ_ERR) {
		nf_warnx("%s", rd.errmsg);
		bad = 1;
	} else if (nf_reader_check_end(&rd) != EXIT_OK)
		bad = 1;
	kdd_stage_finish(&s);
	finish_rows();
	report(&s, rd.name);
	kdd_stage_free(&s);
	nf_reader_close(&rd);
	nf_close_output(stdout, "<stdout>");
	return bad ? EXIT_BAD : EXIT_OK;
}
