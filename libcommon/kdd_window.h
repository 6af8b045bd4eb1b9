/* kdd_window.h: KDD traffic features 23-41 over a time window and a connection-count window. */
#ifndef NF_KDD_WINDOW_H
#define NF_KDD_WINDOW_H

#include <stddef.h>
#include <stdint.h>

/*
 * Connection records are added one by one in window-time order (start
 * time, spec section 5); each addition returns the traffic features of
 * the record just added, computed over
 *   - the time window: records whose time lies in [t - span, t], and
 *   - the host window: the last N records (N = host_n),
 * both including the current record.  Same host = same destination
 * address; same service = the service key (protocol + responder port, or
 * ICMP type: kdd_service_key); the srv sets ignore the host.
 *
 * Each window is a FIFO ring of small entries plus one counting hash map
 * (power-of-two open addressing, linear probing, load <= 1/2,
 * backward-shift deletion; an entry is removed when its count drops to
 * zero) holding, per key: records per host (with SYN/REJ error counts and
 * the number of distinct service names), per service key (with error
 * counts), per (host, service key), per (host, service name), and in the
 * host window per (service key, source port).  Each addition costs O(1)
 * expected time.  The time window holds at most tw_max entries: when a
 * burst exceeds it the oldest entries leave early (counted in
 * tw_overflow).
 */
#define KDD_TW_MAX_DEFAULT	(1U << 20)

enum kdd_diff_mode {
	KDD_DIFF_KDD = 0,	/* 0 if all same service, else #names / count */
	KDD_DIFF_COMPLEMENT	/* 1 - same_srv_rate */
};

/* What the windows need of a connection. */
struct kdd_wrec {
	uint64_t ts;		/* window time (ns) */
	uint8_t	 dst[16];	/* destination (responder) address */
	uint32_t svckey;	/* kdd_service_key() */
	uint16_t sport;		/* source (originator) port */
	uint8_t	 ipver;
	uint8_t	 name;		/* service name index */
	uint8_t	 err;		/* KDD_ERR_* */
};

#define KDD_ERR_S	0x01	/* flag in the SYN-error set */
#define KDD_ERR_R	0x02	/* flag in the REJ-error set */

/* Features 23-41.  Counts are true counts; callers cap on output. */
struct kdd_traffic {
	uint32_t count;
	uint32_t srv_count;
	uint32_t dst_host_count;
	uint32_t dst_host_srv_count;
	double	 serror_rate;
	double	 srv_serror_rate;
	double	 rerror_rate;
	double	 srv_rerror_rate;
	double	 same_srv_rate;
	double	 diff_srv_rate;
	double	 srv_diff_host_rate;
	double	 dst_host_same_srv_rate;
	double	 dst_host_diff_srv_rate;
	double	 dst_host_same_src_port_rate;
	double	 dst_host_srv_diff_host_rate;
	double	 dst_host_serror_rate;
	double	 dst_host_srv_serror_rate;
	double	 dst_host_rerror_rate;
	double	 dst_host_srv_rerror_rate;
};

/* A map key: 24 bytes without padding (hashed as three words). */
struct kdd_mkey {
	uint8_t	 addr[16];
	uint32_t svc;
	uint16_t port;
	uint8_t	 kind;
	uint8_t	 aux;
};

struct kdd_ment {
	struct kdd_mkey k;
	uint32_t n;		/* 0 = empty slot */
	uint32_t serr;
	uint32_t rerr;
	uint32_t names;
	uint32_t h;		/* hash of k */
};

/* The keys a connection counts under (kdd_window.c). */
#define KDD_NKEY	5

/* A connection in a window, with the hashes of its keys: computed once
 * when it comes in, used again when it leaves. */
struct kdd_wslot {
	struct kdd_wrec	 r;
	uint32_t	 h[KDD_NKEY];
};

struct kdd_win {
	struct kdd_wslot *ring;
	size_t		 cap;		/* ring capacity (power of two) */
	size_t		 head;
	size_t		 len;
	struct kdd_ment	*map;
	size_t		 mcap;		/* power of two */
	size_t		 mlen;
	int		 srcport;	/* keep (service, source port) counts */
};

struct kdd_window {
	struct kdd_win	 tw;		/* time window */
	struct kdd_win	 hw;		/* host (connection-count) window */
	uint64_t	 span_ns;
	uint32_t	 host_n;
	uint32_t	 tw_max;
	int		 diff_mode;
	uint64_t	 tw_overflow;
};

/* span_ns: time window length; host_n >= 1.  0, or -1 on ENOMEM. */
int	kdd_window_init(struct kdd_window *, uint64_t span_ns, uint32_t host_n,
	    int diff_mode);
void	kdd_window_free(struct kdd_window *);
/* Add r (current connection) and compute its features into *out.
 * 0, or -1 on ENOMEM (the window is then unchanged). */
int	kdd_window_add(struct kdd_window *, const struct kdd_wrec *r,
	    struct kdd_traffic *out);
/* Bytes of memory held (for reports). */
size_t	kdd_window_bytes(const struct kdd_window *);

#endif
