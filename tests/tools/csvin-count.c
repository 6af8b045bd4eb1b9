/* csvin-count.c: read a CSV with the csvin reader and print its row and field counts (parse floor for benchmarks, tests). */
#include <stdio.h>

#include "csvin.h"

int
main(int argc, char *argv[])
{
	struct nf_csvin in;
	unsigned long long rows = 0, fields = 0;
	FILE *fp = stdin;
	int rc;

	if (argc > 1 && (fp = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	if (nf_csvin_open(&in, fp, argc > 1 ? argv[1] : "<stdin>") == -1)
		return 1;
	while ((rc = nf_csvin_next(&in)) == 1) {
		rows++;
		fields += in.nf;
	}
	printf("%llu rows %llu fields\n", rows, fields);
	if (rc == -1)
		fprintf(stderr, "csvin-count: %s\n", in.errmsg);
	nf_csvin_close(&in);
	return rc == -1;
}
