/* alert_csv.c: Snort 2 and Snort 3 alert_csv parser (libcsv, strict mode), default or custom field orders. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert_csv.h"
#include "alert_text.h"

/* What a column means to us; everything else is ignored. */
enum {
	K_IGN, K_TS, K_SECONDS, K_GID, K_SID, K_REV, K_RULE, K_MSG, K_CLASS,
	K_PRIO, K_PROTO, K_SRC, K_SPORT, K_DST, K_DPORT, K_SAP, K_DAP
};

/* Field names of Snort 2 (spo_csv) and Snort 3 (alert_csv.fields). */
static const struct {
	const char	*name;
	uint8_t		 kind;
} names[] = {
	/* Snort 2 */
	{ "timestamp", K_TS }, { "sig_generator", K_GID },
	{ "sig_id", K_SID }, { "sig_rev", K_REV }, { "msg", K_MSG },
	{ "proto", K_PROTO }, { "src", K_SRC }, { "srcport", K_SPORT },
	{ "dst", K_DST }, { "dstport", K_DPORT }, { "ethsrc", K_IGN },
	{ "ethdst", K_IGN }, { "ethlen", K_IGN }, { "ethtype", K_IGN },
	{ "tcpflags", K_IGN }, { "tcpseq", K_IGN }, { "tcpack", K_IGN },
	{ "tcplen", K_IGN }, { "tcpln", K_IGN }, { "tcpwindow", K_IGN },
	{ "ttl", K_IGN }, { "tos", K_IGN }, { "id", K_IGN },
	{ "dgmlen", K_IGN }, { "iplen", K_IGN }, { "icmptype", K_IGN },
	{ "icmpcode", K_IGN }, { "icmpid", K_IGN }, { "icmpseq", K_IGN },
	/* Snort 3 */
	{ "action", K_IGN }, { "class", K_CLASS }, { "b64_data", K_IGN },
	{ "dir", K_IGN }, { "dst_addr", K_DST }, { "dst_ap", K_DAP },
	{ "dst_port", K_DPORT }, { "eth_dst", K_IGN }, { "eth_len", K_IGN },
	{ "eth_src", K_IGN }, { "eth_type", K_IGN }, { "gid", K_GID },
	{ "icmp_code", K_IGN }, { "icmp_id", K_IGN }, { "icmp_seq", K_IGN },
	{ "icmp_type", K_IGN }, { "iface", K_IGN }, { "ip_id", K_IGN },
	{ "ip_len", K_IGN }, { "mpls", K_IGN }, { "pkt_gen", K_IGN },
	{ "pkt_len", K_IGN }, { "pkt_num", K_IGN }, { "priority", K_PRIO },
	{ "rev", K_REV }, { "rule", K_RULE }, { "seconds", K_SECONDS },
	{ "service", K_IGN }, { "sid", K_SID }, { "src_addr", K_SRC },
	{ "src_ap", K_SAP }, { "src_port", K_SPORT }, { "target", K_IGN },
	{ "tcp_ack", K_IGN }, { "tcp_flags", K_IGN }, { "tcp_len", K_IGN },
	{ "tcp_seq", K_IGN }, { "tcp_win", K_IGN }, { "udp_len", K_IGN },
	{ "vlan", K_IGN }, { "client_bytes", K_IGN },
	{ "client_pkts", K_IGN }, { "server_bytes", K_IGN },
	{ "server_pkts", K_IGN }, { "flowstart_time", K_IGN },
	{ "geneve_vni", K_IGN }, { "tenant_id", K_IGN },
	{ "pkt_num_unused", K_IGN },
	{ NULL, 0 }
};

#define SNORT2_DEFAULT "timestamp,sig_generator,sig_id,sig_rev,msg,proto," \
	"src,srcport,dst,dstport,ethsrc,ethdst,ethlen,tcpflags,tcpseq," \
	"tcpack,tcplen,tcpwindow,ttl,tos,id,dgmlen,iplen,icmptype,icmpcode," \
	"icmpid,icmpseq"
