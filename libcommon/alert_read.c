/* alert_read.c: read one alert log of any supported format (detected from content), with bad-line accounting. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "alert_csv.h"
#include "alert_json.h"
#include "alert_read.h"
#include "alert_text.h"
#include "alert_time.h"
#include "unified2.h"
#include "util.h"

/* Bytes examined by format detection. */
#define DETECT_LEN	65536
/* Longest line kept; longer ones are bad lines (and skipped whole). */
#define LINE_MAX_LEN	(16u << 20)

static const char *const fmt_names[] = {
	"auto", "fast", "full", "csv", "json", "unified2", "suricata-fast",
	"eve", NULL
};

int
nf_alert_fmt_parse(const char *name)
{
	int i;

	for (i = 0; fmt_names[i] != NULL; i++)
		if (strcmp(fmt_names[i], name) == 0)
			return i;
	return -1;
}

const char *
nf_alert_fmt_name(int fmt)
{
	if (fmt < 0 || fmt > NF_FMT_EVE)
		return "?";
	return fmt_names[fmt];
}

/* Format of one text line, NF_FMT_AUTO if none. */
static int
sniff_line(const char *l, size_t n, struct nf_tsctx *tc)
{
	struct nf_alert a;
	struct nf_tsctx tmp;
	char err[8];
	int k;

	if (n > 0 && l[n - 1] == '\r')
		n--;
	if ((k = nf_json_sniff(l, n)) != 0)
		return k == NF_JSON_EVE ? NF_FMT_EVE : NF_FMT_JSON;
	if (nf_full_is_header(l, n))
		return NF_FMT_FULL;
	tmp = *tc;
	if (nf_fast_line(l, n, &tmp, &a, err, sizeof(err)) != NF_LINE_SKIP)
		return n > 10 && l[5] == '/' && l[10] == '-' ?
		    NF_FMT_SURICATA_FAST : NF_FMT_FAST;
	if (nf_acsv_sniff(l, n, &tmp))
		return NF_FMT_CSV;
	return NF_FMT_AUTO;
}

static int
detect_u2(const char *buf, size_t len)
{
	uint32_t type, blen;

	if (len < NF_U2_HDR_LEN)
		return 0;
	nf_u2_header((const uint8_t *)buf, &type, &blen);
	return nf_u2_plausible(type, blen);
}

int
nf_alert_detect(const char *buf, size_t len)
{
	struct nf_tsctx tc;
	const char *p, *e, *nl;
	int f;

	if (detect_u2(buf, len))
		return NF_FMT_UNIFIED2;
	nf_tsctx_init(&tc, 2000, 0, 12);
	for (p = buf, e = buf + len; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if ((f = sniff_line(p, (size_t)(nl - p), &tc)) != NF_FMT_AUTO)
			return f;
	}
	return NF_FMT_AUTO;
}

/* A growable read buffer over a stream: data in buf[start, end). */
struct rbuf {
	FILE	*fp;
	char	*buf;
	size_t	 cap, start, end;
	uint64_t off;		/* file offset of buf[start] */
	int	 eof, err;
};

/* Make at least want bytes available (fewer at EOF); 0 or -1 (ENOMEM). */
static int
rb_fill(struct rbuf *r, size_t want)
{
	size_t k, ncap;
	char *nb;

	if (r->end - r->start >= want || r->eof)
		return 0;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (want > r->cap) {
		ncap = r->cap ? r->cap : 65536;
		while (ncap < want)
			ncap *= 2;
		if ((nb = realloc(r->buf, ncap)) == NULL)
			return -1;
		r->buf = nb;
		r->cap = ncap;
	}
	while (r->end < want && !r->eof) {
		k = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
		r->end += k;
		if (k == 0) {
			if (ferror(r->fp))
				r->err = errno ? errno : EIO;
			r->eof = 1;
		}
	}
	return 0;
}

/*
 * Next line (without "\n") in *l, *n.  Returns 1, 0 at EOF, -1 on ENOMEM,
 * 2 for a line longer than LINE_MAX_LEN (skipped).
 */
static int
rb_line(struct rbuf *r, const char **l, size_t *n)
{
	char *nl;
	size_t have, scanned;
	int toolong;

	toolong = 0;
	scanned = 0;
	for (;;) {
		have = r->end - r->start;
		nl = memchr(r->buf + r->start + scanned, '\n', have - scanned);
		if (nl != NULL)
			break;
		if (r->eof) {
			if (have == 0)
				return toolong ? 2 : 0;
			nl = r->buf + r->end;	/* last line without \n */
			break;
		}
		if (have >= LINE_MAX_LEN) {
			/* Drop what we have and keep looking for the end. */
			toolong = 1;
			r->off += have;
			r->start = r->end;
			scanned = 0;
			have = 0;
		} else
			scanned = have;
		if (rb_fill(r, have + 65536) < 0)
			return -1;
	}
	*l = r->buf + r->start;
	*n = (size_t)(nl - (r->buf + r->start));
	r->off += *n + (nl < r->buf + r->end);
	r->start += *n + (nl < r->buf + r->end);
	return toolong ? 2 : 1;
}

