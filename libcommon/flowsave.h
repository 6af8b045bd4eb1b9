/* flowsave.h: write each flow's packets to its own capture file (flow2pcap). */
#ifndef NF_FLOWSAVE_H
#define NF_FLOWSAVE_H

#include <stddef.h>
#include <stdint.h>

#include "idmap.h"
#include "pcapout.h"
#include "record.h"

/*
 * Per flow, packets are encoded as capture records into a memory buffer
 * from FLOW_BEGIN until FLOW_END; then the file is written under a
 * temporary name (".NAME.part" in the directory) and renamed to NAME, so a
 * file that looks complete always is.  A flow whose buffer passes
 * NF_FS_FLOW_BUF, or any flow while all buffers together pass
 * NF_FS_TOTAL_BUF, spills: its records so far go to its temporary file and
 * later ones are appended as they come.  At most max_open temporary files
 * are open at once; the least recently written is closed and reopened in
 * append mode when needed (an LRU list).  Flows are found by flow id in an
 * idmap.
 */
#define NF_FS_FLOW_BUF	(1U << 20)	/* bytes buffered per flow */
#define NF_FS_TOTAL_BUF	(256U << 20)	/* bytes buffered in all */
#define NF_FS_MAX_OPEN	64		/* open spill files */

struct fs_flow;

struct nf_flowsave {
	const char	*dir;
	const char	*pattern;	/* see nf_flowsave_name() */
	int		 fmt;		/* NF_CAPFMT_* */
	uint64_t	 min_packets;
	size_t		 max_open;
	const struct nf_header *hdr;	/* interfaces: link types, snaplens */
	struct nf_idmap	 flows;
	struct fs_flow	*lru_head;	/* most recently written open file */
	struct fs_flow	*lru_tail;
	size_t		 nopen;
	size_t		 buffered;	/* bytes in all flow buffers */
	/* counters */
	uint64_t	 files;		/* capture files completed */
	uint64_t	 packets;	/* packets written */
	uint64_t	 small;		/* flows under min_packets, not written */
	uint64_t	 spilled;	/* flows that streamed to disk */
	uint64_t	 reopened;	/* spill files closed and reopened */
	uint64_t	 orphans;	/* PKT without FLOW_BEGIN (flow created) */
	uint64_t	 untagged;	/* PKT with flow id 0 (not IP), skipped */
	uint64_t	 lt_mismatch;	/* pcap: other link type than the file */
	char		 errmsg[512];
};

/* 0, or -1 (ENOMEM). */
int	nf_flowsave_init(struct nf_flowsave *, const char *dir,
	    const char *pattern, int fmt, uint64_t min_packets,
	    const struct nf_header *hdr);
/* Each returns 0, or -1 with errmsg set (file error: name and strerror). */
int	nf_flowsave_begin(struct nf_flowsave *, const struct nf_flow *);
int	nf_flowsave_pkt(struct nf_flowsave *, const struct nf_pkt *);
int	nf_flowsave_end(struct nf_flowsave *, const struct nf_flow *);
/* Complete every open flow (truncated input) with the given reason. */
int	nf_flowsave_end_all(struct nf_flowsave *, int reason);
/* Remove every temporary file and free everything (error exit). */
void	nf_flowsave_abort(struct nf_flowsave *);
void	nf_flowsave_free(struct nf_flowsave *);

/*
 * Expand a name pattern for a flow into buf (size bytes): %t start time
 * UTC (20170703T115558.598000Z), %T start epoch ns, %p protocol (tcp, udp,
 * icmp, icmp6 or the number), %s %d originator and responder address
 * (IPv6 ':' written as '-'), %S %D their ports, %i flow id, %r end
 * reason, %% a percent sign.  Returns 0, or -1 if the result does not fit
 * or the pattern is bad (unknown %x, or '/').
 */
int	nf_flowsave_name(const char *pattern, const struct nf_flow *,
	    char *buf, size_t size);

#endif