#define SNORT3_DEFAULT "timestamp pkt_num proto pkt_gen pkt_len dir " \
	"src_ap dst_ap rule action"
#define SNORT3_ALL "action class b64_data dir dst_addr dst_ap dst_port " \
	"eth_dst eth_len eth_src eth_type gid icmp_code icmp_id icmp_seq " \
	"icmp_type iface ip_id ip_len msg mpls pkt_gen pkt_len pkt_num " \
	"priority proto rev rule seconds service sid src_addr src_ap " \
	"src_port target tcp_ack tcp_flags tcp_len tcp_seq tcp_win " \
	"timestamp tos ttl udp_len vlan"

/* Known layouts tried, in order, on the first line. */
static const struct {
	const char	*name;
	const char	*fields;
	int		 n;
} layouts[] = {
	{ "snort3 default", SNORT3_DEFAULT, 10 },
	{ "snort2 default", SNORT2_DEFAULT, 27 },
	{ "snort3 all fields", SNORT3_ALL, 45 },
};

static int
bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return NF_LINE_BAD;
}

int
nf_acsv_init(struct nf_acsv *c)
{
	memset(c, 0, sizeof(*c));
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0)
		return -1;
	return 0;
}

void
nf_acsv_free(struct nf_acsv *c)
{
	int i;

	csv_fini(&c->p, NULL, NULL, NULL);
	csv_free(&c->p);
	for (i = 0; i < NF_ACSV_MAXF; i++)
		free(c->field[i]);
	memset(c, 0, sizeof(*c));
}

/* Parse a name list into kinds; returns the count or -1. */
static int
parse_names(const char *list, uint8_t *kind, char *err, size_t errlen)
{
	const char *p, *e;
	size_t n;
	int i, k, nf;

	nf = 0;
	for (p = list; *p != '\0'; p = e) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ',' && *e != ' ' && *e != '\t';
		    e++)
			;
		n = (size_t)(e - p);
		if (nf >= NF_ACSV_MAXF) {
			snprintf(err, errlen, "more than %d csv fields",
			    NF_ACSV_MAXF);
			return -1;
		}
		k = -1;
		for (i = 0; names[i].name != NULL; i++)
			if (strlen(names[i].name) == n &&
			    memcmp(names[i].name, p, n) == 0)
				k = names[i].kind;
		if (k < 0) {
			snprintf(err, errlen, "unknown csv field '%.*s'",
			    (int)n, p);
			return -1;
		}
		kind[nf++] = (uint8_t)k;
	}
	if (nf == 0) {
		snprintf(err, errlen, "empty csv field list");
		return -1;
	}
	return nf;
}

int
nf_acsv_set_fields(struct nf_acsv *c, const char *list, char *err,
    size_t errlen)
{
	int n;

	if (strcmp(list, "default") == 0 || strcmp(list, "snort3") == 0)
		list = SNORT3_DEFAULT;
	else if (strcmp(list, "snort2") == 0)
		list = SNORT2_DEFAULT;
	if ((n = parse_names(list, c->kind, err, errlen)) < 0)
		return -1;
	c->nf = n;
	c->fixed = 1;
	c->layout = "--csv-fields";
	return 0;
}

/* libcsv callbacks: collect the fields of one line. */
static void
cb_field(void *s, size_t len, void *arg)
{
	struct nf_acsv *c = arg;
	char *b;
	size_t cap;
	int i;

	if (c->ncur >= NF_ACSV_MAXF) {
		c->overflow = 1;
		return;
	}
	i = c->ncur++;
	if (len + 1 > c->fcap[i]) {
		cap = len + 64;
		if ((b = realloc(c->field[i], cap)) == NULL) {
			c->overflow = 1;
			c->flen[i] = 0;
			return;
		}
		c->field[i] = b;
		c->fcap[i] = cap;
	}
	if (len > 0)
		memcpy(c->field[i], s, len);
	c->field[i][len] = '\0';
	c->flen[i] = len;
}

static void
cb_row(int ch, void *arg)
{
	(void)ch;
	(void)arg;
}

