# csvlabel refuses feature CSVs without identity columns, naming what is
# missing, and writes nothing.
. "$NF_TESTDIR/lib.sh"

printf 'ts,src_ip,dst_ip,msg\n' >a.csv

# flow2csv --columns basic: no start time.
printf 'src_ip,dst_ip,src_port,dst_port,protocol,duration,packets\n10.0.0.1,10.0.0.2,1,2,6,0.5,3\n' >basic.csv
expect_exit 1 csvlabel --alerts a.csv basic.csv >out 2>err
[ -s out ] && fail "wrote output"
echo "csvlabel: 'basic.csv' lacks identity columns: start ('start' or 'Timestamp'); matching needs the flow start time" >want
same want err

# CIC-IDS2017 MachineLearningCVE: no addresses and no time.
printf ' Destination Port, Flow Duration, Total Fwd Packets, Label\n80,5,1,BENIGN\n' >ml.csv
expect_exit 1 csvlabel --alerts a.csv ml.csv >out 2>err
echo "csvlabel: 'ml.csv' lacks identity columns: src_ip ('src_ip' or 'Src IP' or 'Source IP'), dst_ip ('dst_ip' or 'Dst IP' or 'Destination IP'), start ('start' or 'Timestamp'); matching needs the flow start time" >want
same want err

# 5-tuple matching needs ports and protocol.
printf 'start,src_ip,dst_ip\n1,10.0.0.1,10.0.0.2\n' >hosts.csv
expect_exit 0 csvlabel --alerts a.csv hosts.csv >out
expect_exit 1 csvlabel --alerts a.csv --match 5tuple hosts.csv >out 2>err
echo "csvlabel: 'hosts.csv' lacks identity columns: src_port ('src_port' or 'Src Port' or 'Source Port'), dst_port ('dst_port' or 'Dst Port' or 'Destination Port'), protocol ('protocol' or 'protocol_type' or 'Protocol')" >want
same want err
# ... and so does a rule that names a protocol or port.
printf 'label,start,end,src,dst,proto,dst_port\nX,1,2,*,*,tcp,\n' >r.csv
expect_exit 1 csvlabel --rules r.csv hosts.csv >out 2>err
grep -q "lacks identity columns: src_port" err || fail "$(cat err)"

# Header names are case-sensitive.
printf 'START,SRC_IP,DST_IP\n' >upper.csv
expect_exit 1 csvlabel --alerts a.csv upper.csv >out 2>err
grep -q "'upper.csv' lacks identity columns: src_ip" err || fail "$(cat err)"
exit 0
