# ICMP keying (pkt2flow(1)): echo request/reply paired by identifier (the
# identifier shows as both ports), other types by address pair and type.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-icmp.pcap
rows
cut -d, -f1,5-9,11,12 rows.csv > got
cat > want <<'X'
flow_id,src_ip,src_port,dst_ip,dst_port,protocol,fwd_packets,bwd_packets
1,10.0.0.1,256,10.0.0.2,256,1,2,2
2,10.0.0.1,512,10.0.0.2,512,1,1,1
3,10.0.0.2,0,10.0.0.1,0,1,2,0
4,2001:db8::1,7,2001:db8::2,7,58,1,1
X
same want got
