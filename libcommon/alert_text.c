/* alert_text.c: parsers for the text alert logs: Snort alert_fast, alert_full blocks, Suricata fast.log. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alert_text.h"

static int
bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return NF_LINE_BAD;
}

static const char *
skipsp(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Find needle (length k) in [p, e); NULL if absent. */
static const char *
find(const char *p, const char *e, const char *needle)
{
	size_t k;

	k = strlen(needle);
	for (; p + k <= e; p++)
		if (memcmp(p, needle, k) == 0)
			return p;
	return NULL;
}

/* Last occurrence of needle in [p, e). */
static const char *
rfind(const char *p, const char *e, const char *needle)
{
	const char *q, *last;

	last = NULL;
	while ((q = find(p, e, needle)) != NULL) {
		last = q;
		p = q + 1;
	}
	return last;
}

/* Message text between p and e: trimmed, outer quotes removed. */
static void
set_msg(struct nf_alert *a, const char *p, const char *e)
{
	p = skipsp(p, e);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - p >= 2 && *p == '"' && e[-1] == '"') {
		p++;
		e--;
	}
	nf_alert_setstr(a->msg, sizeof(a->msg), p, (size_t)(e - p));
}

/*
 * Bracket tags "[Classification: C]", "[Priority: P]", "[AppID: X]" and
 * unknown ones from p; returns the first byte after them.  Priority text
 * that is not a number makes *ok 0.
 */
static const char *
tags(struct nf_alert *a, const char *p, const char *e, int *ok)
{
	const char *c, *v;

	*ok = 1;
	for (p = skipsp(p, e); p < e && *p == '['; p = skipsp(c + 1, e)) {
		if ((c = memchr(p, ']', (size_t)(e - p))) == NULL) {
			*ok = 0;
			return p;
		}
		if (c - p > 16 && memcmp(p, "[Classification:", 16) == 0) {
			v = skipsp(p + 16, c);
			nf_alert_setstr(a->classification,
			    sizeof(a->classification), v, (size_t)(c - v));
		} else if (c - p > 10 && memcmp(p, "[Priority:", 10) == 0) {
			v = skipsp(p + 10, c);
			if (nf_parse_u32n(v, (size_t)(c - v), UINT32_MAX,
			    &a->priority) < 0)
				*ok = 0;
			else
				a->has_priority = 1;
		}
	}
	return p;
}

/* Endpoints "SRC -> DST" in [p, e). */
static int
endpoints(struct nf_alert *a, const char *p, const char *e, int want_port)
{
	const char *arrow;
	uint8_t s6[16], d6[16];
	uint16_t sp, dp;
	int vs, vd, hs, hd;

	if ((arrow = find(p, e, " -> ")) == NULL)
		return -1;
	if (want_port == 2) {
		/* Unknown protocol: a whole IPv6 address has no port. */
		hs = hd = 0;
		sp = dp = 0;
		if ((vs = nf_addr_parse(p, (size_t)(arrow - p), s6)) == 0)
			vs = nf_endpoint_parse(p, (size_t)(arrow - p), 1, s6,
			    &sp, &hs);
		if ((vd = nf_addr_parse(arrow + 4, (size_t)(e - arrow - 4),
		    d6)) == 0)
			vd = nf_endpoint_parse(arrow + 4,
			    (size_t)(e - arrow - 4), 1, d6, &dp, &hd);
	} else {
		vs = nf_endpoint_parse(p, (size_t)(arrow - p), want_port, s6,
		    &sp, &hs);
		vd = nf_endpoint_parse(arrow + 4, (size_t)(e - arrow - 4),
		    want_port, d6, &dp, &hd);
	}
	if (vs == 0 || vs != vd)
		return -1;
	a->ip_version = (uint8_t)vs;
	memcpy(a->src, s6, 16);
	memcpy(a->dst, d6, 16);
	a->sport = sp;
	a->dport = dp;
	a->has_ports = hs && hd;
	return 0;
}

/*
 * Whether to split ":port" off endpoints of protocol proto: 1 yes, 0 no,
 * 2 only if the text is not a whole address (unknown protocol).
 */
static int
want_port(int proto, int suricata)
{
	if (nf_proto_has_ports(proto) || suricata)
		return 1;
	return proto < 0 ? 2 : 0;
}

/* Snort 3 packet types that name no IP protocol ({IP}, {PDU} ...). */
static int
unknown_type(const char *s, size_t n)
{
	static const char *const types[] = {
		"IP", "PDU", "FILE", "USER", "UNK", "NONE", NULL
	};
	int i;

	for (i = 0; types[i] != NULL; i++)
		if (strlen(types[i]) == n && memcmp(types[i], s, n) == 0)
			return 1;
	return 0;
}

