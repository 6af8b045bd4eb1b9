# t4010: alert_fast (Snort 2 and 3) and Suricata fast.log end to end.
# Lines written from the formats; expected rows by hand: 2020-01-27 is day
# 18288, so 16:01:04Z = 1580140864 (UTC as given by --tz).
. "$NF_TESTDIR/lib.sh"

cat >fast.log <<'X'
Snort 3 started, trace output before the alerts
01/27-16:01:04.877970  [**] [1:2000001:3] ET TEST msg, with "comma" [**] [Classification: Attempted Administrator Privilege Gain] [Priority: 1] {TCP} 10.0.2.2:56642 -> 10.0.2.15:22
01/27-16:01:05.000001  [**] [1:408:5] ICMP Echo Reply [**] [Classification: Misc activity] [Priority: 3] {ICMP} 10.0.0.1 -> 10.0.0.2
P0:js_norm:proc:1: opening tag at 73 offset
01/27-16:01:06.5 [**] [116:1:1] "(decoder) odd" [**] [Priority: 3] {PROTO:255} 10.0.0.1 -> 10.0.0.2
01/27-16:01:07.000000  [**] [1:1:1] six [**] [Priority: 2] {UDP} 2001:db8::1:53 -> 2001:db8::2:1053
01/27-16:01:08.000000  [**] [1:2:1] nd [**] [Priority: 2] {IPV6-ICMP} fe80::1 -> ff02::1:2
X
cat >want <<'X'
ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal
1580140864.877970,1,2000001,3,"ET TEST msg, with ""comma""",Attempted Administrator Privilege Gain,1,TCP,10.0.2.2,56642,10.0.2.15,22,,
1580140865.000001,1,408,5,ICMP Echo Reply,Misc activity,3,ICMP,10.0.0.1,,10.0.0.2,,,
1580140866.500000,116,1,1,(decoder) odd,,3,255,10.0.0.1,,10.0.0.2,,,
1580140867.000000,1,1,1,six,,2,UDP,2001:db8::1,53,2001:db8::2,1053,,
1580140868.000000,1,2,1,nd,,2,58,fe80::1,,ff02::1:2,,,
X
snort2csv --year 2020 --tz UTC fast.log >out 2>err || fail "exit $?"
same want out
[ -s err ] && fail "unexpected messages: $(cat err)"
# Same through stdin with the format named.
snort2csv --year 2020 --tz UTC --format fast <fast.log >out2 || fail "stdin"
same want out2

# Suricata fast.log: 4-digit year, [Drop] tag, ICMP type/code as ports.
cat >suri.log <<'X'
01/27/2020-16:01:04.877970  [**] [1:2013028:4] ET POLICY curl User-Agent Outbound [**] [Classification: Attempted Information Leak] [Priority: 2] {TCP} 192.168.1.2:41232 -> 1.2.3.4:80
01/27/2020-16:01:04.877970  [Drop] [**] [1:5:1] drop it [**] [Classification: Misc] [Priority: 3] {ICMP} 1.2.3.4:8 -> 5.6.7.8:0
X
cat >want <<'X'
ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal
1580140864.877970,1,2013028,4,ET POLICY curl User-Agent Outbound,Attempted Information Leak,2,TCP,192.168.1.2,41232,1.2.3.4,80,,
1580140864.877970,1,5,1,drop it,Misc,3,ICMP,1.2.3.4,,5.6.7.8,,,
X
TZ=UTC snort2csv suri.log >out || fail "suricata exit $?"
same want out
TZ=UTC snort2csv --format suricata-fast suri.log >out || fail "suricata"
same want out
exit 0
