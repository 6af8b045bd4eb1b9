# flow2cic --compat cic2017 on tests/captures/cic-basic.pcap, split as
# CICFlowMeter did (pkt2flow --fin-closes --active-timeout 120).  Expected
# values by hand from the packet list in tests/captures/gen-cic.py and the
# quirks of spec/cic.md sections 3-4.
. "$NF_TESTDIR/lib.sh"
command -v pcap2pkt >/dev/null && command -v pkt2flow >/dev/null ||
	skip "pcap2pkt/pkt2flow not built"
pkt2flow --help | grep -q -- --fin-closes || skip "pkt2flow has no --fin-closes"

pcap2pkt -q -r "$CAPS/cic-basic.pcap" >pkt &&
	pkt2flow --fin-closes --active-timeout 120 pkt >flows &&
	flow2cic --compat cic2017 --header cic2017 flows >out.csv 2>err ||
	fail "pipeline failed"

pick() {
	$PY - out.csv "$@" <<'PY' | sort
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline='')):
    print('|'.join(row[c] for c in sys.argv[2:]))
PY
}

# A closes at the first FIN (t 2000): fwd 0 (SYN), 200, 1000 (100 B),
# 1700, 2000; bwd 100 (SYN+ACK), 1200, 1500 (300 B), 1600 (200 B).  The
# Ethernet padding of the bare ACK/FIN frames is not payload (the 2018
# code does not count it either).  The server's FIN+ACK (2100) opens an
# "appendix" flow (defect 1; its FIN does not end it, as the flow's first
# packet) and the last ACK (2200) joins it, backward.  Length
# statistics count the first packet twice (defect 4): A has 10 values
# summing to 600, mean 60; Average Packet Size 600/9.  The ICMP flow is
# protocol 0 with no payload; timestamps are dd/MM/yyyy hh:mm:ss on a
# 12-hour clock (22:13 -> 10:13).
pick 'Flow ID' 'Source IP' 'Protocol' 'Timestamp' 'Flow Duration' \
    'Total Fwd Packets' 'Total Backward Packets' \
    'Total Length of Fwd Packets' 'Total Length of Bwd Packets' \
    'Packet Length Mean' 'Average Packet Size' >got
cat >want <<'X' && sort -o want want
10.1.0.1-10.1.0.2-40000-80-6|10.1.0.1|6|14/11/2023 10:13:20|2000|5|4|100|500|60|66.6666666667
10.1.0.1-10.1.0.2-40000-80-6|10.1.0.2|6|14/11/2023 10:13:20|100|1|1|0|0|0|0
10.1.0.3-10.1.0.4-5353-53-17|10.1.0.3|17|14/11/2023 10:13:30|8000500|3|2|120|160|53.3333333333|64
10.1.0.1-10.1.0.9-0-0-0|10.1.0.1|0|14/11/2023 10:13:40|1000|1|1|0|0|0|0
2001:db8::1-2001:db8::2-40001-443-6|2001:db8::1|6|14/11/2023 10:13:41|500|1|1|0|0|0|0
10.1.0.5-10.1.0.6-9999-9999-17|10.1.0.5|17|14/11/2023 10:13:42|0|1|0|10|0|10|20
X
same want got

# Flags of the first packet only, in HashMap order (SYN lands under PSH);
# integer Down/Up (4/5 -> 0, 2/3 -> 0, 1/1 -> 1); windows: the first
# packet's, the last backward one's (A: 509 at 1600; its appendix: 502
# of the last ACK), -1 when none;
# act_data_pkt_fwd skips the first packet; subflows = totals; no final
# active period (B: active 2000000, idle 6000000); zero duration gives
# Infinity rates (NaN bytes/s for 0 bytes: 0/0) and a NaN flow IAT; the
# appendix: 2 packets in 100 us, 20000 packets/s, 0 bytes/s.
pick 'Source IP' 'Flow Duration' 'FIN Flag Count' 'SYN Flag Count' \
    'PSH Flag Count' 'Down/Up Ratio' 'Init_Win_bytes_forward' \
    'Init_Win_bytes_backward' 'act_data_pkt_fwd' 'Subflow Fwd Bytes' \
    'Active Mean' 'Idle Mean' 'Flow Bytes/s' 'Flow Packets/s' \
    'Flow IAT Mean' >got
cat >want <<'X' && sort -o want want
10.1.0.1|2000|0|0|1|0|64240|509|1|100|0|0|300000|4500|250
10.1.0.2|100|0|0|0|1|509|502|0|0|0|0|0|20000|100
10.1.0.3|8000500|0|0|0|0|-1|-1|2|120|2000000|6000000|34.9978126367|0.624960939941|2000125
10.1.0.1|1000|0|0|0|1|-1|-1|0|0|0|0|0|2000|1000
2001:db8::1|500|0|0|1|1|1000|0|0|0|0|0|0|4000|500
10.1.0.5|0|0|0|0|0|-1|-1|0|10|0|0|Infinity|Infinity|NaN
X
same want got
exit 0