/* Split one line into fields; returns 0 or -1 (CSV syntax error). */
static int
split(struct nf_acsv *c, const char *l, size_t n)
{
	size_t used;
	int rc;

	c->ncur = 0;
	c->overflow = 0;
	used = csv_parse(&c->p, l, n, cb_field, cb_row, c);
	rc = used == n ? 0 : -1;
	if (csv_fini(&c->p, cb_field, cb_row, c) != 0)
		rc = -1;
	if (rc < 0) {
		/* Start the next line from a clean parser state. */
		c->err = csv_error(&c->p);
		csv_free(&c->p);
		if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI |
		    CSV_APPEND_NULL) != 0)
			c->overflow = 1;
	}
	return rc;
}

/* Trimmed view of field i. */
static const char *
fld(struct nf_acsv *c, int i, size_t *n)
{
	const char *s;
	size_t k;

	s = c->field[i];
	k = c->flen[i];
	while (k > 0 && isspace((unsigned char)*s)) {
		s++;
		k--;
	}
	while (k > 0 && isspace((unsigned char)s[k - 1]))
		k--;
	*n = k;
	return s;
}

/* Apply the kinds in kind[] to the current fields. */
static int
convert(struct nf_acsv *c, const uint8_t *kind, struct nf_tsctx *tc,
    struct nf_alert *a, char *err, size_t errlen)
{
	const char *s;
	size_t n;
	uint64_t tsn;
	uint32_t v, secs;
	uint16_t port;
	int i, ver, hp, has_secs, sv, dv, hsp, hdp, missing;
	uint8_t addr[16];

