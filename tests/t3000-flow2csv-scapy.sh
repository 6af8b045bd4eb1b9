# flow2csv --columns basic after pkt2flow --unidirectional equals the
# table an independent scapy script (tests/scapy-flows.py) computes:
# same rows in any order, durations within 1 microsecond.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
need_scapy
caps="flow-fin flow-rst flow-reuse flow-idle flow-synack flow-frag flow-vlan
flow-icmp flow-ooo flow-mixed"
for c in $caps; do
	tag $c.pcap --unidirectional
	rows --columns basic
	mv rows.csv $c.ours
	$PY "$NF_TESTDIR/scapy-flows.py" "$CAPS/$c.pcap" > $c.scapy ||
	    fail "scapy-flows.py on $c"
	$PY - $c.scapy $c.ours <<'X' || fail "$c: tables differ"
import sys
def load(path):
    lines = open(path).read().splitlines()
    return lines[0], [l.split(",") for l in lines[1:]]
hs, a = load(sys.argv[1])
ho, b = load(sys.argv[2])
if hs != ho:
    sys.exit("header: %s != %s" % (hs, ho))
key = lambda r: r[:5] + r[6:]
a.sort(key=key)
b.sort(key=key)
bad = len(a) != len(b)
for x, y in zip(a, b):
    if key(x) != key(y) or abs(float(x[5]) - float(y[5])) > 1.0000001e-6:
        bad = True
if bad:
    print("scapy:", *map(",".join, a), sep="\n  ")
    print("ours:", *map(",".join, b), sep="\n  ")
    sys.exit(1)
X
done
