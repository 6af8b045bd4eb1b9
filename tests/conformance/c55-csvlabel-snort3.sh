# c55: csvlabel on the Snort 3 alert_csv logs of ../shared/corpus/alerts
# and their pcaps.  The packet behind each alert is found independently in
# the tshark packet table (golden/tshark/STEM.tsv): the one whose time and
# endpoints equal the alert's.
#  1. "tshark flows": a small script here builds flows from that table (one
#     per unordered 5-tuple, 120 s idle timeout; ICMP by address pair) and
#     converts the log to snort2csv columns (year from the pcap, times UTC
#     as the MANIFEST says); csvlabel --match 5tuple must label exactly the
#     flows holding an alert's packet.  When snort2csv is built, its
#     conversion must give the same labels.
#  2. "pipeline": pcap2pkt | pkt2flow | flow2csv and snort2csv, then
#     csvlabel --match 5tuple; the labeled rows must be exactly those whose
#     5-tuple and [start, end] hold an alert's packet.
. "$NF_TESTDIR/lib.sh" 2>/dev/null || { set -u; cd "$NF_TMP" || exit 1; PY=/usr/bin/python3; }
A=$SHARED/corpus/alerts
T=$SHARED/golden/tshark
[ -d "$A" ] && [ -d "$T" ] || { echo "no corpus alerts or tshark golden"; exit 77; }
[ -x "$NF_BIN/csvlabel" ] || { echo "csvlabel not built"; exit 77; }

cat >prep.py <<'E'
import csv, sys, calendar, datetime
tsv, log, feat_out, alert_out, expect_out, pkt_out = sys.argv[1:7]
rows = list(csv.DictReader(open(tsv), delimiter='\t'))
def us(t):
    w, f = t.split('.')
    return int(w) * 1000000 + int((f + '000000')[:6])
flows, fl_of, pkts = {}, [], []
for r in rows:
    src = r['ip.src'] or r['ipv6.src']
    dst = r['ip.dst'] or r['ipv6.dst']
    proto = r['ip.proto'] or r['ipv6.nxt']
    if not src or not proto:
        continue
    proto = int(proto.split(',')[0])
    sp = r['tcp.srcport'] or r['udp.srcport']
    dp = r['tcp.dstport'] or r['udp.dstport']
    if proto not in (6, 17):
        sp = dp = ''
    elif not sp:
        continue    # a later IP fragment: pkt2flow reassembles these
    t = us(r['frame.time_epoch'])
    key = (proto,) + tuple(sorted([(src, sp), (dst, dp)]))
    f = flows.get(key)
    if f is None or t - f[-1]['end'] > 120000000:
        f = flows.setdefault(key, [])
        f.append({'id': None, 'start': t, 'end': t, 'src': src, 'sp': sp,
                  'dst': dst, 'dp': dp, 'proto': proto})
    f[-1]['end'] = t
    pkts.append((t, src, sp, dst, dp, f[-1]))
allf = sorted((x for v in flows.values() for x in v), key=lambda x: x['start'])
with open(feat_out, 'w') as o:
    o.write('flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,protocol\n')
    for i, x in enumerate(allf, 1):
        x['id'] = i
        o.write('%d,%d.%06d,%d.%06d,%d.%06d,%s,%s,%s,%s,%d\n' % (i,
            x['start'] // 1000000, x['start'] % 1000000,
            x['end'] // 1000000, x['end'] % 1000000,
            (x['end'] - x['start']) // 1000000, (x['end'] - x['start']) % 1000000,
            x['src'], x['sp'], x['dst'], x['dp'], x['proto']))
