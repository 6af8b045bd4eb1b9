/* progress.c: a rate-limited one-line progress display (bytes, packets, percent, rate, ETA) on stderr. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "progress.h"

uint64_t
nf_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void
nf_progress_init(struct nf_progress *p, FILE *fp, uint64_t total)
{
	memset(p, 0, sizeof(*p));
	p->fp = fp;
	p->total = total;
	p->start_ns = p->last_ns = nf_monotonic_ns();
}

static void
fmt_bytes(char *buf, size_t len, double b)
{
	static const char *const unit[] = { "B", "kB", "MB", "GB", "TB" };
	int i = 0;

	while (b >= 1000 && i < 4) {
		b /= 1000;
		i++;
	}
	snprintf(buf, len, i == 0 ? "%.0f %s" : "%.1f %s", b, unit[i]);
}

void
nf_progress_format(char *buf, size_t len, uint64_t bytes, uint64_t total,
    uint64_t packets, uint64_t elapsed_ns)
{
	char b1[32], b2[32], r[32];
	double secs = (double)elapsed_ns / 1e9, rate;
	uint64_t eta;

	rate = secs > 0 ? (double)bytes / secs : 0;
	fmt_bytes(b1, sizeof(b1), (double)bytes);
	fmt_bytes(r, sizeof(r), rate);
	if (total > 0) {
		fmt_bytes(b2, sizeof(b2), (double)total);
		if (rate > 0 && bytes <= total) {
			eta = (uint64_t)((double)(total - bytes) / rate + 0.5);
			snprintf(buf, len, "%s of %s (%d%%), %" PRIu64
			    " packets, %s/s, ETA %" PRIu64 ":%02" PRIu64,
			    b1, b2, (int)(100.0 * (double)bytes /
			    (double)total), packets, r, eta / 60, eta % 60);
		} else
			snprintf(buf, len, "%s of %s (%d%%), %" PRIu64
			    " packets", b1, b2, bytes <= total ? (int)(100.0 *
			    (double)bytes / (double)total) : 100, packets);
	} else
		snprintf(buf, len, "%s, %" PRIu64 " packets, %s/s", b1,
		    packets, r);
}

void
nf_progress_update(struct nf_progress *p, uint64_t bytes, uint64_t packets,
    int force)
{
	char line[160];
	uint64_t now = nf_monotonic_ns();
	int n;

	if (!force && now - p->last_ns < NF_PROGRESS_INTERVAL)
		return;
	p->last_ns = now;
	nf_progress_format(line, sizeof(line), bytes, p->total, packets,
	    now - p->start_ns);
	n = (int)strlen(line);
	/* Pad over the remains of a longer previous line. */
	fprintf(p->fp, "\r%s%*s", line, p->shown > n ? p->shown - n : 0, "");
	fflush(p->fp);
	p->shown = n;
}

void
nf_progress_clear(struct nf_progress *p)
{
	if (p->shown == 0)
		return;
	fprintf(p->fp, "\r%*s\r", p->shown, "");
	fflush(p->fp);
	p->shown = 0;
}
