/* kdd_row.h: one KDD connection record (features 1-22 and identity) and its CSV forms. */
#ifndef NF_KDD_ROW_H
#define NF_KDD_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "csvout.h"
#include "kdd_content.h"
#include "kdd_window.h"

/*
 * A finished connection, waiting in the reorder buffer for its traffic
 * features.  120 bytes.
 */
struct kdd_row {
	uint64_t conn_id;
	uint64_t start_ns;
	uint64_t end_ns;
	uint64_t src_bytes;
	uint64_t dst_bytes;
	uint8_t	 src[16];
	uint8_t	 dst[16];
	uint32_t svckey;
	uint32_t urgent;
	uint16_t sport;
	uint16_t dport;
	uint16_t wrong_fragment;
	uint16_t content[KDD_NCFEAT];
	uint8_t	 ipver;
	uint8_t	 proto;
	uint8_t	 service;
	uint8_t	 flag;
	uint8_t	 land;
};

/* Output options. */
struct kdd_out {
	int	 pure;		/* 41 features + label, no header */
	int	 darpa29;	/* features 1-10 and 23-41 only */
	int	 nocaps;	/* do not cap counts at 511/255 */
	const char *label;
};

#define KDD_CAP_COUNT	511	/* count, srv_count */
#define KDD_CAP_HOST	255	/* dst_host_count, dst_host_srv_count */

/* The kddcup.names name of feature n (1..41). */
const char *kdd_feature_name(int n);
/* Whether feature n is printed under the options. */
int	kdd_feature_on(const struct kdd_out *, int n);
/* The window entry of a row, with window time ts. */
void	kdd_row_wrec(const struct kdd_row *, uint64_t ts, struct kdd_wrec *);
/* Header row (nothing with --pure). */
void	kdd_row_header(struct nf_csv *, const struct kdd_out *);
void	kdd_row_write(struct nf_csv *, const struct kdd_out *,
	    const struct kdd_row *, const struct kdd_traffic *);
/* A rate in [0, 1] as "%.2f" prints it, without printf: writes 4 bytes
 * (no NUL) and returns 4; 0 (nothing written) outside [0, 1] or NaN. */
size_t	kdd_fmt_rate2(double v, char *buf);

#endif
