/* alert.h: the common IDS alert record, its CSV output, and shared field parsers for all alert formats. */
#ifndef NF_ALERT_H
#define NF_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include "cidrset.h"
#include "csvout.h"

/* Longest message and classification kept (longer text is cut). */
#define NF_ALERT_MSG_MAX	512
#define NF_ALERT_CLASS_MAX	256

/* Protocol numbers with names of their own in the output. */
#define NF_PROTO_ICMP	1
#define NF_PROTO_TCP	6
#define NF_PROTO_UDP	17
#define NF_PROTO_ICMP6	58

/*
 * One alert, whatever format it came from.  Strings are NUL-terminated
 * copies owned by the record.  has_* flags tell which optional fields the
 * log had; a field without its flag prints empty.
 */
struct nf_alert {
	uint64_t	ts_ns;		/* epoch nanoseconds (UTC) */
	uint32_t	gid, sid, rev;
	uint32_t	priority;
	uint32_t	class_id;	/* unified2 classification id */
	int16_t		proto;		/* 0-255, or -1 unknown */
	uint16_t	sport, dport;
	uint8_t		ip_version;	/* 0 (no address), 4 or 6 */
	uint8_t		src[16], dst[16];
	uint8_t		has_ts, has_rule, has_rev, has_priority;
	uint8_t		has_ports, has_class_id;
	char		msg[NF_ALERT_MSG_MAX];
	char		classification[NF_ALERT_CLASS_MAX];
};

void	nf_alert_clear(struct nf_alert *);

/*
 * Output columns, one table: ts,gid,sid,rev,msg,classification,priority,
 * proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal.
 */
extern const char *const nf_alert_columns[];

/* Header row. */
void	nf_alert_csv_header(struct nf_csv *);
/*
 * One row.  home may be NULL (no HOME_NET: the two is_*_internal columns
 * print empty).  Ports print only for protocols that have them (TCP, UDP,
 * SCTP, DCCP, UDP-Lite).
 */
void	nf_alert_csv_row(struct nf_csv *, const struct nf_alert *,
	    const struct nf_cidrset *home);

/* 1 if protocol number p carries ports. */
int	nf_proto_has_ports(int p);

/*
 * Protocol text as the logs write it: "TCP", "udp", "ICMP", "IPV6-ICMP",
 * "ICMPv6", "PROTO:255", "PROTO:047", "255", "GRE" ...  Returns 0-255, or
 * -1 if unknown (Snort 3's "IP" for instance).  n is the text length.
 */
int	nf_proto_parse(const char *s, size_t n);

/*
 * Address text (IPv4 or IPv6, RFC 5952 or not, optional [brackets]) of
 * length n into addr; returns the IP version 4 or 6, or 0 if not an address.
 */
int	nf_addr_parse(const char *s, size_t n, uint8_t addr[16]);

/*
 * "ADDR:PORT" or "ADDR" as Snort writes endpoints (IPv6 too: the port
 * follows the last colon when want_port is set).  Returns the IP version
 * (0 on error); *port is set and *has_port 1 when a port was present.
 */
int	nf_endpoint_parse(const char *s, size_t n, int want_port,
	    uint8_t addr[16], uint16_t *port, int *has_port);

/* Unsigned decimal of length n within [0, max]; -1 on error. */
int	nf_parse_u32n(const char *s, size_t n, uint32_t max, uint32_t *out);

/* "gid:sid:rev" (also "gid:sid") into a; returns 0 or -1. */
int	nf_rule_parse(const char *s, size_t n, struct nf_alert *a);

/* Copy n bytes of text into a bounded field, cutting at size - 1. */
void	nf_alert_setstr(char *dst, size_t size, const char *s, size_t n);

#endif
