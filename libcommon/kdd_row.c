/* kdd_row.c: one KDD connection record (features 1-22 and identity) and its CSV forms. */
#include <string.h>

#include "kdd_conn.h"
#include "kdd_row.h"
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
 * A rate in [0, 1] with 2 decimals, the same text as "%.2f": digits by
 * integer arithmetic unless the value is within 1e-9 of a rounding tie,
 * which goes to printf (its rounding of the binary value decides).
 */
static void
rate2(struct nf_csv *c, double v)
{
	char buf[8];
	double x, f;
	long k;

	if (!(v >= 0.0 && v <= 1.0)) {
		nf_csv_fixed(c, v, 2);
		return;
	}
	x = v * 100.0;
	k = (long)x;
	f = x - (double)k;
	if (f > 0.5 - 1e-9 && f < 0.5 + 1e-9) {
		nf_csv_fixed(c, v, 2);
		return;
	}
	if (f > 0.5)
		k++;
	buf[0] = (char)('0' + k / 100);
	buf[1] = '.';
	buf[2] = (char)('0' + (k / 10) % 10);
	buf[3] = (char)('0' + k % 10);
	buf[4] = '\0';
	nf_csv_str(c, buf);
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
	size_t i;
	int n;

	if (!o->pure) {
		nf_csv_u64(c, r->conn_id);
		nf_csv_ts_us(c, r->start_ns);
		nf_csv_addr(c, r->ipver, r->src);
		nf_csv_u64(c, r->sport);
		nf_csv_addr(c, r->ipver, r->dst);
		nf_csv_u64(c, r->dport);
	}
	/* 1-9: basic features. */
	nf_csv_u64(c, r->end_ns > r->start_ns ?
	    (r->end_ns - r->start_ns) / 1000000000ULL : 0);
	nf_csv_str(c, proto_name(r->proto));
	nf_csv_str(c, kdd_service_name(r->service));
	nf_csv_str(c, kdd_flag_name(r->flag));
	nf_csv_u64(c, r->src_bytes);
	nf_csv_u64(c, r->dst_bytes);
	nf_csv_u64(c, r->land);
	nf_csv_u64(c, r->wrong_fragment);
	nf_csv_u64(c, r->urgent);
	/* 10-22: content features (darpa29 keeps only hot, 10). */
	for (n = 10; n <= 22; n++)
		if (kdd_feature_on(o, n))
			nf_csv_u64(c, r->content[n - 10]);
	/* 23-41: traffic features. */
	nf_csv_u64(c, cap(o, t->count, KDD_CAP_COUNT));
	nf_csv_u64(c, cap(o, t->srv_count, KDD_CAP_COUNT));
	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		rate2(c, rates[i]);
	nf_csv_u64(c, cap(o, t->dst_host_count, KDD_CAP_HOST));
	nf_csv_u64(c, cap(o, t->dst_host_srv_count, KDD_CAP_HOST));
	for (i = 0; i < sizeof(hrates) / sizeof(hrates[0]); i++)
		rate2(c, hrates[i]);
	nf_csv_str(c, o->label != NULL ? o->label : "");
	nf_csv_eol(c);
}
