/* live.h: live capture from a network interface (libpcap), device listing, privilege drop. */
#ifndef NF_LIVE_H
#define NF_LIVE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "capfile.h"

struct nf_live;

/* Default snap length for live capture: the largest header stack we
 * decode (link layer, 4 VLAN tags, MPLS, IPv6 with extension headers, TCP
 * with options) plus the payload snippet. */
#define NF_LIVE_HDR_SNAP	256

/*
 * Open dev ("any", "auto" = the device nf_live_auto() picks, or a name)
 * in immediate mode with a short timeout, set snaplen, the kernel buffer
 * (bufsize bytes, 0 = libpcap's default) and the BPF filter (may be NULL),
 * compiled for the device and run in the kernel.  Returns NULL with a
 * message in err; a permission failure names CAP_NET_RAW.
 */
struct nf_live *nf_live_open(const char *dev, uint32_t snaplen,
	    uint32_t bufsize, const char *filter, char *err, size_t errlen);
const char *nf_live_name(const struct nf_live *);
uint32_t nf_live_linktype(const struct nf_live *);
uint32_t nf_live_snaplen(const struct nf_live *);

/*
 * Wait at most timeout_ms for a frame.  1: a frame in *fr (valid until the
 * next call; ifindex 0); 0: none arrived (timeout, or a signal
 * interrupted the wait: the caller checks its flags); -1: capture error
 * (message from nf_live_error()).
 */
int	nf_live_next(struct nf_live *, struct nf_capframe *fr, int timeout_ms);
const char *nf_live_error(const struct nf_live *);

/* Kernel counters (pcap_stats): received, dropped by the kernel, dropped
 * by the interface.  0, or -1 if the platform has none. */
int	nf_live_stats(struct nf_live *, uint64_t *recv, uint64_t *drop,
	    uint64_t *ifdrop);
void	nf_live_close(struct nf_live *);

/*
 * The device "auto" means: up, running, not loopback, with an address;
 * among several, the one with the most traffic so far (received +
 * transmitted bytes in /sys/class/net/NAME/statistics).  Copies its name
 * into name; 0, or -1 with a message in err.
 */
int	nf_live_auto(char *name, size_t size, char *err, size_t errlen);

/* List devices like tcpdump -D, marking the one "auto" picks.  0 or -1. */
int	nf_live_list(FILE *fp, char *err, size_t errlen);

/*
 * Drop root privileges to user (as tcpdump -Z): supplementary groups,
 * gid, uid; "root" keeps them.  Does nothing unless running as root.
 * 0, or -1 with a message in err.
 */
int	nf_drop_privileges(const char *user, char *err, size_t errlen);

/* Wall-clock time now, ns since 1970 (for TICK records in live mode). */
uint64_t nf_now_ns(void);

#endif
