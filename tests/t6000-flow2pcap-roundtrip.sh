# flow2pcap: the per-flow files of a capture hold exactly its IP packets
# (bytes, timestamps, lengths, count: compared by tshark, not netfeat), and
# each file is one conversation by tshark's conversation statistics.
. "$NF_TESTDIR/lib.sh"
need_tshark
command -v mergecap >/dev/null || skip "no mergecap"

# key FILE: one line per frame: time, lengths, MD5 of the bytes (tshark).
key() {
	tshark -r "$1" -o frame.generate_md5_hash:TRUE -T fields \
	    -e frame.time_epoch -e frame.len -e frame.cap_len \
	    -e frame.md5_hash | sort
}

for cap in flow-mixed flow-fin flow-frag flow-icmp flow-vlan cic-basic \
    p2p-nsec; do
	rm -rf out && mkdir out
	pcap2pkt -q --frames -r "$CAPS/$cap.pcap" > pk.nf ||
	    fail "pcap2pkt --frames $cap"
	pkt2flow pk.nf > fl.nf || fail "pkt2flow $cap"
	flow2pcap -d out fl.nf 2>err || fail "flow2pcap $cap: $(cat err)"
	ls out/*.pcap > files || fail "$cap: no files"
	# No temporary file is left.
	[ -z "$(ls -A out | grep '\.part$')" ] || fail "$cap: .part left"
	# Only non-IP frames (flow id 0) may be missing from the files.
	tshark -r "$CAPS/$cap.pcap" -Y ip -o frame.generate_md5_hash:TRUE \
	    -T fields -e frame.time_epoch -e frame.len -e frame.cap_len \
	    -e frame.md5_hash > ip4 || fail "tshark $cap"
	tshark -r "$CAPS/$cap.pcap" -Y ipv6 -o frame.generate_md5_hash:TRUE \
	    -T fields -e frame.time_epoch -e frame.len -e frame.cap_len \
	    -e frame.md5_hash > ip6 || fail "tshark $cap"
	sort ip4 ip6 > want
	mergecap -w merged.pcapng out/*.pcap || fail "mergecap $cap"
	key merged.pcapng > got
	same want got
	# Each file: one conversation (TCP/UDP by ports, else by addresses).
	while read -r f; do
		n=$(tshark -r "$f" -q -z conv,ip -z conv,ipv6 2>/dev/null |
		    grep -c '<->')
		[ "$n" = 1 ] || fail "$f: $n IP conversations"
		for l4 in tcp udp; do
			n=$(tshark -r "$f" -q -z conv,$l4 2>/dev/null | grep -c '<->')
			[ "$n" -le 1 ] || fail "$f: $n $l4 conversations"
		done
	done < files
done
