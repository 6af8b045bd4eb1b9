# Port reuse: a new SYN on a 5-tuple closed by FIN 0.5 s earlier (still
# lingering) starts a second flow.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-reuse.pcap
events > got
# gen_reuse(): 8 packets FIN-closed, then SYN, SYN+ACK, ACK, RST+ACK.
cat > want <<'X'
flow_begin 1
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 1
pkt 1 0
flow_end 1 fin
flow_begin 2
pkt 2 0
pkt 2 1
pkt 2 0
pkt 2 0
flow_end 2 rst
end
X
same want got
