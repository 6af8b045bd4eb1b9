/* csvout.h: RFC 4180 CSV output, locale-independent numbers, quoting only when needed. */
#ifndef NF_CSVOUT_H
#define NF_CSVOUT_H

#include <stdint.h>
#include <stdio.h>

/*
 * A row writer over a stdio stream.  Fields are separated by commas; a
 * string is quoted only when it holds a comma, quote, CR or LF (quotes
 * doubled).  Numbers never depend on LC_NUMERIC.  Write errors surface at
 * nf_close_output() (util.h).
 */
struct nf_csv {
	FILE	*fp;
	int	 nfield;	/* fields written in the current row */
};

void	nf_csv_init(struct nf_csv *, FILE *fp);
/* Header row from a NULL-terminated array of names. */
void	nf_csv_header(struct nf_csv *, const char *const *names);
void	nf_csv_str(struct nf_csv *, const char *s);
void	nf_csv_empty(struct nf_csv *);
void	nf_csv_u64(struct nf_csv *, uint64_t v);
void	nf_csv_i64(struct nf_csv *, int64_t v);
/* Fixed-point with prec decimals ("%.*f"); NaN and infinities print as
 * "NaN", "Infinity", "-Infinity" (the CICFlowMeter spelling). */
void	nf_csv_fixed(struct nf_csv *, double v, int prec);
/* Shortest round-trip form ("%.17g" trimmed to the shortest that reads back
 * equal); integers print without a decimal point. */
void	nf_csv_dbl(struct nf_csv *, double v);
/* Epoch seconds with 6 (or 9) decimals from nanoseconds. */
void	nf_csv_ts_us(struct nf_csv *, uint64_t ts_ns);
void	nf_csv_ts_ns(struct nf_csv *, uint64_t ts_ns);
/* IP address text (RFC 5952 for IPv6); ip_version 0 prints empty. */
void	nf_csv_addr(struct nf_csv *, int ip_version, const uint8_t addr[16]);
/* End the row with "\n". */
void	nf_csv_eol(struct nf_csv *);

/* Format ts_ns as ISO 8601 UTC with microseconds
 * ("2017-07-03T11:55:58.598000Z", always NF_ISO8601_LEN characters: 2^64
 * ns is year 2554) into buf (>= 32 bytes); returns buf.  Keeps the last
 * second's text (static: not for threads). */
#define NF_ISO8601_LEN	27
char	*nf_fmt_iso8601(uint64_t ts_ns, char *buf);

#endif
