/* alert_read.h: read one alert log of any supported format (detected from content), with bad-line accounting. */
#ifndef NF_ALERT_READ_H
#define NF_ALERT_READ_H

#include <stdint.h>
#include <stdio.h>

#include "alert.h"

enum nf_alert_fmt {
	NF_FMT_AUTO,
	NF_FMT_FAST,		/* Snort alert_fast */
	NF_FMT_FULL,		/* Snort alert_full */
	NF_FMT_CSV,		/* Snort 2/3 alert_csv */
	NF_FMT_JSON,		/* Snort 3 alert_json */
	NF_FMT_UNIFIED2,	/* unified2 binary */
	NF_FMT_SURICATA_FAST,	/* Suricata fast.log */
	NF_FMT_EVE		/* Suricata eve.json */
};

/* Name <-> format ("auto", "fast", "full", "csv", "json", "unified2",
 * "suricata-fast", "eve"); -1 if unknown. */
int	nf_alert_fmt_parse(const char *name);
const char *nf_alert_fmt_name(int fmt);

/*
 * Detection from the first bytes of a file (buf, len): a plausible
 * unified2 record header; else the first line that parses as an alert of
 * one of the text formats, tried in the order eve/Snort 3 JSON, alert_full
 * header, fast line (suricata-fast when the year has 4 digits), alert_csv.
 * Returns NF_FMT_AUTO when nothing in buf is recognisable.
 */
int	nf_alert_detect(const char *buf, size_t len);

struct nf_alert_opts {
	int		 format;	/* NF_FMT_* */
	int		 strict;	/* first bad line/record is fatal */
	int		 year;		/* for year-less stamps; 0 = mtime */
	const char	*csv_fields;	/* --csv-fields or NULL */
	int		*year_warned;	/* run-wide "warned once" flag */
	unsigned	 max_warn;	/* bad-line warnings shown per file */
};

struct nf_alert_stats {
	uint64_t	alerts;		/* alerts passed to the callback */
	uint64_t	bad;		/* malformed lines/blocks skipped */
	uint64_t	other;		/* non-alert lines (trace output) */
	uint64_t	events_skipped;	/* eve events of other types */
	uint64_t	records_skipped; /* unified2 packet/extra records */
	int		format;		/* the format used (detected) */
};

typedef void (*nf_alert_fn)(void *arg, struct nf_alert *a);

/*
 * Read fp (display name name) to the end, calling fn for every alert in
 * order.  Bad lines are reported (file and line number, at most max_warn
 * of them, then a count) and skipped; with strict the first one stops
 * reading.  unified2 corruption stops with the byte offset after the
 * events before it were passed on.  Returns 0, or 1 when input was bad
 * enough to stop (strict, corruption, read error, unknown --csv-fields).
 */
int	nf_alert_read(FILE *fp, const char *name,
	    const struct nf_alert_opts *, nf_alert_fn fn, void *arg,
	    struct nf_alert_stats *);

#endif
