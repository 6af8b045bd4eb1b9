# c40-kdd.sh: flow2kdd against the kdd99 extractor with the S0 fix
# (golden/kdd-ref-s0fix) on the corpus, only for the fields the spec
# (../shared/spec/kdd.md section 7) lists as reliable in it: duration,
# protocol_type, land, urgent, and service for well-known ports.
#
# Rows are matched on (protocol, src_ip, src_port, dst_ip, dst_port), and
# only keys that occur exactly once on both sides are compared: the
# reference emits rows in end order, splits or merges connections
# differently (spurious OTH rows for trailing packets, port reuse) and
# aggregates ICMP per address pair, so ICMP is not compared at all.
# Service is compared when the responder port is below 1024 and has a
# KDD name (not private/other): the reference maps extra IANA ports and
# a different private rule.  Known, explained differences:
#   duration: the reference ends connections on its own timeouts and
#     state machine (for example S2 + FIN waits for the last ACK), so a
#     connection can cover other packets.  Seen on the corpus (1 of 709):
#     scan-vnc-scanner 192.168.0.11:46381 > 10.0.0.149:5900, ref 0, ours
#     1: the file holds the responder's FIN stamped 1551120433.658, 0.9 s
#     after the originator's last RST (timestamps out of file order);
#     ours spans the earliest to the latest timestamp of the connection
#     (1.47 s), the reference stops at the RST;
#   service: the reference names some ports differently (spec section 7).
# The test fails when an always-equal field (protocol_type, land) differs
# or when agreement of duration/urgent/service drops below 90 %.
set -u
export PATH="$NF_BIN:$PATH"
cd "$NF_TMP" || exit 1
G=$SHARED/golden/kdd-ref-s0fix
[ -f "$SHARED/golden/STATUS.tsv" ] || { echo "no golden STATUS.tsv"; exit 77; }
for p in pcap2pkt pkt2flow flow2kdd; do
	command -v $p > /dev/null || { echo "no $p"; exit 77; }
done
PY=/usr/bin/python3

# Captures the reference processed with rows.
awk -F'\t' '$6 == "kdd-ref-s0fix" && $7 == "ok" { print $1 }' \
    "$SHARED/golden/STATUS.tsv" > list
: > pairs
while read -r stem; do
	f=$(ls "$SHARED/corpus/$stem".* 2>/dev/null | head -n 1)
	[ -n "$f" ] || continue
	pcap2pkt -q -P 256 -r "$f" 2> /dev/null | pkt2flow 2> /dev/null |
	    flow2kdd > "$stem.ours" 2> /dev/null
	# A corpus file may be cut short or odd: rows written count anyway.
	echo "$stem $f" >> pairs
done < list

$PY - "$G" pairs <<'PYEOF'
import csv, sys, collections
G, pairs = sys.argv[1], sys.argv[2]
KNOWN = set("""echo discard systat daytime netstat ftp_data ftp ssh telnet smtp
time name whois domain mtp sql_net gopher remote_job rje finger http ctf link
supdup hostnames iso_tsap csnet_ns pop_2 pop_3 sunrpc auth uucp_path nntp
netbios_ns netbios_dgm netbios_ssn imap4 vmnet bgp IRC Z39_50 ldap nnsp
http_443 exec login shell printer efs courier uucp klogin kshell domain_u
tftp_u ntp_u""".split())
fields = ["protocol_type", "duration", "land", "urgent", "service"]
tot = collections.Counter(); ok = collections.Counter()
diffs = collections.defaultdict(list)
ncap = 0
def rows(path, icmp_ok=False):
    try:
        with open(path, newline="") as fp:
            return [r for r in csv.DictReader(fp)]
    except FileNotFoundError:
        return []
def key(r):
    return (r["protocol_type"], r["src_ip"], r["src_port"], r["dst_ip"],
            r["dst_port"])
for line in open(pairs):
    stem = line.split()[0]
    ref = [r for r in rows("%s/%s.csv" % (G, stem)) if r["protocol_type"] != "icmp"]
    our = [r for r in rows(stem + ".ours") if r["protocol_type"] != "icmp"]
    if not ref:
        continue
    ncap += 1
    rc = collections.Counter(key(r) for r in ref)
    oc = collections.Counter(key(r) for r in our)
    rk = {key(r): r for r in ref if rc[key(r)] == 1}
    ok_keys = [k for k in rk if oc.get(k) == 1]
    tot["rows: ref"] += len(ref); tot["rows: matched"] += len(ok_keys)
    om = {key(r): r for r in our if oc[key(r)] == 1}
    for k in ok_keys:
        a, b = rk[k], om[k]
        for f in fields:
            if f == "service":
                if int(k[4]) >= 1024 or a[f] not in KNOWN:
                    continue
            tot[f] += 1
            if a[f] == b[f]:
                ok[f] += 1
            else:
                diffs[f].append("%s %s:%s>%s:%s ref=%s ours=%s" % (
                    stem, k[1], k[2], k[3], k[4], a[f], b[f]))
print("captures compared: %d; rows in reference (no ICMP): %d; rows "
      "matched one-to-one: %d" % (ncap, tot["rows: ref"], tot["rows: matched"]))
print("%-14s %8s %8s %8s" % ("field", "compared", "agree", "percent"))
bad = 0
for f in fields:
    pct = 100.0 * ok[f] / tot[f] if tot[f] else 100.0
    print("%-14s %8d %8d %7.1f%%" % (f, tot[f], ok[f], pct))
    if f in ("protocol_type", "land") and ok[f] != tot[f]:
        bad = 1
    elif pct < 90.0:
        bad = 1
for f in fields:
    if diffs[f]:
        print("differences in %s (%d, first 15):" % (f, len(diffs[f])))
        for d in diffs[f][:15]:
            print("   ", d)
sys.exit(bad)
PYEOF
