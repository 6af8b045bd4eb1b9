/* labelcsv.c: identity columns of netfeat feature CSVs, and loading alerts and rules CSVs into a label index. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "util.h"
#include "labelcsv.h"

/*
 * The one table of header names: canonical field, microseconds per unit
 * (durations only), accepted name.  Names are matched after trimming
 * spaces; the first column matching a field wins.
 *   flow2csv:  flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,
 *              protocol,...  (--columns basic has no start: refused)
 *   flow2kdd:  conn_id,start,src_ip,src_port,dst_ip,dst_port,duration,
 *              protocol_type,...,label
 *   flow2cic:  cicflowmeter/engelen "Src IP","Src Port","Dst IP",
 *              "Dst Port","Protocol","Timestamp","Flow Duration","Label";
 *              cic2017 " Source IP"," Source Port"," Destination IP",
 *              " Destination Port"," Protocol"," Timestamp",
 *              " Flow Duration"," Label"; cic2018 as cicflowmeter.
 *   csvlabel:  its own output columns, so that labeling twice replaces
 *              them instead of adding more.
 */
static const struct colname {
	enum nf_lcol	 field;
	long		 scale;
	const char	*name;
} colnames[] = {
	{ NF_LC_SRC_IP,		0,	"src_ip" },
	{ NF_LC_SRC_IP,		0,	"Src IP" },
	{ NF_LC_SRC_IP,		0,	"Source IP" },
	{ NF_LC_DST_IP,		0,	"dst_ip" },
	{ NF_LC_DST_IP,		0,	"Dst IP" },
	{ NF_LC_DST_IP,		0,	"Destination IP" },
	{ NF_LC_SRC_PORT,	0,	"src_port" },
	{ NF_LC_SRC_PORT,	0,	"Src Port" },
	{ NF_LC_SRC_PORT,	0,	"Source Port" },
	{ NF_LC_DST_PORT,	0,	"dst_port" },
	{ NF_LC_DST_PORT,	0,	"Dst Port" },
	{ NF_LC_DST_PORT,	0,	"Destination Port" },
	{ NF_LC_PROTO,		0,	"protocol" },
	{ NF_LC_PROTO,		0,	"protocol_type" },
	{ NF_LC_PROTO,		0,	"Protocol" },
	{ NF_LC_START,		0,	"start" },
	{ NF_LC_START,		0,	"Timestamp" },
	{ NF_LC_END,		0,	"end" },
	{ NF_LC_DURATION,	1000000, "duration" },
	{ NF_LC_DURATION,	1,	"Flow Duration" },
	{ NF_LC_LABEL,		0,	"label" },
	{ NF_LC_LABEL,		0,	"Label" },
	{ NF_LC_ALERT_SID,	0,	"alert_sid" },
	{ NF_LC_ALERT_PRIO,	0,	"alert_priority" },
	{ NF_LC_ALERT_COUNT,	0,	"alert_count" }
};
#define NCOLNAMES	(sizeof(colnames) / sizeof(colnames[0]))

/* Canonical names, for messages. */
static const char *const lcname[NF_LC_N] = {
	"src_ip", "dst_ip", "src_port", "dst_port", "protocol", "start", "end",
	"duration", "label", "alert_sid", "alert_priority", "alert_count"
};

/* s without leading and trailing spaces: s itself when it has none, else
 * a copy in buf (size n); NULL when the copy does not fit. */
static const char *
trim(const char *s, char *buf, size_t n)
{
	size_t len;

	if (*s != ' ' && (*s == '\0' || s[strlen(s) - 1] != ' '))
		return s;
	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len >= n)
		return NULL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

int
nf_lcols_find(struct nf_lcols *c, const char *const *names, size_t n,
    int need5, char *err, size_t errsz)
{
	static const enum nf_lcol need[] = { NF_LC_SRC_IP, NF_LC_DST_IP,
	    NF_LC_START, NF_LC_SRC_PORT, NF_LC_DST_PORT, NF_LC_PROTO };
	char buf[128], *e = err;
	const char *t;
	size_t i, j, k, nneed = need5 ? 6 : 3;
	int missing = 0;

	for (i = 0; i < NF_LC_N; i++)
		c->idx[i] = -1;
	c->dur_scale = 1;
	c->ncols = n;
	for (i = 0; i < n; i++) {
		if ((t = trim(names[i], buf, sizeof(buf))) == NULL)
			continue;
		for (j = 0; j < NCOLNAMES; j++) {
			if (strcmp(t, colnames[j].name) != 0 ||
			    c->idx[colnames[j].field] != -1)
				continue;
			c->idx[colnames[j].field] = (long)i;
			if (colnames[j].field == NF_LC_DURATION)
				c->dur_scale = colnames[j].scale;
		}
	}
	*e = '\0';
	for (k = 0; k < nneed; k++) {
		if (c->idx[need[k]] != -1)
			continue;
		e += snprintf(e, errsz - (size_t)(e - err), "%s%s (",
		    missing++ ? ", " : "", lcname[need[k]]);
		for (j = 0, i = 0; j < NCOLNAMES; j++)
			if (colnames[j].field == need[k] &&
			    (size_t)(e - err) < errsz)
				e += snprintf(e, errsz - (size_t)(e - err),
				    "%s'%s'", i++ ? " or " : "",
				    colnames[j].name);
		if ((size_t)(e - err) < errsz)
			e += snprintf(e, errsz - (size_t)(e - err), ")");
		if ((size_t)(e - err) >= errsz)
			break;
	}
	return missing ? -1 : 0;
}

