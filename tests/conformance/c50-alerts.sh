# c50-alerts: every sample of $SHARED/corpus/alerts through snort2csv.
#
# Expected values are found independently of snort2csv:
#  - text logs: alert lines counted with grep patterns of each format;
#  - Snort 3 alert_csv with a paired pcap: each row's time must equal the
#    pcap time (tshark) of the packet the line names (pkt_num, field 2;
#    the files were written with snort -U, UTC) or, for alerts on packets
#    Snort rebuilt from a stream (pkt_gen other than raw), the time of an
#    earlier packet; the year comes from the pcap;
#  - unified2: events counted by a record walker written here in Python
#    from the record layout; py-idstools documents one event (17 records)
#    in multi-record-event.log from 207.25.71.28 to 10.20.11.123 and the
#    addresses of the event in ipv6-alert.unified2;
#  - the u2spewfoo text dump of Snort 3's MPLS test is turned back into a
#    unified2 file (event3 + packet records) and must give its one event.
# Prints a table; exit 0 when everything agrees.
set -u
PATH=$NF_BIN:$PATH
cd "$NF_TMP" || exit 1
A=$SHARED/corpus/alerts
[ -d "$A" ] || { echo "no $A"; exit 77; }
PY=/usr/bin/python3
bad=0
TAB=table.txt
printf '%-46s %-9s %6s %6s %4s  %s\n' sample format expect rows bad check >$TAB

row() {	# sample format expect rows bad check
	printf '%-46s %-9s %6s %6s %4s  %s\n' "$@" >>$TAB
	[ "$3" = "$4" ] || bad=1
	case "$6" in *FAIL*) bad=1 ;; esac
}

# Rows and bad-line count of one run: run NAME ARGS...
run() {
	name=$1; shift
	snort2csv "$@" >"$name.csv" 2>"$name.err"
	rc=$?
	if [ $rc != 0 ]; then
		echo "snort2csv $* exited $rc:"; cat "$name.err"
		bad=1
	fi
	rows=$(($(wc -l <"$name.csv") - 1))
	nbad=$(sed -n "s/^snort2csv: \([0-9]*\) bad line.*/\1/p" \
	    "$name.err" | head -n 1)
	nbad=${nbad:-0}
}

