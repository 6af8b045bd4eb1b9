/* flowsave.c: write each flow's packets to its own capture file (flow2pcap). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flowsave.h"
#include "util.h"

struct fs_flow {
	struct nf_flow	 key;		/* from FLOW_BEGIN (or the first PKT) */
	uint64_t	 id;
	uint64_t	 npkts;
	uint8_t		*buf;		/* encoded records not yet on disk */
	size_t		 len;
	size_t		 cap;
	char		*tmp;		/* temporary path once spilled */
	FILE		*fp;		/* open spill file, or NULL */
	struct fs_flow	*prev;		/* LRU of open spill files */
	struct fs_flow	*next;
	uint32_t	 linktype;
	uint8_t		 started;	/* file header encoded */
	uint8_t		 spilled;
};

int
nf_flowsave_init(struct nf_flowsave *s, const char *dir, const char *pattern,
    int fmt, uint64_t min_packets, const struct nf_header *hdr)
{
	memset(s, 0, sizeof(*s));
	s->dir = dir;
	s->pattern = pattern;
	s->fmt = fmt;
	s->min_packets = min_packets;
	s->max_open = NF_FS_MAX_OPEN;
	s->hdr = hdr;
	return nf_idmap_init(&s->flows, 1024);
}

static const char *
proto_name(int proto, int ipv)
{
	switch (proto) {
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 1:
		return "icmp";
	case 58:
		return ipv == 6 ? "icmp6" : NULL;
	case 132:
		return "sctp";
	}
	return NULL;
}

