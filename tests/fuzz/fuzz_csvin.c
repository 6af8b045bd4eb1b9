/* fuzz_csvin.c: libFuzzer target for the streaming CSV reader (csvin.c) and the label value parsers it feeds. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csvin.h"
#include "label.h"
#include "labelcsv.h"

/*
 * The input is read as a CSV; every row is re-emitted through nf_csvbuf
 * and, when it is a header with identity columns, later rows are parsed as
 * flows.  The first field of each row also goes through the time, address,
 * CIDR and protocol parsers.  Crashes, leaks and sanitizer reports are the
 * findings; every result is otherwise accepted.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_csvin in;
	struct nf_csvbuf b = { NULL, 0, 0 };
	struct nf_lcols cols;
	struct nf_lbl_row row;
	char err[512];
	uint8_t a[16];
	int64_t us;
	int have = 0, plen, proto;
	size_t i;
	FILE *fp;

	if (size == 0)
		return 0;
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	if (nf_csvin_open(&in, fp, "fuzz") == -1) {
		fclose(fp);
		return 0;
	}
	while (nf_csvin_next(&in) == 1) {
		for (i = 0; i < in.nf; i++)
			(void)nf_csvbuf_field(&b, in.field[i], in.flen[i],
			    in.nf == 1);
		b.len = 0;
		if (in.nf > 0) {
			(void)nf_lbl_parse_time(in.field[0], &us);
			(void)nf_lbl_parse_addr(in.field[0], a);
			(void)nf_lbl_parse_cidr(in.field[0], a, &plen);
			(void)nf_lbl_parse_proto(in.field[0], &proto);
		}
		if (!have) {
			have = nf_lcols_find(&cols, in.field, in.nf, 1, err,
			    sizeof(err)) == 0;
			continue;
		}
		if (in.nf == cols.ncols)
			(void)nf_lcols_row(&cols, in.field, &row, err,
			    sizeof(err));
	}
	nf_csvin_close(&in);
	nf_csvbuf_free(&b);
	fclose(fp);
	return 0;
}
