# t4040: Snort 3 alert_json and Suricata eve.json end to end.
. "$NF_TESTDIR/lib.sh"
H='ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal'

cat >a.json <<'X'
{ "seconds" : 1580140864, "timestamp" : "01/27-16:01:04.877970", "gid" : 1, "sid" : 2, "rev" : 3, "msg" : "tcp foo", "class" : "none", "priority" : 0, "proto" : "TCP", "src_addr" : "10.1.2.4", "src_port" : 48620, "dst_addr" : "10.9.8.7", "dst_port" : 8, "src_ap" : "10.1.2.4:48620", "dst_ap" : "10.9.8.7:8" }
{ "seconds" : 1580140865, "timestamp" : "01/27-16:01:05.000010", "gid" : 1, "sid" : 19769, "rev" : 6, "msg" : "MALWARE-CNC x", "class" : "A Network Trojan was detected", "priority" : 1, "proto" : "ICMP", "src_addr" : "10.1.2.4", "dst_addr" : "10.9.8.7", "src_ap" : "10.1.2.4:0", "dst_ap" : "10.9.8.7:0" }
X
cat >want <<X
$H
1580140864.877970,1,2,3,tcp foo,,0,TCP,10.1.2.4,48620,10.9.8.7,8,,
1580140865.000010,1,19769,6,MALWARE-CNC x,A Network Trojan was detected,1,ICMP,10.1.2.4,,10.9.8.7,,,
X
snort2csv a.json >out 2>err || fail "snort3 json: exit $?"
same want out
[ -s err ] && fail "snort3 json: messages: $(cat err)"

cat >eve.json <<'X'
{"timestamp":"2020-01-27T16:01:03.000000+0000","flow_id":7,"event_type":"flow","src_ip":"192.168.1.2","dest_ip":"1.2.3.4","proto":"TCP","flow":{}}
{"timestamp":"2020-01-27T17:01:04.877970+0100","flow_id":7,"in_iface":"eth0","event_type":"alert","src_ip":"192.168.1.2","src_port":41232,"dest_ip":"1.2.3.4","dest_port":80,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2013028,"rev":4,"signature":"ET POLICY curl User-Agent Outbound","category":"Attempted Information Leak","severity":2}}
{"timestamp":"2020-01-27T16:01:05.5Z","event_type":"dns","dns":{"type":"query"}}
{"timestamp":"2020-01-27T11:01:06.000001-05:00","event_type":"alert","src_ip":"fe80::1","dest_ip":"ff02::1","proto":"IPv6-ICMP","icmp_type":135,"icmp_code":0,"alert":{"gid":1,"signature_id":9,"rev":1,"signature":"ns","category":"","severity":3}}
X
cat >want <<X
$H
1580140864.877970,1,2013028,4,ET POLICY curl User-Agent Outbound,Attempted Information Leak,2,TCP,192.168.1.2,41232,1.2.3.4,80,,
1580140866.000001,1,9,1,ns,,3,58,fe80::1,,ff02::1,,,
X
snort2csv eve.json >out 2>err || fail "eve: exit $?"
same want out
grep -q "2 non-alert events skipped in 'eve.json'" err ||
    fail "eve: no skipped-events count: $(cat err)"
snort2csv --format eve <eve.json >out 2>err || fail "eve stdin: exit $?"
same want out
exit 0
