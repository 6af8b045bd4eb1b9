/* unified2.c: bounds-checked decoder of Snort/Suricata unified2 binary alert records. */
#include <stdio.h>
#include <string.h>

#include "alert_text.h"
#include "unified2.h"

/* Minimum body lengths of the event types. */
#define U2_EVENT_LEN	52
#define U2_EVENT6_LEN	76
#define U2_EVENT3_LEN	96	/* without app_name */

/*
 * Bounds-checked big-endian reads: every caller has checked that the body
 * holds the minimum length of its type, and these check again so that a
 * wrong offset can never read past the body.
 */
struct u2cur {
	const uint8_t	*b;
	uint32_t	 len;
};

static uint32_t
get_be32(const struct u2cur *c, uint32_t off)
{
	if (off > c->len || c->len - off < 4)
		return 0;
	return (uint32_t)c->b[off] << 24 | (uint32_t)c->b[off + 1] << 16 |
	    (uint32_t)c->b[off + 2] << 8 | c->b[off + 3];
}

static uint16_t
get_be16(const struct u2cur *c, uint32_t off)
{
	if (off > c->len || c->len - off < 2)
		return 0;
	return (uint16_t)(c->b[off] << 8 | c->b[off + 1]);
}

static uint8_t
get_u8(const struct u2cur *c, uint32_t off)
{
	return off < c->len ? c->b[off] : 0;
}

static void
get_bytes(const struct u2cur *c, uint32_t off, uint8_t *dst, uint32_t n)
{
	if (off > c->len || c->len - off < n) {
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, c->b + off, n);
}

void
nf_u2_header(const uint8_t buf[NF_U2_HDR_LEN], uint32_t *type, uint32_t *len)
{
	struct u2cur c = { buf, NF_U2_HDR_LEN };

	*type = get_be32(&c, 0);
	*len = get_be32(&c, 4);
}

int
nf_u2_plausible(uint32_t type, uint32_t len)
{
	if (len > NF_U2_MAX_BODY)
		return 0;
	switch (type) {
	case NF_U2_EVENT:
		return len == U2_EVENT_LEN;
	case NF_U2_EVENT_IP6:
		return len == U2_EVENT6_LEN;
	case NF_U2_EVENT_MPLS:
	case NF_U2_EVENT_VLAN:
		return len == U2_EVENT_LEN + 8 || len == U2_EVENT_LEN + 72;
	case NF_U2_EVENT_IP6_MPLS:
	case NF_U2_EVENT_IP6_VLAN:
		return len == U2_EVENT6_LEN + 8 || len == U2_EVENT6_LEN + 72;
	case NF_U2_EVENT3:
		return len >= U2_EVENT3_LEN;
	case NF_U2_PACKET:
		return len >= 28;
	case NF_U2_EXTRA_DATA:
		return len >= 8;
	default:
		return 0;
	}
}

/* Ports or ICMP type/code: only protocols with ports keep them. */
static void
ports(struct nf_alert *a, uint16_t sp, uint16_t dp)
{
	a->sport = sp;
	a->dport = dp;
	a->has_ports = nf_proto_has_ports(a->proto);
}

/*
 * The fields every event type has at the same offsets: seconds and
 * microseconds (8, 12), revision (24), classification (28) and priority
 * (32).  Generator and signature id at 16 and 20 swap places between the
 * legacy events and event3, so the callers read those.
 */
static void
event_common(const struct u2cur *c, struct nf_alert *a)
{
	a->ts_ns = (uint64_t)get_be32(c, 8) * 1000000000u +
	    (uint64_t)(get_be32(c, 12) % 1000000u) * 1000u;
	a->has_ts = 1;
	a->rev = get_be32(c, 24);
	a->has_rule = a->has_rev = 1;
	a->class_id = get_be32(c, 28);
	a->has_class_id = a->class_id != 0;
	a->priority = get_be32(c, 32);
	a->has_priority = 1;
}

/* Event types 7, 72, 99, 100, 104, 105. */
static int
legacy(const struct u2cur *c, int v6, struct nf_alert *a)
{
	uint32_t off;

	event_common(c, a);
	a->sid = get_be32(c, 16);
	a->gid = get_be32(c, 20);
	if (v6) {
		get_bytes(c, 36, a->src, 16);
		get_bytes(c, 52, a->dst, 16);
		a->ip_version = 6;
		off = 68;
	} else {
		get_bytes(c, 36, a->src, 4);
		get_bytes(c, 40, a->dst, 4);
		a->ip_version = 4;
		off = 44;
	}
	a->proto = get_u8(c, off + 4);
	ports(a, get_be16(c, off), get_be16(c, off + 2));
	return NF_LINE_ALERT;
}

