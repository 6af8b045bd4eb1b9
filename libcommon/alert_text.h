/* alert_text.h: parsers for the text alert logs: Snort alert_fast, alert_full blocks, Suricata fast.log. */
#ifndef NF_ALERT_TEXT_H
#define NF_ALERT_TEXT_H

#include <stddef.h>

#include "alert.h"
#include "alert_time.h"

/* Results of the line parsers of all alert units. */
enum {
	NF_LINE_BAD = -1,	/* looks like an alert but is malformed */
	NF_LINE_SKIP = 0,	/* not an alert (trace output, other event) */
	NF_LINE_ALERT = 1	/* *a holds an alert */
};

/*
 * One alert_fast / Suricata fast.log line (without its newline):
 *
 *   TIMESTAMP [action]* [**] [gid:sid:rev] MSG [**] [Classification: C]
 *       [Priority: P] [AppID: X] {PROTO} SRC[:PORT] -> DST[:PORT]
 *
 * TIMESTAMP is any form nf_snort_ts_parse() takes; MSG may be quoted
 * (Snort 3); Classification, Priority and AppID are optional; PROTO is a
 * name, a number or "PROTO:NNN".  A line that does not start with a
 * timestamp followed by "[**]" or an action tag is SKIP (Snort prints
 * other output to the same stream); one that does but breaks later is BAD
 * with a reason in err.  Snort 3 alert_ex lines ('gid:sid:rev "msg"',
 * without time or addresses) are accepted too.
 */
int	nf_fast_line(const char *l, size_t n, struct nf_tsctx *,
	    struct nf_alert *a, char *err, size_t errlen);

/*
 * alert_full: multi-line blocks separated by blank lines:
 *
 *   [**] [gid:sid:rev] MSG [**]
 *   [Classification: C] [Priority: P]        (either part optional)
 *   TIMESTAMP SRC[:PORT] -> DST[:PORT]
 *   PROTO TTL:.. TOS:.. ID:.. IpLen:.. DgmLen:..
 *   ... protocol lines, [Xref => ...] ...
 *
 * With snort -e the timestamp line holds the MAC addresses and the IP
 * endpoints move to the next line.  Feed lines in order; the parser
 * returns ALERT when a block is complete (at the blank line or the next
 * header; call nf_full_end() at end of input), BAD for a broken block
 * (reported once, at its end), SKIP otherwise.  line_no of the block's
 * first line is kept in start_line for messages.
 */
struct nf_full {
	struct nf_alert	 a;
	int		 state;		/* 0 outside a block, else in one */
	int		 bad;		/* block broken: reason in why */
	int		 need_addr;	/* -e: endpoints on the next line */
	unsigned long	 start_line;
	char		 ep[2][64];	/* endpoints until proto is known */
	char		 why[96];
};

void	nf_full_init(struct nf_full *);
int	nf_full_line(struct nf_full *, const char *l, size_t n,
	    unsigned long line_no, struct nf_tsctx *, struct nf_alert *out,
	    char *err, size_t errlen);
int	nf_full_end(struct nf_full *, struct nf_alert *out, char *err,
	    size_t errlen);

/* 1 if the line opens an alert_full block ("[**] [g:s:r] ..."). */
int	nf_full_is_header(const char *l, size_t n);

#endif
