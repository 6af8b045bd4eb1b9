/* alert_time.c: IDS log timestamps (Snort's year-less MM/DD-hh:mm:ss, ISO 8601) to epoch, in a chosen time zone. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alert_time.h"

int
nf_tz_valid(const char *zone)
{
	const char *dir, *p;
	char path[4096];
	size_t i;

	if (zone == NULL || *zone == '\0' || strlen(zone) > 255)
		return 0;
	if (strcmp(zone, "UTC") == 0 || strcmp(zone, "GMT") == 0)
		return 1;
	if (*zone == ':')
		zone++;
	if (strstr(zone, "..") != NULL || *zone == '\0')
		return 0;
	/* A POSIX rule has an offset: letters then a digit or sign. */
	for (i = 0; isalpha((unsigned char)zone[i]); i++)
		;
	if (i >= 3 && (isdigit((unsigned char)zone[i]) || zone[i] == '+' ||
	    zone[i] == '-') && strchr(zone, '/') == NULL)
		return 1;
	if (zone[0] == '/')
		return access(zone, R_OK) == 0;
	if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	for (p = zone; *p; p++)
		if (!isalnum((unsigned char)*p) && strchr("/_-+", *p) == NULL)
			return 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, zone) >=
	    sizeof(path))
		return 0;
	return access(path, R_OK) == 0;
}

int
nf_tz_push(const char *zone, struct nf_tzsave *sv)
{
	const char *old;

	sv->old = NULL;
	sv->had = 0;
	if ((old = getenv("TZ")) != NULL) {
		sv->had = 1;
		if ((sv->old = strdup(old)) == NULL)
			return -1;
	}
	if (setenv("TZ", zone, 1) != 0) {
		free(sv->old);
		sv->old = NULL;
		return -1;
	}
	tzset();
	return 0;
}

void
nf_tz_pop(struct nf_tzsave *sv)
{
	if (sv->had && sv->old != NULL)
		setenv("TZ", sv->old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(sv->old);
	sv->old = NULL;
}

void
nf_tsctx_init(struct nf_tsctx *c, int year, int year_guess, int ref_mon)
{
	memset(c, 0, sizeof(*c));
	c->year = year;
	c->year_guess = year_guess;
	c->ref_mon = ref_mon;
}

/* Howard Hinnant's days_from_civil, a well-known public algorithm. */
int64_t
nf_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe, yy;

	yy = (int64_t)y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
mdays(int y, int m)
{
	static const int dm[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap;

	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : dm[m - 1];
}

static int
valid_date(int y, int mon, int d, int h, int mi, int s)
{
	return y >= 1970 && y <= 9999 && mon >= 1 && mon <= 12 && d >= 1 &&
	    d <= mdays(y, mon) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 &&
	    s >= 0 && s <= 60;
}

int
nf_local_epoch(struct nf_tsctx *c, int y, int mon, int d, int h, int mi,
    int s, int64_t *out)
{
	struct tm tm;
	time_t t;
	int key[5];

	if (!valid_date(y, mon, d, h, mi, s))
		return -1;
	key[0] = y;
	key[1] = mon;
	key[2] = d;
	key[3] = h;
	key[4] = mi;
	if (!c->c_valid || memcmp(key, c->c_key, sizeof(key)) != 0) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = mon - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = 0;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1 || t < 0)
			return -1;
		memcpy(c->c_key, key, sizeof(key));
		c->c_epoch = (int64_t)t;
		c->c_valid = 1;
	}
	*out = c->c_epoch + s;
	return 0;
}

