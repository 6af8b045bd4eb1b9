# csvlabel with ground-truth rules (the CIC-IDS2017 way), alone and
# combined with alerts: a matching rule sets the label, alerts label only
# rows no rule matched; the alert columns always describe the alerts.
# 2017-07-05T14:47:00Z = 1499266020, 15:02:00Z = 1499266920
# (Python calendar.timegm).
. "$NF_TESTDIR/lib.sh"

cat >r.csv <<'E'
label,start,end,src,dst,proto,dst_port
DoS Hulk,2017-07-05T14:47:00Z,2017-07-05T15:02:00Z,172.16.0.1,192.168.10.50,tcp,80
PortScan,1499270000,1499271000,172.16.0.1,192.168.10.0/24,,
E
# 1: overlaps the DoS start; 2: the same written from the victim's side;
# 3: port 443, no rule; 4: inside the scan, another victim host; 5: over
# the DoS end edge; 6: starts 1 us after the DoS interval.
cat >f.csv <<'E'
flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,protocol
1,1499266000.000000,1499266030.000000,30.000000,172.16.0.1,40000,192.168.10.50,80,6
2,1499266500.000000,1499266501.000000,1.000000,192.168.10.50,80,172.16.0.1,40001,6
3,1499266500.000000,1499266501.000000,1.000000,172.16.0.1,40002,192.168.10.50,443,6
4,1499270500.000000,1499270500.100000,0.100000,172.16.0.1,40003,192.168.10.7,22,6
5,1499266919.500000,1499266921.000000,1.500000,172.16.0.1,40004,192.168.10.50,80,6
6,1499266920.000001,1499266921.000001,1.000000,172.16.0.1,40005,192.168.10.50,80,6
E
# 9000 falls in the 2 s windows of rows 2 and 3 (same hosts); 9001 in
# those of rows 5 and 6.
cat >a.csv <<'E'
ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal
1499266500.500000,1,9000,1,ET POLICY TLS,policy-violation,3,TCP,172.16.0.1,40002,192.168.10.50,443,0,1
1499266920.000000,1,9001,1,ET DOS Hulk,attempted-dos,2,TCP,172.16.0.1,40004,192.168.10.50,80,0,1
E
H=flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,protocol,label,alert_sid,alert_priority,alert_count
cat >want <<E
$H
1,1499266000.000000,1499266030.000000,30.000000,172.16.0.1,40000,192.168.10.50,80,6,DoS Hulk,,,0
2,1499266500.000000,1499266501.000000,1.000000,192.168.10.50,80,172.16.0.1,40001,6,DoS Hulk,,,0
3,1499266500.000000,1499266501.000000,1.000000,172.16.0.1,40002,192.168.10.50,443,6,BENIGN,,,0
4,1499270500.000000,1499270500.100000,0.100000,172.16.0.1,40003,192.168.10.7,22,6,PortScan,,,0
5,1499266919.500000,1499266921.000000,1.500000,172.16.0.1,40004,192.168.10.50,80,6,DoS Hulk,,,0
6,1499266920.000001,1499266921.000001,1.000000,172.16.0.1,40005,192.168.10.50,80,6,BENIGN,,,0
E
csvlabel --rules r.csv f.csv >out || fail "rules: exit $?"
same want out

cat >want <<E
$H
1,1499266000.000000,1499266030.000000,30.000000,172.16.0.1,40000,192.168.10.50,80,6,DoS Hulk,,,0
2,1499266500.000000,1499266501.000000,1.000000,192.168.10.50,80,172.16.0.1,40001,6,DoS Hulk,9000,3,1
3,1499266500.000000,1499266501.000000,1.000000,172.16.0.1,40002,192.168.10.50,443,6,ET POLICY TLS,9000,3,1
4,1499270500.000000,1499270500.100000,0.100000,172.16.0.1,40003,192.168.10.7,22,6,PortScan,,,0
5,1499266919.500000,1499266921.000000,1.500000,172.16.0.1,40004,192.168.10.50,80,6,DoS Hulk,9001,2,1
6,1499266920.000001,1499266921.000001,1.000000,172.16.0.1,40005,192.168.10.50,80,6,ET DOS Hulk,9001,2,1
E
# Order of the options does not matter.
csvlabel --alerts a.csv --rules r.csv f.csv >out || fail "both: exit $?"
same want out
csvlabel --rules r.csv --alerts a.csv f.csv >out || fail "both: exit $?"
same want out

# A bad rule names file and line.
printf 'label,start,end,src,dst\nX,1,2,10.0.0.0/40,*\n' >bad.csv
expect_exit 1 csvlabel --rules bad.csv f.csv >out 2>err
echo "csvlabel: bad src value '10.0.0.0/40' in 'bad.csv' at line 2" >want
same want err
exit 0
