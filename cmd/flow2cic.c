/* flow2cic.c: CICFlowMeter features, one CSV row per flow of a pkt2flow stream. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cic.h"
#include "csvout.h"
#include "record.h"
#include "util.h"

#define DEFAULT_LABEL	"NeedManualLabel"	/* as CICFlowMeter-V4 */

static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [--header cicflowmeter|cic2017|cic2018|engelen]\n"
	    "       %*s [--compat corrected|cic2017] [--label TEXT] [FILE]\n",
	    nf_progname, (int)strlen(nf_progname), "");
	exit(status);
}

/* Look-ahead distances in bytes (a PKT record is 128 or more). */
#define AHEAD_FAR	(32 * 128)
#define AHEAD_NEAR	(12 * 128)

/* Rows are rendered into a batch written with one fwrite when full
 * (a flood ends a flow per packet: a call per row was a tenth of the
 * stage), at the end, and after each row when live.  It holds at least
 * two rows with any label. */
#define BATCH	(1 << 18)

struct run {
	struct cic_opts	 opts;
	struct cic_table tab;
	struct cic_chains ch;
	struct cic_counts cnt;
	struct nf_csv	 csv;
	int		 live;
	char		*lab;		/* the label as a CSV field */
	size_t		 nlab;
};

static char	*batch;
static size_t	 nbatch, cbatch;

/* Write the batched rows (also at exit, so an error exit loses none). */
static void
flush_rows(void)
{
	if (nbatch > 0)
		fwrite(batch, 1, nbatch, stdout);
	nbatch = 0;
}

