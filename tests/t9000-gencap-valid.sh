# t9000: the benchmark generator writes what it claims, checked by tshark
# (an independent reader): packet counts, no malformed frame or bad
# checksum (full snaplen, so every checksum can be verified), the flow
# mix present, a SYN flood of all-distinct flows, and the same bytes for
# the same seed.
. "$NF_TESTDIR/lib.sh"
need_tshark
G=$NF_TOOLS/gencap
"$G" -n 3000 -s 1600 --slots 64 --seed 9000 -w mix.pcap || fail "gencap mix"
"$G" -n 3000 -s 1600 --slots 64 --seed 9000 -w mix2.pcap || fail "gencap mix again"
cmp -s mix.pcap mix2.pcap || fail "same seed, different bytes"
[ "$(tshark -r mix.pcap 2>/dev/null | wc -l)" = 3000 ] || fail "not 3000 frames"
tshark -r mix.pcap -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE \
    -o ip.check_checksum:TRUE -T fields -e frame.number \
    -Y 'tcp.checksum.status == 2 || udp.checksum.status == 2 ||
	ip.checksum.status == 2 || icmp.checksum.status == 2 ||
	icmpv6.checksum.status == 2' >bad.txt 2>/dev/null ||
    fail "tshark failed"
[ ! -s bad.txt ] || fail "bad checksums in frames $(head -5 bad.txt)"
tshark -r mix.pcap -T fields -e frame.protocols 2>/dev/null >protos.txt
for p in eth:ethertype:ip:tcp eth:ethertype:ip:udp:dns eth:ethertype:ip:icmp \
    eth:ethertype:ipv6 eth:ethertype:vlan; do
	grep -q "^$p" protos.txt || fail "no $p frames in the mix"
done
tshark -r mix.pcap -T fields -e tcp.flags.str 2>/dev/null |
    sort | uniq -c >flags.txt
for f in '·······A··S·' '·······AP···' '·······A···F' '·······A·R··'; do
	grep -q -- "$f" flags.txt || fail "no TCP segment with flags $f"
done
tshark -r mix.pcap -Y tcp.analysis.retransmission 2>/dev/null | grep -q . ||
    fail "no retransmission in the mix"

"$G" --syn-flood -n 5000 -w flood.pcap || fail "gencap flood"
[ "$(tshark -r flood.pcap -T fields -e ip.src -e tcp.srcport 2>/dev/null |
    sort -u | wc -l)" = 5000 ] || fail "flood sources not all distinct"
"$G" --concurrent 500 -w conc.pcap || fail "gencap concurrent"
[ "$(tshark -r conc.pcap -Y 'tcp.flags == 0x002' 2>/dev/null | wc -l)" = 500 ] ||
    fail "not 500 SYNs"
