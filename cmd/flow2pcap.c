/* flow2pcap: write each completed flow's packets to its own capture file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flowsave.h"
#include "labelset.h"
#include "record.h"
#include "util.h"

#define DEFAULT_PATTERN	"%t_%p_%s_%S_%d_%D_%i"
#define MAX_LABELS	64

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-d dir] [--format pcap|pcapng] "
	    "[--name pattern] [--min-packets n]\n"
	    "       [--labels csv --filter-label label ...] [--tee] [file]\n",
	    nf_progname);
	exit(status);
}

static void
fail(struct nf_flowsave *s)
{
	nf_warnx("%s", s->errmsg);
	nf_flowsave_abort(s);
	exit(EXIT_BAD);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "name", required_argument, NULL, 'n' },
		{ "min-packets", required_argument, NULL, 'm' },
		{ "labels", required_argument, NULL, 'L' },
		{ "filter-label", required_argument, NULL, 'l' },
		{ "tee", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct nf_reader rd;
	struct nf_writer wr;
	struct nf_flowsave fs;
	struct nf_idmap keep;
	struct nf_rec *rec;
	struct stat sb;
	const char *dir = ".", *pattern = DEFAULT_PATTERN, *labels = NULL;
	char *want[MAX_LABELS], err[512], probe[512];
	size_t nwant = 0;
	uint64_t min_packets = 1;
	int c, fmt = NF_CAPFMT_PCAP, tee = 0, rc, status = EXIT_OK;
	struct nf_flow fl;

	nf_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dir = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "pcap") == 0)
				fmt = NF_CAPFMT_PCAP;
			else if (strcmp(optarg, "pcapng") == 0)
				fmt = NF_CAPFMT_PCAPNG;
			else
				usage(stderr, EXIT_USAGE);
			break;
		case 'n':
			pattern = optarg;
			break;
		case 'm':
			if (nf_parse_uint(optarg, 0, UINT64_MAX,
			    &min_packets) < 0)
				usage(stderr, EXIT_USAGE);
			break;
		case 'L':
			labels = optarg;
			break;
		case 'l':
			if (nwant == MAX_LABELS)
				nf_errx(EXIT_USAGE, "at most %d --filter-label "
				    "options", MAX_LABELS);
			want[nwant++] = optarg;
			break;
		case 't':
			tee = 1;
			break;
		case 'h':
			usage(stdout, EXIT_OK);
			break;
		case 'V':
			nf_version();
		default:
			usage(stderr, EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (nwant > 0) != (labels != NULL))
		usage(stderr, EXIT_USAGE);
	/* Check the pattern once with a sample flow. */
	memset(&fl, 0, sizeof(fl));
	fl.ip_version = 6;
	if (nf_flowsave_name(pattern, &fl, probe, sizeof(probe)) < 0)
		nf_errx(EXIT_USAGE, "bad --name pattern '%s' (no '/'; %%t %%T "
		    "%%p %%s %%S %%d %%D %%i %%r %%%%)", pattern);
	if (stat(dir, &sb) < 0)
		nf_err(EXIT_BAD, "output directory '%s'", dir);
	if (!S_ISDIR(sb.st_mode))
		nf_errx(EXIT_BAD, "output directory '%s': not a directory",
		    dir);
	if (access(dir, W_OK | X_OK) < 0)
		nf_err(EXIT_BAD, "output directory '%s'", dir);
	if (labels != NULL && nf_labelset_load(labels, want, nwant, &keep,
	    err, sizeof(err)) < 0)
		nf_errx(EXIT_BAD, "%s", err);

	nf_stage_signals();
	nf_reader_open_path(&rd, argc == 1 ? argv[0] : NULL);
	if (!(rd.hdr.flags & NF_HF_FRAMES))
		nf_errx(EXIT_BAD, "'%s' carries no packet frames; run "
		    "pcap2pkt --frames", rd.name);
	if (tee) {
		nf_writer_open(&wr, STDOUT_FILENO, "<stdout>");
		wr.live = (rd.hdr.flags & NF_HF_LIVE) != 0;
		nf_write_raw(&wr, rd.hdr_raw, rd.hdr_len);
	}
	if (nf_flowsave_init(&fs, dir, pattern, fmt, min_packets,
	    &rd.hdr) < 0)
		nf_errx(EXIT_BAD, "out of memory");

	while ((rc = nf_read(&rd, &rec)) == NF_READ_OK) {
		if (tee && rec->type != NF_REC_END)
			nf_write_raw(&wr, rec->raw, rec->len);
		switch (rec->type) {
		case NF_REC_FLOW_BEGIN:
			if ((labels == NULL || nf_idmap_get(&keep,
			    rec->u.flow.flow_id)) &&
			    nf_flowsave_begin(&fs, &rec->u.flow) < 0)
				fail(&fs);
			break;
		case NF_REC_PKT:
			if ((labels == NULL || nf_idmap_get(&keep,
			    rec->u.pkt.flow_id)) &&
			    nf_flowsave_pkt(&fs, &rec->u.pkt) < 0)
				fail(&fs);
			break;
		case NF_REC_FLOW_END:
			if (nf_flowsave_end(&fs, &rec->u.flow) < 0)
				fail(&fs);
			break;
		case NF_REC_END:
			if (tee)
				nf_write_raw(&wr, rec->raw, rec->len);
			break;
		}
	}
	if (rc == NF_READ_ERR) {
		nf_warnx("%s", rd.errmsg);
		status = EXIT_BAD;
	} else
		status = nf_reader_check_end(&rd);
	/* Flows still open (truncated input) are written as they are. */
	if (nf_flowsave_end_all(&fs, NF_END_TRUNCATED) < 0)
		fail(&fs);
	if (fs.lt_mismatch > 0)
		nf_warnx("%llu packets skipped: link type differs from their "
		    "flow's pcap file (use --format pcapng)",
		    (unsigned long long)fs.lt_mismatch);
	if (fs.orphans > 0)
		nf_warnx("%llu flows had packets before FLOW_BEGIN",
		    (unsigned long long)fs.orphans);
	if (tee)
		nf_writer_close(&wr);
	nf_flowsave_free(&fs);
	if (labels != NULL)
		nf_idmap_free(&keep);
	nf_reader_close(&rd);
	return status;
}
