/* mkstream: write a record stream described by text lines (for pkt2flow tests). */

/*
 * usage: mkstream [--live] < description > stream
 *
 * One record per line; '#' starts a comment.  Times are seconds (decimal
 * fractions allowed).
 *   pkt TIME PROTO SRC SPORT DST DPORT [FLAGS [SEQ ACK [PAYLOAD]]]
 *	an IPv4 packet; PROTO a number; FLAGS letters of S A F R P U E C
 *	or "-"; wire length 54 + PAYLOAD
 *   tick TIME
 *   unknown TYPE	a record of an unknown type with 8 bytes of body
 * An END record with no counters closes the stream unless the last line
 * is "noend".
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "util.h"

static uint64_t
secs(const char *s)
{
	uint64_t ns;

	if (nf_parse_seconds(s, &ns) < 0)
		nf_errx(EXIT_USAGE, "bad time '%s'", s);
	return ns;
}

static uint8_t
flags(const char *s)
{
	static const char letters[] = "FSRPAUEC";
	uint8_t f = 0;
	const char *p;

	for (; *s != '\0'; s++) {
		if (*s == '-')
			continue;
		if ((p = strchr(letters, *s)) == NULL)
			nf_errx(EXIT_USAGE, "bad flag '%c'", *s);
		f |= (uint8_t)(1U << (p - letters));
	}
	return f;
}

int
main(int argc, char *argv[])
{
	char line[512], *tok[12], *p;
	struct nf_writer w;
	struct nf_header h;
	struct nf_end end;
	struct nf_pkt k;
	uint8_t raw[16];
	int n, lineno = 0, noend = 0;

	nf_setprogname(argv[0]);
	nf_header_init(&h);
	if (argc > 1 && strcmp(argv[1], "--live") == 0)
		h.flags |= NF_HF_LIVE;
	if (nf_header_add_prov(&h, argc, argv) < 0)
		nf_errx(EXIT_BAD, "out of memory");
	nf_writer_open(&w, 1, "<stdout>");
	nf_writer_header(&w, &h);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		n = 0;
		for (p = strtok(line, " \t\n"); p != NULL && n < 12;
		    p = strtok(NULL, " \t\n"))
			tok[n++] = p;
		if (n == 0)
			continue;
		noend = 0;
		if (strcmp(tok[0], "tick") == 0 && n == 2)
			nf_write_tick(&w, secs(tok[1]));
		else if (strcmp(tok[0], "noend") == 0)
			noend = 1;
		else if (strcmp(tok[0], "unknown") == 0 && n == 2) {
			memset(raw, 0, sizeof(raw));
			raw[0] = (uint8_t)atoi(tok[1]);
			raw[4] = sizeof(raw);
			nf_write_raw(&w, raw, sizeof(raw));
		} else if (strcmp(tok[0], "pkt") == 0 && n >= 7) {
			memset(&k, 0, sizeof(k));
			k.ts_ns = secs(tok[1]);
			k.ip_version = 4;
			k.proto = (uint8_t)atoi(tok[2]);
			k.vlan = k.vlan_inner = NF_NO_VLAN;
			k.wscale = NF_NO_WSCALE;
			if (inet_pton(AF_INET, tok[3], k.src) != 1 ||
			    inet_pton(AF_INET, tok[5], k.dst) != 1)
				nf_errx(EXIT_USAGE, "line %d: bad address",
				    lineno);
			k.sport = (uint16_t)atoi(tok[4]);
			k.dport = (uint16_t)atoi(tok[6]);
			if (n >= 8)
				k.tcp_flags = flags(tok[7]);
			if (n >= 10) {
				k.seq = (uint32_t)strtoul(tok[8], NULL, 10);
				k.ack = (uint32_t)strtoul(tok[9], NULL, 10);
			}
			if (n >= 11)
				k.payload_len = (uint32_t)atoi(tok[10]);
			k.ip_hdr_len = 20;
			k.l4_hdr_len = k.proto == 6 ? 20 : 8;
			k.wire_len = k.cap_len = 54 + k.payload_len;
			nf_write_pkt(&w, &k);
		} else
			nf_errx(EXIT_USAGE, "line %d: cannot parse", lineno);
	}
	if (!noend) {
		nf_end_init(&end);
		nf_write_end(&w, &end);
	}
	nf_writer_close(&w);
	nf_header_free(&h);
	return EXIT_OK;
}