/* A decimal number (optional '-', fraction) times scale microseconds per
 * unit; negative values give 0. */
static int
parse_scaled(const char *s, long scale, int64_t *us)
{
	int64_t whole = 0, frac = 0, fs = 1000000;
	int neg = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (whole > 1000000000000LL)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			fs /= 10;
			frac += (*s - '0') * fs;
		}
	} else if ((*s == 'e' || *s == 'E') && scale == 1) {
		return -1;
	}
	if (*s != '\0')
		return -1;
	*us = neg ? 0 : whole * scale + frac * scale / 1000000;
	return 0;
}

static int
parse_port(const char *s, int *port)
{
	int v = 0;

	if (*s == '\0') {
		*port = -1;
		return 0;
	}
	for (; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (*s - '0')) > 65535)
			return -1;
	if (*s != '\0')
		return -1;
	*port = v;
	return 0;
}

#define BADVAL(what, val) do {						\
	snprintf(err, errsz, "bad %s value '%.60s'", (what), (val));	\
	return -1;							\
} while (0)

int
nf_lcols_row(const struct nf_lcols *c, const char *const *f,
    struct nf_lbl_row *r, char *err, size_t errsz)
{
	char sb[64], db[64], buf[64];
	const char *s, *d, *v;
	int64_t dur;

	memset(r, 0, sizeof(*r));
	r->sport = r->dport = r->proto = -1;
	s = trim(f[c->idx[NF_LC_SRC_IP]], sb, sizeof(sb));
	d = trim(f[c->idx[NF_LC_DST_IP]], db, sizeof(db));
	if (s == NULL || (*s != '\0' && nf_lbl_parse_addr(s, r->src) == -1))
		BADVAL("src_ip", f[c->idx[NF_LC_SRC_IP]]);
	if (d == NULL || (*d != '\0' && nf_lbl_parse_addr(d, r->dst) == -1))
		BADVAL("dst_ip", f[c->idx[NF_LC_DST_IP]]);
	r->has_addr = *s != '\0' && *d != '\0';
	v = f[c->idx[NF_LC_START]];
	if (nf_lbl_parse_time12(v, &r->start_us, &r->alt_us) == -1)
		BADVAL("start time", v);
	r->end_us = r->start_us;
	if (c->idx[NF_LC_END] != -1) {
		v = f[c->idx[NF_LC_END]];
		if (nf_lbl_parse_time(v, &r->end_us) == -1)
			BADVAL("end time", v);
	} else if (c->idx[NF_LC_DURATION] != -1) {
		v = f[c->idx[NF_LC_DURATION]];
		if ((s = trim(v, buf, sizeof(buf))) == NULL ||
		    parse_scaled(s, c->dur_scale, &dur) == -1)
			BADVAL("duration", v);
		r->end_us = r->start_us + dur;
	}
	if (r->end_us < r->start_us)
		r->end_us = r->start_us;
	if (c->idx[NF_LC_SRC_PORT] != -1) {
		v = f[c->idx[NF_LC_SRC_PORT]];
		if ((s = trim(v, buf, sizeof(buf))) == NULL ||
		    parse_port(s, &r->sport) == -1)
			BADVAL("src_port", v);
	}
	if (c->idx[NF_LC_DST_PORT] != -1) {
		v = f[c->idx[NF_LC_DST_PORT]];
		if ((s = trim(v, buf, sizeof(buf))) == NULL ||
		    parse_port(s, &r->dport) == -1)
			BADVAL("dst_port", v);
	}
	if (c->idx[NF_LC_PROTO] != -1) {
		v = f[c->idx[NF_LC_PROTO]];
		if ((s = trim(v, buf, sizeof(buf))) == NULL ||
		    nf_lbl_parse_proto(s, &r->proto) == -1)
			BADVAL("protocol", v);
	}
	return 0;
}

