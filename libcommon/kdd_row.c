/* kdd_row.c: one KDD connection record (features 1-22 and identity) and its CSV forms. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#include "kdd_conn.h"
#include "kdd_row.h"
#include "numfmt.h"
#include "kdd_service.h"

/* The 41 names of kddcup.names, in order. */
static const char *const feature_names[41] = {
	"duration", "protocol_type", "service", "flag", "src_bytes",
	"dst_bytes", "land", "wrong_fragment", "urgent", "hot",
	"num_failed_logins", "logged_in", "num_compromised", "root_shell",
	"su_attempted", "num_root", "num_file_creations", "num_shells",
	"num_access_files", "num_outbound_cmds", "is_host_login",
	"is_guest_login", "count", "srv_count", "serror_rate",
	"srv_serror_rate", "rerror_rate", "srv_rerror_rate", "same_srv_rate",
	"diff_srv_rate", "srv_diff_host_rate", "dst_host_count",
	"dst_host_srv_count", "dst_host_same_srv_rate",
	"dst_host_diff_srv_rate", "dst_host_same_src_port_rate",
	"dst_host_srv_diff_host_rate", "dst_host_serror_rate",
	"dst_host_srv_serror_rate", "dst_host_rerror_rate",
	"dst_host_srv_rerror_rate"
};

/* Identity columns (default output only). */
static const char *const id_names[] = {
	"conn_id", "start", "src_ip", "src_port", "dst_ip", "dst_port"
};

const char *
kdd_feature_name(int n)
{
	return n >= 1 && n <= 41 ? feature_names[n - 1] : "";
}

int
kdd_feature_on(const struct kdd_out *o, int n)
{
	if (o->darpa29)
		return n <= 10 || n >= 23;
	return 1;
}

void
kdd_row_wrec(const struct kdd_row *r, uint64_t ts, struct kdd_wrec *w)
{
	memset(w, 0, sizeof(*w));
	w->ts = ts;
	memcpy(w->dst, r->dst, 16);
	w->ipver = r->ipver;
	w->svckey = r->svckey;
	w->sport = r->sport;
	w->name = r->service;
	if (kdd_flag_serror(r->flag))
		w->err |= KDD_ERR_S;
	if (kdd_flag_rerror(r->flag))
		w->err |= KDD_ERR_R;
}

void
kdd_row_header(struct nf_csv *c, const struct kdd_out *o)
{
	size_t i;
	int n;

	if (o->pure)
		return;
	for (i = 0; i < sizeof(id_names) / sizeof(id_names[0]); i++)
		nf_csv_str(c, id_names[i]);
	for (n = 1; n <= 41; n++)
		if (kdd_feature_on(o, n))
			nf_csv_str(c, feature_names[n - 1]);
	nf_csv_str(c, "label");
	nf_csv_eol(c);
}

static const char *
proto_name(int proto)
{
	switch (proto) {
	case KDD_PROTO_TCP:
		return "tcp";
	case KDD_PROTO_UDP:
		return "udp";
	default:
		return "icmp";
	}
}

static uint32_t
cap(const struct kdd_out *o, uint32_t v, uint32_t max)
{
	return (!o->nocaps && v > max) ? max : v;
}

/*
 * A row is built in a buffer and written with one call (per-field stdio
 * calls were most of a row's cost).  The text is the nf_csv_* functions'
 * exactly; what the buffer does not cover cheaply (a rate outside [0, 1]
 * or at a rounding tie, a string needing quotes) flushes the buffer and
 * goes through nf_csv_* with the field count handed over.
 */
#define KB_SIZE	2048
#define KB_ROOM	64	/* longer than any number or address field */

struct kbuf {
	struct nf_csv	*c;
	size_t		 n;
	int		 nfield;
	char		 b[KB_SIZE];
};

static void
kb_flush(struct kbuf *k)
{
	if (k->n > 0)
		fwrite(k->b, 1, k->n, k->c->fp);
	k->n = 0;
}

/* Room for one short field and its separator. */
static char *
kb_field(struct kbuf *k)
{
	if (k->n > KB_SIZE - KB_ROOM)
		kb_flush(k);
	if (k->nfield++ > 0)
		k->b[k->n++] = ',';
	return k->b + k->n;
}

static void
kb_u64(struct kbuf *k, uint64_t v)
{
	char *p = kb_field(k);

	k->n += nf_put_u64(p, v);
}

/* "%" PRIu64 ".%06" PRIu64 of seconds and microseconds. */
static void
kb_ts_us(struct kbuf *k, uint64_t ts_ns)
{
	char *p = kb_field(k);
	size_t n;

	n = nf_put_u64(p, ts_ns / 1000000000U);
	p[n++] = '.';
	nf_put_fixed(p + n, ts_ns % 1000000000U / 1000, 6);
	k->n += n + 6;
}

static void
kb_addr(struct kbuf *k, int ipver, const uint8_t addr[16])
{
	char *p = kb_field(k);

	k->n += nf_addr_fmt(ipver, addr, p);
}

