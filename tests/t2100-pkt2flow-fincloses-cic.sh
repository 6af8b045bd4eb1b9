# --fin-closes splits flows as the 2018 CICFlowMeter code does: FIN ends
# a flow only on a packet added to an open flow (never the packet that
# opens a flow or a continuation), RST ends nothing, a SYN joins an open
# flow.  Expectations worked out by hand from flow-cicfin.pcap (see
# gen_cicfin in tests/captures/gen-flow.py).
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-cicfin.pcap --fin-closes --active-timeout 120
events > got
# Port 40011: handshake, RST, retransmitted RST, a new SYN handshake and
# the client's FIN: one flow of 9 packets, ended by that FIN.  The
# server's FIN/ACK opens flow 2 (its FIN does not end it) and the last
# ACK joins it, backward.  Port 40012: flow 3 from 2 s; at 125 s flow 2
# (last packet at 0.42 s) ends idle (120 s) and flow 3 (begun at 2 s)
# ends active (120 s); the server's FIN/ACK begins continuation 4,
# backward, and stays in it; the client's ACK joins; the client's FIN/ACK
# ends it; the server's last ACK is flow 5, its originator, at eof.
cat > want <<'X'
flow_begin 1
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 0
pkt 1 0
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 0
flow_end 1 fin
flow_begin 2
pkt 2 0
pkt 2 1
flow_begin 3
pkt 3 0
pkt 3 1
pkt 3 0
pkt 3 0
pkt 3 1
flow_end 2 idle
flow_end 3 active
flow_begin 4
pkt 4 1
pkt 4 0
pkt 4 0
flow_end 4 fin
flow_begin 5
pkt 5 0
flow_end 5 eof
end
X
same want got
# Packet counts per direction in the FLOW_END records.
pktdump fl.nf > text || fail pktdump
grep 'FLOW_END' text | sed 's/.*reason \([a-z]*\) fwd \([0-9]*\) bwd \([0-9]*\).*/\1 \2 \3/' > got
cat > want <<'X'
fin 7 2
idle 1 1
active 3 2
fin 2 1
eof 1 0
X
same want got
