#!/bin/bash
# c10-tshark.sh: pcap2pkt | pktdump --csv against tshark, frame by frame,
# on every corpus capture both decode ($SHARED/golden/tshark/STEM.tsv).
# Compared: time, lengths, outer VLAN, IP version/addresses/protocol/TTL/
# id/fragment fields/header length, ports, TCP flags/seq/ack/window/urgent
# pointer/header length/payload length, ICMP type/code.
#
# Accepted differences (each with its reason; the rules are the ACCEPTED
# table in tshark-compare.py, which prints the rule name on every use):
#
# | rule                    | reason                                      |
# |-------------------------|---------------------------------------------|
# | snaplen-clamp           | record longer than the file's snap length:  |
# |                         | libpcap keeps snaplen bytes, tshark all     |
# | truncated-l4            | L4 header cut by the snap length: we leave  |
# |                         | it undecoded, tshark shows what it read     |
# | ip-header-cut           | frame cut inside the fixed IP header: we    |
# |                         | report it as not IP (status truncated), so  |
# |                         | no flow is keyed on uncaptured addresses;   |
# |                         | tshark shows what it could read             |
# | partial-l4-in-fragment  | first fragment with part of a TCP header:   |
# |                         | tshark reads ports from it, we need it whole|
# | 8021ad-outer-vlan       | tshark's vlan.id is the 802.1Q C-tag; our   |
# |                         | vlan is the outermost (S-)tag               |
# | ipv4-linktype-holds-ipv6| LINKTYPE_IPV4 frame with an IPv6 packet:    |
# |                         | tshark lists an empty ip layer first        |
# | malformed-header        | impossible header fields (IHL < 5 ...): we  |
# |                         | mark it malformed, tshark shows no address  |
#
# Not compared, by design (tshark has no value or another meaning):
# - tunnels (GRE, IP-in-IP, 6in4, 4in6, VXLAN, Teredo, Geneve, ERSPAN):
#   tshark decodes the inner packet, we report the outer headers; the
#   comparison takes tshark's outer layer (frame.protocols order) and
#   compares L4 fields only when the outer IP payload is TCP/UDP/ICMP;
# - non-first fragments: tshark shows no L4 fields, we carry the
#   datagram's ports from the fragment table;
# - IPv6 with extension headers: tshark's ipv6.nxt is the first next
#   header, our proto the upper-layer protocol;
# - times tshark prints negative (invalid stored fraction).
#
# Also: every corpus capture, the malformed ones included, must run
# without a crash: exit 0, or exit 1 with "at offset N" in the message.
. "$NF_TESTDIR/lib.sh"
cd "$NF_TMP" || exit 1
C=$SHARED/corpus
G=$SHARED/golden/tshark
[ -d "$G" ] || { echo "no $G"; exit 77; }
PY=/usr/bin/python3
CMP=$NF_TESTDIR/conformance/tshark-compare.py
fail=0 nfiles=0 nok=0
printf '%-45s %6s %6s %7s %7s %5s\n' file frames cmp agree accept bad
for f in "$C"/*.pcap "$C"/*.pcapng "$C"/*.pcapng.gz "$C"/alerts/*.pcap; do
	[ -f "$f" ] || continue
	b=$(basename "$f")
	stem=${b%.gz}; stem=${stem%.pcapng}; stem=${stem%.pcap}
	pcap2pkt -q -r "$f" >out.bin 2>err.txt
	rc=$?
	if [ $rc -gt 1 ]; then
		echo "$b: pcap2pkt exit $rc (crash?)"; cat err.txt; fail=1
		continue
	fi
	if [ $rc = 1 ] && ! grep -q 'at offset [0-9]' err.txt; then
		echo "$b: exit 1 without an offset: $(cat err.txt)"; fail=1
		continue
	fi
	pktdump --csv out.bin >out.csv 2>derr.txt
	drc=$?
	if [ $drc != 0 ]; then
		echo "$b: pktdump exit $drc: $(cat derr.txt)"; fail=1
		continue
	fi
	[ -f "$G/$stem.tsv" ] || continue
	# tshark reads a file we refuse (gzip): not "both decode".
	[ $rc = 0 ] || grep -q '^pkt,' out.csv || continue
	nfiles=$((nfiles + 1))
	snap=$(pktdump -v out.bin | sed -n \
	    's/^# iface 0: linktype [0-9]* snaplen \([0-9]*\) .*/\1/p')
	if $PY "$CMP" "$stem" out.csv "$G/$stem.tsv" "${snap:-0}" 1000 |
	    tee cmp.txt; [ "${PIPESTATUS[0]}" = 0 ]; then
		nok=$((nok + 1))
	else
		fail=1
	fi
	head -n 1 cmp.txt >>table.txt
done
awk '{ f += $2; a += $4; x += $5; b += $6 }
    END { printf "total: %d frames, %d field values agree, %d accepted " \
    "differences, %d unexplained\n", f, a, x, b }' table.txt
echo "c10: $nok of $nfiles captures agree with tshark (accepted" \
    "differences listed per frame above)"
exit $fail
