/* kdd_conn.c: KDD per-connection accumulator and the Bro conn_state machine (flow2kdd). */
#include <stddef.h>

#include "kdd_conn.h"
#include "record.h"

static const char *const flag_names[KDD_NFLAGS] = {
	"OTH", "SF", "S0", "S1", "S2", "S3", "REJ", "RSTO", "RSTR",
	"RSTOS0", "RSTRH", "SH", "SHR"
};

const char *
kdd_flag_name(int flag)
{
	if (flag < 0 || flag >= KDD_NFLAGS)
		return "OTH";
	return flag_names[flag];
}

int
kdd_flag_serror(int flag)
{
	switch (flag) {
	case KDD_S0:
	case KDD_S1:
	case KDD_S2:
	case KDD_S3:
	case KDD_SH:
	case KDD_SHR:
		return 1;
	default:
		return 0;
	}
}

int
kdd_flag_rerror(int flag)
{
	switch (flag) {
	case KDD_REJ:
	case KDD_RSTO:
	case KDD_RSTR:
	case KDD_RSTOS0:
	case KDD_RSTRH:
		return 1;
	default:
		return 0;
	}
}

/*
 * Endpoint transitions, after Bro's TCP analyzer:
 *  - RST puts the sender in RESET for good;
 *  - a SYN without ACK moves an INACTIVE sender to SYN_SENT, a SYN+ACK
 *    moves it to SYN_ACK_SENT;
 *  - FIN closes the sender (unless it was reset);
 *  - a packet without SYN from an endpoint that sent SYN or SYN+ACK, when
 *    the peer did the other half of the handshake, establishes both;
 *  - any other packet from an INACTIVE endpoint makes it PARTIAL
 *    (midstream).
 */
void
kdd_tcp_update(struct kdd_tcp *t, int dir, uint8_t flags)
{
	uint8_t *e = &t->st[dir != 0], *p = &t->st[dir == 0];

	if (*e == KDD_TS_RESET)
		return;
	if (flags & NF_TH_RST) {
		*e = KDD_TS_RESET;
		return;
	}
	if (flags & NF_TH_SYN) {
		if (*e == KDD_TS_INACTIVE || *e == KDD_TS_PARTIAL)
			*e = (flags & NF_TH_ACK) ? KDD_TS_SYN_ACK_SENT :
			    KDD_TS_SYN_SENT;
		else if (*e == KDD_TS_SYN_SENT && (flags & NF_TH_ACK))
			*e = KDD_TS_SYN_ACK_SENT;	/* simultaneous open */
	} else if (flags & NF_TH_ACK) {
		if ((*e == KDD_TS_SYN_SENT || *e == KDD_TS_SYN_ACK_SENT) &&
		    (*p == KDD_TS_SYN_SENT || *p == KDD_TS_SYN_ACK_SENT)) {
			*e = KDD_TS_ESTABLISHED;
			*p = KDD_TS_ESTABLISHED;
		} else if ((*e == KDD_TS_SYN_SENT ||
		    *e == KDD_TS_SYN_ACK_SENT) && *p == KDD_TS_ESTABLISHED)
			*e = KDD_TS_ESTABLISHED;
	}
	if (flags & NF_TH_FIN) {
		*e = KDD_TS_CLOSED;
		return;
	}
	if (*e == KDD_TS_INACTIVE)
		*e = KDD_TS_PARTIAL;
}

/* Bro conn_state(), rules 1-13 of the spec table, first match wins. */
int
kdd_tcp_flag(const struct kdd_tcp *t, uint64_t obytes, uint64_t rbytes)
{
	int os = t->st[0], rs = t->st[1];
	int o_inact = os == KDD_TS_INACTIVE || os == KDD_TS_PARTIAL;
	int r_inact = rs == KDD_TS_INACTIVE || rs == KDD_TS_PARTIAL;

	if (rs == KDD_TS_RESET) {
		if (os == KDD_TS_SYN_SENT || os == KDD_TS_SYN_ACK_SENT ||
		    (os == KDD_TS_RESET && obytes == 0 && rbytes == 0))
			return KDD_REJ;
		return o_inact ? KDD_RSTRH : KDD_RSTR;
	}
	if (os == KDD_TS_RESET)
		return r_inact ? KDD_RSTOS0 : KDD_RSTO;
	if (os == KDD_TS_CLOSED && rs == KDD_TS_CLOSED)
		return KDD_SF;
	if (os == KDD_TS_CLOSED)
		return r_inact ? KDD_SH : KDD_S2;
	if (rs == KDD_TS_CLOSED)
		return o_inact ? KDD_SHR : KDD_S3;
	if (os == KDD_TS_SYN_SENT && rs == KDD_TS_INACTIVE)
		return KDD_S0;
	if (os == KDD_TS_ESTABLISHED && rs == KDD_TS_ESTABLISHED)
		return KDD_S1;
	/*
	 * SYN answered by SYN+ACK, final ACK not seen ("S1-pending" in the
	 * spec's packet table, whose end value it leaves open): reported S1,
	 * as in Zeek, where OTH means "no SYN seen".
	 */
	if (os == KDD_TS_SYN_SENT && rs == KDD_TS_SYN_ACK_SENT)
		return KDD_S1;
	return KDD_OTH;
}

/* Serial-number comparison (RFC 1982) of 32-bit sequence numbers. */
static int
seq_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

uint32_t
kdd_seq_update(struct kdd_seq *s, uint8_t flags, uint32_t seq, uint32_t len,
    int *gap)
{
	uint32_t start = seq, end, dup;

	*gap = 0;
	if (flags & NF_TH_SYN) {
		/* The SYN occupies one sequence number; data follows. */
		start = seq + 1;
		if (!s->have) {
			s->hi = start;
			s->have = 1;
		}
	}
	if (len == 0)
		return 0;
	end = start + len;
	if (!s->have) {
		s->have = 1;
		s->hi = end;
		s->bytes += len;
		return 0;
	}
	if (!seq_gt(end, s->hi))
		return len;			/* all retransmitted */
	if (seq_gt(start, s->hi)) {
		if (start - s->hi > KDD_SEQ_JUMP_MAX) {
			s->bytes += len;	/* bogus jump: resync */
		} else
			s->bytes += end - s->hi;	/* hole counts as sent */
		s->hi = end;
		*gap = 1;
		return 0;
	}
	dup = s->hi - start;
	s->bytes += end - s->hi;
	s->hi = end;
	return dup;
}
