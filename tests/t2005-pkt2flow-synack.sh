# A flow whose first packet is a SYN+ACK: its receiver (the client
# 10.0.0.1:40003) is the originator, so that packet is backward.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-synack.pcap
events > got
printf '%s\n' 'flow_begin 1' 'pkt 1 1' 'pkt 1 0' 'pkt 1 0' 'pkt 1 1' \
    'pkt 1 0' 'flow_end 1 eof' 'end' > want
same want got
rows
awk -F, 'NR == 2 { print $5, $6, $7, $8, $11, $12 }' rows.csv > got
echo '10.0.0.1 40003 10.0.0.2 80 3 2' > want
same want got
