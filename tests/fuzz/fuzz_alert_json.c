/* fuzz_alert_json: libFuzzer target for the JSON alert parsers (Snort 3 alert_json, Suricata eve.json). */

/*
 * The input is split into lines; each goes through the JSON line parser
 * and the sniffer.  Alerts must be self-consistent.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alert_json.h"
#include "alert_text.h"
#include "alert_time.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_tsctx tc;
	struct nf_alert a;
	const char *p, *e, *nl;
	char err[256];
	int kind;

	setenv("TZ", "UTC", 1);
	nf_tsctx_init(&tc, 2020, 1, 6);
	for (p = (const char *)data, e = p + size; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		(void)nf_json_sniff(p, (size_t)(nl - p));
		if (nf_json_line(p, (size_t)(nl - p), &tc, &a, &kind, err,
		    sizeof(err)) == NF_LINE_ALERT) {
			if (a.ip_version != 0 && a.ip_version != 4 &&
			    a.ip_version != 6)
				abort();
			if (memchr(a.msg, '\0', sizeof(a.msg)) == NULL)
				abort();
		}
	}
	return 0;
}