/* Per-file state of a read. */
struct rd {
	const char		*name;
	const struct nf_alert_opts *o;
	struct nf_alert_stats	*st;
	struct nf_tsctx		 tc;
	nf_alert_fn		 fn;
	void			*arg;
	unsigned long		 lineno;
	int			 stop;
};

static void
emit(struct rd *d, struct nf_alert *a)
{
	/* Snort 3 calls ICMPv6 "ICMP". */
	if (a->proto == NF_PROTO_ICMP && a->ip_version == 6)
		a->proto = NF_PROTO_ICMP6;
	if (d->tc.missing_year && d->o->year == 0 && d->o->year_warned &&
	    !*d->o->year_warned) {
		*d->o->year_warned = 1;
		nf_warnx("timestamps in '%s' have no year: using %d from the "
		    "file's modification time (set --year)", d->name,
		    d->tc.year);
	}
	d->st->alerts++;
	d->fn(d->arg, a);
}

static void
badline(struct rd *d, const char *what, unsigned long line, const char *why)
{
	d->st->bad++;
	if (d->st->bad <= d->o->max_warn || d->o->strict)
		nf_warnx("bad %s line in '%s' line %lu: %s", what, d->name,
		    line, why);
	else if (d->st->bad == d->o->max_warn + 1)
		nf_warnx("more bad lines in '%s' not shown", d->name);
	if (d->o->strict)
		d->stop = 1;
}

static int
read_u2(struct rd *d, struct rbuf *r)
{
	struct nf_alert a;
	uint32_t type, len;
	char why[160];
	int rc;

	for (;;) {
		if (rb_fill(r, NF_U2_HDR_LEN) < 0) {
			nf_warnx("out of memory reading '%s'", d->name);
			return 1;
		}
		if (r->end - r->start == 0)
			return 0;
		if (r->end - r->start < NF_U2_HDR_LEN) {
			nf_warnx("truncated unified2 record header in '%s' at "
			    "offset %llu: %zu of 8 bytes", d->name,
			    (unsigned long long)r->off, r->end - r->start);
			d->st->bad++;
			return 1;
		}
		nf_u2_header((const uint8_t *)r->buf + r->start, &type, &len);
		if (len > NF_U2_MAX_BODY) {
			nf_warnx("corrupt unified2 record in '%s' at offset "
			    "%llu: length %u too large (type %u)", d->name,
			    (unsigned long long)r->off, len, type);
			d->st->bad++;
			return 1;
		}
		if (rb_fill(r, NF_U2_HDR_LEN + (size_t)len) < 0) {
			nf_warnx("out of memory reading '%s'", d->name);
			return 1;
		}
		if (r->end - r->start < NF_U2_HDR_LEN + (size_t)len) {
			nf_warnx("truncated unified2 record in '%s' at offset "
			    "%llu: expected %u bytes, got %zu", d->name,
			    (unsigned long long)r->off, len,
			    r->end - r->start - NF_U2_HDR_LEN);
			d->st->bad++;
			return 1;
		}
		rc = nf_u2_record(type, (const uint8_t *)r->buf + r->start +
		    NF_U2_HDR_LEN, len, &a, why, sizeof(why));
		if (rc == NF_LINE_BAD) {
			nf_warnx("corrupt unified2 record in '%s' at offset "
			    "%llu: %s", d->name, (unsigned long long)r->off,
			    why);
			d->st->bad++;
			return 1;
		}
		if (rc == NF_LINE_ALERT)
			emit(d, &a);
		else
			d->st->records_skipped++;
		r->start += NF_U2_HDR_LEN + (size_t)len;
		r->off += NF_U2_HDR_LEN + (size_t)len;
	}
}

