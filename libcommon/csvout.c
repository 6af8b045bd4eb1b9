/* csvout.c: RFC 4180 CSV output, locale-independent numbers, quoting only when needed. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "numfmt.h"
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
	char buf[24];

	sep(c);
	fwrite(buf, 1, nf_put_u64(buf, v), c->fp);
}

void
nf_csv_i64(struct nf_csv *c, int64_t v)
{
	char buf[24];

	sep(c);
	fwrite(buf, 1, nf_put_i64(buf, v), c->fp);
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

/* n decimal digits of v (zero-padded) at p; returns p + n. */
static char *
put_digits(char *p, unsigned v, int n)
{
	nf_put_fixed(p, v, (size_t)n);
	return p + n;
}

/*
 * The Gregorian date of a day count since 1970-01-01 (days >= 0), by the
 * era arithmetic of H. Hinnant's civil_from_days: days are shifted so a
 * year starts on 1 March (the leap day ends it) and eras of 400 years
 * (146097 days) repeat exactly.
 */
static void
civil_date(uint64_t days, unsigned *y, unsigned *m, unsigned *d)
{
	uint64_t z = days + 719468;	/* days since 0000-03-01 */
	uint64_t era = z / 146097;
	unsigned doe = (unsigned)(z - era * 146097);	/* [0, 146096] */
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;	/* March = 0 */

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (unsigned)(era * 400 + yoe) + (*m <= 2);
}

char *
nf_fmt_iso8601(uint64_t ts_ns, char *buf)
{
	/* The text up to the seconds of the last second formatted: rows
	 * come in time order, many a second (a flood: thousands). */
	static uint64_t last_sec = UINT64_MAX;
	static char last[20];
	uint64_t sec = ts_ns / 1000000000ULL;
	unsigned y, mo, d, sod = (unsigned)(sec % 86400);
	char *p = buf;

	if (sec != last_sec) {
		/* No gmtime_r and snprintf: a feature row prints one of
		 * these.  2^64 ns is year 2554: the year has 4 digits. */
		civil_date(sec / 86400, &y, &mo, &d);
		p = put_digits(p, y % 10000U, 4);
		*p++ = '-';
		p = put_digits(p, mo, 2);
		*p++ = '-';
		p = put_digits(p, d, 2);
		*p++ = 'T';
		p = put_digits(p, sod / 3600, 2);
		*p++ = ':';
		p = put_digits(p, sod / 60 % 60, 2);
		*p++ = ':';
		p = put_digits(p, sod % 60, 2);
		memcpy(last, buf, sizeof(last) - 1);
		last_sec = sec;
	} else {
		memcpy(buf, last, sizeof(last) - 1);
		p += sizeof(last) - 1;
	}
	*p++ = '.';
	p = put_digits(p, (unsigned)(ts_ns % 1000000000U / 1000), 6);
	*p++ = 'Z';
	*p = '\0';
	return buf;
}
