/* fuzz_cidrset: libFuzzer target for the HOME_NET list parser and prefix trie (cidrset.c). */

/*
 * The input text is parsed as a CIDR list; when it parses, a few
 * addresses taken from the input bytes are looked up, and the set must
 * agree with itself for an address and its IPv4-mapped IPv6 form.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cidrset.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nf_cidrset s;
	char *text, err[256];
	uint8_t a[16], m[16];
	size_t i;

	if (size > 4096 || (text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	nf_cidrset_init(&s);
	if (nf_cidrset_parse(&s, text, NULL, NULL, err, sizeof(err)) == 0) {
		for (i = 0; i + 4 <= size && i < 64; i += 4) {
			memset(a, 0, sizeof(a));
			memcpy(a, data + i, 4);
			nf_cidrset_key(4, a, m);
			if (nf_cidrset_contains(&s, 4, a) !=
			    nf_cidrset_contains(&s, 6, m))
				abort();
		}
	}
	nf_cidrset_free(&s);
	free(text);
	return 0;
}
