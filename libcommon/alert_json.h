/* alert_json.h: JSON alert logs (jansson): Snort 3 alert_json lines and Suricata eve.json alert events. */
#ifndef NF_ALERT_JSON_H
#define NF_ALERT_JSON_H

#include <stddef.h>

#include "alert.h"
#include "alert_time.h"

/* Kinds of JSON line. */
enum {
	NF_JSON_SNORT3 = 1,	/* no "event_type": Snort 3 alert_json */
	NF_JSON_EVE = 2		/* Suricata eve.json */
};

/*
 * One JSON object per line (without newline).
 *
 * Snort 3 alert_json: "seconds" (epoch) plus the fraction of "timestamp"
 * ("MM/DD-hh:mm:ss.uuuuuu", used alone when "seconds" is absent), "gid",
 * "sid", "rev" or "rule" ("g:s:r"), "msg", "class" ("none" = empty),
 * "priority", "proto", "src_addr"/"dst_addr" with "src_port"/"dst_port",
 * or "src_ap"/"dst_ap" ("addr:port").
 *
 * eve.json: "event_type":"alert" objects: "timestamp" (ISO 8601 with
 * offset), "src_ip", "src_port", "dest_ip", "dest_port", "proto", and
 * "alert": {"gid", "signature_id", "rev", "signature", "category",
 * "severity"}.  Other event types are SKIP with *kind = NF_JSON_EVE so the
 * caller can count them.
 *
 * Returns NF_LINE_ALERT, NF_LINE_SKIP (blank line, other eve event) or
 * NF_LINE_BAD (not JSON, not an object, wrong member types) with err.
 */
int	nf_json_line(const char *l, size_t n, struct nf_tsctx *,
	    struct nf_alert *a, int *kind, char *err, size_t errlen);

/* Kind of a JSON alert line, 0 if it is not one (format detection). */
int	nf_json_sniff(const char *l, size_t n);

#endif
