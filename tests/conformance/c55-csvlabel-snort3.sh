# c55: csvlabel on the Snort 3 alert_csv logs of ../shared/corpus/alerts
# and their pcaps.  The expected flow of each alert is found independently:
# from the tshark packet table (golden/tshark/STEM.tsv) a small script here
# builds flows (one per unordered 5-tuple, 120 s idle timeout; ICMP by
# address pair) and looks up the packet whose time and endpoints equal the
# alert's.  csvlabel --match 5tuple must label exactly those flows.  The
# alerts are converted to snort2csv columns by the same script (year from
# the pcap, times UTC as the MANIFEST says) and, when snort2csv is built,
# also by snort2csv, whose labels must agree too.
. "$NF_TESTDIR/lib.sh" 2>/dev/null || { set -u; cd "$NF_TMP" || exit 1; PY=/usr/bin/python3; }
A=$SHARED/corpus/alerts
T=$SHARED/golden/tshark
[ -d "$A" ] && [ -d "$T" ] || { echo "no corpus alerts or tshark golden"; exit 77; }
[ -x "$NF_BIN/csvlabel" ] || { echo "csvlabel not built"; exit 77; }

cat >prep.py <<'E'
import csv, sys, calendar, datetime
tsv, log, feat_out, alert_out, expect_out = sys.argv[1:6]
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
        else:
            unmatched += 1
with open(expect_out, 'w') as o:
    for i in sorted(expect):
        o.write('%d\n' % i)
print(year, nal, unmatched)
E

have_s2c=0
[ -x "$NF_BIN/snort2csv" ] && have_s2c=1
printf '%-44s %6s %6s %8s %8s %8s %s\n' capture alerts flows expected labeled hosts result
bad=0 n=0
for log in "$A"/snort3-*.alert_csv.txt; do
	stem=$(basename "$log" .alert_csv.txt)
	[ -f "$T/$stem.tsv" ] || continue
	set -- $($PY prep.py "$T/$stem.tsv" "$log" f.csv a.csv exp) || {
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
exit $bad
