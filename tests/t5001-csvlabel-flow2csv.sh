# csvlabel on a flow2csv table: hosts and 5-tuple matching, window edges,
# priority then earliest, --label-from, --default, --window.
# Expected rows worked out by hand from the alert times and windows noted
# beside each alert.
. "$NF_TESTDIR/lib.sh"

cat >f.csv <<'E'
flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,protocol,packets,end_reason
1,1499082958.000000,1499082960.500000,2.500000,192.168.10.5,51234,205.174.165.73,80,6,10,fin
2,1499082970.000000,1499082970.100000,0.100000,192.168.10.9,5353,224.0.0.251,5353,17,1,idle
3,1499082990.000000,1499082990.000000,0.000000,192.168.10.5,,8.8.8.8,,1,2,eof
4,1499083000.000000,1499083001.000000,1.000000,192.168.10.5,51300,205.174.165.73,443,6,4,rst
5,1499083100.000000,1499083101.000000,1.000000,2001:db8::5,40000,2001:db8::80,22,6,6,fin
E
# Windows (2 s): row 1 [956, 962.5], row 3 [988, 992], row 4 [998, 1003],
# row 5 [1098, 1103] (times after 1499082000).
cat >a.csv <<'E'
ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal
1499082961.000000,1,1000001,1,"ET SCAN, thing",attempted-recon,3,TCP,205.174.165.73,80,192.168.10.5,51234,0,1
1499082959.000000,1,1000002,1,Web attack,web-application-attack,1,TCP,192.168.10.5,51234,205.174.165.73,80,1,0
1499082992.000000,1,384,5,ICMP PING,misc-activity,3,ICMP,8.8.8.8,,192.168.10.5,,0,1
1499083003.000001,1,2000,1,Late,misc-activity,2,TCP,192.168.10.5,51300,205.174.165.73,443,1,0
1499082998.000000,1,2001,1,Edge start,misc-activity,2,TCP,205.174.165.73,443,192.168.10.5,51300,0,1
1499083100.500000,1,3000,2,SSH brute,attempted-admin,2,TCP,2001:db8::5,40000,2001:db8::80,22,1,1
1499083100.600000,1,3001,2,SSH other port,attempted-admin,1,TCP,2001:db8::5,40001,2001:db8::80,22,1,1
E
H=flow_id,start,end,duration,src_ip,src_port,dst_ip,dst_port,protocol,packets,end_reason,label,alert_sid,alert_priority,alert_count
R1=1,1499082958.000000,1499082960.500000,2.500000,192.168.10.5,51234,205.174.165.73,80,6,10,fin
R2=2,1499082970.000000,1499082970.100000,0.100000,192.168.10.9,5353,224.0.0.251,5353,17,1,idle
R3=3,1499082990.000000,1499082990.000000,0.000000,192.168.10.5,,8.8.8.8,,1,2,eof
R4=4,1499083000.000000,1499083001.000000,1.000000,192.168.10.5,51300,205.174.165.73,443,6,4,rst
R5=5,1499083100.000000,1499083101.000000,1.000000,2001:db8::5,40000,2001:db8::80,22,6,6,fin

# Hosts (default): row 1 has sids 1000001 (p3) and 1000002 (p1); row 3 the
# ping on its end edge; row 4 sid 2001 on its start edge (2000 is 1 us
# late); row 5 both SSH alerts, p1 wins.
cat >want <<E
$H
$R1,Web attack,1000002,1,2
$R2,BENIGN,,,0
$R3,ICMP PING,384,3,1
$R4,Edge start,2001,2,1
$R5,SSH other port,3001,1,2
E
csvlabel --alerts a.csv f.csv >out || fail "exit $?"
same want out
# Same from standard input.
csvlabel --alerts a.csv <f.csv >out || fail "stdin: exit $?"
same want out

# 5-tuple: the SSH alert from port 40001 no longer matches row 5.
cat >want <<E
$H
$R1,Web attack,1000002,1,2
$R2,BENIGN,,,0
$R3,ICMP PING,384,3,1
$R4,Edge start,2001,2,1
$R5,SSH brute,3000,2,1
E
csvlabel --alerts a.csv --match 5tuple f.csv >out || fail "exit $?"
same want out

# Classification and sid labels, another default.
cat >want <<E
$H
$R1,web-application-attack,1000002,1,2
$R2,normal,,,0
$R3,misc-activity,384,3,1
$R4,misc-activity,2001,2,1
$R5,attempted-admin,3001,1,2
E
csvlabel --alerts a.csv --label-from classification --default normal \
    f.csv >out || fail "exit $?"
same want out
cat >want <<E
$H
$R1,1000002,1000002,1,2
$R2,BENIGN,,,0
$R3,384,384,3,1
$R4,2001,2001,2,1
$R5,3001,3001,1,2
E
csvlabel --alerts a.csv --label-from sid f.csv >out || fail "exit $?"
same want out

# Window 0: only alerts inside each flow's own [start, end].
cat >want <<E
$H
$R1,Web attack,1000002,1,1
$R2,BENIGN,,,0
$R3,BENIGN,,,0
$R4,BENIGN,,,0
$R5,SSH other port,3001,1,2
E
csvlabel --alerts a.csv --window 0 f.csv >out || fail "exit $?"
same want out

# Two alert files: the union (split a.csv in two).
head -n 4 a.csv >a1.csv
{ head -n 1 a.csv; tail -n +5 a.csv; } >a2.csv
cat >want <<E
$H
$R1,Web attack,1000002,1,2
$R2,BENIGN,,,0
$R3,ICMP PING,384,3,1
$R4,Edge start,2001,2,1
$R5,SSH other port,3001,1,2
E
csvlabel --alerts a1.csv --alerts a2.csv f.csv >out || fail "exit $?"
same want out
exit 0
