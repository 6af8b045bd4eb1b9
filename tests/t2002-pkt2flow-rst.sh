# A RST, two retransmitted RSTs and a late client segment: one flow of
# 8 packets ending with reason rst.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-rst.pcap
events > got
cat > want <<'X'
flow_begin 1
pkt 1 0
pkt 1 1
pkt 1 0
pkt 1 0
pkt 1 1
pkt 1 1
pkt 1 1
pkt 1 0
flow_end 1 rst
end
X
same want got
