# A full table evicts the least recently active flow: counted in END and
# on stderr; every packet is still tagged and the stream stays ordered.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
pcap2pkt -q -r "$CAPS/flow-mixed.pcap" > pk.nf || fail pcap2pkt
pkt2flow --max-flows 5 pk.nf > fl.nf 2> err || fail pkt2flow
grep -q '^pkt2flow: [0-9]* flows evicted' err || fail "no eviction message"
pktdump fl.nf | tail -n 1 | tr ' ' '\n' > end || fail pktdump
ev=$(sed -n 's/^pkt2flow.evictions=//p' end)
[ "${ev:-0}" -gt 0 ] || fail "no evictions counted"
events > got
[ "$(grep -c ' evicted$' got)" = "$ev" ] || fail "evicted FLOW_ENDs != counter"
sh "$NF_TESTDIR/flow-invariants.sh" got || fail "stream invariants"
