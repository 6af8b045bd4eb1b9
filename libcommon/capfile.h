/* capfile.h: read pcap (through libpcap) and pcapng capture files as frames with their own link type and offsets. */
#ifndef NF_CAPFILE_H
#define NF_CAPFILE_H

#include <stddef.h>
#include <stdint.h>

/*
 * One captured frame, the common currency of every capture source (file
 * or, later, live device): pcap2pkt's main loop decodes these whatever
 * produced them.  data is valid until the source's next call.
 */
struct nf_capframe {
	uint64_t	 ts_ns;		/* ns since 1970 UTC */
	const uint8_t	*data;
	uint32_t	 caplen;	/* bytes in data */
	uint32_t	 wirelen;	/* length on the wire */
	uint32_t	 linktype;	/* LINKTYPE_* value (as in the file) */
	uint32_t	 ifindex;	/* interface number within the source */
	uint32_t	 status;	/* NF_ST_BAD_TS when the stored time was
					 * impossible (fraction >= 1 s, ...) */
};

/* An interface of a capture source. */
struct nf_capiface {
	uint32_t	 linktype;	/* LINKTYPE_* value */
	uint32_t	 snaplen;
};

/*
 * A capture file.  pcap files are read by libpcap (nanosecond precision);
 * pcapng files by a small bounds-checked block parser here, because
 * libpcap 1.10 refuses a pcapng file whose interfaces have different link
 * types, and each packet must be decoded by its own interface's link type.
 */
struct nf_capfile;

/*
 * Open path (NULL or "-" is standard input, named "<stdin>").  Reads the
 * file header and, for pcapng, every block up to the first packet, so the
 * interfaces are known before the first frame.  Returns NULL with a
 * message in err when the file cannot be opened or read (strerror in the
 * message) or memory runs out.  A corrupt file (bad magic, truncated
 * header, ...) still opens, with no interfaces: its first
 * nf_capfile_next() returns -1 with "corrupt capture 'F' at offset N:
 * ...", so the inputs before it are processed first.
 */
struct nf_capfile *nf_capfile_open(const char *path, char *err,
	    size_t errlen);

/* Display name ("<stdin>" for standard input). */
const char *nf_capfile_name(const struct nf_capfile *);

/* Interfaces known so far (pcap: exactly one; pcapng: one per IDB seen,
 * across sections).  The pointer is valid until the next call. */
size_t	nf_capfile_niface(const struct nf_capfile *);
const struct nf_capiface *nf_capfile_iface(const struct nf_capfile *,
	    size_t i);

/*
 * Next frame.  Returns 1 with *fr set, 0 at a clean end of file, or -1
 * on a corrupt or unreadable file: nf_capfile_error() then names the file
 * and the byte offset of the bad record.
 */
int	nf_capfile_next(struct nf_capfile *, struct nf_capframe *fr);
const char *nf_capfile_error(const struct nf_capfile *);

/* Bytes of the file consumed so far, and its size (0 if unknown, e.g. a
 * pipe).  For progress display. */
uint64_t nf_capfile_offset(const struct nf_capfile *);
uint64_t nf_capfile_size(const struct nf_capfile *);

void	nf_capfile_close(struct nf_capfile *);

/*
 * A timestamp stored as seconds (a 32-bit field; negative values are the
 * unsigned field read as signed) and a fraction in ns.  A fraction outside
 * [0, 1e9) is invalid: *bad is set, a fraction >= 1 s is carried into the
 * seconds and a negative one taken as 0.  Returns ns since 1970.
 */
uint64_t nf_cap_ts(int64_t sec, int64_t nsec, int *bad);

/*
 * A BPF filter expression compiled lazily once per link type (like
 * tcpdump's, applied with pcap_offline_filter to every frame whatever its
 * source).  expr NULL or "" matches everything.
 */
struct nf_bpfprog;

struct nf_capfilter {
	char		*expr;
	struct nf_bpfprog *prog;	/* one per link type seen */
	size_t		 nprog;
	char		 err[512];
};

/* 0, or -1 on ENOMEM.  expr is copied. */
int	nf_capfilter_init(struct nf_capfilter *, const char *expr);
/*
 * Compile for linktype now (to report a bad expression before reading).
 * 0, or -1 with the message in f->err.
 */
int	nf_capfilter_prepare(struct nf_capfilter *, uint32_t linktype);
/* 1 match, 0 no match, -1 the expression does not compile for this link
 * type (message in f->err). */
int	nf_capfilter_match(struct nf_capfilter *, const struct nf_capframe *);
void	nf_capfilter_free(struct nf_capfilter *);

/* The DLT value libpcap uses for a LINKTYPE value (for pcap_open_dead). */
int	nf_linktype_to_dlt(uint32_t linktype);

#endif
