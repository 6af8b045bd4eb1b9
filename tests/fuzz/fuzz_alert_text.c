/* fuzz_alert_text: libFuzzer target for the text alert parsers (alert_fast, alert_full, Suricata fast.log) and format detection. */

/*
 * The input is a log: it is split into lines, each line goes through the
 * fast-line parser and the whole sequence through the alert_full block
 * parser; format detection sees the whole buffer.  Every alert returned
 * must be self-consistent (IP version 0, 4 or 6; NUL-terminated strings).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alert_read.h"
#include "alert_text.h"
#include "alert_time.h"

static void
check(const struct nf_alert *a)
{
	if (a->ip_version != 0 && a->ip_version != 4 && a->ip_version != 6)
		abort();
	if (memchr(a->msg, '\0', sizeof(a->msg)) == NULL ||
	    memchr(a->classification, '\0', sizeof(a->classification)) == NULL)
		abort();
	if (a->proto < -1 || a->proto > 255)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_tsctx tc;
	struct nf_full f;
	struct nf_alert a;
	const char *p, *e, *nl;
	char err[256];
	unsigned long line;

	setenv("TZ", "UTC", 1);
	nf_tsctx_init(&tc, 2020, 1, 6);
	(void)nf_alert_detect((const char *)data, size);
	nf_full_init(&f);
	line = 0;
	for (p = (const char *)data, e = p + size; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		line++;
		if (nf_fast_line(p, (size_t)(nl - p), &tc, &a, err,
		    sizeof(err)) == NF_LINE_ALERT)
			check(&a);
		if (nf_full_line(&f, p, (size_t)(nl - p), line, &tc, &a, err,
		    sizeof(err)) == NF_LINE_ALERT)
			check(&a);
	}
	if (nf_full_end(&f, &a, err, sizeof(err)) == NF_LINE_ALERT)
		check(&a);
	return 0;
}
