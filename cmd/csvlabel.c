/* csvlabel.c: label the rows of a netfeat feature CSV from IDS alerts and ground-truth rules. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "label.h"
#include "labelcsv.h"
#include "numfmt.h"
#include "util.h"

/* Rows are collected and written out in pieces of this size. */
#define OUTBUFSZ	(256u << 10)
/* Default time window around a flow, microseconds. */
#define DEFAULT_WINDOW_US	2000000

/* Columns csvlabel adds (or replaces when the input already has them). */
static const enum nf_lcol addcols[] = { NF_LC_LABEL, NF_LC_ALERT_SID,
    NF_LC_ALERT_PRIO, NF_LC_ALERT_COUNT };
static const char *const addnames[] = { "label", "alert_sid",
    "alert_priority", "alert_count" };
#define NADD	(sizeof(addcols) / sizeof(addcols[0]))

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s (--alerts ALERTS.csv | --rules RULES.csv)... "
	    "[--window SEC]\n"
	    "\t[--match 5tuple|hosts] [--label-from msg|classification|sid]\n"
	    "\t[--default LABEL] [FEATURES.csv]\n", nf_progname);
	exit(status);
}

static FILE *
open_in(const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "r")) == NULL)
		nf_err(EXIT_BAD, "cannot open '%s'", path);
	return fp;
}

/* Append v in decimal. */
static void
put_u64(struct nf_csvbuf *ob, uint64_t v)
{
	char buf[24];

	if (nf_csvbuf_raw(ob, buf, nf_put_u64(buf, v)) == -1)
		nf_errx(EXIT_BAD, "out of memory");
}

/* Append the value of added column k for one row. */
static void
put_added(struct nf_csvbuf *ob, size_t k, const struct nf_lbl_match *m,
    const char *label)
{
	switch (addcols[k]) {
	case NF_LC_LABEL:
		if (nf_csvbuf_field(ob, label, strlen(label), 0) == -1)
			nf_errx(EXIT_BAD, "out of memory");
		break;
	case NF_LC_ALERT_SID:
		if (m->best != NULL && m->best->sid != NF_LBL_NOSID)
			put_u64(ob, m->best->sid);
		break;
	case NF_LC_ALERT_PRIO:
		if (m->best != NULL && m->best->prio != NF_LBL_NOPRIO)
			put_u64(ob, m->best->prio);
		break;
	default:
		put_u64(ob, m->count);
		break;
	}
}

/* Append one input field or a separator. */
static void
put_field(struct nf_csvbuf *ob, const char *s, size_t len, int quote_empty)
{
	if (nf_csvbuf_field(ob, s, len, quote_empty) == -1)
		nf_errx(EXIT_BAD, "out of memory");
}

static void
put_sep(struct nf_csvbuf *ob, const char *s)
{
	if (nf_csvbuf_raw(ob, s, strlen(s)) == -1)
		nf_errx(EXIT_BAD, "out of memory");
}

static void
put_raw(struct nf_csvbuf *ob, const char *s, size_t len)
{
	if (nf_csvbuf_raw(ob, s, len) == -1)
		nf_errx(EXIT_BAD, "out of memory");
}

/*
 * Append the input fields of the current row, with column i replaced by
 * added column repl[i] - 1 where repl[i] is not 0.  A row that was one
 * line without quotes is copied from that line, piece by piece.
 */
