# csvlabel on flow2cic tables in each header mode: cicflowmeter/engelen
# (ISO 8601 Timestamp), cic2017 (leading spaces, dd/MM/yyyy hh:mm:ss a),
# cic2018 with identity columns (dd/MM/yyyy hh:mm:ss) and plain epoch.
# Flow Duration is in microseconds.  Times are UTC:
# 2017-07-03T11:55:58Z = 1499082958 (Python calendar.timegm).
. "$NF_TESTDIR/lib.sh"

# One alert 4.5 s after 11:55:58: inside a 2.5 s flow's window (end 960.5
# + 2 = 962.5) only when the window is at least 2 s; one priority-1 alert
# for the second flow at 11:56:10.
cat >a.csv <<'E'
ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal
1499082962.500000,1,1000002,1,Web attack,web-application-attack,1,TCP,192.168.10.5,51234,205.174.165.73,80,1,0
1499082970.000000,1,2000,1,"Bad, DNS",bad-unknown,2,UDP,8.8.8.8,53,192.168.10.5,40000,0,1
1499126159.500000,1,3000,1,Night,bad-unknown,2,TCP,10.9.9.9,1,10.8.8.8,2,0,0
E

# cicflowmeter (also engelen's names).
cat >f.csv <<'E'
Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Total Fwd Packet,Label
192.168.10.5-205.174.165.73-51234-80-6,192.168.10.5,51234,205.174.165.73,80,6,2017-07-03T11:55:58.000000Z,2500000,5,NeedManualLabel
192.168.10.5-8.8.8.8-40000-53-17,192.168.10.5,40000,8.8.8.8,53,17,2017-07-03T11:56:09.500000Z,1000,1,NeedManualLabel
192.168.10.5-8.8.8.8-40001-53-17,192.168.10.5,40001,8.8.8.8,53,17,2017-07-03T11:56:20.000000Z,1000,1,NeedManualLabel
E
cat >want <<'E'
Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Total Fwd Packet,Label,alert_sid,alert_priority,alert_count
192.168.10.5-205.174.165.73-51234-80-6,192.168.10.5,51234,205.174.165.73,80,6,2017-07-03T11:55:58.000000Z,2500000,5,Web attack,1000002,1,1
192.168.10.5-8.8.8.8-40000-53-17,192.168.10.5,40000,8.8.8.8,53,17,2017-07-03T11:56:09.500000Z,1000,1,"Bad, DNS",2000,2,1
192.168.10.5-8.8.8.8-40001-53-17,192.168.10.5,40001,8.8.8.8,53,17,2017-07-03T11:56:20.000000Z,1000,1,BENIGN,,,0
E
csvlabel --alerts a.csv --match 5tuple f.csv >out || fail "cicflowmeter: exit $?"
same want out
# A 1.9 s window misses the first alert (962.5 > 960.5 + 1.9).
csvlabel --alerts a.csv --window 1.9 f.csv >out || fail "exit $?"
sed -n 2p out | grep -q ',BENIGN,,,0$' || fail "window 1.9: $(sed -n 2p out)"

# cic2017: names with a leading space, kept as they are in the output;
# values with spaces; 12-hour clock with AM/PM, and without seconds.  The
# last row's time has no AM/PM (flow2cic --compat cic2017, like the
# published CSVs): nothing matches at 11:55:58, so the PM reading is tried,
# where alert 3000 (23:55:59.5 = 1499082958 + 43201.5) lies.
cat >f.csv <<'E'
Flow ID, Source IP, Source Port, Destination IP, Destination Port, Protocol, Timestamp, Flow Duration, Total Fwd Packets, Label
192.168.10.5-205.174.165.73-51234-80-6,192.168.10.5, 51234,205.174.165.73, 80,6,03/07/2017 11:55:58 AM,2500000,5,BENIGN
192.168.10.5-8.8.8.8-40000-53-17,192.168.10.5,40000,8.8.8.8,53,17,3/7/2017 11:56,70000000,1,BENIGN
192.168.10.5-8.8.8.8-40001-53-17,192.168.10.5,40001,8.8.8.8,53,17,03/07/2017 12:00:00 PM,1000,1,BENIGN
x,10.8.8.8,2,10.9.9.9,1,6,03/07/2017 11:55:58,1000,1,BENIGN
E
cat >want <<'E'
Flow ID, Source IP, Source Port, Destination IP, Destination Port, Protocol, Timestamp, Flow Duration, Total Fwd Packets, Label,alert_sid,alert_priority,alert_count
192.168.10.5-205.174.165.73-51234-80-6,192.168.10.5, 51234,205.174.165.73, 80,6,03/07/2017 11:55:58 AM,2500000,5,Web attack,1000002,1,1
192.168.10.5-8.8.8.8-40000-53-17,192.168.10.5,40000,8.8.8.8,53,17,3/7/2017 11:56,70000000,1,"Bad, DNS",2000,2,1
192.168.10.5-8.8.8.8-40001-53-17,192.168.10.5,40001,8.8.8.8,53,17,03/07/2017 12:00:00 PM,1000,1,BENIGN,,,0
x,10.8.8.8,2,10.9.9.9,1,6,03/07/2017 11:55:58,1000,1,Night,3000,2,1
E
csvlabel --alerts a.csv --match 5tuple f.csv >out 2>err || fail "cic2017: exit $?"
same want out
echo "csvlabel: 1 rows of 'f.csv' matched with their 12-hour time (no AM/PM) read in the other half of the day" >want
same want err

# cic2018 with identity columns (24-hour clock, no AM/PM), and an epoch
# Timestamp.
cat >f.csv <<'E'
Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,Label
a,192.168.10.5,51234,205.174.165.73,80,6,03/07/2017 11:55:58,2500000,5,Benign
b,8.8.8.8,53,192.168.10.5,40000,17,1499082969.5,1000,1,Benign
E
cat >want <<'E'
Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,Label,alert_sid,alert_priority,alert_count
a,192.168.10.5,51234,205.174.165.73,80,6,03/07/2017 11:55:58,2500000,5,Web attack,1000002,1,1
b,8.8.8.8,53,192.168.10.5,40000,17,1499082969.5,1000,1,"Bad, DNS",2000,2,1
E
csvlabel --alerts a.csv --match 5tuple --default Benign f.csv >out ||
	fail "cic2018: exit $?"
same want out
exit 0
