# flow2pcap: --tee is byte-identical, pcapng keeps nanoseconds, names,
# --min-packets, a stream without frames and a bad directory are refused.
. "$NF_TESTDIR/lib.sh"
need_tshark

pcap2pkt -q --frames -r "$CAPS/p2p-nsec.pcap" > pk.nf || fail pcap2pkt
pkt2flow pk.nf > fl.nf || fail pkt2flow

# --tee passes the stream through unchanged.
mkdir t1
flow2pcap -d t1 --tee fl.nf > tee.nf || fail "flow2pcap --tee"
cmp fl.nf tee.nf || fail "--tee output differs from its input"

# pcapng with nanosecond timestamps: the same times as the original.
mkdir t2
flow2pcap -d t2 --format pcapng fl.nf || fail "--format pcapng"
ls t2/*.pcapng > /dev/null || fail "no .pcapng files"
tshark -r "$CAPS/p2p-nsec.pcap" -Y 'ip or ipv6' -T fields \
    -e frame.time_epoch | sort > want
for f in t2/*.pcapng; do
	tshark -r "$f" -T fields -e frame.time_epoch
done | sort > got
same want got
grep -q '\.[0-9]*[1-9]0*$' want && grep -vq '000$' want ||
    echo "note: capture has no sub-microsecond digits"

# Names: the default pattern, and a custom one with the flow id.
mkdir t3
flow2pcap -d t3 --name 'flow-%i-%p' fl.nf || fail "--name"
pktdump --csv fl.nf | awk -F, '$1 == "flow_end" { print $28, $10 }' |
    while read -r id proto; do
	case $proto in 6) p=tcp ;; 17) p=udp ;; 1) p=icmp ;; 58) p=icmp6 ;;
	*) p=$proto ;; esac
	[ -f "t3/flow-$id-$p.pcap" ] || fail "no t3/flow-$id-$p.pcap"
done || exit 1
ls t1 | grep -Eq '^[0-9]{8}T[0-9]{6}\.[0-9]{6}Z_[a-z0-9]+_.*_[0-9]+\.pcap$' ||
    fail "default names: $(ls t1 | head -3)"

# --min-packets: no file has fewer packets.
mkdir t4
flow2pcap -d t4 --min-packets 3 fl.nf || fail "--min-packets"
for f in t4/*; do
	[ -e "$f" ] || continue
	n=$(tshark -r "$f" | wc -l)
	[ "$n" -ge 3 ] || fail "$f has $n packets"
done

# --labels/--filter-label: only the flows labeled so get a file.  The
# label table is written by hand (flows 1 and 2 exist in this stream;
# the label of an absent flow 3 changes nothing).
printf 'flow_id,src_ip,label\n1,x,attack\n2,x,BENIGN\n3,"a,b",attack\n' \
    > labels.csv
mkdir t5
flow2pcap -d t5 --name 'flow-%i' --labels labels.csv \
    --filter-label attack fl.nf || fail "--filter-label"
ls t5 > got5
printf 'flow-1.pcap\n' > want5
same want5 got5
printf 'flow_id,label\nx,attack\n' > badlabels.csv
expect_exit 1 flow2pcap -d t5 --labels badlabels.csv --filter-label a \
    fl.nf 2>err
grep -q 'line 2' err || fail "bad label file: $(cat err)"

# Refusals.
pcap2pkt -q -r "$CAPS/p2p-nsec.pcap" | pkt2flow > noframes.nf ||
    fail "pipeline"
expect_exit 1 flow2pcap -d t1 noframes.nf 2>err
grep -q 'pcap2pkt --frames' err || fail "no hint: $(cat err)"
expect_exit 1 flow2pcap -d missing fl.nf 2>err
grep -q "'missing'" err || fail "bad dir not named: $(cat err)"
mkdir ro && chmod 555 ro
if [ "$(id -u)" != 0 ]; then
	expect_exit 1 flow2pcap -d ro fl.nf 2>err
	[ -z "$(ls -A ro)" ] || fail "files left in a read-only dir"
fi
expect_exit 2 flow2pcap --format tiff fl.nf 2>/dev/null
expect_exit 2 flow2pcap --name 'a/b' fl.nf 2>/dev/null
expect_exit 2 flow2pcap --filter-label x fl.nf 2>/dev/null
flow2pcap --help | grep -q usage || fail "--help"
flow2pcap --version | grep -q netfeat || fail "--version"

# Disk full: /dev/full as the target of a spill is hard to arrange; a
# directory on a tiny tmpfs needs mount rights.  Try it when root.
if [ "$(id -u)" = 0 ] && mkdir full && mount -t tmpfs -o size=8k tmpfs full \
    2>/dev/null; then
	pcap2pkt -q --frames -r "$CAPS/flow-mixed.pcap" | pkt2flow > big.nf
	flow2pcap -d full big.nf 2>err; rc=$?
	umount full
	[ $rc = 1 ] || fail "disk full: exit $rc"
	grep -q 'full/' err || fail "disk full: file not named: $(cat err)"
fi
exit 0