/*
 * Snort 3 alert_ex: 'gid:sid:rev "msg"' and nothing else (no time, no
 * addresses).
 */
static int
alert_ex(const char *l, const char *e, struct nf_alert *a)
{
	const char *sp;

	if ((sp = memchr(l, ' ', (size_t)(e - l))) == NULL || e - sp < 3 ||
	    sp[1] != '"' || e[-1] != '"' || nf_rule_parse(l, (size_t)(sp - l),
	    a) < 0 || !a->has_rev) {
		nf_alert_clear(a);
		return NF_LINE_SKIP;
	}
	set_msg(a, sp + 1, e);
	return NF_LINE_ALERT;
}

int
nf_fast_line(const char *l, size_t n, struct nf_tsctx *tc,
    struct nf_alert *a, char *err, size_t errlen)
{
	const char *p, *e, *c, *end;
	size_t k;
	int ok, suricata, ports;

	nf_alert_clear(a);
	e = l + n;
	while (e > l && (e[-1] == '\r' || e[-1] == ' '))
		e--;
	if ((k = nf_snort_ts_parse(l, (size_t)(e - l), tc, &a->ts_ns)) == 0)
		return alert_ex(l, e, a);
	/* Suricata writes a 4-digit year and ICMP type/code as ports. */
	suricata = k > 10 && l[5] == '/' && l[10] == '-';
	a->has_ts = 1;
	p = skipsp(l + k, e);
	/* Action tags: Snort 3 " [drop]", Suricata "[Drop] ", "[wDrop] ". */
	while (p < e && *p == '[' && (e - p < 4 || memcmp(p, "[**]", 4) != 0)) {
		if ((c = memchr(p, ']', (size_t)(e - p))) == NULL ||
		    c - p > 32)
			return NF_LINE_SKIP;
		p = skipsp(c + 1, e);
	}
	if (e - p < 4 || memcmp(p, "[**]", 4) != 0)
		return NF_LINE_SKIP;
	p = skipsp(p + 4, e);
	if (p >= e || *p != '[' || (c = memchr(p, ']', (size_t)(e - p))) ==
	    NULL || nf_rule_parse(p + 1, (size_t)(c - p - 1), a) < 0)
		return bad(err, errlen, "bad or missing [gid:sid:rev]");
	p = skipsp(c + 1, e);
	/* Snort's optional " <interface> " after the rule. */
	if (p < e && *p == '<' && (c = memchr(p, '>', (size_t)(e - p))) !=
	    NULL && c + 1 < e && c[1] == ' ')
		p = c + 1;
	if ((end = rfind(p, e, "[**]")) == NULL)
		return bad(err, errlen, "missing closing [**] after message");
	set_msg(a, p, end);
	p = tags(a, end + 4, e, &ok);
	if (!ok)
		return bad(err, errlen, "bad [Classification:]/[Priority:] "
		    "part");
	if (p >= e || *p != '{' || (c = memchr(p, '}', (size_t)(e - p))) ==
	    NULL)
		return bad(err, errlen, "missing {protocol}");
	a->proto = (int16_t)nf_proto_parse(p + 1, (size_t)(c - p - 1));
	if (a->proto < 0 && !unknown_type(p + 1, (size_t)(c - p - 1)))
		return bad(err, errlen, "unknown protocol '%.*s'",
		    (int)(c - p - 1), p + 1);
	p = skipsp(c + 1, e);
	ports = want_port(a->proto, suricata);
	if (endpoints(a, p, e, ports) < 0)
		return bad(err, errlen, "bad addresses '%.*s'",
		    (int)(e - p > 80 ? 80 : e - p), p);
	return NF_LINE_ALERT;
}

void
nf_full_init(struct nf_full *f)
{
	memset(f, 0, sizeof(*f));
}

int
nf_full_is_header(const char *l, size_t n)
{
	const char *e, *p, *c;
	struct nf_alert a;

	e = l + n;
	if (n < 6 || memcmp(l, "[**]", 4) != 0)
		return 0;
	p = skipsp(l + 4, e);
	if (p >= e || *p != '[' || (c = memchr(p, ']', (size_t)(e - p))) ==
	    NULL)
		return 0;
	return nf_rule_parse(p + 1, (size_t)(c - p - 1), &a) == 0;
}

