/* kdd_service.h: KDD service names from ports and ICMP type/code, and FTP data-connection learning. */
#ifndef NF_KDD_SERVICE_H
#define NF_KDD_SERVICE_H

#include <stddef.h>
#include <stdint.h>

/*
 * A service is a small index into one name table (kdd_service_name).
 * TCP ports map through the KDD table of ../shared/spec/kdd.md section 4,
 * UDP has only domain_u, tftp_u and ntp_u; unnamed ports are "private" or
 * "other" by the private rule.  ICMP (and ICMPv6) map by type/code.
 */
enum kdd_private_rule {
	KDD_PRIV_LT1024 = 0,	/* unnamed port < 1024 -> private (default) */
	KDD_PRIV_GE49152	/* unnamed port >= 49152 -> private (reference) */
};

#define KDD_PROTO_ICMP		1
#define KDD_PROTO_TCP		6
#define KDD_PROTO_UDP		17
#define KDD_PROTO_ICMP6		58

/* Number of service names; indices are 0 .. KDD_NSERVICES-1. */
extern const int kdd_nservices;

const char *kdd_service_name(int svc);
/* Index of a name, or -1. */
int	kdd_service_find(const char *name);
/* Service of a TCP/UDP connection by responder port (rule: private rule). */
int	kdd_service_port(int proto, uint16_t port, int rule);
/* Service of an ICMP (proto 1) or ICMPv6 (proto 58) message. */
int	kdd_service_icmp(int proto, uint8_t type, uint8_t code);
int	kdd_service_ftp_data(void);

/*
 * The "same service" key for the traffic features: finer than the name.
 * TCP/UDP: protocol and responder port; ICMP: protocol and type.
 */
uint32_t kdd_service_key(int proto, uint16_t port_or_type);

/*
 * FTP data-connection expectations learned from the control channel
 * (PORT, EPRT commands; 227, 229 replies): a direct-mapped table of
 * KDD_FTPX_SLOTS (responder address, port) slots, overwritten on
 * collision, each valid for KDD_FTPX_TTL_NS.  Memory is fixed.
 */
#define KDD_FTPX_SLOTS	4096
#define KDD_FTPX_TTL_NS	(300ULL * 1000000000ULL)

struct kdd_ftpx_slot {
	uint64_t ts_ns;
	uint8_t	 addr[16];
	uint16_t port;
	uint8_t	 ipver;
	uint8_t	 used;
};

struct kdd_ftpx {
	struct kdd_ftpx_slot slot[KDD_FTPX_SLOTS];
	uint64_t learned;	/* expectations added */
	uint64_t matched;	/* connections labeled ftp_data by them */
	uint64_t nused;		/* slots in use: none, no lookup */
};

void	kdd_ftpx_init(struct kdd_ftpx *);
void	kdd_ftpx_add(struct kdd_ftpx *, int ipver, const uint8_t addr[16],
	    uint16_t port, uint64_t ts_ns);
/* 1 (and the slot is consumed) if a connection to addr:port was expected. */
int	kdd_ftpx_match(struct kdd_ftpx *, int ipver, const uint8_t addr[16],
	    uint16_t port, uint64_t ts_ns);

/*
 * Parse one FTP control line for a data port.  Client lines: "PORT
 * h1,h2,h3,h4,p1,p2", "EPRT |af|addr|port|"; server lines: "227 ...
 * (h1,h2,h3,h4,p1,p2)", "229 ... (|||port|)".  Returns 1 with *port set,
 * else 0.  The data connection's responder is the control client for
 * PORT/EPRT and the control server for 227/229 (the addresses in the
 * text are not used, so NAT does not matter).
 */
int	kdd_ftp_parse(const char *line, size_t len, int from_server,
	    uint16_t *port);

#endif
