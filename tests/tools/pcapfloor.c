/* pcapfloor: the libpcap floor -- a bare pcap_next_ex loop over capture files. */

/*
 * Reads every packet of each FILE with pcap_next_ex and nothing else, then
 * prints one line:
 *
 *	packets N bytes B seconds S pps R
 *
 * This is the speed a program reading captures through libpcap cannot
 * beat; scripts/bench.sh reports the stages as a ratio to it.
 */

#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t npkt = 0, nbytes = 0;
	unsigned sum = 0;
	double t0, t;
	pcap_t *p;
	int i, rc;

	if (argc < 2 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0) {
		fprintf(argc < 2 ? stderr : stdout,
		    "usage: pcapfloor FILE...\n");
		return argc < 2 ? 2 : 0;
	}
	t0 = now();
	for (i = 1; i < argc; i++) {
		if ((p = pcap_open_offline(argv[i], errbuf)) == NULL) {
			fprintf(stderr, "pcapfloor: %s\n", errbuf);
			return 1;
		}
		while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
			npkt++;
			nbytes += h->caplen;
			/* Touch the packet as any reader must. */
			if (h->caplen > 0)
				sum += data[0];
		}
		if (rc == PCAP_ERROR) {
			fprintf(stderr, "pcapfloor: %s: %s\n", argv[i],
			    pcap_geterr(p));
			pcap_close(p);
			return 1;
		}
		pcap_close(p);
	}
	t = now() - t0;
	if (t <= 0)
		t = 1e-9;
	printf("packets %llu bytes %llu seconds %.3f pps %.0f\n",
	    (unsigned long long)npkt, (unsigned long long)nbytes, t,
	    npkt / t);
	/* Keep the touched bytes alive so the loads are not optimised out. */
	if (sum == 0xdeadbeef)
		fputc('\n', stderr);
	return 0;
}