/* Finish the block in f: alert in out, or BAD. */
static int
finish(struct nf_full *f, struct nf_alert *out, char *err, size_t errlen)
{
	int rc;

	f->state = 0;
	if (f->bad)
		return bad(err, errlen, "%s (block from line %lu)", f->why,
		    f->start_line);
	if (!f->a.has_ts)
		return bad(err, errlen, "no timestamp line in block from "
		    "line %lu", f->start_line);
	if (f->ep[0][0] != '\0') {
		rc = endpoints(&f->a, f->ep[0], f->ep[0] + strlen(f->ep[0]),
		    want_port(f->a.proto, 0));
		if (rc < 0)
			return bad(err, errlen, "bad addresses '%s' in block "
			    "from line %lu", f->ep[0], f->start_line);
	}
	*out = f->a;
	return NF_LINE_ALERT;
}

static void
full_fail(struct nf_full *f, const char *why)
{
	if (!f->bad) {
		f->bad = 1;
		snprintf(f->why, sizeof(f->why), "%s", why);
	}
}

/* The protocol line "TCP TTL:64 TOS:0x0 ..." or "PROTO:255 TTL:...". */
static int
proto_line(struct nf_full *f, const char *l, const char *e)
{
	const char *sp;
	int p;

	if ((sp = memchr(l, ' ', (size_t)(e - l))) == NULL ||
	    e - sp < 5 || memcmp(sp + 1, "TTL:", 4) != 0)
		return 0;
	p = nf_proto_parse(l, (size_t)(sp - l));
	f->a.proto = (int16_t)p;
	return 1;
}

int
nf_full_line(struct nf_full *f, const char *l, size_t n,
    unsigned long line_no, struct nf_tsctx *tc, struct nf_alert *out,
    char *err, size_t errlen)
{
	const char *e, *p, *c, *end;
	size_t k, len;
	int rc, ok;

	e = l + n;
	while (e > l && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	n = (size_t)(e - l);
	if (nf_full_is_header(l, n)) {
		rc = NF_LINE_SKIP;
		if (f->state != 0)
			rc = finish(f, out, err, errlen);
		nf_alert_clear(&f->a);
		f->state = 1;
		f->bad = 0;
		f->need_addr = 0;
		f->ep[0][0] = '\0';
		f->start_line = line_no;
		p = skipsp(l + 4, e);
		c = memchr(p, ']', (size_t)(e - p));
		nf_rule_parse(p + 1, (size_t)(c - p - 1), &f->a);
		p = c + 1;
		if ((end = rfind(p, e, "[**]")) == NULL)
			full_fail(f, "missing closing [**] after message");
		else
			set_msg(&f->a, p, end);
		return rc;
	}
	if (f->state == 0)
		return NF_LINE_SKIP;
	if (n == 0)
		return finish(f, out, err, errlen);
	if (*l == '[') {
		/* [Classification: ..] [Priority: ..], [Xref => ..] ... */
		tags(&f->a, l, e, &ok);
		if (!ok)
			full_fail(f, "bad [Priority:] part");
		return NF_LINE_SKIP;
	}
	if (!f->a.has_ts && (k = nf_snort_ts_parse(l, n, tc,
	    &f->a.ts_ns)) > 0) {
		f->a.has_ts = 1;
		p = skipsp(l + k, e);
		if (find(p, e, " type:0x") != NULL) {
			f->need_addr = 1;	/* snort -e: MACs here */
			return NF_LINE_SKIP;
		}
		len = (size_t)(e - p);
		if (find(p, e, " -> ") == NULL || len >= sizeof(f->ep[0]))
			full_fail(f, "bad address line");
		else
			nf_alert_setstr(f->ep[0], sizeof(f->ep[0]), p, len);
		return NF_LINE_SKIP;
	}
	if (f->need_addr) {
		/* snort -e: "SRC -> DST PROTO TTL:.." on one line. */
		f->need_addr = 0;
		if ((c = find(l, e, " TTL:")) != NULL) {
			for (p = c; p > l && p[-1] != ' '; p--)
				;
			proto_line(f, p, e);
			e = p > l ? p - 1 : p;
		}
		len = (size_t)(e - l);
		if (find(l, e, " -> ") == NULL || len >= sizeof(f->ep[0]))
			full_fail(f, "bad address line");
		else
			nf_alert_setstr(f->ep[0], sizeof(f->ep[0]), l, len);
		return NF_LINE_SKIP;
	}
	if (f->a.has_ts && f->a.proto < 0)
		proto_line(f, l, e);
	return NF_LINE_SKIP;
}

int
nf_full_end(struct nf_full *f, struct nf_alert *out, char *err,
    size_t errlen)
{
	if (f->state == 0)
		return NF_LINE_SKIP;
	return finish(f, out, err, errlen);
}
