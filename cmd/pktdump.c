/* pktdump.c: print a netfeat record stream as text (like tcpdump -r) or CSV. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "csvout.h"
#include "pktfmt.h"
#include "record.h"
#include "util.h"

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-vx] [--csv] [FILE]\n", nf_progname);
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, 'C' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static char obuf[1 << 16];
	struct nf_reader rd;
	struct nf_rec *rec;
	struct nf_csv csv;
	int c, csvmode = 0, verbose = 0, hex = 0, live, r;

	nf_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "hvx", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			csvmode = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'x':
			hex = 1;
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

	nf_locale_c();
	nf_stage_signals();
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	nf_reader_open_path(&rd, argc == 1 ? argv[0] : NULL);
	live = (rd.hdr.flags & NF_HF_LIVE) != 0;

	nf_csv_init(&csv, stdout);
	if (csvmode)
		nf_fmt_csv_header(&csv);
	else if (verbose)
		nf_fmt_header_text(stdout, &rd.hdr);
	while ((r = nf_read(&rd, &rec)) == NF_READ_OK) {
		if (csvmode)
			nf_fmt_rec_csv(&csv, rec);
		else {
			nf_fmt_rec_text(stdout, rec, verbose);
			if (hex && rec->type == NF_REC_PKT)
				nf_fmt_pkt_hex(stdout, &rec->u.pkt);
		}
		/* A person may be watching a live stream. */
		if (live)
			fflush(stdout);
	}
	if (r == NF_READ_ERR) {
		/* Everything before the damage is out first. */
		fflush(stdout);
		nf_warnx("%s", rd.errmsg);
	}
	nf_reader_close(&rd);
	nf_close_output(stdout, "<stdout>");
	return r == NF_READ_ERR ? EXIT_BAD : EXIT_OK;
}
