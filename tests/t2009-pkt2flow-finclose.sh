# --fin-closes (CICFlowMeter compatibility): a FIN on a packet added to
# an open flow ends it at once; the rest of the teardown becomes new
# ("appendix") flows.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-fin.pcap --fin-closes
events > got
# gen_fin(): 8 packets up to the client's FIN; the server's FIN/ACK opens
# flow 2 (a flow's first packet never ends it), the client's ACK joins it
# and the server's retransmitted FIN ends it; the client's last ACK is
# flow 3.
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
pkt 2 1
pkt 2 0
flow_end 2 fin
flow_begin 3
pkt 3 0
flow_end 3 eof
end
X
same want got
pktdump -v fl.nf > text || fail pktdump
grep -q '^# flowcfg: .*, flags 0x4$' text || fail "FLOWCFG lacks NF_FC_FINCLOSE"
