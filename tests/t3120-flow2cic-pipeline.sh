# flow2cic (corrected): tests/captures/cic-basic.pcap through the
# pipeline; the expected values are worked out by hand from the packet
# list in tests/captures/gen-cic.py (times in us).
. "$NF_TESTDIR/lib.sh"
command -v pcap2pkt >/dev/null && command -v pkt2flow >/dev/null ||
	skip "pcap2pkt/pkt2flow not built"

pcap2pkt -q -r "$CAPS/cic-basic.pcap" >pkt &&
	pkt2flow pkt >flows &&
	flow2cic --header engelen flows >out.csv 2>err || fail "pipeline failed"
[ ! -s err ] || fail "stderr: $(cat err)"

# pick COL...: the named columns of every row, "|"-separated, sorted.
pick() {
	$PY - out.csv "$@" <<'PY' | sort
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline='')):
    print('|'.join(row[c] for c in sys.argv[2:]))
PY
}

# Counts, bytes (Ethernet padding excluded: A's bare ACKs carry 0), L4
# headers (A: SYN 24 + 5 x 20 fwd, SYN+ACK 24 + 4 x 20 bwd; B: 8 per
# packet), duration (A: 2200 - 0; B: 18000500 - 10000000).
pick 'Flow ID' 'Flow Duration' 'Total Fwd Packet' 'Total Bwd packets' \
    'Total Length of Fwd Packet' 'Total Length of Bwd Packet' \
    'Fwd Header Length' 'Bwd Header Length' 'Timestamp' >got
cat >want <<'X' && sort -o want want
10.1.0.1-10.1.0.2-40000-80-6|2200|6|5|100|500|124|104|2023-11-14T22:13:20.000000Z
10.1.0.3-10.1.0.4-5353-53-17|8000500|3|2|120|160|24|16|2023-11-14T22:13:30.000000Z
10.1.0.1-10.1.0.9-0-0-1|1000|1|1|56|56|8|8|2023-11-14T22:13:40.000000Z
2001:db8::1-2001:db8::2-40001-443-6|500|1|1|0|0|20|20|2023-11-14T22:13:41.000000Z
10.1.0.5-10.1.0.6-9999-9999-17|0|1|0|10|0|8|0|2023-11-14T22:13:42.000000Z
X
same want got

# TCP flags and windows.  A: SYN at 0 and 100, FIN at 2000 and 2100, ACK
# on all but the first, PSH at 1000 (fwd), 1500 and 1600 (bwd); windows
# of the first packet each way.  D: SYN, then RST+ACK (backward).
pick 'Flow ID' 'SYN Flag Count' 'FIN Flag Count' 'ACK Flag Count' \
    'PSH Flag Count' 'RST Flag Count' 'Fwd PSH Flags' 'Bwd PSH Flags' \
    'Bwd RST Flags' 'FWD Init Win Bytes' 'Bwd Init Win Bytes' \
    'Fwd Act Data Pkts' 'Bwd Act Data Pkts' 'Fwd Seg Size Min' >got
cat >want <<'X' && sort -o want want
10.1.0.1-10.1.0.2-40000-80-6|2|2|10|3|0|1|2|0|64240|65160|1|2|20
10.1.0.3-10.1.0.4-5353-53-17|0|0|0|0|0|0|0|0|0|0|3|2|8
10.1.0.1-10.1.0.9-0-0-1|0|0|0|0|0|0|0|0|0|0|1|1|8
2001:db8::1-2001:db8::2-40001-443-6|1|0|1|0|1|0|0|1|1000|0|0|0|20
10.1.0.5-10.1.0.6-9999-9999-17|0|0|0|0|0|0|0|0|0|0|1|0|8
X
same want got

# Gaps.  A: 100,100,800,200,300,100,100,300,100,100 -> mean 220, max 800,
# min 100.  B: gaps 500000, 1500000, 6000000, 500: two over 1 s -> 3
# subflows (fwd 3/3 = 1 pkt, 120/3 = 40 B; bwd 2/3 pkt, 160/3 B); one over
# 5 s -> active 12000000 - 10000000 = 2000000, idle 6000000, final active
# 18000500 - 18000000 = 500: mean 1000250.  A: one active period 2200.
# E: one packet, zero duration: rates and gaps 0.
pick 'Flow ID' 'Flow IAT Mean' 'Flow IAT Max' 'Flow IAT Min' \
    'Subflow Fwd Packets' 'Subflow Fwd Bytes' 'Subflow Bwd Packets' \
    'Subflow Bwd Bytes' 'Active Mean' 'Active Max' 'Active Min' \
    'Idle Mean' 'Flow Bytes/s' 'Down/Up Ratio' >got
cat >want <<'X' && sort -o want want
10.1.0.1-10.1.0.2-40000-80-6|220|800|100|6|100|5|500|2200|2200|2200|0|272727.272727|0.833333333333
10.1.0.3-10.1.0.4-5353-53-17|2000125|6000000|500|1|40|0.666666666667|53.3333333333|1000250|2000000|500|6000000|34.9978126367|0.666666666667
10.1.0.1-10.1.0.9-0-0-1|1000|1000|1000|1|56|1|56|1000|1000|1000|0|112000|1
2001:db8::1-2001:db8::2-40001-443-6|500|500|500|1|0|1|0|500|500|500|0|0|1
10.1.0.5-10.1.0.6-9999-9999-17|0|0|0|1|10|0|0|0|0|0|0|0|0
X
same want got

# ICMP: type/code of the first packet; other flows -1.
pick 'Flow ID' 'Protocol' 'ICMP Type' 'ICMP Code' 'Src Port' >got
cat >want <<'X' && sort -o want want
10.1.0.1-10.1.0.2-40000-80-6|6|-1|-1|40000
10.1.0.3-10.1.0.4-5353-53-17|17|-1|-1|5353
10.1.0.1-10.1.0.9-0-0-1|1|8|0|0
2001:db8::1-2001:db8::2-40001-443-6|6|-1|-1|40001
10.1.0.5-10.1.0.6-9999-9999-17|17|-1|-1|9999
X
same want got
exit 0
