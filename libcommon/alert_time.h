/* alert_time.h: IDS log timestamps (Snort's year-less MM/DD-hh:mm:ss, ISO 8601) to epoch, in a chosen time zone. */
#ifndef NF_ALERT_TIME_H
#define NF_ALERT_TIME_H

#include <stddef.h>
#include <stdint.h>

/*
 * Local wall-clock times are converted with mktime() in the process time
 * zone.  nf_tz_push() switches the zone (setenv TZ + tzset) and
 * nf_tz_pop() restores the previous one; this touches global state and is
 * meant for single-threaded programs (snort2csv sets it once around all
 * parsing).  Conversions are cached per local minute.
 */
struct nf_tzsave {
	char	*old;		/* previous TZ value (malloc'd) or NULL */
	int	 had;		/* TZ was set before */
};

/* 1 if zone names a zone the C library knows (a file under TZDIR or
 * /usr/share/zoneinfo, "UTC"/"GMT", or a POSIX TZ rule such as "EST5EDT"). */
int	nf_tz_valid(const char *zone);
int	nf_tz_push(const char *zone, struct nf_tzsave *);
void	nf_tz_pop(struct nf_tzsave *);

/*
 * Year context for Snort timestamps without a year.  year is used for
 * them; when year_guess is set (the year came from a file's modification
 * time, whose month is ref_mon 1-12) a timestamp in a later month than
 * ref_mon belongs to the previous year (a log written over New Year).
 * missing_year is set to 1 the first time a year-less stamp is converted,
 * so the caller can warn once.
 */
struct nf_tsctx {
	int	year;
	int	year_guess;
	int	ref_mon;
	int	missing_year;
	/* Cache of the last local minute converted. */
	int	c_key[5];
	int64_t	c_epoch;
	int	c_valid;
};

void	nf_tsctx_init(struct nf_tsctx *, int year, int year_guess,
	    int ref_mon);

/*
 * Snort/Suricata text timestamp at s (at most n bytes):
 *   MM/DD-hh:mm:ss.uuuuuu          (no year: the context's year)
 *   MM/DD/YY-hh:mm:ss.uuuuuu       (snort -y; YY 70-99 = 19YY else 20YY)
 *   MM/DD/YYYY-hh:mm:ss.uuuuuu     (Suricata)
 * The fraction may have 1-9 digits or be absent.  Local time in the
 * current zone.  Returns the number of bytes used (> 0) with *ts_ns set,
 * or 0 if s does not start with such a timestamp (or it is out of range).
 */
size_t	nf_snort_ts_parse(const char *s, size_t n, struct nf_tsctx *,
	    uint64_t *ts_ns);

/*
 * ISO 8601 "YYYY-MM-DDThh:mm:ss[.frac][Z|+hh[:]mm|-hh[:]mm]" (a space
 * instead of T is accepted); without a zone the time is local.  Returns
 * bytes used or 0.
 */
size_t	nf_iso8601_parse(const char *s, size_t n, struct nf_tsctx *,
	    uint64_t *ts_ns);

/* Local broken-down time to epoch seconds via the cache; -1 on error
 * (times before 1970 are errors). */
int	nf_local_epoch(struct nf_tsctx *, int y, int mon, int d, int h,
	    int mi, int s, int64_t *out);

/* Days since 1970-01-01 of a proleptic Gregorian date (no time zone). */
int64_t	nf_days_from_civil(int y, int m, int d);

#endif
