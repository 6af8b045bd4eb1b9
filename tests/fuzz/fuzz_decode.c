/* fuzz_decode.c: libFuzzer target for the packet decoder and fragment table. */

/*
 * Input: 2 bytes choosing the link type (index into the supported list,
 * modulo its length), then the frame.  The decoder state (and so the
 * fragment table) persists across inputs, like one long capture; the
 * timestamp advances a little per input so expiry runs too.  The wire
 * length is the frame length, or larger when the selector's top bit says
 * so (a snaplen cut).
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint32_t linktypes[] = {
	1, 0, 108, 9, 50, 51, 104, 12, 14, 101, 113, 276, 228, 229, 147
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nf_decoder d;
	static int init;
	static uint64_t ts;
	struct nf_pkt p;
	uint32_t lt, caplen, wirelen;
	uint16_t sel;
	uint8_t *frame;

	if (!init) {
		if (nf_decoder_init(&d, 64) < 0)
			abort();
		init = 1;
	}
	if (size < 2 || size - 2 > 262144)
		return 0;
	sel = (uint16_t)(data[0] << 8 | data[1]);
	lt = linktypes[(sel & 0x7FFF) %
	    (sizeof(linktypes) / sizeof(linktypes[0]))];
	caplen = (uint32_t)(size - 2);
	wirelen = (sel & 0x8000) ? caplen + 1500 : caplen;
	/* A copy of exactly caplen bytes, so ASan sees any overread. */
	if ((frame = malloc(caplen > 0 ? caplen : 1)) == NULL)
		return 0;
	memcpy(frame, data + 2, caplen);
	ts += 1000000000ULL / 8;
	nf_decode(&d, lt, ts, frame, caplen, wirelen, &p);
	if (p.snip_len > 0 && (p.snip < frame ||
	    p.snip + p.snip_len > frame + caplen))
		abort();
	if (p.snip_len > 64 || p.cap_len != caplen)
		abort();
	free(frame);
	return 0;
}
