# Handshake, data, FIN/FIN/ACK teardown, then a retransmitted FIN and its
# ACK 0.3 s later: one flow holding all 12 packets, FLOW_END after the
# last one (the stragglers are absorbed while the flow lingers).
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-fin.pcap
events > got
# By hand from gen-flow.py gen_fin(): client 10.0.0.1 is forward (0).
cat > want <<'X'
flow_begin 1
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 0
pkt 1 1
pkt 1 1
pkt 1 0
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 1
pkt 1 0
flow_end 1 fin
end
X
same want got
# Linger 0: FLOW_END right after the final ACK; the two stragglers make
# an appendix flow (the behaviour the linger exists to avoid).
tag flow-fin.pcap --tcp-linger 0
events | sed -n '11,17p' > got
printf '%s\n' 'pkt 1 0' 'flow_end 1 fin' 'flow_begin 2' 'pkt 2 0' \
    'pkt 2 1' 'flow_end 2 eof' 'end' > want
same want got
