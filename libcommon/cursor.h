/* cursor.h: bounds-checked reading of untrusted bytes (packet frames). */
#ifndef NF_CURSOR_H
#define NF_CURSOR_H

/*
 * A cursor is a window of len bytes at base and a read offset.  The
 * invariant off <= len always holds, so "len - off" is the number of bytes
 * left and can never underflow; every test below compares a wanted count
 * against that difference and never forms a pointer or an offset beyond
 * the window before the check (no "base + off + n" overflow).
 *
 * A read that does not fit sets the sticky error flag, consumes nothing,
 * and returns 0 (or NULL): a decoder can read a whole header field by
 * field and test nf_cur_err() once at the end.  The byte order is in each
 * accessor's name.  The cursor never writes to the bytes and owns nothing.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct nf_cur {
	const uint8_t	*base;
	size_t		 len;	/* bytes in the window */
	size_t		 off;	/* next byte to read, <= len */
	int		 err;	/* a read did not fit (sticky) */
};

static inline void
nf_cur_init(struct nf_cur *c, const uint8_t *base, size_t len)
{
	c->base = base;
	c->len = base == NULL ? 0 : len;
	c->off = 0;
	c->err = 0;
}

/* Bytes left to read. */
static inline size_t
nf_cur_left(const struct nf_cur *c)
{
	return c->len - c->off;
}

/* Whether n more bytes can be read (does not set the error). */
static inline int
nf_cur_has(const struct nf_cur *c, size_t n)
{
	return n <= c->len - c->off;
}

static inline int
nf_cur_err(const struct nf_cur *c)
{
	return c->err;
}

/* Offset of the next byte from base. */
static inline size_t
nf_cur_off(const struct nf_cur *c)
{
	return c->off;
}

/*
 * Shrink the window so at most n more bytes can be read (a datagram's own
 * length inside a longer, padded frame).  A larger n leaves it unchanged.
 */
static inline void
nf_cur_limit(struct nf_cur *c, size_t n)
{
	if (n < c->len - c->off)
		c->len = c->off + n;
}

/*
 * Return a pointer to the next n bytes and consume them, or NULL (error
 * set) when fewer are left.  The caller may read exactly n bytes there.
 */
static inline const uint8_t *
nf_get_ptr(struct nf_cur *c, size_t n)
{
	const uint8_t *p;

	if (c->len - c->off < n) {
		c->err = 1;
		return NULL;
	}
	p = c->base + c->off;
	c->off += n;
	return p;
}

static inline uint8_t
nf_get_u8(struct nf_cur *c)
{
	if (c->len - c->off < 1) {
		c->err = 1;
		return 0;
	}
	return c->base[c->off++];
}

static inline uint16_t
nf_get_be16(struct nf_cur *c)
{
	const uint8_t *p;

	if ((p = nf_get_ptr(c, 2)) == NULL)
		return 0;
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
nf_get_be32(struct nf_cur *c)
{
	const uint8_t *p;

	if ((p = nf_get_ptr(c, 4)) == NULL)
		return 0;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint16_t
nf_get_le16(struct nf_cur *c)
{
	const uint8_t *p;

	if ((p = nf_get_ptr(c, 2)) == NULL)
		return 0;
	return (uint16_t)(p[1] << 8 | p[0]);
}

static inline uint32_t
nf_get_le32(struct nf_cur *c)
{
	const uint8_t *p;

	if ((p = nf_get_ptr(c, 4)) == NULL)
		return 0;
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | (uint32_t)p[0];
}

/* Copy n bytes into dst.  0, or -1 (error set, dst untouched). */
static inline int
nf_get_bytes(struct nf_cur *c, void *dst, size_t n)
{
	if (c->len - c->off < n) {
		c->err = 1;
		return -1;
	}
	memcpy(dst, c->base + c->off, n);
	c->off += n;
	return 0;
}

/* Skip n bytes.  0, or -1 (error set, nothing skipped). */
static inline int
nf_skip(struct nf_cur *c, size_t n)
{
	if (c->len - c->off < n) {
		c->err = 1;
		return -1;
	}
	c->off += n;
	return 0;
}

/* The byte at offset at from the read position, without consuming it;
 * 0 with the error set when out of range. */
static inline uint8_t
nf_peek_u8(struct nf_cur *c, size_t at)
{
	if (c->len - c->off <= at) {
		c->err = 1;
		return 0;
	}
	return c->base[c->off + at];
}

#endif
