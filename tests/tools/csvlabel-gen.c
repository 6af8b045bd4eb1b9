/* csvlabel-gen.c: write a synthetic flow2csv-style feature CSV and a matching snort2csv alerts CSV for benchmarks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * usage: csvlabel-gen FEATURES.csv ALERTS.csv MEGABYTES NALERTS
 * Deterministic (fixed-seed xorshift).  Flows go between 65536 clients
 * and 1024 servers, one per 10 ms from 2017-07-03 (epoch 1499040000); each
 * alert copies the pair, ports and a time of a random earlier flow, so
 * roughly NALERTS rows get labeled.
 */

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int
main(int argc, char *argv[])
{
	FILE *f, *a;
	uint64_t bytes, written = 0, row = 0, nalerts, every, i;
	uint64_t t0 = 1499040000ULL * 1000000, ts, dur, r;
	unsigned c, s, sport, dport, proto;
	int n;

	if (argc != 5) {
		fprintf(stderr, "usage: csvlabel-gen FEATURES.csv ALERTS.csv "
		    "MEGABYTES NALERTS\n");
		return 2;
	}
	if ((f = fopen(argv[1], "w")) == NULL ||
	    (a = fopen(argv[2], "w")) == NULL) {
		perror("csvlabel-gen");
		return 1;
	}
	bytes = strtoull(argv[3], NULL, 10) << 20;
	nalerts = strtoull(argv[4], NULL, 10);
	/* About 155 bytes per row. */
	every = nalerts ? (bytes / 155) / nalerts : 0;
	if (every == 0)
		every = 1;
	fprintf(f, "flow_id,start,end,duration,src_ip,src_port,dst_ip,"
	    "dst_port,protocol,fwd_pkts,bwd_pkts,fwd_bytes,bwd_bytes,"
	    "pkt_len_mean,pkt_len_std,iat_mean,iat_std,syn,fin,rst,"
	    "end_reason\n");
	fprintf(a, "ts,gid,sid,rev,msg,classification,priority,proto,"
	    "src_ip,src_port,dst_ip,dst_port,is_src_internal,"
	    "is_dst_internal\n");
	i = 0;
	while (written < bytes) {
		r = next();
		c = (unsigned)(r & 0xffff);
		s = (unsigned)((r >> 16) & 0x3ff);
		sport = 1024 + (unsigned)((r >> 26) % 60000);
		dport = (r >> 42) & 1 ? 443 : 80;
		proto = (r >> 43) & 7 ? 6 : 17;
		ts = t0 + row * 10000;
		dur = (r >> 46) % 5000000;
		n = fprintf(f, "%llu,%llu.%06llu,%llu.%06llu,%llu.%06llu,"
		    "10.%u.%u.%u,%u,172.16.%u.%u,%u,%u,%u,%u,%u,%u,%u.%03u,"
		    "%u.%03u,%u.%03u,%u.%03u,1,1,0,%s\n",
		    (unsigned long long)row + 1,
		    (unsigned long long)(ts / 1000000),
		    (unsigned long long)(ts % 1000000),
		    (unsigned long long)((ts + dur) / 1000000),
		    (unsigned long long)((ts + dur) % 1000000),
		    (unsigned long long)(dur / 1000000),
		    (unsigned long long)(dur % 1000000),
		    c >> 12, (c >> 6) & 63, c & 63, sport, s >> 6, s & 63,
		    dport, proto, (unsigned)(r % 50) + 1,
		    (unsigned)(r % 40) + 1, (unsigned)(r % 70000),
		    (unsigned)(r % 900000), (unsigned)(r % 1500),
		    (unsigned)(r % 1000), (unsigned)(r % 800),
		    (unsigned)(r % 1000), (unsigned)(r % 900000),
		    (unsigned)(r % 1000), (unsigned)(r % 2000000),
		    (unsigned)(r % 1000), (r >> 60) & 1 ? "fin" : "idle");
		if (n < 0)
			return 1;
		written += (uint64_t)n;
		if (i < nalerts && row % every == every / 2) {
			fprintf(a, "%llu.%06llu,1,%llu,1,\"ET TEST, rule %llu\","
			    "attempted-recon,%u,%s,172.16.%u.%u,%u,10.%u.%u.%u,"
			    "%u,0,1\n",
			    (unsigned long long)((ts + dur / 2) / 1000000),
			    (unsigned long long)((ts + dur / 2) % 1000000),
			    (unsigned long long)(2000000 + i % 500),
			    (unsigned long long)(i % 500),
			    (unsigned)(i % 3) + 1, proto == 6 ? "TCP" : "UDP",
			    s >> 6, s & 63, dport, c >> 12, (c >> 6) & 63,
			    c & 63, sport);
			i++;
		}
		row++;
	}
	if (fclose(f) != 0 || fclose(a) != 0) {
		perror("csvlabel-gen");
		return 1;
	}
	return 0;
}
