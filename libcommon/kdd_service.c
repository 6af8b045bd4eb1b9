/* kdd_service.c: KDD service names from ports and ICMP type/code, and FTP data-connection learning. */
#include <string.h>

#include "kdd_service.h"

/*
 * All service names flow2kdd can print: the 70 of the KDD'99 files
 * (section 4 of the spec) plus oth_i (NSL-KDD).  harvest and pm_dump have
 * no known port and are never produced.
 */
static const char *const names[] = {
	"other", "private", "ftp_data",
	/* ICMP */
	"ecr_i", "eco_i", "urp_i", "urh_i", "red_i", "tim_i", "oth_i",
	/* UDP */
	"domain_u", "tftp_u", "ntp_u",
	/* TCP */
	"echo", "discard", "systat", "daytime", "netstat", "ftp", "ssh",
	"telnet", "smtp", "time", "name", "whois", "domain", "mtp",
	"sql_net", "gopher", "remote_job", "rje", "finger", "http", "ctf",
	"link", "supdup", "hostnames", "iso_tsap", "csnet_ns", "pop_2",
	"pop_3", "sunrpc", "auth", "uucp_path", "nntp", "netbios_ns",
	"netbios_dgm", "netbios_ssn", "imap4", "vmnet", "bgp", "IRC",
	"Z39_50", "ldap", "nnsp", "http_443", "exec", "login", "shell",
	"printer", "efs", "courier", "uucp", "klogin", "kshell",
	"http_2784", "aol", "X11", "http_8001", "harvest", "pm_dump",
};

const int kdd_nservices = (int)(sizeof(names) / sizeof(names[0]));

/* TCP port ranges and their names, the KDD table (spec section 4). */
static const struct {
	uint16_t	 lo, hi;
	const char	*name;
} tcp_ports[] = {
	{ 7, 7, "echo" }, { 9, 9, "discard" }, { 11, 11, "systat" },
	{ 13, 13, "daytime" }, { 15, 15, "netstat" },
	{ 20, 20, "ftp_data" }, { 21, 21, "ftp" }, { 22, 22, "ssh" },
	{ 23, 23, "telnet" }, { 25, 25, "smtp" }, { 37, 37, "time" },
	{ 42, 42, "name" }, { 43, 43, "whois" }, { 53, 53, "domain" },
	{ 57, 57, "mtp" }, { 66, 66, "sql_net" }, { 70, 70, "gopher" },
	{ 71, 74, "remote_job" }, { 77, 77, "rje" }, { 79, 79, "finger" },
	{ 80, 80, "http" }, { 84, 84, "ctf" }, { 87, 87, "link" },
	{ 95, 95, "supdup" }, { 101, 101, "hostnames" },
	{ 102, 102, "iso_tsap" }, { 105, 105, "csnet_ns" },
	{ 109, 109, "pop_2" }, { 110, 110, "pop_3" },
	{ 111, 111, "sunrpc" }, { 113, 113, "auth" },
	{ 117, 117, "uucp_path" }, { 119, 119, "nntp" },
	{ 137, 137, "netbios_ns" }, { 138, 138, "netbios_dgm" },
	{ 139, 139, "netbios_ssn" }, { 143, 143, "imap4" },
	{ 150, 150, "sql_net" }, { 175, 175, "vmnet" }, { 179, 179, "bgp" },
	{ 194, 194, "IRC" }, { 210, 210, "Z39_50" }, { 389, 389, "ldap" },
	{ 433, 433, "nnsp" }, { 443, 443, "http_443" }, { 512, 512, "exec" },
	{ 513, 513, "login" }, { 514, 514, "shell" },
	{ 515, 515, "printer" }, { 520, 520, "efs" },
	{ 530, 530, "courier" }, { 540, 540, "uucp" },
	{ 543, 543, "klogin" }, { 544, 544, "kshell" },
	{ 2784, 2784, "http_2784" }, { 5190, 5190, "aol" },
	{ 6000, 6063, "X11" }, { 6665, 6669, "IRC" },
	{ 8001, 8001, "http_8001" },
};

