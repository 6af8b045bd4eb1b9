/* fuzz_capfile: libFuzzer target for whole capture files (capfile: pcap via libpcap, pcapng parser) and the decoder. */

/*
 * The input is a whole capture file.  It is put in a memfd and opened by
 * its /proc/self/fd path as pcap2pkt opens a file operand; every frame
 * is read to the end (or the first error) and decoded with its own
 * interface's link type, with a payload snippet, as pcap2pkt -P does.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capfile.h"
#include "decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_capfile *cf;
	struct nf_capframe fr;
	struct nf_decoder d;
	struct nf_pkt k;
	char path[64], err[512];
	size_t i;
	int fd, n = 0;

	if ((fd = memfd_create("fuzz_capfile", 0)) < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (nf_decoder_init(&d, 256) != 0)
		abort();
	if ((cf = nf_capfile_open(path, err, sizeof(err))) != NULL) {
		for (i = 0; i < nf_capfile_niface(cf); i++)
			(void)nf_capfile_iface(cf, i);
		while (nf_capfile_next(cf, &fr) == 1) {
			nf_decode(&d, fr.linktype, fr.ts_ns, fr.data,
			    fr.caplen, fr.wirelen, &k);
			if (k.snip_len > 256 || k.snip_len > fr.caplen)
				abort();
			/* Bound the work per input. */
			if (++n > 100000)
				break;
		}
		(void)nf_capfile_offset(cf);
		nf_capfile_close(cf);
	}
	nf_decoder_free(&d);
	close(fd);
	return 0;
}
