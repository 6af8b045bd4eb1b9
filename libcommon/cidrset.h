/* cidrset.h: sets of IPv4/IPv6 addresses from Snort-style CIDR lists, as a binary prefix trie. */
#ifndef NF_CIDRSET_H
#define NF_CIDRSET_H

#include <stddef.h>
#include <stdint.h>

/*
 * A set of addresses over one 128-bit space: IPv6 addresses as they are,
 * IPv4 addresses as IPv4-mapped IPv6 (::ffff:a.b.c.d).  The set is a binary
 * trie whose leaves are EMPTY or FULL: a lookup walks at most 128 bits from
 * the most significant one and stops at the first leaf, so a prefix of
 * length n costs n node visits whatever the number of entries.
 *
 * Set operations (union, intersection, complement) build new nodes and
 * never change old ones; nodes live in one array owned by the set and are
 * freed together by nf_cidrset_free().  Normalisation keeps the trie
 * minimal: a node whose two children are the same leaf becomes that leaf.
 *
 * Syntax accepted by nf_cidrset_parse() (Snort's ipvar syntax):
 *   item  := ["!"] ( "any" | ADDR ["/" LEN] | "[" item {"," item} "]"
 *                  | "$" NAME )
 *   list  := item {"," item}          (top level: brackets optional)
 * ADDR is dotted IPv4 or IPv6 text; LEN 0-32 (IPv4; a dotted netmask is
 * also accepted) or 0-128 (IPv6); host bits below LEN are ignored.  A list
 * is the union of its positive items (all addresses if it has none) minus
 * the union of its negated items, so "[10.0.0.0/8,!10.1.0.0/16]" is 10/8
 * without 10.1/16 and "!10.0.0.0/8" is everything outside 10/8.  Lists
 * nest.  "$NAME" is looked up through the resolver given to the parser.
 */

/* Node indices 0 and 1 are the EMPTY and FULL leaves. */
#define NF_CS_EMPTY	0u
#define NF_CS_FULL	1u

struct nf_cidrset {
	uint32_t	(*node)[2];	/* children of node i (i >= 2) */
	uint32_t	 nnode;		/* nodes used, including the 2 leaves */
	uint32_t	 cap;		/* nodes allocated */
	uint32_t	 root;		/* the set */
};

/* Returns the value text of variable name (without '$') or NULL. */
typedef const char *(*nf_cidr_resolver)(void *arg, const char *name);

/* An empty set.  Cannot fail. */
void	nf_cidrset_init(struct nf_cidrset *);
void	nf_cidrset_free(struct nf_cidrset *);

/*
 * Parse text (syntax above) into s (which must be freshly initialised).
 * resolve may be NULL (then "$NAME" is an error).  On error returns -1 and
 * writes a message naming the offending text into err (errlen bytes).
 */
int	nf_cidrset_parse(struct nf_cidrset *s, const char *text,
	    nf_cidr_resolver resolve, void *arg, char *err, size_t errlen);

/* Membership: ip_version 4 (first 4 bytes of addr) or 6.  Returns 1/0. */
int	nf_cidrset_contains(const struct nf_cidrset *s, int ip_version,
	    const uint8_t addr[16]);

/*
 * Read a snort.conf (Snort 2 "ipvar NAME VALUE" / "var NAME VALUE" lines)
 * or a Snort 3 snort.lua ("NAME = 'VALUE'") and parse the definition of
 * HOME_NET, resolving "$OTHER" through the other definitions of the file.
 * Returns 0, or -1 with a message (file and line) in err.
 */
int	nf_cidrset_from_snort_conf(struct nf_cidrset *s, const char *path,
	    char *err, size_t errlen);

/* Map an address to the 16-byte key used by the set (exposed for tests). */
void	nf_cidrset_key(int ip_version, const uint8_t addr[16],
	    uint8_t key[16]);

#endif
