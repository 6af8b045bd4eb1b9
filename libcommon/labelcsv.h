/* labelcsv.h: identity columns of netfeat feature CSVs, and loading alerts and rules CSVs into a label index. */
#ifndef NF_LABELCSV_H
#define NF_LABELCSV_H

#include <stddef.h>
#include <stdio.h>

#include "label.h"

/* Canonical identity fields of a feature CSV (see the table in
 * labelcsv.c for the header names each one accepts). */
enum nf_lcol {
	NF_LC_SRC_IP,
	NF_LC_DST_IP,
	NF_LC_SRC_PORT,
	NF_LC_DST_PORT,
	NF_LC_PROTO,
	NF_LC_START,
	NF_LC_END,
	NF_LC_DURATION,
	NF_LC_LABEL,
	NF_LC_ALERT_SID,
	NF_LC_ALERT_PRIO,
	NF_LC_ALERT_COUNT,
	NF_LC_N
};

/* Where each canonical field sits in a feature CSV header. */
struct nf_lcols {
	long	 idx[NF_LC_N];		/* column index, -1: absent */
	long	 dur_scale;		/* microseconds per duration unit */
	size_t	 ncols;			/* columns in the header */
};

/* Which alert field becomes the label. */
enum nf_label_from {
	NF_LF_MSG,
	NF_LF_CLASSIFICATION,
	NF_LF_SID
};

/*
 * Find the identity columns in a header of n names.  Names are compared
 * case-sensitively after dropping leading and trailing spaces (CIC-IDS2017
 * headers start most names with a space).  Source and destination address
 * and start time are always needed; ports and protocol with need5.  On a
 * missing column returns -1 with err naming every missing field and the
 * header names it accepts.
 */
int	nf_lcols_find(struct nf_lcols *, const char *const *names, size_t n,
	    int need5, char *err, size_t errsz);

/*
 * Parse the identity of one row (n fields, n == ncols) into *r.  Empty
 * addresses give has_addr 0; end is the end column, else start + duration,
 * else start.  A start time in CICFlowMeter's 12-hour form without AM/PM
 * sets alt_us (see nf_lbl_parse_time12()).  Returns -1 with err ("bad
 * src_ip value 'x'") on a value that does not parse.
 */
int	nf_lcols_row(const struct nf_lcols *, const char *const *f,
	    struct nf_lbl_row *r, char *err, size_t errsz);

/*
 * Read an alerts CSV (the snort2csv columns, found by name: ts, src_ip,
 * dst_ip required; src_port, dst_port, proto, priority, sid, msg,
 * classification optional, but the --label-from field must exist) into
 * ix.  An empty classification falls back to msg; an empty label to the
 * rule id "gid:sid:rev" (the gid, sid and rev columns present), else to
 * "alert".  Returns 0, or -1 with
 * err naming the file and line.
 */
int	nf_lbl_load_alerts(struct nf_lbl_index *, FILE *fp, const char *name,
	    enum nf_label_from from, char *err, size_t errsz);

/*
 * Read a rules CSV with header label,start,end,src,dst,proto,dst_port
 * (any order; proto and dst_port columns optional; "*" or empty is any;
 * dst_port a number or lo-hi).  Returns 0, or -1 with err.
 */
int	nf_lbl_load_rules(struct nf_lbl_index *, FILE *fp, const char *name,
	    char *err, size_t errsz);

#endif
