/* gencsv: deterministic flow2csv-shaped feature CSV and matching alert CSV for the csvlabel benchmark. */

/*
 * usage: gencsv [--bytes N] [--alerts N] [--seed N] FEATURES.csv ALERTS.csv
 *
 * FEATURES.csv gets the flow2csv full columns, rows until it holds at
 * least --bytes (default 1 GB = 10^9) bytes: flows between 65536 clients
 * and 4096 servers, one every ~50 us.  ALERTS.csv gets --alerts (default
 * 100000) rows in snort2csv's columns, each one lying inside a row's
 * time span on that row's 5-tuple (rows picked uniformly), in row order
 * (times nearly sorted, as IDS logs are).  Both come from a seeded PRNG: the same options give the same
 * bytes.
 */

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

/* Row i's fields, recomputable from i alone (for the alerts). */
struct row {
	uint64_t	 start_us;
	uint64_t	 dur_us;
	uint32_t	 client;
	uint32_t	 server;
	uint16_t	 sport;
	uint16_t	 dport;
};

static void
row_of(uint64_t i, uint64_t seed, struct row *r)
{
	uint64_t save = rng_state;

	rng_state = seed ^ (i * 0xd1342543de82ef95ULL);
	r->start_us = 1500000000ULL * 1000000 + i * 50 + rndn(50);
	r->dur_us = rndn(8) == 0 ? rndn(120000000) : rndn(2000000);
	r->client = rndn(65536);
	r->server = rndn(4096);
	r->sport = (uint16_t)(1024 + rndn(60000));
	r->dport = rndn(2) ? 443 : 80;
	rng_state = save;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "bytes", required_argument, NULL, 'b' },
		{ "alerts", required_argument, NULL, 'a' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t bytes = 1000000000ULL, nalerts = 100000, seed = 7, i, nrows;
	uint64_t written = 0, *pick, fp, bp, fb, bb;
	struct row r;
	FILE *f, *a;
	int c, n;

	while ((c = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			bytes = strtoull(optarg, NULL, 10);
			break;
		case 'a':
			nalerts = strtoull(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	if ((f = fopen(argv[optind], "w")) == NULL ||
	    (a = fopen(argv[optind + 1], "w")) == NULL) {
		perror("gencsv");
		return 1;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	rng_state = seed;
	n = fprintf(f, "flow_id,start,end,duration,src_ip,src_port,dst_ip,"
	    "dst_port,protocol,vlan,fwd_packets,bwd_packets,fwd_bytes,"
	    "bwd_bytes,fwd_payload_bytes,bwd_payload_bytes,syn_count,"
	    "fin_count,rst_count,psh_count,ack_count,urg_count,ece_count,"
	    "cwr_count,end_reason\n");
	written += (uint64_t)n;
	for (i = 0; written < bytes; i++) {
		row_of(i, seed, &r);
		fp = 3 + rndn(20);
		bp = 2 + rndn(30);
		fb = fp * 66 + rndn(3000);
		bb = bp * 66 + rndn(40000);
		n = fprintf(f, "%llu,%llu.%06llu,%llu.%06llu,%llu.%06llu,"
		    "10.%u.%u.%u,%u,192.0.%u.%u,%u,6,,%llu,%llu,%llu,%llu,"
		    "%llu,%llu,2,2,0,%u,%llu,0,0,0,fin\n",
		    (unsigned long long)i + 1,
		    (unsigned long long)(r.start_us / 1000000),
		    (unsigned long long)(r.start_us % 1000000),
		    (unsigned long long)((r.start_us + r.dur_us) / 1000000),
		    (unsigned long long)((r.start_us + r.dur_us) % 1000000),
		    (unsigned long long)(r.dur_us / 1000000),
		    (unsigned long long)(r.dur_us % 1000000),
		    r.client >> 16, (r.client >> 8) & 255, r.client & 255,
		    r.sport, r.server >> 8, r.server & 255, r.dport,
		    (unsigned long long)fp, (unsigned long long)bp,
		    (unsigned long long)fb, (unsigned long long)bb,
		    (unsigned long long)(fb - fp * 66 + 10),
		    (unsigned long long)(bb - bp * 66 + 10),
		    1 + rndn(5), (unsigned long long)(fp + bp - 1));
		if (n < 0)
			break;
		written += (uint64_t)n;
	}
	nrows = i;
	if (ferror(f) || fclose(f) != 0) {
		perror(argv[optind]);
		return 1;
	}
	/* Alerts on rows picked uniformly, written in row order. */
	if ((pick = calloc(nalerts ? nalerts : 1, sizeof(*pick))) == NULL)
		return 1;
	for (i = 0; i < nalerts && nrows > 0; i++)
		pick[i] = (uint64_t)rndn(nrows > 0xffffffffULL ? 0xffffffffU :
		    (uint32_t)nrows);
	qsort(pick, nalerts, sizeof(*pick), cmp_u64);
	fprintf(a, "ts,gid,sid,rev,msg,classification,priority,proto,src_ip,"
	    "src_port,dst_ip,dst_port,is_src_internal,is_dst_internal\n");
	for (i = 0; i < nalerts && nrows > 0; i++) {
		uint64_t ts;

		row_of(pick[i], seed, &r);
		ts = r.start_us + (r.dur_us ? rnd() % r.dur_us : 0);
		fprintf(a, "%llu.%06llu,1,%u,1,\"BENCH alert %u\","
		    "attempted-recon,%u,TCP,10.%u.%u.%u,%u,192.0.%u.%u,%u,1,0\n",
		    (unsigned long long)(ts / 1000000),
		    (unsigned long long)(ts % 1000000),
		    1000000 + (unsigned)(pick[i] % 50),
		    (unsigned)(pick[i] % 50), 1 + (unsigned)(pick[i] % 3),
		    r.client >> 16, (r.client >> 8) & 255, r.client & 255,
		    r.sport, r.server >> 8, r.server & 255, r.dport);
	}
	free(pick);
	if (ferror(a) || fclose(a) != 0) {
		perror(argv[optind + 1]);
		return 1;
	}
	printf("rows %llu bytes %llu alerts %llu\n",
	    (unsigned long long)nrows, (unsigned long long)written,
	    (unsigned long long)nalerts);
	return 0;
usage:
	fprintf(stderr, "usage: gencsv [--bytes N] [--alerts N] [--seed N] "
	    "FEATURES.csv ALERTS.csv\n");
	return 2;
}
