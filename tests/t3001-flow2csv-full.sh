# flow2csv full columns on flow-fin.pcap, every value by hand from
# gen-flow.py gen_fin(): frames are 14 Ethernet + 20 IPv4 + 20 TCP = 54
# bytes plus payload; requests "GET / HTTP/1.0\r\n\r\n" (18 bytes) and
# "HTTP/1.0 200 OK\r\n\r\nhello" (24 bytes).
#   forward (client): S, A, PA(18), A, FA, A, A  = 7 packets, 6*54+72 = 396
#   backward (server): SA, A, PA(24), FA, FA    = 5 packets, 4*54+78 = 294
#   SYN 2, FIN 3, RST 0, PSH 2, ACK 11 (all but the first SYN)
#   start T0 = 1700000000, last packet at +0.530 s.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-fin.pcap
rows
cat > want <<'X'
flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,protocol,vlan,fwd_packets,bwd_packets,fwd_bytes,bwd_bytes,fwd_payload_bytes,bwd_payload_bytes,syn_count,fin_count,rst_count,psh_count,ack_count,urg_count,ece_count,cwr_count,end_reason
1,1700000000.000000,1700000000.530000,0.530000,10.0.0.1,40000,10.0.0.2,80,6,,7,5,396,294,18,24,2,3,0,2,11,0,0,0,fin
X
same want rows.csv
rows --columns basic
cat > want <<'X'
src_ip,dst_ip,src_port,dst_port,protocol,duration,pkt_count,byte_count,syn_count,fin_count,rst_count,psh_count,ack_count
10.0.0.1,10.0.0.2,40000,80,6,0.530000,12,690,2,3,0,2,11
X
same want rows.csv
