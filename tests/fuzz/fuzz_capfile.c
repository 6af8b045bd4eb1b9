/* fuzz_capfile.c: libFuzzer target for capture-file reading (capfile.c) and decoding of what it yields. */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capfile.h"
#include "decode.h"

/*
 * The input is a capture file.  It goes through a memory file (memfd), so
 * nf_capfile_open() reads it by path exactly as pcap2pkt does; every frame
 * is decoded and filtered, so the whole pcap2pkt read path is covered.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static struct nf_decoder dec;
	static struct nf_capfilter flt;
	struct nf_capfile *cf;
	struct nf_capframe fr;
	struct nf_pkt pkt;
	char path[64], err[1024];
	int n = 0;

	if (fd == -1) {
		if ((fd = memfd_create("fuzz_capfile", 0)) == -1 ||
		    nf_decoder_init(&dec, 64) == -1 ||
		    nf_capfilter_init(&flt, "tcp or udp") == -1)
			return 0;
	}
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((cf = nf_capfile_open(path, err, sizeof(err))) == NULL)
		return 0;
	while (n++ < 10000 && nf_capfile_next(cf, &fr) == 1) {
		if (nf_capfilter_match(&flt, &fr) == -1)
			continue;
		nf_decode(&dec, fr.linktype, fr.ts_ns, fr.data, fr.caplen,
		    fr.wirelen, &pkt);
	}
	nf_capfile_close(cf);
	return 0;
}
