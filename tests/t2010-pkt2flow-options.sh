# Usage, exit codes, the FLOWCFG header option and END counters.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
pkt2flow --help > out || fail "--help"
grep -q '^usage: pkt2flow ' out || fail "--help prints no usage"
expect_exit 0 pkt2flow --version > /dev/null
expect_exit 2 pkt2flow --bogus 2> err
grep -q '^usage: ' err || fail "no usage on bad option"
expect_exit 2 pkt2flow --max-flows 0 2> /dev/null
expect_exit 2 pkt2flow --idle-timeout soon 2> /dev/null
expect_exit 2 pkt2flow a b 2> /dev/null
expect_exit 1 pkt2flow does-not-exist 2> err
grep -q "does-not-exist" err || fail "missing file not named"
# Defaults in the header: idle 120 s, no active timeout, linger 1.5 s.
tag flow-mixed.pcap
pktdump -v fl.nf > text || fail pktdump
grep -q '^# flowcfg: idle 120000000000 ns, active 0 ns, linger 1500000000 ns, max_flows [0-9]*, flags 0x0$' text ||
    fail "default FLOWCFG"
grep -q '^# prov 1: pkt2flow ' text || fail "no provenance line"
tag flow-mixed.pcap --unidirectional --no-vlan --idle-timeout 60 \
    --active-timeout 30 --tcp-linger 0.5 --max-flows 1000
pktdump -v fl.nf > text || fail pktdump
grep -q '^# flowcfg: idle 60000000000 ns, active 30000000000 ns, linger 500000000 ns, max_flows 1000, flags 0x3$' text ||
    fail "FLOWCFG with options"
grep '^# netfeat' text | grep -q unidirectional || fail "no NF_HF_UNIDIR"
# END: the input's counters first, then ours; packets agree.
tag flow-mixed.pcap
pktdump fl.nf | tail -n 1 | tr ' ' '\n' > end || fail pktdump
n=$(sed -n 's/^pcap2pkt.packets=//p' end)
[ -n "$n" ] && [ "$(sed -n 's/^pkt2flow.packets=//p' end)" = "$n" ] ||
    fail "packet counters differ"
[ "$(grep -n '^pcap2pkt\.' end | tail -n 1 | cut -d: -f1)" -lt \
  "$(grep -n '^pkt2flow\.' end | head -n 1 | cut -d: -f1)" ] ||
    fail "input counters not first"
for c in flows ended_fin ended_rst ended_idle ended_active ended_eof \
    ended_evicted ended_truncated evictions out_of_order; do
	grep -q "^pkt2flow\.$c=" end || fail "no counter $c"
done
