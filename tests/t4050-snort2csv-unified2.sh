# t4050: unified2 end to end (tests/captures/snort-events.unified2 from
# gen-snort-u2.py): event types 7, 104, 72 and 114, packet and extra-data
# records skipped; corruption stops with the byte offset, exit 1, after
# the events before it.
. "$NF_TESTDIR/lib.sh"
H='ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal'
U2=$CAPS/snort-events.unified2

cat >want <<X
$H
1580140864.877970,1,1001,2,,,2,TCP,10.0.2.2,56642,10.0.2.15,22,,
1580140864.000001,1,1002,2,,,3,ICMP,10.0.0.1,,10.0.0.2,,,
1580140864.000002,1,1003,1,,,3,UDP,2001:db8::1,53,2001:db8::2,1053,,
1580140864.000003,1,1004,0,,,0,TCP,10.4.10.181,39701,65.55.251.108,443,,
X
snort2csv "$U2" >out 2>err || fail "exit $?"
same want out
[ -s err ] && fail "messages: $(cat err)"
snort2csv --format unified2 <"$U2" >out || fail "stdin: exit $?"
same want out

# Records: 60 + 96 + 68 + 36 bytes, so the IPv6 event starts at 260; cut
# the file at 300 bytes: 32 of its 76 body bytes remain.
head -c 300 "$U2" >trunc.u2
snort2csv trunc.u2 >out 2>err
rc=$?
[ $rc = 1 ] || fail "truncated: exit $rc"
head -n 3 want >want2
same want2 out
grep -q "truncated unified2 record in 'trunc.u2' at offset 260: expected 76 bytes, got 32" err ||
    fail "truncated: $(cat err)"
# A header cut short.
head -c 264 "$U2" >trunc2.u2
expect_exit 1 snort2csv trunc2.u2 >out 2>err
grep -q "at offset 260: 4 of 8 bytes" err || fail "short header: $(cat err)"
# An absurd length.
{ head -c 60 "$U2"; printf '\000\000\000\002\177\377\377\377'; } >huge.u2
expect_exit 1 snort2csv huge.u2 >out 2>err
grep -q "at offset 60: length 2147483647 too large" err || fail "huge: $(cat err)"
exit 0
