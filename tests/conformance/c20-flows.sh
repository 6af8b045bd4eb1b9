# c20-flows.sh: flow counts of pkt2flow against the corrected CICFlowMeter
# (golden/cic-java-engelen) on the corpus.
#
# engelen keeps teardown packets in their flow like pkt2flow, but reads
# only Ethernet + IPv4 and keys ICMP differently, so the comparison is the
# number of IPv4 TCP and UDP flows per capture, three ways:
#   ours  pkt2flow with its defaults (idle timeout 120 s, linger 1.5 s);
#   like  pkt2flow --idle-timeout 0 --active-timeout 120 --tcp-linger 120:
#         engelen's timeout semantics (120 s from flow start; a closed
#         flow takes every packet until a new SYN or that timeout);
#   eng   rows of golden/cic-java-engelen with protocol 6 or 17.
# A capture agrees when ours = eng; a difference is explained when like =
# eng (timeout semantics), when engelen cannot read the capture's link
# type, or by a reason listed in reason() below (from golden/README.md and
# looking at the packets).  Unexplained differences fail.
set -u
export PATH="$NF_BIN:$PATH"
cd "$NF_TMP" || exit 1
G=$SHARED/golden/cic-java-engelen
[ -f "$SHARED/golden/STATUS.tsv" ] || { echo "no golden STATUS.tsv"; exit 77; }
command -v pcap2pkt > /dev/null || { echo "no pcap2pkt"; exit 77; }

reason() {
	case $1 in
	pcapng-multi-linktype-*)
		echo "pcapng with mixed link types: libpcap refuses it, engelen reads nothing" ;;
	mpls-*|snort3-alert-ex|snort3-csv-allfields|snort3-json|snort3-unified2-mpls)
		echo "MPLS: jnetpcap does not decode it, engelen loses those packets" ;;
	pppoe-*)
		echo "PPPoE session: jnetpcap decodes no IP (phantom protocol-0 flows)" ;;
	ipv4-frag-*|snort3-sip-digium)
		echo "IP fragments: engelen puts non-first fragments in protocol-0 flows; the decoder gives them their datagram's ports" ;;
	ipv4-invalid-hdr-length|trunc-ipv4-internal-header)
		echo "malformed or truncated IPv4: engelen drops the packet; we keep it in a flow (status bits set)" ;;
	tunnel-4in6|tunnel-ipip-4in4)
		echo "IP-in-IP: jnetpcap keys the inner IPv4 header; we key the outer header (no decapsulation)" ;;
	*)
		return 1 ;;
	esac
}

# count CSV PROTOCOL-COLUMN SOURCE-COLUMN: IPv4 TCP and UDP rows.
count() {
	awk -F, -v p="$2" -v s="$3" 'NR > 1 && $s !~ /:/ &&
	    ($p == 6 || $p == 17) { n++ } END { print n + 0 }' "$1"
}

agree=0 timeouts=0 explained=0 unexplained=0 total=0
printf '%-40s %-10s %5s %5s %5s  %s\n' capture linktype ours like eng status
awk -F'\t' '$6 == "cic-java-engelen" && $7 ~ /^ok/ { print $1, $2 }' \
    "$SHARED/golden/STATUS.tsv" > list
while read -r stem lt; do
	f=
	for c in "$SHARED/corpus/$stem.pcap" "$SHARED/corpus/$stem.pcapng" \
	    "$SHARED/corpus/alerts/$stem.pcap" \
	    "$SHARED/corpus/alerts/$stem.pcapng"; do
		[ -f "$c" ] && { f=$c; break; }
	done
	[ -n "$f" ] && [ -f "$G/$stem.csv" ] || continue
	total=$((total + 1))
	# pcap2pkt exits 1 on a damaged capture after writing what it
	# could; its stream is still complete.
	pcap2pkt -q -r "$f" > pk.nf 2> /dev/null
	pkt2flow pk.nf 2> /dev/null > a.nf && flow2csv a.nf > ours.csv ||
	    { echo "$stem: pkt2flow | flow2csv failed"; unexplained=$((unexplained + 1)); continue; }
	pkt2flow --idle-timeout 0 --active-timeout 120 --tcp-linger 120 \
	    pk.nf 2> /dev/null > b.nf && flow2csv b.nf > like.csv ||
	    { echo "$stem: pkt2flow (like) failed"; unexplained=$((unexplained + 1)); continue; }
	o=$(count ours.csv 9 5)
	l=$(count like.csv 9 5)
	e=$(count "$G/$stem.csv" 6 2)
	if [ "$o" = "$e" ]; then
		st=same; agree=$((agree + 1))
	elif [ "$l" = "$e" ]; then
		st="timeouts: engelen's 120 s from start, closed flows absorb until a new SYN"
		timeouts=$((timeouts + 1))
	elif [ "$lt" != EN10MB ] && [ "$e" = 0 ]; then
		st="link type $lt: engelen reads Ethernet only"
		explained=$((explained + 1))
	elif r=$(reason "$stem"); then
		st=$r; explained=$((explained + 1))
	else
		st=UNEXPLAINED; unexplained=$((unexplained + 1))
	fi
	printf '%-40s %-10s %5s %5s %5s  %s\n' "$stem" "$lt" "$o" "$l" "$e" "$st"
done < list
echo "captures $total: same $agree, timeout semantics $timeouts, other explained $explained, unexplained $unexplained"
[ "$total" -gt 0 ] || exit 77
[ "$unexplained" = 0 ]
