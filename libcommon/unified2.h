/* unified2.h: bounds-checked decoder of Snort/Suricata unified2 binary alert records. */
#ifndef NF_UNIFIED2_H
#define NF_UNIFIED2_H

#include <stddef.h>
#include <stdint.h>

#include "alert.h"

/*
 * A unified2 file is a sequence of records, all integers big-endian:
 *
 *   +--------+--------+------------------------+
 *   | type 4 | len 4  | body (len bytes)       |
 *   +--------+--------+------------------------+
 *
 * Event bodies (offsets in bytes):
 *
 *   type 7 IDS event (52) / 104 with VLAN (60, or 124 with app name):
 *     0 sensor_id  4 event_id  8 event_second  12 event_microsecond
 *    16 signature_id  20 generator_id  24 signature_revision
 *    28 classification_id  32 priority_id  36 ip_source  40 ip_destination
 *    44 sport_itype(2)  46 dport_icode(2)  48 protocol(1)  49 impact_flag(1)
 *    50 impact(1)  51 blocked(1)  [52 mpls_label  56 vlan_id(2)  58 pad(2)
 *    60 app_name(64)]
 *   type 72 IPv6 event (76) / 105 with VLAN (84, or 148): as above with
 *    16-byte addresses at 36 and 52; ports at 68, 70; protocol 72 ...
 *   type 114 event3 (Snort 3, 160):
 *     0 snort_id  4 event_id  8 second  12 microsecond  16 gid  20 sid
 *    24 rev  28 class  32 priority  36 policy context/inspect/detect (12)
 *    48 src ip(16)  64 dst ip(16)  80 mpls_label  84 sport_itype(2)
 *    86 dport_icode(2)  88 vlan(2)  90 unused(2)  92 ip_ver(1: high nybble
 *    source, low destination, 4 or 6)  93 proto(1)  94 status  95 action
 *    96 app_name(64)
 *   (IPv4 addresses of event3 are IPv4-mapped IPv6.)
 *
 * Packet records (type 2: 28-byte header then packet_length bytes) and
 * extra data (110), buffers (3), appstat (113) and unknown types are
 * skipped.  Legacy type 1 (the unified2 predecessor's event) is skipped too.
 */
#define NF_U2_HDR_LEN		8
/* Largest record body we accept: a packet is at most 65535 bytes plus its
 * header; anything far beyond that is corruption. */
#define NF_U2_MAX_BODY		(1u << 20)

#define NF_U2_PACKET		2
#define NF_U2_EVENT		7
#define NF_U2_EVENT_IP6		72
#define NF_U2_EVENT_MPLS	99
#define NF_U2_EVENT_IP6_MPLS	100
#define NF_U2_EVENT_VLAN	104
#define NF_U2_EVENT_IP6_VLAN	105
#define NF_U2_EXTRA_DATA	110
#define NF_U2_EVENT3		114

/* Record header at buf (8 bytes): type and body length. */
void	nf_u2_header(const uint8_t buf[NF_U2_HDR_LEN], uint32_t *type,
	    uint32_t *len);

/* 1 if a record header with this type and length is plausible (used by
 * format detection and to reject garbage early). */
int	nf_u2_plausible(uint32_t type, uint32_t len);

/*
 * Decode one record body.  Returns NF_LINE_ALERT (event in *a),
 * NF_LINE_SKIP (packet, extra data, unknown type) or NF_LINE_BAD (an event
 * body too short for its type: reason in err).
 */
int	nf_u2_record(uint32_t type, const uint8_t *body, uint32_t len,
	    struct nf_alert *a, char *err, size_t errlen);

/*
 * Decode a whole in-memory file, calling fn for each event; stops at the
 * first corruption.  Returns the number of bytes of complete records
 * decoded; *bad is 1 (with err, naming the offset) if it stopped early.
 * Used by tests and the fuzz target.
 */
size_t	nf_u2_scan(const uint8_t *buf, size_t len,
	    void (*fn)(void *, const struct nf_alert *), void *arg, int *bad,
	    char *err, size_t errlen);

#endif
