# t4090: messages, classifications and priorities from sid-msg.map (v1,
# v2), gen-msg.map and classification.config for logs that lack them.
. "$NF_TESTDIR/lib.sh"
H='ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal'

cat >classification.config <<'X'
# classification.config
config classification: not-suspicious,Not Suspicious Traffic,3
config classification: bad-unknown,Potentially Bad Traffic, 2
config classification: trojan-activity,A Network Trojan was detected,1
X
cat >sid-msg.map <<'X'
1001 || GPL TEST one || url,example.com
1 || 1003 || 1 || trojan-activity || 0 || ET TROJAN three
this line is broken
X
cat >gen-msg.map <<'X'
1 || 1002 || gen message two
116 || 1 || (snort_decoder) WARNING: Not IPv4 datagram
X
# The events of snort-events.unified2 have class ids 1 (sid 1001) and
# 2 (sid 1002), none for 1003 and 1004.
cat >want <<X
$H
1580140864.877970,1,1001,2,GPL TEST one,Not Suspicious Traffic,2,TCP,10.0.2.2,56642,10.0.2.15,22,,
1580140864.000001,1,1002,2,gen message two,Potentially Bad Traffic,3,ICMP,10.0.0.1,,10.0.0.2,,,
1580140864.000002,1,1003,1,ET TROJAN three,A Network Trojan was detected,3,UDP,2001:db8::1,53,2001:db8::2,1053,,
1580140864.000003,1,1004,0,,,0,TCP,10.4.10.181,39701,65.55.251.108,443,,
X
snort2csv --sid-msg sid-msg.map --gen-msg gen-msg.map \
    --classification classification.config "$CAPS/snort-events.unified2" \
    >out 2>err || fail "exit $?"
same want out
grep -q "1 malformed lines ignored in 'sid-msg.map' (first: line 3)" err ||
    fail "no malformed-line warning: $(cat err)"
expect_exit 1 snort2csv --sid-msg /nonexistent/map /dev/null
exit 0
