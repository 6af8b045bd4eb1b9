# csvlabel on a flow2kdd table: the existing label column is rewritten in
# place, duration (seconds) gives the flow end, protocol_type by name.
. "$NF_TESTDIR/lib.sh"

cat >f.csv <<'E'
conn_id,start,src_ip,src_port,dst_ip,dst_port,duration,protocol_type,service,flag,src_bytes,label
1,1499082958.000000,192.168.10.5,51234,205.174.165.73,80,2.5,tcp,http,SF,300,normal.
2,1499082990.000000,192.168.10.5,,8.8.8.8,,0,icmp,ecr_i,SF,64,normal.
3,1499083010.000000,192.168.10.5,53000,192.168.10.3,53,0.01,udp,domain_u,SF,40,normal.
E
# Row 1 ends at 960.5: the alert at 962.5 is on the window edge.  The ping
# reply is 1 us after row 2's window.  Row 3: [1008, 1012.01].
cat >a.csv <<'E'
ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal
1499082962.500000,1,1000002,1,Web attack,web-application-attack,1,TCP,192.168.10.5,51234,205.174.165.73,80,1,0
1499082992.000001,1,384,5,ICMP PING,misc-activity,3,ICMP,8.8.8.8,,192.168.10.5,,0,1
1499083009.000000,1,5000,1,DNS query,policy,3,UDP,192.168.10.5,53000,192.168.10.3,53,1,1
E
cat >want <<'E'
conn_id,start,src_ip,src_port,dst_ip,dst_port,duration,protocol_type,service,flag,src_bytes,label,alert_sid,alert_priority,alert_count
1,1499082958.000000,192.168.10.5,51234,205.174.165.73,80,2.5,tcp,http,SF,300,Web attack,1000002,1,1
2,1499082990.000000,192.168.10.5,,8.8.8.8,,0,icmp,ecr_i,SF,64,normal.,,,0
3,1499083010.000000,192.168.10.5,53000,192.168.10.3,53,0.01,udp,domain_u,SF,40,DNS query,5000,3,1
E
csvlabel --alerts a.csv --match 5tuple --default normal. f.csv >out ||
	fail "exit $?"
same want out
exit 0
