/* progress.h: a rate-limited one-line progress display (bytes, packets, percent, rate, ETA) on stderr. */
#ifndef NF_PROGRESS_H
#define NF_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

/* Updates at most this often (ns): about 4 per second. */
#define NF_PROGRESS_INTERVAL	250000000ULL

struct nf_progress {
	FILE		*fp;
	uint64_t	 start_ns;	/* monotonic clock at start */
	uint64_t	 last_ns;	/* last update */
	uint64_t	 total;		/* total bytes, 0 if unknown */
	int		 shown;		/* chars of the last line */
};

void	nf_progress_init(struct nf_progress *, FILE *fp, uint64_t total);
/* Redraw when the interval has passed (or force).  Cheap otherwise. */
void	nf_progress_update(struct nf_progress *, uint64_t bytes,
	    uint64_t packets, int force);
/* Erase the line. */
void	nf_progress_clear(struct nf_progress *);
/* Monotonic clock in ns. */
uint64_t nf_monotonic_ns(void);

/*
 * Format one progress line (no CR) into buf: "12.3 MB of 45.6 MB (27%),
 * 1234 packets, 3.4 MB/s, ETA 0:12" (the "of", percent and ETA parts only
 * when total is known).  elapsed_ns is the time since start.
 */
void	nf_progress_format(char *buf, size_t len, uint64_t bytes,
	    uint64_t total, uint64_t packets, uint64_t elapsed_ns);

#endif
