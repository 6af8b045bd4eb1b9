/* alert.c: the common IDS alert record, its CSV output, and shared field parsers for all alert formats. */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "alert.h"

const char *const nf_alert_columns[] = {
	"ts", "gid", "sid", "rev", "msg", "classification", "priority",
	"proto", "src_ip", "src_port", "dst_ip", "dst_port",
	"is_src_internal", "is_dst_internal", NULL
};

/* Protocol names the logs use (upper-cased by Snort), with numbers. */
static const struct {
	const char	*name;
	int		 num;
} protos[] = {
	{ "ICMP", 1 }, { "IGMP", 2 }, { "GGP", 3 }, { "IPIP", 4 },
	{ "IPV4", 4 }, { "TCP", 6 }, { "EGP", 8 }, { "PUP", 12 },
	{ "UDP", 17 }, { "IDP", 22 }, { "DCCP", 33 }, { "IPV6", 41 },
	{ "IPV6-ROUTE", 43 }, { "IPV6-FRAG", 44 }, { "RSVP", 46 },
	{ "GRE", 47 }, { "ESP", 50 }, { "AH", 51 }, { "IPV6-ICMP", 58 },
	{ "ICMPV6", 58 }, { "ICMP6", 58 }, { "IPV6-NONXT", 59 },
	{ "IPV6-OPTS", 60 }, { "EIGRP", 88 }, { "OSPF", 89 },
	{ "OSPFIGP", 89 }, { "ETHERIP", 97 }, { "ENCAP", 98 }, { "PIM", 103 },
	{ "IPCOMP", 108 }, { "VRRP", 112 }, { "L2TP", 115 }, { "SCTP", 132 },
	{ "UDPLITE", 136 }, { "MPLS-IN-IP", 137 },
	{ NULL, 0 }
};

void
nf_alert_clear(struct nf_alert *a)
{
	memset(a, 0, sizeof(*a));
	a->proto = -1;
}

void
nf_alert_setstr(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

int
nf_proto_has_ports(int p)
{
	return p == NF_PROTO_TCP || p == NF_PROTO_UDP || p == 33 ||
	    p == 132 || p == 136;
}

int
nf_parse_u32n(const char *s, size_t n, uint32_t max, uint32_t *out)
{
	uint64_t v;
	size_t i;

	if (n == 0 || n > 10)
		return -1;
	v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int
nf_proto_parse(const char *s, size_t n)
{
	uint32_t v;
	size_t i;

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n > 6 && strncasecmp(s, "PROTO:", 6) == 0) {
		s += 6;
		n -= 6;
	}
	if (nf_parse_u32n(s, n, 255, &v) == 0)
		return (int)v;
	for (i = 0; protos[i].name != NULL; i++)
		if (strlen(protos[i].name) == n &&
		    strncasecmp(protos[i].name, s, n) == 0)
			return protos[i].num;
	return -1;
}

int
nf_addr_parse(const char *s, size_t n, uint8_t addr[16])
{
	char buf[64];

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(addr, 0, 16);
	if (memchr(buf, ':', n) != NULL)
		return inet_pton(AF_INET6, buf, addr) == 1 ? 6 : 0;
	return inet_pton(AF_INET, buf, addr) == 1 ? 4 : 0;
}

int
nf_endpoint_parse(const char *s, size_t n, int want_port, uint8_t addr[16],
    uint16_t *port, int *has_port)
{
	const char *c;
	uint32_t p;
	size_t al;
	int v;

	*has_port = 0;
	*port = 0;
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (want_port) {
		/* The port follows the last colon; "[v6]:port" too. */
		for (c = s + n; c > s && c[-1] != ':'; c--)
			;
		if (c > s && nf_parse_u32n(c, (size_t)(s + n - c), 65535,
		    &p) == 0) {
			al = (size_t)(c - 1 - s);
			v = nf_addr_parse(s, al, addr);
			/* "::1" alone would split into ":" and "1". */
			if (v != 0) {
				*port = (uint16_t)p;
				*has_port = 1;
				return v;
			}
		}
	}
	return nf_addr_parse(s, n, addr);
}

int
nf_rule_parse(const char *s, size_t n, struct nf_alert *a)
{
	const char *c1, *c2, *e;
	uint32_t g, si, r;

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	e = s + n;
	if ((c1 = memchr(s, ':', n)) == NULL)
		return -1;
	c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1));
	if (nf_parse_u32n(s, (size_t)(c1 - s), UINT32_MAX, &g) < 0)
		return -1;
	if (c2 == NULL) {
		if (nf_parse_u32n(c1 + 1, (size_t)(e - c1 - 1), UINT32_MAX,
		    &si) < 0)
			return -1;
		r = 0;
	} else if (nf_parse_u32n(c1 + 1, (size_t)(c2 - c1 - 1), UINT32_MAX,
	    &si) < 0 || nf_parse_u32n(c2 + 1, (size_t)(e - c2 - 1),
	    UINT32_MAX, &r) < 0)
		return -1;
	a->gid = g;
	a->sid = si;
	a->rev = r;
	a->has_rule = 1;
	a->has_rev = c2 != NULL;
	return 0;
}

void
nf_alert_csv_header(struct nf_csv *c)
{
	nf_csv_header(c, nf_alert_columns);
}

static void
internal(struct nf_csv *c, const struct nf_cidrset *home, int v,
    const uint8_t *addr)
{
	if (home == NULL || v == 0)
		nf_csv_empty(c);
	else
		nf_csv_u64(c, (uint64_t)nf_cidrset_contains(home, v, addr));
}

void
nf_alert_csv_row(struct nf_csv *c, const struct nf_alert *a,
    const struct nf_cidrset *home)
{
	int ports;

	if (a->has_ts)
		nf_csv_ts_us(c, a->ts_ns);
	else
		nf_csv_empty(c);
	if (a->has_rule) {
		nf_csv_u64(c, a->gid);
		nf_csv_u64(c, a->sid);
	} else {
		nf_csv_empty(c);
		nf_csv_empty(c);
	}
	if (a->has_rev)
		nf_csv_u64(c, a->rev);
	else
		nf_csv_empty(c);
	nf_csv_str(c, a->msg);
	nf_csv_str(c, a->classification);
	if (a->has_priority)
		nf_csv_u64(c, a->priority);
	else
		nf_csv_empty(c);
	switch (a->proto) {
	case NF_PROTO_TCP:
		nf_csv_str(c, "TCP");
		break;
	case NF_PROTO_UDP:
		nf_csv_str(c, "UDP");
		break;
	case NF_PROTO_ICMP:
		nf_csv_str(c, "ICMP");
		break;
	case -1:
		nf_csv_empty(c);
		break;
	default:
		nf_csv_u64(c, (uint64_t)a->proto);
		break;
	}
	ports = a->has_ports && nf_proto_has_ports(a->proto);
	nf_csv_addr(c, a->ip_version, a->src);
	if (ports)
		nf_csv_u64(c, a->sport);
	else
		nf_csv_empty(c);
	nf_csv_addr(c, a->ip_version, a->dst);
	if (ports)
		nf_csv_u64(c, a->dport);
	else
		nf_csv_empty(c);
	internal(c, home, a->ip_version, a->src);
	internal(c, home, a->ip_version, a->dst);
	nf_csv_eol(c);
}