int
nf_flowsave_name(const char *pat, const struct nf_flow *f, char *buf,
    size_t size)
{
	char tmp[64], *c;
	const char *p, *add;
	size_t n = 0, al;
	time_t t;
	struct tm tm;

	for (p = pat; *p; p++) {
		if (*p == '/')
			return -1;
		if (*p != '%') {
			tmp[0] = *p;
			tmp[1] = '\0';
			add = tmp;
		} else {
			add = tmp;
			switch (*++p) {
			case 't':
				t = (time_t)(f->first_ts / 1000000000U);
				if (gmtime_r(&t, &tm) == NULL)
					return -1;
				snprintf(tmp, sizeof(tmp),
				    "%04u%02u%02uT%02u%02u%02u.%06uZ",
				    (unsigned)(tm.tm_year + 1900) % 10000U,
				    (unsigned)(tm.tm_mon + 1) % 100U,
				    (unsigned)tm.tm_mday % 100U,
				    (unsigned)tm.tm_hour % 100U,
				    (unsigned)tm.tm_min % 100U,
				    (unsigned)tm.tm_sec % 100U,
				    (unsigned)(f->first_ts % 1000000000U /
				    1000));
				break;
			case 'T':
				snprintf(tmp, sizeof(tmp), "%" PRIu64,
				    f->first_ts);
				break;
			case 'p':
				add = proto_name(f->proto, f->ip_version);
				if (add == NULL) {
					snprintf(tmp, sizeof(tmp), "%u",
					    f->proto);
					add = tmp;
				}
				break;
			case 's':
			case 'd':
				nf_addr_str(f->ip_version, *p == 's' ? f->src :
				    f->dst, tmp);
				for (c = tmp; *c; c++)
					if (*c == ':')
						*c = '-';
				break;
			case 'S':
				snprintf(tmp, sizeof(tmp), "%u", f->sport);
				break;
			case 'D':
				snprintf(tmp, sizeof(tmp), "%u", f->dport);
				break;
			case 'i':
				snprintf(tmp, sizeof(tmp), "%" PRIu64,
				    f->flow_id);
				break;
			case 'r':
				add = nf_reason_name(f->reason);
				break;
			case '%':
				add = "%";
				break;
			default:
				return -1;
			}
		}
		al = strlen(add);
		if (n + al + 1 > size)
			return -1;
		memcpy(buf + n, add, al);
		n += al;
	}
	if (n == 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static void
lru_unlink(struct nf_flowsave *s, struct fs_flow *f)
{
	if (f->prev)
		f->prev->next = f->next;
	else
		s->lru_head = f->next;
	if (f->next)
		f->next->prev = f->prev;
	else
		s->lru_tail = f->prev;
	f->prev = f->next = NULL;
}

static void
lru_front(struct nf_flowsave *s, struct fs_flow *f)
{
	f->prev = NULL;
	f->next = s->lru_head;
	if (s->lru_head)
		s->lru_head->prev = f;
	s->lru_head = f;
	if (s->lru_tail == NULL)
		s->lru_tail = f;
}

static int
close_spill(struct nf_flowsave *s, struct fs_flow *f)
{
	int bad;

	lru_unlink(s, f);
	s->nopen--;
	errno = 0;
	bad = fflush(f->fp) != 0 || ferror(f->fp);
	bad |= fclose(f->fp) != 0;
	f->fp = NULL;
	if (bad) {
		snprintf(s->errmsg, sizeof(s->errmsg), "write error on '%s': "
		    "%s", f->tmp, strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

/* Make f's spill file open (creating or reopening it), most recent. */
static int
open_spill(struct nf_flowsave *s, struct fs_flow *f)
{
	if (f->fp != NULL) {
		lru_unlink(s, f);
		lru_front(s, f);
		return 0;
	}
	if (s->nopen >= s->max_open && close_spill(s, s->lru_tail) < 0)
		return -1;
	if (f->tmp == NULL) {
		size_t n = strlen(s->dir) + 64;

		if ((f->tmp = malloc(n)) == NULL)
			goto nomem;
		snprintf(f->tmp, n, "%s/.flow2pcap-%ld-%" PRIu64 ".part",
		    s->dir, (long)getpid(), f->id);
		f->fp = fopen(f->tmp, "wb");
	} else {
		f->fp = fopen(f->tmp, "ab");
		s->reopened++;
	}
	if (f->fp == NULL) {
		snprintf(s->errmsg, sizeof(s->errmsg), "cannot create '%s': "
		    "%s", f->tmp, strerror(errno));
		return -1;
	}
	s->nopen++;
	lru_front(s, f);
	return 0;
nomem:
	snprintf(s->errmsg, sizeof(s->errmsg), "out of memory");
	return -1;
}

/* Write f's buffered records to its spill file and empty the buffer. */
static int
spill(struct nf_flowsave *s, struct fs_flow *f)
{
	if (open_spill(s, f) < 0)
		return -1;
	if (!f->spilled) {
		f->spilled = 1;
		s->spilled++;
	}
	if (f->len > 0 && fwrite(f->buf, 1, f->len, f->fp) != f->len) {
		snprintf(s->errmsg, sizeof(s->errmsg), "write error on '%s': "
		    "%s", f->tmp, strerror(errno));
		return -1;
	}
	s->buffered -= f->len;
	f->len = 0;
	free(f->buf);
	f->buf = NULL;
	f->cap = 0;
	return 0;
}

static uint8_t *
room(struct nf_flowsave *s, struct fs_flow *f, size_t n)
{
	if (f->cap - f->len < n) {
		size_t ncap = f->cap ? f->cap : 4096;
		uint8_t *nb;

		while (ncap - f->len < n)
			ncap *= 2;
		if ((nb = realloc(f->buf, ncap)) == NULL) {
			snprintf(s->errmsg, sizeof(s->errmsg), "out of memory");
			return NULL;
		}
		f->buf = nb;
		f->cap = ncap;
	}
	return f->buf + f->len;
}

static struct fs_flow *
new_flow(struct nf_flowsave *s, uint64_t id)
{
	struct fs_flow *f = calloc(1, sizeof(*f));

	if (f == NULL || nf_idmap_put(&s->flows, id, f) < 0) {
		free(f);
		snprintf(s->errmsg, sizeof(s->errmsg), "out of memory");
		return NULL;
	}
	f->id = id;
	return f;
}

int
nf_flowsave_begin(struct nf_flowsave *s, const struct nf_flow *fl)
{
	struct fs_flow *f;

	if (fl->flow_id == 0 || nf_idmap_get(&s->flows, fl->flow_id))
		return 0;
	if ((f = new_flow(s, fl->flow_id)) == NULL)
		return -1;
	f->key = *fl;
	return 0;
}

int
nf_flowsave_pkt(struct nf_flowsave *s, const struct nf_pkt *k)
{
	struct fs_flow *f;
	uint32_t lt, snaplen;
	uint8_t *p;
	size_t n;

	if (k->flow_id == 0) {
		s->untagged++;
		return 0;
	}
	if (k->ifindex >= s->hdr->niface) {
		snprintf(s->errmsg, sizeof(s->errmsg), "packet on interface "
		    "%u, but the stream header describes %zu", k->ifindex,
		    s->hdr->niface);
		return -1;
	}
	lt = s->hdr->iface[k->ifindex].linktype;
	snaplen = s->hdr->iface[k->ifindex].snaplen;
	if ((f = nf_idmap_get(&s->flows, k->flow_id)) == NULL) {
		s->orphans++;
		if ((f = new_flow(s, k->flow_id)) == NULL)
			return -1;
		f->key.flow_id = k->flow_id;
		f->key.first_ts = f->key.last_ts = k->ts_ns;
		memcpy(f->key.src, k->src, 16);
		memcpy(f->key.dst, k->dst, 16);
		f->key.sport = k->sport;
		f->key.dport = k->dport;
		f->key.proto = k->proto;
		f->key.ip_version = k->ip_version;
	}
	if (!f->started) {
		n = nf_capfile_header_size(s->fmt, s->hdr->niface);
		if ((p = room(s, f, n)) == NULL)
			return -1;
		n = nf_capfile_header(s->fmt, p, lt, snaplen ? snaplen :
		    262144, s->hdr);
		f->len += n;
		s->buffered += n;
		f->linktype = lt;
		f->started = 1;
	} else if (s->fmt == NF_CAPFMT_PCAP && lt != f->linktype) {
		s->lt_mismatch++;
		return 0;
	}
	n = nf_capfile_rec_size(s->fmt, k->frame_len);
	if ((p = room(s, f, n)) == NULL)
		return -1;
	f->len += nf_capfile_rec(s->fmt, p, k);
	s->buffered += n;
	f->npkts++;
	s->packets++;
	if (f->spilled || (f->npkts >= s->min_packets &&
	    (f->len > NF_FS_FLOW_BUF || s->buffered > NF_FS_TOTAL_BUF)))
		return spill(s, f);
	return 0;
}

static void
drop(struct nf_flowsave *s, struct fs_flow *f)
{
	if (f->fp != NULL) {
		lru_unlink(s, f);
		s->nopen--;
		fclose(f->fp);
	}
	if (f->tmp != NULL)
		unlink(f->tmp);
	s->buffered -= f->len;
	nf_idmap_del(&s->flows, f->id);
	free(f->tmp);
	free(f->buf);
	free(f);
}

int
nf_flowsave_end(struct nf_flowsave *s, const struct nf_flow *fl)
{
	struct fs_flow *f = nf_idmap_get(&s->flows, fl->flow_id);
	char name[512], *path;
	size_t n;
	int rc = -1;

	if (f == NULL)
		return 0;
	if (f->npkts == 0 || f->npkts < s->min_packets) {
		if (f->npkts > 0)
			s->small++;
		drop(s, f);
		return 0;
	}
	if (nf_flowsave_name(s->pattern, fl, name, sizeof(name)) < 0) {
		snprintf(s->errmsg, sizeof(s->errmsg), "file name pattern "
		    "'%s' gives no usable name", s->pattern);
		drop(s, f);
		return -1;
	}
	n = strlen(s->dir) + strlen(name) + 16;
	if ((path = malloc(n)) == NULL) {
		snprintf(s->errmsg, sizeof(s->errmsg), "out of memory");
		drop(s, f);
		return -1;
	}
	snprintf(path, n, "%s/%s%s", s->dir, name,
	    s->fmt == NF_CAPFMT_PCAP ? ".pcap" : ".pcapng");
	if (spill(s, f) < 0 || close_spill(s, f) < 0)
		goto out;
	if (rename(f->tmp, path) < 0) {
		snprintf(s->errmsg, sizeof(s->errmsg), "cannot rename '%s' to "
		    "'%s': %s", f->tmp, path, strerror(errno));
		goto out;
	}
	free(f->tmp);
	f->tmp = NULL;
	s->files++;
	rc = 0;
out:
	free(path);
	drop(s, f);
	return rc;
}

int
nf_flowsave_end_all(struct nf_flowsave *s, int reason)
{
	struct nf_flow fl;
	size_t i;

	for (i = 0; i <= s->flows.mask; i++) {
		if (s->flows.keys[i] == 0)
			continue;
		fl = ((struct fs_flow *)s->flows.vals[i])->key;
		fl.reason = (uint8_t)reason;
		if (nf_flowsave_end(s, &fl) < 0)
			return -1;
		i--;	/* backward-shift deletion may refill slot i */
	}
	return 0;
}

void
nf_flowsave_abort(struct nf_flowsave *s)
{
	size_t i;

	for (i = 0; i <= s->flows.mask; i++)
		if (s->flows.keys[i] != 0) {
			drop(s, s->flows.vals[i]);
			i--;
		}
}

void
nf_flowsave_free(struct nf_flowsave *s)
{
	nf_flowsave_abort(s);
	nf_idmap_free(&s->flows);
}