static void
kb_str(struct kbuf *k, const char *s)
{
	size_t len = strlen(s);

	if (len > KB_SIZE - KB_ROOM || strpbrk(s, ",\"\r\n") != NULL) {
		kb_flush(k);
		k->c->nfield = k->nfield;
		nf_csv_str(k->c, s);
		k->nfield = k->c->nfield;
		return;
	}
	/* Room for the comma, and the newline after a label. */
	if (k->n + len + 2 > KB_SIZE)
		kb_flush(k);
	if (k->nfield++ > 0)
		k->b[k->n++] = ',';
	memcpy(k->b + k->n, s, len);
	k->n += len;
}

/*
 * A rate in [0, 1] with 2 decimals, the text of "%.2f" (which rounds the
 * double's exact binary value, an exact tie to even).  x = 100 v is
 * rounded, so its fraction f alone cannot tell at .5: then fma gives the
 * product's exact residual, whose sign decides (0: an exact tie, to
 * even).  Anywhere else f decides: x and the tie r + 0.5 are both
 * multiples of x's ulp, so when they differ they differ by more than
 * the product's rounding error.  Returns 4, or 0 for a value outside
 * [0, 1] (NaN too), which the caller prints another way.
 */
size_t
kdd_fmt_rate2(double v, char *p)
{
#define D10(t)	"0." #t "0", "0." #t "1", "0." #t "2", "0." #t "3", \
	"0." #t "4", "0." #t "5", "0." #t "6", "0." #t "7", "0." #t "8", \
	"0." #t "9"
	static const char txt[101][5] = {
		D10(0), D10(1), D10(2), D10(3), D10(4), D10(5), D10(6),
		D10(7), D10(8), D10(9), "1.00"
	};
#undef D10
	double x, f, err;
	long r;

	if (!(v >= 0.0 && v <= 1.0))
		return 0;
	x = v * 100.0;
	r = (long)x;
	f = x - (double)r;		/* exact */
	r += f > 0.5;
	if (f == 0.5) {
		err = fma(v, 100.0, -x);
		r += err > 0 || (err == 0 && (r & 1));
	}
	memcpy(p, txt[r], 4);
	return 4;
}

static void
rate2(struct kbuf *k, double v)
{
	char t[4];

	if (kdd_fmt_rate2(v, t) > 0) {
		memcpy(kb_field(k), t, sizeof(t));
		k->n += sizeof(t);
		return;
	}
	kb_flush(k);
	k->c->nfield = k->nfield;
	nf_csv_fixed(k->c, v, 2);
	k->nfield = k->c->nfield;
}

void
kdd_row_write(struct nf_csv *c, const struct kdd_out *o,
    const struct kdd_row *r, const struct kdd_traffic *t)
{
	const double rates[] = {
		t->serror_rate, t->srv_serror_rate, t->rerror_rate,
		t->srv_rerror_rate, t->same_srv_rate, t->diff_srv_rate,
		t->srv_diff_host_rate
	};
	const double hrates[] = {
		t->dst_host_same_srv_rate, t->dst_host_diff_srv_rate,
		t->dst_host_same_src_port_rate,
		t->dst_host_srv_diff_host_rate, t->dst_host_serror_rate,
		t->dst_host_srv_serror_rate, t->dst_host_rerror_rate,
		t->dst_host_srv_rerror_rate
	};
	struct kbuf k;
	size_t i;
	int n;

	k.c = c;
	k.n = 0;
	k.nfield = c->nfield;
	if (!o->pure) {
		kb_u64(&k, r->conn_id);
		kb_ts_us(&k, r->start_ns);
		kb_addr(&k, r->ipver, r->src);
		kb_u64(&k, r->sport);
		kb_addr(&k, r->ipver, r->dst);
		kb_u64(&k, r->dport);
	}
	/* 1-9: basic features. */
	kb_u64(&k, r->end_ns > r->start_ns ?
	    (r->end_ns - r->start_ns) / 1000000000ULL : 0);
	kb_str(&k, proto_name(r->proto));
	kb_str(&k, kdd_service_name(r->service));
	kb_str(&k, kdd_flag_name(r->flag));
	kb_u64(&k, r->src_bytes);
	kb_u64(&k, r->dst_bytes);
	kb_u64(&k, r->land);
	kb_u64(&k, r->wrong_fragment);
	kb_u64(&k, r->urgent);
	/* 10-22: content features (darpa29 keeps only hot, 10). */
	for (n = 10; n <= 22; n++)
		if (kdd_feature_on(o, n))
			kb_u64(&k, r->content[n - 10]);
	/* 23-41: traffic features. */
	kb_u64(&k, cap(o, t->count, KDD_CAP_COUNT));
	kb_u64(&k, cap(o, t->srv_count, KDD_CAP_COUNT));
	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		rate2(&k, rates[i]);
	kb_u64(&k, cap(o, t->dst_host_count, KDD_CAP_HOST));
	kb_u64(&k, cap(o, t->dst_host_srv_count, KDD_CAP_HOST));
	for (i = 0; i < sizeof(hrates) / sizeof(hrates[0]); i++)
		rate2(&k, hrates[i]);
	kb_str(&k, o->label != NULL ? o->label : "");
	k.b[k.n++] = '\n';	/* kb_str left room */
	kb_flush(&k);
	c->nfield = 0;
}