/* The row of flow f, ended by FLOW_END e or (NULL) by the end of input. */
static void
emit(struct run *r, struct cic_flow *f, const struct nf_flow *e)
{
	struct cic_row row;
	int64_t first;
	char *p;

	if (cic_chains_end(&r->ch, f, e, &first) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	cic_fill(f, &r->opts, &row);
	cic_row_conn_time(&row, f, first);
	if (nbatch + CIC_ROWMAX + r->nlab + 1 > cbatch)
		flush_rows();
	p = cic_render_row(batch + nbatch, &row, &r->opts);
	memcpy(p, r->lab, r->nlab);
	p += r->nlab;
	*p++ = '\n';
	nbatch = (size_t)(p - batch);
	r->cnt.flows++;
	if (r->live) {
		flush_rows();
		fflush(stdout);
	}
}

static struct cic_flow *
lookup(struct run *r, uint64_t id)
{
	struct cic_flow *f;

	if ((f = cic_table_get(&r->tab, id)) != NULL)
		return f;
	if ((f = cic_table_add(&r->tab, id)) == NULL)
		nf_errx(EXIT_BAD, "out of memory (%" PRIu64 " open flows)",
		    r->tab.count);
	return f;
}

static void
finish(struct run *r, struct cic_flow *f, const struct nf_flow *e)
{
	cic_table_del(&r->tab, f);
	emit(r, f, e);
	cic_table_put(&r->tab, f);
}

/* Rows for every flow still open (end of input), in flow id order. */
static void
finish_all(struct run *r)
{
	struct cic_flow **v;
	size_t i;

	if (r->tab.count == 0)
		return;
	if ((v = cic_table_list(&r->tab)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	for (i = 0; v[i] != NULL; i++)
		finish(r, v[i], NULL);
	free(v);
}

static void
flow_end(struct run *r, const struct nf_flow *e)
{
	struct cic_flow *f;

	f = lookup(r, e->flow_id);
	if (!(f->bits & CF_KEY))
		cic_flow_begin(f, e, &r->opts);
	if (!(f->bits & CF_PKT))
		f->first = f->last = f->act_start = (int64_t)(e->first_ts /
		    1000);
	finish(r, f, e);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "header",	required_argument, NULL, 'H' },
		{ "compat",	required_argument, NULL, 'c' },
		{ "label",	required_argument, NULL, 'l' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "version",	no_argument,	   NULL, 'V' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct nf_reader rd;
	struct nf_ahead far = { 0, 0, 1 }, near = { 0, 0, 1 };
	struct nf_rec *rec;
	struct cic_flow *f;
	struct run r;
	const uint8_t *ahead;
	const char *path;
	int ch, v, st, bad = 0;

	nf_setprogname(argv[0]);
	memset(&r, 0, sizeof(r));
	r.opts.compat = CIC_CORRECTED;
	r.opts.header = CIC_H_CICFLOWMETER;
	r.opts.label = DEFAULT_LABEL;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'H':
			if ((v = cic_header_parse(optarg)) < 0) {
				nf_warnx("unknown header mode '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			r.opts.header = (enum cic_header)v;
			break;
		case 'c':
			if ((v = cic_compat_parse(optarg)) < 0) {
				nf_warnx("unknown compat mode '%s'", optarg);
				usage(stderr, EXIT_USAGE);
			}
			r.opts.compat = (enum cic_compat)v;
			break;
		case 'l':
			r.opts.label = optarg;
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
	path = argc == 1 ? argv[0] : NULL;

	nf_stage_signals();
	nf_locale_c();
	nf_buffer_stdout();
	nf_reader_open_path(&rd, path);
	if (!(rd.hdr.flags & NF_HF_FLOWS))
		nf_errx(EXIT_BAD, "'%s' is not tagged by pkt2flow (run "
		    "pkt2flow first)", rd.name);
	r.live = (rd.hdr.flags & NF_HF_LIVE) != 0;
	cic_table_init(&r.tab);
	if (cic_chains_init(&r.ch, rd.hdr.flowcfg.present ?
	    rd.hdr.flowcfg.idle_ns : 0, rd.hdr.flowcfg.present ?
	    rd.hdr.flowcfg.max_flows : 0) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	if ((r.lab = cic_label_csv(r.opts.label)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	r.nlab = strlen(r.lab);
	cbatch = BATCH;
	if (cbatch < 2 * (CIC_ROWMAX + r.nlab + 1))
		cbatch = 2 * (CIC_ROWMAX + r.nlab + 1);
	if ((batch = malloc(cbatch)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	atexit(flush_rows);
	nf_csv_init(&r.csv, stdout);
	cic_print_header(&r.csv, &r.opts);
	if (r.live)
		fflush(stdout);

	while ((st = nf_read(&rd, &rec)) == NF_READ_OK) {
		/* Accumulators are spread over memory: ask for the ones
		 * the next records use while this one is processed (a flow
		 * ends long after its last packet: a flood's accumulators
		 * are cold by then). */
		while ((ahead = nf_ahead_next(&rd, &far, AHEAD_FAR)) != NULL)
			cic_table_prefetch_bucket(&r.tab,
			    nf_peek_flow_id(ahead));
		while ((ahead = nf_ahead_next(&rd, &near, AHEAD_NEAR)) != NULL)
			cic_table_prefetch(&r.tab, nf_peek_flow_id(ahead),
			    nf_peek_dir(ahead));
		switch (rec->type) {
		case NF_REC_FLOW_BEGIN:
			f = lookup(&r, rec->u.flow.flow_id);
			if (!(f->bits & CF_KEY))
				cic_flow_begin(f, &rec->u.flow, &r.opts);
			if (cic_chains_begin(&r.ch, f, &rec->u.flow) == -1)
				nf_errx(EXIT_BAD, "out of memory");
			break;
		case NF_REC_PKT:
			/* Flow id 0: not IP, in no flow. */
			if (rec->u.pkt.flow_id == 0)
				break;
			f = cic_table_get(&r.tab, rec->u.pkt.flow_id);
			if (f == NULL) {
				r.cnt.orphan_pkts++;
				f = lookup(&r, rec->u.pkt.flow_id);
			}
			if (cic_flow_add(f, &rec->u.pkt, &r.opts, &r.cnt) == -1)
				nf_errx(EXIT_BAD, "out of memory");
			break;
		case NF_REC_FLOW_END:
			flow_end(&r, &rec->u.flow);
			break;
		default:
			/* TICK, END and unknown types carry nothing for us. */
			break;
		}
	}
	if (st == NF_READ_ERR) {
		nf_warnx("%s", rd.errmsg);
		bad = 1;
	} else if (nf_reader_check_end(&rd) != EXIT_OK)
		bad = 1;
	finish_all(&r);
	if (r.cnt.neg_iat > 0)
		nf_warnx("%" PRIu64 " negative inter-arrival times in '%s' "
		    "clamped to 0", r.cnt.neg_iat, rd.name);
	if (r.ch.unknown > 0)
		nf_warnx("%" PRIu64 " continued flows in '%s' continue no flow "
		    "seen ending by the active timeout: their Total Connection "
		    "Flow Time starts with them", r.ch.unknown, rd.name);
	if (r.cnt.orphan_pkts > 0)
		nf_warnx("%" PRIu64 " packets in '%s' had no FLOW_BEGIN",
		    r.cnt.orphan_pkts, rd.name);
	cic_table_free(&r.tab);
	cic_chains_free(&r.ch);
	nf_reader_close(&rd);
	flush_rows();
	free(r.lab);
	nf_close_output(stdout, "<stdout>");
	return bad ? EXIT_BAD : EXIT_OK;
}