/* Column index of name in the current (header) row of in, or -1. */
static long
colidx(const struct nf_csvin *in, const char *name)
{
	char buf[64];
	const char *t;
	size_t i;

	for (i = 0; i < in->nf; i++)
		if ((t = trim(in->field[i], buf, sizeof(buf))) != NULL &&
		    strcmp(t, name) == 0)
			return (long)i;
	return -1;
}

/* Read the header row; returns -1 with err on failure. */
static int
read_header(struct nf_csvin *in, char *err, size_t errsz)
{
	int rc = nf_csvin_next(in);

	if (rc == 1)
		return 0;
	if (rc == 0)
		snprintf(err, errsz, "no header row in '%s'", in->name);
	else
		snprintf(err, errsz, "%s", in->errmsg);
	return -1;
}

/* Read the next data row with the header's field count: 1, 0 at end, -1
 * with err. */
static int
read_row(struct nf_csvin *in, size_t ncols, char *err, size_t errsz)
{
	int rc = nf_csvin_next(in);

	if (rc == -1)
		snprintf(err, errsz, "%s", in->errmsg);
	else if (rc == 1 && in->nf != ncols) {
		snprintf(err, errsz, "%zu fields (header has %zu) in '%s' "
		    "at line %llu", in->nf, ncols, in->name,
		    (unsigned long long)in->lineno);
		return -1;
	}
	return rc;
}

enum { A_TS, A_SRC, A_DST, A_SPORT, A_DPORT, A_PROTO, A_PRIO, A_SID,
    A_MSG, A_CLASS, A_GID, A_REV, A_N };

/* The label of an alert whose chosen field is empty: "gid:sid:rev" from
 * the columns present (Snort's rule id), else "alert". */
static const char *
rule_id(const struct nf_csvin *in, const long *col, char *buf, size_t n)
{
	static const int part[] = { A_GID, A_SID, A_REV };
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < 3; i++) {
		if (col[part[i]] == -1 || *in->field[col[part[i]]] == '\0')
			continue;
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0,
		    "%s%s", len ? ":" : "", in->field[col[part[i]]]);
		if (len >= n)
			break;
	}
	return buf[0] != '\0' && len < n ? buf : "alert";
}

int
nf_lbl_load_alerts(struct nf_lbl_index *ix, FILE *fp, const char *name,
    enum nf_label_from from, char *err, size_t errsz)
{
	static const char *const anames[A_N] = { "ts", "src_ip", "dst_ip",
	    "src_port", "dst_port", "proto", "priority", "sid", "msg",
	    "classification", "gid", "rev" };
	static const int lcol[] = { A_MSG, A_CLASS, A_SID };
	struct nf_csvin in;
	struct nf_lbl_alert_in a;
	char buf[64], idbuf[96];
	const char *v, *t;
	long col[A_N];
	size_t ncols, i;
	uint64_t u;
	int rc, lc = lcol[from];

	if (nf_csvin_open(&in, fp, name) == -1) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (read_header(&in, err, errsz) == -1)
		goto fail;
	ncols = in.nf;
	for (i = 0; i < A_N; i++)
		col[i] = colidx(&in, anames[i]);
	for (i = 0; i < A_N; i++) {
		if (col[i] != -1 || (i > A_DST && (int)i != lc))
			continue;
		snprintf(err, errsz, "no '%s' column in alerts file '%s'",
		    anames[i], name);
		goto fail;
	}
	while ((rc = read_row(&in, ncols, err, errsz)) == 1) {
		memset(&a, 0, sizeof(a));
		a.sport = a.dport = a.proto = a.prio = -1;
		a.sid = NF_LBL_NOSID;
		for (i = 0; i < A_N; i++) {
			if (col[i] == -1 || i >= A_MSG)
				continue;
			v = in.field[col[i]];
			if ((t = trim(v, buf, sizeof(buf))) == NULL)
				goto bad;
			switch (i) {
			case A_TS:
				if (nf_lbl_parse_time(t, &a.ts_us) == -1)
					goto bad;
				break;
			case A_SRC:
				if (nf_lbl_parse_addr(t, a.src) == -1)
					goto bad;
				break;
			case A_DST:
				if (nf_lbl_parse_addr(t, a.dst) == -1)
					goto bad;
				break;
			case A_SPORT:
				if (parse_port(t, &a.sport) == -1)
					goto bad;
				break;
			case A_DPORT:
				if (parse_port(t, &a.dport) == -1)
					goto bad;
				break;
			case A_PROTO:
				if (nf_lbl_parse_proto(t, &a.proto) == -1)
					goto bad;
				break;
			case A_PRIO:
				if (*t != '\0' && nf_parse_uint(t, 0, 65534, &u))
					goto bad;
				a.prio = *t != '\0' ? (int)u : -1;
				break;
			case A_SID:
				if (*t != '\0' && nf_parse_uint(t, 0,
				    UINT32_MAX - 1, &u))
					goto bad;
				a.sid = *t != '\0' ? (uint32_t)u : NF_LBL_NOSID;
				break;
			}
		}
		a.label = in.field[col[lc]];
		if (lc == A_CLASS && *a.label == '\0' && col[A_MSG] != -1)
			a.label = in.field[col[A_MSG]];
		if (*a.label == '\0')
			a.label = rule_id(&in, col, idbuf, sizeof(idbuf));
		if (nf_lbl_add_alert(ix, &a) == -1) {
			snprintf(err, errsz, "out of memory at line %llu of "
			    "'%s'", (unsigned long long)in.lineno, name);
			goto fail;
		}
		continue;
bad:
		snprintf(err, errsz, "bad %s value '%.60s' in '%s' at line "
		    "%llu", anames[i], in.field[col[i]], name,
		    (unsigned long long)in.lineno);
		goto fail;
	}
	if (rc == -1)
		goto fail;
	nf_csvin_close(&in);
	return 0;
fail:
	nf_csvin_close(&in);
	return -1;
}

