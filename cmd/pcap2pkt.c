/* pcap2pkt.c: decode capture files into a netfeat PKT record stream. */
#include <sys/stat.h>

#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capfile.h"
#include "decode.h"
#include "live.h"
#include "progress.h"
#include "record.h"
#include "util.h"

/* Frames between looks at the clock for --progress and SIGUSR1. */
#define CHECK_EVERY	256

/* Everything the options say. */
struct opts {
	const char	**files;	/* -r, in order */
	size_t		 nfiles;
	const char	*iface;		/* -i */
	const char	*user;		/* -Z, default "nobody" */
	uint64_t	 snaplen;	/* -s, 0 = headers + -P */
	uint64_t	 bufsize;	/* -B, KiB, 0 = libpcap's default */
	uint64_t	 tick_ns;	/* --tick */
	int		 list;		/* -D */
	uint64_t	 snip;		/* -P */
	uint64_t	 count;		/* -c, 0 = all */
	int		 quiet;		/* -q */
	int		 frames;	/* --frames */
	int		 progress;	/* --progress, or automatic */
	char		*filter;	/* trailing arguments */
};

/*
 * The capture source: the -r files in order (or standard input).  A live
 * device will plug in beside it, producing the same nf_capframe.
 */
struct source {
	struct nf_capfile **cf;
	size_t		 n;
	size_t		 cur;
	uint32_t	*ifbase;	/* first stream ifindex of each file */
	size_t		*nifopen;	/* interfaces known at open */
	int		*warned;	/* late interface warned */
	uint64_t	 done;		/* bytes of the finished files */
	uint64_t	 total;		/* sum of sizes, 0 if one is unknown */
	int		 failed;
};

/* Counters of this program (the decoder keeps its own). */
struct counts {
	uint64_t	 read;		/* frames read */
	uint64_t	 filtered;	/* rejected by FILTER */
	uint64_t	 written;	/* PKT records written */
	uint64_t	 bad_ts;
	uint64_t	 ts_back;
	int		 live;		/* kernel counters below are valid */
	uint64_t	 k_recv;	/* pcap_stats: received */
	uint64_t	 k_drop;	/* dropped by the kernel */
	uint64_t	 k_ifdrop;	/* dropped by the interface */
};

static volatile sig_atomic_t got_usr1;
static volatile sig_atomic_t got_stop;	/* SIGINT/SIGTERM in live mode */

static void
on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-q] [-c count] [-P nbytes] [--frames] "
	    "[--progress]\n"
	    "\t[-r file]... [filter ...]\n"
	    "       %s -i interface|any|auto [-s snaplen] [-B bufsize] "
	    "[-Z user]\n"
	    "\t[--tick sec] [-q] [-c count] [-P nbytes] [--frames] "
	    "[filter ...]\n"
	    "       %s -D\n", nf_progname, nf_progname, nf_progname);
	exit(status);
}

