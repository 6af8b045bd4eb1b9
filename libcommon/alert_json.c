/* alert_json.c: JSON alert logs (jansson): Snort 3 alert_json lines and Suricata eve.json alert events. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "alert_json.h"
#include "alert_text.h"

/*
 * Member key of o as an unsigned number up to max: 1 found, 0 absent or
 * null, -1 wrong type or range.  Numbers written as strings are accepted
 * (some loggers quote them).
 */
static int
getnum(json_t *o, const char *key, uint32_t max, uint32_t *out)
{
	json_t *v;
	json_int_t i;
	const char *s;

	v = json_object_get(o, key);
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		i = json_integer_value(v);
		if (i < 0 || (uint64_t)i > max)
			return -1;
		*out = (uint32_t)i;
		return 1;
	}
	if (json_is_string(v)) {
		s = json_string_value(v);
		if (nf_parse_u32n(s, strlen(s), max, out) < 0)
			return -1;
		return 1;
	}
	return -1;
}

/* Member key as a string: pointer, NULL if absent; *wrong if not text. */
static const char *
getstr(json_t *o, const char *key, int *wrong)
{
	json_t *v;

	v = json_object_get(o, key);
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*wrong = 1;
		return NULL;
	}
	return json_string_value(v);
}

/* Source or destination from address and port members. */
static int
endpoint(json_t *o, const char *ak, const char *pk, const char *apk,
    uint8_t addr[16], uint16_t *port, int *hp, int *ver)
{
	const char *s;
	uint32_t p;
	int wrong, r;

	wrong = 0;
	*hp = 0;
	*ver = 0;
	if ((s = getstr(o, ak, &wrong)) != NULL) {
		if ((*ver = nf_addr_parse(s, strlen(s), addr)) == 0)
			return -1;
		if ((r = getnum(o, pk, 65535, &p)) < 0)
			return -1;
		if (r == 1) {
			*port = (uint16_t)p;
			*hp = 1;
		}
	} else if (apk != NULL && (s = getstr(o, apk, &wrong)) != NULL) {
		if (s[0] == ':' || s[0] == '\0')
			return 0;	/* no IP layer */
		if ((*ver = nf_endpoint_parse(s, strlen(s), 1, addr, port,
		    hp)) == 0)
			return -1;
	}
	return wrong ? -1 : 0;
}

static int
common_end(json_t *o, const char *sk, const char *dk, const char *spk,
    const char *dpk, const char *sak, const char *dak, struct nf_alert *a,
    char *err, size_t errlen)
{
	int hs, hd, vs, vd;

	if (endpoint(o, sk, spk, sak, a->src, &a->sport, &hs, &vs) < 0)
		return nf_line_bad(err, errlen, "bad source address or port");
	if (endpoint(o, dk, dpk, dak, a->dst, &a->dport, &hd, &vd) < 0)
		return nf_line_bad(err, errlen,
		    "bad destination address or port");
	if (vs != vd)
		return nf_line_bad(err, errlen,
		    "source and destination addresses do not match");
	a->ip_version = (uint8_t)vs;
	a->has_ports = hs && hd;
	return NF_LINE_ALERT;
}

static int
proto(json_t *o, struct nf_alert *a, char *err, size_t errlen)
{
	json_t *v;
	const char *s;
	json_int_t i;

	v = json_object_get(o, "proto");
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_integer(v)) {
		i = json_integer_value(v);
		if (i < 0 || i > 255)
			return nf_line_bad(err, errlen, "bad proto");
		a->proto = (int16_t)i;
		return 0;
	}
	if (!json_is_string(v))
		return nf_line_bad(err, errlen, "bad proto");
	s = json_string_value(v);
	a->proto = (int16_t)nf_proto_parse(s, strlen(s));
	if (a->proto < 0 && strcmp(s, "IP") != 0 && strcmp(s, "UNK") != 0)
		return nf_line_bad(err, errlen, "unknown protocol '%.20s'", s);
	return 0;
}

static int
eve(json_t *o, struct nf_tsctx *tc, struct nf_alert *a, char *err,
    size_t errlen)
{
	json_t *al;
	const char *s;
	uint32_t v;
	int wrong, r;

	wrong = 0;
	if ((s = getstr(o, "timestamp", &wrong)) == NULL ||
	    nf_iso8601_parse(s, strlen(s), tc, &a->ts_ns) == 0)
		return nf_line_bad(err, errlen, "missing or bad timestamp");
	a->has_ts = 1;
	al = json_object_get(o, "alert");
	if (!json_is_object(al))
		return nf_line_bad(err, errlen,
		    "alert event without \"alert\" object");
	if ((r = getnum(al, "gid", UINT32_MAX, &v)) < 0)
		return nf_line_bad(err, errlen, "bad alert.gid");
	a->gid = r ? v : 1;
	if (getnum(al, "signature_id", UINT32_MAX, &a->sid) != 1)
		return nf_line_bad(err, errlen,
		    "missing or bad alert.signature_id");
	a->has_rule = 1;
	if ((r = getnum(al, "rev", UINT32_MAX, &a->rev)) < 0)
		return nf_line_bad(err, errlen, "bad alert.rev");
	a->has_rev = r == 1;
	if ((r = getnum(al, "severity", UINT32_MAX, &a->priority)) < 0)
		return nf_line_bad(err, errlen, "bad alert.severity");
	a->has_priority = r == 1;
	if ((s = getstr(al, "signature", &wrong)) != NULL)
		nf_alert_setstr(a->msg, sizeof(a->msg), s, strlen(s));
	if ((s = getstr(al, "category", &wrong)) != NULL)
		nf_alert_setstr(a->classification, sizeof(a->classification),
		    s, strlen(s));
	if (wrong)
		return nf_line_bad(err, errlen,
		    "alert.signature or category not a string");
	if (proto(o, a, err, errlen) < 0)
		return NF_LINE_BAD;
	return common_end(o, "src_ip", "dest_ip", "src_port", "dest_port",
	    NULL, NULL, a, err, errlen);
}

