# A UDP datagram in three IPv4 fragments and its reply land in one flow;
# another datagram sent between the fragments is its own flow.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-frag.pcap
events > got
# gen_frag(): fragment 1, the other flow's packet, fragments 2 and 3,
# the reply.  FLOW_ENDs at end of input in order of last activity.
cat > want <<'X'
flow_begin 1
pkt 1 0
flow_begin 2
pkt 2 0
pkt 1 0
pkt 1 0
pkt 1 1
flow_end 2 eof
flow_end 1 eof
end
X
same want got
