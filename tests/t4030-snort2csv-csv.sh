# t4030: Snort 2 and Snort 3 alert_csv, default and custom field orders.
. "$NF_TESTDIR/lib.sh"
H='ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal'

cat >s2.csv <<'X'
01/27-16:01:04.877970 ,129,12,1,"Consecutive TCP small segments, ""quoted""",TCP,10.0.2.2,56642,10.0.2.15,22,52:54:00:12:35:02,08:00:27:7F:93:2D,0x4E,***AP***,0x9AFF3D7,0xC8761D52,,0xFFFF,64,0,59677,64,65536,,,,
01/27-16:01:05.000000 ,1,408,5,"ICMP Echo Reply",ICMP,10.0.0.1,,10.0.0.2,,,,,,,,,,64,0,1,84,20,0,0,1,1
X
cat >want <<X
$H
1580140864.877970,129,12,1,"Consecutive TCP small segments, ""quoted""",,,TCP,10.0.2.2,56642,10.0.2.15,22,,
1580140865.000000,1,408,5,ICMP Echo Reply,,,ICMP,10.0.0.1,,10.0.0.2,,,
X
snort2csv --year 2020 --tz UTC s2.csv >out 2>err || fail "snort2: exit $?"
same want out

cat >s3.csv <<'X'
01/27-16:01:04.877970, 5, TCP, stream_tcp, 17, S2C, 10.0.0.3:20000, 10.0.0.8:2789, 1:2:1, allow
 process: 102: trace output mixed into stdout
01/27-16:01:05.000000, 6, UDP, raw, 48, C2S, 2001:db8::1:53, 2001:db8::2:1053, 1:3:1, allow
01/27-16:01:06.000000, 7, ICMP, raw, 84, UNK, 10.4.10.182:0, 10.4.35.11:0, 1:1:0, allow
X
cat >want <<X
$H
1580140864.877970,1,2,1,,,,TCP,10.0.0.3,20000,10.0.0.8,2789,,
1580140865.000000,1,3,1,,,,UDP,2001:db8::1,53,2001:db8::2,1053,,
1580140866.000000,1,1,0,,,,ICMP,10.4.10.182,,10.4.35.11,,,
X
snort2csv --year 2020 --tz UTC s3.csv >out 2>err || fail "snort3: exit $?"
same want out
[ -s err ] && fail "snort3: messages: $(cat err)"

# Custom field list (Snort 3 names): seconds are exact, the year-less
# timestamp only adds the fraction (no year warning).
cat >custom.csv <<'X'
1, 2, 3, "m, n", 10.0.0.1, 10.0.0.2, ICMP, 1580140864, 12/31-23:59:59.5, A Network Trojan was detected, 2
X
cat >want <<X
$H
1580140864.500000,1,2,3,"m, n",A Network Trojan was detected,2,ICMP,10.0.0.1,,10.0.0.2,,,
X
snort2csv --format csv --csv-fields 'gid sid rev msg src_addr dst_addr proto seconds timestamp class priority' custom.csv >out 2>err ||
    fail "custom: exit $?"
same want out
[ -s err ] && fail "custom: messages: $(cat err)"

# A header row of field names sets the order (auto-detected too).
printf 'sig_id,sig_generator,src,dst,proto,timestamp\n7,1,10.0.0.1,10.0.0.2,ICMP,01/27-16:01:04.5\n' >hdr.csv
cat >want <<X
$H
1580140864.500000,1,7,,,,,ICMP,10.0.0.1,,10.0.0.2,,,
X
snort2csv --year 2020 --tz UTC hdr.csv >out 2>err || fail "header: exit $?"
same want out
exit 0
