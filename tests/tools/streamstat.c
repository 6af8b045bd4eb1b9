/* streamstat: count the records of a netfeat stream and print its END counters (tests, bench). */

/*
 * usage: streamstat [FILE]
 *
 * Reads a record stream with the libcommon reader and prints "name value"
 * lines:
 *
 *	records, pkt, pkt_ip (ip_version != 0), pkt_tagged (flow_id != 0),
 *	pkt_ip_untagged, flow_begin, flow_end, flow_end.REASON for each
 *	reason seen, tick, other, neg_duration (FLOW_END with last < first),
 *	end (1 if END was read), then end.COUNTER for every END counter.
 *
 * On a read error it prints what it has, then the reader's message on
 * stderr and exits 1.  Used to check "packets in = packets tagged" and
 * eviction counts without trusting a stage's own summary.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "record.h"
#include "util.h"

int
main(int argc, char *argv[])
{
	struct nf_reader rd;
	struct nf_rec *rec;
	uint64_t nrec = 0, pkt = 0, ip = 0, tagged = 0, untagged = 0;
	uint64_t begin = 0, fend = 0, tick = 0, other = 0, neg = 0;
	uint64_t reason[256] = { 0 };
	int rc, seen_end = 0, i;
	uint32_t c;

	nf_setprogname(argv[0]);
	if (argc > 2) {
		fprintf(stderr, "usage: streamstat [FILE]\n");
		return EXIT_USAGE;
	}
	nf_reader_open_path(&rd, argc == 2 ? argv[1] : NULL);
	while ((rc = nf_read(&rd, &rec)) == NF_READ_OK) {
		nrec++;
		switch (rec->type) {
		case NF_REC_PKT:
			pkt++;
			if (rec->u.pkt.ip_version != 0) {
				ip++;
				if (rec->u.pkt.flow_id == 0)
					untagged++;
			}
			if (rec->u.pkt.flow_id != 0)
				tagged++;
			break;
		case NF_REC_FLOW_BEGIN:
			begin++;
			break;
		case NF_REC_FLOW_END:
			fend++;
			reason[rec->u.flow.reason]++;
			if (rec->u.flow.last_ts < rec->u.flow.first_ts)
				neg++;
			break;
		case NF_REC_TICK:
			tick++;
			break;
		case NF_REC_END:
			seen_end = 1;
			printf("records %llu\npkt %llu\npkt_ip %llu\n"
			    "pkt_tagged %llu\npkt_ip_untagged %llu\n",
			    (unsigned long long)nrec, (unsigned long long)pkt,
			    (unsigned long long)ip,
			    (unsigned long long)tagged,
			    (unsigned long long)untagged);
			break;
		default:
			other++;
			break;
		}
	}
	if (!seen_end)
		printf("records %llu\npkt %llu\npkt_ip %llu\npkt_tagged %llu\n"
		    "pkt_ip_untagged %llu\n", (unsigned long long)nrec,
		    (unsigned long long)pkt, (unsigned long long)ip,
		    (unsigned long long)tagged, (unsigned long long)untagged);
	printf("flow_begin %llu\nflow_end %llu\n", (unsigned long long)begin,
	    (unsigned long long)fend);
	for (i = 0; i < 256; i++)
		if (reason[i] != 0)
			printf("flow_end.%s %llu\n",
			    i < NF_END_NREASONS && *nf_reason_name(i) ?
			    nf_reason_name(i) : "unknown",
			    (unsigned long long)reason[i]);
	printf("neg_duration %llu\ntick %llu\nother %llu\nend %d\n",
	    (unsigned long long)neg, (unsigned long long)tick,
	    (unsigned long long)other, seen_end);
	if (seen_end)
		for (c = 0; c < rd.rec.u.end.count; c++)
			printf("end.%s %llu\n", rd.rec.u.end.ctr[c].name,
			    (unsigned long long)rd.rec.u.end.ctr[c].value);
	if (rc == NF_READ_ERR) {
		fflush(stdout);
		nf_warnx("%s", rd.errmsg);
		nf_reader_close(&rd);
		return EXIT_BAD;
	}
	nf_reader_close(&rd);
	return EXIT_OK;
}