static void
parse_opts(struct opts *o, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "frames", no_argument, NULL, 'F' },
		{ "progress", no_argument, NULL, 'p' },
		{ "tick", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	size_t len;
	int c, i;

	memset(o, 0, sizeof(*o));
	o->progress = -1;
	o->user = "nobody";
	o->tick_ns = 1000000000ULL;
	if ((o->files = calloc((size_t)argc, sizeof(*o->files))) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	/* "+": options stop at the first filter word, as in tcpdump. */
	while ((c = getopt_long(argc, argv, "+B:c:Dhi:P:qr:s:Z:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			if (nf_parse_uint(optarg, 1, UINT64_MAX, &o->count))
				nf_errx(EXIT_USAGE, "bad count '%s'", optarg);
			break;
		case 'i':
			o->iface = optarg;
			break;
		case 'B':
			if (nf_parse_uint(optarg, 1, 4194304, &o->bufsize))
				nf_errx(EXIT_USAGE, "bad buffer size '%s' "
				    "(KiB)", optarg);
			break;
		case 'D':
			o->list = 1;
			break;
		case 's':
			if (nf_parse_uint(optarg, 0, 262144, &o->snaplen))
				nf_errx(EXIT_USAGE, "bad snap length '%s'",
				    optarg);
			break;
		case 'Z':
			o->user = optarg;
			break;
		case 'T':
			if (nf_parse_seconds(optarg, &o->tick_ns) ||
			    o->tick_ns < 1000000)
				nf_errx(EXIT_USAGE, "bad tick '%s' (seconds, "
				    "at least 0.001)", optarg);
			break;
		case 'P':
			if (nf_parse_uint(optarg, 0, 65535, &o->snip))
				nf_errx(EXIT_USAGE, "bad payload length '%s' "
				    "(0 to 65535)", optarg);
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'r':
			o->files[o->nfiles++] = optarg;
			break;
		case 'F':
			o->frames = 1;
			break;
		case 'p':
			o->progress = 1;
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
	if (o->iface != NULL && o->nfiles > 0)
		nf_errx(EXIT_USAGE, "-i and -r cannot be combined");
	/* The filter: the remaining words joined by spaces. */
	for (len = 1, i = optind; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((o->filter = calloc(1, len)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	for (i = optind; i < argc; i++) {
		if (i > optind)
			strcat(o->filter, " ");
		strcat(o->filter, argv[i]);
	}
}

/* Open every input and describe its interfaces in the header. */
static void
open_inputs(struct source *s, const struct opts *o, struct nf_header *h,
    struct nf_capfilter *flt)
{
	static const char *const stdin_only[] = { "-" };
	const char *const *files = o->nfiles ? o->files : stdin_only;
	const struct nf_capiface *ci;
	char err[1024];
	uint32_t nif = 0;
	size_t i, j;
	int sized = 1;

	memset(s, 0, sizeof(*s));
	s->n = o->nfiles ? o->nfiles : 1;
	s->cf = calloc(s->n, sizeof(*s->cf));
	s->ifbase = calloc(s->n, sizeof(*s->ifbase));
	s->nifopen = calloc(s->n, sizeof(*s->nifopen));
	s->warned = calloc(s->n, sizeof(*s->warned));
	if (!s->cf || !s->ifbase || !s->nifopen || !s->warned)
		nf_errx(EXIT_BAD, "out of memory");
	for (i = 0; i < s->n; i++) {
		if ((s->cf[i] = nf_capfile_open(files[i], err,
		    sizeof(err))) == NULL)
			nf_errx(EXIT_BAD, "%s", err);
		s->ifbase[i] = nif;
		s->nifopen[i] = nf_capfile_niface(s->cf[i]);
		for (j = 0; j < s->nifopen[i]; j++) {
			ci = nf_capfile_iface(s->cf[i], j);
			if (nf_header_add_iface(h, ci->linktype, ci->snaplen,
			    9, nf_capfile_name(s->cf[i])) == -1)
				nf_errx(EXIT_BAD, "out of memory");
			if (nf_capfilter_prepare(flt, ci->linktype) == -1)
				nf_errx(EXIT_BAD, "%s", flt->err);
		}
		nif += (uint32_t)s->nifopen[i];
		if (nf_capfile_size(s->cf[i]) == 0)
			sized = 0;
		s->total += nf_capfile_size(s->cf[i]);
	}
	if (!sized)
		s->total = 0;
}

/*
 * A pcapng interface described after the first packet (typically in a
 * later section of concatenated captures) is not in the stream header:
 * its packets get the stream index of the first interface of the same
 * file with the same link type and snap length, or UINT32_MAX with a
 * warning.
 */
static uint32_t
late_iface(struct source *s, uint32_t local)
{
	const struct nf_capiface *late, *ci;
	struct nf_capfile *cf = s->cf[s->cur];
	size_t j;

	late = nf_capfile_iface(cf, local);
	for (j = 0; late != NULL && j < s->nifopen[s->cur]; j++) {
		ci = nf_capfile_iface(cf, j);
		if (ci->linktype == late->linktype &&
		    ci->snaplen == late->snaplen)
			return s->ifbase[s->cur] + (uint32_t)j;
	}
	if (!s->warned[s->cur]++)
		nf_warnx("'%s': interface %" PRIu32 " is described after the "
		    "first packet and unlike those before; its packets get "
		    "ifindex %" PRIu32, nf_capfile_name(cf), local,
		    UINT32_MAX);
	return UINT32_MAX;
}

/* Next frame of the source: 1, 0 at the end, -1 on a corrupt file. */
static int
source_next(struct source *s, struct nf_capframe *fr)
{
	struct nf_capfile *cf;
	int r;

	while (s->cur < s->n) {
		cf = s->cf[s->cur];
		r = nf_capfile_next(cf, fr);
		if (r == 1) {
			if (fr->ifindex < s->nifopen[s->cur])
				fr->ifindex += s->ifbase[s->cur];
			else
				fr->ifindex = late_iface(s, fr->ifindex);
			return 1;
		}
		if (r == -1) {
			s->failed = 1;
			return -1;
		}
		s->done += nf_capfile_offset(cf);
		nf_capfile_close(cf);
		s->cf[s->cur++] = NULL;
	}
	return 0;
}

static uint64_t
source_bytes(const struct source *s)
{
	if (s->cur < s->n && s->cf[s->cur] != NULL)
		return s->done + nf_capfile_offset(s->cf[s->cur]);
	return s->done;
}

/*
 * Provenance: the command line without the options that cannot change the
 * stream (-q, --progress), so that they leave stdout byte-identical.
 */
static void
add_prov(struct nf_header *h, int argc, char *argv[])
{
	char **v;
	int i, n = 0, opts = 1;

	if ((v = calloc((size_t)argc + 1, sizeof(*v))) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	for (i = 0; i < argc; i++) {
		if (i > 0 && opts && strcmp(argv[i], "--") == 0)
			opts = 0;
		if (i > 0 && opts && (strcmp(argv[i], "-q") == 0 ||
		    strcmp(argv[i], "--progress") == 0))
			continue;
		v[n++] = argv[i];
	}
	if (nf_header_add_prov(h, n, v) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	free(v);
}

/* END counters: ours, then the decoder's. */
static void
make_end(struct nf_end *e, const struct counts *n,
    const struct nf_decoder *d)
{
	nf_end_free(e);
	nf_end_init(e);
	if (nf_end_add(e, "pcap2pkt.read", n->read) == -1 ||
	    nf_end_add(e, "pcap2pkt.written", n->written) == -1 ||
	    (n->filtered && nf_end_add(e, "pcap2pkt.filtered",
	    n->filtered) == -1) ||
	    (n->bad_ts && nf_end_add(e, "pcap2pkt.bad_ts", n->bad_ts) == -1) ||
	    (n->ts_back && nf_end_add(e, "pcap2pkt.ts_back",
	    n->ts_back) == -1) ||
	    nf_decode_stats_end(&d->st, "pcap2pkt", e) == -1 ||
	    (n->live && (nf_end_add(e, "pcap2pkt.kernel_received",
	    n->k_recv) == -1 || nf_end_add(e, "pcap2pkt.kernel_dropped",
	    n->k_drop) == -1 || nf_end_add(e, "pcap2pkt.if_dropped",
	    n->k_ifdrop) == -1)))
		nf_errx(EXIT_BAD, "out of memory");
}

/* "pcap2pkt: read N, written N, truncated N, ..." on stderr, as one
 * message (nf_warnx writes it at once: the stages downstream share this
 * stderr). */
static void
print_counts(const struct counts *n, const struct nf_decoder *d)
{
	struct nf_end e;
	uint32_t i;
	char *line = NULL;
	size_t len = 0;
	FILE *m;

	nf_end_init(&e);
	make_end(&e, n, d);
	if ((m = open_memstream(&line, &len)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	for (i = 0; i < e.count; i++)
		fprintf(m, "%s%s %" PRIu64, i ? ", " : "",
		    e.ctr[i].name + strlen("pcap2pkt."), e.ctr[i].value);
	if (fclose(m) != 0)
		nf_errx(EXIT_BAD, "out of memory");
	nf_warnx("%s", line);
	free(line);
	nf_end_free(&e);
}

/* Decode one frame that passed the filter and write its PKT record. */
static void
emit(struct nf_writer *w, struct nf_decoder *dec, const struct opts *o,
    struct counts *n, const struct nf_capframe *fr, uint64_t *lastts)
{
	struct nf_pkt pkt;

	nf_decode(dec, fr->linktype, fr->ts_ns, fr->data, fr->caplen,
	    fr->wirelen, &pkt);
	pkt.ifindex = fr->ifindex;
	pkt.status |= fr->status;
	if (fr->status & NF_ST_BAD_TS)
		n->bad_ts++;
	if (fr->ts_ns < *lastts) {
		pkt.status |= NF_ST_TS_BACK;
		n->ts_back++;
	}
	*lastts = fr->ts_ns;
	if (o->frames) {
		pkt.frame = fr->data;
		pkt.frame_len = fr->caplen;
	}
	nf_write_pkt(w, &pkt);
	n->written++;
}

/*
 * Live capture: records leave within LIVE_FLUSH_NS of capture, a TICK goes
 * out when nothing was written for --tick, and SIGINT/SIGTERM end the
 * capture with END carrying the kernel's counters.  Privileges are dropped
 * once the device and the output are open.
 */
#define LIVE_FLUSH_NS	50000000ULL	/* 50 ms */
#define LIVE_POLL_MS	50

static int
run_live(const struct opts *o, int argc, char *argv[])
{
	struct nf_live *lv;
	struct nf_header h;
	struct nf_writer w;
	struct nf_decoder dec;
	struct nf_capframe fr;
	struct nf_end end;
	struct counts n;
	struct sigaction sa;
	uint64_t lastts = 0, now, last_write, last_flush, snaplen;
	char err[1024];
	int r = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: the wait returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	snaplen = o->snaplen;
	if (snaplen == 0)
		snaplen = o->frames ? 262144 : NF_LIVE_HDR_SNAP + o->snip;
	nf_writer_open(&w, STDOUT_FILENO, "<stdout>");
	if ((lv = nf_live_open(o->iface, (uint32_t)snaplen,
	    (uint32_t)(o->bufsize * 1024), o->filter, err,
	    sizeof(err))) == NULL)
		nf_errx(EXIT_BAD, "%s", err);
	if (nf_drop_privileges(o->user, err, sizeof(err)) < 0)
		nf_errx(EXIT_BAD, "%s", err);
	if (nf_decoder_init(&dec, (uint32_t)o->snip) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	nf_header_init(&h);
	if (nf_header_add_iface(&h, nf_live_linktype(lv), nf_live_snaplen(lv),
	    9, nf_live_name(lv)) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	h.snap_payload = (uint32_t)o->snip;
	h.flags |= NF_HF_LIVE | (o->frames ? NF_HF_FRAMES : 0);
	add_prov(&h, argc, argv);
	nf_writer_header(&w, &h);
	if (!o->quiet)
		fprintf(stderr, "%s: listening on %s, link type %u, snapshot "
		    "length %u bytes\n", nf_progname, nf_live_name(lv),
		    nf_live_linktype(lv), nf_live_snaplen(lv));

	memset(&n, 0, sizeof(n));
	last_write = last_flush = nf_now_ns();
	while (!got_stop && (o->count == 0 || n.written < o->count)) {
		r = nf_live_next(lv, &fr, LIVE_POLL_MS);
		if (r < 0) {
			nf_warnx("%s", nf_live_error(lv));
			break;
		}
		now = nf_now_ns();
		if (r == 1) {
			n.read++;
			emit(&w, &dec, o, &n, &fr, &lastts);
			last_write = now;
		} else if (now - last_write >= o->tick_ns) {
			nf_write_tick(&w, now);	/* flushes */
			last_write = last_flush = now;
		}
		if (r == 0 || now - last_flush >= LIVE_FLUSH_NS) {
			nf_writer_flush(&w);
			last_flush = now;
		}
		if (got_usr1) {
			got_usr1 = 0;
			print_counts(&n, &dec);
		}
	}
	n.live = nf_live_stats(lv, &n.k_recv, &n.k_drop, &n.k_ifdrop) == 0;
	nf_end_init(&end);
	make_end(&end, &n, &dec);
	if (r < 0)
		end.flags |= NF_EF_INCOMPLETE;
	nf_write_end(&w, &end);
	nf_writer_close(&w);
	if (!o->quiet)
		print_counts(&n, &dec);
	if (n.live && (n.k_drop || n.k_ifdrop || !o->quiet))
		fprintf(stderr, "%s: %" PRIu64 " packets received by filter, "
		    "%" PRIu64 " dropped by kernel, %" PRIu64 " dropped by "
		    "interface\n", nf_progname, n.k_recv, n.k_drop,
		    n.k_ifdrop);
	nf_end_free(&end);
	nf_live_close(lv);
	nf_decoder_free(&dec);
	nf_header_free(&h);
	return r < 0 ? EXIT_BAD : EXIT_OK;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct source src;
	struct nf_header h;
	struct nf_writer w;
	struct nf_decoder dec;
	struct nf_capfilter flt;
	struct nf_capframe fr;
	struct nf_progress prog;
	struct nf_end end;
	struct counts n;
	struct sigaction sa;
	uint64_t lastts = 0;
	unsigned tick = 0;
	int r, m;

	nf_setprogname(argv[0]);
	parse_opts(&o, argc, argv);
	signal(SIGPIPE, SIG_DFL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	if (o.list) {
		char err[1024];

		free(o.files);
		free(o.filter);
		if (nf_live_list(stdout, err, sizeof(err)) < 0)
			nf_errx(EXIT_BAD, "%s", err);
		nf_close_output(stdout, "<stdout>");
		return EXIT_OK;
	}
	if (o.iface != NULL) {
		r = run_live(&o, argc, argv);
		free(o.files);
		free(o.filter);
		return r;
	}

	nf_writer_open(&w, STDOUT_FILENO, "<stdout>");
	nf_header_init(&h);
	if (nf_capfilter_init(&flt, o.filter) == -1 ||
	    nf_decoder_init(&dec, (uint32_t)o.snip) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	open_inputs(&src, &o, &h, &flt);
	h.snap_payload = (uint32_t)o.snip;
	if (o.frames)
		h.flags |= NF_HF_FRAMES;
	add_prov(&h, argc, argv);
	nf_writer_header(&w, &h);

	if (o.progress == -1)
		o.progress = isatty(STDERR_FILENO) && src.total > 0;
	if (o.progress) {
		nf_progress_init(&prog, stderr, src.total);
		nf_progress_update(&prog, 0, 0, 1);
	}

	memset(&n, 0, sizeof(n));
	while ((o.count == 0 || n.written < o.count) &&
	    (r = source_next(&src, &fr)) == 1) {
		n.read++;
		if (++tick == CHECK_EVERY) {
			tick = 0;
			if (o.progress)
				nf_progress_update(&prog, source_bytes(&src),
				    n.read, 0);
		}
		if (got_usr1) {
			got_usr1 = 0;
			if (o.progress)
				nf_progress_clear(&prog);
			print_counts(&n, &dec);
		}
		if ((m = nf_capfilter_match(&flt, &fr)) == -1)
			nf_errx(EXIT_BAD, "%s", flt.err);
		if (m == 0) {
			n.filtered++;
			continue;
		}
		emit(&w, &dec, &o, &n, &fr, &lastts);
	}
	if (o.progress)
		nf_progress_clear(&prog);

	nf_end_init(&end);
	make_end(&end, &n, &dec);
	if (src.failed) {
		end.flags |= NF_EF_INCOMPLETE;
		nf_warnx("%s", nf_capfile_error(src.cf[src.cur]));
	}
	nf_write_end(&w, &end);
	nf_writer_close(&w);
	if (!o.quiet)
		print_counts(&n, &dec);

	nf_end_free(&end);
	for (; src.cur < src.n; src.cur++)
		nf_capfile_close(src.cf[src.cur]);
	free(src.cf);
	free(src.ifbase);
	free(src.nifopen);
	free(src.warned);
	free(o.files);
	free(o.filter);
	nf_capfilter_free(&flt);
	nf_decoder_free(&dec);
	nf_header_free(&h);
	return src.failed ? EXIT_BAD : EXIT_OK;
}
