/* capfile.c: read pcap (through libpcap) and pcapng capture files as frames with their own link type and offsets. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capfile.h"
#include "record.h"
#include "util.h"

#define NS	1000000000ULL

/* Tunables. */
#define PCAPNG_MAXBLOCK	(16U << 20)	/* largest pcapng block accepted */
#define PCAPNG_MAXIF	65536		/* interfaces per file */

/* Magic numbers of the first four bytes. */
#define MAGIC_PCAP_US	0xa1b2c3d4U
#define MAGIC_PCAP_NS	0xa1b23c4dU
#define MAGIC_PCAP_KUZ	0xa1b2cd34U	/* "modified" pcap (Kuznetzov) */
#define MAGIC_PCAPNG	0x0a0d0d0aU	/* SHB block type, palindromic */
#define PCAPNG_BOM	0x1a2b3c4dU

/* pcapng block types. */
#define BT_IDB	0x00000001U
#define BT_PB	0x00000002U	/* obsolete Packet Block */
#define BT_SPB	0x00000003U
#define BT_EPB	0x00000006U
#define BT_SHB	0x0a0d0d0aU

enum { FMT_PCAP = 1, FMT_PCAPNG = 2 };

/* A pcapng interface of the current section. */
struct ngif {
	int64_t		 tsoffset;	/* if_tsoffset, seconds */
	uint32_t	 linktype;
	uint32_t	 snaplen;
	uint32_t	 index;		/* file-wide interface number */
	uint8_t		 tsres;		/* if_tsresol byte (default 6) */
};

#define CAP_STDIO_BUF	(1U << 18)

struct nf_capfile {
	char		*name;
	FILE		*fp;		/* the file itself */
	char		*iobuf;		/* fp's stdio buffer, or NULL */
	FILE		*replay;	/* pcap from a pipe: peeked bytes + fp */
	pcap_t		*pcap;
	int		 format;
	int		 swap;		/* pcapng: section is big-endian */
	int		 pending;	/* pcapng: a packet block waits in blk */
	int		 failed;
	int		 plain;	/* pcap 2.4, 16-byte record headers */
	int		 lazy;		/* plain pcap in a regular file */
	int		 pswap;		/* pcap: other byte order */
	int		 unsure;	/* lazy: off assumed since syncoff */
	uint64_t	 syncoff;	/* lazy: a record offset known exact */
	uint64_t	 nsince;	/* lazy: records read after syncoff */
	int		 regular;	/* a regular file (seekable, sized) */
	int		 rawfd;		/* a pipe: read(2) it, or -1 */
	uint32_t	 pcapsnap;	/* pcap: libpcap's snapshot length */
	uint8_t		 pre[24];	/* bytes peeked at open */
	size_t		 npre;
	size_t		 ppre;		/* pcapng: pre bytes already used */
	uint64_t	 off;		/* pcapng: offset of the next byte */
	uint64_t	 recoff;	/* offset of the current record */
	uint64_t	 rpos;		/* replay stream position */
	uint64_t	 size;
	uint64_t	 lastts;	/* SPB has no time: the previous one */
	struct nf_capiface *ifs;	/* every interface of the file */
	size_t		 nifs;
	struct ngif	*sif;		/* interfaces of the current section */
	size_t		 nsif;
	uint8_t		*blk;		/* pcapng: the current block */
	size_t		 blkcap;
	uint32_t	 blklen;
	uint32_t	 blktype;
	char		 err[PCAP_ERRBUF_SIZE + 256];
};

uint64_t
nf_cap_ts(int64_t sec, int64_t nsec, int *bad)
{
	uint64_t s;

	s = (uint64_t)(uint32_t)sec;
	*bad = nsec < 0 || nsec >= (int64_t)NS;
	if (nsec < 0)
		return s * NS;
	return s * NS + (uint64_t)nsec;
}

int
nf_linktype_to_dlt(uint32_t linktype)
{
	/* The few LINKTYPE values whose DLT differs (pcap-common.c). */
	switch (linktype) {
	case 100:
		return DLT_ATM_RFC1483;
	case 101:
		return DLT_RAW;
	case 102:
		return DLT_SLIP_BSDOS;
	case 103:
		return DLT_PPP_BSDOS;
	default:
		return (int)linktype;
	}
}