	nf_alert_clear(a);
	missing = tc->missing_year;
	has_secs = 0;
	secs = 0;
	sv = dv = 0;
	hsp = hdp = 0;
	for (i = 0; i < c->ncur; i++) {
		s = fld(c, i, &n);
		switch (kind[i]) {
		case K_TS:
			if (n == 0)
				break;
			if (nf_snort_ts_parse(s, n, tc, &tsn) != n)
				return bad(err, errlen, "bad timestamp '%.*s'",
				    (int)(n > 40 ? 40 : n), s);
			a->ts_ns = tsn;
			a->has_ts = 1;
			break;
		case K_SECONDS:
			if (n > 0 && nf_parse_u32n(s, n, UINT32_MAX, &secs)
			    < 0)
				return bad(err, errlen, "bad seconds '%.*s'",
				    (int)(n > 20 ? 20 : n), s);
			has_secs = n > 0;
			break;
		case K_GID:
		case K_SID:
		case K_REV:
		case K_PRIO:
			if (nf_parse_u32n(s, n, UINT32_MAX, &v) < 0)
				return bad(err, errlen, "bad number '%.*s' in "
				    "field %d", (int)(n > 20 ? 20 : n), s,
				    i + 1);
			if (kind[i] == K_GID) {
				a->gid = v;
				a->has_rule = 1;
			} else if (kind[i] == K_SID) {
				a->sid = v;
				a->has_rule = 1;
			} else if (kind[i] == K_REV) {
				a->rev = v;
				a->has_rev = 1;
			} else {
				a->priority = v;
				a->has_priority = 1;
			}
			break;
		case K_RULE:
			if (nf_rule_parse(s, n, a) < 0)
				return bad(err, errlen, "bad rule '%.*s'",
				    (int)(n > 40 ? 40 : n), s);
			break;
		case K_MSG:
			nf_alert_setstr(a->msg, sizeof(a->msg), s, n);
			break;
		case K_CLASS:
			if (!(n == 4 && memcmp(s, "none", 4) == 0))
				nf_alert_setstr(a->classification,
				    sizeof(a->classification), s, n);
			break;
		case K_PROTO:
			if (n == 0)
				break;
			a->proto = (int16_t)nf_proto_parse(s, n);
			if (a->proto < 0 && !(n == 2 && memcmp(s, "IP", 2) ==
			    0) && !(n == 3 && memcmp(s, "UNK", 3) == 0))
				return bad(err, errlen, "unknown protocol "
				    "'%.*s'", (int)(n > 20 ? 20 : n), s);
			break;
		case K_SRC:
		case K_DST:
			if (n == 0)
				break;
			if ((ver = nf_addr_parse(s, n, addr)) == 0)
				return bad(err, errlen, "bad address '%.*s'",
				    (int)(n > 46 ? 46 : n), s);
			if (kind[i] == K_SRC) {
				memcpy(a->src, addr, 16);
				sv = ver;
			} else {
				memcpy(a->dst, addr, 16);
				dv = ver;
			}
			break;
		case K_SPORT:
		case K_DPORT:
			if (n == 0)
				break;
			if (nf_parse_u32n(s, n, 65535, &v) < 0)
				return bad(err, errlen, "bad port '%.*s'",
				    (int)(n > 20 ? 20 : n), s);
			if (kind[i] == K_SPORT) {
				a->sport = (uint16_t)v;
				hsp = 1;
			} else {
				a->dport = (uint16_t)v;
				hdp = 1;
			}
			break;
		case K_SAP:
		case K_DAP:
			/* "addr:port"; ":0" when the packet had no IP. */
			if (n == 0 || (s[0] == ':' && nf_parse_u32n(s + 1,
			    n - 1, 65535, &v) == 0))
				break;
			ver = nf_endpoint_parse(s, n, 1, addr, &port, &hp);
			if (ver == 0 || !hp)
				return bad(err, errlen, "bad address:port "
				    "'%.*s'", (int)(n > 52 ? 52 : n), s);
			if (kind[i] == K_SAP) {
				memcpy(a->src, addr, 16);
				a->sport = port;
				sv = ver;
				hsp = 1;
			} else {
				memcpy(a->dst, addr, 16);
				a->dport = port;
				dv = ver;
				hdp = 1;
			}
			break;
		default:
			break;
		}
	}
	if (has_secs) {
		/* Exact epoch seconds; the timestamp adds the fraction. */
		a->ts_ns = (uint64_t)secs * 1000000000u +
		    (a->has_ts ? a->ts_ns % 1000000000u : 0);
		a->has_ts = 1;
		tc->missing_year = missing;	/* the year was not needed */
	}
	if (sv != dv && sv != 0 && dv != 0)
		return bad(err, errlen, "source and destination of "
		    "different IP versions");
	a->ip_version = (uint8_t)(sv ? sv : dv);
	if (sv == 0 || dv == 0) {
		if (sv != dv)
			return bad(err, errlen, "only one address");
	}
	a->has_ports = hsp && hdp;
	if (!a->has_rule)
		return bad(err, errlen, "no gid/sid");
	return NF_LINE_ALERT;
}

/* Infer kinds from the content of the current fields. */
static int
infer(struct nf_acsv *c, struct nf_tsctx *tc, uint8_t *kind)
{
	struct nf_alert a;
	const char *s;
	size_t n;
	uint64_t t;
	uint16_t port;
	uint8_t addr[16];
	int i, ts, rule, proto, nap, naddr, ap[2], ad[2], hp;
	struct nf_tsctx tmp;

	tmp = *tc;
	ts = rule = proto = -1;
	nap = naddr = 0;
	for (i = 0; i < c->ncur; i++) {
		kind[i] = K_IGN;
		s = fld(c, i, &n);
		if (n == 0)
			continue;
		if (ts < 0 && nf_snort_ts_parse(s, n, &tmp, &t) == n)
			ts = i;
		else if (rule < 0 && memchr(s, ':', n) != NULL &&
		    memchr(s, '.', n) == NULL && nf_rule_parse(s, n, &a) == 0 &&
		    a.has_rev)
			rule = i;
		else if (nap < 2 && nf_endpoint_parse(s, n, 1, addr, &port,
		    &hp) != 0 && hp)
			ap[nap++] = i;
		else if (naddr < 2 && nf_addr_parse(s, n, addr) != 0)
			ad[naddr++] = i;
		else if (proto < 0 && ((n == 3 && (memcmp(s, "TCP", 3) == 0 ||
		    memcmp(s, "UDP", 3) == 0)) || (n == 4 &&
		    memcmp(s, "ICMP", 4) == 0) || (n == 2 &&
		    memcmp(s, "IP", 2) == 0)))
			proto = i;
	}
	if (rule < 0 || (nap < 2 && naddr < 2))
		return -1;
	if (ts >= 0)
		kind[ts] = K_TS;
	kind[rule] = K_RULE;
	if (proto >= 0)
		kind[proto] = K_PROTO;
	if (nap == 2) {
		kind[ap[0]] = K_SAP;
		kind[ap[1]] = K_DAP;
	} else {
		kind[ad[0]] = K_SRC;
		kind[ad[1]] = K_DST;
	}
	return 0;
}