enum { R_LABEL, R_START, R_END, R_SRC, R_DST, R_PROTO, R_DPORT, R_N };

int
nf_lbl_load_rules(struct nf_lbl_index *ix, FILE *fp, const char *name,
    char *err, size_t errsz)
{
	static const char *const rnames[R_N] = { "label", "start", "end",
	    "src", "dst", "proto", "dst_port" };
	struct nf_csvin in;
	struct nf_lbl_rule ru;
	char buf[64];
	const char *t, *dash;
	long col[R_N];
	size_t ncols, i;
	int rc, plen, proto, lo, hi;

	if (nf_csvin_open(&in, fp, name) == -1) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (read_header(&in, err, errsz) == -1)
		goto fail;
	ncols = in.nf;
	for (i = 0; i < R_N; i++) {
		col[i] = colidx(&in, rnames[i]);
		if (col[i] == -1 && i < R_PROTO) {
			snprintf(err, errsz, "no '%s' column in rules file "
			    "'%s'", rnames[i], name);
			goto fail;
		}
	}
	while ((rc = read_row(&in, ncols, err, errsz)) == 1) {
		memset(&ru, 0, sizeof(ru));
		ru.proto = -1;
		ru.port_lo = ru.port_hi = -1;
		for (i = R_START; i < R_N; i++) {
			if (col[i] == -1)
				continue;
			if ((t = trim(in.field[col[i]], buf, sizeof(buf))) ==
			    NULL)
				goto bad;
			switch (i) {
			case R_START:
				if (nf_lbl_parse_time(t, &ru.start_us) == -1)
					goto bad;
				break;
			case R_END:
				if (nf_lbl_parse_time(t, &ru.end_us) == -1 ||
				    ru.end_us < ru.start_us)
					goto bad;
				break;
			case R_SRC:
			case R_DST:
				if (nf_lbl_parse_cidr(*t ? t : "*",
				    i == R_SRC ? ru.src : ru.dst, &plen) == -1)
					goto bad;
				if (i == R_SRC)
					ru.src_plen = (int16_t)plen;
				else
					ru.dst_plen = (int16_t)plen;
				break;
			case R_PROTO:
				if (nf_lbl_parse_proto(t, &proto) == -1)
					goto bad;
				ru.proto = (int16_t)proto;
				break;
			case R_DPORT:
				if (*t == '\0' || strcmp(t, "*") == 0)
					break;
				dash = strchr(t, '-');
				if (dash != NULL) {
					/* Split a copy at the dash. */
					if (t != buf)
						snprintf(buf, sizeof(buf), "%s",
						    t);
					buf[dash - t] = '\0';
					if (*buf == '\0' || parse_port(buf, &lo) ==
					    -1 || parse_port(buf + (dash - t) + 1,
					    &hi) == -1 || lo < 0 || hi < lo)
						goto bad;
				} else if (parse_port(t, &lo) == -1) {
					goto bad;
				} else {
					hi = lo;
				}
				ru.port_lo = lo;
				ru.port_hi = hi;
				break;
			}
		}
		if (nf_lbl_intern(ix, in.field[col[R_LABEL]], &ru.label) ==
		    -1 || nf_lbl_add_rule(ix, &ru) == -1) {
			snprintf(err, errsz, "out of memory at line %llu of "
			    "'%s'", (unsigned long long)in.lineno, name);
			goto fail;
		}
		continue;
bad:
		snprintf(err, errsz, "bad %s value '%.60s' in '%s' at line "
		    "%llu", rnames[i], in.field[col[i]], name,
		    (unsigned long long)in.lineno);
		goto fail;
	}
	if (rc == -1)
		goto fail;
	nf_csvin_close(&in);
	return 0;
fail:
	nf_csvin_close(&in);
	return -1;
}
