# Stream invariants on a mixed capture, in both table modes: every IP
# packet tagged (id != 0), FLOW_BEGIN before a flow's first packet,
# FLOW_END after its last, ids unique, every flow ended.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
for opt in "" --unidirectional "--active-timeout 1" --fin-closes; do
	tag flow-mixed.pcap $opt
	events > got
	sh "$NF_TESTDIR/flow-invariants.sh" got || fail "invariants ($opt)"
	[ "$(grep -c '^pkt ' got)" = \
	  "$(pktdump fl.nf | tail -n 1 | tr ' ' '\n' | sed -n 's/^pcap2pkt.packets=//p')" ] ||
	    fail "packets lost ($opt)"
done
# Unidirectional: every packet is forward.
tag flow-mixed.pcap --unidirectional
events > got
grep -q '^pkt [0-9]* 1$' got && fail "backward packet in unidirectional mode"
exit 0