/* Snort 3 event3 (type 114). */
static int
event3(const struct u2cur *c, struct nf_alert *a)
{
	uint8_t ver, s[16], d[16];
	static const uint8_t mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};

	event_common(c, a);
	a->gid = get_be32(c, 16);
	a->sid = get_be32(c, 20);
	get_bytes(c, 48, s, 16);
	get_bytes(c, 64, d, 16);
	ver = get_u8(c, 92);
	if (ver == 0x44) {
		/* IPv4-mapped, or (older writers) the first 4 bytes. */
		if (memcmp(s, mapped, 12) == 0 || memcmp(d, mapped, 12) == 0) {
			memcpy(a->src, s + 12, 4);
			memcpy(a->dst, d + 12, 4);
		} else {
			memcpy(a->src, s, 4);
			memcpy(a->dst, d, 4);
		}
		a->ip_version = 4;
	} else if (ver == 0x66) {
		memcpy(a->src, s, 16);
		memcpy(a->dst, d, 16);
		a->ip_version = 6;
	} else
		a->ip_version = 0;	/* no IP layer */
	a->proto = a->ip_version ? get_u8(c, 93) : -1;
	ports(a, get_be16(c, 84), get_be16(c, 86));
	return NF_LINE_ALERT;
}

int
nf_u2_record(uint32_t type, const uint8_t *body, uint32_t len,
    struct nf_alert *a, char *err, size_t errlen)
{
	struct u2cur c = { body, len };

	nf_alert_clear(a);
	switch (type) {
	case NF_U2_EVENT:
	case NF_U2_EVENT_MPLS:
	case NF_U2_EVENT_VLAN:
		if (len < U2_EVENT_LEN)
			return nf_line_bad(err, errlen, "event record of %u "
			    "bytes, expected at least %u", len, U2_EVENT_LEN);
		return legacy(&c, 0, a);
	case NF_U2_EVENT_IP6:
	case NF_U2_EVENT_IP6_MPLS:
	case NF_U2_EVENT_IP6_VLAN:
		if (len < U2_EVENT6_LEN)
			return nf_line_bad(err, errlen, "IPv6 event record "
			    "of %u bytes, expected at least %u", len,
			    U2_EVENT6_LEN);
		return legacy(&c, 1, a);
	case NF_U2_EVENT3:
		if (len < U2_EVENT3_LEN)
			return nf_line_bad(err, errlen, "event3 record of %u "
			    "bytes, expected at least %u", len, U2_EVENT3_LEN);
		return event3(&c, a);
	case NF_U2_PACKET:
		if (len < 28)
			return nf_line_bad(err, errlen, "packet record of %u "
			    "bytes, expected at least 28", len);
		if (get_be32(&c, 24) > len - 28)
			return nf_line_bad(err, errlen, "packet length %u "
			    "exceeds its record (%u bytes)", get_be32(&c, 24),
			    len - 28);
		return NF_LINE_SKIP;
	default:
		return NF_LINE_SKIP;
	}
}

size_t
nf_u2_scan(const uint8_t *buf, size_t len,
    void (*fn)(void *, const struct nf_alert *), void *arg, int *isbad,
    char *err, size_t errlen)
{
	struct nf_alert a;
	size_t off;
	uint32_t type, blen;
	char why[128];
	int rc;

	*isbad = 0;
	off = 0;
	while (off < len) {
		if (len - off < NF_U2_HDR_LEN) {
			*isbad = 1;
			snprintf(err, errlen, "truncated record header at "
			    "offset %zu: %zu of 8 bytes", off, len - off);
			break;
		}
		nf_u2_header(buf + off, &type, &blen);
		if (blen > NF_U2_MAX_BODY) {
			*isbad = 1;
			snprintf(err, errlen, "record length %u too large at "
			    "offset %zu", blen, off);
			break;
		}
		if (len - off - NF_U2_HDR_LEN < blen) {
			*isbad = 1;
			snprintf(err, errlen, "truncated record at offset "
			    "%zu: expected %u bytes, got %zu", off, blen,
			    len - off - NF_U2_HDR_LEN);
			break;
		}
		rc = nf_u2_record(type, buf + off + NF_U2_HDR_LEN, blen, &a,
		    why, sizeof(why));
		if (rc == NF_LINE_BAD) {
			*isbad = 1;
			snprintf(err, errlen, "%s at offset %zu", why, off);
			break;
		}
		if (rc == NF_LINE_ALERT && fn != NULL)
			fn(arg, &a);
		off += NF_U2_HDR_LEN + blen;
	}
	return off;
}