year = datetime.datetime.utcfromtimestamp(pkts[0][0] // 1000000).year
expect, nal, unmatched = set(), 0, 0
po = open(pkt_out, 'w')
with open(alert_out, 'w') as o:
    o.write('ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal\n')
    for line in open(log):
        p = [s.strip() for s in line.split(',')]
        if len(p) != 10 or '/' not in p[0]:
            continue
        md, hms = p[0].split('-')
        mo, d = map(int, md.split('/'))
        h, mi, s = hms.split(':')
        sec, frac = s.split('.')
        t = calendar.timegm((year, mo, d, int(h), int(mi), int(sec))) * 1000000 + int(frac)
        sa, sp = p[6].rsplit(':', 1)
        da, dp = p[7].rsplit(':', 1)
        if p[2] not in ('TCP', 'UDP'):
            sp = dp = ''
        gid, sid, rev = p[8].split(':')
        o.write('%d.%06d,%s,%s,%s,%s,,,%s,%s,%s,%s,%s,0,0\n' % (t // 1000000,
            t % 1000000, gid, sid, rev, p[8], p[2], sa, sp, da, dp))
        nal += 1
        hit = [f for (pt, a, ap, b, bp, f) in pkts if pt == t and
               ((a, ap, b, bp) == (sa, sp, da, dp) or (a, ap, b, bp) == (da, dp, sa, sp))]
        if hit:
            expect.add(hit[0]['id'])
            po.write('%d %s %s %s %s %d\n' % (t, sa, sp or '-', da, dp or '-',
                     hit[0]['proto']))
        else:
            unmatched += 1
po.close()
with open(expect_out, 'w') as o:
    for i in sorted(expect):
        o.write('%d\n' % i)
print(year, nal, unmatched)
E

# pipe.py FLOWS.csv PKTS EXPECT: the flow2csv rows holding an alert packet.
cat >pipe.py <<'E'
import csv, sys
flows = list(csv.DictReader(open(sys.argv[1])))
def us(t):
    w, f = (t + '.').split('.')[:2]
    return int(w) * 1000000 + int((f + '000000')[:6])
want = set()
for line in open(sys.argv[2]):
    t, sa, sp, da, dp, proto = line.split()
    t = int(t)
    sp = '' if sp == '-' else sp
    dp = '' if dp == '-' else dp
    for f in flows:
        if int(f['protocol']) != int(proto) and {int(f['protocol']), int(proto)} != {1, 58}:
            continue
        e = (f['src_ip'], f['src_port'], f['dst_ip'], f['dst_port'])
        if int(proto) not in (6, 17):    # ports only for TCP and UDP
            e, sp, dp = (e[0], '', e[2], ''), '', ''
        if e not in ((sa, sp, da, dp), (da, dp, sa, sp)):
            continue
        if us(f['start']) <= t <= us(f['end']):
            want.add(int(f['flow_id']))
with open(sys.argv[3], 'w') as o:
    for i in sorted(want):
        o.write('%d\n' % i)
E

have_s2c=0
[ -x "$NF_BIN/snort2csv" ] && have_s2c=1
printf '%-44s %6s %6s %8s %8s %8s %s\n' capture alerts flows expected labeled hosts result
bad=0 n=0
for log in "$A"/snort3-*.alert_csv.txt; do
	stem=$(basename "$log" .alert_csv.txt)
	[ -f "$T/$stem.tsv" ] || continue
	set -- $($PY prep.py "$T/$stem.tsv" "$log" f.csv a.csv exp pkts) || {
		echo "$stem: prep failed"; bad=1; continue; }
	year=$1 nal=$2 unm=$3
	[ "$nal" -gt 0 ] || continue
	n=$((n + 1))
	"$NF_BIN/csvlabel" --alerts a.csv --match 5tuple f.csv >l.csv ||
		{ echo "$stem: csvlabel failed"; bad=1; continue; }
	awk -F, 'NR > 1 && $NF > 0 { print $1 }' l.csv >got
	"$NF_BIN/csvlabel" --alerts a.csv f.csv >h.csv || bad=1
	hosts=$(awk -F, 'NR > 1 && $NF > 0' h.csv | wc -l)
	res=ok
	[ "$unm" = 0 ] || res="$unm alerts without their packet"
	cmp -s exp got || res=DIFFER
	if [ $have_s2c = 1 ]; then
		if "$NF_BIN/snort2csv" --format csv --year "$year" --tz UTC \
		    "$log" >s.csv 2>s.err &&
		    "$NF_BIN/csvlabel" --alerts s.csv --match 5tuple f.csv \
		    >ls.csv; then
			awk -F, 'NR > 1 && $NF > 0 { print $1 }' ls.csv >gots
			cmp -s exp gots || res="$res; via snort2csv DIFFER"
		else
			res="$res; snort2csv/csvlabel failed: $(head -n 1 s.err)"
		fi
	fi
	printf '%-44s %6s %6s %8s %8s %8s %s\n' "$stem" "$nal" \
	    "$(($(wc -l <f.csv) - 1))" "$(wc -l <exp)" "$(wc -l <got)" \
	    "$hosts" "$res"
	[ "$res" = ok ] || bad=1
done
[ $have_s2c = 1 ] || echo "(snort2csv not built: alerts converted by the test script only)"
[ $n -gt 0 ] || { echo "no alert logs with paired captures"; exit 77; }

# 2. The pipeline.
for p in pcap2pkt pkt2flow flow2csv snort2csv; do
	[ -x "$NF_BIN/$p" ] && continue
	echo "pipeline part skipped: $p not built"
	exit $bad
done
echo
printf '%-44s %6s %6s %8s %8s %s\n' "pipeline: capture" alerts flows expected labeled result
for log in "$A"/snort3-*.alert_csv.txt; do
	stem=$(basename "$log" .alert_csv.txt)
	pcap=$A/$stem.pcap
	[ -f "$T/$stem.tsv" ] && [ -f "$pcap" ] || continue
	set -- $($PY prep.py "$T/$stem.tsv" "$log" f.csv a.csv exp pkts) ||
		continue
	year=$1 nal=$2
	[ "$nal" -gt 0 ] || continue
	res=ok
	if ! "$NF_BIN/pcap2pkt" -q -r "$pcap" >s.nfr 2>p.err ||
	    ! "$NF_BIN/pkt2flow" <s.nfr >t.nfr 2>>p.err ||
	    ! "$NF_BIN/flow2csv" <t.nfr >pf.csv 2>>p.err ||
	    ! "$NF_BIN/snort2csv" --year "$year" --tz UTC "$log" >s.csv \
	    2>>p.err ||
	    ! "$NF_BIN/csvlabel" --alerts s.csv --match 5tuple pf.csv \
	    >pl.csv 2>>p.err; then
		res="pipeline failed: $(head -n 1 p.err)"
	else
		$PY pipe.py pf.csv pkts pexp || res="pipe.py failed"
		awk -F, 'NR > 1 && $NF > 0 { print $1 }' pl.csv |
		    sort -n >pgot
		cmp -s pexp pgot || res=DIFFER
	fi
	printf '%-44s %6s %6s %8s %8s %s\n' "$stem" "$nal" \
	    "$(($(wc -l <pf.csv) - 1))" "$(wc -l <pexp 2>/dev/null || echo -)" \
	    "$(wc -l <pgot 2>/dev/null || echo -)" "$res"
	[ "$res" = ok ] || bad=1
	rm -f pexp pgot
done
exit $bad