# Snort 3 alert_csv (and the Snort 2 one without pcap).
for f in "$A"/*.alert_csv.txt; do
	b=$(basename "$f" .alert_csv.txt)
	# Alert lines: a gid:sid:rev field (Snort 3) or a leading timestamp
	# (Snort 2).
	exp=$(grep -cE '(^|, )[0-9]+:[0-9]+:[0-9]+(, |$)|^[0-9]{2}/[0-9]{2}-[0-9:.]+ ,[0-9]+,' "$f")
	pcap=$A/$b.pcap
	year=2020
	if [ -f "$pcap" ] && command -v tshark >/dev/null; then
		t0=$(tshark -r "$pcap" -T fields -e frame.time_epoch -c 1 \
		    2>/dev/null |
		    cut -d. -f1)
		year=$(date -u -d "@$t0" +%Y)
	fi
	run "$b" --tz UTC --year "$year" "$f"
	check="-"
	if [ -f "$pcap" ] && [ "$rows" -gt 0 ] &&
	    command -v tshark >/dev/null; then
		tshark -r "$pcap" -T fields -e frame.number \
		    -e frame.time_epoch >"$b.frames" 2>/dev/null
		# pkt_num of every alert line with a timestamp, in order.
		grep -E '^[0-9]{2}/[0-9]{2}-' "$f" |
		    awk -F', ' '{ print $2, $4 }' >"$b.pkts"
		if [ -s "$b.pkts" ]; then
			check=$($PY - "$b.frames" "$b.pkts" "$b.csv" <<'X'
import sys
frames = {}
for l in open(sys.argv[1]):
    n, t = l.split()
    frames[int(n)] = float(t)
pkts = [l.split() for l in open(sys.argv[2])]
rows = [float(l.split(",")[0]) for l in open(sys.argv[3]) if l[0] != "t"]
ok = 0
for (p, gen), r in zip(pkts, rows):
    p = int(p)
    if gen == "raw":
        cand = [frames.get(p, -1)]
    else:
        cand = [t for n, t in frames.items() if n <= p]
    ok += any(abs(t - r) < 5e-7 for t in cand)
tot = max(len(pkts), len(rows))
print("ts=pcap %d/%d%s" % (ok, tot, "" if ok == tot else " FAIL"))
X
)
		fi
	fi
	row "$b" csv "$exp" "$rows" "$nbad" "$check"
done

# Snort 3 alert_json: seconds field = pcap time of pkt_num.
for f in "$A"/*.alert_json.txt; do
	b=$(basename "$f" .alert_json.txt)
	exp=$(grep -c '"rule"' "$f")
	run "$b" "$f"
	check=$($PY - "$f" "$b.csv" <<'X'
import json, sys
want = []
for l in open(sys.argv[1]):
    o = json.loads(l)
    want.append("%d.%s" % (o["seconds"], o["timestamp"].split(".")[1]))
rows = [l.split(",")[0] for l in open(sys.argv[2])][1:]
ok = sum(1 for w, r in zip(want, rows) if w == r)
print("ts=seconds %d/%d%s" % (ok, len(want), "" if ok == len(want) else " FAIL"))
X
)
	row "$b" json "$exp" "$rows" "$nbad" "$check"
done

# alert_fast mixed with trace output, and alert_ex.
f=$A/snort3-alert-fast-js.txt
if [ -f "$f" ]; then
	exp=$(grep -cE '^[0-9]{2}/[0-9]{2}-[0-9:.]+ .*\[\*\*\] \[[0-9]+:[0-9]+:[0-9]+\]' "$f")
	run fastjs --tz UTC --year 2020 "$f"
	row snort3-alert-fast-js fast "$exp" "$rows" "$nbad" -
fi
f=$A/snort3-alert-ex.txt
if [ -f "$f" ]; then
	exp=$(grep -cE '^[0-9]+:[0-9]+:[0-9]+ "' "$f")
	run alertex "$f"
	row snort3-alert-ex fast "$exp" "$rows" "$nbad" -
fi

# unified2: an independent record walker counts the event records.
cat >u2count.py <<'X'
import struct, sys
EVENTS = {7, 72, 99, 100, 104, 105, 114}
d = open(sys.argv[1], "rb").read()
off = n = recs = 0
while off + 8 <= len(d):
    t, l = struct.unpack(">II", d[off:off + 8])
    off += 8 + l
    recs += 1
    n += t in EVENTS
print(n, recs, "ok" if off == len(d) else "trailing")
X
for f in "$A"/*.unified2; do
	b=$(basename "$f" .unified2)
	set -- $($PY u2count.py "$f")
	exp=$1 recs=$2
	run "$b" --sid-msg "$A/idstools-sid-msg.map" \
	    --gen-msg "$A/idstools-gen-msg.map" \
	    --classification "$A/idstools-classification.config" "$f"
	check="$recs records"
	case $b in
	idstools-multi-record-event)
		# py-idstools: 1 event of 17 records, 207.25.71.28 -> 10.20.11.123
		if [ "$recs" = 17 ] && [ "$exp" = 1 ] &&
		    sed -n 2p "$b.csv" | grep -q ',207\.25\.71\.28,.*,10\.20\.11\.123,'
		then check="$check, idstools addrs ok"
		else check="$check, idstools FAIL"; fi ;;
	idstools-ipv6-alert)
		if sed -n 2p "$b.csv" |
		    grep -q ',fe80::dacb:8aff:feed:a146,,fe80::215:17ff:fe0d:6f7,'
		then check="$check, idstools addrs ok"
		else check="$check, idstools FAIL"; fi ;;
	esac
	row "$b" unified2 "$exp" "$rows" "$nbad" "$check"
done

# The u2spewfoo dump back to unified2 (Snort 3 event3 + packet layouts).
f=$A/snort3-unified2-mpls.u2spewfoo.txt
if [ -f "$f" ]; then
	$PY - "$f" mpls.u2 >mpls.want <<'X'
import ipaddress, re, struct, sys
txt = open(sys.argv[1]).read()
out = b""
want = []
for blk in re.split(r"\n(?=\(Event\)|Packet\n)", txt):
    if blk.strip().startswith("(Event)"):
        g = lambda p: re.search(p, blk).group(1)
        sec, usec = g(r"Seconds: (\d+\.\d+)").split(".")
        gid, sid, rev = map(int, g(r"Rule (\d+:\d+:\d+)").split(":"))
        src, dst = g(r"Src IP: (\S+)"), g(r"Dst IP: (\S+)")
        sp, dp = re.findall(r"Port: (\d+)", blk)
        proto = int(g(r"IP Proto: (\d+)"))
        ver = int(g(r"IP Version: (0x\w+)"), 16)
        body = struct.pack(">IIIIIIIIIIII", int(g(r"Snort ID: (\d+)")),
                           int(g(r"Event ID: (\d+)")), int(sec), int(usec),
                           gid, sid, rev, int(g(r"Class: (\d+)")),
                           int(g(r"Priority: (\d+)")), 0, 0, 0)
        body += ipaddress.IPv6Address("::ffff:" + src).packed
        body += ipaddress.IPv6Address("::ffff:" + dst).packed
        body += struct.pack(">IHHHHBBBB", int(g(r"MPLS Label: (\d+)")),
                            int(sp), int(dp), int(g(r"VLAN ID: (\d+)")), 0,
                            ver, proto, 0, 0) + b"\0" * 64
        out += struct.pack(">II", 114, len(body)) + body
        want.append("%s.%s,%d,%d,%d,,,%s,%s,%s,%s,%s,%s,,"
                    % (sec, usec, gid, sid, rev, g(r"Priority: (\d+)"),
                       {6: "TCP", 17: "UDP", 1: "ICMP"}.get(proto, proto),
                       src, sp, dst, dp))
    elif blk.startswith("Packet"):
        g = lambda p: int(re.search(p, blk).group(1))
        data = bytes.fromhex("".join(
            "".join(re.findall(r"^\[\s*\d+\] ((?:[0-9A-F]{2} )+)", blk,
                               re.M)).split()))
        body = struct.pack(">IIIIIII", g(r"sensor id: (\d+)"),
                           g(r"event id: (\d+)"), g(r"event second: (\d+)"),
                           g(r"packet second: (\d+)"),
                           g(r"packet microsecond: (\d+)"),
                           g(r"linktype: (\d+)"), len(data)) + data
        out += struct.pack(">II", 2, len(body)) + body
open(sys.argv[2], "wb").write(out)
print("\n".join(want))
X
	exp=$(grep -c '^(Event)' "$f")
	run mpls mpls.u2
	tail -n +2 mpls.csv >mpls.got
	if cmp -s mpls.want mpls.got; then check="fields = dump"
	else check="fields FAIL: $(cat mpls.got) vs $(cat mpls.want)"; fi
	row snort3-unified2-mpls.u2spewfoo unified2 "$exp" "$rows" "$nbad" \
	    "$check"
fi

cat $TAB
[ $bad = 0 ]