/* Exactly w digits at s (w <= 9); -1 if not. */
static int
digits(const char *s, size_t n, size_t w)
{
	size_t i;
	int v;

	if (n < w)
		return -1;
	v = 0;
	for (i = 0; i < w; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Optional ".fraction" (1-9 digits) at s; nanoseconds in *ns, bytes used. */
static size_t
fraction(const char *s, size_t n, uint32_t *ns)
{
	size_t i;
	uint32_t v, scale;

	*ns = 0;
	if (n < 2 || s[0] != '.' || !isdigit((unsigned char)s[1]))
		return 0;
	v = 0;
	scale = 100000000;
	for (i = 1; i < n && isdigit((unsigned char)s[i]); i++) {
		if (i > 9)
			continue;	/* beyond nanoseconds: ignored */
		v += (uint32_t)(s[i] - '0') * scale;
		scale /= 10;
	}
	*ns = v;
	return i;
}

/* "hh:mm:ss" at s; returns 8 or 0. */
static size_t
hms(const char *s, size_t n, int *h, int *mi, int *sec)
{
	if (n < 8 || s[2] != ':' || s[5] != ':')
		return 0;
	if ((*h = digits(s, n, 2)) < 0 || (*mi = digits(s + 3, n - 3, 2)) < 0 ||
	    (*sec = digits(s + 6, n - 6, 2)) < 0)
		return 0;
	return 8;
}

size_t
nf_snort_ts_parse(const char *s, size_t n, struct nf_tsctx *c,
    uint64_t *ts_ns)
{
	int mon, d, y, h, mi, sec, yl;
	size_t off, k;
	uint32_t ns;
	int64_t t;

	/* MM/DD */
	if (n < 5 || s[2] != '/' || (mon = digits(s, n, 2)) < 0 ||
	    (d = digits(s + 3, n - 3, 2)) < 0)
		return 0;
	off = 5;
	yl = 0;
	y = 0;
	if (off < n && s[off] == '/') {
		off++;
		while (off + yl < n && isdigit((unsigned char)s[off + yl]))
			yl++;
		if (yl != 2 && yl != 4)
			return 0;
		y = digits(s + off, n - off, (size_t)yl);
		if (yl == 2)
			y += y >= 70 ? 1900 : 2000;
		off += (size_t)yl;
	}
	if (off >= n || s[off] != '-')
		return 0;
	off++;
	if ((k = hms(s + off, n - off, &h, &mi, &sec)) == 0)
		return 0;
	off += k;
	off += fraction(s + off, n - off, &ns);
	if (yl == 0) {
		y = c->year;
		if (c->year_guess && mon > c->ref_mon)
			y--;
		c->missing_year = 1;
	}
	if (nf_local_epoch(c, y, mon, d, h, mi, sec, &t) < 0)
		return 0;
	*ts_ns = (uint64_t)t * 1000000000u + ns;
	return off;
}

size_t
nf_iso8601_parse(const char *s, size_t n, struct nf_tsctx *c,
    uint64_t *ts_ns)
{
	int y, mon, d, h, mi, sec, oh, om, sign;
	size_t off, k;
	uint32_t ns;
	int64_t t;

	if (n < 19 || s[4] != '-' || s[7] != '-' ||
	    (s[10] != 'T' && s[10] != ' '))
		return 0;
	if ((y = digits(s, n, 4)) < 0 || (mon = digits(s + 5, n - 5, 2)) < 0 ||
	    (d = digits(s + 8, n - 8, 2)) < 0)
		return 0;
	if ((k = hms(s + 11, n - 11, &h, &mi, &sec)) == 0)
		return 0;
	off = 11 + k;
	off += fraction(s + off, n - off, &ns);
	if (!valid_date(y, mon, d, h, mi, sec))
		return 0;
	if (off < n && (s[off] == 'Z' || s[off] == 'z')) {
		off++;
		t = nf_days_from_civil(y, mon, d) * 86400 + h * 3600 +
		    mi * 60 + sec;
	} else if (off < n && (s[off] == '+' || s[off] == '-')) {
		sign = s[off] == '-' ? -1 : 1;
		off++;
		if ((oh = digits(s + off, n - off, 2)) < 0)
			return 0;
		off += 2;
		if (off < n && s[off] == ':')
			off++;
		if ((om = digits(s + off, n - off, 2)) < 0)
			om = 0;
		else
			off += 2;
		if (oh > 23 || om > 59)
			return 0;
		t = nf_days_from_civil(y, mon, d) * 86400 + h * 3600 +
		    mi * 60 + sec - sign * (oh * 3600 + om * 60);
	} else if (nf_local_epoch(c, y, mon, d, h, mi, sec, &t) < 0)
		return 0;
	if (t < 0)
		return 0;
	*ts_ns = (uint64_t)t * 1000000000u + ns;
	return off;
}
