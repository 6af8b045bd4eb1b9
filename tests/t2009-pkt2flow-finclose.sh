# --fin-closes (CICFlowMeter compatibility): the first FIN ends the flow
# at once; the rest of the teardown becomes new ("appendix") flows.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-fin.pcap --fin-closes
events > got
# gen_fin(): 8 packets up to the client's FIN; the server's FIN/ACK (its
# own flow, ended by its FIN); the client's ACK and the server's
# retransmitted FIN; the client's last ACK.
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
flow_end 1 fin
flow_begin 2
pkt 2 0
flow_end 2 fin
flow_begin 3
pkt 3 0
pkt 3 1
flow_end 3 fin
flow_begin 4
pkt 4 0
flow_end 4 eof
end
X
same want got
pktdump -v fl.nf > text || fail pktdump
grep -q '^# flowcfg: .*, flags 0x4$' text || fail "FLOWCFG lacks NF_FC_FINCLOSE"
