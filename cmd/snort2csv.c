/* snort2csv.c: IDS alert logs (Snort, Suricata; text, CSV, JSON, unified2) to one alert CSV. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "alert_csv.h"
#include "alert_read.h"
#include "alert_time.h"
#include "cidrset.h"
#include "csvout.h"
#include "sidmap.h"
#include "util.h"

/* Bad-line warnings shown per file before only counting them. */
#define MAX_WARN	10

struct ctx {
	struct nf_csv		 csv;
	struct nf_cidrset	 home;
	int			 have_home;
	struct nf_sidmap	 map;
	int			 have_map;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s [--format auto|fast|full|csv|json|unified2|"
	    "suricata-fast|eve]\n"
	    "       [--home-net CIDR[,CIDR...]] [--home-net-from snort.conf] "
	    "[--year YYYY]\n"
	    "       [--tz ZONE] [--csv-fields LIST] [--sid-msg FILE] "
	    "[--gen-msg FILE]\n"
	    "       [--classification FILE] [--strict] [FILE ...]\n",
	    nf_progname);
	if (fp == stdout) {
		nf_close_output(stdout, "<stdout>");
		exit(EXIT_OK);
	}
	exit(EXIT_USAGE);
}

static void
row(void *arg, struct nf_alert *a)
{
	struct ctx *c = arg;

	if (c->have_map)
		nf_sidmap_enrich(&c->map, a);
	nf_alert_csv_row(&c->csv, a, c->have_home ? &c->home : NULL);
}

/* Load one map file; bad lines warn once, unreadable files are fatal. */
static void
loadmap(long (*fn)(struct nf_sidmap *, const char *, unsigned long *,
    char *, size_t), struct nf_sidmap *m, const char *path)
{
	unsigned long first;
	char err[512];
	long n;

	if ((n = fn(m, path, &first, err, sizeof(err))) < 0)
		nf_errx(EXIT_BAD, "%s", err);
	if (n > 0)
		nf_warnx("%ld malformed lines ignored in '%s' (first: line "
		    "%lu)", n, path, first);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "home-net", required_argument, NULL, 'H' },
		{ "home-net-from", required_argument, NULL, 'C' },
		{ "year", required_argument, NULL, 'y' },
		{ "tz", required_argument, NULL, 'z' },
		{ "csv-fields", required_argument, NULL, 'F' },
		{ "sid-msg", required_argument, NULL, 's' },
		{ "gen-msg", required_argument, NULL, 'g' },
		{ "classification", required_argument, NULL, 'c' },
		{ "strict", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static struct ctx c;
	struct nf_alert_opts o;
	struct nf_alert_stats st;
	struct nf_tzsave tzs;
	const char *home, *homefrom, *tz, *sidmsg, *genmsg, *classif, *name;
	uint64_t y;
	char err[512];
	FILE **fps;
	int ch, i, nin, rc, warned, fmt, bad, tzpushed;

	nf_setprogname(argv[0]);
	memset(&o, 0, sizeof(o));
	home = homefrom = tz = sidmsg = genmsg = classif = NULL;
	fmt = NF_FMT_AUTO;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((fmt = nf_alert_fmt_parse(optarg)) < 0) {
				nf_warnx("unknown format '%s'", optarg);
				usage(stderr);
			}
			break;
		case 'H':
			home = optarg;
			break;
		case 'C':
			homefrom = optarg;
			break;
		case 'y':
			if (nf_parse_uint(optarg, 1970, 9999, &y) < 0) {
				nf_warnx("bad year '%s'", optarg);
				usage(stderr);
			}
			o.year = (int)y;
			break;
		case 'z':
			tz = optarg;
			break;
		case 'F':
			o.csv_fields = optarg;
			break;
		case 's':
			sidmsg = optarg;
			break;
		case 'g':
			genmsg = optarg;
			break;
		case 'c':
			classif = optarg;
			break;
		case 'S':
			o.strict = 1;
			break;
		case 'h':
			usage(stdout);
			break;
		case 'V':
			nf_version();
		default:
			usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (home != NULL && homefrom != NULL) {
		nf_warnx("--home-net and --home-net-from exclude each other");
		usage(stderr);
	}
	if (tz != NULL && !nf_tz_valid(tz)) {
		nf_warnx("unknown time zone '%s'", tz);
		usage(stderr);
	}
	o.format = fmt;
	o.max_warn = MAX_WARN;
	warned = 0;
	o.year_warned = &warned;
	if (o.csv_fields != NULL) {
		struct nf_acsv probe;

		if (nf_acsv_init(&probe) < 0)
			nf_errx(EXIT_BAD, "out of memory");
		if (nf_acsv_set_fields(&probe, o.csv_fields, err,
		    sizeof(err)) < 0) {
			nf_warnx("bad --csv-fields: %s", err);
			usage(stderr);
		}
		nf_acsv_free(&probe);
	}

	nf_cidrset_init(&c.home);
	if (home != NULL) {
		if (nf_cidrset_parse(&c.home, home, NULL, NULL, err,
		    sizeof(err)) < 0) {
			nf_warnx("bad --home-net: %s", err);
			usage(stderr);
		}
		c.have_home = 1;
	} else if (homefrom != NULL) {
		if (nf_cidrset_from_snort_conf(&c.home, homefrom, err,
		    sizeof(err)) < 0)
			nf_errx(EXIT_BAD, "%s", err);
		c.have_home = 1;
	}
	nf_sidmap_init(&c.map);
	if (classif != NULL)
		loadmap(nf_sidmap_load_classification, &c.map, classif);
	if (sidmsg != NULL)
		loadmap(nf_sidmap_load_sidmsg, &c.map, sidmsg);
	if (genmsg != NULL)
		loadmap(nf_sidmap_load_genmsg, &c.map, genmsg);
	c.have_map = classif != NULL || sidmsg != NULL || genmsg != NULL;

	/* Open all inputs before writing anything. */
	nin = argc > 0 ? argc : 1;
	if ((fps = calloc((size_t)nin, sizeof(*fps))) == NULL)
		nf_err(EXIT_BAD, "calloc");
	for (i = 0; i < nin; i++) {
		name = argc > 0 ? argv[i] : "-";
		if (strcmp(name, "-") == 0)
			fps[i] = stdin;
		else if ((fps[i] = fopen(name, "rb")) == NULL)
			nf_err(EXIT_BAD, "cannot open '%s'", name);
	}

	nf_locale_c();
	nf_buffer_stdout();
	tzpushed = 0;
	if (tz != NULL) {
		if (nf_tz_push(tz, &tzs) < 0)
			nf_err(EXIT_BAD, "cannot set time zone '%s'", tz);
		tzpushed = 1;
	}
	nf_csv_init(&c.csv, stdout);
	nf_alert_csv_header(&c.csv);
	rc = EXIT_OK;
	bad = 0;
	for (i = 0; i < nin; i++) {
		name = nf_inname(argc > 0 ? argv[i] : NULL);
		if (nf_alert_read(fps[i], name, &o, row, &c, &st) != 0)
			bad = 1;
		if (st.events_skipped > 0)
			nf_warnx("%llu non-alert events skipped in '%s'",
			    (unsigned long long)st.events_skipped, name);
		if (fps[i] != stdin)
			fclose(fps[i]);
		if (bad)
			break;
	}
	if (tzpushed)
		nf_tz_pop(&tzs);
	if (bad)
		rc = EXIT_BAD;
	free(fps);
	nf_sidmap_free(&c.map);
	nf_cidrset_free(&c.home);
	nf_close_output(stdout, "<stdout>");
	return rc;
}
