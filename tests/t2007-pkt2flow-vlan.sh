# The same UDP 5-tuple on VLANs 10 and 20: two flows; one with --no-vlan.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-vlan.pcap
rows
cut -d, -f10-12 rows.csv > got
printf '%s\n' 'vlan,fwd_packets,bwd_packets' '10,1,1' '20,1,1' > want
same want got
tag flow-vlan.pcap --no-vlan
rows
cut -d, -f10-12 rows.csv > got
printf '%s\n' 'vlan,fwd_packets,bwd_packets' ',2,2' > want
same want got