static int
snort3(json_t *o, struct nf_tsctx *tc, struct nf_alert *a, char *err,
    size_t errlen)
{
	const char *s;
	uint32_t secs;
	int wrong, r, rs, rg, rsid, missing;

	wrong = 0;
	missing = tc->missing_year;
	if ((s = getstr(o, "timestamp", &wrong)) != NULL) {
		if (nf_snort_ts_parse(s, strlen(s), tc, &a->ts_ns) !=
		    strlen(s))
			return nf_line_bad(err, errlen,
			    "bad timestamp '%.40s'", s);
		a->has_ts = 1;
	}
	if ((rs = getnum(o, "seconds", UINT32_MAX, &secs)) < 0)
		return nf_line_bad(err, errlen, "bad seconds");
	if (rs == 1) {
		a->ts_ns = (uint64_t)secs * 1000000000u +
		    (a->has_ts ? a->ts_ns % 1000000000u : 0);
		a->has_ts = 1;
		tc->missing_year = missing;	/* the year was not needed */
	}
	if ((s = getstr(o, "rule", &wrong)) != NULL &&
	    nf_rule_parse(s, strlen(s), a) < 0)
		return nf_line_bad(err, errlen, "bad rule '%.40s'", s);
	if ((rg = getnum(o, "gid", UINT32_MAX, &a->gid)) < 0 ||
	    (rsid = getnum(o, "sid", UINT32_MAX, &a->sid)) < 0)
		return nf_line_bad(err, errlen, "bad gid or sid");
	if (rg == 1 && rsid == 1)
		a->has_rule = 1;
	if ((r = getnum(o, "rev", UINT32_MAX, &a->rev)) < 0)
		return nf_line_bad(err, errlen, "bad rev");
	if (r == 1)
		a->has_rev = 1;
	if (!a->has_rule)
		return nf_line_bad(err, errlen, "no rule, gid or sid");
	if ((r = getnum(o, "priority", UINT32_MAX, &a->priority)) < 0)
		return nf_line_bad(err, errlen, "bad priority");
	a->has_priority = r == 1;
	if ((s = getstr(o, "msg", &wrong)) != NULL)
		nf_alert_setstr(a->msg, sizeof(a->msg), s, strlen(s));
	if ((s = getstr(o, "class", &wrong)) != NULL && strcmp(s, "none"))
		nf_alert_setstr(a->classification, sizeof(a->classification),
		    s, strlen(s));
	if (wrong)
		return nf_line_bad(err, errlen,
		    "a text member is not a string");
	if (proto(o, a, err, errlen) < 0)
		return NF_LINE_BAD;
	return common_end(o, "src_addr", "dst_addr", "src_port", "dst_port",
	    "src_ap", "dst_ap", a, err, errlen);
}

int
nf_json_line(const char *l, size_t n, struct nf_tsctx *tc,
    struct nf_alert *a, int *kind, char *err, size_t errlen)
{
	json_error_t je;
	json_t *o, *et;
	size_t i;
	int rc;

	nf_alert_clear(a);
	*kind = 0;
	for (i = 0; i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r');
	    i++)
		;
	if (i == n)
		return NF_LINE_SKIP;
	o = json_loadb(l, n, 0, &je);
	if (o == NULL)
		return nf_line_bad(err, errlen, "bad JSON at column %d: %s",
		    je.column, je.text);
	if (!json_is_object(o)) {
		json_decref(o);
		return nf_line_bad(err, errlen, "JSON value is not an object");
	}
	et = json_object_get(o, "event_type");
	if (et != NULL) {
		*kind = NF_JSON_EVE;
		if (!json_is_string(et))
			rc = nf_line_bad(err, errlen,
			    "event_type is not a string");
		else if (strcmp(json_string_value(et), "alert") != 0)
			rc = NF_LINE_SKIP;
		else
			rc = eve(o, tc, a, err, errlen);
	} else {
		*kind = NF_JSON_SNORT3;
		rc = snort3(o, tc, a, err, errlen);
	}
	json_decref(o);
	return rc;
}

int
nf_json_sniff(const char *l, size_t n)
{
	json_error_t je;
	json_t *o;
	size_t i;
	int kind;

	for (i = 0; i < n && (l[i] == ' ' || l[i] == '\t'); i++)
		;
	if (i == n || l[i] != '{')
		return 0;
	if ((o = json_loadb(l, n, 0, &je)) == NULL)
		return 0;
	kind = 0;
	if (json_is_object(o)) {
		if (json_object_get(o, "event_type") != NULL &&
		    json_object_get(o, "timestamp") != NULL)
			kind = NF_JSON_EVE;
		else if (json_object_get(o, "rule") != NULL ||
		    (json_object_get(o, "gid") != NULL &&
		    json_object_get(o, "sid") != NULL))
			kind = NF_JSON_SNORT3;
	}
	json_decref(o);
	return kind;
}
