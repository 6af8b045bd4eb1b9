/* csvout.c: RFC 4180 CSV output, locale-independent numbers, quoting only when needed. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvout.h"
#include "util.h"

void
nf_csv_init(struct nf_csv *c, FILE *fp)
{
	c->fp = fp;
	c->nfield = 0;
}

static void
sep(struct nf_csv *c)
{
	if (c->nfield++ > 0)
		putc(',', c->fp);
}

void
nf_csv_header(struct nf_csv *c, const char *const *names)
{
	for (; *names != NULL; names++)
		nf_csv_str(c, *names);
	nf_csv_eol(c);
}

void
nf_csv_str(struct nf_csv *c, const char *s)
{
	const char *p;

	sep(c);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, c->fp);
		return;
	}
	putc('"', c->fp);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', c->fp);
		putc(*p, c->fp);
	}
	putc('"', c->fp);
}

void
nf_csv_empty(struct nf_csv *c)
{
	sep(c);
}

void
nf_csv_u64(struct nf_csv *c, uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);

	sep(c);
	*--p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	fputs(p, c->fp);
}

void
nf_csv_i64(struct nf_csv *c, int64_t v)
{
	if (v < 0) {
		sep(c);
		fprintf(c->fp, "%" PRId64, v);
		return;
	}
	nf_csv_u64(c, (uint64_t)v);
}

static int
special(struct nf_csv *c, double v)
{
	if (isnan(v)) {
		fputs("NaN", c->fp);
		return 1;
	}
	if (isinf(v)) {
		fputs(v > 0 ? "Infinity" : "-Infinity", c->fp);
		return 1;
	}
	return 0;
}

void
nf_csv_fixed(struct nf_csv *c, double v, int prec)
{
	sep(c);
	if (!special(c, v))
		fprintf(c->fp, "%.*f", prec, v);
}

void
nf_csv_dbl(struct nf_csv *c, double v)
{
	char buf[40];
	int prec;

	sep(c);
	if (special(c, v))
		return;
	if (v == 0) {
		fputs("0", c->fp);
		return;
	}
	if (fabs(v) < 1e15 && v == (double)(int64_t)v) {
		fprintf(c->fp, "%" PRId64, (int64_t)v);
		return;
	}
	/*
	 * Shortest round trip.  Start at 15 digits: a double whose shortest
	 * form has p <= 15 digits prints exactly that form under %.15g (the
	 * 15-digit rounding of the double is the p-digit decimal, and %g
	 * drops the trailing zeros; a non-integer below 1e15 has exponent
	 * < p - 1, so the fixed/exponent choice is the same too).  Starting
	 * lower gives the same text for up to 9 more snprintf + strtod
	 * rounds per value, which dominated flow2cic's time.
	 */
	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (prec == 17)
		snprintf(buf, sizeof(buf), "%.17g", v);
	fputs(buf, c->fp);
}

void
nf_csv_ts_us(struct nf_csv *c, uint64_t ts_ns)
{
	sep(c);
	fprintf(c->fp, "%" PRIu64 ".%06" PRIu64, (uint64_t)(ts_ns / 1000000000U),
	    (uint64_t)((ts_ns % 1000000000U) / 1000));
}

void
nf_csv_ts_ns(struct nf_csv *c, uint64_t ts_ns)
{
	sep(c);
	fprintf(c->fp, "%" PRIu64 ".%09" PRIu64, (uint64_t)(ts_ns / 1000000000U),
	    (uint64_t)(ts_ns % 1000000000U));
}

void
nf_csv_addr(struct nf_csv *c, int ip_version, const uint8_t addr[16])
{
	char buf[NF_ADDRSTRLEN];

	sep(c);
	fputs(nf_addr_str(ip_version, addr, buf), c->fp);
}

void
nf_csv_eol(struct nf_csv *c)
{
	putc('\n', c->fp);
	c->nfield = 0;
}

char *
nf_fmt_iso8601(uint64_t ts_ns, char *buf)
{
	time_t t = (time_t)(ts_ns / 1000000000ULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		strcpy(buf, "");
		return buf;
	}
	snprintf(buf, 32, "%04u-%02u-%02uT%02u:%02u:%02u.%06uZ",
	    (unsigned)(tm.tm_year + 1900) % 10000U,
	    (unsigned)(tm.tm_mon + 1) % 100U, (unsigned)tm.tm_mday % 100U,
	    (unsigned)tm.tm_hour % 100U, (unsigned)tm.tm_min % 100U,
	    (unsigned)tm.tm_sec % 100U,
	    (unsigned)((ts_ns % 1000000000U) / 1000));
	return buf;
}
