# csvlabel re-emits input fields unchanged, quoted only when needed, and
# replaces its own columns when run on its own output.
. "$NF_TESTDIR/lib.sh"

# Needless quotes go; commas, quotes and line breaks stay quoted.
printf 'start,src_ip,dst_ip,note\n"5","10.0.0.1",10.0.0.2,"a,b"\n6,10.0.0.3,10.0.0.4,"say ""hi"""\n7,10.0.0.3,10.0.0.4,"x\ny"\n8,10.0.0.3,10.0.0.4,\n' >f.csv
cat >a1.csv <<'E'
ts,sid,priority,msg
5,11,2,"Label, with comma"
E
cat >want <<'E'
start,src_ip,dst_ip,note,label,alert_sid,alert_priority,alert_count
5,10.0.0.1,10.0.0.2,"a,b","Label, with comma",11,2,1
6,10.0.0.3,10.0.0.4,"say ""hi""",BENIGN,,,0
7,10.0.0.3,10.0.0.4,"x
y",BENIGN,,,0
8,10.0.0.3,10.0.0.4,,BENIGN,,,0
E
sed -i '1s/$/,src_ip,dst_ip/; 2s/$/,10.0.0.2,10.0.0.1/' a1.csv
csvlabel --alerts a1.csv f.csv >out1 || fail "exit $?"
same want out1

# Labeling the output again replaces label and alert_* in place.
cat >a2.csv <<'E'
ts,sid,priority,msg,src_ip,dst_ip
7,22,1,Second,10.0.0.4,10.0.0.3
E
cat >want <<'E'
start,src_ip,dst_ip,note,label,alert_sid,alert_priority,alert_count
5,10.0.0.1,10.0.0.2,"a,b",BENIGN,,,0
6,10.0.0.3,10.0.0.4,"say ""hi""",Second,22,1,1
7,10.0.0.3,10.0.0.4,"x
y",Second,22,1,1
8,10.0.0.3,10.0.0.4,,Second,22,1,1
E
csvlabel --alerts a2.csv out1 >out2 || fail "exit $?"
same want out2

# CR LF input: rows end in LF on output.
printf 'start,src_ip,dst_ip\r\n5,10.0.0.1,10.0.0.2\r\n' >crlf.csv
printf 'start,src_ip,dst_ip,label,alert_sid,alert_priority,alert_count\n5,10.0.0.1,10.0.0.2,Label, with comma,11,2,1\n' |
	sed 's/Label, with comma/"Label, with comma"/' >want
csvlabel --alerts a1.csv crlf.csv >out || fail "exit $?"
same want out
exit 0