static void
seterr(struct nf_capfile *cf, uint64_t off, const char *fmt, ...)
{
	char what[PCAP_ERRBUF_SIZE + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(cf->err, sizeof(cf->err),
	    "corrupt capture '%s' at offset %" PRIu64 ": %s", cf->name, off,
	    what);
	cf->failed = 1;
}

static uint32_t
rd32(const uint8_t *p, int swap)
{
	if (swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

static uint16_t
rd16(const uint8_t *p, int swap)
{
	if (swap)
		return (uint16_t)(p[0] << 8 | p[1]);
	return (uint16_t)(p[1] << 8 | p[0]);
}

static int
add_iface(struct nf_capfile *cf, uint32_t linktype, uint32_t snaplen)
{
	struct nf_capiface *n;

	if (cf->nifs >= PCAPNG_MAXIF)
		return -1;
	n = realloc(cf->ifs, (cf->nifs + 1) * sizeof(*n));
	if (n == NULL)
		return -1;
	cf->ifs = n;
	n[cf->nifs].linktype = linktype;
	n[cf->nifs].snaplen = snaplen;
	cf->nifs++;
	return 0;
}

/* --- pcap from a pipe: replay the peeked bytes, then the pipe ---------- */

static ssize_t
replay_read(void *cookie, char *buf, size_t n)
{
	struct nf_capfile *cf = cookie;
	size_t k, got;
	ssize_t r;

	if (cf->ppre < cf->npre) {
		k = cf->npre - cf->ppre;
		if (k > n)
			k = n;
		memcpy(buf, cf->pre + cf->ppre, k);
		cf->ppre += k;
		cf->rpos += k;
		return (ssize_t)k;
	}
	if (cf->rawfd >= 0) {
		/* One read(2): whatever the pipe has now. */
		do
			r = read(cf->rawfd, buf, n);
		while (r == -1 && errno == EINTR);
		if (r == -1)
			return -1;
		got = (size_t)r;
	} else {
		got = fread(buf, 1, n, cf->fp);
		if (got == 0 && ferror(cf->fp))
			return -1;
	}
	cf->rpos += got;
	return (ssize_t)got;
}

static int
replay_seek(void *cookie, off64_t *pos, int whence)
{
	struct nf_capfile *cf = cookie;

	/* Only "where am I" (ftell) is supported. */
	if (whence != SEEK_CUR || *pos != 0) {
		errno = ESPIPE;
		return -1;
	}
	*pos = (off64_t)cf->rpos;
	return 0;
}

static int
open_pcap(struct nf_capfile *cf)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	cookie_io_functions_t io = { replay_read, NULL, replay_seek, NULL };
	FILE *in;
	int swap;
	uint32_t magic, snaplen, lt;

	if (cf->npre < 24) {
		seterr(cf, 0, "truncated file header: %zu of 24 bytes",
		    cf->npre);
		return -1;
	}
	magic = rd32(cf->pre, 0);
	swap = magic != MAGIC_PCAP_US && magic != MAGIC_PCAP_NS &&
	    magic != MAGIC_PCAP_KUZ;
	snaplen = rd32(cf->pre + 16, swap);
	lt = rd32(cf->pre + 20, swap) & 0x03FFFFFFU;	/* LT_LINKTYPE */

	if (cf->regular && fseek(cf->fp, -(long)cf->npre, SEEK_CUR) == 0) {
		in = cf->fp;
	} else {
		cf->ppre = 0;
		cf->rpos = 0;
		in = fopencookie(cf, "r", io);
		if (in == NULL) {
			snprintf(cf->err, sizeof(cf->err), "'%s': %s",
			    cf->name, strerror(errno));
			return -1;
		}
		cf->replay = in;
	}
	cf->pcap = pcap_fopen_offline_with_tstamp_precision(in,
	    PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (cf->pcap == NULL) {
		seterr(cf, 0, "%s", ebuf);
		/* libpcap did not take in; cf->fp is closed with cf. */
		if (cf->replay != NULL) {
			fclose(cf->replay);
			cf->replay = NULL;
		}
		return -1;
	}
	cf->off = 24;
	/* Version 2.4 with 16-byte record headers: lengths never swapped. */
	cf->plain = magic != MAGIC_PCAP_KUZ &&
	    rd32(cf->pre, 1) != MAGIC_PCAP_KUZ &&
	    rd16(cf->pre + 4, swap) == 2 && rd16(cf->pre + 6, swap) == 4;
	cf->pcapsnap = (uint32_t)pcap_snapshot(cf->pcap);
	cf->lazy = cf->plain && cf->replay == NULL;
	cf->pswap = swap;
	cf->syncoff = cf->off;
	/* libpcap owns (and closes) in now. */
	if (cf->replay == NULL)
		cf->fp = NULL;
	if (add_iface(cf, lt, snaplen) == -1) {
		snprintf(cf->err, sizeof(cf->err), "out of memory");
		return -1;
	}
	return 0;
}

/*
 * Lazy offsets (plain pcap in a regular file).  A record whose caplen is
 * the snapshot length may have been cut by libpcap from a longer one
 * (a file whose records exceed its snaplen), so its true length is not
 * known; instead of asking the stream (ftell) after each such record,
 * which costs more than decoding it, the offset is assumed uncut and
 * "unsure" until a sync: every LAZY_SYNC records, when the offset is
 * asked for (nf_capfile_offset), or on an error, where the record
 * headers after the last exact offset are read again (pread) so the
 * message names the exact offset.
 */
#define LAZY_SYNC	4096

static void
lazy_sync(struct nf_capfile *cf)
{
	long pos;

	if ((pos = ftell(pcap_file(cf->pcap))) < 0)
		return;
	cf->off = (uint64_t)pos;
	cf->syncoff = cf->off;
	cf->nsince = 0;
	cf->unsure = 0;
}

/* The exact offset after the records read since syncoff, from their
 * headers in the file; the assumed one if they cannot be read. */
static uint64_t
lazy_exact(struct nf_capfile *cf)
{
	uint8_t h[16];
	uint64_t off = cf->syncoff, i;
	int fd = fileno(pcap_file(cf->pcap));

	for (i = 0; i < cf->nsince; i++) {
		if (pread(fd, h, sizeof(h), (off_t)off) != (ssize_t)sizeof(h))
			return cf->off;
		off += 16 + (uint64_t)rd32(h + 8, cf->pswap);
	}
	return off;
}

static int
next_pcap(struct nf_capfile *cf, struct nf_capframe *fr)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	long pos;
	int r, bad;

	cf->recoff = cf->off;
	r = pcap_next_ex(cf->pcap, &h, &data);
	if (r == 1) {
		/*
		 * The next record follows this one's 16-byte header and
		 * data, unless libpcap may have cut the data to the
		 * snapshot length (then the offset is lazy, see above) or
		 * the file is of an old or "modified" kind (then ask the
		 * stream).
		 */
		if (cf->plain && (h->caplen < cf->pcapsnap ||
		    (h->caplen == cf->pcapsnap && h->len == h->caplen)))
			cf->off += 16 + (uint64_t)h->caplen;
		else if (cf->lazy) {
			cf->off += 16 + (uint64_t)h->caplen;
			cf->unsure = 1;
		} else if ((pos = ftell(pcap_file(cf->pcap))) >= 0)
			cf->off = (uint64_t)pos;
		if (!cf->unsure)
			cf->syncoff = cf->off;
		else if (++cf->nsince >= LAZY_SYNC)
			lazy_sync(cf);
		fr->ts_ns = nf_cap_ts((int64_t)h->ts.tv_sec,
		    (int64_t)h->ts.tv_usec, &bad);
		fr->data = data;
		fr->caplen = h->caplen;
		fr->wirelen = h->len;
		fr->linktype = cf->ifs[0].linktype;
		fr->ifindex = 0;
		fr->status = bad ? NF_ST_BAD_TS : 0;
		return 1;
	}
	if (r == PCAP_ERROR_BREAK)
		return 0;
	if (cf->unsure)
		cf->recoff = cf->off = lazy_exact(cf);
	seterr(cf, cf->recoff, "%s", pcap_geterr(cf->pcap));
	return -1;
}

/* --- pcapng (draft-ietf-opsawg-pcapng) --------------------------------- */

/*
 * Read n bytes (the peeked ones first).  Returns the count read, short at
 * end of file; -1 on a read error.
 */
static ssize_t
ng_read(struct nf_capfile *cf, uint8_t *buf, size_t n)
{
	size_t got = 0, k;

	if (cf->ppre < cf->npre) {
		k = cf->npre - cf->ppre;
		if (k > n)
			k = n;
		memcpy(buf, cf->pre + cf->ppre, k);
		cf->ppre += k;
		got = k;
	}
	if (got < n)
		got += fread(buf + got, 1, n - got, cf->fp);
	cf->off += got;
	if (got < n && ferror(cf->fp))
		return -1;
	return (ssize_t)got;
}

static int
ng_grow(struct nf_capfile *cf, size_t need)
{
	uint8_t *n;
	size_t cap;

	if (need <= cf->blkcap)
		return 0;
	cap = cf->blkcap ? cf->blkcap : 4096;
	while (cap < need)
		cap *= 2;
	n = realloc(cf->blk, cap);
	if (n == NULL)
		return -1;
	cf->blk = n;
	cf->blkcap = cap;
	return 0;
}

/*
 * Every block:
 *  +---------------------------------------------------------------+
 *  |                          Block Type                           |
 *  +---------------------------------------------------------------+
 *  |                      Block Total Length                       |
 *  +---------------------------------------------------------------+
 *  /                          Block Body                           /
 *  +---------------------------------------------------------------+
 *  |                      Block Total Length                       |
 *  +---------------------------------------------------------------+
 * Reads one whole block into cf->blk.  1 ok, 0 clean EOF, -1 error.
 */
static int
ng_read_block(struct nf_capfile *cf)
{
	uint8_t h[12];
	ssize_t n;
	uint32_t type, len;
	int swap;

	cf->recoff = cf->off;
	n = ng_read(cf, h, 8);
	if (n == 0)
		return 0;
	if (n < 0) {
		seterr(cf, cf->recoff, "read error: %s", strerror(errno));
		return -1;
	}
	if (n < 8) {
		seterr(cf, cf->recoff, "truncated block header: %zd of 8 "
		    "bytes", n);
		return -1;
	}
	type = rd32(h, cf->swap);
	swap = cf->swap;
	if (rd32(h, 0) == BT_SHB) {
		/* The byte-order magic decides how to read the length. */
		type = BT_SHB;
		n = ng_read(cf, h + 8, 4);
		if (n < 4) {
			seterr(cf, cf->recoff, "truncated section header");
			return -1;
		}
		if (rd32(h + 8, 0) == PCAPNG_BOM)
			swap = 0;
		else if (rd32(h + 8, 1) == PCAPNG_BOM)
			swap = 1;
		else {
			seterr(cf, cf->recoff + 8, "bad byte-order magic "
			    "0x%08" PRIx32, rd32(h + 8, 0));
			return -1;
		}
	}
	len = rd32(h + 4, swap);
	if (len < 12 || len % 4 != 0 || len > PCAPNG_MAXBLOCK ||
	    (type == BT_SHB && len < 28)) {
		seterr(cf, cf->recoff, "bad block length %" PRIu32
		    " (block type 0x%08" PRIx32 ")", len, type);
		return -1;
	}
	if (ng_grow(cf, len) == -1) {
		seterr(cf, cf->recoff, "out of memory");
		return -1;
	}
	memcpy(cf->blk, h, type == BT_SHB ? 12 : 8);
	n = type == BT_SHB ? 12 : 8;
	{
		ssize_t got = ng_read(cf, cf->blk + n, len - (size_t)n);

		if (got < 0) {
			seterr(cf, cf->recoff, "read error: %s",
			    strerror(errno));
			return -1;
		}
		if ((size_t)got < len - (size_t)n) {
			seterr(cf, cf->recoff, "truncated block: expected %"
			    PRIu32 " bytes, got %zd", len, got + n);
			return -1;
		}
	}
	if (rd32(cf->blk + len - 4, swap) != len) {
		seterr(cf, cf->recoff, "block total length %" PRIu32 " and "
		    "trailer %" PRIu32 " differ", len,
		    rd32(cf->blk + len - 4, swap));
		return -1;
	}
	cf->blktype = type;
	cf->blklen = len;
	cf->swap = swap;
	return 1;
}

/*
 * Section Header Block body:
 *  | Byte-Order Magic (32) | Major (16) | Minor (16) |
 *  | Section Length (64)   | Options ...            |
 */
static int
ng_shb(struct nf_capfile *cf)
{
	uint16_t major, minor;

	major = rd16(cf->blk + 12, cf->swap);
	minor = rd16(cf->blk + 14, cf->swap);
	if (major != 1 || (minor != 0 && minor != 2)) {
		seterr(cf, cf->recoff, "unsupported pcapng version %u.%u",
		    major, minor);
		return -1;
	}
	cf->nsif = 0;	/* interface ids are per section */
	return 0;
}

/*
 * Interface Description Block body:
 *  | LinkType (16) | Reserved (16) | SnapLen (32) | Options ... |
 * Options: code (16), length (16), value padded to 32 bits; we use
 * if_tsresol (9) and if_tsoffset (14).
 */
static int
ng_idb(struct nf_capfile *cf)
{
	struct ngif *n, *ifc;
	const uint8_t *p, *end;
	uint32_t olen, code;

	if (cf->blklen < 20) {
		seterr(cf, cf->recoff, "interface block too short (%" PRIu32
		    " bytes)", cf->blklen);
		return -1;
	}
	n = realloc(cf->sif, (cf->nsif + 1) * sizeof(*n));
	if (n == NULL || add_iface(cf, rd16(cf->blk + 8, cf->swap),
	    rd32(cf->blk + 12, cf->swap)) == -1) {
		if (n != NULL)
			cf->sif = n;
		seterr(cf, cf->recoff, "too many interfaces");
		return -1;
	}
	cf->sif = n;
	ifc = &n[cf->nsif++];
	ifc->linktype = rd16(cf->blk + 8, cf->swap);
	ifc->snaplen = rd32(cf->blk + 12, cf->swap);
	ifc->index = (uint32_t)(cf->nifs - 1);
	ifc->tsres = 6;
	ifc->tsoffset = 0;
	p = cf->blk + 16;
	end = cf->blk + cf->blklen - 4;
	while (end - p >= 4) {
		code = rd16(p, cf->swap);
		olen = rd16(p + 2, cf->swap);
		p += 4;
		if (code == 0)
			break;
		if (olen > (size_t)(end - p)) {
			seterr(cf, cf->recoff, "interface option %" PRIu32
			    " longer than its block", code);
			return -1;
		}
		if (code == 9 && olen >= 1)
			ifc->tsres = p[0];
		else if (code == 14 && olen >= 8)
			ifc->tsoffset = (int64_t)((uint64_t)rd32(p +
			    (cf->swap ? 0 : 4), cf->swap) << 32 |
			    rd32(p + (cf->swap ? 4 : 0), cf->swap));
		olen = (olen + 3) & ~3U;
		if (olen > (size_t)(end - p))
			break;
		p += olen;
	}
	return 0;
}

/* Convert a pcapng timestamp in the interface's units to ns. */
static uint64_t
ng_ts(const struct ngif *ifc, uint64_t t, int *bad)
{
	unsigned exp = ifc->tsres & 0x7f;
	uint64_t sec, frac, ns, m;
	unsigned i;

	*bad = 0;
	if (ifc->tsres & 0x80) {
		/* 2^-exp seconds. */
		if (exp >= 64) {
			*bad = 1;
			return 0;
		}
		sec = t >> exp;
		frac = exp ? t & ((UINT64_C(1) << exp) - 1) : 0;
		ns = (uint64_t)(((unsigned __int128)frac * NS) >> exp);
	} else {
		/* 10^-exp seconds. */
		if (exp > 19) {
			*bad = 1;
			return 0;
		}
		for (m = 1, i = 0; i < exp; i++)
			m *= 10;
		sec = t / m;
		frac = t % m;
		if (exp <= 9) {
			for (i = exp; i < 9; i++)
				frac *= 10;
			ns = frac;
		} else {
			for (i = 9; i < exp; i++)
				frac /= 10;
			ns = frac;
		}
	}
	if (ifc->tsoffset < 0 && (uint64_t)-ifc->tsoffset > sec) {
		*bad = 1;
		return ns;
	}
	sec += (uint64_t)ifc->tsoffset;
	if (sec > (UINT64_MAX - ns) / NS) {
		*bad = 1;
		return UINT64_MAX;
	}
	return sec * NS + ns;
}

static const struct ngif *
ng_ifc(struct nf_capfile *cf, uint32_t id)
{
	if (id >= cf->nsif) {
		seterr(cf, cf->recoff, "packet for undescribed interface %"
		    PRIu32, id);
		return NULL;
	}
	return &cf->sif[id];
}

/*
 * Enhanced Packet Block body:
 *  | Interface ID | Timestamp (High) | Timestamp (Low) |
 *  | Captured Packet Length | Original Packet Length |
 *  | Packet Data (padded to 32 bits) ... | Options ... |
 * Obsolete Packet Block: Interface ID (16), Drops Count (16), then the
 * same.  Simple Packet Block: Original Packet Length, Packet Data (the
 * captured length is what the block and interface 0's snaplen allow).
 */
static int
ng_packet(struct nf_capfile *cf, struct nf_capframe *fr)
{
	const struct ngif *ifc;
	uint32_t body = cf->blklen - 12, id, caplen, wirelen;
	uint64_t t;
	int bad = 0;

	if (cf->blktype == BT_SPB) {
		if (body < 4) {
			seterr(cf, cf->recoff, "simple packet block too "
			    "short");
			return -1;
		}
		if ((ifc = ng_ifc(cf, 0)) == NULL)
			return -1;
		wirelen = rd32(cf->blk + 8, cf->swap);
		caplen = wirelen;
		if (caplen > body - 4)
			caplen = body - 4;
		if (ifc->snaplen != 0 && caplen > ifc->snaplen)
			caplen = ifc->snaplen;
		fr->ts_ns = cf->lastts;
		fr->data = cf->blk + 12;
	} else {
		if (body < 20) {
			seterr(cf, cf->recoff, "packet block too short (%"
			    PRIu32 " bytes)", cf->blklen);
			return -1;
		}
		id = cf->blktype == BT_PB ? rd16(cf->blk + 8, cf->swap) :
		    rd32(cf->blk + 8, cf->swap);
		if ((ifc = ng_ifc(cf, id)) == NULL)
			return -1;
		t = (uint64_t)rd32(cf->blk + 12, cf->swap) << 32 |
		    rd32(cf->blk + 16, cf->swap);
		caplen = rd32(cf->blk + 20, cf->swap);
		wirelen = rd32(cf->blk + 24, cf->swap);
		if (caplen > body - 20) {
			seterr(cf, cf->recoff, "captured length %" PRIu32
			    " beyond its block (%" PRIu32 " bytes)", caplen,
			    body - 20);
			return -1;
		}
		fr->ts_ns = ng_ts(ifc, t, &bad);
		fr->data = cf->blk + 28;
		cf->lastts = fr->ts_ns;
	}
	fr->caplen = caplen;
	fr->wirelen = wirelen;
	fr->linktype = ifc->linktype;
	fr->ifindex = ifc->index;
	fr->status = bad ? NF_ST_BAD_TS : 0;
	return 1;
}

/* Read blocks until a packet block is in cf->blk: 1, 0 at EOF, -1. */
static int
ng_next_packet_block(struct nf_capfile *cf)
{
	int r;

	for (;;) {
		if ((r = ng_read_block(cf)) != 1)
			return r;
		switch (cf->blktype) {
		case BT_SHB:
			if (ng_shb(cf) == -1)
				return -1;
			break;
		case BT_IDB:
			if (ng_idb(cf) == -1)
				return -1;
			break;
		case BT_EPB:
		case BT_SPB:
		case BT_PB:
			return 1;
		default:
			/* Statistics, name resolution, custom: skipped. */
			break;
		}
	}
}

static int
next_pcapng(struct nf_capfile *cf, struct nf_capframe *fr)
{
	int r;

	if (!cf->pending && (r = ng_next_packet_block(cf)) != 1)
		return r;
	cf->pending = 0;
	return ng_packet(cf, fr);
}

static int
open_pcapng(struct nf_capfile *cf)
{
	int r;

	cf->format = FMT_PCAPNG;
	cf->ppre = 0;
	cf->off = 0;
	r = ng_next_packet_block(cf);
	if (r == -1)
		return -1;
	cf->pending = r == 1;
	return 0;
}

/* Read up to n bytes with read(2), stopping early only at EOF.  Returns
 * the count, or (size_t)-1 on error. */
static size_t
raw_read(int fd, uint8_t *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = read(fd, buf + got, n - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return (size_t)-1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* --- public ------------------------------------------------------------ */

struct nf_capfile *
nf_capfile_open(const char *path, char *err, size_t errlen)
{
	struct nf_capfile *cf;
	struct stat sb;
	uint32_t magic;
	int fd, r;

	if (path != NULL && strcmp(path, "-") == 0)
		path = NULL;
	if ((cf = calloc(1, sizeof(*cf))) == NULL ||
	    (cf->name = strdup(nf_inname(path))) == NULL) {
		free(cf);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	cf->rawfd = -1;
	if (path == NULL)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		nf_capfile_close(cf);
		return NULL;
	}
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		cf->size = (uint64_t)sb.st_size;
		cf->regular = 1;
	}
	if (path == NULL)
		cf->fp = stdin;
	else if ((cf->fp = fdopen(fd, "rb")) == NULL) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		close(fd);
		nf_capfile_close(cf);
		return NULL;
	}
	/* A regular file is read through stdio by libpcap, one fread per
	 * record header and one per packet: a buffer of 256 KiB instead of
	 * the default 4 KiB makes 64 times fewer read(2) calls. */
	if (cf->regular && cf->fp != stdin &&
	    (cf->iobuf = malloc(CAP_STDIO_BUF)) != NULL)
		(void)setvbuf(cf->fp, cf->iobuf, _IOFBF, CAP_STDIO_BUF);
	/* Only this thread reads the capture, but once pcap2pkt starts its
	 * writer thread glibc locks the stream on every fread: two per
	 * packet.  Locking is ours (none needed) from here on. */
	(void)__fsetlocking(cf->fp, FSETLOCKING_BYCALLER);
	/*
	 * Peek at the file header.  A pipe is read with read(2) so that
	 * packets reach us as they arrive (stdio would wait for a full
	 * buffer), and the peeked bytes are replayed to libpcap.
	 */
	if (cf->regular)
		cf->npre = fread(cf->pre, 1, sizeof(cf->pre), cf->fp);
	else {
		cf->rawfd = fd;
		cf->npre = raw_read(fd, cf->pre, sizeof(cf->pre));
	}
	if (cf->npre == (size_t)-1 || (cf->regular &&
	    cf->npre < sizeof(cf->pre) && ferror(cf->fp))) {
		snprintf(err, errlen, "read error on '%s': %s", cf->name,
		    strerror(errno));
		nf_capfile_close(cf);
		return NULL;
	}
	magic = cf->npre >= 4 ? rd32(cf->pre, 0) : 0;
	if (cf->npre < 4) {
		seterr(cf, 0, cf->npre == 0 ? "empty file" :
		    "truncated file header: %zu bytes", cf->npre);
		r = -1;
	} else if (magic == MAGIC_PCAPNG)
		r = open_pcapng(cf);
	else if (magic == MAGIC_PCAP_US || magic == MAGIC_PCAP_NS ||
	    magic == MAGIC_PCAP_KUZ || rd32(cf->pre, 1) == MAGIC_PCAP_US ||
	    rd32(cf->pre, 1) == MAGIC_PCAP_NS ||
	    rd32(cf->pre, 1) == MAGIC_PCAP_KUZ) {
		cf->format = FMT_PCAP;
		r = open_pcap(cf);
	} else if ((magic & 0xffff) == 0x8b1f) {
		seterr(cf, 0, "gzip-compressed; decompress it first "
		    "(zcat FILE | %s)", nf_progname);
		r = -1;
	} else {
		seterr(cf, 0, "unknown file format (magic 0x%08" PRIx32 ")",
		    magic);
		r = -1;
	}
	if (r == -1 && !cf->failed) {
		/* Not the file's fault (memory, stream setup). */
		snprintf(err, errlen, "%s", cf->err);
		nf_capfile_close(cf);
		return NULL;
	}
	/* A corrupt file opens in the failed state: nf_capfile_next()
	 * reports it where it stands in the input order. */
	return cf;
}

const char *
nf_capfile_name(const struct nf_capfile *cf)
{
	return cf->name;
}

size_t
nf_capfile_niface(const struct nf_capfile *cf)
{
	return cf->nifs;
}

const struct nf_capiface *
nf_capfile_iface(const struct nf_capfile *cf, size_t i)
{
	return i < cf->nifs ? &cf->ifs[i] : NULL;
}

int
nf_capfile_next(struct nf_capfile *cf, struct nf_capframe *fr)
{
	if (cf->failed)
		return -1;
	if (cf->format == FMT_PCAP)
		return next_pcap(cf, fr);
	return next_pcapng(cf, fr);
}

const char *
nf_capfile_error(const struct nf_capfile *cf)
{
	return cf->err;
}

uint64_t
nf_capfile_offset(const struct nf_capfile *cf)
{
	long pos;

	/* Lazy offsets: the stream knows (at a record boundary). */
	if (cf->unsure && cf->pcap != NULL &&
	    (pos = ftell(pcap_file(cf->pcap))) >= 0)
		return (uint64_t)pos;
	return cf->off;
}

uint64_t
nf_capfile_size(const struct nf_capfile *cf)
{
	return cf->size;
}

void
nf_capfile_close(struct nf_capfile *cf)
{
	if (cf == NULL)
		return;
	if (cf->pcap != NULL)
		pcap_close(cf->pcap);	/* closes the replay stream or file */
	if (cf->fp != NULL && cf->fp != stdin)
		fclose(cf->fp);
	free(cf->iobuf);	/* after the FILE using it is closed */
	free(cf->ifs);
	free(cf->sif);
	free(cf->blk);
	free(cf->name);
	free(cf);
}

/* --- BPF filter -------------------------------------------------------- */

struct nf_bpfprog {
	uint32_t		 linktype;
	struct bpf_program	 prog;
};

int
nf_capfilter_init(struct nf_capfilter *f, const char *expr)
{
	memset(f, 0, sizeof(*f));
	if (expr == NULL || *expr == '\0')
		return 0;
	return (f->expr = strdup(expr)) == NULL ? -1 : 0;
}

static struct nf_bpfprog *
filter_prog(struct nf_capfilter *f, uint32_t linktype)
{
	struct nf_bpfprog *n;
	pcap_t *dead;
	size_t i;

	for (i = 0; i < f->nprog; i++)
		if (f->prog[i].linktype == linktype)
			return &f->prog[i];
	dead = pcap_open_dead(nf_linktype_to_dlt(linktype), 262144);
	if (dead == NULL) {
		snprintf(f->err, sizeof(f->err), "out of memory");
		return NULL;
	}
	n = realloc(f->prog, (f->nprog + 1) * sizeof(*n));
	if (n == NULL) {
		pcap_close(dead);
		snprintf(f->err, sizeof(f->err), "out of memory");
		return NULL;
	}
	f->prog = n;
	n = &f->prog[f->nprog];
	if (pcap_compile(dead, &n->prog, f->expr, 1,
	    PCAP_NETMASK_UNKNOWN) == -1) {
		snprintf(f->err, sizeof(f->err), "bad filter '%s' for link "
		    "type %" PRIu32 ": %s", f->expr, linktype,
		    pcap_geterr(dead));
		pcap_close(dead);
		return NULL;
	}
	pcap_close(dead);
	n->linktype = linktype;
	f->nprog++;
	return n;
}

int
nf_capfilter_prepare(struct nf_capfilter *f, uint32_t linktype)
{
	if (f->expr == NULL)
		return 0;
	return filter_prog(f, linktype) == NULL ? -1 : 0;
}

int
nf_capfilter_match(struct nf_capfilter *f, const struct nf_capframe *fr)
{
	struct nf_bpfprog *p;
	struct pcap_pkthdr h;

	if (f->expr == NULL)
		return 1;
	if (f->nprog > 0 && f->prog[0].linktype == fr->linktype)
		p = &f->prog[0];
	else if ((p = filter_prog(f, fr->linktype)) == NULL)
		return -1;
	memset(&h, 0, sizeof(h));
	h.caplen = fr->caplen;
	h.len = fr->wirelen;
	return pcap_offline_filter(&p->prog, &h, fr->data) != 0;
}

void
nf_capfilter_free(struct nf_capfilter *f)
{
	size_t i;

	for (i = 0; i < f->nprog; i++)
		pcap_freecode(&f->prog[i].prog);
	free(f->prog);
	free(f->expr);
	memset(f, 0, sizeof(*f));
}
