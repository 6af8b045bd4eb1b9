# Idle timeout: a UDP exchange at 0 s and again at 200 s.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
tag flow-idle.pcap
events > got
printf '%s\n' 'flow_begin 1' 'pkt 1 0' 'pkt 1 1' 'flow_end 1 idle' \
    'flow_begin 2' 'pkt 2 0' 'pkt 2 1' 'flow_end 2 eof' 'end' > want
same want got
tag flow-idle.pcap --idle-timeout 300
events > got
printf '%s\n' 'flow_begin 1' 'pkt 1 0' 'pkt 1 1' 'pkt 1 0' 'pkt 1 1' \
    'flow_end 1 eof' 'end' > want
same want got
# Active timeout 100 s: flow 1 ends (active) at the 200 s packet, which
# continues it as flow 2 ("continues 1").
tag flow-idle.pcap --idle-timeout 300 --active-timeout 100
events > got
printf '%s\n' 'flow_begin 1' 'pkt 1 0' 'pkt 1 1' 'flow_end 1 active' \
    'flow_begin 2' 'pkt 2 0' 'pkt 2 1' 'flow_end 2 eof' 'end' > want
same want got
pktdump fl.nf > text || fail pktdump
grep -q 'FLOW_BEGIN flow 2 .* continues 1$' text || fail "no continuation"
