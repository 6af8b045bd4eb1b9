#!/bin/bash
# run.sh BUILDDIR: the live-capture end-to-end test (make check-live).
#
# Two network namespaces joined by a veth pair (addresses from the
# documentation range 192.0.2.0/24, so nothing can leave them).  In the
# server namespace the live pipeline
#   pcap2pkt -i veth | pkt2flow --idle-timeout 2 | flow2pcap --tee |
#       tee (flow2kdd) | flow2cic
# runs while tcpdump captures the same interface to a file.  Bounded
# traffic: TCP sessions closed with FIN and with RST, a refused connection,
# UDP, ping, and one TCP session still open at the end.  Then SIGINT goes
# to the whole pipeline's process group (Ctrl-C in a shell), and:
#  - every stage exits 0; the flows still open end with reason eof;
#  - the FIN-closed session's row appeared within 3 s, without more traffic;
#  - the live CIC and KDD rows equal those of the offline pipeline on the
#    tcpdump file, except for timestamp jitter between the two capture
#    handles (tests/live/compare.py says exactly what is tolerated);
#  - flow2pcap wrote one file per flow as the flows ended.
# Needs root and network namespaces; otherwise it says why and skips.
set -u
B=${1:?usage: run.sh BUILDDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
case "$B" in /*) ;; *) B=$top/$B ;; esac
BIN=$B/bin
PY=/usr/bin/python3
TRAFFIC=$top/tests/live/traffic.py
NSA=nf-live-srv-$$
NSB=nf-live-cli-$$
A=192.0.2.1
BADDR=192.0.2.2

skip() { echo "check-live: skipped: $*"; exit 0; }
fail() { echo "check-live: FAIL: $*" >&2; cleanup; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, capture)"
for t in ip tcpdump ping; do
	command -v $t >/dev/null || skip "no $t"
done
ip netns add $NSA 2>/dev/null || skip "cannot create network namespaces"
ip netns add $NSB || { ip netns del $NSA; skip "cannot create namespaces"; }

W=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-live.XXXXXX")
pids=
cleanup() {
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	# Everything still running inside the namespaces (tcpdump, the
	# traffic server and client), then the namespaces themselves.
	for ns in $NSA $NSB; do
		ip netns pids $ns 2>/dev/null | xargs -r kill -9 2>/dev/null
	done
	[ -n "${pgid:-}" ] && kill -9 -- -"$pgid" 2>/dev/null
	ip netns del $NSA 2>/dev/null
	ip netns del $NSB 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
inA() { ip netns exec $NSA "$@"; }
inB() { ip netns exec $NSB "$@"; }

ip link add vA netns $NSA type veth peer name vB netns $NSB ||
    fail "cannot create a veth pair"
# IPv4 only: no neighbour discovery or router solicitations arriving at
# random moments, so both captures see the same packets.
for ns in $NSA $NSB; do
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
inA ip addr add $A/24 dev vA && inA ip link set vA up &&
    inA ip link set lo up &&
    inB ip addr add $BADDR/24 dev vB && inB ip link set vB up &&
    inB ip link set lo up || fail "cannot configure the veth pair"
# Wait for the link (IPv6 DAD and router solicitations may still come:
# they are part of the traffic both captures see).
sleep 1

cd "$W" || exit 1
mkdir flows
inA $PY "$TRAFFIC" server $A & pids="$pids $!"
inA tcpdump -i vA --immediate-mode -w ref.pcap -U -s 0 2>tcpdump.err &
tdpid=$!
pids="$pids $tdpid"

# The live pipeline in its own process group, like a shell job; SIGINT
# back at its default (a background job of this script ignores it).
# flow2kdd runs live too, on a copy of the tagged stream through a FIFO.
mkfifo kdd.fifo || fail "mkfifo"
setsid env --default-signal=INT bash -c "
	$BIN/flow2kdd < kdd.fifo > live.kdd.csv 2>p5.err &
	kdd=\$!
	ip netns exec $NSA $BIN/pcap2pkt -i vA -P 256 --frames 2>p1.err |
	    $BIN/pkt2flow --idle-timeout 2 2>p2.err |
	    $BIN/flow2pcap -d flows --tee 2>p3.err | tee -i live.nf kdd.fifo |
	    $BIN/flow2cic 2>p4.err > live.cic.csv
	st=\"\${PIPESTATUS[*]}\"
	wait \$kdd
	echo \"\$st \$?\" > status" & pgid=$!
pids="$pids $pgid"
sleep 1.5
[ -s tcpdump.err ] || sleep 1

inB $PY "$TRAFFIC" client $A fin || fail "fin session"
t_fin=$(date +%s.%N)
# Latency: the FIN session's row, with no further traffic.
for i in $(seq 1 40); do
	[ "$(wc -l < live.cic.csv)" -ge 2 ] && break
	sleep 0.1
done
t_row=$(date +%s.%N)
lat=$(echo "$t_fin $t_row" | awk '{ printf "%.2f", $2 - $1 }')
[ "$(wc -l < live.cic.csv)" -ge 2 ] ||
    fail "no row within 4 s of a FIN close"
# flow2pcap wrote that flow's file as it ended, and flow2kdd its row.
[ "$(ls flows | grep -c '_tcp_.*_8080_.*\.pcap$')" -ge 1 ] ||
    fail "no flow file when the FIN session ended: $(ls flows)"
[ "$(wc -l < live.kdd.csv)" -ge 2 ] || fail "no live KDD row for it"
echo "check-live: FIN close to row: $lat s"
awk -v l="$lat" 'BEGIN { exit !(l <= 3.0) }' ||
    fail "row took $lat s (limit 3 s)"

inB $PY "$TRAFFIC" client $A rst || fail "rst session"
inB $PY "$TRAFFIC" client $A refused || fail "refused connection"
inB $PY "$TRAFFIC" client $A udp || fail "udp"
inB ping -c 3 -i 0.2 -q $A >/dev/null || fail "ping"
inB $PY "$TRAFFIC" client $A hold & hold=$!
pids="$pids $hold"
sleep 3

# Freeze the held session (its flow stays open, no more packets, well
# inside the idle timeout), then Ctrl-C: SIGINT to the whole process group
# of the pipeline.
kill -STOP $hold
sleep 0.3
kill -INT -- -"$pgid"
for i in $(seq 1 50); do
	[ -s status ] && break
	sleep 0.1
done
[ -s status ] || fail "pipeline did not end within 5 s of SIGINT"
kill -TERM $tdpid; wait $tdpid 2>/dev/null
kill -9 $hold 2>/dev/null
echo "check-live: stage exit statuses: $(cat status)"
[ "$(cat status)" = "0 0 0 0 0 0" ] ||
    fail "a stage failed: $(cat p1.err p2.err p3.err p4.err p5.err)"
grep -q 'received' p1.err ||
    fail "pcap2pkt printed no kernel counters: $(cat p1.err)"

# The held session was open at SIGINT: it ends with reason eof.
$BIN/flow2csv live.nf > live.flows.csv || fail "flow2csv on live.nf"
grep -q ',eof$' live.flows.csv || fail "no flow ended with reason eof"
grep -q ',fin$' live.flows.csv || fail "no flow ended with reason fin"
grep -q ',rst$' live.flows.csv || fail "no flow ended with reason rst"

# Offline pipeline on tcpdump's file of the same interface.
$BIN/pcap2pkt -q -P 256 -r ref.pcap > off.pkt || fail "offline pcap2pkt"
$BIN/pkt2flow --idle-timeout 2 off.pkt > off.nf || fail "offline pkt2flow"
$BIN/flow2cic off.nf > off.cic.csv || fail "offline flow2cic"
$BIN/flow2kdd off.nf > off.kdd.csv || fail "offline flow2kdd"
for f in cic kdd; do
	n=$(($(wc -l < off.$f.csv) - 1))
	[ $n -ge 6 ] || fail "offline $f: only $n rows"
	$PY "$top/tests/live/compare.py" live.$f.csv off.$f.csv $f \
	    > $f.cmp || fail "live and offline $f rows differ: $(cat $f.cmp)"
	tail -n 1 $f.cmp | sed "s/^/check-live: /"
done

# flow2pcap: one file per flow, packets of one flow each.
nfiles=$(ls flows | wc -l)
nflows=$(($(wc -l < live.flows.csv) - 1))
[ "$nfiles" = "$nflows" ] || fail "$nfiles flow files for $nflows flows"
echo "check-live: flow2pcap wrote $nfiles files"
echo "check-live: ok"
