/* fuzz_alert_csv: libFuzzer target for the alert_csv parser (libcsv strict mode, layout choice and inference). */

/*
 * The input is a log: line by line through one parser (so the layout
 * chosen on the first line applies to the rest, as in a file); when the
 * first byte is odd a custom field list is set first.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alert_csv.h"
#include "alert_text.h"
#include "alert_time.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_acsv c;
	struct nf_tsctx tc;
	struct nf_alert a;
	const char *p, *e, *nl;
	char err[256];

	setenv("TZ", "UTC", 1);
	nf_tsctx_init(&tc, 2020, 1, 6);
	if (nf_acsv_init(&c) < 0)
		return 0;
	if (size > 0 && (data[0] & 1))
		(void)nf_acsv_set_fields(&c, "gid sid rev msg src_ap dst_ap "
		    "proto seconds timestamp class priority src_port", err,
		    sizeof(err));
	for (p = (const char *)data, e = p + size; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if (nf_acsv_line(&c, p, (size_t)(nl - p), &tc, &a, err,
		    sizeof(err)) == NF_LINE_ALERT &&
		    a.ip_version != 0 && a.ip_version != 4 && a.ip_version != 6)
			abort();
	}
	nf_acsv_free(&c);
	return 0;
}