static int
read_text(struct rd *d, struct rbuf *r, int fmt)
{
	struct nf_acsv csv;
	struct nf_full full;
	struct nf_alert a;
	const char *l;
	char err[256];
	size_t n;
	int rc, kind, f;

	if (nf_acsv_init(&csv) < 0) {
		nf_warnx("out of memory");
		return 1;
	}
	if (d->o->csv_fields != NULL &&
	    nf_acsv_set_fields(&csv, d->o->csv_fields, err, sizeof(err)) < 0) {
		nf_warnx("%s", err);
		nf_acsv_free(&csv);
		return 1;
	}
	nf_full_init(&full);
	while (!d->stop && (rc = rb_line(r, &l, &n)) != 0) {
		if (rc < 0) {
			nf_warnx("out of memory reading '%s'", d->name);
			d->stop = 1;
			break;
		}
		d->lineno++;
		if (rc == 2) {
			badline(d, nf_alert_fmt_name(fmt), d->lineno,
			    "line too long");
			continue;
		}
		if (fmt == NF_FMT_AUTO) {
			/* Still looking for the first alert line. */
			if ((f = sniff_line(l, n, &d->tc)) == NF_FMT_AUTO) {
				d->st->other++;
				continue;
			}
			fmt = f;
			d->st->format = fmt;
		}
		switch (fmt) {
		case NF_FMT_FAST:
		case NF_FMT_SURICATA_FAST:
			rc = nf_fast_line(l, n, &d->tc, &a, err, sizeof(err));
			break;
		case NF_FMT_FULL:
			rc = nf_full_line(&full, l, n, d->lineno, &d->tc, &a,
			    err, sizeof(err));
			break;
		case NF_FMT_CSV:
			rc = nf_acsv_line(&csv, l, n, &d->tc, &a, err,
			    sizeof(err));
			break;
		default:
			rc = nf_json_line(l, n, &d->tc, &a, &kind, err,
			    sizeof(err));
			if (rc == NF_LINE_SKIP && kind == NF_JSON_EVE) {
				d->st->events_skipped++;
				continue;
			}
			break;
		}
		if (rc == NF_LINE_ALERT)
			emit(d, &a);
		else if (rc == NF_LINE_BAD)
			badline(d, nf_alert_fmt_name(fmt), fmt == NF_FMT_FULL ?
			    full.start_line : d->lineno, err);
		else if (fmt != NF_FMT_FULL)
			d->st->other++;
	}
	if (!d->stop && fmt == NF_FMT_FULL) {
		rc = nf_full_end(&full, &a, err, sizeof(err));
		if (rc == NF_LINE_ALERT)
			emit(d, &a);
		else if (rc == NF_LINE_BAD)
			badline(d, "full", full.start_line, err);
	}
	nf_acsv_free(&csv);
	if (fmt == NF_FMT_AUTO && d->lineno > 0 && !d->stop)
		nf_warnx("no alerts recognised in '%s' (%lu lines; set "
		    "--format)", d->name, d->lineno);
	return d->stop;
}

int
nf_alert_read(FILE *fp, const char *name, const struct nf_alert_opts *o,
    nf_alert_fn fn, void *arg, struct nf_alert_stats *st)
{
	struct rbuf r;
	struct rd d;
	struct stat sb;
	struct tm tm;
	time_t mt;
	int fmt, rc;

	memset(st, 0, sizeof(*st));
	memset(&d, 0, sizeof(d));
	memset(&r, 0, sizeof(r));
	d.name = name;
	d.o = o;
	d.st = st;
	d.fn = fn;
	d.arg = arg;
	if (o->year > 0)
		nf_tsctx_init(&d.tc, o->year, 0, 12);
	else {
		mt = fstat(fileno(fp), &sb) == 0 ? sb.st_mtime : time(NULL);
		if (localtime_r(&mt, &tm) == NULL)
			nf_tsctx_init(&d.tc, 1970, 1, 12);
		else
			nf_tsctx_init(&d.tc, tm.tm_year + 1900, 1,
			    tm.tm_mon + 1);
	}
	r.fp = fp;
	if (rb_fill(&r, DETECT_LEN) < 0) {
		nf_warnx("out of memory reading '%s'", name);
		return 1;
	}
	fmt = o->format;
	if (fmt == NF_FMT_AUTO)
		fmt = nf_alert_detect(r.buf, r.end);
	st->format = fmt;
	if (fmt == NF_FMT_UNIFIED2)
		rc = read_u2(&d, &r);
	else
		rc = read_text(&d, &r, fmt);
	if (r.err != 0) {
		nf_warnx("read error on '%s': %s", name, strerror(r.err));
		rc = 1;
	}
	if (st->bad > 0 && !o->strict && fmt != NF_FMT_UNIFIED2)
		nf_warnx("%llu bad %s skipped in '%s'",
		    (unsigned long long)st->bad, st->bad == 1 ? "line was" :
		    "lines were", name);
	free(r.buf);
	return rc;
}
