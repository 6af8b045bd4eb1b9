/* testframe.h: build test frames from hex strings and fill their checksums (tests only). */
#ifndef NF_TESTFRAME_H
#define NF_TESTFRAME_H

/*
 * Frames are written in the tests byte by byte from the RFC header layouts
 * (hex strings, spaces ignored); checksums are filled in by the small
 * RFC 1071 routine below, written for the tests independently of the
 * decoder's.  Include after <check.h>.
 */

#include <stdint.h>
#include <string.h>

struct fb {
	uint8_t		b[4096];
	size_t		n;
};

static inline int
hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Append the bytes of a hex string; returns the offset they start at. */
static inline size_t
put(struct fb *f, const char *hex)
{
	size_t start = f->n;
	int hi = -1, v;

	for (; *hex != '\0'; hex++) {
		if ((v = hexval((unsigned char)*hex)) < 0)
			continue;
		if (hi < 0)
			hi = v;
		else {
			ck_assert(f->n < sizeof(f->b));
			f->b[f->n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	ck_assert_int_eq(hi, -1);
	return start;
}

/* One's complement sum of 16-bit big-endian words (RFC 1071). */
static inline uint32_t
sum16(uint32_t s, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	if (n & 1)
		s += (uint32_t)b[n - 1] << 8;
	return s;
}

static inline uint16_t
fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static inline void
store16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Fill the IPv4 header checksum of the header at ip. */
static inline void
fix_ip4(struct fb *f, size_t ip)
{
	size_t hl = (size_t)(f->b[ip] & 15) * 4;

	store16(f->b + ip + 10, 0);
	store16(f->b + ip + 10, fold(sum16(0, f->b + ip, hl)));
}

/*
 * Fill the transport checksum at csoff (relative to l4) of the segment at
 * l4, len bytes long, with the pseudo-header of the IP header at ip
 * (version 4 or 6; pseudo 0 for ICMPv4).
 */
static inline void
fix_l4(struct fb *f, size_t ip, size_t l4, size_t len, size_t csoff,
    int proto, int pseudo)
{
	uint32_t s = 0;
	uint8_t ph[8];

	store16(f->b + l4 + csoff, 0);
	if (pseudo) {
		if ((f->b[ip] >> 4) == 4)
			s = sum16(s, f->b + ip + 12, 8);
		else
			s = sum16(s, f->b + ip + 8, 32);
		ph[0] = (uint8_t)(len >> 24);
		ph[1] = (uint8_t)(len >> 16);
		ph[2] = (uint8_t)(len >> 8);
		ph[3] = (uint8_t)len;
		ph[4] = ph[5] = ph[6] = 0;
		ph[7] = (uint8_t)proto;
		s = sum16(s, ph, 8);
	}
	s = sum16(s, f->b + l4, len);
	store16(f->b + l4 + csoff, fold(s));
}

#endif
