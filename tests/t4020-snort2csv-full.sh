# t4020: alert_full blocks end to end (incl. snort -e and -y forms).
. "$NF_TESTDIR/lib.sh"

cat >full.log <<'X'
[**] [1:1000001:1] ICMP test [**]
[Classification: Generic ICMP event] [Priority: 3]
01/27/20-16:01:04.877970 10.0.2.2 -> 10.0.2.15
ICMP TTL:64 TOS:0x0 ID:59677 IpLen:20 DgmLen:84
Type:8  Code:0  ID:1  Seq:1  ECHO
[Xref => http://www.example.com/]

[**] [1:3:1] snort -e [**]
[Priority: 1]
01/27/20-16:01:06.000000 00:11:22:33:44:55 -> 66:77:88:99:AA:BB type:0x800 len:0x3C
10.0.0.1:1 -> 10.0.0.2:2 UDP TTL:64 TOS:0x0 ID:1 IpLen:20 DgmLen:28
Len: 0

[**] [1:4:1] broken, no timestamp [**]
[Priority: 1]

[**] [1:2000:2] "TCP six" [**]
[Priority: 2]
01/27/20-16:01:05.000000 2001:db8::1:80 -> 2001:db8::2:1234
TCP TTL:64 TOS:0x0 ID:0 IpLen:40 DgmLen:60
***A**** Seq: 0x1  Ack: 0x2  Win: 0x3  TcpLen: 20
X
cat >want <<'X'
ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal
1580140864.877970,1,1000001,1,ICMP test,Generic ICMP event,3,ICMP,10.0.2.2,,10.0.2.15,,,
1580140866.000000,1,3,1,snort -e,,1,UDP,10.0.0.1,1,10.0.0.2,2,,
1580140865.000000,1,2000,2,TCP six,,2,TCP,2001:db8::1,80,2001:db8::2,1234,,
X
TZ=UTC snort2csv full.log >out 2>err || fail "exit $?"
same want out
grep -q "bad full line in 'full.log' line 14: no timestamp" err ||
    fail "no warning for the broken block: $(cat err)"
grep -q "1 bad line was skipped in 'full.log'" err || fail "no summary"
exit 0