/* Choose the layout from the current line; 0 or -1. */
static int
choose(struct nf_acsv *c, struct nf_tsctx *tc)
{
	struct nf_alert a;
	struct nf_tsctx tmp;
	uint8_t kind[NF_ACSV_MAXF];
	char err[64];
	size_t i;

	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		if (layouts[i].n != c->ncur)
			continue;
		if (parse_names(layouts[i].fields, kind, err, sizeof(err)) !=
		    layouts[i].n)
			continue;
		tmp = *tc;
		if (convert(c, kind, &tmp, &a, err, sizeof(err)) ==
		    NF_LINE_ALERT) {
			memcpy(c->kind, kind, (size_t)c->ncur);
			c->nf = c->ncur;
			c->layout = layouts[i].name;
			return 0;
		}
	}
	if (infer(c, tc, kind) < 0)
		return -1;
	memcpy(c->kind, kind, (size_t)c->ncur);
	c->nf = c->ncur;
	c->layout = "inferred";
	return 0;
}

/* A first line naming known fields (a header row) sets the layout. */
static int
header(struct nf_acsv *c)
{
	const char *s;
	size_t n;
	int i, j, k;

	for (i = 0; i < c->ncur; i++) {
		s = fld(c, i, &n);
		k = -1;
		for (j = 0; names[j].name != NULL; j++)
			if (strlen(names[j].name) == n &&
			    memcmp(names[j].name, s, n) == 0)
				k = names[j].kind;
		if (k < 0)
			return -1;
		c->kind[i] = (uint8_t)k;
	}
	c->nf = c->ncur;
	c->layout = "header row";
	return 0;
}

int
nf_acsv_line(struct nf_acsv *c, const char *l, size_t n, struct nf_tsctx *tc,
    struct nf_alert *a, char *err, size_t errlen)
{
	while (n > 0 && (l[n - 1] == '\r' || l[n - 1] == '\n'))
		n--;
	if (n == 0 || memchr(l, ',', n) == NULL)
		return NF_LINE_SKIP;
	if (split(c, l, n) < 0)
		return bad(err, errlen, "csv syntax error: %s",
		    csv_strerror(c->err));
	if (c->overflow)
		return bad(err, errlen, "more than %d fields", NF_ACSV_MAXF);
	if (c->nf == 0 && header(c) == 0)
		return NF_LINE_SKIP;
	if (c->nf == 0 && choose(c, tc) < 0)
		return bad(err, errlen, "cannot tell the alert_csv field order "
		    "from %d fields (use --csv-fields)", c->ncur);
	if (c->ncur != c->nf)
		return bad(err, errlen, "%d fields, expected %d (%s)",
		    c->ncur, c->nf, c->layout);
	return convert(c, c->kind, tc, a, err, errlen);
}

int
nf_acsv_sniff(const char *l, size_t n, struct nf_tsctx *tc)
{
	struct nf_acsv c;
	struct nf_alert a;
	struct nf_tsctx tmp;
	char err[128];
	int rc;

	if (memchr(l, ',', n) == NULL || nf_acsv_init(&c) < 0)
		return 0;
	tmp = *tc;
	rc = nf_acsv_line(&c, l, n, &tmp, &a, err, sizeof(err));
	if (rc == NF_LINE_SKIP && c.nf > 0)
		rc = NF_LINE_ALERT;	/* a header row */
	nf_acsv_free(&c);
	return rc == NF_LINE_ALERT;
}
