/* alert_csv.h: Snort 2 and Snort 3 alert_csv parser (libcsv, strict mode), default or custom field orders. */
#ifndef NF_ALERT_CSV_H
#define NF_ALERT_CSV_H

#include <stddef.h>

#include <csv.h>

#include "alert.h"
#include "alert_time.h"

/* Most fields in one alert_csv line (Snort 3 has 45 field kinds). */
#define NF_ACSV_MAXF	64

/*
 * Field orders.  Snort 2's default (output alert_csv: default):
 *   timestamp,sig_generator,sig_id,sig_rev,msg,proto,src,srcport,dst,
 *   dstport,ethsrc,ethdst,ethlen,tcpflags,tcpseq,tcpack,tcplen,tcpwindow,
 *   ttl,tos,id,dgmlen,iplen,icmptype,icmpcode,icmpid,icmpseq
 * separated by ",", msg quoted.  Snort 3's default (alert_csv.fields):
 *   timestamp pkt_num proto pkt_gen pkt_len dir src_ap dst_ap rule action
 * separated by ", ".  Snort 3 with every field writes them in its table
 * order (action class b64_data dir dst_addr ... udp_len vlan).
 *
 * Without --csv-fields the layout is chosen from the first line with more
 * than one field: a header row of field names gives it directly; else 27
 * fields = Snort 2 default, 10 = Snort 3 default, 45 =
 * Snort 3 all fields, provided the line parses that way; otherwise the
 * columns are inferred from their content (a timestamp, a gid:sid:rev
 * rule, two addr:port endpoints or two addresses, a protocol name), which
 * covers Snort 3 field lists that drop or reorder fields.  The layout then
 * holds for the rest of the file.
 */
struct nf_acsv {
	struct csv_parser p;
	int		 nf;		/* fields in the layout, 0 = unknown */
	int		 fixed;		/* layout from --csv-fields */
	int		 ncur;		/* fields of the current line */
	int		 overflow;	/* more than NF_ACSV_MAXF fields */
	int		 err;		/* libcsv error of the last line */
	uint8_t		 kind[NF_ACSV_MAXF];
	char		*field[NF_ACSV_MAXF];	/* current line's fields */
	size_t		 flen[NF_ACSV_MAXF];
	size_t		 fcap[NF_ACSV_MAXF];
	const char	*layout;	/* name of the layout, for messages */
};

/* Returns 0, or -1 (out of memory). */
int	nf_acsv_init(struct nf_acsv *);
/* Always releases the libcsv parser (after csv_fini) and field buffers. */
void	nf_acsv_free(struct nf_acsv *);

/*
 * Fix the layout from a list of Snort 2 or Snort 3 field names separated
 * by commas and/or spaces ("default", "snort2" and "snort3" name the
 * default orders).  Returns 0, or -1 with the unknown name in err.
 */
int	nf_acsv_set_fields(struct nf_acsv *, const char *list, char *err,
	    size_t errlen);

/*
 * One line (without newline).  Returns NF_LINE_ALERT with *a filled,
 * NF_LINE_SKIP for a blank line or one without a separator (trace output
 * Snort mixes into stdout), NF_LINE_BAD with the reason in err.
 */
int	nf_acsv_line(struct nf_acsv *, const char *l, size_t n,
	    struct nf_tsctx *, struct nf_alert *a, char *err, size_t errlen);

/* 1 if the line looks like an alert_csv line (for format detection). */
int	nf_acsv_sniff(const char *l, size_t n, struct nf_tsctx *);

#endif