static void
put_row(struct nf_csvbuf *ob, const struct nf_csvin *in,
    const unsigned char *repl, const struct nf_lbl_match *m,
    const char *label)
{
	size_t i, pos = 0, done = 0;

	if (in->raw != NULL) {
		for (i = 0; i < in->nf; i++)
			pos += in->flen[i] + 1;
		if (pos == in->rawlen + 1) {
			for (i = 0, pos = 0; i < in->nf; i++) {
				if (repl[i] != 0) {
					put_raw(ob, in->raw + done, pos - done);
					put_added(ob, repl[i] - 1U, m, label);
					done = pos + in->flen[i];
				}
				pos += in->flen[i] + 1;
			}
			put_raw(ob, in->raw + done, in->rawlen - done);
			return;
		}
	}
	for (i = 0; i < in->nf; i++) {
		if (i > 0)
			put_sep(ob, ",");
		if (repl[i] != 0)
			put_added(ob, repl[i] - 1U, m, label);
		else
			put_field(ob, in->field[i], in->flen[i], 0);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "alerts",	required_argument, NULL, 'a' },
		{ "rules",	required_argument, NULL, 'r' },
		{ "window",	required_argument, NULL, 'w' },
		{ "match",	required_argument, NULL, 'm' },
		{ "label-from",	required_argument, NULL, 'l' },
		{ "default",	required_argument, NULL, 'd' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "version",	no_argument,	   NULL, 'V' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct nf_lbl_index ix;
	struct nf_csvin in;
	struct nf_lcols cols;
	struct nf_lbl_row row;
	struct nf_lbl_match m;
	char err[512], **srcs, *srckind;
	const char *inpath, *inname, *deflabel = "BENIGN", *label;
	uint64_t ns;
	int64_t window_us = DEFAULT_WINDOW_US;
	long addidx[NADD];
	size_t nsrc = 0, i, k;
	uint64_t nalt = 0;
	int ch, match5 = 0, need5, rc, status = EXIT_OK, usestdin = 0;
	enum nf_label_from from = NF_LF_MSG;
	struct nf_csvbuf ob = { NULL, 0, 0 };
	unsigned char *repl;
	FILE *fp, *infp;

	nf_setprogname(argv[0]);
	nf_locale_c();
	nf_buffer_stdout();
	if ((srcs = calloc((size_t)argc, sizeof(*srcs))) == NULL ||
	    (srckind = calloc((size_t)argc, 1)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
		case 'r':
			srckind[nsrc] = (char)ch;
			srcs[nsrc++] = optarg;
			break;
		case 'w':
			if (nf_parse_seconds(optarg, &ns) == -1 ||
			    ns > 1000000000ULL * 86400 * 365 * 100)
				nf_errx(EXIT_USAGE, "bad --window '%s'",
				    optarg);
			window_us = (int64_t)(ns / 1000);
			break;
		case 'm':
			if (strcmp(optarg, "5tuple") == 0)
				match5 = 1;
			else if (strcmp(optarg, "hosts") == 0)
				match5 = 0;
			else
				nf_errx(EXIT_USAGE, "bad --match '%s' (5tuple "
				    "or hosts)", optarg);
			break;
		case 'l':
			if (strcmp(optarg, "msg") == 0)
				from = NF_LF_MSG;
			else if (strcmp(optarg, "classification") == 0)
				from = NF_LF_CLASSIFICATION;
			else if (strcmp(optarg, "sid") == 0)
				from = NF_LF_SID;
			else
				nf_errx(EXIT_USAGE, "bad --label-from '%s' "
				    "(msg, classification or sid)", optarg);
			break;
		case 'd':
			deflabel = optarg;
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
	if (nsrc == 0 || argc > 1)
		usage(stderr, EXIT_USAGE);
	inpath = argc == 1 ? argv[0] : NULL;
	inname = nf_inname(inpath);
	if (strcmp(inname, "<stdin>") == 0)
		usestdin = 1;
	for (i = 0; i < nsrc; i++) {
		if (strcmp(srcs[i], "-") != 0)
			continue;
		if (usestdin++)
			nf_errx(EXIT_USAGE, "standard input used twice");
	}

	/* Open the features file first, then index alerts and rules. */
	infp = open_in(inpath);
	nf_lbl_init(&ix, NF_LBL_MAX_ALERTS);
	for (i = 0; i < nsrc; i++) {
		fp = open_in(srcs[i]);
		if (srckind[i] == 'a')
			rc = nf_lbl_load_alerts(&ix, fp, nf_inname(srcs[i]),
			    from, err, sizeof(err));
		else
			rc = nf_lbl_load_rules(&ix, fp, nf_inname(srcs[i]),
			    err, sizeof(err));
		if (rc == -1)
			nf_errx(EXIT_BAD, "%s", err);
		if (fp != stdin)
			fclose(fp);
	}
	nf_lbl_finish(&ix);
	if (ix.dropped > 0)
		nf_warnx("alert index full at %zu alerts: %llu more alerts "
		    "ignored", ix.nalerts, (unsigned long long)ix.dropped);
	need5 = match5;
	for (i = 0; i < ix.nrules; i++)
		if (ix.rules[i].proto >= 0 || ix.rules[i].port_lo >= 0)
			need5 = 1;

	/* Header. */
	if (nf_csvin_open(&in, infp, inname) == -1)
		nf_errx(EXIT_BAD, "out of memory");
	if ((rc = nf_csvin_next(&in)) != 1)
		nf_errx(EXIT_BAD, "%s", rc == 0 ? "no header row" : in.errmsg);
	if (nf_lcols_find(&cols, in.field, in.nf, need5, err,
	    sizeof(err)) == -1)
		nf_errx(EXIT_BAD, "'%s' lacks identity columns: %s%s", inname,
		    err, cols.idx[NF_LC_START] == -1 ? "; matching needs the "
		    "flow start time" : "");
	if ((repl = calloc(in.nf, 1)) == NULL)
		nf_errx(EXIT_BAD, "out of memory");
	for (k = 0; k < NADD; k++)
		if ((addidx[k] = cols.idx[addcols[k]]) != -1)
			repl[addidx[k]] = (unsigned char)(k + 1);
	for (i = 0; i < in.nf; i++) {
		if (i > 0)
			put_sep(&ob, ",");
		put_field(&ob, in.field[i], in.flen[i], in.nf == 1);
	}
	for (k = 0; k < NADD; k++)
		if (addidx[k] == -1) {
			put_sep(&ob, ",");
			put_sep(&ob, addnames[k]);
		}
	put_sep(&ob, "\n");

	/* Rows, written as they are read. */
	while ((rc = nf_csvin_next(&in)) == 1) {
		if (in.nf != cols.ncols) {
			nf_warnx("%zu fields (header has %zu) in '%s' at line "
			    "%llu", in.nf, cols.ncols, inname,
			    (unsigned long long)in.lineno);
			status = EXIT_BAD;
			break;
		}
		if (nf_lcols_row(&cols, in.field, &row, err,
		    sizeof(err)) == -1) {
			nf_warnx("%s in '%s' at line %llu", err, inname,
			    (unsigned long long)in.lineno);
			status = EXIT_BAD;
			break;
		}
		nf_lbl_match(&ix, &row, window_us, match5, &m);
		/* A 12-hour time without AM/PM: try the other half-day. */
		if (m.rule < 0 && m.best == NULL && row.alt_us != 0) {
			row.start_us += row.alt_us;
			row.end_us += row.alt_us;
			nf_lbl_match(&ix, &row, window_us, match5, &m);
			if (m.rule >= 0 || m.best != NULL)
				nalt++;
		}
		if (m.rule >= 0)
			label = nf_lbl_label(&ix, ix.rules[m.rule].label);
		else if (m.best != NULL)
			label = nf_lbl_label(&ix, m.best->label);
		else
			label = deflabel;
		put_row(&ob, &in, repl, &m, label);
		for (k = 0; k < NADD; k++) {
			if (addidx[k] != -1)
				continue;
			put_sep(&ob, ",");
			put_added(&ob, k, &m, label);
		}
		put_sep(&ob, "\n");
		/* Pass rows on before waiting for more input (live pipes). */
		if (ob.len >= OUTBUFSZ || nf_csvin_drained(&in)) {
			nf_csvbuf_flush(&ob, stdout);
			fflush(stdout);
		}
	}
	nf_csvbuf_flush(&ob, stdout);
	nf_csvbuf_free(&ob);
	free(repl);
	if (rc == -1) {
		nf_warnx("%s", in.errmsg);
		status = EXIT_BAD;
	}
	if (nalt > 0)
		nf_warnx("%llu rows of '%s' matched with their 12-hour time "
		    "(no AM/PM) read in the other half of the day",
		    (unsigned long long)nalt, inname);
	nf_csvin_close(&in);
	if (infp != stdin)
		fclose(infp);
	nf_lbl_free(&ix);
	free(srcs);
	free(srckind);
	nf_close_output(stdout, "<stdout>");
	return status;
}
