# Live stream: TICK records advance time, so a FIN-closed flow ends
# (after the 1.5 s linger) within 3 s of its close without more traffic,
# and an idle flow ends at the first TICK past its idle timeout.  TICKs
# and unknown record types pass through, in order.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
cat > desc <<'X'
pkt 100    6 10.0.0.1 40000 10.0.0.2 80 S  100 0
pkt 100.01 6 10.0.0.2 80 10.0.0.1 40000 SA 500 101
pkt 100.02 6 10.0.0.1 40000 10.0.0.2 80 A  101 501
pkt 100.10 6 10.0.0.1 40000 10.0.0.2 80 FA 101 501
pkt 100.11 6 10.0.0.2 80 10.0.0.1 40000 FA 501 102
pkt 100.12 6 10.0.0.1 40000 10.0.0.2 80 A  102 502
unknown 99
tick 101
tick 102
pkt 102.5 17 10.0.0.1 5353 10.0.0.2 53
tick 222
tick 223
X
"$NF_TOOLS/mkstream" --live < desc > in.nf || fail mkstream
pkt2flow in.nf > fl.nf || fail pkt2flow
events > got
# The close is at 100.12: FLOW_END at the first TICK with time - 100.12 >
# 1.5 (102); the UDP flow's last packet is at 102.5: idle (> 120 s) at 223.
cat > want <<'X'
flow_begin 1
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 0
pkt 1 1
pkt 1 0
type99
tick
flow_end 1 fin
tick
flow_begin 2
pkt 2 0
tick
flow_end 2 idle
tick
end
X
same want got
pktdump -v fl.nf > text || fail pktdump
grep -q '^# netfeat.* live' text || fail "live flag lost"
