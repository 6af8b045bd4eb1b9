/* fuzz_unified2: libFuzzer target for the unified2 decoder and the streaming alert reader. */

/*
 * The input is a unified2 file.  It is decoded in memory (nf_u2_scan) and
 * again through the streaming reader (nf_alert_read over fmemopen); both
 * must see the same number of events, and the scan must never claim more
 * bytes than it was given.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "alert_read.h"
#include "unified2.h"

static unsigned long nscan, nread;

static void
count_scan(void *arg, const struct nf_alert *a)
{
	(void)arg;
	if (a->ip_version != 0 && a->ip_version != 4 && a->ip_version != 6)
		abort();
	nscan++;
}

static void
count_read(void *arg, struct nf_alert *a)
{
	(void)arg;
	(void)a;
	nread++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_alert_opts o = { 0 };
	struct nf_alert_stats st;
	char err[256];
	size_t used;
	FILE *fp;
	int bad;

	nscan = nread = 0;
	used = nf_u2_scan(data, size, count_scan, NULL, &bad, err,
	    sizeof(err));
	if (used > size || (!bad && used != size))
		abort();
	if (size == 0 || (fp = fmemopen((void *)data, size, "rb")) == NULL)
		return 0;
	o.format = NF_FMT_UNIFIED2;
	o.year = 2020;
	nf_alert_read(fp, "fuzz", &o, count_read, NULL, &st);
	fclose(fp);
	if (nread != nscan)
		abort();
	return 0;
}