const char *
kdd_service_name(int svc)
{
	if (svc < 0 || svc >= kdd_nservices)
		return "other";
	return names[svc];
}

int
kdd_service_find(const char *name)
{
	int i;

	for (i = 0; i < kdd_nservices; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int
kdd_service_ftp_data(void)
{
	return 2;	/* names[2] */
}

static int
unnamed(uint16_t port, int rule)
{
	if (rule == KDD_PRIV_GE49152)
		return port >= 49152 ? 1 : 0;
	return port < 1024 ? 1 : 0;	/* names[1] private, [0] other */
}

#define NTCP	(sizeof(tcp_ports) / sizeof(tcp_ports[0]))

/* kdd_service_find() of each tcp_ports name plus 2 (0: not yet known). */
static int tcp_svc[NTCP];

int
kdd_service_port(int proto, uint16_t port, int rule)
{
	size_t i;

	if (proto == KDD_PROTO_UDP) {
		switch (port) {
		case 53:
			return kdd_service_find("domain_u");
		case 69:
			return kdd_service_find("tftp_u");
		case 123:
			return kdd_service_find("ntp_u");
		default:
			return unnamed(port, rule);
		}
	}
	if (proto != KDD_PROTO_TCP)
		return unnamed(port, rule);
	for (i = 0; i < NTCP; i++)
		if (port >= tcp_ports[i].lo && port <= tcp_ports[i].hi) {
			/* Each range's name is looked up once. */
			if (tcp_svc[i] == 0)
				tcp_svc[i] = kdd_service_find(tcp_ports[i].name) +
				    2;
			return tcp_svc[i] - 2;
		}
	return unnamed(port, rule);
}

/*
 * ICMP: echo reply 0 -> ecr_i, echo request 8 -> eco_i, unreachable
 * port 3/3 -> urp_i, unreachable host 3/1 -> urh_i, redirect 5 -> red_i,
 * time exceeded 11 -> tim_i, anything else -> oth_i.  ICMPv6 by analogy:
 * 129, 128, 1/4 (port), 1/3 (address), 137, 3.
 */
int
kdd_service_icmp(int proto, uint8_t type, uint8_t code)
{
	const char *n = "oth_i";

	if (proto == KDD_PROTO_ICMP6) {
		if (type == 129)
			n = "ecr_i";
		else if (type == 128)
			n = "eco_i";
		else if (type == 1 && code == 4)
			n = "urp_i";
		else if (type == 1 && code == 3)
			n = "urh_i";
		else if (type == 137)
			n = "red_i";
		else if (type == 3)
			n = "tim_i";
	} else {
		if (type == 0)
			n = "ecr_i";
		else if (type == 8)
			n = "eco_i";
		else if (type == 3 && code == 3)
			n = "urp_i";
		else if (type == 3 && code == 1)
			n = "urh_i";
		else if (type == 5)
			n = "red_i";
		else if (type == 11)
			n = "tim_i";
	}
	return kdd_service_find(n);
}

uint32_t
kdd_service_key(int proto, uint16_t port_or_type)
{
	return ((uint32_t)(proto & 0xff) << 16) | port_or_type;
}

/* --- FTP data expectations ------------------------------------------ */

void
kdd_ftpx_init(struct kdd_ftpx *x)
{
	memset(x, 0, sizeof(*x));
}

static uint32_t
ftpx_slot(const uint8_t addr[16], uint16_t port)
{
	uint32_t h = 2166136261U;
	int i;

	for (i = 0; i < 16; i++)
		h = (h ^ addr[i]) * 16777619U;
	h = (h ^ (port & 0xff)) * 16777619U;
	h = (h ^ (port >> 8)) * 16777619U;
	return h & (KDD_FTPX_SLOTS - 1);
}

void
kdd_ftpx_add(struct kdd_ftpx *x, int ipver, const uint8_t addr[16],
    uint16_t port, uint64_t ts_ns)
{
	struct kdd_ftpx_slot *s = &x->slot[ftpx_slot(addr, port)];

	memcpy(s->addr, addr, 16);
	s->port = port;
	s->ipver = (uint8_t)ipver;
	s->ts_ns = ts_ns;
	x->nused += !s->used;
	s->used = 1;
	x->learned++;
}

int
kdd_ftpx_match(struct kdd_ftpx *x, int ipver, const uint8_t addr[16],
    uint16_t port, uint64_t ts_ns)
{
	struct kdd_ftpx_slot *s;

	/* Every new TCP connection asks; most captures have no FTP. */
	if (x->nused == 0)
		return 0;
	s = &x->slot[ftpx_slot(addr, port)];
	if (!s->used || s->port != port || s->ipver != ipver ||
	    memcmp(s->addr, addr, 16) != 0)
		return 0;
	s->used = 0;
	x->nused--;
	if (ts_ns > s->ts_ns && ts_ns - s->ts_ns > KDD_FTPX_TTL_NS)
		return 0;
	x->matched++;
	return 1;
}

/* Read up to max comma-separated decimal numbers (each <= 255 or 65535)
 * from p; returns how many were read. */
static int
numbers(const char *p, const char *end, char sep, unsigned *v, int max,
    unsigned lim)
{
	int n = 0;
	unsigned cur;
	int digits;

	while (n < max && p < end) {
		cur = 0;
		digits = 0;
		while (p < end && *p >= '0' && *p <= '9' && digits < 6) {
			cur = cur * 10 + (unsigned)(*p - '0');
			p++;
			digits++;
		}
		if (digits == 0 || cur > lim)
			return n;
		v[n++] = cur;
		if (p < end && *p == sep)
			p++;
		else
			break;
	}
	return n;
}

static int
prefix_ci(const char *line, size_t len, const char *pfx)
{
	size_t n = strlen(pfx), i;

	if (len < n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = line[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != pfx[i])
			return 0;
	}
	return 1;
}

/*
 * The port of an extended address (RFC 2428) at p: |af|addr|port| with
 * any delimiter, the one at p, and the port in field 4.  1 with *port
 * set, or 0 when there is none or it is 0.
 */
static int
ext_port(const char *p, const char *end, uint16_t *port)
{
	unsigned v[1];
	char d;
	int field = 0;

	if (p >= end)
		return 0;
	d = *p;
	for (; p < end && field < 3; p++)
		if (*p == d)
			field++;
	if (field != 3)
		return 0;
	if (numbers(p, end, d, v, 1, 65535) != 1 || v[0] == 0)
		return 0;
	*port = (uint16_t)v[0];
	return 1;
}

int
kdd_ftp_parse(const char *line, size_t len, int from_server, uint16_t *port)
{
	const char *p, *end = line + len;
	unsigned v[6];
	int n;

	if (!from_server && prefix_ci(line, len, "PORT ")) {
		p = line + 5;
		while (p < end && *p == ' ')
			p++;
		n = numbers(p, end, ',', v, 6, 255);
		if (n != 6)
			return 0;
		*port = (uint16_t)(v[4] << 8 | v[5]);
		return *port != 0;
	}
	if (!from_server && prefix_ci(line, len, "EPRT ")) {
		/* EPRT |af|addr|port| (RFC 2428): the port is field 4. */
		p = line + 5;
		while (p < end && *p == ' ')
			p++;
		return ext_port(p, end, port);
	}
	if (from_server && len >= 4 && memcmp(line, "227 ", 4) == 0) {
		/* The six numbers follow the first digit after the code,
		 * usually inside parentheses (RFC 959 leaves the form open). */
		for (p = line + 4; p < end; p++) {
			if (*p >= '0' && *p <= '9') {
				n = numbers(p, end, ',', v, 6, 255);
				if (n == 6) {
					*port = (uint16_t)(v[4] << 8 | v[5]);
					return *port != 0;
				}
				while (p < end && *p != ' ' && *p != '(')
					p++;
			}
		}
		return 0;
	}
	if (from_server && len >= 4 && memcmp(line, "229 ", 4) == 0) {
		/* 229 Entering Extended Passive Mode (|||port|) */
		p = memchr(line, '(', len);
		if (p == NULL || end - p < 5)
			return 0;
		return ext_port(p + 1, end, port);
	}
	return 0;
}
